//! Annotations in the reader: the claim and actor editors, the annotation filter,
//! orphans and their re-attachment, questions, and the [`Effect`]s the event loop
//! performs (saving is I/O, so `update` only asks for it and is told the outcome).

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, Input, Key as TKey, TextArea, WrapMode};
use uuid::Uuid;

use crate::annotations::{AnnotationStore, Credibility, Draft, Filter, Placed, Reliability};
use crate::ui::action::{Command, Pane};

use super::State;
use super::layer::{Layer, LayerKind};

/// A field of the claim editor, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Credibility,
    Note,
    Tags,
}

/// The annotation of one claim, being edited.
#[derive(Debug, Clone)]
pub struct ClaimEditor {
    pub briefing: usize,
    pub claim: usize,
    /// The annotation it was opened on; `None` for a new one.
    pub editing: Option<Uuid>,
    pub field: Field,
    pub credibility: Option<Credibility>,
    pub note: TextArea<'static>,
    pub tags: TextArea<'static>,
    original: Draft,
}

/// A field of the actor grade editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorField {
    Reliability,
    Note,
}

/// An actor's source-reliability grade, being edited.
#[derive(Debug, Clone)]
pub struct ActorEditor {
    pub briefing: usize,
    pub actor: usize,
    pub field: ActorField,
    pub reliability: Option<Reliability>,
    pub note: TextArea<'static>,
    /// Whether the actor had a grade when the editor opened.
    pub existed: bool,
    original: (Option<Reliability>, String),
}

#[derive(Debug, Clone)]
pub enum Editor {
    Claim(Box<ClaimEditor>),
    Actor(Box<ActorEditor>),
}

/// A yes/no question, answered with y / n (Enter / Esc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Close the editor and lose what was typed.
    Discard,
    DeleteAnnotation(Uuid),
    RemoveGrade,
    Reattach {
        id: Uuid,
        claim: usize,
    },
    /// Write these edits (a delete or a merge); the question says what happens.
    Edit {
        edits: Vec<crate::edit::Edit>,
        question: String,
    },
    /// Replace the file at `path` with the article imported in memory, then edit it.
    Overwrite {
        path: std::path::PathBuf,
        edits: Vec<crate::edit::Edit>,
        question: String,
    },
}

/// I/O that `update` asks the event loop for; what came of it comes back as an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Change or re-read briefing `briefing`'s annotation sidecar. The loop does it
    /// on a copy of the store and feeds back an [`Outcome`] as `Action::Done`.
    Store { briefing: usize, change: StoreChange },
    /// Run a query against the library index; the answer comes back as `Action::Found`.
    Search { query: String },
    /// Read the library's dated claims (only those involving the actor of that
    /// name, if any); the answer comes back as `Action::Dated`.
    Timeline { actor: Option<String> },
    /// Read briefing `briefing` from `path` (and its annotations); the answer comes
    /// back as `Action::Loaded`.
    Load {
        briefing: usize,
        path: std::path::PathBuf,
    },
    /// Write `edits` to the briefing (last written by this session as `base`,
    /// when it has been); the answer comes back as `Action::Edited`.
    SaveEdit {
        briefing: usize,
        base: Option<std::sync::Arc<[u8]>>,
        edits: Vec<crate::edit::Edit>,
        description: String,
    },
    /// Write the article imported in memory as briefing `briefing` to a new
    /// file at `path` (replacing one only when `overwrite`), then `edits`; the
    /// answer comes back as `Action::SavedAs`.
    SaveAs {
        briefing: usize,
        path: std::path::PathBuf,
        edits: Vec<crate::edit::Edit>,
        overwrite: bool,
    },
    /// Undo or redo: put `bytes` back in place of `expect`.
    Restore {
        briefing: usize,
        expect: std::sync::Arc<[u8]>,
        bytes: std::sync::Arc<[u8]>,
        direction: super::Direction,
        /// Source grades to move (from actor id, to actor id): a merge's, undone or redone.
        grades: Vec<(String, String)>,
    },
    /// Read every actor across the library; the answer comes back as `Action::Identities`.
    Identities,
    /// Read the actor across the library that holds this briefing's actor (`briefing/actor`).
    Identity { key: String },
    /// Write a merge or split to the library's decisions file.
    Decide(super::Decision),
}

