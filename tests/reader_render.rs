//! Rendering with ratatui's TestBackend: snapshots of the main screens, no panic at
//! any size, hostile text never reaches the terminal, wide text aligns.

mod common;

use briefing::ui::action::{Action, Command, Pane};
use briefing::ui::state::State;
use briefing::ui::state_for;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use common::reader::{buffer_text, cmd, filter, reader, remapped_reader, render, screen};
use common::{bundled, fixture};

/// Galeotti picked the way a user does: Actors, `/Gal`, Enter.
fn galeotti(state: &mut State) {
    filter(state, Command::FocusActors, "Gal");
}

#[test]
fn snapshot_initial_screen() {
    let state = reader();
    let text = screen(&state, 120, 40);
    assert!(text.contains("Russia’s Levers To Help Venezuela’s Maduro"));
    assert!(text.contains("1. Lead"));
    insta::assert_snapshot!("initial", text);
}

#[test]
fn snapshot_actor_selected() {
    let mut state = reader();
    galeotti(&mut state);
    let buffer = render(&state, 120, 40);
    let text = buffer_text(&buffer);
    assert!(text.contains("Claims · Mark Galeotti"));
    assert!(text.contains("3/37"));
    insta::assert_snapshot!("actor_selected", text);
}

#[test]
fn snapshot_claim_selected() {
    let mut state = reader();
    galeotti(&mut state);
    cmd(&mut state, Command::Follow);
    cmd(&mut state, Command::Down);
    let buffer = render(&state, 120, 40);
    let text = buffer_text(&buffer);
    assert!(text.contains("▌"), "the selected claim has a gutter bar");
    assert!(text.contains("— Mark Galeotti, quote"), "details of the claim");
    insta::assert_snapshot!("claim_selected", text);
}

#[test]
fn snapshot_help_overlay() {
    let mut state = reader();
    cmd(&mut state, Command::Help);
    let text = screen(&state, 120, 40);
    assert!(text.contains("Help"));
    insta::assert_snapshot!("help", text);
}

#[test]
fn snapshot_small_terminal() {
    let state = state_for(vec![bundled()], 30, 8);
    let text = screen(&state, 30, 8);
    assert!(text.contains("too small"));
    insta::assert_snapshot!("small", text);
}

#[test]
fn snapshot_narrow_stacked() {
    let mut state = state_for(vec![bundled()], 80, 30);
    galeotti(&mut state);
    let text = screen(&state, 80, 30);
    assert!(text.contains("Actors"));
    assert!(text.contains("Text"));
    insta::assert_snapshot!("narrow", text);
}

#[test]
fn help_lists_every_binding_from_the_keymap() {
    let mut state = state_for(vec![bundled()], 120, 200);
    cmd(&mut state, Command::Help);
    let text = screen(&state, 120, 200);
    for &command in Command::ALL {
        assert!(text.contains(command.help()), "help for {}", command.name());
        for key in state.keymap.keys(command) {
            assert!(text.contains(&key.to_string()), "key {key} of {}", command.name());
        }
    }
}

#[test]
fn help_follows_a_remapped_key() {
    let mut state = remapped_reader("[keys]\nfollow_related = \"R\"\n");
    state.update(Action::Resize {
        width: 120,
        height: 60,
    });
    cmd(&mut state, Command::Help);
    let text = screen(&state, 120, 60);
    let line = text
        .lines()
        .find(|l| l.contains("follow the claim related"))
        .unwrap();
    assert!(line.contains(" R "), "{line}");
}

#[test]
fn status_bar_hints_come_from_the_keymap() {
    let mut state = reader();
    cmd(&mut state, Command::FocusClaims);
    let text = screen(&state, 120, 40);
    let status = text.lines().nth(39).unwrap();
    assert!(status.contains("Enter speaker"), "{status}");
    assert!(status.contains("r related"), "{status}");
    assert!(status.contains("? help"), "{status}");
}

