//! Content files + registry + today → typed `Model` (plans, tasks, disclosures, updates, pages).
//!
//! Pure: no disk, no clock. Each file's front matter is read field by field so that every
//! problem in it is reported, each at the line of its key.

mod fields;

use std::collections::BTreeMap;
use std::hash::Hash;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::Section;
use crate::markdown::{self, SiteLink};
use crate::slug;
use crate::source::frontmatter;
use crate::source::{Asset, SourceFile, Sources};
use crate::yaml::{self, Positions};
use fields::Fields;

pub use crate::date::Date;

/// What every published item has.
#[derive(Debug, Clone)]
pub struct Meta {
    /// Source path relative to the root.
    pub rel: String,
    /// URL slug.
    pub slug: String,
    /// Line of `slug:` or 1, for duplicate-slug errors.
    pub slug_line: usize,
    /// Key positions in the file.
    pub pos: Positions,
    /// `draft: true`.
    pub draft: bool,
    /// Rendered body.
    pub html: Arc<str>,
    /// Plain text of the body.
    pub text: Arc<str>,
    /// Fingerprint of the whole file (path and text): changes with any edit.
    pub fp: u64,
    /// Fingerprint of the path and front matter only: what other pages can show of this item.
    pub front_fp: u64,
    /// Folder of the source file, relative to the root.
    pub dir: String,
    /// `index.md` of a page bundle.
    pub bundle: bool,
    /// `updated:` in front matter: when the content last changed, shown as "last updated".
    pub updated: Option<Date>,
}

/// A plan (kế hoạch).
#[derive(Debug, Clone)]
pub struct Plan {
    /// Common fields.
    pub meta: Meta,
    /// Title.
    pub title: String,
    /// Số ký hiệu.
    pub number: Option<String>,
    /// Loại văn bản.
    pub doc_type: Option<String>,
    /// Cơ quan ban hành.
    pub issuer: Option<String>,
    /// Ngày ban hành.
    pub issued: Date,
    /// Người ký.
    pub signer: Option<String>,
    /// Chức vụ người ký.
    pub signer_title: Option<String>,
    /// Year the plan covers.
    pub year: Option<i64>,
    /// Căn cứ: document numbers.
    pub based_on: Vec<String>,
}

/// Status of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Chưa bắt đầu.
    NotStarted,
    /// Đang thực hiện.
    InProgress,
    /// Hoàn thành.
    Done,
    /// Tạm dừng.
    Paused,
}

impl Status {
    /// All statuses in display order.
    pub const ALL: [Status; 4] = [Status::NotStarted, Status::InProgress, Status::Done, Status::Paused];

    /// The code used in front matter and open data.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Paused => "paused",
        }
    }

    fn parse(s: &str) -> Option<Status> {
        Some(match slug::fold(s).as_str() {
            "not-started" | "chua-bat-dau" => Status::NotStarted,
            "in-progress" | "dang-thuc-hien" => Status::InProgress,
            "done" | "hoan-thanh" => Status::Done,
            "paused" | "tam-dung" => Status::Paused,
            _ => return None,
        })
    }
}

/// When a task is carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// Thường xuyên.
    Ongoing,
    /// Khi có đề nghị.
    OnRequest,
    /// From `start` to `due`.
    Dated {
        /// Start date.
        start: Option<Date>,
        /// Due date.
        due: Option<Date>,
    },
}

impl Schedule {
    /// The code used in open data.
    pub fn code(&self) -> &'static str {
        match self {
            Schedule::Ongoing => "ongoing",
            Schedule::OnRequest => "on-request",
            Schedule::Dated { .. } => "dated",
        }
    }

    /// The due date, if any.
    pub fn due(&self) -> Option<Date> {
        match self {
            Schedule::Dated { due, .. } => *due,
            _ => None,
        }
    }

    /// The start date, if any.
    pub fn start(&self) -> Option<Date> {
        match self {
            Schedule::Dated { start, .. } => *start,
            _ => None,
        }
    }
}

/// A dated progress note on a task.
#[derive(Debug, Clone)]
pub struct TaskUpdate {
    /// When.
    pub date: Date,
    /// What was done.
    pub text: String,
    /// Progress after it.
    pub progress: Option<u8>,
    /// Status after it.
    pub status: Option<Status>,
}

/// A task of a plan.
#[derive(Debug, Clone)]
pub struct Task {
    /// Common fields.
    pub meta: Meta,
    /// Title.
    pub title: String,
    /// Plan slug.
    pub plan: String,
    /// Number in the plan ("1.1").
    pub code: Option<String>,
    /// Dimension id.
    pub dimension: String,
    /// Lead unit id.
    pub lead: String,
    /// Partner unit ids.
    pub partners: Vec<String>,
    /// Partners in words.
    pub partners_text: Option<String>,
    /// When.
    pub schedule: Schedule,
    /// Status (from front matter, else the newest update, else not started).
    pub status: Status,
    /// 0–100 (from front matter, else the newest update, else 100 when done, else 0).
    pub progress: u8,
    /// Updates, newest first.
    pub updates: Vec<TaskUpdate>,
    /// Due date passed and not done.
    pub overdue: bool,
}

/// A file published with a disclosure.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// As written in front matter.
    pub file: String,
    /// Title shown (the file name when absent).
    pub title: String,
    /// Source path relative to the root (`static/...` or beside the content file).
    pub src: String,
    /// The path as written, cleaned of `.` and extra `/` (`danh-sach.csv`, `files/a.pdf`):
    /// where a file beside the content file goes beside the page (see `routes::attachment`).
    pub path: String,
    /// Line of the item in the content file.
    pub line: usize,
}

/// A dated change note.
#[derive(Debug, Clone)]
pub struct Revision {
    /// When.
    pub date: Date,
    /// What changed.
    pub note: String,
}

/// A publicly disclosed document or result.
#[derive(Debug, Clone)]
pub struct Disclosure {
    /// Common fields.
    pub meta: Meta,
    /// Title.
    pub title: String,
    /// Category id.
    pub category: String,
    /// Ngày công khai.
    pub published: Date,
    /// Số ký hiệu.
    pub number: Option<String>,
    /// Loại văn bản.
    pub doc_type: Option<String>,
    /// Cơ quan ban hành.
    pub issuer: Option<String>,
    /// Ngày ban hành.
    pub issued: Option<Date>,
    /// Người ký.
    pub signer: Option<String>,
    /// Task slug it is evidence for.
    pub task: Option<String>,
    /// Files.
    pub attachments: Vec<Attachment>,
    /// Changes, newest first.
    pub revisions: Vec<Revision>,
    /// Hết hiệu lực.
    pub expires: Option<Date>,
    /// Tags.
    pub tags: Vec<String>,
}

/// News or a progress update.
#[derive(Debug, Clone)]
pub struct Update {
    /// Common fields.
    pub meta: Meta,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Date,
    /// Summary.
    pub summary: Option<String>,
    /// Task slugs.
    pub tasks: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
}

