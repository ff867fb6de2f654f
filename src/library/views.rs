//! What the index answers besides search: the briefings, the files skipped,
//! actors across the library, and dated claims in order.

use rusqlite::params;
use serde::Serialize;

use super::LibraryIndex;
use super::identity::{ActorRef, Decisions, links, normalize, resolve};
use crate::hash::HashMap;
use crate::model::{ActorKind, PartialDate};

/// A briefing as listed from the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BriefingRow {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub path: String,
    pub published: Option<String>,
    pub sections: usize,
    pub actors: usize,
    pub claims: usize,
    #[serde(skip)]
    pub file: i64,
}

/// One actor of one briefing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub briefing: String,
    pub actor: String,
    pub name: String,
    pub role: Option<String>,
    pub claims: usize,
    pub mentions: usize,
    #[serde(skip)]
    pub file: i64,
    #[serde(skip)]
    pub idx: usize,
}

/// One actor across the library: every briefing's actor that is the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// The name most briefings use.
    pub name: String,
    pub kind: ActorKind,
    /// Other names and aliases seen.
    pub also: Vec<String>,
    pub briefings: usize,
    pub claims: usize,
    pub members: Vec<Member>,
}

/// A claim as the actor view and the timeline show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimRow {
    pub briefing: String,
    pub title: String,
    pub claim: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub text: String,
    pub date: Option<String>,
    pub section: Option<String>,
    /// Related claims of the same briefing: (claim id, relation).
    pub related: Vec<(String, String)>,
    #[serde(skip)]
    pub file: i64,
    #[serde(skip)]
    pub idx: usize,
    /// Speaker and subjects as actor indices (`about` as stored: ' 1 3 ').
    #[serde(skip)]
    pub who: (Option<usize>, String),
}

impl Member {
    /// `briefing/actor`, as decisions name it.
    pub fn key(&self) -> String {
        format!("{}/{}", self.briefing, self.actor)
    }
}

impl ClaimRow {
    /// Whether the actor `idx` of the file `file` made this claim or is its subject.
    pub fn involves(&self, file: i64, idx: usize) -> bool {
        let (speaker, about) = &self.who;
        self.file == file && (*speaker == Some(idx) || about.contains(&format!(" {idx} ")))
    }
}

/// The timeline's filters. Dates are compared as ranges: a claim dated 2025-11
/// is within `--from 2025-11-15`, as it may be.
#[derive(Debug, Clone, Default)]
pub struct TimelineFilter {
    pub actor: Option<Vec<(i64, usize)>>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub briefing: Option<String>,
}

impl LibraryIndex {
    fn full_path(&self, name: &str) -> String {
        self.folder.join(name).display().to_string()
    }

