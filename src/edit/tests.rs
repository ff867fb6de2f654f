//! Round trips: load, edit, save, diff against the original.

use std::path::Path;

use super::*;

const SAMPLE: &str = include_str!("../../tests/fixtures/edit-sample.toml");

fn path() -> &'static Path {
    Path::new("edits.toml")
}

fn claim(id: &str, change: ClaimEdit) -> Edit {
    Edit::Claim {
        id: id.into(),
        change,
    }
}

fn actor(id: &str, change: ActorEdit) -> Edit {
    Edit::Actor {
        id: id.into(),
        change,
    }
}

/// The lines that differ, after the longest common head and tail: (removed, added).
fn diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    (own(&a[head..a.len() - tail]), own(&b[head..b.len() - tail]))
}

/// Applies the edit, checks every comment survived and the result loads.
fn edited(edits: &[Edit]) -> String {
    let after = apply_all(path(), SAMPLE, edits).unwrap();
    for comment in SAMPLE.lines().filter_map(|l| l.find('#').map(|at| &l[at..])) {
        assert!(after.contains(comment), "lost comment {comment:?}:\n{after}");
    }
    crate::load::parse_briefing(path(), &after).unwrap();
    after
}

fn assert_diff(edits: &[Edit], removed: &[&str], added: &[&str]) -> String {
    let after = edited(edits);
    let (r, a) = diff(SAMPLE, &after);
    assert_eq!((r, a), (strings(removed), strings(added)), "{after}");
    after
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn setting_the_speaker_changes_that_line_only_and_keeps_its_comment() {
    assert_diff(
        &[claim("bridge", ClaimEdit::Speaker(Some("ana-ruiz".into())))],
        &[r#"speaker = "ruiz-fragment" # the importer's guess"#],
        &[r#"speaker = "ana-ruiz" # the importer's guess"#],
    );
}

#[test]
fn an_unnamed_speaker_removes_the_key_and_a_new_one_goes_after_section() {
    let after = assert_diff(
        &[claim("starts-may", ClaimEdit::Speaker(None))],
        &[r#"speaker = "ana-ruiz""#],
        &[],
    );
    let (removed, added) = diff(
        &after,
        &apply(
            path(),
            &after,
            &claim("starts-may", ClaimEdit::Speaker(Some("tom-bell".into()))),
        )
        .unwrap(),
    );
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(added, [r#"speaker = "tom-bell""#]);
    let again = apply(
        path(),
        &after,
        &claim("starts-may", ClaimEdit::Speaker(Some("ana-ruiz".into()))),
    )
    .unwrap();
    assert_eq!(again, SAMPLE, "a key put back lands where it was");
}

#[test]
fn a_quote_made_a_report_keeps_its_words_as_the_anchor_and_back() {
    let report = assert_diff(
        &[claim("bridge", ClaimEdit::Kind(ClaimKind::Report))],
        &[r#"kind = "quote""#],
        &[r#"kind = "report""#, r#"anchor = "We will build the bridge.""#],
    );
    let back = apply_all(
        path(),
        &report,
        &[claim("bridge", ClaimEdit::Kind(ClaimKind::Quote))],
    )
    .unwrap();
    assert_eq!(back, SAMPLE, "the round trip gives the file back");
    // A paraphrase made a quote quotes its anchor, the words the section holds.
    assert_diff(
        &[claim("starts-may", ClaimEdit::Kind(ClaimKind::Quote))],
        &[
            r#"kind = "paraphrase""#,
            r#"anchor = "the work starts in May""#,
            r#"text = "Work starts in May.""#,
        ],
        &[r#"kind = "quote""#, r#"text = "the work starts in May""#],
    );
}

#[test]
fn kind_date_and_via_change_or_add_one_line_each() {
    assert_diff(
        &[claim("starts-may", ClaimEdit::Kind(ClaimKind::Report))],
        &[r#"kind = "paraphrase""#],
        &[r#"kind = "report""#],
    );
    assert_diff(
        &[claim("starts-may", ClaimEdit::Date(Some("2025-05-02".into())))],
        &[r#"date = "2025-05""#],
        &[r#"date = "2025-05-02""#],
    );
    assert_diff(
        &[claim("starts-may", ClaimEdit::Date(None))],
        &[r#"date = "2025-05""#],
        &[],
    );
    assert_diff(
        &[claim(
            "starts-may",
            ClaimEdit::Via(Some("press conference".into())),
        )],
        &[],
        &[r#"via = "press conference""#],
    );
}

#[test]
fn checking_a_claim_removes_its_doubt() {
    let after = assert_diff(
        &[claim("bridge", ClaimEdit::ClearDoubt)],
        &[r#"doubt = "speaker carried over from the previous paragraph""#],
        &[],
    );
    let b = crate::load::parse_briefing(path(), &after).unwrap();
    assert_eq!(b.claims[0].doubt, None);
}

#[test]
fn deleting_a_claim_removes_it_and_the_links_to_it_and_keeps_the_other_ids() {
    let after = apply(path(), SAMPLE, &claim("bridge", ClaimEdit::Delete)).unwrap();
    // The deleted claim's own comment goes with it; the others stay.
    assert!(!after.contains("# the importer's guess"), "{after}");
    assert!(after.contains("# Bell disagrees.") && after.contains("# The lead has no heading."));
    let b = crate::load::parse_briefing(path(), &after).unwrap();
    let ids: Vec<&str> = b.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["starts-may", "costs-double"]);
    assert!(b.claims[1].related.is_empty());
    assert!(!after.contains("related"), "{after}");
    assert!(!after.contains("We will build the bridge.\""), "{after}");
}

#[test]
fn actor_name_aliases_kind_and_role() {
    assert_diff(
        &[actor("ana-ruiz", ActorEdit::Rename("Ana María Ruiz".into()))],
        &[r#"name = "Ana Ruiz""#],
        &[r#"name = "Ana María Ruiz""#],
    );
    assert_diff(
        &[actor("ana-ruiz", ActorEdit::AddAlias("the minister".into()))],
        &[r#"aliases = ["Ruiz"]"#],
        &[r#"aliases = ["Ruiz", "the minister"]"#],
    );
    assert_diff(
        &[actor("ana-ruiz", ActorEdit::RemoveAlias("Ruiz".into()))],
        &[r#"aliases = ["Ruiz"]"#],
        &[r#"aliases = []"#],
    );
    assert_diff(
        &[actor("tom-bell", ActorEdit::AddAlias("Bell".into()))],
        &[],
        &[r#"aliases = ["Bell"]"#],
    );
    // A role given to an actor without one goes before its aliases.
    let after = edited(&[actor("ruiz-fragment", ActorEdit::Role(Some("Clerk".into())))]);
    assert!(
        after.contains("kind = \"other\"\nrole = \"Clerk\"\naliases = []\n"),
        "{after}"
    );
    assert_diff(
        &[actor("ruiz-fragment", ActorEdit::Kind(ActorKind::Person))],
        &[r#"kind = "other""#],
        &[r#"kind = "person""#],
    );
    assert_diff(
        &[actor("ana-ruiz", ActorEdit::Role(Some("Former minister".into())))],
        &[r#"role = "Minister" # her title at the time"#],
        &[r#"role = "Former minister" # her title at the time"#],
    );
}

#[test]
fn an_alias_already_known_is_not_added_twice() {
    let after = edited(&[actor("ana-ruiz", ActorEdit::AddAlias("ruiz".into()))]);
    assert_eq!(after, SAMPLE);
}

#[test]
fn removing_a_missing_alias_is_refused() {
    let e = apply(
        path(),
        SAMPLE,
        &actor("ana-ruiz", ActorEdit::RemoveAlias("Bell".into())),
    )
    .unwrap_err();
    assert!(e.to_string().contains("has no alias “Bell”"), "{e}");
}

#[test]
fn merging_moves_speaker_and_about_and_combines_the_aliases() {
    let after = edited(&[actor("ruiz-fragment", ActorEdit::MergeInto("ana-ruiz".into()))]);
    let b = crate::load::parse_briefing(path(), &after).unwrap();
    assert!(b.actors.iter().all(|a| a.id != "ruiz-fragment"));
    let ana = b.actors.iter().find(|a| a.id == "ana-ruiz").unwrap();
    assert_eq!(ana.aliases, ["Ruiz", "Ruiz said"]);
    let bridge = &b.claims[0];
    assert_eq!(bridge.id, "bridge");
    assert_eq!(bridge.speaker.as_deref(), Some("ana-ruiz"));
    assert_eq!(bridge.about, ["ana-ruiz", "tom-bell"]);
    // The claim otherwise stays as it was, comment included.
    assert!(
        after.contains("speaker = \"ana-ruiz\" # the importer's guess"),
        "{after}"
    );
}

#[test]
fn merging_into_an_actor_already_in_about_names_it_once() {
    let after = edited(&[actor("ruiz-fragment", ActorEdit::MergeInto("tom-bell".into()))]);
    let b = crate::load::parse_briefing(path(), &after).unwrap();
    assert_eq!(b.claims[0].about, ["tom-bell"]);
    assert_eq!(b.claims[0].speaker.as_deref(), Some("tom-bell"));
}

#[test]
fn merging_into_itself_or_an_unknown_actor_is_refused() {
    let e = apply(
        path(),
        SAMPLE,
        &actor("ana-ruiz", ActorEdit::MergeInto("ana-ruiz".into())),
    )
    .unwrap_err();
    assert!(e.to_string().contains("into itself"), "{e}");
    let e = apply(
        path(),
        SAMPLE,
        &actor("ana-ruiz", ActorEdit::MergeInto("nobody".into())),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "no actor `nobody` in this briefing");
}

#[test]
fn deleting_a_referenced_actor_is_refused_with_the_count() {
    let e = apply(path(), SAMPLE, &actor("ruiz-fragment", ActorEdit::Delete)).unwrap_err();
    let message = e.to_string();
    assert!(message.contains("referred to by 1 claim "), "{message}");
    assert!(message.contains("--merge-into"), "{message}");
    let e = apply(path(), SAMPLE, &actor("tom-bell", ActorEdit::Delete)).unwrap_err();
    assert!(e.to_string().contains("referred to by 2 claims"), "{e}");
}

#[test]
fn deleting_an_unreferenced_actor_removes_its_table() {
    let after = edited(&[actor("unused", ActorEdit::Delete)]);
    let (removed, added) = diff(SAMPLE, &after);
    assert!(added.is_empty(), "{added:?}");
    assert!(removed.contains(&"id = \"unused\"".to_string()), "{removed:?}");
    assert_eq!(removed.len(), 5, "{removed:?}");
}

#[test]
fn section_headings_are_renamed_or_given() {
    assert_diff(
        &[Edit::SectionHeading {
            id: "costs".into(),
            heading: "What it costs".into(),
        }],
        &[r#"heading = "Costs""#],
        &[r#"heading = "What it costs""#],
    );
    let after = edited(&[Edit::SectionHeading {
        id: "lead".into(),
        heading: "Overview".into(),
    }]);
    let b = crate::load::parse_briefing(path(), &after).unwrap();
    assert_eq!(b.sections[0].heading.as_deref(), Some("Overview"));
}

#[test]
fn unknown_ids_are_named() {
    let e = apply(path(), SAMPLE, &claim("nope", ClaimEdit::ClearDoubt)).unwrap_err();
    assert!(matches!(e, EditError::Unknown { what: "claim", .. }), "{e}");
    let e = apply(
        path(),
        SAMPLE,
        &claim("bridge", ClaimEdit::Speaker(Some("x\u{1b}[2J".into()))),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "no actor `x\\u{1b}[2J` in this briefing");
    let e = apply(
        path(),
        SAMPLE,
        &Edit::SectionHeading {
            id: "nope".into(),
            heading: "H".into(),
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("no section `nope`"), "{e}");
}

#[test]
fn a_date_that_does_not_exist_is_refused_by_the_loader() {
    let e = apply(
        path(),
        SAMPLE,
        &claim("bridge", ClaimEdit::Date(Some("2025-02-30".into()))),
    )
    .unwrap_err();
    let EditError::Invalid(diagnostics) = &e else {
        panic!("{e}");
    };
    assert!(e.to_string().contains("February 2025 has 28 days"), "{e}");
    assert!(diagnostics[0].line > 0);
}

#[test]
fn several_edits_apply_in_order_and_are_validated_once() {
    let after = edited(&[
        claim("bridge", ClaimEdit::Speaker(Some("ana-ruiz".into()))),
        claim("bridge", ClaimEdit::ClearDoubt),
        actor("ruiz-fragment", ActorEdit::MergeInto("ana-ruiz".into())),
    ]);
    let b = crate::load::parse_briefing(path(), &after).unwrap();
    assert_eq!(b.actors.len(), 3);
    assert_eq!(b.claims[0].about, ["ana-ruiz", "tom-bell"]);
    assert_eq!(b.claims[0].doubt, None);
    // `about` still names the fragment after the speaker changed: no delete.
    let e = apply_all(
        path(),
        SAMPLE,
        &[
            claim("bridge", ClaimEdit::Speaker(Some("ana-ruiz".into()))),
            actor("ruiz-fragment", ActorEdit::Delete),
        ],
    )
    .unwrap_err();
    assert!(e.to_string().contains("referred to by 1 claim "), "{e}");
}
#[test]
fn adding_an_actor_appends_its_table_after_the_last_actor() {
    let add = Edit::AddActor {
        id: "lea-king".into(),
        name: "Léa King".into(),
        kind: crate::model::ActorKind::Person,
    };
    let both = edited(&[
        add.clone(),
        claim("bridge", ClaimEdit::Speaker(Some("lea-king".into()))),
    ]);
    assert!(
        both.contains(r#"speaker = "lea-king" # the importer's guess"#),
        "{both}"
    );
    let alone = edited(std::slice::from_ref(&add));
    let (removed, added) = diff(SAMPLE, &alone);
    assert!(removed.is_empty(), "{alone}");
    assert_eq!(
        added,
        strings(&[
            "[[actors]]",
            r#"id = "lea-king""#,
            r#"name = "Léa King""#,
            r#"kind = "person""#,
            ""
        ]),
        "{alone}"
    );
    // The new table comes right after the last actor, before the sections' comment.
    let at = alone.find("id = \"lea-king\"").unwrap();
    assert!(at > alone.find("id = \"unused\"").unwrap() && at < alone.find("# The lead").unwrap());
    let (briefing, _) = crate::load::parse_and_index(path(), &alone).unwrap();
    assert!(
        briefing
            .actors
            .iter()
            .any(|a| a.id == "lea-king" && a.name == "Léa King")
    );
}

#[test]
fn adding_an_actor_whose_id_is_taken_is_refused() {
    let add = Edit::AddActor {
        id: "tom-bell".into(),
        name: "Tom Bell".into(),
        kind: crate::model::ActorKind::Person,
    };
    let e = apply(path(), SAMPLE, &add).unwrap_err();
    assert!(e.to_string().contains("already an actor `tom-bell`"), "{e}");
}

mod saving {
    use super::*;
    use std::fs;

    fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("edits.toml");
        fs::write(&file, SAMPLE).unwrap();
        (dir, file)
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    const MAX: u64 = 1 << 20;

    #[test]
    fn save_writes_the_edit_and_leaves_only_the_lock_beside_it() {
        let (dir, file) = setup();
        let edit = claim("bridge", ClaimEdit::ClearDoubt);
        let saved = save(&file, SAMPLE.as_bytes(), std::slice::from_ref(&edit), MAX).unwrap();
        assert!(!saved.reapplied && !saved.unchanged);
        let on_disk = fs::read_to_string(&file).unwrap();
        assert_eq!(on_disk.as_bytes(), saved.bytes);
        assert_eq!(on_disk, apply(&file, SAMPLE, &edit).unwrap());
        assert_eq!(names(dir.path()), [".edits.toml.lock", "edits.toml"]);
    }

    #[test]
    fn a_refused_edit_writes_nothing() {
        let (dir, file) = setup();
        let edits = [
            actor("ruiz-fragment", ActorEdit::Delete),
            claim("bridge", ClaimEdit::Date(Some("2025-13".into()))),
        ];
        for edit in edits {
            assert!(save(&file, SAMPLE.as_bytes(), &[edit], MAX).is_err());
            assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);
        }
        assert_eq!(names(dir.path()), [".edits.toml.lock", "edits.toml"]);
    }

    #[test]
    fn a_change_on_disk_is_detected_and_the_edit_applied_to_the_new_version() {
        let (_dir, file) = setup();
        let theirs = SAMPLE.replace("title = \"Edits\"", "title = \"Edits, revised\"");
        fs::write(&file, &theirs).unwrap();
        let edit = claim("bridge", ClaimEdit::Speaker(Some("ana-ruiz".into())));
        let saved = save(&file, SAMPLE.as_bytes(), &[edit], MAX).unwrap();
        assert!(saved.reapplied);
        let on_disk = fs::read_to_string(&file).unwrap();
        assert!(on_disk.contains("title = \"Edits, revised\""), "{on_disk}");
        assert!(
            on_disk.contains("speaker = \"ana-ruiz\" # the importer's guess"),
            "{on_disk}"
        );
    }

    #[test]
    fn a_change_on_disk_that_the_edit_cannot_follow_is_not_overwritten() {
        let (_dir, file) = setup();
        let theirs = SAMPLE
            .replace("id = \"bridge\"", "id = \"bridge-quote\"")
            .replace("claim = \"bridge\"", "claim = \"bridge-quote\"");
        fs::write(&file, &theirs).unwrap();
        let e = save(
            &file,
            SAMPLE.as_bytes(),
            &[claim("bridge", ClaimEdit::ClearDoubt)],
            MAX,
        )
        .unwrap_err();
        let message = e.to_string();
        assert!(matches!(e, EditError::Conflict { .. }), "{message}");
        assert!(message.contains("changed on disk"), "{message}");
        assert!(message.contains("no claim `bridge`"), "{message}");
        assert_eq!(fs::read_to_string(&file).unwrap(), theirs);
    }

    #[test]
    fn a_byte_order_mark_is_kept() {
        let (_dir, file) = setup();
        let with_bom = format!("\u{FEFF}{SAMPLE}");
        fs::write(&file, &with_bom).unwrap();
        save(
            &file,
            with_bom.as_bytes(),
            &[claim("bridge", ClaimEdit::ClearDoubt)],
            MAX,
        )
        .unwrap();
        let on_disk = fs::read_to_string(&file).unwrap();
        assert!(on_disk.starts_with('\u{FEFF}'));
        assert!(!on_disk.contains("doubt ="));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_not_replaced() {
        let (dir, file) = setup();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let e = save(
            &link,
            SAMPLE.as_bytes(),
            &[claim("bridge", ClaimEdit::ClearDoubt)],
            MAX,
        )
        .unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, file) = setup();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        save(
            &file,
            SAMPLE.as_bytes(),
            &[claim("bridge", ClaimEdit::ClearDoubt)],
            MAX,
        )
        .unwrap();
        assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn restore_puts_the_old_version_back_only_over_the_version_it_expects() {
        let (_dir, file) = setup();
        let edit = claim("bridge", ClaimEdit::ClearDoubt);
        let saved = save(&file, SAMPLE.as_bytes(), &[edit], MAX).unwrap();
        // Undo: back to the original.
        let undone = restore(&file, &saved.bytes, SAMPLE.as_bytes(), MAX).unwrap();
        assert_eq!(fs::read(&file).unwrap(), SAMPLE.as_bytes());
        assert!(!undone.unchanged);
        // Redo, then someone else changes the file: undo refuses and leaves theirs.
        restore(&file, SAMPLE.as_bytes(), &saved.bytes, MAX).unwrap();
        let theirs = String::from_utf8(saved.bytes.clone())
            .unwrap()
            .replace("title = \"Edits\"", "title = \"Theirs\"");
        fs::write(&file, &theirs).unwrap();
        let e = restore(&file, &saved.bytes, SAMPLE.as_bytes(), MAX).unwrap_err();
        assert!(matches!(e, EditError::Conflict { .. }), "{e}");
        assert!(e.to_string().contains("another program changed it"), "{e}");
        assert_eq!(fs::read_to_string(&file).unwrap(), theirs);
    }

    #[test]
    fn restore_never_writes_an_invalid_briefing() {
        let (_dir, file) = setup();
        let broken = SAMPLE.replace("id = \"edits\"", "id = 3");
        let e = restore(&file, SAMPLE.as_bytes(), broken.as_bytes(), MAX).unwrap_err();
        assert!(matches!(e, EditError::Invalid(_)), "{e}");
        assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);
    }
}

mod adding {
    use super::*;
    use crate::model::ClaimKind;

    fn new(section: &str, words: &str, speaker: Option<&str>, kind: ClaimKind) -> NewClaim {
        NewClaim {
            id: "new-claim".into(),
            section: section.into(),
            words: words.into(),
            speaker: speaker.map(str::to_string),
            kind,
            date: None,
            via: None,
        }
    }

    fn add(claim: NewClaim) -> Result<String, EditError> {
        apply(path(), SAMPLE, &Edit::AddClaim(claim))
    }

    #[test]
    fn a_quote_goes_between_the_claims_around_it_in_text_order() {
        let after = assert_diff(
            &[Edit::AddClaim(new(
                "lead",
                "Ruiz said the work",
                Some("ana-ruiz"),
                ClaimKind::Quote,
            ))],
            &[],
            // (The diff aligns the blank line and header of the next claim.)
            &[
                r#"id = "new-claim""#,
                r#"section = "lead""#,
                r#"speaker = "ana-ruiz""#,
                r#"kind = "quote""#,
                r#"text = "Ruiz said the work""#,
                "",
                "[[claims]]",
            ],
        );
        let b = crate::load::parse_briefing(path(), &after).unwrap();
        let ids: Vec<&str> = b.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["bridge", "new-claim", "starts-may", "costs-double"]);
    }

    #[test]
    fn a_report_gets_its_anchor_date_and_via_and_line_breaks_become_spaces() {
        let mut claim = new("lead", "Tom Bell\n said", None, ClaimKind::Report);
        claim.date = Some("2025-05-02".into());
        claim.via = Some("press conference".into());
        let after = add(claim).unwrap();
        let (removed, added) = diff(SAMPLE, &after);
        assert!(removed.is_empty(), "{after}");
        assert_eq!(
            added,
            strings(&[
                "[[claims]]",
                r#"id = "new-claim""#,
                r#"section = "lead""#,
                r#"kind = "report""#,
                r#"anchor = "Tom Bell said""#,
                r#"text = "Tom Bell said""#,
                r#"date = "2025-05-02""#,
                r#"via = "press conference""#,
                "",
            ])
        );
        // Before Bell's own claim, which starts later in the sentence.
        let b = crate::load::parse_briefing(path(), &after).unwrap();
        assert_eq!(b.claims[2].id, "new-claim");
        assert_eq!(b.claims[3].id, "costs-double");
    }

    #[test]
    fn a_claim_in_a_section_without_claims_goes_after_those_of_the_sections_before() {
        let after = add(new(
            "costs",
            "the bridge was too expensive",
            None,
            ClaimKind::Paraphrase,
        ))
        .unwrap();
        let b = crate::load::parse_briefing(path(), &after).unwrap();
        assert_eq!(b.claims.last().unwrap().id, "new-claim");
        assert!(after.starts_with(SAMPLE.trim_end()), "{after}");
        assert!(
            after.ends_with("text = \"the bridge was too expensive\"\n"),
            "{after}"
        );
    }

    #[test]
    fn typography_may_differ_but_the_words_must_be_in_the_section() {
        // Straight quotes and doubled spaces still find “We will build the bridge.”
        add(new("lead", "\"We will  build", None, ClaimKind::Quote)).unwrap();
        let e = add(new("costs", "We will build", None, ClaimKind::Quote)).unwrap_err();
        assert!(
            e.to_string()
                .contains("“We will build” is not in the text of section `costs`"),
            "{e}"
        );
        let e = add(new("lead", " \n ", None, ClaimKind::Quote)).unwrap_err();
        assert!(e.to_string().contains("none were given"), "{e}");
    }

    #[test]
    fn unknown_speakers_sections_and_taken_ids_are_refused() {
        let e = add(new("lead", "Tom Bell", Some("nobody"), ClaimKind::Quote)).unwrap_err();
        assert_eq!(e.to_string(), "no actor `nobody` in this briefing");
        let e = add(new("nowhere", "Tom Bell", None, ClaimKind::Quote)).unwrap_err();
        assert_eq!(e.to_string(), "no section `nowhere` in this briefing");
        let mut taken = new("lead", "Tom Bell", None, ClaimKind::Quote);
        taken.id = "bridge".into();
        assert!(
            add(taken)
                .unwrap_err()
                .to_string()
                .contains("a claim `bridge` exists already")
        );
        let mut bad = new("lead", "Tom Bell", None, ClaimKind::Quote);
        bad.id = "Bad Id\u{1b}".into();
        let e = add(bad).unwrap_err().to_string();
        assert!(e.contains("`Bad Id\\u{1b}` is not an id"), "{e}");
        let mut date = new("lead", "Tom Bell", None, ClaimKind::Quote);
        date.date = Some("2025-02-30".into());
        assert!(matches!(add(date), Err(EditError::Invalid(_))));
    }

    #[test]
    fn the_id_is_derived_as_the_importer_does_and_made_unique() {
        let b = crate::load::parse_briefing(path(), SAMPLE).unwrap();
        assert_eq!(
            claim_id_for(&b, "We will build the bridge.", id_speaker(&b, "ana-ruiz")),
            "ruiz-we-will-build-bridge"
        );
        assert_eq!(claim_id_for(&b, "costs would double", None), "costs-would-double");
        let mut with_bridge = b.clone();
        with_bridge.claims[0].id = "costs-would-double".into();
        assert_eq!(
            claim_id_for(&with_bridge, "costs would double", None),
            "costs-would-double-2"
        );
    }

    #[test]
    fn a_file_with_crlf_lines_gets_crlf_new_lines() {
        let crlf = SAMPLE.replace('\n', "\r\n");
        let after = apply_all(
            path(),
            &crlf,
            &[
                claim("bridge", ClaimEdit::Date(Some("2025-01".into()))),
                Edit::AddClaim(new("lead", "Tom Bell", None, ClaimKind::Quote)),
            ],
        )
        .unwrap();
        assert!(after.contains("date = \"2025-01\"\r\n"), "{after:?}");
        assert_eq!(
            after.matches('\n').count(),
            after.matches("\r\n").count(),
            "{after:?}"
        );
        // A file mixing both is left as it is.
        let mixed = SAMPLE.replacen('\n', "\r\n", 1);
        let after = apply(
            path(),
            &mixed,
            &claim("bridge", ClaimEdit::Date(Some("2025-01".into()))),
        )
        .unwrap();
        assert!(after.contains("date = \"2025-01\"\n"), "{after:?}");
    }

    #[test]
    fn a_merged_actor_gives_its_role_and_kind_to_a_target_without_them() {
        let merge = actor("ana-ruiz", ActorEdit::MergeInto("ruiz-fragment".into()));
        let after = apply(path(), SAMPLE, &merge).unwrap();
        let b = crate::load::parse_briefing(path(), &after).unwrap();
        let target = b.actors.iter().find(|a| a.id == "ruiz-fragment").unwrap();
        assert_eq!(target.role.as_deref(), Some("Minister"));
        assert_eq!(target.kind, crate::model::ActorKind::Person);
        assert_eq!(target.aliases, ["Ana Ruiz", "Ruiz"]);
        assert!(
            after.contains("name = \"Ruiz said\"\nkind = \"person\"\nrole = \"Minister\"\naliases"),
            "{after}"
        );
        // A target with its own role and a kind other than `other` keeps them.
        let after = edited(&[actor("ruiz-fragment", ActorEdit::MergeInto("tom-bell".into()))]);
        let b = crate::load::parse_briefing(path(), &after).unwrap();
        let tom = b.actors.iter().find(|a| a.id == "tom-bell").unwrap();
        assert_eq!(
            (tom.role.as_deref(), tom.kind),
            (None, crate::model::ActorKind::Person)
        );
        let after = apply(
            path(),
            SAMPLE,
            &actor("tom-bell", ActorEdit::MergeInto("ana-ruiz".into())),
        )
        .unwrap();
        assert!(
            after.contains("role = \"Minister\" # her title at the time"),
            "{after}"
        );
    }
}
