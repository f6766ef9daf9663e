//! Past the addresses one sitemap file may hold, `sitemap.xml` becomes a sitemap index of
//! `sitemap-1.xml`, `sitemap-2.xml`… holding together exactly what the one file held; the
//! feeds keep their 50 entries and the open data every row, however large the site.

use std::collections::BTreeMap;

use congkhai::{Changes, Session};
use quick_xml::XmlVersion;
use quick_xml::events::Event;

use crate::support::{Site, options, today};

const BASE: &str = "https://example.gov.vn/cong-khai/";
const SITEMAPS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// One child of the root of a sitemap file (`<url>` or `<sitemap>`): the text of each of its
/// elements, and its `xhtml:link` alternates (hreflang → href).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Entry {
    text: BTreeMap<String, String>,
    alternates: BTreeMap<String, String>,
}

/// A sitemap file parsed as XML (which must be well-formed): its root element, the root's
/// default namespace, and its children (`url` or `sitemap`, by the root) by `loc`.
fn parse(xml: &[u8]) -> (String, String, BTreeMap<String, Entry>) {
    let text = std::str::from_utf8(xml).expect("UTF-8");
    let mut reader = quick_xml::Reader::from_str(text);
    let (mut root, mut ns, mut path) = (String::new(), String::new(), Vec::<String>::new());
    let (mut entries, mut current) = (BTreeMap::new(), Entry::default());
    let attr = |e: &quick_xml::events::BytesStart<'_>, k: &str| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == k)
            .map(|a| a.normalized_value(XmlVersion::Implicit1_0).expect("value").into_owned())
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if path.is_empty() => {
                root = e.name().as_ref().to_string();
                ns = attr(&e, "xmlns").expect("xmlns");
                path.push(root.clone());
            }
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                let want = if root == "urlset" { "url" } else { "sitemap" };
                match path.len() {
                    1 => assert_eq!(name, want, "only <{want}> in <{root}>"),
                    2 => assert!(["loc", "lastmod"].contains(&name.as_str()), "<{name}> in <{want}>"),
                    _ => panic!("<{name}> too deep"),
                }
                path.push(name);
            }
            Event::Empty(e) => {
                assert_eq!(e.name().as_ref(), "xhtml:link");
                assert_eq!(path.len(), 2, "xhtml:link in a url");
                let (lang, href) = (attr(&e, "hreflang").expect("hreflang"), attr(&e, "href").expect("href"));
                assert!(current.alternates.insert(lang, href).is_none());
            }
            Event::Text(t) => {
                let t = t.xml10_content().into_owned();
                if path.len() == 3 {
                    current.text.insert(path[2].clone(), t);
                } else {
                    assert!(t.trim().is_empty(), "stray text {t:?}");
                }
            }
            Event::End(_) => {
                path.pop();
                if path.len() == 1 {
                    let entry = std::mem::take(&mut current);
                    let loc = entry.text.get("loc").expect("loc").clone();
                    assert!(entries.insert(loc, entry).is_none(), "an address twice");
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (root, ns, entries)
}

/// The basic site with a translated page (addresses with alternates) and 30 more disclosures.
fn larger_site() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/pages/lien-he.en.md",
        "---\ntitle: \"Contact\"\nupdated: 2025-10-02\n---\n\nCall us.\n",
    );
    for k in 0..30 {
        site.write(
            &format!("content/disclosures/thong-bao-{k:02}.md"),
            &format!(
                "---\ntitle: \"Thông báo số {k}\"\ncategory: tuyen-dung\npublished: 2025-{:02}-{:02}\n---\n\nNội dung.\n",
                1 + k / 28,
                1 + k % 28
            ),
        );
    }
    site
}

/// The sitemap files of a built site: path → bytes.
fn sitemap_files(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.tree("public")
        .into_iter()
        .filter(|(p, _)| p.starts_with("sitemap"))
        .collect()
}

