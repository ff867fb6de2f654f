//! The library actors view: every actor across the library (one identity per
//! actor, however many briefings name it), with its kind and its numbers of
//! briefings and claims; `/` filters, `s` sorts. Enter lists one actor's
//! briefings and claims (its detail); Enter there opens the briefing on the
//! actor (and the claim). `m` marks an actor and `M` merges it with the one
//! under the cursor; `X` in the detail splits a briefing's actor out. Reading
//! the index and writing the decisions are effects of the event loop.

use crate::library::views::{ClaimRow, Identity, Member};
use crate::text::{fold, sanitize};
use crate::ui::action::{Command, Pane};

use super::layer::{Layer, LayerKind, layer_data};
use super::listing::{Shape, moved};
use super::{Editing, Effect, InputTarget, ListView, State};

/// How the list lays out: a heading line, then a line an actor.
pub const IDENTITY_ROWS: Shape = Shape { heading: 1, lines: 1 };
/// How the detail lays out: two heading lines, then a line a briefing or claim.
pub const DETAIL_ROWS: Shape = Shape { heading: 2, lines: 1 };

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IdentitySort {
    /// In most briefings first (then most claims, then by name), as `briefing actors`.
    #[default]
    Briefings,
    Claims,
    Name,
    Kind,
}

impl IdentitySort {
    pub fn label(self) -> &'static str {
        match self {
            IdentitySort::Briefings => "by briefings",
            IdentitySort::Claims => "by claims",
            IdentitySort::Name => "by name",
            IdentitySort::Kind => "by kind",
        }
    }

    fn next(self) -> IdentitySort {
        match self {
            IdentitySort::Briefings => IdentitySort::Claims,
            IdentitySort::Claims => IdentitySort::Name,
            IdentitySort::Name => IdentitySort::Kind,
            IdentitySort::Kind => IdentitySort::Briefings,
        }
    }
}

/// An actor marked for a merge: one of its briefings' actors, and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub key: String,
    pub name: String,
}

/// A line of one actor's detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailRow {
    /// A briefing that names the actor: how, and its title.
    Briefing { member: Member, title: String },
    /// A claim by or about it there (`actor` is the briefing's actor id).
    Claim { actor: String, claim: ClaimRow },
}

impl DetailRow {
    /// The briefing and actor ids it leads to.
    pub fn place(&self) -> (&str, &str) {
        match self {
            DetailRow::Briefing { member, .. } => (&member.briefing, &member.actor),
            DetailRow::Claim { actor, claim } => (&claim.briefing, actor),
        }
    }
}

/// One actor across the library: its briefings, each followed by its claims there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorDetail {
    /// The briefing's actor (`briefing/actor`) it was asked for.
    pub key: String,
    pub name: String,
    pub identity: Option<Identity>,
    pub rows: Vec<DetailRow>,
    pub cursor: usize,
    pub pending: bool,
}

/// The view's data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryActorsView {
    pub identities: Vec<Identity>,
    /// Shown identities (filtered, sorted), the cursor and the filter.
    pub list: ListView,
    pub sort: IdentitySort,
    pub pending: bool,
    pub marked: Option<Marked>,
    pub detail: Option<ActorDetail>,
    /// The briefing's actor to put the cursor on, and show, when the list arrives.
    pub wanted: Option<String>,
    /// What to say once the actors (and the one shown) are read again after a decision.
    pub notice: Option<String>,
}

impl LibraryActorsView {
    /// The identity under the cursor.
    pub fn selected(&self) -> Option<&Identity> {
        self.list.selected().and_then(|i| self.identities.get(i))
    }

    fn refresh_rows(&mut self) {
        let keep = self.selected().and_then(|i| i.members.first()).map(Member::key);
        let rows = identity_rows(&self.identities, &self.list.filter, self.sort);
        self.list.rows = rows;
        self.list.cursor = keep
            .and_then(|k| {
                self.list
                    .rows
                    .iter()
                    .position(|&i| has_member(&self.identities[i], &k))
            })
            .unwrap_or(0)
            .min(self.list.rows.len().saturating_sub(1));
    }
}