    /// The briefings that load, in file order (as `Library::load` lists them).
    pub fn briefings(&self) -> rusqlite::Result<Vec<BriefingRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.id, b.title, f.path, b.published, b.sections, b.actors, b.claims, b.file, b.publisher
             FROM files f CROSS JOIN briefings b ON b.file = f.id WHERE b.shadowed = 0
             ORDER BY substr(f.path, 1, length(f.path) - 5), f.path",
        )?;
        let rows = stmt.query_map([], |r| self.briefing_row(r))?;
        rows.collect()
    }

    fn briefing_row(&self, r: &rusqlite::Row) -> rusqlite::Result<BriefingRow> {
        Ok(BriefingRow {
            id: r.get(0)?,
            title: r.get(1)?,
            path: self.full_path(&r.get::<_, String>(2)?),
            published: r.get(3)?,
            sections: r.get(4)?,
            actors: r.get(5)?,
            claims: r.get(6)?,
            file: r.get(7)?,
            publisher: r.get(8)?,
        })
    }

    /// The first briefing in file order and how many there are: what the reader
    /// needs for its first frame, without reading the whole list.
    pub fn first_briefing(&self) -> rusqlite::Result<Option<(BriefingRow, usize)>> {
        let count: usize =
            self.conn
                .query_row("SELECT count(*) FROM briefings WHERE shadowed = 0", [], |r| {
                    r.get(0)
                })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.id, b.title, f.path, b.published, b.sections, b.actors, b.claims, b.file, b.publisher
             FROM files f CROSS JOIN briefings b ON b.file = f.id WHERE b.shadowed = 0
             ORDER BY substr(f.path, 1, length(f.path) - 5), f.path LIMIT 1",
        )?;
        let mut rows = stmt.query_map([], |r| self.briefing_row(r))?;
        rows.next().transpose().map(|row| row.map(|row| (row, count)))
    }

    /// The first problem of each file skipped, in file order: broken files, and
    /// briefings whose id an earlier file uses.
    pub fn skipped(&self) -> rusqlite::Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.path, f.problem, NULL, substr(f.path, 1, length(f.path) - 5) AS k
             FROM files f WHERE f.problem IS NOT NULL
             UNION ALL
             SELECT f.path, NULL,
                (SELECT f2.path FROM briefings b2 JOIN files f2 ON f2.id = b2.file
                 WHERE b2.id = b.id AND b2.shadowed = 0),
                substr(f.path, 1, length(f.path) - 5) AS k
             FROM briefings b JOIN files f ON f.id = b.file WHERE b.shadowed = 1",
        )?;
        // Few rows, sorted here: so SQLite reads only them (not every file in order).
        let rows = stmt.query_map([], |r| {
            let path: String = r.get(0)?;
            let problem: Option<String> = r.get(1)?;
            let first: Option<String> = r.get(2)?;
            let key: String = r.get(3)?;
            let line = problem.unwrap_or_else(|| {
                format!(
                    "{}:1:1: briefing id is already used by {}, which is kept; set a different `id` in one of the two",
                    crate::text::escape(&self.full_path(&path)),
                    crate::text::escape(&self.full_path(&first.unwrap_or_default()))
                )
            });
            Ok((key, path, line))
        })?;
        let mut rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.sort_unstable();
        Ok(rows.into_iter().map(|(_, _, line)| line).collect())
    }

    /// Every actor of every briefing listed, with its normalised forms.
    fn actor_refs(&self) -> rusqlite::Result<(Vec<ActorRef>, Vec<Member>)> {
        let mut forms: HashMap<(i64, usize), Vec<String>> = HashMap::default();
        let mut stmt = self.conn.prepare_cached("SELECT file, idx, form FROM forms")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            forms.entry((r.get(0)?, r.get(1)?)).or_default().push(r.get(2)?);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.id, a.id, a.name, a.kind, a.role, a.claims, a.mentions, a.file, a.idx
             FROM actors a JOIN briefings b ON b.file = a.file JOIN files f ON f.id = a.file
             WHERE b.shadowed = 0 ORDER BY substr(f.path, 1, length(f.path) - 5), f.path, a.idx",
        )?;
        let mut refs = Vec::new();
        let mut members = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (file, idx) = (r.get(7)?, r.get(8)?);
            let (actor, member) = actor_row(r, file, idx, forms.remove(&(file, idx)).unwrap_or_default())?;
            refs.push(actor);
            members.push(member);
        }
        Ok((refs, members))
    }

    /// Every actor across the library: most briefings first, then most claims, then by name.
    pub fn identities(&self, decisions: &Decisions) -> rusqlite::Result<Vec<Identity>> {
        let (refs, members) = self.actor_refs()?;
        let ids = resolve(&refs, decisions);
        let count = ids.iter().max().map_or(0, |m| m + 1);
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (i, id) in ids.iter().enumerate() {
            groups[*id].push(i);
        }
        let mut identities: Vec<Identity> = groups
            .into_iter()
            .map(|group| identity(&refs, &members, &group))
            .collect();
        identities.sort_by(|a, b| {
            (b.briefings, b.claims)
                .cmp(&(a.briefings, a.claims))
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        Ok(identities)
    }

    /// Every actor (file, index) of the identities named `name`, for a timeline
    /// filter; `None` when no identity has that name.
    pub fn members_named(
        &self,
        name: &str,
        decisions: &Decisions,
    ) -> rusqlite::Result<Option<Vec<(i64, usize)>>> {
        let identities = self.find_identities(name, decisions)?;
        Ok((!identities.is_empty()).then(|| {
            identities
                .iter()
                .flat_map(|i| i.members.iter().map(|m| (m.file, m.idx)))
                .collect()
        }))
    }

    /// The identities one of whose names or aliases is `name` (after normalising),
    /// or failing that, whose name contains it.
    ///
    /// Only the actors linked to `name` are looked at: from those with that
    /// form, through their other forms (same kind) and the merges naming them,
    /// to a closed group; identities are then resolved within it. That group
    /// holds every identity containing one of them, as identities only ever
    /// join actors linked that way.
    pub fn find_identities(&self, name: &str, decisions: &Decisions) -> rusqlite::Result<Vec<Identity>> {
        let mut seeds = Vec::new();
        for kind in ActorKind::ALL {
            for (file, idx, k) in self.with_form(&normalize(name, *kind))? {
                if k == *kind && !seeds.contains(&(file, idx)) {
                    seeds.push((file, idx));
                }
            }
        }
        if seeds.is_empty() {
            let wanted = normalize(name, ActorKind::Other);
            return Ok(self
                .identities(decisions)?
                .into_iter()
                .filter(|i| !wanted.is_empty() && normalize(&i.name, i.kind).contains(&wanted))
                .collect());
        }
        let (refs, members) = self.linked(&seeds, decisions)?;
        let ids = resolve(&refs, decisions);
        let wanted: Vec<usize> = (0..refs.len())
            .filter(|&i| seeds.contains(&(members[i].file, members[i].idx)))
            .map(|i| ids[i])
            .collect();
        let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            if !wanted.contains(id) {
                continue;
            }
            match groups.iter_mut().find(|(g, _)| g == id) {
                Some((_, members)) => members.push(i),
                None => groups.push((*id, vec![i])),
            }
        }
        let mut found: Vec<Identity> = groups
            .iter()
            .map(|(_, group)| identity(&refs, &members, group))
            .collect();
        found.sort_by_key(|i| std::cmp::Reverse((i.briefings, i.claims)));
        Ok(found)
    }

    /// The identity holding the briefing's actor `key` (`briefing-id/actor-id`);
    /// `None` when no briefing listed has that actor.
    pub fn identity_of(&self, key: &str, decisions: &Decisions) -> rusqlite::Result<Option<Identity>> {
        if !key.contains('/') {
            return Ok(None);
        }
        let Some(&seed) = self.named(key)?.first() else {
            return Ok(None);
        };
        let (refs, members) = self.linked(&[seed], decisions)?;
        let ids = resolve(&refs, decisions);
        let Some(at) = (0..refs.len()).find(|&i| (members[i].file, members[i].idx) == seed) else {
            return Ok(None);
        };
        let mut group: Vec<usize> = (0..refs.len()).filter(|&i| ids[i] == ids[at]).collect();
        group.sort_by(|&a, &b| {
            (&members[a].briefing, members[a].idx).cmp(&(&members[b].briefing, members[b].idx))
        });
        Ok(Some(identity(&refs, &members, &group)))
    }

    /// Actors (file, index, kind) with a normalised form, in briefings listed.
    fn with_form(&self, form: &str) -> rusqlite::Result<Vec<(i64, usize, ActorKind)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.file, f.idx, a.kind FROM forms f
             JOIN actors a ON a.file = f.file AND a.idx = f.idx
             JOIN briefings b ON b.file = f.file
             WHERE f.form = ?1 AND b.shadowed = 0",
        )?;
        let rows = stmt.query_map([form], |r| {
            Ok((r.get(0)?, r.get(1)?, parse_kind(&r.get::<_, String>(2)?)))
        })?;
        rows.collect()
    }

    /// One actor with its forms.
    fn actor_ref(&self, file: i64, idx: usize) -> rusqlite::Result<(ActorRef, Member)> {
        let forms: Vec<String> = self
            .conn
            .prepare_cached("SELECT form FROM forms WHERE file = ?1 AND idx = ?2")?
            .query_map(params![file, idx], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.conn
            .prepare_cached(
                "SELECT b.id, a.id, a.name, a.kind, a.role, a.claims, a.mentions
                 FROM actors a JOIN briefings b ON b.file = a.file WHERE a.file = ?1 AND a.idx = ?2",
            )?
            .query_row(params![file, idx], |r| actor_row(r, file, idx, forms))
    }

    /// Every actor linked to the seeds by shared forms (same kind) or by a merge.
    fn linked(
        &self,
        seeds: &[(i64, usize)],
        decisions: &Decisions,
    ) -> rusqlite::Result<(Vec<ActorRef>, Vec<Member>)> {
        let mut seen: crate::hash::HashSet<(i64, usize)> = seeds.iter().copied().collect();
        let mut queue: Vec<(i64, usize)> = seeds.to_vec();
        let mut forms_done: crate::hash::HashSet<(String, ActorKind)> = Default::default();
        let mut merges_done = vec![false; decisions.merges.len()];
        let (mut refs, mut members) = (Vec::new(), Vec::new());
        while let Some((file, idx)) = queue.pop() {
            let (actor, member) = self.actor_ref(file, idx)?;
            let mut next = Vec::new();
            for form in actor.forms.iter().filter(|f| links(f, actor.kind)) {
                if forms_done.insert((form.clone(), actor.kind)) {
                    next.extend(
                        self.with_form(form)?
                            .into_iter()
                            .filter(|(_, _, k)| *k == actor.kind)
                            .map(|(f, i, _)| (f, i)),
                    );
                }
            }
            for (m, merge) in decisions.merges.iter().enumerate() {
                let names_it = merge.actors.iter().any(|n| {
                    *n == actor.key() || (!n.contains('/') && actor.forms.contains(&normalize(n, actor.kind)))
                });
                if names_it && !merges_done[m] {
                    merges_done[m] = true;
                    for n in &merge.actors {
                        next.extend(self.named(n)?);
                    }
                }
            }
            for key in next {
                if seen.insert(key) {
                    queue.push(key);
                }
            }
            refs.push(actor);
            members.push(member);
        }
        Ok((refs, members))
    }

    /// The actors a decision's entry names: `briefing/actor`, or every actor with that name.
    fn named(&self, name: &str) -> rusqlite::Result<Vec<(i64, usize)>> {
        if let Some((briefing, actor)) = name.split_once('/') {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.file, a.idx FROM actors a JOIN briefings b ON b.file = a.file
                 WHERE b.id = ?1 AND a.id = ?2 AND b.shadowed = 0",
            )?;
            return stmt
                .query_map(params![briefing, actor], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect();
        }
        let mut found = Vec::new();
        for kind in ActorKind::ALL {
            for (file, idx, k) in self.with_form(&normalize(name, *kind))? {
                if k == *kind && !found.contains(&(file, idx)) {
                    found.push((file, idx));
                }
            }
        }
        Ok(found)
    }

    /// The claims an identity made or that are about it, by briefing then reading order.
    pub fn identity_claims(&self, identity: &Identity) -> rusqlite::Result<Vec<ClaimRow>> {
        let mut claims = Vec::new();
        for m in &identity.members {
            let mut stmt = self.conn.prepare_cached(&format!(
                "{CLAIM_SELECT} WHERE c.file = ?1 AND (c.speaker = ?2 OR instr(c.about, ' ' || ?2 || ' ') > 0)
                 ORDER BY c.section, c.span_start"
            ))?;
            let rows = stmt.query_map(params![m.file, m.idx], claim_row)?;
            for row in rows {
                claims.push(row?);
            }
        }
        self.resolve_related(&mut claims)?;
        Ok(claims)
    }

    /// Dated claims in date order; a partial date (2025-11) sorts before its days.
    pub fn timeline(&self, filter: &TimelineFilter) -> rusqlite::Result<Vec<ClaimRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{CLAIM_SELECT} WHERE c.date IS NOT NULL AND b.shadowed = 0
               AND (?1 IS NULL OR c.date || '~' >= ?1) AND (?2 IS NULL OR c.date <= ?2 || '~')
               AND (?3 IS NULL OR b.id = ?3)
             ORDER BY c.date, b.published, b.id, c.section, c.span_start"
        ))?;
        let from = filter.from.map(|d| d.to_string());
        let to = filter.to.map(|d| d.to_string());
        let rows = stmt.query_map(params![from, to, filter.briefing], claim_row)?;
        let mut claims = Vec::new();
        for row in rows {
            let row = row?;
            if filter.actor.as_ref().is_none_or(|a| self.involves(&row, a)) {
                claims.push(row);
            }
        }
        self.resolve_related(&mut claims)?;
        Ok(claims)
    }

    fn involves(&self, claim: &ClaimRow, actors: &[(i64, usize)]) -> bool {
        actors.iter().any(|&(file, idx)| claim.involves(file, idx))
    }

    /// Turns the related claims' indices into ids.
    fn resolve_related(&self, claims: &mut [ClaimRow]) -> rusqlite::Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM claims WHERE file = ?1 AND idx = ?2")?;
        for c in claims {
            for (target, _) in &mut c.related {
                if let Ok(idx) = target.parse::<usize>() {
                    *target = stmt.query_row(params![c.file, idx], |r| r.get(0))?;
                }
            }
        }
        Ok(())
    }
}

