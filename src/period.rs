//! Reporting periods: the months, quarters or years of a category's `cycle`, written `2025-09`,
//! `2025-Q3` or `2025`.

use chrono::Datelike;

use crate::date::Date;

/// How often a category must have something published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cycle {
    /// Every month.
    Monthly,
    /// Every quarter.
    Quarterly,
    /// Every year.
    Yearly,
}

impl Cycle {
    /// Every cycle.
    pub const ALL: [Cycle; 3] = [Cycle::Monthly, Cycle::Quarterly, Cycle::Yearly];

    /// `monthly`, `quarterly` or `yearly`.
    pub fn parse(s: &str) -> Option<Cycle> {
        Cycle::ALL.into_iter().find(|c| c.name() == s)
    }

    /// As written in data/categories.yaml.
    pub fn name(self) -> &'static str {
        match self {
            Cycle::Monthly => "monthly",
            Cycle::Quarterly => "quarterly",
            Cycle::Yearly => "yearly",
        }
    }

    /// How a period of this cycle is written.
    pub fn example(self) -> &'static str {
        match self {
            Cycle::Monthly => "2025-09",
            Cycle::Quarterly => "2025-Q3",
            Cycle::Yearly => "2025",
        }
    }
}

/// One month, quarter or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// The year.
    pub year: i32,
    /// The cycle.
    pub cycle: Cycle,
    /// The month (1–12), the quarter (1–4), or 1 for a year.
    pub n: u32,
}

impl Period {
    /// `2025-09`, `2025-Q3` (or `2025-q3`) or `2025`.
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let year = |y: &str| {
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse::<i32>().ok())
                .flatten()
                .filter(|y| (1900..=2999).contains(y))
        };
        let (y, rest) = match s.split_once('-') {
            None => {
                return Some(Period {
                    year: year(s)?,
                    cycle: Cycle::Yearly,
                    n: 1,
                });
            }
            Some(parts) => parts,
        };
        let year = year(y)?;
        if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            let n = q.parse::<u32>().ok().filter(|n| (1..=4).contains(n) && q.len() == 1)?;
            return Some(Period {
                year,
                cycle: Cycle::Quarterly,
                n,
            });
        }
        let n = rest
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=12).contains(n) && rest.len() == 2)?;
        Some(Period {
            year,
            cycle: Cycle::Monthly,
            n,
        })
    }

    /// The period of `cycle` that holds `d`.
    pub fn containing(cycle: Cycle, d: Date) -> Period {
        let n = match cycle {
            Cycle::Monthly => d.month(),
            Cycle::Quarterly => (d.month() - 1) / 3 + 1,
            Cycle::Yearly => 1,
        };
        Period {
            year: d.year(),
            cycle,
            n,
        }
    }

    /// Its first day.
    pub fn start(self) -> Date {
        let month = match self.cycle {
            Cycle::Monthly => self.n,
            Cycle::Quarterly => 3 * (self.n - 1) + 1,
            Cycle::Yearly => 1,
        };
        Date::from_ymd_opt(self.year, month, 1).unwrap_or_default()
    }

    /// The period after it.
    pub fn next(self) -> Period {
        let last = match self.cycle {
            Cycle::Monthly => 12,
            Cycle::Quarterly => 4,
            Cycle::Yearly => 1,
        };
        if self.n < last {
            Period { n: self.n + 1, ..self }
        } else {
            Period {
                year: self.year + 1,
                n: 1,
                ..self
            }
        }
    }

    /// Its last day.
    pub fn end(self) -> Date {
        self.next().start().pred_opt().unwrap_or_default()
    }

    /// As written in front matter: `2025-09`, `2025-Q3`, `2025`.
    pub fn id(self) -> String {
        match self.cycle {
            Cycle::Monthly => format!("{}-{:02}", self.year, self.n),
            Cycle::Quarterly => format!("{}-Q{}", self.year, self.n),
            Cycle::Yearly => format!("{}", self.year),
        }
    }

    /// As shown: `09/2025`, `Q3/2025`, `2025`.
    pub fn label(self) -> String {
        match self.cycle {
            Cycle::Monthly => format!("{:02}/{}", self.n, self.year),
            Cycle::Quarterly => format!("Q{}/{}", self.n, self.year),
            Cycle::Yearly => format!("{}", self.year),
        }
    }

    /// The periods of `cycle` from the one holding `since` to the last that ended before
    /// `today` (the current one is not over, so it is not owed yet), at most `max` of the
    /// newest.
    pub fn ended(cycle: Cycle, since: Date, today: Date, max: usize) -> Vec<Period> {
        let current = Period::containing(cycle, today);
        let mut out = Vec::new();
        let mut p = Period::containing(cycle, since);
        while p < current {
            out.push(p);
            p = p.next();
        }
        let skip = out.len().saturating_sub(max);
        out.split_off(skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::date::parse(s).unwrap()
    }

    #[test]
    fn parses_the_three_forms_and_nothing_else() {
        assert_eq!(Period::parse("2025-09").map(Period::id).as_deref(), Some("2025-09"));
        assert_eq!(Period::parse("2025-q3").map(Period::id).as_deref(), Some("2025-Q3"));
        assert_eq!(Period::parse("2025").map(Period::id).as_deref(), Some("2025"));
        for bad in ["2025-13", "2025-Q5", "2025-9", "25", "2025-Q", "2025-09-01", "", "x"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods_start_end_and_follow() {
        let q = Period::parse("2025-Q4").unwrap();
        assert_eq!((q.start(), q.end()), (d("2025-10-01"), d("2025-12-31")));
        assert_eq!(q.next().id(), "2026-Q1");
        assert_eq!(Period::parse("2024-02").unwrap().end(), d("2024-02-29"));
        assert_eq!(Period::containing(Cycle::Quarterly, d("2025-05-31")).id(), "2025-Q2");
    }

    #[test]
    fn only_ended_periods_are_owed() {
        let ids = |v: Vec<Period>| v.into_iter().map(Period::id).collect::<Vec<_>>();
        assert_eq!(
            ids(Period::ended(Cycle::Quarterly, d("2025-02-10"), d("2025-11-29"), 100)),
            ["2025-Q1", "2025-Q2", "2025-Q3"]
        );
        assert_eq!(
            ids(Period::ended(Cycle::Monthly, d("2025-01-01"), d("2025-12-01"), 2)),
            ["2025-10", "2025-11"]
        );
        assert!(Period::ended(Cycle::Yearly, d("2025-06-01"), d("2025-12-31"), 10).is_empty());
    }
}
