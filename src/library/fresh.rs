//! Is the index current? The freshness half of a sync.
//!
//! One listing of the briefings folder and one of the annotations folder; each
//! file is statted relative to its folder (no path walk per file), on every
//! core; a fingerprint sums what was seen (names, sizes, modification times,
//! sidecar stamps). A sync that brought the index up to date stores the
//! fingerprint of the listing it compared. When the next listing has the same
//! fingerprint, the index is current and its files table is not even read.
//!
//! A change can hide inside one timestamp tick (the kernel's clock for file
//! times is coarse; FAT keeps 2 s): a file written in the same tick as a sync
//! statted it, and again after, keeps its size and time. So a file changed less
//! than [`RACY`] before the sync that stored the fingerprint is never trusted:
//! the next sync hashes it again (as git does with "racily clean" entries).
//!
//! Commands ask their question while the listing runs ([`LibraryIndex::ask`]):
//! the answer is kept only if the listing then says the index was current.

use std::fs::{DirEntry, Metadata};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use rusqlite::OptionalExtension as _;

use super::{IndexError, LibraryIndex, SyncReport, index_path};
use crate::config::Config;
use crate::hash::{Fnv, HashMap, HashSet};
use crate::load::{Skipped, briefing_files};

/// How close to a sync (nanoseconds) a change must be to be checked again.
pub(super) const RACY: i64 = 2_000_000_000;

/// How much of the index a command maps (bytes; 0 would read it with copies).
const MMAP: i64 = 1 << 30;

/// Below this many files a second thread costs more than it saves.
const PER_THREAD: usize = 1_000;

/// A briefing file as listed.
pub(super) struct Stat {
    /// The file name: how the index names it.
    pub name: String,
    pub size: i64,
    pub mtime: i64,
}

/// What one listing of the folders saw.
pub(super) struct Listing {
    /// Where the files are: `base.join(name)`.
    pub base: PathBuf,
    /// The regular briefing files, in no particular order.
    pub files: Vec<Stat>,
    /// Entries that could not be used (an unreadable folder, a folder or FIFO named *.toml).
    pub missing: Vec<Skipped>,
    /// Each sidecar's `size:mtime`, by briefing id.
    pub sidecars: HashMap<String, String>,
    /// Each sidecar's modification time, by briefing id.
    pub sidecar_mtimes: HashMap<String, i64>,
    pub fingerprint: Vec<u8>,
    /// The most recent modification time seen (files and sidecars).
    pub newest: i64,
    /// Wall clock (ns) just before listing: what was seen is at least this recent.
    pub stamp: i64,
    pub started: Instant,
    /// The names as listed, to keep for the next listing (None: not listed, or not to be trusted).
    pub names: Option<Names>,
}

impl Listing {
    pub fn path(&self, name: &str) -> PathBuf {
        self.base.join(name)
    }
}

/// What the last sync stored about the listing it compared.
#[derive(Debug, Default)]
pub(super) struct Seen {
    /// Counts the syncs that wrote: a sync stores its fingerprint only if no
    /// other wrote between its reading of the files table and its own write.
    pub generation: i64,
    pub fingerprint: Option<Vec<u8>>,
    pub stamp: Option<i64>,
}

impl Seen {
    /// The index holds exactly what `listing` saw.
    pub fn is_current(&self, listing: &Listing) -> bool {
        self.fingerprint.as_deref() == Some(&listing.fingerprint[..]) && !self.racy(listing.newest)
    }

    /// A file changed at `mtime` may have changed again unseen since it was read.
    pub fn racy(&self, mtime: i64) -> bool {
        self.stamp.is_some_and(|s| mtime >= s.saturating_sub(RACY))
    }
}

impl LibraryIndex {
    /// What the last sync stored (nothing in an index that no sync completed).
    pub(super) fn seen(&self) -> rusqlite::Result<Seen> {
        Ok(self
            .conn
            .query_row("SELECT gen, fingerprint, stamp FROM fresh", [], |r| {
                Ok(Seen {
                    generation: r.get(0)?,
                    fingerprint: r.get(1)?,
                    stamp: r.get(2)?,
                })
            })
            .optional()?
            .unwrap_or_default())
    }

