//! Building the index from nothing (first run, or after a damaged one was
//! removed). The rows go into a new file next to the index that no other
//! process opens, written once (no journal, no WAL, no syncs until the end) with
//! the secondary indexes made after the rows; then the file is put in place under
//! the index's name in one step. A crash midway leaves no index (the next run
//! builds again) and a staged file that the next build removes.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OpenFlags};

use super::fresh::{Listing, Seen, remember};
use super::sync::{Plan, SHADOW_ALL, SyncReport, write_all};
use super::{IndexError, LibraryIndex, schema};
use crate::hash::HashMap;

/// A staged file this old and not locked by a live build was left by a crash.
const ABANDONED: Duration = Duration::from_secs(60);

impl LibraryIndex {
    /// Builds the index that is not there yet, or opens the one another process
    /// put in place meanwhile and brings it up to date.
    pub(super) fn build(
        &mut self,
        folder: &Path,
        annotations: &Path,
        listing: Listing,
    ) -> Result<SyncReport, IndexError> {
        let mut report = SyncReport {
            files: listing.files.len(),
            ..SyncReport::default()
        };
        let placed = if self.path.exists() {
            false
        } else {
            let staged = Staged::create(&self.path).map_err(|e| self.write_error(e))?;
            fill(&staged.path, &listing, annotations, &mut report).map_err(|e| self.error(e))?;
            staged.place(&self.path).map_err(|e| self.write_error(e))?
        };
        let notice = self.notice.take();
        let path = self.path.clone();
        *self = LibraryIndex::open(&path)?;
        self.notice = notice.or(self.notice.take());
        if self.absent {
            return Err(self.write_error(io::Error::other("it vanished as it was built")));
        }
        if !placed {
            // Another process's build won: ours is dropped, theirs brought up to date.
            return self.sync_listed(folder, annotations, listing);
        }
        self.folder = folder.to_path_buf();
        report.broken = self.broken().map_err(|e| self.error(e))?;
        report.missing = listing.missing;
        report.elapsed = listing.started.elapsed();
        Ok(report)
    }

    fn write_error(&self, source: io::Error) -> IndexError {
        IndexError::Write {
            path: self.path.clone(),
            source,
        }
    }
}

/// Reads every listed file into the staged database and completes it.
fn fill(path: &Path, listing: &Listing, annotations: &Path, report: &mut SyncReport) -> rusqlite::Result<()> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    schema::prepare_build(&conn)?;
    let seen = Seen::default();
    let plan = Plan::new(listing, &seen, HashMap::default(), report);
    let tx = conn.transaction()?;
    write_all(&tx, &plan.work, annotations, &listing.sidecars, report, true)?;
    schema::index_build(&tx)?;
    tx.execute(SHADOW_ALL, [])?;
    remember(&tx, &seen, listing, true)?;
    tx.commit()?;
    schema::finish_build(&conn)?;
    conn.close().map_err(|(_, e)| e)
}

/// The file a build writes, locked while the build lives; removed when dropped
/// (once placed, the index keeps its contents under its own name).
struct Staged {
    path: PathBuf,
    file: File,
    created: SystemTime,
}

impl Staged {
    fn create(index: &Path) -> io::Result<Staged> {
        remove_abandoned(index);
        let created = SystemTime::now();
        for n in 0u32.. {
            let mut path = index.as_os_str().to_owned();
            path.push(format!(".build-{}-{n}", std::process::id()));
            let path = PathBuf::from(path);
            match File::create_new(&path) {
                Ok(file) => {
                    file.try_lock().map_err(io::Error::other)?;
                    return Ok(Staged { path, file, created });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::other("no free name for a staged index"))
    }

    /// Puts the staged database in place under the index's name, unless an index
    /// is already there (another process built it first): then it is dropped.
    fn place(self, index: &Path) -> io::Result<bool> {
        self.file.sync_all()?;
        if index.exists() {
            return Ok(false);
        }
        remove_stale_companions(index, self.created);
        match fs::hard_link(&self.path, index) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
            // No hard links on this file system: a rename, after one more look.
            Err(_) if index.exists() => Ok(false),
            Err(_) => fs::rename(&self.path, index).map(|()| true),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Removes the WAL and shared-memory files of an index deleted before this build
/// began: SQLite would read them as the new index's. Newer ones belong to an
/// index another process has just put in place, and are left alone.
fn remove_stale_companions(index: &Path, before: SystemTime) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = index.as_os_str().to_owned();
        p.push(suffix);
        let stale = fs::metadata(&p)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < before);
        if stale {
            let _ = fs::remove_file(&p);
        }
    }
}

/// Removes staged files of builds that crashed: not locked by a live build, and
/// not written to for a while.
fn remove_abandoned(index: &Path) {
    let (Some(dir), Some(name)) = (index.parent(), index.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}.build-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if !entry.file_name().to_string_lossy().starts_with(&prefix) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > ABANDONED));
        let Ok(file) = File::open(entry.path()) else {
            continue;
        };
        if old && file.try_lock().is_ok() {
            let _ = fs::remove_file(entry.path());
        }
    }
}