/// A free page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Common fields.
    pub meta: Meta,
    /// Title.
    pub title: String,
    /// Menu order; pages with a weight are in the main menu.
    pub weight: Option<i64>,
}

impl Plan {
    /// When the page last changed: `updated`, else the date the plan was issued.
    pub fn last_updated(&self) -> Date {
        self.meta.updated.unwrap_or(self.issued)
    }
}

impl Task {
    /// When the page last changed: `updated`, else the newest progress update's date.
    pub fn last_updated(&self) -> Option<Date> {
        self.meta.updated.or_else(|| self.updates.iter().map(|u| u.date).max())
    }
}

impl Disclosure {
    /// When the page last changed: `updated`, else the later of publication and the newest revision.
    pub fn last_updated(&self) -> Date {
        self.meta.updated.unwrap_or_else(|| {
            self.revisions
                .iter()
                .map(|r| r.date)
                .fold(self.published, std::cmp::max)
        })
    }
}

impl Update {
    /// When the page last changed: `updated`, else the update's date.
    pub fn last_updated(&self) -> Date {
        self.meta.updated.unwrap_or(self.date)
    }
}

/// A translation of an item (`foo.en.md` beside `foo.md`), published under `/<lang>/`.
///
/// Only the title and the body are translated; every other fact comes from the original.
#[derive(Debug, Clone)]
pub struct Translation {
    /// Language code (`en`).
    pub lang: &'static str,
    /// Section of the original.
    pub section: Section,
    /// Source path of this file.
    pub rel: String,
    /// Source path of the original.
    pub original: String,
    /// Slug of the original (set once the original is known).
    pub slug: String,
    /// Translated title (may be absent for the home page only).
    pub title: Option<String>,
    /// Translated body.
    pub html: Arc<str>,
    /// `updated:` of the translation, which then replaces the original's date.
    pub updated: Option<Date>,
    /// `draft: true`.
    pub draft: bool,
    /// Fingerprint of the whole file.
    pub fp: u64,
}

/// The home page's introduction (`content/_index.md`).
#[derive(Debug, Clone)]
pub struct Home {
    /// Source path.
    pub rel: String,
    /// Optional title.
    pub title: Option<String>,
    /// Rendered body.
    pub html: Arc<str>,
    /// `updated:`, which replaces the newest date of the items the home page shows.
    pub updated: Option<Date>,
}

/// Everything that is published, sorted for output.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Home introduction.
    pub home: Option<Arc<Home>>,
    /// Plans, newest issued first.
    pub plans: Vec<Arc<Plan>>,
    /// Tasks by plan, code, slug.
    pub tasks: Vec<Arc<Task>>,
    /// Disclosures, newest first.
    pub disclosures: Vec<Arc<Disclosure>>,
    /// Updates, newest first.
    pub updates: Vec<Arc<Update>>,
    /// Free pages by weight, title.
    pub pages: Vec<Arc<Page>>,
    /// Items left out (drafts, future dates): (section, slug, source path, why).
    pub hidden: Vec<(Section, String, String, &'static str)>,
    /// Items whose file has errors: (section, slug). References to them are not reported
    /// again as unknown, since the file's own error says what to fix.
    pub broken: Vec<(Section, String)>,
    /// Every link to the site in a body, with the file it is in.
    pub links: Vec<DocLinks>,
    /// The attachments of disclosures that have errors (source path, attachments): they are
    /// checked too, so that fixing one error does not reveal the next.
    pub broken_attachments: Vec<(String, Vec<Attachment>)>,
    /// Translations of published items, by section and slug.
    pub translations: Vec<Arc<Translation>>,
    /// Facts of the lists above kept in flat arrays, so that a fingerprint over a whole list
    /// reads one array instead of every item (`assemble` and `patch` keep it up to date).
    pub index: ListIndex,
}

/// See `Model::index`.
#[derive(Debug, Clone, Default, Hash, PartialEq, Eq)]
pub struct ListIndex {
    /// `meta.front_fp` of each plan, task, disclosure, update and page, in list order.
    pub fronts: [Vec<u64>; 5],
    /// `meta.fp` of each, the same way.
    pub fps: [Vec<u64>; 5],
    /// Fingerprint of the slugs of every list, in order: the pages there are.
    pub shape: u64,
    /// The category of each disclosure, as an index into `categories`.
    pub disclosure_category: Vec<u32>,
    /// The categories disclosures name, in order of first use.
    pub categories: Vec<String>,
    /// The disclosures that have attachments.
    pub with_attachments: Vec<u32>,
    /// The items that are page bundles (`name/index.md`): (list, index in it).
    pub bundles: Vec<(u8, u32)>,
    /// Task slug → the disclosures whose `task:` names it, in list order.
    pub evidence: BTreeMap<String, Vec<u32>>,
}

/// Indexes of `ListIndex::fronts`.
pub mod list {
    /// Plans.
    pub const PLANS: usize = 0;
    /// Tasks.
    pub const TASKS: usize = 1;
    /// Disclosures.
    pub const DISCLOSURES: usize = 2;
    /// Updates.
    pub const UPDATES: usize = 3;
    /// Pages.
    pub const PAGES: usize = 4;
}

impl ListIndex {
    fn of(m: &Model) -> ListIndex {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        let mut fronts: [Vec<u64>; 5] = Default::default();
        let mut fps: [Vec<u64>; 5] = Default::default();
        let metas: [Vec<&Meta>; 5] = [
            m.plans.iter().map(|x| &x.meta).collect(),
            m.tasks.iter().map(|x| &x.meta).collect(),
            m.disclosures.iter().map(|x| &x.meta).collect(),
            m.updates.iter().map(|x| &x.meta).collect(),
            m.pages.iter().map(|x| &x.meta).collect(),
        ];
        let mut bundles = Vec::new();
        for (k, list) in metas.iter().enumerate() {
            bundles.extend(
                list.iter()
                    .enumerate()
                    .filter(|(_, m)| m.bundle)
                    .map(|(i, _)| (k as u8, i as u32)),
            );
            fronts[k] = list.iter().map(|x| x.front_fp).collect();
            fps[k] = list.iter().map(|x| x.fp).collect();
            list.len().hash(&mut h);
            for x in list {
                x.slug.hash(&mut h);
            }
        }
        let mut categories: Vec<String> = Vec::new();
        let mut seen: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
        let disclosure_category = m
            .disclosures
            .iter()
            .map(|d| {
                *seen.entry(d.category.as_str()).or_insert_with(|| {
                    categories.push(d.category.clone());
                    (categories.len() - 1) as u32
                })
            })
            .collect();
        let with_attachments = (0..m.disclosures.len())
            .filter(|&i| !m.disclosures[i].attachments.is_empty())
            .map(|i| i as u32)
            .collect();
        let mut evidence: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (i, d) in m.disclosures.iter().enumerate() {
            if let Some(t) = &d.task {
                evidence.entry(t.clone()).or_default().push(i as u32);
            }
        }
        ListIndex {
            fronts,
            fps,
            shape: h.finish(),
            disclosure_category,
            categories,
            with_attachments,
            bundles,
            evidence,
        }
    }
}

