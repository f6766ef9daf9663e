//! A content file → its item, its diagnostics and its links, each problem at the line of its
//! key. One module per section reads that section's front matter.

mod consultation;
mod disclosure;
mod plan;
mod task;
mod translation;
mod update;

use std::sync::Arc;

use serde_json::{Map, Value};

use super::fields::{Common, Fields, field, field_names, front, read_front};
use super::*;
use crate::config::SiteConfig;
use crate::diag::Diagnostic;
use crate::layout::Section;
use crate::markdown::{self, SiteLink};
use crate::slug;
use crate::source::frontmatter;
use crate::source::{Assets, SourceFile};
use crate::yaml::{self, Positions};

#[derive(Debug, Clone)]
pub(super) enum Item {
    Home(Arc<Home>),
    Plan(Arc<Plan>),
    Task(Arc<Task>),
    Disclosure(Arc<Disclosure>),
    Update(Arc<Update>),
    Page(Arc<Page>),
    Translation(Arc<Translation>),
}

impl Item {
    /// The item's page (`None` for a translation, whose page depends on its original).
    pub(super) fn place(&self) -> Option<Place> {
        let (section, slug) = match self {
            Item::Home(_) => (Section::Home, ""),
            Item::Plan(p) => (Section::Plan, p.meta.slug.as_str()),
            Item::Task(t) => (Section::Task, t.meta.slug.as_str()),
            Item::Disclosure(d) => (Section::Disclosure, d.meta.slug.as_str()),
            Item::Update(u) => (Section::Update, u.meta.slug.as_str()),
            Item::Page(p) => (Section::Page, p.meta.slug.as_str()),
            Item::Translation(_) => return None,
        };
        Some(Place {
            section,
            slug: slug.to_string(),
            lang: None,
        })
    }

    /// Why the item is left out of the site, if it is: a draft, or dated after today.
    pub(super) fn hidden(&self, settings: Settings) -> Option<&'static str> {
        let hidden = |draft: bool, date: Option<Date>| -> Option<&'static str> {
            if draft && !settings.drafts {
                Some("draft")
            } else if date.is_some_and(|d| d > settings.today) {
                Some("scheduled")
            } else {
                None
            }
        };
        match self {
            Item::Home(_) => None,
            Item::Plan(p) => hidden(p.meta.draft, None),
            Item::Task(t) => hidden(t.meta.draft, None),
            Item::Disclosure(d) => hidden(d.meta.draft, Some(d.published)),
            Item::Update(u) => hidden(u.meta.draft, Some(u.date)),
            Item::Page(p) => hidden(p.meta.draft, None),
            Item::Translation(t) => hidden(t.draft, None),
        }
    }

    /// True when `new` can take this item's place in the model without changing anything
    /// else in it: same kind, slug, place in its list (the keys `sort` orders by) and
    /// published attachments. Home and translations never can (others name them).
    pub(super) fn same_place(&self, new: &Item) -> bool {
        match (self, new) {
            (Item::Plan(a), Item::Plan(b)) => a.meta.slug == b.meta.slug && a.issued == b.issued,
            (Item::Task(a), Item::Task(b)) => a.meta.slug == b.meta.slug && a.plan == b.plan && a.code == b.code,
            (Item::Disclosure(a), Item::Disclosure(b)) => {
                a.meta.slug == b.meta.slug
                    && a.published == b.published
                    && a.category == b.category
                    && a.task == b.task
                    && a.replaces == b.replaces
                    && a.amends == b.amends
                    && a.consultation.is_some() == b.consultation.is_some()
                    && a.attachments.len() == b.attachments.len()
                    && a.attachments
                        .iter()
                        .zip(&b.attachments)
                        .all(|(x, y)| x.src == y.src && x.path == y.path)
            }
            (Item::Update(a), Item::Update(b)) => a.meta.slug == b.meta.slug && a.date == b.date,
            (Item::Page(a), Item::Page(b)) => a.meta.slug == b.meta.slug && a.weight == b.weight && a.title == b.title,
            _ => false,
        }
    }
}

