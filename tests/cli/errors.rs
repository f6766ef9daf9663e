//! Broken sites → exit 1, `path:line:` of the mistake, a message naming what was expected,
//! and the previously published output left byte for byte as it was.

use crate::support::{Out, Site, assert_same_tree};

const TASK: &str = "content/tasks/cong-khai.md";
const DISCLOSURE: &str = "content/disclosures/lich-tiep-dan.md";
const BUNDLE: &str = "content/disclosures/2025/danh-sach-dot-1/index.md";

/// Builds the good site, breaks it with `breakit`, builds again: exit 1, output untouched,
/// no staging folder left behind.
fn broken(breakit: impl FnOnce(&Site)) -> (Site, Out) {
    let site = Site::fixture("basic");
    site.build_ok();
    let before = site.tree("public");
    assert!(before.contains_key("index.html"), "the good build wrote the home page");
    let entries_before = entries(&site);
    breakit(&site);
    let out = site.build().code(1).stderr_has("nothing was published");
    assert_same_tree(&before, &site.tree("public"));
    assert_eq!(
        entries(&site),
        entries_before,
        "a failed build leaves no staging folder in the root"
    );
    (site, out)
}

fn entries(site: &Site) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(site.root())
        .expect("read the root")
        .map(|e| e.expect("root entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn yaml_syntax_error_in_front_matter() {
    let (site, out) = broken(|s| {
        s.edit(TASK, "status: in-progress\n", "status: in-progress: x\n");
    });
    let line = site.line_of(TASK, "status: in-progress: x");
    assert_eq!(line, 9);
    let l = out.error_line(&format!("{TASK}:{line}:"));
    assert!(l.contains("invalid YAML"), "{l}");
}

#[test]
fn yaml_syntax_error_in_data_file() {
    let (site, out) = broken(|s| {
        s.edit("data/units.yaml", "  short: \"TT\"\n", "  short: \"TT\" x: y\n");
    });
    let line = site.line_of("data/units.yaml", "x: y");
    out.error_line(&format!("data/units.yaml:{line}:"));
}

#[test]
fn yaml_syntax_error_in_site_yaml() {
    let (site, out) = broken(|s| {
        s.edit("site.yaml", "per_page: 2", "per_page: [2");
    });
    let line = site.line_of("site.yaml", "per_page: [2");
    // The parser notices the unclosed `[` at the end of the file at the latest.
    let l = out
        .stderr
        .lines()
        .find(|l| l.starts_with("site.yaml:"))
        .expect("an error in site.yaml");
    let at: usize = l.split(':').nth(1).unwrap().parse().unwrap();
    assert!(at >= line, "{l}");
    assert!(l.contains("YAML"), "{l}");
}

#[test]
fn task_without_lead() {
    let (_, out) = broken(|s| {
        s.edit(TASK, "lead: van-phong\n", "");
    });
    // A missing field has no line of its own: it is reported at the opening `---`.
    let l = out.error_line(&format!("{TASK}:1:"));
    assert!(l.contains("missing required field `lead`"), "{l}");
    assert!(l.contains("data/units.yaml"), "names where unit ids come from: {l}");
}

#[test]
fn disclosure_without_published() {
    let (_, out) = broken(|s| {
        s.edit(DISCLOSURE, "published: 2025-10-30\n", "");
    });
    let l = out.error_line(&format!("{DISCLOSURE}:1:"));
    assert!(l.contains("missing required field `published`"), "{l}");
    assert!(l.contains("published: 2025-06-30"), "shows the expected form: {l}");
}

#[test]
fn impossible_date() {
    let (site, out) = broken(|s| {
        s.edit(DISCLOSURE, "published: 2025-10-30", "published: 2026-02-30");
    });
    let line = site.line_of(DISCLOSURE, "2026-02-30");
    assert_eq!(line, 4);
    let l = out.error_line(&format!("{DISCLOSURE}:{line}:"));
    assert!(l.contains("`2026-02-30` is not a real date"), "{l}");
    assert!(l.contains("28 days"), "{l}");
}

#[test]
fn impossible_date_in_schedule() {
    let (site, out) = broken(|s| {
        s.edit(TASK, "due: 2025-09-30", "due: 2025-09-31");
    });
    let line = site.line_of(TASK, "due: 2025-09-31");
    let l = out.error_line(&format!("{TASK}:{line}:"));
    assert!(l.contains("2025-09-31"), "{l}");
}

#[test]
fn unknown_unit_lists_known_ids() {
    let (site, out) = broken(|s| {
        s.edit(TASK, "lead: van-phong", "lead: phong-x");
    });
    let line = site.line_of(TASK, "lead: phong-x");
    assert_eq!(line, 6);
    let l = out.error_line(&format!("{TASK}:{line}:"));
    assert!(l.contains("unknown unit `phong-x`"), "{l}");
    assert!(
        l.contains("thanh-tra, ttth-cb, van-phong"),
        "lists the known unit ids: {l}"
    );
}

#[test]
fn unknown_partner_unit() {
    let (site, out) = broken(|s| {
        s.edit(TASK, "partners: [thanh-tra]", "partners: [thanh-tra, phong-y]");
    });
    let line = site.line_of(TASK, "partners:");
    let l = out.error_line(&format!("{TASK}:{line}:"));
    assert!(l.contains("unknown unit `phong-y`"), "{l}");
    out.stderr_lacks("`thanh-tra` (");
}

#[test]
fn unknown_dimension() {
    let (site, out) = broken(|s| {
        s.edit(TASK, "dimension: cong-khai-minh-bach", "dimension: dim-x");
    });
    let line = site.line_of(TASK, "dimension: dim-x");
    let l = out.error_line(&format!("{TASK}:{line}:"));
    assert!(l.contains("unknown dimension `dim-x`"), "{l}");
    assert!(l.contains("cong-khai-minh-bach, trach-nhiem-giai-trinh"), "{l}");
}

#[test]
fn unknown_category() {
    let (site, out) = broken(|s| {
        s.edit(DISCLOSURE, "category: lien-he", "category: cat-x");
    });
    let line = site.line_of(DISCLOSURE, "category: cat-x");
    let l = out.error_line(&format!("{DISCLOSURE}:{line}:"));
    assert!(l.contains("unknown category `cat-x`"), "{l}");
    assert!(l.contains("lien-he, theo-yeu-cau, tuyen-dung"), "{l}");
}

#[test]
fn unknown_plan() {
    let (site, out) = broken(|s| {
        s.edit(TASK, "plan: ke-hoach-thu", "plan: plan-x");
    });
    let line = site.line_of(TASK, "plan: plan-x");
    let l = out.error_line(&format!("{TASK}:{line}:"));
    assert!(l.contains("unknown plan `plan-x`"), "{l}");
    assert!(l.contains("ke-hoach-thu"), "{l}");
}

#[test]
fn unknown_task_in_disclosure_and_update() {
    let update = "content/updates/khoi-dong.md";
    let (site, out) = broken(|s| {
        s.edit(DISCLOSURE, "task: tiep-dan", "task: task-x");
        s.edit(update, "tasks: [cong-khai]", "tasks: [cong-khai, task-y]");
    });
    let line = site.line_of(DISCLOSURE, "task: task-x");
    let l = out.error_line(&format!("{DISCLOSURE}:{line}:"));
    assert!(l.contains("unknown task `task-x`"), "{l}");
    assert!(l.contains("cong-khai, cung-cap-thong-tin, tiep-dan"), "{l}");
    let line = site.line_of(update, "tasks:");
    let l = out.error_line(&format!("{update}:{line}:"));
    assert!(l.contains("unknown task `task-y`"), "{l}");
}

#[test]
fn duplicate_slug_names_both_files() {
    let other = "content/disclosures/2025/lich-khac.md";
    let (_, out) = broken(|s| {
        s.write(
            other,
            "---\ntitle: \"Lịch khác\"\nslug: lich-tiep-dan\ncategory: lien-he\npublished: 2025-01-01\n---\n\nKhác.\n",
        );
    });
    let l = out.error_line(&format!("{other}:3:"));
    assert!(l.contains("duplicate slug"), "{l}");
    assert!(l.contains(DISCLOSURE), "names the other file: {l}");
    let l = out.error_line(&format!("{DISCLOSURE}:"));
    assert!(l.contains(other), "names the other file: {l}");
}

#[test]
fn duplicate_slug_from_file_names() {
    // `Lịch tiếp dân.md` folds to the same slug as an existing file in another folder.
    let other = "content/disclosures/2025/Lịch Tiếp Dân.md";
    let (_, out) = broken(|s| {
        s.write(
            other,
            "---\ntitle: \"Lịch\"\ncategory: lien-he\npublished: 2025-01-01\n---\n\nKhác.\n",
        );
    });
    let l = out.error_line(&format!("{other}:"));
    assert!(l.contains("duplicate slug") && l.contains(DISCLOSURE), "{l}");
}

#[test]
fn duplicate_id_in_units() {
    let (site, out) = broken(|s| {
        let mut text = s.read_text("data/units.yaml");
        text.push_str("- id: van-phong\n  name: \"Văn phòng khác\"\n");
        s.write("data/units.yaml", &text);
    });
    let line = site.read_text("data/units.yaml").lines().count() - 1;
    let l = out.error_line(&format!("data/units.yaml:{line}:"));
    assert!(l.contains("duplicate id `van-phong`"), "{l}");
    assert!(l.contains("line 1"), "points at the first use: {l}");
}

#[test]
fn missing_attachment_beside_the_file() {
    let (site, out) = broken(|s| {
        s.remove("content/disclosures/2025/danh-sach-dot-1/danh-sach.csv");
    });
    let line = site.line_of(BUNDLE, "file: danh-sach.csv");
    let l = out.error_line(&format!("{BUNDLE}:{line}:"));
    assert!(l.contains("`danh-sach.csv` not found"), "{l}");
}

#[test]
fn missing_attachment_in_static() {
    let file = "content/disclosures/thong-bao-tuyen-dung.md";
    let (site, out) = broken(|s| {
        s.edit(file, "/files/mau-don.txt", "/files/khong-co.pdf");
    });
    let line = site.line_of(file, "/files/khong-co.pdf");
    let l = out.error_line(&format!("{file}:{line}:"));
    assert!(l.contains("static/files/khong-co.pdf"), "names the expected file: {l}");
}

#[test]
fn attachment_escaping_the_root() {
    for escape in ["../x", "../../../../site.yaml", "/../../site.yaml"] {
        let (site, out) = broken(|s| {
            s.edit(BUNDLE, "file: danh-sach.csv", &format!("file: {escape}"));
        });
        let line = site.line_of(BUNDLE, &format!("file: {escape}"));
        let l = out.error_line(&format!("{BUNDLE}:{line}:"));
        assert!(l.contains("must stay inside the site"), "{escape}: {l}");
    }
}

#[test]
fn attachment_with_a_filesystem_path() {
    // A leading `/` means static/, never the machine's root folder.
    let (site, out) = broken(|s| {
        s.edit(BUNDLE, "file: danh-sach.csv", "file: /etc/passwd");
    });
    let line = site.line_of(BUNDLE, "file: /etc/passwd");
    let l = out.error_line(&format!("{BUNDLE}:{line}:"));
    assert!(l.contains("static/etc/passwd"), "{l}");
    assert!(!site.path("public/etc").exists());
}

#[test]
fn attachment_that_is_a_symlink() {
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "secret outside the site\n").unwrap();
    let (site, out) = broken(|s| {
        s.symlink(secret.path(), "content/disclosures/2025/danh-sach-dot-1/danh-sach.csv");
    });
    let line = site.line_of(BUNDLE, "file: danh-sach.csv");
    let l = out.error_line(&format!("{BUNDLE}:{line}:"));
    assert!(l.contains("symbolic link"), "{l}");
}

