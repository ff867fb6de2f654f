//! The reader's state and its updates: every link rule, history, filters, search, picker.

mod common;

use briefing::ui::action::{Action, Command, Pane};
use briefing::ui::state::State;
use briefing::ui::state_for;

use common::reader::{actor_id, claim_id, cmd, filter, reader, section_id, type_text};
use common::{bundled, fixture};

/// Picks Galeotti the way a user does: Actors, `/Gal`, Enter.
fn pick_galeotti(state: &mut State) {
    filter(state, Command::FocusActors, "Gal");
}

/// Whether text line `line` is on screen.
fn line_on_screen(state: &State, line: usize) -> bool {
    line >= state.text_top && line < state.text_top + state.text_rows()
}

/// Whether the text lines of a claim are on screen.
fn claim_visible(state: &State, claim: usize) -> bool {
    let index = state.index().unwrap();
    let section = index.claim_section[claim].unwrap();
    let span = index.claim_span[claim].clone().unwrap();
    let lines = state.layout.lines_of(section, &span);
    lines.start >= state.text_top && lines.end <= state.text_top + state.text_rows()
}

#[test]
fn starts_on_the_lead_with_all_claims() {
    let s = reader();
    assert_eq!(s.focus, Pane::Sections);
    assert_eq!(s.section(), Some(0));
    assert_eq!(s.actor, None);
    assert_eq!(s.claims.rows.len(), 37);
    assert_eq!(s.actors.rows.len(), 35);
    assert_eq!(s.text_top, 0);
}

#[test]
fn selecting_a_section_scrolls_the_text_to_it() {
    let mut s = reader();
    cmd(&mut s, Command::Down);
    let seeking = section_id(&s, "seeking-support");
    assert_eq!(s.section(), Some(seeking));
    assert_eq!(
        s.text_top,
        s.layout.section_first(seeking).expect("section laid out")
    );
    assert_eq!(s.focus, Pane::Sections, "moving does not change focus");
    cmd(&mut s, Command::Bottom);
    assert_eq!(s.section(), Some(4));
    assert_eq!(
        s.text_top,
        s.layout
            .section_first(4)
            .expect("section laid out")
            .min(s.layout.len() - s.text_rows())
    );
}

#[test]
fn enter_on_a_section_focuses_the_text_there() {
    let mut s = reader();
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Follow);
    assert_eq!(s.focus, Pane::Text);
    assert_eq!(s.text_top, s.layout.section_first(2).expect("section laid out"));
    assert!(s.can_go_back());
}

#[test]
fn scrolling_the_text_moves_the_section_cursor() {
    let mut s = reader();
    cmd(&mut s, Command::FocusText);
    let target = s.layout.section_first(3).expect("section laid out");
    for _ in 0..target {
        cmd(&mut s, Command::Down);
    }
    assert_eq!(s.text_top, target);
    assert_eq!(s.section(), Some(3));
    cmd(&mut s, Command::Top);
    assert_eq!((s.text_top, s.section()), (0, Some(0)));
}

#[test]
fn filtering_actors_as_you_type_selects_galeotti_and_his_claims() {
    let mut s = reader();
    cmd(&mut s, Command::FocusActors);
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "Gal");
    assert!(s.editing().is_some());
    assert_eq!(s.input_text(), Some("Gal"));
    let galeotti = actor_id(&s, "mark-galeotti");
    assert_eq!(s.actors.rows, vec![galeotti]);
    assert_eq!(s.actor, Some(galeotti), "the match is selected while typing");
    s.update(Action::InputAccept);
    assert!(s.editing().is_none());
    assert_eq!(s.actors.filter, "Gal", "Enter keeps the filter");
    // Only his claims: the three quotes he made.
    assert_eq!(s.claims.rows.len(), 3);
    let b = s.briefing().unwrap();
    for &c in &s.claims.rows {
        assert_eq!(b.claims[c].speaker.as_deref(), Some("mark-galeotti"));
    }
}

#[test]
fn typing_backspace_and_esc_edit_the_filter() {
    let mut s = reader();
    cmd(&mut s, Command::FocusActors);
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "Gax");
    assert!(s.actors.rows.is_empty());
    s.update(Action::InputBackspace);
    assert!(!s.actors.rows.is_empty());
    s.update(Action::InputCancel);
    assert!(s.editing().is_none());
    assert_eq!(s.actors.filter, "");
    assert_eq!(s.actors.rows.len(), 35);
}

#[test]
fn filter_matches_aliases_and_ignores_case_and_typography() {
    let mut s = reader();
    cmd(&mut s, Command::FocusActors);
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "kremlin");
    let russia = actor_id(&s, "russia");
    assert_eq!(s.actors.rows, vec![russia]);
    s.update(Action::InputCancel);
    cmd(&mut s, Command::FocusSections);
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "'ready");
    assert_eq!(s.sections.rows, vec![section_id(&s, "ready-to-react")]);
}

