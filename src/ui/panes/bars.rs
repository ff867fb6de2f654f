//! The title bar (briefing, publisher, date, position) and the status bar
//! (what is being typed, a message, or the keys that matter in the focused pane).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::ui::action::{Command, Pane};
use crate::ui::doc::truncate;
use crate::ui::state::{InputTarget, LayerKind, State};

pub fn draw_title(frame: &mut Frame<'_>, state: &State, rect: Rect) {
    let width = rect.width as usize;
    let Some(b) = state.briefing() else {
        frame.render_widget(Paragraph::new(" briefing").style(state.theme.title), rect);
        return;
    };
    let mut right = String::new();
    if state.read_only.get(state.current).copied().unwrap_or(false) {
        right.push_str("not saved · ");
    }
    if state.briefing_count() > 1 {
        right.push_str(&format!("{}/{} · ", state.current + 1, state.briefing_count()));
    }
    let line = state.layout.len().max(1);
    // A big text's length is estimated until all of it has been laid out.
    let about = if state.layout.is_exact() { "" } else { "~" };
    right.push_str(&format!("line {}/{about}{line} ", (state.text_top + 1).min(line)));
    let mut byline = b.publisher.clone();
    if let Some(d) = b.published {
        byline.push_str(&format!(" · {d}"));
    }
    let right_w = right.width();
    let room = width.saturating_sub(right_w + 1);
    let full = format!(" {} — {}", b.title, byline);
    let left = if full.width() <= room {
        full
    } else {
        truncate(&format!(" {}", b.title), room)
    };
    let gap = " ".repeat(width.saturating_sub(left.width() + right_w));
    let text = if right_w + 1 > width {
        truncate(&left, width)
    } else {
        format!("{left}{gap}{right}")
    };
    frame.render_widget(Paragraph::new(text).style(state.theme.title), rect);
}

/// The commands worth a hint in each pane, with a word for what they do there.
fn hints(state: &State) -> Vec<(Command, &'static str)> {
    let mut h = match state.focus {
        Pane::Sections => vec![
            (Command::Down, "move"),
            (Command::Follow, "read"),
            (Command::Filter, "filter"),
        ],
        Pane::Actors => vec![
            (Command::Filter, "filter"),
            (Command::Follow, "its claims"),
            (Command::NextMatch, "next mention"),
            (Command::SortActors, "sort"),
        ],
        Pane::Claims if state.reattaching().is_some() => vec![
            (Command::Down, "move"),
            (Command::Follow, "re-attach here"),
            (Command::Clear, "stop"),
        ],
        Pane::Claims => vec![
            (Command::Down, "move"),
            (Command::Details, "in full"),
            (Command::Follow, "speaker"),
            (Command::FollowRelated, "related"),
            (Command::ToggleClaimFilter, "all/actor"),
            (Command::NextMatch, "next mention"),
        ],
        Pane::Text => vec![
            (Command::Down, "scroll"),
            (Command::Filter, "search"),
            (Command::NextMatch, "next"),
        ],
    };
    // Annotation keys, where annotating is possible (not for read-only articles).
    if let Some(store) = state.store() {
        match state.focus {
            Pane::Claims if state.reattaching().is_none() => {
                h.insert(1, (Command::Annotate, "annotate"));
                h.insert(2, (Command::AnnotationFilter, "annotated"));
                if store.orphans().next().is_some() {
                    h.insert(3, (Command::Orphans, "orphans"));
                }
                // Room for the annotation keys: the mention walk is also in Actors.
                h.retain(|(c, _)| *c != Command::NextMatch);
            }
            Pane::Actors => h.insert(2, (Command::GradeActor, "grade")),
            _ => {}
        }
    }
    // Correcting, where the briefing can be edited.
    if state.editable() && state.reattaching().is_none() && state.focus != Pane::Text {
        let at = h.len().min(2);
        h.insert(at, (Command::Edit, "edit"));
    }
    // The doubt filter, where some speaker is in doubt.
    let doubtful = state.claim_facts.doubtful > 0;
    if state.focus == Pane::Claims && (doubtful || state.doubt_only) {
        let at = h.len().min(3);
        h.insert(at, (Command::DoubtFilter, "in doubt"));
    }
    if state.can_go_back() {
        h.push((Command::Back, "back"));
    }
    h.push((Command::FocusNext, "pane"));
    h.push((Command::Help, "help"));
    h.push((Command::Quit, "quit"));
    h
}

