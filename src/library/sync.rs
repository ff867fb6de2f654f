//! Bringing the index up to date with the files: compare the listing
//! (fresh.rs) with the files table, re-read only new or changed files, drop
//! removed ones.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use rusqlite::{Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::fresh::{Listing, Seen, remember};
use super::rows::{Note, Rows, Statements};
use super::{IndexError, LibraryIndex, ROW_BITS};
use crate::annotations::AnnotationStore;
use crate::diagnostic::Diagnostic;
use crate::hash::HashMap;
use crate::load::{LoadedBriefing, Skipped, load_bytes};

/// What a sync did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    /// Briefing files found.
    pub files: usize,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Files that could not be loaded (they are listed by `briefing check`).
    pub broken: usize,
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
    /// Folders that could not be read.
    #[serde(skip)]
    pub missing: Vec<Skipped>,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl SyncReport {
    /// "10000 files: 3 added, 1 updated, 0 removed, 9996 unchanged (2 broken) in 0.04 s".
    pub fn summary(&self) -> String {
        format!(
            "{} file{}: {} added, {} updated, {} removed, {} unchanged ({} broken) in {:.2} s",
            self.files,
            if self.files == 1 { "" } else { "s" },
            self.added,
            self.updated,
            self.removed,
            self.unchanged,
            self.broken,
            self.elapsed.as_secs_f64()
        )
    }
}

/// What the index holds about a file.
pub(super) struct Known {
    id: i64,
    size: i64,
    mtime: i64,
    hash: i64,
    sidecar: String,
    briefing: Option<String>,
}

/// A file to re-read.
pub(super) struct Work {
    path: PathBuf,
    name: String,
    size: i64,
    mtime: i64,
    known_hash: Option<i64>,
    /// The briefing id the file held, if it was known and loaded.
    known_briefing: Option<String>,
    /// The sidecar stamp now, if the file was known and loaded (broken files have none).
    sidecar_now: Option<String>,
    known_sidecar: Option<String>,
}

impl Work {
    /// A file the index does not know.
    fn new(path: PathBuf, name: String, size: i64, mtime: i64) -> Work {
        Work {
            path,
            name,
            size,
            mtime,
            known_hash: None,
            known_briefing: None,
            sidecar_now: None,
            known_sidecar: None,
        }
    }
}

/// What re-reading a file gave.
enum Outcome {
    /// Same bytes, same sidecar: only the stat changed.
    Touched,
    Loaded(Box<Rows>),
    Broken(Vec<Diagnostic>),
}

impl LibraryIndex {
    /// Brings the index up to date with the `.toml` files of `folder` and their
    /// sidecars in `annotations`. An index found damaged on the way is rebuilt.
    pub fn sync(&mut self, folder: &Path, annotations: &Path) -> Result<SyncReport, IndexError> {
        let listing = self.listing(folder, annotations);
        self.sync_listed(folder, annotations, listing)
    }

    /// [`LibraryIndex::sync`] with the folders listed already.
    pub(super) fn sync_listed(
        &mut self,
        folder: &Path,
        annotations: &Path,
        listing: Listing,
    ) -> Result<SyncReport, IndexError> {
        match self.try_sync(folder, annotations, listing) {
            Err(e) if is_damage(&e) => {
                let path = self.path.clone();
                // Close the damaged database before removing it.
                let closed = LibraryIndex::absent(&path, None)?;
                drop(std::mem::replace(self, closed));
                super::remove_database(&path);
                *self = LibraryIndex::open(&path)?;
                self.notice = Some(format!(
                    "library index {} was damaged ({}); rebuilt it from the briefing files",
                    path.display(),
                    cause(&e)
                ));
                let listing = self.listing(folder, annotations);
                self.try_sync(folder, annotations, listing)
            }
            other => other,
        }
    }

    fn try_sync(
        &mut self,
        folder: &Path,
        annotations: &Path,
        listing: Listing,
    ) -> Result<SyncReport, IndexError> {
        if self.absent {
            return self.build(folder, annotations, listing);
        }
        self.folder = folder.to_path_buf();
        // The files table and what the last sync saw, from one snapshot.
        let (seen, known) = match self.snapshot(&listing).map_err(|e| self.error(e))? {
            Snapshot::Current(broken) => return Ok(listing.current(broken)),
            Snapshot::Known(seen, known) => (seen, known),
        };
        let mut report = SyncReport {
            files: listing.files.len(),
            ..SyncReport::default()
        };
        let plan = Plan::new(&listing, &seen, known, &mut report);
        self.apply(plan, &seen, &listing, annotations, &mut report)
            .map_err(|e| self.error(e))?;
        report.missing = listing.missing;
        report.broken = self.broken().map_err(|e| self.error(e))?;
        report.elapsed = listing.started.elapsed();
        Ok(report)
    }

