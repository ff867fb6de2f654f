//! Applying edits to the TOML source, format-preserving.

use std::path::Path;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::{ActorEdit, ClaimEdit, Edit, EditError};
use crate::model::{ActorKind, ClaimKind};
use crate::text::escape;

/// Applies `edits` in order to `source` and validates the result with the loader
/// (`path` names the file in its messages). Returns the new source.
pub fn apply_all(path: &Path, source: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::File(format!("not valid TOML: {e}")))?;
    for edit in edits {
        apply_one(&mut doc, edit)?;
    }
    let text = same_line_endings(source, doc.to_string());
    crate::load::parse_and_index(path, &text).map_err(EditError::Invalid)?;
    Ok(text)
}

/// New lines come out as `\n`; in a file whose every line ends in `\r\n`, they
/// end in `\r\n` too, so the file keeps one line ending.
fn same_line_endings(source: &str, text: String) -> String {
    let crlf = source.matches("\r\n").count();
    if crlf == 0 || crlf != source.matches('\n').count() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 40);
    let mut last = '\0';
    for c in text.chars() {
        if c == '\n' && last != '\r' {
            out.push('\r');
        }
        out.push(c);
        last = c;
    }
    out
}

/// [`apply_all`] for one edit.
pub fn apply(path: &Path, source: &str, edit: &Edit) -> Result<String, EditError> {
    apply_all(path, source, std::slice::from_ref(edit))
}

fn apply_one(doc: &mut DocumentMut, edit: &Edit) -> Result<(), EditError> {
    match edit {
        Edit::Claim { id, change } => edit_claim(doc, id, change),
        Edit::Actor { id, change } => edit_actor(doc, id, change),
        Edit::AddActor { id, name, kind } => add_actor(doc, id, name, *kind),
        Edit::AddClaim(new) => super::add::add_claim(doc, new),
        Edit::SectionHeading { id, heading } => {
            let section = find_mut(doc, "sections", "section", id)?;
            set_str(section, "heading", heading);
            Ok(())
        }
    }
}

fn add_actor(doc: &mut DocumentMut, id: &str, name: &str, kind: ActorKind) -> Result<(), EditError> {
    if tables_mut(doc, "actors").is_some_and(|t| position(t, id).is_some()) {
        return Err(EditError::Refused(format!(
            "there is already an actor `{}`",
            escape(id)
        )));
    }
    let mut table = Table::new();
    table.insert("id", toml_edit::value(id));
    table.insert("name", toml_edit::value(name));
    table.insert("kind", toml_edit::value(kind.as_str()));
    match tables_mut(doc, "actors") {
        Some(actors) => actors.push(table),
        None => {
            let mut actors = ArrayOfTables::new();
            actors.push(table);
            doc.insert("actors", Item::ArrayOfTables(actors));
        }
    }
    Ok(())
}

pub(super) fn tables_mut<'a>(doc: &'a mut DocumentMut, key: &str) -> Option<&'a mut ArrayOfTables> {
    doc.get_mut(key).and_then(Item::as_array_of_tables_mut)
}

pub(super) fn position(tables: &ArrayOfTables, id: &str) -> Option<usize> {
    tables
        .iter()
        .position(|t| t.get("id").and_then(Item::as_str) == Some(id))
}

pub(super) fn find_mut<'a>(
    doc: &'a mut DocumentMut,
    key: &str,
    what: &'static str,
    id: &str,
) -> Result<&'a mut Table, EditError> {
    let unknown = || EditError::Unknown {
        what,
        id: id.to_string(),
    };
    let tables = tables_mut(doc, key).ok_or_else(unknown)?;
    let at = position(tables, id).ok_or_else(unknown)?;
    tables.get_mut(at).ok_or_else(unknown)
}

/// The order of keys in the files the importer writes and docs/format.md
/// shows: a new key goes where a person would look for it.
const KEY_ORDER: &[&str] = &[
    "id", "name", "section", "heading", "speaker", "about", "kind", "role", "aliases", "anchor", "text",
    "date", "via", "related", "doubt",
];

/// Inserts a new key after the keys that come before it in [`KEY_ORDER`]; the
/// keys that come after it keep their order and formatting.
pub(super) fn insert_in_order(table: &mut Table, key: &str, item: Item) {
    table.insert(key, item);
    let Some(rank) = KEY_ORDER.iter().position(|k| *k == key) else {
        return;
    };
    let later = |k: &str| KEY_ORDER.iter().position(|o| *o == k).is_some_and(|r| r > rank);
    let move_back: Vec<String> = table
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| later(k))
        .collect();
    for k in move_back {
        if let Some((k, item)) = table.remove_entry(&k) {
            table.insert_formatted(&k, item);
        }
    }
}

