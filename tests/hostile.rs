//! A hostile corpus: control bytes (C0, C1, OSC 52, CSI) and bidi overrides in
//! every place a file, a sidecar, a config or an argument can put them. Every
//! command runs on it, and nothing it prints may drive the terminal.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::bundled_path;
use common::cli::isolated;

/// The payload as a TOML escape sequence: OSC 52 clipboard write, clear screen,
/// a C1 CSI, a bidi override, NEL and DEL.
const TOML_PAYLOAD: &str = r"\u001b]52;c;aGVsbG8=\u0007\u001b[2J\u009b31m\u202eevil\u0085\u007f";
/// The same payload as it reaches the program.
const PAYLOAD: &str = "\u{1b}]52;c;aGVsbG8=\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil\u{85}\u{7f}";

fn is_bad(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The first unsafe character in the output, described; `None` when clean.
fn leak(what: &str, bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let (at, c) = text.char_indices().find(|&(_, c)| is_bad(c))?;
    let from = text[..at].char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let to = text[at..]
        .char_indices()
        .nth(20)
        .map_or(text.len(), |(i, _)| at + i);
    Some(format!(
        "{what} printed U+{:04X} at byte {at}: {:?}",
        c as u32,
        &text[from..to]
    ))
}

/// A library of hostile files, a sidecar and a config; returns its folder.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let briefings = d.join("briefings");
    fs::create_dir(&briefings).unwrap();
    let good = fs::read_to_string(bundled_path()).unwrap();
    fs::write(briefings.join("russia-venezuela-levers.toml"), &good).unwrap();
    let p = TOML_PAYLOAD;
    let header = "schema = 1\ntitle = \"T\"\npublisher = \"P\"\n";
    let section = "[[sections]]\nid = \"lead\"\ntext = \"Alice said hello to Bob.\"\n";
    let files = [
        // Ids, an unknown field, references, kinds, relations and dates.
        (
            "ids.toml".to_string(),
            format!(
                "{header}id = \"{p}\"\npublished = \"{p}\"\n\"{p}\" = 1\n{section}\n[[actors]]\nid = \"{p}\"\nname = \"A\"\nkind = \"person\"\n\n[[actors]]\nid = \"b\"\nname = \"B\"\nkind = \"{p}\"\n\n[[claims]]\nid = \"c\"\nsection = \"{p}\"\nspeaker = \"{p}\"\nabout = [\"{p}\"]\nkind = \"quote\"\ntext = \"hello\"\ndate = \"{p}\"\n[[claims.related]]\nclaim = \"{p}\"\nrelation = \"{p}\"\n"
            ),
        ),
        // A syntax error on a line holding the payload raw.
        (
            "syntax.toml".to_string(),
            format!("{header}title = = \"{PAYLOAD}\"\n"),
        ),
        // Raw control bytes in values and a key.
        (
            "raw.toml".to_string(),
            format!(
                "{header}{section}\n[[claims]]\nid = \"x\"\nsection = \"lead\"\nkind = \"{PAYLOAD}\"\ntext = \"hello\"\n"
            ),
        ),
        // Invisible names and aliases.
        (
            "invisible.toml".to_string(),
            format!(
                "{header}{section}\n[[actors]]\nid = \"a\"\nname = \"\\u001b\\u200b\"\nkind = \"person\"\naliases = [\"\\u00ad\", \"{p}\"]\n"
            ),
        ),
        // File names with control characters: one broken, one valid.
        (format!("name{PAYLOAD}.toml"), "not toml at all = = =".to_string()),
        (
            format!("ok{PAYLOAD}.toml"),
            format!("{header}id = \"named-oddly\"\n{section}"),
        ),
        // A duplicate id, so a message names both files.
        (format!("zz{PAYLOAD}.toml"), good.clone()),
    ];
    for (name, text) in files {
        fs::write(briefings.join(name), text).unwrap();
    }
    let notes = d.join("notes");
    fs::create_dir(&notes).unwrap();
    fs::write(
        notes.join("russia-venezuela-levers.toml"),
        format!(
            "schema = 1\nbriefing = \"russia-venezuela-levers\"\n\"{p}\" = 1\n\n[[actors]]\nactor = \"trump\"\nreliability = \"{p}\"\nnote = \"{p}\"\nmodified = \"2026-01-01T00:00:00Z\"\n\n[[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cde\"\nclaim = \"{p}\"\nnote = \"{p}\"\ntags = [\"{p}\"]\ncreated = \"2026-01-01T00:00:00Z\"\nmodified = \"2026-01-01T00:00:00Z\"\n\n[annotations.anchor]\nexact = \"{p}\"\n\"{p}\" = \"{p}\"\n"
        ),
    )
    .unwrap();
    fs::write(
        notes.join("gone.toml"),
        format!("schema = 1\nbriefing = \"gone\"\n[[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cdf\"\nclaim = \"{p}\"\nnote = \"{p}\"\ncreated = \"2026-01-01T00:00:00Z\"\nmodified = \"2026-01-01T00:00:00Z\"\n[annotations.anchor]\nexact = \"{p}\"\n"),
    )
    .unwrap();
    fs::write(
        d.join("config.toml"),
        format!("briefings_dir = \"briefings\"\nannotations_dir = \"notes\"\n\n[theme]\n\"{p}\" = \"{p}\"\n\n[keys]\n\"{p}\" = \"{p}\"\n"),
    )
    .unwrap();
    fs::write(
        d.join("article.txt"),
        format!("Headline {PAYLOAD} here\n\nBy Someone{PAYLOAD}\n\nAlice{PAYLOAD} Smith said: “We will {PAYLOAD} act.” Bob said that it is\u{202e} fine.\n"),
    )
    .unwrap();
    dir
}

