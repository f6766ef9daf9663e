//! The open-data page (`/data/`): each data set with its description, its files (formats,
//! sizes), its schema and CSVW metadata, its fields, and the licence. Everything but the sizes
//! and dates comes from the data dictionary (`crate::datadict`); those come from the files
//! the open-data stage made (`Inputs::published`).

use serde::Serialize;

use super::Made;
use crate::datadict::{self, DataSet, Format, Kind};
use crate::render::ctx::Ctx;
use crate::render::view::{DateView, date, size_label};

#[derive(Serialize)]
pub(crate) struct OpenDataPage {
    datasets: Vec<DataSetView>,
    /// The DCAT catalog.
    catalog: String,
}

#[derive(Serialize)]
struct DataSetView {
    name: &'static str,
    title: String,
    description: String,
    modified: Option<DateView>,
    files: Vec<FileView>,
    /// The JSON Schema of its JSON file, the CSVW metadata of its CSV file.
    schema: Option<String>,
    csvw: Option<String>,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct FileView {
    format: &'static str,
    url: String,
    media_type: &'static str,
    size: u64,
    size_label: String,
}

#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    type_label: String,
    title: String,
    description: String,
    optional: bool,
}

/// The files' sizes and dates (the dictionary and the strings are site-wide).
pub(super) fn fingerprint(ctx: &Ctx<'_>) -> u64 {
    crate::fingerprint::of(&(41u8, ctx.published))
}

/// The i18n key of a type's name.
pub(super) fn type_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "data_type_text",
        Kind::Date => "data_type_date",
        Kind::Integer => "data_type_integer",
        Kind::Boolean => "data_type_boolean",
        Kind::Url => "data_type_url",
        Kind::TextList => "data_type_text_list",
        Kind::UrlList => "data_type_url_list",
        Kind::Attachments => "data_type_attachments",
        Kind::Object => "data_type_object",
    }
}

fn dataset(ctx: &Ctx<'_>, set: &DataSet) -> DataSetView {
    let t = ctx.t;
    let files = set
        .formats
        .iter()
        .map(|&format| {
            let path = set.file(format);
            let size = ctx.published.get(&path).map(|f| f.size).unwrap_or_default();
            FileView {
                format: format.label(),
                url: ctx.link(&path),
                media_type: format.media_type(),
                size,
                size_label: size_label(size),
            }
        })
        .collect();
    let modified = set
        .formats
        .iter()
        .filter_map(|&f| ctx.published.get(&set.file(f)))
        .filter_map(|f| f.modified.as_deref())
        .filter_map(|d| crate::date::parse(d).ok())
        .max();
    let has = |f: Format| set.formats.contains(&f);
    DataSetView {
        name: set.name,
        title: t.get(&set.title_key()).to_string(),
        description: t.get(&set.desc_key()).to_string(),
        modified: modified.map(date),
        files,
        schema: has(Format::Json).then(|| ctx.link(&set.schema())),
        csvw: has(Format::Csv).then(|| ctx.link(&set.csvw())),
        fields: set
            .fields
            .iter()
            .map(|f| {
                let (title, desc) = datadict::field_keys(f);
                FieldView {
                    name: f.name,
                    type_label: t.get(type_key(f.kind)).to_string(),
                    title: t.get(&title).to_string(),
                    description: t.get(&desc).to_string(),
                    optional: f.optional,
                }
            })
            .collect(),
    }
}

pub(super) fn view(ctx: &Ctx<'_>) -> Made<OpenDataPage> {
    Made {
        template: "open-data.html",
        kind: "open-data",
        title: ctx.t.get("title_open_data").to_string(),
        view: OpenDataPage {
            datasets: datadict::DATASETS.iter().map(|s| dataset(ctx, s)).collect(),
            catalog: ctx.link(datadict::CATALOG),
        },
    }
}
