//! One pass over the parser's events: links and images vetted, images measured, raw HTML
//! gathered, headings and footnotes noted, the plain text collected.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::fragments::{Fragment, inspect_fragment};
use super::ids::IdSet;
use super::urls::vet_url;
use super::{Html, Problem, raw};
use crate::diag::Severity;
use crate::url::BaseUrl;

/// What the pass over a body's events gives.
pub(super) struct Walk<'a> {
    pub(super) events: Vec<Event<'a>>,
    /// Links and problems found so far (the HTML comes later).
    pub(super) out: Html,
    /// The plain text, with a space wherever a block or a cell ends.
    pub(super) text: String,
    /// The body has an `<h1>` (Markdown or raw): every heading moves one level down.
    pub(super) has_h1: bool,
    /// Events whose URL is site-relative, rewritten under the base path at the end.
    pub(super) site_urls: Vec<usize>,
    /// Images whose size is known: (index of their start event, (width, height)).
    pub(super) sized: Vec<(usize, (u32, u32))>,
    pub(super) fragments: Vec<Fragment>,
    /// Where each heading starts, in order (for messages about the ids written on them).
    pub(super) headings: Vec<usize>,
    /// Footnote definitions (their label is their id) and where they start.
    footnotes: Vec<(String, usize)>,
    /// The image being read: where it starts and its alternative text so far.
    image: Option<(usize, String)>,
    in_html_block: bool,
}

impl<'a> Walk<'a> {
    /// Walks `body` (`at` turns an offset in it into a file position).
    pub(super) fn of(
        body: &'a str,
        at: &dyn Fn(usize) -> (usize, usize),
        image_size: &dyn Fn(&str) -> Option<(u32, u32)>,
    ) -> Walk<'a> {
        let mut opts = Options::empty();
        opts.insert(Options::ENABLE_TABLES);
        opts.insert(Options::ENABLE_FOOTNOTES);
        opts.insert(Options::ENABLE_STRIKETHROUGH);
        opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
        let mut w = Walk {
            events: Vec::new(),
            out: Html::default(),
            text: String::new(),
            has_h1: false,
            site_urls: Vec::new(),
            sized: Vec::new(),
            fragments: Vec::new(),
            headings: Vec::new(),
            footnotes: Vec::new(),
            image: None,
            in_html_block: false,
        };
        for (mut event, range) in Parser::new_ext(body, opts).into_offset_iter() {
            w.step(&mut event, range.start, at, image_size);
            w.events.push(event);
        }
        w
    }

    fn step(
        &mut self,
        event: &mut Event<'a>,
        start: usize,
        at: &dyn Fn(usize) -> (usize, usize),
        image_size: &dyn Fn(&str) -> Option<(u32, u32)>,
    ) {
        let index = self.events.len();
        match event {
            // E-mail autolinks (`<a@b.vn>`) have no scheme in their URL; mailto: is added.
            Event::Start(Tag::Link {
                link_type, dest_url, ..
            }) if *link_type != LinkType::Email => {
                vet_url(dest_url, start, index, at, &mut self.out, &mut self.site_urls);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(dims) = image_size(dest_url.trim()) {
                    self.sized.push((index, dims));
                }
                vet_url(dest_url, start, index, at, &mut self.out, &mut self.site_urls);
                self.image = Some((start, String::new()));
            }
            Event::End(TagEnd::Image) => self.end_image(at),
            Event::Start(Tag::FootnoteDefinition(label)) => self.footnotes.push((label.to_string(), start)),
            Event::Start(Tag::HtmlBlock) => self.in_html_block = true,
            Event::End(TagEnd::HtmlBlock) => self.in_html_block = false,
            Event::Html(t) | Event::InlineHtml(t) => {
                let continues = self.in_html_block && matches!(self.events.last(), Some(Event::Html(_)));
                match self.fragments.last_mut() {
                    Some(f) if continues => {
                        f.pieces.push((index, f.text.len(), start));
                        f.text.push_str(t);
                    }
                    _ => self.fragments.push(Fragment {
                        text: t.to_string(),
                        pieces: vec![(index, 0, start)],
                    }),
                }
                self.text.push(' ');
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.has_h1 |= *level == HeadingLevel::H1;
                self.headings.push(start);
            }
            Event::Text(t) | Event::Code(t) => {
                self.text.push_str(t);
                if let Some((_, alt)) = &mut self.image {
                    alt.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => self.text.push(' '),
            _ => {}
        }
    }

    /// An image without alternative text is an error.
    fn end_image(&mut self, at: &dyn Fn(usize) -> (usize, usize)) {
        let Some((start, alt)) = self.image.take() else { return };
        if alt.trim().is_empty() {
            let (line, col) = at(start);
            self.out.problems.push(Problem {
                line,
                col,
                severity: Severity::Error,
                message: "an image needs a text alternative for readers who cannot see it: write what it shows between the brackets, e.g. `![Sơ đồ tổ chức](so-do.png)`".into(),
            });
        }
    }

    /// Reports what the raw HTML holds and takes its ids and the footnotes' into `ids`.
    pub(super) fn check_ids_and_raw_html(&mut self, at: &dyn Fn(usize) -> (usize, usize), ids: &mut IdSet) {
        let mut dropped = BTreeSet::new();
        for f in &self.fragments {
            self.has_h1 |= inspect_fragment(f, at, ids, &mut dropped, &mut self.out);
        }
        for (label, offset) in &self.footnotes {
            if label.contains(char::is_whitespace) {
                let (line, col) = at(*offset);
                self.out.problems.push(Problem {
                    line,
                    col,
                    severity: Severity::Error,
                    message: format!(
                        "the footnote label `{label}` has a space: write it as one word, e.g. `[^ghi-chu-1]`"
                    ),
                });
            } else {
                ids.take(label, *offset, at, &mut self.out);
            }
        }
    }

    /// Repaired fragments replace their first event; the others are emptied (they are written
    /// one after the other, so the HTML is the same).
    pub(super) fn repair_raw_html(&mut self) {
        for f in &self.fragments {
            let fixed = raw::repair(&f.text, self.has_h1);
            if fixed == f.text {
                continue;
            }
            for (n, &(index, _, _)) in f.pieces.iter().enumerate() {
                let t = if n == 0 { fixed.clone() } else { String::new() };
                self.events[index] = match self.events[index] {
                    Event::InlineHtml(_) => Event::InlineHtml(CowStr::from(t)),
                    _ => Event::Html(CowStr::from(t)),
                };
            }
        }
    }

    /// Moves site-relative link and image URLs under the base path.
    pub(super) fn rewrite_site_urls(&mut self, base: &BaseUrl) {
        for &i in &self.site_urls {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut self.events[i] {
                *dest_url = CowStr::from(base.link(dest_url.trim()));
            }
        }
    }
}