/// What the keys do in the layer on top, when that is not the panes: a template
/// whose `{}` are filled with the first key of each command, in order.
fn layer_hint(state: &State) -> Option<String> {
    use Command::*;
    let (template, commands): (&str, &[Command]) = match state.layer() {
        LayerKind::Panes
        | LayerKind::Reattach
        | LayerKind::Input
        | LayerKind::Confirm
        | LayerKind::Prompt => return None,
        LayerKind::Menu => (
            " {}/{} move · {} or the item's key chooses · {} closes",
            &[Down, Up, Follow, Clear],
        ),
        LayerKind::ActorPick => (" type to filter · ↑/↓ move · Enter picks · Esc closes", &[]),
        LayerKind::Help => (" {}/{} scroll · {} closes help", &[Down, Up, Clear]),
        LayerKind::Details => (
            " {}/{} scroll · {} speaker · {} closes",
            &[Down, Up, Follow, Clear],
        ),
        LayerKind::Picker => (
            " {}/{} move · {} filter · {} opens · {} closes",
            &[Down, Up, Filter, Follow, Clear],
        ),
        LayerKind::Editor => (
            " editing: {} / {} move between fields · {} saves · {} cancels",
            &[EditorNextField, EditorPrevField, EditorSave, EditorCancel],
        ),
        LayerKind::Search => (
            " {}/{} move · {} opens at the hit · {} new search · {} closes",
            &[Down, Up, Follow, Search, Clear],
        ),
        LayerKind::Timeline => (
            " {}/{} move · {} opens the claim · {} the actor only / all · {} closes",
            &[Down, Up, Follow, ToggleClaimFilter, Clear],
        ),
        LayerKind::Select => (
            " selecting: {}/{} a word · {}/{} a sentence · {}/{} a line · {} other end · {} adds a claim · {} stops",
            &[
                SelectLeft,
                SelectRight,
                SelectPrevSentence,
                SelectNextSentence,
                Up,
                Down,
                SelectOtherEnd,
                AddClaim,
                Clear,
            ],
        ),
        LayerKind::LibraryActors if state.library_actors().is_some_and(|v| v.detail.is_some()) => (
            " {}/{} move · {} opens the briefing there · {} splits that briefing's actor out · {} back to the list",
            &[Down, Up, Follow, Split, Clear],
        ),
        LayerKind::LibraryActors => (
            " {}/{} move · {} its briefings and claims · {} filter · {} sort · {} mark · {} merge with the marked · {} closes",
            &[Down, Up, Follow, Filter, SortActors, Mark, Merge, Clear],
        ),
        LayerKind::Orphans if state.orphan_ids().is_empty() => (" {} closes", &[Clear]),
        LayerKind::Orphans => (
            " {}/{} move · {}: pick the claim to re-attach it to · {} closes",
            &[Down, Up, Follow, Clear],
        ),
    };
    Some(fill(template, commands.iter().map(|&c| state.keymap.first(c))))
}

/// `template` with each `{}` replaced by the next of `keys`.
fn fill(template: &str, mut keys: impl Iterator<Item = String>) -> String {
    let mut parts = template.split("{}");
    let mut text = parts.next().unwrap_or_default().to_string();
    for part in parts {
        text.push_str(&keys.next().unwrap_or_default());
        text.push_str(part);
    }
    text
}

pub fn draw_status(frame: &mut Frame<'_>, state: &State, rect: Rect) {
    let width = rect.width as usize;
    let theme = &state.theme;
    let line = if let Some(question) = state.question() {
        Line::from(Span::styled(
            format!(" {}", truncate(&question, width.saturating_sub(1))),
            theme.error,
        ))
    } else if let Some(prompt) = state.prompt() {
        Line::from(vec![
            Span::styled(format!(" {}: ", prompt.target.label()), theme.key),
            Span::styled(format!("{}▏", crate::text::sanitize(&prompt.text)), theme.input),
            Span::styled("   Enter save · Esc cancel", theme.dim),
        ])
    } else if let Some(input) = state.input_text() {
        input_line(state, input)
    } else if let Some(message) = &state.message {
        let style = if message.error { theme.error } else { theme.message };
        Line::from(Span::styled(
            format!(" {}", truncate(&message.text, width.saturating_sub(1))),
            style,
        ))
    } else if let Some(text) = layer_hint(state) {
        Line::from(Span::styled(truncate(&text, width), theme.dim))
    } else if let Some(summary) = (!super::claims::details_shown(state))
        .then(|| super::claims::annotation_summary(state))
        .flatten()
    {
        // The Claims pane has no room for the details: the annotation goes here.
        let hint = format!("  {} edit", state.keymap.first(Command::Annotate));
        let room = width.saturating_sub(1 + hint.width());
        Line::from(vec![
            Span::styled(format!(" {}", truncate(&summary, room)), theme.annotation),
            Span::styled(hint, theme.dim),
        ])
    } else {
        hints_line(state, width)
    };
    frame.render_widget(Paragraph::new(line).style(theme.status), rect);
}

/// A filter or search being typed, with how many it found.
fn input_line(state: &State, input: &str) -> Line<'static> {
    let theme = &state.theme;
    let target = state.editing().map(|e| e.target);
    let searching = target == Some(InputTarget::Pane(Pane::Text));
    let what = match target {
        Some(InputTarget::Search) => "search the library",
        _ if searching => "search",
        _ => "filter",
    };
    let found = match &state.search {
        Some(s) if searching && !s.query.is_empty() => format!("  {} found", s.matches.len()),
        _ => String::new(),
    };
    Line::from(vec![
        Span::styled(format!(" {what} /"), theme.key),
        Span::styled(format!("{input}▏"), theme.input),
        Span::styled(found, theme.dim),
        Span::styled(
            if target == Some(InputTarget::Search) {
                "   Enter search · Esc cancel"
            } else {
                "   Enter keep · Esc cancel"
            },
            theme.dim,
        ),
    ])
}

/// The keys that matter in the focused pane, as many as fit (help and quit always).
fn hints_line(state: &State, width: usize) -> Line<'static> {
    let theme = &state.theme;
    let mut items: Vec<(String, &str)> = hints(state)
        .into_iter()
        .filter_map(|(command, word)| {
            let mut key = state.keymap.first(command);
            if command == Command::Down {
                key = format!("{key}/{}", state.keymap.first(Command::Up));
            }
            (!key.is_empty()).then_some((key, word))
        })
        .collect();
    let cost = |items: &[(String, &str)]| -> usize {
        1 + items
            .iter()
            .map(|(k, w)| k.width() + w.width() + 3)
            .sum::<usize>()
    };
    // Drop hints from the middle, keeping help and quit, until they fit.
    while cost(&items) > width && items.len() > 2 {
        items.remove(items.len() - 3);
    }
    let mut spans = vec![Span::raw(" ")];
    if cost(&items) <= width {
        for (key, word) in items {
            spans.push(Span::styled(key, theme.key));
            spans.push(Span::styled(format!(" {word}  "), theme.status));
        }
    }
    Line::from(spans)
}
