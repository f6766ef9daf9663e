//! The published items: plans, tasks, disclosures, updates, free pages, translations and the
//! home page's introduction, as the rest of the program sees them (read from files by `read`).

use std::sync::Arc;

use crate::date::Date;
use crate::layout::Section;
use crate::slug;
use crate::yaml::Positions;

/// What every published item has.
#[derive(Debug, Clone)]
pub struct Meta {
    /// Source path relative to the root.
    pub rel: String,
    /// URL slug.
    pub slug: String,
    /// Line of `slug:` or 1, for duplicate-slug errors.
    pub slug_line: usize,
    /// Key positions in the file.
    pub pos: Positions,
    /// `draft: true`.
    pub draft: bool,
    /// Rendered body.
    pub html: Arc<str>,
    /// Plain text of the body.
    pub text: Arc<str>,
    /// Fingerprint of the whole file (path and text): changes with any edit.
    pub fp: u64,
    /// Fingerprint of the path and front matter only: what other pages can show of this item.
    pub front_fp: u64,
    /// Folder of the source file, relative to the root.
    pub dir: String,
    /// `index.md` of a page bundle.
    pub bundle: bool,
    /// `updated:` in front matter: when the content last changed, shown as "last updated".
    pub updated: Option<Date>,
    /// `aliases:` the slugs it had before it was renamed; each old address redirects here.
    pub aliases: Vec<String>,
}

/// A plan (kế hoạch).
#[derive(Debug, Clone)]
pub struct Plan {
    /// Common fields.
    pub meta: Meta,
    /// Title.
    pub title: String,
    /// Số ký hiệu.
    pub number: Option<String>,
    /// Loại văn bản.
    pub doc_type: Option<String>,
    /// Cơ quan ban hành.
    pub issuer: Option<String>,
    /// Ngày ban hành.
    pub issued: Date,
    /// Người ký.
    pub signer: Option<String>,
    /// Chức vụ người ký.
    pub signer_title: Option<String>,
    /// Year the plan covers.
    pub year: Option<i64>,
    /// Căn cứ: document numbers.
    pub based_on: Vec<String>,
}

/// Status of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Chưa bắt đầu.
    NotStarted,
    /// Đang thực hiện.
    InProgress,
    /// Hoàn thành.
    Done,
    /// Tạm dừng.
    Paused,
}

impl Status {
    /// All statuses in display order.
    pub const ALL: [Status; 4] = [Status::NotStarted, Status::InProgress, Status::Done, Status::Paused];

    /// The code used in front matter and open data.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Paused => "paused",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Status> {
        Some(match slug::fold(s).as_str() {
            "not-started" | "chua-bat-dau" => Status::NotStarted,
            "in-progress" | "dang-thuc-hien" => Status::InProgress,
            "done" | "hoan-thanh" => Status::Done,
            "paused" | "tam-dung" => Status::Paused,
            _ => return None,
        })
    }
}

/// When a task is carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// Thường xuyên.
    Ongoing,
    /// Khi có đề nghị.
    OnRequest,
    /// From `start` to `due`.
    Dated {
        /// Start date.
        start: Option<Date>,
        /// Due date.
        due: Option<Date>,
    },
}

impl Schedule {
    /// The code used in open data.
    pub fn code(&self) -> &'static str {
        match self {
            Schedule::Ongoing => "ongoing",
            Schedule::OnRequest => "on-request",
            Schedule::Dated { .. } => "dated",
        }
    }

    /// The due date, if any.
    pub fn due(&self) -> Option<Date> {
        match self {
            Schedule::Dated { due, .. } => *due,
            _ => None,
        }
    }

    /// The start date, if any.
    pub fn start(&self) -> Option<Date> {
        match self {
            Schedule::Dated { start, .. } => *start,
            _ => None,
        }
    }
}

/// A dated progress note on a task.
#[derive(Debug, Clone)]
pub struct TaskUpdate {
    /// When.
    pub date: Date,
    /// What was done.
    pub text: String,
    /// Progress after it.
    pub progress: Option<u8>,
    /// Status after it.
    pub status: Option<Status>,
}