#[test]
fn claims_filter_as_you_type_by_speaker_and_words() {
    let mut s = reader();
    cmd(&mut s, Command::FocusClaims);
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "zakharova");
    assert_eq!(s.claims.rows.len(), 4);
    assert_eq!(s.claim, Some(s.claims.rows[0]), "first match selected");
    s.update(Action::InputAccept);
    cmd(&mut s, Command::Clear);
    assert_eq!(s.claims.rows.len(), 37, "Esc clears a kept filter");
}

#[test]
fn selecting_an_actor_lists_its_claims_and_the_toggle_shows_all() {
    let mut s = reader();
    pick_galeotti(&mut s);
    let galeotti = actor_id(&s, "mark-galeotti");
    let involving = s.index().unwrap().claims_involving(galeotti);
    assert_eq!(s.claims.rows, involving);
    cmd(&mut s, Command::ToggleClaimFilter);
    assert_eq!(s.claims.rows.len(), 37);
    assert_eq!(s.actor, Some(galeotti), "the actor stays selected");
    cmd(&mut s, Command::ToggleClaimFilter);
    assert_eq!(s.claims.rows, involving);
    // Esc twice: the filter, then the selection.
    cmd(&mut s, Command::Clear);
    assert_eq!(s.actors.filter, "");
    assert_eq!(s.actor, Some(galeotti));
    cmd(&mut s, Command::Clear);
    assert_eq!(s.actor, None);
    assert_eq!(s.claims.rows.len(), 37);
}

#[test]
fn claims_about_an_actor_are_listed_with_its_own() {
    let mut s = reader();
    filter(&mut s, Command::FocusActors, "Nicolas");
    let maduro = actor_id(&s, "nicolas-maduro");
    let index = s.index().unwrap();
    assert!(
        s.claims
            .rows
            .iter()
            .any(|&c| index.claim_speaker[c] != Some(maduro))
    );
    for &c in &s.claims.rows {
        assert!(index.claim_speaker[c] == Some(maduro) || index.claim_about[c].contains(&maduro));
    }
}

#[test]
fn n_and_shift_n_walk_the_actors_mentions_across_sections() {
    let mut s = reader();
    filter(&mut s, Command::FocusActors, "Maduro");
    let maduro = actor_id(&s, "nicolas-maduro");
    assert_eq!(s.actor, Some(maduro));
    let mentions = s.index().unwrap().actor_mentions[maduro].clone();
    assert!(mentions.len() > 5);
    let mut sections_seen = std::collections::BTreeSet::new();
    for (i, m) in mentions.iter().enumerate() {
        cmd(&mut s, Command::NextMatch);
        assert_eq!(s.mention, Some(i), "n reaches mention {i}");
        let line = s.layout.line_of(m.section, m.range.start);
        assert!(line_on_screen(&s, line), "mention {i} on screen");
        assert_eq!(
            s.section(),
            Some(m.section),
            "the reader is in the mention's section"
        );
        sections_seen.insert(m.section);
    }
    assert!(sections_seen.len() > 2, "mentions span sections");
    cmd(&mut s, Command::NextMatch);
    assert_eq!(s.mention, Some(0), "n wraps to the first mention");
    cmd(&mut s, Command::PrevMatch);
    assert_eq!(s.mention, Some(mentions.len() - 1), "N wraps to the last");
    cmd(&mut s, Command::PrevMatch);
    assert_eq!(s.mention, Some(mentions.len() - 2));
}

#[test]
fn n_starts_from_the_selected_claim() {
    let mut s = reader();
    pick_galeotti(&mut s);
    cmd(&mut s, Command::Follow);
    assert_eq!(s.focus, Pane::Claims);
    cmd(&mut s, Command::Down); // his second claim, in the last section
    let claim = s.claim.unwrap();
    let index = s.index().unwrap();
    let (cs, span) = (
        index.claim_section[claim].unwrap(),
        index.claim_span[claim].clone().unwrap(),
    );
    let galeotti = actor_id(&s, "mark-galeotti");
    let expected = index.actor_mentions[galeotti]
        .iter()
        .position(|m| (m.section, m.range.start) > (cs, span.start))
        .unwrap_or(0);
    cmd(&mut s, Command::NextMatch);
    assert_eq!(s.mention, Some(expected));
}

