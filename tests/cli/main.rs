//! Integration tests: the real `congkhai` binary run on small fixture sites in temp folders.

mod access;
mod build;
mod check;
mod csv_table;
mod dashboards;
mod disclosure_list;
mod errors;
mod head_meta;
mod hostile;
mod i18n;
mod incremental;
mod ledger;
mod markdown;
mod numbers;
mod open_data;
mod output;
mod publish;
mod report;
mod scaffold;
mod search;
mod serve;
mod snapshots;
mod support;
mod validity;
mod watch;
mod withdrawal;
