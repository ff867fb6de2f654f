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

static SKIPPABLE: WordList = WordList::data(include_str!("words/skippable.txt"));

/// Verbs of judgement that attribute a statement in the passive ("denounced by X").
static PASSIVE_VERBS: WordList = WordList::data(include_str!("words/passive-verbs.txt"));

static NEEDS_THAT: WordList = WordList::data(include_str!("words/needs-that.txt"));

/// Documents that report research, and the plural nouns for their authors.
static RESEARCH: WordList = WordList::data(include_str!("words/research-documents.txt"));
static RESEARCH_AUTHORS: WordList = WordList::data(include_str!("words/research-authors.txt"));

/// Verbs whose object alone is what was said: "X announced a multi-year deal".
static OBJECT_VERBS: WordList = WordList::data(include_str!("words/object-verbs.txt"));

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

    /// Direct quotes that open in this sentence, with their speakers, and the
    /// words between a quote and its attribution.
    fn quote_claims(&self, s: &Sentence, quotes: &[Quote], d: &mut Discourse, out: &mut Vec<DraftClaim>) {
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
    fn speaker_next_sentence(&self, s: &Sentence, range: &Range<usize>, words: usize) -> Option<Attribution> {
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
    fn quote_attribution(&self, s: &Sentence, k: usize) -> Option<Attribution> {
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
    fn outer_speaker(&self, s: &Sentence, list: &[usize], i: usize, r: Who) -> (usize, Who) {
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
    fn quote_about(&self, s: &Sentence, range: &Range<usize>, speaker: Option<usize>) -> Vec<usize> {
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
    fn quote_middle(
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

    /// Reported speech ("X said that …", "according to X, …") and reports.
    fn reported_claims(&self, s: &Sentence, d: &Discourse, out: &mut Vec<DraftClaim>) {
        // "X told Y she believes …": a verb inside the clause of one before is X's words.
        let mut covered = 0..0;
        for &v in &s.verbs {
            if covered.contains(&s.tokens[v].start) {
                continue;
            }
            let according = is_according(s.tokens, v);
            let interjected = if according { None } else { self.interjected(s, v) };
            // "… descent “…,” manage …, the paper states.": quotes inside a sentence
            // its trailing attribution gives to the speaker do not stop it.
            let quoted_inside = s.has_quote_before(s.tokens[v].start)
                && !(s.words_until_end(s.tokens[v].end) <= 3 && quotes_embedded(s, s.tokens[v].start));
            if quoted_inside
                || !(according
                    || interjected.is_some()
                    || is_in(&gz::SPEECH_VERBS, &verb_words(s.tokens, v).0))
                || s.negated(v)
            {
                continue;
            }
            let found = if interjected.is_some() {
                interjected
            } else if according {
                self.according(s, v)
            } else {
                self.reported(s, v)
            };
            let Some((subject, anchor)) = found else { continue };
            let (speaker, doubt) = match subject {
                Who::Stated(Subject::Actor(a)) => (Some(a), None),
                Who::Stated(Subject::Unnamed(_)) => (None, None),
                Who::Doubtful(a, why) => (a, Some(why)),
            };
            let report = match speaker {
                Some(a) => self.actors.get(a).is_some_and(|x| {
                    x.kind == ActorKind::Organisation && (is_outlet_name(&x.name) || according)
                        || x.name.contains("media")
                        || x.kind == ActorKind::Group && according
                }),
                None => is_document(&s.text[anchor.clone()]),
            };
            let (date, date_words) = match self.date_at(s, s.tokens[v].end, d) {
                (Some(x), w) => (Some(x), w),
                (None, _) => (s.date.clone(), s.date_words.clone()),
            };
            let kind = if report {
                ClaimKind::Report
            } else {
                ClaimKind::Paraphrase
            };
            if anchor.start < s.tokens[v].start {
                covered = anchor.clone();
            }
            self.push_claim(
                out,
                s,
                anchor,
                Made { speaker, kind, doubt },
                (&date, &date_words),
            );
        }
    }

    /// "…, according to X" or "According to X, …": the source follows closely.
    fn according(&self, s: &Sentence, v: usize) -> Option<(Who, Range<usize>)> {
        let opens = s.tokens[v].start <= s.range.start + 1;
        // "According to X, …" runs to the end; "…, according to X" is what comes before.
        let start = clause_start(s.text, s.range.start, s.tokens[v].start);
        let opening_end = floor_boundary(s.text, s.range.end.min(s.tokens[v].end + LONGEST_CLAUSE));
        if let Some(m) = according_source(s, v) {
            let who = match product_after(s, m) {
                Some(noun) => {
                    let name = s.text.get(m.start..m.end).unwrap_or_default().trim();
                    let why = format!("the source is a “{name} {noun}”, perhaps not made by {name}");
                    Who::Doubtful(Some(m.actor), why)
                }
                None => Who::Stated(Subject::Actor(m.actor)),
            };
            // "Demand, according to X, reached …": an aside; the claim is the whole sentence.
            let aside = s
                .text
                .get(..s.tokens[v].start)
                .is_some_and(|b| b.trim_end().ends_with(','))
                && s.text
                    .get(m.end..)
                    .is_some_and(|a| a.trim_start().starts_with(','));
            let end = if opens || aside { opening_end } else { m.end };
            return Some((who, clause_trim(s.text, start, end)?));
        }
        // "according to the grid operator's 2019 resource assessment".
        let found = (v + 3..(v + 6).min(s.tokens.len()))
            .take_while(|&k| !s.tokens[k].gap)
            .find_map(|k| self.definite_phrase(s, v + 2, k).map(|w| (w, k)));
        if s.tokens[v].text != "per"
            && let Some(((who, _), k)) = found
        {
            let end = if opens { opening_end } else { s.tokens[k].end };
            return Some((who, clause_trim(s.text, start, end)?));
        }
        let from = s.own.partition_point(|&t| t <= v + 1);
        let t = s.own[from..]
            .iter()
            .copied()
            .take_while(|&t| t < v + 5)
            .find(|&t| is_in(&gz::UNNAMED_SOURCES, s.tokens[t].text))?;
        // "according to data from California ISO": a source the actors lack, not an unnamed one.
        let named = s.tokens[t + 1..]
            .iter()
            .take(4)
            .take_while(|n| !n.gap)
            .any(|n| n.text.chars().next().is_some_and(char::is_uppercase));
        if named {
            return None;
        }
        let end = if opens { opening_end } else { s.tokens[t].end };
        Some((
            Who::Stated(Subject::Unnamed(s.tokens[t].start)),
            clause_trim(s.text, start, end)?,
        ))
    }

    /// "The bank, he continued, sells forex …": the speaker interrupts a sentence
    /// without quotes, so the whole sentence is theirs.
    fn interjected(&self, s: &Sentence, v: usize) -> Option<(Who, Range<usize>)> {
        let verb_end = s.tokens[v].end;
        let after = s.text.get(verb_end..s.range.end)?;
        if !after.starts_with(',') || !has_words(after, 3) || s.quote_opens_in(s.range.start..s.range.end) {
            return None;
        }
        let (who, at) = self.subject_at(s, v)?;
        let before = without_honorific(s.text.get(s.range.start..at)?);
        // "Simultaneously, he continued, …": one word before the comma is enough.
        if at >= s.tokens[v].start || !before.ends_with(',') || !has_words(before, 1) {
            return None;
        }
        if matches!(who, Who::Doubtful(None, _)) {
            return None;
        }
        let start = floor_boundary(s.text, s.range.start.max(at.saturating_sub(LONGEST_CLAUSE)));
        let end = floor_boundary(s.text, s.range.end.min(verb_end + LONGEST_CLAUSE));
        Some((who, clause_trim(s.text, start, end)?))
    }

    /// "X said (that) …", "X told reporters that …", "…, X said.": the subject and the clause.
    fn reported(&self, s: &Sentence, v: usize) -> Option<(Who, Range<usize>)> {
        let (subject, subject_at) = self.subject_at(s, v)?;
        if matches!(subject, Who::Doubtful(None, _)) {
            return None; // no one to give the words to: a missed claim, not a wrong one
        }
        let (verb, verb_end) = verb_words(s.tokens, v);
        let verb = &*verb;
        let start = as_aside_start(s, s.subject_start(v, subject_at));
        let mut after = verb_end;
        let rest_end = floor_boundary(s.text, (after + 200).min(s.range.end));
        let rest = s.text.get(after..rest_end).unwrap_or("");
        // "confirmed in a statement sent to the media and posted online that …".
        let channel = ["in a ", "in an ", "in its ", "in their "]
            .iter()
            .any(|p| rest.trim_start().starts_with(p));
        let that = rest
            .find(" that ")
            .filter(|&i| i < 60 || channel && i < 160 && !rest[..i].contains(','));
        // "asked that …": only so is "asked" a verb of saying without quotes.
        if verb == "asked" && that != Some(0) {
            return None;
        }
        if is_in(&NEEDS_THAT, verb) {
            match that {
                Some(i) => after += i + 6,
                // "..., Russian state media reported on October 27."
                None if s.text[..start].trim_end().ends_with(',')
                    && s.words_until_end(s.tokens[v].end) <= 4 => {}
                // "told trust members they would …", "recalled this facility was …".
                None if bare_complement(s, v) => {}
                // "Microsoft in 2017 announced a multi-year deal": the object is what was said.
                None if is_in(&OBJECT_VERBS, verb) => {}
                None => return None,
            }
        } else if let Some(i) = that.filter(|&i| i < 30) {
            after += i + 6;
        }
        let end = clause_end(s.text, after, s.range.end, s.spans);
        let clause = &s.text[after.min(end)..end];
        // "…, said Harbour Authority spokesman Paul Okoro": the name follows the verb,
        // so what follows is no clause of his; the claim is what comes before.
        let inverted = subject_at >= s.tokens[v].start;
        // "the affidavit stated, listing …": a comma after the verb opens no clause of its words.
        let comma = after == verb_end && starts_participle(&s.text[after..]);
        if !inverted && !comma && has_words(without_leading_date(clause), 4) {
            return Some((subject, clause_trim(s.text, start, end)?));
        }
        let anchor = trailing_attribution(s, v, start, end, inverted)?;
        Some((subject, anchor))
    }

    /// "a motion brought by X calling on government to …", "X's letter urging …":
    /// what a document calls for is its issuer's claim.
    fn motion_claims(&self, s: &Sentence, out: &mut Vec<DraftClaim>) {
        let t = s.tokens;
        for &v in &s.own {
            let calls = match t[v].text {
                "calling" => t
                    .get(v + 1)
                    .is_some_and(|n| !n.gap && matches!(n.text, "on" | "for")),
                "urging" => true,
                _ => false,
            };
            if !calls || v == 0 || t[v].gap {
                continue;
            }
            // The document and its issuer run up to the verb without punctuation.
            let mut k = v - 1;
            let found = loop {
                if is_in(&gz::DOCUMENTS, t[k].text)
                    && let Some(m) =
                        issuer_of(s.text, t, s.mentions, k, s.range.start).or_else(|| titled_issuer(s, k, v))
                    && (k + 1 == v || m.end == t[v - 1].end)
                {
                    break Some(m);
                }
                if t[k].gap || k == 0 || v - k >= 10 || t[k - 1].start < s.range.start {
                    break None;
                }
                k -= 1;
            };
            let Some(m) = found else { continue };
            let end = clause_end(s.text, t[v].end, s.range.end, s.spans);
            let Some(anchor) = clause_trim(s.text, t[v].start, end) else {
                continue;
            };
            let made = Made {
                speaker: Some(m.actor),
                kind: ClaimKind::Paraphrase,
                doubt: None,
            };
            self.push_claim(out, s, anchor, made, (&s.date, &s.date_words));
        }
    }

    /// "Joe Biden joined growing calls on Thursday for …": joining a call is making
    /// it; the subject of "joined" is the speaker.
    fn joined_calls(&self, s: &Sentence, out: &mut Vec<DraftClaim>) {
        let t = s.tokens;
        for &j in &s.own {
            if !matches!(t[j].text, "joined" | "echoed" | "renewed") {
                continue;
            }
            let near = |from: usize, n: usize| (from..(from + n).min(t.len())).take_while(|&i| !t[i].gap);
            let Some(c) = near(j + 1, 3).find(|&i| matches!(t[i].text, "calls" | "call")) else {
                continue;
            };
            if !near(c + 1, 4).any(|i| t[i].text == "for") || s.negated(j) {
                continue;
            }
            let Some((Who::Stated(Subject::Actor(a)), at)) = self.subject_at(s, j) else {
                continue;
            };
            let end = clause_end(s.text, t[j].end, s.range.end, s.spans);
            let Some(anchor) = clause_trim(s.text, s.subject_start(j, at), end) else {
                continue;
            };
            let made = Made {
                speaker: Some(a),
                kind: ClaimKind::Paraphrase,
                doubt: None,
            };
            self.push_claim(out, s, anchor, made, (&s.date, &s.date_words));
        }
    }

    /// "The trust spending … refused …, saying meager responses …": after a comma,
    /// "saying" takes the sentence's subject when that is "the" and a noun that
    /// ends the name of one organisation ([`Finder::definite_name`]).
    fn saying_claims(&self, s: &Sentence, out: &mut Vec<DraftClaim>) {
        let t = s.tokens;
        for &v in &s.verbs {
            if t[v].text != "saying"
                || !text_gap_is_comma(t, v)
                || s.quote_opens_in(s.range.start..s.range.end)
            {
                continue;
            }
            let first = t.partition_point(|x| x.start < s.range.start);
            let Some((who, _)) = (first + 1..(first + 4).min(v))
                .rev()
                .find_map(|k| self.definite_phrase(s, first, k))
            else {
                continue;
            };
            let (speaker, doubt) = match who {
                Who::Stated(Subject::Actor(a)) => (Some(a), None),
                Who::Doubtful(Some(a), why) => (Some(a), Some(why)),
                _ => continue,
            };
            let end = clause_end(s.text, t[v].end, s.range.end, s.spans);
            let Some(anchor) = clause_trim(s.text, t[v].end, end) else {
                continue;
            };
            let made = Made {
                speaker,
                kind: ClaimKind::Paraphrase,
                doubt,
            };
            self.push_claim(out, s, anchor, made, (&s.date, &s.date_words));
        }
    }

    /// Passive: "... was denounced by the United States as a sham".
    fn passive_claims(&self, s: &Sentence, out: &mut Vec<DraftClaim>) {
        for (k, &t) in s.own.iter().enumerate() {
            if k == 0
                || !is_in(&PASSIVE_VERBS, s.tokens[t].text)
                || s.own.get(k + 1).is_none_or(|&b| s.tokens[b].text != "by")
                || !matches!(
                    s.tokens[s.own[k - 1]].text,
                    "was" | "were" | "been" | "is" | "are" | "be" | "being"
                )
            {
                continue;
            }
            let by_end = s.tokens[s.own[k + 1]].end;
            let Some(m) = s
                .mentions_in(by_end..by_end + 6)
                .iter()
                .find(|m| m.start > by_end && !m.possessive)
            else {
                continue;
            };
            let start = clause_start(s.text, s.range.start, s.tokens[s.own[k - 1]].start);
            let end = clause_end(s.text, m.end, s.range.end, s.spans);
            let Some(anchor) = clause_trim(s.text, start, end) else {
                continue;
            };
            let made = Made {
                speaker: Some(m.actor),
                kind: ClaimKind::Paraphrase,
                doubt: None,
            };
            self.push_claim(out, s, anchor, made, (&s.date, &s.date_words));
        }
    }

    /// "Maduro is reportedly ...", "media reports that ...": reports without a source.
    fn reportedly_claims(&self, s: &Sentence, out: &mut Vec<DraftClaim>) {
        for &t in &s.own {
            let w = s.tokens[t].text;
            let media_reports = w == "reports"
                && t > 0
                && matches!(s.tokens[t - 1].text, "media" | "news" | "press")
                && s.tokens
                    .get(t + 1)
                    .is_some_and(|n| matches!(n.text, "that" | "of" | "suggest" | "suggested"));
            if w != "reportedly" && !media_reports {
                continue;
            }
            let start = if media_reports {
                s.tokens[t - 1].start
            } else {
                clause_start(s.text, s.range.start, s.tokens[t].start)
            };
            let mut end = clause_end(s.text, s.tokens[t].end, s.range.end, s.spans);
            if media_reports && let Some(comma) = s.text[s.tokens[t].end..end].find(", ") {
                end = s.tokens[t].end + comma;
            }
            let Some(anchor) = clause_trim(s.text, start, end) else {
                continue;
            };
            let made = Made {
                speaker: None,
                kind: ClaimKind::Report,
                doubt: None,
            };
            self.push_claim(out, s, anchor, made, (&s.date, &s.date_words));
        }
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

    fn name(&self, a: usize) -> &str {
        self.actors.get(a).map_or("", |x| x.name.as_str())
    }

    /// The subject of reporting verb `v`, tied to it by the grammar: the words
    /// right before it, an apposition ("X, analyst at Y, said"), a relative clause
    /// ("an official, who asked not to be named, said"), a pronoun, or the words
    /// right after it when it follows a quote ("“…,” said X"). `None` when the verb
    /// has no subject it can name; a subject it cannot identify is a doubt.
    fn subject(&self, s: &Sentence, v: usize) -> Option<Who> {
        self.subject_at(s, v).map(|(who, _)| who)
    }

    /// [`Finder::subject`] with the offset where the subject's words start.
    fn subject_at(&self, s: &Sentence, v: usize) -> Option<(Who, usize)> {
        let t = s.tokens;
        if is_according(t, v) {
            let m = according_source(s, v)?;
            return Some((Who::Stated(Subject::Actor(m.actor)), m.start));
        }
        if let Some(found) = self.passive_agent(s, v) {
            return Some(found);
        }
        let j = self.skip_adverbs(s, v);
        let (j, relative) = relative_clause(s, j);
        // "Oleg Ignatov, senior analyst at the Crisis Group, told": the head comes first.
        if t[j].gap
            && j > 0
            && let Some(m) = self.apposition_head(s, j)
        {
            return Some((Who::Stated(Subject::Actor(m.actor)), m.start));
        }
        if let Some(found) = self.unnamed_phrase(s, j) {
            return Some(found);
        }
        if t[j].gap && j > 0 && t[j - 1].start >= s.range.start {
            // "Spain's environment minister, Teresa Ribera, said": the name between commas.
            if !relative
                && text_gap_is_comma(t, j)
                && let Some(m) = s.mention_ending_at(j - 1).filter(|m| {
                    !m.possessive
                        && self.is_person(m.actor)
                        && s.text.get(..m.start).is_some_and(|b| b.ends_with(", "))
                })
            {
                return Some((Who::Stated(Subject::Actor(m.actor)), m.start));
            }
        }
        // "A new study published in the Journal of X suggests": the study, not the journal.
        if !t[j].gap
            && let Some(found) = self.document_phrase(s, j)
        {
            return Some(found);
        }
        let adjacent = j > 0 && t[j - 1].start >= s.range.start && !s.in_quote(t[j - 1].start);
        if adjacent
            && (relative || !t[j].gap)
            && let Some(found) = self.adjacent_subject(s, j)
        {
            return Some(found);
        }
        self.inverted_subject(s, v)
            .or_else(|| self.document_phrase(s, j))
            .or_else(|| self.interrupted_subject(s, j))
    }

    /// "… was denounced by the Regional Drivers Association as “…”": the agent.
    fn passive_agent(&self, s: &Sentence, v: usize) -> Option<(Who, usize)> {
        let t = s.tokens;
        let auxiliary = v > 0
            && matches!(
                t[v - 1].text,
                "was" | "were" | "been" | "is" | "are" | "be" | "being"
            );
        if !auxiliary || t.get(v + 1).is_none_or(|n| n.text != "by") {
            return None;
        }
        let by_end = t[v + 1].end;
        let m = s.mentions_in(by_end..by_end + 6).iter().find(|m| !m.possessive)?;
        Some((Who::Stated(Subject::Actor(m.actor)), m.start))
    }

    /// "the Gold Charter": a "person" by capitals alone, led by "the", is a thing.
    fn names_a_thing(&self, s: &Sentence, m: &Mention) -> bool {
        self.is_vague(m.actor) && after_the(s, m)
    }

    /// "Viktor Orban went further, calling the pact “…”", "Trump …, asked if …,
    /// said": the verb's subject is the clause's, when one person alone is named
    /// before it; with several, a doubt naming them.
    fn interrupted_subject(&self, s: &Sentence, j: usize) -> Option<(Who, usize)> {
        let t = s.tokens;
        if !t[j].gap {
            return None;
        }
        let floor = clause_floor(s, t[j].start);
        let mut people: Vec<&Mention> = Vec::new();
        for m in s.mentions_in(floor..t[j].start) {
            if !m.possessive
                && !s.in_quote(m.start)
                && self.is_person(m.actor)
                && !self.names_a_thing(s, m)
                && !people.iter().any(|p| p.actor == m.actor)
            {
                people.push(m);
            }
        }
        match people.as_slice() {
            [] => None,
            [one] => Some((Who::Stated(Subject::Actor(one.actor)), one.start)),
            [first, rest @ ..] => {
                let names: Vec<&str> = std::iter::once(first)
                    .chain(rest)
                    .take(3)
                    .map(|m| self.name(m.actor))
                    .collect();
                let why = format!("two people could be the speaker: {}", names.join(", "));
                Some((Who::Doubtful(Some(first.actor), why), first.start))
            }
        }
    }

    /// "As she concluded the debate, Deonarine proposed …": a pronoun in a clause
    /// that opens the sentence may point at the person named after it; a doubt.
    fn cataphora(&self, s: &Sentence, pronoun: usize) -> Option<Who> {
        let opener = s.own.first().map(|&f| s.tokens[f].text.to_lowercase())?;
        if !matches!(
            opener.as_str(),
            "as" | "when" | "while" | "after" | "before" | "although" | "though" | "if" | "since" | "once"
        ) {
            return None;
        }
        let from = s.tokens[pronoun].end;
        let later = s.mentions_in(from..(from + WINDOW).min(s.range.end));
        let m = later
            .iter()
            .find(|m| !s.in_quote(m.start) && !m.possessive && self.is_person(m.actor))?;
        let why = format!(
            "“{}” may be {}, named after it",
            s.tokens[pronoun].text,
            self.name(m.actor)
        );
        Some(Who::Doubtful(Some(m.actor), why))
    }

    /// What "it" is: an organisation or state named earlier in the sentence
    /// ("Microsoft’s goal … , it said"), else the last one named before.
    fn it_subject(&self, s: &Sentence, at: usize) -> Option<(Who, usize)> {
        let floor = s.range.start.max(at.saturating_sub(WINDOW));
        let here = s
            .mentions_in(floor..at)
            .iter()
            .find(|m| !s.in_quote(m.start) && !self.is_person(m.actor));
        if let Some(m) = here {
            return Some((Who::Stated(Subject::Actor(m.actor)), at));
        }
        let (actor, para) = s.it?;
        if s.pi > para + 1 {
            let why = format!(
                "“it” taken as {}, last named {} paragraphs before",
                self.name(actor),
                s.pi - para
            );
            return Some((Who::Doubtful(Some(actor), why), at));
        }
        Some((Who::Stated(Subject::Actor(actor)), at))
    }

    /// Steps back from verb `v` over "also", "has" and the like.
    fn skip_adverbs(&self, s: &Sentence, v: usize) -> usize {
        let t = s.tokens;
        let mut j = v;
        // "X went on to say": the subject is before "went on to".
        let texts = |from: usize| t.get(from..v).map(|w| w.iter().map(|x| x.text));
        if v >= 3
            && texts(v - 3).is_some_and(|mut w| {
                matches!(w.next(), Some("went" | "goes" | "go" | "going")) && w.eq(["on", "to"])
            })
            && !t[v - 2].gap
            && !t[v - 1].gap
        {
            j = v - 3;
        }
        while j > 0 && v - j < 6 {
            let prev = &t[j - 1];
            // "Microsoft on Thursday reiterated", "X in 2017 announced": a date between.
            // Only after its preposition: "Theresa May said" has no date in it.
            let date_word = is_date_word(prev.text)
                && j >= 2
                && (matches!(t[j - 2].text, "on" | "in" | "last" | "this" | "early" | "late")
                    || is_date_word(t[j - 2].text));
            let date_preposition = prev.text == "in" && is_date_word(t[j].text);
            if prev.start < s.range.start
                || s.in_quote(prev.start)
                || t[j].gap
                || !(is_in(&SKIPPABLE, prev.text) || date_word || date_preposition)
            {
                break;
            }
            j -= 1;
        }
        j
    }

    /// The word right before the verb (token `j - 1`): a name, a pronoun, an
    /// unnamed source, "the US president", or an unknown name (a doubt).
    fn adjacent_subject(&self, s: &Sentence, j: usize) -> Option<(Who, usize)> {
        let t = &s.tokens[j - 1];
        if let Some(m) = s.mention_ending_at(j - 1).filter(|m| !m.possessive) {
            return Some((Who::Stated(Subject::Actor(m.actor)), m.start));
        }
        let lower = t.text.to_lowercase();
        match lower.as_str() {
            "he" | "she" => {
                return self
                    .cataphora(s, j - 1)
                    .or_else(|| s.he.clone())
                    .map(|w| (w, t.start));
            }
            "it" => return self.it_subject(s, t.start),
            "they" => {
                return Some((
                    Who::Doubtful(None, "“they”: the speakers are not named".into()),
                    t.start,
                ));
            }
            "which" | "who" => {
                // "Mitchell's amendment which proposed that …": the document's issuer.
                let k = j.checked_sub(2)?;
                if lower == "which"
                    && is_in(&gz::DOCUMENTS, s.tokens[k].text)
                    && let Some(m) = s
                        .mention_ending_at(k.checked_sub(1)?)
                        .filter(|m| m.possessive && m.start >= s.range.start && !s.tokens[k].gap)
                {
                    return Some((Who::Stated(Subject::Actor(m.actor)), m.start));
                }
                let m = s.mention_ending_at(k).filter(|m| t.start - m.end <= 3)?;
                return Some((Who::Stated(Subject::Actor(m.actor)), m.start));
            }
            _ => {}
        }
        if let Some((who, at)) = (j.saturating_sub(4)..j - 1)
            .rev()
            .find_map(|the| self.definite_phrase(s, the, j - 1))
        {
            return Some((self.against_recent(s, j, &lower, who), at));
        }
        if let Some(found) = self.the_organisation(s, j, &lower) {
            return Some(found);
        }
        if let Some(found) = self.document_subject(s, j, &lower) {
            return Some(found);
        }
        if let Some(found) = self.role_subject(s, j, &lower) {
            return Some(found);
        }
        // A capitalised word that is not an actor: someone the importer cannot name.
        let capital = t.text.chars().next().is_some_and(char::is_uppercase);
        let first = t.start <= s.range.start + 1;
        // "Today", "Monday": a capitalised common word names nobody.
        let common = is_in(&gz::STOPWORDS, t.text) || is_in(&gz::WEEKDAYS, t.text);
        if capital && !first && !common && t.text.len() > 1 {
            if let Some(p) = self.only_surname(t.text) {
                return Some((Who::Stated(Subject::Actor(p)), t.start));
            }
            // "Walter said" for Walter A. Clyburn Reed: likely, not certain.
            if let Some(p) = self.only_given_name(t.text) {
                let why = format!(
                    "“{}” taken as {}, the one person of that first name",
                    t.text,
                    self.name(p)
                );
                return Some((Who::Doubtful(Some(p), why), t.start));
            }
            let why = format!("the speaker “{}” is not among the actors", t.text);
            return Some((Who::Doubtful(None, why), t.start));
        }
        None
    }

    /// "The company said": the organisation "it" would name there; none when
    /// that is no organisation (a place, a person).
    fn the_organisation(&self, s: &Sentence, j: usize, noun: &str) -> Option<(Who, usize)> {
        let t = s.tokens;
        let the = t.get(j.checked_sub(2)?)?;
        if !is_in(&gz::ORG_NOUNS, noun)
            || t[j - 1].gap
            || the.start < s.range.start
            || !the.text.eq_ignore_ascii_case("the")
        {
            return None;
        }
        let organisation = |a: usize| {
            self.actors
                .get(a)
                .is_some_and(|x| x.kind == ActorKind::Organisation)
        };
        let who = match self.it_subject(s, the.start) {
            Some((Who::Stated(Subject::Actor(a)), _)) if organisation(a) => Who::Stated(Subject::Actor(a)),
            Some((Who::Doubtful(Some(a), why), _)) if organisation(a) => {
                Who::Doubtful(Some(a), why.replacen("“it”", &format!("“the {noun}”"), 1))
            }
            _ => Who::Doubtful(None, format!("“the {noun}”: no organisation named before")),
        };
        Some((who, the.start))
    }

    /// "the DOJ release states", "Massy's statement said": the issuer the phrase
    /// names; "the affidavit said": the issuer of the affidavit named before, in
    /// doubt when that was paragraphs back.
    fn document_subject(&self, s: &Sentence, j: usize, noun: &str) -> Option<(Who, usize)> {
        if !is_in(&gz::DOCUMENTS, noun) {
            return None;
        }
        let t = s.tokens;
        let k = j - 1;
        let before = k.checked_sub(1)?;
        if t[before].start < s.range.start || t[k].gap {
            return None;
        }
        if let Some(m) = s.mention_ending_at(before).filter(|m| m.start >= s.range.start) {
            // The phrase starts at its article: "…, the DOJ release states".
            let lead = s.text.get(s.range.start..m.start).unwrap_or("");
            let start = lead
                .strip_suffix("the ")
                .or_else(|| lead.strip_suffix("The "))
                .map_or(m.start, |l| s.range.start + l.len());
            return Some((Who::Stated(Subject::Actor(m.actor)), start));
        }
        if t[before].text.eq_ignore_ascii_case("another") {
            return self.another_document(s, noun).map(|who| (who, t[before].start));
        }
        if !t[before].text.eq_ignore_ascii_case("the") {
            return None;
        }
        let Some(issued) = s.documents.iter().rev().find(|d| d.noun == noun) else {
            let who = self.research_author(s, &format!("the {noun}"), false)?;
            return Some((who, t[before].start));
        };
        let who = if s.pi > issued.para + 1 {
            let why = format!(
                "“the {noun}” taken as the one from {}, named {} paragraphs before",
                self.name(issued.actor),
                s.pi - issued.para
            );
            Who::Doubtful(Some(issued.actor), why)
        } else {
            Who::Stated(Subject::Actor(issued.actor))
        };
        Some((who, t[before].start))
    }

    /// "another release confirmed": one more from whoever issued the document
    /// before, else from the organisation "it" would name; always a doubt.
    fn another_document(&self, s: &Sentence, noun: &str) -> Option<Who> {
        let (actor, how) = match s.documents.iter().rev().find(|d| d.noun == noun) {
            Some(d) => (d.actor, "who issued the one before"),
            None => match self.it_subject(s, s.range.start) {
                Some((Who::Stated(Subject::Actor(a)) | Who::Doubtful(Some(a), _), _))
                    if !self.is_person(a) =>
                {
                    (a, "the organisation named before")
                }
                _ => return None,
            },
        };
        let why = format!("“another {noun}” taken as one from {}, {how}", self.name(actor));
        Some(Who::Doubtful(Some(actor), why))
    }

    /// Who "the paper" (`phrase`) or "the scientists" are when the article ties
    /// its research to one author: stated when the tie is in this paragraph or the
    /// one before (and `always_doubt` is false), else a doubt saying where it is.
    fn research_author(&self, s: &Sentence, phrase: &str, always_doubt: bool) -> Option<Who> {
        let tie = s.research?;
        if !always_doubt && (tie.para == s.pi || tie.para + 1 == s.pi) {
            return Some(Who::Stated(Subject::Actor(tie.actor)));
        }
        let (n, side) = if tie.para <= s.pi {
            (s.pi - tie.para, "before")
        } else {
            (tie.para - s.pi, "later")
        };
        let place = match n {
            0 => "in this paragraph".to_string(),
            1 if side == "before" => "in the paragraph before".to_string(),
            1 => "in the next paragraph".to_string(),
            n => format!("{n} paragraphs {side}"),
        };
        let why = format!(
            "“{phrase}” taken as {}, the one author the article ties its research to ({place})",
            self.name(tie.actor)
        );
        Some(Who::Doubtful(Some(tie.actor), why))
    }

    /// "A new research paper published in X suggests", "The research, supported
    /// by …, reveals": a research document opening the clause is the verb's
    /// subject; it speaks for its issuer or the article's research author.
    fn document_phrase(&self, s: &Sentence, j: usize) -> Option<(Who, usize)> {
        let t = s.tokens;
        let first = if t[j].gap {
            // "The research, …, reveals": the document opens the sentence, an aside follows.
            if !text_gap_is_comma(t, j) {
                return None;
            }
            t.partition_point(|x| x.start < s.range.start)
        } else {
            let mut k = j;
            while k > 0
                && j - k < 16
                && !t[k].gap
                && t[k - 1].start >= s.range.start
                && !s.in_quote(t[k - 1].start)
            {
                k -= 1;
            }
            if !(t[k].start <= s.range.start + 1 || text_gap_is_comma(t, k)) {
                return None;
            }
            k
        };
        if first >= j
            || !matches!(
                t[first].text.to_lowercase().as_str(),
                "a" | "an" | "the" | "this" | "that" | "another" | "new"
            )
        {
            return None;
        }
        // The head: the last of the research nouns among the next four words.
        let mut head = (first + 1..(first + 5).min(j)).find(|&h| !t[h].gap && is_in(&RESEARCH, t[h].text))?;
        while head + 1 < j && !t[head + 1].gap && is_in(&RESEARCH, t[head + 1].text) {
            head += 1;
        }
        // "the study states": the document named before speaks ([`Finder::document_subject`]).
        if head + 1 == j && head == first + 1 && t[first].text.eq_ignore_ascii_case("the") {
            return None;
        }
        if t[j].gap && !text_gap_is_comma(t, head + 1) {
            return None;
        }
        if let Some(m) = issuer_of(s.text, t, s.mentions, head, s.range.start) {
            return Some((Who::Stated(Subject::Actor(m.actor)), t[first].start));
        }
        let phrase = format!("the {}", t[head].text);
        let who = self.research_author(s, &phrase, false)?;
        Some((who, t[first].start))
    }

    /// "the grid operator" for California Independent System Operator: the one
    /// organisation whose name ends in the noun; stated when it is named in this
    /// paragraph or the one before, else a doubt.
    fn definite_name(&self, s: &Sentence, noun: &str) -> Option<Who> {
        if !noun.chars().all(char::is_lowercase) || noun.len() < 4 {
            return None;
        }
        let mut hits = self.actors.iter().enumerate().filter(|(_, a)| {
            a.kind == ActorKind::Organisation
                && a.name.contains(' ')
                && a.name
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case(noun))
        });
        let (a, _) = hits.next()?;
        if hits.next().is_some() {
            return None;
        }
        if s.mentions.iter().chain(s.prev_mentions).any(|m| m.actor == a) {
            return Some(Who::Stated(Subject::Actor(a)));
        }
        let why = format!(
            "“the {noun}” taken as {}, the one organisation of that name, not named nearby",
            self.name(a)
        );
        Some(Who::Doubtful(Some(a), why))
    }

    /// "the party said" for Labour Party when the organisation named last is
    /// another one ([`Finder::the_organisation`]): a doubt naming both.
    fn against_recent(&self, s: &Sentence, j: usize, noun: &str, who: Who) -> Who {
        let Who::Stated(Subject::Actor(a)) = who else {
            return who;
        };
        match self.the_organisation(s, j, noun) {
            Some((Who::Stated(Subject::Actor(o)), _)) if o != a => {
                let why = format!("“the {noun}” could be {} or {}", self.name(a), self.name(o));
                Who::Doubtful(Some(a), why)
            }
            _ => who,
        }
    }

    /// "the grid operator said", "according to the grid operator's assessment":
    /// "the", at most two words, then a noun [`Finder::definite_name`] knows
    /// (tokens `from..=last`); the subject and where its words start.
    fn definite_phrase(&self, s: &Sentence, the: usize, last: usize) -> Option<(Who, usize)> {
        let t = s.tokens;
        if !t.get(the)?.text.eq_ignore_ascii_case("the") || t[the].start < s.range.start || last > the + 3 {
            return None;
        }
        for k in the + 1..=last {
            if t.get(k)?.gap || !t[k].text.chars().all(char::is_lowercase) {
                return None;
            }
        }
        let who = self.definite_name(s, t[last].text)?;
        Some((who, t[the].start))
    }

    /// Documents the sentence names with their issuer: "the DOJ release", "Massy's
    /// statement", "an affidavit from X", "the paper published by X".
    fn issued_documents(&self, s: &Sentence) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for &k in &s.own {
            let noun = s.tokens[k].text;
            if !is_in(&gz::DOCUMENTS, noun) {
                continue;
            }
            if let Some(m) = issuer_of(s.text, s.tokens, s.mentions, k, s.range.start) {
                out.push((noun.to_string(), m.actor));
            }
        }
        out
    }

    /// "officials said", "a spokesperson said", "sources familiar with the talks
    /// said", "a senior official close to the minister said": an unnamed source,
    /// never the person the phrase mentions.
    fn unnamed_phrase(&self, s: &Sentence, j: usize) -> Option<(Who, usize)> {
        let t = s.tokens;
        let mut k = j;
        while k > 0 && j - k < 7 && t[k - 1].start >= s.range.start && !s.in_quote(t[k - 1].start) {
            k -= 1;
            let w = t[k].text.to_lowercase();
            let (plural_source, indefinite, head) = source_head(t, k, &w);
            if !head {
                if t[k].gap && k + 1 < j {
                    break;
                }
                continue;
            }
            // The phrase runs from its head to the verb: "close to X", "who asked not to be named".
            let next = t.get(k + 1).map_or("", |n| n.text);
            let at_verb = k + 1 == j;
            let modified = matches!(
                next,
                "familiar"
                    | "close"
                    | "briefed"
                    | "with"
                    | "who"
                    | "in"
                    | "at"
                    | "from"
                    | "involved"
                    | "knowledgeable"
                    | "for"
                    | "of"
            );
            if !(at_verb || modified) {
                continue;
            }
            let start = self.unnamed_start(s, k, indefinite);
            // "a spokesperson for Sheffield University": the body it speaks for.
            if matches!(next, "for" | "of")
                && let Some(m) = s
                    .mentions_in(t[k].end..t[j].start)
                    .iter()
                    .find(|m| !self.is_person(m.actor))
            {
                return Some((Who::Stated(Subject::Actor(m.actor)), start));
            }
            let phrase = &s.text[start..t[k].start];
            // "The independent Sage group of advisers": a name the actors lack.
            if named_in_phrase(s, k) {
                return None;
            }
            // "the scientists said": people named before, not an unnamed source.
            if phrase.trim().eq_ignore_ascii_case("the") && plural_source {
                // "the scientists estimated": the authors of the article's one piece of research.
                if is_in(&RESEARCH_AUTHORS, &w)
                    && let Some(who) = self.research_author(s, &format!("the {w}"), true)
                {
                    return Some((who, start));
                }
                let why = format!("“the {w}” are named earlier, not here");
                return Some((Who::Doubtful(None, why), start));
            }
            return Some((Who::Stated(Subject::Unnamed(start)), start));
        }
        None
    }

    /// Where an unnamed source's words begin: "a senior official", "Some analysts".
    fn unnamed_start(&self, s: &Sentence, k: usize, indefinite: bool) -> usize {
        let t = s.tokens;
        let mut start = t[k].start;
        let mut i = k;
        while i > 0 && k - i < 3 && !t[i].gap && t[i - 1].start >= s.range.start {
            let m = &t[i - 1];
            let modifier = m.text.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    m.text.to_lowercase().as_str(),
                    "a" | "an"
                        | "one"
                        | "another"
                        | "some"
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
                        | "the"
                );
            if !(modifier || indefinite && i == k) {
                break;
            }
            i -= 1;
            start = t[i].start;
        }
        start
    }

    /// "the US president said": the person whose role has these words.
    fn role_subject(&self, s: &Sentence, j: usize, lower: &str) -> Option<(Who, usize)> {
        if !is_in(&gz::ROLE_NOUNS, lower) {
            return None;
        }
        let t = s.tokens;
        let mut k = j - 1;
        let mut qualifiers: Vec<String> = Vec::new();
        while k > 0 && j - k < 4 && t[k - 1].start >= s.range.start {
            k -= 1;
            if t[k].text.eq_ignore_ascii_case("the") {
                let fits = |a: &Actor| {
                    a.kind == ActorKind::Person
                        && a.role.as_ref().is_some_and(|r| {
                            let r = r.to_lowercase();
                            r.contains(lower) && qualifiers.iter().all(|q| r.contains(&q.to_lowercase()))
                        })
                };
                let mut hits = self
                    .actors
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| fits(a))
                    .map(|(i, _)| i);
                let first = hits.next()?;
                return Some(match hits.next() {
                    None => (Who::Stated(Subject::Actor(first)), t[k].start),
                    Some(second) => (
                        Who::Doubtful(
                            Some(first),
                            format!(
                                "two people could be the speaker: {}, {}",
                                self.name(first),
                                self.name(second)
                            ),
                        ),
                        t[k].start,
                    ),
                });
            }
            qualifiers.push(t[k].text.to_string());
        }
        None
    }

    /// "X, role at Y, said" (token `j` follows a comma): X, when it opens its
    /// clause and a comma follows it.
    fn apposition_head<'s>(&self, s: &Sentence<'s>, j: usize) -> Option<&'s Mention> {
        let t = s.tokens;
        if !text_gap_is_comma(t, j) {
            return None;
        }
        let at = t[j].start;
        let floor = clause_floor(s, at);
        let m = s.mentions_in(floor..at).iter().find(|m| !s.in_quote(m.start))?;
        let lead = s.text.get(floor..m.start)?;
        let only_titles = lead
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.eq_ignore_ascii_case("the"));
        let comma_after = s.text.get(m.end..)?.starts_with(',') && !m.possessive;
        (only_titles && comma_after && at - m.end < 200).then_some(m)
    }

    /// "“…,” said X", "“…,” said Cambridge Police Commissioner Jane Roe": when the
    /// verb follows a quote, its subject is the name after it (a person first).
    fn inverted_subject(&self, s: &Sentence, v: usize) -> Option<(Who, usize)> {
        let t = s.tokens;
        let verb = &t[v];
        let k = s.spans.partition_point(|(_, r)| r.end <= verb.start);
        let after_quote = k > 0 && {
            let end = s.spans[k - 1].1.end;
            s.text
                .get(end..verb.start)
                .is_some_and(|gap| gap.chars().all(|c| matches!(c, '"' | '\'' | ',' | ' ' | '-')))
        };
        // "…, said David Marcus, an energy consultant": a trailing attribution.
        let after_comma = s.text[s.range.start..verb.start].trim_end().ends_with(',');
        if !after_quote && !after_comma {
            return None;
        }
        // "…, posit scientists in the paper": the authors of the article's research.
        let lead = usize::from(t.get(v + 1).is_some_and(|n| n.text == "the"));
        if let Some(n) = t.get(v + 1 + lead)
            && !n.gap
            && is_in(&RESEARCH_AUTHORS, n.text)
        {
            let who = self.research_author(s, &format!("the {}", n.text), true)?;
            return Some((who, verb.start));
        }
        let end = name_after_verb(s, v);
        if end == verb.end {
            return None;
        }
        let phrase = s.mentions_in(verb.end..end);
        match phrase
            .iter()
            .rev()
            .find(|m| self.is_person(m.actor))
            .or(phrase.first())
        {
            Some(m) => Some((Who::Stated(Subject::Actor(m.actor)), verb.start)),
            None => {
                let why = format!(
                    "the speaker “{}” is not among the actors",
                    s.text[verb.end..end].trim()
                );
                Some((Who::Doubtful(None, why), verb.start))
            }
        }
    }
}

