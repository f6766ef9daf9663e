//! What describes the open data, derived from the data dictionary (`crate::datadict`): a JSON
//! Schema (draft 2020-12) for each JSON file, CSVW metadata for each CSV file, and the DCAT 3
//! catalog of every data set (JSON-LD with an inline context, readable offline).

use serde_json::{Map, Value, json};

use super::Open;
use crate::datadict::{self, DataSet, Field, Format, Kind, Published, Shape};

/// The JSON Schema of one value of a field.
fn field_schema(field: &Field, t: &crate::i18n::Strings) -> Value {
    let (title, desc) = datadict::field_keys(field);
    let mut v = match field.kind {
        Kind::Text => json!({"type": "string"}),
        Kind::Date => json!({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
        Kind::Integer => json!({"type": "integer", "minimum": 0}),
        Kind::Boolean => json!({"type": "boolean"}),
        Kind::Url => json!({"type": "string", "format": "uri"}),
        Kind::TextList => json!({"type": "array", "items": {"type": "string"}}),
        Kind::UrlList => json!({"type": "array", "items": {"type": "string", "format": "uri"}}),
        Kind::Attachments => json!({"type": "array", "items": {
            "type": "object",
            "required": ["title", "url", "media_type", "size", "sha256"],
            "additionalProperties": false,
            "properties": {
                "title": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
                "media_type": {"type": "string"},
                "size": {"type": "integer", "minimum": 0},
                "sha256": {"type": "string", "pattern": "^([0-9a-f]{64})?$"},
            },
        }}),
        Kind::Object => json!({"type": "object"}),
    };
    if field.optional
        && let Some(ty) = v.get("type").cloned()
    {
        v["type"] = json!([ty, "null"]);
    }
    v["title"] = json!(t.get(&title));
    v["description"] = json!(t.get(&desc));
    v
}

/// An object schema with exactly `fields` as its keys.
fn object_schema(fields: &[Field], t: &crate::i18n::Strings) -> (Vec<&'static str>, Map<String, Value>) {
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    let props = fields
        .iter()
        .map(|f| (f.name.to_string(), field_schema(f, t)))
        .collect();
    (names, props)
}

/// The JSON Schema of `set`'s JSON file, in the site's language.
pub(super) fn schema(ctx: &Open<'_>, set: &DataSet) -> Vec<u8> {
    let t = ctx.t;
    let (names, props) = object_schema(set.fields, t);
    let mut top = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": ctx.cfg.base.permalink(&set.schema()),
        "title": t.get(&set.title_key()),
        "description": t.get(&set.desc_key()),
        "type": "object",
    });
    let schema_ref = json!({"type": "string", "format": "uri"});
    match set.shape {
        Shape::Items => {
            top["required"] = json!(["$schema", "generated", "schema_version", "site", "count", "items"]);
            top["additionalProperties"] = json!(false);
            top["properties"] = json!({
                "$schema": schema_ref,
                "generated": {"type": "string", "format": "date"},
                "schema_version": {"const": 1},
                "site": {"type": "string", "format": "uri"},
                "count": {"type": "integer", "minimum": 0},
                "items": {"type": "array", "items": {
                    "type": "object",
                    "required": names,
                    "additionalProperties": false,
                    "properties": props,
                }},
            });
        }
        Shape::Object => {
            let mut props = props;
            props.insert("$schema".into(), schema_ref);
            props.insert("schema_version".into(), json!({"const": 1}));
            let mut required = vec!["$schema"];
            required.extend(names);
            top["required"] = json!(required);
            top["additionalProperties"] = json!(false);
            top["properties"] = Value::Object(props);
        }
    }
    pretty(&top)
}

/// The CSVW metadata (`<file>.csv-metadata.json`) of `set`'s CSV file: its columns with their
/// names, titles in each language, types, lists and the dialect of the file.
pub(super) fn csvw(ctx: &Open<'_>, set: &DataSet) -> Vec<u8> {
    let site_lang = ctx.cfg.language.as_str();
    let columns: Vec<Value> = set
        .fields
        .iter()
        .map(|field| {
            let (title, desc) = datadict::field_keys(field);
            // The header cell is the name itself: listed as a title of no language, so that a
            // validator finds the header and the metadata agree.
            let mut titles = Map::new();
            titles.insert("und".into(), json!(field.name));
            for (lang, t) in ctx.i18n {
                titles.insert(lang.clone(), json!(t.get(&title)));
            }
            let mut c = json!({
                "name": field.name,
                "titles": titles,
                "dc:description": {"@value": ctx.t.get(&desc), "@language": site_lang},
                "datatype": field.kind.csvw(),
                "required": !field.optional,
                "null": "",
            });
            if field.kind.is_list() {
                c["separator"] = json!(";");
            }
            c
        })
        .collect();
    let description = format!("{} {}", ctx.t.get(&set.desc_key()), ctx.t.get("data_csv_note"));
    let value = json!({
        "@context": ["http://www.w3.org/ns/csvw", {"@language": site_lang}],
        "url": format!("{}.csv", set.name),
        "dc:title": ctx.t.get(&set.title_key()),
        "dc:description": description,
        "dc:publisher": publisher_name(ctx),
        "dc:license": ctx.cfg.data_license.as_ref().map(|l| json!({"@id": l.url})),
        "dialect": {
            "encoding": "utf-8",
            "header": true,
            "headerRowCount": 1,
            "delimiter": ",",
            "doubleQuote": true,
            "lineTerminators": ["\r\n"],
            "skipInitialSpace": false,
            "trim": false,
        },
        "tableSchema": {
            "columns": columns,
            "primaryKey": set.fields.iter().find(|f| f.name == "id").map(|f| f.name),
        },
    });
    pretty(&drop_nulls(value))
}

