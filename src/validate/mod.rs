//! Model + registry + assets → cross-file problems (unknown ids, duplicate slugs, missing or
//! escaping attachments, dead site-relative links), all reported at once.

mod access;
mod links;
mod numbers;
mod refs;

use std::collections::BTreeSet;

use links::check_links;
pub use links::{resolve_relative, resolves};
use refs::{check_refs, collisions};

use crate::config::SiteConfig;
use crate::data::Registry;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Model;
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
        links.refs = None;
        links.key = key;
    }
    // Links are checked again only when the addresses that exist may have changed: a title
    // edit changes the front matter but no address (0.7 s of a rebuild at 100,000 items).
    let addresses = addresses_key(cfg, model, reg, assets, theme_static);
    if addresses != links.addresses {
        links.per_doc.clear();
        links.routes = None;
        links.addresses = addresses;
    }
    let mut diags = match &links.refs {
        Some(refs) => Diagnostics(refs.clone()),
        None => {
            let mut refs = check_refs(model, reg, assets);
            refs.extend(collisions(cfg, model, reg, assets));
            // Numbers are in the front matter: checked again only when it changed.
            refs.extend(numbers::check(model, reg));
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
    diags.extend(access::check(cfg, model, reg));
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
            &reg.doc_types,
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

/// Fingerprint of what decides whether a link goes somewhere: the pages there are (what
/// decides the list of jobs), the generated and published files, and the items that are
/// hidden or broken (their links are excused or explained).
fn addresses_key(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    assets: &Assets,
    theme_static: &BTreeSet<String>,
) -> u64 {
    let filters = crate::routes::task_filters(model, reg);
    crate::fingerprint::of(&(
        crate::routes::jobs_key(cfg, model, reg, &filters, &crate::routes::PagedLists::of(model, reg)),
        cfg.sitemap_urls,
        crate::routes::content_files(model, assets)
            .into_keys()
            .collect::<Vec<_>>(),
        assets.iter().map(|(k, a)| (k, a.symlink)).collect::<Vec<_>>(),
        theme_static,
        (&model.hidden, &model.broken, &reg.broken),
    ))
}

/// Checks kept between builds: the cross-file checks are run again only when the front
/// matter of some file, the data, or the set of files has changed, and a file's links only
/// when the file itself or that set has changed.
#[derive(Debug, Default)]
pub struct LinkCache {
    key: u64,
    /// `addresses_key` of the links checked in `per_doc`.
    addresses: u64,
    refs: Option<Vec<Diagnostic>>,
    /// Every output path, for the same key.
    routes: Option<BTreeSet<String>>,
    per_doc: rustc_hash::FxHashMap<String, (u64, Vec<Diagnostic>)>,
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