#[test]
fn attachment_in_static_that_is_a_symlink() {
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "secret outside the site\n").unwrap();
    let file = "content/disclosures/thong-bao-tuyen-dung.md";
    let (site, out) = broken(|s| {
        s.symlink(secret.path(), "static/files/mau-don.txt");
    });
    let line = site.line_of(file, "/files/mau-don.txt");
    let l = out.error_line(&format!("{file}:{line}:"));
    assert!(l.contains("symbolic link"), "{l}");
}

#[test]
fn file_that_is_not_utf8() {
    let page = "content/pages/gioi-thieu.md";
    let (_, out) = broken(|s| {
        // "Giới thiệu" in Windows-1258-ish bytes: 0xE9 is not valid UTF-8 here.
        s.write_bytes(page, b"---\ntitle: \"Gi\xe9i thi\xe9u\"\n---\n\nN\xe9i dung.\n");
    });
    let l = out.error_line(&format!("{page}:2:"));
    assert!(l.contains("not valid UTF-8"), "{l}");
}

#[test]
fn front_matter_without_closing_fence() {
    let page = "content/pages/gioi-thieu.md";
    let (_, out) = broken(|s| {
        s.write(page, "---\ntitle: \"Giới thiệu\"\nweight: 2\n\nNội dung trang.\n");
    });
    let l = out.error_line(&format!("{page}:1:"));
    assert!(l.contains("never closed") && l.contains("---"), "{l}");
}

