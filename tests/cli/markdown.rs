//! Markdown bodies and front-matter text → sanitised, escaped HTML.

use crate::support::{Site, main_of};

const PAGE: &str = "content/pages/lien-he.md";

#[test]
fn raw_html_is_sanitised() {
    let site = Site::fixture("basic");
    site.edit(
        PAGE,
        "Gọi 0200",
        "<script>alert('xss-script')</script>\n\n\
         <img src=\"https://example.org/x.png\" alt=\"ảnh\" onerror=\"alert('xss-onerror')\">\n\n\
         <a href=\"https://example.org/\" onclick=\"alert('xss-onclick')\">liên kết</a>\n\n\
         <iframe src=\"https://evil.example/\"></iframe>\n\n\
         <p style=\"x\" onmouseover=\"alert('xss-over')\">Đoạn văn</p>\n\n\
         Gọi 0200",
    );
    // What the sanitiser drops is said, each once, at its line; the build goes on.
    let out = site.build_ok();
    for (needle, what) in [
        ("<script>", "`<script>` is left out of the page with its content"),
        ("onerror=", "`onerror`"),
        ("onclick=", "`onclick`"),
        ("<iframe", "`<iframe>` is left out"),
        ("style=", "`style`"),
    ] {
        let line = site.line_of(PAGE, needle);
        let prefix = format!("{PAGE}:{line}:");
        assert!(
            out.stderr
                .lines()
                .any(|l| l.starts_with(&prefix) && l.contains("warning") && l.contains(what)),
            "no warning `{what}` at {prefix}\n{}",
            out.stderr
        );
    }
    let html = site.out("lien-he/index.html");
    let main = main_of(&html);
    for bad in [
        "<script",
        "onerror",
        "onclick",
        "onmouseover",
        "<iframe",
        "evil.example",
        "xss-",
    ] {
        assert!(!html.contains(bad), "`{bad}` survived:\n{main}");
    }
    // The harmless parts stay.
    assert!(main.contains("https://example.org/x.png"), "{main}");
    assert!(main.contains("liên kết") && main.contains("Đoạn văn"), "{main}");
}

#[test]
fn script_urls_are_errors_at_their_place() {
    let site = Site::fixture("basic");
    site.edit(
        PAGE,
        "Gọi 0200",
        "[bấm vào đây](javascript:alert('xss-md-link'))\n\n\
         <a href=\"JavaScript:alert('xss-a')\">liên kết</a> <img src=\"data:text/html,x\" alt=\"x\">\n\n\
         Gọi 0200",
    );
    let out = site.build().code(1);
    let md = site.line_of(PAGE, "bấm vào đây");
    let raw = site.line_of(PAGE, "liên kết");
    out.error_line(&format!(
        "{PAGE}:{md}:1: error: the link `javascript:alert('xss-md-link')` is not allowed"
    ));
    out.error_line(&format!(
        "{PAGE}:{raw}:1: error: the link `JavaScript:alert('xss-a')` is not allowed"
    ));
    out.error_line(&format!(
        "{PAGE}:{raw}:50: error: the link `data:text/html,x` is not allowed"
    ));
}

#[test]
fn titles_are_escaped_by_the_templates() {
    let site = Site::fixture("basic");
    site.edit(
        "content/disclosures/dau-moi-lien-he.md",
        "title: \"Đầu mối cung cấp thông tin\"",
        "title: \"Đầu mối <b>số 1</b> & <script>alert(1)</script>\"",
    );
    site.build_ok();
    let html = site.out("disclosures/dau-moi-lien-he/index.html");
    assert!(
        html.contains("Đầu mối &lt;b&gt;số 1&lt;&#x2F;b&gt; &amp;")
            || html.contains("Đầu mối &lt;b&gt;số 1&lt;/b&gt; &amp;"),
        "{}",
        main_of(&html)
    );
    assert!(!html.contains("<b>số 1</b>"));
    assert!(!html.contains("<script>alert(1)"));
    // Lists and the category page too.
    for page in ["disclosures/page/3/index.html", "categories/lien-he/index.html"] {
        let html = site.out(page);
        assert!(!html.contains("<b>số 1</b>") && html.contains("&lt;b&gt;"), "{page}");
    }
    // And the feed is still well-formed XML text.
    let feed = site.out("feed.xml");
    assert!(
        !feed.contains("<b>số 1</b>") && feed.contains("&lt;b&gt;số 1"),
        "{feed}"
    );
}

