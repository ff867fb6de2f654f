//! The real binary in a pseudo-terminal (portable-pty), its output read back
//! through vt100; every wait polls with a generous timeout.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long a wait may take before the test fails. Generous: under a full parallel
/// run on a loaded machine a frame can take seconds; a passing wait returns at once.
pub const TIMEOUT: Duration = Duration::from_secs(60);
const ROWS: u16 = 40;
const COLS: u16 = 120;

/// A config in `dir` reading the repository's briefings, annotations in
/// `<dir>/annotations`, mouse on.
pub fn temp_config(dir: &Path) -> PathBuf {
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

/// The binary with `--config config`, standard input closed (no terminal).
pub fn briefing_with(config: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefing"));
    cmd.arg("--config").arg(config).stdin(Stdio::null());
    cmd
}

pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for what vt100 does not track (kitty keyboard flags).
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

impl Session {
    pub fn start(config: &Path, cwd: &Path) -> Session {
        Session::open(config, cwd, None, &[])
    }

    /// With extra environment variables.
    pub fn start_with(config: &Path, cwd: &Path, env: &[(&str, &str)]) -> Session {
        Session::open(config, cwd, None, env)
    }

    /// Opening the file `path`.
    pub fn start_on(config: &Path, cwd: &Path, path: &Path) -> Session {
        Session::open(config, cwd, Some(path), &[])
    }

    /// Under `bash` with job control, as from an interactive shell: the reader in its
    /// own process group, so Ctrl-z stops it and `fg` continues it. The shell prints
    /// `stopped STATUS` when the reader stops, waits for a line, then runs `fg` and
    /// prints `done STATUS`.
    pub fn start_in_shell(config: &Path, cwd: &Path) -> Session {
        let script = format!(
            "set -m; {:?} --config {:?}; echo \"stopped $?\"; read -r _; fg; echo \"done $?\"; read -r _",
            env!("CARGO_BIN_EXE_briefing"),
            config.display().to_string()
        );
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile", "-c", &script]);
        Session::spawn(cmd, cwd, &[])
    }

    fn open(config: &Path, cwd: &Path, path: Option<&Path>, env: &[(&str, &str)]) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_briefing"));
        cmd.arg("--config");
        cmd.arg(config);
        if let Some(path) = path {
            cmd.arg(path);
        }
        Session::spawn(cmd, cwd, env)
    }

    fn spawn(mut cmd: CommandBuilder, cwd: &Path, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        // The library index is a cache: kept under target/.
        cmd.env(
            "XDG_CACHE_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache"),
        );
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("BRIEFING_CONFIG");
        cmd.env_remove("BRIEFING_TEST_PANIC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn briefing");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let output = Arc::new(Mutex::new(Vec::new()));
        let (sink, log) = (Arc::clone(&parser), Arc::clone(&output));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if let Ok(mut p) = sink.lock() {
                            p.process(&buf[..n]);
                        }
                        if let Ok(mut o) = log.lock() {
                            o.extend_from_slice(&buf[..n]);
                        }
                    }
                }
            }
        });
        Session {
            parser,
            output,
            writer,
            child,
            master: pty.master,
        }
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a process id")
    }

    /// Sends `signal` (a name for `kill`, as `TERM`) to process `pid`.
    pub fn kill(pid: u32, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} {pid}");
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        if let Ok(mut p) = self.parser.lock() {
            p.screen_mut().set_size(rows, cols);
        }
    }

    /// Whether the terminal is in raw mode (no line editing, no echo).
    pub fn raw_mode(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let termios = self.master.get_termios().expect("the pty's modes");
        !termios
            .local_flags
            .intersects(LocalFlags::ICANON | LocalFlags::ECHO)
    }

    /// Writes `bytes` onto the screen as another program would (not through the reader).
    pub fn scribble(&self, bytes: &[u8]) {
        if let Ok(mut p) = self.parser.lock() {
            p.process(bytes);
        }
    }

    /// Bytes written so far.
    pub fn output(&self) -> Vec<u8> {
        self.output.lock().map(|o| o.clone()).unwrap_or_default()
    }

    /// Whether the terminal is as the program found it: the normal screen, the cursor
    /// shown, no mouse reporting, no bracketed paste, the kitty keyboard flags popped
    /// as often as pushed, and line editing on.
    pub fn restored(&self) -> bool {
        let (normal, cursor, mouse, paste) = self
            .parser
            .lock()
            .map(|p| {
                let s = p.screen();
                (
                    !s.alternate_screen(),
                    !s.hide_cursor(),
                    s.mouse_protocol_mode() == vt100::MouseProtocolMode::None,
                    !s.bracketed_paste(),
                )
            })
            .unwrap_or_default();
        let out = self.output();
        let count = |pat: &[u8]| out.windows(pat.len()).filter(|w| *w == pat).count();
        let pushed = count(b"\x1b[>1u");
        let kitty = pushed > 0 && pushed == count(b"\x1b[<1u");
        normal && cursor && mouse && paste && kitty && !self.raw_mode()
    }

    /// Waits until [`restored`](Self::restored), failing with the screen after the timeout.
    pub fn wait_restored(&self, what: &str) {
        let start = Instant::now();
        while !self.restored() {
            assert!(
                start.elapsed() < TIMEOUT,
                "{what}: the terminal was not restored; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// The screen's rows, one string each (`screen` joins rows that wrapped).
    pub fn rows(&self) -> Vec<String> {
        self.parser
            .lock()
            .map(|p| {
                let (_, cols) = p.screen().size();
                p.screen().rows(0, cols).collect()
            })
            .unwrap_or_default()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
    }

    /// Waits until the screen satisfies `check`, failing with the screen after the timeout.
    pub fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
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

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }

    /// Waits for the binary to exit, failing with `what` after the timeout.
    pub fn wait_exit(&mut self, what: &str) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            assert!(start.elapsed() < TIMEOUT, "{what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Quits with `q` and waits for a clean exit.
    pub fn quit(&mut self) {
        self.send("q");
        let status = self.wait_exit("the reader did not quit");
        assert!(status.success(), "exit status {status:?}");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
