//! The reader's state and its only way of changing: [`State::update`] with an
//! [`Action`]. No I/O happens here, so every link rule is unit-tested.

use std::ops::Range;

use ratatui::layout::Rect;

use crate::index::Index;
use crate::load::LoadedBriefing;
use crate::model::Briefing;
use crate::text::fold;

use super::action::{Action, Command, Pane};
use super::details;
use super::doc::Row;
use super::keymap::Keymap;
use super::layout::{Areas, text_width_for};
use super::theme::Theme;
use super::wrap::TextLayout;

mod annotate;
mod edit;
mod edit_save;
mod filter;
mod layer;
mod library_actors;
mod links;
mod listing;
mod pointer;
mod save_as;
mod search;
mod select;
mod shelf;
mod timeline;
pub use annotate::{
    ActorEditor, ActorField, ClaimEditor, Confirm, Editor, Effect, Field, Outcome, StoreChange, filter_label,
    store_problem,
};
pub use edit::{ActorPick, Choice, Menu, MenuItem, PickFor, PickRow, Picked, Prompt, PromptFor, pick_rows};
pub use edit_save::{Direction, EditDone, EditSession, Edited, Step};
pub use layer::{Layer, LayerKind};
pub use library_actors::{
    ActorClaims, ActorDetail, DETAIL_ROWS, Decision, DetailRow, IDENTITY_ROWS, Identities, IdentitySort,
    LibraryActorsView, Marked,
};
pub use listing::{Shape, first_item, moved, view_rect};
pub use save_as::{SaveAsFailure, SavedAs, SavedFile};
pub use search::{Found, HITS, SEARCH_LIMIT, SearchView};
pub use select::{ClaimDraft, Selection, words_opening};
pub use shelf::{KEEP_LOADED, Listed, Loaded, Slot, Synced, SyncedList, answer_kind, query_kind};
pub use timeline::{DATED_ROWS, Dated, TimelineView};

/// One scrollable, filterable list of item indices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListView {
    /// Item indices in display order, after filtering.
    pub rows: Vec<usize>,
    pub cursor: usize,
    /// First visible row.
    pub offset: usize,
    pub filter: String,
}

impl ListView {
    pub fn selected(&self) -> Option<usize> {
        self.rows.get(self.cursor).copied()
    }

    /// Replaces the rows, keeping the cursor on `keep` if it is still there.
    fn set_rows(&mut self, rows: Vec<usize>, keep: Option<usize>) {
        self.rows = rows;
        self.cursor = keep
            .and_then(|k| self.rows.iter().position(|&r| r == k))
            .unwrap_or_else(|| self.cursor.min(self.rows.len().saturating_sub(1)));
    }

    fn select_item(&mut self, item: usize) -> bool {
        match self.rows.iter().position(|&r| r == item) {
            Some(i) => {
                self.cursor = i;
                true
            }
            None => false,
        }
    }

    fn move_to(&mut self, row: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.cursor = row.clamp(0, last.max(0)) as usize;
    }

    fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        let max_offset = self.rows.len().saturating_sub(height);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + height {
            self.offset = self.cursor + 1 - height;
        }
        self.offset = self.offset.min(max_offset);
    }
}

/// What the Claims pane needs to know of the whole briefing, worked out when it
/// opens rather than at every frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClaimFacts {
    /// Display width of the longest speaker name.
    pub longest_speaker: usize,
    /// Claims whose speaker is in doubt.
    pub doubtful: usize,
}

