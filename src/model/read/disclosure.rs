//! The front matter of a disclosure.

use serde_json::Value;

use super::super::fields::{self, Fields, field, front};
use super::super::*;

front!(
    /// The front matter of a disclosure.
    DisclosureFront { category, published, number, doc_type, issuer, issued, signer, task, attachments, revisions, effective, expires, replaces, amends, consultation, tags, period, nothing_to_report, withdrawn }
);

/// Reads a disclosure; its attachments go to `attachments` (and into the disclosure when it
/// has no errors).
pub(super) fn read_disclosure(
    f: &mut Fields<'_>,
    meta: Meta,
    title: Option<String>,
    mut front: DisclosureFront,
    attachments: &mut Vec<Attachment>,
) -> Option<Disclosure> {
    let category = f.req_text(field!(front.category), "the id of a category in data/categories.yaml");
    let published = f.req_date(
        field!(front.published),
        "the date it was made public (ngày công khai), e.g. `published: 2025-06-30`",
    );
    let number = f.text(field!(front.number));
    let doc_type = f.text(field!(front.doc_type));
    let issuer = f.text(field!(front.issuer));
    let issued = f.date(field!(front.issued));
    let signer = f.text(field!(front.signer));
    let task = f.text(field!(front.task));
    let effective = f.date(field!(front.effective));
    let expires = f.date(field!(front.expires));
    if let (Some(from), Some(end)) = (effective, expires)
        && end < from
    {
        f.key_error(
            "expires",
            format!(
                "`expires` ({}) is before `effective` ({}): a document cannot stop being in force before it starts",
                crate::date::iso(end),
                crate::date::iso(from)
            ),
        );
    }
    let replaces = f.text_list(field!(front.replaces));
    let amends = f.text_list(field!(front.amends));
    let consultation = super::consultation::read_consultation(f, front.consultation.take());
    let tags = f.text_list(field!(front.tags));
    let period_given = front.period.is_some();
    let period = f
        .text(field!(front.period))
        .and_then(|s| match crate::period::Period::parse(&s) {
            Some(p) => Some(p),
            None => {
                f.key_error(
                    "period",
                    format!(
                        "`period`: `{s}` is not a period: write a month `2025-09`, a quarter `2025-Q3` or a year `2025`"
                    ),
                );
                None
            }
        });
    let nothing_to_report = f.boolean(field!(front.nothing_to_report)).unwrap_or(false);
    if nothing_to_report && !period_given {
        f.key_error(
            "nothing_to_report",
            "`nothing_to_report: true` needs `period:`, the month, quarter or year with nothing to report (e.g. `period: 2025-Q3`)",
        );
    }
    let withdrawn = super::read_withdrawal(f, front.withdrawn.take());
    attachments.extend(read_attachments(f, front.attachments.take(), &meta));
    let revisions = read_revisions(f, front.revisions.take());
    Some(Disclosure {
        meta,
        title: title?,
        category: category?,
        published: published?,
        number,
        doc_type,
        issuer,
        issued,
        signer,
        task,
        attachments: attachments.clone(),
        revisions,
        effective,
        expires,
        replaces,
        amends,
        consultation,
        tags,
        period,
        nothing_to_report,
        withdrawn,
    })
}

