//! Raw HTML in a Markdown body → what it holds (links, ids, images, headings, what the
//! sanitiser will drop), small repairs at the source, then the sanitiser itself.
//!
//! The same allow-list drives the sanitiser (ammonia) and the messages, so an editor is told
//! about everything that does not reach the page. What is allowed is valid HTML5: no obsolete
//! elements or attributes (`<center>`, `align=`), no element that needs an attribute the
//! sanitiser could remove, and attribute values that the Nu Html Checker accepts.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use lol_html::{RewriteStrSettings, element, rewrite_str};

use super::urls::SCHEMES;
use crate::url::BaseUrl;

/// Elements a body may use; others are left out (their text is kept, but for
/// `CLEARED`'s, whose content goes too).
pub(crate) const TAGS: [&str; 62] = [
    "a",
    "abbr",
    "address",
    "article",
    "b",
    "bdi",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
];

/// Elements removed with everything in them.
const CLEARED: [&str; 2] = ["script", "style"];

/// Attributes every allowed element may have.
const GENERIC: [&str; 4] = ["id", "class", "title", "lang"];

/// Attributes of particular elements.
const PER_TAG: [(&str, &[&str]); 12] = [
    ("a", &["href"]),
    ("img", &["src", "alt", "width", "height"]),
    ("td", &["colspan", "rowspan", "style"]),
    ("th", &["colspan", "rowspan", "scope", "abbr", "style"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite"]),
    ("ins", &["cite"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
];

/// True when `attr` may stand on `tag` (before its value is checked).
fn allowed_attr(tag: &str, attr: &str) -> bool {
    GENERIC.contains(&attr) || PER_TAG.iter().any(|(t, attrs)| *t == tag && attrs.contains(&attr))
}

/// `value` if it is valid for `attr` of `tag` in HTML5, else `None`. URLs are vetted
/// elsewhere (by scheme); ids must be one word.
fn valid_value<'v>(tag: &str, attr: &str, value: &'v str) -> Option<&'v str> {
    let v = value.trim();
    let whole = |min: i64, max: i64| v.parse::<i64>().ok().filter(|n| (min..=max).contains(n)).map(|_| v);
    match (tag, attr) {
        (_, "id") => (!v.is_empty() && !value.contains(char::is_whitespace)).then_some(value),
        (_, "lang") => is_language_tag(v).then_some(v),
        ("img", "width" | "height") => whole(0, 100_000),
        (_, "colspan") => whole(1, 1000),
        (_, "rowspan") => whole(0, 65_534),
        (_, "span") => whole(1, 1000),
        ("ol", "start") | ("li", "value") => whole(i64::from(i32::MIN), i64::from(i32::MAX)),
        ("ol", "type") => ["1", "a", "A", "i", "I"].contains(&v).then_some(v),
        ("ol", "reversed") => Some(""),
        ("th", "scope") => ["row", "col", "rowgroup", "colgroup"]
            .contains(&v.to_ascii_lowercase().as_str())
            .then_some(v),
        (_, "style") => is_alignment(v).then_some(v),
        _ => Some(value),
    }
}

/// `text-align: left|center|right` (what Markdown tables write for aligned columns).
fn is_alignment(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let s = s.trim_end_matches(';');
    matches!(s, "text-align:left" | "text-align:center" | "text-align:right")
}

/// A BCP 47 language tag in its common shape (`en`, `vi-VN`, `zh-Hant`).
fn is_language_tag(v: &str) -> bool {
    let mut parts = v.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// What one element of raw HTML holds that matters, at a byte offset in the fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Found {
    /// An `href`, `src` or `cite` value.
    Url(String),
    /// An `id` (or an `a name=`, which becomes one).
    Id(String),
    /// An `id` that is empty or holds spaces.
    BadId(String),
    /// An `<img>` without `alt`.
    NoAlt,
    /// An `<img>` without `src`.
    NoSrc,
    /// A heading `<h1>`.
    H1,
    /// An element the sanitiser leaves out, with whether its content goes too.
    DroppedTag(String, bool),
    /// An attribute the sanitiser leaves out (event handlers, styles, obsolete attributes).
    DroppedAttr(String),
    /// An allowed attribute whose value is not valid HTML, left out too: (attribute, value).
    BadValue(String, String),
}

/// The elements of a piece of raw HTML, each with the byte offset of its start tag.
pub(super) fn inspect(fragment: &str) -> Vec<(usize, Found)> {
    let mut found = Vec::new();
    let handler = element!("*", |el| {
        let at = el.source_location().bytes().start;
        let tag = el.tag_name();
        if !TAGS.contains(&tag.as_str()) {
            found.push((at, Found::DroppedTag(tag.clone(), CLEARED.contains(&tag.as_str()))));
            return Ok(());
        }
        for attr in el.attributes() {
            let name = attr.name();
            let value = attr.value();
            match name.as_str() {
                "href" | "src" | "cite" => found.push((at, Found::Url(value))),
                "id" if valid_value(&tag, "id", &value).is_some() => found.push((at, Found::Id(value))),
                "id" => found.push((at, Found::BadId(value))),
                "name" if tag == "a" && !el.has_attribute("id") => match valid_value(&tag, "id", &value) {
                    Some(_) => found.push((at, Found::Id(value))),
                    None => found.push((at, Found::BadId(value))),
                },
                n if !allowed_attr(&tag, n) => found.push((at, Found::DroppedAttr(n.to_string()))),
                n if valid_value(&tag, n, &value).is_none() => found.push((at, Found::BadValue(n.to_string(), value))),
                _ => {}
            }
        }
        if tag == "img" {
            if !el.has_attribute("src") {
                found.push((at, Found::NoSrc));
            }
            if !el.has_attribute("alt") {
                found.push((at, Found::NoAlt));
            }
        }
        if tag == "h1" {
            found.push((at, Found::H1));
        }
        Ok(())
    });
    // Inspection only: the rewritten text is thrown away, and a fragment the rewriter cannot
    // take (it takes anything that is text) holds nothing to report.
    let _ = rewrite_str(
        fragment,
        RewriteStrSettings::new()
            .with_strict(false)
            .append_element_content_handler(handler),
    );
    found
}

/// Repairs a piece of raw HTML before it is sanitised: `<a name="x">` becomes `<a id="x">`
/// (the sanitiser would drop `name`, and the anchor with it), and when `demote` is set every
/// heading moves one level down, as the Markdown headings do, so the page keeps one `<h1>`.
pub(super) fn repair(fragment: &str, demote: bool) -> String {
    let handler = element!("a[name], h1, h2, h3, h4, h5", |el| {
        let tag = el.tag_name();
        if tag == "a" {
            if let Some(name) = el.get_attribute("name") {
                el.remove_attribute("name");
                if !el.has_attribute("id") {
                    // Setting an attribute on a valid element cannot fail.
                    let _ = el.set_attribute("id", &name);
                }
            }
        } else if demote {
            let lower = match tag.as_str() {
                "h1" => "h2",
                "h2" => "h3",
                "h3" => "h4",
                "h4" => "h5",
                _ => "h6",
            };
            let _ = el.set_tag_name(lower);
        }
        Ok(())
    });
    rewrite_str(
        fragment,
        RewriteStrSettings::new()
            .with_strict(false)
            .append_element_content_handler(handler),
    )
    .unwrap_or_else(|_| fragment.to_string())
}

/// Sanitises a body's HTML with the allow-list above: no scripts, event handlers, styles,
/// frames, forms or URLs other than `SCHEMES`; site-relative URLs move under base_url's path.
pub(super) fn sanitise(html: &str, base: &BaseUrl) -> String {
    let prefix = base.path.clone();
    let tags: HashSet<&str> = TAGS.into_iter().collect();
    let per_tag: HashMap<&str, HashSet<&str>> = PER_TAG
        .iter()
        .map(|(t, attrs)| (*t, attrs.iter().copied().collect()))
        .collect();
    let clean = ammonia::Builder::empty()
        .tags(tags)
        .clean_content_tags(CLEARED.into_iter().collect())
        .generic_attributes(GENERIC.into_iter().collect())
        .tag_attributes(per_tag)
        .url_schemes(SCHEMES.into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(move |element, attribute, value| {
            if matches!(attribute, "href" | "src" | "cite") {
                // Site-relative links in raw HTML move under base_url's path, as Markdown
                // links do (both reach here unrewritten when a body has raw HTML).
                let v = value.trim();
                if v.starts_with('/') && !v.starts_with("//") {
                    return Some(format!("{prefix}{}", v.trim_start_matches('/')).into());
                }
                return Some(value.into());
            }
            valid_value(element, attribute, value).map(|v| Cow::Owned(v.to_string()))
        })
        .clean(html)
        .to_string();
    last_repairs(&clean)
}

/// The last repairs, on the sanitiser's normalised output: an `id` seen before is dropped (the
/// HTML parser behind the sanitiser repeats an unclosed formatting element such as
/// `<a id="x">` after a block it cannot hold, and the copy takes the id along; ids the editor
/// wrote twice are reported before this), and an `<h1>` that the repairs at the source could
/// not see (in markup too broken to read before parsing) becomes an `<h2>`: the page's title
/// is its only `<h1>`. An `<img>` without `src` or `alt` there (all others were reported at
/// the source) is removed: nothing can be said for it. So is an id the page uses.
fn last_repairs(html: &str) -> String {
    if !html.contains(" id=") && !html.contains("<h1") && !html.contains("<img") {
        return html.to_string();
    }
    let mut seen = HashSet::new();
    let handler = element!("[id], h1, img", |el| {
        match el.tag_name().as_str() {
            "h1" => {
                let _ = el.set_tag_name("h2");
            }
            "img" if !el.has_attribute("src") || !el.has_attribute("alt") => {
                el.remove();
                return Ok(());
            }
            _ => {}
        }
        if let Some(id) = el.get_attribute("id")
            && (super::is_page_id(&id) || !seen.insert(id))
        {
            el.remove_attribute("id");
        }
        Ok(())
    });
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .with_strict(false)
            .append_element_content_handler(handler),
    )
    .unwrap_or_else(|_| html.to_string())
}

/// The lower-case end tags of the elements whose HTML block ends at their end tag: a body
/// that closes them in upper case (`</PRE>`) gets them lowered, because the Markdown parser
/// looks for them in lower case only and would otherwise take the rest of the body as HTML.
/// The text keeps its length, so every position in it stays right.
pub(super) fn lower_block_end_tags(body: &str) -> Cow<'_, str> {
    const ENDS: [&str; 4] = ["</pre", "</script", "</style", "</textarea"];
    let bytes = body.as_bytes();
    let mut fixed: Option<Vec<u8>> = None;
    for at in memchr::memmem::find_iter(bytes, b"</") {
        for end in ENDS {
            let Some(candidate) = bytes.get(at..at + end.len()) else {
                continue;
            };
            let after = bytes.get(at + end.len()).copied();
            if candidate.eq_ignore_ascii_case(end.as_bytes())
                && candidate != end.as_bytes()
                && matches!(after, Some(b'>' | b' ' | b'\t' | b'\n') | None)
            {
                let out = fixed.get_or_insert_with(|| bytes.to_vec());
                out[at..at + end.len()].copy_from_slice(end.as_bytes());
            }
        }
    }
    match fixed {
        // Only ASCII letters were lowered: the text is still UTF-8.
        Some(out) => Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| body.to_string())),
        None => Cow::Borrowed(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_matters_in_raw_html() {
        let f = inspect(
            r#"<IMG SRC="a.png"><a name="x"></a><h1 id="t">T</h1><font color="red">r</font><p onclick="x()" align="left">p</p><script>x</script>"#,
        );
        let kinds: Vec<&Found> = f.iter().map(|(_, k)| k).collect();
        assert!(kinds.contains(&&Found::Url("a.png".into())), "{f:?}");
        assert!(kinds.contains(&&Found::NoAlt));
        assert!(kinds.contains(&&Found::Id("x".into())));
        assert!(kinds.contains(&&Found::Id("t".into())));
        assert!(kinds.contains(&&Found::H1));
        assert!(kinds.contains(&&Found::DroppedTag("font".into(), false)));
        assert!(kinds.contains(&&Found::DroppedTag("script".into(), true)));
        assert!(kinds.contains(&&Found::DroppedAttr("onclick".into())));
        assert!(kinds.contains(&&Found::DroppedAttr("align".into())));
        // Offsets are those of the start tags.
        assert_eq!(f[0].0, 0);
    }

    #[test]
    fn repairs_anchors_and_headings() {
        assert_eq!(repair(r#"<a name="x"></a>"#, false), r#"<a id="x"></a>"#);
        assert_eq!(
            repair("<H1>a</H1><h2>b</h2><h6>c</h6>", true),
            "<h2>a</h2><h3>b</h3><h6>c</h6>"
        );
        assert_eq!(repair("<h1>a</h1>", false), "<h1>a</h1>");
    }

    #[test]
    fn keeps_valid_values_only() {
        let base = BaseUrl::parse("https://a.vn/x/").unwrap();
        let h = sanitise(
            r#"<table><tr><td colspan="abc" rowspan="2" align="left">a</td><th scope="up" style="text-align: center">h</th></tr></table><img src="/a.png" alt="a" width="10px"><span lang="en" id="">e</span><ol type="a" start="3"><li>x</li></ol><center>c</center>"#,
            &base,
        );
        assert!(!h.contains("colspan"), "{h}");
        assert!(h.contains(r#"rowspan="2""#), "{h}");
        assert!(!h.contains("align="), "{h}");
        assert!(h.contains(r#"src="/x/a.png""#), "{h}");
        assert!(!h.contains("width"), "{h}");
        assert!(!h.contains("scope"), "{h}");
        assert!(h.contains("text-align: center"), "{h}");
        assert!(h.contains(r#"lang="en""#), "{h}");
        assert!(!h.contains("id="), "{h}");
        assert!(h.contains(r#"<ol type="a" start="3">"#), "{h}");
        assert!(!h.contains("center>"), "{h}");
    }

    #[test]
    fn lowers_block_end_tags_only() {
        assert_eq!(lower_block_end_tags("<PRE>x</PRE>\n## h"), "<PRE>x</pre>\n## h");
        assert_eq!(lower_block_end_tags("</Script >"), "</script >");
        assert_eq!(lower_block_end_tags("</PREFIX></DIV>"), "</PREFIX></DIV>");
        assert!(matches!(lower_block_end_tags("no tags"), Cow::Borrowed(_)));
    }
}
