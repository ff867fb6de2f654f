//! Correcting a briefing from the reader, through `update` (pure: the effects
//! are checked, then performed by the loop's `perform` on a copy of the briefing
//! in a temporary folder), undo and redo, and snapshots of the edit prompts.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use briefing::annotations::AnnotationStore;
use briefing::edit::{ActorEdit, ClaimEdit, Edit};
use briefing::load::load_file;
use briefing::ui::action::{Action, Command};
use briefing::ui::state::{Confirm, Effect, LayerKind, PickFor, PickRow, State};
use briefing::ui::{perform, state_for};
use tempfile::TempDir;

use common::reader::{actor_id, claim_id, cmd, screen, type_text};
use common::{bundled_path, repo};

/// A reader on a copy of `source` in a temporary folder, annotations beside it.
fn reader_on(dir: &TempDir, source: &Path) -> (State, PathBuf) {
    let file = dir.path().join("briefing.toml");
    fs::copy(source, &file).expect("copy the briefing");
    let loaded = load_file(&file).expect("loads");
    let mut s = state_for(vec![loaded], 120, 40);
    let store = AnnotationStore::open(&dir.path().join("annotations"), s.loaded().expect("loaded"));
    s.set_store(0, store);
    (s, file)
}

fn reader(dir: &TempDir) -> (State, PathBuf) {
    reader_on(dir, &bundled_path())
}

/// What the event loop does: performs the effect and feeds the outcome back.
fn run(state: &mut State, effect: Option<Effect>) {
    let mut effect = effect;
    while let Some(e) = effect.take() {
        let action = perform(state, e).expect("an edit is always answered");
        effect = state.update(action);
    }
}

fn message(state: &State) -> String {
    state.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

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

fn select_actor(state: &mut State, id: &str) {
    let a = actor_id(state, id);
    cmd(state, Command::FocusActors);
    cmd(state, Command::Top);
    for _ in 0..state.actors.rows.len() {
        if state.actors.selected() == Some(a) {
            return;
        }
        cmd(state, Command::Down);
    }
    panic!("{id} is not listed");
}

/// A menu item's key, or a picker's or prompt's typing, as the terminal sends it.
fn key(state: &mut State, c: char) -> Option<Effect> {
    common::reader::press(state, c)
}

fn speaker_of(state: &State, claim: &str) -> Option<String> {
    let c = claim_id(state, claim);
    state.briefing().and_then(|b| b.claims[c].speaker.clone())
}

fn claim_block(file: &Path, id: &str) -> String {
    let text = fs::read_to_string(file).unwrap();
    let at = text
        .find(&format!("id = \"{id}\""))
        .unwrap_or_else(|| panic!("{id} in the file"));
    text[at..].split("\n\n").next().unwrap_or_default().to_string()
}

#[test]
fn a_speaker_is_picked_with_a_fuzzy_filter_saved_and_the_selection_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    select_claim(&mut s, "galeotti-nothing-much");
    assert_eq!(cmd(&mut s, Command::Edit), None);
    assert_eq!(s.layer(), LayerKind::Menu);
    assert!(
        s.menu().unwrap().title.contains("Mark Galeotti"),
        "{:?}",
        s.menu()
    );
    assert_eq!(key(&mut s, 's'), None);
    assert_eq!(s.layer(), LayerKind::ActorPick);
    assert_eq!(
        s.actor_pick().map(|p| p.purpose.clone()),
        Some(PickFor::Speaker("galeotti-nothing-much".into()))
    );
    // Unfiltered: "unnamed source" first, "new actor…" last.
    let rows = s.actor_pick_rows();
    assert_eq!(rows.first(), Some(&PickRow::Unnamed));
    assert_eq!(rows.last(), Some(&PickRow::New));
    type_text(&mut s, "rouvin");
    let rouvinski = actor_id(&s, "vladimir-rouvinski");
    assert_eq!(s.actor_pick_rows()[0], PickRow::Actor(rouvinski));
    let effect = s.update(Action::InputAccept);
    match &effect {
        Some(Effect::SaveEdit { edits, .. }) => assert_eq!(
            edits,
            &[Edit::Claim {
                id: "galeotti-nothing-much".into(),
                change: ClaimEdit::Speaker(Some("vladimir-rouvinski".into())),
            }]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.layer(), LayerKind::Panes, "the menus closed");
    run(&mut s, effect);
    assert!(
        message(&s).starts_with("saved: claim `galeotti-nothing-much`: speaker set to `vladimir-rouvinski`"),
        "{}",
        message(&s)
    );
    assert!(claim_block(&file, "galeotti-nothing-much").contains("speaker = \"vladimir-rouvinski\""));
    // The file on disk is what the reader shows, the same claim still selected.
    assert_eq!(
        speaker_of(&s, "galeotti-nothing-much").as_deref(),
        Some("vladimir-rouvinski")
    );
    assert_eq!(s.claim, Some(claim_id(&s, "galeotti-nothing-much")));
    assert_eq!(load_file(&file).unwrap().briefing, s.briefing().unwrap().clone());
}

#[test]
fn undo_and_redo_put_the_file_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    let original = fs::read(&file).unwrap();
    select_claim(&mut s, "galeotti-nothing-much");
    cmd(&mut s, Command::Edit);
    key(&mut s, 's');
    type_text(&mut s, "putin");
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    let after = fs::read(&file).unwrap();
    assert_ne!(after, original);
    // Nothing to redo yet.
    assert_eq!(cmd(&mut s, Command::Redo), None);
    assert!(message(&s).contains("nothing to redo"));
    let effect = cmd(&mut s, Command::Undo);
    assert!(matches!(effect, Some(Effect::Restore { .. })), "{effect:?}");
    run(&mut s, effect);
    assert_eq!(fs::read(&file).unwrap(), original);
    assert!(
        message(&s).starts_with("undone: claim `galeotti-nothing-much`"),
        "{}",
        message(&s)
    );
    assert_eq!(
        speaker_of(&s, "galeotti-nothing-much").as_deref(),
        Some("mark-galeotti")
    );
    assert_eq!(s.session.undo_steps(0).len(), 0);
    assert_eq!(cmd(&mut s, Command::Undo), None, "nothing left to undo");
    let effect = cmd(&mut s, Command::Redo);
    run(&mut s, effect);
    assert_eq!(fs::read(&file).unwrap(), after);
    assert_eq!(
        speaker_of(&s, "galeotti-nothing-much").as_deref(),
        Some("vladimir-putin")
    );
    assert!(message(&s).starts_with("redone:"), "{}", message(&s));
}

