//! The derived index: where each claim sits in its section, where each actor is
//! mentioned, and the links between them. Built once per briefing; the reader's
//! links all read from it.

use std::ops::Range;

use crate::hash::HashMap;
use crate::model::{Briefing, Relation};
use crate::text::{Folded, fold, is_word_char, on_word_boundaries};

/// An actor named in a section, as a byte range of the section text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub actor: usize,
    pub section: usize,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Claim index to section index (`None` if the section id dangles).
    pub claim_section: Vec<Option<usize>>,
    /// Claim index to its byte range in the section text, if found.
    pub claim_span: Vec<Option<Range<usize>>>,
    pub claim_speaker: Vec<Option<usize>>,
    pub claim_about: Vec<Vec<usize>>,
    /// Relations from each claim, resolved to claim indices, in both directions
    /// (a claim contradicted by another shows the link too).
    pub claim_related: Vec<Vec<(usize, Relation)>>,
    /// Mentions of each actor, in reading order.
    pub actor_mentions: Vec<Vec<Mention>>,
    /// All mentions in each section, in text order and not overlapping.
    pub section_mentions: Vec<Vec<Mention>>,
    /// Claims of each section in text order.
    pub section_claims: Vec<Vec<usize>>,
    actor_ids: HashMap<String, usize>,
    section_ids: HashMap<String, usize>,
    claim_ids: HashMap<String, usize>,
}

impl Index {
    pub fn build(briefing: &Briefing) -> Index {
        let actor_ids = id_map(briefing.actors.iter().map(|a| a.id.as_str()));
        let section_ids = id_map(briefing.sections.iter().map(|s| s.id.as_str()));
        let claim_ids = id_map(briefing.claims.iter().map(|c| c.id.as_str()));

        let folded: Vec<Folded> = briefing.sections.iter().map(|s| Folded::new(&s.text)).collect();

        let claim_section: Vec<Option<usize>> = briefing
            .claims
            .iter()
            .map(|c| section_ids.get(&c.section).copied())
            .collect();
        let claim_span = briefing
            .claims
            .iter()
            .zip(&claim_section)
            .map(|(claim, section)| folded[(*section)?].find(claim.locator()))
            .collect::<Vec<_>>();
        let claim_speaker = briefing
            .claims
            .iter()
            .map(|c| c.speaker.as_ref().and_then(|s| actor_ids.get(s).copied()))
            .collect();
        let claim_about = briefing
            .claims
            .iter()
            .map(|c| c.about.iter().filter_map(|a| actor_ids.get(a).copied()).collect())
            .collect();
        let claim_related = related_both_ways(briefing, &claim_ids);
        let section_claims = claims_by_section(briefing.sections.len(), &claim_section, &claim_span);
        let section_mentions = find_mentions(briefing, &folded);
        let mut actor_mentions = vec![Vec::new(); briefing.actors.len()];
        for mention in section_mentions.iter().flatten() {
            actor_mentions[mention.actor].push(mention.clone());
        }

        Index {
            claim_section,
            claim_span,
            claim_speaker,
            claim_about,
            claim_related,
            actor_mentions,
            section_mentions,
            section_claims,
            actor_ids,
            section_ids,
            claim_ids,
        }
    }

    pub fn actor(&self, id: &str) -> Option<usize> {
        self.actor_ids.get(id).copied()
    }
    pub fn section(&self, id: &str) -> Option<usize> {
        self.section_ids.get(id).copied()
    }
    pub fn claim(&self, id: &str) -> Option<usize> {
        self.claim_ids.get(id).copied()
    }

    /// Claims the actor made or that are about it, in reading order.
    pub fn claims_involving(&self, actor: usize) -> Vec<usize> {
        let mut claims: Vec<usize> = (0..self.claim_speaker.len())
            .filter(|&c| self.claim_speaker[c] == Some(actor) || self.claim_about[c].contains(&actor))
            .collect();
        claims.sort_by_key(|&c| self.reading_position(c));
        claims
    }

