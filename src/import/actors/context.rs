//! What the words around a run say about it when its capitals alone say nothing:
//! a name before "group" or "services", a list after "groups like", the subject
//! of a reporting verb, "the Louvre", "the Post and Courier", "the transportation
//! department". Each rule needs grammar beyond the capitals, never a list of names.

use crate::model::ActorKind;
use crate::text::floor_char_boundary;

use super::super::gazetteer::{self as gz, gazetteer, is_in};
use super::classify::push_org;
use super::paragraph::Para;
use super::roles::phrase_before;
use super::runs::{Run, Vocabulary, whole_after_the};
use super::words::{
    CONNECTORS, LOWERCASE_INSTITUTIONS, NOT_MODIFIERS, ORG_NOUNS_AFTER, ends_noun_phrase, first_upper,
    is_acronym, is_given_name, is_name_word, is_org_cue, is_outlet, is_plural_org_noun, is_title_at,
    not_a_name,
};
use super::{Found, Token};

/// Names that a noun after them makes organisations: tokens `first..=last`.
pub(super) struct NamedSpan {
    pub first: usize,
    pub last: usize,
    pub names: Vec<String>,
}

/// Glue inside a name set off by a noun after it ("Frontiers in Ecology and the Environment journal").
fn is_span_glue(w: &str) -> bool {
    is_in(&CONNECTORS, w) || w == "in"
}

/// A word that may come between a name and the noun after it ("wire money transfer").
fn is_modifier(t: &Token) -> bool {
    t.text.chars().all(|c| c.is_lowercase() || c == '-')
        && t.text != "the"
        && !ends_noun_phrase(t.text)
        && !is_in(&ORG_NOUNS_AFTER, t.text)
}

/// A single word that can be an organisation's short name: not a given name, a
/// title, a month or a stopword, and not something the gazetteer knows.
fn can_name_org(w: &str) -> bool {
    is_name_word(w)
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !is_given_name(w)
        && !not_a_name(w)
        && is_title_at(&[w], 0).is_none()
        && !gazetteer().forms.contains_key(w)
}

impl Para<'_, '_> {
    /// "the independent Sage group", "Surepay and Moneygram wire money transfer
    /// services", "Frontiers in Ecology and the Environment journal": a name and up to
    /// three lowercase modifiers before a noun that names organisations.
    pub(super) fn names_before_nouns(&self) -> Vec<NamedSpan> {
        let t = self.tokens;
        let mut spans: Vec<NamedSpan> = Vec::new();
        for (j, noun) in t.iter().enumerate() {
            if j == 0 || noun.gap || !is_in(&ORG_NOUNS_AFTER, noun.text) {
                continue;
            }
            let mut k = j - 1;
            while k > 0 && j - k <= 3 && is_modifier(&t[k]) && !t[k].gap {
                k -= 1;
            }
            if t[k].possessive || !is_name_word(t[k].text) || (k + 1 < j && t[k + 1].gap) {
                continue;
            }
            let last = k;
            let first = self.name_start(last);
            if spans.last().is_some_and(|s| s.last >= first) {
                continue;
            }
            if let Some(names) = self.span_names(first, last, noun.text.ends_with('s')) {
                spans.push(NamedSpan { first, last, names });
            }
        }
        spans
    }

    /// Back from the name word at `last` over name words and glue, to the first name word.
    fn name_start(&self, last: usize) -> usize {
        let t = self.tokens;
        let mut first = last;
        let mut k = last;
        while k > 0 && last - k < 8 && !t[k].gap && !t[k - 1].possessive {
            let w = t[k - 1].text;
            if is_name_word(w) {
                first = k - 1;
            } else if !is_span_glue(w) {
                break;
            }
            k -= 1;
        }
        first
    }

