//! `briefing search` answers from the index without reading its files table
//! when the folder's listing is the one the last sync saw. Every change between
//! two runs must still be in the answer: an edit in place (same size), an added,
//! removed or renamed file, a sidecar note, and an edit within the timestamp
//! tick of the run before.

mod common;

use std::fs::{self, File};
use std::path::Path;
use std::process::Output;
use std::time::{Duration, SystemTime};

use common::cli::{isolated, stderr, stdout};

/// A briefing whose one section holds `word`.
fn briefing(id: &str, word: &str) -> String {
    format!(
        r#"schema = 1
id = "{id}"
title = "Briefing {id}"
publisher = "Test Wire"

[[actors]]
id = "kremlin"
name = "The Kremlin"
kind = "state"

[[sections]]
id = "lead"
text = """
The talks turned to {word} late in the evening.
"""

[[claims]]
id = "talks"
section = "lead"
speaker = "kremlin"
kind = "paraphrase"
text = "The talks went on late."
anchor = "late in the evening"
"#
    )
}

/// Sets a file's modification time.
fn set_mtime(path: &Path, t: SystemTime) {
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

/// An hour ago: far from any run, so the runs trust the listing.
fn long_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

/// Sets the briefings folder's modification time (a listing is kept only for a
/// folder unchanged for a while, and reused while the folder keeps its time).
fn set_folder_mtime(dir: &Path, t: SystemTime) {
    File::open(dir.join("briefings"))
        .unwrap()
        .set_modified(t)
        .unwrap();
}

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let briefings = dir.path().join("briefings");
    fs::create_dir(&briefings).unwrap();
    fs::create_dir(dir.path().join("annotations")).unwrap();
    for (id, word) in [("alpha", "zanzibar"), ("beta", "pipelines")] {
        let path = briefings.join(format!("{id}.toml"));
        fs::write(&path, briefing(id, word)).unwrap();
        set_mtime(&path, long_ago());
    }
    fs::write(
        dir.path().join("config.toml"),
        "briefings_dir = \"briefings\"\nannotations_dir = \"annotations\"\nindex_path = \"cache/index.sqlite\"\n",
    )
    .unwrap();
    set_folder_mtime(dir.path(), long_ago());
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    isolated(dir).args(args).output().expect("the binary runs")
}

