//! The edit menus and the actor picker: small popups over the panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::model::Briefing;
use crate::text::sanitize;
use crate::ui::action::Command;
use crate::ui::doc::{fit, truncate};
use crate::ui::layout::{centered, popup_offset};
use crate::ui::panes::pad_line;
use crate::ui::state::{ActorPick, Menu, PickFor, PickRow, State};

fn popup<'a>(state: &State, title: String, bottom: String) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(state.theme.border_focused)
        .title(Line::from(format!(" {title} ")))
        .title_bottom(Line::from(bottom))
}

/// The width of a popup for `title` on a screen `area` wide.
fn width_for(area: Rect, want: usize) -> u16 {
    (want as u16).clamp(30, area.width.saturating_sub(4).min(90))
}

pub fn draw_menu(frame: &mut Frame<'_>, state: &State, area: Rect, menu: &Menu) {
    // Each item's key, from the keymap (as `[keys]` has it).
    let keys: Vec<String> = menu.items.iter().map(|i| state.keymap.first(i.command)).collect();
    let key_w = keys.iter().map(|k| k.width()).max().unwrap_or(0).max(1);
    let label_w = menu.items.iter().map(|i| i.label.width()).max().unwrap_or(0);
    // " k " and " label  " around the label.
    let before = key_w + 6;
    let bottom = format!(
        " {} or a key chooses · {} closes ",
        state.keymap.first(Command::Follow),
        state.keymap.first(Command::Clear)
    );
    // Room for the items, the title and the keys below.
    let longest = menu
        .items
        .iter()
        .map(|i| before + label_w + i.value.width())
        .max()
        .unwrap_or(0)
        .max(menu.title.width() + 4)
        .max(bottom.width());
    let width = width_for(area, longest + 2);
    let rect = centered(area, width, menu.items.len() as u16 + 2);
    if rect.width < 10 || rect.height < 3 {
        return;
    }
    let block = popup(
        state,
        truncate(&menu.title, width.saturating_sub(4) as usize),
        bottom,
    );
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let w = inner.width as usize;
    let lines: Vec<Line<'static>> = menu
        .items
        .iter()
        .zip(&keys)
        .enumerate()
        .map(|(i, (item, key))| {
            let room = w.saturating_sub(label_w + before);
            let line = Line::from(vec![
                Span::styled(format!(" {} ", fit(key, key_w)), state.theme.key),
                Span::raw(format!(" {}  ", fit(&item.label, label_w))),
                Span::styled(truncate(&item.value, room), state.theme.dim),
            ]);
            let line = pad_line(line, w);
            if i == menu.cursor {
                line.patch_style(state.theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The actor picker: the filter on top, then the matching rows.
pub fn draw_pick(frame: &mut Frame<'_>, state: &State, area: Rect) {
    let (Some(pick), Some(b)) = (state.actor_pick(), state.briefing()) else {
        return;
    };
    let rows = state.actor_pick_rows();
    let width = width_for(area, 70);
    let height = (rows.len() as u16 + 3).clamp(6, area.height.saturating_sub(4).max(6));
    let rect = centered(area, width, height);
    if rect.width < 10 || rect.height < 4 {
        return;
    }
    let block = popup(
        state,
        truncate(&pick_title(pick, b), width.saturating_sub(4) as usize),
        " ↑/↓ move · Enter picks · Esc closes ".into(),
    );
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let w = inner.width as usize;
    let query = Line::from(vec![
        Span::styled(" /", state.theme.key),
        Span::styled(format!("{}▏", sanitize(&pick.query)), state.theme.input),
        Span::styled(
            format!(
                "  {} of {}",
                rows.iter().filter(|r| matches!(r, PickRow::Actor(_))).count(),
                b.actors.len()
            ),
            state.theme.dim,
        ),
    ]);
    let visible = (inner.height as usize).saturating_sub(1);
    let offset = popup_offset(pick.cursor, visible);
    let mut lines = vec![query];
    for (i, row) in rows.iter().enumerate().skip(offset).take(visible) {
        let Some(line) = pick_line(state, pick, b, *row, w) else {
            continue;
        };
        let line = pad_line(line, w);
        lines.push(if i == pick.cursor {
            line.patch_style(state.theme.selected)
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What the picker is for, and that typing filters.
fn pick_title(pick: &ActorPick, b: &Briefing) -> String {
    match &pick.purpose {
        PickFor::Speaker(_) => "Speaker · type to filter".to_string(),
        PickFor::NewClaim(draft) => format!(
            "New claim · who said “{}”? · type to filter",
            sanitize(&crate::ui::state::words_opening(&draft.words, 8))
        ),
        PickFor::MergeInto(id) => {
            let name = b
                .actors
                .iter()
                .find(|a| &a.id == id)
                .map_or(id.as_str(), |a| a.name.as_str());
            format!("Merge {} into… · type to filter", sanitize(name))
        }
    }
}

/// One row of the picker, `w` wide: an actor with its aliases and kind, or a choice.
fn pick_line(state: &State, pick: &ActorPick, b: &Briefing, row: PickRow, w: usize) -> Option<Line<'static>> {
    Some(match row {
        PickRow::Unnamed => Line::from(Span::styled("  unnamed source", state.theme.dim)),
        PickRow::New => Line::from(Span::styled(
            if pick.query.trim().is_empty() {
                "  + new actor…".to_string()
            } else {
                format!("  + new actor “{}”…", sanitize(pick.query.trim()))
            },
            state.theme.key,
        )),
        PickRow::Actor(a) => {
            let actor = b.actors.get(a)?;
            let aliases = if actor.aliases.is_empty() {
                String::new()
            } else {
                format!("  ({})", sanitize(&actor.aliases.join(", ")))
            };
            let kind = format!(" {}", actor.kind);
            let room = w.saturating_sub(2 + kind.width());
            let name = truncate(&sanitize(&actor.name), room);
            let aliases = truncate(&aliases, room.saturating_sub(name.width()));
            let gap = room.saturating_sub(name.width() + aliases.width());
            Line::from(vec![
                Span::raw("  "),
                Span::raw(name),
                Span::styled(aliases, state.theme.dim),
                Span::raw(" ".repeat(gap)),
                Span::styled(kind, state.theme.dim),
            ])
        }
    })
}
