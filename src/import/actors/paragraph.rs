//! Everything one paragraph says about actors: its runs classified, then what
//! the words around each run add (a role, a kind, an acronym), then the states
//! named only in passing ("Colombia-based", "Spain's environment minister").

use crate::model::ActorKind;
use crate::text::{Folded, floor_char_boundary};

use super::super::gazetteer::Known;
use super::super::gazetteer::{self as gz, gazetteer, is_in};
use super::classify::{classify, push_org};
use super::roles::{phrase_before, role_after, role_before};
use super::runs::{Run, Vocabulary, is_place_compound, runs};
use super::words::{OFFICES, first_upper, is_acronym, is_name_word, title_at_end};
use super::{Found, Token};

/// Everything found in one paragraph.
pub struct ParagraphFinds<'a> {
    /// Folded forms and how the article writes them, where they differ.
    pub typography: Vec<(String, String)>,
    pub found: Vec<Found>,
    /// Capitalised words standing alone (possible surnames).
    pub singles: Vec<&'a str>,
}

/// The paragraph as the run passes read it.
pub(super) struct Para<'t, 'a> {
    pub tokens: &'t [Token<'a>],
    pub folded: &'t str,
}

pub fn find_in_paragraph<'a>(
    para: &'a Folded,
    original: &str,
    tokens: &[Token<'a>],
    vocab: &Vocabulary,
) -> ParagraphFinds<'a> {
    let p = Para {
        tokens,
        folded: para.text.as_str(),
    };
    let mut found = Vec::new();
    // Where each find was made, to look for its written form nearby (the paragraph may be huge).
    let mut found_at: Vec<usize> = Vec::new();
    // "The Transport Secretary, Louise Haigh": a title waiting for the name after its comma.
    let mut pending_role: Option<(usize, String)> = None;
    let runs = runs(tokens, vocab);
    let listed = p.listed(&runs);
    let spans = p.names_before_nouns();
    let mut span_at = 0;
    let mut emitted = None;
    for (run, listed) in runs.iter().zip(listed) {
        // A run inside "the Sage group": the span names it, once.
        while spans.get(span_at).is_some_and(|s| s.last < run.first) {
            span_at += 1;
        }
        if let Some(span) = spans.get(span_at).filter(|s| s.first <= run.last) {
            if emitted != Some(span_at) {
                emitted = Some(span_at);
                for name in &span.names {
                    push_org(name, &mut found);
                }
            }
            found_at.resize(found.len(), tokens[span.first].start);
            continue;
        }
        let before = found.len();
        p.find_in_run(run, &mut found, &mut pending_role);
        p.things_after_determiner(run, &mut found, before);
        p.org_by_apposition(run, &mut found, before);
        p.org_from_context(run, listed, vocab, &mut found, before);
        found_at.resize(found.len(), tokens[run.first].start);
    }
    let singles = singles(tokens);
    p.states_in_compounds(&mut found);
    p.state_offices(&mut found);
    p.lowercase_institutions(&mut found);
    p.the_local_government(vocab, &mut found);
    found_at.resize(found.len(), 0);
    let typography = typography(para, original, &found, &found_at);
    ParagraphFinds {
        found,
        singles,
        typography,
    }
}