/// A change to an annotation sidecar (or re-reading it): the effects answered by
/// an [`Outcome`]. Their own type, so that performing them and reporting on them
/// are each one exhaustive `match` over these alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreChange {
    SaveAnnotation {
        claim: usize,
        editing: Option<Uuid>,
        draft: Draft,
    },
    DeleteAnnotation {
        id: Uuid,
    },
    Reattach {
        id: Uuid,
        claim: usize,
    },
    SetReliability {
        actor: usize,
        grade: Option<(Reliability, String)>,
    },
    /// Re-read the sidecar (another process changed it).
    Reload,
}

impl Effect {
    /// The briefing whose store or file the effect works on (none for a library query).
    pub fn briefing(&self) -> Option<usize> {
        match self {
            Effect::Store { briefing, .. }
            | Effect::SaveEdit { briefing, .. }
            | Effect::SaveAs { briefing, .. }
            | Effect::Restore { briefing, .. } => Some(*briefing),
            Effect::Search { .. }
            | Effect::Timeline { .. }
            | Effect::Identities
            | Effect::Identity { .. }
            | Effect::Decide(_)
            | Effect::Load { .. } => None,
        }
    }
}

/// What came of an [`Effect::Store`]: the store as it now is, and `Ok(set-aside message)`
/// or `Err(what went wrong)`.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub briefing: usize,
    pub change: StoreChange,
    pub store: AnnotationStore,
    pub result: Result<Option<String>, String>,
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        (self.briefing, &self.change, &self.result) == (other.briefing, &other.change, &other.result)
    }
}

impl Eq for Outcome {}

fn text_area(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.lines().map(str::to_string).collect());
    area.set_placeholder_text(placeholder);
    area.set_wrap_mode(WrapMode::Word);
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

/// Draft with the note and tags as the editor would give them back.
fn normalized(d: Draft) -> Draft {
    Draft {
        credibility: d.credibility,
        note: d
            .note
            .lines()
            .collect::<Vec<_>>()
            .join("\n")
            .trim_end()
            .to_string(),
        tags: d.tags,
    }
}

fn focus_style(area: &mut TextArea<'static>, focused: bool) {
    if focused {
        area.set_cursor_style(Style::default().add_modifier(ratatui::style::Modifier::REVERSED));
    } else {
        area.set_cursor_style(Style::default());
    }
    area.set_cursor_line_style(Style::default());
}

impl ClaimEditor {
    pub fn new(briefing: usize, claim: usize, existing: Option<&Placed>) -> ClaimEditor {
        let original = normalized(existing.map(|p| Draft::from(&p.annotation)).unwrap_or_default());
        let mut editor = ClaimEditor {
            briefing,
            claim,
            editing: existing.map(|p| p.annotation.id),
            field: Field::Note,
            credibility: original.credibility,
            note: text_area(&original.note, "what you make of this claim…"),
            tags: text_area(&original.tags.join(" "), "words, separated by spaces or commas"),
            original,
        };
        editor.restyle();
        editor
    }

    /// What the editor holds now, as it would be saved.
    pub fn draft(&self) -> Draft {
        normalized(Draft {
            credibility: self.credibility,
            note: self.note.lines().join("\n"),
            tags: Draft::parse_tags(&self.tags.lines().join(" ")),
        })
    }

    /// Whether something was changed since it opened.
    pub fn is_dirty(&self) -> bool {
        self.draft() != self.original
    }

    fn restyle(&mut self) {
        focus_style(&mut self.note, self.field == Field::Note);
        focus_style(&mut self.tags, self.field == Field::Tags);
    }

    fn move_field(&mut self, forward: bool) {
        self.field = match (self.field, forward) {
            (Field::Credibility, true) | (Field::Tags, false) => Field::Note,
            (Field::Note, true) | (Field::Credibility, false) => Field::Tags,
            (Field::Tags, true) | (Field::Note, false) => Field::Credibility,
        };
        self.restyle();
    }

