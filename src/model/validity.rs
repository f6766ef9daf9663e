//! Documents in force: the relations between disclosures (`replaces`, `amends`, both ways) and
//! whether a document is in force on a day, from its own dates and the documents that replace
//! it. Derived on demand from the model and today, so a new day needs no edit.

use std::collections::BTreeMap;

use super::{Date, Disclosure, Model};

/// How one disclosure relates to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rel {
    /// It replaces the other (thay thế).
    Replaces,
    /// The other replaces it (bị thay thế bởi).
    ReplacedBy,
    /// It amends the other (sửa đổi, bổ sung).
    Amends,
    /// The other amends it (được sửa đổi, bổ sung bởi).
    AmendedBy,
}

impl Rel {
    /// Its code in data and templates.
    pub fn code(self) -> &'static str {
        match self {
            Rel::Replaces => "replaces",
            Rel::ReplacedBy => "replaced-by",
            Rel::Amends => "amends",
            Rel::AmendedBy => "amended-by",
        }
    }

    /// Every relation, in the order pages show them.
    pub const ALL: [Rel; 4] = [Rel::Replaces, Rel::ReplacedBy, Rel::Amends, Rel::AmendedBy];
}

/// Whether a document is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValidityState {
    /// Chưa có hiệu lực: its `effective` date is still to come.
    NotYet,
    /// Còn hiệu lực.
    InForce,
    /// Hết hiệu lực: `expires` has come, or a document that replaces it has started.
    Expired,
}

impl ValidityState {
    /// Its code in data and templates.
    pub fn code(self) -> &'static str {
        match self {
            ValidityState::NotYet => "not-yet",
            ValidityState::InForce => "in-force",
            ValidityState::Expired => "expired",
        }
    }
}

/// A document's validity on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Validity {
    /// Where it stands.
    pub state: ValidityState,
    /// The first day it is in force (`effective`).
    pub from: Option<Date>,
    /// The first day it is no longer in force: its `expires`, or the day a document that
    /// replaces it starts, whichever comes first.
    pub until: Option<Date>,
    /// It ended because another document replaced it.
    pub replaced: bool,
}

impl Disclosure {
    /// The day it starts to apply: `effective`, else the day it was issued, else published.
    pub fn starts(&self) -> Date {
        self.effective.or(self.issued).unwrap_or(self.published)
    }
}

/// Disclosure index → its relations to other disclosures (index), both ways, for the
/// disclosures that have any. Slugs that name no disclosure, and a disclosure naming itself,
/// are left out here (validation reports them).
pub(super) fn relations(m: &Model) -> BTreeMap<u32, Vec<(Rel, u32)>> {
    let mut out: BTreeMap<u32, Vec<(Rel, u32)>> = BTreeMap::new();
    let named = |d: &Disclosure| !d.replaces.is_empty() || !d.amends.is_empty();
    if !m.disclosures.iter().any(|d| named(d)) {
        return out;
    }
    let targets: rustc_hash::FxHashSet<&str> = m
        .disclosures
        .iter()
        .flat_map(|d| d.replaces.iter().chain(&d.amends))
        .map(String::as_str)
        .collect();
    let at: rustc_hash::FxHashMap<&str, u32> = m
        .disclosures
        .iter()
        .enumerate()
        .filter(|(_, d)| targets.contains(d.meta.slug.as_str()))
        .map(|(i, d)| (d.meta.slug.as_str(), i as u32))
        .collect();
    for (i, d) in m.disclosures.iter().enumerate().filter(|(_, d)| named(d)) {
        let i = i as u32;
        let pairs = [
            (&d.replaces, Rel::Replaces, Rel::ReplacedBy),
            (&d.amends, Rel::Amends, Rel::AmendedBy),
        ];
        for (slugs, there, back) in pairs {
            for j in slugs.iter().filter_map(|s| at.get(s.as_str())).filter(|&&j| j != i) {
                out.entry(i).or_default().push((there, *j));
                out.entry(*j).or_default().push((back, i));
            }
        }
    }
    for list in out.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    out
}

impl Model {
    /// The relations of disclosure `i` to others, both ways.
    pub fn relations_of(&self, i: usize) -> &[(Rel, u32)] {
        self.index.related.get(&(i as u32)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether disclosure `i` is in force on `today`; `None` for a document that says nothing
    /// of it (no `effective`, no `expires`, no relation).
    pub fn validity(&self, i: usize, today: Date) -> Option<Validity> {
        let d = &self.disclosures[i];
        let rels = self.relations_of(i);
        if d.effective.is_none() && d.expires.is_none() && rels.is_empty() {
            return None;
        }
        // A withdrawn document replaces nothing.
        let replaced_at = rels
            .iter()
            .filter(|(r, _)| *r == Rel::ReplacedBy)
            .map(|&(_, j)| &self.disclosures[j as usize])
            .filter(|r| r.withdrawn.is_none())
            .map(|r| r.starts())
            .min();
        let until = [d.expires, replaced_at].into_iter().flatten().min();
        let state = if d.effective.is_some_and(|from| today < from) {
            ValidityState::NotYet
        } else if until.is_some_and(|end| today >= end) {
            ValidityState::Expired
        } else {
            ValidityState::InForce
        };
        Some(Validity {
            state,
            from: d.effective,
            until,
            replaced: replaced_at.is_some_and(|r| Some(r) == until && today >= r),
        })
    }

    /// The validity of every disclosure that has one, in list order (index, validity).
    pub fn validities(&self, today: Date) -> Vec<(u32, Validity)> {
        (0..self.disclosures.len())
            .filter_map(|i| self.validity(i, today).map(|v| (i as u32, v)))
            .collect()
    }
}

impl Model {
    /// What a page showing disclosure `i` in a list depends on, per disclosure: its front
    /// matter, and for the disclosures with relations, the front matter of the others (their
    /// titles and dates decide its validity). The list index's own array when no disclosure
    /// has a relation.
    pub fn disclosure_keys(&self) -> std::borrow::Cow<'_, [u64]> {
        let fronts = &self.index.fronts[super::list::DISCLOSURES];
        if self.index.related.is_empty() {
            return std::borrow::Cow::Borrowed(fronts);
        }
        let mut keys = fronts.clone();
        for (&i, rels) in &self.index.related {
            let others: Vec<(Rel, u64)> = rels.iter().map(|&(r, j)| (r, fronts[j as usize])).collect();
            keys[i as usize] = crate::fingerprint::of(&(fronts[i as usize], others));
        }
        std::borrow::Cow::Owned(keys)
    }
}
