//! The columns of a disclosure's row that come from the day and from other documents: its
//! validity, its relations both ways, and its consultation.

use serde::Serialize;

use super::Open;
use crate::model::Rel;

/// See the module.
#[derive(Serialize)]
pub(super) struct DocState {
    #[serde(flatten)]
    validity: Validity,
    replaces: Vec<String>,
    amends: Vec<String>,
    replaced_by: Vec<String>,
    amended_by: Vec<String>,
    consultation_open: Option<String>,
    consultation_close: Option<String>,
    consultation_status: Option<&'static str>,
}

/// Validity only, for the legal list.
#[derive(Serialize)]
pub(super) struct Validity {
    effective: Option<String>,
    validity: Option<&'static str>,
    validity_label: Option<String>,
}

impl Validity {
    pub(super) fn of(ctx: &Open<'_>, i: usize) -> Validity {
        let v = ctx.model.validity(i, ctx.today);
        Validity {
            effective: ctx.model.disclosures[i].effective.map(crate::date::iso),
            validity: v.map(|v| v.state.code()),
            validity_label: v.map(|v| crate::labels::validity(ctx.t, v.state)),
        }
    }

    pub(super) fn cells(&self) -> Vec<String> {
        vec![
            self.effective.clone().unwrap_or_default(),
            self.validity.unwrap_or_default().to_string(),
            self.validity_label.clone().unwrap_or_default(),
        ]
    }
}

impl DocState {
    /// The columns of disclosure `i`.
    pub(super) fn of(ctx: &Open<'_>, i: usize) -> DocState {
        let m = ctx.model;
        let d = &m.disclosures[i];
        let related = |kind: Rel| -> Vec<String> {
            m.relations_of(i)
                .iter()
                .filter(|(r, _)| *r == kind)
                .map(|&(_, j)| m.disclosures[j as usize].meta.slug.clone())
                .collect()
        };
        let c = d.consultation.as_ref();
        DocState {
            validity: Validity::of(ctx, i),
            replaces: related(Rel::Replaces),
            amends: related(Rel::Amends),
            replaced_by: related(Rel::ReplacedBy),
            amended_by: related(Rel::AmendedBy),
            consultation_open: c.map(|c| crate::date::iso(c.open)),
            consultation_close: c.map(|c| crate::date::iso(c.close)),
            consultation_status: c.map(|c| c.state(ctx.today).code()),
        }
    }

    pub(super) fn cells(&self) -> Vec<String> {
        let mut cells = self.validity.cells();
        cells.extend([
            self.replaces.join(";"),
            self.amends.join(";"),
            self.replaced_by.join(";"),
            self.amended_by.join(";"),
            self.consultation_open.clone().unwrap_or_default(),
            self.consultation_close.clone().unwrap_or_default(),
            self.consultation_status.unwrap_or_default().to_string(),
        ]);
        cells
    }
}
