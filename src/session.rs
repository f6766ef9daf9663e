//! A site kept in memory between builds, so that a rebuild after an edit reads and renders
//! only what the edit touched (`watch`, `serve`). It runs the stages of `crate::build` with
//! caches; its output is always that of a fresh `build` of the same files on the same day
//! (`tests/cli/incremental.rs` checks it over random edits).
//!
//! What to read again comes from a typed `Changes` (made by `layout::Changes::of` from the
//! paths of file events) and the date the caller passes in: the library never reads the clock.

use std::path::Path;

use crate::config::SiteConfig;
use crate::data::Registry;
use crate::date::Date;
use crate::diag::{Diagnostics, Failure};
use crate::files::Keep;
use crate::layout::Changes;
use crate::model::Model;
use crate::source::Sources;
use crate::theme::Theme;
use crate::{
    Built, Laps, Options, attachments, config, data, model, opendata, render, search, source, theme, validate,
};

/// See the module's documentation.
pub struct Session {
    opts: Options,
    /// site.yaml as last read, with its messages.
    settings: Option<(Option<SiteConfig>, Diagnostics)>,
    /// data/ as last read, with its messages.
    data: Option<(Registry, Diagnostics)>,
    sources: Option<Sources>,
    items: model::ItemCache,
    /// The last model and the messages of its assembly (kept to be patched after an edit).
    model: Option<(Model, Diagnostics)>,
    /// The theme and its messages, or the messages of a theme that could not be loaded.
    theme: Option<(Option<Theme>, Diagnostics)>,
    links: validate::LinkCache,
    facts: attachments::Cache,
    tables: attachments::table::Cache,
    pages: render::Memo,
    search: search::Cache,
    open: opendata::Cache,
}

/// What a rebuild reads again, decided from what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reload {
    settings: bool,
    data: bool,
    theme: bool,
    /// The Markdown files edited (paths from the root) when nothing else changed: the model
    /// may then be patched instead of assembled again.
    edited: Option<Vec<String>>,
}

impl Session {
    /// A session that has built nothing yet; `opts.today` is the date of its first build.
    pub fn new(opts: Options) -> Session {
        let mut search = search::Cache::default();
        search.keep = true;
        Session {
            opts,
            settings: None,
            data: None,
            sources: None,
            items: model::ItemCache::default(),
            model: None,
            theme: None,
            links: validate::LinkCache::default(),
            facts: attachments::Cache::default(),
            tables: attachments::table::Cache::default(),
            pages: render::Memo::default(),
            search,
            open: opendata::Cache::default(),
        }
    }

    /// The options this session builds with (`today` is the date of the last build).
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// The date of the last build.
    pub fn today(&self) -> Date {
        self.opts.today
    }

    /// Pages rendered by the last build (the others were unchanged and reused).
    pub fn pages_rendered(&self) -> usize {
        self.pages.rendered
    }

    /// What to read again after `changes`: everything on a new day or the first time.
    fn reload(&self, changes: &Changes, today: Date) -> Reload {
        if changes.everything || today != self.opts.today || self.sources.is_none() {
            return Reload {
                settings: true,
                data: true,
                theme: true,
                edited: None,
            };
        }
        let root = &self.opts.root;
        let edited = changes
            .only_files()
            .then(|| {
                changes
                    .files
                    .iter()
                    .map(|p| source::rel_path(root, p))
                    .map(|rel| (rel.starts_with("content/") && rel.ends_with(".md")).then_some(rel))
                    .collect::<Option<Vec<String>>>()
            })
            .flatten();
        Reload {
            settings: changes.settings || self.settings.is_none(),
            data: changes.data || self.data.is_none(),
            // site.yaml names the theme and the language.
            theme: changes.theme || changes.settings || self.theme.is_none(),
            edited,
        }
    }

