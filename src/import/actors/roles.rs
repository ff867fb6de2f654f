//! Roles around a name: "Colombia-based analyst Vladimir Rouvinski" before it,
//! ", senior Russia analyst at the Crisis Group," after it.

use super::super::gazetteer::{self as gz, WordList, is_in};
use super::Token;
use super::words::{first_upper, is_name_word};

/// "Colombia-based analyst" right before a name.
pub(super) fn role_before(tokens: &[Token], first: usize, folded: &str) -> Option<String> {
    phrase_before(tokens, first, folded, &gz::ROLE_NOUNS)
}

/// "Colombia-based analyst" (a role) or "flight tracking site" (what an organisation is)
/// right before a name: a noun from `nouns` and up to three modifiers.
pub(super) fn phrase_before(
    tokens: &[Token],
    first: usize,
    folded: &str,
    nouns: &WordList,
) -> Option<String> {
    if first == 0 || (tokens[first].gap && !in_apposition(tokens, first, folded)) {
        return None;
    }
    let noun = &tokens[first - 1];
    if !is_in(nouns, &noun.text.to_lowercase()) || first_upper(noun.text) {
        return None;
    }
    let mut start = first - 1;
    while start > 0 && first - start < 4 && !tokens[start].gap {
        let w = tokens[start - 1].text;
        if ends_modifiers(w) {
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

/// "the Treasury’s chief secretary, Darren Jones, said": a name set off by commas.
fn in_apposition(tokens: &[Token], first: usize, folded: &str) -> bool {
    if folded.get(tokens[first - 1].end..tokens[first].start) != Some(", ") {
        return false;
    }
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
}

/// "when", "while": a stopword written in lowercase.
fn capitalised_stopword(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase) && {
        let upper: String = w
            .chars()
            .take(1)
            .flat_map(char::to_uppercase)
            .chain(w.chars().skip(1))
            .collect();
        is_in(&gz::STOPWORDS, &upper)
    }
}

/// Words that come before a role's modifiers, never among them.
fn ends_modifiers(w: &str) -> bool {
    is_in(&gz::STOPWORDS, w)
        || capitalised_stopword(w)
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
}

/// A clause's first word after a name: the apposition has ended ("who", "said", "was").
fn starts_clause(first_word: &str) -> bool {
    let lower_first = first_word.to_lowercase();
    is_in(&gz::REPORTING_VERBS, &lower_first)
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
}

const ROLE_STOPS: [char; 6] = [',', '.', ';', '"', '(', ')'];

/// ", senior Russia analyst at the Crisis Group," right after a name.
pub(super) fn role_after(folded: &str, end: usize, possessive: bool) -> Option<String> {
    if possessive {
        return None;
    }
    let rest = folded.get(end..)?.strip_prefix(", ")?;
    let role = rest
        .get(..role_length(rest)?)?
        .trim()
        .trim_end_matches(ROLE_STOPS)
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

/// How much of `rest` (the text after a name's comma) is its role: segments up to
/// a clause, the first holding a role noun; `None` when it holds none.
fn role_length(rest: &str) -> Option<usize> {
    let mut role_end = 0;
    let mut first = true;
    for seg in rest.split_inclusive(ROLE_STOPS) {
        let body = seg.trim_end_matches(ROLE_STOPS).trim();
        if starts_clause(body.split_whitespace().next().unwrap_or("")) {
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
    Some(role_end)
}
