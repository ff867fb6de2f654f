//! The library index against a full parse of the same folder, and what happens
//! to it between runs: files edited, removed or renamed; the index deleted,
//! corrupted or truncated; two processes at once.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use briefing::library::LibraryIndex;
use briefing::library::identity::Decisions;
use briefing::library::query::Query;
use briefing::library::views::TimelineFilter;
use briefing::load::Library;

const BUNDLED: &str = include_str!("../briefings/russia-venezuela-levers.toml");
const WIDE: &str = include_str!("fixtures/reader/wide.toml");
const HOSTILE: &str = include_str!("fixtures/reader/hostile.toml");

/// A small deterministic generator, so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random library: copies of three briefings with their own ids and words,
/// some broken, some sharing an id, some carrying the word "zebrafinch".
/// Returns the ids of the valid briefings with that word.
fn random_library(dir: &Path, seed: u64, n: usize) -> BTreeSet<String> {
    let mut rng = Rng(seed);
    let mut marked = BTreeSet::new();
    for i in 0..n {
        let (template, id) = match rng.below(3) {
            0 => (BUNDLED, "russia-venezuela-levers"),
            1 => (WIDE, "wide-text"),
            _ => (HOSTILE, "hostile"),
        };
        let new_id = if rng.below(15) == 0 && i > 0 {
            format!("b-{:03}", rng.below(i as u64))
        } else {
            format!("b-{i:03}")
        };
        let mut text = template.replacen(&format!("id = \"{id}\""), &format!("id = \"{new_id}\""), 1);
        if template == BUNDLED {
            text = text.replace("Galeotti", &format!("Galeotti{}", rng.below(4)));
        }
        let broken = rng.below(6) == 0;
        if broken {
            text = text.replacen("kind = \"person\"", "kind = \"country\"", 1);
        }
        if rng.below(3) == 0 && template == BUNDLED {
            text = text.replace("analysts", "zebrafinch analysts");
            if !broken {
                marked.insert(new_id);
            }
        }
        fs::write(dir.join(format!("b-{i:03}.toml")), text).unwrap();
    }
    fs::write(dir.join("notes.txt"), "not a briefing").unwrap();
    marked
}

fn open(index_dir: &Path, folder: &Path) -> LibraryIndex {
    let mut index = LibraryIndex::open(&index_dir.join("index.sqlite")).unwrap();
    index.sync(folder, &index_dir.join("annotations")).unwrap();
    index
}

/// (briefing, actor) → (claims involving it, mentions), from a full parse.
fn parsed_actors(library: &Library) -> BTreeMap<(String, String), (usize, usize)> {
    let mut map = BTreeMap::new();
    for b in &library.briefings {
        for (i, a) in b.briefing.actors.iter().enumerate() {
            map.insert(
                (b.briefing.id.clone(), a.id.clone()),
                (b.index.claims_involving(i).len(), b.index.actor_mentions[i].len()),
            );
        }
    }
    map
}

fn indexed_actors(index: &LibraryIndex) -> BTreeMap<(String, String), (usize, usize)> {
    let mut map = BTreeMap::new();
    for identity in index.identities(&Decisions::default()).unwrap() {
        for m in identity.members {
            map.insert((m.briefing, m.actor), (m.claims, m.mentions));
        }
    }
    map
}

fn dated_claims_parsed(library: &Library) -> BTreeSet<(String, String, String)> {
    library
        .briefings
        .iter()
        .flat_map(|b| {
            b.briefing.claims.iter().filter_map(|c| {
                c.date
                    .map(|d| (b.briefing.id.clone(), c.id.clone(), d.to_string()))
            })
        })
        .collect()
}