    fn key(&mut self, input: Input) {
        match self.field {
            Field::Credibility => {
                self.credibility = credibility_key(self.credibility, &input);
            }
            Field::Note => {
                self.note.input(input);
            }
            Field::Tags => {
                // One line: Enter moves on rather than breaking the line.
                if matches!(input.key, TKey::Enter) {
                    self.move_field(true);
                } else {
                    self.tags.input(input);
                }
            }
        }
    }

    fn paste(&mut self, text: &str) {
        match self.field {
            Field::Note => {
                self.note.insert_str(text);
            }
            Field::Tags => {
                self.tags.insert_str(text.replace(['\n', '\r'], " "));
            }
            Field::Credibility => {}
        }
    }
}

/// Credibility after a key in its field: 1-6 set it, 0 / Backspace / Delete unset
/// it, ← / → step through (unset, 1, …, 6).
fn credibility_key(current: Option<Credibility>, input: &Input) -> Option<Credibility> {
    let n = current.map_or(0, |c| c.number() as i64);
    match input.key {
        TKey::Char(c @ '0'..='6') => Credibility::from_number(i64::from(c as u8 - b'0')),
        TKey::Backspace | TKey::Delete => None,
        TKey::Right | TKey::Char(' ') => Credibility::from_number((n + 1) % 7),
        TKey::Left => Credibility::from_number((n + 6) % 7),
        _ => current,
    }
}

/// Reliability after a key in its field: a-f set it, 0 / Backspace / Delete unset
/// it, ← / → step through.
fn reliability_key(current: Option<Reliability>, input: &Input) -> Option<Reliability> {
    let all = Reliability::ALL;
    let n = current
        .and_then(|r| all.iter().position(|x| *x == r))
        .map_or(0, |i| i + 1);
    let step = |n: usize| if n == 0 { None } else { all.get(n - 1).copied() };
    match input.key {
        TKey::Char(c) if c.is_ascii_alphabetic() => c.to_string().parse().ok().or(current),
        TKey::Char('0') | TKey::Backspace | TKey::Delete => None,
        TKey::Right | TKey::Char(' ') => step((n + 1) % 7),
        TKey::Left => step((n + 6) % 7),
        _ => current,
    }
}

impl ActorEditor {
    pub fn new(briefing: usize, actor: usize, existing: Option<(Reliability, String)>) -> ActorEditor {
        let existed = existing.is_some();
        let (reliability, note) = match existing {
            Some((r, n)) => (Some(r), n),
            None => (None, String::new()),
        };
        let note = note.lines().collect::<Vec<_>>().join(" ");
        let mut editor = ActorEditor {
            briefing,
            actor,
            field: ActorField::Reliability,
            reliability,
            note: text_area(&note, "why (optional)"),
            existed,
            original: (reliability, note),
        };
        editor.restyle();
        editor
    }

    pub fn note_text(&self) -> String {
        self.note.lines().join(" ").trim().to_string()
    }

    pub fn is_dirty(&self) -> bool {
        (self.reliability, self.note_text()) != (self.original.0, self.original.1.trim().to_string())
    }

    fn restyle(&mut self) {
        focus_style(&mut self.note, self.field == ActorField::Note);
    }

    fn move_field(&mut self) {
        self.field = match self.field {
            ActorField::Reliability => ActorField::Note,
            ActorField::Note => ActorField::Reliability,
        };
        self.restyle();
    }

    fn key(&mut self, input: Input) {
        match self.field {
            ActorField::Reliability => self.reliability = reliability_key(self.reliability, &input),
            ActorField::Note => {
                if !matches!(input.key, TKey::Enter) {
                    self.note.input(input);
                }
            }
        }
    }
}

impl Editor {
    pub fn is_dirty(&self) -> bool {
        match self {
            Editor::Claim(e) => e.is_dirty(),
            Editor::Actor(e) => e.is_dirty(),
        }
    }
}

/// The Claims pane title's word for an annotation filter.
pub fn filter_label(filter: &Filter) -> String {
    match filter {
        Filter::Annotated => "annotated".into(),
        Filter::Credibility(c) => format!("credibility {} {}", c.number(), c.label()),
        Filter::Tag(t) => format!("#{t}"),
        Filter::State(s) => format!("{s:?} (claim changed since)").to_lowercase(),
    }
}

