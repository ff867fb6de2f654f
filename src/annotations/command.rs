//! `briefing annotate` and `briefing annotations`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail};
use uuid::Uuid;

use crate::annotations::{AnnotationStore, Credibility, Patch, Reliability, report};
use crate::cli::{AnnotateArgs, AnnotationsArgs, Format};
use crate::commands::{self, resolve_briefing};
use crate::config::Config;
use crate::load::LoadedBriefing;
use crate::model::is_valid_id;

/// Tells the user, on standard error, what is wrong with a sidecar (`writing`:
/// whether the command is about to change it).
pub fn report_problems(store: &AnnotationStore, writing: bool) {
    for d in store.warnings() {
        eprintln!("warning: {d}");
    }
    if !store.errors().is_empty() {
        for d in store.errors() {
            eprintln!("{d}");
        }
        eprintln!(
            "{} cannot be fully read; {}",
            store.path().display(),
            if writing {
                "it will be set aside under a new name (not overwritten) and the readable annotations carried over"
            } else {
                "the readable annotations are shown; the file is left as it is"
            }
        );
    }
}

fn report_set_aside(set_aside: &Option<crate::annotations::SetAside>) {
    if let Some(s) = set_aside {
        eprintln!("{}", s.message());
    }
}

/// `briefing annotate`.
pub fn annotate_command(config: &Config, args: &AnnotateArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let loaded = resolve_briefing(config, &args.briefing)?;
    let mut store = AnnotationStore::for_config(config, &loaded);
    let changing = args.delete
        || args.credibility.is_some()
        || args.clear_credibility
        || args.note.is_some()
        || !args.tags.is_empty()
        || args.reliability.is_some()
        || args.reattach.is_some();
    report_problems(&store, changing);

    if let Some(actor_id) = &args.actor {
        return annotate_actor(&loaded, &mut store, args, actor_id, out);
    }
    let claim_id = args
        .claim
        .as_deref()
        .ok_or_else(|| anyhow!("give a CLAIM id (or --actor ID)"))?;
    let claim = loaded.index.claim(claim_id).ok_or_else(|| {
        anyhow!(
            "no claim `{claim_id}` in briefing `{}`; `briefing show {} --format json` lists the claim ids",
            loaded.briefing.id,
            loaded.briefing.id
        )
    })?;
    let path = store.path();

    if let Some(id) = &args.reattach {
        let id = Uuid::parse_str(id.trim()).map_err(|_| {
            anyhow!("`{id}` is not an annotation id; `briefing annotations --format json` lists them")
        })?;
        let saved = store.reattach(&loaded, id, claim)?;
        report_set_aside(&saved.set_aside);
        writeln!(
            out,
            "re-attached annotation {id} to `{claim_id}` in {}",
            path.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.delete {
        let saved = store.delete_claim(&loaded, claim)?;
        report_set_aside(&saved.set_aside);
        match saved.value {
            0 => writeln!(out, "`{claim_id}` has no annotation; nothing deleted")?,
            n => writeln!(
                out,
                "deleted {n} annotation{} of `{claim_id}` from {}",
                if n == 1 { "" } else { "s" },
                path.display()
            )?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !changing {
        match store.for_claim(claim) {
            None => writeln!(
                out,
                "`{claim_id}` has no annotation (give --credibility, --note or --tag to add one)"
            )?,
            Some(_) => {
                for p in store.all_for_claim(claim) {
                    let a = &p.annotation;
                    writeln!(out, "{} {} ({})", a.id, store.grade(claim), p.state)?;
                    if !a.note.is_empty() {
                        writeln!(out, "{}", a.note)?;
                    }
                    if !a.tags.is_empty() {
                        writeln!(out, "tags: {}", a.tags.join(", "))?;
                    }
                }
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let credibility = args
        .credibility
        .map(|n| Credibility::from_number(i64::from(n)).context("credibility must be 1 to 6"))
        .transpose()?;
    let patch = Patch {
        credibility: if args.clear_credibility {
            Some(None)
        } else {
            credibility.map(Some)
        },
        note: args.note.clone(),
        tags: (!args.tags.is_empty()).then(|| args.tags.clone()),
    };
    let saved = store.apply(&loaded, claim, None, patch)?;
    report_set_aside(&saved.set_aside);
    writeln!(
        out,
        "annotated `{claim_id}` ({}) in {}",
        store.grade(claim),
        path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn annotate_actor(
    loaded: &LoadedBriefing,
    store: &mut AnnotationStore,
    args: &AnnotateArgs,
    actor_id: &str,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let actor = loaded.index.actor(actor_id).ok_or_else(|| {
        anyhow!(
            "no actor `{actor_id}` in briefing `{}`; its actors are: {}",
            loaded.briefing.id,
            loaded
                .briefing
                .actors
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    let existing = store.reliability(actor_id).cloned();
    if args.delete {
        let saved = store.set_reliability(loaded, actor, None)?;
        report_set_aside(&saved.set_aside);
        writeln!(out, "removed the reliability grade of `{actor_id}`")?;
        return Ok(ExitCode::SUCCESS);
    }
    let reliability = match (&args.reliability, &existing) {
        (Some(r), _) => Some(r.parse::<Reliability>()?),
        (None, Some(e)) if args.note.is_some() => Some(e.reliability),
        (None, None) if args.note.is_some() => bail!("give --reliability A-F for `{actor_id}`"),
        _ => None,
    };
    match reliability {
        Some(r) => {
            let note = args
                .note
                .clone()
                .or_else(|| existing.map(|e| e.note))
                .unwrap_or_default();
            let saved = store.set_reliability(loaded, actor, Some((r, note)))?;
            report_set_aside(&saved.set_aside);
            writeln!(
                out,
                "graded `{actor_id}` {r} ({}) in {}",
                r.label(),
                store.path().display()
            )?;
        }
        None => match existing {
            Some(g) => writeln!(
                out,
                "{} {} ({}) {}",
                g.actor,
                g.reliability,
                g.reliability.label(),
                g.note
            )?,
            None => writeln!(
                out,
                "`{actor_id}` has no reliability grade (give --reliability A-F)"
            )?,
        },
    }
    Ok(ExitCode::SUCCESS)
}

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
pub fn export_command(config: &Config, args: &AnnotationsArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let single;
    let library: crate::load::Library;
    let mut stores: Vec<(AnnotationStore, Option<&LoadedBriefing>)> = Vec::new();
    match &args.briefing {
        Some(b) => {
            single = resolve_briefing(config, b)?;
            stores.push((AnnotationStore::for_config(config, &single), Some(&single)));
        }
        None => {
            library = commands::library(config);
            let dir = &config.annotations_dir;
            let (ids, set_aside) = sidecar_ids(dir);
            for id in ids {
                match library.get(&id) {
                    Some(l) => stores.push((AnnotationStore::for_config(config, l), Some(l))),
                    None => {
                        let store = AnnotationStore::open_detached(dir, &id);
                        eprintln!(
                            "{}: no briefing `{id}` in {}; its {} annotation{} are kept (not deleted) and listed as orphaned",
                            store.path().display(),
                            config.briefings_dir.display(),
                            store.annotations().len(),
                            if store.annotations().len() == 1 { "" } else { "s" }
                        );
                        stores.push((store, None));
                    }
                }
            }
            for path in set_aside {
                eprintln!(
                    "note: {} is a sidecar that could not be read and was set aside; fix it and merge it back by hand",
                    path.display()
                );
            }
            if stores.is_empty() && args.format != Format::Json {
                eprintln!("no annotations in {}", dir.display());
            }
        }
    }
    for (store, _) in &stores {
        report_problems(store, false);
    }
    match args.format {
        Format::Json => {
            let json: Vec<_> = stores.iter().map(|(s, l)| report::sidecar_json(s, *l)).collect();
            if args.briefing.is_some() && json.len() == 1 {
                serde_json::to_writer_pretty(&mut *out, &json[0])?;
            } else {
                serde_json::to_writer_pretty(&mut *out, &json)?;
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
