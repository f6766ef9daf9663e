//! Content files → the model: each file read (or taken from the cache of files read), then
//! the items sorted into lists, translations attached to their originals, and the list index
//! made.

use std::sync::Arc;

use rayon::prelude::*;

use super::read::{Item, ReadOut, read_item};
use super::*;
use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::slug;
use crate::source::{SourceFile, Sources};

/// Files already read, so that a rebuild after an edit reads only what changed.
///
/// An entry is reused when the file's path and text are the same and so are the inputs that
/// reading depends on (base_url, for links; today, for overdue).
#[derive(Debug, Default)]
pub struct ItemCache {
    pub(super) key: Option<(String, Date, u64)>,
    pub(super) entries: rustc_hash::FxHashMap<String, (u64, Arc<ReadOut>)>,
}

/// Builds the model from the source files; every problem in every file is reported.
pub fn assemble(cfg: &SiteConfig, src: &Sources, settings: Settings) -> (Model, Diagnostics) {
    assemble_cached(cfg, src, settings, &mut ItemCache::default())
}

/// As `assemble`, for a one-shot build: each file's text is let go as soon as it is read,
/// so that the sources (420 MB at 100,000 items) and the model are never held whole at once.
/// `src` keeps every file but its text.
pub fn assemble_once(cfg: &SiteConfig, src: &mut Sources, settings: Settings) -> (Model, Diagnostics) {
    let assets = &src.assets;
    let read: Vec<Arc<ReadOut>> = src
        .docs
        .par_iter_mut()
        .map(|doc| {
            let out = Arc::new(read_item(cfg, doc, settings, doc.fp, assets));
            doc.text = String::new();
            out
        })
        .collect();
    finish(src, read, settings)
}

/// As `assemble`, reusing (and refreshing) what `cache` holds of unchanged files.
pub fn assemble_cached(
    cfg: &SiteConfig,
    src: &Sources,
    settings: Settings,
    cache: &mut ItemCache,
) -> (Model, Diagnostics) {
    let read = read_all(cfg, src, settings, cache);
    finish(src, read, settings)
}

/// The model of the files `src` read as `read` (in the same order).
fn finish(src: &Sources, read: Vec<Arc<ReadOut>>, settings: Settings) -> (Model, Diagnostics) {
    let mut model = Model::default();
    let mut diags = Diagnostics::default();
    let mut translations: Vec<(&SourceFile, Arc<Translation>)> = Vec::new();
    for (out, doc) in read.iter().zip(&src.docs) {
        diags.0.extend(out.diags.iter().cloned());
        if let Some(t) = place(&mut model, doc, out, settings) {
            translations.push((doc, t));
        }
    }
    // Files that could not be read at all (not UTF-8, a direction control...) are broken too.
    for rel in src.problems.keys() {
        if let Some((section, stem)) = crate::source::identity(rel) {
            model.broken.push((section, slug::fold(&stem)));
        }
    }
    attach_translations(&mut model, src, translations, &mut diags);
    sort(&mut model);
    model.index = ListIndex::of(&model);
    (model, diags)
}

/// Every file read, in parallel, or taken from `cache` when its path and text are unchanged
/// (and so are the inputs reading depends on: base_url, today, the sizes of images).
fn read_all(cfg: &SiteConfig, src: &Sources, settings: Settings, cache: &mut ItemCache) -> Vec<Arc<ReadOut>> {
    let images: Vec<(&String, (u32, u32))> = src.assets.iter().filter_map(|(k, a)| Some((k, a.dims?))).collect();
    let key = (
        cfg.base.absolute.clone(),
        settings.today,
        crate::fingerprint::of(&images),
    );
    if cache.key.as_ref() != Some(&key) {
        cache.entries.clear();
        cache.key = Some(key);
    }
    let results: Vec<Arc<ReadOut>> = src
        .docs
        .par_iter()
        .map(|doc| match cache.entries.get(&doc.rel) {
            Some((old, out)) if *old == doc.fp => Arc::clone(out),
            _ => Arc::new(read_item(cfg, doc, settings, doc.fp, &src.assets)),
        })
        .collect();
    for (doc, out) in src.docs.iter().zip(&results) {
        if cache.entries.get(&doc.rel).is_none_or(|(old, _)| *old != doc.fp) {
            cache.entries.insert(doc.rel.clone(), (doc.fp, Arc::clone(out)));
        }
    }
    // Entries of files that are gone are harmless (a key is path and text) but take memory.
    if cache.entries.len() > src.docs.len() + 64 {
        let live: std::collections::HashSet<&str> = src.docs.iter().map(|d| d.rel.as_str()).collect();
        cache.entries.retain(|rel, _| live.contains(rel.as_str()));
    }
    results
}

