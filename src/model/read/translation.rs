//! A translation (`foo.en.md` beside `foo.md`): its title, body, `updated` and `draft`. The
//! original's other fields may be copied into it: they are accepted and ignored.

use std::sync::Arc;

use super::super::fields::{Common, Fields, field};
use super::super::*;
use super::{Item, ReadOut, body_diags, front_matter, image_sizes, known_fields};
use crate::config::SiteConfig;
use crate::diag::Diagnostic;
use crate::layout::Section;
use crate::markdown;
use crate::source::{Assets, SourceFile};
use crate::yaml::Positions;

/// Reads the translation into `lang` that `doc` is.
pub(super) fn read(cfg: &SiteConfig, doc: &SourceFile, lang: &'static str, fp: u64, assets: &Assets) -> ReadOut {
    let sizes = image_sizes(doc, assets);
    let rel = doc.rel.as_str();
    let original = doc.original().unwrap_or_default();
    let make = |title, (html, text), updated, draft| Translation {
        lang,
        section: doc.section,
        rel: rel.to_string(),
        original: original.clone(),
        slug: String::new(),
        title,
        html,
        text,
        updated,
        draft,
        fp,
    };
    if doc.section == Section::Home && !doc.text.starts_with("---") {
        let h = markdown::render_with(&doc.text, 1, &cfg.base, &sizes);
        let diags = body_diags(rel, &h.problems);
        let item = Item::Translation(Arc::new(make(
            None,
            (Arc::from(h.html), Arc::from(h.text)),
            None,
            false,
        )));
        return ReadOut::new(Some(item), diags, h.links, None);
    }
    let (split, map) = match front_matter(doc) {
        Ok(parts) => parts,
        Err(d) => return ReadOut::unreadable(d),
    };
    let pos = Positions::index(split.yaml, split.yaml_line);
    let mut f = Fields::new(&pos, rel);
    let known = known_fields(doc.section);
    for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
        f.diags.push(Diagnostic::warning(
            rel,
            pos.line_of(key),
            1,
            format!("unknown field `{key}` is ignored (known fields: {})", known.join(", ")),
        ));
    }
    let value = |k: &str| map.get(k).filter(|v| !v.is_null()).cloned();
    let mut common = Common {
        title: value("title"),
        slug: None,
        draft: value("draft"),
        updated: value("updated"),
        aliases: None,
    };
    let body = markdown::render_with(split.body, split.body_line, &cfg.base, &sizes);
    let title = if doc.section == Section::Home {
        f.text(field!(common.title))
    } else {
        f.req_text(
            field!(common.title),
            "the translated title, e.g. `title: \"Contact us\"`",
        )
    };
    let updated = f.date(field!(common.updated));
    let draft = f.boolean(field!(common.draft)).unwrap_or(false);
    let mut diags = f.finish();
    diags.extend(body_diags(rel, &body.problems));
    let item = Item::Translation(Arc::new(make(
        title,
        (Arc::from(body.html), Arc::from(body.text)),
        updated,
        draft,
    )));
    ReadOut::new(Some(item), diags, body.links, None)
}
