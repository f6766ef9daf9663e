//! The ids of a body: headings get one from their text, unique in the page, and ids written
//! by the editor (`## Mục {#muc}`, raw `id=`) must not take the page's own or repeat.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::{Html, Problem, is_page_id};
use crate::diag::Severity;
use crate::slug;

/// The ids of a body so far: each must be unique in the page.
#[derive(Default)]
pub(super) struct IdSet(BTreeSet<String>);

impl IdSet {
    /// Takes `id` written by the editor at `offset`; reports one the page or the body uses.
    pub(super) fn take(&mut self, id: &str, offset: usize, at: &dyn Fn(usize) -> (usize, usize), out: &mut Html) {
        let why = if is_page_id(id) {
            Some("the page itself uses it (for its skip link, search or sections)")
        } else if self.0.contains(id) {
            Some("another element of this body has it")
        } else {
            None
        };
        self.0.insert(id.to_string());
        if let Some(why) = why {
            let (line, col) = at(offset);
            out.problems.push(Problem {
                line,
                col,
                severity: Severity::Error,
                message: format!("the id `{id}` cannot be used here: {why}; choose another, e.g. `{id}-1`"),
            });
        }
    }

    /// An id made from a heading's text: `base`, or `base-1`, `base-2`... when taken.
    pub(super) fn make(&mut self, base: &str) -> String {
        let mut unique = base.to_string();
        // `h-group-1`, `h-group-2`... are all the page's own: number another stem.
        let stem = if is_page_id(&format!("{base}-1")) {
            format!("{base}-id")
        } else {
            base.to_string()
        };
        let mut n = 1;
        while is_page_id(&unique) || self.0.contains(&unique) {
            unique = format!("{stem}-{n}");
            n += 1;
        }
        self.0.insert(unique.clone());
        unique
    }
}

/// Gives every heading an id (from its text, unique in the page) and, when the body has an
/// `<h1>`, moves every heading one level down: the page template owns the only `<h1>`.
/// An id written by the editor (`## Mục {#muc}`) is kept, and reported when it is taken.
pub(super) fn assign_heading_ids(
    events: &mut [Event<'_>],
    demote: bool,
    starts: &[usize],
    ids: &mut IdSet,
    at: &dyn Fn(usize) -> (usize, usize),
    out: &mut Html,
) {
    let mut i = 0;
    let mut n = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { .. }) = &events[i] {
            let start = starts.get(n).copied().unwrap_or(0);
            n += 1;
            let mut label = String::new();
            let mut j = i + 1;
            while j < events.len() {
                match &events[j] {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => label.push_str(t),
                    _ => {}
                }
                j += 1;
            }
            if let Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) = &mut events[i]
            {
                // `{.class key=value}` after a heading would reach the page unsanitised
                // (`{onclick=...}`): only `{#id}` is kept.
                if !classes.is_empty() || !attrs.is_empty() {
                    let written: Vec<String> = classes
                        .iter()
                        .map(|c| format!(".{c}"))
                        .chain(attrs.iter().map(|(k, v)| match v {
                            Some(v) => format!("{k}={v}"),
                            None => k.to_string(),
                        }))
                        .collect();
                    let (line, col) = at(start);
                    out.problems.push(Problem {
                        line,
                        col,
                        severity: Severity::Warning,
                        message: format!(
                            "heading attributes `{}` are left out: only an id (`{{#id}}`) may follow a heading",
                            written.join(" ")
                        ),
                    });
                    classes.clear();
                    attrs.clear();
                }
                let unique = match id {
                    Some(given) => {
                        let given = given.to_string();
                        ids.take(&given, start, at, out);
                        given
                    }
                    None => {
                        let s = slug::fold(&label);
                        ids.make(if s.is_empty() { "muc" } else { &s })
                    }
                };
                *id = Some(CowStr::from(unique));
                if demote {
                    *level = lower(*level);
                }
            }
            if demote && let Some(Event::End(TagEnd::Heading(level))) = events.get_mut(j) {
                *level = lower(*level);
            }
            i = j;
        }
        i += 1;
    }
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}
