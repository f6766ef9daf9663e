//! A content file's text → front matter YAML and Markdown body, with file positions.
//!
//! This is the only module that calls serde_yaml (serde_norway under that name), so the YAML
//! library can be swapped in one place. Every position it reports is a line of the file itself,
//! not of the YAML block (Zola #1133 counted from the fence and confused editors).

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

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

/// Parses YAML into `T`; `first_line` is the file line of the YAML's first line.
pub fn parse<T: DeserializeOwned>(yaml: &str, path: &str, first_line: usize) -> Result<T, Diagnostic> {
    serde_yaml::from_str::<T>(yaml).map_err(|e| {
        let (line, col) = match e.location() {
            Some(loc) => (first_line + loc.line() - 1, loc.column()),
            None => (first_line, 1),
        };
        Diagnostic::error(path, line, col, yaml_message(&e.to_string()))
    })
}

/// Turns serde_yaml's message into one for an editor: no positions (we print our own), and the
/// usual mistakes explained.
fn yaml_message(raw: &str) -> String {
    let msg = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    let hint = if msg.contains("mapping values are not allowed") {
        " (a value that contains `: ` must be put in quotes)"
    } else if msg.contains("did not find expected key") || msg.contains("block mapping") {
        " (check the indentation: fields of one level must start in the same column)"
    } else if msg.contains("found character that cannot start any token") {
        " (a value starting with `@`, `` ` `` or `%` must be put in quotes)"
    } else if msg.contains("invalid type") {
        " (check the field's value against the content model)"
    } else {
        ""
    };
    format!("invalid YAML: {msg}{hint}")
}

/// File lines of the keys in a block of YAML, found by reading its text.
///
/// serde_yaml gives no positions for values, so semantic errors (an unknown unit id, an
/// impossible date) are placed at the line where the key is written.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    top: BTreeMap<String, usize>,
    items: BTreeMap<String, Vec<usize>>,
    root_items: Vec<usize>,
    first_line: usize,
}

impl Positions {
    /// Indexes `yaml`, whose first line is file line `first_line`.
    pub fn index(yaml: &str, first_line: usize) -> Positions {
        let mut pos = Positions {
            first_line,
            ..Positions::default()
        };
        let mut current: Option<String> = None;
        for (i, line) in yaml.lines().enumerate() {
            let file_line = first_line + i;
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            if indent == 0 && trimmed.starts_with('-') {
                pos.root_items.push(file_line);
                continue;
            }
            if indent == 0 {
                if let Some(key) = key_of(trimmed) {
                    pos.top.entry(key.to_string()).or_insert(file_line);
                    current = Some(key.to_string());
                }
            } else if trimmed.starts_with("- ") || trimmed == "-" {
                if let Some(key) = &current {
                    // Only items directly under the key (the first indentation seen) count.
                    pos.items.entry(key.clone()).or_default().push(file_line);
                }
            }
        }
        // Drop nested list items: keep the items with the smallest indentation per key.
        let lines: Vec<&str> = yaml.lines().collect();
        for (_, items) in pos.items.iter_mut() {
            let indent_of = |l: usize| {
                let s = lines.get(l - first_line).copied().unwrap_or("");
                s.len() - s.trim_start().len()
            };
            if let Some(min) = items.iter().map(|&l| indent_of(l)).min() {
                items.retain(|&l| indent_of(l) == min);
            }
        }
        pos
    }

    /// Line of a top-level key, or the first YAML line when it is absent.
    pub fn line_of(&self, key: &str) -> usize {
        self.top
            .get(key)
            .copied()
            .unwrap_or(self.first_line.saturating_sub(1).max(1))
    }

    /// True when the key is written at the top level.
    pub fn has(&self, key: &str) -> bool {
        self.top.contains_key(key)
    }

    /// Line of the `n`th list item under a top-level key, or the key's line.
    pub fn item_line(&self, key: &str, n: usize) -> usize {
        self.items
            .get(key)
            .and_then(|v| v.get(n))
            .copied()
            .unwrap_or_else(|| self.line_of(key))
    }

    /// Line of the `n`th item of a top-level list (data files), or the first line.
    pub fn root_item_line(&self, n: usize) -> usize {
        self.root_items.get(n).copied().unwrap_or(self.first_line)
    }

    /// Top-level keys in file order.
    pub fn keys(&self) -> impl Iterator<Item = (&str, usize)> {
        self.top.iter().map(|(k, &l)| (k.as_str(), l))
    }
}

fn key_of(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    if key.is_empty() || key.contains(char::is_whitespace) {
        None
    } else {
        Some(key)
    }
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

    #[test]
    fn yaml_errors_are_file_positions() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            title: String,
        }
        let err = parse::<T>("title: A\nbad: [\n", "a.md", 2).unwrap_err();
        assert_eq!(err.path, "a.md");
        assert!(err.line >= 3, "{err:?}");
        assert!(!err.message.contains("at line"));
    }

    #[test]
    fn indexes_keys_and_items() {
        let yaml = "title: A\nupdates:\n  - date: 2025-01-01\n    text: x\n    tags:\n      - a\n  - date: 2025-02-01\nlead: u\n";
        let p = Positions::index(yaml, 2);
        assert_eq!(p.line_of("title"), 2);
        assert_eq!(p.line_of("lead"), 9);
        assert_eq!(p.item_line("updates", 0), 4);
        assert_eq!(p.item_line("updates", 1), 8);
        assert_eq!(p.item_line("updates", 5), 3);
    }
}

/// Lenient deserializers for fields an editor may write without quotes.
pub mod de {
    use std::fmt;

    use serde::Deserializer;
    use serde::de::{self, Visitor};

    struct TextVisitor;

    impl<'de> Visitor<'de> for TextVisitor {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a text value")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(TextVisitor)
        }
    }

    /// A scalar (string, number or boolean) as text; `~`/null as `None`.
    pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(TextVisitor)
    }

    /// A list of scalars as text, or a single scalar as a one-item list.
    pub fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            Many(Vec<Option<serde_yaml::Value>>),
            One(serde_yaml::Value),
        }
        let scalar = |v: serde_yaml::Value| -> Result<Option<String>, D::Error> {
            match v {
                serde_yaml::Value::String(s) => Ok(Some(s)),
                serde_yaml::Value::Number(n) => Ok(Some(n.to_string())),
                serde_yaml::Value::Bool(b) => Ok(Some(b.to_string())),
                serde_yaml::Value::Null => Ok(None),
                _ => Err(de::Error::custom("expected a list of text values, e.g. [a, b]")),
            }
        };
        match serde::Deserialize::deserialize(d)? {
            OneOrMany::Many(items) => {
                let mut out = Vec::new();
                for v in items.into_iter().flatten() {
                    if let Some(s) = scalar(v)? {
                        out.push(s);
                    }
                }
                Ok(out)
            }
            OneOrMany::One(v) => Ok(scalar(v)?.into_iter().collect()),
        }
    }
}
