//! Found and shared as a citizen expects: each page's own description in its own language,
//! Open Graph tags, a favicon, a sitemap with `lastmod` on every address and the language
//! versions of translated pages, and a warning when robots.txt cannot be read where it is.

use std::collections::BTreeMap;

use quick_xml::XmlVersion;
use quick_xml::events::Event;

const XML: XmlVersion = XmlVersion::Implicit1_0;

use crate::support::Site;

/// The `content` of `<meta name|property="key">` in a page; fails if absent or repeated.
fn meta(html: &str, attr: &str, key: &str) -> String {
    let needle = format!("<meta {attr}=\"{key}\" content=\"");
    assert_eq!(html.matches(&needle).count(), 1, "one {key} in:\n{html}");
    let start = html.find(&needle).expect("meta") + needle.len();
    html[start..start + html[start..].find('"').expect("end")].to_string()
}

fn description(html: &str) -> String {
    meta(html, "name", "description")
}

#[test]
fn each_page_describes_itself_in_its_own_language() {
    let site = Site::fixture("basic");
    site.write(
        "content/pages/lien-he.en.md",
        "---\ntitle: \"Contact\"\n---\n\nCall us on weekdays.\n",
    );
    let long = "Văn phòng công khai kết quả xét tuyển. ".repeat(10);
    site.edit(
        "content/disclosures/2025/ket-qua-dot-1.md",
        "\n---\n",
        &format!("\n---\n\n{long}\n"),
    );
    site.build_ok();
    // A free page: the start of its body; its translation: the translation's.
    let vi = site.out("lien-he/index.html");
    assert_eq!(
        description(&vi),
        "Gọi 0200 000 0000 hoặc viết thư đến vanphong@example.gov.vn."
    );
    let en = site.out("en/lien-he/index.html");
    assert_eq!(description(&en), "Call us on weekdays.");
    assert_eq!(meta(&en, "property", "og:locale"), "en_US");
    assert_eq!(meta(&vi, "property", "og:locale"), "vi_VN");
    assert_eq!(meta(&en, "property", "og:description"), "Call us on weekdays.");
    // A long body is cut at a word, with an ellipsis, to 160 characters at most.
    let d = description(&site.out("disclosures/ket-qua-dot-1/index.html"));
    assert!(d.starts_with("Văn phòng công khai kết quả xét tuyển."), "{d}");
    assert!(d.ends_with('…') && d.chars().count() <= 160 && !d.contains("  "), "{d}");
    assert!(!d.ends_with(" …"), "{d}");
    // An update: its summary.
    assert_eq!(
        description(&site.out("updates/so-ket/index.html")),
        "Sơ kết việc thực hiện kế hoạch."
    );
    // A list: built from the UI strings; never the same for two lists.
    let tasks = description(&site.out("tasks/index.html"));
    assert_eq!(tasks, "Nhiệm vụ — Công khai — Văn phòng Thử nghiệm");
    assert_ne!(tasks, description(&site.out("disclosures/index.html")));
    // The home page: the site's description.
    let home = site.out("index.html");
    assert_eq!(description(&home), "Trang thử nghiệm của bộ kiểm thử congkhai.");
    assert_eq!(meta(&home, "property", "og:type"), "website");
}

#[test]
fn open_graph_tags_name_the_page() {
    let site = Site::fixture("basic");
    site.build_ok();
    let page = site.out("disclosures/lich-tiep-dan/index.html");
    let url = "https://example.gov.vn/cong-khai/disclosures/lich-tiep-dan/";
    assert_eq!(meta(&page, "property", "og:title"), "Lịch tiếp công dân tháng 11");
    assert_eq!(meta(&page, "property", "og:url"), url);
    assert_eq!(meta(&page, "property", "og:type"), "article");
    assert_eq!(
        meta(&page, "property", "og:site_name"),
        "Công khai — Văn phòng Thử nghiệm"
    );
    assert_eq!(
        meta(&page, "property", "og:description"),
        description(&page),
        "the same description"
    );
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")));
}

