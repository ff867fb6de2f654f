//! Annotations in the reader: the editor, the grade editor, the annotation filter,
//! orphans and re-attaching, through `update` (pure: effects are checked, then
//! performed by the loop's `perform` in a temporary folder), plus snapshots.

mod common;

use std::path::Path;

use briefing::annotations::{AnnotationStore, Credibility, Draft, Filter, Reliability};
use briefing::ui::action::{Action, Command, Pane};
use briefing::ui::state::{Confirm, Editor, Effect, Field, LayerKind, Message, Outcome, State, StoreChange};
use briefing::ui::{perform, state_for, translate};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{Input, Key};
use tempfile::TempDir;

use common::reader::{actor_id, claim_id, cmd, filter, screen, type_text};
use common::{bundled, note_draft};

/// A reader on the bundled briefing with its annotations in a fresh temporary folder.
fn reader(dir: &TempDir) -> State {
    let mut s = state_for(vec![bundled()], 120, 40);
    let store = AnnotationStore::open(dir.path(), s.loaded().expect("loaded"));
    s.set_store(0, store);
    s
}

/// The same, with the annotations of `tests/fixtures/reader/annotations` (copied):
/// Galeotti's claim graded -2 → B2 with a note, Trump's "No." graded 4, one orphan,
/// Galeotti graded B.
fn annotated_reader(dir: &TempDir) -> State {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reader/annotations/russia-venezuela-levers.toml");
    std::fs::copy(&fixture, dir.path().join("russia-venezuela-levers.toml")).expect("copy the sidecar");
    reader(dir)
}

fn key(state: &mut State, key: Key) {
    let effect = state.update(Action::EditorKey(Input {
        key,
        ..Input::default()
    }));
    assert_eq!(effect, None, "typing never does I/O");
}

fn type_keys(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, if c == '\n' { Key::Enter } else { Key::Char(c) });
    }
}

/// What the event loop does: performs the effect and feeds the outcome back.
fn run(state: &mut State, effect: Option<Effect>) {
    let mut effect = effect;
    while let Some(e) = effect.take() {
        let action = perform(state, e).expect("the briefing has a store");
        effect = state.update(action);
    }
}

/// Selects a claim the way a user does: Claims pane, down until it is there.
fn select_claim(state: &mut State, id: &str) {
    let c = claim_id(state, id);
    cmd(state, Command::FocusClaims);
    cmd(state, Command::Top);
    for _ in 0..state.claims.rows.len() {
        if state.claim == Some(c) {
            return;
        }
        cmd(state, Command::Down);
    }
    assert_eq!(state.claim, Some(c), "{id} is listed");
}

/// Selects the claim `id` and opens the annotation editor on it (`a`).
fn annotate(state: &mut State, id: &str) {
    select_claim(state, id);
    cmd(state, Command::Annotate);
}

fn claim_editor(state: &State) -> &briefing::ui::state::ClaimEditor {
    match state.editor() {
        Some(Editor::Claim(e)) => e,
        other => panic!("no claim editor open: {other:?}"),
    }
}

fn message(state: &State) -> String {
    state.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

/// The message shown is an error containing `words`.
fn assert_error(state: &State, words: &str) -> Message {
    let m = state.message.clone().unwrap();
    assert!(m.error && m.text.contains(words), "{m:?}");
    m
}

#[test]
fn a_opens_the_editor_on_the_claim_with_the_note_focused_and_ctrl_s_asks_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    select_claim(&mut s, "galeotti-nothing-much");
    let claim = claim_id(&s, "galeotti-nothing-much");
    assert_eq!(cmd(&mut s, Command::Annotate), None);
    let e = claim_editor(&s);
    assert_eq!((e.claim, e.editing, e.field), (claim, None, Field::Note));
    assert!(!e.is_dirty());

    type_keys(&mut s, "Consistent with Ignatov.\nSecond line.");
    // Tab order: credibility, note, tags; Shift-Tab goes back.
    cmd(&mut s, Command::EditorPrevField);
    assert_eq!(claim_editor(&s).field, Field::Credibility);
    type_keys(&mut s, "2");
    cmd(&mut s, Command::EditorNextField);
    cmd(&mut s, Command::EditorNextField);
    assert_eq!(claim_editor(&s).field, Field::Tags);
    type_keys(&mut s, "#military, oil military");
    // Reader keys do nothing while the editor is open.
    assert_eq!(cmd(&mut s, Command::Down), None);
    assert_eq!(cmd(&mut s, Command::Quit), None);
    assert!(!s.quit);

    let effect = cmd(&mut s, Command::EditorSave);
    let expected = Draft {
        credibility: Some(Credibility::ProbablyTrue),
        note: "Consistent with Ignatov.\nSecond line.".into(),
        tags: vec!["military".into(), "oil".into()],
    };
    assert_eq!(
        effect,
        Some(Effect::Store {
            briefing: 0,
            change: StoreChange::SaveAnnotation {
                claim,
                editing: None,
                draft: expected.clone(),
            },
        })
    );
    assert!(
        s.editor().is_some(),
        "the editor stays open until the save is done"
    );
    assert!(
        !dir.path().join("russia-venezuela-levers.toml").exists(),
        "update itself never writes"
    );

    run(&mut s, effect);
    assert!(s.editor().is_none());
    assert_eq!(message(&s), "annotation saved: credibility 2 (probably true)");
    let store = s.store().unwrap();
    assert_eq!(Draft::from(&store.for_claim(claim).unwrap().annotation), expected);
    assert!(dir.path().join("russia-venezuela-levers.toml").exists());
}

