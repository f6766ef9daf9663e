//! Tasks, disclosures and units → rows of open data, the same fields in CSV (RFC 4180, UTF-8
//! with a BOM, cells a spreadsheet would run neutralised) and JSON.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::Open;
use crate::date::iso;
use crate::layout::Section;
use crate::render::media_type;
use crate::routes;

/// A table of open data: the same field names in CSV and JSON.
pub(super) trait Rows {
    fn headers() -> &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

#[derive(Serialize)]
pub(super) struct TaskRow {
    id: String,
    code: Option<String>,
    title: String,
    plan: String,
    dimension: String,
    dimension_name: String,
    lead: String,
    lead_name: String,
    partners: Vec<String>,
    partners_text: Option<String>,
    schedule: &'static str,
    schedule_label: String,
    start: Option<String>,
    due: Option<String>,
    status: &'static str,
    status_label: String,
    progress: u8,
    overdue: bool,
    updated: Option<String>,
    url: String,
}

impl Rows for TaskRow {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "code",
            "title",
            "plan",
            "dimension",
            "dimension_name",
            "lead",
            "lead_name",
            "partners",
            "partners_text",
            "schedule",
            "schedule_label",
            "start",
            "due",
            "status",
            "status_label",
            "progress",
            "overdue",
            "updated",
            "url",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.code.clone().unwrap_or_default(),
            self.title.clone(),
            self.plan.clone(),
            self.dimension.clone(),
            self.dimension_name.clone(),
            self.lead.clone(),
            self.lead_name.clone(),
            self.partners.join(";"),
            self.partners_text.clone().unwrap_or_default(),
            self.schedule.to_string(),
            self.schedule_label.clone(),
            self.start.clone().unwrap_or_default(),
            self.due.clone().unwrap_or_default(),
            self.status.to_string(),
            self.status_label.clone(),
            self.progress.to_string(),
            self.overdue.to_string(),
            self.updated.clone().unwrap_or_default(),
            self.url.clone(),
        ]
    }
}

pub(super) fn task_row(ctx: &Open<'_>, t: &crate::model::Task) -> TaskRow {
    TaskRow {
        id: t.meta.slug.clone(),
        code: t.code.clone(),
        title: t.title.clone(),
        plan: t.plan.clone(),
        dimension: t.dimension.clone(),
        dimension_name: ctx.dimension_name(&t.dimension),
        lead: t.lead.clone(),
        lead_name: ctx.unit_name(&t.lead),
        partners: t.partners.clone(),
        partners_text: t.partners_text.clone(),
        schedule: t.schedule.code(),
        schedule_label: crate::labels::schedule(ctx.t, &t.schedule),
        start: t.schedule.start().map(iso),
        due: t.schedule.due().map(iso),
        status: t.status.code(),
        status_label: crate::labels::status(ctx.t, t.status),
        progress: t.progress,
        overdue: t.overdue,
        updated: t.updates.first().map(|u| iso(u.date)),
        url: ctx.item_url(Section::Task, &t.meta.slug),
    }
}

#[derive(Serialize)]
struct AttachmentRow {
    title: String,
    url: String,
    media_type: String,
    size: u64,
    sha256: String,
}

#[derive(Serialize)]
pub(super) struct DisclosureRow {
    id: String,
    title: String,
    category: String,
    category_name: String,
    published: String,
    number: Option<String>,
    doc_type: Option<String>,
    issuer: Option<String>,
    issued: Option<String>,
    signer: Option<String>,
    task: Option<String>,
    expires: Option<String>,
    updated: String,
    tags: Vec<String>,
    attachments: Vec<AttachmentRow>,
    url: String,
    period: Option<String>,
    nothing_to_report: bool,
    status: &'static str,
    withdrawn_date: Option<String>,
    withdrawn_reason: Option<String>,
    #[serde(flatten)]
    state: super::doc_state::DocState,
}

impl Rows for DisclosureRow {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "title",
            "category",
            "category_name",
            "published",
            "number",
            "doc_type",
            "issuer",
            "issued",
            "signer",
            "task",
            "expires",
            "updated",
            "tags",
            "attachments",
            "url",
            "period",
            "nothing_to_report",
            "status",
            "withdrawn_date",
            "withdrawn_reason",
            "effective",
            "validity",
            "validity_label",
            "replaces",
            "amends",
            "replaced_by",
            "amended_by",
            "consultation_open",
            "consultation_close",
            "consultation_status",
        ]
    }
    fn cells(&self) -> Vec<String> {
        let mut cells = vec![
            self.id.clone(),
            self.title.clone(),
            self.category.clone(),
            self.category_name.clone(),
            self.published.clone(),
            self.number.clone().unwrap_or_default(),
            self.doc_type.clone().unwrap_or_default(),
            self.issuer.clone().unwrap_or_default(),
            self.issued.clone().unwrap_or_default(),
            self.signer.clone().unwrap_or_default(),
            self.task.clone().unwrap_or_default(),
            self.expires.clone().unwrap_or_default(),
            self.updated.clone(),
            self.tags.join(";"),
            self.attachments
                .iter()
                .map(|a| a.url.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            self.url.clone(),
            self.period.clone().unwrap_or_default(),
            self.nothing_to_report.to_string(),
            self.status.to_string(),
            self.withdrawn_date.clone().unwrap_or_default(),
            self.withdrawn_reason.clone().unwrap_or_default(),
        ];
        cells.extend(self.state.cells());
        cells
    }
}