impl Model {
    /// The translation into `lang` of the item of `section` with `slug` (`""` for home).
    pub fn translation(&self, lang: &str, section: Section, slug: &str) -> Option<&Arc<Translation>> {
        self.translations
            .iter()
            .find(|t| t.lang == lang && t.section == section && t.slug == slug)
    }
}

/// The links to the site of one file.
#[derive(Debug, Clone)]
pub struct DocLinks {
    /// The file's path relative to the root.
    pub rel: String,
    /// The page it makes, where relative links start.
    pub page: Place,
    /// The file's fingerprint: its links change only when it does.
    pub fp: u64,
    /// The links, in file order.
    pub links: Arc<Vec<SiteLink>>,
}

/// Which page a file makes: its section and slug, and the language of a translation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// The section of the page (of the original, for a translation).
    pub section: Section,
    /// Its slug (`""` for the home page).
    pub slug: String,
    /// `Some("en")` for a translation, published under `/en/`.
    pub lang: Option<&'static str>,
}

/// How to assemble: what today is and whether drafts are shown.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Today (overdue, scheduled).
    pub today: Date,
    /// Include `draft: true` files.
    pub drafts: bool,
}

#[derive(Debug, Clone)]
enum Item {
    Home(Arc<Home>),
    Plan(Arc<Plan>),
    Task(Arc<Task>),
    Disclosure(Arc<Disclosure>),
    Update(Arc<Update>),
    Page(Arc<Page>),
    Translation(Arc<Translation>),
}

impl Item {
    /// The item's page (`None` for a translation, whose page depends on its original).
    fn place(&self) -> Option<Place> {
        let (section, slug) = match self {
            Item::Home(_) => (Section::Home, ""),
            Item::Plan(p) => (Section::Plan, p.meta.slug.as_str()),
            Item::Task(t) => (Section::Task, t.meta.slug.as_str()),
            Item::Disclosure(d) => (Section::Disclosure, d.meta.slug.as_str()),
            Item::Update(u) => (Section::Update, u.meta.slug.as_str()),
            Item::Page(p) => (Section::Page, p.meta.slug.as_str()),
            Item::Translation(_) => return None,
        };
        Some(Place {
            section,
            slug: slug.to_string(),
            lang: None,
        })
    }

    /// Why the item is left out of the site, if it is: a draft, or dated after today.
    fn hidden(&self, settings: Settings) -> Option<&'static str> {
        let hidden = |draft: bool, date: Option<Date>| -> Option<&'static str> {
            if draft && !settings.drafts {
                Some("draft")
            } else if date.is_some_and(|d| d > settings.today) {
                Some("scheduled")
            } else {
                None
            }
        };
        match self {
            Item::Home(_) => None,
            Item::Plan(p) => hidden(p.meta.draft, None),
            Item::Task(t) => hidden(t.meta.draft, None),
            Item::Disclosure(d) => hidden(d.meta.draft, Some(d.published)),
            Item::Update(u) => hidden(u.meta.draft, Some(u.date)),
            Item::Page(p) => hidden(p.meta.draft, None),
            Item::Translation(t) => hidden(t.draft, None),
        }
    }

    /// True when `new` can take this item's place in the model without changing anything
    /// else in it: same kind, slug, place in its list (the keys `sort` orders by) and
    /// published attachments. Home and translations never can (others name them).
    fn same_place(&self, new: &Item) -> bool {
        match (self, new) {
            (Item::Plan(a), Item::Plan(b)) => a.meta.slug == b.meta.slug && a.issued == b.issued,
            (Item::Task(a), Item::Task(b)) => a.meta.slug == b.meta.slug && a.plan == b.plan && a.code == b.code,
            (Item::Disclosure(a), Item::Disclosure(b)) => {
                a.meta.slug == b.meta.slug
                    && a.published == b.published
                    && a.category == b.category
                    && a.task == b.task
                    && a.attachments.len() == b.attachments.len()
                    && a.attachments
                        .iter()
                        .zip(&b.attachments)
                        .all(|(x, y)| x.src == y.src && x.path == y.path)
            }
            (Item::Update(a), Item::Update(b)) => a.meta.slug == b.meta.slug && a.date == b.date,
            (Item::Page(a), Item::Page(b)) => a.meta.slug == b.meta.slug && a.weight == b.weight && a.title == b.title,
            _ => false,
        }
    }
}

/// What reading one file gives.
#[derive(Debug)]
struct ReadOut {
    /// The item, when the file has no errors.
    item: Option<Item>,
    /// Its errors and warnings.
    diags: Vec<Diagnostic>,
    /// Its links to the site (checked even when the file has errors, so that every problem
    /// is reported in one run).
    links: Arc<Vec<SiteLink>>,
    /// The page it makes, when the file alone tells it (not for translations).
    page: Option<Place>,
    /// The attachments of a disclosure that has errors (and so no item), still checked so
    /// that every problem of the file is reported in one run.
    attachments: Vec<Attachment>,
}

impl ReadOut {
    /// `item` unless `diags` hold an error.
    fn new(item: Option<Item>, diags: Vec<Diagnostic>, links: Vec<SiteLink>, page: Option<Place>) -> ReadOut {
        let failed = diags.iter().any(|d| d.severity == crate::diag::Severity::Error);
        ReadOut {
            item: if failed { None } else { item },
            diags,
            links: Arc::new(links),
            page,
            attachments: Vec::new(),
        }
    }

    /// A file that could not be read at all.
    fn unreadable(d: Diagnostic) -> ReadOut {
        ReadOut::new(None, vec![d], Vec::new(), None)
    }
}

/// Files already read, so that a rebuild after an edit reads only what changed.
///
/// An entry is reused when the file's path and text are the same and so are the inputs that
/// reading depends on (base_url, for links; today, for overdue).
#[derive(Debug, Default)]
pub struct ItemCache {
    key: Option<(String, Date, u64)>,
    entries: rustc_hash::FxHashMap<String, (u64, Arc<ReadOut>)>,
}

/// Looks up the size of an image named in a file's Markdown: `/x.png` in static/, `x.png`
/// beside the file.
fn image_sizes<'a>(
    doc: &'a SourceFile,
    assets: &'a BTreeMap<String, Asset>,
) -> impl Fn(&str) -> Option<(u32, u32)> + 'a {
    move |url: &str| {
        let path = url.split(['#', '?']).next().unwrap_or(url);
        if path.contains("://") || path.starts_with("//") || path.split('/').any(|p| p == "..") {
            return None;
        }
        let rel = match path.strip_prefix('/') {
            Some(p) => format!("static/{p}"),
            None => format!("{}/{}", doc.dir, path.trim_start_matches("./")),
        };
        assets.get(&rel).and_then(|a| a.dims)
    }
}

