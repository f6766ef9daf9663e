//! Model → the serialisable views that templates receive (documented in docs/templates.md).

use serde::Serialize;

use crate::date::Date;

/// A date as templates see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateView {
    pub(crate) iso: String,
    pub(crate) display: String,
}

pub(crate) fn date(d: Date) -> DateView {
    DateView {
        iso: d.format("%Y-%m-%d").to_string(),
        display: crate::date::display(d),
    }
}

pub(crate) fn opt_date(d: Option<Date>) -> Option<DateView> {
    d.map(date)
}

/// A unit, dimension or category reference.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Ref {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) short: Option<String>,
    pub(crate) url: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusView {
    pub(crate) code: &'static str,
    pub(crate) label: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TaskSummary {
    pub(crate) slug: String,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) code: Option<String>,
    pub(crate) dimension: Ref,
    pub(crate) lead: Ref,
    pub(crate) status: StatusView,
    pub(crate) progress: u8,
    pub(crate) overdue: bool,
    pub(crate) schedule_label: String,
    pub(crate) due: Option<DateView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DisclosureSummary {
    pub(crate) slug: String,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) category: Ref,
    pub(crate) published: DateView,
    pub(crate) number: Option<String>,
    pub(crate) doc_type: Option<String>,
    /// The period it is for, as shown (`Q3/2025`).
    pub(crate) period: Option<String>,
    /// It says there was nothing to disclose in `period`.
    pub(crate) nothing_to_report: bool,
    /// Taken back: when and why.
    pub(crate) withdrawn: Option<WithdrawnView>,
    /// Whether it is in force today, for a document that says.
    pub(crate) validity: Option<ValidityView>,
    /// Its public consultation, where it stands today.
    pub(crate) consultation: Option<ConsultationView>,
}

/// Whether a document is in force, as pages show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ValidityView {
    /// `not-yet`, `in-force` or `expired`.
    pub(crate) code: &'static str,
    pub(crate) label: String,
    /// The first day in force.
    pub(crate) from: Option<DateView>,
    /// The first day no longer in force (its `expires`, or the day a replacement started).
    pub(crate) until: Option<DateView>,
    /// It ended because another document replaced it.
    pub(crate) replaced: bool,
}

pub(crate) fn validity(t: &crate::i18n::Strings, v: Option<crate::model::Validity>) -> Option<ValidityView> {
    v.map(|v| ValidityView {
        code: v.state.code(),
        label: crate::labels::validity(t, v.state),
        from: opt_date(v.from),
        until: opt_date(v.until),
        replaced: v.replaced,
    })
}

/// A public consultation as pages show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ConsultationView {
    /// `upcoming`, `open` or `closed`.
    pub(crate) code: &'static str,
    /// Where it stands, in a sentence ("Đang lấy ý kiến đến hết ngày 31/03/2026").
    pub(crate) label: String,
    pub(crate) open: DateView,
    pub(crate) close: DateView,
    /// Where comments go.
    pub(crate) how: Vec<ChannelView>,
}

/// One way to send comments: `kind` is `email`, `link` or `address`; `href` for the first two.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChannelView {
    pub(crate) kind: &'static str,
    pub(crate) text: String,
    pub(crate) href: Option<String>,
}

pub(crate) fn consultation(
    t: &crate::i18n::Strings,
    c: &Option<crate::model::Consultation>,
    today: Date,
) -> Option<ConsultationView> {
    use crate::model::Channel;
    let c = c.as_ref()?;
    Some(ConsultationView {
        code: c.state(today).code(),
        label: crate::labels::consultation(t, c, today),
        open: date(c.open),
        close: date(c.close),
        how: c
            .how
            .iter()
            .map(|ch| match ch {
                Channel::Email(e) => ChannelView {
                    kind: "email",
                    text: e.clone(),
                    href: Some(format!("mailto:{e}")),
                },
                Channel::Link(u) => ChannelView {
                    kind: "link",
                    text: u.clone(),
                    href: Some(u.clone()),
                },
                Channel::Address(a) => ChannelView {
                    kind: "address",
                    text: a.clone(),
                    href: None,
                },
            })
            .collect(),
    })
}

/// A withdrawal as pages show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WithdrawnView {
    pub(crate) date: DateView,
    pub(crate) reason: String,
    pub(crate) hide_body: bool,
}

