//! A unit's page (the tasks it leads and takes part in, `per_page` of each a page, its
//! contacts) and the list of units.

use serde::Serialize;

use super::Made;
use super::parts::{UnitView, unit_view};
use crate::date::Date;
use crate::render::ctx::{Aggregates, Ctx};
use crate::render::view::Pagination;
use crate::routes::Paged;

#[derive(Serialize)]
pub(crate) struct UnitPage {
    unit: UnitView,
    pagination: Pagination,
}

#[derive(Serialize)]
pub(crate) struct UnitsPage {
    items: Vec<UnitView>,
}

/// The unit's place in the data file (the data is global), how many tasks each of its lists
/// has, and the front matter of the page's tasks.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize, n: usize) -> u64 {
    let p = Paged::Unit(i);
    let (lead, partner) = ctx.paged.lists(p);
    let (a, b) = ctx.item_page(p, n);
    let fronts = &ctx.model.index.fronts[crate::model::list::TASKS];
    let rows: Vec<u64> = a.iter().chain(b).map(|&k| fronts[k]).collect();
    crate::fingerprint::of(&(7u8, i, n, lead.len(), partner.len(), rows))
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize, n: usize) -> Made<UnitPage> {
    let unit = unit_view(ctx, i, Some(n));
    let title = ctx.page_title(&unit.name, n);
    Made {
        template: "unit.html",
        kind: "unit",
        title,
        view: UnitPage {
            unit,
            pagination: ctx.item_pagination(Paged::Unit(i), n),
        },
    }
}

/// The newest date of the page's tasks.
pub(super) fn updated(ctx: &Ctx<'_>, i: usize, n: usize) -> Option<Date> {
    let (a, b) = ctx.item_page(Paged::Unit(i), n);
    a.iter()
        .chain(b)
        .filter_map(|&k| ctx.model.tasks[k].last_updated())
        .max()
}

/// Every task's front matter (the lists of units and of dimensions show them all).
pub(super) fn index_fingerprint(agg: &Aggregates<'_>) -> u64 {
    crate::fingerprint::of(&(11u8, agg.tasks))
}

pub(super) fn index_view(ctx: &Ctx<'_>) -> Made<UnitsPage> {
    Made {
        template: "units.html",
        kind: "units",
        title: ctx.t.get("title_units").to_string(),
        view: UnitsPage {
            items: (0..ctx.reg.units.items.len())
                .map(|i| unit_view(ctx, i, None))
                .collect(),
        },
    }
}

/// The newest date of every task (the lists of units and of dimensions).
pub(super) fn index_updated(ctx: &Ctx<'_>) -> Option<Date> {
    ctx.model.tasks.iter().filter_map(|t| t.last_updated()).max()
}