/// What reading one file gives.
#[derive(Debug)]
pub(super) struct ReadOut {
    /// The item, when the file has no errors.
    pub(super) item: Option<Item>,
    /// Its errors and warnings.
    pub(super) diags: Vec<Diagnostic>,
    /// Its links to the site (checked even when the file has errors, so that every problem
    /// is reported in one run).
    pub(super) links: Arc<Vec<SiteLink>>,
    /// The page it makes, when the file alone tells it (not for translations).
    pub(super) page: Option<Place>,
    /// The attachments of a disclosure that has errors (and so no item), still checked so
    /// that every problem of the file is reported in one run.
    pub(super) attachments: Vec<Attachment>,
}

impl ReadOut {
    /// `item` unless `diags` hold an error.
    fn new(item: Option<Item>, diags: Vec<Diagnostic>, links: Vec<SiteLink>, page: Option<Place>) -> ReadOut {
        let failed = diags.iter().any(|d| d.severity == crate::diag::Severity::Error);
        ReadOut {
            item: if failed { None } else { item },
            diags,
            links: Arc::new(links),
            page,
            attachments: Vec::new(),
        }
    }

    /// A file that could not be read at all.
    fn unreadable(d: Diagnostic) -> ReadOut {
        ReadOut::new(None, vec![d], Vec::new(), None)
    }
}

front!(
    /// The front matter of the home page's introduction.
    HomeFront {}
);

front!(
    /// The front matter of a free page.
    PageFront { weight }
);

/// A file's front matter fence split and its YAML read as a map of fields.
fn front_matter(doc: &SourceFile) -> Result<(frontmatter::Split<'_>, Map<String, Value>), Diagnostic> {
    let rel = doc.rel.as_str();
    let split = frontmatter::split(&doc.text, rel)?;
    if split.yaml.trim().is_empty() {
        return Ok((split, Map::new()));
    }
    match yaml::parse_tree(split.yaml, rel, split.yaml_line)? {
        Value::Object(m) => Ok((split, m)),
        Value::Null => Ok((split, Map::new())),
        _ => Err(Diagnostic::error(
            rel,
            split.yaml_line,
            1,
            "front matter must be fields written `name: value`, one per line",
        )),
    }
}

/// What every item of a file gives, whatever its section.
struct Head {
    title: Option<String>,
    meta: Meta,
    page: Option<Place>,
    links: Vec<SiteLink>,
    problems: Vec<Diagnostic>,
}

