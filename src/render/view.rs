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
