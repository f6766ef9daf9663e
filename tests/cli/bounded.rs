//! Every page is bounded: the plan, task, unit, dimension and category pages show at most
//! `per_page` rows of each list and continue at `<page>/page/<n>/`; the home page shows the
//! few most overdue tasks and links to all of them.

use crate::support::{Site, links, main_of};

const BASE: &str = "/cong-khai/";

/// A generated site, 3 rows a page: 9 tasks over two dimensions (the second's first in the
/// task codes) and units, 7 of them overdue; 7 disclosures in one category (5 of them evidence
/// for the first task); 2 disclosures and 4 withdrawn ones in another.
fn generated() -> Site {
    let site = Site::fixture("basic");
    std::fs::remove_dir_all(site.path("content")).expect("remove content");
    site.edit("site.yaml", "per_page: 2", "per_page: 3");
    site.write(
        "content/plans/ke-hoach-thu.md",
        "---\ntitle: \"Kế hoạch thử\"\nissued: 2025-04-08\n---\n\nKế hoạch.\n",
    );
    for k in 1..=9 {
        let dimension = if k % 2 == 0 {
            "cong-khai-minh-bach"
        } else {
            "trach-nhiem-giai-trinh"
        };
        let lead = if k <= 7 { "van-phong" } else { "thanh-tra" };
        let partners = if k <= 4 { "partners: [ttth-cb]\n" } else { "" };
        let schedule = if k <= 7 {
            format!(
                "schedule: {{due: 2025-{:02}-01}}\nstatus: in-progress\nprogress: 10\n",
                10 - k
            )
        } else {
            "schedule: ongoing\nstatus: done\nprogress: 100\n".to_string()
        };
        site.write(
            &format!("content/tasks/t{k:02}.md"),
            &format!(
                "---\ntitle: \"Nhiệm vụ {k}\"\nplan: ke-hoach-thu\ncode: \"1.{k}\"\ndimension: {dimension}\nlead: {lead}\n{partners}{schedule}---\n\nViệc {k}.\n"
            ),
        );
    }
    for k in 1..=7 {
        let task = if k <= 5 { "task: t01\n" } else { "" };
        site.write(
            &format!("content/disclosures/d{k:02}.md"),
            &format!(
                "---\ntitle: \"Thông báo {k}\"\ncategory: tuyen-dung\npublished: 2025-01-{k:02}\n{task}---\n\nThông báo.\n"
            ),
        );
    }
    for k in 1..=6 {
        let withdrawn = if k > 2 {
            "withdrawn:\n  date: 2025-03-01\n  reason: \"Đăng nhầm\"\n"
        } else {
            ""
        };
        site.write(
            &format!("content/disclosures/l{k:02}.md"),
            &format!(
                "---\ntitle: \"Liên hệ {k}\"\ncategory: lien-he\npublished: 2025-02-{k:02}\n{withdrawn}---\n\nLiên hệ.\n"
            ),
        );
    }
    site.build_ok();
    site
}

/// The site path of page `n` of `folder`.
fn page(folder: &str, n: usize) -> String {
    if n == 1 {
        folder.to_string()
    } else {
        format!("{folder}page/{n}/")
    }
}

/// The `<main>` of page `n` of `folder`.
fn main(site: &Site, folder: &str, n: usize) -> String {
    main_of(&site.out(&format!("{}index.html", page(folder, n)))).to_string()
}

/// The part of `html` from the heading `id` to the next `<h2>` or the pagination.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let Some(start) = html.find(&format!("id=\"{id}\"")) else {
        return "";
    };
    let rest = &html[start..];
    let end = ["<h2", "<nav class=\"pagination\""]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The slugs of the `kind` pages (`tasks`, `disclosures`) linked from `html`, in order.
fn rows(html: &str, kind: &str) -> Vec<String> {
    let prefix = format!("{BASE}{kind}/");
    links(html)
        .into_iter()
        .filter_map(|l| l.strip_prefix(&prefix).map(str::to_string))
        .filter_map(|s| s.strip_suffix('/').filter(|s| !s.contains('/')).map(str::to_string))
        .collect()
}

