//! Calendar dates: `YYYY-MM-DD` as written in files → `Date` → `dd/mm/yyyy` as shown.

use chrono::{Datelike, NaiveDate};

/// A calendar date.
pub type Date = NaiveDate;

/// `dd/mm/yyyy`, as dates are written in Vietnam.
pub fn display(d: Date) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `YYYY-MM-DD` as written in ISO 8601 (feeds, open data, `datetime` attributes).
pub fn iso(d: Date) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Parses `YYYY-MM-DD`; the message says what is wrong (`2026-02-30`: "02/2026 has 28 days").
pub fn parse(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(format!(
            "expected a date written YYYY-MM-DD (e.g. 2025-04-08), found `{s}`"
        ));
    }
    let y: i32 = s[..4].parse().map_err(|_| format!("bad year in `{s}`"))?;
    let m: u32 = s[5..7].parse().map_err(|_| format!("bad month in `{s}`"))?;
    let d: u32 = s[8..].parse().map_err(|_| format!("bad day in `{s}`"))?;
    if !(1..=12).contains(&m) {
        return Err(format!("`{s}` is not a real date: the month must be 01 to 12"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let days = days_in_month(y, m);
        format!("`{s}` is not a real date: {m:02}/{y} has {days} days")
    })
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map(|d| d.day()).unwrap_or(31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse("2025-04-08").unwrap().to_string(), "2025-04-08");
        assert!(parse("2026-02-30").unwrap_err().contains("02/2026 has 28 days"));
        assert!(parse("2024-02-30").unwrap_err().contains("has 29 days"));
        assert!(parse("2025-13-01").unwrap_err().contains("01 to 12"));
        assert!(parse("08/04/2025").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse("2025-4-8").is_err());
        assert_eq!(display(parse("2025-04-08").unwrap()), "08/04/2025");
    }
}
