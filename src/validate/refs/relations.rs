//! `replaces` and `amends`: each names a published disclosure other than itself, and no chain
//! of them comes back to where it started.

use std::collections::BTreeSet;

use super::Refs;
use crate::diag::Diagnostic;
use crate::layout::Section;
use crate::model::Rel;

impl Refs<'_> {
    /// Unknown slugs, a document naming itself, and cycles.
    pub(super) fn relations(&mut self) {
        let model = self.model;
        if model
            .disclosures
            .iter()
            .all(|d| d.replaces.is_empty() && d.amends.is_empty())
        {
            return;
        }
        let known: BTreeSet<&str> = model.disclosures.iter().map(|d| d.meta.slug.as_str()).collect();
        for d in &model.disclosures {
            let (rel, pos) = (d.meta.rel.as_str(), &d.meta.pos);
            for (key, slugs) in [("replaces", &d.replaces), ("amends", &d.amends)] {
                for (n, slug) in slugs.iter().enumerate() {
                    let line = pos.item_line(key, n);
                    if *slug == d.meta.slug {
                        self.diags.push(Diagnostic::error(
                            rel,
                            line,
                            1,
                            format!("`{key}` names this document itself (`{slug}`): name the other document's slug"),
                        ));
                    } else if let Some(msg) = self.unknown_item("disclosure", Section::Disclosure, slug, &known) {
                        self.diags
                            .push(Diagnostic::error(rel, line, 1, format!("`{key}`: {msg}")));
                    }
                }
            }
        }
        self.cycles();
    }

    /// Each chain of `replaces`/`amends` that comes back to its start, reported once, at the
    /// line that closes it.
    fn cycles(&mut self) {
        let model = self.model;
        let n = model.disclosures.len();
        let next = |i: usize| -> Vec<usize> {
            model
                .relations_of(i)
                .iter()
                .filter(|(r, _)| matches!(r, Rel::Replaces | Rel::Amends))
                .map(|&(_, j)| j as usize)
                .collect()
        };
        // 0: not seen, 1: on the current path, 2: done.
        let mut state = vec![0u8; n];
        for start in model.index.related.keys().map(|&i| i as usize) {
            if state[start] != 0 {
                continue;
            }
            let mut path: Vec<(usize, Vec<usize>)> = vec![(start, next(start))];
            state[start] = 1;
            while let Some((at, todo)) = path.last_mut() {
                let at = *at;
                match todo.pop() {
                    Some(j) if state[j] == 0 => {
                        state[j] = 1;
                        path.push((j, next(j)));
                    }
                    Some(j) if state[j] == 1 => {
                        let from = path.iter().position(|(k, _)| *k == j).unwrap_or(0);
                        let ring: Vec<usize> = path[from..].iter().map(|(k, _)| *k).collect();
                        self.cycle(at, j, &ring);
                    }
                    Some(_) => {}
                    None => {
                        state[at] = 2;
                        path.pop();
                    }
                }
            }
        }
    }

    /// The error for the cycle `ring` (in order), closed by `at` naming `back`.
    fn cycle(&mut self, at: usize, back: usize, ring: &[usize]) {
        let model = self.model;
        let d = &model.disclosures[at];
        let target = &model.disclosures[back].meta.slug;
        let (key, n) = [("replaces", &d.replaces), ("amends", &d.amends)]
            .into_iter()
            .find_map(|(key, slugs)| slugs.iter().position(|s| s == target).map(|n| (key, n)))
            .unwrap_or(("replaces", 0));
        let chain: Vec<&str> = ring
            .iter()
            .chain(std::iter::once(&back))
            .map(|&k| model.disclosures[k].meta.slug.as_str())
            .collect();
        self.diags.push(Diagnostic::error(
            &d.meta.rel,
            d.meta.pos.item_line(key, n),
            1,
            format!(
                "`{key}: {target}` closes a cycle ({}): a document cannot, through others, replace or amend itself",
                chain.join(" → ")
            ),
        ));
    }
}
