//! Small articles, one per pattern, each with the result it should give
//! (`tests/fixtures/import/NAME.expect.toml`).

use std::path::{Path, PathBuf};

use briefing::import::{Options, import_bytes};
use briefing::load::parse_briefing;
use briefing::model::{Briefing, ClaimKind};
use briefing::text::fold;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    title: String,
    publisher: Option<String>,
    published: Option<String>,
    note_contains: Option<String>,
    /// Section headings in order, "" for the lead.
    headings: Vec<String>,
    #[serde(default)]
    text_contains: Vec<String>,
    #[serde(default)]
    text_lacks: Vec<String>,
    #[serde(default)]
    no_actors: Vec<String>,
    claim_count: Option<usize>,
    #[serde(default)]
    actors: Vec<ExpectActor>,
    #[serde(default)]
    claims: Vec<ExpectClaim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectActor {
    name: String,
    kind: String,
    role: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectClaim {
    kind: String,
    /// Part of the quote, or of the anchor for other kinds.
    text: String,
    /// Speaker's name; "" for an unnamed source.
    speaker: Option<String>,
    /// The claim's date; "" when it must have none.
    date: Option<String>,
    via: Option<String>,
    /// Part of the claim's `doubt`; "" when the claim must carry none.
    doubt: Option<String>,
    /// The claim's whole `text`, exactly.
    says: Option<String>,
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    files
}

fn import(path: &Path) -> (Briefing, String) {
    let options = Options {
        source_name: path.file_stem().map(|s| s.to_string_lossy().into_owned()),
        markdown: path.extension().is_some_and(|e| e == "md"),
        ..Default::default()
    };
    let imported = import_bytes(&std::fs::read(path).unwrap(), &options)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (imported.briefing, imported.toml)
}

fn check(path: &Path, expect: &Expect) -> Vec<String> {
    let (b, toml) = import(path);
    let mut problems = Vec::new();
    let mut fail = |m: String| problems.push(m);
    // The written TOML passes the loader's checks on its own.
    if let Err(d) = parse_briefing(Path::new("fixture.toml"), &toml) {
        fail(format!(
            "TOML does not pass the check: {:?}",
            d.iter().map(|d| d.headline()).collect::<Vec<_>>()
        ));
    }
    if b.title != expect.title {
        fail(format!("title {:?}", b.title));
    }
    if let Some(p) = &expect.publisher
        && &b.publisher != p
    {
        fail(format!("publisher {:?}", b.publisher));
    }
    if let Some(p) = &expect.published
        && b.published.map(|d| d.to_string()).as_ref() != Some(p)
    {
        fail(format!("published {:?}", b.published));
    }
    if let Some(n) = &expect.note_contains
        && !b.note.as_deref().is_some_and(|note| note.contains(n.as_str()))
    {
        fail(format!("note {:?}", b.note));
    }
    let headings: Vec<String> = b
        .sections
        .iter()
        .map(|s| s.heading.clone().unwrap_or_default())
        .collect();
    if headings != expect.headings {
        fail(format!("headings {headings:?}"));
    }
    let all_text: String = b
        .sections
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    for t in &expect.text_contains {
        if !all_text.contains(t.as_str()) {
            fail(format!("text lacks {t:?}"));
        }
    }
    for t in &expect.text_lacks {
        if all_text.contains(t.as_str()) {
            fail(format!("text contains {t:?}"));
        }
    }
    for n in &expect.no_actors {
        if b.actors.iter().any(|a| a.surface_forms().any(|f| f == n)) {
            fail(format!("{n:?} should not be an actor"));
        }
    }
    for e in &expect.actors {
        let Some(a) = b.actors.iter().find(|a| fold(&a.name) == fold(&e.name)) else {
            fail(format!("actor {:?} not found", e.name));
            continue;
        };
        if a.kind.as_str() != e.kind {
            fail(format!("{}: kind {}", e.name, a.kind));
        }
        if let Some(r) = &e.role
            && a.role.as_deref().map(fold) != Some(fold(r))
        {
            fail(format!("{}: role {:?}", e.name, a.role));
        }
        for alias in &e.aliases {
            if !a.aliases.contains(alias) {
                fail(format!(
                    "{}: alias {alias:?} missing from {:?}",
                    e.name, a.aliases
                ));
            }
        }
    }
    if let Some(n) = expect.claim_count
        && b.claims.len() != n
    {
        fail(format!("{} claims, expected {n}", b.claims.len()));
    }
    for e in &expect.claims {
        let hit = b.claims.iter().find(|c| {
            let locator = match c.kind {
                ClaimKind::Quote => c.text.as_str(),
                _ => c.anchor.as_deref().unwrap_or_default(),
            };
            c.kind.as_str() == e.kind && fold(locator).contains(&fold(&e.text))
        });
        let Some(c) = hit else {
            fail(format!("{} {:?} not found", e.kind, e.text));
            continue;
        };
        if let Some(s) = &e.speaker {
            let name = c
                .speaker
                .as_ref()
                .and_then(|id| b.actors.iter().find(|a| &a.id == id))
                .map(|a| a.name.clone())
                .unwrap_or_default();
            if &name != s {
                fail(format!("{:?}: speaker {name:?}, expected {s:?}", e.text));
            }
        }
        if let Some(d) = &e.date
            && &c.date.map(|d| d.to_string()).unwrap_or_default() != d
        {
            fail(format!("{:?}: date {:?}", e.text, c.date));
        }
        if let Some(v) = &e.via
            && c.via.as_deref() != Some(v.as_str())
        {
            fail(format!("{:?}: via {:?}", e.text, c.via));
        }
        if let Some(says) = &e.says
            && &c.text != says
        {
            fail(format!("{:?}: text {:?}", e.text, c.text));
        }
        match (e.doubt.as_deref(), c.doubt.as_deref()) {
            (Some(""), Some(d)) => fail(format!("{:?}: unexpected doubt {d:?}", e.text)),
            (Some(want), got) if !want.is_empty() && !got.is_some_and(|d| d.contains(want)) => {
                fail(format!("{:?}: doubt {got:?}, expected {want:?}", e.text))
            }
            _ => {}
        }
    }
    problems
}

#[test]
fn every_fixture_gives_its_expected_result() {
    let files = fixtures();
    assert!(files.len() >= 7, "fixtures: {files:?}");
    let mut report = Vec::new();
    for path in &files {
        let expect_path = path.with_extension("expect.toml");
        let expect: Expect = toml::from_str(
            &std::fs::read_to_string(&expect_path)
                .unwrap_or_else(|e| panic!("{}: {e}", expect_path.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
        for p in check(path, &expect) {
            report.push(format!("{}: {p}", path.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

#[test]
fn imports_are_stable() {
    for path in fixtures() {
        let (_, a) = import(&path);
        let (_, b) = import(&path);
        assert_eq!(a, b, "{}", path.display());
    }
}
