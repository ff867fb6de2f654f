//! Annotations as JSON (a stable contract), as a Markdown report to send to a
//! colleague, and as plain text.

use std::fmt::Write as _;

use serde::Serialize;

use crate::annotations::{AnchorState, AnnotationStore, Placed};
use crate::load::LoadedBriefing;
use crate::model::{claim_details, claim_words, speaker_name};

/// One annotation in JSON.
#[derive(Debug, Clone, Serialize)]
pub struct AnnotationJson {
    pub id: String,
    /// The claim it is attached to now; for an orphan, the claim it was made on.
    pub claim: String,
    pub credibility: Option<u8>,
    pub note: String,
    pub tags: Vec<String>,
    pub created: String,
    pub modified: String,
    /// `anchored`, `stale`, `moved` or `orphaned`.
    pub state: &'static str,
    /// The combined grade (`B2`, `-2`, `B-`), if any half is set.
    pub grade: Option<String>,
    /// The claim id it was made on, when it differs from `claim` (moved).
    pub annotated_claim: Option<String>,
    /// The claim's words when annotated.
    pub quote: String,
}

/// An actor's reliability grade in JSON.
#[derive(Debug, Clone, Serialize)]
pub struct ActorGradeJson {
    pub actor: String,
    pub reliability: String,
    pub note: String,
    pub modified: String,
}

/// The annotations of one briefing (`briefing annotations --format json`).
#[derive(Debug, Clone, Serialize)]
pub struct SidecarJson {
    pub briefing: String,
    /// `null` when the briefing is not in the library any more.
    pub title: Option<String>,
    pub sidecar: String,
    pub actors: Vec<ActorGradeJson>,
    pub annotations: Vec<AnnotationJson>,
    /// Problems with the sidecar (`path:line:col: message`).
    pub problems: Vec<String>,
}

/// The store's annotations in JSON, in reading order (orphans last).
pub fn annotations_json(store: &AnnotationStore, loaded: Option<&LoadedBriefing>) -> Vec<AnnotationJson> {
    in_reading_order(store, loaded)
        .into_iter()
        .map(|p| {
            let a = &p.annotation;
            let claim = match (p.claim, loaded) {
                (Some(c), Some(l)) => l.briefing.claims[c].id.clone(),
                _ => a.claim.clone(),
            };
            let grade = p.claim.map(|c| store.grade(c)).filter(|g| !g.is_empty());
            AnnotationJson {
                id: a.id.to_string(),
                annotated_claim: (claim != a.claim).then(|| a.claim.clone()),
                claim,
                credibility: a.credibility.map(|c| c.number()),
                note: a.note.clone(),
                tags: a.tags.clone(),
                created: a.created.to_string(),
                modified: a.modified.to_string(),
                state: p.state.as_str(),
                grade: grade.map(|g| g.to_string()),
                quote: a.anchor.exact.clone(),
            }
        })
        .collect()
}

pub fn sidecar_json(store: &AnnotationStore, loaded: Option<&LoadedBriefing>) -> SidecarJson {
    SidecarJson {
        briefing: store.files().briefing.clone(),
        title: loaded.map(|l| l.briefing.title.clone()),
        sidecar: store.path().display().to_string(),
        actors: store
            .actor_grades()
            .iter()
            .map(|g| ActorGradeJson {
                actor: g.actor.clone(),
                reliability: g.reliability.to_string(),
                note: g.note.clone(),
                modified: g.modified.to_string(),
            })
            .collect(),
        annotations: annotations_json(store, loaded),
        problems: store.errors().iter().map(|d| d.headline()).collect(),
    }
}

/// Annotations by section and place in the text, then the orphans.
fn in_reading_order<'a>(store: &'a AnnotationStore, loaded: Option<&LoadedBriefing>) -> Vec<&'a Placed> {
    let mut out = Vec::new();
    if let Some(l) = loaded {
        for c in l.index.claims_in_reading_order() {
            out.extend(store.all_for_claim(c));
        }
    }
    out.extend(store.orphans());
    out
}

const SCALE: &str = "Grades use the NATO/Admiralty code: the letter rates the source (A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged), the digit rates the information (1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged); a `-` means not graded.";

