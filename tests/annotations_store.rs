//! The sidecar store under stress: writers killed mid-save, two processes
//! writing at once, and sidecars that cannot be read.
//!
//! The multi-process tests re-run this test binary as the child: the parent sets
//! `BRIEFING_TEST_CHILD` and runs only `child_process`, which does the child's
//! work and exits; without the variable `child_process` does nothing.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use briefing::annotations::{AnnotationStore, Credibility, Draft, Patch, sidecar};
use briefing::load::LoadedBriefing;
use uuid::Uuid;

use common::{BUNDLED, bundled, note_draft};

const CHILD: &str = "BRIEFING_TEST_CHILD";
const DIR: &str = "BRIEFING_TEST_DIR";

fn spawn_child(role: &str, dir: &Path, extra: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["child_process", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, role)
        .env(DIR, dir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.spawn().expect("the test binary runs as a child")
}

#[test]
fn child_process() {
    let Ok(role) = std::env::var(CHILD) else {
        return;
    };
    let dir = PathBuf::from(std::env::var(DIR).unwrap());
    let loaded = bundled();
    match role.as_str() {
        "crash-writer" => crash_writer(&dir, &loaded),
        "concurrent-writer" => {
            let name = std::env::var("BRIEFING_TEST_WRITER").unwrap();
            let count: usize = std::env::var("BRIEFING_TEST_COUNT").unwrap().parse().unwrap();
            let mut store = AnnotationStore::open(&dir, &loaded);
            for i in 0..count {
                let claim = i % loaded.briefing.claims.len();
                let draft = Draft {
                    credibility: Credibility::from_number((i % 6 + 1) as i64),
                    note: format!("{name} {i}"),
                    tags: vec![name.clone()],
                };
                // A fresh id each time: hundreds of distinct annotations.
                store.save(&loaded, claim, Some(Uuid::now_v7()), draft).unwrap();
            }
        }
        other => panic!("unknown child role {other}"),
    }
}

/// The note of generation `n`: big enough that writing it takes a while, and
/// made of one repeated line so a torn or mixed file would show.
fn big_note(n: u64) -> String {
    format!("generation {n:010}\n").repeat(4000)
}

fn generation_of(note: &str) -> u64 {
    let first = note.lines().next().unwrap();
    let n: u64 = first.trim_start_matches("generation ").parse().unwrap();
    assert_eq!(note, big_note(n), "a note mixing two generations");
    n
}

/// Saves ever newer generations on two claims, until killed.
fn crash_writer(dir: &Path, loaded: &LoadedBriefing) -> ! {
    let mut store = AnnotationStore::open(dir, loaded);
    let mut n = store
        .annotations()
        .iter()
        .map(|p| generation_of(&p.annotation.note))
        .max()
        .unwrap_or(0);
    loop {
        n += 1;
        let patch = Patch {
            note: Some(big_note(n)),
            ..Patch::default()
        };
        store.apply(loaded, (n % 2) as usize, None, patch).unwrap();
    }
}

/// Reads the sidecar as a fresh reader would; it must be whole. Returns the
/// newest generation in it.
fn check_whole(dir: &Path, loaded: &LoadedBriefing) -> u64 {
    let store = AnnotationStore::open(dir, loaded);
    assert!(store.errors().is_empty(), "torn sidecar: {:?}", store.errors());
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
    assert!(store.annotations().len() <= 2);
    let backup = dir.join(format!("{BUNDLED}.toml.bak"));
    if let Ok(text) = fs::read_to_string(&backup) {
        let parsed = sidecar::parse(&backup, &text, BUNDLED);
        assert!(parsed.errors.is_empty(), "torn backup: {:?}", parsed.errors);
    }
    store
        .annotations()
        .iter()
        .map(|p| generation_of(&p.annotation.note))
        .max()
        .unwrap_or(0)
}

#[test]
fn a_writer_killed_at_random_never_leaves_a_torn_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = bundled();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut random = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let mut last = 0;
    let kills = 60;
    // Kills that left a temporary file: the writer died in the middle of a save.
    let mut interrupted = 0;
    for _ in 0..kills {
        let mut child = spawn_child("crash-writer", dir.path(), &[]);
        std::thread::sleep(Duration::from_micros(5_000 + random(40_000)));
        child.kill().unwrap();
        child.wait().unwrap();
        let mid_save = fs::read_dir(dir.path())
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().contains(".tmp-"));
        interrupted += usize::from(mid_save);
        let now = check_whole(dir.path(), &loaded);
        assert!(now >= last, "went back from generation {last} to {now}");
        last = now;
    }
    eprintln!("{interrupted} of {kills} kills interrupted a save; reached generation {last}");
    // Make sure writes really happened: let one writer make progress (waiting
    // for it, not timing it), then kill it too.
    let mut child = spawn_child("crash-writer", dir.path(), &[]);
    let deadline = Instant::now() + Duration::from_secs(60);
    while check_whole(dir.path(), &loaded) <= last + 2 {
        assert!(Instant::now() < deadline, "the writer made no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(check_whole(dir.path(), &loaded) > last);
    // Temporary files of killed writers are cleared by the next save.
    let mut store = AnnotationStore::open(dir.path(), &loaded);
    store
        .apply(
            &loaded,
            2,
            None,
            Patch {
                note: Some("done".into()),
                ..Patch::default()
            },
        )
        .unwrap();
    let leftovers: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn two_processes_writing_hundreds_of_annotations_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    let count = 200;
    let writers: Vec<Child> = ["alpha", "beta"]
        .iter()
        .map(|name| {
            spawn_child(
                "concurrent-writer",
                dir.path(),
                &[
                    ("BRIEFING_TEST_WRITER", name),
                    ("BRIEFING_TEST_COUNT", &count.to_string()),
                ],
            )
        })
        .collect();
    for mut w in writers {
        assert!(w.wait().unwrap().success(), "a writer failed");
    }
    let loaded = bundled();
    let store = AnnotationStore::open(dir.path(), &loaded);
    assert!(store.errors().is_empty(), "{:?}", store.errors());
    let notes: BTreeSet<String> = store
        .annotations()
        .iter()
        .map(|p| p.annotation.note.clone())
        .collect();
    let expected: BTreeSet<String> = ["alpha", "beta"]
        .iter()
        .flat_map(|n| (0..count).map(move |i| format!("{n} {i}")))
        .collect();
    assert_eq!(store.annotations().len(), 2 * count);
    assert_eq!(notes, expected);
}

// ---- Bad sidecars -------------------------------------------------------

fn sidecar_path(dir: &Path) -> PathBuf {
    dir.join(format!("{BUNDLED}.toml"))
}

const GOOD_ENTRY: &str = r#"
[[annotations]]
id = "01a21971-08d3-7289-bcbe-62f166459cde"
claim = "galeotti-nothing-much"
credibility = 2
note = "kept"
created = "2026-11-26T10:00:00Z"
modified = "2026-11-26T10:00:00Z"
"#;

fn set_aside_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".toml.unreadable-"))
        .collect();
    v.sort();
    v
}

