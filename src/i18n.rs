//! Translation files (`i18n/<lang>.yaml`: flat keys → strings) → checked string tables.
//!
//! Pure: the theme loader reads the files and hands their text here. The Vietnamese table is
//! the reference: every other language must have each of its keys, and it must have every key
//! that congkhai itself uses (status labels, list titles, chart captions...).

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics};

/// The languages a site can be written in; the first is the reference.
pub const LANGUAGES: [&str; 2] = ["vi", "en"];

/// Keys congkhai's own code looks up (the templates use the others through `t`).
pub const CODE_KEYS: [&str; 95] = [
    "search_number",
    "search_issuer",
    "search_category",
    "search_lead",
    "search_status",
    "search_phone",
    "search_email",
    "status_not_started",
    "status_in_progress",
    "status_done",
    "status_paused",
    "overdue",
    "schedule_ongoing",
    "schedule_on_request",
    "schedule_due",
    "schedule_from",
    "schedule_unset",
    "list_plans",
    "list_tasks",
    "list_disclosures",
    "list_updates",
    "list_page",
    "filter_status",
    "filter_unit",
    "filter_dimension",
    "filter_all",
    "title_units",
    "title_dimensions",
    "title_categories",
    "title_disclosure_list",
    "access_focal_none",
    "access_request_none",
    "access_on_request_none",
    "title_access",
    "title_compliance",
    "state_ok",
    "state_missing",
    "state_stale",
    "state_due_soon",
    "state_empty",
    "report_stale_by",
    "report_due_in",
    "period_missing",
    "report_overdue_tasks",
    "report_quiet_tasks",
    "report_days_late",
    "report_days_since_update",
    "report_no_update",
    "report_problems",
    "latest_disclosure_date",
    "title_search",
    "title_not_found",
    "chart_by_dimension",
    "chart_by_unit",
    "chart_by_status",
    "chart_group_facts",
    "chart_overdue_facts",
    "search_section_pages",
    "search_section_units",
    "search_section_dimensions",
    "search_section_categories",
    "last_updated",
    "language_name",
    "switch_language",
    "size_decimal",
    "validity_not_yet",
    "validity_in_force",
    "validity_expired",
    "consultation_upcoming",
    "consultation_open",
    "consultation_closed",
    "rel_replaces",
    "rel_replaced_by",
    "rel_amends",
    "rel_amended_by",
    "validity",
    "csv_more_rows",
    "csv_more_columns",
    "meta_description",
    "title_open_data",
    "open_data_intro",
    "data_no_license",
    "data_csv_note",
    "data_type_text",
    "data_type_date",
    "data_type_integer",
    "data_type_boolean",
    "data_type_url",
    "data_type_text_list",
    "data_type_url_list",
    "data_type_attachments",
    "data_type_object",
    "title_subscribe",
    "feed_title_category",
    "feed_title_task",
];

/// The strings of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The string of `key`; the key itself if absent (never, once `check` has passed).
    /// Fingerprint of every string, for rebuilds.
    pub fn fingerprint(&self) -> u64 {
        crate::fingerprint::of(&self.0)
    }

    /// The string for `key` (the key itself when missing, which loading prevents).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The string of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut s = self.get(key).to_string();
        for (name, value) in values {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// Keys and strings, in key order.
    pub fn entries(&self) -> &BTreeMap<String, String> {
        &self.0
    }
}

/// One translation file as read: its path (shown in errors) and text.
#[derive(Debug, Clone)]
pub struct File {
    /// Path relative to the site root, or a name for the built-in theme.
    pub path: String,
    /// Its text.
    pub text: String,
}

/// Parses one translation file: a flat map of keys to strings.
pub fn parse(file: &File) -> Result<Strings, Diagnostic> {
    if file.text.trim().is_empty() {
        return Ok(Strings::default());
    }
    crate::yaml::parse::<BTreeMap<String, String>>(&file.text, &file.path, 1)
        .map(Strings)
        .map_err(|mut d| {
            d.message = format!(
                "{} (a translation file is `key: \"text\"` lines, one per string)",
                d.message
            );
            d
        })
}

