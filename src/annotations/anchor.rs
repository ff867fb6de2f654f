//! Finding an annotation's claim again after the briefing was edited.
//!
//! An annotation remembers its claim id, the claim's words as they stood in the
//! section (with some context before and after: a text quote selector) and a hash
//! of the claim text. Against the current briefing it is then:
//!
//! - **anchored**: the claim is there and its text hashes the same;
//! - **stale**: the claim is there but its text changed; the note stays attached;
//! - **moved**: the claim id is gone, but the quote was found in the text (exactly,
//!   or approximately as Hypothesis re-anchors web annotations) inside another
//!   claim, which it is attached to now;
//! - **orphaned**: none of the above; it is kept and listed, never deleted.

use std::collections::HashMap;
use std::ops::Range;

use crate::annotations::model::{Anchor, Annotation};
use crate::load::LoadedBriefing;
use crate::text::{Folded, fold};

/// Characters of context kept before and after the quote.
pub const CONTEXT_CHARS: usize = 32;

/// How an annotation relates to the current briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnchorState {
    Anchored,
    Stale,
    Moved,
    Orphaned,
}

impl AnchorState {
    pub fn as_str(self) -> &'static str {
        match self {
            AnchorState::Anchored => "anchored",
            AnchorState::Stale => "stale",
            AnchorState::Moved => "moved",
            AnchorState::Orphaned => "orphaned",
        }
    }
}

impl std::fmt::Display for AnchorState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the quote of an annotation was found in the current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub section: usize,
    /// Byte range in the section text.
    pub range: Range<usize>,
    /// Characters that differ from the stored quote (0 for an exact match).
    pub edits: usize,
}

/// The result of anchoring one annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub state: AnchorState,
    /// The claim index it is attached to now (`None` when orphaned).
    pub claim: Option<usize>,
    /// Where the quote was found, for moved annotations and for orphans whose
    /// quote is still in the text but outside any claim.
    pub found: Option<Found>,
}

/// `fnv1a64:` + 16 hex digits of the typography-folded text. Stable across
/// versions and platforms; a change detector, not a security measure.
pub fn claim_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in fold(text).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("fnv1a64:{hash:016x}")
}

/// The anchor for a claim of the current briefing.
pub fn anchor_for(loaded: &LoadedBriefing, claim: usize) -> Anchor {
    let c = &loaded.briefing.claims[claim];
    let hash = claim_hash(&c.text);
    let section = loaded.index.claim_section.get(claim).copied().flatten();
    let span = loaded.index.claim_span.get(claim).cloned().flatten();
    match (section, span) {
        (Some(s), Some(span)) => {
            let text = &loaded.briefing.sections[s].text;
            let before = &text[..span.start];
            let after = &text[span.end..];
            let prefix_start = before
                .char_indices()
                .rev()
                .nth(CONTEXT_CHARS - 1)
                .map_or(0, |(i, _)| i);
            Anchor {
                section: c.section.clone(),
                exact: text[span.clone()].to_string(),
                prefix: one_line(&before[prefix_start..]),
                suffix: one_line(&after.chars().take(CONTEXT_CHARS).collect::<String>()),
                hash,
            }
        }
        _ => Anchor {
            section: c.section.clone(),
            exact: c.locator().to_string(),
            prefix: String::new(),
            suffix: String::new(),
            hash,
        },
    }
}

/// Context with runs of whitespace (paragraph breaks) made one space, so the
/// sidecar stays readable; context is compared folded anyway.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Remembers where quotes were found, so re-anchoring the same orphans and moved
/// annotations again (at every save) does not repeat the approximate search.
/// Cleared when used with a different briefing text.
#[derive(Debug, Clone, Default)]
pub struct QuoteCache {
    fingerprint: Option<u64>,
    found: HashMap<(String, String, String, String), Option<Found>>,
}

impl QuoteCache {
    /// A resolver for one briefing: the cache is kept if the briefing's text is
    /// the same as last time, cleared otherwise.
    pub fn resolver<'a>(&'a mut self, loaded: &'a LoadedBriefing) -> Resolver<'a> {
        let fingerprint = briefing_fingerprint(loaded);
        if self.fingerprint != Some(fingerprint) {
            self.found.clear();
            self.fingerprint = Some(fingerprint);
        }
        Resolver { cache: self, loaded }
    }
}

