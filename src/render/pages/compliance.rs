//! The compliance page: the report of `crate::compliance` for today, in the site's language.
//! Bounded: a category shows its newest 12 periods without an item, and each task list its
//! first 50 (the full report is `/data/compliance.json`).

use serde::Serialize;

use super::Made;
use crate::compliance::{self, State};
use crate::layout::Section;
use crate::render::ctx::{Aggregates, Ctx};
use crate::render::view::{DateView, date};
use crate::routes;

const PERIODS_SHOWN: usize = 12;
const TASKS_SHOWN: usize = 50;

#[derive(Serialize)]
pub(crate) struct CompliancePage {
    today: DateView,
    categories: Vec<CategoryRow>,
    overdue: TaskList,
    quiet: TaskList,
    quiet_title: String,
    problems: String,
    /// What the access-to-information page lacks, in words.
    access_missing: Vec<String>,
    access: String,
    json: String,
    all_overdue: String,
}

#[derive(Serialize)]
struct CategoryRow {
    name: String,
    url: String,
    required: bool,
    count: usize,
    latest: Option<DateView>,
    state: &'static str,
    state_label: String,
    /// "quá 12 ngày", "còn 5 ngày", or none.
    days: Option<String>,
    periods: Vec<String>,
    more_periods: bool,
}

#[derive(Serialize)]
struct TaskList {
    items: Vec<TaskRow>,
    total: usize,
}

#[derive(Serialize)]
struct TaskRow {
    title: String,
    code: Option<String>,
    url: String,
    /// "quá hạn 20 ngày", "95 ngày chưa cập nhật"...
    note: String,
}

/// Everything: the report reads every category and task (and today, as every page does).
pub(super) fn fingerprint(agg: &Aggregates<'_>) -> u64 {
    crate::fingerprint::of(&(19u8, agg.all))
}

pub(super) fn view(ctx: &Ctx<'_>) -> Made<CompliancePage> {
    let r = compliance::report(ctx.cfg, ctx.model, ctx.reg, ctx.today);
    let t = ctx.t;
    let categories = r
        .categories
        .iter()
        .map(|c| {
            let days = match (c.state, c.days) {
                (State::Stale, Some(d)) => Some(t.fill("report_stale_by", &[("days", &d.to_string())])),
                (State::DueSoon, Some(d)) => Some(t.fill("report_due_in", &[("days", &d.to_string())])),
                _ => None,
            };
            let skip = c.missing_periods.len().saturating_sub(PERIODS_SHOWN);
            CategoryRow {
                name: c.name.clone(),
                url: ctx.link(&routes::category(&c.id)),
                required: c.required,
                count: c.count,
                latest: c.latest.as_deref().and_then(|l| crate::date::parse(l).ok()).map(date),
                state: match c.state {
                    State::Ok => "ok",
                    State::Missing => "missing",
                    State::Stale => "stale",
                    State::DueSoon => "due-soon",
                    State::Empty => "empty",
                },
                state_label: t.get(c.state.label_key()).to_string(),
                days,
                periods: c.missing_periods[skip..]
                    .iter()
                    .map(|p| compliance::period_label(p))
                    .collect(),
                more_periods: skip > 0,
            }
        })
        .collect();
    let list = |tasks: &[compliance::TaskState], key: &str| TaskList {
        total: tasks.len(),
        items: tasks
            .iter()
            .take(TASKS_SHOWN)
            .map(|task| TaskRow {
                title: task.title.clone(),
                code: task.code.clone(),
                url: ctx.link(&routes::item(Section::Task, &task.id)),
                note: match task.days {
                    Some(d) => t.fill(key, &[("days", &d.to_string())]),
                    None => t.get("report_no_update").to_string(),
                },
            })
            .collect(),
    };
    Made {
        template: "compliance.html",
        kind: "compliance",
        title: t.get("title_compliance").to_string(),
        view: CompliancePage {
            today: date(ctx.today),
            categories,
            overdue: list(&r.overdue_tasks, "report_days_late"),
            quiet: list(&r.quiet_tasks, "report_days_since_update"),
            quiet_title: t.fill("report_quiet_tasks", &[("days", &r.task_update_days.to_string())]),
            problems: t.fill("report_problems", &[("n", &r.problems.to_string())]),
            access_missing: r
                .access_missing
                .iter()
                .map(|p| t.get(compliance::access_label_key(p)).to_string())
                .collect(),
            access: ctx.link(routes::ACCESS),
            json: ctx.link("data/compliance.json"),
            all_overdue: ctx.link(&crate::routes::TaskFilter::Overdue.path(ctx.reg, 1)),
        },
    }
}
