//! congkhai: a static site generator for the transparency pages of Vietnamese public offices.
//!
//! `build` is the whole pipeline, one stage after another, each a value in and a value out.
//! The `build` command then publishes the result; `check` stops before writing anything.

pub mod cli;
pub mod config;
pub mod contact;
pub mod data;
pub mod date;
pub mod diag;
pub mod escape;
pub mod fingerprint;
pub mod fsx;
pub mod i18n;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod text;
pub mod theme;
pub mod url;
pub mod validate;
pub mod watch;
pub mod yaml;

use std::collections::BTreeSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diag::Diagnostics;
use crate::model::Date;

/// Today's date in Vietnam (UTC+7) by the system clock.
pub fn today_in_vietnam() -> Option<Date> {
    let vn = chrono::FixedOffset::east_opt(7 * 3600)?;
    Some(chrono::Utc::now().with_timezone(&vn).date_naive())
}

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site root (where site.yaml is).
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// What "today" is.
    pub today: Date,
    /// Where `today` comes from when it was not fixed: a long-running `watch` or `serve`
    /// asks it before each rebuild, so that at midnight scheduled items appear and tasks
    /// become overdue. `None`: `today` stays as given (`--today`, `SOURCE_DATE_EPOCH`).
    pub clock: Option<fn() -> Option<Date>>,
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
    /// How long each stage took (for `--timings`).
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Durations of the stages of a build, for `--timings`; they never reach the output.
#[derive(Debug)]
pub struct Laps {
    last: std::time::Instant,
    /// (stage, duration) in order.
    pub laps: Vec<(&'static str, std::time::Duration)>,
}

impl Laps {
    /// Starts timing.
    pub fn start() -> Laps {
        Laps {
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the stage `name`.
    pub fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }
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
    let mut session = Session::new(opts.clone());
    // A one-shot build does not need the texts once they are parsed: dropping them keeps
    // the peak memory of a 10,000-page build lower.
    session.keep_sources = false;
    session.rebuild(&Changes::Everything)
}

/// As `build`, writing each page into `stage` (an empty folder) as soon as it is rendered
/// instead of holding them all: the pages of the result are `Body::Written`, and the rest
/// (feeds, data, search index, static files) is left for `output::Stage::finish` to write.
/// On failure `stage` holds part of a site and must be thrown away.
pub fn build_into(opts: &Options, stage: &std::path::Path) -> Result<Built, Failure> {
    let mut session = Session::new(opts.clone());
    session.keep_sources = false;
    session.stream = Some(stage.to_path_buf());
    session.rebuild(&Changes::Everything)
}

/// What changed since the last build of a `Session`.
#[derive(Debug, Clone)]
pub enum Changes {
    /// Read everything again.
    Everything,
    /// These files or folders (absolute paths) were created, changed or removed.
    Paths(Vec<PathBuf>),
}

/// A site kept in memory between builds, so that a rebuild after an edit reads and renders
/// only what the edit touched (`watch`, `serve`). Its output is always the same as a fresh
/// `build` of the same files.
pub struct Session {
    opts: Options,
    keep_sources: bool,
    sources: Option<source::Sources>,
    theme: Option<(theme::Theme, Diagnostics)>,
    items: model::ItemCache,
    memo: render::Memo,
    links: validate::LinkCache,
    facts: std::collections::HashMap<String, FactEntry>,
    /// site.yaml and data/ as last read, with their messages.
    settled: Option<(Option<config::SiteConfig>, data::Registry, Diagnostics)>,
    /// The last model and the messages of its assembly (kept to be patched after an edit).
    model: Option<(model::Model, Diagnostics)>,
    /// Where a one-shot build writes its pages as they are rendered (see `build_into`).
    stream: Option<PathBuf>,
}

impl Session {
    /// A session that has built nothing yet.
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            keep_sources: true,
            sources: None,
            theme: None,
            items: model::ItemCache::default(),
            memo: render::Memo::default(),
            links: validate::LinkCache::default(),
            facts: std::collections::HashMap::new(),
            settled: None,
            model: None,
            stream: None,
        }
    }

    /// The options this session builds with.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Pages rendered by the last build (the others were unchanged and reused).
    pub fn pages_rendered(&self) -> usize {
        self.memo.rendered
    }

    /// The clock's date, when there is a clock and it has moved to another day since the
    /// last build (the next rebuild then reads everything again with the new date).
    fn new_day(&self) -> Option<Date> {
        self.opts.clock.and_then(|now| now()).filter(|d| *d != self.opts.today)
    }

    /// True when the clock has moved to another day since the last build.
    pub fn day_changed(&self) -> bool {
        self.new_day().is_some()
    }

