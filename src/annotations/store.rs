//! The sidecar on disk: where it lives, the lock, atomic writes with a backup,
//! and setting aside a file that cannot be read.
//!
//! Every change is a transaction: take an exclusive lock on `<id>.toml.lock`,
//! re-read the sidecar, apply the change to what is on disk (merging by
//! annotation id, newest `modified` wins), write a temporary file in the same
//! folder, fsync it, hard-link the current file as `<id>.toml.bak`, rename the
//! temporary file over `<id>.toml`, fsync the folder, release the lock. A crash
//! at any point leaves the old or the new file, never a torn one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::annotations::sidecar::{self, Parsed, Sidecar};
use crate::diagnostic::Diagnostic;
use crate::load::decode;
use crate::model::plural;
use crate::text::escape_path;
use std::fmt::Write as _;

/// Something went wrong writing or reading a sidecar's folder.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot write the annotations of {}: {reason}", path.display())]
    Render { path: PathBuf, reason: String },
    #[error("{0}")]
    Invalid(String),
}

impl From<crate::atomic::Failure> for StoreError {
    fn from(f: crate::atomic::Failure) -> StoreError {
        StoreError::Io {
            action: f.action,
            path: f.path,
            source: f.source,
        }
    }
}

fn io_error<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> StoreError + 'a {
    move |source| StoreError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// The files of one briefing's sidecar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarFiles {
    pub dir: PathBuf,
    pub briefing: String,
}

impl SidecarFiles {
    /// `briefing` must be a valid briefing id (lowercase letters, digits, `-`),
    /// which every loaded briefing has.
    pub fn new(dir: &Path, briefing: &str) -> SidecarFiles {
        SidecarFiles {
            dir: dir.to_path_buf(),
            briefing: briefing.to_string(),
        }
    }

    /// `<dir>/<id>.toml`.
    pub fn path(&self) -> PathBuf {
        self.dir.join(format!("{}.toml", self.briefing))
    }
    /// `<dir>/<id>.toml.lock`: held while writing; never deleted.
    pub fn lock_path(&self) -> PathBuf {
        self.dir.join(format!("{}.toml.lock", self.briefing))
    }
    /// `<dir>/<id>.toml.bak`: the version before the last write.
    pub fn backup_path(&self) -> PathBuf {
        self.dir.join(format!("{}.toml.bak", self.briefing))
    }
    fn temp_prefix(&self) -> String {
        format!(".{}.toml.tmp-", self.briefing)
    }
    fn temp_path(&self, what: &str) -> PathBuf {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        self.dir
            .join(format!("{}{what}-{}-{n}", self.temp_prefix(), std::process::id()))
    }
    /// A new name for an unreadable sidecar: `<id>.toml.unreadable-<UTC time>[-n]`.
    fn set_aside_path(&self) -> PathBuf {
        let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
        let base = format!("{}.toml.unreadable-{stamp}", self.briefing);
        let mut candidate = self.dir.join(&base);
        let mut n = 1;
        while candidate.exists() {
            n += 1;
            candidate = self.dir.join(format!("{base}-{n}"));
        }
        candidate
    }
}

/// A sidecar read from disk.
#[derive(Debug, Clone, Default)]
pub struct ReadResult {
    pub parsed: Parsed,
    /// Whether the file exists.
    pub exists: bool,
}

/// Reads the sidecar without locking (writes are atomic renames, so a reader sees
/// a whole file). A missing file is an empty sidecar; an unreadable one gives
/// diagnostics in `parsed.errors`.
pub fn read(files: &SidecarFiles) -> ReadResult {
    let path = files.path();
    let bytes = match fs::symlink_metadata(&path) {
        // Only a regular file (or a link to one) is read: a FIFO would block.
        Ok(_) => crate::load::read_limited(&path, crate::load::DEFAULT_MAX_BYTES),
        Err(e) => Err(e.to_string()),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(_) if fs::symlink_metadata(&path).is_err() => {
            return ReadResult {
                parsed: Parsed {
                    sidecar: Sidecar::new(&files.briefing),
                    ..Parsed::default()
                },
                exists: false,
            };
        }
        Err(e) => {
            return ReadResult {
                parsed: Parsed {
                    sidecar: Sidecar::new(&files.briefing),
                    errors: vec![Diagnostic::whole_file(&path, e)],
                    ..Parsed::default()
                },
                exists: true,
            };
        }
    };
    let parsed = match decode(&path, &bytes) {
        Ok(source) => sidecar::parse(&path, &source, &files.briefing),
        Err(errors) => Parsed {
            sidecar: Sidecar::new(&files.briefing),
            errors,
            ..Parsed::default()
        },
    };
    ReadResult {
        parsed: restore_from_backup(files, parsed),
        exists: true,
    }
}

