//! What the sitemap says of each page: its address, the date its content last changed (the
//! page's own "last updated" date) and its language versions. Made here, beside the pages'
//! own dates and language links, so that the sitemap and the pages cannot disagree.

use std::collections::BTreeMap;

use crate::date::Date;
use crate::render::Inputs;
use crate::render::ctx::Ctx;
use crate::routes::{self, Job};

/// One page of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SitemapPage {
    /// Site path (`tasks/x/`, `` for the home page).
    pub path: String,
    /// When its content last changed (see `lastmod`).
    pub lastmod: Date,
    /// Its language versions when it has a translation, itself included: `(lang, absolute
    /// URL)`, the original first (also the `x-default` version); empty otherwise.
    pub alternates: Vec<(String, String)>,
}

/// Every page the sitemap lists (not the 404 page, nor the old addresses of renamed items,
/// which only send readers on), in the order of `routes::jobs`.
pub fn sitemap_pages(inputs: &Inputs<'_>) -> Vec<SitemapPage> {
    let (cfg, model) = (inputs.cfg, inputs.model);
    let i18n = BTreeMap::new();
    let filters = routes::task_filters(model, inputs.reg);
    let paged = std::sync::Arc::new(routes::PagedLists::of(model, inputs.reg));
    let ctx = Ctx::new(inputs, &i18n, &cfg.language, filters, paged);
    let newest = newest(&ctx);
    routes::jobs(cfg, model, inputs.reg, &ctx.filters, &ctx.paged)
        .into_iter()
        .filter(|(path, job)| routes::in_sitemap(path, *job))
        .map(|(path, job)| {
            let site_path = path.trim_end_matches("index.html").to_string();
            let (date, alternates) = match job {
                Job::Translated(k) => {
                    let tr = &model.translations[k];
                    let original = routes::original_job(model, tr).map(|(_, j)| j);
                    let date = tr.updated.or_else(|| original.and_then(|j| lastmod(&ctx, j)));
                    (date, super::alternates(&ctx, job, &site_path, Some(tr)))
                }
                _ => (lastmod(&ctx, job), super::alternates(&ctx, job, &site_path, None)),
            };
            SitemapPage {
                path: site_path,
                lastmod: date.unwrap_or(newest),
                alternates: alternates.into_iter().map(|a| (a.lang, a.href)).collect(),
            }
        })
        .collect()
}

/// The date a page's content last changed: its "last updated" date; for the report of what
/// the office owes, which counts days from today, today.
fn lastmod(ctx: &Ctx<'_>, job: Job) -> Option<Date> {
    match job {
        Job::Compliance => Some(ctx.today),
        _ => super::updated(ctx, job),
    }
}

/// The newest date of the site's content: the date of the pages that have none of their own
/// (search, a free page without `updated`); today when the site has no dated content at all.
fn newest(ctx: &Ctx<'_>) -> Date {
    let m = ctx.model;
    [
        m.home.as_ref().and_then(|h| h.updated),
        m.plans.iter().map(|p| p.last_updated()).max(),
        m.tasks.iter().filter_map(|t| t.last_updated()).max(),
        m.disclosures.iter().map(|d| d.last_updated()).max(),
        m.updates.iter().map(|u| u.last_updated()).max(),
        m.pages.iter().filter_map(|p| p.meta.updated).max(),
        m.translations.iter().filter_map(|t| t.updated).max(),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(ctx.today)
}
