//! Front matter map → typed values, each problem a diagnostic at the key's line.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::diag::Diagnostic;
use crate::yaml::Positions;

/// Reads fields out of one front matter block and records what went wrong.
pub(crate) struct Fields<'a> {
    map: Map<String, Value>,
    pub(crate) pos: &'a Positions,
    pub(crate) rel: &'a str,
    pub(crate) diags: Vec<Diagnostic>,
    used: BTreeSet<String>,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(map: Map<String, Value>, pos: &'a Positions, rel: &'a str) -> Self {
        Fields {
            map,
            pos,
            rel,
            diags: Vec::new(),
            used: BTreeSet::new(),
        }
    }

    pub(crate) fn error(&mut self, line: usize, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.rel, line, 1, message));
    }

    pub(crate) fn key_error(&mut self, key: &str, message: impl Into<String>) {
        let line = self.pos.line_of(key);
        self.error(line, message);
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        self.used.insert(key.to_string());
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.clone()),
        }
    }

    /// A scalar as text; lists and maps are errors.
    pub(crate) fn text(&mut self, key: &str) -> Option<String> {
        let v = self.take(key)?;
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
    pub(crate) fn req_text(&mut self, key: &str, what: &str) -> Option<String> {
        let v = self.text(key);
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
    pub(crate) fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let s = self.text(key)?;
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
    pub(crate) fn req_date(&mut self, key: &str, what: &str) -> Option<NaiveDate> {
        let present = self.map.get(key).is_some_and(|v| !v.is_null());
        let d = self.date(key);
        if !present {
            self.missing(key, what);
        }
        d
    }

    /// `true`/`false`.
    pub(crate) fn boolean(&mut self, key: &str) -> Option<bool> {
        match self.take(key)? {
            Value::Bool(b) => Some(b),
            other => {
                self.key_error(key, format!("`{key}` must be true or false, found {}", show(&other)));
                None
            }
        }
    }

    /// A whole number.
    pub(crate) fn int(&mut self, key: &str) -> Option<i64> {
        let v = self.take(key)?;
        match v.as_i64() {
            Some(n) => Some(n),
            None => {
                self.key_error(key, format!("`{key}` must be a whole number, found {}", show(&v)));
                None
            }
        }
    }

    /// A list of scalars (a single scalar counts as a one-item list).
    pub(crate) fn text_list(&mut self, key: &str) -> Vec<String> {
        let Some(v) = self.take(key) else { return Vec::new() };
        match v {
            Value::Array(items) => {
                let mut out = Vec::new();
                for (n, item) in items.iter().enumerate() {
                    match scalar_text(item) {
                        Some(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                        Some(_) => {}
                        None => {
                            let line = self.pos.item_line(key, n);
                            self.error(
                                line,
                                format!("`{key}` must be a list of text values, e.g. `{key}: [a, b]`"),
                            );
                        }
                    }
                }
                out
            }
            other => match scalar_text(&other) {
                Some(s) => vec![s.trim().to_string()],
                None => {
                    self.key_error(
                        key,
                        format!("`{key}` must be a list of text values, e.g. `{key}: [a, b]`"),
                    );
                    Vec::new()
                }
            },
        }
    }

    /// A list of maps, each with the file line of its item; a scalar item is offered as
    /// `{<scalar_key>: value}` when `scalar_key` is given.
    pub(crate) fn map_list(&mut self, key: &str, scalar_key: Option<&str>) -> Vec<(usize, Map<String, Value>)> {
        let Some(v) = self.take(key) else { return Vec::new() };
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

    /// A raw value, for fields with several accepted shapes.
    pub(crate) fn value(&mut self, key: &str) -> Option<Value> {
        self.take(key)
    }

    /// Warns about keys that no section knows.
    pub(crate) fn finish(mut self, known: &str) -> Vec<Diagnostic> {
        let unknown: Vec<String> = self.map.keys().filter(|k| !self.used.contains(*k)).cloned().collect();
        for key in unknown {
            let line = self.pos.line_of(&key);
            self.diags.push(Diagnostic::warning(
                self.rel,
                line,
                1,
                format!("unknown field `{key}` is ignored (known fields: {known})"),
            ));
        }
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
