//! The text: only the visible lines of the cached layout are drawn, each split
//! into runs styled by mentions, claim spans and search matches.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::index::Index;
use crate::model::Briefing;
use crate::ui::action::Pane;
use crate::ui::layout::GUTTER;
use crate::ui::panes::pane_block;
use crate::ui::state::{State, section_label};
use crate::ui::wrap::{LineKind, TextLayout, TextLine};

pub fn draw(frame: &mut Frame<'_>, state: &State, rect: Rect) {
    let (Some(b), Some(index)) = (state.briefing(), state.index()) else {
        return;
    };
    let layout = &state.layout;
    let top = state.text_top.min(layout.len().saturating_sub(1));
    let title = format!("Text · {}", section_label(b, layout.section_at(top)));
    let mut right = position(state, rect);
    if let Some(search) = state.search.as_ref().filter(|s| !s.query.is_empty()) {
        let at = search.current.map_or(0, |c| c + 1);
        right = format!("/{} {at}/{} · {right}", search.query, search.matches.len());
    }
    let block = pane_block(state, Pane::Text, title, right);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.width == 0 || inner.height == 0 || layout.is_empty() {
        return;
    }
    let height = inner.height as usize;
    let selected_claim = state.claim.and_then(|c| {
        Some((
            index.claim_section.get(c).copied()??,
            index.claim_span.get(c).cloned()??,
        ))
    });
    let current_mention = state
        .actor
        .zip(state.mention)
        .and_then(|(a, m)| index.actor_mentions.get(a)?.get(m))
        .map(|m| (m.section, m.range.clone()));
    let search = state.search.as_ref();
    let current_match = search.and_then(|s| s.matches.get(s.current?)).cloned();
    let lines: Vec<Line<'static>> = layout
        .visible(b, top, height)
        .iter()
        .map(|line| {
            render_line(&Ctx {
                state,
                briefing: b,
                index,
                line,
                selected_claim: selected_claim.as_ref(),
                current_mention: current_mention.as_ref(),
                current_match: current_match.as_ref(),
            })
        })
        .collect();
    let buf = frame.buffer_mut();
    for (y, line) in lines.iter().enumerate() {
        buf.set_line(inner.x, inner.y + y as u16, line, inner.width.saturating_sub(1));
    }
    if layout.len() > height {
        let mut bar = ScrollbarState::new(layout.len().saturating_sub(height)).position(top);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(Some("│"))
                .thumb_symbol("┃")
                .style(state.theme.dim),
            rect.inner(Margin::new(0, 1)),
            &mut bar,
        );
    }
}

/// "42%" or "Top" / "End", like a pager.
fn position(state: &State, rect: Rect) -> String {
    let rows = rect.height.saturating_sub(2) as usize;
    let len = state.layout.len();
    if len <= rows {
        return "All".into();
    }
    let max = len - rows;
    match state.text_top {
        0 => "Top".into(),
        t if t >= max => "End".into(),
        t => format!("{}%", t * 100 / max),
    }
}

struct Ctx<'a> {
    state: &'a State,
    briefing: &'a Briefing,
    index: &'a Index,
    line: &'a TextLine,
    selected_claim: Option<&'a (usize, Range<usize>)>,
    current_mention: Option<&'a (usize, Range<usize>)>,
    current_match: Option<&'a (usize, Range<usize>)>,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn render_line(ctx: &Ctx<'_>) -> Line<'static> {
    let line = ctx.line;
    let Some(section) = ctx.briefing.sections.get(line.section) else {
        return Line::default();
    };
    match line.kind {
        LineKind::Blank => Line::default(),
        LineKind::Heading => {
            let heading = section.heading.as_deref().unwrap_or("");
            let text = heading.get(line.range()).unwrap_or("").to_string();
            Line::from(vec![
                Span::raw(" ".repeat(GUTTER as usize)),
                Span::styled(text, ctx.state.theme.heading),
            ])
        }
        LineKind::Body => body_line(ctx, &section.text),
    }
}

/// A byte range of the text and the style it takes.
type Styled = (Range<usize>, Style);

