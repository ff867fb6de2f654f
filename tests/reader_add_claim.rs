//! Adding a claim from the reader: selecting words in the Text pane (keys and
//! mouse) through the pure `update`, then the speaker and the kind.

mod common;

use briefing::ui::action::{Action, Command, Pane};
use briefing::ui::state::{LayerKind, State};
use ratatui::style::Modifier;

use common::reader::{cmd, reader, render, screen, type_text};

/// The selected words.
fn selected(state: &State) -> String {
    let sel = state.selection().expect("a selection");
    let text = &state.briefing().unwrap().sections[sel.section].text;
    text[sel.range()].to_string()
}

#[test]
fn v_selects_the_sentence_at_the_top_of_the_text_and_esc_ends_it() {
    let mut s = reader();
    cmd(&mut s, Command::Select);
    assert_eq!(s.layer(), LayerKind::Select);
    assert_eq!(s.focus, Pane::Text);
    assert_eq!(selected(&s), "It may be happening again.");
    cmd(&mut s, Command::Clear);
    assert_eq!(s.layer(), LayerKind::Panes);
    assert!(s.selection().is_none());
    // `v` again stops too.
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::Select);
    assert!(s.selection().is_none());
}

#[test]
fn the_movement_keys_move_one_end_by_words_sentences_and_lines() {
    let mut s = reader();
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Select);
    assert!(
        selected(&s).starts_with("In 2019, the United States backed"),
        "{}",
        selected(&s)
    );
    assert!(selected(&s).ends_with("Nicolas Maduro."), "{}", selected(&s));
    cmd(&mut s, Command::SelectLeft);
    cmd(&mut s, Command::SelectLeft);
    assert!(selected(&s).ends_with("Venezuela’s"), "{}", selected(&s));
    cmd(&mut s, Command::SelectRight);
    assert!(selected(&s).ends_with("Venezuela’s Nicolas"), "{}", selected(&s));
    cmd(&mut s, Command::SelectNextSentence);
    assert!(selected(&s).ends_with("Nicolas Maduro."), "{}", selected(&s));
    cmd(&mut s, Command::SelectNextSentence);
    assert!(
        selected(&s).ends_with("partner in Latin America."),
        "{}",
        selected(&s)
    );
    cmd(&mut s, Command::SelectPrevSentence);
    assert!(selected(&s).ends_with("Nicolas Maduro."), "{}", selected(&s));
    // The start moves after `o`.
    cmd(&mut s, Command::SelectOtherEnd);
    cmd(&mut s, Command::SelectRight);
    cmd(&mut s, Command::SelectRight);
    assert!(
        selected(&s).starts_with("the United States backed"),
        "{}",
        selected(&s)
    );
    cmd(&mut s, Command::SelectLeft);
    assert!(selected(&s).starts_with("2019, the"), "{}", selected(&s));
    // A line down moves the start to the next line, on a whole word.
    let before = s.selection().unwrap().start;
    cmd(&mut s, Command::Down);
    let sel = s.selection().unwrap().clone();
    assert!(sel.start > before);
    let text = &s.briefing().unwrap().sections[sel.section].text;
    assert!(text[..sel.start].ends_with(' '), "{:?}", &text[..sel.start]);
    // The selection never becomes empty.
    cmd(&mut s, Command::SelectOtherEnd);
    for _ in 0..40 {
        cmd(&mut s, Command::SelectLeft);
    }
    assert!(!selected(&s).is_empty());
    assert!(!selected(&s).contains(' '), "one word left: {}", selected(&s));
}

#[test]
fn v_starts_at_the_current_search_match() {
    let mut s = reader();
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "nothing m");
    s.update(Action::InputAccept);
    cmd(&mut s, Command::Select);
    assert_eq!(selected(&s), "nothing much");
}

#[test]
fn a_mouse_drag_in_the_text_selects_whole_words() {
    let mut s = reader();
    let rect = s.areas.pane(Pane::Text);
    let x = rect.x + 1 + briefing::ui::layout::GUTTER;
    // "It may be happening again." is the first line of the lead: press on "may",
    // drag to the middle of "happening".
    s.update(Action::Click {
        column: x + 4,
        row: rect.y + 1,
    });
    s.update(Action::Drag {
        column: x + 13,
        row: rect.y + 1,
    });
    assert_eq!(s.layer(), LayerKind::Select);
    assert_eq!(selected(&s), "may be happening");
    // Dragging back before the press selects from there.
    s.update(Action::Drag {
        column: x,
        row: rect.y + 1,
    });
    assert_eq!(selected(&s), "It may");
    // A click ends it.
    s.update(Action::Click {
        column: x + 4,
        row: rect.y + 1,
    });
    assert!(s.selection().is_none());
}

#[test]
fn words_that_occur_earlier_in_the_section_are_refused_with_the_way_out() {
    let mut s = reader();
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "Russia");
    s.update(Action::InputAccept);
    // The second "Russia" of the lead ("a big relief for Russia and …").
    cmd(&mut s, Command::NextMatch);
    cmd(&mut s, Command::Select);
    assert_eq!(selected(&s), "Russia");
    let sel = s.selection().unwrap().clone();
    let text = &s.briefing().unwrap().sections[sel.section].text;
    assert!(
        text[..sel.start].ends_with("relief for "),
        "{}",
        &text[..sel.start]
    );
    cmd(&mut s, Command::AddClaim);
    let message = s.message.clone().unwrap();
    assert!(message.error);
    assert!(
        message.text.contains("occur earlier in the section"),
        "{}",
        message.text
    );
    assert_eq!(s.layer(), LayerKind::Select);
}

#[test]
fn the_selection_is_drawn_reversed_and_the_status_bar_says_what_the_keys_do() {
    let mut s = reader();
    cmd(&mut s, Command::Select);
    cmd(&mut s, Command::SelectRight);
    let text = screen(&s, 120, 40);
    assert!(text.contains("selecting: h/l a word"), "{text}");
    let buffer = render(&s, 120, 40);
    let rect = s.areas.pane(Pane::Text);
    let y = rect.y + 1;
    let x = rect.x + 1 + briefing::ui::layout::GUTTER;
    let reversed = |x: u16, y: u16| buffer[(x, y)].modifier.contains(Modifier::REVERSED);
    assert!(reversed(x, y), "the first word is selected");
    assert!(reversed(x + 25, y), "the end of the sentence too");
    assert!(!reversed(x + 30, y), "nothing after it on the line");
    insta::assert_snapshot!("selection", text);
}
