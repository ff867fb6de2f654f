//! Issue 9's loader limits and command-line rough edges, through the real binary.

mod common;

use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use common::cli::{isolated, stderr, stdout};
use common::{BUNDLED, bundled_path};

/// A folder with `briefings/` holding the bundled briefing and a config.
fn library(config_extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let briefings = dir.path().join("briefings");
    fs::create_dir(&briefings).unwrap();
    fs::copy(bundled_path(), briefings.join(format!("{BUNDLED}.toml"))).unwrap();
    fs::write(
        dir.path().join("config.toml"),
        format!("briefings_dir = \"briefings\"\nannotations_dir = \"notes\"\n{config_extra}"),
    )
    .unwrap();
    dir
}

/// Runs the binary, killing it (and failing) if it has not finished in a minute:
/// a FIFO or a device must never make a command hang.
fn run(d: &Path, args: &[&str]) -> Output {
    let mut child = isolated(d)
        .arg("--config")
        .arg(d.join("config.toml"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut o = Vec::new();
        let _ = out.read_to_end(&mut o);
        o
    });
    let mut e = Vec::new();
    let _ = err.read_to_end(&mut e);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{args:?} did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: reader.join().unwrap(),
        stderr: e,
    }
}

#[cfg(unix)]
#[test]
fn non_files_are_skipped_as_what_they_are() {
    use std::os::unix::fs::symlink;
    let dir = library("");
    let b = dir.path().join("briefings");
    let fifo = b.join("pipe.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success(),
        "mkfifo"
    );
    symlink("/dev/zero", b.join("zero.toml")).unwrap();
    symlink("/dev/urandom", b.join("random.toml")).unwrap();
    symlink("loop-b.toml", b.join("loop-a.toml")).unwrap();
    symlink("loop-a.toml", b.join("loop-b.toml")).unwrap();
    symlink("nowhere.toml", b.join("dangling.toml")).unwrap();
    fs::create_dir(b.join("folder.toml")).unwrap();

    let out = run(dir.path(), &["check"]);
    let text = stdout(&out);
    for (file, what) in [
        ("pipe.toml", "a FIFO (named pipe)"),
        ("zero.toml", "a symbolic link to a character device"),
        ("random.toml", "a symbolic link to a character device"),
        ("loop-a.toml", "a symbolic link loop"),
        ("loop-b.toml", "a symbolic link loop"),
        ("dangling.toml", "a dangling symbolic link (to nowhere.toml"),
        ("folder.toml", "a folder"),
    ] {
        assert!(
            text.lines().any(|l| l.contains(file) && l.contains(what)),
            "{file}: {what}\n{text}"
        );
    }
    assert!(
        text.contains("1 valid, 0 invalid (0 problems), 7 skipped (not briefing files)"),
        "{text}"
    );
    // Given by name, a FIFO is refused too, not waited on.
    let out = run(dir.path(), &["check", fifo.to_str().unwrap()]);
    assert!(stdout(&out).contains("a FIFO"), "{}", stdout(&out));
    let out = run(dir.path(), &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(BUNDLED));
}

#[test]
fn a_file_over_the_size_cap_is_refused_with_the_limit_named() {
    let dir = library("max_file_mb = 1\n");
    let mut big = fs::read_to_string(bundled_path())
        .unwrap()
        .replace(BUNDLED, "big-one");
    big.push_str(&format!("\n# {}\n", "x".repeat(1_200_000)));
    fs::write(dir.path().join("briefings/big.toml"), big).unwrap();
    let out = run(dir.path(), &["check"]);
    let text = stdout(&out);
    assert!(
        text.contains("big.toml:1:1: not read: the file is 1.2 MB, over the 1.0 MB limit"),
        "{text}"
    );
    assert!(text.contains("max_file_mb"), "{text}");
    // The default cap reads it.
    fs::write(dir.path().join("config.toml"), "briefings_dir = \"briefings\"\n").unwrap();
    let out = run(dir.path(), &["check"]);
    assert!(stdout(&out).contains("2 valid"), "{}", stdout(&out));
}

