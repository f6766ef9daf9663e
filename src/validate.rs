//! Model + registry + assets → cross-file problems (unknown ids, duplicate slugs, missing or
//! escaping attachments, dead site-relative links), all reported at once.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::SiteConfig;
use crate::data::Registry;
use crate::diag::{Diagnostic, Diagnostics, known_list};
use crate::layout::Section;
use crate::model::{Model, Place};
use crate::routes;
use crate::slug;
use crate::source::Assets;

/// Checks everything that involves more than one file.
pub fn check(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    assets: &Assets,
    theme_static: &BTreeSet<String>,
    links: &mut LinkCache,
) -> Diagnostics {
    let key = structure_key(cfg, model, reg, assets, theme_static);
    if key != links.key {
        links.per_doc.clear();
        links.refs = None;
        links.routes = None;
        links.key = key;
    }
    let mut diags = match &links.refs {
        Some(refs) => Diagnostics(refs.clone()),
        None => {
            let mut refs = check_refs(model, reg, assets);
            refs.extend(collisions(cfg, model, reg, assets));
            links.refs = Some(refs.0.clone());
            refs
        }
    };
    let broken_data =
        ["data/units.yaml", "data/dimensions.yaml", "data/categories.yaml"].map(|f| reg.broken.contains(&f));
    diags.extend(Diagnostics(check_links(
        cfg,
        model,
        reg,
        assets,
        theme_static,
        broken_data,
        links,
    )));
    diags
}

/// Fingerprint of everything the checks depend on but the files' bodies.
fn structure_key(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    assets: &Assets,
    theme_static: &BTreeSet<String>,
) -> u64 {
    crate::fingerprint::of(&(
        &model.index.fronts,
        (
            &reg.units.items,
            &reg.dimensions.items,
            &reg.categories.items,
            &reg.broken,
        ),
        cfg.per_page,
        assets.iter().map(|(k, a)| (k, a.symlink)).collect::<Vec<_>>(),
        theme_static,
        (&model.hidden, &model.broken),
        model
            .broken_attachments
            .iter()
            .map(|(rel, a)| (rel, a.iter().map(|a| (&a.src, a.line)).collect::<Vec<_>>()))
            .collect::<Vec<_>>(),
    ))
}

/// References between files and to the data, duplicate slugs, attachments, reserved slugs.
fn check_refs(model: &Model, reg: &Registry, assets: &Assets) -> Diagnostics {
    let mut diags = Diagnostics::default();
    duplicate_slugs(model, &mut diags);
    let plans: BTreeSet<&str> = model.plans.iter().map(|p| p.meta.slug.as_str()).collect();
    let tasks: BTreeSet<&str> = model.tasks.iter().map(|t| t.meta.slug.as_str()).collect();
    let hidden = |section: Section, slug: &str| -> Option<&'static str> {
        model
            .hidden
            .iter()
            .find(|(s, sl, _, _)| *s == section && sl == slug)
            .map(|h| h.3)
    };
    let broken = |section: Section, slug: &str| model.broken.iter().any(|(s, sl)| *s == section && sl == slug);
    let units_ok = !reg.broken.contains(&"data/units.yaml");
    let dimensions_ok = !reg.broken.contains(&"data/dimensions.yaml");
    let categories_ok = !reg.broken.contains(&"data/categories.yaml");
    let unknown = |what: &str, id: &str, known: String, hidden_why: Option<&str>| -> String {
        match hidden_why {
            Some(why) => format!("{what} `{id}` is not published ({why}), so it cannot be referenced yet"),
            None => format!("unknown {what} `{id}` (known: {known})"),
        }
    };
    for t in &model.tasks {
        let pos = &t.meta.pos;
        let rel = t.meta.rel.as_str();
        if !plans.contains(t.plan.as_str()) && !broken(Section::Plan, &t.plan) {
            let msg = unknown(
                "plan",
                &t.plan,
                known_list(plans.iter().copied()),
                hidden(Section::Plan, &t.plan),
            );
            diags.push(Diagnostic::error(rel, pos.line_of("plan"), 1, msg));
        }
        if dimensions_ok && reg.dimensions.get(&t.dimension).is_none() {
            let msg = format!(
                "unknown dimension `{}` (known in data/dimensions.yaml: {})",
                t.dimension,
                known_list(reg.dimensions.ids())
            );
            diags.push(Diagnostic::error(rel, pos.line_of("dimension"), 1, msg));
        }
        for (key, ids) in [
            ("lead", std::slice::from_ref(&t.lead)),
            ("partners", t.partners.as_slice()),
        ] {
            for id in ids {
                if units_ok && reg.units.get(id).is_none() {
                    let msg = format!(
                        "unknown unit `{id}` (known in data/units.yaml: {})",
                        known_list(reg.units.ids())
                    );
                    diags.push(Diagnostic::error(rel, pos.line_of(key), 1, msg));
                }
            }
        }
    }
    // A reference to a task, from a disclosure (`task`) or an update (`tasks`).
    let check_task = |diags: &mut Diagnostics, rel: &str, line: usize, task: &str| {
        if !tasks.contains(task) && !broken(Section::Task, task) {
            let msg = unknown(
                "task",
                task,
                known_list(tasks.iter().copied()),
                hidden(Section::Task, task),
            );
            diags.push(Diagnostic::error(rel, line, 1, msg));
        }
    };
    for d in &model.disclosures {
        let pos = &d.meta.pos;
        let rel = d.meta.rel.as_str();
        if categories_ok && reg.categories.get(&d.category).is_none() {
            let msg = format!(
                "unknown category `{}` (known in data/categories.yaml: {})",
                d.category,
                known_list(reg.categories.ids())
            );
            diags.push(Diagnostic::error(rel, pos.line_of("category"), 1, msg));
        }
        if let Some(task) = &d.task {
            check_task(&mut diags, rel, pos.line_of("task"), task);
        }
        check_attachments(&mut diags, assets, rel, &d.attachments);
    }
    for (rel, attachments) in &model.broken_attachments {
        check_attachments(&mut diags, assets, rel, attachments);
    }
    for u in &model.updates {
        for task in &u.tasks {
            check_task(&mut diags, &u.meta.rel, u.meta.pos.line_of("tasks"), task);
        }
    }
    for p in &model.pages {
        if slug::RESERVED.contains(&p.meta.slug.as_str()) {
            diags.push(Diagnostic::error(
                &p.meta.rel,
                p.meta.slug_line,
                1,
                format!(
                    "the slug `{}` is used by the site itself ({}): rename the file or set another `slug:`",
                    p.meta.slug,
                    slug::RESERVED.join(", ")
                ),
            ));
        }
    }
    diags
}

