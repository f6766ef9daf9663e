//! Integration tests: the real `congkhai` binary run on small fixture sites in temp folders.

mod build;
mod check;
mod errors;
mod markdown;
mod output;
mod scaffold;
mod snapshots;
mod support;
