//! `Rendered` files → the output folder, swapped in atomically.
//!
//! The new site is written to a staging folder beside the output (same filesystem), then the
//! two are exchanged in one `renameat2(RENAME_EXCHANGE)` call, so a web server, or a build
//! killed at any moment, sees either the whole old site or the whole new one. Nothing is
//! ever deleted before the new site is in place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::files::{Body, OutputFile, Rendered, Sink};
use crate::fsx;

/// The file that marks a folder as a congkhai output: a folder that holds other files and not
/// this one is never replaced (it could be anything of the user's).
pub const MARKER: &str = ".congkhai-output";

const MARKER_TEXT: &str = "This folder is written by congkhai: every build replaces all of it.\n";

/// Why an output folder is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks that `output` may be replaced by a build of the site in `root`: it must not be the
/// site's folder, contain it, or lie inside one of its source folders (`sources`, relative to
/// the root), whatever `force` says; and it must be missing, empty, or a previous output
/// (it holds `MARKER`), unless `force` is given. Symbolic links are followed, so a link to the
/// site is the site.
pub fn check_target(root: &Path, output: &Path, sources: &[&str], force: bool) -> Result<(), Refusal> {
    let root = resolve(root);
    let out = resolve(output);
    let shown = output.display();
    if out == root {
        return Err(Refusal(format!(
            "the output folder `{shown}` is the site's own folder: building there would replace site.yaml and content/; use a folder such as `public`"
        )));
    }
    if root.starts_with(&out) {
        return Err(Refusal(format!(
            "the output folder `{shown}` contains the site (`{}`): building there would replace the site's files; use a folder such as `{}`",
            root.display(),
            root.join("public").display()
        )));
    }
    for name in sources {
        if out.starts_with(root.join(name)) {
            return Err(Refusal(format!(
                "the output folder `{shown}` is inside the site's `{name}/` folder, which holds its sources; use a folder outside it, such as `{}`",
                root.join("public").display()
            )));
        }
    }
    let Ok(meta) = std::fs::metadata(&out) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Refusal(format!("the output `{shown}` exists and is not a folder")));
    }
    if force || out.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries =
        std::fs::read_dir(&out).map_err(|e| Refusal(format!("cannot read the output folder `{shown}`: {e}")))?;
    if entries.next().is_none() {
        return Ok(());
    }
    Err(Refusal(format!(
        "the output folder `{shown}` holds files that congkhai did not write (it has no `{MARKER}` file): a build replaces the whole folder, so it would delete them; choose a new or empty folder, or pass --force if everything in it may be deleted"
    )))
}

/// `path` made absolute, component by component, with symbolic links resolved as far as it
/// exists (so `..` after a link goes where the system would go); what does not exist yet is
/// taken as written.
fn resolve(path: &Path) -> PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in abs.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => {
                out.push(other);
                if let Ok(real) = std::fs::canonicalize(&out) {
                    out = real;
                }
            }
        }
    }
    out
}

/// What a publish did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Published {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// Writes `rendered` as the new content of `output`.
pub fn publish(output: &Path, rendered: &Rendered) -> Result<Published> {
    Stage::open(output)?.finish(rendered)
}

/// A staging folder beside the output, where a new site is written before it is swapped in.
/// Dropped without `finish`, it is removed and the output is untouched.
pub struct Stage {
    output: PathBuf,
    aside: PathBuf,
    dir: tempfile::TempDir,
    _lock: Lock,
}

/// Holds the output for one writer: a second build (or `watch`) into the same output waits
/// until this one is dropped, instead of removing its staging folder or swapping sites under
/// it. The lock is the operating system's (`flock`) on a file beside the output, so a killed
/// build releases it with its process.
pub struct Lock {
    _file: Option<std::fs::File>,
}

impl Lock {
    /// Waits until no other process writes `output`, then holds it.
    pub fn acquire(output: &Path) -> Result<Lock> {
        let (parent, name) = parent_and_name(output);
        fsx::create_dir_all(&parent)?;
        let path = parent.join(format!(".{name}.congkhai-lock"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("failed to open the lock file `{}`", path.display()))?;
        match file.lock() {
            Ok(()) => Ok(Lock { _file: Some(file) }),
            // A filesystem without locks: go on as before there were any.
            Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Ok(Lock { _file: None }),
            Err(e) => Err(e).with_context(|| format!("failed to lock `{}`", path.display())),
        }
    }
}

/// The folder that holds `output` and the output's own name.
fn parent_and_name(output: &Path) -> (PathBuf, String) {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string());
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (parent, name)
}

