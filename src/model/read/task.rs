//! The front matter of a task.

use serde_json::Value;

use super::super::fields::{self, Fields, field, front};
use super::super::*;
use crate::diag::Diagnostic;
use crate::slug;

front!(
    /// The front matter of a task.
    TaskFront { plan, code, dimension, lead, partners, partners_text, schedule, status, progress, updates }
);

pub(super) fn read_task(
    f: &mut Fields<'_>,
    meta: Meta,
    title: Option<String>,
    mut front: TaskFront,
    settings: Settings,
) -> Option<Task> {
    let plan = f.req_text(
        field!(front.plan),
        "the slug of the plan this task belongs to, e.g. `plan: ke-hoach-326-kh-vpubnd`",
    );
    let code = f.text(field!(front.code));
    let dimension = f.req_text(field!(front.dimension), "the id of a dimension in data/dimensions.yaml");
    let lead = f.req_text(
        field!(front.lead),
        "the id of the lead unit (đơn vị chủ trì) in data/units.yaml",
    );
    let partners = f.text_list(field!(front.partners));
    let partners_text = f.text(field!(front.partners_text));
    let schedule = read_schedule(f, front.schedule.take());
    let status_line = f.pos.line_of("status");
    let status = match f.text(field!(front.status)) {
        None => None,
        Some(s) => match Status::parse(&s) {
            Some(st) => Some(st),
            None => {
                f.error(
                    status_line,
                    format!("unknown status `{s}`: expected one of not-started, in-progress, done, paused"),
                );
                None
            }
        },
    };
    let progress_line = f.pos.line_of("progress");
    let progress = f.percent(field!(front.progress), progress_line);
    let updates = read_updates(f, front.updates.take());
    let status = status
        .or_else(|| updates.iter().find_map(|u| u.status))
        .unwrap_or(Status::NotStarted);
    let progress = progress
        .or_else(|| updates.iter().find_map(|u| u.progress))
        .unwrap_or(if status == Status::Done { 100 } else { 0 });
    let schedule = schedule?;
    let overdue = is_overdue(&schedule, status, settings.today);
    Some(Task {
        meta,
        title: title?,
        plan: plan?,
        code,
        dimension: dimension?,
        lead: lead?,
        partners,
        partners_text,
        schedule,
        status,
        progress,
        updates,
        overdue,
    })
}

/// `schedule`: `ongoing`, `on-request` (also in Vietnamese words) or `{start, due}` dates.
fn read_schedule(f: &mut Fields<'_>, value: Option<Value>) -> Option<Schedule> {
    let schedule_line = f.pos.line_of("schedule");
    match value {
        None => {
            f.missing("schedule", "`ongoing` (thường xuyên), `on-request` (khi có đề nghị), or dates `{start: YYYY-MM-DD, due: YYYY-MM-DD}`");
            None
        }
        Some(Value::String(s)) => match slug::fold(&s).as_str() {
            "ongoing" | "thuong-xuyen" => Some(Schedule::Ongoing),
            "on-request" | "khi-co-de-nghi" => Some(Schedule::OnRequest),
            _ => {
                f.error(schedule_line, format!("unknown schedule `{s}`: expected `ongoing`, `on-request` or dates `{{start: YYYY-MM-DD, due: YYYY-MM-DD}}`"));
                None
            }
        },
        Some(Value::Object(m)) => {
            let mut bad = false;
            let mut get = |k: &str| -> Option<Date> {
                let v = m.get(k)?;
                let s = fields::scalar_text(v).unwrap_or_default();
                match crate::date::parse(&s) {
                    Ok(d) => Some(d),
                    Err(msg) => {
                        f.error(schedule_line, format!("`schedule.{k}`: {msg}"));
                        bad = true;
                        None
                    }
                }
            };
            let start = get("start");
            let due = get("due");
            for k in m.keys() {
                if k != "start" && k != "due" {
                    f.error(
                        schedule_line,
                        format!("unknown field `schedule.{k}`: a dated schedule has `start` and `due`"),
                    );
                    bad = true;
                }
            }
            if !bad && start.is_none() && due.is_none() {
                f.error(
                    schedule_line,
                    "a dated schedule needs `due`, `start` or both, e.g. `{start: 2025-05-01, due: 2025-09-30}` (with `start` alone the task has no due date and is never overdue)",
                );
                bad = true;
            }
            if let (Some(s), Some(d)) = (start, due) {
                // Likely a typo, but the dates are real and the task can still be shown, so it is
                // a warning: the due date is what makes a task overdue.
                if d < s {
                    f.diags.push(Diagnostic::warning(
                        f.rel,
                        schedule_line,
                        1,
                        format!("`schedule.due` ({d}) is before `schedule.start` ({s}): check the dates"),
                    ));
                }
            }
            if bad {
                None
            } else {
                Some(Schedule::Dated { start, due })
            }
        }
        Some(_) => {
            f.error(
                schedule_line,
                "`schedule` must be `ongoing`, `on-request` or dates `{start: YYYY-MM-DD, due: YYYY-MM-DD}`",
            );
            None
        }
    }
}

/// `updates`: dated notes of what was done, newest first (for one day, the later item in
/// the file is the newer).
fn read_updates(f: &mut Fields<'_>, value: Option<Value>) -> Vec<TaskUpdate> {
    let mut updates = Vec::new();
    for (line, m) in f.map_list(("updates", value), None) {
        let date = match m.get("date").and_then(fields::scalar_text) {
            None => {
                f.error(line, "each update needs `date: YYYY-MM-DD`");
                None
            }
            Some(s) => match crate::date::parse(&s) {
                Ok(d) => Some(d),
                Err(msg) => {
                    f.error(line, format!("update `date`: {msg}"));
                    None
                }
            },
        };
        let text = m
            .get("text")
            .and_then(fields::scalar_text)
            .filter(|t| !t.trim().is_empty());
        if text.is_none() {
            f.error(line, "each update needs `text:` saying what was done");
        }
        let progress = f.percent(("progress", m.get("progress").cloned()), line);
        let status = match m.get("status").and_then(fields::scalar_text) {
            None => None,
            Some(s) => {
                let st = Status::parse(&s);
                if st.is_none() {
                    f.error(
                        line,
                        format!("unknown status `{s}`: expected one of not-started, in-progress, done, paused"),
                    );
                }
                st
            }
        };
        f.sub_keys(line, &m, "update", &["date", "text", "progress", "status"]);
        if let (Some(date), Some(text)) = (date, text) {
            updates.push(TaskUpdate {
                date,
                text,
                progress,
                status,
            });
        }
    }
    // Newest first; for one day, the later item in the file is the newer.
    let mut indexed: Vec<(usize, TaskUpdate)> = updates.into_iter().enumerate().collect();
    indexed.sort_by(|(ia, a), (ib, b)| b.date.cmp(&a.date).then(ib.cmp(ia)));
    indexed.into_iter().map(|(_, u)| u).collect()
}