    /// Whether the index is current with `listing`, or else what it knows.
    fn snapshot(&self, listing: &Listing) -> rusqlite::Result<Snapshot> {
        let tx = self.conn.unchecked_transaction()?;
        let seen = self.seen()?;
        if seen.is_current(listing) {
            return Ok(Snapshot::Current(self.broken()?));
        }
        let known = self.known()?;
        tx.commit()?;
        Ok(Snapshot::Known(seen, known))
    }

    /// Writes what a plan found, in one transaction, and remembers the listing.
    fn apply(
        &mut self,
        plan: Plan,
        seen: &Seen,
        listing: &Listing,
        annotations: &Path,
        report: &mut SyncReport,
    ) -> rusqlite::Result<()> {
        let tx = Transaction::new(&mut self.conn, TransactionBehavior::Immediate)?;
        if plan.work.is_empty() && plan.removed.is_empty() {
            remember(&tx, seen, listing, false)?;
            return tx.commit();
        }
        let Plan {
            work,
            removed,
            mut ids,
        } = plan;
        for id in removed {
            delete_file(&tx, id)?;
        }
        ids.extend(write_all(
            &tx,
            &work,
            annotations,
            &listing.sidecars,
            report,
            false,
        )?);
        ids.sort_unstable();
        ids.dedup();
        for id in &ids {
            tx.prepare_cached(SHADOW)?.execute([id])?;
        }
        remember(&tx, seen, listing, true)?;
        tx.commit()?;
        // A big sync leaves a WAL as big as what it wrote; every later open would
        // read it through. Fold it into the database and empty it (a no-op when
        // another connection is reading).
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        Ok(())
    }

    fn known(&self) -> rusqlite::Result<HashMap<String, Known>> {
        let mut stmt = self.conn.prepare(
            "SELECT f.path, f.id, f.size, f.mtime, f.hash, f.sidecar, b.id
             FROM files f LEFT JOIN briefings b ON b.file = f.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Known {
                    id: r.get(1)?,
                    size: r.get(2)?,
                    mtime: r.get(3)?,
                    hash: r.get(4)?,
                    sidecar: r.get(5)?,
                    briefing: r.get(6)?,
                },
            ))
        })?;
        rows.collect()
    }
}

enum Snapshot {
    /// Nothing changed since the last sync; the number of broken files.
    Current(usize),
    Known(Seen, HashMap<String, Known>),
}

/// What a sync has to do: the files to re-read and those to drop.
pub(super) struct Plan {
    /// In the loader's order, so new files get their ids in that order.
    pub work: Vec<Work>,
    /// File ids no longer in the folder.
    removed: Vec<i64>,
    /// Briefing ids whose first holder may have changed: those removed or rewritten.
    ids: Vec<String>,
}

impl Plan {
    /// Compares the listing with what the index knows (nothing, for a build).
    pub fn new(
        listing: &Listing,
        seen: &Seen,
        mut known: HashMap<String, Known>,
        report: &mut SyncReport,
    ) -> Plan {
        let mut work = Vec::new();
        for f in &listing.files {
            let w = match known.remove(&f.name) {
                Some(k) => changed(k, listing, seen, &f.name, f.size, f.mtime),
                None => Some(Work::new(listing.path(&f.name), f.name.clone(), f.size, f.mtime)),
            };
            match w {
                Some(w) => work.push(w),
                None => report.unchanged += 1,
            }
        }
        work.sort_by_cached_key(|w| {
            (
                Path::new(&w.name).file_stem().map(|s| s.to_os_string()),
                w.name.clone(),
            )
        });
        let removed: Vec<i64> = known.values().map(|k| k.id).collect();
        let mut ids: Vec<String> = known.values().filter_map(|k| k.briefing.clone()).collect();
        ids.extend(work.iter().filter_map(|w| w.known_briefing.clone()));
        report.removed = removed.len();
        Plan { work, removed, ids }
    }
}