    /// The organisations a span names: one, or each of "A and B" before a plural noun.
    fn span_names(&self, first: usize, last: usize, plural: bool) -> Option<Vec<String>> {
        let words: Vec<&str> = self.tokens[first..=last].iter().map(|t| t.text).collect();
        let g = gazetteer();
        let refused = words.iter().enumerate().any(|(k, w)| {
            is_given_name(w)
                || is_acronym(w)
                || (first_upper(w) && not_a_name(w))
                || is_title_at(&words, k).is_some()
                || g.forms.contains_key(w)
        }) || g.forms.contains_key(words.join(" ").as_str());
        if refused {
            return None;
        }
        // "Hispanic members", "Trust members ultimately asked": one word that reads as an
        // adjective, or opens the sentence, is no name the noun sets off.
        let lone = words.len() == 1
            && (self.tokens[first].sentence_start
                || ["ic", "ian", "can", "ese", "ish"]
                    .iter()
                    .any(|e| words[0].ends_with(e)));
        if lone {
            return None;
        }
        let parts: Vec<&[&str]> = words.split(|w| *w == "and").collect();
        if plural && parts.len() > 1 && parts.iter().all(|p| p.len() == 1) {
            return Some(parts.iter().map(|p| p[0].to_string()).collect());
        }
        Some(vec![
            self.folded[self.tokens[first].start..self.tokens[last].end].to_string(),
        ])
    }

    /// Runs listed after "groups like", "universities, including", "companies such as".
    pub(super) fn listed(&self, runs: &[Run]) -> Vec<bool> {
        let mut listed = Vec::with_capacity(runs.len());
        for (ri, run) in runs.iter().enumerate() {
            let continues = ri > 0
                && listed[ri - 1]
                && matches!(
                    self.folded
                        .get(self.tokens[runs[ri - 1].last].end..self.tokens[run.first].start),
                    Some(", " | " and " | ", and ")
                );
            listed.push(continues || self.after_list_cue(run.first));
        }
        listed
    }

    /// Token `first` comes right after "groups like" or "organisations, including".
    fn after_list_cue(&self, first: usize) -> bool {
        let t = self.tokens;
        if first < 2 || t[first].gap {
            return false;
        }
        let cue = &t[first - 1];
        let noun_at = match cue.text {
            "like" | "including" => first - 2,
            "as" if first >= 3 && t[first - 2].text == "such" && !cue.gap => first - 3,
            _ => return false,
        };
        let between = self.folded.get(t[noun_at].end..t[noun_at + 1].start);
        matches!(between, Some(" " | ", ")) && is_plural_org_noun(t[noun_at].text)
    }

    /// A run the classifier found nothing in (or only a guessed person): what the
    /// words around it say. `new` are the run's finds so far.
    pub(super) fn org_from_context(
        &self,
        run: &Run,
        listed: bool,
        vocab: &Vocabulary,
        found: &mut Vec<Found>,
        before: usize,
    ) {
        let t = self.tokens;
        let words: Vec<&str> = t[run.first..=run.last].iter().map(|t| t.text).collect();
        if found.len() == before && listed {
            // "universities, including Cambridge, Cardiff and Exeter".
            for part in words.split(|w| *w == "and").filter(|p| !p.is_empty()) {
                if (part.len() != 1 || can_name_org(part[0])) && part.iter().all(|w| is_name_word(w)) {
                    push_org(&part.join(" "), found);
                }
            }
            return;
        }
        if found.len() == before && words.len() == 3 && words[1] == "and" && self.name_and_name(run) {
            push_org(&words.join(" "), found);
            return;
        }
        if found.len() != before || words.len() != 1 || !can_name_org(words[0]) {
            return;
        }
        let word = words[0];
        if let Some(what) = phrase_before(t, run.first, self.folded, &gz::ORG_NOUNS) {
            // "auction house Artcurial".
            found.push(Found {
                role: Some(what),
                ..org(word)
            });
        } else if self.subject_of_reporting_verb(run.last)
            || (self.after_the(run.first) && vocab.times_after_the(word) >= 2 && !word.ends_with('s'))
            || (is_outlet(word) && self.after_the_or_told(run.first))
        {
            found.push(org(word));
        }
    }