const CLAIM_SELECT: &str =
    "SELECT b.id, b.title, c.id, c.kind, a.name, c.text, c.date, s.id, c.related, c.file, c.idx, c.speaker, c.about
    FROM claims c JOIN briefings b ON b.file = c.file
    LEFT JOIN actors a ON a.file = c.file AND a.idx = c.speaker
    LEFT JOIN sections s ON s.file = c.file AND s.idx = c.section";

fn claim_row(r: &rusqlite::Row) -> rusqlite::Result<ClaimRow> {
    let related: String = r.get(8)?;
    Ok(ClaimRow {
        briefing: r.get(0)?,
        title: r.get(1)?,
        claim: r.get(2)?,
        kind: r.get(3)?,
        speaker: r.get(4)?,
        text: r.get(5)?,
        date: r.get(6)?,
        section: r.get(7)?,
        related: related
            .split(';')
            .filter_map(|p| p.split_once(' '))
            .map(|(to, rel)| (to.to_string(), rel.to_string()))
            .collect(),
        file: r.get(9)?,
        idx: r.get(10)?,
        who: (r.get(11)?, r.get(12)?),
    })
}

pub fn parse_kind(s: &str) -> ActorKind {
    ActorKind::ALL
        .iter()
        .copied()
        .find(|k| k.as_str() == s)
        .unwrap_or(ActorKind::Other)
}

