//! Pieces more than one kind of page shows: plan summaries, progress by group, status
//! counts and charts, the task filters, update summaries, and the views of units, dimensions
//! and categories.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::charts;
use super::super::ctx::Ctx;
use super::super::view::*;
use crate::i18n::Strings;
use crate::layout::Section;
use crate::model::{Status, Task, Update};
use crate::routes::{self, ListKind, TaskFilter};

/// A plan in a list.
#[derive(Serialize)]
pub(crate) struct PlanSummary {
    title: String,
    url: String,
    number: Option<String>,
    issued: DateView,
    progress: u8,
    task_count: usize,
}

pub(super) fn plan_summaries(ctx: &Ctx<'_>) -> Vec<PlanSummary> {
    ctx.model
        .plans
        .iter()
        .map(|p| {
            let tasks: Vec<&Task> = ctx
                .model
                .tasks
                .iter()
                .filter(|t| t.plan == p.meta.slug)
                .map(|t| &**t)
                .collect();
            PlanSummary {
                title: p.title.clone(),
                url: ctx.link(&routes::item(Section::Plan, &p.meta.slug)),
                number: p.number.clone(),
                issued: date(p.issued),
                progress: average(tasks.iter().map(|t| t.progress)),
                task_count: tasks.len(),
            }
        })
        .collect()
}

/// Tasks grouped by `key` (sort key, reference), with each group's progress and counts.
pub(super) fn progress_groups<K: Ord + Clone>(
    tasks: &[(&Task, &TaskSummary)],
    key: impl Fn(&TaskSummary) -> (K, Ref),
) -> Vec<ProgressGroup> {
    let mut groups: BTreeMap<K, (Ref, Vec<&Task>)> = BTreeMap::new();
    for (t, s) in tasks {
        let (k, r) = key(s);
        groups.entry(k).or_insert_with(|| (r, Vec::new())).1.push(t);
    }
    groups
        .into_values()
        .map(|(reference, ts)| ProgressGroup {
            reference,
            progress: average(ts.iter().map(|t| t.progress)),
            task_count: ts.len(),
            done_count: ts.iter().filter(|t| t.status == Status::Done).count(),
            overdue_count: ts.iter().filter(|t| t.overdue).count(),
        })
        .collect()
}

/// Rounded average of percentages; 0 for none.
pub(crate) fn average(values: impl Iterator<Item = u8>) -> u8 {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    if n == 0 {
        0
    } else {
        ((sum as f64 / n as f64).round()) as u8
    }
}

/// How many of `tasks` have each status.
pub(super) fn status_counts<'t>(t: &Strings, tasks: impl Iterator<Item = &'t Task> + Clone) -> Vec<StatusCount> {
    Status::ALL
        .iter()
        .map(|s| StatusCount {
            code: s.code(),
            label: crate::labels::status(t, *s),
            count: tasks.clone().filter(|t| t.status == *s).count(),
        })
        .collect()
}

/// The charts of the home and plan pages (pre-rendered SVG, printed with `| safe`).
pub(super) fn progress_charts(
    t: &Strings,
    by_dimension: &[ProgressGroup],
    by_unit: &[ProgressGroup],
    counts: &[StatusCount],
    overdue: usize,
) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        (
            "by_dimension",
            charts::progress("chart-dimension", t.get("chart_by_dimension"), by_dimension, t),
        ),
        (
            "by_unit",
            charts::progress("chart-unit", t.get("chart_by_unit"), by_unit, t),
        ),
        (
            "by_status",
            charts::statuses("chart-status", t.get("chart_by_status"), counts, overdue, t),
        ),
    ])
}

/// "Trạng thái", "Đơn vị chủ trì" or "Lĩnh vực".
pub(super) fn filter_kind_label(f: TaskFilter, t: &Strings) -> String {
    t.get(match f {
        TaskFilter::Status(_) | TaskFilter::Overdue => "filter_status",
        TaskFilter::Unit(_) => "filter_unit",
        TaskFilter::Dimension(_) => "filter_dimension",
    })
    .to_string()
}

