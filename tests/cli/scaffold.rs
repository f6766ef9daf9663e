//! `congkhai new <kind> "Title"` → a content file with a folded slug, the title and today's date.

use crate::support::{Site, TODAY};

const TITLE: &str = "Kết quả thi tuyển Đợt 2";

#[test]
fn new_task_writes_the_file_once() {
    let site = Site::fixture("basic");
    let rel = "content/tasks/ket-qua-thi-tuyen-dot-2.md";
    site.cmd(["new", "task", TITLE])
        .run()
        .success()
        .stdout_has("ket-qua-thi-tuyen-dot-2.md");
    let text = site.read_text(rel);
    assert!(text.starts_with("---\n"), "{text}");
    assert!(text.contains(&format!("title: \"{TITLE}\"")), "{text}");
    assert!(text.contains(TODAY), "{text}");
    for field in ["plan:", "dimension:", "lead:", "schedule:", "status:"] {
        assert!(text.contains(field), "{field} missing:\n{text}");
    }

    // A second run refuses and leaves the file as it was.
    site.write(rel, &format!("{text}\nĐã sửa tay.\n"));
    let edited = site.read_bytes(rel);
    let out = site.cmd(["new", "task", TITLE]).run();
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
    assert_eq!(site.read_bytes(rel), edited);
}

#[test]
fn new_disclosure_update_and_page() {
    let site = Site::fixture("basic");
    for (kind, folder, dated) in [
        ("disclosure", "disclosures", true),
        ("update", "updates", true),
        ("page", "pages", false),
    ] {
        site.cmd(["new", kind, TITLE]).run().success();
        let text = site.read_text(&format!("content/{folder}/ket-qua-thi-tuyen-dot-2.md"));
        assert!(text.contains(&format!("title: \"{TITLE}\"")), "{kind}: {text}");
        if dated {
            assert!(text.contains(TODAY), "{kind}: {text}");
        }
        let again = site.cmd(["new", kind, TITLE]).run();
        assert_ne!(again.code, 0, "{kind} overwrote");
    }
}

#[test]
fn new_update_and_page_build_as_they_are() {
    let site = Site::fixture("basic");
    site.cmd(["new", "update", TITLE]).run().success();
    site.cmd(["new", "page", "Giới thiệu chung"]).run().success();
    site.build_ok();
    assert!(site.has_out("updates/ket-qua-thi-tuyen-dot-2/index.html"));
    assert!(site.has_out("gioi-thieu-chung/index.html"));
}

#[test]
fn new_refuses_a_bundle_of_the_same_slug() {
    let site = Site::fixture("basic");
    site.write(
        "content/disclosures/bao-cao/index.md",
        "---\ntitle: \"Báo cáo\"\ncategory: lien-he\npublished: 2025-01-01\n---\n",
    );
    let out = site.cmd(["new", "disclosure", "Báo cáo"]).run();
    assert_ne!(out.code, 0, "bao-cao is a bundle already: {}", out.stdout);
    assert!(!site.path("content/disclosures/bao-cao.md").exists());
}

#[test]
fn new_refuses_a_slug_taken_in_a_sub_folder() {
    let site = Site::fixture("basic");
    // content/disclosures/2025/danh-sach-dot-1/index.md already has the URL /disclosures/danh-sach-dot-1/.
    let out = site.cmd(["new", "disclosure", "Danh sách Đợt 1"]).run();
    assert_ne!(
        out.code, 0,
        "created a second /disclosures/danh-sach-dot-1/: {}",
        out.stdout
    );
    assert!(!site.path("content/disclosures/danh-sach-dot-1.md").exists());
}

#[test]
fn new_works_in_the_current_folder() {
    let site = Site::fixture("basic");
    site.cmd(["new", "update", "Tin mới: \"Hội nghị\" tháng 12"])
        .no_root()
        .run()
        .success();
    let text = site.read_text("content/updates/tin-moi-hoi-nghi-thang-12.md");
    assert!(
        text.contains("Tin mới: \\\"Hội nghị\\\" tháng 12"),
        "quotes are escaped in YAML:\n{text}"
    );
    site.build_ok();
    assert!(
        site.out("updates/tin-moi-hoi-nghi-thang-12/index.html")
            .contains("Tin mới: &quot;Hội nghị&quot; tháng 12")
    );
}

#[test]
fn new_with_a_title_without_letters_fails() {
    let site = Site::fixture("basic");
    let out = site.cmd(["new", "page", "— ? —"]).run();
    assert_ne!(out.code, 0);
    assert!(!site.path("content/pages/.md").exists());
}
