//! The real binary in a pseudo-terminal: signals, Ctrl-z and `fg`, resize storms,
//! and `Esc` + key arriving together. Every check polls with a generous timeout.

mod common;

use common::pty::{Session, temp_config};

#[test]
fn ending_signals_restore_the_terminal_then_end_the_process() {
    for (signal, name) in [
        ("TERM", "Terminated"),
        ("HUP", "Hangup"),
        ("QUIT", "Quit"),
        ("INT", "Interrupt"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = temp_config(dir.path());
        let mut s = Session::start(&config, dir.path());
        s.wait_text("1. Lead");
        assert!(
            s.alternate_screen() && s.raw_mode(),
            "{signal}: the reader owns the terminal"
        );
        assert!(!s.restored());
        Session::kill(s.pid(), signal);
        let status = s.wait_exit(&format!("kill -{signal} did not end the reader"));
        // Ended by the signal itself, as the shell expects.
        assert_eq!(status.signal(), Some(name), "{signal}: {status:?}");
        s.wait_restored(&format!("after kill -{signal}"));
    }
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_takes_it_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let mut s = Session::start_in_shell(&config, dir.path());
    s.wait_text("1. Lead");
    s.send("4G");
    s.wait_text(" End ");
    s.send("\x1a");
    // The shell sees the job stop (128 + SIGTSTP) on a restored terminal.
    s.wait_text("stopped 148");
    s.wait_restored("after Ctrl-z");
    // `fg`: the reader takes the terminal again and redraws where it was.
    s.send("\r");
    s.wait_for("the reader again", |t| {
        t.contains(" End ") && !t.contains("stopped 148")
    });
    assert!(s.alternate_screen() && s.raw_mode());
    assert!(!s.restored(), "mouse, paste and keyboard flags are on again");
    s.send("q");
    s.wait_text("done 0");
    s.wait_restored("after quitting");
    s.send("\r");
    assert!(s.wait_exit("the shell did not end").success());
}

#[test]
fn kill_stop_then_cont_redraws() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");
    Session::kill(s.pid(), "STOP");
    s.wait_for("stopped", |_| process_state(s.pid()) == Some('T'));
    // Meanwhile something clears the screen, as a shell would write over it.
    s.scribble(b"\x1b[2J\x1b[Hprompt$ ");
    assert!(!s.screen().contains("1. Lead"));
    Session::kill(s.pid(), "CONT");
    // Continued, the reader redraws by itself.
    s.wait_text("1. Lead");
    s.quit();
    s.wait_restored("after quitting");
}

/// The state letter of `/proc/PID/stat` (R, S, T…), if the process exists.
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(") ").next()?.chars().next()
}

/// Waits until the screen is drawn for `rows` rows: the status bar on the last one.
fn wait_drawn_for(s: &Session, rows: u16, what: &str) {
    s.wait_for(what, |_| {
        let r = s.rows();
        r.len() == rows as usize && r[rows as usize - 1].contains("j/k")
    });
}

#[test]
fn after_a_resize_storm_the_last_key_is_drawn_at_the_last_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");
    // A key that arrives with a resize was once left unread until the next key:
    // each round is a chance for that, so there are many.
    for round in 0..20u16 {
        for i in 0..10u16 {
            s.resize(100 + (i + round) % 7 * 3, 30 + i % 5);
        }
        if round % 5 == 0 {
            s.resize(1, 1);
        }
        let rows = 31 + round % 3;
        s.resize(105 + round % 4, rows);
        s.send("?");
        s.wait_text("follow: section → text");
        wait_drawn_for(&s, rows, &format!("round {round} drawn at the last size"));
        s.send("\x1b");
        s.wait_for("help closed", |t| !t.contains("follow: section → text"));
    }
    s.quit();
}

#[test]
fn a_resize_and_a_key_waiting_together_are_both_handled() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");
    let pid = s.pid();
    for (round, (cols, rows)) in [(90u16, 28u16), (130, 36), (100, 30)].into_iter().enumerate() {
        // Stopped, the reader finds both waiting when it goes on.
        Session::kill(pid, "STOP");
        s.wait_for("stopped", |_| process_state(pid) == Some('T'));
        s.resize(cols, rows);
        s.send(if round % 2 == 0 { "?" } else { "\x1b" });
        Session::kill(pid, "CONT");
        s.wait_for("the key handled", |t| {
            let help = t.contains("Help · ");
            if round % 2 == 0 {
                help
            } else {
                !help && t.contains("1. Lead")
            }
        });
        wait_drawn_for(&s, rows, &format!("round {round} drawn at {cols}x{rows}"));
    }
    s.send("\x1b");
    s.wait_for("help closed", |t| !t.contains("Help · "));
    s.quit();
}

#[test]
fn esc_then_q_together_close_the_help_and_quit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");
    s.send("?");
    s.wait_text("follow: section → text");
    // One write: the reader reads them together, as Alt-q.
    s.send("\x1bq");
    assert!(s.wait_exit("Esc then q did not quit").success());
    s.wait_restored("after quitting");
}
