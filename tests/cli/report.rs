//! `congkhai report` (text, `--format json`, `--strict`), the `/compliance/` page and
//! `/data/compliance.json`: categories missing, stale or due soon, periods of a cycle with
//! nothing published (an item's `period`, else its publication date), overdue and quiet tasks.

use crate::support::Site;

/// The basic fixture with three more categories: `a` (fresh for 30 days, one item published
/// 2025-09-01), `b` (required, empty), `c` (quarterly since 2025-01-01: an item published in
/// Q1, and one published in July for Q2).
fn site() -> Site {
    let site = Site::fixture("basic");
    let cats = site.read_text("data/categories.yaml");
    site.write(
        "data/categories.yaml",
        &format!(
            "{cats}- id: a\n  name: \"Nhóm A\"\n  required: true\n  max_age_days: 30\n- id: b\n  name: \"Nhóm B\"\n  required: true\n- id: c\n  name: \"Nhóm C\"\n  cycle: quarterly\n  since: 2025-01-01\n"
        ),
    );
    let item = |slug: &str, cat: &str, published: &str, extra: &str| {
        site.write(
            &format!("content/disclosures/{slug}.md"),
            &format!("---\ntitle: \"{slug}\"\ncategory: {cat}\npublished: {published}\n{extra}---\n\nNội dung.\n"),
        );
    };
    item("a-1", "a", "2025-09-01", "");
    item("c-q1", "c", "2025-02-10", "");
    item("c-q2", "c", "2025-07-03", "period: 2025-Q2\n");
    site
}

fn report(site: &Site, today: &str, args: &[&str]) -> crate::support::Out {
    site.cmd(["report"]).args(args.iter().copied()).today(today).run()
}

fn json(site: &Site, today: &str) -> serde_json::Value {
    let out = report(site, today, &["--format", "json"]).success();
    serde_json::from_str(&out.stdout).expect("JSON report")
}

fn category<'a>(r: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    r["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no category {id}"))
}

#[test]
fn fresh_due_soon_and_stale_by_the_day() {
    let site = site();
    let fresh = report(&site, "2025-09-10", &[]).success();
    assert!(
        fresh
            .stdout
            .contains("[Đạt] Nhóm A (a): lần công khai gần nhất 01/09/2025\n"),
        "{}",
        fresh.stdout
    );
    assert!(fresh.stdout.contains("[Chưa công khai] Nhóm B (b)"), "{}", fresh.stdout);
    let soon = report(&site, "2025-09-20", &[]).success();
    assert!(
        soon.stdout
            .contains("[Sắp quá hạn] Nhóm A (a): lần công khai gần nhất 01/09/2025; còn 11 ngày"),
        "{}",
        soon.stdout
    );
    let stale = report(&site, "2025-10-05", &[]).success();
    assert!(
        stale
            .stdout
            .contains("[Quá hạn cập nhật] Nhóm A (a): lần công khai gần nhất 01/09/2025; quá 4 ngày"),
        "{}",
        stale.stdout
    );
    let r = json(&site, "2025-10-05");
    assert_eq!(category(&r, "a")["state"], "stale");
    assert_eq!(category(&r, "a")["days"], 4);
    assert_eq!(category(&r, "b")["state"], "missing");
    assert_eq!(category(&r, "lien-he")["state"], "ok");
}

#[test]
fn periods_without_an_item_are_listed() {
    let site = site();
    // Q1 has an item by its date, Q2 by its `period` (published in July); Q3 has none; Q4 is
    // not over.
    let out = report(&site, "2025-10-05", &[]).success();
    assert!(out.stdout.contains("      Q3/2025: chưa công khai\n"), "{}", out.stdout);
    assert!(!out.stdout.contains("Q1/2025") && !out.stdout.contains("Q2/2025") && !out.stdout.contains("Q4/2025"));
    let r = json(&site, "2025-10-05");
    assert_eq!(category(&r, "c")["missing_periods"], serde_json::json!(["2025-Q3"]));
    assert_eq!(category(&r, "c")["cycle"], "quarterly");
    // An item for Q3 fills it.
    site.write(
        "content/disclosures/c-q3.md",
        "---\ntitle: \"c-q3\"\ncategory: c\npublished: 2025-10-02\nperiod: 2025-Q3\n---\n\nNội dung.\n",
    );
    let r = json(&site, "2025-10-05");
    assert_eq!(category(&r, "c")["missing_periods"], serde_json::json!([]));
}

