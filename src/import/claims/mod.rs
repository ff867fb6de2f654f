//! Finding claims: direct quotes with their speakers, reported speech
//! ("X said that ...") and reports by outlets or unnamed sources, with the
//! date and channel the text gives.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::{ActorKind, ClaimKind, PartialDate};
use crate::text::{Folded, fold, on_word_boundaries};

use super::actors::{Actor, Token, is_given_name, is_outlet_name};
use super::dates::{self, Resolved};
use super::gazetteer::{self as gz, WordList, is_in};

mod documents;
mod quotes;
mod reported;
mod subjects;
mod text;

use documents::*;
use quotes::*;
use reported::*;
use subjects::*;
use text::*;

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
    /// Why the speaker is uncertain (the claim's `doubt`).
    pub doubt: Option<String>,
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

static SKIPPABLE: WordList = WordList::data(include_str!("../words/skippable.txt"));

/// Verbs of judgement that attribute a statement in the passive ("denounced by X").
static PASSIVE_VERBS: WordList = WordList::data(include_str!("../words/passive-verbs.txt"));

static NEEDS_THAT: WordList = WordList::data(include_str!("../words/needs-that.txt"));

/// Documents that report research, and the plural nouns for their authors.
static RESEARCH: WordList = WordList::data(include_str!("../words/research-documents.txt"));
static RESEARCH_AUTHORS: WordList = WordList::data(include_str!("../words/research-authors.txt"));

/// Verbs whose object alone is what was said: "X announced a multi-year deal".
static OBJECT_VERBS: WordList = WordList::data(include_str!("../words/object-verbs.txt"));

/// Searches around a verb or a quote look this far (bytes) and no further, so
/// that import stays linear in the length of a sentence.
const WINDOW: usize = 400;

/// Who a reporting verb gives the words to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    /// The grammar ties the words to this subject.
    Stated(Subject),
    /// A guess (or no speaker), with the reason written into the claim's `doubt`.
    Doubtful(Option<usize>, String),
}

/// The speaker of one claim and why it is uncertain, with the verb that gave it.
#[derive(Debug, Clone)]
struct Attribution {
    speaker: Option<usize>,
    doubt: Option<String>,
    verb: Option<usize>,
}

impl Attribution {
    fn from_subject(who: Who, verb: usize) -> Self {
        let (speaker, doubt) = match who {
            Who::Stated(Subject::Actor(a)) => (Some(a), None),
            Who::Stated(Subject::Unnamed(_)) => (None, None),
            Who::Doubtful(a, why) => (a, Some(why)),
        };
        Attribution {
            speaker,
            doubt,
            verb: Some(verb),
        }
    }

    fn doubtful(speaker: Option<usize>, why: String) -> Self {
        Attribution {
            speaker,
            doubt: Some(why),
            verb: None,
        }
    }
}

/// What a non-quote claim is: its speaker, kind and doubt.
struct Made {
    speaker: Option<usize>,
    kind: ClaimKind,
    doubt: Option<String>,
}

/// The speaker of the last quote, where it ended, and whether it was stated.
#[derive(Debug, Clone, Copy)]
struct LastQuote {
    para: usize,
    speaker: Option<usize>,
    stated: bool,
}

/// A document and who issued it: "an affidavit from X", "X's statement".
#[derive(Debug, Clone)]
struct Issued {
    noun: String,
    actor: usize,
    para: usize,
}

/// A research document tied to its author somewhere in the article ("the paper
/// published by X", "X's study"), and the paragraph of the tie.
#[derive(Debug, Clone, Copy)]
struct Tie {
    actor: usize,
    para: usize,
}

/// What carries over from one sentence to the next: the date context, who was
/// named and who spoke.
struct Discourse {
    /// Documents named with their issuer, latest last (at most eight).
    documents: Vec<Issued>,
    /// The article's research ties, all to one author (empty when none or several).
    research: Vec<Tie>,
    ctx: dates::Context,
    section: usize,
    /// Index of the section's first paragraph.
    section_start: usize,
    /// The last person named outside a quote (first in its sentence), and its paragraph.
    recent_person: Option<(usize, usize)>,
    recent_other: Option<(usize, usize)>,
    /// The people the sentence before named outside quotes (at most three).
    people_before: Vec<usize>,
    /// A person the sentence before introduced when it had no quote of its own.
    prev_sentence_person: Option<usize>,
    last_quote: Option<LastQuote>,
    /// A person named outside quotes since the last quote.
    named_since_quote: Option<usize>,
    /// A speaker that is not a person (perhaps a name the actors got wrong) quoted
    /// since the last person was named: "he" may be that one.
    other_spoke: Option<usize>,
    /// Quotes left out because no speaker was found.
    dropped: usize,
}