    /// Opens the index of `config`'s `folder` and answers `ask` from it, current
    /// with the files. The question is asked while the folders are listed; if the
    /// listing then shows a change, the index is brought up to date and asked again.
    pub fn ask<T>(
        config: &Config,
        folder: &Path,
        ask: impl Fn(&LibraryIndex) -> rusqlite::Result<T>,
    ) -> Result<(LibraryIndex, SyncReport, T), IndexError> {
        let annotations = config.annotations_dir.as_path();
        let mut index = LibraryIndex::open(&index_path(config, folder))?;
        index.folder = folder.to_path_buf();
        // Pages read in place from the file cache, not copied into SQLite's own.
        let _ = index.conn.pragma_update(None, "mmap_size", MMAP);
        let hint = index.names().ok().flatten();
        std::thread::scope(|scope| {
            let listing = scope.spawn(|| scan_hinted(folder, annotations, hint.as_ref()));
            // One read transaction: the answer comes from the state the fingerprint describes.
            let early = index.ask_in_snapshot(&ask);
            let listing = listing.join().unwrap_or_else(|_| scan(folder, annotations));
            if let Ok((seen, broken, answer)) = early
                && seen.is_current(&listing)
            {
                let report = listing.current(broken);
                return Ok((index, report, answer));
            }
            let report = index.sync_listed(folder, annotations, listing)?;
            let answer = ask(&index).map_err(|e| index.error(e))?;
            Ok((index, report, answer))
        })
    }

    fn ask_in_snapshot<T>(
        &self,
        ask: &impl Fn(&LibraryIndex) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<(Seen, usize, T)> {
        let tx = self.conn.unchecked_transaction()?;
        let seen = self.seen()?;
        if seen.fingerprint.is_none() {
            // Not current whatever the listing says: do not spend the time.
            return Err(rusqlite::Error::QueryReturnedNoRows);
        }
        let broken = self.broken()?;
        let answer = ask(self)?;
        tx.commit()?;
        Ok((seen, broken, answer))
    }

    /// The names of the last listing of the briefings folder, if kept.
    pub(super) fn names(&self) -> rusqlite::Result<Option<Names>> {
        let row = self
            .conn
            .query_row("SELECT folder, folder_mtime, names FROM fresh", [], |r| {
                Ok((
                    r.get::<_, Option<i64>>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, Option<Vec<u8>>>(2)?,
                ))
            })
            .optional()?;
        Ok(match row {
            Some((Some(id), Some(mtime), Some(joined))) => Names::split((id, mtime), &joined),
            _ => None,
        })
    }

    /// Lists the folders, from the names kept if the folder is unchanged.
    pub(super) fn listing(&self, folder: &Path, annotations: &Path) -> Listing {
        let hint = self.names().ok().flatten();
        scan_hinted(folder, annotations, hint.as_ref())
    }

    pub(super) fn broken(&self) -> rusqlite::Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM files WHERE problem IS NOT NULL", [], |r| {
                r.get(0)
            })
    }
}

/// Stores what `listing` saw, in the transaction that brought the index up to
/// date with it (`wrote`: it changed rows). Only if no other sync wrote since
/// `seen` was read together with the files table: otherwise the rows are not
/// all this listing's, and the next sync compares them again.
pub(super) fn remember(
    tx: &rusqlite::Transaction,
    seen: &Seen,
    listing: &Listing,
    wrote: bool,
) -> rusqlite::Result<()> {
    let sql = if wrote {
        // The stamp only moves back when another sync wrote: its racy files stay racy.
        "UPDATE fresh SET fingerprint = CASE WHEN gen = ?1 THEN ?2 END,
             stamp = CASE WHEN gen = ?1 THEN ?3 ELSE min(coalesce(stamp, ?3), ?3) END,
             gen = gen + 1"
    } else {
        "UPDATE fresh SET fingerprint = ?2, stamp = ?3 WHERE gen = ?1"
    };
    tx.execute(
        sql,
        rusqlite::params![seen.generation, listing.fingerprint, listing.stamp],
    )?;
    // The names stand on their own (the folder's time vouches for them), whoever wrote.
    if let Some(names) = &listing.names {
        tx.execute(
            "UPDATE fresh SET folder = ?1, folder_mtime = ?2, names = ?3",
            rusqlite::params![names.folder.0, names.folder.1, names.joined()],
        )?;
    }
    Ok(())
}