impl ClaimFacts {
    fn of(briefing: &Briefing) -> ClaimFacts {
        ClaimFacts {
            longest_speaker: briefing
                .claims
                .iter()
                .map(|c| unicode_width::UnicodeWidthStr::width(crate::model::speaker_name(briefing, c)))
                .max()
                .unwrap_or(0),
            doubtful: briefing.claims.iter().filter(|c| c.doubt.is_some()).count(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActorSort {
    /// Grouped by kind (people first), most mentioned first within a kind.
    #[default]
    Kind,
    Mentions,
    Name,
}

impl ActorSort {
    pub fn label(self) -> &'static str {
        match self {
            ActorSort::Kind => "by kind",
            ActorSort::Mentions => "by mentions",
            ActorSort::Name => "by name",
        }
    }
}

/// A search of the text: matches as (section, byte range), in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub matches: Vec<(usize, Range<usize>)>,
    pub current: Option<usize>,
}

/// What a filter or search being typed applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputTarget {
    /// A list's filter, or the search in Text.
    Pane(Pane),
    /// The briefing picker's filter.
    Picker,
    /// The query of the library search view.
    Search,
    /// The filter of the library actors view.
    LibraryActors,
}

/// A filter or search being typed, and the state to go back to.
#[derive(Debug, Clone)]
pub struct Editing {
    pub target: InputTarget,
    before: Snapshot,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Everything history restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    briefing: usize,
    focus: Pane,
    section: Option<usize>,
    actor: Option<usize>,
    actor_cursor: Option<usize>,
    claim: Option<usize>,
    claims_by_actor: bool,
    filters: [String; 3],
    text_pos: (usize, usize),
    /// The exact first line, for the same screen size (`text_pos` for another).
    text_top: usize,
    mention: Option<usize>,
    size: Rect,
}

pub struct State {
    /// Every briefing listed, in the library's order; only a few are loaded.
    briefings: Vec<Slot>,
    pub current: usize,
    pub keymap: Keymap,
    pub theme: Theme,
    pub focus: Pane,
    pub size: Rect,
    pub areas: Areas,
    pub sections: ListView,
    pub actors: ListView,
    pub claims: ListView,
    /// The selected actor: its mentions are highlighted and its claims listed.
    pub actor: Option<usize>,
    /// The selected claim: emphasised in the text.
    pub claim: Option<usize>,
    /// With an actor selected, list only the claims involving it.
    pub claims_by_actor: bool,
    pub actor_sort: ActorSort,
    /// The mention of the selected actor reached with `n` / `N`.
    pub mention: Option<usize>,
    pub search: Option<Search>,
    /// First visible line of the text.
    pub text_top: usize,
    pub layout: TextLayout,
    pub message: Option<Message>,
    /// Briefings that exist only in memory (imported), by index.
    pub read_only: Vec<bool>,
    /// The TOML of briefings imported in memory, by index: written to a file
    /// the user names before their first edit.
    pub imported: Vec<Option<std::sync::Arc<str>>>,
    /// Where the article imported in memory came from (a file or an address,
    /// sanitised), for what the reader says about it; the reader then holds that
    /// one article.
    pub article_source: Option<String>,
    /// The annotations of each briefing, by index; `None` where there are none
    /// (read-only briefings, or a state built without them).
    pub stores: Vec<Option<crate::annotations::AnnotationStore>>,
    /// What is open over the panes, outermost first; see [`State::layer`].
    layers: Vec<Layer>,
    /// Where the reader was in each briefing it left, by index.
    positions: Vec<Option<Snapshot>>,
    /// The Claims pane shows only claims whose annotations pass this.
    pub annotation_filter: Option<crate::annotations::Filter>,
    /// The Claims pane shows only claims whose speaker is in doubt.
    pub doubt_only: bool,
    /// Of the current briefing's claims.
    pub claim_facts: ClaimFacts,
    /// I/O asked for by the last update, handed to the loop by [`State::update`].
    effect: Option<Effect>,
    /// Where the left button went down in the text, for a drag to select from.
    pressed: Option<(usize, usize)>,
    pub quit: bool,
    /// Edits from the reader: settings, undo and redo.
    pub session: EditSession,
    back: Vec<Snapshot>,
    forward: Vec<Snapshot>,
    /// The briefing being loaded by the event loop, and what to do when it arrives.
    loading: Option<(usize, shelf::Then)>,
    /// Briefings loaded on demand, least recently read first (see `shelf`).
    recent: Vec<usize>,
    /// The number of the latest library query; answers to earlier ones are dropped.
    library_generation: u64,
    /// The number of the latest query of each library view (search, timeline,
    /// actors); 0 when none is awaited.
    latest_query: [u64; 3],
    /// A list from a sync, waiting for no editor or question to be open.
    pending_list: Option<SyncedList>,
    /// How many briefings there are while only the first is listed.
    listing: Option<usize>,
    /// The picker was asked for before the whole list arrived.
    picker_wanted: bool,
}

impl State {
    pub fn new(briefings: Vec<LoadedBriefing>, keymap: Keymap, theme: Theme) -> State {
        State::with_slots(
            briefings.into_iter().map(Slot::loaded).collect(),
            0,
            keymap,
            theme,
        )
    }

    /// A state on a library list with only briefing `first` loaded (from the index).
    pub fn from_list(
        list: Vec<Listed>,
        first: usize,
        loaded: LoadedBriefing,
        keymap: Keymap,
        theme: Theme,
    ) -> State {
        let mut slots: Vec<Slot> = list
            .into_iter()
            .map(|listed| Slot { listed, loaded: None })
            .collect();
        let first = first.min(slots.len());
        match slots.get_mut(first) {
            Some(slot) => slot.loaded = Some(loaded),
            None => slots.push(Slot::loaded(loaded)),
        }
        let mut state = State::with_slots(slots, first, keymap, theme);
        state.recent.push(first);
        state
    }

    fn with_slots(briefings: Vec<Slot>, current: usize, keymap: Keymap, theme: Theme) -> State {
        let read_only = vec![false; briefings.len()];
        let mut state = State {
            briefings,
            current,
            keymap,
            theme,
            focus: Pane::Sections,
            size: Rect::new(0, 0, 120, 40),
            areas: Areas::default(),
            sections: ListView::default(),
            actors: ListView::default(),
            claims: ListView::default(),
            actor: None,
            claim: None,
            claims_by_actor: true,
            actor_sort: ActorSort::default(),
            mention: None,
            search: None,
            text_top: 0,
            layout: TextLayout::default(),
            message: None,
            stores: Vec::new(),
            layers: Vec::new(),
            positions: Vec::new(),
            annotation_filter: None,
            doubt_only: false,
            claim_facts: ClaimFacts::default(),
            effect: None,
            pressed: None,
            imported: Vec::new(),
            article_source: None,
            read_only,
            quit: false,
            session: EditSession::new(false, crate::load::DEFAULT_MAX_BYTES),
            back: Vec::new(),
            forward: Vec::new(),
            loading: None,
            recent: Vec::new(),
            library_generation: 0,
            latest_query: [0; 3],
            pending_list: None,
            listing: None,
            picker_wanted: false,
        };
        state.claim_facts = state.briefing().map(ClaimFacts::of).unwrap_or_default();
        state.refresh_lists();
        state.resize(120, 40);
        state
    }

    // ----- read access -----

