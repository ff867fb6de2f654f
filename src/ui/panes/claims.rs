//! Claims: who said what, when; the selected claim's details and related claims below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::draw_list;
use crate::export::{claim_details, claim_words, speaker_name};
use crate::model::ClaimKind;
use crate::ui::action::{Command, Pane};
use crate::ui::draw::{fit, pane_block, truncate};
use crate::ui::state::State;

/// One row of the Claims pane. Every claim row is drawn here, so the annotation
/// marker (and anything else later) has one place to go.
pub fn claim_row(state: &State, claim: usize, width: usize) -> Line<'static> {
    let (Some(b), Some(index)) = (state.briefing(), state.index()) else {
        return Line::default();
    };
    let Some(c) = b.claims.get(claim) else {
        return Line::default();
    };
    let in_section =
        state.section().is_some() && index.claim_section.get(claim).copied().flatten() == state.section();
    let mut spans = Vec::new();
    // Reserved for annotations: a short marker per claim, shown when any claim has one.
    if state.markers.keys().any(|(bid, _)| *bid == b.id) {
        let marker = state.marker(claim).unwrap_or("");
        spans.push(Span::styled(fit(marker, 2), state.theme.mark));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        if in_section { "● " } else { "  " },
        state.theme.mark,
    ));
    let speaker_w = if width >= 70 { 18 } else { 12 };
    spans.push(Span::raw(fit(speaker_name(b, c), speaker_w)));
    spans.push(Span::raw(" "));
    if width >= 60 {
        let date = c.date.map(|d| d.to_string()).unwrap_or_default();
        spans.push(Span::styled(fit(&date, 10), state.theme.dim));
        spans.push(Span::raw(" "));
    }
    let kind = match c.kind {
        ClaimKind::Quote => "quote ",
        ClaimKind::Paraphrase => "para. ",
        ClaimKind::Report => "report",
    };
    spans.push(Span::styled(kind, state.theme.dim));
    spans.push(Span::raw(" "));
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let related = index.claim_related.get(claim).map_or(0, Vec::len);
    let tail = if related > 0 {
        format!(" ↔{related}")
    } else {
        String::new()
    };
    let room = width.saturating_sub(used + tail.width());
    spans.push(Span::raw(truncate(&claim_words(c), room)));
    if !tail.is_empty() {
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        spans.push(Span::raw(" ".repeat(width.saturating_sub(used + tail.width()))));
        spans.push(Span::styled(tail, state.theme.dim));
    }
    Line::from(spans)
}

/// The selected claim in full: words, speaker and details, subjects, related claims.
fn detail_lines(state: &State, claim: usize, width: usize) -> Vec<Line<'static>> {
    let (Some(b), Some(index)) = (state.briefing(), state.index()) else {
        return Vec::new();
    };
    let Some(c) = b.claims.get(claim) else {
        return Vec::new();
    };
    let mut lines = vec![Line::from(Span::styled("─".repeat(width), state.theme.border))];
    for l in textwrap::wrap(&claim_words(c), width.max(1)) {
        lines.push(Line::from(Span::styled(l.into_owned(), state.theme.heading)));
    }
    let who = format!("— {}, {}", speaker_name(b, c), claim_details(c));
    lines.push(Line::from(Span::styled(truncate(&who, width), state.theme.dim)));
    let about: Vec<&str> = index
        .claim_about
        .get(claim)
        .into_iter()
        .flatten()
        .filter_map(|&a| b.actors.get(a).map(|x| x.name.as_str()))
        .collect();
    if !about.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(&format!("about: {}", about.join(", ")), width),
            state.theme.dim,
        )));
    }
    let related = index.claim_related.get(claim).cloned().unwrap_or_default();
    if !related.is_empty() {
        let key = state.keymap.first(Command::FollowRelated);
        let target = state.related_target(claim).map(|t| t.0);
        for (other, relation) in &related {
            let Some(o) = b.claims.get(*other) else { continue };
            let head = if Some(*other) == target {
                format!("{key} ")
            } else {
                "  ".repeat(key.width().div_ceil(2).max(1))
            };
            let text = format!("{relation}: {}: {}", speaker_name(b, o), claim_words(o));
            let room = width.saturating_sub(head.width());
            lines.push(Line::from(vec![
                Span::styled(head, state.theme.key),
                Span::raw(truncate(&text, room)),
            ]));
        }
    }
    lines
}

/// The details of the selected claim, if the pane (inside its border) is tall enough.
fn details(state: &State, inner: Rect) -> Vec<Line<'static>> {
    match state.claim {
        Some(c) if inner.height >= 8 && inner.width >= 20 => detail_lines(state, c, inner.width as usize),
        _ => Vec::new(),
    }
}

/// Rows of the Claims pane left for the list, below which the details go.
pub fn list_rows(state: &State, pane: Rect) -> usize {
    let inner = Rect::new(
        pane.x,
        pane.y,
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    );
    let detail_h = (details(state, inner).len() as u16).min(inner.height / 2);
    inner.height.saturating_sub(detail_h) as usize
}

pub fn draw(frame: &mut Frame<'_>, state: &State, rect: Rect) {
    let Some(b) = state.briefing() else { return };
    let list = &state.claims;
    let scope = match state.actor.and_then(|a| b.actors.get(a)) {
        Some(actor) if state.claims_by_actor => format!("Claims · {}", actor.name),
        _ => "Claims".to_string(),
    };
    let key = state.keymap.first(Command::ToggleClaimFilter);
    let toggle = match (state.actor.is_some(), state.claims_by_actor) {
        (true, true) => format!(" · {key}: all"),
        (true, false) => format!(" · {key}: only selected actor"),
        _ => String::new(),
    };
    let right = if list.filter.is_empty() {
        format!("{}/{}{toggle}", list.rows.len(), b.claims.len())
    } else {
        format!("/{} {}/{}{toggle}", list.filter, list.rows.len(), b.claims.len())
    };
    let block = pane_block(state, Pane::Claims, scope, right);
    let inner = block.inner(rect);
    let details = details(state, inner);
    let detail_h = (details.len() as u16).min(inner.height / 2);
    let list_rect = Rect::new(rect.x, rect.y, rect.width, rect.height - detail_h);
    let list_block = block.clone();
    draw_list(
        frame,
        state,
        Pane::Claims,
        list_rect,
        list_block,
        state.claim,
        |c, w| claim_row(state, c, w),
    );
    if detail_h > 0 {
        // Redraw the frame's sides over the whole pane, then the details inside it.
        let full = Rect::new(rect.x, rect.y, rect.width, rect.height);
        frame.render_widget(block, full);
        let area = Rect::new(inner.x, inner.bottom() - detail_h, inner.width, detail_h);
        frame.render_widget(Paragraph::new(details), area);
    }
}
