//! From terminal events to actions: keys, typing into filters, the mouse switch.

mod common;

use briefing::ui::action::{Action, Command};
use briefing::ui::translate;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

use common::reader::{reader, remapped_reader};

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    })
}

fn plain(c: char) -> Event {
    key(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn default_keys_become_commands() {
    let s = reader();
    let cases = [
        (plain('q'), Command::Quit),
        (key(KeyCode::Char('c'), KeyModifiers::CONTROL), Command::Quit),
        (plain('?'), Command::Help),
        (key(KeyCode::Tab, KeyModifiers::NONE), Command::FocusNext),
        (key(KeyCode::BackTab, KeyModifiers::SHIFT), Command::FocusPrev),
        (plain('2'), Command::FocusActors),
        (plain('j'), Command::Down),
        (key(KeyCode::Down, KeyModifiers::NONE), Command::Down),
        (key(KeyCode::Char('G'), KeyModifiers::SHIFT), Command::Bottom),
        (key(KeyCode::PageDown, KeyModifiers::NONE), Command::PageDown),
        (
            key(KeyCode::Char('d'), KeyModifiers::CONTROL),
            Command::HalfPageDown,
        ),
        (
            key(KeyCode::Char('u'), KeyModifiers::CONTROL),
            Command::HalfPageUp,
        ),
        (key(KeyCode::Enter, KeyModifiers::NONE), Command::Follow),
        (key(KeyCode::Backspace, KeyModifiers::NONE), Command::Back),
        (key(KeyCode::Char('o'), KeyModifiers::CONTROL), Command::Back),
        (key(KeyCode::Char('i'), KeyModifiers::CONTROL), Command::Forward),
        (plain('/'), Command::Filter),
        (key(KeyCode::Esc, KeyModifiers::NONE), Command::Clear),
        (plain('n'), Command::NextMatch),
        (key(KeyCode::Char('N'), KeyModifiers::SHIFT), Command::PrevMatch),
        (plain('b'), Command::Picker),
    ];
    for (event, command) in cases {
        assert_eq!(
            translate(&event, &s, true),
            Some(Action::Command(command)),
            "{event:?}"
        );
    }
    assert_eq!(translate(&plain('z'), &s, true), None, "unbound keys do nothing");
}

#[test]
fn while_typing_keys_are_text() {
    let mut s = reader();
    s.update(Action::Command(Command::FocusActors));
    s.update(Action::Command(Command::Filter));
    assert_eq!(translate(&plain('q'), &s, true), Some(Action::Input('q')));
    assert_eq!(translate(&plain('j'), &s, true), Some(Action::Input('j')));
    assert_eq!(
        translate(&key(KeyCode::Char('G'), KeyModifiers::SHIFT), &s, true),
        Some(Action::Input('G'))
    );
    assert_eq!(
        translate(&key(KeyCode::Backspace, KeyModifiers::NONE), &s, true),
        Some(Action::InputBackspace)
    );
    assert_eq!(
        translate(&key(KeyCode::Enter, KeyModifiers::NONE), &s, true),
        Some(Action::InputAccept)
    );
    assert_eq!(
        translate(&key(KeyCode::Esc, KeyModifiers::NONE), &s, true),
        Some(Action::InputCancel)
    );
    assert_eq!(
        translate(&key(KeyCode::Char('c'), KeyModifiers::CONTROL), &s, true),
        Some(Action::Command(Command::Quit)),
        "Ctrl-c still quits"
    );
}

#[test]
fn key_releases_are_ignored() {
    let s = reader();
    let release = Event::Key(KeyEvent {
        code: KeyCode::Char('q'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    });
    assert_eq!(translate(&release, &s, true), None);
}

#[test]
fn the_mouse_can_be_turned_off() {
    let s = reader();
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 5,
        row: 6,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(
        translate(&click, &s, true),
        Some(Action::Click { column: 5, row: 6 })
    );
    assert_eq!(translate(&click, &s, false), None);
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 50,
        row: 6,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(
        translate(&wheel, &s, true),
        Some(Action::Scroll {
            column: 50,
            row: 6,
            down: true
        })
    );
    assert_eq!(
        translate(&Event::Resize(80, 24), &s, false),
        Some(Action::Resize {
            width: 80,
            height: 24
        })
    );
}

#[test]
fn remapped_keys_drive_the_reader() {
    let mut s = remapped_reader("[keys]\ndown = [\"ctrl-n\", \"j\"]\nquit = \"x\"\n");
    let down = translate(&key(KeyCode::Char('n'), KeyModifiers::CONTROL), &s, true).unwrap();
    s.update(down);
    assert_eq!(s.section(), Some(1));
    assert_eq!(translate(&plain('q'), &s, true), None, "q no longer quits");
    assert_eq!(
        translate(&plain('x'), &s, true),
        Some(Action::Command(Command::Quit))
    );
}

#[test]
fn pasted_text_fills_a_filter_and_never_runs_commands() {
    let mut s = reader();
    let paste = Event::Paste("quit\u{1b}[2J".into());
    assert_eq!(
        translate(&paste, &s, true),
        None,
        "a paste outside a filter does nothing"
    );
    s.update(Action::Command(Command::FocusActors));
    s.update(Action::Command(Command::Filter));
    let action = translate(&paste, &s, true).expect("a paste into the filter");
    s.update(action);
    assert_eq!(s.input_text(), Some("quit[2J"), "sanitised");
    assert!(!s.quit);
}

#[test]
fn menu_item_keys_come_from_the_config() {
    let mut s = remapped_reader("[keys]\nclaim_speaker = \"alt-s\"\nclaim_date = \"f2\"\n");
    let alt_s = key(KeyCode::Char('s'), KeyModifiers::ALT);
    assert_eq!(
        translate(&alt_s, &s, true),
        None,
        "a menu's key means nothing outside it"
    );
    s.update(Action::Command(Command::FocusClaims));
    s.update(Action::Command(Command::Top));
    s.update(Action::Command(Command::Edit));
    assert!(s.menu().is_some(), "the claim's menu");
    assert_eq!(
        translate(&alt_s, &s, true),
        Some(Action::Command(Command::ClaimSpeaker))
    );
    assert_eq!(
        translate(&key(KeyCode::F(2), KeyModifiers::NONE), &s, true),
        Some(Action::Command(Command::ClaimDate))
    );
    // `s` is no longer an item here: it is the reader's key, which the menu ignores.
    assert_eq!(
        translate(&plain('s'), &s, true),
        Some(Action::Command(Command::SortActors))
    );
    // `x` still deletes; `j` still moves.
    assert_eq!(
        translate(&plain('x'), &s, true),
        Some(Action::Command(Command::ClaimDelete))
    );
    assert_eq!(
        translate(&plain('j'), &s, true),
        Some(Action::Command(Command::Down))
    );
    let date = translate(&key(KeyCode::F(2), KeyModifiers::NONE), &s, true).unwrap();
    s.update(date);
    assert!(
        s.prompt().is_some_and(|p| p.target.label().starts_with("date")),
        "F2 asks the date"
    );
}
