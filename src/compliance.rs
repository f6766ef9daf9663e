//! What the office still owes its citizens, from the model and today's date: for every category
//! of `data/categories.yaml`, whether something is published and fresh, and which periods of
//! its cycle have nothing; the tasks past their due date, and those in progress without news.
//! `congkhai report` prints it, `/compliance/` shows it and `/data/compliance.json` holds it.

use serde::Serialize;

use crate::config::SiteConfig;
use crate::data::{Category, Registry};
use crate::date::{Date, iso};
use crate::model::{Model, Status, Task};
use crate::period::{Cycle, Period};

/// A category whose newest item turns stale within this many days is "due soon".
pub const DUE_SOON_DAYS: i64 = 14;

/// At most this many of the newest periods of a cycle are looked at.
pub const MAX_PERIODS: usize = 120;

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The day it is made for.
    pub today: String,
    /// Every category, in the data file's order.
    pub categories: Vec<CategoryState>,
    /// Tasks past their due date and not done.
    pub overdue_tasks: Vec<TaskState>,
    /// Tasks in progress whose newest update is older than `task_update_days` (or that have
    /// none).
    pub quiet_tasks: Vec<TaskState>,
    /// The setting of site.yaml.
    pub task_update_days: u32,
    /// What the access-to-information page lacks: `focal_point`, `request_page`,
    /// `on_request` (see `validate`, which warns about each).
    pub access_missing: Vec<&'static str>,
    /// What `--strict` fails on: categories missing or stale, periods without an item, and
    /// what the access-to-information page lacks.
    pub problems: usize,
}

/// Where a category stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Published and fresh.
    Ok,
    /// Required, and nothing published.
    Missing,
    /// The newest item is older than `max_age_days`.
    Stale,
    /// The newest item turns stale within `DUE_SOON_DAYS`.
    DueSoon,
    /// Not required, and nothing published.
    Empty,
}

impl State {
    /// The key of its label in the UI strings.
    pub fn label_key(self) -> &'static str {
        match self {
            State::Ok => "state_ok",
            State::Missing => "state_missing",
            State::Stale => "state_stale",
            State::DueSoon => "state_due_soon",
            State::Empty => "state_empty",
        }
    }
}

/// One category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryState {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Required by law.
    pub required: bool,
    /// Items published.
    pub count: usize,
    /// The newest one's date.
    pub latest: Option<String>,
    /// The setting.
    pub max_age_days: Option<u32>,
    /// Where it stands.
    pub state: State,
    /// Stale: by how many days; due soon: in how many days.
    pub days: Option<i64>,
    /// Its cycle.
    pub cycle: Option<Cycle>,
    /// The ended periods of its cycle with no item (`2025-Q2`), oldest first.
    pub missing_periods: Vec<String>,
}

/// One task.
#[derive(Debug, Clone, Serialize)]
pub struct TaskState {
    /// Slug.
    pub id: String,
    /// Code in the plan.
    pub code: Option<String>,
    /// Title.
    pub title: String,
    /// Due date.
    pub due: Option<String>,
    /// The newest update's date.
    pub last_update: Option<String>,
    /// Overdue: days past the due date; quiet: days since the newest update (none without
    /// one).
    pub days: Option<i64>,
}

/// The report for `today`.
pub fn report(cfg: &SiteConfig, model: &Model, reg: &Registry, today: Date) -> Report {
    let categories: Vec<CategoryState> = reg.categories.items.iter().map(|c| category(model, c, today)).collect();
    let overdue_tasks: Vec<TaskState> = model
        .tasks
        .iter()
        .filter(|t| t.overdue)
        .map(|t| task(t, t.schedule.due().map(|d| (today - d).num_days())))
        .collect();
    let limit = i64::from(cfg.task_update_days);
    let quiet_tasks = model
        .tasks
        .iter()
        .filter(|t| t.status == Status::InProgress)
        .filter_map(|t| {
            let last = t.updates.iter().map(|u| u.date).max();
            let days = last.map(|d| (today - d).num_days());
            days.is_none_or(|d| d > limit).then(|| task(t, days))
        })
        .collect();
    let access_missing = access_missing(cfg, model, reg);
    let problems = categories
        .iter()
        .map(|c| usize::from(matches!(c.state, State::Missing | State::Stale)) + c.missing_periods.len())
        .sum::<usize>()
        + access_missing.len();
    Report {
        today: iso(today),
        categories,
        overdue_tasks,
        quiet_tasks,
        task_update_days: cfg.task_update_days,
        access_missing,
        problems,
    }
}

/// What the access-to-information page needs and the site lacks: `focal_point`,
/// `request_page`, `on_request` (validation says each in words).
pub fn access_missing(cfg: &SiteConfig, model: &Model, reg: &Registry) -> Vec<&'static str> {
    let slug = cfg.request_page_slug();
    let mut out = Vec::new();
    if cfg.focal_point.is_none() {
        out.push("focal_point");
    }
    if !model.pages.iter().any(|p| p.meta.slug == slug) {
        out.push("request_page");
    }
    if !reg.categories.items.iter().any(|c| c.on_request == Some(true)) {
        out.push("on_request");
    }
    out
}

