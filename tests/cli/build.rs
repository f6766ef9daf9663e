//! A good fixture → every URL of the contract, working links under a sub-path, byte-identical
//! rebuilds, drafts and future dates, BOM/CRLF/NFD input, pagination, overdue tasks, attachments.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::support::{Site, TODAY, assert_same_tree, links, main_of};

/// The URL table of the contract, as output files, for the `basic` fixture.
const CONTRACT_FILES: &[&str] = &[
    "index.html",
    "plans/ke-hoach-thu/index.html",
    "tasks/cong-khai/index.html",
    "tasks/tiep-dan/index.html",
    "tasks/cung-cap-thong-tin/index.html",
    "disclosures/thong-bao-tuyen-dung/index.html",
    // In a sub-folder (content/disclosures/2025/): the folder is not part of the URL.
    "disclosures/ket-qua-dot-1/index.html",
    // A page bundle: the slug is the folder name and the attachment sits beside the page.
    "disclosures/danh-sach-dot-1/index.html",
    "disclosures/danh-sach-dot-1/danh-sach.csv",
    "disclosures/lich-tiep-dan/index.html",
    "disclosures/dau-moi-lien-he/index.html",
    "updates/khoi-dong/index.html",
    "updates/so-ket/index.html",
    "lien-he/index.html",
    "plans/index.html",
    "tasks/index.html",
    "disclosures/index.html",
    "disclosures/page/2/index.html",
    "updates/index.html",
    "units/index.html",
    "units/van-phong/index.html",
    "units/thanh-tra/index.html",
    "units/ttth-cb/index.html",
    "dimensions/index.html",
    "dimensions/cong-khai-minh-bach/index.html",
    "dimensions/trach-nhiem-giai-trinh/index.html",
    "categories/index.html",
    "categories/tuyen-dung/index.html",
    "categories/lien-he/index.html",
    "categories/theo-yeu-cau/index.html",
    "disclosure-list/index.html",
    "access-to-information/index.html",
    "yeu-cau-cung-cap-thong-tin/index.html",
    "search/index.html",
    "404.html",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "data/tasks.json",
    "data/tasks.csv",
    "data/disclosures.json",
    "data/disclosures.csv",
    "data/units.csv",
    "data/disclosure-list.json",
    "data/disclosure-list.csv",
    // static/ is copied as is.
    "files/mau-don.txt",
];

#[test]
fn every_contract_url_exists() {
    let site = Site::fixture("basic");
    site.build_ok()
        .stderr_has("1 plans, 3 tasks, 5 disclosures, 2 updates, 2 pages");
    let missing: Vec<&str> = CONTRACT_FILES.iter().copied().filter(|f| !site.has_out(f)).collect();
    assert!(missing.is_empty(), "missing outputs: {missing:?}");
    assert_eq!(
        site.read_bytes("public/disclosures/danh-sach-dot-1/danh-sach.csv"),
        site.read_bytes("content/disclosures/2025/danh-sach-dot-1/danh-sach.csv")
    );
    assert!(!site.has_out("disclosures/2025/ket-qua-dot-1/index.html"));
    assert!(!site.has_out("pages/lien-he/index.html"), "a free page is at /<slug>/");
}

#[test]
fn search_page_links_to_category_lists() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.out("search/index.html");
    assert!(html.contains("/cong-khai/categories/tuyen-dung/"), "{}", main_of(&html));
    assert!(html.contains("/cong-khai/categories/lien-he/"), "{}", main_of(&html));
}

/// Resolves every link of every built HTML page; returns the broken ones as "page: link".
fn broken_links(site: &Site, out: &str, base_path: &str, base_url: &str) -> Vec<String> {
    let tree = site.tree(out);
    let exists = |p: &str| -> bool {
        let p = percent_decode(p);
        if p.is_empty() || p.ends_with('/') {
            tree.contains_key(&format!("{p}index.html"))
        } else {
            tree.contains_key(&p)
        }
    };
    let mut bad = Vec::new();
    let mut seen = 0;
    for (page, bytes) in &tree {
        if !page.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).expect("UTF-8 page");
        let page_dir = page.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
        for link in links(&html) {
            seen += 1;
            let target = strip_query(&link);
            let resolved = if let Some(rest) = link.strip_prefix(base_url) {
                Some(strip_query(rest))
            } else if link.starts_with("//")
                || link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with('#')
            {
                None
            } else if link.starts_with('/') {
                match target.strip_prefix(base_path) {
                    Some(rest) => Some(rest.to_string()),
                    None => {
                        bad.push(format!("{page}: {link} (not under {base_path})"));
                        continue;
                    }
                }
            } else {
                Some(normalise(&format!("{page_dir}{target}")))
            };
            if let Some(p) = resolved
                && !exists(&p)
            {
                bad.push(format!("{page}: {link}"));
            }
        }
    }
    assert!(seen > 100, "the checker saw only {seen} links");
    bad
}

