//! `briefing annotate`, `briefing annotations` and `show` with annotations,
//! through the real binary with a temporary config.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::cli::{isolated, stderr, stdout};
use common::{BUNDLED, bundled_path, repo};

/// A temporary folder with a config reading the repository's briefings and
/// keeping annotations in `<tmp>/notes`.
fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "briefings_dir = {:?}\nannotations_dir = \"notes\"\n",
        repo().join("briefings").display().to_string()
    );
    fs::write(dir.path().join("config.toml"), config).unwrap();
    dir
}

/// Runs the binary in `dir` with the config of `setup`.
fn run(dir: &Path, args: &[&str]) -> Output {
    isolated(dir)
        .args(args)
        .arg("--config")
        .arg(dir.join("config.toml"))
        .output()
        .expect("the binary runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(dir, args)).unwrap()
}

/// Where the sidecar of briefing `id` is kept: `<dir>/notes/<id>.toml`.
fn sidecar_path(dir: &Path, id: &str) -> PathBuf {
    dir.join("notes").join(format!("{id}.toml"))
}

/// Writes the sidecar of briefing `id` (creating `notes` if needed); its path.
fn write_sidecar(dir: &Path, id: &str, text: &str) -> PathBuf {
    let path = sidecar_path(dir, id);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

fn bundled_bytes() -> Vec<u8> {
    fs::read(bundled_path()).unwrap()
}

#[test]
fn annotate_then_export_as_json_and_markdown() {
    let before = bundled_bytes();
    let dir = setup();
    let d = dir.path();
    ok(
        d,
        &[
            "annotate",
            BUNDLED,
            "galeotti-nothing-much",
            "--credibility",
            "2",
            "--note",
            "Consistent with Ignatov.\nSecond line.",
            "--tag",
            "military",
            "--tag",
            "diplomacy",
        ],
    );
    ok(
        d,
        &[
            "annotate",
            BUNDLED,
            "--actor",
            "mark-galeotti",
            "--reliability",
            "B",
            "--note",
            "Seasoned analyst",
        ],
    );
    ok(d, &["annotate", BUNDLED, "trump-no", "--credibility", "4"]);
    // Changing one field keeps the others.
    ok(
        d,
        &["annotate", BUNDLED, "trump-no", "--note", "Contradicted later"],
    );

    let v = json(d, &["annotations", BUNDLED, "--format", "json"]);
    assert_eq!(v["briefing"], BUNDLED);
    let anns = v["annotations"].as_array().unwrap();
    assert_eq!(anns.len(), 2);
    let galeotti = anns
        .iter()
        .find(|a| a["claim"] == "galeotti-nothing-much")
        .unwrap();
    for key in [
        "id",
        "claim",
        "credibility",
        "note",
        "tags",
        "created",
        "modified",
        "state",
    ] {
        assert!(galeotti.get(key).is_some(), "missing {key}");
    }
    assert_eq!(galeotti["credibility"], 2);
    assert_eq!(galeotti["note"], "Consistent with Ignatov.\nSecond line.");
    assert_eq!(galeotti["tags"], serde_json::json!(["military", "diplomacy"]));
    assert_eq!(galeotti["state"], "anchored");
    assert_eq!(galeotti["grade"], "B2");
    let trump = anns.iter().find(|a| a["claim"] == "trump-no").unwrap();
    assert_eq!(
        (trump["credibility"].as_u64(), trump["note"].as_str()),
        (Some(4), Some("Contradicted later"))
    );
    assert_eq!(v["actors"][0]["reliability"], "B");

    let md = ok(d, &["annotations", BUNDLED, "--format", "markdown"]);
    assert!(md.starts_with("# Annotations: Russia’s Levers"), "{md}");
    assert!(md.contains("### Mark Galeotti · `B2`"), "{md}");
    assert!(md.contains("> “To put it bluntly"), "{md}");
    assert!(md.contains("Consistent with Ignatov.\nSecond line."), "{md}");
    assert!(md.contains("**Tags:** `military`, `diplomacy`"), "{md}");
    assert!(
        md.contains("| Mark Galeotti | B (usually reliable) | Seasoned analyst |"),
        "{md}"
    );
    // Grouped by section, in reading order.
    let lead = md.find("## Lead").unwrap();
    let galeotti_at = md.find("### Mark Galeotti").unwrap();
    assert!(lead < galeotti_at);

    let text = ok(d, &["annotations"]);
    assert!(text.contains("2 annotations in"), "{text}");

    // `show` carries them too, with the existing keys unchanged.
    let v = json(d, &["show", BUNDLED, "--format", "json"]);
    assert_eq!(v["claims"].as_array().unwrap().len(), 37);
    assert_eq!(v["annotations"].as_array().unwrap().len(), 2);
    assert_eq!(v["annotations"][0]["state"], "anchored");
    let md = ok(d, &["show", BUNDLED, "--format", "markdown"]);
    assert!(md.contains("  - *Annotation* B2 (source usually reliable, information probably true): Consistent with Ignatov. Second line."), "{md}");

    // Credibility and tags can be cleared.
    ok(
        d,
        &[
            "annotate",
            BUNDLED,
            "trump-no",
            "--clear-credibility",
            "--tag",
            "",
        ],
    );
    let v = json(d, &["annotations", BUNDLED, "--format", "json"]);
    let trump = v["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["claim"] == "trump-no")
        .unwrap()
        .clone();
    assert!(trump["credibility"].is_null());
    assert_eq!(trump["tags"], serde_json::json!([]));
    assert_eq!(trump["note"], "Contradicted later");

    // Delete one; the other stays.
    let out = ok(d, &["annotate", BUNDLED, "trump-no", "--delete"]);
    assert!(out.contains("deleted 1 annotation"), "{out}");
    let v = json(d, &["annotations", BUNDLED, "--format", "json"]);
    assert_eq!(v["annotations"].as_array().unwrap().len(), 1);

    assert_eq!(bundled_bytes(), before, "the briefing file never changes");
    let sidecar = fs::read_to_string(sidecar_path(d, BUNDLED)).unwrap();
    assert!(sidecar.contains("claim = \"galeotti-nothing-much\""), "{sidecar}");
}

#[test]
fn unknown_claims_and_actors_are_errors() {
    let dir = setup();
    let out = run(dir.path(), &["annotate", BUNDLED, "no-such-claim", "--note", "x"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("no claim `no-such-claim`"), "{err}");
    let out = run(
        dir.path(),
        &["annotate", BUNDLED, "--actor", "nobody", "--reliability", "A"],
    );
    assert_eq!(out.status.code(), Some(1));
    let out = run(
        dir.path(),
        &[
            "annotate",
            BUNDLED,
            "--actor",
            "mark-galeotti",
            "--reliability",
            "Z",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a reliability grade"));
    let out = run(
        dir.path(),
        &["annotate", BUNDLED, "trump-no", "--credibility", "7"],
    );
    assert_eq!(out.status.code(), Some(2), "clap rejects 7");
    assert!(!sidecar_path(dir.path(), BUNDLED).exists());
}

#[test]
fn a_sidecar_for_a_missing_briefing_is_reported_not_deleted() {
    let dir = setup();
    let d = dir.path();
    ok(d, &["annotate", BUNDLED, "trump-no", "--note", "kept"]);
    let gone = "schema = 1\nbriefing = \"gone-briefing\"\n\n[[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cde\"\nclaim = \"old-claim\"\nnote = \"from an old briefing\"\ncreated = \"2026-01-01T00:00:00Z\"\nmodified = \"2026-01-01T00:00:00Z\"\n\n[annotations.anchor]\nexact = \"words once said\"\n";
    let gone_path = write_sidecar(d, "gone-briefing", gone);

    let out = run(d, &["annotations", "--format", "json"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("gone-briefing.toml: no briefing `gone-briefing`"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 2);
    let g = all.iter().find(|s| s["briefing"] == "gone-briefing").unwrap();
    assert!(g["title"].is_null());
    assert_eq!(g["annotations"][0]["state"], "orphaned");
    assert_eq!(g["annotations"][0]["quote"], "words once said");
    let md = ok(d, &["annotations", "--format", "markdown"]);
    assert!(md.contains("## Orphaned annotations"), "{md}");
    assert!(md.contains("from an old briefing"), "{md}");
    assert_eq!(fs::read_to_string(&gone_path).unwrap(), gone);
}

#[test]
fn a_broken_sidecar_is_reported_and_leaves_the_others_readable() {
    let dir = setup();
    let d = dir.path();
    // A good sidecar for another (missing) briefing, and a broken one for the bundled one.
    let broken = "schema = 1\nbriefing = \"russia-venezuela-levers\"\n[[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cde\"\nclaim = \"trump-no\"\ntags = \"not-a-list\"\ncreated = \"2026-01-01T00:00:00Z\"\nmodified = \"2026-01-01T00:00:00Z\"\n";
    let path = write_sidecar(d, BUNDLED, broken);
    write_sidecar(d, "other", "schema = 1\nbriefing = \"other\"\n");

    let out = run(d, &["annotations", "--format", "json"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:6:8: annotation `tags`", path.display())),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(fs::read_to_string(&path).unwrap(), broken, "export never writes");

    // Annotating sets the broken file aside and starts a good one.
    let out = run(
        d,
        &["annotate", BUNDLED, "galeotti-nothing-much", "--credibility", "3"],
    );
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("was set aside as"), "{err}");
    let aside: Vec<PathBuf> = fs::read_dir(d.join("notes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read_to_string(&aside[0]).unwrap(), broken);
    let v = json(d, &["annotations", BUNDLED, "--format", "json"]);
    assert_eq!(v["annotations"].as_array().unwrap().len(), 1);
    assert!(v["problems"].as_array().unwrap().is_empty());
}

#[test]
fn orphans_can_be_reattached_from_the_cli() {
    let dir = setup();
    let d = dir.path();
    let id = "01a21971-08d3-7289-bcbe-62f166459cde";
    let sidecar = format!(
        "schema = 1\nbriefing = \"{BUNDLED}\"\n\n[[annotations]]\nid = \"{id}\"\nclaim = \"a-claim-that-was-removed\"\nnote = \"orphan\"\ncreated = \"2026-01-01T00:00:00Z\"\nmodified = \"2026-01-01T00:00:00Z\"\n\n[annotations.anchor]\nexact = \"words nobody ever wrote in this article at all\"\n"
    );
    write_sidecar(d, BUNDLED, &sidecar);
    let v = json(d, &["annotations", BUNDLED, "--format", "json"]);
    assert_eq!(v["annotations"][0]["state"], "orphaned");
    ok(d, &["annotate", BUNDLED, "trump-no", "--reattach", id]);
    let v = json(d, &["annotations", BUNDLED, "--format", "json"]);
    assert_eq!(v["annotations"][0]["state"], "anchored");
    assert_eq!(v["annotations"][0]["claim"], "trump-no");
    assert_eq!(v["annotations"][0]["note"], "orphan");
}