/// Builds the model from the source files; every problem in every file is reported.
pub fn assemble(cfg: &SiteConfig, src: &Sources, settings: Settings) -> (Model, Diagnostics) {
    assemble_cached(cfg, src, settings, &mut ItemCache::default())
}

/// As `assemble`, reusing (and refreshing) what `cache` holds of unchanged files.
pub fn assemble_cached(
    cfg: &SiteConfig,
    src: &Sources,
    settings: Settings,
    cache: &mut ItemCache,
) -> (Model, Diagnostics) {
    let images: Vec<(&String, (u32, u32))> = src.assets.iter().filter_map(|(k, a)| Some((k, a.dims?))).collect();
    let key = (
        cfg.base.absolute.clone(),
        settings.today,
        crate::fingerprint::of(&images),
    );
    if cache.key.as_ref() != Some(&key) {
        cache.entries.clear();
        cache.key = Some(key);
    }
    let results: Vec<(u64, Arc<ReadOut>)> = src
        .docs
        .par_iter()
        .map(|doc| {
            let fp = doc.fp;
            match cache.entries.get(&doc.rel) {
                Some((old, out)) if *old == fp => (fp, Arc::clone(out)),
                _ => (fp, Arc::new(read_item(cfg, doc, settings, fp, &src.assets))),
            }
        })
        .collect();
    for (doc, (fp, out)) in src.docs.iter().zip(&results) {
        if cache.entries.get(&doc.rel).is_none_or(|(old, _)| old != fp) {
            cache.entries.insert(doc.rel.clone(), (*fp, Arc::clone(out)));
        }
    }
    // Entries of files that are gone are harmless (a key is path and text) but take memory.
    if cache.entries.len() > src.docs.len() + 64 {
        let live: std::collections::HashSet<&str> = src.docs.iter().map(|d| d.rel.as_str()).collect();
        cache.entries.retain(|rel, _| live.contains(rel.as_str()));
    }
    let mut model = Model::default();
    let mut diags = Diagnostics::default();
    let mut translations: Vec<(&SourceFile, Arc<Translation>)> = Vec::new();
    for ((_, out), doc) in results.into_iter().zip(&src.docs) {
        let item = out.item.clone();
        let failed = item.is_none() && out.diags.iter().any(|d| d.severity == crate::diag::Severity::Error);
        for d in &out.diags {
            diags.push(d.clone());
        }
        let links = &out.links;
        let Some(item) = item else {
            if failed {
                model.broken.push((doc.section, slug::fold(&doc.stem)));
                if !out.attachments.is_empty() {
                    model
                        .broken_attachments
                        .push((doc.rel.clone(), out.attachments.clone()));
                }
                if let (Some(page), false) = (&out.page, links.is_empty()) {
                    model.links.push(DocLinks {
                        rel: doc.rel.clone(),
                        page: page.clone(),
                        fp: doc.fp,
                        links: Arc::clone(links),
                    });
                }
            }
            continue;
        };
        if let Some(why) = item.hidden(settings) {
            let slug = match &item {
                Item::Plan(p) => p.meta.slug.clone(),
                Item::Task(t) => t.meta.slug.clone(),
                Item::Disclosure(d) => d.meta.slug.clone(),
                Item::Update(u) => u.meta.slug.clone(),
                Item::Page(p) => p.meta.slug.clone(),
                Item::Home(_) | Item::Translation(_) => String::new(),
            };
            model.hidden.push((doc.section, slug, doc.rel.clone(), why));
            continue;
        }
        if !links.is_empty() {
            model.links.push(DocLinks {
                rel: doc.rel.clone(),
                // A translation's page is known once its original is (`attach_translations`).
                page: item.place().unwrap_or(Place {
                    section: doc.section,
                    slug: String::new(),
                    lang: doc.lang,
                }),
                fp: doc.fp,
                links: Arc::clone(links),
            });
        }
        match item {
            Item::Home(h) => model.home = Some(h),
            Item::Plan(p) => model.plans.push(p),
            Item::Task(t) => model.tasks.push(t),
            Item::Disclosure(d) => model.disclosures.push(d),
            Item::Update(u) => model.updates.push(u),
            Item::Page(p) => model.pages.push(p),
            Item::Translation(t) => translations.push((doc, t)),
        }
    }
    // Files that could not be read at all (not UTF-8, a direction control...) are broken too.
    for rel in src.problems.keys() {
        if let Some((section, stem)) = crate::source::identity(rel) {
            model.broken.push((section, slug::fold(&stem)));
        }
    }
    attach_translations(&mut model, src, translations, &mut diags);
    sort(&mut model);
    model.index = ListIndex::of(&model);
    (model, diags)
}

/// As `assemble_cached` after an edit of the Markdown files `changed` (paths relative to the
/// root, each one read before and still there, and nothing else changed), when the edit
/// moves nothing: each file gives an item of the same kind, slug, place in its list,
/// attachments, visibility and messages as before, and links or not as before. Then `model`,
/// the result of the last assembly with this `cache`, is patched in place, and this returns
/// true. Otherwise it returns false, leaving `model` and `cache` as they were: assemble again.
///
/// This spares an edit of one page's body (the most common edit) the walk over every file.
pub fn patch(
    cfg: &SiteConfig,
    src: &Sources,
    settings: Settings,
    cache: &mut ItemCache,
    model: &mut Model,
    changed: &[String],
) -> bool {
    if cache
        .key
        .as_ref()
        .is_none_or(|(base, today, _)| *base != cfg.base.absolute || *today != settings.today)
    {
        return false;
    }
    /// A file to swap in: path, fingerprint, what it reads as now, where its item is in its
    /// list, where its links are.
    type Swap = (String, u64, Arc<ReadOut>, usize, Option<usize>);
    let mut swaps: Vec<Swap> = Vec::new();
    for rel in changed {
        let at = src.docs.partition_point(|d| d.rel < *rel);
        let Some(doc) = src.docs.get(at).filter(|d| d.rel == *rel) else {
            return false;
        };
        let Some((old_fp, old)) = cache.entries.get(rel) else {
            return false;
        };
        if *old_fp == doc.fp || swaps.iter().any(|s| s.0 == *rel) {
            continue;
        }
        let new = read_item(cfg, doc, settings, doc.fp, &src.assets);
        let (Some(a), Some(b)) = (&old.item, &new.item) else {
            return false;
        };
        let fits = a.same_place(b)
            && a.hidden(settings).is_none()
            && b.hidden(settings).is_none()
            && old.diags == new.diags
            && old.links.is_empty() == new.links.is_empty();
        let Some(slot) = fits.then(|| slot_of(model, a)).flatten() else {
            return false;
        };
        let links = if old.links.is_empty() {
            None
        } else {
            match model.links.iter().position(|l| l.rel == *rel && l.fp == *old_fp) {
                Some(i) => Some(i),
                None => return false,
            }
        };
        swaps.push((rel.clone(), doc.fp, Arc::new(new), slot, links));
    }
    for (rel, fp, out, slot, links) in swaps {
        let meta = match &out.item {
            Some(Item::Plan(x)) => {
                model.plans[slot] = Arc::clone(x);
                Some((list::PLANS, &x.meta))
            }
            Some(Item::Task(x)) => {
                model.tasks[slot] = Arc::clone(x);
                Some((list::TASKS, &x.meta))
            }
            Some(Item::Disclosure(x)) => {
                model.disclosures[slot] = Arc::clone(x);
                Some((list::DISCLOSURES, &x.meta))
            }
            Some(Item::Update(x)) => {
                model.updates[slot] = Arc::clone(x);
                Some((list::UPDATES, &x.meta))
            }
            Some(Item::Page(x)) => {
                model.pages[slot] = Arc::clone(x);
                Some((list::PAGES, &x.meta))
            }
            _ => None,
        };
        if let Some((k, meta)) = meta {
            model.index.fronts[k][slot] = meta.front_fp;
            model.index.fps[k][slot] = meta.fp;
        }
        if let Some(i) = links {
            model.links[i].fp = fp;
            model.links[i].links = Arc::clone(&out.links);
        }
        cache.entries.insert(rel, (fp, out));
    }
    debug_assert_eq!(model.index, ListIndex::of(model), "the patched list index is stale");
    true
}