#[test]
fn an_annotated_claim_opens_filled_in_and_can_be_deleted_after_confirming() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = annotated_reader(&dir);
    select_claim(&mut s, "galeotti-nothing-much");
    let claim = claim_id(&s, "galeotti-nothing-much");
    let id = s.store().unwrap().for_claim(claim).unwrap().annotation.id;
    cmd(&mut s, Command::Annotate);
    let e = claim_editor(&s);
    assert_eq!(e.editing, Some(id));
    assert_eq!(e.credibility, Some(Credibility::ProbablyTrue));
    assert_eq!(
        e.note.lines(),
        [
            "Consistent with Ignatov's reading.",
            "Galeotti has no stake either way."
        ]
    );
    assert_eq!(e.tags.lines(), ["military analysts"]);
    assert!(!e.is_dirty(), "opening changes nothing");

    // Delete asks first; "no" keeps everything.
    assert_eq!(cmd(&mut s, Command::EditorDelete), None);
    assert_eq!(s.confirm(), Some(&Confirm::DeleteAnnotation(id)));
    assert!(s.question().unwrap().contains("Delete this annotation?"));
    assert_eq!(
        cmd(&mut s, Command::EditorSave),
        None,
        "the question takes the keys"
    );
    assert_eq!(s.update(Action::Confirm(false)), None);
    assert!(s.confirm().is_none() && s.editor().is_some());

    cmd(&mut s, Command::EditorDelete);
    let effect = s.update(Action::Confirm(true));
    assert_eq!(
        effect,
        Some(Effect::Store {
            briefing: 0,
            change: StoreChange::DeleteAnnotation { id },
        })
    );
    run(&mut s, effect);
    assert!(s.editor().is_none());
    assert!(!s.store().unwrap().is_annotated(claim));
    assert_eq!(message(&s), "annotation deleted");
}

#[test]
fn delete_is_only_offered_for_a_saved_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    annotate(&mut s, "trump-no");
    cmd(&mut s, Command::EditorDelete);
    assert!(s.confirm().is_none());
    assert!(message(&s).contains("no saved annotation"));
}

#[test]
fn esc_closes_at_once_when_nothing_was_typed_and_asks_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    annotate(&mut s, "trump-no");
    cmd(&mut s, Command::EditorCancel);
    assert!(s.editor().is_none() && s.confirm().is_none());

    cmd(&mut s, Command::Annotate);
    type_keys(&mut s, "draft");
    cmd(&mut s, Command::EditorCancel);
    assert_eq!(s.confirm(), Some(&Confirm::Discard));
    // "No": back to the editor with the text kept.
    s.update(Action::Confirm(false));
    assert_eq!(claim_editor(&s).note.lines(), ["draft"]);
    cmd(&mut s, Command::EditorCancel);
    assert_eq!(s.update(Action::Confirm(true)), None, "discarding saves nothing");
    assert!(s.editor().is_none());
    assert!(s.store().unwrap().annotations().is_empty());

    // Typing then removing it again is not a change.
    cmd(&mut s, Command::Annotate);
    type_keys(&mut s, "x");
    key(&mut s, Key::Backspace);
    cmd(&mut s, Command::EditorCancel);
    assert!(s.editor().is_none() && s.confirm().is_none());
}

