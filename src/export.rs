//! Non-interactive renderings of a briefing: JSON (a stable contract), Markdown
//! (a readable report) and plain text.

use std::fmt::Write as _;

use serde::Serialize;

use crate::annotations::AnnotationStore;
use crate::load::LoadedBriefing;
use crate::model::{Briefing, PartialDate, Related, claim_details, claim_opening, claim_words, speaker_name};

/// One line of `briefing list --json`.
#[derive(Debug, Serialize)]
pub struct ListEntry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub publisher: &'a str,
    pub path: String,
    pub published: Option<PartialDate>,
    pub sections: usize,
    pub actors: usize,
    pub claims: usize,
}

impl<'a> ListEntry<'a> {
    pub fn new(loaded: &'a LoadedBriefing) -> Self {
        let b = &loaded.briefing;
        ListEntry {
            id: &b.id,
            title: &b.title,
            publisher: &b.publisher,
            path: loaded.path.display().to_string(),
            published: b.published,
            sections: b.sections.len(),
            actors: b.actors.len(),
            claims: b.claims.len(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct BriefingJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub publisher: &'a str,
    pub published: Option<PartialDate>,
    pub url: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub note: Option<&'a str>,
    pub sections: Vec<SectionJson<'a>>,
    pub actors: Vec<ActorJson<'a>>,
    pub claims: Vec<ClaimJson<'a>>,
    /// The reader's local annotations (empty unless added with [`BriefingJson::with_annotations`]).
    pub annotations: Vec<crate::annotations::report::AnnotationJson>,
}

#[derive(Debug, Serialize)]
pub struct SectionJson<'a> {
    pub id: &'a str,
    pub heading: Option<&'a str>,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ActorJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub role: Option<&'a str>,
    pub aliases: &'a [String],
    /// Number of mentions in the text.
    pub mentions: usize,
}

#[derive(Debug, Serialize)]
pub struct ClaimJson<'a> {
    pub id: &'a str,
    pub section: &'a str,
    pub speaker: Option<&'a str>,
    pub about: &'a [String],
    pub kind: &'static str,
    pub text: &'a str,
    pub anchor: Option<&'a str>,
    pub date: Option<PartialDate>,
    pub via: Option<&'a str>,
    pub related: &'a [Related],
    /// Why the speaker is uncertain; absent when the text ties the words to the speaker.
    pub doubt: Option<&'a str>,
}

impl<'a> BriefingJson<'a> {
    pub fn new(loaded: &'a LoadedBriefing) -> Self {
        let b = &loaded.briefing;
        BriefingJson {
            id: &b.id,
            title: &b.title,
            publisher: &b.publisher,
            published: b.published,
            url: b.url.as_deref(),
            summary: b.summary.as_deref(),
            note: b.note.as_deref(),
            sections: b
                .sections
                .iter()
                .map(|s| SectionJson {
                    id: &s.id,
                    heading: s.heading.as_deref(),
                    text: &s.text,
                })
                .collect(),
            actors: b
                .actors
                .iter()
                .enumerate()
                .map(|(i, a)| ActorJson {
                    id: &a.id,
                    name: &a.name,
                    kind: a.kind.as_str(),
                    role: a.role.as_deref(),
                    aliases: &a.aliases,
                    mentions: loaded.index.actor_mentions[i].len(),
                })
                .collect(),
            claims: b
                .claims
                .iter()
                .map(|c| ClaimJson {
                    id: &c.id,
                    section: &c.section,
                    speaker: c.speaker.as_deref(),
                    about: &c.about,
                    kind: c.kind.as_str(),
                    text: &c.text,
                    anchor: c.anchor.as_deref(),
                    date: c.date,
                    via: c.via.as_deref(),
                    related: &c.related,
                    doubt: c.doubt.as_deref(),
                })
                .collect(),
            annotations: Vec::new(),
        }
    }