    /// "Aeropost confirmed", "Cambridge has said": a reporting verb (after an
    /// auxiliary or not) right after token `last`.
    fn subject_of_reporting_verb(&self, last: usize) -> bool {
        let t = self.tokens;
        let verb_at = |k: usize| {
            t.get(k)
                .is_some_and(|v| !v.gap && is_in(&gz::REPORTING_VERBS, v.text))
        };
        let aux = t
            .get(last + 1)
            .is_some_and(|a| !a.gap && matches!(a.text, "has" | "have" | "had"));
        !t[last].possessive && (verb_at(last + 1) || (aux && verb_at(last + 2)))
    }

    /// "the Louvre declared": lowercase "the" right before, and the name ends there.
    fn after_the(&self, first: usize) -> bool {
        first > 0
            && self.tokens[first - 1].text == "the"
            && !self.tokens[first].gap
            && whole_after_the(self.tokens, first)
    }

    /// "told Observer", "the Observer": an outlet's one-word name set off as one.
    fn after_the_or_told(&self, first: usize) -> bool {
        first > 0 && !self.tokens[first].gap && matches!(self.tokens[first - 1].text, "the" | "told" | "to")
    }

    /// "the Post and Courier", "the Charleston-based Post and Courier": two single
    /// words joined by "and" after "the" are one name, unless either is known, a
    /// given name, a plural or both are organisations' cue words ("the Army and Navy").
    fn name_and_name(&self, run: &Run) -> bool {
        let t = self.tokens;
        let (a, b) = (t[run.first].text, t[run.last].text);
        let mut k = run.first;
        if k > 0 && !t[k].gap && t[k - 1].text.contains('-') && first_upper(t[k - 1].text) {
            k -= 1;
        }
        let after_the = k > 0 && t[k - 1].text == "the" && !t[k].gap;
        after_the
            && [a, b]
                .iter()
                .all(|w| can_name_org(w) && !w.ends_with('s') && !is_acronym(w))
            && !(is_org_cue(a) && is_org_cue(b))
    }

    /// "the transportation department", "the health ministry": an institution named
    /// in lowercase, by the word before its head.
    pub(super) fn lowercase_institutions(&self, found: &mut Vec<Found>) {
        let t = self.tokens;
        for i in 0..t.len().saturating_sub(2) {
            let (the, modifier, head) = (&t[i], &t[i + 1], &t[i + 2]);
            let named = the.text.eq_ignore_ascii_case("the")
                && !modifier.gap
                && !head.gap
                && is_in(&LOWERCASE_INSTITUTIONS, head.text)
                && modifier.text.chars().all(char::is_lowercase)
                && !is_in(&NOT_MODIFIERS, modifier.text)
                && !ends_noun_phrase(modifier.text)
                && !t.get(i + 3).is_some_and(|n| !n.gap && first_upper(n.text));
            if named {
                let name = format!("{} {}", modifier.text, head.text);
                found.push(org(&name));
                // "The department, however, said": the head alone names it again.
                found.push(Found {
                    form: head.text.to_string(),
                    ..org(&name)
                });
            }
        }
    }

    /// "gave the county an extra month", "the county made": a county or city the
    /// article names only so, standing alone after "the" at least twice.
    pub(super) fn the_local_government(&self, vocab: &Vocabulary, found: &mut Vec<Found>) {
        let t = self.tokens;
        for i in 1..t.len() {
            let w = t[i].text;
            if matches!(w, "county" | "city")
                && t[i - 1].text == "the"
                && !t[i].gap
                && whole_after_the(t, i)
                && vocab.times_after_the(w) >= 2
            {
                let name = format!("the {w}");
                found.push(Found {
                    name: name.clone(),
                    kind: ActorKind::State,
                    role: Some(format!(
                        "the {w}’s government (the article does not name the {w})"
                    )),
                    form: name,
                    sure: true,
                });
            }
        }
    }
}

