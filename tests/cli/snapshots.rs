//! Representative pages of the `basic` fixture → snapshots of their `<main>` element, and the
//! report of a build with several mistakes.

use crate::support::{Site, main_of};

fn snapshot_main(site: &Site, page: &str, name: &str) {
    let html = site.out(page);
    insta::assert_snapshot!(name, main_of(&html));
}

#[test]
fn main_of_representative_pages() {
    let site = Site::fixture("basic");
    site.build_ok();
    for (page, name) in [
        ("index.html", "home"),
        ("plans/ke-hoach-thu/index.html", "plan"),
        ("tasks/cong-khai/index.html", "task_overdue"),
        ("tasks/tiep-dan/index.html", "task_ongoing"),
        ("disclosures/danh-sach-dot-1/index.html", "disclosure_bundle"),
        ("disclosures/ket-qua-dot-1/index.html", "disclosure_revised"),
        ("disclosures/index.html", "disclosures_list"),
        ("tasks/index.html", "tasks_list"),
        ("units/van-phong/index.html", "unit"),
        ("categories/tuyen-dung/index.html", "category"),
    ] {
        snapshot_main(&site, page, name);
    }
}

#[test]
fn report_of_a_broken_site() {
    let site = Site::fixture("basic");
    site.edit("content/tasks/cong-khai.md", "lead: van-phong", "lead: phong-x");
    site.edit(
        "content/disclosures/lich-tiep-dan.md",
        "published: 2025-10-30",
        "published: 2026-02-30",
    );
    site.edit("data/units.yaml", "- id: thanh-tra", "- id: van-phong");
    site.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: \"Giới thiệu\"\n\nKhông có dòng đóng.\n",
    );
    let out = site.build().code(1);
    let root = site.root().to_string_lossy().into_owned();
    insta::assert_snapshot!("broken_site_stderr", out.stderr.replace(&root, "[ROOT]"));
}
