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

/// What each fixture page declares, and how: JSON-LD (`@graph` with an `@id` publisher,
/// an array in a comment, a Yoast `WebPage` with an `@id` author), OpenGraph, `<meta>`
/// and `<link rel=canonical>`, or only `<title>`.
#[test]
fn metadata_comes_from_json_ld_then_opengraph_then_meta_then_title() {
    type Want = (
        &'static str,
        &'static str,
        &'static str,
        Option<PartialDate>,
        Option<&'static str>,
        Option<&'static str>,
    );
    let cases: [Want; 7] = [
        (
            // OpenGraph: `article:author` wins over `<meta name=author>`; " | Site" stripped.
            "og-only.html",
            "Valley farmers count the cost of a dry spring",
            "Riverside Courier",
            date(2024, 5, 2),
            Some("https://courier.example/news/dry-spring"),
            Some("By Marta Puig"),
        ),
        (
            // <meta>: author without its "By", `date`, `application-name`, canonical link.
            "meta-only.html",
            "Council approves the new tram line",
            "Northgate Evening Post",
            date(2023, 9, 18),
            Some("https://eveningpost.example/local/tram-line-approved"),
            Some("By Lena Vogel"),
        ),
        (
            // Only <title>: the site after the separator is the publisher.
            "title-only.html",
            "Library reopens after the flood",
            "Eastbrook Gazette",
            None,
            None,
            None,
        ),
        (
            // A JSON-LD array in an HTML comment: it wins over og:title and og:site_name;
            // authors as a string and objects, the organisation among them left out;
            // a character reference in the headline decoded.
            "ld-array.html",
            "Shipyard wins a €2bn frigate order, its biggest in thirty years – and hires 600",
            "Baltic Business Daily",
            date(2022, 11, 7),
            Some("https://bbd.example/industry/shipyard-frigates"),
            Some("By Jonas Berg and Eva Lund"),
        ),
        (
            // Yoast: a `WebPage` with an `@id` author; its name loses " - Site".
            "yoast-graph.html",
            "Senate rejects the fuel motion",
            "Island Chronicle",
            date(2021, 6, 3),
            Some("https://chronicle.example/2021/06/03/fuel-motion/"),
            Some("By Dana Price"),
        ),
        (
            // The printed headline, when the browser title agrees, over the social one;
            // the site as author is no byline.
            "social-headline.html",
            "Heatwave: Southport opens cooling centres as temperatures soar",
            "Coast Radio News",
            date(2024, 7, 19),
            Some("https://coastradio.example/news/cooling-centres"),
            None,
        ),
        (
            "harbour-strike.html",
            "Dock workers walk out as Port Almera talks collapse",
            "The Coastal Ledger",
            date(2025, 3, 14),
            Some("https://www.coastal-ledger.example/business/2025/03/14/port-almera-strike"),
            Some("By Ines Varga and Tomas Reyes"),
        ),
    ];
    for (file, title, publisher, published, url, note) in cases {
        let b = import_page(file).briefing;
        assert_eq!(b.title, title, "{file}");
        assert_eq!(b.publisher, publisher, "{file}");
        assert_eq!(b.published, published, "{file}");
        assert_eq!(b.url.as_deref(), url, "{file}");
        assert_eq!(b.note.as_deref(), note, "{file}");
    }
}

#[test]
fn embeds_link_lists_pull_quotes_and_bylines_are_left_out() {
    let b = import_page("features.html").briefing;
    let text = all_text(&b);
    for dropped in [
        "JavaScript is disabled",
        "HANNA LOWE",
        "@bayherald",
        "Watch: passengers",
        "Island ferry fares",
        "Third cancellation",
        "@islandcommuter",
        "Gallery:",
        "Footnotes",
        "January report",
    ] {
        assert!(!text.contains(dropped), "kept {dropped:?} in:\n{text}");
    }
    assert_eq!(
        text.matches("We have let our passengers down").count(),
        1,
        "{text}"
    );
    assert!(text.contains("Harbour master Ruth Ekwueme said"), "{text}");
    assert!(
        text.contains("last month’s sailings left late"),
        "no footnote mark: {text}"
    );
    assert!(
        text.contains("“a step in the right direction, but only a step”"),
        "{text}"
    );
    let headings: Vec<Option<&str>> = b.sections.iter().map(|s| s.heading.as_deref()).collect();
    assert_eq!(
        headings,
        [None, Some("A new timetable")],
        "a line all in bold is a subheading"
    );
}