/// The path part of a link, without `#fragment` or `?query`.
fn strip_query(link: &str) -> String {
    let end = link.find(['#', '?']).unwrap_or(link.len());
    link[..end].to_string()
}

fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn every_link_works_under_a_sub_path() {
    let site = Site::fixture("basic");
    site.build_ok();
    let bad = broken_links(&site, "public", "/cong-khai/", "https://example.gov.vn/cong-khai/");
    assert!(bad.is_empty(), "broken links:\n{}", bad.join("\n"));
    // The Markdown link `[Liên hệ](/lien-he/)` of content/_index.md is rewritten under the sub-path.
    assert!(site.out("index.html").contains("href=\"/cong-khai/lien-he/\""));
}

#[test]
fn every_link_works_at_the_domain_root() {
    let site = Site::fixture("basic");
    site.edit(
        "site.yaml",
        "https://example.gov.vn/cong-khai/",
        "https://example.gov.vn/",
    );
    site.build_ok();
    let bad = broken_links(&site, "public", "/", "https://example.gov.vn/");
    assert!(bad.is_empty(), "broken links:\n{}", bad.join("\n"));
    assert!(site.out("index.html").contains("href=\"/lien-he/\""));
}

#[test]
fn base_url_option_overrides_site_yaml() {
    let site = Site::fixture("basic");
    site.cmd(["build", "--base-url", "https://staging.example.vn/thu/"])
        .run()
        .success();
    let bad = broken_links(&site, "public", "/thu/", "https://staging.example.vn/thu/");
    assert!(bad.is_empty(), "broken links:\n{}", bad.join("\n"));
    let html = site.out("index.html");
    assert!(!html.contains("\"/cong-khai/"), "no trace of site.yaml's base_url path");
    let sitemap = site.out("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://staging.example.vn/thu/tasks/cong-khai/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("example.gov.vn"));
    assert!(
        site.out("robots.txt")
            .contains("https://staging.example.vn/thu/sitemap.xml")
    );
}

#[test]
fn raw_html_links_in_markdown_work_under_a_sub_path() {
    let site = Site::fixture("basic");
    site.edit(
        "content/pages/lien-he.md",
        "Gọi 0200",
        "<a href=\"/tasks/cong-khai/\">nhiệm vụ</a> <img src=\"/files/mau-don.txt\" alt=\"mẫu\">\n\nGọi 0200",
    );
    site.build_ok();
    let html = site.out("lien-he/index.html");
    assert!(
        html.contains("href=\"/cong-khai/tasks/cong-khai/\""),
        "{}",
        main_of(&html)
    );
    assert!(
        html.contains("src=\"/cong-khai/files/mau-don.txt\""),
        "{}",
        main_of(&html)
    );
}

#[test]
fn output_option_writes_elsewhere() {
    let site = Site::fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    site.cmd(["build", "--output"]).args([&dest]).run().success();
    assert!(dest.join("index.html").is_file());
    assert!(!site.path("public").exists());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::fixture("basic");
    site.cmd(["build", "--output", "a"]).run().success();
    site.cmd(["build", "--output", "b"]).run().success();
    // Relative --output is taken from the current folder, which is the site root here.
    let a = site.tree("a");
    assert!(a.len() > 30, "{} files", a.len());
    assert_same_tree(&a, &site.tree("b"));
}

#[test]
fn builds_in_different_folders_are_byte_identical() {
    let one = Site::fixture("basic");
    let two = Site::fixture("basic");
    one.build_ok();
    two.build_ok();
    assert_same_tree(&one.tree("public"), &two.tree("public"));
}

#[test]
fn rebuilding_over_the_output_gives_the_same_tree() {
    let site = Site::fixture("basic");
    site.build_ok();
    let first = site.tree("public");
    site.build_ok();
    assert_same_tree(&first, &site.tree("public"));
}

#[test]
fn a_removed_file_leaves_no_stale_page() {
    let site = Site::fixture("basic");
    site.build_ok();
    assert!(site.has_out("disclosures/dau-moi-lien-he/index.html"));
    site.remove("content/disclosures/dau-moi-lien-he.md");
    // Taken down on purpose (the published-site ledger stops it otherwise: tests/cli/ledger.rs).
    site.cmd(["build", "--allow-removal"]).run().success();
    assert!(!site.has_out("disclosures/dau-moi-lien-he/index.html"));
    assert!(!site.out("sitemap.xml").contains("dau-moi-lien-he"));
}

#[test]
fn source_date_epoch_is_the_same_as_today() {
    let site = Site::fixture("basic");
    site.cmd(["build", "--output", "with-today"]).run().success();
    // 2026-11-29 05:00 UTC is 12:00 in Vietnam: the same day in either time zone.
    site.cmd(["build", "--output", "with-epoch"])
        .no_today()
        .env("SOURCE_DATE_EPOCH", "1795928400")
        .run()
        .success();
    assert_same_tree(&site.tree("with-today"), &site.tree("with-epoch"));
    // And another day gives another site (the overdue flag, the generated date).
    site.cmd(["build", "--output", "earlier"])
        .no_today()
        .env("SOURCE_DATE_EPOCH", "1756700000")
        .run()
        .success();
    assert_ne!(site.tree("with-today"), site.tree("earlier"));
}

#[test]
fn source_date_epoch_is_read_in_vietnam_time() {
    let site = Site::fixture("basic");
    site.cmd(["build", "--output", "with-today"]).run().success();
    // 2026-11-28 18:00 UTC is already 2026-11-29 01:00 in Vietnam (UTC+7).
    site.cmd(["build", "--output", "with-epoch"])
        .no_today()
        .env("SOURCE_DATE_EPOCH", "1795888800")
        .run()
        .success();
    assert_same_tree(&site.tree("with-today"), &site.tree("with-epoch"));
}

#[test]
fn bad_source_date_epoch_is_refused() {
    let site = Site::fixture("basic");
    let out = site
        .cmd(["build"])
        .no_today()
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .run();
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("SOURCE_DATE_EPOCH"), "{}", out.stderr);
    assert!(!site.path("public").exists());
}

