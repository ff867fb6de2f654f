//! `briefing annotations`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::annotations::{AnnotationStore, report};
use crate::cli::{AnnotationsArgs, Format};
use crate::config::Config;
use crate::load::{Library, LoadedBriefing};
use crate::model::is_valid_id;
use crate::text::escape_path;

use super::{report_problems, resolve_briefing};

/// Sidecars in the annotations folder, by briefing id; and set-aside files.
fn sidecar_ids(dir: &Path) -> (Vec<String>, Vec<PathBuf>) {
    let mut ids = Vec::new();
    let mut set_aside = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".toml")
                && is_valid_id(id)
            {
                ids.push(id.to_string());
            } else if name.contains(".toml.unreadable-") {
                set_aside.push(entry.path());
            }
        }
    }
    ids.sort();
    set_aside.sort();
    (ids, set_aside)
}

/// `briefing annotations`.
pub fn annotations(
    config: &Config,
    args: &AnnotationsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode> {
    let single;
    let library;
    let stores = match &args.briefing {
        Some(b) => {
            single = resolve_briefing(config, b)?;
            vec![(AnnotationStore::for_config(config, &single), Some(&single))]
        }
        None => {
            library = super::library(config);
            every_sidecar(config, &library, args.format, err)?
        }
    };
    for (store, _) in &stores {
        report_problems(store, false, err)?;
    }
    match args.format {
        Format::Json => {
            let json: Vec<_> = stores.iter().map(|(s, l)| report::sidecar_json(s, *l)).collect();
            if args.briefing.is_some() && json.len() == 1 {
                super::write_json(out, &json[0])?;
            } else {
                super::write_json(out, &json)?;
            }
            writeln!(out)?;
        }
        Format::Markdown => {
            let parts: Vec<String> = stores.iter().map(|(s, l)| report::markdown(s, *l)).collect();
            write!(out, "{}", parts.join("\n---\n\n"))?;
        }
        Format::Text => {
            let parts: Vec<String> = stores.iter().map(|(s, l)| report::text(s, *l)).collect();
            write!(out, "{}", parts.join("\n"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every sidecar in the annotations folder with its briefing, if it is still
/// in the library; says on `err` which are orphaned and which were set aside.
fn every_sidecar<'l>(
    config: &Config,
    library: &'l Library,
    format: Format,
    err: &mut dyn Write,
) -> Result<Vec<(AnnotationStore, Option<&'l LoadedBriefing>)>> {
    let mut stores = Vec::new();
    let dir = &config.annotations_dir;
    let (ids, set_aside) = sidecar_ids(dir);
    for id in ids {
        if let Some(l) = library.get(&id) {
            stores.push((AnnotationStore::for_config(config, l), Some(l)));
            continue;
        }
        let store = AnnotationStore::open_detached(dir, &id);
        writeln!(
            err,
            "{}: no briefing `{id}` in {}; its {} kept (not deleted) and listed as orphaned",
            escape_path(&store.path()),
            escape_path(&config.briefings_dir),
            match store.annotations().len() {
                1 => "1 annotation is".to_string(),
                n => format!("{n} annotations are"),
            }
        )?;
        stores.push((store, None));
    }
    for path in set_aside {
        writeln!(
            err,
            "note: {} is a sidecar that could not be read and was set aside; fix it and merge it back by hand",
            escape_path(&path)
        )?;
    }
    if stores.is_empty() && format != Format::Json {
        writeln!(err, "no annotations in {}", escape_path(dir))?;
    }
    Ok(stores)
}