impl State {
    /// The annotations of the current briefing; `None` for a read-only one.
    pub fn store(&self) -> Option<&AnnotationStore> {
        self.stores.get(self.current).and_then(Option::as_ref)
    }

    /// Gives a briefing its annotations (the reader does this when it opens).
    pub fn set_store(&mut self, briefing: usize, store: AnnotationStore) {
        if briefing >= self.stores.len() {
            self.stores.resize_with(briefing + 1, || None);
        }
        self.stores[briefing] = Some(store);
        if briefing == self.current {
            self.refresh_lists();
        }
    }

    /// The question being asked, in words, with its answers.
    pub fn question(&self) -> Option<String> {
        let confirm = self.confirm()?;
        let b = self.briefing()?;
        let claim_words = |c: usize| {
            b.claims
                .get(c)
                .map(|x| {
                    format!(
                        "{}: {}",
                        crate::model::speaker_name(b, x),
                        crate::ui::doc::truncate(&crate::model::claim_words(x), 40)
                    )
                })
                .unwrap_or_default()
        };
        let q = match confirm {
            Confirm::Discard => "Discard what you typed?".to_string(),
            Confirm::DeleteAnnotation(_) => "Delete this annotation?".to_string(),
            Confirm::RemoveGrade => "Remove this actor's grade?".to_string(),
            Confirm::Reattach { claim, .. } => format!("Re-attach the orphan to {}?", claim_words(*claim)),
            Confirm::Edit { question, .. } | Confirm::Overwrite { question, .. } => question.clone(),
        };
        Some(format!("{q}  y yes · n no"))
    }

    fn can_annotate(&mut self) -> bool {
        if self.read_only.get(self.current).copied().unwrap_or(false) {
            let what = self.in_memory_article();
            let text = if self.unsaved_import() {
                let edit = self.keymap.first(Command::Edit);
                format!(
                    "read-only: {what} is only in memory and cannot be annotated; an edit ({edit}) saves it as a briefing"
                )
            } else {
                format!(
                    "read-only: {what} is imported in memory and cannot be annotated; `briefing import` it first"
                )
            };
            self.warn(text);
            return false;
        }
        if self.store().is_none() {
            self.warn("annotations are not available for this briefing");
            return false;
        }
        true
    }

    /// `a`: the editor on the selected claim, filled in if it is annotated.
    pub(super) fn open_claim_editor(&mut self) {
        if !self.can_annotate() {
            return;
        }
        let claim = self.claim.or(if self.focus == Pane::Claims {
            self.claims.selected()
        } else {
            None
        });
        let Some(claim) = claim else {
            self.info("select a claim first (Claims pane), then annotate it");
            return;
        };
        self.claim = Some(claim);
        let existing = self.store().and_then(|s| s.for_claim(claim)).cloned();
        self.push_layer(Layer::Editor(Editor::Claim(Box::new(ClaimEditor::new(
            self.current,
            claim,
            existing.as_ref(),
        )))));
    }

    /// `R`: the grade editor on the selected actor.
    pub(super) fn open_actor_editor(&mut self) {
        if !self.can_annotate() {
            return;
        }
        let actor = self.actor.or(if self.focus == Pane::Actors {
            self.actors.selected()
        } else {
            None
        });
        let Some(actor) = actor else {
            self.info("select an actor first (Actors pane), then grade it");
            return;
        };
        let existing = self.briefing().and_then(|b| b.actors.get(actor)).and_then(|a| {
            self.store()?
                .reliability(&a.id)
                .map(|g| (g.reliability, g.note.clone()))
        });
        self.push_layer(Layer::Editor(Editor::Actor(Box::new(ActorEditor::new(
            self.current,
            actor,
            existing,
        )))));
    }

