//! The library search view: ranked hits, three lines each (briefing, where,
//! snippet with the matched words marked), the cursor's hit highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::listing;
use crate::library::query::{Hit, Snippet};
use crate::text::sanitize;
use crate::ui::doc::truncate;
use crate::ui::state::{HITS, State, first_item};
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame<'_>, state: &State, screen: Rect) {
    let Some(view) = state.search_view() else { return };
    let title = if view.ran.is_empty() {
        " Search the library ".to_string()
    } else {
        format!(
            " Search: {} · {} ",
            truncate(&sanitize(&view.ran), 60),
            listing::count(view.hits.len(), "hit", "hits")
        )
    };
    let Some(inner) = listing::frame(frame, state, screen, title, 1) else {
        return;
    };
    if view.hits.is_empty() {
        let text = if view.pending {
            "searching…"
        } else if view.ran.is_empty() {
            "Type a query: words, \"a phrase\", prefix*, and filters actor:NAME kind:quote tag:TAG \
             date:2024-03 (or date:2024-01..2024-06). Enter runs it, Esc closes."
        } else {
            "Nothing found. S searches again, Esc closes."
        };
        listing::placeholder(frame, state, inner, text);
        return;
    }
    let width = inner.width as usize;
    let shown = HITS.fits(inner);
    let offset = first_item(view.cursor, shown);
    let mut lines = Vec::new();
    for (i, hit) in view.hits.iter().enumerate().skip(offset).take(shown) {
        lines.extend(listing::mark(
            hit_lines(hit, &state.theme, width),
            state,
            width,
            i == view.cursor,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One hit's lines: title and what matched; where; the snippet.
fn hit_lines(hit: &Hit, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let what = format!("  {}", hit.what);
    let room = width.saturating_sub(what.len() + 1);
    vec![
        Line::from(vec![
            Span::styled(
                format!(" {}", truncate(&sanitize(&hit.title), room)),
                theme.heading,
            ),
            Span::styled(what, theme.dim),
        ]),
        Line::from(Span::styled(
            format!(
                "   {}",
                truncate(&sanitize(&hit.location), width.saturating_sub(3))
            ),
            theme.dim,
        )),
        snippet_line(&hit.snippet, theme, width),
    ]
}

/// The snippet on one line, the matched words in the search style.
fn snippet_line(snippet: &Snippet, theme: &Theme, width: usize) -> Line<'static> {
    let mut spans = vec![Span::raw("   ")];
    let mut room = width.saturating_sub(3);
    let mut at = 0;
    let flat = |s: &str| sanitize(&s.replace(['\n', '\t'], " "));
    let mut push = |text: String, style, spans: &mut Vec<Span<'static>>| {
        if room == 0 || text.is_empty() {
            return;
        }
        let part = truncate(&text, room);
        room = room.saturating_sub(unicode_width::UnicodeWidthStr::width(part.as_str()));
        spans.push(Span::styled(part, style));
    };
    for h in &snippet.hits {
        let (Some(before), Some(word)) = (snippet.text.get(at..h.start), snippet.text.get(h.clone())) else {
            break;
        };
        push(flat(before), ratatui::style::Style::default(), &mut spans);
        push(flat(word), theme.search, &mut spans);
        at = h.end;
    }
    if let Some(rest) = snippet.text.get(at..) {
        push(flat(rest), ratatui::style::Style::default(), &mut spans);
    }
    Line::from(spans)
}
