//! The library index: a SQLite database derived from the briefing files (and
//! their annotation sidecars) so that listing, search, actors across briefings
//! and the timeline need no full parse of every file.
//!
//! The files stay the truth. The index is a cache: it can be deleted at any
//! time and is rebuilt; one that cannot be read, or has an older schema, is
//! rebuilt with a one-line notice. It runs in WAL mode, so readers never block;
//! writes go through one `BEGIN IMMEDIATE` transaction at a time, and each
//! file's rows are replaced whole, so two processes syncing at once agree.
//! Where there is no index yet, it is built in a file of its own and put in
//! place whole (see `build`), so no process ever sees half an index.
//!
//! Full-text search (FTS5) covers section text, the text of paraphrases and
//! reports (a quote's words are already in its section), actor names and
//! aliases, and annotation notes and tags. Each full-text row's id is the
//! file's id shifted left by [`ROW_BITS`] plus its number within the file, so
//! one file's rows go in one range.

mod build;
pub mod decisions;
mod fresh;
pub mod identity;
pub mod query;
mod rows;
mod schema;
mod sync;
pub mod views;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use decisions::{DECISIONS_FILE, load_decisions, save_decisions};
pub use sync::SyncReport;

use crate::config::Config;

/// Bits of a full-text row id given to the row's number within its file.
pub const ROW_BITS: u32 = 20;

/// How long a writer waits for another process's transaction before giving up.
const BUSY: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("library index {path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("library index {path}: cannot create its folder: {source}")]
    Folder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("library index {path}: cannot write it: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// An open library index.
pub struct LibraryIndex {
    conn: Connection,
    path: PathBuf,
    /// The briefings folder of the last sync: file names in the index are relative to it.
    folder: PathBuf,
    /// Set when the index had to be rebuilt on opening: say it, in one line.
    pub notice: Option<String>,
    /// No index file yet: `conn` is an empty one in memory, and the next sync
    /// builds the file from nothing.
    absent: bool,
}

impl std::fmt::Debug for LibraryIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibraryIndex").field("path", &self.path).finish()
    }
}

/// Where the index of `config`'s briefings folder lives: `index_path`, or a file
/// per briefings folder in the XDG cache folder (`~/.cache/briefing/`).
pub fn index_path(config: &Config, folder: &Path) -> PathBuf {
    if let Some(path) = &config.index_path {
        return path.clone();
    }
    let cache = etcetera::choose_base_strategy()
        .map(|s| etcetera::BaseStrategy::cache_dir(&s))
        .unwrap_or_else(|_| std::env::temp_dir())
        .join("briefing");
    let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect::<String>();
    let hash = {
        use std::hash::Hasher;
        let mut h = crate::hash::Fnv::default();
        h.write(folder.as_os_str().as_encoded_bytes());
        h.finish()
    };
    cache.join(format!("library-{name}-{hash:016x}.sqlite"))
}

impl LibraryIndex {
    /// Opens the index at `path`. An index that cannot be read or has another
    /// schema is deleted; `notice` says so. Where there is none, the index is
    /// empty until the next sync builds it.
    pub fn open(path: &Path) -> Result<LibraryIndex, IndexError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| IndexError::Folder {
                path: path.to_path_buf(),
                source,
            })?;
        }
        if !path.exists() {
            return Self::absent(path, None);
        }
        match Self::try_open(path) {
            Ok(index) => Ok(index),
            Err(problem) => {
                remove_database(path);
                let notice = format!(
                    "library index {} {}; rebuilt it from the briefing files",
                    path.display(),
                    problem.describe()
                );
                Self::absent(path, Some(notice))
            }
        }
    }

    fn try_open(path: &Path) -> Result<LibraryIndex, Problem> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY)?;
        schema::prepare(&conn)?;
        Ok(LibraryIndex {
            conn,
            path: path.to_path_buf(),
            folder: PathBuf::new(),
            notice: None,
            absent: false,
        })
    }

    /// An index with no file yet: empty, in memory, until a sync builds it.
    fn absent(path: &Path, notice: Option<String>) -> Result<LibraryIndex, IndexError> {
        let sqlite = |source| IndexError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_in_memory().map_err(sqlite)?;
        schema::prepare(&conn).map_err(|e| match e {
            Problem::Sqlite(e) => sqlite(e),
            Problem::Schema(found) => sqlite(rusqlite::Error::InvalidParameterName(found)),
        })?;
        Ok(LibraryIndex {
            conn,
            path: path.to_path_buf(),
            folder: PathBuf::new(),
            notice,
            absent: true,
        })
    }

    /// Opens the index of `config`'s briefings folder and brings it up to date.
    pub fn open_synced(config: &Config, folder: &Path) -> Result<(LibraryIndex, SyncReport), IndexError> {
        let mut index = Self::open(&index_path(config, folder))?;
        let report = index.sync(folder, &config.annotations_dir)?;
        Ok((index, report))
    }

    /// Opens the index of `folder` as it is, without a sync (the reader syncs
    /// after its first frame): paths it lists are under `folder`.
    pub fn open_unsynced(config: &Config, folder: &Path) -> Result<LibraryIndex, IndexError> {
        let mut index = Self::open(&index_path(config, folder))?;
        index.folder = folder.to_path_buf();
        Ok(index)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Deletes everything in the index (`briefing index --rebuild`); the next sync reads every file.
    pub fn clear(&mut self) -> Result<(), IndexError> {
        schema::clear(&self.conn).map_err(|e| self.error(e))
    }

    fn error(&self, source: rusqlite::Error) -> IndexError {
        IndexError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }
}

/// Why an existing index was not usable.
#[derive(Debug)]
enum Problem {
    Sqlite(rusqlite::Error),
    /// The schema version found.
    Schema(String),
}

impl Problem {
    fn describe(&self) -> String {
        match self {
            Problem::Sqlite(e) => format!("could not be read ({e})"),
            Problem::Schema(found) => format!("had another schema ({found})"),
        }
    }
}

impl From<rusqlite::Error> for Problem {
    fn from(e: rusqlite::Error) -> Problem {
        Problem::Sqlite(e)
    }
}

/// Removes a database file and its WAL companions (a cache: nothing is lost).
fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
