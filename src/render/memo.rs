//! What rendering keeps between the builds of a `watch` or `serve` session: the list of
//! pages with its key, and each page's bytes with the fingerprint of what it was made from.

use std::sync::Arc;

use crate::config::SiteConfig;
use crate::data::Registry;
use crate::model::Model;
use crate::routes::{self, Jobs, TaskFilter};

/// Pages rendered by the previous build. A page whose fingerprint has not changed is not
/// rendered again; a one-shot build starts from an empty memo.
#[derive(Debug, Default)]
pub struct Memo {
    /// Path → (fingerprint, bytes, the fingerprint of the page's values in a debug build).
    pub(super) pages: rustc_hash::FxHashMap<String, (u64, Arc<Vec<u8>>, u64)>,
    /// The jobs of the last build and their key (`routes::jobs_key`).
    jobs: Option<(u64, Arc<Jobs>)>,
    /// Pages rendered by the last build (the others came from the memo).
    pub rendered: usize,
}

impl Memo {
    /// The pages of the site: the last build's list while its key is the same.
    pub(super) fn jobs(
        &mut self,
        cfg: &SiteConfig,
        model: &Model,
        reg: &Registry,
        filters: &[(TaskFilter, Vec<usize>)],
        paged: &routes::PagedLists,
    ) -> Arc<Jobs> {
        let key = routes::jobs_key(cfg, model, reg, filters, paged);
        match &self.jobs {
            Some((k, j)) if *k == key => Arc::clone(j),
            _ => {
                let j = Arc::new(routes::jobs(cfg, model, reg, filters, paged));
                self.jobs = Some((key, Arc::clone(&j)));
                j
            }
        }
    }

    /// The bytes kept for `path` if they were made from `fp`.
    pub(super) fn get(&self, path: &str, fp: Option<u64>) -> Option<(Arc<Vec<u8>>, u64)> {
        let fp = fp?;
        self.pages
            .get(path)
            .filter(|(old, _, _)| *old == fp)
            .map(|(_, bytes, check)| (Arc::clone(bytes), *check))
    }

    /// Forgets the pages whose path is not among `live` (a renamed or deleted item).
    pub(super) fn retain(&mut self, live: &Jobs) {
        if self.pages.len() > live.len() {
            let live: rustc_hash::FxHashSet<&str> = live.iter().map(|(p, _)| p.as_str()).collect();
            self.pages.retain(|p, _| live.contains(p.as_str()));
        }
    }
}
