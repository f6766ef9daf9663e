//! Text of an editor's file → NFC text with LF line ends, and the characters no text here may
//! hold.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::is_nfc_quick;

/// Bytes → NFC text with LF line ends and no BOM; `Err((line, column))` of the first byte
/// that is not UTF-8.
pub fn normalise(bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let before = &e.as_bytes()[..valid];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before.iter().rposition(|&b| b == b'\n').map(|i| i + 1).unwrap_or(0);
            let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
            return Err((line, col));
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    })
}

/// True for the invisible characters that change the direction text is shown in
/// (embeddings, overrides and isolates, U+202A–U+202E and U+2066–U+2069). No Vietnamese text
/// needs them, and they can make `hoa-don\u{202e}fdp.exe` show as `hoa-donexe.pdf`.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Line and column (1-based) of the first direction control in `text`, with a message.
pub fn bidi_problem(text: &str) -> Option<(usize, usize, String)> {
    // Every such character is E2 80 AA..AE or E2 81 A6..A9 in UTF-8: look for E2 bytes only,
    // which Vietnamese text seldom has (a dash, curly quotes), at memchr's speed.
    let bytes = text.as_bytes();
    let at = memchr::memchr_iter(0xE2, bytes).find(|&i| {
        matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        )
    })?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map(|i| i + 1).unwrap_or(0)..].chars().count() + 1;
    let c = text[at..].chars().next().unwrap_or(' ');
    Some((
        line,
        col,
        format!(
            "an invisible character U+{:04X} that reverses how the text after it is shown (it can disguise a name or a link): delete it",
            c as u32
        ),
    ))
}

/// Reads the text file `path` (`rel` from the root, for messages): its NFC text, or the
/// problem that makes it unreadable (not UTF-8, a direction control). Disk errors are errors
/// of the outer result.
pub fn read_file(path: &Path, rel: &str) -> anyhow::Result<Result<String, crate::diag::Diagnostic>> {
    let text = match normalise(crate::fsx::read(path)?) {
        Ok(t) => t,
        Err((line, col)) => {
            return Ok(Err(crate::diag::Diagnostic::error(
                rel,
                line,
                col,
                "the file is not valid UTF-8 text: save it with the UTF-8 encoding (in Notepad: Save As, Encoding UTF-8)",
            )));
        }
    };
    Ok(match bidi_problem(&text) {
        Some((line, col, message)) => Err(crate::diag::Diagnostic::error(rel, line, col, message)),
        None => Ok(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_bom_crlf_and_nfd() {
        let input = "\u{feff}---\r\ntitle: Ke\u{302}\u{301}t qua\u{309}\r\n---\r\n"
            .as_bytes()
            .to_vec();
        let text = normalise(input).unwrap();
        assert_eq!(text, "---\ntitle: Kết quả\n---\n");
    }

    #[test]
    fn reports_where_utf8_breaks() {
        let mut bytes = b"---\ntitle: ab".to_vec();
        bytes.push(0xff);
        assert_eq!(normalise(bytes), Err((2, 10)));
    }

    #[test]
    fn finds_direction_controls() {
        assert_eq!(
            bidi_problem("a\nhoa-don\u{202e}fdp.exe").map(|p| (p.0, p.1)),
            Some((2, 8))
        );
        assert_eq!(bidi_problem("Kết quả"), None);
    }
}