fn has_member(identity: &Identity, key: &str) -> bool {
    identity.members.iter().any(|m| m.key() == key)
}

/// The identities passing `filter` (name, other names or kind), in `sort` order.
fn identity_rows(identities: &[Identity], filter: &str, sort: IdentitySort) -> Vec<usize> {
    let wanted = fold(filter).to_lowercase();
    let mut rows: Vec<usize> = (0..identities.len())
        .filter(|&i| {
            let id = &identities[i];
            wanted.is_empty()
                || std::iter::once(&id.name)
                    .chain(&id.also)
                    .any(|n| fold(n).to_lowercase().contains(&wanted))
                || id.kind.as_str() == wanted
        })
        .collect();
    let name = |i: usize| fold(&identities[i].name).to_lowercase();
    match sort {
        IdentitySort::Briefings => {}
        IdentitySort::Claims => rows.sort_by_key(|&i| std::cmp::Reverse(identities[i].claims)),
        IdentitySort::Name => rows.sort_by_cached_key(|&i| name(i)),
        // In the order of kinds the Actors pane uses (people first).
        IdentitySort::Kind => rows.sort_by_key(|&i| {
            let kind = identities[i].kind;
            crate::model::ActorKind::ALL.iter().position(|k| *k == kind)
        }),
    }
    rows
}

/// The detail's lines: each briefing, then its claims by or about the actor.
fn detail_rows(actor: &ActorClaims) -> Vec<DetailRow> {
    let mut rows = Vec::new();
    for (i, member) in actor.identity.members.iter().enumerate() {
        rows.push(DetailRow::Briefing {
            member: member.clone(),
            title: actor
                .titles
                .get(i)
                .cloned()
                .unwrap_or_else(|| member.briefing.clone()),
        });
        for claim in actor
            .claims
            .iter()
            .filter(|c| c.involves(member.file, member.idx))
        {
            rows.push(DetailRow::Claim {
                actor: member.actor.clone(),
                claim: claim.clone(),
            });
        }
    }
    rows
}

/// What the event loop read for one actor: the identity holding the briefing's
/// actor asked for, its briefings' titles (one per member) and its claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorClaims {
    pub identity: Identity,
    pub titles: Vec<String>,
    pub claims: Vec<ClaimRow>,
}

/// A decision about who is who, written to the library file by the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// These briefings' actors (`briefing/actor`) are one actor.
    Merge {
        actors: Vec<String>,
        names: (String, String),
    },
    /// This briefing's actor is nobody else.
    Split { actor: String, name: String },
}

impl Decision {
    /// What the reader says once it is written.
    pub fn done(&self) -> String {
        match self {
            Decision::Merge { names: (a, b), .. } => format!(
                "merged {} and {} (X in the actor's detail splits one out again)",
                sanitize(a),
                sanitize(b)
            ),
            Decision::Split { actor, name } => {
                format!(
                    "{} ({}) is now an actor of its own",
                    sanitize(name),
                    sanitize(actor)
                )
            }
        }
    }
}

/// What the event loop answers for the view's effects. Errors are one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identities {
    Listed(Result<Vec<Identity>, String>),
    Detail {
        key: String,
        result: Result<ActorClaims, String>,
    },
    Decided(Result<String, String>),
}

layer_data!(
    /// The library actors view, if open.
    library_actors, library_actors_mut, LibraryActors, LibraryActorsView
);

impl State {
    /// `L`: opens the view and asks the loop for the actors; with an actor
    /// selected in the briefing, that actor is shown when they arrive.
    pub(super) fn open_library_actors(&mut self) {
        let wanted = self.actor.and_then(|a| {
            let b = self.briefing()?;
            Some(format!("{}/{}", b.id, b.actors.get(a)?.id))
        });
        self.push_layer(Layer::LibraryActors(LibraryActorsView {
            pending: true,
            wanted,
            ..LibraryActorsView::default()
        }));
        self.effect = Some(Effect::Identities);
        self.info("reading the library's actors…");
    }

