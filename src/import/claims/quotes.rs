//! Direct quotes: finding them, the sentences around them, and who said them.

use super::*;

impl<'a> Finder<'a> {
    /// Direct quotes that open in this sentence, with their speakers, and the
    /// words between a quote and its attribution.
    pub(super) fn quote_claims(
        &self,
        s: &Sentence,
        quotes: &[Quote],
        d: &mut Discourse,
        out: &mut Vec<DraftClaim>,
    ) {
        for (k, (qi, range)) in s.spans.iter().enumerate() {
            let q = &quotes[*qi];
            if q.first_para != s.pi || range.start < s.range.start || range.start >= s.range.end {
                continue;
            }
            let words = s.text[range.clone()].split_whitespace().take(6).count();
            // "Harbour Talk Tonight", "Free, Prior and Informed Consent": a name, not words said.
            if words >= 2 && is_scare_quote(s.text, range) && is_title_case(&s.text[range.clone()]) {
                continue;
            }
            // "the paper titled “…”": a title, not words said.
            if is_titled(s.text, range) {
                continue;
            }
            let prev_end = s.prev_quote_end(k);
            let named_before = s
                .mentions_in(prev_end.max(s.range.start)..range.start)
                .iter()
                .rev()
                .find(|m| !s.in_quote(m.start) && self.is_person(m.actor))
                .map(|m| m.actor);
            let att = match self.quote_attribution(s, k) {
                Some(att) => att,
                None => match d
                    .carried_speaker(s.pi, words, named_before, self)
                    .or_else(|| self.speaker_next_sentence(s, range, words))
                {
                    Some(att) => att,
                    None if words < 6 => continue, // a scare quote or a title, not a claim
                    None => {
                        // Nobody to give it to: left out (and counted) rather than guessed.
                        d.unattributed(q.last_para);
                        continue;
                    }
                },
            };
            let (sec_range, quote_text) = self.quote_span(s.paras, q);
            let Some(sec_range) = sec_range else { continue };
            let about = self.quote_about(s, range, att.speaker);
            d.spoke(q.last_para, &att, self);
            let (date, date_words) = att
                .verb
                .map_or((None, None), |v| self.date_at(s, s.tokens[v].end, d));
            let (date, date_words) = match date {
                Some(x) => (Some(x), date_words),
                None => (s.date.clone(), s.date_words.clone()),
            };
            out.push(DraftClaim {
                section: s.para.section,
                span: sec_range,
                speaker: att.speaker,
                about,
                kind: ClaimKind::Quote,
                text: quote_text,
                anchor: None,
                date: date.clone(),
                date_words: date_words.clone(),
                via: None,
                doubt: att.doubt.clone(),
            });
            if let Some(middle) = self.quote_middle(s, range, q, &att) {
                let made = Made {
                    speaker: att.speaker,
                    kind: ClaimKind::Paraphrase,
                    doubt: att.doubt.clone(),
                };
                self.push_claim(out, s, middle, made, (&date, &date_words));
            }
        }
    }

    /// "“…” Manning reminded senators that …": a quote that is a sentence of its
    /// own, followed in its paragraph by a sentence opening on a person and a verb
    /// of saying, is likely that person's; a doubt.
    pub(super) fn speaker_next_sentence(
        &self,
        s: &Sentence,
        range: &Range<usize>,
        words: usize,
    ) -> Option<Attribution> {
        let marks = |c: char| c == '"' || c.is_whitespace() || matches!(c, '.' | ',' | '!' | '?');
        let lead = s.text.get(s.range.start..range.start)?;
        let tail = s.text.get(range.end..s.range.end)?;
        if words < 6 || !lead.trim_matches(marks).is_empty() || !tail.trim_matches(marks).is_empty() {
            return None;
        }
        let rest = s.text.get(s.range.end..)?;
        let at = s.range.end + (rest.len() - rest.trim_start_matches(marks).len());
        let m = s
            .mentions_in(at..at + 1)
            .first()
            .filter(|m| !m.possessive && self.is_person(m.actor) && !self.is_vague(m.actor))?;
        let k = s.tokens.partition_point(|t| t.start < m.end);
        let verb = s
            .tokens
            .get(k)
            .filter(|t| !t.gap && is_in(&gz::REPORTING_VERBS, t.text))?;
        let why = format!(
            "speaker named in the sentence after the quote (“{} {}”)",
            s.text.get(m.start..m.end).unwrap_or_default(),
            verb.text
        );
        Some(Attribution::doubtful(Some(m.actor), why))
    }

