//! Writing edits from the reader, and undoing them: `update` asks for
//! `Effect::SaveEdit` / `Effect::Restore`, the event loop writes through
//! `edit::save` / `edit::restore` (lock, compare, validate, atomic replace) and
//! reloads the briefing from the bytes it wrote, and `update` takes the result
//! as `Action::Edited`: the briefing is replaced, the selection kept by id.

use std::sync::Arc;

use crate::edit::Edit;
use crate::load::LoadedBriefing;

use super::layer::LayerKind;
use super::{ClaimFacts, State};
use crate::ui::action::Command;
use crate::ui::wrap::TextLayout;

impl PartialEq for Edited {
    fn eq(&self, other: &Self) -> bool {
        self.effect == other.effect && self.result.as_ref().err() == other.result.as_ref().err()
    }
}

impl Eq for Edited {}

/// One saved edit of the session: the file before and after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub before: Arc<[u8]>,
    pub after: Arc<[u8]>,
    pub description: String,
    /// Source grades the edit moved with merged actors (from, into).
    pub grades: Vec<(String, String)>,
}

/// What the reader knows for editing: settings, the bytes each briefing was
/// last written as, and the undo and redo stacks of each briefing.
#[derive(Debug, Clone, Default)]
pub struct EditSession {
    /// `readonly = true` or `--readonly`: no edit menus.
    pub readonly: bool,
    /// The largest briefing file read back (the config's `max_file_mb`).
    pub max_bytes: u64,
    /// By briefing: the bytes this session last wrote (`None`: as loaded, not kept).
    pub sources: Vec<Option<Arc<[u8]>>>,
    pub undo: Vec<Vec<Step>>,
    pub redo: Vec<Vec<Step>>,
    /// Where an article imported in memory is proposed to be saved.
    pub briefings_dir: std::path::PathBuf,
    /// Where the annotations of a briefing saved from the reader go.
    pub annotations_dir: Option<std::path::PathBuf>,
}

impl EditSession {
    pub fn new(readonly: bool, max_bytes: u64) -> EditSession {
        EditSession {
            readonly,
            max_bytes,
            ..EditSession::default()
        }
    }

    pub(super) fn grow(&mut self, n: usize) {
        if self.sources.len() < n {
            self.sources.resize(n, None);
            self.undo.resize_with(n, Vec::new);
            self.redo.resize_with(n, Vec::new);
        }
    }

    /// The steps that `u` would undo in briefing `b`, newest last.
    pub fn undo_steps(&self, b: usize) -> &[Step] {
        self.undo.get(b).map_or(&[], Vec::as_slice)
    }

    pub fn redo_steps(&self, b: usize) -> &[Step] {
        self.redo.get(b).map_or(&[], Vec::as_slice)
    }
}

/// Whether a restore undoes or redoes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

/// What the event loop did with `Effect::SaveEdit` or `Effect::Restore`.
#[derive(Debug, Clone)]
pub struct Edited {
    pub effect: super::Effect,
    /// The briefing as written and reloaded, or what went wrong (one line per problem).
    pub result: Result<EditDone, String>,
}

#[derive(Debug, Clone)]
pub struct EditDone {
    pub loaded: LoadedBriefing,
    /// Its annotations, placed on the new version.
    pub store: Option<crate::annotations::AnnotationStore>,
    pub before: Arc<[u8]>,
    pub after: Arc<[u8]>,
    /// The file had changed on disk; the edit was applied to the new version.
    pub reapplied: bool,
    pub unchanged: bool,
    /// Something more to say (a merged actor's grade that moved with it).
    pub note: Option<String>,
    /// Source grades moved with merged actors (from, into).
    pub grades: Vec<(String, String)>,
}

/// Ids of what is selected, to find it again in the edited briefing.
struct Selected {
    section: Option<String>,
    actor: Option<String>,
    actor_cursor: Option<String>,
    claim: Option<String>,
    claim_cursor: Option<String>,
    claim_row: usize,
    details: Option<String>,
    text_pos: (usize, usize),
}