/// [`resolve`] for one briefing, with the quote search cached.
pub struct Resolver<'a> {
    cache: &'a mut QuoteCache,
    loaded: &'a LoadedBriefing,
}

impl Resolver<'_> {
    pub fn resolve(&mut self, annotation: &Annotation) -> Resolution {
        let loaded = self.loaded;
        let found = &mut self.cache.found;
        resolve_with(loaded, annotation, |anchor| {
            let key = (
                anchor.section.clone(),
                anchor.exact.clone(),
                anchor.prefix.clone(),
                anchor.suffix.clone(),
            );
            found
                .entry(key)
                .or_insert_with(|| find_quote(loaded, anchor))
                .clone()
        })
    }
}

/// A hash of everything anchoring depends on: section ids and texts, claim ids,
/// sections and locators.
fn briefing_fingerprint(loaded: &LoadedBriefing) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for byte in s.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for s in &loaded.briefing.sections {
        eat(&s.id);
        eat(&s.text);
    }
    for c in &loaded.briefing.claims {
        eat(&c.id);
        eat(&c.section);
        eat(c.locator());
    }
    hash
}

/// Anchors an annotation in the current briefing.
pub fn resolve(loaded: &LoadedBriefing, annotation: &Annotation) -> Resolution {
    resolve_with(loaded, annotation, |anchor| find_quote(loaded, anchor))
}

fn resolve_with(
    loaded: &LoadedBriefing,
    annotation: &Annotation,
    find: impl FnOnce(&Anchor) -> Option<Found>,
) -> Resolution {
    if let Some(claim) = loaded.index.claim(&annotation.claim) {
        let hash = &annotation.anchor.hash;
        let same = hash.is_empty() || *hash == claim_hash(&loaded.briefing.claims[claim].text);
        return Resolution {
            state: if same {
                AnchorState::Anchored
            } else {
                AnchorState::Stale
            },
            claim: Some(claim),
            found: None,
        };
    }
    let Some(found) = find(&annotation.anchor) else {
        return Resolution {
            state: AnchorState::Orphaned,
            claim: None,
            found: None,
        };
    };
    match claim_covering(loaded, found.section, &found.range) {
        Some(claim) => Resolution {
            state: AnchorState::Moved,
            claim: Some(claim),
            found: Some(found),
        },
        None => Resolution {
            state: AnchorState::Orphaned,
            claim: None,
            found: Some(found),
        },
    }
}

/// The claim of the section whose span overlaps `range` the most.
fn claim_covering(loaded: &LoadedBriefing, section: usize, range: &Range<usize>) -> Option<usize> {
    loaded.index.section_claims[section]
        .iter()
        .filter_map(|&c| {
            let span = loaded.index.claim_span[c].as_ref()?;
            let overlap = span
                .end
                .min(range.end)
                .saturating_sub(span.start.max(range.start));
            (overlap > 0).then_some((overlap, std::cmp::Reverse(c), c))
        })
        .max()
        .map(|(_, _, c)| c)
}

