//! The help overlay: the rows of `ui::help`, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::ui::action::Command;
use crate::ui::layout::{help_height, help_rect, help_width};
use crate::ui::state::State;

pub fn draw(frame: &mut Frame<'_>, state: &State, area: Rect) {
    let rect = help_rect(area);
    if rect.width < 4 || rect.height < 3 {
        return;
    }
    let lines: Vec<Line<'static>> = crate::ui::help::rows(&state.keymap, help_width(rect))
        .iter()
        .map(|r| super::to_line(r, &state.theme))
        .collect();
    let rows = help_height(rect);
    let max = lines.len().saturating_sub(rows);
    let scroll = state.help_scroll().unwrap_or(0).min(max);
    let close = state.keymap.first(Command::Help);
    let more = if max > 0 {
        format!(" {}/{} j/k scroll ", scroll + rows.min(lines.len()), lines.len())
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(state.theme.border_focused)
        .title(Line::from(format!(" Help · {close} or Esc closes ")))
        .title_bottom(Line::from(more).right_aligned())
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Clear, rect);
    let visible: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(visible).block(block), rect);
}
