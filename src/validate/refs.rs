//! Cross-file references: unknown plans, tasks, units, dimensions and categories, duplicate
//! slugs, attachments that are not files of the site, reserved slugs, and files that would
//! take a generated path.

use std::collections::{BTreeMap, BTreeSet};

mod relations;

use crate::config::SiteConfig;
use crate::data::Registry;
use crate::diag::{Diagnostic, Diagnostics, known_list};
use crate::layout::Section;
use crate::model::Model;
use crate::routes;
use crate::slug;
use crate::source::Assets;

/// What references are checked against.
struct Refs<'a> {
    model: &'a Model,
    reg: &'a Registry,
    plans: BTreeSet<&'a str>,
    tasks: BTreeSet<&'a str>,
    diags: Diagnostics,
}

/// References between files and to the data, duplicate slugs, attachments, reserved slugs.
pub(super) fn check_refs(model: &Model, reg: &Registry, assets: &Assets) -> Diagnostics {
    let mut r = Refs {
        model,
        reg,
        plans: model.plans.iter().map(|p| p.meta.slug.as_str()).collect(),
        tasks: model.tasks.iter().map(|t| t.meta.slug.as_str()).collect(),
        diags: Diagnostics::default(),
    };
    duplicate_slugs(model, &mut r.diags);
    r.tasks_refs();
    r.relations();
    for d in &model.disclosures {
        let (pos, rel) = (&d.meta.pos, d.meta.rel.as_str());
        if let Some(msg) = r.unknown_data("category", &d.category, &reg.categories, "data/categories.yaml") {
            r.diags.push(Diagnostic::error(rel, pos.line_of("category"), 1, msg));
        }
        if let Some(task) = &d.task {
            r.task(rel, pos.line_of("task"), task);
        }
        if let Some(msg) = period_problem(d, reg) {
            r.diags.push(Diagnostic::error(rel, pos.line_of("period"), 1, msg));
        }
        check_attachments(&mut r.diags, assets, rel, &d.attachments);
    }
    for (rel, attachments) in &model.broken_attachments {
        check_attachments(&mut r.diags, assets, rel, attachments);
    }
    for u in &model.updates {
        for task in &u.tasks {
            r.task(&u.meta.rel, u.meta.pos.line_of("tasks"), task);
        }
    }
    for p in model
        .pages
        .iter()
        .filter(|p| slug::RESERVED.contains(&p.meta.slug.as_str()))
    {
        r.diags.push(Diagnostic::error(
            &p.meta.rel,
            p.meta.slug_line,
            1,
            format!(
                "the slug `{}` is used by the site itself ({}): rename the file or set another `slug:`",
                p.meta.slug,
                slug::RESERVED.join(", ")
            ),
        ));
    }
    r.diags
}

impl Refs<'_> {
    /// Why an unknown item may be missing: it is not published yet.
    fn hidden(&self, section: Section, slug: &str) -> Option<&'static str> {
        self.model
            .hidden
            .iter()
            .find(|(s, sl, _, _)| *s == section && sl == slug)
            .map(|h| h.3)
    }

    /// The item's file has errors of its own: a reference to it is not reported again.
    fn broken(&self, section: Section, slug: &str) -> bool {
        self.model.broken.iter().any(|(s, sl)| *s == section && sl == slug)
    }

    /// The message for a reference to the item `id` of `section` (`what`), known as `known`,
    /// if it is not one.
    fn unknown_item(&self, what: &str, section: Section, id: &str, known: &BTreeSet<&str>) -> Option<String> {
        if known.contains(id) || self.broken(section, id) {
            return None;
        }
        Some(match self.hidden(section, id) {
            Some(why) => format!("{what} `{id}` is not published ({why}), so it cannot be referenced yet"),
            None => format!("unknown {what} `{id}` (known: {})", known_list(known.iter().copied())),
        })
    }

    /// The message for an id that the data file `file` does not have; none when that file
    /// could not be read (it has its own error).
    fn unknown_data<T>(
        &self,
        what: &str,
        id: &str,
        table: &crate::data::Table<T>,
        file: &'static str,
    ) -> Option<String> {
        if self.reg.broken.contains(&file) || table.get(id).is_some() {
            return None;
        }
        Some(format!(
            "unknown {what} `{id}` (known in {file}: {})",
            known_list(table.ids())
        ))
    }

    /// A reference to a task, from a disclosure (`task`) or an update (`tasks`).
    fn task(&mut self, rel: &str, line: usize, task: &str) {
        if let Some(msg) = self.unknown_item("task", Section::Task, task, &self.tasks) {
            self.diags.push(Diagnostic::error(rel, line, 1, msg));
        }
    }

    /// Each task's plan, dimension, lead and partner units.
    fn tasks_refs(&mut self) {
        let (model, reg) = (self.model, self.reg);
        for t in &model.tasks {
            let (pos, rel) = (&t.meta.pos, t.meta.rel.as_str());
            let mut found = Vec::new();
            if let Some(msg) = self.unknown_item("plan", Section::Plan, &t.plan, &self.plans) {
                found.push(("plan", msg));
            }
            if let Some(msg) = self.unknown_data("dimension", &t.dimension, &reg.dimensions, "data/dimensions.yaml") {
                found.push(("dimension", msg));
            }
            let units = std::iter::once(("lead", &t.lead)).chain(t.partners.iter().map(|p| ("partners", p)));
            for (key, id) in units {
                if let Some(msg) = self.unknown_data("unit", id, &reg.units, "data/units.yaml") {
                    found.push((key, msg));
                }
            }
            for (key, msg) in found {
                self.diags.push(Diagnostic::error(rel, pos.line_of(key), 1, msg));
            }
        }
    }
}