/// For a torn sidecar: annotations lost in the tear that the backup (the version
/// before the last write) still holds whole are taken from it.
fn restore_from_backup(files: &SidecarFiles, mut parsed: Parsed) -> Parsed {
    let Some(recovery) = parsed.recovery.as_mut().filter(|r| !r.lost.is_empty()) else {
        return parsed;
    };
    let Ok(bytes) = fs::read(files.backup_path()) else {
        return parsed;
    };
    let Ok(source) = decode(&files.backup_path(), &bytes) else {
        return parsed;
    };
    let backup = sidecar::parse(&files.backup_path(), &source, &files.briefing).sidecar;
    for id in &recovery.lost {
        let found = backup.annotations.iter().find(|a| a.id.to_string() == *id);
        if let Some(a) = found
            && parsed.sidecar.annotation(a.id).is_none()
        {
            parsed.sidecar.merge_annotation(a.clone());
            recovery.from_backup.push(id.clone());
        }
    }
    parsed.sidecar.sort();
    parsed
}

/// What a transaction found and did besides the change itself.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// The sidecar as written (everything on disk, merged with the change).
    pub sidecar: Sidecar,
    /// Where an unreadable sidecar was moved before writing, with its problems.
    pub set_aside: Option<SetAside>,
    pub warnings: Vec<Diagnostic>,
}

/// An unreadable sidecar that was moved out of the way, never overwritten.
#[derive(Debug, Clone)]
pub struct SetAside {
    pub from: PathBuf,
    pub to: PathBuf,
    pub problems: Vec<Diagnostic>,
    /// How many annotations and actor grades were read and carried over.
    pub carried: (usize, usize),
    /// For a torn file: where it was cut, and what came from the backup.
    pub recovery: Option<sidecar::Recovery>,
}

impl SetAside {
    /// One paragraph for the user: what was wrong, and where the file is now.
    pub fn message(&self) -> String {
        let problems: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        format!("{}\n{}", problems.join("\n"), self.summary())
    }

    /// [`SetAside::message`] without the problems, for when they were shown already:
    /// where the file went, and exactly what was carried over and what was not.
    pub fn summary(&self) -> String {
        let (annotations, grades) = self.carried;
        let mut text = format!(
            "{} could not be read, so it was set aside as {} (nothing in it is lost). Carried over: {annotations} annotation{} and {grades} source grade{}:",
            escape_path(&self.from),
            escape_path(&self.to),
            plural(annotations),
            plural(grades),
        );
        match &self.recovery {
            Some(r) => {
                let _ = write!(text, " every whole entry before line {}", r.cut_line);
                if !r.from_backup.is_empty() {
                    let _ = write!(
                        text,
                        ", and annotation{} {} from line {} on, taken from the backup as it was saved the time before",
                        plural(r.from_backup.len()),
                        r.from_backup.join(", "),
                        r.cut_line
                    );
                }
                let missing: Vec<&str> = r
                    .lost
                    .iter()
                    .filter(|id| !r.from_backup.contains(id))
                    .map(String::as_str)
                    .collect();
                let _ = match (missing.is_empty(), r.from_backup.is_empty()) {
                    (true, false) => write!(
                        text,
                        ". Not carried over: any change to {} in the last save, and anything else from line {} on; compare with the set-aside file.",
                        if r.from_backup.len() == 1 { "it" } else { "them" },
                        r.cut_line
                    ),
                    (true, true) => write!(
                        text,
                        ". Not carried over: everything from line {} on; merge it back from the set-aside file by hand.",
                        r.cut_line
                    ),
                    (false, _) => write!(
                        text,
                        ". Not carried over: everything from line {} on, including annotation{} {}; merge it back from the set-aside file by hand.",
                        r.cut_line,
                        plural(missing.len()),
                        missing.join(", ")
                    ),
                };
            }
            None => text.push_str(
                ". Not carried over: the entries with the problems above; merge them back from the set-aside file by hand.",
            ),
        }
        text
    }
}

