//! The Atom feed of the newest disclosures and updates, and the sitemap.

use super::Open;
use crate::date::{Date, iso};
use crate::escape::html as xml_escape;
use crate::layout::Section;

const FEED_ENTRIES: usize = 50;

/// One entry of the feed.
pub(super) struct Entry {
    date: Date,
    title: String,
    url: String,
    /// Its Atom id: the page's URL, with `#withdrawn` for the entry of a withdrawal.
    id: String,
    summary: String,
    category: Option<(String, String)>,
    /// The whole item's fingerprint (the summary comes from its body).
    pub(super) fp: u64,
}

/// The newest disclosures and updates, newest first.
pub(super) fn entries(ctx: &Open<'_>) -> Vec<Entry> {
    // Newest first; on one day disclosures before updates, then by slug. Both lists are
    // sorted so already (newest first, then by slug): merging their heads finds the entries
    // without looking at the rest.
    let (ds, us) = (&ctx.model.disclosures, &ctx.model.updates);
    let mut keys: Vec<(bool, usize)> = Vec::with_capacity(FEED_ENTRIES);
    let (mut i, mut j) = (0, 0);
    while keys.len() < FEED_ENTRIES && (i < ds.len() || j < us.len()) {
        let take_disclosure = match (ds.get(i), us.get(j)) {
            (Some(d), Some(u)) => d.published >= u.date,
            (Some(_), None) => true,
            _ => false,
        };
        if take_disclosure {
            keys.push((true, i));
            i += 1;
        } else {
            keys.push((false, j));
            j += 1;
        }
    }
    let mut out: Vec<Entry> = keys
        .into_iter()
        .map(|(disclosure, i)| {
            if disclosure {
                disclosure_entry(ctx, &ctx.model.disclosures[i])
            } else {
                update_entry(ctx, &ctx.model.updates[i])
            }
        })
        .collect();
    out.extend(withdrawal_entries(ctx));
    // Stable: on one day, the order above.
    out.sort_by_key(|e| std::cmp::Reverse(e.date));
    out.truncate(FEED_ENTRIES);
    out
}

fn disclosure_entry(ctx: &Open<'_>, d: &crate::model::Disclosure) -> Entry {
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
    let url = ctx.item_url(Section::Disclosure, &d.meta.slug);
    Entry {
        date: d.published,
        title: d.title.clone(),
        id: url.clone(),
        url,
        summary,
        category: Some((d.category.clone(), ctx.category_name(&d.category))),
        fp: d.meta.fp,
    }
}

fn update_entry(ctx: &Open<'_>, u: &crate::model::Update) -> Entry {
    let url = ctx.item_url(Section::Update, &u.meta.slug);
    let summary = match &u.withdrawn {
        Some(w) if w.hide_body => String::new(),
        _ => u.summary.clone().unwrap_or_else(|| excerpt(&u.meta.text, 300)),
    };
    Entry {
        date: u.date,
        title: u.title.clone(),
        id: url.clone(),
        url,
        summary,
        category: None,
        fp: u.meta.fp,
    }
}

/// A withdrawal is news too: an entry of its own, on its day, with the reason.
fn withdrawal_entries(ctx: &Open<'_>) -> Vec<Entry> {
    let disclosures = ctx.model.disclosures.iter().filter_map(|d| {
        let w = d.withdrawn.as_ref()?;
        let category = Some((d.category.clone(), ctx.category_name(&d.category)));
        let url = ctx.item_url(Section::Disclosure, &d.meta.slug);
        Some((w, url, &d.title, category, d.meta.front_fp))
    });
    let updates = ctx.model.updates.iter().filter_map(|u| {
        let w = u.withdrawn.as_ref()?;
        Some((
            w,
            ctx.item_url(Section::Update, &u.meta.slug),
            &u.title,
            None,
            u.meta.front_fp,
        ))
    });
    disclosures
        .chain(updates)
        .map(|(w, url, title, category, fp)| Entry {
            date: w.date,
            title: format!("{} {title}", ctx.t.get("feed_withdrawn")),
            id: format!("{url}#withdrawn"),
            url,
            summary: w.reason.clone(),
            category,
            fp,
        })
        .collect()
}

pub(super) fn feed(ctx: &Open<'_>, entries: &[Entry]) -> String {
    let updated = entries.first().map(|e| e.date).unwrap_or(ctx.today);
    let base = &ctx.cfg.base;
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&ctx.cfg.language)
    ));
    x.push_str(&format!("  <title>{}</title>\n", xml_escape(&ctx.cfg.title)));
    if let Some(d) = &ctx.cfg.description {
        x.push_str(&format!("  <subtitle>{}</subtitle>\n", xml_escape(d)));
    }
    x.push_str(&format!("  <id>{}</id>\n", xml_escape(&base.absolute)));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&base.permalink("feed.xml"))
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&base.absolute)
    ));
    x.push_str(&format!("  <updated>{}</updated>\n", rfc3339(updated)));
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

/// Every page with the date its content last changed and, for a page with a translation, its
/// language versions (`xhtml:link`, the original also as `x-default`).
pub(super) fn sitemap(ctx: &Open<'_>, pages: &[crate::render::SitemapPage]) -> String {
    let mut pages: Vec<&crate::render::SitemapPage> = pages.iter().collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for p in pages {
        x.push_str("  <url>\n");
        x.push_str(&format!(
            "    <loc>{}</loc>\n",
            xml_escape(&ctx.cfg.base.permalink(&p.path))
        ));
        x.push_str(&format!("    <lastmod>{}</lastmod>\n", iso(p.lastmod)));
        let default = p.alternates.first().map(|(_, href)| ("x-default", href));
        for (lang, href) in p.alternates.iter().map(|(l, h)| (l.as_str(), h)).chain(default) {
            x.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                xml_escape(href)
            ));
        }
        x.push_str("  </url>\n");
    }
    x.push_str("</urlset>\n");
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
