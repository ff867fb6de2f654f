//! The binary's non-interactive commands, run with nothing from the user's environment.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary, run in `dir` with no config in the environment and `HOME` and the
/// XDG folders pointing into `dir`.
pub fn isolated(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefing"));
    cmd.current_dir(dir)
        .env_remove("BRIEFING_CONFIG")
        .env("XDG_CONFIG_HOME", dir.join("no-xdg-config"))
        .env("XDG_DATA_HOME", dir.join("no-xdg-data"))
        // The library index is a cache: kept under target/, never in the folder run in.
        .env(
            "XDG_CACHE_HOME",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache"),
        )
        .env("HOME", dir);
    cmd
}

/// The binary run in `dir` on a config of its own there (`briefings_dir =
/// "library"`, written once), with `stdin` piped in when given.
pub fn in_dir(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let config = dir.join("config.toml");
    if !config.exists() {
        std::fs::write(&config, "briefings_dir = \"library\"\n").unwrap();
    }
    let mut cmd = isolated(dir);
    cmd.env("BRIEFING_CONFIG", &config)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
