//! Document numbers (số ký hiệu) as the presentation rules for administrative documents write
//! them: `145/TB-VPUBND`, `13/2018/NĐ-CP`, `326/KH-VPUBND`, or, for an official letter (công
//! văn), which has no type code, `1234/UBND-KT`. The table of type codes (TB ↔ Thông báo...)
//! is data the office can edit (`data/doc-types.yaml`); this module has a default.

use std::collections::BTreeMap;

/// The built-in table of type codes, used when `data/doc-types.yaml` does not exist.
pub const DEFAULT_TYPES: [(&str, &str); 24] = [
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BC", "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    ("GUQ", "Giấy ủy quyền"),
    ("GM", "Giấy mời"),
    ("GGT", "Giấy giới thiệu"),
    ("CĐ", "Công điện"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
    ("L", "Luật"),
];

/// Type code → type name (the names folded for comparison).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Types(pub BTreeMap<String, String>);

impl Default for Types {
    fn default() -> Self {
        Types(
            DEFAULT_TYPES
                .iter()
                .map(|(c, n)| (c.to_string(), n.to_string()))
                .collect(),
        )
    }
}

impl Types {
    /// Type name, folded (case and tone marks left out), → code: made once for many lookups.
    pub fn by_name(&self) -> rustc_hash::FxHashMap<String, &str> {
        self.0
            .iter()
            .map(|(code, name)| (crate::slug::fold(name), code.as_str()))
            .collect()
    }

    /// The code of a type name (`Thông báo` → `TB`), compared as `by_name` does.
    pub fn code_of(&self, name: &str) -> Option<&str> {
        self.by_name().get(&crate::slug::fold(name)).copied()
    }

    /// The name of a code.
    pub fn name_of(&self, code: &str) -> Option<&str> {
        self.0.get(code).map(String::as_str)
    }
}

/// A number taken apart: its type code, if its first part after the number (and year) is one
/// of `types`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// The type code (`TB`), or none for an official letter's `UBND-KT`.
    pub code: Option<&'a str>,
}

/// Takes `number` apart, or says why it does not look like a document number.
pub fn parse<'a>(number: &'a str, types: &Types) -> Result<Parsed<'a>, &'static str> {
    let parts: Vec<&str> = number.trim().split('/').collect();
    let (serial, rest) = match parts.as_slice() {
        [serial, rest] => (*serial, *rest),
        [serial, year, rest] if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => (*serial, *rest),
        _ => return Err("it should be the number, an optional year and the codes, separated by `/`"),
    };
    let digits = serial.trim_end_matches(|c: char| c.is_ascii_lowercase());
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("it should start with the document's number in digits");
    }
    let codes: Vec<&str> = rest.split('-').collect();
    // A code starts with a capital (`TB`, `TTr`, `TTg`, `QyĐ`).
    let upper = |s: &str| s.chars().next().is_some_and(char::is_uppercase) && s.chars().all(char::is_alphanumeric);
    if codes.len() < 2 || !codes.iter().all(|c| upper(c)) {
        return Err("after the number it should have codes in capitals joined by `-`, such as `TB-VPUBND`");
    }
    Ok(Parsed {
        code: types.0.contains_key(codes[0]).then_some(codes[0]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_numbers_fit_and_give_their_type() {
        let t = Types::default();
        assert_eq!(parse("145/TB-VPUBND", &t).unwrap().code, Some("TB"));
        assert_eq!(parse("13/2018/NĐ-CP", &t).unwrap().code, Some("NĐ"));
        assert_eq!(parse("326/KH-VPUBND", &t).unwrap().code, Some("KH"));
        assert_eq!(parse("12/TTr-UBND", &t).unwrap().code, Some("TTr"));
        assert_eq!(parse("1234/UBND-KT", &t).unwrap().code, None, "an official letter");
        assert_eq!(parse("766/QĐ-TTg", &t).unwrap().code, Some("QĐ"));
    }

    #[test]
    fn other_shapes_do_not_fit() {
        let t = Types::default();
        for bad in [
            "145",
            "TB-VPUBND",
            "145/TB",
            "a1/TB-X",
            "145/tb-vpubnd",
            "145//TB-X",
            "1/2/3/TB-X",
            "",
        ] {
            assert!(parse(bad, &t).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_find_their_codes() {
        let t = Types::default();
        assert_eq!(t.code_of("Thông báo"), Some("TB"));
        assert_eq!(t.code_of("thong bao"), Some("TB"));
        assert_eq!(t.code_of("Công văn"), None);
    }
}
