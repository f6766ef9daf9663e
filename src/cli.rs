//! Command-line arguments → a command run → exit code (0 ok, 1 content errors, 2 usage).

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::diag::Diagnostics;
use crate::diag::Failure;
use crate::layout::Changes;
use crate::model::Date;
use crate::options::{Built, Counts, Options};
use crate::session::Session;
use crate::{config, output, scaffold};

mod knobs;
mod owed;
mod progress;

use owed::{ledger_allows, report};

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
    /// Print how long each stage of each build took.
    #[arg(long)]
    timings: bool,
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
        /// Replace an output folder that holds files congkhai did not write (never the site
        /// itself or its source folders).
        #[arg(long)]
        force: bool,
        /// Publish even if a disclosure or task of the published site would vanish (it is
        /// named); without it such a build publishes nothing.
        #[arg(long)]
        allow_removal: bool,
    },
    /// Check every file and report all problems; write nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Build, serve on 127.0.0.1 and reload open pages after every edit.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Address to listen on (127.0.0.1 keeps the server on this machine).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Poll for changes instead of using the system's file events.
        #[arg(long)]
        poll: bool,
    },
    /// Build into the output folder, then rebuild it after every edit.
    Watch {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace an output folder that holds files congkhai did not write (never the site
        /// itself or its source folders).
        #[arg(long)]
        force: bool,
        /// Publish even if a disclosure or task of the published site would vanish (it is
        /// named); without it such a build publishes nothing.
        #[arg(long)]
        allow_removal: bool,
        /// Poll for changes instead of using the system's file events.
        #[arg(long)]
        poll: bool,
    },
    /// Say what the office still owes: categories missing or stale, periods with nothing
    /// published, overdue tasks and tasks without news.
    Report {
        #[command(flatten)]
        site: SiteArgs,
        /// `text` (in the site's language) or `json`.
        #[arg(long, value_parser = ["text", "json"], default_value = "text")]
        format: String,
        /// Exit with 1 when a category is missing or stale or a period has nothing (for a
        /// scheduled job or CI).
        #[arg(long)]
        strict: bool,
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
    crate::date::parse(s)
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
        Command::Build {
            site,
            output,
            force,
            allow_removal,
        } => {
            let Some(opts) = options(&site) else { return 2 };
            let out = output.unwrap_or_else(|| site.root.join("public"));
            if !output_allowed(&opts, &out, force) {
                return 2;
            }
            build(&opts, Some(&out), site.timings, allow_removal)
        }
        Command::Check { site } => {
            let Some(opts) = options(&site) else { return 2 };
            build(&opts, None, site.timings, false)
        }
        Command::Report { site, format, strict } => {
            let Some(opts) = options(&site) else { return 2 };
            report(&opts, &format, strict)
        }
        Command::Watch {
            site,
            output,
            force,
            allow_removal,
            poll,
        } => {
            let Some(opts) = options(&site) else { return 2 };
            let out = absolute(&output.unwrap_or_else(|| site.root.join("public")));
            if !output_allowed(&opts, &out, force) {
                return 2;
            }
            let today = clock(&site, opts.today);
            let flags = WatchFlags {
                poll,
                timings: site.timings,
                allow_removal,
            };
            watch(opts, &out, flags, &today)
        }
        Command::Serve { site, bind, port, poll } => {
            let Some(opts) = options(&site) else { return 2 };
            let today = clock(&site, opts.today);
            serve(opts, std::net::SocketAddr::new(bind, port), poll, site.timings, today)
        }
        Command::New {
            kind,
            title,
            root,
            today,
        } => new_file(&kind, &title, &root, today),
    }
}

/// `congkhai new`: writes the file and says where.
fn new_file(kind: &str, title: &str, root: &std::path::Path, today: Option<Date>) -> i32 {
    let Some(today) = today.or_else(|| resolve_today(None)) else {
        return 2;
    };
    let Some(kind) = scaffold::Kind::parse(kind) else {
        return 2;
    };
    match scaffold::create(root, kind, title, today) {
        Ok(path) => {
            let shown = path.strip_prefix(root).unwrap_or(&path);
            println!("created {}", shown.display());
            0
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            1
        }
    }
}

/// Whether a build may replace `out`; says why not (a wrong `--output` must never delete
/// the site or anything else that is not a congkhai output).
fn output_allowed(opts: &Options, out: &std::path::Path, force: bool) -> bool {
    match output::check_target(&opts.root, out, &crate::layout::SOURCE_FOLDERS, force) {
        Ok(()) => true,
        Err(why) => {
            eprintln!("error: {why}");
            eprintln!("nothing was built or deleted");
            false
        }
    }
}

