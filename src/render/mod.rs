//! Model + theme → the site's pages and the files it copies, each page handed to a `Sink` as
//! soon as it is rendered. No disk access of its own: where a page goes is the sink's affair.
//!
//! `ctx` holds what every page is rendered with, `pages` has one module per kind of page (its
//! view, and the fingerprint of what it shows), `memo` what is kept between rebuilds.

mod charts;
mod ctx;
mod memo;
mod pages;
mod view;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

pub use memo::Memo;
pub use pages::{SitemapPage, sitemap_pages};

use crate::attachments::Facts;
use crate::config::SiteConfig;
use crate::data::Registry;
use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics, Failure};
use crate::files::{Body, OutputFile, Sink};
use crate::layout::Section;
use crate::model::Model;
use crate::routes::{self, Job};
use crate::source::Assets;
use crate::theme::{Theme, ThemeFile};
use ctx::{Aggregates, Ctx, Globals};

/// What a site is rendered from.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    /// site.yaml.
    pub cfg: &'a SiteConfig,
    /// The published items.
    pub model: &'a Model,
    /// The data files.
    pub reg: &'a Registry,
    /// Size and SHA-256 of attachments.
    pub facts: &'a Facts,
    /// The tables of CSV attachments.
    pub tables: &'a crate::attachments::Tables,
    /// Today (overdue, staleness).
    pub today: Date,
    /// The data files made by `opendata` (sizes and dates, for the open-data page).
    pub published: &'a crate::datadict::Published,
}

/// One page of a build, as the sink gave it back.
struct Done {
    file: OutputFile,
    /// Rendered now (else taken from the memo).
    rendered: bool,
    /// What the memo keeps of a page rendered now: its fingerprint and the check of its values.
    keep: Option<(u64, u64)>,
}

/// Why one page could not be made.
enum PageError {
    /// A template failed: the theme's problem, reported on its file.
    Template(Diagnostic),
    /// The sink failed: the disk's.
    Sink(anyhow::Error),
}

/// Renders every page, reusing from `memo` the pages whose inputs have not changed, and hands
/// each to `sink`; returns what the sink gave back, in the order of `routes::jobs`.
///
/// The templates' global values (site, URLs, menu, strings) are set on `theme` for this build.
pub fn pages(
    inputs: &Inputs<'_>,
    theme: &mut Theme,
    memo: &mut Memo,
    sink: &dyn Sink,
) -> Result<Vec<OutputFile>, Failure> {
    let Inputs { cfg, model, reg, .. } = *inputs;
    let globals = Globals::of(inputs, theme.fp);
    let i18n = theme.i18n.clone();
    let filters = routes::task_filters(model, reg);
    // The rows of every paginated item page, made once for both languages and the jobs.
    let paged = Arc::new(routes::PagedLists::of(model, reg));
    let ctx = Ctx::new(inputs, &i18n, &cfg.language, filters.clone(), Arc::clone(&paged));
    // The English context is needed only for translated pages.
    let ctx_en = (!model.translations.is_empty()).then(|| {
        let mut c = Ctx::new(inputs, &i18n, "en", filters, paged);
        let mut urls = globals.urls.clone();
        if model.translation("en", Section::Home, "").is_some() {
            urls.home = cfg.base.link(&routes::translated("en", ""));
        }
        c.urls = Some(urls);
        c
    });
    {
        let g = theme.tera.global_context();
        g.insert("site", &globals.site);
        g.insert("urls", &globals.urls);
        g.insert("menu", &globals.menu);
        g.insert("today", &view::date(inputs.today));
        g.insert("t", ctx.t);
    }
    let jobs = memo.jobs(cfg, model, reg, &ctx.filters, &ctx.paged);
    sink.expect(jobs.len());
    let run = Run {
        theme: &*theme,
        agg: Aggregates::of(model, &ctx.disclosure_keys),
        global: globals.fp,
        memo: &*memo,
        sink,
    };
    let results: Vec<Result<Done, PageError>> = jobs
        .par_iter()
        .map(|(path, job)| match job {
            Job::Translated(_) => run.page(ctx_en.as_ref().unwrap_or(&ctx), path, *job),
            _ => run.page(&ctx, path, *job),
        })
        .collect();
    let files = memo.keep(results)?;
    memo.retain(&jobs);
    Ok(files)
}

/// What every page of a build is rendered with, besides its context.
struct Run<'a> {
    theme: &'a Theme,
    agg: Aggregates<'a>,
    /// The fingerprint of the site-wide values.
    global: u64,
    memo: &'a Memo,
    sink: &'a dyn Sink,
}

