//! File events → changes that matter → rebuilds that keep the last good site.
//!
//! `layout::Changes::of` decides what a batch of paths changes, without touching the disk.
//! `Watcher` turns
//! notify's debounced events into batches of paths and falls back to polling where native
//! events cannot be had (e.g. the inotify watch limit). `run` drives a `Session` from any
//! source of batches, so the loop is tested with a fake one.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{PollWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};

use crate::date::Date;
use crate::diag::Failure;
use crate::layout::{Changes, SOURCE_FOLDERS};
use crate::options::Built;
use crate::session::Session;

/// Something that hands out batches of changed paths; `None` ends the loop.
pub trait Events {
    /// Waits for the next batch.
    fn next_batch(&mut self) -> Option<Vec<PathBuf>>;
}

/// A batch of paths from a scripted list (tests).
impl Events for std::vec::IntoIter<Vec<PathBuf>> {
    fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        self.next()
    }
}

/// What one rebuild gave.
pub struct Outcome {
    /// The build, or why it failed.
    pub result: Result<Built, Failure>,
    /// What changed.
    pub changes: Changes,
    /// When the batch arrived.
    pub started: Instant,
}

/// Rebuilds `session` after every batch from `events` that changes the site (output folder
/// `output`) and hands each outcome to `publish`. `today` says the date before each batch:
/// a batch that changes nothing is skipped, unless the day has changed since the last
/// build (a watcher hands out an empty batch now and then for this). A failed build changes
/// nothing that was published: `publish` decides what to do with it.
pub fn run(
    session: &mut Session,
    output: &Path,
    events: &mut dyn Events,
    today: &dyn Fn() -> Date,
    publish: &mut dyn FnMut(Outcome),
) {
    let root = session.options().root.clone();
    while let Some(batch) = events.next_batch() {
        let changes = Changes::of(&root, output, &batch);
        let day = today();
        if changes.is_empty() && day == session.today() {
            continue;
        }
        let started = Instant::now();
        let result = session.rebuild(&changes, day);
        publish(Outcome {
            result,
            changes,
            started,
        });
    }
}

enum Backend {
    Native(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
    /// A native backend that refuses every watch, as inotify does past its watch limit.
    #[cfg(test)]
    Refusing,
}

/// Native (or polling) file watching of a site's folders, debounced.
pub struct Watcher {
    backend: Backend,
    rx: mpsc::Receiver<DebounceEventResult>,
    root: PathBuf,
    watched: Vec<PathBuf>,
    /// Set when native watching failed and polling is used; says why.
    pub polling: Option<String>,
}

/// How long events are gathered into one batch: an editor's save (temp file, rename, chmod)
/// is one batch, and an edit is still published within milliseconds.
const DEBOUNCE: Duration = Duration::from_millis(8);
/// How often the debouncer looks for quiet paths.
const TICK: Duration = Duration::from_millis(2);
const POLL_INTERVAL: Duration = Duration::from_millis(500);
/// How long a watcher waits without events before it hands out an empty batch, so that a
/// site left running past midnight is rebuilt for the new day within this time.
const WAKE: Duration = Duration::from_secs(30);

impl Watcher {
    /// Watches `root` (for site.yaml and new folders) and each of its `SOURCE_FOLDERS`, with
    /// native events unless `force_poll`.
    pub fn new(root: &Path, force_poll: bool) -> anyhow::Result<Watcher> {
        let (tx, rx) = mpsc::channel();
        let native = if force_poll {
            Err("polling was asked for".to_string())
        } else {
            new_debouncer(DEBOUNCE, Some(TICK), tx.clone())
                .map(Backend::Native)
                .map_err(|e| format!("native file events failed ({e})"))
        };
        Watcher::start(root, native, tx, rx)
    }

    /// Watches with `native` when it works, else (it could not be made, or a folder could not
    /// be watched with it: typically the inotify watch limit, ENOSPC) by polling.
    fn start(
        root: &Path,
        native: Result<Backend, String>,
        tx: mpsc::Sender<DebounceEventResult>,
        rx: mpsc::Receiver<DebounceEventResult>,
    ) -> anyhow::Result<Watcher> {
        let cannot = |e: notify::Error| anyhow::anyhow!("cannot watch `{}`: {e}", root.display());
        let mut w = match native {
            Ok(backend) => Watcher {
                backend,
                rx,
                root: root.to_path_buf(),
                watched: Vec::new(),
                polling: None,
            },
            Err(why) => {
                let mut w = Watcher::poll(root, tx, rx, why)?;
                w.watch_all().map_err(cannot)?;
                return Ok(w);
            }
        };
        if let Err(e) = w.watch_all() {
            let (tx, rx) = mpsc::channel();
            w = Watcher::poll(root, tx, rx, format!("native file events failed ({e})"))?;
            w.watch_all().map_err(cannot)?;
        }
        Ok(w)
    }

    fn poll(
        root: &Path,
        tx: mpsc::Sender<DebounceEventResult>,
        rx: mpsc::Receiver<DebounceEventResult>,
        why: String,
    ) -> anyhow::Result<Watcher> {
        // The poller keeps modification times in whole seconds: without comparing contents,
        // a save in the same second as the last scan (or as the one before) was never seen.
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        let d = new_debouncer_opt::<_, PollWatcher, NoCache>(DEBOUNCE, Some(TICK), tx, NoCache, config)?;
        Ok(Watcher {
            backend: Backend::Poll(d),
            rx,
            root: root.to_path_buf(),
            watched: Vec::new(),
            polling: Some(why),
        })
    }

