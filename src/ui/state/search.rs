//! The library search view: a query typed in the status bar, run against the
//! library index by the event loop (`Effect::Search`), its ranked hits listed
//! full-screen; Enter opens a hit's briefing at the hit, Back returns.

use std::ops::Range;

use crate::library::query::Hit;
use crate::ui::action::{Command, Pane};

use super::layer::{Layer, LayerKind, layer_data};
use super::listing::{Shape, moved};
use super::{Editing, Effect, InputTarget, Search, State};

/// How the view lays out its hits: three lines each (briefing, where, snippet).
pub const HITS: Shape = Shape { heading: 0, lines: 3 };

/// How many hits a search in the reader lists at most.
pub const SEARCH_LIMIT: usize = 200;

/// The search view's data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchView {
    /// The query being typed, or the one whose hits are shown.
    pub query: String,
    /// The query the hits are for (empty before the first search).
    pub ran: String,
    pub hits: Vec<Hit>,
    pub cursor: usize,
    /// Waiting for the event loop to answer.
    pub pending: bool,
}

/// What a search found, or why it could not run (one line, for the status bar).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub query: String,
    pub hits: Result<Vec<Hit>, String>,
}

// The scores are finite numbers from SQLite; equality is only used by tests.
impl Eq for Found {}

layer_data!(
    /// The search view, if open.
    search_view, search_view_mut, Search, SearchView
);

impl State {
    /// `S`: opens the search view (if it is not open) and the prompt for a query.
    pub(super) fn open_search(&mut self) {
        if self.search_view().is_none() {
            self.push_layer(Layer::Search(SearchView::default()));
        }
        if let Some(view) = self.search_view_mut() {
            view.query.clear();
        }
        let before = self.snapshot();
        self.push_layer(Layer::Input(Editing {
            target: InputTarget::Search,
            before,
        }));
    }

    /// Enter on the prompt: asks the event loop to run the query.
    pub(super) fn accept_search(&mut self) {
        let Some(view) = self.search_view_mut() else {
            return;
        };
        let query = view.query.trim().to_string();
        if query.is_empty() {
            if view.ran.is_empty() {
                self.close(LayerKind::Search);
            } else {
                view.query = view.ran.clone();
            }
            return;
        }
        view.pending = true;
        self.effect = Some(Effect::Search { query: query.clone() });
        self.info(format!("searching the library for {query}…"));
    }

    /// Esc on the prompt: back to the hits shown, or out of the view if there are none.
    pub(super) fn cancel_search(&mut self) {
        let Some(view) = self.search_view_mut() else {
            return;
        };
        if view.ran.is_empty() {
            self.close(LayerKind::Search);
        } else {
            view.query = view.ran.clone();
        }
    }

    /// The event loop's answer.
    pub(super) fn found(&mut self, found: Found) {
        let Some(view) = self.search_view_mut() else {
            return;
        };
        view.pending = false;
        match found.hits {
            Ok(hits) => {
                let n = hits.len();
                view.ran = found.query.clone();
                view.query = found.query.clone();
                view.hits = hits;
                view.cursor = 0;
                let text = match n {
                    0 => format!("nothing found for {}", found.query),
                    1 => format!("1 hit for {}", found.query),
                    n => format!("{n} hits for {}", found.query),
                };
                self.info(text);
            }
            Err(message) => {
                if view.ran.is_empty() {
                    self.close(LayerKind::Search);
                }
                self.warn(message);
            }
        }
    }

    /// Keys in the search view.
    pub(super) fn search_command(&mut self, command: Command) {
        let page = HITS.page(self.size);
        let Some(view) = self.search_view_mut() else {
            return;
        };
        if let Some(to) = moved(view.cursor, view.hits.len(), command, page) {
            view.cursor = to;
            return;
        }
        match command {
            Command::Follow => self.open_hit(),
            Command::Search | Command::Filter => self.open_search(),
            Command::Clear | Command::Quit => self.close(LayerKind::Search),
            Command::Help => self.push_layer(Layer::Help { scroll: 0 }),
            _ => {}
        }
    }

    /// A click on a hit opens it.
    pub(super) fn click_search(&mut self, column: u16, row: u16) {
        let Some(view) = self.search_view() else { return };
        let at = HITS.item_at(self.size, view.cursor, view.hits.len(), column, row);
        if let (Some(at), Some(view)) = (at, self.search_view_mut()) {
            view.cursor = at;
            self.open_hit();
        }
    }

