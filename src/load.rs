//! Reading briefings from disk and validating them. Every problem is reported
//! with its file, line and column; one broken file never hides the others.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::hash::HashSet;
use crate::index::Index;
use crate::model::*;
use crate::text::{escape, escape_path, has_visible_text, sanitize_owned};

pub const SCHEMA: i64 = 1;

/// A briefing that passed validation, with its derived index.
#[derive(Debug, Clone)]
pub struct LoadedBriefing {
    pub path: PathBuf,
    pub briefing: Briefing,
    pub index: Index,
}

/// A file that could not be loaded, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
    /// Not a briefing file at all (a folder, a device, a FIFO, a broken or
    /// looping link): left alone rather than invalid.
    pub not_a_file: bool,
}

impl Skipped {
    fn new(path: PathBuf, diagnostics: Vec<Diagnostic>) -> Skipped {
        Skipped {
            path,
            diagnostics,
            not_a_file: false,
        }
    }

    fn not_a_file(path: PathBuf, what: &str) -> Skipped {
        let message = format!("skipped: {what}, not a briefing file");
        Skipped {
            diagnostics: vec![Diagnostic::whole_file(&path, message)],
            path,
            not_a_file: true,
        }
    }
}

/// The largest briefing file read by default: far above any real article,
/// far below what would hurt (`max_file_mb` in the config changes it).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Everything found under the given paths: the good briefings and the skipped files.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub briefings: Vec<LoadedBriefing>,
    pub skipped: Vec<Skipped>,
}

impl Library {
    /// Loads every `.toml` file of each folder (sorted by name) and every file given,
    /// using every core. Briefing ids must be unique across the library: the first
    /// in path order is kept.
    pub fn load(paths: &[PathBuf]) -> Library {
        Library::load_limited(paths, DEFAULT_MAX_BYTES)
    }

    /// [`Library::load`], reading no file larger than `max_bytes`.
    pub fn load_limited(paths: &[PathBuf], max_bytes: u64) -> Library {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Library::load_with(paths, threads, max_bytes)
    }

    /// [`Library::load`] on at most `threads` threads.
    pub fn load_with_threads(paths: &[PathBuf], threads: usize) -> Library {
        Library::load_with(paths, threads, DEFAULT_MAX_BYTES)
    }

    /// [`Library::load_limited`] on at most `threads` threads. The result does not depend
    /// on the number of threads: files are parsed in parallel, then added in order.
    pub fn load_with(paths: &[PathBuf], threads: usize, max_bytes: u64) -> Library {
        let mut library = Library::default();
        let files = briefing_files(paths, &mut library.skipped);
        let load = |f: &PathBuf| load_file_limited(f, max_bytes);
        // Threads only pay off for a library, not for a file or two.
        let threads = threads.clamp(1, files.len().div_ceil(16).max(1));
        let chunk = files.len().div_ceil(threads).max(1);
        let results: Vec<Result<LoadedBriefing, Vec<Diagnostic>>> = if threads == 1 {
            files.iter().map(load).collect()
        } else {
            std::thread::scope(|scope| {
                let workers: Vec<_> = files
                    .chunks(chunk)
                    .map(|part| scope.spawn(move || part.iter().map(load).collect::<Vec<_>>()))
                    .collect();
                workers
                    .into_iter()
                    .zip(files.chunks(chunk))
                    .flat_map(|(worker, part)| {
                        // A worker that panicked loses only its own files, reported as such.
                        worker.join().unwrap_or_else(|_| {
                            part.iter()
                                .map(|f| {
                                    Err(vec![Diagnostic::whole_file(
                                        f,
                                        "internal error while loading this file",
                                    )])
                                })
                                .collect()
                        })
                    })
                    .collect()
            })
        };
        for (file, result) in files.into_iter().zip(results) {
            match result {
                Ok(loaded) => library.add(loaded),
                Err(diagnostics) => library.skipped.push(Skipped::new(file, diagnostics)),
            }
        }
        library
    }

    /// Adds a briefing unless its id is taken.
    pub fn add(&mut self, loaded: LoadedBriefing) {
        if let Some(first) = self.get(&loaded.briefing.id) {
            let message = format!(
                "briefing id `{}` is already used by {}, which is kept; set a different `id` in one of the two",
                loaded.briefing.id,
                escape_path(&first.path)
            );
            self.skipped.push(Skipped::new(
                loaded.path.clone(),
                vec![Diagnostic::whole_file(&loaded.path, message)],
            ));
        } else {
            self.briefings.push(loaded);
        }
    }

