//! Text → URL slug with Vietnamese folding (`Kết quả Đợt 1` → `ket-qua-dot-1`).

/// Folds a title or file stem into a slug: lower case ASCII letters and digits joined by `-`.
///
/// `đ`/`Đ` become `d` and tone marks are dropped; every run of other characters becomes one
/// `-`, with none at either end. deunicode does the transliteration; it maps `đ` to `d`, which
/// is tested below because search and slugs both rely on it.
pub fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Slugs a free page cannot take, because the site uses them.
pub const RESERVED: [&str; 11] = [
    "plans",
    "tasks",
    "disclosures",
    "updates",
    "units",
    "dimensions",
    "categories",
    "search",
    "data",
    "en",
    "page",
];

/// The longest slug, in characters (all ASCII): a slug names a folder of the output, and
/// file systems allow 255 bytes in a name; a shorter limit also keeps addresses readable.
pub const MAX_LEN: usize = 200;

/// What is wrong with `slug`, folded from the `slug:` value `given` or else from the file
/// name `stem`: nothing to make an address of, or too long.
pub fn problem(slug: &str, given: Option<&str>, stem: &str) -> Option<String> {
    let from = match given {
        Some(g) if g.chars().count() > 60 => format!("the `slug:` value `{}…`", g.chars().take(60).collect::<String>()),
        Some(g) => format!("the `slug:` value `{g}`"),
        None => format!("the file name `{stem}`"),
    };
    if slug.is_empty() {
        let fix = if given.is_some() {
            "write the slug with letters or digits, e.g. `slug: ket-qua-dot-1`"
        } else {
            "use letters or digits in the file name, or set `slug:`"
        };
        return Some(format!("cannot make a URL slug from {from}: {fix}"));
    }
    (slug.len() > MAX_LEN).then(|| {
        format!(
            "the URL slug made from {from} has {} characters, more than {MAX_LEN}: set a shorter `slug:`",
            slug.len()
        )
    })
}

/// True when `s` is already a valid slug or id: `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        for (input, want) in [
            ("Kết quả xét tuyển Đợt 1", "ket-qua-xet-tuyen-dot-1"),
            ("Kết quả thi tuyển Đợt 2", "ket-qua-thi-tuyen-dot-2"),
            ("Đường Nguyễn Huệ", "duong-nguyen-hue"),
            ("  Đ--x ", "d-x"),
            ("Kế hoạch 326/KH-VPUBND", "ke-hoach-326-kh-vpubnd"),
            ("Ủy ban nhân dân tỉnh Lai Châu", "uy-ban-nhan-dan-tinh-lai-chau"),
            ("Phòng Hành chính – Quản trị", "phong-hanh-chinh-quan-tri"),
            ("Đắk Lắk", "dak-lak"),
            ("ĐỢT", "dot"),
            ("1.1 Công khai, minh bạch", "1-1-cong-khai-minh-bach"),
            ("---", ""),
            ("", ""),
        ] {
            assert_eq!(fold(input), want, "{input:?}");
        }
    }

    #[test]
    fn nfd_input_gives_the_same_slug() {
        let nfd = "Ke\u{302}\u{301}t qua\u{309}";
        assert_eq!(fold(nfd), "ket-qua");
    }

    #[test]
    fn validates_ids() {
        for (input, want) in [
            ("ttth-cb", true),
            ("a1", true),
            ("A", false),
            ("a--b", false),
            ("-a", false),
            ("", false),
            ("a_b", false),
        ] {
            assert_eq!(is_valid(input), want, "{input:?}");
        }
    }
}
