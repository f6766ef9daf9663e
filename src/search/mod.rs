//! Model + registry → a static search index under `search/` and the script that queries it.
//!
//! No server and no bundler: the browser fetches `search/meta.json`, then only the shards that
//! hold the query's terms (`search/index/<n>.json`), then one small file per shown result
//! (`search/doc/<id>.json`). Terms are words folded with deunicode, so `đ` becomes `d` and tone
//! marks go: "duong" finds "đường" (Pagefind keeps `đ`; see shared/design/architecture.md,
//! "Search"). The script folds the query the same way.
//!
//! Formats (read by `search.js`, which is the only reader):
//! - `meta.json`: `{v, shards, docs, sections: [{id, name, start, end}]}`; document ids are
//!   numbered section by section, so a section is the id range `start..end`.
//! - `index/<n>.json`: `{term: postings}` for the terms whose FNV-1a hash is `n` modulo `shards`.
//!   `postings` is a string of base-64 digits: per document, the id gap from the previous one
//!   as a varint (5 bits a digit, bit 6 set on all but the last digit), then one digit of score
//!   (see [`Weight::digit`]).
//! - `doc/<id>.json`: `{t: title, u: url, d: date, i: ISO date, m: facts line, x: text}`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::SiteConfig;
use crate::data::Registry;
use crate::model::{Date, Model, display_date, page_path};
use crate::render::{Body, OutputFile};

/// The script, written by hand; see its header.
const SCRIPT: &[u8] = include_bytes!("search.js");

/// About this many bytes of postings per shard before gzip (measured on the 10,000-page
/// benchmark, see the module's tests): a query of three words then fetches well under 300 KB.
const SHARD_TARGET: usize = 48 * 1024;

/// Longest body text kept for excerpts, in bytes.
const MAX_TEXT: usize = 20_000;

/// Digits of the postings strings: URL- and JSON-safe.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Folds text into search terms: `Đắk Lắk, 326/KH-VPUBND` → `dak lak 326 kh vpubnd`.
///
/// The same folding as [`crate::model::slug::fold`] (deunicode, lower case), split into words.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_term(text, |t| out.push(t.to_string()));
    out
}

/// Calls `f` with each folded term of `text`, in order.
///
/// Char by char, as `deunicode::deunicode` does, without building the folded text: this is
/// most of the index's build time.
fn each_term(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::with_capacity(32);
    let mut ascii = |c: char, word: &mut String| {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !word.is_empty() {
            f(word);
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            ascii(c, &mut word);
        } else {
            // Unknown characters separate words, as deunicode's `[?]` does.
            for a in deunicode::deunicode_char(c).unwrap_or(" ").chars() {
                ascii(a, &mut word);
            }
        }
    }
    ascii(' ', &mut word);
}

/// FNV-1a, 32 bits: which shard holds a term (the script computes the same).
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

/// FNV-1a as a `Hasher`, for the maps of terms: short ASCII keys hash several times faster
/// than with the default SipHash, and no map here is exposed to untrusted keys at run time.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type TermMap<V> = HashMap<String, V, std::hash::BuildHasherDefault<Fnv>>;

/// Where a term was found in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Weight {
    /// In the title or the document number.
    title: bool,
    /// In a unit, category, dimension, document type, issuer, signer or tag.
    facts: bool,
    /// Times in the body.
    body: u32,
}

impl Weight {
    /// One digit (0–31): 16 for the title, 8 for facts, and the body count as 0–7 on a
    /// log scale (0, 1, 2, 3–4, 5–8, 9–16, 17–32, more).
    fn digit(self) -> u8 {
        let tf = match self.body {
            0..=2 => self.body,
            n => (32 - (n - 1).leading_zeros() + 1).min(7),
        };
        (u8::from(self.title) << 4) | (u8::from(self.facts) << 3) | tf as u8
    }
}

