//! Site root → content files (normalised text) and assets (paths, sizes).
//!
//! Walks `content/` and `static/`, gives each Markdown file its section from its folder,
//! strips a UTF-8 BOM, turns CRLF into LF and normalises to NFC, so that later stages never
//! touch the disk or meet an encoding surprise.

pub mod frontmatter;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::is_nfc_quick;

use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::Section;

/// One Markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the root, `/`-separated (`content/tasks/a.md`).
    pub rel: String,
    /// Its section.
    pub section: Section,
    /// The file stem, or the folder name for a bundle's `index.md`.
    pub stem: String,
    /// Folder of the file relative to the root (`content/disclosures/2025/a`).
    pub dir: String,
    /// True for `<folder>/index.md`, whose folder holds its attachments.
    pub bundle: bool,
    /// NFC text with LF line ends and no BOM.
    pub text: String,
    /// Fingerprint of the path and text, computed once when the file is read.
    pub fp: u64,
    /// `Some("en")` for a translation `foo.en.md` of `foo.md` (its stem is then `foo`).
    pub lang: Option<&'static str>,
}

impl SourceFile {
    /// For a translation, the path of the file it translates (`content/pages/a.md`).
    pub fn original(&self) -> Option<String> {
        let lang = self.lang?;
        let name = self.rel.rsplit('/').next().unwrap_or("");
        let base = name.strip_suffix(&format!(".{lang}.md"))?;
        Some(format!("{}/{base}.md", self.dir))
    }
}

/// A file that is published as it is (from `static/` or beside a content file).
#[derive(Debug, Clone)]
pub struct Asset {
    /// Absolute path on disk.
    pub abs: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// True when the path is a symbolic link (never published: it could point outside the root).
    pub symlink: bool,
    /// Last modification time, to notice a changed attachment.
    pub modified: Option<std::time::SystemTime>,
    /// Width and height of a PNG, JPEG, GIF or WebP image (read from its header).
    pub dims: Option<(u32, u32)>,
}

/// Files published as they are, by path relative to the root.
pub type Assets = BTreeMap<String, Asset>;

/// Everything read from `content/` and `static/`.
#[derive(Debug, Default)]
pub struct Sources {
    /// Markdown files, sorted by path.
    pub docs: Vec<SourceFile>,
    /// Non-Markdown files under `content/` and `static/`, by path relative to the root.
    pub assets: Assets,
    /// Problems met while reading a file (not UTF-8, not in a section...), by path.
    pub problems: BTreeMap<String, Diagnostic>,
}

/// Reads `content/` and `static/` under `root`; unreadable content is reported as diagnostics.
pub fn load(root: &Path) -> Result<(Sources, Diagnostics)> {
    let mut sources = Sources::default();
    let mut md_paths = Vec::new();
    for dir in ["content", "static"] {
        let base = root.join(dir);
        if !base.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let rel = e.path().map(|p| rel_path(root, p)).unwrap_or_else(|| dir.to_string());
                    sources
                        .problems
                        .insert(rel.clone(), Diagnostic::error(rel, 0, 0, format!("cannot read: {e}")));
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy();
            if entry.depth() > 0 && crate::layout::is_ignored(&name) || entry.file_type().is_dir() {
                continue;
            }
            let rel = rel_path(root, entry.path());
            if dir == "content" && entry.file_type().is_file() && name.ends_with(".md") {
                md_paths.push((rel, entry.path().to_path_buf()));
                continue;
            }
            add_asset(&mut sources, rel, entry.path());
        }
    }
    // A file deleted between the walk and its reading is left out, as if the walk had come
    // a moment later (an editor saving by rename, a folder being moved).
    let read: Vec<Option<Result<SourceFile, Diagnostic>>> = md_paths
        .par_iter()
        .map(|(rel, abs)| match read_doc(rel, abs) {
            Err(_) if !abs.exists() => Ok(None),
            other => other.map(Some),
        })
        .collect::<Result<_>>()?;
    for r in read.into_iter().flatten() {
        match r {
            Ok(doc) => sources.docs.push(doc),
            Err(d) => {
                sources.problems.insert(d.path.clone(), d);
            }
        }
    }
    // The walk sorts each folder by name, which is not the order of the paths as strings
    // (`a-b/` comes after `a/` in the walk, before it as a string): `refresh` relies on the
    // latter to find a file by binary search.
    sources.docs.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
    let diags = diagnostics(root, &sources);
    Ok((sources, diags))
}

