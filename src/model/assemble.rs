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

/// As `assemble`, reusing (and refreshing) what `cache` holds of unchanged files.
pub fn assemble_cached(
    cfg: &SiteConfig,
    src: &Sources,
    settings: Settings,
    cache: &mut ItemCache,
) -> (Model, Diagnostics) {
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
    let results: Vec<(u64, Arc<ReadOut>)> = src
        .docs
        .par_iter()
        .map(|doc| {
            let fp = doc.fp;
            match cache.entries.get(&doc.rel) {
                Some((old, out)) if *old == fp => (fp, Arc::clone(out)),
                _ => (fp, Arc::new(read_item(cfg, doc, settings, fp, &src.assets))),
            }
        })
        .collect();
    for (doc, (fp, out)) in src.docs.iter().zip(&results) {
        if cache.entries.get(&doc.rel).is_none_or(|(old, _)| old != fp) {
            cache.entries.insert(doc.rel.clone(), (*fp, Arc::clone(out)));
        }
    }
    // Entries of files that are gone are harmless (a key is path and text) but take memory.
    if cache.entries.len() > src.docs.len() + 64 {
        let live: std::collections::HashSet<&str> = src.docs.iter().map(|d| d.rel.as_str()).collect();
        cache.entries.retain(|rel, _| live.contains(rel.as_str()));
    }
    let mut model = Model::default();
    let mut diags = Diagnostics::default();
    let mut translations: Vec<(&SourceFile, Arc<Translation>)> = Vec::new();
    for ((_, out), doc) in results.into_iter().zip(&src.docs) {
        let item = out.item.clone();
        let failed = item.is_none() && out.diags.iter().any(|d| d.severity == crate::diag::Severity::Error);
        for d in &out.diags {
            diags.push(d.clone());
        }
        let links = &out.links;
        let Some(item) = item else {
            if failed {
                model.broken.push((doc.section, slug::fold(&doc.stem)));
                if !out.attachments.is_empty() {
                    model
                        .broken_attachments
                        .push((doc.rel.clone(), out.attachments.clone()));
                }
                if let (Some(page), false) = (&out.page, links.is_empty()) {
                    model.links.push(DocLinks {
                        rel: doc.rel.clone(),
                        page: page.clone(),
                        fp: doc.fp,
                        links: Arc::clone(links),
                    });
                }
            }
            continue;
        };
        if let Some(why) = item.hidden(settings) {
            let slug = match &item {
                Item::Plan(p) => p.meta.slug.clone(),
                Item::Task(t) => t.meta.slug.clone(),
                Item::Disclosure(d) => d.meta.slug.clone(),
                Item::Update(u) => u.meta.slug.clone(),
                Item::Page(p) => p.meta.slug.clone(),
                Item::Home(_) | Item::Translation(_) => String::new(),
            };
            model.hidden.push((doc.section, slug, doc.rel.clone(), why));
            continue;
        }
        if !links.is_empty() {
            model.links.push(DocLinks {
                rel: doc.rel.clone(),
                // A translation's page is known once its original is (`attach_translations`).
                page: item.place().unwrap_or(Place {
                    section: doc.section,
                    slug: String::new(),
                    lang: doc.lang,
                }),
                fp: doc.fp,
                links: Arc::clone(links),
            });
        }
        match item {
            Item::Home(h) => model.home = Some(h),
            Item::Plan(p) => model.plans.push(p),
            Item::Task(t) => model.tasks.push(t),
            Item::Disclosure(d) => model.disclosures.push(d),
            Item::Update(u) => model.updates.push(u),
            Item::Page(p) => model.pages.push(p),
            Item::Translation(t) => translations.push((doc, t)),
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