    /// Who a quote is given to by the verbs around it: the nearest verb after the
    /// quote when it opens the sentence, else the nearest before (a person first).
    pub(super) fn quote_attribution(&self, s: &Sentence, k: usize) -> Option<Attribution> {
        let range = &s.spans[k].1;
        let prev_end = s.prev_quote_end(k);
        let next_start = s
            .spans
            .get(k + 1)
            .map_or(s.range.end, |(_, r)| r.start.min(s.range.end));
        let lo = s.verbs.partition_point(|&v| s.tokens[v].start < prev_end);
        let mid = s.verbs.partition_point(|&v| s.tokens[v].start < range.start);
        let hi = s.verbs.partition_point(|&v| s.tokens[v].start < next_start);
        // At most three verbs before (nearest first) and one after: attribution is local.
        let before: Vec<usize> = s.verbs[lo..mid].iter().rev().take(3).copied().collect();
        let after: Vec<usize> = s.verbs[mid..hi].iter().take(1).copied().collect();
        let opens_sentence = s.text.get(s.range.start..range.start).is_some_and(|lead| {
            lead.len() <= 4
                && lead
                    .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
                    .is_empty()
        });
        let order = if opens_sentence {
            [&after, &before]
        } else {
            [&before, &after]
        };
        // The nearest verb with a subject wins: "Asked what he thought, Walter said, “…”"
        // is Walter's even when the importer cannot name him.
        for list in order {
            if let Some((i, r)) = list
                .iter()
                .enumerate()
                .find_map(|(i, &v)| self.subject(s, v).map(|r| (i, r)))
            {
                let (v, r) = self.outer_speaker(s, list, i, r);
                return Some(Attribution::from_subject(r, v));
            }
        }
        None
    }

    /// "Zakharova said Moscow denounces “…”": when the verb's subject is the object
    /// of a person's verb of saying just before it, the words are that person's.
    pub(super) fn outer_speaker(&self, s: &Sentence, list: &[usize], i: usize, r: Who) -> (usize, Who) {
        let v = list[i];
        let inner_start = match self.subject_at(s, v) {
            Some((Who::Stated(Subject::Actor(a)), at)) if !self.is_person(a) => at,
            _ => return (v, r),
        };
        let Some(&outer) = list.get(i + 1) else {
            return (v, r);
        };
        let between = s.text.get(s.tokens[outer].end..inner_start).unwrap_or("").trim();
        if !(between.is_empty() || between == "that") {
            return (v, r);
        }
        match self.subject(s, outer) {
            Some(Who::Stated(Subject::Actor(p))) if self.is_person(p) => {
                (outer, Who::Stated(Subject::Actor(p)))
            }
            _ => (v, r),
        }
    }

    /// What the quote is about: who it names, else who the sentence names near it.
    pub(super) fn quote_about(
        &self,
        s: &Sentence,
        range: &Range<usize>,
        speaker: Option<usize>,
    ) -> Vec<usize> {
        let inside = s.mentions_in(range.start..range.end);
        let near = if inside.is_empty() {
            s.mentions_in(
                range.start.saturating_sub(WINDOW).max(s.range.start)..(range.end + WINDOW).min(s.range.end),
            )
        } else {
            inside
        };
        let mut about: Vec<usize> = Vec::new();
        for m in near {
            if Some(m.actor) != speaker && !about.contains(&m.actor) {
                about.push(m.actor);
                if about.len() == 5 {
                    break;
                }
            }
        }
        about
    }

    /// "“…,” including Moscow’s blockage of …, Rouvinski wrote": the words between
    /// the quote and its attribution are the speaker's too.
    pub(super) fn quote_middle(
        &self,
        s: &Sentence,
        range: &Range<usize>,
        q: &Quote,
        att: &Attribution,
    ) -> Option<Range<usize>> {
        let speaker = att.speaker?;
        let vs = s.tokens[att.verb?].start;
        if vs <= range.end || q.last_para != s.pi || vs - range.end > WINDOW {
            return None;
        }
        let subject = s
            .mentions_in(range.end..vs)
            .iter()
            .rev()
            .find(|m| m.actor == speaker)?;
        let from = range.end + 1;
        let between = s.text.get(from..subject.start)?;
        let trimmed = between
            .trim_start_matches([',', ' '])
            .trim_end_matches([',', ' ']);
        let has_quote = s.quote_opens_in(from + 1..subject.start);
        if !has_words(trimmed, 4) || has_quote || trimmed.contains('"') {
            return None;
        }
        let lead = between.len() - between.trim_start_matches([',', ' ']).len();
        clause_trim(s.text, from + lead, from + lead + trimmed.len())
    }

