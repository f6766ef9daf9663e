//! Text → HTML or XML text and attribute values: the one escaper of the project.

/// Escapes `&`, `<`, `>`, `"` and `'`, and drops the control characters that neither HTML
/// nor XML 1.0 allows (all below U+0020 but tab, line feed and carriage return), so the
/// result can stand in element content and in quoted attribute values of both.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(
            super::html("a<b>&\"c\"'d'\u{1}\te"),
            "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;\te"
        );
    }
}
