//! Front matter → typed values, each problem a diagnostic at the key's line.
//!
//! Each section declares its front matter as a struct of `Option<Value>` fields (`front!`):
//! serde fills it, the struct's own field list is the list of known fields (no other list to
//! keep in step), and `Fields` turns each value into its type leniently (an editor may write
//! `code: 1.1` without quotes), reporting what cannot be read at the line of its key. The
//! `field!` macro passes a field with its name, so a message can never name another key.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::date::Date;
use crate::diag::Diagnostic;
use crate::yaml::Positions;
pub(crate) use crate::yaml::field_names;

/// Declares a section's front matter: the fields every item has, then its own, each an
/// `Option<Value>` read by `Fields`.
macro_rules! front {
    ($(#[$doc:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Default, serde::Deserialize)]
        #[serde(default)]
        pub(crate) struct $name {
            pub(crate) title: Option<serde_json::Value>,
            pub(crate) slug: Option<serde_json::Value>,
            pub(crate) draft: Option<serde_json::Value>,
            pub(crate) updated: Option<serde_json::Value>,
            pub(crate) aliases: Option<serde_json::Value>,
            $(pub(crate) $field: Option<serde_json::Value>,)*
        }

        impl $name {
            /// The fields every item has, taken out.
            #[allow(dead_code)]
            pub(crate) fn common(&mut self) -> $crate::model::fields::Common {
                $crate::model::fields::Common {
                    title: self.title.take(),
                    slug: self.slug.take(),
                    draft: self.draft.take(),
                    updated: self.updated.take(),
                    aliases: self.aliases.take(),
                }
            }
        }
    };
}
pub(crate) use front;

/// The fields every item has (see `front!`).
#[derive(Debug, Default)]
pub(crate) struct Common {
    pub(crate) title: Option<Value>,
    pub(crate) slug: Option<Value>,
    pub(crate) draft: Option<Value>,
    pub(crate) updated: Option<Value>,
    pub(crate) aliases: Option<Value>,
}

/// `field!(front.number)` is `("number", front.number)` (taken out of the struct): a field
/// as `Fields` reads it, with its own name.
macro_rules! field {
    ($front:ident . $name:ident) => {
        (stringify!($name), $front.$name.take())
    };
}
pub(crate) use field;

/// Fills the front matter struct `T` from the map of a file's fields; the fields `T` does not
/// have are warned about.
pub(crate) fn read_front<T: for<'de> Deserialize<'de> + Default>(f: &mut Fields<'_>, map: &Map<String, Value>) -> T {
    let known = field_names::<T>();
    for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
        let line = f.pos.line_of(key);
        f.diags.push(Diagnostic::warning(
            f.rel,
            line,
            1,
            format!("unknown field `{key}` is ignored (known fields: {})", known.join(", ")),
        ));
    }
    // Every field is an optional value: a map of fields always fits.
    T::deserialize(Value::Object(map.clone())).unwrap_or_default()
}

/// A field: its name and its value, if it is written (and not `~`).
pub(crate) type Field<'k> = (&'k str, Option<Value>);