    /// The quote's range in its section and its text as written.
    pub(super) fn quote_span(&self, paras: &[Para], q: &Quote) -> (Option<Range<usize>>, String) {
        let (Some(first), Some(last)) = (paras.get(q.first_para), paras.get(q.last_para)) else {
            return (None, String::new());
        };
        if first.section != last.section
            || q.start >= first.folded.text.len().max(1) && q.first_para == q.last_para && q.start >= q.end
        {
            return (None, String::new());
        }
        let start = first.offset + first.folded.original_range(q.start..q.start).start;
        let end_range = last.folded.original_range(q.end.saturating_sub(1)..q.end);
        let end = last.offset + end_range.end;
        if end <= start {
            return (None, String::new());
        }
        // Rebuild the text from the paragraphs it spans (joined as the section joins them).
        let mut text = String::new();
        for p in &paras[q.first_para..=q.last_para] {
            let from = start.saturating_sub(p.offset).min(p.original.len());
            let to = end.saturating_sub(p.offset).min(p.original.len());
            if let Some(piece) = p.original.get(from..to) {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(piece);
            }
        }
        let trimmed = text.trim().to_string();
        if trimmed.is_empty() {
            return (None, trimmed);
        }
        (Some(start..end), trimmed)
    }
}

/// A quote right after "titled", "entitled" or "headlined": a title, not words said.
pub(super) fn is_titled(text: &str, r: &Range<usize>) -> bool {
    let before = text.get(..r.start.saturating_sub(1)).unwrap_or("").trim_end();
    let from = floor_boundary(before, before.len().saturating_sub(12));
    let word = before[from..].rsplit(' ').next().unwrap_or("");
    matches!(word, "titled" | "entitled" | "headlined")
}

/// A quote of at most three words, or a short name in capitals ("Free, Prior and
/// Informed Consent"): a term, not a statement.
pub(super) fn is_scare_quote(text: &str, r: &Range<usize>) -> bool {
    text.get(r.clone()).is_some_and(|q| {
        let words = q.split_whitespace().take(9).count();
        words <= 3 || words <= 8 && is_title_case(q)
    })
}

/// Every word capitalised but the small joining ones: a title or a name.
pub(super) fn is_title_case(q: &str) -> bool {
    q.split_whitespace().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || matches!(w, "and" | "of" | "the" | "for" | "in" | "to" | "on" | "&")
    })
}

/// Pairs quote marks in the folded paragraphs; a quote may run over paragraphs
/// when the next one opens with a quote mark (the newspaper convention).
pub(super) fn find_quotes(paras: &[Para], notes: &mut Vec<String>) -> Vec<Quote> {
    let any_double = paras.iter().any(|p| p.folded.text.contains('"'));
    let mark = if any_double { '"' } else { '\'' };
    let mut quotes = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut unbalanced = 0;
    for (pi, p) in paras.iter().enumerate() {
        let text = &p.folded.text;
        if let Some((op, _)) = open {
            let continues = text.starts_with(mark) && paras[op].section == p.section && pi - op < 20;
            if !continues {
                open = None;
                unbalanced += 1;
            }
        }
        let mut prev: Option<char> = None;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (ci, &(at, c)) in chars.iter().enumerate() {
            if c == mark {
                let next = chars.get(ci + 1).map(|x| x.1);
                let opener =
                    prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '-' | '/' | '{'));
                if mark == '\'' {
                    // Apostrophes: only quote marks at word edges count.
                    let word_before = prev.is_some_and(char::is_alphanumeric);
                    let word_after = next.is_some_and(char::is_alphanumeric);
                    if word_before && word_after {
                        prev = Some(c);
                        continue;
                    }
                    if !opener && next.is_some_and(|n| n == 's') {
                        prev = Some(c);
                        continue;
                    }
                }
                match open {
                    Some((op, _)) if op != pi && at == 0 => {
                        // The re-opening mark of a quote continued from the paragraph before.
                    }
                    Some((op, os)) if !opener || next.is_none_or(char::is_whitespace) => {
                        quotes.push(Quote {
                            first_para: op,
                            start: os,
                            last_para: pi,
                            end: at,
                        });
                        open = None;
                    }
                    Some(_) => {
                        // An opener while a quote is open: the earlier one never closed.
                        unbalanced += 1;
                        open = Some((pi, at + c.len_utf8()));
                    }
                    None if opener || next.is_some_and(char::is_alphanumeric) => {
                        open = Some((pi, at + c.len_utf8()));
                    }
                    None => {}
                }
            }
            prev = Some(c);
        }
    }
    if open.is_some() {
        unbalanced += 1;
    }
    if unbalanced > 0 {
        notes.push(format!(
            "{unbalanced} quotation mark{} never closed: the text after {} was not read as a quote",
            if unbalanced == 1 { " was" } else { "s were" },
            if unbalanced == 1 { "it" } else { "them" }
        ));
    }
    quotes.retain(|q| q.first_para != q.last_para || q.end > q.start);
    quotes
}

