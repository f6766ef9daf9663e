//! The model's items and the data → search documents: title, URL, date, number, facts and
//! text, in document id order (section by section).

use std::borrow::Cow;

use crate::config::SiteConfig;
use crate::data::Registry;
use crate::date::Date;
use crate::i18n::Strings;
use crate::layout::Section;
use crate::model::Model;
use crate::routes;

/// One searchable document before indexing.
#[derive(Debug, Default)]
pub(super) struct Doc<'a> {
    pub(super) section: usize,
    pub(super) title: String,
    pub(super) url: String,
    pub(super) date: Option<Date>,
    /// Document number or code: searched like the title.
    pub(super) number: Option<String>,
    /// Units, category, dimension, type, issuer, signer, tags: searched with a middle weight.
    pub(super) facts: Vec<String>,
    /// Shown under the title.
    pub(super) facts_line: String,
    /// Body text (searched, and the source of the excerpt).
    pub(super) text: Cow<'a, str>,
}

/// The sections, in document id order: (id, name).
/// Each section's id and the translation key of its name.
pub(super) const SECTIONS: [(&str, &str); 8] = [
    ("plans", "list_plans"),
    ("tasks", "list_tasks"),
    ("disclosures", "list_disclosures"),
    ("updates", "list_updates"),
    ("pages", "search_section_pages"),
    ("units", "search_section_units"),
    ("dimensions", "search_section_dimensions"),
    ("categories", "search_section_categories"),
];

