//! What the office owes and must not lose, on the command line: `congkhai report`, and the
//! ledger check before a build or `watch` publishes.

use crate::options::Options;

use super::{print_diags, report_failure};

/// `congkhai report`: warnings on stderr, the report on stdout.
pub(super) fn report(opts: &Options, format: &str, strict: bool) -> i32 {
    match crate::report(opts) {
        Ok((report, warnings, strings)) => {
            print_diags(&warnings);
            if format == "json" {
                println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
            } else {
                print!("{}", crate::compliance::text(&report, &strings));
            }
            i32::from(strict && report.problems > 0)
        }
        Err(f) => {
            report_failure(&f, None);
            1
        }
    }
}

/// Whether `built` may replace the site published in `out`: not when a disclosure or task it
/// lists in its open data would vanish (each is an error, and nothing is published), unless
/// `allow_removal` (each is then named). `paths`: those of the new site's files.
pub(super) fn ledger_allows(
    root: &std::path::Path,
    out: &std::path::Path,
    paths: &rustc_hash::FxHashSet<&str>,
    allow_removal: bool,
) -> bool {
    let gone = crate::ledger::vanished(out, &|p| paths.contains(p));
    if gone.is_empty() {
        return true;
    }
    if allow_removal {
        for v in &gone {
            eprintln!(
                "warning: removed the {} `{}` (\"{}\", /{}), as --allow-removal allows",
                v.kind, v.id, v.title, v.path
            );
        }
        return true;
    }
    // Paths are shown from the site root, as every other problem is.
    let shown = out.strip_prefix(root).unwrap_or(out);
    print_diags(&crate::ledger::errors(shown, &gone));
    eprintln!(
        "error: {} published {} would vanish; nothing was published: {} is as it was",
        gone.len(),
        if gone.len() == 1 { "item" } else { "items" },
        out.display()
    );
    false
}
