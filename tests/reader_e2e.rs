//! End to end: the real binary in a pseudo-terminal, read back through vt100.

mod common;

use std::process::Stdio;

use common::pty::{Session, briefing_with, temp_config};

/// The claims pane's list rows: lines of the lower right pane that show a claim kind.
fn claim_rows(screen: &str) -> Vec<String> {
    let mut in_claims = false;
    let mut rows = Vec::new();
    for line in screen.lines() {
        if line.contains("3 Claims") {
            in_claims = true;
            continue;
        }
        if in_claims
            && (line.contains("┃───") || line.contains("│───") || line.contains("┗") || line.contains("└─"))
        {
            break;
        }
        if in_claims && (line.contains(" quote ") || line.contains(" para. ") || line.contains(" report ")) {
            rows.push(line.to_string());
        }
    }
    rows
}

#[test]
fn galeotti_journey_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let mut s = Session::start(&config, dir.path());

    s.wait_text("1. Lead");
    s.wait_text("Russia’s Levers To Help Venezuela’s Maduro");
    assert!(s.alternate_screen(), "the reader uses the alternate screen");

    // The help says how; the user opens it and closes it.
    s.send("?");
    s.wait_text("Help");
    s.wait_text("follow: section → text");
    s.send("\x1b");
    s.wait_for("help closed", |t| !t.contains("follow: section → text"));

    // Actors, filter "Gal": Galeotti alone, his claims alone.
    s.send("2");
    s.send("/Gal");
    s.wait_text("/Gal 1/35");
    s.send("\r");
    let screen = s.wait_text("Claims · Mark Galeotti");
    assert!(screen.contains("3/37"), "{screen}");

    // Enter: his claims, the first one selected and shown in the text.
    s.send("\r");
    let screen = s.wait_text("3 claims by or about Mark Galeotti");
    let rows = claim_rows(&screen);
    assert_eq!(rows.len(), 3, "{screen}");
    assert!(rows.iter().all(|r| r.contains("Mark Galeotti")), "{rows:#?}");
    assert!(
        screen.contains("▌ “To put it bluntly"),
        "the text shows the first claim:\n{screen}"
    );

    // Down: the second claim, and the text follows.
    s.send("j");
    let screen = s.wait_text("— Mark Galeotti, quote, e-mailed comment to RFE/RL");
    assert!(screen.contains("▌ “In a perverse way"), "{screen}");

    // n: the next mention of Galeotti after that claim.
    s.send("n");
    s.wait_for("a mention", |t| {
        t.contains("mention 2 of 2") || t.contains("mention 1 of 2 (wrapped)")
    });

    // Back through history to where the journey began.
    s.send("\x7f");
    s.wait_text("back (2 more)");
    s.send("\x7f");
    s.wait_text("back (1 more)");
    s.send("\x7f");
    let screen = s.wait_text("back (0 more)");
    assert!(
        screen.contains("35 by kind"),
        "the actors are no longer filtered:\n{screen}"
    );
    assert!(!screen.contains("Claims · Mark Galeotti"), "{screen}");
    assert!(screen.contains("37/37"), "{screen}");
    // And forward again.
    s.send("]");
    s.wait_text("Claims · Mark Galeotti");

    s.quit();
    s.wait_for("the normal screen", |_| !s.alternate_screen());
}

#[test]
fn mouse_clicks_select_and_ctrl_c_quits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");
    // The Actors pane may be drawn after the Sections pane: wait for the row itself.
    let screen = s.wait_text("Mark Galeotti");
    // A click on an actor's row selects it (SGR mouse report, 1-based).
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Mark Galeotti"))
        .expect("Galeotti listed");
    let column = line.chars().take_while(|&c| c != 'M').count() + 1;
    s.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        column,
        row + 1,
        column,
        row + 1
    ));
    s.wait_text("Claims · Mark Galeotti");
    // Ctrl-c quits too.
    s.send("\x03");
    assert!(s.wait_exit("Ctrl-c did not quit").success());
    s.wait_for("the normal screen", |_| !s.alternate_screen());
}

#[test]
fn a_panic_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let mut s = Session::start_with(&config, dir.path(), &[("BRIEFING_TEST_PANIC", "1")]);
    let status = s.wait_exit("the reader did not stop");
    assert!(!status.success());
    s.wait_for("the normal screen", |_| !s.alternate_screen());
    // The panic message is printed on the normal screen, after the terminal was restored.
    s.wait_text("panic requested by BRIEFING_TEST_PANIC");
}

#[test]
fn without_a_terminal_it_exits_2_pointing_to_show() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let output = briefing_with(&config)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run briefing");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("briefing show"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing drawn on a pipe");
}

#[test]
fn a_claim_in_full_and_help_over_it_close_one_at_a_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");

    // Claims, the second claim, K: the claim in full with its id.
    s.send("3");
    s.send("j");
    s.wait_text("During his first term");
    s.send("K");
    s.wait_text("id trump-recognized-guaido");
    // Help over it; a click closes the help only, Esc then the details.
    s.send("?");
    s.wait_text("Help ·");
    s.send("\x1b[<0;60;20M\x1b[<0;60;20m");
    // Waits for the whole frame (the status bar is drawn last), not a half-drawn one.
    s.wait_for("the help closed by the click, the details staying", |t| {
        !t.contains("Help ·") && t.contains("Enter speaker · Esc closes")
    });
    s.send("\x1b");
    s.wait_for("the details closed by Esc", |t| {
        !t.contains("Enter speaker · Esc closes")
    });
    s.quit();
}
