//! Loading a library of 2,000 realistic briefings, against the toml crate's bare
//! parse of the same bytes (the target: within 2x).

use std::fs;
use std::path::{Path, PathBuf};

use briefing::load::Library;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const BRIEFINGS: usize = 2_000;

/// Writes `n` briefings derived from the bundled one: each with its own id, title,
/// actor names and wording, so no two files are byte-identical.
fn generate_library(dir: &Path, n: usize) -> u64 {
    let template = include_str!("../briefings/russia-venezuela-levers.toml");
    let mut total = 0;
    for i in 0..n {
        let text = template
            .replacen(
                "id = \"russia-venezuela-levers\"",
                &format!("id = \"briefing-{i:04}\""),
                1,
            )
            .replacen("title = \"", &format!("title = \"No. {i}: "), 1)
            .replace("Galeotti", &format!("Galeotti{}", i % 97))
            .replace(
                "analysts say",
                if i % 2 == 0 {
                    "analysts say"
                } else {
                    "analysts argue"
                },
            )
            .replace("analysts argue that", "analysts say that");
        total += text.len() as u64;
        fs::write(dir.join(format!("briefing-{i:04}.toml")), text).expect("write a generated briefing");
    }
    total
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = generate_library(dir.path(), BRIEFINGS);
    let check = Library::load(&[dir.path().to_path_buf()]);
    assert_eq!(
        check.briefings.len(),
        BRIEFINGS,
        "every generated briefing is valid: {:?}",
        check.skipped.first()
    );

    let mut group = c.benchmark_group("library_2000");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("toml_bare_parse", |b| {
        b.iter(|| {
            for path in files(dir.path()) {
                let source = fs::read_to_string(&path).unwrap();
                let table: toml::Table = toml::from_str(&source).unwrap();
                std::hint::black_box(table);
            }
        })
    });
    // The target compares like with like: one thread each.
    group.bench_function("briefing_load_validate_index_1_thread", |b| {
        b.iter(|| std::hint::black_box(Library::load_with_threads(&[dir.path().to_path_buf()], 1)))
    });
    group.bench_function("briefing_load_validate_index_all_cores", |b| {
        b.iter(|| std::hint::black_box(Library::load(&[dir.path().to_path_buf()])))
    });
    group.finish();
}

/// Files with 40,000 problems each (issue 9: reporting was quadratic in their
/// number). Each case must stay linear: about the cost of parsing the file.
fn many_errors(c: &mut Criterion) {
    const N: usize = 40_000;
    let head = "schema = 1\ntitle = \"T\"\npublisher = \"P\"\n\n[[sections]]\nid = \"s\"\ntext = \"Alice said hello.\"\n\n";
    let syntax: String = head.to_string() + &(0..N).map(|i| format!("k{i} = = {i}\n")).collect::<String>();
    let duplicates: String =
        head.to_string() + &"[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\n\n".repeat(N);
    let references: String = head.to_string()
        + "[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\n\n"
        + &(0..N)
            .map(|i| format!("[[claims]]\nid = \"c{i}\"\nsection = \"nosuch\"\nspeaker = \"a\"\nkind = \"quote\"\ntext = \"hello\"\n\n"))
            .collect::<String>();
    let mut group = c.benchmark_group("errors_40000");
    group.sample_size(10);
    for (name, source) in [
        ("syntax", &syntax),
        ("duplicate_ids", &duplicates),
        ("bad_references", &references),
    ] {
        let problems = briefing::load::parse_briefing(Path::new("b.toml"), source)
            .err()
            .map_or(0, |d| d.len());
        assert!(problems >= N - 1, "{name}: {problems} problems");
        group.bench_function(name, |b| {
            b.iter(|| std::hint::black_box(briefing::load::parse_briefing(Path::new("b.toml"), source)))
        });
    }
    group.finish();
}

criterion_group!(benches, load, many_errors);
criterion_main!(benches);
