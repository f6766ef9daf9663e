use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::files::Body;

#[test]
fn folds_query_and_text_the_same_way() {
    for (input, want) in [
        ("Đường Nguyễn Huệ", vec!["duong", "nguyen", "hue"]),
        ("duong", vec!["duong"]),
        ("CÔNG KHAI", vec!["cong", "khai"]),
        ("Đắk Lắk", vec!["dak", "lak"]),
        ("326/KH-VPUBND", vec!["326", "kh", "vpubnd"]),
        (
            "Phòng Hành chính – Quản trị",
            vec!["phong", "hanh", "chinh", "quan", "tri"],
        ),
        (
            "1.1 Công khai, minh bạch",
            vec!["1", "1", "cong", "khai", "minh", "bach"],
        ),
        // Decomposed (NFD) input folds to the same terms.
        ("Ke\u{302}\u{301}t qua\u{309}", vec!["ket", "qua"]),
        // Eth, sometimes typed for Đ.
        ("\u{d0}ông", vec!["dong"]),
        ("  --  ", vec![]),
    ] {
        assert_eq!(terms(input), want, "{input:?}");
    }
}

#[test]
fn shard_hash_is_fnv1a() {
    // Reference values of 32-bit FNV-1a; search.js must agree.
    assert_eq!(shard_of("", u32::MAX), 0x811c_9dc5);
    assert_eq!(shard_of("a", u32::MAX), 0xe40c_292c);
    assert_eq!(shard_of("foobar", u32::MAX), 0xbf9c_f968);
    assert_eq!(shard_of("foobar", 1), 0);
    assert_eq!(shard_of("foobar", 0), 0);
}

#[test]
fn weight_digit_packs_fields_and_body_count() {
    let w = |title, facts, body| Weight { title, facts, body }.digit();
    for (got, want) in [
        (w(false, false, 0), 0),
        (w(false, false, 1), 1),
        (w(false, false, 2), 2),
        (w(false, false, 3), 3),
        (w(false, false, 4), 3),
        (w(false, false, 5), 4),
        (w(false, false, 8), 4),
        (w(false, false, 9), 5),
        (w(false, false, 32), 6),
        (w(false, false, 33), 7),
        (w(false, false, 100_000), 7),
        (w(true, false, 0), 16),
        (w(false, true, 0), 8),
        (w(true, true, 1), 25),
    ] {
        assert_eq!(got, want);
    }
}

/// What search.js does with a postings string.
fn decode(s: &str) -> Vec<(u32, u8)> {
    let digit = |c: u8| DIGITS.iter().position(|&d| d == c).expect("digit") as u32;
    let b = s.as_bytes();
    let (mut i, mut id, mut out) = (0, 0, Vec::new());
    while i < b.len() {
        let (mut v, mut shift) = (0u32, 0);
        loop {
            let d = digit(b[i]);
            i += 1;
            v += (d & 31) << shift;
            shift += 5;
            if d & 32 == 0 {
                break;
            }
        }
        id += v;
        out.push((id, digit(b[i]) as u8));
        i += 1;
    }
    out
}

#[test]
fn postings_round_trip() {
    let w = |body| Weight {
        title: false,
        facts: false,
        body,
    };
    let postings = [
        (0, w(1).digit()),
        (1, w(2).digit()),
        (31, w(40).digit()),
        (32, w(1).digit()),
        (1_000_000, 31),
    ];
    let s = encode(&postings);
    assert!(
        s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "{s}"
    );
    assert_eq!(decode(&s), postings);
}

#[test]
fn clips_at_a_word_boundary() {
    assert_eq!(clip("công khai", 100), "công khai");
    assert_eq!(clip("công khai minh bạch", 12), "công khai");
    assert_eq!(clip("công khai", 8), "công");
    // Never inside a character.
    assert_eq!(clip("đường", 2), "đ");
}

/// A small site, loaded to the stage the index is made from.
fn site(files: &[(&str, &str)]) -> (SiteConfig, Model, Registry) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for (rel, text) in files {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    load(root)
}

fn load(root: &Path) -> (SiteConfig, Model, Registry) {
    let (cfg, d) = crate::config::load(root, &crate::config::Overrides::default()).unwrap();
    assert!(!d.has_errors(), "{d:?}");
    let cfg = cfg.unwrap();
    let (src, d) = crate::source::load(root).unwrap();
    assert!(!d.has_errors(), "{d:?}");
    let (reg, d) = crate::data::load(root).unwrap();
    assert!(!d.has_errors(), "{d:?}");
    let settings = crate::model::Settings {
        today: crate::date::parse("2026-01-01").unwrap(),
        drafts: false,
    };
    let (model, d) = crate::model::assemble(&cfg, &src, settings);
    assert!(!d.has_errors(), "{d:?}");
    (cfg, model, reg)
}

