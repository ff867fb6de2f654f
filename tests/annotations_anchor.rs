//! Re-anchoring annotations after the briefing was edited: anchored, stale,
//! moved (exact and approximate quote) and orphaned, from fixture briefings.

use std::fs;
use std::path::{Path, PathBuf};

use briefing::annotations::{AnchorState, AnnotationStore, Credibility, Draft, Filter};
use briefing::load::{LoadedBriefing, load_file};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/annotations")
        .join(name)
}

fn load(name: &str) -> LoadedBriefing {
    load_file(&fixture(name)).unwrap_or_else(|d| panic!("{name}: {d:?}"))
}

fn claim(loaded: &LoadedBriefing, id: &str) -> usize {
    loaded.index.claim(id).unwrap_or_else(|| panic!("no claim {id}"))
}

fn draft(credibility: u8, note: &str) -> Draft {
    Draft {
        credibility: Credibility::from_number(credibility.into()),
        note: note.into(),
        tags: vec!["fixture".into()],
    }
}

/// Annotates every claim of the original briefing, then opens the store
/// against the edited one.
fn annotated_then_edited(dir: &Path) -> (LoadedBriefing, AnnotationStore) {
    let original = load("original.toml");
    let mut store = AnnotationStore::open(dir, &original);
    for (i, c) in original.briefing.claims.iter().enumerate() {
        store
            .save(&original, i, None, draft(2, &format!("note on {}", c.id)))
            .unwrap();
    }
    assert_eq!(store.annotations().len(), 5);
    assert!(
        store
            .annotations()
            .iter()
            .all(|p| p.state == AnchorState::Anchored)
    );
    let edited = load("edited.toml");
    let store = AnnotationStore::open(dir, &edited);
    assert!(store.errors().is_empty(), "{:?}", store.errors());
    (edited, store)
}

fn state_of<'a>(store: &'a AnnotationStore, note_on: &str) -> &'a briefing::annotations::Placed {
    store
        .annotations()
        .iter()
        .find(|p| p.annotation.note == format!("note on {note_on}"))
        .unwrap_or_else(|| panic!("no annotation on {note_on}"))
}

#[test]
fn each_state_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (edited, store) = annotated_then_edited(dir.path());

    let p = state_of(&store, "not-back-down");
    assert_eq!(p.state, AnchorState::Anchored);
    assert_eq!(p.claim, Some(claim(&edited, "not-back-down")));

    let p = state_of(&store, "exports-doubled");
    assert_eq!(p.state, AnchorState::Stale, "the claim's text changed");
    assert_eq!(p.claim, Some(claim(&edited, "exports-doubled")));

    let p = state_of(&store, "stolen");
    assert_eq!(p.state, AnchorState::Moved);
    assert_eq!(
        p.claim,
        Some(claim(&edited, "vote-stolen")),
        "renamed claim, same words"
    );
    assert_eq!(p.found.as_ref().map(|f| f.edits), Some(0));

    let p = state_of(&store, "figures-unverified");
    assert_eq!(p.state, AnchorState::Moved);
    assert_eq!(
        p.claim,
        Some(claim(&edited, "figures-doubted")),
        "reworded quote found approximately, inside the claim now covering it"
    );
    let found = p.found.as_ref().unwrap();
    assert!(found.edits > 0 && found.edits <= 5, "{found:?}");
    let section = &edited.briefing.sections[found.section].text;
    assert!(section[found.range.clone()].contains("anybody outside the ministry"));

    let p = state_of(&store, "long-queues");
    assert_eq!(p.state, AnchorState::Orphaned);
    assert_eq!(p.claim, None);
    assert_eq!(p.annotation.claim, "long-queues");
    assert_eq!(
        p.annotation.anchor.exact, "long queues at polling stations across the capital",
        "the orphan keeps its quote for the Orphans view"
    );

    let orphans: Vec<_> = store.orphans().collect();
    assert_eq!(orphans.len(), 1);
    // Lookups by claim index follow the current briefing.
    assert!(store.is_annotated(claim(&edited, "vote-stolen")));
    assert_eq!(
        store.filter(
            &edited.index.claims_in_reading_order(),
            &Filter::State(AnchorState::Stale)
        ),
        vec![claim(&edited, "exports-doubled")]
    );
}

