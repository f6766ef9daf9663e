//! A CSV attachment → the table its disclosure's page shows, so that a citizen reads it on a
//! phone without opening a spreadsheet. The file itself is always offered as it is; a table is
//! only a view of its first rows, bounded so that a page stays small whatever the file holds.
//!
//! UTF-8 with or without a byte order mark, fields separated by `,` or `;` (whichever the header
//! line has more of outside quotes). A file that is not UTF-8, a row whose number of fields
//! differs from the header's, or a quote left open is a warning naming the line: the page then
//! shows no table (misaligned cells would mislead), only the file.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::Facts;
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::Assets;

/// A cell longer than this (in characters) is cut, with an ellipsis.
pub const MAX_CELL_CHARS: usize = 500;
/// At most this many columns are shown.
pub const MAX_COLUMNS: usize = 50;
/// Rows stop being added once the cells shown hold this many characters.
pub const MAX_TABLE_CHARS: usize = 100_000;

/// The first rows of a CSV attachment, as its page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Table {
    /// The header's cells (the first `MAX_COLUMNS`).
    pub header: Vec<String>,
    /// The rows shown, each with as many cells as `header`.
    pub rows: Vec<Vec<String>>,
    /// Rows in the file, without the header.
    pub total_rows: usize,
    /// Columns in the file.
    pub total_columns: usize,
}

/// Source path of a CSV attachment → its table (absent: no table to show).
pub type Tables = BTreeMap<String, Table>;

/// What each CSV file gave, by path, with the SHA-256 and row limit it was read for: a rebuild
/// reads again only the files whose content changed.
#[derive(Debug, Default)]
pub struct Cache(rustc_hash::FxHashMap<String, Read>);

/// What reading one file gave.
#[derive(Debug, Clone)]
struct Read {
    sha256: String,
    limit: usize,
    table: Option<Table>,
    warnings: Vec<Diagnostic>,
}

/// True when an attachment is shown as a table: its name ends in `.csv`.
pub fn is_csv(src: &str) -> bool {
    src.rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("csv"))
}

/// The tables of every CSV attachment in `facts`, with at most `limit` rows each (0: none),
/// and the warnings about files that cannot be shown as a table.
pub fn tables(
    facts: &Facts,
    assets: &Assets,
    limit: usize,
    cache: &mut Cache,
) -> anyhow::Result<(Tables, Diagnostics)> {
    if limit == 0 {
        cache.0.clear();
        return Ok((Tables::new(), Diagnostics::default()));
    }
    let read: Vec<(String, Read)> = facts
        .par_iter()
        .filter(|(src, _)| is_csv(src))
        .filter_map(|(src, (_, sha))| assets.get(src).map(|a| (src, sha, a)))
        .map(|(src, sha, asset)| {
            let known = cache.0.get(src).filter(|r| &r.sha256 == sha && r.limit == limit);
            let read = match known {
                Some(r) => r.clone(),
                None => {
                    let (table, warnings) = parse(&crate::fsx::read(&asset.abs)?, src, limit);
                    Read {
                        sha256: sha.clone(),
                        limit,
                        table,
                        warnings,
                    }
                }
            };
            Ok((src.clone(), read))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut diags = Diagnostics::default();
    let mut tables = Tables::new();
    for (src, r) in &read {
        for w in &r.warnings {
            diags.push(w.clone());
        }
        if let Some(t) = &r.table {
            tables.insert(src.clone(), t.clone());
        }
    }
    cache.0 = read.into_iter().collect();
    Ok((tables, diags))
}

/// The table of the CSV file `bytes` (at `rel`) with at most `limit` rows, or the warnings that
/// say why there is none. A file without a data row has no table, and no warning.
pub fn parse(bytes: &[u8], rel: &str, limit: usize) -> (Option<Table>, Vec<Diagnostic>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
            let w = Diagnostic::warning(
                rel,
                line,
                1,
                "this CSV file is not UTF-8 text, so its page shows no table (the file is still offered): save it as UTF-8",
            );
            return (None, vec![w]);
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Rows::new(limit);
    let mut open: Option<(usize, usize)> = None;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                let w = Diagnostic::warning(rel, line, 1, format!("this CSV file cannot be read: {e}"));
                return (None, vec![w]);
            }
        };
        let (line, start) = record
            .position()
            .map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
        if let Some(prev) = open.replace((line, start))
            && let Some(w) = unclosed_quote(text, prev, start, rel)
        {
            return (None, vec![w]);
        }
        rows.push(&record, line);
    }
    if let Some(w) = open.and_then(|prev| unclosed_quote(text, prev, text.len(), rel)) {
        return (None, vec![w]);
    }
    rows.finish(rel)
}