    /// Enter on a hit: its briefing, at the claim, actor or place in the section.
    fn open_hit(&mut self) {
        let Some(hit) = self.search_view().and_then(|v| v.hits.get(v.cursor)).cloned() else {
            return;
        };
        let id = hit.briefing.clone();
        self.enter_library_briefing(
            LayerKind::Search,
            &id,
            Box::new(move |s: &mut State| s.land_on_hit(&hit)),
        );
    }

    /// In the hit's briefing: selects the claim, actor or place in the section.
    fn land_on_hit(&mut self, hit: &Hit) {
        let Some(briefing) = self.briefing() else { return };
        let claim = hit
            .claim
            .as_ref()
            .and_then(|id| briefing.claims.iter().position(|c| &c.id == id));
        let actor = hit
            .actor
            .as_ref()
            .and_then(|id| briefing.actors.iter().position(|a| &a.id == id));
        let section = hit
            .section
            .as_ref()
            .and_then(|id| briefing.sections.iter().position(|s| &s.id == id));
        if let Some(c) = claim {
            self.land_on_claim(c);
        } else if let Some(a) = actor {
            self.focus = Pane::Actors;
            self.show_all(Pane::Actors, a);
            self.actor_selected();
        } else if let Some(s) = section {
            let len = hit.snippet.hits.first().map_or(1, |h| h.len());
            self.land_in_section(s, hit.offset.map(|at| at..at + len), hit);
        }
        self.arrived(&hit.title);
    }

    /// Closes the `closing` view and opens the briefing `id` (loading it first if
    /// need be), history pushed so Back returns, then runs `then` there; a message
    /// if the reader does not list it.
    pub(super) fn enter_library_briefing(&mut self, closing: LayerKind, id: &str, then: super::shelf::Then) {
        let Some(b) = (0..self.briefing_count()).find(|&i| self.listed(i).is_some_and(|l| l.id == id)) else {
            self.warn(format!(
                "{} is in the library but not loaded in this reader",
                crate::text::sanitize(id)
            ));
            return;
        };
        self.close(closing);
        self.push_history();
        self.with_briefing(
            b,
            Box::new(move |s: &mut State| {
                s.open_briefing(b);
                then(s);
            }),
        );
    }

    /// Says where a library view led, and how to go back.
    pub(super) fn arrived(&mut self, title: &str) {
        self.info(format!(
            "{} · {} goes back to where you were",
            crate::text::sanitize(title),
            self.keymap.first(Command::Back)
        ));
    }

    pub(super) fn land_on_claim(&mut self, c: usize) {
        self.focus = Pane::Claims;
        if !self.claims.select_item(c) {
            self.actor = None;
            self.doubt_only = false;
            self.annotation_filter = None;
            self.claims.filter.clear();
            self.refresh_lists();
            self.claims.select_item(c);
        }
        self.claim_selected();
    }

    /// Shows the hit in the section, marked as the current match of a text search
    /// (so `n` / `N` and Esc work as usual).
    fn land_in_section(&mut self, s: usize, range: Option<Range<usize>>, hit: &Hit) {
        self.focus = Pane::Text;
        self.show_all(Pane::Sections, s);
        let text = self
            .briefing()
            .and_then(|b| b.sections.get(s))
            .map(|x| x.text.as_str());
        let range = range.filter(|r| text.is_some_and(|t| t.get(r.clone()).is_some()));
        match range {
            Some(range) => {
                let word = hit
                    .snippet
                    .hits
                    .first()
                    .and_then(|h| hit.snippet.text.get(h.clone()))
                    .unwrap_or_default()
                    .to_string();
                self.ensure_layout();
                self.reveal(s, &range);
                self.search = Some(Search {
                    query: word,
                    matches: vec![(s, range)],
                    current: Some(0),
                });
            }
            None => self.section_selected(),
        }
    }

    /// Selects `item` in `pane`'s list, dropping its filter if that hides it.
    fn show_all(&mut self, pane: Pane, item: usize) {
        let shown = self.list_mut(pane).is_some_and(|l| l.select_item(item));
        if !shown {
            if let Some(list) = self.list_mut(pane) {
                list.filter.clear();
            }
            self.refresh_lists();
            if let Some(list) = self.list_mut(pane) {
                list.select_item(item);
            }
        }
    }
}