    pub fn get(&self, id: &str) -> Option<&LoadedBriefing> {
        self.briefings.iter().find(|b| b.briefing.id == id)
    }

    /// Files that are briefings but could not be loaded.
    pub fn invalid(&self) -> impl Iterator<Item = &Skipped> {
        self.skipped.iter().filter(|s| !s.not_a_file)
    }

    /// One line saying how many files were skipped, for the CLI and the reader.
    pub fn skipped_summary(&self) -> Option<String> {
        skipped_summary(
            &self
                .skipped
                .iter()
                .map(|s| {
                    s.diagnostics
                        .first()
                        .map_or_else(|| escape_path(&s.path), Diagnostic::headline)
                })
                .collect::<Vec<_>>(),
        )
    }
}

/// One line saying how many files were skipped, from each one's first problem
/// (the first few named, the rest counted).
pub fn skipped_summary(headlines: &[String]) -> Option<String> {
    const NAMED: usize = 5;
    match headlines.len() {
        0 => None,
        n => {
            let mut named = headlines[..n.min(NAMED)].to_vec();
            if n > NAMED {
                named.push(format!("and {} more", n - NAMED));
            }
            Some(format!(
                "{n} file{} skipped (run `briefing check` for details): {}",
                if n == 1 { "" } else { "s" },
                named.join("; ")
            ))
        }
    }
}

/// Whether following the link at `path` comes back to a link already passed
/// (`ErrorKind::FilesystemLoop` is not stable, and ELOOP differs by system).
fn link_loops(path: &Path) -> bool {
    let mut seen = Vec::new();
    let mut at = path.to_path_buf();
    for _ in 0..64 {
        let Ok(target) = std::fs::read_link(&at) else {
            return false;
        };
        seen.push(at.clone());
        at = at.parent().unwrap_or(Path::new(".")).join(target);
        if seen.contains(&at) {
            return true;
        }
    }
    true
}

/// What a path is, when it is not a regular file (or a link to one).
fn not_a_regular_file(path: &Path) -> Option<String> {
    let link = std::fs::symlink_metadata(path).ok()?;
    let linked = if link.file_type().is_symlink() {
        match std::fs::metadata(path) {
            Ok(target) => Some(target),
            Err(e) => {
                let target = std::fs::read_link(path).unwrap_or_default();
                let to = escape_path(&target);
                let looping = link_loops(path);
                return Some(if e.kind() == std::io::ErrorKind::NotFound && !looping {
                    format!("a dangling symbolic link (to {to}, which leads to no file)")
                } else if looping {
                    format!("a symbolic link loop (through {to})")
                } else {
                    format!("a symbolic link that cannot be followed ({e})")
                });
            }
        }
    } else {
        None
    };
    let via = if linked.is_some() {
        "a symbolic link to "
    } else {
        ""
    };
    let t = linked.as_ref().unwrap_or(&link).file_type();
    if t.is_file() {
        return None;
    }
    Some(format!("{via}{}", file_type_name(t)))
}

fn file_type_name(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Expands folders into their `.toml` files; a path that does not exist, and
/// anything that is not a regular file, is reported and skipped.
pub fn briefing_files(paths: &[PathBuf], skipped: &mut Vec<Skipped>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match std::fs::read_dir(path) {
                Ok(entries) => {
                    // The entry's type comes with the listing: only what is not
                    // plainly a file costs a stat (10,000 fewer at 10,000 briefings).
                    let mut found: Vec<(PathBuf, bool)> = entries
                        .filter_map(Result::ok)
                        .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_file())))
                        .filter(|(p, _)| p.extension().is_some_and(|e| e == "toml"))
                        .collect();
                    found.sort_by(|(a, _), (b, _)| path_order(a, b));
                    for (p, plain) in found {
                        match if plain { None } else { not_a_regular_file(&p) } {
                            None => files.push(p),
                            Some(what) => skipped.push(Skipped::not_a_file(p, &what)),
                        }
                    }
                }
                Err(e) => skipped.push(Skipped::new(
                    path.clone(),
                    vec![Diagnostic::whole_file(path, format!("cannot read folder: {e}"))],
                )),
            }
        } else if std::fs::symlink_metadata(path).is_err() {
            skipped.push(Skipped::new(
                path.clone(),
                vec![Diagnostic::whole_file(path, "no such file or folder")],
            ));
        } else {
            match not_a_regular_file(path) {
                None => files.push(path.clone()),
                Some(what) => skipped.push(Skipped::not_a_file(path.clone(), &what)),
            }
        }
    }
    files
}