/// Opens a sidecar holding `text`, checks the first error's `line:col` and
/// message, that opening did not touch the file, that a save sets it aside
/// (bytes intact) and writes a good new one carrying over the readable entries.
fn bad_sidecar(text: &str, line_col: &str, message: &str, readable: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_path(dir.path());
    fs::write(&path, text).unwrap();
    let loaded = bundled();
    let mut store = AnnotationStore::open(dir.path(), &loaded);
    let headline = store.errors().first().map(|d| d.headline()).unwrap_or_default();
    let expected = format!("{}:{line_col}: ", path.display());
    assert!(
        headline.starts_with(&expected),
        "{headline:?} should start with {expected:?}"
    );
    assert!(
        headline.contains(message),
        "{headline:?} should mention {message:?}"
    );
    assert_eq!(store.annotations().len(), readable);
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "opening never writes");

    let claim = loaded.index.claim("trump-no").unwrap();
    let saved = store.save(&loaded, claim, None, note_draft("new")).unwrap();
    let aside = saved.set_aside.expect("the unreadable file is set aside");
    assert_eq!(aside.from, path);
    assert!(aside.message().contains(&expected), "{}", aside.message());
    assert_eq!(set_aside_files(dir.path()), vec![aside.to.clone()]);
    assert_eq!(
        fs::read_to_string(&aside.to).unwrap(),
        text,
        "set aside byte for byte"
    );
    let again = AnnotationStore::open(dir.path(), &loaded);
    assert!(again.errors().is_empty(), "{:?}", again.errors());
    assert_eq!(again.annotations().len(), readable + 1);
    // Later saves work normally and set nothing else aside.
    let mut again = again;
    let saved = again.save(&loaded, claim, None, note_draft("newer")).unwrap();
    assert!(saved.set_aside.is_none());
    assert_eq!(set_aside_files(dir.path()).len(), 1);
}

#[test]
fn syntax_error_is_located_and_set_aside() {
    let text = format!("schema = 1\nbriefing = \"{BUNDLED}\"\n[[annotations]\nid = 1\n");
    bad_sidecar(&text, "3:15", "TOML syntax error", 0);
}

#[test]
fn wrong_types_are_located_and_set_aside() {
    let text = format!(
        "schema = 1\nbriefing = \"{BUNDLED}\"\n{GOOD_ENTRY}\n[[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cdf\"\nclaim = \"trump-no\"\ncredibility = \"high\"\ncreated = \"2026-11-26T10:00:00Z\"\nmodified = \"2026-11-26T10:00:00Z\"\n"
    );
    bad_sidecar(&text, "15:15", "annotation `credibility`", 1);
}

