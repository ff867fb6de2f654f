//! The interactive reader.
//!
//! Input becomes an [`Action`](action::Action) ([`translate`]), the state changes only in
//! [`State::update`](state::State::update) (no I/O), and [`draw::draw`] renders an
//! immutable view of it. Saving annotations is I/O: `update` returns an
//! [`Effect`](state::Effect), the event loop [`perform`]s it on a copy of the
//! briefing's annotation store and feeds the outcome back as `Action::Done`.
//! The terminal is restored on quit, on error, on panic and on the signals that end
//! the process (TERM, HUP, QUIT, INT); Ctrl-z gives it back to the shell until `fg`.
//! Input and signals arrive on one channel; each batch is handled whole (resizes
//! coalesced) and then drawn once.

pub mod action;
pub mod details;
pub mod doc;
pub mod draw;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod panes;
pub mod start;
pub mod state;
pub mod theme;
pub mod worker;
pub mod wrap;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
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

/// Opens the reader on `path` (a briefing file, a folder, or a .txt/.md/.html article) or on
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
    let (mut state, library) = start(config, path, keymap, theme)?;
    match run_terminal(&mut state, config, library)? {
        Exit::Quit => Ok(ExitCode::SUCCESS),
        Exit::Signal(signal) => {
            // The terminal is restored: end the way the signal asks (the parent sees it).
            #[cfg(unix)]
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            Ok(ExitCode::from(128u8.wrapping_add(signal as u8)))
        }
    }
}

/// Loads what to read and builds the initial state (the index is not synced:
/// see [`start`]).
pub fn open(config: &Config, path: Option<&Path>, keymap: Keymap, theme: Theme) -> anyhow::Result<State> {
    start(config, path, keymap, theme).map(|(state, _)| state)
}

/// What the event loop hands the library worker: the index the reader opened
/// from, and whether it still has to be brought up to date.
pub struct Opened {
    library: worker::IndexedLibrary,
    /// The reader shows only the first briefing of the list so far.
    list: bool,
    sync: bool,
}

impl Opened {
    /// Brings the index up to date now, as the worker does after the first frame
    /// (for tests): the answer for `update`.
    pub fn sync(&mut self) -> Action {
        Action::Synced(Box::new(self.library.sync()))
    }

    /// The whole list from the index as it is, as the worker reads it after the
    /// first frame (for tests).
    pub fn list(&mut self) -> Action {
        Action::Synced(Box::new(self.library.list(false)))
    }
}

/// Builds the initial state: a folder from its library index (only the first
/// briefing parsed), or by reading every file where no index can be kept.
pub fn start(
    config: &Config,
    path: Option<&Path>,
    keymap: Keymap,
    theme: Theme,
) -> anyhow::Result<(State, Opened)> {
    let folder: PathBuf = path.map_or_else(|| config.briefings_dir.clone(), Path::to_path_buf);
    let lazy = |sync| Opened {
        library: worker::IndexedLibrary::new(config, &config.briefings_dir, None, Vec::new()),
        list: false,
        sync,
    };
    if !start::may_index(config, &folder) {
        return Ok((read_everything(config, path, keymap, theme)?, lazy(false)));
    }
    match start::from_index(config, &folder, keymap.clone(), theme.clone())? {
        Ok(started) => Ok((
            started.state,
            Opened {
                library: started.library,
                list: true,
                sync: !started.synced,
            },
        )),
        Err(why) => {
            let mut state = read_everything(config, path, keymap, theme)?;
            if state.message.as_ref().is_none_or(|m| !m.error) {
                state.message = Some(state::Message {
                    text: why,
                    error: true,
                });
            }
            Ok((state, lazy(false)))
        }
    }
}