/// Where the name after verb `v` ends ("…, said union leader Maria Okafor"): its
/// capitalised words ("Laurence des Cars" too), after at most three words of
/// role; the verb's end when no name follows.
fn name_after_verb(s: &Sentence, v: usize) -> usize {
    let t = s.tokens;
    // The name after the verb: its capitalised words ("Laurence des Cars" too),
    // after at most three words of role ("said union leader Maria Okafor").
    let mut first = v + 1;
    while first < v + 4
        && t.get(first)
            .is_some_and(|n| !n.gap && n.text.chars().next().is_some_and(char::is_lowercase))
    {
        first += 1;
    }
    // Only words of role lead to the name ("explained that BRT …" is no speaker).
    // "said a skeptical Robert Wolfarth": an article and a word describing him.
    let described = first == v + 3
        && matches!(t[v + 1].text, "a" | "an")
        && !matches!(
            t[v + 2].text,
            "for" | "of" | "at" | "in" | "to" | "by" | "with" | "from" | "on"
        );
    let role_led = first == v + 1 || described || is_in(&gz::ROLE_NOUNS, &t[first - 1].text.to_lowercase());
    if !role_led
        || t.get(first)
            .is_none_or(|n| n.gap || !n.text.chars().next().is_some_and(char::is_uppercase))
    {
        first = v + 1;
    }
    let mut end = t[v].end;
    for (i, n) in t.iter().enumerate().skip(first).take(10) {
        let capital = n.text.chars().next().is_some_and(char::is_uppercase);
        // "Department of Correction spokesman Jason Kersten": joiners and roles
        // between capitalised words stay inside the phrase.
        let joiner = NAME_PARTICLES.contains(&n.text)
            || matches!(n.text, "of" | "for" | "and")
            || is_in(&gz::ROLE_NOUNS, n.text);
        let particle = joiner
            && t.get(i + 1)
                .is_some_and(|x| x.text.chars().next().is_some_and(char::is_uppercase));
        if (n.gap && i > first) || !(capital || particle) || s.in_quote(n.start) || n.start >= s.range.end {
            break;
        }
        end = n.end;
    }
    end
}

