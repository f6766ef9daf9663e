//! Rebuilds after edits (what `watch` and `serve` do) → always the same files as a fresh
//! build of the same inputs, through sequences of random edits: add, change, rename, delete,
//! break and fix.

use std::path::{Path, PathBuf};

use congkhai::files::Body;
use congkhai::{Changes, Failure, Session};

use proptest::prelude::*;

use crate::support::{Site, options};

/// A build as comparable data: every file's path and contents, or the diagnostics.
fn snapshot(result: Result<congkhai::Built, Failure>) -> Result<Vec<(String, Vec<u8>)>, Vec<String>> {
    match result {
        Ok(built) => Ok(built
            .rendered
            .files
            .iter()
            .map(|f| {
                let bytes = match (&f.body, f.body.bytes()) {
                    (_, Some(b)) => b.to_vec(),
                    (Body::Copy(p), None) => std::fs::read(p).expect("copied file"),
                    (_, None) => Vec::new(),
                };
                (f.path.clone(), bytes)
            })
            .collect()),
        Err(Failure::Content(d)) => Err(d.0.iter().map(|x| x.to_string()).collect()),
        Err(Failure::Io(e)) => Err(vec![format!("io: {e:#}")]),
    }
}

/// A small deterministic random number generator (no dependency, same sequence every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn files_under(root: &Path, dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// One edit of a sequence: what is done (`kind`, see `random_edit`) and to which content file
/// (`file`, modulo the number of files). Shrinking makes both smaller: a failing sequence ends
/// up with body edits of the first file wherever they do not matter.
#[derive(Debug, Clone, Copy)]
struct Edit {
    kind: usize,
    file: usize,
}

impl From<(usize, usize)> for Edit {
    fn from((kind, file): (usize, usize)) -> Edit {
        Edit { kind, file }
    }
}

/// The edit `e`, after the translation edits of this step; returns the paths they touched
/// (as a file watcher would report them).
fn edit(site: &Site, e: Edit, step: usize) -> Vec<PathBuf> {
    let mut touched = translation_edits(site.root(), step);
    touched.extend(random_edit(site, e, step));
    touched
}

/// Every few steps, adds or changes the English translation of an item (`foo.en.md`), or the
/// site's own UI strings (`i18n/vi.yaml`). Made by step number, so that the random edits of a
/// seed stay the same.
fn translation_edits(root: &Path, step: usize) -> Vec<PathBuf> {
    let md: Vec<PathBuf> = files_under(root, "content")
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".md") && !p.to_string_lossy().ends_with(".en.md"))
        .collect();
    match step % 6 {
        1 if !md.is_empty() => {
            let p = &md[(step * 7) % md.len()];
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let to = p.with_file_name(format!("{}.en.md", name.trim_end_matches(".md")));
            let title = if step % 4 == 1 { "" } else { "title: \"English\"\n" };
            std::fs::write(
                &to,
                format!(
                    "---\n{title}updated: 2025-10-1{}\n---\n\nText {step}, [contact](/lien-he/).\n",
                    step % 10
                ),
            )
            .expect("write");
            vec![to]
        }
        4 => {
            let p = root.join("i18n/vi.yaml");
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(
                &p,
                format!("overdue: \"Quá hạn {step}\"\nlast_updated: \"Sửa {step}\"\n"),
            )
            .expect("write");
            vec![p]
        }
        _ => Vec::new(),
    }
}

