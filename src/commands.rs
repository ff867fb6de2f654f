//! The non-interactive subcommands. Each writes to the given output so tests can read it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::annotations::AnnotationStore;
use crate::cli::{CheckArgs, Format, ListArgs, ShowArgs};
use crate::config::Config;
use crate::export::{self, BriefingJson, ListEntry};
use crate::load::{Library, LoadedBriefing, load_file};

/// Loads the configured briefings folder.
pub fn library(config: &Config) -> Library {
    Library::load(std::slice::from_ref(&config.briefings_dir))
}

/// Resolves `ID|PATH`: an existing file is loaded directly, anything else is looked up by id.
pub fn resolve_briefing(config: &Config, id_or_path: &str) -> Result<LoadedBriefing> {
    let path = Path::new(id_or_path);
    if path.is_file() {
        return load_file(path).map_err(|diagnostics| {
            anyhow::anyhow!(
                "{} is not a valid briefing:\n{}",
                path.display(),
                diagnostics
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
    }
    let library = library(config);
    match library
        .briefings
        .into_iter()
        .find(|b| b.briefing.id == id_or_path)
    {
        Some(b) => Ok(b),
        None => bail!(
            "no briefing `{id_or_path}` in {} (and no such file); `briefing list` shows what there is",
            config.briefings_dir.display()
        ),
    }
}

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

pub fn show(config: &Config, args: &ShowArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let loaded = resolve_briefing(config, &args.briefing)?;
    match args.format {
        Format::Json => {
            let store = AnnotationStore::for_config(config, &loaded);
            crate::annotations::report_problems(&store, false);
            let json = BriefingJson::new(&loaded).with_annotations(&loaded, &store);
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        Format::Markdown => {
            let store = AnnotationStore::for_config(config, &loaded);
            crate::annotations::report_problems(&store, false);
            write!(out, "{}", export::markdown_annotated(&loaded, Some(&store)))?
        }
        Format::Text => write!(out, "{}", export::text(&loaded, 80))?,
    }
    Ok(ExitCode::SUCCESS)
}

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