/// `;` when the header line has more of them than commas outside quotes, else `,`.
fn delimiter(text: &str) -> u8 {
    let (mut quoted, mut commas, mut semicolons) = (false, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// A warning when the record at `(line, start)`, which ends at `end`, has an odd number of
/// quotes: a quote was left open and the rest of the file was read as one field.
fn unclosed_quote(text: &str, (line, start): (usize, usize), end: usize, rel: &str) -> Option<Diagnostic> {
    let quotes = text.get(start..end)?.bytes().filter(|&b| b == b'"').count();
    (quotes % 2 == 1).then(|| {
        Diagnostic::warning(
            rel,
            line,
            1,
            "a quote (\") opened in this row of the CSV file is never closed, so its page shows no table (the file is still offered)",
        )
    })
}

/// The rows read so far: the header, those kept, how many there are, and the first row whose
/// number of fields differs from the header's.
struct Rows {
    limit: usize,
    header: Option<Vec<String>>,
    kept: Vec<Vec<String>>,
    chars: usize,
    full: bool,
    total: usize,
    columns: usize,
    /// Line and number of fields of the first row of the wrong width, and how many there are.
    bad: Option<(usize, usize)>,
    bad_count: usize,
}

impl Rows {
    fn new(limit: usize) -> Rows {
        Rows {
            limit,
            header: None,
            kept: Vec::new(),
            chars: 0,
            full: false,
            total: 0,
            columns: 0,
            bad: None,
            bad_count: 0,
        }
    }

    fn push(&mut self, record: &csv::StringRecord, line: usize) {
        if self.header.is_none() {
            self.columns = record.len();
            self.header = Some(record.iter().take(MAX_COLUMNS).map(cell).collect());
            return;
        }
        self.total += 1;
        if record.len() != self.columns {
            self.bad_count += 1;
            self.bad.get_or_insert((line, record.len()));
            return;
        }
        if self.full || self.kept.len() >= self.limit {
            return;
        }
        let row: Vec<String> = record.iter().take(MAX_COLUMNS).map(cell).collect();
        let chars: usize = row.iter().map(|c| c.chars().count()).sum();
        if self.chars + chars > MAX_TABLE_CHARS && !self.kept.is_empty() {
            self.full = true;
            return;
        }
        self.chars += chars;
        self.kept.push(row);
    }

    fn finish(self, rel: &str) -> (Option<Table>, Vec<Diagnostic>) {
        if let Some((line, fields)) = self.bad {
            let others = match self.bad_count - 1 {
                0 => String::new(),
                n => format!(" ({n} more rows like it)"),
            };
            let w = Diagnostic::warning(
                rel,
                line,
                1,
                format!(
                    "this row of the CSV file has {fields} fields but its header has {}{others}, so its page shows no table (the file is still offered)",
                    self.columns
                ),
            );
            return (None, vec![w]);
        }
        let table = self.header.filter(|_| self.total > 0).map(|header| Table {
            header,
            rows: self.kept,
            total_rows: self.total,
            total_columns: self.columns,
        });
        (table, Vec::new())
    }
}

/// A cell as shown: trimmed, and cut at `MAX_CELL_CHARS` characters with an ellipsis.
fn cell(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(MAX_CELL_CHARS) {
        None => s.to_string(),
        Some((cut, _)) => format!("{}…", s[..cut].trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str, limit: usize) -> Table {
        let (t, w) = parse(text.as_bytes(), "a.csv", limit);
        assert!(w.is_empty(), "{w:?}");
        t.expect("a table")
    }

    #[test]
    fn reads_commas_and_semicolons_with_or_without_bom() {
        let t = table("\u{feff}ma;ten;ghi chu\nTS1;\"An; Bình\";\"a \"\"b\"\"\"\n", 10);
        assert_eq!(t.header, ["ma", "ten", "ghi chu"]);
        assert_eq!(t.rows, [["TS1", "An; Bình", "a \"b\""]]);
        let t = table("a,b\r\n1,\"x,\ny\"\r\n2,z\r\n", 10);
        assert_eq!(t.rows, [["1", "x,\ny"], ["2", "z"]]);
        assert_eq!(delimiter("\"a;b;c\",d\n1;2;3;4"), b',');
    }

    #[test]
    fn bounds_rows_columns_and_cells() {
        let t = table("a,b\n1,2\n3,4\n5,6\n", 2);
        assert_eq!((t.rows.len(), t.total_rows), (2, 3));
        let long = "x".repeat(MAX_CELL_CHARS + 10);
        let t = table(&format!("h\n{long}\n"), 5);
        assert_eq!(t.rows[0][0].chars().count(), MAX_CELL_CHARS + 1);
        assert!(t.rows[0][0].ends_with('…'));
        let wide: Vec<String> = (0..MAX_COLUMNS + 5).map(|i| i.to_string()).collect();
        let t = table(&format!("{0}\n{0}\n", wide.join(",")), 5);
        assert_eq!((t.header.len(), t.total_columns), (MAX_COLUMNS, MAX_COLUMNS + 5));
        let many = format!("h\n{}", format!("{}\n", "y".repeat(MAX_CELL_CHARS)).repeat(1000));
        let t = table(&many, 1000);
        assert!(t.rows.len() * MAX_CELL_CHARS <= MAX_TABLE_CHARS && t.total_rows == 1000);
    }

    #[test]
    fn malformed_files_are_warnings_naming_the_line() {
        let (t, w) = parse(b"a,b\n1,2\n3\n4,5,6\n", "x/a.csv", 10);
        assert!(t.is_none());
        assert_eq!((w[0].line, w[0].path.as_str()), (3, "x/a.csv"));
        assert!(
            w[0].message
                .contains("1 fields but its header has 2 (1 more rows like it)")
        );
        let (t, w) = parse(b"a,b\n1,2\n3,\"open\n4,5\n", "a.csv", 10);
        assert!(t.is_none() && w[0].line == 3 && w[0].message.contains("never closed"));
        let (t, w) = parse(b"a,b\n1,2\n3,\xe9t\xe9\n", "a.csv", 10);
        assert!(t.is_none() && w[0].line == 3 && w[0].message.contains("not UTF-8"));
        assert_eq!(parse(b"", "a.csv", 10), (None, Vec::new()));
        assert_eq!(parse(b"a,b\n", "a.csv", 10), (None, Vec::new()));
    }

    #[test]
    fn only_csv_names_count() {
        assert!(is_csv("content/x/Danh-Sach.CSV"));
        assert!(!is_csv("content/x.csv/a.pdf") && !is_csv("csv"));
    }
}
