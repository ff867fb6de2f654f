//! Drawing: a pure function of the state into a frame. Each pane draws itself.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Block, Paragraph, Wrap};

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
