//! A PAPI dimension's page (its tasks and their progress) and the list of dimensions.

use serde::Serialize;

use super::Made;
use super::parts::{DimensionView, dimension_view};
use crate::date::Date;
use crate::render::ctx::{Aggregates, Ctx};

#[derive(Serialize)]
pub(crate) struct DimensionPage {
    dimension: DimensionView,
}

#[derive(Serialize)]
pub(crate) struct DimensionsPage {
    items: Vec<DimensionView>,
}

/// The dimension's place in the data file and its tasks' front matter.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize) -> u64 {
    let id = ctx.reg.dimensions.items[i].id.as_deref().unwrap_or("");
    let tasks: Vec<u64> = ctx
        .model
        .tasks
        .iter()
        .filter(|t| t.dimension == id)
        .map(|t| t.meta.front_fp)
        .collect();
    crate::fingerprint::of(&(8u8, i, tasks))
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize) -> Made<DimensionPage> {
    let dimension = dimension_view(ctx, &ctx.reg.dimensions.items[i]);
    Made {
        template: "dimension.html",
        kind: "dimension",
        title: dimension.name.clone(),
        view: DimensionPage { dimension },
    }
}

/// The newest date of the dimension's tasks.
pub(super) fn updated(ctx: &Ctx<'_>, i: usize) -> Option<Date> {
    let id = ctx.reg.dimensions.items[i].id.as_deref().unwrap_or("");
    ctx.model
        .tasks
        .iter()
        .filter(|t| t.dimension == id)
        .filter_map(|t| t.last_updated())
        .max()
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
            items: ctx
                .reg
                .dimensions
                .items
                .iter()
                .map(|d| dimension_view(ctx, d))
                .collect(),
        },
    }
}
