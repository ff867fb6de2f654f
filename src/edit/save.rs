//! Writing an edited briefing: under the briefing's lock, re-read the file;
//! when it changed since it was read, apply the edits to the new version (or
//! refuse); validate; replace the file atomically.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{Edit, EditError, apply_all};
use crate::atomic::{self, Failure};
use crate::text::escape_path;

/// What [`save`] wrote.
#[derive(Debug, Clone)]
pub struct Saved {
    pub path: PathBuf,
    /// The file as it is now.
    pub bytes: Vec<u8>,
    /// The file as it was just before (under the lock): what undo puts back.
    pub previous: Vec<u8>,
    /// The file had changed on disk since it was read; the edits were applied
    /// to the new version.
    pub reapplied: bool,
    /// The edits changed nothing (so nothing was written).
    pub unchanged: bool,
}

impl From<Failure> for EditError {
    fn from(f: Failure) -> EditError {
        EditError::File(format!(
            "cannot {} {}: {}",
            f.action,
            escape_path(&f.path),
            f.source
        ))
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{suffix}"))
}

/// `.<file name>.lock` beside the briefing: held while writing; never deleted
/// (deleting it would let two writers lock different files).
pub fn lock_path(path: &Path) -> PathBuf {
    sibling(path, ".lock")
}

pub(super) fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    sibling(path, &format!(".tmp-edit-{}-{n}", std::process::id()))
}

/// Applies `edits` to the briefing at `path`, which was read as `base`, and
/// writes the result atomically. Nothing is written when an edit is refused or
/// would make the file invalid, nor when the file changed on disk and the edits
/// cannot be applied to the new version.
pub fn save(path: &Path, base: &[u8], edits: &[Edit], max_bytes: u64) -> Result<Saved, EditError> {
    write_under_lock(path, max_bytes, |current| {
        let reapplied = current != base;
        let (bom, source) = split_bom(path, current)?;
        let text = apply_all(path, source, edits).map_err(|e| match reapplied {
            true => EditError::Conflict {
                path: path.to_path_buf(),
                reason: e.to_string(),
            },
            false => e,
        })?;
        Ok(([bom.as_bytes(), text.as_bytes()].concat(), reapplied))
    })
}

/// Puts `bytes` back in place of `expected` (undo and redo): the same lock,
/// validation and atomic write as [`save`]. Refused with a `Conflict` when the
/// file is no longer `expected` (someone changed it since), unless it already
/// is `bytes`.
pub fn restore(path: &Path, expected: &[u8], bytes: &[u8], max_bytes: u64) -> Result<Saved, EditError> {
    write_under_lock(path, max_bytes, |current| {
        if current != expected && current != bytes {
            return Err(EditError::Conflict {
                path: path.to_path_buf(),
                reason: "it is no longer the version this step produced (another program changed it), so it was left as it is".into(),
            });
        }
        let (_, source) = split_bom(path, bytes)?;
        crate::load::parse_and_index(path, source).map_err(EditError::Invalid)?;
        Ok((bytes.to_vec(), false))
    })
}

/// Under the briefing's lock: re-reads the file, asks `make` for the new bytes
/// (and whether they were re-applied to a changed file), writes them atomically.
fn write_under_lock(
    path: &Path,
    max_bytes: u64,
    make: impl FnOnce(&[u8]) -> Result<(Vec<u8>, bool), EditError>,
) -> Result<Saved, EditError> {
    refuse_link(path)?;
    let _lock = atomic::lock_exclusive(&lock_path(path))?;
    remove_stale_temps(path);
    let current = crate::load::read_limited(path, max_bytes)
        .map_err(|e| EditError::File(format!("{}: {e}", escape_path(path))))?;
    let (bytes, reapplied) = make(&current)?;
    let unchanged = bytes == current;
    if !unchanged {
        let permissions = fs::metadata(path).map(|m| m.permissions()).ok();
        let temp = temp_path(path);
        atomic::replace(path, &temp, &bytes, || -> Result<(), EditError> {
            if let Some(p) = permissions {
                fs::set_permissions(&temp, p).map_err(atomic::failure("set the permissions of", &temp))?;
            }
            Ok(())
        })?;
    }
    Ok(Saved {
        path: path.to_path_buf(),
        bytes,
        previous: current,
        reapplied,
        unchanged,
    })
}

/// The byte-order mark (kept on write) and the text after it.
fn split_bom<'a>(path: &Path, bytes: &'a [u8]) -> Result<(&'static str, &'a str), EditError> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        let d = crate::load::decode(path, bytes).err().unwrap_or_default();
        EditError::Invalid(d)
    })?;
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", text),
    })
}

/// Writing through a symbolic link would replace the link with a plain file.
fn refuse_link(path: &Path) -> Result<(), EditError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(EditError::File(format!(
            "{} is a symbolic link; edits are saved only to a plain file, so nothing was changed. Edit the file it points to",
            escape_path(path)
        ))),
        Ok(_) => Ok(()),
        Err(e) => Err(EditError::File(format!("cannot read {}: {e}", escape_path(path)))),
    }
}

/// Temporary files of a writer that died mid-save; called with the lock held.
fn remove_stale_temps(path: &Path) {
    let prefix = sibling(path, ".tmp-edit-");
    let (Some(dir), Some(prefix)) = (path.parent(), prefix.file_name()) else {
        return;
    };
    let prefix = prefix.to_string_lossy().into_owned();
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}
