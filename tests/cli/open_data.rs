//! Linked open data: every JSON file of `/data/` names its JSON Schema and is valid against
//! it, every CSV has CSVW metadata that matches its header and cells, the DCAT catalog lists
//! every file with its size and licence, the open-data page lists them for people, and pages
//! carry schema.org JSON-LD made of checked types and properties only.

use serde_json::Value;

use crate::support::Site;

const BASE: &str = "https://example.gov.vn/cong-khai/";
/// The licence of the `basic` fixture's site.yaml.
const LICENSE: &str = "data_license:\n  name: \"CC BY 4.0\"\n  url: \"https://creativecommons.org/licenses/by/4.0/\"\n";

fn json(site: &Site, rel: &str) -> Value {
    serde_json::from_str(&site.out(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn licensed() -> Site {
    let site = Site::fixture("basic");
    assert!(site.read_text("site.yaml").ends_with(LICENSE));
    site
}

fn unlicensed() -> Site {
    let site = Site::fixture("basic");
    let text = site.read_text("site.yaml");
    site.write("site.yaml", text.strip_suffix(LICENSE).expect("licence"));
    site
}

/// The validator of the schema the output file `rel` names with `$schema`.
fn validator_of(site: &Site, data: &Value) -> jsonschema::Validator {
    let url = data["$schema"].as_str().expect("$schema");
    let rel = url.strip_prefix(BASE).expect("schema on the site");
    let schema = json(site, rel);
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["$id"], url);
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn errors(v: &jsonschema::Validator, data: &Value) -> Vec<String> {
    v.iter_errors(data)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_json_file_is_valid_against_the_schema_it_names() {
    let site = Site::fixture("basic");
    // A withdrawn disclosure and one with an attachment: the optional and list fields.
    let rel = "content/disclosures/lich-tiep-dan.md";
    let text = site.read_text(rel);
    site.write(
        rel,
        &text.replacen("---\n", "---\nwithdrawn:\n  date: 2025-11-05\n  reason: \"Nhầm\"\n", 1),
    );
    site.build_ok();
    for name in ["tasks", "disclosures", "disclosure-list", "compliance"] {
        let rel = format!("data/{name}.json");
        let data = json(&site, &rel);
        assert_eq!(data["$schema"], format!("{BASE}data/{name}.schema.json"), "{rel}");
        let v = validator_of(&site, &data);
        assert_eq!(errors(&v, &data), Vec::<String>::new(), "{rel}");
        if name == "compliance" {
            continue;
        }
        assert!(
            data["items"].as_array().is_some_and(|a| !a.is_empty()),
            "{rel} has items"
        );
        // The schemas are strict: an unknown field, a wrong type or a bad date fails.
        for (key, bad) in [
            ("unknown_field", Value::from(1)),
            ("url", Value::from(7)),
            ("title", Value::Null),
        ] {
            let mut broken = data.clone();
            broken["items"][0][key] = bad.clone();
            assert!(!v.is_valid(&broken), "{rel}: {key} = {bad} passed");
        }
        let mut broken = data.clone();
        broken["items"][0]["published"] = Value::from("2025-13-45");
        if name != "tasks" {
            assert!(!v.is_valid(&broken), "{rel}: a bad date passed");
        }
    }
    // The titles of the fields are the site's language.
    let schema = json(&site, "data/tasks.schema.json");
    assert_eq!(
        schema["properties"]["items"]["items"]["properties"]["progress"]["title"],
        "Tiến độ (%)"
    );
}

/// A cell holds a value of the CSVW `datatype` (or is empty where the column allows it).
fn cell_ok(datatype: &str, cell: &str) -> bool {
    match datatype {
        "string" => true,
        "date" => {
            let b = cell.as_bytes();
            b.len() == 10 && b[4] == b'-' && b[7] == b'-' && cell.replace('-', "").bytes().all(|c| c.is_ascii_digit())
        }
        "integer" => cell.parse::<i64>().is_ok(),
        "boolean" => cell == "true" || cell == "false",
        "anyURI" => cell.starts_with("https://") || cell.starts_with("http://"),
        _ => false,
    }
}

#[test]
fn every_csv_file_has_csvw_metadata_that_matches_it() {
    let site = licensed();
    site.build_ok();
    for name in ["tasks", "disclosures", "disclosure-list", "units"] {
        let meta_rel = format!("data/{name}.csv-metadata.json");
        let meta = json(&site, &meta_rel);
        assert_eq!(meta["@context"][0], "http://www.w3.org/ns/csvw", "{meta_rel}");
        assert_eq!(meta["url"], format!("{name}.csv"));
        assert!(meta["dc:title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(
            meta["dc:description"].as_str().is_some_and(|d| d.contains("(')")),
            "formula note"
        );
        assert_eq!(
            meta["dc:license"]["@id"],
            "https://creativecommons.org/licenses/by/4.0/"
        );
        assert_eq!(meta["dialect"]["lineTerminators"][0], "\r\n");
        assert_eq!(meta["dialect"]["header"], true);
        let columns = meta["tableSchema"]["columns"].as_array().expect("columns");
        let (headers, rows) = site.out_csv(&format!("data/{name}.csv"));
        let names: Vec<&str> = columns.iter().map(|c| c["name"].as_str().expect("name")).collect();
        assert_eq!(names, headers, "{meta_rel}: columns in the CSV's order");
        for (k, c) in columns.iter().enumerate() {
            let col = names[k];
            for lang in ["vi", "en", "und"] {
                assert!(
                    c["titles"][lang].as_str().is_some_and(|t| !t.is_empty()),
                    "{col}: title {lang}"
                );
            }
            assert_eq!(c["null"], "");
            let datatype = c["datatype"].as_str().expect("datatype");
            let required = c["required"].as_bool().expect("required");
            for row in &rows {
                let cell = &row[k];
                if cell.is_empty() {
                    let list = c.get("separator").is_some();
                    assert!(!required || list, "{name}.csv: {col} is required but empty");
                    continue;
                }
                let parts: Vec<&str> = match c["separator"].as_str() {
                    Some(sep) => cell.split(sep).collect(),
                    None => vec![cell.as_str()],
                };
                for p in parts {
                    assert!(cell_ok(datatype, p), "{name}.csv: {col} = {p:?} is not a {datatype}");
                }
            }
        }
    }
    let meta = json(&site, "data/tasks.csv-metadata.json");
    let progress = &meta["tableSchema"]["columns"][16];
    assert_eq!(progress["name"], "progress");
    assert_eq!(progress["titles"]["vi"], "Tiến độ (%)");
    assert_eq!(progress["titles"]["en"], "Progress (%)");
    assert_eq!(progress["datatype"], "integer");
    assert_eq!(
        meta["tableSchema"]["columns"][8]["separator"], ";",
        "partners is a list"
    );
}

#[test]
fn the_dcat_catalog_lists_every_file_with_its_size_type_and_licence() {
    let site = licensed();
    let out = site.build_ok();
    assert!(!out.stderr.contains("data_license"), "{}", out.stderr);
    let cat = json(&site, "data/catalog.jsonld");
    assert_eq!(cat["@type"], "dcat:Catalog");
    assert_eq!(cat["@context"]["dcat"], "http://www.w3.org/ns/dcat#");
    assert_eq!(cat["dcterms:publisher"]["foaf:name"], "Văn phòng Thử nghiệm");
    assert_eq!(
        cat["dcterms:license"]["@id"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    let sets = cat["dcat:dataset"].as_array().expect("datasets");
    let ids: Vec<&str> = sets
        .iter()
        .map(|s| s["dcterms:identifier"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["tasks", "disclosures", "disclosure-list", "units", "compliance"]);
    let mut files = 0;
    for set in sets {
        assert_eq!(set["@type"], "dcat:Dataset");
        assert_eq!(
            set["dcterms:license"]["@id"],
            "https://creativecommons.org/licenses/by/4.0/"
        );
        for d in set["dcat:distribution"].as_array().expect("distributions") {
            let url = d["dcat:downloadURL"]["@id"].as_str().expect("downloadURL");
            let rel = url.strip_prefix(BASE).expect("on the site");
            let size = site.read_bytes(&format!("public/{rel}")).len();
            assert_eq!(d["dcat:byteSize"]["@value"], size.to_string(), "{rel}");
            let media = if rel.ends_with(".csv") {
                "text/csv"
            } else {
                "application/json"
            };
            assert_eq!(
                d["dcat:mediaType"]["@id"],
                format!("https://www.iana.org/assignments/media-types/{media}")
            );
            let conforms = d["dcterms:conformsTo"]["@id"].as_str().expect("conformsTo");
            assert!(
                site.has_out(conforms.strip_prefix(BASE).expect("on the site")),
                "{conforms}"
            );
            files += 1;
        }
    }
    assert_eq!(files, 8);
    // Dates of the content, never the clock: the newest disclosure, and today for the report.
    assert_eq!(sets[4]["dcterms:modified"]["@value"], crate::support::TODAY);
    let newest = json(&site, "data/disclosures.json")["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["updated"].as_str().map(str::to_string))
        .max();
    assert_eq!(
        sets[1]["dcterms:modified"]["@value"].as_str().map(str::to_string),
        newest
    );
}

#[test]
fn without_a_licence_the_catalog_says_so_and_the_build_warns_once() {
    let site = unlicensed();
    let out = site.build_ok();
    assert_eq!(out.stderr.matches("no `data_license`").count(), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("site.yaml:1:1: warning: no `data_license` in site.yaml")
    );
    assert!(out.stderr.contains("data_license: {name:"), "says what to write");
    let cat = json(&site, "data/catalog.jsonld");
    assert!(cat.get("dcterms:license").is_none());
    assert_eq!(
        cat["dcterms:rights"]["rdfs:label"]["@value"],
        "Chưa công bố giấy phép sử dụng dữ liệu."
    );
    assert!(
        site.out("data/index.html")
            .contains("Chưa công bố giấy phép sử dụng dữ liệu.")
    );
}

#[test]
fn a_bad_licence_is_an_error_at_its_line() {
    let site = unlicensed();
    let text = site.read_text("site.yaml");
    site.write(
        "site.yaml",
        &format!("{text}data_license:\n  name: \"CC BY\"\n  url: \"creativecommons.org/by\"\n  version: 4\n"),
    );
    let line = site.line_of("site.yaml", "url: \"creativecommons");
    let out = site.build().code(1);
    assert!(
        out.stderr.contains(&format!(
            "site.yaml:{line}:1: error: `data_license.url` must be an absolute http(s) URL"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("unknown setting `data_license.version`"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_open_data_page_lists_each_file_with_fields_sizes_and_licence() {
    let site = licensed();
    site.build_ok();
    let page = site.out("data/index.html");
    for name in ["tasks", "disclosures", "disclosure-list"] {
        let size = site.read_bytes(&format!("public/data/{name}.json")).len();
        assert!(
            page.contains(&format!(
                "<a href=\"/cong-khai/data/{name}.json\" type=\"application/json\">JSON</a> (<data value=\"{size}\">"
            )),
            "{name}.json with its size"
        );
        assert!(page.contains(&format!("href=\"/cong-khai/data/{name}.schema.json\"")));
        assert!(page.contains(&format!("href=\"/cong-khai/data/{name}.csv-metadata.json\"")));
    }
    assert!(page.contains("href=\"/cong-khai/data/units.csv\" type=\"text/csv\">CSV</a>"));
    assert!(page.contains("href=\"/cong-khai/data/catalog.jsonld\""));
    assert!(page.contains("<th scope=\"row\"><code>lead_tasks</code></th>\n<td>số nguyên</td>"));
    assert!(page.contains("<strong>Tiến độ (%)</strong>: Tiến độ thực hiện, từ 0 đến 100."));
    assert!(page.contains("<a href=\"https://creativecommons.org/licenses/by/4.0/\" rel=\"license\">CC BY 4.0</a>"));
    // Linked from every page's footer, the disclosure list and the access page.
    for rel in [
        "index.html",
        "disclosure-list/index.html",
        "access-to-information/index.html",
    ] {
        assert!(site.out(rel).contains("href=\"/cong-khai/data/\""), "{rel}");
    }
}

/// The schema.org types the pages use, each checked on schema.org.
const TYPES: &[&str] = &[
    "GovernmentOrganization",
    "DigitalDocument",
    "DataCatalog",
    "Dataset",
    "DataDownload",
];

/// The schema.org properties the pages use, each checked on schema.org for the types above
/// (Thing: name, url, description, identifier; Organization: address, telephone, email,
/// faxNumber; CreativeWork: genre, dateCreated, datePublished, dateModified, expires,
/// keywords, inLanguage, creator, publisher, license, isAccessibleForFree; Dataset:
/// distribution; DataCatalog: dataset; MediaObject: encodingFormat, contentUrl, contentSize).
const PROPERTIES: &[&str] = &[
    "name",
    "url",
    "description",
    "identifier",
    "address",
    "telephone",
    "email",
    "faxNumber",
    "genre",
    "dateCreated",
    "datePublished",
    "dateModified",
    "expires",
    "creativeWorkStatus",
    "keywords",
    "inLanguage",
    "creator",
    "publisher",
    "license",
    "isAccessibleForFree",
    "distribution",
    "dataset",
    "encodingFormat",
    "contentUrl",
    "contentSize",
];

fn check_terms(v: &Value, path: &str) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match k.as_str() {
                    "@context" => assert_eq!(x, "https://schema.org", "{path}"),
                    "@type" => assert!(TYPES.contains(&x.as_str().unwrap_or("")), "{path}: type {x}"),
                    _ => {
                        assert!(PROPERTIES.contains(&k.as_str()), "{path}: property {k}");
                        check_terms(x, &format!("{path}.{k}"));
                    }
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| check_terms(x, path)),
        _ => {}
    }
}

/// The JSON-LD blocks of a page, as written.
fn scripts(html: &str) -> Vec<&str> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            &rest[..rest.find("</script>").expect("closed")]
        })
        .collect()
}

#[test]
fn pages_carry_schema_org_json_ld_of_checked_terms() {
    let site = licensed();
    let rel = "content/disclosures/lich-tiep-dan.md";
    site.edit(
        rel,
        "title: \"Lịch tiếp công dân tháng 11\"",
        "title: \"Lịch </script><b>x</b> & tiếp dân\"",
    );
    site.build_ok();
    let mut seen = std::collections::BTreeSet::new();
    for (path, bytes) in site.tree("public") {
        if !path.ends_with(".html") {
            continue;
        }
        for text in scripts(&String::from_utf8(bytes).expect("utf-8")) {
            assert!(!text.contains('<'), "{path}: a raw < in JSON-LD");
            let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
            check_terms(&v, &path);
            seen.insert(v["@type"].as_str().unwrap_or("").to_string());
        }
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        ["DataCatalog", "DigitalDocument", "GovernmentOrganization"]
    );
    let home: Value = serde_json::from_str(scripts(&site.out("index.html"))[0]).expect("json");
    assert_eq!(home["@type"], "GovernmentOrganization");
    assert_eq!(home["name"], "Văn phòng Thử nghiệm");
    assert_eq!(home["telephone"], "0200 000 0000");
    assert_eq!(home["address"], "Số 1 đường Thử, tỉnh Thử");
    let page = site.out("disclosures/lich-tiep-dan/index.html");
    let doc: Value = serde_json::from_str(scripts(&page)[0]).expect("json");
    assert_eq!(doc["@type"], "DigitalDocument");
    assert_eq!(doc["name"], "Lịch </script><b>x</b> & tiếp dân");
    assert_eq!(doc["url"], format!("{BASE}disclosures/lich-tiep-dan/"));
    assert_eq!(doc["publisher"]["name"], "Văn phòng Thử nghiệm");
    let data: Value = serde_json::from_str(scripts(&site.out("data/index.html"))[0]).expect("json");
    assert_eq!(data["dataset"].as_array().map(Vec::len), Some(5));
    assert_eq!(data["license"], "https://creativecommons.org/licenses/by/4.0/");
}

#[test]
fn a_withdrawn_document_with_a_hidden_body_leaks_nothing_in_json_ld() {
    let site = licensed();
    let rel = "content/disclosures/lich-tiep-dan.md";
    let text = site.read_text(rel);
    site.write(
        rel,
        &text.replacen(
            "---\n",
            "---\nwithdrawn:\n  date: 2025-11-05\n  reason: \"Nhầm\"\n  hide_body: true\n",
            1,
        ),
    );
    site.build_ok();
    let page = site.out("disclosures/lich-tiep-dan/index.html");
    let script = scripts(&page)[0];
    assert!(!script.contains("Lịch tiếp công dân."), "the body stays out");
    assert!(!script.contains(".pdf") && !script.contains("/files/"), "no files");
}

/// Every file a build made, path → bytes.
fn files(built: Result<congkhai::Built, congkhai::Failure>) -> Vec<(String, Vec<u8>)> {
    let Ok(built) = built else { panic!("build failed") };
    built
        .rendered
        .files
        .iter()
        .filter_map(|f| f.body.bytes().map(|b| (f.path.clone(), b.to_vec())))
        .collect()
}

#[test]
fn edits_under_watch_keep_the_catalog_schemas_and_page_current() {
    let site = licensed();
    let root = site.root().to_path_buf();
    let opts = crate::support::options(&root);
    let mut session = congkhai::Session::new(opts.clone());
    let first = files(session.rebuild(&congkhai::Changes::everything(), crate::support::today()));
    let of = |files: &[(String, Vec<u8>)], path: &str| {
        files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_else(|| panic!("no {path}"))
    };
    // A new licence (site.yaml), then a task's new title (the data files' sizes change).
    let edits: [(&str, &str, &str); 2] = [
        ("site.yaml", "name: \"CC BY 4.0\"", "name: \"CC0 1.0\""),
        (
            "content/tasks/tiep-dan.md",
            "title: \"Tiếp công dân\"",
            "title: \"Tiếp công dân định kỳ\"",
        ),
    ];
    let mut before = first;
    for (rel, from, to) in edits {
        let text = site.read_text(rel);
        site.write(rel, &text.replacen(from, to, 1));
        let changes = crate::support::changes(&root, vec![root.join(rel)]);
        let incremental = files(session.rebuild(&changes, crate::support::today()));
        let fresh = files(congkhai::build(&opts, &congkhai::Keep));
        assert!(incremental == fresh, "after editing {rel}: incremental != fresh");
        let changed: Vec<&str> = ["data/catalog.jsonld", "data/index.html"]
            .into_iter()
            .filter(|p| of(&before, p) != of(&fresh, p))
            .collect();
        assert_eq!(
            changed,
            ["data/catalog.jsonld", "data/index.html"],
            "after editing {rel}"
        );
        before = fresh;
    }
    assert!(of(&before, "data/catalog.jsonld").contains("CC0 1.0"));
    assert!(of(&before, "data/tasks.csv-metadata.json").contains("\"dc:license\""));
}