#[test]
fn selecting_a_claim_scrolls_to_it_and_puts_the_reader_in_its_section() {
    let mut s = reader();
    cmd(&mut s, Command::FocusClaims);
    cmd(&mut s, Command::Bottom);
    let last = *s.claims.rows.last().unwrap();
    assert_eq!(s.claim, Some(last));
    assert!(claim_visible(&s, last));
    let section = s.index().unwrap().claim_section[last];
    assert_eq!(s.section(), section);
    for _ in 0..20 {
        cmd(&mut s, Command::Up);
        let c = s.claim.unwrap();
        assert!(claim_visible(&s, c), "claim {c} visible");
    }
}

#[test]
fn enter_on_a_claim_jumps_to_its_speaker() {
    let mut s = reader();
    filter(&mut s, Command::FocusClaims, "fugitive");
    let rubio_claim = claim_id(&s, "rubio-fugitive");
    assert_eq!(s.claim, Some(rubio_claim));
    cmd(&mut s, Command::Follow);
    assert_eq!(s.focus, Pane::Actors);
    let rubio = actor_id(&s, "marco-rubio");
    assert_eq!(s.actor, Some(rubio));
    assert_eq!(s.actors.selected(), Some(rubio));
    assert_eq!(s.claim, Some(rubio_claim), "the claim stays selected");
}

#[test]
fn enter_on_a_claim_clears_an_actor_filter_hiding_the_speaker() {
    let mut s = reader();
    filter(&mut s, Command::FocusActors, "Putin");
    cmd(&mut s, Command::ToggleClaimFilter); // all claims
    cmd(&mut s, Command::FocusClaims);
    cmd(&mut s, Command::Top);
    cmd(&mut s, Command::Follow);
    let speaker = s.index().unwrap().claim_speaker[s.claims.rows[0]];
    assert_eq!(s.actor, speaker);
    assert_eq!(s.actors.filter, "");
}

#[test]
fn enter_on_an_actor_lists_its_claims_and_selects_the_first() {
    let mut s = reader();
    pick_galeotti(&mut s);
    cmd(&mut s, Command::Follow);
    assert_eq!(s.focus, Pane::Claims);
    let first = claim_id(&s, "galeotti-nothing-much");
    assert_eq!(s.claim, Some(first));
    assert!(claim_visible(&s, first));
    assert!(s.message.as_ref().is_some_and(|m| m.text.contains("3 claims")));
}

#[test]
fn enter_on_an_actor_without_claims_goes_to_its_first_mention() {
    let mut s = reader();
    filter(&mut s, Command::FocusActors, "Assad");
    let assad = s.actor.unwrap();
    assert!(s.index().unwrap().claims_involving(assad).is_empty());
    cmd(&mut s, Command::Follow);
    assert_eq!(s.focus, Pane::Text);
    assert_eq!(s.mention, Some(0));
}

#[test]
fn related_claims_can_be_followed_both_ways() {
    let mut s = reader();
    filter(&mut s, Command::FocusClaims, "land is going");
    let land = claim_id(&s, "trump-land-next");
    assert_eq!(s.claim, Some(land));
    cmd(&mut s, Command::FollowRelated);
    let no = claim_id(&s, "trump-no");
    assert_eq!(s.claim, Some(no), "followed the contradiction");
    assert!(s.claims.rows.contains(&no), "the filter made room for it");
    assert!(claim_visible(&s, no));
    // From trump-no, `r` walks on rather than bouncing back.
    cmd(&mut s, Command::FollowRelated);
    assert_eq!(s.claim, Some(claim_id(&s, "media-reports-strikes-considered")));
    cmd(&mut s, Command::Back);
    assert_eq!(s.claim, Some(no));
    cmd(&mut s, Command::Back);
    assert_eq!(s.claim, Some(land));
}

/// What history restores: focus, selected actor and claim, scroll, actor filter.
fn place(s: &State) -> (Pane, Option<usize>, Option<usize>, usize, String) {
    (s.focus, s.actor, s.claim, s.text_top, s.actors.filter.clone())
}

#[test]
fn history_restores_focus_selection_and_scroll_both_ways() {
    let mut s = reader();
    let start = place(&s);
    pick_galeotti(&mut s);
    let picked = place(&s);
    cmd(&mut s, Command::Follow);
    cmd(&mut s, Command::Down);
    let on_claim = place(&s);
    cmd(&mut s, Command::NextMatch);
    let on_mention = place(&s);
    assert!(s.mention.is_some(), "n reached a mention");

    cmd(&mut s, Command::Back);
    assert_eq!(place(&s), on_claim);
    assert_eq!(s.mention, None);
    cmd(&mut s, Command::Back);
    assert_eq!(place(&s), picked);
    assert_eq!(s.focus, Pane::Actors);
    cmd(&mut s, Command::Back);
    let back_home = place(&s);
    assert_eq!(back_home.1, start.1, "no actor, as at the start");
    assert_eq!(back_home.4, "", "no filter, as at the start");
    assert_eq!(back_home.3, start.3);
    assert!(!s.can_go_back());
    cmd(&mut s, Command::Back);
    assert!(
        s.message
            .as_ref()
            .is_some_and(|m| m.text.contains("start of the history"))
    );

    cmd(&mut s, Command::Forward);
    assert_eq!(place(&s), picked);
    cmd(&mut s, Command::Forward);
    cmd(&mut s, Command::Forward);
    assert_eq!(place(&s), on_mention);
    assert!(!s.can_go_forward());
}

