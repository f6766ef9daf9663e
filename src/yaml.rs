//! YAML text → typed values and file positions: the only module that calls serde_yaml
//! (serde_norway under that name), so the YAML library can be swapped in one place.
//!
//! Front matter, site.yaml and the data files are all read here. Every position is a line of
//! the file (`first_line` is where the YAML starts in it); messages speak of the file, not
//! of the program's types.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{DeserializeOwned, Visitor};

use crate::diag::Diagnostic;

/// The names of a struct's fields, as serde knows them (the struct is never built: serde hands
/// the list to the deserializer, which keeps it and stops).
pub fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Names<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Names<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("only structs have field names"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(serde::de::Error::custom("field names taken"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut names: &'static [&'static str] = &[];
    let _ = T::deserialize(Names(&mut names));
    names
}

/// Parses YAML into `T`; `first_line` is the file line of the YAML's first line.
///
/// A key written twice in one map, at any depth, is an error (typed structs would catch it
/// for their own fields only, and a map would keep the last value without a word).
pub fn parse<T: DeserializeOwned>(yaml: &str, path: &str, first_line: usize) -> Result<T, Diagnostic> {
    no_repeated_keys(yaml, path, first_line)?;
    serde_yaml::from_str::<T>(yaml).map_err(|e| diagnostic(e, yaml, path, first_line))
}

/// Parses front matter into a JSON-like tree in one pass (the YAML tree rejects a repeated key
/// itself; this is the hot path of a build, one call per content file).
pub fn parse_tree(yaml: &str, path: &str, first_line: usize) -> Result<serde_json::Value, Diagnostic> {
    let tree: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| diagnostic(e, yaml, path, first_line))?;
    serde_json::to_value(tree).map_err(|e| {
        Diagnostic::error(
            path,
            first_line,
            1,
            format!("invalid front matter: {e} (keys must be words, values text, numbers, lists or maps)"),
        )
    })
}

/// As `parse`, also giving the keys `T` has no field for, each as `(file line, path)` with
/// the path written as `office.fax` or `[2].colour`, so that they can be reported.
pub fn parse_known<T: DeserializeOwned>(
    yaml: &str,
    path: &str,
    first_line: usize,
) -> Result<(T, Vec<(usize, String)>), Diagnostic> {
    no_repeated_keys(yaml, path, first_line)?;
    let mut unknown = Vec::new();
    let value: T = serde_ignored::deserialize(serde_yaml::Deserializer::from_str(yaml), |p| {
        unknown.push(written_path(&p))
    })
    .map_err(|e| diagnostic(e, yaml, path, first_line))?;
    let unknown = unknown
        .into_iter()
        .map(|p| {
            let line = line_of_path(yaml, &p).unwrap_or(1);
            (first_line + line - 1, p)
        })
        .collect();
    Ok((value, unknown))
}

/// A path as the editor wrote it: `office.fax`, `[2].colour` (optional values, which
/// serde_ignored marks with `?`, are left out).
fn written_path(p: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    let join = |parent: &Path<'_>, part: String| {
        let head = written_path(parent);
        if head.is_empty() || part.starts_with('[') {
            format!("{head}{part}")
        } else {
            format!("{head}.{part}")
        }
    };
    match p {
        Path::Root => String::new(),
        Path::Seq { parent, index } => join(parent, format!("[{index}]")),
        Path::Map { parent, key } => join(parent, key.clone()),
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => {
            written_path(parent)
        }
    }
}

fn no_repeated_keys(yaml: &str, path: &str, first_line: usize) -> Result<(), Diagnostic> {
    match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        Err(e) if e.to_string().contains("duplicate entry with key") => Err(diagnostic(e, yaml, path, first_line)),
        _ => Ok(()),
    }
}

fn diagnostic(e: serde_yaml::Error, yaml: &str, path: &str, first_line: usize) -> Diagnostic {
    let text = e.to_string();
    let (line, col) = match e.location() {
        // A repeated key is reported where its map starts: point at its second use.
        Some(loc) => match duplicate_key(&text) {
            Some(key) => second_key(yaml, loc.line(), loc.column(), key).unwrap_or((loc.line(), loc.column())),
            None => (loc.line(), loc.column()),
        },
        None => (1, 1),
    };
    // A tab at the place the parser stopped is the usual cause of "cannot start any token".
    let tab = yaml
        .lines()
        .nth(line.saturating_sub(1))
        .is_some_and(|l| l.chars().take(col.max(1)).any(|c| c == '\t'));
    let message = if tab && text.contains("cannot start any token") {
        "invalid YAML: a tab is used for indentation: YAML indents with spaces only (replace the tab with spaces)"
            .to_string()
    } else {
        yaml_message(&text)
    };
    Diagnostic::error(path, first_line + line - 1, col, message)
}

