//! A feed per category and per task (`/categories/<id>/feed.xml`, `/tasks/<slug>/feed.xml`):
//! valid Atom that a feed reader library parses, exactly the items of its topic with the site
//! feed's ids, dated from the content; announced by the pages they are about, listed on
//! `/subscribe/`, followed by rebuilds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use congkhai::{Changes, Session};

use crate::support::{Site, links, options, tree};

const BASE: &str = "https://example.gov.vn/cong-khai/";

/// Every feed of a built site (path under the output → bytes).
fn feeds(out: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(out).into_iter().filter(|(p, _)| p.ends_with("feed.xml")).collect()
}

/// The feed parsed by `feed-rs`, which must find no error.
fn parse(path: &str, bytes: &[u8]) -> feed_rs::model::Feed {
    feed_rs::parser::parse(bytes).unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

/// The ids of a feed's entries, in order.
fn ids(site: &Site, rel: &str) -> Vec<String> {
    let feed = parse(rel, &site.read_bytes(&format!("public/{rel}")));
    feed.entries.into_iter().map(|e| e.id).collect()
}

/// The `<updated>` of the feed itself.
fn feed_updated(text: &str) -> &str {
    let s = text.find("<updated>").expect("updated") + "<updated>".len();
    &text[s..s + 25]
}

/// Checks that every feed of the site in `out` is valid Atom with unique entry ids, and
/// returns how many feeds there are.
fn check_all(out: &Path) -> usize {
    let all = feeds(out);
    for (path, bytes) in &all {
        let feed = parse(path, bytes);
        assert!(feed.title.is_some(), "{path} has a title");
        assert!(feed.updated.is_some(), "{path} has <updated>");
        let unique: BTreeSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(unique.len(), feed.entries.len(), "{path}: entry ids repeat");
        for e in &feed.entries {
            assert!(
                e.updated.is_some() && !e.links.is_empty(),
                "{path}: entry {} is whole",
                e.id
            );
        }
    }
    all.len()
}

#[test]
fn every_feed_of_the_fixture_and_of_the_bundled_site_parses() {
    let site = Site::fixture("basic");
    site.build_ok();
    // The site's, three categories', three tasks'.
    assert_eq!(check_all(&site.path("public")), 1 + 3 + 3);
    let bundled = tempfile::tempdir().expect("temp dir");
    let out = bundled.path().join("site");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .args([
            "build",
            "--today",
            "2026-11-29",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--output",
        ])
        .arg(&out)
        .output()
        .expect("run congkhai");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let n = check_all(&out);
    let categories = std::fs::read_dir(out.join("categories"))
        .expect("categories")
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count();
    assert!(
        n > categories + 1,
        "{n} feeds for {categories} categories and some tasks"
    );
}

#[test]
fn a_category_feed_holds_exactly_its_disclosures_newest_first_at_most_fifty() {
    let site = Site::fixture("basic");
    site.build_ok();
    // lien-he: the published ones, newest first (not the draft, nor the one of 2027).
    assert_eq!(
        ids(&site, "categories/lien-he/feed.xml"),
        ["lich-tiep-dan", "dau-moi-lien-he"].map(|s| format!("{BASE}disclosures/{s}/"))
    );
    // Every category's: its rows of the open data, in their order (newest first).
    let data: serde_json::Value = serde_json::from_str(&site.out("data/disclosures.json")).expect("JSON");
    for c in ["tuyen-dung", "lien-he", "theo-yeu-cau"] {
        let want: Vec<String> = data["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|d| d["category"] == c)
            .map(|d| d["url"].as_str().expect("url").to_string())
            .collect();
        assert_eq!(ids(&site, &format!("categories/{c}/feed.xml")), want, "{c}");
    }
    // An empty category has a valid feed, dated from the content (the plan's issue date).
    let empty = site.out("categories/theo-yeu-cau/feed.xml");
    assert!(ids(&site, "categories/theo-yeu-cau/feed.xml").is_empty());
    assert_eq!(feed_updated(&empty), "2025-04-08T00:00:00+07:00");
    assert!(
        empty.contains("<title>Thông tin cung cấp theo yêu cầu – Công khai — Văn phòng Thử nghiệm</title>"),
        "{empty}"
    );
    // 60 more in one category: its feed keeps the newest 50, newest first.
    for k in 0..60 {
        site.write(
            &format!("content/disclosures/tuyen-dung-{k:02}.md"),
            &format!(
                "---\ntitle: \"Thông báo {k}\"\ncategory: tuyen-dung\npublished: 2025-{:02}-{:02}\n---\n\nNội dung.\n",
                1 + k / 28,
                1 + k % 28
            ),
        );
    }
    site.build_ok();
    let got = ids(&site, "categories/tuyen-dung/feed.xml");
    let want: Vec<String> = (10..60)
        .rev()
        .map(|k| format!("{BASE}disclosures/tuyen-dung-{k:02}/"))
        .collect();
    assert_eq!(got.len(), 50);
    // The three older ones of the fixture (June to August 2025) are newer than these.
    let fixture: Vec<&String> = got.iter().filter(|id| !id.contains("tuyen-dung-")).collect();
    assert_eq!(fixture.len(), 3, "{got:?}");
    let generated: Vec<String> = got.iter().filter(|id| id.contains("tuyen-dung-")).cloned().collect();
    assert_eq!(generated, want[..47].to_vec());
}

#[test]
fn a_task_feed_holds_its_updates_and_its_evidence() {
    let site = Site::fixture("basic");
    site.build_ok();
    let want = |items: &[&str]| -> BTreeSet<String> { items.iter().map(|s| format!("{BASE}{s}/")).collect() };
    let set = |rel: &str| -> BTreeSet<String> { ids(&site, rel).into_iter().collect() };
    assert_eq!(
        set("tasks/cong-khai/feed.xml"),
        want(&[
            "updates/khoi-dong",
            "updates/so-ket",
            "disclosures/thong-bao-tuyen-dung",
            "disclosures/ket-qua-dot-1",
        ])
    );
    assert_eq!(
        set("tasks/tiep-dan/feed.xml"),
        want(&["updates/so-ket", "disclosures/lich-tiep-dan"])
    );
    let quiet = site.out("tasks/cung-cap-thong-tin/feed.xml");
    assert!(set("tasks/cung-cap-thong-tin/feed.xml").is_empty(), "{quiet}");
    assert!(
        quiet.contains(
            "<title>Nhiệm vụ 1.3. Cung cấp thông tin theo yêu cầu – Công khai — Văn phòng Thử nghiệm</title>"
        ),
        "{quiet}"
    );
    assert!(
        quiet.contains(&format!("<id>{BASE}tasks/cung-cap-thong-tin/</id>")),
        "{quiet}"
    );
    assert!(quiet.contains(&format!(
        "rel=\"self\" type=\"application/atom+xml\" href=\"{BASE}tasks/cung-cap-thong-tin/feed.xml\""
    )));
    // Newest first.
    let feed = parse(
        "tasks/cong-khai/feed.xml",
        site.out("tasks/cong-khai/feed.xml").as_bytes(),
    );
    let dates: Vec<_> = feed.entries.iter().map(|e| e.updated).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn entries_are_the_site_feeds_entries_withdrawals_included() {
    let site = Site::fixture("basic");
    let rel = "content/disclosures/lich-tiep-dan.md";
    let text = site.read_text(rel);
    site.write(
        rel,
        &text.replacen(
            "---\n",
            "---\nwithdrawn:\n  date: 2025-11-05\n  reason: \"Đăng nhầm lịch\"\n",
            1,
        ),
    );
    site.build_ok();
    let entries = |rel: &str| -> BTreeMap<String, String> {
        let text = site.out(rel);
        text.split("<entry>")
            .skip(1)
            .map(|e| {
                let e = &e[..e.find("</entry>").expect("entry ends")];
                let s = e.find("<id>").expect("id") + 4;
                (e[s..s + e[s..].find("</id>").expect("end")].to_string(), e.to_string())
            })
            .collect()
    };
    let site_feed = entries("feed.xml");
    for rel in feeds(&site.path("public")).keys().filter(|p| *p != "feed.xml") {
        for (id, entry) in entries(rel) {
            assert_eq!(
                site_feed.get(&id),
                Some(&entry),
                "{rel}: {id} differs from the site feed's"
            );
        }
    }
    let withdrawn = format!("{BASE}disclosures/lich-tiep-dan/#withdrawn");
    assert!(entries("categories/lien-he/feed.xml").contains_key(&withdrawn));
    assert!(entries("tasks/tiep-dan/feed.xml").contains_key(&withdrawn));
    assert_eq!(
        ids(&site, "tasks/tiep-dan/feed.xml")[0],
        withdrawn,
        "on its own day, the newest"
    );
}

#[test]
fn feeds_do_not_change_with_today() {
    let site = Site::fixture("basic");
    site.build_ok();
    let before = feeds(&site.path("public"));
    site.cmd(["build"]).today("2026-12-31").run().success();
    let after = feeds(&site.path("public"));
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    for (path, bytes) in &before {
        assert!(after[path] == *bytes, "{path} changed with --today");
    }
}

#[test]
fn category_and_task_pages_announce_their_feed() {
    let site = Site::fixture("basic");
    site.write(
        "content/tasks/tiep-dan.en.md",
        "---\ntitle: \"Receiving citizens\"\n---\n\nText.\n",
    );
    site.build_ok();
    let category = site.out("categories/lien-he/index.html");
    let head = &category[..category.find("</head>").expect("head")];
    assert!(
        head.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Thông tin liên hệ – Công khai — Văn phòng Thử nghiệm\" href=\"/cong-khai/categories/lien-he/feed.xml\">"),
        "{head}"
    );
    assert!(category.contains(
        "<a href=\"/cong-khai/categories/lien-he/feed.xml\" type=\"application/atom+xml\">Theo dõi (Atom)</a>"
    ));
    let task = site.out("tasks/tiep-dan/index.html");
    assert!(task.contains("title=\"Nhiệm vụ 1.2. Tiếp công dân – Công khai — Văn phòng Thử nghiệm\" href=\"/cong-khai/tasks/tiep-dan/feed.xml\">"), "{task}");
    assert!(
        task.contains(
            "<a href=\"/cong-khai/tasks/tiep-dan/feed.xml\" type=\"application/atom+xml\">Theo dõi (Atom)</a>"
        )
    );
    // The English page names it in English, with its English title.
    let en = site.out("en/tasks/tiep-dan/index.html");
    assert!(
        en.contains("title=\"Task 1.2. Receiving citizens – Công khai — Văn phòng Thử nghiệm\" href=\"/cong-khai/tasks/tiep-dan/feed.xml\">"),
        "{en}"
    );
    assert!(en.contains("type=\"application/atom+xml\">Follow (Atom)</a>"));
    // Other pages announce only the site's feed.
    let home = site.out("index.html");
    assert_eq!(home.matches("application/atom+xml").count(), 1);
}

#[test]
fn an_english_site_titles_its_feeds_in_english() {
    let site = Site::fixture("basic");
    site.edit("site.yaml", "language: vi", "language: en");
    site.build_ok();
    let feed = site.out("tasks/tiep-dan/feed.xml");
    assert!(
        feed.contains("<title>Task 1.2. Tiếp công dân – Công khai — Văn phòng Thử nghiệm</title>"),
        "{feed}"
    );
    assert!(feed.contains("xml:lang=\"en\""));
    assert!(site.out("subscribe/index.html").contains("<h1>Follow updates</h1>"));
}

#[test]
fn the_subscribe_page_links_every_feed_with_the_tasks_paginated() {
    let site = Site::fixture("basic");
    site.build_ok();
    // per_page is 2: three tasks take two pages.
    let first = site.out("subscribe/index.html");
    let second = site.out("subscribe/page/2/index.html");
    assert!(!site.has_out("subscribe/page/3/index.html"));
    assert!(first.contains("<h1>Theo dõi cập nhật</h1>"), "{first}");
    assert!(second.contains("<h1>Theo dõi cập nhật – trang 2</h1>"), "{second}");
    let linked: BTreeSet<String> = [&first, &second]
        .iter()
        .flat_map(|html| links(crate::support::main_of(html)))
        .filter(|l| l.ends_with("feed.xml"))
        .collect();
    let all: BTreeSet<String> = feeds(&site.path("public"))
        .into_keys()
        .map(|p| format!("/cong-khai/{p}"))
        .collect();
    assert_eq!(linked, all);
    // The categories are on the first page only; the second holds one task.
    assert!(!second.contains("categories/lien-he/feed.xml"));
    assert_eq!(crate::support::main_of(&second).matches("/feed.xml\"").count(), 1);
    // Every page's footer links it; the sitemap lists it.
    assert!(
        site.out("index.html")
            .contains("<a href=\"/cong-khai/subscribe/\">Theo dõi cập nhật</a>")
    );
    assert!(
        site.out("sitemap.xml")
            .contains(&format!("<loc>{BASE}subscribe/page/2/</loc>"))
    );
}

#[test]
fn a_static_file_at_a_feed_path_is_an_error() {
    let site = Site::fixture("basic");
    site.write("static/categories/lien-he/feed.xml", "<feed/>");
    site.write("static/tasks/tiep-dan/feed.xml", "<feed/>");
    let out = site.build().code(1);
    out.error_line("static/categories/lien-he/feed.xml:1:1:");
    let line = out.error_line("static/tasks/tiep-dan/feed.xml:1:1:");
    assert!(line.contains("/tasks/tiep-dan/feed.xml"), "{line}");
}

#[test]
fn a_rebuild_remakes_the_feed_of_a_task_an_update_now_names() {
    let site = Site::fixture("basic");
    let opts = options(site.root());
    let mut session = Session::new(opts.clone());
    session
        .rebuild(&Changes::everything(), crate::support::today())
        .expect("first build");
    let rel = "content/updates/khoi-dong.md";
    site.edit(rel, "tasks: [cong-khai]", "tasks: [cong-khai, cung-cap-thong-tin]");
    let built = session
        .rebuild(
            &crate::support::changes(site.root(), vec![site.path(rel)]),
            crate::support::today(),
        )
        .expect("rebuild");
    let fresh = congkhai::build(&opts, &congkhai::Keep).expect("fresh build");
    let body = |b: &congkhai::Built, path: &str| -> Vec<u8> {
        let f = b.rendered.files.iter().find(|f| f.path == path).expect("feed made");
        f.body.bytes().expect("bytes").to_vec()
    };
    let feed = "tasks/cung-cap-thong-tin/feed.xml";
    let text = String::from_utf8(body(&built, feed)).expect("UTF-8");
    assert!(text.contains(&format!("<id>{BASE}updates/khoi-dong/</id>")), "{text}");
    assert_eq!(body(&built, feed), body(&fresh, feed));
    assert_eq!(
        body(&built, "tasks/cung-cap-thong-tin/index.html"),
        body(&fresh, "tasks/cung-cap-thong-tin/index.html")
    );
}