/// Finds the quote in the briefing: exactly (ignoring typography) first,
/// preferring the occurrence whose context matches best and the section it was
/// in; then approximately, allowing about one character in five to differ.
pub fn find_quote(loaded: &LoadedBriefing, anchor: &Anchor) -> Option<Found> {
    let needle = fold(&anchor.exact);
    if needle.is_empty() {
        return None;
    }
    let home = loaded.index.section(&anchor.section);
    let prefix = fold(&anchor.prefix);
    let suffix = fold(&anchor.suffix);
    let folded: Vec<Folded> = loaded
        .briefing
        .sections
        .iter()
        .map(|s| Folded::new(&s.text))
        .collect();

    // Exact matches, scored by how much context agrees.
    let mut best: Option<((usize, bool), Found)> = None;
    for (s, f) in folded.iter().enumerate() {
        for (at, _) in f.text.match_indices(needle.as_str()) {
            let before = &f.text[..at];
            let after = &f.text[at + needle.len()..];
            let context = common_suffix(before, &prefix) + common_prefix(after, &suffix);
            let score = (context, home == Some(s));
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((
                    score,
                    Found {
                        section: s,
                        range: f.original_range(at..at + needle.len()),
                        edits: 0,
                    },
                ));
            }
        }
    }
    if let Some((_, found)) = best {
        return Some(found);
    }

    // Approximate matches.
    let needle_chars: Vec<char> = needle.chars().collect();
    if needle_chars.len() < 8 {
        return None;
    }
    let allowed = needle_chars.len() / 5;
    let mut best: Option<((usize, bool), Found)> = None;
    for (s, f) in folded.iter().enumerate() {
        if let Some((edits, range)) = approximate_find(&f.text, &needle_chars, allowed) {
            let score = (usize::MAX - edits, home == Some(s));
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((
                    score,
                    Found {
                        section: s,
                        range: f.original_range(range),
                        edits,
                    },
                ));
            }
        }
    }
    best.map(|(_, f)| f)
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The substring of `haystack` closest to `needle` in edit distance (Sellers'
/// algorithm), if within `allowed` edits: `(edits, byte range in haystack)`.
/// The first best match wins.
pub fn approximate_find(haystack: &str, needle: &[char], allowed: usize) -> Option<(usize, Range<usize>)> {
    let m = needle.len();
    if m == 0 {
        return None;
    }
    let hay: Vec<(usize, char)> = haystack.char_indices().collect();
    // Column j of the table: cost[i] = edits to match needle[..i] ending here,
    // start[i] = where in the haystack (char index) that match starts.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize)> = None; // (edits, start, end) in chars
    for (j, &(_, c)) in hay.iter().enumerate() {
        let mut diag_cost = cost[0];
        let mut diag_start = start[0];
        cost[0] = 0;
        start[0] = j + 1;
        for i in 1..=m {
            let (up_cost, up_start) = (cost[i], start[i]);
            let substitute = diag_cost + usize::from(needle[i - 1] != c);
            let (mut new_cost, mut new_start) = (substitute, diag_start);
            if up_cost + 1 < new_cost {
                (new_cost, new_start) = (up_cost + 1, up_start);
            }
            if cost[i - 1] + 1 < new_cost {
                (new_cost, new_start) = (cost[i - 1] + 1, start[i - 1]);
            }
            diag_cost = up_cost;
            diag_start = up_start;
            cost[i] = new_cost;
            start[i] = new_start;
        }
        if cost[m] <= allowed && best.is_none_or(|(e, _, _)| cost[m] < e) {
            best = Some((cost[m], start[m], j + 1));
        }
    }
    let (edits, s, e) = best?;
    let byte = |ci: usize| hay.get(ci).map_or(haystack.len(), |&(b, _)| b);
    Some((edits, byte(s)..byte(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_typography_but_not_words() {
        assert_eq!(
            claim_hash("“It is so,” he said"),
            claim_hash("\"It is  so,\" he said")
        );
        assert_ne!(claim_hash("It is so"), claim_hash("It is not so"));
        assert!(claim_hash("x").starts_with("fnv1a64:"));
    }

    #[test]
    fn approximate_find_tolerates_small_edits() {
        let needle: Vec<char> = "nothing much beyond diplomacy".chars().collect();
        let hay = "Analysts say it can offer nothing mutch beyond diplomcy, really.";
        let (edits, range) = approximate_find(hay, &needle, 5).unwrap();
        assert_eq!(edits, 2);
        assert_eq!(&hay[range], "nothing mutch beyond diplomcy");
        assert!(approximate_find("completely different words here", &needle, 5).is_none());
    }

    #[test]
    fn approximate_find_maps_multibyte_text() {
        let needle: Vec<char> = "café au lait".chars().collect();
        let hay = "un grand café au lai, merci";
        let (edits, range) = approximate_find(hay, &needle, 2).unwrap();
        assert_eq!(edits, 1);
        assert_eq!(&hay[range], "café au lai");
    }
}
