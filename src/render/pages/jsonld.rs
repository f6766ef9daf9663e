//! schema.org descriptions of pages, as JSON-LD for a `<script type="application/ld+json">`:
//! the office (`GovernmentOrganization`) on the home page, each disclosure as a
//! `DigitalDocument`, the data sets (`Dataset` in a `DataCatalog`) on the open-data page.
//! One function per kind, each property one line; absent values are left out. Only what the
//! page itself shows goes in (a withdrawn item's hidden body never does).

use serde_json::{Map, Value, json};

use crate::datadict;
use crate::model::Translation;
use crate::render::ctx::Ctx;
use crate::routes::Job;

/// The JSON-LD of the page `job` (at `canonical`), or none for kinds without one.
pub(super) fn of(ctx: &Ctx<'_>, job: Job, tr: Option<&Translation>, canonical: &str) -> Option<String> {
    let value = match job {
        Job::Home => home(ctx),
        Job::Disclosure(i) => disclosure(ctx, i, tr, canonical),
        Job::OpenData => open_data(ctx, canonical),
        _ => return None,
    };
    Some(script_text(&value))
}

/// JSON that cannot end the script element: every `<` is written `\u003c`.
pub(super) fn script_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default().replace('<', "\\u003c")
}

/// An object of the given type with the properties that have a value.
fn thing(ty: &str, props: Vec<(&str, Option<Value>)>) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), json!(ty));
    for (k, v) in props {
        if let Some(v) = v.filter(|v| !v.is_null()) {
            m.insert(k.into(), v);
        }
    }
    Value::Object(m)
}

/// With `@context` (the outermost object only).
fn top(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.insert("@context".into(), json!("https://schema.org"));
    }
    v
}

/// The office, from site.yaml (its name, else the site's title).
fn office(ctx: &Ctx<'_>) -> Value {
    let o = ctx.cfg.office.clone().unwrap_or_default();
    let s = |x: Option<String>| x.map(Value::from);
    thing(
        "GovernmentOrganization",
        vec![
            ("name", Some(json!(o.name.unwrap_or_else(|| ctx.cfg.title.clone())))),
            ("url", Some(json!(ctx.cfg.base.absolute))),
            ("address", s(o.address)),
            ("telephone", s(o.phone)),
            ("email", s(o.email)),
            ("faxNumber", s(o.fax)),
        ],
    )
}

fn home(ctx: &Ctx<'_>) -> Value {
    let mut v = office(ctx);
    if let (Some(d), Value::Object(m)) = (&ctx.cfg.description, &mut v) {
        m.insert("description".into(), json!(d));
    }
    top(v)
}

fn disclosure(ctx: &Ctx<'_>, i: usize, tr: Option<&Translation>, canonical: &str) -> Value {
    let d = &ctx.model.disclosures[i];
    let day = |x: Option<crate::date::Date>| x.map(|x| json!(crate::date::iso(x)));
    let text = |x: &Option<String>| x.clone().map(Value::from);
    let issuer = d
        .issuer
        .as_ref()
        .map(|name| thing("GovernmentOrganization", vec![("name", Some(json!(name)))]));
    let title = tr.and_then(|t| t.title.clone()).unwrap_or_else(|| d.title.clone());
    let validity = ctx.model.validity(i, ctx.today);
    top(thing(
        "DigitalDocument",
        vec![
            ("name", Some(json!(title))),
            ("url", Some(json!(canonical))),
            ("identifier", text(&d.number)),
            ("genre", text(&d.doc_type)),
            ("dateCreated", day(d.issued)),
            ("datePublished", day(Some(d.published))),
            ("dateModified", day(d.revisions.iter().map(|r| r.date).max())),
            ("expires", day(validity.and_then(|v| v.until).or(d.expires))),
            (
                "creativeWorkStatus",
                validity.map(|v| json!(crate::labels::validity(ctx.t, v.state))),
            ),
            ("keywords", (!d.tags.is_empty()).then(|| json!(d.tags.join(", ")))),
            ("inLanguage", Some(json!(ctx.lang))),
            ("creator", Some(issuer.unwrap_or_else(|| office(ctx)))),
            ("publisher", Some(office(ctx))),
        ],
    ))
}

fn open_data(ctx: &Ctx<'_>, canonical: &str) -> Value {
    let t = ctx.t;
    let license = ctx.cfg.data_license.as_ref().map(|l| json!(l.url));
    let datasets: Vec<Value> = datadict::DATASETS
        .iter()
        .enumerate()
        .map(|(k, set)| {
            let modified = set
                .formats
                .iter()
                .filter_map(|&f| ctx.published.get(&set.file(f)))
                .filter_map(|f| f.modified.clone())
                .max();
            let downloads: Vec<Value> = set
                .formats
                .iter()
                .map(|&f| {
                    let size = ctx.published.get(&set.file(f)).map(|x| x.size).unwrap_or_default();
                    thing(
                        "DataDownload",
                        vec![
                            ("encodingFormat", Some(json!(f.media_type()))),
                            ("contentUrl", Some(json!(ctx.cfg.base.permalink(&set.file(f))))),
                            ("contentSize", Some(json!(format!("{size} B")))),
                        ],
                    )
                })
                .collect();
            thing(
                "Dataset",
                vec![
                    ("name", Some(json!(t.get(&set.title_key())))),
                    ("description", Some(json!(t.get(&set.desc_key())))),
                    // The heading of its section (`h-group-<n>`, as the template numbers them).
                    ("url", Some(json!(format!("{canonical}#h-group-{}", k + 1)))),
                    ("license", license.clone()),
                    ("dateModified", modified.map(Value::from)),
                    ("inLanguage", Some(json!(ctx.lang))),
                    ("isAccessibleForFree", Some(json!(true))),
                    ("publisher", Some(office(ctx))),
                    ("distribution", Some(json!(downloads))),
                ],
            )
        })
        .collect();
    top(thing(
        "DataCatalog",
        vec![
            ("name", Some(json!(t.get("title_open_data")))),
            ("description", Some(json!(t.get("open_data_intro")))),
            ("url", Some(json!(canonical))),
            ("license", license),
            ("publisher", Some(office(ctx))),
            ("dataset", Some(json!(datasets))),
        ],
    ))
}