/// Where `item` is in its list of the model (found by pointer: the model holds the very
/// items the cache does).
fn slot_of(model: &Model, item: &Item) -> Option<usize> {
    fn find<T>(list: &[Arc<T>], x: &Arc<T>) -> Option<usize> {
        list.iter().position(|y| Arc::ptr_eq(x, y))
    }
    match item {
        Item::Plan(x) => find(&model.plans, x),
        Item::Task(x) => find(&model.tasks, x),
        Item::Disclosure(x) => find(&model.disclosures, x),
        Item::Update(x) => find(&model.updates, x),
        Item::Page(x) => find(&model.pages, x),
        Item::Home(_) | Item::Translation(_) => None,
    }
}

/// Gives each translation the slug of its original; a translation whose original does not
/// exist is an error, one whose original is not published (draft, broken) is left out.
fn attach_translations(
    model: &mut Model,
    src: &Sources,
    translations: Vec<(&SourceFile, Arc<Translation>)>,
    diags: &mut Diagnostics,
) {
    if translations.is_empty() {
        model.translations = Vec::new();
        return;
    }
    // Only the originals that translations name are looked up.
    let wanted: rustc_hash::FxHashSet<&str> = translations.iter().map(|(_, t)| t.original.as_str()).collect();
    let mut published: rustc_hash::FxHashMap<&str, &str> = rustc_hash::FxHashMap::default();
    if let Some(h) = &model.home {
        published.insert(h.rel.as_str(), "");
    }
    let metas = model
        .plans
        .iter()
        .map(|p| &p.meta)
        .chain(model.tasks.iter().map(|t| &t.meta))
        .chain(model.disclosures.iter().map(|d| &d.meta))
        .chain(model.updates.iter().map(|u| &u.meta))
        .chain(model.pages.iter().map(|p| &p.meta));
    for m in metas.filter(|m| wanted.contains(m.rel.as_str())) {
        published.insert(m.rel.as_str(), m.slug.as_str());
    }
    let mut out = Vec::new();
    for (doc, t) in translations {
        match published.get(t.original.as_str()) {
            Some(slug) => {
                let mut t = (*t).clone();
                t.slug = slug.to_string();
                out.push(Arc::new(t));
            }
            None if src.docs.iter().any(|d| d.rel == t.original) => {}
            None => diags.push(Diagnostic::error(
                doc.rel.clone(),
                1,
                1,
                format!(
                    "`{}` is a translation of `{}`, which does not exist: a translation `name.{}.md` goes beside its Vietnamese original `name.md`",
                    doc.rel, t.original, t.lang
                ),
            )),
        }
    }
    out.sort_by(|a, b| (a.lang, a.section, &a.slug).cmp(&(b.lang, b.section, &b.slug)));
    // Relative links in a translation start from its own page, under `/<lang>/`.
    for doc in &mut model.links {
        if let Some(t) = out.iter().find(|t| t.rel == doc.rel) {
            doc.page.slug = t.slug.clone();
        }
    }
    model.translations = out;
}

/// The folder of a page's output (`tasks/a/`, or `a/` for a free page).
pub fn page_path(section: &str, slug: &str) -> String {
    if section.is_empty() {
        format!("{slug}/")
    } else {
        format!("{section}/{slug}/")
    }
}

fn sort(m: &mut Model) {
    // Keys are unique (slugs are, within a section), so unstable sorts are deterministic.
    m.plans
        .sort_unstable_by(|a, b| b.issued.cmp(&a.issued).then_with(|| a.meta.slug.cmp(&b.meta.slug)));
    // The code key is computed once per task, not once per comparison.
    m.tasks
        .sort_by_cached_key(|t| (t.plan.clone(), code_key(&t.code), t.meta.slug.clone()));
    m.disclosures.sort_unstable_by(|a, b| {
        b.published
            .cmp(&a.published)
            .then_with(|| a.meta.slug.cmp(&b.meta.slug))
    });
    m.updates
        .sort_unstable_by(|a, b| b.date.cmp(&a.date).then_with(|| a.meta.slug.cmp(&b.meta.slug)));
    m.pages.sort_by(|a, b| {
        a.weight
            .unwrap_or(i64::MAX)
            .cmp(&b.weight.unwrap_or(i64::MAX))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.meta.slug.cmp(&b.meta.slug))
    });
}

/// Sort key for task codes: "1.10" after "1.9", tasks without a code last.
fn code_key(code: &Option<String>) -> (bool, Vec<u64>, String) {
    match code {
        None => (true, Vec::new(), String::new()),
        Some(c) => (
            false,
            c.split(['.', '-'])
                .map(|p| p.trim().parse::<u64>().unwrap_or(u64::MAX))
                .collect(),
            c.clone(),
        ),
    }
}

const COMMON: &str = "title, slug, draft";

/// A file's front matter fence split and its YAML read as a map of fields.
fn front_matter(doc: &SourceFile) -> Result<(frontmatter::Split<'_>, Map<String, Value>), Diagnostic> {
    let rel = doc.rel.as_str();
    let split = frontmatter::split(&doc.text, rel)?;
    if split.yaml.trim().is_empty() {
        return Ok((split, Map::new()));
    }
    match yaml::parse_tree(split.yaml, rel, split.yaml_line)? {
        Value::Object(m) => Ok((split, m)),
        Value::Null => Ok((split, Map::new())),
        _ => Err(Diagnostic::error(
            rel,
            split.yaml_line,
            1,
            "front matter must be fields written `name: value`, one per line",
        )),
    }
}