impl Discourse {
    fn new(published: Option<PartialDate>) -> Self {
        Discourse {
            documents: Vec::new(),
            research: Vec::new(),
            ctx: dates::Context {
                published,
                last: None,
            },
            section: usize::MAX,
            section_start: 0,
            recent_person: None,
            recent_other: None,
            people_before: Vec::new(),
            prev_sentence_person: None,
            last_quote: None,
            named_since_quote: None,
            other_spoke: None,
            dropped: 0,
        }
    }

    /// A new section forgets the dates, quotes and people of the one before.
    fn enter_paragraph(&mut self, section: usize, pi: usize) {
        if section != self.section {
            self.section = section;
            self.section_start = pi;
            self.ctx.last = None;
            self.last_quote = None;
            self.prev_sentence_person = None;
            self.people_before.clear();
            self.named_since_quote = None;
        }
    }

    /// Who "he" or "she" is: the last person named, in doubt when that was
    /// paragraphs ago or when the sentence before named several people.
    fn pronoun(&self, pi: usize, finder: &Finder) -> Option<Who> {
        let (p, at) = self.recent_person?;
        if let Some(other) = self.other_spoke {
            let why = format!(
                "“he” or “she” could be {} or {}",
                finder.name(p),
                finder.name(other)
            );
            return Some(Who::Doubtful(Some(p), why));
        }
        if self.people_before.len() >= 2 {
            let names: Vec<&str> = self.people_before.iter().map(|&a| finder.name(a)).collect();
            return Some(Who::Doubtful(
                Some(p),
                format!("“he” or “she” could be several people: {}", names.join(", ")),
            ));
        }
        if at < self.section_start {
            return Some(Who::Doubtful(
                Some(p),
                format!(
                    "“he” or “she” taken as {}, last named in an earlier section ({} paragraphs before)",
                    finder.name(p),
                    pi - at
                ),
            ));
        }
        Some(Who::Stated(Subject::Actor(p)))
    }

    /// The speaker of a quote with no attribution of its own: the quote before in
    /// the same paragraph (stated), else a guess from the sentence or paragraph before.
    fn carried_speaker(
        &self,
        pi: usize,
        words: usize,
        named_before: Option<usize>,
        finder: &Finder,
    ) -> Option<Attribution> {
        if words < 3 {
            return None;
        }
        if let Some(p) = named_before {
            let why = "speaker named before the quote, without a verb of saying";
            return Some(Attribution::doubtful(Some(p), why.into()));
        }
        let last = self.last_quote.filter(|q| q.para + 1 >= pi);
        if let Some(q) = last
            && q.para == pi
            && self.named_since_quote.is_none()
        {
            let doubt = (!q.stated)
                .then(|| "speaker carried over from the quote before, itself in doubt".to_string());
            return Some(Attribution {
                speaker: q.speaker,
                doubt,
                verb: None,
            });
        }
        if let Some(p) = self.prev_sentence_person {
            return Some(Attribution::doubtful(
                Some(p),
                "speaker taken from the sentence before".into(),
            ));
        }
        let q = last.filter(|_| self.named_since_quote.is_none())?;
        let doubt = match q.speaker {
            Some(s) => Some(format!(
                "speaker carried over from the quote before ({}, previous paragraph)",
                finder.name(s)
            )),
            None if !q.stated => return None,
            None => None,
        };
        Some(Attribution {
            speaker: q.speaker,
            doubt,
            verb: None,
        })
    }

    /// A quote nobody could be found for: the next one cannot be carried over from it.
    fn unattributed(&mut self, para: usize) {
        self.last_quote = Some(LastQuote {
            para,
            speaker: None,
            stated: false,
        });
        self.named_since_quote = None;
        self.dropped += 1;
    }