/// Static files and files beside content that would take the path of a generated page or
/// file: they would be dropped, so they are errors.
pub(super) fn collisions(cfg: &SiteConfig, model: &Model, reg: &Registry, assets: &Assets) -> Diagnostics {
    let generated = routes::generated(cfg, model, reg);
    let taken = |out: &str| generated.contains(out) || out.starts_with(routes::SEARCH) || routes::is_sitemap_part(out);
    let mut diags = Diagnostics::default();
    let content = routes::content_files(model, assets);
    let statics = assets
        .iter()
        .filter(|(_, a)| !a.symlink)
        .filter_map(|(rel, _)| Some((rel.strip_prefix("static/")?, rel.as_str())));
    let beside = content.iter().map(|(out, rel)| (out.as_str(), rel.as_str()));
    for (out, rel) in statics.chain(beside) {
        if taken(out) {
            diags.push(Diagnostic::error(
                rel,
                1,
                1,
                format!(
                    "this file would be published as /{out}, which the site makes itself (a page, the feed, the sitemap, open data or search): rename or move it"
                ),
            ));
        }
    }
    diags
}

/// Each attachment must be a file of the site, not a symbolic link or inside one.
fn check_attachments(diags: &mut Diagnostics, assets: &Assets, rel: &str, attachments: &[crate::model::Attachment]) {
    for a in attachments {
        let message = match assets.get(&a.src) {
            Some(asset) if asset.symlink => format!(
                "attachment `{}` is a symbolic link, which could point outside the site: copy the real file there instead",
                a.file
            ),
            Some(_) => continue,
            // A folder on the way that is a link was not walked (it could lead anywhere).
            None => match assets
                .iter()
                .find(|(p, asset)| asset.symlink && a.src.starts_with(&format!("{p}/")))
            {
                Some((link, _)) => format!(
                    "attachment `{}`: the folder `{link}` on its path is a symbolic link, which could point outside the site, so it is not read: put the real folder there instead",
                    a.file
                ),
                None => {
                    let dir_hint = if a.src.starts_with("static/") {
                        "static/"
                    } else {
                        "the folder of this file"
                    };
                    format!(
                        "attachment `{}` not found: expected the file `{}` (paths are relative to {dir_hint})",
                        a.file, a.src
                    )
                }
            },
        };
        diags.push(Diagnostic::error(rel, a.line, 1, message));
    }
}

fn duplicate_slugs(model: &Model, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, Vec<(&str, usize)>> = BTreeMap::new();
    let metas = model
        .plans
        .iter()
        .map(|p| (Section::Plan, &p.meta))
        .chain(model.tasks.iter().map(|t| (Section::Task, &t.meta)))
        .chain(model.disclosures.iter().map(|d| (Section::Disclosure, &d.meta)))
        .chain(model.updates.iter().map(|u| (Section::Update, &u.meta)))
        .chain(model.pages.iter().map(|p| (Section::Page, &p.meta)));
    for (section, meta) in metas {
        seen.entry(routes::item(section, &meta.slug))
            .or_default()
            .push((&meta.rel, meta.slug_line));
        // An old address takes its URL as a page does.
        for alias in &meta.aliases {
            let line = meta.pos.line_of("aliases");
            if section == Section::Page && slug::RESERVED.contains(&alias.as_str()) {
                diags.push(Diagnostic::error(
                    &meta.rel,
                    line,
                    1,
                    format!("alias `{alias}` is an address the site itself uses (`/{alias}/`)"),
                ));
            }
            seen.entry(routes::item(section, alias))
                .or_default()
                .push((&meta.rel, line));
        }
    }
    // Hidden items take their URL too once published: collisions with them are reported.
    for (section, slug, rel, _) in &model.hidden {
        if let Some(v) = seen.get_mut(&routes::item(*section, slug)) {
            v.push((rel, 1));
        }
    }
    for (path, files) in seen {
        if files.len() < 2 {
            continue;
        }
        for (i, (rel, line)) in files.iter().enumerate() {
            let others: Vec<&str> = files
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, (r, _))| *r)
                .collect();
            diags.push(Diagnostic::error(
                *rel,
                *line,
                1,
                format!(
                    "duplicate slug: `/{path}` is also the URL of {}; rename one file or set a different `slug:`",
                    others.join(", ")
                ),
            ));
        }
    }
}

/// A disclosure's `period` must be one of its category's cycle.
fn period_problem(d: &crate::model::Disclosure, reg: &Registry) -> Option<String> {
    let period = d.period?;
    let category = reg.categories.get(&d.category)?;
    Some(match category.cycle() {
        None => format!(
            "`period: {}`: the category `{}` has no `cycle` in data/categories.yaml, so its items have no period",
            period.id(),
            d.category
        ),
        Some(c) if c != period.cycle => format!(
            "`period: {}` does not fit the cycle of the category `{}` ({}): write it as `{}`",
            period.id(),
            d.category,
            c.name(),
            c.example()
        ),
        Some(_) => return None,
    })
}