#[test]
fn a_new_jump_drops_the_forward_history() {
    let mut s = reader();
    cmd(&mut s, Command::Follow); // lead -> text
    cmd(&mut s, Command::Back);
    assert!(s.can_go_forward());
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Follow);
    assert!(!s.can_go_forward());
}

#[test]
fn history_survives_a_resize() {
    let mut s = reader();
    cmd(&mut s, Command::FocusClaims);
    cmd(&mut s, Command::Bottom);
    cmd(&mut s, Command::Follow);
    let claim = claim_id(&s, "galeotti-allies-in-global-south");
    assert_eq!(s.claim, Some(claim));
    s.update(Action::Resize {
        width: 80,
        height: 30,
    });
    cmd(&mut s, Command::Back);
    assert_eq!(s.focus, Pane::Claims);
    assert_eq!(s.claim, Some(claim));
    assert!(claim_visible(&s, claim));
}

#[test]
fn resizing_rewraps_and_keeps_the_place() {
    let mut s = reader();
    cmd(&mut s, Command::FocusText);
    for _ in 0..60 {
        cmd(&mut s, Command::Down);
    }
    let (section, byte) = s.layout.position(s.text_top);
    let words = &s.briefing().unwrap().sections[section].text[byte..byte + 10].to_string();
    s.update(Action::Resize {
        width: 70,
        height: 30,
    });
    assert_eq!(s.layout.width, s.areas.text_width());
    let line = s.layout.line(s.text_top).expect("line laid out");
    let shown = &s.briefing().unwrap().sections[line.section].text[line.range()];
    assert!(
        shown.contains(words.as_str()) || line.start <= byte,
        "{shown:?} vs {words:?}"
    );
}

#[test]
fn text_search_finds_moves_with_n_and_clears_with_esc() {
    let mut s = reader();
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "sukhoi");
    let search = s.search.clone().unwrap();
    assert_eq!(search.matches.len(), 1, "case-insensitive");
    assert_eq!(search.current, Some(0));
    let (sec, range) = search.matches[0].clone();
    assert_eq!(&s.briefing().unwrap().sections[sec].text[range.clone()], "Sukhoi");
    let line = s.layout.line_of(sec, range.start);
    assert!(line_on_screen(&s, line));
    s.update(Action::InputAccept);
    assert!(s.can_go_back(), "the search is a jump");

    cmd(&mut s, Command::Filter);
    for _ in 0..6 {
        s.update(Action::InputBackspace);
    }
    type_text(&mut s, "russia");
    s.update(Action::InputAccept);
    let total = s.search.as_ref().unwrap().matches.len();
    assert!(total > 20);
    let first = s.search.as_ref().unwrap().current.unwrap();
    cmd(&mut s, Command::NextMatch);
    assert_eq!(s.search.as_ref().unwrap().current, Some((first + 1) % total));
    cmd(&mut s, Command::PrevMatch);
    assert_eq!(s.search.as_ref().unwrap().current, Some(first));
    cmd(&mut s, Command::Clear);
    assert!(s.search.is_none());
}

#[test]
fn a_search_with_no_match_says_so() {
    let mut s = reader();
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "zzzqqq");
    assert!(s.search.as_ref().unwrap().matches.is_empty());
    assert!(
        s.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("not found"))
    );
    s.update(Action::InputCancel);
    assert!(s.search.is_none());
    assert_eq!(s.text_top, 0, "cancelling returns to where the search began");
}

#[test]
fn focus_keys_cycle_and_jump() {
    let mut s = reader();
    let mut seen = Vec::new();
    for _ in 0..4 {
        cmd(&mut s, Command::FocusNext);
        seen.push(s.focus);
    }
    assert_eq!(seen, vec![Pane::Actors, Pane::Claims, Pane::Text, Pane::Sections]);
    cmd(&mut s, Command::FocusPrev);
    assert_eq!(s.focus, Pane::Text);
    cmd(&mut s, Command::FocusClaims);
    assert_eq!(s.focus, Pane::Claims);
}