/// Reads every briefing file (or imports an article in memory).
fn read_everything(
    config: &Config,
    path: Option<&Path>,
    keymap: Keymap,
    theme: Theme,
) -> anyhow::Result<State> {
    let is_article = path.is_some_and(crate::import::is_article);
    let url = path.and_then(Path::to_str).filter(|p| crate::fetch::is_url(p));
    let article = match (url, path) {
        (Some(url), _) => Some((
            crate::fetch::import_in_memory(url, &crate::fetch::Limits::default()),
            url.to_string(),
        )),
        (None, Some(path)) if is_article => {
            Some((crate::import::import_in_memory(path), path.display().to_string()))
        }
        _ => None,
    };
    if let Some((imported, source)) = article {
        let (loaded, toml) = imported.map_err(|e| anyhow::anyhow!(sanitize(&format!("{e:#}"))))?;
        let mut state = State::new(vec![loaded], keymap, theme);
        state.read_only = vec![true];
        state.imported = vec![Some(toml.into())];
        // A file by its name (the message must fit the status bar), an address whole.
        let short = match (url, path.and_then(Path::file_name)) {
            (None, Some(name)) => name.to_string_lossy().into_owned(),
            _ => source.clone(),
        };
        state.article_source = Some(sanitize(&short));
        state.session = edit_session(config);
        let edit = state.keymap.first(Command::Edit);
        let select = state.keymap.first(Command::Select);
        state.message = Some(state::Message {
            text: format!(
                "imported in memory from {}: an edit ({edit}, or {select} to add a claim) saves it as a briefing first",
                sanitize(&source)
            ),
            error: false,
        });
        // No sidecar is opened: there is nothing to annotate (see `State::can_annotate`).
        return Ok(state);
    }
    let folder: PathBuf = path.map_or_else(|| config.briefings_dir.clone(), Path::to_path_buf);
    let library = Library::load_limited(std::slice::from_ref(&folder), config.max_file_bytes);
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
    let stores: Vec<_> = library
        .briefings
        .iter()
        .map(|loaded| AnnotationStore::for_config(config, loaded))
        .collect();
    let mut state = State::new(library.briefings, keymap, theme);
    state.session = edit_session(config);
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

/// What the reader needs of the config to edit: `readonly`, the size limit, and
/// where a briefing saved from the reader and its annotations go.
pub(crate) fn edit_session(config: &Config) -> state::EditSession {
    let mut session = state::EditSession::new(config.readonly, config.max_file_bytes);
    session.briefings_dir = config.briefings_dir.clone();
    session.annotations_dir = Some(config.annotations_dir.clone());
    session
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

/// How often the loop checks the sidecar for changes by other processes while idle.
const TICK: Duration = Duration::from_millis(500);

/// Performs the I/O `update` asked for and returns what happened as an action
/// for `update`; library queries are the worker's (see [`perform_with`]).
pub fn perform(state: &State, effect: state::Effect) -> Option<Action> {
    use state::Effect;
    match effect {
        Effect::Store { briefing, change } => perform_store(state, briefing, change),
        Effect::SaveEdit { .. } | Effect::Restore { .. } => Some(perform_edit(state, effect)),
        Effect::SaveAs { .. } => {
            let result = save_as(state, &effect);
            Some(Action::SavedAs(Box::new(state::SavedAs { effect, result })))
        }
        Effect::Search { .. }
        | Effect::Timeline { .. }
        | Effect::Identities
        | Effect::Identity { .. }
        | Effect::Decide(_)
        | Effect::Load { .. } => None,
    }
}

/// Changes (or re-reads) a copy of briefing `briefing`'s annotation store. Changes
/// re-read the sidecar under its lock, so another process's edits are merged.
fn perform_store(state: &State, briefing: usize, change: state::StoreChange) -> Option<Action> {
    use state::StoreChange;
    let (Some(loaded), Some(Some(store))) = (state.loaded_at(briefing), state.stores.get(briefing)) else {
        return None;
    };
    let mut store = store.clone();
    let result = match &change {
        StoreChange::SaveAnnotation {
            claim,
            editing,
            draft,
        } => store
            .save(loaded, *claim, *editing, draft.clone())
            .map(|s| s.set_aside),
        StoreChange::DeleteAnnotation { id } => store.delete(loaded, *id).map(|s| s.set_aside),
        StoreChange::Reattach { id, claim } => store.reattach(loaded, *id, *claim).map(|s| s.set_aside),
        StoreChange::SetReliability { actor, grade } => store
            .set_reliability(loaded, *actor, grade.clone())
            .map(|s| s.set_aside),
        StoreChange::Reload => {
            store.reload(loaded);
            Ok(None)
        }
    };
    let result = result
        .map(|aside| aside.map(|a| sanitize(&a.message())))
        .map_err(|e| sanitize(&e.to_string()));
    Some(Action::Done(Box::new(state::Outcome {
        briefing,
        change,
        store,
        result,
    })))
}

/// Writes an edit (or puts a version back, for undo and redo) through
/// `edit::save` / `edit::restore`, then reloads the briefing from the bytes
/// written and places its annotations on it.
fn perform_edit(state: &State, effect: state::Effect) -> Action {
    let result = write_edit(state, &effect);
    Action::Edited(Box::new(state::Edited { effect, result }))
}

fn write_edit(state: &State, effect: &state::Effect) -> Result<state::EditDone, String> {
    use state::Effect;
    let failed = |e: crate::edit::EditError| edit_failure(effect, &e);
    let briefing = effect.briefing().unwrap_or(usize::MAX);
    let loaded = state
        .loaded_at(briefing)
        .ok_or_else(|| "the briefing is no longer loaded".to_string())?;
    let max = state.session.max_bytes;
    let saved = match effect {
        Effect::SaveEdit { base, edits, .. } => {
            let base = match base {
                Some(b) => b.to_vec(),
                None => base_as_loaded(loaded, max),
            };
            crate::edit::save(&loaded.path, &base, edits, max).map_err(failed)?
        }
        Effect::Restore { expect, bytes, .. } => {
            crate::edit::restore(&loaded.path, expect, bytes, max).map_err(failed)?
        }
        _ => return Err("not an edit".into()),
    };
    let reloaded = crate::load::load_bytes(&loaded.path, saved.bytes.clone()).map_err(|d| {
        let lines: Vec<String> = d.iter().take(3).map(ToString::to_string).collect();
        sanitize(&format!(
            "written, but it does not load again: {}",
            lines.join("; ")
        ))
    })?;
    let (mut note, mut grades) = (None, Vec::new());
    let store = state.stores.get(briefing).cloned().flatten().map(|mut s| {
        s.reload(&reloaded);
        let pairs: Vec<(String, String)> = match effect {
            Effect::SaveEdit { edits, .. } => edits.iter().filter_map(merged_pair).collect(),
            Effect::Restore { grades, .. } => grades.clone(),
            _ => Vec::new(),
        };
        (note, grades) = move_grades(&mut s, &reloaded, &pairs);
        s
    });
    Ok(state::EditDone {
        note,
        grades,
        loaded: reloaded,
        store,
        before: saved.previous.into(),
        after: saved.bytes.into(),
        reapplied: saved.reapplied,
        unchanged: saved.unchanged,
    })
}

/// The (from, into) of a merge.
fn merged_pair(edit: &crate::edit::Edit) -> Option<(String, String)> {
    match edit {
        crate::edit::Edit::Actor {
            id,
            change: crate::edit::ActorEdit::MergeInto(into),
        } => Some((id.clone(), into.clone())),
        _ => None,
    }
}

/// A merged actor's source grade follows it (as `briefing edit` does; back
/// again on undo): what to say about it, and the grades that moved.
fn move_grades(
    store: &mut AnnotationStore,
    loaded: &LoadedBriefing,
    pairs: &[(String, String)],
) -> (Option<String>, Vec<(String, String)>) {
    use crate::annotations::store::GradeMove;
    let (mut notes, mut moved) = (Vec::new(), Vec::new());
    for (from, into) in pairs {
        match store.move_grade(loaded, from, into) {
            Ok(GradeMove::Nothing) => {}
            Ok(GradeMove::Moved) => {
                notes.push(format!("the source grade moved from `{from}` to `{into}`"));
                moved.push((from.clone(), into.clone()));
            }
            Ok(GradeMove::BothKept) => notes.push(format!(
                "both had a source grade: `{into}` keeps its own, `{from}`'s stays in the sidecar under the old id"
            )),
            Err(e) => notes.push(format!("the source grade could not be moved: {e}")),
        }
    }
    let note = (!notes.is_empty()).then(|| sanitize(&crate::text::escape(&notes.join("; "))));
    (note, moved)
}

/// Why an edit was not written, in one line for the status bar: the loader's
/// first message with its line rather than the whole report.
fn edit_failure(effect: &state::Effect, e: &crate::edit::EditError) -> String {
    use crate::edit::EditError;
    let text = match e {
        EditError::Invalid(d) => match d.first() {
            Some(first) => format!(
                "{} (line {}{}); nothing was written",
                first.message,
                first.line,
                match d.len() {
                    1 => String::new(),
                    n => format!(", and {} more problems", n - 1),
                }
            ),
            None => e.to_string(),
        },
        EditError::Conflict { path, .. } if matches!(effect, state::Effect::Restore { .. }) => format!(
            "{} was changed by another program since this edit, so it was left as it is",
            crate::text::escape_path(path)
        ),
        EditError::Conflict { reason, .. } => format!(
            "the file changed on disk since it was read, and the edit does not apply to the new version ({}); nothing was written",
            reason.lines().next().unwrap_or_default()
        ),
        e => e.to_string(),
    };
    sanitize(&text).replace('\n', " · ")
}

/// Writes an article imported in memory to its new file (`edit::create`), and
/// reads it back as the briefing the reader goes on with.
fn save_as(state: &State, effect: &state::Effect) -> Result<state::SavedFile, state::SaveAsFailure> {
    use state::SaveAsFailure::{Exists, Failed};
    let state::Effect::SaveAs {
        briefing,
        path,
        overwrite,
        ..
    } = effect
    else {
        return Err(Failed("not a save".into()));
    };
    let toml = state
        .imported
        .get(*briefing)
        .cloned()
        .flatten()
        .ok_or_else(|| Failed("the article is not in memory any more".into()))?;
    let bytes = crate::edit::create(path, &toml, *overwrite).map_err(|e| match e {
        crate::edit::EditError::Exists { .. } => Exists,
        e => Failed(sanitize(&e.to_string()).replace('\n', " · ")),
    })?;
    let loaded = crate::load::load_bytes(path, bytes.clone())
        .map_err(|_| Failed("written, but it does not load again (`briefing check` explains)".into()))?;
    let store = state
        .session
        .annotations_dir
        .as_ref()
        .map(|dir| AnnotationStore::open(dir, &loaded));
    Ok(state::SavedFile {
        loaded,
        store,
        bytes: bytes.into(),
    })
}

/// The file as the reader loaded it, for the first edit of a briefing: the file
/// now, if it still says what the reader shows; otherwise nothing (so `save`
/// sees the change and re-applies the edit to the new version, or refuses).
fn base_as_loaded(loaded: &LoadedBriefing, max: u64) -> Vec<u8> {
    let Ok(bytes) = crate::load::read_limited(&loaded.path, max) else {
        return Vec::new();
    };
    match crate::load::load_bytes(&loaded.path, bytes.clone()) {
        Ok(now) if now.briefing == loaded.briefing => bytes,
        _ => Vec::new(),
    }
}

/// The library index as the event loop uses it: the configured one, or a test's stand-in.
pub trait LibrarySource {
    /// Runs a query of the `briefing search` language. Errors are one line.
    fn search(&self, query: &str) -> Result<Vec<crate::library::query::Hit>, String>;
    /// The dated claims in date order, as `briefing timeline` lists them.
    fn timeline(&self, actor: Option<&str>) -> Result<Vec<crate::library::views::ClaimRow>, String>;
    /// Reads one briefing file and its annotations. Errors are one line.
    fn load(&self, path: &Path) -> Result<(LoadedBriefing, Option<AnnotationStore>), String>;
    /// Every actor across the library, as `briefing actors` lists them.
    fn identities(&self) -> Result<Vec<crate::library::views::Identity>, String>;
    /// The actor across the library that holds the briefing's actor `key`
    /// (`briefing/actor`), with its briefings' titles and its claims.
    fn identity(&self, key: &str) -> Result<state::ActorClaims, String>;
    /// Records a merge or a split in the library's decisions file.
    fn decide(&self, decision: &state::Decision) -> Result<(), String>;
}

impl LibrarySource for Config {
    fn search(&self, query: &str) -> Result<Vec<crate::library::query::Hit>, String> {
        search_library(self, query)
    }

    fn timeline(&self, actor: Option<&str>) -> Result<Vec<crate::library::views::ClaimRow>, String> {
        timeline_library(self, actor)
    }

    fn load(&self, path: &Path) -> Result<(LoadedBriefing, Option<AnnotationStore>), String> {
        match crate::load::load_file_limited(path, self.max_file_bytes) {
            Ok(loaded) => {
                let store = AnnotationStore::for_config(self, &loaded);
                Ok((loaded, Some(store)))
            }
            Err(diagnostics) => Err(sanitize(&format!(
                "cannot open {}: {}; `briefing check` explains",
                path.display(),
                diagnostics
                    .first()
                    .map(crate::diagnostic::Diagnostic::headline)
                    .unwrap_or_default()
            ))),
        }
    }

    fn identities(&self) -> Result<Vec<crate::library::views::Identity>, String> {
        identities_in(&open_library(self)?, self)
    }

    fn identity(&self, key: &str) -> Result<state::ActorClaims, String> {
        identity_in(&open_library(self)?, self, key)
    }

    fn decide(&self, decision: &state::Decision) -> Result<(), String> {
        decide(self, decision)
    }
}

/// Records a merge or a split in `config`'s decisions file.
fn decide(config: &Config, decision: &state::Decision) -> Result<(), String> {
    crate::library::decisions::change_decisions(&config.annotations_dir, |d| match decision {
        state::Decision::Merge { actors, .. } => d.merge(actors.clone()),
        state::Decision::Split { actor, .. } => d.split(actor),
    })
    .map_err(|e| sanitize(&e))
}

/// Every actor across the library of `index`.
fn identities_in(
    index: &crate::library::LibraryIndex,
    config: &Config,
) -> Result<Vec<crate::library::views::Identity>, String> {
    let decisions = crate::library::load_decisions(&config.annotations_dir).unwrap_or_default();
    index
        .identities(&decisions)
        .map_err(|e| sanitize(&format!("cannot read the library's actors: {e}")))
}

/// The actor across the library of `index` that holds the briefing's actor `key`.
fn identity_in(
    index: &crate::library::LibraryIndex,
    config: &Config,
    key: &str,
) -> Result<state::ActorClaims, String> {
    let decisions = crate::library::load_decisions(&config.annotations_dir).unwrap_or_default();
    let failed = |e: rusqlite::Error| sanitize(&format!("cannot read the actor: {e}"));
    let name = index
        .briefings()
        .map_err(failed)?
        .into_iter()
        .map(|b| (b.id, b.title))
        .collect::<crate::hash::HashMap<String, String>>();
    let identity = index
        .identity_of(key, &decisions)
        .map_err(failed)?
        .ok_or_else(|| sanitize(&format!("{key} is no longer in the library")))?;
    let claims = index.identity_claims(&identity).map_err(failed)?;
    let titles = identity
        .members
        .iter()
        .map(|m| {
            name.get(&m.briefing)
                .cloned()
                .unwrap_or_else(|| m.briefing.clone())
        })
        .collect();
    Ok(state::ActorClaims {
        identity,
        titles,
        claims,
    })
}

/// The library index of the configured briefings folder, brought up to date first.
fn open_library(config: &Config) -> Result<crate::library::LibraryIndex, String> {
    crate::library::LibraryIndex::open_synced(config, &config.briefings_dir)
        .map(|(index, _)| index)
        .map_err(|e| sanitize(&format!("cannot open the library index: {e}")))
}

/// Runs `query` against the library index of the configured briefings folder,
/// brought up to date first, as `briefing search` does. Errors are one line.
pub fn search_library(config: &Config, query: &str) -> Result<Vec<crate::library::query::Hit>, String> {
    search_in(&open_library(config)?, config, query)
}

/// Runs `query` against `index` as it is.
fn search_in(
    index: &crate::library::LibraryIndex,
    config: &Config,
    query: &str,
) -> Result<Vec<crate::library::query::Hit>, String> {
    use crate::library::{decisions::load_decisions, query::Query};
    let parsed = Query::parse(query).map_err(|e| sanitize(&e))?;
    // Broken identity decisions are reported by the command line; the search goes on without them.
    let decisions = load_decisions(&config.annotations_dir).unwrap_or_default();
    index
        .search(&parsed, &decisions, state::SEARCH_LIMIT)
        .map_err(|e| sanitize(&format!("search failed: {e}")))
}

/// Every dated claim of the configured library in date order (only those involving
/// the actor named `actor`, across briefings), as `briefing timeline` lists them.
pub fn timeline_library(
    config: &Config,
    actor: Option<&str>,
) -> Result<Vec<crate::library::views::ClaimRow>, String> {
    timeline_in(&open_library(config)?, config, actor)
}

/// The dated claims of `index` as it is (see [`timeline_library`]).
fn timeline_in(
    index: &crate::library::LibraryIndex,
    config: &Config,
    actor: Option<&str>,
) -> Result<Vec<crate::library::views::ClaimRow>, String> {
    use crate::library::{decisions::load_decisions, views::TimelineFilter};
    let failed = |e: rusqlite::Error| sanitize(&format!("cannot read the timeline: {e}"));
    let actor = match actor {
        None => None,
        Some(name) => {
            // Broken identity decisions are reported by the command line; matching by name goes on.
            let decisions = load_decisions(&config.annotations_dir).unwrap_or_default();
            match index.members_named(name, &decisions).map_err(failed)? {
                Some(members) => Some(members),
                None => return Err(sanitize(&format!("no actor named {name} in the library"))),
            }
        }
    };
    let filter = TimelineFilter {
        actor,
        ..TimelineFilter::default()
    };
    index.timeline(&filter).map_err(failed)
}

/// Performs `effect`: library queries through `library`, the rest by [`perform`].
pub fn perform_with(state: &State, effect: state::Effect, library: &dyn LibrarySource) -> Option<Action> {
    match effect {
        state::Effect::Load { briefing, path } => {
            let result = library
                .load(&path)
                .map(|(loaded, store)| (Box::new(loaded), store));
            Some(Action::Loaded(Box::new(state::Loaded { briefing, result })))
        }
        effect if worker::is_query(&effect) => worker::query(library, effect),
        effect => perform(state, effect),
    }
}

pub(crate) fn identities(answer: state::Identities) -> Action {
    Action::Identities(Box::new(answer))
}

/// Restores the terminal when dropped: on quit, on error, on a signal and while unwinding.
struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    fn enter(mouse: bool) -> anyhow::Result<TerminalGuard> {
        install_panic_hook(mouse);
        setup_terminal(mouse)?;
        Ok(TerminalGuard { mouse })
    }
}

/// Raw mode, the alternate screen, mouse reporting, bracketed paste and the kitty
/// keyboard flags; undone by [`restore_terminal`].
fn setup_terminal(mouse: bool) -> anyhow::Result<()> {
    enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let mut out = std::io::stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen) {
        let _ = disable_raw_mode();
        return Err(e).context("cannot open the alternate screen");
    }
    if mouse {
        let _ = execute!(out, EnableMouseCapture);
    }
    let _ = execute!(out, EnableBracketedPaste);
    // Lets terminals that can tell Ctrl-i from Tab do so (ignored elsewhere).
    let _ = execute!(
        out,
        PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
    );
    Ok(())
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

/// Signals that end the reader; it restores the terminal first, then dies of them.
#[cfg(unix)]
const ENDING: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGINT,
];