const SITE: &[(&str, &str)] = &[
    ("site.yaml", "title: T\nbase_url: https://a.vn/x/\n"),
    (
        "data/units.yaml",
        "- id: vp\n  name: \"Văn phòng UBND tỉnh Đắk Lắk\"\n  short: VPUBND\n",
    ),
    ("data/dimensions.yaml", "- id: ck\n  name: \"Công khai, minh bạch\"\n"),
    ("data/categories.yaml", "- id: ns\n  name: \"Ngân sách nhà nước\"\n"),
    (
        "content/plans/kh.md",
        "---\ntitle: \"Kế hoạch cải cách\"\nnumber: \"326/KH-VPUBND\"\nissued: 2025-04-08\n---\n\nNội dung kế hoạch.\n",
    ),
    (
        "content/tasks/t.md",
        "---\ntitle: \"Sửa đường liên xã\"\nplan: kh\ndimension: ck\nlead: vp\nschedule: ongoing\n---\n\nLàm đường, đường, đường.\n",
    ),
    (
        "content/disclosures/d.md",
        "---\ntitle: \"Dự toán\"\ncategory: ns\npublished: 2025-06-10\nnumber: \"10/QĐ-VP\"\n---\n\nCông khai dự toán ngân sách năm 2025 của tỉnh Đắk Lắk.\n",
    ),
];

/// The files of a one-shot index of the site, by path, as text (in Vietnamese, on 2026-01-01).
fn index_files(cfg: &SiteConfig, model: &Model, reg: &Registry) -> BTreeMap<String, String> {
    let today = crate::date::parse("2026-01-01").unwrap();
    files_of(&index(cfg, model, reg, &crate::i18n::builtin("vi"), today, &crate::files::Keep).unwrap())
}

fn files_of(out: &[OutputFile]) -> BTreeMap<String, String> {
    out.iter()
        .map(|f| {
            let text = match (&f.body, f.body.bytes()) {
                (_, Some(b)) => String::from_utf8(b.to_vec()).unwrap(),
                (Body::Copy(p), None) => panic!("unexpected copy of {}", p.display()),
                (_, None) => unreachable!(),
            };
            (f.path.clone(), text)
        })
        .collect()
}

/// Looks `query` up as search.js does when all words must match: the ids whose postings hold
/// every word, each with its digits.
fn lookup(files: &BTreeMap<String, String>, query: &str) -> Vec<(u32, Vec<u8>)> {
    let meta: serde_json::Value = serde_json::from_str(&files["search/meta.json"]).unwrap();
    let shards = meta["shards"].as_u64().unwrap() as u32;
    let mut hits: Option<BTreeMap<u32, Vec<u8>>> = None;
    for term in terms(query) {
        let shard: BTreeMap<String, String> =
            serde_json::from_str(&files[&format!("search/index/{}.json", shard_of(&term, shards))]).unwrap();
        let list: BTreeMap<u32, u8> = shard
            .get(&term)
            .map(|s| decode(s))
            .unwrap_or_default()
            .into_iter()
            .collect();
        hits = Some(match hits {
            None => list.into_iter().map(|(id, d)| (id, vec![d])).collect(),
            Some(prev) => prev
                .into_iter()
                .filter_map(|(id, mut ds)| {
                    list.get(&id).map(|d| {
                        ds.push(*d);
                        (id, ds)
                    })
                })
                .collect(),
        });
    }
    hits.unwrap_or_default().into_iter().collect()
}

fn title_of(files: &BTreeMap<String, String>, id: u32) -> String {
    let f: serde_json::Value = serde_json::from_str(&files[&format!("search/doc/{id}.json")]).unwrap();
    f["t"].as_str().unwrap().to_string()
}

#[test]
fn index_finds_by_title_body_number_unit_and_category_without_diacritics() {
    let (cfg, model, reg) = site(SITE);
    let files = index_files(&cfg, &model, &reg);
    let found = |q: &str| -> Vec<String> { lookup(&files, q).iter().map(|(id, _)| title_of(&files, *id)).collect() };
    // Title, with đ folded.
    assert!(found("duong").contains(&"Sửa đường liên xã".to_string()));
    assert!(found("ĐƯỜNG").contains(&"Sửa đường liên xã".to_string()));
    // Body.
    assert_eq!(found("du toan ngan sach"), ["Dự toán"]);
    // Document number, as typed.
    assert_eq!(found("326/KH-VPUBND"), ["Kế hoạch cải cách"]);
    assert_eq!(found("10/qd-vp"), ["Dự toán"]);
    // Lead unit of a task, and the unit's own page.
    let dak_lak = found("Dak Lak");
    for want in ["Sửa đường liên xã", "Dự toán", "Văn phòng UBND tỉnh Đắk Lắk"] {
        assert!(dak_lak.contains(&want.to_string()), "{want} not in {dak_lak:?}");
    }
    // Category of a disclosure.
    assert!(found("ngan sach nha nuoc").contains(&"Dự toán".to_string()));
    assert!(found("cong khai").contains(&"Công khai, minh bạch".to_string()));
    assert!(found("khong co tu nay").is_empty());
}

