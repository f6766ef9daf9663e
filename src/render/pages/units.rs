//! A unit's page (the tasks it leads and takes part in, its contacts) and the list of units.

use serde::Serialize;

use super::Made;
use super::parts::{UnitView, unit_view};
use crate::date::Date;
use crate::render::ctx::{Aggregates, Ctx};

#[derive(Serialize)]
pub(crate) struct UnitPage {
    unit: UnitView,
}

#[derive(Serialize)]
pub(crate) struct UnitsPage {
    items: Vec<UnitView>,
}

/// The unit's place in the data file (the data is global) and its tasks' front matter.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize) -> u64 {
    let id = ctx.reg.units.items[i].id.as_deref().unwrap_or("");
    let tasks: Vec<u64> = ctx
        .model
        .tasks
        .iter()
        .filter(|t| t.lead == id || t.partners.iter().any(|p| p == id))
        .map(|t| t.meta.front_fp)
        .collect();
    crate::fingerprint::of(&(7u8, i, tasks))
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize) -> Made<UnitPage> {
    let unit = unit_view(ctx, &ctx.reg.units.items[i]);
    Made {
        template: "unit.html",
        kind: "unit",
        title: unit.name.clone(),
        view: UnitPage { unit },
    }
}

/// The newest date of the unit's tasks.
pub(super) fn updated(ctx: &Ctx<'_>, i: usize) -> Option<Date> {
    let id = ctx.reg.units.items[i].id.as_deref().unwrap_or("");
    ctx.model
        .tasks
        .iter()
        .filter(|t| t.lead == id || t.partners.iter().any(|p| p == id))
        .filter_map(|t| t.last_updated())
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
            items: ctx.reg.units.items.iter().map(|u| unit_view(ctx, u)).collect(),
        },
    }
}

/// The newest date of every task (the lists of units and of dimensions).
pub(super) fn index_updated(ctx: &Ctx<'_>) -> Option<Date> {
    ctx.model.tasks.iter().filter_map(|t| t.last_updated()).max()
}