/// Terminal input and signals, merged into one channel by two threads. Reading the
/// terminal on its own thread means a busy loop never finds `Esc` and the next key
/// waiting together (which would read as Alt-key).
struct Inputs {
    receiver: mpsc::Receiver<Input>,
    /// For the library worker's answers.
    sender: mpsc::Sender<Input>,
    #[cfg(unix)]
    signals: signal_hook::iterator::Handle,
}

impl Inputs {
    fn start() -> anyhow::Result<Inputs> {
        let (sender, receiver) = mpsc::channel();
        #[cfg(unix)]
        let signals = {
            let mut wanted = ENDING.to_vec();
            wanted.push(signal_hook::consts::SIGCONT);
            let mut signals =
                signal_hook::iterator::Signals::new(wanted).context("cannot listen for signals")?;
            let handle = signals.handle();
            let sender = sender.clone();
            std::thread::Builder::new()
                .name("signals".into())
                .spawn(move || {
                    for signal in signals.forever() {
                        if sender.send(Input::Signal(signal)).is_err() {
                            break;
                        }
                    }
                })
                .context("cannot start the signal thread")?;
            handle
        };
        let answers = sender.clone();
        std::thread::Builder::new()
            .name("terminal input".into())
            .spawn(move || {
                loop {
                    let input = event::read().map_or_else(Input::Failed, Input::Event);
                    let failed = matches!(input, Input::Failed(_));
                    if sender.send(input).is_err() || failed {
                        break;
                    }
                }
            })
            .context("cannot start the input thread")?;
        Ok(Inputs {
            receiver,
            sender: answers,
            #[cfg(unix)]
            signals,
        })
    }