    pub fn loaded(&self) -> Option<&LoadedBriefing> {
        self.loaded_at(self.current)
    }

    pub fn briefing(&self) -> Option<&Briefing> {
        self.loaded().map(|l| &l.briefing)
    }

    pub fn index(&self) -> Option<&Index> {
        self.loaded().map(|l| &l.index)
    }

    /// The section the reader is in: the Sections cursor.
    pub fn section(&self) -> Option<usize> {
        self.sections.selected()
    }

    pub fn list(&self, pane: Pane) -> Option<&ListView> {
        match pane {
            Pane::Sections => Some(&self.sections),
            Pane::Actors => Some(&self.actors),
            Pane::Claims => Some(&self.claims),
            Pane::Text => None,
        }
    }

    fn list_mut(&mut self, pane: Pane) -> Option<&mut ListView> {
        match pane {
            Pane::Sections => Some(&mut self.sections),
            Pane::Actors => Some(&mut self.actors),
            Pane::Claims => Some(&mut self.claims),
            Pane::Text => None,
        }
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }

    /// Visible rows of a list (the Claims list shares its pane with the claim's details).
    pub fn list_rows(&self, pane: Pane) -> usize {
        match pane {
            Pane::Claims => self.areas.rows(pane).saturating_sub(self.claims_detail_height()),
            pane => self.areas.rows(pane),
        }
    }

    /// The details of `claim` laid out for `width`; `full` for the popup.
    pub fn detail_rows(&self, claim: usize, width: usize, full: bool) -> Vec<Row> {
        let (Some(briefing), Some(index)) = (self.briefing(), self.index()) else {
            return Vec::new();
        };
        let source = details::Source {
            briefing,
            index,
            store: self.store(),
            keymap: &self.keymap,
            related_target: self.related_target(claim).map(|t| t.0),
        };
        details::rows(&source, claim, width, full)
    }

    /// The selected claim's details below the Claims list, when the pane has room.
    pub fn inline_details(&self) -> Vec<Row> {
        let pane = self.areas.claims;
        let (width, height) = (pane.width.saturating_sub(2), pane.height.saturating_sub(2));
        match self.claim {
            Some(c) if height >= 8 && width >= 20 => self.detail_rows(c, width as usize, false),
            _ => Vec::new(),
        }
    }

    /// Rows of the Claims pane given to the details: at most half.
    pub fn claims_detail_height(&self) -> usize {
        let half = self.areas.rows(Pane::Claims) / 2;
        self.inline_details().len().min(half)
    }

    /// Visible rows of the text pane.
    pub fn text_rows(&self) -> usize {
        self.areas.rows(Pane::Text).max(1)
    }

    fn max_top(&self) -> usize {
        self.layout.len().saturating_sub(self.text_rows())
    }

    /// The current position in the text, for `n` / `N`: the current mention, the selected
    /// claim if it is on screen, or the top of the view.
    fn reading_position(&self) -> (usize, usize, bool) {
        let Some(index) = self.index() else {
            return (0, 0, false);
        };
        if let (Some(a), Some(m)) = (self.actor, self.mention)
            && let Some(m) = index.actor_mentions.get(a).and_then(|ms| ms.get(m))
        {
            return (m.section, m.range.start, true);
        }
        if let Some(c) = self.claim
            && let (Some(Some(s)), Some(Some(span))) = (index.claim_section.get(c), index.claim_span.get(c))
        {
            let line = self.layout.line_of(*s, span.start);
            if line >= self.text_top && line < self.text_top + self.text_rows() {
                return (*s, span.start, true);
            }
        }
        let (s, b) = self.layout.position(self.text_top);
        (s, b, false)
    }

    // ----- lists -----

    fn section_rows(&self) -> Vec<usize> {
        let Some(b) = self.briefing() else {
            return Vec::new();
        };
        let filter = fold(&self.sections.filter).to_lowercase();
        (0..b.sections.len())
            .filter(|&s| filter.is_empty() || fold(&section_label(b, s)).to_lowercase().contains(&filter))
            .collect()
    }

    fn actor_rows(&self) -> Vec<usize> {
        let (Some(b), Some(index)) = (self.briefing(), self.index()) else {
            return Vec::new();
        };
        let filter = fold(&self.actors.filter).to_lowercase();
        let mut rows: Vec<usize> = (0..b.actors.len())
            .filter(|&a| {
                let actor = &b.actors[a];
                filter.is_empty()
                    || actor
                        .surface_forms()
                        .any(|f| fold(f).to_lowercase().contains(&filter))
                    || actor.kind.as_str().starts_with(&filter)
            })
            .collect();
        let mentions = |a: usize| index.actor_mentions.get(a).map_or(0, Vec::len);
        let name = |a: usize| b.actors[a].name.to_lowercase();
        match self.actor_sort {
            ActorSort::Kind => rows.sort_by(|&x, &y| {
                (b.actors[x].kind, std::cmp::Reverse(mentions(x)), name(x)).cmp(&(
                    b.actors[y].kind,
                    std::cmp::Reverse(mentions(y)),
                    name(y),
                ))
            }),
            ActorSort::Mentions => rows.sort_by(|&x, &y| {
                (std::cmp::Reverse(mentions(x)), name(x)).cmp(&(std::cmp::Reverse(mentions(y)), name(y)))
            }),
            ActorSort::Name => rows.sort_by_key(|&a| name(a)),
        }
        rows
    }

