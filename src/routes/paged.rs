//! The item pages whose lists are paginated like the section lists: a plan's tasks, a task's
//! evidence, a unit's tasks, a dimension's tasks and a category's disclosures. Page 1 is the
//! item's own page (`Job::Plan`, ...); pages 2 and on are `Job::More` at `<page>/page/<n>/`.
//!
//! A page with two lists (a unit: the tasks it leads and those it takes part in; a category:
//! its disclosures and its withdrawn ones) shows the `n`-th `per_page` rows of each, and has
//! as many pages as the longer list needs.

use crate::data::Registry;
use crate::layout::Section;
use crate::model::Model;

use super::{Job, page_count, page_range};

/// An item page whose lists are paginated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paged {
    /// The plan at this index of `model.plans`: its tasks.
    Plan(usize),
    /// The task at this index of `model.tasks`: its evidence.
    Task(usize),
    /// The unit at this index of `data/units.yaml`: the tasks it leads, those it takes part in.
    Unit(usize),
    /// The dimension at this index of `data/dimensions.yaml`: its tasks.
    Dimension(usize),
    /// The category at this index of `data/categories.yaml`: its disclosures, its withdrawn ones.
    Category(usize),
}

impl Paged {
    /// The folder of page `n`: `categories/a/`, `categories/a/page/2/`.
    pub fn path(self, model: &Model, reg: &Registry, n: usize) -> String {
        let id = |id: &Option<String>| id.clone().unwrap_or_default();
        let base = match self {
            Paged::Plan(i) => super::item(Section::Plan, &model.plans[i].meta.slug),
            Paged::Task(i) => super::item(Section::Task, &model.tasks[i].meta.slug),
            Paged::Unit(i) => super::unit(&id(&reg.units.items[i].id)),
            Paged::Dimension(i) => super::dimension(&id(&reg.dimensions.items[i].id)),
            Paged::Category(i) => super::category(&id(&reg.categories.items[i].id)),
        };
        if n <= 1 { base } else { format!("{base}page/{n}/") }
    }

    /// The job of page `n` (the item's own job for page 1).
    pub fn job(self, n: usize) -> Job {
        match (self, n) {
            (_, 2..) => Job::More(self, n),
            (Paged::Plan(i), _) => Job::Plan(i),
            (Paged::Task(i), _) => Job::Task(i),
            (Paged::Unit(i), _) => Job::Unit(i),
            (Paged::Dimension(i), _) => Job::Dimension(i),
            (Paged::Category(i), _) => Job::Category(i),
        }
    }
}

/// The rows of every paginated item page (indexes into `model.tasks` or `model.disclosures`,
/// in the order the page shows them), made in one pass over the tasks and one over the
/// disclosures.
#[derive(Debug, Clone, Default)]
pub struct PagedLists {
    /// Per plan: its tasks by dimension (in the order of the data file), then in list order.
    pub plans: Vec<Vec<usize>>,
    /// Per task: the disclosures that give evidence for it, in list order (newest first).
    pub tasks: Vec<Vec<usize>>,
    /// Per unit: the tasks it leads, and those it takes part in.
    pub units: Vec<[Vec<usize>; 2]>,
    /// Per dimension: its tasks.
    pub dimensions: Vec<Vec<usize>>,
    /// Per category: its disclosures that are not withdrawn, and the withdrawn ones.
    pub categories: Vec<[Vec<usize>; 2]>,
}