    /// Adds the annotations of the briefing (`show --format json`).
    pub fn with_annotations(mut self, loaded: &LoadedBriefing, store: &AnnotationStore) -> Self {
        self.annotations = crate::annotations::report::annotations_json(store, Some(loaded));
        self
    }
}

/// A Markdown report: header, summary, then each section with its claims, then the actors.
pub fn markdown(loaded: &LoadedBriefing) -> String {
    markdown_annotated(loaded, None)
}

/// [`markdown`], with each claim's annotations under it and orphaned annotations
/// after the sections (`show --format markdown`).
pub fn markdown_annotated(loaded: &LoadedBriefing, store: Option<&AnnotationStore>) -> String {
    let b = &loaded.briefing;
    let mut out = String::new();
    markdown_header(&mut out, b);
    for (si, section) in b.sections.iter().enumerate() {
        let _ = writeln!(out, "\n## {}\n", section.heading.as_deref().unwrap_or("Lead"));
        for p in section.paragraphs() {
            let _ = writeln!(out, "{p}\n");
        }
        let claims = &loaded.index.section_claims[si];
        if !claims.is_empty() {
            let _ = writeln!(out, "**Claims**\n");
            for &ci in claims {
                markdown_claim(&mut out, loaded, ci);
                if let Some(store) = store {
                    out.push_str(&crate::annotations::report::markdown_claim_lines(store, ci));
                }
            }
        }
    }
    if let Some(store) = store {
        markdown_orphans(&mut out, store);
    }
    markdown_actors(&mut out, loaded);
    out
}

fn markdown_header(out: &mut String, b: &Briefing) {
    let _ = writeln!(out, "# {}\n\n*{}*", b.title, b.byline());
    if let Some(url) = &b.url {
        let _ = writeln!(out, "\n<{url}>");
    }
    if let Some(summary) = &b.summary {
        let _ = writeln!(out, "\n> {summary}");
    }
    if let Some(note) = &b.note {
        let _ = writeln!(out, "\n_{note}_");
    }
}

/// A claim's bullet: speaker, details and words, then its doubt and its
/// related claims as sub-bullets.
fn markdown_claim(out: &mut String, loaded: &LoadedBriefing, ci: usize) {
    let b = &loaded.briefing;
    let c = &b.claims[ci];
    let _ = writeln!(
        out,
        "- **{}** ({}): {}",
        speaker_name(b, c),
        claim_details(c),
        claim_words(c)
    );
    if let Some(doubt) = &c.doubt {
        let _ = writeln!(out, "  - *Doubt:* {doubt}");
    }
    for r in &c.related {
        let _ = match loaded.index.claim(&r.claim) {
            Some(other) => {
                let other = &b.claims[other];
                writeln!(
                    out,
                    "  - {} {}: {}",
                    r.relation,
                    speaker_name(b, other),
                    claim_opening(other, 12)
                )
            }
            None => writeln!(out, "  - {} `{}`", r.relation, r.claim),
        };
    }
}

fn markdown_orphans(out: &mut String, store: &AnnotationStore) {
    if store.orphans().next().is_none() {
        return;
    }
    let _ = writeln!(out, "\n## Orphaned annotations\n");
    for p in store.orphans() {
        let a = &p.annotation;
        let note = a.note.trim();
        let note = if note.is_empty() {
            String::new()
        } else {
            format!(" — {}", note.replace('\n', " "))
        };
        let _ = writeln!(
            out,
            "- `{}` (claim no longer in the briefing): “{}”{note}",
            a.claim, a.anchor.exact,
        );
    }
}

fn markdown_actors(out: &mut String, loaded: &LoadedBriefing) {
    let _ = writeln!(
        out,
        "\n## Actors\n\n| Actor | Kind | Role | Mentions |\n|---|---|---|---|"
    );
    for (i, a) in loaded.briefing.actors.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            a.name.replace('|', "\\|"),
            a.kind,
            a.role.as_deref().unwrap_or("").replace('|', "\\|"),
            loaded.index.actor_mentions[i].len()
        );
    }
}

/// Plain text, wrapped to `width` columns.
pub fn text(loaded: &LoadedBriefing, width: usize) -> String {
    let b = &loaded.briefing;
    let width = width.max(20);
    let mut out = String::new();
    let _ = writeln!(out, "{}\n{}", textwrap::fill(&b.title, width), b.byline());
    if let Some(summary) = &b.summary {
        let _ = writeln!(out, "\n{}", textwrap::fill(summary, width));
    }
    for (si, section) in b.sections.iter().enumerate() {
        let heading = section.heading.as_deref().unwrap_or("Lead");
        let _ = writeln!(
            out,
            "\n{heading}\n{}",
            "-".repeat(unicode_width::UnicodeWidthStr::width(heading).min(width))
        );
        for p in section.paragraphs() {
            let _ = writeln!(out, "{}\n", textwrap::fill(p, width));
        }
        for &ci in &loaded.index.section_claims[si] {
            let c = &b.claims[ci];
            let line = format!(
                "* {} ({}): {}",
                speaker_name(b, c),
                claim_details(c),
                claim_words(c)
            );
            let _ = writeln!(out, "{}", textwrap::fill(&line, hanging(width)));
            if let Some(doubt) = &c.doubt {
                let line = format!("    doubt: {doubt}");
                let _ = writeln!(out, "{}", textwrap::fill(&line, hanging(width)));
            }
        }
    }
    let _ = writeln!(out, "\nActors");
    for (i, a) in b.actors.iter().enumerate() {
        let role = a.role.as_deref().map(|r| format!(", {r}")).unwrap_or_default();
        let mentions = loaded.index.actor_mentions[i].len();
        let line = format!(
            "  {} ({}{role}): {mentions} mention{}",
            a.name,
            a.kind,
            if mentions == 1 { "" } else { "s" }
        );
        let _ = writeln!(out, "{}", textwrap::fill(&line, hanging(width)));
    }
    out
}

/// Wrapping for list items: continuation lines indented under the text.
fn hanging(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width).subsequent_indent("    ")
}