/// The problems of the sources, plus a missing `content/` folder.
pub fn diagnostics(root: &Path, sources: &Sources) -> Diagnostics {
    let mut diags = Diagnostics::default();
    if !root.join("content").is_dir() {
        diags.push(Diagnostic::error(
            "content",
            0,
            0,
            "no `content/` folder: create it with sub-folders plans, tasks, disclosures, updates and pages",
        ));
    }
    for d in sources.problems.values() {
        diags.push(d.clone());
    }
    diags
}

/// The section and stem of a content file from its path alone (`content/tasks/a.md` →
/// tasks, `a`; a bundle's `index.md` takes its folder's name), for a file that could not be
/// read: pages that link to it are not reported again.
pub fn identity(rel: &str) -> Option<(Section, String)> {
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.len() < 3 || parts[0] != "content" {
        return None;
    }
    let section = Section::from_folder(parts[1])?;
    let name = parts.last()?.strip_suffix(".md")?;
    let name = name.strip_suffix(".en").unwrap_or(name);
    let stem = if name == "index" && parts.len() >= 4 {
        parts[parts.len() - 2]
    } else {
        name
    };
    Some((section, stem.to_string()))
}

/// A file name with a direction control in it.
fn name_problem(rel: &str) -> Diagnostic {
    let shown: String = rel
        .chars()
        .map(|c| if crate::text::is_bidi_control(c) { '?' } else { c })
        .collect();
    Diagnostic::error(
        shown,
        0,
        0,
        "the file name holds an invisible character that reverses how the name is shown (it can disguise a file's type): rename the file",
    )
}

fn add_asset(sources: &mut Sources, rel: String, abs: &Path) {
    if rel.contains(crate::text::is_bidi_control) {
        let d = name_problem(&rel);
        sources.problems.insert(rel, d);
        return;
    }
    let meta = std::fs::symlink_metadata(abs).ok();
    let symlink = meta.as_ref().is_some_and(|m| m.file_type().is_symlink());
    if symlink {
        let folder = if rel.starts_with("static/") {
            "static/"
        } else {
            "content/"
        };
        sources.problems.insert(
            rel.clone(),
            Diagnostic::warning(
                rel.clone(),
                0,
                0,
                format!(
                    "symbolic link in {folder} is not read or published (it could point outside the site): put the real file or folder here instead"
                ),
            ),
        );
    }
    let size = std::fs::metadata(abs).map(|m| m.len()).unwrap_or(0);
    let modified = meta.and_then(|m| m.modified().ok());
    let is_image = abs
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp"));
    // Images get their size in the page (`width`/`height`), so that the page does not jump
    // while they load on a slow network; only the header is read.
    let dims = if is_image && !symlink {
        imagesize::size(abs)
            .ok()
            .and_then(|d| Some((u32::try_from(d.width).ok()?, u32::try_from(d.height).ok()?)))
    } else {
        None
    };
    sources.assets.insert(
        rel,
        Asset {
            abs: abs.to_path_buf(),
            size,
            symlink,
            modified,
            dims,
        },
    );
}

/// Updates `sources` for files that changed (absolute paths under `root`). Returns `false`
/// when that is not enough (a new folder appeared) and the caller must `load` again.
pub fn refresh(root: &Path, sources: &mut Sources, changed: &[PathBuf]) -> Result<bool> {
    for abs in changed {
        let rel = rel_path(root, abs);
        let in_site = |dir: &str| rel == dir || rel.starts_with(&format!("{dir}/"));
        if !(in_site("content") || in_site("static")) {
            continue;
        }
        let name = abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if rel.split('/').any(crate::layout::is_ignored) {
            continue;
        }
        // Whatever was at this path (a file, or a folder and all in it) is forgotten first.
        forget(sources, &rel);
        let Ok(meta) = std::fs::symlink_metadata(abs) else {
            continue;
        };
        if meta.is_dir() {
            return Ok(false);
        }
        if rel.starts_with("content/") && meta.is_file() && name.ends_with(".md") {
            // A file deleted or renamed since its event is simply gone: its own event follows.
            let read = match read_doc(&rel, abs) {
                Err(_) if !abs.exists() => continue,
                other => other?,
            };
            match read {
                Ok(doc) => {
                    let at = sources.docs.partition_point(|d| d.rel < doc.rel);
                    sources.docs.insert(at, doc);
                }
                Err(d) => {
                    sources.problems.insert(rel, d);
                }
            }
        } else {
            add_asset(sources, rel, abs);
        }
    }
    Ok(true)
}

