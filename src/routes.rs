//! The site's addresses: every URL pattern, and the list of pages a model makes (its jobs).
//!
//! Paths here are site paths: relative to base_url, `/`-separated, a page's folder ending with
//! `/` (`tasks/a/`) and its file with `index.html`. Validation checks links against them,
//! rendering writes pages at them, the feed, sitemap, search and open data link to them.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::SiteConfig;
use crate::data::Registry;
use crate::layout::Section;
use crate::model::{Attachment, Model, Status, Translation};

mod paged;
pub use paged::{Paged, PagedLists};

/// The folder of an item's page: `plans/a/`, `tasks/a/`, `disclosures/a/`, `updates/a/`, a free
/// page's `a/`, and `""` for the home page.
pub fn item(section: Section, slug: &str) -> String {
    match section {
        Section::Home => String::new(),
        Section::Page => format!("{slug}/"),
        Section::Plan => format!("plans/{slug}/"),
        Section::Task => format!("tasks/{slug}/"),
        Section::Disclosure => format!("disclosures/{slug}/"),
        Section::Update => format!("updates/{slug}/"),
    }
}

/// The page of a unit.
pub fn unit(id: &str) -> String {
    format!("units/{id}/")
}

/// The page of a PAPI dimension.
pub fn dimension(id: &str) -> String {
    format!("dimensions/{id}/")
}

/// The page of a disclosure category.
pub fn category(id: &str) -> String {
    format!("categories/{id}/")
}

/// The Atom feed of a disclosure category: its disclosures.
pub fn category_feed(id: &str) -> String {
    format!("{}feed.xml", category(id))
}

/// The Atom feed of a task: the updates that name it and its evidence.
pub fn task_feed(slug: &str) -> String {
    format!("{}feed.xml", item(Section::Task, slug))
}

/// What a feed of one topic is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// The category at this index of `data/categories.yaml`.
    Category(usize),
    /// The task at this index of `model.tasks`.
    Task(usize),
}

/// Every feed of one topic with its path: each category of the data file, then each task.
pub fn topic_feeds(model: &Model, reg: &Registry) -> Vec<(String, Topic)> {
    let categories = reg.categories.items.iter().enumerate();
    let categories = categories.filter_map(|(i, c)| Some((category_feed(c.id.as_deref()?), Topic::Category(i))));
    let tasks = model.tasks.iter().enumerate();
    categories
        .chain(tasks.map(|(i, t)| (task_feed(&t.meta.slug), Topic::Task(i))))
        .collect()
}

/// Page `n` of the page that lists every feed: `subscribe/`, `subscribe/page/2/`.
pub fn subscribe(n: usize) -> String {
    if n <= 1 {
        SUBSCRIBE.to_string()
    } else {
        format!("{SUBSCRIBE}page/{n}/")
    }
}

/// A page's folder as it is under `/<lang>/` (`en/tasks/a/`).
pub fn translated(lang: &str, path: &str) -> String {
    format!("{lang}/{path}")
}

/// The file of a page folder (`tasks/a/` → `tasks/a/index.html`).
pub fn html(folder: &str) -> String {
    format!("{folder}index.html")
}

/// Where an attachment of the disclosure `slug` is published: beside the page for a file
/// beside the content file, at its own path for a file of `static/`.
pub fn attachment(slug: &str, a: &Attachment) -> String {
    match a.src.strip_prefix("static/") {
        Some(path) => path.to_string(),
        None => format!("{}{}", item(Section::Disclosure, slug), a.path),
    }
}

/// Generated files that are not HTML pages: the feed, the sitemap, the open data and what
/// describes it (`crate::datadict`: JSON Schemas, CSVW metadata, the DCAT catalog).
pub const MACHINE_FILES: [&str; 20] = [
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "data/tasks.json",
    "data/tasks.csv",
    "data/disclosures.json",
    "data/disclosures.csv",
    "data/units.csv",
    "data/disclosure-list.json",
    "data/disclosure-list.csv",
    "data/compliance.json",
    "data/tasks.schema.json",
    "data/tasks.csv-metadata.json",
    "data/disclosures.schema.json",
    "data/disclosures.csv-metadata.json",
    "data/disclosure-list.schema.json",
    "data/disclosure-list.csv-metadata.json",
    "data/units.csv-metadata.json",
    "data/compliance.schema.json",
    "data/catalog.jsonld",
];

