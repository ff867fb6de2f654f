//! The help overlay, generated from the keymap so it never drifts from the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::ui::action::Command;
use crate::ui::draw::{centered, fit, truncate};
use crate::ui::state::State;

/// Commands in the order the help lists them, by topic.
pub const GROUPS: &[(&str, &[Command])] = &[
    (
        "Panes",
        &[
            Command::FocusNext,
            Command::FocusPrev,
            Command::FocusSections,
            Command::FocusActors,
            Command::FocusClaims,
            Command::FocusText,
        ],
    ),
    (
        "Moving",
        &[
            Command::Down,
            Command::Up,
            Command::Top,
            Command::Bottom,
            Command::PageDown,
            Command::PageUp,
            Command::HalfPageDown,
            Command::HalfPageUp,
        ],
    ),
    (
        "Links",
        &[
            Command::Follow,
            Command::NextMatch,
            Command::PrevMatch,
            Command::ToggleClaimFilter,
            Command::FollowRelated,
            Command::SortActors,
        ],
    ),
    ("History", &[Command::Back, Command::Forward]),
    (
        "Annotations",
        &[
            Command::Annotate,
            Command::AnnotationFilter,
            Command::Orphans,
            Command::GradeActor,
        ],
    ),
    (
        "In the editors",
        &[
            Command::EditorSave,
            Command::EditorCancel,
            Command::EditorNextField,
            Command::EditorPrevField,
            Command::EditorDelete,
        ],
    ),
    ("Finding", &[Command::Filter, Command::Clear, Command::Picker]),
    ("Reader", &[Command::Help, Command::Quit, Command::Suspend]),
];

/// The help text: every command with its keys, then how the panes link up.
pub fn help_lines(state: &State, width: usize) -> Vec<Line<'static>> {
    let theme = &state.theme;
    let keys_w = Command::ALL
        .iter()
        .map(|&c| state.keymap.describe(c).width())
        .max()
        .unwrap_or(8)
        .min(width / 3)
        .max(6);
    let k = |c: Command| state.keymap.first(c);
    let intro = [
        format!(
            "Pick an actor: {}, then {} and part of a name, {}; {} again lists its claims.",
            k(Command::FocusActors),
            k(Command::Filter),
            k(Command::Follow),
            k(Command::Follow)
        ),
        format!(
            "In Claims, {} / {} scroll the text to each claim; {} / {} walk the actor's mentions.",
            k(Command::Down),
            k(Command::Up),
            k(Command::NextMatch),
            k(Command::PrevMatch)
        ),
        format!(
            "{} goes back to where you were, {} forward again.",
            k(Command::Back),
            k(Command::Forward)
        ),
    ];
    let mut lines: Vec<Line<'static>> = intro
        .iter()
        .map(|t| Line::from(Span::styled(truncate(t, width), theme.message)))
        .collect();
    for (group, commands) in GROUPS {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(group.to_string(), theme.heading)));
        for &command in *commands {
            let keys = state.keymap.describe(command);
            let room = width.saturating_sub(keys_w + 4);
            // The action's name, for [keys] in config.toml, when there is room for it.
            let name = command.name();
            let help_w = command.help().width();
            let (help, name) = if help_w + name.width() + 2 <= room {
                let gap = room - help_w - name.width();
                (format!("{}{}", command.help(), " ".repeat(gap)), name.to_string())
            } else {
                (truncate(command.help(), room), String::new())
            };
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(fit(&keys, keys_w), theme.key),
                Span::raw("  "),
                Span::raw(help),
                Span::styled(name, theme.dim),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Mouse", theme.heading)));
    let mouse = [
        ("click", "focus a pane and select the row"),
        ("", "in the text: select the actor named or the claim clicked"),
        ("wheel", "scroll the pane under the pointer"),
        ("", "(mouse = false in config.toml lets the terminal select text)"),
    ];
    for (what, help) in mouse {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(fit(what, keys_w), theme.key),
            Span::raw("  "),
            Span::raw(truncate(help, width.saturating_sub(keys_w + 4))),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Marks", theme.heading)));
    for text in [
        "● in Sections: the selected actor appears there",
        "● in Actors and Claims: they belong to the current section",
        "▌ beside the text: the selected claim; ┊ other claims (their words underlined)",
        "↔2 after a claim: it has 2 related claims (supports / contradicts)",
        "✎B2 in Claims, ✎ by the text: annotated; B = source reliability A-F, 2 = credibility 1-6",
        "Annotation editor: 1-6 set the credibility when it has the cursor (0 unsets, ←/→ step)",
        "Keys can be changed in [keys] of config.toml by action name (right column),",
        "e.g. follow_related = [\"r\", \"ctrl-r\"].",
    ] {
        lines.push(Line::from(format!(
            "  {}",
            truncate(text, width.saturating_sub(2))
        )));
    }
    lines
}

pub fn draw(frame: &mut Frame<'_>, state: &State, area: Rect) {
    let width = area.width.saturating_sub(4).min(96);
    let height = area.height.saturating_sub(2);
    let rect = centered(area, width, height);
    if rect.width < 4 || rect.height < 3 {
        return;
    }
    let inner_w = rect.width.saturating_sub(4) as usize;
    let lines = help_lines(state, inner_w);
    let rows = rect.height.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(rows);
    let scroll = state.help.unwrap_or(0).min(max);
    let close = state.keymap.first(Command::Help);
    let more = if max > 0 {
        format!(" {}/{} j/k scroll ", scroll + rows.min(lines.len()), lines.len())
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(state.theme.border_focused)
        .title(Line::from(format!(" Help · {close} or Esc closes ")))
        .title_bottom(Line::from(more).right_aligned())
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Clear, rect);
    let visible: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(visible).block(block), rect);
}
