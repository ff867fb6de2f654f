//! The reader's state driven through `update`, and drawn on ratatui's TestBackend.

use std::path::Path;

use briefing::ui::action::{Action, Command};
use briefing::ui::draw::draw;
use briefing::ui::state::{Effect, State};
use briefing::ui::state_for;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use super::bundled;

/// A reader on the bundled briefing, 120×40.
pub fn reader() -> State {
    state_for(vec![bundled()], 120, 40)
}

/// A reader on the bundled briefing with the `[keys]` of `keys_config` (a config's text).
pub fn remapped_reader(keys_config: &str) -> State {
    let config =
        briefing::config::Config::parse(Path::new("c.toml"), keys_config.into(), Path::new("/d")).unwrap();
    let keymap = briefing::ui::keymap::Keymap::from_config(&config).unwrap();
    State::new(vec![bundled()], keymap, Default::default())
}

pub fn cmd(state: &mut State, command: Command) -> Option<Effect> {
    state.update(Action::Command(command))
}

/// A key as the terminal sends it, through `translate` (the layer on top reads
/// it: a menu item's key, a picker's typing, a command) and `update`.
pub fn press(state: &mut State, c: char) -> Option<Effect> {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let action = briefing::ui::translate(&event, state, true)?;
    state.update(action)
}

/// Types `text` into the open filter or search, one character at a time.
pub fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        state.update(Action::Input(c));
    }
}

/// Focuses a pane with `focus`, filters it by `text` the way a user does (`/`,
/// typing, Enter).
pub fn filter(state: &mut State, focus: Command, text: &str) {
    cmd(state, focus);
    cmd(state, Command::Filter);
    type_text(state, text);
    state.update(Action::InputAccept);
}

pub fn actor_id(state: &State, id: &str) -> usize {
    state.index().and_then(|i| i.actor(id)).expect(id)
}

pub fn claim_id(state: &State, id: &str) -> usize {
    state.index().and_then(|i| i.claim(id)).expect(id)
}

pub fn section_id(state: &State, id: &str) -> usize {
    state.index().and_then(|i| i.section(id)).expect(id)
}

/// The state as a `width`×`height` test terminal draws it.
pub fn render(state: &State, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| draw(f, state)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The buffer as text, one line per row, wide characters counted once.
pub fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = symbol.width().saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The state drawn at `width`×`height`, as text.
pub fn screen(state: &State, width: u16, height: u16) -> String {
    buffer_text(&render(state, width, height))
}