/// The open-data page: each data file with its fields, size, formats and licence.
pub const OPEN_DATA: &str = crate::datadict::DIR;

/// What the office still owes (`crate::compliance`).
pub const COMPLIANCE: &str = "compliance/";

/// The access-to-information section (chuyên mục tiếp cận thông tin).
pub const ACCESS: &str = "access-to-information/";

/// The legal list of the information disclosed (danh mục thông tin phải được công khai).
pub const DISCLOSURE_LIST: &str = "disclosure-list/";

/// Public consultations (lấy ý kiến), paginated.
pub const CONSULTATIONS: &str = "consultations/";

/// Page `n` of the consultations: `consultations/`, `consultations/page/2/`.
pub fn consultations(n: usize) -> String {
    if n <= 1 {
        CONSULTATIONS.to_string()
    } else {
        format!("{CONSULTATIONS}page/{n}/")
    }
}
/// The page that lists every feed (its task feeds paginated: `subscribe`).
pub const SUBSCRIBE: &str = "subscribe/";

/// The folder of the search index (all of it is generated).
pub const SEARCH: &str = "search/";

/// The lists of items, each paginated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// `plans/`.
    Plans,
    /// `tasks/`.
    Tasks,
    /// `disclosures/`.
    Disclosures,
    /// `updates/`.
    Updates,
}

impl ListKind {
    /// Every list.
    pub const ALL: [ListKind; 4] = [
        ListKind::Plans,
        ListKind::Tasks,
        ListKind::Disclosures,
        ListKind::Updates,
    ];

    /// The list's folder.
    pub fn folder(self) -> &'static str {
        match self {
            ListKind::Plans => "plans",
            ListKind::Tasks => "tasks",
            ListKind::Disclosures => "disclosures",
            ListKind::Updates => "updates",
        }
    }

    /// How many items the list has.
    pub fn len(self, model: &Model) -> usize {
        match self {
            ListKind::Plans => model.plans.len(),
            ListKind::Tasks => model.tasks.len(),
            ListKind::Disclosures => model.disclosures.len(),
            ListKind::Updates => model.updates.len(),
        }
    }
}

/// Page `n` of a list: `tasks/`, `tasks/page/2/`.
pub fn list(kind: ListKind, n: usize) -> String {
    if n <= 1 {
        format!("{}/", kind.folder())
    } else {
        format!("{}/page/{n}/", kind.folder())
    }
}

/// How many pages `items` take at `per_page` a page (one at least: an empty list has a page).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The items of page `n` at `per_page` a page, of a list of `len`.
pub fn page_range(n: usize, per_page: usize, len: usize) -> std::ops::Range<usize> {
    ((n - 1) * per_page).min(len)..(n * per_page).min(len)
}

/// A narrowing of the task list, published as static pages under `tasks/<kind>/<value>/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskFilter {
    /// Tasks with this status.
    Status(Status),
    /// Overdue tasks (`tasks/status/overdue/`).
    Overdue,
    /// Tasks led by the unit at this index of `data/units.yaml`.
    Unit(usize),
    /// Tasks of the dimension at this index of `data/dimensions.yaml`.
    Dimension(usize),
}

impl TaskFilter {
    /// `status`, `unit` or `dimension`: the second part of the path.
    pub fn kind(self) -> &'static str {
        match self {
            TaskFilter::Status(_) | TaskFilter::Overdue => "status",
            TaskFilter::Unit(_) => "unit",
            TaskFilter::Dimension(_) => "dimension",
        }
    }

    /// The status code, `overdue`, or the unit or dimension id (`[a-z0-9-]+`, safe in a path).
    pub fn value(self, reg: &Registry) -> &str {
        match self {
            TaskFilter::Status(s) => s.code(),
            TaskFilter::Overdue => "overdue",
            TaskFilter::Unit(i) => reg.units.items[i].id.as_deref().unwrap_or(""),
            TaskFilter::Dimension(i) => reg.dimensions.items[i].id.as_deref().unwrap_or(""),
        }
    }

    /// Page `n` of the filtered list: `tasks/status/done/`, `tasks/status/done/page/2/`.
    pub fn path(self, reg: &Registry, n: usize) -> String {
        let base = format!("tasks/{}/{}/", self.kind(), self.value(reg));
        if n <= 1 { base } else { format!("{base}page/{n}/") }
    }
}

