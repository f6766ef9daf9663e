//! A disclosure category's page (its disclosures and its withdrawn ones, `per_page` of each a
//! page, how fresh it is) and the list of categories.

use serde::Serialize;

use super::Made;
use super::parts::{CategoryView, category_index, category_latest, category_view};
use crate::date::Date;
use crate::render::ctx::{Aggregates, Ctx};
use crate::render::view::Pagination;
use crate::routes::Paged;

#[derive(Serialize)]
pub(crate) struct CategoryPage {
    category: CategoryView,
    pagination: Pagination,
}

#[derive(Serialize)]
pub(crate) struct CategoriesPage {
    items: Vec<CategoryView>,
}

/// The category's place in the data file, how many disclosures each of its lists has, its
/// newest date, and what a list shows of the page's disclosures.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize, n: usize) -> u64 {
    let p = Paged::Category(i);
    let (current, withdrawn) = ctx.paged.lists(p);
    let (a, b) = ctx.item_page(p, n);
    let rows: Vec<u64> = a.iter().chain(b).map(|&k| ctx.disclosure_keys[k]).collect();
    let latest = category_latest(ctx, i);
    crate::fingerprint::of(&(9u8, i, n, current.len(), withdrawn.len(), latest, rows))
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize, n: usize) -> Made<CategoryPage> {
    let category = category_view(ctx, i, Some(n));
    let title = ctx.page_title(&category.name, n);
    Made {
        template: "category.html",
        kind: "category",
        title,
        view: CategoryPage {
            category,
            pagination: ctx.item_pagination(Paged::Category(i), n),
        },
    }
}

/// The newest date of the category's disclosures (page 1, which shows the newest), of the
/// page's disclosures (the others).
pub(super) fn updated(ctx: &Ctx<'_>, i: usize, n: usize) -> Option<Date> {
    let p = Paged::Category(i);
    let (a, b) = if n == 1 {
        ctx.paged.lists(p)
    } else {
        ctx.item_page(p, n)
    };
    a.iter()
        .chain(b)
        .map(|&k| ctx.model.disclosures[k].last_updated())
        .max()
}

/// Every disclosure's front matter (the list of categories and the search page show
/// categories with their counts and freshness).
pub(super) fn index_fingerprint(agg: &Aggregates<'_>) -> u64 {
    crate::fingerprint::of(&(12u8, agg.disclosures))
}

pub(super) fn index_view(ctx: &Ctx<'_>) -> Made<CategoriesPage> {
    Made {
        template: "categories.html",
        kind: "categories",
        title: ctx.t.get("title_categories").to_string(),
        view: CategoriesPage {
            items: category_index(ctx),
        },
    }
}

/// The newest date of every disclosure.
pub(super) fn index_updated(ctx: &Ctx<'_>) -> Option<Date> {
    ctx.model.disclosures.iter().map(|d| d.last_updated()).max()
}