#[test]
fn credibility_keys_work_in_their_field_and_digits_are_text_in_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    annotate(&mut s, "trump-no");
    type_keys(&mut s, "12");
    assert_eq!(claim_editor(&s).credibility, None);
    assert_eq!(claim_editor(&s).note.lines(), ["12"]);
    cmd(&mut s, Command::EditorPrevField);
    let steps: [(Key, Option<u8>); 7] = [
        (Key::Char('6'), Some(6)),
        (Key::Right, None),
        (Key::Right, Some(1)),
        (Key::Left, None),
        (Key::Left, Some(6)),
        (Key::Char('3'), Some(3)),
        (Key::Char('0'), None),
    ];
    for (k, want) in steps {
        key(&mut s, k);
        assert_eq!(
            claim_editor(&s).credibility.map(Credibility::number),
            want,
            "{k:?}"
        );
    }
    key(&mut s, Key::Char('9'));
    key(&mut s, Key::Char('x'));
    assert_eq!(claim_editor(&s).credibility, None, "other keys leave it alone");
}

#[test]
fn an_empty_new_annotation_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    annotate(&mut s, "trump-no");
    assert_eq!(cmd(&mut s, Command::EditorSave), None);
    assert!(s.editor().is_none());
    assert!(message(&s).contains("nothing to save"));
}

#[test]
fn a_failed_save_keeps_the_editor_and_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    annotate(&mut s, "trump-no");
    type_keys(&mut s, "keep me");
    let Some(Effect::Store { briefing, change }) = cmd(&mut s, Command::EditorSave) else {
        panic!("a save")
    };
    let store = s.store().unwrap().clone();
    s.update(Action::Done(Box::new(Outcome {
        briefing,
        change,
        store,
        result: Err("cannot write /nowhere: permission denied".into()),
    })));
    assert_eq!(claim_editor(&s).note.lines(), ["keep me"]);
    assert_error(&s, "not saved: cannot write");
}

#[test]
fn annotating_needs_a_claim_and_a_writable_briefing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::Annotate);
    assert!(s.editor().is_none());
    assert!(message(&s).contains("select a claim first"));

    // An article opened from .txt/.md/.html is read-only: it says so.
    let mut s = reader(&dir);
    s.read_only = vec![true];
    annotate(&mut s, "trump-no");
    assert!(s.editor().is_none());
    assert_error(&s, "read-only");
    cmd(&mut s, Command::FocusActors);
    cmd(&mut s, Command::GradeActor);
    assert!(s.editor().is_none());

    // Without a store (nothing opened): said, never a panic.
    let mut s = state_for(vec![bundled()], 120, 40);
    annotate(&mut s, "trump-no");
    assert!(s.editor().is_none() && message(&s).contains("not available"));
    cmd(&mut s, Command::AnnotationFilter);
    cmd(&mut s, Command::Orphans);
    assert!(s.annotation_filter.is_none() && s.orphans_cursor().is_none());
}

