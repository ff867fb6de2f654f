//! Frame times of the reader: the bundled briefing at 200x50, the end of a 1 MB
//! single-section briefing, and a 50 MB section: first frame, a resize, and 1x1
//! (the text is wrapped lazily around the view, so only visible lines cost).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use briefing::index::Index;
use briefing::load::{LoadedBriefing, load_file};
use briefing::model::{Actor, ActorKind, Briefing, Claim, ClaimKind, Section};
use briefing::ui::action::{Action, Command, Pane};
use briefing::ui::draw::draw;
use briefing::ui::state_for;
use briefing::ui::wrap::TextLayout;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn bundled() -> LoadedBriefing {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/russia-venezuela-levers.toml");
    load_file(&path).expect("bundled briefing")
}

/// One section of about 1 MB: paragraphs naming a few actors, with a quote near the end.
pub fn big_briefing() -> LoadedBriefing {
    briefing_of(1_000_000)
}

/// One section of about `bytes` bytes, built like [`big_briefing`].
pub fn briefing_of(bytes: usize) -> LoadedBriefing {
    let sentences = [
        "Mark Galeotti said the Kremlin had few levers left in Caracas, whatever Moscow might claim.",
        "Analysts in Washington watched the carrier group move south while Maduro spoke on television.",
        "日本語の記事も混ざっています。 Wide characters 👍 and accents like naïve café résumé appear too.",
        "Nothing in the reports suggested that Russia would risk its own ships so far from home.",
    ];
    let mut text = String::with_capacity(bytes + bytes / 10);
    let mut i = 0;
    while text.len() < bytes {
        for _ in 0..5 {
            text.push_str(sentences[i % sentences.len()]);
            text.push(' ');
            i += 1;
        }
        text.push_str("\n\n");
    }
    text.push_str("At the very end, “the last quoted words of the briefing,” said Mark Galeotti.");
    let actor = |id: &str, name: &str, kind, aliases: &[&str]| Actor {
        id: id.into(),
        name: name.into(),
        kind,
        role: None,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    };
    let briefing = Briefing {
        id: "big".into(),
        title: "A very long briefing".into(),
        publisher: "Bench".into(),
        published: None,
        url: None,
        summary: None,
        note: None,
        actors: vec![
            actor("mark-galeotti", "Mark Galeotti", ActorKind::Person, &["Galeotti"]),
            actor("russia", "Russia", ActorKind::State, &["Moscow", "Kremlin"]),
            actor("nicolas-maduro", "Nicolas Maduro", ActorKind::Person, &["Maduro"]),
        ],
        sections: vec![Section {
            id: "lead".into(),
            heading: None,
            text,
        }],
        claims: vec![Claim {
            id: "last-words".into(),
            section: "lead".into(),
            speaker: Some("mark-galeotti".into()),
            about: vec![],
            kind: ClaimKind::Quote,
            text: "the last quoted words of the briefing,".into(),
            anchor: None,
            date: None,
            via: None,
            doubt: None,
            related: vec![],
        }],
    };
    let index = Index::build(&briefing);
    LoadedBriefing {
        path: PathBuf::from("big.toml"),
        briefing,
        index,
    }
}

fn frames(c: &mut Criterion) {
    let state = state_for(vec![bundled()], 200, 50);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    c.bench_function("frame: bundled briefing 200x50", |b| {
        b.iter(|| {
            terminal.draw(|f| draw(f, black_box(&state))).expect("draw");
        })
    });

    let big = big_briefing();
    assert!(big.briefing.sections[0].text.len() >= 1_000_000);
    let mut state = state_for(vec![big], 200, 50);
    state.update(Action::Command(Command::FocusActors));
    state.update(Action::Command(Command::Down)); // an actor selected: its mentions highlighted
    state.update(Action::Command(Command::FocusText));
    state.update(Action::Command(Command::Bottom));
    assert_eq!(state.focus, Pane::Text);
    assert_eq!(state.text_top + state.text_rows(), state.layout.len());
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    c.bench_function("frame: end of a 1 MB section 200x50", |b| {
        b.iter(|| {
            terminal.draw(|f| draw(f, black_box(&state))).expect("draw");
        })
    });

    let b = state.briefing().expect("briefing").clone();
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    group.bench_function("lay out 1 MB at 150 columns (lazy: blocks only)", |bench| {
        bench.iter(|| black_box(TextLayout::build(&b, 150)))
    });
    group.finish();
}

/// A 50 MB section: opening it (layout and first frame), resizing, and a 1x1 terminal.
fn huge_section(c: &mut Criterion) {
    let huge = briefing_of(50_000_000);
    let mut group = c.benchmark_group("50 MB section");
    group.sample_size(10);
    group.bench_function("first frame 200x50", |b| {
        b.iter_batched(
            || huge.clone(),
            |huge| {
                let state = state_for(vec![huge], 200, 50);
                let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
                terminal.draw(|f| draw(f, black_box(&state))).expect("draw");
                state
            },
            BatchSize::LargeInput,
        )
    });
    let mut state = state_for(vec![huge.clone()], 200, 50);
    state.update(Action::Command(Command::FocusText));
    state.update(Action::Command(Command::PageDown));
    let mut wide = false;
    group.bench_function("resize 200x50 <-> 160x50 and draw", |b| {
        b.iter(|| {
            wide = !wide;
            let width = if wide { 200 } else { 160 };
            state.update(Action::Resize { width, height: 50 });
            let mut terminal = Terminal::new(TestBackend::new(width, 50)).expect("terminal");
            terminal.draw(|f| draw(f, black_box(&state))).expect("draw");
        })
    });
    group.bench_function("resize to 1x1 and back, drawing each", |b| {
        b.iter(|| {
            for (width, height) in [(1, 1), (200, 50)] {
                state.update(Action::Resize { width, height });
                let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
                terminal.draw(|f| draw(f, black_box(&state))).expect("draw");
            }
        })
    });
    group.finish();
}

criterion_group!(benches, frames, huge_section);
criterion_main!(benches);
