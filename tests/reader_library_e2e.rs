//! The library views of the real binary in a pseudo-terminal, on three
//! briefings copied to a temporary folder (index and annotations there too):
//! search → open a hit → back → open an actor from Library actors, and the
//! timeline. Every wait polls the screen.

mod common;

use std::path::{Path, PathBuf};

use common::pty::Session;
use common::three_briefing_library;

/// Writes the config of the library in `files`, its index and annotations in `cache`.
fn config(files: &Path, cache: &Path) -> PathBuf {
    three_briefing_library(files, cache);
    let config = cache.join("config.toml");
    let text = format!(
        "briefings_dir = {:?}\nindex_path = {:?}\nannotations_dir = {:?}\n",
        files,
        cache.join("index.sqlite"),
        cache.join("annotations")
    );
    std::fs::write(&config, text).unwrap();
    config
}

#[test]
fn search_open_back_then_an_actor_from_library_actors() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = config(files.path(), cache.path());
    let mut s = Session::start(&config, cache.path());
    s.wait_text("Kremlin weighs oil deal");
    s.wait_text("1/3");

    // A hit in another briefing, and back.
    s.send("S");
    s.wait_text("search the library /");
    s.send("bluntly\r");
    s.wait_text("Search: bluntly · 1 hit");
    s.send("\r");
    let screen = s.wait_text("goes back to where you were");
    assert!(screen.contains("2/3"), "{screen}");
    assert!(screen.contains("id galeotti-nothing-much"), "{screen}");
    s.send("[");
    s.wait_text("back (0 more)");
    s.wait_text("Kremlin weighs oil deal");

    // Library actors: Russia is in two briefings, also named The Kremlin.
    s.send("L");
    let screen = s.wait_text("actors across the library");
    assert!(screen.contains("Library actors · "), "{screen}");
    assert!(screen.contains("The Kremlin"), "{screen}");
    s.send("/kreml\r");
    s.wait_text("Library actors · 1 actor · /kreml");
    s.send("\r");
    let screen = s.wait_text("Russia: 2 briefings, 24 claims");
    assert!(screen.contains("Russia · state · 2 briefings"), "{screen}");
    assert!(screen.contains("▸ Kremlin weighs oil deal"), "{screen}");
    assert!(screen.contains("double within a year"), "{screen}");
    // The last line is a claim in the other briefing: Enter opens it there.
    s.send("G\r");
    let screen = s.wait_text("goes back to where you were");
    assert!(screen.contains("2/3"), "{screen}");
    // On the actor (its claims listed) and the claim.
    assert!(screen.contains("3 Claims · Russia"), "{screen}");
    assert!(screen.contains("id galeotti-allies-in-global"), "{screen}");
    s.send("[");
    s.wait_text("1/3");
    s.quit();
}

#[test]
fn the_timeline_orders_dated_claims_and_enter_jumps_to_one() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = config(files.path(), cache.path());
    let mut s = Session::start(&config, cache.path());
    s.wait_text("1/3");
    s.send("T");
    // The status line is drawn last: the rows are on screen once it says how many.
    let screen = s.wait_for("the timeline's rows", |s| {
        s.lines()
            .any(|l| l.trim_end().ends_with("dated claims") && !l.contains('╭'))
    });
    // The earliest first: 2019 (a partial date) before 2019-01.
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains("│ 20")).collect();
    assert!(rows.len() > 5, "{screen}");
    assert!(rows[0].contains("│ 2019 "), "{screen}");
    assert!(rows[1].contains("│ 2019-01 "), "{screen}");
    // The first row is a claim of the bundled briefing: Enter opens it there.
    s.send("\r");
    let screen = s.wait_text("goes back to where you were");
    assert!(screen.contains("2/3"), "{screen}");
    assert!(screen.contains("id moscow-acknowledged-personnel"), "{screen}");
    s.send("[");
    s.wait_text("1/3");
    s.quit();
}