#[test]
fn strict_fails_only_when_something_is_owed() {
    let site = site();
    let out = report(&site, "2025-10-05", &["--strict"]).code(1);
    assert!(out.stdout.contains("Cần xử lý:"), "{}", out.stdout);
    // Nothing owed: b not required, a fresh, c filled, the fixture's own categories fresh.
    site.edit(
        "data/categories.yaml",
        "  name: \"Nhóm B\"\n  required: true\n",
        "  name: \"Nhóm B\"\n",
    );
    site.write(
        "content/disclosures/c-q3.md",
        "---\ntitle: \"c-q3\"\ncategory: c\npublished: 2025-10-02\nperiod: 2025-Q3\n---\n\nNội dung.\n",
    );
    site.write(
        "content/disclosures/a-2.md",
        "---\ntitle: \"a-2\"\ncategory: a\npublished: 2025-10-01\n---\n\nNội dung.\n",
    );
    let out = report(&site, "2025-10-05", &["--strict"]).success();
    assert!(out.stdout.contains("Cần xử lý: 0"), "{}", out.stdout);
}

#[test]
fn tasks_overdue_and_without_news_are_reported() {
    let site = site();
    let r = json(&site, "2025-10-05");
    let overdue = r["overdue_tasks"].as_array().expect("overdue");
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert_eq!(overdue[0]["id"], "cong-khai");
    assert_eq!(overdue[0]["days"], 5);
    let quiet: Vec<&serde_json::Value> = r["quiet_tasks"].as_array().expect("quiet").iter().collect();
    assert!(quiet.iter().all(|t| t["id"] != "tiep-dan"), "a done task is not quiet");
    // A shorter setting reports a task whose newest update is older.
    site.write(
        "site.yaml",
        &format!("{}task_update_days: 1\n", site.read_text("site.yaml")),
    );
    let r = json(&site, "2025-10-05");
    assert!(
        r["quiet_tasks"]
            .as_array()
            .expect("quiet")
            .iter()
            .any(|t| t["id"] == "cong-khai")
    );
}

