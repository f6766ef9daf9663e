//! What every page is rendered with: the inputs, lookups by id, the summaries of tasks and
//! disclosures (made once, on first use), the task filters, and the site-wide values the
//! templates share (site, URLs, menu) with their fingerprint.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::Inputs;
use super::view::*;
use crate::attachments::Facts as AttachmentFacts;
use crate::config::SiteConfig;
use crate::data::Registry;
use crate::date::Date;
use crate::i18n::Strings;
use crate::layout::Section;
use crate::model::{Disclosure, Model, Status};
use crate::routes::{self, ListKind, TaskFilter};

/// What a page shows of one attachment as read on disk: size and SHA-256, the table of a CSV file.
pub(super) type AttachmentShown<'a> = (Option<&'a (u64, String)>, Option<&'a crate::attachments::Table>);

/// Lookups shared by all pages of one language.
pub(super) struct Ctx<'a> {
    pub(super) cfg: &'a SiteConfig,
    pub(super) model: &'a Model,
    pub(super) reg: &'a Registry,
    pub(super) facts: &'a AttachmentFacts,
    /// The tables of CSV attachments.
    pub(super) tables: &'a crate::attachments::Tables,
    pub(super) today: Date,
    /// The data files as published (the open-data page).
    pub(super) published: &'a crate::datadict::Published,
    /// Made on first use: most rebuilds after an edit render few pages.
    task_summaries: Vec<OnceLock<TaskSummary>>,
    disclosure_summaries: Vec<OnceLock<DisclosureSummary>>,
    /// Per disclosure, what a list showing it depends on (`Model::disclosure_keys`).
    pub(super) disclosure_keys: std::borrow::Cow<'a, [u64]>,
    /// Task slug → index in `model.tasks`.
    pub(super) task_index: rustc_hash::FxHashMap<&'a str, usize>,
    /// Every task filter with its tasks (indexes into `model.tasks`).
    pub(super) filters: Vec<(TaskFilter, Vec<usize>)>,
    /// Fingerprint of how many tasks each filter has (shown on every task list page).
    pub(super) filter_counts: u64,
    /// The rows of the paginated item pages (plans, tasks, units, dimensions, categories).
    pub(super) paged: std::sync::Arc<routes::PagedLists>,
    /// The UI strings of the pages rendered with this context.
    pub(super) t: &'a Strings,
    /// Their language.
    pub(super) lang: &'a str,
    /// Every language's strings (for the names in the language switch).
    pub(super) i18n: &'a BTreeMap<String, Strings>,
    /// The site's URLs as translated pages see them (`home` is the translated home page when
    /// there is one); `None` for the site language.
    pub(super) urls: Option<Urls>,
}

