//! A huge section in the reader: wrapped lazily around the view, with exact
//! lines where the reader looks, and no layout at all while the screen is too small.

use std::path::PathBuf;

use briefing::index::Index;
use briefing::load::LoadedBriefing;
use briefing::model::{Actor, ActorKind, Briefing, Claim, ClaimKind, Section};
use briefing::ui::action::{Action, Command};
use briefing::ui::state::State;
use briefing::ui::state_for;
use briefing::ui::wrap::TextLine;

const MIDDLE: &str = "“Words quoted right in the middle,” said Mark Galeotti.";
const END: &str = "“The last quoted words of the briefing,” said Mark Galeotti.";

fn claim(id: &str, text: &str) -> Claim {
    Claim {
        id: id.into(),
        section: "lead".into(),
        speaker: Some("mark-galeotti".into()),
        about: vec![],
        kind: ClaimKind::Quote,
        text: text.into(),
        anchor: None,
        date: None,
        via: None,
        related: vec![],
        doubt: None,
    }
}

/// One section of about `bytes` bytes in short paragraphs, with a quote in the
/// middle and one at the very end.
fn huge(bytes: usize) -> LoadedBriefing {
    let sentence = "Analysts watched the carrier group move south while Maduro spoke on television. ";
    let mut text = String::with_capacity(bytes + 1000);
    let mut n = 0;
    while text.len() < bytes {
        for _ in 0..n % 7 + 1 {
            text.push_str(sentence);
        }
        text.push_str("\n\n");
        n += 1;
        if n == 2_000 {
            text.push_str(MIDDLE);
            text.push_str("\n\n");
        }
    }
    text.push_str(END);
    let briefing = Briefing {
        id: "huge".into(),
        title: "A huge briefing".into(),
        actors: vec![Actor {
            id: "mark-galeotti".into(),
            name: "Mark Galeotti".into(),
            kind: ActorKind::Person,
            role: None,
            aliases: vec!["Galeotti".into()],
        }],
        sections: vec![Section {
            id: "lead".into(),
            heading: None,
            text,
        }],
        claims: vec![
            claim("middle", "Words quoted right in the middle,"),
            claim("end", "The last quoted words of the briefing,"),
        ],
        ..Default::default()
    };
    let index = Index::build(&briefing);
    LoadedBriefing {
        path: PathBuf::from("huge.toml"),
        briefing,
        index,
    }
}

fn cmd(state: &mut State, command: Command) {
    state.update(Action::Command(command));
}

/// The lines on screen.
fn lines_shown(state: &State) -> Vec<TextLine> {
    let b = state.briefing().expect("a briefing");
    state.layout.visible(b, state.text_top, state.text_rows())
}

/// The text of the lines on screen.
fn shown(state: &State) -> Vec<String> {
    let b = state.briefing().expect("a briefing");
    let text = &b.sections[0].text;
    state
        .layout
        .visible(b, state.text_top, state.text_rows())
        .iter()
        .map(|l| text[l.range()].to_string())
        .collect()
}

#[test]
fn a_huge_section_is_laid_out_only_around_the_view() {
    let mut s = state_for(vec![huge(3_000_000)], 120, 40);
    assert!(!s.layout.is_exact(), "3 MB are not wrapped whole");
    cmd(&mut s, Command::FocusText);
    cmd(&mut s, Command::Bottom);
    let lines = shown(&s);
    assert_eq!(lines.len(), s.text_rows());
    assert!(
        lines.last().is_some_and(|l| END.ends_with(l.as_str())),
        "{lines:#?}"
    );
    assert_eq!(s.text_top + s.text_rows(), s.layout.len(), "the end is exact");
    cmd(&mut s, Command::Top);
    assert_eq!(s.text_top, 0);
    assert!(shown(&s)[0].starts_with("Analysts watched"));
}

#[test]
fn scrolling_a_huge_section_moves_one_line_at_a_time() {
    let mut s = state_for(vec![huge(3_000_000)], 120, 40);
    cmd(&mut s, Command::FocusText);
    for _ in 0..200 {
        cmd(&mut s, Command::PageDown);
    }
    let start = s.text_top;
    let mut seen = lines_shown(&s);
    // Up across blank lines and paragraphs, then down again: every step is one line.
    for step in 1..=60 {
        cmd(&mut s, Command::Up);
        assert_eq!(s.text_top, start - step);
        let now = lines_shown(&s);
        assert_eq!(now[1..], seen[..seen.len() - 1], "step {step}");
        seen = now;
    }
    for _ in 0..60 {
        cmd(&mut s, Command::Down);
    }
    assert_eq!(s.text_top, start);
}

#[test]
fn selecting_a_claim_in_a_huge_section_shows_it() {
    let mut s = state_for(vec![huge(3_000_000)], 120, 40);
    cmd(&mut s, Command::FocusClaims);
    for (id, key) in [
        ("end", Command::Bottom),
        ("middle", Command::Top),
        ("end", Command::Down),
    ] {
        cmd(&mut s, key);
        let claim = s.index().and_then(|i| i.claim(id));
        assert_eq!(s.claim, claim);
        let words = if id == "end" { END } else { MIDDLE };
        let lines = shown(&s);
        assert!(
            lines
                .iter()
                .any(|l| words.starts_with(l.as_str()) && !l.is_empty()),
            "{id} not on screen: {lines:#?}"
        );
    }
}

#[test]
fn a_tiny_screen_skips_the_layout_and_keeps_the_place() {
    let mut s = state_for(vec![huge(3_000_000)], 120, 40);
    cmd(&mut s, Command::FocusText);
    for _ in 0..50 {
        cmd(&mut s, Command::PageDown);
    }
    let (top, width, lines) = (s.text_top, s.layout.width, shown(&s));
    s.update(Action::Resize { width: 1, height: 1 });
    assert!(s.areas.too_small);
    assert_eq!(s.layout.width, width, "no layout at 1x1");
    s.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!((s.text_top, shown(&s)), (top, lines));
}

#[test]
fn resizing_a_huge_section_keeps_the_text_at_the_top() {
    let mut s = state_for(vec![huge(3_000_000)], 120, 40);
    cmd(&mut s, Command::FocusText);
    for _ in 0..300 {
        cmd(&mut s, Command::PageDown);
    }
    cmd(&mut s, Command::Down);
    for width in [90, 200, 61, 120, 75, 143, 101, 66, 180, 120] {
        let (_, byte) = s.layout.position(s.text_top);
        s.update(Action::Resize { width, height: 40 });
        let top = lines_shown(&s)[0];
        assert!(
            top.start <= byte && byte <= top.end,
            "{width}: byte {byte} not on the top line {top:?}"
        );
    }
}

#[test]
fn back_after_a_jump_in_a_huge_section_returns_to_the_same_text() {
    let mut s = state_for(vec![huge(3_000_000)], 120, 40);
    cmd(&mut s, Command::FocusText);
    // Far down without passing through: the lines above are still estimates.
    cmd(&mut s, Command::Bottom);
    for _ in 0..5 {
        cmd(&mut s, Command::PageUp);
    }
    let here = s.layout.position(s.text_top);
    // The claim is far above: the text around it is laid out, lines above here shift.
    // A click on the first claim's row (the one in the middle) remembers where the text was.
    let rows = s.areas.claims;
    s.update(Action::Click {
        column: rows.x + 3,
        row: rows.y + 1,
    });
    assert_eq!(s.claim, s.index().and_then(|i| i.claim("middle")));
    assert_ne!(s.layout.position(s.text_top), here);
    cmd(&mut s, Command::Back);
    assert_eq!(s.layout.position(s.text_top), here);
}