    /// A quote was given to `att.speaker`.
    fn spoke(&mut self, para: usize, att: &Attribution, finder: &Finder) {
        self.last_quote = Some(LastQuote {
            para,
            speaker: att.speaker,
            stated: att.doubt.is_none(),
        });
        self.named_since_quote = None;
        let stated = att
            .speaker
            .filter(|&s| att.doubt.is_none() && !finder.is_vague(s));
        if let Some(s) = stated {
            if finder.is_person(s) {
                self.recent_person = Some((s, para));
                self.other_spoke = None;
            } else {
                self.recent_other = Some((s, para));
                self.other_spoke = Some(s);
            }
        }
    }

    /// Who the sentence named, for the pronouns and quotes that follow.
    fn after_sentence(&mut self, finder: &Finder, s: &Sentence) {
        let opened_quote = s
            .spans
            .iter()
            .any(|(_, r)| r.start >= s.range.start && r.start < s.range.end);
        let last_quote_end = s.spans.last().map_or(0, |(_, r)| r.end);
        let mut people = Vec::new();
        let mut first_person = None;
        let mut first_other = None;
        let named = s.mentions_in(s.range.clone());
        let named = named.iter().filter(|m| !finder.is_vague(m.actor));
        for m in named.filter(|m| !m.possessive && !s.in_quote(m.start)) {
            if finder.is_person(m.actor) {
                first_person.get_or_insert(m.actor);
                if people.len() < 3 && !people.contains(&m.actor) {
                    people.push(m.actor);
                }
                let speaker = self.last_quote.and_then(|q| q.speaker);
                if m.start >= last_quote_end && speaker != Some(m.actor) {
                    self.named_since_quote = Some(m.actor);
                }
            } else {
                first_other.get_or_insert(m.actor);
            }
        }
        self.prev_sentence_person = if opened_quote { None } else { first_person };
        if let Some(p) = first_person {
            self.recent_person = Some((p, s.pi));
            self.other_spoke = None;
        }
        if let Some(o) = first_other {
            self.recent_other = Some((o, s.pi));
        }
        self.people_before = people;
        self.remember_documents(finder, s);
    }

    /// Keeps the documents the sentence names with their issuers (the last eight).
    fn remember_documents(&mut self, finder: &Finder, s: &Sentence) {
        for (noun, actor) in finder.issued_documents(s) {
            if self.documents.len() == 8 {
                self.documents.remove(0);
            }
            self.documents.push(Issued {
                noun,
                actor,
                para: s.pi,
            });
        }
    }
}

/// One sentence of a paragraph, with what the patterns need to read it.
struct Sentence<'s> {
    paras: &'s [Para],
    para: &'s Para,
    pi: usize,
    /// The paragraph's folded text.
    text: &'s str,
    range: Range<usize>,
    /// Quotes touching the sentence (paragraph offsets of their contents).
    spans: &'s [(usize, Range<usize>)],
    tokens: &'s [Token<'s>],
    /// Tokens of the sentence outside quotes.
    own: Vec<usize>,
    /// Mentions of the whole paragraph, in order.
    mentions: &'s [Mention],
    /// Reporting verbs and "according to" among `own`.
    verbs: Vec<usize>,
    /// The sentence with quote contents blanked.
    masked: String,
    date: Option<Resolved>,
    date_words: Option<String>,
    /// Who "he"/"she" and "it" would be.
    he: Option<Who>,
    it: Option<(usize, usize)>,
    /// Documents named before, with their issuers.
    documents: Vec<Issued>,
    /// The article's research tie nearest to this paragraph.
    research: Option<Tie>,
    /// Mentions of the paragraph before.
    prev_mentions: &'s [Mention],
}

