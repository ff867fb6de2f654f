//! Bad input never panics: a clear error, or a best-effort briefing that passes the check.

use std::path::Path;
use std::time::{Duration, Instant};

use briefing::import::{InputError, Options, import_bytes, import_str};
use briefing::load::parse_briefing;

fn passes_check(toml: &str) {
    if let Err(d) = parse_briefing(Path::new("x.toml"), toml) {
        panic!("{:?}\n{toml}", d.iter().map(|d| d.headline()).collect::<Vec<_>>());
    }
}

#[test]
fn empty_input_is_a_clear_error() {
    for empty in [&b""[..], b"   \n\n\t  \n", b"\xef\xbb\xbf"] {
        let e = import_bytes(empty, &Options::default()).unwrap_err();
        assert!(matches!(e, InputError::Empty | InputError::NoText), "{e:?}");
        assert!(
            e.to_string().contains("empty") || e.to_string().contains("no article text"),
            "{e}"
        );
    }
}

#[test]
fn binary_input_is_refused() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 37 % 256) as u8));
    let e = import_bytes(&png, &Options::default()).unwrap_err();
    assert!(matches!(e, InputError::Binary(_)));
    assert!(e.to_string().contains("binary"), "{e}");
    let controls: Vec<u8> = (0..4000u32)
        .map(|i| [1u8, 2, 3, b'a', 4, 5][i as usize % 6])
        .collect();
    assert!(matches!(
        import_bytes(&controls, &Options::default()),
        Err(InputError::Binary(_))
    ));
}

#[test]
fn non_utf8_is_read_as_windows_1252_and_said_so() {
    let latin1 = b"Caf\xe9 Owners Protest\n\x93We will not close,\x94 caf\xe9 owner Jos\xe9 Mart\xednez said on Monday.\n";
    let imported = import_bytes(latin1, &Options::default()).unwrap();
    passes_check(&imported.toml);
    assert_eq!(imported.briefing.title, "Café Owners Protest");
    assert!(
        imported.notes.iter().any(|n| n.contains("not valid UTF-8")),
        "{:?}",
        imported.notes
    );
    let quote = &imported.briefing.claims[0];
    assert_eq!(quote.text, "We will not close,");
    assert_eq!(quote.speaker.as_deref(), Some("jose-martinez"));
}

#[test]
fn one_huge_line_imports_quickly() {
    let sentence = "The minister said “we are ready for talks,” according to Reuters, while analysts say the crisis will last. ";
    let line = sentence.repeat(1_000_000 / sentence.len());
    assert!(!line.contains('\n'));
    let start = Instant::now();
    let imported = import_str(&line, &Options::default()).unwrap();
    let took = start.elapsed();
    passes_check(&imported.toml);
    assert_eq!(imported.briefing.sections.len(), 1);
    assert!(
        imported.briefing.title.len() < 200,
        "title {:?}",
        imported.briefing.title
    );
    assert!(!imported.briefing.claims.is_empty());
    // Generous: debug builds are slow; the release figure is in the bench.
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

#[test]
fn unbalanced_quotes_give_a_best_effort_briefing() {
    let text = "Talks Stall\n“We are leaving the table, said negotiator Ana Ruiz.\nThe other side did not answer. “We will wait,” said spokesman Li Wei.\nA final “stray mark.\n";
    let imported = import_str(text, &Options::default()).unwrap();
    passes_check(&imported.toml);
    assert!(
        imported.notes.iter().any(|n| n.contains("never closed")),
        "{:?}",
        imported.notes
    );
    assert!(imported.briefing.claims.iter().any(|c| c.text == "We will wait,"));
}

#[test]
fn a_single_line_is_read_as_the_article() {
    let e = import_str("Just A Headline\n", &Options::default());
    // One line is the article itself, not a title without text.
    let imported = e.unwrap();
    passes_check(&imported.toml);
}

/// A tiny deterministic generator for rough text.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn rough_text_never_panics() {
    let pieces = [
        "Maria",
        "Zakharova",
        " said",
        ", ",
        ". ",
        "“",
        "”",
        "\"",
        "'",
        "‘",
        "’",
        "\n",
        "\n\n",
        "# ",
        "- ",
        "\u{00AD}",
        "\u{00A0}",
        "…",
        " — ",
        "Moscow",
        "the Kremlin",
        " according to ",
        "officials",
        " told ",
        "on November 1",
        "two days earlier",
        "日本語",
        "é",
        "🙂",
        "US",
        "U.S.",
        "Spokeswoman ",
        "Mr. ",
        "(",
        ")",
        ":",
        "?",
        "The Washington Post",
        "that ",
        "wrote",
        "in an e-mailed comment",
        "'s",
        "s'",
        "\t",
        "\r\n",
        "Levers And Limitations",
        ", who asked not to be named, ",
        "BRUSSELS",
        "**Bold Line**",
        "By Jane Doe · 3 February 2024",
        "Lloyd’s List",
        "Italy's interior ministry",
        "al-Assad",
        "USS Ford",
        "Secretary of State ",
        "Getty Images",
        "(Reporting by Ann Lee)",
        "---\ntitle: x\n---\n",
        "Published: 2025-11-14",
        "was denounced by ",
        "Mark Galeotti, an author, ",
        "---",
        "**",
        "[a](http://b)",
        "1. ",
        "Institute",
        "of",
        "and",
    ];
    let mut rng = Lcg(std::env::var("IMPORT_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7));
    for round in 0..std::env::var("IMPORT_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(400)
    {
        let n = 1 + rng.next() as usize % 80;
        let text: String = (0..n)
            .map(|_| pieces[rng.next() as usize % pieces.len()])
            .collect();
        let options = Options {
            markdown: round % 3 == 0,
            ..Default::default()
        };
        match import_str(&text, &options) {
            Ok(imported) => passes_check(&imported.toml),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}

/// One sentence with a trigger repeated thousands of times: every claim stays a
/// clause (its anchor and text bounded), however long the sentence.
#[test]
fn run_on_sentences_give_bounded_claims() {
    for unit in [
        "Bob Ray said that ",
        "the rise, according to Bob Ray and the plan, according to officials ",
        "Ana Ruiz said the plan \"would work\" according to officials and Tom Baker told reporters it was fine, ",
    ] {
        let text = format!("Run-On Sentences\n\n{}\n", unit.repeat(200_000 / unit.len()));
        let imported = import_str(&text, &Options::default()).unwrap();
        passes_check(&imported.toml);
        let claims = &imported.briefing.claims;
        assert!(!claims.is_empty(), "{unit}");
        for c in claims {
            let anchor = c.anchor.as_deref().unwrap_or("");
            assert!(anchor.len() <= 700, "{unit}: anchor of {} bytes", anchor.len());
            assert!(c.text.len() <= 1400, "{unit}: text of {} bytes", c.text.len());
        }
    }
}