/// Sets a string, keeping the old value's surrounding whitespace and comment.
pub(super) fn set_str(table: &mut Table, key: &str, text: &str) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = Value::from(text);
            *old.decor_mut() = decor;
        }
        None => insert_in_order(table, key, toml_edit::value(text)),
    }
}

fn set_or_remove(table: &mut Table, key: &str, text: Option<&str>) {
    match text {
        Some(t) => set_str(table, key, t),
        None => {
            table.remove(key);
        }
    }
}

fn edit_claim(doc: &mut DocumentMut, id: &str, change: &ClaimEdit) -> Result<(), EditError> {
    if let ClaimEdit::Speaker(Some(actor)) = change {
        require_actor(doc, actor)?;
    }
    if *change == ClaimEdit::Delete {
        return delete_claim(doc, id);
    }
    let claim = find_mut(doc, "claims", "claim", id)?;
    match change {
        ClaimEdit::Speaker(s) => set_or_remove(claim, "speaker", s.as_deref()),
        ClaimEdit::Kind(k) => set_kind(claim, *k),
        ClaimEdit::Date(d) => set_or_remove(claim, "date", d.as_deref()),
        ClaimEdit::Via(v) => set_or_remove(claim, "via", v.as_deref()),
        ClaimEdit::ClearDoubt => {
            claim.remove("doubt");
        }
        ClaimEdit::Delete => {}
    }
    Ok(())
}

/// Changes a claim's kind and keeps it locatable: a quote's words become the
/// anchor of a paraphrase or report, and an anchor's words become the quote.
fn set_kind(claim: &mut Table, kind: ClaimKind) {
    let was_quote = claim.get("kind").and_then(Item::as_str) == Some("quote");
    let is_quote = kind == ClaimKind::Quote;
    if was_quote
        && !is_quote
        && !claim.contains_key("anchor")
        && let Some(words) = str_of(claim, "text")
    {
        insert_in_order(claim, "anchor", toml_edit::value(words));
    }
    if !was_quote
        && is_quote
        && let Some(words) = str_of(claim, "anchor")
    {
        set_str(claim, "text", &words);
        claim.remove("anchor");
    }
    set_str(claim, "kind", kind.as_str());
}

fn str_of(table: &Table, key: &str) -> Option<String> {
    table.get(key).and_then(Item::as_str).map(str::to_string)
}

pub(super) fn require_actor(doc: &mut DocumentMut, actor: &str) -> Result<(), EditError> {
    find_mut(doc, "actors", "actor", actor).map(|_| ())
}

fn delete_claim(doc: &mut DocumentMut, id: &str) -> Result<(), EditError> {
    let unknown = || EditError::Unknown {
        what: "claim",
        id: id.to_string(),
    };
    let claims = tables_mut(doc, "claims").ok_or_else(unknown)?;
    let at = position(claims, id).ok_or_else(unknown)?;
    claims.remove(at);
    for claim in claims.iter_mut() {
        drop_related(claim, id);
    }
    Ok(())
}

/// Removes the `related` entries naming `id` (the key too when none is left).
fn drop_related(claim: &mut Table, id: &str) {
    let names = |v: &Value| {
        v.as_inline_table()
            .and_then(|t| t.get("claim"))
            .and_then(Value::as_str)
            == Some(id)
    };
    let Some(related) = claim.get_mut("related") else {
        return;
    };
    let empty = match related {
        Item::Value(Value::Array(list)) => {
            list.retain(|v| !names(v));
            list.is_empty()
        }
        Item::ArrayOfTables(list) => {
            list.retain(|t| t.get("claim").and_then(Item::as_str) != Some(id));
            list.is_empty()
        }
        _ => false,
    };
    if empty {
        claim.remove("related");
    }
}

fn edit_actor(doc: &mut DocumentMut, id: &str, change: &ActorEdit) -> Result<(), EditError> {
    match change {
        ActorEdit::MergeInto(other) => return merge_actor(doc, id, other),
        ActorEdit::Delete => return delete_actor(doc, id),
        _ => {}
    }
    let actor = find_mut(doc, "actors", "actor", id)?;
    match change {
        ActorEdit::Rename(name) => set_str(actor, "name", name),
        ActorEdit::AddAlias(alias) => add_aliases(actor, std::slice::from_ref(alias)),
        ActorEdit::RemoveAlias(alias) => remove_alias(actor, id, alias)?,
        ActorEdit::Kind(k) => set_str(actor, "kind", k.as_str()),
        ActorEdit::Role(r) => set_or_remove(actor, "role", r.as_deref()),
        ActorEdit::MergeInto(_) | ActorEdit::Delete => {}
    }
    Ok(())
}

fn strings(table: &Table, key: &str) -> Vec<String> {
    match table.get(key).and_then(Item::as_array) {
        Some(list) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        None => Vec::new(),
    }
}

