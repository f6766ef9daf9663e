//! A content file's text → front matter YAML and Markdown body, with file positions.
//!
//! Every position is a line of the file itself, not of the YAML block (Zola #1133 counted
//! from the fence and confused editors). The YAML is read by `crate::yaml`.

use crate::diag::Diagnostic;

/// A content file split at its `---` fences.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// File line of the first YAML line (the line after the opening fence).
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// File line of the first body line.
    pub body_line: usize,
}

/// Splits normalised text (LF line ends, no BOM) into front matter and body.
pub fn split<'a>(text: &'a str, path: &str) -> Result<Split<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(
            path,
            1,
            1,
            "expected front matter: the file must start with a line `---`, then YAML fields (`title: ...`), then a closing `---` line",
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end() == "---" {
            let yaml = &text[yaml_start..offset];
            let body = &text[offset + line.len()..];
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        path,
        1,
        1,
        "front matter opened with `---` on line 1 is never closed: add a line `---` after the last YAML field",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let text = "---\ntitle: A\nlead: x\n---\nBody\n";
        let s = split(text, "a.md").unwrap();
        assert_eq!(s.yaml, "title: A\nlead: x\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn unclosed_and_missing_fences() {
        assert!(
            split("---\ntitle: A\n", "a.md")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(split("title: A\n", "a.md").unwrap_err().message.contains("must start"));
        let empty = split("---\n---\n", "a.md").unwrap();
        assert_eq!(empty.yaml, "");
    }
}
