//! The Atom feeds (of the site, of a category, of a task: each the newest disclosures and
//! updates it is about).

use super::Open;
use crate::date::{Date, iso};
use crate::escape::html as xml_escape;
use crate::layout::Section;
use crate::model::{Disclosure, Update, Withdrawal};

const FEED_ENTRIES: usize = 50;

/// One entry of a feed.
pub(super) struct Entry {
    date: Date,
    title: String,
    url: String,
    /// Its Atom id: the page's URL, with `#withdrawn` for the entry of a withdrawal.
    id: String,
    summary: String,
    category: Option<(String, String)>,
}

/// An item a feed shows, before its entry is made: choosing them is cheap, making their
/// entries (excerpts) is not, and is done only for a feed whose picks changed.
#[derive(Clone, Copy)]
pub(super) enum Pick<'m> {
    Disclosure(&'m Disclosure),
    Update(&'m Update),
    /// The entry of a withdrawal, on its own day.
    WithdrawnDisclosure(&'m Disclosure, &'m Withdrawal),
    WithdrawnUpdate(&'m Update, &'m Withdrawal),
}

impl Pick<'_> {
    pub(super) fn date(&self) -> Date {
        match self {
            Pick::Disclosure(d) => d.published,
            Pick::Update(u) => u.date,
            Pick::WithdrawnDisclosure(_, w) | Pick::WithdrawnUpdate(_, w) => w.date,
        }
    }

    /// The fingerprint of everything its entry is made from (the whole item: the summary
    /// comes from its body), and which entry it is.
    pub(super) fn fp(&self) -> u64 {
        match self {
            Pick::Disclosure(d) => crate::fingerprint::of(&(1u8, d.meta.fp)),
            Pick::Update(u) => crate::fingerprint::of(&(2u8, u.meta.fp)),
            Pick::WithdrawnDisclosure(d, _) => crate::fingerprint::of(&(3u8, d.meta.fp)),
            Pick::WithdrawnUpdate(u, _) => crate::fingerprint::of(&(4u8, u.meta.fp)),
        }
    }

    /// Its entry.
    pub(super) fn entry(&self, ctx: &Open<'_>) -> Entry {
        match *self {
            Pick::Disclosure(d) => disclosure_entry(ctx, d),
            Pick::Update(u) => update_entry(ctx, u),
            Pick::WithdrawnDisclosure(d, w) => withdrawal_entry(ctx, w, &d.title, disclosure_link(ctx, d)),
            Pick::WithdrawnUpdate(u, w) => withdrawal_entry(ctx, w, &u.title, update_link(ctx, u)),
        }
    }
}

/// The newest of `ds` and `us` (each newest first, then by slug, as the model's lists are),
/// with the withdrawals among them: at most `FEED_ENTRIES`, newest first.
pub(super) fn picks<'m, D, U>(ds: D, us: U) -> Vec<Pick<'m>>
where
    D: Iterator<Item = &'m Disclosure> + Clone,
    U: Iterator<Item = &'m Update> + Clone,
{
    // On one day disclosures before updates, then by slug. Both lists are sorted so already:
    // merging their heads finds the entries without looking at the rest.
    let withdrawn_d = ds
        .clone()
        .filter_map(|d| Some(Pick::WithdrawnDisclosure(d, d.withdrawn.as_ref()?)));
    let withdrawn_u = us
        .clone()
        .filter_map(|u| Some(Pick::WithdrawnUpdate(u, u.withdrawn.as_ref()?)));
    let (mut ds, mut us) = (ds.peekable(), us.peekable());
    let mut out: Vec<Pick<'m>> = Vec::with_capacity(FEED_ENTRIES);
    while out.len() < FEED_ENTRIES {
        let next = match (ds.peek(), us.peek()) {
            (Some(d), Some(u)) if d.published >= u.date => ds.next().map(Pick::Disclosure),
            (Some(_), None) => ds.next().map(Pick::Disclosure),
            _ => us.next().map(Pick::Update),
        };
        match next {
            Some(p) => out.push(p),
            None => break,
        }
    }
    // A withdrawal is news too: an entry of its own, on its day, with the reason.
    out.extend(withdrawn_d.chain(withdrawn_u));
    // Stable: on one day, the order above.
    out.sort_by_key(|p| std::cmp::Reverse(p.date()));
    out.truncate(FEED_ENTRIES);
    out
}

fn disclosure_link(ctx: &Open<'_>, d: &Disclosure) -> (String, Option<(String, String)>) {
    let category = (d.category.clone(), ctx.category_name(&d.category));
    (ctx.item_url(Section::Disclosure, &d.meta.slug), Some(category))
}

fn update_link(ctx: &Open<'_>, u: &Update) -> (String, Option<(String, String)>) {
    (ctx.item_url(Section::Update, &u.meta.slug), None)
}