fn read_item(
    cfg: &SiteConfig,
    doc: &SourceFile,
    settings: Settings,
    fp: u64,
    assets: &BTreeMap<String, Asset>,
) -> ReadOut {
    let sizes = image_sizes(doc, assets);
    let rel = doc.rel.as_str();
    if let Some(lang) = doc.lang {
        return read_translation(cfg, doc, lang, fp, assets);
    }
    if doc.section == Section::Home && !doc.text.starts_with("---") {
        let h = markdown::render_with(&doc.text, 1, &cfg.base, &sizes);
        let diags = body_diags(rel, &h.problems);
        let item = Item::Home(Arc::new(Home {
            rel: rel.to_string(),
            title: None,
            html: Arc::from(h.html),
            updated: None,
        }));
        let item = Some(item);
        let home = Place {
            section: Section::Home,
            slug: String::new(),
            lang: None,
        };
        return ReadOut::new(item, diags, h.links, Some(home));
    }
    let (split, map) = match front_matter(doc) {
        Ok(parts) => parts,
        Err(d) => return ReadOut::unreadable(d),
    };
    let pos = Positions::index(split.yaml, split.yaml_line);
    let mut f = Fields::new(map, &pos, rel);
    let body = markdown::render_with(split.body, split.body_line, &cfg.base, &sizes);
    let links = body.links;
    let problems = body_diags(rel, &body.problems);

    let title = if doc.section == Section::Home {
        f.text("title")
    } else {
        f.req_text("title", "the item's title, e.g. `title: \"Kết quả xét tuyển Đợt 1\"`")
    };
    let draft = f.boolean("draft").unwrap_or(false);
    let updated = f.date("updated");
    let slug_given = f.text("slug");
    let (slug, slug_line) = match &slug_given {
        Some(s) => (slug::fold(s), pos.line_of("slug")),
        None => (slug::fold(&doc.stem), 1),
    };
    if doc.section != Section::Home {
        if let Some(problem) = slug::problem(&slug, slug_given.as_deref(), &doc.stem) {
            f.error(slug_line, problem);
        }
    }
    let page = (doc.section == Section::Home || (!slug.is_empty() && slug.len() <= slug::MAX_LEN)).then(|| Place {
        section: doc.section,
        slug: slug.clone(),
        lang: None,
    });
    let meta = Meta {
        rel: rel.to_string(),
        slug,
        slug_line,
        pos: pos.clone(),
        draft,
        html: Arc::from(body.html),
        text: Arc::from(body.text),
        fp,
        front_fp: crate::fingerprint::of(&(rel, split.yaml)),
        dir: doc.dir.clone(),
        bundle: doc.bundle,
        updated,
    };
    let mut attachments = Vec::new();
    let item = match doc.section {
        Section::Home => {
            let mut diags = f.finish(COMMON);
            diags.extend(problems);
            let home = Item::Home(Arc::new(Home {
                rel: rel.to_string(),
                title,
                html: meta.html,
                updated: meta.updated,
            }));
            return ReadOut::new(Some(home), diags, links, page);
        }
        Section::Plan => read_plan(&mut f, meta, title).map(|p| Item::Plan(Arc::new(p))),
        Section::Task => read_task(&mut f, meta, title, settings).map(|t| Item::Task(Arc::new(t))),
        Section::Disclosure => {
            read_disclosure(&mut f, meta, title, &mut attachments).map(|d| Item::Disclosure(Arc::new(d)))
        }
        Section::Update => read_update(&mut f, meta, title).map(|u| Item::Update(Arc::new(u))),
        Section::Page => {
            let weight = f.int("weight");
            title.map(|title| Item::Page(Arc::new(Page { meta, title, weight })))
        }
    };
    let mut diags = f.finish(known_fields(doc.section));
    diags.extend(problems);
    let mut out = ReadOut::new(item, diags, links, page);
    if out.item.is_none() {
        out.attachments = attachments;
    }
    out
}

/// A body's problems as diagnostics of the file `rel`.
fn body_diags(rel: &str, problems: &[markdown::Problem]) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|p| Diagnostic {
            path: rel.to_string(),
            line: p.line,
            col: p.col,
            severity: p.severity,
            message: p.message.clone(),
        })
        .collect()
}

/// The front matter fields of a section, for the "unknown field" warning.
fn known_fields(section: Section) -> &'static str {
    match section {
        Section::Plan => {
            "title, number, doc_type, issuer, issued, signer, signer_title, year, based_on, slug, draft, updated"
        }
        Section::Task => {
            "title, plan, code, dimension, lead, partners, partners_text, schedule, status, progress, updates, slug, draft, updated"
        }
        Section::Disclosure => {
            "title, category, published, number, doc_type, issuer, issued, signer, task, attachments, revisions, expires, tags, slug, draft, updated"
        }
        Section::Update => "title, date, summary, tasks, tags, slug, draft, updated",
        Section::Home => "title, slug, draft, updated",
        Section::Page => "title, weight, slug, draft, updated",
    }
}

/// Reads a translation: its title, body, `updated` and `draft`. The original's other fields
/// may be copied into it (they are accepted and ignored).
fn read_translation(
    cfg: &SiteConfig,
    doc: &SourceFile,
    lang: &'static str,
    fp: u64,
    assets: &BTreeMap<String, Asset>,
) -> ReadOut {
    let sizes = image_sizes(doc, assets);
    let rel = doc.rel.as_str();
    let original = doc.original().unwrap_or_default();
    let make = |title, html, updated, draft| Translation {
        lang,
        section: doc.section,
        rel: rel.to_string(),
        original: original.clone(),
        slug: String::new(),
        title,
        html,
        updated,
        draft,
        fp,
    };
    if doc.section == Section::Home && !doc.text.starts_with("---") {
        let h = markdown::render_with(&doc.text, 1, &cfg.base, &sizes);
        let diags = body_diags(rel, &h.problems);
        let item = Item::Translation(Arc::new(make(None, Arc::from(h.html), None, false)));
        return ReadOut::new(Some(item), diags, h.links, None);
    }
    let (split, map) = match front_matter(doc) {
        Ok(parts) => parts,
        Err(d) => return ReadOut::unreadable(d),
    };
    let pos = Positions::index(split.yaml, split.yaml_line);
    let mut f = Fields::new(map, &pos, rel);
    let body = markdown::render_with(split.body, split.body_line, &cfg.base, &sizes);
    let title = if doc.section == Section::Home {
        f.text("title")
    } else {
        f.req_text("title", "the translated title, e.g. `title: \"Contact us\"`")
    };
    let updated = f.date("updated");
    let draft = f.boolean("draft").unwrap_or(false);
    // Facts other than the title come from the original: mark them read.
    let known = known_fields(doc.section);
    for k in known.split(", ") {
        let _ = f.value(k);
    }
    let mut diags = f.finish(known);
    diags.extend(body_diags(rel, &body.problems));
    let item = Item::Translation(Arc::new(make(title, Arc::from(body.html), updated, draft)));
    ReadOut::new(Some(item), diags, body.links, None)
}