/// Static files and files beside content that would take the path of a generated page or
/// file: they would be dropped, so they are errors.
fn collisions(cfg: &SiteConfig, model: &Model, reg: &Registry, assets: &Assets) -> Diagnostics {
    let generated = routes::generated(cfg, model, reg);
    let taken = |out: &str| generated.contains(out) || out.starts_with(routes::SEARCH);
    let mut diags = Diagnostics::default();
    let content = routes::content_files(model, assets);
    let statics = assets
        .iter()
        .filter(|(_, a)| !a.symlink)
        .filter_map(|(rel, _)| Some((rel.strip_prefix("static/")?, rel.as_str())));
    let beside = content.iter().map(|(out, rel)| (out.as_str(), rel.as_str()));
    for (out, rel) in statics.chain(beside) {
        if taken(out) {
            diags.push(Diagnostic::error(
                rel,
                1,
                1,
                format!(
                    "this file would be published as /{out}, which the site makes itself (a page, the feed, the sitemap, open data or search): rename or move it"
                ),
            ));
        }
    }
    diags
}

/// Each attachment must be a file of the site, not a symbolic link or inside one.
fn check_attachments(diags: &mut Diagnostics, assets: &Assets, rel: &str, attachments: &[crate::model::Attachment]) {
    for a in attachments {
        let message = match assets.get(&a.src) {
            Some(asset) if asset.symlink => format!(
                "attachment `{}` is a symbolic link, which could point outside the site: copy the real file there instead",
                a.file
            ),
            Some(_) => continue,
            // A folder on the way that is a link was not walked (it could lead anywhere).
            None => match assets
                .iter()
                .find(|(p, asset)| asset.symlink && a.src.starts_with(&format!("{p}/")))
            {
                Some((link, _)) => format!(
                    "attachment `{}`: the folder `{link}` on its path is a symbolic link, which could point outside the site, so it is not read: put the real folder there instead",
                    a.file
                ),
                None => {
                    let dir_hint = if a.src.starts_with("static/") {
                        "static/"
                    } else {
                        "the folder of this file"
                    };
                    format!(
                        "attachment `{}` not found: expected the file `{}` (paths are relative to {dir_hint})",
                        a.file, a.src
                    )
                }
            },
        };
        diags.push(Diagnostic::error(rel, a.line, 1, message));
    }
}

/// Checks kept between builds: the cross-file checks are run again only when the front
/// matter of some file, the data, or the set of files has changed, and a file's links only
/// when the file itself or that set has changed.
#[derive(Debug, Default)]
pub struct LinkCache {
    key: u64,
    refs: Option<Vec<Diagnostic>>,
    /// Every output path, for the same key.
    routes: Option<BTreeSet<String>>,
    per_doc: rustc_hash::FxHashMap<String, (u64, Vec<Diagnostic>)>,
}

