//! One module per kind of page. Each has the page's view (a `Serialize` struct, what its
//! template receives), the fingerprint of everything that view is made from, and the page's
//! "last updated" date, side by side, so that they cannot drift apart unseen: a debug build
//! checks that a page whose fingerprint is unchanged has an unchanged view (`Memo`).
//!
//! Here: the dispatch from a `Job` to its module, and the parts every page has (address,
//! title, language versions, last updated).

mod access;
mod alias;
mod categories;
mod compliance;
mod consultations;
mod dimensions;
mod disclosure;
mod disclosure_list;
mod feeds;
mod free;
mod head;
mod home;
mod jsonld;
mod lists;
mod not_found;
mod open_data;
mod parts;
mod plan;
mod search;
mod sitemap;
mod task;
mod units;
mod update;

use serde::Serialize;

use super::ctx::{Aggregates, Ctx};
use super::view::*;
use crate::date::Date;
use crate::i18n::Strings;
use crate::layout::Section;
use crate::model::Translation;
use crate::routes::{self, Job, Paged};
pub use sitemap::{SitemapPage, sitemap_pages};

/// What a page module makes: the template, the page's kind (its `<body class="kind-…">`), its
/// title and its view.
pub(super) struct Made<V> {
    template: &'static str,
    kind: &'static str,
    title: String,
    view: V,
}

/// Fingerprint of everything a page shows but the site-wide values, or `None` for pages
/// rendered every time.
///
/// A page's own file counts whole (`meta.fp`); other items count by their front matter only
/// (`front_fp`), since pages show other items' titles and fields but never their bodies.
pub(super) fn fingerprint(ctx: &Ctx<'_>, job: Job, agg: &Aggregates<'_>) -> Option<u64> {
    Some(match job {
        Job::Home => home::fingerprint(ctx, agg),
        Job::Plan(i) => plan::fingerprint(ctx, i, 1),
        Job::Task(i) => task::fingerprint(ctx, i, 1),
        Job::Disclosure(i) => disclosure::fingerprint(ctx, i),
        Job::Update(i) => update::fingerprint(ctx, i),
        Job::Page(i) => free::fingerprint(ctx, i),
        Job::List(kind, n) => lists::fingerprint(ctx, kind, n)?,
        Job::Filter(f, n) => lists::filter_fingerprint(ctx, f, n),
        Job::Unit(i) => units::fingerprint(ctx, i, 1),
        Job::Units => units::index_fingerprint(agg),
        Job::Dimension(i) => dimensions::fingerprint(ctx, i, 1),
        Job::Dimensions => dimensions::index_fingerprint(agg),
        Job::Category(i) => categories::fingerprint(ctx, i, 1),
        Job::More(p, n) => match p {
            Paged::Plan(i) => plan::fingerprint(ctx, i, n),
            Paged::Task(i) => task::fingerprint(ctx, i, n),
            Paged::Unit(i) => units::fingerprint(ctx, i, n),
            Paged::Dimension(i) => dimensions::fingerprint(ctx, i, n),
            Paged::Category(i) => categories::fingerprint(ctx, i, n),
        },
        Job::Categories => categories::index_fingerprint(agg),
        Job::DisclosureList => disclosure_list::fingerprint(agg),
        Job::Access => access::fingerprint(ctx, agg),
        Job::Compliance => compliance::fingerprint(agg),
        Job::Consultations(n) => consultations::fingerprint(ctx, n),
        Job::OpenData => open_data::fingerprint(ctx),
        Job::Subscribe(n) => feeds::fingerprint(ctx, n),
        Job::Alias(section, i, k) => alias::fingerprint(ctx, section, i, k),
        Job::Search => search::fingerprint(agg),
        Job::NotFound => not_found::fingerprint(),
        Job::Translated(k) => {
            let tr = &ctx.model.translations[k];
            let (_, job) = routes::original_job(ctx.model, tr)?;
            let original = fingerprint(ctx, job, agg)?;
            crate::fingerprint::of(&(15u8, tr.fp, original))
        }
    })
}

