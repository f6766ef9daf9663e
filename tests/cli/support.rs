//! A copied fixture site in a temp folder → runs of the real `congkhai` binary → code, stdout, stderr.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// The "today" every test passes unless it says otherwise, so that output is deterministic.
pub(crate) const TODAY: &str = "2026-11-29";

/// A fixture site copied into its own temporary folder.
pub(crate) struct Site {
    dir: TempDir,
}

impl Site {
    /// Copies `tests/fixtures/<name>/` into a fresh temporary folder.
    pub(crate) fn fixture(name: &str) -> Site {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        let dir = tempfile::Builder::new()
            .prefix("congkhai-test-")
            .tempdir()
            .expect("temp dir");
        copy_dir(&src, dir.path());
        Site { dir }
    }

    /// The site's root folder.
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `root/rel`.
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Replaces the only occurrence of `from` with `to` in the file `rel` (fails if absent or repeated).
    pub(crate) fn edit(&self, rel: &str, from: &str, to: &str) -> &Site {
        let text = self.read_text(rel);
        let n = text.matches(from).count();
        assert_eq!(n, 1, "`{from}` occurs {n} times in {rel}, expected exactly once");
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Writes (or replaces) the file `rel`, creating its folders.
    pub(crate) fn write(&self, rel: &str, text: &str) -> &Site {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes to the file `rel`, creating its folders.
    pub(crate) fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("create folders");
        std::fs::write(&p, bytes).expect("write file");
        self
    }

    /// Removes the file `rel`.
    pub(crate) fn remove(&self, rel: &str) -> &Site {
        std::fs::remove_file(self.path(rel)).expect("remove file");
        self
    }

    /// Makes `rel` a symbolic link to `target`.
    pub(crate) fn symlink(&self, target: &Path, rel: &str) -> &Site {
        let p = self.path(rel);
        let _ = std::fs::remove_file(&p);
        std::os::unix::fs::symlink(target, &p).expect("symlink");
        self
    }

    /// Reads a file of the site as text.
    pub(crate) fn read_text(&self, rel: &str) -> String {
        String::from_utf8(self.read_bytes(rel)).expect("UTF-8 file")
    }

    /// Reads a file of the site as bytes.
    pub(crate) fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Reads a built file under `public/` as text.
    pub(crate) fn out(&self, rel: &str) -> String {
        self.read_text(&format!("public/{rel}"))
    }

    /// A built CSV file under `public/` (it must start with the UTF-8 BOM): its header and
    /// its records, each cell as text.
    pub(crate) fn out_csv(&self, rel: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let bytes = self.read_bytes(&format!("public/{rel}"));
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{rel}: BOM");
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let headers = r.headers().expect("headers").iter().map(str::to_string).collect();
        let rows = r
            .records()
            .map(|rec| rec.expect("record").iter().map(str::to_string).collect())
            .collect();
        (headers, rows)
    }

    /// Whether `public/rel` exists.
    pub(crate) fn has_out(&self, rel: &str) -> bool {
        self.path(&format!("public/{rel}")).exists()
    }

    /// The 1-based line of the only line of `rel` that contains `needle`.
    pub(crate) fn line_of(&self, rel: &str, needle: &str) -> usize {
        let text = String::from_utf8_lossy(&self.read_bytes(rel)).into_owned();
        let hits: Vec<usize> = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "`{needle}` is on lines {hits:?} of {rel}, expected one line"
        );
        hits[0]
    }

    /// Every file under `rel` (a folder of the site), path → bytes.
    pub(crate) fn tree(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        tree(&self.path(rel))
    }

    /// A command `congkhai <args> --root <root> --today 2026-11-29`.
    pub(crate) fn cmd<I, S>(&self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        Cmd {
            args: args.into_iter().map(Into::into).collect(),
            root: Some(self.root().to_path_buf()),
            today: Some(TODAY.to_string()),
            env: Vec::new(),
            cwd: self.root().to_path_buf(),
        }
    }

    /// `congkhai build` with the defaults.
    pub(crate) fn build(&self) -> Out {
        self.cmd(["build"]).run()
    }

    /// `congkhai build` that must succeed.
    pub(crate) fn build_ok(&self) -> Out {
        self.build().success()
    }
}

/// One run of the binary, built up before it starts.
pub(crate) struct Cmd {
    args: Vec<OsString>,
    root: Option<PathBuf>,
    today: Option<String>,
    env: Vec<(String, String)>,
    cwd: PathBuf,
}

impl Cmd {
    /// Adds arguments.
    pub(crate) fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Uses this `--today` instead of the default.
    pub(crate) fn today(mut self, today: &str) -> Cmd {
        self.today = Some(today.to_string());
        self
    }

    /// Passes no `--today` at all.
    pub(crate) fn no_today(mut self) -> Cmd {
        self.today = None;
        self
    }

    /// Passes no `--root` (the command runs in the site's folder).
    pub(crate) fn no_root(mut self) -> Cmd {
        self.root = None;
        self
    }

