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
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::SiteConfig;
use crate::data::Registry;
use crate::date::Date;
use crate::files::{Body, OutputFile};
use crate::i18n::Strings;
use crate::layout::Section;
use crate::model::Model;
use crate::routes;

/// The script, written by hand; see its header.
const SCRIPT: &[u8] = include_bytes!("search.js");

/// About this many bytes of postings per shard before gzip (measured on the 10,000-page
/// benchmark, see the module's tests): a query of three words then fetches well under 300 KB.
const SHARD_TARGET: usize = 48 * 1024;

/// Documents weighed at once.
const CHUNK: usize = 256;

/// Longest body text kept for excerpts, in bytes (about 300 words). The index covers the
/// whole text; a match further in shows the document's opening as its excerpt. Kept short
/// because every document has such a file: at 20,000 bytes a 10,000-page build held 35 MB
/// more at its peak, and each result downloaded more.
const MAX_TEXT: usize = 2_000;

/// Digits of the postings strings: URL- and JSON-safe.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Folds text into search terms: `Đắk Lắk, 326/KH-VPUBND` → `dak lak 326 kh vpubnd`.
///
/// The same folding as [`crate::slug::fold`] (deunicode, lower case), split into words.
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
/// Each section's id and the translation key of its name.
const SECTIONS: [(&str, &str); 8] = [
    ("plans", "list_plans"),
    ("tasks", "list_tasks"),
    ("disclosures", "list_disclosures"),
    ("updates", "list_updates"),
    ("pages", "search_section_pages"),
    ("units", "search_section_units"),
    ("dimensions", "search_section_dimensions"),
    ("categories", "search_section_categories"),
];