fn assert_agrees(index: &LibraryIndex, folder: &Path, seed: u64) {
    let library = Library::load(&[folder.to_path_buf()]);
    let listed: Vec<(String, String, String, usize, usize, usize)> = index
        .briefings()
        .unwrap()
        .into_iter()
        .map(|b| (b.id, b.path, b.title, b.sections, b.actors, b.claims))
        .collect();
    let parsed: Vec<_> = library
        .briefings
        .iter()
        .map(|l| {
            let b = &l.briefing;
            (
                b.id.clone(),
                l.path.display().to_string(),
                b.title.clone(),
                b.sections.len(),
                b.actors.len(),
                b.claims.len(),
            )
        })
        .collect();
    assert_eq!(listed, parsed, "seed {seed}: same briefings, in the same order");
    let skipped: Vec<String> = index.skipped().unwrap();
    assert_eq!(skipped.len(), library.skipped.len(), "seed {seed}: {skipped:?}");
    for (s, l) in skipped.iter().zip(&library.skipped) {
        assert!(
            s.starts_with(&l.path.display().to_string()),
            "seed {seed}: {s} for {}",
            l.path.display()
        );
    }
    assert_eq!(indexed_actors(index), parsed_actors(&library), "seed {seed}");
    let timeline: BTreeSet<_> = index
        .timeline(&TimelineFilter::default())
        .unwrap()
        .into_iter()
        .map(|c| (c.briefing, c.claim, c.date.unwrap_or_default()))
        .collect();
    assert_eq!(timeline, dated_claims_parsed(&library), "seed {seed}");
}

#[test]
fn the_index_agrees_with_a_full_parse_on_random_libraries() {
    for seed in [7, 1234, 987_654_321] {
        let files = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let marked = random_library(files.path(), seed, 30);
        let index = open(cache.path(), files.path());
        assert_agrees(&index, files.path(), seed);
        let hits = index
            .search(&Query::parse("zebrafinch").unwrap(), &Decisions::default(), 1000)
            .unwrap();
        let found: BTreeSet<String> = hits.iter().map(|h| h.briefing.clone()).collect();
        // A shadowed duplicate id is not listed, so its words are not found either.
        let listed: BTreeSet<String> = index.briefings().unwrap().into_iter().map(|b| b.id).collect();
        let expected: BTreeSet<String> = marked.intersection(&listed).cloned().collect();
        assert_eq!(found, expected, "seed {seed}");
        assert!(
            hits.iter()
                .all(|h| h.snippet.marked("[", "]").contains("[zebrafinch]"))
        );
    }
}

#[test]
fn files_edited_removed_or_renamed_between_runs_are_picked_up() {
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    random_library(files.path(), 42, 12);
    let mut index = open(cache.path(), files.path());
    let annotations = cache.path().join("annotations");

    // Edited: a new title, and a size change so even a coarse clock notices.
    let edited = files.path().join("b-003.toml");
    let text = fs::read_to_string(&edited).unwrap();
    let retitled = text.replacen("title = \"", "title = \"Edited: ", 1);
    fs::write(&edited, retitled).unwrap();
    // Removed, and renamed.
    fs::remove_file(files.path().join("b-005.toml")).unwrap();
    fs::rename(
        files.path().join("b-007.toml"),
        files.path().join("z-renamed.toml"),
    )
    .unwrap();

    let report = index.sync(files.path(), &annotations).unwrap();
    assert_eq!(report.files, 11);
    assert_eq!(
        (report.added, report.updated, report.removed),
        (1, 1, 2),
        "{report:?}"
    );
    assert_eq!(report.unchanged, 9);
    assert_agrees(&index, files.path(), 42);

    // Nothing changed: nothing re-read.
    let report = index.sync(files.path(), &annotations).unwrap();
    assert_eq!(
        (report.added, report.updated, report.removed, report.unchanged),
        (0, 0, 0, 11)
    );

    // Touched without a change of content: stat updated, nothing re-indexed.
    let same = fs::read(files.path().join("b-001.toml")).unwrap();
    fs::write(files.path().join("b-001.toml"), &same).unwrap();
    let file = fs::File::options()
        .write(true)
        .open(files.path().join("b-001.toml"))
        .unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    let report = index.sync(files.path(), &annotations).unwrap();
    assert_eq!(
        (report.added, report.updated, report.unchanged),
        (0, 0, 11),
        "{report:?}"
    );
    assert_agrees(&index, files.path(), 42);
}

