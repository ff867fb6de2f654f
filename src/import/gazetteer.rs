//! Word lists the importer recognises: states (from `countries.txt`), groups,
//! well-known organisations, regions that are not actors, titles and roles,
//! organisation cue words, reporting verbs and the like. All data, no logic
//! beyond lookups.

use crate::hash::FnvBuild;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::ActorKind;

const COUNTRIES: &str = include_str!("countries.txt");
/// States, provinces and cities: governments of their own, and names of institutions.
const PLACES: &str = include_str!("words/places.txt");

/// A known entity: its canonical name and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    pub name: &'static str,
    pub kind: ActorKind,
}

/// Groups and organisations every reader knows, beyond the states.
const KNOWN: &str = include_str!("words/known.txt");

/// Places that are not actors: regions, continents, seas.
pub static REGIONS: WordList = WordList::data(include_str!("words/regions.txt"));

/// Titles that precede a name ("Secretary of State Marco Rubio"). Longest first
/// is not needed: the run splitter looks for the last title in a run.
pub static TITLES: WordList = WordList::data(include_str!("words/titles.txt"));

/// Honorifics are titles that say nothing of the role.
pub static HONORIFICS: WordList = WordList::data(include_str!("words/honorifics.txt"));

/// Lowercase role nouns: "analyst Vladimir Rouvinski", "Oleg Ignatov, senior Russia analyst".
pub static ROLE_NOUNS: WordList = WordList::data(include_str!("words/role-nouns.txt"));

/// Prepositions that attach a name to the noun before it ("visitors to X", "a guide at X").
pub static MODIFIER_PREPOSITIONS: WordList = WordList::data(include_str!("words/modifier-prepositions.txt"));

/// Lowercase nouns that say the name after them is an organisation ("the union X").
pub static ORG_NOUNS: WordList = WordList::data(include_str!("words/org-nouns.txt"));

/// Words that end (or start, before "of") an organisation's name.
pub static ORG_CUES: WordList = WordList::data(include_str!("words/org-cues.txt"));

/// Words that end a company's legal name ("Corp", "Ltd"): the name without them is an alias.
/// Business words a company's name drops once it is known ("Massy Stores" → "Massy").
pub static TRADE_WORDS: WordList = WordList::data(include_str!("words/trade-words.txt"));

/// Documents that speak for their issuer ("the release states").
pub static DOCUMENTS: WordList = WordList::data(include_str!("words/documents.txt"));

pub static CORPORATE_SUFFIXES: WordList = WordList::data(include_str!("words/corporate-suffixes.txt"));

/// Nouns a name can modify after "according to" ("an Acme poll"): a product, not a speaker.
pub static SOURCE_PRODUCTS: WordList = WordList::data(include_str!("words/source-products.txt"));

/// Cue words that make an organisation a news outlet: what it says is a report.
pub static OUTLET_CUES: WordList = WordList::data(include_str!("words/outlet-cues.txt"));

/// Words that start a sentence with a capital but are not names.
pub static STOPWORDS: WordList = WordList::data(include_str!("words/stopwords.txt"));

pub static MONTHS: WordList = WordList::data(include_str!("words/months.txt"));

pub static MONTH_ABBREVIATIONS: WordList = WordList::data(include_str!("words/month-abbreviations.txt"));

pub static WEEKDAYS: WordList = WordList::data(include_str!("words/weekdays.txt"));

/// Verbs that introduce what someone said or wrote, in every tense the news uses.
pub static REPORTING_VERBS: WordList = WordList::data(include_str!("words/reporting-verbs.txt"));

/// Reporting verbs that also work without quotes for reported speech ("X said that ...").
pub static SPEECH_VERBS: WordList = WordList::data(include_str!("words/speech-verbs.txt"));

/// Plural nouns for unnamed sources: "officials said", "analysts say".
pub static UNNAMED_SOURCES: WordList = WordList::data(include_str!("words/unnamed-sources.txt"));

/// Nouns that name the channel of a statement ("in an e-mailed comment", "a CBS interview").
pub static CHANNELS: WordList = WordList::data(include_str!("words/channels.txt"));

/// Ship prefixes: a ship is an actor of kind `other`.
pub static SHIP_PREFIXES: WordList = WordList::data(include_str!("words/ship-prefixes.txt"));