#[test]
fn the_annotation_filter_cycles_and_combines_with_the_actor_and_text_filters() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = annotated_reader(&dir);
    let galeotti = claim_id(&s, "galeotti-nothing-much");
    let trump_no = claim_id(&s, "trump-no");
    cmd(&mut s, Command::FocusClaims);
    let mut seen = Vec::new();
    for _ in 0..7 {
        cmd(&mut s, Command::AnnotationFilter);
        seen.push((s.annotation_filter.clone(), s.claims.rows.clone()));
    }
    let want = [
        (Some(Filter::Annotated), vec![galeotti, trump_no]),
        (
            Some(Filter::Credibility(Credibility::ProbablyTrue)),
            vec![galeotti],
        ),
        (Some(Filter::Credibility(Credibility::Doubtful)), vec![trump_no]),
        (Some(Filter::Tag("analysts".into())), vec![galeotti]),
        (Some(Filter::Tag("military".into())), vec![galeotti]),
        (Some(Filter::Tag("rhetoric".into())), vec![trump_no]),
        (None, s.index().unwrap().claims_in_reading_order()),
    ];
    // (The orphan's credibility 5 and tag "denial" are not offered: no claim has them.)
    assert_eq!(seen[..6], want[..6]);
    assert_eq!(seen[6].0, None);
    assert_eq!(seen[6].1.len(), want[6].1.len());

    // With the actor filter: Galeotti's annotated claims only.
    cmd(&mut s, Command::AnnotationFilter);
    cmd(&mut s, Command::FocusActors);
    let a = actor_id(&s, "mark-galeotti");
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "Galeotti");
    s.update(Action::InputAccept);
    assert_eq!(s.actor, Some(a));
    assert_eq!(s.claims.rows, vec![galeotti]);
    // With a text filter too: both must match.
    cmd(&mut s, Command::ToggleClaimFilter);
    assert_eq!(s.claims.rows, vec![galeotti, trump_no]);
    filter(&mut s, Command::FocusClaims, "Trump");
    assert_eq!(s.claims.rows, vec![trump_no]);

    // The title says what is filtered; Esc clears the text filter, then this one.
    let text = screen(&s, 120, 40);
    assert!(text.contains("3 Claims · annotated"), "{text}");
    assert!(text.contains("✎-4"), "Trump’s claim: no speaker grade\n{text}");
    cmd(&mut s, Command::Clear);
    assert!(s.claims.filter.is_empty() && s.annotation_filter.is_some());
    cmd(&mut s, Command::Clear);
    assert!(s.annotation_filter.is_none());
    assert!(message(&s).contains("annotation filter cleared"));
}

#[test]
fn an_orphan_is_listed_and_re_attached_to_the_picked_claim_after_confirming() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = annotated_reader(&dir);
    let orphan = s.orphan_ids();
    assert_eq!(orphan.len(), 1);
    let target = claim_id(&s, "rubio-fugitive");
    cmd(&mut s, Command::Orphans);
    assert_eq!(s.orphans_cursor(), Some(0));
    // Keys move in the list and do not reach the panes.
    cmd(&mut s, Command::Down);
    assert_eq!(s.orphans_cursor(), Some(0));
    cmd(&mut s, Command::Follow);
    assert_eq!(s.orphans_cursor(), None);
    assert_eq!(s.reattaching(), Some(orphan[0]));
    assert_eq!(s.focus, Pane::Claims);
    assert!(message(&s).contains("pick the claim"));

    select_claim(&mut s, "rubio-fugitive");
    assert_eq!(cmd(&mut s, Command::Follow), None, "Enter asks first");
    assert_eq!(
        s.confirm(),
        Some(&Confirm::Reattach {
            id: orphan[0],
            claim: target
        })
    );
    assert!(s.question().unwrap().contains("Marco Rubio"));
    // "No" keeps picking.
    s.update(Action::Confirm(false));
    assert_eq!(s.reattaching(), Some(orphan[0]));
    cmd(&mut s, Command::Follow);
    let effect = s.update(Action::Confirm(true));
    assert_eq!(
        effect,
        Some(Effect::Store {
            briefing: 0,
            change: StoreChange::Reattach {
                id: orphan[0],
                claim: target
            },
        })
    );
    run(&mut s, effect);
    assert_eq!(s.reattaching(), None);
    assert!(s.orphan_ids().is_empty());
    let store = s.store().unwrap();
    assert_eq!(store.for_claim(target).unwrap().annotation.id, orphan[0]);
    assert!(message(&s).contains("re-attached; 0 orphans left"));
}

#[test]
fn esc_stops_picking_a_claim_for_an_orphan() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = annotated_reader(&dir);
    cmd(&mut s, Command::Orphans);
    cmd(&mut s, Command::Follow);
    cmd(&mut s, Command::Clear);
    assert_eq!(s.reattaching(), None);
    assert_eq!(s.orphan_ids().len(), 1, "the orphan stays");
    // Enter is back to following the speaker.
    select_claim(&mut s, "trump-no");
    cmd(&mut s, Command::Follow);
    assert!(s.confirm().is_none());
    assert_eq!(s.focus, Pane::Actors);
}