/// Every task filter with the indexes of its tasks: the statuses, overdue, then each unit
/// (as lead) and each dimension in the order of the data files.
pub fn task_filters(model: &Model, reg: &Registry) -> Vec<(TaskFilter, Vec<usize>)> {
    let mut filters: Vec<TaskFilter> = Status::ALL.iter().map(|&s| TaskFilter::Status(s)).collect();
    filters.push(TaskFilter::Overdue);
    filters.extend(
        (0..reg.units.items.len())
            .filter(|&i| reg.units.items[i].id.is_some())
            .map(TaskFilter::Unit),
    );
    filters.extend(
        (0..reg.dimensions.items.len())
            .filter(|&i| reg.dimensions.items[i].id.is_some())
            .map(TaskFilter::Dimension),
    );
    filters
        .into_iter()
        .map(|f| {
            let value = f.value(reg);
            let members = model
                .tasks
                .iter()
                .enumerate()
                .filter(|(_, t)| match f {
                    TaskFilter::Status(s) => t.status == s,
                    TaskFilter::Overdue => t.overdue,
                    TaskFilter::Unit(_) => t.lead == value,
                    TaskFilter::Dimension(_) => t.dimension == value,
                })
                .map(|(i, _)| i)
                .collect();
            (f, members)
        })
        .collect()
}

/// What a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// The home page.
    Home,
    /// The plan at this index of `model.plans`, and so on.
    Plan(usize),
    /// A task's page.
    Task(usize),
    /// A disclosure's page.
    Disclosure(usize),
    /// An update's page.
    Update(usize),
    /// A free page.
    Page(usize),
    /// Page `n` of a list.
    List(ListKind, usize),
    /// Page `n` of a filtered task list.
    Filter(TaskFilter, usize),
    /// The unit at this index of `data/units.yaml`.
    Unit(usize),
    /// All units.
    Units,
    /// The dimension at this index of `data/dimensions.yaml`.
    Dimension(usize),
    /// All dimensions.
    Dimensions,
    /// The category at this index of `data/categories.yaml`.
    Category(usize),
    /// All categories.
    Categories,
    /// The legal list of what is disclosed, category by category.
    DisclosureList,
    /// The access-to-information section.
    Access,
    /// The compliance report.
    Compliance,
    /// Page `n` (2 and on) of an item page whose lists are paginated (`paged`).
    More(Paged, usize),
    /// Page `n` of the public consultations.
    Consultations(usize),
    /// The open-data page.
    OpenData,
    /// Page `n` of the page that lists every feed (the task feeds paginated).
    Subscribe(usize),
    /// An old address of an item (its `aliases`, by index) that redirects to its page.
    Alias(Section, usize, usize),
    /// The search page.
    Search,
    /// The page for missing addresses.
    NotFound,
    /// The translation at this index of `model.translations`, under `/<lang>/`.
    Translated(usize),
}

/// Every page to make: its file's path and what it shows.
pub type Jobs = Vec<(String, Job)>;

/// The section and slug of an item's page, for finding its translation.
pub fn job_item(model: &Model, job: Job) -> Option<(Section, &str)> {
    Some(match job {
        Job::Home => (Section::Home, ""),
        Job::Plan(i) => (Section::Plan, model.plans[i].meta.slug.as_str()),
        Job::Task(i) => (Section::Task, model.tasks[i].meta.slug.as_str()),
        Job::Disclosure(i) => (Section::Disclosure, model.disclosures[i].meta.slug.as_str()),
        Job::Update(i) => (Section::Update, model.updates[i].meta.slug.as_str()),
        Job::Page(i) => (Section::Page, model.pages[i].meta.slug.as_str()),
        _ => return None,
    })
}

/// The page a translation translates, with its folder (without the language prefix).
pub fn original_job(model: &Model, tr: &Translation) -> Option<(String, Job)> {
    let slug = tr.slug.as_str();
    let find = |metas: &mut dyn Iterator<Item = &crate::model::Meta>| {
        metas.enumerate().find(|(_, m)| m.slug == slug).map(|(k, _)| k)
    };
    let job = match tr.section {
        Section::Home => Job::Home,
        Section::Plan => Job::Plan(find(&mut model.plans.iter().map(|p| &p.meta))?),
        Section::Task => Job::Task(find(&mut model.tasks.iter().map(|t| &t.meta))?),
        Section::Disclosure => Job::Disclosure(find(&mut model.disclosures.iter().map(|d| &d.meta))?),
        Section::Update => Job::Update(find(&mut model.updates.iter().map(|u| &u.meta))?),
        Section::Page => Job::Page(find(&mut model.pages.iter().map(|p| &p.meta))?),
    };
    Some((item(tr.section, slug), job))
}

