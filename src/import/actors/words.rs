//! What a single word is: a name word, an acronym, a title's start, a cue. The
//! lists are data files under `words/`.

use crate::hash::FnvBuild;

use super::super::gazetteer::{self as gz, WordList, gazetteer, is_in};

type HashMap<K, V> = std::collections::HashMap<K, V, FnvBuild>;

pub(super) static ABBREVIATIONS: WordList = WordList::data(include_str!("../words/abbreviations.txt"));
/// Name particles that may be lowercase inside a name.
pub(super) static PARTICLES: WordList = WordList::data(include_str!("../words/particles.txt"));
/// Plurals of people that end a group's name: "House Democrats", "Indigenous Peoples".
pub(super) static COLLECTIVE_PLURALS: WordList =
    WordList::data(include_str!("../words/collective-plurals.txt"));
/// Common given names: "Ministry of Finance Brian Manning" splits before one.
static GIVEN_NAMES: WordList = WordList::data(include_str!("../words/given-names.txt"));
/// "Napa County", "Carson City": a place's government.
pub(super) static PLACE_HEADS: WordList = WordList::data(include_str!("../words/place-heads.txt"));
/// "the U.S. Attorney's Office": a possessive before these stays in the name.
pub(super) static INSTITUTIONS: WordList = WordList::data(include_str!("../words/institutions.txt"));
/// Words title case may leave in lowercase.
static TITLE_CASE_LOWER: WordList = WordList::data(include_str!("../words/title-case-lower.txt"));
pub(super) static CONNECTORS: WordList = WordList::data(include_str!("../words/connectors.txt"));
/// "Spain's environment minister": offices a state's possessive or demonym names.
pub(super) static OFFICES: WordList = WordList::data(include_str!("../words/offices.txt"));

/// "Plans for the future", not "Levers And Limitations": a heading with a longer
/// word in lowercase (title case lowercases only short words and prepositions), so
/// that its capitals are names.
pub fn in_sentence_case(heading: &str) -> bool {
    heading.split_whitespace().skip(1).any(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && w.chars().next().is_some_and(char::is_lowercase)
            && !is_in(&TITLE_CASE_LOWER, w)
    })
}

pub(super) fn first_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A capitalised word that can be part of a name (not "US-based", not "Il-76").
pub(super) fn is_name_word(w: &str) -> bool {
    let hyphen = w.as_bytes().contains(&b'-');
    if let Some(rest) = w.strip_prefix("d'").or_else(|| w.strip_prefix("l'")) {
        // "Musée d'Orsay"
        return first_upper(rest);
    }
    if !first_upper(w) {
        // al-Assad
        return hyphen
            && w.split_once('-')
                .is_some_and(|(prefix, rest)| first_upper(rest) && is_in(&PARTICLES, prefix));
    }
    if hyphen {
        let last = w.rsplit('-').next().unwrap_or("");
        // US-based, Russian-made; Il-76, Igla-S are products.
        if !first_upper(last) || last.chars().count() == 1 || w.chars().any(|c| c.is_ascii_digit()) {
            return gazetteer().forms.contains_key(w) || is_in(&gz::TITLES, w);
        }
    }
    true
}

pub fn is_acronym(w: &str) -> bool {
    if !first_upper(w) || w.len() > 24 {
        return false;
    }
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !(c.is_alphanumeric() || matches!(c, '.' | '/' | '&' | '-')) {
            return false;
        }
    }
    let marked = w.contains(['/', '.', '&']) || w.chars().any(|c| c.is_ascii_digit());
    letters >= 2
        && (letters <= 5 || (marked && letters <= 8))
        && !is_in(&gz::NOT_ACRONYMS, w.trim_end_matches('.'))
}

/// "BRUSSELS" → "Brussels": a word in capitals as the gazetteer writes it.
pub(super) fn title_cased(w: &str) -> String {
    let mut title_case: String = w.chars().take(1).collect();
    title_case.extend(w.chars().skip(1).flat_map(char::to_lowercase));
    title_case
}

/// At least four letters, all capitals: a dateline's or a shouting word.
pub(super) fn in_capitals(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 4 && w == w.to_uppercase()
}

/// "BRUSSELS": a known place written in capitals, as datelines do.
pub(super) fn is_capitalised_place(w: &str) -> bool {
    in_capitals(w) && gazetteer().forms.contains_key(title_cased(w).as_str())
}

/// "McKinsey", "PwC": a capital inside the word marks a brand.
pub(super) fn is_camel(w: &str) -> bool {
    let mut prev_lower = false;
    first_upper(w)
        && w.chars().skip(1).any(|c| {
            let hit = prev_lower && c.is_uppercase();
            prev_lower = c.is_lowercase();
            hit
        })
}

