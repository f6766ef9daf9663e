//! `markdown::render` and `render_with` on any UTF-8 body: never panic, and the HTML they
//! give is safe as the sanitiser promises: no `<script`, only allowed elements, no event
//! handler attributes, and no URL with a scheme other than http, https, mailto and tel.
//! Positions of problems and links lie within the body.

#![no_main]

use std::cell::RefCell;

use congkhai::markdown::{Html, render, render_with};
use congkhai::source::frontmatter::split;
use congkhai::url::BaseUrl;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer};
use libfuzzer_sys::fuzz_target;

/// Elements a body's HTML may hold: the sanitiser's allow-list (`src/markdown/raw.rs`, `TAGS`),
/// which also covers everything pulldown-cmark writes with the options congkhai enables.
#[rustfmt::skip]
const TAGS: [&str; 62] = [
    "a", "abbr", "address", "article", "b", "bdi", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt",
    "ruby", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
];

/// Attributes that a browser follows as a URL on some element.
const URL_ATTRS: [&str; 10] = [
    "href",
    "src",
    "srcset",
    "cite",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "xlink:href",
];

/// Schemes a URL in a body may have.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Start tags of some HTML, as a browser's tokenizer reads them (attribute values decoded).
#[derive(Default)]
struct StartTags(RefCell<Vec<(String, Vec<(String, String)>)>>);

impl TokenSink for StartTags {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let TagToken(tag) = token {
            if tag.kind == StartTag {
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| {
                        let name = match &a.name.prefix {
                            Some(p) => format!("{}:{}", &**p, &*a.name.local),
                            None => a.name.local.to_string(),
                        };
                        (name, a.value.to_string())
                    })
                    .collect();
                self.0.borrow_mut().push((tag.name.to_string(), attrs));
            }
        }
        TokenSinkResult::Continue
    }
}

fn start_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tok = Tokenizer::new(StartTags::default(), Default::default());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.0.take()
}

/// The scheme of a URL as a browser's URL parser finds it, lower-cased.
fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = url.find(':')?;
    let s = &url[..colon];
    let mut chars = s.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then(|| s.to_ascii_lowercase())
}

fn check(body: &str, body_line: usize, out: &Html) {
    let html = &out.html;
    assert!(!html.to_ascii_lowercase().contains("<script"), "<script in {html:?}");
    for (tag, attrs) in start_tags(html) {
        assert!(TAGS.contains(&tag.as_str()), "element <{tag}> in {html:?}");
        for (name, value) in attrs {
            assert!(
                !name.starts_with("on"),
                "event handler {name}={value:?} on <{tag}> in {html:?}"
            );
            if URL_ATTRS.contains(&name.as_str()) {
                if let Some(s) = scheme(&value) {
                    assert!(SCHEMES.contains(&s.as_str()), "{name}={value:?} on <{tag}> in {html:?}");
                }
            }
        }
    }
    // Every position is in the body: from its first line to its last, columns from 1.
    let last_line = body_line + body.matches('\n').count();
    for p in &out.problems {
        assert!((body_line..=last_line).contains(&p.line) && p.col >= 1, "{p:?}");
    }
    for l in &out.links {
        assert!((body_line..=last_line).contains(&l.line) && l.col >= 1, "{l:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let base = BaseUrl::parse("https://example.org/cong-khai/").expect("a valid base URL");
    // A content file when it has front matter (as a build reads it), else a bare body.
    let (body, body_line) = match split(text, "fuzz.md") {
        Ok(s) => (s.body, s.body_line),
        Err(_) => (text, 1),
    };
    check(body, body_line, &render(body, body_line, &base));
    // Images of known size become one `<img>` with width and height.
    if body.contains("![") {
        let size = |url: &str| Some((url.len() as u32 % 2000, 7));
        check(body, body_line, &render_with(body, body_line, &base, &size));
    }
});
