//! The Library actors view through `update`, against a real library index on a
//! copy of three briefings (the same actors under other names in two of them),
//! and its screens.

mod common;

use briefing::config::Config;
use briefing::ui::action::{Action, Command, Pane};
use briefing::ui::state::{DetailRow, Effect, LayerKind, State};
use briefing::ui::{perform_with, state_for};
use common::reader::{actor_id, claim_id, cmd, screen, type_text};
use common::{bundled, kremlin, three_briefing_library};

/// A reader on the bundled briefing (0) and the Kremlin one (1).
fn reader() -> State {
    state_for(vec![bundled(), kremlin()], 120, 40)
}

fn library() -> (tempfile::TempDir, tempfile::TempDir, Config) {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = three_briefing_library(files.path(), cache.path());
    (files, cache, config)
}

/// Performs `effect` and every effect its answer asks for, as the event loop does.
fn perform(state: &mut State, mut effect: Option<Effect>, config: &Config) {
    while let Some(action) = effect.and_then(|e| perform_with(state, e, config)) {
        effect = state.update(action);
    }
}

/// A command, and what the loop does with it.
fn run(state: &mut State, command: Command, config: &Config) {
    let effect = cmd(state, command);
    perform(state, effect, config);
}

/// Opens the view with the actors read from `config`'s library.
fn open(state: &mut State, config: &Config) {
    let effect = cmd(state, Command::LibraryActors);
    assert_eq!(effect, Some(Effect::Identities), "nothing is read inside update");
    assert_eq!(state.layer(), LayerKind::LibraryActors);
    perform(state, effect, config);
}

/// The names listed, in order.
fn names(state: &State) -> Vec<String> {
    let view = state.library_actors().unwrap();
    view.list
        .rows
        .iter()
        .map(|&i| view.identities[i].name.clone())
        .collect()
}

/// Moves the cursor onto the actor named `name`.
fn go_to(state: &mut State, name: &str) {
    let at = names(state).iter().position(|n| n == name).expect(name);
    cmd(state, Command::Top);
    for _ in 0..at {
        cmd(state, Command::Down);
    }
}

/// Moves the detail's cursor onto the claim `id`.
fn go_to_claim(state: &mut State, id: &str) {
    let detail = state.library_actors().unwrap().detail.clone().unwrap();
    let at = detail
        .rows
        .iter()
        .position(|r| matches!(r, DetailRow::Claim { claim, .. } if claim.claim == id))
        .expect(id);
    cmd(state, Command::Top);
    for _ in 0..at {
        cmd(state, Command::Down);
    }
}

#[test]
fn l_asks_the_loop_for_the_actors_and_esc_closes() {
    let mut state = reader();
    assert_eq!(cmd(&mut state, Command::LibraryActors), Some(Effect::Identities));
    assert!(state.library_actors().unwrap().pending);
    assert!(screen(&state, 120, 40).contains("reading the library's actors…"));
    cmd(&mut state, Command::Clear);
    assert_eq!(state.layer(), LayerKind::Panes);
    assert!(state.library_actors().is_none());
}

#[test]
fn actors_across_briefings_are_listed_filtered_and_sorted() {
    let (_files, _cache, config) = library();
    let mut state = reader();
    open(&mut state, &config);
    let view = state.library_actors().unwrap();
    assert!(!view.pending);
    let russia = &view.identities[view.list.rows[0]];
    assert_eq!(russia.name, "Russia");
    assert_eq!(russia.briefings, 2, "The Kremlin is Russia: {russia:?}");
    assert_eq!(russia.also, vec!["The Kremlin".to_string()]);
    let text = screen(&state, 120, 40);
    assert!(text.contains("Library actors · "), "{text}");
    assert!(text.contains("The Kremlin"), "{text}");

    cmd(&mut state, Command::Filter);
    assert_eq!(state.layer(), LayerKind::Input);
    type_text(&mut state, "kreml");
    assert_eq!(names(&state), vec!["Russia".to_string()], "other names count");
    state.update(Action::InputAccept);
    assert_eq!(state.layer(), LayerKind::LibraryActors);
    cmd(&mut state, Command::Clear);
    assert!(names(&state).len() > 30, "Esc clears the filter first");
    assert_eq!(state.layer(), LayerKind::LibraryActors);

    cmd(&mut state, Command::SortActors);
    let view = state.library_actors().unwrap();
    let claims: Vec<usize> = view
        .list
        .rows
        .iter()
        .map(|&i| view.identities[i].claims)
        .collect();
    assert!(claims.windows(2).all(|w| w[0] >= w[1]), "by claims: {claims:?}");
    cmd(&mut state, Command::SortActors);
    let sorted = names(&state);
    let mut by_name = sorted.clone();
    by_name.sort_by_key(|n| n.to_lowercase());
    assert_eq!(sorted.first(), by_name.first(), "by name");
    cmd(&mut state, Command::SortActors);
    let view = state.library_actors().unwrap();
    let kinds: Vec<&str> = view
        .list
        .rows
        .iter()
        .map(|&i| view.identities[i].kind.as_str())
        .collect();
    assert_eq!(kinds.first(), Some(&"person"), "by kind, people first: {kinds:?}");
    let last_person = kinds.iter().rposition(|k| *k == "person").unwrap();
    assert!(kinds[..last_person].iter().all(|k| *k == "person"), "{kinds:?}");

    cmd(&mut state, Command::Bottom);
    let last = state.library_actors().unwrap().list.rows.len() - 1;
    assert_eq!(state.library_actors().unwrap().list.cursor, last);
    cmd(&mut state, Command::Down);
    assert_eq!(state.library_actors().unwrap().list.cursor, last, "clamped");
    cmd(&mut state, Command::Clear);
    assert_eq!(state.layer(), LayerKind::Panes);
}

