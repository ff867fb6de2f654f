//! The sidecar file: reading it with a diagnostic for every problem, and writing
//! it in a stable, diff-friendly order.
//!
//! Reading never fails: entries that cannot be read are reported (with file, line
//! and column) and left out, the readable ones are kept. A file with any error is
//! never overwritten: the store sets it aside first (see `store`).

use std::ops::Range;
use std::path::Path;
use std::str::FromStr;

use jiff::Timestamp;
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use uuid::Uuid;

use crate::annotations::model::{ActorGrade, Anchor, Annotation, Credibility, Reliability, normalize_tags};
use crate::diagnostic::Diagnostic;
use crate::text::sanitize;

/// The sidecar schema this version reads and writes.
pub const SCHEMA: i64 = 1;

/// The contents of one sidecar.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sidecar {
    /// The briefing id the annotations belong to.
    pub briefing: String,
    /// Source-reliability grades, one per actor id.
    pub actors: Vec<ActorGrade>,
    pub annotations: Vec<Annotation>,
    /// Top-level fields this version does not know, kept and written back.
    pub extra: toml::Table,
}

impl Sidecar {
    pub fn new(briefing: &str) -> Sidecar {
        Sidecar {
            briefing: briefing.to_string(),
            ..Sidecar::default()
        }
    }

    pub fn annotation(&self, id: Uuid) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// Puts an annotation in, replacing one with the same id unless that one was
    /// modified later (newest `modified` wins). Returns whether it went in.
    pub fn merge_annotation(&mut self, annotation: Annotation) -> bool {
        merge_newest(
            &mut self.annotations,
            annotation,
            |a, b| a.id == b.id,
            |a| a.modified,
        )
    }

    /// Same rule for actor grades, keyed by actor id.
    pub fn merge_actor(&mut self, grade: ActorGrade) -> bool {
        merge_newest(&mut self.actors, grade, |a, b| a.actor == b.actor, |a| a.modified)
    }

    /// Sorts into the order the file is written in: actors by id, annotations by
    /// id (UUID v7, so in order of creation).
    pub fn sort(&mut self) {
        self.actors.sort_by(|a, b| a.actor.cmp(&b.actor));
        self.annotations.sort_by_key(|a| a.id);
    }
}

/// Puts `item` into `items`, replacing the entry it is the same as unless that
/// entry was modified later. Returns whether it went in.
fn merge_newest<T>(
    items: &mut Vec<T>,
    item: T,
    same: impl Fn(&T, &T) -> bool,
    modified: impl Fn(&T) -> Timestamp,
) -> bool {
    match items.iter_mut().find(|existing| same(existing, &item)) {
        Some(existing) if modified(existing) > modified(&item) => false,
        Some(existing) => {
            *existing = item;
            true
        }
        None => {
            items.push(item);
            true
        }
    }
}

/// A sidecar as read, with what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub sidecar: Sidecar,
    /// Problems that make the file unsafe to overwrite (syntax, wrong types,
    /// missing fields). The entries concerned are not in `sidecar`.
    pub errors: Vec<Diagnostic>,
    /// Things worth knowing that lose nothing: unknown fields (kept), a
    /// `briefing` field that does not match the file name, duplicate ids.
    pub warnings: Vec<Diagnostic>,
    /// For a file that is not valid TOML (torn by a crash or a full disk):
    /// what was read from the whole part before the first syntax error.
    pub recovery: Option<Recovery>,
}

/// What was saved from a sidecar with a syntax error: every whole entry
/// before the entry the error is in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovery {
    /// The line of the first syntax error.
    pub line: usize,
    /// The line where reading stopped: the start of the entry holding the error.
    pub cut_line: usize,
    /// Ids of annotations from the cut on, as far as they can be made out; not
    /// read from this file.
    pub lost: Vec<String>,
    /// Those of `lost` restored from the backup (`<id>.toml.bak`, the version
    /// before the last write).
    pub from_backup: Vec<String>,
}

/// The whole part of a torn source: everything before the `[[...]]` header
/// of the entry holding byte `error`. Returns the cut offset.
fn whole_prefix(source: &str, error: usize) -> usize {
    let error = crate::text::floor_char_boundary(source, error.min(source.len()));
    let before = &source[..error];
    let mut at = before.len();
    while let Some(i) = before[..at].rfind("[[") {
        let line_start = before[..i].rfind('\n').map_or(0, |n| n + 1);
        if before[line_start..i].trim().is_empty() {
            return line_start;
        }
        at = i;
    }
    0
}

