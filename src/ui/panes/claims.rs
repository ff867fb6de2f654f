//! Claims: who said what, when; the selected claim's details and related claims below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::draw_list;
use crate::model::ClaimKind;
use crate::model::{claim_details, claim_words, speaker_name};
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
    // Annotations: ✎ and the grade (B2), in a column shown when any claim has one.
    if let Some(badge) = badge_column(state) {
        let text = badge(claim);
        spans.push(Span::styled(fit(&text, 4), state.theme.annotation));
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

/// The annotation of the selected claim: grade, tags, and the first lines of the note.
fn annotation_lines(state: &State, claim: usize, width: usize) -> Vec<Line<'static>> {
    let Some(store) = state.store() else {
        return Vec::new();
    };
    let theme = &state.theme;
    let key = state.keymap.first(Command::Annotate);
    let Some(placed) = store.for_claim(claim) else {
        let text = match store.grade(claim).reliability {
            None => format!("{key}: annotate this claim"),
            Some(r) => format!("speaker graded {r} ({}) · {key}: annotate this claim", r.label()),
        };
        return vec![Line::from(Span::styled(truncate(&text, width), theme.dim))];
    };
    let a = &placed.annotation;
    let grade = store.grade(claim);
    let mut head = format!("✎ {grade}");
    if let Some(c) = a.credibility {
        head.push_str(&format!(" {}", c.label()));
    }
    if !a.tags.is_empty() {
        let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
        head.push_str(&format!(" · {}", tags.join(" ")));
    }
    let state_word = match placed.state {
        crate::annotations::AnchorState::Stale => " · claim changed since",
        crate::annotations::AnchorState::Moved => " · moved here",
        _ => "",
    };
    head.push_str(state_word);
    let more = store.all_for_claim(claim).count();
    if more > 1 {
        head.push_str(&format!(" · +{} more", more - 1));
    }
    let hint = format!(" {key} edit");
    let room = width.saturating_sub(hint.width());
    let mut lines = vec![Line::from(vec![
        Span::styled(truncate(&head, room), theme.annotation),
        Span::styled(
            " ".repeat(room.saturating_sub(truncate(&head, room).width())),
            theme.dim,
        ),
        Span::styled(
            if width > hint.width() + 8 {
                hint
            } else {
                String::new()
            },
            theme.dim,
        ),
    ])];
    let note: Vec<String> = a
        .note
        .lines()
        .filter(|l| !l.trim().is_empty())
        .flat_map(|l| {
            textwrap::wrap(l, width.saturating_sub(2).max(1))
                .into_iter()
                .map(|x| x.into_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    const NOTE_LINES: usize = 3;
    for (i, l) in note.iter().take(NOTE_LINES).enumerate() {
        let cut = i + 1 == NOTE_LINES && note.len() > NOTE_LINES;
        let text = if cut { format!("{l} …") } else { l.clone() };
        lines.push(Line::from(vec![
            Span::styled("│ ", theme.annotation),
            Span::raw(truncate(&text, width.saturating_sub(2))),
        ]));
    }
    lines
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
    lines.extend(annotation_lines(state, claim, width));
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

/// Whether the selected claim's details (with its annotation) fit in the Claims pane.
pub fn details_shown(state: &State) -> bool {
    let pane = state.areas.claims;
    let inner = Rect::new(
        pane.x,
        pane.y,
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    );
    !details(state, inner).is_empty()
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
    let mut scope = match state.actor.and_then(|a| b.actors.get(a)) {
        Some(actor) if state.claims_by_actor => format!("Claims · {}", actor.name),
        _ => "Claims".to_string(),
    };
    if let Some(f) = &state.annotation_filter {
        scope.push_str(&format!(" · {}", crate::ui::state::filter_label(f)));
    }
    if state.reattaching.is_some() {
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
