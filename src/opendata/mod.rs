//! Model → the machine-readable files: the Atom feeds, the sitemap, robots.txt and open data
//! (tasks, disclosures and units as JSON and CSV). Each file is made again only when what it
//! is made from changed (`Cache`).

mod describe;
mod doc_state;
mod feed;
mod rows;
mod sitemap;
mod topics;

use rows::{EncodedRow, Rows};

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::attachments::Facts;
use crate::config::SiteConfig;
use crate::data::Registry;
use crate::datadict::{self, FileFacts, Format, Published};
use crate::date::Date;
use crate::files::{Body, OutputFile};
use crate::i18n::Strings;
use crate::layout::Section;
use crate::model::Model;
use crate::render::Inputs;
use crate::routes;

/// What the open data of the last build was made from, kept for the next (`watch`, `serve`).
#[derive(Debug, Default)]
pub struct Cache {
    /// Path → (fingerprint of what it was made from, bytes).
    files: rustc_hash::FxHashMap<String, (u64, Arc<Vec<u8>>)>,
    /// Rows of open data by the fingerprint of their item.
    rows: rustc_hash::FxHashMap<u64, Arc<EncodedRow>>,
    /// The sitemap's file or files (their number depends on the site's size).
    sitemap: sitemap::Cache,
}

impl Cache {
    /// The bytes kept for `path` if they were made from `fp`, else `make()` (and keep them).
    fn get_or_make(&mut self, path: &str, fp: u64, make: impl FnOnce() -> Vec<u8>) -> Arc<Vec<u8>> {
        if let Some((old, bytes)) = self.files.get(path)
            && *old == fp
        {
            return Arc::clone(bytes);
        }
        let bytes = Arc::new(make());
        self.files.insert(path.to_string(), (fp, Arc::clone(&bytes)));
        bytes
    }
}

/// What the files are made from: the site, and the UI strings of its language (the labels
/// of statuses and schedules in the data files).
struct Open<'a> {
    cfg: &'a SiteConfig,
    model: &'a Model,
    reg: &'a Registry,
    facts: &'a Facts,
    today: Date,
    t: &'a Strings,
    /// What the pages are rendered from (the sitemap lists them with their dates).
    inputs: Inputs<'a>,
    /// Every language's strings (the titles of CSV columns are given in each).
    i18n: &'a BTreeMap<String, Strings>,
}

