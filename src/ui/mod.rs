//! The interactive reader.
//!
//! Input becomes an [`Action`](action::Action) ([`translate`]), the state changes only in
//! [`State::update`](state::State::update) (no I/O), and [`draw::draw`] renders an
//! immutable view of it. Saving annotations is I/O: `update` returns an
//! [`Effect`](state::Effect), the event loop [`perform`]s it on a copy of the
//! briefing's annotation store and feeds the outcome back as `Action::Done`.
//! The terminal is restored on quit, on error and on panic.

pub mod action;
pub mod details;
pub mod doc;
pub mod draw;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod panes;
pub mod state;
pub mod theme;
pub mod wrap;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyCode, KeyEventKind, KeyModifiers, KeyboardEnhancementFlags, MouseButton, MouseEventKind,
    PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::{Terminal, backend::CrosstermBackend};

use crate::config::Config;
use crate::load::{Library, LoadedBriefing};
use crate::text::sanitize;

use crate::annotations::AnnotationStore;

use action::{Action, Command};
use keymap::{Key, Keymap};
use state::{LayerKind, State};
use theme::Theme;

/// The one-line message for `briefing` run without a terminal.
pub const NOT_A_TERMINAL: &str =
    "briefing: the reader needs a terminal (stdin and stdout); use `briefing show ID` to print a briefing";

/// Opens the reader on `path` (a briefing file, a folder, or a .txt/.md article) or on
/// the configured briefings folder.
pub fn run(config: &Config, path: Option<&Path>) -> anyhow::Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!("{NOT_A_TERMINAL}");
        return Ok(ExitCode::from(2));
    }
    let (keymap, theme) = match (
        Keymap::from_config(config),
        Theme::from_config(config, theme::no_color_requested()),
    ) {
        (Ok(k), Ok(t)) => (k, t),
        (k, t) => {
            let mut err = std::io::stderr();
            for d in k.err().into_iter().flatten().chain(t.err().into_iter().flatten()) {
                let _ = writeln!(err, "{d}");
            }
            return Ok(ExitCode::from(2));
        }
    };
    let mut state = open(config, path, keymap, theme)?;
    run_terminal(&mut state, config.mouse)?;
    Ok(ExitCode::SUCCESS)
}

/// Loads what to read and builds the initial state.
pub fn open(config: &Config, path: Option<&Path>, keymap: Keymap, theme: Theme) -> anyhow::Result<State> {
    let is_article = path
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "md" | "markdown"));
    if let (true, Some(path)) = (is_article, path) {
        let loaded = crate::import::import_in_memory(path)
            .map_err(|e| anyhow::anyhow!(sanitize(&format!("{e:#}"))))?;
        let mut state = State::new(vec![loaded], keymap, theme);
        state.read_only = vec![true];
        state.message = Some(state::Message {
            text: format!(
                "read-only: imported in memory; `briefing import {}` saves it as a briefing",
                sanitize(&path.display().to_string())
            ),
            error: false,
        });
        // No sidecar is opened: there is nothing to annotate (see `State::can_annotate`).
        return Ok(state);
    }
    let folder: PathBuf = path.map_or_else(|| config.briefings_dir.clone(), Path::to_path_buf);
    let library = Library::load(std::slice::from_ref(&folder));
    if library.briefings.is_empty() {
        let place = sanitize(&folder.display().to_string());
        match library.skipped_summary() {
            Some(summary) => anyhow::bail!(
                "no briefing could be loaded from {place}: {}; `briefing check {place}` explains",
                sanitize(&summary)
            ),
            None => {
                anyhow::bail!("no briefings in {place}; set `briefings_dir` in config.toml or give a PATH")
            }
        }
    }
    let skipped = library.skipped_summary();
    let mut state = State::new(library.briefings, keymap, theme);
    let stores: Vec<_> = state
        .briefings
        .iter()
        .map(|loaded| AnnotationStore::for_config(config, loaded))
        .collect();
    for (i, store) in stores.into_iter().enumerate() {
        state.set_store(i, store);
    }
    // Sidecar problems of the briefing shown first, then load problems (more important).
    state.message = state.open_notice();
    if let Some(summary) = skipped {
        state.message = Some(state::Message {
            text: format!("{} (`briefing check` explains)", sanitize(&summary)),
            error: true,
        });
    }
    Ok(state)
}

/// A state on the given briefings with the default keys and theme (for tests and benches).
pub fn state_for(briefings: Vec<LoadedBriefing>, width: u16, height: u16) -> State {
    let mut state = State::new(briefings, Keymap::default(), Theme::default());
    state.update(Action::Resize { width, height });
    state
}