    /// A command while an editor is open: only the editor's own commands count.
    pub(super) fn editor_command(&mut self, command: Command) {
        let Some(editor) = self.editor_mut() else { return };
        let ask = match command {
            Command::EditorNextField | Command::EditorPrevField => {
                match editor {
                    Editor::Claim(e) => e.move_field(command == Command::EditorNextField),
                    Editor::Actor(e) => e.move_field(),
                }
                return;
            }
            Command::EditorSave => return self.save_editor(),
            Command::EditorCancel if editor.is_dirty() => Confirm::Discard,
            Command::EditorCancel => {
                self.close(LayerKind::Editor);
                return self.info("closed; nothing changed");
            }
            Command::EditorDelete => match editor {
                Editor::Claim(e) => match e.editing {
                    Some(id) => Confirm::DeleteAnnotation(id),
                    None => return self.info("this claim has no saved annotation to delete (Esc closes)"),
                },
                Editor::Actor(e) if e.existed => Confirm::RemoveGrade,
                Editor::Actor(_) => {
                    return self.info("this actor has no saved grade to remove (Esc closes)");
                }
            },
            _ => return,
        };
        self.push_layer(Layer::Confirm(ask));
    }

    fn save_editor(&mut self) {
        let Some(editor) = self.editor() else { return };
        let effect = match editor {
            Editor::Claim(e) => {
                let draft = e.draft();
                if e.editing.is_none() && draft == Draft::default() {
                    self.close(LayerKind::Editor);
                    self.info("nothing to save: the annotation was empty");
                    return;
                }
                Effect::Store {
                    briefing: e.briefing,
                    change: StoreChange::SaveAnnotation {
                        claim: e.claim,
                        editing: e.editing,
                        draft,
                    },
                }
            }
            Editor::Actor(e) => match e.reliability {
                Some(r) => Effect::Store {
                    briefing: e.briefing,
                    change: StoreChange::SetReliability {
                        actor: e.actor,
                        grade: Some((r, e.note_text())),
                    },
                },
                None if e.existed => {
                    self.push_layer(Layer::Confirm(Confirm::RemoveGrade));
                    return;
                }
                None => {
                    self.warn("choose a letter A-F first (or Esc to close)");
                    return;
                }
            },
        };
        self.effect = Some(effect);
    }

    pub(super) fn editor_key(&mut self, input: Input) {
        match self.editor_mut() {
            Some(Editor::Claim(e)) => e.key(input),
            Some(Editor::Actor(e)) => e.key(input),
            None => {}
        }
    }

    pub(super) fn editor_paste(&mut self, text: &str) {
        let text = crate::text::sanitize(text);
        match self.editor_mut() {
            Some(Editor::Claim(e)) => e.paste(&text),
            Some(Editor::Actor(e)) if e.field == ActorField::Note => {
                e.note.insert_str(text.replace(['\n', '\r'], " "));
            }
            _ => {}
        }
    }

    pub(super) fn answer(&mut self, yes: bool) {
        if self.layer() != LayerKind::Confirm {
            return;
        }
        let Some(Layer::Confirm(confirm)) = self.pop_layer() else {
            return;
        };
        if !yes {
            match confirm {
                Confirm::Reattach { .. } => self.info("not re-attached: pick another claim, or Esc to stop"),
                Confirm::Edit { .. } => self.info("nothing changed"),
                Confirm::Overwrite { path, edits, .. } => self.overwrite_refused(path, edits),
                _ => {}
            }
            return;
        }
        match confirm {
            Confirm::Discard => {
                self.close(LayerKind::Editor);
                self.info("discarded");
            }
            Confirm::DeleteAnnotation(id) => {
                self.effect = Some(Effect::Store {
                    briefing: self.current,
                    change: StoreChange::DeleteAnnotation { id },
                });
            }
            Confirm::RemoveGrade => {
                if let Some(Editor::Actor(e)) = self.editor() {
                    self.effect = Some(Effect::Store {
                        briefing: e.briefing,
                        change: StoreChange::SetReliability {
                            actor: e.actor,
                            grade: None,
                        },
                    });
                }
            }
            Confirm::Reattach { id, claim } => {
                self.effect = Some(Effect::Store {
                    briefing: self.current,
                    change: StoreChange::Reattach { id, claim },
                });
            }
            Confirm::Edit { edits, .. } => self.save_edits(edits),
            Confirm::Overwrite { path, edits, .. } => self.overwrite_confirmed(path, edits),
        }
    }

