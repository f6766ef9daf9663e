//! Markdown body → sanitised HTML, with site-relative links rewritten under base_url's path.
//!
//! pulldown-cmark renders tables, footnotes, strikethrough and heading ids. Raw HTML goes
//! through ammonia; bodies without raw HTML skip it, because pulldown-cmark escapes all text
//! and this module vets every link and image URL itself.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::slug;
use crate::model::url::BaseUrl;

/// A link in Markdown that starts with `/`: it must name a page or file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLink {
    /// The path as written, without `#fragment` or `?query` (`/lien-he/`).
    pub target: String,
    /// File line of the link.
    pub line: usize,
    /// Column of the link.
    pub col: usize,
}

/// What rendering a body gives.
#[derive(Debug, Clone, Default)]
pub struct Html {
    /// Safe HTML.
    pub html: String,
    /// Site-relative links found, to be checked against the site's pages and files.
    pub links: Vec<SiteLink>,
    /// Plain text of the body (for summaries and search).
    pub text: String,
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
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut links = Vec::new();
    let mut raw_html = false;
    let mut has_h1 = false;
    let mut text = String::new();
    // Images whose size is known: (index of their start event, (width, height)).
    let mut sized: Vec<(usize, (u32, u32))> = Vec::new();
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = vet_url(dest_url, base, body, body_line, range.start, &mut links);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(dims) = image_size(dest_url.trim()) {
                    sized.push((events.len(), dims));
                }
                let dest_url = vet_url(dest_url, base, body, body_line, range.start, &mut links);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Html(ref t) | Event::InlineHtml(ref t) => {
                raw_html = true;
                for (at, target) in raw_site_links(t) {
                    let (line, col) = position(body, body_line, range.start + at);
                    links.push(SiteLink { target, line, col });
                }
                event
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                has_h1 = true;
                event
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                text.push_str(t);
                event
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::Item) => {
                text.push(' ');
                event
            }
            other => other,
        };
        events.push(event);
    }
    assign_heading_ids(&mut events, has_h1);
    for &(at, dims) in sized.iter().rev() {
        size_image(&mut events, at, dims);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if raw_html {
        html = sanitise(&html, base);
    }
    if html.contains("<table") {
        html = accessible_tables(&html);
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Html { html, links, text }
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
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", esc(&title))
    };
    let tag = format!(
        "<img src=\"{}\" alt=\"{}\"{title} width=\"{width}\" height=\"{height}\">",
        esc(&src),
        esc(&alt)
    );
    events.splice(at..=end, [Event::InlineHtml(CowStr::from(tag))]);
}

/// Gives every heading an id (from its text, unique in the page) and, when the body has an
/// `# h1`, moves every heading one level down: the page template owns the only `<h1>`.
fn assign_heading_ids(events: &mut [Event<'_>], demote: bool) {
    let mut used = BTreeSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { .. }) = &events[i] {
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
                let base = match id {
                    Some(given) => given.to_string(),
                    None => {
                        let s = slug::fold(&label);
                        if s.is_empty() { "muc".to_string() } else { s }
                    }
                };
                let mut unique = base.clone();
                let mut n = 1;
                while !used.insert(unique.clone()) {
                    unique = format!("{base}-{n}");
                    n += 1;
                }
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

/// Rewrites site-relative URLs under the base path, records them for checking, and replaces
/// URLs with a scheme other than http, https, mailto and tel by `#`.
fn vet_url<'a>(
    dest: CowStr<'a>,
    base: &BaseUrl,
    body: &str,
    body_line: usize,
    offset: usize,
    links: &mut Vec<SiteLink>,
) -> CowStr<'a> {
    let d = dest.trim();
    if d.starts_with('/') && !d.starts_with("//") {
        let target = d.split(['#', '?']).next().unwrap_or(d).to_string();
        let (line, col) = position(body, body_line, offset);
        links.push(SiteLink { target, line, col });
        return CowStr::from(base.link(d));
    }
    if !is_safe_url(d) {
        return CowStr::from("#");
    }
    dest
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
            matches!(&lower[..colon], "http" | "https" | "mailto" | "tel")
        }
    }
}

fn position(body: &str, body_line: usize, offset: usize) -> (usize, usize) {
    let before = &body[..offset.min(body.len())];
    let line = body_line + before.matches('\n').count();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// Tables from Markdown get header cells that say they head columns, and a wrapper that
/// scrolls sideways on a narrow screen (a keyboard can scroll it too) instead of the page.
/// Runs on sanitised HTML: the added markup is ours.
fn accessible_tables(html: &str) -> String {
    html.replace(
        "<table>",
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Bảng\"><table>",
    )
    .replace("</table>", "</table></div>")
    .replace("<th>", "<th scope=\"col\">")
    .replace("<th style=", "<th scope=\"col\" style=")
}

/// Site-relative `href`/`src` values in a piece of raw HTML, with their byte offsets.
fn raw_site_links(html: &str) -> Vec<(usize, String)> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for attr in ["href", "src"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(attr) {
            let at = from + i;
            from = at + attr.len();
            // The attribute name must stand alone (` href=`, not `data-href=`).
            if at > 0 && !lower.as_bytes()[at - 1].is_ascii_whitespace() {
                continue;
            }
            let rest = lower[from..].trim_start();
            let Some(rest) = rest.strip_prefix('=') else { continue };
            let rest = rest.trim_start();
            let value_start = html.len() - rest.len();
            let (quote, value) = match rest.as_bytes().first() {
                Some(b'"') => ('"', &html[value_start + 1..]),
                Some(b'\'') => ('\'', &html[value_start + 1..]),
                _ => (' ', &html[value_start..]),
            };
            let end = value
                .find(|c: char| c == quote || (quote == ' ' && (c.is_whitespace() || c == '>')))
                .unwrap_or(value.len());
            let value = value[..end].trim();
            if value.starts_with('/') && !value.starts_with("//") {
                let target = value.split(['#', '?']).next().unwrap_or(value).to_string();
                found.push((at, target));
            }
        }
    }
    found.sort();
    found
}

fn sanitise(html: &str, base: &BaseUrl) -> String {
    let prefix = base.path.clone();
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class"])
        .add_tag_attributes("th", ["scope"])
        .add_tag_attributes("td", ["scope"])
        .add_tags(["caption", "figure", "figcaption", "abbr", "mark", "small", "sub", "sup"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener"))
        .attribute_filter(move |_element, attribute, value| {
            // Site-relative links in raw HTML move under base_url's path, as Markdown links do.
            if (attribute == "href" || attribute == "src") && value.starts_with('/') && !value.starts_with("//") {
                let rewritten = format!("{prefix}{}", value.trim_start_matches('/'));
                return Some(rewritten.into());
            }
            Some(value.into())
        })
        .clean(html)
        .to_string()
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
                col: 5
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
        let size = |u: &str| (u == "/files/a.png").then_some((640, 480));
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
}
