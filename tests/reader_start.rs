//! The reader started from the library index: the list from the index, only the
//! briefing read parsed, others loaded as the event loop's effect and dropped
//! again (their place and annotations kept), the sync after the first frame
//! picking up edits, a damaged or unusable index, and library answers that
//! arrive late.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use briefing::config::Config;
use briefing::load::Library;
use briefing::ui::action::{Action, Command, Pane};
use briefing::ui::keymap::Keymap;
use briefing::ui::state::{Effect, KEEP_LOADED, LayerKind, State};
use briefing::ui::theme::Theme;
use briefing::ui::{perform_with, start};
use common::reader::{cmd, screen, type_text};

const BUNDLED: &str = include_str!("../briefings/russia-venezuela-levers.toml");
const WIDE: &str = include_str!("fixtures/reader/wide.toml");

/// `n` briefings `b-00`… titled "Briefing NN" (copies of the bundled and the wide
/// one), in `files`.
fn library(files: &Path, n: usize) {
    fs::create_dir_all(files).unwrap();
    for i in 0..n {
        write_briefing(files, i, &format!("Briefing {i:02}"));
    }
}

fn write_briefing(files: &Path, i: usize, title: &str) {
    let (template, id, old_title) = if i.is_multiple_of(2) {
        (
            BUNDLED,
            "russia-venezuela-levers",
            BUNDLED.lines().nth(2).unwrap(),
        )
    } else {
        (WIDE, "wide-text", WIDE.lines().nth(2).unwrap())
    };
    let text = template
        .replacen(&format!("id = \"{id}\""), &format!("id = \"b-{i:02}\""), 1)
        .replacen(old_title, &format!("title = {title:?}"), 1);
    fs::write(files.join(format!("b-{i:02}.toml")), text).unwrap();
}

/// A config reading `files`, its index and annotations under `cache`.
fn config(files: &Path, cache: &Path) -> Config {
    let text = format!(
        "briefings_dir = {:?}\nindex_path = {:?}\nannotations_dir = {:?}\n",
        files,
        cache.join("index.sqlite"),
        cache.join("annotations")
    );
    Config::parse(Path::new("config.toml"), text, cache).unwrap()
}

/// The reader's first frame as `briefing` starts it, 120×40: only the first
/// briefing is listed yet.
fn first_frame(config: &Config) -> (State, briefing::ui::Opened) {
    let (mut state, opened) = start(config, None, Keymap::default(), Theme::default()).unwrap();
    state.update(Action::Resize {
        width: 120,
        height: 40,
    });
    (state, opened)
}

/// The same once the worker's list (from the index as it is) has arrived.
fn open(config: &Config) -> (State, briefing::ui::Opened) {
    let (mut state, mut opened) = first_frame(config);
    state.update(opened.list());
    assert!(state.listed_all());
    (state, opened)
}

fn titles(state: &State) -> Vec<String> {
    (0..state.briefing_count())
        .map(|i| state.listed(i).unwrap().title.clone())
        .collect()
}

fn message(state: &State) -> String {
    state.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
}

/// The event loop: performs each effect against `config` and feeds the answer back.
fn run(state: &mut State, config: &Config, effect: Option<Effect>) {
    let mut effect = effect;
    while let Some(e) = effect.take() {
        match perform_with(state, e, config) {
            Some(action) => effect = state.update(action),
            None => break,
        }
    }
}

/// Opens briefing `i` with the picker, as a user does (`b`, down, Enter).
fn pick(state: &mut State, config: &Config, i: usize) {
    cmd(state, Command::Picker);
    cmd(state, Command::Top);
    for _ in 0..i {
        cmd(state, Command::Down);
    }
    let effect = cmd(state, Command::Follow);
    run(state, config, effect);
    assert_eq!(state.current, i, "{}", message(state));
}

