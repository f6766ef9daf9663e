//! The legal list of what is disclosed (`/disclosure-list/`, `/data/disclosure-list.*`): one
//! section per category in the data file's order, newest entries first, bounded on the page
//! and whole in the data files.

use crate::support::Site;

fn col(headers: &[String], name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn the_list_has_every_category_and_entry_with_its_legal_columns() {
    let site = Site::fixture("basic");
    site.edit(
        "data/categories.yaml",
        "  legal_basis: \"Luật Tiếp cận thông tin 2016\"\n",
        "  legal_basis: \"Luật Tiếp cận thông tin 2016\"\n  form: \"Đăng trên trang; niêm yết tại trụ sở\"\n  timing: \"Khi có thông báo\"\n  duration: \"Ít nhất 30 ngày\"\n",
    );
    site.edit(
        "content/disclosures/lich-tiep-dan.md",
        "task: tiep-dan",
        "task: tiep-dan\nexpires: 2026-12-31",
    );
    site.build_ok();
    let page = site.out("disclosure-list/index.html");
    // Sections in the order of data/categories.yaml.
    let tuyen = page
        .find(">Tuyển dụng công chức, viên chức</a></h2>")
        .expect("first category");
    let lien = page.find(">Thông tin liên hệ</a></h2>").expect("second category");
    assert!(tuyen < lien);
    for text in [
        "<dt>Hình thức công khai</dt><dd>Đăng trên trang; niêm yết tại trụ sở</dd>",
        "<dt>Thời điểm công khai</dt><dd>Khi có thông báo</dd>",
        "<dt>Thời hạn công khai</dt><dd>Ít nhất 30 ngày</dd>",
        "<th scope=\"col\">Trích yếu</th>",
        "<th scope=\"col\">Ngày ban hành / ngày tạo</th>",
        "href=\"/cong-khai/disclosures/thong-bao-tuyen-dung/\"",
        "<td>10/TB-VP</td>",
        // Its date of issue, then the day it was published.
        "<time datetime=\"2025-06-09\">09/06/2025</time></td>\n<td class=\"date\"><time datetime=\"2025-06-10\">10/06/2025</time>",
        // The item's own term first, else the category's.
        "Đến hết ngày <time datetime=\"2026-12-31\">31/12/2026</time>",
        "<td>Ít nhất 30 ngày</td>",
        "href=\"/cong-khai/files/mau-don.txt\">Mẫu đơn dự tuyển</a>",
    ] {
        assert!(page.contains(text), "missing {text}");
    }
    // Drafts and items scheduled for later are not listed.
    assert!(!page.contains("ban-nhap") && !page.contains("sap-cong-khai"));
    // Linked from every page's footer and from the list of categories.
    assert!(site.out("index.html").contains("href=\"/cong-khai/disclosure-list/\""));
    assert!(
        site.out("categories/index.html")
            .contains("href=\"/cong-khai/disclosure-list/\"")
    );

    let (h, rows) = site.out_csv("data/disclosure-list.csv");
    let ids: Vec<&str> = rows.iter().map(|r| r[col(&h, "id")].as_str()).collect();
    let published = site
        .read_text("public/data/disclosures.json")
        .matches("\"id\":")
        .count();
    assert_eq!(rows.len(), published, "{ids:?}");
    // By category in the data file's order, newest first within each.
    let cats: Vec<&str> = rows.iter().map(|r| r[col(&h, "category")].as_str()).collect();
    let first_lien = cats.iter().position(|c| *c == "lien-he").expect("lien-he rows");
    assert!(
        cats[..first_lien].iter().all(|c| *c == "tuyen-dung") && cats[first_lien..].iter().all(|c| *c == "lien-he"),
        "{cats:?}"
    );
    let tuyen_dates: Vec<&str> = rows[..first_lien]
        .iter()
        .map(|r| r[col(&h, "published")].as_str())
        .collect();
    assert!(tuyen_dates.windows(2).all(|w| w[0] >= w[1]), "{tuyen_dates:?}");
    let row = rows
        .iter()
        .find(|r| r[col(&h, "id")] == "thong-bao-tuyen-dung")
        .expect("row");
    assert_eq!(row[col(&h, "form")], "Đăng trên trang; niêm yết tại trụ sở");
    assert_eq!(row[col(&h, "duration")], "Ít nhất 30 ngày");
    assert_eq!(row[col(&h, "issued")], "2025-06-09");
    assert_eq!(
        row[col(&h, "attachments")],
        "https://example.gov.vn/cong-khai/files/mau-don.txt"
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.read_text("public/data/disclosure-list.json")).expect("JSON");
    assert_eq!(json["count"], rows.len());
    assert_eq!(json["items"][0]["category"], "tuyen-dung");
}

/// 25 more entries in one category: the page shows the newest 10 and links to the
/// category's page for the rest; the data files have all of them.
#[test]
fn the_page_stays_bounded_and_the_data_is_whole() {
    let site = Site::fixture("basic");
    for k in 0..25 {
        site.write(
            &format!("content/disclosures/them-{k:02}.md"),
            &format!(
                "---\ntitle: \"=Thêm {k:02}\"\ncategory: lien-he\npublished: 2025-11-{:02}\n---\n\nNội dung.\n",
                k + 1
            ),
        );
    }
    site.build_ok();
    let page = site.out("disclosure-list/index.html");
    let lien = &page[page.find(">Thông tin liên hệ</a></h2>").expect("section")..];
    let lien = &lien[..lien.find("</section>").expect("end")];
    assert_eq!(lien.matches("<tr>").count(), 1 + 10, "header row and 10 entries");
    assert!(
        lien.contains("=Thêm 24") && !lien.contains("=Thêm 14"),
        "the newest first"
    );
    assert!(
        lien.contains("href=\"/cong-khai/categories/lien-he/\">Xem đủ 27 mục của nhóm"),
        "{lien}"
    );
    let (h, rows) = site.out_csv("data/disclosure-list.csv");
    let lien_rows: Vec<&Vec<String>> = rows.iter().filter(|r| r[col(&h, "category")] == "lien-he").collect();
    assert_eq!(lien_rows.len(), 27);
    // A spreadsheet does not run a title that starts with `=`.
    assert!(lien_rows.iter().any(|r| r[col(&h, "title")] == "'=Thêm 00"));
}

#[test]
fn the_list_speaks_english_on_an_english_site() {
    let site = Site::fixture("basic");
    site.edit("site.yaml", "language: vi", "language: en");
    site.build_ok();
    let page = site.out("disclosure-list/index.html");
    assert!(page.contains("<h1>List of information to be disclosed</h1>"));
    assert!(page.contains("<th scope=\"col\">Summary</th>"));
}