fn state_warning(p: &Placed, loaded: Option<&LoadedBriefing>) -> Option<String> {
    match p.state {
        AnchorState::Anchored => None,
        AnchorState::Stale => Some(if p.annotation.anchor.exact.trim().is_empty() {
            "The claim's text has changed since this note was written.".into()
        } else {
            format!(
                "The claim's text has changed since this note was written; the passage then read: “{}”.",
                p.annotation.anchor.exact.trim().replace('\n', " ")
            )
        }),
        AnchorState::Moved => Some(format!(
            "Made on claim `{}`, which is gone; its words were found {} and it was re-attached here.",
            p.annotation.claim,
            match (&p.found, loaded) {
                (Some(f), Some(l)) => format!("in section “{}”", section_title(l, f.section)),
                _ => "in the text".into(),
            }
        )),
        AnchorState::Orphaned => Some(format!(
            "Made on claim `{}`, which is no longer in the briefing.",
            p.annotation.claim
        )),
    }
}

fn section_title(l: &LoadedBriefing, section: usize) -> &str {
    l.briefing.sections[section].heading.as_deref().unwrap_or("Lead")
}

/// The grade shown beside one annotation: its speaker's reliability and this
/// annotation's own credibility (not the claim's first annotation's).
fn combined_grade(store: &AnnotationStore, p: &Placed) -> crate::annotations::Grade {
    let grade = p.claim.map(|c| store.grade(c)).unwrap_or_default();
    crate::annotations::Grade {
        credibility: p.annotation.credibility,
        ..grade
    }
}

fn grade_words(store: &AnnotationStore, p: &Placed) -> String {
    let grade = combined_grade(store, p);
    if grade.is_empty() {
        return "not graded".into();
    }
    let mut words = Vec::new();
    if let Some(r) = grade.reliability {
        words.push(format!("source {}", r.label()));
    }
    if let Some(c) = grade.credibility {
        words.push(format!("information {}", c.label()));
    }
    format!("{grade} ({})", words.join(", "))
}

/// A Markdown report of one briefing's annotations: each annotated claim with
/// its speaker, quote, grade and note, grouped by section; orphans at the end.
pub fn markdown(store: &AnnotationStore, loaded: Option<&LoadedBriefing>) -> String {
    let mut out = String::new();
    markdown_title(&mut out, &store.files().briefing, loaded);
    let placed = in_reading_order(store, loaded);
    let n = placed.len();
    let _ = writeln!(
        out,
        "\n{n} annotation{}.\n\n*{SCALE}*",
        if n == 1 { "" } else { "s" }
    );
    let mut current_group = None;
    for p in placed {
        let group = report_group(p, loaded);
        if current_group != Some(group) {
            current_group = Some(group);
            let _ = writeln!(out, "\n## {}", group_heading(group, loaded));
        }
        markdown_annotation(&mut out, store, p, loaded);
    }
    markdown_sources(&mut out, store, loaded);
    out
}

/// The report's title and byline, or why the briefing is missing.
fn markdown_title(out: &mut String, id: &str, loaded: Option<&LoadedBriefing>) {
    let Some(l) = loaded else {
        let _ = writeln!(
            out,
            "# Annotations: {id}\n\n*The briefing `{id}` is no longer in the library; its annotations are kept.*"
        );
        return;
    };
    let b = &l.briefing;
    let _ = writeln!(out, "# Annotations: {}\n\n*{}*", b.title, b.byline());
    if let Some(url) = &b.url {
        let _ = writeln!(out, "\n<{url}>");
    }
}

/// Where an annotation is listed in the report: `None` for an orphan, else
/// its claim's section (`None` inside for a claim in no section).
fn report_group(p: &Placed, loaded: Option<&LoadedBriefing>) -> Option<Option<usize>> {
    let section = match (p.claim, loaded) {
        (Some(c), Some(l)) => l.index.claim_section[c],
        _ => None,
    };
    p.claim.map(|_| section)
}

fn group_heading(group: Option<Option<usize>>, loaded: Option<&LoadedBriefing>) -> String {
    match (group, loaded) {
        (Some(Some(s)), Some(l)) => section_title(l, s).to_string(),
        (Some(None), _) => "Other claims".to_string(),
        _ => "Orphaned annotations".to_string(),
    }
}

