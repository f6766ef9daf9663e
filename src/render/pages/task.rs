//! A task's page: what it is, who leads it, its schedule and progress, its updates and the
//! disclosures that give evidence for it.

use std::sync::Arc;

use serde::Serialize;

use super::Made;
use crate::layout::Section;
use crate::model::Translation;
use crate::render::ctx::Ctx;
use crate::render::view::*;
use crate::routes::{self, Paged};

#[derive(Serialize)]
pub(crate) struct TaskPage<'a> {
    task: TaskView<'a>,
    /// The pages of its evidence.
    pagination: Pagination,
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
    /// The evidence of this page, `per_page` a page.
    evidence: Vec<&'a DisclosureSummary>,
    /// How many disclosures give evidence for it.
    evidence_count: usize,
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

/// The task's file, its plan's front matter, how many disclosures give evidence for it and
/// what a list shows of those of page `n`.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize, n: usize) -> u64 {
    let m = ctx.model;
    let t = &m.tasks[i];
    let plan = m.plans.iter().find(|p| p.meta.slug == t.plan).map(|p| p.meta.front_fp);
    let p = Paged::Task(i);
    let total = ctx.paged.lists(p).0.len();
    let evidence: Vec<u64> = ctx.item_page(p, n).0.iter().map(|&k| ctx.disclosure_keys[k]).collect();
    crate::fingerprint::of(&(2u8, t.meta.fp, plan, n, total, evidence))
}

/// Page `n` of the task's page (the later pages show the rest of its evidence).
pub(super) fn view<'a>(ctx: &'a Ctx<'_>, i: usize, n: usize, tr: Option<&Translation>) -> Made<TaskPage<'a>> {
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
        evidence: ctx.item_page(Paged::Task(i), n).0.iter().map(|&k| ctx.ds(k)).collect(),
        evidence_count: ctx.paged.lists(Paged::Task(i)).0.len(),
        content: tr.map(|t| t.html.clone()).unwrap_or_else(|| t.meta.html.clone()),
    };
    let plain = translated.unwrap_or_else(|| t.title.clone());
    let title = match &t.code {
        Some(code) => format!("{code}. {plain}"),
        None => plain,
    };
    let title = ctx.page_title(&title, n);
    Made {
        template: "task.html",
        kind: "task",
        title,
        view: TaskPage {
            task,
            pagination: ctx.item_pagination(Paged::Task(i), n),
        },
    }
}