/// "…, the paper states.", "…, said Ivo Marsh, an energy consultant at …": a
/// trailing attribution (verb `v`, subject from `start`) gives the clause before
/// it, up to `end`; `None` when the words after the verb are a clause of their own.
fn trailing_attribution(
    s: &Sentence,
    v: usize,
    start: usize,
    end: usize,
    inverted: bool,
) -> Option<Range<usize>> {
    // "…, posit scientists in the paper titled “…”": the title ends the tail.
    let k = s.spans.partition_point(|(_, r)| r.start <= s.tokens[v].end);
    let tail_end = match s.spans.get(k) {
        Some((_, r)) if r.start < s.range.end && is_titled(s.text, r) => {
            let before = s.text[..r.start - 1].trim_end();
            before.rfind(' ').unwrap_or(before.len())
        }
        _ => s.range.end,
    };
    let tail = s.text.get(s.tokens[v].end..tail_end).unwrap_or("");
    // "…, said Ivo Marsh, an energy consultant at …": the apposition is no clause.
    let tail = if inverted {
        let near = tail.get(..floor_boundary(tail, 200)).unwrap_or(tail);
        near.split(", ").next().unwrap_or(near)
    } else {
        tail
    };
    // "…, the affidavit stated, listing …": a participle phrase is no clause either.
    let short_tail =
        starts_participle(tail) || tail.split_whitespace().take(9).count() <= if inverted { 8 } else { 4 };
    // Trailing attribution: the claim is what comes before.
    let before = without_honorific(s.text.get(s.range.start..start).unwrap_or(""));
    let quote_after = s.quote_opens_in(s.tokens[v].end + 1..s.range.end)
        && s.spans.get(k).is_none_or(|(_, r)| !is_titled(s.text, r));
    let long_before = before.split_whitespace().nth(3).is_some();
    let quote_before = s.has_quote_before(start) && !quotes_embedded(s, start);
    if before.ends_with(',') && long_before && short_tail && !quote_after && !quote_before {
        let from = clause_start(s.text, s.range.start, start);
        return clause_trim(s.text, from, end.min(tail_end));
    }
    None
}