/// The date a page shows as "last updated": its content's own dates, never the clock.
fn updated(ctx: &Ctx<'_>, job: Job) -> Option<Date> {
    match job {
        Job::Home => home::updated(ctx),
        Job::Plan(i) => plan::updated(ctx, i, 1),
        Job::Task(i) => ctx.model.tasks[i].last_updated(),
        Job::Disclosure(i) => Some(ctx.model.disclosures[i].last_updated()),
        Job::Update(i) => Some(ctx.model.updates[i].last_updated()),
        Job::Page(i) => ctx.model.pages[i].meta.updated,
        Job::List(kind, n) => lists::updated(ctx, kind, n),
        Job::Filter(f, n) => lists::filter_updated(ctx, f, n),
        Job::Unit(i) => units::updated(ctx, i, 1),
        Job::Units | Job::Dimensions => units::index_updated(ctx),
        Job::Dimension(i) => dimensions::updated(ctx, i, 1),
        Job::Category(i) => categories::updated(ctx, i, 1),
        Job::More(p, n) => match p {
            Paged::Plan(i) => plan::updated(ctx, i, n),
            Paged::Task(i) => ctx.model.tasks[i].last_updated(),
            Paged::Unit(i) => units::updated(ctx, i, n),
            Paged::Dimension(i) => dimensions::updated(ctx, i, n),
            Paged::Category(i) => categories::updated(ctx, i, n),
        },
        Job::Categories => categories::index_updated(ctx),
        Job::DisclosureList => disclosure_list::updated(ctx),
        Job::Access => access::updated(ctx),
        Job::Consultations(n) => consultations::updated(ctx, n),
        Job::Compliance | Job::OpenData | Job::Alias(..) | Job::Subscribe(_) => None,
        Job::Search | Job::NotFound | Job::Translated(_) => None,
    }
}

/// A link to one language version of a page.
#[derive(Serialize)]
struct Alternate {
    lang: String,
    /// The language's own name ("Tiếng Việt", "English").
    name: String,
    /// Absolute URL (for `hreflang` links).
    href: String,
    /// Root-relative URL.
    url: String,
}

/// Everything a page's template receives besides the site-wide globals: the parts every page
/// has, and its own view. A translated page also has its own strings, URLs and menu.
#[derive(Serialize)]
struct Page<'a, V> {
    url: String,
    canonical: String,
    kind: &'static str,
    title: String,
    /// The page's description (`<meta name="description">`, `og:description`).
    description: String,
    /// `og:type`: `article` for an item, `website` for the others.
    og_type: &'static str,
    /// `og:locale` (`vi_VN`, `en_US`).
    locale: &'static str,
    alternates: Vec<Alternate>,
    /// The feeds of what the page is about (`feeds::links`).
    feeds: Vec<feeds::FeedLink>,
    lang: &'a str,
    updated: Option<DateView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    t: Option<&'a Strings>,
    #[serde(skip_serializing_if = "Option::is_none")]
    urls: Option<&'a Urls>,
    #[serde(skip_serializing_if = "Option::is_none")]
    menu: Option<Vec<MenuItem>>,
    /// The page's schema.org description (JSON-LD, safe inside a `<script>`), or none.
    jsonld: Option<String>,
    #[serde(flatten)]
    view: V,
}

/// What rendering a page needs: its template and the values it receives.
pub(super) struct Context {
    pub(super) template: &'static str,
    pub(super) values: tera::Context,
    /// In a debug build, the fingerprint of the values (`Memo` checks that a page whose
    /// fingerprint did not change got the same values); 0 otherwise.
    pub(super) check: u64,
}

/// The template and values of the page `job` at `path`; `tr` is the translation shown
/// instead of the original's title and body (the page is then under `/<lang>/`).
pub(super) fn context(ctx: &Ctx<'_>, job: Job, path: &str, tr: Option<&Translation>) -> Result<Context, tera::Error> {
    match job {
        Job::Home => finish(ctx, job, path, tr, home::view(ctx, tr)),
        Job::Plan(i) => finish(ctx, job, path, tr, plan::view(ctx, i, 1, tr)),
        Job::Task(i) => finish(ctx, job, path, tr, task::view(ctx, i, 1, tr)),
        Job::Disclosure(i) => finish(ctx, job, path, tr, disclosure::view(ctx, i, tr)),
        Job::Update(i) => finish(ctx, job, path, tr, update::view(ctx, i, tr)),
        Job::Page(i) => finish(ctx, job, path, tr, free::view(ctx, i, tr)),
        Job::List(kind, n) => finish(ctx, job, path, tr, lists::view(ctx, kind, n)),
        Job::Filter(f, n) => finish(ctx, job, path, tr, lists::filter_view(ctx, f, n)),
        Job::Unit(i) => finish(ctx, job, path, tr, units::view(ctx, i, 1)),
        Job::Units => finish(ctx, job, path, tr, units::index_view(ctx)),
        Job::Dimension(i) => finish(ctx, job, path, tr, dimensions::view(ctx, i, 1)),
        Job::Dimensions => finish(ctx, job, path, tr, dimensions::index_view(ctx)),
        Job::Category(i) => finish(ctx, job, path, tr, categories::view(ctx, i, 1)),
        Job::More(p, n) => match p {
            Paged::Plan(i) => finish(ctx, job, path, tr, plan::view(ctx, i, n, tr)),
            Paged::Task(i) => finish(ctx, job, path, tr, task::view(ctx, i, n, tr)),
            Paged::Unit(i) => finish(ctx, job, path, tr, units::view(ctx, i, n)),
            Paged::Dimension(i) => finish(ctx, job, path, tr, dimensions::view(ctx, i, n)),
            Paged::Category(i) => finish(ctx, job, path, tr, categories::view(ctx, i, n)),
        },
        Job::Categories => finish(ctx, job, path, tr, categories::index_view(ctx)),
        Job::DisclosureList => finish(ctx, job, path, tr, disclosure_list::view(ctx)),
        Job::Access => finish(ctx, job, path, tr, access::view(ctx)),
        Job::Compliance => finish(ctx, job, path, tr, compliance::view(ctx)),
        Job::Consultations(n) => finish(ctx, job, path, tr, consultations::view(ctx, n)),
        Job::OpenData => finish(ctx, job, path, tr, open_data::view(ctx)),
        Job::Subscribe(n) => finish(ctx, job, path, tr, feeds::view(ctx, n)),
        Job::Alias(section, i, _) => finish(ctx, job, path, tr, alias::view(ctx, section, i)),
        Job::Search => finish(ctx, job, path, tr, search::view(ctx)),
        // A translation is rendered as its original page (see `render::pages`).
        Job::NotFound | Job::Translated(_) => finish(ctx, job, path, tr, not_found::view(ctx)),
    }
}