/// File order: by name without the extension, so `rvl.toml` comes before
/// `rvl-copy.toml` (plain byte order puts `-` before `.`).
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let key = |p: &Path| {
        (
            p.file_stem().map(|s| s.to_os_string()),
            p.as_os_str().to_os_string(),
        )
    };
    key(a).cmp(&key(b))
}

/// Reads and validates one briefing file.
pub fn load_file(path: &Path) -> Result<LoadedBriefing, Vec<Diagnostic>> {
    load_file_limited(path, DEFAULT_MAX_BYTES)
}

/// [`load_file`], refusing anything but a regular file of at most `max_bytes`.
pub fn load_file_limited(path: &Path, max_bytes: u64) -> Result<LoadedBriefing, Vec<Diagnostic>> {
    let bytes =
        read_limited(path, max_bytes).map_err(|message| vec![Diagnostic::whole_file(path, message)])?;
    load_bytes(path, bytes)
}

/// Validates one briefing file already read (the library index hashes the bytes first).
pub fn load_bytes(path: &Path, bytes: Vec<u8>) -> Result<LoadedBriefing, Vec<Diagnostic>> {
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => return Err(decode(path, e.as_bytes()).err().unwrap_or_default()),
    };
    let source = source.strip_prefix('\u{FEFF}').unwrap_or(&source);
    let (briefing, index) = parse_and_index(path, source)?;
    Ok(LoadedBriefing {
        path: path.to_path_buf(),
        briefing,
        index,
    })
}

/// The bytes of a regular file of at most `max_bytes`. A FIFO or a device is
/// refused before it is opened (opening a FIFO waits for a writer; a device
/// never ends), and a file that grows while read is cut at the limit.
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    if let Some(what) = not_a_regular_file(path) {
        return Err(format!("not read: it is {what}, not a regular file"));
    }
    let too_big = |size: u64| {
        format!(
            "not read: the file is {}, over the {} limit for a briefing (`max_file_mb` in the config raises it)",
            megabytes(size),
            megabytes(max_bytes)
        )
    };
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("cannot read file: {e}"))?;
    if !meta.is_file() {
        return Err("not read: not a regular file".into());
    }
    if meta.len() > max_bytes {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read file: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn megabytes(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{bytes} bytes")
    }
}

/// Checks the bytes are UTF-8 text, pointing at the first bad byte otherwise.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Vec<Diagnostic>> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.strip_prefix('\u{FEFF}').unwrap_or(s).to_string()),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Err(vec![Diagnostic::at(
                path,
                valid,
                valid.len(),
                format!(
                    "file is not valid UTF-8 (bad byte 0x{:02x}); save it as UTF-8",
                    bytes[e.valid_up_to()]
                ),
            )])
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    schema: Spanned<i64>,
    id: Option<Spanned<String>>,
    title: Spanned<String>,
    publisher: Spanned<String>,
    published: Option<Spanned<String>>,
    url: Option<String>,
    summary: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: Spanned<String>,
    name: Spanned<String>,
    /// Optional here only so that a bad `kind` does not hide the actor's other
    /// problems; [`Checker::required_kind`] reports it missing.
    kind: Option<ActorKind>,
    role: Option<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: Spanned<String>,
    heading: Option<String>,
    text: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    id: Spanned<String>,
    section: Spanned<String>,
    speaker: Option<Spanned<String>>,
    #[serde(default)]
    about: Vec<Spanned<String>>,
    /// Optional for the same reason as [`RawActor::kind`].
    kind: Option<ClaimKind>,
    text: Spanned<String>,
    anchor: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    via: Option<String>,
    #[serde(default)]
    related: Vec<RawRelated>,
    doubt: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelated {
    claim: Spanned<String>,
    relation: Relation,
}

/// Collects the problems of one file as byte offsets; they become located
/// diagnostics in one pass at the end ([`Checker::finish`]).
struct Checker<'a> {
    path: &'a Path,
    source: &'a str,
    problems: Vec<(usize, String)>,
    /// Fields the last [`Checker::deserialize`] set aside for bad values.
    set_aside: Vec<String>,
}

