//! Model → the machine-readable files: the Atom feed, the sitemap, robots.txt and open data
//! (tasks, disclosures and units as JSON and CSV). Each file is made again only when what it
//! is made from changed (`Cache`).

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::attachments::Facts;
use crate::config::SiteConfig;
use crate::data::Registry;
use crate::date::{Date, iso};
use crate::escape::html as xml_escape;
use crate::files::{Body, OutputFile};
use crate::i18n::Strings;
use crate::layout::Section;
use crate::model::Model;
use crate::render::{Inputs, media_type};
use crate::routes;

/// What the open data of the last build was made from, kept for the next (`watch`, `serve`).
#[derive(Debug, Default)]
pub struct Cache {
    /// Path → (fingerprint of what it was made from, bytes).
    files: rustc_hash::FxHashMap<String, (u64, Arc<Vec<u8>>)>,
    /// Rows of open data by the fingerprint of their item.
    rows: rustc_hash::FxHashMap<u64, Arc<EncodedRow>>,
}

impl Cache {
    /// The bytes kept for `path` if they were made from `fp`, else `make()` (and keep them).
    fn get_or_make(&mut self, path: &str, fp: u64, make: impl FnOnce() -> Vec<u8>) -> Arc<Vec<u8>> {
        if let Some((old, bytes)) = self.files.get(path) {
            if *old == fp {
                return Arc::clone(bytes);
            }
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
}

impl Open<'_> {
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

/// RFC 3339 at midnight, Vietnam time.
fn rfc3339(d: Date) -> String {
    format!("{}T00:00:00+07:00", iso(d))
}

/// Plain-text excerpt of at most `max` characters, cut at a word.
fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) => &cut[..i],
        None => &cut,
    };
    format!("{cut}…")
}

/// Makes a file's bytes when they are needed.
type Maker<'a> = Box<dyn Fn() -> Vec<u8> + 'a>;

/// The feed, sitemap, robots.txt and open data, in the language whose strings are `t`.
pub fn files(inputs: &Inputs<'_>, t: &Strings, cache: &mut Cache) -> Vec<OutputFile> {
    let Inputs {
        cfg,
        model,
        reg,
        facts,
        today,
    } = *inputs;
    let ctx = &Open {
        cfg,
        model,
        reg,
        facts,
        today,
        t,
    };
    // Everything every file depends on: the settings, the data, today, the labels, and which
    // pages there are beyond the items (per_page, translations: the sitemap lists them).
    let global = crate::fingerprint::of(&(
        (
            &cfg.title,
            &cfg.description,
            &cfg.base.absolute,
            &cfg.language,
            cfg.per_page,
            &cfg.office,
        ),
        (&reg.units.items, &reg.dimensions.items, &reg.categories.items),
        today,
        t.fingerprint(),
        model
            .translations
            .iter()
            .map(|t| (t.lang, t.section, &t.slug))
            .collect::<Vec<_>>(),
    ));
    let m = model;
    let fp = |parts: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        global.hash(&mut h);
        parts(&mut h);
        h.finish()
    };
    use crate::model::list;
    use std::hash::Hash;
    let fronts = &m.index.fronts;
    // What each disclosure's attachments are on disk, for those that have any.
    type Facts<'f> = Vec<Option<&'f (u64, String)>>;
    let facts: Vec<(u32, Facts<'_>)> = m
        .index
        .with_attachments
        .iter()
        .map(|&i| (i, ctx.attachment_facts(&m.disclosures[i as usize])))
        .collect();
    let tasks_fp = fp(&|h| fronts[list::TASKS].iter().for_each(|f| f.hash(h)));
    let disclosures_fp = fp(&|h| {
        fronts[list::DISCLOSURES].iter().for_each(|f| f.hash(h));
        facts.iter().for_each(|(_, f)| f.iter().for_each(|x| x.hash(h)));
    });
    let all_fp = fp(&|h| fronts.iter().for_each(|list| list.iter().for_each(|f| f.hash(h))));
    let entries = feed_entries(ctx);
    let feed_fp = fp(&|h| entries.iter().for_each(|e| e.fp.hash(h)));
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        ctx.cfg.base.permalink("sitemap.xml")
    );
    let task_keys: Vec<u64> = fronts[list::TASKS]
        .iter()
        .map(|f| crate::fingerprint::of(&(global, f)))
        .collect();
    let mut disclosure_keys: Vec<u64> = fronts[list::DISCLOSURES]
        .iter()
        .map(|f| crate::fingerprint::of(&(global, f)))
        .collect();
    for (i, f) in &facts {
        let k = &mut disclosure_keys[*i as usize];
        *k = crate::fingerprint::of(&(*k, f));
    }
    let tasks = encoded_rows(&mut cache.rows, &task_keys, |i| task_row(ctx, &m.tasks[i]));
    let disclosures = encoded_rows(&mut cache.rows, &disclosure_keys, |i| {
        disclosure_row(ctx, &m.disclosures[i])
    });
    // Rows of edited items stay behind; they are dropped once they are as many as the live ones.
    if cache.rows.len() > 2 * (task_keys.len() + disclosure_keys.len()) + 64 {
        let live: rustc_hash::FxHashSet<u64> = task_keys.iter().chain(&disclosure_keys).copied().collect();
        cache.rows.retain(|k, _| live.contains(k));
    }
    let made: Vec<(&str, u64, Maker<'_>)> = vec![
        ("feed.xml", feed_fp, Box::new(|| feed(ctx, &entries).into_bytes())),
        ("sitemap.xml", all_fp, Box::new(|| sitemap(ctx).into_bytes())),
        ("robots.txt", global, Box::new(|| robots.clone().into_bytes())),
        ("data/tasks.json", tasks_fp, Box::new(|| json_file(ctx, &tasks))),
        (
            "data/tasks.csv",
            tasks_fp,
            Box::new(|| csv_file(TaskRow::headers(), &tasks)),
        ),
        (
            "data/disclosures.json",
            disclosures_fp,
            Box::new(|| json_file(ctx, &disclosures)),
        ),
        (
            "data/disclosures.csv",
            disclosures_fp,
            Box::new(|| csv_file(DisclosureRow::headers(), &disclosures)),
        ),
        ("data/units.csv", tasks_fp, Box::new(|| csv_bytes(&unit_rows(ctx)))),
    ];
    made.into_iter()
        .map(|(path, fp, make)| OutputFile {
            path: path.to_string(),
            body: Body::Shared(cache.get_or_make(path, fp, make)),
        })
        .collect()
}

