//! `templates/` + `themes/<name>/` (or the built-in default theme) → compiled Tera templates
//! and the theme's static files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fsx;
use crate::layout::is_ignored;
use crate::text::normalise;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A theme file copied to the output root.
#[derive(Debug, Clone)]
pub enum ThemeFile {
    /// From the built-in default theme.
    Embedded(&'static [u8]),
    /// From a folder on disk.
    Disk(PathBuf),
}

/// Compiled templates and static files.
pub struct Theme {
    /// The templates, autoescaping `.html` and `.xml`.
    pub tera: tera::Tera,
    /// Output path → file.
    pub static_files: BTreeMap<String, ThemeFile>,
    /// Template name → path shown in errors.
    pub sources: BTreeMap<String, String>,
    /// UI strings by language (`vi`, `en`), the site's `i18n/` over the theme's.
    pub i18n: BTreeMap<String, crate::i18n::Strings>,
    /// Fingerprint of every template's text and every UI string: pages are rendered again
    /// when it changes.
    pub fp: u64,
}

impl Theme {
    /// The UI strings of `lang` (empty when the theme has none).
    pub fn strings(&self, lang: &str) -> crate::i18n::Strings {
        self.i18n.get(lang).cloned().unwrap_or_default()
    }
}

/// The output paths of a theme's static files (none without a theme).
pub fn static_names(theme: Option<&Theme>) -> std::collections::BTreeSet<String> {
    theme
        .map(|t| t.static_files.keys().cloned().collect())
        .unwrap_or_default()
}

/// Templates every theme must provide.
pub const REQUIRED: [&str; 25] = [
    "index.html",
    "plan.html",
    "task.html",
    "disclosure.html",
    "update.html",
    "page.html",
    "plans.html",
    "tasks.html",
    "disclosures.html",
    "updates.html",
    "unit.html",
    "units.html",
    "dimension.html",
    "dimensions.html",
    "category.html",
    "categories.html",
    "disclosure-list.html",
    "access.html",
    "compliance.html",
    "consultations.html",
    "open-data.html",
    "redirect.html",
    "search.html",
    "404.html",
    "subscribe.html",
];

/// A theme's files before they are compiled.
#[derive(Default)]
struct Files {
    /// Template name → (source text, path shown in errors).
    templates: BTreeMap<String, (String, String)>,
    static_files: BTreeMap<String, ThemeFile>,
    i18n: BTreeMap<&'static str, crate::i18n::File>,
}

/// Loads the theme named in site.yaml, then the site's own `templates/` over it.
pub fn load(root: &Path, cfg: &SiteConfig) -> Result<(Option<Theme>, Diagnostics)> {
    let mut diags = Diagnostics::default();
    let theme_dir = root.join("themes").join(&cfg.theme);
    let mut files = if theme_dir.is_dir() {
        from_folder(&theme_dir, &format!("themes/{}", cfg.theme), &mut diags)?
    } else if cfg.theme == "default" {
        builtin_files()
    } else {
        diags.push(Diagnostic::error(
            "site.yaml",
            cfg.theme_line,
            1,
            format!(
                "theme `{}` not found: expected a folder themes/{}/ with templates/ (or use `theme: default`)",
                cfg.theme, cfg.theme
            ),
        ));
        return Ok((None, diags));
    };
    read_dir_files(
        &root.join("templates"),
        "templates",
        &mut diags,
        &mut |name, rel, text| {
            files.templates.insert(name, (text, rel));
        },
    )?;
    for name in REQUIRED.iter().filter(|n| !files.templates.contains_key(**n)) {
        diags.push(Diagnostic::error(
            format!("themes/{}/templates/{name}", cfg.theme),
            0,
            0,
            format!("missing template `{name}`: every theme needs {}", REQUIRED.join(", ")),
        ));
    }
    // A theme without translation files uses the built-in default theme's.
    if files.i18n.is_empty() {
        files.i18n = builtin_files().i18n;
    }
    let mut site_i18n = BTreeMap::new();
    read_i18n(&root.join("i18n"), "i18n", &mut site_i18n, &mut diags)?;
    let (i18n, d) = crate::i18n::tables(&files.i18n, &site_i18n);
    diags.extend(d);
    if diags.has_errors() {
        return Ok((None, diags));
    }
    let theme = compile(files, i18n, &mut diags);
    Ok((theme, diags))
}

/// The files of a theme folder (`themes/<name>/`, shown as `base` in messages).
fn from_folder(dir: &Path, base: &str, diags: &mut Diagnostics) -> Result<Files> {
    let mut files = Files::default();
    read_dir_files(
        &dir.join("templates"),
        &format!("{base}/templates"),
        diags,
        &mut |name, rel, text| {
            files.templates.insert(name, (text, rel));
        },
    )?;
    walk(&dir.join("static"), &mut |rel, abs| {
        files.static_files.insert(rel, ThemeFile::Disk(abs));
    });
    if dir.join("i18n").is_dir() {
        read_i18n(&dir.join("i18n"), &format!("{base}/i18n"), &mut files.i18n, diags)?;
    }
    Ok(files)
}

/// The files of the built-in default theme.
fn builtin_files() -> Files {
    let mut files = Files::default();
    for (path, bytes) in builtin::FILES {
        let text = || String::from_utf8_lossy(bytes).into_owned();
        if let Some(name) = path.strip_prefix("templates/") {
            let shown = format!("(built-in default theme) templates/{name}");
            files.templates.insert(name.to_string(), (text(), shown));
        } else if let Some(rel) = path.strip_prefix("static/") {
            files.static_files.insert(rel.to_string(), ThemeFile::Embedded(bytes));
        } else if let Some(lang) = path.strip_prefix("i18n/").and_then(lang_of) {
            let shown = format!("(built-in default theme) {path}");
            files.i18n.insert(
                lang,
                crate::i18n::File {
                    path: shown,
                    text: text(),
                },
            );
        }
    }
    files
}

/// The templates compiled (autoescaping `.html` and `.xml`), or the error of the first that
/// does not compile.
fn compile(files: Files, i18n: BTreeMap<String, crate::i18n::Strings>, diags: &mut Diagnostics) -> Option<Theme> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    let templates = files.templates;
    let sources: BTreeMap<String, String> = templates.iter().map(|(n, (_, rel))| (n.clone(), rel.clone())).collect();
    if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, (t, _))| (n.as_str(), t.as_str()))) {
        diags.push(template_error(&e, &sources));
        return None;
    }
    let fp = crate::fingerprint::of(&(&templates, &i18n));
    Some(Theme {
        tera,
        static_files: files.static_files,
        sources,
        i18n,
        fp,
    })
}