/// Builds the table of every language from the theme's files and the site's overrides.
///
/// `theme` holds one file per language of `LANGUAGES`; `site` the optional `i18n/<lang>.yaml`
/// of the site root, whose keys replace the theme's. A key missing from a language, or a key
/// congkhai needs missing from the reference, is an error naming the file and the key.
pub fn tables(theme: &BTreeMap<&str, File>, site: &BTreeMap<&str, File>) -> (BTreeMap<String, Strings>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut out = BTreeMap::new();
    let mut reference: Option<Strings> = None;
    for lang in LANGUAGES {
        let Some(file) = theme.get(lang) else {
            diags.push(Diagnostic::error(
                format!("i18n/{lang}.yaml"),
                0,
                0,
                format!("missing translation file `i18n/{lang}.yaml` in the theme"),
            ));
            continue;
        };
        let mut strings = match parse(file) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let required: Vec<String> = match &reference {
            None => CODE_KEYS
                .iter()
                .map(|k| k.to_string())
                .chain(crate::datadict::i18n_keys())
                .collect(),
            Some(r) => r.0.keys().cloned().collect(),
        };
        for key in &required {
            if !strings.0.contains_key(key) {
                let why = if reference.is_none() {
                    "congkhai needs it".to_string()
                } else {
                    format!(
                        "`{}` has it",
                        theme.get(LANGUAGES[0]).map(|f| f.path.as_str()).unwrap_or("vi")
                    )
                };
                diags.push(Diagnostic::error(
                    file.path.clone(),
                    0,
                    0,
                    format!("missing translation key `{key}` ({why}): add `{key}: \"...\"`"),
                ));
            }
        }
        if let Some(over) = site.get(lang) {
            match parse(over) {
                Ok(o) => {
                    for (k, v) in o.0 {
                        if !strings.0.contains_key(&k) {
                            diags.push(Diagnostic::warning(
                                over.path.clone(),
                                0,
                                0,
                                format!("unknown translation key `{k}`: the theme has no such string"),
                            ));
                            continue;
                        }
                        strings.0.insert(k, v);
                    }
                }
                Err(d) => diags.push(d),
            }
        }
        if reference.is_none() {
            reference = Some(strings.clone());
        }
        out.insert(lang.to_string(), strings);
    }
    (out, diags)
}

/// The default theme's table of `lang` (`vi` or `en`), for unit tests.
#[cfg(test)]
pub(crate) fn builtin(lang: &str) -> Strings {
    let text = match lang {
        "en" => include_str!("../themes/default/i18n/en.yaml"),
        _ => include_str!("../themes/default/i18n/vi.yaml"),
    };
    let file = File {
        path: format!("{lang}.yaml"),
        text: text.to_string(),
    };
    parse(&file).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> File {
        File {
            path: path.into(),
            text: text.into(),
        }
    }

    fn text(d: &Diagnostics) -> String {
        d.0.iter().map(|d| format!("{d}\n")).collect()
    }

    fn full(extra: &str) -> String {
        let mut s: String = CODE_KEYS
            .iter()
            .map(|k| k.to_string())
            .chain(crate::datadict::i18n_keys())
            .filter(|k| !extra.contains(&format!("{k}:")))
            .map(|k| format!("{k}: \"{k}\"\n"))
            .collect();
        s.push_str(extra);
        s
    }

    #[test]
    fn a_key_missing_from_english_is_an_error_naming_file_and_key() {
        let theme = BTreeMap::from([
            (
                "vi",
                file("themes/default/i18n/vi.yaml", &full("skip_link: \"Bỏ qua\"\n")),
            ),
            ("en", file("themes/default/i18n/en.yaml", &full(""))),
        ]);
        let (_, diags) = tables(&theme, &BTreeMap::new());
        let text = text(&diags);
        assert!(diags.has_errors());
        assert!(text.contains("themes/default/i18n/en.yaml"), "{text}");
        assert!(text.contains("`skip_link`"), "{text}");
    }

    #[test]
    fn a_key_congkhai_needs_is_required_in_vietnamese() {
        let theme = BTreeMap::from([
            ("vi", file("vi.yaml", "overdue: \"Quá hạn\"\n")),
            ("en", file("en.yaml", "overdue: \"Overdue\"\n")),
        ]);
        let (_, diags) = tables(&theme, &BTreeMap::new());
        assert!(text(&diags).contains("vi.yaml:1:1: error: missing translation key `status_done`"));
    }

    #[test]
    fn the_site_overrides_keys_and_strings_fill_placeholders() {
        let theme = BTreeMap::from([
            ("vi", file("vi.yaml", &full("schedule_due: \"Hạn {date}\"\n"))),
            ("en", file("en.yaml", &full("schedule_due: \"Due {date}\"\n"))),
        ]);
        let site = BTreeMap::from([("en", file("i18n/en.yaml", "overdue: \"Late\"\n"))]);
        let (t, diags) = tables(&theme, &site);
        assert!(!diags.has_errors(), "{}", text(&diags));
        assert_eq!(t["en"].get("overdue"), "Late");
        assert_eq!(t["vi"].get("overdue"), "overdue");
        assert_eq!(
            t["en"].fill("schedule_due", &[("date", "30/09/2025")]),
            "Due 30/09/2025"
        );
    }

    #[test]
    fn a_file_that_is_not_a_flat_map_is_an_error() {
        let theme = BTreeMap::from([("vi", file("vi.yaml", "a:\n  b: c\n")), ("en", file("en.yaml", ""))]);
        let (_, diags) = tables(&theme, &BTreeMap::new());
        assert!(text(&diags).contains("vi.yaml:"));
    }
}