/// `folder` has exactly `pages` pages, each linking to the one before and after it, and
/// pages 2 and on are titled "… – trang n".
fn assert_pages(site: &Site, folder: &str, pages: usize) {
    for n in 1..=pages {
        let html = main(site, folder, n);
        let link = |rel: &str| {
            let i = html.find(&format!("\" rel=\"{rel}\""))?;
            let start = html[..i].rfind("href=\"")? + "href=\"".len();
            Some(html[start..i].to_string())
        };
        let want = |k: usize| format!("{BASE}{}", page(folder, k));
        assert_eq!(link("prev"), (n > 1).then(|| want(n - 1)), "/{}", page(folder, n));
        assert_eq!(link("next"), (n < pages).then(|| want(n + 1)), "/{}", page(folder, n));
        if n > 1 {
            assert!(html.contains(&format!(" – trang {n}</h1>")), "{html}");
        }
    }
    assert!(
        !site.has_out(&format!("{}index.html", page(folder, pages + 1))),
        "/{folder}: too many pages"
    );
    let sitemap = site.out("sitemap.xml");
    for n in 1..=pages {
        assert!(
            sitemap.contains(&format!("cong-khai/{}</loc>", page(folder, n))),
            "{folder} {n}"
        );
    }
}

/// Over the pages of `folder`, the rows `pick` finds are at most 3 a page and are `want`,
/// each once, in order.
fn assert_rows(site: &Site, folder: &str, pages: usize, pick: impl Fn(&str) -> Vec<String>, want: &[&str]) {
    let mut all = Vec::new();
    for n in 1..=pages {
        let got = pick(&main(site, folder, n));
        assert!(got.len() <= 3, "/{}: {got:?}", page(folder, n));
        all.extend(got);
    }
    assert_eq!(all, want, "/{folder}");
}

#[test]
fn item_pages_run_to_later_pages_of_per_page_rows() {
    let site = generated();
    // Plan: by dimension (cong-khai-minh-bach first in the data file), then by code.
    let plan = "plans/ke-hoach-thu/";
    assert_pages(&site, plan, 3);
    let want = ["t02", "t04", "t06", "t08", "t01", "t03", "t05", "t07", "t09"];
    assert_rows(&site, plan, 3, |h| rows(section(h, "h-groups"), "tasks"), &want);
    // Page 2 holds the end of one group and the start of the next, each under its heading.
    let second = main(&site, plan, 2);
    assert!(
        second.contains("Công khai, minh bạch</a></h3>")
            && second.contains("Trách nhiệm giải trình với người dân</a></h3>")
    );
    assert!(!second.contains("id=\"h-progress\""), "the charts stay on page 1");

    // Dimension.
    let dimension = "dimensions/trach-nhiem-giai-trinh/";
    assert_pages(&site, dimension, 2);
    assert_rows(
        &site,
        dimension,
        2,
        |h| rows(section(h, "h-tasks"), "tasks"),
        &["t01", "t03", "t05", "t07", "t09"],
    );

    // Unit: 7 tasks led, none with partners; another unit takes part in 4.
    let unit = "units/van-phong/";
    assert_pages(&site, unit, 3);
    let led = ["t01", "t02", "t03", "t04", "t05", "t06", "t07"];
    assert_rows(&site, unit, 3, |h| rows(section(h, "h-lead"), "tasks"), &led);
    let partner = "units/ttth-cb/";
    assert_pages(&site, partner, 2);
    assert_rows(
        &site,
        partner,
        2,
        |h| rows(section(h, "h-partner"), "tasks"),
        &["t01", "t02", "t03", "t04"],
    );
    assert!(
        main(&site, partner, 1).contains("id=\"h-lead\""),
        "page 1 shows both lists"
    );
    assert!(
        !main(&site, partner, 2).contains("id=\"h-lead\""),
        "page 2 shows what remains"
    );

    // Category: newest first.
    let category = "categories/tuyen-dung/";
    assert_pages(&site, category, 3);
    let want = ["d07", "d06", "d05", "d04", "d03", "d02", "d01"];
    assert_rows(
        &site,
        category,
        3,
        |h| rows(section(h, "h-disclosures"), "disclosures"),
        &want,
    );
    assert!(
        main(&site, category, 1).contains("<dd>7</dd>"),
        "the count is of all of them"
    );

    // A category with more withdrawn disclosures than others: as many pages as the longer list.
    let category = "categories/lien-he/";
    assert_pages(&site, category, 2);
    assert_rows(
        &site,
        category,
        2,
        |h| rows(section(h, "h-disclosures"), "disclosures"),
        &["l02", "l01"],
    );
    let withdrawn = ["l06", "l05", "l04", "l03"];
    assert_rows(
        &site,
        category,
        2,
        |h| rows(section(h, "h-withdrawn"), "disclosures"),
        &withdrawn,
    );

    // Task: its evidence, newest first.
    let task = "tasks/t01/";
    assert_pages(&site, task, 2);
    assert_rows(
        &site,
        task,
        2,
        |h| rows(section(h, "h-evidence"), "disclosures"),
        &["d05", "d04", "d03", "d02", "d01"],
    );
    assert!(
        !main(&site, task, 2).contains("id=\"h-updates\""),
        "page 2 shows the evidence only"
    );

    // Pages with fewer rows than a page have no later page.
    assert_pages(&site, "dimensions/cong-khai-minh-bach/", 2);
    assert_pages(&site, "units/thanh-tra/", 1);
    assert_pages(&site, "tasks/t02/", 1);
}

