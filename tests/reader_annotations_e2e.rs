//! End to end: annotating in the real binary in a pseudo-terminal (read back through
//! vt100), then reading the annotation back in a second session and through
//! `briefing annotations --format json`; the briefing file is never written.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::pty::{Session, briefing_with, temp_config};
use common::{bundled_path, seed_article};

/// Claims pane, `/bluntly`: Galeotti's “To put it bluntly” claim, selected.
fn select_galeotti_claim(s: &mut Session) {
    s.send("3");
    s.send("/bluntly");
    s.wait_text("/bluntly 1/37");
    s.send("\r");
    // The filter kept (no longer typed in the status bar) and the claim's details shown:
    // the next key goes to the panes, not to the filter.
    s.wait_for("the claim selected, the filter kept", |screen| {
        screen.contains("— Mark Galeotti, quote") && !screen.contains("filter /bluntly")
    });
}

fn annotations_json(config: &Path) -> serde_json::Value {
    let output = briefing_with(config)
        .args(["annotations", "russia-venezuela-levers", "--format", "json"])
        .output()
        .expect("run briefing annotations");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn annotate_a_claim_save_quit_and_find_it_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let before = std::fs::read(bundled_path()).expect("read the briefing");

    // First session: annotate Galeotti's claim.
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");
    select_galeotti_claim(&mut s);
    s.send("a");
    let screen = s.wait_text("Annotate · Mark Galeotti");
    assert!(screen.contains("Ctrl-s save"), "{screen}");
    // The note has the cursor: type two lines.
    s.send("Nothing new from Moscow.\rSee Ignatov.");
    s.wait_text("See Ignatov.");
    // Shift-Tab: credibility; 3.
    s.send("\x1b[Z");
    s.wait_text("1-6 set · 0 unset");
    s.send("3");
    s.wait_text("‹ 3 possibly true ›");
    // Tab twice: tags.
    s.send("\t\t");
    s.send("e2e, moscow");
    s.wait_text("e2e, moscow");
    // Ctrl-s saves.
    s.send("\x13");
    let screen = s.wait_text("annotation saved: credibility 3 (possibly true)");
    assert!(
        !screen.contains("Annotate · Mark Galeotti"),
        "the editor closed:\n{screen}"
    );
    assert!(screen.contains("✎-3"), "{screen}");
    s.quit();

    // Saved where the config says, beside (never in) the briefing.
    let sidecar = dir.path().join("annotations/russia-venezuela-levers.toml");
    assert!(sidecar.exists());
    let json = annotations_json(&config);
    let annotations = json["annotations"].as_array().expect("annotations");
    assert_eq!(annotations.len(), 1, "{json:#}");
    let a = &annotations[0];
    assert_eq!(a["claim"], "galeotti-nothing-much");
    assert_eq!(a["credibility"], 3);
    assert_eq!(a["note"], "Nothing new from Moscow.\nSee Ignatov.");
    assert_eq!(a["tags"], serde_json::json!(["e2e", "moscow"]));
    assert_eq!(a["state"], "anchored");
    assert_eq!(a["grade"], "-3");

    // Second session: the marker, the grade and the note are there.
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");
    select_galeotti_claim(&mut s);
    let screen = s.wait_text("✎ -3 possibly true · #e2e #moscow");
    assert!(screen.contains("│ Nothing new from Moscow."), "{screen}");
    assert!(screen.contains("│ See Ignatov."), "{screen}");
    assert!(
        screen.contains("✎▌ “To put it bluntly"),
        "the gutter mark:\n{screen}"
    );

    // Another process grades the speaker meanwhile: the open reader picks it up.
    let status = briefing_with(&config)
        .args([
            "annotate",
            "russia-venezuela-levers",
            "--actor",
            "mark-galeotti",
            "--reliability",
            "B",
        ])
        .stdout(Stdio::null())
        .status()
        .expect("run briefing annotate");
    assert!(status.success());
    s.wait_text("annotations changed on disk: reloaded");
    s.wait_text("✎ B3 possibly true");

    // Opening the editor again: filled in. Esc closes it, nothing typed.
    s.send("a");
    let screen = s.wait_text("Edit annotation · Mark Galeotti");
    assert!(screen.contains("‹ 3 possibly true ›"), "{screen}");
    assert!(screen.contains("See Ignatov."), "{screen}");
    s.send("\x1b");
    s.wait_text("closed; nothing changed");
    s.quit();

    assert_eq!(
        std::fs::read(bundled_path()).expect("read the briefing"),
        before,
        "the briefing file is unchanged"
    );
}

#[test]
fn an_imported_article_cannot_be_annotated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let article = seed_article();
    let mut s = Session::start_on(&config, dir.path(), &article);
    s.wait_text("not saved");
    s.send("3");
    s.send("j");
    s.send("a");
    s.wait_text("read-only: russia-venezuela-levers.txt is only in memory and cannot be annotated");
    s.quit();
    assert!(!dir.path().join("annotations").exists(), "nothing written");
}
