//! The details popup (`K`): one claim in full, nothing cut, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::model::speaker_name;
use crate::ui::action::Command;
use crate::ui::layout::{details_rect, details_width, popup_inner};
use crate::ui::state::State;

pub fn draw(frame: &mut Frame<'_>, state: &State, area: Rect) {
    let (Some((claim, scroll)), Some(b)) = (state.details(), state.briefing()) else {
        return;
    };
    let Some(c) = b.claims.get(claim) else { return };
    let lines: Vec<Line<'static>> = state
        .detail_rows(claim, details_width(area), true)
        .iter()
        .map(|r| super::to_line(r, &state.theme))
        .collect();
    let rect = details_rect(area, lines.len());
    let inner = popup_inner(rect);
    if inner.width < 4 || inner.height < 1 {
        return;
    }
    let rows = inner.height as usize;
    let max = lines.len().saturating_sub(rows);
    let scroll = scroll.min(max);
    let k = |c: Command| state.keymap.first(c);
    let title = format!(
        " {} · {} speaker · {} closes ",
        speaker_name(b, c),
        k(Command::Follow),
        k(Command::Clear)
    );
    let more = if max > 0 {
        format!(" {}/{} j/k scroll ", scroll + rows, lines.len())
    } else {
        String::new()
    };
    super::popup_frame(frame, state, rect, &title, Line::from(more).right_aligned());
    let visible: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