/// Whether token `k` (lowercased `w`) heads an unnamed source: a plural source
/// ("officials"), a document ("reports", "data") or an indefinite person ("a
/// spokesperson", "one official", "another diplomat"); as (plural source,
/// indefinite, head).
fn source_head(t: &[Token], k: usize, w: &str) -> (bool, bool, bool) {
    let document = matches!(
        w,
        "reports" | "documents" | "data" | "figures" | "polls" | "studies" | "statistics"
    );
    let plural_source = is_in(&gz::UNNAMED_SOURCES, w) && !document;
    let indefinite = k > 0
        && matches!(
            t[k - 1].text.to_lowercase().as_str(),
            "a" | "an" | "one" | "another"
        )
        && (is_in(&gz::ROLE_NOUNS, w) || plural_source || w == "person" || w == "source");
    (plural_source, indefinite, plural_source || document || indefinite)
}

/// The mention that ends exactly where `tok` ends (mentions in order).
fn mention_ending<'m>(mentions: &'m [Mention], tok: &Token) -> Option<&'m Mention> {
    let lo = mentions.partition_point(|m| m.start < tok.start.saturating_sub(WINDOW));
    let hi = mentions.partition_point(|m| m.start < tok.end).max(lo);
    mentions[lo..hi].iter().rev().find(|m| m.end == tok.end)
}

