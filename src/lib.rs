//! congkhai: a static site generator for the transparency pages of Vietnamese public offices.
//!
//! `build` is the whole pipeline, one stage after another, each a value in and a value out.
//! The `build` command then publishes the result; `check` stops before writing anything.

pub mod cli;
pub mod config;
pub mod data;
pub mod diag;
pub mod fsx;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod source;
pub mod theme;
pub mod validate;

use std::collections::BTreeSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::model::Date;

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site root (where site.yaml is).
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// What "today" is.
    pub today: Date,
    /// Command-line settings over site.yaml.
    pub overrides: config::Overrides,
}

/// A successful build: the files, and warnings worth printing.
#[derive(Debug)]
pub struct Built {
    /// Every output file.
    pub rendered: render::Rendered,
    /// Warnings (never errors).
    pub warnings: Diagnostics,
    /// Number of published items (plans, tasks, disclosures, updates, pages).
    pub counts: [usize; 5],
}

/// Why a build failed.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the site's files, all of them, sorted.
    Content(Diagnostics),
    /// The disk or the system failed.
    Io(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Io(e)
    }
}

/// Loads, checks and renders the site in memory.
pub fn build(opts: &Options) -> Result<Built, Failure> {
    let root = &opts.root;
    let (cfg, mut diags) = config::load(root, &opts.overrides)?;
    let (src, d) = source::load(root)?;
    diags.extend(d);
    let (reg, d) = data::load(root)?;
    diags.extend(d);
    let Some(cfg) = cfg else {
        return Err(Failure::Content(diags.sorted()));
    };
    let (model, d) = model::assemble(
        &cfg,
        &src,
        model::Settings {
            today: opts.today,
            drafts: opts.drafts,
        },
    );
    diags.extend(d);
    // The model holds all it needs of the text; the sources are kept for their assets only.
    let src = source::Sources {
        docs: Vec::new(),
        assets: src.assets,
    };
    let (theme, d) = theme::load(root, &cfg)?;
    diags.extend(d);
    let theme_static: BTreeSet<String> = theme
        .as_ref()
        .map(|t| t.static_files.keys().cloned().collect())
        .unwrap_or_default();
    diags.extend(validate::check(&cfg, &model, &reg, &src, &theme_static));
    let Some(mut theme) = theme else {
        return Err(Failure::Content(diags.sorted()));
    };
    if diags.has_errors() {
        return Err(Failure::Content(diags.sorted()));
    }
    let facts = attachment_facts(&model, &src)?;
    let rendered = render::site(&cfg, &model, &reg, &mut theme, &src, &facts, opts.today).map_err(|mut d| {
        d.extend(diags.clone());
        Failure::Content(d.sorted())
    })?;
    let counts = [
        model.plans.len(),
        model.tasks.len(),
        model.disclosures.len(),
        model.updates.len(),
        model.pages.len(),
    ];
    Ok(Built {
        rendered,
        warnings: diags.sorted(),
        counts,
    })
}

/// Size and SHA-256 of every attachment, read in parallel.
fn attachment_facts(model: &model::Model, src: &source::Sources) -> anyhow::Result<render::AttachmentFacts> {
    let wanted: BTreeSet<&str> = model
        .disclosures
        .iter()
        .flat_map(|d| d.attachments.iter().map(|a| a.src.as_str()))
        .collect();
    let facts: Vec<(String, (u64, String))> = wanted
        .into_par_iter()
        .filter_map(|rel| src.assets.get(rel).map(|a| (rel, a)))
        .map(|(rel, a)| Ok((rel.to_string(), (a.size, source::sha256_file(&a.abs)?))))
        .collect::<anyhow::Result<_>>()?;
    Ok(facts.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Odd inputs an editor could save: each must give diagnostics or a site, never a panic.
    #[test]
    fn no_panic_on_odd_content() {
        let odd = [
            "",
            "---",
            "---\n---",
            "---\n---\n",
            "\u{feff}",
            "---\n- a\n- b\n---\n",
            "---\ntitle: [a, b]\n---\n",
            "---\ntitle: {a: 1}\ncategory: [x]\npublished: [2025-01-01]\n---\n",
            "---\ntitle: x\ncategory: c\npublished: 2025-02-29\n---\n",
            "---\ntitle: x\ncategory: c\npublished: 99999-01-01\n---\n",
            "---\ntitle: x\ncategory: c\npublished: 2025-01-01\nattachments: x\nrevisions: 5\n---\n",
            "---\ntitle: x\ncategory: c\npublished: 2025-01-01\nattachments: [{file: ''}, {file: '/'}, {file: '..'}, 7, [a]]\n---\n",
            "---\ntitle: x\ncategory: c\npublished: 2025-01-01\n---\n[a](/%) [b](/%e9) [c](/%%%) <a href=\"/x\">",
            "---\ntitle: x\n\tbad: tab\n---\n",
            "---\ntitle: &a x\nslug: *a\n---\n",
            "---\ntitle: x\nslug: '///'\n---\n",
            "---\ntitle: \"\u{0301}\u{0301}\"\n---\n# \u{0301}\n## \n",
            "---\r\ntitle: x\r\n---\r\n\r\n| a |\r\n|---|\r\n| [^x] |\r\n",
            "---\ntitle: x\ncategory: c\npublished: 2025-01-01\nrevisions: [{date: 2025-13-01}, {note: x}, {}]\n---\n",
        ];
        for (i, text) in odd.iter().enumerate() {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path();
            std::fs::write(root.join("site.yaml"), "title: T\nbase_url: https://a.vn/x/\n").unwrap();
            std::fs::create_dir_all(root.join("content/disclosures")).unwrap();
            std::fs::create_dir_all(root.join("data")).unwrap();
            std::fs::write(root.join("data/categories.yaml"), "- id: c\n  name: C\n").unwrap();
            std::fs::write(root.join("content/disclosures/a.md"), text).unwrap();
            let opts = Options {
                root: root.to_path_buf(),
                drafts: false,
                today: model::parse_date("2026-01-01").unwrap(),
                overrides: config::Overrides::default(),
            };
            match build(&opts) {
                Ok(_) => {}
                Err(Failure::Content(d)) => assert!(d.has_errors(), "case {i}: failure without an error"),
                Err(Failure::Io(e)) => panic!("case {i}: io error {e:#}"),
            }
        }
    }
}