fn org(name: &str) -> Found {
    Found {
        name: name.to_string(),
        kind: ActorKind::Organisation,
        role: None,
        form: name.to_string(),
        sure: true,
    }
}

impl Para<'_, '_> {
    /// "the Des Moines Register", "a 20-mile Bus Rapid Transit line": a guessed person
    /// after a determiner is an institution or a thing, not a person; it stays a
    /// guess (unsure). People keep a given name or a role.
    pub(super) fn things_after_determiner(&self, run: &Run, found: &mut [Found], before: usize) {
        let t = self.tokens;
        let determiner = |k: usize| {
            matches!(
                t[k].text,
                "the"
                    | "a"
                    | "an"
                    | "that"
                    | "this"
                    | "these"
                    | "those"
                    | "The"
                    | "A"
                    | "An"
                    | "That"
                    | "This"
            )
        };
        // Only guessed people change: most runs have none, so look no further.
        if !found[before..]
            .iter()
            .any(|f| f.kind == ActorKind::Person && !f.sure)
        {
            return;
        }
        let f = run.first;
        let after_determiner = f > 0
            && !t[f].gap
            && (determiner(f - 1)
                || (f > 1
                    && !t[f - 1].gap
                    && determiner(f - 2)
                    && !first_upper(t[f - 1].text)
                    && !is_in(&gz::ROLE_NOUNS, t[f - 1].text)));
        if !after_determiner {
            return;
        }
        for f in &mut found[before..] {
            let guessed = f.kind == ActorKind::Person
                && !f.sure
                && f.role.is_none()
                && !f.name.split(' ').next().is_some_and(is_given_name);
            if guessed {
                f.kind = ActorKind::Organisation;
            }
        }
    }
}

impl Para<'_, '_> {
    /// "Carbon Works, one of a handful of firms removing carbon", "Openhand, a
    /// charity that": an apposition that calls a guessed person an organisation.
    pub(super) fn org_by_apposition(&self, run: &Run, found: &mut [Found], before: usize) {
        let last = &self.tokens[run.last];
        if last.possessive
            || !found[before..]
                .iter()
                .any(|f| f.kind == ActorKind::Person && !f.sure)
        {
            return;
        }
        // An apposition is short: look no further than 200 bytes (a run-on sentence may be huge).
        let end = floor_char_boundary(self.folded, (last.end + 200).min(self.folded.len()));
        let Some(rest) = self.folded.get(last.end..end).and_then(|r| r.strip_prefix(", ")) else {
            return;
        };
        let apposition = rest.split([',', '.', ';', '(', '"']).next().unwrap_or("");
        // The apposition's head, before a preposition or a clause: "a coordinator with
        // the … Group" is a person's role, "one of a handful of firms removing …" a firm's.
        let words: Vec<String> = apposition
            .split_whitespace()
            .take(8)
            .map(str::to_lowercase)
            .take_while(|w| {
                !matches!(
                    w.as_str(),
                    "with"
                        | "at"
                        | "for"
                        | "from"
                        | "in"
                        | "on"
                        | "to"
                        | "by"
                        | "who"
                        | "which"
                        | "that"
                        | "whose"
                )
            })
            .collect();
        let names_org = words
            .first()
            .is_some_and(|w| matches!(w.as_str(), "a" | "an" | "one" | "the"))
            && words
                .iter()
                .any(|w| is_in(&gz::ORG_NOUNS, w) || is_plural_org_noun(w))
            && !words.iter().any(|w| is_in(&gz::ROLE_NOUNS, w));
        if !names_org {
            return;
        }
        for f in &mut found[before..] {
            if f.kind == ActorKind::Person && !f.sure && f.role.is_none() {
                f.kind = ActorKind::Organisation;
                f.sure = true;
            }
        }
    }
}
