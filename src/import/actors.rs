//! Finding actors: capitalised runs of words split by titles, cue words and the
//! gazetteer into people, states, organisations and groups, with their roles
//! and every surface form the text uses.

use crate::hash::FnvBuild;

type HashMap<K, V> = std::collections::HashMap<K, V, FnvBuild>;
type HashSet<K> = std::collections::HashSet<K, FnvBuild>;

use crate::model::ActorKind;
use crate::text::{Folded, floor_char_boundary};

use super::gazetteer::{self as gz, WordList, gazetteer, is_in};

/// A word of folded text.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Followed by `'s` or a bare `'` (the possessive is not part of `text`).
    pub possessive: bool,
    pub sentence_start: bool,
    /// Something other than spaces separates it from the token before.
    pub gap: bool,
}

static ABBREVIATIONS: WordList = WordList::data(include_str!("words/abbreviations.txt"));

/// Name particles that may be lowercase inside a name.
static PARTICLES: WordList = WordList::data(include_str!("words/particles.txt"));
/// Common given names: "Ministry of Finance Brian Manning" splits before one.
static GIVEN_NAMES: WordList = WordList::data(include_str!("words/given-names.txt"));
/// "Napa County", "Carson City": a place's government.
static PLACE_HEADS: WordList = WordList::data(include_str!("words/place-heads.txt"));
/// "the U.S. Attorney's Office": a possessive before these stays in the name.
static INSTITUTIONS: WordList = WordList::data(include_str!("words/institutions.txt"));
/// Words title case may leave in lowercase.
static TITLE_CASE_LOWER: WordList = WordList::data(include_str!("words/title-case-lower.txt"));
static CONNECTORS: WordList = WordList::data(include_str!("words/connectors.txt"));