#[test]
fn it_lists_from_the_index_and_parses_only_the_briefing_read() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    library(&files, 5);
    fs::write(files.join("b-02x-broken.toml"), "schema = 1\n[briefing\n").unwrap();
    // A second file with an id already used: skipped, as the loader skips it.
    fs::copy(files.join("b-03.toml"), files.join("b-03z-copy.toml")).unwrap();
    let config = config(&files, &dir.path().join("cache"));
    let everything = Library::load(std::slice::from_ref(&files));

    // The first run builds the index; the second starts from it.
    for run in 0..2 {
        let (mut state, mut opened) = first_frame(&config);
        // The first frame: the first briefing, and how many there are.
        assert_eq!(state.briefing_count(), 5);
        assert!(!state.listed_all());
        let screen = screen(&state, 120, 40);
        assert!(
            screen.contains("Briefing 00") && screen.contains("1/5"),
            "{screen}"
        );
        let m = state.message.clone().unwrap();
        assert!(m.error && m.text.contains("2 files skipped"), "run {run}: {m:?}");
        // `b` before the list has arrived opens the picker when it does.
        cmd(&mut state, Command::Picker);
        assert_eq!(state.layer(), LayerKind::Panes);
        state.update(opened.list());
        assert_eq!(state.layer(), LayerKind::Picker);
        let ids: Vec<&str> = (0..state.briefing_count())
            .map(|i| state.listed(i).unwrap().id.as_str())
            .collect();
        let expected: Vec<&str> = everything
            .briefings
            .iter()
            .map(|l| l.briefing.id.as_str())
            .collect();
        assert_eq!(ids, expected, "run {run}");
        assert_eq!(state.loaded_count(), 1, "only the briefing read is parsed");
        assert_eq!(state.briefing().unwrap().id, "b-00");
        let m = state.message.clone().unwrap();
        assert!(m.error && m.text.contains("2 files skipped"), "run {run}: {m:?}");
        assert!(m.text.contains("b-02x-broken.toml"), "{m:?}");
    }
}

#[test]
fn switching_loads_the_briefing_as_an_effect_and_back_returns() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    library(&files, 3);
    let config = config(&files, &dir.path().join("cache"));
    let (mut state, _) = open(&config);
    cmd(&mut state, Command::Picker);
    cmd(&mut state, Command::Down);
    let effect = cmd(&mut state, Command::Follow);
    // Nothing read inside `update`: the loop is asked for the file.
    assert_eq!(
        effect,
        Some(Effect::Load {
            briefing: 1,
            path: files.join("b-01.toml")
        })
    );
    assert_eq!(state.current, 0);
    assert!(
        message(&state).starts_with("opening Briefing 01"),
        "{}",
        message(&state)
    );
    run(&mut state, &config, effect);
    assert_eq!(state.current, 1);
    assert_eq!(state.briefing().unwrap().title, "Briefing 01");
    assert_eq!(state.loaded_count(), 2);
    // Loaded now: opening it again needs no effect.
    pick(&mut state, &config, 0);
    assert_eq!(cmd(&mut state, Command::Picker), None);
    cmd(&mut state, Command::Down);
    assert_eq!(cmd(&mut state, Command::Follow), None);
    assert_eq!(state.current, 1);
}

#[test]
fn only_a_few_stay_loaded_and_each_keeps_its_place_and_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    let n = KEEP_LOADED + 4;
    library(&files, n);
    let config = config(&files, &dir.path().join("cache"));
    let (mut state, _) = open(&config);
    // A place in briefing 0: Actors focused, the third actor selected, and a note.
    cmd(&mut state, Command::FocusActors);
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Down);
    let actor = state.actors.selected();
    cmd(&mut state, Command::FocusClaims);
    cmd(&mut state, Command::Down);
    assert!(state.claim.is_some());
    cmd(&mut state, Command::Annotate);
    assert!(state.editor().is_some(), "{}", message(&state));
    for c in "kept".chars() {
        state.update(Action::EditorKey(ratatui_textarea::Input {
            key: ratatui_textarea::Key::Char(c),
            ..Default::default()
        }));
    }
    let effect = cmd(&mut state, Command::EditorSave);
    run(&mut state, &config, effect);
    assert!(
        message(&state).starts_with("annotation saved"),
        "{}",
        message(&state)
    );
    cmd(&mut state, Command::FocusActors);

    for i in 1..n {
        pick(&mut state, &config, i);
        assert!(
            state.loaded_count() <= KEEP_LOADED + 1,
            "{} loaded",
            state.loaded_count()
        );
    }
    assert!(
        state.loaded_at(0).is_none(),
        "the least recently read was dropped"
    );
    pick(&mut state, &config, 0);
    assert_eq!(state.focus, Pane::Actors);
    assert_eq!(state.actors.selected(), actor);
    let store = state.store().expect("the annotations are read again");
    assert_eq!(store.annotations().len(), 1);
    assert_eq!(store.annotations()[0].annotation.note, "kept");
}

