//! Bringing the index up to date with the files: compare the listing
//! (fresh.rs) with the files table, re-read only new or changed files, drop
//! removed ones.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use rusqlite::{Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::fresh::{self, Listing, remember};
use super::identity::ActorRef;
use super::{IndexError, LibraryIndex, ROW_BITS};
use crate::annotations::AnnotationStore;
use crate::diagnostic::Diagnostic;
use crate::hash::HashMap;
use crate::load::{LoadedBriefing, Skipped, load_bytes};
use crate::model::ClaimKind;

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
struct Known {
    id: i64,
    size: i64,
    mtime: i64,
    hash: i64,
    sidecar: String,
    briefing: Option<String>,
}

/// A file to re-read.
struct Work {
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

/// What re-reading a file gave.
enum Outcome {
    /// Same bytes, same sidecar: only the stat changed.
    Touched,
    Loaded(Box<LoadedBriefing>, Vec<Note>, String),
    Broken(Vec<Diagnostic>),
}

/// An annotation attached to a claim, as indexed.
struct Note {
    claim: usize,
    credibility: Option<u8>,
    note: String,
    tags: Vec<String>,
}

impl LibraryIndex {
    /// Brings the index up to date with the `.toml` files of `folder` and their
    /// sidecars in `annotations`. An index found damaged on the way is rebuilt.
    pub fn sync(&mut self, folder: &Path, annotations: &Path) -> Result<SyncReport, IndexError> {
        let listing = fresh::scan(folder, annotations);
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
                let closed = LibraryIndex {
                    conn: rusqlite::Connection::open_in_memory().map_err(|e| self.error(e))?,
                    path: path.clone(),
                    folder: PathBuf::new(),
                    notice: None,
                };
                drop(std::mem::replace(self, closed));
                super::remove_database(&path);
                *self = LibraryIndex::open(&path)?;
                self.notice = Some(format!(
                    "library index {} was damaged ({e}); rebuilt it from the briefing files",
                    path.display()
                ));
                let listing = fresh::scan(folder, annotations);
                self.try_sync(folder, annotations, listing)
                    .map_err(|e| self.error(e))
            }
            other => other.map_err(|e| self.error(e)),
        }
    }

    fn try_sync(
        &mut self,
        folder: &Path,
        annotations: &Path,
        listing: Listing,
    ) -> rusqlite::Result<SyncReport> {
        self.folder = folder.to_path_buf();
        // The files table and what the last sync saw, from one snapshot.
        let (seen, mut known) = {
            let tx = self.conn.unchecked_transaction()?;
            let seen = self.seen()?;
            if seen.is_current(&listing) {
                let broken = self.broken()?;
                return Ok(listing.current(broken));
            }
            let known = self.known()?;
            tx.commit()?;
            (seen, known)
        };
        let mut report = SyncReport {
            files: listing.files.len(),
            ..SyncReport::default()
        };
        let sidecars = &listing.sidecars;
        let mut work = Vec::new();
        for f in &listing.files {
            let (name, size, mtime) = (&f.name, f.size, f.mtime);
            match known.remove(name) {
                Some(k) => {
                    let sidecar = k
                        .briefing
                        .as_ref()
                        .map(|b| sidecars.get(b).cloned().unwrap_or_default());
                    // Changed in the tick the last sync read it: read it again.
                    let racy_sidecar = k
                        .briefing
                        .as_ref()
                        .is_some_and(|b| listing.sidecar_mtimes.get(b).is_some_and(|&t| seen.racy(t)));
                    let same_sidecar = sidecar.as_ref().is_none_or(|s| *s == k.sidecar) && !racy_sidecar;
                    if k.size == size && k.mtime == mtime && same_sidecar && !seen.racy(mtime) {
                        report.unchanged += 1;
                    } else {
                        work.push(Work {
                            path: listing.path(name),
                            name: name.clone(),
                            size,
                            mtime,
                            known_hash: Some(k.hash),
                            known_briefing: k.briefing.clone(),
                            sidecar_now: sidecar,
                            // A racy sidecar is read again as if it had changed.
                            known_sidecar: Some(if racy_sidecar {
                                String::from("?")
                            } else {
                                k.sidecar
                            }),
                        });
                    }
                }
                None => work.push(Work {
                    path: listing.path(name),
                    name: name.clone(),
                    size,
                    mtime,
                    known_hash: None,
                    known_briefing: None,
                    sidecar_now: None,
                    known_sidecar: None,
                }),
            }
        }
        // New files get their ids in the loader's order.
        work.sort_by_cached_key(|w| {
            (
                Path::new(&w.name).file_stem().map(|s| s.to_os_string()),
                w.name.clone(),
            )
        });
        let removed: Vec<i64> = known.values().map(|k| k.id).collect();
        // Ids whose first holder may have changed: those removed, rewritten or added.
        let mut ids: Vec<String> = known.values().filter_map(|k| k.briefing.clone()).collect();
        ids.extend(work.iter().filter_map(|w| w.known_briefing.clone()));
        report.removed = removed.len();
        if !work.is_empty() || !removed.is_empty() {
            let tx = Transaction::new(&mut self.conn, TransactionBehavior::Immediate)?;
            for id in removed {
                delete_file(&tx, id)?;
            }
            ids.extend(write_all(&tx, &work, annotations, sidecars, &mut report)?);
            ids.sort_unstable();
            ids.dedup();
            for id in &ids {
                tx.prepare_cached(SHADOW)?.execute([id])?;
            }
            remember(&tx, &seen, &listing, true)?;
            tx.commit()?;
            // A big sync leaves a WAL as big as what it wrote; every later open would
            // read it through. Fold it into the database and empty it (a no-op when
            // another connection is reading).
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        } else {
            let tx = Transaction::new(&mut self.conn, TransactionBehavior::Immediate)?;
            remember(&tx, &seen, &listing, false)?;
            tx.commit()?;
        }
        report.missing = listing.missing;
        report.broken = self.broken()?;
        report.elapsed = listing.started.elapsed();
        Ok(report)
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

/// Marks briefings whose id an earlier file already uses, as the loader skips them.
/// Earlier is by name without `.toml` (the loader's path order), so `rvl.toml`
/// comes before its copy `rvl-copy.toml`.
const SHADOW: &str = "UPDATE briefings SET shadowed = EXISTS(
    SELECT 1 FROM briefings b2 JOIN files f2 ON f2.id = b2.file, files f
    WHERE f.id = briefings.file AND b2.id = briefings.id
      AND (substr(f2.path, 1, length(f2.path) - 5), f2.path) < (substr(f.path, 1, length(f.path) - 5), f.path))
    WHERE id = ?1";

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

