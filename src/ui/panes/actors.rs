//! Actors: name, kind and number of mentions, marked when in the current section.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::draw_list;
use crate::model::ActorKind;
use crate::ui::action::Pane;
use crate::ui::doc::truncate;
use crate::ui::panes::pane_block;
use crate::ui::state::State;

pub fn kind_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "person",
        ActorKind::State => "state",
        ActorKind::Organisation => "org",
        ActorKind::Group => "group",
        ActorKind::Other => "other",
    }
}

pub fn draw(frame: &mut Frame<'_>, state: &State, rect: Rect) {
    let (Some(b), Some(index)) = (state.briefing(), state.index()) else {
        return;
    };
    let list = &state.actors;
    let mut right = format!("{} {}", b.actors.len(), state.actor_sort.label());
    if !list.filter.is_empty() {
        right = format!("/{} {}/{}", list.filter, list.rows.len(), b.actors.len());
    }
    let mut block = pane_block(state, Pane::Actors, "Actors".into(), right);
    // The selected actor's role, at the foot of the pane.
    let store = state.store();
    let graded = store.is_some_and(|s| !s.actor_grades().is_empty());
    let grade_of = |a: usize| {
        let actor = b.actors.get(a)?;
        store?.reliability(&actor.id)
    };
    if let Some(actor) = state.actor.and_then(|a| b.actors.get(a)) {
        let mut about = actor.role.clone().unwrap_or_else(|| actor.kind.to_string());
        if let Some(g) = state.actor.and_then(grade_of) {
            about = format!("{} {} · {about}", g.reliability, g.reliability.label());
            if !g.note.is_empty() {
                about.push_str(&format!(" · {}", g.note.replace('\n', " ")));
            }
        }
        let room = rect.width.saturating_sub(4) as usize;
        block = block.title_bottom(Line::from(Span::styled(
            format!(" {} ", truncate(&about, room.saturating_sub(2))),
            state.theme.dim,
        )));
    }
    let section = state.section();
    let row = |a: usize, width: usize| {
        let Some(actor) = b.actors.get(a) else {
            return Line::default();
        };
        let marked = section.is_some_and(|s| index.actor_in_section(a, s));
        let mark = if marked { "● " } else { "  " };
        let count = index.actor_mentions.get(a).map_or(0, Vec::len);
        let tail = format!(" {:<6} {count:>3}", kind_label(actor.kind));
        // The source grade (A-F) in a column shown once any actor is graded.
        let grade = if graded {
            format!(" {}", grade_of(a).map_or(' ', |g| g.reliability.letter()))
        } else {
            String::new()
        };
        let room = width.saturating_sub(2 + tail.width() + grade.width());
        let name = truncate(&actor.name, room);
        let gap = " ".repeat(room.saturating_sub(name.width()));
        Line::from(vec![
            Span::styled(mark, state.theme.mark),
            Span::raw(name),
            Span::raw(gap),
            Span::styled(grade, state.theme.annotation),
            Span::styled(tail, state.theme.dim),
        ])
    };
    draw_list(frame, state, Pane::Actors, rect, block, state.actor, row);
}
