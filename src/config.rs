//! `site.yaml` + command-line overrides → validated `SiteConfig`.

use std::path::Path;

use anyhow::Result;
use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::url::BaseUrl;
use crate::yaml::{self, Positions, de};

/// The office shown in the footer and on the contact page.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, Eq, Hash)]
pub struct Office {
    /// Full name of the office.
    #[serde(default, deserialize_with = "de::text")]
    pub name: Option<String>,
    /// Postal address.
    #[serde(default, deserialize_with = "de::text")]
    pub address: Option<String>,
    /// Telephone.
    #[serde(default, deserialize_with = "de::text")]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default, deserialize_with = "de::text")]
    pub email: Option<String>,
    /// Fax.
    #[serde(default, deserialize_with = "de::text")]
    pub fax: Option<String>,
}

/// The person citizens ask for information (đầu mối cung cấp thông tin), shown on the
/// access-to-information page.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, Eq, Hash)]
pub struct FocalPoint {
    /// Full name.
    #[serde(default, deserialize_with = "de::text")]
    pub name: Option<String>,
    /// Position (chức vụ).
    #[serde(default, deserialize_with = "de::text")]
    pub position: Option<String>,
    /// Unit (đơn vị).
    #[serde(default, deserialize_with = "de::text")]
    pub unit: Option<String>,
    /// Telephone.
    #[serde(default, deserialize_with = "de::text")]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default, deserialize_with = "de::text")]
    pub email: Option<String>,
}

/// The licence of the open data (`data_license: {name, url}`), named in the DCAT catalog,
/// the CSVW metadata, the open-data page and its schema.org description.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, Eq, Hash)]
pub struct DataLicense {
    /// Its name ("Creative Commons Attribution 4.0").
    #[serde(default, deserialize_with = "de::text")]
    pub name: Option<String>,
    /// Where its text is: an absolute http(s) URL.
    #[serde(default, deserialize_with = "de::text")]
    pub url: Option<String>,
}

/// A checked licence: both parts are there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct License {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Default, Deserialize)]
struct RawSiteConfig {
    #[serde(default, deserialize_with = "de::text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    base_url: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    language: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    theme: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    description: Option<String>,
    #[serde(default)]
    office: Option<Office>,
    #[serde(default)]
    per_page: Option<i64>,
    #[serde(default)]
    focal_point: Option<FocalPoint>,
    #[serde(default, deserialize_with = "de::text")]
    request_page: Option<String>,
    #[serde(default)]
    task_update_days: Option<i64>,
    #[serde(default)]
    attachment_table_rows: Option<i64>,
    data_license: Option<DataLicense>,
}

/// Settings given on the command line that take precedence over site.yaml.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`.
    pub base_url: Option<String>,
    /// At most this many addresses in one sitemap file instead of `SITEMAP_URLS` (set only by
    /// the tests, through `CONGKHAI_SITEMAP_LIMIT`, to split a small site).
    #[doc(hidden)]
    pub sitemap_limit: Option<usize>,
}

/// At most this many addresses in one sitemap file (the sitemaps.org protocol's limit); a
/// site with more gets a sitemap index and its parts.
pub const SITEMAP_URLS: usize = 50_000;

/// Validated site settings.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Site title.
    pub title: String,
    /// One-sentence description (meta description, feed subtitle).
    pub description: Option<String>,
    /// Where the site is published.
    pub base: BaseUrl,
    /// Where `base` was written, for messages about it: `site.yaml` and its line, or
    /// `--base-url` (line 0).
    pub base_at: (&'static str, usize),
    /// UI language (`vi` or `en`).
    pub language: String,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Line of `theme:` in site.yaml, for errors about the theme.
    pub theme_line: usize,
    /// The office.
    pub office: Option<Office>,
    /// Items per list page.
    pub per_page: usize,
    /// Who answers requests for information.
    pub focal_point: Option<FocalPoint>,
    /// The slug of the free page that explains how to request information, as written (the
    /// default is `DEFAULT_REQUEST_PAGE`), with its line.
    pub request_page: Option<(String, usize)>,
    /// A task in progress whose newest update is older than this is reported as without news.
    pub task_update_days: u32,
    /// A CSV attachment's page shows at most this many of its rows as a table (0: no table).
    pub attachment_table_rows: usize,
    /// The licence of the open data; none when site.yaml gives none (a warning).
    pub data_license: Option<License>,
    /// At most this many addresses in one sitemap file (`SITEMAP_URLS`, at least 1).
    pub sitemap_urls: usize,
}