/// The status, "Quá hạn", or the unit's or dimension's name.
pub(super) fn filter_label(ctx: &Ctx<'_>, f: TaskFilter) -> String {
    let name = |n: &Option<String>| n.clone().unwrap_or_else(|| f.value(ctx.reg).to_string());
    match f {
        TaskFilter::Status(s) => crate::labels::status(ctx.t, s),
        TaskFilter::Overdue => ctx.t.get("overdue").to_string(),
        TaskFilter::Unit(i) => name(&ctx.reg.units.items[i].name),
        TaskFilter::Dimension(i) => name(&ctx.reg.dimensions.items[i].name),
    }
}

/// Links to every task filter with its count; `current` is the filter shown, and `on_list`
/// whether this page is a task list at all (so that "all tasks" is current when no filter is).
pub(super) fn filter_links(ctx: &Ctx<'_>, current: Option<TaskFilter>, on_list: bool) -> Filters {
    let link = |f: TaskFilter, members: &[usize]| FilterLink {
        kind: f.kind(),
        value: f.value(ctx.reg).to_string(),
        label: filter_label(ctx, f),
        url: ctx.link(&f.path(ctx.reg, 1)),
        count: members.len(),
        current: current == Some(f),
    };
    let of = |pick: fn(TaskFilter) -> bool| -> Vec<FilterLink> {
        ctx.filters
            .iter()
            .filter(|(f, _)| pick(*f))
            .map(|(f, m)| link(*f, m))
            .collect()
    };
    Filters {
        all: FilterLink {
            kind: "all",
            value: "all".to_string(),
            label: ctx.t.get("filter_all").to_string(),
            url: ctx.link(&routes::list(ListKind::Tasks, 1)),
            count: ctx.model.tasks.len(),
            current: on_list && current.is_none(),
        },
        statuses: of(|f| matches!(f, TaskFilter::Status(_) | TaskFilter::Overdue)),
        units: of(|f| matches!(f, TaskFilter::Unit(_))),
        dimensions: of(|f| matches!(f, TaskFilter::Dimension(_))),
    }
}

pub(super) fn update_summary(ctx: &Ctx<'_>, u: &Update) -> UpdateSummary {
    UpdateSummary {
        slug: u.meta.slug.clone(),
        url: ctx.link(&routes::item(Section::Update, &u.meta.slug)),
        title: u.title.clone(),
        date: date(u.date),
        summary: u.summary.clone(),
        withdrawn: crate::render::view::withdrawn(&u.withdrawn),
    }
}

/// A unit with the tasks it leads and takes part in (on its own page, the rows of one page of
/// each; in indexes, none: only how many).
#[derive(Serialize)]
pub(crate) struct UnitView {
    id: String,
    pub(super) name: String,
    short: Option<String>,
    head: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    address: Option<String>,
    description: Option<String>,
    url: String,
    lead_tasks: Vec<TaskSummary>,
    partner_tasks: Vec<TaskSummary>,
    /// How many tasks it leads, and takes part in.
    lead_count: usize,
    partner_count: usize,
}

/// The unit at index `i` of the data file, with the rows of page `page` of its lists (none
/// without a page).
pub(super) fn unit_view(ctx: &Ctx<'_>, i: usize, page: Option<usize>) -> UnitView {
    let u = &ctx.reg.units.items[i];
    let id = u.id.clone().unwrap_or_default();
    let p = routes::Paged::Unit(i);
    let (lead, partner) = ctx.paged.lists(p);
    let (lead_rows, partner_rows) = page.map(|n| ctx.item_page(p, n)).unwrap_or_default();
    UnitView {
        url: ctx.link(&routes::unit(&id)),
        lead_tasks: lead_rows.iter().map(|&k| ctx.ts(k).clone()).collect(),
        partner_tasks: partner_rows.iter().map(|&k| ctx.ts(k).clone()).collect(),
        lead_count: lead.len(),
        partner_count: partner.len(),
        id,
        name: u.name.clone().unwrap_or_default(),
        short: u.short.clone(),
        head: u.head.clone(),
        phone: u.phone.clone(),
        email: u.email.clone(),
        address: u.address.clone(),
        description: u.description.clone(),
    }
}

/// A dimension with its tasks (on its own page, the rows of one page; in indexes, none) and
/// their average progress (not on pages 2 and on, which show only their rows).
#[derive(Serialize)]
pub(crate) struct DimensionView {
    id: String,
    pub(super) name: String,
    code: Option<String>,
    description: Option<String>,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    progress: Option<u8>,
    tasks: Vec<TaskSummary>,
    /// How many tasks it has.
    task_count: usize,
}

