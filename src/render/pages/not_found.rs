//! The page for addresses that are not there (`404.html`).

use serde::Serialize;

use super::Made;
use crate::render::ctx::Ctx;

#[derive(Serialize)]
pub(crate) struct NotFoundPage {}

/// Nothing but the site-wide values.
pub(super) fn fingerprint() -> u64 {
    13
}

pub(super) fn view(ctx: &Ctx<'_>) -> Made<NotFoundPage> {
    Made {
        template: "404.html",
        kind: "404",
        title: ctx.t.get("title_not_found").to_string(),
        view: NotFoundPage {},
    }
}