const FEED_ENTRIES: usize = 50;

/// One entry of the feed.
struct Entry {
    date: Date,
    title: String,
    url: String,
    summary: String,
    category: Option<(String, String)>,
    /// The whole item's fingerprint (the summary comes from its body).
    fp: u64,
}

/// The newest disclosures and updates, newest first.
fn feed_entries(ctx: &Open<'_>) -> Vec<Entry> {
    // Newest first; on one day disclosures before updates, then by slug. Both lists are
    // sorted so already (newest first, then by slug): merging their heads finds the entries
    // without looking at the rest.
    let (ds, us) = (&ctx.model.disclosures, &ctx.model.updates);
    let mut keys: Vec<(bool, usize)> = Vec::with_capacity(FEED_ENTRIES);
    let (mut i, mut j) = (0, 0);
    while keys.len() < FEED_ENTRIES && (i < ds.len() || j < us.len()) {
        let take_disclosure = match (ds.get(i), us.get(j)) {
            (Some(d), Some(u)) => d.published >= u.date,
            (Some(_), None) => true,
            _ => false,
        };
        if take_disclosure {
            keys.push((true, i));
            i += 1;
        } else {
            keys.push((false, j));
            j += 1;
        }
    }
    keys.into_iter()
        .map(|(disclosure, i)| {
            if disclosure {
                let d = &ctx.model.disclosures[i];
                Entry {
                    date: d.published,
                    title: d.title.clone(),
                    url: ctx.item_url(Section::Disclosure, &d.meta.slug),
                    summary: excerpt(&d.meta.text, 300),
                    category: Some((d.category.clone(), ctx.category_name(&d.category))),
                    fp: d.meta.fp,
                }
            } else {
                let u = &ctx.model.updates[i];
                Entry {
                    date: u.date,
                    title: u.title.clone(),
                    url: ctx.item_url(Section::Update, &u.meta.slug),
                    summary: u.summary.clone().unwrap_or_else(|| excerpt(&u.meta.text, 300)),
                    category: None,
                    fp: u.meta.fp,
                }
            }
        })
        .collect()
}

