//! Selecting words in the Text pane, to add a claim for them: `v` selects the
//! sentence being read, the movement keys move one end of the selection by a
//! word, a sentence or a line (`o` switches ends), a mouse drag selects too.
//! The selection is a layer ([`Layer::Select`]) over the panes, so Esc ends it
//! and everything else routes through [`State::layer`].

use std::ops::Range;

use super::State;
use super::edit::{Choice, Menu, MenuItem, PickFor, Picked};
use super::layer::{Layer, LayerKind};
use crate::edit::{Edit, NewClaim};
use crate::model::{Briefing, ClaimKind, ids};
use crate::ui::action::{Command, Pane};

/// Words of one section's text: `start..end` (bytes), always whole words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub section: usize,
    pub start: usize,
    pub end: usize,
    /// The start moves (after `o`), not the end.
    pub moving_start: bool,
}

impl Selection {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Closing marks that may follow a sentence's final stop.
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|t| t.chars().next())
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|t| t.chars().next_back())
}

/// Past the whitespace from `at`.
fn skip_space(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest.len() - rest.trim_start().len()
}

/// Back over the whitespace before `at`.
fn back_space(text: &str, at: usize) -> usize {
    text.get(..at).map_or(at, |t| t.trim_end().len())
}

/// Past the word at `at` (no-op on whitespace).
fn skip_word(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest.find(char::is_whitespace).unwrap_or(rest.len())
}

/// Back to the start of the word before `at` (no-op after whitespace).
fn back_word(text: &str, at: usize) -> usize {
    let head = text.get(..at).unwrap_or("");
    head.rfind(char::is_whitespace)
        .map_or(0, |i| i + char_at(head, i).map_or(1, char::len_utf8))
}

/// The end of the next word after `at`.
pub fn word_end_after(text: &str, at: usize) -> usize {
    skip_word(text, skip_space(text, at))
}

/// The end of the word before the one ending at (or containing) `at`.
pub fn word_end_before(text: &str, at: usize) -> usize {
    back_space(text, back_word(text, at))
}

/// The start of the word after the one starting at (or containing) `at`.
pub fn word_start_after(text: &str, at: usize) -> usize {
    skip_space(text, skip_word(text, at))
}

/// The start of the word before `at`.
pub fn word_start_before(text: &str, at: usize) -> usize {
    back_word(text, back_space(text, at))
}

/// Whether a sentence ends at `at`: a word ends there, and a line break, the end
/// of the text, or a stop (`.`, `!`, `?`, `…`, then closing quotes) and a space.
fn is_sentence_end(text: &str, at: usize) -> bool {
    if char_before(text, at).is_none_or(char::is_whitespace) {
        return false;
    }
    match char_at(text, at) {
        None | Some('\n') => true,
        Some(c) if c.is_whitespace() => text
            .get(..at)
            .and_then(|t| t.trim_end_matches(CLOSERS).chars().next_back())
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…')),
        Some(_) => false,
    }
}

/// The first sentence end at or after `at`.
pub fn sentence_end_from(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    rest.char_indices()
        .map(|(i, _)| at + i)
        .chain(std::iter::once(text.len()))
        .find(|&i| is_sentence_end(text, i))
        .unwrap_or(text.len())
}

/// The start of the sentence holding the last word before `at`.
pub fn sentence_start_before(text: &str, at: usize) -> usize {
    let p = back_space(text, at);
    let head = text.get(..p).unwrap_or("");
    head.char_indices()
        .rev()
        .find(|&(i, c)| c.is_whitespace() && is_sentence_end(text, i))
        .map_or(0, |(i, _)| skip_space(text, i))
}

/// The sentence holding byte `at` (or the next one, on whitespace between them).
pub fn sentence_at(text: &str, at: usize) -> Range<usize> {
    let p = skip_space(text, at.min(text.len()));
    let next = p + char_at(text, p).map_or(0, char::len_utf8);
    sentence_start_before(text, next)..sentence_end_from(text, p).max(next)
}

/// The end of the word holding `at`, or of the word before when `at` is on whitespace.
fn word_end_at(text: &str, at: usize) -> usize {
    match char_at(text, at) {
        Some(c) if !c.is_whitespace() => skip_word(text, at),
        _ => back_space(text, at),
    }
}

