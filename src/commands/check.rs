//! `briefing check`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::cli::CheckArgs;
use crate::config::Config;
use crate::load::Library;

/// Validates every file; reports every problem; exit 1 if any file is invalid.
pub fn check(config: &Config, args: &CheckArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![config.briefings_dir.clone()]
    } else {
        args.paths.clone()
    };
    let library = Library::load(&paths);
    for skipped in &library.skipped {
        for d in &skipped.diagnostics {
            writeln!(out, "{d}\n")?;
        }
    }
    let problems: usize = library.skipped.iter().map(|s| s.diagnostics.len()).sum();
    writeln!(
        out,
        "{} valid, {} invalid ({problems} problem{})",
        library.briefings.len(),
        library.skipped.len(),
        if problems == 1 { "" } else { "s" }
    )
    .context("writing the report")?;
    Ok(if library.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
