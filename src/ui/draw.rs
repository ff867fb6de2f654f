//! Drawing: a pure function of the state into a frame. Each pane draws itself.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use super::action::Pane;
use super::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use super::panes;
use super::state::{LayerKind, State};

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
    // Layers are drawn outermost first, from the innermost one that fills the screen.
    let layers = state.layers();
    let first = layers.iter().rposition(|l| l.kind().full_screen()).unwrap_or(0);
    if !layers.iter().any(|l| l.kind().full_screen()) {
        draw_panes(frame, state, &areas);
    }
    // Between the title and the status bar, which says what the keys do.
    let body = Rect::new(area.x, area.y + 1, area.width, area.height.saturating_sub(2));
    for layer in &layers[first..] {
        match layer.kind() {
            // The selection is drawn by the Text pane.
            LayerKind::Panes
            | LayerKind::Input
            | LayerKind::Reattach
            | LayerKind::Confirm
            | LayerKind::Select
            | LayerKind::Prompt => {}
            LayerKind::Menu => {
                if let super::state::Layer::Menu(menu) = layer {
                    panes::edit::draw_menu(frame, state, body, menu);
                }
            }
            LayerKind::ActorPick => panes::edit::draw_pick(frame, state, body),
            LayerKind::Help => panes::help::draw(frame, state, area),
            LayerKind::Picker => panes::picker::draw(frame, state, area),
            LayerKind::Orphans => panes::orphans::draw(frame, state, body),
            LayerKind::Details => panes::details::draw(frame, state, area),
            LayerKind::Search => panes::search::draw(frame, state, area),
            LayerKind::Timeline => panes::timeline::draw(frame, state, area),
            LayerKind::LibraryActors => panes::library_actors::draw(frame, state, area),
            LayerKind::Editor => panes::editor::draw(frame, state, body),
        }
    }
}

fn draw_panes(frame: &mut Frame<'_>, state: &State, areas: &Areas) {
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

pub use super::doc::{fit, truncate};

/// Pads a line with spaces to `width` so a row style fills the row.
pub fn pad_line(mut line: Line<'static>, width: usize) -> Line<'static> {
    let w = line.width();
    if w < width {
        line.spans.push(Span::raw(" ".repeat(width - w)));
    }
    line
}

pub use super::layout::centered;