impl<'a> Para<'_, 'a> {
    /// Classifies one run and lets the words around it add what they say.
    fn find_in_run(&self, run: &Run, found: &mut Vec<Found>, pending_role: &mut Option<(usize, String)>) {
        let tokens = self.tokens;
        let slice = &self.folded[tokens[run.first].start..tokens[run.last].end];
        let joined_possessive = slice.contains("'s ") || slice.contains("s' ");
        let words: Vec<&str> = if joined_possessive {
            // A joined possessive run keeps its text as one name.
            vec![slice]
        } else {
            tokens[run.first..=run.last].iter().map(|t| t.text).collect()
        };
        let before = found.len();
        let title_only = title_at_end(&words);
        if words.len() == 1 && joined_possessive {
            push_org(slice, found);
        } else {
            classify(&words, found);
        }
        self.source_after_according(run, found, before);
        let new = &mut found[before..];
        self.after_state_possessive(run, new);
        self.org_noun_before(run, new);
        self.person_role(run, new);
        if let Some((after, role)) = pending_role.take()
            && run.first == after
        {
            title_before_comma(role, new);
        }
        if title_only.is_some()
            && self
                .folded
                .get(tokens[run.last].end..)
                .is_some_and(|r| r.starts_with(", "))
        {
            *pending_role = Some((run.last + 1, words.join(" ")));
        }
        self.acronym_alias(run, found, before);
    }

    /// "according to Lloyd's List": a source the word lists do not know is an organisation.
    fn source_after_according(&self, run: &Run, found: &mut Vec<Found>, before: usize) {
        let tokens = self.tokens;
        let after_according = run.first >= 2
            && tokens[run.first - 2].text.eq_ignore_ascii_case("according")
            && tokens[run.first - 1].text == "to"
            && !tokens[run.first].gap;
        if !after_according || found.len() != before {
            return;
        }
        let mut last = run.last;
        while tokens[last].possessive
            && tokens
                .get(last + 1)
                .is_some_and(|n| !n.gap && is_name_word(n.text))
        {
            last += 1;
        }
        if let Some(name) = self.folded.get(tokens[run.first].start..tokens[last].end) {
            push_org(name, found);
        }
    }

    /// "Syria's Bashar al-Assad": a name right after a state's possessive is a person.
    fn after_state_possessive(&self, run: &Run, new: &mut [Found]) {
        let tokens = self.tokens;
        let after_state_possessive = run.first >= 1
            && tokens[run.first - 1].possessive
            && !tokens[run.first].gap
            && gazetteer()
                .forms
                .get(tokens[run.first - 1].text)
                .is_some_and(|k| k.kind == ActorKind::State);
        if after_state_possessive
            && let Some(f) = new.first_mut()
            && f.kind == ActorKind::Person
        {
            f.sure = true;
        }
    }

    /// "union Unió de Pagesos", "newspaper La Vanguardia": what comes before says it is an organisation.
    fn org_noun_before(&self, run: &Run, new: &mut [Found]) {
        if let Some(f) = new.last_mut()
            && f.kind == ActorKind::Person
            && let Some(what) = phrase_before(self.tokens, run.first, self.folded, &gz::ORG_NOUNS)
        {
            f.kind = ActorKind::Organisation;
            f.sure = true;
            f.role.get_or_insert(what);
        }
    }

    /// Roles: "analyst Vladimir Rouvinski" before, ", senior Russia analyst at X," after.
    fn person_role(&self, run: &Run, new: &mut [Found]) {
        let Some(f) = new.last_mut().filter(|f| f.kind == ActorKind::Person) else {
            return;
        };
        let last = &self.tokens[run.last];
        let role = role_before(self.tokens, run.first, self.folded)
            .or_else(|| role_after(self.folded, last.end, last.possessive));
        if let Some(role) = role {
            f.sure = true;
            if f.role.is_none() {
                f.role = Some(role);
            }
        }
    }

    /// "Armed Conflict Location & Event Data Project (ACLED)": the acronym is its short name.
    fn acronym_alias(&self, run: &Run, found: &mut Vec<Found>, before: usize) {
        if let Some(f) = found.get(before..).and_then(<[Found]>::last)
            && matches!(f.kind, ActorKind::Organisation | ActorKind::Group)
            && let Some(acronym) = acronym_in_brackets(self.tokens, run.last, self.folded)
        {
            let alias = Found {
                form: acronym.to_string(),
                role: None,
                ..f.clone()
            };
            found.push(alias);
        }
    }

    /// "Colombia-based analyst", "US-backed resolution", "British Columbia-based": the state is mentioned.
    fn states_in_compounds(&self, found: &mut Vec<Found>) {
        for (i, t) in self.tokens.iter().enumerate() {
            if !is_place_compound(t.text) {
                continue;
            }
            let Some((head, _)) = t.text.split_once('-') else {
                continue;
            };
            if let Some((form, k)) = self.place_ending_in(i, head) {
                found.push(Found {
                    name: k.name.to_string(),
                    kind: k.kind,
                    role: None,
                    form,
                    sure: true,
                });
            }
        }
    }

    /// The longest known state whose name ends in `head`, the first part of token `i`
    /// ("British Columbia" for "British Columbia-based").
    fn place_ending_in(&self, i: usize, head: &str) -> Option<(String, Known)> {
        let g = gazetteer();
        let before = (0..i)
            .rev()
            .take(3)
            .take_while(|&k| !self.tokens[k + 1].gap && is_name_word(self.tokens[k].text))
            .last()
            .unwrap_or(i);
        (before..=i).find_map(|from| {
            let start = self.tokens[from].start;
            let form = self.folded.get(start..self.tokens[i].start + head.len())?;
            g.forms
                .get(form)
                .filter(|k| k.kind == ActorKind::State)
                .map(|k| (form.to_string(), *k))
        })
    }

    /// "Venezuela's transportation minister", "the Venezuelan transportation minister",
    /// "Russian state media": a state's office named without its holder.
    fn state_offices(&self, found: &mut Vec<Found>) {
        let g = gazetteer();
        for (i, t) in self.tokens.iter().enumerate() {
            if !first_upper(t.text) {
                continue;
            }
            let Some(k) = g.forms.get(t.text).filter(|k| k.kind == ActorKind::State) else {
                continue;
            };
            let is_dem = g.demonyms.contains(t.text);
            if !(t.possessive || is_dem) {
                continue;
            }
            let next: Vec<&str> = self.tokens[i + 1..]
                .iter()
                .take(4)
                .take_while(|n| !n.gap)
                .map(|n| n.text)
                .collect();
            if is_dem && next.first() == Some(&"state") {
                state_media(t.text, &next, found);
                continue;
            }
            self.office_after_state(i, k.name, &next, found);
        }
    }

    /// The office (one to three words) after the state at token `i`, longest first.
    fn office_after_state(&self, i: usize, state: &str, next: &[&str], found: &mut Vec<Found>) {
        for len in (1..=3).rev() {
            if next.len() < len {
                continue;
            }
            let phrase = next[..len].join(" ");
            let all_lower = next[..len]
                .iter()
                .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'));
            if all_lower && self.office_holder_named(i, len, next, state, &phrase, found) {
                break;
            }
            let Some(office) = OFFICES.iter().find(|o| phrase.ends_with(*o)) else {
                continue;
            };
            let followed_by_name = next.get(len).is_some_and(|w| is_name_word(w));
            let plain = len == 1
                || !next[..len - 1]
                    .iter()
                    .any(|w| is_in(&gz::STOPWORDS, w) || matches!(*w, "new" | "former" | "own" | "top"));
            if all_lower && !followed_by_name && !matches!(*office, "military" | "army" | "navy") && plain {
                found.push(unnamed_office(state, phrase));
                break;
            }
        }
    }

    /// "Spain's environment minister, Teresa Ribera, said": the name is the office holder.
    fn office_holder_named(
        &self,
        i: usize,
        len: usize,
        next: &[&str],
        state: &str,
        phrase: &str,
        found: &mut [Found],
    ) -> bool {
        let tokens = self.tokens;
        let appositive = tokens.get(i + 1 + len).filter(|n| {
            next.len() == len
                && n.gap
                && self.folded.get(tokens[i + len].end..n.start) == Some(", ")
                && is_name_word(n.text)
        });
        if let Some(n) = appositive
            && OFFICES.iter().any(|o| phrase.ends_with(*o))
            && let Some(person) = found
                .iter_mut()
                .find(|f| f.kind == ActorKind::Person && f.name.split(' ').next() == Some(n.text))
        {
            person.sure = true;
            if person.role.is_none() {
                person.role = Some(format!("{state}’s {phrase}"));
            }
            return true;
        }
        false
    }
}

