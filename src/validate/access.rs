//! What the access-to-information page needs and the site lacks: whom to ask, the page that
//! says how to ask, and which information is given only on request. Each missing part is a
//! warning naming what to write; a `request_page` that names no page is an error.

use crate::config::{DEFAULT_REQUEST_PAGE, SiteConfig};
use crate::data::Registry;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Model;

const SETTINGS: &str = crate::layout::SETTINGS;

/// The checks; cheap, so they run on every build. What is missing is what the compliance
/// report lists (`compliance::access_missing`); here each part gets its message.
pub(super) fn check(cfg: &SiteConfig, model: &Model, reg: &Registry) -> Diagnostics {
    let mut out = Diagnostics::default();
    let categories = "data/categories.yaml";
    for part in crate::compliance::access_missing(cfg, model, reg) {
        match (part, &cfg.request_page) {
            ("focal_point", _) => out.push(Diagnostic::warning(
                SETTINGS,
                1,
                1,
                "no `focal_point` in site.yaml: the access-to-information page names nobody to ask for information; add `focal_point: {name, position, unit, phone, email}`",
            )),
            ("request_page", Some((slug, line))) => out.push(Diagnostic::error(
                SETTINGS,
                *line,
                1,
                format!(
                    "`request_page`: no free page has the slug `{slug}`: write `content/pages/{slug}.md`, saying how to request information, or name another page"
                ),
            )),
            ("request_page", None) => out.push(Diagnostic::warning(
                SETTINGS,
                1,
                1,
                format!(
                    "no page says how to request information: write `content/pages/{DEFAULT_REQUEST_PAGE}.md` (or name another free page with `request_page:` in site.yaml); the access-to-information page links to it"
                ),
            )),
            // A categories file that could not be read has its own error.
            _ if reg.broken.contains(&categories) => {}
            _ => out.push(Diagnostic::warning(
                categories,
                1,
                1,
                "no category has `on_request: true`: the access-to-information page cannot list the information given only on request; mark the categories that hold it",
            )),
        }
    }
    out
}