    /// The event loop's answers.
    pub(super) fn identities(&mut self, answer: Identities) {
        match answer {
            Identities::Listed(result) => self.identities_listed(result),
            Identities::Detail { key, result } => self.identity_detail(&key, result),
            Identities::Decided(Ok(message)) => {
                if let Some(view) = self.library_actors_mut() {
                    view.marked = None;
                    view.pending = true;
                    view.notice = Some(message);
                }
                self.effect = Some(Effect::Identities);
            }
            Identities::Decided(Err(message)) => {
                if let Some(view) = self.library_actors_mut() {
                    view.pending = false;
                }
                self.warn(message);
            }
        }
    }

    fn identities_listed(&mut self, result: Result<Vec<Identity>, String>) {
        let Some(view) = self.library_actors_mut() else {
            return;
        };
        view.pending = false;
        let identities = match result {
            Ok(identities) => identities,
            Err(message) => {
                if view.identities.is_empty() {
                    self.close(LayerKind::LibraryActors);
                }
                return self.warn(message);
            }
        };
        let n = identities.len();
        view.identities = identities;
        view.refresh_rows();
        if let Some(wanted) = view.wanted.take() {
            view.list.filter.clear();
            view.refresh_rows();
            if let Some(row) = view
                .list
                .rows
                .iter()
                .position(|&i| has_member(&view.identities[i], &wanted))
            {
                view.list.cursor = row;
                self.open_identity(Some(wanted));
                return;
            }
        }
        if let Some(detail) = &view.detail {
            // A decision changed who is who: read the actor shown again.
            let key = detail.key.clone();
            self.open_identity(Some(key));
            return;
        }
        let text = format!("{n} actor{} across the library", super::plural(n));
        self.say(text);
    }

    /// Says `text`, or the outcome of the decision that had the view read again.
    fn say(&mut self, text: String) {
        let notice = self.library_actors_mut().and_then(|v| v.notice.take());
        self.info(notice.unwrap_or(text));
    }

    /// Shows the detail of the identity holding `key`, or of the cursor's.
    fn open_identity(&mut self, key: Option<String>) {
        let Some(view) = self.library_actors_mut() else {
            return;
        };
        let Some(identity) = view.selected() else { return };
        let key = key
            .filter(|k| has_member(identity, k))
            .or_else(|| identity.members.first().map(Member::key));
        let Some(key) = key else { return };
        let name = identity.name.clone();
        let keep = view.detail.take().filter(|d| d.key == key);
        view.detail = Some(ActorDetail {
            key: key.clone(),
            name,
            pending: true,
            ..keep.unwrap_or_default()
        });
        self.effect = Some(Effect::Identity { key });
    }

    fn identity_detail(&mut self, key: &str, result: Result<ActorClaims, String>) {
        let Some(view) = self.library_actors_mut() else {
            return;
        };
        let Some(detail) = view.detail.as_mut().filter(|d| d.key == key) else {
            return;
        };
        detail.pending = false;
        match result {
            Ok(actor) => {
                let first = detail.rows.is_empty();
                detail.rows = detail_rows(&actor);
                detail.cursor = detail.cursor.min(detail.rows.len().saturating_sub(1));
                if first {
                    // On the briefing it was asked from (the one being read, with `L` on an actor).
                    detail.cursor = detail
                        .rows
                        .iter()
                        .position(|r| matches!(r, DetailRow::Briefing { member, .. } if member.key() == key))
                        .unwrap_or(0);
                }
                detail.name = actor.identity.name.clone();
                let (b, c) = (actor.identity.briefings, actor.identity.claims);
                detail.identity = Some(actor.identity);
                let text = format!(
                    "{}: {b} briefing{}, {c} claim{} · Enter opens · {} back to the list",
                    sanitize(&detail.name),
                    super::plural(b),
                    super::plural(c),
                    self.keymap.first(Command::Clear)
                );
                self.say(text);
            }
            Err(message) => {
                if detail.rows.is_empty() {
                    view.detail = None;
                }
                self.warn(message);
            }
        }
    }

