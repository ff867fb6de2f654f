//! Turning a plain-text or Markdown article into a briefing.
//!
//! The pipeline: [`structure`] decodes the bytes and finds the title, provenance
//! and sections; [`actors`] finds people, states, organisations and groups with
//! the help of the [`gazetteer`]; [`claims`] finds quotes, reported speech and
//! reports with their [`dates`] and channels; [`emit`] writes tidy TOML.
//! `briefing import` checks that TOML with the loader before writing it
//! (`commands::import`), so a written import always passes `briefing check`.

pub mod actors;
pub mod claims;
pub mod dates;
pub mod emit;
pub mod gazetteer;
pub mod html;
pub mod structure;

use std::io::Read;
use std::path::Path;

use anyhow::Context as _;

use crate::load::LoadedBriefing;
use crate::model::ids::IdSpeaker;
use crate::model::*;
use crate::text::{Folded, fold};

pub use structure::InputError;

/// What the caller knows besides the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub title: Option<String>,
    pub id: Option<String>,
    /// The file name without extension: a last resort for the title.
    pub source_name: Option<String>,
    /// The input is Markdown (`.md`): only `#` headings count as headings.
    pub markdown: bool,
    /// The article's date when the text does not give it; relative dates
    /// ("two days earlier", "on November 1") resolve against it.
    pub published: Option<PartialDate>,
    /// The input is a web page (`.html`, `.htm`); pages are also recognised by their content.
    pub html: bool,
    /// What a web page says about its article: it wins over what the text suggests.
    pub page: Option<html::PageMeta>,
    /// Where the article was fetched from: its `url` when the text gives none.
    pub url: Option<String>,
}

/// An imported briefing, its TOML and what the importer was unsure of.
#[derive(Debug, Clone)]
pub struct Imported {
    pub briefing: Briefing,
    pub toml: String,
    pub notes: Vec<String>,
}

/// Imports an article from its bytes.
pub fn import_bytes(bytes: &[u8], options: &Options) -> Result<Imported, InputError> {
    if options.html || html::looks_like_html(bytes) {
        return import_html(bytes, None, options.url.as_deref(), options);
    }
    let mut notes = Vec::new();
    let text = structure::decode(bytes, &mut notes)?;
    import_text(&text, options, notes)
}

/// Imports the article of a web page: see [`html::extract`] for the charset and address.
pub fn import_html(
    bytes: &[u8],
    declared_charset: Option<&str>,
    source_url: Option<&str>,
    options: &Options,
) -> Result<Imported, InputError> {
    let page = html::extract(bytes, declared_charset, source_url)?;
    let options = Options {
        markdown: true,
        page: Some(page.meta),
        ..options.clone()
    };
    import_text(&page.markdown, &options, page.notes)
}

/// Imports an article from text.
pub fn import_str(text: &str, options: &Options) -> Result<Imported, InputError> {
    import_text(text, options, Vec::new())
}

fn import_text(text: &str, options: &Options, mut notes: Vec<String>) -> Result<Imported, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    let mut st = structure::parse(text, options.markdown, options.title.as_deref(), &mut notes)?;
    apply_options(&mut st, options);
    let title = title(options, &st, &mut notes);
    let publisher = publisher(&st, &mut notes);

    let paras = paragraphs(&st.sections);
    let tokens: Vec<Vec<actors::Token>> = paras.iter().map(|p| actors::tokenize(&p.folded.text)).collect();
    let found_actors = find_actors(&st.sections, &paras, &tokens, &publisher);
    let finder = claims::Finder::new(&found_actors, st.published);
    let mut drafts = finder.find(&paras, &tokens, &mut notes);
    drafts.sort_by_key(|c| (c.section, c.span.start));

    let section_texts: Vec<String> = st.sections.iter().map(|s| s.paragraphs.join("\n\n")).collect();
    let mut parts = Assembly::new(&found_actors, &st.sections, options, notes);
    let actors = parts.actors();
    let claims = parts.claims(&drafts, &section_texts);
    let briefing = Briefing {
        id: briefing_id(options, &title),
        title,
        publisher,
        published: st.published,
        url: st.url.clone().or_else(|| options.url.clone()),
        summary: None,
        note: st.note.clone(),
        actors,
        sections: parts.sections(&st.sections, section_texts),
        claims,
    };
    let toml = emit::to_toml(&briefing, &parts.comments);
    Ok(Imported {
        briefing,
        toml,
        notes: parts.notes,
    })
}

