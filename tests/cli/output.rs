//! A build → open data (CSV with BOM and CRLF, JSON), the Atom feed, the sitemap and robots.txt.

use sha2::Digest as _;

use crate::support::Site;

const BASE: &str = "https://example.gov.vn/cong-khai/";

fn built() -> Site {
    let site = Site::fixture("basic");
    site.build_ok();
    site
}

/// Checks the shape every open-data CSV must have and returns its rows (header first).
fn csv_rows(site: &Site, file: &str) -> Vec<Vec<String>> {
    let bytes = site.read_bytes(&format!("public/{file}"));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{file} starts with the UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8 CSV");
    assert!(text.ends_with("\r\n"), "{file} ends with CRLF");
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "{file}: every line ends with CRLF"
    );
    let rows: Vec<Vec<String>> = text
        .trim_end_matches("\r\n")
        .split("\r\n")
        .map(split_csv_line)
        .collect();
    let header = &rows[0];
    for h in header {
        assert!(
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{file}: header `{h}` is not snake_case"
        );
    }
    for row in &rows {
        assert_eq!(
            row.len(),
            header.len(),
            "{file}: row {row:?} has another number of fields than the header"
        );
    }
    rows
}

/// One RFC 4180 line (the fixture has no line breaks inside fields).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let i = rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", rows[0]));
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

#[test]
fn tasks_csv() {
    let site = built();
    let rows = csv_rows(&site, "data/tasks.csv");
    assert_eq!(rows.len(), 1 + 3, "one row per task");
    let mut ids = column(&rows, "id");
    ids.sort();
    assert_eq!(ids, ["cong-khai", "cung-cap-thong-tin", "tiep-dan"]);
    for (id, url) in column(&rows, "id").iter().zip(column(&rows, "url")) {
        assert_eq!(url, format!("{BASE}tasks/{id}/"), "absolute URL");
    }
    let due = column(&rows, "due");
    assert!(due.contains(&"2025-09-30".to_string()), "ISO dates: {due:?}");
    assert!(column(&rows, "title").contains(&"Công khai thông tin".to_string()));
}

#[test]
fn disclosures_csv() {
    let site = built();
    let rows = csv_rows(&site, "data/disclosures.csv");
    assert_eq!(rows.len(), 1 + 5, "one row per published disclosure");
    let ids = column(&rows, column_name(&rows, &["id", "slug"]));
    for id in &ids {
        assert!(!id.is_empty());
    }
    assert!(!ids.iter().any(|i| i == "ban-nhap" || i == "sap-cong-khai"));
    for url in column(&rows, "url") {
        assert!(url.starts_with(&format!("{BASE}disclosures/")), "{url}");
    }
    assert!(column(&rows, "published").contains(&"2025-08-20".to_string()));
}

fn column_name<'a>(rows: &[Vec<String>], candidates: &[&'a str]) -> &'a str {
    candidates
        .iter()
        .copied()
        .find(|c| rows[0].iter().any(|h| h == c))
        .unwrap_or_else(|| panic!("none of {candidates:?} in {:?}", rows[0]))
}

#[test]
fn units_csv() {
    let site = built();
    let rows = csv_rows(&site, "data/units.csv");
    assert_eq!(rows.len(), 1 + 3);
    let mut ids = column(&rows, "id");
    ids.sort();
    assert_eq!(ids, ["thanh-tra", "ttth-cb", "van-phong"]);
    assert!(column(&rows, "name").contains(&"Trung tâm Tin học và Công báo".to_string()));
}

#[test]
fn tasks_json() {
    let site = built();
    let json: serde_json::Value = serde_json::from_str(&site.out("data/tasks.json")).unwrap();
    let items = json["items"].as_array().expect("an `items` array");
    assert_eq!(items.len(), 3);
    for item in items {
        let id = item["id"].as_str().unwrap();
        assert_eq!(item["url"].as_str().unwrap(), format!("{BASE}tasks/{id}/"));
    }
    let t = items.iter().find(|t| t["id"] == "cong-khai").unwrap();
    assert_eq!(t["lead"], "van-phong");
    assert_eq!(t["due"], "2025-09-30");
    assert_eq!(t["progress"], 40);
    assert_eq!(t["status"], "in-progress");
}

#[test]
fn disclosures_json() {
    let site = built();
    let json: serde_json::Value = serde_json::from_str(&site.out("data/disclosures.json")).unwrap();
    let items = json["items"].as_array().expect("an `items` array");
    assert_eq!(items.len(), 5);
    for item in items {
        assert!(
            item["url"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{BASE}disclosures/")),
            "{item}"
        );
    }
    let text = json.to_string();
    assert!(!text.contains("ban-nhap") && !text.contains("sap-cong-khai"));
    // Attachments carry their size, type, checksum and absolute URL in the data too.
    let d = items.iter().find(|d| d["id"] == "thong-bao-tuyen-dung").unwrap();
    let a = &d["attachments"][0];
    let bytes = site.read_bytes("static/files/mau-don.txt");
    assert_eq!(a["size"], bytes.len());
    assert_eq!(a["media_type"], "text/plain");
    assert_eq!(a["url"], format!("{BASE}files/mau-don.txt"));
    let sha: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(a["sha256"], sha);
}

#[test]
fn feed_is_atom_newest_first() {
    let site = built();
    let feed = site.out("feed.xml");
    assert!(feed.starts_with("<?xml"), "{feed}");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""), "{feed}");
    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    assert_eq!(entries.len(), 5 + 2, "disclosures and updates");
    let dates: Vec<&str> = entries
        .iter()
        .map(|e| {
            let s = e.find("<updated>").unwrap() + "<updated>".len();
            &e[s..s + 10]
        })
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "entries newest first");
    assert_eq!(dates[0], "2025-10-30");
    for e in &entries {
        let s = e.find("<id>").unwrap() + "<id>".len();
        assert!(e[s..].starts_with(BASE), "absolute ids: {e}");
    }
    assert!(feed.contains(&format!("href=\"{BASE}feed.xml\"")));
}

#[test]
fn sitemap_has_absolute_urls_of_real_pages() {
    let site = built();
    let sitemap = site.out("sitemap.xml");
    assert!(sitemap.contains("xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""));
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    assert!(locs.len() > 20, "{locs:?}");
    for loc in &locs {
        let rel = loc
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{loc} is not under {BASE}"));
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        assert!(site.has_out(&file), "{loc} has no page");
    }
    for page in [
        "",
        "tasks/cong-khai/",
        "disclosures/danh-sach-dot-1/",
        "lien-he/",
        "updates/so-ket/",
    ] {
        assert!(
            locs.contains(&format!("{BASE}{page}").as_str()),
            "{page} missing from the sitemap"
        );
    }
    assert!(!sitemap.contains("404"), "the 404 page is not in the sitemap");
}

#[test]
fn robots_names_the_sitemap() {
    let site = built();
    let robots = site.out("robots.txt");
    assert!(robots.contains(&format!("Sitemap: {BASE}sitemap.xml")), "{robots}");
}

#[test]
fn not_found_page_works_from_any_folder() {
    let site = built();
    let html = site.out("404.html");
    // A web server shows 404.html for any missing URL, so its links must be absolute paths.
    for link in crate::support::links(&html) {
        assert!(
            link.starts_with("/cong-khai/")
                || link.starts_with("https://")
                || link.starts_with('#')
                || link.starts_with("tel:")
                || link.starts_with("mailto:"),
            "404.html has a relative link `{link}`"
        );
    }
}