#[test]
fn a_hidden_body_never_reaches_the_description() {
    let site = Site::fixture("basic");
    site.build_ok();
    let rel = "content/disclosures/lich-tiep-dan.md";
    let before = description(&site.out("disclosures/lich-tiep-dan/index.html"));
    assert!(before.contains("Lịch tiếp công dân."), "{before}");
    let text = site.read_text(rel);
    site.write(
        rel,
        &text.replacen(
            "---\n",
            "---\nwithdrawn:\n  date: 2025-11-05\n  reason: \"Đăng nhầm\"\n  hide_body: true\n",
            1,
        ),
    );
    site.build_ok();
    let page = site.out("disclosures/lich-tiep-dan/index.html");
    assert_eq!(
        description(&page),
        "Lịch tiếp công dân tháng 11 — Công khai — Văn phòng Thử nghiệm"
    );
    assert!(!page.contains("Lịch tiếp công dân."), "the body is hidden everywhere");
}

#[test]
fn a_site_at_the_host_root_has_its_favicon_there() {
    let site = Site::fixture("basic");
    site.cmd(["build", "--base-url", "https://example.gov.vn/"])
        .run()
        .success()
        .stderr_lacks("robots.txt");
    let ico = site.read_bytes("public/favicon.ico");
    // An ICO file: reserved 0, type 1 (icon), one image of 32×32 pixels at 32 bits.
    assert_eq!(&ico[..6], &[0, 0, 1, 0, 1, 0]);
    assert_eq!((ico[6], ico[7]), (32, 32));
    let size = u32::from_le_bytes([ico[14], ico[15], ico[16], ico[17]]) as usize;
    let offset = u32::from_le_bytes([ico[18], ico[19], ico[20], ico[21]]) as usize;
    assert_eq!(offset + size, ico.len(), "the image fills the file");
    assert!(
        site.read_text("public/favicon.svg")
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );
    let home = site.out("index.html");
    assert!(
        home.contains("<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"32x32\">"),
        "{home}"
    );
    assert!(home.contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">"));
}

#[test]
fn a_site_under_a_sub_path_is_told_once_what_robots_txt_to_write() {
    let site = Site::fixture("basic");
    let out = site.build_ok();
    let line = site.line_of("site.yaml", "base_url:");
    let want = format!(
        "site.yaml:{line}:1: warning: the site is published under `/cong-khai/`, but crawlers read robots.txt only at the host's root (https://example.gov.vn/robots.txt), not https://example.gov.vn/cong-khai/robots.txt: for search engines to find the sitemap, that file should hold the line `Sitemap: https://example.gov.vn/cong-khai/sitemap.xml`"
    );
    assert_eq!(out.stderr.matches("robots.txt only").count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains(&want), "{}", out.stderr);
    // With --base-url, the option is named.
    site.cmd(["build", "--base-url", "https://staging.example.vn/thu/"])
        .run()
        .success()
        .stderr_has("--base-url:1:1: warning: the site is published under `/thu/`")
        .stderr_has("`Sitemap: https://staging.example.vn/thu/sitemap.xml`");
}

/// One `<url>` of the sitemap.
#[derive(Debug, Default)]
struct Url {
    lastmod: Option<String>,
    /// hreflang → href.
    alternates: BTreeMap<String, String>,
}

