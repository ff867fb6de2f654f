//! The user's identity decisions, kept in `_library.toml` in the annotations
//! folder so they travel with the annotations. (The leading `_` keeps the file
//! apart from sidecars: it is never a briefing id.)

use std::io::Write;
use std::path::{Path, PathBuf};

use super::identity::Decisions;
use crate::diagnostic::Diagnostic;

pub const DECISIONS_FILE: &str = "_library.toml";

const HEADER: &str = "\
# Who is who across briefings: decisions that override matching by name.
# Written by `briefing actors --merge/--split`; safe to edit by hand.
# [[merge]] actors = [names or \"briefing-id/actor-id\", ...]: one identity.
# [[split]] actor = \"briefing-id/actor-id\": kept apart from every other.

";

pub fn decisions_path(annotations: &Path) -> PathBuf {
    annotations.join(DECISIONS_FILE)
}

/// Reads the decisions; a missing file means none. A broken file is an error
/// with its line and column (and matching by name still works without it).
pub fn load_decisions(annotations: &Path) -> Result<Decisions, Diagnostic> {
    let path = decisions_path(annotations);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Decisions::default()),
        Err(e) => return Err(Diagnostic::whole_file(&path, format!("cannot read file: {e}"))),
    };
    let source = crate::load::decode(&path, &bytes).map_err(|mut d| d.remove(0))?;
    toml::from_str(&source).map_err(|e| {
        Diagnostic::at_span(
            &path,
            &source,
            e.span(),
            e.message().trim_end().replace('\n', " "),
        )
    })
}

/// Writes the decisions atomically: a temporary file in the same folder,
/// flushed, then renamed over the old one.
pub fn save_decisions(annotations: &Path, decisions: &Decisions) -> std::io::Result<()> {
    std::fs::create_dir_all(annotations)?;
    let path = decisions_path(annotations);
    let body = toml::to_string_pretty(decisions).map_err(std::io::Error::other)?;
    let temp = annotations.join(format!(".{DECISIONS_FILE}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(HEADER.as_bytes())?;
        file.write_all(body.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

impl Decisions {
    /// Makes one identity of `actors` (names or `briefing-id/actor-id`).
    pub fn merge(&mut self, actors: Vec<String>) {
        let merge = super::identity::Merge { actors };
        if merge.actors.len() > 1 && !self.merges.contains(&merge) {
            self.merges.push(merge);
        }
    }

    /// Keeps `actor` (`briefing-id/actor-id`) apart from every other: it is also
    /// taken out of the merges that name it by id.
    pub fn split(&mut self, actor: &str) {
        for merge in &mut self.merges {
            merge.actors.retain(|a| a != actor);
        }
        self.merges.retain(|m| m.actors.len() > 1);
        if !self.splits.iter().any(|s| s.actor == actor) {
            self.splits.push(super::identity::Split {
                actor: actor.to_string(),
            });
        }
    }
}

/// Reads the decisions, applies `change` and writes them back atomically. A
/// file that cannot be read is left as it is, and the error says why (one line).
pub fn change_decisions(annotations: &Path, change: impl FnOnce(&mut Decisions)) -> Result<(), String> {
    let mut decisions = load_decisions(annotations).map_err(|d| d.to_string())?;
    change(&mut decisions);
    save_decisions(annotations, &decisions).map_err(|e| {
        format!(
            "cannot save {}: {e}",
            crate::text::escape(&decisions_path(annotations).display().to_string())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::identity::{Merge, Split};

    #[test]
    fn decisions_round_trip_and_missing_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load_decisions(dir.path()).unwrap(), Decisions::default());
        let decisions = Decisions {
            merges: vec![Merge {
                actors: vec!["Vladimir Putin".into(), "b/pres".into()],
            }],
            splits: vec![Split {
                actor: "d/washington".into(),
            }],
        };
        save_decisions(dir.path(), &decisions).unwrap();
        assert_eq!(load_decisions(dir.path()).unwrap(), decisions);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(
            names,
            vec![DECISIONS_FILE.to_string()],
            "no temporary file is left"
        );
    }

    #[test]
    fn a_split_takes_the_actor_out_of_merges_by_id_and_a_broken_file_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        change_decisions(dir.path(), |d| d.merge(vec!["a/x".into(), "b/y".into()])).unwrap();
        change_decisions(dir.path(), |d| d.merge(vec!["a/x".into(), "b/y".into()])).unwrap();
        let d = load_decisions(dir.path()).unwrap();
        assert_eq!(d.merges.len(), 1, "the same merge is recorded once");
        change_decisions(dir.path(), |d| d.split("b/y")).unwrap();
        let d = load_decisions(dir.path()).unwrap();
        assert!(d.merges.is_empty(), "{d:?}");
        assert_eq!(d.splits, vec![Split { actor: "b/y".into() }]);
        std::fs::write(decisions_path(dir.path()), "[[merge]\n").unwrap();
        let err = change_decisions(dir.path(), |d| d.split("c/z")).unwrap_err();
        assert!(err.contains(DECISIONS_FILE), "{err}");
        let kept = std::fs::read_to_string(decisions_path(dir.path())).unwrap();
        assert_eq!(kept, "[[merge]\n", "a broken file is not overwritten");
    }

    #[test]
    fn a_broken_file_says_where() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(decisions_path(dir.path()), "[[merge]]\nactors = 3\n").unwrap();
        let d = load_decisions(dir.path()).unwrap_err();
        assert_eq!(d.line, 2, "{d}");
    }
}
