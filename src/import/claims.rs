//! Finding claims: direct quotes with their speakers, reported speech
//! ("X said that ...") and reports by outlets or unnamed sources, with the
//! date and channel the text gives.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::{ActorKind, ClaimKind, PartialDate};
use crate::text::{Folded, fold, on_word_boundaries};

use super::actors::{Actor, Token, is_outlet_name};
use super::dates::{self, Resolved};
use super::gazetteer::{self as gz, WordList, is_in};

/// One paragraph of a section, as written and folded for matching.
pub struct Para {
    pub section: usize,
    /// Byte offset of the paragraph in its section's text.
    pub offset: usize,
    pub original: String,
    pub folded: Folded,
}

#[derive(Debug, Clone)]
pub struct DraftClaim {
    pub section: usize,
    /// Byte range in the section text of the quote or anchor.
    pub span: Range<usize>,
    pub speaker: Option<usize>,
    pub about: Vec<usize>,
    pub kind: ClaimKind,
    pub text: String,
    pub anchor: Option<String>,
    pub date: Option<Resolved>,
    /// The words the date comes from, for the comment when its year is unknown.
    pub date_words: Option<String>,
    pub via: Option<String>,
    /// Why the importer is unsure, written as a comment above the claim.
    pub unsure: Option<String>,
}

#[derive(Debug, Clone, Copy)]
struct Mention {
    actor: usize,
    start: usize,
    end: usize,
    possessive: bool,
}

/// A quote inside one paragraph (folded byte offsets of its content, without the marks).
#[derive(Debug, Clone)]
struct Quote {
    /// Paragraph index where the quote opens and closes (they differ for a quote over several paragraphs).
    first_para: usize,
    start: usize,
    last_para: usize,
    end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Actor(usize),
    Unnamed(usize),
}

static SKIPPABLE: WordList = WordList::data(include_str!("words/skippable.txt"));

/// Verbs of judgement that attribute a statement in the passive ("denounced by X").
static PASSIVE_VERBS: WordList = WordList::data(include_str!("words/passive-verbs.txt"));

static NEEDS_THAT: WordList = WordList::data(include_str!("words/needs-that.txt"));

pub struct Finder<'a> {
    actors: &'a [Actor],
    matcher: Option<AhoCorasick>,
    owners: Vec<usize>,
    pub published: Option<PartialDate>,
}

