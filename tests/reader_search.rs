//! The library search view through `update`, with a real library index on a
//! copy of two briefings, and its screen.

mod common;

use briefing::config::Config;
use briefing::ui::action::{Action, Command, Pane};
use briefing::ui::state::{Effect, LayerKind, State};
use briefing::ui::{perform_with, state_for};
use common::reader::{claim_id, cmd, screen, section_id, type_text};
use common::{bundled, fixture, two_briefing_library};

/// A reader on the bundled briefing (0) and the wide one (1).
fn reader() -> State {
    state_for(vec![bundled(), fixture("wide.toml")], 120, 40)
}

/// `S`, the query typed, Enter, and the effect performed against `config`'s index.
fn search(state: &mut State, config: &Config, query: &str) {
    cmd(state, Command::Search);
    type_text(state, query);
    let effect = state.update(Action::InputAccept);
    assert_eq!(
        effect,
        Some(Effect::Search {
            query: query.to_string()
        })
    );
    let found = perform_with(state, effect.unwrap(), config).unwrap();
    state.update(found);
}

#[test]
fn s_opens_a_prompt_and_enter_asks_the_loop_to_search() {
    let mut state = reader();
    assert_eq!(cmd(&mut state, Command::Search), None);
    assert_eq!(state.layer(), LayerKind::Input);
    type_text(&mut state, "bien");
    assert_eq!(state.input_text(), Some("bien"));
    let status = screen(&state, 120, 40);
    assert!(
        status.contains("search the library /bien▏   Enter search"),
        "{status}"
    );
    // Nothing searched inside `update`: the loop gets an effect.
    let effect = state.update(Action::InputAccept);
    assert_eq!(effect, Some(Effect::Search { query: "bien".into() }));
    assert_eq!(state.layer(), LayerKind::Search);
    assert!(state.search_view().unwrap().pending);
    assert!(state.search_view().unwrap().hits.is_empty());
}

#[test]
fn esc_on_an_empty_prompt_closes_the_view() {
    let mut state = reader();
    cmd(&mut state, Command::Search);
    type_text(&mut state, "x");
    state.update(Action::InputCancel);
    assert_eq!(state.layer(), LayerKind::Panes);
    assert!(state.search_view().is_none());
}

#[test]
fn results_arrive_and_j_k_move_between_them() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = reader();
    search(&mut state, &config, "galeotti");
    let view = state.search_view().unwrap();
    assert!(!view.pending);
    assert!(view.hits.len() >= 3, "{:?}", view.hits);
    assert!(view.hits.iter().all(|h| h.briefing == "russia-venezuela-levers"));
    assert_eq!(state.layer(), LayerKind::Search);
    assert!(state.message.as_ref().unwrap().text.contains("hits for galeotti"));
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down);
    assert_eq!(state.search_view().unwrap().cursor, 2);
    cmd(&mut state, Command::Up);
    assert_eq!(state.search_view().unwrap().cursor, 1);
    cmd(&mut state, Command::Top);
    cmd(&mut state, Command::Up);
    assert_eq!(state.search_view().unwrap().cursor, 0);
    cmd(&mut state, Command::Bottom);
    let last = state.search_view().unwrap().hits.len() - 1;
    assert_eq!(state.search_view().unwrap().cursor, last);
    cmd(&mut state, Command::Down);
    assert_eq!(state.search_view().unwrap().cursor, last);
    cmd(&mut state, Command::Clear);
    assert_eq!(state.layer(), LayerKind::Panes);
}

#[test]
fn enter_opens_the_other_briefing_on_the_claim_and_back_returns() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = reader();
    // Somewhere first, so Back has a place to return to.
    cmd(&mut state, Command::FocusActors);
    cmd(&mut state, Command::Down);
    let before = (state.current, state.focus, state.actors.cursor, state.claim);
    search(&mut state, &config, "bien");
    let hits = &state.search_view().unwrap().hits;
    let at = hits
        .iter()
        .position(|h| h.claim.as_deref() == Some("zoe-bien"))
        .unwrap_or_else(|| panic!("{hits:?}"));
    for _ in 0..at {
        cmd(&mut state, Command::Down);
    }
    cmd(&mut state, Command::Follow);
    assert_eq!(state.layer(), LayerKind::Panes);
    assert_eq!(state.current, 1);
    assert_eq!(state.claim, Some(claim_id(&state, "zoe-bien")));
    assert_eq!(state.claims.selected(), state.claim);
    assert_eq!(state.focus, Pane::Claims);

    cmd(&mut state, Command::Back);
    assert_eq!(
        (state.current, state.focus, state.actors.cursor, state.claim),
        before
    );
}