/// "Russian state media": a state's media as a group.
fn state_media(demonym: &str, next: &[&str], found: &mut Vec<Found>) {
    if let Some(what) = next
        .get(1)
        .filter(|w| matches!(**w, "media" | "television" | "TV" | "news"))
    {
        let name = format!("{demonym} state {what}");
        found.push(Found {
            name: name.clone(),
            kind: ActorKind::Group,
            role: None,
            form: name,
            sure: true,
        });
    }
}

/// "Italy's interior ministry" is an organisation; "Venezuela's transportation
/// minister" a person the article does not name.
fn unnamed_office(state: &str, phrase: String) -> Found {
    let institution = [
        "government",
        "parliament",
        "central bank",
        "ministry",
        "embassy",
        "cabinet",
    ]
    .iter()
    .any(|w| phrase.ends_with(w));
    let dem = gz::demonym_of(state).unwrap_or(state);
    Found {
        name: format!("{dem} {phrase}"),
        kind: if institution {
            ActorKind::Organisation
        } else {
            ActorKind::Person
        },
        role: (!institution).then(|| format!("{state}’s {phrase} (not named in the article)")),
        form: phrase,
        sure: true,
    }
}

/// "The Transport Secretary, Louise Haigh, insisted": the title is the next name's role.
fn title_before_comma(role: String, new: &mut [Found]) {
    if let Some(f) = new.iter_mut().find(|f| f.kind == ActorKind::Person) {
        f.sure = true;
        f.role.get_or_insert(role);
    }
}