pub fn tokenize(s: &str) -> Vec<Token<'_>> {
    let bytes = s.as_bytes();
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut prev_end = 0;
    let is_alnum_at = |at: usize| s[at..].chars().next().is_some_and(char::is_alphanumeric);
    while i < s.len() {
        let Some(c) = s[i..].chars().next() else { break };
        if c == '&' && s[i + 1..].starts_with(' ') && s[..i].ends_with(' ') {
            // "Gas & Electric": the ampersand joins a name.
            tokens.push(Token {
                text: &s[i..i + 1],
                start: i,
                end: i + 1,
                possessive: false,
                sentence_start: false,
                gap: false,
            });
            prev_end = i + 1;
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut possessive = false;
        while end < s.len() {
            let Some(ch) = s[end..].chars().next() else { break };
            if ch.is_alphanumeric() {
                end += ch.len_utf8();
                continue;
            }
            let next = end + ch.len_utf8();
            match ch {
                '\'' => {
                    let word = &s[start..end];
                    if s[next..].starts_with('s') && !(next + 1 < s.len() && is_alnum_at(next + 1)) {
                        possessive = true;
                        break;
                    }
                    if next < s.len() && is_alnum_at(next) {
                        end = next;
                        continue;
                    }
                    if word.ends_with('s') {
                        possessive = true;
                    }
                    break;
                }
                '-' | '/' | '&' if next < s.len() && is_alnum_at(next) => end = next,
                '.' => {
                    let word = &s[start..end];
                    // "Amazon.com": a web address is one word.
                    let tld: String = s[next..].chars().take_while(char::is_ascii_lowercase).collect();
                    if matches!(tld.as_str(), "com" | "org" | "net" | "io")
                        && !s[next + tld.len()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                    {
                        end = next + tld.len();
                        continue;
                    }
                    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                    let dotted =
                        word.contains('.') || (single_capital && next < s.len() && is_alnum_at(next));
                    if dotted && next < s.len() && is_alnum_at(next) {
                        end = next;
                        continue;
                    }
                    if single_capital || dotted || ABBREVIATIONS.contains(word) {
                        end = next;
                    }
                    break;
                }
                _ => break,
            }
        }
        let text = &s[start..end];
        let between = &s[prev_end..start];
        let gap = !between.chars().all(char::is_whitespace) || tokens.is_empty();
        let sentence_start = {
            let before = s[..start].trim_end();
            match before.chars().next_back() {
                None => true,
                Some('.') => !tokens.last().is_some_and(|t| {
                    t.end == before.len() && ABBREVIATIONS.contains(t.text.trim_end_matches('.'))
                }),
                Some('!' | '?' | ':' | '(' | '[') => true,
                Some('"') => {
                    // An opening quote: space or start before it.
                    let b = &before[..before.len() - 1];
                    b.chars()
                        .next_back()
                        .is_none_or(|c| c.is_whitespace() || c == '(')
                }
                _ => false,
            }
        };
        let skip = if possessive {
            if s[end..].starts_with("'s") { 2 } else { 1 }
        } else {
            0
        };
        tokens.push(Token {
            text,
            start,
            end,
            possessive,
            sentence_start,
            gap,
        });
        prev_end = end + skip;
        i = end + skip.max(if end == start { 1 } else { 0 });
        let _ = bytes;
    }
    tokens
}

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

fn first_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A capitalised word that can be part of a name (not "US-based", not "Il-76").
fn is_name_word(w: &str) -> bool {
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

/// "BRUSSELS": a known place written in capitals, as datelines do.
fn is_capitalised_place(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 4 && w == w.to_uppercase() && {
        let mut title_case: String = w.chars().take(1).collect();
        title_case.extend(w.chars().skip(1).flat_map(char::to_lowercase));
        gazetteer().forms.contains_key(title_case.as_str())
    }
}

fn is_camel(w: &str) -> bool {
    let mut prev_lower = false;
    first_upper(w)
        && w.chars().skip(1).any(|c| {
            let hit = prev_lower && c.is_uppercase();
            prev_lower = c.is_lowercase();
            hit
        })
}

/// A candidate actor seen in the text.
#[derive(Debug, Clone)]
pub struct Found {
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    /// The form as written ("Moscow" for Russia).
    pub form: String,
    /// Whether something beyond capitals says it is an actor (a title, a role, a cue word, the gazetteer).
    pub sure: bool,
}

/// What the run splitter knows about the whole text.
pub struct Vocabulary {
    /// Words seen capitalised in the middle of a sentence.
    pub mid_sentence: HashSet<String>,
}

impl Vocabulary {
    pub fn build(paragraphs: &[Vec<Token>]) -> Vocabulary {
        let mut mid_sentence = HashSet::default();
        for p in paragraphs {
            for t in p {
                if !t.sentence_start && first_upper(t.text) && !mid_sentence.contains(t.text) {
                    mid_sentence.insert(t.text.to_string());
                }
            }
        }
        Vocabulary { mid_sentence }
    }
}

fn is_title_at(tokens: &[&str], at: usize) -> Option<usize> {
    // The longest title starting at `at`, as a number of tokens.
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

fn is_org_cue(w: &str) -> bool {
    is_in(&gz::ORG_CUES, w)
}

fn is_outlet(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name);
    is_in(&gz::OUTLET_CUES, last) || is_in(&gz::OUTLET_CUES, name)
}

pub fn is_outlet_name(name: &str) -> bool {
    is_outlet(name)
}

/// "the Senate on Tuesday": a month or weekday is never inside a name.
fn is_date_word(w: &str) -> bool {
    gz::is_month(w).is_some() || is_in(&gz::WEEKDAYS, w)
}

pub fn is_given_name(w: &str) -> bool {
    is_in(&GIVEN_NAMES, w)
}

fn not_a_name(w: &str) -> bool {
    gz::is_month(w).is_some() || is_in(&gz::WEEKDAYS, w) || is_in(&gz::STOPWORDS, w) || is_in(&gz::REGIONS, w)
}

/// Splits one run of capitalised words into actors.
fn classify(words: &[&str], out: &mut Vec<Found>) {
    let g = gazetteer();
    let words: Vec<&str> = {
        let mut w = words.to_vec();
        while w
            .last()
            .is_some_and(|x| is_in(&CONNECTORS, x) || is_in(&PARTICLES, x))
        {
            w.pop();
        }
        while w
            .first()
            .is_some_and(|x| is_in(&CONNECTORS, x) || is_in(&PARTICLES, x))
        {
            w.remove(0);
        }
        w
    };
    if words.is_empty() {
        return;
    }
    let joined = words.join(" ");
    // "BRUSSELS, June 27 (Reuters)": a dateline's capitals are the place's name.
    if words.len() == 1
        && joined.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && joined == joined.to_uppercase()
    {
        let mut title_case: String = joined.chars().take(1).collect();
        title_case.extend(joined.chars().skip(1).flat_map(char::to_lowercase));
        if let Some(k) = g.forms.get(title_case.as_str()) {
            out.push(Found {
                name: k.name.to_string(),
                kind: k.kind,
                role: None,
                form: joined.clone(),
                sure: true,
            });
            return;
        }
    }
    if let Some(k) = g.forms.get(joined.as_str()) {
        out.push(Found {
            name: k.name.to_string(),
            kind: k.kind,
            role: None,
            form: joined,
            sure: true,
        });
        return;
    }
    if is_in(&gz::REGIONS, &joined) {
        return;
    }
    // "Pacific Gas & Electric": an ampersand is inside a company's name.
    if let Some(amp) = words.iter().position(|w| *w == "&")
        && amp > 0
        && amp + 1 < words.len()
        && !words[..amp].iter().any(|w| g.forms.contains_key(w))
    {
        push_org(&joined, out);
        return;
    }
    // "Marco Rubio and US President Donald Trump": two runs, unless the "and" is
    // inside an organisation's "of ..." ("School of Slavonic and East European Studies")
    // or joins two words that the organisation's last word names ("Fauna and Flora International").
    if let Some(and) = words.iter().position(|w| *w == "and" || *w == "&")
        && !words[..and].windows(2).any(|p| is_org_cue(p[0]) && p[1] == "of")
        && !and_inside_org(&words, and)
    {
        classify(&words[..and], out);
        classify(&words[and + 1..], out);
        return;
    }
    // "The Washington Post" keeps its article; other runs drop it.
    if words[0] == "The" {
        if words.len() > 1 && is_outlet(&joined) {
            push_org(&joined, out);
            return;
        }
        classify(&words[1..], out);
        return;
    }
    // A title with no name after it ("the Transport Secretary") names a role, not a
    // person; after a given name it is a surname ("Gayle King").
    if let Some(at) =
        (0..words.len()).find(|&at| is_title_at(&words, at).is_some_and(|len| at + len == words.len()))
        && !is_in(&gz::HONORIFICS, words[at])
    {
        if at > 0 && at + 1 == words.len() && is_given_name(words[at - 1]) {
            let first = (0..at - 1)
                .rev()
                .take_while(|&k| is_given_name(words[k]) || is_in(&PARTICLES, words[k]))
                .last()
                .unwrap_or(at - 1);
            classify_sure(&words[..first], out);
            push_person(&words[first..], None, true, out);
            return;
        }
        if at > 0 {
            classify_sure(&words[..at], out);
        }
        return;
    }
    // Title followed by a name: the rightmost title with 1-4 name words after it.
    for at in (0..words.len()).rev() {
        if let Some(len) = is_title_at(&words, at) {
            let name = &words[at + len..];
            if !name.is_empty()
                && name.len() <= 4
                && name.iter().all(|w| is_name_word(w) || is_in(&PARTICLES, w))
                && !name.iter().enumerate().any(|(k, w)| {
                    is_org_cue(w)
                        || not_a_name(w)
                        || (g.forms.contains_key(w) && !(k > 0 && is_given_name(name[k - 1])))
                })
            {
                let title = words[at..at + len].join(" ");
                let prefix = &words[..at];
                let role = if is_in(&gz::HONORIFICS, &title) && prefix.is_empty() {
                    None
                } else {
                    Some(words[..at + len].join(" "))
                };
                if !prefix.is_empty() {
                    classify_sure(prefix, out);
                }
                let n = name.join(" ");
                out.push(Found {
                    name: n.clone(),
                    kind: ActorKind::Person,
                    role,
                    form: n,
                    sure: true,
                });
                return;
            }
        }
    }
    // "Duchess of Sussex", "Minister of Finance Colm Imbert": a title with "of" is a role.
    if let Some(at) =
        (0..words.len()).find(|&at| is_title_at(&words, at) == Some(1) && words.get(at + 1) == Some(&"of"))
    {
        classify_sure(&words[..at], out);
        // The name is what follows a given name, or the last two words of a long run.
        let k = (at + 2..words.len())
            .find(|&k| is_given_name(words[k]))
            .or_else(|| {
                let k = words.len().checked_sub(2)?;
                (k >= at + 4
                    && words[k..]
                        .iter()
                        .all(|w| is_name_word(w) && !is_org_cue(w) && !g.forms.contains_key(w)))
                .then_some(k)
            });
        if let Some(k) = k
            && words.len() - k <= 4
        {
            push_person(&words[k..], Some(words[at..k].join(" ")), true, out);
        }
        return;
    }
    // "La Vanguardia", "Le Monde", "Die Zeit": an article and a name make a title, not a person.
    if words.len() == 2
        && matches!(
            words[0],
            "La" | "Le" | "Les" | "El" | "Il" | "Lo" | "Die" | "Der" | "Das" | "Het"
        )
    {
        push_org(&joined, out);
        return;
    }
    if is_in(&gz::SHIP_PREFIXES, words[0]) && words.len() > 1 {
        out.push(Found {
            name: joined.clone(),
            kind: ActorKind::Other,
            role: None,
            form: joined,
            sure: true,
        });
        return;
    }
    if split_before_given_name(&words, out) {
        return;
    }
    // "Napa County", "Carson City": a place's government.
    if words.len() > 1
        && is_in(&PLACE_HEADS, words[words.len() - 1])
        && words.iter().all(|w| is_name_word(w) && !is_given_name(w))
    {
        out.push(Found {
            name: joined.clone(),
            kind: ActorKind::State,
            role: None,
            form: joined,
            sure: true,
        });
        return;
    }
    // Organisations: a cue word at the end, or a cue word followed by "of".
    let last = words[words.len() - 1];
    let cue_of = words.iter().enumerate().any(|(i, w)| {
        is_org_cue(w) && (words.get(i + 1) == Some(&"of") || (i + 1 < words.len() && !words.contains(&"and")))
    });
    if (words.len() > 1 && is_org_cue(last)) || cue_of {
        // "Russia and the Kennan Institute": split on "and" unless the "and" is inside "of ...".
        if let Some(and) = words.iter().position(|w| *w == "and" || *w == "&")
            && !words[..and].contains(&"of")
            && !and_inside_org(&words, and)
        {
            classify(&words[..and], out);
            classify(&words[and + 1..], out);
            return;
        }
        push_org(&joined, out);
        return;
    }
    // Split at connectors that are not inside a known form.
    if let Some(at) = words.iter().position(|w| is_in(&CONNECTORS, w)) {
        classify(&words[..at], out);
        classify(&words[at + 1..], out);
        return;
    }
    // A known form at the start ("Russian Il-76", "US Navy" is handled above).
    for len in (1..words.len()).rev().take(g.longest_form_words) {
        let head = words[..len].join(" ");
        let rest = &words[len..];
        if g.places.contains(head.as_str())
            && rest.iter().all(|w| is_name_word(w))
            && (rest.len() >= 2 || rest.iter().any(|w| is_org_cue(w)))
        {
            // "Chicago Tribune", "California Independent System Operator": named after the place.
            push_org(&joined, out);
            return;
        }
        if let Some(k) = g.forms.get(head.as_str())
            && (g.demonyms.contains(head.as_str())
                || g.places.contains(head.as_str())
                || is_acronym(&head)
                || words.len() - len >= 3)
        {
            out.push(Found {
                name: k.name.to_string(),
                kind: k.kind,
                role: None,
                form: head,
                sure: true,
            });
            classify(&words[len..], out);
            return;
        }
    }
    // "Southern California Edison": a place inside a run of names is part of an institution's name.
    if words.len() >= 3
        && (1..words.len() - 1).any(|k| g.places.contains(words[k]))
        && words
            .iter()
            .all(|w| is_name_word(w) && !not_a_name(w) && !is_given_name(w))
        && !g.forms.contains_key(words[0])
        && !g.forms.contains_key(words[words.len() - 1])
    {
        push_org(&joined, out);
        return;
    }
    // Split around words that cannot be in a name.
    if let Some(at) = words.iter().enumerate().position(|(k, w)| {
        not_a_name(w) || (g.forms.contains_key(w) && !(k > 0 && is_given_name(words[k - 1])))
    }) {
        if words.len() > 1 {
            classify(&words[..at], out);
            classify(&words[at..at + 1], out);
            classify(&words[at + 1..], out);
            return;
        }
        if let Some(k) = g.forms.get(words[0]) {
            out.push(Found {
                name: k.name.to_string(),
                kind: k.kind,
                role: None,
                form: words[0].to_string(),
                sure: true,
            });
        }
        return;
    }
    if words.len() == 1 {
        let w = words[0];
        if is_acronym(w) || is_camel(w) {
            push_org(w, out);
        }
        return;
    }
    if words.len() <= 4
        && words
            .iter()
            .all(|w| (is_name_word(w) && !is_acronym(w)) || is_in(&PARTICLES, w))
    {
        out.push(Found {
            name: joined.clone(),
            kind: ActorKind::Person,
            role: None,
            form: joined,
            sure: false,
        });
    }
}

/// Classifies words before a title: only what something beyond capitals says is an
/// actor, so that "Deputy Economy Minister X" gives no "Deputy Economy".
fn classify_sure(words: &[&str], out: &mut Vec<Found>) {
    let mut found = Vec::new();
    classify(words, &mut found);
    out.extend(found.into_iter().filter(|f| f.sure));
}

fn push_person(words: &[&str], role: Option<String>, sure: bool, out: &mut Vec<Found>) {
    if words.is_empty() {
        return;
    }
    let name = words.join(" ");
    out.push(Found {
        name: name.clone(),
        kind: ActorKind::Person,
        role,
        form: name,
        sure,
    });
}

/// "Ministry of Finance Brian Manning", "Massachusetts Joshua Levy": a given name after
/// other words starts a person's name; what comes before is classified apart.
fn split_before_given_name(words: &[&str], out: &mut Vec<Found>) -> bool {
    let Some(k) = (1..words.len()).find(|&k| {
        is_given_name(words[k])
            && !is_given_name(words[k - 1])
            && !is_in(&PARTICLES, words[k - 1])
            && !is_in(&CONNECTORS, words[k - 1])
            && is_title_at(words, k - 1).is_none()
            && (k > 1 || !is_org_cue(words[0]))
    }) else {
        return false;
    };
    let rest = &words[k + 1..];
    let name_like = (1..=3).contains(&rest.len())
        && rest.iter().all(|w| {
            (is_name_word(w) || is_in(&PARTICLES, w)) && !is_org_cue(w) && !is_acronym(w) && !not_a_name(w)
        });
    if !name_like {
        return false;
    }
    classify(&words[..k], out);
    // A known given name says this is a person.
    push_person(&words[k..], None, true, out);
    true
}

/// "Fauna and Flora International", "Precision Cybertechnologies and Digital Solutions":
/// an "and" between a word or two and an organisation's cue word is inside the name.
fn and_inside_org(words: &[&str], and: usize) -> bool {
    let g = gazetteer();
    let (left, right) = (&words[..and], &words[and + 1..]);
    (1..=2).contains(&left.len())
        && (1..=3).contains(&right.len())
        && right.last().is_some_and(|w| is_org_cue(w))
        && !right[..right.len() - 1].iter().any(|w| is_org_cue(w))
        && left
            .iter()
            .chain(right)
            .all(|w| !g.forms.contains_key(w) && !is_given_name(w) && !is_acronym(w) && is_name_word(w))
        && !left.iter().any(|w| is_org_cue(w))
}

fn push_org(name: &str, out: &mut Vec<Found>) {
    out.push(Found {
        name: name.to_string(),
        kind: ActorKind::Organisation,
        role: None,
        form: name.to_string(),
        sure: true,
    });
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

/// A run of capitalised words in a paragraph, by token index.
struct Run {
    first: usize,
    last: usize,
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
        } else if (is_in(&CONNECTORS, w) || is_in(&PARTICLES, w))
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

fn runs(tokens: &[Token], vocab: &Vocabulary) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let starts = is_name_word(t.text) || is_acronym(t.text) || is_camel(t.text);
        if !starts {
            i += 1;
            continue;
        }
        // A sentence's first word is a name only if it is capitalised elsewhere too.
        // "Mark Galeotti, an honorary professor ..." opens a paragraph: a first word
        // followed by more name words is a name too.
        let continues = tokens.get(i + 1).is_some_and(|n| {
            !n.gap && !t.possessive && is_name_word(n.text) && !is_in(&gz::STOPWORDS, n.text)
        });
        if t.sentence_start
            && !known_form_at(tokens, i)
            && (is_in(&gz::STOPWORDS, t.text)
                || (!vocab.mid_sentence.contains(t.text)
                    && !continues
                    && !gazetteer().forms.contains_key(t.text)
                    && !is_capitalised_place(t.text)
                    && is_title_at(&[t.text], 0).is_none()
                    && !is_acronym(t.text)))
        {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = extend(tokens, first);
        // "University College London's School of ...": a possessive before a cue word joins.
        if tokens[last].possessive
            && last > first
            && tokens.get(last + 1).is_some_and(|n| {
                !n.gap
                    && is_in(&INSTITUTIONS, n.text)
                    && (matches!(n.text, "Office" | "Court" | "Bureau")
                        || tokens.get(last + 2).is_some_and(|n| n.text == "of"))
            })
        {
            last = extend(tokens, last + 1);
        }
        // "Citizens' Independent Transportation Trust", "Veterans' Affairs Council": a
        // plural possessive opening an organisation's name belongs to it.
        if tokens[last].possessive
            && last == first
            && t.text.len() > 2
            && t.text.ends_with('s')
            && tokens
                .get(last + 1)
                .is_some_and(|n| !n.gap && is_name_word(n.text))
        {
            let end = extend(tokens, last + 1);
            if is_in(&gz::ORG_CUES, tokens[end].text) {
                last = end;
            }
        }
        out.push(Run { first, last });
        i = last + 1;
    }
    out
}

/// Original text without the invisible characters and with plain spaces.
fn as_written(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Everything found in one paragraph.
pub struct ParagraphFinds<'a> {
    /// Folded forms and how the article writes them, where they differ.
    pub typography: Vec<(String, String)>,
    pub found: Vec<Found>,
    /// Capitalised words standing alone (possible surnames).
    pub singles: Vec<&'a str>,
}

static OFFICES: WordList = WordList::data(include_str!("words/offices.txt"));

pub fn find_in_paragraph<'a>(
    para: &'a Folded,
    original: &str,
    tokens: &[Token<'a>],
    vocab: &Vocabulary,
) -> ParagraphFinds<'a> {
    let folded = para.text.as_str();
    let mut found = Vec::new();
    // Where each find was made, to look for its written form nearby (the paragraph may be huge).
    let mut found_at: Vec<usize> = Vec::new();
    let mut pending_role: Option<(usize, String)> = None;
    let mut singles = Vec::new();
    let g = gazetteer();
    for run in runs(tokens, vocab) {
        let slice = &folded[tokens[run.first].start..tokens[run.last].end];
        let words: Vec<&str> = if slice.contains("'s ") || slice.contains("s' ") {
            // A joined possessive run keeps its text as one name.
            vec![slice]
        } else {
            tokens[run.first..=run.last].iter().map(|t| t.text).collect()
        };
        let before = found.len();
        let title_only = (0..words.len())
            .find(|&at| is_title_at(&words, at).is_some_and(|len| at + len == words.len()))
            .filter(|&at| !is_in(&gz::HONORIFICS, words[at]));
        if words.len() == 1 && (slice.contains("'s ") || slice.contains("s' ")) {
            push_org(slice, &mut found);
        } else {
            classify(&words, &mut found);
        }
        // "according to Lloyd's List": a source the word lists do not know is an organisation.
        let after_according = run.first >= 2
            && tokens[run.first - 2].text.eq_ignore_ascii_case("according")
            && tokens[run.first - 1].text == "to"
            && !tokens[run.first].gap;
        if after_according && found.len() == before {
            let mut last = run.last;
            while tokens[last].possessive
                && tokens
                    .get(last + 1)
                    .is_some_and(|n| !n.gap && is_name_word(n.text))
            {
                last += 1;
            }
            let end = tokens[last].end;
            if let Some(name) = folded.get(tokens[run.first].start..end) {
                push_org(name, &mut found);
            }
        }
        // "Syria's Bashar al-Assad": a name right after a state's possessive is a person.
        let after_state_possessive = run.first >= 1
            && tokens[run.first - 1].possessive
            && !tokens[run.first].gap
            && g.forms
                .get(tokens[run.first - 1].text)
                .is_some_and(|k| k.kind == ActorKind::State);
        if after_state_possessive
            && let Some(f) = found.get_mut(before..).and_then(|f| f.first_mut())
            && f.kind == ActorKind::Person
        {
            f.sure = true;
        }
        // "union Unió de Pagesos", "newspaper La Vanguardia": what comes before says it is an organisation.
        if let Some(f) = found.get_mut(before..).and_then(|f| f.last_mut())
            && f.kind == ActorKind::Person
            && let Some(what) = phrase_before(tokens, run.first, folded, &gz::ORG_NOUNS)
        {
            f.kind = ActorKind::Organisation;
            f.sure = true;
            f.role.get_or_insert(what);
        }
        // Roles: "analyst Vladimir Rouvinski" before, ", senior Russia analyst at X," after.
        let last_found = found.len().checked_sub(1).filter(|&l| l >= before);
        if let Some(l) = last_found
            && found[l].kind == ActorKind::Person
        {
            let role = role_before(tokens, run.first, folded)
                .or_else(|| role_after(folded, tokens[run.last].end, tokens[run.last].possessive));
            if let Some(role) = role {
                found[l].sure = true;
                if found[l].role.is_none() {
                    found[l].role = Some(role);
                }
            }
        }
        // "The Transport Secretary, Louise Haigh, insisted": the title is the next name's role.
        if let Some((after, role)) = pending_role.take()
            && run.first == after
            && let Some(f) = found
                .get_mut(before..)
                .and_then(|f| f.iter_mut().find(|f| f.kind == ActorKind::Person))
        {
            f.sure = true;
            f.role.get_or_insert(role);
        }
        if title_only.is_some()
            && folded
                .get(tokens[run.last].end..)
                .is_some_and(|r| r.starts_with(", "))
        {
            pending_role = Some((run.last + 1, words.join(" ")));
        }
        // "Armed Conflict Location & Event Data Project (ACLED)": the acronym is its short name.
        if let Some(f) = found.get(before..).and_then(<[Found]>::last)
            && matches!(f.kind, ActorKind::Organisation | ActorKind::Group)
            && let Some(acronym) = acronym_in_brackets(tokens, run.last, folded)
        {
            found.push(Found {
                form: acronym.to_string(),
                role: None,
                ..f.clone()
            });
        }
        found_at.resize(found.len(), tokens[run.first].start);
    }
    // Capitalised words standing alone ("Brandt said", "the Post"): possible surnames and short names.
    for (i, t) in tokens.iter().enumerate() {
        if !first_upper(t.text) {
            continue;
        }
        let name_at = |j: usize| tokens.get(j).is_some_and(|n| is_name_word(n.text));
        let joined_before = i > 0 && !t.gap && name_at(i - 1) && !tokens[i - 1].possessive;
        let joined_after = !t.possessive && tokens.get(i + 1).is_some_and(|n| !n.gap) && name_at(i + 1);
        if first_upper(t.text) && !joined_before && !joined_after {
            singles.push(t.text);
        }
    }
    // "Colombia-based analyst", "US-backed resolution": the state is mentioned.
    for t in tokens {
        if !first_upper(t.text) || !t.text.as_bytes().contains(&b'-') {
            continue;
        }
        if let Some((head, tail)) = t.text.split_once('-')
            && tail.chars().all(|c| c.is_lowercase() || c == '-')
            && let Some(k) = g.forms.get(head)
            && k.kind == ActorKind::State
        {
            found.push(Found {
                name: k.name.to_string(),
                kind: k.kind,
                role: None,
                form: head.to_string(),
                sure: true,
            });
        }
    }
    // "Venezuela's transportation minister", "the Venezuelan transportation minister", "Russian state media".
    for (i, t) in tokens.iter().enumerate() {
        if !first_upper(t.text) {
            continue;
        }
        let Some(k) = g.forms.get(t.text) else { continue };
        if k.kind != ActorKind::State {
            continue;
        }
        let is_dem = g.demonyms.contains(t.text);
        if !(t.possessive || is_dem) {
            continue;
        }
        let next: Vec<&str> = tokens[i + 1..]
            .iter()
            .take(4)
            .take_while(|n| !n.gap)
            .map(|n| n.text)
            .collect();
        if is_dem && next.first() == Some(&"state") {
            if let Some(what) = next
                .get(1)
                .filter(|w| matches!(**w, "media" | "television" | "TV" | "news"))
            {
                let name = format!("{} state {}", t.text, what);
                found.push(Found {
                    name: name.clone(),
                    kind: ActorKind::Group,
                    role: None,
                    form: name,
                    sure: true,
                });
            }
            continue;
        }
        for len in (1..=3).rev() {
            if next.len() < len {
                continue;
            }
            let phrase = next[..len].join(" ");
            let office = OFFICES.iter().find(|o| phrase.ends_with(*o));
            let all_lower = next[..len]
                .iter()
                .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'));
            let followed_by_name = next.get(len).is_some_and(|w| is_name_word(w));
            // "Spain's environment minister, Teresa Ribera, said": the name is the office holder.
            let appositive = tokens.get(i + 1 + len).filter(|n| {
                next.len() == len
                    && n.gap
                    && folded.get(tokens[i + len].end..n.start) == Some(", ")
                    && is_name_word(n.text)
            });
            if let Some(n) = appositive
                && all_lower
                && OFFICES.iter().any(|o| phrase.ends_with(*o))
                && let Some(person) = found
                    .iter_mut()
                    .find(|f| f.kind == ActorKind::Person && f.name.split(' ').next() == Some(n.text))
            {
                person.sure = true;
                if person.role.is_none() {
                    person.role = Some(format!("{}’s {phrase}", k.name));
                }
                break;
            }
            let institution = [
                "government",
                "parliament",
                "central bank",
                "ministry",
                "embassy",
                "cabinet",
            ]
            .iter()
            .any(|w| phrase.ends_with(w));
            if let Some(o) = office
                && all_lower
                && !followed_by_name
                && !matches!(*o, "military" | "army" | "navy")
                && (len == 1
                    || !next[..len - 1]
                        .iter()
                        .any(|w| is_in(&gz::STOPWORDS, w) || matches!(*w, "new" | "former" | "own" | "top")))
            {
                let dem = gz::demonym_of(k.name).unwrap_or(k.name);
                // "Italy's interior ministry" is an organisation; "Venezuela's transportation
                // minister" a person the article does not name.
                found.push(Found {
                    name: format!("{dem} {phrase}"),
                    kind: if institution {
                        ActorKind::Organisation
                    } else {
                        ActorKind::Person
                    },
                    role: (!institution).then(|| format!("{}’s {phrase} (not named in the article)", k.name)),
                    form: phrase.clone(),
                    sure: true,
                });
                break;
            }
        }
    }
    // Names and roles as the article writes them ("Lloyd’s List"), where that differs.
    let mut typography = Vec::new();
    found_at.resize(found.len(), 0);
    for (f, &near) in found.iter().zip(&found_at) {
        let lo = floor_char_boundary(folded, near.saturating_sub(400));
        let hi = floor_char_boundary(folded, (near + 4000).min(folded.len()));
        let window = &folded[lo..hi.max(lo)];
        for s in std::iter::once(&f.form).chain(&f.role) {
            if s.contains(['\'', '"', '-', '.'])
                && let Some(at) = window.find(s.as_str()).map(|i| lo + i)
                && let Some(written) = original.get(para.original_range(at..at + s.len()))
            {
                let written = as_written(written);
                if written != *s {
                    typography.push((s.clone(), written));
                }
            }
        }
    }
    ParagraphFinds {
        found,
        singles,
        typography,
    }
}

/// The acronym in brackets right after token `last`: "… Project (ACLED)".
fn acronym_in_brackets<'a>(tokens: &[Token<'a>], last: usize, folded: &str) -> Option<&'a str> {
    let next = tokens.get(last + 1)?;
    (folded.get(tokens[last].end..next.start) == Some(" (")
        && folded.get(next.end..)?.starts_with(')')
        && is_acronym(next.text))
    .then_some(next.text)
}

