//! The `basic` fixture → charts with text alternatives on the home and plan pages, and the
//! static filtered task lists (`/tasks/status/<code>/`, `/tasks/unit/<id>/`,
//! `/tasks/dimension/<id>/`) with their pagination and links.

use congkhai::files::Body;
use congkhai::{Changes, Session};

use crate::support::{Site, links, main_of, options};

/// The `<figure ...>...</figure>` elements of a page.
fn figures(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<figure") {
        let end = rest[i..].find("</figure>").expect("figure closes") + i + "</figure>".len();
        found.push(&rest[i..end]);
        rest = &rest[end..];
    }
    found
}

/// The value of `attr="..."` in the first tag of `html` that has it.
fn attr<'a>(html: &'a str, attr: &str) -> &'a str {
    let key = format!(" {attr}=\"");
    let i = html.find(&key).unwrap_or_else(|| panic!("no {attr} in {html}")) + key.len();
    &html[i..i + html[i..].find('"').expect("closing quote")]
}

/// Asserts that each chart of a page is an image named by a visible caption and described by
/// its text, and is followed in its section by a table or list of the same facts.
fn assert_accessible_charts(html: &str, want: usize) {
    let figs = figures(html);
    assert_eq!(figs.len(), want, "charts on the page");
    for fig in figs {
        assert!(fig.contains(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 "#));
        assert!(fig.contains(r#"role="img""#) && fig.contains(r#"width="100%""#));
        let label = attr(fig, "aria-labelledby");
        assert!(fig.contains(&format!(r#"<figcaption id="{label}">Biểu đồ"#)), "{fig}");
        let desc = attr(fig, "aria-describedby");
        assert!(fig.contains(&format!(r#"<desc id="{desc}">"#)), "{fig}");
        // The text alternative comes next, before the section ends.
        let after = &html[html.find(fig).expect("figure in page") + fig.len()..];
        let section = &after[..after.find("</section>").expect("chart inside a section")];
        assert!(
            section.contains("<table") || section.contains(r#"<ul class="status-counts">"#),
            "no table or list after {fig}"
        );
    }
}

#[test]
fn home_and_plan_pages_show_charts_with_text_alternatives() {
    let site = Site::fixture("basic");
    site.build_ok();
    let home = site.out("index.html");
    assert_accessible_charts(main_of(&home), 3);
    // cong-khai (40%) and cung-cap-thong-tin (0%) are "Công khai, minh bạch"; tiep-dan (100%) is
    // "Trách nhiệm giải trình", led by Thanh tra.
    for fact in [
        "Công khai, minh bạch: 20% (2 nhiệm vụ, 0 hoàn thành, 1 quá hạn)",
        "Trách nhiệm giải trình với người dân: 100% (1 nhiệm vụ, 1 hoàn thành, 0 quá hạn)",
        "Văn phòng: 40% (1 nhiệm vụ",
        "Thanh tra: 100% (1 nhiệm vụ",
        "Trung tâm Tin học và Công báo: 0% (1 nhiệm vụ",
        "Chưa bắt đầu: 1; Đang thực hiện: 1; Hoàn thành: 1; Tạm dừng: 0.",
        "đã tính trong các trạng thái trên): 1. Tổng số: 3 nhiệm vụ.",
        ">20%</text>",
        ">Quá hạn</text>",
    ] {
        assert!(home.contains(fact), "home lacks {fact:?}");
    }
    // The tables beside the charts say the same.
    assert!(home.contains(r#"<span class="progress-value">20%</span>"#));
    assert!(home.contains(r#"<strong class="tag tag-overdue">Quá hạn</strong> <span class="count">1</span>"#));

    let plan = site.out("plans/ke-hoach-thu/index.html");
    assert_accessible_charts(main_of(&plan), 3);
    assert!(plan.contains("Công khai, minh bạch: 20% (2 nhiệm vụ"));
    assert!(plan.contains("<caption><span>Tiến độ của kế hoạch theo lĩnh vực</span></caption>"));
    assert!(plan.contains("<caption><span>Tiến độ của kế hoạch theo đơn vị chủ trì</span></caption>"));
}

#[test]
fn names_in_charts_are_escaped() {
    let site = Site::fixture("basic");
    site.edit(
        "data/units.yaml",
        "name: \"Thanh tra\"",
        r#"name: "Thanh tra <b>&amp; \"X\"""#,
    );
    site.build_ok();
    let home = site.out("index.html");
    let chart = figures(&home)
        .into_iter()
        .find(|f| f.contains("chart-unit"))
        .expect("unit chart");
    assert!(chart.contains("Thanh tra &lt;b&gt;&amp;amp; &quot;X&quot;"), "{chart}");
    assert!(!chart.contains("<b>"));
}

#[test]
fn charts_are_the_same_in_two_builds() {
    let a = Site::fixture("basic");
    a.build_ok();
    let b = Site::fixture("basic");
    b.build_ok();
    for page in ["index.html", "plans/ke-hoach-thu/index.html"] {
        assert_eq!(figures(&a.out(page)), figures(&b.out(page)), "{page}");
    }
}

/// The task pages a list links to, as slugs.
fn listed_tasks(html: &str) -> Vec<String> {
    let mut slugs: Vec<String> = links(main_of(html))
        .into_iter()
        .filter_map(|l| l.strip_prefix("/cong-khai/tasks/").map(str::to_string))
        .filter_map(|rest| {
            let slug = rest.strip_suffix('/')?;
            (!slug.contains('/')).then(|| slug.to_string())
        })
        .collect();
    slugs.dedup();
    slugs
}

#[test]
fn filter_pages_list_the_right_tasks() {
    let site = Site::fixture("basic");
    site.build_ok();
    for (page, want) in [
        ("tasks/status/overdue/index.html", vec!["cong-khai"]),
        ("tasks/status/in-progress/index.html", vec!["cong-khai"]),
        ("tasks/status/not-started/index.html", vec!["cung-cap-thong-tin"]),
        ("tasks/status/done/index.html", vec!["tiep-dan"]),
        ("tasks/status/paused/index.html", vec![]),
        // As lead only: van-phong is a partner of cung-cap-thong-tin.
        ("tasks/unit/van-phong/index.html", vec!["cong-khai"]),
        ("tasks/unit/thanh-tra/index.html", vec!["tiep-dan"]),
        ("tasks/unit/ttth-cb/index.html", vec!["cung-cap-thong-tin"]),
        (
            "tasks/dimension/cong-khai-minh-bach/index.html",
            vec!["cong-khai", "cung-cap-thong-tin"],
        ),
        ("tasks/dimension/trach-nhiem-giai-trinh/index.html", vec!["tiep-dan"]),
    ] {
        let html = site.out(page);
        assert_eq!(listed_tasks(&html), want, "{page}");
    }
    let overdue = site.out("tasks/status/overdue/index.html");
    assert!(overdue.contains("<h1>Nhiệm vụ – Trạng thái: Quá hạn</h1>"));
    assert!(overdue.contains("<caption><span>Nhiệm vụ – Trạng thái: Quá hạn</span></caption>"));
    let unit = site.out("tasks/unit/van-phong/index.html");
    assert!(unit.contains("<h1>Nhiệm vụ – Đơn vị chủ trì: Văn phòng</h1>"));
    let paused = site.out("tasks/status/paused/index.html");
    assert!(paused.contains("Không có nhiệm vụ nào trong mục này."));
    // In the sitemap, like every page.
    let sitemap = site.out("sitemap.xml");
    for url in [
        "tasks/status/overdue/",
        "tasks/unit/van-phong/",
        "tasks/dimension/cong-khai-minh-bach/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.gov.vn/cong-khai/{url}</loc>")),
            "{url}"
        );
    }
}

#[test]
fn filter_pages_are_paginated() {
    let site = Site::fixture("basic");
    // per_page is 2: three done tasks make two pages.
    site.edit("content/tasks/cong-khai.md", "status: in-progress", "status: done");
    site.edit(
        "content/tasks/cung-cap-thong-tin.md",
        "status: not-started",
        "status: done",
    );
    site.build_ok();
    let first = site.out("tasks/status/done/index.html");
    // In plan order: 1.1, 1.2, then 1.3.
    assert_eq!(listed_tasks(&first), ["cong-khai", "tiep-dan"]);
    assert!(first.contains(r#"<a href="/cong-khai/tasks/status/done/page/2/" rel="next">"#));
    let second = site.out("tasks/status/done/page/2/index.html");
    assert_eq!(listed_tasks(&second), ["cung-cap-thong-tin"]);
    assert!(second.contains("<h1>Nhiệm vụ – Trạng thái: Hoàn thành – trang 2</h1>"));
    assert!(second.contains(r#"<a href="/cong-khai/tasks/status/done/" rel="prev">"#));
    assert!(second.contains("Nhiệm vụ – Trạng thái: Hoàn thành, trang 2/2"));
    // The current filter stays marked on page 2, as the current list rather than the page.
    assert!(second.contains(r#"<a href="/cong-khai/tasks/status/done/" aria-current="true">"#));
    assert!(!site.has_out("tasks/status/done/page/3/index.html"));
    // No task is overdue any more: the page stays, empty, so links to it keep working.
    assert_eq!(
        listed_tasks(&site.out("tasks/status/overdue/index.html")),
        Vec::<String>::new()
    );
    assert!(!site.has_out("tasks/status/overdue/page/2/index.html"));
}

#[test]
fn task_lists_link_to_every_filter() {
    let site = Site::fixture("basic");
    site.build_ok();
    let wanted = [
        "/cong-khai/tasks/status/not-started/",
        "/cong-khai/tasks/status/in-progress/",
        "/cong-khai/tasks/status/done/",
        "/cong-khai/tasks/status/paused/",
        "/cong-khai/tasks/status/overdue/",
        "/cong-khai/tasks/unit/van-phong/",
        "/cong-khai/tasks/unit/thanh-tra/",
        "/cong-khai/tasks/unit/ttth-cb/",
        "/cong-khai/tasks/dimension/cong-khai-minh-bach/",
        "/cong-khai/tasks/dimension/trach-nhiem-giai-trinh/",
    ];
    for page in [
        "tasks/index.html",
        "tasks/page/2/index.html",
        "tasks/unit/thanh-tra/index.html",
    ] {
        let found = links(main_of(&site.out(page)));
        for url in wanted {
            assert!(found.iter().any(|l| l == url), "{page} lacks a link to {url}");
        }
        // And every link of the page leads to a built page.
        for l in found.iter().filter(|l| l.starts_with("/cong-khai/tasks/")) {
            let rel = l.trim_start_matches("/cong-khai/");
            assert!(site.has_out(&format!("{rel}index.html")), "{page} links to missing {l}");
        }
    }
    let all = site.out("tasks/index.html");
    assert!(all.contains(r#"<a href="/cong-khai/tasks/" aria-current="page">Tất cả nhiệm vụ (3)</a>"#));
    assert!(all.contains(r#"<a href="/cong-khai/tasks/status/overdue/"><strong class="tag tag-overdue">Quá hạn</strong> <span class="count">1</span></a>"#));
    let unit = site.out("tasks/unit/thanh-tra/index.html");
    assert!(unit.contains(r#"<a href="/cong-khai/tasks/unit/thanh-tra/" aria-current="page">Thanh tra</a> (1)"#));
    assert!(!main_of(&unit).contains(r#"<a href="/cong-khai/tasks/" aria-current"#));
    assert!(unit.contains("<details open>\n<summary>Theo đơn vị chủ trì</summary>"));
    // The home page's status counts lead to the same lists, none marked current.
    let home = site.out("index.html");
    assert!(
        home.contains(r#"<a href="/cong-khai/tasks/status/overdue/"><strong class="tag tag-overdue">Quá hạn</strong>"#)
    );
    assert!(!main_of(&home).contains("aria-current"));
}

#[test]
fn content_may_link_to_filter_pages() {
    let site = Site::fixture("basic");
    site.edit(
        "content/pages/lien-he.md",
        "Gọi 0200",
        "Xem [việc quá hạn](/tasks/status/overdue/) và [Văn phòng](/tasks/unit/van-phong/). Gọi 0200",
    );
    site.build_ok();
    site.edit(
        "content/pages/lien-he.md",
        "/tasks/unit/van-phong/",
        "/tasks/unit/khong-co/",
    );
    site.build()
        .code(1)
        .stderr_has("content/pages/lien-he.md:")
        .stderr_has("`/tasks/unit/khong-co/` goes to no page");
}

fn files(built: congkhai::Built) -> Vec<(String, Vec<u8>)> {
    built
        .rendered
        .files
        .iter()
        .filter_map(|f| match &f.body {
            Body::Copy(_) => None,
            b => Some((f.path.clone(), b.bytes().expect("bytes").to_vec())),
        })
        .collect()
}

#[test]
fn a_status_change_updates_every_filter_page_on_rebuild() {
    let site = Site::fixture("basic");
    let opts = options(site.root());
    let mut session = Session::new(opts.clone());
    session
        .rebuild(&Changes::everything(), crate::support::today())
        .expect("first build");
    for (from, to) in [
        ("status: done", "status: paused"),
        ("status: paused", "status: in-progress"),
    ] {
        site.edit("content/tasks/tiep-dan.md", from, to);
        let p = site.path("content/tasks/tiep-dan.md");
        let incremental = files(
            session
                .rebuild(&crate::support::changes(&opts.root, vec![p]), crate::support::today())
                .expect("rebuild"),
        );
        let fresh = files(congkhai::build(&opts, &congkhai::Keep).expect("fresh build"));
        let differ: Vec<&String> = incremental
            .iter()
            .zip(&fresh)
            .filter(|(a, b)| a != b)
            .map(|(a, _)| &a.0)
            .collect();
        assert_eq!(incremental.len(), fresh.len());
        assert!(differ.is_empty(), "after `{to}`: {differ:?}");
    }
    let paused = String::from_utf8(
        files(congkhai::build(&opts, &congkhai::Keep).expect("build"))
            .into_iter()
            .find(|(p, _)| p == "tasks/index.html")
            .expect("task list")
            .1,
    )
    .expect("UTF-8");
    assert!(paused.contains(r#"<span class="tag tag-in-progress">Đang thực hiện</span> <span class="count">2</span>"#));
}
