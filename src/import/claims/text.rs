//! Clause boundaries, claim text, masking and channels: the text around a claim.

use super::*;

/// Where the clause holding `at` starts: after the last quote, ";", dash or the
/// sentence start, looking back no further than the window.
pub(super) fn clause_floor(s: &Sentence, at: usize) -> usize {
    let mut floor = s.range.start.max(at.saturating_sub(WINDOW));
    while !s.text.is_char_boundary(floor) {
        floor += 1;
    }
    let k = s.spans.partition_point(|(_, r)| r.end <= at);
    if k > 0 {
        floor = floor.max(s.spans[k - 1].1.end + 1);
    }
    let before = s.text.get(floor..at).unwrap_or("");
    let cut = [" - ", "; ", ": "]
        .iter()
        .filter_map(|sep| before.rfind(sep).map(|i| i + sep.len()))
        .max();
    let floor = floor + cut.unwrap_or(0);
    let rest = s.text.get(floor..at).unwrap_or("");
    floor + (rest.len() - rest.trim_start_matches([',', ' ', '"', '\'']).len())
}

/// The claim's text: its anchor when that reads as a clause of its own, else the
/// article's sentence, so that nothing is stated that the article does not state
/// ("when asked if media reports that …" is not "Media reports that …").
pub(super) fn claim_text(s: &Sentence, anchor: &Range<usize>, anchor_text: &str) -> String {
    let before = s.text.get(s.range.start..anchor.start).unwrap_or("").trim_end();
    let last_word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let boundary = before.is_empty()
        || before.ends_with([',', ';', ':', '-', '('])
        || matches!(last_word.as_str(), "and" | "but" | "yet" | "so" | "while") && {
            let rest = before[..before.len() - last_word.len()].trim_end();
            rest.ends_with([',', ';'])
        };
    let subordinate = matches!(
        last_word.as_str(),
        "if" | "whether"
            | "that"
            | "whom"
            | "who"
            | "which"
            | "when"
            | "because"
            | "although"
            | "though"
            | "unless"
            | "as"
            | "since"
            | "after"
            | "before"
            | "where"
            | "why"
            | "how"
            | "what"
            | "asked"
    );
    // "explained that …": the verb without its subject is no clause of its own.
    let first_word = anchor_text.split_whitespace().next().unwrap_or("");
    let verb_first = is_in(&gz::REPORTING_VERBS, first_word);
    if verb_first || !boundary || subordinate && !before.ends_with([',', ';', ':']) {
        // A run-on "sentence" is no text to show: the fragment, marked as one.
        if s.range.len() > 2 * LONGEST_CLAUSE {
            return format!("…{anchor_text}…");
        }
        return s.original().to_string();
    }
    let mut text = anchor_text.to_string();
    if let Some(first) = text.chars().next() {
        let upper: String = first.to_uppercase().collect();
        text.replace_range(..first.len_utf8(), &upper);
    }
    if !text.ends_with(['.', '?', '!']) {
        text.push('.');
    }
    text
}

/// The longest clause read (bytes): a claim is a clause, not a whole run-on text.
pub(super) const LONGEST_CLAUSE: usize = 600;

/// `at` moved back to a character boundary of `text`.
pub(super) fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The start of the clause holding `at`: after the last " - ", ";" or sentence start
/// (looking back at most one clause's length).
pub(super) fn clause_start(text: &str, sentence_start: usize, at: usize) -> usize {
    let from = floor_boundary(text, sentence_start.max(at.saturating_sub(LONGEST_CLAUSE)));
    let before = &text[from..at];
    [" - ", "; ", ", but ", ", and "]
        .iter()
        .filter_map(|sep| before.rfind(sep).map(|i| from + i + sep.len()))
        .max()
        .unwrap_or(from)
}

