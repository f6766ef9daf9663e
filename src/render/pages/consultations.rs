//! Public consultations (lấy ý kiến): the disclosures that ask for comments, those open now
//! first (closing soonest first), then those still to open, then those closed (newest first),
//! paginated; and the few open now that the home page shows.

use serde::Serialize;

use super::Made;
use crate::date::Date;
use crate::model::ConsultationState;
use crate::render::ctx::Ctx;
use crate::render::view::*;
use crate::routes;

#[derive(Serialize)]
pub(crate) struct ConsultationsPage<'a> {
    items: Vec<&'a DisclosureSummary>,
    /// How many are open today.
    open_count: usize,
    pagination: Pagination,
}

/// The disclosures with a consultation, in the order shown (indexes into `model.disclosures`),
/// and how many of them are open on `ctx.today`.
pub(super) fn order(ctx: &Ctx<'_>) -> (Vec<usize>, usize) {
    let m = ctx.model;
    let mut all: Vec<(u8, i64, usize)> = m
        .index
        .consultations
        .iter()
        .filter_map(|&i| {
            let c = m.disclosures[i as usize].consultation.as_ref()?;
            let day = |d: Date| i64::from(chrono::Datelike::num_days_from_ce(&d));
            Some(match c.state(ctx.today) {
                ConsultationState::Open => (0, day(c.close), i as usize),
                ConsultationState::Upcoming => (1, day(c.open), i as usize),
                ConsultationState::Closed => (2, -day(c.close), i as usize),
            })
        })
        .collect();
    all.sort_unstable();
    let open = all.iter().filter(|(rank, ..)| *rank == 0).count();
    (all.into_iter().map(|(.., i)| i).collect(), open)
}

/// Every consultation's disclosure (the order and the count depend on all of them).
pub(super) fn fingerprint(ctx: &Ctx<'_>, n: usize) -> u64 {
    let keys: Vec<u64> = ctx
        .model
        .index
        .consultations
        .iter()
        .map(|&i| ctx.disclosure_keys[i as usize])
        .collect();
    crate::fingerprint::of(&(30u8, n, keys))
}

pub(super) fn view<'a>(ctx: &'a Ctx<'_>, n: usize) -> Made<ConsultationsPage<'a>> {
    let (all, open_count) = order(ctx);
    let range = ctx.page_range(n, all.len());
    let title = ctx.page_title(ctx.t.get("title_consultations"), n);
    Made {
        template: "consultations.html",
        kind: "consultations",
        title,
        view: ConsultationsPage {
            items: all[range].iter().map(|&i| ctx.ds(i)).collect(),
            open_count,
            pagination: ctx.paginate(all.len(), n, |k| ctx.link(&routes::consultations(k))),
        },
    }
}

/// The newest date among the page's items.
pub(super) fn updated(ctx: &Ctx<'_>, n: usize) -> Option<Date> {
    let (all, _) = order(ctx);
    all[ctx.page_range(n, all.len())]
        .iter()
        .map(|&i| ctx.model.disclosures[i].last_updated())
        .max()
}

/// The consultations open today, closing soonest first, at most `limit`, and how many there
/// are in all (for the home page).
pub(super) fn open_now<'a>(ctx: &'a Ctx<'_>, limit: usize) -> (Vec<&'a DisclosureSummary>, usize) {
    let (all, open) = order(ctx);
    (all[..open.min(limit)].iter().map(|&i| ctx.ds(i)).collect(), open)
}