#[test]
fn an_actor_gets_a_reliability_grade_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    let galeotti = claim_id(&s, "galeotti-nothing-much");
    let actor = actor_id(&s, "mark-galeotti");
    cmd(&mut s, Command::FocusActors);
    cmd(&mut s, Command::GradeActor);
    // The cursor's actor is graded even before it is selected.
    let first = s.actors.selected().unwrap();
    assert!(matches!(s.editor(), Some(Editor::Actor(e)) if e.actor == first));
    cmd(&mut s, Command::EditorCancel);

    s.update(Action::Command(Command::Filter));
    type_text(&mut s, "Galeotti");
    s.update(Action::InputAccept);
    cmd(&mut s, Command::GradeActor);
    type_keys(&mut s, "g"); // not a grade: ignored
    type_keys(&mut s, "b");
    cmd(&mut s, Command::EditorNextField);
    type_keys(&mut s, "Long-standing analyst");
    let effect = cmd(&mut s, Command::EditorSave);
    assert_eq!(
        effect,
        Some(Effect::Store {
            briefing: 0,
            change: StoreChange::SetReliability {
                actor,
                grade: Some((Reliability::B, "Long-standing analyst".into())),
            },
        })
    );
    run(&mut s, effect);
    assert!(s.editor().is_none());
    assert_eq!(message(&s), "source graded B: usually reliable");
    assert_eq!(s.store().unwrap().grade(galeotti).to_string(), "B-");

    // Opened again: filled in; removing the grade asks first.
    cmd(&mut s, Command::GradeActor);
    match s.editor() {
        Some(Editor::Actor(e)) => {
            assert_eq!(e.reliability, Some(Reliability::B));
            assert_eq!(e.note_text(), "Long-standing analyst");
            assert!(!e.is_dirty());
        }
        other => panic!("{other:?}"),
    }
    cmd(&mut s, Command::EditorDelete);
    assert_eq!(s.confirm(), Some(&Confirm::RemoveGrade));
    let effect = s.update(Action::Confirm(true));
    run(&mut s, effect);
    assert!(s.store().unwrap().grade(galeotti).is_empty());
    assert_eq!(message(&s), "grade removed");
}

#[test]
fn changes_by_another_process_are_picked_up_on_reload() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    let c = claim_id(&s, "trump-no");
    let mut other = AnnotationStore::open(dir.path(), s.loaded().unwrap());
    other
        .save(s.loaded().unwrap(), c, None, note_draft("from the CLI"))
        .unwrap();
    assert!(s.store().unwrap().changed_on_disk());
    run(
        &mut s,
        Some(Effect::Store {
            briefing: 0,
            change: StoreChange::Reload,
        }),
    );
    assert!(s.store().unwrap().is_annotated(c));
    assert!(!s.store().unwrap().changed_on_disk());
    assert!(message(&s).contains("reloaded"));

    // A save by this reader merges with what is on disk: nothing is lost.
    let mut other = AnnotationStore::open(dir.path(), s.loaded().unwrap());
    let g = claim_id(&s, "galeotti-nothing-much");
    other
        .save(s.loaded().unwrap(), g, None, Draft::default())
        .unwrap();
    annotate(&mut s, "rubio-fugitive");
    type_keys(&mut s, "mine");
    let effect = cmd(&mut s, Command::EditorSave);
    run(&mut s, effect);
    let store = s.store().unwrap();
    assert!(store.is_annotated(g) && store.is_annotated(c));
}

#[test]
fn a_broken_sidecar_is_reported_and_set_aside_on_save_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("russia-venezuela-levers.toml"),
        "schema = 1\nbriefing = \"russia-venezuela-levers\"\n[[annotations]\nid = 3\n",
    )
    .unwrap();
    let mut s = reader(&dir);
    let problem = briefing::ui::state::store_problem(s.store().unwrap()).expect("a problem");
    assert!(
        problem.error && problem.text.starts_with("annotations: "),
        "{problem:?}"
    );
    annotate(&mut s, "trump-no");
    type_keys(&mut s, "note");
    let effect = cmd(&mut s, Command::EditorSave);
    run(&mut s, effect);
    let m = assert_error(&s, "set aside");
    assert!(!m.text.contains('\n'));
    assert!(s.store().unwrap().is_annotated(claim_id(&s, "trump-no")));
}

// ----- keys -----

fn press(state: &State, code: KeyCode, mods: KeyModifiers) -> Option<Action> {
    translate(&Event::Key(KeyEvent::new(code, mods)), state, true)
}

