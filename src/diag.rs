//! Content problems → `path:line:column: message` lines, sorted and reported all at once.

use std::fmt;

/// How serious a diagnostic is: errors fail the build, warnings are only printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build fails and nothing is published.
    Error,
    /// Printed, but the build goes on.
    Warning,
}

/// One problem in one file, at a position counted in the file itself (1-based).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// Line in the file (1-based); 0 when unknown.
    pub line: usize,
    /// Column in the line (1-based); 0 when unknown.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// An error at a known position.
    pub fn error(path: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            col,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning at a known position.
    pub fn warning(path: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            col,
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Positions are always printed so that every line has the same shape; an unknown
        // position is the start of the file.
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path,
            self.line.max(1),
            self.col.max(1),
            kind,
            self.message
        )
    }
}

/// A list of diagnostics gathered by the stages of a build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds all diagnostics of another list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Sorted by path, then position, without duplicates.
    pub fn sorted(mut self) -> Self {
        self.0.sort();
        self.0.dedup();
        self
    }

    /// Takes the diagnostics of a stage's result and gives back its value.
    pub fn keep<T>(&mut self, (value, diags): (T, Diagnostics)) -> T {
        self.extend(diags);
        value
    }

    /// The failure these diagnostics make (they hold an error, or a stage could not go on).
    pub fn failure(&self) -> Failure {
        Failure::Content(self.clone().sorted())
    }

    /// True when there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Why a build failed.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the site's files, all of them, sorted.
    Content(Diagnostics),
    /// The disk or the system failed.
    Io(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Io(e)
    }
}

/// Lists known ids as "a, b, c" (at most 12, then "…").
pub fn known_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.into_iter().collect();
    if ids.is_empty() {
        return "none defined".to_string();
    }
    let shown: Vec<&str> = ids.iter().take(12).copied().collect();
    let mut s = shown.join(", ");
    if ids.len() > 12 {
        s.push_str(&format!(", … ({} in all)", ids.len()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_path_line_col() {
        let cases = [
            (
                Diagnostic::error("content/tasks/a.md", 6, 7, "unknown unit `x`"),
                "content/tasks/a.md:6:7: error: unknown unit `x`",
            ),
            (
                Diagnostic::warning("site.yaml", 0, 0, "unknown key"),
                "site.yaml:1:1: warning: unknown key",
            ),
        ];
        for (d, want) in cases {
            assert_eq!(d.to_string(), want);
        }
    }

    #[test]
    fn sorts_by_path_then_line() {
        let ds = Diagnostics(vec![
            Diagnostic::error("b.md", 1, 1, "x"),
            Diagnostic::error("a.md", 9, 1, "y"),
            Diagnostic::error("a.md", 2, 1, "z"),
        ])
        .sorted();
        let order: Vec<_> = ds.0.iter().map(|d| (d.path.as_str(), d.line)).collect();
        assert_eq!(order, vec![("a.md", 2), ("a.md", 9), ("b.md", 1)]);
    }

    #[test]
    fn known_list_truncates() {
        assert_eq!(known_list(["a", "b"]), "a, b");
        assert_eq!(known_list(Vec::<&str>::new()), "none defined");
        let many: Vec<String> = (0..15).map(|i| format!("u{i}")).collect();
        assert!(known_list(many.iter().map(String::as_str)).ends_with("… (15 in all)"));
    }
}