#[test]
fn a_period_must_fit_its_category() {
    let site = site();
    site.edit("content/disclosures/c-q2.md", "period: 2025-Q2", "period: 2025-06");
    site.edit(
        "content/disclosures/a-1.md",
        "published: 2025-09-01",
        "published: 2025-09-01\nperiod: 2025",
    );
    let out = report(&site, "2025-10-05", &[]).code(1);
    let l = out.error_line("content/disclosures/c-q2.md:5:");
    assert!(
        l.contains("`period: 2025-06` does not fit the cycle of the category `c` (quarterly): write it as `2025-Q3`"),
        "{l}"
    );
    let l = out.error_line("content/disclosures/a-1.md:5:");
    assert!(l.contains("has no `cycle`"), "{l}");
    site.edit("content/disclosures/a-1.md", "period: 2025", "period: Q3");
    let out = report(&site, "2025-10-05", &[]).code(1);
    assert!(
        out.error_line("content/disclosures/a-1.md:5:")
            .contains("is not a period")
    );
    // A data file's cycle is checked too.
    site.edit("content/disclosures/a-1.md", "\nperiod: Q3", "");
    site.edit("content/disclosures/c-q2.md", "period: 2025-06", "period: 2025-Q2");
    site.edit(
        "data/categories.yaml",
        "  cycle: quarterly\n  since: 2025-01-01\n",
        "  cycle: weekly\n",
    );
    let out = report(&site, "2025-10-05", &[]).code(1);
    assert!(out.stderr.contains("unknown cycle `weekly`"), "{}", out.stderr);
    assert!(
        out.stderr.contains("a cycle needs `since: YYYY-MM-DD`"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_compliance_page_and_data_say_the_same() {
    let site = site();
    site.cmd(["build"]).today("2025-10-05").run().success();
    let page = site.out("compliance/index.html");
    assert!(page.contains("<h1>Tình hình thực hiện công khai</h1>"));
    assert!(
        page.contains("<strong class=\"tag tag-stale\">Chưa công khai</strong>"),
        "b is missing"
    );
    assert!(page.contains("<td>Q3/2025</td>"), "the missing period");
    assert!(page.contains("quá hạn 5 ngày"), "the overdue task");
    let data: serde_json::Value = serde_json::from_str(&site.read_text("public/data/compliance.json")).expect("JSON");
    assert_eq!(data["generated"], "2025-10-05");
    assert_eq!(data["report"], json(&site, "2025-10-05"));
    assert!(site.out("index.html").contains("href=\"/cong-khai/compliance/\""));
}

/// "Nothing to report" is said, not left as a gap: it fills its period, says so on its page, in
/// lists, the legal list, the feed and the open data; without a period it is an error.
#[test]
fn nothing_to_report_fills_its_period_and_says_so() {
    let site = site();
    site.write(
        "content/disclosures/c-q3.md",
        "---\ntitle: \"Quý III: không phát sinh\"\ncategory: c\npublished: 2025-10-02\nperiod: 2025-Q3\nnothing_to_report: true\n---\n",
    );
    let r = json(&site, "2025-10-05");
    assert_eq!(category(&r, "c")["missing_periods"], serde_json::json!([]));
    site.cmd(["build"]).today("2025-10-05").run().success();
    let page = site.out("disclosures/c-q3/index.html");
    assert!(
        page.contains("<strong>Không có nội dung phát sinh trong kỳ Q3/2025.</strong>"),
        "{page}"
    );
    assert!(page.contains("<dt>Kỳ</dt><dd>Q3/2025</dd>"));
    assert!(
        site.out("disclosures/index.html")
            .contains("<span class=\"tag\">Không phát sinh, kỳ Q3/2025</span>")
    );
    assert!(
        site.out("disclosure-list/index.html")
            .contains("<span class=\"tag\">Không phát sinh, kỳ Q3/2025</span>")
    );
    assert!(
        site.out("feed.xml")
            .contains("Không có nội dung phát sinh trong kỳ Q3/2025.")
    );
    let data: serde_json::Value = serde_json::from_str(&site.read_text("public/data/disclosures.json")).expect("JSON");
    let item = data["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|d| d["id"] == "c-q3")
        .expect("c-q3");
    assert_eq!(
        (&item["period"], &item["nothing_to_report"]),
        (&serde_json::json!("2025-Q3"), &serde_json::json!(true))
    );
    // Without a period it says nothing about any period: an error at its line.
    site.edit("content/disclosures/c-q3.md", "period: 2025-Q3\n", "");
    let out = site.cmd(["build"]).today("2025-10-05").run().code(1);
    assert!(
        out.error_line("content/disclosures/c-q3.md:5:")
            .contains("`nothing_to_report: true` needs `period:`"),
        "{}",
        out.stderr
    );
}

/// What the access-to-information page lacks is owed too; a category fulfilled by a page the
/// site makes itself (`generated_page`) is never missing.
#[test]
fn the_hub_and_generated_pages_in_the_report() {
    let site = site();
    let r = json(&site, "2025-10-05");
    assert_eq!(r["access_missing"], serde_json::json!([]));
    let yaml = site.read_text("site.yaml");
    site.write("site.yaml", &yaml[..yaml.find("focal_point:").expect("focal_point")]);
    let out = report(&site, "2025-10-05", &[]).success();
    assert!(out.stdout.contains("Chuyên mục tiếp cận thông tin:\n  [Chưa công khai] Chưa có thông tin về người làm đầu mối cung cấp thông tin."), "{}", out.stdout);
    assert_eq!(
        json(&site, "2025-10-05")["access_missing"],
        serde_json::json!(["focal_point"])
    );
    // `b` is required and empty: missing, until the site's own list fulfils it.
    assert_eq!(category(&json(&site, "2025-10-05"), "b")["state"], "missing");
    site.edit(
        "data/categories.yaml",
        "  name: \"Nhóm B\"\n",
        "  name: \"Nhóm B\"\n  generated_page: disclosure-list\n",
    );
    assert_eq!(category(&json(&site, "2025-10-05"), "b")["state"], "ok");
    site.cmd(["build"]).today("2025-10-05").run().success();
    assert!(
        site.out("categories/b/index.html")
            .contains("<a href=\"/cong-khai/disclosure-list/\">Nhóm B</a>")
    );
    site.edit(
        "data/categories.yaml",
        "generated_page: disclosure-list",
        "generated_page: trang-khac",
    );
    let out = report(&site, "2025-10-05", &[]).code(1);
    assert!(
        out.stderr.contains("unknown generated page `trang-khac`"),
        "{}",
        out.stderr
    );
}
