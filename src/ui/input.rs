//! From terminal events to actions: each key as the layer on top reads it (see
//! `State::layer`), the mouse, pastes and resizes; and what the event loop waits
//! for ([`Input`]).

use ratatui::crossterm::event::{
    self, Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::action::{Action, Command};
use super::keymap::Key;
use super::state::{LayerKind, State};

/// Turns a terminal event into an action. Keys typed into a filter are text, not commands.
pub fn translate(event: &Event, state: &State, mouse: bool) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(key, state),
        Event::Mouse(m) if mouse => mouse_action(m),
        Event::Paste(text) => match state.layer() {
            LayerKind::Editor => Some(Action::EditorPaste(text.clone())),
            LayerKind::Input | LayerKind::Prompt | LayerKind::ActorPick => Some(Action::Paste(text.clone())),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// A key, as the layer on top reads it (see `State::layer`).
fn key_action(key: &event::KeyEvent, state: &State) -> Option<Action> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    let command = || state.keymap.command(Key::from_event(key)).map(Action::Command);
    // Ctrl-z suspends in every mode, as the terminal's own Ctrl-z would.
    if key.modifiers.contains(KeyModifiers::CONTROL) && command() == Some(Action::Command(Command::Suspend)) {
        return command();
    }
    match state.layer() {
        LayerKind::Confirm => match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => Some(Action::Confirm(true)),
            KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(Action::Confirm(false)),
            _ if ctrl_c => Some(Action::Confirm(false)),
            _ => None,
        },
        LayerKind::Editor if ctrl_c => Some(Action::Command(Command::EditorCancel)),
        LayerKind::Editor => Some(match state.keymap.editor_command(Key::from_event(key)) {
            Some(command) => Action::Command(command),
            None => Action::EditorKey(ratatui_textarea::Input::from(*key)),
        }),
        LayerKind::Menu => menu_key(key, state).or_else(command),
        LayerKind::ActorPick
            if !matches!(key.code, KeyCode::Char(_)) || key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            pick_key(key)
        }
        LayerKind::Input | LayerKind::Prompt | LayerKind::ActorPick => text_key(key),
        LayerKind::Panes
        | LayerKind::Reattach
        | LayerKind::Select
        | LayerKind::Help
        | LayerKind::Picker
        | LayerKind::Orphans
        | LayerKind::Search
        | LayerKind::Timeline
        | LayerKind::LibraryActors
        | LayerKind::Details => command(),
    }
}

/// An item's own key in a menu (before the reader's keys): the command of the
/// item bound to it, in the keymap (`[keys]` rebinds it).
fn menu_key(key: &event::KeyEvent, state: &State) -> Option<Action> {
    let key = Key::from_event(key);
    state
        .menu()?
        .items
        .iter()
        .find(|item| state.keymap.keys(item.command).contains(&key))
        .map(|item| Action::Command(item.command))
}

/// The actor picker's keys that are not typing: moving, Enter, Esc.
fn pick_key(key: &event::KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Up => Some(Action::Command(Command::Up)),
        KeyCode::Down => Some(Action::Command(Command::Down)),
        KeyCode::PageUp => Some(Action::Command(Command::PageUp)),
        KeyCode::PageDown => Some(Action::Command(Command::PageDown)),
        KeyCode::Char('p') => Some(Action::Command(Command::Up)),
        KeyCode::Char('n') => Some(Action::Command(Command::Down)),
        _ => text_key(key),
    }
}

/// Clicks, drags and the wheel.
fn mouse_action(m: &event::MouseEvent) -> Option<Action> {
    let (column, row) = (m.column, m.row);
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag { column, row }),
        MouseEventKind::ScrollDown => Some(Action::Scroll {
            column,
            row,
            down: true,
        }),
        MouseEventKind::ScrollUp => Some(Action::Scroll {
            column,
            row,
            down: false,
        }),
        _ => None,
    }
}

/// A key while text is typed (a filter, a search, a prompt, the actor picker's filter).
fn text_key(key: &event::KeyEvent) -> Option<Action> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Esc => Some(Action::InputCancel),
        KeyCode::Enter => Some(Action::InputAccept),
        KeyCode::Backspace => Some(Action::InputBackspace),
        KeyCode::Char(c) if plain => Some(Action::Input(c)),
        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::Command(Command::Quit))
        }
        _ => None,
    }
}

/// `Esc` and a key that arrive together read as Alt-key. Where Alt-key means nothing
/// (no binding, not in the editor, whose Alt keys move by words), they are the two keys.
pub fn split_escape(event: Event, state: &State) -> Vec<Event> {
    let Event::Key(key) = event else {
        return vec![event];
    };
    let alt_only = key.modifiers.contains(KeyModifiers::ALT)
        && !key.modifiers.contains(KeyModifiers::CONTROL)
        && key.code != KeyCode::Esc;
    if !alt_only
        || state.layer() == LayerKind::Editor
        || state.keymap.command(Key::from_event(&key)).is_some()
    {
        return vec![event];
    }
    let esc = event::KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, key.kind);
    let mut plain = key;
    plain.modifiers.remove(KeyModifiers::ALT);
    vec![Event::Key(esc), Event::Key(plain)]
}

/// What the event loop waits for.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// A signal: one that ends the process, or `SIGCONT` (continued after a stop).
    Signal(i32),
    /// Reading the terminal failed (it is gone).
    Failed(std::io::Error),
    /// The library worker's answer (a query's result, a sync).
    Answer(Action),
}