#[test]
fn a_click_on_a_hit_opens_it() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = reader();
    search(&mut state, &config, "galeotti");
    let hits = state.search_view().unwrap().hits.clone();
    let screen_text = screen(&state, 120, 40);
    // The third hit's snippet line, found on the screen.
    let row = screen_text
        .lines()
        .position(|l| l.contains("said Mark Galeotti"))
        .unwrap_or_else(|| panic!("{screen_text}"));
    assert_eq!(hits[2].section.as_deref(), Some("lead"), "{hits:?}");
    state.update(Action::Click {
        column: 10,
        row: row as u16,
    });
    assert_eq!(state.layer(), LayerKind::Panes);
    assert_eq!(state.focus, Pane::Text);
    let at = hits[2].offset.unwrap();
    let search = state.search.clone().unwrap();
    assert_eq!(search.matches[0].1.start, at);
}

#[test]
fn enter_on_a_section_hit_shows_the_place_of_the_hit() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = reader();
    search(&mut state, &config, "bytes");
    let hits = state.search_view().unwrap().hits.clone();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].section.as_deref(), Some("second"));
    assert!(hits[0].offset.is_some());
    cmd(&mut state, Command::Follow);
    assert_eq!(state.current, 1);
    assert_eq!(state.focus, Pane::Text);
    // The hit is marked as the current match in the text.
    let search = state.search.clone().unwrap();
    let second = section_id(&state, "second");
    let at = hits[0].offset.unwrap();
    assert_eq!(search.matches, vec![(second, at..at + "bytes".len())]);
    assert_eq!(search.current, Some(0));
    let text = screen(&state, 120, 40);
    assert!(text.contains("bytes or chars."), "{text}");
    cmd(&mut state, Command::Back);
    assert_eq!(state.current, 0);
}

#[test]
fn an_index_that_cannot_be_opened_is_one_line_in_the_status_bar() {
    let files = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let mut config = two_briefing_library(files.path(), cache.path());
    // A file where the index's folder should be.
    std::fs::write(cache.path().join("blocker"), "x").unwrap();
    config.index_path = Some(cache.path().join("blocker").join("index.sqlite"));
    let mut state = reader();
    search(&mut state, &config, "bien");
    assert_eq!(state.layer(), LayerKind::Panes);
    let message = state.message.clone().unwrap();
    assert!(message.error);
    assert!(message.text.contains("library index"), "{}", message.text);
    assert!(!message.text.contains('\n'));
}

#[test]
fn a_bad_query_says_why() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = reader();
    search(&mut state, &config, "date:notadate");
    let message = state.message.clone().unwrap();
    assert!(message.error, "{message:?}");
}

#[test]
fn snapshot_search_results() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = reader();
    search(&mut state, &config, "galeotti");
    cmd(&mut state, Command::Down);
    insta::assert_snapshot!("search_results", screen(&state, 100, 30));
}

#[test]
fn search_journey_in_a_real_terminal() {
    use common::pty::Session;
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    two_briefing_library(files.path(), cache.path());
    let config = cache.path().join("config.toml");
    let text = format!(
        "briefings_dir = {:?}\nindex_path = {:?}\nannotations_dir = {:?}\n",
        files.path(),
        cache.path().join("index.sqlite"),
        cache.path().join("annotations")
    );
    std::fs::write(&config, text).unwrap();
    let mut s = Session::start(&config, cache.path());
    s.wait_text("1. Lead");

    s.send("S");
    s.wait_text("search the library /");
    s.send("bien\r");
    let screen = s.wait_text("Search: bien · 1 hit");
    assert!(screen.contains("claim zoe-bien (quote, Zoë Renée)"), "{screen}");

    // Enter: the other briefing, on the claim; Back: where the search started.
    s.send("\r");
    let screen = s.wait_text("goes back to where you were");
    assert!(screen.contains("id zoe-bien"), "{screen}");
    assert!(screen.contains("2/2"), "{screen}");
    s.send("[");
    s.wait_text("back (0 more)");
    s.wait_text("1/2 · line 1/");
    assert!(cache.path().join("index.sqlite").exists());
    s.quit();
}