/// The office's name, else the site's title.
pub(super) fn publisher_name(ctx: &Open<'_>) -> String {
    ctx.cfg
        .office
        .as_ref()
        .and_then(|o| o.name.clone())
        .unwrap_or_else(|| ctx.cfg.title.clone())
}

/// The DCAT catalog: one `dcat:Dataset` per data set, one `dcat:Distribution` per file.
pub(super) fn catalog(ctx: &Open<'_>, published: &Published) -> Vec<u8> {
    let lang = ctx.cfg.language.as_str();
    let text = |s: &str| json!({"@value": s, "@language": lang});
    let abs = |p: &str| ctx.cfg.base.permalink(p);
    let publisher = json!({"@type": "foaf:Agent", "foaf:name": publisher_name(ctx), "foaf:homepage": {"@id": abs("")}});
    let rights = match &ctx.cfg.data_license {
        Some(l) => ("dcterms:license", json!({"@id": l.url, "rdfs:label": l.name})),
        None => (
            "dcterms:rights",
            json!({"@type": "dcterms:RightsStatement", "rdfs:label": text(ctx.t.get("data_no_license"))}),
        ),
    };
    let date = |d: &str| json!({"@value": d, "@type": "xsd:date"});
    let datasets: Vec<Value> = datadict::DATASETS
        .iter()
        .map(|set| {
            let distributions: Vec<Value> = set
                .formats
                .iter()
                .map(|&format| distribution(ctx, set, format, published, &rights))
                .collect();
            let modified = set
                .formats
                .iter()
                .filter_map(|&f| published.get(&set.file(f)).and_then(|x| x.modified.clone()))
                .max();
            let mut v = json!({
                "@id": format!("{}#{}", abs(datadict::DIR), set.name),
                "@type": "dcat:Dataset",
                "dcterms:identifier": set.name,
                "dcterms:title": text(ctx.t.get(&set.title_key())),
                "dcterms:description": text(ctx.t.get(&set.desc_key())),
                "dcterms:publisher": publisher,
                "dcterms:language": {"@id": format!("http://id.loc.gov/vocabulary/iso639-1/{lang}")},
                "dcat:landingPage": {"@id": abs(datadict::DIR)},
                "dcterms:modified": modified.as_deref().map(date),
                "dcat:distribution": distributions,
            });
            v[rights.0] = rights.1.clone();
            v
        })
        .collect();
    let modified = published.values().filter_map(|f| f.modified.clone()).max();
    let mut value = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcterms": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": abs(datadict::CATALOG),
        "@type": "dcat:Catalog",
        "dcterms:title": text(&format!("{} – {}", ctx.t.get("title_open_data"), ctx.cfg.title)),
        "dcterms:description": text(ctx.t.get("open_data_intro")),
        "dcterms:publisher": publisher,
        "dcterms:language": {"@id": format!("http://id.loc.gov/vocabulary/iso639-1/{lang}")},
        "foaf:homepage": {"@id": abs("")},
        "dcat:landingPage": {"@id": abs(datadict::DIR)},
        "dcterms:modified": modified.as_deref().map(date),
        "dcat:dataset": datasets,
    });
    value[rights.0] = rights.1;
    pretty(&drop_nulls(value))
}

/// One file of a data set as a `dcat:Distribution`; `rights` is the licence's property.
fn distribution(ctx: &Open<'_>, set: &DataSet, format: Format, published: &Published, rights: &(&str, Value)) -> Value {
    let lang = ctx.cfg.language.as_str();
    let abs = |p: &str| ctx.cfg.base.permalink(p);
    let file = set.file(format);
    let size = published.get(&file).map(|f| f.size).unwrap_or_default();
    let conforms = match format {
        Format::Csv => set.csvw(),
        Format::Json => set.schema(),
    };
    let title = format!("{} ({})", ctx.t.get(&set.title_key()), format.label());
    let mut d = json!({
        "@id": abs(&file),
        "@type": "dcat:Distribution",
        "dcterms:title": {"@value": title, "@language": lang},
        "dcat:downloadURL": {"@id": abs(&file)},
        "dcat:accessURL": {"@id": abs(datadict::DIR)},
        "dcat:mediaType": {"@id": format!("https://www.iana.org/assignments/media-types/{}", format.media_type())},
        "dcat:byteSize": {"@value": size.to_string(), "@type": "xsd:nonNegativeInteger"},
        "dcterms:conformsTo": {"@id": abs(&conforms)},
    });
    d[rights.0] = rights.1.clone();
    d
}

/// `value` without its `null` members (an absent date is left out, not `null`).
fn drop_nulls(value: Value) -> Value {
    match value {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, drop_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(drop_nulls).collect()),
        v => v,
    }
}

/// Indented JSON with a final line end.
fn pretty(value: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}