#[test]
fn site_yaml_without_title() {
    let (_, out) = broken(|s| {
        s.edit("site.yaml", "title: \"Công khai — Văn phòng Thử nghiệm\"\n", "");
    });
    let l = out.error_line("site.yaml:1:");
    assert!(l.contains("missing required setting `title`"), "{l}");
}

#[test]
fn site_yaml_without_base_url() {
    let (_, out) = broken(|s| {
        s.edit("site.yaml", "base_url: \"https://example.gov.vn/cong-khai/\"\n", "");
    });
    let l = out.error_line("site.yaml:1:");
    assert!(l.contains("missing required setting `base_url`"), "{l}");
    assert!(l.contains("https://"), "shows an example: {l}");
}

#[test]
fn site_relative_link_to_missing_page() {
    let page = "content/pages/lien-he.md";
    let (site, out) = broken(|s| {
        s.edit(
            page,
            "Gọi 0200",
            "Xem [quy chế](/quy-che/) và [mẫu](/files/khong-co.pdf).\n\nGọi 0200",
        );
    });
    let line = site.line_of(page, "[quy chế]");
    let l = out.error_line(&format!("{page}:{line}:"));
    assert!(l.contains("`/quy-che/`") && l.contains("no page or file"), "{l}");
    assert!(out.stderr.contains("`/files/khong-co.pdf`"), "{}", out.stderr);
}