/// What the caller and the page know wins over what the text gave; then a
/// dateline's day takes the article's year.
fn apply_options(st: &mut structure::Structure, options: &Options) {
    if let Some(meta) = &options.page {
        apply_page(st, meta);
    }
    if options.published.is_some() {
        st.published = options.published;
    }
    // "BRUSSELS, June 12 (Reuters)" in an article of 2025 (or June 2025) is 2025-06-12.
    if let (Some(p), Some((m, d))) = (st.published, st.dateline_day)
        && p.day.is_none()
        && p.month.is_none_or(|pm| pm == m)
    {
        st.published = dates::dateline_date(p, m, d).or(st.published);
    }
}

/// `--title`, else the article's title line, else one made up (and said so).
fn title(options: &Options, st: &structure::Structure, notes: &mut Vec<String>) -> String {
    match (&options.title, &st.title) {
        (Some(t), _) if !t.trim().is_empty() => t.trim().to_string(),
        (_, Some(t)) => t.clone(),
        _ => {
            let t = fallback_title(options.source_name.as_deref(), &st.sections);
            notes.push(format!("no title line found: used “{t}” (set it with --title)"));
            t
        }
    }
}

/// The publisher found, else a placeholder the format accepts (and a note to correct it).
fn publisher(st: &structure::Structure, notes: &mut Vec<String>) -> String {
    match &st.publisher {
        Some(p) => p.clone(),
        None => {
            notes.push("publisher not found: wrote “Unknown publisher”; correct `publisher`".into());
            "Unknown publisher".into()
        }
    }
}

/// Every paragraph with its section and its offset into the section's text
/// (paragraphs joined by a blank line).
fn paragraphs(sections: &[structure::RawSection]) -> Vec<claims::Para> {
    let mut paras = Vec::new();
    for (si, s) in sections.iter().enumerate() {
        let mut offset = 0;
        for p in &s.paragraphs {
            paras.push(claims::Para {
                section: si,
                offset,
                original: p.clone(),
                folded: Folded::new(p),
            });
            offset += p.len() + 2;
        }
    }
    paras
}

/// The actors named in the paragraphs, and in headings written as sentences
/// ("… about Biden or Bernie Sanders"), merged in reading order.
fn find_actors(
    sections: &[structure::RawSection],
    paras: &[claims::Para],
    tokens: &[Vec<actors::Token>],
    publisher: &str,
) -> Vec<actors::Actor> {
    let vocab = actors::Vocabulary::build(tokens);
    let headings: Vec<(usize, Folded, &str)> = sections
        .iter()
        .enumerate()
        .filter_map(|(si, s)| {
            let h = s.heading.as_deref().filter(|h| actors::in_sentence_case(h))?;
            Some((si, Folded::new(h), h))
        })
        .collect();
    let heading_tokens: Vec<Vec<actors::Token>> = headings
        .iter()
        .map(|(_, f, _)| actors::tokenize(&f.text))
        .collect();
    let mut finds: Vec<actors::ParagraphFinds> = Vec::with_capacity(paras.len() + headings.len());
    let mut next_heading = 0;
    for (p, t) in paras.iter().zip(tokens) {
        // A section's heading is read before its first paragraph.
        while let Some((si, f, h)) = headings.get(next_heading)
            && *si <= p.section
        {
            finds.push(actors::find_in_paragraph(
                f,
                h,
                &heading_tokens[next_heading],
                &vocab,
            ));
            next_heading += 1;
        }
        finds.push(actors::find_in_paragraph(&p.folded, &p.original, t, &vocab));
    }
    actors::merge(finds, Some(publisher))
}

/// `--id`, else one made from the title.
fn briefing_id(options: &Options, title: &str) -> String {
    match &options.id {
        Some(id) => id.clone(),
        None => {
            let s = emit::slug(title, 60);
            if s.is_empty() {
                "imported-article".to_string()
            } else {
                s
            }
        }
    }
}

/// The briefing's parts made from what was found: stable ids (from names and
/// words), and comments and notes wherever the importer was unsure.
struct Assembly<'a> {
    found: &'a [actors::Actor],
    actor_ids: Vec<String>,
    section_ids: Vec<String>,
    comments: emit::Comments,
    notes: Vec<String>,
}

impl<'a> Assembly<'a> {
    fn new(
        found: &'a [actors::Actor],
        sections: &[structure::RawSection],
        options: &Options,
        notes: Vec<String>,
    ) -> Self {
        let mut taken = emit::Ids::default();
        let actor_ids = found
            .iter()
            .map(|a| taken.unique(emit::slug(&a.name, 48), "actor"))
            .collect();
        let mut taken = emit::Ids::default();
        let section_ids = sections
            .iter()
            .map(|s| match &s.heading {
                None => taken.unique("lead".into(), "section"),
                Some(h) => taken.unique(emit::slug(h, 40), "section"),
            })
            .collect();
        let comments = emit::Comments {
            header: header(options),
            ..Default::default()
        };
        Assembly {
            found,
            actor_ids,
            section_ids,
            comments,
            notes,
        }
    }

