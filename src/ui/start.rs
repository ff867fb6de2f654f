//! Opening the reader on a briefings folder from its library index: the list
//! comes from the index as it is and only the first briefing is parsed, so the
//! first frame does not wait for the other files; the index is brought up to
//! date by the library worker right after (see `worker`). An empty index (the
//! first run) is built first. Where no index can be kept, every file is read,
//! as before, with a one-line notice.

use std::path::Path;

use crate::config::Config;
use crate::library::LibraryIndex;
use crate::library::views::BriefingRow;
use crate::text::sanitize;

use super::LibrarySource;
use super::keymap::Keymap;
use super::state::{self, Listed, State};
use super::theme::Theme;
use super::worker::IndexedLibrary;

/// A reader opened from the index, and the library its worker will keep up to date.
pub struct Started {
    pub state: State,
    pub library: IndexedLibrary,
    /// The index was synced before the first frame (it was empty): no sync needed after.
    pub synced: bool,
}

/// Why the index could not be used (one line): the caller reads every file instead.
pub type NoIndex = String;

/// Opens `folder` from its library index.
pub fn from_index(
    config: &Config,
    folder: &Path,
    keymap: Keymap,
    theme: Theme,
) -> anyhow::Result<Result<Started, NoIndex>> {
    let unavailable = |e: crate::library::IndexError| {
        sanitize(&format!(
            "library index unavailable ({e}); read every briefing file instead"
        ))
    };
    let mut index = match LibraryIndex::open_unsynced(config, folder) {
        Ok(index) => index,
        Err(e) => return Ok(Err(unavailable(e))),
    };
    let mut synced = false;
    let (first, count, loaded) = loop {
        let first = index.first_briefing().ok().flatten();
        if first.is_none() && !synced {
            // The first run (or an index just rebuilt): build it before listing.
            if let Err(e) = index.sync(folder, &config.annotations_dir) {
                return Ok(Err(unavailable(e)));
            }
            synced = true;
            continue;
        }
        let Some((first, count)) = first else {
            return Err(no_briefings(&index, folder));
        };
        match config.load(Path::new(&first.path)) {
            Ok(loaded) => break (first, count, loaded),
            // The index is behind the files: bring it up to date and list again.
            Err(_) if !synced => {
                if let Err(e) = index.sync(folder, &config.annotations_dir) {
                    return Ok(Err(unavailable(e)));
                }
                synced = true;
            }
            Err(problem) => return Ok(Err(problem)),
        }
    };
    // Only the first row for now: the worker reads the whole list after the first frame.
    let list = vec![listed(first)];
    let (loaded, store) = loaded;
    let mut state = State::from_list(list.clone(), 0, loaded, keymap, theme);
    state.listing(count);
    state.session = super::edit_session(config);
    if let Some(store) = store {
        state.set_store(0, store);
    }
    state.message = state.open_notice();
    let skipped = index.skipped().unwrap_or_default();
    if let Some(summary) = crate::load::skipped_summary(&skipped) {
        state.message = Some(error(format!(
            "{} (`briefing check` explains)",
            sanitize(&summary)
        )));
    }
    if let Some(notice) = index.notice.take() {
        state.message = Some(error(sanitize(&notice)));
    }
    let library = IndexedLibrary::new(config, folder, Some(index), list);
    Ok(Ok(Started {
        state,
        library,
        synced,
    }))
}

/// Fails as the reader does when nothing loads: why, in one line.
fn no_briefings(index: &LibraryIndex, folder: &Path) -> anyhow::Error {
    let place = sanitize(&folder.display().to_string());
    let skipped = index.skipped().unwrap_or_default();
    match crate::load::skipped_summary(&skipped) {
        Some(summary) => anyhow::anyhow!(
            "no briefing could be loaded from {place}: {}; `briefing check {place}` explains",
            sanitize(&summary)
        ),
        None => anyhow::anyhow!("no briefings in {place}; set `briefings_dir` in config.toml or give a PATH"),
    }
}

fn listed(b: BriefingRow) -> Listed {
    Listed {
        id: b.id,
        title: b.title,
        publisher: b.publisher,
        published: b.published,
        path: b.path.into(),
    }
}

fn error(text: String) -> state::Message {
    state::Message { text, error: true }
}

/// Whether the reader opened on `folder` may use an index: the configured
/// `index_path` belongs to the configured briefings folder only.
pub fn may_index(config: &Config, folder: &Path) -> bool {
    folder.is_dir() && (config.index_path.is_none() || folder == config.briefings_dir)
}
