//! `search`, `actors`, `timeline`, `index` and `list` on a library of two
//! briefings that share actors under different names.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::cli::{isolated, stderr, stdout};

const BUNDLED: &str = include_str!("../briefings/russia-venezuela-levers.toml");

/// A second briefing naming Russia "The Kremlin" and the US "U.S.", with a dated claim.
const SECOND: &str = r#"schema = 1
id = "kremlin-oil"
title = "Kremlin weighs oil deal"
publisher = "Test Wire"
published = "2025-11-20"

[[actors]]
id = "kremlin"
name = "The Kremlin"
kind = "state"
aliases = ["Moscow"]

[[actors]]
id = "usa"
name = "U.S."
kind = "state"

[[actors]]
id = "putin"
name = "President Vladimir Putin"
kind = "person"

[[sections]]
id = "lead"
text = """
Putin said the oil deal was "fair to everyone". The U.S. said it would answer.
"""

[[claims]]
id = "putin-fair"
section = "lead"
speaker = "putin"
about = ["usa"]
kind = "quote"
text = "fair to everyone"
date = "2025-11"
related = [{ claim = "us-answer", relation = "contradicts" }]

[[claims]]
id = "us-answer"
section = "lead"
speaker = "usa"
kind = "paraphrase"
text = "The US will respond to the deal."
anchor = "said it would answer"
date = "2025-11-21"
"#;

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let briefings = dir.path().join("briefings");
    fs::create_dir(&briefings).unwrap();
    fs::write(briefings.join("russia-venezuela-levers.toml"), BUNDLED).unwrap();
    fs::write(briefings.join("kremlin-oil.toml"), SECOND).unwrap();
    fs::write(
        dir.path().join("config.toml"),
        "briefings_dir = \"briefings\"\nannotations_dir = \"annotations\"\nindex_path = \"cache/index.sqlite\"\n",
    )
    .unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    isolated(dir).args(args).output().expect("the binary runs")
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[test]
fn search_ranks_hits_across_briefings_with_location_and_marked_snippet() {
    let dir = library();
    let hits = json(&run(dir.path(), &["search", "oil", "--json"]));
    let hits = hits.as_array().unwrap();
    let briefings: Vec<&str> = hits.iter().map(|h| h["briefing"].as_str().unwrap()).collect();
    assert!(
        briefings.contains(&"kremlin-oil") && briefings.contains(&"russia-venezuela-levers"),
        "{briefings:?}"
    );
    for h in hits {
        let snippet = h["snippet"]["text"].as_str().unwrap();
        let first = &h["snippet"]["hits"][0];
        let (s, e) = (
            first["start"].as_u64().unwrap() as usize,
            first["end"].as_u64().unwrap() as usize,
        );
        assert!(snippet[s..e].eq_ignore_ascii_case("oil"), "{snippet}");
        assert!(!h["location"].as_str().unwrap().is_empty());
    }

    let out = run(dir.path(), &["search", "fair", "to", "everyone"]);
    let text = stdout(&out);
    assert!(text.contains("«fair» «to» «everyone»"), "{text}");
    assert!(
        text.contains("claim putin-fair (quote, President Vladimir Putin)"),
        "{text}"
    );

    let out = run(dir.path(), &["search", "zzzz-nothing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing found"));
}