#[test]
fn orphans_are_never_deleted_and_can_be_reattached() {
    let dir = tempfile::tempdir().unwrap();
    let (edited, mut store) = annotated_then_edited(dir.path());
    // Saving something else keeps the orphan in the file.
    let c = claim(&edited, "not-back-down");
    store.save(&edited, c, None, draft(1, "confirmed later")).unwrap();
    assert_eq!(store.orphans().count(), 1);
    let again = AnnotationStore::open(dir.path(), &edited);
    assert_eq!(again.orphans().count(), 1);
    assert_eq!(again.annotations().len(), 5);

    let orphan = store.orphans().next().unwrap().annotation.id;
    let target = claim(&edited, "vote-stolen");
    store.reattach(&edited, orphan, target).unwrap();
    assert_eq!(store.orphans().count(), 0);
    let p = store.get(orphan).unwrap();
    assert_eq!((p.state, p.claim), (AnchorState::Anchored, Some(target)));
    assert_eq!(p.annotation.claim, "vote-stolen");
    // Two annotations now sit on that claim; the newest is the one shown.
    assert_eq!(store.all_for_claim(target).count(), 2);
    assert_eq!(store.for_claim(target).unwrap().annotation.id, orphan);
}

#[test]
fn saving_a_stale_annotation_re_anchors_it() {
    let dir = tempfile::tempdir().unwrap();
    let (edited, mut store) = annotated_then_edited(dir.path());
    let c = claim(&edited, "exports-doubled");
    let p = store.for_claim(c).unwrap();
    assert_eq!(p.state, AnchorState::Stale);
    let id = p.annotation.id;
    let mut d = Draft::from(&p.annotation);
    d.note.push_str("\nChecked against the new wording.");
    store.save(&edited, c, Some(id), d).unwrap();
    let p = store.for_claim(c).unwrap();
    assert_eq!((p.annotation.id, p.state), (id, AnchorState::Anchored));
    assert!(p.annotation.anchor.exact.contains("risen by half"));
}

#[test]
fn briefing_files_are_never_written() {
    let before: Vec<Vec<u8>> = ["original.toml", "edited.toml"]
        .iter()
        .map(|f| fs::read(fixture(f)).unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let (edited, mut store) = annotated_then_edited(dir.path());
    store.delete_claim(&edited, 0).unwrap();
    let after: Vec<Vec<u8>> = ["original.toml", "edited.toml"]
        .iter()
        .map(|f| fs::read(fixture(f)).unwrap())
        .collect();
    assert_eq!(before, after);
    // Only the sidecar, its backup and its lock are in the annotations folder.
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "anchor-fixture.toml",
            "anchor-fixture.toml.bak",
            "anchor-fixture.toml.lock"
        ]
    );
}

#[test]
fn reloading_against_another_version_re_anchors_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let (edited, mut store) = annotated_then_edited(dir.path());
    let direct: Vec<_> = store
        .annotations()
        .iter()
        .map(|p| briefing::annotations::anchor::resolve(&edited, &p.annotation).state)
        .collect();
    let cached: Vec<_> = store.annotations().iter().map(|p| p.state).collect();
    assert_eq!(direct, cached);

    // The same store (and its cache of found quotes) used with the original text...
    let original = load("original.toml");
    store.reload(&original);
    assert!(
        store
            .annotations()
            .iter()
            .all(|p| p.state == AnchorState::Anchored)
    );
    // ...and with the edited one again.
    store.reload(&edited);
    let again: Vec<_> = store.annotations().iter().map(|p| p.state).collect();
    assert_eq!(again, cached);
}
