//! UI strings from the theme's translation files, `language: en`, English translations of
//! content (`foo.en.md` → `/en/...`) and the "last updated" date of every page.

use crate::support::Site;

#[test]
fn language_en_switches_every_ui_string() {
    let site = Site::fixture("basic");
    site.edit("site.yaml", "language: vi", "language: en");
    site.build_ok();
    let task = site.out("tasks/cong-khai/index.html");
    assert!(task.starts_with("<!doctype html>\n<html lang=\"en\">"), "{task}");
    assert!(task.contains(r##"<a class="skip-link" href="#main">Skip to main content</a>"##));
    assert!(
        task.contains(r#"<strong class="tag tag-overdue">Overdue</strong>"#),
        "{task}"
    );
    assert!(task.contains(r#"<dt>Schedule</dt>"#));
    assert!(task.contains(r#"<span class="tag tag-in-progress">In progress</span>"#));
    // per_page is 2: the three tasks are on two pages.
    let list = site.out("tasks/index.html") + &site.out("tasks/page/2/index.html");
    assert!(list.contains("<h1>Tasks</h1>"), "{list}");
    assert!(list.contains(">Due 30/09/2025</time>"), "{list}");
    assert!(list.contains("<td>Ongoing</td>"), "{list}");
    assert!(list.contains("<td>On request</td>"), "{list}");
    let home = site.out("index.html");
    assert!(home.contains("Chart: number of tasks by status"), "{home}");
    assert!(home.contains(">Overdue</text>"));
    assert!(site.out("search/index.html").contains(r#"data-more="More results""#));
    assert!(site.out("search/meta.json").contains(r#""name":"Tasks""#));
    assert!(site.out("units/index.html").contains("<h1>Units</h1>"));
    // No Vietnamese UI string is left on any page (content and data stay as written).
    for page in [
        "index.html",
        "tasks/cong-khai/index.html",
        "tasks/index.html",
        "404.html",
    ] {
        let html = site.out(page);
        for vi in [
            "Quá hạn",
            ">Trang chủ<",
            "Tiến độ",
            "Trạng thái",
            "Cập nhật lần cuối",
            "Thường xuyên",
        ] {
            assert!(!html.contains(vi), "{page} still says {vi}");
        }
    }
}

#[test]
fn the_open_data_speaks_the_site_language_and_a_vietnamese_site_keeps_its_strings() {
    let site = Site::fixture("basic");
    site.edit("site.yaml", "language: vi", "language: en");
    site.build_ok();
    // Labels come from the UI strings, in pages and data files alike; codes stay codes.
    for file in ["data/tasks.csv", "data/tasks.json"] {
        let data = site.out(file);
        assert!(
            data.contains("In progress") && data.contains("in-progress"),
            "{file}: {data}"
        );
        assert!(
            !data.contains("Đang thực hiện") && !data.contains("Thường xuyên"),
            "{file}: {data}"
        );
    }
    let site = Site::fixture("basic");
    site.build_ok();
    assert!(site.out("data/tasks.csv").contains("Đang thực hiện"));
    let site = Site::fixture("basic");
    site.build_ok();
    let task = site.out("tasks/cong-khai/index.html");
    assert!(task.contains("<html lang=\"vi\">"));
    assert!(task.contains(r#"<strong class="tag tag-overdue">Quá hạn</strong>"#));
}

#[test]
fn a_site_may_override_translation_keys() {
    let site = Site::fixture("basic");
    site.write("i18n/vi.yaml", "overdue: \"Trễ hạn\"\n");
    site.build_ok();
    assert!(
        site.out("tasks/cong-khai/index.html")
            .contains(r#"<strong class="tag tag-overdue">Trễ hạn</strong>"#)
    );
}

#[test]
fn a_theme_translation_file_missing_a_key_is_an_error_naming_file_and_key() {
    let site = Site::fixture("basic");
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for dir in ["templates", "templates/partials", "static", "i18n"] {
        std::fs::create_dir_all(site.path(&format!("themes/mine/{dir}"))).expect("mkdir");
        for e in std::fs::read_dir(theme.join(dir)).expect("theme dir").flatten() {
            if e.path().is_file() {
                std::fs::copy(
                    e.path(),
                    site.path(&format!("themes/mine/{dir}/{}", e.file_name().to_string_lossy())),
                )
                .expect("copy");
            }
        }
    }
    site.edit("site.yaml", "theme: default", "theme: mine");
    site.build_ok();
    let en = site.read_text("themes/mine/i18n/en.yaml");
    let without: String = en
        .lines()
        .filter(|l| !l.starts_with("skip_link:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("themes/mine/i18n/en.yaml", &without);
    site.build()
        .code(1)
        .stderr_has("themes/mine/i18n/en.yaml:1:1: error: missing translation key `skip_link`");
}

/// The basic fixture with English translations of a free page and a task.
fn translated() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/pages/lien-he.en.md",
        "---\ntitle: \"Contact\"\nupdated: 2025-10-02\n---\n\nCall us. See [the task](/en/tasks/tiep-dan/).\n",
    );
    site.write(
        "content/tasks/tiep-dan.en.md",
        "---\ntitle: \"Receiving citizens\"\n---\n\nRegular citizen reception.\n",
    );
    site
}

#[test]
fn a_translation_is_published_under_en_with_hreflang_both_ways() {
    let site = translated();
    site.build_ok();
    assert!(
        !site.has_out("lien-he-en/index.html"),
        "no page from the file stem `lien-he.en`"
    );
    let en = site.out("en/lien-he/index.html");
    let vi = site.out("lien-he/index.html");
    assert!(en.contains("<html lang=\"en\">"), "{en}");
    assert!(en.contains("<h1>Contact</h1>") && en.contains("Call us."));
    assert!(
        en.contains(r#"href="/cong-khai/en/tasks/tiep-dan/""#),
        "links in translations are site-relative"
    );
    for page in [&en, &vi] {
        assert!(
            page.contains(r#"<link rel="alternate" hreflang="vi" href="https://example.gov.vn/cong-khai/lien-he/">"#)
        );
        assert!(
            page.contains(
                r#"<link rel="alternate" hreflang="en" href="https://example.gov.vn/cong-khai/en/lien-he/">"#
            )
        );
    }
    assert!(
        vi.contains(r#"<a href="/cong-khai/en/lien-he/" hreflang="en" lang="en">English</a>"#),
        "{vi}"
    );
    assert!(en.contains(r#"<a href="/cong-khai/lien-he/" hreflang="vi" lang="vi">Tiếng Việt</a>"#));
    assert!(en.contains("Skip to main content") && vi.contains("Bỏ qua, đến nội dung chính"));
    let task = site.out("en/tasks/tiep-dan/index.html");
    assert!(
        task.contains("Receiving citizens") && task.contains("<dt>Lead unit</dt>"),
        "{task}"
    );
    assert!(task.contains("Regular citizen reception."));
    // A page without a translation has no language switch.
    assert!(!site.out("tasks/cong-khai/index.html").contains("hreflang"));
    let sitemap = site.out("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.gov.vn/cong-khai/en/lien-he/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://example.gov.vn/cong-khai/en/tasks/tiep-dan/</loc>"));
    assert!(
        !site.out("feed.xml").contains("Receiving citizens"),
        "the feed stays Vietnamese"
    );
    assert!(!site.out("data/tasks.json").contains("Receiving citizens"));
}

#[test]
fn an_english_home_page_exists_when_index_en_exists() {
    let site = translated();
    site.build_ok();
    assert!(!site.has_out("en/index.html"));
    site.write("content/_index.en.md", "---\ntitle: \"Openness\"\n---\n\nWelcome.\n");
    site.build_ok();
    let home = site.out("en/index.html");
    assert!(home.contains("<html lang=\"en\">") && home.contains("<h1>Openness</h1>") && home.contains("Welcome."));
    // English pages lead home to the English home page.
    assert!(
        site.out("en/lien-he/index.html")
            .contains(r#"<li><a href="/cong-khai/en/">Home</a></li>"#)
    );
}

#[test]
fn a_translation_without_its_original_is_an_error_naming_the_file() {
    let site = Site::fixture("basic");
    site.write("content/pages/khong-co.en.md", "---\ntitle: \"Orphan\"\n---\n\nText.\n");
    site.build().code(1).stderr_has(
        "content/pages/khong-co.en.md:1:1: error: `content/pages/khong-co.en.md` is a translation of `content/pages/khong-co.md`, which does not exist",
    );
}

#[test]
fn translations_never_make_duplicate_slugs() {
    let site = translated();
    site.write(
        "content/tasks/tiep-dan.en.md",
        "---\ntitle: \"Receiving citizens\"\nslug: tiep-dan\n---\n",
    );
    site.build_ok().stderr_lacks("same slug");
}

#[test]
fn every_page_shows_when_its_content_was_last_updated() {
    let site = translated();
    site.build_ok();
    let shown = |rel: &str| {
        let html = site.out(rel);
        let i = html
            .find(r#"<p class="last-updated">"#)
            .unwrap_or_else(|| panic!("{rel}: no last-updated"));
        html[i..i + html[i..].find("</p>").expect("closes")].to_string()
    };
    // A task: its newest update.
    assert!(
        shown("tasks/cong-khai/index.html")
            .contains(r#"Cập nhật lần cuối: <time datetime="2025-08-15">15/08/2025</time>"#)
    );
    // A free page: its `updated` field; a translation has its own.
    assert!(!site.out("lien-he/index.html").contains("last-updated"));
    assert!(shown("en/lien-he/index.html").contains(r#"Last updated: <time datetime="2025-10-02">02/10/2025</time>"#));
    site.edit(
        "content/pages/lien-he.md",
        "weight: 10",
        "weight: 10\nupdated: 2025-07-01",
    );
    site.build_ok();
    assert!(shown("lien-he/index.html").contains(r#"<time datetime="2025-07-01">01/07/2025</time>"#));
    // Lists and the home page: the newest date among what they show.
    for rel in [
        "index.html",
        "tasks/index.html",
        "plans/index.html",
        "disclosures/index.html",
        "updates/index.html",
        "units/index.html",
        "categories/index.html",
    ] {
        assert!(shown(rel).contains("<time datetime=\"20"), "{rel}");
    }
    // The same inputs give the same pages, whatever the clock says.
    let first = site.tree("public");
    site.build_ok();
    assert_eq!(first, site.tree("public"));
}

#[test]
fn search_results_speak_the_site_language() {
    let site = Site::fixture("basic");
    site.edit("site.yaml", "language: vi", "language: en");
    site.build_ok();
    let docs: String = site
        .tree("public/search/doc")
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(docs.contains("Lead: ") && docs.contains("Status: "), "{docs}");
    assert!(!docs.contains("Chủ trì: ") && !docs.contains("Tình trạng: "), "{docs}");
}
