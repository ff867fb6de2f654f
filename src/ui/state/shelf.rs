//! The briefings the reader knows: every one listed (from the library index),
//! only a few loaded. Opening one that is not loaded asks the event loop for it
//! (`Effect::Load`) and finishes the move when it arrives (`Action::Loaded`);
//! the least recently read are dropped again, keeping their place (`positions`)
//! and nothing unsaved (annotations are written as they are made).
//!
//! The library's answers (search, timeline, a sync) come from a worker thread;
//! each query is numbered, and an answer to anything but the latest is dropped.

use std::path::PathBuf;

use crate::annotations::AnnotationStore;
use crate::load::LoadedBriefing;

use super::{Effect, LayerKind, Message, State};
use crate::ui::action::Action;

/// How many briefings stay loaded besides the one being read.
pub const KEEP_LOADED: usize = 8;

/// What the reader knows of a briefing before loading it: enough to list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// The publication date as written (`2025-11-02`, `2025-11`).
    pub published: Option<String>,
    pub path: PathBuf,
}

impl Listed {
    pub fn of(loaded: &LoadedBriefing) -> Listed {
        Listed {
            id: loaded.briefing.id.clone(),
            title: loaded.briefing.title.clone(),
            publisher: loaded.briefing.publisher.clone(),
            published: loaded.briefing.published.map(|d| d.to_string()),
            path: loaded.path.clone(),
        }
    }
}

/// One briefing of the list, and its contents while loaded.
#[derive(Debug, Clone)]
pub struct Slot {
    pub listed: Listed,
    pub loaded: Option<LoadedBriefing>,
}

impl Slot {
    pub fn loaded(loaded: LoadedBriefing) -> Slot {
        Slot {
            listed: Listed::of(&loaded),
            loaded: Some(loaded),
        }
    }
}

/// A briefing file read by the event loop for `Effect::Load`.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub briefing: usize,
    /// The briefing and its annotations, or why it could not be read (one line).
    pub result: Result<(Box<LoadedBriefing>, Option<AnnotationStore>), String>,
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        self.briefing == other.briefing
            && match (&self.result, &other.result) {
                (Ok((a, _)), Ok((b, _))) => a.path == b.path,
                (Err(a), Err(b)) => a == b,
                _ => false,
            }
    }
}

impl Eq for Loaded {}

/// The library as a sync left it: the briefings that load, in order, and the
/// files skipped (first problem of each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synced {
    pub result: Result<SyncedList, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncedList {
    pub list: Vec<Listed>,
    pub skipped: Vec<String>,
    /// Anything changed since the list the reader started from.
    pub changed: bool,
    /// The index had to be rebuilt (one line).
    pub notice: Option<String>,
}

/// Which view a library query is for: its answers are numbered apart from the others'.
pub fn query_kind(effect: &Effect) -> Option<usize> {
    match effect {
        Effect::Search { .. } => Some(0),
        Effect::Timeline { .. } => Some(1),
        Effect::Identities | Effect::Identity { .. } | Effect::Decide(_) => Some(2),
        _ => None,
    }
}

/// Which view an answer is for (see [`query_kind`]).
pub fn answer_kind(action: &Action) -> Option<usize> {
    match action {
        Action::Found(_) => Some(0),
        Action::Dated(_) => Some(1),
        Action::Identities(_) => Some(2),
        _ => None,
    }
}

/// What to do once a briefing being loaded has arrived.
pub(super) type Then = Box<dyn FnOnce(&mut State)>;

impl State {
    /// How many briefings there are (the whole list may still be on its way).
    pub fn briefing_count(&self) -> usize {
        self.listing.unwrap_or(0).max(self.briefings.len())
    }

    /// Only the first briefings are listed yet: `count` in all, the rest on its way
    /// (`Action::Synced`).
    pub fn listing(&mut self, count: usize) {
        self.listing = Some(count);
    }

    /// Whether the whole list has arrived.
    pub fn listed_all(&self) -> bool {
        self.listing.is_none()
    }

    /// What is listed of briefing `i`.
    pub fn listed(&self, i: usize) -> Option<&Listed> {
        self.briefings.get(i).map(|s| &s.listed)
    }

