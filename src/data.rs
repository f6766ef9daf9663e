//! `data/{units,dimensions,categories}.yaml` → `Registry` of ids, reporting duplicates.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::period::Cycle;
use crate::slug;
use crate::yaml::{self, Positions, de};

/// An organisational unit (phòng, ban, trung tâm).
#[derive(Debug, Clone, Default, Hash, Deserialize, serde::Serialize)]
pub struct Unit {
    /// `[a-z0-9-]+`.
    #[serde(default, deserialize_with = "de::text")]
    pub id: Option<String>,
    /// Full name.
    #[serde(default, deserialize_with = "de::text")]
    pub name: Option<String>,
    /// Abbreviation.
    #[serde(default, deserialize_with = "de::text")]
    pub short: Option<String>,
    /// Head of the unit (name or title).
    #[serde(default, deserialize_with = "de::text")]
    pub head: Option<String>,
    /// Telephone.
    #[serde(default, deserialize_with = "de::text")]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default, deserialize_with = "de::text")]
    pub email: Option<String>,
    /// Address.
    #[serde(default, deserialize_with = "de::text")]
    pub address: Option<String>,
    /// What the unit does.
    #[serde(default, deserialize_with = "de::text")]
    pub description: Option<String>,
}

/// A content area / PAPI dimension.
#[derive(Debug, Clone, Default, Hash, Deserialize, serde::Serialize)]
pub struct Dimension {
    /// `[a-z0-9-]+`.
    #[serde(default, deserialize_with = "de::text")]
    pub id: Option<String>,
    /// Name.
    #[serde(default, deserialize_with = "de::text")]
    pub name: Option<String>,
    /// PAPI dimension number.
    #[serde(default, deserialize_with = "de::text")]
    pub code: Option<String>,
    /// Description.
    #[serde(default, deserialize_with = "de::text")]
    pub description: Option<String>,
}

/// A disclosure category (danh mục thông tin công khai).
#[derive(Debug, Clone, Default, Hash, Deserialize, serde::Serialize)]
pub struct Category {
    /// `[a-z0-9-]+`.
    #[serde(default, deserialize_with = "de::text")]
    pub id: Option<String>,
    /// Name.
    #[serde(default, deserialize_with = "de::text")]
    pub name: Option<String>,
    /// The law requires this information to be disclosed.
    #[serde(default)]
    pub required: Option<bool>,
    /// Older than this many days = stale.
    #[serde(default)]
    pub max_age_days: Option<u32>,
    /// The legal basis.
    #[serde(default, deserialize_with = "de::text")]
    pub legal_basis: Option<String>,
    /// Description.
    #[serde(default, deserialize_with = "de::text")]
    pub description: Option<String>,
    /// How it is disclosed (hình thức công khai), e.g. "Đăng trên trang thông tin điện tử".
    #[serde(default, deserialize_with = "de::text")]
    pub form: Option<String>,
    /// When it is disclosed (thời điểm công khai), in words.
    #[serde(default, deserialize_with = "de::text")]
    pub timing: Option<String>,
    /// How long it stays disclosed (thời hạn công khai), in words; an item's own `expires`
    /// comes first.
    #[serde(default, deserialize_with = "de::text")]
    pub duration: Option<String>,
    /// Information of this category is given only on request (thông tin cung cấp theo yêu
    /// cầu): the access-to-information page lists it as such.
    #[serde(default)]
    pub on_request: Option<bool>,
    /// How often something must be published: `monthly`, `quarterly` or `yearly`.
    #[serde(default, deserialize_with = "de::text")]
    pub cycle: Option<String>,
    /// The day from which the cycle is owed (`YYYY-MM-DD`).
    #[serde(default, deserialize_with = "de::text")]
    pub since: Option<String>,
    /// The page congkhai generates that fulfils this category: `disclosure-list` or
    /// `access-to-information`.
    #[serde(default, deserialize_with = "de::text")]
    pub generated_page: Option<String>,
}

/// Items of one data file in file order, with an index by id.
#[derive(Debug, Clone)]
pub struct Table<T> {
    /// Items in file order (each has an id and a name).
    pub items: Vec<T>,
    index: BTreeMap<String, usize>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            items: Vec::new(),
            index: BTreeMap::new(),
        }
    }
}