#[test]
fn mentions_of_the_selected_actor_and_the_selected_claim_are_styled() {
    let mut state = reader();
    galeotti(&mut state);
    cmd(&mut state, Command::Follow);
    let buffer = render(&state, 120, 40);
    let text = buffer_text(&buffer);
    // Find "Galeotti" in the text pane and check its style.
    let text_area = state.areas.text;
    let mut found_mention = false;
    let mut found_claim = false;
    for (y, line) in text.lines().enumerate() {
        let y = y as u16;
        if y <= text_area.y || y + 1 >= text_area.bottom() {
            continue;
        }
        for x in text_area.x + 1..text_area.right() - 1 {
            let cell = &buffer[(x, y)];
            if line.contains("Galeotti") && cell.symbol() == "G" && buffer[(x + 1, y)].symbol() == "a" {
                found_mention |= cell.style().add_modifier.contains(Modifier::BOLD);
            }
            if cell.symbol() == "▌" {
                found_claim = true;
                let underlined = (x + 1..text_area.right() - 1)
                    .any(|x| buffer[(x, y)].style().add_modifier.contains(Modifier::UNDERLINED));
                assert!(underlined, "the claim's words are underlined on row {y}");
            }
        }
    }
    assert!(found_mention, "Galeotti's mention is emphasised");
    assert!(found_claim, "the selected claim is marked");
}

#[test]
fn selecting_a_section_marks_its_actors_and_claims() {
    let mut state = reader();
    cmd(&mut state, Command::Bottom); // Geopolitical Calculus
    let buffer = render(&state, 120, 40);
    let text = buffer_text(&buffer);
    let actors_marked: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("│● ") || l.contains("┃● "))
        .collect();
    assert!(
        actors_marked.iter().any(|l| l.contains("Mark Galeotti")),
        "{text}"
    );
    assert!(
        !actors_marked.iter().any(|l| l.contains("Maria Zakharova")),
        "{text}"
    );
    let index = state.index().unwrap();
    let in_section = index.section_claims[4].len();
    let claims = state.areas.claims;
    let marked_claims = (claims.y + 1..claims.bottom() - 1)
        .filter(|&y| buffer[(claims.x + 1, y)].symbol() == "●")
        .count();
    assert_eq!(
        marked_claims,
        in_section.min(state.areas.rows(Pane::Claims)),
        "{text}"
    );
}

#[test]
fn no_size_panics_or_draws_outside_the_screen() {
    let mut states = vec![reader()];
    let mut busy = state_for(vec![bundled(), fixture("wide.toml")], 120, 40);
    galeotti(&mut busy);
    cmd(&mut busy, Command::Follow);
    cmd(&mut busy, Command::NextMatch);
    states.push(busy);
    let mut help = reader();
    cmd(&mut help, Command::Help);
    states.push(help);
    let mut picker = state_for(vec![bundled(), fixture("wide.toml")], 120, 40);
    cmd(&mut picker, Command::Picker);
    states.push(picker);
    let mut sizes = Vec::new();
    for w in 1..=10 {
        for h in 1..=4 {
            sizes.push((w, h));
        }
    }
    sizes.extend([
        (39, 10),
        (40, 9),
        (40, 10),
        (41, 11),
        (60, 12),
        (99, 30),
        (100, 10),
        (100, 30),
        (250, 80),
        (2, 100),
        (300, 3),
    ]);
    for state in &mut states {
        for &(w, h) in &sizes {
            state.update(Action::Resize { width: w, height: h });
            for focus in [
                Command::FocusSections,
                Command::FocusActors,
                Command::FocusClaims,
                Command::FocusText,
            ] {
                cmd(state, focus);
                let buffer = render(state, w, h);
                assert_eq!(buffer.area.width, w);
            }
            // A frame of another size than the state knows must not panic either.
            let _ = render(state, w + 3, h + 2);
        }
    }
}

#[test]
fn a_hostile_briefing_draws_no_control_characters() {
    let mut state = state_for(vec![fixture("hostile.toml"), bundled()], 100, 30);
    let mut screens = vec![screen(&state, 100, 30)];
    cmd(&mut state, Command::FocusActors);
    cmd(&mut state, Command::Down);
    cmd(&mut state, Command::Follow);
    screens.push(screen(&state, 100, 30));
    cmd(&mut state, Command::Bottom);
    screens.push(screen(&state, 100, 30));
    cmd(&mut state, Command::Picker);
    screens.push(screen(&state, 100, 30));
    for text in &screens {
        for c in text.chars() {
            assert!(
                !c.is_control() || c == '\n',
                "control character {c:?} drawn:\n{text}"
            );
            assert!(!('\u{202A}'..='\u{202E}').contains(&c), "bidi override drawn");
        }
    }
    assert!(
        screens[0].contains("Hostile [2J[H title ]0;pwned here"),
        "{}",
        screens[0]
    );
}