/// What the list of jobs depends on: the slugs in list order, the number of tasks of each
/// filter, the number of pages of each paginated item page, the data ids, the page size and
/// the translations. An edit that changes none of
/// them (a body, most front matter) finds the same jobs at the same paths.
pub fn jobs_key(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    filters: &[(TaskFilter, Vec<usize>)],
    paged: &PagedLists,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    cfg.per_page.hash(&mut h);
    model.index.shape.hash(&mut h);
    model.index.consultations.len().hash(&mut h);
    for (f, members) in filters {
        (f, members.len()).hash(&mut h);
    }
    paged.counts(cfg.per_page).hash(&mut h);
    [
        reg.units.items.len(),
        reg.dimensions.items.len(),
        reg.categories.items.len(),
    ]
    .hash(&mut h);
    reg.units.items.iter().for_each(|u| u.id.hash(&mut h));
    reg.dimensions.items.iter().for_each(|d| d.id.hash(&mut h));
    reg.categories.items.iter().for_each(|c| c.id.hash(&mut h));
    for t in &model.translations {
        (t.lang, t.section, &t.slug).hash(&mut h);
    }
    // Each old address is a page of its own (a redirect).
    for (section, i, k, alias) in aliases(model) {
        (section, i, k, alias).hash(&mut h);
    }
    h.finish()
}

/// Every page of the site, in a fixed order: home, items, lists, filtered lists, units,
/// dimensions, categories, the later pages of paginated item pages, search, 404, translations.
pub fn jobs(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    filters: &[(TaskFilter, Vec<usize>)],
    paged: &PagedLists,
) -> Jobs {
    let mut jobs = vec![(html(""), Job::Home)];
    let items = |jobs: &mut Jobs, section: Section, metas: Vec<&crate::model::Meta>, job: fn(usize) -> Job| {
        jobs.extend(
            metas
                .into_iter()
                .enumerate()
                .map(|(i, m)| (html(&item(section, &m.slug)), job(i))),
        );
    };
    items(
        &mut jobs,
        Section::Plan,
        model.plans.iter().map(|x| &x.meta).collect(),
        Job::Plan,
    );
    items(
        &mut jobs,
        Section::Task,
        model.tasks.iter().map(|x| &x.meta).collect(),
        Job::Task,
    );
    let disclosures = model.disclosures.iter().map(|x| &x.meta).collect();
    items(&mut jobs, Section::Disclosure, disclosures, Job::Disclosure);
    items(
        &mut jobs,
        Section::Update,
        model.updates.iter().map(|x| &x.meta).collect(),
        Job::Update,
    );
    items(
        &mut jobs,
        Section::Page,
        model.pages.iter().map(|x| &x.meta).collect(),
        Job::Page,
    );
    for kind in ListKind::ALL {
        for n in 1..=page_count(kind.len(model), cfg.per_page) {
            jobs.push((html(&list(kind, n)), Job::List(kind, n)));
        }
    }
    for (f, members) in filters {
        for n in 1..=page_count(members.len(), cfg.per_page) {
            jobs.push((html(&f.path(reg, n)), Job::Filter(*f, n)));
        }
    }
    let id = |id: &Option<String>| id.clone().unwrap_or_default();
    jobs.extend(
        reg.units
            .items
            .iter()
            .enumerate()
            .map(|(i, u)| (html(&unit(&id(&u.id))), Job::Unit(i))),
    );
    jobs.push((html("units/"), Job::Units));
    let dimensions = reg.dimensions.items.iter().enumerate();
    jobs.extend(dimensions.map(|(i, d)| (html(&dimension(&id(&d.id))), Job::Dimension(i))));
    jobs.push((html("dimensions/"), Job::Dimensions));
    let categories = reg.categories.items.iter().enumerate();
    jobs.extend(categories.map(|(i, c)| (html(&category(&id(&c.id))), Job::Category(i))));
    jobs.push((html("categories/"), Job::Categories));
    jobs.extend(paged.more_jobs(model, reg, cfg.per_page));
    jobs.push((html(DISCLOSURE_LIST), Job::DisclosureList));
    jobs.push((html(ACCESS), Job::Access));
    jobs.push((html(COMPLIANCE), Job::Compliance));
    for n in 1..=page_count(model.index.consultations.len(), cfg.per_page) {
        jobs.push((html(&consultations(n)), Job::Consultations(n)));
    }
    jobs.push((html(OPEN_DATA), Job::OpenData));
    for n in 1..=page_count(model.tasks.len(), cfg.per_page) {
        jobs.push((html(&subscribe(n)), Job::Subscribe(n)));
    }
    for (section, i, k, alias) in aliases(model) {
        jobs.push((html(&item(section, alias)), Job::Alias(section, i, k)));
    }
    jobs.push((html(SEARCH), Job::Search));
    jobs.push(("404.html".into(), Job::NotFound));
    for (k, tr) in model.translations.iter().enumerate() {
        if let Some((path, _)) = original_job(model, tr) {
            jobs.push((html(&translated(tr.lang, &path)), Job::Translated(k)));
        }
    }
    jobs
}

