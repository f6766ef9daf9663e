//! A task's page: what it is, who leads it, its schedule and progress, its updates and the
//! disclosures that give evidence for it.

use std::sync::Arc;

use serde::Serialize;

use super::Made;
use crate::layout::Section;
use crate::model::Translation;
use crate::render::ctx::Ctx;
use crate::render::view::*;
use crate::routes;

#[derive(Serialize)]
pub(crate) struct TaskPage<'a> {
    task: TaskView<'a>,
}

#[derive(Serialize)]
struct TaskView<'a> {
    #[serde(flatten)]
    summary: TaskSummary,
    plan: PlanLink,
    partners: Vec<Ref>,
    partners_text: Option<String>,
    schedule: ScheduleView,
    updates: Vec<UpdateView>,
    evidence: Vec<&'a DisclosureSummary>,
    content: Arc<str>,
}

#[derive(Serialize)]
struct PlanLink {
    title: String,
    url: String,
    number: Option<String>,
}

#[derive(Serialize)]
struct ScheduleView {
    kind: &'static str,
    label: String,
    start: Option<DateView>,
    due: Option<DateView>,
}

#[derive(Serialize)]
struct UpdateView {
    date: DateView,
    text: String,
    progress: Option<u8>,
    status: Option<StatusView>,
}

/// The task's file, its plan's front matter and that of its evidence.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize) -> u64 {
    let m = ctx.model;
    let t = &m.tasks[i];
    let plan = m.plans.iter().find(|p| p.meta.slug == t.plan).map(|p| p.meta.front_fp);
    let evidence: Vec<u64> = m
        .index
        .evidence
        .get(t.meta.slug.as_str())
        .into_iter()
        .flatten()
        .map(|&k| ctx.disclosure_keys[k as usize])
        .collect();
    crate::fingerprint::of(&(2u8, t.meta.fp, plan, evidence))
}

pub(super) fn view<'a>(ctx: &'a Ctx<'_>, i: usize, tr: Option<&Translation>) -> Made<TaskPage<'a>> {
    let t = &ctx.model.tasks[i];
    let plan = ctx.model.plans.iter().find(|p| p.meta.slug == t.plan);
    let mut summary = ctx.ts(i).clone();
    let translated = tr.and_then(|t| t.title.clone());
    if let Some(title) = &translated {
        summary.title = title.clone();
    }
    let task = TaskView {
        summary,
        plan: PlanLink {
            title: plan.map(|p| p.title.clone()).unwrap_or_default(),
            url: ctx.link(&routes::item(Section::Plan, &t.plan)),
            number: plan.and_then(|p| p.number.clone()),
        },
        partners: t.partners.iter().map(|id| ctx.unit_ref(id)).collect(),
        partners_text: t.partners_text.clone(),
        schedule: ScheduleView {
            kind: t.schedule.code(),
            label: crate::labels::schedule(ctx.t, &t.schedule),
            start: opt_date(t.schedule.start()),
            due: opt_date(t.schedule.due()),
        },
        updates: t
            .updates
            .iter()
            .map(|u| UpdateView {
                date: date(u.date),
                text: u.text.clone(),
                progress: u.progress,
                status: u.status.map(|s| ctx.status(s)),
            })
            .collect(),
        evidence: ctx
            .model
            .index
            .evidence
            .get(t.meta.slug.as_str())
            .map(|v| v.iter().map(|&k| ctx.ds(k as usize)).collect())
            .unwrap_or_default(),
        content: tr.map(|t| t.html.clone()).unwrap_or_else(|| t.meta.html.clone()),
    };
    let plain = translated.unwrap_or_else(|| t.title.clone());
    let title = match &t.code {
        Some(code) => format!("{code}. {plain}"),
        None => plain,
    };
    Made {
        template: "task.html",
        kind: "task",
        title,
        view: TaskPage { task },
    }
}