const DRAFT: &str = "ban-nhap";
const FUTURE: &str = "sap-cong-khai";

fn machine_outputs(site: &Site) -> String {
    [
        "sitemap.xml",
        "feed.xml",
        "data/disclosures.json",
        "data/disclosures.csv",
        "disclosures/index.html",
    ]
    .iter()
    .chain(&[
        "disclosures/page/2/index.html",
        "disclosures/page/3/index.html",
        "categories/lien-he/index.html",
    ])
    .map(|f| site.out(f))
    .collect::<Vec<_>>()
    .join("\n")
}

#[test]
fn drafts_are_left_out() {
    let site = Site::fixture("basic");
    site.build_ok();
    assert!(!site.has_out(&format!("disclosures/{DRAFT}/index.html")));
    let all = machine_outputs(&site);
    assert!(
        !all.contains(DRAFT),
        "the draft appears in a list, the sitemap, the feed or the data"
    );
    assert!(!all.contains("Bản nháp chưa công khai"));
}

#[test]
fn drafts_option_includes_drafts() {
    let site = Site::fixture("basic");
    site.cmd(["build", "--drafts"])
        .run()
        .success()
        .stderr_has("6 disclosures");
    assert!(site.has_out(&format!("disclosures/{DRAFT}/index.html")));
    assert!(site.out("data/disclosures.json").contains(DRAFT));
    assert!(
        site.out("categories/lien-he/index.html")
            .contains("Bản nháp chưa công khai")
    );
}

