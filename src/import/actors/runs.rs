//! Runs of capitalised words in a paragraph: the candidates the classifier splits.

use crate::hash::FnvBuild;

use super::super::gazetteer::{self as gz, gazetteer, is_in};
use super::Token;
use super::words::{
    INSTITUTIONS, ends_noun_phrase, first_upper, is_acronym, is_camel, is_capitalised_place, is_date_word,
    is_glue, is_name_word, is_title_at,
};

type HashSet<K> = std::collections::HashSet<K, FnvBuild>;
type HashMap<K, V> = std::collections::HashMap<K, V, FnvBuild>;

/// What the run splitter knows about the whole text.
pub struct Vocabulary {
    /// Words seen capitalised in the middle of a sentence.
    pub mid_sentence: HashSet<String>,
    /// How often each word stands alone after "the" as a whole noun phrase ("the
    /// Louvre declared", "gave the county an extra month").
    pub(super) after_the: HashMap<String, usize>,
}

impl Vocabulary {
    pub fn build(paragraphs: &[Vec<Token>]) -> Vocabulary {
        let mut mid_sentence = HashSet::default();
        let mut after_the: HashMap<String, usize> = HashMap::default();
        for p in paragraphs {
            for (i, t) in p.iter().enumerate() {
                if !t.sentence_start && first_upper(t.text) && !mid_sentence.contains(t.text) {
                    mid_sentence.insert(t.text.to_string());
                }
                if i > 0 && p[i - 1].text == "the" && !t.gap && whole_after_the(p, i) {
                    match after_the.get_mut(t.text) {
                        Some(n) => *n += 1,
                        None => {
                            after_the.insert(t.text.to_string(), 1);
                        }
                    }
                }
            }
        }
        Vocabulary {
            mid_sentence,
            after_the,
        }
    }

    /// How often `word` stands alone after "the" in the text.
    pub(super) fn times_after_the(&self, word: &str) -> usize {
        self.after_the.get(word).copied().unwrap_or(0)
    }
}

/// Token `i` (after "the") is the whole noun phrase: punctuation, a possessive or a
/// word that ends a noun phrase follows it.
pub(super) fn whole_after_the(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    t.possessive
        || tokens
            .get(i + 1)
            .is_none_or(|n| n.gap || (!first_upper(n.text) && ends_noun_phrase(n.text)))
}

/// A run of capitalised words in a paragraph, by token index.
pub(super) struct Run {
    pub first: usize,
    pub last: usize,
}

pub(super) fn runs(tokens: &[Token], vocab: &Vocabulary) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let starts = is_name_word(t.text) || is_acronym(t.text) || is_camel(t.text);
        if !starts || (t.sentence_start && !name_at_sentence_start(tokens, i, vocab)) {
            i += 1;
            continue;
        }
        let last = possessive_org_end(tokens, i, extend(tokens, i));
        // "British Columbia-based": the run is the start of a place in a compound.
        if !tokens
            .get(last + 1)
            .is_some_and(|n| !n.gap && is_place_compound(n.text))
        {
            out.push(Run { first: i, last });
        }
        i = last + 1;
    }
    out
}

/// A sentence's first word is a name only if it is capitalised elsewhere too.
/// "Mark Galeotti, an honorary professor ..." opens a paragraph: a first word
/// followed by more name words is a name too.
fn name_at_sentence_start(tokens: &[Token], i: usize, vocab: &Vocabulary) -> bool {
    let t = &tokens[i];
    let continues = tokens
        .get(i + 1)
        .is_some_and(|n| !n.gap && !t.possessive && is_name_word(n.text) && !is_in(&gz::STOPWORDS, n.text));
    let skip = !known_form_at(tokens, i)
        && (is_in(&gz::STOPWORDS, t.text)
            || (!vocab.mid_sentence.contains(t.text)
                && !continues
                && !gazetteer().forms.contains_key(t.text)
                && !is_capitalised_place(t.text)
                && is_title_at(&[t.text], 0).is_none()
                && !is_acronym(t.text)));
    !skip
}

/// "New York City" at a sentence's start: a known form of several words.
fn known_form_at(tokens: &[Token], i: usize) -> bool {
    let g = gazetteer();
    let mut name = String::from(tokens[i].text);
    for n in tokens
        .iter()
        .skip(i + 1)
        .take(g.longest_form_words.saturating_sub(1))
    {
        if n.gap {
            break;
        }
        name.push(' ');
        name.push_str(n.text);
        if g.forms.contains_key(name.as_str()) {
            return true;
        }
    }
    false
}

/// "Columbia-based", "US-backed": a name and a lowercase participle in one word.
pub(super) fn is_place_compound(w: &str) -> bool {
    first_upper(w)
        && w.split_once('-')
            .is_some_and(|(_, tail)| tail.chars().all(|c| c.is_lowercase() || c == '-'))
}

/// The last token of the run of name words starting at `first`.
fn extend(tokens: &[Token], first: usize) -> usize {
    let mut last = first;
    let mut j = first + 1;
    while j < tokens.len() && !tokens[last].possessive && !tokens[j].gap && last - first <= 14 {
        let w = tokens[j].text;
        if is_name_word(w) || is_acronym(w) {
            last = j;
            j += 1;
        } else if (is_glue(w) || (w == "in" && names_an_institution(tokens, first, j)))
            && tokens.get(j + 1).is_some_and(|n| {
                !n.gap && (is_name_word(n.text) || is_acronym(n.text)) && !is_date_word(n.text)
            })
        {
            j += 1;
        } else {
            break;
        }
    }
    last
}

/// "Centre for Policy Impact in Global Health": an "in" inside an institution's
/// "for …" stays in the name, unless a place follows ("… in Washington"). After
/// "of" it is a place ("University of West of England in Bristol").
fn names_an_institution(tokens: &[Token], first: usize, at: usize) -> bool {
    let cue_for = tokens[first..at]
        .windows(2)
        .any(|p| is_in(&gz::ORG_CUES, p[0].text) && p[1].text == "for");
    cue_for
        && at + 1 < tokens.len()
        && !known_form_at(tokens, at + 1)
        && !gazetteer().forms.contains_key(tokens[at + 1].text)
}

/// A run ending in a possessive that belongs to an institution's name: where it ends.
fn possessive_org_end(tokens: &[Token], first: usize, last: usize) -> usize {
    if !tokens[last].possessive {
        return last;
    }
    // "University College London's School of ...": a possessive before a cue word joins.
    if last > first
        && tokens.get(last + 1).is_some_and(|n| {
            !n.gap
                && is_in(&INSTITUTIONS, n.text)
                && (matches!(n.text, "Office" | "Court" | "Bureau")
                    || tokens.get(last + 2).is_some_and(|n| n.text == "of"))
        })
    {
        return extend(tokens, last + 1);
    }
    // "Citizens' Independent Transportation Trust", "Veterans' Affairs Council": a
    // plural possessive opening an organisation's name belongs to it.
    let t = tokens[first].text;
    if last == first
        && t.len() > 2
        && t.ends_with('s')
        && tokens
            .get(last + 1)
            .is_some_and(|n| !n.gap && is_name_word(n.text))
    {
        let end = extend(tokens, last + 1);
        if is_in(&gz::ORG_CUES, tokens[end].text) {
            return end;
        }
    }
    last
}
