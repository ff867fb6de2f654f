//! Correcting the briefing from the reader: the edit menus (`e` on a claim, an
//! actor or a section), the actor picker, the text prompts and the questions
//! before a delete or a merge. Each ends in a list of [`Edit`]s that
//! [`State::save_edits`](super::State) hands to the event loop as
//! `Effect::SaveEdit` (see `edit_save.rs`): `update` never writes.

use crate::edit::{ActorEdit, ClaimEdit, Edit};
use crate::model::{ActorKind, Briefing, ClaimKind, plural};
use crate::text::{fold, sanitize};

use crate::ui::action::{Action, Command, Pane};

use super::State;
use super::annotate::Confirm;
use super::layer::{Layer, LayerKind};

/// A small menu of choices, each with its own key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    pub title: String,
    pub items: Vec<MenuItem>,
    pub cursor: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    /// Chooses the item at once: its keys are the keymap's (`[keys]` rebinds them).
    pub command: Command,
    pub label: String,
    /// What it is now (shown dim beside the label).
    pub value: String,
    pub choice: Choice,
}

/// What choosing a menu item, an actor or a prompt's text leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Write these edits now.
    Save(Vec<Edit>),
    /// Ask this question first, then write.
    Ask(Vec<Edit>, String),
    /// Pick an actor.
    Pick(PickFor),
    /// Ask for a line of text, prefilled.
    Prompt(PromptFor, String),
    /// Another menu (a kind, say).
    Menu(Box<Menu>),
    /// Nothing to do; say why.
    Say(String),
}

/// What the picked actor is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickFor {
    /// The speaker of this claim (by id).
    Speaker(String),
    /// The actor (by id) to merge this one into.
    MergeInto(String),
    /// The speaker of a claim being added for selected words.
    NewClaim(super::select::ClaimDraft),
}

/// The actor picker: a fuzzy filter over names and aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPick {
    pub purpose: PickFor,
    pub query: String,
    pub cursor: usize,
}

/// A row of the actor picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickRow {
    /// No named speaker.
    Unnamed,
    Actor(usize),
    /// A new actor, named by the query.
    New,
}

/// Who was picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    Unnamed,
    Actor(String),
    New {
        id: String,
        name: String,
        kind: ActorKind,
    },
}

/// What a line of text typed in a prompt sets (ids of the briefing's entries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFor {
    ClaimDate(String),
    ClaimVia(String),
    ActorName(String),
    ActorAliases(String),
    ActorRole(String),
    SectionHeading(String),
    /// The name of a new actor, for this purpose.
    NewActor(PickFor),
    /// Where to save an article imported in memory, before these edits.
    SaveAs(Vec<Edit>),
}

/// A line of text being typed (shown in the status bar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub target: PromptFor,
    pub text: String,
}

impl PromptFor {
    /// The prompt's words in the status bar.
    pub fn label(&self) -> &'static str {
        match self {
            PromptFor::ClaimDate(_) => "date (YYYY, YYYY-MM or YYYY-MM-DD; empty removes)",
            PromptFor::ClaimVia(_) => "via (empty removes)",
            PromptFor::ActorName(_) => "name",
            PromptFor::ActorAliases(_) => "aliases (separated by commas)",
            PromptFor::ActorRole(_) => "role (empty removes)",
            PromptFor::SectionHeading(_) => "heading",
            PromptFor::NewActor(_) => "new actor's name",
            PromptFor::SaveAs(_) => "save the article as (a new briefing file)",
        }
    }
}

fn claim_edit(id: &str, change: ClaimEdit) -> Edit {
    Edit::Claim {
        id: id.to_string(),
        change,
    }
}

fn actor_edit(id: &str, change: ActorEdit) -> Edit {
    Edit::Actor {
        id: id.to_string(),
        change,
    }
}

/// How many claims name actor `id` as speaker or in `about`.
pub fn references(b: &Briefing, id: &str) -> usize {
    b.claims
        .iter()
        .filter(|c| c.speaker.as_deref() == Some(id) || c.about.iter().any(|a| a == id))
        .count()
}

