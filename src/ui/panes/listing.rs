//! Drawing shared by the full-screen library views (search, timeline, library
//! actors): the frame, the text in place of an empty list, the cursor's
//! highlight, and fixed-width columns.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::text::sanitize;
use crate::ui::doc::truncate;
use crate::ui::panes::pad_line;
use crate::ui::state::{State, view_rect};

/// Clears the view's place on `screen` and draws its frame titled `title`;
/// the inside, or `None` when less than `min_height` lines fit.
pub fn frame(
    frame: &mut Frame<'_>,
    state: &State,
    screen: Rect,
    title: String,
    min_height: u16,
) -> Option<Rect> {
    let area = view_rect(screen);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(state.theme.border_focused)
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    (inner.width >= 4 && inner.height >= min_height.max(1)).then_some(inner)
}

/// Dim, wrapped text where the list would be (waiting, empty, how to start).
pub fn placeholder(frame: &mut Frame<'_>, state: &State, inner: Rect, text: &str) {
    let para = Paragraph::new(text.to_string())
        .style(state.theme.dim)
        .wrap(Wrap { trim: true });
    frame.render_widget(para, inner);
}

/// An item's lines, in the selected style across the whole width if it is the cursor's.
pub fn mark(lines: Vec<Line<'static>>, state: &State, width: usize, selected: bool) -> Vec<Line<'static>> {
    if !selected {
        return lines;
    }
    lines
        .into_iter()
        .map(|l| pad_line(l, width).patch_style(state.theme.selected))
        .collect()
}

/// A column of `width` cells: `text` on one line, made safe, cut to fit and padded.
pub fn column(text: &str, width: usize) -> String {
    let cut = truncate(&sanitize(&text.replace(['\n', '\t'], " ")), width);
    let used = unicode_width::UnicodeWidthStr::width(cut.as_str());
    format!("{cut}{}", " ".repeat(width.saturating_sub(used)))
}

/// "1 hit", "3 hits".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