    /// Sets an environment variable for the run.
    pub(crate) fn env(mut self, key: &str, value: &str) -> Cmd {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Runs the binary and waits for it.
    pub(crate) fn run(self) -> Out {
        let mut c = Command::new(env!("CARGO_BIN_EXE_congkhai"));
        c.args(&self.args);
        if let Some(root) = &self.root {
            c.arg("--root").arg(root);
        }
        if let Some(today) = &self.today {
            c.arg("--today").arg(today);
        }
        c.current_dir(&self.cwd);
        c.env_remove("SOURCE_DATE_EPOCH");
        for (k, v) in &self.env {
            c.env(k, v);
        }
        let o = c.output().expect("run congkhai");
        let out = Out {
            code: o.status.code().expect("exit code (not killed by a signal)"),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        };
        assert!(!out.stderr.contains("panicked"), "congkhai panicked:\n{}", out.stderr);
        out
    }
}

/// What a run printed and returned.
#[derive(Debug)]
pub(crate) struct Out {
    /// Exit status.
    pub(crate) code: i32,
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
}

impl Out {
    /// Asserts the exit status.
    pub(crate) fn code(self, want: i32) -> Out {
        assert_eq!(
            self.code, want,
            "exit status {} (wanted {want})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Asserts exit status 0.
    pub(crate) fn success(self) -> Out {
        self.code(0)
    }

    /// Asserts that stderr contains `s`.
    pub(crate) fn stderr_has(self, s: &str) -> Out {
        assert!(self.stderr.contains(s), "stderr lacks `{s}`:\n{}", self.stderr);
        self
    }

    /// Asserts that stdout contains `s`.
    pub(crate) fn stdout_has(self, s: &str) -> Out {
        assert!(self.stdout.contains(s), "stdout lacks `{s}`:\n{}", self.stdout);
        self
    }

    /// Asserts that stderr does not contain `s`.
    pub(crate) fn stderr_lacks(self, s: &str) -> Out {
        assert!(!self.stderr.contains(s), "stderr has `{s}`:\n{}", self.stderr);
        self
    }

    /// The stderr line that starts with `prefix` (e.g. `content/tasks/a.md:6:`); fails if none.
    pub(crate) fn error_line(&self, prefix: &str) -> &str {
        self.stderr
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no stderr line starts with `{prefix}`:\n{}", self.stderr))
    }
}

/// Copies a folder recursively (files and folders; symbolic links are recreated as links).
/// `TODAY` as a date.
pub(crate) fn today() -> congkhai::date::Date {
    congkhai::date::parse(TODAY).expect("date")
}

/// What a batch of changed paths (absolute) changes in the site in `root`.
pub(crate) fn changes(root: &Path, paths: Vec<PathBuf>) -> congkhai::Changes {
    congkhai::Changes::of(root, &root.join("public"), &paths)
}

/// Library options for the site in `root`, on `TODAY`, without a clock (as `--today`).
pub(crate) fn options(root: &Path) -> congkhai::Options {
    congkhai::Options {
        root: root.to_path_buf(),
        drafts: false,
        today: today(),
        overrides: Default::default(),
    }
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("folder entry");
        let ty = entry.file_type().expect("file type");
        let dest = to.join(entry.file_name());
        if ty.is_dir() {
            copy_dir(&entry.path(), &dest);
        } else if ty.is_symlink() {
            let target = std::fs::read_link(entry.path()).expect("read link");
            std::os::unix::fs::symlink(target, &dest).expect("symlink");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy file");
        }
    }
}

/// Every file under `dir`, relative path (with `/`) → bytes; empty if `dir` does not exist.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut files);
    }
    files
}

fn walk(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("read folder") {
        let entry = entry.expect("folder entry");
        let p = entry.path();
        if entry.file_type().expect("file type").is_dir() {
            walk(base, &p, files);
        } else {
            let rel = p
                .strip_prefix(base)
                .expect("under base")
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, std::fs::read(&p).expect("read file"));
        }
    }
}

/// Asserts two trees are equal, naming the first differing paths.
pub(crate) fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    let differ: Vec<&String> = a.keys().filter(|k| b.get(*k).is_some_and(|v| v != &a[*k])).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty() && differ.is_empty(),
        "trees differ: only in first {only_a:?}, only in second {only_b:?}, different bytes {differ:?}"
    );
}

/// The `<main ...>...</main>` element of an HTML page.
pub(crate) fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main");
    let end = html[start..].find("</main>").expect("page has </main>") + start + "</main>".len();
    &html[start..end]
}

/// Every value of `href="..."` and `src="..."` in an HTML text.
pub(crate) fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            // Skip `data-src="` and the like: the attribute must follow a space.
            let ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("closing quote");
            if ok {
                found.push(rest[..end].replace("&amp;", "&"));
            }
            rest = &rest[end..];
        }
    }
    found
}
