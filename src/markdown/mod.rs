//! Markdown body → sanitised HTML, with its links, ids and images checked, site-relative links
//! rewritten under base_url's path, and its plain text.
//!
//! pulldown-cmark renders tables, footnotes, strikethrough and heading ids. Raw HTML is
//! inspected and repaired (`raw`), then the whole body goes through the sanitiser; bodies
//! without raw HTML skip it, because pulldown-cmark escapes all text and this module vets
//! every link and image URL itself.

mod raw;

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::diag::Severity;
use crate::slug;
use crate::url::BaseUrl;

use raw::SCHEMES;

/// A link in a body to something of this site: site-relative (`/lien-he/`) or relative to the
/// page (`so-do.png`, `../tasks/`). It must name a page or file of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SiteLink {
    /// The path as written, without `#fragment` or `?query` (`/lien-he/`, `so-do.png`).
    pub target: String,
    /// File line of the link.
    pub line: usize,
    /// Column of the link.
    pub col: usize,
    /// True when the path is relative to the page's own address.
    pub relative: bool,
}

/// A problem in a body, at a file position.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    /// File line.
    pub line: usize,
    /// Column.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and what to write instead.
    pub message: String,
}

/// What rendering a body gives.
#[derive(Debug, Clone, Default)]
pub struct Html {
    /// Safe HTML.
    pub html: String,
    /// Links to the site found, to be checked against the site's pages and files.
    pub links: Vec<SiteLink>,
    /// Plain text of the body (for summaries and search).
    pub text: String,
    /// Problems found in the body, in file order.
    pub problems: Vec<Problem>,
}

/// Ids the page around a body uses (the default theme's landmarks, search form and section
/// headings): a body may not take them, or the skip link and the page's own links would go
/// to the wrong element. `h-group-<n>` is reserved too.
pub const PAGE_IDS: [&str; 43] = [
    "main",
    "q",
    "search-form",
    "search-results",
    "h-attachments",
    "h-by-dimension",
    "h-by-unit",
    "h-categories",
    "h-contact",
    "h-contacts",
    "h-content",
    "h-disclosures",
    "h-evidence",
    "h-filters",
    "h-groups",
    "h-lead",
    "h-list",
    "h-overdue",
    "h-partner",
    "h-plans",
    "h-progress",
    "h-results",
    "h-revisions",
    "h-sections",
    "h-status",
    "h-tags",
    "h-tasks",
    "h-updates",
    "chart-dimension",
    "chart-dimension-caption",
    "chart-dimension-desc",
    "chart-unit",
    "chart-unit-caption",
    "chart-unit-desc",
    "chart-status",
    "chart-status-caption",
    "chart-status-desc",
    "chart-status-dots",
    "chart-status-hatch",
    "chart-dimension-dots",
    "chart-dimension-hatch",
    "chart-unit-dots",
    "chart-unit-hatch",
];