pub(crate) fn withdrawn(w: &Option<crate::model::Withdrawal>) -> Option<WithdrawnView> {
    w.as_ref().map(|w| WithdrawnView {
        date: date(w.date),
        reason: w.reason.clone(),
        hide_body: w.hide_body,
    })
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct UpdateSummary {
    pub(crate) slug: String,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) date: DateView,
    pub(crate) summary: Option<String>,
    pub(crate) withdrawn: Option<WithdrawnView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TaskLink {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) code: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProgressGroup {
    #[serde(rename = "ref")]
    pub(crate) reference: Ref,
    pub(crate) progress: u8,
    pub(crate) task_count: usize,
    pub(crate) done_count: usize,
    pub(crate) overdue_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusCount {
    pub(crate) code: &'static str,
    pub(crate) label: String,
    pub(crate) count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLink {
    pub(crate) number: usize,
    pub(crate) url: String,
    pub(crate) current: bool,
    /// Pages between the one before and this one are left out (`Ctx::paginate`).
    pub(crate) gap_before: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pagination {
    pub(crate) current: usize,
    pub(crate) total_pages: usize,
    pub(crate) total_items: usize,
    pub(crate) prev_url: Option<String>,
    pub(crate) next_url: Option<String>,
    pub(crate) pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MenuItem {
    pub(crate) title: String,
    pub(crate) url: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Urls {
    pub(crate) home: String,
    pub(crate) plans: String,
    pub(crate) tasks: String,
    pub(crate) disclosures: String,
    pub(crate) updates: String,
    pub(crate) units: String,
    pub(crate) dimensions: String,
    pub(crate) categories: String,
    pub(crate) disclosure_list: String,
    pub(crate) access: String,
    pub(crate) compliance: String,
    pub(crate) consultations: String,
    pub(crate) open_data: String,
    pub(crate) data_catalog: String,
    pub(crate) search: String,
    pub(crate) feed: String,
    pub(crate) subscribe: String,
    pub(crate) sitemap: String,
    pub(crate) asset: String,
    pub(crate) data_tasks_json: String,
    pub(crate) data_tasks_csv: String,
    pub(crate) data_disclosures_json: String,
    pub(crate) data_disclosures_csv: String,
    pub(crate) data_units_csv: String,
    pub(crate) data_disclosure_list_csv: String,
    pub(crate) data_disclosure_list_json: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) base_url: String,
    pub(crate) base_path: String,
    pub(crate) language: String,
    pub(crate) office: Option<crate::config::Office>,
    /// The licence of the open data.
    pub(crate) data_license: Option<crate::config::License>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AttachmentView {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) file_name: String,
    pub(crate) size: u64,
    pub(crate) size_label: String,
    pub(crate) media_type: String,
    pub(crate) sha256: String,
    /// The first rows of a CSV file, or none.
    pub(crate) table: Option<TableView>,
}

/// The first rows of a CSV attachment.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TableView {
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
    /// "Showing N of M rows…" when the file has more rows than shown, else none.
    pub(crate) more_rows: Option<String>,
    /// The same for columns.
    pub(crate) more_columns: Option<String>,
}

/// The filter a filtered task list shows.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FilterView {
    /// `status`, `unit` or `dimension`.
    pub(crate) kind: &'static str,
    /// "Trạng thái", "Đơn vị chủ trì" or "Lĩnh vực".
    pub(crate) kind_label: String,
    /// Status code, `overdue`, or the unit or dimension id.
    pub(crate) value: String,
    pub(crate) label: String,
    /// Its first page.
    pub(crate) url: String,
}

/// A link to a filtered task list, with how many tasks it has.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FilterLink {
    pub(crate) kind: &'static str,
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) url: String,
    pub(crate) count: usize,
    /// The page shows this filter.
    pub(crate) current: bool,
}

/// Every task filter, grouped as the task list shows them.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Filters {
    pub(crate) all: FilterLink,
    /// The four statuses, then `overdue`.
    pub(crate) statuses: Vec<FilterLink>,
    pub(crate) units: Vec<FilterLink>,
    pub(crate) dimensions: Vec<FilterLink>,
}

/// Bytes in words, Vietnamese style: "812 B", "12,3 KB", "4,1 MB".
pub(crate) fn size_label(bytes: u64) -> String {
    let (value, unit) = if bytes < 1024 {
        return format!("{bytes} B");
    } else if bytes < 1024 * 1024 {
        (bytes as f64 / 1024.0, "KB")
    } else if bytes < 1024 * 1024 * 1024 {
        (bytes as f64 / (1024.0 * 1024.0), "MB")
    } else {
        (bytes as f64 / (1024.0 * 1024.0 * 1024.0), "GB")
    };
    format!("{value:.1} {unit}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        for (n, want) in [(0, "0 B"), (812, "812 B"), (12_595, "12,3 KB"), (4_300_000, "4,1 MB")] {
            assert_eq!(size_label(n), want);
        }
    }
}
