//! Weighed documents → the index's files: the shards of postings, one file per document,
//! and `meta.json`; kept between rebuilds (`Cache`) so that an edit re-weighs only what
//! changed and rewrites only the shards its terms are in.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::docs::*;
use super::*;
use crate::config::SiteConfig;
use crate::data::Registry;
use crate::files::{Body, OutputFile};
use crate::i18n::Strings;

/// The terms of one document, each with its score digit, in no particular order.
pub(super) fn weigh(doc: &Doc) -> Vec<(String, u8)> {
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

pub(super) fn push_varint(out: &mut String, mut v: u32) {
    while v >= 32 {
        out.push(DIGITS[((v & 31) | 32) as usize] as char);
        v >>= 5;
    }
    out.push(DIGITS[v as usize] as char);
}

/// Encodes postings `(doc id, score digit)` sorted by id, as described in the module header.
/// At most this many documents are listed for one term: those where it weighs most (in the
/// title, in the facts, then most often in the text), the first by id among equals. A word in
/// most of 100,000 documents ("thực", "2025") would otherwise cost a reader who types it
/// 200 KB of index; the documents left out hold it only in their text, where it says little.
pub(super) const MAX_POSTINGS: usize = 5_000;

pub(super) fn encode(postings: &[(u32, u8)]) -> String {
    let best: Vec<(u32, u8)>;
    let postings = if postings.len() > MAX_POSTINGS {
        let mut all = postings.to_vec();
        all.select_nth_unstable_by(MAX_POSTINGS - 1, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        all.truncate(MAX_POSTINGS);
        all.sort_unstable();
        best = all;
        &best[..]
    } else {
        postings
    };
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
pub(super) fn clip(s: &str, max: usize) -> &str {
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
pub(super) struct Fragment<'a> {
    pub(super) t: &'a str,
    pub(super) u: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) d: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) i: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub(super) m: &'a str,
    pub(super) x: &'a str,
}

#[derive(Serialize)]
pub(super) struct SectionRange<'a> {
    pub(super) id: &'static str,
    pub(super) name: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
}

#[derive(Serialize)]
pub(super) struct Meta<'a> {
    pub(super) v: String,
    pub(super) shards: u32,
    pub(super) docs: usize,
    pub(super) sections: Vec<SectionRange<'a>>,
}

pub(super) fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serializing maps with string keys and plain structs cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// The index of the previous build, kept by `watch` and `serve`: after an edit only the
/// documents that changed are weighed again and only the shards that hold their terms are
/// written again. The result is the same as `index` of the same inputs.
#[derive(Debug, Default)]
pub struct Cache {
    pub(super) state: Option<State>,
    /// Keep the index for the next build (`watch`, `serve`); a one-shot build does not.
    pub keep: bool,
}

#[derive(Debug)]
pub(super) struct State {
    /// The document files a one-shot build handed to its sink already.
    pub(super) written: Vec<OutputFile>,
    pub(super) global: u64,
    /// Per document id: what it was made from, its section, its terms (term id, score digit).
    pub(super) keys: Vec<u64>,
    pub(super) sections: Vec<usize>,
    pub(super) doc_terms: Vec<Vec<(u32, u8)>>,
    /// The terms: text, postings sorted by document id, encoded postings.
    pub(super) dict: TermMap<u32>,
    pub(super) terms: Vec<String>,
    pub(super) postings: Vec<Vec<(u32, u8)>>,
    pub(super) encoded: Vec<String>,
    /// Sum over the terms with postings of `term + encoded + 6`: decides the number of shards.
    pub(super) total: usize,
    pub(super) shards: u32,
    pub(super) shard_files: Vec<Arc<Vec<u8>>>,
    /// The terms of each shard (set by a full write; new terms are added as they come).
    pub(super) shard_terms: Vec<Vec<u32>>,
    pub(super) doc_files: Vec<Arc<Vec<u8>>>,
    pub(super) shard_digests: Vec<[u8; 32]>,
    pub(super) doc_digests: Vec<[u8; 32]>,
}

/// A weighed document: section, terms with score digits, its file and the file's digest.
pub(super) type Weighed = (usize, Vec<(String, u8)>, (Arc<Vec<u8>>, [u8; 32]));

pub(super) fn digest(path: &str, bytes: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(path.as_bytes());
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
    h.finalize().into()
}

pub(super) fn doc_file(id: usize, d: &Doc<'_>) -> (Arc<Vec<u8>>, [u8; 32]) {
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

pub(super) fn entry_len(term: &str, encoded: &str) -> usize {
    if encoded.is_empty() {
        0
    } else {
        term.len() + encoded.len() + 6
    }
}

impl State {
    pub(super) fn term_id(&mut self, term: String) -> u32 {
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

    pub(super) fn shard_count(total: usize) -> u32 {
        total.div_ceil(SHARD_TARGET).clamp(1, 4096).next_power_of_two() as u32
    }

    /// Writes the shards whose numbers are in `dirty` (all when `None`).
    pub(super) fn write_shards(&mut self, dirty: Option<&std::collections::BTreeSet<u32>>) {
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
    pub(super) fn build(
        cfg: &SiteConfig,
        reg: &Registry,
        strings: &Strings,
        items: &[ItemRef<'_>],
        global: u64,
        keep: bool,
        sink: Option<&dyn crate::files::Sink>,
    ) -> anyhow::Result<State> {
        let mut st = State {
            written: Vec::new(),
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
                // A one-shot build hands each document to the sink at once rather than
                // holding them all (214 MB at 100,000 items).
                match sink.filter(|_| !keep) {
                    Some(sink) => st.written.push(sink.put(OutputFile {
                        path: format!("search/doc/{id}.json"),
                        body: Body::Shared(file),
                    })?),
                    None => st.doc_files.push(file),
                }
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
        Ok(st)
    }

    /// Updates the documents whose key changed, in place (same number of documents).
    pub(super) fn update(
        &mut self,
        cfg: &SiteConfig,
        reg: &Registry,
        strings: &Strings,
        items: &[ItemRef<'_>],
        keys: Vec<u64>,
    ) {
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

    pub(super) fn files(&mut self, t: &Strings) -> Vec<OutputFile> {
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
        out.append(&mut self.written);
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