    /// Keys in the view: the detail's when it is open, else the list's.
    pub(super) fn library_actors_command(&mut self, command: Command) {
        let Some(view) = self.library_actors() else { return };
        if view.detail.is_some() {
            return self.detail_command(command);
        }
        let page = IDENTITY_ROWS.page(self.size);
        let Some(view) = self.library_actors_mut() else {
            return;
        };
        if let Some(to) = moved(view.list.cursor, view.list.rows.len(), command, page) {
            view.list.cursor = to;
            return;
        }
        match command {
            Command::Follow => self.open_identity(None),
            Command::Filter => self.start_identity_filter(),
            Command::SortActors => {
                view.sort = view.sort.next();
                view.refresh_rows();
                let label = view.sort.label();
                self.info(format!("library actors {label}"));
            }
            Command::Mark => self.mark_identity(),
            Command::Merge => self.merge_identities(),
            Command::Split => {
                self.info("open an actor (Enter) and split one of its briefings' actors out there")
            }
            Command::Clear if view.marked.is_some() => {
                view.marked = None;
                self.info("unmarked");
            }
            Command::Clear if !view.list.filter.is_empty() => {
                view.list.filter.clear();
                view.refresh_rows();
            }
            Command::Clear | Command::Quit | Command::LibraryActors => self.close(LayerKind::LibraryActors),
            Command::Help => self.push_layer(Layer::Help { scroll: 0 }),
            _ => {}
        }
    }

    fn detail_command(&mut self, command: Command) {
        let page = DETAIL_ROWS.page(self.size);
        let Some(detail) = self.library_actors_mut().and_then(|v| v.detail.as_mut()) else {
            return;
        };
        if let Some(to) = moved(detail.cursor, detail.rows.len(), command, page) {
            detail.cursor = to;
            return;
        }
        match command {
            Command::Follow => self.open_detail_row(),
            Command::Split => self.split_identity(),
            Command::Clear | Command::Back => {
                if let Some(view) = self.library_actors_mut() {
                    view.detail = None;
                }
            }
            Command::Quit | Command::LibraryActors => self.close(LayerKind::LibraryActors),
            Command::Help => self.push_layer(Layer::Help { scroll: 0 }),
            _ => {}
        }
    }

    /// `/` in the list: its filter, as you type.
    fn start_identity_filter(&mut self) {
        let before = self.snapshot();
        if let Some(view) = self.library_actors_mut() {
            view.list.filter.clear();
            view.refresh_rows();
        }
        self.push_layer(Layer::Input(Editing {
            target: InputTarget::LibraryActors,
            before,
        }));
    }

    /// The filter being typed.
    pub(super) fn identity_filter(&self) -> Option<&str> {
        self.library_actors().map(|v| v.list.filter.as_str())
    }

    /// A change to the filter being typed.
    pub(super) fn edit_identity_filter(&mut self, edit: impl FnOnce(&mut String)) {
        if let Some(view) = self.library_actors_mut() {
            edit(&mut view.list.filter);
            view.refresh_rows();
            view.list.cursor = 0;
        }
    }

    /// `m`: marks the actor under the cursor (again: unmarks it).
    fn mark_identity(&mut self) {
        let merge = self.keymap.first(Command::Merge);
        let Some(view) = self.library_actors_mut() else {
            return;
        };
        let Some(identity) = view.selected() else { return };
        let Some(key) = identity.members.first().map(Member::key) else {
            return;
        };
        if view.marked.as_ref().is_some_and(|m| m.key == key) {
            view.marked = None;
            return self.info("unmarked");
        }
        let name = identity.name.clone();
        view.marked = Some(Marked {
            key,
            name: name.clone(),
        });
        self.info(format!(
            "marked {}: move to the same actor under another name and press {merge} to merge them",
            sanitize(&name)
        ));
    }