/// One searchable document before indexing.
#[derive(Debug, Default)]
struct Doc<'a> {
    section: usize,
    title: String,
    url: String,
    date: Option<Date>,
    /// Document number or code: searched like the title.
    number: Option<String>,
    /// Units, category, dimension, type, issuer, signer, tags: searched with a middle weight.
    facts: Vec<String>,
    /// Shown under the title.
    facts_line: String,
    /// Body text (searched, and the source of the excerpt).
    text: Cow<'a, str>,
}

/// The sections, in document id order: (id, name).
const SECTIONS: [(&str, &str); 8] = [
    ("plans", "Kế hoạch"),
    ("tasks", "Nhiệm vụ"),
    ("disclosures", "Thông tin công khai"),
    ("updates", "Tin cập nhật"),
    ("pages", "Trang"),
    ("units", "Đơn vị"),
    ("dimensions", "Lĩnh vực"),
    ("categories", "Danh mục công khai"),
];

/// Every published item, unit, dimension and category, as search documents in id order.
fn docs<'a>(cfg: &SiteConfig, model: &'a Model, reg: &'a Registry) -> Vec<Doc<'a>> {
    let link = |p: &str| cfg.base.link(p);
    let unit = |id: &str| {
        reg.units
            .get(id)
            .map(|u| {
                let name = u.name.clone().unwrap_or_else(|| id.to_string());
                match &u.short {
                    Some(s) => format!("{name} ({s})"),
                    None => name,
                }
            })
            .unwrap_or_else(|| id.to_string())
    };
    let dimension = |id: &str| {
        reg.dimensions
            .get(id)
            .and_then(|d| d.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let category = |id: &str| {
        reg.categories
            .get(id)
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let join = |parts: &[(&str, Option<&str>)]| {
        parts
            .iter()
            .filter_map(|(label, v)| v.filter(|v| !v.is_empty()).map(|v| format!("{label}: {v}")))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let mut out = Vec::new();
    for p in &model.plans {
        out.push(Doc {
            section: 0,
            title: p.title.clone(),
            url: link(&page_path("plans", &p.meta.slug)),
            date: Some(p.issued),
            number: p.number.clone(),
            facts: [&p.doc_type, &p.issuer, &p.signer]
                .into_iter()
                .flatten()
                .cloned()
                .chain(p.based_on.iter().cloned())
                .collect(),
            facts_line: join(&[("Số", p.number.as_deref()), ("Cơ quan ban hành", p.issuer.as_deref())]),
            text: Cow::Borrowed(&p.meta.text),
        });
    }
    for t in &model.tasks {
        let lead = unit(&t.lead);
        let mut facts = vec![lead.clone(), dimension(&t.dimension), t.status.label().to_string()];
        facts.extend(t.partners.iter().map(|id| unit(id)));
        facts.extend(t.partners_text.clone());
        let mut text = t.meta.text.to_string();
        for u in &t.updates {
            text.push(' ');
            text.push_str(&u.text);
        }
        out.push(Doc {
            section: 1,
            title: t.title.clone(),
            url: link(&page_path("tasks", &t.meta.slug)),
            // The schedule in words ("Hạn 30/09/2025", "Thường xuyên") says more than a bare date.
            date: None,
            number: None,
            facts_line: [
                t.schedule.label(),
                join(&[("Chủ trì", Some(lead.as_str())), ("Tình trạng", Some(t.status.label()))]),
            ]
            .join(" · "),
            facts,
            text: Cow::Owned(text),
        });
    }
    for d in &model.disclosures {
        let cat = category(&d.category);
        let mut facts = vec![cat.clone()];
        facts.extend([&d.doc_type, &d.issuer, &d.signer].into_iter().flatten().cloned());
        facts.extend(d.tags.iter().cloned());
        facts.extend(d.attachments.iter().map(|a| a.title.clone()));
        out.push(Doc {
            section: 2,
            title: d.title.clone(),
            url: link(&page_path("disclosures", &d.meta.slug)),
            date: Some(d.published),
            number: d.number.clone(),
            facts,
            facts_line: join(&[("Số", d.number.as_deref()), ("Danh mục", Some(cat.as_str()))]),
            text: Cow::Borrowed(&d.meta.text),
        });
    }
    for u in &model.updates {
        let text = match &u.summary {
            Some(s) => Cow::Owned(format!("{s} {}", u.meta.text)),
            None => Cow::Borrowed(&*u.meta.text),
        };
        out.push(Doc {
            section: 3,
            title: u.title.clone(),
            url: link(&page_path("updates", &u.meta.slug)),
            date: Some(u.date),
            facts: u.tags.clone(),
            text,
            ..Doc::default()
        });
    }
    for p in &model.pages {
        out.push(Doc {
            section: 4,
            title: p.title.clone(),
            url: link(&page_path("", &p.meta.slug)),
            text: Cow::Borrowed(&p.meta.text),
            ..Doc::default()
        });
    }
    for u in &reg.units.items {
        let Some(id) = &u.id else { continue };
        out.push(Doc {
            section: 5,
            title: u.name.clone().unwrap_or_else(|| id.clone()),
            url: link(&format!("units/{id}/")),
            number: u.short.clone(),
            facts: u.head.iter().chain(&u.address).cloned().collect(),
            facts_line: join(&[("Điện thoại", u.phone.as_deref()), ("Thư điện tử", u.email.as_deref())]),
            text: Cow::Borrowed(u.description.as_deref().unwrap_or_default()),
            ..Doc::default()
        });
    }
    for d in &reg.dimensions.items {
        let Some(id) = &d.id else { continue };
        out.push(Doc {
            section: 6,
            title: d.name.clone().unwrap_or_else(|| id.clone()),
            url: link(&format!("dimensions/{id}/")),
            number: d.code.clone(),
            text: Cow::Borrowed(d.description.as_deref().unwrap_or_default()),
            ..Doc::default()
        });
    }
    for c in &reg.categories.items {
        let Some(id) = &c.id else { continue };
        out.push(Doc {
            section: 7,
            title: c.name.clone().unwrap_or_else(|| id.clone()),
            url: link(&format!("categories/{id}/")),
            facts: c.legal_basis.iter().cloned().collect(),
            text: Cow::Borrowed(c.description.as_deref().unwrap_or_default()),
            ..Doc::default()
        });
    }
    out
}

/// The terms of one document, each with its score digit, in no particular order.
fn weigh(doc: &Doc) -> Vec<(String, u8)> {
    let mut w: TermMap<Weight> = TermMap::default();
    let mut add = |text: &str, mark: fn(&mut Weight)| {
        each_term(text, |t| match w.get_mut(t) {
            Some(e) => mark(e),
            None => {
                let mut e = Weight::default();
                mark(&mut e);
                w.insert(t.to_string(), e);
            }
        })
    };
    add(&doc.title, |e| e.title = true);
    if let Some(n) = &doc.number {
        add(n, |e| e.title = true);
    }
    for f in &doc.facts {
        add(f, |e| e.facts = true);
    }
    add(&doc.text, |e| e.body = e.body.saturating_add(1));
    w.into_iter().map(|(t, e)| (t, e.digit())).collect()
}

fn push_varint(out: &mut String, mut v: u32) {
    while v >= 32 {
        out.push(DIGITS[((v & 31) | 32) as usize] as char);
        v >>= 5;
    }
    out.push(DIGITS[v as usize] as char);
}

/// Encodes postings `(doc id, score digit)` sorted by id, as described in the module header.
fn encode(postings: &[(u32, u8)]) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    let mut prev = 0;
    for &(id, digit) in postings {
        push_varint(&mut out, id - prev);
        out.push(DIGITS[usize::from(digit & 63)] as char);
        prev = id;
    }
    out
}

/// Cuts `s` to at most `max` bytes, at a word boundary when there is one.
fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &s[..end];
    cut.rfind(' ').map_or(cut, |i| &cut[..i])
}

#[derive(Serialize)]
struct Fragment<'a> {
    t: &'a str,
    u: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    i: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    m: &'a str,
    x: &'a str,
}

#[derive(Serialize)]
struct SectionRange {
    id: &'static str,
    name: &'static str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Meta {
    v: String,
    shards: u32,
    docs: usize,
    sections: Vec<SectionRange>,
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serializing maps with string keys and plain structs cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// The search index and script: `search/meta.json`, `search/index/*.json`, `search/doc/*.json`
/// and `search/search.js`.
pub fn index(cfg: &SiteConfig, model: &Model, reg: &Registry) -> Vec<OutputFile> {
    let docs = docs(cfg, model, reg);
    let weighed: Vec<Vec<(String, u8)>> = docs.par_iter().map(weigh).collect();
    // A HashMap to gather (fast), sorted before anything is written (deterministic).
    let mut postings: TermMap<Vec<(u32, u8)>> = TermMap::default();
    for (id, terms) in weighed.into_iter().enumerate() {
        for (term, digit) in terms {
            match postings.get_mut(term.as_str()) {
                Some(list) => list.push((id as u32, digit)),
                None => {
                    postings.insert(term, vec![(id as u32, digit)]);
                }
            }
        }
    }
    let mut postings: Vec<(String, Vec<(u32, u8)>)> = postings.into_iter().collect();
    postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let encoded: Vec<(String, String)> = postings
        .into_par_iter()
        .map(|(t, p)| {
            let e = encode(&p);
            (t, e)
        })
        .collect();
    let total: usize = encoded.iter().map(|(t, p)| t.len() + p.len() + 6).sum();
    let shards = total.div_ceil(SHARD_TARGET).clamp(1, 4096).next_power_of_two() as u32;
    let mut by_shard: Vec<BTreeMap<&str, &str>> = vec![BTreeMap::new(); shards as usize];
    for (t, p) in &encoded {
        by_shard[shard_of(t, shards) as usize].insert(t, p);
    }
    let mut files: Vec<(String, Vec<u8>)> = by_shard
        .iter()
        .enumerate()
        .map(|(n, m)| (format!("search/index/{n}.json"), json(m)))
        .collect();
    files.par_extend(docs.par_iter().enumerate().map(|(id, d)| {
        let f = Fragment {
            t: &d.title,
            u: &d.url,
            d: d.date.map(display_date),
            i: d.date.map(|x| x.format("%Y-%m-%d").to_string()),
            m: &d.facts_line,
            x: clip(&d.text, MAX_TEXT),
        };
        (format!("search/doc/{id}.json"), json(&f))
    }));
    // The version changes whenever any index file does, so cached shards are never mixed
    // with a newer meta.json (the script adds `?v=` to every fetch).
    let digests: Vec<[u8; 32]> = files
        .par_iter()
        .map(|(path, bytes)| {
            let mut h = Sha256::new();
            h.update(path.as_bytes());
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes);
            h.finalize().into()
        })
        .collect();
    let mut hash = Sha256::new();
    for d in &digests {
        hash.update(d);
    }
    let v: String = hash.finalize()[..6].iter().map(|b| format!("{b:02x}")).collect();
    let mut sections = Vec::new();
    let mut start = 0;
    for (i, (id, name)) in SECTIONS.iter().enumerate() {
        let end = start + docs[start..].iter().take_while(|d| d.section == i).count();
        sections.push(SectionRange { id, name, start, end });
        start = end;
    }
    let meta = Meta {
        v,
        shards,
        docs: docs.len(),
        sections,
    };
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .map(|(path, bytes)| OutputFile {
            path,
            body: Body::Bytes(bytes),
        })
        .collect();
    out.push(OutputFile {
        path: "search/meta.json".into(),
        body: Body::Bytes(json(&meta)),
    });
    out.push(OutputFile {
        path: "search/search.js".into(),
        body: Body::Static(SCRIPT),
    });
    out
}

#[cfg(test)]
mod tests;