/// Today's date in Vietnam (UTC+7) by the system clock.
fn today_in_vietnam() -> Option<Date> {
    let vn = chrono::FixedOffset::east_opt(7 * 3600)?;
    Some(chrono::Utc::now().with_timezone(&vn).date_naive())
}

/// What `watch` and `serve` take as today before each rebuild: the date fixed by `--today`
/// or `SOURCE_DATE_EPOCH`, else the clock, so that a site left running past midnight
/// publishes the items scheduled for the new day and shows tasks that became overdue.
fn clock(site: &SiteArgs, first: Date) -> impl Fn() -> Date + Send + 'static {
    let fixed = site.today.is_some() || std::env::var_os("SOURCE_DATE_EPOCH").is_some();
    move || {
        if fixed {
            first
        } else {
            today_in_vietnam().unwrap_or(first)
        }
    }
}

fn options(site: &SiteArgs) -> Option<Options> {
    let today = resolve_today(site.today)?;
    Some(Options {
        // File events name absolute paths: the root must be one too (a relative `--root`,
        // the default `.` included, would match none of them).
        root: absolute(&site.root),
        drafts: site.drafts,
        today,
        overrides: config::Overrides {
            base_url: site.base_url.clone(),
            sitemap_limit: knobs::sitemap_limit()?,
        },
    })
}

/// `path` made absolute (and canonical when it exists).
fn absolute(path: &std::path::Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
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
    today_in_vietnam()
}

fn print_diags(d: &Diagnostics) {
    for line in &d.0 {
        eprintln!("{line}");
    }
}

/// The warnings a long-running `watch` or `serve` printed after its last good build: each
/// rebuild prints only the warnings that are new and counts the others, so that a save shows
/// what it changed instead of every warning of the site again.
#[derive(Default)]
struct Shown(std::collections::HashSet<String>);

impl Shown {
    fn print(&mut self, d: &Diagnostics) {
        let lines: Vec<String> = d.0.iter().map(|x| x.to_string()).collect();
        let again = lines.iter().filter(|l| self.0.contains(*l)).count();
        for l in lines.iter().filter(|l| !self.0.contains(*l)) {
            eprintln!("{l}");
        }
        if again > 0 {
            let what = if again == 1 { "warning" } else { "warnings" };
            eprintln!("({again} {what} shown before still apply)");
        }
        self.0 = lines.into_iter().collect();
    }
}