/// True when the page around a body uses `id` (see `PAGE_IDS`).
pub fn is_page_id(id: &str) -> bool {
    PAGE_IDS.contains(&id)
        || id
            .strip_prefix("h-group-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Renders `body` (whose first line is file line `body_line`).
pub fn render(body: &str, body_line: usize, base: &BaseUrl) -> Html {
    render_with(body, body_line, base, &|_| None)
}

/// A piece of raw HTML: the events it came in (consecutive lines of one HTML block, or one
/// inline tag) and, for each, where its text starts in the fragment and in the body.
struct Fragment {
    text: String,
    pieces: Vec<(usize, usize, usize)>,
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

/// As `render`; `image_size` gives the width and height of an image from its URL as written,
/// so that `<img>` gets `width` and `height`.
pub fn render_with(
    body: &str,
    body_line: usize,
    base: &BaseUrl,
    image_size: &dyn Fn(&str) -> Option<(u32, u32)>,
) -> Html {
    let body = &*raw::lower_block_end_tags(body);
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    let at = |offset: usize| position(body, body_line, offset);
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut out = Html::default();
    let mut has_h1 = false;
    let mut text = String::new();
    // Events whose URL is site-relative, rewritten under the base path at the end.
    let mut site_urls: Vec<usize> = Vec::new();
    // Images whose size is known: (index of their start event, (width, height)).
    let mut sized: Vec<(usize, (u32, u32))> = Vec::new();
    // The image being read: where it starts and its alternative text so far.
    let mut image: Option<(usize, String)> = None;
    let mut fragments: Vec<Fragment> = Vec::new();
    let mut in_html_block = false;
    // Where each heading starts, in order (for messages about the ids written on them).
    let mut headings: Vec<usize> = Vec::new();
    // Footnote definitions (their label is their id) and where they start.
    let mut footnotes: Vec<(String, usize)> = Vec::new();
    for (mut event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        match &mut event {
            // E-mail autolinks (`<a@b.vn>`) have no scheme in their URL; mailto: is added.
            Event::Start(Tag::Link {
                link_type, dest_url, ..
            }) if *link_type != LinkType::Email => {
                vet_url(dest_url, range.start, events.len(), &at, &mut out, &mut site_urls);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(dims) = image_size(dest_url.trim()) {
                    sized.push((events.len(), dims));
                }
                vet_url(dest_url, range.start, events.len(), &at, &mut out, &mut site_urls);
                image = Some((range.start, String::new()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = image.take() {
                    if alt.trim().is_empty() {
                        let (line, col) = at(start);
                        out.problems.push(Problem {
                            line,
                            col,
                            severity: Severity::Error,
                            message: "an image needs a text alternative for readers who cannot see it: write what it shows between the brackets, e.g. `![Sơ đồ tổ chức](so-do.png)`".into(),
                        });
                    }
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => footnotes.push((label.to_string(), range.start)),
            Event::Start(Tag::HtmlBlock) => in_html_block = true,
            Event::End(TagEnd::HtmlBlock) => in_html_block = false,
            Event::Html(t) | Event::InlineHtml(t) => {
                let t = &*t;
                let continues = in_html_block && matches!(events.last(), Some(Event::Html(_)));
                let piece = (events.len(), 0, range.start);
                match fragments.last_mut() {
                    Some(f) if continues => {
                        f.pieces.push((piece.0, f.text.len(), piece.2));
                        f.text.push_str(t);
                    }
                    _ => fragments.push(Fragment {
                        text: t.to_string(),
                        pieces: vec![piece],
                    }),
                }
                text.push(' ');
            }
            Event::Start(Tag::Heading { level, .. }) => {
                has_h1 |= *level == HeadingLevel::H1;
                headings.push(range.start);
            }
            Event::Text(t) | Event::Code(t) => {
                text.push_str(t);
                if let Some((_, alt)) = &mut image {
                    alt.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
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
            ) => text.push(' '),
            _ => {}
        }
        events.push(event);
    }
    let raw_html = !fragments.is_empty();
    let mut ids = IdSet::default();
    let mut dropped = BTreeSet::new();
    for f in &fragments {
        has_h1 |= inspect_fragment(f, &at, &mut ids, &mut dropped, &mut out);
    }
    for (label, offset) in &footnotes {
        if label.contains(char::is_whitespace) {
            let (line, col) = at(*offset);
            out.problems.push(Problem {
                line,
                col,
                severity: Severity::Error,
                message: format!("the footnote label `{label}` has a space: write it as one word, e.g. `[^ghi-chu-1]`"),
            });
        } else {
            ids.take(label, *offset, &at, &mut out);
        }
    }
    if raw_html {
        // Repaired fragments replace their first event; the others are emptied (they are
        // written one after the other, so the HTML is the same).
        for f in &fragments {
            let fixed = raw::repair(&f.text, has_h1);
            if fixed != f.text {
                for (n, &(index, _, _)) in f.pieces.iter().enumerate() {
                    let t = if n == 0 { fixed.clone() } else { String::new() };
                    events[index] = match events[index] {
                        Event::InlineHtml(_) => Event::InlineHtml(CowStr::from(t)),
                        _ => Event::Html(CowStr::from(t)),
                    };
                }
            }
        }
    } else {
        // Without raw HTML the sanitiser does not run: site-relative URLs are rewritten here.
        for &i in &site_urls {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut events[i] {
                *dest_url = CowStr::from(base.link(dest_url.trim()));
            }
        }
    }
    assign_heading_ids(&mut events, has_h1, &headings, &mut ids, &at, &mut out);
    for &(at, dims) in sized.iter().rev() {
        size_image(&mut events, at, dims);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if raw_html {
        html = raw::sanitise(&html, base);
    }
    if html.contains("<table") {
        html = accessible_tables(&html);
    }
    out.html = html;
    out.text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    out.links.sort_by_key(|l| (l.line, l.col));
    out.problems.sort_by_key(|p| (p.line, p.col));
    out.problems.dedup();
    out
}

/// The ids of a body so far: each must be unique in the page.
#[derive(Default)]
struct IdSet(BTreeSet<String>);

impl IdSet {
    /// Takes `id` written by the editor at `offset`; reports one the page or the body uses.
    fn take(&mut self, id: &str, offset: usize, at: &dyn Fn(usize) -> (usize, usize), out: &mut Html) {
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
    fn make(&mut self, base: &str) -> String {
        let mut unique = base.to_string();
        let mut n = 1;
        while is_page_id(&unique) || self.0.contains(&unique) {
            unique = format!("{base}-{n}");
            n += 1;
        }
        self.0.insert(unique.clone());
        unique
    }
}

/// Records what a piece of raw HTML holds: links, ids, images without `alt` or `src`, and what
/// the sanitiser drops. Returns true when it has an `<h1>`.
/// `dropped` holds what was said to be left out already (each is said once per body).
fn inspect_fragment(
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

/// Replaces the image starting at `events[at]` (start, alt text, end) by one `<img>` with its
/// width and height; the URL was vetted already and every value is escaped.
fn size_image(events: &mut Vec<Event<'_>>, at: usize, (width, height): (u32, u32)) {
    let Some(Event::Start(Tag::Image { dest_url, title, .. })) = events.get(at) else {
        return;
    };
    let (src, title) = (dest_url.to_string(), title.to_string());
    let mut alt = String::new();
    let mut end = at + 1;
    while end < events.len() {
        match &events[end] {
            Event::End(TagEnd::Image) => break,
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            _ => {}
        }
        end += 1;
    }
    if end >= events.len() {
        return;
    }
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", crate::escape::html(&title))
    };
    let tag = format!(
        "<img src=\"{}\" alt=\"{}\"{title} width=\"{width}\" height=\"{height}\">",
        crate::escape::html(&src),
        crate::escape::html(&alt)
    );
    events.splice(at..=end, [Event::InlineHtml(CowStr::from(tag))]);
}

/// Gives every heading an id (from its text, unique in the page) and, when the body has an
/// `<h1>`, moves every heading one level down: the page template owns the only `<h1>`.
/// An id written by the editor (`## Mục {#muc}`) is kept, and reported when it is taken.
fn assign_heading_ids(
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
            if let Event::Start(Tag::Heading { level, id, .. }) = &mut events[i] {
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
            if demote {
                if let Some(Event::End(TagEnd::Heading(level))) = events.get_mut(j) {
                    *level = lower(*level);
                }
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

/// What a URL in a body is: `None` for one that leaves the site or stays on the page (an
/// absolute URL with an allowed scheme, `#fragment`, `?query`); a link to the site to check;
/// or an error for a scheme that is not allowed (`javascript:`, `data:`, `file:`...).
fn classify_url(url: &str, line: usize, col: usize) -> Option<Result<SiteLink, String>> {
    let d = url.trim();
    if d.is_empty() || d.starts_with('#') || d.starts_with('?') || d.starts_with("//") {
        return None;
    }
    if !is_safe_url(d) {
        let shown: String = d.chars().take(40).collect();
        return Some(Err(format!(
            "the link `{shown}` is not allowed: links may be web addresses (https://...), mail (mailto:), telephone (tel:), or paths of this site"
        )));
    }
    if has_scheme(d) {
        return None;
    }
    let target = d.split(['#', '?']).next().unwrap_or(d).to_string();
    Some(Ok(SiteLink {
        relative: !target.starts_with('/'),
        target,
        line,
        col,
    }))
}

/// Records the URL of the Markdown link or image that is event `index` and starts at
/// `range_start` in the body: a link to the site is kept for checking (and its index in
/// `site_urls` when it is site-relative, to be rewritten under the base path); a scheme that
/// is not allowed is an error, and the URL becomes `#`.
fn vet_url(
    dest: &mut CowStr<'_>,
    range_start: usize,
    index: usize,
    at: &dyn Fn(usize) -> (usize, usize),
    out: &mut Html,
    site_urls: &mut Vec<usize>,
) {
    let (line, col) = at(range_start);
    match classify_url(dest, line, col) {
        None => {}
        Some(Ok(link)) => {
            if !link.relative {
                site_urls.push(index);
            }
            out.links.push(link);
        }
        Some(Err(message)) => {
            out.problems.push(Problem {
                line,
                col,
                severity: Severity::Error,
                message,
            });
            *dest = CowStr::from("#");
        }
    }
}

/// True when the URL starts with a scheme (`https:`, `mailto:`...).
fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        None => false,
        Some(colon) => !url[..colon].contains(['/', '?', '#']),
    }
}

/// True for relative URLs and for http, https, mailto and tel.
pub fn is_safe_url(url: &str) -> bool {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            // A colon after the first `/`, `?` or `#` is not a scheme separator.
            if lower[..colon].contains(['/', '?', '#']) {
                return true;
            }
            SCHEMES.contains(&&lower[..colon])
        }
    }
}

fn position(body: &str, body_line: usize, offset: usize) -> (usize, usize) {
    let before = &body[..offset.min(body.len())];
    let line = body_line + before.matches('\n').count();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// Tables get header cells that say they head columns, and a wrapper that scrolls sideways on
/// a narrow screen (a keyboard can scroll it too) instead of the page: every table, from
/// Markdown or raw HTML. Runs on sanitised HTML, whose tags are normalised: the added markup
/// is ours.
fn accessible_tables(html: &str) -> String {
    const WRAP: &str = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Bảng\">";
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find("<table") {
        let after = rest.as_bytes().get(i + "<table".len());
        out.push_str(&rest[..i]);
        if matches!(after, Some(b'>' | b' ')) {
            out.push_str(WRAP);
        }
        out.push_str("<table");
        rest = &rest[i + "<table".len()..];
    }
    out.push_str(rest);
    out.replace("</table>", "</table></div>")
        .replace("<th>", "<th scope=\"col\">")
        .replace("<th style=", "<th scope=\"col\" style=")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> BaseUrl {
        BaseUrl::parse("https://example.gov.vn/cong-khai/").unwrap()
    }

    #[test]
    fn rewrites_site_relative_links() {
        let h = render("Xem [liên hệ](/lien-he/#a) và [ngoài](https://a.vn/x).\n", 5, &base());
        assert!(h.html.contains(r#"href="/cong-khai/lien-he/#a""#), "{}", h.html);
        assert!(h.html.contains(r#"href="https://a.vn/x""#));
        assert_eq!(
            h.links,
            vec![SiteLink {
                target: "/lien-he/".into(),
                line: 5,
                col: 5,
                relative: false,
            }]
        );
    }

    #[test]
    fn strips_dangerous_html() {
        for input in [
            "<script>alert(1)</script>",
            "<img src=x onerror=\"alert(1)\">",
            "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil\"></iframe>",
            "[x](JaVaScRiPt:alert(1))",
            "<svg><script>alert(1)</script></svg>",
        ] {
            let h = render(input, 1, &base()).html.to_ascii_lowercase();
            for bad in ["<script", "onerror", "javascript:", "<iframe"] {
                assert!(!h.contains(bad), "{input:?} gave {h:?}");
            }
        }
    }

    #[test]
    fn tables_footnotes_strikethrough_and_ids() {
        let h = render(
            "# Tiêu đề một\n\n## Mục\n\n## Mục\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~ [^1]\n\n[^1]: chú thích\n",
            1,
            &base(),
        );
        assert!(h.html.contains("<h2 id=\"tieu-de-mot\">"), "{}", h.html);
        assert!(h.html.contains("<h3 id=\"muc\">"));
        assert!(h.html.contains("<h3 id=\"muc-1\">"));
        assert!(
            h.html
                .contains(r#"<div class="table-wrap" role="region" tabindex="0" aria-label="Bảng"><table>"#),
            "{}",
            h.html
        );
        assert!(h.html.contains(r#"<th scope="col">a</th>"#), "{}", h.html);
        assert!(h.html.contains("</table></div>"));
        assert!(h.html.contains("<del>"));
        assert!(h.html.contains("footnote"));
    }

    #[test]
    fn raw_html_links_move_under_the_base_path() {
        let h = render(
            "<a href=\"/tasks/a/\">x</a> <img src='/files/b.txt' alt=\"b\"> <a data-href=\"/no/\" href=\"https://x.vn/\">y</a>\n",
            3,
            &base(),
        );
        assert!(h.html.contains(r#"href="/cong-khai/tasks/a/""#), "{}", h.html);
        assert!(h.html.contains(r#"src="/cong-khai/files/b.txt""#), "{}", h.html);
        assert!(h.html.contains(r#"href="https://x.vn/""#), "{}", h.html);
        let targets: Vec<(&str, usize)> = h.links.iter().map(|l| (l.target.as_str(), l.line)).collect();
        assert_eq!(targets, vec![("/tasks/a/", 3), ("/files/b.txt", 3)]);
    }

    #[test]
    fn images_of_known_size_get_width_and_height() {
        let size = |u: &str| (u == "/files/a.png" || u == "/files/b.png").then_some((640, 480));
        let h = render_with(
            "![Sơ đồ \"A\" & B](/files/a.png \"Tiêu đề\") ![x](/files/b.png)\n",
            1,
            &base(),
            &size,
        );
        assert!(
            h.html.contains(r#"<img src="/cong-khai/files/a.png" alt="Sơ đồ &quot;A&quot; &amp; B" title="Tiêu đề" width="640" height="480">"#),
            "{}",
            h.html
        );
        assert!(
            h.html.contains(r#"<img src="/cong-khai/files/b.png" alt="x""#),
            "{}",
            h.html
        );
        assert_eq!(h.links.len(), 2);
    }

    #[test]
    fn link_positions_are_file_lines() {
        let h = render("a\n\nb [x](/khong-co/)\n", 10, &base());
        assert_eq!(h.links[0].line, 12);
        assert_eq!(h.links[0].col, 3);
    }

    #[test]
    fn safe_urls() {
        for (u, want) in [
            ("/a", true),
            ("a/b:c", true),
            ("https://x", true),
            ("mailto:a@b", true),
            ("tel:0213", true),
            ("javascript:x", false),
            ("data:text/html,x", false),
            (" java\tscript:x", false),
        ] {
            assert_eq!(is_safe_url(u), want, "{u}");
        }
    }

    #[test]
    fn raw_html_does_not_move_markdown_links_twice() {
        let h = render("<span>x</span> [ok](/lien-he/) ![Sơ đồ](/files/a.png)\n", 1, &base());
        assert!(h.html.contains(r#"href="/cong-khai/lien-he/""#), "{}", h.html);
        assert!(h.html.contains(r#"src="/cong-khai/files/a.png""#), "{}", h.html);
        assert!(!h.html.contains("cong-khai/cong-khai"), "{}", h.html);
    }

    #[test]
    fn upper_case_end_tags_end_their_block() {
        let h = render("<PRE>x</PRE>\n\n## Mục\n\n[bad](/nope/)\n", 1, &base());
        assert!(h.html.contains("<h2 id=\"muc\">Mục</h2>"), "{}", h.html);
        assert_eq!(h.links.len(), 1, "the link after the block is found: {:?}", h.links);
    }

    #[test]
    fn sanitised_raw_html_stays_valid_and_checked() {
        let h = render(
            "<a name=\"x\"></a> <a href=\"javascript:alert(1)\">j</a> <img src=\"so-do.png\">\n\n<div id=\"main\">m</div>\n\n<h1>Raw</h1>\n\n## Mục\n",
            3,
            &base(),
        );
        assert!(!h.html.contains("rel="), "{}", h.html);
        assert!(h.html.contains(r#"<a id="x"></a>"#), "{}", h.html);
        assert!(!h.html.contains("<h1"), "{}", h.html);
        assert!(h.html.contains("<h2>Raw</h2>"), "{}", h.html);
        assert!(h.html.contains("<h3 id=\"muc\">"), "{}", h.html);
        let errors: Vec<(usize, &str)> = h
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert!(
            errors
                .iter()
                .any(|(l, m)| *l == 3 && m.contains("`javascript:alert(1)` is not allowed")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|(l, m)| *l == 3 && m.contains("text alternative")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|(l, m)| *l == 5 && m.contains("`main`")),
            "{errors:?}"
        );
        let targets: Vec<(&str, bool)> = h.links.iter().map(|l| (l.target.as_str(), l.relative)).collect();
        assert_eq!(targets, vec![("so-do.png", true)]);
    }

    #[test]
    fn relative_links_and_images_are_found() {
        let h = render(
            "![Sơ đồ](khong-co.png) [x](tasks/) [y](#muc) [z](?q=1) <a@b.vn> [w](../a/#b)\n",
            1,
            &base(),
        );
        let targets: Vec<(&str, bool)> = h.links.iter().map(|l| (l.target.as_str(), l.relative)).collect();
        assert_eq!(targets, vec![("khong-co.png", true), ("tasks/", true), ("../a/", true)]);
        assert!(h.html.contains(r#"href="mailto:a@b.vn""#), "{}", h.html);
    }

    #[test]
    fn images_need_a_text_alternative() {
        let h = render("![](a.png) ![ ](b.png) ![Ảnh](c.png)\n", 4, &base());
        let cols: Vec<(usize, usize)> = h.problems.iter().map(|p| (p.line, p.col)).collect();
        assert_eq!(cols, vec![(4, 1), (4, 12)]);
    }

    #[test]
    fn heading_ids_avoid_the_page_and_each_other() {
        let h = render(
            "## Main\n\n## Q\n\n<p id=\"muc\">x</p>\n\n## Mục\n\n## Đặt {#search-form}\n",
            1,
            &base(),
        );
        assert!(h.html.contains(r#"<h2 id="main-1">"#), "{}", h.html);
        assert!(h.html.contains(r#"<h2 id="q-1">"#), "{}", h.html);
        assert!(h.html.contains(r#"<h2 id="muc-1">"#), "{}", h.html);
        let lines: Vec<usize> = h.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![9], "{:?}", h.problems);
    }

    #[test]
    fn table_cells_are_separate_words() {
        let h = render("| Ngày | Người tiếp |\n|---|---|\n| 1 | Ông A |\n", 1, &base());
        assert_eq!(h.text, "Ngày Người tiếp 1 Ông A");
    }

    #[test]
    fn page_ids_name_every_id_of_the_default_theme() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for part in text.split("id=\"").skip(1) {
                let id = part.split('"').next().unwrap();
                found.push(id.replace("{{ loop.index }}", "7"));
            }
        }
        assert!(found.len() > 20, "{found:?}");
        for id in found {
            assert!(
                is_page_id(&id),
                "`{id}` is an id of the default theme missing from PAGE_IDS"
            );
        }
    }
}

/// Arbitrary bodies built from pieces of Markdown and of (often hostile, often mis-cased) HTML:
/// whatever they hold, the HTML that comes out has nothing that can run a script, and, when
/// no error was reported, nothing the Nu Html Checker or a screen reader would trip on among
/// the rules this module states (one `<h1>` per page, `alt` and `src` on images, unique ids, no
/// `rel` on an anchor without `href`).
#[cfg(test)]
mod properties {
    use std::cell::RefCell;

    use lol_html::{RewriteStrSettings, element, rewrite_str};
    use proptest::prelude::*;

    use super::*;

    fn piece() -> impl Strategy<Value = String> {
        let tag = prop::sample::select(vec![
            "script", "SCRIPT", "ScRiPt", "iframe", "object", "embed", "svg", "math", "style", "form", "input",
            "button", "a", "A", "img", "IMG", "h1", "H1", "h2", "p", "P", "div", "span", "table", "tr", "td", "th",
            "pre", "PRE", "textarea", "TEXTAREA", "center", "font", "details", "summary", "base", "meta", "link",
            "template", "noscript", "select", "option",
        ]);
        let attr = prop::sample::select(vec![
            "",
            " href=\"javascript:alert(1)\"",
            " HREF='JaVaScRiPt:x'",
            " href=\" java\tscript:x\"",
            " href=\"&#106;avascript:x\"",
            " href=\"data:text/html,x\"",
            " href=\"vbscript:x\"",
            " href=\"/a/\"",
            " href=\"b.png\"",
            " href=\"https://a.vn/\"",
            " src=\"x.png\"",
            " src=\"javascript:x\"",
            " onerror=\"x()\"",
            " ONCLICK=x()",
            " onmouseover='x'",
            " style=\"background:url(javascript:x)\"",
            " style=\"text-align: center\"",
            " id=\"main\"",
            " id=\"x\"",
            " id=\"x\"",
            " name=\"n\"",
            " alt=\"a\"",
            " alt",
            " rel=\"opener\"",
            " target=\"_blank\"",
            " srcdoc=\"<script>x</script>\"",
            " formaction=\"javascript:x\"",
            " xlink:href=\"javascript:x\"",
            " colspan=\"x\"",
            " scope=\"row\"",
            " lang=\"en\"",
        ]);
        let open = (tag.clone(), attr.clone(), attr).prop_map(|(t, a, b)| format!("<{t}{a}{b}>"));
        let close = tag.prop_map(|t| format!("</{t}>"));
        let markdown = prop::sample::select(vec![
            "# Tiêu đề",
            "## Mục",
            "[x](javascript:alert(1))",
            "[x](/lien-he/)",
            "![ảnh](a.png)",
            "![](a.png)",
            "<javascript:alert(1)>",
            "<a@b.vn>",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "```\n<script>x</script>\n```",
            "`<script>`",
            "> trích",
            "- mục",
            "1. mục",
            "[^1]\n\n[^1]: chú",
            "\n\n",
            "\n",
            " ",
            "chữ",
            "&lt;script&gt;",
            "<!-- c -->",
            "<![CDATA[x]]>",
            "{#main}",
        ]);
        prop_oneof![open, close, markdown.prop_map(str::to_string)]
    }

    /// Every element of `html`: its name and attributes.
    fn elements(html: &str) -> Vec<(String, Vec<(String, String)>)> {
        let found = RefCell::new(Vec::new());
        let _ = rewrite_str(
            html,
            RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
                let attrs = el.attributes().iter().map(|a| (a.name(), a.value())).collect();
                found.borrow_mut().push((el.tag_name(), attrs));
                Ok(())
            })),
        );
        found.into_inner()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn sanitised_bodies_are_safe_and_valid(pieces in prop::collection::vec(piece(), 0..24)) {
            let body = pieces.concat();
            let base = BaseUrl::parse("https://example.gov.vn/cong-khai/").unwrap();
            let out = render(&body, 1, &base);
            let clean = !out.problems.iter().any(|p| p.severity == Severity::Error);
            let mut ids = std::collections::HashSet::new();
            for (tag, attrs) in elements(&out.html) {
                prop_assert!(raw::TAGS.contains(&tag.as_str()), "element <{}> in {}", tag, out.html);
                prop_assert!(tag != "h1", "an <h1> in {}", out.html);
                for (name, value) in &attrs {
                    prop_assert!(!name.starts_with("on"), "{} on <{}>", name, tag);
                    let folded: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
                    if matches!(name.as_str(), "href" | "src" | "cite") {
                        prop_assert!(is_safe_url(value), "{}={:?} on <{}>", name, value, tag);
                    }
                    prop_assert!(!folded.contains("javascript:") || !matches!(name.as_str(), "href" | "src" | "cite" | "style"), "{}={:?}", name, value);
                    if name == "style" {
                        prop_assert!(value.starts_with("text-align"), "style={:?}", value);
                    }
                    prop_assert!(!matches!(name.as_str(), "srcdoc" | "formaction" | "xlink:href" | "target" | "rel"), "{} on <{}>", name, tag);
                    if name == "id" && clean {
                        prop_assert!(ids.insert(value.clone()), "id {:?} twice in {}", value, out.html);
                        prop_assert!(!is_page_id(value), "id {:?} of the page in {}", value, out.html);
                    }
                }
                if tag == "img" && clean {
                    prop_assert!(attrs.iter().any(|(n, _)| n == "src"), "<img> without src in {}", out.html);
                    prop_assert!(attrs.iter().any(|(n, _)| n == "alt"), "<img> without alt in {}", out.html);
                }
            }
        }
    }
}