/// A searchable thing, in document id order.
#[derive(Clone, Copy)]
pub(super) enum ItemRef<'a> {
    Plan(&'a crate::model::Plan),
    Task(&'a crate::model::Task),
    /// With its validity today, for a document that says.
    Disclosure(&'a crate::model::Disclosure, Option<crate::model::ValidityState>),
    Update(&'a crate::model::Update),
    Page(&'a crate::model::Page),
    Unit(&'a crate::data::Unit),
    Dimension(&'a crate::data::Dimension),
    Category(&'a crate::data::Category),
}

/// Every published item, unit, dimension and category, in document id order.
pub(super) fn items<'a>(
    model: &'a Model,
    reg: &'a Registry,
    validities: &[(u32, crate::model::Validity)],
) -> Vec<ItemRef<'a>> {
    let mut out: Vec<ItemRef<'a>> = Vec::new();
    out.extend(model.plans.iter().map(|p| ItemRef::Plan(p)));
    out.extend(model.tasks.iter().map(|t| ItemRef::Task(t)));
    let mut valid = validities.iter().peekable();
    out.extend(model.disclosures.iter().enumerate().map(|(i, d)| {
        let v = valid.next_if(|(k, _)| *k as usize == i).map(|(_, v)| v.state);
        ItemRef::Disclosure(d, v)
    }));
    out.extend(model.updates.iter().map(|u| ItemRef::Update(u)));
    out.extend(model.pages.iter().map(|p| ItemRef::Page(p)));
    out.extend(reg.units.items.iter().filter(|u| u.id.is_some()).map(ItemRef::Unit));
    out.extend(
        reg.dimensions
            .items
            .iter()
            .filter(|d| d.id.is_some())
            .map(ItemRef::Dimension),
    );
    out.extend(
        reg.categories
            .items
            .iter()
            .filter(|c| c.id.is_some())
            .map(ItemRef::Category),
    );
    out
}

/// Fingerprint of what a document is made from, besides the site-wide inputs (base path,
/// data files) that `global_key` covers.
pub(super) fn key_of(item: ItemRef<'_>) -> u64 {
    use crate::fingerprint::of as fingerprint;
    use crate::model::list;
    match item {
        ItemRef::Plan(p) => item_key(list::PLANS, p.meta.fp),
        ItemRef::Task(t) => item_key(list::TASKS, t.meta.fp),
        ItemRef::Disclosure(d, _) => item_key(list::DISCLOSURES, d.meta.fp),
        ItemRef::Update(u) => item_key(list::UPDATES, u.meta.fp),
        ItemRef::Page(p) => item_key(list::PAGES, p.meta.fp),
        ItemRef::Unit(u) => fingerprint(&(5u8, u)),
        ItemRef::Dimension(d) => fingerprint(&(6u8, d)),
        ItemRef::Category(c) => fingerprint(&(7u8, c)),
    }
}

/// The key of an item of the model's list `list` (`model::list`) whose file has the
/// fingerprint `fp`.
pub(super) fn item_key(list: usize, fp: u64) -> u64 {
    crate::fingerprint::of(&(list as u8, fp))
}

pub(super) fn global_key(cfg: &SiteConfig, reg: &Registry) -> u64 {
    crate::fingerprint::of(&(
        &cfg.base.path,
        &reg.units.items,
        &reg.dimensions.items,
        &reg.categories.items,
    ))
}

/// How a document names what its item refers to: units (with their abbreviation), dimensions,
/// categories, and the labelled facts line under the title.
struct Names<'a> {
    reg: &'a Registry,
    strings: &'a Strings,
}

impl Names<'_> {
    fn unit(&self, id: &str) -> String {
        self.reg
            .units
            .get(id)
            .map(|u| {
                let name = u.name.clone().unwrap_or_else(|| id.to_string());
                match &u.short {
                    Some(s) => format!("{name} ({s})"),
                    None => name,
                }
            })
            .unwrap_or_else(|| id.to_string())
    }

    fn dimension(&self, id: &str) -> String {
        self.reg
            .dimensions
            .get(id)
            .and_then(|d| d.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    fn category(&self, id: &str) -> String {
        self.reg
            .categories
            .get(id)
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// "Số: 12/TB · Danh mục: Tuyển dụng": each fact that has a value, with its label (a key
    /// of the UI strings).
    fn facts_line(&self, parts: &[(&str, Option<&str>)]) -> String {
        parts
            .iter()
            .filter_map(|(key, v)| {
                v.filter(|v| !v.is_empty())
                    .map(|v| format!("{}: {v}", self.strings.get(key)))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// The search document of one item.
pub(super) fn doc_of<'a>(cfg: &SiteConfig, reg: &'a Registry, strings: &Strings, item: ItemRef<'a>) -> Doc<'a> {
    let names = Names { reg, strings };
    let link = |p: &str| cfg.base.link(p);
    match item {
        ItemRef::Plan(p) => Doc {
            section: 0,
            title: p.title.clone(),
            url: link(&routes::item(Section::Plan, &p.meta.slug)),
            date: Some(p.issued),
            number: p.number.clone(),
            facts: [&p.doc_type, &p.issuer, &p.signer]
                .into_iter()
                .flatten()
                .cloned()
                .chain(p.based_on.iter().cloned())
                .collect(),
            facts_line: names.facts_line(&[
                ("search_number", p.number.as_deref()),
                ("search_issuer", p.issuer.as_deref()),
            ]),
            text: Cow::Borrowed(&p.meta.text),
        },
        ItemRef::Task(t) => task_doc(&names, link(&routes::item(Section::Task, &t.meta.slug)), t),
        ItemRef::Disclosure(d, validity) => {
            let cat = names.category(&d.category);
            let validity = validity.map(|v| crate::labels::validity(strings, v));
            let mut facts = vec![cat.clone()];
            facts.extend([&d.doc_type, &d.issuer, &d.signer].into_iter().flatten().cloned());
            facts.extend(d.tags.iter().cloned());
            facts.extend(d.attachments.iter().map(|a| a.title.clone()));
            Doc {
                section: 2,
                title: d.title.clone(),
                url: link(&routes::item(Section::Disclosure, &d.meta.slug)),
                date: Some(d.published),
                number: d.number.clone(),
                facts,
                facts_line: names.facts_line(&[
                    ("search_number", d.number.as_deref()),
                    ("search_category", Some(cat.as_str())),
                    ("validity", validity.as_deref()),
                ]),
                // A hidden body is not searchable either.
                text: if crate::model::Withdrawal::hides_body(&d.withdrawn) {
                    Cow::Borrowed("")
                } else {
                    Cow::Borrowed(&d.meta.text)
                },
            }
        }
        ItemRef::Update(u) => Doc {
            section: 3,
            title: u.title.clone(),
            url: link(&routes::item(Section::Update, &u.meta.slug)),
            date: Some(u.date),
            facts: u.tags.clone(),
            text: match (&u.summary, &u.withdrawn) {
                (_, Some(w)) if w.hide_body => Cow::Borrowed(""),
                (Some(s), _) => Cow::Owned(format!("{s} {}", u.meta.text)),
                (None, _) => Cow::Borrowed(&*u.meta.text),
            },
            ..Doc::default()
        },
        ItemRef::Page(p) => Doc {
            section: 4,
            title: p.title.clone(),
            url: link(&routes::item(Section::Page, &p.meta.slug)),
            text: Cow::Borrowed(&p.meta.text),
            ..Doc::default()
        },
        ItemRef::Unit(u) => unit_doc(&names, cfg, u),
        ItemRef::Dimension(d) => dimension_doc(cfg, d),
        ItemRef::Category(c) => category_doc(cfg, c),
    }
}

/// A task's document: its lead, dimension, status and partners are facts, and its updates'
/// notes are text.
fn task_doc<'a>(names: &Names<'_>, url: String, t: &'a crate::model::Task) -> Doc<'a> {
    let lead = names.unit(&t.lead);
    let status = crate::labels::status(names.strings, t.status);
    let mut facts = vec![lead.clone(), names.dimension(&t.dimension), status.clone()];
    facts.extend(t.partners.iter().map(|id| names.unit(id)));
    facts.extend(t.partners_text.clone());
    let mut text = t.meta.text.to_string();
    for u in &t.updates {
        text.push(' ');
        text.push_str(&u.text);
    }
    Doc {
        section: 1,
        title: t.title.clone(),
        url,
        // The schedule in words ("Hạn 30/09/2025", "Thường xuyên") says more than a bare date.
        date: None,
        number: None,
        facts_line: [
            crate::labels::schedule(names.strings, &t.schedule),
            names.facts_line(&[
                ("search_lead", Some(lead.as_str())),
                ("search_status", Some(status.as_str())),
            ]),
        ]
        .join(" · "),
        facts,
        text: Cow::Owned(text),
    }
}

/// The text of a data item's description (none is empty).
fn description(d: &Option<String>) -> Cow<'_, str> {
    Cow::Borrowed(d.as_deref().unwrap_or_default())
}

/// A unit's document: its abbreviation is searched like a number, its head and address as
/// facts.
fn unit_doc<'a>(names: &Names<'_>, cfg: &SiteConfig, u: &'a crate::data::Unit) -> Doc<'a> {
    let id = u.id.as_deref().unwrap_or_default();
    Doc {
        section: 5,
        title: u.name.clone().unwrap_or_else(|| id.to_string()),
        url: cfg.base.link(&routes::unit(id)),
        number: u.short.clone(),
        facts: u.head.iter().chain(&u.address).cloned().collect(),
        facts_line: names.facts_line(&[
            ("search_phone", u.phone.as_deref()),
            ("search_email", u.email.as_deref()),
        ]),
        text: description(&u.description),
        ..Doc::default()
    }
}

/// A dimension's document: its PAPI number is searched like a document number.
fn dimension_doc<'a>(cfg: &SiteConfig, d: &'a crate::data::Dimension) -> Doc<'a> {
    let id = d.id.as_deref().unwrap_or_default();
    Doc {
        section: 6,
        title: d.name.clone().unwrap_or_else(|| id.to_string()),
        url: cfg.base.link(&routes::dimension(id)),
        number: d.code.clone(),
        text: description(&d.description),
        ..Doc::default()
    }
}

/// A category's document: its legal basis is a fact.
fn category_doc<'a>(cfg: &SiteConfig, c: &'a crate::data::Category) -> Doc<'a> {
    let id = c.id.as_deref().unwrap_or_default();
    Doc {
        section: 7,
        title: c.name.clone().unwrap_or_else(|| id.to_string()),
        url: cfg.base.link(&routes::category(id)),
        facts: c.legal_basis.iter().cloned().collect(),
        text: description(&c.description),
        ..Doc::default()
    }
}