/// The work for a known file, or `None` if its stat and sidecar are as recorded.
fn changed(k: Known, listing: &Listing, seen: &Seen, name: &str, size: i64, mtime: i64) -> Option<Work> {
    let sidecar = k
        .briefing
        .as_ref()
        .map(|b| listing.sidecars.get(b).cloned().unwrap_or_default());
    // Changed in the tick the last sync read it: read it again.
    let racy_sidecar = k
        .briefing
        .as_ref()
        .is_some_and(|b| listing.sidecar_mtimes.get(b).is_some_and(|&t| seen.racy(t)));
    let same_sidecar = sidecar.as_ref().is_none_or(|s| *s == k.sidecar) && !racy_sidecar;
    if k.size == size && k.mtime == mtime && same_sidecar && !seen.racy(mtime) {
        return None;
    }
    Some(Work {
        known_hash: Some(k.hash),
        known_briefing: k.briefing,
        sidecar_now: sidecar,
        // A racy sidecar is read again as if it had changed.
        known_sidecar: Some(if racy_sidecar {
            String::from("?")
        } else {
            k.sidecar
        }),
        ..Work::new(listing.path(name), name.to_string(), size, mtime)
    })
}

/// Marks briefings whose id an earlier file already uses, as the loader skips them.
/// Earlier is by name without `.toml` (the loader's path order), so `rvl.toml`
/// comes before its copy `rvl-copy.toml`. [`SHADOW`] does it for one id.
macro_rules! shadow {
    () => {
        "UPDATE briefings SET shadowed = EXISTS(
    SELECT 1 FROM briefings b2 JOIN files f2 ON f2.id = b2.file, files f
    WHERE f.id = briefings.file AND b2.id = briefings.id
      AND (substr(f2.path, 1, length(f2.path) - 5), f2.path) < (substr(f.path, 1, length(f.path) - 5), f.path))"
    };
}
pub(super) const SHADOW_ALL: &str = shadow!();
const SHADOW: &str = concat!(shadow!(), " WHERE id = ?1");

fn is_damage(e: &IndexError) -> bool {
    matches!(
        e,
        IndexError::Sqlite { source, .. } if matches!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        )
    )
}