impl Listing {
    /// The report of a sync that found nothing to do.
    pub fn current(self, broken: usize) -> SyncReport {
        SyncReport {
            files: self.files.len(),
            unchanged: self.files.len(),
            broken,
            elapsed: self.started.elapsed(),
            missing: self.missing,
            ..SyncReport::default()
        }
    }
}

/// Lists and stats the briefing files of `folder` and the sidecars in `annotations`.
pub(super) fn scan(folder: &Path, annotations: &Path) -> Listing {
    scan_hinted(folder, annotations, None)
}

/// [`scan`], taking the names from `hint` if the folder is as it was then.
pub(super) fn scan_hinted(folder: &Path, annotations: &Path, hint: Option<&Names>) -> Listing {
    let started = Instant::now();
    let stamp = mtime(Some(SystemTime::now()));
    let mut missing = Vec::new();
    let mut names = None;
    let hinted = hint.and_then(|h| stat_names(folder, h));
    let (base, files) = if let Some(files) = hinted {
        (folder.to_path_buf(), files)
    } else {
        // The folder as it is before it is listed: a change while listing shows next time.
        let before = folder_id(folder);
        let listed = folder.is_dir().then(|| std::fs::read_dir(folder).ok()).flatten();
        match listed {
            Some(entries) => {
                let (files, plain) = list_dir(folder, entries, &mut missing);
                // Kept only if the folder's time cannot hide a later change (see RACY).
                names = before
                    .filter(|&(_, t)| plain && t < stamp.saturating_sub(RACY))
                    .map(|folder| Names {
                        folder,
                        names: files.iter().map(|f| f.name.clone()).collect(),
                    });
                (folder.to_path_buf(), files)
            }
            // A single file, or a folder that cannot be read: the loader's rules and messages.
            None => {
                let files = briefing_files(&[folder.to_path_buf()], &mut missing);
                let base = folder.parent().unwrap_or(Path::new("")).to_path_buf();
                (base, files.iter().map(|p| stat_path(p)).collect())
            }
        }
    };
    let (sidecars, sidecar_mtimes) = sidecar_stamps(annotations);
    let mut print = Print::new(folder, annotations);
    let mut newest = i64::MIN;
    for f in &files {
        print.add(b'f', f.name.as_bytes(), &f.size.to_le_bytes(), f.mtime);
        newest = newest.max(f.mtime);
    }
    for (id, stamp) in &sidecars {
        let mtime = sidecar_mtimes.get(id).copied().unwrap_or(0);
        print.add(b's', id.as_bytes(), stamp.as_bytes(), mtime);
        newest = newest.max(mtime);
    }
    Listing {
        base,
        fingerprint: print.finish(files.len(), sidecars.len()),
        files,
        missing,
        sidecars,
        sidecar_mtimes,
        newest,
        stamp,
        started,
        names,
    }
}

/// The names of a folder's briefing files and the folder (identity, mtime) they
/// were listed in: while the folder keeps that time, no entry was added,
/// removed or renamed, so the names need no listing (only their stats).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Names {
    pub folder: (i64, i64),
    pub names: Vec<String>,
}

impl Names {
    /// The names as stored: separated by NUL, which no file name holds.
    pub fn joined(&self) -> Vec<u8> {
        self.names.join("\0").into_bytes()
    }

