//! A small fast hasher (FNV-1a) for tables keyed by short strings: ids, words,
//! names. Far cheaper than the default SipHash on keys of a few bytes, which
//! matters when every word of every briefing in a library is looked up.

use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf29ce484222325 } else { self.0 };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

pub type FnvBuild = BuildHasherDefault<Fnv>;
pub type HashMap<K, V> = std::collections::HashMap<K, V, FnvBuild>;
pub type HashSet<K> = std::collections::HashSet<K, FnvBuild>;
