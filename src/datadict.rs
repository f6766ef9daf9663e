//! The data dictionary of the open data: every file of `/data/`, each field once, with its
//! type and the i18n keys of its title and description. The JSON Schemas, the CSVW metadata,
//! the DCAT catalog (`opendata::describe`) and the open-data page (`render`) are all derived
//! from these tables, so a spreadsheet user and a program read the same dictionary.
//!
//! A leaf: it imports nothing of the stages.

/// The type of a field, as JSON Schema, CSVW and the open-data page name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Text.
    Text,
    /// An ISO date `YYYY-MM-DD`.
    Date,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// An absolute URL.
    Url,
    /// A list of texts (`;`-separated in CSV).
    TextList,
    /// A list of URLs (`;`-separated in CSV).
    UrlList,
    /// The attachments of a disclosure: objects in JSON, their URLs in CSV.
    Attachments,
    /// A structured value (JSON only), described in words.
    Object,
}

impl Kind {
    /// The word shown on the open-data page and used as the CSVW base type.
    pub fn csvw(self) -> &'static str {
        match self {
            Kind::Text | Kind::TextList | Kind::Object => "string",
            Kind::Date => "date",
            Kind::Integer => "integer",
            Kind::Boolean => "boolean",
            Kind::Url | Kind::UrlList | Kind::Attachments => "anyURI",
        }
    }

    /// Whether the CSV cell holds a `;`-separated list.
    pub fn is_list(self) -> bool {
        matches!(self, Kind::TextList | Kind::UrlList | Kind::Attachments)
    }
}

/// One field of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Field {
    /// The JSON key and the CSV header.
    pub name: &'static str,
    pub kind: Kind,
    /// May be empty (`null` in JSON, an empty cell in CSV).
    pub optional: bool,
    /// i18n keys: `field_<key>` (title) and `field_<key>_desc` (description).
    pub key: &'static str,
}

const fn f(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        optional: false,
        key: name,
    }
}

/// An optional field.
const fn o(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        optional: true,
        key: name,
    }
}

/// A field whose meaning in this file differs from the same name elsewhere (`key` names it).
const fn k(field: Field, key: &'static str) -> Field {
    Field { key, ..field }
}

use Kind::*;

/// The fields of `/data/tasks.json` and `.csv`, in column order.
pub const TASK_FIELDS: &[Field] = &[
    f("id", Text),
    o("code", Text),
    f("title", Text),
    f("plan", Text),
    f("dimension", Text),
    f("dimension_name", Text),
    f("lead", Text),
    f("lead_name", Text),
    f("partners", TextList),
    o("partners_text", Text),
    f("schedule", Text),
    f("schedule_label", Text),
    o("start", Date),
    o("due", Date),
    k(f("status", Text), "task_status"),
    f("status_label", Text),
    f("progress", Integer),
    f("overdue", Boolean),
    k(o("updated", Date), "task_updated"),
    f("url", Url),
];

/// The fields of `/data/disclosures.json` and `.csv`.
pub const DISCLOSURE_FIELDS: &[Field] = &[
    f("id", Text),
    f("title", Text),
    f("category", Text),
    f("category_name", Text),
    f("published", Date),
    o("number", Text),
    o("doc_type", Text),
    o("issuer", Text),
    o("issued", Date),
    o("signer", Text),
    o("task", Text),
    o("expires", Date),
    k(f("updated", Date), "disclosure_updated"),
    f("tags", TextList),
    f("attachments", Attachments),
    f("url", Url),
    o("period", Text),
    f("nothing_to_report", Boolean),
    k(f("status", Text), "disclosure_status"),
    o("withdrawn_date", Date),
    o("withdrawn_reason", Text),
    o("effective", Date),
    o("validity", Text),
    o("validity_label", Text),
    f("replaces", TextList),
    f("amends", TextList),
    f("replaced_by", TextList),
    f("amended_by", TextList),
    o("consultation_open", Date),
    o("consultation_close", Date),
    o("consultation_status", Text),
];

/// The fields of `/data/disclosure-list.json` and `.csv`.
pub const LIST_FIELDS: &[Field] = &[
    f("category", Text),
    f("category_name", Text),
    f("id", Text),
    f("title", Text),
    o("number", Text),
    o("doc_type", Text),
    k(f("issued", Date), "list_issued"),
    f("published", Date),
    o("form", Text),
    o("timing", Text),
    o("duration", Text),
    o("expires", Date),
    k(f("attachments", UrlList), "list_attachments"),
    f("url", Url),
    o("period", Text),
    f("nothing_to_report", Boolean),
    o("effective", Date),
    o("validity", Text),
    o("validity_label", Text),
];

