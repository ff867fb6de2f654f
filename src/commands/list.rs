//! `briefing list`: from the library index, without parsing every file.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::ListArgs;
use crate::config::Config;
use crate::export::ListEntry;
use crate::library::views::BriefingRow;
use crate::load::skipped_summary;

use super::ask_index;

pub fn list(config: &Config, args: &ListArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode> {
    // The index is a cache: where it cannot be kept, the files are read instead.
    let (briefings, skipped) = match ask_index(config, err, |i| Ok((i.briefings()?, i.skipped()?))) {
        Ok((_, _, listed)) => listed,
        Err(e) => {
            writeln!(err, "briefing: {e:#}; listing by reading every file")?;
            from_files(config)
        }
    };
    if args.json {
        let entries: Vec<ListEntry> = briefings
            .iter()
            .map(|b| ListEntry {
                id: &b.id,
                title: &b.title,
                publisher: &b.publisher,
                path: b.path.clone(),
                published: b.published.as_deref().and_then(|d| d.parse().ok()),
                sections: b.sections,
                actors: b.actors,
                claims: b.claims,
            })
            .collect();
        super::write_json(out, &entries)?;
        writeln!(out)?;
    } else if briefings.is_empty() {
        writeln!(err, "no briefings in {}", config.briefings_dir.display())?;
    } else {
        let id_width = briefings.iter().map(|b| b.id.len()).max().unwrap_or(0);
        for b in &briefings {
            writeln!(
                out,
                "{:<id_width$}  {:<10}  {:>3} sections  {:>3} actors  {:>3} claims  {}",
                b.id,
                b.published.as_deref().unwrap_or("-"),
                b.sections,
                b.actors,
                b.claims,
                b.title,
            )?;
        }
    }
    // A folder that cannot be read was reported when the index was opened.
    if let Some(summary) = skipped_summary(&skipped) {
        writeln!(err, "{summary}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The list and the skipped files from a full parse, as the index would give them.
fn from_files(config: &Config) -> (Vec<BriefingRow>, Vec<String>) {
    let library = super::library(config);
    let rows = library
        .briefings
        .iter()
        .map(|l| {
            let b = &l.briefing;
            BriefingRow {
                id: b.id.clone(),
                title: b.title.clone(),
                publisher: b.publisher.clone(),
                path: l.path.display().to_string(),
                published: b.published.map(|d| d.to_string()),
                sections: b.sections.len(),
                actors: b.actors.len(),
                claims: b.claims.len(),
                file: 0,
            }
        })
        .collect();
    let skipped = library
        .skipped
        .iter()
        .map(|s| {
            s.diagnostics
                .first()
                .map_or_else(|| s.path.display().to_string(), |d| d.headline())
        })
        .collect();
    (rows, skipped)
}