#[test]
fn title_and_body_counts_are_in_the_digit() {
    let (cfg, model, reg) = site(SITE);
    let files = index_files(&cfg, &model, &reg);
    let hits = lookup(&files, "duong");
    let task = hits
        .iter()
        .find(|(id, _)| title_of(&files, *id) == "Sửa đường liên xã")
        .unwrap();
    // In the title (16), three times in the body (3).
    assert_eq!(task.1, [16 + 3]);
}

#[test]
fn fragments_keep_diacritics_and_links_under_the_base_path() {
    let (cfg, model, reg) = site(SITE);
    let files = index_files(&cfg, &model, &reg);
    let meta: serde_json::Value = serde_json::from_str(&files["search/meta.json"]).unwrap();
    let sections: Vec<(&str, u64, u64)> = meta["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap(),
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("plans", 0, 1),
            ("tasks", 1, 2),
            ("disclosures", 2, 3),
            ("updates", 3, 3),
            ("pages", 3, 3),
            ("units", 3, 4),
            ("dimensions", 4, 5),
            ("categories", 5, 6),
        ]
    );
    assert_eq!(meta["docs"], 6);
    let d: serde_json::Value = serde_json::from_str(&files["search/doc/2.json"]).unwrap();
    assert_eq!(d["t"], "Dự toán");
    assert_eq!(d["u"], "/x/disclosures/d/");
    assert_eq!(d["d"], "10/06/2025");
    assert_eq!(d["i"], "2025-06-10");
    assert_eq!(d["m"], "Số: 10/QĐ-VP · Danh mục: Ngân sách nhà nước");
    assert_eq!(d["x"], "Công khai dự toán ngân sách năm 2025 của tỉnh Đắk Lắk.");
    assert!(files["search/search.js"].contains("meta.json"));
}

#[test]
fn index_is_deterministic_and_versioned() {
    let (cfg, model, reg) = site(SITE);
    let a = index_files(&cfg, &model, &reg);
    let b = index_files(&cfg, &model, &reg);
    assert_eq!(a, b);
    let mut changed = SITE.to_vec();
    changed[6].1 = "---\ntitle: \"Dự toán\"\ncategory: ns\npublished: 2025-06-10\n---\n\nKhác.\n";
    let (cfg, model, reg) = site(&changed);
    let c = index_files(&cfg, &model, &reg);
    let v = |f: &BTreeMap<String, String>| {
        serde_json::from_str::<serde_json::Value>(&f["search/meta.json"]).unwrap()["v"].clone()
    };
    assert_ne!(v(&a), v(&c));
}

#[test]
fn empty_site_has_one_empty_shard() {
    let (cfg, model, reg) = site(&[
        ("site.yaml", "title: T\nbase_url: https://a.vn/\n"),
        ("content/pages/.keep", ""),
    ]);
    let files = index_files(&cfg, &model, &reg);
    assert_eq!(files["search/index/0.json"], "{}");
    assert!(!files.contains_key("search/index/1.json"));
    assert!(files["search/meta.json"].contains("\"shards\":1,\"docs\":0"));
}

#[test]
fn a_term_lists_at_most_its_best_documents() {
    use super::state::{MAX_POSTINGS, encode};
    // Every document has the term once in its text (digit 1); every 1,000th in its title.
    let all: Vec<(u32, u8)> = (0..12_000u32)
        .map(|id| (id, if id % 1000 == 7 { 17 } else { 1 }))
        .collect();
    let kept = encode(&all);
    let short: Vec<(u32, u8)> = all[..MAX_POSTINGS].to_vec();
    // As long as the first MAX_POSTINGS documents, with the title hits past them swapped in.
    let mut want: Vec<(u32, u8)> = all.iter().copied().filter(|p| p.1 == 17).collect();
    want.extend(all.iter().copied().filter(|p| p.1 == 1).take(MAX_POSTINGS - want.len()));
    want.sort_unstable();
    assert_eq!(kept, encode(&want));
    assert_ne!(kept, encode(&short), "title hits beyond the cut are kept");
}
