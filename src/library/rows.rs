//! One briefing turned into the rows the index stores, ready to bind. The parse
//! threads make these, so the single writer thread only binds and steps.

use rusqlite::{Statement, params};

use super::ROW_BITS;
use super::identity::ActorRef;
use crate::load::LoadedBriefing;
use crate::model::ClaimKind;

/// An annotation attached to a claim, as indexed.
pub struct Note {
    pub claim: usize,
    pub credibility: Option<u8>,
    pub note: String,
    pub tags: Vec<String>,
}

/// Every row of one briefing.
pub struct Rows {
    /// The briefing's id (to re-check which file holds it first).
    pub id: String,
    pub sidecar: String,
    briefing: BriefingRow,
    actors: Vec<ActorRow>,
    /// (actor index, normalised form)
    forms: Vec<(usize, String)>,
    /// (id, heading)
    sections: Vec<(String, Option<String>)>,
    claims: Vec<ClaimRow>,
    notes: Vec<Note>,
    /// Full-text rows in order: (body, kind, item).
    texts: Vec<(String, &'static str, usize)>,
}

struct BriefingRow {
    title: String,
    publisher: String,
    published: Option<String>,
    url: Option<String>,
    summary: Option<String>,
    counts: [usize; 3],
}

struct ActorRow {
    id: String,
    name: String,
    kind: &'static str,
    role: Option<String>,
    aliases: String,
    claims: usize,
    mentions: usize,
}

struct ClaimRow {
    id: String,
    section: Option<usize>,
    speaker: Option<usize>,
    about: String,
    kind: &'static str,
    text: String,
    date: Option<String>,
    via: Option<String>,
    related: String,
    span: Option<(usize, usize)>,
}

/// The prepared statements that write a briefing's rows, made once per sync.
pub struct Statements<'c> {
    pub briefing: Statement<'c>,
    pub actor: Statement<'c>,
    pub form: Statement<'c>,
    pub section: Statement<'c>,
    pub claim: Statement<'c>,
    pub note: Statement<'c>,
    pub text: Statement<'c>,
}