#[test]
fn page_keys_move_by_pages() {
    let mut s = reader();
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::PageDown);
    assert_eq!(s.text_top, s.text_rows() - 1);
    cmd(&mut s, Command::HalfPageUp);
    assert_eq!(s.text_top, s.text_rows() - 1 - s.text_rows() / 2);
    cmd(&mut s, Command::Bottom);
    assert_eq!(s.text_top, s.layout.len() - s.text_rows());
    cmd(&mut s, Command::PageDown);
    assert_eq!(s.text_top, s.layout.len() - s.text_rows(), "never past the end");
}

#[test]
fn help_overlay_takes_the_keys_until_closed() {
    let mut s = reader();
    cmd(&mut s, Command::Help);
    assert_eq!(s.help_scroll(), Some(0));
    cmd(&mut s, Command::Down);
    assert_eq!(s.help_scroll(), Some(1));
    assert_eq!(s.text_top, 0, "keys scroll the help, not the panes");
    cmd(&mut s, Command::Bottom);
    let bottom = s.help_scroll().unwrap();
    assert!(
        bottom > 1 && bottom < 100,
        "scrolled to the end, not past it: {bottom}"
    );
    cmd(&mut s, Command::Up);
    assert_eq!(s.help_scroll(), Some(bottom - 1));
    cmd(&mut s, Command::Quit);
    assert_eq!(s.help_scroll(), None);
    assert!(!s.quit, "q closes the help first");
    cmd(&mut s, Command::Quit);
    assert!(s.quit);
}

#[test]
fn sorting_actors_cycles_kind_mentions_name() {
    let mut s = reader();
    let b = s.briefing().unwrap().clone();
    let kinds: Vec<_> = s.actors.rows.iter().map(|&a| b.actors[a].kind).collect();
    assert!(kinds.windows(2).all(|k| k[0] <= k[1]), "grouped by kind");
    cmd(&mut s, Command::SortActors);
    let counts: Vec<usize> = s
        .actors
        .rows
        .iter()
        .map(|&a| s.index().unwrap().actor_mentions[a].len())
        .collect();
    assert!(counts.windows(2).all(|c| c[0] >= c[1]), "by mentions");
    cmd(&mut s, Command::SortActors);
    let names: Vec<String> = s
        .actors
        .rows
        .iter()
        .map(|&a| b.actors[a].name.to_lowercase())
        .collect();
    assert!(names.windows(2).all(|n| n[0] <= n[1]), "by name");
}

#[test]
fn the_picker_switches_briefings_and_back_returns() {
    let mut s = state_for(vec![bundled(), fixture("wide.toml")], 120, 40);
    cmd(&mut s, Command::Picker);
    assert!(s.picker().is_some());
    cmd(&mut s, Command::Filter);
    type_text(&mut s, "wide");
    s.update(Action::InputAccept);
    assert_eq!(s.picker().unwrap().rows, vec![1]);
    cmd(&mut s, Command::Follow);
    assert!(s.picker().is_none());
    assert_eq!(s.current, 1);
    assert_eq!(s.briefing().unwrap().id, "wide-text");
    assert_eq!(s.claims.rows.len(), s.briefing().unwrap().claims.len());
    cmd(&mut s, Command::Back);
    assert_eq!(s.current, 0);
    cmd(&mut s, Command::Picker);
    cmd(&mut s, Command::Clear);
    assert!(s.picker().is_none());
}

#[test]
fn the_picker_needs_two_briefings() {
    let mut s = reader();
    cmd(&mut s, Command::Picker);
    assert!(s.picker().is_none());
    assert!(s.message.is_some());
}

#[test]
fn clicks_focus_and_select_and_the_wheel_scrolls() {
    let mut s = reader();
    let actors = s.areas.actors;
    s.update(Action::Click {
        column: actors.x + 3,
        row: actors.y + 3,
    });
    assert_eq!(s.focus, Pane::Actors);
    assert_eq!(s.actor, Some(s.actors.rows[2]));
    let text = s.areas.text;
    s.update(Action::Scroll {
        column: text.x + 5,
        row: text.y + 5,
        down: true,
    });
    assert_eq!(s.text_top, 3);
    assert_eq!(s.focus, Pane::Actors, "the wheel does not move focus");
    // Clicks on borders and outside panes do nothing harmful.
    s.update(Action::Click { column: 0, row: 0 });
    s.update(Action::Click {
        column: 500,
        row: 500,
    });
}

#[test]
fn lists_scroll_to_keep_the_cursor_visible() {
    let mut s = state_for(vec![bundled()], 100, 20);
    cmd(&mut s, Command::FocusActors);
    cmd(&mut s, Command::Bottom);
    let rows = s.areas.rows(Pane::Actors);
    assert!(s.actors.cursor >= s.actors.offset && s.actors.cursor < s.actors.offset + rows);
    cmd(&mut s, Command::Top);
    assert_eq!(s.actors.offset, 0);
}