#[test]
fn past_the_limit_the_sitemap_is_an_index_of_parts_holding_every_address() {
    let site = larger_site();
    site.build_ok();
    let files = sitemap_files(&site);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["sitemap.xml"],
        "one file below the limit"
    );
    let (root, ns, whole) = parse(&files["sitemap.xml"]);
    assert_eq!((root.as_str(), ns.as_str()), ("urlset", SITEMAPS));
    assert!(whole.len() > 60, "{}", whole.len());
    assert!(whole.values().any(|u| !u.alternates.is_empty()), "a translated page");

    site.cmd(["build"]).env("CONGKHAI_SITEMAP_LIMIT", "10").run().success();
    let files = sitemap_files(&site);
    let (root, ns, index) = parse(&files["sitemap.xml"]);
    assert_eq!((root.as_str(), ns.as_str()), ("sitemapindex", SITEMAPS));
    let n = whole.len().div_ceil(10);
    let want: Vec<String> = (1..=n).map(|i| format!("{BASE}sitemap-{i}.xml")).collect();
    assert_eq!(index.keys().cloned().collect::<Vec<_>>().len(), n);
    let mut union = BTreeMap::new();
    for (i, loc) in want.iter().enumerate() {
        let part = format!("sitemap-{}.xml", i + 1);
        let (root, ns, urls) = parse(&files[&part]);
        assert_eq!((root.as_str(), ns.as_str()), ("urlset", SITEMAPS), "{part}");
        assert!(!urls.is_empty() && urls.len() <= 10, "{part}: {}", urls.len());
        // Dated by the newest address it holds.
        let newest = urls.values().map(|u| u.text["lastmod"].clone()).max();
        assert_eq!(index[loc].text.get("lastmod").cloned(), newest, "{part}");
        for (k, u) in urls {
            assert!(union.insert(k, u).is_none(), "an address in two parts");
        }
    }
    assert_eq!(files.len(), n + 1, "{:?}", files.keys());
    assert_eq!(union, whole, "the parts hold what the one file held");
    assert!(
        site.out("robots.txt")
            .contains(&format!("Sitemap: {BASE}sitemap.xml\n"))
    );

    // The same inputs give the same files.
    site.cmd(["build"]).env("CONGKHAI_SITEMAP_LIMIT", "10").run().success();
    assert_eq!(sitemap_files(&site), files);
    // Back under the limit, the parts are gone.
    site.cmd(["build"])
        .env("CONGKHAI_SITEMAP_LIMIT", "1000")
        .run()
        .success();
    assert_eq!(sitemap_files(&site).keys().collect::<Vec<_>>(), ["sitemap.xml"]);
}

#[test]
fn a_wrong_sitemap_limit_is_refused() {
    let site = Site::fixture("basic");
    site.cmd(["build"])
        .env("CONGKHAI_SITEMAP_LIMIT", "0")
        .run()
        .code(2)
        .stderr_has("CONGKHAI_SITEMAP_LIMIT must be a whole number above 0, found `0`");
}

#[test]
fn a_static_file_at_a_sitemap_part_is_an_error_whatever_the_sites_size() {
    let site = Site::fixture("basic");
    site.write("static/sitemap-2.xml", "<urlset/>");
    let out = site.build().code(1);
    out.error_line("static/sitemap-2.xml:1:1: error: this file would be published as /sitemap-2.xml");
    // Other names are the site's own.
    site.remove("static/sitemap-2.xml");
    site.write("static/sitemap-old.xml", "<urlset/>");
    site.build_ok();
    assert!(site.has_out("sitemap-old.xml"));
}

/// A rebuild's files: path → bytes (a `Keep` build holds every generated file's bytes).
fn made(built: &congkhai::Built) -> BTreeMap<String, Vec<u8>> {
    built
        .rendered
        .files
        .iter()
        .filter(|f| f.path.starts_with("sitemap"))
        .map(|f| (f.path.clone(), f.body.bytes().expect("bytes").to_vec()))
        .collect()
}