#[test]
fn out_of_range_and_bad_dates_are_located() {
    let text = format!(
        "schema = 1\nbriefing = \"{BUNDLED}\"\n[[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cdf\"\nclaim = \"trump-no\"\ncredibility = 9\ncreated = \"yesterday\"\nmodified = \"2026-11-26T10:00:00Z\"\n"
    );
    bad_sidecar(&text, "6:15", "must be 1 to 6", 0);
}

#[test]
fn missing_fields_are_located_and_set_aside() {
    let text = format!(
        "schema = 1\nbriefing = \"{BUNDLED}\"\n{GOOD_ENTRY}\n[[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cdf\"\nnote = \"no claim, no dates\"\n"
    );
    bad_sidecar(&text, "12:1", "missing the field `claim`", 1);
}

#[test]
fn a_newer_schema_is_never_overwritten() {
    let text = format!("schema = 2\nbriefing = \"{BUNDLED}\"\n");
    bad_sidecar(&text, "1:10", "schema 2 is not supported", 0);
}

#[test]
fn not_utf8_is_located_and_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_path(dir.path());
    fs::write(&path, b"schema = 1\nnote = \"\xff\"\n").unwrap();
    let loaded = bundled();
    let store = AnnotationStore::open(dir.path(), &loaded);
    let headline = store.errors()[0].headline();
    assert!(
        headline.starts_with(&format!("{}:2:9: ", path.display())),
        "{headline}"
    );
}

#[test]
fn unknown_fields_are_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_path(dir.path());
    let text = format!(
        "schema = 1\nbriefing = \"{BUNDLED}\"\nreviewer = \"anna\"\n{GOOD_ENTRY}mood = \"grumpy\"\n[annotations.source]\nurl = \"https://example.org\"\n"
    );
    fs::write(&path, &text).unwrap();
    let loaded = bundled();
    let mut store = AnnotationStore::open(dir.path(), &loaded);
    assert!(store.errors().is_empty(), "{:?}", store.errors());
    let warnings: Vec<String> = store.warnings().iter().map(|d| d.headline()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[0].starts_with(&format!("{}:3:1: unknown field `reviewer`", path.display())));
    assert!(
        warnings.iter().any(|w| w.contains(":12:1: unknown field `mood`")),
        "{warnings:?}"
    );
    // A save rewrites the file with the unknown fields still in it.
    let claim = loaded.index.claim("galeotti-nothing-much").unwrap();
    let saved = store.save(&loaded, claim, None, note_draft("edited")).unwrap();
    assert!(saved.set_aside.is_none());
    let written = fs::read_to_string(&path).unwrap();
    let value: toml::Table = toml::from_str(&written).unwrap();
    assert_eq!(value["reviewer"].as_str(), Some("anna"));
    let entry = &value["annotations"][0];
    assert_eq!(entry["note"].as_str(), Some("edited"));
    assert_eq!(entry["mood"].as_str(), Some("grumpy"));
    assert_eq!(entry["source"]["url"].as_str(), Some("https://example.org"));
}

#[test]
fn merge_keeps_the_newest_version_of_each_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = bundled();
    let claim = loaded.index.claim("galeotti-nothing-much").unwrap();
    let mut first = AnnotationStore::open(dir.path(), &loaded);
    let id = first.save(&loaded, claim, None, note_draft("one")).unwrap().value;
    // A second reader opened now, then the first edits again.
    let mut second = AnnotationStore::open(dir.path(), &loaded);
    first.save(&loaded, claim, Some(id), note_draft("two")).unwrap();
    // The second reader's old copy must not win over the newer edit when it
    // saves something else...
    let other = loaded.index.claim("trump-no").unwrap();
    second.save(&loaded, other, None, note_draft("other")).unwrap();
    assert_eq!(second.for_claim(claim).unwrap().annotation.note, "two");
    // ...and putting back a stale copy is refused by the merge.
    let stale = {
        let mut a = second.get(id).unwrap().annotation.clone();
        a.note = "stale".into();
        a.modified = a.created;
        a
    };
    assert!(!second.put(&loaded, stale).unwrap().value);
    let fresh = AnnotationStore::open(dir.path(), &loaded);
    assert_eq!(fresh.get(id).unwrap().annotation.note, "two");
    assert_eq!(fresh.annotations().len(), 2);
    assert!(!fresh.changed_on_disk());
    // A deletion by one reader is seen by the other at its next save.
    first.delete(&loaded, id).unwrap();
    second.save(&loaded, other, None, note_draft("other 2")).unwrap();
    assert!(second.get(id).is_none());
    assert_eq!(second.annotations().len(), 1);
}

#[test]
fn the_backup_holds_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = bundled();
    let mut store = AnnotationStore::open(dir.path(), &loaded);
    store.save(&loaded, 0, None, note_draft("v1")).unwrap();
    let v1 = fs::read_to_string(sidecar_path(dir.path())).unwrap();
    store.save(&loaded, 0, None, note_draft("v2")).unwrap();
    let backup = fs::read_to_string(dir.path().join(format!("{BUNDLED}.toml.bak"))).unwrap();
    assert_eq!(backup, v1);
}