    fn claim_rows(&self) -> Vec<usize> {
        let (Some(b), Some(index)) = (self.briefing(), self.index()) else {
            return Vec::new();
        };
        let base = match self.actor {
            Some(a) if self.claims_by_actor => index.claims_involving(a),
            _ => index.claims_in_reading_order(),
        };
        let base = match (&self.annotation_filter, self.store()) {
            (Some(f), Some(store)) => store.filter(&base, f),
            _ => base,
        };
        let base = if self.doubt_only {
            base.into_iter()
                .filter(|&c| b.claims[c].doubt.is_some())
                .collect()
        } else {
            base
        };
        let filter = fold(&self.claims.filter).to_lowercase();
        if filter.is_empty() {
            return base;
        }
        base.into_iter()
            .filter(|&c| {
                let claim = &b.claims[c];
                let speaker = crate::model::speaker_name(b, claim);
                fold(&format!("{speaker} {} {}", claim.kind, claim.text))
                    .to_lowercase()
                    .contains(&filter)
            })
            .collect()
    }

    /// Recomputes every list from the filters, keeping selections where possible.
    fn refresh_lists(&mut self) {
        let rows = self.section_rows();
        let keep = self.sections.selected();
        self.sections.set_rows(rows, keep);
        let rows = self.actor_rows();
        let keep = self.actors.selected();
        self.actors.set_rows(rows, self.actor.or(keep));
        let rows = self.claim_rows();
        let keep = self.claims.selected();
        self.claims.set_rows(rows, self.claim.or(keep));
        if let Some(c) = self.claim
            && !self.claims.rows.contains(&c)
        {
            self.claim = None;
        }
    }

    // ----- layout -----

    pub fn resize(&mut self, width: u16, height: u16) {
        let was_visible = self.current_target_visible();
        self.size = Rect::new(0, 0, width, height);
        self.ensure_layout();
        if was_visible {
            // What was being looked at stays in view at the new size.
            self.reveal_current();
        }
    }

    /// Whether the current mention (or else the selected claim) is on screen.
    fn current_target_visible(&self) -> bool {
        match self.current_target() {
            Some((s, range)) => {
                let lines = self.layout.lines_of(s, &range);
                lines.start >= self.text_top && lines.start < self.text_top + self.text_rows()
            }
            None => false,
        }
    }

    fn current_target(&self) -> Option<(usize, Range<usize>)> {
        let index = self.index()?;
        match (self.actor, self.mention, self.claim) {
            (Some(a), Some(m), _) => index
                .actor_mentions
                .get(a)
                .and_then(|ms| ms.get(m))
                .map(|m| (m.section, m.range.clone())),
            (_, _, Some(c)) => index
                .claim_section
                .get(c)
                .copied()
                .flatten()
                .zip(index.claim_span.get(c).cloned().flatten()),
            _ => None,
        }
    }

    /// Re-wraps the text when the width or the briefing changed, keeping the position.
    fn ensure_layout(&mut self) {
        let sections = self.briefing().map_or(0, |b| b.sections.len());
        self.areas = Areas::new(self.size, self.focus, sections);
        let width = text_width_for(self.size, sections).max(1);
        if self.areas.too_small {
            // Only "too small" is shown: keep the layout for when the screen grows.
            return;
        }
        if self.layout.width != width || self.layout.sections() != sections {
            let pos = self.layout.position(self.text_top);
            let briefing = self
                .briefings
                .get(self.current)
                .and_then(|s| s.loaded.as_ref())
                .map(|l| &l.briefing);
            match briefing {
                Some(b) if self.layout.sections() == sections => self.layout.set_width(b, width),
                Some(b) => self.layout = TextLayout::build(b, width),
                None => self.layout = TextLayout::default(),
            }
            if let Some(b) = briefing {
                self.layout.wrap_at(b, pos);
            }
            self.text_top = self.layout.line_at(pos);
        }
        // A big text is wrapped lazily: around the view, before and after clamping.
        self.settle_text();
        self.clamp_views();
        self.settle_text();
    }

    /// The line of a position, wrapping its part of a lazy layout first.
    fn exact_line_at(&mut self, pos: (usize, usize)) -> usize {
        if let Some(loaded) = self.briefings.get(self.current).and_then(|s| s.loaded.as_ref()) {
            self.layout.wrap_at(&loaded.briefing, pos);
        }
        self.layout.line_at(pos)
    }

    fn settle_text(&mut self) {
        let rows = self.text_rows();
        if let Some(loaded) = self.briefings.get(self.current).and_then(|s| s.loaded.as_ref()) {
            self.layout.settle(&loaded.briefing, &mut self.text_top, rows);
        }
    }

    fn clamp_views(&mut self) {
        self.text_top = self.text_top.min(self.max_top());
        for pane in [Pane::Sections, Pane::Actors, Pane::Claims] {
            let rows = self.list_rows(pane);
            if let Some(list) = self.list_mut(pane) {
                list.scroll_into_view(rows);
            }
        }
        let picker_rows = (self.size.height as usize).saturating_sub(8).max(1);
        if let Some(picker) = self.picker_mut() {
            picker.scroll_into_view(picker_rows);
        }
    }

    /// Scrolls so lines of `range` in `section` are in view (a quarter down if they were not).
    fn reveal(&mut self, section: usize, range: &Range<usize>) {
        if let Some(loaded) = self.briefings.get(self.current).and_then(|s| s.loaded.as_ref()) {
            self.layout.wrap_at(&loaded.briefing, (section, range.start));
        }
        let lines = self.layout.lines_of(section, range);
        let rows = self.text_rows();
        if lines.start < self.text_top || lines.end > self.text_top + rows {
            self.text_top = lines.start.saturating_sub(rows / 4);
        }
        self.text_top = self.text_top.min(self.max_top());
    }