/// Sentence ranges of a folded paragraph; quote contents never split a sentence,
/// but a quote that ends a sentence ends it.
pub(super) fn sentences(text: &str, spans: &[(usize, Range<usize>)]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match sentence_break(text, spans, i) {
            Break::End(end) => {
                out.push(start..end);
                start = end;
                while start < bytes.len() && bytes[start] == b' ' {
                    start += 1;
                }
                i = start;
            }
            Break::Skip(to) => i = to,
            Break::No => i += 1,
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// What the byte at a position does to the sentence being read.
enum Break {
    /// The sentence ends before this offset.
    End(usize),
    /// A run of marks that ends nothing ("...", "?!"): read on from this offset.
    Skip(usize),
    No,
}

fn sentence_break(text: &str, spans: &[(usize, Range<usize>)], i: usize) -> Break {
    let bytes = text.as_bytes();
    let b = bytes[i];
    let in_quote = {
        let k = spans.partition_point(|(_, r)| r.end <= i);
        spans.get(k).is_some_and(|(_, r)| r.start <= i)
    };
    if matches!(b, b'.' | b'!' | b'?') && !in_quote {
        let mut end = i + 1;
        while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b'.') {
            end += 1;
        }
        let next = text[end..].trim_start();
        let is_end = end >= bytes.len()
            || (text[end..].starts_with(' ')
                && next
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c == '"' || c.is_ascii_digit())
                && !is_abbreviation_before(text, i)
                && !(b == b'.' && is_initialism_before(text, i) && !starts_with_stopword(next)));
        if is_end {
            return Break::End(end);
        }
        if end > i + 1 {
            return Break::Skip(end);
        }
    }
    // A closing quote mark after a full stop inside the quote ends the sentence too.
    if b == b'"' && i > 0 && matches!(bytes[i - 1], b'.' | b'!' | b'?') && {
        let k = spans.partition_point(|(_, r)| r.end < i);
        spans.get(k).is_some_and(|(_, r)| r.end == i)
    } {
        let end = i + 1;
        let next = text[end..].trim_start();
        // “Are you worried?” King asked.: the attribution belongs to the question.
        let asked = bytes[i - 1] != b'.' && attribution_follows(next);
        if end >= bytes.len()
            || (text[end..].starts_with(' ')
                && next.chars().next().is_some_and(|c| c.is_uppercase() || c == '"')
                && !asked)
        {
            return Break::End(end);
        }
    }
    Break::No
}

/// "U.S", "D.C": single letters joined by dots end right before `dot`.
pub(super) fn is_initialism_before(text: &str, dot: usize) -> bool {
    let from = floor_boundary(text, dot.saturating_sub(8));
    let word = text[from..dot].rsplit(' ').next().unwrap_or("");
    word.len() >= 3
        && word
            .split('.')
            .all(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_uppercase()))
}

pub(super) fn starts_with_stopword(next: &str) -> bool {
    next.split_whitespace()
        .next()
        .is_some_and(|w| is_in(&gz::STOPWORDS, w.trim_end_matches([',', '.'])))
}

/// "King asked.", "asked King.", "she said.": a short attribution opens `next`.
pub(super) fn attribution_follows(next: &str) -> bool {
    let next = next.get(..floor_boundary(next, 80)).unwrap_or("");
    let clause = next.split(['.', '"']).next().unwrap_or("");
    let words: Vec<&str> = clause.split_whitespace().take(7).collect();
    let Some(v) = words
        .iter()
        .position(|w| is_in(&gz::REPORTING_VERBS, w.trim_end_matches(',')))
    else {
        return false;
    };
    let subject = &words[..v];
    v <= 4
        && words.len() <= v + 3
        && subject.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(*w, "he" | "she" | "they" | "He" | "She" | "They")
        })
}

pub(super) fn is_abbreviation_before(text: &str, dot: usize) -> bool {
    // Abbreviations are short: look back a few bytes only.
    let from = floor_boundary(text, dot.saturating_sub(8));
    let word_start = text[from..dot].rfind(' ').map_or(from, |i| from + i + 1);
    let word = &text[word_start..dot];
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Prof"
            | "Jr"
            | "Sr"
            | "No"
            | "vs"
            | "Adm"
            | "Capt"
    ) || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}