#[test]
fn rebuilds_keep_the_parts_right_as_the_site_grows_and_shrinks() {
    let site = Site::fixture("basic");
    let mut opts = options(site.root());
    opts.overrides.sitemap_limit = Some(20);
    let mut session = Session::new(opts.clone());
    let first = made(&session.rebuild(&Changes::everything(), today()).expect("build"));
    let fresh = || made(&congkhai::build(&opts, &congkhai::Keep).expect("fresh build"));
    assert_eq!(first, fresh());
    let parts = |m: &BTreeMap<String, Vec<u8>>| m.len();
    // Twenty more pages: one part more (or several).
    let mut paths = Vec::new();
    for k in 0..20 {
        let rel = format!("content/disclosures/moi-{k:02}.md");
        site.write(
            &rel,
            &format!(
                "---\ntitle: \"Mới {k}\"\ncategory: lien-he\npublished: 2025-11-{:02}\n---\n\nNội dung.\n",
                1 + k
            ),
        );
        paths.push(site.path(&rel));
    }
    let grown = made(
        &session
            .rebuild(&Changes::of(site.root(), &site.path("public"), &paths), today())
            .expect("build"),
    );
    assert_eq!(grown, fresh());
    assert!(parts(&grown) > parts(&first), "{:?} → {:?}", first.keys(), grown.keys());
    // An edit of a date: its part and the index follow.
    site.write(
        "content/disclosures/moi-03.md",
        "---\ntitle: \"Mới 3\"\ncategory: lien-he\npublished: 2025-11-25\n---\n\nNội dung.\n",
    );
    let edited = made(
        &session
            .rebuild(
                &Changes::of(
                    site.root(),
                    &site.path("public"),
                    &[site.path("content/disclosures/moi-03.md")],
                ),
                today(),
            )
            .expect("build"),
    );
    assert_eq!(edited, fresh());
    // Removed again: the extra parts are gone.
    for p in &paths {
        std::fs::remove_file(p).expect("remove");
    }
    let shrunk = made(
        &session
            .rebuild(&Changes::of(site.root(), &site.path("public"), &paths), today())
            .expect("build"),
    );
    assert_eq!(shrunk, first);
}

#[test]
fn the_site_feed_keeps_fifty_entries_and_the_open_data_every_row() {
    let site = Site::fixture("basic");
    for k in 0..60 {
        site.write(
            &format!("content/disclosures/thong-bao-{k:02}.md"),
            &format!(
                "---\ntitle: \"Thông báo số {k}\"\ncategory: tuyen-dung\npublished: 2025-{:02}-{:02}\n---\n\nNội dung.\n",
                1 + k / 28,
                1 + k % 28
            ),
        );
    }
    site.build_ok();
    let feed = feed_rs::parser::parse(site.out("feed.xml").as_bytes()).expect("the feed parses");
    assert_eq!(feed.entries.len(), 50);
    // Newest first: the newest of the fixture, down to the 50th.
    let dates: Vec<_> = feed.entries.iter().map(|e| e.updated.expect("updated")).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    let json: serde_json::Value = serde_json::from_str(&site.out("data/disclosures.json")).expect("JSON");
    let items = json["items"].as_array().expect("items");
    let urls: Vec<&str> = items.iter().map(|d| d["url"].as_str().expect("url")).collect();
    for k in 0..60 {
        let url = format!("{BASE}disclosures/thong-bao-{k:02}/");
        assert!(urls.contains(&url.as_str()), "{url} is in disclosures.json");
    }
    assert_eq!(json["count"].as_u64(), Some(items.len() as u64));
    let csv = site.out("data/disclosures.csv");
    let rows = site.out_csv("data/disclosures.csv").1.len();
    assert_eq!(rows, items.len(), "one CSV row per JSON item");
    assert!(rows >= 60 + 4, "{rows}");
    for k in 0..60 {
        assert!(
            csv.contains(&format!("disclosures/thong-bao-{k:02}/")),
            "row {k} in the CSV"
        );
    }
    let list: serde_json::Value = serde_json::from_str(&site.out("data/disclosure-list.json")).expect("JSON");
    assert_eq!(list["items"].as_array().expect("items").len(), items.len());
}
