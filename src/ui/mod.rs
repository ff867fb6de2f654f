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
pub mod effects;
pub mod event_loop;
pub mod help;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod panes;
pub mod source;
pub mod start;
pub mod state;
pub mod theme;
pub mod worker;
pub mod wrap;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::annotations::AnnotationStore;
use crate::config::Config;
use crate::load::{Library, LoadedBriefing};
use crate::text::sanitize;

use action::{Action, Command};
use keymap::Keymap;
use state::State;
use theme::Theme;

pub use effects::{perform, perform_with};
pub use event_loop::coalesce_resizes;
use event_loop::{Exit, run_terminal};
pub use input::{Input, split_escape, translate};
pub use source::{LibrarySource, search_library, timeline_library};

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
                state.article_source.as_deref().unwrap_or_default()
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