#[test]
fn keys_in_the_editor_are_its_commands_or_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    assert_eq!(
        press(&s, KeyCode::Char('a'), KeyModifiers::NONE),
        Some(Action::Command(Command::Annotate))
    );
    annotate(&mut s, "trump-no");
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    assert_eq!(
        press(&s, KeyCode::Tab, none),
        Some(Action::Command(Command::EditorNextField))
    );
    assert_eq!(
        press(&s, KeyCode::BackTab, KeyModifiers::SHIFT),
        Some(Action::Command(Command::EditorPrevField))
    );
    assert_eq!(
        press(&s, KeyCode::Char('s'), ctrl),
        Some(Action::Command(Command::EditorSave))
    );
    assert_eq!(
        press(&s, KeyCode::Esc, none),
        Some(Action::Command(Command::EditorCancel))
    );
    assert_eq!(
        press(&s, KeyCode::Char('c'), ctrl),
        Some(Action::Command(Command::EditorCancel)),
        "Ctrl-c never drops what was typed without asking"
    );
    // Reader keys are text here.
    for c in ['q', 'j', '/', '?', 'a'] {
        assert!(matches!(
            press(&s, KeyCode::Char(c), none),
            Some(Action::EditorKey(Input { key: Key::Char(x), .. })) if x == c
        ));
    }
    assert_eq!(
        translate(&Event::Paste("two\nlines".into()), &s, true),
        Some(Action::EditorPaste("two\nlines".into()))
    );
    // A question takes y / n / Enter / Esc only.
    type_keys(&mut s, "x");
    cmd(&mut s, Command::EditorCancel);
    assert_eq!(press(&s, KeyCode::Char('y'), none), Some(Action::Confirm(true)));
    assert_eq!(press(&s, KeyCode::Enter, none), Some(Action::Confirm(true)));
    assert_eq!(press(&s, KeyCode::Char('n'), none), Some(Action::Confirm(false)));
    assert_eq!(press(&s, KeyCode::Esc, none), Some(Action::Confirm(false)));
    assert_eq!(press(&s, KeyCode::Char('s'), ctrl), None);
}

#[test]
fn pasting_into_the_note_keeps_lines_and_drops_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    annotate(&mut s, "trump-no");
    s.update(Action::EditorPaste("one\u{1b}[31m\ntwo".into()));
    assert_eq!(claim_editor(&s).note.lines(), ["one[31m", "two"]);
    cmd(&mut s, Command::EditorNextField);
    s.update(Action::EditorPaste("a\nb".into()));
    assert_eq!(claim_editor(&s).tags.lines(), ["a b"]);
}

// ----- drawing -----

#[test]
fn snapshot_editor_open_on_a_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = annotated_reader(&dir);
    annotate(&mut s, "galeotti-nothing-much");
    type_keys(&mut s, "\nThird line, typed now.");
    let text = screen(&s, 120, 40);
    assert!(text.contains("Edit annotation · Mark Galeotti"));
    assert!(text.contains("‹ 2 probably true ›"));
    assert!(text.contains("Third line, typed now."));
    assert!(text.contains("military analysts"));
    assert!(text.contains("Ctrl-s save"));
    insta::assert_snapshot!("editor_open", text);
}

#[test]
fn snapshot_claims_with_grades_and_the_selected_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = annotated_reader(&dir);
    // Galeotti's claims: Actors, /Galeotti, Enter.
    filter(&mut s, Command::FocusActors, "Galeotti");
    cmd(&mut s, Command::Follow);
    assert_eq!(s.claim, Some(claim_id(&s, "galeotti-nothing-much")));
    let text = screen(&s, 120, 40);
    assert!(text.contains("✎B2"), "grade in the Claims pane");
    assert!(
        text.contains(" B-"),
        "Galeotti's other claims: speaker graded only"
    );
    assert!(text.contains("✎ B2 probably true · #military #analysts"));
    assert!(text.contains("│ Consistent with Ignatov's reading."));
    assert!(text.contains("✎▌ “To put it bluntly"), "gutter mark in the text");
    insta::assert_snapshot!("claims_annotated", text);
}

#[test]
fn snapshot_orphans_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = annotated_reader(&dir);
    cmd(&mut s, Command::Orphans);
    let text = screen(&s, 120, 40);
    assert!(text.contains("Orphans (1)"));
    assert!(text.contains("“The Kremlin said it had no contact with Caracas about the carrier group”"));
    insta::assert_snapshot!("orphans", text);
}

