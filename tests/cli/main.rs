//! Integration tests: the real `congkhai` binary run on small fixture sites in temp folders.

mod access;
mod build;
mod check;
mod dashboards;
mod disclosure_list;
mod errors;
mod feeds;
mod hostile;
mod i18n;
mod incremental;
mod ledger;
mod markdown;
mod numbers;
mod output;
mod publish;
mod report;
mod scaffold;
mod search;
mod serve;
mod snapshots;
mod support;
mod watch;
mod withdrawal;