impl<'a> Finder<'a> {
    pub fn new(actors: &'a [Actor], published: Option<PartialDate>) -> Self {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, a) in actors.iter().enumerate() {
            for form in std::iter::once(&a.name).chain(&a.aliases) {
                let f = fold(form);
                if !f.is_empty() {
                    patterns.push(f);
                    owners.push(i);
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        Finder {
            actors,
            matcher,
            owners,
            published,
        }
    }

    fn mentions(&self, text: &str) -> Vec<Mention> {
        let Some(m) = &self.matcher else { return Vec::new() };
        m.find_iter(text)
            .filter(|h| on_word_boundaries(text, &h.range()))
            .map(|h| {
                let after = &text[h.end()..];
                Mention {
                    actor: self.owners[h.pattern().as_usize()],
                    start: h.start(),
                    end: h.end(),
                    possessive: after.starts_with("'s")
                        || (after.starts_with('\'') && text[..h.end()].ends_with('s')),
                }
            })
            .collect()
    }

    fn is_person(&self, a: usize) -> bool {
        self.actors.get(a).is_some_and(|a| a.kind == ActorKind::Person)
    }

    /// Finds every claim in the paragraphs (in reading order, sections in order).
    pub fn find(
        &self,
        paras: &[Para],
        all_tokens: &[Vec<Token>],
        notes: &mut Vec<String>,
    ) -> Vec<DraftClaim> {
        let quotes = find_quotes(paras, notes);
        let mut claims = Vec::new();
        let mut ctx = dates::Context {
            published: self.published,
            last: None,
        };
        let mut recent_person: Option<usize> = None;
        let mut recent_other: Option<usize> = None;
        let mut prev_sentence_person: Option<usize> = None;
        let mut quote_floor = 0;
        // Speaker of the last quote, and the paragraph it was in.
        let mut last_speaker: Option<(usize, Option<usize>)> = None;
        let mut section = usize::MAX;
        for (pi, para) in paras.iter().enumerate() {
            if para.section != section {
                section = para.section;
                ctx.last = None;
                last_speaker = None;
                prev_sentence_person = None;
            }
            let text = &para.folded.text;
            let tokens: &[Token] = all_tokens.get(pi).map_or(&[], Vec::as_slice);
            let mentions = self.mentions(text);
            // Quote content ranges within this paragraph.
            while quote_floor < quotes.len() && quotes[quote_floor].last_para < pi {
                quote_floor += 1;
            }
            let all_spans: Vec<(usize, Range<usize>)> = quotes
                .iter()
                .enumerate()
                .skip(quote_floor)
                .take_while(|(_, q)| q.first_para <= pi)
                .filter(|(_, q)| q.last_para >= pi)
                .map(|(qi, q)| {
                    let s = if q.first_para == pi { q.start } else { 0 };
                    let e = if q.last_para == pi { q.end } else { text.len() };
                    (qi, s..e)
                })
                .collect();
            for sentence in sentences(text, &all_spans) {
                // Only the quotes that touch this sentence (the paragraph may be huge).
                let lo = all_spans.partition_point(|(_, r)| r.end <= sentence.start);
                let hi = all_spans.partition_point(|(_, r)| r.start < sentence.end);
                let spans = &all_spans[lo..hi.max(lo)];
                let in_quote = |at: usize| spans.iter().any(|(_, r)| r.start <= at && at < r.end);
                let masked = mask(text, &sentence, spans);
                let found_date = dates::find(&masked, &ctx);
                if let Some(f) = found_date
                    && f.month.is_some()
                    && f.day.is_some()
                {
                    ctx.last = Some(f);
                }
                let date = found_date.and_then(|f| dates::resolve(f, &ctx));
                let date_words = found_date.map(|_| date_phrase(&masked));
                // The channel is looked for only when the sentence makes a claim.
                let no_via: Option<String> = None;
                let via = &no_via;
                let t_lo = tokens.partition_point(|t| t.start < sentence.start);
                let t_hi = tokens.partition_point(|t| t.start < sentence.end);
                let s_tokens: Vec<usize> = (t_lo..t_hi.max(t_lo))
                    .filter(|&t| {
                        tokens[t].start >= sentence.start
                            && tokens[t].end <= sentence.end
                            && !in_quote(tokens[t].start)
                    })
                    .collect();
                let m_lo = mentions.partition_point(|m| m.start < sentence.start);
                let m_hi = mentions.partition_point(|m| m.start < sentence.end);
                let s_mentions: &[Mention] = &mentions[m_lo..m_hi.max(m_lo)];
                let verbs: Vec<usize> = s_tokens
                    .iter()
                    .copied()
                    .filter(|&t| is_in(&gz::REPORTING_VERBS, tokens[t].text) || is_according(tokens, t))
                    .collect();
                let (rp, ro) = (recent_person, recent_other);
                let resolve = |t: usize, allow_far: bool| -> Option<Subject> {
                    self.subject(tokens, t, s_mentions, &sentence, spans, allow_far, rp, ro)
                };
                let mut sentence_claims: Vec<DraftClaim> = Vec::new();

                // Direct quotes that open in this sentence.
                for (qi, range) in spans {
                    let q = &quotes[*qi];
                    if q.first_para != pi
                        || !(sentence.start <= range.start && range.start < sentence.end.max(range.start + 1))
                    {
                        continue;
                    }
                    if range.start < sentence.start || range.start >= sentence.end {
                        continue;
                    }
                    let before: Vec<usize> = verbs
                        .iter()
                        .copied()
                        .filter(|&v| tokens[v].end <= range.start)
                        .collect();
                    let after: Vec<usize> = verbs
                        .iter()
                        .copied()
                        .filter(|&v| tokens[v].start >= range.end)
                        .collect();
                    let lead_text =
                        text[sentence.start..range.start.saturating_sub(1).max(sentence.start)].trim();
                    let mut speaker = None;
                    let mut attributed = false;
                    let mut verb_end = None;
                    let mut verb_start = None;
                    let order: Vec<&Vec<usize>> = if lead_text.is_empty() {
                        vec![&after, &before]
                    } else {
                        vec![&before, &after]
                    };
                    'outer: for list in order {
                        // Before the quote, the nearest verb with a person as subject wins
                        // ("officials have been citing ..., with Rubio calling him a “...”");
                        // else the first verb that has a subject ("Zakharova said Moscow denounces “...”").
                        let person_first: Vec<usize> = if std::ptr::eq(list, &before) {
                            let mut by_person: Vec<usize> = list
                                .iter()
                                .rev()
                                .copied()
                                .filter(|&v| matches!(resolve(v, true), Some(Subject::Actor(a)) if self.is_person(a)))
                                .take(1)
                                .collect();
                            by_person.extend(list.iter().copied());
                            by_person
                        } else {
                            list.clone()
                        };
                        for &v in &person_first {
                            if let Some(s) = resolve(v, true) {
                                verb_end = Some(tokens[v].end);
                                verb_start = Some(tokens[v].start);
                                speaker = match s {
                                    Subject::Actor(a) => Some(a),
                                    Subject::Unnamed(_) => None,
                                };
                                attributed = true;
                                break 'outer;
                            }
                        }
                    }
                    let words = text[range.clone()].split_whitespace().count();
                    let mut unsure = None;
                    if !attributed {
                        if let Some(p) = prev_sentence_person
                            && words >= 3
                        {
                            // "Tomas Reyes, a retired engineer, spoke for many. “I have heard ...”"
                            speaker = Some(p);
                            attributed = true;
                            unsure = Some("speaker taken from the sentence before".to_string());
                        } else if let Some((lp, sp)) = last_speaker
                            && pi - lp <= 1
                            && words >= 3
                        {
                            speaker = sp;
                            attributed = true;
                            unsure = sp.map(|_| "speaker carried over from the quote before".to_string());
                        } else if words < 6 {
                            continue; // a scare quote or a title, not a claim
                        } else {
                            unsure = Some("no speaker found for this quote".into());
                        }
                    }
                    let _ = attributed;
                    let (sec_range, quote_text) = self.quote_span(paras, q);
                    let Some(sec_range) = sec_range else { continue };
                    // What the quote is about: who it names, else who the sentence names.
                    let mut about: Vec<usize> = Vec::new();
                    let inside = |m: &&Mention| m.start >= range.start && m.end <= range.end;
                    let named_inside = s_mentions.iter().any(|m| inside(&m));
                    for m in s_mentions.iter().filter(|m| !named_inside || inside(m)) {
                        if Some(m.actor) != speaker && !about.contains(&m.actor) {
                            about.push(m.actor);
                        }
                    }
                    about.truncate(5);
                    last_speaker = Some((q.last_para, speaker));
                    if let Some(s) = speaker {
                        if self.is_person(s) {
                            recent_person = Some(s);
                        } else {
                            recent_other = Some(s);
                        }
                    }
                    let (quote_date, quote_date_words) =
                        match verb_end.and_then(|e| self.date_near(text, e, &sentence, &ctx)) {
                            Some((d, w)) => (Some(d), Some(w)),
                            None => (date.clone(), date_words.clone()),
                        };
                    // "“…,” including Moscow’s blockage of …, Rouvinski wrote": the words
                    // between the quote and its attribution are the speaker's too.
                    let middle = verb_start
                        .filter(|&vs| vs > range.end && q.last_para == pi)
                        .and_then(|vs| {
                            let subject = s_mentions
                                .iter()
                                .rev()
                                .find(|m| m.end <= vs && Some(m.actor) == speaker)?;
                            let from = range.end + 1;
                            let between = text.get(from..subject.start)?;
                            let trimmed = between
                                .trim_start_matches([',', ' '])
                                .trim_end_matches([',', ' ']);
                            let has_quote = spans
                                .iter()
                                .any(|(_, r)| r.start > from && r.start < subject.start);
                            (words_in(trimmed) >= 4 && !has_quote && !trimmed.contains('"')).then(|| {
                                let lead = between.len() - between.trim_start_matches([',', ' ']).len();
                                from + lead..from + lead + trimmed.len()
                            })
                        });
                    sentence_claims.push(DraftClaim {
                        section: para.section,
                        span: sec_range,
                        speaker,
                        about,
                        kind: ClaimKind::Quote,
                        text: quote_text,
                        anchor: None,
                        date: quote_date.clone(),
                        date_words: quote_date_words.clone(),
                        via: via.clone(),
                        unsure,
                    });
                    if let Some(anchor) = middle.and_then(|m| clause_trim(text, m.start, m.end)) {
                        self.push_claim(
                            &mut sentence_claims,
                            para,
                            anchor,
                            speaker,
                            ClaimKind::Paraphrase,
                            s_mentions,
                            (&quote_date, &quote_date_words, via),
                        );
                    }
                }

                // Reported speech and reports.
                let has_quote_before = |at: usize| {
                    spans
                        .iter()
                        .any(|(_, r)| r.start >= sentence.start && r.start < at)
                };
                for &v in &verbs {
                    let verb = tokens[v].text;
                    if has_quote_before(tokens[v].start)
                        || !(is_in(&gz::SPEECH_VERBS, verb) || is_according(tokens, v))
                    {
                        continue;
                    }
                    // "Neither Russian nor Venezuelan officials have commented": nothing was said.
                    // Only within the verb's own clause: "who asked not to be named, said" is said.
                    let clause_from = (v.saturating_sub(5)..v)
                        .rev()
                        .find(|&t| tokens[t + 1].gap)
                        .map_or(v.saturating_sub(5), |t| t + 1);
                    if (clause_from..v).any(|t| {
                        tokens[t].start >= sentence.start
                            && matches!(
                                tokens[t].text.to_lowercase().as_str(),
                                "not" | "never" | "neither" | "nor" | "no" | "declined" | "refused"
                            )
                    }) {
                        continue;
                    }
                    let according = is_according(tokens, v);
                    let (subject, anchor) = if according {
                        // "..., according to X" or "According to X, ...".
                        match s_mentions.iter().find(|m| m.start >= tokens[v].end) {
                            Some(m) => {
                                let end = if tokens[v].start <= sentence.start + 1 {
                                    sentence.end
                                } else {
                                    m.end
                                };
                                (Subject::Actor(m.actor), clause_trim(text, sentence.start, end))
                            }
                            None => {
                                let unnamed = s_tokens.iter().copied().find(|&t| {
                                    t > v + 1 && t < v + 5 && is_in(&gz::UNNAMED_SOURCES, tokens[t].text)
                                });
                                let Some(t) = unnamed else { continue };
                                let end = if tokens[v].start <= sentence.start + 1 {
                                    sentence.end
                                } else {
                                    tokens[t].end
                                };
                                (
                                    Subject::Unnamed(tokens[t].start),
                                    clause_trim(text, sentence.start, end),
                                )
                            }
                        }
                    } else {
                        let Some(subject) = resolve(v, false) else {
                            continue;
                        };
                        let start = match subject {
                            Subject::Actor(_) => s_mentions
                                .iter()
                                .rev()
                                .find(|m| m.end <= tokens[v].start)
                                .map_or(tokens[v].start, |m| m.start)
                                .min(subject_start(tokens, v)),
                            Subject::Unnamed(at) => at,
                        };
                        let mut after = tokens[v].end;
                        // "told reporters that": skip the object up to "that".
                        let rest = &text[after..sentence.end];
                        let that = rest.find(" that ").filter(|&i| i < 60);
                        if is_in(&NEEDS_THAT, verb) {
                            match that {
                                Some(i) => after += i + 6,
                                None => {
                                    // "..., Russian state media reported on October 27."
                                    let trailing =
                                        words_in(rest) <= 4 && text[..start].trim_end().ends_with(',');
                                    if !trailing {
                                        continue;
                                    }
                                }
                            }
                        } else if let Some(i) = that.filter(|&i| i < 30) {
                            after += i + 6;
                        }
                        let end = clause_end(text, after, sentence.end, spans);
                        let clause = &text[after.min(end)..end];
                        if words_in(without_leading_date(clause)) < 4 {
                            // Trailing attribution: the claim is what comes before.
                            let before = text[sentence.start..start].trim_end();
                            let after_verb = &text[tokens[v].end..sentence.end];
                            let quote_after = spans
                                .iter()
                                .any(|(_, r)| r.start > tokens[v].end && r.start < sentence.end);
                            if before.ends_with(',')
                                && words_in(before) >= 4
                                && words_in(after_verb) <= 4
                                && !quote_after
                                && !has_quote_before(start)
                            {
                                (subject, clause_trim(text, sentence.start, end))
                            } else {
                                continue;
                            }
                        } else {
                            (subject, clause_trim(text, start, end))
                        }
                    };
                    let Some(anchor) = anchor else { continue };
                    let speaker = match subject {
                        Subject::Actor(a) => Some(a),
                        Subject::Unnamed(_) => None,
                    };
                    let report = match speaker {
                        Some(a) => self.actors.get(a).is_some_and(|x| {
                            x.kind == ActorKind::Organisation && (is_outlet_name(&x.name) || according)
                                || x.name.contains("media")
                                || x.kind == ActorKind::Group && according
                        }),
                        None => is_document(&text[anchor.clone()]),
                    };
                    let (date, date_words) = match self.date_near(text, tokens[v].end, &sentence, &ctx) {
                        Some((d, w)) => (Some(d), Some(w)),
                        None => (date.clone(), date_words.clone()),
                    };
                    self.push_claim(
                        &mut sentence_claims,
                        para,
                        anchor,
                        speaker,
                        if report {
                            ClaimKind::Report
                        } else {
                            ClaimKind::Paraphrase
                        },
                        s_mentions,
                        (&date, &date_words, via),
                    );
                }
                // Passive: "... was denounced by the United States as a sham".
                for (k, &t) in s_tokens.iter().enumerate() {
                    if !is_in(&PASSIVE_VERBS, tokens[t].text)
                        || s_tokens.get(k + 1).is_none_or(|&b| tokens[b].text != "by")
                        || k == 0
                        || !matches!(
                            tokens[s_tokens[k - 1]].text,
                            "was" | "were" | "been" | "is" | "are" | "be" | "being"
                        )
                    {
                        continue;
                    }
                    let by_end = tokens[s_tokens[k + 1]].end;
                    let Some(m) = s_mentions
                        .iter()
                        .find(|m| m.start > by_end && m.start <= by_end + 5 && !m.possessive)
                    else {
                        continue;
                    };
                    let start = clause_start(text, sentence.start, tokens[s_tokens[k - 1]].start);
                    let end = clause_end(text, m.end, sentence.end, spans);
                    let Some(anchor) = clause_trim(text, start, end) else {
                        continue;
                    };
                    self.push_claim(
                        &mut sentence_claims,
                        para,
                        anchor,
                        Some(m.actor),
                        ClaimKind::Paraphrase,
                        s_mentions,
                        (&date, &date_words, via),
                    );
                }
                // "Maduro is reportedly ...", "media reports that ...".
                for &t in &s_tokens {
                    let w = tokens[t].text;
                    let media_reports = w == "reports"
                        && t > 0
                        && matches!(tokens[t - 1].text, "media" | "news" | "press")
                        && tokens
                            .get(t + 1)
                            .is_some_and(|n| matches!(n.text, "that" | "of" | "suggest" | "suggested"));
                    if w != "reportedly" && !media_reports {
                        continue;
                    }
                    let start = if media_reports {
                        tokens[t - 1].start
                    } else {
                        clause_start(text, sentence.start, tokens[t].start)
                    };
                    let mut end = clause_end(text, tokens[t].end, sentence.end, spans);
                    if media_reports && let Some(comma) = text[tokens[t].end..end].find(", ") {
                        end = tokens[t].end + comma;
                    }
                    let Some(anchor) = clause_trim(text, start, end) else {
                        continue;
                    };
                    self.push_claim(
                        &mut sentence_claims,
                        para,
                        anchor,
                        None,
                        ClaimKind::Report,
                        s_mentions,
                        (&date, &date_words, via),
                    );
                }

                // Who the next unattributed quote belongs to, if this sentence introduces someone.
                let had_quote = spans
                    .iter()
                    .any(|(_, r)| r.start >= sentence.start && r.start < sentence.end);
                prev_sentence_person = if had_quote {
                    None
                } else {
                    s_mentions
                        .iter()
                        .find(|m| !m.possessive && self.is_person(m.actor))
                        .map(|m| m.actor)
                };
                // Who the next "he" or "she" is.
                if let Some(m) = s_mentions
                    .iter()
                    .find(|m| !m.possessive && !in_quote(m.start) && self.is_person(m.actor))
                {
                    recent_person = Some(m.actor);
                }
                if let Some(m) = s_mentions
                    .iter()
                    .find(|m| !m.possessive && !in_quote(m.start) && !self.is_person(m.actor))
                {
                    recent_other = Some(m.actor);
                }
                if !sentence_claims.is_empty() {
                    let channel = self::via(&masked);
                    for c in &mut sentence_claims {
                        c.via = channel.clone();
                    }
                }
                claims.extend(sentence_claims);
            }
        }
        claims
    }

    /// A date right after the reporting verb ("said on October 23") beats the sentence's first date.
    fn date_near(
        &self,
        text: &str,
        from: usize,
        sentence: &Range<usize>,
        ctx: &dates::Context,
    ) -> Option<(Resolved, String)> {
        let rest = text.get(from..sentence.end)?;
        let window: Vec<&str> = rest.split_whitespace().take(4).collect();
        let first = window.first()?.to_lowercase();
        if !matches!(
            first.as_str(),
            "on" | "in" | "last" | "this" | "earlier" | "late" | "early" | "yesterday" | "today"
        ) {
            return None;
        }
        let words = window.join(" ");
        let resolved = dates::find(&words, ctx).and_then(|f| dates::resolve(f, ctx))?;
        let mut shown: Vec<&str> = window
            .iter()
            .map(|w| w.trim_end_matches([',', '.', ';']))
            .collect();
        while shown.len() > 1
            && shown
                .last()
                .is_some_and(|w| matches!(*w, "in" | "that" | "after" | "when" | "to" | "and" | "at" | "the"))
        {
            shown.pop();
        }
        Some((resolved, shown.join(" ")))
    }

    #[allow(clippy::too_many_arguments)]
    fn push_claim(
        &self,
        out: &mut Vec<DraftClaim>,
        para: &Para,
        anchor: Range<usize>,
        speaker: Option<usize>,
        kind: ClaimKind,
        mentions: &[Mention],
        (date, date_words, via): (&Option<Resolved>, &Option<String>, &Option<String>),
    ) {
        let original = para.folded.original_range(anchor.clone());
        let Some(anchor_text) = para.original.get(original.clone()).map(|s| s.trim().to_string()) else {
            return;
        };
        if words_in(&anchor_text) < 3 {
            return;
        }
        let span = para.offset + original.start..para.offset + original.end;
        if out
            .iter()
            .any(|c| c.speaker == speaker && c.span.start < span.end && span.start < c.span.end)
        {
            return;
        }
        let mut about = Vec::new();
        for m in mentions {
            if m.start >= anchor.start
                && m.end <= anchor.end
                && Some(m.actor) != speaker
                && !about.contains(&m.actor)
            {
                about.push(m.actor);
            }
        }
        about.truncate(5);
        let mut text = anchor_text.clone();
        if let Some(first) = text.chars().next() {
            let upper: String = first.to_uppercase().collect();
            text.replace_range(..first.len_utf8(), &upper);
        }
        if !text.ends_with(['.', '?', '!']) {
            text.push('.');
        }
        out.push(DraftClaim {
            section: para.section,
            span,
            speaker,
            about,
            kind,
            text,
            anchor: Some(anchor_text),
            date: date.clone(),
            date_words: date_words.clone(),
            via: via.clone(),
            unsure: None,
        });
    }

    /// The quote's range in its section and its text as written.
    fn quote_span(&self, paras: &[Para], q: &Quote) -> (Option<Range<usize>>, String) {
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

    #[allow(clippy::too_many_arguments)]
    fn subject(
        &self,
        tokens: &[Token],
        v: usize,
        mentions: &[Mention],
        sentence: &Range<usize>,
        spans: &[(usize, Range<usize>)],
        allow_far: bool,
        recent_person: Option<usize>,
        recent_other: Option<usize>,
    ) -> Option<Subject> {
        let in_quote = |at: usize| spans.iter().any(|(_, r)| r.start <= at && at < r.end);
        if is_according(tokens, v) {
            let m = mentions
                .iter()
                .find(|m| m.start >= tokens[v].end && !in_quote(m.start))?;
            return Some(Subject::Actor(m.actor));
        }
        // The word right before the verb, skipping "also", "has" and the like.
        let mut j = v;
        let mut skipped = 0;
        while j > 0 && skipped < 4 {
            let t = &tokens[j - 1];
            if t.start < sentence.start || in_quote(t.start) {
                break;
            }
            if is_in(&SKIPPABLE, t.text) && !tokens[j].gap {
                j -= 1;
                skipped += 1;
                continue;
            }
            break;
        }
        // "A senior EU official, who asked not to be named, said": skip the relative clause.
        let mut relative = false;
        if j > 0 && tokens[j].gap {
            let mut r = j - 1;
            while r > 0 && j - r < 16 && tokens[r].start >= sentence.start && !in_quote(tokens[r].start) {
                if matches!(tokens[r].text, "who" | "which") && tokens[r].gap {
                    j = r;
                    relative = true;
                    break;
                }
                r -= 1;
            }
        }
        // "Spain's environment minister, Teresa Ribera, said": the name just before the comma.
        if !relative
            && j > 0
            && tokens[j].gap
            && tokens[j - 1].start >= sentence.start
            && text_gap_is_comma(tokens, j)
            && let Some(m) = mentions
                .iter()
                .find(|m| m.end == tokens[j - 1].end && !m.possessive && self.is_person(m.actor))
        {
            return Some(Subject::Actor(m.actor));
        }
        if j > 0
            && tokens[j - 1].start >= sentence.start
            && !in_quote(tokens[j - 1].start)
            && (relative || !tokens[j].gap)
        {
            let t = &tokens[j - 1];
            if let Some(m) = mentions.iter().find(|m| m.end == t.end && !m.possessive) {
                return Some(Subject::Actor(m.actor));
            }
            let lower = t.text.to_lowercase();
            match lower.as_str() {
                "he" | "she" => return recent_person.map(Subject::Actor),
                "it" => return recent_other.map(Subject::Actor),
                "which" | "who" => {
                    let m = mentions
                        .iter()
                        .rev()
                        .find(|m| m.end <= t.start && t.start - m.end <= 3)?;
                    return Some(Subject::Actor(m.actor));
                }
                _ => {}
            }
            if is_in(&gz::UNNAMED_SOURCES, &lower)
                && !matches!(
                    lower.as_str(),
                    "reports" | "documents" | "data" | "figures" | "polls" | "studies" | "statistics"
                )
            {
                let mut start = t.start;
                if j >= 2 && !tokens[j - 1].gap {
                    let m = &tokens[j - 2];
                    if m.start >= sentence.start
                        && (m.text.chars().next().is_some_and(char::is_uppercase)
                            || matches!(
                                m.text,
                                "some"
                                    | "many"
                                    | "most"
                                    | "several"
                                    | "other"
                                    | "senior"
                                    | "independent"
                                    | "military"
                                    | "government"
                                    | "local"
                                    | "two"
                                    | "three"
                                    | "intelligence"
                                    | "security"
                            ))
                    {
                        start = m.start;
                    }
                }
                return Some(Subject::Unnamed(start));
            }
            if matches!(
                lower.as_str(),
                "reports" | "documents" | "data" | "figures" | "polls" | "studies" | "statistics"
            ) {
                return Some(Subject::Unnamed(t.start));
            }
            // "Sources familiar with the talks said", "people close to the minister say".
            let mut k = j - 1;
            while k > 0 && j - 1 - k < 6 && !tokens[k].gap && tokens[k - 1].start >= sentence.start {
                k -= 1;
                let w = tokens[k].text.to_lowercase();
                if is_in(&gz::UNNAMED_SOURCES, &w)
                    && tokens.get(k + 1).is_some_and(|n| {
                        matches!(
                            n.text,
                            "familiar" | "close" | "briefed" | "with" | "who" | "in" | "at" | "from"
                        )
                    })
                {
                    return Some(Subject::Unnamed(tokens[k].start));
                }
            }
            // "the US president said"
            if is_in(&gz::ROLE_NOUNS, &lower) {
                let mut k = j - 1;
                let mut qualifiers = Vec::new();
                while k > 0 && j - k < 4 && tokens[k - 1].start >= sentence.start {
                    k -= 1;
                    if tokens[k].text.eq_ignore_ascii_case("the") {
                        let hit = self.actors.iter().position(|a| {
                            a.kind == ActorKind::Person
                                && a.role.as_ref().is_some_and(|r| {
                                    let r = r.to_lowercase();
                                    r.contains(&lower)
                                        && qualifiers.iter().all(|q: &String| r.contains(&q.to_lowercase()))
                                })
                        });
                        if let Some(a) = hit {
                            return Some(Subject::Actor(a));
                        }
                        break;
                    }
                    qualifiers.push(tokens[k].text.to_string());
                }
            }
        }
        if !allow_far {
            return None;
        }
        // Further left in the sentence, after any quote: the nearest person, else anything.
        let verb_start = tokens[v].start;
        let floor = spans
            .iter()
            .filter(|(_, r)| r.end <= verb_start && r.end >= sentence.start)
            .map(|(_, r)| r.end)
            .max()
            .unwrap_or(sentence.start);
        let left: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.start >= floor && m.end <= verb_start && !m.possessive && !in_quote(m.start))
            .collect();
        if let Some(m) = left.iter().rev().find(|m| self.is_person(m.actor)) {
            // After a quote the speaker comes first: "“...,” Oleg Ignatov, analyst at X, told".
            let first_person = if floor > sentence.start {
                left.iter().find(|m| self.is_person(m.actor)).copied()
            } else {
                None
            };
            return Some(Subject::Actor(first_person.unwrap_or(m).actor));
        }
        if let Some(m) = left.first().filter(|_| floor > sentence.start).or(left.last()) {
            return Some(Subject::Actor(m.actor));
        }
        // "“...,” said Mark Galeotti": the speaker follows the verb.
        let next_quote = spans
            .iter()
            .filter(|(_, r)| r.start > tokens[v].end)
            .map(|(_, r)| r.start)
            .min()
            .unwrap_or(sentence.end);
        if let Some(m) = mentions.iter().find(|m| {
            m.start >= tokens[v].end
                && m.start < next_quote
                && {
                    let between = &text_between(tokens, v, m.start);
                    !between.contains([',', '.', ';', '"', ':']) && between.split_whitespace().count() <= 4
                }
                && !in_quote(m.start)
        }) {
            return Some(Subject::Actor(m.actor));
        }
        None
    }
}

/// The words between the end of token `v` and a later offset, rebuilt from tokens.
fn text_between(tokens: &[Token], v: usize, to: usize) -> String {
    let mut out = String::new();
    let mut at = tokens[v].end;
    for t in &tokens[v + 1..] {
        if t.start >= to {
            break;
        }
        // Punctuation between tokens is not kept by tokens: flag it.
        if t.start > at + 1 {
            out.push(',');
        }
        out.push_str(t.text);
        out.push(' ');
        at = t.end;
    }
    if to > at + 1 {
        out.push(',');
    }
    out
}

/// Whether only ", " separates token `j - 1` from token `j` (token widths tell: one comma, one space).
fn text_gap_is_comma(tokens: &[Token], j: usize) -> bool {
    j > 0 && tokens[j].start == tokens[j - 1].end + 2 && !tokens[j - 1].possessive
}

fn subject_start(tokens: &[Token], v: usize) -> usize {
    tokens[v].start
}

fn is_according(tokens: &[Token], t: usize) -> bool {
    tokens[t].text.eq_ignore_ascii_case("according") && tokens.get(t + 1).is_some_and(|n| n.text == "to")
}

fn is_document(anchor: &str) -> bool {
    let l = anchor.to_lowercase();
    ["reportedly", "reports", "documents", "data", "report "]
        .iter()
        .any(|w| l.contains(w))
}

/// "on Wednesday the deal would" → "the deal would": a date is not what was said.
fn without_leading_date(clause: &str) -> &str {
    let t = clause.trim_start();
    for prep in ["on ", "in ", "last ", "this ", "earlier ", "late ", "early "] {
        if let Some(rest) = t.strip_prefix(prep) {
            let mut rest = rest;
            let mut skipped = 0;
            while let Some(word) = rest.split_whitespace().next() {
                let w = word.trim_end_matches([',', '.']);
                let datey = gz::is_month(w).is_some()
                    || is_in(&gz::WEEKDAYS, w)
                    || w.bytes().all(|b| b.is_ascii_digit())
                    || matches!(w, "week" | "month" | "year" | "morning" | "evening" | "night");
                if !datey || skipped >= 3 {
                    break;
                }
                rest = rest[word.len()..].trim_start();
                skipped += 1;
            }
            if skipped > 0 {
                return rest;
            }
        }
    }
    t
}

fn words_in(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The start of the clause holding `at`: after the last " - ", ";" or sentence start.
fn clause_start(text: &str, sentence_start: usize, at: usize) -> usize {
    let before = &text[sentence_start..at];
    [" - ", "; ", ", but ", ", and "]
        .iter()
        .filter_map(|sep| before.rfind(sep).map(|i| sentence_start + i + sep.len()))
        .max()
        .unwrap_or(sentence_start)
}

/// Where a reported clause ends: the sentence end, a quote, "- ", ";" or ", according to".
fn clause_end(text: &str, from: usize, sentence_end: usize, spans: &[(usize, Range<usize>)]) -> usize {
    let from = from.min(sentence_end);
    let rest = &text[from..sentence_end];
    let mut end = [
        " - ",
        "; ",
        ", according to",
        ", which ",
        ", who ",
        ", but ",
        ", with ",
    ]
    .iter()
    .filter_map(|sep| rest.find(sep).map(|i| from + i))
    .min()
    .unwrap_or(sentence_end);
    for (_, r) in spans {
        // The opening quote mark sits just before the content.
        if r.start > from && r.start - 1 < end {
            end = r.start - 1;
        }
    }
    // Long clauses stop at a comma after 200 bytes.
    if end - from > 300
        && let Some(i) = text[from + 200..end].find(", ")
    {
        end = from + 200 + i;
    }
    end
}

/// Trims spaces and final punctuation off `start..end`; `None` if too short.
fn clause_trim(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
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
    (words_in(t) >= 3).then(|| start + lead..start + lead + t.len())
}

/// The sentence with quote contents blanked, for dates and channels.
fn mask<'t>(
    text: &'t str,
    sentence: &Range<usize>,
    spans: &[(usize, Range<usize>)],
) -> std::borrow::Cow<'t, str> {
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(&text[sentence.clone()]);
    }
    let mut out = String::with_capacity(sentence.len());
    for (i, c) in text[sentence.clone()].char_indices() {
        let at = sentence.start + i;
        if spans.iter().any(|(_, r)| r.start <= at && at < r.end) {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn date_phrase(masked: &str) -> String {
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
fn via(masked: &str) -> Option<String> {
    let words: Vec<&str> = masked.split_whitespace().collect();
    let clean = |w: &str| {
        w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '"' | '(' | ')'))
            .to_string()
    };
    for (i, w) in words.iter().enumerate() {
        let cw = w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '"' | '(' | ')'));
        if !is_in(&gz::CHANNELS, cw) {
            continue;
        }
        // Walk back over modifiers to a preposition ("in an e-mailed comment"), or to
        // "A" opening the sentence ("A CBS interview released on ..."); "The letter was
        // to be delivered" is not a channel.
        let mut start = i;
        let mut ok = false;
        while start > 0 && i - start < 5 {
            let p = clean(words[start - 1]);
            let pl = p.to_lowercase();
            let preposition = matches!(pl.as_str(), "in" | "during" | "via" | "through" | "on" | "at");
            let article = matches!(pl.as_str(), "an" | "a" | "the" | "his" | "her" | "their" | "its");
            let before_article = if start >= 2 {
                clean(words[start - 2]).to_lowercase()
            } else {
                String::new()
            };
            if preposition
                || (article
                    && (matches!(
                        before_article.as_str(),
                        "in" | "during" | "via" | "through" | "on" | "at" | "told"
                    ) || (start == 1 && matches!(pl.as_str(), "a" | "an"))))
            {
                ok = true;
                break;
            }
            if words[start - 1].ends_with(',') || words[start - 1].ends_with('.') {
                break;
            }
            start -= 1;
        }
        if !ok {
            continue;
        }
        let mut parts: Vec<String> = words[start..=i]
            .iter()
            .map(|w| clean(w))
            .filter(|w| gz::is_month(w).is_none() && !w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty())
            .collect();
        // "... to RFE/RL", "... about the strikes on boats", "published by X"
        let mut k = i + 1;
        let mut extra = 0;
        let ends_clause = |w: &str| w.ends_with(',') || w.ends_with('.') || w.ends_with(';');
        if !ends_clause(words[i])
            && let Some(next) = words.get(k).map(|w| clean(w).to_lowercase())
            && matches!(
                next.as_str(),
                "to" | "about" | "on" | "with" | "published" | "by" | "for"
            )
        {
            while k < words.len() && extra < 9 {
                let w = words[k];
                let cw = clean(w);
                let datey = |x: &str| {
                    gz::is_month(x).is_some()
                        || is_in(&gz::WEEKDAYS, x)
                        || (!x.is_empty() && x.chars().all(|c| c.is_ascii_digit()))
                        || matches!(x, "yesterday" | "today" | "earlier" | "last" | "this")
                };
                let next_datey = words.get(k + 1).is_some_and(|n| datey(&clean(n)));
                if datey(&cw) || (matches!(cw.as_str(), "on" | "in" | "last" | "this") && next_datey) {
                    break;
                }
                if extra > 0 && matches!(cw.as_str(), "in" | "that" | "when" | "after" | "before") {
                    break;
                }
                parts.push(cw);
                extra += 1;
                k += 1;
                if ends_clause(w) {
                    break;
                }
            }
        }
        while parts
            .last()
            .is_some_and(|p| matches!(p.as_str(), "in" | "on" | "the" | "to" | "by" | "and"))
        {
            parts.pop();
        }
        let mut v = parts.join(" ");
        if !v.contains(" to ")
            && let Some(t) = words.iter().position(|w| matches!(*w, "told" | "tells"))
            && let Some(to) = words.get(t + 1).map(|w| clean(w))
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

/// Pairs quote marks in the folded paragraphs; a quote may run over paragraphs
/// when the next one opens with a quote mark (the newspaper convention).
fn find_quotes(paras: &[Para], notes: &mut Vec<String>) -> Vec<Quote> {
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
fn sentences(text: &str, spans: &[(usize, Range<usize>)]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    let in_quote = |at: usize| {
        let k = spans.partition_point(|(_, r)| r.end <= at);
        spans.get(k).is_some_and(|(_, r)| r.start <= at)
    };
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && !in_quote(i) {
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
                    && !is_abbreviation_before(text, i));
            if is_end {
                out.push(start..end);
                start = end;
                while start < bytes.len() && bytes[start] == b' ' {
                    start += 1;
                }
                i = start;
                continue;
            }
        }
        // A closing quote mark after a full stop inside the quote ends the sentence too.
        if b == b'"' && i > 0 && matches!(bytes[i - 1], b'.' | b'!' | b'?') && {
            let k = spans.partition_point(|(_, r)| r.end < i);
            spans.get(k).is_some_and(|(_, r)| r.end == i)
        } {
            let end = i + 1;
            let next = text[end..].trim_start();
            if end >= bytes.len()
                || (text[end..].starts_with(' ')
                    && next.chars().next().is_some_and(|c| c.is_uppercase() || c == '"'))
            {
                out.push(start..end);
                start = end;
                while start < bytes.len() && bytes[start] == b' ' {
                    start += 1;
                }
                i = start;
                continue;
            }
        }
        i += 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn is_abbreviation_before(text: &str, dot: usize) -> bool {
    let word_start = text[..dot].rfind(' ').map_or(0, |i| i + 1);
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
