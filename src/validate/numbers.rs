//! Document numbers: each one that does not have the usual shape, or whose type code
//! disagrees with `doc_type`, and the same number of the same issuer on two disclosures, is a
//! warning at the `number` line. Never an error: old documents are numbered as they were.

use std::collections::BTreeMap;

use crate::data::Registry;
use crate::diag::{Diagnostic, Diagnostics};
use crate::docnumber;
use crate::model::Model;

/// One item's number, where it is written, and what it says of itself.
struct Numbered<'a> {
    /// A disclosure (a plan may share its number with the disclosure that publishes it).
    disclosure: bool,
    rel: &'a str,
    line: usize,
    number: &'a str,
    doc_type: Option<&'a str>,
    issuer: Option<&'a str>,
}

pub(super) fn check(model: &Model, reg: &Registry) -> Diagnostics {
    let items = model
        .disclosures
        .iter()
        .map(|d| (true, &d.meta, &d.number, &d.doc_type, &d.issuer))
        .chain(
            model
                .plans
                .iter()
                .map(|p| (false, &p.meta, &p.number, &p.doc_type, &p.issuer)),
        )
        .filter_map(|(disclosure, meta, number, doc_type, issuer)| {
            Some(Numbered {
                disclosure,
                rel: &meta.rel,
                line: meta.pos.line_of("number"),
                number: number.as_deref()?,
                doc_type: doc_type.as_deref(),
                issuer: issuer.as_deref(),
            })
        });
    let mut out = Diagnostics::default();
    let mut seen: BTreeMap<(&str, String), Vec<(&str, usize)>> = BTreeMap::new();
    // Type names folded once (folding is the slow part), and each distinct doc_type once.
    let by_name = reg.doc_types.by_name();
    let mut codes: rustc_hash::FxHashMap<&str, Option<&str>> = rustc_hash::FxHashMap::default();
    for n in items {
        let expected = n.doc_type.and_then(|t| {
            *codes
                .entry(t)
                .or_insert_with(|| by_name.get(&crate::slug::fold(t)).copied())
        });
        if let Some(msg) = shape_problem(&n, &reg.doc_types, expected) {
            out.push(Diagnostic::warning(n.rel, n.line, 1, msg));
        }
        if !n.disclosure {
            continue;
        }
        let issuer = n.issuer.map(|i| i.trim().to_lowercase()).unwrap_or_default();
        seen.entry((n.number.trim(), issuer)).or_default().push((n.rel, n.line));
    }
    for ((number, _), places) in seen.into_iter().filter(|(_, p)| p.len() > 1) {
        for (i, (rel, line)) in places.iter().enumerate() {
            let others: Vec<&str> = places
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, p)| p.0)
                .collect();
            out.push(Diagnostic::warning(
                *rel,
                *line,
                1,
                format!(
                    "the number `{number}` of the same issuer is also on {}: one document, one number",
                    others.join(", ")
                ),
            ));
        }
    }
    out
}

/// `expected`: the type code of the item's `doc_type`, if the table has it.
fn shape_problem(n: &Numbered<'_>, types: &docnumber::Types, expected: Option<&str>) -> Option<String> {
    let parsed = match docnumber::parse(n.number, types) {
        Ok(p) => p,
        Err(why) => {
            return Some(format!(
                "`number: {}` does not look like a document number such as `145/TB-VPUBND` or `13/2018/NĐ-CP`: {why}",
                n.number
            ));
        }
    };
    let doc_type = n.doc_type?;
    let expected = expected?;
    match parsed.code {
        Some(code) if code != expected => Some(format!(
            "`number: {}` has the type code `{code}` ({}), but `doc_type` is `{doc_type}`, written `{expected}`",
            n.number,
            types.name_of(code).unwrap_or(code)
        )),
        None => Some(format!(
            "`number: {}` has no type code, but a `{doc_type}` is numbered with `{expected}` (e.g. `145/{expected}-VPUBND`)",
            n.number
        )),
        Some(_) => None,
    }
}