fn content_hash(bytes: &[u8]) -> i64 {
    use std::hash::Hasher;
    let mut h = crate::hash::Fnv::default();
    h.write(bytes);
    h.finish() as i64
}

/// Reads and parses the work on every core, writing each result as it comes.
fn write_all(
    tx: &Transaction,
    work: &[Work],
    annotations: &Path,
    sidecars: &HashMap<String, String>,
    report: &mut SyncReport,
) -> rusqlite::Result<Vec<String>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, work.len().div_ceil(8).max(1));
    let next = AtomicUsize::new(0);
    let (send, receive) = mpsc::sync_channel::<(usize, i64, Outcome)>(64);
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
            if let Outcome::Loaded(loaded, ..) = &outcome {
                ids.push(loaded.briefing.id.clone());
            }
            match &outcome {
                Outcome::Touched => report.unchanged += 1,
                _ if w.known_hash.is_some() => report.updated += 1,
                _ => report.added += 1,
            }
            write_one(tx, w, hash, outcome)?;
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
            (hash, Outcome::Loaded(Box::new(loaded), notes, sidecar))
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
fn delete_file(tx: &Transaction, id: i64) -> rusqlite::Result<()> {
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

fn write_one(tx: &Transaction, w: &Work, hash: i64, outcome: Outcome) -> rusqlite::Result<()> {
    if let Outcome::Touched = outcome {
        tx.prepare_cached("UPDATE files SET size = ?2, mtime = ?3 WHERE path = ?1")?
            .execute(params![w.name, w.size, w.mtime])?;
        return Ok(());
    }
    let old: Option<i64> = tx
        .prepare_cached("SELECT id FROM files WHERE path = ?1")?
        .query_row([&w.name], |r| r.get(0))
        .ok();
    if let Some(id) = old {
        delete_file(tx, id)?;
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
        Outcome::Loaded(loaded, notes, sidecar) => {
            tx.prepare_cached(
                "INSERT INTO files(path, size, mtime, hash, sidecar) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![w.name, w.size, w.mtime, hash, sidecar])?;
            let id = tx.last_insert_rowid();
            write_briefing(tx, id, &loaded, &notes)
        }
    }
}

/// Numbers one file's full-text rows.
struct Rows {
    next: i64,
}

impl Rows {
    fn add(&mut self, tx: &Transaction, body: &str, kind: &str, item: usize) -> rusqlite::Result<()> {
        tx.prepare_cached("INSERT INTO fts(rowid, body, kind, item) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![self.next, body, kind, item])?;
        self.next += 1;
        Ok(())
    }
}

fn write_briefing(
    tx: &Transaction,
    file: i64,
    loaded: &LoadedBriefing,
    notes: &[Note],
) -> rusqlite::Result<()> {
    let (b, index) = (&loaded.briefing, &loaded.index);
    tx.prepare_cached(
        "INSERT INTO briefings(file, id, title, publisher, published, url, summary, sections, actors, claims)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        file,
        b.id,
        b.title,
        b.publisher,
        b.published.map(|d| d.to_string()),
        b.url,
        b.summary,
        b.sections.len(),
        b.actors.len(),
        b.claims.len()
    ])?;
    let mut rows = Rows {
        next: file << ROW_BITS,
    };
    let mut claims_of = vec![0usize; b.actors.len()];
    for c in 0..b.claims.len() {
        let mut involved: Vec<usize> = index.claim_speaker[c].into_iter().collect();
        involved.extend(&index.claim_about[c]);
        involved.sort_unstable();
        involved.dedup();
        for a in involved {
            claims_of[a] += 1;
        }
    }
    for (i, a) in b.actors.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO actors(file, idx, id, name, kind, role, aliases, claims, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            file,
            i,
            a.id,
            a.name,
            a.kind.as_str(),
            a.role,
            a.aliases.join("\n"),
            claims_of[i],
            index.actor_mentions[i].len()
        ])?;
        for form in ActorRef::new(&b.id, a).forms {
            tx.prepare_cached("INSERT OR IGNORE INTO forms(file, idx, form) VALUES (?1, ?2, ?3)")?
                .execute(params![file, i, form])?;
        }
        rows.add(tx, &a.surface_forms().collect::<Vec<_>>().join("\n"), "actor", i)?;
    }
    for (i, s) in b.sections.iter().enumerate() {
        tx.prepare_cached("INSERT INTO sections(file, idx, id, heading) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![file, i, s.id, s.heading])?;
        rows.add(tx, &s.text, "section", i)?;
    }
    for (i, c) in b.claims.iter().enumerate() {
        write_claim(tx, file, loaded, i)?;
        // A quote's words are in its section already; other claims say it in their own words.
        if c.kind != ClaimKind::Quote {
            rows.add(tx, &c.text, "claim", i)?;
        }
    }
    for n in notes {
        tx.prepare_cached(
            "INSERT INTO annotations(file, claim, credibility, note, tags) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![file, n.claim, n.credibility, n.note, spaced(&n.tags)])?;
        let body = format!("{}\n{}", n.note, n.tags.join(" "));
        if !body.trim().is_empty() {
            rows.add(tx, &body, "note", n.claim)?;
        }
    }
    Ok(())
}

fn write_claim(tx: &Transaction, file: i64, loaded: &LoadedBriefing, i: usize) -> rusqlite::Result<()> {
    let (c, index) = (&loaded.briefing.claims[i], &loaded.index);
    let related = index.claim_related[i]
        .iter()
        .map(|(to, rel)| format!("{to} {rel}"))
        .collect::<Vec<_>>()
        .join(";");
    let span = index.claim_span[i].clone();
    tx.prepare_cached(
        "INSERT INTO claims(file, idx, id, section, speaker, about, kind, text, date, via, related, span_start, span_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        file,
        i,
        c.id,
        index.claim_section[i],
        index.claim_speaker[i],
        spaced(&index.claim_about[i]),
        c.kind.as_str(),
        c.text,
        c.date.map(|d| d.to_string()),
        c.via,
        related,
        span.as_ref().map(|r| r.start),
        span.as_ref().map(|r| r.end),
    ])?;
    Ok(())
}

/// `' a b '`: each item followed by a space and the whole led by one, so
/// `instr(column, ' a ')` finds an item exactly.
fn spaced<T: ToString>(items: &[T]) -> String {
    let mut s = String::from(" ");
    for item in items {
        s.push_str(&item.to_string());
        s.push(' ');
    }
    s
}
