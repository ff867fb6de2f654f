//! The mouse: a click goes to the layer on top, the wheel scrolls what is
//! under the pointer.

use crate::ui::action::{Command, Pane};

use super::{LayerKind, State};

impl State {
    /// A click goes to the layer on top: it closes the help and the details,
    /// ends typing (keeping what was typed), and works in the panes.
    pub(super) fn click(&mut self, column: u16, row: u16) {
        self.pressed = None;
        match self.layer() {
            LayerKind::Panes | LayerKind::Reattach => self.click_panes(column, row),
            // A click ends the selection; a drag from it makes a new one.
            LayerKind::Select => {
                self.close(LayerKind::Select);
                self.click_panes(column, row);
            }
            LayerKind::Help | LayerKind::Details => {
                self.pop_layer();
            }
            LayerKind::Input => {
                self.accept_input();
                self.click(column, row);
            }
            LayerKind::Picker => self.click_picker(column, row),
            LayerKind::Search => self.click_search(column, row),
            LayerKind::Timeline => self.click_timeline(column, row),
            LayerKind::LibraryActors => self.click_library_actors(column, row),
            LayerKind::Orphans
            | LayerKind::Editor
            | LayerKind::Confirm
            | LayerKind::Menu
            | LayerKind::ActorPick
            | LayerKind::Prompt => {}
        }
    }

    /// A click on a briefing in the picker opens it; one outside closes the picker.
    pub(super) fn click_picker(&mut self, column: u16, row: u16) {
        let Some(picker) = self.picker() else { return };
        let rect = crate::ui::layout::picker_rect(self.size, picker.rows.len());
        let inner = crate::ui::layout::popup_inner(rect);
        if !rect.contains(ratatui::layout::Position::new(column, row)) {
            self.close(LayerKind::Picker);
            return;
        }
        if !inner.contains(ratatui::layout::Position::new(column, row)) {
            return;
        }
        let offset = crate::ui::layout::popup_offset(picker.cursor, inner.height as usize);
        let at = offset + (row - inner.y) as usize;
        if at < picker.rows.len()
            && let Some(picker) = self.picker_mut()
        {
            picker.cursor = at;
            self.picker_command(Command::Follow);
        }
    }

    pub(super) fn click_panes(&mut self, column: u16, row: u16) {
        let Some(pane) = self.areas.pane_at(column, row) else {
            return;
        };
        let rect = self.areas.pane(pane);
        let inside = row > rect.y && row + 1 < rect.bottom();
        // Work out what was clicked before focusing, which may resize the panes.
        let target = match (pane, self.list(pane)) {
            (Pane::Text, _) if inside => {
                let line = self.text_top + (row - rect.y - 1) as usize;
                let col = column.saturating_sub(rect.x + 1 + crate::ui::layout::GUTTER) as usize;
                self.byte_at(line, col).map(ClickTarget::Text)
            }
            (_, Some(list)) if inside => {
                let visible_row = (row - rect.y - 1) as usize;
                let index = list.offset + visible_row;
                // Rows below the Claims list are the claim's details.
                (visible_row < self.list_rows(pane) && index < list.rows.len())
                    .then_some(ClickTarget::Row(index))
            }
            _ => None,
        };
        self.set_focus(pane);
        match target {
            Some(ClickTarget::Row(index)) => {
                self.push_history();
                self.move_cursor(pane, |_| index as isize);
            }
            Some(ClickTarget::Text((section, byte))) => {
                self.pressed = Some((section, byte));
                self.click_text(section, byte);
            }
            None => {}
        }
    }

    /// The section and byte shown at a column of a text line, if it is text.
    pub(super) fn byte_at(&self, line: usize, col: usize) -> Option<(usize, usize)> {
        let l = self.layout.line(line)?;
        if l.kind != crate::ui::wrap::LineKind::Body {
            return None;
        }
        let text = self.briefing()?.sections.get(l.section)?.text.get(l.range())?;
        let mut x = 0;
        for (i, c) in text.char_indices() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if col < x + w.max(1) {
                return Some((l.section, l.start + i));
            }
            x += w;
        }
        None
    }

    /// A click on the text: a mention selects its actor, else a claim selects the claim.
    pub(super) fn click_text(&mut self, section: usize, byte: usize) {
        let Some(index) = self.index() else { return };
        let mention = index
            .section_mentions
            .get(section)
            .and_then(|ms| ms.iter().find(|m| m.range.contains(&byte)))
            .cloned();
        let claim = index.section_claims.get(section).and_then(|cs| {
            cs.iter().copied().find(|&c| {
                index
                    .claim_span
                    .get(c)
                    .cloned()
                    .flatten()
                    .is_some_and(|r| r.contains(&byte))
            })
        });
        if let Some(m) = mention {
            let n = index
                .actor_mentions
                .get(m.actor)
                .and_then(|ms| ms.iter().position(|x| *x == m));
            self.push_history();
            self.select_actor(m.actor);
            self.mention = n;
            let name = self
                .briefing()
                .and_then(|b| b.actors.get(m.actor))
                .map(|a| a.name.clone())
                .unwrap_or_default();
            self.info(format!("{name} selected: n / N walk the mentions"));
        } else if let Some(c) = claim {
            self.push_history();
            if !self.claims.rows.contains(&c) {
                self.claims.filter.clear();
                self.claims_by_actor = false;
                self.refresh_lists();
            }
            self.claims.select_item(c);
            let top = self.text_top;
            self.claim_selected();
            // The click was on screen: do not scroll under the pointer.
            self.text_top = top;
        }
    }

    /// The wheel scrolls what is under the pointer in the panes, or the layer on top.
    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let step = if down { Command::Down } else { Command::Up };
        match self.layer() {
            LayerKind::Panes | LayerKind::Reattach | LayerKind::Select => {}
            LayerKind::Help => return self.help_command(step),
            LayerKind::Details => return self.details_command(step),
            LayerKind::Picker => return self.picker_command(step),
            LayerKind::Orphans => return self.orphans_command(step),
            LayerKind::Search => return self.search_command(step),
            LayerKind::Timeline => return self.timeline_command(step),
            LayerKind::LibraryActors => return self.library_actors_command(step),
            LayerKind::Menu => return self.menu_command(step),
            LayerKind::ActorPick => return self.pick_command(step),
            LayerKind::Input | LayerKind::Editor | LayerKind::Confirm | LayerKind::Prompt => return,
        }
        match self.areas.pane_at(column, row) {
            Some(Pane::Text) => self.scroll_text(if down { 3 } else { -3 }),
            Some(pane) => self.move_cursor(pane, |l| l.cursor as isize + if down { 1 } else { -1 }),
            None => {}
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) enum ClickTarget {
    Row(usize),
    Text((usize, usize)),
}