fn finish<V: Serialize>(
    ctx: &Ctx<'_>,
    job: Job,
    path: &str,
    tr: Option<&Translation>,
    made: Made<V>,
) -> Result<Context, tera::Error> {
    let site_path = path.trim_end_matches("index.html");
    let updated = match tr {
        Some(t) => t.updated.or_else(|| updated(ctx, job)),
        None => updated(ctx, job),
    };
    let canonical = ctx.cfg.base.permalink(site_path);
    let page = Page {
        url: ctx.link(site_path),
        jsonld: jsonld::of(ctx, job, tr, &canonical),
        canonical,
        kind: made.kind,
        description: head::description(ctx, job, tr, &made.title),
        og_type: head::og_type(job),
        locale: head::locale(ctx.lang),
        title: made.title,
        alternates: alternates(ctx, job, site_path, tr),
        feeds: feeds::links(ctx, job, tr),
        lang: ctx.lang,
        updated: opt_date(updated),
        // The site language's strings, URLs and menu are global; a translated page has its own.
        t: tr.map(|_| ctx.t),
        urls: tr.and(ctx.urls.as_ref()),
        menu: tr.map(|_| translated_menu(ctx)),
        view: made.view,
    };
    let check = if cfg!(debug_assertions) {
        crate::fingerprint::of(&serde_json::to_string(&page).unwrap_or_default())
    } else {
        0
    };
    Ok(Context {
        template: made.template,
        values: tera::Context::from_serialize(&page)?,
        check,
    })
}

/// The language versions of a page that has a translation: the original and the translation.
fn alternates(ctx: &Ctx<'_>, job: Job, site_path: &str, tr: Option<&Translation>) -> Vec<Alternate> {
    let name = |lang: &str| {
        ctx.i18n
            .get(lang)
            .map(|t| t.get("language_name").to_string())
            .unwrap_or_else(|| lang.to_string())
    };
    let original_path = match tr {
        Some(t) => site_path.strip_prefix(&format!("{}/", t.lang)).unwrap_or(site_path),
        None => site_path,
    };
    let translation = match tr {
        Some(t) => Some(t),
        None => routes::job_item(ctx.model, job)
            .and_then(|(section, slug)| ctx.model.translation("en", section, slug).map(|a| &**a)),
    };
    let Some(t) = translation else {
        return Vec::new();
    };
    let other = routes::translated(t.lang, original_path);
    vec![
        Alternate {
            lang: ctx.cfg.language.clone(),
            name: name(&ctx.cfg.language),
            href: ctx.cfg.base.permalink(original_path),
            url: ctx.link(original_path),
        },
        Alternate {
            lang: t.lang.to_string(),
            name: name(t.lang),
            href: ctx.cfg.base.permalink(&other),
            url: ctx.link(&other),
        },
    ]
}

/// The menu of a translated page: each free page's translation where there is one.
fn translated_menu(ctx: &Ctx<'_>) -> Vec<MenuItem> {
    ctx.model
        .pages
        .iter()
        .filter(|p| p.weight.is_some())
        .map(|p| {
            let path = routes::item(Section::Page, &p.meta.slug);
            match ctx.model.translation(ctx.lang, Section::Page, &p.meta.slug) {
                Some(t) => MenuItem {
                    title: t.title.clone().unwrap_or_else(|| p.title.clone()),
                    url: ctx.link(&routes::translated(ctx.lang, &path)),
                },
                None => MenuItem {
                    title: p.title.clone(),
                    url: ctx.link(&path),
                },
            }
        })
        .collect()
}