#[test]
fn undo_is_refused_when_another_program_changed_the_file_since() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    select_claim(&mut s, "galeotti-nothing-much");
    cmd(&mut s, Command::Edit);
    key(&mut s, 'v');
    type_text(&mut s, "a telegram");
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    assert!(claim_block(&file, "galeotti-nothing-much").contains("via = \"a telegram\""));
    let theirs = fs::read_to_string(&file)
        .unwrap()
        .replace("title = \"", "title = \"Edited elsewhere: ");
    fs::write(&file, &theirs).unwrap();
    let effect = cmd(&mut s, Command::Undo);
    run(&mut s, effect);
    let m = s.message.clone().unwrap();
    assert!(
        m.error
            && m.text.starts_with("not undone:")
            && m.text.contains("was changed by another program since this edit"),
        "{m:?}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), theirs, "their version stays");
    assert_eq!(
        s.session.undo_steps(0).len(),
        1,
        "the step can still be undone later"
    );
}

#[test]
fn an_edit_made_while_another_program_changed_the_file_is_applied_to_the_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    let theirs = fs::read_to_string(&file)
        .unwrap()
        .replace("title = \"", "title = \"Edited elsewhere: ");
    fs::write(&file, &theirs).unwrap();
    select_claim(&mut s, "galeotti-nothing-much");
    cmd(&mut s, Command::Edit);
    key(&mut s, 'v');
    type_text(&mut s, "a telegram");
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    assert!(
        message(&s).contains("the file had changed on disk"),
        "{}",
        message(&s)
    );
    let now = fs::read_to_string(&file).unwrap();
    assert!(now.contains("title = \"Edited elsewhere: "));
    assert!(claim_block(&file, "galeotti-nothing-much").contains("via = \"a telegram\""));
    assert!(
        s.briefing().unwrap().title.starts_with("Edited elsewhere: "),
        "the reader shows the file"
    );
}