fn feed(ctx: &Open<'_>, entries: &[Entry]) -> String {
    let updated = entries.first().map(|e| e.date).unwrap_or(ctx.today);
    let base = &ctx.cfg.base;
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&ctx.cfg.language)
    ));
    x.push_str(&format!("  <title>{}</title>\n", xml_escape(&ctx.cfg.title)));
    if let Some(d) = &ctx.cfg.description {
        x.push_str(&format!("  <subtitle>{}</subtitle>\n", xml_escape(d)));
    }
    x.push_str(&format!("  <id>{}</id>\n", xml_escape(&base.absolute)));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&base.permalink("feed.xml"))
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&base.absolute)
    ));
    x.push_str(&format!("  <updated>{}</updated>\n", rfc3339(updated)));
    let author = ctx
        .cfg
        .office
        .as_ref()
        .and_then(|o| o.name.clone())
        .unwrap_or_else(|| ctx.cfg.title.clone());
    x.push_str(&format!("  <author><name>{}</name></author>\n", xml_escape(&author)));
    x.push_str("  <generator>congkhai</generator>\n");
    for e in entries.iter() {
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", xml_escape(&e.title)));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&e.url)
        ));
        x.push_str(&format!("    <id>{}</id>\n", xml_escape(&e.url)));
        x.push_str(&format!("    <published>{}</published>\n", rfc3339(e.date)));
        x.push_str(&format!("    <updated>{}</updated>\n", rfc3339(e.date)));
        if let Some((term, label)) = &e.category {
            x.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                xml_escape(term),
                xml_escape(label)
            ));
        }
        if !e.summary.is_empty() {
            x.push_str(&format!("    <summary>{}</summary>\n", xml_escape(&e.summary)));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn sitemap(ctx: &Open<'_>) -> String {
    let mut urls: Vec<(String, Option<Date>)> = Vec::new();
    let filters = routes::task_filters(ctx.model, ctx.reg);
    for (path, _) in routes::jobs(ctx.cfg, ctx.model, ctx.reg, &filters) {
        if path == "404.html" {
            continue;
        }
        urls.push((path.trim_end_matches("index.html").to_string(), None));
    }
    let dated: std::collections::BTreeMap<String, Date> = ctx
        .model
        .disclosures
        .iter()
        .map(|d| {
            (
                routes::item(Section::Disclosure, &d.meta.slug),
                d.revisions
                    .first()
                    .map(|r| r.date.max(d.published))
                    .unwrap_or(d.published),
            )
        })
        .chain(
            ctx.model
                .updates
                .iter()
                .map(|u| (routes::item(Section::Update, &u.meta.slug), u.date)),
        )
        .chain(
            ctx.model
                .plans
                .iter()
                .map(|p| (routes::item(Section::Plan, &p.meta.slug), p.issued)),
        )
        .chain(ctx.model.tasks.iter().filter_map(|t| {
            t.updates
                .first()
                .map(|u| (routes::item(Section::Task, &t.meta.slug), u.date))
        }))
        .collect();
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    urls.sort();
    for (path, _) in urls {
        x.push_str("  <url>\n");
        x.push_str(&format!(
            "    <loc>{}</loc>\n",
            xml_escape(&ctx.cfg.base.permalink(&path))
        ));
        if let Some(d) = dated.get(&path) {
            x.push_str(&format!("    <lastmod>{}</lastmod>\n", iso(*d)));
        }
        x.push_str("  </url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// A table of open data: the same field names in CSV and JSON.
trait Rows {
    fn headers() -> &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

#[derive(Serialize)]
struct TaskRow {
    id: String,
    code: Option<String>,
    title: String,
    plan: String,
    dimension: String,
    dimension_name: String,
    lead: String,
    lead_name: String,
    partners: Vec<String>,
    partners_text: Option<String>,
    schedule: &'static str,
    schedule_label: String,
    start: Option<String>,
    due: Option<String>,
    status: &'static str,
    status_label: String,
    progress: u8,
    overdue: bool,
    updated: Option<String>,
    url: String,
}

impl Rows for TaskRow {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "code",
            "title",
            "plan",
            "dimension",
            "dimension_name",
            "lead",
            "lead_name",
            "partners",
            "partners_text",
            "schedule",
            "schedule_label",
            "start",
            "due",
            "status",
            "status_label",
            "progress",
            "overdue",
            "updated",
            "url",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.code.clone().unwrap_or_default(),
            self.title.clone(),
            self.plan.clone(),
            self.dimension.clone(),
            self.dimension_name.clone(),
            self.lead.clone(),
            self.lead_name.clone(),
            self.partners.join(";"),
            self.partners_text.clone().unwrap_or_default(),
            self.schedule.to_string(),
            self.schedule_label.clone(),
            self.start.clone().unwrap_or_default(),
            self.due.clone().unwrap_or_default(),
            self.status.to_string(),
            self.status_label.clone(),
            self.progress.to_string(),
            self.overdue.to_string(),
            self.updated.clone().unwrap_or_default(),
            self.url.clone(),
        ]
    }
}

fn task_row(ctx: &Open<'_>, t: &crate::model::Task) -> TaskRow {
    TaskRow {
        id: t.meta.slug.clone(),
        code: t.code.clone(),
        title: t.title.clone(),
        plan: t.plan.clone(),
        dimension: t.dimension.clone(),
        dimension_name: ctx.dimension_name(&t.dimension),
        lead: t.lead.clone(),
        lead_name: ctx.unit_name(&t.lead),
        partners: t.partners.clone(),
        partners_text: t.partners_text.clone(),
        schedule: t.schedule.code(),
        schedule_label: crate::labels::schedule(ctx.t, &t.schedule),
        start: t.schedule.start().map(iso),
        due: t.schedule.due().map(iso),
        status: t.status.code(),
        status_label: crate::labels::status(ctx.t, t.status),
        progress: t.progress,
        overdue: t.overdue,
        updated: t.updates.first().map(|u| iso(u.date)),
        url: ctx.item_url(Section::Task, &t.meta.slug),
    }
}

#[derive(Serialize)]
struct AttachmentRow {
    title: String,
    url: String,
    media_type: String,
    size: u64,
    sha256: String,
}

#[derive(Serialize)]
struct DisclosureRow {
    id: String,
    title: String,
    category: String,
    category_name: String,
    published: String,
    number: Option<String>,
    doc_type: Option<String>,
    issuer: Option<String>,
    issued: Option<String>,
    signer: Option<String>,
    task: Option<String>,
    expires: Option<String>,
    updated: String,
    tags: Vec<String>,
    attachments: Vec<AttachmentRow>,
    url: String,
}

impl Rows for DisclosureRow {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "title",
            "category",
            "category_name",
            "published",
            "number",
            "doc_type",
            "issuer",
            "issued",
            "signer",
            "task",
            "expires",
            "updated",
            "tags",
            "attachments",
            "url",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.title.clone(),
            self.category.clone(),
            self.category_name.clone(),
            self.published.clone(),
            self.number.clone().unwrap_or_default(),
            self.doc_type.clone().unwrap_or_default(),
            self.issuer.clone().unwrap_or_default(),
            self.issued.clone().unwrap_or_default(),
            self.signer.clone().unwrap_or_default(),
            self.task.clone().unwrap_or_default(),
            self.expires.clone().unwrap_or_default(),
            self.updated.clone(),
            self.tags.join(";"),
            self.attachments
                .iter()
                .map(|a| a.url.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            self.url.clone(),
        ]
    }
}

fn disclosure_row(ctx: &Open<'_>, d: &crate::model::Disclosure) -> DisclosureRow {
    DisclosureRow {
        id: d.meta.slug.clone(),
        title: d.title.clone(),
        category: d.category.clone(),
        category_name: ctx.category_name(&d.category),
        published: iso(d.published),
        number: d.number.clone(),
        doc_type: d.doc_type.clone(),
        issuer: d.issuer.clone(),
        issued: d.issued.map(iso),
        signer: d.signer.clone(),
        task: d.task.clone(),
        expires: d.expires.map(iso),
        updated: iso(d
            .revisions
            .first()
            .map(|r| r.date.max(d.published))
            .unwrap_or(d.published)),
        tags: d.tags.clone(),
        attachments: d
            .attachments
            .iter()
            .map(|a| {
                let (size, sha256) = ctx.facts.get(&a.src).cloned().unwrap_or_default();
                let out = routes::attachment(&d.meta.slug, a);
                AttachmentRow {
                    title: a.title.clone(),
                    url: ctx.cfg.base.permalink(&crate::url::encode_path(&out)),
                    media_type: media_type(&out),
                    size,
                    sha256,
                }
            })
            .collect(),
        url: ctx.item_url(Section::Disclosure, &d.meta.slug),
    }
}

struct UnitRow {
    cells: Vec<String>,
}

impl Rows for UnitRow {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "name",
            "short",
            "head",
            "phone",
            "email",
            "address",
            "lead_tasks",
            "url",
        ]
    }
    fn cells(&self) -> Vec<String> {
        self.cells.clone()
    }
}

