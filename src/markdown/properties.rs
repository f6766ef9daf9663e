//! Arbitrary bodies built from pieces of Markdown and of (often hostile, often mis-cased) HTML:
//! whatever they hold, the HTML that comes out has nothing that can run a script, and, when
//! no error was reported, nothing the Nu Html Checker or a screen reader would trip on among
//! the rules this module states (one `<h1>` per page, `alt` and `src` on images, unique ids, no
//! `rel` on an anchor without `href`).
use std::cell::RefCell;

use lol_html::{RewriteStrSettings, element, rewrite_str};
use proptest::prelude::*;

use super::urls::is_safe_url;
use super::*;

fn piece() -> impl Strategy<Value = String> {
    let tag = prop::sample::select(vec![
        "script", "SCRIPT", "ScRiPt", "iframe", "object", "embed", "svg", "math", "style", "form", "input", "button",
        "a", "A", "img", "IMG", "h1", "H1", "h2", "p", "P", "div", "span", "table", "tr", "td", "th", "pre", "PRE",
        "textarea", "TEXTAREA", "center", "font", "details", "summary", "base", "meta", "link", "template", "noscript",
        "select", "option",
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
        "# T {onclick=alert(1)}",
        "## T {.cls #x style=\"a:b\"}",
        "# H group",
        "## h-group-1",
        "# Main",
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