    /// The actors; one found from capitals alone gets a comment and is named in the notes.
    fn actors(&mut self) -> Vec<Actor> {
        const UNSURE: &str = "unsure: a capitalised name with nothing else saying who or what it is";
        let mut actors = Vec::with_capacity(self.found.len());
        let mut unsure = Vec::new();
        for (a, id) in self.found.iter().zip(&self.actor_ids) {
            if a.sure {
                self.comments.actors.push(Vec::new());
            } else {
                self.comments.actors.push(vec![UNSURE.into()]);
                unsure.push(a.name.as_str());
            }
            actors.push(Actor {
                id: id.clone(),
                name: a.name.clone(),
                kind: a.kind,
                role: a.role.clone(),
                aliases: a.aliases.clone(),
            });
        }
        if !unsure.is_empty() {
            self.notes.push(format!(
                "{} actor{} guessed from capitals alone: {}",
                unsure.len(),
                plural(unsure.len()),
                unsure.join(", ")
            ));
        }
        actors
    }

    /// The claims the loader will find again in their sections, each date
    /// without a year as a comment, and notes counting what is uncertain.
    fn claims(&mut self, drafts: &[claims::DraftClaim], section_texts: &[String]) -> Vec<Claim> {
        let mut taken = emit::Ids::default();
        let mut tally = Tally::default();
        let mut out = Vec::new();
        for d in drafts {
            if !findable(d, section_texts) {
                tally.lost += 1;
                continue;
            }
            let (date, no_year) = claim_date(d);
            tally.count(d, no_year.is_some());
            self.comments.claims.push(no_year.into_iter().collect());
            out.push(self.claim(d, date, &mut taken));
        }
        tally.add_notes(&mut self.notes);
        out
    }

    fn claim(&self, d: &claims::DraftClaim, date: Option<PartialDate>, taken: &mut emit::Ids) -> Claim {
        let speaker = d.speaker.and_then(|s| self.found.get(s)).map(|a| IdSpeaker {
            name: &a.name,
            kind: a.kind,
            aliases: &a.aliases,
        });
        Claim {
            id: taken.unique(crate::model::ids::claim_id(speaker, &d.text), "claim"),
            section: self.section_ids[d.section].clone(),
            speaker: d.speaker.map(|s| self.actor_ids[s].clone()),
            about: d.about.iter().map(|&a| self.actor_ids[a].clone()).collect(),
            kind: d.kind,
            text: d.text.clone(),
            anchor: d.anchor.clone(),
            date,
            via: d.via.clone(),
            related: Vec::new(),
            doubt: d.doubt.clone(),
        }
    }

    fn sections(&self, sections: &[structure::RawSection], texts: Vec<String>) -> Vec<Section> {
        sections
            .iter()
            .zip(&self.section_ids)
            .zip(texts)
            .map(|((s, id), text)| Section {
                id: id.clone(),
                heading: s.heading.clone(),
                text,
            })
            .collect()
    }
}

/// The comment heading the file: where it came from and that rules made it.
fn header(options: &Options) -> Vec<String> {
    let from = options
        .source_name
        .as_deref()
        .map(|n| format!(" from {n}"))
        .unwrap_or_default();
    vec![
        format!("Imported by `briefing import`{from}: a draft to read and correct."),
        "Actors, claims, dates and channels were found by rules, not by a person.".into(),
    ]
}

/// The loader finds a claim by folding its quote or anchor and the section alike:
/// only claims whose words fold to exactly what the section holds there are kept.
fn findable(d: &claims::DraftClaim, section_texts: &[String]) -> bool {
    let locator = d.anchor.as_deref().unwrap_or(&d.text);
    let in_section = section_texts.get(d.section).and_then(|t| t.get(d.span.clone()));
    let same = |t: &str| t.trim() == locator.trim() || fold(t) == fold(locator);
    in_section.is_some_and(same) && !locator.trim().is_empty()
}

/// A claim's date, or none and a comment saying what to fill in when the text gives no year.
fn claim_date(d: &claims::DraftClaim) -> (Option<PartialDate>, Option<String>) {
    match &d.date {
        Some(dates::Resolved::Date(p)) => (Some(*p), None),
        Some(dates::Resolved::NoYear { month, day }) => {
            let what = d
                .date_words
                .as_deref()
                .filter(|w| !w.is_empty())
                .unwrap_or("a date");
            let shape = match day {
                Some(day) => format!("YYYY-{month:02}-{day:02}"),
                None => format!("YYYY-{month:02}"),
            };
            let comment = format!("date: the text says “{what}”, without a year; add date = \"{shape}\"");
            (None, Some(comment))
        }
        None => (None, None),
    }
}

