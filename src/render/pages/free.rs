//! A free page (contact, about, accessibility statement).

use std::sync::Arc;

use serde::Serialize;

use super::Made;
use crate::model::Translation;
use crate::render::ctx::Ctx;

#[derive(Serialize)]
pub(crate) struct FreePage {
    page: FreeView,
}

#[derive(Serialize)]
struct FreeView {
    slug: String,
    title: String,
    content: Arc<str>,
}

/// The page's file alone.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize) -> u64 {
    crate::fingerprint::of(&(5u8, ctx.model.pages[i].meta.fp))
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize, tr: Option<&Translation>) -> Made<FreePage> {
    let p = &ctx.model.pages[i];
    let title = tr.and_then(|t| t.title.clone()).unwrap_or_else(|| p.title.clone());
    Made {
        template: "page.html",
        kind: "page",
        title: title.clone(),
        view: FreePage {
            page: FreeView {
                slug: p.meta.slug.clone(),
                title,
                content: tr.map(|t| t.html.clone()).unwrap_or_else(|| p.meta.html.clone()),
            },
        },
    }
}
