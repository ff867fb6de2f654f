//! Documents that speak for their issuers, the article's research and its author, and
//! organisations named by a noun ("the grid operator").

use super::*;

impl<'a> Finder<'a> {
    /// "the DOJ release states", "Massy's statement said": the issuer the phrase
    /// names; "the affidavit said": the issuer of the affidavit named before, in
    /// doubt when that was paragraphs back.
    pub(super) fn document_subject(&self, s: &Sentence, j: usize, noun: &str) -> Option<(Who, usize)> {
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
    pub(super) fn another_document(&self, s: &Sentence, noun: &str) -> Option<Who> {
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
    pub(super) fn research_author(&self, s: &Sentence, phrase: &str, always_doubt: bool) -> Option<Who> {
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
    pub(super) fn document_phrase(&self, s: &Sentence, j: usize) -> Option<(Who, usize)> {
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
    pub(super) fn definite_name(&self, s: &Sentence, noun: &str) -> Option<Who> {
        if !noun.chars().all(char::is_lowercase) || noun.len() < 4 {
            return None;
        }
        let a = (*self.heads.get(noun)?)?;
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
    pub(super) fn against_recent(&self, s: &Sentence, j: usize, noun: &str, who: Who) -> Who {
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
    pub(super) fn definite_phrase(&self, s: &Sentence, the: usize, last: usize) -> Option<(Who, usize)> {
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
    pub(super) fn issued_documents(&self, s: &Sentence) -> Vec<(String, usize)> {
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
}

/// The mention that ends exactly where `tok` ends (mentions in order).
pub(super) fn mention_ending<'m>(mentions: &'m [Mention], tok: &Token) -> Option<&'m Mention> {
    let lo = mentions.partition_point(|m| m.start < tok.start.saturating_sub(WINDOW));
    let hi = mentions.partition_point(|m| m.start < tok.end).max(lo);
    mentions[lo..hi].iter().rev().find(|m| m.end == tok.end)
}

/// Who issued the document token `k` names: "the DOJ release", "Massy's statement",
/// "an affidavit from X", "the paper published by X", "a motion brought by X"
/// (a name before it starts at `floor` or later).
pub(super) fn issuer_of<'m>(
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
pub(super) fn research_ties(
    paras: &[Para],
    all_tokens: &[Vec<Token>],
    all_mentions: &[Vec<Mention>],
) -> Vec<Tie> {
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