/// A task of a plan.
#[derive(Debug, Clone)]
pub struct Task {
    /// Common fields.
    pub meta: Meta,
    /// Title.
    pub title: String,
    /// Plan slug.
    pub plan: String,
    /// Number in the plan ("1.1").
    pub code: Option<String>,
    /// Dimension id.
    pub dimension: String,
    /// Lead unit id.
    pub lead: String,
    /// Partner unit ids.
    pub partners: Vec<String>,
    /// Partners in words.
    pub partners_text: Option<String>,
    /// When.
    pub schedule: Schedule,
    /// Status (from front matter, else the newest update, else not started).
    pub status: Status,
    /// 0–100 (from front matter, else the newest update, else 100 when done, else 0).
    pub progress: u8,
    /// Updates, newest first.
    pub updates: Vec<TaskUpdate>,
    /// Due date passed and not done.
    pub overdue: bool,
}

/// A file published with a disclosure.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// As written in front matter.
    pub file: String,
    /// Title shown (the file name when absent).
    pub title: String,
    /// Source path relative to the root (`static/...` or beside the content file).
    pub src: String,
    /// The path as written, cleaned of `.` and extra `/` (`danh-sach.csv`, `files/a.pdf`):
    /// where a file beside the content file goes beside the page (see `routes::attachment`).
    pub path: String,
    /// Line of the item in the content file.
    pub line: usize,
}

/// A dated change note.
#[derive(Debug, Clone)]
pub struct Revision {
    /// When.
    pub date: Date,
    /// What changed.
    pub note: String,
}

/// A publicly disclosed document or result.
#[derive(Debug, Clone)]
pub struct Disclosure {
    /// Common fields.
    pub meta: Meta,
    /// Title.
    pub title: String,
    /// Category id.
    pub category: String,
    /// Ngày công khai.
    pub published: Date,
    /// Số ký hiệu.
    pub number: Option<String>,
    /// Loại văn bản.
    pub doc_type: Option<String>,
    /// Cơ quan ban hành.
    pub issuer: Option<String>,
    /// Ngày ban hành.
    pub issued: Option<Date>,
    /// Người ký.
    pub signer: Option<String>,
    /// Task slug it is evidence for.
    pub task: Option<String>,
    /// Files.
    pub attachments: Vec<Attachment>,
    /// Changes, newest first.
    pub revisions: Vec<Revision>,
    /// Ngày có hiệu lực: the first day it is in force.
    pub effective: Option<Date>,
    /// Ngày hết hiệu lực: the first day it is no longer in force.
    pub expires: Option<Date>,
    /// The disclosures (slugs) this document replaces (thay thế): they end when it starts.
    pub replaces: Vec<String>,
    /// The disclosures (slugs) this document amends (sửa đổi, bổ sung).
    pub amends: Vec<String>,
    /// A public consultation on it (lấy ý kiến).
    pub consultation: Option<Consultation>,
    /// Tags.
    pub tags: Vec<String>,
    /// The period of its category's cycle it is for (`period: 2025-Q3`).
    pub period: Option<crate::period::Period>,
    /// Says that there was nothing to disclose in `period` ("Không có nội dung phát sinh").
    pub nothing_to_report: bool,
    /// Taken back: the page stays, with a notice.
    pub withdrawn: Option<Withdrawal>,
}

/// A public consultation (lấy ý kiến) on a draft: open from `open` to the end of `close`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Consultation {
    /// The first day comments are taken.
    pub open: Date,
    /// The last day comments are taken.
    pub close: Date,
    /// Where comments go, in the order written.
    pub how: Vec<Channel>,
}

/// One way to send comments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Channel {
    /// An e-mail address (a `mailto:` link).
    Email(String),
    /// A web address (`https://...`).
    Link(String),
    /// A postal address, or any other way in words.
    Address(String),
}

/// Where a consultation stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsultationState {
    /// It opens later.
    Upcoming,
    /// Comments are taken now.
    Open,
    /// It has ended.
    Closed,
}

impl Consultation {
    /// Where it stands on `today`.
    pub fn state(&self, today: Date) -> ConsultationState {
        if today < self.open {
            ConsultationState::Upcoming
        } else if today <= self.close {
            ConsultationState::Open
        } else {
            ConsultationState::Closed
        }
    }
}

impl ConsultationState {
    /// Its code in data and templates.
    pub fn code(self) -> &'static str {
        match self {
            ConsultationState::Upcoming => "upcoming",
            ConsultationState::Open => "open",
            ConsultationState::Closed => "closed",
        }
    }
}