/// Where a reported clause ends: the sentence end, a quote, "- ", ";", ", but" or
/// ", according to"; a long one at a comma, and none longer than [`LONGEST_CLAUSE`].
pub(super) fn clause_end(
    text: &str,
    from: usize,
    sentence_end: usize,
    spans: &[(usize, Range<usize>)],
) -> usize {
    let from = from.min(sentence_end);
    let limit = floor_boundary(text, sentence_end.min(from + LONGEST_CLAUSE));
    let rest = &text[from..limit];
    // One pass: the first " - ", "; ", ", according to" or ", but ".
    let bytes = rest.as_bytes();
    let stop = bytes.iter().enumerate().position(|(i, &b)| {
        let tail = &bytes[i..];
        match b {
            b'-' => i > 0 && bytes[i - 1] == b' ' && tail.starts_with(b"- "),
            b';' => tail.starts_with(b"; "),
            b',' => tail.starts_with(b", according to") || tail.starts_with(b", but "),
            _ => false,
        }
    });
    let mut end = match stop {
        Some(i) if rest.as_bytes()[i] == b'-' => from + i - 1,
        Some(i) => from + i,
        None => limit,
    };
    // The opening quote mark sits just before the content. A word or two in quotes
    // ("he took “solace” from …") is part of the clause, not a quote of its own.
    let k = spans.partition_point(|(_, r)| r.start <= from);
    if let Some((_, r)) = spans[k.min(spans.len())..]
        .iter()
        .take_while(|(_, r)| r.start - 1 < end)
        .find(|(_, r)| r.end >= end || !is_scare_quote(text, r))
        && r.start - 1 < end
    {
        end = r.start - 1;
    }
    // Long clauses stop at a comma after 200 bytes, else at a word.
    if end - from > 300 {
        let at = floor_boundary(text, from + 200);
        if let Some(i) = text[at..end].find(", ") {
            end = at + i;
        } else if end == limit && limit < sentence_end {
            end = text[from..limit].rfind(' ').map_or(limit, |i| from + i);
        }
    }
    end
}

/// Whether `s` has at least `n` words (counting no further).
pub(super) fn has_words(s: &str, n: usize) -> bool {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(n)
        .count()
        >= n
}

/// Trims spaces and final punctuation off `start..end`; `None` if too short.
pub(super) fn clause_trim(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let s = text.get(start..end)?;
    let mut lead = s.len() - s.trim_start().len();
    let mut t = s.trim();
    for connective in [
        "However, ",
        "But ",
        "And ",
        "Meanwhile, ",
        "Still, ",
        "Yet ",
        "So ",
    ] {
        if let Some(rest) = t.strip_prefix(connective) {
            lead += connective.len();
            t = rest;
        }
    }
    loop {
        let trimmed = t.trim_end_matches([',', '.', ';', ':', ' ', '-', '"']);
        let last = trimmed.rsplit(' ').next().unwrap_or("");
        if matches!(
            last,
            "in" | "of"
                | "to"
                | "at"
                | "as"
                | "the"
                | "a"
                | "an"
                | "and"
                | "for"
                | "with"
                | "by"
                | "on"
                | "was"
                | "is"
                | "were"
                | "are"
        ) && trimmed.len() > last.len()
        {
            t = &trimmed[..trimmed.len() - last.len()];
        } else {
            t = trimmed;
            break;
        }
    }
    has_words(t, 3).then(|| start + lead..start + lead + t.len())
}

/// The sentence with quote contents blanked, for dates and channels.
pub(super) fn mask<'t>(
    text: &'t str,
    sentence: &Range<usize>,
    spans: &[(usize, Range<usize>)],
) -> std::borrow::Cow<'t, str> {
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(&text[sentence.clone()]);
    }
    // One walk over the sentence and the (ordered) quotes together.
    let mut out = String::with_capacity(sentence.len());
    let mut at = sentence.start;
    for (_, r) in spans {
        let (qs, qe) = (r.start.clamp(at, sentence.end), r.end.clamp(at, sentence.end));
        out.push_str(&text[at..qs]);
        if qe > qs && !out.ends_with(' ') {
            out.push(' ');
        }
        at = qe;
    }
    out.push_str(&text[at..sentence.end]);
    std::borrow::Cow::Owned(out)
}

pub(super) fn date_phrase(masked: &str) -> String {
    // The first few words around a month, number or relative word: enough for a comment.
    let words: Vec<&str> = masked.split_whitespace().collect();
    let hit = words.iter().position(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let w = w.strip_prefix("mid-").unwrap_or(w);
        gz::is_month(w).is_some()
            || matches!(
                w.to_lowercase().as_str(),
                "earlier" | "later" | "ago" | "yesterday" | "today"
            )
    });
    match hit {
        Some(i) => words[i.saturating_sub(2)..(i + 2).min(words.len())]
            .join(" ")
            .trim_matches(|c: char| c == ',' || c == '.')
            .to_string(),
        None => String::new(),
    }
}