fn describe(edits: &[Edit]) -> String {
    edits.iter().map(Edit::describe).collect::<Vec<_>>().join("; ")
}

impl State {
    /// Asks the event loop to write `edits` to the current briefing.
    pub(super) fn save_edits(&mut self, edits: Vec<Edit>) {
        if edits.is_empty() || !self.can_edit() {
            return;
        }
        self.session.grow(self.briefings.len());
        self.close_edit_layers();
        if self.unsaved_import() {
            return self.ask_save_as(edits);
        }
        self.effect = Some(super::Effect::SaveEdit {
            briefing: self.current,
            base: self.session.sources.get(self.current).cloned().flatten(),
            description: describe(&edits),
            edits,
        });
    }

    /// `u` / `ctrl-r`: puts the current briefing back as it was before its last
    /// edit of the session (or again after it).
    pub(super) fn restore_step(&mut self, direction: Direction) {
        if !self.can_edit() {
            return;
        }
        let b = self.current;
        let step = match direction {
            Direction::Undo => self.session.undo_steps(b).last(),
            Direction::Redo => self.session.redo_steps(b).last(),
        };
        let Some(step) = step.cloned() else {
            let text = match direction {
                Direction::Undo => "nothing to undo: no edit of this briefing in this session",
                Direction::Redo => "nothing to redo",
            };
            return self.info(text);
        };
        let (expect, bytes, grades) = match direction {
            Direction::Undo => (
                step.after,
                step.before,
                step.grades.into_iter().map(|(from, into)| (into, from)).collect(),
            ),
            Direction::Redo => (step.before, step.after, step.grades),
        };
        self.effect = Some(super::Effect::Restore {
            briefing: b,
            expect,
            bytes,
            direction,
            grades,
        });
    }

    /// The loop's report on a save or a restore.
    pub(super) fn edited(&mut self, edited: Edited) {
        let Some(b) = edited.effect.briefing() else { return };
        let done = match edited.result {
            Ok(done) => done,
            Err(e) => {
                let what = match edited.effect {
                    super::Effect::Restore {
                        direction: Direction::Undo,
                        ..
                    } => "not undone",
                    super::Effect::Restore { .. } => "not redone",
                    _ => "not saved",
                };
                return self.warn(format!("{what}: {}", e.replace('\n', " · ")));
            }
        };
        self.session.grow(self.briefings.len());
        let step = Step {
            before: done.before.clone(),
            after: done.after.clone(),
            description: String::new(),
            grades: done.grades.clone(),
        };
        let mut text = self.record_step(b, &edited.effect, step, &done);
        if let Some(note) = &done.note {
            text = format!("{text}; {note}");
        }
        self.session.sources[b] = Some(done.after.clone());
        if !done.unchanged {
            self.replace_briefing(b, done.loaded, done.store);
            self.claim_added(&edited.effect);
        }
        self.info(text);
    }

    /// Moves the undo and redo stacks on; the status bar's words.
    fn record_step(&mut self, b: usize, effect: &super::Effect, mut step: Step, done: &EditDone) -> String {
        let undo_key = self.keymap.first(Command::Undo);
        match effect {
            super::Effect::SaveEdit { description, .. } => {
                if done.unchanged {
                    return format!("nothing to change: {description}");
                }
                step.description = description.clone();
                self.session.undo[b].push(step);
                self.session.redo[b].clear();
                let again = if done.reapplied {
                    " (the file had changed on disk: the edit was applied to the new version)"
                } else {
                    ""
                };
                format!("saved: {description}{again} · {undo_key} undoes")
            }
            super::Effect::Restore { direction, .. } => {
                let (from, to) = match direction {
                    Direction::Undo => (&mut self.session.undo[b], &mut self.session.redo[b]),
                    Direction::Redo => (&mut self.session.redo[b], &mut self.session.undo[b]),
                };
                let Some(step) = from.pop() else {
                    return String::new();
                };
                let left = from.len();
                let what = step.description.clone();
                to.push(step);
                match direction {
                    Direction::Undo => format!(
                        "undone: {what} ({left} more to undo; {} redoes)",
                        self.keymap.first(Command::Redo)
                    ),
                    Direction::Redo => format!("redone: {what} ({undo_key} undoes)"),
                }
            }
            _ => String::new(),
        }
    }

