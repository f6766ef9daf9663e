//! The feed of each topic: a category's (its disclosures) and a task's (the updates that
//! name it and the disclosures that give evidence for it), each made again only when what it
//! shows changed.

use rustc_hash::FxHashMap;

use super::feed::{self, Entry, Head, Pick};
use super::{Cache, Open};
use crate::date::Date;
use crate::files::{Body, OutputFile};
use crate::layout::Section;
use crate::routes::{self, Topic};

/// What one topic's feed is made from.
struct About<'m> {
    title: String,
    /// The site path of the page it is about (the feed's id).
    page: String,
    picks: Vec<Pick<'m>>,
    /// Its own date, for a feed with no entry.
    own: Option<Date>,
}

/// The items of each topic, each list newest first: one pass over each list, not one per
/// topic.
struct Members<'m> {
    by_category: FxHashMap<&'m str, Vec<usize>>,
    by_task: FxHashMap<&'m str, Vec<usize>>,
}

impl<'m> Members<'m> {
    fn of(m: &'m crate::model::Model) -> Members<'m> {
        let mut by_category: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, d) in m.disclosures.iter().enumerate() {
            by_category.entry(d.category.as_str()).or_default().push(i);
        }
        let mut by_task: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, u) in m.updates.iter().enumerate() {
            for slug in &u.tasks {
                let list = by_task.entry(slug.as_str()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Members { by_category, by_task }
    }

    /// The feed of `topic`: a category's disclosures, or a task's updates and evidence.
    fn about(&self, ctx: &Open<'m>, topic: Topic) -> About<'m> {
        let m = ctx.model;
        let site = ("site", ctx.cfg.title.as_str());
        match topic {
            Topic::Category(i) => {
                let id = ctx.reg.categories.items[i].id.as_deref().unwrap_or("");
                let ds = self.by_category.get(id).map(Vec::as_slice).unwrap_or_default();
                let name = ctx.category_name(id);
                About {
                    title: ctx.t.fill("feed_title_category", &[("name", &name), site]),
                    page: routes::category(id),
                    picks: feed::picks(ds.iter().map(|&k| &*m.disclosures[k]), std::iter::empty()),
                    own: None,
                }
            }
            Topic::Task(i) => {
                let t = &m.tasks[i];
                let slug = t.meta.slug.as_str();
                let ds = m.index.evidence.get(slug).map(Vec::as_slice).unwrap_or_default();
                let us = self.by_task.get(slug).map(Vec::as_slice).unwrap_or_default();
                let name = match &t.code {
                    Some(code) => format!("{code}. {}", t.title),
                    None => t.title.clone(),
                };
                let plan = m.plans.iter().find(|p| p.meta.slug == t.plan).map(|p| p.issued);
                About {
                    title: ctx.t.fill("feed_title_task", &[("name", &name), site]),
                    page: routes::item(Section::Task, slug),
                    picks: feed::picks(
                        ds.iter().map(|&k| &*m.disclosures[k as usize]),
                        us.iter().map(|&k| &*m.updates[k]),
                    ),
                    own: t.last_updated().or(plan),
                }
            }
        }
    }
}

/// Every category's and every task's feed, in the order of `routes::topic_feeds`.
pub(super) fn files(ctx: &Open<'_>, global: u64, cache: &mut Cache) -> Vec<OutputFile> {
    let members = Members::of(ctx.model);
    // A feed with no entry was last changed when the site's newest plan was issued.
    let quiet = ctx.model.plans.iter().map(|p| p.issued).max().unwrap_or_default();
    routes::topic_feeds(ctx.model, ctx.reg)
        .into_iter()
        .map(|(path, topic)| {
            let About {
                title,
                page,
                picks,
                own,
            } = members.about(ctx, topic);
            let updated: Date = picks.first().map(Pick::date).or(own).unwrap_or(quiet);
            let fps: Vec<u64> = picks.iter().map(Pick::fp).collect();
            let fp = crate::fingerprint::of(&(global, &path, &title, &page, updated, fps));
            let body = cache.get_or_make(&path, fp, || {
                let entries: Vec<Entry> = picks.iter().map(|p| p.entry(ctx)).collect();
                let id = ctx.cfg.base.permalink(&page);
                let head = Head {
                    title: &title,
                    subtitle: None,
                    id: &id,
                    path: &path,
                    updated,
                };
                feed::feed(ctx, &head, &entries).into_bytes()
            });
            OutputFile {
                path,
                body: Body::Shared(body),
            }
        })
        .collect()
}
