//! Loading a folder: good and bad files, duplicates, and the same result on any
//! number of threads.

use std::fs;
use std::path::PathBuf;

use briefing::load::Library;

const BUNDLED: &str = include_str!("../briefings/russia-venezuela-levers.toml");

/// 40 briefings, every fifth one broken, two sharing an id.
fn library_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        let mut text = BUNDLED.replacen(
            "id = \"russia-venezuela-levers\"",
            &format!("id = \"b-{i:02}\""),
            1,
        );
        if i % 5 == 0 {
            text = text.replacen("kind = \"state\"", "kind = \"country\"", 1);
        }
        if i == 39 {
            text = text.replacen("id = \"b-39\"", "id = \"b-01\"", 1);
        }
        fs::write(dir.path().join(format!("b-{i:02}.toml")), text).unwrap();
    }
    fs::write(dir.path().join("notes.txt"), "not a briefing").unwrap();
    dir
}

fn summary(library: &Library) -> (Vec<String>, Vec<(PathBuf, String)>) {
    (
        library.briefings.iter().map(|b| b.briefing.id.clone()).collect(),
        library
            .skipped
            .iter()
            .map(|s| {
                (
                    s.path.clone(),
                    s.diagnostics
                        .iter()
                        .map(|d| d.headline())
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })
            .collect(),
    )
}

#[test]
fn good_files_load_and_broken_ones_are_skipped_with_reasons() {
    let dir = library_dir();
    let library = Library::load(&[dir.path().to_path_buf()]);
    let (ids, skipped) = summary(&library);
    assert_eq!(ids.len(), 31, "40 files, 8 broken, 1 duplicate id");
    assert_eq!(ids.first().map(String::as_str), Some("b-01"));
    assert_eq!(skipped.len(), 9);
    assert!(
        skipped
            .iter()
            .filter(|(_, why)| why.contains("unknown variant `country`"))
            .count()
            == 8
    );
    let duplicate = skipped.iter().find(|(p, _)| p.ends_with("b-39.toml")).unwrap();
    assert!(
        duplicate.1.contains("briefing id `b-01` is already used by"),
        "{}",
        duplicate.1
    );
    assert!(library.skipped_summary().unwrap().starts_with("9 files skipped"));
}

#[test]
fn the_result_does_not_depend_on_the_number_of_threads() {
    let dir = library_dir();
    let paths = [dir.path().to_path_buf()];
    let one = summary(&Library::load_with_threads(&paths, 1));
    for threads in [2, 3, 8, 64] {
        assert_eq!(
            summary(&Library::load_with_threads(&paths, threads)),
            one,
            "{threads} threads"
        );
    }
}

#[test]
fn a_missing_path_is_reported() {
    let library = Library::load(&[PathBuf::from("/no/such/folder")]);
    assert!(library.briefings.is_empty());
    assert_eq!(
        library.skipped[0].diagnostics[0].message,
        "no such file or folder"
    );
}