    /// Briefing `i`, if it is loaded.
    pub fn loaded_at(&self, i: usize) -> Option<&LoadedBriefing> {
        self.briefings.get(i).and_then(|s| s.loaded.as_ref())
    }

    /// How many briefings are loaded now.
    pub fn loaded_count(&self) -> usize {
        self.briefings.iter().filter(|s| s.loaded.is_some()).count()
    }

    /// The number of the latest library query: answers to others are dropped.
    pub fn library_generation(&self) -> u64 {
        self.library_generation
    }

    /// Runs `then` with briefing `i` loaded: now, or once the event loop has read it.
    pub(super) fn with_briefing(&mut self, i: usize, then: Then) {
        let Some(slot) = self.briefings.get(i) else { return };
        if slot.loaded.is_some() {
            then(self);
            return;
        }
        let (path, title) = (slot.listed.path.clone(), slot.listed.title.clone());
        self.loading = Some((i, then));
        self.effect = Some(Effect::Load { briefing: i, path });
        self.info(format!("opening {}…", crate::text::sanitize(&title)));
    }

    /// The event loop's answer to `Effect::Load`.
    pub(super) fn arrived_file(&mut self, loaded: Loaded) {
        let then = match self.loading.take() {
            Some((i, then)) if i == loaded.briefing => then,
            other => {
                // Not the briefing being waited for (the list changed meanwhile).
                self.loading = other;
                return;
            }
        };
        match loaded.result {
            Ok((briefing, store)) => {
                let i = loaded.briefing;
                if let Some(slot) = self.briefings.get_mut(i) {
                    slot.loaded = Some(*briefing);
                }
                if let Some(store) = store {
                    self.set_store(i, store);
                }
                self.touch(i);
                then(self);
                self.evict();
            }
            Err(problem) => self.warn(problem),
        }
    }

    /// Marks briefing `i` as the most recently read.
    pub(super) fn touch(&mut self, i: usize) {
        self.recent.retain(|&r| r != i);
        self.recent.push(i);
    }

    /// Drops the least recently read briefings beyond [`KEEP_LOADED`]: never the one
    /// being read, one being loaded, or one an open layer works on. Their positions
    /// stay in `positions`, their annotations are on disk and read again on return.
    fn evict(&mut self) {
        let busy = self.busy_briefing();
        while self.recent.len() > KEEP_LOADED + 1 {
            let Some(at) = self
                .recent
                .iter()
                .position(|&i| i != self.current && Some(i) != busy)
            else {
                return;
            };
            let i = self.recent.remove(at);
            if let Some(slot) = self.briefings.get_mut(i) {
                slot.loaded = None;
            }
            if let Some(store) = self.stores.get_mut(i) {
                *store = None;
            }
        }
    }

    /// The briefing an open editor or question works on, if any.
    fn busy_briefing(&self) -> Option<usize> {
        self.editor()
            .map(|e| match e {
                super::Editor::Claim(c) => c.briefing,
                super::Editor::Actor(a) => a.briefing,
            })
            .or_else(|| self.loading.as_ref().map(|(i, _)| *i))
    }

    /// Called by `update` with the effect it returns: a new library query makes
    /// earlier answers for the same view stale.
    pub(super) fn number_query(&mut self) {
        if let Some(kind) = self.effect.as_ref().and_then(query_kind) {
            self.library_generation += 1;
            self.latest_query[kind] = self.library_generation;
        }
    }

    /// Closing a library view drops the answer it was waiting for.
    pub(super) fn forget_queries(&mut self, kind: LayerKind) {
        let view = match kind {
            LayerKind::Search => 0,
            LayerKind::Timeline => 1,
            LayerKind::LibraryActors => 2,
            _ => return,
        };
        self.latest_query[view] = 0;
    }

    /// An answer from the library worker: applied only if it answers the latest
    /// query of its view.
    pub(super) fn library_answer(&mut self, generation: u64, action: Action) -> Option<Effect> {
        let latest = answer_kind(&action).map(|kind| self.latest_query[kind]);
        if latest != Some(generation) {
            return None;
        }
        self.update(action)
    }