impl<T> Table<T> {
    /// Looks an item up by id.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    /// Position of an id in the file (the display order); unknown ids sort last.
    pub fn position(&self, id: &str) -> usize {
        self.index.get(id).copied().unwrap_or(usize::MAX)
    }

    /// The known ids, sorted, for error messages.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }
}

/// Everything in `data/`.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// `data/doc-types.yaml`: document type codes (`TB: Thông báo`), or the built-in table.
    pub doc_types: crate::docnumber::Types,
    /// `data/units.yaml`.
    pub units: Table<Unit>,
    /// `data/dimensions.yaml`.
    pub dimensions: Table<Dimension>,
    /// `data/categories.yaml`.
    pub categories: Table<Category>,
    /// Data files that could not be read (their ids are unknown, not missing).
    pub broken: Vec<&'static str>,
}

trait Item {
    fn id(&self) -> Option<&str>;
    /// Problems of single fields (key, message): contacts that cannot be links.
    fn field_problems(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    fn name(&self) -> Option<&str>;
}

macro_rules! item {
    ($t:ty $(, $problems:item)?) => {
        impl Item for $t {
            fn id(&self) -> Option<&str> {
                self.id.as_deref()
            }
            fn name(&self) -> Option<&str> {
                self.name.as_deref()
            }
            $($problems)?
        }
    };
}
item!(
    Unit,
    fn field_problems(&self) -> Vec<(&'static str, String)> {
        let phone = self.phone.as_deref().and_then(crate::contact::phone_problem);
        let email = self.email.as_deref().and_then(crate::contact::email_problem);
        [("phone", phone), ("email", email)]
            .into_iter()
            .filter_map(|(k, p)| Some((k, p?)))
            .collect()
    }
);
item!(Dimension);
item!(
    Category,
    fn field_problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(c) = &self.cycle
            && Cycle::parse(c).is_none()
        {
            out.push((
                "cycle",
                format!("unknown cycle `{c}` (expected monthly, quarterly or yearly)"),
            ));
        }
        if let Some(g) = &self.generated_page
            && !GENERATED_PAGES.contains(&g.as_str())
        {
            out.push((
                "generated_page",
                format!(
                    "unknown generated page `{g}` (expected one of: {})",
                    GENERATED_PAGES.join(", ")
                ),
            ));
        }
        match &self.since {
            Some(s) => {
                if let Err(msg) = crate::date::parse(s) {
                    out.push(("since", msg));
                }
            }
            None if self.cycle.is_some() => out.push((
                "cycle",
                "a cycle needs `since: YYYY-MM-DD`, the day from which a publication is owed each period".to_string(),
            )),
            None => {}
        }
        out
    }
);

/// The pages that `generated_page` may name (their paths, without the slashes).
pub const GENERATED_PAGES: [&str; 2] = ["disclosure-list", "access-to-information"];

impl Category {
    /// The cycle, when it is valid.
    pub fn cycle(&self) -> Option<Cycle> {
        self.cycle.as_deref().and_then(Cycle::parse)
    }

    /// The day the cycle starts, when it is valid.
    pub fn since(&self) -> Option<crate::date::Date> {
        self.since.as_deref().and_then(|s| crate::date::parse(s).ok())
    }
}

/// Reads the three data files; a missing file is an empty table.
pub fn load(root: &Path) -> Result<(Registry, Diagnostics)> {
    let mut diags = Diagnostics::default();
    let mut broken = Vec::new();
    let units = load_table(root, "data/units.yaml", &mut diags, &mut broken)?;
    let dimensions = load_table(root, "data/dimensions.yaml", &mut diags, &mut broken)?;
    let categories = load_table(root, "data/categories.yaml", &mut diags, &mut broken)?;
    let doc_types = load_doc_types(root, &mut diags)?;
    Ok((
        Registry {
            doc_types,
            units,
            dimensions,
            categories,
            broken,
        },
        diags,
    ))
}

