//! The library timeline view: one line per dated claim (date, briefing, speaker,
//! relation mark, first words), the cursor's row highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::library::views::ClaimRow;
use crate::text::sanitize;
use crate::ui::draw::{pad_line, truncate};
use crate::ui::state::{State, search_rect, timeline_first_shown};
use crate::ui::theme::Theme;

/// Widths of the date, briefing and speaker columns.
const DATE: usize = 10;
const TITLE: usize = 22;
const SPEAKER: usize = 18;

pub fn draw(frame: &mut Frame<'_>, state: &State, screen: Rect) {
    let Some(view) = state.timeline_view() else { return };
    let area = search_rect(screen);
    frame.render_widget(Clear, area);
    let n = view.rows.len();
    let who = match (&view.actor, view.limited) {
        (Some(name), true) => format!(" · {}", truncate(&sanitize(name), 40)),
        _ => String::new(),
    };
    let title = if view.pending {
        format!(" Timeline{who} ")
    } else {
        format!(
            " Timeline{who} · {n} dated claim{} ",
            if n == 1 { "" } else { "s" }
        )
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(state.theme.border_focused)
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 4 || inner.height < 2 {
        return;
    }
    if view.rows.is_empty() {
        let text = if view.pending {
            "reading the timeline…"
        } else {
            "No dated claims in the library. Esc closes."
        };
        let para = Paragraph::new(text)
            .style(state.theme.dim)
            .wrap(Wrap { trim: true });
        frame.render_widget(para, inner);
        return;
    }
    let width = inner.width as usize;
    let shown = inner.height as usize - 1;
    let offset = timeline_first_shown(view.cursor, shown);
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
        lines.push(if i == view.cursor {
            pad_line(line, width).patch_style(state.theme.selected)
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A column of `width` cells: `text` cut to fit and padded.
fn column(text: &str, width: usize) -> String {
    let cut = truncate(&sanitize(&text.replace(['\n', '\t'], " ")), width);
    let used = unicode_width::UnicodeWidthStr::width(cut.as_str());
    format!("{cut}{}", " ".repeat(width.saturating_sub(used)))
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