/// "Colombia-based analyst" right before a name.
fn role_before(tokens: &[Token], first: usize, folded: &str) -> Option<String> {
    phrase_before(tokens, first, folded, &gz::ROLE_NOUNS)
}

/// "Colombia-based analyst" (a role) or "flight tracking site" (what an organisation is)
/// right before a name: a noun from `nouns` and up to three modifiers.
fn phrase_before(tokens: &[Token], first: usize, folded: &str, nouns: &WordList) -> Option<String> {
    if first == 0 {
        return None;
    }
    // "the Treasury’s chief secretary, Darren Jones, said": an apposition closed by a comma.
    let appositive =
        tokens[first].gap && folded.get(tokens[first - 1].end..tokens[first].start) == Some(", ") && {
            let mut last = first;
            while tokens
                .get(last + 1)
                .is_some_and(|n| !n.gap && is_name_word(n.text))
            {
                last += 1;
            }
            folded
                .get(tokens[last].end..)
                .is_some_and(|rest| rest.starts_with(','))
        };
    if tokens[first].gap && !appositive {
        return None;
    }
    let noun = &tokens[first - 1];
    if !is_in(nouns, &noun.text.to_lowercase()) || first_upper(noun.text) {
        return None;
    }
    let mut start = first - 1;
    while start > 0 && first - start < 4 && !tokens[start].gap {
        let w = tokens[start - 1].text;
        if is_in(&gz::STOPWORDS, w)
            || matches!(
                w,
                "a" | "an"
                    | "the"
                    | "said"
                    | "says"
                    | "by"
                    | "to"
                    | "of"
                    | "with"
                    | "and"
                    | "from"
                    | "at"
                    | "in"
                    | "on"
                    | "as"
            )
            || matches!(w, "its" | "his" | "her" | "their" | "our" | "my" | "your")
        {
            break;
        }
        if tokens[start - 1].possessive {
            // "the Treasury’s chief secretary": the owner belongs to the role; stop there.
            if first_upper(w) {
                start -= 1;
            }
            break;
        }
        start -= 1;
    }
    Some(folded[tokens[start].start..noun.end].to_string())
}

