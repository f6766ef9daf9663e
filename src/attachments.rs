//! The attachments disclosures name → their size and SHA-256 as read on disk, shown on the
//! disclosure's page and in open data so that a citizen can check a downloaded file.

pub mod table;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::model::Model;
use crate::source::Assets;
pub use table::{Table, Tables};

/// Source path → (size, SHA-256 as lower-case hex).
pub type Facts = std::collections::BTreeMap<String, (u64, String)>;

/// What was read of each attachment, with its modification time, so that a rebuild reads
/// again only the files that changed.
#[derive(Debug, Default)]
pub struct Cache(rustc_hash::FxHashMap<String, Entry>);

/// Modification time, size, SHA-256.
#[derive(Debug, Clone)]
struct Entry {
    modified: Option<std::time::SystemTime>,
    size: u64,
    sha256: String,
}

/// Size and SHA-256 of every attachment, read in parallel; files whose size and modification
/// time are unchanged since the last call with `cache` are not read again.
pub fn facts(model: &Model, assets: &Assets, cache: &mut Cache) -> Result<Facts> {
    let wanted: BTreeSet<&str> = model
        .index
        .with_attachments
        .iter()
        .flat_map(|&i| model.disclosures[i as usize].attachments.iter().map(|a| a.src.as_str()))
        .collect();
    let read: Vec<(String, Entry)> = wanted
        .into_par_iter()
        .filter_map(|rel| assets.get(rel).map(|a| (rel, a)))
        .map(|(rel, a)| {
            let known = cache
                .0
                .get(rel)
                .filter(|e| a.modified.is_some() && e.modified == a.modified && e.size == a.size);
            let entry = match known {
                Some(e) => e.clone(),
                None => Entry {
                    modified: a.modified,
                    size: a.size,
                    sha256: sha256_file(&a.abs)?,
                },
            };
            Ok((rel.to_string(), entry))
        })
        .collect::<Result<_>>()?;
    cache.0 = read.iter().cloned().collect();
    Ok(read.into_iter().map(|(rel, e)| (rel, (e.size, e.sha256))).collect())
}

/// SHA-256 of a file, as lower-case hex, read in blocks (an attachment may be large).
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file = crate::fsx::open(path)?;
    let mut hasher = Sha256::new();
    let mut block = vec![0u8; 64 * 1024];
    loop {
        let n = file
            .read(&mut block)
            .with_context(|| format!("failed to read `{}`", path.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(&block[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_a_file_in_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.bin");
        std::fs::write(&p, vec![7u8; 200_000]).unwrap();
        let want: String = <sha2::Sha256 as sha2::Digest>::digest(vec![7u8; 200_000])
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(super::sha256_file(&p).unwrap(), want);
    }
}
