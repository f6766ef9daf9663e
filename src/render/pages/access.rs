//! The access-to-information section (chuyên mục tiếp cận thông tin): one page that links
//! what a citizen needs to get information from the office: the list of what is disclosed,
//! whom to ask, how to ask, and what is given only on request. A part the site lacks is left
//! out (and `validate` warns about it).

use serde::Serialize;

use super::Made;
use crate::config::FocalPoint;
use crate::date::Date;
use crate::layout::Section;
use crate::render::ctx::{Aggregates, Ctx};
use crate::routes;

#[derive(Serialize)]
pub(crate) struct AccessPage {
    disclosure_list: String,
    focal_point: Option<FocalPoint>,
    request: Option<PageLink>,
    on_request: Vec<OnRequest>,
}

#[derive(Serialize)]
struct PageLink {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct OnRequest {
    name: String,
    url: String,
    description: Option<String>,
    count: usize,
}

/// The request page (its slug, and its index if it exists).
fn request_page(ctx: &Ctx<'_>) -> Option<usize> {
    let slug = ctx.cfg.request_page_slug();
    ctx.model.pages.iter().position(|p| p.meta.slug == slug)
}

/// The focal point and the request page's title from the settings; which categories are
/// given on request (site-wide data) and how many items each has.
pub(super) fn fingerprint(ctx: &Ctx<'_>, agg: &Aggregates<'_>) -> u64 {
    let request = request_page(ctx).map(|i| (&ctx.model.pages[i].meta.slug, &ctx.model.pages[i].title));
    let counts: Vec<usize> = on_request(ctx)
        .map(|id| agg.by_category.get(id).map_or(0, Vec::len))
        .collect();
    crate::fingerprint::of(&(18u8, &ctx.cfg.focal_point, request, counts))
}

fn on_request<'a>(ctx: &'a Ctx<'_>) -> impl Iterator<Item = &'a str> {
    ctx.reg
        .categories
        .items
        .iter()
        .filter(|c| c.on_request == Some(true))
        .filter_map(|c| c.id.as_deref())
}

pub(super) fn view(ctx: &Ctx<'_>) -> Made<AccessPage> {
    let request = request_page(ctx).map(|i| {
        let p = &ctx.model.pages[i];
        PageLink {
            title: p.title.clone(),
            url: ctx.link(&routes::item(Section::Page, &p.meta.slug)),
        }
    });
    let on_request = on_request(ctx)
        .filter_map(|id| ctx.reg.categories.get(id))
        .map(|c| {
            let id = c.id.as_deref().unwrap_or("");
            OnRequest {
                name: c.name.clone().unwrap_or_default(),
                url: ctx.link(&routes::category(id)),
                description: c.description.clone(),
                count: ctx.model.disclosures.iter().filter(|d| d.category == id).count(),
            }
        })
        .collect();
    Made {
        template: "access.html",
        kind: "access",
        title: ctx.t.get("title_access").to_string(),
        view: AccessPage {
            disclosure_list: ctx.link(routes::DISCLOSURE_LIST),
            focal_point: ctx.cfg.focal_point.clone(),
            request,
            on_request,
        },
    }
}

/// The request page's own date, if it has one.
pub(super) fn updated(ctx: &Ctx<'_>) -> Option<Date> {
    request_page(ctx).and_then(|i| ctx.model.pages[i].meta.updated)
}