/// The start of the word holding `at`, or of the word after when `at` is on whitespace.
fn word_start_at(text: &str, at: usize) -> usize {
    match char_at(text, at) {
        Some(c) if !c.is_whitespace() => back_word(text, at),
        _ => skip_space(text, at),
    }
}

/// The whole words around `a..b` (in either order); empty when only whitespace.
pub fn whole_words(text: &str, a: usize, b: usize) -> Range<usize> {
    let (a, b) = (a.min(b), a.max(b).min(text.len()));
    let start = word_start_at(text, a);
    let end = match char_before(text, b) {
        Some(c) if !c.is_whitespace() => skip_word(text, b),
        _ => back_space(text, b),
    };
    start..end.max(start)
}

fn next_char(text: &str, at: usize) -> usize {
    at + char_at(text, at).map_or(1, char::len_utf8)
}

/// Which way a selection key moves the moving end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    WordRight,
    WordLeft,
    SentenceRight,
    SentenceLeft,
    LineDown,
    LineUp,
}

/// The selection after a word or sentence step; `None` when it would be empty.
fn stepped(text: &str, sel: &Selection, step: Step) -> Option<Selection> {
    let mut next = sel.clone();
    if sel.moving_start {
        next.start = match step {
            Step::WordRight => word_start_after(text, sel.start),
            Step::WordLeft => word_start_before(text, sel.start),
            Step::SentenceRight => skip_space(text, sentence_end_from(text, skip_word(text, sel.start))),
            Step::SentenceLeft => sentence_start_before(text, sel.start),
            Step::LineDown | Step::LineUp => sel.start,
        };
    } else {
        next.end = match step {
            Step::WordRight => word_end_after(text, sel.end),
            Step::WordLeft => word_end_before(text, sel.end),
            Step::SentenceRight => sentence_end_from(text, next_char(text, sel.end)),
            Step::SentenceLeft => back_space(text, sentence_start_before(text, sel.end)),
            Step::LineDown | Step::LineUp => sel.end,
        };
    }
    next.end = next.end.min(text.len());
    (next.start < next.end).then_some(next)
}

/// A claim being added from a selection: where, and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimDraft {
    /// The section's id.
    pub section: String,
    /// Where the selected words start in the section's text.
    pub start: usize,
    pub words: String,
}

/// The first `n` words, with `…` when cut.
pub fn words_opening(words: &str, n: usize) -> String {
    let mut parts = words.split_whitespace();
    let mut out = parts.by_ref().take(n).collect::<Vec<_>>().join(" ");
    if parts.next().is_some() {
        out.push('…');
    }
    out
}

/// After the speaker is picked: the menu of kinds, each writing the claim (and
/// the new actor first, when one was named).
pub fn new_claim_choice(b: &Briefing, draft: &ClaimDraft, who: Picked) -> Choice {
    let (speaker, first) = match &who {
        Picked::Unnamed => (None, None),
        Picked::Actor(id) => (Some(id.clone()), None),
        Picked::New { id, name, kind } => (
            Some(id.clone()),
            Some(Edit::AddActor {
                id: id.clone(),
                name: name.clone(),
                kind: *kind,
            }),
        ),
    };
    let id_speaker = match &who {
        Picked::New { name, kind, .. } => Some(ids::IdSpeaker {
            name,
            kind: *kind,
            aliases: &[],
        }),
        _ => speaker.as_deref().and_then(|s| crate::edit::id_speaker(b, s)),
    };
    let text = b
        .sections
        .iter()
        .find(|s| s.id == draft.section)
        .map_or("", |s| s.text.as_str());
    let item = |kind: ClaimKind| {
        let words = claim_words(&draft.words, kind);
        let choice = match not_first(text, &words, draft.start) {
            _ if words.is_empty() => Choice::Say("no words are left once the quotation marks go".into()),
            Some(why) => Choice::Say(why),
            None => {
                let new = NewClaim {
                    id: crate::edit::claim_id_for(b, &words, id_speaker),
                    section: draft.section.clone(),
                    words,
                    speaker: speaker.clone(),
                    kind,
                    date: None,
                    via: None,
                };
                Choice::Save(first.iter().cloned().chain([Edit::AddClaim(new)]).collect())
            }
        };
        MenuItem {
            command: super::edit::claim_kind_command(kind),
            label: kind.as_str().to_string(),
            value: String::new(),
            choice,
        }
    };
    let quoted = draft.words.contains(QUOTE_MARKS);
    Choice::Menu(Box::new(Menu {
        title: format!(
            "Kind of the new claim · “{}”",
            crate::text::sanitize(&words_opening(&draft.words, 8))
        ),
        items: ClaimKind::ALL.iter().map(|k| item(*k)).collect(),
        cursor: ClaimKind::ALL
            .iter()
            .position(|k| (*k == ClaimKind::Quote) == quoted)
            .unwrap_or(0),
    }))
}

