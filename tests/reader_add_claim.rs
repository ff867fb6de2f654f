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

// ----- adding the claim: speaker, kind, written through the loop's `perform` -----

mod adding {
    use std::fs;
    use std::path::PathBuf;

    use briefing::annotations::AnnotationStore;
    use briefing::edit::{Edit, NewClaim};
    use briefing::load::load_file;
    use briefing::model::ClaimKind;
    use briefing::ui::action::{Action, Command};
    use briefing::ui::state::{Choice, Effect, LayerKind, PickFor, PickRow, State};
    use briefing::ui::{perform, state_for};
    use tempfile::TempDir;

    use super::selected;
    use crate::common::bundled_path;
    use crate::common::reader::{cmd, screen, type_text};

    /// A reader on a copy of the bundled briefing in a temporary folder.
    pub fn reader(dir: &TempDir) -> (State, PathBuf) {
        let file = dir.path().join("briefing.toml");
        fs::copy(bundled_path(), &file).unwrap();
        let mut s = state_for(vec![load_file(&file).unwrap()], 120, 40);
        let store = AnnotationStore::open(&dir.path().join("annotations"), s.loaded().unwrap());
        s.set_store(0, store);
        (s, file)
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

    /// `v` on the words of a Text search for `words` (grown to whole words).
    fn select_found(s: &mut State, words: &str) {
        cmd(s, Command::FocusText);
        cmd(s, Command::Filter);
        type_text(s, words);
        s.update(Action::InputAccept);
        cmd(s, Command::Select);
    }

    fn saved_edits(effect: &Option<Effect>) -> Vec<Edit> {
        match effect {
            Some(Effect::SaveEdit { edits, .. }) => edits.clone(),
            other => panic!("no save: {other:?}"),
        }
    }

    #[test]
    fn a_selected_sentence_gets_a_speaker_and_a_kind_and_is_written_and_selected() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, file) = reader(&dir);
        let before = fs::read_to_string(&file).unwrap();
        cmd(&mut s, Command::Select);
        assert_eq!(selected(&s), "It may be happening again.");
        cmd(&mut s, Command::AddClaim);
        assert_eq!(s.layer(), LayerKind::ActorPick);
        assert!(matches!(
            s.actor_pick().map(|p| &p.purpose),
            Some(PickFor::NewClaim(_))
        ));
        assert!(screen(&s, 120, 40).contains("who said “It may be happening again.”"));
        // Esc goes back to the selection.
        s.update(Action::InputCancel);
        assert_eq!(s.layer(), LayerKind::Select);
        cmd(&mut s, Command::AddClaim);
        type_text(&mut s, "galeo");
        s.update(Action::InputAccept);
        assert_eq!(s.layer(), LayerKind::Menu, "the kind is asked");
        let menu = s.menu().unwrap();
        assert_eq!(menu.items[menu.cursor].label, "paraphrase", "no quotation marks");
        let effect = crate::common::reader::press(&mut s, 'q');
        let expected = NewClaim {
            id: "galeotti-may-happening-again".into(),
            section: "lead".into(),
            words: "It may be happening again.".into(),
            speaker: Some("mark-galeotti".into()),
            kind: ClaimKind::Quote,
            date: None,
            via: None,
        };
        assert_eq!(saved_edits(&effect), [Edit::AddClaim(expected)]);
        run(&mut s, effect);
        assert!(
            message(&s).starts_with("saved: claim `galeotti-may-happening-again` added"),
            "{}",
            message(&s)
        );
        // The file has one new table, before the lead's first claim (text order).
        let after = fs::read_to_string(&file).unwrap();
        let table = "[[claims]]\nid = \"galeotti-may-happening-again\"\nsection = \"lead\"\nspeaker = \"mark-galeotti\"\nkind = \"quote\"\ntext = \"It may be happening again.\"\n\n";
        let first_claim = before.find("[[claims]]").unwrap();
        let mut expected_file = before.clone();
        expected_file.insert_str(first_claim, table);
        assert_eq!(after, expected_file);
        load_file(&file).expect("it loads: `check` passes");
        // The selection ended; the new claim is selected and shown.
        assert!(s.selection().is_none());
        let c = s.index().unwrap().claim("galeotti-may-happening-again").unwrap();
        assert_eq!(s.claim, Some(c));
        assert_eq!(s.claims.selected(), Some(c));
        // One undo takes it away again.
        let effect = cmd(&mut s, Command::Undo);
        run(&mut s, effect);
        assert_eq!(fs::read_to_string(&file).unwrap(), before);
    }

    #[test]
    fn an_unnamed_report_keeps_the_words_and_a_quote_loses_its_quotation_marks() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, _file) = reader(&dir);
        select_found(&mut s, "I think so, yeah");
        assert_eq!(selected(&s), "“I think so, yeah.”");
        cmd(&mut s, Command::AddClaim);
        assert_eq!(s.actor_pick_rows()[0], PickRow::Unnamed);
        s.update(Action::InputAccept);
        let menu = s.menu().unwrap();
        assert_eq!(
            menu.items[menu.cursor].label, "quote",
            "quotation marks: a quote first"
        );
        let Choice::Save(report) = &menu.items[2].choice else {
            panic!("{:?}", menu.items[2])
        };
        let Edit::AddClaim(report) = &report[0] else {
            panic!()
        };
        assert_eq!(report.words, "“I think so, yeah.”");
        assert_eq!(
            (report.speaker.as_deref(), report.kind),
            (None, ClaimKind::Report)
        );
        let quote = saved_edits(&crate::common::reader::press(&mut s, 'q'));
        let Edit::AddClaim(quote) = &quote[0] else {
            panic!()
        };
        assert_eq!(quote.words, "I think so, yeah.");
        // No speaker: the id is made of the words alone.
        assert_eq!(quote.id, "think-so-yeah");
    }

    #[test]
    fn a_new_actor_named_in_the_picker_is_added_with_the_claim() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, file) = reader(&dir);
        let actors = s.briefing().unwrap().actors.len();
        cmd(&mut s, Command::Select);
        cmd(&mut s, Command::AddClaim);
        type_text(&mut s, "Léa King");
        assert_eq!(s.actor_pick_rows(), vec![PickRow::New]);
        s.update(Action::InputAccept);
        s.update(Action::InputAccept);
        assert_eq!(s.layer(), LayerKind::Menu, "the actor's kind");
        crate::common::reader::press(&mut s, 'p');
        assert_eq!(s.layer(), LayerKind::Menu, "then the claim's kind");
        let effect = crate::common::reader::press(&mut s, 'p');
        let edits = saved_edits(&effect);
        assert!(matches!(&edits[0], Edit::AddActor { id, .. } if id == "lea-king"));
        assert!(
            matches!(&edits[1], Edit::AddClaim(n) if n.id == "king-may-happening-again" && n.speaker.as_deref() == Some("lea-king"))
        );
        run(&mut s, effect);
        assert_eq!(s.briefing().unwrap().actors.len(), actors + 1);
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.contains("id = \"king-may-happening-again\"\nsection = \"lead\"\nspeaker = \"lea-king\"\nkind = \"paraphrase\"\nanchor = \"It may be happening again.\"\ntext = \"It may be happening again.\"\n"), "{text}");
        load_file(&file).expect("it loads");
    }

    #[test]
    fn read_only_refuses_before_asking_anything() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, _file) = reader(&dir);
        s.session.readonly = true;
        cmd(&mut s, Command::Select);
        assert_eq!(cmd(&mut s, Command::AddClaim), None);
        assert_eq!(s.layer(), LayerKind::Select);
        assert!(message(&s).contains("readonly = true"), "{}", message(&s));
    }
}