/// The slug of the free page that explains how to request information, when site.yaml names
/// none.
pub const DEFAULT_REQUEST_PAGE: &str = "yeu-cau-cung-cap-thong-tin";

impl SiteConfig {
    /// The slug of the free page that explains how to request information.
    pub fn request_page_slug(&self) -> &str {
        self.request_page
            .as_ref()
            .map_or(DEFAULT_REQUEST_PAGE, |(s, _)| s.as_str())
    }
}

const KNOWN_LANGUAGES: [&str; 2] = ["vi", "en"];

/// The settings file.
const REL: &str = crate::layout::SETTINGS;

/// Reads and validates `<root>/site.yaml`.
/// Errors and warnings come back in the `Diagnostics`; the config is `None` when there are errors.
pub fn load(root: &Path, overrides: &Overrides) -> Result<(Option<SiteConfig>, Diagnostics)> {
    let path = root.join(REL);
    let mut diags = Diagnostics::default();
    if !path.is_file() {
        diags.push(Diagnostic::error(
            REL,
            0,
            0,
            "no site.yaml in the site root: create one with at least `title:` and `base_url:`",
        ));
        return Ok((None, diags));
    }
    let text = match crate::text::read_file(&path, REL)? {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Ok((None, diags));
        }
    };
    let Some(raw) = parse(&text, &mut diags) else {
        return Ok((None, diags));
    };
    let cfg = check(raw, &text, overrides, &mut diags);
    Ok((cfg.filter(|_| !diags.has_errors()), diags))
}