/// Turns a terminal event into an action. Keys typed into a filter are text, not commands.
pub fn translate(event: &Event, state: &State, mouse: bool) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
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
                LayerKind::Input => {
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
                LayerKind::Panes
                | LayerKind::Reattach
                | LayerKind::Help
                | LayerKind::Picker
                | LayerKind::Orphans
                | LayerKind::Details => state.keymap.command(Key::from_event(key)).map(Action::Command),
            }
        }
        Event::Mouse(m) if mouse => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                column: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                column: m.column,
                row: m.row,
                down: false,
            }),
            _ => None,
        },
        Event::Paste(text) => match state.layer() {
            LayerKind::Editor => Some(Action::EditorPaste(text.clone())),
            LayerKind::Input => Some(Action::Paste(text.clone())),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// How often the loop checks the sidecar for changes by other processes while idle.
const TICK: Duration = Duration::from_millis(500);

/// Performs the I/O `update` asked for, on a copy of the briefing's store, and
/// returns what happened as an action for `update`.
pub fn perform(state: &State, effect: state::Effect) -> Option<Action> {
    use state::Effect;
    let briefing = effect.briefing();
    let (Some(loaded), Some(Some(store))) = (state.briefings.get(briefing), state.stores.get(briefing))
    else {
        return None;
    };
    let mut store = store.clone();
    // Changes re-read the sidecar under its lock, so another process's edits are merged.
    let result = match &effect {
        Effect::SaveAnnotation {
            claim,
            editing,
            draft,
            ..
        } => store
            .save(loaded, *claim, *editing, draft.clone())
            .map(|s| s.set_aside),
        Effect::DeleteAnnotation { id, .. } => store.delete(loaded, *id).map(|s| s.set_aside),
        Effect::Reattach { id, claim, .. } => store.reattach(loaded, *id, *claim).map(|s| s.set_aside),
        Effect::SetReliability { actor, grade, .. } => store
            .set_reliability(loaded, *actor, grade.clone())
            .map(|s| s.set_aside),
        Effect::Reload { .. } => {
            store.reload(loaded);
            Ok(None)
        }
    };
    let result = result
        .map(|aside| aside.map(|a| sanitize(&a.message())))
        .map_err(|e| sanitize(&e.to_string()));
    Some(Action::Done(Box::new(state::Outcome {
        effect,
        store,
        result,
    })))
}

/// Restores the terminal when dropped: on quit, on error and while unwinding.
struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    fn enter(mouse: bool) -> anyhow::Result<TerminalGuard> {
        install_panic_hook(mouse);
        enable_raw_mode().context("cannot switch the terminal to raw mode")?;
        let guard = TerminalGuard { mouse };
        let mut out = std::io::stdout();
        execute!(out, EnterAlternateScreen).context("cannot open the alternate screen")?;
        if mouse {
            let _ = execute!(out, EnableMouseCapture);
        }
        let _ = execute!(out, EnableBracketedPaste);
        // Lets terminals that can tell Ctrl-i from Tab do so (ignored elsewhere).
        let _ = execute!(
            out,
            PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
        );
        Ok(guard)
    }
}

fn restore_terminal(mouse: bool) {
    let mut out = std::io::stdout();
    let _ = execute!(out, PopKeyboardEnhancementFlags, DisableBracketedPaste);
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, ratatui::crossterm::cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal(self.mouse);
    }
}

fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal(mouse);
        previous(info);
    }));
}

fn run_terminal(state: &mut State, mouse: bool) -> anyhow::Result<()> {
    let _guard = TerminalGuard::enter(mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    terminal.hide_cursor()?;
    let size = terminal.size()?;
    state.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut redraw = true;
    while !state.quit {
        if redraw {
            terminal.draw(|frame| draw::draw(frame, state))?;
            redraw = false;
        }
        // Lets the end-to-end tests check that a panic restores the terminal (debug builds only).
        if cfg!(debug_assertions) && std::env::var_os("BRIEFING_TEST_PANIC").is_some() {
            panic!("panic requested by BRIEFING_TEST_PANIC");
        }
        // Wait for input, checking now and then whether another process changed
        // the annotations (one stat per tick; the screen is redrawn only on change).
        if !event::poll(TICK)? {
            if state.store().is_some_and(AnnotationStore::changed_on_disk) {
                let reload = state::Effect::Reload {
                    briefing: state.current,
                };
                if let Some(action) = perform(state, reload) {
                    state.update(action);
                    redraw = true;
                }
            }
            continue;
        }
        // Handle everything already waiting before drawing again (wheel bursts, pastes).
        let mut event = event::read()?;
        loop {
            if let Some(action) = translate(&event, state, mouse) {
                let mut effect = state.update(action);
                while let Some(action) = effect.take().and_then(|e| perform(state, e)) {
                    effect = state.update(action);
                }
            }
            if state.quit || !event::poll(Duration::ZERO)? {
                break;
            }
            event = event::read()?;
        }
        redraw = true;
    }
    terminal.show_cursor()?;
    Ok(())
}