#[test]
fn enter_lists_the_actors_briefings_and_claims_and_enter_on_a_claim_opens_it() {
    let (_files, _cache, config) = library();
    let mut state = reader();
    open(&mut state, &config);
    go_to(&mut state, "Russia");
    let effect = cmd(&mut state, Command::Follow);
    assert!(
        matches!(&effect, Some(Effect::Identity { key }) if key.ends_with("/russia") || key.ends_with("/kremlin"))
    );
    perform(&mut state, effect, &config);
    let detail = state.library_actors().unwrap().detail.clone().unwrap();
    let briefings: Vec<&str> = detail
        .rows
        .iter()
        .filter_map(|r| match r {
            DetailRow::Briefing { member, .. } => Some(member.briefing.as_str()),
            DetailRow::Claim { .. } => None,
        })
        .collect();
    assert_eq!(briefings, vec!["kremlin-oil", "russia-venezuela-levers"]);
    assert!(
        detail.rows.len() > 20,
        "the claims of both briefings: {}",
        detail.rows.len()
    );
    let text = screen(&state, 120, 40);
    assert!(text.contains("Kremlin weighs oil deal"), "{text}");
    assert!(text.contains("double within a year"), "{text}");

    // Where the reader was, to come back to.
    cmd(&mut state, Command::Clear);
    assert!(
        state.library_actors().unwrap().detail.is_none(),
        "Esc: back to the list"
    );
    cmd(&mut state, Command::Follow);
    perform(
        &mut state,
        Some(Effect::Identity {
            key: detail.key.clone(),
        }),
        &config,
    );
    state.focus = Pane::Claims;
    let before = (state.current, state.focus, state.claim);

    go_to_claim(&mut state, "kremlin-double");
    cmd(&mut state, Command::Follow);
    assert_eq!(state.layer(), LayerKind::Panes, "the view closed");
    assert_eq!(state.briefing().unwrap().id, "kremlin-oil");
    assert_eq!(
        state.actor,
        Some(actor_id(&state, "kremlin")),
        "the actor is selected"
    );
    assert_eq!(
        state.claim,
        Some(claim_id(&state, "kremlin-double")),
        "and the claim"
    );
    assert_eq!(state.focus, Pane::Claims);

    cmd(&mut state, Command::Back);
    assert_eq!((state.current, state.focus, state.claim), before);
    cmd(&mut state, Command::Forward);
    assert_eq!(state.briefing().unwrap().id, "kremlin-oil");
    assert_eq!(state.claim, Some(claim_id(&state, "kremlin-double")));
}

#[test]
fn enter_on_a_briefing_of_the_detail_opens_it_on_the_actor() {
    let (_files, _cache, config) = library();
    let mut state = reader();
    open(&mut state, &config);
    go_to(&mut state, "Vladimir Putin");
    run(&mut state, Command::Follow, &config);
    cmd(&mut state, Command::Top);
    // The first line is the Kremlin briefing, where he is "President Vladimir Putin".
    cmd(&mut state, Command::Follow);
    assert_eq!(state.briefing().unwrap().id, "kremlin-oil");
    assert_eq!(state.focus, Pane::Actors);
    assert_eq!(state.actor, Some(actor_id(&state, "putin")));
    assert!(state.message.as_ref().unwrap().text.contains("goes back"));
}

#[test]
fn with_an_actor_selected_l_opens_on_that_actor() {
    let (_files, _cache, config) = library();
    let mut state = reader();
    let putin = actor_id(&state, "vladimir-putin");
    state.actor = Some(putin);
    open(&mut state, &config);
    let detail = state
        .library_actors()
        .unwrap()
        .detail
        .clone()
        .expect("the detail is open");
    assert_eq!(detail.key, "russia-venezuela-levers/vladimir-putin");
    assert_eq!(detail.name, "Vladimir Putin");
    assert_eq!(detail.identity.as_ref().unwrap().briefings, 2);
    // The cursor is on the briefing being read.
    match &detail.rows[detail.cursor] {
        DetailRow::Briefing { member, .. } => assert_eq!(member.briefing, "russia-venezuela-levers"),
        row => panic!("{row:?}"),
    }
    assert!(detail.cursor > 0, "it is not the first briefing of the list");
    // Esc goes to the list, the cursor on him.
    cmd(&mut state, Command::Clear);
    let view = state.library_actors().unwrap();
    assert_eq!(view.selected().unwrap().name, "Vladimir Putin");
}