    /// Builds again after `changes`, for `today`.
    pub fn rebuild(&mut self, changes: &Changes, today: Date) -> Result<Built, Failure> {
        let mut reload = self.reload(changes, today);
        let everything = changes.everything || today != self.opts.today;
        self.opts.today = today;
        let root = self.opts.root.clone();
        let (mut laps, mut diags) = (Laps::start(), Diagnostics::default());
        if reload.settings {
            self.settings = Some(config::load(&root, &self.opts.overrides)?);
        }
        if reload.data {
            self.data = Some(data::load(&root)?);
        }
        let src = self.sources(&root, changes, everything, &mut reload)?;
        for d in [self.settings.as_ref().map(|s| &s.1), self.data.as_ref().map(|d| &d.1)]
            .into_iter()
            .flatten()
        {
            diags.extend(d.clone());
        }
        diags.extend(source::diagnostics(&root, &src));
        laps.lap("sources");
        let Some(cfg) = self.settings.as_ref().and_then(|s| s.0.clone()) else {
            self.sources = Some(src);
            return Err(diags.failure());
        };
        let (model, model_diags) = self.model(&cfg, &src, &reload);
        diags.extend(model_diags.clone());
        laps.lap("model");
        let result = self.finish(&cfg, &model, &src, reload.theme, diags, laps);
        self.sources = Some(src);
        self.model = Some((model, model_diags));
        result
    }

    /// The sources after `changes`: the kept ones refreshed, or all read again.
    fn sources(
        &mut self,
        root: &Path,
        changes: &Changes,
        everything: bool,
        reload: &mut Reload,
    ) -> Result<Sources, Failure> {
        if let (Some(mut src), false) = (self.sources.take(), everything)
            && source::refresh(root, &mut src, &changes.files)?
        {
            return Ok(src);
        }
        // A new folder (or the first build): read everything, and assemble the model again.
        reload.edited = None;
        Ok(source::load(root)?.0)
    }

    /// The model of `src`: the kept one patched when only some files' bodies changed in a
    /// way that moves nothing, else assembled again from the cache of files read. Either way
    /// the kept model is taken out first: it must always be the assembly of what the cache
    /// holds, and goes back only once this build is through.
    fn model(&mut self, cfg: &SiteConfig, src: &Sources, reload: &Reload) -> (Model, Diagnostics) {
        let settings = model::Settings {
            today: self.opts.today,
            drafts: self.opts.drafts,
        };
        if let (Some((mut model, diags)), Some(edited)) = (self.model.take(), &reload.edited)
            && model::patch(cfg, src, settings, &mut self.items, &mut model, edited)
        {
            return (model, diags);
        }
        model::assemble_cached(cfg, src, settings, &mut self.items)
    }

    /// The theme, validation and the files: the stages after the model.
    fn finish(
        &mut self,
        cfg: &SiteConfig,
        model: &Model,
        src: &Sources,
        reload_theme: bool,
        mut diags: Diagnostics,
        mut laps: Laps,
    ) -> Result<Built, Failure> {
        if reload_theme {
            self.theme = Some(theme::load(&self.opts.root, cfg)?);
        }
        let Some((theme, theme_diags)) = self.theme.as_mut() else {
            return Err(diags.failure());
        };
        diags.extend(theme_diags.clone());
        laps.lap("theme");
        let reg = self.data.as_ref().map(|d| &d.0).ok_or_else(|| diags.failure())?;
        let theme_static = theme::static_names(theme.as_ref());
        diags.extend(validate::check(
            cfg,
            model,
            reg,
            &src.assets,
            &theme_static,
            &mut self.links,
        ));
        laps.lap("validate");
        let theme = match theme {
            Some(t) if !diags.has_errors() => t,
            _ => return Err(diags.failure()),
        };
        let facts = attachments::facts(model, &src.assets, &mut self.facts)?;
        let tables = diags.keep(attachments::table::tables(
            &facts,
            &src.assets,
            cfg.attachment_table_rows,
            &mut self.tables,
        )?);
        laps.lap("attachments");
        let none = crate::datadict::Published::new();
        let site = render::Inputs {
            cfg,
            model,
            reg,
            facts: &facts,
            tables: &tables,
            today: self.opts.today,
            published: &none,
        };
        let strings = theme.strings(&cfg.language);
        let search = search::index_cached(cfg, model, reg, &strings, self.opts.today, &mut self.search);
        laps.lap("search");
        let (open, published) = opendata::files(&site, &strings, &theme.i18n, &mut self.open);
        laps.lap("open data");
        let site = render::Inputs {
            published: &published,
            ..site
        };
        let mut files = render::pages(&site, theme, &mut self.pages, &Keep)?;
        files.extend(search);
        laps.lap("pages");
        files.extend(open);
        files.extend(render::static_files(theme, &src.assets, model, &files));
        laps.lap("static files");
        Ok(Built::new(files, model, diags, laps))
    }
}
