//! The published site as a ledger: a disclosure or task that the live site lists in its open
//! data must still have its page after the next build (at its address, or through an alias
//! of a renamed file), unless the operator says it may go (`--allow-removal`). A first build,
//! or an output that is not a congkhai site, has no ledger.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};

/// The open-data files whose items must not vanish, with what their items are.
const LISTS: [(&str, &str); 2] = [("data/disclosures.json", "disclosure"), ("data/tasks.json", "task")];

/// An item of the published site whose page the new site no longer has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vanished {
    /// The open-data file that lists it, and the line of its item there.
    pub file: &'static str,
    /// The line of its item in that file.
    pub line: usize,
    /// `disclosure` or `task`.
    pub kind: &'static str,
    /// Its slug.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The day it was published (`YYYY-MM-DD`), for disclosures.
    pub published: Option<String>,
    /// Its page, relative to the site root (`disclosures/x/`).
    pub path: String,
}

#[derive(serde::Deserialize)]
struct Item {
    #[serde(default)]
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: String,
}

/// The items listed in the open data of the site published in `output` whose page `has`
/// (a path relative to the output, `disclosures/x/index.html`) says the new site lacks.
pub fn vanished(output: &Path, has: &dyn Fn(&str) -> bool) -> Vec<Vanished> {
    if !output.join(crate::output::MARKER).is_file() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (file, kind) in LISTS {
        // Unreadable or not ours: no ledger for that list (it is never worse than before).
        let Ok(text) = std::fs::read_to_string(output.join(file)) else {
            continue;
        };
        let site = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v.get("site").and_then(|s| s.as_str()).map(str::to_string))
            .unwrap_or_default();
        // One item a line (as `opendata` writes them).
        for (n, line) in text.lines().enumerate() {
            let line = line.trim().trim_end_matches(',');
            if !line.starts_with('{') || !line.ends_with('}') {
                continue;
            }
            let Ok(item) = serde_json::from_str::<Item>(line) else {
                continue;
            };
            let Some(path) = item.url.strip_prefix(site.as_str()).filter(|_| !site.is_empty()) else {
                continue;
            };
            let path = crate::url::percent_decode(path).unwrap_or_else(|| path.to_string());
            if !has(&format!("{path}index.html")) {
                out.push(Vanished {
                    file,
                    line: n + 1,
                    kind,
                    id: item.id,
                    title: item.title,
                    published: item.published,
                    path,
                });
            }
        }
    }
    out
}

/// The errors that stop a publish, one per vanished item, at its line in the published open
/// data (`output` is the output folder as the operator named it).
pub fn errors(output: &Path, gone: &[Vanished]) -> Diagnostics {
    let mut d = Diagnostics::default();
    for v in gone {
        let when = v
            .published
            .as_deref()
            .and_then(|p| crate::date::parse(p).ok())
            .map(|p| format!(", published {}", crate::date::display(p)))
            .unwrap_or_default();
        d.push(Diagnostic::error(
            format!("{}/{}", output.display(), v.file),
            v.line,
            1,
            format!(
                "the {} `{}` (\"{}\"{when}, /{}) is published and would vanish: keep its file (to take it back, mark it `withdrawn: {{date, reason}}`); if it was renamed, add `aliases: [{}]` to the renamed file; to remove it on purpose, build with `--allow-removal`",
                v.kind, v.id, v.title, v.path, v.id
            ),
        ));
    }
    d
}
