//! Turning a plain-text or Markdown article into a briefing.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::ImportArgs;
use crate::config::Config;

/// `briefing import`.
pub fn import_command(
    _config: &Config,
    _args: &ImportArgs,
    _out: &mut dyn Write,
    _err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("import is not available yet")
}

/// Imports an article file (.txt or .md) in memory, for the reader to show read-only.
pub fn import_in_memory(path: &std::path::Path) -> anyhow::Result<crate::load::LoadedBriefing> {
    anyhow::bail!("cannot open {}: import is not available yet", path.display())
}
