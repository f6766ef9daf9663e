//! What to build, and what a build gives back.

use crate::date::Date;
use crate::diag::Diagnostics;
use crate::files::{OutputFile, Rendered};
use crate::progress::Progress;
use crate::{config, model};

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site root (where site.yaml is).
    pub root: std::path::PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// What "today" is (the caller decides: `--today`, `SOURCE_DATE_EPOCH` or the clock).
    pub today: Date,
    /// Command-line settings over site.yaml.
    pub overrides: config::Overrides,
}

impl Options {
    /// How the model is assembled with these options.
    pub(crate) fn settings(&self) -> model::Settings {
        model::Settings {
            today: self.today,
            drafts: self.drafts,
        }
    }
}

/// A successful build: the files, and warnings worth printing.
#[derive(Debug)]
pub struct Built {
    /// Every output file.
    pub rendered: Rendered,
    /// Warnings (never errors).
    pub warnings: Diagnostics,
    /// How many items were published.
    pub counts: Counts,
    /// How long each stage took (for `--timings`).
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

impl Built {
    pub(crate) fn new(files: Vec<OutputFile>, model: &model::Model, warnings: Diagnostics, laps: Laps<'_>) -> Built {
        Built {
            rendered: Rendered { files },
            warnings: warnings.sorted(),
            counts: Counts {
                plans: model.plans.len(),
                tasks: model.tasks.len(),
                disclosures: model.disclosures.len(),
                updates: model.updates.len(),
                pages: model.pages.len(),
            },
            timings: laps.laps,
        }
    }
}

/// How many items of each kind a build published.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Plans.
    pub plans: usize,
    /// Tasks.
    pub tasks: usize,
    /// Disclosures.
    pub disclosures: usize,
    /// Updates.
    pub updates: usize,
    /// Free pages.
    pub pages: usize,
}

/// Durations of the stages of a build, for `--timings`; they never reach the output. Each
/// stage's beginning is told to the build's `Progress`, if it has one.
pub struct Laps<'p> {
    last: std::time::Instant,
    /// (stage, duration) in order.
    pub laps: Vec<(&'static str, std::time::Duration)>,
    progress: Option<&'p dyn Progress>,
}

impl std::fmt::Debug for Laps<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Laps").field("laps", &self.laps).finish_non_exhaustive()
    }
}

impl Laps<'static> {
    /// Starts timing.
    pub fn start() -> Laps<'static> {
        Laps {
            last: std::time::Instant::now(),
            laps: Vec::new(),
            progress: None,
        }
    }
}

impl<'p> Laps<'p> {
    /// Starts timing, telling `progress` as each stage begins (the first now).
    pub fn reporting(progress: &'p dyn Progress) -> Laps<'p> {
        progress.stage(crate::progress::STAGES[0]);
        Laps {
            progress: Some(progress),
            ..Laps::start()
        }
    }

    /// Ends the stage `name` (the next of `progress::STAGES` begins).
    pub fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
        if let (Some(p), Some(next)) = (self.progress, crate::progress::next(name)) {
            p.stage(next);
        }
    }
}
