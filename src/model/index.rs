//! Facts of the model's lists kept in flat arrays, so that a fingerprint over a whole list
//! reads one array instead of every item (`assemble` and `patch` keep it up to date).

use std::collections::BTreeMap;
use std::hash::Hash;

use super::{Meta, Model};

/// See `Model::index`.
#[derive(Debug, Clone, Default, Hash, PartialEq, Eq)]
pub struct ListIndex {
    /// `meta.front_fp` of each plan, task, disclosure, update and page, in list order.
    pub fronts: [Vec<u64>; 5],
    /// `meta.fp` of each, the same way.
    pub fps: [Vec<u64>; 5],
    /// Fingerprint of the slugs of every list, in order: the pages there are.
    pub shape: u64,
    /// The category of each disclosure, as an index into `categories`.
    pub disclosure_category: Vec<u32>,
    /// The categories disclosures name, in order of first use.
    pub categories: Vec<String>,
    /// The disclosures that have attachments.
    pub with_attachments: Vec<u32>,
    /// The items that are page bundles (`name/index.md`): (list, index in it).
    pub bundles: Vec<(u8, u32)>,
    /// Task slug → the disclosures whose `task:` names it, in list order.
    pub evidence: BTreeMap<String, Vec<u32>>,
    /// Disclosure → its relations to other disclosures (`replaces`, `amends`), both ways.
    pub related: BTreeMap<u32, Vec<(super::Rel, u32)>>,
    /// The disclosures that have a consultation, in list order.
    pub consultations: Vec<u32>,
}

/// Indexes of `ListIndex::fronts`.
pub mod list {
    /// Plans.
    pub const PLANS: usize = 0;
    /// Tasks.
    pub const TASKS: usize = 1;
    /// Disclosures.
    pub const DISCLOSURES: usize = 2;
    /// Updates.
    pub const UPDATES: usize = 3;
    /// Pages.
    pub const PAGES: usize = 4;
}

impl ListIndex {
    pub(super) fn of(m: &Model) -> ListIndex {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        let mut fronts: [Vec<u64>; 5] = Default::default();
        let mut fps: [Vec<u64>; 5] = Default::default();
        let metas: [Vec<&Meta>; 5] = [
            m.plans.iter().map(|x| &x.meta).collect(),
            m.tasks.iter().map(|x| &x.meta).collect(),
            m.disclosures.iter().map(|x| &x.meta).collect(),
            m.updates.iter().map(|x| &x.meta).collect(),
            m.pages.iter().map(|x| &x.meta).collect(),
        ];
        let mut bundles = Vec::new();
        for (k, list) in metas.iter().enumerate() {
            bundles.extend(
                list.iter()
                    .enumerate()
                    .filter(|(_, m)| m.bundle)
                    .map(|(i, _)| (k as u8, i as u32)),
            );
            fronts[k] = list.iter().map(|x| x.front_fp).collect();
            fps[k] = list.iter().map(|x| x.fp).collect();
            list.len().hash(&mut h);
            for x in list {
                x.slug.hash(&mut h);
            }
        }
        let mut categories: Vec<String> = Vec::new();
        let mut seen: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
        let disclosure_category = m
            .disclosures
            .iter()
            .map(|d| {
                *seen.entry(d.category.as_str()).or_insert_with(|| {
                    categories.push(d.category.clone());
                    (categories.len() - 1) as u32
                })
            })
            .collect();
        let with_attachments = (0..m.disclosures.len())
            .filter(|&i| !m.disclosures[i].attachments.is_empty())
            .map(|i| i as u32)
            .collect();
        let mut evidence: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (i, d) in m.disclosures.iter().enumerate() {
            if let Some(t) = &d.task {
                evidence.entry(t.clone()).or_default().push(i as u32);
            }
        }
        let consultations = (0..m.disclosures.len())
            .filter(|&i| m.disclosures[i].consultation.is_some())
            .map(|i| i as u32)
            .collect();
        ListIndex {
            related: super::validity::relations(m),
            consultations,
            fronts,
            fps,
            shape: h.finish(),
            disclosure_category,
            categories,
            with_attachments,
            bundles,
            evidence,
        }
    }
}
