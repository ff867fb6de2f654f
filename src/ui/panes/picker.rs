//! The briefing picker: every loaded briefing, filterable, Enter opens.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::ui::doc::{fit, truncate};
use crate::ui::layout::{picker_rect, popup_offset};
use crate::ui::panes::pad_line;
use crate::ui::state::State;

pub fn draw(frame: &mut Frame<'_>, state: &State, area: Rect) {
    let Some(picker) = state.picker() else { return };
    let rect = picker_rect(area, picker.rows.len());
    if rect.width < 6 || rect.height < 3 {
        return;
    }
    let filter = if picker.filter.is_empty() {
        String::new()
    } else {
        format!(" /{} ", picker.filter)
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(state.theme.border_focused)
        .title(Line::from(format!(
            " Briefings ({}) · Enter or a click opens · Esc closes ",
            state.briefing_count()
        )))
        .title_bottom(Line::from(filter));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let w = inner.width as usize;
    let rows = inner.height as usize;
    let offset = popup_offset(picker.cursor, rows);
    let lines: Vec<Line<'static>> = picker
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .filter_map(|(i, &b)| {
            let br = state.listed(b)?;
            let date = br.published.clone().unwrap_or_default();
            let current = if b == state.current { "● " } else { "  " };
            let tail = format!(" {} {}", fit(&truncate(&br.publisher, 24), 24), fit(&date, 10));
            let room = w.saturating_sub(2 + tail.width());
            let line = Line::from(vec![
                Span::styled(current, state.theme.mark),
                Span::raw(fit(&br.title, room)),
                Span::styled(tail, state.theme.dim),
            ]);
            let line = pad_line(line, w);
            Some(if i == picker.cursor {
                line.patch_style(state.theme.selected)
            } else {
                line
            })
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(Paragraph::new("nothing matches").style(state.theme.dim), inner);
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