/// Puts what reading `doc` gave where it belongs in `model`: a published item in its list,
/// a hidden one (draft, scheduled) aside, a broken one's links and attachments to be checked
/// still. A translation is returned, to be attached to its original.
fn place(model: &mut Model, doc: &SourceFile, out: &ReadOut, settings: Settings) -> Option<Arc<Translation>> {
    let links = |page: Place| DocLinks {
        rel: doc.rel.clone(),
        page,
        fp: doc.fp,
        links: Arc::clone(&out.links),
    };
    let Some(item) = out.item.clone() else {
        if out.diags.iter().any(|d| d.severity == crate::diag::Severity::Error) {
            model.broken.push((doc.section, slug::fold(&doc.stem)));
            if !out.attachments.is_empty() {
                model
                    .broken_attachments
                    .push((doc.rel.clone(), out.attachments.clone()));
            }
            if let (Some(page), false) = (&out.page, out.links.is_empty()) {
                model.links.push(links(page.clone()));
            }
        }
        return None;
    };
    if let Some(why) = item.hidden(settings) {
        let slug = item.place().map(|p| p.slug).unwrap_or_default();
        model.hidden.push((doc.section, slug, doc.rel.clone(), why));
        return None;
    }
    if !out.links.is_empty() {
        // A translation's page is known once its original is (`attach_translations`).
        model.links.push(links(item.place().unwrap_or(Place {
            section: doc.section,
            slug: String::new(),
            lang: doc.lang,
        })));
    }
    match item {
        Item::Home(h) => model.home = Some(h),
        Item::Plan(p) => model.plans.push(p),
        Item::Task(t) => model.tasks.push(t),
        Item::Disclosure(d) => model.disclosures.push(d),
        Item::Update(u) => model.updates.push(u),
        Item::Page(p) => model.pages.push(p),
        Item::Translation(t) => return Some(t),
    }
    None
}

/// Gives each translation the slug of its original; a translation whose original does not
/// exist is an error, one whose original is not published (draft, broken) is left out.
fn attach_translations(
    model: &mut Model,
    src: &Sources,
    translations: Vec<(&SourceFile, Arc<Translation>)>,
    diags: &mut Diagnostics,
) {
    if translations.is_empty() {
        model.translations = Vec::new();
        return;
    }
    // Only the originals that translations name are looked up.
    let wanted: rustc_hash::FxHashSet<&str> = translations.iter().map(|(_, t)| t.original.as_str()).collect();
    let mut published: rustc_hash::FxHashMap<&str, &str> = rustc_hash::FxHashMap::default();
    if let Some(h) = &model.home {
        published.insert(h.rel.as_str(), "");
    }
    let metas = model
        .plans
        .iter()
        .map(|p| &p.meta)
        .chain(model.tasks.iter().map(|t| &t.meta))
        .chain(model.disclosures.iter().map(|d| &d.meta))
        .chain(model.updates.iter().map(|u| &u.meta))
        .chain(model.pages.iter().map(|p| &p.meta));
    for m in metas.filter(|m| wanted.contains(m.rel.as_str())) {
        published.insert(m.rel.as_str(), m.slug.as_str());
    }
    let mut out = Vec::new();
    for (doc, t) in translations {
        match published.get(t.original.as_str()) {
            Some(slug) => {
                let mut t = (*t).clone();
                t.slug = slug.to_string();
                out.push(Arc::new(t));
            }
            None if src.docs.iter().any(|d| d.rel == t.original) => {}
            None => diags.push(Diagnostic::error(
                doc.rel.clone(),
                1,
                1,
                format!(
                    "`{}` is a translation of `{}`, which does not exist: a translation `name.{}.md` goes beside its Vietnamese original `name.md`",
                    doc.rel, t.original, t.lang
                ),
            )),
        }
    }
    out.sort_by(|a, b| (a.lang, a.section, &a.slug).cmp(&(b.lang, b.section, &b.slug)));
    // Relative links in a translation start from its own page, under `/<lang>/`.
    for doc in &mut model.links {
        if let Some(t) = out.iter().find(|t| t.rel == doc.rel) {
            doc.page.slug = t.slug.clone();
        }
    }
    model.translations = out;
}

fn sort(m: &mut Model) {
    // Keys are unique (slugs are, within a section), so unstable sorts are deterministic.
    m.plans
        .sort_unstable_by(|a, b| b.issued.cmp(&a.issued).then_with(|| a.meta.slug.cmp(&b.meta.slug)));
    // The code key is computed once per task, not once per comparison.
    m.tasks
        .sort_by_cached_key(|t| (t.plan.clone(), code_key(&t.code), t.meta.slug.clone()));
    m.disclosures.sort_unstable_by(|a, b| {
        b.published
            .cmp(&a.published)
            .then_with(|| a.meta.slug.cmp(&b.meta.slug))
    });
    m.updates
        .sort_unstable_by(|a, b| b.date.cmp(&a.date).then_with(|| a.meta.slug.cmp(&b.meta.slug)));
    m.pages.sort_by(|a, b| {
        a.weight
            .unwrap_or(i64::MAX)
            .cmp(&b.weight.unwrap_or(i64::MAX))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.meta.slug.cmp(&b.meta.slug))
    });
}

/// Sort key for task codes: "1.10" after "1.9", tasks without a code last.
fn code_key(code: &Option<String>) -> (bool, Vec<u64>, String) {
    match code {
        None => (true, Vec::new(), String::new()),
        Some(c) => (
            false,
            c.split(['.', '-'])
                .map(|p| p.trim().parse::<u64>().unwrap_or(u64::MAX))
                .collect(),
            c.clone(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_codes_sort_numerically() {
        let mut codes = vec![
            Some("1.10".to_string()),
            None,
            Some("2".to_string()),
            Some("1.9".to_string()),
        ];
        codes.sort_by_key(code_key);
        assert_eq!(
            codes,
            vec![Some("1.9".into()), Some("1.10".into()), Some("2".into()), None]
        );
    }
}