/// The sitemap parsed as XML: loc → its url; checks the root element and its namespaces.
fn sitemap(xml: &str) -> BTreeMap<String, Url> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut urls, mut current, mut text_of, mut path) = (BTreeMap::new(), None, None, Vec::new());
    let mut loc = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if path.is_empty() => {
                assert_eq!(e.name().as_ref(), "urlset");
                let attrs: BTreeMap<String, String> = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            a.key.as_ref().to_string(),
                            a.normalized_value(XML).expect("value").into_owned(),
                        )
                    })
                    .collect();
                assert_eq!(attrs["xmlns"], "http://www.sitemaps.org/schemas/sitemap/0.9");
                assert_eq!(attrs["xmlns:xhtml"], "http://www.w3.org/1999/xhtml");
                path.push("urlset".to_string());
            }
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "url" {
                    assert_eq!(path, ["urlset"], "url directly in urlset");
                    current = Some(Url::default());
                } else {
                    assert_eq!(path, ["urlset", "url"], "{name} directly in url");
                    assert!(name == "loc" || name == "lastmod", "unexpected <{name}>");
                    text_of = Some(name.clone());
                }
                path.push(name);
            }
            Event::Empty(e) => {
                assert_eq!(e.name().as_ref(), "xhtml:link");
                assert_eq!(path, ["urlset", "url"]);
                let get = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k)
                        .map(|a| a.normalized_value(XML).expect("value").into_owned())
                        .expect("attribute")
                };
                assert_eq!(get("rel"), "alternate");
                let url = current.as_mut().expect("in a url");
                assert!(url.alternates.insert(get("hreflang"), get("href")).is_none());
            }
            Event::Text(t) => {
                let t = t.xml10_content().into_owned();
                match (text_of.as_deref(), current.as_mut()) {
                    (Some("loc"), Some(_)) => loc = t,
                    (Some("lastmod"), Some(u)) => u.lastmod = Some(t),
                    _ => assert!(t.trim().is_empty(), "stray text {t:?}"),
                }
            }
            Event::End(_) => {
                let name = path.pop().expect("open element");
                text_of = None;
                if name == "url" {
                    assert!(loc.starts_with("https://"), "{loc}");
                    assert!(
                        urls.insert(std::mem::take(&mut loc), current.take().expect("url"))
                            .is_none()
                    );
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    urls
}

#[test]
fn every_sitemap_address_has_its_lastmod_and_language_versions() {
    let site = Site::fixture("basic");
    site.write(
        "content/pages/lien-he.en.md",
        "---\ntitle: \"Contact\"\nupdated: 2025-10-02\n---\n\nCall us.\n",
    );
    site.build_ok();
    let urls = sitemap(&site.out("sitemap.xml"));
    let base = "https://example.gov.vn/cong-khai/";
    assert!(urls.len() > 30, "{urls:?}");
    for (loc, u) in &urls {
        let d = u.lastmod.as_deref().unwrap_or_else(|| panic!("{loc}: no lastmod"));
        assert!(
            d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-',
            "{loc}: {d}"
        );
    }
    let at = |p: &str| &urls[&format!("{base}{p}")];
    let date = |p: &str| at(p).lastmod.clone().expect("lastmod");
    // Items: their own dates; a list: the newest of the items it shows.
    assert_eq!(date("disclosures/lich-tiep-dan/"), "2025-10-30");
    assert_eq!(date("updates/so-ket/"), "2025-10-15");
    assert_eq!(date("updates/"), "2025-10-15");
    let items: Vec<String> = ["lich-tiep-dan", "thong-bao-tuyen-dung", "dau-moi-lien-he"]
        .iter()
        .map(|s| date(&format!("disclosures/{s}/")))
        .collect();
    assert!(items.iter().all(|d| *d <= date("categories/")), "{items:?}");
    // Pages without a date of their own take the newest date of the site's content.
    let newest = urls
        .iter()
        .filter(|(l, _)| !l.ends_with("/compliance/"))
        .filter_map(|(_, u)| u.lastmod.clone())
        .max()
        .expect("dates");
    assert_eq!(date("search/"), newest);
    // The report of what the office owes counts days from today.
    assert_eq!(date("compliance/"), crate::support::TODAY);
    assert_eq!(date("yeu-cau-cung-cap-thong-tin/"), newest);
    // A translated page: its own `updated`; both versions name both, and the original as x-default.
    assert_eq!(date("en/lien-he/"), "2025-10-02");
    for p in ["lien-he/", "en/lien-he/"] {
        let a = &at(p).alternates;
        assert_eq!(
            a.get("vi").map(String::as_str),
            Some(&*format!("{base}lien-he/")),
            "{p}"
        );
        assert_eq!(
            a.get("en").map(String::as_str),
            Some(&*format!("{base}en/lien-he/")),
            "{p}"
        );
        assert_eq!(a.get("x-default"), a.get("vi"), "{p}");
    }
    assert!(at("tasks/").alternates.is_empty(), "no translation, no alternates");
    // The pages' heads say the same.
    let page = site.out("en/lien-he/index.html");
    assert!(
        page.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{base}lien-he/\">"
        )),
        "{page}"
    );
    assert!(!site.out("tasks/index.html").contains("hreflang"));
}