pub(super) fn disclosure_row(ctx: &Open<'_>, i: usize) -> DisclosureRow {
    let d = &ctx.model.disclosures[i];
    DisclosureRow {
        state: super::doc_state::DocState::of(ctx, i),
        id: d.meta.slug.clone(),
        title: d.title.clone(),
        category: d.category.clone(),
        category_name: ctx.category_name(&d.category),
        published: iso(d.published),
        number: d.number.clone(),
        doc_type: d.doc_type.clone(),
        issuer: d.issuer.clone(),
        issued: d.issued.map(iso),
        signer: d.signer.clone(),
        task: d.task.clone(),
        expires: d.expires.map(iso),
        updated: iso(d
            .revisions
            .first()
            .map(|r| r.date.max(d.published))
            .unwrap_or(d.published)),
        tags: d.tags.clone(),
        attachments: d
            .attachments
            .iter()
            // A withdrawal that hides the body takes the files away.
            .filter(|_| !crate::model::Withdrawal::hides_body(&d.withdrawn))
            .map(|a| {
                let (size, sha256) = ctx.facts.get(&a.src).cloned().unwrap_or_default();
                let out = routes::attachment(&d.meta.slug, a);
                AttachmentRow {
                    title: a.title.clone(),
                    url: ctx.cfg.base.permalink(&crate::url::encode_path(&out)),
                    media_type: media_type(&out),
                    size,
                    sha256,
                }
            })
            .collect(),
        url: ctx.item_url(Section::Disclosure, &d.meta.slug),
        period: d.period.map(crate::period::Period::id),
        nothing_to_report: d.nothing_to_report,
        status: if d.withdrawn.is_some() {
            "withdrawn"
        } else {
            "published"
        },
        withdrawn_date: d.withdrawn.as_ref().map(|w| iso(w.date)),
        withdrawn_reason: d.withdrawn.as_ref().map(|w| w.reason.clone()),
    }
}

/// An entry of the legal list of what is disclosed: a disclosure with how, when and for how
/// long its category is disclosed.
#[derive(Serialize)]
pub(super) struct ListRow {
    category: String,
    category_name: String,
    id: String,
    title: String,
    number: Option<String>,
    doc_type: Option<String>,
    /// The date of issue, else the day it was published.
    issued: String,
    published: String,
    form: Option<String>,
    timing: Option<String>,
    duration: Option<String>,
    expires: Option<String>,
    attachments: Vec<String>,
    url: String,
    period: Option<String>,
    nothing_to_report: bool,
    #[serde(flatten)]
    validity: super::doc_state::Validity,
}

impl Rows for ListRow {
    fn headers() -> &'static [&'static str] {
        &[
            "category",
            "category_name",
            "id",
            "title",
            "number",
            "doc_type",
            "issued",
            "published",
            "form",
            "timing",
            "duration",
            "expires",
            "attachments",
            "url",
            "period",
            "nothing_to_report",
            "effective",
            "validity",
            "validity_label",
        ]
    }
    fn cells(&self) -> Vec<String> {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let mut cells = vec![
            self.category.clone(),
            self.category_name.clone(),
            self.id.clone(),
            self.title.clone(),
            opt(&self.number),
            opt(&self.doc_type),
            self.issued.clone(),
            self.published.clone(),
            opt(&self.form),
            opt(&self.timing),
            opt(&self.duration),
            opt(&self.expires),
            self.attachments.join(";"),
            self.url.clone(),
            opt(&self.period),
            self.nothing_to_report.to_string(),
        ];
        cells.extend(self.validity.cells());
        cells
    }
}

pub(super) fn list_row(ctx: &Open<'_>, i: usize) -> ListRow {
    let d = &ctx.model.disclosures[i];
    let c = ctx.reg.categories.get(&d.category);
    ListRow {
        validity: super::doc_state::Validity::of(ctx, i),
        category: d.category.clone(),
        category_name: ctx.category_name(&d.category),
        id: d.meta.slug.clone(),
        title: d.title.clone(),
        number: d.number.clone(),
        doc_type: d.doc_type.clone(),
        issued: iso(d.issued.unwrap_or(d.published)),
        published: iso(d.published),
        form: c.and_then(|c| c.form.clone()),
        timing: c.and_then(|c| c.timing.clone()),
        duration: c.and_then(|c| c.duration.clone()),
        expires: d.expires.map(iso),
        attachments: d
            .attachments
            .iter()
            // A withdrawal that hides the body takes the files away.
            .filter(|_| !crate::model::Withdrawal::hides_body(&d.withdrawn))
            .map(|a| {
                let out = routes::attachment(&d.meta.slug, a);
                ctx.cfg.base.permalink(&crate::url::encode_path(&out))
            })
            .collect(),
        url: ctx.item_url(Section::Disclosure, &d.meta.slug),
        period: d.period.map(crate::period::Period::id),
        nothing_to_report: d.nothing_to_report,
    }
}