#[test]
fn many_errors_in_many_files_at_once() {
    let page = "content/pages/lien-he.md";
    let (site, out) = broken(|s| {
        s.edit(TASK, "lead: van-phong", "lead: phong-x");
        s.edit(DISCLOSURE, "published: 2025-10-30", "published: 2026-02-30");
        s.edit(page, "weight: 10", "weight: 10: x");
        s.edit("data/categories.yaml", "- id: lien-he", "- id: tuyen-dung");
    });
    out.error_line(&format!("{TASK}:{}:", site.line_of(TASK, "phong-x")));
    out.error_line(&format!("{DISCLOSURE}:{}:", site.line_of(DISCLOSURE, "2026-02-30")));
    out.error_line(&format!("{page}:{}:", site.line_of(page, "weight: 10: x")));
    let l = out.error_line("data/categories.yaml:6:");
    assert!(l.contains("duplicate id `tuyen-dung`"), "{l}");
    let errors = out.stderr.lines().filter(|l| l.contains(": error: ")).count();
    assert!(errors >= 4, "{}", out.stderr);
    out.stderr_has(&format!("error: {errors} problems found"));
}

#[test]
fn error_lines_count_bom_and_crlf_files() {
    let (site, out) = broken(|s| {
        let text = s
            .read_text(TASK)
            .replace("lead: van-phong", "lead: phong-x")
            .replace('\n', "\r\n");
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        s.write_bytes(TASK, &bytes);
    });
    let line = site.line_of(TASK, "lead: phong-x");
    assert_eq!(line, 6);
    out.error_line(&format!("{TASK}:{line}:"));
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let site = Site::fixture("basic");
    site.cmd(["frobnicate"]).no_root().no_today().run().code(2);
    assert!(!site.path("public").exists());
}

