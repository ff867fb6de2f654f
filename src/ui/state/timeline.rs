//! The library timeline view: dated claims across the library in date order,
//! loaded by the event loop from the index (`Effect::Timeline`); Enter opens the
//! claim in its briefing, Back returns.

use crate::library::views::ClaimRow;
use crate::ui::action::Command;

use super::Effect;
use super::State;
use super::layer::{Layer, LayerKind, layer_data};
use super::listing::{Shape, moved};

/// The timeline view's data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineView {
    pub rows: Vec<ClaimRow>,
    pub cursor: usize,
    /// Waiting for the event loop to answer.
    pub pending: bool,
    /// The actor selected when the view opened (by name, as the library matches actors).
    pub actor: Option<String>,
    /// Whether the rows are only that actor's (`f`).
    pub limited: bool,
}

/// What the event loop read from the index for `Effect::Timeline`, or why it could not (one line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub rows: Result<Vec<ClaimRow>, String>,
}

/// How the view lays out its rows: a heading line, then a line a claim.
pub const DATED_ROWS: Shape = Shape { heading: 1, lines: 1 };

layer_data!(
    /// The timeline view, if open.
    timeline_view, timeline_view_mut, Timeline, TimelineView
);

impl State {
    /// `T`: opens the view and asks the event loop for the dated claims.
    pub(super) fn open_timeline(&mut self) {
        let actor = self
            .actor
            .and_then(|a| self.briefing().and_then(|b| b.actors.get(a)))
            .map(|a| a.name.clone());
        self.push_layer(Layer::Timeline(TimelineView {
            pending: true,
            actor,
            ..TimelineView::default()
        }));
        self.effect = Some(Effect::Timeline { actor: None });
        self.info("reading the library's timeline…");
    }

    /// The event loop's answer.
    pub(super) fn dated(&mut self, dated: Dated) {
        let Some(view) = self.timeline_view_mut() else {
            return;
        };
        view.pending = false;
        match dated.rows {
            Ok(rows) => {
                let n = rows.len();
                view.rows = rows;
                view.cursor = 0;
                self.info(match n {
                    0 => "no dated claims in the library".to_string(),
                    1 => "1 dated claim".to_string(),
                    n => format!("{n} dated claims"),
                });
            }
            Err(message) => {
                if view.rows.is_empty() {
                    self.close(LayerKind::Timeline);
                } else {
                    view.limited = false;
                }
                self.warn(message);
            }
        }
    }

    /// Keys in the timeline view.
    pub(super) fn timeline_command(&mut self, command: Command) {
        let page = DATED_ROWS.page(self.size);
        let Some(view) = self.timeline_view_mut() else {
            return;
        };
        if let Some(to) = moved(view.cursor, view.rows.len(), command, page) {
            view.cursor = to;
            return;
        }
        match command {
            Command::Follow => self.open_dated(),
            Command::ToggleClaimFilter => self.limit_timeline(),
            Command::Clear | Command::Quit | Command::Timeline => self.close(LayerKind::Timeline),
            Command::Help => self.push_layer(Layer::Help { scroll: 0 }),
            _ => {}
        }
    }

    /// `f`: only the claims involving the actor selected when the view opened, or all again.
    fn limit_timeline(&mut self) {
        let Some(view) = self.timeline_view_mut() else {
            return;
        };
        let Some(name) = view.actor.clone() else {
            self.info("select an actor before opening the timeline to limit it to that actor");
            return;
        };
        view.limited = !view.limited;
        view.pending = true;
        self.effect = Some(Effect::Timeline {
            actor: view.limited.then_some(name),
        });
    }

    /// A click on a row opens its claim.
    pub(super) fn click_timeline(&mut self, column: u16, row: u16) {
        let Some(view) = self.timeline_view() else { return };
        let at = DATED_ROWS.item_at(self.size, view.cursor, view.rows.len(), column, row);
        if let (Some(at), Some(view)) = (at, self.timeline_view_mut()) {
            view.cursor = at;
            self.open_dated();
        }
    }

    /// Enter on a row: its briefing, the claim selected.
    fn open_dated(&mut self) {
        let Some(row) = self.timeline_view().and_then(|v| v.rows.get(v.cursor)).cloned() else {
            return;
        };
        let id = row.briefing.clone();
        let then = move |s: &mut State| {
            let claim = s
                .briefing()
                .and_then(|b| b.claims.iter().position(|c| c.id == row.claim));
            if let Some(c) = claim {
                s.land_on_claim(c);
            }
            s.arrived(&row.title);
        };
        self.enter_library_briefing(LayerKind::Timeline, &id, Box::new(then));
    }
}