/// The channel of a statement: "in an e-mailed comment to RFE/RL", "a CBS interview".
pub(super) fn via(masked: &str) -> Option<String> {
    let words: Vec<&str> = masked.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if !is_in(&gz::CHANNELS, &clean_word(w)) {
            continue;
        }
        let Some(start) = channel_start(&words, i) else {
            continue;
        };
        let mut parts: Vec<String> = words[start..=i]
            .iter()
            .map(|w| clean_word(w))
            .filter(|w| gz::is_month(w).is_none() && !w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty())
            .collect();
        channel_object(&words, i, &mut parts);
        while parts
            .last()
            .is_some_and(|p| matches!(p.as_str(), "in" | "on" | "the" | "to" | "by" | "and"))
        {
            parts.pop();
        }
        let mut v = parts.join(" ");
        if !v.contains(" to ")
            && let Some(t) = words.iter().position(|w| matches!(*w, "told" | "tells"))
            && let Some(to) = words.get(t + 1).map(|w| clean_word(w))
            && to.chars().next().is_some_and(char::is_uppercase)
        {
            v = if v.ends_with("interview") && !v.contains(' ') {
                format!("{to} {v}")
            } else {
                format!("{v} to {to}")
            };
        }
        if !v.is_empty() {
            return Some(v);
        }
    }
    None
}

pub(super) fn clean_word(w: &str) -> String {
    w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '"' | '(' | ')'))
        .to_string()
}

/// Walks back from the channel word `i` over modifiers to a preposition ("in an
/// e-mailed comment"), or to "A" opening the sentence ("A CBS interview released
/// on ..."); "The letter was to be delivered" is not a channel.
pub(super) fn channel_start(words: &[&str], i: usize) -> Option<usize> {
    let mut start = i;
    while start > 0 && i - start < 5 {
        let pl = clean_word(words[start - 1]).to_lowercase();
        let preposition = matches!(pl.as_str(), "in" | "during" | "via" | "through" | "on" | "at");
        let article = matches!(pl.as_str(), "an" | "a" | "the" | "his" | "her" | "their" | "its");
        let before_article = if start >= 2 {
            clean_word(words[start - 2]).to_lowercase()
        } else {
            String::new()
        };
        let after_preposition = matches!(
            before_article.as_str(),
            "in" | "during" | "via" | "through" | "on" | "at" | "told"
        );
        if preposition
            || (article && (after_preposition || (start == 1 && matches!(pl.as_str(), "a" | "an"))))
        {
            return Some(start);
        }
        // "calls on Thursday for the release of …": a channel is never inside a "for" phrase.
        let crossed = matches!(pl.as_str(), "for" | "of" | "about");
        if words[start - 1].ends_with(',') || words[start - 1].ends_with('.') || crossed {
            return None;
        }
        start -= 1;
    }
    None
}

/// "... to RFE/RL", "... about the strikes on boats", "published by X": what
/// follows the channel word `i`, up to a date or the end of the clause.
pub(super) fn channel_object(words: &[&str], i: usize, parts: &mut Vec<String>) {
    let ends_clause = |w: &str| w.ends_with(',') || w.ends_with('.') || w.ends_with(';');
    let opens = words.get(i + 1).map(|w| clean_word(w).to_lowercase());
    if ends_clause(words[i])
        || !opens.is_some_and(|n| {
            matches!(
                n.as_str(),
                "to" | "about" | "on" | "with" | "published" | "by" | "for"
            )
        })
    {
        return;
    }
    let datey = |x: &str| {
        gz::is_month(x).is_some()
            || is_in(&gz::WEEKDAYS, x)
            || (!x.is_empty() && x.chars().all(|c| c.is_ascii_digit()))
            || matches!(x, "yesterday" | "today" | "earlier" | "last" | "this")
    };
    for (extra, (k, w)) in words.iter().enumerate().skip(i + 1).take(9).enumerate() {
        let cw = clean_word(w);
        let next_datey = words.get(k + 1).is_some_and(|n| datey(&clean_word(n)));
        if datey(&cw) || (matches!(cw.as_str(), "on" | "in" | "last" | "this") && next_datey) {
            break;
        }
        if extra > 0 && matches!(cw.as_str(), "in" | "that" | "when" | "after" | "before") {
            break;
        }
        parts.push(cw);
        if ends_clause(w) {
            break;
        }
    }
}