/// One edit: add, change, rename, delete, break and fix.
fn random_edit(site: &Site, e: Edit, step: usize) -> Vec<PathBuf> {
    let root = site.root().to_path_buf();
    let md: Vec<PathBuf> = files_under(&root, "content")
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    let pick = || {
        md.get(e.file % md.len().max(1))
            .cloned()
            .unwrap_or_else(|| root.join("content/index.md"))
    };
    match e.kind {
        0 | 1 => {
            // Change a body.
            let p = pick();
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            std::fs::write(&p, format!("{text}\nĐoạn thêm {step}.\n")).expect("write");
            vec![p]
        }
        2 | 3 => {
            // Change a title (touches lists, taxonomies, home, feed, data).
            let p = pick();
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let changed = match text.find("title: ") {
                Some(i) => {
                    let end = text[i..].find('\n').map(|e| i + e).unwrap_or(text.len());
                    format!("{}title: \"Tiêu đề {step}\"{}", &text[..i], &text[end..])
                }
                None => text,
            };
            std::fs::write(&p, changed).expect("write");
            vec![p]
        }
        4 => {
            // Add a disclosure.
            let p = root.join(format!("content/disclosures/moi-{step}.md"));
            let body = format!(
                "---\ntitle: \"Văn bản mới {step}\"\ncategory: lien-he\npublished: 2025-0{}-1{}\ntask: cong-khai\n---\n\nNội dung [liên hệ](/lien-he/).\n",
                1 + step % 9,
                step % 10
            );
            std::fs::write(&p, body).expect("write");
            vec![p]
        }
        5 => {
            // Delete a content file.
            let p = pick();
            let _ = std::fs::remove_file(&p);
            vec![p]
        }
        6 => {
            // Rename a content file (its URL changes).
            let p = pick();
            let to = p.with_file_name(format!("doi-ten-{step}.md"));
            if p.file_name().is_some_and(|n| n == "index.md" || n == "_index.md") {
                return Vec::new();
            }
            let _ = std::fs::rename(&p, &to);
            vec![p, to]
        }
        7 => {
            // Break a file's YAML, to be fixed by a later edit (or not).
            let p = pick();
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            std::fs::write(&p, text.replacen("title: ", "title: [", 1)).expect("write");
            vec![p]
        }
        8 => {
            // Fix every broken title.
            let mut touched = Vec::new();
            for p in &md {
                let text = std::fs::read_to_string(p).unwrap_or_default();
                if text.contains("title: [") {
                    std::fs::write(p, text.replace("title: [", "title: ")).expect("write");
                    touched.push(p.clone());
                }
                // A translation whose original is gone (deleted, renamed) is an error: drop it.
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if let Some(base) = name.strip_suffix(".en.md")
                    && !p.with_file_name(format!("{base}.md")).exists()
                {
                    let _ = std::fs::remove_file(p);
                    touched.push(p.clone());
                }
            }
            touched
        }
        9 => {
            // Edit a data file.
            let p = root.join("data/units.yaml");
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            std::fs::write(
                &p,
                text.replace("name: \"Thanh tra\"", &format!("name: \"Thanh tra {step}\"")),
            )
            .expect("write");
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let fixed = text.replace(&format!("Thanh tra {}\"", step.saturating_sub(1)), "Thanh tra\"");
            std::fs::write(&p, fixed).expect("write");
            vec![p]
        }
        10 => {
            // Override a template, or change the override.
            let p = root.join("templates/page.html");
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(
                &p,
                format!("{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page.title }}}}</h1><p>v{step}</p>{{{{ page.content | safe }}}}{{% endblock content %}}"),
            )
            .expect("write");
            vec![p]
        }
        _ => {
            // Change a static file and an attachment beside a page.
            let a = root.join("static/files/mau-don.txt");
            std::fs::write(&a, format!("Mẫu đơn {step}\n")).expect("write");
            let b = root.join("content/disclosures/2025/danh-sach-dot-1/danh-sach.csv");
            if b.exists() {
                std::fs::write(&b, format!("ma,diem\nTS{step},9\n")).expect("write");
                return vec![a, b];
            }
            vec![a]
        }
    }
}