/// The claim in a few words, for titles and questions.
fn claim_words(b: &Briefing, c: usize) -> String {
    b.claims
        .get(c)
        .map(|x| {
            format!(
                "{}: {}",
                crate::model::speaker_name(b, x),
                crate::model::claim_opening(x, 6)
            )
        })
        .map(|s| sanitize(&s))
        .unwrap_or_default()
}

/// The menu item of a kind of claim.
pub(super) fn claim_kind_command(kind: ClaimKind) -> Command {
    match kind {
        ClaimKind::Quote => Command::KindQuote,
        ClaimKind::Paraphrase => Command::KindParaphrase,
        ClaimKind::Report => Command::KindReport,
    }
}

/// The menu item of a kind of actor.
fn actor_kind_command(kind: ActorKind) -> Command {
    match kind {
        ActorKind::Person => Command::KindPerson,
        ActorKind::State => Command::KindState,
        ActorKind::Organisation => Command::KindOrganisation,
        ActorKind::Group => Command::KindGroup,
        ActorKind::Other => Command::KindOther,
    }
}

fn kind_menu(title: String, current: ClaimKind, id: &str) -> Menu {
    let items = ClaimKind::ALL
        .iter()
        .map(|k| MenuItem {
            command: claim_kind_command(*k),
            label: k.as_str().to_string(),
            value: if *k == current {
                "now".into()
            } else {
                String::new()
            },
            choice: Choice::Save(vec![claim_edit(id, ClaimEdit::Kind(*k))]),
        })
        .collect();
    Menu {
        title,
        items,
        cursor: ClaimKind::ALL.iter().position(|k| *k == current).unwrap_or(0),
    }
}

/// A menu of actor kinds whose items lead to `finish(kind)`.
fn actor_kind_menu(title: String, current: Option<ActorKind>, finish: impl Fn(ActorKind) -> Choice) -> Menu {
    let items = ActorKind::ALL
        .iter()
        .map(|k| MenuItem {
            command: actor_kind_command(*k),
            label: k.as_str().to_string(),
            value: if Some(*k) == current {
                "now".into()
            } else {
                String::new()
            },
            choice: finish(*k),
        })
        .collect();
    Menu {
        title,
        items,
        cursor: current
            .and_then(|c| ActorKind::ALL.iter().position(|k| *k == c))
            .unwrap_or(0),
    }
}

/// The menu of a claim: speaker, kind, date, via, checked, delete.
pub fn claim_menu(b: &Briefing, c: usize, annotated: bool) -> Option<Menu> {
    let claim = b.claims.get(c)?;
    let id = claim.id.as_str();
    let speaker = match &claim.speaker {
        Some(_) => sanitize(crate::model::speaker_name(b, claim)),
        None => "unnamed source".into(),
    };
    let checked = match &claim.doubt {
        Some(_) => Choice::Save(vec![claim_edit(id, ClaimEdit::ClearDoubt)]),
        None => Choice::Say("this claim's speaker is not in doubt: nothing to check".into()),
    };
    let doubt = claim
        .doubt
        .as_deref()
        .map_or("not in doubt".into(), |d| format!("in doubt: {}", sanitize(d)));
    let orphan = if annotated {
        " Its annotation becomes an orphan."
    } else {
        ""
    };
    let delete = Choice::Ask(
        vec![claim_edit(id, ClaimEdit::Delete)],
        format!("Delete the claim “{}”?{orphan}", claim_words(b, c)),
    );
    let item = |command, label: &str, value: String, choice| MenuItem {
        command,
        label: label.into(),
        value,
        choice,
    };
    let date = claim.date.map(|d| d.to_string()).unwrap_or_default();
    let via = claim.via.as_deref().map(sanitize).unwrap_or_default();
    let items = vec![
        item(
            Command::ClaimSpeaker,
            "Speaker",
            speaker,
            Choice::Pick(PickFor::Speaker(id.into())),
        ),
        item(
            Command::ClaimKind,
            "Kind",
            claim.kind.to_string(),
            Choice::Menu(Box::new(kind_menu("Kind of claim".into(), claim.kind, id))),
        ),
        item(
            Command::ClaimDate,
            "Date",
            date.clone(),
            Choice::Prompt(PromptFor::ClaimDate(id.into()), date),
        ),
        item(
            Command::ClaimVia,
            "Via",
            via.clone(),
            Choice::Prompt(
                PromptFor::ClaimVia(id.into()),
                claim.via.clone().unwrap_or_default(),
            ),
        ),
        item(Command::ClaimChecked, "Checked", doubt, checked),
        item(Command::ClaimDelete, "Delete", String::new(), delete),
    ];
    Some(Menu {
        title: format!("Edit claim · {}", claim_words(b, c)),
        items,
        cursor: 0,
    })
}

