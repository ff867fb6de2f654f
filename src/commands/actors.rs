//! `briefing actors`: actors across the library, one actor's briefings and
//! claims, and the user's merge and split decisions.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use crate::cli::ActorsArgs;
use crate::config::Config;
use crate::library::views::{ClaimRow, Identity};
use crate::library::{LibraryIndex, save_decisions};

use super::{ask_index, decisions, open_index};

#[derive(Serialize)]
struct ActorJson<'a> {
    #[serde(flatten)]
    identity: &'a Identity,
    claim_list: &'a [ClaimRow],
}

pub fn actors(
    config: &Config,
    args: &ActorsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode> {
    let mut decisions = decisions(config, err)?;
    if !args.merge.is_empty() || args.split.is_some() {
        let (index, _) = open_index(config, err)?;
        if !args.merge.is_empty() {
            decisions.merge(args.merge.clone());
        }
        if let Some(actor) = &args.split {
            check_split(&index, actor)?;
            decisions.split(actor);
        }
        save_decisions(&config.annotations_dir, &decisions)
            .with_context(|| format!("cannot save the decision in {}", config.annotations_dir.display()))?;
        let name = args
            .merge
            .first()
            .or(args.split.as_ref())
            .map_or("", String::as_str);
        let now = index.find_identities(name, &decisions)?;
        for identity in &now {
            writeln!(out, "{}", line(identity))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    match &args.name {
        None => {
            let (_, _, identities) = ask_index(config, err, |index| index.identities(&decisions))?;
            list(&identities, args.json, out)
        }
        Some(name) => {
            let (_, _, found) = ask_index(config, err, |index| {
                let mut found = Vec::new();
                for identity in index.find_identities(name, &decisions)? {
                    let claim_list = index.identity_claims(&identity)?;
                    found.push((identity, claim_list));
                }
                Ok(found)
            })?;
            if found.is_empty() {
                writeln!(
                    err,
                    "no actor named `{}` in the library; `briefing actors` lists them",
                    crate::text::escape(name)
                )?;
                return Ok(ExitCode::from(1));
            }
            show(&found, args.json, out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn list(identities: &[Identity], json: bool, out: &mut dyn Write) -> Result<ExitCode> {
    if json {
        super::write_json(out, &identities)?;
        writeln!(out)?;
    } else {
        for identity in identities {
            writeln!(out, "{}", line(identity))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// "Russia  state  6 briefings  14 claims  (also: The Kremlin)".
fn line(i: &Identity) -> String {
    let also = if i.also.is_empty() {
        String::new()
    } else {
        format!("  (also: {})", i.also.join(", "))
    };
    format!(
        "{:<30}  {:<12}  {:>4} briefing{}  {:>5} claims{also}",
        i.name,
        i.kind,
        i.briefings,
        if i.briefings == 1 { " " } else { "s" },
        i.claims
    )
}

fn show(found: &[(Identity, Vec<ClaimRow>)], json: bool, out: &mut dyn Write) -> Result<()> {
    let all: Vec<ActorJson> = found
        .iter()
        .map(|(identity, claims)| ActorJson {
            identity,
            claim_list: claims,
        })
        .collect();
    if json {
        super::write_json(out, &all)?;
        writeln!(out)?;
        return Ok(());
    }
    for a in &all {
        writeln!(out, "{}", line(a.identity))?;
        for m in &a.identity.members {
            let role = m.role.as_deref().map(|r| format!(", {r}")).unwrap_or_default();
            writeln!(out, "  {}/{}  {}{role}", m.briefing, m.actor, m.name)?;
        }
        for c in a.claim_list {
            let date = c.date.as_deref().map(|d| format!("{d} ")).unwrap_or_default();
            let speaker = c.speaker.as_deref().unwrap_or("(unnamed source)");
            writeln!(
                out,
                "  - {date}{} {}: {} ({}): {}",
                c.briefing, c.claim, speaker, c.kind, c.text
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A split names one actor of one briefing, which must exist.
fn check_split(index: &LibraryIndex, actor: &str) -> Result<()> {
    let Some((briefing, id)) = actor.split_once('/') else {
        bail!("--split takes BRIEFING/ACTOR, e.g. russia-venezuela-levers/united-states");
    };
    let known = index
        .identities(&Default::default())?
        .iter()
        .flat_map(|i| &i.members)
        .any(|m| m.briefing == briefing && m.actor == id);
    if !known {
        bail!("no actor `{id}` in briefing `{briefing}`; `briefing actors NAME` shows the ids");
    }
    Ok(())
}
