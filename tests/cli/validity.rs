//! Documents in force (`effective`, `expires`, `replaces`, `amends`) and public consultations
//! (`consultation: {open, close, how}`): derived from `--today`, shown on the page, in lists,
//! in search, and checked at their lines.

use crate::support::Site;

/// A disclosure in category `tuyen-dung` with extra front matter lines.
fn doc(site: &Site, slug: &str, title: &str, extra: &str) {
    site.write(
        &format!("content/disclosures/{slug}.md"),
        &format!(
            "---\ntitle: \"{title}\"\ncategory: tuyen-dung\npublished: 2025-12-30\n{extra}---\n\nVăn bản {title}.\n"
        ),
    );
}

/// The validity label shown in the facts of a disclosure's page.
fn validity_on(site: &Site, slug: &str) -> Option<String> {
    let page = site.out(&format!("disclosures/{slug}/index.html"));
    let at = page.find("<span class=\"validity validity-")?;
    let rest = &page[at..];
    let start = rest.find('>')? + 1;
    let end = rest.find("</span>")?;
    Some(rest[start..end].to_string())
}

#[test]
fn validity_follows_today_before_inside_and_after_the_window() {
    let site = Site::fixture("basic");
    doc(
        &site,
        "quy-che",
        "Quy chế A",
        "effective: 2026-01-01\nexpires: 2026-07-01\n",
    );
    for (today, want) in [
        ("2025-12-31", "Chưa có hiệu lực"),
        ("2026-01-01", "Còn hiệu lực"),
        ("2026-06-30", "Còn hiệu lực"),
        ("2026-07-01", "Hết hiệu lực"),
    ] {
        site.cmd(["build"]).today(today).run().success();
        assert_eq!(validity_on(&site, "quy-che").as_deref(), Some(want), "on {today}");
        // The same label in the lists and in the search document's facts line.
        let list = site.out("disclosures/index.html");
        assert!(list.contains(&format!("\">{want}</span>")), "{today}: {list}");
        let search_docs = site.tree("public/search/doc");
        assert!(
            search_docs
                .values()
                .any(|b| String::from_utf8_lossy(b).contains(&format!("Hiệu lực: {want}"))),
            "{today}: no search document says {want}"
        );
    }
    // A document that says nothing of its validity shows none.
    assert_eq!(validity_on(&site, "thong-bao-tuyen-dung"), None);
}

#[test]
fn replaces_and_amends_link_both_ways_and_end_the_old_document() {
    let site = Site::fixture("basic");
    doc(&site, "quy-che-cu", "Quy chế cũ", "effective: 2024-01-01\n");
    doc(
        &site,
        "quy-che-moi",
        "Quy chế mới",
        "effective: 2026-03-01\nreplaces: [quy-che-cu]\n",
    );
    doc(&site, "sua-doi", "Sửa đổi quy chế mới", "amends: [quy-che-moi]\n");
    // Before the new one starts, the old one is still in force.
    site.cmd(["build"]).today("2026-02-28").run().success();
    assert_eq!(validity_on(&site, "quy-che-cu").as_deref(), Some("Còn hiệu lực"));
    site.build_ok();
    let old = site.out("disclosures/quy-che-cu/index.html");
    assert_eq!(validity_on(&site, "quy-che-cu").as_deref(), Some("Hết hiệu lực"));
    assert!(old.contains("<dt>Bị thay thế bởi</dt>"), "{old}");
    assert!(
        old.contains("/cong-khai/disclosures/quy-che-moi/\">Quy chế mới</a>"),
        "{old}"
    );
    assert!(
        old.contains("<time datetime=\"2026-03-01\">01/03/2026</time>"),
        "ends when the new one starts"
    );
    let new = site.out("disclosures/quy-che-moi/index.html");
    assert!(new.contains("<dt>Thay thế</dt>"));
    assert!(new.contains("/cong-khai/disclosures/quy-che-cu/\">Quy chế cũ</a>"));
    assert!(new.contains("<dt>Được sửa đổi, bổ sung bởi</dt>"));
    assert_eq!(validity_on(&site, "quy-che-moi").as_deref(), Some("Còn hiệu lực"));
    let amending = site.out("disclosures/sua-doi/index.html");
    assert!(amending.contains("<dt>Sửa đổi, bổ sung</dt>"));
    // A withdrawn replacement replaces nothing.
    site.edit(
        "content/disclosures/quy-che-moi.md",
        "effective: 2026-03-01\n",
        "effective: 2026-03-01\nwithdrawn: {date: 2026-04-01, reason: \"Ban hành nhầm\"}\n",
    );
    site.build_ok();
    assert_eq!(validity_on(&site, "quy-che-cu").as_deref(), Some("Còn hiệu lực"));
    assert!(site.out("disclosures/quy-che-cu/index.html").contains("(Đã rút lại)"));
}

