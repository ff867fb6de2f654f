//! Words of folded text, with what the run splitter needs to know about each:
//! a possessive after it, whether it opens a sentence, punctuation before it.

use super::words::ABBREVIATIONS;

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

fn is_alnum_at(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_some_and(char::is_alphanumeric)
}

pub fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut prev_end = 0;
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
        let (end, possessive) = word_end(s, start);
        let gap = !s[prev_end..start].chars().all(char::is_whitespace) || tokens.is_empty();
        let sentence_start = opens_sentence(s, start, &tokens);
        // The possessive's "'s" or "'" is skipped, so it never starts a gap.
        let skip = if possessive {
            if s[end..].starts_with("'s") { 2 } else { 1 }
        } else {
            0
        };
        tokens.push(Token {
            text: &s[start..end],
            start,
            end,
            possessive,
            sentence_start,
            gap,
        });
        prev_end = end + skip;
        i = end + skip.max(if end == start { 1 } else { 0 });
    }
    tokens
}

/// Where the word starting at `start` ends, and whether a possessive follows it.
/// Apostrophes, hyphens, slashes and ampersands between letters stay inside.
fn word_end(s: &str, start: usize) -> (usize, bool) {
    let mut end = start;
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
                if s[next..].starts_with('s') && !(next + 1 < s.len() && is_alnum_at(s, next + 1)) {
                    return (end, true);
                }
                if next < s.len() && is_alnum_at(s, next) {
                    end = next;
                    continue;
                }
                return (end, word.ends_with('s'));
            }
            '-' | '/' | '&' if next < s.len() && is_alnum_at(s, next) => end = next,
            '.' => match after_dot(s, start, end) {
                Dot::Continues(at) => end = at,
                Dot::Ends(at) => return (at, false),
            },
            _ => break,
        }
    }
    (end, false)
}

enum Dot {
    /// The word goes on after the dot ("U.S.", "Amazon.com").
    Continues(usize),
    /// The word ends here, at or after the dot.
    Ends(usize),
}

/// A dot at `end` inside or after the word `s[start..end]`: part of a web address,
/// of an abbreviation or initials, or a full stop.
fn after_dot(s: &str, start: usize, end: usize) -> Dot {
    let next = end + 1;
    let word = &s[start..end];
    // "Amazon.com": a web address is one word.
    let tld: String = s[next..].chars().take_while(char::is_ascii_lowercase).collect();
    if matches!(tld.as_str(), "com" | "org" | "net" | "io")
        && !s[next + tld.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        return Dot::Continues(next + tld.len());
    }
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.') || (single_capital && next < s.len() && is_alnum_at(s, next));
    if dotted && next < s.len() && is_alnum_at(s, next) {
        return Dot::Continues(next);
    }
    if single_capital || dotted || ABBREVIATIONS.contains(word) {
        Dot::Ends(next)
    } else {
        Dot::Ends(end)
    }
}

/// Whether the word at `start` opens a sentence: nothing before it, a full stop
/// that ends no abbreviation, "!", "?", ":", a bracket or an opening quote.
fn opens_sentence(s: &str, start: usize, tokens: &[Token]) -> bool {
    let before = s[..start].trim_end();
    match before.chars().next_back() {
        None => true,
        Some('.') => !tokens
            .last()
            .is_some_and(|t| t.end == before.len() && ABBREVIATIONS.contains(t.text.trim_end_matches('.'))),
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
}