impl<'c> Statements<'c> {
    pub fn new(conn: &'c rusqlite::Connection) -> rusqlite::Result<Statements<'c>> {
        Ok(Statements {
            briefing: conn.prepare(
                "INSERT INTO briefings(file, id, title, publisher, published, url, summary, sections, actors, claims)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            actor: conn.prepare(
                "INSERT INTO actors(file, idx, id, name, kind, role, aliases, claims, mentions)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            form: conn.prepare("INSERT OR IGNORE INTO forms(file, idx, form) VALUES (?1, ?2, ?3)")?,
            section: conn.prepare("INSERT INTO sections(file, idx, id, heading) VALUES (?1, ?2, ?3, ?4)")?,
            claim: conn.prepare(
                "INSERT INTO claims(file, idx, id, section, speaker, about, kind, text, date, via, related, span_start, span_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            note: conn.prepare(
                "INSERT INTO annotations(file, claim, credibility, note, tags) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            text: conn.prepare("INSERT INTO fts(rowid, body, kind, item) VALUES (?1, ?2, ?3, ?4)")?,
        })
    }
}

impl Rows {
    /// Takes the briefing apart (it is not needed afterwards).
    pub fn new(loaded: LoadedBriefing, notes: Vec<Note>, sidecar: String) -> Rows {
        let LoadedBriefing {
            briefing: b, index, ..
        } = loaded;
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
        let mut texts = Vec::new();
        let mut forms = Vec::new();
        let actors = b
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                forms.extend(ActorRef::new(&b.id, a).forms.into_iter().map(|f| (i, f)));
                texts.push((a.surface_forms().collect::<Vec<_>>().join("\n"), "actor", i));
                ActorRow {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    kind: a.kind.as_str(),
                    role: a.role.clone(),
                    aliases: a.aliases.join("\n"),
                    claims: claims_of[i],
                    mentions: index.actor_mentions[i].len(),
                }
            })
            .collect();
        let briefing = BriefingRow {
            title: b.title,
            publisher: b.publisher,
            published: b.published.map(|d| d.to_string()),
            url: b.url,
            summary: b.summary,
            counts: [b.sections.len(), b.actors.len(), b.claims.len()],
        };
        let sections = b
            .sections
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                texts.push((s.text, "section", i));
                (s.id, s.heading)
            })
            .collect();
        let claims = b
            .claims
            .into_iter()
            .enumerate()
            .map(|(i, c)| claim_row(c, &index, i, &mut texts))
            .collect();
        for n in &notes {
            let body = format!("{}\n{}", n.note, n.tags.join(" "));
            if !body.trim().is_empty() {
                texts.push((body, "note", n.claim));
            }
        }
        Rows {
            id: b.id,
            sidecar,
            briefing,
            actors,
            forms,
            sections,
            claims,
            notes,
            texts,
        }
    }

    /// Writes every row, for the file whose id is `file`.
    pub fn write(&self, s: &mut Statements, file: i64) -> rusqlite::Result<()> {
        let b = &self.briefing;
        s.briefing.execute(params![
            file,
            self.id,
            b.title,
            b.publisher,
            b.published,
            b.url,
            b.summary,
            b.counts[0],
            b.counts[1],
            b.counts[2]
        ])?;
        for (i, a) in self.actors.iter().enumerate() {
            s.actor.execute(params![
                file, i, a.id, a.name, a.kind, a.role, a.aliases, a.claims, a.mentions
            ])?;
        }
        for (i, form) in &self.forms {
            s.form.execute(params![file, i, form])?;
        }
        for (i, (id, heading)) in self.sections.iter().enumerate() {
            s.section.execute(params![file, i, id, heading])?;
        }
        for (i, c) in self.claims.iter().enumerate() {
            s.claim.execute(params![
                file,
                i,
                c.id,
                c.section,
                c.speaker,
                c.about,
                c.kind,
                c.text,
                c.date,
                c.via,
                c.related,
                c.span.map(|r| r.0),
                c.span.map(|r| r.1),
            ])?;
        }
        for n in &self.notes {
            s.note
                .execute(params![file, n.claim, n.credibility, n.note, spaced(&n.tags)])?;
        }
        // Each file's full-text rows are numbered in the range `file << ROW_BITS`.
        for (n, (body, kind, item)) in self.texts.iter().enumerate() {
            s.text
                .execute(params![(file << ROW_BITS) + n as i64, body, kind, item])?;
        }
        Ok(())
    }
}

fn claim_row(
    c: crate::model::Claim,
    index: &crate::index::Index,
    i: usize,
    texts: &mut Vec<(String, &'static str, usize)>,
) -> ClaimRow {
    let related = index.claim_related[i]
        .iter()
        .map(|(to, rel)| format!("{to} {rel}"))
        .collect::<Vec<_>>()
        .join(";");
    // A quote's words are in its section already; other claims say it in their own words.
    if c.kind != ClaimKind::Quote {
        texts.push((c.text.clone(), "claim", i));
    }
    ClaimRow {
        id: c.id,
        section: index.claim_section[i],
        speaker: index.claim_speaker[i],
        about: spaced(&index.claim_about[i]),
        kind: c.kind.as_str(),
        text: c.text,
        date: c.date.map(|d| d.to_string()),
        via: c.via,
        related,
        span: index.claim_span[i].as_ref().map(|r| (r.start, r.end)),
    }
}

/// `' a b '`: each item followed by a space and the whole led by one, so
/// `instr(column, ' a ')` finds an item exactly.
pub fn spaced<T: ToString>(items: &[T]) -> String {
    let mut s = String::from(" ");
    for item in items {
        s.push_str(&item.to_string());
        s.push(' ');
    }
    s
}