/// A content file → its item (translations included), diagnostics and links.
pub(super) fn read_item(cfg: &SiteConfig, doc: &SourceFile, settings: Settings, fp: u64, assets: &Assets) -> ReadOut {
    if let Some(lang) = doc.lang {
        return translation::read(cfg, doc, lang, fp, assets);
    }
    if doc.section == Section::Home && !doc.text.starts_with("---") {
        return home_without_front_matter(cfg, doc, assets);
    }
    let (split, map) = match front_matter(doc) {
        Ok(parts) => parts,
        Err(d) => return ReadOut::unreadable(d),
    };
    let pos = Positions::index(split.yaml, split.yaml_line);
    let mut f = Fields::new(&pos, &doc.rel);
    let body = markdown::render_with(split.body, split.body_line, &cfg.base, &image_sizes(doc, assets));
    let head = |f: &mut Fields<'_>, common: Common| read_head(f, doc, fp, &split, body, common);
    let mut attachments = Vec::new();
    let (item, head) = match doc.section {
        Section::Home => {
            let mut front: HomeFront = read_front(&mut f, &map);
            let h = head(&mut f, front.common());
            let home = Home {
                rel: doc.rel.clone(),
                title: h.title.clone(),
                html: h.meta.html.clone(),
                text: h.meta.text.clone(),
                updated: h.meta.updated,
            };
            (Some(Item::Home(Arc::new(home))), h)
        }
        Section::Plan => {
            let mut front: plan::PlanFront = read_front(&mut f, &map);
            let h = head(&mut f, front.common());
            let item = plan::read_plan(&mut f, h.meta.clone(), h.title.clone(), front);
            (item.map(|x| Item::Plan(Arc::new(x))), h)
        }
        Section::Task => {
            let mut front: task::TaskFront = read_front(&mut f, &map);
            let h = head(&mut f, front.common());
            let item = task::read_task(&mut f, h.meta.clone(), h.title.clone(), front, settings);
            (item.map(|x| Item::Task(Arc::new(x))), h)
        }
        Section::Disclosure => {
            let mut front: disclosure::DisclosureFront = read_front(&mut f, &map);
            let h = head(&mut f, front.common());
            let item = disclosure::read_disclosure(&mut f, h.meta.clone(), h.title.clone(), front, &mut attachments);
            (item.map(|x| Item::Disclosure(Arc::new(x))), h)
        }
        Section::Update => {
            let mut front: update::UpdateFront = read_front(&mut f, &map);
            let h = head(&mut f, front.common());
            let item = update::read_update(&mut f, h.meta.clone(), h.title.clone(), front);
            (item.map(|x| Item::Update(Arc::new(x))), h)
        }
        Section::Page => {
            let mut front: PageFront = read_front(&mut f, &map);
            let h = head(&mut f, front.common());
            let weight = f.int(field!(front.weight));
            let item = h.title.clone().map(|title| Page {
                meta: h.meta.clone(),
                title,
                weight,
            });
            (item.map(|x| Item::Page(Arc::new(x))), h)
        }
    };
    let mut diags = f.finish();
    diags.extend(head.problems);
    let mut out = ReadOut::new(item, diags, head.links, head.page);
    if out.item.is_none() {
        out.attachments = attachments;
    }
    out
}

/// The fields every item has (title, slug, draft, updated) and its rendered body.
fn read_head(
    f: &mut Fields<'_>,
    doc: &SourceFile,
    fp: u64,
    split: &frontmatter::Split<'_>,
    body: markdown::Html,
    mut common: Common,
) -> Head {
    let title = if doc.section == Section::Home {
        f.text(field!(common.title))
    } else {
        f.req_text(
            field!(common.title),
            "the item's title, e.g. `title: \"Kết quả xét tuyển Đợt 1\"`",
        )
    };
    let draft = f.boolean(field!(common.draft)).unwrap_or(false);
    let updated = f.date(field!(common.updated));
    let aliases_line = f.pos.line_of("aliases");
    let aliases: Vec<String> = f
        .text_list(field!(common.aliases))
        .into_iter()
        .filter(|a| {
            let ok = slug::is_valid(a) && a.len() <= slug::MAX_LEN;
            if !ok {
                f.error(
                    aliases_line,
                    format!(
                        "alias `{a}` is not a slug: an old address of this item, as its slug was (`{}`)",
                        slug::fold(a)
                    ),
                );
            }
            ok
        })
        .collect();
    let slug_given = f.text(field!(common.slug));
    let (slug, slug_line) = match &slug_given {
        Some(s) => (slug::fold(s), f.pos.line_of("slug")),
        None => (slug::fold(&doc.stem), 1),
    };
    if doc.section != Section::Home
        && let Some(problem) = slug::problem(&slug, slug_given.as_deref(), &doc.stem)
    {
        f.error(slug_line, problem);
    }
    let usable = doc.section == Section::Home || (!slug.is_empty() && slug.len() <= slug::MAX_LEN);
    let page = usable.then(|| Place {
        section: doc.section,
        slug: slug.clone(),
        lang: None,
    });
    let rel = doc.rel.as_str();
    Head {
        title,
        meta: Meta {
            rel: rel.to_string(),
            slug,
            slug_line,
            pos: f.pos.clone(),
            draft,
            html: Arc::from(body.html),
            text: Arc::from(body.text),
            fp,
            front_fp: crate::fingerprint::of(&(rel, split.yaml)),
            dir: doc.dir.clone(),
            bundle: doc.bundle,
            updated,
            aliases,
        },
        page,
        links: body.links,
        problems: body_diags(rel, &body.problems),
    }
}