#[test]
fn resizing_keeps_the_current_mention_in_view() {
    let mut s = reader();
    pick_galeotti(&mut s);
    cmd(&mut s, Command::Follow);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::NextMatch);
    let galeotti = actor_id(&s, "mark-galeotti");
    let m = s.index().unwrap().actor_mentions[galeotti][s.mention.unwrap()].clone();
    for (w, h) in [(80, 24), (60, 14), (200, 60), (45, 12)] {
        s.update(Action::Resize { width: w, height: h });
        let line = s.layout.line_of(m.section, m.range.start);
        assert!(line_on_screen(&s, line), "mention off screen at {w}x{h}");
    }
}

#[test]
fn the_claims_list_keeps_its_cursor_above_the_details() {
    let mut s = reader();
    cmd(&mut s, Command::FocusClaims);
    let rows = s.areas.rows(Pane::Claims);
    for _ in 0..20 {
        cmd(&mut s, Command::Down);
        let visible = s.list_rows(Pane::Claims);
        assert!(visible < rows, "details take room below the list");
        assert!(
            s.claims.cursor < s.claims.offset + visible,
            "cursor hidden by the details"
        );
    }
    // A click on the details does not select a row.
    let claim = s.claim;
    let claims = s.areas.claims;
    s.update(Action::Click {
        column: claims.x + 5,
        row: claims.bottom() - 2,
    });
    assert_eq!(s.claim, claim);
}

/// The screen position of byte `byte` of section `section`, if it is on screen.
fn screen_position(s: &State, section: usize, byte: usize) -> (u16, u16) {
    use unicode_width::UnicodeWidthStr;
    let line = s.layout.line_of(section, byte);
    assert!(line_on_screen(s, line), "on screen");
    let l = s.layout.line(line).expect("line laid out");
    let text = &s.briefing().unwrap().sections[section].text;
    let col = text[l.start..byte].width() as u16;
    let area = s.areas.text;
    (
        area.x + 1 + briefing::ui::layout::GUTTER + col,
        area.y + 1 + (line - s.text_top) as u16,
    )
}

#[test]
fn clicking_a_mention_in_the_text_selects_its_actor() {
    let mut s = reader();
    pick_galeotti(&mut s);
    cmd(&mut s, Command::Follow); // the first claim, "said Mark Galeotti" just after it
    cmd(&mut s, Command::Clear);
    cmd(&mut s, Command::FocusActors);
    cmd(&mut s, Command::Clear);
    cmd(&mut s, Command::Clear);
    assert_eq!(s.actor, None);
    let galeotti = actor_id(&s, "mark-galeotti");
    let m = s.index().unwrap().actor_mentions[galeotti][0].clone();
    let (column, row) = screen_position(&s, m.section, m.range.start + 2);
    s.update(Action::Click { column, row });
    assert_eq!(s.focus, Pane::Text);
    assert_eq!(s.actor, Some(galeotti));
    assert_eq!(s.mention, Some(0));
    cmd(&mut s, Command::Back);
    assert_eq!(s.actor, None);
}

#[test]
fn clicking_a_claim_in_the_text_selects_it_without_scrolling() {
    let mut s = reader();
    let claim = claim_id(&s, "trump-days-numbered");
    let index = s.index().unwrap();
    let (section, span) = (
        index.claim_section[claim].unwrap(),
        index.claim_span[claim].clone().unwrap(),
    );
    // Scroll so the claim is on screen, then click its first word.
    cmd(&mut s, Command::FocusText);
    let line = s.layout.line_of(section, span.start);
    for _ in 0..line.saturating_sub(3) {
        cmd(&mut s, Command::Down);
    }
    let top = s.text_top;
    let (column, row) = screen_position(&s, section, span.start + 1);
    s.update(Action::Click { column, row });
    assert_eq!(s.claim, Some(claim));
    assert_eq!(s.text_top, top);
}

/// The help's bottom row as drawn: the last row of the help is on screen.
fn help_shows_its_end(s: &State, width: u16, height: u16) -> bool {
    let text = common::reader::screen(s, width, height);
    text.contains("e.g. follow_related")
}

#[test]
fn help_scrolls_to_its_drawn_end_and_up_works_at_once_at_any_size() {
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut s = state_for(vec![bundled()], w, h);
        cmd(&mut s, Command::Help);
        assert!(
            !help_shows_its_end(&s, w, h),
            "{w}x{h}: the help is longer than the screen"
        );
        cmd(&mut s, Command::Bottom);
        let bottom = s.help_scroll().unwrap();
        assert!(help_shows_its_end(&s, w, h), "{w}x{h}");
        cmd(&mut s, Command::Up);
        assert_eq!(s.help_scroll(), Some(bottom - 1), "{w}x{h}");
        assert!(!help_shows_its_end(&s, w, h), "{w}x{h}: Up moved the drawn help");
        cmd(&mut s, Command::PageDown);
        assert_eq!(s.help_scroll(), Some(bottom), "{w}x{h}: never past the end");
    }
}