fn unit_rows(ctx: &Open<'_>) -> Vec<UnitRow> {
    ctx.reg
        .units
        .items
        .iter()
        .map(|u| {
            let id = u.id.clone().unwrap_or_default();
            let lead = ctx.model.tasks.iter().filter(|t| t.lead == id).count();
            UnitRow {
                cells: vec![
                    id.clone(),
                    u.name.clone().unwrap_or_default(),
                    u.short.clone().unwrap_or_default(),
                    u.head.clone().unwrap_or_default(),
                    u.phone.clone().unwrap_or_default(),
                    u.email.clone().unwrap_or_default(),
                    u.address.clone().unwrap_or_default(),
                    lead.to_string(),
                    ctx.cfg.base.permalink(&routes::unit(&id)),
                ],
            }
        })
        .collect()
}

/// A CSV cell that a spreadsheet will not run as a formula: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'` (OWASP's advice against CSV injection),
/// so that `=HYPERLINK(...)` in a title stays text when an editor opens the file in Excel.
/// JSON keeps the exact text.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The cells of a record, each made `spreadsheet_safe`.
fn safe_cells(cells: &[String]) -> Vec<std::borrow::Cow<'_, str>> {
    cells.iter().map(|c| spreadsheet_safe(c)).collect()
}

/// RFC 4180 CSV, UTF-8 with a BOM so that Excel shows Vietnamese correctly, CRLF line ends.
fn csv_bytes<R: Rows>(rows: &[R]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; errors would only come from the underlying writer.
    let _ = w.write_record(R::headers());
    for r in rows {
        let _ = w.write_record(safe_cells(&r.cells()).iter().map(|c| c.as_bytes()));
    }
    out.extend(w.into_inner().unwrap_or_default());
    out
}