// ----- an article imported in memory: saved as a briefing before its first edit -----

mod saving_an_article {
    use std::fs;
    use std::path::{Path, PathBuf};

    use briefing::config::Config;
    use briefing::edit::Edit;
    use briefing::load::load_file;
    use briefing::ui::action::{Action, Command};
    use briefing::ui::state::{Effect, LayerKind, State};
    use briefing::ui::{open, perform};
    use tempfile::TempDir;

    use super::selected;
    use crate::common::reader::{cmd, screen, type_text};
    use crate::common::seed_article;

    /// The reader on the seed article, imported in memory; briefings go to `<dir>/briefings`.
    fn article_reader(dir: &TempDir) -> State {
        let text = format!(
            "briefings_dir = {:?}\nannotations_dir = {:?}\n",
            dir.path().join("briefings").display().to_string(),
            dir.path().join("notes").display().to_string()
        );
        let config = Config::parse(&dir.path().join("c.toml"), text, Path::new("/d")).unwrap();
        let mut s = open(
            &config,
            Some(&seed_article()),
            Default::default(),
            Default::default(),
        )
        .unwrap();
        s.update(Action::Resize {
            width: 120,
            height: 40,
        });
        s
    }

    fn run(state: &mut State, effect: Option<Effect>) {
        let mut effect = effect;
        while let Some(e) = effect.take() {
            let action = perform(state, e).expect("answered");
            effect = state.update(action);
        }
    }

    fn message(state: &State) -> String {
        state.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
    }

    /// `v`, `c`, the first actor, quote: the prompt for where to save comes up.
    fn add_a_quote(s: &mut State) -> Option<Effect> {
        cmd(s, Command::Select);
        cmd(s, Command::AddClaim);
        s.update(Action::InputAccept); // unnamed source
        crate::common::reader::press(s, 'q')
    }

    fn clear_prompt(s: &mut State) {
        for _ in 0..s.prompt().map_or(0, |p| p.text.chars().count()) {
            s.update(Action::InputBackspace);
        }
    }

