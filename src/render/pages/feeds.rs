//! The feeds a page announces (a category's, a task's: `<link rel="alternate">` and a
//! visible link), and the page that lists every feed (`subscribe/`, its task feeds
//! paginated).

use serde::Serialize;

use super::Made;
use crate::model::Translation;
use crate::render::ctx::Ctx;
use crate::render::view::Pagination;
use crate::routes::{self, Job};

/// A feed, as a page links to it.
#[derive(Serialize)]
pub(super) struct FeedLink {
    /// What it is about: the category's name, the task's code and title, the site's title.
    name: String,
    /// The feed's title (for `<link title>`), in the page's language.
    title: String,
    /// Root-relative URL of the feed.
    url: String,
}

#[derive(Serialize)]
pub(crate) struct SubscribePage {
    site_feed: FeedLink,
    /// Every category's feed on page 1, none on the others.
    categories: Vec<FeedLink>,
    /// The task feeds of this page.
    tasks: Vec<FeedLink>,
    pagination: Pagination,
}

/// The feed of the category at index `i` of the data file.
fn category_feed(ctx: &Ctx<'_>, i: usize) -> FeedLink {
    let id = ctx.reg.categories.items[i].id.as_deref().unwrap_or("");
    let name = ctx.category_ref(id).name;
    FeedLink {
        title: ctx
            .t
            .fill("feed_title_category", &[("name", &name), ("site", &ctx.cfg.title)]),
        url: ctx.link(&routes::category_feed(id)),
        name,
    }
}

/// The feed of the task at index `i`, named with `title` (a translation's, else its own).
fn task_feed(ctx: &Ctx<'_>, i: usize, title: Option<&str>) -> FeedLink {
    let t = ctx.ts(i);
    let title = title.unwrap_or(&t.title);
    let name = match &t.code {
        Some(code) => format!("{code}. {title}"),
        None => title.to_string(),
    };
    FeedLink {
        title: ctx
            .t
            .fill("feed_title_task", &[("name", &name), ("site", &ctx.cfg.title)]),
        url: ctx.link(&routes::task_feed(&t.slug)),
        name,
    }
}

/// The feeds of what the page `job` is about: a category's or a task's (none for others).
/// Their fingerprints are the pages' own: the category's place and name, the task's file
/// and its translation's.
pub(super) fn links(ctx: &Ctx<'_>, job: Job, tr: Option<&Translation>) -> Vec<FeedLink> {
    match job {
        Job::Category(i) => vec![category_feed(ctx, i)],
        Job::Task(i) => vec![task_feed(ctx, i, tr.and_then(|t| t.title.as_deref()))],
        _ => Vec::new(),
    }
}

/// The front matter of the page's tasks and how many tasks there are (the categories and
/// the site's title are site-wide).
pub(super) fn fingerprint(ctx: &Ctx<'_>, n: usize) -> u64 {
    let m = ctx.model;
    let range = ctx.page_range(n, m.tasks.len());
    let fronts = &m.index.fronts[crate::model::list::TASKS][range];
    crate::fingerprint::of(&(21u8, n, m.tasks.len(), fronts))
}

pub(super) fn view(ctx: &Ctx<'_>, n: usize) -> Made<SubscribePage> {
    let title = ctx.page_title(ctx.t.get("title_subscribe"), n);
    let categories = match n {
        1 => (0..ctx.reg.categories.items.len())
            .filter(|&i| ctx.reg.categories.items[i].id.is_some())
            .map(|i| category_feed(ctx, i))
            .collect(),
        _ => Vec::new(),
    };
    let tasks = ctx
        .page_range(n, ctx.model.tasks.len())
        .map(|i| task_feed(ctx, i, None))
        .collect();
    let pagination = ctx.paginate(ctx.model.tasks.len(), n, |k| ctx.link(&routes::subscribe(k)));
    Made {
        template: "subscribe.html",
        kind: "subscribe",
        title,
        view: SubscribePage {
            site_feed: FeedLink {
                name: ctx.cfg.title.clone(),
                title: ctx.cfg.title.clone(),
                url: ctx.link("feed.xml"),
            },
            categories,
            tasks,
            pagination,
        },
    }
}