/// The longest title starting at `at`, as a number of tokens.
pub(super) fn is_title_at(tokens: &[&str], at: usize) -> Option<usize> {
    // Titles indexed by their first word: a run is checked at every position.
    static BY_FIRST: std::sync::OnceLock<HashMap<&'static str, Vec<Vec<&'static str>>>> =
        std::sync::OnceLock::new();
    let index = BY_FIRST.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<Vec<&'static str>>> = HashMap::default();
        for title in gz::TITLES.iter() {
            let words: Vec<&'static str> = title.split(' ').collect();
            map.entry(words[0]).or_default().push(words);
        }
        map
    });
    let candidates = index.get(tokens.get(at)?)?;
    candidates
        .iter()
        .filter(|words| at + words.len() <= tokens.len() && tokens[at..at + words.len()] == words[..])
        .map(Vec::len)
        .max()
}

/// A title that runs to the end of `words` and says something of the role (not "Mr").
pub(super) fn title_at_end(words: &[&str]) -> Option<usize> {
    (0..words.len())
        .find(|&at| is_title_at(words, at).is_some_and(|len| at + len == words.len()))
        .filter(|&at| !is_in(&gz::HONORIFICS, words[at]))
}

pub(super) fn is_org_cue(w: &str) -> bool {
    is_in(&gz::ORG_CUES, w)
}

pub(super) fn is_outlet(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name);
    is_in(&gz::OUTLET_CUES, last) || is_in(&gz::OUTLET_CUES, name)
}

pub fn is_outlet_name(name: &str) -> bool {
    is_outlet(name)
}

/// "the Senate on Tuesday": a month or weekday is never inside a name.
pub(super) fn is_date_word(w: &str) -> bool {
    gz::is_month(w).is_some() || is_in(&gz::WEEKDAYS, w)
}

pub fn is_given_name(w: &str) -> bool {
    is_in(&GIVEN_NAMES, w)
}

pub(super) fn not_a_name(w: &str) -> bool {
    gz::is_month(w).is_some() || is_in(&gz::WEEKDAYS, w) || is_in(&gz::STOPWORDS, w) || is_in(&gz::REGIONS, w)
}

/// "and", "of", a particle: glue inside a name, never its first or last word.
pub(super) fn is_glue(w: &str) -> bool {
    is_in(&CONNECTORS, w) || is_in(&PARTICLES, w)
}

/// Nouns after a name that make it an organisation's ("the Sage group").
pub(super) static ORG_NOUNS_AFTER: WordList = WordList::data(include_str!("../words/org-nouns-after.txt"));
/// "Hart Island", "Station Road": a place's name, not a person's.
static GEO_HEADS: WordList = WordList::data(include_str!("../words/geo-heads.txt"));
/// "Lake Berryessa", "Fort Worth".
static GEO_LEADS: WordList = WordList::data(include_str!("../words/geo-leads.txt"));
/// "the transportation department": an institution named in lowercase.
pub(super) static LOWERCASE_INSTITUTIONS: WordList =
    WordList::data(include_str!("../words/lowercase-institutions.txt"));
/// "the same department": words that do not name the institution.
pub(super) static NOT_MODIFIERS: WordList = WordList::data(include_str!("../words/not-modifiers.txt"));
/// Lowercase words that may follow a name that has ended ("the Louvre declared").
static NOUN_PHRASE_ENDS: WordList = WordList::data(include_str!("../words/noun-phrase-ends.txt"));

/// A run of name words that names a place (not an actor): "Long Island Sound", "Lake Berryessa".
pub(super) fn is_geographic(words: &[&str]) -> bool {
    words.len() > 1
        && !is_given_name(words[0])
        && (words.last().is_some_and(|w| is_in(&GEO_HEADS, w)) || is_in(&GEO_LEADS, words[0]))
}

/// The lowercase word after a name says the name has ended there: a function word,
/// an auxiliary, a reporting verb or a past tense ("the Louvre declared"), not a
/// noun the name modifies ("the Biden administration").
pub(super) fn ends_noun_phrase(next: &str) -> bool {
    is_in(&NOUN_PHRASE_ENDS, next)
        || is_in(&gz::REPORTING_VERBS, next)
        || (next.len() > 4 && next.ends_with("ed"))
}

/// "organisations", "universities": the plural of a noun that names organisations.
pub(super) fn is_plural_org_noun(w: &str) -> bool {
    let singular = w
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| w.strip_suffix('s').map(str::to_string));
    singular.is_some_and(|s| is_in(&gz::ORG_NOUNS, &s))
}