impl<'s> Sentence<'s> {
    #[allow(clippy::too_many_arguments)]
    fn new(
        finder: &Finder,
        paras: &'s [Para],
        pi: usize,
        tokens: &'s [Token<'s>],
        mentions: (&'s [Mention], &'s [Mention]),
        all_spans: &'s [(usize, Range<usize>)],
        range: Range<usize>,
        d: &mut Discourse,
    ) -> Self {
        let (mentions, prev_mentions) = mentions;
        let para = &paras[pi];
        // The nearest tie, one before on a draw.
        let research = d
            .research
            .iter()
            .copied()
            .min_by_key(|t| (t.para.abs_diff(pi), t.para > pi));
        let text = para.folded.text.as_str();
        let lo = all_spans.partition_point(|(_, r)| r.end <= range.start);
        let hi = all_spans.partition_point(|(_, r)| r.start < range.end).max(lo);
        let spans = &all_spans[lo..hi];
        let masked = mask(text, &range, spans);
        let found_date = dates::find(&masked, &d.ctx);
        if let Some(f) = found_date
            && f.month.is_some()
            && f.day.is_some()
        {
            d.ctx.last = Some(f);
        }
        let date = found_date.and_then(|f| dates::resolve(f, &d.ctx));
        let date_words = found_date.map(|_| date_phrase(&masked));
        let t_lo = tokens.partition_point(|t| t.start < range.start);
        let t_hi = tokens.partition_point(|t| t.start < range.end).max(t_lo);
        let mut s = Sentence {
            paras,
            para,
            pi,
            text,
            range,
            spans,
            tokens,
            own: Vec::new(),
            mentions,
            verbs: Vec::new(),
            masked: masked.into_owned(),
            date,
            date_words,
            he: d.pronoun(pi, finder),
            it: d.recent_other,
            documents: d.documents.clone(),
            research,
            prev_mentions,
        };
        s.own = (t_lo..t_hi)
            .filter(|&t| tokens[t].end <= s.range.end && !s.in_quote(tokens[t].start))
            .collect();
        s.verbs = s
            .own
            .iter()
            .copied()
            .filter(|&t| {
                is_in(&gz::REPORTING_VERBS, tokens[t].text)
                    || is_according(tokens, t)
                    || verb_words(tokens, t).1 > tokens[t].end
            })
            .collect();
        s
    }

    fn in_quote(&self, at: usize) -> bool {
        let k = self.spans.partition_point(|(_, r)| r.end <= at);
        self.spans.get(k).is_some_and(|(_, r)| r.start <= at)
    }

    /// Where the quote before quote `k` ends in this sentence (else its start): a
    /// title in quotes (“told "CBS This Morning" host X, "…"”) is no boundary.
    fn prev_quote_end(&self, k: usize) -> usize {
        // The nearest few only: a run of terms in quotes stays linear.
        let lo = k.saturating_sub(8);
        self.spans[lo..k]
            .iter()
            .rev()
            .enumerate()
            .find(|&(i, (_, r))| {
                !is_scare_quote(self.text, r) || self.range.start > r.start || lo > 0 && i + 1 == k - lo
            })
            .map(|(_, q)| q)
            .map_or(self.range.start, |(_, r)| r.end.max(self.range.start))
    }

    /// Whether a quote opens in this sentence before `at`; a term in quotes
    /// (“took "solace" from”, “the "Free, Prior and Informed Consent" principle”) is none.
    fn has_quote_before(&self, at: usize) -> bool {
        let lo = self.spans.partition_point(|(_, r)| r.start < self.range.start);
        let hi = self.spans.partition_point(|(_, r)| r.start < at).max(lo);
        // The nearest few are enough: many terms in a row read as quotes.
        hi - lo > 8
            || self.spans[lo..hi]
                .iter()
                .any(|(_, r)| !is_scare_quote(self.text, r))
    }

    /// Whether a quote's content starts inside `r`.
    fn quote_opens_in(&self, r: Range<usize>) -> bool {
        let k = self.spans.partition_point(|(_, q)| q.start < r.start);
        self.spans.get(k).is_some_and(|(_, q)| q.start < r.end)
    }

    /// The mentions that start inside `r`.
    fn mentions_in(&self, r: Range<usize>) -> &'s [Mention] {
        let lo = self.mentions.partition_point(|m| m.start < r.start);
        let hi = self.mentions.partition_point(|m| m.start < r.end).max(lo);
        &self.mentions[lo..hi]
    }

    /// The mention that ends exactly where token `t` ends.
    fn mention_ending_at(&self, t: usize) -> Option<&'s Mention> {
        mention_ending(self.mentions, &self.tokens[t])
    }

    /// Words from `from` to the end of the sentence, counted up to six.
    fn words_until_end(&self, from: usize) -> usize {
        self.text
            .get(from..self.range.end)
            .map_or(0, |r| r.split_whitespace().take(6).count())
    }

    /// "Neither Russian nor Venezuelan officials have commented": nothing was said.
    /// Only within the verb's own clause: "who asked not to be named, said" is said.
    fn negated(&self, v: usize) -> bool {
        let t = self.tokens;
        let from = (v.saturating_sub(5)..v)
            .rev()
            .find(|&k| t[k + 1].gap)
            .map_or(v.saturating_sub(5), |k| k + 1);
        (from..v).any(|k| {
            // "who asked not to be named said" negates the naming, not the saying.
            let infinitive = t[k].text == "not" && t.get(k + 1).is_some_and(|n| n.text == "to");
            t[k].start >= self.range.start
                && !infinitive
                && matches!(
                    t[k].text.to_lowercase().as_str(),
                    "not" | "never" | "neither" | "nor" | "no" | "declined" | "refused"
                )
        })
    }

    /// The start of the subject of verb `v` for an anchor: its mention, else the verb.
    fn subject_start(&self, v: usize, subject_at: usize) -> usize {
        subject_at.min(self.tokens[v].start)
    }

    /// The sentence as written.
    fn original(&self) -> &'s str {
        let r = self.para.folded.original_range(self.range.clone());
        self.para.original.get(r).unwrap_or("").trim()
    }
}