/// Who issued the document token `k` names: "the DOJ release", "Massy's statement",
/// "an affidavit from X", "the paper published by X", "a motion brought by X"
/// (a name before it starts at `floor` or later).
fn issuer_of<'m>(
    text: &str,
    t: &[Token],
    mentions: &'m [Mention],
    k: usize,
    floor: usize,
) -> Option<&'m Mention> {
    let noun = t[k].text;
    if !noun.chars().all(char::is_lowercase) {
        return None;
    }
    let named_before = (k > 0 && !t[k].gap)
        .then(|| mention_ending(mentions, &t[k - 1]))
        .flatten()
        .filter(|m| m.start >= floor);
    let mut n = k + 1;
    if t.get(n).is_some_and(|w| {
        !w.gap
            && matches!(
                w.text,
                "published"
                    | "issued"
                    | "released"
                    | "written"
                    | "compiled"
                    | "filed"
                    | "signed"
                    | "brought"
                    | "moved"
                    | "tabled"
                    | "led"
                    | "authored"
                    | "co-authored"
                    | "conducted"
            )
    }) {
        n += 1;
    }
    let by = t.get(n).filter(|w| !w.gap && matches!(w.text, "by" | "from"));
    let named_after = by.and_then(|w| {
        let lo = mentions.partition_point(|m| m.start < w.end);
        let m = mentions.get(lo).filter(|m| m.start < w.end + 6)?;
        let gap = text.get(w.end..m.start)?.trim();
        (gap.is_empty() || gap.eq_ignore_ascii_case("the")).then_some(m)
    });
    named_after.or(named_before)
}