/// One annotation: who said it and the words, the grade, tags, note, dates
/// and, when it no longer sits where it was made, why.
fn markdown_annotation(
    out: &mut String,
    store: &AnnotationStore,
    p: &Placed,
    loaded: Option<&LoadedBriefing>,
) {
    let a = &p.annotation;
    let grade = combined_grade(store, p);
    let code = if p.claim.is_some() && !grade.is_empty() {
        format!(" · `{grade}`")
    } else {
        String::new()
    };
    match (p.claim, loaded) {
        (Some(c), Some(l)) => {
            let claim = &l.briefing.claims[c];
            let _ = writeln!(
                out,
                "\n### {}{code}\n\n> {}",
                speaker_name(&l.briefing, claim),
                claim_words(claim).replace('\n', "\n> "),
            );
            if claim.date.is_some() || claim.via.is_some() {
                let _ = writeln!(out, ">\n> — *{}*", claim_details(claim));
            }
        }
        _ => {
            let _ = writeln!(
                out,
                "\n### Claim `{}`{code}\n\n> {}",
                a.claim,
                a.anchor.exact.replace('\n', "\n> ")
            );
        }
    }
    let _ = write!(out, "\n**Grade:** {}", grade_words(store, p));
    if !a.tags.is_empty() {
        let tags: Vec<String> = a.tags.iter().map(|t| format!("`{t}`")).collect();
        let _ = write!(out, "  \n**Tags:** {}", tags.join(", "));
    }
    let _ = writeln!(out);
    if !a.note.trim().is_empty() {
        let _ = writeln!(out, "\n{}", a.note.trim());
    }
    let mut dates = format!("Noted {}", day(&a.created));
    if day(&a.modified) != day(&a.created) {
        let _ = write!(dates, ", revised {}", day(&a.modified));
    }
    let _ = writeln!(out, "\n<sub>{dates}</sub>");
    if let Some(w) = state_warning(p, loaded) {
        let _ = writeln!(out, "\n**Note:** {w}");
    }
}

/// The table of source grades, when there are any.
fn markdown_sources(out: &mut String, store: &AnnotationStore, loaded: Option<&LoadedBriefing>) {
    if store.actor_grades().is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n## Source reliability\n\n| Source | Grade | Note |\n|---|---|---|"
    );
    for g in store.actor_grades() {
        let name = loaded
            .and_then(|l| l.briefing.actors.iter().find(|a| a.id == g.actor))
            .map_or(g.actor.as_str(), |a| a.name.as_str());
        let _ = writeln!(
            out,
            "| {} | {} ({}) | {} |",
            cell(name),
            g.reliability,
            g.reliability.label(),
            cell(&g.note)
        );
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn day(t: &jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%d").to_string()
}

/// Plain text: one block per annotation, in reading order.
pub fn text(store: &AnnotationStore, loaded: Option<&LoadedBriefing>) -> String {
    let mut out = String::new();
    let title = loaded.map_or_else(
        || format!("{} (briefing not in the library)", store.files().briefing),
        |l| l.briefing.title.clone(),
    );
    let placed = in_reading_order(store, loaded);
    let _ = writeln!(
        out,
        "{title}\n{} annotation{} in {}",
        placed.len(),
        if placed.len() == 1 { "" } else { "s" },
        crate::text::escape_path(&store.path())
    );
    for p in placed {
        let a = &p.annotation;
        let (who, words) = match (p.claim, loaded) {
            (Some(c), Some(l)) => {
                let claim = &l.briefing.claims[c];
                (speaker_name(&l.briefing, claim).to_string(), claim_words(claim))
            }
            _ => ("(claim gone)".to_string(), a.anchor.exact.clone()),
        };
        let claim_id = match (p.claim, loaded) {
            (Some(c), Some(l)) => l.briefing.claims[c].id.as_str(),
            _ => a.claim.as_str(),
        };
        let _ = writeln!(
            out,
            "\n[{}] {claim_id} ({}) {who}: {words}",
            grade_words(store, p),
            p.state
        );
        if !a.note.trim().is_empty() {
            for line in a.note.trim().lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        if !a.tags.is_empty() {
            let _ = writeln!(out, "    tags: {}", a.tags.join(", "));
        }
    }
    if !store.actor_grades().is_empty() {
        let _ = writeln!(out, "\nSource reliability");
        for g in store.actor_grades() {
            let note = if g.note.is_empty() {
                String::new()
            } else {
                format!(": {}", g.note)
            };
            let _ = writeln!(
                out,
                "  {} {} ({}){note}",
                g.actor,
                g.reliability,
                g.reliability.label()
            );
        }
    }
    out
}

/// Lines for `show --format markdown`: the annotations of one claim, indented
/// under the claim's bullet.
pub fn markdown_claim_lines(store: &AnnotationStore, claim: usize) -> String {
    let mut out = String::new();
    for p in store.all_for_claim(claim) {
        let a = &p.annotation;
        let mut line = format!("  - *Annotation* {}", grade_words(store, p));
        if p.state != AnchorState::Anchored {
            let _ = write!(line, " [{}]", p.state);
        }
        if !a.note.trim().is_empty() {
            let _ = write!(line, ": {}", a.note.trim().replace('\n', " "));
        }
        if !a.tags.is_empty() {
            let _ = write!(line, " · tags: {}", a.tags.join(", "));
        }
        let _ = writeln!(out, "{line}");
    }
    out
}