    /// `A`: off → annotated → each credibility in use → each tag in use → off.
    pub(super) fn cycle_annotation_filter(&mut self) {
        if self.store().is_none() {
            self.can_annotate();
            return;
        }
        if self.annotation_filter.is_none()
            && self
                .store()
                .is_some_and(|s| s.annotations().iter().all(|p| p.claim.is_none()))
        {
            let key = self.keymap.first(Command::Annotate);
            self.info(format!("no claim is annotated yet: select one and press {key}"));
            return;
        }
        let mut cycle: Vec<crate::annotations::Filter> = vec![Filter::Annotated];
        if let Some(store) = self.store() {
            let mut used: Vec<Credibility> = store
                .annotations()
                .iter()
                .filter(|p| p.claim.is_some())
                .filter_map(|p| p.annotation.credibility)
                .collect();
            used.sort();
            used.dedup();
            cycle.extend(used.into_iter().map(Filter::Credibility));
            let mut tags: Vec<&String> = store
                .annotations()
                .iter()
                .filter(|p| p.claim.is_some())
                .flat_map(|p| &p.annotation.tags)
                .collect();
            tags.sort();
            tags.dedup();
            cycle.extend(tags.into_iter().map(|t| Filter::Tag(t.clone())));
            // Annotations whose claim changed since, to review.
            let stale = crate::annotations::AnchorState::Stale;
            if store.annotations().iter().any(|p| p.state == stale) {
                cycle.push(Filter::State(stale));
            }
        }
        let next = match &self.annotation_filter {
            None => cycle.first().cloned(),
            Some(f) => cycle
                .iter()
                .position(|x| x == f)
                .and_then(|i| cycle.get(i + 1))
                .cloned(),
        };
        self.annotation_filter = next;
        self.refresh_lists();
        let text = match &self.annotation_filter {
            Some(f) => format!(
                "claims: {} ({} shown; {} again for the next, Esc clears)",
                filter_label(f),
                self.claims.rows.len(),
                self.keymap.first(Command::AnnotationFilter)
            ),
            None => "claims: every claim (annotation filter off)".to_string(),
        };
        self.info(text);
        if self.claims.selected().is_some() && self.focus == Pane::Claims {
            self.claim_selected();
        }
    }

    /// What to say when a briefing opens: problems with its annotations, or else
    /// its orphaned annotations (which are otherwise silent).
    pub fn open_notice(&self) -> Option<super::Message> {
        if let Some(problem) = self.store().and_then(store_problem) {
            return Some(problem);
        }
        let n = self.orphan_ids().len();
        (n > 0).then(|| super::Message {
            text: format!(
                "{n} orphaned annotation{}: {} to see them",
                super::plural(n),
                self.keymap.first(Command::Orphans)
            ),
            error: false,
        })
    }

    /// The orphans of the current briefing, in file order.
    pub fn orphan_ids(&self) -> Vec<Uuid> {
        self.store()
            .map(|s| s.orphans().map(|p| p.annotation.id).collect())
            .unwrap_or_default()
    }

    pub(super) fn open_orphans(&mut self) {
        if !self.can_annotate() {
            return;
        }
        self.push_layer(Layer::Orphans { cursor: 0 });
    }

    /// Keys in the Orphans view: move, Enter picks one to re-attach, Esc closes.
    pub(super) fn orphans_command(&mut self, command: Command) {
        let Some(cursor) = self.orphans_cursor() else {
            return;
        };
        let last = self.orphan_ids().len().saturating_sub(1);
        let next = match command {
            Command::Down => (cursor + 1).min(last),
            Command::Up => cursor.saturating_sub(1),
            Command::Top => 0,
            Command::Bottom => last,
            Command::PageDown | Command::HalfPageDown => (cursor + 5).min(last),
            Command::PageUp | Command::HalfPageUp => cursor.saturating_sub(5),
            Command::Follow => return self.start_reattach(cursor),
            Command::Orphans | Command::Clear | Command::Quit => return self.close(LayerKind::Orphans),
            Command::Help => return self.push_layer(Layer::Help { scroll: 0 }),
            _ => cursor,
        };
        self.set_orphans_cursor(next);
    }

