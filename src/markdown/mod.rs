//! Markdown body → sanitised HTML, with its links, ids and images checked, site-relative links
//! rewritten under base_url's path, and its plain text.
//!
//! pulldown-cmark renders tables, footnotes, strikethrough and heading ids. Raw HTML is
//! inspected and repaired (`raw`), then the whole body goes through the sanitiser; bodies
//! without raw HTML skip it, because pulldown-cmark escapes all text and this module vets
//! every link and image URL itself.

mod fragments;
mod ids;
mod raw;
mod urls;
mod walk;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::diag::Severity;
use crate::url::BaseUrl;

use ids::{IdSet, assign_heading_ids};

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
pub const PAGE_IDS: [&str; 54] = [
    "main",
    "q",
    "search-form",
    "search-results",
    "h-attachments",
    "h-compliance-categories",
    "h-compliance-overdue",
    "h-compliance-quiet",
    "h-compliance-access",
    "h-access-list",
    "h-access-focal",
    "h-access-request",
    "h-access-on-request",
    "h-by-dimension",
    "h-by-unit",
    "h-categories",
    "h-contact",
    "h-contacts",
    "h-content",
    "h-disclosures",
    "h-withdrawn",
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
    "h-relations",
    "h-consultations",
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
    let numbered = |prefix: &str| {
        id.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    PAGE_IDS.contains(&id) || numbered("h-group-") || numbered("csv-caption-")
}

/// Renders `body` (whose first line is file line `body_line`).
pub fn render(body: &str, body_line: usize, base: &BaseUrl) -> Html {
    render_with(body, body_line, base, &|_| None)
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
    let at = |offset: usize| position(body, body_line, offset);
    let mut w = walk::Walk::of(body, &at, image_size);
    let mut ids = IdSet::default();
    w.check_ids_and_raw_html(&at, &mut ids);
    let raw_html = !w.fragments.is_empty();
    if raw_html {
        w.repair_raw_html();
    } else {
        // Without raw HTML the sanitiser does not run: site-relative URLs are rewritten here.
        w.rewrite_site_urls(base);
    }
    assign_heading_ids(&mut w.events, w.has_h1, &w.headings, &mut ids, &at, &mut w.out);
    for &(at, dims) in w.sized.iter().rev() {
        size_image(&mut w.events, at, dims);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, w.events.into_iter());
    if raw_html {
        html = raw::sanitise(&html, base);
    }
    if html.contains("<table") {
        html = accessible_tables(&html);
    }
    let mut out = w.out;
    out.html = html;
    out.text = w.text.split_whitespace().collect::<Vec<_>>().join(" ");
    out.links.sort_by_key(|l| (l.line, l.col));
    out.problems.sort_by_key(|p| (p.line, p.col));
    out.problems.dedup();
    out
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
