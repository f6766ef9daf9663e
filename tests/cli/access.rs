//! The access-to-information section (`/access-to-information/`): the list of what is
//! disclosed, whom to ask (`focal_point` in site.yaml), how to ask (a free page) and what is
//! given on request (categories with `on_request: true`); each part the site lacks is a
//! warning naming what to write.

use crate::support::Site;

const PAGE: &str = "access-to-information/index.html";

#[test]
fn the_hub_links_everything_a_citizen_needs() {
    let site = Site::fixture("basic");
    let out = site.build_ok();
    // The only warning: the site lives under a sub-path, where robots.txt is not read.
    let warnings: Vec<&str> = out.stderr.lines().filter(|l| l.contains("warning")).collect();
    assert!(
        warnings.len() == 1 && warnings[0].contains("robots.txt only at the host's root"),
        "{warnings:?}"
    );
    let page = site.out(PAGE);
    for text in [
        "<h1>Chuyên mục tiếp cận thông tin</h1>",
        "href=\"/cong-khai/disclosure-list/\"",
        "<dd>Người Thử</dd>",
        "<dd>Chánh Văn phòng</dd>",
        "<a href=\"tel:02000000001\">0200 000 0001</a>",
        "<a href=\"mailto:dau-moi@example.gov.vn\">dau-moi@example.gov.vn</a>",
        "<a href=\"/cong-khai/yeu-cau-cung-cap-thong-tin/\">Yêu cầu cung cấp thông tin</a>",
        "<a href=\"/cong-khai/categories/theo-yeu-cau/\">Thông tin cung cấp theo yêu cầu</a>",
    ] {
        assert!(page.contains(text), "missing {text}");
    }
    assert!(
        site.out("index.html")
            .contains("href=\"/cong-khai/access-to-information/\"")
    );
}

#[test]
fn what_the_hub_lacks_is_a_warning_naming_the_file_to_write() {
    let site = Site::fixture("basic");
    let yaml = site.read_text("site.yaml");
    let cut = yaml.find("focal_point:").expect("focal_point");
    site.write("site.yaml", &yaml[..cut]);
    site.remove("content/pages/yeu-cau-cung-cap-thong-tin.md");
    site.edit("data/categories.yaml", "  on_request: true\n", "");
    site.build_ok()
        .stderr_has("site.yaml:1:1: warning: no `focal_point` in site.yaml")
        .stderr_has("write `content/pages/yeu-cau-cung-cap-thong-tin.md`")
        .stderr_has("data/categories.yaml:1:1: warning: no category has `on_request: true`");
    let page = site.out(PAGE);
    assert!(page.contains("Chưa có thông tin về người làm đầu mối cung cấp thông tin."));
    assert!(page.contains("Chưa có trang hướng dẫn yêu cầu cung cấp thông tin."));
    assert!(page.contains("Chưa có danh mục thông tin cung cấp theo yêu cầu."));
}

#[test]
fn a_request_page_named_in_site_yaml_must_exist_and_contacts_must_be_links() {
    let site = Site::fixture("basic");
    site.write(
        "site.yaml",
        &format!("{}request_page: khong-co\n", site.read_text("site.yaml")),
    );
    site.edit("site.yaml", "  phone: \"0200 000 0001\"", "  phone: \"gọi cho tôi\"");
    let line = site.line_of("site.yaml", "request_page:");
    let phone = site.line_of("site.yaml", "gọi cho tôi");
    let out = site.cmd(["build"]).run().code(1);
    assert!(
        out.error_line(&format!("site.yaml:{phone}:"))
            .contains("`focal_point.phone`"),
        "{}",
        out.stderr
    );
    // The request page is checked once the settings are valid.
    site.edit("site.yaml", "  phone: \"gọi cho tôi\"", "  phone: \"0200 000 0001\"");
    let out = site.cmd(["build"]).run().code(1);
    let l = out.error_line(&format!("site.yaml:{line}:"));
    assert!(
        l.contains("no free page has the slug `khong-co`") && l.contains("content/pages/khong-co.md"),
        "{l}"
    );
    // A page of that slug satisfies it.
    site.write(
        "content/pages/khong-co.md",
        "---\ntitle: \"Hỏi thông tin\"\n---\n\nGửi phiếu.\n",
    );
    site.build_ok();
    assert!(
        site.out(PAGE)
            .contains("<a href=\"/cong-khai/khong-co/\">Hỏi thông tin</a>")
    );
}

#[test]
fn the_hub_speaks_english_on_an_english_site() {
    let site = Site::fixture("basic");
    site.edit("site.yaml", "language: vi", "language: en");
    site.build_ok();
    assert!(site.out(PAGE).contains("<h1>Access to information</h1>"));
}