/// Adds the aliases the actor does not have yet (nor as its name), in order.
fn add_aliases(actor: &mut Table, aliases: &[String]) {
    let name = actor
        .get("name")
        .and_then(Item::as_str)
        .unwrap_or_default()
        .to_string();
    let mut known = strings(actor, "aliases");
    known.push(name);
    let new: Vec<&String> = aliases
        .iter()
        .filter(|a| !known.iter().any(|k| k.eq_ignore_ascii_case(a)))
        .collect();
    if new.is_empty() {
        return;
    }
    if actor.get("aliases").and_then(Item::as_array).is_none() {
        insert_in_order(actor, "aliases", toml_edit::value(toml_edit::Array::new()));
    }
    if let Some(list) = actor.get_mut("aliases").and_then(Item::as_array_mut) {
        for alias in new {
            list.push(alias.as_str());
        }
    }
}

fn remove_alias(actor: &mut Table, id: &str, alias: &str) -> Result<(), EditError> {
    let list = actor.get_mut("aliases").and_then(Item::as_array_mut);
    let Some(list) = list.filter(|l| l.iter().any(|v| v.as_str() == Some(alias))) else {
        return Err(EditError::Refused(format!(
            "actor `{}` has no alias “{}”",
            escape(id),
            escape(alias)
        )));
    };
    list.retain(|v| v.as_str() != Some(alias));
    Ok(())
}

/// How many claims name the actor as speaker or in `about`.
pub(super) fn references(doc: &DocumentMut, id: &str) -> usize {
    let Some(claims) = doc.get("claims").and_then(Item::as_array_of_tables) else {
        return 0;
    };
    claims
        .iter()
        .filter(|c| {
            c.get("speaker").and_then(Item::as_str) == Some(id) || strings(c, "about").iter().any(|a| a == id)
        })
        .count()
}

fn delete_actor(doc: &mut DocumentMut, id: &str) -> Result<(), EditError> {
    find_mut(doc, "actors", "actor", id)?;
    let n = references(doc, id);
    if n > 0 {
        return Err(EditError::Refused(format!(
            "actor `{}` is referred to by {n} claim{} (as speaker or in `about`), so it was not deleted; merge it into another actor (--merge-into) or change those claims first",
            escape(id),
            if n == 1 { "" } else { "s" }
        )));
    }
    remove_actor(doc, id);
    Ok(())
}

fn remove_actor(doc: &mut DocumentMut, id: &str) {
    if let Some(actors) = tables_mut(doc, "actors")
        && let Some(at) = position(actors, id)
    {
        actors.remove(at);
    }
}

fn merge_actor(doc: &mut DocumentMut, id: &str, into: &str) -> Result<(), EditError> {
    if id == into {
        return Err(EditError::Refused(format!(
            "actor `{}` cannot be merged into itself",
            escape(id)
        )));
    }
    let from = find_mut(doc, "actors", "actor", id)?;
    let mut forms = vec![
        from.get("name")
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_string(),
    ];
    forms.extend(strings(from, "aliases"));
    forms.retain(|f| !f.trim().is_empty());
    let role = from.get("role").and_then(Item::as_str).map(str::to_string);
    let kind = from.get("kind").and_then(Item::as_str).map(str::to_string);
    let target = find_mut(doc, "actors", "actor", into)?;
    add_aliases(target, &forms);
    take_role_and_kind(target, role, kind);
    if let Some(claims) = tables_mut(doc, "claims") {
        for claim in claims.iter_mut() {
            redirect(claim, id, into);
        }
    }
    remove_actor(doc, id);
    Ok(())
}

/// The actor merged into `target` gives it its role when it has none, and its
/// kind when `target`'s is only `other`.
fn take_role_and_kind(target: &mut Table, role: Option<String>, kind: Option<String>) {
    if let Some(role) = role.filter(|r| !r.trim().is_empty())
        && target.get("role").is_none()
    {
        insert_in_order(target, "role", toml_edit::value(role));
    }
    let other = target.get("kind").and_then(Item::as_str) == Some("other");
    if let Some(kind) = kind.filter(|k| other && k != "other") {
        set_str(target, "kind", &kind);
    }
}

/// A claim's `speaker` and `about` naming `from` name `to` instead (once).
fn redirect(claim: &mut Table, from: &str, to: &str) {
    if claim.get("speaker").and_then(Item::as_str) == Some(from) {
        set_str(claim, "speaker", to);
    }
    let Some(about) = claim.get_mut("about").and_then(Item::as_array_mut) else {
        return;
    };
    if !about.iter().any(|v| v.as_str() == Some(from)) {
        return;
    }
    let has_target = about.iter().any(|v| v.as_str() == Some(to));
    if has_target {
        about.retain(|v| v.as_str() != Some(from));
        return;
    }
    for v in about.iter_mut() {
        if v.as_str() == Some(from) {
            let decor = v.decor().clone();
            *v = Value::from(to);
            *v.decor_mut() = decor;
        }
    }
}
