//! Corrections to a briefing file, as data: an [`Edit`] is applied to the TOML
//! source with `toml_edit`, so comments, key order and every untouched entry stay
//! byte for byte; the result is validated with the loader before anything is
//! written ([`save`]). Claim ids never change, so annotations stay attached.
//!
//! A layer beside `annotations` and `import`: it uses `model`, `text`, `load`
//! and `atomic`; the command line and (later) the reader call it.

mod add;
mod apply;
mod create;
mod save;

pub use add::{claim_id_for, id_speaker, one_line};
pub use apply::{apply, apply_all};
pub use create::create;
pub use save::{Saved, lock_path, restore, save};

use crate::diagnostic::Diagnostic;
use crate::model::{ActorKind, ClaimKind};
use crate::text::escape;

/// One correction to one entry of a briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Claim {
        id: String,
        change: ClaimEdit,
    },
    Actor {
        id: String,
        change: ActorEdit,
    },
    /// A new actor, after the last one (refused if the id is taken).
    AddActor {
        id: String,
        name: String,
        kind: ActorKind,
    },
    /// Renames a section's heading (the lead has none; giving it one is allowed).
    SectionHeading {
        id: String,
        heading: String,
    },
    /// A new claim for words of a section's text.
    AddClaim(NewClaim),
}

/// A claim to add: the words of a section's text it is made of (a quote's
/// words, or a paraphrase's or report's anchor and text), who said them and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClaim {
    /// Unique among claims; [`claim_id_for`] derives one as the importer does.
    pub id: String,
    pub section: String,
    /// As they stand in the section (whitespace, quotes and dashes may differ;
    /// line breaks become spaces). The claim is located at their first occurrence.
    pub words: String,
    /// An actor id, or `None` for an unnamed source.
    pub speaker: Option<String>,
    pub kind: ClaimKind,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the loader checks it).
    pub date: Option<String>,
    pub via: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimEdit {
    /// An actor id, or `None` for an unnamed source.
    Speaker(Option<String>),
    Kind(ClaimKind),
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as typed (the loader checks it), or `None` to remove it.
    Date(Option<String>),
    Via(Option<String>),
    /// Removes `doubt`: a person checked the speaker.
    ClearDoubt,
    /// Removes the claim, and the `related` entries of other claims that name it.
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorEdit {
    Rename(String),
    AddAlias(String),
    RemoveAlias(String),
    Kind(ActorKind),
    Role(Option<String>),
    /// Every `speaker` and `about` naming this actor names the other one instead;
    /// this actor's name and aliases become aliases of the other; this actor goes.
    MergeInto(String),
    /// Refused while any claim refers to the actor.
    Delete,
}

/// Why an edit was not made. Nothing is written in any of these cases.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EditError {
    #[error("no {what} `{}` in this briefing", escape(id))]
    Unknown { what: &'static str, id: String },
    #[error("{0}")]
    Refused(String),
    #[error(
        "the edit would make the briefing invalid, so nothing was written:\n{}",
        render(.0)
    )]
    Invalid(Vec<Diagnostic>),
    /// The file is not valid TOML (or not readable); it is left as it is.
    #[error("{0}")]
    File(String),
    #[error(
        "{} changed on disk since it was read, and the edit cannot be applied to the new version: {reason}",
        crate::text::escape_path(path)
    )]
    Conflict {
        path: std::path::PathBuf,
        reason: String,
    },
    /// A new file would replace one that exists (see [`create`]).
    #[error("{} exists already", crate::text::escape_path(path))]
    Exists { path: std::path::PathBuf },
}

fn render(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().take(20).map(ToString::to_string).collect();
    lines.join("\n")
}

impl Edit {
    /// What the edit did, in words for the user (user text escaped).
    pub fn describe(&self) -> String {
        match self {
            Edit::Claim { id, change } => format!("claim `{}`: {}", escape(id), change.describe()),
            Edit::Actor { id, change } => format!("actor `{}`: {}", escape(id), change.describe()),
            Edit::AddActor { id, name, kind } => {
                format!("actor `{}` added: “{}” ({kind})", escape(id), escape(name))
            }
            Edit::SectionHeading { id, heading } => {
                format!("section `{}`: heading set to “{}”", escape(id), escape(heading))
            }
            Edit::AddClaim(new) => format!(
                "claim `{}` added ({}, {}): “{}”",
                escape(&new.id),
                new.kind,
                new.speaker
                    .as_deref()
                    .map_or("unnamed source".to_string(), |s| format!(
                        "speaker `{}`",
                        escape(s)
                    )),
                escape(&opening(&new.words, 12))
            ),
        }
    }
}

/// The first `n` words, with `…` when cut.
fn opening(words: &str, n: usize) -> String {
    let mut parts = words.split_whitespace();
    let mut out = parts.by_ref().take(n).collect::<Vec<_>>().join(" ");
    if parts.next().is_some() {
        out.push('…');
    }
    out
}

fn set_or_removed(what: &str, value: &Option<String>) -> String {
    match value {
        Some(v) => format!("{what} set to `{}`", escape(v)),
        None => format!("{what} removed"),
    }
}

impl ClaimEdit {
    fn describe(&self) -> String {
        match self {
            ClaimEdit::Speaker(s) => set_or_removed("speaker", s),
            ClaimEdit::Kind(k) => format!("kind set to {k}"),
            ClaimEdit::Date(d) => set_or_removed("date", d),
            ClaimEdit::Via(v) => set_or_removed("via", v),
            ClaimEdit::ClearDoubt => "doubt cleared (checked)".into(),
            ClaimEdit::Delete => "deleted".into(),
        }
    }
}

impl ActorEdit {
    fn describe(&self) -> String {
        match self {
            ActorEdit::Rename(n) => format!("renamed to “{}”", escape(n)),
            ActorEdit::AddAlias(a) => format!("alias “{}” added", escape(a)),
            ActorEdit::RemoveAlias(a) => format!("alias “{}” removed", escape(a)),
            ActorEdit::Kind(k) => format!("kind set to {k}"),
            ActorEdit::Role(r) => set_or_removed("role", r),
            ActorEdit::MergeInto(o) => format!("merged into `{}`", escape(o)),
            ActorEdit::Delete => "deleted".into(),
        }
    }
}

#[cfg(test)]
mod tests;
