//! The library timeline view through `update`, with a real library index on a
//! copy of two briefings, and its screen.

mod common;

use briefing::config::Config;
use briefing::ui::action::{Action, Command, Pane};
use briefing::ui::state::{Effect, LayerKind, State};
use briefing::ui::{perform_with, state_for};
use common::reader::{actor_id, claim_id, cmd, screen};
use common::{bundled, fixture, two_briefing_library};

/// A reader on the wide briefing (0), which has no dated claims, and the bundled one (1).
fn reader() -> State {
    state_for(vec![fixture("wide.toml"), bundled()], 120, 40)
}

/// `T`, and the effect performed against `config`'s index.
fn timeline(state: &mut State, config: &Config) {
    let effect = cmd(state, Command::Timeline);
    assert_eq!(effect, Some(Effect::Timeline { actor: None }));
    assert_eq!(state.layer(), LayerKind::Timeline);
    assert!(state.timeline_view().unwrap().pending);
    let dated = perform_with(state, effect.unwrap(), config).unwrap();
    state.update(dated);
}

#[test]
fn t_opens_the_view_and_asks_the_loop_for_the_timeline() {
    let mut state = reader();
    // Nothing read inside `update`: the loop gets an effect.
    assert_eq!(
        cmd(&mut state, Command::Timeline),
        Some(Effect::Timeline { actor: None })
    );
    assert_eq!(state.layer(), LayerKind::Timeline);
    assert!(screen(&state, 120, 40).contains("reading the timeline…"));
    cmd(&mut state, Command::Clear);
    assert_eq!(state.layer(), LayerKind::Panes);
    assert!(state.timeline_view().is_none());
}

#[test]
fn rows_arrive_in_date_order_partial_dates_first_and_j_k_move() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = reader();
    timeline(&mut state, &config);
    let view = state.timeline_view().unwrap();
    assert!(!view.pending);
    assert!(view.rows.len() >= 10, "{:?}", view.rows);
    let dates: Vec<&str> = view.rows.iter().map(|r| r.date.as_deref().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let month = dates.iter().position(|d| *d == "2025-10").unwrap();
    let day = dates.iter().position(|d| *d == "2025-10-31").unwrap();
    assert!(month < day, "{dates:?}");
    assert!(state.message.as_ref().unwrap().text.contains("dated claims"));
    // Shown as such, not as a made-up day.
    let text = screen(&state, 120, 40);
    assert!(text.contains(" 2025-10     "), "{text}");

    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down);
    assert_eq!(state.timeline_view().unwrap().cursor, 2);
    cmd(&mut state, Command::Up);
    assert_eq!(state.timeline_view().unwrap().cursor, 1);
    cmd(&mut state, Command::Bottom);
    let last = state.timeline_view().unwrap().rows.len() - 1;
    assert_eq!(state.timeline_view().unwrap().cursor, last);
    cmd(&mut state, Command::Down);
    assert_eq!(state.timeline_view().unwrap().cursor, last);
    cmd(&mut state, Command::PageUp);
    assert!(state.timeline_view().unwrap().cursor < last);
    cmd(&mut state, Command::Top);
    assert_eq!(state.timeline_view().unwrap().cursor, 0);
    state.update(Action::Scroll {
        column: 10,
        row: 10,
        down: true,
    });
    assert_eq!(state.timeline_view().unwrap().cursor, 1);
    cmd(&mut state, Command::Clear);
    assert_eq!(state.layer(), LayerKind::Panes);
}

#[test]
fn enter_opens_the_other_briefing_on_the_claim_and_back_returns() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = reader();
    cmd(&mut state, Command::FocusActors);
    cmd(&mut state, Command::Down);
    let before = (state.current, state.focus, state.actors.cursor, state.claim);
    timeline(&mut state, &config);
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down);
    let row = state.timeline_view().unwrap().rows[2].clone();
    assert_eq!(row.briefing, "russia-venezuela-levers");
    cmd(&mut state, Command::Follow);
    assert_eq!(state.layer(), LayerKind::Panes);
    assert_eq!(state.current, 1);
    assert_eq!(state.claim, Some(claim_id(&state, &row.claim)));
    assert_eq!(state.claims.selected(), state.claim);
    assert_eq!(state.focus, Pane::Claims);

    cmd(&mut state, Command::Back);
    assert_eq!(
        (state.current, state.focus, state.actors.cursor, state.claim),
        before
    );
}