/// `text` without a trailing honorific or title: "…, Mr." before the name "Marcus".
fn without_honorific(text: &str) -> &str {
    let text = text.trim_end();
    match text.rsplit_once(' ') {
        Some((head, last)) if is_in(&gz::HONORIFICS, last) || is_in(&gz::TITLES, last) => head.trim_end(),
        _ => text,
    }
}

/// The quote contents in paragraph `pi` (from the quotes still open or opening there).
fn quote_spans(quotes: &[Quote], floor: usize, pi: usize, len: usize) -> Vec<(usize, Range<usize>)> {
    quotes
        .iter()
        .enumerate()
        .skip(floor)
        .take_while(|(_, q)| q.first_para <= pi)
        .filter(|(_, q)| q.last_para >= pi)
        .map(|(qi, q)| {
            let s = if q.first_para == pi { q.start } else { 0 };
            let e = if q.last_para == pi { q.end } else { len };
            (qi, s..e)
        })
        .collect()
}

pub struct Finder<'a> {
    actors: &'a [Actor],
    matcher: Option<AhoCorasick>,
    owners: Vec<usize>,
    /// The last word of each organisation's name (lowercase), with the one
    /// organisation it ends, or `None` when it ends several ("the operator").
    heads: std::collections::HashMap<String, Option<usize>>,
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
        let mut heads = std::collections::HashMap::new();
        for (i, a) in actors.iter().enumerate() {
            if a.kind == ActorKind::Organisation
                && let Some((_, last)) = a.name.rsplit_once(' ')
            {
                heads
                    .entry(last.to_ascii_lowercase())
                    .and_modify(|e| *e = None)
                    .or_insert(Some(i));
            }
        }
        Finder {
            actors,
            matcher,
            owners,
            heads,
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

    /// "Mr Calder replied": the one person whose name ends in the word, if only one does.
    fn only_surname(&self, word: &str) -> Option<usize> {
        let mut hits = self.actors.iter().enumerate().filter(|(i, a)| {
            self.is_person(*i)
                && !self.is_vague(*i)
                && a.name.contains(' ')
                && a.name.rsplit(' ').next() == Some(word)
        });
        let (first, _) = hits.next()?;
        hits.next().is_none().then_some(first)
    }

    /// "Walter said": the one person whose name starts with the word, if only one does.
    fn only_given_name(&self, word: &str) -> Option<usize> {
        let mut hits = self.actors.iter().enumerate().filter(|(i, a)| {
            self.is_person(*i)
                && !self.is_vague(*i)
                && a.name.split_once(' ').is_some_and(|(first, _)| first == word)
        });
        let (first, _) = hits.next()?;
        hits.next().is_none().then_some(first)
    }

    /// A "person" only because its words are capitalised ("Residence Life"): no
    /// given name, title or role says so, so "he" or "she" cannot point to it.
    fn is_vague(&self, a: usize) -> bool {
        self.actors.get(a).is_some_and(|a| {
            a.kind == ActorKind::Person
                && !a.sure
                && a.role.is_none()
                && !a.name.split_whitespace().next().is_some_and(is_given_name)
        })
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
        let mut d = Discourse::new(self.published);
        let all_mentions: Vec<Vec<Mention>> = paras.iter().map(|p| self.mentions(&p.folded.text)).collect();
        d.research = research_ties(paras, all_tokens, &all_mentions);
        let mut quote_floor = 0;
        for (pi, para) in paras.iter().enumerate() {
            d.enter_paragraph(para.section, pi);
            let text = &para.folded.text;
            let tokens: &[Token] = all_tokens.get(pi).map_or(&[], Vec::as_slice);
            let mentions = (
                all_mentions[pi].as_slice(),
                pi.checked_sub(1).map_or(&[][..], |p| all_mentions[p].as_slice()),
            );
            while quote_floor < quotes.len() && quotes[quote_floor].last_para < pi {
                quote_floor += 1;
            }
            let spans = quote_spans(&quotes, quote_floor, pi, text.len());
            for range in sentences(text, &spans) {
                let s = Sentence::new(self, paras, pi, tokens, mentions, &spans, range, &mut d);
                let mut found = Vec::new();
                self.quote_claims(&s, &quotes, &mut d, &mut found);
                self.reported_claims(&s, &d, &mut found);
                self.motion_claims(&s, &mut found);
                self.joined_calls(&s, &mut found);
                self.saying_claims(&s, &mut found);
                self.passive_claims(&s, &mut found);
                self.reportedly_claims(&s, &mut found);
                if !found.is_empty() {
                    let channel = via(&s.masked);
                    for c in &mut found {
                        c.via.clone_from(&channel);
                    }
                }
                d.after_sentence(self, &s);
                claims.extend(found);
            }
        }
        if d.dropped > 0 {
            notes.push(format!(
                "{} quote{} left out: no speaker found for {}",
                d.dropped,
                if d.dropped == 1 { "" } else { "s" },
                if d.dropped == 1 { "it" } else { "them" }
            ));
        }
        claims
    }

    /// The date next to a verb ending at `from`, as (date, words); both `None` if there is none.
    fn date_at(&self, s: &Sentence, from: usize, d: &Discourse) -> (Option<Resolved>, Option<String>) {
        match self.date_near(s.text, from, &s.range, &d.ctx) {
            Some((date, words)) => (Some(date), Some(words)),
            None => (None, None),
        }
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

    /// Adds a paraphrase or report anchored at `anchor` (folded offsets in the
    /// paragraph), unless the same speaker already has a claim there.
    fn push_claim(
        &self,
        out: &mut Vec<DraftClaim>,
        s: &Sentence,
        anchor: Range<usize>,
        made: Made,
        (date, date_words): (&Option<Resolved>, &Option<String>),
    ) {
        let para = s.para;
        let original = para.folded.original_range(anchor.clone());
        let Some(anchor_text) = para.original.get(original.clone()).map(|s| s.trim().to_string()) else {
            return;
        };
        if !has_words(&anchor_text, 3) {
            return;
        }
        let span = para.offset + original.start..para.offset + original.end;
        // Claims of a sentence come in order: overlaps are with the last few.
        if out.iter().rev().take(8).any(|c| {
            // A word or two quoted inside the clause ("took “solace” from …") leaves the clause its claim.
            let inside = c.kind == ClaimKind::Quote && span.start < c.span.start && c.span.end < span.end;
            c.speaker == made.speaker && c.span.start < span.end && span.start < c.span.end && !inside
        }) {
            return;
        }
        let mut about = Vec::new();
        for m in s.mentions_in(anchor.clone()) {
            if m.end <= anchor.end && Some(m.actor) != made.speaker && !about.contains(&m.actor) {
                about.push(m.actor);
                if about.len() == 5 {
                    break;
                }
            }
        }
        out.push(DraftClaim {
            section: para.section,
            span,
            speaker: made.speaker,
            about,
            kind: made.kind,
            text: claim_text(s, &anchor, &anchor_text),
            anchor: Some(anchor_text),
            date: date.clone(),
            date_words: date_words.clone(),
            via: None,
            doubt: made.doubt,
        });
    }

    fn name(&self, a: usize) -> &str {
        self.actors.get(a).map_or("", |x| x.name.as_str())
    }
}