    /// Claims in reading order: by section, then by place in the text.
    pub fn claims_in_reading_order(&self) -> Vec<usize> {
        let mut claims: Vec<usize> = (0..self.claim_span.len()).collect();
        claims.sort_by_key(|&c| self.reading_position(c));
        claims
    }

    fn reading_position(&self, claim: usize) -> (usize, usize) {
        (
            self.claim_section[claim].unwrap_or(usize::MAX),
            self.claim_span[claim].as_ref().map_or(usize::MAX, |r| r.start),
        )
    }

    /// Whether the actor is named in the section, speaks there or is the subject of a claim there.
    pub fn actor_in_section(&self, actor: usize, section: usize) -> bool {
        self.actor_mentions[actor].iter().any(|m| m.section == section)
            || self.section_claims[section]
                .iter()
                .any(|&c| self.claim_speaker[c] == Some(actor) || self.claim_about[c].contains(&actor))
    }
}

/// Id to position; a repeated id keeps its first position.
fn id_map<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut map = HashMap::with_capacity_and_hasher(ids.len(), Default::default());
    for (i, id) in ids.enumerate() {
        map.entry(id.to_string()).or_insert(i);
    }
    map
}

/// Each claim's relations resolved to claim indices, recorded at both ends
/// once each; relations to itself or to unknown claims are left out.
fn related_both_ways(briefing: &Briefing, claim_ids: &HashMap<String, usize>) -> Vec<Vec<(usize, Relation)>> {
    let mut related: Vec<Vec<(usize, Relation)>> = vec![Vec::new(); briefing.claims.len()];
    for (from, claim) in briefing.claims.iter().enumerate() {
        for rel in &claim.related {
            if let Some(&to) = claim_ids.get(&rel.claim)
                && to != from
            {
                for (a, b) in [(from, to), (to, from)] {
                    if !related[a].contains(&(b, rel.relation)) {
                        related[a].push((b, rel.relation));
                    }
                }
            }
        }
    }
    related
}

/// The claims of each section in text order (claims not found in the text last).
fn claims_by_section(
    sections: usize,
    claim_section: &[Option<usize>],
    claim_span: &[Option<Range<usize>>],
) -> Vec<Vec<usize>> {
    let mut section_claims = vec![Vec::new(); sections];
    for (claim, section) in claim_section.iter().enumerate() {
        if let Some(s) = section {
            section_claims[*s].push(claim);
        }
    }
    for claims in &mut section_claims {
        claims.sort_by_key(|&c| claim_span[c].as_ref().map_or(usize::MAX, |r| r.start));
    }
    section_claims
}

/// Finds every actor's name and aliases in every section, on word boundaries,
/// ignoring typography; where forms overlap ("Washington" inside "The Washington
/// Post") the longest wins.
///
/// Mentions start at a word, so each word of the text is looked up among the
/// forms' first words: cheaper than building an automaton for every briefing.
fn find_mentions(briefing: &Briefing, folded: &[Folded]) -> Vec<Vec<Mention>> {
    let forms = surface_forms(briefing);
    let lookup = FormLookup::new(&forms);
    folded
        .iter()
        .enumerate()
        .map(|(section, f)| {
            lookup
                .hits(&f.text)
                .into_iter()
                .map(|(range, actor)| Mention {
                    actor,
                    section,
                    range: f.original_range(range),
                })
                .collect()
        })
        .collect()
}

/// Every actor's name and aliases, folded, as (form, actor), longest first so
/// the first form that fits at a word is the longest one.
fn surface_forms(briefing: &Briefing) -> Vec<(String, usize)> {
    let mut forms: Vec<(String, usize)> = Vec::new();
    for (actor, a) in briefing.actors.iter().enumerate() {
        forms.extend(
            a.surface_forms()
                .map(fold)
                .filter(|f| !f.is_empty())
                .map(|f| (f, actor)),
        );
    }
    forms.sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
    forms
}

