//! The home page: the office's plans, progress by dimension and unit, overdue tasks, the
//! latest disclosures and updates, and whom to contact.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::Made;
use super::parts::*;
use crate::date::Date;
use crate::model::{Task, Translation};
use crate::render::ctx::{Aggregates, Ctx};
use crate::render::view::*;
use crate::routes::TaskFilter;

#[derive(Serialize)]
pub(crate) struct HomeView<'a> {
    intro: Option<Arc<str>>,
    plans: Vec<PlanSummary>,
    charts: BTreeMap<&'static str, String>,
    by_dimension: Vec<ProgressGroup>,
    by_unit: Vec<ProgressGroup>,
    status_counts: Vec<StatusCount>,
    overdue_count: usize,
    filters: Filters,
    /// The most overdue tasks (`OVERDUE`), due longest ago first.
    overdue: Vec<TaskSummary>,
    /// The list of every overdue task.
    overdue_url: String,
    latest_disclosures: Vec<&'a DisclosureSummary>,
    latest_updates: Vec<UpdateSummary>,
    units: Vec<UnitView>,
    /// On a site that holds consultations: those open today.
    consultations: Option<OpenConsultations<'a>>,
}

/// The consultations open today, closing soonest first (a few), and the link to all.
#[derive(Serialize)]
struct OpenConsultations<'a> {
    items: Vec<&'a DisclosureSummary>,
    open_count: usize,
    url: String,
}

/// How many open consultations the home page shows.
const OPEN_CONSULTATIONS: usize = 5;

/// How many overdue tasks the home page shows.
const OVERDUE: usize = 5;

/// The `OVERDUE` tasks most days late: the earliest due date first, then in list order.
fn most_overdue(ctx: &Ctx<'_>) -> Vec<TaskSummary> {
    let mut late: Vec<(Option<Date>, usize)> = ctx
        .filter_members(TaskFilter::Overdue)
        .iter()
        .map(|&k| (ctx.model.tasks[k].schedule.due(), k))
        .collect();
    late.sort_unstable();
    late.into_iter().take(OVERDUE).map(|(_, k)| ctx.ts(k).clone()).collect()
}

/// Every item's front matter (the page summarises them all) and the introduction.
pub(super) fn fingerprint(ctx: &Ctx<'_>, agg: &Aggregates<'_>) -> u64 {
    let home = ctx.model.home.as_ref().map(|h| (&h.html, &h.title, h.updated));
    crate::fingerprint::of(&(10u8, agg.all, home))
}

pub(super) fn view<'a>(ctx: &'a Ctx<'_>, tr: Option<&Translation>) -> Made<HomeView<'a>> {
    let model = ctx.model;
    let pairs: Vec<(&Task, &TaskSummary)> = model.tasks.iter().enumerate().map(|(i, t)| (&**t, ctx.ts(i))).collect();
    let by_dimension = progress_groups(&pairs, |s| (s.dimension.id.clone(), s.dimension.clone()));
    let by_unit = progress_groups(&pairs, |s| (s.lead.id.clone(), s.lead.clone()));
    let counts = status_counts(ctx.t, model.tasks.iter().map(|t| &**t));
    let overdue_count = model.tasks.iter().filter(|t| t.overdue).count();
    let title = tr
        .and_then(|t| t.title.clone())
        .or_else(|| model.home.as_ref().and_then(|h| h.title.clone()))
        .unwrap_or_else(|| ctx.cfg.title.clone());
    Made {
        template: "index.html",
        kind: "home",
        title,
        view: HomeView {
            intro: tr
                .map(|t| t.html.clone())
                .or_else(|| model.home.as_ref().map(|h| h.html.clone())),
            plans: plan_summaries(ctx),
            charts: progress_charts(ctx.t, &by_dimension, &by_unit, &counts, overdue_count),
            by_dimension,
            by_unit,
            status_counts: counts,
            overdue_count,
            filters: filter_links(ctx, None, false),
            overdue: most_overdue(ctx),
            overdue_url: ctx.link(&TaskFilter::Overdue.path(ctx.reg, 1)),
            // Withdrawn items leave the latest: their categories and pages keep them.
            latest_disclosures: (0..model.disclosures.len())
                .filter(|&i| model.disclosures[i].withdrawn.is_none())
                .take(5)
                .map(|i| ctx.ds(i))
                .collect(),
            latest_updates: model
                .updates
                .iter()
                .filter(|u| u.withdrawn.is_none())
                .take(5)
                .map(|u| update_summary(ctx, u))
                .collect(),
            units: (0..ctx.reg.units.items.len())
                .map(|i| unit_view(ctx, i, None))
                .collect(),
            consultations: (!model.index.consultations.is_empty()).then(|| {
                let (items, open_count) = super::consultations::open_now(ctx, OPEN_CONSULTATIONS);
                OpenConsultations {
                    items,
                    open_count,
                    url: ctx.link(crate::routes::CONSULTATIONS),
                }
            }),
        },
    }
}

/// The introduction's own `updated`, else the newest date of every item.
pub(super) fn updated(ctx: &Ctx<'_>) -> Option<Date> {
    let m = ctx.model;
    if let Some(d) = m.home.as_ref().and_then(|h| h.updated) {
        return Some(d);
    }
    [
        m.plans.iter().map(|p| p.last_updated()).max(),
        m.tasks.iter().filter_map(|t| t.last_updated()).max(),
        m.disclosures.iter().map(|d| d.last_updated()).max(),
        m.updates.iter().map(|u| u.last_updated()).max(),
    ]
    .into_iter()
    .flatten()
    .max()
}