#[test]
fn f_limits_the_timeline_to_the_actor_selected_when_it_opened() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = state_for(vec![bundled(), fixture("wide.toml")], 120, 40);
    let zakharova = actor_id(&state, "maria-zakharova");
    cmd(&mut state, Command::FocusActors);
    while state.actors.selected() != Some(zakharova) {
        cmd(&mut state, Command::Down);
    }
    timeline(&mut state, &config);
    let all = state.timeline_view().unwrap().rows.len();
    let effect = cmd(&mut state, Command::ToggleClaimFilter);
    assert_eq!(
        effect,
        Some(Effect::Timeline {
            actor: Some("Maria Zakharova".into())
        })
    );
    let dated = perform_with(&state, effect.unwrap(), &config).unwrap();
    state.update(dated);
    let view = state.timeline_view().unwrap();
    assert!(view.limited);
    assert!(!view.rows.is_empty() && view.rows.len() < all, "{:?}", view.rows);
    assert!(
        view.rows
            .iter()
            .all(|r| r.speaker.as_deref() == Some("Maria Zakharova")),
        "{:?}",
        view.rows
    );
    assert!(screen(&state, 120, 40).contains("Timeline · Maria Zakharova · "));
    // `f` again: all of them.
    let effect = cmd(&mut state, Command::ToggleClaimFilter);
    assert_eq!(effect, Some(Effect::Timeline { actor: None }));
    let dated = perform_with(&state, effect.unwrap(), &config).unwrap();
    state.update(dated);
    assert_eq!(state.timeline_view().unwrap().rows.len(), all);
}

#[test]
fn f_without_a_selected_actor_says_why() {
    let mut state = reader();
    cmd(&mut state, Command::Timeline);
    assert_eq!(cmd(&mut state, Command::ToggleClaimFilter), None);
    assert!(state.message.as_ref().unwrap().text.contains("select an actor"));
}

#[test]
fn a_click_on_a_row_opens_its_claim() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = reader();
    timeline(&mut state, &config);
    let rows = state.timeline_view().unwrap().rows.clone();
    let text = screen(&state, 120, 40);
    // The third row on the screen: after the title line, the border and the heading.
    let row = text
        .lines()
        .position(|l| l.contains("date") && l.contains("speaker"))
        .unwrap_or_else(|| panic!("{text}"))
        + 3;
    state.update(Action::Click {
        column: 10,
        row: row as u16,
    });
    assert_eq!(state.layer(), LayerKind::Panes);
    assert_eq!(state.claim, Some(claim_id(&state, &rows[2].claim)));
}

#[test]
fn an_index_that_cannot_be_opened_is_one_line_in_the_status_bar() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut config = two_briefing_library(files.path(), cache.path());
    // A file where the index's folder should be.
    let blocker = cache.path().join("blocker");
    std::fs::write(&blocker, "not a folder").unwrap();
    config.index_path = Some(blocker.join("index.sqlite"));
    let mut state = reader();
    timeline(&mut state, &config);
    assert_eq!(state.layer(), LayerKind::Panes);
    let message = state.message.clone().unwrap();
    assert!(message.error, "{message:?}");
    assert!(
        message.text.contains("cannot open the library index"),
        "{message:?}"
    );
    assert!(!message.text.contains('\n'));
}

#[test]
fn snapshot_timeline() {
    let (files, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let config = two_briefing_library(files.path(), cache.path());
    let mut state = reader();
    timeline(&mut state, &config);
    cmd(&mut state, Command::Down);
    insta::assert_snapshot!("timeline", screen(&state, 100, 30));
}