    // ----- history -----

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            briefing: self.current,
            focus: self.focus,
            section: self.sections.selected(),
            actor: self.actor,
            actor_cursor: self.actors.selected(),
            claim: self.claim,
            claims_by_actor: self.claims_by_actor,
            filters: [
                self.sections.filter.clone(),
                self.actors.filter.clone(),
                self.claims.filter.clone(),
            ],
            text_pos: self.layout.position(self.text_top),
            text_top: self.text_top,
            mention: self.mention,
            size: self.size,
        }
    }

    fn restore(&mut self, snap: Snapshot) {
        if snap.briefing != self.current {
            if self.loaded_at(snap.briefing).is_none() {
                let i = snap.briefing;
                self.with_briefing(i, Box::new(move |s: &mut State| s.restore(snap)));
                return;
            }
            self.touch(snap.briefing);
            self.keep_position();
            self.switch_to(snap.briefing);
        }
        self.focus = snap.focus;
        let [s, a, c] = snap.filters;
        self.sections.filter = s;
        self.actors.filter = a;
        self.claims.filter = c;
        self.actor = snap.actor;
        self.claim = snap.claim;
        self.claims_by_actor = snap.claims_by_actor;
        self.refresh_lists();
        if let Some(s) = snap.section {
            self.sections.select_item(s);
        }
        if let Some(a) = snap.actor.or(snap.actor_cursor) {
            self.actors.select_item(a);
        }
        if let Some(c) = snap.claim {
            self.claims.select_item(c);
        }
        self.mention = snap.mention;
        self.ensure_layout();
        // A lazy layout's line numbers move as more of it is wrapped: go by position.
        self.text_top = if snap.size == self.size && self.layout.is_exact() {
            snap.text_top
        } else {
            self.exact_line_at(snap.text_pos)
        }
        .min(self.max_top());
        if snap.size != self.size {
            // Another screen size: keep what was being looked at in view.
            self.reveal_current();
        }
    }

    /// Brings the current mention, or else the selected claim, into view.
    fn reveal_current(&mut self) {
        if let Some((s, range)) = self.current_target() {
            self.reveal(s, &range);
        }
    }

    /// Records the current place before a jump.
    fn push_history(&mut self) {
        let snap = self.snapshot();
        if self.back.last() != Some(&snap) {
            self.back.push(snap);
        }
        self.forward.clear();
    }

    fn go_back(&mut self) {
        match self.back.pop() {
            Some(snap) => {
                self.forward.push(self.snapshot());
                self.restore(snap);
                self.info(format!("back ({} more)", self.back.len()));
            }
            None => self.info("at the start of the history"),
        }
    }

    fn go_forward(&mut self) {
        match self.forward.pop() {
            Some(snap) => {
                self.back.push(self.snapshot());
                self.restore(snap);
                self.info(format!("forward ({} more)", self.forward.len()));
            }
            None => self.info("at the end of the history"),
        }
    }

    // ----- selection rules -----

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// A section was selected: the text scrolls to it.
    fn section_selected(&mut self) {
        if let Some(s) = self.sections.selected() {
            self.text_top = self.layout.section_first(s).unwrap_or(0).min(self.max_top());
            self.mention = None;
            self.show_section_claims(s);
        }
    }

    /// With no claim selected, the Claims pane scrolls to the section's first claim,
    /// so the marks of the section's claims are in view.
    fn show_section_claims(&mut self, s: usize) {
        if self.claim.is_some() {
            return;
        }
        let Some(index) = self.index() else { return };
        let first = self
            .claims
            .rows
            .iter()
            .position(|&c| index.claim_section.get(c).copied().flatten() == Some(s));
        if let Some(row) = first {
            let height = self.list_rows(Pane::Claims).max(1);
            self.claims.cursor = row;
            self.claims.offset = row.min(self.claims.rows.len().saturating_sub(height));
        }
    }

    /// An actor was selected: its mentions light up and the claims follow it.
    fn actor_selected(&mut self) {
        let actor = self.actors.selected();
        if actor != self.actor {
            self.actor = actor;
            self.mention = None;
            self.refresh_lists();
        }
    }

    /// A claim was selected: the text scrolls to it and the reader is in its section.
    fn claim_selected(&mut self) {
        self.claim = self.claims.selected();
        self.mention = None;
        let Some(c) = self.claim else { return };
        let Some(index) = self.index() else { return };
        let (Some(Some(s)), Some(span)) = (
            index.claim_section.get(c).copied(),
            index.claim_span.get(c).cloned(),
        ) else {
            return;
        };
        self.sections.select_item(s);
        match span {
            Some(span) => self.reveal(s, &span),
            None => self.text_top = self.layout.section_first(s).unwrap_or(0).min(self.max_top()),
        }
    }

    fn selection_changed(&mut self, pane: Pane) {
        match pane {
            Pane::Sections => self.section_selected(),
            Pane::Actors => self.actor_selected(),
            Pane::Claims => self.claim_selected(),
            Pane::Text => {}
        }
    }

    /// The Sections cursor follows the text when it is scrolled by hand.
    fn text_scrolled(&mut self) {
        self.mention = None;
        let s = self.layout.section_at(self.text_top);
        if self.sections.selected() != Some(s) {
            self.sections.select_item(s);
            self.show_section_claims(s);
        }
    }

    fn scroll_text(&mut self, delta: isize) {
        let top = self.text_top as isize + delta;
        self.text_top = (top.max(0) as usize).min(self.max_top());
        self.text_scrolled();
    }

    fn move_cursor(&mut self, pane: Pane, to: impl FnOnce(&ListView) -> isize) {
        let Some(list) = self.list_mut(pane) else { return };
        let before = list.selected();
        let target = to(list);
        list.move_to(target);
        let changed = list.selected() != before;
        // Moving onto the actor under the cursor selects it even if the cursor stayed.
        let unselected =
            pane == Pane::Actors && self.actor.is_none() || pane == Pane::Claims && self.claim.is_none();
        if changed || unselected {
            self.selection_changed(pane);
        }
    }

    fn movement(&mut self, command: Command) {
        let page = match self.focus {
            Pane::Text => self.text_rows(),
            pane => self.list_rows(pane).max(1),
        } as isize;
        let delta = match command {
            Command::Down => 1,
            Command::Up => -1,
            Command::PageDown => page.saturating_sub(1).max(1),
            Command::PageUp => -(page.saturating_sub(1).max(1)),
            Command::HalfPageDown => (page / 2).max(1),
            Command::HalfPageUp => -(page / 2).max(1),
            Command::Top => isize::MIN / 2,
            Command::Bottom => isize::MAX / 2,
            _ => 0,
        };
        match self.focus {
            Pane::Text => self.scroll_text(delta),
            pane => self.move_cursor(pane, |l| l.cursor as isize + delta),
        }
    }

    fn set_focus(&mut self, pane: Pane) {
        self.focus = pane;
        self.ensure_layout();
    }

    // ----- follow -----

    // ----- mentions and search -----

    // ----- filters -----

    /// Esc outside editing: the innermost thing goes first.
    fn clear(&mut self) {
        match self.focus {
            Pane::Text => {
                if self.search.take().is_some() {
                    self.info("search cleared");
                } else if self.mention.take().is_some() {
                } else {
                    self.clear_actor();
                }
            }
            pane => {
                let filtered = self.list(pane).is_some_and(|l| !l.filter.is_empty());
                if filtered {
                    if let Some(list) = self.list_mut(pane) {
                        list.filter.clear();
                    }
                    self.refresh_lists();
                    self.info("filter cleared");
                } else if pane == Pane::Claims && self.doubt_only {
                    self.doubt_only = false;
                    self.refresh_lists();
                    self.info("doubt filter cleared");
                } else if pane == Pane::Claims && self.annotation_filter.is_some() {
                    self.annotation_filter = None;
                    self.refresh_lists();
                    self.info("annotation filter cleared");
                } else if pane == Pane::Claims && self.claim.is_some() {
                    self.claim = None;
                } else {
                    self.clear_actor();
                }
            }
        }
    }

    /// `D`: only the claims whose speaker is in doubt, or all again.
    fn toggle_doubt_filter(&mut self) {
        let doubtful = self.claim_facts.doubtful;
        if !self.doubt_only && doubtful == 0 {
            self.info("no claim's speaker is in doubt in this briefing");
            return;
        }
        self.doubt_only = !self.doubt_only;
        self.refresh_lists();
        self.set_focus(Pane::Claims);
        if self.doubt_only {
            let shown = self.claims.rows.len();
            self.info(format!(
                "claims in doubt: {shown} shown of {doubtful} (the details say why; {} again for all)",
                self.keymap.first(Command::DoubtFilter)
            ));
            if self.claims.selected().is_some() {
                self.claim_selected();
            }
        } else {
            self.info("claims: all (doubt filter off)");
        }
    }

    fn clear_actor(&mut self) {
        if self.actor.take().is_some() {
            self.mention = None;
            self.refresh_lists();
            self.info("no actor selected: all claims");
        }
    }

    // ----- briefings -----

    fn switch_to(&mut self, i: usize) {
        if i >= self.briefings.len() {
            return;
        }
        self.current = i;
        self.claim_facts = self.briefing().map(ClaimFacts::of).unwrap_or_default();
        self.annotation_filter = None;
        self.doubt_only = false;
        self.close(LayerKind::Reattach);
        self.actor = None;
        self.claim = None;
        self.mention = None;
        self.search = None;
        self.sections = ListView::default();
        self.actors = ListView::default();
        self.claims = ListView::default();
        self.text_top = 0;
        self.layout = TextLayout::default();
        self.refresh_lists();
        self.ensure_layout();
    }

    /// Opens briefing `i` where the reader left it (the position of each briefing is
    /// kept), and says what is worth knowing about it.
    pub fn open_briefing(&mut self, i: usize) {
        if i >= self.briefings.len() || i == self.current {
            return;
        }
        if self.loaded_at(i).is_none() {
            self.with_briefing(i, Box::new(move |s: &mut State| s.open_briefing(i)));
            return;
        }
        self.touch(i);
        self.keep_position();
        match self.positions.get_mut(i).and_then(Option::take) {
            Some(snap) => self.restore(snap),
            None => self.switch_to(i),
        }
        let title = self.briefing().map(|b| b.title.clone()).unwrap_or_default();
        self.info(format!("opened: {title}"));
        if let Some(notice) = self.open_notice() {
            self.message = Some(notice);
        }
    }

    /// Records where the reader is in the current briefing, for its next visit.
    fn keep_position(&mut self) {
        if self.positions.len() < self.briefings.len() {
            self.positions.resize(self.briefings.len(), None);
        }
        let snap = self.snapshot();
        if let Some(slot) = self.positions.get_mut(self.current) {
            *slot = Some(snap);
        }
    }

    fn open_picker(&mut self) {
        if self.listing.is_some_and(|n| n > self.briefings.len()) {
            // Opened as soon as the list arrives.
            self.picker_wanted = true;
            self.info("reading the library's list…");
            return;
        }
        if self.briefings.len() < 2 {
            self.info("only one briefing is loaded");
            return;
        }
        let mut picker = ListView {
            rows: picker_rows(&self.briefings, ""),
            ..ListView::default()
        };
        picker.select_item(self.current);
        self.push_layer(Layer::Picker(picker));
    }

    fn picker_command(&mut self, command: Command) {
        let page = (self.size.height as usize).saturating_sub(8);
        let Some(picker) = self.picker_mut() else { return };
        if let Some(to) = moved(picker.cursor, picker.rows.len(), command, page) {
            picker.cursor = to;
            return;
        }
        match command {
            Command::Follow => {
                let chosen = picker.selected();
                self.close(LayerKind::Picker);
                if let Some(i) = chosen
                    && i != self.current
                {
                    self.push_history();
                    self.open_briefing(i);
                }
            }
            Command::Filter => self.start_filter(),
            Command::Clear | Command::Picker | Command::Quit => self.close(LayerKind::Picker),
            Command::Help => self.push_layer(Layer::Help { scroll: 0 }),
            _ => {}
        }
    }

    // ----- update -----

    /// Applies one action. The only way the state changes. Returns the I/O the
    /// event loop should perform, whose outcome comes back as `Action::Done`.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        // Answers from the library worker arrive unasked: they keep the message.
        match action {
            Action::Answer { generation, action } => return self.library_answer(generation, *action),
            Action::Synced(synced) => {
                self.synced(*synced);
                self.ensure_layout();
                return self.effect.take();
            }
            _ => {}
        }
        if !matches!(action, Action::Resize { .. }) {
            self.message = None;
        }
        let Some(action) = self.edit_layer_action(action) else {
            self.ensure_layout();
            return self.effect.take();
        };
        match action {
            Action::Answer { .. } | Action::Synced(_) => {}
            Action::Loaded(loaded) => self.arrived_file(*loaded),
            Action::Edited(edited) => self.edited(*edited),
            Action::SavedAs(saved) => self.saved_as(*saved),
            Action::EditorKey(input) => self.editor_key(input),
            Action::EditorPaste(text) => self.editor_paste(&text),
            Action::Confirm(yes) => self.answer(yes),
            Action::Done(outcome) => self.done(*outcome),
            Action::Found(found) => self.found(*found),
            Action::Dated(dated) => self.dated(*dated),
            Action::Identities(answer) => self.identities(*answer),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Input(c) => self.edit_input(|s| s.push(c)),
            Action::Paste(text) => {
                let text: String = crate::text::sanitize(&text)
                    .chars()
                    .filter(|c| *c != '\n')
                    .collect();
                self.edit_input(|s| s.push_str(&text));
            }
            Action::InputBackspace => self.edit_input(|s| {
                s.pop();
            }),
            Action::InputAccept => self.accept_input(),
            Action::InputCancel => self.cancel_input(),
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, down } => self.wheel(column, row, down),
            Action::Drag { column, row } => self.drag_to(column, row),
            Action::Command(command) => self.command(command),
        }
        if self.pending_list.is_some() {
            self.apply_list();
        }
        self.ensure_layout();
        self.number_query();
        self.effect.take()
    }

    /// A command goes to the layer on top: see [`State::layer`].
    fn command(&mut self, command: Command) {
        if (command.in_editor() && self.layer() != LayerKind::Editor)
            || (command.in_menu() && self.layer() != LayerKind::Menu)
        {
            return;
        }
        match self.layer() {
            LayerKind::Panes => self.panes_command(command),
            LayerKind::Reattach => self.reattach_command(command),
            LayerKind::Help => self.help_command(command),
            LayerKind::Picker => self.picker_command(command),
            LayerKind::Orphans => self.orphans_command(command),
            LayerKind::Details => self.details_command(command),
            LayerKind::Search => self.search_command(command),
            LayerKind::Timeline => self.timeline_command(command),
            LayerKind::LibraryActors => self.library_actors_command(command),
            LayerKind::Editor => self.editor_command(command),
            LayerKind::Select => self.select_command(command),
            LayerKind::Menu => self.menu_command(command),
            LayerKind::ActorPick => self.pick_command(command),
            // Keys are text while typing (see `ui::translate`); Ctrl-c still quits.
            LayerKind::Input | LayerKind::Prompt => self.quit |= command == Command::Quit,
            // Answered with y / n only.
            LayerKind::Confirm => {}
        }
    }

    /// A command in the panes.
    fn panes_command(&mut self, command: Command) {
        match command {
            Command::Quit => self.quit = true,
            // The terminal's business: the event loop suspends before `update` sees it.
            Command::Suspend => {}
            Command::Help => self.push_layer(Layer::Help { scroll: 0 }),
            Command::FocusNext => self.set_focus(self.focus.next()),
            Command::FocusPrev => self.set_focus(self.focus.prev()),
            Command::FocusSections => self.set_focus(Pane::Sections),
            Command::FocusActors => self.set_focus(Pane::Actors),
            Command::FocusClaims => self.set_focus(Pane::Claims),
            Command::FocusText => self.set_focus(Pane::Text),
            Command::Down
            | Command::Up
            | Command::Top
            | Command::Bottom
            | Command::PageDown
            | Command::PageUp
            | Command::HalfPageDown
            | Command::HalfPageUp => self.movement(command),
            Command::Follow => self.follow(),
            Command::Back => self.go_back(),
            Command::Forward => self.go_forward(),
            Command::Filter => self.start_filter(),
            Command::Clear => self.clear(),
            Command::NextMatch => self.next_match(true),
            Command::PrevMatch => self.next_match(false),
            Command::ToggleClaimFilter => self.toggle_claim_filter(),
            Command::SortActors => self.cycle_actor_sort(),
            Command::FollowRelated => self.follow_related(),
            Command::Picker => self.open_picker(),
            Command::Annotate => self.open_claim_editor(),
            Command::AnnotationFilter => self.cycle_annotation_filter(),
            Command::Orphans => self.open_orphans(),
            Command::Search => self.open_search(),
            Command::Timeline => self.open_timeline(),
            Command::LibraryActors => self.open_library_actors(),
            Command::Mark | Command::Merge | Command::Split => {
                let key = self.keymap.first(Command::LibraryActors);
                self.info(format!(
                    "marking, merging and splitting actors is done in Library actors ({key})"
                ));
            }
            Command::GradeActor => self.open_actor_editor(),
            Command::Details => self.open_details(),
            Command::DoubtFilter => self.toggle_doubt_filter(),
            Command::Select => self.start_selection(),
            Command::AddClaim => self.add_claim_from_panes(),
            Command::SelectRight
            | Command::SelectLeft
            | Command::SelectNextSentence
            | Command::SelectPrevSentence
            | Command::SelectOtherEnd => {}
            Command::Edit => self.open_edit(),
            Command::Undo => self.restore_step(Direction::Undo),
            Command::Redo => self.restore_step(Direction::Redo),
            // The editors' and the menus' own (see `command`).
            Command::EditorSave
            | Command::EditorCancel
            | Command::EditorNextField
            | Command::EditorPrevField
            | Command::EditorDelete
            | Command::ClaimSpeaker
            | Command::ClaimKind
            | Command::ClaimDate
            | Command::ClaimVia
            | Command::ClaimChecked
            | Command::ClaimDelete
            | Command::ActorName
            | Command::ActorAliases
            | Command::ActorKind
            | Command::ActorRole
            | Command::ActorMerge
            | Command::ActorDelete
            | Command::KindQuote
            | Command::KindParaphrase
            | Command::KindReport
            | Command::KindPerson
            | Command::KindState
            | Command::KindOrganisation
            | Command::KindGroup
            | Command::KindOther => {}
        }
    }

    /// Claims: the selected actor's only, or all.
    fn toggle_claim_filter(&mut self) {
        self.claims_by_actor = !self.claims_by_actor;
        self.refresh_lists();
        let text = match (self.claims_by_actor, self.actor) {
            (true, Some(_)) => "claims: the selected actor's only",
            (true, None) => "claims: the selected actor's only (select an actor)",
            (false, _) => "claims: all",
        };
        self.info(text);
    }

    /// Actors sorted by kind, then mentions, then name.
    fn cycle_actor_sort(&mut self) {
        self.actor_sort = match self.actor_sort {
            ActorSort::Kind => ActorSort::Mentions,
            ActorSort::Mentions => ActorSort::Name,
            ActorSort::Name => ActorSort::Kind,
        };
        self.refresh_lists();
        self.info(format!("actors {}", self.actor_sort.label()));
    }

    /// `c` outside a selection starts one: the claim's words are chosen first.
    fn add_claim_from_panes(&mut self) {
        self.start_selection();
        if self.selection().is_some() {
            let add = self.keymap.first(Command::AddClaim);
            self.info(format!("select the words of the claim, then {add}"));
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "Lead" or the heading: how the Sections pane names a section.
pub fn section_label(b: &Briefing, s: usize) -> String {
    match b.sections.get(s).and_then(|x| x.heading.as_deref()) {
        Some(h) => h.to_string(),
        None if s == 0 => "Lead".to_string(),
        None => format!("Section {}", s + 1),
    }
}

fn picker_rows(briefings: &[Slot], filter: &str) -> Vec<usize> {
    let filter = fold(filter).to_lowercase();
    (0..briefings.len())
        .filter(|&i| {
            let b = &briefings[i].listed;
            filter.is_empty()
                || fold(&format!("{} {} {}", b.title, b.publisher, b.id))
                    .to_lowercase()
                    .contains(&filter)
        })
        .collect()
}

/// Case-insensitive matches of `query` in every section, in reading order.
pub fn find_all(b: &Briefing, query: &str) -> Vec<(usize, Range<usize>)> {
    let needle: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (s, section) in b.sections.iter().enumerate() {
        let hay: Vec<(usize, char)> = section
            .text
            .char_indices()
            .map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(c)))
            .collect();
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if hay[i..i + needle.len()]
                .iter()
                .zip(&needle)
                .all(|((_, h), n)| h == n)
            {
                let start = hay[i].0;
                let end = hay
                    .get(i + needle.len())
                    .map_or(section.text.len(), |(at, _)| *at);
                out.push((s, start..end));
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
    out
}
