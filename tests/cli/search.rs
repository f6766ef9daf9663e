//! The static search index: written beside the site under the base path, every result links to
//! a built page, drafts and scheduled items are left out, and the search page loads the script.

use std::collections::BTreeMap;

use crate::support::{Site, main_of};

fn json(site: &Site, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.out(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn search_page_loads_the_script_under_the_base_path() {
    let site = Site::fixture("basic");
    site.build_ok();
    let html = site.out("search/index.html");
    let main = main_of(&html);
    assert!(
        main.contains(r#"<script src="/cong-khai/search/search.js" defer></script>"#),
        "{main}"
    );
    assert!(main.contains(r#"id="search-form""#), "{main}");
    assert!(main.contains(r#"id="search-results""#), "{main}");
    // Without JavaScript the browse links are still there.
    assert!(main.contains("/cong-khai/categories/tuyen-dung/"), "{main}");
    assert!(site.out("search/search.js").contains("meta.json"));
    // The home page's box is a plain GET form to the search page.
    assert!(
        site.out("index.html")
            .contains(r#"method="get" action="/cong-khai/search/""#)
    );
}

#[test]
fn every_document_links_to_a_built_page_and_hidden_items_are_left_out() {
    let site = Site::fixture("basic");
    site.build_ok();
    let meta = json(&site, "search/meta.json");
    let counts: BTreeMap<String, u64> = meta["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| {
            let n = s["end"].as_u64().expect("end") - s["start"].as_u64().expect("start");
            (s["id"].as_str().expect("id").to_string(), n)
        })
        .collect();
    let want: BTreeMap<String, u64> = [
        ("plans", 1),
        ("tasks", 3),
        ("disclosures", 5),
        ("updates", 2),
        ("pages", 2),
        ("units", 3),
        ("dimensions", 2),
        ("categories", 3),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(counts, want);
    let docs = meta["docs"].as_u64().expect("docs");
    assert_eq!(docs, 21);
    for id in 0..docs {
        let doc = json(&site, &format!("search/doc/{id}.json"));
        let url = doc["u"].as_str().expect("url");
        let rel = url
            .strip_prefix("/cong-khai/")
            .unwrap_or_else(|| panic!("{url} not under the base path"));
        assert!(
            site.has_out(&format!("{rel}index.html")),
            "doc {id}: {url} was not built"
        );
        assert!(!url.contains("ban-nhap") && !url.contains("sap-cong-khai"), "{url}");
    }
    let shards = meta["shards"].as_u64().expect("shards");
    let mut all = String::new();
    for n in 0..shards {
        all.push_str(&site.out(&format!("search/index/{n}.json")));
    }
    // Folded terms only, and none from the draft ("nhap") or the scheduled page ("se").
    assert!(all.contains(r#""tuyen":"#) && all.contains(r#""cong":"#), "{all}");
    assert!(!all.contains(r#""nhap":"#) && !all.contains(r#""se":"#), "{all}");
    assert!(!all.contains('đ'));
}

#[test]
fn excerpts_keep_the_diacritics() {
    let site = Site::fixture("basic");
    site.build_ok();
    let meta = json(&site, "search/meta.json");
    let docs = meta["docs"].as_u64().expect("docs");
    let texts: Vec<String> = (0..docs)
        .map(|id| {
            json(&site, &format!("search/doc/{id}.json"))["x"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("Văn phòng thông báo tuyển dụng.")),
        "{texts:?}"
    );
}