    fn watch_path(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.backend {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
            #[cfg(test)]
            Backend::Refusing => Err(notify::Error::generic("no space left on device")),
        }
    }

    fn unwatch_path(&mut self, path: &Path) -> notify::Result<()> {
        match &mut self.backend {
            Backend::Native(d) => d.unwatch(path),
            Backend::Poll(d) => d.unwatch(path),
            #[cfg(test)]
            Backend::Refusing => Ok(()),
        }
    }

    /// Watches what exists of the site's folders and is not watched yet; returns the folders
    /// newly watched (files made in them before the watch began were never reported).
    fn watch_all(&mut self) -> notify::Result<Vec<PathBuf>> {
        let mut added = Vec::new();
        if self.watched.is_empty() {
            let root = self.root.clone();
            self.watch_path(&root, RecursiveMode::NonRecursive)?;
            self.watched.push(root);
        }
        for name in SOURCE_FOLDERS {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.watch_path(&dir, RecursiveMode::Recursive)?;
                self.watched.push(dir.clone());
                added.push(dir);
            }
        }
        Ok(added)
    }
}

impl Events for Watcher {
    fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let result = match self.rx.recv_timeout(WAKE) {
            Ok(r) => r,
            // Nothing happened: an empty batch lets the loop look at the date.
            Err(mpsc::RecvTimeoutError::Timeout) => return Some(Vec::new()),
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        };
        let mut paths = Vec::new();
        let mut take = |r: DebounceEventResult| match r {
            Ok(events) => paths.extend(
                events
                    .into_iter()
                    .filter(|e| changes_files(&e.event.kind))
                    .flat_map(|e| e.event.paths),
            ),
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: file watching: {e}");
                }
            }
        };
        take(result);
        // Whatever else is already waiting belongs to the same burst.
        while let Ok(r) = self.rx.try_recv() {
            take(r);
        }
        // A site folder that was itself moved, removed or created (`mv content c.bak`, and
        // back) is watched afresh: the old watch followed the folder away, or was dropped
        // with it, and would not report what happens at the path now.
        let replaced: Vec<PathBuf> = SOURCE_FOLDERS
            .iter()
            .map(|name| self.root.join(name))
            .filter(|dir| paths.contains(dir))
            .collect();
        for dir in replaced {
            if let Some(i) = self.watched.iter().position(|w| *w == dir) {
                self.watched.remove(i);
                // The watch may be gone with the folder already.
                let _ = self.unwatch_path(&dir);
            }
        }
        // A site folder created after the start (e.g. `static/`) is watched from now on, and
        // read whole: files created in it before the watch began sent no event.
        match self.watch_all() {
            Ok(added) => paths.extend(added),
            Err(e) => eprintln!("warning: cannot watch a new folder: {e}"),
        }
        Some(paths)
    }
}

/// True for events that can change what a file holds. Reads are reported too (inotify's
/// open/access/close-nowrite) and a rebuild reads every changed file: counting those would
/// make each rebuild trigger the next.
pub fn changes_files(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_not_changes() {
        use notify::EventKind;
        use notify::event::{
            AccessKind, AccessMode, CreateKind, DataChange, MetadataKind, ModifyKind, RemoveKind, RenameMode,
        };
        for (kind, want) in [
            (EventKind::Access(AccessKind::Open(AccessMode::Any)), false),
            (EventKind::Access(AccessKind::Read), false),
            (EventKind::Access(AccessKind::Close(AccessMode::Read)), false),
            (EventKind::Access(AccessKind::Close(AccessMode::Write)), true),
            (EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)), false),
            (EventKind::Modify(ModifyKind::Data(DataChange::Any)), true),
            (EventKind::Modify(ModifyKind::Name(RenameMode::Both)), true),
            (EventKind::Create(CreateKind::File), true),
            (EventKind::Remove(RemoveKind::Folder), true),
            (EventKind::Any, true),
        ] {
            assert_eq!(changes_files(&kind), want, "{kind:?}");
        }
    }

    /// Native watching that fails on the first folder (the inotify watch limit) → polling,
    /// which says why and still reports an edit.
    #[test]
    fn falls_back_to_polling_when_native_watches_fail() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("content")).expect("mkdir");
        std::fs::write(dir.path().join("content/a.md"), "a").expect("write");
        let (tx, rx) = mpsc::channel();
        let mut w = Watcher::start(dir.path(), Ok(Backend::Refusing), tx, rx).expect("watcher");
        let why = w.polling.clone().expect("polling");
        assert!(why.contains("no space left on device"), "{why}");
        assert!(matches!(w.backend, Backend::Poll(_)));
        let edited = dir.path().join("content/a.md");
        // The poller compares modification times with its last scan: edit until it has seen one.
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let editor = {
            let (stop, edited) = (stop.clone(), edited.clone());
            std::thread::spawn(move || {
                for n in 0..200 {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) {
                        break;
                    }
                    std::fs::write(&edited, format!("edit {n}")).expect("write");
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while !w.next_batch().expect("a batch").contains(&edited) {
            assert!(Instant::now() < deadline, "the edit was never reported");
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        editor.join().expect("editor");
    }
}