/// The menu of an actor: name, aliases, kind, role, merge, delete.
pub fn actor_menu(b: &Briefing, a: usize) -> Option<Menu> {
    let actor = b.actors.get(a)?;
    let id = actor.id.as_str();
    let name = sanitize(&actor.name);
    let refs = references(b, id);
    let delete = if refs > 0 {
        Choice::Say(format!(
            "“{name}” is referred to by {refs} claim{} (as speaker or about): merge it (Merge into…) or change those first",
            plural(refs)
        ))
    } else {
        Choice::Ask(
            vec![actor_edit(id, ActorEdit::Delete)],
            format!("Delete the actor “{name}”? No claim refers to it."),
        )
    };
    let aliases = sanitize(&actor.aliases.join(", "));
    let role = actor.role.as_deref().map(sanitize).unwrap_or_default();
    let owned = id.to_string();
    let kinds = actor_kind_menu(format!("Kind of {name}"), Some(actor.kind), move |k| {
        Choice::Save(vec![actor_edit(&owned, ActorEdit::Kind(k))])
    });
    let item = |command, label: &str, value: String, choice| MenuItem {
        command,
        label: label.into(),
        value,
        choice,
    };
    let items = vec![
        item(
            Command::ActorName,
            "Name",
            name.clone(),
            Choice::Prompt(PromptFor::ActorName(id.into()), actor.name.clone()),
        ),
        item(
            Command::ActorAliases,
            "Aliases",
            aliases,
            Choice::Prompt(PromptFor::ActorAliases(id.into()), actor.aliases.join(", ")),
        ),
        item(
            Command::ActorKind,
            "Kind",
            actor.kind.to_string(),
            Choice::Menu(Box::new(kinds)),
        ),
        item(
            Command::ActorRole,
            "Role",
            role,
            Choice::Prompt(
                PromptFor::ActorRole(id.into()),
                actor.role.clone().unwrap_or_default(),
            ),
        ),
        item(
            Command::ActorMerge,
            "Merge into…",
            String::new(),
            Choice::Pick(PickFor::MergeInto(id.into())),
        ),
        item(
            Command::ActorDelete,
            "Delete",
            match refs {
                0 => "no claim refers to it".into(),
                1 => "1 claim refers to it".into(),
                n => format!("{n} claims refer to it"),
            },
            delete,
        ),
    ];
    Some(Menu {
        title: format!("Edit actor · {name}"),
        items,
        cursor: 0,
    })
}