#[test]
fn the_home_page_shows_the_most_overdue_tasks_and_links_to_all() {
    let site = generated();
    let home = main(&site, "", 1);
    let overdue = section(&home, "h-overdue");
    // Due longest ago first: t07 was due 2025-03-01, t01 on 2025-09-01.
    assert_eq!(rows(overdue, "tasks"), ["t07", "t06", "t05", "t04", "t03"]);
    let all = format!("<a href=\"{BASE}tasks/status/overdue/\">Xem tất cả 7 nhiệm vụ quá hạn</a>");
    assert!(overdue.contains(&all), "{overdue}");
    assert_pages(&site, "tasks/status/overdue/", 3);
}

#[test]
fn a_static_file_at_a_later_page_is_an_error() {
    let site = generated();
    site.write("static/categories/tuyen-dung/page/2/index.html", "<p>cũ</p>");
    let out = site.build().code(1);
    let line = out.error_line("static/categories/tuyen-dung/page/2/index.html:1:1:");
    assert!(line.contains("/categories/tuyen-dung/page/2/"), "{line}");
}

#[test]
fn a_long_list_links_a_few_pages_by_number() {
    let site = generated();
    site.edit("site.yaml", "per_page: 3", "per_page: 1");
    site.build_ok();
    // Nine tasks, nine pages: page 5 links the first and last pages and two either side.
    let html = main(&site, "tasks/", 5);
    let nav = &html[html.find("<nav class=\"pagination\"").expect("pagination")..];
    // The links by number, not "Trang trước" and "Trang sau" (`rel`).
    let numbered: Vec<String> = nav
        .split("<li><a href=\"")
        .skip(1)
        .filter_map(|li| li.split_once('"'))
        .filter(|(_, after)| !after.starts_with(" rel="))
        .map(|(url, _)| url.to_string())
        .collect();
    let want: Vec<String> = [1, 3, 4, 5, 6, 7, 9]
        .iter()
        .map(|&n| format!("{BASE}{}", page("tasks/", n)))
        .collect();
    assert_eq!(numbered, want, "{nav}");
    assert_eq!(nav.matches("<li class=\"gap\">…</li>").count(), 2, "{nav}");
    assert!(nav.contains("Trang 5/9 (9 mục)"), "{nav}");
}
