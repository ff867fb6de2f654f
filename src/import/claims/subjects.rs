//! Who a reporting verb's subject is: names, pronouns, roles, organisations, unnamed
//! sources and names after the verb.

use super::*;

impl<'a> Finder<'a> {
    /// The subject of reporting verb `v`, tied to it by the grammar: the words
    /// right before it, an apposition ("X, analyst at Y, said"), a relative clause
    /// ("an official, who asked not to be named, said"), a pronoun, or the words
    /// right after it when it follows a quote ("“…,” said X"). `None` when the verb
    /// has no subject it can name; a subject it cannot identify is a doubt.
    pub(super) fn subject(&self, s: &Sentence, v: usize) -> Option<Who> {
        self.subject_at(s, v).map(|(who, _)| who)
    }

    /// [`Finder::subject`] with the offset where the subject's words start.
    pub(super) fn subject_at(&self, s: &Sentence, v: usize) -> Option<(Who, usize)> {
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
    pub(super) fn passive_agent(&self, s: &Sentence, v: usize) -> Option<(Who, usize)> {
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
    pub(super) fn names_a_thing(&self, s: &Sentence, m: &Mention) -> bool {
        self.is_vague(m.actor) && after_the(s, m)
    }

    /// "Viktor Orban went further, calling the pact “…”", "Trump …, asked if …,
    /// said": the verb's subject is the clause's, when one person alone is named
    /// before it; with several, a doubt naming them.
    pub(super) fn interrupted_subject(&self, s: &Sentence, j: usize) -> Option<(Who, usize)> {
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
    pub(super) fn cataphora(&self, s: &Sentence, pronoun: usize) -> Option<Who> {
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
    pub(super) fn it_subject(&self, s: &Sentence, at: usize) -> Option<(Who, usize)> {
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
    pub(super) fn skip_adverbs(&self, s: &Sentence, v: usize) -> usize {
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
    pub(super) fn adjacent_subject(&self, s: &Sentence, j: usize) -> Option<(Who, usize)> {
        let t = &s.tokens[j - 1];
        if let Some(m) = s.mention_ending_at(j - 1).filter(|m| !m.possessive) {
            return Some(
                self.modified_subject(s, m)
                    .unwrap_or((Who::Stated(Subject::Actor(m.actor)), m.start)),
            );
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

    /// "Visitors to the Museum said", "a guide at the Museum told": the name is in a
    /// phrase that modifies the subject, so the subject is someone unnamed. A
    /// document ("a report from X") and a role "for"/"of" a body ("the spokesperson
    /// for X") speak for the body, as in [`Finder::unnamed_phrase`].
    fn modified_subject(&self, s: &Sentence, m: &Mention) -> Option<(Who, usize)> {
        let t = s.tokens;
        let k = t.iter().position(|x| x.start == m.start)?;
        let mut p = k.checked_sub(1)?;
        if matches!(t[p].text, "the" | "a" | "an") {
            p = p.checked_sub(1)?;
        }
        let h = p.checked_sub(1)?;
        let preposition = t[p].text;
        let head = t[h].text;
        // A common noun: lowercase, or capitalised only as the sentence's first word
        // and no actor's name ("Visitors to …", not "Smith of …").
        let first = t[h].start <= s.range.start + 1 && s.mentions_in(t[h].start..t[h].end).is_empty();
        let common_noun =
            head.chars().all(char::is_alphabetic) && (first || head.chars().next()?.is_lowercase());
        if !is_in(&gz::MODIFIER_PREPOSITIONS, preposition)
            || !common_noun
            || t[h].start < s.range.start
            || t[h + 1..=k].iter().any(|x| x.gap)
            || is_in(&gz::STOPWORDS, &head.to_lowercase())
            || is_in(&gz::DOCUMENTS, &head.to_lowercase())
            || matches!(preposition, "for" | "of") && is_in(&gz::ROLE_NOUNS, head)
        {
            return None;
        }
        let start = self.unnamed_start(s, h, false);
        Some((Who::Stated(Subject::Unnamed(start)), start))
    }

    /// "The company said": the organisation "it" would name there; none when
    /// that is no organisation (a place, a person).
    pub(super) fn the_organisation(&self, s: &Sentence, j: usize, noun: &str) -> Option<(Who, usize)> {
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

    /// "officials said", "a spokesperson said", "sources familiar with the talks
    /// said", "a senior official close to the minister said": an unnamed source,
    /// never the person the phrase mentions.
    pub(super) fn unnamed_phrase(&self, s: &Sentence, j: usize) -> Option<(Who, usize)> {
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
    pub(super) fn unnamed_start(&self, s: &Sentence, k: usize, indefinite: bool) -> usize {
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
    pub(super) fn role_subject(&self, s: &Sentence, j: usize, lower: &str) -> Option<(Who, usize)> {
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
    pub(super) fn apposition_head<'s>(&self, s: &Sentence<'s>, j: usize) -> Option<&'s Mention> {
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
    pub(super) fn inverted_subject(&self, s: &Sentence, v: usize) -> Option<(Who, usize)> {
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
pub(super) fn name_after_verb(s: &Sentence, v: usize) -> usize {
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

/// Whether token `k` (lowercased `w`) heads an unnamed source: a plural source
/// ("officials"), a document ("reports", "data") or an indefinite person ("a
/// spokesperson", "one official", "another diplomat"); as (plural source,
/// indefinite, head).
pub(super) fn source_head(t: &[Token], k: usize, w: &str) -> (bool, bool, bool) {
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

/// "A senior EU official, who asked not to be named, said": skips back over the
/// relative clause to its "who" (whether one was skipped is returned too).
pub(super) fn relative_clause(s: &Sentence, j: usize) -> (usize, bool) {
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
pub(super) fn is_fragment(s: &Sentence, m: &Mention) -> bool {
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
pub(super) fn named_in_phrase(s: &Sentence, k: usize) -> bool {
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
pub(super) const NAME_PARTICLES: &[&str] = &[
    "de", "des", "du", "da", "di", "del", "della", "der", "den", "van", "von", "al", "bin", "la", "le", "ter",
];

/// "the Gold Charter": a name led by "the" names a thing, not a person.
pub(super) fn after_the(s: &Sentence, m: &Mention) -> bool {
    let before = s.text.get(..m.start).unwrap_or_default().trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    last.eq_ignore_ascii_case("the")
}

/// Whether only ", " separates token `j - 1` from token `j` (token widths tell: one comma, one space).
pub(super) fn text_gap_is_comma(tokens: &[Token], j: usize) -> bool {
    j > 0 && tokens[j].start == tokens[j - 1].end + 2 && !tokens[j - 1].possessive
}

/// A weekday, month, year or part of a day: "on Thursday", "in 2017", "this morning".
pub(super) fn is_date_word(w: &str) -> bool {
    gz::is_month(w).is_some()
        || is_in(&gz::WEEKDAYS, w)
        || w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
        || matches!(w, "morning" | "afternoon" | "evening" | "night")
}