#[test]
fn future_items_wait_for_their_day() {
    let site = Site::fixture("basic");
    site.build_ok();
    assert!(!site.has_out(&format!("disclosures/{FUTURE}/index.html")));
    let all = machine_outputs(&site);
    assert!(!all.contains(FUTURE) && !all.contains("Thông báo sắp công khai"));

    site.cmd(["build"]).today("2027-01-14").run().success();
    assert!(
        !site.has_out(&format!("disclosures/{FUTURE}/index.html")),
        "not the day before"
    );

    site.cmd(["build"])
        .today("2027-01-15")
        .run()
        .success()
        .stderr_has("6 disclosures");
    assert!(site.has_out(&format!("disclosures/{FUTURE}/index.html")), "on its day");
    assert!(site.out("sitemap.xml").contains(FUTURE));
    assert!(site.out("feed.xml").contains("Thông báo sắp công khai"));
    assert!(site.out("data/disclosures.csv").contains(FUTURE));
}

#[test]
fn future_updates_wait_too() {
    let site = Site::fixture("basic");
    site.cmd(["build"])
        .today("2025-10-14")
        .run()
        .success()
        .stderr_has("1 updates");
    assert!(!site.has_out("updates/so-ket/index.html"));
    assert!(!site.out("feed.xml").contains("Sơ kết 9 tháng"));
}

#[test]
fn bom_crlf_and_nfd_input() {
    let site = Site::fixture("basic");
    // "Kết quả thi tuyển" typed with combining marks (NFD), in a file saved with a BOM and CRLF.
    let nfd_title = "Ke\u{302}\u{301}t qua\u{309} thi tuye\u{302}\u{309}n";
    let nfc_title = "K\u{1ebf}t qu\u{1ea3} thi tuy\u{1ec3}n";
    assert_eq!(nfc_title, "Kết quả thi tuyển");
    let text = format!(
        "---\ntitle: \"{nfd_title}\"\ncategory: tuyen-dung\npublished: 2025-09-01\n---\n\n{nfd_title} đợt 2.\n"
    )
    .replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    // The file name is NFD too: its slug must fold the same as the NFC name.
    site.write_bytes(&format!("content/disclosures/{nfd_title}.md"), &bytes);
    site.build_ok();
    let html = site.out("disclosures/ket-qua-thi-tuyen/index.html");
    assert!(html.contains(&format!("<h1>{nfc_title}</h1>")), "{}", main_of(&html));
    assert!(html.contains(&format!("{nfc_title} đợt 2.")));
    assert!(!html.contains(nfd_title), "NFD text left in the page");
    assert!(!html.contains('\u{feff}'), "BOM left in the page");
    assert!(!html.contains('\r'), "CR left in the page");
    let json = site.out("data/disclosures.json");
    assert!(json.contains(nfc_title) && !json.contains(nfd_title));
}

#[test]
fn pagination_follows_per_page() {
    let site = Site::fixture("basic");
    site.build_ok();
    for page in [
        "disclosures/index.html",
        "disclosures/page/2/index.html",
        "disclosures/page/3/index.html",
    ] {
        assert!(site.has_out(page), "{page}");
    }
    assert!(!site.has_out("disclosures/page/4/index.html"));
    let lists: Vec<String> = [
        "disclosures/index.html",
        "disclosures/page/2/index.html",
        "disclosures/page/3/index.html",
    ]
    .iter()
    .map(|p| site.out(p))
    .collect();
    // Every published disclosure is on exactly one page, newest first.
    let order = [
        "lich-tiep-dan",
        "ket-qua-dot-1",
        "danh-sach-dot-1",
        "thong-bao-tuyen-dung",
        "dau-moi-lien-he",
    ];
    for (i, slug) in order.iter().enumerate() {
        let href = format!("href=\"/cong-khai/disclosures/{slug}/\"");
        let on: Vec<usize> = (0..3).filter(|p| main_of(&lists[*p]).contains(&href)).collect();
        assert_eq!(on, vec![i / 2], "{slug} is on list pages {on:?}");
    }
    assert!(
        main_of(&lists[0]).contains("/cong-khai/disclosures/page/2/"),
        "page 1 links to page 2"
    );
    assert!(
        main_of(&lists[2]).contains("/cong-khai/disclosures/page/2/"),
        "page 3 links back to page 2"
    );

    // Two more (a draft and a future one) make four pages.
    site.cmd(["build", "--drafts"]).today("2027-02-01").run().success();
    assert!(site.has_out("disclosures/page/4/index.html"));
    assert!(!site.has_out("disclosures/page/5/index.html"));
}