    /// Everything waiting, after waiting up to `timeout` for the first; empty on timeout.
    fn batch(&self, timeout: Duration) -> anyhow::Result<Vec<Input>> {
        let first = match self.receiver.recv_timeout(timeout) {
            Ok(first) => first,
            Err(mpsc::RecvTimeoutError::Timeout) => return Ok(Vec::new()),
            Err(mpsc::RecvTimeoutError::Disconnected) => anyhow::bail!("terminal input stopped"),
        };
        let mut batch = vec![first];
        batch.extend(self.receiver.try_iter());
        Ok(batch)
    }
}

impl Drop for Inputs {
    fn drop(&mut self) {
        // Signals arriving from now on act as usual.
        #[cfg(unix)]
        self.signals.close();
    }
}

/// Keeps only the last resize of a batch: a storm of resizes costs one layout,
/// at the final size.
pub fn coalesce_resizes(batch: Vec<Input>) -> Vec<Input> {
    let last = batch
        .iter()
        .rposition(|input| matches!(input, Input::Event(Event::Resize(..))));
    batch
        .into_iter()
        .enumerate()
        .filter(|(i, input)| !matches!(input, Input::Event(Event::Resize(..))) || Some(*i) == last)
        .map(|(_, input)| input)
        .collect()
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

/// How the event loop ended.
enum Exit {
    Quit,
    /// Ended by this signal: the caller dies of it once the terminal is restored.
    Signal(i32),
}

type Term = Terminal<CrosstermBackend<std::io::Stdout>>;

fn run_terminal(state: &mut State, config: &Config, opened: Opened) -> anyhow::Result<Exit> {
    let (mouse, library): (bool, &dyn LibrarySource) = (config.mouse, config);
    let _guard = TerminalGuard::enter(mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    terminal.hide_cursor()?;
    let inputs = Inputs::start()?;
    let worker = worker::Worker::start(opened.library, inputs.sender.clone())
        .context("cannot start the library thread")?;
    // The list is read, and the index brought up to date, once the first frame is on the screen.
    let (mut list, sync) = (opened.list, opened.sync);
    let mut redraw = true;
    loop {
        if redraw {
            // The state's size is the terminal's when drawing, whatever events said.
            let size = terminal.size()?;
            if (size.width, size.height) != (state.size.width, state.size.height) {
                state.update(Action::Resize {
                    width: size.width,
                    height: size.height,
                });
            }
            terminal.draw(|frame| draw::draw(frame, state))?;
        }
        if std::mem::take(&mut list) {
            worker.list(sync);
        }
        if state.quit {
            return Ok(Exit::Quit);
        }
        // Lets the end-to-end tests check that a panic restores the terminal (debug builds only).
        if cfg!(debug_assertions) && std::env::var_os("BRIEFING_TEST_PANIC").is_some() {
            panic!("panic requested by BRIEFING_TEST_PANIC");
        }
        let batch = inputs.batch(TICK)?;
        if batch.is_empty() {
            redraw = reload_if_changed(state);
            continue;
        }
        // Handle everything already waiting, then draw once (wheel bursts, pastes, resizes).
        for input in coalesce_resizes(batch) {
            match input {
                Input::Event(event) => {
                    for event in split_escape(event, state) {
                        if handle(&event, state, mouse, library, &worker) == Handled::Suspend {
                            suspend(&mut terminal, mouse)?;
                        }
                    }
                }
                Input::Answer(action) => apply(state, action, library, &worker),
                Input::Signal(signal) if is_continue(signal) => resume(&mut terminal)?,
                Input::Signal(signal) => return Ok(Exit::Signal(signal)),
                Input::Failed(e) => return Err(e).context("cannot read the terminal"),
            }
            if state.quit {
                break;
            }
        }
        redraw = true;
    }
}

/// Checks now and then whether another process changed the annotations (one stat
/// per tick); true when they were reloaded.
fn reload_if_changed(state: &mut State) -> bool {
    if !state.store().is_some_and(AnnotationStore::changed_on_disk) {
        return false;
    }
    let reload = state::Effect::Store {
        briefing: state.current,
        change: state::StoreChange::Reload,
    };
    match perform(state, reload) {
        Some(action) => {
            state.update(action);
            true
        }
        None => false,
    }
}

#[derive(PartialEq, Eq)]
enum Handled {
    Done,
    Suspend,
}

/// Applies one event, and the effects it asks for; suspending is left to the caller.
fn handle(
    event: &Event,
    state: &mut State,
    mouse: bool,
    library: &dyn LibrarySource,
    worker: &worker::Worker,
) -> Handled {
    match translate(event, state, mouse) {
        Some(Action::Command(Command::Suspend)) => Handled::Suspend,
        Some(action) => {
            apply(state, action, library, worker);
            Handled::Done
        }
        None => Handled::Done,
    }
}

/// Updates the state with `action` and performs the effects that follow: library
/// queries on the worker (their answers come back later), the rest here.
fn apply(state: &mut State, action: Action, library: &dyn LibrarySource, worker: &worker::Worker) {
    let mut effect = state.update(action);
    while let Some(e) = effect.take() {
        if worker.ask(state.library_generation(), &e) {
            break;
        }
        match perform_with(state, e, library) {
            Some(action) => effect = state.update(action),
            None => break,
        }
    }
}

#[cfg(unix)]
fn is_continue(signal: i32) -> bool {
    signal == signal_hook::consts::SIGCONT
}

#[cfg(not(unix))]
fn is_continue(_signal: i32) -> bool {
    false
}

/// Ctrl-z: gives the terminal back and stops, like a shell job (the whole process
/// group, as `cargo run` or a pipeline would be); on `fg`, takes it again.
fn suspend(terminal: &mut Term, mouse: bool) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        restore_terminal(mouse);
        // Returns once continued. An orphaned process group is not stopped (there is
        // no shell to come back to), so the reader simply goes on.
        let _ = rustix::process::kill_current_process_group(rustix::process::Signal::TSTP);
        setup_terminal(mouse)?;
        repaint(terminal)?;
    }
    #[cfg(not(unix))]
    let _ = (terminal, mouse);
    Ok(())
}

/// Continued after a stop the reader did not ask for (`kill -STOP`, then `fg`): the
/// shell may have reset the terminal modes and drawn on the screen.
fn resume(terminal: &mut Term) -> anyhow::Result<()> {
    let _ = disable_raw_mode();
    enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    repaint(terminal)
}

/// Clears the screen and has the next frame drawn whole. (Not `Terminal::clear`,
/// which asks the terminal where the cursor is: the input thread reads the answer.)
fn repaint(terminal: &mut Term) -> anyhow::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}
