//! Model + registry → a static search index under `search/` and the script that queries it.
//!
//! No server and no bundler: the browser fetches `search/meta.json`, then only the shards that
//! hold the query's terms (`search/index/<n>.json`), then one small file per shown result
//! (`search/doc/<id>.json`). Terms are words folded with deunicode, so `đ` becomes `d` and tone
//! marks go: "duong" finds "đường" (Pagefind, which keeps `đ`, would not find it). The script
//! folds the query the same way.
//!
//! Formats (read by `search.js`, which is the only reader):
//! - `meta.json`: `{v, shards, docs, sections: [{id, name, start, end}]}`; document ids are
//!   numbered section by section, so a section is the id range `start..end`.
//! - `index/<n>.json`: `{term: postings}` for the terms whose FNV-1a hash is `n` modulo `shards`.
//!   `postings` is a string of base-64 digits: per document, the id gap from the previous one
//!   as a varint (5 bits a digit, bit 6 set on all but the last digit), then one digit of score
//!   (see [`Weight::digit`]).
//! - `doc/<id>.json`: `{t: title, u: url, d: date, i: ISO date, m: facts line, x: text}`.

use std::collections::HashMap;

use crate::config::SiteConfig;
use crate::data::Registry;
use crate::date::Date;
use crate::files::OutputFile;
use crate::i18n::Strings;
use crate::model::Model;

mod docs;
mod state;

use docs::*;
use state::*;

pub use state::Cache;

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

/// The search index and script: `search/meta.json`, `search/index/*.json`, `search/doc/*.json`
/// and `search/search.js`.
pub fn index(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    t: &Strings,
    today: Date,
    sink: &dyn crate::files::Sink,
) -> anyhow::Result<Vec<OutputFile>> {
    let validities = model.validities(today);
    let items = items(model, reg, &validities);
    let global = crate::fingerprint::of(&(global_key(cfg, reg), t.fingerprint(), &validities));
    let mut st = State::build(cfg, reg, t, &items, global, false, Some(sink))?;
    st.files(t)
        .into_iter()
        .map(|f| match f.body {
            crate::files::Body::Written(_) => Ok(f),
            _ => sink.put(f),
        })
        .collect()
}

/// As [`index`], updating `cache` and reusing what did not change.
pub fn index_cached(
    cfg: &SiteConfig,
    model: &Model,
    reg: &Registry,
    t: &Strings,
    today: Date,
    cache: &mut Cache,
) -> Vec<OutputFile> {
    // Whether documents are in force changes with the day and with other documents: a change
    // of any makes every document again (rare: documents that say are few).
    let validities = model.validities(today);
    let items = items(model, reg, &validities);
    // The documents' facts lines are in the site's language: its strings count too.
    let global = crate::fingerprint::of(&(global_key(cfg, reg), t.fingerprint(), &validities));
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
        // Without a sink, building cannot fail.
        _ => cache.state = State::build(cfg, reg, t, &items, global, cache.keep, None).ok(),
    }
    let files = cache.state.as_mut().map(|st| st.files(t)).unwrap_or_default();
    if !cache.keep {
        cache.state = None;
    }
    files
}

#[cfg(test)]
mod tests;
