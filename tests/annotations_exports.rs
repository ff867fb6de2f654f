//! Every export of a briefing with annotations, byte for byte: `show` and
//! `annotations` in text, Markdown and JSON, through the real binary, over
//! fixture sidecars holding every anchor state (anchored, stale, moved exactly
//! and approximately, orphaned), source grades, a sidecar whose briefing is
//! gone, an unreadable one, and hostile text. The snapshots pin the output so
//! that refactoring the exports and reports cannot change a byte unnoticed.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use common::cli::{isolated, stderr, stdout};
use common::{BUNDLED, bundled_path, repo};

const FORMATS: [&str; 3] = ["text", "markdown", "json"];

/// A folder with `briefings/` (the bundled briefing, the anchor fixture as
/// `anchor_fixture` names it, and the reader fixtures) and `notes/` holding
/// the fixture sidecars.
fn setup(anchor_fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let briefings = dir.path().join("briefings");
    let notes = dir.path().join("notes");
    fs::create_dir_all(&briefings).unwrap();
    fs::create_dir_all(&notes).unwrap();
    let fixtures = repo().join("tests/fixtures");
    fs::copy(bundled_path(), briefings.join(format!("{BUNDLED}.toml"))).unwrap();
    fs::copy(
        fixtures.join("annotations").join(anchor_fixture),
        briefings.join("anchor-fixture.toml"),
    )
    .unwrap();
    for name in ["hostile.toml", "doubt.toml", "wide.toml"] {
        fs::copy(fixtures.join("reader").join(name), briefings.join(name)).unwrap();
    }
    fs::copy(
        fixtures
            .join("reader/annotations")
            .join(format!("{BUNDLED}.toml")),
        notes.join(format!("{BUNDLED}.toml")),
    )
    .unwrap();
    for entry in fs::read_dir(fixtures.join("annotations/sidecars")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, notes.join(path.file_name().unwrap())).unwrap();
    }
    fs::write(
        dir.path().join("config.toml"),
        "briefings_dir = \"briefings\"\nannotations_dir = \"notes\"\n",
    )
    .unwrap();
    dir
}

/// Standard output, standard error and the exit code of one command, with the
/// temporary folder written as `[DIR]`.
fn transcript(dir: &Path, args: &[&str]) -> String {
    let out = isolated(dir)
        .args(args)
        .arg("--config")
        .arg(dir.join("config.toml"))
        .output()
        .expect("the binary runs");
    let text = format!(
        "$ briefing {}\n--- stdout\n{}--- stderr\n{}--- exit {:?}\n\n",
        args.join(" "),
        stdout(&out),
        stderr(&out),
        out.status.code()
    );
    let root = dir.canonicalize().unwrap();
    text.replace(&root.display().to_string(), "[DIR]")
        .replace(&dir.display().to_string(), "[DIR]")
}

/// `show` and `annotations` of one briefing in every format.
fn every_export(dir: &Path, briefing: &str) -> String {
    let mut all = String::new();
    for command in ["show", "annotations"] {
        for format in FORMATS {
            all.push_str(&transcript(dir, &[command, briefing, "--format", format]));
        }
    }
    all
}

fn assert_unchanged(name: &str, output: &str) {
    assert!(
        !output.contains("panicked"),
        "{name}: the binary panicked:\n{output}"
    );
    insta::assert_snapshot!(name, output);
}

#[test]
fn exports_of_annotated_briefings_are_unchanged() {
    let dir = setup("original.toml");
    for briefing in [BUNDLED, "anchor-fixture", "hostile", "doubtful-speakers"] {
        assert_unchanged(
            &format!("exports_{briefing}"),
            &every_export(dir.path(), briefing),
        );
    }
    let wide = dir.path().join("briefings/wide.toml");
    let by_path = every_export(dir.path(), &wide.display().to_string());
    assert_unchanged("exports_wide_by_path", &by_path);
}