/// The briefing ids `briefing search WORD` finds (none: exit status 1).
fn found(dir: &Path, word: &str) -> Vec<String> {
    let out = run(dir, &["search", word, "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} {}", stdout(&out), stderr(&out)));
    let ids: Vec<String> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["briefing"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(out.status.code(), Some(if ids.is_empty() { 1 } else { 0 }));
    ids
}

fn listed_paths(dir: &Path) -> Vec<String> {
    let out = run(dir, &["list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|b| {
            Path::new(b["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn an_edit_in_place_of_the_same_size_is_found_by_the_next_search() {
    let dir = library();
    let alpha = dir.path().join("briefings/alpha.toml");
    assert_eq!(found(dir.path(), "zanzibar"), ["alpha"]);
    // Twice: the second run answers from the listing alone.
    assert_eq!(found(dir.path(), "zanzibar"), ["alpha"]);
    let before = fs::metadata(&alpha).unwrap();

    // Same length, another word, and a time still long ago.
    fs::write(&alpha, briefing("alpha", "zimbabwe")).unwrap();
    assert_eq!(fs::metadata(&alpha).unwrap().len(), before.len());
    set_mtime(&alpha, before.modified().unwrap() + Duration::from_secs(1));

    assert_eq!(found(dir.path(), "zimbabwe"), ["alpha"]);
    assert!(found(dir.path(), "zanzibar").is_empty());
}

#[test]
fn added_removed_and_renamed_files_are_in_the_next_search() {
    let dir = library();
    let briefings = dir.path().join("briefings");
    assert!(found(dir.path(), "quixotic").is_empty());
    assert!(found(dir.path(), "quixotic").is_empty());

    let gamma = briefings.join("gamma.toml");
    fs::write(&gamma, briefing("gamma", "quixotic")).unwrap();
    set_mtime(&gamma, long_ago());
    assert_eq!(found(dir.path(), "quixotic"), ["gamma"]);

    // The folder's time set back, as if long unchanged: the next runs reuse its listing.
    set_folder_mtime(dir.path(), long_ago() + Duration::from_secs(1));
    assert_eq!(found(dir.path(), "quixotic"), ["gamma"]);
    assert_eq!(found(dir.path(), "quixotic"), ["gamma"]);

    fs::remove_file(&gamma).unwrap();
    assert!(found(dir.path(), "quixotic").is_empty());
    set_folder_mtime(dir.path(), long_ago() + Duration::from_secs(2));
    assert!(found(dir.path(), "quixotic").is_empty());

    // Renamed, keeping its time: the path follows.
    assert_eq!(found(dir.path(), "pipelines"), ["beta"]);
    fs::rename(briefings.join("beta.toml"), briefings.join("renamed.toml")).unwrap();
    assert_eq!(found(dir.path(), "pipelines"), ["beta"]);
    assert_eq!(listed_paths(dir.path()), ["alpha.toml", "renamed.toml"]);

    // Renamed out of the library (no longer *.toml).
    fs::rename(briefings.join("renamed.toml"), briefings.join("renamed.toml.bak")).unwrap();
    assert!(found(dir.path(), "pipelines").is_empty());
    assert_eq!(listed_paths(dir.path()), ["alpha.toml"]);
}

#[test]
fn an_edit_within_the_tick_of_the_last_run_is_not_missed() {
    let dir = library();
    let alpha = dir.path().join("briefings/alpha.toml");
    // Written just now: the run that reads it is in the same second.
    let now = SystemTime::now();
    set_mtime(&alpha, now);
    assert_eq!(found(dir.path(), "zanzibar"), ["alpha"]);

    // Rewritten with the same size and the very same time, as a second write
    // within one timestamp tick would leave it: nothing in the listing differs.
    fs::write(&alpha, briefing("alpha", "zimbabwe")).unwrap();
    set_mtime(&alpha, now);
    assert_eq!(found(dir.path(), "zimbabwe"), ["alpha"]);
    assert!(found(dir.path(), "zanzibar").is_empty());
}

#[test]
fn a_sidecar_note_edited_between_runs_is_searchable() {
    let dir = library();
    let sidecar = dir.path().join("annotations/alpha.toml");
    assert!(found(dir.path(), "contrarian").is_empty());
    assert!(found(dir.path(), "contrarian").is_empty());
    for (i, word) in ["contrarian", "reactionary"].into_iter().enumerate() {
        let note = format!("a {word} reading");
        let out = run(dir.path(), &["annotate", "alpha", "talks", "--note", &note]);
        assert!(out.status.success(), "{}", stderr(&out));
        set_mtime(&sidecar, long_ago() + Duration::from_secs(i as u64 + 1));
        assert_eq!(found(dir.path(), word), ["alpha"]);
    }
    assert!(found(dir.path(), "contrarian").is_empty());
}

#[test]
fn a_file_added_within_the_tick_of_the_last_listing_is_not_missed() {
    let dir = library();
    // The folder changed just now: the run lists it in the same second.
    let now = SystemTime::now();
    set_folder_mtime(dir.path(), now);
    assert!(found(dir.path(), "quixotic").is_empty());

    // Added, with the folder's time left as it was (a second change in one tick).
    let gamma = dir.path().join("briefings/gamma.toml");
    fs::write(&gamma, briefing("gamma", "quixotic")).unwrap();
    set_mtime(&gamma, long_ago());
    set_folder_mtime(dir.path(), now);
    assert_eq!(found(dir.path(), "quixotic"), ["gamma"]);
}
