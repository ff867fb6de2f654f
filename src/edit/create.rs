//! Writing a new briefing file: an article imported in memory, saved before
//! its first edit. Validated as `check` does, written atomically under the same
//! lock as edits, and never over an existing file unless asked to.

use std::fs;
use std::path::Path;

use super::EditError;
use super::save::{lock_path, temp_path};
use crate::atomic;
use crate::text::escape_path;

/// Writes `text` as a new briefing file at `path` and returns its bytes.
/// Refused when the name does not end in `.toml`, when the text is not a valid
/// briefing, and when something is at `path` already, unless `overwrite` (a
/// folder or a symbolic link never is replaced).
pub fn create(path: &Path, text: &str, overwrite: bool) -> Result<Vec<u8>, EditError> {
    if path.extension().is_none_or(|e| e != "toml") {
        return Err(EditError::Refused(format!(
            "{}: a briefing file's name ends in .toml",
            escape_path(path)
        )));
    }
    crate::load::parse_and_index(path, text).map_err(EditError::Invalid)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)
            .map_err(|e| EditError::File(format!("cannot create the folder {}: {e}", escape_path(dir))))?;
    }
    let _lock = atomic::lock_exclusive(&lock_path(path))?;
    if let Ok(meta) = fs::symlink_metadata(path) {
        if !meta.is_file() {
            return Err(EditError::Refused(format!(
                "{} exists and is not a plain file, so it is left alone",
                escape_path(path)
            )));
        }
        if !overwrite {
            return Err(EditError::Exists {
                path: path.to_path_buf(),
            });
        }
    }
    let temp = temp_path(path);
    atomic::replace(path, &temp, text.as_bytes(), || Ok::<(), EditError>(()))?;
    Ok(text.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../tests/fixtures/edit-sample.toml");

    #[test]
    fn a_new_file_is_written_whole_and_an_existing_one_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/edits.toml");
        assert_eq!(create(&path, SAMPLE, false).unwrap(), SAMPLE.as_bytes());
        assert_eq!(fs::read_to_string(&path).unwrap(), SAMPLE);
        let changed = SAMPLE.replace("title = \"Edits\"", "title = \"Changed\"");
        let e = create(&path, &changed, false).unwrap_err();
        assert!(matches!(e, EditError::Exists { .. }), "{e}");
        assert!(e.to_string().contains("exists already"), "{e}");
        assert_eq!(fs::read_to_string(&path).unwrap(), SAMPLE);
        create(&path, &changed, true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), changed);
        let mut names: Vec<String> = fs::read_dir(dir.path().join("new"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".edits.toml.lock", "edits.toml"]);
    }

    #[test]
    fn bad_names_invalid_text_and_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = create(&dir.path().join("edits.txt"), SAMPLE, false).unwrap_err();
        assert!(e.to_string().contains("ends in .toml"), "{e}");
        let e = create(&dir.path().join("bad.toml"), "schema = 1\n", false).unwrap_err();
        assert!(matches!(e, EditError::Invalid(_)), "{e}");
        fs::create_dir(dir.path().join("folder.toml")).unwrap();
        let e = create(&dir.path().join("folder.toml"), SAMPLE, true).unwrap_err();
        assert!(e.to_string().contains("not a plain file"), "{e}");
        assert!(!dir.path().join("edits.txt").exists());
        assert!(!dir.path().join("bad.toml").exists());
    }
}
