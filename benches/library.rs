//! The library index on generated libraries (see `support/library_gen.rs`): a cold
//! build against `briefing check`'s full parse of the same folder; and on
//! 10,000 briefings (about 200 MB), a warm start, one edited file, and search.
//! Figures are recorded in docs/library.md.
//!
//! The generated folders are kept under target/ between runs (never committed).
//! `BRIEFING_BENCH_N` sets the size of the large library (default 10000).

#[path = "support/library_gen.rs"]
mod library_gen;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use briefing::library::LibraryIndex;
use briefing::library::identity::Decisions;
use briefing::library::query::Query;
use briefing::load::{Library, load_file};
use criterion::{Criterion, criterion_group, criterion_main};

/// Where generated libraries go: `BRIEFING_BENCH_DIR`, or target/bench-library.
fn base() -> PathBuf {
    std::env::var_os("BRIEFING_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-library"))
}

fn folder(n: usize) -> PathBuf {
    let dir = base().join(format!("{n}"));
    let bytes = library_gen::generate(&dir, n);
    eprintln!("{n} briefings, {:.1} MB in {}", bytes as f64 / 1e6, dir.display());
    dir
}

fn fresh_index(path: &Path) -> LibraryIndex {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    LibraryIndex::open(path).expect("open the index")
}

fn cold(c: &mut Criterion) {
    let dir = folder(2_000);
    let scratch = tempfile::tempdir().unwrap();
    let annotations = scratch.path().join("annotations");
    let db = scratch.path().join("index.sqlite");
    let mut group = c.benchmark_group("library_cold_2000");
    group.sample_size(10);
    group.bench_function("check_full_parse", |b| {
        b.iter(|| std::hint::black_box(Library::load(std::slice::from_ref(&dir))))
    });
    group.bench_function("index_build", |b| {
        b.iter(|| {
            let mut index = fresh_index(&db);
            std::hint::black_box(index.sync(&dir, &annotations).unwrap())
        })
    });
    group.finish();
}

fn large(c: &mut Criterion) {
    let n = std::env::var("BRIEFING_BENCH_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = folder(n);
    let index_dir = base().join(format!("index-{n}"));
    std::fs::create_dir_all(&index_dir).unwrap();
    let db = index_dir.join("index.sqlite");
    let annotations = index_dir.join("annotations");
    let started = Instant::now();
    let report = LibraryIndex::open(&db).unwrap().sync(&dir, &annotations).unwrap();
    eprintln!(
        "index ready in {:.1} s: {}",
        started.elapsed().as_secs_f64(),
        report.summary()
    );
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    let files: u64 = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    eprintln!(
        "index size {:.1} MB for {:.1} MB of files: {:.2}x",
        size as f64 / 1e6,
        files as f64 / 1e6,
        size as f64 / files as f64
    );

    // One briefing alone, for the warm start's yardstick.
    let single = tempfile::tempdir().unwrap();
    std::fs::copy(dir.join("gen-00000.toml"), single.path().join("gen-00000.toml")).unwrap();
    let single_db = single.path().join("index.sqlite");
    LibraryIndex::open(&single_db)
        .unwrap()
        .sync(single.path(), &annotations)
        .unwrap();

    {
        let index = LibraryIndex::open(&db).unwrap();
        search_p95(&index, &dir);
    }
    let mut group = c.benchmark_group(format!("library_{n}"));
    group.sample_size(20);
    // What the reader does before its first frame: open and sync the index,
    // list the briefings, fully load the first one.
    let start = |db: &Path, dir: &Path| {
        let mut index = LibraryIndex::open(db).unwrap();
        index.sync(dir, &annotations).unwrap();
        let list = index.briefings().unwrap();
        let first = load_file(Path::new(&list[0].path)).unwrap();
        std::hint::black_box((list.len(), first.briefing.claims.len()))
    };
    group.bench_function("sync_and_list_1_briefing", |b| {
        b.iter(|| start(&single_db, single.path()))
    });
    group.bench_function("sync_and_list", |b| b.iter(|| start(&db, &dir)));
    // What the reader does now before its first frame: open the index, read its
    // first row and the count, the skipped files, load the first briefing.
    let reader = |db: &Path, dir: &Path| {
        let text = format!(
            "briefings_dir = {:?}\nindex_path = {:?}\nannotations_dir = {:?}\n",
            dir, db, annotations
        );
        briefing::config::Config::parse(Path::new("bench.toml"), text, dir).unwrap()
    };
    let (single_config, config) = (reader(&single_db, single.path()), reader(&db, &dir));
    // The index stays open in the reader: closing it is not part of the start.
    let first_frame = |config: &briefing::config::Config| {
        briefing::ui::start(config, None, Default::default(), Default::default()).unwrap()
    };
    group.bench_function("reader_start_1_briefing", |b| {
        b.iter_with_large_drop(|| first_frame(&single_config))
    });
    group.bench_function("reader_start", |b| {
        b.iter_with_large_drop(|| first_frame(&config))
    });

    let edited = dir.join("gen-00042.toml");
    let original = std::fs::read_to_string(&edited).unwrap();
    let mut index = LibraryIndex::open(&db).unwrap();
    index.sync(&dir, &annotations).unwrap();
    let mut flip = false;
    group.bench_function("one_edited_file", |b| {
        b.iter(|| {
            flip = !flip;
            let text = if flip {
                original.replacen("title = \"", "title = \"Edited ", 1)
            } else {
                original.clone()
            };
            std::fs::write(&edited, text).unwrap();
            let report = index.sync(&dir, &annotations).unwrap();
            assert_eq!(report.updated, 1);
        })
    });
    std::fs::write(&edited, &original).unwrap();
    index.sync(&dir, &annotations).unwrap();

    let decisions = Decisions::default();
    for q in [
        "oil",
        "sanctions",
        "referendum",
        "\"talk turned to pipeline\"",
        "sanc*",
        "oil actor:Russia",
        "kind:quote oil",
    ] {
        let query = Query::parse(q).unwrap();
        group.bench_function(format!("search {q}"), |b| {
            b.iter(|| std::hint::black_box(index.search(&query, &decisions, 20).unwrap()))
        });
    }
    group.finish();
}

/// p95 over many different one-word queries (criterion reports means).
fn search_p95(index: &LibraryIndex, dir: &Path) {
    let decisions = Decisions::default();
    let words: Vec<String> = std::fs::read_to_string(dir.join("gen-00007.toml"))
        .unwrap()
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .take(300)
        .collect();
    let mut times: Vec<Duration> = words
        .iter()
        .chain(
            library_gen::PROBES
                .iter()
                .map(|(w, _)| w.to_string())
                .collect::<Vec<_>>()
                .iter(),
        )
        .map(|w| {
            let query = Query::parse(w).unwrap();
            let t = Instant::now();
            std::hint::black_box(index.search(&query, &decisions, 20).unwrap());
            t.elapsed()
        })
        .collect();
    times.sort();
    let p = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e3;
    eprintln!(
        "search over {} one-word queries: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        p(0.5),
        p(0.95),
        p(1.0)
    );
}

criterion_group!(benches, cold, large);
criterion_main!(benches);