#[test]
fn a_duplicate_id_keeps_the_original_and_names_both_files() {
    let dir = library("");
    let b = dir.path().join("briefings");
    fs::copy(bundled_path(), b.join(format!("{BUNDLED}-copy.toml"))).unwrap();
    let out = run(dir.path(), &["check"]);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("already used"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.starts_with(&format!("{}", b.join(format!("{BUNDLED}-copy.toml")).display())),
        "{line}"
    );
    assert!(line.contains(&format!("{BUNDLED}.toml, which is kept")), "{line}");
    let out = run(dir.path(), &["list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let path = v[0]["path"].as_str().unwrap();
    assert!(path.ends_with(&format!("{BUNDLED}.toml")), "{path}");
}

#[test]
fn many_problems_are_counted_but_a_hundred_shown() {
    let dir = library("");
    let mut text = String::from(
        "schema = 1\ntitle = \"T\"\npublisher = \"P\"\n[[sections]]\nid = \"s\"\ntext = \"Hello.\"\n",
    );
    for _ in 0..250 {
        text.push_str("[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\n");
    }
    fs::write(dir.path().join("briefings/many.toml"), text).unwrap();
    let out = run(dir.path(), &["check"]);
    let text = stdout(&out);
    assert_eq!(text.matches("duplicate actor id `a`").count(), 100, "{text}");
    assert!(
        text.contains("many.toml: and 149 more problems not shown (249 in all)"),
        "{text}"
    );
    assert!(text.contains("1 valid, 1 invalid (249 problems)"), "{text}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = library("");
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["show", BUNDLED],
        &["show", BUNDLED, "--format", "json"],
    ] {
        let mut child = isolated(dir.path())
            .arg("--config")
            .arg(dir.path().join("config.toml"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Like `| head -0`: the reader goes away before anything is written.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert!(!err.contains("os error"), "{args:?}: {err}");
    }
}

#[test]
fn show_text_and_markdown_read_as_prose() {
    let dir = library("");
    let text = stdout(&run(dir.path(), &["show", BUNDLED]));
    assert!(!text.contains(" 1 mentions"), "{text}");
    assert!(
        text.contains(" 1 mention\n") || text.contains(": 1 mention"),
        "{text}"
    );
    let md = stdout(&run(dir.path(), &["show", BUNDLED, "--format", "markdown"]));
    let related: Vec<&str> = md
        .lines()
        .filter(|l| {
            ["  - contradicts", "  - supports", "  - repeats"]
                .iter()
                .any(|r| l.starts_with(r))
        })
        .collect();
    assert!(!related.is_empty(), "the bundled briefing relates claims");
    for line in related {
        assert!(!line.contains('`'), "a raw id: {line}");
        assert!(line.contains(": "), "speaker and words: {line}");
    }
}

#[test]
fn a_channel_that_names_only_the_kind_is_not_repeated() {
    let dir = library("");
    let source = fs::read_to_string(bundled_path()).unwrap();
    let source = source.replacen("via = \"CBS interview\"", "via = \"report\"", 1);
    let source = source.replacen("via = \"The Washington Post report\"", "via = \"a report\"", 1);
    fs::write(dir.path().join(format!("briefings/{BUNDLED}.toml")), source).unwrap();
    let text = stdout(&run(dir.path(), &["show", BUNDLED]));
    assert!(!text.contains("report, report"), "{text}");
    assert!(!text.contains("report, a report"), "{text}");
    assert!(text.contains("(report, 2025-10-31):"), "{text}");
    // On a claim of another kind the channel says something, and stays.
    assert!(text.contains("(paraphrase, 2025-11-02, report)"), "{text}");
}

#[test]
fn annotate_says_what_was_saved_in_words() {
    let dir = library("");
    let out = run(
        dir.path(),
        &["annotate", BUNDLED, "trump-no", "--credibility", "2"],
    );
    let text = stdout(&out);
    assert!(text.contains("credibility 2 (probably true)"), "{text}");
    assert!(!text.contains("(-2)"), "{text}");
}

#[test]
fn a_date_that_does_not_exist_says_so() {
    let dir = library("");
    let source = fs::read_to_string(bundled_path()).unwrap().replacen(
        "published = \"2025-11\"",
        "published = \"2025-02-30\"",
        1,
    );
    fs::write(dir.path().join(format!("briefings/{BUNDLED}.toml")), source).unwrap();
    let text = stdout(&run(dir.path(), &["check"]));
    assert!(
        text.contains("`2025-02-30` is not a day that exists: February 2025 has 28 days"),
        "{text}"
    );
}