#[test]
fn a_date_is_typed_an_impossible_one_is_refused_and_empty_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    let before = fs::read(&file).unwrap();
    select_claim(&mut s, "galeotti-nothing-much");
    cmd(&mut s, Command::Edit);
    key(&mut s, 'd');
    assert_eq!(s.layer(), LayerKind::Prompt);
    type_text(&mut s, "2025-02-30");
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    let m = s.message.clone().unwrap();
    assert!(
        m.error
            && m.text
                .starts_with("not saved: `2025-02-30` is not a day that exists"),
        "{m:?}"
    );
    assert!(
        m.text.contains("2025-02-30")
            && m.text.contains("(line 4")
            && m.text.ends_with("nothing was written"),
        "the loader's message and line: {m:?}"
    );
    assert_eq!(fs::read(&file).unwrap(), before, "nothing written");
    cmd(&mut s, Command::Edit);
    key(&mut s, 'd');
    type_text(&mut s, "2025-02-03");
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    assert!(claim_block(&file, "galeotti-nothing-much").contains("date = \"2025-02-03\""));
    // The prompt is prefilled: Backspace it all, Enter removes the date.
    cmd(&mut s, Command::Edit);
    key(&mut s, 'd');
    assert_eq!(s.prompt().map(|p| p.text.as_str()), Some("2025-02-03"));
    for _ in 0..10 {
        s.update(Action::InputBackspace);
    }
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    assert!(!claim_block(&file, "galeotti-nothing-much").contains("date ="));
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "set then removed: the file is as it was"
    );
}

#[test]
fn via_is_set_and_checked_clears_the_doubt() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader_on(&dir, &repo().join("tests/fixtures/reader/doubt.toml"));
    select_claim(&mut s, "nothing-agreed");
    cmd(&mut s, Command::Edit);
    let effect = key(&mut s, 'c');
    run(&mut s, effect);
    assert!(!claim_block(&file, "nothing-agreed").contains("doubt"));
    assert_eq!(s.claim_facts.doubtful, 0, "the doubt count follows");
    // A claim not in doubt: nothing to check, nothing written.
    cmd(&mut s, Command::Edit);
    assert_eq!(key(&mut s, 'c'), None);
    assert!(message(&s).contains("not in doubt"));
    cmd(&mut s, Command::Clear);
    cmd(&mut s, Command::Edit);
    key(&mut s, 'v');
    type_text(&mut s, "a statement");
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    assert!(claim_block(&file, "nothing-agreed").contains("via = \"a statement\""));
}

#[test]
fn a_quote_made_a_report_keeps_its_words_as_the_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    select_claim(&mut s, "galeotti-nothing-much");
    let words = s
        .briefing()
        .unwrap()
        .claims
        .iter()
        .find(|c| c.id == "galeotti-nothing-much")
        .unwrap()
        .text
        .clone();
    cmd(&mut s, Command::Edit);
    key(&mut s, 't');
    assert_eq!(s.menu().map(|m| m.items.len()), Some(3));
    let effect = key(&mut s, 'r');
    run(&mut s, effect);
    let m = s.message.clone().unwrap();
    assert!(!m.error, "{m:?}");
    let block = claim_block(&file, "galeotti-nothing-much");
    assert!(block.contains("kind = \"report\""), "{block}");
    assert!(
        block.contains(&format!("anchor = {}", toml_string(&words))),
        "{block}"
    );
    assert_eq!(s.session.undo_steps(0).len(), 1, "the change can be undone");
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[test]
fn a_new_actor_is_created_from_the_picker_and_becomes_the_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    let actors = s.briefing().unwrap().actors.len();
    select_claim(&mut s, "galeotti-nothing-much");
    cmd(&mut s, Command::Edit);
    key(&mut s, 's');
    type_text(&mut s, "Léa King");
    assert_eq!(s.actor_pick_rows(), vec![PickRow::New], "nobody matches");
    s.update(Action::InputAccept);
    assert_eq!(
        s.prompt().map(|p| p.text.as_str()),
        Some("Léa King"),
        "the name, prefilled"
    );
    s.update(Action::InputAccept);
    assert_eq!(s.layer(), LayerKind::Menu, "the kind is asked");
    let effect = key(&mut s, 'p');
    run(&mut s, effect);
    assert_eq!(s.briefing().unwrap().actors.len(), actors + 1);
    assert_eq!(
        speaker_of(&s, "galeotti-nothing-much").as_deref(),
        Some("lea-king")
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("id = \"lea-king\"\nname = \"Léa King\"\nkind = \"person\""),
        "{text}"
    );
    // One undo takes both away.
    let effect = cmd(&mut s, Command::Undo);
    run(&mut s, effect);
    assert_eq!(s.briefing().unwrap().actors.len(), actors);
}

