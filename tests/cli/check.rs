//! `congkhai check` → the same problems as `build`, and nothing written.

use crate::support::{Site, assert_same_tree};

#[test]
fn check_on_a_good_site_writes_nothing() {
    let site = Site::fixture("basic");
    let before = site.tree(".");
    site.cmd(["check"]).run().success().stderr_has("ok:");
    assert!(!site.path("public").exists(), "check created public/");
    assert_same_tree(&before, &site.tree("."));
}

#[test]
fn check_on_a_bad_site_fails_and_writes_nothing() {
    let site = Site::fixture("basic");
    site.edit("content/tasks/cong-khai.md", "lead: van-phong", "lead: phong-x");
    let before = site.tree(".");
    site.cmd(["check"])
        .run()
        .code(1)
        .stderr_has("content/tasks/cong-khai.md:6:")
        .stderr_has("unknown unit `phong-x`");
    assert!(!site.path("public").exists());
    assert_same_tree(&before, &site.tree("."));
}

#[test]
fn check_leaves_a_published_site_alone() {
    let site = Site::fixture("basic");
    site.build_ok();
    let before = site.tree("public");
    site.edit(
        "content/disclosures/lich-tiep-dan.md",
        "Lịch tiếp công dân.",
        "Lịch mới.",
    );
    site.cmd(["check"]).run().success();
    assert_same_tree(&before, &site.tree("public"));
}

#[test]
fn check_reports_like_build() {
    let site = Site::fixture("basic");
    site.edit(
        "content/disclosures/lich-tiep-dan.md",
        "published: 2025-10-30",
        "published: 2026-02-30",
    );
    site.edit("data/units.yaml", "- id: thanh-tra", "- id: van-phong");
    let check = site.cmd(["check"]).run().code(1);
    let build = site.build().code(1);
    let diags = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains(": error: "))
            .map(String::from)
            .collect()
    };
    assert_eq!(diags(&check.stderr), diags(&build.stderr));
    assert!(diags(&check.stderr).len() >= 2);
}

/// `code: 1.10` unquoted is the number 1.1: a warning at its line says to quote it; quoted,
/// nothing is said and the code is shown as written.
#[test]
fn a_code_read_as_a_number_is_warned_about() {
    let site = Site::fixture("basic");
    site.edit("content/tasks/tiep-dan.md", "code: \"1.2\"", "code: 1.10");
    site.cmd(["build"])
        .run()
        .success()
        .stderr_has("content/tasks/tiep-dan.md:4:1: warning: `code` is read as a number and shown as `1.1`");
    site.edit("content/tasks/tiep-dan.md", "code: 1.10", "code: \"1.10\"");
    site.cmd(["build"]).run().success().stderr_lacks("is read as a number");
    assert!(site.out("tasks/tiep-dan/index.html").contains("1.10"));
}