/// A disclosure or update taken back (`withdrawn: {date, reason, hide_body}`): its page stays
/// at its address with a notice, so that nothing published vanishes silently.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Withdrawal {
    /// The day it was withdrawn.
    pub date: Date,
    /// Why, in words readers see.
    pub reason: String,
    /// The body and the files are no longer shown or published (e.g. personal data published
    /// by mistake); the facts about the item stay.
    pub hide_body: bool,
}

/// News or a progress update.
#[derive(Debug, Clone)]
pub struct Update {
    /// Common fields.
    pub meta: Meta,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Date,
    /// Summary.
    pub summary: Option<String>,
    /// Task slugs.
    pub tasks: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Taken back: the page stays, with a notice.
    pub withdrawn: Option<Withdrawal>,
}

/// A free page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Common fields.
    pub meta: Meta,
    /// Title.
    pub title: String,
    /// Menu order; pages with a weight are in the main menu.
    pub weight: Option<i64>,
}

impl Plan {
    /// When the page last changed: `updated`, else the date the plan was issued.
    pub fn last_updated(&self) -> Date {
        self.meta.updated.unwrap_or(self.issued)
    }
}

impl Task {
    /// When the page last changed: `updated`, else the newest progress update's date.
    pub fn last_updated(&self) -> Option<Date> {
        self.meta.updated.or_else(|| self.updates.iter().map(|u| u.date).max())
    }
}

impl Withdrawal {
    /// Whether `w` takes the body and the files away.
    pub fn hides_body(w: &Option<Withdrawal>) -> bool {
        w.as_ref().is_some_and(|w| w.hide_body)
    }
}

impl Disclosure {
    /// When the page last changed: `updated`, else the later of publication and the newest revision.
    pub fn last_updated(&self) -> Date {
        self.meta.updated.unwrap_or_else(|| {
            self.revisions
                .iter()
                .map(|r| r.date)
                .fold(self.published, std::cmp::max)
        })
    }
}

impl Update {
    /// When the page last changed: `updated`, else the update's date.
    pub fn last_updated(&self) -> Date {
        self.meta.updated.unwrap_or(self.date)
    }
}

/// A translation of an item (`foo.en.md` beside `foo.md`), published under `/<lang>/`.
///
/// Only the title and the body are translated; every other fact comes from the original.
#[derive(Debug, Clone)]
pub struct Translation {
    /// Language code (`en`).
    pub lang: &'static str,
    /// Section of the original.
    pub section: Section,
    /// Source path of this file.
    pub rel: String,
    /// Source path of the original.
    pub original: String,
    /// Slug of the original (set once the original is known).
    pub slug: String,
    /// Translated title (may be absent for the home page only).
    pub title: Option<String>,
    /// Translated body.
    pub html: Arc<str>,
    /// Its plain text (the page's description).
    pub text: Arc<str>,
    /// `updated:` of the translation, which then replaces the original's date.
    pub updated: Option<Date>,
    /// `draft: true`.
    pub draft: bool,
    /// Fingerprint of the whole file.
    pub fp: u64,
}

/// The home page's introduction (`content/_index.md`).
#[derive(Debug, Clone)]
pub struct Home {
    /// Source path.
    pub rel: String,
    /// Optional title.
    pub title: Option<String>,
    /// Rendered body.
    pub html: Arc<str>,
    /// Its plain text (the page's description).
    pub text: Arc<str>,
    /// `updated:`, which replaces the newest date of the items the home page shows.
    pub updated: Option<Date>,
}

/// A task is overdue when its due date has passed and it is not done.
pub fn is_overdue(schedule: &Schedule, status: Status, today: Date) -> bool {
    status != Status::Done && schedule.due().is_some_and(|due| due < today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::date::parse(s).unwrap()
    }

    #[test]
    fn overdue_table() {
        let dated = |due: &str| Schedule::Dated {
            start: None,
            due: Some(d(due)),
        };
        let today = d("2025-10-01");
        for (schedule, status, want) in [
            (dated("2025-09-30"), Status::InProgress, true),
            (dated("2025-09-30"), Status::NotStarted, true),
            (dated("2025-09-30"), Status::Paused, true),
            (dated("2025-09-30"), Status::Done, false),
            (dated("2025-10-01"), Status::InProgress, false),
            (dated("2025-10-02"), Status::InProgress, false),
            (Schedule::Ongoing, Status::InProgress, false),
            (Schedule::OnRequest, Status::NotStarted, false),
        ] {
            assert_eq!(is_overdue(&schedule, status, today), want, "{schedule:?} {status:?}");
        }
    }
}