#[test]
fn windows_1252_and_iso_8859_1_pages_come_out_right() {
    let b = import_page("windows-1252.html").briefing;
    assert_eq!(b.title, "Cafés on the quay fight the new terrace fee");
    let text = all_text(&b);
    for words in [
        "Quai François-Mitterrand",
        "town’s new fee",
        "– €45 a square metre –",
        "“We are not against paying",
        "Noël Guérin",
        "quay…",
    ] {
        assert!(text.contains(words), "{words:?} in:\n{text}");
    }
    let speaker = b
        .claims
        .iter()
        .find(|c| c.text.contains("not against paying"))
        .and_then(|c| c.speaker.clone());
    assert_eq!(speaker.as_deref(), Some("renee-lefevre"));

    let b = import_page("iso-8859-1.html").briefing;
    assert!(
        all_text(&b).contains("Renée Lefèvre, who runs the Café du Port"),
        "{}",
        all_text(&b)
    );
}

#[test]
fn html_is_recognised_by_its_content_without_an_extension() {
    let bytes = std::fs::read(fixture("harbour-strike.html")).unwrap();
    let imported = import_bytes(&bytes, &briefing::import::Options::default()).unwrap();
    assert_eq!(imported.briefing.publisher, "The Coastal Ledger");
    assert!(!all_text(&imported.briefing).contains("cookies"));

    assert!(briefing::import::html::looks_like_html(
        b"\n<!-- saved -->\n<!DOCTYPE html><html><p>x"
    ));
    assert!(briefing::import::html::looks_like_html(
        b"\xef\xbb\xbf<html lang=en><body><p>x"
    ));
    assert!(!briefing::import::html::looks_like_html(
        b"How to write <html> by hand\n\nA text about markup."
    ));
}

#[test]
fn a_page_without_an_article_is_refused_with_a_message() {
    let options = briefing::import::Options {
        html: true,
        ..Default::default()
    };
    let empty = import_bytes(
        b"<html><head><title>Nothing</title></head><body></body></html>",
        &options,
    );
    assert!(empty.is_err());
    assert!(import_bytes(b"  \n", &options).is_err());
}

#[test]
fn a_huge_page_keeps_all_of_its_article() {
    // Past 400 KB of text Readability is not run: the element holding the paragraphs is the article.
    let page = std::fs::read_to_string(fixture("harbour-strike.html")).unwrap();
    let start = page.find("itemprop=\"articleBody\">").unwrap() + "itemprop=\"articleBody\">".len();
    let end = page.find("<div class=\"related-stories\"").unwrap();
    let mut body = String::new();
    let mut copy = 0;
    while body.len() < 1_000_000 {
        body.push_str(&page[start..end].replace(
            "Port Almera walked out",
            &format!("Port Almera walked out (part {copy})"),
        ));
        copy += 1;
    }
    let huge = format!("{}{}{}", &page[..start], body, &page[end..]);
    let imported = import_bytes(huge.as_bytes(), &briefing::import::Options::default()).unwrap();
    let text = all_text(&imported.briefing);
    let parts = (0..copy)
        .filter(|n| text.contains(&format!("(part {n})")))
        .count();
    assert_eq!(parts, copy, "all parts kept");
    assert!(
        !text.contains("Sign up") && !text.contains("Photograph:"),
        "furniture still dropped"
    );
}
