//! End to end, the real binary in a pseudo-terminal: select words in the Text
//! pane, add a claim with a speaker and a kind, quit; `briefing check` passes,
//! the claim is in the file and shows after a restart. Then the same on an
//! article opened directly, which is saved as a briefing first.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::pty::{Session, briefing_with};
use common::{bundled_path, seed_article};

/// A config with its own briefings folder (holding a copy of the bundled
/// briefing when `with_briefing`), annotations beside it.
fn setup(dir: &Path, with_briefing: bool) -> (PathBuf, PathBuf) {
    let briefings = dir.join("briefings");
    fs::create_dir(&briefings).unwrap();
    let file = briefings.join("russia-venezuela-levers.toml");
    if with_briefing {
        fs::copy(bundled_path(), &file).unwrap();
    }
    let config = dir.join("config.toml");
    let text = format!(
        "briefings_dir = {:?}\nannotations_dir = {:?}\nmouse = true\n",
        briefings.display().to_string(),
        dir.join("annotations").display().to_string()
    );
    fs::write(&config, text).unwrap();
    (config, file)
}

fn check_passes(config: &Path, file: &Path) {
    let out = briefing_with(config).arg("check").arg(file).output().unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `v` (the first sentence), `c`, Galeotti, quote.
fn add_galeotti_quote(s: &mut Session) {
    s.send("v");
    s.wait_text("selecting:");
    s.send("c");
    s.wait_text("who said “It may be happening again.”");
    s.send("galeo");
    s.wait_text("Mark Galeotti");
    s.send("\r");
    s.wait_text("Kind of the new claim");
    s.send("q");
}

#[test]
fn select_add_a_claim_quit_check_and_find_it_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (config, file) = setup(dir.path(), true);
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");
    add_galeotti_quote(&mut s);
    let screen = s.wait_text("saved: claim `galeotti-may-happening-again` added");
    assert!(screen.contains("38/38"), "the Claims pane counts it:\n{screen}");
    s.quit();

    check_passes(&config, &file);
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(
            "id = \"galeotti-may-happening-again\"\nsection = \"lead\"\nspeaker = \"mark-galeotti\"\nkind = \"quote\"\ntext = \"It may be happening again.\"\n"
        ),
        "{text}"
    );

    // After a restart, the Claims pane lists it with its speaker.
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");
    s.send("3");
    s.send("/happening");
    let screen = s.wait_text("/happening 1/38");
    assert!(screen.contains("Mark Galeotti"), "{screen}");
    assert!(screen.contains("“It may be happening again.”"), "{screen}");
    s.send("\r");
    s.wait_text("— Mark Galeotti, quote · id galeotti-may-happening-again");
    s.quit();
}

#[test]
fn an_article_opened_directly_is_saved_as_a_briefing_then_the_claim_added() {
    let dir = tempfile::tempdir().unwrap();
    let (config, _) = setup(dir.path(), false);
    // The briefing takes the article's name.
    let file = dir.path().join("briefings/article.toml");
    let article = dir.path().join("article.txt");
    fs::copy(seed_article(), &article).unwrap();
    let mut s = Session::start_on(&config, dir.path(), &article);
    s.wait_text("imported in memory from");
    add_galeotti_quote(&mut s);
    s.wait_text("save the article as (a new briefing file)");
    assert!(!file.exists(), "nothing written before Enter");
    s.send("\r");
    s.wait_text("saved: claim `galeotti-may-happening-again` added");
    s.quit();

    check_passes(&config, &file);
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("id = \"galeotti-may-happening-again\""), "{text}");
    assert_eq!(
        fs::read_to_string(&article).unwrap(),
        fs::read_to_string(seed_article()).unwrap(),
        "the article itself is left alone"
    );
}
