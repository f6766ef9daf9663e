//! Links in bodies → each checked against the pages and files the site will have; relative
//! links start from the page's own address.

use std::collections::BTreeSet;

use super::LinkCache;
use crate::config::SiteConfig;
use crate::data::Registry;
use crate::diag::Diagnostic;
use crate::layout::Section;
use crate::markdown::SiteLink;
use crate::model::{DocLinks, Model, Place};
use crate::routes;
use crate::source::Assets;

/// Where a link may go besides the site's paths without being reported.
struct Excused {
    /// Pages whose file has errors (and their translations, left out with them): links to
    /// them are not reported again.
    broken_pages: BTreeSet<String>,
    /// The folders of data files that could not be read: they have their own error.
    broken_prefixes: Vec<&'static str>,
}

/// Every link of every file, reusing the findings of files unchanged since the last check.
pub(super) fn check_links(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    assets: &Assets,
    theme_static: &BTreeSet<String>,
    broken_data: [bool; 3],
    cache: &mut LinkCache,
) -> Vec<Diagnostic> {
    let excused = Excused {
        broken_pages: model
            .broken
            .iter()
            .flat_map(|(s, slug)| {
                let page = page_of(*s, slug);
                [routes::translated("en", &page), page]
            })
            .collect(),
        broken_prefixes: ["/units/", "/dimensions/", "/categories/"]
            .into_iter()
            .zip(broken_data)
            .filter(|(_, broken)| *broken)
            .map(|(prefix, _)| prefix)
            .collect(),
    };
    let mut out = Vec::new();
    for doc in &model.links {
        if let Some((fp, found)) = cache.per_doc.get(&doc.rel)
            && *fp == doc.fp
        {
            out.extend(found.iter().cloned());
            continue;
        }
        let files = cache
            .routes
            .get_or_insert_with(|| routes::all(cfg, model, reg, assets, theme_static));
        let found: Vec<Diagnostic> = doc
            .links
            .iter()
            .filter_map(|link| check_link(model, doc, link, files, &excused))
            .collect();
        out.extend(found.iter().cloned());
        cache.per_doc.insert(doc.rel.clone(), (doc.fp, found));
    }
    // Entries of files that are gone or lost their links only take memory.
    if cache.per_doc.len() > model.links.len() + 64 {
        let live: std::collections::HashSet<&str> = model.links.iter().map(|d| d.rel.as_str()).collect();
        cache.per_doc.retain(|rel, _| live.contains(rel.as_str()));
    }
    out
}

/// The file of an item's page.
fn page_of(section: Section, slug: &str) -> String {
    routes::html(&routes::item(section, slug))
}

/// The problem with one link of `doc`, if it has one.
fn check_link(
    model: &Model,
    doc: &DocLinks,
    link: &SiteLink,
    files: &BTreeSet<String>,
    excused: &Excused,
) -> Option<Diagnostic> {
    let page = folder_of(&doc.page);
    let error = |message: String| Some(Diagnostic::error(&doc.rel, link.line, link.col, message));
    // A relative link starts from the page's own address; one that climbs above the site's
    // root leaves the site and cannot be checked.
    let target = if link.relative {
        let Some(t) = resolve_relative(&page, &link.target) else {
            return error(format!(
                "link to `{}` climbs above the site (this page is /{page}): write a path starting with `/`, e.g. `/lien-he/`",
                link.target
            ));
        };
        t
    } else {
        link.target.clone()
    };
    if resolves(&target, files)
        || resolves(&target, &excused.broken_pages)
        || excused.broken_prefixes.iter().any(|p| target.starts_with(p))
    {
        return None;
    }
    let hidden_why = model
        .hidden
        .iter()
        .find_map(|(s, slug, _, why)| resolves(&target, &BTreeSet::from([page_of(*s, slug)])).then_some(*why));
    let shown = if link.relative {
        format!("`{}` (from this page, /{page}, that is `{target}`)", link.target)
    } else {
        format!("`{target}`")
    };
    error(match hidden_why {
        Some(why) => format!("link to {shown}: that page is not published ({why}), so the link would be broken"),
        None if link.relative => format!(
            "link to {shown} goes to no page or file of this site (a file beside a content file is published only for a page bundle, `name/index.md`, or as an attachment; a path starting with `/` is taken from the site's root)"
        ),
        None => format!(
            "link to {shown} goes to no page or file of this site (pages are /plans/<slug>/, /tasks/<slug>/, /disclosures/<slug>/, /updates/<slug>/, /<page-slug>/; files from static/ keep their path)"
        ),
    })
}

/// The folder of the page a file makes (`tasks/a/`, `en/lien-he/`).
fn folder_of(place: &Place) -> String {
    let folder = routes::item(place.section, &place.slug);
    match place.lang {
        Some(lang) => routes::translated(lang, &folder),
        None => folder,
    }
}

/// The site-relative path of `target` read from the page whose folder is `page` (`tasks/a/`);
/// `None` when it climbs above the site's root.
pub fn resolve_relative(page: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').filter(|p| !p.is_empty()).collect();
    let segments: Vec<&str> = target.split('/').collect();
    for seg in &segments {
        match *seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let folder = matches!(segments.last(), Some(&"" | &"." | &".."));
    let mut out = format!("/{}", parts.join("/"));
    if folder && !parts.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// True when a site-relative link names an output file or a page folder.
pub fn resolves(target: &str, files: &BTreeSet<String>) -> bool {
    // A malformed escape is taken as written: such a file name is unlikely, and not found.
    let decoded = crate::url::percent_decode(target).unwrap_or_else(|| target.to_string());
    let path = decoded.trim_start_matches('/');
    if path.is_empty() || files.contains(path) {
        return true;
    }
    let dir = path.trim_end_matches('/');
    files.contains(&format!("{dir}/index.html"))
}