#[test]
fn deleting_a_claim_asks_first_and_selects_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    let claims = s.briefing().unwrap().claims.len();
    select_claim(&mut s, "galeotti-nothing-much");
    let row = s.claims.cursor;
    cmd(&mut s, Command::Edit);
    assert_eq!(key(&mut s, 'x'), None);
    assert_eq!(s.layer(), LayerKind::Confirm);
    assert!(
        s.question()
            .unwrap()
            .starts_with("Delete the claim “Mark Galeotti: “To put it bluntly"),
        "{:?}",
        s.question()
    );
    // No keeps it.
    s.update(Action::Confirm(false));
    assert_eq!(message(&s), "nothing changed");
    key(&mut s, 'x');
    let effect = s.update(Action::Confirm(true));
    run(&mut s, effect);
    assert_eq!(s.briefing().unwrap().claims.len(), claims - 1);
    assert!(s.index().unwrap().claim("galeotti-nothing-much").is_none());
    assert!(
        !fs::read_to_string(&file)
            .unwrap()
            .contains("galeotti-nothing-much"),
        "related entries go too"
    );
    assert_eq!(
        s.claims.cursor, row,
        "the cursor stays on the row, now the next claim"
    );
    assert!(s.claims.selected().is_some());
}

#[test]
fn an_actor_is_renamed_given_aliases_and_a_role() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    select_actor(&mut s, "mark-galeotti");
    cmd(&mut s, Command::Edit);
    assert!(s.menu().unwrap().title.contains("Edit actor · Mark Galeotti"));
    key(&mut s, 'n');
    for _ in 0.."Mark Galeotti".chars().count() {
        s.update(Action::InputBackspace);
    }
    type_text(&mut s, "Mark G. Galeotti");
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("name = \"Mark G. Galeotti\"")
    );
    assert_eq!(
        s.actors.selected(),
        Some(actor_id(&s, "mark-galeotti")),
        "still selected"
    );
    cmd(&mut s, Command::Edit);
    key(&mut s, 'l');
    type_text(&mut s, ", Prof. Galeotti");
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    let a = actor_id(&s, "mark-galeotti");
    assert!(
        s.briefing().unwrap().actors[a]
            .aliases
            .contains(&"Prof. Galeotti".to_string())
    );
    cmd(&mut s, Command::Edit);
    key(&mut s, 'r');
    for _ in 0..200 {
        s.update(Action::InputBackspace);
    }
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    assert_eq!(
        s.briefing().unwrap().actors[a].role,
        None,
        "empty removes the role"
    );
    cmd(&mut s, Command::Edit);
    key(&mut s, 't');
    let effect = key(&mut s, 'g');
    run(&mut s, effect);
    assert_eq!(s.briefing().unwrap().actors[a].kind.as_str(), "group");
}