#[test]
fn search_filters_narrow_hits() {
    let dir = library();
    let hits = json(&run(
        dir.path(),
        &["search", "kind:paraphrase", "actor:US", "--json"],
    ));
    let claims: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["claim"].as_str().unwrap())
        .collect();
    assert!(claims.contains(&"us-answer"), "{claims:?}");
    let hits = json(&run(dir.path(), &["search", "date:2025-11-21", "--json"]));
    let claims: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["claim"].as_str().unwrap())
        .collect();
    assert!(claims.contains(&"us-answer"), "{claims:?}");
    assert!(!claims.contains(&"putin-fair") || claims.len() > 1);
    let out = run(dir.path(), &["search", "kind:speech"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a kind"), "{}", stderr(&out));
}

#[test]
fn actors_are_one_across_briefings_and_decisions_change_that() {
    let dir = library();
    let actors = json(&run(dir.path(), &["actors", "--json"]));
    let russia = actors
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Russia")
        .expect("Russia is listed");
    assert_eq!(russia["briefings"], 2, "The Kremlin is Russia: {russia}");
    let us = actors
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "United States")
        .unwrap();
    assert_eq!(us["briefings"], 2, "U.S. is the United States: {us}");

    let one = json(&run(dir.path(), &["actors", "kremlin", "--json"]));
    let claims = one[0]["claim_list"].as_array().unwrap();
    assert!(claims.iter().any(|c| c["briefing"] == "kremlin-oil") || one[0]["briefings"] == 2);

    let out = run(dir.path(), &["actors", "--split", "kremlin-oil/kremlin"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("annotations/_library.toml").is_file());
    let actors = json(&run(dir.path(), &["actors", "--json"]));
    let russia = actors
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Russia")
        .unwrap();
    assert_eq!(russia["briefings"], 1, "split off: {russia}");

    let out = run(
        dir.path(),
        &["actors", "--merge", "Russia", "kremlin-oil/kremlin"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let actors = json(&run(dir.path(), &["actors", "--json"]));
    let russia = actors
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Russia")
        .unwrap();
    assert_eq!(russia["briefings"], 2, "merged back: {russia}");

    let out = run(dir.path(), &["actors", "--split", "nope/nobody"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no actor"), "{}", stderr(&out));
}

#[test]
fn timeline_orders_partial_dates_before_their_days_and_filters() {
    let dir = library();
    let claims = json(&run(dir.path(), &["timeline", "--json"]));
    let dates: Vec<&str> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let at = |d: &str| dates.iter().position(|x| *x == d).unwrap();
    assert!(at("2025-11") < at("2025-11-02"));

    let claims = json(&run(
        dir.path(),
        &[
            "timeline",
            "--actor",
            "Vladimir Putin",
            "--from",
            "2025-11",
            "--to",
            "2025-11",
            "--json",
        ],
    ));
    let ids: Vec<&str> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["claim"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["putin-fair"]);
    assert_eq!(
        claims[0]["related"][0],
        serde_json::json!(["us-answer", "contradicts"])
    );

    let text = stdout(&run(dir.path(), &["timeline", "--briefing", "kremlin-oil"]));
    assert!(text.contains("contradicts us-answer"), "{text}");
}

#[test]
fn index_says_what_it_did_and_list_reads_it() {
    let dir = library();
    let first = json(&run(dir.path(), &["index", "--json"]));
    assert_eq!(first["added"], 2);
    let again = json(&run(dir.path(), &["index", "--json"]));
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(2))
    );
    let rebuilt = stdout(&run(dir.path(), &["index", "--rebuild"]));
    assert!(
        rebuilt.starts_with("rebuilt") && rebuilt.contains("2 added"),
        "{rebuilt}"
    );

    fs::write(dir.path().join("briefings/broken.toml"), "schema = 1\ntitle = \n").unwrap();
    let out = run(dir.path(), &["list"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("kremlin-oil"));
    assert!(
        stderr(&out).contains("1 file skipped") && stderr(&out).contains("broken.toml:2"),
        "{}",
        stderr(&out)
    );

    fs::write(dir.path().join("cache/index.sqlite"), "garbage").unwrap();
    let out = run(dir.path(), &["list", "--json"]);
    assert_eq!(json(&out).as_array().unwrap().len(), 2);
    let notice = stderr(&out);
    assert!(notice.contains("rebuilt it from the briefing files"), "{notice}");
}

#[test]
fn list_works_without_a_place_for_the_index() {
    let dir = library();
    // The index's folder would have to be inside a file: it cannot be created.
    fs::write(dir.path().join("blocker"), "a file").unwrap();
    fs::write(
        dir.path().join("config.toml"),
        "briefings_dir = \"briefings\"\nindex_path = \"blocker/index.sqlite\"\n",
    )
    .unwrap();
    let out = run(dir.path(), &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("kremlin-oil") && stdout(&out).contains("russia-venezuela-levers"));
    assert!(
        stderr(&out).contains("listing by reading every file"),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["search", "oil"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("blocker"), "{}", stderr(&out));
}