/// The paths the site generates itself (pages, feeds, data), which no static file or
/// attachment may take; everything under `SEARCH` is generated too.
pub fn generated(cfg: &SiteConfig, model: &Model, reg: &Registry) -> BTreeSet<String> {
    let jobs = jobs(cfg, model, reg, &task_filters(model, reg), &PagedLists::of(model, reg));
    // The sitemap's parts, when its addresses are more than one file may hold.
    let pages = jobs.iter().filter(|(p, job)| in_sitemap(p, *job)).count();
    let mut set: BTreeSet<String> = jobs.into_iter().map(|(p, _)| p).collect();
    let parts = pages.div_ceil(cfg.sitemap_urls);
    if parts > 1 {
        set.extend((1..=parts).map(sitemap_part));
    }
    set.extend(MACHINE_FILES.iter().map(|s| s.to_string()));
    set.extend(topic_feeds(model, reg).into_iter().map(|(p, _)| p));
    set
}

/// Whether the sitemap lists the page `job` at `path`: every page but the 404 page and the old
/// addresses of renamed items, which only send readers on.
pub fn in_sitemap(path: &str, job: Job) -> bool {
    path != "404.html" && !matches!(job, Job::Alias(..))
}

/// Part `n` (from 1) of a sitemap split in several files: `sitemap-2.xml`; `sitemap.xml` is
/// then their index.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// Whether `path` is the name of a part of a split sitemap (`sitemap-<n>.xml`): reserved
/// whatever the site's size, since a site that grows splits its sitemap.
pub fn is_sitemap_part(path: &str) -> bool {
    path.strip_prefix("sitemap-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Files from `content/` published as they are: output path → source path. A bundle
/// (`name/index.md`) publishes every file of its folder beside its page; an attachment
/// elsewhere in `content/` is published beside the page that names it.
pub fn content_files(model: &Model, assets: &crate::source::Assets) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let ix = &model.index;
    let metas = |(list, i): &(u8, u32)| {
        let i = *i as usize;
        match *list as usize {
            crate::model::list::PLANS => (Section::Plan, &model.plans[i].meta),
            crate::model::list::TASKS => (Section::Task, &model.tasks[i].meta),
            crate::model::list::DISCLOSURES => (Section::Disclosure, &model.disclosures[i].meta),
            crate::model::list::UPDATES => (Section::Update, &model.updates[i].meta),
            _ => (Section::Page, &model.pages[i].meta),
        }
    };
    // A withdrawal that hides the body takes the item's files away too.
    let hidden = |(list, i): &(u8, u32)| match *list as usize {
        crate::model::list::DISCLOSURES => {
            crate::model::Withdrawal::hides_body(&model.disclosures[*i as usize].withdrawn)
        }
        crate::model::list::UPDATES => crate::model::Withdrawal::hides_body(&model.updates[*i as usize].withdrawn),
        _ => false,
    };
    for (section, meta) in ix.bundles.iter().filter(|b| !hidden(b)).map(metas) {
        let prefix = format!("{}/", meta.dir);
        let folder = item(section, &meta.slug);
        for (rel, asset) in assets.range(prefix.clone()..) {
            if !rel.starts_with(&prefix) {
                break;
            }
            if !asset.symlink {
                out.insert(format!("{folder}{}", &rel[prefix.len()..]), rel.clone());
            }
        }
    }
    for &i in &ix.with_attachments {
        let d = &model.disclosures[i as usize];
        if crate::model::Withdrawal::hides_body(&d.withdrawn) {
            continue;
        }
        for a in d.attachments.iter().filter(|a| !a.src.starts_with("static/")) {
            out.insert(attachment(&d.meta.slug, a), a.src.clone());
        }
    }
    out
}

/// Every path the site will have, for checking links before rendering.
pub fn all(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    assets: &crate::source::Assets,
    theme_static: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut set = generated(cfg, model, reg);
    set.extend(theme_static.iter().cloned());
    set.extend(
        assets
            .keys()
            .filter_map(|rel| rel.strip_prefix("static/"))
            .map(str::to_string),
    );
    set.extend(content_files(model, assets).into_keys());
    set
}

/// Every item's old slugs: (section, item index, alias index, alias).
pub fn aliases(model: &Model) -> Vec<(Section, usize, usize, &str)> {
    let metas: [(Section, Vec<&crate::model::Meta>); 5] = [
        (Section::Plan, model.plans.iter().map(|x| &x.meta).collect()),
        (Section::Task, model.tasks.iter().map(|x| &x.meta).collect()),
        (Section::Disclosure, model.disclosures.iter().map(|x| &x.meta).collect()),
        (Section::Update, model.updates.iter().map(|x| &x.meta).collect()),
        (Section::Page, model.pages.iter().map(|x| &x.meta).collect()),
    ];
    let mut out = Vec::new();
    for (section, list) in metas {
        for (i, m) in list.into_iter().enumerate() {
            for (k, a) in m.aliases.iter().enumerate() {
                out.push((section, i, k, a.as_str()));
            }
        }
    }
    out
}

/// The item an alias job points to: its common fields (slug, aliases) and title.
pub fn alias_target(model: &Model, section: Section, i: usize) -> Option<(&crate::model::Meta, &str)> {
    match section {
        Section::Plan => model.plans.get(i).map(|x| (&x.meta, x.title.as_str())),
        Section::Task => model.tasks.get(i).map(|x| (&x.meta, x.title.as_str())),
        Section::Disclosure => model.disclosures.get(i).map(|x| (&x.meta, x.title.as_str())),
        Section::Update => model.updates.get(i).map(|x| (&x.meta, x.title.as_str())),
        Section::Page => model.pages.get(i).map(|x| (&x.meta, x.title.as_str())),
        Section::Home => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_pages() {
        for (section, want) in [
            (Section::Home, ""),
            (Section::Page, "lien-he/"),
            (Section::Plan, "plans/lien-he/"),
            (Section::Task, "tasks/lien-he/"),
            (Section::Disclosure, "disclosures/lien-he/"),
            (Section::Update, "updates/lien-he/"),
        ] {
            assert_eq!(item(section, "lien-he"), want);
        }
        assert_eq!(translated("en", &item(Section::Task, "a")), "en/tasks/a/");
        assert_eq!(html(&list(ListKind::Tasks, 2)), "tasks/page/2/index.html");
        assert_eq!(page_range(3, 10, 25), 20..25);
        assert_eq!(page_count(0, 10), 1);
    }

    #[test]
    fn sitemap_parts_are_reserved_by_name() {
        assert!(is_sitemap_part(&sitemap_part(12)) && is_sitemap_part("sitemap-1.xml"));
        let others = [
            "sitemap-.xml",
            "sitemap-a.xml",
            "sitemap.xml",
            "sitemap-1.xml.gz",
            "en/sitemap-1.xml",
        ];
        assert!(others.iter().all(|p| !is_sitemap_part(p)));
    }

    #[test]
    fn machine_files_are_the_data_dictionarys() {
        use crate::datadict::{CATALOG, DATASETS, Format};
        let mut want: BTreeSet<String> = ["feed.xml", "sitemap.xml", "robots.txt", CATALOG]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for set in &DATASETS {
            for &f in set.formats {
                want.insert(set.file(f));
                want.insert(match f {
                    Format::Csv => set.csvw(),
                    Format::Json => set.schema(),
                });
            }
        }
        let have: BTreeSet<String> = MACHINE_FILES.iter().map(|s| s.to_string()).collect();
        assert_eq!(have, want);
    }
}