    /// The worker's sync: the list follows the files (added, removed, renamed),
    /// each briefing keeping its place, loaded copy and annotations by id.
    pub(super) fn synced(&mut self, synced: Synced) {
        let list = match synced.result {
            Ok(list) => list,
            Err(problem) => {
                self.warn(problem);
                return;
            }
        };
        if let Some(notice) = &list.notice {
            self.warn(crate::text::sanitize(notice));
        }
        if list.changed || self.listing.is_some() {
            self.pending_list = Some(list);
            self.apply_list();
        }
    }

    /// Applies a new list once no editor, question or re-attach (which hold a
    /// briefing's number) is open.
    pub(super) fn apply_list(&mut self) {
        let busy = self.layers.iter().any(|l| {
            matches!(
                l.kind(),
                LayerKind::Editor | LayerKind::Confirm | LayerKind::Reattach | LayerKind::Orphans
            )
        }) || self.loading.is_some();
        if busy {
            return;
        }
        let Some(list) = self.pending_list.take() else {
            return;
        };
        let map = self.renumbering(&list.list);
        let Some(current) = map.get(self.current).copied().flatten() else {
            self.warn(
                "the briefing being read was removed from the library; the list is kept until you reopen",
            );
            return;
        };
        self.renumber(list.list, &map, current);
        self.listing = None;
        if std::mem::take(&mut self.picker_wanted) && self.layers.is_empty() {
            self.open_picker();
        }
        if let Some(summary) = crate::load::skipped_summary(&list.skipped) {
            self.message = Some(Message {
                text: format!("{} (`briefing check` explains)", crate::text::sanitize(&summary)),
                error: true,
            });
        }
    }

    /// Each listed briefing's number in `list`, by id.
    fn renumbering(&self, list: &[Listed]) -> Vec<Option<usize>> {
        let by_id: crate::hash::HashMap<&str, usize> =
            list.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
        self.briefings
            .iter()
            .map(|s| by_id.get(s.listed.id.as_str()).copied())
            .collect()
    }

    fn renumber(&mut self, list: Vec<Listed>, map: &[Option<usize>], current: usize) {
        let n = list.len();
        let old = std::mem::take(&mut self.briefings);
        let mut loaded: Vec<Option<LoadedBriefing>> = old.into_iter().map(|s| s.loaded).collect();
        loaded = renumbered(loaded, map, n);
        self.briefings = list
            .into_iter()
            .zip(loaded)
            .map(|(listed, loaded)| Slot { listed, loaded })
            .collect();
        self.stores = renumbered(std::mem::take(&mut self.stores), map, n);
        self.positions = renumbered(std::mem::take(&mut self.positions), map, n);
        self.read_only = renumbered(std::mem::take(&mut self.read_only), map, n);
        let session = &mut self.session;
        session.sources = renumbered(std::mem::take(&mut session.sources), map, n);
        session.undo = renumbered(std::mem::take(&mut session.undo), map, n);
        session.redo = renumbered(std::mem::take(&mut session.redo), map, n);
        self.current = current;
        let moved = |i: usize| map.get(i).copied().flatten();
        self.recent = self.recent.iter().filter_map(|&i| moved(i)).collect();
        for stack in [&mut self.back, &mut self.forward] {
            stack.retain_mut(|snap| match moved(snap.briefing) {
                Some(j) => {
                    snap.briefing = j;
                    true
                }
                None => false,
            });
        }
        let rows = self
            .picker()
            .map(|p| super::picker_rows(&self.briefings, &p.filter));
        if let (Some(rows), Some(picker)) = (rows, self.picker_mut()) {
            picker.set_rows(rows, None);
        }
    }
}

/// `items` (by old number) moved to their new numbers; new briefings get the default.
fn renumbered<T: Default>(items: Vec<T>, map: &[Option<usize>], n: usize) -> Vec<T> {
    let mut out: Vec<T> = std::iter::repeat_with(T::default).take(n).collect();
    for (i, item) in items.into_iter().enumerate() {
        if let Some(Some(j)) = map.get(i)
            && let Some(slot) = out.get_mut(*j)
        {
            *slot = item;
        }
    }
    out
}
