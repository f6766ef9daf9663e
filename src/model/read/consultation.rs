//! `consultation: {open, close, how}`: a public consultation on a disclosed draft.

use serde_json::{Map, Value};

use super::super::fields::{Fields, scalar_text};
use super::super::{Channel, Consultation};

const EXAMPLE: &str = "`consultation: {open: 2026-03-01, close: 2026-03-31, how: gopy@laichau.gov.vn}`";

/// Reads `consultation`; every problem is an error at its line.
pub(super) fn read_consultation(f: &mut Fields<'_>, value: Option<Value>) -> Option<Consultation> {
    let value = value?;
    let line = f.pos.line_of("consultation");
    let Value::Object(m) = value else {
        f.error(line, format!("`consultation` is a map: {EXAMPLE}"));
        return None;
    };
    f.sub_keys(line, &m, "consultation", &["open", "close", "how"]);
    let date = |f: &mut Fields<'_>, key: &str, what: &str| match m.get(key).and_then(scalar_text) {
        None => {
            f.error(line, format!("`consultation` needs `{key}:`, {what} ({EXAMPLE})"));
            None
        }
        Some(s) => match crate::date::parse(&s) {
            Ok(d) => Some(d),
            Err(msg) => {
                f.error(line, format!("`consultation.{key}`: {msg}"));
                None
            }
        },
    };
    let open = date(f, "open", "the first day comments are taken");
    let close = date(f, "close", "the last day comments are taken");
    if let (Some(o), Some(c)) = (open, close)
        && c < o
    {
        f.error(
            line,
            format!(
                "`consultation.close` ({}) is before `consultation.open` ({}): the last day of the consultation cannot come before its first",
                crate::date::iso(c),
                crate::date::iso(o)
            ),
        );
        return None;
    }
    let how = read_how(f, line, &m);
    if how.is_empty() {
        return None;
    }
    Some(Consultation {
        open: open?,
        close: close?,
        how,
    })
}

/// `how`: where comments go, as one text, a list of them, or a map `{email, url, address}`.
/// Each text is an e-mail address, a web address (`http://`, `https://`) or, failing those, a
/// postal address in words.
fn read_how(f: &mut Fields<'_>, line: usize, m: &Map<String, Value>) -> Vec<Channel> {
    let wrong = "`consultation.how` says where comments go: an e-mail address, a web address (https://...) or a postal address, or a list of them";
    let texts: Vec<(Option<&str>, String)> = match m.get("how") {
        None | Some(Value::Null) => {
            f.error(line, format!("`consultation` needs `how:` ({wrong})"));
            return Vec::new();
        }
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| (None, scalar_text(v).unwrap_or_default()))
            .collect(),
        Some(Value::Object(ways)) => {
            f.sub_keys(line, ways, "consultation.how", &["email", "url", "address"]);
            ["email", "url", "address"]
                .into_iter()
                .filter_map(|k| ways.get(k).map(|v| (Some(k), scalar_text(v).unwrap_or_default())))
                .collect()
        }
        Some(v) => vec![(None, scalar_text(v).unwrap_or_default())],
    };
    let mut how = Vec::new();
    for (kind, text) in texts {
        let text = text.trim().to_string();
        if text.is_empty() {
            f.error(line, wrong);
            continue;
        }
        match channel(kind, text) {
            Ok(c) => how.push(c),
            Err(msg) => f.error(line, format!("`consultation.how`: {msg}")),
        }
    }
    how
}

/// One way to send comments, from its text and the key it was given under, if any.
fn channel(kind: Option<&str>, text: String) -> Result<Channel, String> {
    let web = text.starts_with("https://") || text.starts_with("http://");
    let mail = !text.contains(char::is_whitespace) && text.contains('@') && !web;
    match kind {
        Some("email") => crate::contact::email_problem(&text).map_or(Ok(Channel::Email(text)), Err),
        Some("url") if web && url_ok(&text) => Ok(Channel::Link(text)),
        Some("url") => Err(format!(
            "`{text}` is not a web address: write one starting with https://"
        )),
        _ if web && url_ok(&text) => Ok(Channel::Link(text)),
        _ if web => Err(format!(
            "`{text}` is not a web address: it may hold no spaces, quotes or angle brackets"
        )),
        _ if mail => crate::contact::email_problem(&text).map_or(Ok(Channel::Email(text)), Err),
        _ => Ok(Channel::Address(text)),
    }
}

/// A web address that makes a sound link.
fn url_ok(url: &str) -> bool {
    let host = url.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    !host.is_empty()
        && !host.starts_with('/')
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"'`\\".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_are_told_apart() {
        assert_eq!(
            channel(None, "gopy@laichau.gov.vn".into()),
            Ok(Channel::Email("gopy@laichau.gov.vn".into()))
        );
        assert_eq!(
            channel(None, "https://laichau.gov.vn/gop-y".into()),
            Ok(Channel::Link("https://laichau.gov.vn/gop-y".into()))
        );
        assert_eq!(
            channel(None, "Số 1 đường Lê Lợi, Lai Châu".into()),
            Ok(Channel::Address("Số 1 đường Lê Lợi, Lai Châu".into()))
        );
        assert!(channel(Some("email"), "không phải thư".into()).is_err());
        assert!(channel(Some("url"), "javascript:alert(1)".into()).is_err());
        assert!(channel(None, "https://a.vn/\"><script>".into()).is_err());
        assert!(channel(None, "a@b@c".into()).is_err());
    }
}
