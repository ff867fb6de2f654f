//! End to end: annotating in the real binary in a pseudo-terminal (read back through
//! vt100), then reading the annotation back in a second session and through
//! `briefing annotations --format json`; the briefing file is never written.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(20);

fn temp_config(dir: &Path) -> PathBuf {
    let briefings = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let config = dir.join("config.toml");
    let text = format!(
        "briefings_dir = {:?}\nannotations_dir = {:?}\nmouse = true\n",
        briefings.display().to_string(),
        dir.join("annotations").display().to_string()
    );
    std::fs::write(&config, text).expect("write config");
    config
}

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(config: &Path, cwd: &Path) -> Session {
        Session::open(config, cwd, None)
    }

    fn start_on(config: &Path, cwd: &Path, path: &Path) -> Session {
        Session::open(config, cwd, Some(path))
    }

    fn open(config: &Path, cwd: &Path, path: Option<&Path>) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
        cmd.arg("--config");
        cmd.arg(config);
        if let Some(path) = path {
            cmd.arg(path);
        }
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("BRIEFING_CONFIG");
        cmd.env_remove("BRIEFING_TEST_PANIC");
        let child = pty.slave.spawn_command(cmd).expect("spawn briefing");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let _keep_master_open = pty.master;
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if let Ok(mut p) = sink.lock() {
                            p.process(&buf[..n]);
                        }
                    }
                }
            }
        });
        Session {
            parser,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until the screen satisfies `check`, failing with the screen after the timeout.
    fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

impl Session {
    /// Quits with `q` and waits for a clean exit.
    fn quit(&mut self) {
        self.send("q");
        let start = Instant::now();
        let status = loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                break status;
            }
            assert!(start.elapsed() < TIMEOUT, "the reader did not quit");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "exit status {status:?}");
    }

    /// Claims pane, `/bluntly`: Galeotti's “To put it bluntly” claim, selected.
    fn select_galeotti_claim(&mut self) {
        self.send("3");
        self.send("/bluntly");
        self.wait_text("/bluntly 1/37");
        self.send("\r");
        self.wait_text("— Mark Galeotti, quote");
    }
}

fn briefing_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/russia-venezuela-levers.toml")
}

fn annotations_json(config: &Path) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--config")
        .arg(config)
        .args(["annotations", "russia-venezuela-levers", "--format", "json"])
        .stdin(Stdio::null())
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
    let before = std::fs::read(briefing_file()).expect("read the briefing");

    // First session: annotate Galeotti's claim.
    let mut s = Session::start(&config, dir.path());
    s.wait_text("1. Lead");
    s.select_galeotti_claim();
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
    let screen = s.wait_text("annotation saved (-3)");
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
    s.select_galeotti_claim();
    let screen = s.wait_text("✎ -3 possibly true · #e2e #moscow");
    assert!(screen.contains("│ Nothing new from Moscow."), "{screen}");
    assert!(screen.contains("│ See Ignatov."), "{screen}");
    assert!(
        screen.contains("✎▌ “To put it bluntly"),
        "the gutter mark:\n{screen}"
    );

    // Another process grades the speaker meanwhile: the open reader picks it up.
    let status = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("--config")
        .arg(&config)
        .args([
            "annotate",
            "russia-venezuela-levers",
            "--actor",
            "mark-galeotti",
            "--reliability",
            "B",
        ])
        .stdin(Stdio::null())
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
        std::fs::read(briefing_file()).expect("read the briefing"),
        before,
        "the briefing file is unchanged"
    );
}

#[test]
fn an_imported_article_cannot_be_annotated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_config(dir.path());
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/russia-venezuela-levers.txt");
    let mut s = Session::start_on(&config, dir.path(), &article);
    s.wait_text("not saved");
    s.send("3");
    s.send("j");
    s.send("a");
    s.wait_text("read-only: an article opened from .txt/.md cannot be annotated");
    s.quit();
    assert!(!dir.path().join("annotations").exists(), "nothing written");
}