#[test]
fn unknown_slugs_cycles_and_reversed_dates_are_errors_at_their_lines() {
    let site = Site::fixture("basic");
    doc(&site, "a", "A", "replaces: [b]\n");
    doc(&site, "b", "B", "amends:\n  - khong-co\n  - c\n");
    doc(&site, "c", "C", "replaces: [a]\n");
    doc(&site, "d", "D", "replaces: [d]\n");
    doc(&site, "e", "E", "effective: 2026-05-01\nexpires: 2026-04-30\n");
    let out = site.build().code(1);
    let unknown = out.error_line("content/disclosures/b.md:6:");
    assert!(unknown.contains("unknown disclosure `khong-co`"), "{unknown}");
    let cycle = out
        .stderr
        .lines()
        .find(|l| l.contains("closes a cycle"))
        .unwrap_or_else(|| panic!("no cycle error:\n{}", out.stderr));
    for slug in ["a", "b", "c"] {
        assert!(cycle.contains(slug), "{cycle}");
    }
    assert_eq!(out.stderr.matches("closes a cycle").count(), 1, "{}", out.stderr);
    assert!(
        out.error_line("content/disclosures/d.md:5:")
            .contains("names this document itself")
    );
    assert!(
        out.error_line("content/disclosures/e.md:6:")
            .contains("`expires` (2026-04-30) is before `effective` (2026-05-01)")
    );
}

#[test]
fn a_consultation_changes_with_the_date_and_is_listed_while_open() {
    let site = Site::fixture("basic");
    doc(
        &site,
        "du-thao",
        "Dự thảo quy chế",
        "consultation:\n  open: 2026-03-01\n  close: 2026-03-31\n  how:\n    - gopy@example.gov.vn\n    - https://example.gov.vn/gop-y\n    - \"Số 1 đường Lê Lợi\"\n",
    );
    // Before it opens.
    site.cmd(["build"]).today("2026-02-20").run().success();
    let page = site.out("disclosures/du-thao/index.html");
    assert!(
        page.contains("Lấy ý kiến từ ngày 01/03/2026 đến hết ngày 31/03/2026"),
        "{page}"
    );
    assert!(!site.out("index.html").contains("Đang lấy ý kiến đến hết ngày"));
    // While open: the page, the home page and the consultations page say so.
    site.cmd(["build"]).today("2026-03-31").run().success();
    let page = site.out("disclosures/du-thao/index.html");
    assert!(page.contains("Đang lấy ý kiến đến hết ngày 31/03/2026"));
    assert!(page.contains("<a href=\"mailto:gopy@example.gov.vn\">gopy@example.gov.vn</a>"));
    assert!(page.contains("href=\"https://example.gov.vn/gop-y\""));
    assert!(page.contains("Địa chỉ: Số 1 đường Lê Lợi"));
    let home = site.out("index.html");
    let section = &home[home
        .find("id=\"h-consultations\"")
        .expect("home lists open consultations")..];
    assert!(section.contains("/cong-khai/disclosures/du-thao/"));
    let list = site.out("consultations/index.html");
    assert!(list.contains("/cong-khai/disclosures/du-thao/"));
    assert!(list.contains("Đang lấy ý kiến đến hết ngày 31/03/2026"));
    // After it closes.
    site.cmd(["build"]).today("2026-04-01").run().success();
    let page = site.out("disclosures/du-thao/index.html");
    assert!(page.contains("Đã kết thúc lấy ý kiến"));
    assert!(!page.contains("mailto:gopy@"), "no address to write to once closed");
    let home = site.out("index.html");
    assert!(home.contains("Hiện không có văn bản nào đang lấy ý kiến."));
    assert!(site.out("consultations/index.html").contains("Đã kết thúc lấy ý kiến"));
}

#[test]
fn consultation_mistakes_are_errors_at_the_line() {
    let site = Site::fixture("basic");
    doc(
        &site,
        "x",
        "X",
        "consultation: {open: 2026-03-10, close: 2026-03-01, how: gopy@example.gov.vn}\n",
    );
    doc(&site, "y", "Y", "consultation: {open: 2026-03-01, close: 2026-03-10}\n");
    doc(
        &site,
        "z",
        "Z",
        "consultation: {open: 2026-03-01, close: 2026-03-10, how: \"javascript:alert(1)@x\"}\n",
    );
    let out = site.build().code(1);
    assert!(
        out.error_line("content/disclosures/x.md:5:")
            .contains("is before `consultation.open`")
    );
    assert!(out.error_line("content/disclosures/y.md:5:").contains("needs `how:`"));
    assert!(
        out.error_line("content/disclosures/z.md:5:")
            .contains("not an e-mail address")
    );
}

#[test]
fn the_consultations_page_is_paginated() {
    let site = Site::fixture("basic");
    // The fixture has `per_page: 2`.
    for (k, close) in ["2026-12-01", "2026-12-05", "2026-11-01", "2027-01-10", "2026-12-03"]
        .iter()
        .enumerate()
    {
        doc(
            &site,
            &format!("dt-{k}"),
            &format!("Dự thảo {k}"),
            &format!("consultation: {{open: 2026-10-01, close: {close}, how: gopy@example.gov.vn}}\n"),
        );
    }
    site.build_ok();
    let pages: Vec<String> = (1..=3)
        .map(|n| {
            if n == 1 {
                site.out("consultations/index.html")
            } else {
                site.out(&format!("consultations/page/{n}/index.html"))
            }
        })
        .collect();
    assert!(!site.has_out("consultations/page/4/index.html"));
    // Open ones first, closing soonest first; the closed one last.
    let order: Vec<usize> = pages
        .iter()
        .flat_map(|p| {
            let mut found: Vec<(usize, usize)> = (0..5)
                .filter_map(|k| p.find(&format!("/disclosures/dt-{k}/")).map(|at| (at, k)))
                .collect();
            found.sort();
            found.into_iter().map(|(_, k)| k)
        })
        .collect();
    assert_eq!(order, vec![0, 4, 1, 3, 2]);
}