/// The label key of a missing part of the access-to-information page.
pub fn access_label_key(part: &str) -> &'static str {
    match part {
        "focal_point" => "access_focal_none",
        "request_page" => "access_request_none",
        _ => "access_on_request_none",
    }
}

fn category(model: &Model, c: &Category, today: Date) -> CategoryState {
    let id = c.id.clone().unwrap_or_default();
    let items: Vec<&crate::model::Disclosure> = model
        .disclosures
        .iter()
        // A withdrawn item no longer counts as published.
        .filter(|d| d.category == id && d.withdrawn.is_none())
        .map(|d| &**d)
        .collect();
    let latest = items.iter().map(|d| d.published).max();
    let required = c.required.unwrap_or(false);
    let generated = c.generated_page.is_some();
    let (state, days) = match (latest, c.max_age_days) {
        // congkhai makes and keeps that page itself, at every build.
        _ if generated => (State::Ok, None),
        (None, _) if required => (State::Missing, None),
        (None, _) => (State::Empty, None),
        (Some(l), Some(max)) => {
            let left = i64::from(max) - (today - l).num_days();
            if left < 0 {
                (State::Stale, Some(-left))
            } else if left <= DUE_SOON_DAYS {
                (State::DueSoon, Some(left))
            } else {
                (State::Ok, None)
            }
        }
        (Some(_), None) => (State::Ok, None),
    };
    let missing_periods = match (c.cycle(), c.since()) {
        (Some(cycle), Some(since)) => Period::ended(cycle, since, today, MAX_PERIODS)
            .into_iter()
            .filter(|p| {
                !items
                    .iter()
                    .any(|d| d.period.unwrap_or_else(|| Period::containing(cycle, d.published)) == *p)
            })
            .map(Period::id)
            .collect(),
        _ => Vec::new(),
    };
    CategoryState {
        name: c.name.clone().unwrap_or_default(),
        required,
        count: items.len(),
        latest: latest.map(iso),
        max_age_days: c.max_age_days,
        state,
        days,
        cycle: c.cycle(),
        missing_periods,
        id,
    }
}

fn task(t: &Task, days: Option<i64>) -> TaskState {
    TaskState {
        id: t.meta.slug.clone(),
        code: t.code.clone(),
        title: t.title.clone(),
        due: t.schedule.due().map(iso),
        last_update: t.updates.iter().map(|u| u.date).max().map(iso),
        days,
    }
}

/// A period's id as shown (`2025-Q2` → `Q2/2025`).
pub fn period_label(id: &str) -> String {
    Period::parse(id).map_or_else(|| id.to_string(), Period::label)
}

/// The report as lines of text for `congkhai report`, in the language of `t`.
pub fn text(r: &Report, t: &crate::i18n::Strings) -> String {
    use std::fmt::Write as _;
    let display = |iso: &str| crate::date::parse(iso).map_or_else(|_| iso.to_string(), crate::date::display);
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", t.get("title_compliance"), display(&r.today));
    let _ = writeln!(out, "\n{}:", t.get("title_categories"));
    for c in &r.categories {
        let mut line = format!("  [{}] {} ({})", t.get(c.state.label_key()), c.name, c.id);
        if let Some(l) = &c.latest {
            let _ = write!(
                line,
                ": {} {}",
                t.get("latest_disclosure_date").to_lowercase(),
                display(l)
            );
        }
        match (c.state, c.days) {
            (State::Stale, Some(d)) => {
                let _ = write!(line, "; {}", t.fill("report_stale_by", &[("days", &d.to_string())]));
            }
            (State::DueSoon, Some(d)) => {
                let _ = write!(line, "; {}", t.fill("report_due_in", &[("days", &d.to_string())]));
            }
            _ => {}
        }
        let _ = writeln!(out, "{line}");
        for p in &c.missing_periods {
            let _ = writeln!(out, "      {}: {}", period_label(p), t.get("period_missing"));
        }
    }
    let tasks = |out: &mut String, title: String, list: &[TaskState], key: &str| {
        let _ = writeln!(out, "\n{title}: {}", list.len());
        for task in list {
            let code = task.code.as_deref().map(|c| format!("{c}. ")).unwrap_or_default();
            let days = match task.days {
                Some(d) => t.fill(key, &[("days", &d.to_string())]),
                None => t.get("report_no_update").to_string(),
            };
            let _ = writeln!(out, "  {code}{} ({}): {days}", task.title, task.id);
        }
    };
    if !r.access_missing.is_empty() {
        let _ = writeln!(out, "\n{}:", t.get("title_access"));
        for part in &r.access_missing {
            let _ = writeln!(out, "  [{}] {}", t.get("state_missing"), t.get(access_label_key(part)));
        }
    }
    tasks(
        &mut out,
        t.get("report_overdue_tasks").to_string(),
        &r.overdue_tasks,
        "report_days_late",
    );
    let quiet = t.fill("report_quiet_tasks", &[("days", &r.task_update_days.to_string())]);
    tasks(&mut out, quiet, &r.quiet_tasks, "report_days_since_update");
    let _ = writeln!(
        out,
        "\n{}",
        t.fill("report_problems", &[("n", &r.problems.to_string())])
    );
    out
}