    /// Builds again after `changes`.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Built, Failure> {
        let everything = Changes::Everything;
        let changes = match self.new_day() {
            Some(d) => {
                self.opts.today = d;
                &everything
            }
            None => changes,
        };
        let root = self.opts.root.clone();
        let root = &root;
        let mut laps = Laps::start();
        let templates_changed = match changes {
            Changes::Everything => true,
            Changes::Paths(paths) => paths.iter().any(|p| {
                let rel = p.strip_prefix(root).unwrap_or(p);
                rel.starts_with("templates")
                    || rel.starts_with("themes")
                    || rel.starts_with("i18n")
                    || rel == std::path::Path::new("site.yaml")
            }),
        };
        // Only content/ and static/ changed: site.yaml and data/ are as they were read.
        let only_content = match changes {
            Changes::Everything => false,
            Changes::Paths(paths) => paths.iter().all(|p| {
                let rel = source::rel_path(root, p);
                rel.starts_with("content/") || rel.starts_with("static/")
            }),
        };
        let settled = match self.settled.take() {
            Some(s) if only_content => s,
            _ => {
                let (cfg, d1) = config::load(root, &self.opts.overrides)?;
                let (reg, d2) = data::load(root)?;
                let mut d = d1;
                d.extend(d2);
                (cfg, reg, d)
            }
        };
        let (cfg, reg, mut diags) = settled.clone();
        self.settled = Some(settled);
        // The Markdown files that changed, when nothing else did.
        let mut edited: Option<Vec<String>> = match changes {
            Changes::Paths(paths) if only_content => paths
                .iter()
                .map(|p| source::rel_path(root, p))
                .map(|rel| (rel.starts_with("content/") && rel.ends_with(".md")).then_some(rel))
                .collect(),
            _ => None,
        };
        let sources = match (self.sources.take(), changes) {
            (Some(mut src), Changes::Paths(paths)) => {
                if source::refresh(root, &mut src, paths)? {
                    let d = source::diagnostics(root, &src);
                    (src, d)
                } else {
                    edited = None;
                    source::load(root)?
                }
            }
            _ => source::load(root)?,
        };
        let (src, d) = sources;
        diags.extend(d);
        laps.lap("sources");
        let Some(cfg) = cfg else {
            self.sources = Some(src);
            return Err(Failure::Content(diags.sorted()));
        };
        let settings = model::Settings {
            today: self.opts.today,
            drafts: self.opts.drafts,
        };
        // An edit that moves nothing in the lists is patched into the last model; anything
        // else assembles the model again (from the cache of files read). Either way the kept
        // model is taken out here: it must always be the assembly of what the cache holds,
        // and goes back only once this build is through.
        let patched = match (self.model.take(), &edited) {
            (Some((mut model, model_diags)), Some(edited)) => {
                model::patch(&cfg, &src, settings, &mut self.items, &mut model, edited).then_some((model, model_diags))
            }
            _ => None,
        };
        let (model, d) = match patched {
            Some(done) => done,
            None => model::assemble_cached(&cfg, &src, settings, &mut self.items),
        };
        diags.extend(d.clone());
        laps.lap("model");
        let src = if self.keep_sources {
            src
        } else {
            // The model holds all it needs of the text; keep the assets only.
            self.items = model::ItemCache::default();
            source::Sources {
                docs: Vec::new(),
                assets: src.assets,
                problems: src.problems,
            }
        };
        if templates_changed || self.theme.is_none() {
            let (theme, d) = theme::load(root, &cfg)?;
            self.theme = None;
            if let Some(t) = theme {
                self.theme = Some((t, d.clone()));
            }
            if self.theme.is_none() {
                diags.extend(d);
            }
        }
        if let Some((_, d)) = &self.theme {
            diags.extend(d.clone());
        }
        let theme_static: BTreeSet<String> = self
            .theme
            .as_ref()
            .map(|(t, _)| t.static_files.keys().cloned().collect())
            .unwrap_or_default();
        laps.lap("theme");
        diags.extend(validate::check(
            &cfg,
            &model,
            &reg,
            &src,
            &theme_static,
            &mut self.links,
        ));
        laps.lap("validate");
        let result = self.finish(&cfg, &model, &reg, &src, diags, laps);
        self.sources = Some(src);
        if self.keep_sources {
            self.model = Some((model, d));
        }
        result
    }

    fn finish(
        &mut self,
        cfg: &config::SiteConfig,
        model: &model::Model,
        reg: &data::Registry,
        src: &source::Sources,
        diags: Diagnostics,
        mut laps: Laps,
    ) -> Result<Built, Failure> {
        let Some((theme, _)) = self.theme.as_mut() else {
            return Err(Failure::Content(diags.sorted()));
        };
        if diags.has_errors() {
            return Err(Failure::Content(diags.sorted()));
        }
        let facts = attachment_facts(model, src, &mut self.facts)?;
        self.memo.keep_search(self.keep_sources);
        laps.lap("attachments");
        let inputs = render::Inputs {
            cfg,
            model,
            reg,
            src,
            facts: &facts,
            today: self.opts.today,
            stream: self.stream.as_deref(),
        };
        let rendered = render::site(&inputs, theme, &mut self.memo, &mut laps).map_err(|mut d| {
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
            timings: laps.laps,
        })
    }
}

/// What is known of an attachment: modification time, size, SHA-256.
type FactEntry = (Option<std::time::SystemTime>, u64, String);

/// Size and SHA-256 of every attachment, read in parallel; files whose size and modification
/// time are unchanged since the last call are not read again.
fn attachment_facts(
    model: &model::Model,
    src: &source::Sources,
    cache: &mut std::collections::HashMap<String, FactEntry>,
) -> anyhow::Result<render::AttachmentFacts> {
    let wanted: BTreeSet<&str> = model
        .index
        .with_attachments
        .iter()
        .flat_map(|&i| model.disclosures[i as usize].attachments.iter().map(|a| a.src.as_str()))
        .collect();
    let facts: Vec<(String, FactEntry)> = wanted
        .into_par_iter()
        .filter_map(|rel| src.assets.get(rel).map(|a| (rel, a)))
        .map(|(rel, a)| {
            if let Some(hit) = cache
                .get(rel)
                .filter(|(m, size, _)| *m == a.modified && a.modified.is_some() && *size == a.size)
            {
                return Ok((rel.to_string(), hit.clone()));
            }
            Ok((rel.to_string(), (a.modified, a.size, source::sha256_file(&a.abs)?)))
        })
        .collect::<anyhow::Result<_>>()?;
    *cache = facts.iter().cloned().collect();
    Ok(facts
        .into_iter()
        .map(|(rel, (_, size, sha))| (rel, (size, sha)))
        .collect())
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
                today: crate::date::parse("2026-01-01").unwrap(),
                clock: None,
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