    pub fn split(folder: (i64, i64), joined: &[u8]) -> Option<Names> {
        let text = std::str::from_utf8(joined).ok()?;
        let names = if text.is_empty() {
            Vec::new()
        } else {
            text.split('\0').map(str::to_string).collect()
        };
        Some(Names { folder, names })
    }
}

/// A folder's identity (device, inode and path, hashed) and modification time.
#[cfg(unix)]
fn folder_id(folder: &Path) -> Option<(i64, i64)> {
    use std::os::unix::fs::MetadataExt as _;
    let m = std::fs::metadata(folder).ok()?;
    m.is_dir().then(|| {
        let mut h = Fnv::default();
        h.write(&m.dev().to_le_bytes());
        h.write(&m.ino().to_le_bytes());
        h.write(folder.as_os_str().as_encoded_bytes());
        (h.finish() as i64, nanos(m.mtime(), m.mtime_nsec()))
    })
}

#[cfg(not(unix))]
fn folder_id(_folder: &Path) -> Option<(i64, i64)> {
    None
}

/// Nanoseconds since the epoch, as [`mtime`] gives them (0 before it).
#[cfg(unix)]
fn nanos(secs: i64, nsec: i64) -> i64 {
    if secs < 0 {
        0
    } else {
        secs.saturating_mul(1_000_000_000).saturating_add(nsec)
    }
}

/// Stats the kept names relative to the folder if it is the one they were
/// listed in, at the same time; None (list it) otherwise, or if any name is
/// no longer a regular file.
#[cfg(unix)]
fn stat_names(folder: &Path, hint: &Names) -> Option<Vec<Stat>> {
    use rustix::fs::{AtFlags, FileType, Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    let dir = rustix::fs::open(folder, flags, Mode::empty()).ok()?;
    if folder_id(folder)? != hint.folder {
        return None;
    }
    let stat_share = |share: &[String]| -> Option<Vec<Stat>> {
        share
            .iter()
            .map(|name| {
                let st = rustix::fs::statat(&dir, name.as_str(), AtFlags::SYMLINK_NOFOLLOW).ok()?;
                let regular = FileType::from_raw_mode(st.st_mode) == FileType::RegularFile;
                regular.then(|| Stat {
                    name: name.clone(),
                    size: st.st_size,
                    mtime: nanos(st.st_mtime, st.st_mtime_nsec as i64),
                })
            })
            .collect()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, hint.names.len().div_ceil(PER_THREAD).max(1));
    let chunk = hint.names.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let mut shares = hint.names.chunks(chunk);
        let first = shares.next().unwrap_or_default();
        let others: Vec<_> = shares.map(|c| scope.spawn(move || stat_share(c))).collect();
        let mut stats = stat_share(first)?;
        for handle in others {
            stats.extend(handle.join().ok()??);
        }
        Some(stats)
    })
}

#[cfg(not(unix))]
fn stat_names(_folder: &Path, _hint: &Names) -> Option<Vec<Stat>> {
    None
}

/// The `.toml` files of a folder: plain files from the listing, anything else
/// (links, folders, devices named *.toml) by the loader's rules.
/// Also says whether every one was a plain file with a UTF-8 name.
fn list_dir(folder: &Path, entries: std::fs::ReadDir, missing: &mut Vec<Skipped>) -> (Vec<Stat>, bool) {
    let mut plain = Vec::new();
    let mut odd = false;
    let mut lossy = false;
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name();
        if Path::new(&name).extension().is_none_or(|x| x != "toml") {
            continue;
        }
        if e.file_type().is_ok_and(|t| t.is_file()) {
            let name = name.into_string().unwrap_or_else(|n| {
                lossy = true;
                n.to_string_lossy().into_owned()
            });
            plain.push((e, name));
        } else {
            odd = true;
        }
    }
    let names: HashSet<String> = if odd {
        plain.iter().map(|(_, n)| n.clone()).collect()
    } else {
        HashSet::default()
    };
    let mut stats = stat_all(plain);
    if odd {
        for path in briefing_files(&[folder.to_path_buf()], missing) {
            if !names.contains(&file_key(&path)) {
                stats.push(stat_path(&path));
            }
        }
    }
    (stats, !odd && !lossy)
}