/// ", senior Russia analyst at the Crisis Group," right after a name.
fn role_after(folded: &str, end: usize, possessive: bool) -> Option<String> {
    if possessive {
        return None;
    }
    let rest = folded.get(end..)?.strip_prefix(", ")?;
    let mut role_end = 0;
    let mut first = true;
    for seg in rest.split_inclusive([',', '.', ';', '"', '(', ')']) {
        let body = seg.trim_end_matches([',', '.', ';', '"', '(', ')']).trim();
        let first_word = body.split_whitespace().next().unwrap_or("");
        let lower_first = first_word.to_lowercase();
        if is_in(&gz::REPORTING_VERBS, &lower_first)
            || matches!(
                lower_first.as_str(),
                "who"
                    | "which"
                    | "whose"
                    | "whom"
                    | "but"
                    | "while"
                    | "has"
                    | "have"
                    | "had"
                    | "is"
                    | "was"
                    | "are"
                    | "were"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "did"
                    | "does"
                    | "also"
            )
        {
            break;
        }
        if first {
            let words: Vec<String> = body
                .split_whitespace()
                .take(7)
                .map(|w| w.to_lowercase())
                .collect();
            if !words.iter().any(|w| is_in(&gz::ROLE_NOUNS, w)) || body.split_whitespace().count() > 20 {
                return None;
            }
            first = false;
        } else if body.split_whitespace().count() > 14 {
            break;
        }
        role_end += seg.len();
        if !seg.ends_with(',') {
            break;
        }
    }
    let role = rest
        .get(..role_end)?
        .trim()
        .trim_end_matches([',', '.', ';', '"', '(', ')'])
        .trim();
    let role = [" who ", " which ", " whose ", " where "]
        .iter()
        .filter_map(|w| role.find(w))
        .min()
        .map_or(role, |i| &role[..i]);
    let role = role
        .strip_prefix("an ")
        .or_else(|| role.strip_prefix("a "))
        .or_else(|| role.strip_prefix("the "))
        .unwrap_or(role);
    (!role.is_empty() && role.len() <= 200).then(|| role.to_string())
}