impl Checker<'_> {
    fn error(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        self.problems.push((span.map_or(0, |s| s.start), message.into()));
    }

    /// Reports a `kind` that is absent (not one set aside for a bad value).
    /// A misspelt `kind` (`knd = ...`) was reported as an unknown field already.
    fn required_kind<T>(&mut self, kind: Option<T>, item: &Range<usize>, context: &str) -> Option<T> {
        if kind.is_none() && !self.set_aside.iter().any(|k| edit_distance(k, "kind") <= 2) {
            self.error(Some(item.clone()), format!("{context}missing field `kind`"));
        }
        kind
    }

    fn finish(self) -> Vec<Diagnostic> {
        Diagnostic::at_offsets(self.path, self.source, self.problems)
    }

    fn toml_error(&mut self, e: &toml::de::Error, context: &str) {
        let message = e.message().trim_end().replace('\n', " ");
        self.error(e.span(), format!("{context}{message}"));
    }

    /// Deserializes a table, reporting every bad field rather than the first:
    /// after each error the field it points at is set aside and the rest tried
    /// again. Returns the item without its bad fields (so its ids and references
    /// are still checked) unless a required field is missing.
    fn deserialize<T: DeserializeOwned>(&mut self, value: Spanned<DeValue<'_>>, context: &str) -> Option<T> {
        self.set_aside.clear();
        if !matches!(value.get_ref(), DeValue::Table(_)) {
            return T::deserialize(value.into_deserializer())
                .map_err(|e| self.toml_error(&e, context))
                .ok();
        }
        let span = value.span();
        let DeValue::Table(mut table) = value.into_inner() else {
            return None;
        };
        loop {
            let attempt = Spanned::new(span.clone(), DeValue::Table(table.clone()));
            let e = match T::deserialize(attempt.into_deserializer()) {
                Ok(v) => return Some(v),
                Err(e) => e,
            };
            // A required field that was set aside for a bad value is not also "missing".
            let message = e.message();
            if self
                .set_aside
                .iter()
                .any(|k| message.starts_with(&format!("missing field `{k}`")))
            {
                return None;
            }
            self.toml_error(&e, context);
            let bad_key = e.span().and_then(|at| {
                table
                    .iter()
                    .find(|(k, v)| {
                        let (k, v) = (k.span(), v.span());
                        (k.start <= at.start && at.end <= k.end) || (v.start <= at.start && at.end <= v.end)
                    })
                    .map(|(k, _)| k.clone())
            });
            match bad_key {
                Some(k) => {
                    self.set_aside.push(k.get_ref().to_string());
                    table.remove(&k);
                }
                _ => return None,
            }
        }
    }

    /// Takes `[[name]]` out of the root table as its list of items.
    fn take_array<'i>(&mut self, root: &mut DeTable<'i>, name: &str) -> Vec<Spanned<DeValue<'i>>> {
        match root.remove(name) {
            None => Vec::new(),
            Some(value) => {
                let span = value.span();
                match value.into_inner() {
                    DeValue::Array(items) => items.into_iter().collect(),
                    other => {
                        self.error(
                            Some(span),
                            format!(
                                "`{name}` must be a list of tables ([[{name}]]), not a {}",
                                other.type_str()
                            ),
                        );
                        Vec::new()
                    }
                }
            }
        }
    }

    /// Reports a value that is empty, or that shows nothing once control and
    /// zero-width characters are removed (`"\u001b"`, a lone soft hyphen).
    fn non_empty(&mut self, value: &Spanned<String>, what: &str) {
        let v = value.get_ref();
        if v.trim().is_empty() {
            self.error(Some(value.span()), format!("{what} is empty"));
        } else if !has_visible_text(v) {
            self.error(
                Some(value.span()),
                format!(
                    "{what} shows nothing: it holds only control or zero-width characters ({})",
                    v.chars()
                        .map(|c| format!("U+{:04X}", c as u32))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            );
        }
    }

    fn date(&mut self, value: Option<Spanned<String>>) -> Option<PartialDate> {
        let value = value?;
        value
            .get_ref()
            .parse()
            .map_err(|e: BadDate| self.error(Some(value.span()), e.to_string()))
            .ok()
    }

    /// Registers an id, reporting a bad form or a duplicate.
    fn id(&mut self, seen: &mut HashSet<String>, id: &Spanned<String>, what: &str) {
        if !is_valid_id(id.get_ref()) {
            self.error(
                Some(id.span()),
                format!(
                    "{what} id `{}` must use only lowercase letters, digits and `-`",
                    escape(id.get_ref())
                ),
            );
        }
        if !seen.insert(id.get_ref().clone()) {
            self.error(
                Some(id.span()),
                format!("duplicate {what} id `{}`", escape(id.get_ref())),
            );
        }
    }

    fn reference(&mut self, known: &HashSet<String>, id: &Spanned<String>, what: &str) {
        let id_ref = id.get_ref();
        if !known.contains(id_ref) {
            // A declared id that differs only in case is the likelier mistake: say so.
            let hint = known
                .iter()
                .filter(|k| k.eq_ignore_ascii_case(id_ref))
                .min()
                .map(|k| format!(" (an id `{}` is declared; ids are lowercase)", escape(k)))
                .unwrap_or_default();
            self.error(
                Some(id.span()),
                format!("unknown {what} `{}`{hint}", escape(id_ref)),
            );
        }
    }
}

