//! What the help says, laid out for a width: generated from the keymap, so it never
//! drifts from the keys. `panes::help` draws these rows; the state bounds the help's
//! scrolling with them.

use unicode_width::UnicodeWidthStr;

use super::action::Command;
use super::doc::{Role, Row, fit, row, truncate, wrapped};
use super::keymap::Keymap;

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
            Command::DoubtFilter,
            Command::FollowRelated,
            Command::SortActors,
            Command::Details,
        ],
    ),
    ("History", &[Command::Back, Command::Forward]),
    (
        "Library",
        &[
            Command::Search,
            Command::Timeline,
            Command::LibraryActors,
            Command::Mark,
            Command::Merge,
            Command::Split,
        ],
    ),
    (
        "Adding a claim",
        &[
            Command::Select,
            Command::SelectRight,
            Command::SelectLeft,
            Command::SelectNextSentence,
            Command::SelectPrevSentence,
            Command::SelectOtherEnd,
            Command::AddClaim,
        ],
    ),
    (
        "Annotations",
        &[
            Command::Annotate,
            Command::AnnotationFilter,
            Command::Orphans,
            Command::GradeActor,
        ],
    ),
    ("Correcting", &[Command::Edit, Command::Undo, Command::Redo]),
    (
        "In a claim's menu",
        &[
            Command::ClaimSpeaker,
            Command::ClaimKind,
            Command::ClaimDate,
            Command::ClaimVia,
            Command::ClaimChecked,
            Command::ClaimDelete,
        ],
    ),
    (
        "In an actor's menu",
        &[
            Command::ActorName,
            Command::ActorAliases,
            Command::ActorKind,
            Command::ActorRole,
            Command::ActorMerge,
            Command::ActorDelete,
        ],
    ),
    (
        "Kinds",
        &[
            Command::KindQuote,
            Command::KindParaphrase,
            Command::KindReport,
            Command::KindPerson,
            Command::KindState,
            Command::KindOrganisation,
            Command::KindGroup,
            Command::KindOther,
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

/// The key to name for a command in prose: its first key, but not Ctrl-i, which
/// most terminals send as Tab (it works only with the kitty keyboard protocol).
fn prose_key(keymap: &Keymap, command: Command) -> String {
    let keys = keymap.keys(command);
    let ctrl_i = super::keymap::Key::parse("ctrl-i").ok();
    keys.iter()
        .find(|k| Some(**k) != ctrl_i)
        .or(keys.first())
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// The quick start: three sentences, wrapped (never cut) to the width.
fn quick_start(keymap: &Keymap, width: usize) -> Vec<Row> {
    let k = |c: Command| prose_key(keymap, c);
    let forward_ctrl_i = keymap
        .keys(Command::Forward)
        .iter()
        .any(|key| Some(*key) == super::keymap::Key::parse("ctrl-i").ok());
    let ctrl_i = if forward_ctrl_i {
        " (Ctrl-i too, where the terminal has the kitty keyboard protocol)"
    } else {
        ""
    };
    let text = [
        format!(
            "Pick an actor: {}, then {} and part of a name, {}; {} again lists its claims.",
            k(Command::FocusActors),
            k(Command::Filter),
            k(Command::Follow),
            k(Command::Follow)
        ),
        format!(
            "In Claims, {} / {} scroll the text to each claim; {} shows one in full; {} / {} walk the actor's mentions.",
            k(Command::Down),
            k(Command::Up),
            k(Command::Details),
            k(Command::NextMatch),
            k(Command::PrevMatch)
        ),
        format!(
            "{} goes back to where you were, {} forward again{ctrl_i}.",
            k(Command::Back),
            k(Command::Forward)
        ),
    ];
    text.iter()
        .flat_map(|t| wrapped(t, width, "", Role::Message))
        .collect()
}

/// One row per command: its keys, what it does, and its name for `[keys]`.
fn bindings(keymap: &Keymap, width: usize, keys_w: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for (group, commands) in GROUPS {
        rows.push(Row::new());
        rows.push(row(*group, Role::Heading));
        for &command in *commands {
            let keys = keymap.describe(command);
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
            rows.push(vec![
                ("  ".into(), Role::Plain),
                (fit(&keys, keys_w), Role::Key),
                ("  ".into(), Role::Plain),
                (help, Role::Plain),
                (name, Role::Dim),
            ]);
        }
    }
    rows
}

const MOUSE: &[(&str, &str)] = &[
    ("click", "focus a pane and select the row"),
    ("", "in the text: select the actor named or the claim clicked"),
    (
        "",
        "in the briefing picker: open the briefing; on the help: close it",
    ),
    ("wheel", "scroll the pane under the pointer"),
    ("", "(mouse = false in config.toml lets the terminal select text)"),
];

const MARKS: &[&str] = &[
    "● in Sections: the selected actor appears there",
    "● in Actors and Claims: they belong to the current section",
    "▌ beside the text: the selected claim; ┊ other claims (their words underlined)",
    "↔2 after a claim: it has 2 related claims (supports / contradicts)",
    "? before a speaker: the text does not tie the words to them (the details say why)",
    "✎B2 in Claims, ✎ by the text: annotated; B = source reliability A-F, 2 = credibility 1-6",
    "Annotation editor: 1-6 set the credibility when it has the cursor (0 unsets, ←/→ step)",
    "Keys can be changed in [keys] of config.toml by action name (right column),",
    "e.g. follow_related = [\"r\", \"ctrl-r\"].",
];

/// The help text for `width` columns: quick start, every command with its keys,
/// the mouse, the marks.
pub fn rows(keymap: &Keymap, width: usize) -> Vec<Row> {
    let keys_w = Command::ALL
        .iter()
        .map(|&c| keymap.describe(c).width())
        .max()
        .unwrap_or(8)
        .min(width / 3)
        .max(6);
    let mut rows = quick_start(keymap, width);
    rows.extend(bindings(keymap, width, keys_w));
    rows.push(Row::new());
    rows.push(row("Mouse", Role::Heading));
    for (what, help) in MOUSE {
        rows.push(vec![
            ("  ".into(), Role::Plain),
            (fit(what, keys_w), Role::Key),
            ("  ".into(), Role::Plain),
            (truncate(help, width.saturating_sub(keys_w + 4)), Role::Plain),
        ]);
    }
    rows.push(Row::new());
    rows.push(row("Marks", Role::Heading));
    for text in MARKS {
        rows.extend(wrapped(text, width, "  ", Role::Plain));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::doc::plain;

    #[test]
    fn nothing_is_wider_than_asked_and_the_quick_start_is_whole() {
        let keymap = Keymap::default();
        for width in [40, 76, 92] {
            let rows = rows(&keymap, width);
            for r in &rows {
                assert!(plain(r).width() <= width, "{width}: {:?}", plain(r));
            }
            let start: String = rows
                .iter()
                .take_while(|r| !r.is_empty())
                .map(|r| plain(r) + " ")
                .collect();
            assert!(start.contains("forward again"), "{width}: {start}");
            assert!(!start.contains('…'), "{width}: {start}");
        }
    }

    #[test]
    fn the_quick_start_names_the_forward_key_that_works() {
        let rows = rows(&Keymap::default(), 92);
        let start: Vec<String> = rows.iter().take_while(|r| !r.is_empty()).map(plain).collect();
        let start = start.join(" ");
        assert!(start.contains("] forward again"), "{start}");
        assert!(
            start.contains("Ctrl-i too, where the terminal has the kitty"),
            "{start}"
        );
    }
}