#[test]
fn a_deleted_corrupted_or_truncated_index_is_rebuilt_with_a_notice() {
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    random_library(files.path(), 99, 10);
    let path = cache.path().join("index.sqlite");
    drop(open(cache.path(), files.path()));

    // Deleted: simply built again, nothing to say.
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let index = open(cache.path(), files.path());
    assert!(index.notice.is_none());
    assert_agrees(&index, files.path(), 99);
    drop(index);

    // Corrupted: garbage where the database was.
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", path.display()));
    }
    fs::write(
        &path,
        b"this is not a database, it is a text file that lost its way",
    )
    .unwrap();
    let index = open(cache.path(), files.path());
    let notice = index.notice.clone().expect("a notice");
    assert!(notice.contains("rebuilt"), "{notice}");
    assert_eq!(notice.lines().count(), 1);
    assert_agrees(&index, files.path(), 99);
    drop(index);

    // Truncated: the first pages only.
    let index = open(cache.path(), files.path());
    drop(index);
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 8192, "the index has more than two pages");
    fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    let index = open(cache.path(), files.path());
    assert!(
        index.notice.as_deref().is_some_and(|n| n.contains("rebuilt")),
        "{:?}",
        index.notice
    );
    assert_agrees(&index, files.path(), 99);
}

#[test]
fn an_index_of_another_schema_is_rebuilt() {
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    random_library(files.path(), 5, 4);
    let path = cache.path().join("index.sqlite");
    drop(open(cache.path(), files.path()));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA user_version = 999").unwrap();
    drop(conn);
    let index = open(cache.path(), files.path());
    let notice = index.notice.clone().unwrap_or_default();
    assert!(notice.contains("another schema"), "{notice}");
    assert_agrees(&index, files.path(), 5);
}

#[test]
fn two_processes_at_once_leave_one_good_index() {
    let files = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    random_library(files.path(), 11, 60);
    let run = |args: &[&str]| in_home(home.path(), files.path(), args).spawn().unwrap();
    // Both build the index from nothing at the same moment, then both list.
    let children = [
        run(&["index"]),
        run(&["list", "--json"]),
        run(&["search", "analysts"]),
    ];
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let index = open(home.path(), files.path());
    assert!(index.notice.is_none(), "{:?}", index.notice);
    assert_agrees(&index, files.path(), 11);
    assert_eq!(
        staged_files(home.path()),
        Vec::<String>::new(),
        "no build left behind"
    );
}

/// The binary on a config that reads `files` and keeps its index and annotations
/// in `home`. The config is written once, before any process reads it.
fn in_home(home: &Path, files: &Path, args: &[&str]) -> std::process::Command {
    let config = home.join("config.toml");
    if !config.exists() {
        let text = format!(
            "briefings_dir = {files:?}\nannotations_dir = \"annotations\"\nindex_path = \"index.sqlite\"\n"
        );
        fs::write(&config, text).unwrap();
    }
    let mut command = common::cli::isolated(home);
    command.arg("--config").arg(&config).args(args);
    command
}

/// Files a build stages next to the index (`index.sqlite.build-…`).
fn staged_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".build-"))
        .collect();
    names.sort();
    names
}

#[test]
fn four_processes_build_from_nothing_while_others_read() {
    let files = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    random_library(files.path(), 23, 120);
    let run = |args: &[&str]| {
        in_home(home.path(), files.path(), args)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Each of these finds no index and builds one; one build is put in place,
    // the others are dropped and they bring that one up to date.
    let children = [
        run(&["index", "--json"]),
        run(&["index"]),
        run(&["list", "--json"]),
        run(&["search", "zebrafinch"]),
        run(&["timeline", "--json"]),
    ];
    let mut listed = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success() || out.status.code() == Some(1), "{out:?}");
        listed.push(out);
    }
    // `list --json` saw every valid briefing, whichever build it read.
    let list: serde_json::Value = serde_json::from_slice(&listed[2].stdout).unwrap();
    let library = Library::load(&[files.path().to_path_buf()]);
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(library.briefings.len()),
        "{list}"
    );
    let index = open(home.path(), files.path());
    assert!(index.notice.is_none(), "{:?}", index.notice);
    assert_agrees(&index, files.path(), 23);
    assert_eq!(staged_files(home.path()), Vec::<String>::new());
}