#[test]
fn merging_an_actor_says_how_many_claims_move_and_moves_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _file) = reader(&dir);
    let by_zakharova = s
        .briefing()
        .unwrap()
        .claims
        .iter()
        .filter(|c| c.speaker.as_deref() == Some("maria-zakharova"))
        .count();
    assert!(by_zakharova > 0);
    select_actor(&mut s, "maria-zakharova");
    cmd(&mut s, Command::Edit);
    key(&mut s, 'm');
    assert_eq!(s.layer(), LayerKind::ActorPick);
    let zakharova = actor_id(&s, "maria-zakharova");
    assert!(
        !s.actor_pick_rows().contains(&PickRow::Actor(zakharova)),
        "not into itself"
    );
    assert!(!s.actor_pick_rows().contains(&PickRow::New));
    type_text(&mut s, "foreign min");
    s.update(Action::InputAccept);
    let question = s.question().unwrap();
    assert!(
        question.starts_with(&format!(
            "Merge “Maria Zakharova” into “Russian Foreign Ministry”? {by_zakharova} claims by it"
        )),
        "{question}"
    );
    let effect = s.update(Action::Confirm(true));
    assert!(
        matches!(&effect, Some(Effect::SaveEdit { edits, .. }) if edits == &[Edit::Actor { id: "maria-zakharova".into(), change: ActorEdit::MergeInto("russian-foreign-ministry".into()) }])
    );
    run(&mut s, effect);
    let b = s.briefing().unwrap();
    assert!(b.actors.iter().all(|a| a.id != "maria-zakharova"));
    let ministry = b
        .actors
        .iter()
        .find(|a| a.id == "russian-foreign-ministry")
        .unwrap();
    assert!(ministry.aliases.contains(&"Maria Zakharova".to_string()));
    assert_eq!(
        b.claims
            .iter()
            .filter(|c| c.speaker.as_deref() == Some("maria-zakharova"))
            .count(),
        0
    );
}

#[test]
fn deleting_a_referenced_actor_is_refused_with_the_count_and_an_unused_one_asks() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    let before = fs::read(&file).unwrap();
    let refs = s
        .briefing()
        .unwrap()
        .claims
        .iter()
        .filter(|c| {
            c.speaker.as_deref() == Some("mark-galeotti") || c.about.iter().any(|a| a == "mark-galeotti")
        })
        .count();
    assert!(refs > 1);
    select_actor(&mut s, "mark-galeotti");
    cmd(&mut s, Command::Edit);
    assert_eq!(key(&mut s, 'x'), None);
    let m = s.message.clone().unwrap();
    assert!(
        m.error
            && m.text
                .contains(&format!("referred to by {refs} claims (as speaker or about)")),
        "{m:?}"
    );
    assert_eq!(fs::read(&file).unwrap(), before);
    cmd(&mut s, Command::Clear);
    // An actor nobody refers to: a question, then it goes.
    let b = s.briefing().unwrap();
    let unused = b
        .actors
        .iter()
        .find(|a| {
            !b.claims
                .iter()
                .any(|c| c.speaker.as_deref() == Some(&a.id) || c.about.contains(&a.id))
        })
        .map(|a| a.id.clone());
    let unused = unused.expect("the bundled briefing has an actor no claim refers to");
    select_actor(&mut s, &unused);
    cmd(&mut s, Command::Edit);
    key(&mut s, 'x');
    assert!(matches!(s.confirm(), Some(Confirm::Edit { .. })));
    assert!(s.question().unwrap().contains("No claim refers to it"));
    let effect = s.update(Action::Confirm(true));
    run(&mut s, effect);
    assert!(s.index().unwrap().actor(&unused).is_none());
}

#[test]
fn a_section_heading_is_renamed_with_e_in_sections() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    cmd(&mut s, Command::FocusSections);
    cmd(&mut s, Command::Down);
    let section = s.sections.selected().unwrap();
    let id = s.briefing().unwrap().sections[section].id.clone();
    cmd(&mut s, Command::Edit);
    assert_eq!(s.layer(), LayerKind::Prompt);
    for _ in 0..200 {
        s.update(Action::InputBackspace);
    }
    // An empty heading is refused; the prompt stays.
    assert_eq!(s.update(Action::InputAccept), None);
    assert_eq!(s.layer(), LayerKind::Prompt);
    type_text(&mut s, "Moscow's levers");
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    assert_eq!(
        s.briefing().unwrap().sections[section].heading.as_deref(),
        Some("Moscow's levers")
    );
    assert_eq!(s.sections.selected(), Some(section));
    let text = fs::read_to_string(&file).unwrap();
    let at = text.find(&format!("id = \"{id}\"")).unwrap();
    assert!(text[at..].contains("heading = \"Moscow's levers\""));
}

