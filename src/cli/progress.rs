//! The progress bar of a long build: on a terminal only, and only once the build has taken
//! about a second (a small site builds before it would show); cleared before anything else
//! is printed.

use std::io::IsTerminal as _;
use std::sync::mpsc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::{Progress, STAGES};

/// How long a build runs before its bar shows.
const DELAY: Duration = Duration::from_secs(1);

/// A bar on standard error: a stage of `STAGES` at a time, the pages counted while they are
/// rendered.
pub(super) struct Bar {
    bar: ProgressBar,
    /// Dropped when the build ends: the thread that shows the bar stops.
    stop: mpsc::Sender<()>,
    shower: std::thread::JoinHandle<()>,
}

impl Bar {
    /// A hidden bar that shows itself after `DELAY`, when standard error is a terminal;
    /// none otherwise.
    pub(super) fn start() -> Option<Bar> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let delay = super::knobs::progress_delay().unwrap_or(DELAY);
        let bar = ProgressBar::with_draw_target(Some(STAGES.len() as u64), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template("{spinner} {prefix:12} [{bar:30}] {pos}/{len} {elapsed}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        let shower = std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(delay) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(100));
                // Until the build ends.
                let _ = stopped.recv();
            }
        });
        Some(Bar { bar, stop, shower })
    }

    /// Takes the bar off the screen, so that what follows prints as without it.
    pub(super) fn finish(self) {
        drop(self.stop);
        let _ = self.shower.join();
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    /// The stages done of all, while no pages are counted.
    fn stage(&self, name: &'static str) {
        let i = STAGES.iter().position(|s| *s == name).unwrap_or(0);
        self.bar.set_prefix(name);
        self.bar.set_position(i as u64);
        self.bar.set_length(STAGES.len() as u64);
    }

    /// The pages rendered of all.
    fn pages(&self, done: usize, total: usize) {
        if done == 0 {
            self.bar.set_length(total as u64);
        }
        self.bar.set_position(done as u64);
    }
}
