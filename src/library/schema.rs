//! The index's tables. Bump [`VERSION`] whenever they change: an index of
//! another version is rebuilt, never migrated (it is only a cache).

use rusqlite::{Connection, TransactionBehavior, params};

use super::Problem;

/// Stored in `PRAGMA user_version`.
pub const VERSION: i64 = 6;
/// Stored in `PRAGMA application_id`: "BRFG", so a foreign database is not mistaken for one.
const APPLICATION_ID: i64 = 0x4252_4647;

const TABLES: &str = "
CREATE TABLE files(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    -- the first problem of a file that could not be loaded, and how many there were
    problem TEXT,
    problems INTEGER NOT NULL DEFAULT 0,
    -- size:mtime of the briefing's annotation sidecar when it was read ('' for none)
    sidecar TEXT NOT NULL DEFAULT ''
);
CREATE TABLE briefings(
    file INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    published TEXT,
    url TEXT,
    summary TEXT,
    sections INTEGER NOT NULL,
    actors INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    -- 1 when an earlier file (by path) uses the same id: skipped, as the loader does
    shadowed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE actors(
    file INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    role TEXT,
    -- aliases, one per line
    aliases TEXT NOT NULL,
    claims INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY(file, idx)
) WITHOUT ROWID;
-- each actor's name and aliases normalised (see identity::normalize), to match across briefings
CREATE TABLE forms(
    file INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    form TEXT NOT NULL,
    PRIMARY KEY(file, idx, form)
) WITHOUT ROWID;
CREATE TABLE sections(
    file INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    id TEXT NOT NULL,
    heading TEXT,
    PRIMARY KEY(file, idx)
) WITHOUT ROWID;
CREATE TABLE claims(
    file INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    id TEXT NOT NULL,
    section INTEGER,
    speaker INTEGER,
    -- actor indices the claim is about, each followed by a space: ' 1 3 '
    about TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    date TEXT,
    via TEXT,
    -- related claim indices and relations, both directions: '4 contradicts;7 supports'
    related TEXT NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    PRIMARY KEY(file, idx)
) WITHOUT ROWID;
CREATE TABLE annotations(
    file INTEGER NOT NULL,
    claim INTEGER NOT NULL,
    credibility INTEGER,
    note TEXT NOT NULL,
    -- tags, each followed by a space: ' military oil '
    tags TEXT NOT NULL
);
-- what the last sync saw (fresh.rs): a fingerprint of the listing it compared
-- (NULL: compare again), when it listed (ns), and how many syncs wrote
CREATE TABLE fresh(
    one INTEGER PRIMARY KEY CHECK (one = 1),
    gen INTEGER NOT NULL,
    fingerprint BLOB,
    stamp INTEGER,
    -- the briefings folder's last listing: its identity and time, and the names
    -- of its files (NUL between them), valid while the folder keeps that time
    folder INTEGER,
    folder_mtime INTEGER,
    names BLOB
);
INSERT INTO fresh VALUES (1, 0, NULL, NULL, NULL, NULL, NULL);
-- kind: section, claim, actor or note; item: its index in the briefing
-- (for a note, the claim's)
CREATE VIRTUAL TABLE fts USING fts5(
    body, kind UNINDEXED, item UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
";

/// The secondary indexes: a build from nothing makes them after loading the rows.
const INDEXES: &str = "
CREATE INDEX briefings_id ON briefings(id);
-- the loader's file order (name without .toml), and the briefings listed: the
-- reader's first frame reads the first row and the count without a scan
CREATE INDEX files_order ON files(substr(path, 1, length(path) - 5), path);
CREATE INDEX briefings_shown ON briefings(shadowed, id);
CREATE INDEX files_broken ON files(id) WHERE problem IS NOT NULL;
CREATE INDEX forms_form ON forms(form);
CREATE INDEX claims_date ON claims(date) WHERE date IS NOT NULL;
CREATE INDEX annotations_file ON annotations(file, claim);
";

/// Sets the connection up and makes sure the tables are this version's.
pub fn prepare(conn: &Connection) -> Result<(), Problem> {
    // Large pages hold whole sections (a few KB each) with little waste; this
    // only takes effect on a new, empty database, before WAL is switched on.
    conn.execute_batch("PRAGMA page_size = 16384;")?;
    // WAL: readers never block the writer; NORMAL is durable enough for a cache.
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;")?;
    if version(conn)? == (APPLICATION_ID, VERSION) {
        return Ok(());
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    match version(&tx)? {
        (APPLICATION_ID, VERSION) => {}
        (0, 0) if is_empty(&tx)? => {
            tx.execute_batch(TABLES)?;
            tx.execute_batch(INDEXES)?;
            stamp(&tx)?;
        }
        (app, found) => {
            return Err(Problem::Schema(if app == APPLICATION_ID {
                format!("version {found}, this program uses {VERSION}")
            } else {
                "not a briefing library index".into()
            }));
        }
    }
    tx.commit()?;
    Ok(())
}

/// Marks the database as this version's index.
fn stamp(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {VERSION};"
    ))
}

/// Sets up a new database file that only this process sees, for a build from
/// nothing: no journal and no syncs while it fills (a crash leaves only a file
/// nobody reads), the tables without their secondary indexes.
pub fn prepare_build(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
         PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -131072;",
    )?;
    conn.execute_batch(TABLES)?;
    // Full-text segments: bigger ones in memory before each is written, and no
    // merging while the build writes (16 MB: about five segments for 10,000
    // briefings, which search reads as fast as one).
    fts_setting(conn, "hashsize", 16 << 20)?;
    fts_setting(conn, "automerge", 0)
}

/// Sets an FTS5 option (kept in the index, so the next writes see it too).
fn fts_setting(conn: &Connection, name: &str, value: i64) -> rusqlite::Result<()> {
    conn.execute("INSERT INTO fts(fts, rank) VALUES (?1, ?2)", params![name, value])?;
    Ok(())
}

/// Completes a build's rows (inside its transaction): the secondary indexes and
/// the version stamp.
pub fn index_build(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(INDEXES)?;
    // Later syncs write little: SQLite's defaults, which merge as they go.
    fts_setting(conn, "hashsize", 1 << 20)?;
    fts_setting(conn, "automerge", 4)?;
    stamp(conn)
}

/// WAL mode, for the processes that will share the built index.
pub fn finish_build(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
}

fn version(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    let app = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((app, version))
}

fn is_empty(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT count(*) = 0 FROM sqlite_master", [], |r| r.get(0))
}

/// Empties every table (for `briefing index --rebuild`).
pub fn clear(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         DELETE FROM files; DELETE FROM briefings; DELETE FROM actors; DELETE FROM forms; DELETE FROM sections;
         DELETE FROM claims; DELETE FROM annotations; DELETE FROM fts;
         UPDATE fresh SET gen = gen + 1, fingerprint = NULL, stamp = NULL;
         COMMIT;",
    )
}