#[test]
fn tables_footnotes_strikethrough_and_heading_ids() {
    let site = Site::fixture("basic");
    site.edit(
        PAGE,
        "Gọi 0200",
        "| Đơn vị | Điện thoại |\n|---|---|\n| Văn phòng | 0200 |\n\n~~Số cũ~~ số mới[^1]\n\n[^1]: Từ tháng 11.\n\n## Giờ làm việc\n\nGọi 0200",
    );
    site.build_ok();
    let html = site.out("lien-he/index.html");
    let main = main_of(&html);
    assert!(
        main.contains("<table>") && main.contains(r#"<th scope="col">Đơn vị</th>"#),
        "{main}"
    );
    // Wide tables scroll in their own keyboard-reachable box, not the whole page.
    assert!(
        main.contains(r#"<div class="table-wrap" role="region" tabindex="0" aria-label="Bảng"><table>"#),
        "{main}"
    );
    assert!(main.contains("<del>Số cũ</del>"), "{main}");
    assert!(main.contains("footnote"), "{main}");
    assert!(main.contains("<h2 id=\"gio-lam-viec\">Giờ làm việc</h2>"), "{main}");
}

#[test]
fn site_relative_links_to_pages_and_files_are_rewritten() {
    let site = Site::fixture("basic");
    site.edit(
        PAGE,
        "Gọi 0200",
        "Xem [nhiệm vụ](/tasks/cong-khai/#h-updates), [mẫu đơn](/files/mau-don.txt), [đơn vị](/units/van-phong/) và [trang chủ](/).\n\nGọi 0200",
    );
    site.build_ok();
    let html = site.out("lien-he/index.html");
    let main = main_of(&html);
    for href in [
        "/cong-khai/tasks/cong-khai/#h-updates",
        "/cong-khai/files/mau-don.txt",
        "/cong-khai/units/van-phong/",
        "/cong-khai/",
    ] {
        assert!(main.contains(&format!("href=\"{href}\"")), "no link {href}:\n{main}");
    }
}

#[test]
fn external_and_relative_links_are_left_alone() {
    let site = Site::fixture("basic");
    site.edit(
        PAGE,
        "Gọi 0200",
        "Xem [Cổng dịch vụ công](https://dichvucong.gov.vn/) hoặc [thư](mailto:vanphong@example.gov.vn).\n\nGọi 0200",
    );
    site.build_ok();
    let html = site.out("lien-he/index.html");
    assert!(html.contains("href=\"https://dichvucong.gov.vn/\""));
    assert!(html.contains("href=\"mailto:vanphong@example.gov.vn\""));
}

#[test]
fn images_get_their_width_and_height() {
    // A PNG header is enough to know its size: 8-byte signature, then the IHDR chunk.
    let mut png = vec![
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ];
    png.extend_from_slice(&320u32.to_be_bytes());
    png.extend_from_slice(&200u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    let site = Site::fixture("basic");
    site.write_bytes("static/anh/so-do.png", &png);
    site.edit(PAGE, "Gọi 0200", "![Sơ đồ tổ chức](/anh/so-do.png)\n\nGọi 0200");
    site.build_ok();
    let html = site.out("lien-he/index.html");
    assert!(
        html.contains(r#"<img src="/cong-khai/anh/so-do.png" alt="Sơ đồ tổ chức" width="320" height="200">"#),
        "{}",
        main_of(&html)
    );
}