impl<'a> Ctx<'a> {
    /// The context of the pages in `lang`, with every task filter made once.
    pub(super) fn new(
        inputs: &Inputs<'a>,
        i18n: &'a BTreeMap<String, Strings>,
        lang: &'a str,
        filters: Vec<(TaskFilter, Vec<usize>)>,
        paged: std::sync::Arc<routes::PagedLists>,
    ) -> Ctx<'a> {
        static EMPTY: OnceLock<Strings> = OnceLock::new();
        let model = inputs.model;
        let filter_counts = crate::fingerprint::of(&filters.iter().map(|(_, m)| m.len()).collect::<Vec<_>>());
        Ctx {
            cfg: inputs.cfg,
            model,
            reg: inputs.reg,
            facts: inputs.facts,
            tables: inputs.tables,
            today: inputs.today,
            published: inputs.published,
            task_summaries: model.tasks.iter().map(|_| OnceLock::new()).collect(),
            disclosure_summaries: model.disclosures.iter().map(|_| OnceLock::new()).collect(),
            disclosure_keys: model.disclosure_keys(),
            task_index: model
                .tasks
                .iter()
                .enumerate()
                .map(|(i, t)| (t.meta.slug.as_str(), i))
                .collect(),
            filters,
            filter_counts,
            paged,
            t: i18n.get(lang).unwrap_or_else(|| EMPTY.get_or_init(Strings::default)),
            lang,
            i18n,
            urls: None,
        }
    }

    /// The title of page `n` of a list or a paginated page: `title` itself on page 1, "title –
    /// trang n" (the `list_page` string) after.
    pub(super) fn page_title(&self, title: &str, n: usize) -> String {
        if n > 1 {
            self.t.fill("list_page", &[("title", title), ("n", &n.to_string())])
        } else {
            title.to_string()
        }
    }

    /// Root-relative URL of a site path.
    pub(super) fn link(&self, path: &str) -> String {
        self.cfg.base.link(path)
    }

    /// What is known on disk of each attachment of `d` (size, SHA-256, the table of a CSV
    /// file), in order: what a disclosure's page shows besides its front matter.
    pub(super) fn attachment_facts(&self, d: &Disclosure) -> Vec<AttachmentShown<'a>> {
        d.attachments
            .iter()
            .map(|a| (self.facts.get(&a.src), self.tables.get(&a.src)))
            .collect()
    }

    /// The summary of task `i`.
    pub(super) fn ts(&self, i: usize) -> &TaskSummary {
        self.task_summaries[i].get_or_init(|| {
            let t = &self.model.tasks[i];
            TaskSummary {
                slug: t.meta.slug.clone(),
                url: self.link(&routes::item(Section::Task, &t.meta.slug)),
                title: t.title.clone(),
                code: t.code.clone(),
                dimension: self.dimension_ref(&t.dimension),
                lead: self.unit_ref(&t.lead),
                status: self.status(t.status),
                progress: t.progress,
                overdue: t.overdue,
                schedule_label: crate::labels::schedule(self.t, &t.schedule),
                due: opt_date(t.schedule.due()),
            }
        })
    }

    /// The summary of disclosure `i`.
    pub(super) fn ds(&self, i: usize) -> &DisclosureSummary {
        self.disclosure_summaries[i].get_or_init(|| {
            let d = &self.model.disclosures[i];
            DisclosureSummary {
                slug: d.meta.slug.clone(),
                url: self.link(&routes::item(Section::Disclosure, &d.meta.slug)),
                title: d.title.clone(),
                category: self.category_ref(&d.category),
                published: date(d.published),
                number: d.number.clone(),
                doc_type: d.doc_type.clone(),
                period: d.period.map(crate::period::Period::label),
                nothing_to_report: d.nothing_to_report,
                withdrawn: crate::render::view::withdrawn(&d.withdrawn),
                validity: validity(self.t, self.model.validity(i, self.today)),
                consultation: consultation(self.t, &d.consultation, self.today),
            }
        })
    }

    /// A status with its label.
    pub(super) fn status(&self, s: Status) -> StatusView {
        StatusView {
            code: s.code(),
            label: crate::labels::status(self.t, s),
        }
    }

    pub(super) fn unit_ref(&self, id: &str) -> Ref {
        let u = self.reg.units.get(id);
        Ref {
            id: id.to_string(),
            name: u.and_then(|u| u.name.clone()).unwrap_or_else(|| id.to_string()),
            short: u.and_then(|u| u.short.clone()),
            url: self.link(&routes::unit(id)),
        }
    }

    pub(super) fn dimension_ref(&self, id: &str) -> Ref {
        let d = self.reg.dimensions.get(id);
        Ref {
            id: id.to_string(),
            name: d.and_then(|d| d.name.clone()).unwrap_or_else(|| id.to_string()),
            short: None,
            url: self.link(&routes::dimension(id)),
        }
    }

    pub(super) fn category_ref(&self, id: &str) -> Ref {
        let c = self.reg.categories.get(id);
        Ref {
            id: id.to_string(),
            name: c.and_then(|c| c.name.clone()).unwrap_or_else(|| id.to_string()),
            short: None,
            url: self.link(&routes::category(id)),
        }
    }

    /// The tasks of filter `f`.
    pub(super) fn filter_members(&self, f: TaskFilter) -> &[usize] {
        self.filters
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, m)| m.as_slice())
            .unwrap_or_default()
    }

    /// The items of page `n` of a list of `len`.
    pub(super) fn page_range(&self, n: usize, len: usize) -> std::ops::Range<usize> {
        routes::page_range(n, self.cfg.per_page, len)
    }

    /// Page `n` of `total_items`, with `url(k)` the URL of page `k`. It links by number the
    /// first and last pages and those `NEAR` the current one, so that it stays small however
    /// long the list is.
    pub(super) fn paginate(&self, total_items: usize, n: usize, url: impl Fn(usize) -> String) -> Pagination {
        const NEAR: usize = 2;
        let total_pages = routes::page_count(total_items, self.cfg.per_page);
        let mut numbers: Vec<usize> = vec![1, total_pages];
        numbers.extend(n.saturating_sub(NEAR).max(1)..=(n + NEAR).min(total_pages));
        numbers.sort_unstable();
        numbers.dedup();
        Pagination {
            current: n,
            total_pages,
            total_items,
            prev_url: (n > 1).then(|| url(n - 1)),
            next_url: (n < total_pages).then(|| url(n + 1)),
            pages: numbers
                .iter()
                .enumerate()
                .map(|(i, &k)| PageLink {
                    number: k,
                    url: url(k),
                    current: k == n,
                    gap_before: i > 0 && numbers[i - 1] + 1 < k,
                })
                .collect(),
        }
    }

    /// The pagination of page `n` of a paginated item page: as many pages as its longer list
    /// needs, the rows of both lists counted.
    pub(super) fn item_pagination(&self, p: routes::Paged, n: usize) -> Pagination {
        let (a, b) = self.paged.lists(p);
        let mut pagination = self.paginate(a.len().max(b.len()), n, |k| self.link(&p.path(self.model, self.reg, k)));
        pagination.total_items = a.len() + b.len();
        pagination
    }

    /// The rows page `n` of `p` shows of each of its lists.
    pub(super) fn item_page(&self, p: routes::Paged, n: usize) -> (&[usize], &[usize]) {
        self.paged.page(p, n, self.cfg.per_page)
    }

    /// The pagination of page `n` of a list.
    pub(super) fn list_pagination(&self, kind: ListKind, n: usize) -> Pagination {
        self.paginate(kind.len(self.model), n, |k| self.link(&routes::list(kind, k)))
    }
}