/// The article's research documents tied to their author ("the paper published by
/// X", "X's study"), when all of them name the same one (at most 16 ties).
fn research_ties(paras: &[Para], all_tokens: &[Vec<Token>], all_mentions: &[Vec<Mention>]) -> Vec<Tie> {
    let mut ties: Vec<Tie> = Vec::new();
    let lengths = RESEARCH.words().iter().map(|w| w.len()).min().unwrap_or(0)
        ..=RESEARCH.words().iter().map(|w| w.len()).max().unwrap_or(0);
    for (pi, (tokens, mentions)) in all_tokens.iter().zip(all_mentions).enumerate() {
        let Some(para) = paras.get(pi) else { break };
        for k in 0..tokens.len() {
            // Most words are ruled out by their length before the list is asked.
            if !lengths.contains(&tokens[k].text.len()) || !is_in(&RESEARCH, tokens[k].text) {
                continue;
            }
            let Some(m) = issuer_of(&para.folded.text, tokens, mentions, k, 0) else {
                continue;
            };
            if ties.iter().any(|t| t.actor != m.actor) {
                return Vec::new();
            }
            if ties.len() < 16 {
                ties.push(Tie {
                    actor: m.actor,
                    para: pi,
                });
            }
        }
    }
    ties
}

/// "A senior EU official, who asked not to be named, said": skips back over the
/// relative clause to its "who" (whether one was skipped is returned too).
fn relative_clause(s: &Sentence, j: usize) -> (usize, bool) {
    let t = s.tokens;
    // Without commas only the clause that hides a name: "who asked not to be named said".
    let anonymity = j > 0 && matches!(t[j - 1].text, "named" | "identified" | "quoted");
    if j == 0 || !(t[j].gap || anonymity) {
        return (j, false);
    }
    let mut r = j - 1;
    while r > 0 && j - r < 16 && t[r].start >= s.range.start && !s.in_quote(t[r].start) {
        if matches!(t[r].text, "who" | "which") && (t[r].gap || anonymity) {
            return (r, true);
        }
        r -= 1;
    }
    (j, false)
}

