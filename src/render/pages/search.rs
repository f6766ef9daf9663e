//! The search page: the form, the sections and categories to narrow by (the index itself is
//! made by `crate::search`).

use serde::Serialize;

use super::Made;
use super::lists::title_key;
use super::parts::{CategoryView, category_index};
use crate::render::ctx::{Aggregates, Ctx};
use crate::routes::{self, ListKind};

#[derive(Serialize)]
pub(crate) struct SearchPage {
    categories: Vec<CategoryView>,
    sections: Vec<Section>,
}

/// A section to narrow the results to.
#[derive(Serialize)]
struct Section {
    name: String,
    url: String,
}

/// Every disclosure's front matter (the categories it shows count them).
pub(super) fn fingerprint(agg: &Aggregates<'_>) -> u64 {
    super::categories::index_fingerprint(agg)
}

pub(super) fn view(ctx: &Ctx<'_>) -> Made<SearchPage> {
    let sections = ListKind::ALL
        .iter()
        .map(|&k| Section {
            name: ctx.t.get(title_key(k)).to_string(),
            url: ctx.link(&routes::list(k, 1)),
        })
        .collect();
    Made {
        template: "search.html",
        kind: "search",
        title: ctx.t.get("title_search").to_string(),
        view: SearchPage {
            categories: category_index(ctx),
            sections,
        },
    }
}
