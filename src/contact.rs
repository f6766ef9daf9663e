//! Telephone numbers and e-mail addresses → what is wrong with them, if anything.
//!
//! Both become links (`tel:`, `mailto:`) on every page, so anything else in them (a script
//! URL, markup, a second address) would make a broken or hostile link.

/// What is wrong with a telephone number as written (`0213 3876 543`, `(0213) 3.876.543`,
/// `+84 213 3876 543`), if anything.
pub fn phone_problem(phone: &str) -> Option<String> {
    let digits = phone.bytes().filter(u8::is_ascii_digit).count();
    let chars_ok = phone
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'+' | b'-' | b'.' | b'(' | b')'));
    let plus_ok = !phone.trim_start().get(1..).unwrap_or("").contains('+');
    (!chars_ok || !plus_ok || digits < 3).then(|| {
        format!(
            "`{phone}` is not a telephone number: write digits, with spaces, dots, dashes or brackets between them (one number per field), e.g. `0213 3876 543`"
        )
    })
}

/// What is wrong with an e-mail address, if anything.
pub fn email_problem(email: &str) -> Option<String> {
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || "<>\"'(),;:\\[]/?#".contains(c);
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(bad_char)
        }
        None => false,
    };
    (!ok).then(|| format!("`{email}` is not an e-mail address: write one address such as `vanphong@laichau.gov.vn`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telephone_numbers() {
        for ok in [
            "0213 3876 543",
            "(0213) 3.876.543",
            "+84 213 3876 543",
            "1022",
            "0213-000-0000",
        ] {
            assert_eq!(phone_problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "0213\"><b>",
            "12",
            "0213 + 1",
            "số 0213",
            "0213;0912",
        ] {
            assert!(phone_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn email_addresses() {
        for ok in ["vanphong@example.gov.vn", "a.b+c@x.vn"] {
            assert_eq!(email_problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "a@b",
            "a b@c.vn",
            "a@b.vn?subject=x",
            "\"><script>@x.vn",
            "a@b.vn, c@d.vn",
            "@x.vn",
            "a@@x.vn",
        ] {
            assert!(email_problem(bad).is_some(), "{bad}");
        }
    }
}
