//! Typing a filter (a list) or a search (the text), and the search's matches.

use std::ops::Range;

use crate::ui::action::{Command, Pane};

use super::{Editing, InputTarget, Layer, LayerKind, Search, State, find_all, picker_rows};

impl State {
    pub(super) fn run_search(&mut self, query: &str) {
        let Some(b) = self.briefing() else { return };
        let matches = find_all(b, query);
        self.search = Some(Search {
            query: query.to_string(),
            matches,
            current: None,
        });
    }

    /// Moves to the next (or previous) search match from the current position.
    pub(super) fn jump_search(&mut self, forward: bool, include_here: bool) {
        let here = match self.search.as_ref().and_then(|s| s.current.map(|c| (s, c))) {
            Some((s, c)) if !include_here => s.matches.get(c).map(|(sec, r)| (*sec, r.start)),
            _ => None,
        };
        let (pos, exact) = match here {
            Some(p) => (p, true),
            None => {
                let (s, b) = self.layout.position(self.text_top);
                ((s, b), false)
            }
        };
        let Some(search) = &mut self.search else { return };
        let total = search.matches.len();
        if total == 0 {
            search.current = None;
            let q = search.query.clone();
            if !q.is_empty() {
                self.warn(format!("not found: {q}"));
            }
            return;
        }
        let key = |m: &(usize, Range<usize>)| (m.0, m.1.start);
        let i = if forward {
            let i = search
                .matches
                .partition_point(|m| if exact { key(m) <= pos } else { key(m) < pos });
            if i < total { i } else { 0 }
        } else {
            let i = search.matches.partition_point(|m| key(m) < pos);
            if i > 0 { i - 1 } else { total - 1 }
        };
        search.current = Some(i);
        let (s, range) = search.matches[i].clone();
        self.reveal(s, &range);
        self.sections.select_item(s);
        self.info(format!("match {} of {total}", i + 1));
    }

    pub(super) fn next_match(&mut self, forward: bool) {
        let searching = self.search.as_ref().is_some_and(|s| !s.matches.is_empty());
        if searching && (self.focus == Pane::Text || self.actor.is_none()) {
            self.push_history();
            self.jump_search(forward, false);
        } else if self.actor.is_some() {
            self.next_mention(forward);
        } else {
            self.info("select an actor first (Actors pane), or search the text with / in Text");
        }
    }

    /// `/`: a new filter (or search) of the focused list, or of the picker.
    pub(super) fn start_filter(&mut self) {
        let target = if self.layer() == LayerKind::Picker {
            InputTarget::Picker
        } else {
            InputTarget::Pane(self.focus)
        };
        let before = self.snapshot();
        self.push_layer(Layer::Input(Editing { target, before }));
        // A new `/` starts afresh, even over a filter that history brought back.
        if self.input_text().is_some_and(|t| !t.is_empty()) {
            self.edit_input(String::clear);
        }
    }

    /// The text being edited.
    pub fn input_text(&self) -> Option<&str> {
        match self.editing()?.target {
            InputTarget::Picker => self.picker().map(|p| p.filter.as_str()),
            InputTarget::Search => self.search_view().map(|v| v.query.as_str()),
            InputTarget::LibraryActors => self.identity_filter(),
            InputTarget::Pane(Pane::Text) => Some(self.search.as_ref().map_or("", |s| s.query.as_str())),
            InputTarget::Pane(pane) => self.list(pane).map(|l| l.filter.as_str()),
        }
    }

    pub(super) fn edit_input(&mut self, edit: impl FnOnce(&mut String)) {
        let Some(editing) = self.editing().cloned() else {
            return;
        };
        let pane = match editing.target {
            InputTarget::Picker => {
                let briefings = &self.briefings;
                if let Some(picker) = self.layers.iter_mut().rev().find_map(|l| match l {
                    Layer::Picker(p) => Some(p),
                    _ => None,
                }) {
                    edit(&mut picker.filter);
                    picker.set_rows(picker_rows(briefings, &picker.filter), None);
                    picker.cursor = 0;
                }
                return;
            }
            InputTarget::Search => {
                if let Some(view) = self.search_view_mut() {
                    edit(&mut view.query);
                }
                return;
            }
            InputTarget::LibraryActors => return self.edit_identity_filter(edit),
            InputTarget::Pane(pane) => pane,
        };
        match pane {
            Pane::Text => {
                let mut query = self.search.as_ref().map(|s| s.query.clone()).unwrap_or_default();
                edit(&mut query);
                // Incremental search starts again from where the search began.
                self.text_top = self.exact_line_at(editing.before.text_pos).min(self.max_top());
                self.run_search(&query);
                self.jump_search(true, true);
            }
            pane => {
                if let Some(list) = self.list_mut(pane) {
                    edit(&mut list.filter);
                }
                self.refresh_lists();
                if let Some(list) = self.list_mut(pane) {
                    list.cursor = 0;
                }
                if self.list(pane).is_some_and(|l| !l.rows.is_empty()) {
                    self.selection_changed(pane);
                }
            }
        }
    }

    pub(super) fn accept_input(&mut self) {
        let Some(Layer::Input(editing)) = self.take_input() else {
            return;
        };
        let InputTarget::Pane(pane) = editing.target else {
            if editing.target == InputTarget::Search {
                self.accept_search();
            }
            return;
        };
        if self.input_is_empty(pane) {
            if pane == Pane::Text {
                self.search = None;
            }
            return;
        }
        if pane == Pane::Text
            && let Some(search) = &self.search
        {
            let text = format!(
                "{} match{} for “{}” · {} / {} to move, {} clears",
                search.matches.len(),
                if search.matches.len() == 1 { "" } else { "es" },
                search.query,
                self.keymap.first(Command::NextMatch),
                self.keymap.first(Command::PrevMatch),
                self.keymap.first(Command::Clear)
            );
            self.info(text);
        }
        // The place before the filter is where Back returns to.
        if self.back.last() != Some(&editing.before) {
            self.back.push(editing.before);
        }
        self.forward.clear();
    }

    pub(super) fn input_is_empty(&self, pane: Pane) -> bool {
        match pane {
            Pane::Text => self.search.as_ref().is_none_or(|s| s.query.is_empty()),
            pane => self.list(pane).is_none_or(|l| l.filter.is_empty()),
        }
    }

    /// Esc while typing: the filter goes back to what it was before `/` (the
    /// search is dropped).
    pub(super) fn cancel_input(&mut self) {
        let Some(Layer::Input(editing)) = self.take_input() else {
            return;
        };
        match editing.target {
            InputTarget::Picker => {
                let rows = picker_rows(&self.briefings, "");
                if let Some(picker) = self.picker_mut() {
                    picker.filter.clear();
                    picker.set_rows(rows, None);
                }
            }
            InputTarget::Search => self.cancel_search(),
            InputTarget::LibraryActors => self.edit_identity_filter(String::clear),
            InputTarget::Pane(Pane::Text) => {
                self.search = None;
                self.text_top = self.exact_line_at(editing.before.text_pos).min(self.max_top());
            }
            InputTarget::Pane(pane) => {
                let [s, a, c] = editing.before.filters.clone();
                let before = match pane {
                    Pane::Sections => s,
                    Pane::Actors => a,
                    _ => c,
                };
                if let Some(list) = self.list_mut(pane) {
                    list.filter = before;
                }
                self.refresh_lists();
            }
        }
    }

    /// Takes the typing layer off the top, if it is there.
    pub(super) fn take_input(&mut self) -> Option<Layer> {
        if self.layer() == LayerKind::Input {
            self.pop_layer()
        } else {
            None
        }
    }
}
