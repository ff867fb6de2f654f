//! A claim's optional `doubt`: checked on loading, shown by `show` in every format.

mod common;

use std::fs;
use std::path::Path;

use briefing::load::parse_briefing;

use common::cli::{isolated, stderr, stdout};

const BRIEFING: &str = r#"schema = 1
title = "Harbour dispute"
publisher = "Example News"

[[actors]]
id = "ana-ruiz"
name = "Ana Ruiz"
kind = "person"

[[sections]]
id = "lead"
text = """
Ana Ruiz spoke first.

“The harbour stays open,” a second voice added."""

[[claims]]
id = "sure"
section = "lead"
speaker = "ana-ruiz"
kind = "paraphrase"
anchor = "Ana Ruiz spoke first."
text = "Ana Ruiz spoke first."

[[claims]]
id = "harbour-open"
section = "lead"
speaker = "ana-ruiz"
kind = "quote"
text = "The harbour stays open,"
doubt = "speaker carried over from the previous paragraph"
"#;

fn write(dir: &Path, source: &str) -> std::path::PathBuf {
    let path = dir.join("harbour.toml");
    fs::write(&path, source).unwrap();
    path
}

#[test]
fn doubt_is_loaded_and_optional() {
    let b = parse_briefing(Path::new("harbour.toml"), BRIEFING).unwrap();
    assert_eq!(b.claims[0].doubt, None);
    assert_eq!(
        b.claims[1].doubt.as_deref(),
        Some("speaker carried over from the previous paragraph")
    );
}

#[test]
fn empty_or_misplaced_doubt_is_an_error() {
    let empty = BRIEFING.replace("\"speaker carried over from the previous paragraph\"", "\"  \"");
    let problems = parse_briefing(Path::new("harbour.toml"), &empty).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = &problems[0];
    assert!(p.message.contains("doubt"), "{}", p.message);
    let doubt_line = BRIEFING.lines().position(|l| l.starts_with("doubt")).unwrap() + 1;
    assert_eq!(p.line, doubt_line, "points at the value: {p:?}");

    let wrong_type = BRIEFING.replace("\"speaker carried over from the previous paragraph\"", "true");
    assert!(parse_briefing(Path::new("harbour.toml"), &wrong_type).is_err());
}

#[test]
fn show_gives_the_doubt_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), BRIEFING);
    let path = path.to_str().unwrap();
    let run = |format: &str| {
        let out = isolated(dir.path())
            .args(["show", path, "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };

    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let claims = json["claims"].as_array().unwrap();
    assert!(claims[0]["doubt"].is_null(), "present and null when stated");
    assert_eq!(
        claims[1]["doubt"],
        "speaker carried over from the previous paragraph"
    );

    let md = run("markdown");
    let quote_line = md
        .lines()
        .position(|l| l.starts_with("- ") && l.contains("“The harbour stays open,”"))
        .expect("the quote is listed");
    let next: Vec<&str> = md.lines().skip(quote_line + 1).take(1).collect();
    assert_eq!(
        next,
        ["  - *Doubt:* speaker carried over from the previous paragraph"]
    );
    assert_eq!(md.matches("Doubt").count(), 1, "only the doubtful claim: {md}");

    let text = run("text");
    assert!(
        text.contains("    doubt: speaker carried over from the previous paragraph"),
        "{text}"
    );
    assert_eq!(text.matches("doubt:").count(), 1, "{text}");
}
