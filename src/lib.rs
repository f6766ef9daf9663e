//! congkhai: a static site generator for the transparency pages of Vietnamese public offices.
//!
//! `build` below is the whole pipeline, one stage a line, each a function from typed inputs
//! to a typed output (`check` holds the stages that read and check the site, which `report`
//! shares); the files it makes go to a `Sink` as they are made. `session` runs the
//! same stages again after an edit, keeping what the edit did not touch; `cli` maps the
//! results to exit codes. A map of the modules is in `docs/architecture.md`.

pub mod attachments;
pub mod cli;
pub mod compliance;
pub mod config;
pub mod contact;
pub mod data;
pub mod datadict;
pub mod date;
pub mod diag;
pub mod docnumber;
pub mod escape;
pub mod files;
pub mod fingerprint;
pub mod fsx;
pub mod i18n;
pub mod labels;
pub mod layout;
pub mod ledger;
pub mod markdown;
pub mod model;
pub mod opendata;
pub mod options;
pub mod output;
pub mod period;
pub mod progress;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod slug;
pub mod source;
pub mod text;
pub mod theme;
pub mod url;
pub mod validate;
pub mod watch;
pub mod yaml;

pub use diag::Failure;
pub use files::{Keep, Rendered, Sink};
pub use layout::Changes;
pub use options::{Built, Counts, Laps, Options};
pub use progress::Progress;
pub use session::Session;

use diag::Diagnostics;

/// Loads, checks and renders the site; every file goes to `sink` as soon as it is made.
pub fn build(opts: &Options, sink: &dyn Sink) -> Result<Built, Failure> {
    build_with(opts, sink, &progress::Silent)
}

/// `build`, telling `progress` as each stage begins and as the pages are rendered.
pub fn build_with(opts: &Options, sink: &dyn Sink, progress: &dyn Progress) -> Result<Built, Failure> {
    let mut laps = Laps::reporting(progress);
    let Checked {
        cfg,
        reg,
        model,
        assets,
        mut theme,
        mut diags,
    } = check(opts, &mut laps)?;
    let facts = attachments::facts(&model, &assets, &mut Default::default())?;
    let tables = diags.keep(attachments::table::tables(
        &facts,
        &assets,
        cfg.attachment_table_rows,
        &mut Default::default(),
    )?);
    laps.lap("attachments");
    let none = datadict::Published::new();
    let site = render::Inputs {
        cfg: &cfg,
        model: &model,
        reg: &reg,
        facts: &facts,
        tables: &tables,
        today: opts.today,
        published: &none,
    };
    let strings = theme.strings(&cfg.language);
    let mut files = search::index(&cfg, &model, &reg, &strings, opts.today, sink)?;
    laps.lap("search");
    // The open data first: the open-data page shows the files' sizes.
    let (open, published) = opendata::files(&site, &strings, &theme.i18n, &mut Default::default());
    let open = put_all(sink, open)?;
    laps.lap("open data");
    let site = render::Inputs {
        published: &published,
        ..site
    };
    let pages = progress::Counting::new(sink, progress);
    files.splice(0..0, render::pages(&site, &mut theme, &mut Default::default(), &pages)?);
    laps.lap("pages");
    files.extend(open);
    files.extend(put_all(sink, render::static_files(&theme, &assets, &model, &files))?);
    laps.lap("static files");
    diags.extend(diag::Diagnostics(opendata::robots_note(&cfg).into_iter().collect()));
    Ok(Built::new(files, &model, diags, laps))
}

/// The site read and checked, without errors: what rendering and the report start from.
struct Checked {
    cfg: config::SiteConfig,
    reg: data::Registry,
    model: model::Model,
    /// The files published as they are (the model holds all it needs of the texts).
    assets: source::Assets,
    theme: theme::Theme,
    /// Warnings.
    diags: Diagnostics,
}

/// Reads the settings, data and sources, assembles the model, loads the theme and checks
/// everything; every problem at once, or the checked site.
fn check(opts: &Options, laps: &mut Laps) -> Result<Checked, Failure> {
    let mut diags = Diagnostics::default();
    let cfg = diags.keep(config::load(&opts.root, &opts.overrides)?);
    let reg = diags.keep(data::load(&opts.root)?);
    let mut src = diags.keep(source::load(&opts.root)?);
    laps.lap("sources");
    let cfg = cfg.ok_or_else(|| diags.failure())?;
    let model = diags.keep(model::assemble_once(&cfg, &mut src, opts.settings()));
    let assets = src.assets;
    laps.lap("model");
    let theme = diags.keep(theme::load(&opts.root, &cfg)?);
    laps.lap("theme");
    let theme_static = theme::static_names(theme.as_ref());
    diags.extend(validate::check(
        &cfg,
        &model,
        &reg,
        &assets,
        &theme_static,
        &mut Default::default(),
    ));
    laps.lap("validate");
    let theme = theme.filter(|_| !diags.has_errors()).ok_or_else(|| diags.failure())?;
    Ok(Checked {
        cfg,
        reg,
        model,
        assets,
        theme,
        diags,
    })
}

/// Reads and checks the site as `build` does, then says what the office still owes
/// (`compliance`), with the UI strings of the site's language; nothing is rendered.
pub fn report(opts: &Options) -> Result<(compliance::Report, Diagnostics, i18n::Strings), Failure> {
    let c = check(opts, &mut Laps::start())?;
    let report = compliance::report(&c.cfg, &c.model, &c.reg, opts.today);
    Ok((report, c.diags.sorted(), c.theme.strings(&c.cfg.language)))
}

/// Hands every file to `sink`, keeping what it gives back.
fn put_all(sink: &dyn Sink, files: Vec<files::OutputFile>) -> anyhow::Result<Vec<files::OutputFile>> {
    files.into_iter().map(|f| sink.put(f)).collect()
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
                overrides: config::Overrides::default(),
            };
            match build(&opts, &Keep) {
                Ok(_) => {}
                Err(Failure::Content(d)) => assert!(d.has_errors(), "case {i}: failure without an error"),
                Err(Failure::Io(e)) => panic!("case {i}: io error {e:#}"),
            }
        }
    }
}