/// Line (1-based, in `yaml`) of a key named by a path such as `office.fax` or `[2].colour`,
/// found by reading the text of block YAML.
pub fn line_of_path(yaml: &str, path: &str) -> Option<usize> {
    let lines: Vec<&str> = yaml.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    // The part of the file still searched: lines from..to, keys indented at least `min`.
    let (mut from, mut min) = (0usize, 0usize);
    let mut found = None;
    for seg in path.split('.').flat_map(|s| s.split_inclusive(']')) {
        let seg = seg.trim_start_matches('.');
        if let Some(n) = seg.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            let n: usize = n.parse().ok()?;
            let at = (from..lines.len())
                .filter(|&i| indent(lines[i]) == min && lines[i].trim_start().starts_with('-'))
                .nth(n)?;
            from = at;
            min += 2;
            found = Some(at);
        } else {
            let at = (from..lines.len()).find(|&i| {
                let l = lines[i];
                let t = l.trim_start().trim_start_matches("- ");
                l.len() - t.len() >= min && key_of(t) == Some(seg)
            })?;
            min = lines[at].len() - lines[at].trim_start().trim_start_matches("- ").len() + 1;
            from = at + 1;
            found = Some(at);
        }
    }
    found.map(|i| i + 1)
}

/// The key a "duplicate entry" (a map) or "duplicate field" (a struct) message names.
fn duplicate_key(msg: &str) -> Option<&str> {
    if let Some(i) = msg.find("duplicate entry with key ") {
        return Some(
            msg[i + "duplicate entry with key ".len()..]
                .split(" at line")
                .next()?
                .trim_matches('"'),
        );
    }
    let i = msg.find("duplicate field `")?;
    msg[i + "duplicate field `".len()..].split('`').next()
}

/// Line and column (1-based, in `yaml`) of the second time `key` starts a line of the block
/// map whose first key is at `line`, `col`; `None` for a flow map (`{a: 1, a: 2}`).
fn second_key(yaml: &str, line: usize, col: usize, key: &str) -> Option<(usize, usize)> {
    let mut seen = 0;
    for (i, text) in yaml.lines().enumerate().skip(line.saturating_sub(1)) {
        let indent = text.len() - text.trim_start_matches([' ', '-']).len();
        if i + 1 > line && indent < col.saturating_sub(1) && !text.trim().is_empty() {
            break;
        }
        let rest = text.get(col.saturating_sub(1)..).unwrap_or("");
        if key_of(rest) == Some(key) {
            seen += 1;
            if seen == 2 {
                return Some((i + 1, col));
            }
        }
    }
    None
}

/// Turns serde_yaml's message into one for an editor: no positions (we print our own), and the
/// usual mistakes explained.
fn yaml_message(raw: &str) -> String {
    let msg = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    if let Some(key) = duplicate_key(msg) {
        return format!(
            "`{key}` is written twice in the same place: write it once (for a list, put every item under one `{key}:`)"
        );
    }
    // Say what is expected in the editor's words, not the name of an internal type.
    if let Some(i) = msg.find("expected struct ") {
        return format!(
            "invalid YAML: {}expected fields written `name: value`, one per line",
            &msg[..i]
        );
    }
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
            } else if (trimmed.starts_with("- ") || trimmed == "-")
                && let Some(key) = &current
            {
                // Only items directly under the key (the first indentation seen) count.
                pos.items.entry(key.clone()).or_default().push(file_line);
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
    fn finds_the_line_of_a_path() {
        let yaml = "- id: a\n  name: A\n- id: b\n  colour: x\noffice:\n  name: O\n  fax2: 1\n";
        assert_eq!(line_of_path(yaml, "[1].colour"), Some(4));
        assert_eq!(line_of_path(yaml, "office.fax2"), Some(7));
        assert_eq!(line_of_path(yaml, "[0].id"), Some(1));
    }

    #[test]
    fn repeated_keys_are_errors_at_their_second_use() {
        let err = parse::<serde_json::Value>("title: A\nlist:\n  - {a: 1}\ntitle: B\n", "a.md", 2).unwrap_err();
        assert_eq!((err.line, err.col), (5, 1), "{err:?}");
        assert!(err.message.contains("`title` is written twice"), "{err:?}");
        let err = parse::<serde_json::Value>("a:\n  b: 1\n  c: 2\n  b: 3\n", "a.md", 1).unwrap_err();
        assert_eq!((err.line, err.col), (4, 3), "{err:?}");
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
