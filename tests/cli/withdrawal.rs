//! `withdrawn: {date, reason, hide_body}`: a disclosure or update taken back keeps its page
//! with a notice, leaves the latest lists for a withdrawn group of its category, is news in
//! the feed, is marked in the open data; `hide_body` takes the text and the files away.

use crate::support::Site;

const LICH: &str = "content/disclosures/lich-tiep-dan.md";
const BUNDLE: &str = "content/disclosures/2025/danh-sach-dot-1/index.md";

fn withdraw(site: &Site, rel: &str, hide: bool) {
    let text = site.read_text(rel);
    let extra = if hide { "\n  hide_body: true" } else { "" };
    site.write(
        rel,
        &text.replacen(
            "---\n",
            &format!("---\nwithdrawn:\n  date: 2025-11-05\n  reason: \"Đăng nhầm lịch\"{extra}\n"),
            1,
        ),
    );
}

#[test]
fn a_withdrawn_disclosure_keeps_its_page_with_a_notice() {
    let site = Site::fixture("basic");
    site.build_ok();
    withdraw(&site, LICH, false);
    // The ledger accepts it: the page stays.
    site.build_ok().stderr_lacks("vanish");
    let page = site.out("disclosures/lich-tiep-dan/index.html");
    assert!(
        page.contains(
            "<strong>Đã rút lại ngày <time datetime=\"2025-11-05\">05/11/2025</time>.</strong> Lý do: Đăng nhầm lịch"
        ),
        "{page}"
    );
    assert!(page.contains("Lịch tiếp công dân."), "the text stays without hide_body");
    // Out of the latest, into its category's withdrawn group.
    let home = site.out("index.html");
    assert!(
        !home.contains("/cong-khai/disclosures/lich-tiep-dan/"),
        "not among the latest"
    );
    let cat = site.out("categories/lien-he/index.html");
    let group = &cat[cat
        .find("<h2 id=\"h-withdrawn\">Đã rút lại</h2>")
        .expect("withdrawn group")..];
    assert!(group.contains("/cong-khai/disclosures/lich-tiep-dan/"));
    let main_table = &cat[..cat.find("<h2 id=\"h-withdrawn\">").expect("group")];
    assert!(!main_table.contains("/cong-khai/disclosures/lich-tiep-dan/"));
    // News in the feed, with its reason.
    let feed = site.out("feed.xml");
    assert!(
        feed.contains("<title>Rút lại: Lịch tiếp công dân tháng 11</title>"),
        "{feed}"
    );
    assert!(feed.contains("<id>https://example.gov.vn/cong-khai/disclosures/lich-tiep-dan/#withdrawn</id>"));
    assert!(feed.contains("<summary>Đăng nhầm lịch</summary>"));
    // Marked in the open data.
    let data: serde_json::Value = serde_json::from_str(&site.read_text("public/data/disclosures.json")).expect("JSON");
    let item = data["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|d| d["id"] == "lich-tiep-dan")
        .expect("item");
    assert_eq!(item["status"], "withdrawn");
    assert_eq!(item["withdrawn_date"], "2025-11-05");
    assert_eq!(item["withdrawn_reason"], "Đăng nhầm lịch");
    assert!(
        site.read_text("public/data/disclosures.csv")
            .contains(",withdrawn,2025-11-05,Đăng nhầm lịch")
    );
}

#[test]
fn hide_body_takes_the_text_and_the_files_away() {
    let site = Site::fixture("basic");
    site.build_ok();
    assert!(site.has_out("disclosures/danh-sach-dot-1/danh-sach.csv"));
    withdraw(&site, BUNDLE, true);
    site.build_ok();
    let page = site.out("disclosures/danh-sach-dot-1/index.html");
    assert!(page.contains("Nội dung và tệp đính kèm đã được gỡ bỏ"), "{page}");
    assert!(!page.contains("Danh sách thí sinh đủ điều kiện."), "the text is gone");
    assert!(!page.contains("danh-sach.csv"), "no link to the file");
    assert!(
        !site.has_out("disclosures/danh-sach-dot-1/danh-sach.csv"),
        "the file is not published"
    );
    assert!(
        !site
            .read_text("public/data/disclosure-list.csv")
            .contains("danh-sach.csv")
    );
    let search = site.tree("public/search");
    assert!(
        !search
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("đủ điều kiện")),
        "the text is not searchable"
    );
}

#[test]
fn a_withdrawn_update_leaves_the_latest() {
    let site = Site::fixture("basic");
    withdraw(&site, "content/updates/khoi-dong.md", true);
    site.build_ok();
    let page = site.out("updates/khoi-dong/index.html");
    assert!(page.contains("Đã rút lại ngày"));
    assert!(
        !page.contains("Văn phòng triển khai kế hoạch"),
        "summary and text hidden"
    );
    assert!(!site.out("index.html").contains("/cong-khai/updates/khoi-dong/"));
}

#[test]
fn a_withdrawal_needs_a_date_and_a_reason() {
    let site = Site::fixture("basic");
    let text = site.read_text(LICH);
    site.write(LICH, &text.replacen("---\n", "---\nwithdrawn: {date: 2025-02-30}\n", 1));
    let out = site.cmd(["build"]).run().code(1);
    let l = out.error_line(&format!("{LICH}:2:"));
    assert!(
        l.contains("`withdrawn.date`") || out.stderr.contains("`withdrawn` needs `reason:`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("`withdrawn` needs `reason:`"), "{}", out.stderr);
    site.write(LICH, &text.replacen("---\n", "---\nwithdrawn: yes\n", 1));
    let out = site.cmd(["build"]).run().code(1);
    assert!(out.error_line(&format!("{LICH}:2:")).contains("`withdrawn` is a map"));
}