/// Counts of the claims the notes speak of.
#[derive(Default)]
struct Tally {
    /// Dropped: their words could not be found again.
    lost: usize,
    no_year: usize,
    guessed_speakers: usize,
    unattributed: usize,
}

impl Tally {
    fn count(&mut self, d: &claims::DraftClaim, no_year: bool) {
        self.no_year += usize::from(no_year);
        self.guessed_speakers += usize::from(d.doubt.is_some());
        self.unattributed += usize::from(d.kind == ClaimKind::Quote && d.speaker.is_none());
    }

    fn add_notes(&self, notes: &mut Vec<String>) {
        let Tally {
            lost,
            no_year,
            guessed_speakers,
            unattributed,
        } = *self;
        if lost > 0 {
            notes.push(format!(
                "{lost} claim(s) dropped: their words could not be found again in the text"
            ));
        }
        if no_year > 0 {
            notes.push(format!(
                "{no_year} date{} without a year (the article's date is not known): left as comments to fill in, \
                 or import again with --published YYYY-MM-DD",
                plural(no_year)
            ));
        }
        if guessed_speakers > 0 {
            notes.push(format!(
                "{guessed_speakers} claim{} with a speaker in doubt (each one's `doubt` says why)",
                plural(guessed_speakers)
            ));
        }
        if unattributed > 0 {
            notes.push(format!(
                "{unattributed} quote{} without a speaker",
                plural(unattributed)
            ));
        }
    }
}

/// "s" for any count but one.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A page's metadata over what the text gave: title, publisher, date, address, byline.
fn apply_page(st: &mut structure::Structure, meta: &html::PageMeta) {
    st.title = meta.title.clone().or(st.title.take());
    st.publisher = meta.publisher.clone().or(st.publisher.take());
    st.published = meta.published.or(st.published);
    st.url = meta.url.clone().or(st.url.take());
    if !meta.authors.is_empty() && st.byline.is_none() {
        st.open_note_with_byline(&join_names(&meta.authors));
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn fallback_title(source_name: Option<&str>, sections: &[structure::RawSection]) -> String {
    if let Some(name) = source_name
        && name != "-"
        && !name.trim().is_empty()
    {
        // "russia-venezuela-levers" → "Russia Venezuela Levers"
        let words: Vec<String> = name
            .split(['-', '_', ' '])
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut chars = w.chars();
                chars
                    .next()
                    .map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
            })
            .collect();
        if !words.is_empty() {
            return words.join(" ");
        }
    }
    let first = sections
        .first()
        .and_then(|s| s.paragraphs.first())
        .map(String::as_str)
        .unwrap_or("Imported article");
    let words: Vec<&str> = first.split_whitespace().take(8).collect();
    let t = words.join(" ");
    if t.is_empty() {
        "Imported article".into()
    } else {
        format!("{t}…")
    }
}

/// The bytes of an article file, or of standard input for `-`.
pub fn read_input(file: &Path) -> anyhow::Result<Vec<u8>> {
    if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        Ok(bytes)
    } else {
        std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))
    }
}

/// Options from an article's file name: Markdown by extension, the name as a last-resort title.
pub fn options_for(file: &Path, title: Option<String>, id: Option<String>) -> Options {
    let is_stdin = file.as_os_str() == "-";
    Options {
        title,
        id,
        source_name: (!is_stdin)
            .then(|| file.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .flatten(),
        markdown: file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")),
        published: None,
        html: file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")),
        page: None,
        url: None,
    }
}

/// Whether `path` names an article the importer reads: .txt, .md/.markdown or .html/.htm.
pub fn is_article(path: &Path) -> bool {
    const ARTICLES: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];
    path.extension()
        .is_some_and(|e| ARTICLES.iter().any(|a| e.eq_ignore_ascii_case(a)))
}

/// Imports an article file (.txt, .md or .html) in memory, for the reader: the
/// briefing, and the TOML `briefing import` would write (saved if the reader edits it).
pub fn import_in_memory(path: &Path) -> anyhow::Result<(LoadedBriefing, String)> {
    let bytes = read_input(path)?;
    let options = options_for(path, None, None);
    let imported = import_bytes(&bytes, &options)
        .map_err(|e| anyhow::anyhow!("cannot import {}: {e}", path.display()))?;
    let index = crate::index::Index::build(&imported.briefing);
    let loaded = LoadedBriefing {
        path: path.to_path_buf(),
        briefing: imported.briefing,
        index,
    };
    Ok((loaded, imported.toml))
}
