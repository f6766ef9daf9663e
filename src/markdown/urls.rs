//! The URLs of a body's links and images → links to the site to check (site-relative or
//! relative to the page), or errors for schemes that are not allowed.

use pulldown_cmark::CowStr;

use super::{Html, Problem, SiteLink};
use crate::diag::Severity;

/// URL schemes a link or image may use.
pub(super) const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// What a URL in a body is: `None` for one that leaves the site or stays on the page (an
/// absolute URL with an allowed scheme, `#fragment`, `?query`); a link to the site to check;
/// or an error for a scheme that is not allowed (`javascript:`, `data:`, `file:`...).
pub(super) fn classify_url(url: &str, line: usize, col: usize) -> Option<Result<SiteLink, String>> {
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
pub(super) fn vet_url(
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
pub(super) fn is_safe_url(url: &str) -> bool {
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
