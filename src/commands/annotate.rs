//! `briefing annotate`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail};
use uuid::Uuid;

use crate::annotations::{AnnotationStore, Credibility, Patch, Reliability, SetAside};
use crate::cli::AnnotateArgs;
use crate::config::Config;
use crate::load::LoadedBriefing;

use crate::text::escape;

use super::{report_problems, resolve_briefing};

fn report_set_aside(set_aside: &Option<SetAside>, err: &mut dyn Write) -> Result<()> {
    if let Some(s) = set_aside {
        // The problems were shown when the sidecar was read.
        writeln!(err, "{}", s.summary())?;
    }
    Ok(())
}

/// `briefing annotate`.
pub fn annotate(
    config: &Config,
    args: &AnnotateArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode> {
    let loaded = resolve_briefing(config, &args.briefing)?;
    let mut store = AnnotationStore::for_config(config, &loaded);
    let changing = args.delete
        || args.credibility.is_some()
        || args.clear_credibility
        || args.note.is_some()
        || !args.tags.is_empty()
        || args.reliability.is_some()
        || args.reattach.is_some();
    report_problems(&store, changing, err)?;

    if let Some(actor_id) = &args.actor {
        return annotate_actor(&loaded, &mut store, args, actor_id, out, err);
    }
    let claim_id = args
        .claim
        .as_deref()
        .ok_or_else(|| anyhow!("give a CLAIM id (or --actor ID)"))?;
    let claim = loaded.index.claim(claim_id).ok_or_else(|| {
        anyhow!(
            "no claim `{}` in briefing `{}`; `briefing show {} --format json` lists the claim ids",
            escape(claim_id),
            loaded.briefing.id,
            loaded.briefing.id
        )
    })?;
    let path = store.path();

    if let Some(id) = &args.reattach {
        let id = Uuid::parse_str(id.trim()).map_err(|_| {
            anyhow!(
                "`{}` is not an annotation id; `briefing annotations --format json` lists them",
                escape(id)
            )
        })?;
        let saved = store.reattach(&loaded, id, claim)?;
        report_set_aside(&saved.set_aside, err)?;
        writeln!(
            out,
            "re-attached annotation {id} to `{claim_id}` in {}",
            path.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.delete {
        let saved = store.delete_claim(&loaded, claim)?;
        report_set_aside(&saved.set_aside, err)?;
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
    report_set_aside(&saved.set_aside, err)?;
    writeln!(
        out,
        "annotated `{claim_id}`, {}; saved in {}",
        store.grade(claim).words(),
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
    err: &mut dyn Write,
) -> Result<ExitCode> {
    let actor = loaded.index.actor(actor_id).ok_or_else(|| {
        anyhow!(
            "no actor `{}` in briefing `{}`; its actors are: {}",
            escape(actor_id),
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
        report_set_aside(&saved.set_aside, err)?;
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
            report_set_aside(&saved.set_aside, err)?;
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