fn read_plan(f: &mut Fields<'_>, meta: Meta, title: Option<String>) -> Option<Plan> {
    let number = f.text("number");
    let doc_type = f.text("doc_type");
    let issuer = f.text("issuer");
    let issued = f.req_date(
        "issued",
        "the date the plan was issued (ngày ban hành), e.g. `issued: 2025-04-08`",
    );
    let signer = f.text("signer");
    let signer_title = f.text("signer_title");
    let year = f.int("year");
    let based_on = f.text_list("based_on");
    Some(Plan {
        meta,
        title: title?,
        number,
        doc_type,
        issuer,
        issued: issued?,
        signer,
        signer_title,
        year,
        based_on,
    })
}

fn read_progress(f: &mut Fields<'_>, v: Option<Value>, line: usize, key: &str) -> Option<u8> {
    let v = v?;
    let n = match &v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().trim_end_matches('%').trim().parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if (0.0..=100.0).contains(&n) => Some(n.round() as u8),
        _ => {
            f.error(
                line,
                format!(
                    "`{key}` must be a number from 0 to 100 (percent done), found {}",
                    fields::scalar_text(&v).unwrap_or_else(|| "a list or map".into())
                ),
            );
            None
        }
    }
}

fn read_task(f: &mut Fields<'_>, meta: Meta, title: Option<String>, settings: Settings) -> Option<Task> {
    let plan = f.req_text(
        "plan",
        "the slug of the plan this task belongs to, e.g. `plan: ke-hoach-326-kh-vpubnd`",
    );
    let code = f.text("code");
    let dimension = f.req_text("dimension", "the id of a dimension in data/dimensions.yaml");
    let lead = f.req_text("lead", "the id of the lead unit (đơn vị chủ trì) in data/units.yaml");
    let partners = f.text_list("partners");
    let partners_text = f.text("partners_text");
    let schedule_line = f.pos.line_of("schedule");
    let schedule = match f.value("schedule") {
        None => {
            f.missing("schedule", "`ongoing` (thường xuyên), `on-request` (khi có đề nghị), or dates `{start: YYYY-MM-DD, due: YYYY-MM-DD}`");
            None
        }
        Some(Value::String(s)) => match slug::fold(&s).as_str() {
            "ongoing" | "thuong-xuyen" => Some(Schedule::Ongoing),
            "on-request" | "khi-co-de-nghi" => Some(Schedule::OnRequest),
            _ => {
                f.error(schedule_line, format!("unknown schedule `{s}`: expected `ongoing`, `on-request` or dates `{{start: YYYY-MM-DD, due: YYYY-MM-DD}}`"));
                None
            }
        },
        Some(Value::Object(m)) => {
            let mut bad = false;
            let mut get = |k: &str| -> Option<Date> {
                let v = m.get(k)?;
                let s = fields::scalar_text(v).unwrap_or_default();
                match crate::date::parse(&s) {
                    Ok(d) => Some(d),
                    Err(msg) => {
                        f.error(schedule_line, format!("`schedule.{k}`: {msg}"));
                        bad = true;
                        None
                    }
                }
            };
            let start = get("start");
            let due = get("due");
            for k in m.keys() {
                if k != "start" && k != "due" {
                    f.error(
                        schedule_line,
                        format!("unknown field `schedule.{k}`: a dated schedule has `start` and `due`"),
                    );
                    bad = true;
                }
            }
            if !bad && start.is_none() && due.is_none() {
                f.error(
                    schedule_line,
                    "a dated schedule needs `due` (and may have `start`), e.g. `{start: 2025-05-01, due: 2025-09-30}`",
                );
                bad = true;
            }
            if let (Some(s), Some(d)) = (start, due) {
                // Likely a typo, but the dates are real and the task can still be shown, so it is
                // a warning: the due date is what makes a task overdue.
                if d < s {
                    f.diags.push(Diagnostic::warning(
                        f.rel,
                        schedule_line,
                        1,
                        format!("`schedule.due` ({d}) is before `schedule.start` ({s}): check the dates"),
                    ));
                }
            }
            if bad {
                None
            } else {
                Some(Schedule::Dated { start, due })
            }
        }
        Some(_) => {
            f.error(
                schedule_line,
                "`schedule` must be `ongoing`, `on-request` or dates `{start: YYYY-MM-DD, due: YYYY-MM-DD}`",
            );
            None
        }
    };
    let status_line = f.pos.line_of("status");
    let status = match f.text("status") {
        None => None,
        Some(s) => match Status::parse(&s) {
            Some(st) => Some(st),
            None => {
                f.error(
                    status_line,
                    format!("unknown status `{s}`: expected one of not-started, in-progress, done, paused"),
                );
                None
            }
        },
    };
    let progress_line = f.pos.line_of("progress");
    let progress_value = f.value("progress");
    let progress = read_progress(f, progress_value, progress_line, "progress");
    let mut updates = Vec::new();
    for (line, m) in f.map_list("updates", None) {
        let date = match m.get("date").and_then(fields::scalar_text) {
            None => {
                f.error(line, "each update needs `date: YYYY-MM-DD`");
                None
            }
            Some(s) => match crate::date::parse(&s) {
                Ok(d) => Some(d),
                Err(msg) => {
                    f.error(line, format!("update `date`: {msg}"));
                    None
                }
            },
        };
        let text = m
            .get("text")
            .and_then(fields::scalar_text)
            .filter(|t| !t.trim().is_empty());
        if text.is_none() {
            f.error(line, "each update needs `text:` saying what was done");
        }
        let progress = read_progress(f, m.get("progress").cloned(), line, "progress");
        let status = match m.get("status").and_then(fields::scalar_text) {
            None => None,
            Some(s) => {
                let st = Status::parse(&s);
                if st.is_none() {
                    f.error(
                        line,
                        format!("unknown status `{s}`: expected one of not-started, in-progress, done, paused"),
                    );
                }
                st
            }
        };
        f.sub_keys(line, &m, "update", &["date", "text", "progress", "status"]);
        if let (Some(date), Some(text)) = (date, text) {
            updates.push(TaskUpdate {
                date,
                text,
                progress,
                status,
            });
        }
    }
    // Newest first; for one day, the later item in the file is the newer.
    let mut indexed: Vec<(usize, TaskUpdate)> = updates.into_iter().enumerate().collect();
    indexed.sort_by(|(ia, a), (ib, b)| b.date.cmp(&a.date).then(ib.cmp(ia)));
    let updates: Vec<TaskUpdate> = indexed.into_iter().map(|(_, u)| u).collect();
    let status = status
        .or_else(|| updates.iter().find_map(|u| u.status))
        .unwrap_or(Status::NotStarted);
    let progress = progress
        .or_else(|| updates.iter().find_map(|u| u.progress))
        .unwrap_or(if status == Status::Done { 100 } else { 0 });
    let schedule = schedule?;
    let overdue = is_overdue(&schedule, status, settings.today);
    Some(Task {
        meta,
        title: title?,
        plan: plan?,
        code,
        dimension: dimension?,
        lead: lead?,
        partners,
        partners_text,
        schedule,
        status,
        progress,
        updates,
        overdue,
    })
}