/// The values every page's templates share, set as the templates' globals once per build:
/// the site, its URLs and its menu; `fp` is their fingerprint with everything else a page
/// shows whatever page it is (templates, UI strings, data, today, the translations).
pub(super) struct Globals {
    pub(super) site: SiteView,
    pub(super) urls: Urls,
    pub(super) menu: Vec<MenuItem>,
    pub(super) fp: u64,
}

impl Globals {
    pub(super) fn of(inputs: &Inputs<'_>, theme_fp: u64) -> Globals {
        let Inputs { cfg, model, reg, .. } = *inputs;
        let l = |p: &str| cfg.base.link(p);
        let urls = Urls {
            home: l(""),
            plans: l("plans/"),
            tasks: l("tasks/"),
            disclosures: l("disclosures/"),
            updates: l("updates/"),
            units: l("units/"),
            dimensions: l("dimensions/"),
            categories: l("categories/"),
            disclosure_list: l(routes::DISCLOSURE_LIST),
            access: l(routes::ACCESS),
            compliance: l(routes::COMPLIANCE),
            consultations: l(routes::CONSULTATIONS),
            open_data: l(routes::OPEN_DATA),
            data_catalog: l(crate::datadict::CATALOG),
            search: l(routes::SEARCH),
            feed: l("feed.xml"),
            subscribe: l(routes::SUBSCRIBE),
            sitemap: l("sitemap.xml"),
            asset: l(""),
            data_tasks_json: l("data/tasks.json"),
            data_tasks_csv: l("data/tasks.csv"),
            data_disclosures_json: l("data/disclosures.json"),
            data_disclosures_csv: l("data/disclosures.csv"),
            data_units_csv: l("data/units.csv"),
            data_disclosure_list_csv: l("data/disclosure-list.csv"),
            data_disclosure_list_json: l("data/disclosure-list.json"),
        };
        let site = SiteView {
            title: cfg.title.clone(),
            description: cfg.description.clone(),
            base_url: cfg.base.absolute.clone(),
            base_path: cfg.base.path.clone(),
            language: cfg.language.clone(),
            office: cfg.office.clone(),
            data_license: cfg.data_license.clone(),
        };
        let menu: Vec<MenuItem> = model
            .pages
            .iter()
            .filter(|p| p.weight.is_some())
            .map(|p| MenuItem {
                title: p.title.clone(),
                url: l(&routes::item(Section::Page, &p.meta.slug)),
            })
            .collect();
        let fp = crate::fingerprint::of(&(
            format!("{site:?}{urls:?}{menu:?}"),
            inputs.today,
            theme_fp,
            &reg.units.items,
            &reg.dimensions.items,
            &reg.categories.items,
            cfg.per_page,
            // Which items have a translation, and its title: every page's language switch and
            // the translated pages' menu show them.
            model
                .translations
                .iter()
                .map(|t| (t.lang, t.section, &t.slug, &t.title))
                .collect::<Vec<_>>(),
        ));
        Globals { site, urls, menu, fp }
    }
}

/// Fingerprints of the front matter of whole sections, for the pages that summarise them.
pub(super) struct Aggregates<'a> {
    pub(super) tasks: u64,
    pub(super) disclosures: u64,
    pub(super) all: u64,
    /// Category id → front fingerprints of its disclosures, in list order (one pass, not one
    /// pass per category).
    pub(super) by_category: rustc_hash::FxHashMap<&'a str, Vec<u64>>,
}

impl<'a> Aggregates<'a> {
    /// `keys`: what a page listing each disclosure depends on (`Ctx::disclosure_keys`).
    pub(super) fn of(m: &'a Model, keys: &[u64]) -> Aggregates<'a> {
        use crate::model::list;
        let ix = &m.index;
        let mut by_category: rustc_hash::FxHashMap<&str, Vec<u64>> = rustc_hash::FxHashMap::default();
        for (&c, &fp) in ix.disclosure_category.iter().zip(keys) {
            by_category
                .entry(ix.categories[c as usize].as_str())
                .or_default()
                .push(fp);
        }
        let fronts = |k: usize| crate::fingerprint::of(&ix.fronts[k]);
        let tasks = fronts(list::TASKS);
        let disclosures = crate::fingerprint::of(&keys);
        let plans = fronts(list::PLANS);
        let updates = fronts(list::UPDATES);
        Aggregates {
            tasks,
            disclosures,
            all: crate::fingerprint::of(&(tasks, disclosures, plans, updates)),
            by_category,
        }
    }
}
