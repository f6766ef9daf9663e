//! `source::frontmatter::split` on any UTF-8 text: never panics, and what it returns is the
//! text itself cut at its fences, with file line numbers that match.

#![no_main]

use congkhai::diag::Severity;
use congkhai::source::frontmatter::split;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Lines as the function counts them: each ends after its `\n` (the last may not).
    let line_count = text.split_inclusive('\n').count();
    let first = text.split_inclusive('\n').next().unwrap_or("");
    match split(text, "fuzz.md") {
        Ok(s) => {
            // The opening fence is the first line.
            assert_eq!(first.trim_end(), "---");
            // The body is what follows the closing fence: a suffix of the text.
            assert!(text.ends_with(s.body));
            // The YAML starts right after the opening fence and is whole lines.
            assert!(text[first.len()..].starts_with(s.yaml));
            assert!(s.yaml.is_empty() || s.yaml.ends_with('\n'));
            assert!(s.yaml.split_inclusive('\n').all(|l| l.trim_end() != "---"));
            // Between them, exactly one line: the closing fence.
            let fence_start = first.len() + s.yaml.len();
            let fence_end = text.len() - s.body.len();
            assert!(fence_start < fence_end);
            let fence = &text[fence_start..fence_end];
            assert_eq!(fence.trim_end(), "---");
            assert!(!fence.trim_end_matches('\n').contains('\n'));
            assert!(fence_end == text.len() || fence.ends_with('\n'));
            // Line numbers: YAML from line 2, body after the YAML's lines and two fences.
            assert_eq!(s.yaml_line, 2);
            assert_eq!(s.body_line, s.yaml.matches('\n').count() + 3);
            assert!(s.body_line >= 3);
            // The body's first line exists, or the body is empty at the end of the file.
            if s.body.is_empty() {
                assert!(s.body_line <= line_count + 1);
            } else {
                assert!(s.body_line <= line_count);
                assert_eq!(line_count - s.body_line + 1, s.body.split_inclusive('\n').count());
            }
        }
        Err(d) => {
            assert_eq!(d.path, "fuzz.md");
            assert_eq!((d.line, d.col), (1, 1));
            assert_eq!(d.severity, Severity::Error);
            // Either no opening fence, or no closing one after it.
            let opened = first.trim_end() == "---";
            let closed = text.split_inclusive('\n').skip(1).any(|l| l.trim_end() == "---");
            assert!(!opened || !closed, "fenced text refused: {}", d.message);
        }
    }
});
