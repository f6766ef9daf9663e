//! The rendering of bodies, case by case.

use super::urls::is_safe_url;
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

/// Found by the `markdown` fuzz target: `{onclick=...}` after a heading reached the page.
#[test]
fn heading_attributes_other_than_an_id_are_left_out() {
    let h = render("# T {onclick=alert(1)}\n\n## U {#u .cls data-x=1}\n", 1, &base());
    assert!(
        !h.html.contains("onclick") && !h.html.contains("cls") && !h.html.contains("data-x"),
        "{}",
        h.html
    );
    assert!(h.html.contains("<h3 id=\"u\">"), "{}", h.html);
    let warned: Vec<(usize, &str)> = h
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert!(warned[0].1.contains("`onclick=alert(1)`"), "{warned:?}");
    assert_eq!(warned[1].0, 3);
}

/// Found by the `markdown` fuzz target: a second heading "H group" looped for ever, every
/// `h-group-N` being an id of the page.
#[test]
fn repeated_headings_named_like_page_ids_end() {
    let h = render("# H group\n# H group\n# H group\n", 1, &base());
    assert!(h.html.contains("id=\"h-group\""), "{}", h.html);
    assert!(
        h.html.contains("id=\"h-group-id-1\"") && h.html.contains("id=\"h-group-id-2\""),
        "{}",
        h.html
    );
}