#[test]
fn the_actor_grade_shows_in_the_actors_pane() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = annotated_reader(&dir);
    filter(&mut s, Command::FocusActors, "Galeotti");
    let text = screen(&s, 120, 40);
    let row = text.lines().find(|l| l.contains("Mark Galeotti")).unwrap();
    assert!(row.contains(" B person"), "{row}");
    assert!(text.contains("B usually reliable · "), "{text}");
    cmd(&mut s, Command::GradeActor);
    let text = screen(&s, 120, 40);
    assert!(text.contains("Source reliability · Mark Galeotti"));
    assert!(text.contains("‹ B usually reliable ›"));
    assert!(text.contains("Long-standing analyst"));
}

#[test]
fn editors_overlays_and_questions_draw_at_any_size() {
    type Setup = fn(&mut State);
    let setups: [Setup; 7] = [
        |s| {
            annotate(s, "galeotti-nothing-much");
            type_keys(s, "a long note that will need wrapping in a small editor window");
        },
        |s| {
            annotate(s, "galeotti-nothing-much");
            cmd(s, Command::EditorNextField);
        },
        |s| {
            annotate(s, "galeotti-nothing-much");
            cmd(s, Command::EditorPrevField);
        },
        |s| {
            annotate(s, "galeotti-nothing-much");
            type_keys(s, "x");
            cmd(s, Command::EditorCancel);
        },
        |s| {
            cmd(s, Command::Orphans);
        },
        |s| {
            cmd(s, Command::FocusActors);
            cmd(s, Command::GradeActor);
        },
        |s| {
            cmd(s, Command::FocusActors);
            cmd(s, Command::GradeActor);
            cmd(s, Command::EditorNextField);
        },
    ];
    for setup in setups {
        let dir = tempfile::tempdir().unwrap();
        let mut s = annotated_reader(&dir);
        setup(&mut s);
        for (w, h) in [
            (1, 1),
            (8, 3),
            (20, 5),
            (40, 10),
            (41, 11),
            (60, 14),
            (80, 24),
            (200, 60),
        ] {
            s.update(Action::Resize { width: w, height: h });
            let _ = screen(&s, w, h);
            // Drawn for another size than the state knows: still no panic.
            let _ = screen(&s, h, w);
        }
    }
}

#[test]
fn when_the_claims_pane_is_small_the_note_goes_to_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = annotated_reader(&dir);
    s.update(Action::Resize {
        width: 80,
        height: 24,
    });
    select_claim(&mut s, "galeotti-nothing-much");
    s.message = None;
    let text = screen(&s, 80, 24);
    let status = text.lines().last().unwrap_or_default();
    assert!(
        status.starts_with(" ✎ B2 probably true · #military #analysts · Consistent with"),
        "{text}"
    );
    assert!(status.ends_with("a edit"), "{status}");
    // At full size the details show it, and the status bar keeps the hints.
    s.update(Action::Resize {
        width: 120,
        height: 40,
    });
    s.message = None;
    let text = screen(&s, 120, 40);
    assert!(
        text.lines().last().unwrap_or_default().contains("a annotate"),
        "{text}"
    );
}

#[test]
fn the_annotation_filter_says_when_there_is_nothing_to_filter_or_to_show() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    cmd(&mut s, Command::FocusClaims);
    cmd(&mut s, Command::AnnotationFilter);
    assert!(s.annotation_filter.is_none());
    assert!(message(&s).contains("no claim is annotated yet"));

    // Annotated claims, none of them Galeotti's: the empty list says why.
    let mut s = annotated_reader(&dir);
    cmd(&mut s, Command::FocusClaims);
    cmd(&mut s, Command::AnnotationFilter);
    cmd(&mut s, Command::AnnotationFilter);
    assert_eq!(
        s.annotation_filter,
        Some(Filter::Credibility(Credibility::ProbablyTrue))
    );
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "Trump");
    s.update(Action::InputAccept);
    assert!(s.claims.rows.is_empty());
    let text = screen(&s, 120, 40);
    assert!(
        text.contains("nothing matches “Trump” (credibility 2 probably true)"),
        "{text}"
    );
}