pub(super) struct UnitRow {
    cells: Vec<String>,
}

impl Rows for UnitRow {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "name",
            "short",
            "head",
            "phone",
            "email",
            "address",
            "lead_tasks",
            "url",
        ]
    }
    fn cells(&self) -> Vec<String> {
        self.cells.clone()
    }
}

pub(super) fn unit_rows(ctx: &Open<'_>) -> Vec<UnitRow> {
    ctx.reg
        .units
        .items
        .iter()
        .map(|u| {
            let id = u.id.clone().unwrap_or_default();
            let lead = ctx.model.tasks.iter().filter(|t| t.lead == id).count();
            UnitRow {
                cells: vec![
                    id.clone(),
                    u.name.clone().unwrap_or_default(),
                    u.short.clone().unwrap_or_default(),
                    u.head.clone().unwrap_or_default(),
                    u.phone.clone().unwrap_or_default(),
                    u.email.clone().unwrap_or_default(),
                    u.address.clone().unwrap_or_default(),
                    lead.to_string(),
                    ctx.cfg.base.permalink(&routes::unit(&id)),
                ],
            }
        })
        .collect()
}

/// A CSV cell that a spreadsheet will not run as a formula: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'` (OWASP's advice against CSV injection),
/// so that `=HYPERLINK(...)` in a title stays text when an editor opens the file in Excel.
/// JSON keeps the exact text.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The cells of a record, each made `spreadsheet_safe`.
fn safe_cells(cells: &[String]) -> Vec<std::borrow::Cow<'_, str>> {
    cells.iter().map(|c| spreadsheet_safe(c)).collect()
}

/// RFC 4180 CSV, UTF-8 with a BOM so that Excel shows Vietnamese correctly, CRLF line ends.
pub(super) fn csv_bytes<R: Rows>(rows: &[R]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; errors would only come from the underlying writer.
    let _ = w.write_record(R::headers());
    for r in rows {
        let _ = w.write_record(safe_cells(&r.cells()).iter().map(|c| c.as_bytes()));
    }
    out.extend(w.into_inner().unwrap_or_default());
    out
}

/// One row of open data, in both formats: a CSV record (CRLF-terminated) and a JSON object.
#[derive(Debug)]
pub(super) struct EncodedRow {
    csv: Vec<u8>,
    json: Vec<u8>,
}

fn encode_row<R: Rows + Serialize>(row: &R) -> EncodedRow {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(safe_cells(&row.cells()).iter().map(|c| c.as_bytes()));
    EncodedRow {
        csv: w.into_inner().unwrap_or_default(),
        json: serde_json::to_vec(row).unwrap_or_default(),
    }
}

/// The rows for `keys` (one per item), from `cache` when an item's key is unchanged, else
/// made with `make(index)` and kept in `cache`.
pub(super) fn encoded_rows<R: Rows + Serialize>(
    cache: &mut rustc_hash::FxHashMap<u64, Arc<EncodedRow>>,
    keys: &[u64],
    make: impl Fn(usize) -> R + Sync,
) -> Vec<Arc<EncodedRow>> {
    let made: Vec<Option<Arc<EncodedRow>>> = keys
        .par_iter()
        .enumerate()
        .map(|(i, k)| {
            if cache.contains_key(k) {
                None
            } else {
                Some(Arc::new(encode_row(&make(i))))
            }
        })
        .collect();
    keys.iter()
        .zip(made)
        .map(|(k, m)| match m {
            Some(row) => {
                cache.insert(*k, Arc::clone(&row));
                row
            }
            None => cache.get(k).cloned().unwrap_or_else(|| {
                Arc::new(EncodedRow {
                    csv: Vec::new(),
                    json: Vec::new(),
                })
            }),
        })
        .collect()
}

/// RFC 4180 CSV, UTF-8 with a BOM so that Excel shows Vietnamese correctly, CRLF line ends.
pub(super) fn csv_file(headers: &[&str], rows: &[Arc<EncodedRow>]) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(headers);
    out.extend(w.into_inner().unwrap_or_default());
    for r in rows {
        out.extend_from_slice(&r.csv);
    }
    out
}

/// `{$schema, generated, schema_version, site, count, items}`, one item a line; `schema` is
/// the absolute URL of the file's JSON Schema.
pub(super) fn json_file(ctx: &Open<'_>, schema: &str, rows: &[Arc<EncodedRow>]) -> Vec<u8> {
    let head = serde_json::json!({
        "$schema": schema,
        "generated": iso(ctx.today),
        "schema_version": 1,
        "site": ctx.cfg.base.absolute,
        "count": rows.len(),
    })
    .to_string();
    // `head` is an object: reopen it to append the items.
    let mut out = head.trim_end_matches('}').as_bytes().to_vec();
    out.extend_from_slice(b",\"items\":[");
    for (i, r) in rows.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        out.extend_from_slice(&r.json);
    }
    out.extend_from_slice(b"\n]}\n");
    out
}