/// "California" in "California ISO": a mention followed by more capitalised
/// words is part of a longer name the actors lack.
fn is_fragment(s: &Sentence, m: &Mention) -> bool {
    let rest = s.text.get(m.end..s.range.end).unwrap_or("");
    !m.possessive
        && rest
            .strip_prefix(' ')
            .is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase) && !r.starts_with("I "))
}

/// Whether the words running up to token `k` (no punctuation between) name
/// someone: a capitalised word (not the sentence's first) that does not just
/// qualify the head, as "EU" does in "a senior EU official" but "Sage" does not
/// in "the independent Sage group of science advisers".
fn named_in_phrase(s: &Sentence, k: usize) -> bool {
    let t = s.tokens;
    let capital = |i: usize| t[i].text.chars().next().is_some_and(char::is_uppercase);
    let mut i = k;
    while i > 0 && !t[i].gap && t[i - 1].start >= s.range.start && k - i < 8 {
        i -= 1;
        let first = t[i].start <= s.range.start + 1;
        if !first && capital(i) && i + 1 < k && !capital(i + 1) {
            return true;
        }
    }
    false
}

/// Lowercase words inside names: "Laurence des Cars", "Ursula von der Leyen".
const NAME_PARTICLES: &[&str] = &[
    "de", "des", "du", "da", "di", "del", "della", "der", "den", "van", "von", "al", "bin", "la", "le", "ter",
];

/// The source of "according to …": a name within the next few words ("according
/// to a count from X"), not after a comma or dash, and not "according to our …".
fn according_source<'s>(s: &Sentence<'s>, v: usize) -> Option<&'s Mention> {
    // "according to X" or ", per X".
    let to = if s.tokens[v].text == "per" {
        &s.tokens[v]
    } else {
        s.tokens.get(v + 1)?
    };
    let next = s.tokens.iter().skip(v + 1).find(|t| t.start >= to.end)?;
    if matches!(
        next.text.to_lowercase().as_str(),
        "our" | "my" | "his" | "her" | "their" | "its" | "your"
    ) {
        return None;
    }
    let m = s.mentions_in(to.end..(to.end + 40).min(s.range.end)).first()?;
    let between = s.text.get(to.end..m.start)?;
    let plain = !between.contains([',', ';', ':', '"', '-', '(']) && between.split_whitespace().count() <= 5;
    if !plain || s.in_quote(m.start) || is_fragment(s, m) {
        return None;
    }
    // "University of Houston political scientist Boris Shor": the person after the role.
    let role_then_person = s
        .mentions_in(m.end..(m.end + 60).min(s.range.end))
        .first()
        .filter(|p| {
            s.text.get(m.end..p.start).is_some_and(|gap| {
                let words: Vec<&str> = gap.split_whitespace().collect();
                !words.is_empty()
                    && words.len() <= 3
                    && words.iter().all(|w| w.chars().all(char::is_lowercase))
            })
        });
    let role_then_person = role_then_person.filter(|p| {
        let t = s.tokens.partition_point(|t| t.start < p.start);
        s.tokens.get(t).is_some_and(|t| !t.gap)
    });
    Some(role_then_person.unwrap_or(m))
}

/// "the Gold Charter": a name led by "the" names a thing, not a person.
fn after_the(s: &Sentence, m: &Mention) -> bool {
    let before = s.text.get(..m.start).unwrap_or_default().trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    last.eq_ignore_ascii_case("the")
}

/// "according to a new Acme Tracker poll": the noun the name modifies, if any.
fn product_after<'s>(s: &Sentence<'s>, m: &Mention) -> Option<&'s str> {
    let next = s.tokens.get(s.tokens.partition_point(|t| t.start < m.end))?;
    let close = s.text.get(m.end..next.start)?.trim().is_empty();
    (close && !next.gap && is_in(&gz::SOURCE_PRODUCTS, next.text)).then_some(next.text)
}