#[test]
fn a_new_slash_starts_a_new_filter_even_over_one_history_restored() {
    let mut s = reader();
    filter(&mut s, Command::FocusActors, "Galeo");
    cmd(&mut s, Command::Follow);
    cmd(&mut s, Command::Back);
    assert_eq!((s.focus, s.actors.filter.as_str()), (Pane::Actors, "Galeo"));
    cmd(&mut s, Command::Filter);
    assert_eq!(s.input_text(), Some(""));
    type_text(&mut s, "Trump");
    assert_eq!(s.actors.filter, "Trump");
    assert!(!s.actors.rows.is_empty());
    // Esc while typing gives the filter back as it was before `/`.
    s.update(Action::InputCancel);
    assert_eq!(s.actors.filter, "Galeo");
    assert_eq!(s.actors.rows, vec![actor_id(&s, "mark-galeotti")]);
}

#[test]
fn k_shows_the_selected_claim_in_full_with_its_id() {
    let mut s = state_for(vec![bundled()], 80, 24);
    cmd(&mut s, Command::Details);
    assert_eq!(s.details(), None, "no claim selected yet");
    cmd(&mut s, Command::FocusClaims);
    cmd(&mut s, Command::Down);
    let c = s.claim.unwrap();
    let b = s.briefing().unwrap().clone();
    cmd(&mut s, Command::Details);
    assert_eq!(s.details(), Some((c, 0)));
    let text = common::reader::screen(&s, 80, 24);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Every word of the claim is on screen, in the popup (the list row cuts it).
    let popup: Vec<&str> = text.lines().filter(|l| l.contains("│")).collect();
    for word in b.claims[c].text.split_whitespace() {
        assert!(popup.iter().any(|l| l.contains(word)), "{word}\n{text}");
    }
    assert!(
        text.lines().any(|l| l.contains("president.") && !l.contains('…')),
        "{text}"
    );
    assert!(flat.contains(&format!("id {}", b.claims[c].id)), "{text}");
    // Keys stay in the popup; Esc closes it, a click too.
    cmd(&mut s, Command::Down);
    assert_eq!(s.claim, Some(c));
    cmd(&mut s, Command::Clear);
    assert_eq!(s.details(), None);
    cmd(&mut s, Command::Details);
    s.update(Action::Click { column: 1, row: 1 });
    assert_eq!(s.details(), None);
    // Enter there goes to the speaker, like Enter in Claims.
    cmd(&mut s, Command::Details);
    cmd(&mut s, Command::Follow);
    assert_eq!(s.details(), None);
    assert_eq!(s.focus, Pane::Actors);
}

#[test]
fn doubtful_claims_are_marked_explained_and_filterable() {
    let mut s = state_for(vec![fixture("doubt.toml")], 120, 40);
    let doubtful = claim_id(&s, "nothing-agreed");
    let text = common::reader::screen(&s, 120, 40);
    let row = text.lines().find(|l| l.contains("“Nothing is agreed")).unwrap();
    assert!(row.contains("?Tom Bell"), "{row}");
    let other = text.lines().find(|l| l.contains("“We will not sign")).unwrap();
    assert!(other.contains(" Ana Ruiz") && !other.contains("?Ana"), "{other}");

    cmd(&mut s, Command::DoubtFilter);
    assert!(s.doubt_only);
    assert_eq!(s.claims.rows, vec![doubtful]);
    assert_eq!(s.claim, Some(doubtful), "the first is selected");
    let text = common::reader::screen(&s, 120, 40);
    assert!(text.contains("Claims · in doubt"), "{text}");
    assert!(
        text.contains("? speaker in doubt: two people could be the speaker: Tom Bell, Ana Ruiz"),
        "the reason is in the details\n{text}"
    );
    // Esc in Claims drops the claim, then the filter; D turns it off too.
    cmd(&mut s, Command::Clear);
    cmd(&mut s, Command::Clear);
    assert!(!s.doubt_only);
    assert_eq!(s.claims.rows.len(), 4);
    cmd(&mut s, Command::DoubtFilter);
    cmd(&mut s, Command::DoubtFilter);
    assert!(!s.doubt_only);
}

