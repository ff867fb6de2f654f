//! Every kind of bad briefing gets a precise `path:line:col: message`.

use std::path::Path;

use briefing::diagnostic::Diagnostic;
use briefing::load::{decode, parse_briefing};

/// A small valid briefing; each test breaks one thing in it.
const GOOD: &str = r#"schema = 1
title = "A test briefing"
publisher = "Test Press"
published = "2025-11-02"

[[actors]]
id = "trump"
name = "Donald Trump"
kind = "person"
aliases = ["Trump"]

[[actors]]
id = "venezuela"
name = "Venezuela"
kind = "state"

[[sections]]
id = "lead"
text = """
Trump said “The land is going to be next,” on October 23.

Then he said: “No.”"""

[[claims]]
id = "land-next"
section = "lead"
speaker = "trump"
about = ["venezuela"]
kind = "quote"
text = "The land is going to be next,"
date = "2025-10-23"

[[claims]]
id = "no"
section = "lead"
speaker = "trump"
kind = "paraphrase"
text = "Trump denied it."
anchor = "Then he said"
related = [{ claim = "land-next", relation = "contradicts" }]
"#;

fn errors(source: &str) -> Vec<Diagnostic> {
    parse_briefing(Path::new("b.toml"), source).expect_err("the briefing should be rejected")
}

/// Replaces exactly one occurrence, so each test breaks what it says.
fn with(from: &str, to: &str) -> String {
    assert_eq!(GOOD.matches(from).count(), 1, "`{from}` must occur once in GOOD");
    GOOD.replacen(from, to, 1)
}

/// `(line, col, message)` of every diagnostic.
fn located(source: &str) -> Vec<(usize, usize, String)> {
    errors(source)
        .into_iter()
        .map(|d| (d.line, d.col, d.message))
        .collect()
}

#[test]
fn the_good_briefing_loads() {
    let b = parse_briefing(Path::new("good-one.toml"), GOOD).unwrap();
    assert_eq!(b.id, "good-one");
    assert_eq!(b.claims.len(), 2);
}

#[test]
fn toml_syntax_error() {
    let found = located(&with("kind = \"state\"", "kind = \"state"));
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, col, message) = &found[0];
    // Where the closing quote is missing: the end of the line.
    assert_eq!((*line, *col), (15, 14));
    assert!(message.starts_with("TOML syntax error"), "{message}");
}

#[test]
fn unknown_field_points_at_the_key() {
    let found = located(&with("speaker = \"trump\"\nabout", "speeker = \"trump\"\nabout"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (27, 1));
    assert!(found[0].2.contains("unknown field `speeker`"), "{}", found[0].2);
}

#[test]
fn missing_field_names_it() {
    let found = located(&with("name = \"Venezuela\"\n", ""));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("missing field `name`"), "{}", found[0].2);
    // The table that lacks it: the `[[actors]]` header on line 12.
    assert_eq!((found[0].0, found[0].1), (12, 1));
}

#[test]
fn wrong_kind_lists_the_choices() {
    let found = located(&with("kind = \"state\"", "kind = \"country\""));
    assert_eq!((found[0].0, found[0].1), (15, 8));
    assert!(found[0].2.contains("unknown variant `country`"), "{}", found[0].2);
    assert!(found[0].2.contains("person"), "{}", found[0].2);
}

#[test]
fn duplicate_ids() {
    let found = located(&with("id = \"venezuela\"", "id = \"trump\""));
    assert!(
        found.contains(&(13, 6, "duplicate actor id `trump`".into())),
        "{found:?}"
    );
}

#[test]
fn dangling_references_each_reported() {
    let source = with(
        "section = \"lead\"\nspeaker = \"trump\"\nabout",
        "section = \"intro\"\nspeaker = \"trumpp\"\nabout",
    )
    .replace("about = [\"venezuela\"]", "about = [\"venezuela\", \"cuba\"]")
    .replace("claim = \"land-next\"", "claim = \"land-later\"");
    let found = located(&source);
    assert_eq!(
        found,
        vec![
            (26, 11, "unknown section `intro`".into()),
            (27, 11, "unknown speaker `trumpp`".into()),
            (28, 23, "unknown actor in `about` `cuba`".into()),
            (40, 22, "unknown related claim `land-later`".into()),
        ]
    );
}

