//! Reported speech without quotes: "X said that …", "according to X", trailing
//! attributions, motions and calls, passives and "reportedly".

use super::*;

impl<'a> Finder<'a> {
    /// Reported speech ("X said that …", "according to X, …") and reports.
    pub(super) fn reported_claims(&self, s: &Sentence, d: &Discourse, out: &mut Vec<DraftClaim>) {
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
    pub(super) fn according(&self, s: &Sentence, v: usize) -> Option<(Who, Range<usize>)> {
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
    pub(super) fn interjected(&self, s: &Sentence, v: usize) -> Option<(Who, Range<usize>)> {
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
    pub(super) fn reported(&self, s: &Sentence, v: usize) -> Option<(Who, Range<usize>)> {
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
    pub(super) fn motion_claims(&self, s: &Sentence, out: &mut Vec<DraftClaim>) {
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
            self.push_paraphrase(out, s, anchor, Some(m.actor), None);
        }
    }

    /// "Joe Biden joined growing calls on Thursday for …": joining a call is making
    /// it; the subject of "joined" is the speaker.
    pub(super) fn joined_calls(&self, s: &Sentence, out: &mut Vec<DraftClaim>) {
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
            self.push_paraphrase(out, s, anchor, Some(a), None);
        }
    }

    /// "The trust spending … refused …, saying meager responses …": after a comma,
    /// "saying" takes the sentence's subject when that is "the" and a noun that
    /// ends the name of one organisation ([`Finder::definite_name`]).
    pub(super) fn saying_claims(&self, s: &Sentence, out: &mut Vec<DraftClaim>) {
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
            self.push_paraphrase(out, s, anchor, speaker, doubt);
        }
    }

    /// Passive: "... was denounced by the United States as a sham".
    pub(super) fn passive_claims(&self, s: &Sentence, out: &mut Vec<DraftClaim>) {
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
            self.push_paraphrase(out, s, anchor, Some(m.actor), None);
        }
    }

    /// A paraphrase of the sentence's own words, dated as the sentence is.
    fn push_paraphrase(
        &self,
        out: &mut Vec<DraftClaim>,
        s: &Sentence,
        anchor: Range<usize>,
        speaker: Option<usize>,
        doubt: Option<String>,
    ) {
        let made = Made {
            speaker,
            kind: ClaimKind::Paraphrase,
            doubt,
        };
        self.push_claim(out, s, anchor, made, (&s.date, &s.date_words));
    }

    /// "Maduro is reportedly ...", "media reports that ...": reports without a source.
    pub(super) fn reportedly_claims(&self, s: &Sentence, out: &mut Vec<DraftClaim>) {
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
}

/// "…, the paper states.", "…, said Ivo Marsh, an energy consultant at …": a
/// trailing attribution (verb `v`, subject from `start`) gives the clause before
/// it, up to `end`; `None` when the words after the verb are a clause of their own.
pub(super) fn trailing_attribution(
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

/// The source of "according to …": a name within the next few words ("according
/// to a count from X"), not after a comma or dash, and not "according to our …".
pub(super) fn according_source<'s>(s: &Sentence<'s>, v: usize) -> Option<&'s Mention> {
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
    // A dash stops it, a hyphen inside a word ("the Charleston-based X") does not.
    let dash = between.contains(" -") || between.contains("- ");
    let plain =
        !between.contains([',', ';', ':', '"', '(']) && !dash && between.split_whitespace().count() <= 5;
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

/// "according to a new Acme Tracker poll": the noun the name modifies, if any.
pub(super) fn product_after<'s>(s: &Sentence<'s>, m: &Mention) -> Option<&'s str> {
    let next = s.tokens.get(s.tokens.partition_point(|t| t.start < m.end))?;
    let close = s.text.get(m.end..next.start)?.trim().is_empty();
    (close && !next.gap && is_in(&gz::SOURCE_PRODUCTS, next.text)).then_some(next.text)
}

pub(super) fn is_according(tokens: &[Token], t: usize) -> bool {
    tokens[t].text.eq_ignore_ascii_case("according") && tokens.get(t + 1).is_some_and(|n| n.text == "to")
        || is_per(tokens, t)
}

/// "…, per FiveThirtyEight's tracker": "per" after a comma names a source ("per cent" never does).
pub(super) fn is_per(tokens: &[Token], t: usize) -> bool {
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

pub(super) fn is_document(anchor: &str) -> bool {
    let l = anchor.to_lowercase();
    ["reportedly", "reports", "documents", "data", "report "]
        .iter()
        .any(|w| l.contains(w))
}

/// "on Wednesday the deal would" → "the deal would": a date is not what was said.
pub(super) fn without_leading_date(clause: &str) -> &str {
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

/// The verb at token `v` with its particle ("points out") as listed, and where it ends.
pub(super) fn verb_words<'t>(tokens: &[Token<'t>], v: usize) -> (std::borrow::Cow<'t, str>, usize) {
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
pub(super) fn bare_complement(s: &Sentence, v: usize) -> bool {
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

pub(super) fn is_auxiliary(w: &str) -> bool {
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
pub(super) fn as_aside_start(s: &Sentence, start: usize) -> usize {
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
pub(super) fn titled_issuer<'s>(s: &Sentence<'s>, k: usize, v: usize) -> Option<&'s Mention> {
    let t = s.tokens;
    let m = s.mention_ending_at(v - 1).filter(|m| !m.possessive)?;
    let by = (k + 1..(k + 3).min(v)).find(|&i| matches!(t[i].text, "by" | "from"))?;
    let first = t.partition_point(|x| x.start < m.start);
    let titles =
        (by + 1..first).all(|i| !t[i].gap && t[i].text.chars().next().is_some_and(char::is_uppercase));
    (first > by && first - by <= 4 && titles && !t[by + 1].gap).then_some(m)
}

/// "Some 370 million people … descent “from …,” manage or have …, the paper
/// states.": the quotes before `at` sit inside the sentence's own clause, with
/// words before the first and at least four after the last.
pub(super) fn quotes_embedded(s: &Sentence, at: usize) -> bool {
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
pub(super) fn starts_participle(text: &str) -> bool {
    text.strip_prefix(", ")
        .and_then(|t| t.split_whitespace().next())
        .is_some_and(|w| w.len() > 4 && w.ends_with("ing"))
}