/// `data/doc-types.yaml`: a map of type codes to names (`TB: "Thông báo"`) that replaces the
/// built-in table; without the file, the built-in table.
fn load_doc_types(root: &Path, diags: &mut Diagnostics) -> Result<crate::docnumber::Types> {
    const REL: &str = "data/doc-types.yaml";
    let path = root.join(REL);
    if !path.is_file() {
        return Ok(crate::docnumber::Types::default());
    }
    let text = match crate::text::read_file(&path, REL)? {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Ok(crate::docnumber::Types::default());
        }
    };
    match yaml::parse::<Option<BTreeMap<String, String>>>(&text, REL, 1) {
        Ok(map) => Ok(crate::docnumber::Types(map.unwrap_or_default())),
        Err(mut d) => {
            d.message
                .push_str(" (the file maps each type code to its name: `TB: \"Thông báo\"`)");
            diags.push(d);
            Ok(crate::docnumber::Types::default())
        }
    }
}

/// Reads one data file; when it could not be read at all (a YAML or encoding error), its
/// name goes into `broken`.
fn load_table<T: Item + for<'de> Deserialize<'de>>(
    root: &Path,
    rel: &'static str,
    diags: &mut Diagnostics,
    broken: &mut Vec<&'static str>,
) -> Result<Table<T>> {
    let before = diags.error_count();
    let table = read_table(root, rel, diags)?;
    if diags.error_count() > before && table.items.is_empty() {
        broken.push(rel);
    }
    Ok(table)
}

fn read_table<T: Item + for<'de> Deserialize<'de>>(
    root: &Path,
    rel: &str,
    diags: &mut Diagnostics,
) -> Result<Table<T>> {
    let path = root.join(rel);
    let mut table = Table::default();
    if !path.is_file() {
        return Ok(table);
    }
    let text = match crate::text::read_file(&path, rel)? {
        Ok(t) if t.trim().is_empty() => return Ok(table),
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Ok(table);
        }
    };
    let pos = Positions::index(&text, 1);
    let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
    for (n, item) in parse_items::<T>(&text, rel, diags).into_iter().enumerate() {
        let line = pos.root_item_line(n);
        let mut error = |line: usize, message: String| diags.push(Diagnostic::error(rel, line, 1, message));
        let Some(id) = item.id().map(str::to_string) else {
            error(
                line,
                "missing required field `id` (lower-case letters, digits and `-`, e.g. `id: ttth-cb`)".into(),
            );
            continue;
        };
        if !slug::is_valid(&id) {
            let example = slug::fold(&id);
            error(
                line,
                format!("invalid id `{id}`: use lower-case letters a-z, digits and `-` only (e.g. `{example}`)"),
            );
            continue;
        }
        if item.name().is_none_or(|n| n.trim().is_empty()) {
            error(line, format!("missing required field `name` for `{id}`"));
        }
        for (key, msg) in item.field_problems() {
            let at = yaml::line_of_path(&text, &format!("[{n}].{key}")).unwrap_or(line);
            error(at, format!("`{key}` of `{id}`: {msg}"));
        }
        if let Some(&prev) = first_seen.get(&id) {
            error(
                line,
                format!("duplicate id `{id}`: already used on line {prev}; each id must be unique"),
            );
            continue;
        }
        first_seen.insert(id.clone(), line);
        table.index.insert(id, table.items.len());
        table.items.push(item);
    }
    Ok(table)
}

/// The items of a data file as written; unknown fields are warnings, a file that is not a
/// list of items is an error (and gives none).
fn parse_items<T: Item + for<'de> Deserialize<'de>>(text: &str, rel: &str, diags: &mut Diagnostics) -> Vec<T> {
    match yaml::parse_known::<Option<Vec<T>>>(text, rel, 1) {
        Ok((items, unknown)) => {
            let known = yaml::field_names::<T>().join(", ");
            for (line, path) in unknown {
                // `[2].colour` → `colour`: the item is known by its line.
                let key = path.rsplit('.').next().unwrap_or(&path);
                diags.push(Diagnostic::warning(
                    rel,
                    line,
                    1,
                    format!("unknown field `{key}` is ignored (known: {known})"),
                ));
            }
            items.unwrap_or_default()
        }
        Err(mut d) => {
            if d.message.contains("expected a sequence") {
                d.message
                    .push_str(" (a data file is a list: each item starts with `- id: ...`)");
            }
            diags.push(d);
            Vec::new()
        }
    }
}
