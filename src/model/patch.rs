//! An edit that moves nothing in the lists → the kept model patched in place, sparing the
//! most common edit (a page's body) the walk over every file.

use std::sync::Arc;

use super::assemble::ItemCache;
use super::read::{Item, ReadOut, read_item};
use super::*;
use crate::config::SiteConfig;
use crate::source::Sources;

/// As `assemble_cached` after an edit of the Markdown files `changed` (paths relative to the
/// root, each one read before and still there, and nothing else changed), when the edit
/// moves nothing: each file gives an item of the same kind, slug, place in its list,
/// attachments, visibility and messages as before, and links or not as before. Then `model`,
/// the result of the last assembly with this `cache`, is patched in place, and this returns
/// true. Otherwise it returns false, leaving `model` and `cache` as they were: assemble again.
///
/// This spares an edit of one page's body (the most common edit) the walk over every file.
pub fn patch(
    cfg: &SiteConfig,
    src: &Sources,
    settings: Settings,
    cache: &mut ItemCache,
    model: &mut Model,
    changed: &[String],
) -> bool {
    let same_inputs = cache
        .key
        .as_ref()
        .is_some_and(|(base, today, _)| *base == cfg.base.absolute && *today == settings.today);
    if !same_inputs {
        return false;
    }
    let mut swaps: Vec<Swap> = Vec::new();
    for rel in changed {
        if swaps.iter().any(|s| s.rel == *rel) {
            continue;
        }
        match swap_for(cfg, src, settings, cache, model, rel) {
            Fit::Same => {}
            Fit::Swap(swap) => swaps.push(swap),
            Fit::No => return false,
        }
    }
    for swap in swaps {
        apply(model, cache, swap);
    }
    debug_assert_eq!(model.index, ListIndex::of(model), "the patched list index is stale");
    true
}

/// A file to swap in.
struct Swap {
    rel: String,
    fp: u64,
    /// What it reads as now.
    out: Arc<ReadOut>,
    /// Where its item is in its list.
    slot: usize,
    /// Where its links are in `model.links`, if it has any.
    links: Option<usize>,
}

/// Whether the edit of one file can be patched in.
enum Fit {
    /// The file is as it was read.
    Same,
    /// It can: this swap does it.
    Swap(Swap),
    /// It cannot: the model must be assembled again.
    No,
}

/// Reads the edited file `rel` and tells whether its new item takes the old one's place.
fn swap_for(cfg: &SiteConfig, src: &Sources, settings: Settings, cache: &ItemCache, model: &Model, rel: &str) -> Fit {
    let at = src.docs.partition_point(|d| d.rel.as_str() < rel);
    let Some(doc) = src.docs.get(at).filter(|d| d.rel == rel) else {
        return Fit::No;
    };
    let Some((old_fp, old)) = cache.entries.get(rel) else {
        return Fit::No;
    };
    if *old_fp == doc.fp {
        return Fit::Same;
    }
    let new = read_item(cfg, doc, settings, doc.fp, &src.assets);
    let (Some(a), Some(b)) = (&old.item, &new.item) else {
        return Fit::No;
    };
    let fits = a.same_place(b)
        && a.hidden(settings).is_none()
        && b.hidden(settings).is_none()
        && old.diags == new.diags
        && old.links.is_empty() == new.links.is_empty();
    let Some(slot) = fits.then(|| slot_of(model, a)).flatten() else {
        return Fit::No;
    };
    let links = if old.links.is_empty() {
        None
    } else {
        match model.links.iter().position(|l| l.rel == rel && l.fp == *old_fp) {
            Some(i) => Some(i),
            None => return Fit::No,
        }
    };
    Fit::Swap(Swap {
        rel: rel.to_string(),
        fp: doc.fp,
        out: Arc::new(new),
        slot,
        links,
    })
}

/// Puts the swapped item in its slot, with its fingerprints in the list index and its links.
fn apply(model: &mut Model, cache: &mut ItemCache, swap: Swap) {
    let Swap {
        rel,
        fp,
        out,
        slot,
        links,
    } = swap;
    let meta = match &out.item {
        Some(Item::Plan(x)) => {
            model.plans[slot] = Arc::clone(x);
            Some((list::PLANS, &x.meta))
        }
        Some(Item::Task(x)) => {
            model.tasks[slot] = Arc::clone(x);
            Some((list::TASKS, &x.meta))
        }
        Some(Item::Disclosure(x)) => {
            model.disclosures[slot] = Arc::clone(x);
            Some((list::DISCLOSURES, &x.meta))
        }
        Some(Item::Update(x)) => {
            model.updates[slot] = Arc::clone(x);
            Some((list::UPDATES, &x.meta))
        }
        Some(Item::Page(x)) => {
            model.pages[slot] = Arc::clone(x);
            Some((list::PAGES, &x.meta))
        }
        _ => None,
    };
    if let Some((k, meta)) = meta {
        model.index.fronts[k][slot] = meta.front_fp;
        model.index.fps[k][slot] = meta.fp;
    }
    if let Some(i) = links {
        model.links[i].fp = fp;
        model.links[i].links = Arc::clone(&out.links);
    }
    cache.entries.insert(rel, (fp, out));
}

/// Where `item` is in its list of the model (found by pointer: the model holds the very
/// items the cache does).
fn slot_of(model: &Model, item: &Item) -> Option<usize> {
    fn find<T>(list: &[Arc<T>], x: &Arc<T>) -> Option<usize> {
        list.iter().position(|y| Arc::ptr_eq(x, y))
    }
    match item {
        Item::Plan(x) => find(&model.plans, x),
        Item::Task(x) => find(&model.tasks, x),
        Item::Disclosure(x) => find(&model.disclosures, x),
        Item::Update(x) => find(&model.updates, x),
        Item::Page(x) => find(&model.pages, x),
        Item::Home(_) | Item::Translation(_) => None,
    }
}