impl Stage {
    /// Makes the staging folder for `output`, once no other build writes it (after putting back an old site left aside by a
    /// publish that was killed, and removing stale staging folders).
    pub fn open(output: &Path) -> Result<Stage> {
        let (parent, name) = parent_and_name(output);
        let lock = Lock::acquire(output)?;
        if output.exists() && !output.is_dir() {
            bail!("the output `{}` exists and is not a folder", output.display());
        }
        let aside = parent.join(format!(".{name}.congkhai-old"));
        recover(output, &aside)?;
        remove_stale_stages(&parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.congkhai-stage-"))
            .tempdir_in(&parent)
            .with_context(|| format!("failed to create a staging folder in `{}`", parent.display()))?;
        Ok(Stage {
            output: output.to_path_buf(),
            aside,
            dir,
            _lock: lock,
        })
    }

    /// The staging folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes the files of `rendered` not written yet (`Body::Written` ones are), then
    /// swaps the staging folder in as the output.
    pub fn finish(self, rendered: &Rendered) -> Result<Published> {
        let Stage {
            output,
            aside,
            dir: stage,
            _lock,
        } = self;
        let output = output.as_path();
        let stats = write_all(stage.path(), rendered)?;
        fsx::write(&stage.path().join(MARKER), MARKER_TEXT.as_bytes())?;
        fsx::make_public(stage.path())?;
        if output.exists() {
            if exchange(stage.path(), output).is_ok() {
                // The staging path now holds the old site; dropping `stage` removes it.
                drop(stage);
            } else {
                // Filesystems without RENAME_EXCHANGE: move the old site aside, move the new
                // one in; `recover` puts the old one back if we are killed in between.
                fsx::rename(output, &aside)?;
                let staged = stage.keep();
                fsx::rename(&staged, output)?;
                fsx::remove_dir_all(&aside)?;
            }
        } else {
            let staged = stage.keep();
            fsx::rename(&staged, output)?;
        }
        Ok(stats)
    }
}

/// A one-shot build writes each file into the staging folder as soon as it is made, instead
/// of holding the whole site (most of a build's memory).
impl Sink for Stage {
    fn put(&self, file: OutputFile) -> Result<OutputFile> {
        let dest = self.dir.path().join(&file.path);
        if let Some(parent) = dest.parent() {
            fsx::create_dir_all(parent)?;
        }
        let size = match (&file.body, file.body.bytes()) {
            (_, Some(bytes)) => {
                fsx::write_new(&dest, bytes)?;
                bytes.len() as u64
            }
            (Body::Copy(src), None) => fsx::copy_file(src, &dest)?,
            (Body::Written(size), None) => *size,
            (_, None) => 0,
        };
        Ok(OutputFile {
            path: file.path,
            body: Body::Written(size),
        })
    }
}

/// Puts back an old site left aside by a publish that was killed half-way.
fn recover(output: &Path, aside: &Path) -> Result<()> {
    if aside.exists() {
        if output.exists() {
            fsx::remove_dir_all(aside)?;
        } else {
            fsx::rename(aside, output)?;
        }
    }
    Ok(())
}

/// Removes staging folders of builds that were killed before they finished.
fn remove_stale_stages(parent: &Path, name: &str) {
    let prefix = format!(".{name}.congkhai-stage-");
    if let Ok(entries) = std::fs::read_dir(parent) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

fn write_all(dir: &Path, rendered: &Rendered) -> Result<Published> {
    let mut dirs = BTreeSet::new();
    for f in &rendered.files {
        if let Some(p) = Path::new(&f.path).parent()
            && !p.as_os_str().is_empty()
        {
            dirs.insert(p.to_path_buf());
        }
    }
    for d in &dirs {
        fsx::create_dir_all(&dir.join(d))?;
    }
    let sizes: Vec<u64> = rendered
        .files
        .par_iter()
        .map(|f| -> Result<u64> {
            let dest = dir.join(&f.path);
            match (&f.body, f.body.bytes()) {
                (_, Some(b)) => {
                    fsx::write_new(&dest, b)?;
                    Ok(b.len() as u64)
                }
                (Body::Copy(src), None) => fsx::copy_file(src, &dest),
                (Body::Written(size), None) => Ok(*size),
                (_, None) => Ok(0),
            }
        })
        .collect::<Result<_>>()?;
    Ok(Published {
        files: rendered.files.len(),
        bytes: sizes.iter().sum(),
    })
}

/// What `sync` knows of the files it published: path → fingerprint of the contents, and the
/// shared bytes they came from (the same bytes need no fingerprinting the next time).
#[derive(Debug, Default, Clone)]
pub struct Synced {
    files: rustc_hash::FxHashMap<String, SyncedFile>,
}

/// A published file: fingerprint of its contents, and the shared bytes it came from.
type SyncedFile = (u64, Option<Arc<Vec<u8>>>);

/// What a sync did.
#[derive(Debug, Clone, Copy, Default)]
pub struct SyncStats {
    /// Files written (new or changed).
    pub written: usize,
    /// Files removed.
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
}

/// Fingerprint of a file, reusing `known` for shared bytes already seen (kept alive by
/// `known`, so their address cannot be reused by other bytes).
fn fingerprint_of(f: &OutputFile, known: Option<&SyncedFile>) -> SyncedFile {
    let shared = match &f.body {
        Body::Shared(b) => Some(Arc::clone(b)),
        _ => None,
    };
    let same = match (known, &shared) {
        (Some((fp, Some(old))), Some(new)) if Arc::ptr_eq(old, new) => Some(*fp),
        _ => None,
    };
    (same.unwrap_or_else(|| content_fp(&f.body)), shared)
}

/// Brings `output` in line with `rendered`, file by file, for `watch`: each changed file is
/// written beside its final name and renamed over it (a web server never reads half a file),
/// unchanged files are not touched, files no longer produced are removed.
///
/// `synced` must describe what is in `output` (start with `publish`, then `Synced::of`).
pub fn sync(output: &Path, rendered: &Rendered, synced: &mut Synced) -> Result<SyncStats> {
    let _lock = Lock::acquire(output)?;
    // Updated in place: most files are the very same shared bytes as last time, and are
    // looked up once. (file, what it is now, whether its contents changed)
    let fresh: Vec<(&OutputFile, SyncedFile, bool)> = rendered
        .files
        .par_iter()
        .filter_map(|f| {
            let old = synced.files.get(&f.path);
            let same_bytes = match (old, &f.body) {
                (Some((_, Some(a))), Body::Shared(b)) => Arc::ptr_eq(a, b),
                _ => false,
            };
            if same_bytes {
                return None;
            }
            let new = fingerprint_of(f, old);
            let changed = old.is_none_or(|o| o.0 != new.0);
            Some((f, new, changed))
        })
        .collect();
    let mut changed = Vec::new();
    for (f, new, is_changed) in fresh {
        if is_changed {
            changed.push((f, new));
        } else if let Some(old) = synced.files.get_mut(&f.path) {
            // Same contents from other bytes: keep these, found by address next time.
            *old = new;
        }
    }
    changed
        .par_iter()
        .map(|(f, _)| replace_file(&output.join(&f.path), &f.body))
        .collect::<Result<Vec<()>>>()?;
    let written = changed.len();
    for (f, new) in changed {
        synced.files.insert(f.path.clone(), new);
    }
    let mut removed = 0;
    if synced.files.len() > rendered.files.len() {
        let live: std::collections::HashSet<&str> = rendered.files.iter().map(|f| f.path.as_str()).collect();
        let mut gone: Vec<String> = synced
            .files
            .keys()
            .filter(|p| !live.contains(p.as_str()))
            .cloned()
            .collect();
        gone.sort();
        for path in gone {
            synced.files.remove(&path);
            let abs = output.join(&path);
            match std::fs::remove_file(&abs) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("failed to remove `{}`", abs.display())),
            }
            // Remove folders left empty, up to the output folder.
            let mut dir = abs.parent();
            while let Some(d) = dir {
                if d == output || std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
    }
    Ok(SyncStats {
        written,
        removed,
        unchanged: rendered.files.len() - written,
    })
}

impl Synced {
    /// Whether a page that was published (`.../index.html`) is not among `now` (the paths of
    /// the next site, `Rendered::paths`).
    pub fn loses_page_of(&self, now: &rustc_hash::FxHashSet<&str>) -> bool {
        self.files
            .keys()
            .any(|p| p.ends_with("index.html") && !now.contains(p.as_str()))
    }

    /// The state after `publish(output, rendered)`.
    pub fn of(rendered: &Rendered) -> Synced {
        Synced {
            files: rendered
                .files
                .par_iter()
                .map(|f| (f.path.clone(), fingerprint_of(f, None)))
                .collect(),
        }
    }
}

/// Fingerprint of a file's contents: generated bytes by value, copied files by path, size and
/// modification time (they are not read).
fn content_fp(body: &Body) -> u64 {
    match (body, body.bytes()) {
        (_, Some(b)) => crate::fingerprint::of(b),
        (Body::Copy(src), None) => {
            let meta = std::fs::metadata(src).ok();
            crate::fingerprint::of(&(
                src,
                meta.as_ref().map(|m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            ))
        }
        (_, None) => 0,
    }
}

fn replace_file(dest: &Path, body: &Body) -> Result<()> {
    let parent = dest.parent().unwrap_or(Path::new("."));
    fsx::create_dir_all(parent)?;
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.congkhai-tmp"));
    match (body, body.bytes()) {
        (_, Some(b)) => fsx::write_new(&tmp, b)?,
        (Body::Copy(src), None) => {
            if let Err(e) = fsx::copy_file(src, &tmp) {
                // The source was deleted since the build read it; its removal is the next event.
                if !src.exists() {
                    let _ = std::fs::remove_file(&tmp);
                    return Ok(());
                }
                return Err(e);
            }
        }
        (_, None) => fsx::write_new(&tmp, b"")?,
    }
    fsx::rename(&tmp, dest)
}

/// Swaps two paths in one step (Linux's `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use OutputFile;

    fn site(files: &[(&str, &str)]) -> Rendered {
        Rendered {
            files: files
                .iter()
                .map(|(p, b)| OutputFile {
                    path: p.to_string(),
                    body: Body::Bytes(b.as_bytes().to_vec()),
                })
                .collect(),
        }
    }

    #[test]
    fn replaces_the_whole_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(&out, &site(&[("index.html", "one"), ("a/index.html", "a")])).unwrap();
        publish(&out, &site(&[("index.html", "two")])).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("a").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".public.congkhai-lock")
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn sync_writes_changes_removes_what_is_gone_and_leaves_the_rest() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let first = site(&[("index.html", "home"), ("a/index.html", "a"), ("b/c/index.html", "c")]);
        publish(&out, &first).unwrap();
        let mut synced = Synced::of(&first);
        let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        let before = inode("index.html");
        let second = site(&[("index.html", "home"), ("a/index.html", "a2"), ("d/index.html", "d")]);
        let stats = sync(&out, &second, &mut synced).unwrap();
        assert_eq!((stats.written, stats.removed, stats.unchanged), (2, 1, 1));
        assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "a2");
        assert_eq!(std::fs::read_to_string(out.join("d/index.html")).unwrap(), "d");
        assert!(!out.join("b").exists(), "emptied folders are removed");
        assert_eq!(inode("index.html"), before, "an unchanged file is not rewritten");
        // No temporary files are left beside the published ones.
        let names: Vec<String> = walkdir::WalkDir::new(&out)
            .into_iter()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("congkhai-tmp")), "{names:?}");
        let again = sync(&out, &second, &mut synced).unwrap();
        assert_eq!(again.written, 0);
    }

    #[test]
    fn recovers_an_old_site_left_aside() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let aside = tmp.path().join(".public.congkhai-old");
        std::fs::create_dir_all(&aside).unwrap();
        std::fs::write(aside.join("index.html"), "old").unwrap();
        recover(&out, &aside).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
    }
}