/// Where the clause holding `at` starts: after the last quote, ";", dash or the
/// sentence start, looking back no further than the window.
fn clause_floor(s: &Sentence, at: usize) -> usize {
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
fn claim_text(s: &Sentence, anchor: &Range<usize>, anchor_text: &str) -> String {
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

/// Whether only ", " separates token `j - 1` from token `j` (token widths tell: one comma, one space).
fn text_gap_is_comma(tokens: &[Token], j: usize) -> bool {
    j > 0 && tokens[j].start == tokens[j - 1].end + 2 && !tokens[j - 1].possessive
}

fn is_according(tokens: &[Token], t: usize) -> bool {
    tokens[t].text.eq_ignore_ascii_case("according") && tokens.get(t + 1).is_some_and(|n| n.text == "to")
        || is_per(tokens, t)
}

/// "…, per FiveThirtyEight's tracker": "per" after a comma names a source ("per cent" never does).
fn is_per(tokens: &[Token], t: usize) -> bool {
    tokens[t].text == "per"
        && tokens[t].gap
        && t > 0
        && tokens.get(t + 1).is_some_and(|n| {
            !n.gap
                && !matches!(
                    n.text,
                    "cent" | "capita" | "year" | "day" | "hour" | "week" | "month"
                )
        })
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

/// The longest clause read (bytes): a claim is a clause, not a whole run-on text.
const LONGEST_CLAUSE: usize = 600;

/// `at` moved back to a character boundary of `text`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The start of the clause holding `at`: after the last " - ", ";" or sentence start
/// (looking back at most one clause's length).
fn clause_start(text: &str, sentence_start: usize, at: usize) -> usize {
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
fn clause_end(text: &str, from: usize, sentence_end: usize, spans: &[(usize, Range<usize>)]) -> usize {
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

/// The verb at token `v` with its particle ("points out") as listed, and where it ends.
fn verb_words<'t>(tokens: &[Token<'t>], v: usize) -> (std::borrow::Cow<'t, str>, usize) {
    let t = &tokens[v];
    if let Some(n) = tokens.get(v + 1).filter(|n| !n.gap && n.text == "out") {
        let two = format!("{} {}", t.text, n.text);
        if is_in(&gz::REPORTING_VERBS, &two) {
            return (two.into(), n.end);
        }
    }
    (t.text.into(), t.end)
}

/// "told members they would get …", "recalled this fund was set up …": a clause
/// follows the verb without "that", opened by a subject pronoun or a noun phrase
/// of at most seven words before an auxiliary, with no punctuation in between.
fn bare_complement(s: &Sentence, v: usize) -> bool {
    let t = s.tokens;
    for k in v + 1..(v + 9).min(t.len()) {
        let w = &t[k];
        if w.gap || w.end > s.range.end || s.in_quote(w.start) {
            return false;
        }
        let next = t.get(k + 1).filter(|n| !n.gap && n.end <= s.range.end);
        let lower = w.text.to_lowercase();
        let pronoun = matches!(
            lower.as_str(),
            "he" | "she" | "they" | "we" | "i" | "it" | "there"
        );
        if pronoun {
            return next.is_some_and(|n| {
                is_auxiliary(n.text) || lower != "it" && n.text.chars().all(|c| c.is_lowercase())
            });
        }
        if k > v + 1 && is_auxiliary(w.text) {
            return true;
        }
    }
    false
}

fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "is"
            | "are"
            | "had"
            | "has"
            | "have"
            | "would"
            | "will"
            | "could"
            | "can"
            | "should"
            | "might"
            | "may"
            | "must"
            | "did"
            | "does"
            | "do"
    )
}

/// "…, as my colleague X wrote recently.": the clause before is X's; the subject's
/// words start at "as" (the position of "as", else `start`).
fn as_aside_start(s: &Sentence, start: usize) -> usize {
    // Five words back at most: a bounded look, whatever the sentence's length.
    let from = floor_boundary(s.text, s.range.start.max(start.saturating_sub(60)));
    let before = s.text.get(from..start).unwrap_or("");
    let words: Vec<(usize, &str)> = before
        .split(' ')
        .scan(from, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let n = words.len();
    for back in 1..=n.min(4) {
        let (at, w) = words[n - back];
        if w == "as" {
            let comma = n > back && words[n - back - 1].1.ends_with(',');
            let lower = words[n - back + 1..]
                .iter()
                .all(|(_, w)| w.chars().all(char::is_lowercase));
            return if comma && lower { at } else { start };
        }
    }
    start
}

/// "a motion brought by Independent Senator X calling": the person named right
/// before token `v`, after "by" or "from" and only capitalised words of title.
fn titled_issuer<'s>(s: &Sentence<'s>, k: usize, v: usize) -> Option<&'s Mention> {
    let t = s.tokens;
    let m = s.mention_ending_at(v - 1).filter(|m| !m.possessive)?;
    let by = (k + 1..(k + 3).min(v)).find(|&i| matches!(t[i].text, "by" | "from"))?;
    let first = t.partition_point(|x| x.start < m.start);
    let titles =
        (by + 1..first).all(|i| !t[i].gap && t[i].text.chars().next().is_some_and(char::is_uppercase));
    (first > by && first - by <= 4 && titles && !t[by + 1].gap).then_some(m)
}

/// A quote right after "titled", "entitled" or "headlined": a title, not words said.
fn is_titled(text: &str, r: &Range<usize>) -> bool {
    let before = text.get(..r.start.saturating_sub(1)).unwrap_or("").trim_end();
    let from = floor_boundary(before, before.len().saturating_sub(12));
    let word = before[from..].rsplit(' ').next().unwrap_or("");
    matches!(word, "titled" | "entitled" | "headlined")
}

/// "Some 370 million people … descent “from …,” manage or have …, the paper
/// states.": the quotes before `at` sit inside the sentence's own clause, with
/// words before the first and at least four after the last.
fn quotes_embedded(s: &Sentence, at: usize) -> bool {
    let lo = s.spans.partition_point(|(_, r)| r.start < s.range.start);
    let hi = s.spans.partition_point(|(_, r)| r.start < at).max(lo);
    let quotes = &s.spans[lo..hi];
    let (Some((_, first)), Some((_, last))) = (quotes.first(), quotes.last()) else {
        return false;
    };
    quotes.len() <= 3
        && has_words(s.text.get(s.range.start..first.start).unwrap_or(""), 3)
        && has_words(s.text.get(last.end..at).unwrap_or(""), 5)
}

/// ", listing …": a participle phrase follows.
fn starts_participle(text: &str) -> bool {
    text.strip_prefix(", ")
        .and_then(|t| t.split_whitespace().next())
        .is_some_and(|w| w.len() > 4 && w.ends_with("ing"))
}

/// A weekday, month, year or part of a day: "on Thursday", "in 2017", "this morning".
fn is_date_word(w: &str) -> bool {
    gz::is_month(w).is_some()
        || is_in(&gz::WEEKDAYS, w)
        || w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
        || matches!(w, "morning" | "afternoon" | "evening" | "night")
}

/// A quote of at most three words, or a short name in capitals ("Free, Prior and
/// Informed Consent"): a term, not a statement.
fn is_scare_quote(text: &str, r: &Range<usize>) -> bool {
    text.get(r.clone()).is_some_and(|q| {
        let words = q.split_whitespace().take(9).count();
        words <= 3 || words <= 8 && is_title_case(q)
    })
}

/// Every word capitalised but the small joining ones: a title or a name.
fn is_title_case(q: &str) -> bool {
    q.split_whitespace().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || matches!(w, "and" | "of" | "the" | "for" | "in" | "to" | "on" | "&")
    })
}

/// Whether `s` has at least `n` words (counting no further).
fn has_words(s: &str, n: usize) -> bool {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(n)
        .count()
        >= n
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
    has_words(t, 3).then(|| start + lead..start + lead + t.len())
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

fn clean_word(w: &str) -> String {
    w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '"' | '(' | ')'))
        .to_string()
}

/// Walks back from the channel word `i` over modifiers to a preposition ("in an
/// e-mailed comment"), or to "A" opening the sentence ("A CBS interview released
/// on ..."); "The letter was to be delivered" is not a channel.
fn channel_start(words: &[&str], i: usize) -> Option<usize> {
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
fn channel_object(words: &[&str], i: usize, parts: &mut Vec<String>) {
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
                    && !is_abbreviation_before(text, i)
                    && !(b == b'.' && is_initialism_before(text, i) && !starts_with_stopword(next)));
            if is_end {
                out.push(start..end);
                start = end;
                while start < bytes.len() && bytes[start] == b' ' {
                    start += 1;
                }
                i = start;
                continue;
            }
            // A run of marks ("...", "?!") is read once, not again from each mark.
            if end > i + 1 {
                i = end;
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
            // “Are you worried?” King asked.: the attribution belongs to the question.
            let asked = bytes[i - 1] != b'.' && attribution_follows(next);
            if end >= bytes.len()
                || (text[end..].starts_with(' ')
                    && next.chars().next().is_some_and(|c| c.is_uppercase() || c == '"')
                    && !asked)
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

/// "U.S", "D.C": single letters joined by dots end right before `dot`.
fn is_initialism_before(text: &str, dot: usize) -> bool {
    let from = floor_boundary(text, dot.saturating_sub(8));
    let word = text[from..dot].rsplit(' ').next().unwrap_or("");
    word.len() >= 3
        && word
            .split('.')
            .all(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_uppercase()))
}

fn starts_with_stopword(next: &str) -> bool {
    next.split_whitespace()
        .next()
        .is_some_and(|w| is_in(&gz::STOPWORDS, w.trim_end_matches([',', '.'])))
}

/// "King asked.", "asked King.", "she said.": a short attribution opens `next`.
fn attribution_follows(next: &str) -> bool {
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

fn is_abbreviation_before(text: &str, dot: usize) -> bool {
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
