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
        let ids = |names: Vec<&str>| -> HashMap<String, usize> {
            let mut map = HashMap::with_capacity_and_hasher(names.len(), Default::default());
            for (i, id) in names.into_iter().enumerate() {
                map.entry(id.to_string()).or_insert(i);
            }
            map
        };
        let actor_ids = ids(briefing.actors.iter().map(|a| a.id.as_str()).collect());
        let section_ids = ids(briefing.sections.iter().map(|s| s.id.as_str()).collect());
        let claim_ids = ids(briefing.claims.iter().map(|c| c.id.as_str()).collect());

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
        let mut claim_related: Vec<Vec<(usize, Relation)>> = vec![Vec::new(); briefing.claims.len()];
        for (from, claim) in briefing.claims.iter().enumerate() {
            for rel in &claim.related {
                if let Some(&to) = claim_ids.get(&rel.claim)
                    && to != from
                {
                    for (a, b) in [(from, to), (to, from)] {
                        if !claim_related[a].contains(&(b, rel.relation)) {
                            claim_related[a].push((b, rel.relation));
                        }
                    }
                }
            }
        }

        let mut section_claims = vec![Vec::new(); briefing.sections.len()];
        for (claim, section) in claim_section.iter().enumerate() {
            if let Some(s) = section {
                section_claims[*s].push(claim);
            }
        }
        for claims in &mut section_claims {
            claims.sort_by_key(|&c| claim_span[c].as_ref().map_or(usize::MAX, |r| r.start));
        }

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

/// Finds every actor's name and aliases in every section, on word boundaries,
/// ignoring typography; where forms overlap ("Washington" inside "The Washington
/// Post") the longest wins.
///
/// Mentions start at a word, so each word of the text is looked up among the
/// forms' first words: cheaper than building an automaton for every briefing.
fn find_mentions(briefing: &Briefing, folded: &[Folded]) -> Vec<Vec<Mention>> {
    let mut forms: Vec<(String, usize)> = Vec::new();
    for (actor, a) in briefing.actors.iter().enumerate() {
        forms.extend(
            a.surface_forms()
                .map(fold)
                .filter(|f| !f.is_empty())
                .map(|f| (f, actor)),
        );
    }
    // Longest first, so the first form that fits at a word is the longest one.
    forms.sort_by_key(|(form, _)| std::cmp::Reverse(form.len()));
    let mut by_first_word: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut unusual = Vec::new(); // forms that do not start with a word character
    for (i, (form, _)) in forms.iter().enumerate() {
        match word_runs(form).next() {
            Some(first) if first.start == 0 => by_first_word.entry(&form[first]).or_default().push(i),
            _ => unusual.push(i),
        }
    }

    folded
        .iter()
        .enumerate()
        .map(|(section, f)| {
            let text = f.text.as_str();
            let mut hits: Vec<(Range<usize>, usize)> = Vec::new();
            let mut covered_to = 0;
            for word in word_runs(text) {
                if word.start < covered_to {
                    continue;
                }
                let Some(candidates) = by_first_word.get(&text[word.clone()]) else {
                    continue;
                };
                let fits = candidates.iter().map(|&i| &forms[i]).find(|(form, _)| {
                    let end = word.start + form.len();
                    text[word.start..].starts_with(form.as_str())
                        && on_word_boundaries(text, &(word.start..end))
                });
                if let Some((form, actor)) = fits {
                    covered_to = word.start + form.len();
                    hits.push((word.start..covered_to, *actor));
                }
            }
            if !unusual.is_empty() {
                for &i in &unusual {
                    let (form, actor) = &forms[i];
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
            hits.into_iter()
                .map(|(range, actor)| Mention {
                    actor,
                    section,
                    range: f.original_range(range),
                })
                .collect()
        })
        .collect()
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
}
