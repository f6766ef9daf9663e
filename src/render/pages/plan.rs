//! A plan's page: its document facts, its text, and its tasks grouped by dimension with
//! progress charts.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::Made;
use super::parts::*;
use crate::model::{Task, Translation};
use crate::render::ctx::Ctx;
use crate::render::view::*;

#[derive(Serialize)]
pub(crate) struct PlanPage {
    charts: BTreeMap<&'static str, String>,
    plan: PlanView,
}

#[derive(Serialize)]
struct PlanView {
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

/// The tasks of one dimension.
#[derive(Serialize)]
struct Group {
    #[serde(rename = "ref")]
    reference: Ref,
    progress: u8,
    tasks: Vec<TaskSummary>,
}

/// The plan's file and the front matter of its tasks.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize) -> u64 {
    let m = ctx.model;
    let p = &m.plans[i];
    let tasks: Vec<u64> = m
        .tasks
        .iter()
        .filter(|t| t.plan == p.meta.slug)
        .map(|t| t.meta.front_fp)
        .collect();
    crate::fingerprint::of(&(1u8, p.meta.fp, tasks))
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize, tr: Option<&Translation>) -> Made<PlanPage> {
    let p = &ctx.model.plans[i];
    let pairs: Vec<(&Task, &TaskSummary)> = ctx
        .model
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.plan == p.meta.slug)
        .map(|(i, t)| (&**t, ctx.ts(i)))
        .collect();
    let by_dimension = progress_groups(&pairs, |s| {
        (ctx.reg.dimensions.position(&s.dimension.id), s.dimension.clone())
    });
    let by_unit = progress_groups(&pairs, |s| (ctx.reg.units.position(&s.lead.id), s.lead.clone()));
    let counts = status_counts(ctx.t, pairs.iter().map(|(t, _)| *t));
    let overdue_count = pairs.iter().filter(|(t, _)| t.overdue).count();
    let charts = progress_charts(ctx.t, &by_dimension, &by_unit, &counts, overdue_count);
    let groups: Vec<Group> = by_dimension
        .iter()
        .map(|g| Group {
            tasks: pairs
                .iter()
                .filter(|(_, s)| s.dimension.id == g.reference.id)
                .map(|(_, s)| (*s).clone())
                .collect(),
            reference: g.reference.clone(),
            progress: g.progress,
        })
        .collect();
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
        view: PlanPage { charts, plan },
    }
}
