//! The event loop's pure parts: resize storms coalesced, `Esc` + key read together
//! split again, and Ctrl-z suspending from every mode.

mod common;

use briefing::annotations::AnnotationStore;
use briefing::ui::action::{Action, Command};
use briefing::ui::state::LayerKind;
use briefing::ui::{Input, coalesce_resizes, split_escape, state_for, translate};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use common::bundled;
use common::reader::{cmd, reader, remapped_reader};

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn alt(c: char) -> Event {
    key(KeyCode::Char(c), KeyModifiers::ALT)
}

/// A batch as the loop sees it, described: `r WxH` or `k C`.
fn describe(batch: &[Input]) -> Vec<String> {
    batch
        .iter()
        .map(|input| match input {
            Input::Event(Event::Resize(w, h)) => format!("r {w}x{h}"),
            Input::Event(Event::Key(k)) => format!("k {}", k.code),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn a_resize_storm_is_handled_at_its_last_size_only() {
    let mut batch: Vec<Input> = (0..10)
        .map(|i| Input::Event(Event::Resize(80 + i, 24 + i)))
        .collect();
    batch.insert(3, Input::Event(key(KeyCode::Char('j'), KeyModifiers::NONE)));
    batch.push(Input::Event(key(KeyCode::Char('q'), KeyModifiers::NONE)));
    assert_eq!(describe(&coalesce_resizes(batch)), ["k j", "r 89x33", "k q"]);
    // Nothing else is dropped or reordered.
    let batch = vec![
        Input::Event(key(KeyCode::Char('a'), KeyModifiers::NONE)),
        Input::Signal(1),
        Input::Event(key(KeyCode::Char('b'), KeyModifiers::NONE)),
    ];
    assert_eq!(describe(&coalesce_resizes(batch)).len(), 3);
}

#[test]
fn esc_and_a_key_read_together_are_both_keys() {
    let mut s = reader();
    // Help open, then `Esc q` arrive together (as Alt-q): help closes, the reader quits.
    cmd(&mut s, Command::Help);
    assert_eq!(s.layer(), LayerKind::Help);
    let events = split_escape(alt('q'), &s);
    let actions: Vec<Option<Action>> = events.iter().map(|e| translate(e, &s, true)).collect();
    assert_eq!(
        actions,
        [
            Some(Action::Command(Command::Clear)),
            Some(Action::Command(Command::Quit))
        ]
    );
    for action in actions.into_iter().flatten() {
        s.update(action);
    }
    assert!(s.layer() == LayerKind::Panes && s.quit);
}

#[test]
fn esc_and_a_key_while_typing_a_filter_cancel_it_then_act() {
    let mut s = reader();
    cmd(&mut s, Command::FocusActors);
    cmd(&mut s, Command::Filter);
    let events = split_escape(alt('j'), &s);
    assert_eq!(translate(&events[0], &s, true), Some(Action::InputCancel));
    s.update(Action::InputCancel);
    assert_eq!(
        translate(&events[1], &s, true),
        Some(Action::Command(Command::Down))
    );
}

#[test]
fn bound_alt_keys_and_other_chords_stay_whole() {
    let s = remapped_reader("[keys]\nquit = \"alt-x\"\n");
    assert_eq!(split_escape(alt('x'), &s).len(), 1, "alt-x is bound");
    assert_eq!(split_escape(alt('y'), &s).len(), 2, "alt-y is not");
    let s = reader();
    let ctrl_alt = key(KeyCode::Char('q'), KeyModifiers::ALT | KeyModifiers::CONTROL);
    assert_eq!(split_escape(ctrl_alt, &s).len(), 1);
    assert_eq!(
        split_escape(key(KeyCode::Char('q'), KeyModifiers::NONE), &s).len(),
        1
    );
    assert_eq!(split_escape(Event::Resize(3, 4), &s), [Event::Resize(3, 4)]);
}

#[test]
fn in_the_editor_alt_keys_are_the_editors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut s = state_for(vec![bundled()], 120, 40);
    let store = AnnotationStore::open(dir.path(), s.loaded().expect("loaded"));
    s.set_store(0, store);
    cmd(&mut s, Command::FocusClaims);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Annotate);
    assert_eq!(s.layer(), LayerKind::Editor);
    // Alt-b moves back a word in the editor's text.
    assert_eq!(split_escape(alt('b'), &s), [alt('b')]);
}

#[test]
fn ctrl_z_suspends_from_every_mode() {
    let ctrl_z = key(KeyCode::Char('z'), KeyModifiers::CONTROL);
    let suspend = Some(Action::Command(Command::Suspend));
    let mut s = reader();
    assert_eq!(translate(&ctrl_z, &s, true), suspend);
    cmd(&mut s, Command::Filter);
    assert_eq!(s.layer(), LayerKind::Input);
    assert_eq!(translate(&ctrl_z, &s, true), suspend, "while typing a filter");
    // `update` leaves it to the loop: nothing changes.
    let before = (s.focus, s.text_top, s.quit);
    assert_eq!(s.update(Action::Command(Command::Suspend)), None);
    assert_eq!((s.focus, s.text_top, s.quit), before);
    // Rebound to a plain key, that key suspends, but is text while typing.
    let mut s = remapped_reader("[keys]\nsuspend = \"z\"\n");
    let z = key(KeyCode::Char('z'), KeyModifiers::NONE);
    assert_eq!(translate(&z, &s, true), suspend);
    cmd(&mut s, Command::Filter);
    assert_eq!(translate(&z, &s, true), Some(Action::Input('z')));
}