/// Locks the sidecar, re-reads it, lets `change` edit what is on disk, and writes
/// the result atomically. `change` returns `false` to skip writing.
pub fn transact(
    files: &SidecarFiles,
    change: impl FnOnce(&mut Sidecar) -> bool,
) -> Result<Written, StoreError> {
    fs::create_dir_all(&files.dir).map_err(io_error("create the annotations folder", &files.dir))?;
    let lock = crate::atomic::lock_exclusive(&files.lock_path())?;

    remove_stale_temps(files);
    refuse_links(files)?;
    let current = read(files);
    let mut written = Written {
        warnings: current.parsed.warnings,
        ..Written::default()
    };
    let mut sidecar = current.parsed.sidecar;
    if current.exists && !current.parsed.errors.is_empty() {
        let from = files.path();
        let to = files.set_aside_path();
        fs::rename(&from, &to).map_err(io_error("set aside the unreadable sidecar", &from))?;
        sync_dir(&files.dir)?;
        written.set_aside = Some(SetAside {
            from,
            to,
            problems: current.parsed.errors,
            carried: (sidecar.annotations.len(), sidecar.actors.len()),
            recovery: current.parsed.recovery,
        });
    }
    if change(&mut sidecar) {
        sidecar.sort();
        let text = sidecar::render(&sidecar).map_err(|e| StoreError::Render {
            path: files.path(),
            reason: e.to_string(),
        })?;
        write_atomic(files, text.as_bytes())?;
    }
    written.sidecar = sidecar;
    drop(lock); // closing the file releases the lock
    Ok(written)
}

/// A sidecar that is a symbolic link is not replaced by a plain file (which
/// would silently cut the link) nor written through: the change is refused.
fn refuse_links(files: &SidecarFiles) -> Result<(), StoreError> {
    let path = files.path();
    match fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => {
            let to = fs::read_link(&path).map(|t| escape_path(&t)).unwrap_or_default();
            Err(StoreError::Invalid(format!(
                "{} is a symbolic link (to {to}); annotations are saved only to a plain file, so nothing was changed. Replace the link with the file it points to, or set `annotations_dir` to that file's folder",
                escape_path(&path)
            )))
        }
        _ => Ok(()),
    }
}

/// Temporary files left by a writer that died mid-save. Only called with the lock
/// held, so no live writer owns them.
fn remove_stale_temps(files: &SidecarFiles) {
    let prefix = files.temp_prefix();
    let Ok(entries) = fs::read_dir(&files.dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Temp file, fsync, backup link, rename, fsync of the folder.
fn write_atomic(files: &SidecarFiles, bytes: &[u8]) -> Result<(), StoreError> {
    let target = files.path();
    let temp = files.temp_path("new");
    crate::atomic::replace(&target, &temp, bytes, || backup(files, &target))
}

/// Keeps the current file as `<id>.toml.bak`: hard-linked (or copied where links
/// are not supported) to a temporary name, then renamed, so the backup is itself
/// always whole and the main file is never missing.
fn backup(files: &SidecarFiles, target: &Path) -> Result<(), StoreError> {
    if !target.exists() {
        return Ok(());
    }
    let temp = files.temp_path("bak");
    if fs::hard_link(target, &temp).is_err() {
        fs::copy(target, &temp).map_err(io_error("back up", target))?;
    }
    let backup = files.backup_path();
    let renamed = fs::rename(&temp, &backup).map_err(io_error("back up to", &backup));
    // When the backup already is the current file (a writer died between its
    // backup and its rename), rename does nothing and leaves the temporary link.
    let _ = fs::remove_file(&temp);
    renamed
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    Ok(crate::atomic::sync_dir(dir)?)
}

/// Identity of the file on disk, to notice changes made by another process.
pub fn file_stamp(path: &Path) -> Option<(std::time::SystemTime, u64, u64)> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((meta.modified().ok()?, meta.len(), inode))
}

/// What [`move_grade`] did with a merged actor's source grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeMove {
    /// The merged actor had no grade.
    Nothing,
    /// Its grade now belongs to the actor it was merged into.
    Moved,
    /// Both had one: the target keeps its own, the other stays under the old id.
    BothKept,
}

/// A merged actor's source-reliability grade follows it to the actor it was
/// merged into, unless that one has its own grade.
pub fn move_grade(files: &SidecarFiles, from: &str, into: &str) -> Result<GradeMove, StoreError> {
    let current = read(files);
    let has = |id: &str| current.parsed.sidecar.actors.iter().any(|g| g.actor == id);
    if !current.exists || !has(from) {
        return Ok(GradeMove::Nothing);
    }
    if has(into) {
        return Ok(GradeMove::BothKept);
    }
    transact(files, |sidecar| {
        let mut changed = false;
        if !sidecar.actors.iter().any(|g| g.actor == into) {
            for g in sidecar.actors.iter_mut().filter(|g| g.actor == from) {
                g.actor = into.to_string();
                changed = true;
            }
        }
        changed
    })?;
    Ok(GradeMove::Moved)
}
