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
    // A chain of links that ends nowhere is dangling, not a loop.
    symlink("dangling.toml", b.join("chain.toml")).unwrap();
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
        ("chain.toml", "a dangling symbolic link (to dangling.toml"),
        ("folder.toml", "a folder"),
    ] {
        assert!(
            text.lines().any(|l| l.contains(file) && l.contains(what)),
            "{file}: {what}\n{text}"
        );
    }
    assert!(
        text.contains("1 valid, 0 invalid (0 problems), 8 skipped (not briefing files)"),
        "{text}"
    );
    // Given by name, a FIFO is refused too, not waited on.
    let out = run(dir.path(), &["check", fifo.to_str().unwrap()]);
    assert!(stdout(&out).contains("a FIFO"), "{}", stdout(&out));
    let out = run(dir.path(), &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(BUNDLED));
    // `list` says it in one line; `check` names them.
    let err = stderr(&out);
    assert!(err.contains("8 entries named *.toml skipped"), "{err}");
    assert!(!err.contains("FIFO"), "{err}");
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

/// Three annotations made through the CLI; the sidecar's path and the third's id
/// (the last in the file, as annotations are kept sorted by id).
fn three_annotations(d: &Path) -> (std::path::PathBuf, String) {
    for (claim, note) in [
        ("trump-no", "first"),
        ("galeotti-nothing-much", "second"),
        ("ignatov-unlikely-to-help", "third"),
    ] {
        let out = run(d, &["annotate", BUNDLED, claim, "--note", note]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let path = d.join(format!("notes/{BUNDLED}.toml"));
    let text = fs::read_to_string(&path).unwrap();
    let last = text.rfind("[[annotations]]").unwrap();
    let id = text[last..].lines().nth(1).unwrap();
    let id = id.trim_start_matches("id = \"").trim_end_matches('"').to_string();
    (path, id)
}

/// Cuts the sidecar in the middle of its last annotation's anchor.
fn tear(path: &Path) {
    let text = fs::read_to_string(path).unwrap();
    let exact = text.rfind("exact = \"").unwrap();
    fs::write(path, &text[..exact + 20]).unwrap();
}

fn notes(d: &Path) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_slice(&run(d, &["annotations", BUNDLED, "--format", "json"]).stdout).unwrap();
    let mut notes: Vec<String> = v["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["note"].as_str().unwrap().to_string())
        .collect();
    notes.sort();
    notes
}

#[test]
fn a_torn_sidecar_keeps_every_whole_annotation_and_says_what_it_lost() {
    let dir = library("");
    let d = dir.path();
    let (path, torn_id) = three_annotations(d);
    fs::remove_file(d.join(format!("notes/{BUNDLED}.toml.bak"))).unwrap();
    tear(&path);
    let out = run(
        d,
        &["annotate", BUNDLED, "analysts-levers-limited", "--note", "fourth"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(
        err.matches("TOML syntax error").count(),
        1,
        "each problem once:\n{err}"
    );
    assert!(
        err.contains("Carried over: 2 annotations and 0 source grades"),
        "{err}"
    );
    assert!(err.contains(&format!("including annotation {torn_id}")), "{err}");
    assert!(err.contains("set aside as"), "{err}");
    let kept: Vec<String> = notes(d);
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert!(kept.contains(&"fourth".to_string()), "{kept:?}");
}

#[test]
fn a_torn_sidecar_takes_the_lost_annotation_from_the_backup() {
    let dir = library("");
    let d = dir.path();
    let (path, torn_id) = three_annotations(d);
    // One more save, so the backup holds all three whole.
    let out = run(d, &["annotate", BUNDLED, "trump-no", "--credibility", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    tear(&path);
    let out = run(
        d,
        &["annotate", BUNDLED, "analysts-levers-limited", "--note", "fourth"],
    );
    let err = stderr(&out);
    assert!(err.contains("Carried over: 3 annotations"), "{err}");
    assert!(err.contains(&format!("annotation {torn_id} from line")), "{err}");
    assert_eq!(notes(d).len(), 4, "{:?}", notes(d));
}

#[cfg(unix)]
#[test]
fn a_sidecar_that_is_a_link_is_left_alone_with_a_clear_message() {
    let dir = library("");
    let d = dir.path();
    let (path, _) = three_annotations(d);
    let real = d.join("elsewhere.toml");
    fs::rename(&path, &real).unwrap();
    std::os::unix::fs::symlink(&real, &path).unwrap();
    let before = fs::read(&real).unwrap();
    let out = run(d, &["annotate", BUNDLED, "trump-no", "--note", "changed"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("is a symbolic link"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert!(fs::symlink_metadata(&path).unwrap().file_type().is_symlink());
    assert_eq!(fs::read(&real).unwrap(), before);
    // Reading goes through the link.
    assert_eq!(notes(d).len(), 3);
}

#[test]
fn check_reports_every_independent_problem_in_one_run() {
    let dir = library("");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/many-problems.toml");
    let out = run(dir.path(), &["check", fixture.to_str().unwrap()]);
    let text = stdout(&out);
    let headlines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("many-problems.toml:"))
        .collect();
    let expected = [
        ":4:1: unknown field `colour`",
        ":13:8: in [[actors]]: unknown variant `persn`",
        ":14:1: in [[actors]]: unknown field `mood`",
        ":18:8: actor name shows nothing: it holds only control or zero-width characters (U+00AD)",
        ":20:12: alias shows nothing: it holds only control or zero-width characters (U+001B)",
        ":24:11: unknown section `nowhere`",
        ":28:8: `2025-02-30` is not a day that exists",
        ":29:1: in [[claims]]: unknown field `extra`",
        // A bad kind no longer hides the claim's dangling speaker.
        ":34:11: unknown speaker `carol`",
        ":35:8: in [[claims]]: unknown variant `quot`",
    ];
    assert_eq!(headlines.len(), expected.len(), "{text}");
    for (line, want) in headlines.iter().zip(expected) {
        assert!(line.contains(want), "{line} should contain {want}");
    }
    assert!(text.contains("0 valid, 1 invalid (10 problems)"), "{text}");
}

#[test]
fn a_syntax_error_says_it_hides_the_rest() {
    let dir = library("");
    fs::write(
        dir.path().join("briefings/broken.toml"),
        "schema = 1\ntitle = = \"x\"\npublisher = \"P\"\n",
    )
    .unwrap();
    let text = stdout(&run(dir.path(), &["check"]));
    assert!(
        text.contains("TOML syntax error (the rest of the file is checked once the syntax is fixed)"),
        "{text}"
    );
}