/// Folded, lower case, without accents: "Léa" is found by "lea".
fn plain(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    fold(s)
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// How well `query` (already [`plain`]) matches `text` (folded, lower case): a prefix of a word
/// beats a substring, which beats the letters in order; `None` when it does not.
fn match_score(text: &str, query: &str) -> Option<u8> {
    if query.is_empty() {
        return Some(0);
    }
    let text = plain(text);
    if text.starts_with(query) || text.contains(&format!(" {query}")) {
        return Some(0);
    }
    if text.contains(query) {
        return Some(1);
    }
    let mut chars = text.chars();
    query.chars().all(|q| chars.any(|c| c == q)).then_some(2)
}

/// The picker's rows for `pick`: "unnamed source" (for a speaker), the actors
/// that match best first, then "new actor…" (for a speaker).
pub fn pick_rows(b: &Briefing, pick: &ActorPick) -> Vec<PickRow> {
    let query = plain(pick.query.trim());
    let (exclude, speaker) = match &pick.purpose {
        PickFor::Speaker(_) | PickFor::NewClaim(_) => (None, true),
        PickFor::MergeInto(id) => (Some(id.as_str()), false),
    };
    let mut scored: Vec<(u8, String, usize)> = b
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| Some(a.id.as_str()) != exclude)
        .filter_map(|(i, a)| {
            let best = a.surface_forms().filter_map(|f| match_score(f, &query)).min()?;
            Some((best, a.name.to_lowercase(), i))
        })
        .collect();
    scored.sort();
    let mut rows = Vec::new();
    if speaker && match_score("unnamed source", &query).is_some() {
        rows.push(PickRow::Unnamed);
    }
    rows.extend(scored.into_iter().map(|(_, _, i)| PickRow::Actor(i)));
    if speaker {
        rows.push(PickRow::New);
    }
    rows
}

/// A new actor id from a name, not yet taken in `b`.
pub fn new_actor_id(b: &Briefing, name: &str) -> String {
    use crate::model::ids;
    ids::unique_id(&ids::slug(name, 40), "actor", |id| {
        b.actors.iter().any(|a| a.id == id)
    })
}

/// The aliases typed (comma-separated) against those the actor has: removals, then additions.
fn alias_edits(id: &str, had: &[String], typed: &str) -> Vec<Edit> {
    let want: Vec<String> = typed
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect();
    let removed = had
        .iter()
        .filter(|a| !want.contains(a))
        .cloned()
        .map(ActorEdit::RemoveAlias);
    let added = want
        .iter()
        .filter(|a| !had.contains(a))
        .cloned()
        .map(ActorEdit::AddAlias);
    removed
        .chain(added)
        .map(|change| actor_edit(id, change))
        .collect()
}

impl State {
    /// Whether the current briefing can be edited (for the key hints).
    pub fn editable(&self) -> bool {
        !self.session.readonly && !self.read_only.get(self.current).copied().unwrap_or(false)
    }

    /// Whether the current briefing may be edited; says why not.
    pub(super) fn can_edit(&mut self) -> bool {
        if self.session.readonly {
            self.warn("read-only: editing is off (`readonly = true` in the config, or --readonly)");
            return false;
        }
        if self.read_only.get(self.current).copied().unwrap_or(false) && !self.unsaved_import() {
            let what = self.in_memory_article();
            self.warn(format!(
                "read-only: {what} is imported in memory; `briefing import` it to edit it"
            ));
            return false;
        }
        self.briefing().is_some()
    }

    /// `e`: the edit menu of what the focused pane has selected.
    pub(super) fn open_edit(&mut self) {
        if !self.can_edit() {
            return;
        }
        let Some(b) = self.briefing() else { return };
        match self.focus {
            Pane::Claims | Pane::Text => match self
                .claim
                .or(self.claims.selected().filter(|_| self.focus == Pane::Claims))
            {
                Some(c) => self.open_claim_menu(c),
                None => self.info("select a claim first (Claims pane), then e edits it"),
            },
            Pane::Actors => match self.actors.selected().and_then(|a| actor_menu(b, a)) {
                Some(menu) => self.push_layer(Layer::Menu(menu)),
                None => self.info("no actor to edit"),
            },
            Pane::Sections => match self.sections.selected().and_then(|s| b.sections.get(s)) {
                Some(s) => {
                    let prompt = Prompt {
                        target: PromptFor::SectionHeading(s.id.clone()),
                        text: s.heading.clone().unwrap_or_default(),
                    };
                    self.push_layer(Layer::Prompt(prompt));
                }
                None => self.info("no section to edit"),
            },
        }
    }

