//! The Orphans view: annotations whose claim could not be found in the current
//! text, with their quote; Enter picks one to re-attach to a claim.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::action::Command;
use crate::ui::doc::truncate;
use crate::ui::layout::centered;
use crate::ui::panes::pad_line;
use crate::ui::state::State;

/// Lines per orphan in the list.
const PER_ORPHAN: usize = 3;

pub fn draw(frame: &mut Frame<'_>, state: &State, area: Rect) {
    let Some(cursor) = state.orphans_cursor() else {
        return;
    };
    let Some(store) = state.store() else { return };
    let orphans: Vec<_> = store.orphans().collect();
    let width = area.width.saturating_sub(4).min(100);
    let wanted = (orphans.len().max(1) * PER_ORPHAN) as u16 + 3;
    let rect = centered(area, width, wanted.min(area.height.saturating_sub(2)));
    if rect.width < 8 || rect.height < 3 {
        return;
    }
    let k = |c: Command| state.keymap.first(c);
    let title = if orphans.is_empty() {
        format!(" Orphans (0) · {} closes ", k(Command::Clear))
    } else {
        format!(
            " Orphans ({}) · {} re-attach to a claim · {} closes ",
            orphans.len(),
            k(Command::Follow),
            k(Command::Clear)
        )
    };
    let inner = super::popup_frame(frame, state, rect, &title, Line::default());
    let w = inner.width as usize;
    let rows = inner.height as usize;
    if w == 0 || rows == 0 {
        return;
    }
    if orphans.is_empty() {
        let text = "No orphaned annotations: every annotation is on a claim of this briefing.";
        frame.render_widget(Paragraph::new(truncate(text, w)).style(state.theme.dim), inner);
        return;
    }
    let per_page = (rows / PER_ORPHAN).max(1);
    let first = cursor.saturating_sub(per_page - 1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, p) in orphans.iter().enumerate().skip(first).take(per_page) {
        let a = &p.annotation;
        let mut head = format!("✎ was on “{}”", a.claim);
        if let Some(c) = a.credibility {
            head.push_str(&format!(" · {} {}", c.number(), c.label()));
        }
        if !a.tags.is_empty() {
            let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
            head.push_str(&format!(" · {}", tags.join(" ")));
        }
        let quote = if a.anchor.exact.is_empty() {
            "(no quote was kept)".to_string()
        } else {
            format!("“{}”", a.anchor.exact.replace('\n', " "))
        };
        let note = a.note.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let mut block = vec![
            Line::from(Span::styled(truncate(&head, w), state.theme.annotation)),
            Line::from(Span::raw(truncate(&format!("  {quote}"), w))),
            Line::from(Span::styled(truncate(&format!("  {note}"), w), state.theme.dim)),
        ];
        if i == cursor {
            block = block
                .into_iter()
                .map(|l| pad_line(l, w).patch_style(state.theme.selected))
                .collect();
        }
        lines.extend(block);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
