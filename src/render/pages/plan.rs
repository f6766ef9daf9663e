//! A plan's page: its document facts, its text, progress charts, and its tasks grouped by
//! dimension, `per_page` tasks a page (the later pages show only their tasks).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::Made;
use super::parts::*;
use crate::model::{Task, Translation};
use crate::render::ctx::Ctx;
use crate::render::view::*;
use crate::routes::Paged;

/// Page 1 of a plan: the whole plan with the first tasks; the later pages: the plan's title
/// with their tasks.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum PlanPage {
    First {
        charts: BTreeMap<&'static str, String>,
        plan: Box<PlanView>,
        pagination: Pagination,
    },
    More {
        plan: PlanHead,
        pagination: Pagination,
    },
}

/// What a later page shows of its plan besides the tasks.
#[derive(Serialize)]
pub(crate) struct PlanHead {
    slug: String,
    title: String,
    number: Option<String>,
    url: String,
    task_count: usize,
    groups: Vec<Group>,
}

#[derive(Serialize)]
pub(crate) struct PlanView {
    slug: String,
    title: String,
    number: Option<String>,
    doc_type: Option<String>,
    issuer: Option<String>,
    issued: DateView,
    signer: Option<String>,
    signer_title: Option<String>,
    year: Option<i64>,
    based_on: Vec<String>,
    content: Arc<str>,
    progress: u8,
    task_count: usize,
    overdue_count: usize,
    status_counts: Vec<StatusCount>,
    groups: Vec<Group>,
    by_dimension: Vec<ProgressGroup>,
    by_unit: Vec<ProgressGroup>,
}

/// The tasks of one dimension on this page.
#[derive(Serialize)]
struct Group {
    #[serde(rename = "ref")]
    reference: Ref,
    /// The progress of all the dimension's tasks in the plan (page 1 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    progress: Option<u8>,
    tasks: Vec<TaskSummary>,
}

/// Page 1: the plan's file and the front matter of all its tasks (it shows their progress);
/// the others: the plan's front matter, how many tasks it has and the page's tasks.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize, n: usize) -> u64 {
    let p = &ctx.model.plans[i];
    let (all, _) = ctx.paged.lists(Paged::Plan(i));
    let fronts = &ctx.model.index.fronts[crate::model::list::TASKS];
    if n == 1 {
        let tasks: Vec<u64> = all.iter().map(|&k| fronts[k]).collect();
        return crate::fingerprint::of(&(1u8, p.meta.fp, tasks));
    }
    let rows = ctx.item_page(Paged::Plan(i), n).0;
    let tasks: Vec<u64> = rows.iter().map(|&k| fronts[k]).collect();
    crate::fingerprint::of(&(1u8, p.meta.front_fp, n, all.len(), tasks))
}

/// The page's tasks grouped by dimension (the rows are in dimension order), each group with
/// the progress `progress` gives it.
fn groups(ctx: &Ctx<'_>, rows: &[usize], progress: impl Fn(&Ref) -> Option<u8>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for &k in rows {
        let s = ctx.ts(k);
        match groups.last_mut() {
            Some(g) if g.reference.id == s.dimension.id => g.tasks.push(s.clone()),
            _ => groups.push(Group {
                progress: progress(&s.dimension),
                reference: s.dimension.clone(),
                tasks: vec![s.clone()],
            }),
        }
    }
    groups
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize, n: usize, tr: Option<&Translation>) -> Made<PlanPage> {
    let p = &ctx.model.plans[i];
    let paged = Paged::Plan(i);
    let pagination = ctx.item_pagination(paged, n);
    let rows = ctx.item_page(paged, n).0;
    if n > 1 {
        let title = ctx.page_title(&p.title, n);
        let plan = PlanHead {
            slug: p.meta.slug.clone(),
            title: p.title.clone(),
            number: p.number.clone(),
            url: ctx.link(&paged.path(ctx.model, ctx.reg, 1)),
            task_count: ctx.paged.lists(paged).0.len(),
            groups: groups(ctx, rows, |_| None),
        };
        return Made {
            template: "plan.html",
            kind: "plan",
            title,
            view: PlanPage::More { plan, pagination },
        };
    }
    let pairs: Vec<(&Task, &TaskSummary)> = ctx
        .paged
        .lists(paged)
        .0
        .iter()
        .map(|&k| (&*ctx.model.tasks[k], ctx.ts(k)))
        .collect();
    let by_dimension = progress_groups(&pairs, |s| {
        (ctx.reg.dimensions.position(&s.dimension.id), s.dimension.clone())
    });
    let by_unit = progress_groups(&pairs, |s| (ctx.reg.units.position(&s.lead.id), s.lead.clone()));
    let counts = status_counts(ctx.t, pairs.iter().map(|(t, _)| *t));
    let overdue_count = pairs.iter().filter(|(t, _)| t.overdue).count();
    let charts = progress_charts(ctx.t, &by_dimension, &by_unit, &counts, overdue_count);
    let groups = groups(ctx, rows, |r| {
        by_dimension.iter().find(|g| g.reference.id == r.id).map(|g| g.progress)
    });
    let title = tr.and_then(|t| t.title.clone()).unwrap_or_else(|| p.title.clone());
    let plan = PlanView {
        slug: p.meta.slug.clone(),
        title: title.clone(),
        number: p.number.clone(),
        doc_type: p.doc_type.clone(),
        issuer: p.issuer.clone(),
        issued: date(p.issued),
        signer: p.signer.clone(),
        signer_title: p.signer_title.clone(),
        year: p.year,
        based_on: p.based_on.clone(),
        content: tr.map(|t| t.html.clone()).unwrap_or_else(|| p.meta.html.clone()),
        progress: average(pairs.iter().map(|(t, _)| t.progress)),
        task_count: pairs.len(),
        overdue_count,
        status_counts: counts,
        groups,
        by_dimension,
        by_unit,
    };
    Made {
        template: "plan.html",
        kind: "plan",
        title,
        view: PlanPage::First {
            charts,
            plan: Box::new(plan),
            pagination,
        },
    }
}

/// The plan's own date (page 1); on the others, the newest of it and the page's tasks'.
pub(super) fn updated(ctx: &Ctx<'_>, i: usize, n: usize) -> Option<crate::date::Date> {
    let own = ctx.model.plans[i].last_updated();
    let rows = ctx.item_page(Paged::Plan(i), n).0;
    let tasks = rows.iter().filter_map(|&k| ctx.model.tasks[k].last_updated()).max();
    Some(if n == 1 { own } else { tasks.map_or(own, |t| own.max(t)) })
}