/// Any sequence of edits (below) → each rebuild gives the same files, or the same errors, as
/// a fresh build of the same inputs. A property test: proptest draws the sequences and, when
/// one fails, shrinks it to a shortest sequence of simplest edits that still fails.
/// `PROPTEST_CASES=n` searches longer than the default.
#[test]
fn rebuilds_after_random_edits_equal_fresh_builds() {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    use std::cell::Cell;

    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let edits = proptest::collection::vec((0usize..12, proptest::num::usize::ANY).prop_map(Edit::from), 1..40);
    let (good, bad) = (Cell::new(0usize), Cell::new(0usize));
    let result = runner.run(&edits, |edits| {
        let site = Site::fixture("basic");
        let opts = options(site.root());
        let mut session = Session::new(opts.clone());
        let first = snapshot(session.rebuild(&Changes::everything(), crate::support::today()));
        prop_assert_eq!(
            &first,
            &snapshot(congkhai::build(&opts, &congkhai::Keep)),
            "first build"
        );
        for (step, e) in edits.iter().enumerate() {
            let touched = edit(&site, *e, step);
            let incremental = snapshot(session.rebuild(
                &crate::support::changes(&opts.root, touched.clone()),
                crate::support::today(),
            ));
            let fresh = snapshot(congkhai::build(&opts, &congkhai::Keep));
            let counter = if fresh.is_ok() { &good } else { &bad };
            counter.set(counter.get() + 1);
            if incremental != fresh {
                return Err(TestCaseError::fail(format!(
                    "step {step} ({e:?}), touched {touched:?}: incremental {} != fresh {}; {}",
                    describe(&incremental),
                    describe(&fresh),
                    first_difference(&incremental, &fresh)
                )));
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // The sequences must exercise failing builds as well as good ones.
    assert!(
        good.get() > 0 && bad.get() > 0,
        "{} good and {} failed builds",
        good.get(),
        bad.get()
    );
}

type Snapshot = Result<Vec<(String, Vec<u8>)>, Vec<String>>;

fn describe(s: &Snapshot) -> String {
    match s {
        Ok(files) => format!("{} files", files.len()),
        Err(d) => format!("errors {d:?}"),
    }
}

fn first_difference(a: &Snapshot, b: &Snapshot) -> String {
    if let (Ok(a), Ok(b)) = (a, b) {
        for (x, y) in a.iter().zip(b) {
            if x != y {
                return format!("first difference: {} vs {}", x.0, y.0);
            }
        }
    }
    String::new()
}

/// Replaces the value of the first front-matter line `key: ...` (the text is unchanged
/// without one).
fn set_field(text: &str, key: &str, value: &str) -> String {
    let mut done = false;
    text.split_inclusive('\n')
        .map(|line| {
            if !done && line.starts_with(&format!("{key}: ")) {
                done = true;
                format!("{key}: {value}\n")
            } else {
                line.to_string()
            }
        })
        .collect()
}

/// Edits that keep every file readable, one or two files at a time, the way an editor works
/// through a day: most of them move nothing in the lists (a body, a title, a link), which a
/// rebuild patches into the model it kept; the others (a date, a draft, a slug, a dead link)
/// must not be mistaken for such an edit. Every rebuild is compared with a fresh build.
#[test]
fn everyday_edits_equal_fresh_builds() {
    for seed in [11u64, 12, 13] {
        let site = Site::fixture("basic");
        let root = site.root().to_path_buf();
        let opts = options(&root);
        // More tasks, so that a filtered task list, the plan's, a unit's and a dimension's pages
        // run to several pages (per_page is 2).
        let task = std::fs::read_to_string(root.join("content/tasks/tiep-dan.md")).expect("read");
        for k in 1..=5 {
            std::fs::write(root.join(format!("content/tasks/tiep-dan-{k}.md")), &task).expect("write");
        }
        // And disclosures, so that a category's page and a task's evidence run to page 2 and 3.
        let lich = std::fs::read_to_string(root.join("content/disclosures/lich-tiep-dan.md")).expect("read");
        for k in 1..=4 {
            std::fs::write(root.join(format!("content/disclosures/lich-tiep-dan-{k}.md")), &lich).expect("write");
        }
        let md: Vec<PathBuf> = files_under(&root, "content")
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        // Every other file links to another page, so that a new dead link lands in a file
        // with links as well as in one without.
        for p in md.iter().step_by(2) {
            let text = std::fs::read_to_string(p).expect("read");
            std::fs::write(p, format!("{text}\nXem [liên hệ](/lien-he/).\n")).expect("write");
        }
        let mut session = Session::new(opts.clone());
        session
            .rebuild(&Changes::everything(), crate::support::today())
            .expect("first build");
        let mut rng = Lcg(seed);
        let mut good = 0;
        let mut undo: Vec<(PathBuf, String)> = Vec::new();
        for step in 0..60 {
            let mut touched = Vec::new();
            for (p, text) in std::mem::take(&mut undo).into_iter().rev() {
                std::fs::write(&p, text).expect("write");
                touched.push(p);
            }
            for _ in 0..1 + usize::from(rng.next(4) == 0) {
                let p = md[rng.next(md.len())].clone();
                let text = std::fs::read_to_string(&p).expect("read");
                let changed = match rng.next(12) {
                    0..=2 => format!("{text}\nĐoạn {step} có **chữ đậm**.\n"),
                    3 => format!("{text}\nXem [liên hệ](/lien-he/) ({step}).\n"),
                    4 => set_field(&text, "title", &format!("\"Tiêu đề {step}\"")),
                    5 => {
                        let date = format!("2025-0{}-1{}", 1 + rng.next(9), rng.next(10));
                        let t = set_field(&text, "published", &date);
                        let t = set_field(&t, "date", &date);
                        set_field(&t, "issued", &date)
                    }
                    // A draft (an error where the item is referenced) and a dead link (an
                    // error), each undone by the next step.
                    6 => {
                        undo.push((p.clone(), text.clone()));
                        text.replacen("---\n", "---\ndraft: true\n", 1)
                    }
                    7 => {
                        undo.push((p.clone(), text.clone()));
                        format!("{text}\n[hỏng](/khong-co-trang-nay/)\n")
                    }
                    8 => set_field(&text, "code", &format!("\"{}.{}\"", 1 + rng.next(3), rng.next(12))),
                    // A task's status and lead unit: the filtered task lists change length.
                    9 => set_field(&text, "status", ["not-started", "in-progress", "done"][rng.next(3)]),
                    10 => set_field(&text, "lead", ["van-phong", "thanh-tra", "ttth-cb"][rng.next(3)]),
                    // A disclosure withdrawn, undone by the next step: it moves between its
                    // category's two lists.
                    11 if text.contains("\ncategory: ") => {
                        undo.push((p.clone(), text.clone()));
                        text.replacen("---\n", "---\nwithdrawn:\n  date: 2025-11-05\n  reason: \"Nhầm\"\n", 1)
                    }
                    _ => text.clone(),
                };
                std::fs::write(&p, changed).expect("write");
                touched.push(p);
            }
            let incremental = snapshot(session.rebuild(
                &crate::support::changes(&opts.root, touched.clone()),
                crate::support::today(),
            ));
            let fresh = snapshot(congkhai::build(&opts, &congkhai::Keep));
            good += usize::from(fresh.is_ok());
            if incremental != fresh {
                let first = match (&incremental, &fresh) {
                    (Ok(a), Ok(b)) => a.iter().zip(b).find(|(x, y)| x != y).map(|(x, _)| x.0.clone()),
                    _ => None,
                };
                panic!(
                    "seed {seed}, step {step}, touched {touched:?}: incremental != fresh (first difference {first:?})"
                );
            }
        }
        assert!(good >= 30, "seed {seed}: only {good} of 60 builds succeeded");
    }
}

#[test]
fn an_unchanged_rebuild_renders_no_item_page_again() {
    let site = Site::fixture("basic");
    let mut session = Session::new(options(site.root()));
    session
        .rebuild(&Changes::everything(), crate::support::today())
        .expect("first build");
    let all = session.pages_rendered();
    let p = site.path("content/disclosures/lich-tiep-dan.md");
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, format!("{text}\nThêm.\n")).expect("write");
    session
        .rebuild(&crate::support::changes(site.root(), vec![p]), crate::support::today())
        .expect("rebuild");
    // Only the page itself and the pages rendered every time (home, indexes, search, 404...).
    assert!(
        session.pages_rendered() < all / 2,
        "{} of {all} pages rendered again",
        session.pages_rendered()
    );
}

#[test]
fn the_watch_loop_publishes_good_builds_and_keeps_going_after_bad_ones() {
    let site = Site::fixture("basic");
    let root = site.root().to_path_buf();
    let task = root.join("content/tasks/cong-khai.md");
    let good = std::fs::read_to_string(&task).expect("read");
    let mut session = Session::new(options(&root));
    session
        .rebuild(&Changes::everything(), crate::support::today())
        .expect("first build");
    // A fake event source: each batch is applied to the disk just before it is handed out.
    struct Scripted {
        steps: Vec<(PathBuf, String)>,
    }
    impl congkhai::watch::Events for Scripted {
        fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
            if self.steps.is_empty() {
                return None;
            }
            let (path, text) = self.steps.remove(0);
            std::fs::write(&path, text).expect("write");
            Some(vec![path, PathBuf::from("/elsewhere/ignored.txt")])
        }
    }
    let mut events = Scripted {
        steps: vec![
            (task.clone(), good.replace("Đăng đầy đủ", "Đăng rất đầy đủ")),
            (task.clone(), good.replace("lead: van-phong", "lead: [")),
            (task.clone(), good.clone()),
        ],
    };
    let mut outcomes = Vec::new();
    congkhai::watch::run(
        &mut session,
        &root.join("public"),
        &mut events,
        &crate::support::today,
        &mut |o| {
            outcomes.push(match o.result {
                Ok(b) => {
                    let page = b
                        .rendered
                        .files
                        .iter()
                        .find(|f| f.path == "tasks/cong-khai/index.html")
                        .expect("task page");
                    Ok(String::from_utf8_lossy(page.body.bytes().expect("bytes")).contains("Đăng rất đầy đủ"))
                }
                Err(Failure::Content(d)) => Err(d.0.len()),
                Err(Failure::Io(e)) => panic!("io error {e:#}"),
            })
        },
    );
    assert_eq!(outcomes.len(), 3);
    assert_eq!(outcomes[0], Ok(true));
    assert!(matches!(outcomes[1], Err(n) if n >= 1), "{:?}", outcomes[1]);
    assert_eq!(outcomes[2], Ok(false));
}

/// What the fake clock of `a_watch_left_running_follows_the_date` says: days after 2027-01-14.
static DAYS_LATER: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

fn fake_clock() -> Option<congkhai::date::Date> {
    let start = congkhai::date::parse("2027-01-14").ok()?;
    start.checked_add_days(chrono::Days::new(
        DAYS_LATER.load(std::sync::atomic::Ordering::SeqCst) as u64
    ))
}

/// Left running without a fixed date, watch rebuilds when the day changes, with no edit:
/// an item scheduled for the new day appears.
#[test]
fn a_watch_left_running_follows_the_date() {
    let site = Site::fixture("basic");
    let root = site.root().to_path_buf();
    let mut opts = options(&root);
    opts.today = fake_clock().expect("date");
    let mut session = Session::new(opts);
    session
        .rebuild(&Changes::everything(), fake_clock().expect("date"))
        .expect("first build");
    // Empty batches are what the watcher hands out when nothing happened for a while.
    struct Idle(usize);
    impl congkhai::watch::Events for Idle {
        fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
            self.0 += 1;
            match self.0 {
                1 => Some(Vec::new()),
                2 => {
                    // Midnight: sap-cong-khai.md is published on 2027-01-15.
                    DAYS_LATER.store(1, std::sync::atomic::Ordering::SeqCst);
                    Some(Vec::new())
                }
                3 => Some(Vec::new()),
                _ => None,
            }
        }
    }
    let mut published = Vec::new();
    let clock = || fake_clock().expect("date");
    congkhai::watch::run(&mut session, &root.join("public"), &mut Idle(0), &clock, &mut |o| {
        let built = o.result.expect("build");
        published.push(
            built
                .rendered
                .files
                .iter()
                .any(|f| f.path == "disclosures/sap-cong-khai/index.html"),
        );
    });
    // Nothing on the same day; one rebuild on the new day, with the scheduled page.
    assert_eq!(published, vec![true]);
    assert_eq!(
        session.options().today,
        congkhai::date::parse("2027-01-15").expect("date")
    );
}

#[test]
fn edits_of_related_documents_equal_fresh_builds() {
    // A page shows the titles and dates of the documents that replace or amend it, and its
    // validity comes from them: an edit of one must make the other's page again.
    let site = Site::fixture("basic");
    let root = site.root().to_path_buf();
    let opts = options(&root);
    let doc = |slug: &str, extra: &str| {
        let p = root.join(format!("content/disclosures/{slug}.md"));
        let text = format!(
            "---\ntitle: \"Văn bản {slug}\"\ncategory: lien-he\npublished: 2025-05-01\n{extra}---\n\nNội dung.\n"
        );
        std::fs::write(&p, text).expect("write");
        p
    };
    doc("cu", "effective: 2024-01-01\n");
    let new = doc("moi", "effective: 2025-06-01\nreplaces: [cu]\n");
    let amend = doc(
        "sua",
        "amends: [moi]\nconsultation: {open: 2026-11-01, close: 2026-12-01, how: gopy@example.gov.vn}\n",
    );
    let mut session = Session::new(opts.clone());
    session
        .rebuild(&Changes::everything(), crate::support::today())
        .expect("first build");
    let steps: Vec<(&PathBuf, &str, &str)> = vec![
        (&new, "title: \"Văn bản moi\"", "title: \"Quy chế mới\""),
        (&new, "effective: 2025-06-01", "effective: 2027-01-01"),
        (
            &new,
            "effective: 2027-01-01\n",
            "effective: 2025-06-01\nwithdrawn: {date: 2025-07-01, reason: \"Nhầm\"}\n",
        ),
        (&new, "replaces: [cu]\n", ""),
        (&amend, "close: 2026-12-01", "close: 2026-11-15"),
        (&amend, "amends: [moi]\n", "amends: [cu]\n"),
        (&amend, "Nội dung.", "Nội dung mới."),
    ];
    for (step, (p, from, to)) in steps.into_iter().enumerate() {
        let text = std::fs::read_to_string(p).expect("read");
        assert!(text.contains(from), "step {step}: {from} not in {text}");
        std::fs::write(p, text.replacen(from, to, 1)).expect("write");
        let incremental = snapshot(session.rebuild(
            &crate::support::changes(&opts.root, vec![p.clone()]),
            crate::support::today(),
        ));
        let fresh = snapshot(congkhai::build(&opts, &congkhai::Keep));
        assert!(fresh.is_ok(), "step {step}: {fresh:?}");
        if incremental != fresh {
            let first = match (&incremental, &fresh) {
                (Ok(a), Ok(b)) => a.iter().zip(b).find(|(x, y)| x != y).map(|(x, _)| x.0.clone()),
                _ => None,
            };
            panic!("step {step}: incremental != fresh (first difference {first:?})");
        }
    }
}

#[test]
fn adding_and_removing_an_alias_equals_fresh_builds() {
    // An alias is a page of its own (a redirect): the list of pages must follow it.
    let site = Site::fixture("basic");
    let root = site.root().to_path_buf();
    let opts = options(&root);
    let mut session = Session::new(opts.clone());
    session
        .rebuild(&Changes::everything(), crate::support::today())
        .expect("first build");
    let p = root.join("content/disclosures/lich-tiep-dan.md");
    let original = std::fs::read_to_string(&p).expect("read");
    for text in [
        original.replacen("---\n", "---\naliases: [lich-cu]\n", 1),
        original.replacen("---\n", "---\naliases: [lich-cu, lich-cu-hon]\n", 1),
        original.clone(),
    ] {
        std::fs::write(&p, &text).expect("write");
        let incremental = snapshot(session.rebuild(
            &crate::support::changes(&opts.root, vec![p.clone()]),
            crate::support::today(),
        ));
        let fresh = snapshot(congkhai::build(&opts, &congkhai::Keep));
        assert!(fresh.is_ok(), "{fresh:?}");
        assert!(incremental == fresh, "aliases {text:?}: incremental != fresh");
    }
}