/// The actors of the article, merged.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub sure: bool,
}

/// Merges paragraph finds into one list of actors in order of first appearance.
pub fn merge(finds: Vec<ParagraphFinds<'_>>, publisher: Option<&str>) -> Vec<Actor> {
    let mut written: HashMap<String, String> = HashMap::default();
    for pf in &finds {
        for (folded, original) in &pf.typography {
            written.entry(folded.clone()).or_insert_with(|| original.clone());
        }
    }
    let mut actors: Vec<Actor> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::default();
    let mut singles: HashMap<&str, usize> = HashMap::default();
    for pf in finds {
        for s in pf.singles {
            if let Some(n) = singles.get_mut(s) {
                *n += 1;
            } else {
                singles.insert(s, 1);
            }
        }
        for f in pf.found {
            let i = *by_name.entry(f.name.clone()).or_insert_with(|| {
                actors.push(Actor {
                    name: f.name.clone(),
                    kind: f.kind,
                    role: None,
                    aliases: Vec::new(),
                    sure: false,
                });
                actors.len() - 1
            });
            let a = &mut actors[i];
            a.sure |= f.sure;
            if a.role.is_none() {
                a.role = f.role;
            }
            if f.form != a.name && !a.aliases.contains(&f.form) {
                a.aliases.push(f.form);
            }
        }
    }
    // One-word people ("President Trump") join the full name with that surname.
    let surname = |name: &str| name.rsplit(' ').next().unwrap_or(name).to_string();
    let mut surnames: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, a) in actors.iter().enumerate() {
        if a.kind == ActorKind::Person
            && a.name.contains(' ')
            && !a.name.chars().next().is_some_and(char::is_lowercase)
        {
            surnames.entry(surname(&a.name)).or_default().push(i);
            if let Some((_, bare)) = surname(&a.name).split_once('-')
                && first_upper(bare)
            {
                surnames.entry(bare.to_string()).or_default().push(i);
            }
        }
    }
    let mut drop = HashSet::default();
    for (i, a) in actors.iter().enumerate() {
        // "according to Levy" made an organisation of a surname: it is the person.
        let bare_source = a.kind == ActorKind::Organisation && !is_acronym(&a.name);
        if (a.kind == ActorKind::Person || bare_source)
            && !a.name.contains(' ')
            && let Some(owners) = surnames.get(&a.name)
            && owners.len() == 1
        {
            drop.insert((i, owners[0]));
        }
    }
    for &(from, into) in &drop {
        let (name, role, sure) = (
            actors[from].name.clone(),
            actors[from].role.clone(),
            actors[from].sure,
        );
        let target = &mut actors[into];
        if !target.aliases.contains(&name) {
            target.aliases.push(name);
        }
        target.sure |= sure;
        if target.role.is_none() {
            target.role = role;
        }
    }
    for (s, owners) in &surnames {
        if owners.len() == 1 && singles.contains_key(s.as_str()) {
            let a = &mut actors[owners[0]];
            if !a.aliases.contains(s) {
                a.aliases.push(s.clone());
                a.sure = true;
            }
        }
    }
    // Newspapers are "the Post" after the first mention.
    for a in &mut actors {
        if a.kind == ActorKind::Organisation && a.name.contains(' ') && is_outlet(&a.name) {
            let last = surname(&a.name);
            if singles.contains_key(last.as_str()) && !a.aliases.contains(&last) {
                a.aliases.push(last);
            }
        }
    }
    // "Acme Corp" is "Acme" after the first mention.
    for a in &mut actors {
        if let Some(short) = without_corporate_suffix(&a.name) {
            a.kind = ActorKind::Organisation;
            if !a.aliases.iter().any(|al| al == short) {
                a.aliases.push(short.to_string());
            }
        }
    }
    // "Massy Stores" is "Massy" where "Massy" stands alone in the text.
    for a in &mut actors {
        if a.kind != ActorKind::Organisation {
            continue;
        }
        if let Some((head, last)) = a.name.rsplit_once(' ')
            && is_in(&gz::TRADE_WORDS, last)
            && !head.contains(' ')
            && singles.contains_key(head)
            && !a.aliases.iter().any(|al| al == head)
        {
            a.aliases.push(head.to_string());
        }
    }
    // Acronyms join the organisation they abbreviate ("RFE/RL"), the publisher included.
    let mut publisher_actor = None;
    for i in 0..actors.len() {
        if actors[i].kind != ActorKind::Organisation || !is_acronym(&actors[i].name) {
            continue;
        }
        let letters: String = actors[i].name.chars().filter(|c| c.is_alphabetic()).collect();
        let target = (0..actors.len())
            .find(|&j| j != i && actors[j].aliases.contains(&actors[i].name))
            .or_else(|| {
                (0..actors.len()).find(|&j| {
                    j != i
                        && actors[j].kind == ActorKind::Organisation
                        && initials(&actors[j].name) == letters
                })
            });
        // "California ISO" for "California Independent System Operator": the place stays written out.
        let place_led = target.is_none().then(|| {
            (0..actors.len()).find(|&j| {
                j != i
                    && actors[j].kind == ActorKind::Organisation
                    && place_led_initials(&actors[j].name).is_some_and(|(_, init)| init == letters)
            })
        });
        if let Some(j) = place_led.flatten() {
            drop.insert((i, j));
            let name = actors[i].name.clone();
            if let Some((place, _)) = place_led_initials(&actors[j].name) {
                let form = format!("{place} {name}");
                if !actors[j].aliases.contains(&form) {
                    actors[j].aliases.push(form);
                }
            }
            if !actors[j].aliases.contains(&name) {
                actors[j].aliases.push(name);
            }
        } else if let Some(j) = target {
            drop.insert((i, j));
            let name = actors[i].name.clone();
            if !actors[j].aliases.contains(&name) {
                actors[j].aliases.push(name);
            }
        } else if let Some(p) = publisher
            && initials(p) == letters
        {
            publisher_actor = Some((i, p.to_string()));
        }
    }
    if let Some((i, p)) = publisher_actor {
        let a = &mut actors[i];
        let acronym = std::mem::replace(&mut a.name, p);
        a.aliases.insert(0, acronym);
        a.role = Some("publisher of the article".into());
    }
    let dropped: HashSet<usize> = drop.iter().map(|&(from, _)| from).collect();
    let mut kept: Vec<Actor> = actors
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains(i))
        .map(|(_, a)| a)
        .collect();
    // A form claimed by two actors would link to both: keep it only where it is the name.
    let mut owners: HashMap<String, usize> = HashMap::default();
    for a in &kept {
        for f in std::iter::once(&a.name).chain(&a.aliases) {
            *owners.entry(crate::text::fold(f)).or_default() += 1;
        }
    }
    for a in &mut kept {
        a.aliases
            .retain(|al| owners.get(&crate::text::fold(al)).copied().unwrap_or(0) <= 1);
    }
    for a in &mut kept {
        let as_written = |s: &mut String| {
            if let Some(w) = written.get(s.as_str()) {
                *s = w.clone();
            }
        };
        as_written(&mut a.name);
        a.aliases.iter_mut().for_each(as_written);
        if let Some(r) = &mut a.role {
            as_written(r);
        }
    }
    kept
}