/// The settings as written; unknown ones are warnings.
fn parse(text: &str, diags: &mut Diagnostics) -> Option<RawSiteConfig> {
    if text.trim().is_empty() {
        return Some(RawSiteConfig::default());
    }
    match yaml::parse_known::<RawSiteConfig>(text, REL, 1) {
        Ok((raw, unknown)) => {
            for (line, key) in unknown {
                let known = if key.starts_with("office.") {
                    format!("office: {}", yaml::field_names::<Office>().join(", "))
                } else if key.starts_with("focal_point.") {
                    format!("focal_point: {}", yaml::field_names::<FocalPoint>().join(", "))
                } else if key.starts_with("data_license.") {
                    format!("data_license: {}", yaml::field_names::<DataLicense>().join(", "))
                } else {
                    yaml::field_names::<RawSiteConfig>().join(", ")
                };
                diags.push(Diagnostic::warning(
                    REL,
                    line,
                    1,
                    format!("unknown setting `{key}` is ignored (known: {known})"),
                ));
            }
            Some(raw)
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The settings checked one by one, each problem at its line.
fn check(raw: RawSiteConfig, text: &str, overrides: &Overrides, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let pos = Positions::index(text, 1);
    check_contacts(&raw, text, diags);
    let mut error = |key: &str, message: String| diags.push(Diagnostic::error(REL, pos.line_of(key), 1, message));
    let title = raw.title.filter(|t| !t.trim().is_empty());
    if title.is_none() {
        error(
            "title",
            "missing required setting `title` (the site's name, e.g. `title: \"Công khai, minh bạch\"`)".into(),
        );
    }
    let language = raw.language.unwrap_or_else(|| "vi".to_string());
    if !KNOWN_LANGUAGES.contains(&language.as_str()) {
        error(
            "language",
            format!("unknown language `{language}` (expected one of: vi, en)"),
        );
    }
    let per_page = match raw.per_page {
        None => 20,
        Some(n) if (1..=10_000).contains(&n) => n as usize,
        Some(n) => {
            error(
                "per_page",
                format!("`per_page` must be a whole number from 1 to 10000, found {n}"),
            );
            20
        }
    };
    let task_update_days = match raw.task_update_days {
        None => 90,
        Some(n) if (1..=3650).contains(&n) => n as u32,
        Some(n) => {
            error(
                "task_update_days",
                format!("`task_update_days` must be a whole number of days from 1 to 3650, found {n}"),
            );
            90
        }
    };
    let attachment_table_rows = match raw.attachment_table_rows {
        None => 200,
        Some(n) if (0..=10_000).contains(&n) => n as usize,
        Some(n) => {
            error(
                "attachment_table_rows",
                format!("`attachment_table_rows` must be a whole number from 0 (no tables) to 10000, found {n}"),
            );
            200
        }
    };
    let theme = raw.theme.unwrap_or_else(|| "default".to_string());
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        error(
            "theme",
            format!("`theme` must be a folder name under themes/, found `{theme}`"),
        );
    }
    let base = base_url(raw.base_url, overrides, &pos, diags);
    let data_license = data_license(raw.data_license, text, &pos, diags);
    Some(SiteConfig {
        title: title?,
        description: raw.description,
        base: base?,
        base_at: if overrides.base_url.is_some() {
            ("--base-url", 0)
        } else {
            (REL, pos.line_of("base_url"))
        },
        language,
        theme,
        theme_line: pos.line_of("theme"),
        office: raw.office,
        per_page,
        focal_point: raw.focal_point,
        request_page: raw.request_page.map(|s| (s, pos.line_of("request_page"))),
        task_update_days,
        attachment_table_rows,
        data_license,
        sitemap_urls: overrides.sitemap_limit.unwrap_or(SITEMAP_URLS).max(1),
    })
}

/// `data_license`: a name and an absolute http(s) URL; without it, one warning saying what to
/// write.
fn data_license(raw: Option<DataLicense>, text: &str, pos: &Positions, diags: &mut Diagnostics) -> Option<License> {
    let example = "data_license: {name: \"Creative Commons Attribution 4.0\", url: \"https://creativecommons.org/licenses/by/4.0/\"}";
    let Some(raw) = raw else {
        diags.push(Diagnostic::warning(
            REL,
            1,
            1,
            format!(
                "no `data_license` in site.yaml: the open data (/data/) says no licence is given, so nobody knows whether they may reuse it; add `{example}`"
            ),
        ));
        return None;
    };
    let line =
        |key: &str| yaml::line_of_path(text, &format!("data_license.{key}")).unwrap_or(pos.line_of("data_license"));
    let name = raw.name.filter(|n| !n.trim().is_empty());
    if name.is_none() {
        diags.push(Diagnostic::error(
            REL,
            pos.line_of("data_license"),
            1,
            format!("`data_license` needs a `name` (e.g. `{example}`)"),
        ));
    }
    let url = raw
        .url
        .filter(|u| crate::url::BaseUrl::parse(u).is_some() && !u.contains(char::is_whitespace));
    if url.is_none() {
        diags.push(Diagnostic::error(
            REL,
            line("url"),
            1,
            format!("`data_license.url` must be an absolute http(s) URL of the licence's text (e.g. `{example}`)"),
        ));
    }
    Some(License { name: name?, url: url? })
}

/// `base_url` (or `--base-url`): required, an absolute http(s) URL.
fn base_url(
    written: Option<String>,
    overrides: &Overrides,
    pos: &Positions,
    diags: &mut Diagnostics,
) -> Option<BaseUrl> {
    let Some(b) = overrides.base_url.clone().or(written) else {
        diags.push(Diagnostic::error(
            REL,
            pos.line_of("base_url"),
            1,
            "missing required setting `base_url` (where the site is published, e.g. `base_url: \"https://example.gov.vn/cong-khai/\"`)",
        ));
        return None;
    };
    let parsed = BaseUrl::parse(&b);
    if parsed.is_none() {
        let (file, line) = if overrides.base_url.is_some() {
            ("--base-url", 0)
        } else {
            (REL, pos.line_of("base_url"))
        };
        diags.push(Diagnostic::error(
            file,
            line,
            1,
            format!(
                "`base_url` must be an absolute http(s) URL such as `https://example.gov.vn/cong-khai/`, found `{b}`"
            ),
        ));
    }
    parsed
}

/// The telephones and e-mail addresses of the office and of the focal point become links:
/// they must be one.
fn check_contacts(raw: &RawSiteConfig, text: &str, diags: &mut Diagnostics) {
    let office = raw.office.as_ref().map(|o| (o.phone.as_deref(), o.email.as_deref()));
    let focal = raw
        .focal_point
        .as_ref()
        .map(|f| (f.phone.as_deref(), f.email.as_deref()));
    for (prefix, contact) in [("office", office), ("focal_point", focal)] {
        let Some((phone, email)) = contact else { continue };
        let checks = [
            ("phone", phone.and_then(crate::contact::phone_problem)),
            ("email", email.and_then(crate::contact::email_problem)),
        ];
        for (key, problem) in checks {
            if let Some(msg) = problem {
                let line = yaml::line_of_path(text, &format!("{prefix}.{key}")).unwrap_or(1);
                diags.push(Diagnostic::error(REL, line, 1, format!("`{prefix}.{key}`: {msg}")));
            }
        }
    }
}