#[test]
fn quote_not_in_its_section() {
    let found = located(&with(
        "text = \"The land is going to be next,\"",
        "text = \"The sea is next\"",
    ));
    assert_eq!(
        found,
        vec![(
            30,
            8,
            "quote of claim `land-next` not found in section `lead`".into()
        )]
    );
}

#[test]
fn quote_matching_ignores_whitespace_and_curly_quotes() {
    let source = with(
        "text = \"The land is going to be next,\"",
        "text = \"\\\"The land   is going\\nto be next,\\\"\"",
    );
    assert!(parse_briefing(Path::new("b.toml"), &source).is_ok());
}

#[test]
fn anchor_not_in_its_section_and_missing_anchor() {
    let found = located(&with("anchor = \"Then he said\"", "anchor = \"Later he said\""));
    assert_eq!(
        found,
        vec![(39, 10, "anchor of claim `no` not found in section `lead`".into())]
    );
    let found = located(&with("anchor = \"Then he said\"\n", ""));
    assert!(
        found
            .iter()
            .any(|(l, c, m)| (*l, *c) == (34, 6) && m.contains("needs an `anchor`")),
        "{found:?}"
    );
}

#[test]
fn bad_dates() {
    let found = located(
        &with("date = \"2025-10-23\"", "date = \"2025-10-32\"").replace("\"2025-11-02\"", "\"Nov 2025\""),
    );
    assert_eq!(
        found,
        vec![
            (
                4,
                13,
                "`Nov 2025` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD".into()
            ),
            (
                31,
                8,
                "`2025-10-32` is not a day that exists: October 2025 has 31 days".into()
            ),
        ]
    );
}

#[test]
fn empty_title() {
    assert_eq!(
        located(&with("\"A test briefing\"", "\"  \"")),
        vec![(2, 9, "title is empty".into())]
    );
}

#[test]
fn empty_file() {
    for source in ["", "  \n\n"] {
        let found = located(source);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1), (1, 1));
        assert!(found[0].2.starts_with("file is empty"), "{}", found[0].2);
    }
}

#[test]
fn non_utf8_file_points_at_the_bad_byte() {
    let mut bytes = b"schema = 1\ntitle = \"caf".to_vec();
    bytes.push(0xE9); // Latin-1 é
    bytes.extend_from_slice(b"\"\n");
    let err = decode(Path::new("latin1.toml"), &bytes).unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!((err[0].line, err[0].col), (2, 13));
    assert!(err[0].message.contains("not valid UTF-8"), "{}", err[0].message);
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let source = with("id = \"venezuela\"", "id = \"Venezuela\"")
        .replace("title = \"A test briefing\"", "title = \"\"")
        .replace("kind = \"quote\"", "kind = \"rumour\"");
    let found = located(&source);
    let places: Vec<(usize, usize)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    // In file order, though they are found table by table. The claim with a bad
    // kind is still checked: its reference to the miscased actor is reported,
    // with the reason.
    assert_eq!(places, [(2, 9), (13, 6), (28, 10), (29, 8)], "{found:?}");
    assert!(found[2].2.contains("an id `Venezuela` is declared"), "{found:?}");
}

#[test]
fn a_typo_in_an_actor_does_not_cascade_into_unknown_references() {
    // The broken actor still declares its id, so claims naming it raise nothing more.
    let found = located(&with("kind = \"state\"", "knd = \"state\""));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("unknown field `knd`"));
}

#[test]
fn rendered_diagnostic_shows_line_and_caret() {
    let d = &errors(&with("kind = \"state\"", "kind = \"country\""))[0];
    let rendered = d.to_string();
    assert!(rendered.starts_with("b.toml:15:8: "), "{rendered}");
    assert!(
        rendered.contains("15 | kind = \"country\"\n   |        ^"),
        "{rendered}"
    );
}

#[test]
fn hostile_text_is_sanitised_at_load() {
    let source = with(
        "Then he said: “No.”",
        "Then he said: “No.” \\u001b[2J\\u001b]0;owned\\u0007",
    );
    let b = parse_briefing(Path::new("b.toml"), &source).unwrap();
    assert!(!b.sections[0].text.chars().any(|c| c.is_control() && c != '\n'));
}