fn check_links(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    assets: &Assets,
    theme_static: &BTreeSet<String>,
    broken_data: [bool; 3],
    cache: &mut LinkCache,
) -> Vec<Diagnostic> {
    let page_of = |section: Section, slug: &str| routes::html(&routes::item(section, slug));
    // Pages whose file has errors: links to them are not reported again.
    // Their translations, left out with them, are not reported either.
    let broken_pages: BTreeSet<String> = model
        .broken
        .iter()
        .flat_map(|(s, slug)| {
            let page = page_of(*s, slug);
            [format!("en/{page}"), page]
        })
        .collect();
    // A data file that could not be read has its own error; its pages are not missing.
    let broken_prefixes: Vec<&str> = ["/units/", "/dimensions/", "/categories/"]
        .into_iter()
        .zip(broken_data)
        .filter(|(_, broken)| *broken)
        .map(|(prefix, _)| prefix)
        .collect();
    let mut out = Vec::new();
    for doc in &model.links {
        if let Some((fp, found)) = cache.per_doc.get(&doc.rel) {
            if *fp == doc.fp {
                out.extend(found.iter().cloned());
                continue;
            }
        }
        let files = cache
            .routes
            .get_or_insert_with(|| routes::all(cfg, model, reg, assets, theme_static));
        let page = folder_of(&doc.page);
        let mut found = Vec::new();
        for link in doc.links.iter() {
            // A relative link starts from the page's own address; one that climbs above the
            // site's root leaves the site and cannot be checked.
            let target = if link.relative {
                match resolve_relative(&page, &link.target) {
                    Some(t) => t,
                    None => {
                        found.push(Diagnostic::error(
                            &doc.rel,
                            link.line,
                            link.col,
                            format!(
                                "link to `{}` climbs above the site (this page is /{}): write a path starting with `/`, e.g. `/lien-he/`",
                                link.target, page
                            ),
                        ));
                        continue;
                    }
                }
            } else {
                link.target.clone()
            };
            if resolves(&target, files)
                || resolves(&target, &broken_pages)
                || broken_prefixes.iter().any(|p| target.starts_with(p))
            {
                continue;
            }
            let hidden_why = model
                .hidden
                .iter()
                .find_map(|(s, slug, _, why)| resolves(&target, &BTreeSet::from([page_of(*s, slug)])).then_some(*why));
            let shown = if link.relative {
                format!("`{}` (from this page, /{}, that is `{target}`)", link.target, page)
            } else {
                format!("`{target}`")
            };
            let message = match hidden_why {
                Some(why) => {
                    format!("link to {shown}: that page is not published ({why}), so the link would be broken")
                }
                None if link.relative => format!(
                    "link to {shown} goes to no page or file of this site (a file beside a content file is published only for a page bundle, `name/index.md`, or as an attachment; a path starting with `/` is taken from the site's root)"
                ),
                None => format!(
                    "link to {shown} goes to no page or file of this site (pages are /plans/<slug>/, /tasks/<slug>/, /disclosures/<slug>/, /updates/<slug>/, /<page-slug>/; files from static/ keep their path)"
                ),
            };
            found.push(Diagnostic::error(&doc.rel, link.line, link.col, message));
        }
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

fn duplicate_slugs(model: &Model, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, Vec<(&str, usize)>> = BTreeMap::new();
    let metas = model
        .plans
        .iter()
        .map(|p| (Section::Plan, &p.meta))
        .chain(model.tasks.iter().map(|t| (Section::Task, &t.meta)))
        .chain(model.disclosures.iter().map(|d| (Section::Disclosure, &d.meta)))
        .chain(model.updates.iter().map(|u| (Section::Update, &u.meta)))
        .chain(model.pages.iter().map(|p| (Section::Page, &p.meta)));
    for (section, meta) in metas {
        seen.entry(routes::item(section, &meta.slug))
            .or_default()
            .push((&meta.rel, meta.slug_line));
    }
    // Hidden items take their URL too once published: collisions with them are reported.
    for (section, slug, rel, _) in &model.hidden {
        if let Some(v) = seen.get_mut(&routes::item(*section, slug)) {
            v.push((rel, 1));
        }
    }
    for (path, files) in seen {
        if files.len() < 2 {
            continue;
        }
        for (i, (rel, line)) in files.iter().enumerate() {
            let others: Vec<&str> = files
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, (r, _))| *r)
                .collect();
            diags.push(Diagnostic::error(
                *rel,
                *line,
                1,
                format!(
                    "duplicate slug: `/{path}` is also the URL of {}; rename one file or set a different `slug:`",
                    others.join(", ")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_start_from_the_page() {
        for (page, target, want) in [
            ("disclosures/a/", "so-do.png", Some("/disclosures/a/so-do.png")),
            ("lien-he/", "tasks/", Some("/lien-he/tasks/")),
            ("en/lien-he/", "../../tasks/x/", Some("/tasks/x/")),
            ("lien-he/", "../", Some("/")),
            ("lien-he/", "./a/./b", Some("/lien-he/a/b")),
            ("", "tasks", Some("/tasks")),
            ("lien-he/", "../../x", None),
        ] {
            assert_eq!(resolve_relative(page, target).as_deref(), want, "{page} {target}");
        }
    }

    #[test]
    fn link_resolution() {
        let files: BTreeSet<String> = ["lien-he/index.html", "files/báo cáo.pdf", "index.html"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for (target, want) in [
            ("/", true),
            ("/lien-he/", true),
            ("/lien-he", true),
            ("/lien-he/index.html", true),
            ("/files/b%C3%A1o%20c%C3%A1o.pdf", true),
            ("/files/báo cáo.pdf", true),
            ("/khong-co/", false),
            ("/files/", false),
            ("/a%é", false),
            ("/a%", false),
            ("/a%4", false),
        ] {
            assert_eq!(resolves(target, &files), want, "{target}");
        }
    }
}
