//! The sitemap (sitemaps.org protocol): one `sitemap.xml` listing every page while the site's
//! addresses fit in one file; past `SiteConfig::sitemap_urls` addresses or `MAX_BYTES`,
//! `sitemap.xml` becomes a sitemap index naming its parts `sitemap-1.xml`, `sitemap-2.xml`…

use std::sync::Arc;

use super::Open;
use crate::date::{Date, iso};
use crate::escape::html as xml_escape;
use crate::files::{Body, OutputFile};
use crate::render::SitemapPage;
use crate::routes;

/// At most this many bytes in one sitemap file: the protocol allows 50 MB (52,428,800 bytes)
/// uncompressed; this leaves a margin.
pub(super) const MAX_BYTES: usize = 45 * 1024 * 1024;

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

/// The sitemap files last made, with the fingerprint of what they were made from.
pub(super) type Cache = Option<(u64, Vec<OutputFile>)>;

/// The sitemap file or files: made again (every page listed with its date) only when `key`,
/// the fingerprint of what they are made from, changed since the files kept in `cache`.
pub(super) fn files(ctx: &Open<'_>, key: u64, cache: &mut Cache) -> Vec<OutputFile> {
    if let Some((old, files)) = cache
        && *old == key
    {
        return files.clone();
    }
    let pages = crate::render::sitemap_pages(&ctx.inputs);
    let made: Vec<OutputFile> = make(ctx, &pages, ctx.cfg.sitemap_urls, MAX_BYTES)
        .into_iter()
        .map(|(path, bytes)| OutputFile {
            path,
            body: Body::Shared(Arc::new(bytes)),
        })
        .collect();
    *cache = Some((key, made.clone()));
    made
}

/// One file of a split sitemap: its addresses, and the newest of their dates.
struct Part {
    body: String,
    urls: usize,
    lastmod: Date,
}

/// The files (path, bytes): every page in the order of their paths, in parts of at most
/// `max_urls` addresses and `max_bytes` bytes; with their index when there is more than one.
fn make(ctx: &Open<'_>, pages: &[SitemapPage], max_urls: usize, max_bytes: usize) -> Vec<(String, Vec<u8>)> {
    let mut pages: Vec<&SitemapPage> = pages.iter().collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let entries = pages.into_iter().map(|p| (url_entry(ctx, p), p.lastmod));
    let parts = split(entries, max_urls, max_bytes);
    let urlset = |part: &Part| format!("{URLSET_HEAD}{}{URLSET_TAIL}", part.body).into_bytes();
    match parts.as_slice() {
        [] => vec![(
            "sitemap.xml".to_string(),
            format!("{URLSET_HEAD}{URLSET_TAIL}").into_bytes(),
        )],
        [one] => vec![("sitemap.xml".to_string(), urlset(one))],
        _ => {
            let mut files = vec![("sitemap.xml".to_string(), index(ctx, &parts))];
            files.extend(
                parts
                    .iter()
                    .enumerate()
                    .map(|(i, part)| (routes::sitemap_part(i + 1), urlset(part))),
            );
            files
        }
    }
}

/// The `<url>` entries (with their dates) in order, in as few parts as hold them, each of at
/// most `max_urls` entries and, urlset included, `max_bytes` bytes (an entry larger than that
/// alone gets a part of its own): the same entries always give the same parts.
fn split(entries: impl Iterator<Item = (String, Date)>, max_urls: usize, max_bytes: usize) -> Vec<Part> {
    let room = max_bytes.saturating_sub(URLSET_HEAD.len() + URLSET_TAIL.len());
    let mut parts: Vec<Part> = Vec::new();
    for (entry, lastmod) in entries {
        match parts.last_mut() {
            Some(last) if last.urls < max_urls && last.body.len() + entry.len() <= room => {
                last.body.push_str(&entry);
                last.urls += 1;
                last.lastmod = last.lastmod.max(lastmod);
            }
            _ => parts.push(Part {
                body: entry,
                urls: 1,
                lastmod,
            }),
        }
    }
    parts
}

/// The sitemap index: each part with the newest date of its addresses.
fn index(ctx: &Open<'_>, parts: &[Part]) -> Vec<u8> {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, part) in parts.iter().enumerate() {
        x.push_str("  <sitemap>\n");
        x.push_str(&format!(
            "    <loc>{}</loc>\n",
            xml_escape(&ctx.cfg.base.permalink(&routes::sitemap_part(i + 1)))
        ));
        x.push_str(&format!("    <lastmod>{}</lastmod>\n", iso(part.lastmod)));
        x.push_str("  </sitemap>\n");
    }
    x.push_str("</sitemapindex>\n");
    x.into_bytes()
}

/// A page's `<url>`: its address, the date its content last changed and, for a page with a
/// translation, its language versions (`xhtml:link`, the original also as `x-default`).
fn url_entry(ctx: &Open<'_>, p: &SitemapPage) -> String {
    let mut x = String::from("  <url>\n");
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
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize, size: usize) -> Vec<(String, Date)> {
        (0..n)
            .map(|i| {
                let day = crate::date::parse(&format!("2025-01-{:02}", 1 + i % 28)).unwrap();
                (format!("{i:0size$}"), day)
            })
            .collect()
    }

    #[test]
    fn parts_hold_at_most_the_addresses_and_bytes_allowed() {
        // By count: 25 entries of 10 bytes, 10 a part.
        let parts = split(entries(25, 10).into_iter(), 10, MAX_BYTES);
        assert_eq!(parts.iter().map(|p| p.urls).collect::<Vec<_>>(), [10, 10, 5]);
        // By size: room for 3 entries of 100 bytes in each file beside its head and tail.
        let max = URLSET_HEAD.len() + URLSET_TAIL.len() + 350;
        let parts = split(entries(10, 100).into_iter(), 1000, max);
        assert_eq!(parts.iter().map(|p| p.urls).collect::<Vec<_>>(), [3, 3, 3, 1]);
        assert!(
            parts
                .iter()
                .all(|p| p.body.len() + URLSET_HEAD.len() + URLSET_TAIL.len() <= max)
        );
        // Every entry once, in order; each part dated by its newest entry.
        let all: String = parts.iter().map(|p| p.body.as_str()).collect();
        assert_eq!(all, entries(10, 100).into_iter().map(|(e, _)| e).collect::<String>());
        assert_eq!(iso(parts[0].lastmod), "2025-01-03");
        assert_eq!(iso(parts[3].lastmod), "2025-01-10");
        // An entry larger than a file stands alone; none is lost.
        let parts = split(entries(3, 1000).into_iter(), 1000, max);
        assert_eq!(parts.iter().map(|p| p.urls).collect::<Vec<_>>(), [1, 1, 1]);
        // Nothing: no part.
        assert!(split(std::iter::empty(), 10, MAX_BYTES).is_empty());
    }
}