#[test]
fn overdue_task_says_qua_han() {
    let site = Site::fixture("basic");
    site.build_ok();
    let task = site.out("tasks/cong-khai/index.html");
    assert!(main_of(&task).contains("Quá hạn"), "{}", main_of(&task));
    assert!(
        main_of(&site.out("tasks/index.html")).contains("Quá hạn"),
        "the task list shows it"
    );
    assert!(
        main_of(&site.out("index.html")).contains("Công khai thông tin"),
        "the dashboard lists it"
    );
    assert!(
        main_of(&site.out("index.html")).contains("Quá hạn"),
        "the dashboard shows it"
    );
    assert!(
        !main_of(&site.out("tasks/tiep-dan/index.html")).contains("Quá hạn"),
        "done is never overdue"
    );
    assert!(
        !main_of(&site.out("tasks/cung-cap-thong-tin/index.html")).contains("Quá hạn"),
        "no due date, never overdue"
    );
    let json: serde_json::Value = serde_json::from_str(&site.out("data/tasks.json")).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "cong-khai")
        .unwrap();
    assert_eq!(item["overdue"], true);

    // An earlier day hides what was published since: into a new output (no ledger).
    std::fs::remove_dir_all(site.path("public")).expect("remove the output");
    site.cmd(["build"]).today("2025-09-01").run().success();
    let task = site.out("tasks/cong-khai/index.html");
    assert!(!main_of(&task).contains("Quá hạn"), "{}", main_of(&task));
    // The list's filter links always offer "Quá hạn"; no row of its table says it.
    let list = site.out("tasks/index.html");
    let main = main_of(&list);
    assert!(!main[main.find("<table").expect("task table")..].contains("Quá hạn"));
}

#[test]
fn overdue_starts_the_day_after_due() {
    let site = Site::fixture("basic");
    site.cmd(["build"]).today("2025-09-30").run().success();
    assert!(
        !main_of(&site.out("tasks/cong-khai/index.html")).contains("Quá hạn"),
        "due today is not late"
    );
    site.cmd(["build"]).today("2025-10-01").run().success();
    assert!(main_of(&site.out("tasks/cong-khai/index.html")).contains("Quá hạn"));
}

#[test]
fn done_task_past_due_is_not_overdue() {
    let site = Site::fixture("basic");
    site.edit("content/tasks/cong-khai.md", "status: in-progress", "status: done");
    site.build_ok();
    assert!(!main_of(&site.out("tasks/cong-khai/index.html")).contains("Quá hạn"));
}

#[test]
fn schedule_in_words() {
    let site = Site::fixture("basic");
    site.build_ok();
    let ongoing = site.out("tasks/tiep-dan/index.html");
    assert!(main_of(&ongoing).contains("Thường xuyên"), "{}", main_of(&ongoing));
    let on_request = site.out("tasks/cung-cap-thong-tin/index.html");
    assert!(
        main_of(&on_request).contains("Khi có đề nghị"),
        "{}",
        main_of(&on_request)
    );
    let dated = site.out("tasks/cong-khai/index.html");
    assert!(main_of(&dated).contains("30/09/2025"), "{}", main_of(&dated));
    assert!(main_of(&dated).contains("01/05/2025"));
}

#[test]
fn task_page_shows_units_progress_and_updates_newest_first() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.out("tasks/cong-khai/index.html");
    let main = main_of(&html);
    assert!(
        main.contains("href=\"/cong-khai/units/van-phong/\""),
        "lead unit linked"
    );
    assert!(
        main.contains("href=\"/cong-khai/units/thanh-tra/\""),
        "partner unit linked"
    );
    assert!(main.contains("40%"), "progress as text");
    let newer = main.find("Đã đăng danh mục thông tin.").unwrap();
    let older = main.find("Bắt đầu đăng thông tin.").unwrap();
    assert!(newer < older, "updates newest first");
    assert!(
        main.contains("href=\"/cong-khai/disclosures/thong-bao-tuyen-dung/\""),
        "evidence listed"
    );
    let free = site.out("tasks/tiep-dan/index.html");
    assert!(
        main_of(&free).contains("Các phòng, ban liên quan"),
        "partners_text shown"
    );
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn attachments_show_size_type_and_sha256() {
    let site = Site::fixture("basic");
    site.build_ok();
    let cases = [
        (
            "disclosures/thong-bao-tuyen-dung/index.html",
            "static/files/mau-don.txt",
            "text/plain",
            "/cong-khai/files/mau-don.txt",
        ),
        (
            "disclosures/danh-sach-dot-1/index.html",
            "content/disclosures/2025/danh-sach-dot-1/danh-sach.csv",
            "text/csv",
            "/cong-khai/disclosures/danh-sach-dot-1/danh-sach.csv",
        ),
    ];
    for (page, file, mime, href) in cases {
        let bytes = site.read_bytes(file);
        let html = site.out(page);
        let main = main_of(&html);
        assert!(
            main.contains(&sha256_hex(&bytes)),
            "{page} lacks the SHA-256 of {file}:\n{main}"
        );
        assert!(main.contains(mime), "{page} lacks the type {mime}");
        assert!(
            main.contains(&format!("{} B", bytes.len())),
            "{page} lacks the size {} B",
            bytes.len()
        );
        assert!(
            main.contains(&format!("href=\"{href}\"")),
            "{page} lacks the link {href}"
        );
    }
}

