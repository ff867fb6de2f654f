//! Helpers shared by the integration tests: paths, the bundled briefing, and the
//! submodules for the reader (`reader`), the binary on a pseudo-terminal (`pty`),
//! the binary's non-interactive commands (`cli`) and a loopback HTTP server for
//! import by address (`http`). Each test crate uses only part of this, hence the
//! `dead_code` allowance.
#![allow(dead_code)]

pub mod cli;
pub mod http;
pub mod pty;
pub mod reader;

use std::path::{Path, PathBuf};

use briefing::annotations::Draft;
use briefing::load::{LoadedBriefing, load_file};

/// The id of the briefing bundled with the repository.
pub const BUNDLED: &str = "russia-venezuela-levers";

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled briefing's file.
pub fn bundled_path() -> PathBuf {
    repo().join("briefings").join(format!("{BUNDLED}.toml"))
}

/// The bundled briefing, loaded.
pub fn bundled() -> LoadedBriefing {
    load_file(&bundled_path()).unwrap_or_else(|e| panic!("the bundled briefing loads: {e:?}"))
}

/// A briefings folder `files` holding the bundled briefing (`russia.toml`) and
/// the reader fixture `wide.toml`, and a config whose library index and
/// annotations live in `cache`.
pub fn two_briefing_library(files: &Path, cache: &Path) -> briefing::config::Config {
    std::fs::copy(bundled_path(), files.join("russia.toml")).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/reader/wide.toml"),
        files.join("wide.toml"),
    )
    .unwrap();
    let text = format!(
        "briefings_dir = {:?}\nindex_path = {:?}\nannotations_dir = {:?}\n",
        files,
        cache.join("index.sqlite"),
        cache.join("annotations")
    );
    briefing::config::Config::parse(Path::new("config.toml"), text, cache).unwrap()
}

/// [`two_briefing_library`] plus `tests/fixtures/library/kremlin-oil.toml`, which
/// names Russia, the US and Putin under other names: three briefings.
pub fn three_briefing_library(files: &Path, cache: &Path) -> briefing::config::Config {
    std::fs::copy(kremlin_path(), files.join("kremlin-oil.toml")).unwrap();
    two_briefing_library(files, cache)
}

/// The library fixture naming Russia "The Kremlin".
pub fn kremlin_path() -> PathBuf {
    repo().join("tests/fixtures/library/kremlin-oil.toml")
}

/// The library fixture naming Russia "The Kremlin", loaded.
pub fn kremlin() -> LoadedBriefing {
    load_file(&kremlin_path()).unwrap_or_else(|e| panic!("kremlin-oil: {e:?}"))
}

/// A briefing of `tests/fixtures/reader`, loaded.
pub fn fixture(name: &str) -> LoadedBriefing {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reader")
        .join(name);
    load_file(&path).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// The article the bundled briefing was made from (`tests/fixtures`).
pub fn seed_article() -> PathBuf {
    repo().join("tests/fixtures/russia-venezuela-levers.txt")
}

/// An annotation draft with only a note.
pub fn note_draft(note: &str) -> Draft {
    Draft {
        note: note.into(),
        ..Draft::default()
    }
}