/// A searchable thing, in document id order.
#[derive(Clone, Copy)]
enum ItemRef<'a> {
    Plan(&'a crate::model::Plan),
    Task(&'a crate::model::Task),
    Disclosure(&'a crate::model::Disclosure),
    Update(&'a crate::model::Update),
    Page(&'a crate::model::Page),
    Unit(&'a crate::data::Unit),
    Dimension(&'a crate::data::Dimension),
    Category(&'a crate::data::Category),
}

/// Every published item, unit, dimension and category, in document id order.
fn items<'a>(model: &'a Model, reg: &'a Registry) -> Vec<ItemRef<'a>> {
    let mut out: Vec<ItemRef<'a>> = Vec::new();
    out.extend(model.plans.iter().map(|p| ItemRef::Plan(p)));
    out.extend(model.tasks.iter().map(|t| ItemRef::Task(t)));
    out.extend(model.disclosures.iter().map(|d| ItemRef::Disclosure(d)));
    out.extend(model.updates.iter().map(|u| ItemRef::Update(u)));
    out.extend(model.pages.iter().map(|p| ItemRef::Page(p)));
    out.extend(reg.units.items.iter().filter(|u| u.id.is_some()).map(ItemRef::Unit));
    out.extend(
        reg.dimensions
            .items
            .iter()
            .filter(|d| d.id.is_some())
            .map(ItemRef::Dimension),
    );
    out.extend(
        reg.categories
            .items
            .iter()
            .filter(|c| c.id.is_some())
            .map(ItemRef::Category),
    );
    out
}

/// Fingerprint of what a document is made from, besides the site-wide inputs (base path,
/// data files) that `global_key` covers.
fn key_of(item: ItemRef<'_>) -> u64 {
    use crate::fingerprint::of as fingerprint;
    use crate::model::list;
    match item {
        ItemRef::Plan(p) => item_key(list::PLANS, p.meta.fp),
        ItemRef::Task(t) => item_key(list::TASKS, t.meta.fp),
        ItemRef::Disclosure(d) => item_key(list::DISCLOSURES, d.meta.fp),
        ItemRef::Update(u) => item_key(list::UPDATES, u.meta.fp),
        ItemRef::Page(p) => item_key(list::PAGES, p.meta.fp),
        ItemRef::Unit(u) => fingerprint(&(5u8, u)),
        ItemRef::Dimension(d) => fingerprint(&(6u8, d)),
        ItemRef::Category(c) => fingerprint(&(7u8, c)),
    }
}

/// The key of an item of the model's list `list` (`model::list`) whose file has the
/// fingerprint `fp`.
fn item_key(list: usize, fp: u64) -> u64 {
    crate::fingerprint::of(&(list as u8, fp))
}

fn global_key(cfg: &SiteConfig, reg: &Registry) -> u64 {
    crate::fingerprint::of(&(
        &cfg.base.path,
        &reg.units.items,
        &reg.dimensions.items,
        &reg.categories.items,
    ))
}

/// The search document of one item.
fn doc_of<'a>(cfg: &SiteConfig, reg: &'a Registry, strings: &Strings, item: ItemRef<'a>) -> Doc<'a> {
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
    match item {
        ItemRef::Plan(p) => Doc {
            section: 0,
            title: p.title.clone(),
            url: link(&routes::item(Section::Plan, &p.meta.slug)),
            date: Some(p.issued),
            number: p.number.clone(),
            facts: [&p.doc_type, &p.issuer, &p.signer]
                .into_iter()
                .flatten()
                .cloned()
                .chain(p.based_on.iter().cloned())
                .collect(),
            facts_line: join(&[
                (strings.get("search_number"), p.number.as_deref()),
                (strings.get("search_issuer"), p.issuer.as_deref()),
            ]),
            text: Cow::Borrowed(&p.meta.text),
        },
        ItemRef::Task(t) => {
            let lead = unit(&t.lead);
            let mut facts = vec![
                lead.clone(),
                dimension(&t.dimension),
                crate::labels::status(strings, t.status),
            ];
            facts.extend(t.partners.iter().map(|id| unit(id)));
            facts.extend(t.partners_text.clone());
            let mut text = t.meta.text.to_string();
            for u in &t.updates {
                text.push(' ');
                text.push_str(&u.text);
            }
            Doc {
                section: 1,
                title: t.title.clone(),
                url: link(&routes::item(Section::Task, &t.meta.slug)),
                // The schedule in words ("Hạn 30/09/2025", "Thường xuyên") says more than a bare date.
                date: None,
                number: None,
                facts_line: [
                    crate::labels::schedule(strings, &t.schedule),
                    join(&[
                        (strings.get("search_lead"), Some(lead.as_str())),
                        (
                            strings.get("search_status"),
                            Some(crate::labels::status(strings, t.status).as_str()),
                        ),
                    ]),
                ]
                .join(" · "),
                facts,
                text: Cow::Owned(text),
            }
        }
        ItemRef::Disclosure(d) => {
            let cat = category(&d.category);
            let mut facts = vec![cat.clone()];
            facts.extend([&d.doc_type, &d.issuer, &d.signer].into_iter().flatten().cloned());
            facts.extend(d.tags.iter().cloned());
            facts.extend(d.attachments.iter().map(|a| a.title.clone()));
            Doc {
                section: 2,
                title: d.title.clone(),
                url: link(&routes::item(Section::Disclosure, &d.meta.slug)),
                date: Some(d.published),
                number: d.number.clone(),
                facts,
                facts_line: join(&[
                    (strings.get("search_number"), d.number.as_deref()),
                    (strings.get("search_category"), Some(cat.as_str())),
                ]),
                text: Cow::Borrowed(&d.meta.text),
            }
        }
        ItemRef::Update(u) => {
            let text = match &u.summary {
                Some(s) => Cow::Owned(format!("{s} {}", u.meta.text)),
                None => Cow::Borrowed(&*u.meta.text),
            };
            Doc {
                section: 3,
                title: u.title.clone(),
                url: link(&routes::item(Section::Update, &u.meta.slug)),
                date: Some(u.date),
                facts: u.tags.clone(),
                text,
                ..Doc::default()
            }
        }
        ItemRef::Page(p) => Doc {
            section: 4,
            title: p.title.clone(),
            url: link(&routes::item(Section::Page, &p.meta.slug)),
            text: Cow::Borrowed(&p.meta.text),
            ..Doc::default()
        },
        ItemRef::Unit(u) => {
            let id = u.id.as_deref().unwrap_or_default();
            Doc {
                section: 5,
                title: u.name.clone().unwrap_or_else(|| id.to_string()),
                url: link(&format!("units/{id}/")),
                number: u.short.clone(),
                facts: u.head.iter().chain(&u.address).cloned().collect(),
                facts_line: join(&[
                    (strings.get("search_phone"), u.phone.as_deref()),
                    (strings.get("search_email"), u.email.as_deref()),
                ]),
                text: Cow::Borrowed(u.description.as_deref().unwrap_or_default()),
                ..Doc::default()
            }
        }
        ItemRef::Dimension(d) => {
            let id = d.id.as_deref().unwrap_or_default();
            Doc {
                section: 6,
                title: d.name.clone().unwrap_or_else(|| id.to_string()),
                url: link(&format!("dimensions/{id}/")),
                number: d.code.clone(),
                text: Cow::Borrowed(d.description.as_deref().unwrap_or_default()),
                ..Doc::default()
            }
        }
        ItemRef::Category(c) => {
            let id = c.id.as_deref().unwrap_or_default();
            Doc {
                section: 7,
                title: c.name.clone().unwrap_or_else(|| id.to_string()),
                url: link(&format!("categories/{id}/")),
                facts: c.legal_basis.iter().cloned().collect(),
                text: Cow::Borrowed(c.description.as_deref().unwrap_or_default()),
                ..Doc::default()
            }
        }
    }
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
struct SectionRange<'a> {
    id: &'static str,
    name: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Meta<'a> {
    v: String,
    shards: u32,
    docs: usize,
    sections: Vec<SectionRange<'a>>,
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serializing maps with string keys and plain structs cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// The search index and script: `search/meta.json`, `search/index/*.json`, `search/doc/*.json`
/// and `search/search.js`.
pub fn index(cfg: &SiteConfig, model: &Model, reg: &Registry, t: &Strings) -> Vec<OutputFile> {
    index_cached(cfg, model, reg, t, &mut Cache::default())
}

/// The index of the previous build, kept by `watch` and `serve`: after an edit only the
/// documents that changed are weighed again and only the shards that hold their terms are
/// written again. The result is the same as `index` of the same inputs.
#[derive(Debug, Default)]
pub struct Cache {
    state: Option<State>,
    /// Keep the index for the next build (`watch`, `serve`); a one-shot build does not.
    pub keep: bool,
}

#[derive(Debug)]
struct State {
    global: u64,
    /// Per document id: what it was made from, its section, its terms (term id, score digit).
    keys: Vec<u64>,
    sections: Vec<usize>,
    doc_terms: Vec<Vec<(u32, u8)>>,
    /// The terms: text, postings sorted by document id, encoded postings.
    dict: TermMap<u32>,
    terms: Vec<String>,
    postings: Vec<Vec<(u32, u8)>>,
    encoded: Vec<String>,
    /// Sum over the terms with postings of `term + encoded + 6`: decides the number of shards.
    total: usize,
    shards: u32,
    shard_files: Vec<Arc<Vec<u8>>>,
    /// The terms of each shard (set by a full write; new terms are added as they come).
    shard_terms: Vec<Vec<u32>>,
    doc_files: Vec<Arc<Vec<u8>>>,
    shard_digests: Vec<[u8; 32]>,
    doc_digests: Vec<[u8; 32]>,
}

/// A weighed document: section, terms with score digits, its file and the file's digest.
type Weighed = (usize, Vec<(String, u8)>, (Arc<Vec<u8>>, [u8; 32]));

fn digest(path: &str, bytes: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(path.as_bytes());
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
    h.finalize().into()
}

fn doc_file(id: usize, d: &Doc<'_>) -> (Arc<Vec<u8>>, [u8; 32]) {
    let f = Fragment {
        t: &d.title,
        u: &d.url,
        d: d.date.map(crate::date::display),
        i: d.date.map(|x| x.format("%Y-%m-%d").to_string()),
        m: &d.facts_line,
        x: clip(&d.text, MAX_TEXT),
    };
    let bytes = json(&f);
    let dg = digest(&format!("search/doc/{id}.json"), &bytes);
    (Arc::new(bytes), dg)
}

fn entry_len(term: &str, encoded: &str) -> usize {
    if encoded.is_empty() {
        0
    } else {
        term.len() + encoded.len() + 6
    }
}

impl State {
    fn term_id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.dict.get(term.as_str()) {
            return id;
        }
        let id = self.terms.len() as u32;
        if let Some(list) = self.shard_terms.get_mut(shard_of(&term, self.shards) as usize) {
            list.push(id);
        }
        self.dict.insert(term.clone(), id);
        self.terms.push(term);
        self.postings.push(Vec::new());
        self.encoded.push(String::new());
        id
    }

    fn shard_count(total: usize) -> u32 {
        total.div_ceil(SHARD_TARGET).clamp(1, 4096).next_power_of_two() as u32
    }

    /// Writes the shards whose numbers are in `dirty` (all when `None`).
    fn write_shards(&mut self, dirty: Option<&std::collections::BTreeSet<u32>>) {
        let shards = self.shards;
        let wanted = |n: u32| dirty.is_none_or(|d| d.contains(&n));
        if dirty.is_none() || self.shard_terms.len() != shards as usize {
            self.shard_terms = vec![Vec::new(); shards as usize];
            for (id, t) in self.terms.iter().enumerate() {
                self.shard_terms[shard_of(t, shards) as usize].push(id as u32);
            }
        }
        let mut by_shard: BTreeMap<u32, BTreeMap<&str, &str>> = BTreeMap::new();
        for n in 0..shards {
            if wanted(n) {
                let m = by_shard.entry(n).or_default();
                for &id in &self.shard_terms[n as usize] {
                    let e = &self.encoded[id as usize];
                    if !e.is_empty() {
                        m.insert(&self.terms[id as usize], e);
                    }
                }
            }
        }
        if dirty.is_none() {
            self.shard_files = (0..shards).map(|_| Arc::new(Vec::new())).collect();
            self.shard_digests = vec![[0; 32]; shards as usize];
        }
        let made: Vec<(u32, Vec<u8>, [u8; 32])> = by_shard
            .into_par_iter()
            .map(|(n, m)| {
                let bytes = json(&m);
                let d = digest(&format!("search/index/{n}.json"), &bytes);
                (n, bytes, d)
            })
            .collect();
        for (n, bytes, d) in made {
            self.shard_digests[n as usize] = d;
            self.shard_files[n as usize] = Arc::new(bytes);
        }
    }

    /// A new index of `items`; `keep` keeps what later updates need (per-document terms,
    /// postings), which a one-shot build does without, to use less memory.
    fn build(
        cfg: &SiteConfig,
        reg: &Registry,
        strings: &Strings,
        items: &[ItemRef<'_>],
        global: u64,
        keep: bool,
    ) -> State {
        let mut st = State {
            global,
            keys: items.iter().map(|&i| key_of(i)).collect(),
            sections: Vec::with_capacity(items.len()),
            doc_terms: Vec::with_capacity(items.len()),
            dict: TermMap::default(),
            terms: Vec::new(),
            postings: Vec::new(),
            encoded: Vec::new(),
            total: 0,
            shards: 1,
            shard_files: Vec::new(),
            shard_terms: Vec::new(),
            doc_files: Vec::with_capacity(items.len()),
            shard_digests: Vec::new(),
            doc_digests: Vec::with_capacity(items.len()),
        };
        // Documents are weighed in parallel a chunk at a time, so that their terms are not
        // all held at once.
        for (c, chunk) in items.chunks(CHUNK).enumerate() {
            let weighed: Vec<Weighed> = chunk
                .par_iter()
                .enumerate()
                .map(|(k, &item)| {
                    let d = doc_of(cfg, reg, strings, item);
                    (d.section, weigh(&d), doc_file(c * CHUNK + k, &d))
                })
                .collect();
            for (k, (section, terms, (file, dg))) in weighed.into_iter().enumerate() {
                let id = (c * CHUNK + k) as u32;
                let mut mine = Vec::with_capacity(terms.len());
                for (term, digit) in terms {
                    let t = st.term_id(term);
                    st.postings[t as usize].push((id, digit));
                    mine.push((t, digit));
                }
                st.sections.push(section);
                if keep {
                    st.doc_terms.push(mine);
                }
                st.doc_files.push(file);
                st.doc_digests.push(dg);
            }
        }
        let encoded: Vec<String> = st.postings.par_iter().map(|p| encode(p)).collect();
        st.encoded = encoded;
        if !keep {
            st.postings = Vec::new();
        }
        st.total = st.terms.iter().zip(&st.encoded).map(|(t, e)| entry_len(t, e)).sum();
        st.shards = State::shard_count(st.total);
        st.write_shards(None);
        st
    }

    /// Updates the documents whose key changed, in place (same number of documents).
    fn update(&mut self, cfg: &SiteConfig, reg: &Registry, strings: &Strings, items: &[ItemRef<'_>], keys: Vec<u64>) {
        let changed: Vec<usize> = (0..keys.len()).filter(|&i| keys[i] != self.keys[i]).collect();
        if changed.is_empty() {
            return;
        }
        let made: Vec<(usize, Weighed)> = changed
            .par_iter()
            .map(|&i| {
                let d = doc_of(cfg, reg, strings, items[i]);
                (i, (d.section, weigh(&d), doc_file(i, &d)))
            })
            .collect();
        let mut touched: std::collections::BTreeSet<u32> = std::collections::BTreeSet::new();
        for (i, (section, terms, (file, dg))) in made {
            let id = i as u32;
            let mut mine: Vec<(u32, u8)> = terms
                .into_iter()
                .map(|(term, digit)| (self.term_id(term), digit))
                .collect();
            mine.sort_unstable();
            let mut before = std::mem::take(&mut self.doc_terms[i]);
            before.sort_unstable();
            // Only terms whose score for this document changed are touched: an edited
            // sentence rewrites a few shards, not all of them.
            let old: HashMap<u32, u8> = before.iter().copied().collect();
            let new: HashMap<u32, u8> = mine.iter().copied().collect();
            for &(t, digit) in &before {
                if new.get(&t) != Some(&digit) {
                    let list = &mut self.postings[t as usize];
                    if let Ok(at) = list.binary_search_by_key(&id, |&(d, _)| d) {
                        list.remove(at);
                    }
                    touched.insert(t);
                }
            }
            for &(t, digit) in &mine {
                if old.get(&t) != Some(&digit) {
                    let list = &mut self.postings[t as usize];
                    let at = list.partition_point(|&(d, _)| d < id);
                    list.insert(at, (id, digit));
                    touched.insert(t);
                }
            }
            self.sections[i] = section;
            self.doc_terms[i] = mine;
            self.doc_files[i] = file;
            self.doc_digests[i] = dg;
            self.keys[i] = keys[i];
        }
        for &t in &touched {
            let old = entry_len(&self.terms[t as usize], &self.encoded[t as usize]);
            self.encoded[t as usize] = encode(&self.postings[t as usize]);
            let new = entry_len(&self.terms[t as usize], &self.encoded[t as usize]);
            self.total = self.total - old + new;
        }
        let shards = State::shard_count(self.total);
        if shards != self.shards {
            self.shards = shards;
            self.write_shards(None);
        } else {
            let dirty: std::collections::BTreeSet<u32> = touched
                .iter()
                .map(|&t| shard_of(&self.terms[t as usize], shards))
                .collect();
            self.write_shards(Some(&dirty));
        }
    }

    fn files(&self, t: &Strings) -> Vec<OutputFile> {
        // The version changes whenever any index file does, so cached shards are never mixed
        // with a newer meta.json (the script adds `?v=` to every fetch).
        let mut hash = Sha256::new();
        for d in self.shard_digests.iter().chain(&self.doc_digests) {
            hash.update(d);
        }
        let v: String = hash.finalize()[..6].iter().map(|b| format!("{b:02x}")).collect();
        let mut sections = Vec::new();
        let mut start = 0;
        for (i, (id, key)) in SECTIONS.iter().enumerate() {
            let name = t.get(key);
            let end = start + self.sections[start..].iter().take_while(|&&s| s == i).count();
            sections.push(SectionRange { id, name, start, end });
            start = end;
        }
        let meta = Meta {
            v,
            shards: self.shards,
            docs: self.keys.len(),
            sections,
        };
        let mut out: Vec<OutputFile> = Vec::with_capacity(self.shard_files.len() + self.doc_files.len() + 2);
        out.extend(self.shard_files.iter().enumerate().map(|(n, b)| OutputFile {
            path: format!("search/index/{n}.json"),
            body: Body::Shared(Arc::clone(b)),
        }));
        out.extend(self.doc_files.iter().enumerate().map(|(id, b)| OutputFile {
            path: format!("search/doc/{id}.json"),
            body: Body::Shared(Arc::clone(b)),
        }));
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
}

/// As [`index`], updating `cache` and reusing what did not change.
pub fn index_cached(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    t: &Strings,
    cache: &mut Cache,
) -> Vec<OutputFile> {
    let items = items(model, reg);
    // The documents' facts lines are in the site's language: its strings count too.
    let global = crate::fingerprint::of(&(global_key(cfg, reg), t.fingerprint()));
    match cache.state.as_mut() {
        Some(st) if st.global == global && st.keys.len() == items.len() => {
            // The model's items by the fingerprints kept in flat arrays (what `key_of` reads
            // from each item), the data's by value.
            let fps = &model.index.fps;
            let n: usize = fps.iter().map(Vec::len).sum();
            let keys: Vec<u64> = fps
                .iter()
                .enumerate()
                .flat_map(|(k, list)| list.iter().map(move |&fp| item_key(k, fp)))
                .chain(items[n.min(items.len())..].iter().map(|&i| key_of(i)))
                .collect();
            debug_assert!(keys.iter().zip(&items).all(|(k, &i)| *k == key_of(i)));
            st.update(cfg, reg, t, &items, keys);
        }
        // A different number of documents moves the ids of all that follow: start again.
        _ => cache.state = Some(State::build(cfg, reg, t, &items, global, cache.keep)),
    }
    let files = cache.state.as_ref().map(|st| st.files(t)).unwrap_or_default();
    if !cache.keep {
        cache.state = None;
    }
    files
}

#[cfg(test)]
mod tests;
