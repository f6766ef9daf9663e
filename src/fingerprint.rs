//! Values → a 64-bit fingerprint, to tell whether what a page or file was made from changed.

use std::hash::{Hash, Hasher};

/// A stable fingerprint of some values (within one process run: the hasher's keys are
/// fixed, but fingerprints are never written anywhere).
pub fn of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}
