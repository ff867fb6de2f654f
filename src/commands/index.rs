//! `briefing index`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::cli::IndexArgs;
use crate::config::Config;
use crate::library::{LibraryIndex, SyncReport, index_path};

#[derive(Serialize)]
struct IndexJson<'a> {
    path: String,
    rebuilt: bool,
    #[serde(flatten)]
    report: &'a SyncReport,
}

pub fn index(
    config: &Config,
    args: &IndexArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode> {
    let mut index = LibraryIndex::open(&index_path(config, &config.briefings_dir))?;
    if let Some(notice) = &index.notice {
        writeln!(err, "{notice}")?;
    }
    if args.rebuild {
        index.clear()?;
    }
    let report = index.sync(&config.briefings_dir, &config.annotations_dir)?;
    for missing in &report.missing {
        for d in &missing.diagnostics {
            writeln!(err, "{}", d.headline())?;
        }
    }
    if args.json {
        let json = IndexJson {
            path: index.path().display().to_string(),
            rebuilt: args.rebuild || index.notice.is_some(),
            report: &report,
        };
        super::write_json(out, &json)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} {}\n{}",
            if args.rebuild { "rebuilt" } else { "updated" },
            index.path().display(),
            report.summary()
        )?;
        if report.broken > 0 {
            writeln!(out, "`briefing check` explains the broken files")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