/// Stats each entry relative to its folder, the work split over the cores.
fn stat_all(mut entries: Vec<(DirEntry, String)>) -> Vec<Stat> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, entries.len().div_ceil(PER_THREAD).max(1));
    let chunk = entries.len().div_ceil(threads).max(1);
    let mut shares = Vec::new();
    while entries.len() > chunk {
        let rest = entries.split_off(chunk);
        shares.push(std::mem::replace(&mut entries, rest));
    }
    let stat_share = |share: Vec<(DirEntry, String)>| share.into_iter().map(stat_entry).collect::<Vec<_>>();
    std::thread::scope(|scope| {
        let others: Vec<_> = shares
            .into_iter()
            .map(|share| scope.spawn(move || stat_share(share)))
            .collect();
        let mut stats = stat_share(entries);
        for handle in others {
            match handle.join() {
                Ok(share) => stats.extend(share),
                // Cannot happen (nothing in a share panics); if it did, files would
                // look removed: give up on the listing rather than drop them.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        stats
    })
}

fn stat_entry((e, name): (DirEntry, String)) -> Stat {
    let (size, mtime) = sized(e.metadata().ok());
    Stat { name, size, mtime }
}

/// Follows links, as reading the file will.
fn stat_path(path: &Path) -> Stat {
    let (size, mtime) = sized(std::fs::metadata(path).ok());
    Stat {
        name: file_key(path),
        size,
        mtime,
    }
}

/// Size and modification time (nanoseconds), or zeros for a file that vanished.
fn sized(meta: Option<Metadata>) -> (i64, i64) {
    meta.map_or((0, 0), |m| (m.len() as i64, mtime(m.modified().ok())))
}

/// How a file is named in the index: its file name (the folder is the index's).
pub(super) fn file_key(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy())
        .into_owned()
}

fn mtime(t: Option<SystemTime>) -> i64 {
    t.and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64)
}

type Stamps = (HashMap<String, String>, HashMap<String, i64>);

/// Each sidecar's `size:mtime` and its time, by briefing id: one folder listing.
fn sidecar_stamps(dir: &Path) -> Stamps {
    let mut stamps = Stamps::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return stamps;
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(id) = name.strip_suffix(".toml") else {
            continue;
        };
        if !crate::model::is_valid_id(id) {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        let (size, mtime) = sized(Some(meta));
        stamps.0.insert(id.to_string(), format!("{size}:{mtime}"));
        stamps.1.insert(id.to_string(), mtime);
    }
    stamps
}

/// An order-free fingerprint: two 64-bit sums of one hash per entry (a change
/// goes unseen only if its entry's hash stays the same: about 2^-64 per lane).
struct Print {
    sums: [u64; 2],
    folders: u64,
}

impl Print {
    fn new(folder: &Path, annotations: &Path) -> Print {
        let mut h = Fnv::default();
        h.write(folder.as_os_str().as_encoded_bytes());
        h.write(&[0]);
        h.write(annotations.as_os_str().as_encoded_bytes());
        Print {
            sums: [0; 2],
            folders: h.finish(),
        }
    }

    fn add(&mut self, tag: u8, name: &[u8], detail: &[u8], mtime: i64) {
        let mut h = Fnv::default();
        h.write(&[tag]);
        h.write(name);
        h.write(&[0]);
        h.write(detail);
        let n = h.finish();
        let t = fmix(mtime as u64);
        self.sums[0] = self.sums[0].wrapping_add(fmix(n ^ t));
        self.sums[1] = self.sums[1].wrapping_add(fmix(n.rotate_left(32) ^ t ^ 0x9e37_79b9_7f4a_7c15));
    }

