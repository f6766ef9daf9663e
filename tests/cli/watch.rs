//! `congkhai watch` end to end: it publishes each edit into the output folder and, after the
//! first build, prints only the warnings an edit adds (the others are counted).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::Site;

struct Watch {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watch {
    fn start(site: &Site) -> Watch {
        Watch::start_with(site, &[])
    }

    fn start_with(site: &Site, args: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_congkhai"))
            .args(["watch", "--today", "2026-11-29", "--root"])
            .arg(site.root())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start congkhai watch");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch { child, lines }
    }

    /// The lines printed until one that contains `end` (included), within a deadline.
    fn until(&self, end: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut got = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let done = line.contains(end);
                    got.push(line);
                    if done {
                        return got;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line with `{end}` in time; got {got:#?}");
    }
}

const WARNING: &str = "is before `schedule.start`";

#[test]
fn watch_publishes_edits_and_prints_only_new_warnings() {
    let site = Site::fixture("basic");
    // A task due before it starts: a warning, not an error.
    site.edit(
        "content/tasks/cong-khai.md",
        "schedule: {start: 2025-05-01, due: 2025-09-30}",
        "schedule: {start: 2025-09-30, due: 2025-05-01}",
    );
    let watch = Watch::start(&site);
    let first = watch.until("watching");
    assert_eq!(first.iter().filter(|l| l.contains(WARNING)).count(), 1, "{first:#?}");

    // A body edit: published, and the warning is counted, not printed again.
    let page = "content/disclosures/lich-tiep-dan.md";
    let text = std::fs::read_to_string(site.path(page)).expect("read");
    std::fs::write(site.path(page), format!("{text}\nĐoạn mới về lịch tiếp dân.\n")).expect("write");
    let second = watch.until("published");
    assert!(!second.iter().any(|l| l.contains(WARNING)), "{second:#?}");
    assert!(
        second.iter().any(|l| l == "(1 warning shown before still apply)"),
        "{second:#?}"
    );
    assert!(
        site.out("disclosures/lich-tiep-dan/index.html")
            .contains("Đoạn mới về lịch tiếp dân.")
    );

    // A second warning: it is printed, the first one is counted.
    site.edit(
        "content/tasks/tiep-dan.md",
        "schedule: ongoing",
        "schedule: {start: 2025-09-30, due: 2025-05-01}",
    );
    let third = watch.until("published");
    let printed: Vec<&String> = third.iter().filter(|l| l.contains(WARNING)).collect();
    assert_eq!(printed.len(), 1, "{third:#?}");
    assert!(printed[0].starts_with("content/tasks/tiep-dan.md:"), "{third:#?}");
    assert!(
        third.iter().any(|l| l == "(1 warning shown before still apply)"),
        "{third:#?}"
    );
}

/// A site folder moved away and back (`mv content c.bak; mv c.bak content`) is watched again:
/// later edits in it are published, with native events and with polling.
#[test]
fn watch_follows_a_folder_moved_away_and_back() {
    for args in [&[][..], &["--poll"][..]] {
        let site = Site::fixture("basic");
        let watch = Watch::start_with(&site, args);
        watch.until("watching");
        for dir in ["content", "data"] {
            let aside = site.path(&format!("{dir}.bak"));
            std::fs::rename(site.path(dir), &aside).expect("move away");
            watch.until("nothing was published");
            std::fs::rename(&aside, site.path(dir)).expect("move back");
            watch.until("published");
        }
        let page = "content/disclosures/lich-tiep-dan.md";
        let text = std::fs::read_to_string(site.path(page)).expect("read");
        std::fs::write(site.path(page), format!("{text}\nSửa sau khi dời thư mục.\n")).expect("write");
        eventually(&format!("{args:?}: the page edit is published"), || {
            site.out("disclosures/lich-tiep-dan/index.html")
                .contains("Sửa sau khi dời thư mục.")
        });
        site.edit("data/units.yaml", "name: \"Văn phòng\"", "name: \"Văn phòng tỉnh\"");
        eventually(&format!("{args:?}: the data edit is published"), || {
            site.out("units/index.html").contains("Văn phòng tỉnh")
        });
        drop(watch);
    }
}

/// Saves the way editors do, never writing the file in place, with native events and with
/// polling: a new file written beside it and renamed over it (most editors, `sed -i`), and
/// the old file moved to a backup name before the new one is written (`file~`).
#[test]
fn watch_publishes_saves_by_rename() {
    for args in [&[][..], &["--poll"][..]] {
        let site = Site::fixture("basic");
        let watch = Watch::start_with(&site, args);
        watch.until("watching");
        let page = "content/disclosures/lich-tiep-dan.md";
        let text = std::fs::read_to_string(site.path(page)).expect("read");

        let temp = site.path("content/disclosures/.lich-tiep-dan.md.swp");
        std::fs::write(&temp, format!("{text}\nLưu bằng đổi tên.\n")).expect("write");
        std::fs::rename(&temp, site.path(page)).expect("rename over");
        eventually(&format!("{args:?}: a temp file renamed over the page"), || {
            site.out("disclosures/lich-tiep-dan/index.html")
                .contains("Lưu bằng đổi tên.")
        });

        std::fs::rename(site.path(page), site.path(&format!("{page}~"))).expect("back up");
        std::fs::write(site.path(page), format!("{text}\nLưu sau khi sao lưu.\n")).expect("write");
        eventually(&format!("{args:?}: a backup made, then the page written anew"), || {
            site.out("disclosures/lich-tiep-dan/index.html")
                .contains("Lưu sau khi sao lưu.")
        });
        // The backup is not a page.
        assert!(!site.has_out("disclosures/lich-tiep-dan.md~"));
        drop(watch);
    }
}

/// Waits (at most 30 s) until `done()`; a rebuild's "published" line may belong to an
/// earlier event when the poller sees one edit twice, so the output itself is looked at.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "timed out: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}
