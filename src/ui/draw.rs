//! Drawing: a pure function of the state into a frame. Each pane draws itself.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::action::Pane;
use super::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use super::panes;
use super::state::State;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, state: &State) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let sections = state.briefing().map_or(0, |b| b.sections.len());
    let areas = if area == state.size {
        state.areas
    } else {
        Areas::new(area, state.focus, sections)
    };
    if areas.too_small {
        draw_too_small(frame, state, area);
        return;
    }
    panes::bars::draw_title(frame, state, areas.title);
    panes::bars::draw_status(frame, state, areas.status);
    if state.briefing().is_none() {
        let block = Block::bordered().border_style(state.theme.border);
        let body = Rect::new(area.x, area.y + 1, area.width, area.height.saturating_sub(2));
        let text = "No briefing to show. Put briefing files (.toml) in the briefings folder, \
                    or open one with `briefing PATH`. `briefing check` explains files that do not load.";
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), body);
        return;
    }
    for pane in Pane::ALL {
        let rect = areas.pane(pane);
        if rect.width < 3 || rect.height < 2 {
            continue;
        }
        match pane {
            Pane::Sections => panes::sections::draw(frame, state, rect),
            Pane::Actors => panes::actors::draw(frame, state, rect),
            Pane::Claims => panes::claims::draw(frame, state, rect),
            Pane::Text => panes::text::draw(frame, state, rect),
        }
    }
    if state.picker.is_some() {
        panes::picker::draw(frame, state, area);
    }
    // Between the title and the status bar, which says what the keys do.
    let body = Rect::new(area.x, area.y + 1, area.width, area.height.saturating_sub(2));
    if state.orphans.is_some() {
        panes::orphans::draw(frame, state, body);
    }
    if state.editor.is_some() {
        panes::editor::draw(frame, state, body);
    }
    if state.help.is_some() {
        panes::help::draw(frame, state, area);
    }
}

fn draw_too_small(frame: &mut Frame<'_>, state: &State, area: Rect) {
    let text = format!(
        "Terminal too small ({}x{}). Make it at least {MIN_WIDTH}x{MIN_HEIGHT}, or press {} to quit.",
        area.width,
        area.height,
        state.keymap.first(super::action::Command::Quit)
    );
    let y = area.height.saturating_sub(3) / 2;
    let rect = Rect::new(area.x, area.y + y, area.width, area.height - y);
    frame.render_widget(
        Paragraph::new(text)
            .style(state.theme.message)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
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

/// Cuts `s` to at most `width` columns, ending with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `width` columns.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Pads a line with spaces to `width` so a row style fills the row.
pub fn pad_line(mut line: Line<'static>, width: usize) -> Line<'static> {
    let w = line.width();
    if w < width {
        line.spans.push(Span::raw(" ".repeat(width - w)));
    }
    line
}

/// A popup rectangle centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_display_width() {
        assert_eq!(truncate("Galeotti", 5), "Gale…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(fit("日本", 5), "日本 ");
        assert_eq!(fit("e\u{301}t\u{301}é", 4).width(), 4);
    }
}
