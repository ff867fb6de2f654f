//! Replacing a file atomically under an exclusive lock, shared by the annotation
//! sidecars and briefing edits: write a temporary file in the same folder, fsync
//! it, rename it over the target, fsync the folder. A crash at any point leaves
//! the old file or the new one, never a torn one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An I/O step that failed: what was being done, to which path.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} {}: {source}", path.display())]
pub struct Failure {
    pub action: &'static str,
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

pub fn failure<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> Failure + 'a {
    move |source| Failure {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Opens (creating it if needed) and exclusively locks `lock_path`, waiting for
/// another writer. The lock file is never deleted; dropping the handle unlocks.
pub fn lock_exclusive(lock_path: &Path) -> Result<File, Failure> {
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(lock_path)
        .map_err(failure("open the lock file", lock_path))?;
    // `File::lock` is stable since Rust 1.89.
    #[allow(clippy::incompatible_msrv)]
    let locked = lock.lock();
    locked.map_err(failure("lock", lock_path))?;
    Ok(lock)
}

/// Writes `bytes` to `temp` (which must not exist, in the target's folder),
/// fsyncs it, runs `before_rename` (a backup, copying permissions), renames it
/// over `target` and fsyncs the folder. The temporary file is removed on failure.
pub fn replace<E: From<Failure>>(
    target: &Path,
    temp: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> Result<(), E>,
) -> Result<(), E> {
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(temp)
            .map_err(failure("create a temporary file", temp))?;
        file.write_all(bytes).map_err(failure("write", temp))?;
        file.sync_all().map_err(failure("flush to disk", temp))?;
        drop(file);
        before_rename()?;
        fs::rename(temp, target).map_err(failure("replace", target))?;
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty());
        sync_dir(dir.unwrap_or(Path::new(".")))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(temp);
    }
    result
}

/// Makes a rename in `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<(), Failure> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(failure("flush the folder", dir))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_swaps_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.toml");
        fs::write(&target, "old").unwrap();
        let temp = dir.path().join(".a.tmp");
        replace::<Failure>(&target, &temp, b"new", || Ok(())).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert!(!temp.exists());
    }

    #[test]
    fn a_failing_step_before_the_rename_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.toml");
        fs::write(&target, "old").unwrap();
        let temp = dir.path().join(".a.tmp");
        let result = replace(&target, &temp, b"new", || {
            Err(failure("back up", &target)(io::Error::other("no")))
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert!(!temp.exists());
    }
}