/// Quotation marks left out of a quote's words (its text is what was said).
const QUOTE_MARKS: &[char] = &['"', '“', '”', '«', '»', '„'];

/// The words a claim of `kind` keeps of the selected ones.
pub fn claim_words(words: &str, kind: ClaimKind) -> String {
    let words = crate::edit::one_line(words);
    match kind {
        ClaimKind::Quote => words.trim_matches(QUOTE_MARKS).trim().to_string(),
        _ => words,
    }
}

/// Why the claim would not point at the selected words, if so: a claim is
/// found at the first place its words occur in the section.
pub fn not_first(text: &str, words: &str, start: usize) -> Option<String> {
    let found = crate::text::Folded::new(text).find(words)?;
    (found.start < start).then(|| {
        "these words occur earlier in the section, and a claim points at the first place its words occur: \
         select more words (l / ) extend the selection)"
            .to_string()
    })
}

impl State {
    /// The selection being made in the Text pane.
    pub fn selection(&self) -> Option<&Selection> {
        self.layers().iter().rev().find_map(|l| match l {
            Layer::Select(s) => Some(s),
            _ => None,
        })
    }

    fn selection_mut(&mut self) -> Option<&mut Selection> {
        self.layers.iter_mut().rev().find_map(|l| match l {
            Layer::Select(s) => Some(s),
            _ => None,
        })
    }

    fn section_text(&self, section: usize) -> Option<&str> {
        self.briefing()?.sections.get(section).map(|s| s.text.as_str())
    }

    /// `v`: selects the sentence being read (the current search match, the
    /// mention reached with n / N, the selected claim on screen, or the top of
    /// the view) in the Text pane.
    pub(super) fn start_selection(&mut self) {
        let (section, at) = self.selection_origin();
        let Some(text) = self.section_text(section) else {
            return self.info("nothing to select: the briefing has no text");
        };
        let range = match self.search.as_ref().and_then(|s| s.matches.get(s.current?)) {
            Some((s, r)) if *s == section && r.start == at => whole_words(text, r.start, r.end),
            _ => sentence_at(text, at),
        };
        if range.is_empty() {
            return self.info("nothing to select here: scroll to some text first");
        }
        self.set_focus(Pane::Text);
        self.push_layer(Layer::Select(Selection {
            section,
            start: range.start,
            end: range.end,
            moving_start: false,
        }));
        self.reveal(section, &range);
    }

    /// Where `v` starts: a search match or a mention on screen, else what
    /// [`reading_position`](State::reading_position) says.
    fn selection_origin(&self) -> (usize, usize) {
        let on_screen = |s: usize, at: usize| {
            let line = self.layout.line_of(s, at);
            line >= self.text_top && line < self.text_top + self.text_rows()
        };
        if let Some((s, r)) = self.search.as_ref().and_then(|s| s.matches.get(s.current?))
            && on_screen(*s, r.start)
        {
            return (*s, r.start);
        }
        let (s, at, _) = self.reading_position();
        (s, at)
    }

    /// Keys while selecting: the movement keys move one end, `o` the other end,
    /// `c` or Enter adds a claim, Esc (or `v`) stops.
    pub(super) fn select_command(&mut self, command: Command) {
        let step = match command {
            Command::SelectRight => Step::WordRight,
            Command::SelectLeft => Step::WordLeft,
            Command::SelectNextSentence => Step::SentenceRight,
            Command::SelectPrevSentence => Step::SentenceLeft,
            Command::Down => Step::LineDown,
            Command::Up => Step::LineUp,
            Command::SelectOtherEnd => {
                if let Some(sel) = self.selection_mut() {
                    sel.moving_start = !sel.moving_start;
                }
                return self.reveal_selection_end();
            }
            Command::Clear | Command::Select | Command::Quit => return self.close(LayerKind::Select),
            Command::AddClaim | Command::Follow => return self.add_claim_for_selection(),
            Command::Help => return self.push_layer(Layer::Help { scroll: 0 }),
            Command::PageDown | Command::PageUp | Command::HalfPageDown | Command::HalfPageUp => {
                return self.movement(command);
            }
            _ => return,
        };
        self.move_selection(step);
    }

