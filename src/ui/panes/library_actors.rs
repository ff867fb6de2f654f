//! The library actors view: a line per actor across the library (name, kind,
//! briefings, claims, other names), or one actor's briefings, each followed by
//! its claims there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::listing::{self, column};
use crate::library::views::Identity;
use crate::text::sanitize;
use crate::ui::doc::truncate;
use crate::ui::state::{
    ActorDetail, DETAIL_ROWS, DetailRow, IDENTITY_ROWS, LibraryActorsView, State, first_item,
};
use crate::ui::theme::Theme;

/// Widths of the name and kind columns.
const NAME: usize = 30;
const KIND: usize = 12;
/// Widths of the kind and speaker columns of a claim in the detail.
const CLAIM_KIND: usize = 10;
const SPEAKER: usize = 20;

pub fn draw(frame: &mut Frame<'_>, state: &State, screen: Rect) {
    let Some(view) = state.library_actors() else {
        return;
    };
    match &view.detail {
        Some(detail) => draw_detail(frame, state, screen, detail),
        None => draw_list(frame, state, screen, view),
    }
}

fn draw_list(frame: &mut Frame<'_>, state: &State, screen: Rect, view: &LibraryActorsView) {
    let filter = if view.list.filter.is_empty() {
        String::new()
    } else {
        format!(" · /{}", truncate(&sanitize(&view.list.filter), 30))
    };
    let title = if view.pending && view.identities.is_empty() {
        " Library actors ".to_string()
    } else {
        format!(
            " Library actors · {}{filter} · {} ",
            listing::count(view.list.rows.len(), "actor", "actors"),
            view.sort.label()
        )
    };
    let Some(inner) = listing::frame(frame, state, screen, title, 2) else {
        return;
    };
    if view.list.rows.is_empty() {
        let text = match (view.pending, view.identities.is_empty()) {
            (true, _) => "reading the library's actors…",
            (false, true) => "No actors in the library. Esc closes.",
            (false, false) => "No actor passes the filter. Esc clears it.",
        };
        return listing::placeholder(frame, state, inner, text);
    }
    let width = inner.width as usize;
    let shown = IDENTITY_ROWS.fits(inner);
    let offset = first_item(view.list.cursor, shown);
    let heading = format!(
        "   {:NAME$}  {:KIND$}  briefings  claims  also named",
        "actor", "kind"
    );
    let mut lines = vec![Line::from(Span::styled(
        truncate(&heading, width),
        state.theme.dim,
    ))];
    for (row, &i) in view.list.rows.iter().enumerate().skip(offset).take(shown) {
        let Some(identity) = view.identities.get(i) else {
            continue;
        };
        let marked = view
            .marked
            .as_ref()
            .is_some_and(|m| identity.members.iter().any(|x| x.key() == m.key));
        let line = identity_line(identity, marked, &state.theme, width);
        lines.extend(listing::mark(vec![line], state, width, row == view.list.cursor));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "* Russia   state   6   14   The Kremlin, Moscow".
fn identity_line(identity: &Identity, marked: bool, theme: &Theme, width: usize) -> Line<'static> {
    let used = 3 + NAME + 2 + KIND + 2 + 9 + 2 + 6 + 2;
    Line::from(vec![
        Span::styled(if marked { " * " } else { "   " }, theme.search),
        Span::styled(format!("{}  ", column(&identity.name, NAME)), theme.heading),
        Span::styled(format!("{}  ", column(identity.kind.as_str(), KIND)), theme.dim),
        Span::raw(format!("{:>9}  {:>6}  ", identity.briefings, identity.claims)),
        Span::styled(
            column(&identity.also.join(", "), width.saturating_sub(used)),
            theme.dim,
        ),
    ])
}

fn draw_detail(frame: &mut Frame<'_>, state: &State, screen: Rect, detail: &ActorDetail) {
    let numbers = detail.identity.as_ref().map_or(String::new(), |i| {
        format!(
            " · {} · {} · {}",
            i.kind.as_str(),
            listing::count(i.briefings, "briefing", "briefings"),
            listing::count(i.claims, "claim", "claims")
        )
    });
    let title = format!(" {}{numbers} ", truncate(&sanitize(&detail.name), 50));
    let Some(inner) = listing::frame(frame, state, screen, title, 3) else {
        return;
    };
    if detail.rows.is_empty() {
        let text = if detail.pending {
            "reading the actor's briefings and claims…"
        } else {
            "Nothing to show. Esc goes back to the list."
        };
        return listing::placeholder(frame, state, inner, text);
    }
    let width = inner.width as usize;
    let also = match &detail.identity {
        Some(i) if !i.also.is_empty() => format!(" also named: {}", i.also.join(", ")),
        Some(i) if i.members.len() > 1 => format!(" named {} in every briefing", i.name),
        _ => String::new(),
    };
    let mut lines = vec![
        Line::from(Span::styled(column(&also, width), state.theme.dim)),
        Line::from(Span::styled(
            truncate(
                " each briefing, then the claims by or about the actor there",
                width,
            ),
            state.theme.dim,
        )),
    ];
    let shown = DETAIL_ROWS.fits(inner);
    let offset = first_item(detail.cursor, shown);
    for (i, row) in detail.rows.iter().enumerate().skip(offset).take(shown) {
        let line = detail_line(row, &state.theme, width);
        lines.extend(listing::mark(vec![line], state, width, i == detail.cursor));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn detail_line(row: &DetailRow, theme: &Theme, width: usize) -> Line<'static> {
    match row {
        DetailRow::Briefing { member, title } => {
            let role = member.role.as_deref().map_or(String::new(), |r| format!(", {r}"));
            let how = format!(
                "  as {}{role} · {} · {}",
                member.name,
                listing::count(member.claims, "claim", "claims"),
                listing::count(member.mentions, "mention", "mentions")
            );
            let how = truncate(&sanitize(&how), width.saturating_sub(3) / 2);
            let room = width.saturating_sub(3 + unicode_width::UnicodeWidthStr::width(how.as_str()));
            Line::from(vec![
                Span::styled(format!(" ▸ {}", column(title, room)), theme.heading),
                Span::styled(how, theme.dim),
            ])
        }
        DetailRow::Claim { claim, .. } => {
            let date = claim.date.as_deref().map_or(String::new(), |d| format!("{d} "));
            let used = 4 + CLAIM_KIND + 1 + SPEAKER + 1;
            let speaker = claim.speaker.as_deref().unwrap_or("(unattributed)");
            Line::from(vec![
                Span::styled(format!("    {} ", column(&claim.kind, CLAIM_KIND)), theme.dim),
                Span::raw(format!("{} ", column(speaker, SPEAKER))),
                Span::styled(column(&date, 11.min(width.saturating_sub(used))), theme.dim),
                Span::raw(column(&claim.text, width.saturating_sub(used + 11))),
            ])
        }
    }
}