/// All-caps words that are not organisations.
pub static NOT_ACRONYMS: WordList = WordList::data(include_str!("words/not-acronyms.txt"));

pub struct Gazetteer {
    /// Surface form to entity.
    pub forms: HashMap<&'static str, Known, FnvBuild>,
    /// Forms that are adjectives ("Russian"): they can start an organisation's name.
    pub demonyms: std::collections::HashSet<&'static str>,
    /// Forms of the places below countries ("Chicago", "Iowa"): "Chicago Tribune" is not Chicago.
    pub places: std::collections::HashSet<&'static str>,
    pub longest_form_words: usize,
}

pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(build)
}

fn build() -> Gazetteer {
    let mut forms: HashMap<&'static str, Known, FnvBuild> = HashMap::default();
    let mut demonyms = std::collections::HashSet::new();
    for line in COUNTRIES.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('|');
        let Some(name) = parts.next().map(str::trim) else {
            continue;
        };
        let known = Known {
            name,
            kind: ActorKind::State,
        };
        forms.entry(name).or_insert(known);
        for form in parts
            .flat_map(|p| p.split(';'))
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            forms.entry(form).or_insert(known);
            if looks_like_demonym(form) {
                demonyms.insert(form);
            }
        }
    }
    let mut places = std::collections::HashSet::new();
    for (name, forms_here) in table_lines(PLACES) {
        let known = Known {
            name,
            kind: ActorKind::State,
        };
        for form in std::iter::once(name).chain(forms_here) {
            if !forms.contains_key(form) {
                forms.insert(form, known);
                places.insert(form);
            }
        }
    }
    for (name, kind, aliases) in known_entities() {
        let known = Known { name, kind };
        forms.entry(name).or_insert(known);
        for a in aliases {
            forms.entry(a).or_insert(known);
        }
    }
    let longest_form_words = forms.keys().map(|f| f.split(' ').count()).max().unwrap_or(1);
    Gazetteer {
        forms,
        demonyms,
        places,
        longest_form_words,
    }
}

fn looks_like_demonym(form: &str) -> bool {
    !form.contains(' ')
        && [
            "an", "ian", "ese", "ish", "i", "ic", "ch", "ss", "ek", "ak", "ot", "er", "et",
        ]
        .iter()
        .any(|end| form.ends_with(end))
        && form.chars().next().is_some_and(char::is_uppercase)
        && form.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
}

pub type WordSet = std::collections::HashSet<&'static str, FnvBuild>;

/// The lines of a `Name | form; form` table.
fn table_lines(text: &'static str) -> impl Iterator<Item = (&'static str, Vec<&'static str>)> {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let mut parts = line.split('|').map(str::trim);
        let name = parts.next()?;
        let forms = parts
            .flat_map(|p| p.split(';'))
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        Some((name, forms))
    })
}

/// The lines of `known.txt`: name, kind and other forms.
fn known_entities() -> impl Iterator<Item = (&'static str, ActorKind, Vec<&'static str>)> {
    KNOWN.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let mut parts = line.split('|').map(str::trim);
        let name = parts.next()?;
        let kind = match parts.next()? {
            "group" => ActorKind::Group,
            "organisation" => ActorKind::Organisation,
            "person" => ActorKind::Person,
            "state" => ActorKind::State,
            _ => ActorKind::Other,
        };
        let aliases = parts
            .flat_map(|p| p.split(';'))
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        Some((name, kind, aliases))
    })
}

/// A word list, searched through a hash set built on first use. The lists are
/// data files under `words/` (one entry a line, `#` starts a comment line).
pub struct WordList {
    source: Source,
    parsed: OnceLock<(Vec<&'static str>, WordSet)>,
}

enum Source {
    Slice(&'static [&'static str]),
    Text(&'static str),
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            source: Source::Slice(words),
            parsed: OnceLock::new(),
        }
    }

    /// A list from a data file's text (`include_str!`).
    pub const fn data(text: &'static str) -> WordList {
        WordList {
            source: Source::Text(text),
            parsed: OnceLock::new(),
        }
    }

    fn parsed(&self) -> &(Vec<&'static str>, WordSet) {
        self.parsed.get_or_init(|| {
            let words = self.entries();
            let set = words.iter().copied().collect();
            (words, set)
        })
    }

    /// Every entry in file order, duplicates included.
    fn entries(&self) -> Vec<&'static str> {
        match self.source {
            Source::Slice(words) => words.to_vec(),
            Source::Text(text) => text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.parsed().1.contains(word)
    }

    /// The entries in file order.
    pub fn words(&self) -> &[&'static str] {
        &self.parsed().0
    }
}

