//! Progress groups and status counts → inline SVG charts drawn at build time (no JavaScript).
//!
//! Each chart is a `<figure>` holding an `<svg role="img">` named by the figure's visible
//! `<figcaption>` (`aria-labelledby`) and described by a `<desc>` that states the same facts
//! in words (`aria-describedby`); templates put a table or list with the numbers beside it.
//! Colours are presentation attributes, so the theme's CSS needs no change, and all meet
//! WCAG 2.1 AA on white: text ≥ 4.5:1, bars and outlines ≥ 3:1. A `viewBox` with
//! `width="100%"` lets a chart shrink to a 320 px screen without scrolling; statuses differ
//! by text label and fill pattern, and "Quá hạn" also by shape and by a separating line,
//! never by colour alone (issue 3, item 4).

use std::fmt::Write as _;

use super::view::{ProgressGroup, StatusCount};
use crate::i18n::Strings;

/// Width of every chart in `viewBox` units (about CSS pixels at the largest size).
const WIDTH: u32 = 400;
/// Largest width on wide screens, so that text stays near body size.
const MAX_WIDTH: &str = "30rem";
const TEXT: &str = "#1a1a1a";
/// Outline of a progress track and of empty bars (6.7:1 on white).
const OUTLINE: &str = "#5c5c5c";
/// Filled part of a progress bar (6.6:1 on white, 5.8:1 on the track).
const FILL: &str = "#1d6b2f";
const TRACK: &str = "#f0f0f0";
/// "Quá hạn" (7.9:1 on white).
const OVERDUE: &str = "#a50e0e";

/// A chart showing each group's average progress as a horizontal bar with its percentage
/// written beside it; empty when there are no groups.
pub(crate) fn progress(id: &str, caption: &str, groups: &[ProgressGroup], t: &Strings) -> String {
    if groups.is_empty() {
        return String::new();
    }
    const LINE: u32 = 19;
    const BAR: u32 = 16;
    const TRACK_LEN: f64 = 330.0;
    let mut body = String::new();
    let mut facts = Vec::new();
    let mut y = 0;
    for g in groups {
        let pct = g.progress.min(100);
        for line in wrap(&g.reference.name, 44) {
            y += LINE;
            let _ = write!(
                body,
                r#"<text x="0" y="{}" font-size="15" fill="{TEXT}">{}</text>"#,
                y - 4,
                esc(&line)
            );
        }
        y += 2;
        let _ = write!(
            body,
            r#"<rect x="0.5" y="{y}.5" width="{TRACK_LEN}" height="{BAR}" fill="{TRACK}" stroke="{OUTLINE}"/>"#
        );
        if pct > 0 {
            let _ = write!(
                body,
                r#"<rect x="0.5" y="{y}.5" width="{}" height="{BAR}" fill="{FILL}"/>"#,
                num(TRACK_LEN * f64::from(pct) / 100.0)
            );
        }
        let _ = write!(
            body,
            r#"<text x="{}" y="{}" font-size="15" font-weight="700" fill="{TEXT}">{pct}%</text>"#,
            num(TRACK_LEN + 8.0),
            y + 14
        );
        y += BAR + 14;
        body.push('\n');
        facts.push(t.fill(
            "chart_group_facts",
            &[
                ("name", &g.reference.name),
                ("pct", &pct.to_string()),
                ("tasks", &g.task_count.to_string()),
                ("done", &g.done_count.to_string()),
                ("overdue", &g.overdue_count.to_string()),
            ],
        ));
    }
    figure(id, caption, &facts.join("; "), y, "", &body)
}