impl PagedLists {
    /// The lists of `model`'s pages.
    pub fn of(model: &Model, reg: &Registry) -> PagedLists {
        let plan_of: rustc_hash::FxHashMap<&str, usize> = model
            .plans
            .iter()
            .enumerate()
            .map(|(i, p)| (p.meta.slug.as_str(), i))
            .collect();
        let mut out = PagedLists {
            plans: vec![Vec::new(); model.plans.len()],
            tasks: vec![Vec::new(); model.tasks.len()],
            units: vec![Default::default(); reg.units.items.len()],
            dimensions: vec![Vec::new(); reg.dimensions.items.len()],
            categories: vec![Default::default(); reg.categories.items.len()],
        };
        // An unknown id has no page (validation reports it).
        let unit = |id: &str| Some(reg.units.position(id)).filter(|&u| u < reg.units.items.len());
        for (k, t) in model.tasks.iter().enumerate() {
            if let Some(&p) = plan_of.get(t.plan.as_str()) {
                out.plans[p].push(k);
            }
            if let Some(u) = unit(&t.lead) {
                out.units[u][0].push(k);
            }
            for (j, partner) in t.partners.iter().enumerate() {
                let repeated = t.partners[..j].contains(partner);
                if let Some(u) = unit(partner).filter(|_| !repeated) {
                    out.units[u][1].push(k);
                }
            }
            let d = reg.dimensions.position(&t.dimension);
            if d < out.dimensions.len() {
                out.dimensions[d].push(k);
            }
        }
        for tasks in &mut out.plans {
            // Stable: list order within a dimension; unknown dimensions last.
            tasks.sort_by_key(|&k| reg.dimensions.position(&model.tasks[k].dimension));
        }
        let task_of: rustc_hash::FxHashMap<&str, usize> = model
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.meta.slug.as_str(), i))
            .collect();
        for (slug, evidence) in &model.index.evidence {
            if let Some(&k) = task_of.get(slug.as_str()) {
                out.tasks[k] = evidence.iter().map(|&d| d as usize).collect();
            }
        }
        for (k, d) in model.disclosures.iter().enumerate() {
            let c = reg.categories.position(&d.category);
            if c < out.categories.len() {
                out.categories[c][usize::from(d.withdrawn.is_some())].push(k);
            }
        }
        out
    }

    /// The lists of page `p`: the first, and the second (empty for a page with one list).
    pub fn lists(&self, p: Paged) -> (&[usize], &[usize]) {
        match p {
            Paged::Plan(i) => (&self.plans[i], &[]),
            Paged::Task(i) => (&self.tasks[i], &[]),
            Paged::Unit(i) => (&self.units[i][0], &self.units[i][1]),
            Paged::Dimension(i) => (&self.dimensions[i], &[]),
            Paged::Category(i) => (&self.categories[i][0], &self.categories[i][1]),
        }
    }

    /// The rows page `n` of `p` shows of each list.
    pub fn page(&self, p: Paged, n: usize, per_page: usize) -> (&[usize], &[usize]) {
        let (a, b) = self.lists(p);
        (
            &a[page_range(n, per_page, a.len())],
            &b[page_range(n, per_page, b.len())],
        )
    }

    /// How many pages `p` has: as many as its longer list needs, one at least.
    pub fn pages(&self, p: Paged, per_page: usize) -> usize {
        let (a, b) = self.lists(p);
        page_count(a.len().max(b.len()), per_page)
    }

    /// Every paginated page, in the order of the jobs: plans, tasks, units, dimensions,
    /// categories.
    pub fn all(&self) -> impl Iterator<Item = Paged> + '_ {
        let plans = (0..self.plans.len()).map(Paged::Plan);
        let tasks = (0..self.tasks.len()).map(Paged::Task);
        let units = (0..self.units.len()).map(Paged::Unit);
        let dimensions = (0..self.dimensions.len()).map(Paged::Dimension);
        let categories = (0..self.categories.len()).map(Paged::Category);
        plans.chain(tasks).chain(units).chain(dimensions).chain(categories)
    }

    /// Pages 2 and on of every paginated page, with their paths.
    pub fn more_jobs(&self, model: &Model, reg: &Registry, per_page: usize) -> Vec<(String, Job)> {
        let mut jobs = Vec::new();
        for p in self.all() {
            for n in 2..=self.pages(p, per_page) {
                jobs.push((super::html(&p.path(model, reg, n)), Job::More(p, n)));
            }
        }
        jobs
    }

    /// How many pages each paginated page has (what decides the jobs besides the slugs).
    pub fn counts(&self, per_page: usize) -> Vec<usize> {
        self.all().map(|p| self.pages(p, per_page)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_the_longer_list() {
        let lists = PagedLists {
            units: vec![[vec![0, 1, 2, 3, 4], vec![5, 6]]],
            ..Default::default()
        };
        let p = Paged::Unit(0);
        assert_eq!(lists.pages(p, 2), 3);
        assert_eq!(lists.page(p, 1, 2), (&[0, 1][..], &[5, 6][..]));
        assert_eq!(lists.page(p, 3, 2), (&[4][..], &[][..]));
        assert_eq!(lists.pages(p, 5), 1);
        assert_eq!(p.job(1), Job::Unit(0));
        assert_eq!(p.job(2), Job::More(p, 2));
    }
}
