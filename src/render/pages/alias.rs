//! An old address of a renamed item (`aliases:`): a small page that sends the reader on to
//! the item's page (an immediate refresh, a canonical link, and a plain link for those the
//! refresh does not move), so that links and bookmarks to the old address keep working.

use serde::Serialize;

use super::Made;
use crate::layout::Section;
use crate::render::ctx::Ctx;
use crate::routes;

#[derive(Serialize)]
pub(crate) struct AliasPage {
    /// The item's page, root-relative and absolute.
    target: String,
    target_absolute: String,
    target_title: String,
}

/// The alias and the item's slug and title.
pub(super) fn fingerprint(ctx: &Ctx<'_>, section: Section, i: usize, k: usize) -> u64 {
    let target = routes::alias_target(ctx.model, section, i);
    let alias = target.and_then(|(meta, _)| meta.aliases.get(k));
    let item = target.map(|(meta, title)| (&meta.slug, title));
    crate::fingerprint::of(&(20u8, section.folder(), alias, item))
}

pub(super) fn view(ctx: &Ctx<'_>, section: Section, i: usize) -> Made<AliasPage> {
    let (slug, title) = routes::alias_target(ctx.model, section, i).map_or(("", ""), |(m, t)| (m.slug.as_str(), t));
    let path = routes::item(section, slug);
    Made {
        template: "redirect.html",
        kind: "redirect",
        title: ctx.t.get("redirect_title").to_string(),
        view: AliasPage {
            target: ctx.link(&path),
            target_absolute: ctx.cfg.base.permalink(&path),
            target_title: title.to_string(),
        },
    }
}