#[test]
fn merge_then_split_write_the_decisions_file_and_the_view_follows() {
    let (_files, cache, config) = library();
    let file = cache.path().join("annotations/_library.toml");
    let mut state = reader();
    open(&mut state, &config);
    let count = names(&state).len();

    go_to(&mut state, "Cuba");
    cmd(&mut state, Command::Mark);
    assert!(state.library_actors().unwrap().marked.is_some());
    assert!(screen(&state, 120, 40).contains(" * Cuba"));
    go_to(&mut state, "Venezuela");
    let effect = cmd(&mut state, Command::Merge);
    assert!(
        matches!(effect, Some(Effect::Decide(_))),
        "written by the loop: {effect:?}"
    );
    assert!(!file.exists(), "nothing is written inside update");
    perform(&mut state, effect, &config);
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("russia-venezuela-levers/cuba"), "{written}");
    assert!(written.contains("russia-venezuela-levers/venezuela"), "{written}");
    assert_eq!(names(&state).len(), count - 1, "the list was read again");
    let view = state.library_actors().unwrap();
    assert!(view.marked.is_none());
    let venezuela = view.identities.iter().find(|i| i.name == "Venezuela").unwrap();
    assert_eq!(venezuela.also, vec!["Cuba".to_string()]);
    assert!(
        state
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("merged Cuba and Venezuela")
    );

    // Split Cuba out again from Venezuela's detail.
    go_to(&mut state, "Venezuela");
    run(&mut state, Command::Follow, &config);
    let rows = state.library_actors().unwrap().detail.clone().unwrap().rows;
    let cuba = rows
        .iter()
        .position(|r| matches!(r, DetailRow::Briefing { member, .. } if member.actor == "cuba"))
        .unwrap();
    cmd(&mut state, Command::Top);
    for _ in 0..cuba {
        cmd(&mut state, Command::Down);
    }
    run(&mut state, Command::Split, &config);
    let decisions = briefing::library::load_decisions(file.parent().unwrap()).unwrap();
    assert!(
        decisions.merges.is_empty(),
        "the merge naming it is undone: {decisions:?}"
    );
    assert_eq!(decisions.splits.len(), 1);
    assert_eq!(decisions.splits[0].actor, "russia-venezuela-levers/cuba");
    assert_eq!(names(&state).len(), count);
    let detail = state.library_actors().unwrap().detail.clone().unwrap();
    assert_eq!(detail.name, "Venezuela", "the detail shows the rest of the actor");
    assert!(detail.identity.unwrap().also.is_empty());
}

#[test]
fn a_broken_decisions_file_is_not_overwritten() {
    let (_files, cache, config) = library();
    let file = cache.path().join("annotations/_library.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "[[merge]\n").unwrap();
    let mut state = reader();
    open(&mut state, &config);
    go_to(&mut state, "Cuba");
    cmd(&mut state, Command::Mark);
    go_to(&mut state, "Venezuela");
    run(&mut state, Command::Merge, &config);
    let message = state.message.clone().unwrap();
    assert!(
        message.error && message.text.contains("_library.toml"),
        "{message:?}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "[[merge]\n");
}

#[test]
fn a_click_on_an_actor_shows_it_and_outside_does_nothing() {
    let (_files, _cache, config) = library();
    let mut state = reader();
    open(&mut state, &config);
    // Title bar, border, heading: the second actor is on row 4.
    let effect = state.update(Action::Click { column: 10, row: 4 });
    assert!(matches!(effect, Some(Effect::Identity { .. })), "{effect:?}");
    assert_eq!(state.library_actors().unwrap().list.cursor, 1);
    perform(&mut state, effect, &config);
    assert!(state.library_actors().unwrap().detail.is_some());
    assert_eq!(state.update(Action::Click { column: 0, row: 4 }), None);
}

#[test]
fn an_index_that_cannot_be_opened_is_one_error_line() {
    let (_files, cache, mut config) = library();
    let blocker = cache.path().join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    config.index_path = Some(blocker.join("index.sqlite"));
    let mut state = reader();
    open(&mut state, &config);
    assert_eq!(state.layer(), LayerKind::Panes, "the view closed");
    let message = state.message.clone().unwrap();
    assert!(message.error && !message.text.contains('\n'), "{message:?}");
}

#[test]
fn snapshot_library_actors_list_and_detail() {
    let (_files, _cache, config) = library();
    let mut state = reader();
    open(&mut state, &config);
    insta::assert_snapshot!("library_actors_list", screen(&state, 100, 24));
    go_to(&mut state, "United States");
    run(&mut state, Command::Follow, &config);
    insta::assert_snapshot!("library_actors_detail", screen(&state, 100, 24));
}