/// Levenshtein distance, for field names (a handful of characters).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Ids of items that failed to deserialize still count as declared, so one
/// typo does not cascade into "unknown actor" errors at every reference.
fn declared_id(item: &Spanned<DeValue<'_>>) -> Option<String> {
    item.get_ref()
        .as_table()?
        .get("id")?
        .get_ref()
        .as_str()
        .map(str::to_string)
}

fn text(s: Spanned<String>) -> String {
    sanitize_owned(s.into_inner())
}

fn opt_text(s: Option<String>) -> Option<String> {
    s.map(sanitize_owned).filter(|s| !s.trim().is_empty())
}

/// Parses and validates a briefing from its TOML source. `path` names the file in messages
/// and gives the default id.
pub fn parse_briefing(path: &Path, source: &str) -> Result<Briefing, Vec<Diagnostic>> {
    parse_and_index(path, source).map(|(briefing, _)| briefing)
}

/// Parses, validates and indexes: validation needs the index (to find every claim
/// in its section), so it is built once here and kept.
pub fn parse_and_index(path: &Path, source: &str) -> Result<(Briefing, Index), Vec<Diagnostic>> {
    // Problems are found table by table; they read best in file order.
    check_and_index(path, source).map_err(|mut diagnostics| {
        diagnostics.sort_by_key(|d| (d.line, d.col));
        diagnostics
    })
}

fn check_and_index(path: &Path, source: &str) -> Result<(Briefing, Index), Vec<Diagnostic>> {
    if source.trim().is_empty() {
        return Err(vec![Diagnostic::whole_file(
            path,
            "file is empty: a briefing needs at least `schema`, `title`, `publisher` and one [[sections]]",
        )]);
    }
    let mut ck = Checker {
        path,
        source,
        problems: Vec::new(),
        set_aside: Vec::new(),
    };
    let (root, syntax_errors) = DeTable::parse_recoverable(source);
    if !syntax_errors.is_empty() {
        ck.syntax_errors(&syntax_errors);
        return Err(ck.finish());
    }
    let root_span = root.span();
    let mut root = root.into_inner();
    let actor_items = ck.take_array(&mut root, "actors");
    let section_items = ck.take_array(&mut root, "sections");
    let claim_items = ck.take_array(&mut root, "claims");
    let header: Option<RawHeader> = ck.deserialize(Spanned::new(root_span, DeValue::Table(root)), "");
    let declared = Declared::new(&actor_items, &section_items, &claim_items);
    let actors = ck.actors(actor_items);
    let sections = ck.sections(section_items);
    let (claims, locator_spans) = ck.claims(claim_items, &declared);
    let briefing = ck.briefing(header, actors, sections, claims);
    // Every claim must be findable in its section, or the reader could not show it.
    let index = Index::build(&briefing);
    ck.locators(&briefing, &index, &locator_spans);
    if ck.problems.is_empty() {
        Ok((briefing, index))
    } else {
        Err(ck.finish())
    }
}

/// The ids each table declares, counting items that failed to deserialize.
struct Declared {
    actors: HashSet<String>,
    sections: HashSet<String>,
    claims: HashSet<String>,
}