    fn move_selection(&mut self, step: Step) {
        let Some(sel) = self.selection().cloned() else {
            return;
        };
        let next = match step {
            Step::LineDown | Step::LineUp => self.line_step(&sel, step == Step::LineDown),
            _ => self
                .section_text(sel.section)
                .and_then(|t| stepped(t, &sel, step)),
        };
        if let Some(next) = next
            && let Some(sel) = self.selection_mut()
        {
            *sel = next;
        }
        self.reveal_selection_end();
    }

    /// The moving end one line down or up, at about the same column, on whole
    /// words; the selection stays in its section.
    fn line_step(&mut self, sel: &Selection, down: bool) -> Option<Selection> {
        let at = if sel.moving_start {
            sel.start
        } else {
            sel.end.saturating_sub(1)
        };
        let line = self.exact_line_at((sel.section, at));
        let current = self.layout.line(line)?;
        let text = self.section_text(sel.section)?;
        let column = text
            .get(current.start..at)
            .map_or(0, unicode_width::UnicodeWidthStr::width);
        let mut target = line;
        let found = loop {
            target = if down { target + 1 } else { target.checked_sub(1)? };
            let l = self.layout.line(target)?;
            if l.section != sel.section {
                return None;
            }
            if l.kind == crate::ui::wrap::LineKind::Body {
                break l;
            }
        };
        let byte = self.byte_at(target, column).map_or(found.end, |(_, b)| b);
        let text = self.section_text(sel.section)?;
        let mut next = sel.clone();
        if sel.moving_start {
            next.start = word_start_at(text, byte);
        } else {
            next.end = word_end_at(text, byte);
        }
        (next.start < next.end).then_some(next)
    }

    /// `c` (or Enter) on a selection: the words are checked, then the speaker is
    /// picked, then the kind, and the claim is written.
    fn add_claim_for_selection(&mut self) {
        let Some(sel) = self.selection().cloned() else {
            return;
        };
        let Some(section) = self.briefing().and_then(|b| b.sections.get(sel.section)) else {
            return;
        };
        let text = &section.text;
        let words = text.get(sel.range()).unwrap_or_default().to_string();
        if let Some(why) = not_first(text, &crate::edit::one_line(&words), sel.start) {
            return self.warn(why);
        }
        let draft = ClaimDraft {
            section: section.id.clone(),
            start: sel.start,
            words,
        };
        if self.can_edit() {
            self.run_choice(Choice::Pick(PickFor::NewClaim(draft)));
        }
    }

    /// After a claim was added from the selection: the selection ends and the
    /// new claim is selected (shown in Claims, whatever filter hid it).
    pub(super) fn claim_added(&mut self, effect: &super::Effect) {
        let super::Effect::SaveEdit { briefing, edits, .. } = effect else {
            return;
        };
        let added = edits.iter().find_map(|e| match e {
            Edit::AddClaim(new) => Some(new.id.as_str()),
            _ => None,
        });
        let Some(id) = added.filter(|_| *briefing == self.current) else {
            return;
        };
        self.close(LayerKind::Select);
        let Some(c) = self.index().and_then(|i| i.claim(id)) else {
            return;
        };
        if !self.claims.rows.contains(&c) {
            self.claims.filter.clear();
            self.claims_by_actor = false;
            self.doubt_only = false;
            self.annotation_filter = None;
            self.refresh_lists();
        }
        self.claims.select_item(c);
        self.claim_selected();
    }

    fn reveal_selection_end(&mut self) {
        if let Some(sel) = self.selection().cloned() {
            let at = if sel.moving_start {
                sel.start
            } else {
                sel.end.saturating_sub(1)
            };
            self.reveal(sel.section, &(at..at + 1));
        }
    }