/// What went wrong, without the path (the notice names it once).
fn cause(e: &IndexError) -> String {
    match e {
        IndexError::Sqlite { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// A 64-bit hash of a file's bytes, eight at a time (a byte-at-a-time FNV cost
/// a quarter of a second over 200 MB). Each step is a bijection of the state for
/// a given word, so a file that differs in one word always hashes differently.
fn content_hash(bytes: &[u8]) -> i64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| {
        let h = (h ^ w).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut words = bytes.chunks_exact(8);
    let mut h = mix(0xcbf2_9ce4_8422_2325, bytes.len() as u64);
    for w in &mut words {
        h = mix(h, u64::from_le_bytes(w.try_into().unwrap_or_default()));
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    mix(h, u64::from_le_bytes(last)) as i64
}

/// Reads and parses the work on every core, writing each result as it comes.
/// `empty`: the index is being built from nothing, so no file has rows to replace.
pub(super) fn write_all(
    tx: &rusqlite::Connection,
    work: &[Work],
    annotations: &Path,
    sidecars: &HashMap<String, String>,
    report: &mut SyncReport,
    empty: bool,
) -> rusqlite::Result<Vec<String>> {
    // The writer is the slower half: one core stays its own, or the parse threads
    // would take turns with it and it would fall behind.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .saturating_sub(1)
        .clamp(1, work.len().div_ceil(8).max(1));
    let next = AtomicUsize::new(0);
    let (send, receive) = mpsc::sync_channel::<(usize, i64, Outcome)>(64);
    let mut writer = Writer::new(tx, empty)?;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(w) = work.get(i) else { break };
                    let (hash, outcome) = read_one(w, annotations, sidecars);
                    if send.send((i, hash, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut ids = Vec::new();
        for (i, hash, outcome) in receive {
            let w = &work[i];
            match &outcome {
                Outcome::Touched => report.unchanged += 1,
                Outcome::Loaded(rows) => {
                    ids.push(rows.id.clone());
                    *(if w.known_hash.is_some() {
                        &mut report.updated
                    } else {
                        &mut report.added
                    }) += 1;
                }
                Outcome::Broken(_) if w.known_hash.is_some() => report.updated += 1,
                Outcome::Broken(_) => report.added += 1,
            }
            writer.write(w, hash, outcome)?;
        }
        Ok(ids)
    })
}

fn read_one(w: &Work, annotations: &Path, sidecars: &HashMap<String, String>) -> (i64, Outcome) {
    let bytes = match crate::load::read_limited(&w.path, crate::load::DEFAULT_MAX_BYTES) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::whole_file(&w.path, e);
            return (0, Outcome::Broken(vec![d]));
        }
    };
    let hash = content_hash(&bytes);
    // Same bytes and, for a briefing, the same sidecar: nothing to re-read.
    let sidecar_same = w.sidecar_now.is_none() || w.sidecar_now == w.known_sidecar;
    if w.known_hash == Some(hash) && sidecar_same {
        return (hash, Outcome::Touched);
    }
    match load_bytes(&w.path, bytes) {
        Err(diagnostics) => (hash, Outcome::Broken(diagnostics)),
        Ok(loaded) => {
            let sidecar = sidecars.get(&loaded.briefing.id).cloned().unwrap_or_default();
            let notes = if sidecar.is_empty() {
                Vec::new()
            } else {
                notes(annotations, &loaded)
            };
            (hash, Outcome::Loaded(Box::new(Rows::new(loaded, notes, sidecar))))
        }
    }
}

/// The annotations attached to claims now (orphans have no place to be found at).
fn notes(dir: &Path, loaded: &LoadedBriefing) -> Vec<Note> {
    let store = AnnotationStore::open(dir, loaded);
    store
        .annotations()
        .iter()
        .filter_map(|p| {
            Some(Note {
                claim: p.claim?,
                credibility: p.annotation.credibility.map(|c| c.number()),
                note: p.annotation.note.clone(),
                tags: p.annotation.tags.clone(),
            })
        })
        .collect()
}

/// Deletes every row of one file.
fn delete_file(tx: &rusqlite::Connection, id: i64) -> rusqlite::Result<()> {
    for table in ["briefings", "files"] {
        let key = if table == "files" { "id" } else { "file" };
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE {key} = ?1"))?
            .execute([id])?;
    }
    for table in ["actors", "forms", "sections", "claims", "annotations"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE file = ?1"))?
            .execute([id])?;
    }
    tx.prepare_cached("DELETE FROM fts WHERE rowid >= ?1 AND rowid < ?2")?
        .execute([id << ROW_BITS, (id + 1) << ROW_BITS])?;
    Ok(())
}

/// Writes each re-read file's rows through statements prepared once.
struct Writer<'c> {
    conn: &'c rusqlite::Connection,
    rows: Statements<'c>,
    empty: bool,
}

impl<'c> Writer<'c> {
    fn new(conn: &'c rusqlite::Connection, empty: bool) -> rusqlite::Result<Writer<'c>> {
        Ok(Writer {
            conn,
            rows: Statements::new(conn)?,
            empty,
        })
    }

    fn write(&mut self, w: &Work, hash: i64, outcome: Outcome) -> rusqlite::Result<()> {
        let tx = self.conn;
        if let Outcome::Touched = outcome {
            tx.prepare_cached("UPDATE files SET size = ?2, mtime = ?3 WHERE path = ?1")?
                .execute(params![w.name, w.size, w.mtime])?;
            return Ok(());
        }
        if !self.empty {
            let old: Option<i64> = tx
                .prepare_cached("SELECT id FROM files WHERE path = ?1")?
                .query_row([&w.name], |r| r.get(0))
                .ok();
            if let Some(id) = old {
                delete_file(tx, id)?;
            }
        }
        match outcome {
            Outcome::Touched => Ok(()),
            Outcome::Broken(diagnostics) => {
                let first = diagnostics.first().map(Diagnostic::headline);
                tx.prepare_cached(
                    "INSERT INTO files(path, size, mtime, hash, problem, problems) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![w.name, w.size, w.mtime, hash, first, diagnostics.len()])?;
                Ok(())
            }
            Outcome::Loaded(rows) => {
                tx.prepare_cached(
                    "INSERT INTO files(path, size, mtime, hash, sidecar) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![w.name, w.size, w.mtime, hash, rows.sidecar])?;
                let id = tx.last_insert_rowid();
                rows.write(&mut self.rows, id)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::content_hash;

    #[test]
    fn the_content_hash_changes_with_any_byte_and_the_length() {
        let text: Vec<u8> = (0..100u8).collect();
        let base = content_hash(&text);
        assert_eq!(base, content_hash(&text.clone()));
        for i in 0..text.len() {
            let mut changed = text.clone();
            changed[i] ^= 1;
            assert_ne!(content_hash(&changed), base, "byte {i}");
        }
        // A trailing zero byte is not the same file.
        let mut longer = text.clone();
        longer.push(0);
        assert_ne!(content_hash(&longer), base);
        assert_ne!(content_hash(&text[..99]), base);
        assert_ne!(content_hash(b""), content_hash(&[0]));
    }
}
