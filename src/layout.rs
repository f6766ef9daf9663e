//! A site's folder → what each path in it is (settings, content, data, static files, theme,
//! or nothing of the site), and a batch of changed paths → the typed set of what changed.
//!
//! The one place that knows the layout of a site: the watcher, the rebuilds, the refusal of a
//! wrong output folder and the walks over content all ask here.

use std::path::{Path, PathBuf};

/// The settings file at the site root.
pub const SETTINGS: &str = "site.yaml";

/// The folders whose files make the site, each a `Part` (see `classify`).
pub const SOURCE_FOLDERS: [&str; 6] = ["content", "data", "static", "templates", "themes", "i18n"];

/// The kind of a content file, given by its folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `content/_index.md`: the home page's introduction.
    Home,
    /// `content/plans/`.
    Plan,
    /// `content/tasks/`.
    Task,
    /// `content/disclosures/` (sub-folders allowed).
    Disclosure,
    /// `content/updates/`.
    Update,
    /// `content/pages/`: free pages.
    Page,
}

impl Section {
    /// The folder name under `content/` (`""` for the home page's file).
    pub fn folder(self) -> &'static str {
        match self {
            Section::Home => "",
            Section::Plan => "plans",
            Section::Task => "tasks",
            Section::Disclosure => "disclosures",
            Section::Update => "updates",
            Section::Page => "pages",
        }
    }

    /// The section whose folder under `content/` is `name`.
    pub fn from_folder(name: &str) -> Option<Section> {
        Some(match name {
            "plans" => Section::Plan,
            "tasks" => Section::Task,
            "disclosures" => Section::Disclosure,
            "updates" => Section::Update,
            "pages" => Section::Page,
            _ => return None,
        })
    }
}

/// What a path is to the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `site.yaml`.
    Settings,
    /// Under `content/`.
    Content,
    /// Under `data/`.
    Data,
    /// Under `static/`.
    Static,
    /// Under `templates/`, `themes/` or `i18n/`: how pages look and what they say.
    Theme,
    /// Not part of the site: the output, editor temp and swap files, hidden files, anything
    /// else in the root.
    Ignored,
}

/// Editor temp and swap files, and hidden files, are never part of a site.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// What `path` (absolute, or relative to `root`) is for a site in `root` built into
/// `output`. Pure: it looks at the path only.
pub fn classify(root: &Path, output: &Path, path: &Path) -> Part {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    };
    if abs.starts_with(output) {
        return Part::Ignored;
    }
    let Ok(rel) = abs.strip_prefix(root) else {
        return Part::Ignored;
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() || parts.iter().any(|p| is_ignored(p)) {
        return Part::Ignored;
    }
    match parts[0].as_str() {
        SETTINGS if parts.len() == 1 => Part::Settings,
        "content" => Part::Content,
        "data" => Part::Data,
        "static" => Part::Static,
        "templates" | "themes" | "i18n" => Part::Theme,
        _ => Part::Ignored,
    }
}

/// What changed in a site since it was last read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Read everything again (the first build, a new day).
    pub everything: bool,
    /// `site.yaml` changed.
    pub settings: bool,
    /// Something under `data/` changed.
    pub data: bool,
    /// Templates, themes or UI strings changed.
    pub theme: bool,
    /// Files or folders under `content/` and `static/` that were created, changed or
    /// removed (absolute paths, sorted, without repeats).
    pub files: Vec<PathBuf>,
}

impl Changes {
    /// Everything is to be read again.
    pub fn everything() -> Changes {
        Changes {
            everything: true,
            ..Changes::default()
        }
    }

    /// The changes a batch of paths (absolute, as file events give them) makes to the site
    /// in `root` built into `output`; paths that are not part of the site are left out.
    pub fn of(root: &Path, output: &Path, paths: &[PathBuf]) -> Changes {
        let mut c = Changes::default();
        for p in paths {
            match classify(root, output, p) {
                Part::Settings => c.settings = true,
                Part::Data => c.data = true,
                Part::Theme => c.theme = true,
                Part::Content | Part::Static => {
                    let abs = if p.is_absolute() { p.clone() } else { root.join(p) };
                    c.files.push(abs);
                }
                Part::Ignored => {}
            }
        }
        c.files.sort();
        c.files.dedup();
        c
    }

    /// True when nothing of the site changed.
    pub fn is_empty(&self) -> bool {
        !self.everything && !self.settings && !self.data && !self.theme && self.files.is_empty()
    }

    /// True when only files under `content/` and `static/` changed: the settings and the
    /// data are as they were read.
    pub fn only_files(&self) -> bool {
        !self.everything && !self.settings && !self.data && !self.theme
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        for (path, want) in [
            ("/site/site.yaml", Part::Settings),
            ("/site/content/tasks/a.md", Part::Content),
            ("/site/content/disclosures/2025/x/ds.csv", Part::Content),
            ("/site/data/units.yaml", Part::Data),
            ("/site/static/files/a.pdf", Part::Static),
            ("/site/templates/task.html", Part::Theme),
            ("/site/i18n/en.yaml", Part::Theme),
            ("/site/themes/default/static/style.css", Part::Theme),
            ("/site/public/index.html", Part::Ignored),
            ("/site/content/tasks/.a.md.swp", Part::Ignored),
            ("/site/content/tasks/a.md~", Part::Ignored),
            ("/site/content/tasks/4913", Part::Ignored),
            ("/site/content/.git/HEAD", Part::Ignored),
            ("/site/.public.congkhai-stage-x/index.html", Part::Ignored),
            ("/site/target/debug/x", Part::Ignored),
            ("/site/README.md", Part::Ignored),
            ("/site/data", Part::Data),
            ("/elsewhere/site.yaml", Part::Ignored),
            ("content/pages/a.md", Part::Content),
            ("/site/sub/site.yaml", Part::Ignored),
        ] {
            assert_eq!(classify(root, out, Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn output_elsewhere_is_still_ignored() {
        let root = Path::new("/site");
        let out = Path::new("/var/www/site");
        assert_eq!(
            classify(root, out, Path::new("/var/www/site/index.html")),
            Part::Ignored
        );
        assert_eq!(classify(root, out, Path::new("/site/public/index.html")), Part::Ignored);
    }

    #[test]
    fn a_batch_becomes_typed_changes() {
        let root = Path::new("/s");
        let out = Path::new("/s/public");
        let c = Changes::of(
            root,
            out,
            &[
                PathBuf::from("/s/content/b.md"),
                PathBuf::from("/s/public/x"),
                PathBuf::from("/s/content/b.md"),
                PathBuf::from("/s/static/a.png"),
                PathBuf::from("/s/data/u.yaml"),
            ],
        );
        assert_eq!(
            c,
            Changes {
                everything: false,
                settings: false,
                data: true,
                theme: false,
                files: vec![PathBuf::from("/s/content/b.md"), PathBuf::from("/s/static/a.png")],
            }
        );
        assert!(!c.only_files());
        assert!(Changes::of(root, out, &[PathBuf::from("/s/public/x")]).is_empty());
        assert!(Changes::of(root, out, &[PathBuf::from("/s/content/a.md")]).only_files());
    }

    #[test]
    fn ignores_editor_files() {
        for (name, want) in [
            (".a.md.swp", true),
            ("a.md~", true),
            ("#a.md#", true),
            ("4913", true),
            ("a.md", false),
        ] {
            assert_eq!(is_ignored(name), want, "{name}");
        }
    }
}
