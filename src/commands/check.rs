//! `briefing check`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::cli::CheckArgs;
use crate::config::Config;
use crate::load::Library;

use super::write_diagnostics;

/// Validates every file; reports every problem (the first
/// [`super::SHOWN_PER_FILE`] of each file in full, all of them counted); exit 1
/// if any file is invalid.
pub fn check(config: &Config, args: &CheckArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![config.briefings_dir.clone()]
    } else {
        args.paths.clone()
    };
    let library = Library::load_limited(&paths, config.max_file_bytes);
    for skipped in &library.skipped {
        write_diagnostics(out, &skipped.path, &skipped.diagnostics)?;
    }
    let invalid = library.invalid().count();
    let problems: usize = library.invalid().map(|s| s.diagnostics.len()).sum();
    let not_files = library.skipped.len() - invalid;
    write!(
        out,
        "{} valid, {invalid} invalid ({problems} problem{})",
        library.briefings.len(),
        if problems == 1 { "" } else { "s" }
    )
    .context("writing the report")?;
    if not_files > 0 {
        write!(
            out,
            ", {not_files} skipped (not briefing file{})",
            if not_files == 1 { "" } else { "s" }
        )?;
    }
    writeln!(out)?;
    Ok(if library.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