/// The dimension at index `i` of the data file, with the rows of page `page` of its tasks
/// (none without a page).
pub(super) fn dimension_view(ctx: &Ctx<'_>, i: usize, page: Option<usize>) -> DimensionView {
    let d = &ctx.reg.dimensions.items[i];
    let id = d.id.clone().unwrap_or_default();
    let p = routes::Paged::Dimension(i);
    let (all, _) = ctx.paged.lists(p);
    let (rows, _) = page.map(|n| ctx.item_page(p, n)).unwrap_or_default();
    DimensionView {
        url: ctx.link(&routes::dimension(&id)),
        progress: (page.unwrap_or(1) == 1).then(|| average(all.iter().map(|&k| ctx.model.tasks[k].progress))),
        tasks: rows.iter().map(|&k| ctx.ts(k).clone()).collect(),
        task_count: all.len(),
        id,
        name: d.name.clone().unwrap_or_default(),
        code: d.code.clone(),
        description: d.description.clone(),
    }
}

/// A category, how fresh it is, and (on its own page) the rows of one page of its
/// disclosures and of its withdrawn ones.
#[derive(Serialize)]
pub(crate) struct CategoryView {
    id: String,
    pub(super) name: String,
    required: bool,
    max_age_days: Option<u32>,
    legal_basis: Option<String>,
    description: Option<String>,
    url: String,
    latest: Option<DateView>,
    stale: bool,
    /// Number of disclosures in the category, withdrawn ones included.
    count: usize,
    /// Of which not withdrawn, and withdrawn.
    disclosure_count: usize,
    withdrawn_count: usize,
    /// The disclosures of this page, on the category's own page only (empty in indexes),
    /// without the withdrawn ones.
    disclosures: Vec<DisclosureSummary>,
    /// The withdrawn ones of this page, in a group of their own.
    withdrawn: Vec<DisclosureSummary>,
    /// The page congkhai generates for this category, if it has one (`generated_page`).
    generated: Option<String>,
}

/// The category at index `i` of the data file, with the rows of page `page` of its lists
/// (none without a page).
pub(super) fn category_view(ctx: &Ctx<'_>, i: usize, page: Option<usize>) -> CategoryView {
    let c = &ctx.reg.categories.items[i];
    let id = c.id.clone().unwrap_or_default();
    let p = routes::Paged::Category(i);
    let (current, withdrawn) = ctx.paged.lists(p);
    let (current_rows, withdrawn_rows) = page.map(|n| ctx.item_page(p, n)).unwrap_or_default();
    let latest = category_latest(ctx, i);
    let required = c.required.unwrap_or(false);
    let stale = match (latest, c.max_age_days) {
        (Some(l), Some(max)) => (ctx.today - l).num_days() > i64::from(max),
        (None, _) => required,
        _ => false,
    };
    let rows = |rows: &[usize]| rows.iter().map(|&k| ctx.ds(k).clone()).collect();
    CategoryView {
        url: ctx.link(&routes::category(&id)),
        count: current.len() + withdrawn.len(),
        disclosure_count: current.len(),
        withdrawn_count: withdrawn.len(),
        disclosures: rows(current_rows),
        withdrawn: rows(withdrawn_rows),
        latest: opt_date(latest),
        stale: stale && c.generated_page.is_none(),
        generated: c.generated_page.as_deref().map(|g| ctx.link(&format!("{g}/"))),
        id,
        name: c.name.clone().unwrap_or_default(),
        required,
        max_age_days: c.max_age_days,
        legal_basis: c.legal_basis.clone(),
        description: c.description.clone(),
    }
}

/// The newest publication date of the category at index `i`, withdrawn disclosures included:
/// the first of each of its lists, which are newest first.
pub(super) fn category_latest(ctx: &Ctx<'_>, i: usize) -> Option<crate::date::Date> {
    let (current, withdrawn) = ctx.paged.lists(routes::Paged::Category(i));
    let first = |l: &[usize]| l.first().map(|&k| ctx.model.disclosures[k].published);
    first(current).max(first(withdrawn))
}

/// Every category without its disclosures (indexes, the search page's filter).
pub(super) fn category_index(ctx: &Ctx<'_>) -> Vec<CategoryView> {
    (0..ctx.reg.categories.items.len())
        .map(|i| category_view(ctx, i, None))
        .collect()
}