/// `attachments`: each a `file` beside the content file or under static/ (`/files/...`), with
/// an optional `title` (the file name when absent).
fn read_attachments(f: &mut Fields<'_>, value: Option<Value>, meta: &Meta) -> Vec<Attachment> {
    let mut attachments = Vec::new();
    for (line, m) in f.map_list(("attachments", value), Some("file")) {
        f.sub_keys(line, &m, "attachment", &["file", "title"]);
        let Some(file) = m
            .get("file")
            .and_then(fields::scalar_text)
            .filter(|s| !s.trim().is_empty())
        else {
            f.error(
                line,
                "each attachment needs `file:` (a path beside this file, or starting with `/` for static/)",
            );
            continue;
        };
        let file = file.trim().to_string();
        let title = match m.get("title") {
            None | Some(serde_json::Value::Null) => None,
            Some(v) => match fields::scalar_text(v) {
                Some(t) => Some(t),
                None => {
                    f.error(line, "an attachment's `title` must be a single text value");
                    None
                }
            },
        };
        let title = title.unwrap_or_else(|| file.rsplit('/').next().unwrap_or(&file).to_string());
        match resolve_attachment(&file, meta) {
            Ok((src, path)) => attachments.push(Attachment {
                file,
                title,
                src,
                path,
                line,
            }),
            Err(msg) => f.error(line, msg),
        }
    }
    attachments
}

/// `revisions`: dated notes of what changed, newest first.
fn read_revisions(f: &mut Fields<'_>, value: Option<Value>) -> Vec<Revision> {
    let mut revisions = Vec::new();
    for (line, m) in f.map_list(("revisions", value), None) {
        f.sub_keys(line, &m, "revision", &["date", "note"]);
        let date = m
            .get("date")
            .and_then(fields::scalar_text)
            .map(|s| crate::date::parse(&s));
        let note = m
            .get("note")
            .and_then(fields::scalar_text)
            .filter(|t| !t.trim().is_empty());
        match (date, note) {
            (Some(Ok(date)), Some(note)) => revisions.push(Revision { date, note }),
            (Some(Err(msg)), _) => f.error(line, format!("revision `date`: {msg}")),
            (None, _) => f.error(
                line,
                "each revision needs `date: YYYY-MM-DD` and `note:` saying what changed",
            ),
            (_, None) => f.error(line, "each revision needs `note:` saying what changed"),
        }
    }
    revisions.sort_by_key(|r| std::cmp::Reverse(r.date));
    revisions
}

/// Attachment path → (source path from the root, the path cleaned). Paths that could leave the
/// site (`..`, absolute, drive letters, backslashes) are refused.
fn resolve_attachment(file: &str, meta: &Meta) -> Result<(String, String), String> {
    let escape = || {
        format!(
            "attachment `{file}` must stay inside the site: use a path beside the content file (`bao-cao.pdf`) or under static/ (`/files/bao-cao.pdf`), without `..`"
        )
    };
    if file.contains('\\') || file.starts_with("//") || file.contains(':') || file.contains('\0') {
        return Err(escape());
    }
    let mut parts = Vec::new();
    for part in file.trim_start_matches('/').split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(escape()),
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err(escape());
    }
    let joined = parts.join("/");
    if file.starts_with('/') {
        Ok((format!("static/{joined}"), joined))
    } else {
        Ok((format!("{}/{joined}", meta.dir), joined))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Positions;
    use std::sync::Arc;

    #[test]
    fn attachments_cannot_escape() {
        let meta = Meta {
            rel: "content/disclosures/2025/a/index.md".into(),
            slug: "a".into(),
            slug_line: 1,
            pos: Positions::default(),
            draft: false,
            html: Arc::from(""),
            text: Arc::from(""),
            fp: 0,
            front_fp: 0,
            dir: "content/disclosures/2025/a".into(),
            bundle: true,
            updated: None,
            aliases: Vec::new(),
        };
        assert_eq!(
            resolve_attachment("ds.csv", &meta).unwrap(),
            ("content/disclosures/2025/a/ds.csv".into(), "ds.csv".into())
        );
        assert_eq!(
            resolve_attachment("/files/x.pdf", &meta).unwrap(),
            ("static/files/x.pdf".into(), "files/x.pdf".into())
        );
        for bad in [
            "../x.pdf",
            "/../../etc/passwd",
            "a/../../b",
            "C:/x",
            "\\\\server\\x",
            "//host/x",
            "/",
        ] {
            assert!(resolve_attachment(bad, &meta).is_err(), "{bad}");
        }
    }
}
