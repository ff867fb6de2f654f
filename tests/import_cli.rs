//! `briefing import` through the real binary: output file, refusing to overwrite,
//! standard input, the default folder, and `briefing check` on the result.

mod common;

use common::cli::{in_dir as briefing, stderr, stdout};
use common::{bundled_path, seed_article as seed};

#[test]
fn import_to_a_file_then_check_it() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed();
    let out = briefing(
        dir.path(),
        &["import", seed.to_str().unwrap(), "-o", "imported.toml"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(printed.contains("5 sections"), "{printed}");
    assert!(
        printed.contains("actors") && printed.contains("claims"),
        "{printed}"
    );
    assert!(printed.contains("Unsure:"), "{printed}");
    let check = briefing(dir.path(), &["check", "imported.toml"], None);
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    let show = briefing(dir.path(), &["show", "imported.toml"], None);
    assert!(show.status.success(), "{}", stderr(&show));
    assert!(stdout(&show).contains("Zakharova"));
}

#[test]
fn never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed();
    let args = ["import", seed.to_str().unwrap(), "-o", "out.toml"];
    assert!(briefing(dir.path(), &args, None).status.success());
    std::fs::write(dir.path().join("out.toml"), "# my corrections\n").unwrap();
    let again = briefing(dir.path(), &args, None);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.toml")).unwrap(),
        "# my corrections\n"
    );
    let forced = briefing(
        dir.path(),
        &["import", seed.to_str().unwrap(), "-o", "out.toml", "--force"],
        None,
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(
        std::fs::read_to_string(dir.path().join("out.toml"))
            .unwrap()
            .contains("[[claims]]")
    );
}

#[test]
fn standard_input_with_title_and_id() {
    let dir = tempfile::tempdir().unwrap();
    let article = "“We will not move,” said union leader Maria Okafor.\nThe port stayed closed on Monday.\n";
    let out = briefing(
        dir.path(),
        &[
            "import",
            "-",
            "-o",
            "stdin.toml",
            "--title",
            "Port Closed",
            "--id",
            "port-closed",
        ],
        Some(article.as_bytes()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // One of each is counted in the singular.
    let printed = stdout(&out);
    for one in ["1 section:", "1 actor:", "1 claim:"] {
        assert!(printed.contains(one), "{one} in {printed}");
    }
    let toml = std::fs::read_to_string(dir.path().join("stdin.toml")).unwrap();
    assert!(toml.contains("title = \"Port Closed\""), "{toml}");
    assert!(toml.contains("id = \"port-closed\""), "{toml}");
    assert!(toml.contains("speaker = \"maria-okafor\""), "{toml}");
    assert!(
        briefing(dir.path(), &["check", "stdin.toml"], None)
            .status
            .success()
    );
}

#[test]
fn default_output_goes_to_the_briefings_folder_named_from_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.md");
    std::fs::write(
        &article,
        "# Port Strike Ends\n\nThe strike ended on Friday, officials said.\n",
    )
    .unwrap();
    let out = briefing(dir.path(), &["import", "article.md"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = dir.path().join("library/port-strike-ends.toml");
    assert!(written.is_file(), "{}", stdout(&out));
    let list = briefing(dir.path(), &["list"], None);
    assert!(stdout(&list).contains("port-strike-ends"), "{}", stdout(&list));
}

#[test]
fn bad_input_is_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("binary.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
    )
    .unwrap();
    for (file, words) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("missing.txt", "cannot read"),
    ] {
        let out = briefing(dir.path(), &["import", file, "-o", "x.toml"], None);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let err = stderr(&out);
        assert!(err.contains(words), "{file}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert!(!dir.path().join("x.toml").exists());
}

#[test]
fn warns_when_the_library_already_has_the_id() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    std::fs::create_dir_all(&library).unwrap();
    std::fs::copy(bundled_path(), library.join("hand-made.toml")).unwrap();
    let seed = seed();
    let out = briefing(dir.path(), &["import", seed.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(
        printed.contains("already has the id `russia-venezuela-levers`"),
        "{printed}"
    );
    let with_id = briefing(
        dir.path(),
        &["import", seed.to_str().unwrap(), "--id", "rvl-draft"],
        None,
    );
    assert!(with_id.status.success());
    assert!(!stdout(&with_id).contains("already has the id"));
    assert!(library.join("rvl-draft.toml").is_file());
}

#[test]
fn published_resolves_dates_without_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed();
    let seed = seed.to_str().unwrap();
    let out = briefing(
        dir.path(),
        &["import", seed, "-o", "dated.toml", "--published", "2025-11-03"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("without a year"), "{}", stdout(&out));
    let toml = std::fs::read_to_string(dir.path().join("dated.toml")).unwrap();
    assert!(toml.contains("published = \"2025-11-03\""), "{toml}");
    // Zakharova spoke "On November 1", and "two days earlier" than that.
    assert!(toml.contains("date = \"2025-11-01\""), "{toml}");
    assert!(toml.contains("date = \"2025-10-30\""), "{toml}");

    let bad = briefing(
        dir.path(),
        &["import", seed, "-o", "x.toml", "--published", "3 Nov"],
        None,
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("not a date"), "{}", stderr(&bad));
}