/// A chart of how many tasks have each status, then how many are overdue (a subset of the
/// unfinished ones, set apart by a line, a triangle and its label); empty when there are no
/// tasks.
pub(crate) fn statuses(id: &str, caption: &str, counts: &[StatusCount], overdue: usize, t: &Strings) -> String {
    let total: usize = counts.iter().map(|c| c.count).sum();
    if total == 0 {
        return String::new();
    }
    const ROW: u32 = 30;
    const BAR: u32 = 18;
    const X0: u32 = 150;
    const BAR_MAX: f64 = 190.0;
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(overdue).max(1);
    let len = |n: usize| BAR_MAX * n as f64 / max as f64;
    let hatch = format!("{id}-hatch");
    let dots = format!("{id}-dots");
    let defs = format!(
        concat!(
            r#"<defs><pattern id="{h}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">"#,
            r##"<rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="#0b57a4"/></pattern>"##,
            r#"<pattern id="{d}" width="5" height="5" patternUnits="userSpaceOnUse">"#,
            r##"<rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.6" fill="#6e4c00"/></pattern></defs>"##,
            "\n"
        ),
        h = esc(&hatch),
        d = esc(&dots),
    );
    let mut body = String::new();
    let mut facts = Vec::new();
    let mut y = 0;
    for c in counts {
        // (fill, outline, dashes): each status its own pattern, not only its own colour.
        let (fill, stroke, dash) = match c.code {
            "in-progress" => (format!("url(#{})", esc(&hatch)), "#0b57a4", ""),
            "done" => (FILL.to_string(), FILL, ""),
            "paused" => (format!("url(#{})", esc(&dots)), "#6e4c00", ""),
            _ => ("#fff".to_string(), OUTLINE, r#" stroke-dasharray="3 2""#),
        };
        let shape = format!(r#"fill="{fill}" stroke="{stroke}"{dash}"#);
        let _ = write!(
            body,
            r#"<rect x="0.5" y="{}.5" width="14" height="14" {shape}/><text x="22" y="{}" font-size="15" fill="{TEXT}">{}</text>"#,
            y + 8,
            y + 20,
            esc(&c.label)
        );
        body.push_str(&bar(X0, y + 6, len(c.count), BAR, &shape, c.count));
        body.push('\n');
        facts.push(format!("{}: {}", c.label, c.count));
        y += ROW;
    }
    // Overdue tasks are counted in the statuses above too: a line sets them apart.
    let _ = write!(
        body,
        r#"<line x1="0" y1="{y}.5" x2="{WIDTH}" y2="{y}.5" stroke="{OUTLINE}" stroke-dasharray="4 3"/>"#
    );
    y += 6;
    let shape = format!(r#"fill="{OVERDUE}" stroke="{OVERDUE}""#);
    let _ = write!(
        body,
        r#"<polygon points="8,{} 15.5,{} 0.5,{}" {shape}/><text x="22" y="{}" font-size="15" font-weight="700" fill="{OVERDUE}">{}</text>"#,
        y + 7,
        y + 22,
        y + 22,
        y + 20,
        esc(t.get("overdue"))
    );
    body.push_str(&bar(X0, y + 6, len(overdue), BAR, &shape, overdue));
    body.push('\n');
    y += ROW;
    let desc = format!(
        "{}. {}",
        facts.join("; "),
        t.fill(
            "chart_overdue_facts",
            &[("overdue", &overdue.to_string()), ("total", &total.to_string())]
        )
    );
    figure(id, caption, &desc, y, &defs, &body)
}

/// A bar of `len` units at (`x`, `y`) drawn with `shape`, and `count` written after it.
fn bar(x: u32, y: u32, len: f64, height: u32, shape: &str, count: usize) -> String {
    let mut s = String::new();
    if count > 0 {
        let _ = write!(
            s,
            r#"<rect x="{x}.5" y="{y}.5" width="{}" height="{}" {shape}/>"#,
            num(len.max(2.0)),
            height - 1
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" font-size="15" font-weight="700" fill="{TEXT}">{count}</text>"#,
        num(f64::from(x) + len + 6.0),
        y + 14
    );
    s
}

/// The figure around a chart's SVG: caption, description, size.
fn figure(id: &str, caption: &str, desc: &str, height: u32, defs: &str, body: &str) -> String {
    let id = esc(id);
    format!(
        concat!(
            r#"<figure class="chart" id="{id}" style="margin:1rem 0">"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" style="max-width:{max};height:auto" role="img" aria-labelledby="{id}-caption" aria-describedby="{id}-desc">"#,
            "\n",
            r#"<desc id="{id}-desc">{desc}</desc>"#,
            "\n{defs}{body}</svg>",
            r#"<figcaption id="{id}-caption">{caption}</figcaption></figure>"#
        ),
        id = id,
        w = WIDTH,
        h = height + 4,
        max = MAX_WIDTH,
        desc = esc(desc),
        defs = defs,
        body = body,
        caption = esc(caption),
    )
}

/// A length with at most one decimal ("12", "12.5"), the same on every machine.
fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Text for XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Splits `text` into lines of at most `max` characters at spaces (SVG text does not wrap);
/// a longer word is cut.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > max {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..max).collect());
        }
        let word: String = word.into_iter().collect();
        let n = line.chars().count();
        if n > 0 && n + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::Ref;

    fn vi() -> Strings {
        crate::i18n::builtin("vi")
    }

    fn group(name: &str, progress: u8, tasks: usize, overdue: usize) -> ProgressGroup {
        ProgressGroup {
            reference: Ref {
                id: "x".into(),
                name: name.into(),
                short: None,
                url: "/x/".into(),
            },
            progress,
            task_count: tasks,
            done_count: 0,
            overdue_count: overdue,
        }
    }

    fn counts(n: [usize; 4]) -> Vec<StatusCount> {
        crate::model::Status::ALL
            .iter()
            .zip(n)
            .map(|(s, count)| StatusCount {
                code: s.code(),
                label: crate::labels::status(&vi(), *s),
                count,
            })
            .collect()
    }

    /// Checks that `svg` is well-formed XML as far as charts go: tags nest and close, attribute
    /// values are quoted, and `&` only starts an entity.
    fn assert_well_formed(svg: &str) {
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = svg;
        while let Some(i) = rest.find(['<', '&']) {
            let text = &rest[..i];
            assert!(!text.contains('>'), "stray `>` in text {text:?}");
            rest = &rest[i..];
            if rest.starts_with('&') {
                let end = rest.find(';').expect("entity ends with ;");
                let entity = &rest[1..end];
                assert!(
                    ["amp", "lt", "gt", "quot", "#39"].contains(&entity),
                    "unknown entity &{entity};"
                );
                rest = &rest[end + 1..];
                continue;
            }
            let end = rest.find('>').expect("tag ends");
            let tag = &rest[1..end];
            rest = &rest[end + 1..];
            assert!(!tag.contains('<'), "`<` inside tag {tag:?}");
            assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes in {tag:?}");
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "closing {name} out of order in {svg}");
            } else if !tag.ends_with('/') {
                stack.push(tag.split_whitespace().next().expect("tag name"));
            }
        }
        assert!(stack.is_empty(), "unclosed {stack:?}");
    }

    #[test]
    fn progress_chart_has_bars_percentages_and_a_text_alternative() {
        let svg = progress(
            "chart-d",
            "Tiến độ theo lĩnh vực",
            &[
                group("Công khai", 40, 2, 1),
                group("Giải trình", 100, 1, 0),
                group("Khác", 0, 1, 0),
            ],
            &vi(),
        );
        assert_well_formed(&svg);
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="chart-d-caption""#));
        assert!(svg.contains(r#"<figcaption id="chart-d-caption">Tiến độ theo lĩnh vực</figcaption>"#));
        assert!(svg.contains(r#"aria-describedby="chart-d-desc""#));
        assert!(svg.contains("Công khai: 40% (2 nhiệm vụ, 0 hoàn thành, 1 quá hạn)"));
        for pct in [">40%<", ">100%<", ">0%<"] {
            assert!(svg.contains(pct), "{pct} in {svg}");
        }
        // 40% of the 330-unit track, the full track, and no fill at 0%.
        assert!(svg.contains(r##"width="132" height="16" fill="#1d6b2f""##));
        assert!(svg.contains(r##"width="330" height="16" fill="#1d6b2f""##));
        assert_eq!(svg.matches(r##"fill="#1d6b2f""##).count(), 2);
        assert!(svg.contains(r#"viewBox="0 0 400 "#) && svg.contains(r#"width="100%""#));
    }

    #[test]
    fn names_are_escaped() {
        let svg = progress(
            "c",
            "Cap <b> & \"x\"",
            &[group("Phòng <A> & \"B\" 'C'", 50, 1, 0)],
            &vi(),
        );
        assert_well_formed(&svg);
        assert!(!svg.contains("<A>") && !svg.contains("<b>"));
        assert!(svg.contains("Phòng &lt;A&gt; &amp; &quot;B&quot; &#39;C&#39;"));
        assert!(svg.contains("Cap &lt;b&gt; &amp; &quot;x&quot;"));
        let svg = statuses("a\"b", "x", &counts([1, 0, 0, 0]), 0, &vi());
        assert_well_formed(&svg);
        assert!(svg.contains(r#"id="a&quot;b-caption""#));
    }

    #[test]
    fn status_chart_shows_every_status_and_overdue_as_text_and_shape() {
        let svg = statuses(
            "chart-s",
            "Số nhiệm vụ theo trạng thái",
            &counts([1, 2, 3, 0]),
            1,
            &vi(),
        );
        assert_well_formed(&svg);
        for label in ["Chưa bắt đầu", "Đang thực hiện", "Hoàn thành", "Tạm dừng", "Quá hạn"] {
            assert!(svg.contains(&format!(">{label}</text>")), "{label}");
        }
        assert!(svg.contains("<polygon"), "overdue has its own shape");
        assert!(svg.contains("url(#chart-s-hatch)") && svg.contains("url(#chart-s-dots)"));
        assert!(svg.contains("Hoàn thành: 3; Tạm dừng: 0."));
        assert!(svg.contains(
            "Quá hạn (chưa hoàn thành mà đã qua thời hạn, đã tính trong các trạng thái trên): 1. Tổng số: 6 nhiệm vụ."
        ));
        // The longest bar is the largest count; a zero count has no bar but its number.
        assert!(svg.contains(r##"width="190" height="17" fill="#1d6b2f""##));
        assert!(svg.contains(">0</text>"));
    }

    #[test]
    fn empty_inputs_give_no_chart() {
        assert_eq!(progress("c", "x", &[], &vi()), "");
        assert_eq!(statuses("c", "x", &counts([0, 0, 0, 0]), 0, &vi()), "");
    }

    #[test]
    fn charts_are_deterministic() {
        let groups = [group("A", 33, 3, 0), group("B", 67, 3, 1)];
        assert_eq!(progress("c", "x", &groups, &vi()), progress("c", "x", &groups, &vi()));
        assert_eq!(
            statuses("c", "x", &counts([3, 1, 4, 1]), 5, &vi()),
            statuses("c", "x", &counts([3, 1, 4, 1]), 5, &vi())
        );
    }

    #[test]
    fn long_names_wrap() {
        for (text, max, want) in [
            (
                "Trung tâm Tin học và Công báo",
                44,
                vec!["Trung tâm Tin học và Công báo"],
            ),
            ("một hai ba", 7, vec!["một hai", "ba"]),
            ("abcdefghij k", 4, vec!["abcd", "efgh", "ij k"]),
            ("", 10, vec![""]),
        ] {
            assert_eq!(wrap(text, max), want, "{text:?}");
        }
        let svg = progress("c", "x", &[group(&"Phòng ".repeat(20), 10, 1, 0)], &vi());
        assert!(svg.matches(r#"<text x="0""#).count() >= 3);
    }

    #[test]
    fn numbers() {
        for (x, want) in [(132.0, "132"), (12.25, "12.2"), (0.5, "0.5"), (330.0, "330")] {
            assert_eq!(num(x), want);
        }
    }
}
