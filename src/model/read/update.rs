//! The front matter of a update.

use super::super::fields::{Fields, field, front};
use super::super::*;

front!(
    /// The front matter of a update.
    UpdateFront { date, summary, tasks, tags, withdrawn }
);

pub(super) fn read_update(
    f: &mut Fields<'_>,
    meta: Meta,
    title: Option<String>,
    mut front: UpdateFront,
) -> Option<Update> {
    let date = f.req_date(field!(front.date), "the date of the update, e.g. `date: 2025-06-30`");
    let summary = f.text(field!(front.summary));
    let tasks = f.text_list(field!(front.tasks));
    let tags = f.text_list(field!(front.tags));
    let withdrawn = super::read_withdrawal(f, front.withdrawn.take());
    Some(Update {
        meta,
        title: title?,
        date: date?,
        summary,
        tasks,
        tags,
        withdrawn,
    })
}