fn disclosure_entry(ctx: &Open<'_>, d: &Disclosure) -> Entry {
    let hidden = crate::model::Withdrawal::hides_body(&d.withdrawn);
    let mut summary = if hidden {
        String::new()
    } else {
        excerpt(&d.meta.text, 300)
    };
    if let (true, Some(p)) = (d.nothing_to_report, d.period) {
        summary = format!("{} {}. {summary}", ctx.t.get("nothing_to_report_text"), p.label())
            .trim_end()
            .to_string();
    }
    let (url, category) = disclosure_link(ctx, d);
    Entry {
        date: d.published,
        title: d.title.clone(),
        id: url.clone(),
        url,
        summary,
        category,
    }
}

fn update_entry(ctx: &Open<'_>, u: &Update) -> Entry {
    let summary = match &u.withdrawn {
        Some(w) if w.hide_body => String::new(),
        _ => u.summary.clone().unwrap_or_else(|| excerpt(&u.meta.text, 300)),
    };
    let (url, category) = update_link(ctx, u);
    Entry {
        date: u.date,
        title: u.title.clone(),
        id: url.clone(),
        url,
        summary,
        category,
    }
}

/// The entry of an item's withdrawal: the item's title after "Rút lại:", the reason.
fn withdrawal_entry(
    ctx: &Open<'_>,
    w: &Withdrawal,
    title: &str,
    (url, category): (String, Option<(String, String)>),
) -> Entry {
    Entry {
        date: w.date,
        title: format!("{} {title}", ctx.t.get("feed_withdrawn")),
        id: format!("{url}#withdrawn"),
        url,
        summary: w.reason.clone(),
        category,
    }
}

/// The site's feed: the newest of every disclosure and update.
pub(super) fn site_feed(ctx: &Open<'_>, picks: &[Pick<'_>]) -> String {
    let entries: Vec<Entry> = picks.iter().map(|p| p.entry(ctx)).collect();
    let head = Head {
        title: &ctx.cfg.title,
        subtitle: ctx.cfg.description.as_deref(),
        id: &ctx.cfg.base.absolute,
        path: "feed.xml",
        updated: picks.first().map(Pick::date).unwrap_or(ctx.today),
    };
    feed(ctx, &head, &entries)
}

/// What a feed is, besides its entries.
pub(super) struct Head<'h> {
    pub(super) title: &'h str,
    pub(super) subtitle: Option<&'h str>,
    /// Its Atom id: the absolute URL of the page it is about.
    pub(super) id: &'h str,
    /// Its own path (`feed.xml`, `tasks/a/feed.xml`).
    pub(super) path: &'h str,
    /// When what it shows last changed: its newest entry's date, else a date of what it is
    /// about (never the clock).
    pub(super) updated: Date,
}

pub(super) fn feed(ctx: &Open<'_>, head: &Head<'_>, entries: &[Entry]) -> String {
    let base = &ctx.cfg.base;
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&ctx.cfg.language)
    ));
    x.push_str(&format!("  <title>{}</title>\n", xml_escape(head.title)));
    if let Some(d) = head.subtitle {
        x.push_str(&format!("  <subtitle>{}</subtitle>\n", xml_escape(d)));
    }
    x.push_str(&format!("  <id>{}</id>\n", xml_escape(head.id)));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&base.permalink(head.path))
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(head.id)
    ));
    x.push_str(&format!("  <updated>{}</updated>\n", rfc3339(head.updated)));
    let author = ctx
        .cfg
        .office
        .as_ref()
        .and_then(|o| o.name.clone())
        .unwrap_or_else(|| ctx.cfg.title.clone());
    x.push_str(&format!("  <author><name>{}</name></author>\n", xml_escape(&author)));
    x.push_str("  <generator>congkhai</generator>\n");
    for e in entries.iter() {
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", xml_escape(&e.title)));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&e.url)
        ));
        x.push_str(&format!("    <id>{}</id>\n", xml_escape(&e.id)));
        x.push_str(&format!("    <published>{}</published>\n", rfc3339(e.date)));
        x.push_str(&format!("    <updated>{}</updated>\n", rfc3339(e.date)));
        if let Some((term, label)) = &e.category {
            x.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                xml_escape(term),
                xml_escape(label)
            ));
        }
        if !e.summary.is_empty() {
            x.push_str(&format!("    <summary>{}</summary>\n", xml_escape(&e.summary)));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// RFC 3339 at midnight, Vietnam time.
fn rfc3339(d: Date) -> String {
    format!("{}T00:00:00+07:00", iso(d))
}

/// Plain-text excerpt of at most `max` characters, cut at a word.
fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) => &cut[..i],
        None => &cut,
    };
    format!("{cut}…")
}