impl<'a> Open<'a> {
    fn new(inputs: &Inputs<'a>, t: &'a Strings, i18n: &'a BTreeMap<String, Strings>) -> Open<'a> {
        Open {
            cfg: inputs.cfg,
            model: inputs.model,
            reg: inputs.reg,
            facts: inputs.facts,
            today: inputs.today,
            t,
            inputs: *inputs,
            i18n,
        }
    }

    /// Everything every file depends on: the settings, the data, today, the labels, and which
    /// pages there are beyond the items (per_page, translations: the sitemap lists them).
    fn global(&self) -> u64 {
        let cfg = self.cfg;
        crate::fingerprint::of(&(
            (
                &cfg.title,
                &cfg.description,
                &cfg.base.absolute,
                &cfg.language,
                cfg.per_page,
                &cfg.office,
                &cfg.data_license,
            ),
            (
                &self.reg.units.items,
                &self.reg.dimensions.items,
                &self.reg.categories.items,
            ),
            self.today,
            self.i18n.values().map(Strings::fingerprint).collect::<Vec<_>>(),
            self.model
                .translations
                .iter()
                .map(|t| (t.lang, t.section, &t.slug))
                .collect::<Vec<_>>(),
        ))
    }

    fn unit_name(&self, id: &str) -> String {
        self.reg
            .units
            .get(id)
            .and_then(|u| u.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn dimension_name(&self, id: &str) -> String {
        self.reg
            .dimensions
            .get(id)
            .and_then(|d| d.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn category_name(&self, id: &str) -> String {
        self.reg
            .categories
            .get(id)
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// What is known on disk of each attachment of `d`, in order.
    fn attachment_facts(&self, d: &crate::model::Disclosure) -> Vec<Option<&(u64, String)>> {
        d.attachments.iter().map(|a| self.facts.get(&a.src)).collect()
    }

    /// The absolute URL of an item's page.
    fn item_url(&self, section: Section, slug: &str) -> String {
        self.cfg.base.permalink(&routes::item(section, slug))
    }
}

/// A site under a sub-path (`https://host/cong-khai/`): crawlers read `robots.txt` only at the
/// host's root, so the one the site publishes is not read; a warning says what the host's own
/// should name.
pub fn robots_note(cfg: &SiteConfig) -> Option<crate::diag::Diagnostic> {
    let base = &cfg.base;
    if base.path == "/" {
        return None;
    }
    let host = base.absolute.strip_suffix(&base.path[1..]).unwrap_or(&base.absolute);
    let (file, line) = cfg.base_at;
    Some(crate::diag::Diagnostic::warning(
        file,
        line,
        1,
        format!(
            "the site is published under `{}`, but crawlers read robots.txt only at the host's root ({host}robots.txt), not {}robots.txt: for search engines to find the sitemap, that file should hold the line `Sitemap: {}`",
            base.path,
            base.absolute,
            base.permalink("sitemap.xml")
        ),
    ))
}

/// The feed, sitemap, robots.txt and open data, in the language whose strings are `t`, with
/// the schemas, CSVW metadata and DCAT catalog that describe the data (`i18n`: every
/// language's strings); and the size and newest date of each data file, for the open-data page.
pub fn files(
    inputs: &Inputs<'_>,
    t: &Strings,
    i18n: &BTreeMap<String, Strings>,
    cache: &mut Cache,
) -> (Vec<OutputFile>, Published) {
    let ctx = &Open::new(inputs, t, i18n);
    let schema_url = |name: &str| schema_url_of(ctx, name);
    let global = ctx.global();
    let keys = Keys::of(ctx, global);
    let (ds, us) = (ctx.model.disclosures.iter(), ctx.model.updates.iter());
    let picks = feed::picks(ds.map(|d| &**d), us.map(|u| &**u));
    let feed_fp = crate::fingerprint::of(&(global, picks.iter().map(feed::Pick::fp).collect::<Vec<_>>()));
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        ctx.cfg.base.permalink("sitemap.xml")
    );
    let (m, rows) = (ctx.model, &mut cache.rows);
    let tasks = rows::encoded_rows(rows, &keys.tasks, |i| rows::task_row(ctx, &m.tasks[i]));
    let disclosures = rows::encoded_rows(rows, &keys.disclosures, |i| rows::disclosure_row(ctx, i));
    // The legal list: category by category in the order of data/categories.yaml, each newest
    // first (the order of `model.disclosures`).
    let list_order = list_order(ctx);
    let list_keys: Vec<u64> = list_order
        .iter()
        .map(|&i| crate::fingerprint::of(&(17u8, keys.disclosures[i])))
        .collect();
    let list = rows::encoded_rows(rows, &list_keys, |k| rows::list_row(ctx, list_order[k]));
    forget_stale_rows(rows, &keys, &list_keys);
    let (tasks_fp, disclosures_fp) = (keys.all_tasks, keys.all_disclosures);
    // What the sitemap is made from: which pages there are and their dates, that is the
    // settings, data and today (`keys.all` holds `global`), every item's front matter and
    // slug, the translations and the home page's own date. Listing every page with its date
    // costs more than all else an edit of one body does (22,000 pages at 10,000 items), so
    // it is done only when one of these changed.
    let sitemap_key = crate::fingerprint::of(&(
        keys.all,
        m.index.shape,
        ctx.cfg.sitemap_urls,
        m.translations.iter().map(|t| t.fp).collect::<Vec<_>>(),
        m.home.as_ref().map(|h| h.updated),
    ));
    let made: Vec<(&str, u64, Maker<'_>)> = vec![
        (
            "feed.xml",
            feed_fp,
            Box::new(|| feed::site_feed(ctx, &picks).into_bytes()),
        ),
        ("robots.txt", global, Box::new(|| robots.clone().into_bytes())),
        (
            "data/tasks.json",
            tasks_fp,
            Box::new(|| rows::json_file(ctx, &schema_url("tasks"), &tasks)),
        ),
        (
            "data/tasks.csv",
            tasks_fp,
            Box::new(|| rows::csv_file(rows::TaskRow::headers(), &tasks)),
        ),
        (
            "data/disclosures.json",
            disclosures_fp,
            Box::new(|| rows::json_file(ctx, &schema_url("disclosures"), &disclosures)),
        ),
        (
            "data/disclosures.csv",
            disclosures_fp,
            Box::new(|| rows::csv_file(rows::DisclosureRow::headers(), &disclosures)),
        ),
        (
            "data/disclosure-list.json",
            disclosures_fp,
            Box::new(|| rows::json_file(ctx, &schema_url("disclosure-list"), &list)),
        ),
        (
            "data/disclosure-list.csv",
            disclosures_fp,
            Box::new(|| rows::csv_file(rows::ListRow::headers(), &list)),
        ),
        ("data/compliance.json", keys.all, Box::new(|| compliance_json(ctx))),
        (
            "data/units.csv",
            tasks_fp,
            Box::new(|| rows::csv_bytes(&rows::unit_rows(ctx))),
        ),
    ];
    let mut files: Vec<OutputFile> = made
        .into_iter()
        .map(|(path, fp, make)| OutputFile {
            path: path.to_string(),
            body: Body::Shared(cache.get_or_make(path, fp, make)),
        })
        .collect();
    let sitemap = sitemap::files(ctx, sitemap_key, &mut cache.sitemap);
    files.splice(1..1, sitemap);
    files.extend(topics::files(ctx, global, cache));
    let published = published(ctx, &files);
    files.extend(descriptions(ctx, global, &published, cache));
    (files, published)
}

/// The absolute URL of the JSON Schema of the data set `name`.
fn schema_url_of(ctx: &Open<'_>, name: &str) -> String {
    ctx.cfg.base.permalink(&format!("{}{name}.schema.json", datadict::DIR))
}

/// The size and newest date of what each data file holds: the newest task update for tasks,
/// the newest publication, revision or withdrawal for disclosures, today for the compliance
/// report (it is made for today), none for units (the data files have no dates).
fn published(ctx: &Open<'_>, files: &[OutputFile]) -> Published {
    let m = ctx.model;
    let tasks = m.tasks.iter().filter_map(|t| t.last_updated()).max();
    let disclosures = m
        .disclosures
        .iter()
        .map(|d| {
            d.last_updated()
                .max(d.withdrawn.as_ref().map_or(d.published, |w| w.date))
        })
        .max();
    let mut out = Published::new();
    for set in &datadict::DATASETS {
        let modified = match set.name {
            "tasks" => tasks,
            "disclosures" | "disclosure-list" => disclosures,
            "compliance" => Some(ctx.today),
            _ => None,
        };
        for &format in set.formats {
            let path = set.file(format);
            let size = files
                .iter()
                .find(|f| f.path == path)
                .and_then(|f| match &f.body {
                    Body::Shared(b) => Some(b.len() as u64),
                    _ => None,
                })
                .unwrap_or_default();
            let modified = modified.map(crate::date::iso);
            out.insert(path, FileFacts { size, modified });
        }
    }
    out
}

/// The JSON Schemas, the CSVW metadata and the DCAT catalog of the data files.
fn descriptions(ctx: &Open<'_>, global: u64, published: &Published, cache: &mut Cache) -> Vec<OutputFile> {
    let mut out = Vec::new();
    for set in &datadict::DATASETS {
        let fp = crate::fingerprint::of(&(global, set));
        let mut add = |path: String, make: &dyn Fn() -> Vec<u8>| {
            let body = Body::Shared(cache.get_or_make(&path, fp, make));
            out.push(OutputFile { path, body });
        };
        if set.formats.contains(&Format::Json) {
            add(set.schema(), &|| describe::schema(ctx, set));
        }
        if set.formats.contains(&Format::Csv) {
            add(set.csvw(), &|| describe::csvw(ctx, set));
        }
    }
    let fp = crate::fingerprint::of(&(global, published));
    let path = datadict::CATALOG;
    let body = Body::Shared(cache.get_or_make(path, fp, || describe::catalog(ctx, published)));
    out.push(OutputFile {
        path: path.to_string(),
        body,
    });
    out
}

/// Rows of edited items stay behind; they are dropped once they are as many as the live ones.
fn forget_stale_rows(rows: &mut rustc_hash::FxHashMap<u64, Arc<EncodedRow>>, keys: &Keys, list_keys: &[u64]) {
    if rows.len() > 2 * (keys.tasks.len() + keys.disclosures.len() + list_keys.len()) + 64 {
        let live: rustc_hash::FxHashSet<u64> = keys
            .tasks
            .iter()
            .chain(&keys.disclosures)
            .chain(list_keys)
            .copied()
            .collect();
        rows.retain(|k, _| live.contains(k));
    }
}

/// The compliance report as of the build's today, with the site it is about.
fn compliance_json(ctx: &Open<'_>) -> Vec<u8> {
    let report = crate::compliance::report(ctx.cfg, ctx.model, ctx.reg, ctx.today);
    let value = serde_json::json!({
        "$schema": schema_url_of(ctx, "compliance"),
        "generated": crate::date::iso(ctx.today),
        "schema_version": 1,
        "site": ctx.cfg.base.absolute,
        "report": report,
    });
    let mut out = serde_json::to_vec_pretty(&value).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The disclosures in the order of the legal list: by category as `data/categories.yaml` has
/// them, each category newest first.
fn list_order(ctx: &Open<'_>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ctx.model.disclosures.len()).collect();
    // Stable: within a category, the model's order (newest first).
    order.sort_by_cached_key(|&i| {
        let c = &ctx.model.disclosures[i].category;
        ctx.reg
            .categories
            .items
            .iter()
            .position(|x| x.id.as_deref() == Some(c.as_str()))
            .unwrap_or(usize::MAX)
    });
    order
}

/// What is known on disk of each attachment of a disclosure (size, SHA-256), in order.
type DiskFacts<'a> = Vec<Option<&'a (u64, String)>>;

/// What each file and row is made from, as fingerprints over `global` (the site-wide inputs):
/// the front matter of the tasks and disclosures, and what disclosures' attachments are on
/// disk.
struct Keys {
    /// Per task, per disclosure: the key of its row.
    tasks: Vec<u64>,
    disclosures: Vec<u64>,
    /// Of the lists as wholes, and of every item (the sitemap).
    all_tasks: u64,
    all_disclosures: u64,
    all: u64,
}

impl Keys {
    fn of(ctx: &Open<'_>, global: u64) -> Keys {
        use crate::model::list;
        let m = ctx.model;
        let fronts = &m.index.fronts;
        // What each disclosure's attachments are on disk, for those that have any.
        let facts: Vec<(u32, DiskFacts<'_>)> = m
            .index
            .with_attachments
            .iter()
            .map(|&i| (i, ctx.attachment_facts(&m.disclosures[i as usize])))
            .collect();
        let of = |list: &[u64]| {
            list.iter()
                .map(|f| crate::fingerprint::of(&(global, f)))
                .collect::<Vec<u64>>()
        };
        let tasks = of(&fronts[list::TASKS]);
        // A disclosure's row shows its relations and validity, which come from others too.
        let keys = m.disclosure_keys();
        let mut disclosures = of(&keys);
        for (i, f) in &facts {
            let k = &mut disclosures[*i as usize];
            *k = crate::fingerprint::of(&(*k, f));
        }
        Keys {
            all_tasks: crate::fingerprint::of(&(global, &fronts[list::TASKS])),
            all_disclosures: crate::fingerprint::of(&(global, &*keys, &facts)),
            all: crate::fingerprint::of(&(global, fronts)),
            tasks,
            disclosures,
        }
    }
}

/// Makes a file's bytes when they are needed.
type Maker<'a> = Box<dyn Fn() -> Vec<u8> + 'a>;