    #[test]
    fn the_first_edit_asks_where_to_save_then_writes_the_file_and_applies_the_edit() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = article_reader(&dir);
        assert!(message(&s).contains("an edit (e, or v to add a claim) saves it as a briefing first"));
        assert!(s.unsaved_import());
        assert_eq!(selected_after_v(&mut s), "It may be happening again.");
        let effect = add_a_quote(&mut s);
        assert_eq!(effect, None, "nothing is written before the path is given");
        assert_eq!(s.layer(), LayerKind::Prompt);
        let proposed = dir.path().join("briefings/russia-venezuela-levers.toml");
        assert_eq!(s.prompt().unwrap().text, proposed.display().to_string());
        let text = screen(&s, 120, 40);
        assert!(
            text.contains("save the article as (a new briefing file)"),
            "{text}"
        );
        // The title and the status bar (the panes show what the importer found).
        let lines: Vec<&str> = text.lines().collect();
        let bars = format!("{}\n{}", lines[0], lines[lines.len() - 1]);
        insta::assert_snapshot!(
            "save_as_prompt",
            bars.replace(&dir.path().display().to_string(), "TMP")
        );
        let effect = s.update(Action::InputAccept);
        assert!(
            matches!(&effect, Some(Effect::SaveAs { overwrite: false, .. })),
            "{effect:?}"
        );
        run(&mut s, effect);
        // The reader goes on with the file, and the claim is in it.
        assert!(!s.unsaved_import());
        assert_eq!(s.loaded().unwrap().path, proposed);
        assert!(
            message(&s).starts_with("saved: claim `may-happening-again` added"),
            "{}",
            message(&s)
        );
        let file = load_file(&proposed).expect("the new file passes `check`");
        let c = file
            .briefing
            .claims
            .iter()
            .find(|c| c.id == "may-happening-again")
            .unwrap();
        assert_eq!(
            (c.text.as_str(), c.speaker.as_deref()),
            ("It may be happening again.", None)
        );
        // Annotations work on it now.
        assert!(s.store().is_some());
        // Undo puts the file back as imported (without the claim).
        let effect = cmd(&mut s, Command::Undo);
        run(&mut s, effect);
        let undone = load_file(&proposed).unwrap();
        assert!(
            undone
                .briefing
                .claims
                .iter()
                .all(|c| c.id != "may-happening-again")
        );
    }

    fn selected_after_v(s: &mut State) -> String {
        cmd(s, Command::Select);
        let words = selected(s);
        cmd(s, Command::Clear);
        words
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = article_reader(&dir);
        let taken: PathBuf = dir.path().join("taken.toml");
        fs::write(&taken, "# mine\n").unwrap();
        add_a_quote(&mut s);
        clear_prompt(&mut s);
        type_text(&mut s, &taken.display().to_string());
        let effect = s.update(Action::InputAccept);
        run(&mut s, effect);
        assert_eq!(s.layer(), LayerKind::Confirm);
        assert!(
            s.question()
                .unwrap()
                .contains("exists. Replace it with this article?")
        );
        assert_eq!(fs::read_to_string(&taken).unwrap(), "# mine\n", "not yet");
        // No: the prompt again, to type another path.
        s.update(Action::Confirm(false));
        assert_eq!(s.layer(), LayerKind::Prompt);
        assert_eq!(fs::read_to_string(&taken).unwrap(), "# mine\n");
        let effect = s.update(Action::InputAccept);
        run(&mut s, effect);
        // Yes: replaced, and the claim added.
        let effect = s.update(Action::Confirm(true));
        run(&mut s, effect);
        let file = load_file(&taken).expect("replaced by the briefing");
        assert!(file.briefing.claims.iter().any(|c| c.id == "may-happening-again"));
    }

    #[test]
    fn a_bad_path_is_said_and_asked_again_and_esc_leaves_the_article_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = article_reader(&dir);
        add_a_quote(&mut s);
        clear_prompt(&mut s);
        type_text(&mut s, &dir.path().join("article.txt").display().to_string());
        let effect = s.update(Action::InputAccept);
        run(&mut s, effect);
        assert!(
            message(&s).contains("a briefing file's name ends in .toml"),
            "{}",
            message(&s)
        );
        assert_eq!(s.layer(), LayerKind::Prompt);
        s.update(Action::InputCancel);
        assert_eq!(s.layer(), LayerKind::Select, "back to the selection");
        cmd(&mut s, Command::Clear);
        assert!(s.unsaved_import());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
        // Other edits ask too.
        cmd(&mut s, Command::FocusSections);
        cmd(&mut s, Command::Edit);
        type_text(&mut s, "!");
        s.update(Action::InputAccept);
        assert!(
            matches!(s.prompt().map(|p| &p.target), Some(briefing::ui::state::PromptFor::SaveAs(e)) if matches!(e[0], Edit::SectionHeading { .. }))
        );
    }

    #[test]
    fn readonly_still_wins() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = article_reader(&dir);
        s.session.readonly = true;
        cmd(&mut s, Command::Select);
        assert_eq!(cmd(&mut s, Command::AddClaim), None);
        assert!(message(&s).contains("readonly = true"), "{}", message(&s));
        assert_ne!(s.layer(), LayerKind::Prompt);
    }
}