    fn set_orphans_cursor(&mut self, to: usize) {
        if let Some(Layer::Orphans { cursor }) = self
            .layers
            .iter_mut()
            .rev()
            .find(|l| l.kind() == LayerKind::Orphans)
        {
            *cursor = to;
        }
    }

    /// Enter on an orphan: the Claims pane, every claim listed, picks where it goes.
    fn start_reattach(&mut self, cursor: usize) {
        let Some(id) = self.orphan_ids().get(cursor).copied() else {
            return;
        };
        self.close(LayerKind::Orphans);
        self.push_layer(Layer::Reattach(id));
        self.claims.filter.clear();
        self.claims_by_actor = false;
        self.annotation_filter = None;
        self.refresh_lists();
        self.set_focus(Pane::Claims);
        let (follow, clear) = (
            self.keymap.first(Command::Follow),
            self.keymap.first(Command::Clear),
        );
        self.info(format!(
            "pick the claim to re-attach it to: {follow} re-attaches (asks first), {clear} stops"
        ));
    }

    /// The loop's report on an effect.
    pub(super) fn done(&mut self, outcome: Outcome) {
        let Outcome {
            briefing,
            change,
            store,
            result,
        } = outcome;
        if briefing < self.stores.len() {
            self.stores[briefing] = Some(store);
        }
        match result {
            Err(e) => {
                let what = match change {
                    StoreChange::Reload => "annotations could not be re-read",
                    _ => "not saved",
                };
                // The editor stays open, so nothing typed is lost.
                self.warn(format!("{what}: {e}"));
            }
            Ok(set_aside) => {
                let text = match &change {
                    StoreChange::SaveAnnotation { claim, .. } => {
                        self.close(LayerKind::Editor);
                        let grade = self.store().map(|s| s.grade(*claim)).unwrap_or_default();
                        format!("annotation saved: {}", grade.words())
                    }
                    StoreChange::DeleteAnnotation { .. } => {
                        self.close(LayerKind::Editor);
                        "annotation deleted".to_string()
                    }
                    StoreChange::Reattach { claim, .. } => {
                        self.close(LayerKind::Reattach);
                        self.claims.select_item(*claim);
                        self.claim = Some(*claim);
                        let left = self.orphan_ids().len();
                        format!("re-attached; {left} orphan{} left", super::plural(left))
                    }
                    StoreChange::SetReliability { grade, .. } => {
                        self.close(LayerKind::Editor);
                        match grade {
                            Some((r, _)) => format!("source graded {r}: {}", r.label()),
                            None => "grade removed".to_string(),
                        }
                    }
                    StoreChange::Reload => "annotations changed on disk: reloaded".to_string(),
                };
                match set_aside {
                    Some(m) => self.warn(format!("{text}. {}", m.replace('\n', " "))),
                    None => self.info(text),
                }
                if let Some(problem) = self.store().and_then(store_problem) {
                    self.message = Some(problem);
                }
            }
        }
        if let Some(c) = self.orphans_cursor() {
            self.set_orphans_cursor(c.min(self.orphan_ids().len().saturating_sub(1)));
        }
        self.refresh_lists();
    }
}

/// A status message for a sidecar's problems, errors first.
pub fn store_problem(store: &AnnotationStore) -> Option<super::Message> {
    let (list, error) = if !store.errors().is_empty() {
        (store.errors(), true)
    } else {
        (store.warnings(), false)
    };
    let first = list.first()?;
    let more = if list.len() > 1 {
        format!(" (+{} more; `briefing annotations` lists them)", list.len() - 1)
    } else {
        String::new()
    };
    let tail = if error {
        "; unreadable parts are not shown and the file will be set aside on the next save"
    } else {
        ""
    };
    Some(super::Message {
        text: crate::text::sanitize(&format!("annotations: {}{more}{tail}", first.headline()))
            .replace('\n', " "),
        error,
    })
}
