//! The published site as a ledger: a disclosure or task listed in the open data of the live
//! site cannot vanish by a deleted or renamed file; `aliases` keeps a renamed item's old
//! address (a redirect page), `--allow-removal` lets it go on purpose.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Site;

const DISCLOSURE: &str = "content/disclosures/thong-bao-tuyen-dung.md";
const PAGE: &str = "disclosures/thong-bao-tuyen-dung/index.html";

#[test]
fn a_deleted_disclosure_stops_the_publish_and_says_how_to_proceed() {
    let site = Site::fixture("basic");
    site.build_ok();
    let line = site
        .read_text("public/data/disclosures.json")
        .lines()
        .position(|l| l.contains("\"id\":\"thong-bao-tuyen-dung\""))
        .expect("listed")
        + 1;
    let before = site.tree("public");
    site.remove(DISCLOSURE);
    let out = site.cmd(["build"]).run().code(1);
    let l = out.error_line(&format!("public/data/disclosures.json:{line}:1:"));
    assert!(l.contains("the disclosure `thong-bao-tuyen-dung` (\"Thông báo tuyển dụng năm 2025\", published 10/06/2025, /disclosures/thong-bao-tuyen-dung/) is published and would vanish"), "{l}");
    assert!(
        l.contains("`aliases: [thong-bao-tuyen-dung]`") && l.contains("`--allow-removal`"),
        "{l}"
    );
    assert!(out.stderr.contains("nothing was published"), "{}", out.stderr);
    assert_eq!(site.tree("public"), before, "the published site is untouched");
    // On purpose: published without it, and named.
    site.cmd(["build", "--allow-removal"])
        .run()
        .success()
        .stderr_has("warning: removed the disclosure `thong-bao-tuyen-dung`");
    assert!(!site.has_out(PAGE));
    // The next build has a new ledger: nothing to say.
    site.build_ok().stderr_lacks("vanish");
}

#[test]
fn a_task_is_in_the_ledger_too_and_a_new_output_has_none() {
    let site = Site::fixture("basic");
    site.build_ok();
    // Evidence and updates name the task: drop those references first.
    site.remove("content/tasks/tiep-dan.md");
    for f in [
        "content/disclosures/lich-tiep-dan.md",
        "content/disclosures/dau-moi-lien-he.md",
    ] {
        let text = site.read_text(f);
        site.write(f, &text.replace("task: tiep-dan\n", ""));
    }
    for f in ["content/updates/khoi-dong.md", "content/updates/so-ket.md"] {
        let text = site.read_text(f);
        site.write(f, &text.replace(", tiep-dan", "").replace("tiep-dan, ", ""));
    }
    let out = site.cmd(["build"]).run().code(1);
    assert!(out.stderr.contains("the task `tiep-dan`"), "{}", out.stderr);
    // A first build into another folder has no ledger.
    let other = site.path("elsewhere");
    site.cmd(["build", "--output"])
        .args([other.as_os_str()])
        .run()
        .success();
}

#[test]
fn a_renamed_disclosure_keeps_its_old_address_through_aliases() {
    let site = Site::fixture("basic");
    site.build_ok();
    let text = site.read_text(DISCLOSURE);
    site.remove(DISCLOSURE);
    site.write(
        "content/disclosures/thong-bao-tuyen-dung-2025.md",
        &text.replacen("---\n", "---\naliases: [thong-bao-tuyen-dung]\n", 1),
    );
    site.build_ok().stderr_lacks("vanish");
    assert!(site.has_out("disclosures/thong-bao-tuyen-dung-2025/index.html"));
    let old = site.out(PAGE);
    assert!(
        old.contains(
            "<link rel=\"canonical\" href=\"https://example.gov.vn/cong-khai/disclosures/thong-bao-tuyen-dung-2025/\">"
        ),
        "{old}"
    );
    assert!(old.contains(
        "<meta http-equiv=\"refresh\" content=\"0; url=/cong-khai/disclosures/thong-bao-tuyen-dung-2025/\">"
    ));
    assert!(
        old.contains("<a href=\"/cong-khai/disclosures/thong-bao-tuyen-dung-2025/\">Thông báo tuyển dụng năm 2025</a>")
    );
    // Links to the old address still resolve.
    site.write(
        "content/pages/lien-he.md",
        &format!(
            "{}\nXem [thông báo cũ](/disclosures/thong-bao-tuyen-dung/).\n",
            site.read_text("content/pages/lien-he.md")
        ),
    );
    site.build_ok();
    // Not in the sitemap: the new address is.
    let sitemap = site.out("sitemap.xml");
    assert!(
        !sitemap.contains("/disclosures/thong-bao-tuyen-dung/<")
            && sitemap.contains("/disclosures/thong-bao-tuyen-dung-2025/<"),
        "{sitemap}"
    );
}

#[test]
fn an_alias_must_be_a_free_slug() {
    let site = Site::fixture("basic");
    let text = site.read_text(DISCLOSURE);
    site.write(DISCLOSURE, &text.replacen("---\n", "---\naliases: [\"Tên Cũ\"]\n", 1));
    let out = site.cmd(["build"]).run().code(1);
    let l = out.error_line(&format!("{DISCLOSURE}:2:"));
    assert!(
        l.contains("alias `Tên Cũ` is not a slug") && l.contains("`ten-cu`"),
        "{l}"
    );
    // Another item's address.
    site.write(
        DISCLOSURE,
        &text.replacen("---\n", "---\naliases: [lich-tiep-dan]\n", 1),
    );
    let out = site.cmd(["build"]).run().code(1);
    let l = out.error_line(&format!("{DISCLOSURE}:2:"));
    assert!(l.contains("duplicate slug: `/disclosures/lich-tiep-dan/`"), "{l}");
}

/// Under `watch`, a deletion saved while it runs publishes nothing and says why.
#[test]
fn watch_keeps_a_deleted_disclosure_published_and_says_why() {
    let site = Site::fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .args(["watch", "--today", "2026-11-29", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start watch");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let until = |needle: &str| -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut got = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok(line) = rx.recv_timeout(left) else { break };
            let done = line.contains(needle);
            got.push(line);
            if done {
                return got;
            }
        }
        panic!("no `{needle}` in {got:#?}");
    };
    until("watching");
    site.remove(DISCLOSURE);
    let lines = until("nothing was published");
    assert!(
        lines.iter().any(|l| l.contains("is published and would vanish")),
        "{lines:#?}"
    );
    assert!(site.has_out(PAGE), "the page is still published");
    let _ = child.kill();
    let _ = child.wait();
}
