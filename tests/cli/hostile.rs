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
