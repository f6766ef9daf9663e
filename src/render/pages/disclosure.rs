//! A disclosure's page: the document's facts, its text, its attachments with size, type and
//! SHA-256, its revisions, and the task it gives evidence for.

use std::sync::Arc;

use serde::Serialize;

use super::Made;
use crate::model::Translation;
use crate::render::ctx::Ctx;
use crate::render::view::*;
use crate::routes;

#[derive(Serialize)]
pub(crate) struct DisclosurePage {
    disclosure: DisclosureView,
}

#[derive(Serialize)]
struct DisclosureView {
    #[serde(flatten)]
    summary: DisclosureSummary,
    issuer: Option<String>,
    issued: Option<DateView>,
    signer: Option<String>,
    expires: Option<DateView>,
    task: Option<TaskLink>,
    attachments: Vec<AttachmentView>,
    revisions: Vec<RevisionView>,
    tags: Vec<String>,
    content: Arc<str>,
    /// The documents it replaces or amends, and those that replace or amend it.
    relations: Vec<RelationGroup>,
}

/// The related documents of one kind ("Bị thay thế bởi").
#[derive(Serialize)]
struct RelationGroup {
    /// `replaces`, `replaced-by`, `amends` or `amended-by`.
    code: &'static str,
    label: String,
    items: Vec<RelatedDoc>,
}

#[derive(Serialize)]
struct RelatedDoc {
    title: String,
    url: String,
    number: Option<String>,
    /// It was withdrawn (and so replaces nothing).
    withdrawn: bool,
}

#[derive(Serialize)]
struct RevisionView {
    date: DateView,
    note: String,
}

/// The first rows of a CSV attachment, with what is left out.
fn table_view(ctx: &Ctx<'_>, t: &crate::attachments::Table) -> TableView {
    let more = |key: &str, shown: usize, total: usize| {
        (shown < total).then(|| {
            ctx.t
                .fill(key, &[("shown", &shown.to_string()), ("total", &total.to_string())])
        })
    };
    TableView {
        more_rows: more("csv_more_rows", t.rows.len(), t.total_rows),
        more_columns: more("csv_more_columns", t.header.len(), t.total_columns),
        header: t.header.clone(),
        rows: t.rows.clone(),
    }
}

/// The disclosure's file, its task's front matter, and its attachments as read on disk.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize) -> u64 {
    let m = ctx.model;
    let d = &m.disclosures[i];
    let task = d
        .task
        .as_ref()
        .and_then(|t| ctx.task_index.get(t.as_str()))
        .map(|&k| m.tasks[k].meta.front_fp);
    let related = ctx.disclosure_keys[i];
    crate::fingerprint::of(&(3u8, d.meta.fp, task, ctx.attachment_facts(d), related))
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize, tr: Option<&Translation>) -> Made<DisclosurePage> {
    let d = &ctx.model.disclosures[i];
    let mut summary = ctx.ds(i).clone();
    let translated = tr.and_then(|t| t.title.clone());
    if let Some(title) = &translated {
        summary.title = title.clone();
    }
    let task = d.task.as_ref().and_then(|t| ctx.task_index.get(t.as_str())).map(|&k| {
        let t = &ctx.model.tasks[k];
        TaskLink {
            title: t.title.clone(),
            url: ctx.ts(k).url.clone(),
            code: t.code.clone(),
        }
    });
    // A withdrawal that hides the body takes the files away too.
    let hidden = crate::model::Withdrawal::hides_body(&d.withdrawn);
    let attachments = d
        .attachments
        .iter()
        .filter(|_| !hidden)
        .map(|a| {
            let (size, sha) = ctx.facts.get(&a.src).cloned().unwrap_or_default();
            let out = routes::attachment(&d.meta.slug, a);
            let file_name = out.rsplit('/').next().unwrap_or(&out).to_string();
            AttachmentView {
                title: a.title.clone(),
                url: ctx.link(&crate::url::encode_path(&out)),
                media_type: crate::render::media_type(&file_name),
                file_name,
                size,
                size_label: size_label(size),
                sha256: sha,
                table: ctx.tables.get(&a.src).map(|t| table_view(ctx, t)),
            }
        })
        .collect();
    let disclosure = DisclosureView {
        summary,
        issuer: d.issuer.clone(),
        issued: opt_date(d.issued),
        signer: d.signer.clone(),
        expires: opt_date(d.expires),
        task,
        attachments,
        revisions: d
            .revisions
            .iter()
            .map(|r| RevisionView {
                date: date(r.date),
                note: r.note.clone(),
            })
            .collect(),
        tags: d.tags.clone(),
        relations: relations(ctx, i),
        content: if hidden {
            Arc::from("")
        } else {
            tr.map(|t| t.html.clone()).unwrap_or_else(|| d.meta.html.clone())
        },
    };
    Made {
        template: "disclosure.html",
        kind: "disclosure",
        title: translated.unwrap_or_else(|| d.title.clone()),
        view: DisclosurePage { disclosure },
    }
}

/// The disclosures related to disclosure `i`, grouped by relation, in the order of `Rel::ALL`.
fn relations(ctx: &Ctx<'_>, i: usize) -> Vec<RelationGroup> {
    use crate::model::Rel;
    let rels = ctx.model.relations_of(i);
    Rel::ALL
        .iter()
        .filter_map(|&kind| {
            let items: Vec<RelatedDoc> = rels
                .iter()
                .filter(|(r, _)| *r == kind)
                .map(|&(_, j)| {
                    let s = ctx.ds(j as usize);
                    RelatedDoc {
                        title: s.title.clone(),
                        url: s.url.clone(),
                        number: s.number.clone(),
                        withdrawn: s.withdrawn.is_some(),
                    }
                })
                .collect();
            let key = match kind {
                Rel::Replaces => "rel_replaces",
                Rel::ReplacedBy => "rel_replaced_by",
                Rel::Amends => "rel_amends",
                Rel::AmendedBy => "rel_amended_by",
            };
            (!items.is_empty()).then(|| RelationGroup {
                code: kind.code(),
                label: ctx.t.get(key).to_string(),
                items,
            })
        })
        .collect()
}
