//! Importing web pages: the article is found, the page furniture dropped, the
//! metadata read in order (JSON-LD, OpenGraph, <meta>, <title>), charsets honoured.

use std::path::{Path, PathBuf};

use briefing::import::{Imported, import_bytes};
use briefing::model::{Briefing, PartialDate};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

fn import_page(name: &str) -> Imported {
    let path = fixture(name);
    let bytes = std::fs::read(&path).expect("read the fixture");
    import_bytes(&bytes, &briefing::import::options_for(&path, None, None))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn all_text(b: &Briefing) -> String {
    b.sections
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn date(year: u16, month: u8, day: u8) -> Option<PartialDate> {
    Some(PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    })
}

#[test]
fn a_news_page_keeps_its_article_and_drops_the_furniture() {
    let b = import_page("harbour-strike.html").briefing;
    let headings: Vec<Option<&str>> = b.sections.iter().map(|s| s.heading.as_deref()).collect();
    assert_eq!(
        headings,
        [None, Some("Ships turned away"), Some("What happens next")]
    );
    let text = all_text(&b);
    for kept in [
        "Hundreds of dock workers in Port Almera walked out on Thursday",
        "“We have waited eleven months for a fair offer",
        "- a pay rise in line with inflation;\n\n- an end to zero-hours contracts",
        "“Every day the cranes stand still costs the region’s growers money they will never get back.”",
        "Okafor said the union would meet again on Monday",
    ] {
        assert!(text.contains(kept), "lost {kept:?} in:\n{text}");
    }
    for dropped in [
        "cookies",
        "Share on",
        "Share this article",
        "Sign up",
        "newsletter",
        "Photograph:",
        "Image credit",
        "Read more",
        "Related stories",
        "Calder Bay expands",
        "About time somebody",
        "Most read",
        "All rights reserved",
        "Subscribe from",
        "Business",
        "Dock workers walk out as Port Almera talks collapse",
    ] {
        assert!(!text.contains(dropped), "kept {dropped:?} in:\n{text}");
    }
}

#[test]
fn a_news_page_gives_the_briefing_its_metadata_from_json_ld_first() {
    let b = import_page("harbour-strike.html").briefing;
    assert_eq!(b.title, "Dock workers walk out as Port Almera talks collapse");
    // The publisher is the `@id` the article points at, not the WebSite's name.
    assert_eq!(b.publisher, "The Coastal Ledger");
    assert_eq!(b.published, date(2025, 3, 14));
    assert_eq!(
        b.url.as_deref(),
        Some("https://www.coastal-ledger.example/business/2025/03/14/port-almera-strike")
    );
    assert_eq!(b.note.as_deref(), Some("By Ines Varga and Tomas Reyes"));
}

#[test]
fn a_news_page_has_its_speakers() {
    let b = import_page("harbour-strike.html").briefing;
    let speaker_of = |words: &str| {
        let c = b
            .claims
            .iter()
            .find(|c| c.text.contains(words))
            .unwrap_or_else(|| panic!("no claim with {words:?}"));
        let id = c.speaker.as_deref().expect("a speaker");
        b.actors
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .expect("the actor")
    };
    assert_eq!(speaker_of("We have waited eleven months"), "Lena Okafor");
    assert_eq!(speaker_of("doing everything it can"), "Tomas Brandt");
    assert_eq!(speaker_of("almost a third of the country"), "Ines Varga");
}
