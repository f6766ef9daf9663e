//! The legal list of the information disclosed ("Danh mục thông tin phải được công khai"):
//! one section per category of `data/categories.yaml`, in its order, with how, when and for
//! how long the category is disclosed, and its newest items. The page stays small however
//! many items there are: each section shows the newest `LATEST` and links to the category's
//! own page; `/data/disclosure-list.csv` and `.json` carry every entry.

use serde::Serialize;

use super::Made;
use crate::data::Category;
use crate::date::Date;
use crate::layout::Section;
use crate::render::ctx::{Aggregates, Ctx};
use crate::render::view::{DateView, date, opt_date};
use crate::routes;

/// How many of a category's newest items its section lists.
pub(crate) const LATEST: usize = 10;

#[derive(Serialize)]
pub(crate) struct DisclosureListPage {
    sections: Vec<ListSection>,
    /// Items in every category.
    total: usize,
    latest: usize,
    csv: String,
    json: String,
}

#[derive(Serialize)]
struct ListSection {
    id: String,
    name: String,
    url: String,
    required: bool,
    legal_basis: Option<String>,
    form: Option<String>,
    timing: Option<String>,
    duration: Option<String>,
    /// Items published in the category.
    count: usize,
    /// The newest of them.
    entries: Vec<ListEntry>,
}

#[derive(Serialize)]
struct ListEntry {
    title: String,
    url: String,
    number: Option<String>,
    doc_type: Option<String>,
    /// Ngày ban hành (the document's date of issue), else the day it was published.
    issued: DateView,
    published: DateView,
    /// Until when it is disclosed: its own `expires`, else the category's `duration`.
    expires: Option<DateView>,
    files: Vec<FileLink>,
    /// "Nothing to report" for this period.
    nothing_to_report: Option<String>,
    /// Taken back.
    withdrawn: bool,
    /// In force or not, for a document that says.
    validity: Option<crate::render::view::ValidityView>,
}

#[derive(Serialize)]
struct FileLink {
    title: String,
    url: String,
}

/// Every disclosure's front matter (the categories are site-wide data).
pub(super) fn fingerprint(agg: &Aggregates<'_>) -> u64 {
    crate::fingerprint::of(&(17u8, agg.disclosures))
}

pub(super) fn view(ctx: &Ctx<'_>) -> Made<DisclosureListPage> {
    let sections: Vec<ListSection> = ctx.reg.categories.items.iter().map(|c| section(ctx, c)).collect();
    Made {
        template: "disclosure-list.html",
        kind: "disclosure-list",
        title: ctx.t.get("title_disclosure_list").to_string(),
        view: DisclosureListPage {
            total: sections.iter().map(|s| s.count).sum(),
            sections,
            latest: LATEST,
            csv: ctx.link("data/disclosure-list.csv"),
            json: ctx.link("data/disclosure-list.json"),
        },
    }
}

fn section(ctx: &Ctx<'_>, c: &Category) -> ListSection {
    let id = c.id.clone().unwrap_or_default();
    let mut items = ctx
        .model
        .disclosures
        .iter()
        .enumerate()
        .filter(|(_, d)| d.category == id);
    let entries = items
        .by_ref()
        .take(LATEST)
        .map(|(i, d)| entry(ctx, i, d))
        .collect::<Vec<_>>();
    ListSection {
        url: ctx.link(&routes::category(&id)),
        count: entries.len() + items.count(),
        entries,
        name: c.name.clone().unwrap_or_default(),
        required: c.required.unwrap_or(false),
        legal_basis: c.legal_basis.clone(),
        form: c.form.clone(),
        timing: c.timing.clone(),
        duration: c.duration.clone(),
        id,
    }
}

fn entry(ctx: &Ctx<'_>, i: usize, d: &crate::model::Disclosure) -> ListEntry {
    ListEntry {
        title: d.title.clone(),
        url: ctx.link(&routes::item(Section::Disclosure, &d.meta.slug)),
        number: d.number.clone(),
        doc_type: d.doc_type.clone(),
        issued: date(d.issued.unwrap_or(d.published)),
        published: date(d.published),
        expires: opt_date(d.expires),
        nothing_to_report: d
            .period
            .filter(|_| d.nothing_to_report)
            .map(crate::period::Period::label),
        withdrawn: d.withdrawn.is_some(),
        validity: ctx.ds(i).validity.clone(),
        files: d
            .attachments
            .iter()
            .filter(|_| !crate::model::Withdrawal::hides_body(&d.withdrawn))
            .map(|a| FileLink {
                title: a.title.clone(),
                url: ctx.link(&crate::url::encode_path(&routes::attachment(&d.meta.slug, a))),
            })
            .collect(),
    }
}

/// The newest date of every disclosure.
pub(super) fn updated(ctx: &Ctx<'_>) -> Option<Date> {
    ctx.model.disclosures.iter().map(|d| d.last_updated()).max()
}
