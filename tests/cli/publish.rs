//! Publishing into an output folder that something else touches at the same time: a build
//! killed at any moment leaves the old site or the new one, whole; builds started together
//! into one output all succeed, one after the other.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command};
use std::time::Instant;

use crate::support::{Site, TODAY, tree};

/// The basic fixture with `n` more disclosures, so that a build takes a while.
fn larger_site(n: usize) -> Site {
    let site = Site::fixture("basic");
    for k in 0..n {
        site.write(
            &format!("content/disclosures/them-{k:04}.md"),
            &format!(
                "---\ntitle: \"Văn bản thêm {k}\"\ncategory: lien-he\npublished: 2025-10-{:02}\ntask: tiep-dan\n---\n\nNội dung {k}, xem [liên hệ](/lien-he/).\n",
                1 + k % 28
            ),
        );
    }
    site
}

fn start_build(site: &Site, output: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .args(["build", "--today", TODAY, "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(output)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start congkhai build")
}

/// The first few paths where two sites differ (the whole trees are too large to print).
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    a.keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .take(5)
        .cloned()
        .collect()
}

/// What is left beside the output besides it (staging folders, an old site set aside).
fn leftovers(output: &Path) -> Vec<String> {
    let parent = output.parent().expect("parent");
    let name = output.file_name().expect("name").to_string_lossy().into_owned();
    std::fs::read_dir(parent)
        .expect("read parent")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.congkhai-")) && !n.ends_with("-lock"))
        .collect()
}

/// `kill -9` at points spread over a whole build, each time into a published site: the
/// output is always exactly the old site or exactly the new one, and the next build
/// publishes the new one and leaves nothing behind.
#[test]
fn a_build_killed_part_way_leaves_a_whole_site() {
    let site = larger_site(400);
    let output = site.path("public");
    let started = Instant::now();
    site.build_ok();
    let took = started.elapsed();
    let old: BTreeMap<String, Vec<u8>> = tree(&output);
    // Every page changes with the site's title.
    site.edit("site.yaml", "title:", "title: Mới -");
    let reference = site.path("reference");
    site.cmd(["build", "--output"])
        .args([reference.as_os_str()])
        .run()
        .success();
    let new = tree(&reference);
    assert!(!differences(&old, &new).is_empty());
    let mut seen = (0, 0);
    for k in 0..12u32 {
        let mut child = start_build(&site, &output);
        std::thread::sleep(took * k / 10);
        let _ = child.kill();
        let _ = child.wait();
        let now = tree(&output);
        if now == old {
            seen.0 += 1;
        } else if now == new {
            seen.1 += 1;
        } else {
            panic!(
                "killed after {:?}: neither the old nor the new site; differs from the new at {:?}",
                took * k / 10,
                differences(&now, &new)
            );
        }
    }
    // Some kills came before the swap (the last ones may come after the build ended).
    assert!(seen.0 > 0, "old {} new {}", seen.0, seen.1);
    site.build_ok();
    assert_eq!(differences(&tree(&output), &new), Vec::<String>::new());
    assert_eq!(leftovers(&output), Vec::<String>::new());
}

/// Builds started one after another into one output while the ones before still run: each
/// waits for the one before it, none fails (none removes another's staging folder while it
/// writes), and each publishes the whole site.
#[test]
fn builds_at_once_into_one_output_all_succeed() {
    let site = larger_site(400);
    let output = site.path("public");
    let reference = site.path("reference");
    let started = Instant::now();
    site.cmd(["build", "--output"])
        .args([reference.as_os_str()])
        .run()
        .success();
    let took = started.elapsed();
    let want = tree(&reference);
    for round in 0..2 {
        let mut children = Vec::new();
        for k in 0..4u32 {
            children.push(start_build(&site, &output));
            std::thread::sleep(took * k / 5);
        }
        for mut c in children {
            let status = c.wait().expect("wait");
            assert!(status.success(), "round {round}: a build failed: {status}");
            // Each finished build leaves a whole site (a later one may have published since).
            assert_eq!(
                differences(&tree(&output), &want),
                Vec::<String>::new(),
                "round {round}"
            );
        }
        assert_eq!(leftovers(&output), Vec::<String>::new());
    }
}