#[test]
fn back_across_briefings_loads_the_one_left() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    library(&files, KEEP_LOADED + 3);
    let config = config(&files, &dir.path().join("cache"));
    let (mut state, _) = open(&config);
    // The timeline pushes history when it opens a claim elsewhere; here the
    // picker's switches are walked back with the history of a search.
    cmd(&mut state, Command::FocusSections);
    cmd(&mut state, Command::Down);
    let section = state.section();
    cmd(&mut state, Command::Search);
    type_text(&mut state, "résumé");
    let effect = state.update(Action::InputAccept);
    run(&mut state, &config, effect);
    let hits = state.search_view().unwrap().hits.clone();
    assert!(!hits.is_empty(), "{}", message(&state));
    let effect = cmd(&mut state, Command::Follow);
    assert!(matches!(effect, Some(Effect::Load { .. })), "{effect:?}");
    run(&mut state, &config, effect);
    assert_eq!(state.briefing().unwrap().id, hits[0].briefing);
    // Visit enough others that briefing 0 is dropped, then go back to it.
    for i in 2..KEEP_LOADED + 3 {
        pick(&mut state, &config, i);
    }
    assert!(state.loaded_at(0).is_none());
    let mut back = 0;
    while state.current != 0 && back < 20 {
        let effect = cmd(&mut state, Command::Back);
        run(&mut state, &config, effect);
        back += 1;
    }
    assert_eq!(state.current, 0);
    assert_eq!(state.section(), section);
    assert_eq!(state.focus, Pane::Sections);
}

#[test]
fn the_sync_after_the_first_frame_picks_up_edits_removals_and_additions() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    library(&files, 4);
    let config = config(&files, &dir.path().join("cache"));
    drop(open(&config));

    write_briefing(&files, 1, "Briefing 01, edited");
    fs::remove_file(files.join("b-02.toml")).unwrap();
    write_briefing(&files, 7, "Briefing 07");
    fs::write(files.join("b-03.toml"), "not toml [").unwrap();

    let (mut state, mut opened) = open(&config);
    // The first frame comes from the index as it was.
    assert_eq!(
        titles(&state),
        ["Briefing 00", "Briefing 01", "Briefing 02", "Briefing 03"]
    );
    pick(&mut state, &config, 1);
    cmd(&mut state, Command::FocusActors);
    state.update(opened.sync());
    assert_eq!(
        titles(&state),
        ["Briefing 00", "Briefing 01, edited", "Briefing 07"]
    );
    // Still reading the same briefing, where it was.
    assert_eq!(state.listed(state.current).unwrap().id, "b-01");
    assert_eq!(state.focus, Pane::Actors);
    let m = state.message.clone().unwrap();
    assert!(m.error && m.text.contains("b-03.toml"), "{m:?}");
    // Nothing changed since: the next sync leaves the list alone.
    state.message = None;
    state.update(opened.sync());
    assert_eq!(state.message, None);
    assert_eq!(state.briefing_count(), 3);

    // The next start lists the edits at once.
    let (state, _) = open(&config);
    assert_eq!(
        titles(&state),
        ["Briefing 00", "Briefing 01, edited", "Briefing 07"]
    );
}

#[test]
fn a_damaged_or_deleted_index_is_rebuilt_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    library(&files, 3);
    let cache = dir.path().join("cache");
    let config = config(&files, &cache);
    drop(open(&config));
    let index = cache.join("index.sqlite");

    fs::write(
        &index,
        b"this is not a database, it is a cache someone broke".repeat(100),
    )
    .unwrap();
    let (state, _) = open(&config);
    assert_eq!(state.briefing_count(), 3);
    let m = state.message.clone().unwrap();
    assert!(m.text.contains("rebuilt it from the briefing files"), "{m:?}");

    fs::remove_file(&index).unwrap();
    let (state, _) = open(&config);
    assert_eq!(titles(&state), ["Briefing 00", "Briefing 01", "Briefing 02"]);
    assert!(index.exists());
}

