//! One module per pane and overlay, each owning its drawing.

pub mod actors;
pub mod bars;
pub mod claims;
pub mod details;
pub mod edit;
pub mod editor;
pub mod help;
pub mod library_actors;
pub mod listing;
pub mod orphans;
pub mod picker;
pub mod search;
pub mod sections;
pub mod text;
pub mod timeline;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::action::Pane;
use super::doc::{Role, Row};
use super::state::State;
use super::theme::Theme;

/// A laid-out row (see `ui::doc`) in the theme's styles.
pub fn to_line(row: &Row, theme: &Theme) -> Line<'static> {
    Line::from(
        row.iter()
            .map(|(text, role)| {
                let style = match role {
                    Role::Plain => ratatui::style::Style::default(),
                    Role::Message => theme.message,
                    Role::Heading => theme.heading,
                    Role::Key => theme.key,
                    Role::Dim => theme.dim,
                    Role::Annotation => theme.annotation,
                    Role::Rule => theme.border,
                    Role::Warning => theme.error,
                    Role::Doubt => theme.doubt,
                };
                ratatui::text::Span::styled(text.clone(), style)
            })
            .collect::<Vec<_>>(),
    )
}

/// A popup's frame: rounded, in the focus colour, its title cut to fit.
/// Clears `rect`, draws the frame there and returns the area inside it.
pub fn popup_frame(
    frame: &mut Frame<'_>,
    state: &State,
    rect: Rect,
    title: &str,
    bottom: Line<'static>,
) -> Rect {
    let block = Block::bordered()
        .border_type(ratatui::widgets::BorderType::Rounded)
        .border_style(state.theme.border_focused)
        .title(Line::from(super::doc::truncate(
            title,
            rect.width.saturating_sub(2) as usize,
        )))
        .title_bottom(bottom);
    let inner = block.inner(rect);
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(block, rect);
    inner
}

/// Draws the visible rows of a list inside `block`, the cursor row highlighted.
/// `row(item, width)` renders one item.
pub fn draw_list(
    frame: &mut Frame<'_>,
    state: &State,
    pane: Pane,
    rect: Rect,
    block: Block<'_>,
    selected: Option<usize>,
    row: impl Fn(usize, usize) -> Line<'static>,
) {
    let Some(list) = state.list(pane) else { return };
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let height = inner.height as usize;
    if list.rows.is_empty() {
        let annotation_filter = state.annotation_filter.as_ref().filter(|_| pane == Pane::Claims);
        let text = if let Some(f) = annotation_filter {
            let label = super::state::filter_label(f);
            if list.filter.is_empty() {
                format!("no claim passes the filter: {label}")
            } else {
                format!("nothing matches “{}” ({label})", list.filter)
            }
        } else if pane == Pane::Claims && state.doubt_only {
            "no claim here has its speaker in doubt".to_string()
        } else if list.filter.is_empty() {
            "(none)".to_string()
        } else {
            format!("nothing matches “{}”", list.filter)
        };
        frame.render_widget(Paragraph::new(text).style(state.theme.dim), inner);
        return;
    }
    // Keep the cursor visible even if the state was sized for another screen.
    let mut offset = list.offset.min(list.rows.len().saturating_sub(1));
    if list.cursor < offset {
        offset = list.cursor;
    } else if list.cursor >= offset + height {
        offset = list.cursor + 1 - height;
    }
    let focused = state.focus == pane && !state.overlay_open();
    let buf = frame.buffer_mut();
    for (y, (i, &item)) in list.rows.iter().enumerate().skip(offset).take(height).enumerate() {
        let is_cursor = i == list.cursor;
        let is_selected = selected.is_none_or(|s| s == item);
        let style = if is_cursor && focused {
            Some(state.theme.selected)
        } else if is_cursor && is_selected && selected.is_some() {
            Some(state.theme.selected_unfocused)
        } else {
            None
        };
        let line = row(item, width);
        // Only a highlighted row needs padding, so its style fills the row.
        let line = match style {
            Some(style) => pad_line(line, width).patch_style(style),
            None => line,
        };
        buf.set_line(inner.x, inner.y + y as u16, &line, inner.width);
    }
}

/// A pane's frame: focused panes get a bold, coloured border and title.
pub fn pane_block<'a>(state: &State, pane: Pane, title: String, right: String) -> Block<'a> {
    let focused = state.focus == pane && !state.overlay_open();
    let (style, border_type) = if focused {
        (state.theme.border_focused, BorderType::Thick)
    } else {
        (state.theme.border, BorderType::Plain)
    };
    let number = Pane::ALL.iter().position(|&p| p == pane).map_or(0, |i| i + 1);
    let title_style = if focused {
        state.theme.border_focused
    } else {
        Style::default()
    };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(border_type)
        .border_style(style)
        .title(Line::from(vec![
            Span::styled(format!(" {number} "), state.theme.dim),
            Span::styled(format!("{title} "), title_style),
        ]));
    if !right.is_empty() {
        block = block.title(Line::from(Span::styled(format!(" {right} "), state.theme.dim)).right_aligned());
    }
    block
}

/// Pads a line with spaces to `width` so a row style fills the row.
pub fn pad_line(mut line: Line<'static>, width: usize) -> Line<'static> {
    let w = line.width();
    if w < width {
        line.spans.push(Span::raw(" ".repeat(width - w)));
    }
    line
}