#[test]
fn wide_text_keeps_the_frame_aligned() {
    let mut state = state_for(vec![fixture("wide.toml")], 100, 30);
    cmd(&mut state, Command::FocusActors);
    cmd(&mut state, Command::Down);
    for width in [100u16, 70, 45] {
        state.update(Action::Resize { width, height: 30 });
        let buffer = render(&state, width, 30);
        let text = buffer_text(&buffer);
        // Every row is exactly the screen's width in display columns.
        for (y, line) in text.lines().enumerate() {
            let mut w = 0;
            for x in 0..width {
                let s = buffer[(x, y as u16)].symbol();
                w += s.width().max(if s.is_empty() { 0 } else { 1 }).min(2);
            }
            assert!(w >= width as usize, "row {y} is short: {line}");
        }
        // The right border of the text pane is in place on every row.
        let right = state.areas.text.right() - 1;
        for y in state.areas.text.y + 1..state.areas.text.bottom() - 1 {
            let s = buffer[(right, y)].symbol();
            assert!(
                ["│", "┃", "║", "█"].contains(&s),
                "row {y} col {right}: {s:?}\n{text}"
            );
        }
        assert!(text.contains("田中太郎"), "{text}");
    }
}

#[test]
fn the_text_pane_shows_the_search_and_its_position() {
    let mut state = reader();
    filter(&mut state, Command::FocusText, "putin");
    cmd(&mut state, Command::NextMatch);
    let text = screen(&state, 120, 40);
    let total = state.search.as_ref().unwrap().matches.len();
    let header = text.lines().nth(1).unwrap();
    assert!(header.contains(&format!("/putin 2/{total}")), "{header}");
    // Matches are drawn with the search style.
    let buffer = render(&state, 120, 40);
    let area = state.areas.text;
    let styled = (area.y + 1..area.bottom() - 1)
        .flat_map(|y| (area.x + 1..area.right() - 1).map(move |x| (x, y)))
        .any(|(x, y)| {
            let cell = &buffer[(x, y)];
            cell.symbol() == "P" && cell.style().add_modifier.contains(Modifier::REVERSED)
        });
    assert!(styled, "a match is highlighted");
}

#[test]
fn snapshot_80x24_claims_focused() {
    let mut state = state_for(vec![bundled()], 80, 24);
    cmd(&mut state, Command::FocusClaims);
    cmd(&mut state, Command::Down);
    let text = screen(&state, 80, 24);
    // Every list shows more than one row, and the status bar says how to see it all.
    assert!(text.contains("1. Lead") && text.contains("2. Seeking"), "{text}");
    assert!(text.contains("K in full"), "{text}");
    insta::assert_snapshot!("small_80x24", text);
}

/// The text pane's rows with, under each, a letter per cell naming its style
/// (legend at the end): the styles of mentions, claims, matches and the
/// selection, pinned cell by cell.
fn text_styles(state: &State) -> String {
    let buffer = render(state, 120, 40);
    let area = state.areas.text;
    let mut legend: Vec<String> = Vec::new();
    let mut out = String::new();
    for y in area.y + 1..area.bottom() - 1 {
        let (mut row, mut marks) = (String::new(), String::new());
        for x in area.x + 1..area.right() - 1 {
            let cell = &buffer[(x, y)];
            row.push_str(cell.symbol());
            let style = format!("{:?}", cell.style());
            let at = legend.iter().position(|s| *s == style).unwrap_or_else(|| {
                legend.push(style);
                legend.len() - 1
            });
            marks.push(char::from(b'a' + at as u8));
        }
        out.push_str(&format!("{}\n{}\n", row.trim_end(), marks));
    }
    for (i, style) in legend.iter().enumerate() {
        out.push_str(&format!("{} = {style}\n", char::from(b'a' + i as u8)));
    }
    out
}

#[test]
fn text_styles_of_an_actor_its_claim_its_mention_and_search_matches() {
    let mut state = reader();
    galeotti(&mut state);
    cmd(&mut state, Command::Follow); // its claims
    cmd(&mut state, Command::NextMatch); // the next mention, current
    cmd(&mut state, Command::FocusText);
    cmd(&mut state, Command::Filter);
    common::reader::type_text(&mut state, "Russia");
    state.update(Action::InputAccept);
    let styles = text_styles(&state);
    assert!(styles.lines().count() > 20, "{styles}");
    insta::assert_snapshot!("text_styles_links", styles);
}

#[test]
fn text_styles_of_words_being_selected() {
    let mut state = reader();
    cmd(&mut state, Command::FocusText);
    cmd(&mut state, Command::Select);
    cmd(&mut state, Command::SelectNextSentence);
    let styles = text_styles(&state);
    insta::assert_snapshot!("text_styles_selection", styles);
}
