//! `briefing edit`: corrections to a briefing file from the command line, with
//! the same validation and atomic write as the reader's.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::annotations::SidecarFiles;
use crate::annotations::store;
use crate::cli::{
    ActorKindArg, ClaimKindArg, EditActorArgs, EditAddClaimArgs, EditArgs, EditClaimArgs, EditTarget,
};
use crate::config::Config;
use crate::edit::{self, ActorEdit, ClaimEdit, Edit};
use crate::model::{ActorKind, ClaimKind};
use crate::text::{escape, escape_path};

use super::resolve_briefing;

/// `briefing edit`.
pub fn edit(config: &Config, args: &EditArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode> {
    if config.readonly {
        bail!(
            "editing is turned off (`readonly = true` in {}, or --readonly); nothing was changed",
            config.path.as_deref().map_or("the config".into(), escape_path)
        );
    }
    let loaded = resolve_briefing(config, &args.briefing)?;
    let path = loaded.path.clone();
    let base = crate::load::read_limited(&path, config.max_file_bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", escape_path(&path)))?;
    let edits = match &args.target {
        EditTarget::AddClaim(add) => vec![Edit::AddClaim(new_claim(&loaded.briefing, add))],
        target => edits(target),
    };
    let saved = edit::save(&path, &base, &edits, config.max_file_bytes)
        .with_context(|| format!("{}: nothing was changed", escape_path(&path)))?;
    if saved.reapplied {
        writeln!(
            err,
            "note: {} had changed on disk since it was read; the edit was applied to the new version",
            escape_path(&path)
        )?;
    }
    for e in &edits {
        writeln!(out, "{}", e.describe())?;
    }
    if saved.unchanged {
        writeln!(out, "{} already said so; nothing was written", escape_path(&path))?;
    } else {
        writeln!(out, "saved {}", escape_path(&path))?;
    }
    for e in &edits {
        if let Edit::Actor {
            id,
            change: ActorEdit::MergeInto(into),
        } = e
        {
            move_grade(config, &loaded.briefing.id, id, into, err)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn optional(text: &str) -> Option<String> {
    Some(text.to_string()).filter(|t| !t.trim().is_empty())
}

fn edits(target: &EditTarget) -> Vec<Edit> {
    match target {
        EditTarget::Claim(args) => claim_edits(args)
            .into_iter()
            .map(|change| Edit::Claim {
                id: args.id.clone(),
                change,
            })
            .collect(),
        EditTarget::Actor(args) if args.new => new_actor(args),
        EditTarget::Actor(args) => actor_edits(args)
            .into_iter()
            .map(|change| Edit::Actor {
                id: args.id.clone(),
                change,
            })
            .collect(),
        EditTarget::Section(args) => vec![Edit::SectionHeading {
            id: args.id.clone(),
            heading: args.heading.clone(),
        }],
        EditTarget::AddClaim(_) => Vec::new(),
    }
}

fn claim_kind(kind: ClaimKindArg) -> ClaimKind {
    match kind {
        ClaimKindArg::Quote => ClaimKind::Quote,
        ClaimKindArg::Paraphrase => ClaimKind::Paraphrase,
        ClaimKindArg::Report => ClaimKind::Report,
    }
}

/// The claim to add; its id derived from the briefing as it was read.
fn new_claim(briefing: &crate::model::Briefing, args: &EditAddClaimArgs) -> edit::NewClaim {
    let id = args.id.clone().unwrap_or_else(|| {
        let speaker = args
            .speaker
            .as_deref()
            .and_then(|s| edit::id_speaker(briefing, s));
        edit::claim_id_for(briefing, &args.text, speaker)
    });
    edit::NewClaim {
        id,
        section: args.section.clone(),
        words: args.text.clone(),
        speaker: args.speaker.clone(),
        kind: claim_kind(args.kind),
        date: args.date.as_deref().and_then(optional),
        via: args.via.as_deref().and_then(optional),
    }
}

fn claim_edits(args: &EditClaimArgs) -> Vec<ClaimEdit> {
    if args.delete {
        return vec![ClaimEdit::Delete];
    }
    let mut changes = Vec::new();
    if let Some(s) = &args.speaker {
        changes.push(ClaimEdit::Speaker(Some(s.clone())));
    }
    if args.unnamed {
        changes.push(ClaimEdit::Speaker(None));
    }
    if let Some(k) = args.kind {
        changes.push(ClaimEdit::Kind(claim_kind(k)));
    }
    if let Some(d) = &args.date {
        changes.push(ClaimEdit::Date(optional(d)));
    }
    if let Some(v) = &args.via {
        changes.push(ClaimEdit::Via(optional(v)));
    }
    if args.checked {
        changes.push(ClaimEdit::ClearDoubt);
    }
    changes
}

/// `actor ID --new --name N`: the actor, then its role and aliases.
fn new_actor(args: &EditActorArgs) -> Vec<Edit> {
    let mut edits = vec![Edit::AddActor {
        id: args.id.clone(),
        name: args.name.clone().unwrap_or_default(),
        kind: args.kind.map_or(ActorKind::Person, actor_kind),
    }];
    let rest = EditActorArgs {
        id: args.id.clone(),
        name: None,
        add_alias: args.add_alias.clone(),
        remove_alias: Vec::new(),
        kind: None,
        role: args.role.clone(),
        merge_into: None,
        delete: false,
        new: false,
    };
    edits.extend(actor_edits(&rest).into_iter().map(|change| Edit::Actor {
        id: args.id.clone(),
        change,
    }));
    edits
}

fn actor_kind(k: ActorKindArg) -> ActorKind {
    match k {
        ActorKindArg::Person => ActorKind::Person,
        ActorKindArg::State => ActorKind::State,
        ActorKindArg::Organisation => ActorKind::Organisation,
        ActorKindArg::Group => ActorKind::Group,
        ActorKindArg::Other => ActorKind::Other,
    }
}

fn actor_edits(args: &EditActorArgs) -> Vec<ActorEdit> {
    if args.delete {
        return vec![ActorEdit::Delete];
    }
    if let Some(other) = &args.merge_into {
        return vec![ActorEdit::MergeInto(other.clone())];
    }
    let mut changes = Vec::new();
    if let Some(n) = &args.name {
        changes.push(ActorEdit::Rename(n.clone()));
    }
    changes.extend(args.remove_alias.iter().cloned().map(ActorEdit::RemoveAlias));
    changes.extend(args.add_alias.iter().cloned().map(ActorEdit::AddAlias));
    if let Some(k) = args.kind {
        changes.push(ActorEdit::Kind(actor_kind(k)));
    }
    if let Some(r) = &args.role {
        changes.push(ActorEdit::Role(optional(r)));
    }
    changes
}

/// A merged actor's source-reliability grade follows it to the actor it was
/// merged into, unless that one has its own grade (then both stay, and the
/// user is told).
fn move_grade(config: &Config, briefing: &str, from: &str, into: &str, err: &mut dyn Write) -> Result<()> {
    let files = SidecarFiles::new(&config.annotations_dir, briefing);
    let moved = store::move_grade(&files, from, into)
        .with_context(|| "the briefing was saved, but the source grade could not be moved")?;
    match moved {
        store::GradeMove::Nothing => {}
        store::GradeMove::BothKept => writeln!(
            err,
            "note: both actors had a source grade; `{}` keeps its own, and the grade of `{}` stays in {} under the old id",
            escape(into),
            escape(from),
            escape_path(&files.path())
        )?,
        store::GradeMove::Moved => writeln!(
            err,
            "the source grade of `{}` now belongs to `{}`",
            escape(from),
            escape(into)
        )?,
    }
    Ok(())
}
