//! A claim's details laid out for a width: its words, speaker, kind, date, id,
//! annotation, subjects and related claims. Below the Claims list (short) and in
//! the details popup (`K`, everything). Pure: the state sizes the Claims list and
//! bounds the popup's scrolling with the rows `panes::claims` draws.

use unicode_width::UnicodeWidthStr;

use super::action::Command;
use super::doc::{Role, Row, row, truncate, wrapped};
use super::keymap::Keymap;
use crate::annotations::AnnotationStore;
use crate::index::Index;
use crate::model::Briefing;
use crate::model::{claim_details, claim_words, speaker_name};

/// What the details are made from.
pub struct Source<'a> {
    pub briefing: &'a Briefing,
    pub index: &'a Index,
    pub store: Option<&'a AnnotationStore>,
    pub keymap: &'a Keymap,
    /// The related claim `r` goes to, marked with its key.
    pub related_target: Option<usize>,
}

/// Lines of a note shown below the Claims list (the popup shows all).
const NOTE_LINES: usize = 3;

/// The rows for `claim` at `width`; `full` for the popup (nothing cut).
pub fn rows(src: &Source<'_>, claim: usize, width: usize, full: bool) -> Vec<Row> {
    let b = src.briefing;
    let Some(c) = b.claims.get(claim) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    if !full {
        rows.push(row("─".repeat(width), Role::Rule));
    }
    rows.extend(wrapped(&claim_words(c), width, "", Role::Heading));
    let who = format!("— {}, {} · id {}", speaker_name(b, c), claim_details(c), c.id);
    if full {
        rows.extend(wrapped(&who, width, "", Role::Dim));
    } else {
        rows.push(row(truncate(&who, width), Role::Dim));
    }
    if let Some(doubt) = &c.doubt {
        let text = format!("? speaker in doubt: {doubt}");
        if full {
            rows.extend(wrapped(&text, width, "", Role::Doubt));
        } else {
            rows.push(row(truncate(&text, width), Role::Doubt));
        }
    }
    rows.extend(annotation_rows(src, claim, width, full));
    let about: Vec<&str> = src
        .index
        .claim_about
        .get(claim)
        .into_iter()
        .flatten()
        .filter_map(|&a| b.actors.get(a).map(|x| x.name.as_str()))
        .collect();
    if !about.is_empty() {
        let text = format!("about: {}", about.join(", "));
        if full {
            rows.extend(wrapped(&text, width, "", Role::Dim));
        } else {
            rows.push(row(truncate(&text, width), Role::Dim));
        }
    }
    rows.extend(related_rows(src, claim, width));
    rows
}

fn related_rows(src: &Source<'_>, claim: usize, width: usize) -> Vec<Row> {
    let b = src.briefing;
    let key = src.keymap.first(Command::FollowRelated);
    let related = src.index.claim_related.get(claim).cloned().unwrap_or_default();
    let mut rows = Vec::new();
    for (other, relation) in &related {
        let Some(o) = b.claims.get(*other) else { continue };
        let head = if Some(*other) == src.related_target {
            format!("{key} ")
        } else {
            "  ".repeat(key.width().div_ceil(2).max(1))
        };
        let text = format!("{relation}: {}: {}", speaker_name(b, o), claim_words(o));
        let room = width.saturating_sub(head.width());
        rows.push(vec![(head, Role::Key), (truncate(&text, room), Role::Plain)]);
    }
    rows
}

/// The annotation of the claim: grade, tags, and the note (its first lines unless `full`).
fn annotation_rows(src: &Source<'_>, claim: usize, width: usize, full: bool) -> Vec<Row> {
    let Some(store) = src.store else {
        return Vec::new();
    };
    let key = src.keymap.first(Command::Annotate);
    let Some(placed) = store.for_claim(claim) else {
        let text = match store.grade(claim).reliability {
            None => format!("{key}: annotate this claim"),
            Some(r) => format!("speaker graded {r} ({}) · {key}: annotate this claim", r.label()),
        };
        return vec![row(truncate(&text, width), Role::Dim)];
    };
    let a = &placed.annotation;
    let mut head = format!("✎ {}", store.grade(claim));
    if let Some(c) = a.credibility {
        head.push_str(&format!(" {}", c.label()));
    }
    if !a.tags.is_empty() {
        let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
        head.push_str(&format!(" · {}", tags.join(" ")));
    }
    head.push_str(match placed.state {
        crate::annotations::AnchorState::Stale => " · claim changed since",
        crate::annotations::AnchorState::Moved => " · moved here",
        _ => "",
    });
    let more = store.all_for_claim(claim).count();
    if more > 1 {
        head.push_str(&format!(" · +{} more", more - 1));
    }
    let hint = format!(" {key} edit");
    let hint = if width > hint.width() + 8 {
        hint
    } else {
        String::new()
    };
    let room = width.saturating_sub(hint.width());
    let head = truncate(&head, room);
    let gap = " ".repeat(room.saturating_sub(head.width()));
    let mut rows = vec![vec![
        (head, Role::Annotation),
        (gap, Role::Dim),
        (hint, Role::Dim),
    ]];
    let note: Vec<Row> = a
        .note
        .lines()
        .filter(|l| !l.trim().is_empty())
        .flat_map(|l| wrapped(l, width.saturating_sub(2).max(1), "", Role::Plain))
        .collect();
    let shown = if full { note.len() } else { NOTE_LINES };
    for (i, mut line) in note.iter().take(shown).cloned().enumerate() {
        if i + 1 == shown
            && note.len() > shown
            && let Some(last) = line.last_mut()
        {
            last.0 = truncate(&format!("{} …", last.0), width.saturating_sub(2));
        }
        line.insert(0, ("│ ".to_string(), Role::Annotation));
        rows.push(line);
    }
    rows
}
