//! Command-line arguments → a command run → exit code (0 ok, 1 content errors, 2 usage).

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::diag::Diagnostics;
use crate::model::Date;
use crate::{Failure, Options, config, output, scaffold};

#[derive(Debug, Parser)]
#[command(
    name = "congkhai",
    version,
    about = "Build the transparency pages of a public office from Markdown and YAML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Args)]
struct SiteArgs {
    /// The site's folder (where site.yaml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Fix "today" (overdue tasks, scheduled items), as YYYY-MM-DD.
    #[arg(long, value_parser = parse_today)]
    today: Option<Date>,
    /// Include files with `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Publish under another address than site.yaml's base_url.
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (default <root>/public).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Check every file and report all problems; write nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Create a new content file: new task|disclosure|update|page|plan "Title".
    New {
        /// task, disclosure, update, page or plan.
        #[arg(value_parser = ["task", "disclosure", "update", "page", "plan"])]
        kind: String,
        /// The title; the file name is made from it.
        title: String,
        /// The site's folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The date written into the file, as YYYY-MM-DD.
        #[arg(long, value_parser = parse_today)]
        today: Option<Date>,
    },
}

fn parse_today(s: &str) -> Result<Date, String> {
    crate::model::parse_date(s)
}

/// Runs congkhai with these arguments and returns the exit code.
pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    match cli.command {
        Command::Build { site, output } => {
            let Some(opts) = options(&site) else { return 2 };
            let out = output.unwrap_or_else(|| site.root.join("public"));
            build(&opts, Some(&out))
        }
        Command::Check { site } => {
            let Some(opts) = options(&site) else { return 2 };
            build(&opts, None)
        }
        Command::New {
            kind,
            title,
            root,
            today,
        } => {
            let Some(today) = today.or_else(|| resolve_today(None)) else {
                return 2;
            };
            let Some(kind) = scaffold::Kind::parse(&kind) else {
                return 2;
            };
            match scaffold::create(&root, kind, &title, today) {
                Ok(path) => {
                    let shown = path.strip_prefix(&root).unwrap_or(&path);
                    println!("created {}", shown.display());
                    0
                }
                Err(e) => {
                    eprintln!("error: {e:#}");
                    1
                }
            }
        }
    }
}

fn options(site: &SiteArgs) -> Option<Options> {
    let today = resolve_today(site.today)?;
    Some(Options {
        root: site.root.clone(),
        drafts: site.drafts,
        today,
        overrides: config::Overrides {
            base_url: site.base_url.clone(),
        },
    })
}

/// `--today`, then `SOURCE_DATE_EPOCH`, then the clock (in Vietnam's time zone, UTC+7).
fn resolve_today(given: Option<Date>) -> Option<Date> {
    if let Some(d) = given {
        return Some(d);
    }
    let vn = chrono::FixedOffset::east_opt(7 * 3600)?;
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let Some(dt) = epoch
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        else {
            eprintln!("error: SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01, found `{epoch}`");
            return None;
        };
        return Some(dt.with_timezone(&vn).date_naive());
    }
    Some(chrono::Utc::now().with_timezone(&vn).date_naive())
}

fn print_diags(d: &Diagnostics) {
    for line in &d.0 {
        eprintln!("{line}");
    }
}

fn build(opts: &Options, out: Option<&std::path::Path>) -> i32 {
    let started = Instant::now();
    match crate::build(opts) {
        Ok(built) => {
            print_diags(&built.warnings);
            let [plans, tasks, disclosures, updates, pages] = built.counts;
            let Some(out) = out else {
                eprintln!(
                    "ok: {plans} plans, {tasks} tasks, {disclosures} disclosures, {updates} updates, {pages} pages; no errors ({} warnings)",
                    built.warnings.0.len()
                );
                return 0;
            };
            match output::publish(out, &built.rendered) {
                Ok(p) => {
                    eprintln!(
                        "built {} files ({plans} plans, {tasks} tasks, {disclosures} disclosures, {updates} updates, {pages} pages) into {} in {} ms",
                        p.files,
                        out.display(),
                        started.elapsed().as_millis()
                    );
                    0
                }
                Err(e) => {
                    eprintln!("error: {e:#}");
                    eprintln!("nothing was published: {} is as it was", out.display());
                    1
                }
            }
        }
        Err(Failure::Content(d)) => {
            print_diags(&d);
            let n = d.error_count();
            let published = match out {
                Some(o) => format!("; nothing was published: {} is as it was", o.display()),
                None => String::new(),
            };
            eprintln!(
                "error: {n} {} found{published}",
                if n == 1 { "problem" } else { "problems" }
            );
            1
        }
        Err(Failure::Io(e)) => {
            eprintln!("error: {e:#}");
            1
        }
    }
}