    /// `M`: the marked actor and the cursor's are one.
    fn merge_identities(&mut self) {
        let mark = self.keymap.first(Command::Mark);
        let Some(view) = self.library_actors() else { return };
        let (Some(marked), Some(identity)) = (view.marked.clone(), view.selected()) else {
            return self.info(format!(
                "mark an actor with {mark} first, then press this on the one it is the same as"
            ));
        };
        if has_member(identity, &marked.key) {
            return self.info("that is the marked actor: move to another one to merge them");
        }
        let Some(key) = identity.members.first().map(Member::key) else {
            return;
        };
        let names = (marked.name, identity.name.clone());
        self.decide(Decision::Merge {
            actors: vec![marked.key, key],
            names,
        });
    }

    /// `X` in the detail: the briefing's actor under the cursor is nobody else.
    fn split_identity(&mut self) {
        let Some(detail) = self.library_actors().and_then(|v| v.detail.as_ref()) else {
            return;
        };
        let Some(row) = detail.rows.get(detail.cursor) else {
            return;
        };
        if detail.identity.as_ref().is_some_and(|i| i.members.len() < 2) {
            return self.info("this actor is in one briefing only: there is nothing to split");
        }
        let (b, a) = row.place();
        let actor = format!("{b}/{a}");
        let name = match row {
            DetailRow::Briefing { member, .. } => member.name.clone(),
            DetailRow::Claim { .. } => detail.name.clone(),
        };
        // The detail goes on showing the rest of the actor.
        let other = detail
            .identity
            .as_ref()
            .and_then(|i| i.members.iter().map(Member::key).find(|k| *k != actor));
        if let (Some(other), Some(detail)) =
            (other, self.library_actors_mut().and_then(|v| v.detail.as_mut()))
        {
            detail.key = other;
            detail.cursor = 0;
        }
        self.decide(Decision::Split { actor, name });
    }

    fn decide(&mut self, decision: Decision) {
        if let Some(view) = self.library_actors_mut() {
            view.pending = true;
        }
        self.effect = Some(Effect::Decide(decision));
    }

    /// Enter in the detail: the briefing, on the actor (and the claim).
    fn open_detail_row(&mut self) {
        let Some(row) = self
            .library_actors()
            .and_then(|v| v.detail.as_ref())
            .and_then(|d| d.rows.get(d.cursor))
            .cloned()
        else {
            return;
        };
        let (briefing, _) = row.place();
        let briefing = briefing.to_string();
        let then = move |s: &mut State| s.land_on_detail_row(&row);
        self.enter_library_briefing(LayerKind::LibraryActors, &briefing, Box::new(then));
    }

    /// In the row's briefing: the actor selected (and the claim).
    fn land_on_detail_row(&mut self, row: &DetailRow) {
        let (_, actor) = row.place();
        let Some(b) = self.briefing() else { return };
        let a = b.actors.iter().position(|x| x.id == actor);
        let c = match row {
            DetailRow::Claim { claim, .. } => b.claims.iter().position(|x| x.id == claim.claim),
            DetailRow::Briefing { .. } => None,
        };
        let title = b.title.clone();
        if let Some(a) = a {
            self.focus = Pane::Actors;
            self.select_actor(a);
        }
        if let Some(c) = c {
            self.land_on_claim(c);
        }
        self.arrived(&title);
    }

    /// A click on an actor shows it; on a briefing or claim of the detail, opens it.
    pub(super) fn click_library_actors(&mut self, column: u16, row: u16) {
        let Some(view) = self.library_actors() else { return };
        match &view.detail {
            Some(d) => {
                let at = DETAIL_ROWS.item_at(self.size, d.cursor, d.rows.len(), column, row);
                if let Some(at) = at {
                    if let Some(d) = self.library_actors_mut().and_then(|v| v.detail.as_mut()) {
                        d.cursor = at;
                    }
                    self.open_detail_row();
                }
            }
            None => {
                let at =
                    IDENTITY_ROWS.item_at(self.size, view.list.cursor, view.list.rows.len(), column, row);
                if let (Some(at), Some(view)) = (at, self.library_actors_mut()) {
                    view.list.cursor = at;
                    self.open_identity(None);
                }
            }
        }
    }
}
