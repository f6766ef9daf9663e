//! A PAPI dimension's page (its tasks, `per_page` a page, and their progress) and the list
//! of dimensions.

use serde::Serialize;

use super::Made;
use super::parts::{DimensionView, dimension_view};
use crate::date::Date;
use crate::render::ctx::{Aggregates, Ctx};
use crate::render::view::Pagination;
use crate::routes::Paged;

#[derive(Serialize)]
pub(crate) struct DimensionPage {
    dimension: DimensionView,
    pagination: Pagination,
}

#[derive(Serialize)]
pub(crate) struct DimensionsPage {
    items: Vec<DimensionView>,
}

/// The dimension's place in the data file and the front matter of its tasks: all of them on
/// page 1 (it shows their average progress), the page's on the others (with their number).
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize, n: usize) -> u64 {
    let p = Paged::Dimension(i);
    let (all, _) = ctx.paged.lists(p);
    let rows = if n == 1 { all } else { ctx.item_page(p, n).0 };
    let fronts = &ctx.model.index.fronts[crate::model::list::TASKS];
    let rows: Vec<u64> = rows.iter().map(|&k| fronts[k]).collect();
    crate::fingerprint::of(&(8u8, i, n, all.len(), rows))
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize, n: usize) -> Made<DimensionPage> {
    let dimension = dimension_view(ctx, i, Some(n));
    let title = ctx.page_title(&dimension.name, n);
    Made {
        template: "dimension.html",
        kind: "dimension",
        title,
        view: DimensionPage {
            dimension,
            pagination: ctx.item_pagination(Paged::Dimension(i), n),
        },
    }
}

/// The newest date of the dimension's tasks (page 1), of the page's tasks (the others).
pub(super) fn updated(ctx: &Ctx<'_>, i: usize, n: usize) -> Option<Date> {
    let p = Paged::Dimension(i);
    let rows = if n == 1 {
        ctx.paged.lists(p).0
    } else {
        ctx.item_page(p, n).0
    };
    rows.iter().filter_map(|&k| ctx.model.tasks[k].last_updated()).max()
}

/// Every task's front matter.
pub(super) fn index_fingerprint(agg: &Aggregates<'_>) -> u64 {
    super::units::index_fingerprint(agg)
}

pub(super) fn index_view(ctx: &Ctx<'_>) -> Made<DimensionsPage> {
    Made {
        template: "dimensions.html",
        kind: "dimensions",
        title: ctx.t.get("title_dimensions").to_string(),
        view: DimensionsPage {
            items: (0..ctx.reg.dimensions.items.len())
                .map(|i| dimension_view(ctx, i, None))
                .collect(),
        },
    }
}