#[test]
fn read_only_turns_the_menus_off_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _file) = reader(&dir);
    s.session.readonly = true;
    select_claim(&mut s, "galeotti-nothing-much");
    assert_eq!(cmd(&mut s, Command::Edit), None);
    assert_eq!(s.layer(), LayerKind::Panes);
    let m = s.message.clone().unwrap();
    assert!(m.error && m.text.contains("readonly = true"), "{m:?}");
    assert_eq!(cmd(&mut s, Command::Undo), None);
}

#[test]
fn e_in_the_claim_details_opens_the_claim_menu() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _file) = reader(&dir);
    select_claim(&mut s, "galeotti-nothing-much");
    cmd(&mut s, Command::Details);
    cmd(&mut s, Command::Edit);
    assert_eq!(s.layer(), LayerKind::Menu);
    key(&mut s, 'd');
    type_text(&mut s, "2025-11");
    let effect = s.update(Action::InputAccept);
    run(&mut s, effect);
    assert!(message(&s).starts_with("saved:"), "{}", message(&s));
    assert_eq!(
        s.layer(),
        LayerKind::Details,
        "the details stay, showing the new date"
    );
    assert_eq!(
        s.details().map(|d| d.0),
        Some(claim_id(&s, "galeotti-nothing-much"))
    );
}

// ----- snapshots of the prompts -----

fn snapshot_reader(dir: &TempDir) -> State {
    let (mut s, _) = reader(dir);
    select_claim(&mut s, "galeotti-nothing-much");
    s
}

#[test]
fn snapshot_claim_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = snapshot_reader(&dir);
    cmd(&mut s, Command::Edit);
    cmd(&mut s, Command::Down);
    insta::assert_snapshot!("claim_menu", screen(&s, 120, 40));
}

#[test]
fn snapshot_actor_menu() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = reader(&dir);
    select_actor(&mut s, "maria-zakharova");
    cmd(&mut s, Command::Edit);
    insta::assert_snapshot!("actor_menu", screen(&s, 120, 40));
}

#[test]
fn snapshot_actor_picker_filtered() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = snapshot_reader(&dir);
    cmd(&mut s, Command::Edit);
    key(&mut s, 's');
    type_text(&mut s, "vla");
    cmd(&mut s, Command::Down);
    insta::assert_snapshot!("actor_picker", screen(&s, 120, 40));
}

#[test]
fn snapshot_merge_confirm_with_count() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = reader(&dir);
    select_actor(&mut s, "maria-zakharova");
    cmd(&mut s, Command::Edit);
    key(&mut s, 'm');
    type_text(&mut s, "foreign min");
    s.update(Action::InputAccept);
    insta::assert_snapshot!("merge_confirm", screen(&s, 120, 40));
}

#[test]
fn snapshot_delete_claim_confirm() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = snapshot_reader(&dir);
    cmd(&mut s, Command::Edit);
    key(&mut s, 'x');
    insta::assert_snapshot!("delete_claim_confirm", screen(&s, 120, 40));
}

#[test]
fn snapshot_date_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = snapshot_reader(&dir);
    cmd(&mut s, Command::Edit);
    key(&mut s, 'd');
    type_text(&mut s, "2025-03");
    insta::assert_snapshot!("date_prompt", screen(&s, 120, 40));
}

#[test]
fn a_merged_actors_source_grade_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let sidecars = dir.path().join("annotations");
    fs::create_dir_all(&sidecars).unwrap();
    fs::copy(
        repo().join("tests/fixtures/reader/annotations/russia-venezuela-levers.toml"),
        sidecars.join("russia-venezuela-levers.toml"),
    )
    .unwrap();
    let (mut s, _file) = reader(&dir);
    assert!(
        s.store().unwrap().reliability("mark-galeotti").is_some(),
        "Galeotti is graded"
    );
    assert!(s.store().unwrap().reliability("oleg-ignatov").is_none());
    select_actor(&mut s, "mark-galeotti");
    cmd(&mut s, Command::Edit);
    key(&mut s, 'm');
    type_text(&mut s, "ignatov");
    s.update(Action::InputAccept);
    let effect = s.update(Action::Confirm(true));
    run(&mut s, effect);
    assert!(
        message(&s).contains("the source grade moved from `mark-galeotti` to `oleg-ignatov`"),
        "{}",
        message(&s)
    );
    let store = s.store().unwrap();
    assert!(store.reliability("oleg-ignatov").is_some());
    assert!(store.reliability("mark-galeotti").is_none());
    // The annotations on Galeotti's claims stay attached (claim ids are unchanged).
    let c = claim_id(&s, "galeotti-nothing-much");
    assert!(store.for_claim(c).is_some());
    // Undo gives the grade back; redo moves it again.
    let effect = cmd(&mut s, Command::Undo);
    run(&mut s, effect);
    assert!(
        s.store().unwrap().reliability("mark-galeotti").is_some(),
        "{}",
        message(&s)
    );
    assert!(s.store().unwrap().reliability("oleg-ignatov").is_none());
    let effect = cmd(&mut s, Command::Redo);
    run(&mut s, effect);
    assert!(s.store().unwrap().reliability("oleg-ignatov").is_some());
    assert!(s.store().unwrap().reliability("mark-galeotti").is_none());
}

