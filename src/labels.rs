//! Facts of the model → words in the reader's language, from the UI strings only (pages,
//! search and open data say the same thing in the same language).

use crate::i18n::Strings;
use crate::model::{Consultation, ConsultationState, Schedule, Status, ValidityState};

/// The status in words ("Đang thực hiện", "In progress").
pub fn status(t: &Strings, s: Status) -> String {
    t.get(match s {
        Status::NotStarted => "status_not_started",
        Status::InProgress => "status_in_progress",
        Status::Done => "status_done",
        Status::Paused => "status_paused",
    })
    .to_string()
}

/// The schedule in words: "Thường xuyên", "Khi có đề nghị", "Hạn 30/09/2025"...
pub fn schedule(t: &Strings, s: &Schedule) -> String {
    let date = |d| crate::date::display(d);
    match s {
        Schedule::Ongoing => t.get("schedule_ongoing").to_string(),
        Schedule::OnRequest => t.get("schedule_on_request").to_string(),
        Schedule::Dated { due: Some(d), .. } => t.fill("schedule_due", &[("date", &date(*d))]),
        Schedule::Dated { start: Some(d), .. } => t.fill("schedule_from", &[("date", &date(*d))]),
        Schedule::Dated { .. } => t.get("schedule_unset").to_string(),
    }
}

/// Whether a document is in force, in words ("Còn hiệu lực").
pub fn validity(t: &Strings, v: ValidityState) -> String {
    t.get(match v {
        ValidityState::NotYet => "validity_not_yet",
        ValidityState::InForce => "validity_in_force",
        ValidityState::Expired => "validity_expired",
    })
    .to_string()
}

/// Where a consultation stands on `today`, in words ("Đang lấy ý kiến đến hết ngày 31/03/2026").
pub fn consultation(t: &Strings, c: &Consultation, today: crate::date::Date) -> String {
    let (open, close) = (crate::date::display(c.open), crate::date::display(c.close));
    let key = match c.state(today) {
        ConsultationState::Upcoming => "consultation_upcoming",
        ConsultationState::Open => "consultation_open",
        ConsultationState::Closed => "consultation_closed",
    };
    t.fill(key, &[("open", &open), ("close", &close)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi() -> Strings {
        let file = crate::i18n::File {
            path: "vi.yaml".into(),
            text: include_str!("../themes/default/i18n/vi.yaml").into(),
        };
        crate::i18n::parse(&file).expect("the default strings")
    }

    #[test]
    fn schedule_wording() {
        let d = |s| crate::date::parse(s).expect("date");
        for (s, want) in [
            (Schedule::Ongoing, "Thường xuyên"),
            (Schedule::OnRequest, "Khi có đề nghị"),
            (
                Schedule::Dated {
                    start: Some(d("2025-05-01")),
                    due: Some(d("2025-09-30")),
                },
                "Hạn 30/09/2025",
            ),
            (
                Schedule::Dated {
                    start: Some(d("2025-05-01")),
                    due: None,
                },
                "Từ 01/05/2025",
            ),
        ] {
            assert_eq!(schedule(&vi(), &s), want);
        }
        assert_eq!(status(&vi(), Status::InProgress), "Đang thực hiện");
    }
}