/// "Acme Corp" → "Acme": the name before a closing legal suffix, when a name is left.
fn without_corporate_suffix(name: &str) -> Option<&str> {
    let (head, last) = name.trim_end().rsplit_once(' ')?;
    let head = head.trim_end_matches(',').trim_end();
    (is_in(&gz::CORPORATE_SUFFIXES, last) && head.chars().next().is_some_and(char::is_uppercase))
        .then_some(head)
}

/// "California Independent System Operator" → ("California", "ISO"): a name led by
/// a place, and the initials of the rest.
fn place_led_initials(name: &str) -> Option<(&str, String)> {
    let (place, rest) = name.split_once(' ')?;
    let is_place = gazetteer()
        .forms
        .get(place)
        .is_some_and(|k| k.kind == ActorKind::State);
    (is_place && rest.contains(' ')).then(|| (place, initials(rest)))
}

fn initials(name: &str) -> String {
    name.split([' ', '/', '-'])
        .filter(|w| first_upper(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, ActorKind, Option<String>)> {
        let folded = Folded::new(text);
        let tokens = vec![tokenize(&folded.text)];
        let vocab = Vocabulary::build(&tokens);
        let pf = find_in_paragraph(&folded, text, &tokens[0], &vocab);
        pf.found.into_iter().map(|f| (f.name, f.kind, f.role)).collect()
    }

    #[test]
    fn tokens_keep_abbreviations_and_possessives() {
        let t = tokenize("The U.S. and Venezuela's Nicolas Maduro met Mr. Smith. Then");
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "The",
                "U.S.",
                "and",
                "Venezuela",
                "Nicolas",
                "Maduro",
                "met",
                "Mr.",
                "Smith",
                "Then"
            ]
        );
        assert!(t[3].possessive);
        assert!(!t[8].sentence_start);
        assert!(t[9].sentence_start);
    }

    #[test]
    fn titles_split_runs() {
        let n = names("On November 1, Russian Foreign Ministry Spokeswoman Maria Zakharova said so.");
        assert!(n.contains(&("Russian Foreign Ministry".into(), ActorKind::Organisation, None)));
        assert!(n.contains(&(
            "Maria Zakharova".into(),
            ActorKind::Person,
            Some("Russian Foreign Ministry Spokeswoman".into())
        )));
        let n = names("He met Secretary of State Marco Rubio and US President Donald Trump.");
        assert!(n.iter().any(|(name, _, role)| name == "Marco Rubio" && role.as_deref() == Some("Secretary of State")), "{n:?}");
        assert!(n.iter().any(|(name, _, _)| name == "United States"));
    }

    #[test]
    fn corporate_suffix_gives_the_short_name() {
        assert_eq!(without_corporate_suffix("Acme Corp"), Some("Acme"));
        assert_eq!(
            without_corporate_suffix("Blue Harbor Holdings, Inc."),
            Some("Blue Harbor Holdings")
        );
        assert_eq!(without_corporate_suffix("Acme Foods"), None);
        assert_eq!(without_corporate_suffix("Ltd"), None);
    }

    #[test]
    fn roles_before_and_after_names() {
        let n = names("In 2020, Colombia-based analyst Vladimir Rouvinski wrote that.");
        assert!(n.iter().any(|(name, _, role)| name == "Vladimir Rouvinski"
            && role.as_deref() == Some("Colombia-based analyst")));
        let n = names("\"Yes,\" Oleg Ignatov, senior Russia analyst at the Crisis Group, told RFE/RL.");
        assert!(n.iter().any(|(name, _, role)| name == "Oleg Ignatov"
            && role.as_deref() == Some("senior Russia analyst at the Crisis Group")));
        assert!(
            n.iter()
                .any(|(name, k, _)| name == "Crisis Group" && *k == ActorKind::Organisation)
        );
    }
}