    fn selected_ids(&self) -> Selected {
        let b = self.briefing();
        let claim_id = |c: Option<usize>| c.and_then(|c| Some(b?.claims.get(c)?.id.clone()));
        let actor_id = |a: Option<usize>| a.and_then(|a| Some(b?.actors.get(a)?.id.clone()));
        Selected {
            section: self
                .sections
                .selected()
                .and_then(|s| Some(b?.sections.get(s)?.id.clone())),
            actor: actor_id(self.actor),
            actor_cursor: actor_id(self.actors.selected()),
            claim: claim_id(self.claim),
            claim_cursor: claim_id(self.claims.selected()),
            claim_row: self.claims.cursor,
            details: claim_id(self.details().map(|d| d.0)),
            text_pos: self.layout.position(self.text_top),
        }
    }

    /// Puts the edited briefing in place of briefing `b`, keeping what was
    /// selected (by id) and the place in the text.
    pub(super) fn replace_briefing(
        &mut self,
        b: usize,
        loaded: LoadedBriefing,
        store: Option<crate::annotations::AnnotationStore>,
    ) {
        if b >= self.briefings.len() {
            return;
        }
        let current = b == self.current;
        let keep = current.then(|| self.selected_ids());
        let shifted = self.loaded_at(b).is_none_or(|old| {
            old.briefing.claims.len() != loaded.briefing.claims.len()
                || old.briefing.actors.len() != loaded.briefing.actors.len()
        });
        self.briefings[b] = super::Slot::loaded(loaded);
        if let (Some(store), Some(slot)) = (store, self.stores.get_mut(b)) {
            *slot = Some(store);
        }
        if shifted {
            // History holds indices, which no longer point at the same entries.
            self.back.retain(|s| s.briefing != b);
            self.forward.retain(|s| s.briefing != b);
        }
        if let Some(p) = self.positions.get_mut(b) {
            *p = None;
        }
        if let Some(keep) = keep {
            self.reselect(keep);
        }
    }

    fn reselect(&mut self, keep: Selected) {
        let Some(index) = self.index() else { return };
        let find_claim = |id: &Option<String>| id.as_deref().and_then(|i| index.claim(i));
        let find_actor = |id: &Option<String>| id.as_deref().and_then(|i| index.actor(i));
        let (claim, claim_cursor, details) = (
            find_claim(&keep.claim),
            find_claim(&keep.claim_cursor),
            find_claim(&keep.details),
        );
        let (actor, actor_cursor) = (find_actor(&keep.actor), find_actor(&keep.actor_cursor));
        let section = keep.section.as_deref().and_then(|i| index.section(i));
        self.claim_facts = self.briefing().map(ClaimFacts::of).unwrap_or_default();
        self.actor = actor;
        self.claim = claim;
        self.mention = None;
        self.layout = TextLayout::default();
        self.refresh_lists();
        if let Some(s) = section {
            self.sections.select_item(s);
        }
        if let Some(a) = actor.or(actor_cursor) {
            self.actors.select_item(a);
        }
        match claim.or(claim_cursor) {
            Some(c) => {
                self.claims.select_item(c);
            }
            None => self.claims.move_to(keep.claim_row as isize),
        }
        if let Some(d) = keep.details.as_ref().map(|_| details) {
            match d {
                Some(c) => self.set_details_claim(c),
                None => self.close(LayerKind::Details),
            }
        }
        if let Some(search) = self.search.take() {
            self.run_search(&search.query);
        }
        self.ensure_layout();
        self.text_top = self.exact_line_at(keep.text_pos).min(self.max_top());
    }
}