#[test]
fn a_build_killed_midway_leaves_no_broken_index() {
    let files = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    random_library(files.path(), 31, 400);
    let mut child = in_home(home.path(), files.path(), &["index"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as its staged file appears (or find it already done).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while staged_files(home.path()).is_empty()
        && child.try_wait().unwrap().is_none()
        && std::time::Instant::now() < deadline
    {
        std::thread::yield_now();
    }
    let _ = child.kill();
    let _ = child.wait();
    let path = home.path().join("index.sqlite");
    // Either no index at all, or a whole one: never a half-built one in its place.
    if path.exists() {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert!(version > 0, "a placed index is a finished one");
    }
    // A crashed build's staged file is left, locked by nobody; the next build
    // removes it once it is old enough (backdate it rather than wait).
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in staged_files(home.path()) {
        let f = fs::OpenOptions::new()
            .write(true)
            .open(home.path().join(name))
            .unwrap();
        f.set_modified(hour_ago).unwrap();
    }
    let _ = fs::remove_file(&path);
    let index = open(home.path(), files.path());
    assert!(index.notice.is_none(), "{:?}", index.notice);
    assert_agrees(&index, files.path(), 31);
    assert_eq!(staged_files(home.path()), Vec::<String>::new());
}

#[test]
fn a_live_build_is_left_alone_and_stale_companions_are_not_read() {
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    random_library(files.path(), 47, 12);
    let path = cache.path().join("index.sqlite");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    // Another process's build in progress: locked, even if not written lately.
    let live = cache.path().join("index.sqlite.build-424242-0");
    let held = fs::File::create(&live).unwrap();
    held.try_lock().unwrap();
    held.set_modified(hour_ago).unwrap();
    // The WAL of another database, as a deleted index would leave behind: its
    // pages must not be read into the new index.
    let other = cache.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch(
        "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE files(x); CREATE TABLE briefings(y);
         INSERT INTO files VALUES ('not a file'); INSERT INTO briefings VALUES ('not a briefing');",
    )
    .unwrap();
    fs::copy(
        cache.path().join("other.sqlite-wal"),
        cache.path().join("index.sqlite-wal"),
    )
    .unwrap();
    drop(conn);
    let stale = fs::OpenOptions::new()
        .write(true)
        .open(cache.path().join("index.sqlite-wal"))
        .unwrap();
    stale.set_modified(hour_ago).unwrap();
    drop(stale);

    let index = open(cache.path(), files.path());
    assert!(index.notice.is_none(), "{:?}", index.notice);
    assert_agrees(&index, files.path(), 47);
    drop(index);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert!(live.exists(), "a build still holding its lock is not removed");
    assert_eq!(
        staged_files(cache.path()),
        vec!["index.sqlite.build-424242-0".to_string()]
    );
}

#[test]
fn sidecar_notes_and_tags_are_searchable_and_follow_edits() {
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    fs::write(files.path().join("russia-venezuela-levers.toml"), BUNDLED).unwrap();
    let annotations: PathBuf = cache.path().join("annotations");
    fs::create_dir_all(&annotations).unwrap();
    let mut index = open(cache.path(), files.path());
    let query = Query::parse("tag:energy").unwrap();
    assert!(
        index
            .search(&query, &Decisions::default(), 10)
            .unwrap()
            .is_empty()
    );

    let loaded = briefing::load::load_file(&files.path().join("russia-venezuela-levers.toml")).unwrap();
    let mut store = briefing::annotations::AnnotationStore::open(&annotations, &loaded);
    let draft = briefing::annotations::Draft {
        credibility: None,
        note: "Compare with the pipeline figures".into(),
        tags: vec!["energy".into()],
    };
    store.save(&loaded, 3, None, draft).unwrap();
    index.sync(files.path(), &annotations).unwrap();

    let hits = index.search(&query, &Decisions::default(), 10).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        hits[0].claim.as_deref(),
        Some(loaded.briefing.claims[3].id.as_str())
    );
    let hits = index
        .search(&Query::parse("pipeline").unwrap(), &Decisions::default(), 10)
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].what, "note");
}