/// Removes the file `rel`, or the folder `rel` and everything in it, from `sources`. The
/// paths are sorted, so this looks up a range instead of walking every file.
fn forget(sources: &mut Sources, rel: &str) {
    let prefix = format!("{rel}/");
    let docs = &mut sources.docs;
    let at = docs.partition_point(|d| d.rel.as_str() < rel);
    if docs.get(at).is_some_and(|d| d.rel == rel) {
        docs.remove(at);
    }
    // Paths under the folder `rel/` sort together, after `rel/` itself.
    let from = docs.partition_point(|d| d.rel.as_str() < prefix.as_str());
    let to = from + docs[from..].iter().take_while(|d| d.rel.starts_with(&prefix)).count();
    docs.drain(from..to);
    forget_in(&mut sources.assets, rel, &prefix);
    forget_in(&mut sources.problems, rel, &prefix);
}

fn forget_in<V>(map: &mut BTreeMap<String, V>, rel: &str, prefix: &str) {
    map.remove(rel);
    let gone: Vec<String> = map
        .range::<str, _>((std::ops::Bound::Included(prefix), std::ops::Bound::Unbounded))
        .take_while(|(k, _)| k.starts_with(prefix))
        .map(|(k, _)| k.clone())
        .collect();
    for k in gone {
        map.remove(&k);
    }
}

/// `path` relative to `root`, `/`-separated, in NFC: a file saved with a decomposed name
/// (`Danh sách` as NFD, as macOS and some archivers write it) is found by the name the
/// front matter gives, which is normalised too.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let joined = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    match is_nfc_quick(joined.chars()) {
        unicode_normalization::IsNormalized::Yes => joined,
        _ => joined.nfc().collect(),
    }
}

fn read_doc(rel: &str, abs: &Path) -> Result<Result<SourceFile, Diagnostic>> {
    let text = match crate::text::read_file(abs, rel)? {
        Ok(text) => text,
        Err(d) => return Ok(Err(d)),
    };
    if rel.contains(crate::text::is_bidi_control) {
        return Ok(Err(name_problem(rel)));
    }
    let parts: Vec<&str> = rel.split('/').collect();
    // parts[0] == "content"
    let full_name = parts.last().copied().unwrap_or("");
    // `foo.en.md` is the English translation of `foo.md`: same section, same stem.
    let (file_name, lang) = match full_name.strip_suffix(".en.md") {
        Some(base) if !base.is_empty() => (format!("{base}.md"), Some("en")),
        _ => (full_name.to_string(), None),
    };
    let file_name = file_name.as_str();
    let stem_of_file = file_name.trim_end_matches(".md");
    if parts.len() == 2 {
        if file_name == "_index.md" {
            return Ok(Ok(SourceFile {
                rel: rel.to_string(),
                section: Section::Home,
                stem: String::new(),
                dir: "content".to_string(),
                bundle: false,
                fp: crate::fingerprint::of(&(rel, &text)),
                text,
                lang,
            }));
        }
        return Ok(Err(Diagnostic::error(
            rel,
            0,
            0,
            "a content file must be in a section folder: content/plans, content/tasks, content/disclosures, content/updates or content/pages (only `_index.md` may be directly in content/)",
        )));
    }
    let Some(section) = Section::from_folder(parts[1]) else {
        return Ok(Err(Diagnostic::error(
            rel,
            0,
            0,
            format!(
                "unknown section folder `content/{}`: expected one of plans, tasks, disclosures, updates, pages",
                parts[1]
            ),
        )));
    };
    let dir = parts[..parts.len() - 1].join("/");
    let bundle = file_name == "index.md" && parts.len() >= 4;
    let stem = if bundle {
        parts[parts.len() - 2].to_string()
    } else {
        stem_of_file.to_string()
    };
    Ok(Ok(SourceFile {
        rel: rel.to_string(),
        section,
        stem,
        dir,
        bundle,
        fp: crate::fingerprint::of(&(rel, &text)),
        text,
        lang,
    }))
}