/// The keymap of a config's `[keys]`.
fn keymap(keys: &str) -> briefing::ui::keymap::Keymap {
    let config = briefing::config::Config::parse(Path::new("c.toml"), keys.into(), Path::new("/d")).unwrap();
    briefing::ui::keymap::Keymap::from_config(&config).unwrap()
}

#[test]
fn menu_items_follow_their_rebound_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, file) = reader(&dir);
    s.keymap = keymap("[keys]\nclaim_delete = \"D\"\nclaim_kind = \"k\"\nkind_report = [\"3\", \"R\"]\n");
    let before = fs::read(&file).unwrap();
    select_claim(&mut s, "galeotti-nothing-much");
    cmd(&mut s, Command::Edit);
    // The old letter does nothing any more; `D` (the doubt filter in the panes) deletes here.
    assert_eq!(key(&mut s, 'x'), None);
    assert_eq!(s.layer(), LayerKind::Menu);
    let menu = screen(&s, 120, 40);
    let delete = menu.lines().find(|l| l.contains("Delete")).unwrap();
    assert!(delete.contains(" D  Delete"), "{delete}");
    assert!(!menu.contains(" x  Delete"), "{menu}");
    key(&mut s, 'D');
    assert_eq!(s.layer(), LayerKind::Confirm);
    assert!(s.question().unwrap().starts_with("Delete the claim"));
    s.update(Action::Confirm(false));
    assert_eq!(s.layer(), LayerKind::Menu, "no keeps the menu");
    // The kind by `k`, then report by its second key.
    key(&mut s, 'k');
    assert!(s.menu().unwrap().title.starts_with("Kind of claim"));
    let kinds = screen(&s, 120, 40);
    assert!(kinds.contains(" 3  report"), "{kinds}");
    assert!(
        kinds.contains("Enter or a key chooses · Esc closes"),
        "the keys below fit:\n{kinds}"
    );
    match key(&mut s, 'R') {
        Some(Effect::SaveEdit { edits, .. }) => assert_eq!(
            edits,
            vec![Edit::Claim {
                id: "galeotti-nothing-much".into(),
                change: ClaimEdit::Kind(briefing::model::ClaimKind::Report),
            }]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "nothing written before the loop runs it"
    );
    // Outside a menu, the menus' keys are the reader's again: `D` is the doubt filter.
    cmd(&mut s, Command::Clear);
    assert_eq!(s.layer(), LayerKind::Panes);
    key(&mut s, 'D');
    assert!(message(&s).contains("in doubt"), "{}", message(&s));
}

#[test]
fn the_help_lists_the_menu_keys_as_bound() {
    let mut s = state_for(vec![load_file(&bundled_path()).unwrap()], 120, 200);
    s.keymap = keymap("[keys]\nactor_merge = \"ctrl-m\"\n");
    cmd(&mut s, Command::Help);
    let help = screen(&s, 120, 200);
    let merge = help
        .lines()
        .find(|l| l.contains("merge into another actor"))
        .expect(&help);
    assert!(merge.contains("Ctrl-m"), "{merge}");
    let speaker = help
        .lines()
        .find(|l| l.contains("claim menu: the speaker"))
        .expect(&help);
    assert!(speaker.contains(" s "), "{speaker}");
}
