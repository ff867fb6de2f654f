//! The interactive reader.

use std::path::Path;
use std::process::ExitCode;

use crate::config::Config;

/// Opens the reader on `path` (a briefing file, a folder, or a .txt/.md article) or on
/// the configured briefings folder.
pub fn run(_config: &Config, _path: Option<&Path>) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the interactive reader is not available yet; use `briefing show ID` to print a briefing")
}