    /// A mouse drag in the text from where the button went down: selects the
    /// whole words between, in the section where it started.
    pub(super) fn drag_to(&mut self, column: u16, row: u16) {
        let Some((section, from)) = self.pressed else {
            return;
        };
        let rect = self.areas.pane(Pane::Text);
        if row <= rect.y || row + 1 >= rect.bottom() {
            // Dragging past the top or bottom scrolls the text.
            let delta = if row <= rect.y { -1 } else { 1 };
            return self.scroll_text(delta);
        }
        let line = self.text_top + (row - rect.y - 1) as usize;
        let col = column.saturating_sub(rect.x + 1 + crate::ui::layout::GUTTER) as usize;
        let Some((s, to)) = self.byte_at(line, col) else {
            return;
        };
        let Some(text) = self.section_text(section).filter(|_| s == section) else {
            return;
        };
        let range = whole_words(text, from, next_char(text, to));
        if range.is_empty() {
            return;
        }
        let sel = Selection {
            section,
            start: range.start,
            end: range.end,
            moving_start: to < from,
        };
        let layer = self.layer();
        match self.selection_mut() {
            Some(current) => *current = sel,
            None if layer == LayerKind::Panes => {
                self.set_focus(Pane::Text);
                self.push_layer(Layer::Select(sel));
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "Ana said: “We build.” Then Mr Bell spoke.\nNew line here";

    fn at(s: &str) -> usize {
        T.find(s).unwrap()
    }

    #[test]
    fn words_step_over_whitespace_and_punctuation_stays_with_its_word() {
        assert_eq!(word_end_after(T, 0), at(" said"));
        assert_eq!(&T[..word_end_after(T, at(" said"))], "Ana said:");
        assert_eq!(word_end_before(T, at(" said")), 0);
        assert_eq!(word_end_before(T, at(": “") + 1), at(" said"));
        assert_eq!(word_start_after(T, 0), at("said"));
        assert_eq!(word_start_before(T, at("said")), 0);
        assert_eq!(word_start_before(T, 0), 0);
        assert_eq!(word_end_after(T, T.len()), T.len());
    }

    #[test]
    fn sentences_end_at_stops_before_spaces_closing_quotes_and_line_breaks() {
        assert_eq!(&T[sentence_at(T, 0)], "Ana said: “We build.”");
        assert_eq!(&T[sentence_at(T, at("Bell"))], "Then Mr Bell spoke.");
        assert_eq!(&T[sentence_at(T, at("line"))], "New line here");
        // On the space between two sentences: the next one.
        assert_eq!(&T[sentence_at(T, at(" Then"))], "Then Mr Bell spoke.");
        assert_eq!(sentence_start_before(T, at("Then")), 0);
        assert_eq!(sentence_end_from(T, at("Then")), at("\nNew"));
    }

    #[test]
    fn whole_words_grow_a_range_to_word_boundaries_in_either_order() {
        assert_eq!(&T[whole_words(T, at("ai"), at("uild") + 2)], "said: “We build.”");
        assert_eq!(&T[whole_words(T, at("uild") + 2, at("ai"))], "said: “We build.”");
        assert_eq!(&T[whole_words(T, at(" Then"), at(" Then") + 1)], "");
    }

    fn sel(text: &str) -> Selection {
        let start = T.find(text).unwrap();
        Selection {
            section: 0,
            start,
            end: start + text.len(),
            moving_start: false,
        }
    }

    #[test]
    fn steps_move_the_moving_end_and_never_empty_the_selection() {
        let s = sel("Then Mr");
        let right = stepped(T, &s, Step::WordRight).unwrap();
        assert_eq!(&T[right.range()], "Then Mr Bell");
        let left = stepped(T, &s, Step::WordLeft).unwrap();
        assert_eq!(&T[left.range()], "Then");
        assert_eq!(stepped(T, &left, Step::WordLeft), None);
        let sentence = stepped(T, &s, Step::SentenceRight).unwrap();
        assert_eq!(&T[sentence.range()], "Then Mr Bell spoke.");
        let next = stepped(T, &sentence, Step::SentenceRight).unwrap();
        assert_eq!(&T[next.range()], "Then Mr Bell spoke.\nNew line here");
        assert_eq!(
            &T[stepped(T, &next, Step::SentenceLeft).unwrap().range()],
            "Then Mr Bell spoke."
        );
        let start = Selection {
            moving_start: true,
            ..s.clone()
        };
        assert_eq!(
            &T[stepped(T, &start, Step::WordLeft).unwrap().range()],
            "build.” Then Mr"
        );
        assert_eq!(&T[stepped(T, &start, Step::WordRight).unwrap().range()], "Mr");
        assert_eq!(
            &T[stepped(T, &start, Step::SentenceLeft).unwrap().range()],
            "Ana said: “We build.” Then Mr"
        );
    }
}
