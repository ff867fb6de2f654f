//! The annotation editor (credibility, note, tags) and the actor grade editor,
//! drawn over the panes. The text fields are ratatui-textarea widgets.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::model::{claim_words, speaker_name};
use crate::ui::action::Command;
use crate::ui::doc::truncate;
use crate::ui::layout::centered;
use crate::ui::state::{ActorEditor, ActorField, ClaimEditor, Editor, Field, State};

pub fn draw(frame: &mut Frame<'_>, state: &State, area: Rect) {
    match state.editor() {
        Some(Editor::Claim(e)) => draw_claim(frame, state, e, area),
        Some(Editor::Actor(e)) => draw_actor(frame, state, e, area),
        None => {}
    }
}

/// `Tab/Shift-Tab field · Ctrl-s save · Esc cancel · Ctrl-d delete`, from the keymap.
fn hints(state: &State, delete: &str) -> Vec<Span<'static>> {
    let k = |c: Command| state.keymap.first(c);
    let mut spans = Vec::new();
    let mut push = |key: String, word: &str| {
        if !key.is_empty() {
            spans.push(Span::styled(key, state.theme.key));
            spans.push(Span::styled(format!(" {word}  "), state.theme.dim));
        }
    };
    push(
        format!("{}/{}", k(Command::EditorNextField), k(Command::EditorPrevField)),
        "field",
    );
    push(k(Command::EditorSave), "save");
    push(k(Command::EditorCancel), "cancel");
    push(k(Command::EditorDelete), delete);
    spans
}

/// A field's label: highlighted when the field has the cursor.
fn label(state: &State, text: &str, focused: bool, width: usize) -> Span<'static> {
    let style = if focused {
        state.theme.field_focused
    } else {
        state.theme.heading
    };
    Span::styled(format!("{text:<width$}"), style)
}

/// Clears a centred popup and draws its frame; `None` when there is no room at all.
fn popup(
    frame: &mut Frame<'_>,
    state: &State,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
) -> Option<Rect> {
    let rect = centered(area, width.min(area.width), height.min(area.height));
    if rect.width < 8 || rect.height < 3 {
        return None;
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(state.theme.border_focused)
        .title(Line::from(truncate(title, rect.width.saturating_sub(4) as usize)));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    Some(inner)
}

fn scale_line(state: &State, e: &ClaimEditor, width: usize) -> Line<'static> {
    let focused = e.field == Field::Credibility;
    let mut spans = vec![label(state, "Credibility", focused, 12)];
    let value = match e.credibility {
        Some(c) => format!("‹ {} {} ›", c.number(), c.label()),
        None => "‹ unset ›".to_string(),
    };
    spans.push(Span::styled(value, state.theme.annotation));
    let hint = if focused {
        "  1-6 set · 0 unset · ←/→"
    } else {
        "  (1 confirmed … 6 cannot be judged)"
    };
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::styled(
        truncate(hint, width.saturating_sub(used)),
        state.theme.dim,
    ));
    Line::from(spans)
}

fn draw_claim(frame: &mut Frame<'_>, state: &State, e: &ClaimEditor, area: Rect) {
    let (Some(b), Some(c)) = (
        state.loaded_at(e.briefing).map(|l| &l.briefing),
        state
            .loaded_at(e.briefing)
            .and_then(|l| l.briefing.claims.get(e.claim)),
    ) else {
        return;
    };
    let verb = if e.editing.is_some() {
        "Edit annotation"
    } else {
        "Annotate"
    };
    let title = format!(" {verb} · {} ", speaker_name(b, c));
    let Some(inner) = popup(frame, state, area, 84, 20, &title) else {
        return;
    };
    let w = inner.width as usize;
    let h = inner.height;
    if w == 0 || h == 0 {
        return;
    }
    let row = |y: u16, height: u16| Rect::new(inner.x, inner.y + y, inner.width, height);
    if h < 5 {
        // Tiny: only the field being edited.
        match e.field {
            Field::Credibility => frame.render_widget(Paragraph::new(scale_line(state, e, w)), row(0, 1)),
            Field::Note => frame.render_widget(&e.note, row(0, h)),
            Field::Tags => frame.render_widget(&e.tags, row(0, h)),
        }
        return;
    }
    let mut y = 0;
    // The claim's words, when there is room for them.
    if h >= 10 {
        let lines = words_preview(state, &claim_words(c), w);
        let n = lines.len() as u16;
        frame.render_widget(Paragraph::new(lines), row(0, n));
        y += n + 1;
    }
    draw_claim_fields(frame, state, e, inner, y);
}