impl Run<'_> {
    /// The page `job` at `path`: taken from the memo when what it shows has not changed,
    /// else rendered and handed to the sink.
    fn page(&self, ctx: &Ctx<'_>, path: &str, job: Job) -> Result<Done, PageError> {
        let theme = self.theme;
        let fp = pages::fingerprint(ctx, job, &self.agg).map(|fp| fp ^ self.global);
        if let Some((bytes, check)) = self.memo.get(path, fp) {
            debug_assert_eq!(
                check,
                context(ctx, theme, path, job).map(|c| c.check).unwrap_or(check),
                "/{path}: what the page shows changed, but not its fingerprint"
            );
            let file = OutputFile {
                path: path.to_string(),
                body: Body::Shared(bytes),
            };
            return Ok(Done {
                file,
                rendered: false,
                keep: None,
            });
        }
        let context = context(ctx, theme, path, job).map_err(PageError::Template)?;
        let html = theme
            .tera
            .render(context.template, &context.values)
            .map_err(|e| PageError::Template(template_error(theme, path, &e)))?;
        // Pages grow by doubling while rendering; 10,000 pages held at once would keep ~80 MB
        // of spare capacity without this.
        let mut bytes = html.into_bytes();
        bytes.shrink_to_fit();
        let file = OutputFile {
            path: path.to_string(),
            body: Body::Shared(Arc::new(bytes)),
        };
        Ok(Done {
            file: self.sink.put(file).map_err(PageError::Sink)?,
            rendered: true,
            keep: fp.map(|fp| (fp, context.check)),
        })
    }
}

impl Memo {
    /// Keeps the pages rendered now and counts them; the files in order, or every template's
    /// error (a sink's error ends the build).
    fn keep(&mut self, results: Vec<Result<Done, PageError>>) -> Result<Vec<OutputFile>, Failure> {
        self.rendered = 0;
        let mut files = Vec::with_capacity(results.len());
        let mut diags = Diagnostics::default();
        for r in results {
            match r {
                Ok(Done { file, rendered, keep }) => {
                    if let (Some((fp, check)), Body::Shared(bytes)) = (keep, &file.body) {
                        self.pages.insert(file.path.clone(), (fp, Arc::clone(bytes), check));
                    }
                    self.rendered += usize::from(rendered);
                    files.push(file);
                }
                Err(PageError::Template(d)) => diags.push(d),
                Err(PageError::Sink(e)) => return Err(Failure::Io(e)),
            }
        }
        if diags.has_errors() {
            return Err(Failure::Content(diags.sorted()));
        }
        Ok(files)
    }
}

/// The template and values of the page `job` at `path`.
fn context(ctx: &Ctx<'_>, theme: &Theme, path: &str, job: Job) -> Result<pages::Context, Diagnostic> {
    let made = match job {
        Job::Translated(k) => {
            let tr = &ctx.model.translations[k];
            let original = routes::original_job(ctx.model, tr)
                .map(|(_, j)| j)
                .unwrap_or(Job::NotFound);
            pages::context(ctx, original, path, Some(tr))
        }
        _ => pages::context(ctx, job, path, None),
    };
    made.map_err(|e| template_error(theme, path, &e))
}

/// A template's failure, on the template's file.
fn template_error(theme: &Theme, path: &str, e: &tera::Error) -> Diagnostic {
    let mut d = crate::theme::template_error(e, &theme.sources);
    d.message = format!("while rendering `/{path}`: {}", d.message);
    d
}

/// The files copied as they are: the theme's static files, then the site's `static/` (which
/// win), then the files of content folders. A path the site generates (`made`) is never
/// taken by a copy (validation reports such files; a theme's are dropped).
pub fn static_files(theme: &Theme, assets: &Assets, model: &Model, made: &[OutputFile]) -> Vec<OutputFile> {
    let mut copies: BTreeMap<String, Body> = BTreeMap::new();
    for (rel, f) in &theme.static_files {
        let body = match f {
            ThemeFile::Embedded(b) => Body::Static(b),
            ThemeFile::Disk(p) => Body::Copy(p.clone()),
        };
        copies.insert(rel.clone(), body);
    }
    for (rel, asset) in assets.iter().filter(|(_, a)| !a.symlink) {
        if let Some(p) = rel.strip_prefix("static/") {
            copies.insert(p.to_string(), Body::Copy(asset.abs.clone()));
        }
    }
    for (out, src_rel) in routes::content_files(model, assets) {
        if let Some(asset) = assets.get(&src_rel) {
            copies.insert(out, Body::Copy(asset.abs.clone()));
        }
    }
    let generated: rustc_hash::FxHashSet<&str> = made.iter().map(|f| f.path.as_str()).collect();
    copies
        .into_iter()
        .filter(|(p, _)| !generated.contains(p.as_str()))
        .map(|(path, body)| OutputFile { path, body })
        .collect()
}

/// The media type of a file, from its name.
pub(crate) fn media_type(file_name: &str) -> String {
    mime_guess::from_path(file_name)
        .first_or_octet_stream()
        .essence_str()
        .to_string()
}
