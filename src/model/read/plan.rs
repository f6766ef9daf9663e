//! The front matter of a plan.

use super::super::fields::{Fields, field, front};
use super::super::*;

front!(
    /// The front matter of a plan.
    PlanFront { number, doc_type, issuer, issued, signer, signer_title, year, based_on }
);

pub(super) fn read_plan(f: &mut Fields<'_>, meta: Meta, title: Option<String>, mut front: PlanFront) -> Option<Plan> {
    let number = f.text(field!(front.number));
    let doc_type = f.text(field!(front.doc_type));
    let issuer = f.text(field!(front.issuer));
    let issued = f.req_date(
        field!(front.issued),
        "the date the plan was issued (ngày ban hành), e.g. `issued: 2025-04-08`",
    );
    let signer = f.text(field!(front.signer));
    let signer_title = f.text(field!(front.signer_title));
    let year = f.int(field!(front.year));
    let based_on = f.text_list(field!(front.based_on));
    Some(Plan {
        meta,
        title: title?,
        number,
        doc_type,
        issuer,
        issued: issued?,
        signer,
        signer_title,
        year,
        based_on,
    })
}
