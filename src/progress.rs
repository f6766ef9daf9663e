//! How far a build has gone, for a front end that shows it (`cli` draws a bar on a terminal):
//! each stage as it begins, and the pages as they are rendered. The library only tells; what
//! is shown, and when, is the front end's affair.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::files::{OutputFile, Sink};

/// The stages of a build, in order: the names `Laps` times them by.
pub const STAGES: [&str; 9] = [
    "sources",
    "model",
    "theme",
    "validate",
    "attachments",
    "search",
    "open data",
    "pages",
    "static files",
];

/// Told how far a build has gone; called from the build's threads (pages render in parallel).
pub trait Progress: Sync {
    /// The stage `name` (one of `STAGES`) begins.
    fn stage(&self, name: &'static str);
    /// `done` of the build's `total` pages are rendered.
    fn pages(&self, done: usize, total: usize);
}

/// Tells nothing (`build` without a front end watching).
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &'static str) {}
    fn pages(&self, _: usize, _: usize) {}
}

/// The stage after `name`, if any.
pub(crate) fn next(name: &str) -> Option<&'static str> {
    let i = STAGES.iter().position(|s| *s == name)?;
    STAGES.get(i + 1).copied()
}

/// A sink that passes the pages on to `sink` and counts them for `progress`.
pub(crate) struct Counting<'a> {
    sink: &'a dyn Sink,
    progress: &'a dyn Progress,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl<'a> Counting<'a> {
    pub(crate) fn new(sink: &'a dyn Sink, progress: &'a dyn Progress) -> Counting<'a> {
        Counting {
            sink,
            progress,
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
        }
    }
}

impl Sink for Counting<'_> {
    fn put(&self, file: OutputFile) -> anyhow::Result<OutputFile> {
        let file = self.sink.put(file)?;
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        self.progress.pages(done, self.total.load(Ordering::Relaxed).max(done));
        Ok(file)
    }

    fn expect(&self, pages: usize) {
        self.total.store(pages, Ordering::Relaxed);
        self.progress.pages(0, pages);
        self.sink.expect(pages);
    }
}
