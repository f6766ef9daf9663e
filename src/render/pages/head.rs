//! What a page says of itself in its `<head>` for search engines and for sharing: its
//! description (in the page's own language) and its Open Graph type and locale.

use super::Job;
use crate::model::{Translation, Withdrawal};
use crate::render::ctx::Ctx;

/// A description longer than this (in characters) is cut at a word, with `…`.
pub(super) const MAX_DESCRIPTION: usize = 160;

/// The page's description: an update's `summary`, else the start of the item's text (the
/// translation's on a translated page); the home page's is the site's `description`, else its
/// introduction. Pages without text of their own, and items whose text is empty or hidden by
/// a withdrawal, are described by their title and the site's (`meta_description`).
pub(super) fn description(ctx: &Ctx<'_>, job: Job, tr: Option<&Translation>, title: &str) -> String {
    let m = ctx.model;
    let own: Option<&str> = match (job, tr) {
        (Job::Disclosure(i), _) if Withdrawal::hides_body(&m.disclosures[i].withdrawn) => None,
        (Job::Update(i), _) if Withdrawal::hides_body(&m.updates[i].withdrawn) => None,
        (_, Some(t)) => Some(&t.text),
        (Job::Home, None) => ctx
            .cfg
            .description
            .as_deref()
            .or_else(|| m.home.as_ref().map(|h| &*h.text)),
        (Job::Plan(i), None) => Some(&m.plans[i].meta.text),
        (Job::Task(i), None) => Some(&m.tasks[i].meta.text),
        (Job::Disclosure(i), None) => Some(&m.disclosures[i].meta.text),
        (Job::Update(i), None) => {
            let u = &m.updates[i];
            Some(u.summary.as_deref().unwrap_or(&u.meta.text))
        }
        (Job::Page(i), None) => Some(&m.pages[i].meta.text),
        _ => None,
    };
    match own.map(cut).filter(|d| !d.is_empty()) {
        Some(d) => d,
        None => cut(&ctx
            .t
            .fill("meta_description", &[("title", title), ("site", &ctx.cfg.title)])),
    }
}

/// `article` for an item's page, `website` for the others.
pub(super) fn og_type(job: Job) -> &'static str {
    match job {
        Job::Plan(_) | Job::Task(_) | Job::Disclosure(_) | Job::Update(_) | Job::Page(_) => "article",
        _ => "website",
    }
}

/// The Open Graph locale of a language (`vi_VN`, `en_US`).
pub(super) fn locale(lang: &str) -> &'static str {
    match lang {
        "en" => "en_US",
        _ => "vi_VN",
    }
}

/// `text` on one line, cut at a word to at most `MAX_DESCRIPTION` characters with `…`.
fn cut(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for (k, w) in words.iter().enumerate() {
        let len = out.chars().count() + usize::from(!out.is_empty()) + w.chars().count();
        let last = k + 1 == words.len();
        // Room for the ellipsis unless this is the last word.
        if len + usize::from(!last) > MAX_DESCRIPTION {
            if out.is_empty() {
                out = w.chars().take(MAX_DESCRIPTION - 1).collect();
            }
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_a_word_with_an_ellipsis() {
        assert_eq!(cut("  Lịch   tiếp\ncông dân. "), "Lịch tiếp công dân.");
        let long = "từ ".repeat(100);
        let d = cut(&long);
        assert!(d.chars().count() <= MAX_DESCRIPTION && d.ends_with("từ…"), "{d}");
        let exact = "a".repeat(MAX_DESCRIPTION);
        assert_eq!(cut(&exact), exact);
        let one = "b".repeat(MAX_DESCRIPTION + 5);
        assert_eq!(cut(&one).chars().count(), MAX_DESCRIPTION);
    }
}