#[test]
fn without_a_place_for_the_index_every_file_is_read_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    library(&files, 3);
    let blocker = dir.path().join("a-file");
    fs::write(&blocker, "").unwrap();
    let mut config = config(&files, &dir.path().join("cache"));
    config.index_path = Some(blocker.join("index.sqlite"));
    let (state, _) = first_frame(&config);
    assert_eq!(state.briefing_count(), 3);
    assert_eq!(state.loaded_count(), 3);
    let m = state.message.clone().unwrap();
    assert!(m.text.starts_with("library index unavailable"), "{m:?}");
    assert_eq!(m.text.lines().count(), 1);
}

#[test]
fn a_late_answer_to_an_earlier_query_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    library(&files, 2);
    let config = config(&files, &dir.path().join("cache"));
    let (mut state, _) = open(&config);
    let ask = |state: &mut State, query: &str| {
        cmd(state, Command::Search);
        type_text(state, query);
        let effect = state.update(Action::InputAccept).unwrap();
        (
            state.library_generation(),
            perform_with(state, effect, &config).unwrap(),
        )
    };
    let (first, tanaka) = ask(&mut state, "Tanaka");
    let (second, galeotti) = ask(&mut state, "Galeotti");
    assert_ne!(first, second);
    assert!(state.search_view().unwrap().pending);
    assert!(message(&state).contains("searching the library for Galeotti"));
    // The first answer arrives last but one: dropped, still waiting, message kept.
    state.update(Action::Answer {
        generation: first,
        action: Box::new(tanaka),
    });
    assert!(state.search_view().unwrap().pending);
    assert!(state.search_view().unwrap().hits.is_empty());
    assert!(message(&state).contains("searching the library for Galeotti"));
    state.update(Action::Answer {
        generation: second,
        action: Box::new(galeotti.clone()),
    });
    let view = state.search_view().unwrap();
    assert!(!view.pending);
    assert_eq!(view.ran, "Galeotti");
    assert!(!view.hits.is_empty());

    // Closing the view drops what it was waiting for.
    let (third, _) = ask(&mut state, "Galeotti");
    state.update(Action::InputCancel);
    cmd(&mut state, Command::Clear);
    assert_eq!(state.layer(), LayerKind::Panes);
    state.update(Action::Answer {
        generation: third,
        action: Box::new(galeotti),
    });
    assert_eq!(state.layer(), LayerKind::Panes);
    assert!(state.search_view().is_none());
}

/// The repository's bundled briefing and the wide one under new ids, for the pty test.
fn pty_library(dir: &Path) -> PathBuf {
    let files = dir.join("files");
    library(&files, 3);
    files
}

#[test]
fn the_first_frame_appears_and_switching_works_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let files = pty_library(dir.path());
    let config_path = dir.path().join("config.toml");
    fs::write(
        &config_path,
        format!(
            "briefings_dir = {:?}\nannotations_dir = {:?}\n",
            files,
            dir.path().join("annotations")
        ),
    )
    .unwrap();
    for run in 0..2 {
        let mut s = common::pty::Session::start(&config_path, dir.path());
        s.wait_for("the first frame", |t| {
            t.contains("Briefing 00") && t.contains("1/3")
        });
        s.send("b");
        s.wait_for("the picker", |t| t.contains("Briefings (3)"));
        s.send("jj\r");
        s.wait_for("the third briefing", |t| {
            t.contains("Briefing 02") && t.contains("3/3")
        });
        s.send("b");
        s.wait_for("the picker", |t| t.contains("Briefings (3)"));
        s.send("k\r");
        s.wait_for("the second briefing", |t| {
            t.contains("Briefing 01") && t.contains("2/3")
        });
        s.send("q");
        s.wait_for(&format!("run {run} ends"), |_| !s.alternate_screen());
    }
}