/// The forms by their first word, and those that start with no word at all.
struct FormLookup<'a> {
    forms: &'a [(String, usize)],
    by_first_word: HashMap<&'a str, Vec<usize>>,
    /// Forms that do not start with a word character: searched for in full.
    unusual: Vec<usize>,
}

impl<'a> FormLookup<'a> {
    fn new(forms: &'a [(String, usize)]) -> Self {
        let mut by_first_word: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut unusual = Vec::new();
        for (i, (form, _)) in forms.iter().enumerate() {
            match word_runs(form).next() {
                Some(first) if first.start == 0 => by_first_word.entry(&form[first]).or_default().push(i),
                _ => unusual.push(i),
            }
        }
        FormLookup {
            forms,
            by_first_word,
            unusual,
        }
    }

    /// The mentions in one folded text as (range, actor), in text order and
    /// not overlapping.
    fn hits(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut hits: Vec<(Range<usize>, usize)> = Vec::new();
        let mut covered_to = 0;
        for word in word_runs(text) {
            if word.start < covered_to {
                continue;
            }
            let Some(candidates) = self.by_first_word.get(&text[word.clone()]) else {
                continue;
            };
            let fits = candidates.iter().map(|&i| &self.forms[i]).find(|(form, _)| {
                let end = word.start + form.len();
                text[word.start..].starts_with(form.as_str()) && on_word_boundaries(text, &(word.start..end))
            });
            if let Some((form, actor)) = fits {
                covered_to = word.start + form.len();
                hits.push((word.start..covered_to, *actor));
            }
        }
        if !self.unusual.is_empty() {
            self.add_unusual(text, &mut hits);
        }
        hits
    }

    /// Adds the matches of the unusual forms, then keeps the longest of any
    /// that overlap.
    fn add_unusual(&self, text: &str, hits: &mut Vec<(Range<usize>, usize)>) {
        for &i in &self.unusual {
            let (form, actor) = &self.forms[i];
            hits.extend(
                text.match_indices(form.as_str())
                    .map(|(at, _)| at..at + form.len())
                    .filter(|r| on_word_boundaries(text, r))
                    .map(|r| (r, *actor)),
            );
        }
        hits.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        let mut covered_to = 0;
        hits.retain(|(r, _)| {
            let keep = r.start >= covered_to;
            if keep {
                covered_to = r.end;
            }
            keep
        });
    }
}

