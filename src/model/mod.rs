//! Content files + settings + today → typed `Model` (plans, tasks, disclosures, updates,
//! pages, translations).
//!
//! Pure: no disk, no clock. `read` reads each file's front matter into its section's fields,
//! so that every problem in it is reported, each at the line of its key; `assemble` makes the
//! lists; `index` keeps facts of the lists in flat arrays; `patch` applies an edit that moves
//! nothing in the lists to the kept model.

mod assemble;
mod fields;
mod index;
mod items;
mod patch;
mod read;
mod validity;

use std::sync::Arc;

use crate::layout::Section;
use crate::markdown::SiteLink;

pub use crate::date::Date;
pub use assemble::{ItemCache, assemble, assemble_cached, assemble_once};
pub use index::{ListIndex, list};
pub use items::*;
pub use patch::patch;
pub use validity::{Rel, Validity, ValidityState};

/// Everything that is published, sorted for output.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Home introduction.
    pub home: Option<Arc<Home>>,
    /// Plans, newest issued first.
    pub plans: Vec<Arc<Plan>>,
    /// Tasks by plan, code, slug.
    pub tasks: Vec<Arc<Task>>,
    /// Disclosures, newest first.
    pub disclosures: Vec<Arc<Disclosure>>,
    /// Updates, newest first.
    pub updates: Vec<Arc<Update>>,
    /// Free pages by weight, title.
    pub pages: Vec<Arc<Page>>,
    /// Items left out (drafts, future dates): (section, slug, source path, why).
    pub hidden: Vec<(Section, String, String, &'static str)>,
    /// Items whose file has errors: (section, slug). References to them are not reported
    /// again as unknown, since the file's own error says what to fix.
    pub broken: Vec<(Section, String)>,
    /// Every link to the site in a body, with the file it is in.
    pub links: Vec<DocLinks>,
    /// The attachments of disclosures that have errors (source path, attachments): they are
    /// checked too, so that fixing one error does not reveal the next.
    pub broken_attachments: Vec<(String, Vec<Attachment>)>,
    /// Translations of published items, by section and slug.
    pub translations: Vec<Arc<Translation>>,
    /// Facts of the lists above kept in flat arrays, so that a fingerprint over a whole list
    /// reads one array instead of every item (`assemble` and `patch` keep it up to date).
    pub index: ListIndex,
}

impl Model {
    /// The translation into `lang` of the item of `section` with `slug` (`""` for home).
    pub fn translation(&self, lang: &str, section: Section, slug: &str) -> Option<&Arc<Translation>> {
        self.translations
            .iter()
            .find(|t| t.lang == lang && t.section == section && t.slug == slug)
    }
}

/// The links to the site of one file.
#[derive(Debug, Clone)]
pub struct DocLinks {
    /// The file's path relative to the root.
    pub rel: String,
    /// The page it makes, where relative links start.
    pub page: Place,
    /// The file's fingerprint: its links change only when it does.
    pub fp: u64,
    /// The links, in file order.
    pub links: Arc<Vec<SiteLink>>,
}

/// Which page a file makes: its section and slug, and the language of a translation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// The section of the page (of the original, for a translation).
    pub section: Section,
    /// Its slug (`""` for the home page).
    pub slug: String,
    /// `Some("en")` for a translation, published under `/en/`.
    pub lang: Option<&'static str>,
}

/// How to assemble: what today is and whether drafts are shown.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Today (overdue, scheduled).
    pub today: Date,
    /// Include `draft: true` files.
    pub drafts: bool,
}