/// Capitalised words standing alone ("Brandt said", "the Post"): possible surnames and short names.
fn singles<'a>(tokens: &[Token<'a>]) -> Vec<&'a str> {
    let name_at = |j: usize| tokens.get(j).is_some_and(|n| is_name_word(n.text));
    let mut singles = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if !first_upper(t.text) {
            continue;
        }
        let joined_before = i > 0 && !t.gap && name_at(i - 1) && !tokens[i - 1].possessive;
        let joined_after = !t.possessive && tokens.get(i + 1).is_some_and(|n| !n.gap) && name_at(i + 1);
        if !joined_before && !joined_after {
            singles.push(t.text);
        }
    }
    singles
}

/// The acronym in brackets right after token `last`: "… Project (ACLED)".
fn acronym_in_brackets<'a>(tokens: &[Token<'a>], last: usize, folded: &str) -> Option<&'a str> {
    let next = tokens.get(last + 1)?;
    (folded.get(tokens[last].end..next.start) == Some(" (")
        && folded.get(next.end..)?.starts_with(')')
        && is_acronym(next.text))
    .then_some(next.text)
}

/// Names and roles as the article writes them ("Lloyd’s List"), where that differs
/// from the folded text.
fn typography(para: &Folded, original: &str, found: &[Found], found_at: &[usize]) -> Vec<(String, String)> {
    let folded = para.text.as_str();
    let mut typography = Vec::new();
    for (f, &near) in found.iter().zip(found_at) {
        let lo = floor_char_boundary(folded, near.saturating_sub(400));
        let hi = floor_char_boundary(folded, (near + 4000).min(folded.len()));
        let window = &folded[lo..hi.max(lo)];
        for s in std::iter::once(&f.form).chain(&f.role) {
            if s.contains(['\'', '"', '-', '.'])
                && let Some(at) = window.find(s.as_str()).map(|i| lo + i)
                && let Some(written) = original.get(para.original_range(at..at + s.len()))
            {
                let written = as_written(written);
                if written != *s {
                    typography.push((s.clone(), written));
                }
            }
        }
    }
    typography
}

/// Original text without the invisible characters and with plain spaces.
fn as_written(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim().to_string()
}
