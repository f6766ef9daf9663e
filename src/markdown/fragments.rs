//! Pieces of raw HTML in a body, gathered from the parser's events, and what they hold
//! reported at their place in the file.

use std::collections::BTreeSet;

use super::ids::IdSet;
use super::urls::classify_url;
use super::{Html, Problem, raw};
use crate::diag::Severity;

/// A piece of raw HTML: the events it came in (consecutive lines of one HTML block, or one
/// inline tag) and, for each, where its text starts in the fragment and in the body.
pub(super) struct Fragment {
    pub(super) text: String,
    pub(super) pieces: Vec<(usize, usize, usize)>,
}

impl Fragment {
    /// Body offset of a byte offset in the fragment.
    fn body_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.1 <= at).saturating_sub(1);
        self.pieces
            .get(i)
            .map(|&(_, start, body)| body + (at - start))
            .unwrap_or(0)
    }
}

/// Records what a piece of raw HTML holds: links, ids, images without `alt` or `src`, and what
/// the sanitiser drops. Returns true when it has an `<h1>`.
/// `dropped` holds what was said to be left out already (each is said once per body).
pub(super) fn inspect_fragment(
    f: &Fragment,
    at: &dyn Fn(usize) -> (usize, usize),
    ids: &mut IdSet,
    dropped: &mut BTreeSet<String>,
    out: &mut Html,
) -> bool {
    let mut h1 = false;
    for (offset, found) in raw::inspect(&f.text) {
        let offset = f.body_offset(offset);
        let (line, col) = at(offset);
        let mut problem = |severity: Severity, message: String| {
            out.problems.push(Problem {
                line,
                col,
                severity,
                message,
            })
        };
        match found {
            raw::Found::Url(url) => {
                if let Some(link) = classify_url(&url, line, col) {
                    match link {
                        Ok(l) => out.links.push(l),
                        Err(msg) => problem(Severity::Error, msg),
                    }
                }
            }
            raw::Found::Id(id) => ids.take(&id, offset, at, out),
            raw::Found::BadId(id) => problem(
                Severity::Error,
                format!("the id `{id}` is not valid: an id is one word without spaces, e.g. `bang-1`"),
            ),
            raw::Found::NoAlt => problem(
                Severity::Error,
                "an image needs a text alternative for readers who cannot see it: add `alt=\"what it shows\"` (or `alt=\"\"` for a purely decorative image)".into(),
            ),
            raw::Found::NoSrc => problem(
                Severity::Error,
                "an `<img>` without `src` shows nothing: add `src=\"file.png\"`".into(),
            ),
            raw::Found::H1 => h1 = true,
            raw::Found::DroppedTag(tag, cleared) => {
                if dropped.insert(format!("<{tag}>")) {
                    let what = if cleared { "with its content" } else { "(its text is kept)" };
                    problem(
                        Severity::Warning,
                        format!("`<{tag}>` is left out of the page {what}: raw HTML may hold text, links, images, lists and tables only, without scripts, frames, forms or styling"),
                    );
                }
            }
            raw::Found::BadValue(attr, value) => {
                if dropped.insert(format!("{attr}={value}")) {
                    problem(
                        Severity::Warning,
                        format!("`{attr}=\"{value}\"` is left out of the page: that value is not valid for `{attr}` here"),
                    );
                }
            }
            raw::Found::DroppedAttr(attr) => {
                if dropped.insert(attr.clone()) {
                    problem(
                        Severity::Warning,
                        format!("the attribute `{attr}` is left out of the page: raw HTML may not carry scripts, styles or obsolete attributes (the theme sets the look)"),
                    );
                }
            }
        }
    }
    h1
}
