//! A disclosure category's page (its disclosures, how fresh it is) and the list of
//! categories.

use serde::Serialize;

use super::Made;
use super::parts::{CategoryView, category_index, category_view};
use crate::date::Date;
use crate::render::ctx::{Aggregates, Ctx};

#[derive(Serialize)]
pub(crate) struct CategoryPage {
    category: CategoryView,
}

#[derive(Serialize)]
pub(crate) struct CategoriesPage {
    items: Vec<CategoryView>,
}

/// The category's place in the data file and the front matter of its disclosures.
pub(super) fn fingerprint(ctx: &Ctx<'_>, i: usize, agg: &Aggregates<'_>) -> u64 {
    let id = ctx.reg.categories.items[i].id.as_deref().unwrap_or("");
    crate::fingerprint::of(&(9u8, i, agg.by_category.get(id)))
}

pub(super) fn view(ctx: &Ctx<'_>, i: usize) -> Made<CategoryPage> {
    let category = category_view(ctx, &ctx.reg.categories.items[i], true);
    Made {
        template: "category.html",
        kind: "category",
        title: category.name.clone(),
        view: CategoryPage { category },
    }
}

/// The newest date of the category's disclosures.
pub(super) fn updated(ctx: &Ctx<'_>, i: usize) -> Option<Date> {
    let id = ctx.reg.categories.items[i].id.as_deref().unwrap_or("");
    ctx.model
        .disclosures
        .iter()
        .filter(|d| d.category == id)
        .map(|d| d.last_updated())
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