/// Annotation ids written in a piece of sidecar text (`id = "..."` lines).
fn ids_in(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let rest = l
                .trim()
                .strip_prefix("id")?
                .trim_start()
                .strip_prefix('=')?
                .trim();
            let id = rest.strip_prefix('"')?.split('"').next()?;
            Uuid::parse_str(id).ok().map(|u| u.to_string())
        })
        .collect()
}

struct Reader<'a> {
    path: &'a Path,
    source: &'a str,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        self.errors
            .push(Diagnostic::at_span(self.path, self.source, span, message));
    }

    fn warn(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        self.warnings
            .push(Diagnostic::at_span(self.path, self.source, span, message));
    }

    fn value<T: DeserializeOwned>(&mut self, value: Spanned<DeValue<'_>>, what: &str) -> Option<T> {
        let span = value.span();
        match T::deserialize(value.into_deserializer()) {
            Ok(v) => Some(v),
            Err(e) => {
                let message = e.message().trim_end().replace('\n', " ");
                self.error(Some(e.span().unwrap_or(span)), format!("{what}: {message}"));
                None
            }
        }
    }

    /// A table's fields as (name, name span, value), in file order.
    fn fields<'i>(&mut self, item: Spanned<DeValue<'i>>, what: &str) -> Option<Fields<'i>> {
        let span = item.span();
        match item.into_inner() {
            DeValue::Table(table) => Some(Fields {
                span,
                items: table_items(table),
            }),
            other => {
                self.error(
                    Some(span),
                    format!("{what} must be a table, not {}", a_type(other.type_str())),
                );
                None
            }
        }
    }

    fn timestamp(&mut self, fields: &mut Fields<'_>, key: &str, what: &str) -> Option<Option<Timestamp>> {
        let Some((_, value)) = fields.take(key) else {
            return Some(None);
        };
        let span = value.span();
        let text = match self.value::<toml::Value>(value, &format!("{what} `{key}`"))? {
            toml::Value::String(s) => s,
            toml::Value::Datetime(d) => d.to_string(),
            other => {
                self.error(
                    Some(span),
                    format!(
                        "{what} `{key}` must be a date-time string, not {}",
                        a_type(other.type_str())
                    ),
                );
                return None;
            }
        };
        match Timestamp::from_str(&text) {
            Ok(t) => Some(Some(t)),
            Err(_) => {
                self.error(
                    Some(span),
                    format!(
                        "{what} `{key}` is not an RFC 3339 date-time with a time zone (like 2026-11-26T20:15:00Z): `{}`",
                        crate::text::escape(&text)
                    ),
                );
                None
            }
        }
    }

    fn required<T>(&mut self, fields: &Fields<'_>, key: &str, what: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.error(
                Some(fields.span.clone()),
                format!("{what} is missing the field `{key}`"),
            );
        }
        value
    }

    /// A string field, sanitised; `None` when missing or unreadable.
    fn text(&mut self, fields: &mut Fields<'_>, key: &str, what: &str) -> Option<String> {
        let (_, value) = fields.take(key)?;
        self.value::<String>(value, &format!("{what} `{key}`"))
            .map(|s| sanitize(&s))
    }

    /// A string field that may be left out (empty); `None` when unreadable.
    fn optional_text(&mut self, fields: &mut Fields<'_>, key: &str, what: &str) -> Option<String> {
        if fields.items.iter().any(|(k, _, _)| k == key) {
            self.text(fields, key, what)
        } else {
            Some(String::new())
        }
    }

    /// The fields nobody took, as [`Reader::extra`], leaving `fields` empty.
    fn rest(&mut self, fields: &mut Fields<'_>, what: &str) -> toml::Table {
        let rest = Fields {
            span: fields.span.clone(),
            items: std::mem::take(&mut fields.items),
        };
        self.extra(rest, what)
    }

    /// Leftover fields: kept in `extra`, and mentioned once as a warning.
    fn extra(&mut self, fields: Fields<'_>, what: &str) -> toml::Table {
        let mut extra = toml::Table::new();
        for (key, key_span, value) in fields.items {
            let name = crate::text::escape(&key).into_owned();
            if let Some(v) = self.value::<toml::Value>(value, &format!("{what} `{name}`")) {
                self.warn(
                    Some(key_span),
                    format!("unknown field `{name}` in {what}: kept as it is, but not used by this version"),
                );
                extra.insert(key, v);
            }
        }
        extra
    }
}

