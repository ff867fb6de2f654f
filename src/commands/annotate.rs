//! `briefing annotate`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result, anyhow, bail};
use uuid::Uuid;

use crate::annotations::{AnnotationStore, Credibility, Patch, Reliability, SetAside};
use crate::cli::AnnotateArgs;
use crate::config::Config;
use crate::load::LoadedBriefing;

use crate::text::{escape, escape_path};

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
    let changing = changes_anything(args);
    report_problems(&store, changing, err)?;

    if let Some(actor_id) = &args.actor {
        return annotate_actor(&loaded, &mut store, args, actor_id, out, err);
    }
    let claim_id = args
        .claim
        .as_deref()
        .ok_or_else(|| anyhow!("give a CLAIM id (or --actor ID)"))?;
    let claim = find_claim(&loaded, claim_id)?;
    let target = Target {
        loaded: &loaded,
        claim,
        claim_id,
    };
    if let Some(id) = &args.reattach {
        reattach(&mut store, &target, id, out, err)?;
    } else if args.delete {
        delete(&mut store, &target, out, err)?;
    } else if changing {
        apply(&mut store, &target, args, out, err)?;
    } else {
        show(&store, &target, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether the options ask for a change (otherwise the annotation is shown).
fn changes_anything(args: &AnnotateArgs) -> bool {
    args.delete
        || args.credibility.is_some()
        || args.clear_credibility
        || args.note.is_some()
        || !args.tags.is_empty()
        || args.reliability.is_some()
        || args.reattach.is_some()
}

/// The claim an annotation command is about.
struct Target<'a> {
    loaded: &'a LoadedBriefing,
    claim: usize,
    claim_id: &'a str,
}

fn find_claim(loaded: &LoadedBriefing, claim_id: &str) -> Result<usize> {
    loaded.index.claim(claim_id).ok_or_else(|| {
        anyhow!(
            "no claim `{}` in briefing `{}`; `briefing show {} --format json` lists the claim ids",
            escape(claim_id),
            loaded.briefing.id,
            loaded.briefing.id
        )
    })
}

fn reattach(
    store: &mut AnnotationStore,
    t: &Target<'_>,
    id: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let id = Uuid::parse_str(id.trim()).map_err(|_| {
        anyhow!(
            "`{}` is not an annotation id; `briefing annotations --format json` lists them",
            escape(id)
        )
    })?;
    let saved = store.reattach(t.loaded, id, t.claim)?;
    report_set_aside(&saved.set_aside, err)?;
    writeln!(
        out,
        "re-attached annotation {id} to `{}` in {}",
        t.claim_id,
        escape_path(&store.path())
    )?;
    Ok(())
}

fn delete(
    store: &mut AnnotationStore,
    t: &Target<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let saved = store.delete_claim(t.loaded, t.claim)?;
    report_set_aside(&saved.set_aside, err)?;
    let claim_id = t.claim_id;
    match saved.value {
        0 => writeln!(out, "`{claim_id}` has no annotation; nothing deleted")?,
        n => writeln!(
            out,
            "deleted {n} annotation{} of `{claim_id}` from {}",
            if n == 1 { "" } else { "s" },
            escape_path(&store.path())
        )?,
    }
    Ok(())
}

/// Prints the claim's annotations: id, grade and state, the note, the tags.
fn show(store: &AnnotationStore, t: &Target<'_>, out: &mut dyn Write) -> Result<()> {
    if store.for_claim(t.claim).is_none() {
        writeln!(
            out,
            "`{}` has no annotation (give --credibility, --note or --tag to add one)",
            t.claim_id
        )?;
        return Ok(());
    }
    for p in store.all_for_claim(t.claim) {
        let a = &p.annotation;
        writeln!(out, "{} {} ({})", a.id, store.grade(t.claim), p.state)?;
        if !a.note.is_empty() {
            writeln!(out, "{}", a.note)?;
        }
        if !a.tags.is_empty() {
            writeln!(out, "tags: {}", a.tags.join(", "))?;
        }
    }
    Ok(())
}

/// Creates or updates the claim's annotation: each option replaces its field.
fn apply(
    store: &mut AnnotationStore,
    t: &Target<'_>,
    args: &AnnotateArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
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
    let saved = store.apply(t.loaded, t.claim, None, patch)?;
    report_set_aside(&saved.set_aside, err)?;
    writeln!(
        out,
        "annotated `{}`, {}; saved in {}",
        t.claim_id,
        store.grade(t.claim).words(),
        escape_path(&store.path())
    )?;
    Ok(())
}

fn annotate_actor(
    loaded: &LoadedBriefing,
    store: &mut AnnotationStore,
    args: &AnnotateArgs,
    actor_id: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode> {
    let actor = find_actor(loaded, actor_id)?;
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
                escape_path(&store.path())
            )?;
        }
        None => match existing {
            Some(g) => writeln!(
                out,
                "{} {} ({}){}{}",
                g.actor,
                g.reliability,
                g.reliability.label(),
                if g.note.is_empty() { "" } else { " " },
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

fn find_actor(loaded: &LoadedBriefing, actor_id: &str) -> Result<usize> {
    loaded.index.actor(actor_id).ok_or_else(|| {
        let ids: Vec<&str> = loaded.briefing.actors.iter().map(|a| a.id.as_str()).collect();
        anyhow!(
            "no actor `{}` in briefing `{}`; its actors are: {}",
            escape(actor_id),
            loaded.briefing.id,
            ids.join(", ")
        )
    })
}