#[test]
fn help_opened_over_orphans_closes_with_a_click_and_leaves_the_orphans_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = annotated_reader(&dir);
    cmd(&mut s, Command::Orphans);
    cmd(&mut s, Command::Help);
    assert_eq!(s.layer(), LayerKind::Help);
    let text = screen(&s, 120, 40);
    assert!(text.contains("Help ·"), "{text}");
    s.update(Action::Click { column: 60, row: 20 });
    assert_eq!(s.layer(), LayerKind::Orphans, "the click closed the help only");
    assert_eq!(s.help_scroll(), None);
    let text = screen(&s, 120, 40);
    assert!(text.contains("Orphans (1)") && !text.contains("Help ·"), "{text}");
    cmd(&mut s, Command::Clear);
    assert_eq!(s.layer(), LayerKind::Panes);
}

#[test]
fn a_question_over_the_editor_takes_every_key_then_the_editor_has_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader(&dir);
    annotate(&mut s, "galeotti-nothing-much");
    type_keys(&mut s, "typed");
    cmd(&mut s, Command::EditorCancel);
    assert_eq!(s.layer(), LayerKind::Confirm);
    // Neither the panes nor the editor see commands, clicks or the wheel now.
    cmd(&mut s, Command::Quit);
    s.update(Action::Click { column: 5, row: 5 });
    s.update(Action::Scroll {
        column: 5,
        row: 5,
        down: true,
    });
    assert!(!s.quit);
    assert_eq!(s.layers().len(), 2);
    s.update(Action::Confirm(false));
    assert_eq!(s.layer(), LayerKind::Editor);
    let esc = Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    let action = translate(&esc, &s, true).unwrap();
    s.update(action);
    assert_eq!(s.layer(), LayerKind::Confirm, "Esc in the editor asks again");
}

#[test]
fn opening_a_briefing_with_orphans_says_how_many_and_which_key_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let s = annotated_reader(&dir);
    let notice = s.open_notice().expect("a notice");
    assert_eq!(notice.text, "1 orphaned annotation: O to see them");
    assert!(!notice.error);
    // The same when the picker opens it.
    let mut two = state_for(vec![common::fixture("wide.toml"), bundled()], 120, 40);
    let store = AnnotationStore::open(dir.path(), two.loaded_at(1).unwrap());
    two.set_store(1, store);
    cmd(&mut two, Command::Picker);
    cmd(&mut two, Command::Down);
    cmd(&mut two, Command::Follow);
    assert_eq!(two.current, 1);
    assert_eq!(message(&two), "1 orphaned annotation: O to see them");
}

/// The reader opened on `what` (an article file or an address) as `briefing WHAT` opens it.
fn opened_on(dir: &TempDir, what: &Path) -> State {
    let config = common::pty::temp_config(dir.path());
    let config =
        briefing::config::Config::parse(&config, std::fs::read_to_string(&config).unwrap(), dir.path())
            .unwrap();
    let keymap = briefing::ui::keymap::Keymap::default();
    let mut s = briefing::ui::open(&config, Some(what), keymap, Default::default()).expect("opens");
    s.update(Action::Resize {
        width: 120,
        height: 40,
    });
    s
}

#[test]
fn an_article_in_memory_is_named_when_annotating_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A file: by its name, which leaves room for the whole hint.
    let mut s = opened_on(&dir, &common::seed_article());
    assert_eq!(
        message(&s),
        "imported in memory from russia-venezuela-levers.txt: an edit (e, or v to add a claim) saves it as a briefing first"
    );
    cmd(&mut s, Command::FocusClaims);
    cmd(&mut s, Command::Annotate);
    assert!(s.editor().is_none());
    let m = message(&s);
    assert!(
        m.starts_with("read-only: russia-venezuela-levers.txt is only in memory")
            && m.contains("an edit (e) saves it as a briefing"),
        "{m}"
    );
    // An address: as it was given, never a file type.
    let text = std::fs::read(common::seed_article()).unwrap();
    let site = common::http::Server::start(move |_| {
        common::http::Reply::ok("text/plain; charset=utf-8", text.clone())
    });
    let url = site.url("/levers");
    let mut s = opened_on(&dir, Path::new(&url));
    cmd(&mut s, Command::FocusActors);
    cmd(&mut s, Command::GradeActor);
    assert!(s.editor().is_none());
    let m = message(&s);
    assert!(
        m.starts_with(&format!("read-only: {url} is only in memory")),
        "{m}"
    );
    assert!(!m.contains(".txt") && !m.contains(".html"), "{m}");
}