/// Byte ranges of the maximal runs of word characters in `text`.
fn word_runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    // The character at a byte offset and its length; ASCII without decoding.
    let char_at = move |at: usize| -> (bool, usize) {
        match text.as_bytes()[at] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric() || b == b'_', 1),
            _ => text[at..]
                .chars()
                .next()
                .map_or((false, 1), |c| (is_word_char(c), c.len_utf8())),
        }
    };
    std::iter::from_fn(move || {
        while at < text.len() {
            let (word, len) = char_at(at);
            if word {
                break;
            }
            at += len;
        }
        if at >= text.len() {
            return None;
        }
        let start = at;
        while at < text.len() {
            let (word, len) = char_at(at);
            if !word {
                break;
            }
            at += len;
        }
        Some(start..at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn actor(id: &str, name: &str, aliases: &[&str]) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::Other,
            role: None,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn briefing() -> Briefing {
        Briefing {
            id: "t".into(),
            actors: vec![
                actor("russia", "Russia", &["Moscow", "Russian"]),
                actor("wapo", "The Washington Post", &["Post"]),
                actor("us", "United States", &["Washington", "US"]),
                actor("fm", "Russian Foreign Ministry", &[]),
            ],
            sections: vec![
                Section {
                    id: "lead".into(),
                    heading: None,
                    text: "Russia’s army. The Washington Post said “it is so,” Moscow said.".into(),
                },
                Section {
                    id: "two".into(),
                    heading: Some("Two".into()),
                    text: "The Russian Foreign Ministry and Washington; Russians; USA.".into(),
                },
            ],
            claims: vec![
                Claim {
                    id: "c1".into(),
                    section: "lead".into(),
                    speaker: Some("wapo".into()),
                    about: vec!["russia".into()],
                    kind: ClaimKind::Quote,
                    text: "\"it is so,\"".into(),
                    anchor: None,
                    date: None,
                    via: None,
                    doubt: None,
                    related: vec![Related {
                        claim: "c2".into(),
                        relation: Relation::Contradicts,
                    }],
                },
                Claim {
                    id: "c2".into(),
                    section: "two".into(),
                    speaker: None,
                    about: vec!["us".into()],
                    kind: ClaimKind::Report,
                    text: "Something".into(),
                    anchor: Some("Foreign Ministry and".into()),
                    date: None,
                    via: None,
                    doubt: None,
                    related: vec![],
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn mentions_respect_word_boundaries_and_prefer_longest() {
        let b = briefing();
        let index = Index::build(&b);
        let names = |section: usize| -> Vec<(&str, &str)> {
            index.section_mentions[section]
                .iter()
                .map(|m| {
                    (
                        b.actors[m.actor].id.as_str(),
                        &b.sections[section].text[m.range.clone()],
                    )
                })
                .collect()
        };
        assert_eq!(
            names(0),
            vec![
                ("russia", "Russia"),
                ("wapo", "The Washington Post"),
                ("russia", "Moscow")
            ]
        );
        // "Russians" and "USA" are other words; the ministry swallows its "Russian".
        assert_eq!(
            names(1),
            vec![("fm", "Russian Foreign Ministry"), ("us", "Washington")]
        );
        assert_eq!(index.actor_mentions[0].len(), 2);
    }

    #[test]
    fn claims_are_located_and_linked() {
        let b = briefing();
        let index = Index::build(&b);
        let span = index.claim_span[0].clone().unwrap();
        assert_eq!(&b.sections[0].text[span], "“it is so,”");
        let span = index.claim_span[1].clone().unwrap();
        assert_eq!(&b.sections[1].text[span], "Foreign Ministry and");
        assert_eq!(index.claim_speaker, vec![Some(1), None]);
        assert_eq!(index.claim_related[1], vec![(0, Relation::Contradicts)]);
        assert_eq!(index.claims_involving(0), vec![0]);
        assert_eq!(index.claims_involving(2), vec![1]);
        assert!(index.actor_in_section(3, 1));
        assert!(!index.actor_in_section(3, 0));
    }

    #[test]
    fn missing_locators_and_dangling_ids_are_none() {
        let mut b = briefing();
        b.claims[0].text = "never said".into();
        b.claims[1].section = "nowhere".into();
        b.claims[0].speaker = Some("nobody".into());
        let index = Index::build(&b);
        assert_eq!(index.claim_span, vec![None, None]);
        assert_eq!(index.claim_section[1], None);
        assert_eq!(index.claim_speaker[0], None);
    }

    /// Forms that do not start with a word character ("@handle", "#Oil
    /// Ministry") are searched for in full and still give way to longer forms.
    #[test]
    fn forms_starting_without_a_word_are_found_too() {
        let mut b = briefing();
        b.actors = vec![
            actor("kremlin", "Kremlin", &["@kremlin"]),
            actor("oil", "#Oil Ministry", &[]),
            actor("min", "Oil Ministry", &[]),
        ];
        b.sections[0].text =
            "The @kremlin account, the Kremlin, @kremlinx, the #Oil Ministry and the Oil Ministry.".into();
        b.claims.clear();
        let index = Index::build(&b);
        let found: Vec<(&str, &str)> = index.section_mentions[0]
            .iter()
            .map(|m| {
                (
                    b.actors[m.actor].id.as_str(),
                    &b.sections[0].text[m.range.clone()],
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("kremlin", "@kremlin"),
                ("kremlin", "Kremlin"),
                ("oil", "#Oil Ministry"),
                ("min", "Oil Ministry"),
            ]
        );
    }
}