/// The columns of `/data/units.csv`.
pub const UNIT_FIELDS: &[Field] = &[
    k(f("id", Text), "unit_id"),
    f("name", Text),
    o("short", Text),
    o("head", Text),
    o("phone", Text),
    o("email", Text),
    o("address", Text),
    f("lead_tasks", Integer),
    k(f("url", Url), "unit_url"),
];

/// The keys of `/data/compliance.json` (one object, not a list of items).
pub const COMPLIANCE_FIELDS: &[Field] = &[
    f("generated", Date),
    f("schema_version", Integer),
    f("site", Url),
    f("report", Object),
];

/// A format a data set is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// The file extension and label (`csv`, `json`).
    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// The label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Json => "JSON",
        }
    }

    /// The IANA media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv",
            Format::Json => "application/json",
        }
    }
}

/// How a JSON file holds its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// `{"$schema", generated, schema_version, site, count, items: [...]}`, one item per row.
    Items,
    /// One object with the fields as its keys.
    Object,
}

/// One data set of `/data/`: its files `<name>.<ext>` for each format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DataSet {
    /// The file name without extension (`tasks`).
    pub name: &'static str,
    /// i18n keys `data_<key>_title`, `data_<key>_desc`.
    pub key: &'static str,
    pub fields: &'static [Field],
    pub formats: &'static [Format],
    pub shape: Shape,
}

impl DataSet {
    /// The site path of one of its files (`data/tasks.csv`).
    pub fn file(&self, format: Format) -> String {
        format!("{DIR}{}.{}", self.name, format.ext())
    }

    /// The site path of the JSON Schema of its JSON file.
    pub fn schema(&self) -> String {
        format!("{DIR}{}.schema.json", self.name)
    }

    /// The site path of the CSVW metadata of its CSV file.
    pub fn csvw(&self) -> String {
        format!("{DIR}{}.csv-metadata.json", self.name)
    }

    /// The i18n key of its title.
    pub fn title_key(&self) -> String {
        format!("data_{}_title", self.key)
    }

    /// The i18n key of its description.
    pub fn desc_key(&self) -> String {
        format!("data_{}_desc", self.key)
    }
}

/// The folder of the open data (and of its page).
pub const DIR: &str = "data/";

/// The DCAT catalog of the open data.
pub const CATALOG: &str = "data/catalog.jsonld";

/// Every data set, in the order of the open-data page and the catalog.
pub const DATASETS: [DataSet; 5] = [
    DataSet {
        name: "tasks",
        key: "tasks",
        fields: TASK_FIELDS,
        formats: &[Format::Csv, Format::Json],
        shape: Shape::Items,
    },
    DataSet {
        name: "disclosures",
        key: "disclosures",
        fields: DISCLOSURE_FIELDS,
        formats: &[Format::Csv, Format::Json],
        shape: Shape::Items,
    },
    DataSet {
        name: "disclosure-list",
        key: "list",
        fields: LIST_FIELDS,
        formats: &[Format::Csv, Format::Json],
        shape: Shape::Items,
    },
    DataSet {
        name: "units",
        key: "units",
        fields: UNIT_FIELDS,
        formats: &[Format::Csv],
        shape: Shape::Items,
    },
    DataSet {
        name: "compliance",
        key: "compliance",
        fields: COMPLIANCE_FIELDS,
        formats: &[Format::Json],
        shape: Shape::Object,
    },
];

/// The i18n keys of a field's title and description.
pub fn field_keys(field: &Field) -> (String, String) {
    (format!("field_{}", field.key), format!("field_{}_desc", field.key))
}

/// Every i18n key the tables use (each language file must have them).
pub fn i18n_keys() -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for d in &DATASETS {
        keys.push(d.title_key());
        keys.push(d.desc_key());
        for field in d.fields {
            let (title, desc) = field_keys(field);
            keys.push(title);
            keys.push(desc);
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The size of a published file, and the newest date of what it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FileFacts {
    pub size: u64,
    /// `YYYY-MM-DD`, or none when what it holds has no date.
    pub modified: Option<String>,
}

/// What the open-data stage made, for the open-data page: site path → facts.
pub type Published = std::collections::BTreeMap<String, FileFacts>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_in_each_file() {
        for d in &DATASETS {
            let mut names: Vec<&str> = d.fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            let n = names.len();
            names.dedup();
            assert_eq!(names.len(), n, "{}", d.name);
        }
    }

    #[test]
    fn one_key_one_meaning() {
        // Two fields that share an i18n key must be the same field.
        let mut seen: std::collections::BTreeMap<&str, Field> = Default::default();
        for d in &DATASETS {
            for field in d.fields {
                if let Some(prev) = seen.insert(field.key, *field) {
                    assert_eq!((prev.name, prev.kind), (field.name, field.kind), "{}", field.key);
                }
            }
        }
    }
}
