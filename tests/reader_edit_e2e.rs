//! End to end: correcting a briefing in the real binary in a pseudo-terminal,
//! then `briefing check` and a second session read the corrected file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::pty::{Session, briefing_with};
use common::repo;

/// A briefings folder in `dir` holding a copy of the doubt fixture, and a config on it.
fn setup(dir: &Path) -> (PathBuf, PathBuf) {
    let briefings = dir.join("briefings");
    fs::create_dir_all(&briefings).unwrap();
    let file = briefings.join("doubt.toml");
    fs::copy(repo().join("tests/fixtures/reader/doubt.toml"), &file).unwrap();
    let config = dir.join("config.toml");
    let text = format!(
        "briefings_dir = {:?}\nannotations_dir = {:?}\n",
        briefings.display().to_string(),
        dir.join("annotations").display().to_string()
    );
    fs::write(&config, text).unwrap();
    (config, file)
}

/// Claims pane, `/Nothing`: Tom Bell's quote (whose speaker is in doubt), selected.
fn select_nothing_agreed(s: &mut Session) {
    s.send("3");
    s.send("/Nothing");
    s.wait_text("/Nothing");
    s.send("\r");
    s.wait_text("/Nothing 1/4");
}

/// The speaker named on the Claims row of the "Nothing is agreed" quote.
fn row_speaker(s: &Session) -> String {
    let screen = s.wait_text("quote  “Nothing is agreed");
    let row = screen
        .lines()
        .find(|l| l.contains("quote  “Nothing is agreed"))
        .unwrap_or_default();
    row.trim_start_matches(['│', '┃', ' ', '●'])
        .split("  ")
        .next()
        .unwrap_or_default()
        .to_string()
}

fn check(config: &Path) {
    let out = briefing_with(config)
        .arg("check")
        .output()
        .expect("run briefing check");
    assert!(
        out.status.success(),
        "check failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fix_a_wrong_speaker_quit_check_and_see_it_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (config, file) = setup(dir.path());
    let before = fs::read_to_string(&file).unwrap();

    let mut s = Session::start(&config, dir.path());
    s.wait_text("Port talks stall");
    select_nothing_agreed(&mut s);
    assert_eq!(row_speaker(&s), "?Tom Bell", "in doubt");
    s.send("e");
    s.wait_text("Edit claim · Tom Bell");
    s.send("s");
    s.wait_text("Speaker · type to filter");
    s.send("ruiz");
    s.wait_for("Ana Ruiz first", |screen| screen.contains("/ruiz▏"));
    s.send("\r");
    s.wait_text("saved: claim `nothing-agreed`: speaker set to `ana-ruiz`");
    // The speaker was checked by a person: clear the doubt too.
    s.send("e");
    s.wait_text("Edit claim · Ana Ruiz");
    s.send("c");
    s.wait_text("saved: claim `nothing-agreed`: doubt cleared");
    s.quit();

    // Exactly two lines changed: the speaker, and the doubt is gone.
    let after = fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        before
            .replace(
                "id = \"nothing-agreed\"\nsection = \"lead\"\nspeaker = \"tom-bell\"",
                "id = \"nothing-agreed\"\nsection = \"lead\"\nspeaker = \"ana-ruiz\""
            )
            .replace(
                "doubt = \"two people could be the speaker: Tom Bell, Ana Ruiz\"\n",
                ""
            )
    );
    check(&config);

    // A new session shows the new speaker in the Claims pane.
    let mut s = Session::start(&config, dir.path());
    s.wait_text("Port talks stall");
    select_nothing_agreed(&mut s);
    assert_eq!(row_speaker(&s), "Ana Ruiz", "the new speaker, no longer in doubt");
    s.quit();
}

#[test]
fn undo_in_the_real_binary_puts_the_file_back() {
    let dir = tempfile::tempdir().unwrap();
    let (config, file) = setup(dir.path());
    let before = fs::read(&file).unwrap();
    let mut s = Session::start(&config, dir.path());
    s.wait_text("Port talks stall");
    select_nothing_agreed(&mut s);
    s.send("e");
    s.wait_text("Edit claim · Tom Bell");
    s.send("d");
    s.wait_text("date (YYYY, YYYY-MM or YYYY-MM-DD; empty removes):");
    s.send("2025-06-11\r");
    s.wait_text("saved: claim `nothing-agreed`: date set to `2025-06-11`");
    assert_ne!(fs::read(&file).unwrap(), before);
    s.send("u");
    s.wait_text("undone: claim `nothing-agreed`: date set to `2025-06-11`");
    assert_eq!(fs::read(&file).unwrap(), before);
    s.send("U");
    s.wait_text("redone: claim `nothing-agreed`");
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("date = \"2025-06-11\"")
    );
    s.quit();
    check(&config);
}

#[test]
fn readonly_keeps_the_menus_closed_in_the_real_binary() {
    let dir = tempfile::tempdir().unwrap();
    let (config, file) = setup(dir.path());
    let before = fs::read(&file).unwrap();
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("readonly = true\n{text}")).unwrap();
    let mut s = Session::start(&config, dir.path());
    s.wait_text("Port talks stall");
    select_nothing_agreed(&mut s);
    s.send("e");
    s.wait_text("read-only: editing is off");
    s.quit();
    assert_eq!(fs::read(&file).unwrap(), before);
}