impl std::ops::Deref for WordList {
    type Target = [&'static str];
    fn deref(&self) -> &Self::Target {
        &self.parsed().0
    }
}

/// Whether `word` is in one of the word lists.
pub fn is_in(list: &WordList, word: &str) -> bool {
    list.contains(word)
}

pub fn is_month(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == w)
        .or_else(|| {
            MONTH_ABBREVIATIONS
                .iter()
                .position(|m| *m == w || (w == "Sept" && *m == "Sep"))
        })
        .map(|i| i as u8 + 1)
}

/// The demonym of a state ("Russian" for Russia), for naming office holders.
pub fn demonym_of(name: &str) -> Option<&'static str> {
    static D: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    D.get_or_init(|| {
        let mut map = HashMap::new();
        for line in COUNTRIES.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split('|');
            let (Some(n), Some(forms)) = (parts.next(), parts.next()) else {
                continue;
            };
            if let Some(d) = forms.split(';').find(|f| looks_like_demonym(f)) {
                map.insert(n, d);
            }
        }
        map
    })
    .get(name)
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_capitals_demonyms_and_metonyms() {
        let g = gazetteer();
        assert_eq!(g.forms["Kremlin"].name, "Russia");
        assert_eq!(g.forms["U.S."].name, "United States");
        assert_eq!(g.forms["Caracas"].name, "Venezuela");
        assert_eq!(g.forms["Soviet"].name, "Soviet Union");
        assert!(g.demonyms.contains("Russian"));
        let states = g
            .forms
            .values()
            .filter(|k| k.kind == ActorKind::State)
            .map(|k| k.name)
            .collect::<std::collections::HashSet<_>>();
        assert!(states.len() >= 195, "{} states", states.len());
    }

    /// Every entry of every word list once: a repeated entry is a slip that hides
    /// an edit (remove one copy, and the word is still there).
    #[test]
    fn word_lists_have_no_duplicates() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/import/words");
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt")
                || path.ends_with("known.txt")
                || path.ends_with("places.txt")
            {
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            let mut seen = std::collections::HashSet::new();
            for (n, line) in text.lines().enumerate() {
                let word = line.trim();
                if word.is_empty() || word.starts_with('#') {
                    continue;
                }
                assert_eq!(word, line, "{}:{}: spaces around “{word}”", path.display(), n + 1);
                assert!(seen.insert(word), "{}:{}: “{word}” twice", path.display(), n + 1);
            }
        }
        assert!(files >= 20, "only {files} word lists in {}", dir.display());
    }

    /// A form names one entity: the same form for two would silently lose one.
    #[test]
    fn gazetteer_forms_are_unique() {
        let mut seen = std::collections::HashMap::new();
        let known = known_entities().flat_map(|(name, _, aliases)| {
            std::iter::once((name, name)).chain(aliases.into_iter().map(move |a| (name, a)))
        });
        let countries = COUNTRIES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .flat_map(|l| {
                let mut parts = l.split('|').map(str::trim);
                let name = parts.next().unwrap_or_default();
                std::iter::once((name, name)).chain(
                    parts
                        .flat_map(|p| p.split(';'))
                        .map(str::trim)
                        .filter(|f| !f.is_empty())
                        .map(move |f| (name, f)),
                )
            });
        let places = table_lines(PLACES).flat_map(|(name, forms)| {
            std::iter::once((name, name)).chain(forms.into_iter().map(move |f| (name, f)))
        });
        for (owner, form) in countries.chain(known).chain(places) {
            if let Some(first) = seen.insert(form, owner) {
                assert_eq!(first, owner, "“{form}” names both {first} and {owner}");
            }
        }
    }

    #[test]
    fn data_lists_keep_their_order() {
        assert_eq!(is_month("March"), Some(3));
        assert_eq!(is_month("Sept."), Some(9));
        assert!(is_in(&TITLES, "Secretary of State"));
        assert!(!is_in(
            &TITLES,
            "# One entry a line; lines starting with # are comments."
        ));
        assert_eq!(gazetteer().forms["G-7"].kind, ActorKind::Group);
    }
}
