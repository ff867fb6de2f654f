//! The non-interactive subcommands, one per file. Each writes to the outputs
//! it is given so tests can read them; `app` hands it stdout and stderr.

mod actors;
mod annotate;
mod annotations;
mod check;
mod edit;
mod import;
mod index;
mod list;
mod search;
mod show;
mod timeline;

pub use actors::actors;
pub use annotate::annotate;
pub use annotations::annotations;
pub use check::check;
pub use edit::edit;
pub use import::import;
pub use index::index;
pub use list::list;
pub use search::search;
pub use show::show;
pub use timeline::timeline;

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use crate::annotations::AnnotationStore;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::library::identity::Decisions;
use crate::library::{LibraryIndex, SyncReport, load_decisions};
use crate::load::{Library, LoadedBriefing, load_file_limited};
use crate::text::{escape, escape_path};

/// Pretty JSON, with C1 controls and bidi overrides escaped too (the
/// serialiser escapes only C0), so printing it cannot drive the terminal.
pub fn write_json<T: serde::Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    let json = serde_json::to_string_pretty(value)?;
    out.write_all(crate::text::json_for_terminal(&json).as_bytes())?;
    Ok(())
}

/// Problems shown in full per file; the rest are counted.
pub const SHOWN_PER_FILE: usize = 100;

/// A file's diagnostics, each followed by a blank line: the first
/// [`SHOWN_PER_FILE`], then how many more there are.
pub fn write_diagnostics(
    out: &mut dyn Write,
    path: &Path,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    for d in diagnostics.iter().take(SHOWN_PER_FILE) {
        writeln!(out, "{d}\n")?;
    }
    if let Some(more) = diagnostics.len().checked_sub(SHOWN_PER_FILE).filter(|&n| n > 0) {
        writeln!(
            out,
            "{}: and {more} more problem{} not shown ({} in all)\n",
            escape_path(path),
            if more == 1 { "" } else { "s" },
            diagnostics.len()
        )?;
    }
    Ok(())
}

/// Loads the configured briefings folder.
pub fn library(config: &Config) -> Library {
    Library::load_limited(std::slice::from_ref(&config.briefings_dir), config.max_file_bytes)
}

/// Resolves `ID|PATH`: an existing file is loaded directly, anything else is looked up by id.
pub fn resolve_briefing(config: &Config, id_or_path: &str) -> Result<LoadedBriefing> {
    let path = Path::new(id_or_path);
    if path.is_file() {
        return load_file_limited(path, config.max_file_bytes).map_err(|diagnostics| {
            let mut shown = Vec::new();
            let _ = write_diagnostics(&mut shown, path, &diagnostics);
            anyhow::anyhow!(
                "{} is not a valid briefing:\n{}",
                escape_path(path),
                String::from_utf8_lossy(&shown).trim_end()
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
            "no briefing `{}` in {} (and no such file); `briefing list` shows what there is",
            escape(id_or_path),
            escape_path(&config.briefings_dir)
        ),
    }
}

/// Opens the library index of the configured briefings folder, brought up to
/// date; a rebuild notice and unreadable folders go to `err`.
pub fn open_index(config: &Config, err: &mut dyn Write) -> Result<(LibraryIndex, SyncReport)> {
    let (index, report, ()) = ask_index(config, err, |_| Ok(()))?;
    Ok((index, report))
}

/// Answers `ask` from the library index of the configured briefings folder,
/// current with the files (asked while they are listed, again if they changed);
/// a rebuild notice and unreadable folders go to `err`.
pub fn ask_index<T>(
    config: &Config,
    err: &mut dyn Write,
    ask: impl Fn(&LibraryIndex) -> rusqlite::Result<T>,
) -> Result<(LibraryIndex, SyncReport, T)> {
    let (index, report, answer) = LibraryIndex::ask(config, &config.briefings_dir, ask)?;
    if let Some(notice) = &index.notice {
        writeln!(err, "{notice}")?;
    }
    for missing in report.missing.iter().filter(|m| !m.not_a_file) {
        for d in &missing.diagnostics {
            writeln!(err, "{}", d.headline())?;
        }
    }
    // Folders, FIFOs, devices and broken links named *.toml: one line, not one each.
    let others = report.missing.iter().filter(|m| m.not_a_file).count();
    if others > 0 {
        writeln!(
            err,
            "{others} entr{} named *.toml skipped: not briefing files (`briefing check` names them)",
            if others == 1 { "y" } else { "ies" }
        )?;
    }
    Ok((index, report, answer))
}

/// The identity decisions; a broken file is reported and matching by name goes on without it.
pub fn decisions(config: &Config, err: &mut dyn Write) -> Result<Decisions> {
    Ok(match load_decisions(&config.annotations_dir) {
        Ok(d) => d,
        Err(d) => {
            writeln!(
                err,
                "{d}\nmerge and split decisions are ignored until this is fixed"
            )?;
            Decisions::default()
        }
    })
}

/// Tells the user, on standard error, what is wrong with a sidecar (`writing`:
/// whether the command is about to change it).
pub fn report_problems(store: &AnnotationStore, writing: bool, err: &mut dyn Write) -> Result<()> {
    for d in store.warnings() {
        writeln!(err, "warning: {d}")?;
    }
    if !store.errors().is_empty() {
        for d in store.errors() {
            writeln!(err, "{d}")?;
        }
        // When writing, the set-aside report after the write says what became of it.
        if !writing {
            writeln!(
                err,
                "{} cannot be fully read; the readable annotations are shown; the file is left as it is",
                escape_path(&store.path())
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_problems_writes_to_the_writer_it_is_given() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("b.toml"),
            "briefing = \"b\"\nschema = 1\n[[annotations]\n",
        )
        .unwrap();
        let store = AnnotationStore::open_detached(dir.path(), "b");
        let mut err = Vec::new();
        report_problems(&store, true, &mut err).unwrap();
        let text = String::from_utf8(err).unwrap();
        assert!(text.contains("TOML syntax error"), "{text}");
        let mut err = Vec::new();
        report_problems(&store, false, &mut err).unwrap();
        let text = String::from_utf8(err).unwrap();
        assert!(text.contains("cannot be fully read"), "{text}");
    }
}