/// Reads fields out of one front matter block and records what went wrong.
pub(crate) struct Fields<'a> {
    pub(crate) pos: &'a Positions,
    pub(crate) rel: &'a str,
    pub(crate) diags: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(pos: &'a Positions, rel: &'a str) -> Self {
        Fields {
            pos,
            rel,
            diags: Vec::new(),
        }
    }

    pub(crate) fn error(&mut self, line: usize, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.rel, line, 1, message));
    }

    pub(crate) fn key_error(&mut self, key: &str, message: impl Into<String>) {
        let line = self.pos.line_of(key);
        self.error(line, message);
    }

    /// A scalar as text; lists and maps are errors.
    pub(crate) fn text(&mut self, (key, v): Field<'_>) -> Option<String> {
        let v = v?;
        if let Value::Number(n) = &v
            && n.is_f64()
        {
            // `code: 1.10` is the number 1.1: the text as written is gone.
            let line = self.pos.line_of(key);
            self.diags.push(Diagnostic::warning(
                self.rel,
                line,
                1,
                format!(
                    "`{key}` is read as a number and shown as `{n}` (a number loses its last zeros: 1.10 becomes 1.1); write the value in quotes to keep it as written"
                ),
            ));
        }
        match scalar_text(&v) {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(s.trim().to_string()),
            None => {
                self.key_error(key, format!("`{key}` must be a single text value, not a list or a map"));
                None
            }
        }
    }

    /// A required scalar; `what` explains the field in the message.
    pub(crate) fn req_text(&mut self, (key, v): Field<'_>, what: &str) -> Option<String> {
        let v = self.text((key, v));
        if v.is_none() && !self.reported(key) {
            self.missing(key, what);
        }
        v
    }

    pub(crate) fn missing(&mut self, key: &str, what: &str) {
        let line = if self.pos.has(key) { self.pos.line_of(key) } else { 1 };
        self.error(line, format!("missing required field `{key}`: {what}"));
    }

    fn reported(&self, key: &str) -> bool {
        let line = self.pos.line_of(key);
        self.pos.has(key) && self.diags.iter().any(|d| d.line == line)
    }

    /// A date `YYYY-MM-DD`.
    pub(crate) fn date(&mut self, (key, v): Field<'_>) -> Option<Date> {
        let s = self.text((key, v))?;
        let line = self.pos.line_of(key);
        match crate::date::parse(&s) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(line, format!("`{key}`: {msg}"));
                None
            }
        }
    }

    /// A required date.
    pub(crate) fn req_date(&mut self, (key, v): Field<'_>, what: &str) -> Option<Date> {
        let present = v.is_some();
        let d = self.date((key, v));
        if !present {
            self.missing(key, what);
        }
        d
    }

    /// `true`/`false`.
    pub(crate) fn boolean(&mut self, (key, v): Field<'_>) -> Option<bool> {
        match v? {
            Value::Bool(b) => Some(b),
            other => {
                self.key_error(key, format!("`{key}` must be true or false, found {}", show(&other)));
                None
            }
        }
    }

    /// A whole number.
    pub(crate) fn int(&mut self, (key, v): Field<'_>) -> Option<i64> {
        let v = v?;
        match v.as_i64() {
            Some(n) => Some(n),
            None => {
                self.key_error(key, format!("`{key}` must be a whole number, found {}", show(&v)));
                None
            }
        }
    }

    /// A list of scalars (a single scalar counts as a one-item list).
    pub(crate) fn text_list(&mut self, (key, v): Field<'_>) -> Vec<String> {
        let Some(v) = v else { return Vec::new() };
        let wrong = format!("`{key}` must be a list of text values, e.g. `{key}: [a, b]`");
        match v {
            Value::Array(items) => {
                let mut out = Vec::new();
                for (n, item) in items.iter().enumerate() {
                    match scalar_text(item) {
                        Some(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                        Some(_) => {}
                        None => {
                            let line = self.pos.item_line(key, n);
                            self.error(line, wrong.clone());
                        }
                    }
                }
                out
            }
            other => match scalar_text(&other) {
                Some(s) => vec![s.trim().to_string()],
                None => {
                    self.key_error(key, wrong);
                    Vec::new()
                }
            },
        }
    }

    /// A list of maps, each with the file line of its item; a scalar item is offered as
    /// `{<scalar_key>: value}` when `scalar_key` is given.
    pub(crate) fn map_list(
        &mut self,
        (key, v): Field<'_>,
        scalar_key: Option<&str>,
    ) -> Vec<(usize, Map<String, Value>)> {
        let Some(v) = v else { return Vec::new() };
        let Value::Array(items) = v else {
            self.key_error(key, format!("`{key}` must be a list, each item starting with `- `"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (n, item) in items.into_iter().enumerate() {
            let line = self.pos.item_line(key, n);
            match (item, scalar_key) {
                (Value::Object(m), _) => out.push((line, m)),
                (Value::Null, _) => {}
                (other, Some(k)) if scalar_text(&other).is_some() => {
                    let mut m = Map::new();
                    m.insert(k.to_string(), other);
                    out.push((line, m));
                }
                _ => self.error(
                    line,
                    format!("each item of `{key}` must be a map of fields (`- field: value`)"),
                ),
            }
        }
        out
    }

    /// Warns about the fields of a list item (`what`: "attachment") that are not `known`.
    pub(crate) fn sub_keys(&mut self, line: usize, item: &Map<String, Value>, what: &str, known: &[&str]) {
        for key in item.keys().filter(|k| !known.contains(&k.as_str())) {
            self.diags.push(Diagnostic::warning(
                self.rel,
                line,
                1,
                format!(
                    "unknown field `{key}` in this {what} is ignored (known: {})",
                    known.join(", ")
                ),
            ));
        }
    }

    /// A percentage 0–100 (`70`, `70%`, `"70"`), rounded; `line` is where to report it.
    pub(crate) fn percent(&mut self, (key, v): Field<'_>, line: usize) -> Option<u8> {
        let v = v?;
        let n = match &v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().trim_end_matches('%').trim().parse::<f64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if (0.0..=100.0).contains(&n) => Some(n.round() as u8),
            _ => {
                let found = scalar_text(&v).unwrap_or_else(|| "a list or map".into());
                self.error(
                    line,
                    format!("`{key}` must be a number from 0 to 100 (percent done), found {found}"),
                );
                None
            }
        }
    }

    /// The diagnostics recorded.
    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        self.diags
    }
}

/// Text of a scalar YAML value.
pub(crate) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("`{s}`"),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "a map".to_string(),
        other => format!("`{other}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    front!(
        /// A front matter for the test.
        Sample { number, issued }
    );

    #[test]
    fn the_struct_is_the_list_of_known_fields() {
        assert_eq!(
            field_names::<Sample>(),
            ["title", "slug", "draft", "updated", "aliases", "number", "issued"]
        );
    }

    #[test]
    fn fields_are_read_with_their_own_name() {
        let pos = Positions::index("number: [1]\nissued: 2025-02-30\ncolour: red\n", 2);
        let mut f = Fields::new(&pos, "a.md");
        let map: Map<String, Value> =
            serde_json::from_str(r#"{"number": [1], "issued": "2025-02-30", "colour": "red"}"#).unwrap();
        let mut front: Sample = read_front(&mut f, &map);
        assert_eq!(f.text(field!(front.number)), None);
        assert_eq!(f.date(field!(front.issued)), None);
        let lines: Vec<(usize, String)> = f.finish().into_iter().map(|d| (d.line, d.message)).collect();
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 2 && m.starts_with("`number` must be a single text value")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|(l, m)| *l == 3 && m.starts_with("`issued`:")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 4 && m.contains("unknown field `colour`")),
            "{lines:?}"
        );
    }
}
