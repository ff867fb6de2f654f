//! Claims: who said what, when; the selected claim's details and related claims below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::draw_list;
use crate::model::ClaimKind;
use crate::model::{claim_words, speaker_name};
use crate::ui::action::{Command, Pane};
use crate::ui::doc::{fit, truncate};
use crate::ui::panes::pane_block;
use crate::ui::state::State;

/// The columns of the Claims list, worked out once per drawing.
pub struct Columns<'a> {
    /// The annotation badge of a claim, when any claim is annotated or graded.
    badge: Option<Box<dyn Fn(usize) -> String + 'a>>,
    /// Whether any claim's speaker is in doubt (then a `?` column is shown).
    doubt: bool,
    speaker_w: usize,
}

impl<'a> Columns<'a> {
    pub fn new(state: &'a State, width: usize) -> Columns<'a> {
        Columns {
            badge: badge_column(state),
            doubt: state.claim_facts.doubtful > 0,
            speaker_w: speaker_width(state, width),
        }
    }
}

/// The speaker column: 12 columns on narrow panes; on wider ones as wide as the
/// longest speaker name, up to a quarter of the row.
pub fn speaker_width(state: &State, width: usize) -> usize {
    if width < 70 {
        return 12;
    }
    let longest = state.claim_facts.longest_speaker;
    longest.clamp(18, (width / 4).max(18))
}

/// One row of the Claims pane. Every claim row is drawn here, so the annotation
/// marker (and anything else later) has one place to go.
pub fn claim_row(state: &State, columns: &Columns<'_>, claim: usize, width: usize) -> Line<'static> {
    let (Some(b), Some(index)) = (state.briefing(), state.index()) else {
        return Line::default();
    };
    let Some(c) = b.claims.get(claim) else {
        return Line::default();
    };
    let in_section =
        state.section().is_some() && index.claim_section.get(claim).copied().flatten() == state.section();
    let mut spans = Vec::new();
    // Annotations: ✎ and the grade (B2), in a column shown when any claim has one.
    if let Some(badge) = &columns.badge {
        let text = badge(claim);
        spans.push(Span::styled(fit(&text, 4), state.theme.annotation));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        if in_section { "● " } else { "  " },
        state.theme.mark,
    ));
    // The speaker is a guess the text does not confirm: say so before the name.
    if columns.doubt {
        let mark = if c.doubt.is_some() { "?" } else { " " };
        spans.push(Span::styled(mark, state.theme.doubt));
    }
    spans.push(Span::raw(fit(speaker_name(b, c), columns.speaker_w)));
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

/// What the annotation column of the Claims pane shows for a claim (`✎B2`), or
/// `None` when the column is not needed (nothing annotated or graded).
#[allow(clippy::type_complexity)]
pub fn badge_column(state: &State) -> Option<Box<dyn Fn(usize) -> String + '_>> {
    let store = state.store()?;
    if !store.annotations().iter().any(|p| p.claim.is_some()) && store.actor_grades().is_empty() {
        return None;
    }
    Some(Box::new(move |claim: usize| {
        let grade = store.grade(claim);
        let mark = if store.is_annotated(claim) { "✎" } else { " " };
        if grade.is_empty() {
            mark.trim_end().to_string()
        } else {
            format!("{mark}{grade}")
        }
    }))
}

/// Whether the selected claim's details (with its annotation) fit in the Claims pane.
pub fn details_shown(state: &State) -> bool {
    !state.inline_details().is_empty()
}

/// The selected claim's annotation in one line, for the status bar when the
/// Claims pane is too small for the details: `✎ B2 probably true · #oil · note…`.
pub fn annotation_summary(state: &State) -> Option<String> {
    let claim = state.claim?;
    let store = state.store()?;
    let a = &store.for_claim(claim)?.annotation;
    let mut text = format!("✎ {}", store.grade(claim));
    if let Some(c) = a.credibility {
        text.push_str(&format!(" {}", c.label()));
    }
    if !a.tags.is_empty() {
        let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
        text.push_str(&format!(" · {}", tags.join(" ")));
    }
    let note: Vec<&str> = a.note.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if !note.is_empty() {
        text.push_str(&format!(" · {}", note.join(" / ")));
    }
    Some(text)
}

pub fn draw(frame: &mut Frame<'_>, state: &State, rect: Rect) {
    let Some(b) = state.briefing() else { return };
    let list = &state.claims;
    let mut scope = match state.actor.and_then(|a| b.actors.get(a)) {
        Some(actor) if state.claims_by_actor => format!("Claims · {}", actor.name),
        _ => "Claims".to_string(),
    };
    if let Some(f) = &state.annotation_filter {
        scope.push_str(&format!(" · {}", crate::ui::state::filter_label(f)));
    }
    if state.doubt_only {
        scope.push_str(" · in doubt");
    }
    if state.reattaching().is_some() {
        scope.push_str(" · pick the claim for the orphan");
    }
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
    let rows = state.inline_details();
    let detail_h = (rows.len() as u16).min(inner.height / 2);
    let details: Vec<Line<'static>> = rows
        .iter()
        .take(detail_h as usize)
        .map(|r| super::to_line(r, &state.theme))
        .collect();
    let list_rect = Rect::new(rect.x, rect.y, rect.width, rect.height - detail_h);
    let list_block = block.clone();
    let columns = Columns::new(state, inner.width as usize);
    draw_list(
        frame,
        state,
        Pane::Claims,
        list_rect,
        list_block,
        state.claim,
        |c, w| claim_row(state, &columns, c, w),
    );
    if detail_h > 0 {
        // Redraw the frame's sides over the whole pane, then the details inside it.
        let full = Rect::new(rect.x, rect.y, rect.width, rect.height);
        frame.render_widget(block, full);
        let area = Rect::new(inner.x, inner.bottom() - detail_h, inner.width, detail_h);
        frame.render_widget(Paragraph::new(details), area);
    }
}