/// A line of a section's text: the annotation mark, the claim bar, then the text
/// cut into runs where claims, mentions, matches and the selection begin or end.
fn body_line(ctx: &Ctx<'_>, text: &str) -> Line<'static> {
    let range = ctx.line.range();
    let claims = line_claims(ctx, &range);
    // Later layers win: mentions, then search matches, then the words being selected (v).
    let layers = [
        line_mentions(ctx, &range),
        line_matches(ctx, &range),
        line_selection(ctx, &range),
    ];
    let mut cuts = vec![range.start, range.end];
    for r in claims.iter().chain(layers.iter().flatten()).map(|c| &c.0) {
        cuts.push(r.start.clamp(range.start, range.end));
        cuts.push(r.end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = vec![
        annotation_mark(ctx, &range),
        claim_bar(ctx, &range, !claims.is_empty()),
    ];
    for pair in cuts.windows(2) {
        let seg = pair[0]..pair[1];
        let Some(words) = text.get(seg.clone()) else {
            continue;
        };
        let style = claims
            .iter()
            .chain(layers.iter().flatten())
            .filter(|(r, _)| overlaps(r, &seg))
            .fold(Style::default(), |style, (_, st)| style.patch(*st));
        spans.push(Span::styled(words.to_string(), style));
    }
    Line::from(spans)
}

/// The spans of the claims on this line (a section has few claims), the selected
/// one styled apart.
fn line_claims(ctx: &Ctx<'_>, range: &Range<usize>) -> Vec<Styled> {
    let (s, theme) = (ctx.line.section, &ctx.state.theme);
    ctx.index
        .section_claims
        .get(s)
        .into_iter()
        .flatten()
        .filter_map(|&c| ctx.index.claim_span.get(c).cloned().flatten())
        .filter(|span| overlaps(span, range))
        .map(|span| {
            let selected = ctx
                .selected_claim
                .is_some_and(|(cs, sel)| *cs == s && *sel == span);
            let style = if selected {
                theme.claim_selected
            } else {
                theme.claim
            };
            (span, style)
        })
        .collect()
}

/// ✎ before the bar: a claim on this line is annotated.
fn annotation_mark(ctx: &Ctx<'_>, range: &Range<usize>) -> Span<'static> {
    let s = ctx.line.section;
    let annotated = ctx.state.store().is_some_and(|store| {
        ctx.index.section_claims.get(s).into_iter().flatten().any(|&c| {
            store.is_annotated(c)
                && ctx
                    .index
                    .claim_span
                    .get(c)
                    .cloned()
                    .flatten()
                    .is_some_and(|span| overlaps(&span, range))
        })
    });
    if annotated {
        Span::styled("✎", ctx.state.theme.annotation)
    } else {
        Span::raw(" ")
    }
}

/// The gutter bar: the selected claim runs through this line, or some claim does.
fn claim_bar(ctx: &Ctx<'_>, range: &Range<usize>, any_claim: bool) -> Span<'static> {
    let theme = &ctx.state.theme;
    let in_selected = ctx
        .selected_claim
        .is_some_and(|(cs, span)| *cs == ctx.line.section && overlaps(span, range));
    if in_selected {
        Span::styled("▌ ", theme.gutter)
    } else if any_claim {
        Span::styled("┊ ", theme.dim)
    } else {
        Span::raw("  ")
    }
}

/// Mentions on this line: binary search in the section's sorted mentions.
fn line_mentions(ctx: &Ctx<'_>, range: &Range<usize>) -> Vec<Styled> {
    let (s, theme) = (ctx.line.section, &ctx.state.theme);
    let mentions = ctx.index.section_mentions.get(s).map_or(&[][..], Vec::as_slice);
    let first = mentions.partition_point(|m| m.range.end <= range.start);
    mentions[first..]
        .iter()
        .take_while(|m| m.range.start < range.end)
        .map(|m| {
            let style = if ctx.state.actor != Some(m.actor) {
                theme.mention
            } else if ctx
                .current_mention
                .is_some_and(|(cs, r)| *cs == s && *r == m.range)
            {
                theme.mention_current
            } else {
                theme.mention_selected
            };
            (m.range.clone(), style)
        })
        .collect()
}

/// Search matches on this line (the matches are sorted by section and place).
fn line_matches(ctx: &Ctx<'_>, range: &Range<usize>) -> Vec<Styled> {
    let (s, theme) = (ctx.line.section, &ctx.state.theme);
    let Some(search) = &ctx.state.search else {
        return Vec::new();
    };
    let key = (s, range.start);
    let first = search.matches.partition_point(|(ms, r)| (*ms, r.end) <= key);
    search.matches[first..]
        .iter()
        .take_while(|(ms, r)| *ms == s && r.start < range.end)
        .map(|(ms, r)| {
            let current = ctx.current_match.is_some_and(|(cs, cr)| cs == ms && cr == r);
            let style = if current {
                theme.search_current
            } else {
                theme.search
            };
            (r.clone(), style)
        })
        .collect()
}

/// The words being selected (v), if they reach this line.
fn line_selection(ctx: &Ctx<'_>, range: &Range<usize>) -> Vec<Styled> {
    ctx.state
        .selection()
        .filter(|sel| sel.section == ctx.line.section && overlaps(&sel.range(), range))
        .map(|sel| (sel.range(), ctx.state.theme.selection))
        .into_iter()
        .collect()
}

/// The lines of a layout as plain text (for tests and debugging).
pub fn plain_lines(b: &Briefing, layout: &TextLayout) -> Vec<String> {
    layout
        .visible(b, 0, layout.len())
        .iter()
        .map(|l| match l.kind {
            LineKind::Blank => String::new(),
            LineKind::Heading => b.sections[l.section]
                .heading
                .as_deref()
                .unwrap_or("")
                .get(l.range())
                .unwrap_or("")
                .to_string(),
            LineKind::Body => b.sections[l.section]
                .text
                .get(l.range())
                .unwrap_or("")
                .to_string(),
        })
        .collect()
}
