//! A CSV attachment is also shown on its disclosure's page as a table a phone can scroll:
//! UTF-8 with or without BOM, `,` or `;`; at most `attachment_table_rows` rows (then a count
//! and the file); a malformed file is a warning naming its line, and the file stays offered.

use congkhai::files::Body;
use congkhai::{Changes, Session};

use crate::support::{Site, options};

const CSV: &str = "content/disclosures/2025/danh-sach-dot-1/danh-sach.csv";
const PAGE: &str = "disclosures/danh-sach-dot-1/index.html";
const FILE_LINK: &str = "<a href=\"/cong-khai/disclosures/danh-sach-dot-1/danh-sach.csv\">Danh sách thí sinh</a>";

/// The part of the page that holds the attachment's table, if there is one.
fn table(site: &Site) -> Option<String> {
    let page = site.out(PAGE);
    let start = page.find("<div class=\"csv-table\">")?;
    let end = page[start..].find("</section>")? + start;
    Some(page[start..end].to_string())
}

fn set_rows(site: &Site, rows: &str) {
    let yaml = site.read_text("site.yaml");
    site.write("site.yaml", &format!("{yaml}attachment_table_rows: {rows}\n"));
}

#[test]
fn a_comma_csv_without_bom_is_an_accessible_table() {
    let site = Site::fixture("basic");
    site.build_ok().stderr_lacks("danh-sach.csv");
    let t = table(&site).expect("a table");
    assert!(
        t.contains("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"csv-caption-1\" tabindex=\"0\">"),
        "{t}"
    );
    assert!(t.contains("<caption id=\"csv-caption-1\"><span>Danh sách thí sinh</span></caption>"));
    assert!(
        t.contains("<th scope=\"col\">ma</th>\n<th scope=\"col\">vi_tri</th>"),
        "{t}"
    );
    assert!(t.contains("<tr><td>TS002</td><td>Chuyen vien</td></tr>"), "{t}");
    assert!(!t.contains("table-note"), "every row is shown");
    // The file's own link and checksum stay.
    let page = site.out(PAGE);
    assert!(page.contains(FILE_LINK));
    assert!(page.contains("<code class=\"hash\">"));
}

#[test]
fn a_semicolon_csv_with_bom_keeps_quoted_fields_as_text() {
    let site = Site::fixture("basic");
    site.write_bytes(
        CSV,
        "\u{feff}mã;họ tên;ghi chú\r\nTS001;\"Nguyễn; An\";\"=1+1 <b>đậm</b>\"\r\nTS002;;\"nhiều\ndòng\"\r\n"
            .as_bytes(),
    );
    site.build_ok().stderr_lacks("danh-sach.csv");
    let t = table(&site).expect("a table");
    assert!(
        t.contains("<th scope=\"col\">mã</th>"),
        "the BOM is not part of the first header: {t}"
    );
    assert!(
        t.contains("<tr><td>TS001</td><td>Nguyễn; An</td><td>=1+1 &lt;b&gt;đậm&lt;/b&gt;</td></tr>"),
        "{t}"
    );
    assert!(
        t.contains("<tr><td>TS002</td><td></td><td>nhiều\ndòng</td></tr>"),
        "{t}"
    );
}

#[test]
fn rows_beyond_the_limit_are_counted_and_the_file_offered() {
    let site = Site::fixture("basic");
    let rows: String = (1..=7).map(|i| format!("TS{i:03},Chuyên viên\n")).collect();
    site.write(CSV, &format!("ma,vi_tri\n{rows}"));
    set_rows(&site, "3");
    site.build_ok();
    let t = table(&site).expect("a table");
    assert_eq!(t.matches("<tr><td>").count(), 3, "{t}");
    assert!(t.contains("TS003") && !t.contains("TS004"));
    assert!(
        t.contains(
            "<p class=\"table-note\">Hiển thị 3 trên tổng số 7 dòng — tải tệp để xem đủ: <a href=\"/cong-khai/disclosures/danh-sach-dot-1/danh-sach.csv\">danh-sach.csv</a>"
        ),
        "{t}"
    );
    // The default is 200 rows: all 7 are shown.
    let yaml = site.read_text("site.yaml").replace("attachment_table_rows: 3\n", "");
    site.write("site.yaml", &yaml);
    site.build_ok();
    assert_eq!(table(&site).expect("a table").matches("<tr><td>").count(), 7);
}

#[test]
fn zero_rows_turns_tables_off_and_a_bad_limit_is_an_error() {
    let site = Site::fixture("basic");
    set_rows(&site, "0");
    site.build_ok();
    assert!(table(&site).is_none());
    assert!(site.out(PAGE).contains(FILE_LINK));
    let yaml = site.read_text("site.yaml").replace("attachment_table_rows: 0\n", "");
    site.write("site.yaml", &yaml);
    set_rows(&site, "-4");
    let out = site.build().code(1);
    let line = site.line_of("site.yaml", "attachment_table_rows: -4");
    out.stderr_has(&format!(
        "site.yaml:{line}:1: error: `attachment_table_rows` must be a whole number from 0 (no tables) to 10000, found -4"
    ));
}

#[test]
fn a_malformed_csv_is_a_warning_naming_its_line_and_the_file_stays() {
    let site = Site::fixture("basic");
    for (bytes, line, says) in [
        (
            &b"ma,vi_tri\nTS001,a\nTS002\nTS003,b,c\n"[..],
            3,
            "has 1 fields but its header has 2 (1 more rows like it)",
        ),
        (&b"ma,vi_tri\nTS001,a\nTS002,\"b\nTS003,c\n"[..], 3, "is never closed"),
        (
            &b"ma,vi_tri\nTS001,a\nTS002,Chuy\xean vi\xean\n"[..],
            3,
            "is not UTF-8 text",
        ),
    ] {
        site.write_bytes(CSV, bytes);
        site.build_ok()
            .stderr_has(&format!("{CSV}:{line}:1: warning: "))
            .stderr_has(says);
        assert!(table(&site).is_none(), "{says}: no table");
        assert!(site.out(PAGE).contains(FILE_LINK), "{says}: the file is still offered");
    }
}

/// `watch` and `serve`: editing the CSV file alone shows the new rows at once.
#[test]
fn an_edited_csv_is_shown_after_a_rebuild() {
    let site = Site::fixture("basic");
    let opts = options(site.root());
    let mut session = Session::new(opts);
    let page = |built: &congkhai::Built| {
        let f = built.rendered.files.iter().find(|f| f.path == PAGE).expect("the page");
        match &f.body {
            Body::Shared(b) => String::from_utf8(b.to_vec()).expect("UTF-8"),
            _ => panic!("a rendered page"),
        }
    };
    let first = session
        .rebuild(&Changes::everything(), crate::support::today())
        .expect("build");
    assert!(page(&first).contains("<td>TS002</td>"));
    site.write(CSV, "ma,vi_tri\nTS009,Văn thư\n");
    let changes = crate::support::changes(site.root(), vec![site.path(CSV)]);
    let second = session.rebuild(&changes, crate::support::today()).expect("rebuild");
    let html = page(&second);
    assert!(html.contains("<tr><td>TS009</td><td>Văn thư</td></tr>"), "{html}");
    assert!(!html.contains("TS002"));
    // A broken edit warns on every rebuild until it is fixed.
    site.write(CSV, "ma,vi_tri\nTS009\n");
    let third = session.rebuild(&changes, crate::support::today()).expect("rebuild");
    assert!(
        third.warnings.0.iter().any(|d| d.path == CSV && d.line == 2),
        "{:?}",
        third.warnings
    );
    assert!(!page(&third).contains("csv-table"));
}
