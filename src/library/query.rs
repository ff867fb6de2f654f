//! Search across the library: the query language and ranked hits.
//!
//! A query is words (all must match), `"phrases"`, `prefix*`, and filters:
//! `actor:NAME` (claims by or about that actor, across briefings), `kind:K`
//! (a claim kind: quote, paraphrase, report; an item: section, claim, actor,
//! note; or an actor kind: person, state, ...), `tag:T` (claims annotated with
//! that tag) and `date:D` or `date:D1..D2` (claims dated then; other hits by the
//! briefing's date). Filter values with spaces are quoted: `actor:"Mark Galeotti"`.

use std::ops::Range;

use rusqlite::params;
use serde::Serialize;

use super::identity::Decisions;
use super::{LibraryIndex, ROW_BITS};
use crate::hash::HashSet;
use crate::model::{ActorKind, ClaimKind, PartialDate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    Phrase(String),
    Prefix(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
    pub actors: Vec<String>,
    pub kinds: Vec<String>,
    pub tags: Vec<String>,
    pub dates: Option<(PartialDate, PartialDate)>,
}

const ITEM_KINDS: [&str; 4] = ["section", "claim", "actor", "note"];

impl Query {
    /// Parses a query; a bad filter value is an error that says what is allowed.
    pub fn parse(input: &str) -> Result<Query, String> {
        let mut query = Query::default();
        let mut rest = input.trim_start();
        while !rest.is_empty() {
            let filter = ["actor:", "kind:", "tag:", "date:"]
                .into_iter()
                .find(|f| rest.starts_with(f));
            if let Some(key) = filter {
                let (value, _, after) = next_token(&rest[key.len()..]);
                rest = after.trim_start();
                query.filter(&key[..key.len() - 1], value)?;
                continue;
            }
            let (token, quoted, after) = next_token(rest);
            rest = after.trim_start();
            if quoted {
                if !token.trim().is_empty() {
                    query.terms.push(Term::Phrase(token.trim().to_string()));
                }
                continue;
            }
            match token.strip_suffix('*') {
                Some(prefix) if !prefix.is_empty() => query.terms.push(Term::Prefix(prefix.to_string())),
                _ => query.terms.push(Term::Word(token)),
            }
        }
        Ok(query)
    }

    fn filter(&mut self, key: &str, value: String) -> Result<(), String> {
        if value.trim().is_empty() {
            return Err(format!("`{key}:` needs a value"));
        }
        match key {
            "actor" => self.actors.push(value),
            "tag" => self.tags.push(value.to_lowercase()),
            "kind" => {
                let v = value.to_lowercase();
                let known = ClaimKind::ALL
                    .iter()
                    .map(|k| k.as_str())
                    .chain(ITEM_KINDS)
                    .chain(ActorKind::ALL.iter().map(|k| k.as_str()))
                    .collect::<Vec<_>>();
                if !known.contains(&v.as_str()) {
                    return Err(format!(
                        "`kind:{value}` is not a kind; use one of {}",
                        known.join(", ")
                    ));
                }
                self.kinds.push(v);
            }
            _ => {
                let (from, to) = value.split_once("..").unwrap_or((&value, &value));
                let date = |s: &str| {
                    s.parse::<PartialDate>()
                        .map_err(|e| format!("in `date:{value}`: {e}"))
                };
                self.dates = Some((date(from)?, date(to)?));
            }
        }
        Ok(())
    }

    pub fn has_filters(&self) -> bool {
        !(self.actors.is_empty() && self.kinds.is_empty() && self.tags.is_empty() && self.dates.is_none())
    }

    /// The FTS5 expression for the words: every term quoted, so no word of the
    /// query is taken for FTS5 syntax.
    pub fn fts(&self) -> Option<String> {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let parts: Vec<String> = self
            .terms
            .iter()
            .map(|t| match t {
                Term::Word(w) | Term::Phrase(w) => quote(w),
                Term::Prefix(p) => format!("{}*", quote(p)),
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// The next token: a quoted string (without its quotes) or a run of non-space.
fn next_token(s: &str) -> (String, bool, &str) {
    if let Some(inner) = s.strip_prefix('"') {
        return match inner.find('"') {
            Some(end) => (inner[..end].to_string(), true, &inner[end + 1..]),
            None => (inner.to_string(), true, ""),
        };
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (s[..end].to_string(), false, &s[end..])
}

/// Text around a hit, with the matched words' byte ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub hits: Vec<Range<usize>>,
}

impl Snippet {
    /// The snippet with each hit between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for h in &self.hits {
            out.push_str(&self.text[at..h.start]);
            out.push_str(open);
            out.push_str(&self.text[h.clone()]);
            out.push_str(close);
            at = h.end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub briefing: String,
    pub title: String,
    /// What matched: section, claim, actor or note.
    pub what: &'static str,
    /// Where, in words: `"Heading", claim galeotti-nothing (quote, Mark Galeotti)`.
    pub location: String,
    pub section: Option<String>,
    pub claim: Option<String>,
    pub actor: Option<String>,
    /// Byte offset of the first hit in the section text (section hits).
    pub offset: Option<usize>,
    pub snippet: Snippet,
    /// bm25: lower is better.
    pub score: f64,
}

/// A candidate row of the full-text index.
struct Row {
    file: i64,
    what: String,
    item: usize,
    score: f64,
}

/// A claim a hit falls in.
struct ClaimAt {
    idx: usize,
    id: String,
    kind: String,
    speaker: Option<usize>,
    about: String,
    date: Option<String>,
    section: Option<usize>,
}

/// How many matches of the words are ranked at most (see [`LibraryIndex::search`]).
const RANK_POOL: usize = 2_000;

/// How many ranked rows a filtered search looks through at most.
const FILTERED_POOL: usize = 2_000;

impl LibraryIndex {
    /// Ranked hits for `query`, at most `limit`.
    pub fn search(&self, query: &Query, decisions: &Decisions, limit: usize) -> rusqlite::Result<Vec<Hit>> {
        let actors = self.actor_members(query, decisions)?;
        let Some(expr) = query.fts() else {
            return self.filtered_claims(query, actors.as_ref(), limit);
        };
        let pool = if query.has_filters() { FILTERED_POOL } else { limit };
        // An actor filter keeps only the files where that actor is (integers only in the SQL).
        let files = match &actors {
            Some(set) => {
                let mut files: Vec<i64> = set.iter().map(|(f, _)| *f).collect();
                files.sort_unstable();
                files.dedup();
                let list: Vec<String> = files.iter().map(i64::to_string).collect();
                format!("AND (fts.rowid >> 20) IN ({})", list.join(","))
            }
            None => String::new(),
        };
        // Ranking costs a few microseconds a row: a word found in tens of thousands
        // of places is ranked among its first RANK_POOL matches, so a search stays
        // quick however common its words are.
        // Only the rowid and the score: the unindexed columns live with the text
        // in the content table, and reading them for every ranked row read it
        // through (25 MB for a common word); the rows kept read them one by one.
        let sql = format!(
            "SELECT rowid, score FROM (
                SELECT fts.rowid AS rowid, bm25(fts) AS score FROM fts
                WHERE fts MATCH ?1 {files}
                  AND (fts.rowid >> 20) NOT IN (SELECT file FROM briefings WHERE shadowed = 1)
                LIMIT {RANK_POOL})
             ORDER BY score LIMIT ?2"
        );
        // Not cached: with a list of files each statement is a one-off.
        let mut stmt = self.conn.prepare(&sql)?;
        let rows: Vec<(i64, f64)> = stmt
            .query_map(params![expr, pool as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut hits = Vec::new();
        for (rowid, score) in rows {
            if hits.len() >= limit {
                break;
            }
            if let Some(hit) = self.hit(&expr, rowid, score, query, actors.as_ref())? {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// The (file, actor index) of every actor the `actor:` filters name, if any.
    fn actor_members(
        &self,
        query: &Query,
        decisions: &Decisions,
    ) -> rusqlite::Result<Option<HashSet<(i64, usize)>>> {
        if query.actors.is_empty() {
            return Ok(None);
        }
        let mut set = HashSet::default();
        for name in &query.actors {
            for identity in self.find_identities(name, decisions)? {
                set.extend(identity.members.iter().map(|m| (m.file, m.idx)));
            }
        }
        Ok(Some(set))
    }

    fn hit(
        &self,
        expr: &str,
        rowid: i64,
        score: f64,
        query: &Query,
        actors: Option<&HashSet<(i64, usize)>>,
    ) -> rusqlite::Result<Option<Hit>> {
        let (marked, what, item): (String, String, usize) = self
            .conn
            .prepare_cached(
                "SELECT highlight(fts, 0, char(2), char(3)), kind, item FROM fts WHERE fts MATCH ?1 AND rowid = ?2",
            )?
            .query_row(params![expr, rowid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let row = &Row {
            file: rowid >> ROW_BITS,
            what,
            item,
            score,
        };
        let first = marked.find('\u{2}');
        let claim = match row.what.as_str() {
            "section" => match first {
                Some(at) => self.claim_at(row.file, row.item, at)?,
                None => None,
            },
            "claim" | "note" => self.claim(row.file, row.item)?,
            _ => None,
        };
        if !self.passes(row, claim.as_ref(), query, actors)? {
            return Ok(None);
        }
        let (briefing, title): (String, String) = self
            .conn
            .prepare_cached("SELECT id, title FROM briefings WHERE file = ?1")?
            .query_row([row.file], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let section_idx = match row.what.as_str() {
            "section" => Some(row.item),
            _ => claim.as_ref().and_then(|c| c.section),
        };
        let section = match section_idx {
            Some(s) => self.section(row.file, s)?,
            None => None,
        };
        let actor = match row.what.as_str() {
            "actor" => Some(self.actor_name(row.file, row.item)?),
            _ => None,
        };
        let speaker = match claim.as_ref().and_then(|c| c.speaker) {
            Some(s) => Some(self.actor_name(row.file, s)?),
            None => None,
        };
        let location = location(
            row,
            section.as_ref(),
            claim.as_ref(),
            speaker.as_ref(),
            actor.as_ref(),
        );
        Ok(Some(Hit {
            briefing,
            title,
            what: match row.what.as_str() {
                "section" if claim.is_some() => "claim",
                "section" => "section",
                "claim" => "claim",
                "actor" => "actor",
                _ => "note",
            },
            location,
            section: section.map(|(id, _)| id),
            claim: claim.map(|c| c.id),
            actor: actor.map(|(id, _)| id),
            offset: if row.what == "section" { first } else { None },
            snippet: snippet(&marked),
            score: row.score,
        }))
    }

    fn passes(
        &self,
        row: &Row,
        claim: Option<&ClaimAt>,
        query: &Query,
        actors: Option<&HashSet<(i64, usize)>>,
    ) -> rusqlite::Result<bool> {
        if !query.kinds.is_empty() && !self.kind_matches(row, claim, &query.kinds)? {
            return Ok(false);
        }
        if let Some(actors) = actors {
            let ok = match (row.what.as_str(), claim) {
                ("actor", _) => actors.contains(&(row.file, row.item)),
                (_, Some(c)) => involves(row.file, c.speaker, &c.about, actors),
                _ => false,
            };
            if !ok {
                return Ok(false);
            }
        }
        if !query.tags.is_empty() {
            let Some(c) = claim else { return Ok(false) };
            if !self.tagged(row.file, c.idx, &query.tags)? {
                return Ok(false);
            }
        }
        if let Some((from, to)) = query.dates {
            let date = match claim.and_then(|c| c.date.clone()) {
                Some(d) => Some(d),
                None => self
                    .conn
                    .prepare_cached("SELECT published FROM briefings WHERE file = ?1")?
                    .query_row([row.file], |r| r.get::<_, Option<String>>(0))?,
            };
            if !date.is_some_and(|d| overlaps(&d, from, to)) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn kind_matches(&self, row: &Row, claim: Option<&ClaimAt>, kinds: &[String]) -> rusqlite::Result<bool> {
        let actor_kind = match row.what.as_str() {
            "actor" => Some(
                self.conn
                    .prepare_cached("SELECT kind FROM actors WHERE file = ?1 AND idx = ?2")?
                    .query_row(params![row.file, row.item], |r| r.get::<_, String>(0))?,
            ),
            _ => None,
        };
        Ok(kinds.iter().any(|k| match k.as_str() {
            "section" => row.what == "section" && claim.is_none(),
            "claim" => claim.is_some() && row.what != "note",
            "actor" | "note" => row.what == *k,
            k if ActorKind::ALL.iter().any(|a| a.as_str() == k) => actor_kind.as_deref() == Some(k),
            k => claim.is_some_and(|c| c.kind == k),
        }))
    }

    fn tagged(&self, file: i64, claim: usize, tags: &[String]) -> rusqlite::Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT tags FROM annotations WHERE file = ?1 AND claim = ?2")?;
        let found: Vec<String> = stmt
            .query_map(params![file, claim], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(tags
            .iter()
            .all(|t| found.iter().any(|f| f.contains(&format!(" {t} ")))))
    }

    fn claim_at(&self, file: i64, section: usize, at: usize) -> rusqlite::Result<Option<ClaimAt>> {
        let idx: Option<usize> = self
            .conn
            .prepare_cached(
                "SELECT idx FROM claims WHERE file = ?1 AND section = ?2 AND span_start <= ?3 AND span_end > ?3
                 ORDER BY span_end - span_start LIMIT 1",
            )?
            .query_row(params![file, section, at], |r| r.get(0))
            .ok();
        match idx {
            Some(i) => self.claim(file, i),
            None => Ok(None),
        }
    }

    fn claim(&self, file: i64, idx: usize) -> rusqlite::Result<Option<ClaimAt>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT idx, id, kind, speaker, about, date, section FROM claims WHERE file = ?1 AND idx = ?2",
        )?;
        let mut rows = stmt.query_map(params![file, idx], claim_at)?;
        rows.next().transpose()
    }

    fn section(&self, file: i64, idx: usize) -> rusqlite::Result<Option<(String, Option<String>)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, heading FROM sections WHERE file = ?1 AND idx = ?2")?;
        let mut rows = stmt.query_map(params![file, idx], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.next().transpose()
    }

    fn actor_name(&self, file: i64, idx: usize) -> rusqlite::Result<(String, String)> {
        self.conn
            .prepare_cached("SELECT id, name FROM actors WHERE file = ?1 AND idx = ?2")?
            .query_row(params![file, idx], |r| Ok((r.get(0)?, r.get(1)?)))
    }

    /// A query of filters only: the claims that pass them, in date then briefing order.
    fn filtered_claims(
        &self,
        query: &Query,
        actors: Option<&HashSet<(i64, usize)>>,
        limit: usize,
    ) -> rusqlite::Result<Vec<Hit>> {
        if !query.has_filters() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.file, c.idx, c.id, c.kind, c.speaker, c.about, c.date, c.section, c.text
             FROM claims c JOIN briefings b ON b.file = c.file JOIN files f ON f.id = c.file
             WHERE b.shadowed = 0 ORDER BY c.date IS NULL, c.date, substr(f.path, 1, length(f.path) - 5), f.path, c.idx",
        )?;
        let rows: Vec<(i64, ClaimAt, String)> = stmt
            .query_map([], |r| {
                let file: i64 = r.get(0)?;
                let claim = ClaimAt {
                    idx: r.get(1)?,
                    id: r.get(2)?,
                    kind: r.get(3)?,
                    speaker: r.get(4)?,
                    about: r.get(5)?,
                    date: r.get(6)?,
                    section: r.get(7)?,
                };
                Ok((file, claim, r.get(8)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut hits = Vec::new();
        for (file, claim, text) in rows {
            if hits.len() >= limit {
                break;
            }
            let row = Row {
                file,
                what: "claim".into(),
                item: claim.idx,
                score: 0.0,
            };
            if self.passes(&row, Some(&claim), query, actors)? {
                hits.push(self.claim_hit(&row, claim, &text)?);
            }
        }
        Ok(hits)
    }

    fn claim_hit(&self, row: &Row, claim: ClaimAt, text: &str) -> rusqlite::Result<Hit> {
        let (briefing, title): (String, String) = self
            .conn
            .prepare_cached("SELECT id, title FROM briefings WHERE file = ?1")?
            .query_row([row.file], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let section = match claim.section {
            Some(s) => self.section(row.file, s)?,
            None => None,
        };
        let speaker = match claim.speaker {
            Some(s) => Some(self.actor_name(row.file, s)?),
            None => None,
        };
        Ok(Hit {
            briefing,
            title,
            what: "claim",
            location: location(row, section.as_ref(), Some(&claim), speaker.as_ref(), None),
            section: section.map(|(id, _)| id),
            claim: Some(claim.id),
            actor: None,
            offset: None,
            snippet: snippet(text),
            score: 0.0,
        })
    }
}

fn claim_at(r: &rusqlite::Row) -> rusqlite::Result<ClaimAt> {
    Ok(ClaimAt {
        idx: r.get(0)?,
        id: r.get(1)?,
        kind: r.get(2)?,
        speaker: r.get(3)?,
        about: r.get(4)?,
        date: r.get(5)?,
        section: r.get(6)?,
    })
}

fn involves(file: i64, speaker: Option<usize>, about: &str, actors: &HashSet<(i64, usize)>) -> bool {
    speaker.is_some_and(|s| actors.contains(&(file, s)))
        || about
            .split_whitespace()
            .filter_map(|a| a.parse::<usize>().ok())
            .any(|a| actors.contains(&(file, a)))
}

/// Whether a date (as stored, YYYY[-MM[-DD]]) may fall within `from..=to`.
pub fn overlaps(date: &str, from: PartialDate, to: PartialDate) -> bool {
    let (from, to) = (from.to_string(), to.to_string());
    format!("{date}~") >= from && date <= format!("{to}~").as_str()
}

fn location(
    row: &Row,
    section: Option<&(String, Option<String>)>,
    claim: Option<&ClaimAt>,
    speaker: Option<&(String, String)>,
    actor: Option<&(String, String)>,
) -> String {
    let mut parts = Vec::new();
    if let Some((id, name)) = actor {
        parts.push(format!("actor {name} ({id})"));
    }
    if let Some((id, heading)) = section {
        parts.push(match heading {
            Some(h) => format!("section \u{201c}{h}\u{201d}"),
            None => format!("section {id}"),
        });
    }
    if let Some(c) = claim {
        let by = speaker.map(|(_, name)| format!(", {name}")).unwrap_or_default();
        let what = if row.what == "note" {
            "note on claim"
        } else {
            "claim"
        };
        parts.push(format!("{what} {} ({}{by})", c.id, c.kind));
    }
    parts.join(", ")
}

/// About 160 characters around the first hit, on one line, hits marked.
fn snippet(marked: &str) -> Snippet {
    const BEFORE: usize = 60;
    const LENGTH: usize = 170;
    let first = marked.find('\u{2}').unwrap_or(0);
    let mut start = marked[..first]
        .char_indices()
        .rev()
        .nth(BEFORE)
        .map_or(0, |(i, _)| i);
    if start > 0 {
        // Start at a word.
        start = marked[start..first]
            .find(char::is_whitespace)
            .map_or(start, |w| start + w + 1);
    }
    let mut text = String::new();
    let mut hits = Vec::new();
    let mut open = None;
    let mut count = 0;
    if start > 0 {
        text.push('…');
    }
    for c in marked[start..].chars() {
        match c {
            '\u{2}' => open = Some(text.len()),
            '\u{3}' => {
                if let Some(s) = open.take() {
                    hits.push(s..text.len());
                }
            }
            _ if count >= LENGTH && open.is_none() => {
                text.push('…');
                break;
            }
            c => {
                text.push(if c.is_whitespace() { ' ' } else { c });
                count += 1;
            }
        }
    }
    Snippet { text, hits }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_parse_into_terms_and_filters() {
        let q = Query::parse(
            r#"oil "price cap" sanc* actor:"Mark Galeotti" kind:quote tag:Energy date:2025-10..2025-11"#,
        )
        .unwrap();
        assert_eq!(
            q.terms,
            vec![
                Term::Word("oil".into()),
                Term::Phrase("price cap".into()),
                Term::Prefix("sanc".into())
            ]
        );
        assert_eq!(q.actors, vec!["Mark Galeotti"]);
        assert_eq!(q.kinds, vec!["quote"]);
        assert_eq!(q.tags, vec!["energy"]);
        let (from, to) = q.dates.unwrap();
        assert_eq!(
            (from.to_string(), to.to_string()),
            ("2025-10".into(), "2025-11".into())
        );
        assert_eq!(q.fts().unwrap(), r#""oil" "price cap" "sanc"*"#);
    }

    #[test]
    fn bad_filters_say_what_is_allowed() {
        let e = Query::parse("kind:speech").unwrap_err();
        assert!(e.contains("quote") && e.contains("section"), "{e}");
        assert!(Query::parse("date:November").is_err());
        assert!(Query::parse("actor:").is_err());
    }

    #[test]
    fn fts_syntax_in_the_query_is_only_words() {
        let q = Query::parse(r#"NEAR(a b) "x"" OR"#).unwrap();
        assert_eq!(q.fts().unwrap(), r#""NEAR(a" "b)" "x" "OR""#);
    }

    #[test]
    fn dates_overlap_as_ranges() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert!(overlaps("2025-11", d("2025-11-15"), d("2025-12")));
        assert!(overlaps("2025", d("2025-11-15"), d("2025-11-15")));
        assert!(!overlaps("2025-10-31", d("2025-11"), d("2025-11")));
        assert!(overlaps("2025-11-30", d("2025-11"), d("2025-11")));
    }

    #[test]
    fn snippets_mark_hits_around_the_first() {
        let long = "word ".repeat(40);
        let s = snippet(&format!("{long}the \u{2}oil\u{3} price and \u{2}oil\u{3} again"));
        assert!(s.text.starts_with('…'));
        assert_eq!(s.hits.len(), 2);
        assert_eq!(&s.text[s.hits[0].clone()], "oil");
        assert_eq!(s.marked("[", "]").matches("[oil]").count(), 2);
    }
}
