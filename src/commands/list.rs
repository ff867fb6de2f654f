//! `briefing list`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::ListArgs;
use crate::config::Config;
use crate::export::ListEntry;

use super::library;

pub fn list(config: &Config, args: &ListArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode> {
    let library = library(config);
    if args.json {
        let entries: Vec<ListEntry> = library.briefings.iter().map(ListEntry::new).collect();
        serde_json::to_writer_pretty(&mut *out, &entries)?;
        writeln!(out)?;
    } else if library.briefings.is_empty() {
        writeln!(err, "no briefings in {}", config.briefings_dir.display())?;
    } else {
        let id_width = library
            .briefings
            .iter()
            .map(|b| b.briefing.id.len())
            .max()
            .unwrap_or(0);
        for loaded in &library.briefings {
            let b = &loaded.briefing;
            writeln!(
                out,
                "{:<id_width$}  {:<10}  {:>3} sections  {:>3} actors  {:>3} claims  {}",
                b.id,
                b.published.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                b.sections.len(),
                b.actors.len(),
                b.claims.len(),
                b.title,
            )?;
        }
    }
    if let Some(summary) = library.skipped_summary() {
        writeln!(err, "{summary}")?;
    }
    Ok(ExitCode::SUCCESS)
}