    fn finish(&self, files: usize, sidecars: usize) -> Vec<u8> {
        [
            self.sums[0],
            self.sums[1],
            self.folders,
            files as u64,
            sidecars as u64,
        ]
        .iter()
        .flat_map(|n| n.to_le_bytes())
        .collect()
    }
}

/// MurmurHash3's finaliser: every input bit moves every output bit.
fn fmix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::{self, File};
    use std::time::Duration;

    fn set_mtime(path: &Path, t: SystemTime) {
        let file = File::options().write(true).open(path).unwrap();
        file.set_modified(t).unwrap();
    }

    #[test]
    fn the_fingerprint_follows_every_kind_of_change_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let (folder, notes) = (dir.path().join("b"), dir.path().join("a"));
        fs::create_dir_all(&folder).unwrap();
        fs::create_dir_all(&notes).unwrap();
        let past = SystemTime::now() - Duration::from_secs(600);
        for name in ["one.toml", "two.toml"] {
            fs::write(folder.join(name), "schema = 1").unwrap();
            set_mtime(&folder.join(name), past);
        }
        fs::write(folder.join("notes.md"), "not a briefing").unwrap();
        let print = || scan(&folder, &notes).fingerprint;
        let first = print();
        assert_eq!(print(), first, "the same listing, the same fingerprint");
        assert_eq!(scan(&folder, &notes).files.len(), 2);

        fs::write(folder.join("notes.md"), "still not a briefing, longer").unwrap();
        assert_eq!(print(), first, "other files do not count");

        set_mtime(&folder.join("one.toml"), past + Duration::from_nanos(1));
        let touched = print();
        assert_ne!(touched, first, "a time one nanosecond later");

        fs::write(folder.join("one.toml"), "schema = 2").unwrap();
        set_mtime(&folder.join("one.toml"), past + Duration::from_nanos(1));
        assert_eq!(
            print(),
            touched,
            "same size and time: only the racy rule catches it"
        );
        fs::write(folder.join("one.toml"), "schema = 22").unwrap();
        set_mtime(&folder.join("one.toml"), past + Duration::from_nanos(1));
        let grown = print();
        assert_ne!(grown, touched, "another size");

        fs::rename(folder.join("two.toml"), folder.join("three.toml")).unwrap();
        let renamed = print();
        assert_ne!(renamed, grown, "a rename");

        fs::write(notes.join("one.toml"), "note").unwrap();
        let annotated = print();
        assert_ne!(annotated, renamed, "a sidecar");
        fs::write(notes.join("_library.toml"), "decisions").unwrap();
        assert_eq!(print(), annotated, "the decisions file is not a sidecar");

        fs::remove_file(folder.join("three.toml")).unwrap();
        assert_ne!(print(), annotated, "a removal");
        assert_ne!(scan(&folder, &dir.path().join("elsewhere")).fingerprint, print());
    }

    #[test]
    fn a_listing_is_current_only_if_nothing_is_near_the_last_sync() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("one.toml"), "schema = 1").unwrap();
        let listing = scan(dir.path(), &dir.path().join("notes"));
        assert!(listing.stamp > 0);
        assert!(listing.newest <= mtime(Some(SystemTime::now())));
        let seen = |stamp: i64| Seen {
            generation: 0,
            fingerprint: Some(listing.fingerprint.clone()),
            stamp: Some(stamp),
        };
        // Written just now: within RACY of a sync that listed it.
        assert!(!seen(listing.stamp).is_current(&listing));
        assert!(seen(listing.newest + RACY + 1).is_current(&listing));
        assert!(!seen(listing.newest + RACY).is_current(&listing));
        let other = Seen {
            fingerprint: Some(vec![0; listing.fingerprint.len()]),
            ..seen(listing.newest + RACY + 1)
        };
        assert!(!other.is_current(&listing));
        assert!(!Seen::default().is_current(&listing), "no sync stored one");
    }
}