/// One row of open data, in both formats: a CSV record (CRLF-terminated) and a JSON object.
#[derive(Debug)]
pub(super) struct EncodedRow {
    csv: Vec<u8>,
    json: Vec<u8>,
}

fn encode_row<R: Rows + Serialize>(row: &R) -> EncodedRow {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(safe_cells(&row.cells()).iter().map(|c| c.as_bytes()));
    EncodedRow {
        csv: w.into_inner().unwrap_or_default(),
        json: serde_json::to_vec(row).unwrap_or_default(),
    }
}

/// The rows for `keys` (one per item), from `cache` when an item's key is unchanged, else
/// made with `make(index)` and kept in `cache`.
fn encoded_rows<R: Rows + Serialize>(
    cache: &mut rustc_hash::FxHashMap<u64, Arc<EncodedRow>>,
    keys: &[u64],
    make: impl Fn(usize) -> R + Sync,
) -> Vec<Arc<EncodedRow>> {
    let made: Vec<Option<Arc<EncodedRow>>> = keys
        .par_iter()
        .enumerate()
        .map(|(i, k)| {
            if cache.contains_key(k) {
                None
            } else {
                Some(Arc::new(encode_row(&make(i))))
            }
        })
        .collect();
    keys.iter()
        .zip(made)
        .map(|(k, m)| match m {
            Some(row) => {
                cache.insert(*k, Arc::clone(&row));
                row
            }
            None => cache.get(k).cloned().unwrap_or_else(|| {
                Arc::new(EncodedRow {
                    csv: Vec::new(),
                    json: Vec::new(),
                })
            }),
        })
        .collect()
}

/// RFC 4180 CSV, UTF-8 with a BOM so that Excel shows Vietnamese correctly, CRLF line ends.
fn csv_file(headers: &[&str], rows: &[Arc<EncodedRow>]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(headers);
    out.extend(w.into_inner().unwrap_or_default());
    for r in rows {
        out.extend_from_slice(&r.csv);
    }
    out
}

/// `{generated, schema_version, site, count, items}`, one item a line.
fn json_file(ctx: &Open<'_>, rows: &[Arc<EncodedRow>]) -> Vec<u8> {
    let head = serde_json::json!({
        "generated": iso(ctx.today),
        "schema_version": 1,
        "site": ctx.cfg.base.absolute,
        "count": rows.len(),
    })
    .to_string();
    // `head` is an object: reopen it to append the items.
    let mut out = head.trim_end_matches('}').as_bytes().to_vec();
    out.extend_from_slice(b",\"items\":[");
    for (i, r) in rows.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        out.extend_from_slice(&r.json);
    }
    out.extend_from_slice(b"\n]}\n");
    out
}
