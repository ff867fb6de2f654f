//! The layers over the panes: one stack, innermost last, and [`State::layer`],
//! the one answer to "what takes this key, click or wheel turn, and what is drawn
//! on top". Input translation, commands, clicks, the wheel, drawing and the status
//! bar all route through it, so they cannot disagree.
//!
//! To add a view or prompt: add a variant to [`Layer`] and [`LayerKind`]; the
//! compiler then lists every `match` that must say what it does with it (keys in
//! `ui::translate`, commands in [`State::command`](super::State), clicks, the wheel,
//! drawing in `draw.rs`, hints in `panes/bars.rs`). See docs/architecture.md.

use uuid::Uuid;

use super::{Editing, LibraryActorsView, ListView, SearchView, State, TimelineView};
use crate::ui::action::{Command, Pane};

use super::annotate::{Confirm, Editor};
use super::edit::{ActorPick, Menu, Prompt};
use super::select::Selection;

/// `$get` and `$get_mut`: the data of the innermost open `Layer::$variant`.
macro_rules! layer_data {
    ($(#[$doc:meta])* $get:ident, $get_mut:ident, $variant:ident, $data:ty) => {
        impl State {
            $(#[$doc])*
            pub fn $get(&self) -> Option<&$data> {
                self.layers.iter().rev().find_map(|l| match l {
                    Layer::$variant(v) => Some(v),
                    _ => None,
                })
            }

            pub(super) fn $get_mut(&mut self) -> Option<&mut $data> {
                self.layers.iter_mut().rev().find_map(|l| match l {
                    Layer::$variant(v) => Some(v),
                    _ => None,
                })
            }
        }
    };
}
pub(super) use layer_data;

/// What can be open over the panes. The stack keeps the order things were opened
/// in, so Esc (or a click on the help) closes the innermost one first.
#[derive(Debug, Clone)]
pub enum Layer {
    /// A filter or search being typed: keys are text (shown in the status bar).
    Input(Editing),
    /// Picking the claim an orphaned annotation goes back to. The panes keep their
    /// keys; Enter in Claims picks, Esc stops.
    Reattach(Uuid),
    /// The key help, scrolled this many lines.
    Help { scroll: usize },
    /// The briefing picker.
    Picker(ListView),
    /// Orphaned annotations, the cursor on one.
    Orphans { cursor: usize },
    /// One claim in full, scrolled this many lines.
    Details { claim: usize, scroll: usize },
    /// The annotation or grade editor.
    Editor(Editor),
    /// A yes/no question (in the status bar), answered with y / n.
    Confirm(Confirm),
    /// The library search: its query and ranked hits, full-screen.
    Search(SearchView),
    /// The library timeline: dated claims in date order, full-screen.
    Timeline(TimelineView),
    /// Words selected in the Text pane, to add a claim for them.
    Select(Selection),
    /// An edit menu (of a claim, an actor, or a kind).
    Menu(Menu),
    /// Picking an actor (a speaker, or the actor to merge into), filtered as you type.
    ActorPick(ActorPick),
    /// A line of text for an edit (a date, a name…), typed in the status bar.
    Prompt(Prompt),
    /// Every actor across the library, or one actor's briefings and claims, full-screen.
    LibraryActors(LibraryActorsView),
}

/// A layer's kind without its data; [`LayerKind::Panes`] when nothing is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerKind {
    Panes,
    Input,
    Reattach,
    Help,
    Picker,
    Orphans,
    Details,
    Editor,
    Confirm,
    Search,
    Timeline,
    Select,
    Menu,
    ActorPick,
    Prompt,
    LibraryActors,
}

impl Layer {
    pub fn kind(&self) -> LayerKind {
        match self {
            Layer::Input(_) => LayerKind::Input,
            Layer::Reattach(_) => LayerKind::Reattach,
            Layer::Help { .. } => LayerKind::Help,
            Layer::Picker(_) => LayerKind::Picker,
            Layer::Orphans { .. } => LayerKind::Orphans,
            Layer::Details { .. } => LayerKind::Details,
            Layer::Editor(_) => LayerKind::Editor,
            Layer::Confirm(_) => LayerKind::Confirm,
            Layer::Search(_) => LayerKind::Search,
            Layer::Timeline(_) => LayerKind::Timeline,
            Layer::Select(_) => LayerKind::Select,
            Layer::Menu(_) => LayerKind::Menu,
            Layer::ActorPick(_) => LayerKind::ActorPick,
            Layer::Prompt(_) => LayerKind::Prompt,
            Layer::LibraryActors(_) => LayerKind::LibraryActors,
        }
    }
}

impl LayerKind {
    /// Whether it is drawn over the panes (so no pane shows as focused). Typing a
    /// filter, re-attaching and questions live in the panes and the status bar.
    pub fn covers_panes(self) -> bool {
        match self {
            LayerKind::Panes
            | LayerKind::Input
            | LayerKind::Reattach
            | LayerKind::Confirm
            | LayerKind::Select => false,
            LayerKind::Prompt => false,
            LayerKind::Help
            | LayerKind::Picker
            | LayerKind::Orphans
            | LayerKind::Details
            | LayerKind::Editor
            | LayerKind::Search
            | LayerKind::Timeline
            | LayerKind::LibraryActors
            | LayerKind::Menu
            | LayerKind::ActorPick => true,
        }
    }

    /// Whether it fills the screen, so the panes (and layers) below are not drawn.
    pub fn full_screen(self) -> bool {
        matches!(
            self,
            LayerKind::Search | LayerKind::Timeline | LayerKind::LibraryActors
        )
    }
}

impl State {
    /// The layer that takes input: the innermost open one, or the panes.
    pub fn layer(&self) -> LayerKind {
        self.layers.last().map_or(LayerKind::Panes, Layer::kind)
    }

    /// The open layers, outermost first (drawing goes in this order).
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Whether something is drawn over the panes.
    pub fn overlay_open(&self) -> bool {
        self.layers.iter().any(|l| l.kind().covers_panes())
    }

    pub(super) fn push_layer(&mut self, layer: Layer) {
        self.layers.push(layer);
    }

    pub(super) fn pop_layer(&mut self) -> Option<Layer> {
        self.layers.pop()
    }

    /// Closes the innermost layer of `kind` and everything opened over it.
    pub(super) fn close(&mut self, kind: LayerKind) {
        if let Some(i) = self.layers.iter().rposition(|l| l.kind() == kind) {
            self.layers.truncate(i);
            self.forget_queries(kind);
        }
    }

    fn find<T>(&self, f: impl Fn(&Layer) -> Option<&T>) -> Option<&T> {
        self.layers.iter().rev().find_map(f)
    }

    // ----- the data of open layers, for drawing and tests -----

    pub fn help_scroll(&self) -> Option<usize> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Help { scroll } => Some(*scroll),
            _ => None,
        })
    }

    pub fn picker(&self) -> Option<&ListView> {
        self.find(|l| match l {
            Layer::Picker(p) => Some(p),
            _ => None,
        })
    }

    pub(super) fn picker_mut(&mut self) -> Option<&mut ListView> {
        self.layers.iter_mut().rev().find_map(|l| match l {
            Layer::Picker(p) => Some(p),
            _ => None,
        })
    }

    pub fn orphans_cursor(&self) -> Option<usize> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Orphans { cursor } => Some(*cursor),
            _ => None,
        })
    }

    pub fn editor(&self) -> Option<&Editor> {
        self.find(|l| match l {
            Layer::Editor(e) => Some(e),
            _ => None,
        })
    }

    pub(super) fn editor_mut(&mut self) -> Option<&mut Editor> {
        self.layers.iter_mut().rev().find_map(|l| match l {
            Layer::Editor(e) => Some(e),
            _ => None,
        })
    }

    /// The question waiting for its answer (only ever the innermost layer).
    pub fn confirm(&self) -> Option<&Confirm> {
        match self.layers.last() {
            Some(Layer::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    /// The filter or search being typed (only ever the innermost layer).
    pub fn editing(&self) -> Option<&Editing> {
        match self.layers.last() {
            Some(Layer::Input(e)) => Some(e),
            _ => None,
        }
    }

    /// The orphan waiting for the claim to re-attach it to.
    pub fn reattaching(&self) -> Option<Uuid> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Reattach(id) => Some(*id),
            _ => None,
        })
    }

    /// The claim shown in full, and how far it is scrolled.
    pub fn details(&self) -> Option<(usize, usize)> {
        self.layers.iter().rev().find_map(|l| match l {
            Layer::Details { claim, scroll } => Some((*claim, *scroll)),
            _ => None,
        })
    }

    /// Points the open claim details at claim `c` (its index changed after an edit).
    pub(super) fn set_details_claim(&mut self, c: usize) {
        for layer in &mut self.layers {
            if let Layer::Details { claim, .. } = layer {
                *claim = c;
            }
        }
    }

    // ----- commands of the simple layers -----

    /// Keys in the help: scroll, close. The scroll never passes the end, so Up
    /// works at once after Bottom.
    pub(super) fn help_command(&mut self, command: Command) {
        let Some(Layer::Help { scroll }) = self.layers.last_mut() else {
            return;
        };
        let page = (self.size.height as usize).saturating_sub(6).max(1);
        let s = *scroll;
        let next = match command {
            Command::Help | Command::Clear | Command::Quit => {
                self.pop_layer();
                return;
            }
            Command::Down => s + 1,
            Command::Up => s.saturating_sub(1),
            Command::PageDown => s + page,
            Command::PageUp => s.saturating_sub(page),
            Command::HalfPageDown => s + page / 2,
            Command::HalfPageUp => s.saturating_sub(page / 2),
            Command::Top => 0,
            Command::Bottom => usize::MAX / 2,
            _ => s,
        };
        let max = self.help_max_scroll();
        if let Some(Layer::Help { scroll }) = self.layers.last_mut() {
            *scroll = next.min(max);
        }
    }

    /// How far the help can scroll at this size: the same rows the overlay draws.
    fn help_max_scroll(&self) -> usize {
        let rect = crate::ui::layout::help_rect(self.size);
        let rows = crate::ui::help::rows(&self.keymap, crate::ui::layout::help_width(rect)).len();
        rows.saturating_sub(crate::ui::layout::help_height(rect))
    }

    /// Keys in the claim details: scroll, close; Enter follows the speaker.
    pub(super) fn details_command(&mut self, command: Command) {
        let Some((claim, scroll)) = self.details() else {
            return;
        };
        let page = (self.size.height as usize).saturating_sub(8).max(1);
        let next = match command {
            Command::Details | Command::Clear | Command::Quit => {
                self.close(LayerKind::Details);
                return;
            }
            Command::Help => {
                self.push_layer(Layer::Help { scroll: 0 });
                return;
            }
            Command::Follow => {
                self.close(LayerKind::Details);
                self.follow_speaker(claim);
                return;
            }
            Command::Edit => {
                self.open_claim_menu(claim);
                return;
            }
            Command::Down => scroll + 1,
            Command::Up => scroll.saturating_sub(1),
            Command::PageDown | Command::HalfPageDown => scroll + page,
            Command::PageUp | Command::HalfPageUp => scroll.saturating_sub(page),
            Command::Top => 0,
            Command::Bottom => usize::MAX / 2,
            _ => scroll,
        };
        let max = self.details_max_scroll(claim);
        if let Some(Layer::Details { scroll, .. }) = self.layers.last_mut() {
            *scroll = next.min(max);
        }
    }

    fn details_max_scroll(&self, claim: usize) -> usize {
        use crate::ui::layout::{details_rect, details_width, popup_inner};
        let lines = self.detail_rows(claim, details_width(self.size), true).len();
        let inner = popup_inner(details_rect(self.size, lines));
        lines.saturating_sub(inner.height as usize)
    }

    /// `K`: the selected claim in full, in a popup.
    pub(super) fn open_details(&mut self) {
        let claim = self.claim.or(if self.focus == Pane::Claims {
            self.claims.selected()
        } else {
            None
        });
        match claim {
            Some(claim) => self.push_layer(Layer::Details { claim, scroll: 0 }),
            None => self.info("select a claim first (Claims pane), then show it in full"),
        }
    }

    /// Commands while re-attaching: Enter in Claims picks the claim, Esc stops,
    /// the rest works in the panes as usual.
    pub(super) fn reattach_command(&mut self, command: Command) {
        let Some(id) = self.reattaching() else { return };
        match command {
            Command::Follow if self.focus == Pane::Claims => {
                if let Some(claim) = self.claims.selected() {
                    self.claim = Some(claim);
                    self.push_layer(Layer::Confirm(Confirm::Reattach { id, claim }));
                }
            }
            Command::Clear if self.focus != Pane::Claims || self.claims.filter.is_empty() => {
                self.close(LayerKind::Reattach);
                self.info("re-attaching stopped; the orphan stays in the Orphans list");
            }
            command => self.panes_command(command),
        }
    }
}
