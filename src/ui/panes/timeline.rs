//! The library timeline view: one line per dated claim (date, briefing, speaker,
//! relation mark, first words), the cursor's row highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::listing::{self, column};
use crate::library::views::ClaimRow;
use crate::text::sanitize;
use crate::ui::doc::truncate;
use crate::ui::state::{DATED_ROWS, State, first_item};
use crate::ui::theme::Theme;

/// Widths of the date, briefing and speaker columns.
const DATE: usize = 10;
const TITLE: usize = 22;
const SPEAKER: usize = 18;

pub fn draw(frame: &mut Frame<'_>, state: &State, screen: Rect) {
    let Some(view) = state.timeline_view() else { return };
    let who = match (&view.actor, view.limited) {
        (Some(name), true) => format!(" · {}", truncate(&sanitize(name), 40)),
        _ => String::new(),
    };
    let title = if view.pending {
        format!(" Timeline{who} ")
    } else {
        format!(
            " Timeline{who} · {} ",
            listing::count(view.rows.len(), "dated claim", "dated claims")
        )
    };
    let Some(inner) = listing::frame(frame, state, screen, title, 2) else {
        return;
    };
    if view.rows.is_empty() {
        let text = if view.pending {
            "reading the timeline…"
        } else {
            "No dated claims in the library. Esc closes."
        };
        listing::placeholder(frame, state, inner, text);
        return;
    }
    let width = inner.width as usize;
    let shown = DATED_ROWS.fits(inner);
    let offset = first_item(view.cursor, shown);
    let heading = format!(
        " {:DATE$}  {:TITLE$}  {:SPEAKER$}    claim  (≠ contradicts, + supports)",
        "date", "briefing", "speaker"
    );
    let mut lines = vec![Line::from(Span::styled(
        truncate(&heading, width),
        state.theme.dim,
    ))];
    for (i, row) in view.rows.iter().enumerate().skip(offset).take(shown) {
        let line = row_line(row, &state.theme, width);
        lines.extend(listing::mark(vec![line], state, width, i == view.cursor));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `≠` if the claim contradicts another, `+` if it supports one, else blank.
fn relation_mark(row: &ClaimRow) -> &'static str {
    if row.related.iter().any(|(_, r)| r == "contradicts") {
        "≠"
    } else if row.related.iter().any(|(_, r)| r == "supports") {
        "+"
    } else {
        " "
    }
}

fn row_line(row: &ClaimRow, theme: &Theme, width: usize) -> Line<'static> {
    let date = column(row.date.as_deref().unwrap_or_default(), DATE);
    let title = column(&row.title, TITLE);
    let speaker = column(row.speaker.as_deref().unwrap_or("(unattributed)"), SPEAKER);
    let used = 1 + DATE + 2 + TITLE + 2 + SPEAKER + 4;
    let text = column(&row.text, width.saturating_sub(used));
    Line::from(vec![
        Span::styled(format!(" {date}  "), theme.heading),
        Span::styled(format!("{title}  "), theme.dim),
        Span::raw(format!("{speaker}  ")),
        Span::styled(format!("{} ", relation_mark(row)), theme.search),
        Span::raw(text),
    ])
}
