//! The derived index of every briefing in the repository, pinned: claim
//! sections and spans, speakers, subjects, relations both ways, mentions per
//! actor and per section, claims per section. Refactoring `Index::build`
//! must not move a byte of it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use briefing::index::Index;
use briefing::load::parse_briefing;

fn briefing_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "briefings",
        "tests/fixtures",
        "tests/fixtures/reader",
        "tests/fixtures/library",
        "tests/fixtures/annotations",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn describe(index: &Index) -> String {
    let mut s = String::new();
    for c in 0..index.claim_section.len() {
        writeln!(
            s,
            "claim {c}: section {:?} span {:?} speaker {:?} about {:?} related {:?}",
            index.claim_section[c],
            index.claim_span[c],
            index.claim_speaker[c],
            index.claim_about[c],
            index.claim_related[c]
        )
        .unwrap();
    }
    for (a, mentions) in index.actor_mentions.iter().enumerate() {
        let at: Vec<String> = mentions
            .iter()
            .map(|m| format!("{}:{:?}", m.section, m.range))
            .collect();
        writeln!(s, "actor {a}: {}", at.join(" ")).unwrap();
    }
    for (i, (mentions, claims)) in index
        .section_mentions
        .iter()
        .zip(&index.section_claims)
        .enumerate()
    {
        let actors: Vec<usize> = mentions.iter().map(|m| m.actor).collect();
        writeln!(s, "section {i}: mentions {actors:?} claims {claims:?}").unwrap();
    }
    s
}

#[test]
fn the_index_of_every_repository_briefing_is_unchanged() {
    let mut all = String::new();
    let mut indexed = 0;
    for path in briefing_files() {
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        // Some fixtures are invalid on purpose; they have no index to pin.
        let Ok(briefing) = parse_briefing(&path, &source) else {
            writeln!(all, "== {name}: invalid").unwrap();
            continue;
        };
        indexed += 1;
        let index = Index::build(&briefing);
        for (i, c) in briefing.claims.iter().enumerate() {
            assert_eq!(
                index.claim(&c.id).map(|f| briefing.claims[f].id.as_str()),
                Some(c.id.as_str()),
                "{name}: claim {i}"
            );
        }
        writeln!(all, "== {name}\n{}", describe(&index)).unwrap();
    }
    assert!(indexed >= 8, "the fixtures were found ({indexed} indexed)");
    insta::assert_snapshot!(all);
}