#[test]
fn revisions_are_shown() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.out("disclosures/ket-qua-dot-1/index.html");
    assert!(main_of(&html).contains("Sửa điểm của thí sinh TS002."));
    assert!(main_of(&html).contains("25/08/2025"));
}

#[test]
fn site_templates_override_the_theme() {
    let site = Site::fixture("basic");
    site.write(
        "templates/404.html",
        "<!doctype html><html lang=\"vi\"><body><main><h1>Không tìm thấy (mẫu riêng)</h1></main></body></html>\n",
    );
    site.build_ok();
    assert!(site.out("404.html").contains("Không tìm thấy (mẫu riêng)"));
}

#[test]
fn today_is_fixed_everywhere() {
    // Nothing in the output depends on the clock when --today is given.
    let site = Site::fixture("basic");
    site.build_ok();
    let tree: BTreeMap<String, Vec<u8>> = site.tree("public");
    let json = String::from_utf8(tree["data/tasks.json"].clone()).unwrap();
    assert!(json.contains(&format!("\"generated\":\"{TODAY}\"")), "{json}");
}

#[test]
fn the_feed_is_newest_first_with_disclosures_before_updates_on_one_day() {
    let site = Site::fixture("basic");
    let disclosure = |title: &str, day: &str| {
        format!("---\ntitle: \"{title}\"\ncategory: lien-he\npublished: {day}\n---\n\nNội dung.\n")
    };
    let update = |title: &str, day: &str| format!("---\ntitle: \"{title}\"\ndate: {day}\n---\n\nTin.\n");
    // so-ket.md (an update) is dated 2025-10-15 already.
    site.write(
        "content/disclosures/b-cung-ngay.md",
        &disclosure("Văn bản B cùng ngày", "2025-10-15"),
    )
    .write(
        "content/disclosures/a-cung-ngay.md",
        &disclosure("Văn bản A cùng ngày", "2025-10-15"),
    )
    .write(
        "content/updates/z-cung-ngay.md",
        &update("Tin Z cùng ngày", "2025-10-15"),
    )
    .write("content/updates/moi-nhat.md", &update("Tin mới nhất", "2025-11-20"))
    .write(
        "content/disclosures/cu-nhat.md",
        &disclosure("Văn bản cũ nhất", "2020-01-01"),
    );
    site.cmd(["build"]).run().success();
    let feed = site.out("feed.xml");
    let at = |title: &str| feed.find(title).unwrap_or_else(|| panic!("{title} is not in the feed"));
    let order = [
        "Tin mới nhất",
        "Văn bản A cùng ngày",
        "Văn bản B cùng ngày",
        "Sơ kết 9 tháng",
        "Tin Z cùng ngày",
        "Văn bản cũ nhất",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} should come before {}", pair[0], pair[1]);
    }
    // Only the 50 newest: 60 more recent disclosures push the oldest out.
    for k in 0..60 {
        site.write(
            &format!("content/disclosures/them-{k:02}.md"),
            &disclosure(&format!("Thêm {k:02}"), "2025-12-01"),
        );
    }
    site.cmd(["build"]).run().success();
    let feed = site.out("feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 50);
    assert!(feed.contains("Thêm 00") && feed.contains("Thêm 49") && !feed.contains("Thêm 50"));
    assert!(!feed.contains("Tin mới nhất"));
}
