//! A long build shows a progress bar on a terminal (a pseudo-terminal here), by stage and
//! then page by page, and clears it before the last lines; piped, it prints none of it. The
//! library tells every stage in order and counts the pages up to their total.

use std::io::Read as _;
use std::process::{Command, Stdio};
use std::sync::Mutex;

use congkhai::progress::{Progress, STAGES};

use crate::support::{Site, TODAY, options};

/// What a build told its progress, in order.
#[derive(Default)]
struct Told(Mutex<Vec<(String, usize, usize)>>);

impl Progress for Told {
    fn stage(&self, name: &'static str) {
        self.0.lock().expect("lock").push((name.to_string(), 0, 0));
    }
    fn pages(&self, done: usize, total: usize) {
        self.0.lock().expect("lock").push(("pages".to_string(), done, total));
    }
}

#[test]
fn a_build_tells_every_stage_in_order_and_counts_its_pages() {
    let site = Site::fixture("basic");
    let told = Told::default();
    let built = congkhai::build_with(&options(site.root()), &congkhai::Keep, &told).expect("build");
    let told = told.0.into_inner().expect("lock");
    let stages: Vec<&str> = told.iter().filter(|t| t.2 == 0).map(|t| t.0.as_str()).collect();
    assert_eq!(stages, STAGES);
    // The timings name the same stages.
    let timed: Vec<&str> = built.timings.iter().map(|(n, _)| *n).collect();
    assert_eq!(timed, STAGES);
    // Every page counted once, up to the number of pages, between the start and the end of
    // the "pages" stage.
    let html = built
        .rendered
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .count();
    let counts: Vec<usize> = told.iter().filter(|t| t.2 > 0).map(|t| t.1).collect();
    let mut sorted = counts.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..=html).collect::<Vec<_>>());
    assert!(told.iter().filter(|t| t.2 > 0).all(|t| t.2 == html));
    let at = |name: &str| told.iter().position(|t| t.0 == name && t.2 == 0).expect("stage");
    let pages: Vec<usize> = (0..told.len()).filter(|&i| told[i].2 > 0).collect();
    assert!(pages.iter().all(|&i| at("pages") < i && i < at("static files")));
}

/// Runs `congkhai build` on `site` with standard error on a new pseudo-terminal, and returns
/// what the terminal got.
fn build_on_a_terminal(site: &Site, delay_ms: &str) -> String {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().expect("name"))
        .expect("open the terminal");
    let mut child = Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .args(["build", "--today", TODAY, "--root"])
        .arg(site.root())
        .env("CONGKHAI_PROGRESS_DELAY_MS", delay_ms)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::from(slave))
        .spawn()
        .expect("run congkhai");
    let mut master = std::fs::File::from(master);
    let reader = std::thread::spawn(move || {
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        // Linux ends the reads with an error once the last holder of the terminal is gone.
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
        }
        got
    });
    assert!(child.wait().expect("wait").success());
    String::from_utf8_lossy(&reader.join().expect("reader")).into_owned()
}

#[test]
fn on_a_terminal_the_bar_shows_then_clears_before_the_last_lines() {
    let site = Site::fixture("basic");
    let got = build_on_a_terminal(&site, "0");
    // The bar is drawn at most 20 times a second: which stages it shows depends on how fast
    // the machine runs them, but it shows some stage with its count.
    let stages = congkhai::progress::STAGES;
    assert!(stages.iter().any(|s| got.contains(&format!("{s} "))), "{got:?}");
    assert!(got.contains("/9 ") || got.contains(" 0s"), "{got:?}");
    // Cleared: after the last erasing of the line, only the warning and the summary.
    let clear = "\x1b[2K";
    let after = &got[got.rfind(clear).expect("the bar is cleared") + clear.len()..];
    assert!(after.starts_with("site.yaml:"), "{after:?}");
    assert!(after.contains("\nbuilt "), "{after:?}");
    assert!(!after.contains('['), "{after:?}");
    // A build shorter than the delay shows nothing of it.
    let quick = build_on_a_terminal(&site, "60000");
    assert!(!quick.contains('\x1b') && !quick.contains("sources"), "{quick:?}");
    assert!(
        quick.starts_with("site.yaml:") && quick.contains("\nbuilt "),
        "{quick:?}"
    );
}

#[test]
fn piped_output_holds_no_bar() {
    let site = Site::fixture("basic");
    let out = site
        .cmd(["build"])
        .env("CONGKHAI_PROGRESS_DELAY_MS", "0")
        .run()
        .success();
    for s in ["\x1b", "\r", "sources", "/9 "] {
        assert!(!out.stderr.contains(s), "{s:?} in {:?}", out.stderr);
    }
    assert!(out.stderr.lines().last().is_some_and(|l| l.starts_with("built ")));
}