/// `content/_index.md` without front matter: all of it is the introduction.
fn home_without_front_matter(cfg: &SiteConfig, doc: &SourceFile, assets: &Assets) -> ReadOut {
    let h = markdown::render_with(&doc.text, 1, &cfg.base, &image_sizes(doc, assets));
    let home = Item::Home(Arc::new(Home {
        rel: doc.rel.clone(),
        title: None,
        html: Arc::from(h.html),
        text: Arc::from(h.text),
        updated: None,
    }));
    let place = Place {
        section: Section::Home,
        slug: String::new(),
        lang: None,
    };
    ReadOut::new(Some(home), body_diags(&doc.rel, &h.problems), h.links, Some(place))
}

/// The names of a section's front matter fields (a translation may copy them all).
fn known_fields(section: Section) -> &'static [&'static str] {
    match section {
        Section::Home => field_names::<HomeFront>(),
        Section::Plan => field_names::<plan::PlanFront>(),
        Section::Task => field_names::<task::TaskFront>(),
        Section::Disclosure => field_names::<disclosure::DisclosureFront>(),
        Section::Update => field_names::<update::UpdateFront>(),
        Section::Page => field_names::<PageFront>(),
    }
}

/// Looks up the size of an image named in a file's Markdown: `/x.png` in static/, `x.png`
/// beside the file.
fn image_sizes<'a>(doc: &'a SourceFile, assets: &'a Assets) -> impl Fn(&str) -> Option<(u32, u32)> + 'a {
    move |url: &str| {
        let path = url.split(['#', '?']).next().unwrap_or(url);
        if path.contains("://") || path.starts_with("//") || path.split('/').any(|p| p == "..") {
            return None;
        }
        let rel = match path.strip_prefix('/') {
            Some(p) => format!("static/{p}"),
            None => format!("{}/{}", doc.dir, path.trim_start_matches("./")),
        };
        assets.get(&rel).and_then(|a| a.dims)
    }
}

/// A body's problems as diagnostics of the file `rel`.
fn body_diags(rel: &str, problems: &[markdown::Problem]) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|p| Diagnostic {
            path: rel.to_string(),
            line: p.line,
            col: p.col,
            severity: p.severity,
            message: p.message.clone(),
        })
        .collect()
}

/// `withdrawn: {date, reason, hide_body}`: when, why, and whether the body and files go.
pub(super) fn read_withdrawal(f: &mut Fields<'_>, value: Option<serde_json::Value>) -> Option<Withdrawal> {
    use serde_json::Value;
    let value = value?;
    let line = f.pos.line_of("withdrawn");
    let Value::Object(m) = value else {
        f.error(
            line,
            "`withdrawn` is a map: `withdrawn: {date: 2026-01-15, reason: \"Đăng nhầm tệp\"}`",
        );
        return None;
    };
    f.sub_keys(line, &m, "withdrawn", &["date", "reason", "hide_body"]);
    let date = match m.get("date").and_then(super::fields::scalar_text) {
        None => {
            f.error(line, "`withdrawn` needs `date:`, the day it was withdrawn");
            None
        }
        Some(s) => match crate::date::parse(&s) {
            Ok(d) => Some(d),
            Err(msg) => {
                f.error(line, format!("`withdrawn.date`: {msg}"));
                None
            }
        },
    };
    let reason = m
        .get("reason")
        .and_then(super::fields::scalar_text)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    if reason.is_none() {
        f.error(
            line,
            "`withdrawn` needs `reason:`, why it was withdrawn (readers see it)",
        );
    }
    let hide_body = match m.get("hide_body") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            f.error(line, "`withdrawn.hide_body` must be true or false");
            false
        }
    };
    Some(Withdrawal {
        date: date?,
        reason: reason?,
        hide_body,
    })
}
