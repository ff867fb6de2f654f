//! Adding a claim for words of a section's text: a new `[[claims]]` table,
//! placed where the importer would have written it (the section's claims in
//! text order), so `git diff` shows one new table and nothing else.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use super::apply::{insert_in_order, require_actor, tables_mut};
use super::{EditError, NewClaim};
use crate::model::{Briefing, ClaimKind, ids};
use crate::text::{Folded, escape, sanitize};

/// The words as one line: runs of whitespace (line breaks too) become one space.
pub fn one_line(words: &str) -> String {
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Actor `id` of `briefing`, as a claim's id needs it.
pub fn id_speaker<'a>(briefing: &'a Briefing, id: &str) -> Option<ids::IdSpeaker<'a>> {
    let actor = briefing.actors.iter().find(|a| a.id == id)?;
    Some(ids::IdSpeaker {
        name: &actor.name,
        kind: actor.kind,
        aliases: &actor.aliases,
    })
}

/// The id the importer would give this claim, unique in `briefing`.
pub fn claim_id_for(briefing: &Briefing, words: &str, speaker: Option<ids::IdSpeaker<'_>>) -> String {
    let base = ids::claim_id(speaker, &one_line(words));
    ids::unique_id(&base, "claim", |id| briefing.claims.iter().any(|c| c.id == id))
}

fn str_of<'a>(table: &'a Table, key: &str) -> Option<&'a str> {
    table.get(key).and_then(Item::as_str)
}

/// Section ids in file order, each with its text folded for matching.
fn sections(doc: &DocumentMut) -> Vec<(String, Folded)> {
    let Some(list) = doc.get("sections").and_then(Item::as_array_of_tables) else {
        return Vec::new();
    };
    list.iter()
        .map(|t| {
            let text = sanitize(str_of(t, "text").unwrap_or_default());
            (
                str_of(t, "id").unwrap_or_default().to_string(),
                Folded::new(&text),
            )
        })
        .collect()
}

/// Where a claim is in reading order: (section, start of its words); unknown last.
fn place_of(claim: &Table, sections: &[(String, Folded)]) -> (usize, usize) {
    let section = str_of(claim, "section").and_then(|s| sections.iter().position(|(id, _)| id == s));
    let Some(s) = section else {
        return (usize::MAX, usize::MAX);
    };
    let quote = str_of(claim, "kind") == Some("quote");
    let locator = match (quote, str_of(claim, "anchor")) {
        (false, Some(anchor)) => Some(anchor),
        _ => str_of(claim, "text"),
    };
    let start = locator
        .and_then(|l| sections[s].1.find(l))
        .map_or(usize::MAX, |r| r.start);
    (s, start)
}

/// The index in `claims` the new claim goes to: after the claims before it in
/// reading order, before those after it (a file not in reading order keeps its
/// own: the claim goes after the last one that comes before it).
fn insertion_index(
    claims: Option<&ArrayOfTables>,
    sections: &[(String, Folded)],
    at: (usize, usize),
) -> usize {
    let Some(claims) = claims else { return 0 };
    let places: Vec<(usize, usize)> = claims.iter().map(|c| place_of(c, sections)).collect();
    let same = |p: &(usize, usize)| p.0 == at.0;
    let last = |f: &dyn Fn(&(usize, usize)) -> bool| places.iter().rposition(f).map(|i| i + 1);
    let first = |f: &dyn Fn(&(usize, usize)) -> bool| places.iter().position(f);
    last(&|p| same(p) && p.1 <= at.1)
        .or_else(|| first(&|p| same(p)))
        .or_else(|| last(&|p| p.0 < at.0))
        .or_else(|| first(&|p| p.0 > at.0 && p.0 != usize::MAX))
        .unwrap_or(places.len())
}

pub(super) fn add_claim(doc: &mut DocumentMut, new: &NewClaim) -> Result<(), EditError> {
    let words = one_line(&new.words);
    if words.is_empty() {
        return Err(EditError::Refused(
            "a claim needs words of the text; none were given".into(),
        ));
    }
    if !crate::model::is_valid_id(&new.id) {
        return Err(EditError::Refused(format!(
            "`{}` is not an id: lowercase letters, digits and `-` only",
            escape(&new.id)
        )));
    }
    if let Some(actor) = &new.speaker {
        require_actor(doc, actor)?;
    }
    let sections = sections(doc);
    let Some(s) = sections.iter().position(|(id, _)| *id == new.section) else {
        return Err(EditError::Unknown {
            what: "section",
            id: new.section.clone(),
        });
    };
    let Some(span) = sections[s].1.find(&words) else {
        return Err(EditError::Refused(format!(
            "“{}” is not in the text of section `{}`; a claim is made of words of its section",
            escape(&words),
            escape(&new.section)
        )));
    };
    let claims = doc.get("claims").and_then(Item::as_array_of_tables);
    if claims.is_some_and(|c| c.iter().any(|t| str_of(t, "id") == Some(new.id.as_str()))) {
        return Err(EditError::Refused(format!(
            "a claim `{}` exists already",
            escape(&new.id)
        )));
    }
    let at = insertion_index(claims, &sections, (s, span.start));
    if tables_mut(doc, "claims").is_none() {
        doc.insert("claims", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let table = claim_table(new, &words);
    match tables_mut(doc, "claims") {
        Some(claims) => claims.insert(at.min(claims.len()), table),
        None => return Err(EditError::File("the `claims` key is not a list of tables".into())),
    }
    Ok(())
}

fn claim_table(new: &NewClaim, words: &str) -> Table {
    let mut table = Table::new();
    let mut put = |key: &str, value: &str| insert_in_order(&mut table, key, toml_edit::value(value));
    put("id", &new.id);
    put("section", &new.section);
    if let Some(s) = &new.speaker {
        put("speaker", s);
    }
    put("kind", new.kind.as_str());
    if new.kind != ClaimKind::Quote {
        put("anchor", words);
    }
    put("text", words);
    if let Some(d) = &new.date {
        put("date", d);
    }
    if let Some(v) = &new.via {
        put("via", v);
    }
    table
}
