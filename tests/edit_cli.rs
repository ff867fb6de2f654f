//! `briefing edit` through the real binary: the file changes only where asked,
//! refusals write nothing and exit 1, `readonly` turns editing off.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::cli::{isolated, stderr, stdout};

const SAMPLE: &str = include_str!("fixtures/edit-sample.toml");

/// A folder with `briefings/edits.toml` and a config pointing at it.
fn setup(extra_config: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("briefings")).unwrap();
    let file = dir.path().join("briefings/edits.toml");
    fs::write(&file, SAMPLE).unwrap();
    let config = format!("briefings_dir = \"briefings\"\nannotations_dir = \"notes\"\n{extra_config}");
    fs::write(dir.path().join("config.toml"), config).unwrap();
    (dir, file)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    isolated(dir)
        .arg("--config")
        .arg(dir.join("config.toml"))
        .args(args)
        .output()
        .unwrap()
}

fn changed_lines(after: &str) -> Vec<(String, String)> {
    SAMPLE
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn fixing_a_speaker_by_id_changes_only_that_claim_and_check_passes() {
    let (dir, file) = setup("");
    let o = run(
        dir.path(),
        &[
            "edit",
            "edits",
            "claim",
            "bridge",
            "--speaker",
            "ana-ruiz",
            "--checked",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("claim `bridge`: speaker set to `ana-ruiz`"), "{out}");
    assert!(out.contains("claim `bridge`: doubt cleared"), "{out}");
    let after = fs::read_to_string(&file).unwrap();
    assert_eq!(after.lines().count(), SAMPLE.lines().count() - 1);
    assert!(!after.contains("doubt ="));
    let without_doubt: String = SAMPLE
        .lines()
        .filter(|l| !l.starts_with("doubt ="))
        .map(|l| format!("{l}\n"))
        .collect();
    let expected = without_doubt.replace(
        "speaker = \"ruiz-fragment\" # the importer's guess",
        "speaker = \"ana-ruiz\" # the importer's guess",
    );
    assert_eq!(after, expected);
    let check = run(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn a_path_works_as_well_as_an_id() {
    let (dir, file) = setup("");
    let o = run(
        dir.path(),
        &[
            "edit",
            "briefings/edits.toml",
            "section",
            "costs",
            "--heading",
            "What it costs",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let after = fs::read_to_string(&file).unwrap();
    assert_eq!(
        changed_lines(&after),
        [(
            "heading = \"Costs\"".to_string(),
            "heading = \"What it costs\"".to_string()
        )]
    );
}

#[test]
fn refusals_exit_1_say_why_and_write_nothing() {
    let (dir, file) = setup("");
    let cases: [(&[&str], &str); 4] = [
        (&["actor", "ruiz-fragment", "--delete"], "referred to by 1 claim"),
        (
            &["claim", "starts-may", "--date", "2025-02-29"],
            "February 2025 has 28 days",
        ),
        (&["claim", "nope", "--checked"], "no claim `nope`"),
        (
            &["claim", "bridge", "--speaker", "nob\u{1b}[2Jody"],
            "no actor `nob\\u{1b}[2Jody`",
        ),
    ];
    for (args, why) in cases {
        let o = run(dir.path(), &[&["edit", "edits"], args].concat());
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(why), "{args:?}: {err}");
        assert!(err.contains("nothing was changed"), "{err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
        assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE, "{args:?}");
    }
}

#[test]
fn readonly_in_the_config_or_as_a_flag_turns_editing_off() {
    for (config, flag) in [("readonly = true\n", None), ("", Some("--readonly"))] {
        let (dir, file) = setup(config);
        let mut args = vec!["edit", "edits", "claim", "bridge", "--checked"];
        args.extend(flag);
        let o = run(dir.path(), &args);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("editing is turned off"), "{}", stderr(&o));
        assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);
    }
}

#[test]
fn merging_an_actor_moves_its_claims_aliases_and_source_grade() {
    let (dir, file) = setup("");
    let grade = run(
        dir.path(),
        &[
            "annotate",
            "edits",
            "--actor",
            "ruiz-fragment",
            "--reliability",
            "B",
            "--note",
            "checked",
        ],
    );
    assert!(grade.status.success(), "{}", stderr(&grade));
    let o = run(
        dir.path(),
        &[
            "edit",
            "edits",
            "actor",
            "ruiz-fragment",
            "--merge-into",
            "ana-ruiz",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("now belongs to `ana-ruiz`"), "{}", stderr(&o));
    let after = fs::read_to_string(&file).unwrap();
    assert!(!after.contains("ruiz-fragment"), "{after}");
    assert!(after.contains("aliases = [\"Ruiz\", \"Ruiz said\"]"), "{after}");
    assert!(after.contains("about = [\"ana-ruiz\", \"tom-bell\"]"), "{after}");
    let sidecar = fs::read_to_string(dir.path().join("notes/edits.toml")).unwrap();
    assert!(sidecar.contains("actor = \"ana-ruiz\""), "{sidecar}");
    assert!(!sidecar.contains("ruiz-fragment"), "{sidecar}");
    assert!(run(dir.path(), &["check"]).status.success());
}

#[test]
fn an_edit_needs_something_to_change() {
    let (dir, _file) = setup("");
    let o = run(dir.path(), &["edit", "edits", "claim", "bridge"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("required"), "{}", stderr(&o));
}

/// `briefing edit` killed (SIGKILL) at random moments: the briefing is always
/// the old version or the new one, whole, and the next edit clears what a
/// killed writer left behind.
#[test]
fn an_edit_killed_at_random_never_leaves_a_torn_briefing() {
    let (dir, file) = setup("");
    // A long comment block makes each write take a while, so kills land mid-save.
    let padding: String = (0..40_000).map(|i| format!("# padding line {i:06}\n")).collect();
    let original = format!("{SAMPLE}{padding}");
    fs::write(&file, &original).unwrap();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut random = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let kinds = ["report", "paraphrase"];
    let mut interrupted = 0;
    for round in 0..30 {
        let mut child = isolated(dir.path())
            .arg("--config")
            .arg(dir.path().join("config.toml"))
            .args(["edit", "edits", "claim", "starts-may", "--kind", kinds[round % 2]])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(random(60_000)));
        let _ = child.kill();
        child.wait().unwrap();
        let text = fs::read_to_string(&file).unwrap();
        let b = briefing::load::parse_briefing(&file, &text)
            .unwrap_or_else(|d| panic!("torn briefing after round {round}: {d:?}"));
        assert!(text.ends_with(&padding), "round {round}: the tail is cut");
        assert_eq!(b.claims.len(), 3);
        interrupted += usize::from(
            fs::read_dir(dir.path().join("briefings"))
                .unwrap()
                .any(|e| e.unwrap().file_name().to_string_lossy().contains(".tmp-edit-")),
        );
    }
    eprintln!("{interrupted} of 30 kills left a temporary file (a save cut short)");
    let o = run(
        dir.path(),
        &["edit", "edits", "claim", "starts-may", "--kind", "report"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<String> = fs::read_dir(dir.path().join("briefings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".edits.toml.lock", "edits.toml"]);
    let text = fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.replace(
            "kind = \"report\"\nanchor = \"the work",
            "kind = \"paraphrase\"\nanchor = \"the work"
        ),
        original
    );
}

#[test]
fn add_claim_inserts_one_table_with_a_derived_id_and_check_passes() {
    let (dir, file) = setup("");
    let args = [
        "edit",
        "edits",
        "add-claim",
        "--section",
        "lead",
        "--text",
        "costs would\n double",
        "--speaker",
        "tom-bell",
        "--kind",
        "quote",
        "--date",
        "2025-05",
    ];
    let o = run(dir.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(
            "claim `bell-costs-would-double` added (quote, speaker `tom-bell`): “costs would double”"
        ),
        "{out}"
    );
    let after = fs::read_to_string(&file).unwrap();
    let added = "[[claims]]\nid = \"bell-costs-would-double\"\nsection = \"lead\"\nspeaker = \"tom-bell\"\nkind = \"quote\"\ntext = \"costs would double\"\ndate = \"2025-05\"\n";
    // In text order: after Bell's report on the same words, the last claim of the lead.
    let expected = format!("{SAMPLE}\n{added}");
    assert_eq!(after, expected);
    let check = run(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    // The same words again get the next id.
    let o = run(dir.path(), &args);
    assert!(
        stdout(&o).contains("`bell-costs-would-double-2` added"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn add_claim_refuses_words_outside_the_text_and_unknown_speakers() {
    let (dir, file) = setup("");
    for (section, text, speaker, why) in [
        (
            "lead",
            "costs would triple",
            "tom-bell",
            "is not in the text of section `lead`",
        ),
        (
            "costs",
            "Ana Ruiz said",
            "tom-bell",
            "is not in the text of section `costs`",
        ),
        (
            "lead",
            "costs would double",
            "nobody",
            "no actor `nobody` in this briefing",
        ),
    ] {
        let o = run(
            dir.path(),
            &[
                "edit",
                "edits",
                "add-claim",
                "--section",
                section,
                "--text",
                text,
                "--speaker",
                speaker,
                "--kind",
                "report",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        assert!(stderr(&o).contains("nothing was changed"), "{}", stderr(&o));
        assert!(stderr(&o).contains(why), "{}", stderr(&o));
        assert_eq!(fs::read_to_string(&file).unwrap(), SAMPLE);
    }
    // A speaker or --unnamed is required.
    let o = run(
        dir.path(),
        &[
            "edit",
            "edits",
            "add-claim",
            "--section",
            "lead",
            "--text",
            "Tom Bell",
            "--kind",
            "quote",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_new_actor_is_added_with_its_role_and_aliases_then_can_be_the_speaker() {
    let (dir, file) = setup("");
    let o = run(
        dir.path(),
        &[
            "edit",
            "edits",
            "actor",
            "lea-king",
            "--new",
            "--name",
            "Léa King",
            "--role",
            "Mayor",
            "--add-alias",
            "King",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("actor `lea-king` added: “Léa King” (person)"),
        "{}",
        stdout(&o)
    );
    let after = fs::read_to_string(&file).unwrap();
    let table = "[[actors]]\nid = \"lea-king\"\nname = \"Léa King\"\nkind = \"person\"\nrole = \"Mayor\"\naliases = [\"King\"]\n\n";
    assert!(after.contains(table), "{after}");
    // Nothing else changed.
    assert_eq!(after.replacen(table, "", 1), SAMPLE);
    let o = run(
        dir.path(),
        &["edit", "edits", "claim", "bridge", "--speaker", "lea-king"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(run(dir.path(), &["check"]).status.success());
    // The same id again is refused; without a name, clap says so.
    let o = run(
        dir.path(),
        &["edit", "edits", "actor", "lea-king", "--new", "--name", "Lea"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("already an actor `lea-king`"),
        "{}",
        stderr(&o)
    );
    let o = run(dir.path(), &["edit", "edits", "actor", "x", "--new"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
