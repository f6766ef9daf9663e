//! `new <kind> "Title"` → a new content file with a proper slug and the fields to fill in.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::date::Date;
use crate::slug;

/// The kinds of file `new` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `content/tasks/`.
    Task,
    /// `content/disclosures/`.
    Disclosure,
    /// `content/updates/`.
    Update,
    /// `content/pages/`.
    Page,
    /// `content/plans/`.
    Plan,
}

impl Kind {
    /// Parses the kind as typed on the command line.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "task" => Kind::Task,
            "disclosure" => Kind::Disclosure,
            "update" => Kind::Update,
            "page" => Kind::Page,
            "plan" => Kind::Plan,
            _ => return None,
        })
    }

    fn folder(self) -> &'static str {
        match self {
            Kind::Task => "tasks",
            Kind::Disclosure => "disclosures",
            Kind::Update => "updates",
            Kind::Page => "pages",
            Kind::Plan => "plans",
        }
    }
}

/// YAML double-quoted string.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The text of a new file.
pub fn text(kind: Kind, title: &str, today: Date) -> String {
    let t = quote(title);
    let d = today.format("%Y-%m-%d");
    match kind {
        Kind::Task => format!(
            "---\ntitle: {t}\nplan: \"\"            # slug of the plan (a file name in content/plans/)\ncode: \"\"            # number in the plan, e.g. \"1.1\"\ndimension: \"\"       # id from data/dimensions.yaml\nlead: \"\"            # id of the lead unit (đơn vị chủ trì) from data/units.yaml\npartners: []        # ids of partner units (đơn vị phối hợp)\nschedule: ongoing   # ongoing | on-request | {{start: {d}, due: YYYY-MM-DD}}\nstatus: not-started # not-started | in-progress | done | paused\nprogress: 0         # 0-100\nupdates:\n  - date: {d}\n    text: \"Giao nhiệm vụ.\"\n---\n\nMô tả nhiệm vụ.\n"
        ),
        Kind::Disclosure => format!(
            "---\ntitle: {t}\ncategory: \"\"        # id from data/categories.yaml\npublished: {d}\nnumber: \"\"          # số ký hiệu, e.g. \"15/TB-VPUBND\"\ndoc_type: \"\"        # loại văn bản\nissuer: \"\"          # cơ quan ban hành\nissued: {d}\nsigner: \"\"\ntask: \"\"            # slug of the task this gives evidence for (optional)\nattachments: []     # - {{file: ten-tep.pdf, title: \"...\"}}\nrevisions: []       # - {{date: YYYY-MM-DD, note: \"what changed\"}}\n---\n\nNội dung công khai.\n"
        ),
        Kind::Update => format!(
            "---\ntitle: {t}\ndate: {d}\nsummary: \"\"\ntasks: []           # slugs of the tasks this update is about\n---\n\nNội dung tin.\n"
        ),
        Kind::Page => format!(
            "---\ntitle: {t}\n# weight: 10       # set a weight to show the page in the main menu\n---\n\nNội dung trang.\n"
        ),
        Kind::Plan => format!(
            "---\ntitle: {t}\nnumber: \"\"          # số ký hiệu\ndoc_type: \"Kế hoạch\"\nissuer: \"\"\nissued: {d}\nsigner: \"\"\nsigner_title: \"\"\nbased_on: []\n---\n\nNội dung kế hoạch.\n"
        ),
    }
}

/// The content file in a section (sub-folders included) whose slug is `slug`, if any.
fn taken_by(section_dir: &Path, wanted: &str) -> Option<PathBuf> {
    walkdir::WalkDir::new(section_dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .find_map(|e| {
            let name = e.file_name().to_string_lossy();
            if !e.file_type().is_file() || !name.ends_with(".md") || crate::layout::is_ignored(&name) {
                return None;
            }
            let stem = if name == "index.md" {
                e.path().parent()?.file_name()?.to_string_lossy().into_owned()
            } else {
                name.trim_end_matches(".md").to_string()
            };
            (slug::fold(&stem) == wanted).then(|| e.path().to_path_buf())
        })
}

/// The longest file name `new` makes from a title, in characters.
const SHORT: usize = 80;

/// Writes the new file and returns its path; refuses to overwrite.
pub fn create(root: &Path, kind: Kind, title: &str, today: Date) -> Result<PathBuf> {
    let mut s = slug::fold(title);
    if s.is_empty() {
        bail!("cannot make a file name from the title `{title}`: use letters or digits");
    }
    // A long title gives a shorter file name, cut between words (the title stays whole).
    if s.len() > SHORT {
        let cut = s[..SHORT].rfind('-').unwrap_or(SHORT);
        s.truncate(cut);
    }
    if kind == Kind::Page && slug::RESERVED.contains(&s.as_str()) {
        bail!(
            "a free page cannot be called `{s}`: the site uses /{s}/ itself ({}); choose another title",
            slug::RESERVED.join(", ")
        );
    }
    let dir = root.join("content").join(kind.folder());
    let path = dir.join(format!("{s}.md"));
    if let Some(existing) = taken_by(&dir, &s) {
        bail!(
            "`{}` already exists with the URL slug `{s}`: choose another title or edit that file",
            existing.strip_prefix(root).unwrap_or(&existing).display()
        );
    }
    crate::fsx::create_dir_all(&dir)?;
    // Refuses to replace a file that appeared since the check.
    crate::fsx::create_new(&path, text(kind, title, today).as_bytes())?;
    Ok(path)
}