/// The anchor fixture after its edit: stale, moved and orphaned annotations.
#[test]
fn exports_after_the_briefing_changed_are_unchanged() {
    let dir = setup("edited.toml");
    assert_unchanged(
        "exports_anchor-fixture_edited",
        &every_export(dir.path(), "anchor-fixture"),
    );
}

/// Every sidecar at once: the gone briefing, the broken sidecar, the warning.
#[test]
fn every_sidecar_report_is_unchanged() {
    let dir = setup("edited.toml");
    let mut all = String::new();
    for format in FORMATS {
        all.push_str(&transcript(dir.path(), &["annotations", "--format", format]));
    }
    assert_unchanged("annotations_every_sidecar", &all);
}

/// What `annotate` prints when it shows an annotation or a grade, and its errors.
#[test]
fn annotate_without_changes_prints_the_same() {
    let dir = setup("edited.toml");
    let mut all = String::new();
    let runs: [&[&str]; 7] = [
        &["annotate", "anchor-fixture", "not-back-down"],
        &["annotate", "anchor-fixture", "exports-doubled"],
        &["annotate", "hostile", "mallory-red"],
        &["annotate", "anchor-fixture", "--actor", "minister"],
        &["annotate", "anchor-fixture", "--actor", "opposition-leader"],
        &["annotate", BUNDLED, "no-such-claim", "--note", "x"],
        &["annotate", BUNDLED, "--actor", "nobody"],
    ];
    for args in runs {
        all.push_str(&transcript(dir.path(), args));
    }
    let mut listing = String::new();
    for entry in fs::read_dir(dir.path().join("notes")).unwrap() {
        writeln!(listing, "{}", entry.unwrap().file_name().to_string_lossy()).unwrap();
    }
    assert!(!listing.contains(".bak"), "showing wrote a sidecar:\n{listing}");
    assert_unchanged("annotate_shows", &all);
}

/// Every change `annotate` makes, and every refusal, in order on one sidecar.
#[test]
fn annotate_changes_print_the_same() {
    let dir = setup("edited.toml");
    let orphan = "01a2198e-a280-7000-8000-000000000001";
    let runs: &[&[&str]] = &[
        &[
            "annotate",
            BUNDLED,
            "trump-no",
            "--credibility",
            "3",
            "--note",
            "new",
            "--tag",
            "a",
            "--tag",
            "b",
        ],
        &[
            "annotate",
            BUNDLED,
            "trump-no",
            "--clear-credibility",
            "--tag",
            "",
        ],
        &["annotate", BUNDLED, "trump-no", "--credibility", "7"],
        &["annotate", BUNDLED, "trump-no", "--delete"],
        &["annotate", BUNDLED, "trump-no", "--delete"],
        &["annotate", BUNDLED, "trump-no", "--reattach", "not-a-uuid"],
        &["annotate", BUNDLED, "trump-no", "--reattach", orphan],
        &["annotate", BUNDLED, "trump-no"],
        &["annotate", BUNDLED],
        &[
            "annotate",
            BUNDLED,
            "--actor",
            "mark-galeotti",
            "--note",
            "changed",
        ],
        &[
            "annotate",
            BUNDLED,
            "--actor",
            "donald-trump",
            "--note",
            "no grade yet",
        ],
        &[
            "annotate",
            BUNDLED,
            "--actor",
            "donald-trump",
            "--reliability",
            "Q",
        ],
        &[
            "annotate",
            BUNDLED,
            "--actor",
            "donald-trump",
            "--reliability",
            "e",
        ],
        &["annotate", BUNDLED, "--actor", "donald-trump"],
        &["annotate", BUNDLED, "--actor", "donald-trump", "--delete"],
        &["annotate", "no-such-briefing", "x", "--note", "y"],
    ];
    let mut all = String::new();
    for args in runs {
        all.push_str(&transcript(dir.path(), args));
    }
    assert_unchanged("annotate_changes", &all);
}