fn run(d: &Path, args: &[&str]) -> Output {
    isolated(d)
        .arg("--config")
        .arg(d.join("config.toml"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn no_command_prints_control_bytes() {
    let dir = corpus();
    let d = dir.path();
    let b = "russia-venezuela-levers";
    let ids = d.join("briefings/ids.toml");
    let ids = ids.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        vec!["check"],
        vec!["check", ids],
        vec!["show", b],
        vec!["show", b, "--format", "markdown"],
        vec!["show", b, "--format", "json"],
        vec!["show", PAYLOAD],
        vec!["show", ids],
        vec!["annotate", b, PAYLOAD],
        vec!["annotate", b, "--actor", PAYLOAD],
        vec!["annotate", b, "--actor", "trump", "--reliability", PAYLOAD],
        vec!["annotate", b, "trump-no", "--reattach", PAYLOAD],
        vec!["annotate", b, "trump-no", "--note", PAYLOAD, "--tag", PAYLOAD],
        vec!["annotate", b, "trump-no"],
        vec!["annotations"],
        vec!["annotations", "--format", "markdown"],
        vec!["annotations", "--format", "json"],
        vec!["annotations", b],
        vec!["import", "article.txt", "-o", "out1.toml"],
        vec!["import", "article.txt", "-o", "out2.toml", "--title", PAYLOAD],
        vec!["import", "article.txt", "-o", "out3.toml", "--id", PAYLOAD],
        vec!["import", PAYLOAD],
        vec!["search", PAYLOAD],
        vec!["search", "hello", "--json"],
        vec!["actors"],
        vec!["actors", PAYLOAD],
        vec!["actors", "--json"],
        vec!["timeline"],
        vec!["timeline", "--actor", PAYLOAD],
        vec!["timeline", "--briefing", PAYLOAD, "--json"],
        vec!["index"],
        vec!["index", "--json"],
        vec![PAYLOAD],
    ];
    let mut leaks = Vec::new();
    for args in &commands {
        let out = run(d, args);
        let what = format!("{args:?}").replace(PAYLOAD, "PAYLOAD");
        leaks.extend(leak(&format!("{what} stdout"), &out.stdout));
        leaks.extend(leak(&format!("{what} stderr"), &out.stderr));
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
    // The corpus did reach the messages, escaped.
    let check = run(d, &["check"]);
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(text.contains(r"\u{1b}]52;c;aGVsbG8="), "{text}");
    assert!(text.contains(r"name\u{1b}]52"), "{text}");
    for args in [
        vec!["annotate", b, PAYLOAD],
        vec!["annotate", b, "--actor", PAYLOAD],
        vec!["annotate", b, "--actor", "donald-trump", "--reliability", PAYLOAD],
        vec!["show", PAYLOAD],
        vec!["import", "article.txt", "--id", PAYLOAD],
    ] {
        let err = String::from_utf8_lossy(&run(d, &args).stderr).into_owned();
        assert!(err.contains(r"\u{1b}]52;c;aGVsbG8=\u{7}"), "{args:?}: {err}");
    }
}

#[test]
fn key_and_theme_messages_escape_what_they_quote() {
    let p = TOML_PAYLOAD;
    let source = format!(
        "[theme]\n\"{p}\" = \"bold\"\nmention = \"{p}\"\n\n[keys]\n\"{p}\" = \"q\"\nquit = \"{p}\"\n"
    );
    let config =
        briefing::config::Config::parse(Path::new("config.toml"), source, Path::new("/nowhere")).unwrap();
    let keys = briefing::ui::keymap::Keymap::from_config(&config).unwrap_err();
    let theme = briefing::ui::theme::Theme::from_config(&config, false).unwrap_err();
    assert!(keys.len() >= 2 && theme.len() >= 2, "{keys:?} {theme:?}");
    for d in keys.iter().chain(&theme) {
        let shown = d.to_string();
        assert!(leak("message", shown.as_bytes()).is_none(), "{shown:?}");
        assert!(shown.contains(r"\u{1b}]52"), "{shown}");
    }
}

/// clap quotes a rejected argument as typed: those messages are escaped too,
/// and keep clap's exit code.
#[test]
fn command_line_errors_escape_the_argument() {
    let dir = corpus();
    let d = dir.path();
    let b = "russia-venezuela-levers";
    let unknown = format!("--x{PAYLOAD}");
    let runs: [Vec<&str>; 6] = [
        vec!["timeline", "--from", PAYLOAD],
        vec!["show", b, "--format", PAYLOAD],
        vec!["annotate", b, "trump-no", "--credibility", PAYLOAD],
        vec!["list", &unknown],
        vec![PAYLOAD, "list"],
        vec!["edit", b, "claim", "trump-no", "--date", PAYLOAD],
    ];
    for args in runs {
        let out = run(d, &args);
        let what = args.join(" ").replace(PAYLOAD, "PAYLOAD");
        assert_eq!(leak(&what, &out.stdout), None);
        assert_eq!(leak(&what, &out.stderr), None);
        let err = String::from_utf8_lossy(&out.stderr);
        // clap drops whole escape sequences from its plain message; what is
        // left shows escaped.
        if what != "list --xPAYLOAD" {
            assert!(err.contains(r"\u{202e}evil"), "{what}: {err}");
        }
        assert_ne!(out.status.code(), Some(0), "{what}");
    }
    // A clean mistake keeps clap's own message and exit code.
    let out = run(d, &["show", b, "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'yaml' for '--format <FORMAT>'"));
}

/// A briefing that loads, with the payload in every text it shows (title,
/// byline, summary, note, names, roles, headings, section text, claim words,
/// via, doubt) and a sidecar that reads, with it in notes, tags and grades:
/// every export of it prints the words and none of the control bytes.
#[test]
fn a_valid_briefing_full_of_control_bytes_prints_clean() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = TOML_PAYLOAD;
    fs::create_dir(d.join("briefings")).unwrap();
    fs::create_dir(d.join("notes")).unwrap();
    let briefing = format!(
        "schema = 1\nid = \"evil\"\ntitle = \"Title {p}\"\npublisher = \"Pub {p}\"\npublished = \"2025\"\nurl = \"https://example.org/{p}\"\nsummary = \"Summary {p}\"\nnote = \"Note {p}\"\n\n\
         [[actors]]\nid = \"mal\"\nname = \"Mal {p}\"\nkind = \"person\"\nrole = \"Role {p}\"\naliases = [\"Mallory\"]\n\n\
         [[sections]]\nid = \"lead\"\ntext = \"Mallory said: \\u201cWords {p} here.\\u201d Later, reports {p} said more.\"\n\n\
         [[sections]]\nid = \"two\"\nheading = \"Heading {p}\"\ntext = \"Second {p} section.\"\n\n\
         [[claims]]\nid = \"q\"\nsection = \"lead\"\nspeaker = \"mal\"\nkind = \"quote\"\ntext = \"Words {p} here.\"\nvia = \"Via {p}\"\ndoubt = \"Doubt {p}\"\n\n\
         [[claims]]\nid = \"r\"\nsection = \"lead\"\nkind = \"report\"\ntext = \"Report {p}\"\nanchor = \"reports {p} said\"\n[[claims.related]]\nclaim = \"q\"\nrelation = \"supports\"\n"
    );
    fs::write(d.join("briefings/evil.toml"), briefing).unwrap();
    let sidecar = format!(
        "schema = 1\nbriefing = \"evil\"\n\n[[actors]]\nactor = \"mal\"\nreliability = \"E\"\nnote = \"Grade {p}\"\nmodified = \"2026-01-01T00:00:00Z\"\n\n\
         [[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cde\"\nclaim = \"q\"\ncredibility = 4\nnote = \"Annotation {p}\\nsecond line\"\ntags = [\"tag{p}\"]\ncreated = \"2026-01-01T00:00:00Z\"\nmodified = \"2026-01-02T00:00:00Z\"\n\n\
         [[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cdf\"\nclaim = \"gone\"\nnote = \"Orphan {p}\"\ncreated = \"2026-01-01T00:00:00Z\"\nmodified = \"2026-01-01T00:00:00Z\"\n[annotations.anchor]\nexact = \"Quote {p}\"\n"
    );
    fs::write(d.join("notes/evil.toml"), sidecar).unwrap();
    fs::write(
        d.join("config.toml"),
        "briefings_dir = \"briefings\"\nannotations_dir = \"notes\"\n",
    )
    .unwrap();
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for format in ["text", "markdown", "json"] {
        runs.push(vec!["show", "evil", "--format", format]);
        runs.push(vec!["annotations", "evil", "--format", format]);
    }
    runs.push(vec!["annotate", "evil", "q"]);
    runs.push(vec!["annotate", "evil", "--actor", "mal"]);
    runs.push(vec!["list"]);
    runs.push(vec!["check"]);
    for args in &runs {
        let out = run(d, args);
        let what = args.join(" ");
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(leak(&format!("{what} stdout"), &out.stdout), None);
        assert_eq!(leak(&format!("{what} stderr"), &out.stderr), None);
    }
    // The words themselves got through, around the dropped bytes.
    let text = String::from_utf8_lossy(&run(d, &["show", "evil"]).stdout).into_owned();
    for words in ["Title ", "Mal ", "Heading ", "Words ", "Doubt ", "Summary "] {
        assert!(text.contains(words), "{words:?} missing from:\n{text}");
    }
    assert!(text.contains("evil"), "{text}");
    let notes = String::from_utf8_lossy(&run(d, &["annotations", "evil", "--format", "markdown"]).stdout)
        .into_owned();
    for words in ["Annotation ", "Orphan ", "Grade ", "tag"] {
        assert!(notes.contains(words), "{words:?} missing from:\n{notes}");
    }
}

/// The sidecar folder's name comes from the config file, and set-aside files
/// keep whatever name they had: every message naming them escapes it.
#[test]
fn a_hostile_annotations_folder_is_named_safely() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("briefings")).unwrap();
    fs::copy(bundled_path(), d.join("briefings/russia-venezuela-levers.toml")).unwrap();
    let notes = d.join(format!("notes{PAYLOAD}"));
    fs::create_dir(&notes).unwrap();
    fs::write(notes.join(format!("x{PAYLOAD}.toml.unreadable-2026")), "x").unwrap();
    fs::write(notes.join("gone.toml"), "schema = 1\nbriefing = \"gone\"\n").unwrap();
    fs::write(
        d.join("config.toml"),
        format!("briefings_dir = \"briefings\"\nannotations_dir = \"notes{TOML_PAYLOAD}\"\n"),
    )
    .unwrap();
    let b = "russia-venezuela-levers";
    let runs: [&[&str]; 9] = [
        &["annotate", b, "trump-no", "--note", "n"],
        &[
            "annotate",
            b,
            "trump-no",
            "--reattach",
            "01a21971-08d3-7289-bcbe-62f166459cde",
        ],
        &["annotate", b, "--actor", "cbs", "--reliability", "B"],
        &["annotate", b, "--actor", "cbs", "--delete"],
        &["annotations"],
        &["annotations", "--format", "markdown"],
        &["annotations", "--format", "json"],
        &["annotations", b],
        &["annotate", b, "trump-no", "--delete"],
    ];
    let mut named = 0;
    for args in runs {
        let out = run(d, args);
        let what = args.join(" ");
        assert_eq!(leak(&format!("{what} stdout"), &out.stdout), None);
        assert_eq!(leak(&format!("{what} stderr"), &out.stderr), None);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if all.contains(r"notes\u{1b}]52;c;aGVsbG8=") || all.contains(r"notes\\u001b]52") {
            named += 1;
        }
    }
    assert!(
        named >= 6,
        "the folder was named, escaped, in most messages ({named})"
    );
}