struct Fields<'i> {
    span: Range<usize>,
    items: Vec<(String, Range<usize>, Spanned<DeValue<'i>>)>,
}

impl<'i> Fields<'i> {
    fn take(&mut self, key: &str) -> Option<(Range<usize>, Spanned<DeValue<'i>>)> {
        let at = self.items.iter().position(|(k, _, _)| k == key)?;
        let (_, span, value) = self.items.remove(at);
        Some((span, value))
    }
}

/// "an integer", "a string": a type's name with its article, for messages.
fn a_type(name: &str) -> String {
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

fn table_items(table: DeTable<'_>) -> Vec<(String, Range<usize>, Spanned<DeValue<'_>>)> {
    table
        .into_iter()
        .map(|(k, v)| {
            let span = k.span();
            (k.into_inner().into_owned(), span, v)
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnchor {
    #[serde(default)]
    section: String,
    #[serde(default)]
    exact: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    #[serde(default)]
    hash: String,
}

/// Reads a sidecar's source. `path` names the file in messages; `expected_briefing`
/// is the briefing id the file name says it belongs to.
pub fn parse(path: &Path, source: &str, expected_briefing: &str) -> Parsed {
    let mut r = Reader {
        path,
        source,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let (root, syntax_errors) = DeTable::parse_recoverable(source);
    if !syntax_errors.is_empty() {
        return parse_torn(r, &syntax_errors, expected_briefing);
    }
    let mut sidecar = Sidecar::new(expected_briefing);
    let root_span = root.span();
    let mut root = Fields {
        span: root_span,
        items: table_items(root.into_inner()),
    };
    read_schema(&mut r, &mut root);
    read_briefing(&mut r, &mut root, expected_briefing);
    let annotation_items = take_array(&mut r, &mut root, "annotations");
    let actor_items = take_array(&mut r, &mut root, "actors");
    sidecar.extra = r.extra(root, "the sidecar");
    for item in annotation_items {
        let span = item.span();
        if let Some(annotation) = read_annotation(&mut r, item) {
            if sidecar.annotation(annotation.id).is_some() {
                r.warn(
                    Some(span),
                    format!(
                        "annotation id {} appears twice; the most recently modified one is kept",
                        annotation.id
                    ),
                );
            }
            sidecar.merge_annotation(annotation);
        }
    }
    for item in actor_items {
        if let Some(grade) = read_actor(&mut r, item) {
            sidecar.merge_actor(grade);
        }
    }
    Parsed {
        sidecar,
        errors: r.errors,
        warnings: r.warnings,
        recovery: None,
    }
}

/// A source that is not valid TOML: every syntax error, and what stands whole
/// before the entry the first one is in.
fn parse_torn(mut r: Reader<'_>, syntax_errors: &[toml::de::Error], expected_briefing: &str) -> Parsed {
    let source = r.source;
    for e in syntax_errors {
        let message = e.message().trim_end().replace('\n', " ");
        r.error(e.span(), format!("TOML syntax error: {message}"));
    }
    let first = syntax_errors
        .iter()
        .filter_map(|e| e.span().map(|s| s.start))
        .min()
        .unwrap_or(0);
    let cut = whole_prefix(source, first);
    let whole = (cut > 0)
        .then(|| parse(r.path, &source[..cut], expected_briefing))
        .filter(|prefix| prefix.errors.is_empty());
    let mut recovered = whole.map_or_else(|| Sidecar::new(expected_briefing), |p| p.sidecar);
    recovered.sort();
    Parsed {
        sidecar: recovered,
        errors: r.errors,
        warnings: r.warnings,
        recovery: Some(Recovery {
            line: crate::text::line_col(source, first).0,
            cut_line: crate::text::line_col(source, cut).0,
            lost: ids_in(&source[cut..]),
            from_backup: Vec::new(),
        }),
    }
}

fn read_schema(r: &mut Reader<'_>, root: &mut Fields<'_>) {
    let Some((_, value)) = root.take("schema") else {
        r.error(
            Some(0..0),
            "the sidecar is missing the field `schema` (expected `schema = 1`)",
        );
        return;
    };
    let span = value.span();
    if let Some(schema) = r.value::<i64>(value, "`schema`")
        && schema != SCHEMA
    {
        r.error(
            Some(span),
            format!("sidecar schema {schema} is not supported; this version reads schema {SCHEMA}"),
        );
    }
}

/// The `briefing` field; the file name wins when they differ (a warning).
fn read_briefing(r: &mut Reader<'_>, root: &mut Fields<'_>, expected_briefing: &str) {
    let Some((_, value)) = root.take("briefing") else {
        r.error(
            Some(0..0),
            format!(
                "the sidecar is missing the field `briefing` (expected `briefing = \"{expected_briefing}\"`)"
            ),
        );
        return;
    };
    let span = value.span();
    if let Some(id) = r.value::<String>(value, "`briefing`")
        && id != expected_briefing
    {
        r.warn(
            Some(span),
            format!(
                "`briefing = \"{}\"` does not match the file name; the file name (`{expected_briefing}`) is used",
                crate::text::escape(&id)
            ),
        );
    }
}

fn take_array<'i>(r: &mut Reader<'_>, root: &mut Fields<'i>, name: &str) -> Vec<Spanned<DeValue<'i>>> {
    let Some((_, value)) = root.take(name) else {
        return Vec::new();
    };
    let span = value.span();
    match value.into_inner() {
        DeValue::Array(items) => items.into_iter().collect(),
        other => {
            r.error(
                Some(span),
                format!(
                    "`{name}` must be a list of tables ([[{name}]]), not {}",
                    a_type(other.type_str())
                ),
            );
            Vec::new()
        }
    }
}

fn read_annotation(r: &mut Reader<'_>, item: Spanned<DeValue<'_>>) -> Option<Annotation> {
    const WHAT: &str = "annotation";
    let mut f = r.fields(item, WHAT)?;
    let errors_before = r.errors.len();
    let id = read_id(r, &mut f);
    let claim = r.text(&mut f, "claim", WHAT);
    let credibility = read_credibility(r, &mut f);
    let note = r.optional_text(&mut f, "note", WHAT);
    let tags = match f.take("tags") {
        None => Some(Vec::new()),
        Some((_, v)) => r
            .value::<Vec<String>>(v, "annotation `tags`")
            .map(|t| normalize_tags(t.iter().map(String::as_str))),
    };
    let created = r.timestamp(&mut f, "created", WHAT);
    let modified = r.timestamp(&mut f, "modified", WHAT);
    let anchor = read_anchor(r, &mut f);
    let extra = r.rest(&mut f, WHAT);
    if r.errors.len() > errors_before {
        return None;
    }
    let id = r.required(&f, "id", WHAT, id);
    let claim = r.required(&f, "claim", WHAT, claim);
    let created = r.required(&f, "created", WHAT, created.flatten());
    let modified = r.required(&f, "modified", WHAT, modified.flatten());
    Some(Annotation {
        id: id?,
        claim: claim?,
        credibility: credibility?,
        note: note?,
        tags: tags?,
        created: created?,
        modified: modified?,
        anchor: anchor?,
        extra,
    })
}

fn read_id(r: &mut Reader<'_>, f: &mut Fields<'_>) -> Option<Uuid> {
    let (_, v) = f.take("id")?;
    let span = v.span();
    let s: String = r.value(v, "annotation `id`")?;
    match Uuid::parse_str(&s) {
        Ok(id) => Some(id),
        Err(_) => {
            r.error(
                Some(span),
                format!("annotation `id` is not a UUID: `{}`", crate::text::escape(&s)),
            );
            None
        }
    }
}

/// `Some(None)` when left out; `None` when unreadable (reported).
fn read_credibility(r: &mut Reader<'_>, f: &mut Fields<'_>) -> Option<Option<Credibility>> {
    let Some((_, v)) = f.take("credibility") else {
        return Some(None);
    };
    let span = v.span();
    let n = r.value::<i64>(v, "annotation `credibility`")?;
    match Credibility::from_number(n) {
        Some(c) => Some(Some(c)),
        None => {
            r.error(
                Some(span),
                format!("annotation `credibility` must be 1 to 6 (or left out), not {n}"),
            );
            None
        }
    }
}

fn read_anchor(r: &mut Reader<'_>, f: &mut Fields<'_>) -> Option<Anchor> {
    let Some((_, v)) = f.take("anchor") else {
        return Some(Anchor::default());
    };
    r.value::<RawAnchor>(v, "annotation `anchor`").map(|a| Anchor {
        section: sanitize(&a.section),
        exact: sanitize(&a.exact),
        prefix: sanitize(&a.prefix),
        suffix: sanitize(&a.suffix),
        hash: sanitize(&a.hash),
    })
}

fn read_actor(r: &mut Reader<'_>, item: Spanned<DeValue<'_>>) -> Option<ActorGrade> {
    const WHAT: &str = "actor grade";
    let mut f = r.fields(item, WHAT)?;
    let errors_before = r.errors.len();
    let actor = r.text(&mut f, "actor", WHAT);
    let reliability = f.take("reliability").and_then(|(_, v)| {
        let span = v.span();
        let s: String = r.value(v, "actor grade `reliability`")?;
        s.parse::<Reliability>()
            .map_err(|e| r.error(Some(span), e.to_string()))
            .ok()
    });
    let note = r.optional_text(&mut f, "note", WHAT);
    let modified = r.timestamp(&mut f, "modified", WHAT);
    let extra = r.rest(&mut f, WHAT);
    if r.errors.len() > errors_before {
        return None;
    }
    let actor = r.required(&f, "actor", WHAT, actor);
    let reliability = r.required(&f, "reliability", WHAT, reliability);
    let modified = r.required(&f, "modified", WHAT, modified.flatten());
    Some(ActorGrade {
        actor: actor?,
        reliability: reliability?,
        note: note?,
        modified: modified?,
        extra,
    })
}

#[derive(Serialize)]
struct OutDoc<'a> {
    schema: i64,
    briefing: &'a str,
    #[serde(flatten)]
    extra: &'a toml::Table,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actors: Vec<OutActor<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    annotations: Vec<OutAnnotation<'a>>,
}

#[derive(Serialize)]
struct OutActor<'a> {
    actor: &'a str,
    reliability: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    modified: String,
    #[serde(flatten)]
    extra: &'a toml::Table,
}

#[derive(Serialize)]
struct OutAnnotation<'a> {
    id: String,
    claim: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    credibility: Option<u8>,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    created: String,
    modified: String,
    #[serde(flatten)]
    extra: &'a toml::Table,
    anchor: OutAnchor<'a>,
}

#[derive(Serialize)]
struct OutAnchor<'a> {
    section: &'a str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    hash: &'a str,
}

const HEADER: &str = "\
# Annotations kept by `briefing`, one sidecar per briefing; the briefing file itself
# is never changed. Fine to keep in version control or edit by hand (keep `id` and
# `modified`: they are how concurrent edits are merged).
";

/// Writes a sidecar as TOML: a comment, `schema` and `briefing`, then the actor
/// grades by actor id and the annotations by id.
pub fn render(sidecar: &Sidecar) -> Result<String, toml::ser::Error> {
    let mut sorted = sidecar.clone();
    sorted.sort();
    let doc = OutDoc {
        schema: SCHEMA,
        briefing: &sorted.briefing,
        extra: &sorted.extra,
        actors: sorted
            .actors
            .iter()
            .map(|a| OutActor {
                actor: &a.actor,
                reliability: a.reliability.to_string(),
                note: &a.note,
                modified: a.modified.to_string(),
                extra: &a.extra,
            })
            .collect(),
        annotations: sorted
            .annotations
            .iter()
            .map(|a| OutAnnotation {
                id: a.id.to_string(),
                claim: &a.claim,
                credibility: a.credibility.map(Credibility::number),
                note: &a.note,
                tags: &a.tags,
                created: a.created.to_string(),
                modified: a.modified.to_string(),
                extra: &a.extra,
                anchor: OutAnchor {
                    section: &a.anchor.section,
                    exact: &a.anchor.exact,
                    prefix: &a.anchor.prefix,
                    suffix: &a.anchor.suffix,
                    hash: &a.anchor.hash,
                },
            })
            .collect(),
    };
    Ok(format!("{HEADER}{}", toml::to_string_pretty(&doc)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::model::Credibility;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn annotation(id: &str, note: &str) -> Annotation {
        Annotation {
            id: Uuid::parse_str(id).unwrap(),
            claim: "c1".into(),
            credibility: Some(Credibility::Doubtful),
            note: note.into(),
            tags: vec!["a".into(), "b-c".into()],
            created: ts("2026-11-26T10:00:00Z"),
            modified: ts("2026-11-26T11:00:00.123456789Z"),
            anchor: Anchor {
                section: "lead".into(),
                exact: "“quoted” words".into(),
                prefix: "he said ".into(),
                suffix: " and left".into(),
                hash: "fnv1a64:0011223344556677".into(),
            },
            extra: toml::Table::new(),
        }
    }

    #[test]
    fn render_then_parse_gives_back_the_same_sidecar() {
        let mut sidecar = Sidecar::new("b");
        sidecar.annotations.push(annotation(
            "01a21971-08d3-7289-bcbe-62f166459cdf",
            "two\nlines with \"quotes\", a \\ backslash, ''' and \"\"\" and 日本語",
        ));
        sidecar
            .annotations
            .push(annotation("01a21971-08d3-7289-bcbe-62f166459cde", ""));
        sidecar.actors.push(ActorGrade {
            actor: "x".into(),
            reliability: Reliability::C,
            note: String::new(),
            modified: ts("2026-11-26T12:00:00Z"),
            extra: toml::Table::new(),
        });
        sidecar.extra.insert("future".into(), toml::Value::Integer(3));
        let text = render(&sidecar).unwrap();
        let parsed = parse(Path::new("b.toml"), &text, "b");
        assert!(parsed.errors.is_empty(), "{:?}\n{text}", parsed.errors);
        assert_eq!(parsed.warnings.len(), 1, "the unknown `future` is mentioned");
        let mut expected = sidecar.clone();
        expected.sort();
        assert_eq!(parsed.sidecar, expected);
        // Stable: the same content renders the same bytes whatever the order in memory.
        let mut reversed = sidecar.clone();
        reversed.annotations.reverse();
        assert_eq!(render(&reversed).unwrap(), text);
        // Sorted by id: the earlier id comes first.
        assert!(text.find("62f166459cde").unwrap() < text.find("62f166459cdf").unwrap());
    }

    #[test]
    fn control_characters_in_a_sidecar_are_sanitized() {
        let text = "schema = 1\nbriefing = \"b\"\n[[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cde\"\nclaim = \"c\"\nnote = \"evil \\u001b[2J note\"\ntags = [\"\\u001b]0;x\"]\ncreated = 2026-11-26T10:00:00Z\nmodified = \"2026-11-26T10:00:00Z\"\n";
        let parsed = parse(Path::new("b.toml"), text, "b");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let a = &parsed.sidecar.annotations[0];
        assert_eq!(a.note, "evil [2J note");
        assert_eq!(a.tags, vec!["]0;x"]);
        assert_eq!(
            a.created,
            ts("2026-11-26T10:00:00Z"),
            "TOML date-times are accepted too"
        );
    }

    #[test]
    fn a_mismatched_briefing_id_is_a_warning() {
        let parsed = parse(Path::new("b.toml"), "schema = 1\nbriefing = \"other\"\n", "b");
        assert!(parsed.errors.is_empty());
        assert_eq!(parsed.warnings.len(), 1);
        assert!(parsed.warnings[0].headline().starts_with("b.toml:2:12: "));
    }

    const GOOD: &str = "schema = 1\nbriefing = \"b\"\n\n[[actors]]\nactor = \"x\"\nreliability = \"B\"\nnote = \"n\"\nmodified = \"2026-11-26T12:00:00Z\"\n\n[[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cde\"\nclaim = \"c1\"\ncredibility = 2\nnote = \"a note\"\ntags = [\"Oil\", \"oil\", \"gas\"]\ncreated = \"2026-11-26T10:00:00Z\"\nmodified = 2026-11-26T11:00:00Z\n\n[annotations.anchor]\nsection = \"lead\"\nexact = \"words\"\nprefix = \"p\"\nsuffix = \"s\"\nhash = \"fnv1a64:0011223344556677\"\n";

    /// Every way `parse` reports a problem, pinned: what is kept, every
    /// diagnostic (with its line, column and caret) and the recovery.
    #[test]
    fn parse_reports_every_problem_in_place() {
        let id = "id = \"01a21971-08d3-7289-bcbe-62f166459cde\"";
        let times = "created = \"2026-11-26T10:00:00Z\"\nmodified = \"2026-11-26T10:00:00Z\"";
        let cases: Vec<(&str, String)> = vec![
            ("good", GOOD.to_string()),
            ("empty", String::new()),
            ("newer schema, other briefing", "schema = 2\nbriefing = \"other\"\nfuture = [1]\n".into()),
            ("wrong types at the top", "schema = \"1\"\nbriefing = 3\nannotations = 4\nactors = \"x\"\n".into()),
            ("entries that are not tables", "schema = 1\nbriefing = \"b\"\nannotations = [1, \"two\"]\nactors = [true]\n".into()),
            (
                "bad annotation fields",
                "schema = 1\nbriefing = \"b\"\n[[annotations]]\nid = \"nope\"\nclaim = 3\ncredibility = 9\nnote = 1\ntags = \"t\"\ncreated = \"yesterday\"\nmodified = 5\n[[annotations]]\nid = \"01a21971-08d3-7289-bcbe-62f166459cdf\"\nclaim = \"c\"\ncredibility = \"x\"\ncreated = \"2026-11-26T10:00:00\"\nmodified = \"2026-11-26T10:00:00Z\"\n".into(),
            ),
            ("missing annotation fields", "schema = 1\nbriefing = \"b\"\n[[annotations]]\nnote = \"only\"\n".into()),
            (
                "anchor with an unknown field, annotation with one",
                format!("schema = 1\nbriefing = \"b\"\n[[annotations]]\n{id}\nclaim = \"c\"\n{times}\nmood = \"kept\"\n[annotations.anchor]\nexact = \"w\"\nwhy = 1\n"),
            ),
            (
                "duplicate ids",
                format!("schema = 1\nbriefing = \"b\"\n[[annotations]]\n{id}\nclaim = \"first\"\n{times}\n[[annotations]]\n{id}\nclaim = \"second\"\n{times}\n"),
            ),
            (
                "bad actor grades",
                "schema = 1\nbriefing = \"b\"\n[[actors]]\nactor = \"x\"\nreliability = \"G\"\nmodified = \"2026-11-26T10:00:00Z\"\n[[actors]]\nreliability = \"A\"\nextra = 1\n[[actors]]\nactor = 1\nnote = []\n".into(),
            ),
            ("torn in the second entry", format!("{GOOD}\n[[annotations]]\n{id}\nclaim = \"c2")),
            ("torn at the start", "schema = 1\nbriefing = \"b\n".into()),
        ];
        let mut all = String::new();
        for (name, source) in cases {
            let parsed = parse(Path::new("s.toml"), &source, "b");
            all.push_str(&format!("=== {name}\n"));
            for e in &parsed.errors {
                all.push_str(&format!("error: {e}\n"));
            }
            for w in &parsed.warnings {
                all.push_str(&format!("warning: {w}\n"));
            }
            all.push_str(&format!("recovery: {:?}\n", parsed.recovery));
            all.push_str(&render(&parsed.sidecar).unwrap());
            all.push('\n');
        }
        insta::assert_snapshot!(all);
    }

    #[test]
    fn merging_keeps_the_newest() {
        let mut s = Sidecar::new("b");
        let a = annotation("01a21971-08d3-7289-bcbe-62f166459cde", "old");
        let mut newer = a.clone();
        newer.note = "new".into();
        newer.modified = ts("2026-11-27T00:00:00Z");
        assert!(s.merge_annotation(newer.clone()));
        assert!(!s.merge_annotation(a));
        assert_eq!(s.annotations, vec![newer]);
        let grade = |reliability, modified| ActorGrade {
            actor: "x".into(),
            reliability,
            note: String::new(),
            modified: ts(modified),
            extra: toml::Table::new(),
        };
        assert!(s.merge_actor(grade(Reliability::B, "2026-11-27T00:00:00Z")));
        assert!(!s.merge_actor(grade(Reliability::C, "2026-11-26T00:00:00Z")));
        assert!(s.merge_actor(grade(Reliability::D, "2026-11-28T00:00:00Z")));
        assert_eq!(s.actors, vec![grade(Reliability::D, "2026-11-28T00:00:00Z")]);
    }
}
