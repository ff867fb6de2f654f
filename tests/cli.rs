//! The non-interactive commands through the real binary.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use briefing::config::Lookup;

use common::cli::{isolated, stderr, stdout};
use common::{BUNDLED, bundled_path, repo, seed_article};

/// Runs the binary from `cwd` with no config in the environment.
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    isolated(cwd).args(args).output().expect("the binary runs")
}

fn run(args: &[&str]) -> Output {
    run_in(&repo(), args)
}

/// A folder holding a copy of the bundled briefing and a config pointing at it.
fn library_with(extra: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let briefings = dir.path().join("briefings");
    fs::create_dir(&briefings).unwrap();
    fs::copy(bundled_path(), briefings.join(format!("{BUNDLED}.toml"))).unwrap();
    for (name, bytes) in extra {
        fs::write(briefings.join(name), bytes).unwrap();
    }
    fs::write(dir.path().join("config.toml"), "briefings_dir = \"briefings\"\n").unwrap();
    dir
}

#[test]
fn list_shows_the_bundled_briefing_with_counts() {
    let out = run(&["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with(BUNDLED), "{text}");
    assert!(
        text.contains("5 sections") && text.contains("35 actors") && text.contains("37 claims"),
        "{text}"
    );
}

#[test]
fn list_json_shape() {
    let out = run(&["list", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = v.as_array().unwrap();
    assert_eq!(entries.len(), 1);
    let e = entries[0].as_object().unwrap();
    let mut keys: Vec<&str> = e.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "actors",
            "claims",
            "id",
            "path",
            "published",
            "publisher",
            "sections",
            "title"
        ]
    );
    assert_eq!(e["id"], BUNDLED);
    assert!(e["publisher"].as_str().is_some_and(|p| !p.is_empty()), "{e:?}");
    assert_eq!(e["published"], "2025-11");
    assert_eq!(
        (e["sections"].as_u64(), e["actors"].as_u64(), e["claims"].as_u64()),
        (Some(5), Some(35), Some(37))
    );
    assert!(
        e["path"]
            .as_str()
            .unwrap()
            .ends_with("russia-venezuela-levers.toml")
    );
}

#[test]
fn check_passes_on_the_bundled_briefings() {
    let out = run(&["check"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("1 valid, 0 invalid"));
}

#[test]
fn show_json_carries_the_whole_article() {
    let out = run(&["show", BUNDLED, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let top: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "id",
        "title",
        "publisher",
        "published",
        "url",
        "summary",
        "note",
        "sections",
        "actors",
        "claims",
    ] {
        assert!(top.contains(&key), "missing {key}");
    }
    let headings: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["heading"].as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Seeking Support?",
            "‘Ready To React’",
            "Levers And Limitations",
            "Geopolitical Calculus"
        ]
    );
    assert!(v["sections"][0]["heading"].is_null(), "the lead has no heading");

    // Every paragraph of the article is in the sections.
    let article = fs::read_to_string(seed_article()).unwrap();
    let all_text: String = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    for line in article.lines().skip(1).map(str::trim).filter(|l| !l.is_empty()) {
        if headings.contains(&line) {
            continue;
        }
        assert!(all_text.contains(line), "paragraph missing: {line}");
    }

    let actor = &v["actors"][0];
    for key in ["id", "name", "kind", "role", "aliases", "mentions"] {
        assert!(actor.get(key).is_some(), "actor lacks {key}");
    }
    let claims = v["claims"].as_array().unwrap();
    let claim = |id: &str| {
        claims
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no claim {id}"))
    };
    for key in [
        "id", "section", "speaker", "about", "kind", "text", "anchor", "date", "via", "related",
    ] {
        assert!(claims[0].get(key).is_some(), "claim lacks {key}");
    }
    // Direct quotes keep their speakers.
    let speaker_of = |quote: &str| {
        claims
            .iter()
            .find(|c| c["kind"] == "quote" && c["text"].as_str().unwrap().contains(quote))
            .map(|c| c["speaker"].as_str().unwrap_or("").to_string())
    };
    for (quote, speaker) in [
        ("I think so, yeah", "donald-trump"),
        ("To put it bluntly", "mark-galeotti"),
        ("ready to continue to react", "maria-zakharova"),
        ("Elementary geography", "oleg-ignatov"),
        ("a clear manifestation", "vladimir-rouvinski"),
        ("fugitive from American justice", "marco-rubio"),
    ] {
        assert_eq!(speaker_of(quote).as_deref(), Some(speaker), "{quote}");
    }
    let no = claims.iter().find(|c| c["text"] == "No.").expect("Trump's “No.”");
    assert_eq!(no["date"], "2025-10-31");
    let related = no["related"].as_array().unwrap();
    assert!(related.iter().any(|r| {
        r["relation"] == "contradicts"
            && claim(r["claim"].as_str().unwrap())["text"]
                .as_str()
                .unwrap()
                .contains("The land is going to be next")
    }));
    assert!(claims.len() >= 18);
    assert!(v["actors"].as_array().unwrap().len() >= 20);
}

#[test]
fn show_markdown_and_text_are_readable() {
    let md = stdout(&run(&["show", BUNDLED, "--format", "markdown"]));
    assert!(md.starts_with("# Russia’s Levers"), "{md}");
    assert!(md.contains("\n## Seeking Support?\n"));
    assert!(md.contains("- **Mark Galeotti** (quote, e-mailed comment to RFE/RL): “In a perverse way"));
    let text = stdout(&run(&["show", "briefings/russia-venezuela-levers.toml"]));
    assert!(text.contains("Levers And Limitations\n----------------------"));
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
        "wrapped to 80 columns"
    );
}

#[test]
fn show_unknown_id_says_what_to_do() {
    let out = run(&["show", "no-such-briefing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no briefing `no-such-briefing`"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("briefing list"));
}

#[test]
fn one_good_and_several_broken_files() {
    let dir = library_with(&[
        ("syntax.toml", b"schema = 1\ntitle = \"x\n"),
        ("empty.toml", b""),
        ("latin1.toml", b"schema = 1\ntitle = \"caf\xe9\"\n"),
        ("dangling.toml", b"schema = 1\ntitle = \"T\"\npublisher = \"P\"\n[[sections]]\nid = \"lead\"\ntext = \"Hello.\"\n[[claims]]\nid = \"c\"\nsection = \"intro\"\nkind = \"quote\"\ntext = \"Hello.\"\n"),
    ]);
    let check = run_in(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    let report = stdout(&check);
    for expected in [
        "briefings/dangling.toml:9:11: unknown section `intro`",
        "briefings/empty.toml:1:1: file is empty",
        "briefings/latin1.toml:2:13: file is not valid UTF-8",
        "briefings/syntax.toml:2:11: TOML syntax error",
        "1 valid, 4 invalid",
    ] {
        assert!(report.contains(expected), "expected {expected:?} in:\n{report}");
    }

    let list = run_in(dir.path(), &["list"]);
    assert!(list.status.success());
    assert!(stdout(&list).starts_with(BUNDLED));
    assert!(stderr(&list).contains("4 files skipped"), "{}", stderr(&list));

    // Checking a single good file passes even when its neighbours are broken.
    let one = run_in(dir.path(), &["check", &format!("briefings/{BUNDLED}.toml")]);
    assert!(one.status.success());
}

#[test]
fn nothing_is_written_into_briefing_files() {
    let path = bundled_path();
    let before = fs::read(&path).unwrap();
    for args in [&["list"][..], &["check"], &["show", BUNDLED, "--format", "json"]] {
        run(args);
    }
    assert_eq!(before, fs::read(&path).unwrap());
}

#[test]
fn config_errors_name_the_key_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("config.toml"),
        "briefings_dir = \"b\"\nbriefing_dir = \"x\"\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("config.toml:2:1: unknown field `briefing_dir`"),
        "{err}"
    );
}

#[test]
fn config_flag_and_environment_variable() {
    let dir = library_with(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let by_flag = run_in(elsewhere.path(), &["list", "--config", config.to_str().unwrap()]);
    assert!(stdout(&by_flag).starts_with(BUNDLED), "{}", stderr(&by_flag));

    let by_env = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("list")
        .current_dir(elsewhere.path())
        .env("BRIEFING_CONFIG", &config)
        .output()
        .unwrap();
    assert!(stdout(&by_env).starts_with(BUNDLED), "{}", stderr(&by_env));

    let missing = run_in(elsewhere.path(), &["--config", "nope.toml", "list"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("nope.toml (from --config) cannot be read"),
        "{}",
        stderr(&missing)
    );
}

/// Writes a config file whose `briefings_dir` names where it came from.
fn marked_config(dir: &Path, mark: &str) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let path = dir.join("config.toml");
    fs::write(&path, format!("briefings_dir = \"{mark}\"\n")).unwrap();
    path
}

#[test]
fn config_lookup_order() {
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    let explicit = marked_config(&r.join("explicit"), "from-flag");
    let env = marked_config(&r.join("env"), "from-env");
    marked_config(&r.join("cwd"), "from-cwd");
    marked_config(&r.join("xdg/briefing"), "from-xdg");
    let mut lookup = Lookup {
        explicit: Some(explicit),
        env: Some(env),
        cwd: r.join("cwd"),
        xdg_config_dir: Some(r.join("xdg/briefing")),
        xdg_data_dir: Some(r.join("data/briefing")),
    };
    let dir_name = |l: &Lookup| {
        l.load()
            .unwrap()
            .briefings_dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    assert_eq!(dir_name(&lookup), "from-flag");
    lookup.explicit = None;
    assert_eq!(dir_name(&lookup), "from-env");
    lookup.env = None;
    assert_eq!(dir_name(&lookup), "from-cwd");
    lookup.cwd = r.join("elsewhere");
    assert_eq!(dir_name(&lookup), "from-xdg");
    lookup.xdg_config_dir = Some(r.join("no-such-folder"));
    let defaults = lookup.load().unwrap();
    assert_eq!(defaults.path, None);
    assert_eq!(defaults.briefings_dir, r.join("data/briefing/briefings"));
    assert_eq!(defaults.annotations_dir, r.join("data/briefing/annotations"));
}

#[test]
fn help_has_examples_on_every_command() {
    for cmd in ["list", "show", "check", "import", "annotate", "annotations"] {
        let out = run(&[cmd, "--help"]);
        assert!(out.status.success());
        assert!(
            stdout(&out).contains("Example"),
            "`{cmd} --help` lacks an example"
        );
    }
    assert!(stdout(&run(&["--help"])).contains("Examples:"));
}