#[test]
fn the_doubt_filter_says_so_when_nothing_is_in_doubt() {
    let mut s = reader();
    let all = s.claims.rows.clone();
    cmd(&mut s, Command::DoubtFilter);
    assert!(!s.doubt_only);
    assert_eq!(s.claims.rows, all);
    assert!(
        s.message
            .as_ref()
            .unwrap()
            .text
            .contains("no claim's speaker is in doubt")
    );
}

#[test]
fn wide_screens_give_the_speaker_column_its_width() {
    let s = state_for(vec![fixture("doubt.toml")], 200, 40);
    let text = common::reader::screen(&s, 200, 40);
    assert!(
        text.contains("Maria Konstantinopoulou-Vasquez de la Fuente"),
        "the full name at 200 columns\n{text}"
    );
    let narrow = common::reader::screen(&state_for(vec![fixture("doubt.toml")], 120, 40), 120, 40);
    let row = narrow
        .lines()
        .find(|l| l.contains("unions would strike"))
        .unwrap();
    assert!(row.contains("Maria Konstantinopou"), "{row}");
}

/// Opens briefing `title_part` from the picker the way a user does.
fn pick_briefing(s: &mut State, title_part: &str) {
    cmd(s, Command::Picker);
    cmd(s, Command::Filter);
    type_text(s, title_part);
    s.update(Action::InputAccept);
    cmd(s, Command::Follow);
    assert_eq!(s.layer(), briefing::ui::state::LayerKind::Panes);
}

#[test]
fn switching_briefings_with_the_picker_keeps_each_ones_position() {
    let mut s = state_for(vec![bundled(), fixture("wide.toml")], 120, 40);
    pick_galeotti(&mut s);
    cmd(&mut s, Command::Follow);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::Down);
    let (actor, claim, top, focus) = (s.actor, s.claim, s.text_top, s.focus);
    assert!(actor.is_some() && claim.is_some() && top > 0);

    pick_briefing(&mut s, "wide");
    assert_eq!(s.current, 1);
    assert_eq!(
        (s.actor, s.claim, s.text_top),
        (None, None, 0),
        "a briefing opened the first time starts at the top"
    );
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::Down);
    let wide_top = s.text_top;

    pick_briefing(&mut s, "Levers");
    assert_eq!(s.current, 0);
    assert_eq!(
        (s.actor, s.claim, s.text_top, s.focus),
        (actor, claim, top, focus)
    );
    assert_eq!(s.actors.filter, "Gal");
    pick_briefing(&mut s, "wide");
    assert_eq!((s.text_top, s.focus), (wide_top, Pane::Text));
}

#[test]
fn back_and_forward_cross_briefings_and_each_keeps_its_place() {
    let mut s = state_for(vec![bundled(), fixture("wide.toml")], 120, 40);
    pick_galeotti(&mut s);
    cmd(&mut s, Command::Follow);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::Down);
    let levers = (s.current, s.focus, s.actor, s.claim, s.text_top);
    assert!(levers.4 > 0);

    pick_briefing(&mut s, "wide");
    cmd(&mut s, Command::FocusClaims);
    cmd(&mut s, Command::Down);
    let wide = (s.current, s.focus, s.claim, s.claims.cursor);
    assert_eq!(wide.0, 1);

    // Back returns to the other briefing, at its pane, selection and scroll.
    cmd(&mut s, Command::Back);
    assert_eq!((s.current, s.focus, s.actor, s.claim, s.text_top), levers);
    // Forward goes to the wide briefing again, as it was left.
    cmd(&mut s, Command::Forward);
    assert_eq!((s.current, s.focus, s.claim, s.claims.cursor), wide);
    cmd(&mut s, Command::Back);
    assert_eq!(s.current, 0);

    // The briefing left by Back kept its place for the picker too.
    pick_briefing(&mut s, "wide");
    assert_eq!((s.current, s.focus, s.claim, s.claims.cursor), wide);
    pick_briefing(&mut s, "Levers");
    assert_eq!((s.current, s.focus, s.actor, s.claim, s.text_top), levers);
}

#[test]
fn a_click_on_a_briefing_in_the_picker_opens_it_and_one_outside_closes_it() {
    let mut s = state_for(vec![bundled(), fixture("wide.toml")], 120, 40);
    cmd(&mut s, Command::Picker);
    let text = common::reader::screen(&s, 120, 40);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Wide text"))
        .expect("the picker lists the wide briefing");
    let x = line.chars().position(|c| c == 'W').unwrap() as u16;
    s.update(Action::Click { column: 0, row: 0 });
    assert!(s.picker().is_none(), "a click outside closes it");
    assert_eq!(s.current, 0);
    cmd(&mut s, Command::Picker);
    s.update(Action::Click {
        column: x,
        row: y as u16,
    });
    assert!(s.picker().is_none());
    assert_eq!(s.briefing().unwrap().id, "wide-text");
}