/// A task is overdue when its due date has passed and it is not done.
pub fn is_overdue(schedule: &Schedule, status: Status, today: Date) -> bool {
    status != Status::Done && schedule.due().is_some_and(|due| due < today)
}

/// Reads a disclosure; its attachments go to `attachments` (and into the disclosure when it
/// has no errors).
fn read_disclosure(
    f: &mut Fields<'_>,
    meta: Meta,
    title: Option<String>,
    attachments: &mut Vec<Attachment>,
) -> Option<Disclosure> {
    let category = f.req_text("category", "the id of a category in data/categories.yaml");
    let published = f.req_date(
        "published",
        "the date it was made public (ngày công khai), e.g. `published: 2025-06-30`",
    );
    let number = f.text("number");
    let doc_type = f.text("doc_type");
    let issuer = f.text("issuer");
    let issued = f.date("issued");
    let signer = f.text("signer");
    let task = f.text("task");
    let expires = f.date("expires");
    let tags = f.text_list("tags");
    for (line, m) in f.map_list("attachments", Some("file")) {
        f.sub_keys(line, &m, "attachment", &["file", "title"]);
        let Some(file) = m
            .get("file")
            .and_then(fields::scalar_text)
            .filter(|s| !s.trim().is_empty())
        else {
            f.error(
                line,
                "each attachment needs `file:` (a path beside this file, or starting with `/` for static/)",
            );
            continue;
        };
        let file = file.trim().to_string();
        let title = match m.get("title") {
            None | Some(serde_json::Value::Null) => None,
            Some(v) => match fields::scalar_text(v) {
                Some(t) => Some(t),
                None => {
                    f.error(line, "an attachment's `title` must be a single text value");
                    None
                }
            },
        };
        let title = title.unwrap_or_else(|| file.rsplit('/').next().unwrap_or(&file).to_string());
        match resolve_attachment(&file, &meta) {
            Ok((src, path)) => attachments.push(Attachment {
                file,
                title,
                src,
                path,
                line,
            }),
            Err(msg) => f.error(line, msg),
        }
    }
    let mut revisions = Vec::new();
    for (line, m) in f.map_list("revisions", None) {
        f.sub_keys(line, &m, "revision", &["date", "note"]);
        let date = m
            .get("date")
            .and_then(fields::scalar_text)
            .map(|s| crate::date::parse(&s));
        let note = m
            .get("note")
            .and_then(fields::scalar_text)
            .filter(|t| !t.trim().is_empty());
        match (date, note) {
            (Some(Ok(date)), Some(note)) => revisions.push(Revision { date, note }),
            (Some(Err(msg)), _) => f.error(line, format!("revision `date`: {msg}")),
            (None, _) => f.error(
                line,
                "each revision needs `date: YYYY-MM-DD` and `note:` saying what changed",
            ),
            (_, None) => f.error(line, "each revision needs `note:` saying what changed"),
        }
    }
    revisions.sort_by_key(|r| std::cmp::Reverse(r.date));
    Some(Disclosure {
        meta,
        title: title?,
        category: category?,
        published: published?,
        number,
        doc_type,
        issuer,
        issued,
        signer,
        task,
        attachments: attachments.clone(),
        revisions,
        expires,
        tags,
    })
}

/// Attachment path → (source path from the root, the path cleaned). Paths that could leave the
/// site (`..`, absolute, drive letters, backslashes) are refused.
fn resolve_attachment(file: &str, meta: &Meta) -> Result<(String, String), String> {
    let escape = || {
        format!(
            "attachment `{file}` must stay inside the site: use a path beside the content file (`bao-cao.pdf`) or under static/ (`/files/bao-cao.pdf`), without `..`"
        )
    };
    if file.contains('\\') || file.starts_with("//") || file.contains(':') || file.contains('\0') {
        return Err(escape());
    }
    let mut parts = Vec::new();
    for part in file.trim_start_matches('/').split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(escape()),
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err(escape());
    }
    let joined = parts.join("/");
    if file.starts_with('/') {
        Ok((format!("static/{joined}"), joined))
    } else {
        Ok((format!("{}/{joined}", meta.dir), joined))
    }
}

fn read_update(f: &mut Fields<'_>, meta: Meta, title: Option<String>) -> Option<Update> {
    let date = f.req_date("date", "the date of the update, e.g. `date: 2025-06-30`");
    let summary = f.text("summary");
    let tasks = f.text_list("tasks");
    let tags = f.text_list("tags");
    Some(Update {
        meta,
        title: title?,
        date: date?,
        summary,
        tasks,
        tags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::date::parse(s).unwrap()
    }

    #[test]
    fn overdue_table() {
        let dated = |due: &str| Schedule::Dated {
            start: None,
            due: Some(d(due)),
        };
        let today = d("2025-10-01");
        for (schedule, status, want) in [
            (dated("2025-09-30"), Status::InProgress, true),
            (dated("2025-09-30"), Status::NotStarted, true),
            (dated("2025-09-30"), Status::Paused, true),
            (dated("2025-09-30"), Status::Done, false),
            (dated("2025-10-01"), Status::InProgress, false),
            (dated("2025-10-02"), Status::InProgress, false),
            (Schedule::Ongoing, Status::InProgress, false),
            (Schedule::OnRequest, Status::NotStarted, false),
        ] {
            assert_eq!(is_overdue(&schedule, status, today), want, "{schedule:?} {status:?}");
        }
    }

    #[test]
    fn task_codes_sort_numerically() {
        let mut codes = vec![
            Some("1.10".to_string()),
            None,
            Some("2".to_string()),
            Some("1.9".to_string()),
        ];
        codes.sort_by_key(code_key);
        assert_eq!(
            codes,
            vec![Some("1.9".into()), Some("1.10".into()), Some("2".into()), None]
        );
    }

    #[test]
    fn attachments_cannot_escape() {
        let meta = Meta {
            rel: "content/disclosures/2025/a/index.md".into(),
            slug: "a".into(),
            slug_line: 1,
            pos: Positions::default(),
            draft: false,
            html: Arc::from(""),
            text: Arc::from(""),
            fp: 0,
            front_fp: 0,
            dir: "content/disclosures/2025/a".into(),
            bundle: true,
            updated: None,
        };
        assert_eq!(
            resolve_attachment("ds.csv", &meta).unwrap(),
            ("content/disclosures/2025/a/ds.csv".into(), "ds.csv".into())
        );
        assert_eq!(
            resolve_attachment("/files/x.pdf", &meta).unwrap(),
            ("static/files/x.pdf".into(), "files/x.pdf".into())
        );
        for bad in [
            "../x.pdf",
            "/../../etc/passwd",
            "a/../../b",
            "C:/x",
            "\\\\server\\x",
            "//host/x",
            "/",
        ] {
            assert!(resolve_attachment(bad, &meta).is_err(), "{bad}");
        }
    }
}
