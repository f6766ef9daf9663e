//! The lists of items (`plans/`, `tasks/`, `disclosures/`, `updates/`, each paginated) and
//! the task list narrowed by a filter (`tasks/status/done/`).

use serde::Serialize;

use super::Made;
use super::parts::*;
use crate::date::Date;
use crate::render::ctx::Ctx;
use crate::render::view::*;
use crate::routes::{ListKind, TaskFilter};

#[derive(Serialize)]
pub(crate) struct ListPage<'a> {
    items: Items<'a>,
    pagination: Pagination,
    /// On task lists only: the filter shown (none on the full list).
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<Option<FilterView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filters: Option<Filters>,
}

/// The items of one page of a list.
#[derive(Serialize)]
#[serde(untagged)]
enum Items<'a> {
    Plans(Vec<PlanSummary>),
    Tasks(Vec<&'a TaskSummary>),
    Disclosures(Vec<&'a DisclosureSummary>),
    Updates(Vec<UpdateSummary>),
}

/// The key of a list's title in the UI strings.
pub(super) fn title_key(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Plans => "list_plans",
        ListKind::Tasks => "list_tasks",
        ListKind::Disclosures => "list_disclosures",
        ListKind::Updates => "list_updates",
    }
}

/// The front matter of the page's items and the list's length; the task list also shows
/// how many tasks each filter has. Plan lists show progress, which comes from every task:
/// they are rendered every time (`None`).
pub(super) fn fingerprint(ctx: &Ctx<'_>, kind: ListKind, n: usize) -> Option<u64> {
    use crate::model::list;
    let m = ctx.model;
    let total = kind.len(m);
    let range = ctx.page_range(n, total);
    let items = match kind {
        ListKind::Plans => return None,
        ListKind::Tasks => m.index.fronts[list::TASKS][range].to_vec(),
        ListKind::Disclosures => ctx.disclosure_keys[range].to_vec(),
        ListKind::Updates => m.index.fronts[list::UPDATES][range].to_vec(),
    };
    let counts = (kind == ListKind::Tasks).then_some(ctx.filter_counts);
    Some(crate::fingerprint::of(&(6u8, kind.folder(), n, total, items, counts)))
}

pub(super) fn view<'a>(ctx: &'a Ctx<'_>, kind: ListKind, n: usize) -> Made<ListPage<'a>> {
    let model = ctx.model;
    let range = ctx.page_range(n, kind.len(model));
    let items = match kind {
        ListKind::Plans => Items::Plans(plan_summaries(ctx).drain(range).collect()),
        ListKind::Tasks => Items::Tasks(range.map(|i| ctx.ts(i)).collect()),
        ListKind::Disclosures => Items::Disclosures(range.map(|i| ctx.ds(i)).collect()),
        ListKind::Updates => Items::Updates(model.updates[range].iter().map(|u| update_summary(ctx, u)).collect()),
    };
    let tasks = kind == ListKind::Tasks;
    let title = ctx.page_title(ctx.t.get(title_key(kind)), n);
    let template = match kind {
        ListKind::Plans => "plans.html",
        ListKind::Tasks => "tasks.html",
        ListKind::Disclosures => "disclosures.html",
        ListKind::Updates => "updates.html",
    };
    Made {
        template,
        kind: kind.folder(),
        title,
        view: ListPage {
            items,
            pagination: ctx.list_pagination(kind, n),
            filter: tasks.then_some(None),
            filters: tasks.then(|| filter_links(ctx, None, true)),
        },
    }
}

/// The newest date among the page's items.
pub(super) fn updated(ctx: &Ctx<'_>, kind: ListKind, n: usize) -> Option<Date> {
    let m = ctx.model;
    let r = ctx.page_range(n, kind.len(m));
    match kind {
        ListKind::Plans => m.plans[r].iter().map(|p| p.last_updated()).max(),
        ListKind::Tasks => m.tasks[r].iter().filter_map(|t| t.last_updated()).max(),
        ListKind::Disclosures => m.disclosures[r].iter().map(|d| d.last_updated()).max(),
        ListKind::Updates => m.updates[r].iter().map(|u| u.last_updated()).max(),
    }
}

/// The front matter of the page's tasks, the filter's size, and every filter's size.
pub(super) fn filter_fingerprint(ctx: &Ctx<'_>, f: TaskFilter, n: usize) -> u64 {
    let members = ctx.filter_members(f);
    let range = ctx.page_range(n, members.len());
    let items: Vec<u64> = members[range]
        .iter()
        .map(|&k| ctx.model.tasks[k].meta.front_fp)
        .collect();
    let id = f.path(ctx.reg, 1);
    crate::fingerprint::of(&(14u8, id, n, members.len(), items, ctx.filter_counts))
}

pub(super) fn filter_view<'a>(ctx: &'a Ctx<'_>, f: TaskFilter, n: usize) -> Made<ListPage<'a>> {
    let members = ctx.filter_members(f);
    let range = ctx.page_range(n, members.len());
    let label = filter_label(ctx, f);
    let kind_label = filter_kind_label(f, ctx.t);
    let title = ctx.page_title(
        &format!("{} – {kind_label}: {label}", ctx.t.get(title_key(ListKind::Tasks))),
        n,
    );
    let filter = FilterView {
        kind: f.kind(),
        kind_label,
        value: f.value(ctx.reg).to_string(),
        label,
        url: ctx.link(&f.path(ctx.reg, 1)),
    };
    Made {
        template: "tasks.html",
        kind: "tasks",
        title,
        view: ListPage {
            items: Items::Tasks(members[range].iter().map(|&k| ctx.ts(k)).collect()),
            pagination: ctx.paginate(members.len(), n, |k| ctx.link(&f.path(ctx.reg, k))),
            filter: Some(Some(filter)),
            filters: Some(filter_links(ctx, Some(f), true)),
        },
    }
}

/// The newest date among the page's tasks.
pub(super) fn filter_updated(ctx: &Ctx<'_>, f: TaskFilter, n: usize) -> Option<Date> {
    let members = ctx.filter_members(f);
    members[ctx.page_range(n, members.len())]
        .iter()
        .filter_map(|&k| ctx.model.tasks[k].last_updated())
        .max()
}
