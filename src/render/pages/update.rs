//! An update's page: the news, and the tasks it is about.

use std::sync::Arc;

use serde::Serialize;

use super::Made;
use super::parts::update_summary;
use crate::model::Translation;
use crate::render::ctx::Ctx;
use crate::render::view::*;

#[derive(Serialize)]
pub(crate) struct UpdatePage {
    update: UpdateView,
}

#[derive(Serialize)]
struct UpdateView {
    #[serde(flatten)]
    summary: UpdateSummary,
    tasks: Vec<TaskLink>,
    tags: Vec<String>,
    content: Arc<str>,
}

/// The update's file and the front matter of its tasks.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize) -> u64 {
    let m = ctx.model;
    let u = &m.updates[i];
    let tasks: Vec<u64> = u
        .tasks
        .iter()
        .filter_map(|t| ctx.task_index.get(t.as_str()))
        .map(|&k| m.tasks[k].meta.front_fp)
        .collect();
    crate::fingerprint::of(&(4u8, u.meta.fp, tasks))
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize, tr: Option<&Translation>) -> Made<UpdatePage> {
    let model = ctx.model;
    let u = &model.updates[i];
    let mut summary = update_summary(ctx, u);
    let translated = tr.and_then(|t| t.title.clone());
    if let Some(title) = &translated {
        summary.title = title.clone();
    }
    let tasks = u
        .tasks
        .iter()
        .filter_map(|slug| ctx.task_index.get(slug.as_str()))
        .map(|&k| TaskLink {
            title: model.tasks[k].title.clone(),
            url: ctx.ts(k).url.clone(),
            code: model.tasks[k].code.clone(),
        })
        .collect();
    let update = UpdateView {
        summary,
        tasks,
        tags: u.tags.clone(),
        content: if crate::model::Withdrawal::hides_body(&u.withdrawn) {
            Arc::from("")
        } else {
            tr.map(|t| t.html.clone()).unwrap_or_else(|| u.meta.html.clone())
        },
    };
    Made {
        template: "update.html",
        kind: "update",
        title: translated.unwrap_or_else(|| u.title.clone()),
        view: UpdatePage { update },
    }
}
