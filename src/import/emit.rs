//! Writing the draft as tidy TOML in the documented format: header, actors,
//! sections, claims, with comments where the importer was unsure.

use crate::hash::FnvBuild;

type HashSet<K> = std::collections::HashSet<K, FnvBuild>;
use std::fmt::Write as _;

use crate::model::{Actor, Briefing, Claim, ClaimKind, Section};

/// Per-claim comments (same order as `briefing.claims`).
#[derive(Debug, Clone, Default)]
pub struct Comments {
    pub header: Vec<String>,
    pub actors: Vec<Vec<String>>,
    pub claims: Vec<Vec<String>>,
}

/// A TOML basic string: `"`, `\\` and control characters escaped (TOML 1.0, section "String").
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Long text as a multi-line literal string when that is safe, else a basic string.
fn block(s: &str) -> String {
    let safe = !s.contains("'''")
        && !s.ends_with('\'')
        && !s.starts_with('\n')
        && s.chars().all(|c| c == '\n' || c == '\t' || !c.is_control());
    if safe && (s.contains('\n') || s.len() > 200) {
        format!("'''\n{s}'''")
    } else {
        quoted(s)
    }
}

fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", inner.join(", "))
}

fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

/// The briefing as TOML in the documented format, with the comments before the
/// header, each actor and each claim.
pub fn to_toml(b: &Briefing, comments: &Comments) -> String {
    let mut out = String::new();
    for c in &comments.header {
        comment(&mut out, c);
    }
    header(&mut out, b);
    for (i, a) in b.actors.iter().enumerate() {
        out.push('\n');
        for c in comments.actors.get(i).into_iter().flatten() {
            comment(&mut out, c);
        }
        actor(&mut out, a);
    }
    for s in &b.sections {
        out.push('\n');
        section(&mut out, s);
    }
    for (i, c) in b.claims.iter().enumerate() {
        out.push('\n');
        for note in comments.claims.get(i).into_iter().flatten() {
            comment(&mut out, note);
        }
        claim(&mut out, c);
    }
    out
}

/// `key = "value"` when there is a value.
fn optional(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        let _ = writeln!(out, "{key} = {}", quoted(v));
    }
}

fn header(out: &mut String, b: &Briefing) {
    let _ = writeln!(out, "schema = 1");
    let _ = writeln!(out, "id = {}", quoted(&b.id));
    let _ = writeln!(out, "title = {}", quoted(&b.title));
    let _ = writeln!(out, "publisher = {}", quoted(&b.publisher));
    optional(out, "published", b.published.map(|p| p.to_string()).as_deref());
    optional(out, "url", b.url.as_deref());
    optional(out, "summary", b.summary.as_deref());
    optional(out, "note", b.note.as_deref());
}

fn actor(out: &mut String, a: &Actor) {
    let _ = writeln!(out, "[[actors]]");
    let _ = writeln!(out, "id = {}", quoted(&a.id));
    let _ = writeln!(out, "name = {}", quoted(&a.name));
    let _ = writeln!(out, "kind = {}", quoted(a.kind.as_str()));
    optional(out, "role", a.role.as_deref());
    let _ = writeln!(out, "aliases = {}", list(&a.aliases));
}

fn section(out: &mut String, s: &Section) {
    let _ = writeln!(out, "[[sections]]");
    let _ = writeln!(out, "id = {}", quoted(&s.id));
    optional(out, "heading", s.heading.as_deref());
    let _ = writeln!(out, "text = {}", block(&s.text));
}

fn claim(out: &mut String, c: &Claim) {
    let _ = writeln!(out, "[[claims]]");
    let _ = writeln!(out, "id = {}", quoted(&c.id));
    let _ = writeln!(out, "section = {}", quoted(&c.section));
    optional(out, "speaker", c.speaker.as_deref());
    if !c.about.is_empty() {
        let _ = writeln!(out, "about = {}", list(&c.about));
    }
    let _ = writeln!(out, "kind = {}", quoted(c.kind.as_str()));
    // A quote is found by its own words: an anchor would only repeat them.
    if c.kind != ClaimKind::Quote
        && let Some(a) = &c.anchor
    {
        let _ = writeln!(out, "anchor = {}", block(a));
    }
    let _ = writeln!(out, "text = {}", block(&c.text));
    optional(out, "date", c.date.map(|d| d.to_string()).as_deref());
    optional(out, "via", c.via.as_deref());
    optional(out, "doubt", c.doubt.as_deref());
}

pub use crate::model::ids::slug;

/// Ids handed out so far, with the next number to try for each base.
#[derive(Debug, Default)]
pub struct Ids {
    taken: HashSet<String>,
    next: std::collections::HashMap<String, usize, FnvBuild>,
}

impl Ids {
    /// Makes `base` unique, adding `-2`, `-3`, ... (`fallback` when `base` is empty).
    pub fn unique(&mut self, base: String, fallback: &str) -> String {
        let base = if base.is_empty() {
            fallback.to_string()
        } else {
            base
        };
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_ids() {
        assert_eq!(
            slug("Russia’s Levers: Türkiye & Côte d'Ivoire", 60),
            "russias-levers-turkiye-cote-divoire"
        );
        assert_eq!(slug("Bashar al-Assad", 60), "bashar-al-assad");
        assert_eq!(slug("日本", 60), "");
        assert_eq!(
            slug("a very long title that goes on and on", 20),
            "a-very-long-title"
        );
    }

    #[test]
    fn strings_are_escaped() {
        let s = "He said \"no\" \\ then\nleft";
        let v: toml::Table = toml::from_str(&format!("x = {}", quoted(s))).unwrap();
        assert_eq!(v["x"].as_str(), Some(s));
        let v: toml::Table = toml::from_str(&format!("x = {}", block("a\n\nb 'c''"))).unwrap();
        assert_eq!(v["x"].as_str(), Some("a\n\nb 'c''"));
    }
}