/// A claim's words in at most two lines, the second ending in … when they go on.
fn words_preview(state: &State, words: &str, w: usize) -> Vec<Line<'static>> {
    let wrapped = textwrap::wrap(words, w.max(1));
    let mut lines: Vec<Line<'static>> = wrapped
        .iter()
        .take(2)
        .map(|l| Line::from(Span::styled(l.to_string(), state.theme.dim)))
        .collect();
    if wrapped.len() > 2
        && let Some(last) = lines.last_mut()
    {
        let text = format!("{} …", wrapped[1]);
        *last = Line::from(Span::styled(truncate(&text, w), state.theme.dim));
    }
    lines
}

/// The credibility scale, the note, the tags and the hints, from row `y` of `inner` down.
fn draw_claim_fields(frame: &mut Frame<'_>, state: &State, e: &ClaimEditor, inner: Rect, mut y: u16) {
    let (w, h) = (inner.width as usize, inner.height);
    let row = |y: u16, height: u16| Rect::new(inner.x, inner.y + y, inner.width, height);
    frame.render_widget(Paragraph::new(scale_line(state, e, w)), row(y, 1));
    y += 1;
    if h - y >= 5 {
        y += 1;
    }
    let note_label = Line::from(vec![
        label(state, "Note", e.field == Field::Note, 5),
        Span::styled(
            if e.field == Field::Note {
                "  Enter: new line"
            } else {
                ""
            },
            state.theme.dim,
        ),
    ]);
    frame.render_widget(Paragraph::new(note_label), row(y, 1));
    y += 1;
    // Below the note: a blank row when there is room, the tags, the hints.
    let below = if h - y >= 5 { 3 } else { 2 };
    let note_h = h.saturating_sub(y + below).max(1);
    let note_rect = Rect::new(inner.x + 2, inner.y + y, inner.width.saturating_sub(2), note_h);
    frame.render_widget(&e.note, note_rect);
    y += note_h;
    if below == 3 {
        y += 1;
    }
    if y < h {
        let tags_label = label(state, "Tags", e.field == Field::Tags, 6);
        frame.render_widget(Paragraph::new(Line::from(tags_label)), row(y, 1));
        let tags_rect = Rect::new(inner.x + 6, inner.y + y, inner.width.saturating_sub(6), 1);
        frame.render_widget(&e.tags, tags_rect);
        y += 1;
    }
    if y < h {
        let delete = if e.editing.is_some() { "delete" } else { "" };
        let mut spans = hints(state, delete);
        if delete.is_empty() {
            spans.truncate(spans.len().saturating_sub(2));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), row(h - 1, 1));
    }
}

fn draw_actor(frame: &mut Frame<'_>, state: &State, e: &ActorEditor, area: Rect) {
    let Some(actor) = state
        .loaded_at(e.briefing)
        .and_then(|l| l.briefing.actors.get(e.actor))
    else {
        return;
    };
    let title = format!(" Source reliability · {} ", actor.name);
    let Some(inner) = popup(frame, state, area, 72, 8, &title) else {
        return;
    };
    let w = inner.width as usize;
    let h = inner.height;
    if w == 0 || h == 0 {
        return;
    }
    let row = |y: u16| Rect::new(inner.x, inner.y + y, inner.width, 1);
    let focused = e.field == ActorField::Reliability;
    let mut spans = vec![label(state, "Reliability", focused, 12)];
    spans.push(Span::styled(
        match e.reliability {
            Some(r) => format!("‹ {} {} ›", r.letter(), r.label()),
            None => "‹ unset ›".to_string(),
        },
        state.theme.annotation,
    ));
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let hint = if focused {
        "  A-F set · ←/→"
    } else {
        "  (A completely reliable … F cannot be judged)"
    };
    spans.push(Span::styled(
        truncate(hint, w.saturating_sub(used)),
        state.theme.dim,
    ));
    let lines = [Line::from(spans)];
    if h < 3 {
        if focused {
            frame.render_widget(Paragraph::new(lines[0].clone()), row(0));
        } else {
            frame.render_widget(&e.note, row(0));
        }
        return;
    }
    frame.render_widget(Paragraph::new(lines[0].clone()), row(0));
    let note_y = if h >= 5 { 2 } else { 1 };
    frame.render_widget(
        Paragraph::new(Line::from(label(state, "Note", !focused, 12))),
        row(note_y),
    );
    let note_rect = Rect::new(inner.x + 12, inner.y + note_y, inner.width.saturating_sub(12), 1);
    frame.render_widget(&e.note, note_rect);
    if h > note_y + 1 {
        let delete = if e.existed { "remove grade" } else { "" };
        let mut spans = hints(state, delete);
        if delete.is_empty() {
            spans.truncate(spans.len().saturating_sub(2));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), row(h - 1));
    }
}