fn print_timings(on: bool, built: &Built) {
    if on {
        let parts: Vec<String> = built
            .timings
            .iter()
            .map(|(n, d)| format!("{n} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect();
        eprintln!("timings: {}", parts.join(", "));
    }
}

fn build(opts: &Options, out: Option<&std::path::Path>, timings: bool, allow_removal: bool) -> i32 {
    let started = Instant::now();
    // Pages are written into the staging folder as they are rendered; the folder is swapped
    // in only when the whole build has succeeded, and removed otherwise.
    let stage = match out.map(output::Stage::open).transpose() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e:#}");
            return 1;
        }
    };
    let bar = progress::Bar::start();
    let tell: &dyn crate::Progress = bar.as_ref().map_or(&crate::progress::Silent, |b| b);
    let result = match &stage {
        Some(s) => crate::build_with(opts, s, tell),
        None => crate::build_with(opts, &crate::files::Discard, tell),
    };
    if let Some(bar) = bar {
        bar.finish();
    }
    match result {
        Ok(built) => {
            print_diags(&built.warnings);
            print_timings(timings, &built);
            let Counts {
                plans,
                tasks,
                disclosures,
                updates,
                pages,
            } = built.counts;
            let (Some(out), Some(stage)) = (out, stage) else {
                eprintln!(
                    "ok: {plans} plans, {tasks} tasks, {disclosures} disclosures, {updates} updates, {pages} pages; no errors ({} warnings)",
                    built.warnings.0.len()
                );
                return 0;
            };
            if !ledger_allows(&opts.root, out, &built.rendered.paths(), allow_removal) {
                return 1;
            }
            match stage.finish(&built.rendered) {
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
        Err(f) => {
            report_failure(&f, out);
            1
        }
    }
}

/// Prints why a build failed: every diagnostic, then one line saying what was published
/// (`out`: the output folder, or none for `check`).
fn report_failure(failure: &Failure, out: Option<&std::path::Path>) {
    match failure {
        Failure::Content(d) => {
            print_diags(d);
            let n = d.error_count();
            let published = match out {
                Some(o) => format!("; nothing was published: {} is as it was", o.display()),
                None => String::new(),
            };
            eprintln!(
                "error: {n} {} found{published}",
                if n == 1 { "problem" } else { "problems" }
            );
        }
        Failure::Io(e) => eprintln!("error: {e:#}"),
    }
}

/// What `watch` was asked for besides the site.
struct WatchFlags {
    poll: bool,
    timings: bool,
    allow_removal: bool,
}

fn watch(opts: Options, out: &std::path::Path, flags: WatchFlags, today: &dyn Fn() -> Date) -> i32 {
    let WatchFlags {
        poll,
        timings,
        allow_removal,
    } = flags;
    let root = opts.root.clone();
    // What is in the output folder, once a build has been published by this process.
    let mut synced: Option<output::Synced> = None;
    let mut shown = Shown::default();
    let mut publish = |result: Result<Built, Failure>, started: Instant| {
        let built = match result {
            Ok(built) => built,
            Err(f) => return report_failure(&f, Some(out)),
        };
        shown.print(&built.warnings);
        print_timings(timings, &built);
        // The ledger is read only when a page of this process's last publish is gone.
        let paths = built.rendered.paths();
        let look = synced.as_ref().is_none_or(|s| s.loses_page_of(&paths));
        if look && !ledger_allows(&root, out, &paths, allow_removal) {
            return;
        }
        let result = match synced.as_mut() {
            Some(s) => output::sync(out, &built.rendered, s)
                .map(|st| format!("{} written, {} removed", st.written, st.removed)),
            None => output::publish(out, &built.rendered).map(|p| {
                synced = Some(output::Synced::of(&built.rendered));
                format!("{} files", p.files)
            }),
        };
        match result {
            Ok(what) => eprintln!(
                "published {} ({what}) in {} ms",
                out.display(),
                started.elapsed().as_millis()
            ),
            Err(e) => {
                eprintln!("error: {e:#}");
                synced = None;
            }
        }
    };
    follow(Session::new(opts), out, poll, today, &mut publish)
}

/// The loop of `watch` and `serve`: builds once, then again after every edit (and at
/// midnight), handing each result to `handle` with the time its build started.
fn follow(
    mut session: Session,
    out: &std::path::Path,
    poll: bool,
    today: &dyn Fn() -> Date,
    handle: &mut dyn FnMut(Result<Built, Failure>, Instant),
) -> i32 {
    let root = session.options().root.clone();
    // Watch before the first build, so that an edit made while it runs is not missed.
    let watcher = crate::watch::Watcher::new(&root, poll);
    handle(session.rebuild(&Changes::everything(), today()), Instant::now());
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e:#}");
            return 1;
        }
    };
    if let Some(why) = &watcher.polling {
        eprintln!("note: watching by polling every 0.5 s: {why}");
    }
    eprintln!("watching {} for changes (Ctrl+C to stop)", root.display());
    crate::watch::run(
        &mut session,
        out,
        &mut watcher,
        today,
        &mut |o: crate::watch::Outcome| handle(o.result, o.started),
    );
    0
}

fn serve(
    mut opts: Options,
    addr: std::net::SocketAddr,
    poll: bool,
    timings: bool,
    today: impl Fn() -> Date + Send + 'static,
) -> i32 {
    let (runtime, listener) = match listen(addr) {
        Ok(parts) => parts,
        Err(message) => {
            eprintln!("error: {message}");
            return 1;
        }
    };
    let local = listener.local_addr().unwrap_or(addr);
    let base_path = crate::serve::base_path_of(&opts.root, &opts.overrides);
    let host = match local.ip() {
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        std::net::IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{host}:{}{base_path}", local.port());
    opts.overrides.base_url = Some(url.clone());
    let server = crate::serve::Server::new(&base_path);
    let out = opts.root.join("public");
    let loop_server = server.clone();
    std::thread::spawn(move || {
        let mut shown = Shown::default();
        let mut handle = |result: Result<Built, Failure>, started: Instant| match result {
            Ok(built) => {
                shown.print(&built.warnings);
                print_timings(timings, &built);
                loop_server.publish(&built.rendered);
                eprintln!("rebuilt in {} ms", started.elapsed().as_millis());
            }
            Err(f) => {
                let text = match &f {
                    Failure::Content(d) => d.0.iter().map(|l| l.to_string()).collect::<Vec<_>>().join("\n"),
                    Failure::Io(e) => format!("error: {e:#}"),
                };
                report_failure(&f, Some(std::path::Path::new("the served site")));
                loop_server.fail(&text);
            }
        };
        follow(Session::new(opts), &out, poll, &today, &mut handle)
    });
    println!("serving {url}");
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    match runtime.block_on(async move { axum::serve(listener, server.router()).await }) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: the server stopped: {e}");
            1
        }
    }
}

/// The server's runtime and its socket on `addr`.
fn listen(addr: std::net::SocketAddr) -> Result<(tokio::runtime::Runtime, tokio::net::TcpListener), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let listener = runtime
        .block_on(crate::serve::listen(addr))
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    Ok((runtime, listener))
}