/// A Tera error as a diagnostic on the template file it names.
pub fn template_error(e: &tera::Error, sources: &BTreeMap<String, String>) -> Diagnostic {
    let mut msg = e.to_string();
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    let path = sources
        .iter()
        .filter(|(name, _)| msg.contains(name.as_str()))
        .max_by_key(|(name, _)| name.len())
        .map(|(_, rel)| rel.clone())
        .unwrap_or_else(|| "templates".to_string());
    // Tera 2 points at the spot as `--> name.html:13:32`.
    let (line, col) = msg
        .split("--> ")
        .nth(1)
        .map(|s| {
            let mut nums = s.split(':').skip(1).map(|p| {
                p.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
                    .parse::<usize>()
                    .unwrap_or(0)
            });
            (nums.next().unwrap_or(0), nums.next().unwrap_or(0))
        })
        .unwrap_or((0, 0));
    let first = msg
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string();
    Diagnostic::error(path, line, col, format!("template error: {first}"))
}

fn read_dir_files(
    dir: &Path,
    shown: &str,
    diags: &mut Diagnostics,
    add: &mut dyn FnMut(String, String, String),
) -> Result<()> {
    let mut files = Vec::new();
    walk(dir, &mut |rel, abs| files.push((rel, abs)));
    for (rel, abs) in files {
        let shown_rel = format!("{shown}/{rel}");
        match normalise(fsx::read(&abs)?) {
            Ok(text) => add(rel, shown_rel, text),
            Err((line, col)) => diags.push(Diagnostic::error(
                shown_rel,
                line,
                col,
                "the template is not valid UTF-8 text: save it as UTF-8",
            )),
        }
    }
    Ok(())
}

/// The language of a translation file name (`vi.yaml` → `vi`), if it is one congkhai knows.
fn lang_of(name: &str) -> Option<&'static str> {
    let stem = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml"))?;
    crate::i18n::LANGUAGES.into_iter().find(|l| *l == stem)
}

/// Reads the translation files `<dir>/<lang>.yaml` into `files`.
fn read_i18n(
    dir: &Path,
    shown: &str,
    files: &mut BTreeMap<&'static str, crate::i18n::File>,
    diags: &mut Diagnostics,
) -> Result<()> {
    let mut found = Vec::new();
    walk(dir, &mut |rel, abs| found.push((rel, abs)));
    for (rel, abs) in found {
        let Some(lang) = lang_of(&rel) else { continue };
        let path = format!("{shown}/{rel}");
        match normalise(fsx::read(&abs)?) {
            Ok(text) => {
                files.insert(lang, crate::i18n::File { path, text });
            }
            Err((line, col)) => diags.push(Diagnostic::error(
                path,
                line,
                col,
                "the translation file is not valid UTF-8 text: save it as UTF-8",
            )),
        }
    }
    Ok(())
}

fn walk(dir: &Path, f: &mut dyn FnMut(String, PathBuf)) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if !entry.file_type().is_file() || is_ignored(&entry.file_name().to_string_lossy()) {
            continue;
        }
        if entry.path().starts_with(dir) {
            f(crate::source::rel_path(dir, entry.path()), entry.path().to_path_buf());
        }
    }
}