#[test]
fn impossible_today_is_a_usage_error() {
    let site = Site::fixture("basic");
    site.cmd(["build"])
        .today("2025-13-01")
        .run()
        .code(2)
        .stderr_has("2025-13-01");
    assert!(!site.path("public").exists());
}

#[test]
fn unknown_option_is_a_usage_error() {
    let site = Site::fixture("basic");
    site.cmd(["build", "--frobnicate"]).run().code(2);
    site.cmd(["new", "essay", "Tiêu đề"]).no_today().run().code(2);
}

#[test]
fn a_broken_file_is_reported_once_not_by_every_file_that_names_it() {
    let (_site, out) = broken(|s| {
        // cong-khai is named by disclosures and updates; its own YAML error is the only report.
        s.edit(TASK, "status: in-progress\n", "status: [in-progress\n");
    });
    assert_eq!(out.stderr.matches(": error: ").count(), 1, "{}", out.stderr);
    assert!(!out.stderr.contains("unknown task"), "{}", out.stderr);
}

#[test]
fn a_data_file_that_cannot_be_read_does_not_make_every_id_unknown() {
    let (_site, out) = broken(|s| {
        s.edit("data/units.yaml", "  short: \"TT\"\n", "  short: \"TT\" x: y\n");
    });
    assert!(!out.stderr.contains("unknown unit"), "{}", out.stderr);
}

#[test]
fn a_link_to_a_page_that_failed_is_not_reported_twice() {
    let (_site, out) = broken(|s| {
        s.write(
            "content/pages/xem-them.md",
            "---\ntitle: Xem thêm\n---\n[Nhiệm vụ](/tasks/cong-khai/)\n",
        );
        s.edit(TASK, "status: in-progress\n", "status: [in-progress\n");
    });
    assert!(!out.stderr.contains("/tasks/cong-khai/"), "{}", out.stderr);
    assert_eq!(out.stderr.matches(": error: ").count(), 1, "{}", out.stderr);
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft() {
    let (site, out) = broken(|s| {
        s.write(
            "content/pages/xem-them.md",
            "---\ntitle: Xem thêm\n---\n\n[Bản nháp](/disclosures/ban-nhap/)\n",
        );
    });
    let line = site.line_of("content/pages/xem-them.md", "[Bản nháp]");
    let l = out.error_line(&format!("content/pages/xem-them.md:{line}:"));
    assert!(l.contains("not published (draft)"), "{l}");
}

#[test]
fn due_before_start_is_a_warning_not_an_error() {
    let site = Site::fixture("basic");
    site.edit(TASK, "due: 2025-09-30", "due: 2025-04-30");
    let line = site.line_of(TASK, "schedule:");
    site.build_ok()
        .stderr_has(&format!("{TASK}:{line}:1: warning: `schedule.due`"));
    assert!(site.out("tasks/cong-khai/index.html").contains("30/04/2025"));
}

/// A one-shot build writes pages into its staging folder as it renders them: a template that
/// fails on one page, after others were written, must still publish nothing and leave no
/// staging folder.
#[test]
fn a_template_that_fails_while_rendering_publishes_nothing() {
    let site = Site::fixture("basic");
    site.write("templates/.keep", "");
    site.build_ok();
    let before = site.tree("public");
    let entries_before = entries(&site);
    site.write(
        "templates/search.html",
        "<!doctype html><html lang=\"vi\"><body><main>{{ khong_co.gia_tri }}</main></body></html>\n",
    );
    site.build()
        .code(1)
        .stderr_has("while rendering `/search/index.html`")
        .stderr_has("nothing was published");
    assert_same_tree(&before, &site.tree("public"));
    assert_eq!(entries(&site), entries_before, "no staging folder is left in the root");
}