fn identity(refs: &[ActorRef], members: &[Member], group: &[usize]) -> Identity {
    // Names by how many briefings use them, then by how often they are mentioned.
    let mut names: Vec<(String, (usize, usize))> = Vec::new();
    let mut kinds: Vec<(ActorKind, usize)> = Vec::new();
    for &i in group {
        let weight = members[i].mentions + members[i].claims;
        match names.iter_mut().find(|(n, _)| *n == refs[i].name) {
            Some((_, (count, w))) => {
                *count += 1;
                *w += weight;
            }
            None => names.push((refs[i].name.clone(), (1, weight))),
        }
        match kinds.iter_mut().find(|(k, _)| *k == refs[i].kind) {
            Some((_, count)) => *count += 1,
            None => kinds.push((refs[i].kind, 1)),
        }
    }
    // Most used first; among equals, the first met.
    names.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    kinds.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    let mut briefings: Vec<&str> = group.iter().map(|&i| members[i].briefing.as_str()).collect();
    briefings.sort_unstable();
    briefings.dedup();
    Identity {
        name: names[0].0.clone(),
        kind: kinds[0].0,
        also: names.iter().skip(1).map(|(n, _)| n.clone()).collect(),
        briefings: briefings.len(),
        claims: group.iter().map(|&i| members[i].claims).sum(),
        members: group.iter().map(|&i| members[i].clone()).collect(),
    }
}

/// An actor from a row whose first seven columns are briefing id, actor id,
/// name, kind, role, claims and mentions.
fn actor_row(
    r: &rusqlite::Row<'_>,
    file: i64,
    idx: usize,
    forms: Vec<String>,
) -> rusqlite::Result<(ActorRef, Member)> {
    let member = Member {
        briefing: r.get(0)?,
        actor: r.get(1)?,
        name: r.get(2)?,
        role: r.get(4)?,
        claims: r.get(5)?,
        mentions: r.get(6)?,
        file,
        idx,
    };
    let actor = ActorRef {
        briefing: member.briefing.clone(),
        actor: member.actor.clone(),
        name: member.name.clone(),
        kind: parse_kind(&r.get::<_, String>(3)?),
        forms,
    };
    Ok((actor, member))
}