    /// The edit menu of claim `c` (also from the claim's details).
    pub(super) fn open_claim_menu(&mut self, c: usize) {
        if !self.can_edit() {
            return;
        }
        let annotated = self.store().and_then(|s| s.for_claim(c)).is_some();
        if let Some(menu) = self.briefing().and_then(|b| claim_menu(b, c, annotated)) {
            self.claim = Some(c);
            self.push_layer(Layer::Menu(menu));
        }
    }

    pub fn menu(&self) -> Option<&Menu> {
        match self.layers.last() {
            Some(Layer::Menu(m)) => Some(m),
            _ => None,
        }
    }

    pub fn actor_pick(&self) -> Option<&ActorPick> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::ActorPick(p) => Some(p),
            _ => None,
        })
    }

    /// The picker's rows as they are shown.
    pub fn actor_pick_rows(&self) -> Vec<PickRow> {
        match (self.briefing(), self.actor_pick()) {
            (Some(b), Some(p)) => pick_rows(b, p),
            _ => Vec::new(),
        }
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        match self.layers.last() {
            Some(Layer::Prompt(p)) => Some(p),
            _ => None,
        }
    }

    /// Closes every edit layer (menus, picker, prompts).
    pub(super) fn close_edit_layers(&mut self) {
        let first = self.layers.iter().position(|l| {
            matches!(
                l.kind(),
                LayerKind::Menu | LayerKind::ActorPick | LayerKind::Prompt
            )
        });
        if let Some(i) = first {
            self.layers.truncate(i);
        }
    }

    /// Keys in a menu: move, Enter chooses, Esc closes.
    pub(super) fn menu_command(&mut self, command: Command) {
        let Some(Layer::Menu(menu)) = self.layers.last_mut() else {
            return;
        };
        let last = menu.items.len().saturating_sub(1);
        match command {
            Command::Down => menu.cursor = (menu.cursor + 1).min(last),
            Command::Up => menu.cursor = menu.cursor.saturating_sub(1),
            Command::Top => menu.cursor = 0,
            Command::Bottom => menu.cursor = last,
            Command::Follow => {
                let at = menu.cursor;
                self.choose_item(at);
            }
            Command::Clear | Command::Edit => {
                self.pop_layer();
            }
            Command::Quit => self.quit = true,
            Command::Help => self.push_layer(Layer::Help { scroll: 0 }),
            item if item.in_menu() => {
                if let Some(at) = menu.items.iter().position(|i| i.command == item) {
                    self.choose_item(at);
                }
            }
            _ => {}
        }
    }

    fn choose_item(&mut self, at: usize) {
        let Some(choice) = self
            .menu()
            .and_then(|m| m.items.get(at))
            .map(|i| i.choice.clone())
        else {
            return;
        };
        self.run_choice(choice);
    }

    /// Where a choice leads.
    pub(super) fn run_choice(&mut self, choice: Choice) {
        match choice {
            Choice::Save(edits) => self.save_edits(edits),
            Choice::Ask(edits, question) => {
                self.push_layer(Layer::Confirm(Confirm::Edit { edits, question }))
            }
            Choice::Pick(purpose) => self.push_layer(Layer::ActorPick(ActorPick {
                purpose,
                query: String::new(),
                cursor: 0,
            })),
            Choice::Prompt(target, text) => self.push_layer(Layer::Prompt(Prompt { target, text })),
            Choice::Menu(menu) => self.push_layer(Layer::Menu(*menu)),
            Choice::Say(text) => self.warn(text),
        }
    }

    /// Typing in the edit layers: the picker's filter, a prompt's text.
    /// Gives the action back when no edit layer takes it.
    pub(super) fn edit_layer_action(&mut self, action: Action) -> Option<Action> {
        match (self.layer(), action) {
            (LayerKind::ActorPick | LayerKind::Prompt, Action::Input(c)) => self.edit_text(|t| t.push(c)),
            (LayerKind::ActorPick | LayerKind::Prompt, Action::Paste(p)) => {
                let p: String = sanitize(&p).chars().filter(|c| !c.is_control()).collect();
                self.edit_text(|t| t.push_str(&p));
            }
            (LayerKind::ActorPick | LayerKind::Prompt, Action::InputBackspace) => self.edit_text(|t| {
                t.pop();
            }),
            (LayerKind::ActorPick | LayerKind::Prompt, Action::InputCancel) => {
                self.pop_layer();
            }
            (LayerKind::ActorPick, Action::InputAccept) => self.pick_chosen(),
            (LayerKind::Prompt, Action::InputAccept) => self.prompt_accepted(),
            (_, action) => return Some(action),
        }
        None
    }

    fn edit_text(&mut self, f: impl FnOnce(&mut String)) {
        match self.layers.last_mut() {
            Some(Layer::ActorPick(p)) => {
                f(&mut p.query);
                p.cursor = 0;
            }
            Some(Layer::Prompt(p)) => f(&mut p.text),
            _ => {}
        }
    }

    /// Keys in the actor picker besides typing: move; Ctrl-c quits.
    pub(super) fn pick_command(&mut self, command: Command) {
        let rows = self.actor_pick_rows().len();
        let Some(Layer::ActorPick(pick)) = self.layers.last_mut() else {
            return;
        };
        let last = rows.saturating_sub(1);
        match command {
            Command::Down => pick.cursor = (pick.cursor + 1).min(last),
            Command::Up => pick.cursor = pick.cursor.saturating_sub(1),
            Command::PageDown | Command::HalfPageDown => pick.cursor = (pick.cursor + 10).min(last),
            Command::PageUp | Command::HalfPageUp => pick.cursor = pick.cursor.saturating_sub(10),
            Command::Top => pick.cursor = 0,
            Command::Bottom => pick.cursor = last,
            Command::Follow => self.pick_chosen(),
            Command::Clear => {
                self.pop_layer();
            }
            Command::Quit => self.quit = true,
            _ => {}
        }
    }

    /// Enter in the picker.
    fn pick_chosen(&mut self) {
        let (Some(pick), Some(b)) = (self.actor_pick().cloned(), self.briefing()) else {
            return;
        };
        let rows = pick_rows(b, &pick);
        let picked = match rows.get(pick.cursor) {
            Some(PickRow::Unnamed) => Picked::Unnamed,
            Some(PickRow::Actor(a)) => match b.actors.get(*a) {
                Some(actor) => Picked::Actor(actor.id.clone()),
                None => return,
            },
            Some(PickRow::New) => {
                let name = pick.query.trim().to_string();
                return self.run_choice(Choice::Prompt(PromptFor::NewActor(pick.purpose), name));
            }
            None => return self.info("nothing matches: Backspace widens the search"),
        };
        let choice = self.pick_choice(&pick.purpose, picked);
        self.run_choice(choice);
    }

    /// What picking `who` for `purpose` does.
    pub(super) fn pick_choice(&self, purpose: &PickFor, who: Picked) -> Choice {
        let Some(b) = self.briefing() else {
            return Choice::Say(String::new());
        };
        match purpose {
            PickFor::Speaker(claim) => {
                let edits = match who {
                    Picked::Unnamed => vec![claim_edit(claim, ClaimEdit::Speaker(None))],
                    Picked::Actor(id) => vec![claim_edit(claim, ClaimEdit::Speaker(Some(id)))],
                    Picked::New { id, name, kind } => vec![
                        Edit::AddActor {
                            id: id.clone(),
                            name,
                            kind,
                        },
                        claim_edit(claim, ClaimEdit::Speaker(Some(id))),
                    ],
                };
                Choice::Save(edits)
            }
            PickFor::NewClaim(draft) => super::select::new_claim_choice(b, draft, who),
            PickFor::MergeInto(from) => {
                let Picked::Actor(into) = who else {
                    return Choice::Say("merge into an actor of the list".into());
                };
                let name = |id: &str| {
                    sanitize(
                        b.actors
                            .iter()
                            .find(|a| a.id == id)
                            .map_or(id, |a| a.name.as_str()),
                    )
                };
                let n = b
                    .claims
                    .iter()
                    .filter(|c| c.speaker.as_deref() == Some(from))
                    .count();
                let about = b
                    .claims
                    .iter()
                    .filter(|c| c.about.iter().any(|a| a == from))
                    .count();
                Choice::Ask(
                    vec![actor_edit(from, ActorEdit::MergeInto(into.clone()))],
                    format!(
                        "Merge “{}” into “{}”? {n} claim{} by it and {about} about it move there; its names become aliases.",
                        name(from),
                        name(&into),
                        plural(n),
                    ),
                )
            }
        }
    }

    /// Enter in a prompt: the edit its text makes.
    fn prompt_accepted(&mut self) {
        let (Some(prompt), Some(b)) = (self.prompt().cloned(), self.briefing()) else {
            return;
        };
        let text = prompt.text.trim().to_string();
        let optional = || (!text.is_empty()).then(|| text.clone());
        let choice = match &prompt.target {
            PromptFor::SaveAs(edits) => return self.save_as_accepted(text, edits.clone()),
            PromptFor::ClaimDate(id) => Choice::Save(vec![claim_edit(id, ClaimEdit::Date(optional()))]),
            PromptFor::ClaimVia(id) => Choice::Save(vec![claim_edit(id, ClaimEdit::Via(optional()))]),
            PromptFor::ActorRole(id) => Choice::Save(vec![actor_edit(id, ActorEdit::Role(optional()))]),
            _ if text.is_empty() => Choice::Say("it cannot be empty: type it, or Esc to cancel".into()),
            PromptFor::ActorName(id) => Choice::Save(vec![actor_edit(id, ActorEdit::Rename(text))]),
            PromptFor::SectionHeading(id) => Choice::Save(vec![Edit::SectionHeading {
                id: id.clone(),
                heading: text,
            }]),
            PromptFor::ActorAliases(id) => {
                let had = b
                    .actors
                    .iter()
                    .find(|a| &a.id == id)
                    .map(|a| a.aliases.clone())
                    .unwrap_or_default();
                match alias_edits(id, &had, &text) {
                    edits if edits.is_empty() => {
                        Choice::Say("the aliases are as they were: nothing changed".into())
                    }
                    edits => Choice::Save(edits),
                }
            }
            PromptFor::NewActor(purpose) => {
                let id = new_actor_id(b, &text);
                let purpose = purpose.clone();
                let menu = actor_kind_menu(format!("Kind of {}", sanitize(&text)), None, |kind| {
                    self.pick_choice(
                        &purpose,
                        Picked::New {
                            id: id.clone(),
                            name: text.clone(),
                            kind,
                        },
                    )
                });
                Choice::Menu(Box::new(menu))
            }
        };
        if !matches!(choice, Choice::Say(_)) {
            self.pop_layer();
        }
        self.run_choice(choice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_beat_substrings_beat_scattered_letters() {
        assert_eq!(match_score("Pete Buttigieg", "butt"), Some(0));
        assert_eq!(match_score("Pete Buttigieg", "ttig"), Some(1));
        assert_eq!(match_score("Pete Buttigieg", "pbg"), Some(2));
        assert_eq!(match_score("Pete Buttigieg", "xyz"), None);
        assert_eq!(match_score("Élysée", "elys"), Some(0));
    }

    #[test]
    fn typed_aliases_become_removals_and_additions() {
        let had = vec!["Ruiz".to_string(), "the minister".to_string()];
        let edits = alias_edits("ana", &had, "Ruiz, Ana R. ,");
        assert_eq!(
            edits,
            vec![
                actor_edit("ana", ActorEdit::RemoveAlias("the minister".into())),
                actor_edit("ana", ActorEdit::AddAlias("Ana R.".into())),
            ]
        );
        assert!(alias_edits("ana", &had, "Ruiz, the minister").is_empty());
    }
}