impl Declared {
    fn new(
        actors: &[Spanned<DeValue<'_>>],
        sections: &[Spanned<DeValue<'_>>],
        claims: &[Spanned<DeValue<'_>>],
    ) -> Declared {
        let ids = |items: &[Spanned<DeValue<'_>>]| items.iter().filter_map(declared_id).collect();
        Declared {
            actors: ids(actors),
            sections: ids(sections),
            claims: ids(claims),
        }
    }
}

/// Where a claim's quote or anchor was written, to point at it if it is not found.
type LocatorSpan = Option<Range<usize>>;

impl Checker<'_> {
    fn syntax_errors(&mut self, errors: &[toml::de::Error]) {
        for (i, e) in errors.iter().enumerate() {
            // Nothing else can be checked until the file parses: say so once.
            let context = if i == 0 {
                "TOML syntax error (the rest of the file is checked once the syntax is fixed): "
            } else {
                "TOML syntax error: "
            };
            self.toml_error(e, context);
        }
    }

    fn actors(&mut self, items: Vec<Spanned<DeValue<'_>>>) -> Vec<Actor> {
        let mut seen = HashSet::default();
        let mut actors = Vec::new();
        for item in items {
            let item_span = item.span();
            let Some(raw) = self.deserialize::<RawActor>(item, "in [[actors]]: ") else {
                continue;
            };
            let kind = self.required_kind(raw.kind, &item_span, "in [[actors]]: ");
            self.id(&mut seen, &raw.id, "actor");
            self.non_empty(&raw.name, "actor name");
            for alias in &raw.aliases {
                self.non_empty(alias, "alias");
            }
            actors.push(Actor {
                id: raw.id.into_inner(),
                name: text(raw.name),
                kind: kind.unwrap_or(ActorKind::Other),
                role: opt_text(raw.role),
                aliases: raw
                    .aliases
                    .into_iter()
                    .map(text)
                    .filter(|a| !a.trim().is_empty())
                    .collect(),
            });
        }
        actors
    }

    fn sections(&mut self, items: Vec<Spanned<DeValue<'_>>>) -> Vec<Section> {
        let mut seen = HashSet::default();
        let mut sections = Vec::new();
        for item in items {
            let Some(raw) = self.deserialize::<RawSection>(item, "in [[sections]]: ") else {
                continue;
            };
            self.id(&mut seen, &raw.id, "section");
            self.non_empty(&raw.text, "section text");
            sections.push(Section {
                id: raw.id.into_inner(),
                heading: opt_text(raw.heading),
                text: text(raw.text),
            });
        }
        if sections.is_empty() && self.problems.is_empty() {
            self.error(None, "a briefing needs at least one [[sections]] with its text");
        }
        sections
    }

    fn claims(
        &mut self,
        items: Vec<Spanned<DeValue<'_>>>,
        declared: &Declared,
    ) -> (Vec<Claim>, Vec<LocatorSpan>) {
        let mut seen = HashSet::default();
        let mut claims = Vec::new();
        let mut locator_spans = Vec::new();
        for item in items {
            let item_span = item.span();
            let Some(raw) = self.deserialize::<RawClaim>(item, "in [[claims]]: ") else {
                continue;
            };
            let kind = self.required_kind(raw.kind, &item_span, "in [[claims]]: ");
            self.id(&mut seen, &raw.id, "claim");
            self.claim_references(&raw, declared);
            self.claim_fields(&raw, kind);
            // With no valid kind it is unknown what to look for in the section.
            locator_spans.push(match (kind, &raw.anchor) {
                (None, _) => None,
                (Some(ClaimKind::Quote), _) | (_, None) => Some(raw.text.span()),
                (_, Some(anchor)) => Some(anchor.span()),
            });
            let claim = self.claim(raw, kind);
            claims.push(claim);
        }
        (claims, locator_spans)
    }

    /// Its section, speaker, actors and related claims must be declared.
    fn claim_references(&mut self, raw: &RawClaim, declared: &Declared) {
        self.reference(&declared.sections, &raw.section, "section");
        if let Some(speaker) = &raw.speaker {
            self.reference(&declared.actors, speaker, "speaker");
        }
        for about in &raw.about {
            self.reference(&declared.actors, about, "actor in `about`");
        }
        for rel in &raw.related {
            self.reference(&declared.claims, &rel.claim, "related claim");
            if rel.claim.get_ref() == raw.id.get_ref() {
                self.error(Some(rel.claim.span()), "a claim cannot be related to itself");
            }
        }
    }

    fn claim_fields(&mut self, raw: &RawClaim, kind: Option<ClaimKind>) {
        self.non_empty(&raw.text, "claim text");
        if let Some(doubt) = raw.doubt.as_ref().filter(|d| d.get_ref().trim().is_empty()) {
            self.error(
                Some(doubt.span()),
                "doubt is empty: say why the speaker is uncertain, or leave the field out",
            );
        }
        if let Some(kind) = kind.filter(|&k| k != ClaimKind::Quote)
            && raw.anchor.is_none()
        {
            self.error(
                Some(raw.id.span()),
                format!("a {kind} needs an `anchor`: a fragment of the section text where it is made"),
            );
        }
    }

    fn claim(&mut self, raw: RawClaim, kind: Option<ClaimKind>) -> Claim {
        let date = self.date(raw.date);
        Claim {
            id: raw.id.into_inner(),
            section: raw.section.into_inner(),
            speaker: raw.speaker.map(Spanned::into_inner),
            about: raw.about.into_iter().map(Spanned::into_inner).collect(),
            kind: kind.unwrap_or(ClaimKind::Quote),
            text: text(raw.text),
            anchor: raw.anchor.map(text),
            date,
            via: opt_text(raw.via),
            doubt: opt_text(raw.doubt.map(Spanned::into_inner)),
            related: raw
                .related
                .into_iter()
                .map(|r| Related {
                    claim: r.claim.into_inner(),
                    relation: r.relation,
                })
                .collect(),
        }
    }

    /// Checks the header and puts the briefing together. A header that did not
    /// parse was reported; its claims are still checked against the sections,
    /// with a stand-in header.
    fn briefing(
        &mut self,
        header: Option<RawHeader>,
        actors: Vec<Actor>,
        sections: Vec<Section>,
        claims: Vec<Claim>,
    ) -> Briefing {
        let header_ok = header.is_some();
        let header = header.unwrap_or_else(|| RawHeader {
            schema: Spanned::new(0..0, SCHEMA),
            id: None,
            title: Spanned::new(0..0, "-".into()),
            publisher: Spanned::new(0..0, "-".into()),
            published: None,
            url: None,
            summary: None,
            note: None,
        });
        if *header.schema.get_ref() != SCHEMA {
            self.error(
                Some(header.schema.span()),
                format!(
                    "unsupported schema {}; this version reads schema {SCHEMA}",
                    header.schema.get_ref()
                ),
            );
        }
        self.non_empty(&header.title, "title");
        self.non_empty(&header.publisher, "publisher");
        let id = self.briefing_id(header.id, header_ok);
        let published = self.date(header.published);
        Briefing {
            id,
            title: text(header.title),
            publisher: text(header.publisher),
            published,
            url: opt_text(header.url),
            summary: opt_text(header.summary),
            note: opt_text(header.note),
            actors,
            sections,
            claims,
        }
    }

    /// The `id` field, or else the file name (which must then be a valid id).
    fn briefing_id(&mut self, id: Option<Spanned<String>>, header_ok: bool) -> String {
        match id {
            Some(id) => {
                if !is_valid_id(id.get_ref()) {
                    self.error(
                        Some(id.span()),
                        format!(
                            "briefing id `{}` must use only lowercase letters, digits and `-`",
                            escape(id.get_ref())
                        ),
                    );
                }
                id.into_inner()
            }
            None if !header_ok => String::new(),
            None => {
                let stem = self
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if !is_valid_id(&stem) {
                    self.error(
                        None,
                        format!(
                            "file name `{}` is not a valid id; set `id` (lowercase letters, digits and `-`)",
                            escape(&stem)
                        ),
                    );
                }
                stem
            }
        }
    }

    /// Reports each claim whose quote or anchor is not in its section.
    fn locators(&mut self, briefing: &Briefing, index: &Index, spans: &[LocatorSpan]) {
        for (i, claim) in briefing.claims.iter().enumerate() {
            if let Some(span) = &spans[i]
                && index.claim_section[i].is_some()
                && index.claim_span[i].is_none()
            {
                let what = if claim.kind == ClaimKind::Quote {
                    "quote"
                } else {
                    "anchor"
                };
                self.error(
                    Some(span.clone()),
                    format!(
                        "{what} of claim `{}` not found in section `{}`",
                        escape(&claim.id),
                        escape(&claim.section)
                    ),
                );
            }
        }
    }
}
