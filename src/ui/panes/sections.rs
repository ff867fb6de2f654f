//! Sections: the lead and each heading, marked where the selected actor appears.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::draw_list;
use crate::ui::action::Pane;
use crate::ui::doc::truncate;
use crate::ui::panes::pane_block;
use crate::ui::state::{State, section_label};

pub fn draw(frame: &mut Frame<'_>, state: &State, rect: Rect) {
    let (Some(b), Some(index)) = (state.briefing(), state.index()) else {
        return;
    };
    let list = &state.sections;
    let mut right = format!("{}", b.sections.len());
    if !list.filter.is_empty() {
        right = format!("/{} {}/{}", list.filter, list.rows.len(), b.sections.len());
    }
    let block = pane_block(state, Pane::Sections, "Sections".into(), right);
    let row = |s: usize, width: usize| {
        let marked = state.actor.is_some_and(|a| index.actor_in_section(a, s));
        let mark = if marked { "● " } else { "  " };
        let label = format!("{}. {}", s + 1, section_label(b, s));
        let room = width.saturating_sub(2);
        let label = truncate(&label, room);
        Line::from(vec![Span::styled(mark, state.theme.mark), Span::raw(label)])
    };
    draw_list(frame, state, Pane::Sections, rect, block, list.selected(), row);
}
