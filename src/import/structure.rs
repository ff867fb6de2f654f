//! From raw bytes to the article's parts: decoding, title, provenance, date and
//! byline lines, paragraphs and sections (subheadings or Markdown headings).

use crate::model::PartialDate;
use crate::text::{fold, sanitize};

use super::dates;
use super::gazetteer::WordList;
use super::plural;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    #[error("the article is empty: there is nothing to import")]
    Empty,
    #[error("this looks like a binary file, not an article (it contains {0}); import plain text or Markdown")]
    Binary(&'static str),
    #[error("no article text found: after the title and provenance lines nothing is left to read")]
    NoText,
}

/// Bytes to text: UTF-8 (with or without BOM), else Windows-1252, which is what
/// most non-UTF-8 text copied from the web turns out to be.
pub fn decode(bytes: &[u8], notes: &mut Vec<String>) -> Result<String, InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::Empty);
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) {
        return Err(InputError::Binary("NUL bytes"));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{FEFF}').unwrap_or(s).to_string(),
        Err(e) => {
            notes.push(format!(
                "the file is not valid UTF-8 (bad byte 0x{:02x} at byte {}): it was read as Windows-1252; check accented letters",
                bytes[e.valid_up_to()],
                e.valid_up_to()
            ));
            bytes.iter().map(|&b| windows_1252(b)).collect()
        }
    };
    let controls = text
        .chars()
        .take(64 * 1024)
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}'))
        .count();
    let total = text.chars().take(64 * 1024).count().max(1);
    if controls * 20 > total {
        return Err(InputError::Binary("many control characters"));
    }
    Ok(text)
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    /// Markdown heading with its level.
    Heading(usize),
    ListItem,
}

#[derive(Debug, Clone)]
struct Block {
    text: String,
    kind: Kind,
}

/// A section before claims and actors are found.
#[derive(Debug, Clone)]
pub struct RawSection {
    pub heading: Option<String>,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    pub note: Option<String>,
    pub byline: Option<String>,
    /// A dateline's month and day when it gives no year ("BRUSSELS, June 12 (Reuters) -").
    pub dateline_day: Option<(u8, u8)>,
    pub sections: Vec<RawSection>,
}

/// The article's parts: front matter, then its blocks without page furniture; the
/// lines before the text (provenance, title, byline, date, address) taken off;
/// a dateline read; the rest split into sections at its headings.
pub fn parse(
    text: &str,
    markdown_hint: bool,
    given_title: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<Structure, InputError> {
    let text = sanitize(text);
    let mut st = Structure::default();
    let body = match front_matter(&text) {
        Some((fields, rest)) => {
            st.apply_front_matter(fields);
            rest
        }
        None => text.as_str(),
    };
    let (blocks, markdown) = article_blocks(body, markdown_hint, notes)?;
    let mut head = Head { st, blocks, notes };
    head.take_provenance();
    let headline_kept = head.take_title(given_title);
    head.take_provenance_under_title();
    head.take_byline_date_and_url();
    let Head {
        mut st,
        blocks,
        notes,
    } = head;
    st.add_byline_to_note();
    if blocks.is_empty() {
        return Err(InputError::NoText);
    }
    st.read_dateline(&blocks);
    let mut is_heading = find_headings(&blocks, markdown);
    // The real headline kept under --title is text, never a section heading.
    if headline_kept && let Some(h) = is_heading.first_mut() {
        *h = false;
    }
    st.sections = sections(blocks, &is_heading, notes)?;
    Ok(st)
}

/// The article's blocks with page furniture dropped and, in Markdown, inline
/// markup stripped; and whether the text is Markdown.
fn article_blocks(
    body: &str,
    markdown_hint: bool,
    notes: &mut Vec<String>,
) -> Result<(Vec<Block>, bool), InputError> {
    let mut blocks = blocks(body);
    let before = blocks.len();
    blocks.retain(|b| !is_page_furniture(&b.text));
    if blocks.len() < before {
        let n = before - blocks.len();
        notes.push(format!(
            "{n} line{} of page furniture dropped (advertisements, share and subscribe prompts, photo credits)",
            plural(n)
        ));
    }
    let markdown =
        markdown_hint || blocks.iter().any(|b| matches!(b.kind, Kind::Heading(_))) || body.contains("](http");
    if markdown {
        for b in &mut blocks {
            b.text = strip_inline_markdown(&b.text);
        }
        blocks.retain(|b| !b.text.trim().is_empty());
    }
    if blocks.is_empty() {
        return Err(InputError::Empty);
    }
    Ok((blocks, markdown))
}

impl Structure {
    /// Front matter's fields, under the names they commonly go by.
    fn apply_front_matter(&mut self, fields: Vec<(String, String)>) {
        for (key, value) in fields {
            let value = value.trim_matches(|c| c == '"' || c == '\'').trim().to_string();
            if value.is_empty() {
                continue;
            }
            match key.to_ascii_lowercase().as_str() {
                "title" => self.title = Some(value),
                "date" | "published" | "pubdate" | "published_at" => {
                    self.published = dates::parse_standalone(&value)
                }
                "publisher" | "source" | "site" | "site_name" | "outlet" => self.publisher = Some(value),
                "url" | "link" | "canonical" | "source_url" => self.url = Some(value),
                "author" | "by" | "byline" => self.byline = Some(value),
                _ => {}
            }
        }
    }

    /// The byline opens the note: "By Lena Vogel. This article was …".
    fn add_byline_to_note(&mut self) {
        if let Some(by) = self.byline.clone() {
            self.open_note_with_byline(&by);
        }
    }

    /// "By NAMES" opens the note.
    pub fn open_note_with_byline(&mut self, names: &str) {
        let by = format!("By {names}");
        self.note = Some(match self.note.take() {
            Some(n) => format!("{by}. {n}"),
            None => by,
        });
    }

    /// A dateline in the first paragraph names the publisher and may date the article.
    fn read_dateline(&mut self, blocks: &[Block]) {
        let Some((publisher, date)) = blocks
            .iter()
            .find(|b| b.kind == Kind::Para)
            .and_then(|first| dateline(&first.text))
        else {
            return;
        };
        if self.publisher.is_none() {
            self.publisher = Some(publisher);
        }
        match date {
            Some(d) if d.year > 0 => {
                self.published.get_or_insert(d);
            }
            // No year: the article's date gives it later.
            Some(PartialDate {
                month: Some(m),
                day: Some(d),
                ..
            }) => self.dateline_day = Some((m, d)),
            _ => {}
        }
    }

    /// "By Marta Puig · 3 February 2024", "By Lena Vogel, 15 January 2025": the
    /// byline may carry the article's date.
    fn take_byline(&mut self, by: String) {
        let mut parts = by.split(['·', '|', '—', '–']).map(str::trim);
        let name = parts.next().unwrap_or_default();
        let comma_date = name
            .split_once(", ")
            .and_then(|(n, rest)| Some((n, dates::parse_standalone(rest)?)));
        let (name, date) = match comma_date {
            Some((n, d)) => (n, Some(d)),
            None => (name, parts.find_map(dates::parse_standalone)),
        };
        match date {
            Some(d) => {
                self.published.get_or_insert(d);
                self.byline.get_or_insert_with(|| name.to_string());
            }
            None => {
                self.byline.get_or_insert(by);
            }
        }
    }
}

/// The lines before the article's text, taken off its blocks one by one into the structure.
struct Head<'n> {
    st: Structure,
    blocks: Vec<Block>,
    notes: &'n mut Vec<String>,
}

impl Head<'_> {
    /// A provenance line leading or trailing the text is the note (and may name the publisher).
    fn take_provenance(&mut self) {
        if let Some(first) = self.blocks.first()
            && is_provenance(&first.text)
        {
            self.st.note = Some(first.text.clone());
            self.blocks.remove(0);
        }
        if let Some(last) = self.blocks.last()
            && is_provenance(&last.text)
        {
            let line = last.text.clone();
            self.st.note = Some(match self.st.note.take() {
                Some(n) => format!("{n} {line}"),
                None => line,
            });
            self.blocks.pop();
        }
        if let Some(note) = &self.st.note
            && self.st.publisher.is_none()
        {
            self.st.publisher = publisher_from(note);
        }
    }

    /// The title: a Markdown title, the line equal to the given title, or a first
    /// line that reads as one. Whether a headline was kept as text under `--title`.
    fn take_title(&mut self, given_title: Option<&str>) -> bool {
        let blocks = &self.blocks;
        let Some(first) = blocks.first() else {
            return false;
        };
        let is_md_title = first.kind == Kind::Heading(1)
            || (matches!(first.kind, Kind::Heading(_))
                && !blocks.iter().skip(1).any(|b| b.kind == first.kind));
        let equals_given =
            given_title.is_some_and(|t| fold(t).to_lowercase() == fold(&first.text).to_lowercase());
        let headline = first.kind == Kind::Para && reads_as_title(&first.text);
        let reads_as_title = given_title.is_none() && headline && blocks.len() > 1;
        let title_wanted = self.st.title.is_none() || given_title.is_some();
        // A Markdown file's `#` title is its title line even when front matter names one.
        if is_md_title || (title_wanted && (equals_given || reads_as_title)) {
            let first = self.blocks.remove(0);
            self.st.title.get_or_insert(first.text);
            false
        } else if given_title.is_some() && headline {
            self.notes.push(format!(
                "the first line “{}” reads like a headline; it was kept as text (the title is --title)",
                first.text
            ));
            true
        } else {
            false
        }
    }

    /// Provenance right under the title.
    fn take_provenance_under_title(&mut self) {
        if let Some(first) = self.blocks.first()
            && self.st.note.is_none()
            && is_provenance(&first.text)
        {
            self.st.note = Some(first.text.clone());
            self.st.publisher = self.st.publisher.take().or_else(|| publisher_from(&first.text));
            self.blocks.remove(0);
        }
    }

    /// Provenance, byline, date and address lines among the first four blocks.
    fn take_byline_date_and_url(&mut self) {
        let mut i = 0;
        while i < self.blocks.len().min(4) {
            let b = &self.blocks[i];
            let short = b.kind == Kind::Para && b.text.trim().chars().count() <= 120;
            if short && self.take_head_line(i) {
                self.blocks.remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// Reads block `i` as a provenance, byline, date or address line; whether it was one.
    fn take_head_line(&mut self, i: usize) -> bool {
        let t = self.blocks[i].text.trim();
        let st = &mut self.st;
        if st.note.is_none() && is_provenance(t) {
            st.note = Some(t.to_string());
            st.publisher = st.publisher.take().or_else(|| publisher_from(t));
        } else if let Some(by) = byline(t) {
            st.take_byline(by);
        } else if let Some(d) = date_line(t) {
            st.published.get_or_insert(d);
        } else if (t.starts_with("http://") || t.starts_with("https://")) && !t.contains(' ') {
            st.url.get_or_insert_with(|| t.to_string());
        } else {
            return false;
        }
        true
    }
}

/// Blocks into sections at each heading; a heading with no text of its own is dropped (and said so).
fn sections(
    blocks: Vec<Block>,
    is_heading: &[bool],
    notes: &mut Vec<String>,
) -> Result<Vec<RawSection>, InputError> {
    let mut sections: Vec<RawSection> = vec![RawSection {
        heading: None,
        paragraphs: Vec::new(),
    }];
    for (b, &heading) in blocks.into_iter().zip(is_heading) {
        if heading {
            let last_empty = sections.last().is_some_and(|s| s.paragraphs.is_empty());
            if last_empty && let Some(Some(h)) = sections.last().map(|s| s.heading.clone()) {
                notes.push(format!("heading “{h}” has no text of its own: dropped"));
            }
            if last_empty {
                sections.pop();
            }
            sections.push(RawSection {
                heading: Some(b.text.trim().to_string()),
                paragraphs: Vec::new(),
            });
        } else if let Some(s) = sections.last_mut() {
            s.paragraphs.push(b.text);
        }
    }
    if let Some(last) = sections.last()
        && last.paragraphs.is_empty()
    {
        if let Some(h) = &last.heading {
            notes.push(format!("heading “{h}” ends the article with no text: dropped"));
        }
        sections.pop();
    }
    sections.retain(|s| !s.paragraphs.is_empty());
    if sections.is_empty() {
        return Err(InputError::NoText);
    }
    Ok(sections)
}

/// Which blocks are headings: Markdown ones when the text has any; else short
/// standalone lines, numbered lines that run 1, 2, 3 between paragraphs, and
/// lines that read like sentences or questions where the article sets off others.
fn find_headings(blocks: &[Block], markdown: bool) -> Vec<bool> {
    if markdown || blocks.iter().any(|b| matches!(b.kind, Kind::Heading(_))) {
        return blocks
            .iter()
            .map(|b| matches!(b.kind, Kind::Heading(_)))
            .collect();
    }
    let heading_like: Vec<bool> = blocks
        .iter()
        .map(|b| b.kind == Kind::Para && reads_as_heading(&b.text))
        .collect();
    let mut is_heading: Vec<bool> = (0..blocks.len())
        .map(|i| {
            heading_like[i]
                && longer_para_after(blocks, &heading_like, i)
                && (i == 0 || !heading_like[i - 1])
                && (i == 0 || !blocks[i - 1].text.trim_end().ends_with(':'))
        })
        .collect();
    for i in numbered_headings(blocks) {
        is_heading[i] = true;
    }
    add_sentence_headings(blocks, &heading_like, &mut is_heading);
    is_heading
}

/// Whether block `i` is followed by a longer paragraph (one that is not a heading itself).
fn longer_para_after(blocks: &[Block], heading_like: &[bool], i: usize) -> bool {
    blocks.get(i + 1).is_some_and(|next| {
        next.kind == Kind::Para && next.text.len() > blocks[i].text.len() && !heading_like[i + 1]
    })
}

/// "Long gone? Not so fast.", "No, the country isn't at risk of becoming the next
/// Greece": only between paragraphs, and only where the article sets off others.
fn add_sentence_headings(blocks: &[Block], heading_like: &[bool], is_heading: &mut [bool]) {
    let sentence_like: Vec<usize> = (1..blocks.len())
        .filter(|&i| {
            !is_heading[i]
                && blocks[i].kind == Kind::Para
                && reads_as_sentence_heading(&blocks[i].text)
                && longer_para_after(blocks, heading_like, i)
                && blocks[i - 1].kind == Kind::Para
                && ends_sentence(&blocks[i - 1].text)
                && !blocks[i - 1].text.trim_end().ends_with(':')
                && !is_heading[i - 1]
        })
        .collect();
    if is_heading.iter().any(|&h| h) || sentence_like.len() >= 2 {
        for i in sentence_like {
            is_heading[i] = true;
        }
    }
}

/// "1. The billionaires are looking pretty good": numbered lines, each alone
/// between paragraphs, numbered 1, 2, 3 … through the article, are its headings.
fn numbered_headings(blocks: &[Block]) -> Vec<usize> {
    let mut found = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Some(n) = heading_number(&b.text) else {
            continue;
        };
        let alone = i > 0
            && blocks[i - 1].kind == Kind::Para
            && blocks
                .get(i + 1)
                .is_some_and(|next| next.kind == Kind::Para && next.text.len() > b.text.len());
        if !alone {
            continue;
        }
        if n != found.len() + 1 {
            return Vec::new();
        }
        found.push(i);
    }
    if found.len() >= 2 { found } else { Vec::new() }
}

/// The number of "3. Title words", if the line reads as a numbered heading.
fn heading_number(line: &str) -> Option<usize> {
    let t = line.trim();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let rest = t.get(digits..)?.strip_prefix(". ")?;
    let n = t[..digits].parse().ok()?;
    let words = rest.split_whitespace().count();
    ((1..=3).contains(&digits)
        && (2..=20).contains(&words)
        && rest.chars().count() <= 160
        && !rest.ends_with(['.', ',', ';', ':'])
        && rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
    .then_some(n)
}

/// A heading that reads like a sentence: up to 14 words without a full stop
/// ("No, the country isn't at risk of becoming the next Greece"), or a short
/// question with its answer ("Long gone? Not so fast."). Never a quote.
fn reads_as_sentence_heading(line: &str) -> bool {
    let t = line.trim();
    if !one_plain_line(t)
        || t.contains(['"', '“', '”', '«', '»', '„'])
        || t.starts_with(is_quote)
        || t.ends_with(is_quote)
    {
        return false;
    }
    let words = t.split_whitespace().count();
    let n = t.chars().count();
    let unpunctuated = (1..=14).contains(&words) && n <= 100 && !t.ends_with(NOT_HEADING_ENDS);
    let question_answer =
        words <= 8 && t.ends_with(['.', '!']) && t.find("? ").is_some_and(|q| q > 0 && q + 2 < t.len());
    (unpunctuated || question_answer) && opens_like_heading(t)
}

/// What ends a sentence or a clause, never a heading (a question mark can).
const NOT_HEADING_ENDS: [char; 8] = ['.', ',', ';', ':', '!', '…', '-', '—'];

/// One line of words: not a list item, and no address or e-mail in it.
fn one_plain_line(t: &str) -> bool {
    !(t.contains('\n') || is_list_item(t) || t.contains("http") || t.contains('@'))
}

/// Opens with a capital or a digit, and is not a date or byline line.
fn opens_like_heading(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && date_line(t).is_none()
        && byline(t).is_none()
}

/// `---` YAML-ish front matter: simple `key: value` lines only.
fn front_matter(text: &str) -> Option<(Vec<(String, String)>, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    let fields = rest[..end]
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let after = &rest[end + 4..];
    let after = after.split_once('\n').map_or("", |(_, r)| r);
    Some((fields, after))
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+', '•', '‣', '◦', '▪', '–', '—']) {
        return rest.starts_with(' ');
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits < 4 && {
        let rest = &t[digits..];
        rest.starts_with(". ") || rest.starts_with(") ")
    }
}

fn md_heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    let level = t.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&level) && t[level..].starts_with(' ') {
        Some((level, t[level..].trim().trim_end_matches('#').trim()))
    } else {
        None
    }
}

fn is_rule(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3
        && (t.chars().all(|c| c == '-')
            || t.chars().all(|c| c == '*')
            || t.chars().all(|c| c == '_')
            || t.chars().all(|c| c == '='))
}

/// Splits text into paragraphs: blank lines separate them; inside a block, a line
/// break starts a new paragraph unless the line before looks hard-wrapped.
fn blocks(text: &str) -> Vec<Block> {
    let mut split = Splitter {
        hard_wrapped: blank_line_between(text),
        blocks: Vec::new(),
        prev_line: None,
        last_blank: true,
    };
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            split.end_block();
        } else if is_rule(line) {
            split.rule(line);
        } else {
            split.line(line);
        }
    }
    split.blocks
}

/// Hard-wrapped text separates its paragraphs with blank lines; text with one
/// paragraph a line (copied from a web page) has none, and no line is joined.
fn blank_line_between(text: &str) -> bool {
    let mut seen_text = false;
    let mut pending_blank = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            pending_blank = seen_text;
        } else if pending_blank {
            return true;
        } else {
            seen_text = true;
        }
    }
    false
}

/// The blocks read so far, and what the last line was, for joining hard-wrapped lines.
struct Splitter {
    hard_wrapped: bool,
    blocks: Vec<Block>,
    /// The last line read, if it is part of the current block.
    prev_line: Option<String>,
    last_blank: bool,
}

impl Splitter {
    fn end_block(&mut self) {
        self.last_blank = true;
        self.prev_line = None;
    }

    /// A setext underline (`===`, `---`) turns the line before into a heading;
    /// anywhere else a rule only separates.
    fn rule(&mut self, line: &str) {
        if !self.last_blank
            && let Some(last) = self.blocks.last_mut()
            && last.kind == Kind::Para
            && !last.text.contains('\n')
        {
            last.kind = Kind::Heading(if line.starts_with('=') { 1 } else { 2 });
        }
        self.end_block();
    }

    fn line(&mut self, line: &str) {
        let line = line.strip_prefix("> ").unwrap_or(line);
        let (kind, content) = block_kind(line);
        // The first line may be a title: join to it only what clearly continues a sentence.
        let continues = content.chars().next().is_some_and(|c| c.is_lowercase());
        let joins = !self.last_blank
            && self.hard_wrapped
            && (self.blocks.len() > 1 || continues)
            && kind == Kind::Para
            && self
                .prev_line
                .as_deref()
                .is_some_and(|p| p.chars().count() >= 50 && !ends_sentence(p) && md_heading(p).is_none())
            && self
                .blocks
                .last()
                .is_some_and(|b| !matches!(b.kind, Kind::Heading(_)));
        if joins && let Some(last) = self.blocks.last_mut() {
            last.text.push(' ');
            last.text.push_str(&content);
        } else {
            self.blocks.push(Block { text: content, kind });
        }
        self.prev_line = Some(line.to_string());
        self.last_blank = false;
    }
}

/// A line's kind and its text without the markup that says it: a `#` heading, a
/// line all in bold (how many Markdown articles write their subheadings), a list
/// item, or a paragraph.
fn block_kind(line: &str) -> (Kind, String) {
    let bold = || {
        ["**", "__"].iter().find_map(|m| {
            let inner = line.strip_prefix(m)?.strip_suffix(m)?;
            (!inner.contains(m) && reads_as_heading(inner)).then_some(inner)
        })
    };
    if let Some((level, h)) = md_heading(line) {
        (Kind::Heading(level), h.to_string())
    } else if let Some(inner) = bold() {
        (Kind::Heading(3), inner.trim().to_string())
    } else if is_list_item(line) {
        (Kind::ListItem, line.to_string())
    } else {
        (Kind::Para, line.to_string())
    }
}

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    let t = t.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*', '_']);
    t.ends_with(['.', '!', '?', ':', '…', ';'])
}

/// Inline Markdown taken out: links keep their text, images and emphasis
/// markers go, and so do backticks.
fn strip_inline_markdown(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some((text, end)) = link_at(&chars, i) {
            out.extend(&chars[text]);
            i = end;
        } else if let Some(end) = emphasis_at(&chars, i) {
            i = end;
        } else {
            if chars[i] != '`' {
                out.push(chars[i]);
            }
            i += 1;
        }
    }
    out.trim().to_string()
}

/// `[text](url)` at `i`: the text to keep and where the link ends. `![alt](url)`
/// keeps nothing.
fn link_at(chars: &[char], i: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let image = chars[i] == '!' && chars.get(i + 1) == Some(&'[');
    if chars[i] != '[' && !image {
        return None;
    }
    let close = i + chars[i..].iter().position(|&x| x == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = close + chars[close..].iter().position(|&x| x == ')')?;
    let text = if image { close..close } else { i + 1..close };
    Some((text, end + 1))
}

/// A run of `*` or `_` at `i` touching a word on one side only (or neither) is an
/// emphasis marker: where it ends. Inside a word (`snake_case`) `_` is text.
fn emphasis_at(chars: &[char], i: usize) -> Option<usize> {
    let c = chars[i];
    if c != '*' && c != '_' {
        return None;
    }
    let end = i + chars[i..].iter().take_while(|&&x| x == c).count();
    let word_before = i > 0 && chars[i - 1].is_alphanumeric();
    let word_after = chars.get(end).is_some_and(|a| a.is_alphanumeric());
    let marker = !(word_before && word_after)
        && (c == '*' || !(word_before || word_after) || word_before != word_after);
    marker.then_some(end)
}

/// Lines a web page adds around an article, whole, by their start, and photo credits by their end.
static WHOLE: WordList = WordList::data(include_str!("words/furniture-lines.txt"));
static PREFIXES: WordList = WordList::data(include_str!("words/furniture-prefixes.txt"));
static SUFFIXES: WordList = WordList::data(include_str!("words/furniture-suffixes.txt"));

/// Lines a web page adds around an article: not part of it.
fn is_page_furniture(line: &str) -> bool {
    let t = line.trim();
    if t.chars().count() > 120 {
        return false;
    }
    let lower = t.to_lowercase();
    let bare = lower.trim_end_matches(['.', ':', '!', ' ']);
    WHOLE.contains(bare)
        || PREFIXES.words().iter().any(|p| lower.starts_with(p))
        || (SUFFIXES.words().iter().any(|x| lower.ends_with(x)) && t.split_whitespace().count() <= 12)
}

/// Words that make a line the article's provenance, anywhere in it.
static PROVENANCE_CUES: WordList = WordList::data(include_str!("words/provenance-cues.txt"));
/// Words before the publisher's name in a provenance line, in the order they are tried.
static PUBLISHER_CUES: WordList = WordList::data(include_str!("words/publisher-cues.txt"));

/// "This article was originally published by X and is reprinted with permission."
pub fn is_provenance(line: &str) -> bool {
    let l = fold(line).to_lowercase();
    l.len() < 400
        && (PROVENANCE_CUES.iter().any(|cue| l.contains(cue))
            || (l.starts_with("this article") && (l.contains("published") || l.contains("appeared")))
            || l.starts_with("copyright ")
            || l.starts_with("(c) ")
            || l.starts_with("©"))
}

fn publisher_from(note: &str) -> Option<String> {
    let f = fold(note);
    let lower = f.to_lowercase();
    for cue in PUBLISHER_CUES.iter() {
        let cue = format!("{cue} ");
        if let Some(at) = lower.find(&cue) {
            let rest = &f[at + cue.len()..];
            let end = [" and ", ". ", ", ", " under ", " with ", " on "]
                .iter()
                .filter_map(|e| rest.find(e))
                .min()
                .unwrap_or(rest.len());
            let name = rest[..end]
                .trim()
                .trim_end_matches('.')
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ')
                .trim();
            let name = name.strip_prefix("the ").unwrap_or(name);
            if !name.is_empty() && name.len() < 100 {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// A title: one line, not too long, not ending like a sentence.
fn reads_as_title(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    n > 0
        && n <= 200
        && !t.contains('\n')
        && !is_list_item(t)
        && !t.ends_with(['.', ',', ';', ':'])
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_quote(c))
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„')
}

/// A subheading: a short standalone line without final punctuation (a question
/// mark is allowed), possibly in quotes.
pub fn reads_as_heading(line: &str) -> bool {
    let t = line.trim();
    if !one_plain_line(t) {
        return false;
    }
    let inner = t.trim_matches(is_quote).trim();
    let words = inner.split_whitespace().count();
    let n = inner.chars().count();
    (1..=10).contains(&words)
        && n <= 80
        && !inner.ends_with(NOT_HEADING_ENDS)
        && inner.chars().any(char::is_alphabetic)
        && opens_like_heading(inner)
}

/// "BRUSSELS, June 12 (Reuters) -", "NAPA COUNTY, Calif. (KGO) --", "London (CNN) —":
/// the publisher in brackets, and its date (year 0 when it gives none).
fn dateline(para: &str) -> Option<(String, Option<PartialDate>)> {
    let open = para.find(" (")?;
    let close = open + para[open..].find(')')?;
    let head = &para[..open];
    let publisher = &para[open + 2..close];
    let after = para[close + 1..].trim_start();
    let dash = after.starts_with(['-', '–', '—']);
    let place = head.split(',').next()?.trim();
    let place_ok = !place.is_empty()
        && place.split_whitespace().count() <= 4
        && place
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let publisher_ok = !publisher.is_empty()
        && publisher.split_whitespace().count() <= 4
        && publisher.chars().next().is_some_and(char::is_uppercase)
        && !publisher.chars().any(|c| c.is_ascii_digit());
    if !(dash && place_ok && publisher_ok && head.chars().count() <= 60) {
        return None;
    }
    let date = head.split_once(',').and_then(|(_, rest)| {
        dates::parse_standalone(rest.trim()).or_else(|| {
            // "June 12" alone: the year comes from the article's date, if known.
            let ctx = dates::Context {
                published: None,
                last: None,
            };
            let f = dates::find(rest.trim(), &ctx).filter(|f| f.year.is_none())?;
            Some(PartialDate {
                year: 0,
                month: Some(f.month?),
                day: Some(f.day?),
            })
        })
    });
    Some((publisher.to_string(), date))
}

fn byline(line: &str) -> Option<String> {
    let rest = line.strip_prefix("By ").or_else(|| line.strip_prefix("by "))?;
    let words = rest.split_whitespace().count();
    (words <= 8 && rest.split_whitespace().next()?.chars().next()?.is_uppercase() && !rest.ends_with('.'))
        .then(|| rest.trim().to_string())
}

/// Words before the date on a line that is only a date, longest first.
static DATE_LINE_PREFIXES: WordList = WordList::data(include_str!("words/date-line-prefixes.txt"));

/// A line that is only a date, maybe after "Published" or "Updated".
fn date_line(line: &str) -> Option<PartialDate> {
    let mut t = line.trim();
    for prefix in DATE_LINE_PREFIXES.iter() {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim();
            break;
        }
    }
    let d = dates::parse_standalone(t)?;
    d.day.is_some().then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_short_unpunctuated_lines() {
        assert!(reads_as_heading("Seeking Support?"));
        assert!(reads_as_heading("‘Ready To React’"));
        assert!(reads_as_heading("Levers And Limitations"));
        assert!(!reads_as_heading("It may be happening again."));
        assert!(!reads_as_heading("- Oil exports"));
        assert!(!reads_as_heading("Here is what we know:"));
    }

    #[test]
    fn provenance_gives_the_publisher() {
        let line = "This article was originally published by Radio Free Europe/Radio Liberty and is reprinted with permission.";
        assert!(is_provenance(line));
        assert_eq!(
            publisher_from(line).as_deref(),
            Some("Radio Free Europe/Radio Liberty")
        );
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let b = blocks(
            "Title\n\nThis is a long line of a hard-wrapped paragraph that goes\non here.\nNext paragraph.\n\nMore.\n",
        );
        assert_eq!(b.len(), 4);
        assert_eq!(
            b[1].text,
            "This is a long line of a hard-wrapped paragraph that goes on here."
        );
        // One paragraph a line, no blank lines: nothing is joined, not even to a long title.
        let b =
            blocks("A Long Title In Title Case That Goes On And On Without End\nBRUSSELS - Leaders met.\n");
        assert_eq!(b.len(), 2);
    }

    #[test]
    fn markdown_links_and_emphasis_are_stripped() {
        assert_eq!(
            strip_inline_markdown("See **this** [page](http://x.y) and _that_."),
            "See this page and that."
        );
        assert_eq!(strip_inline_markdown("snake_case stays"), "snake_case stays");
    }

    #[test]
    fn a_given_title_keeps_the_headline_as_text_not_a_heading() {
        let text = "Short Headline Here\n\nThe first paragraph of the article is long enough to be text.\n\nMore text follows here, also long enough.\n";
        let mut notes = Vec::new();
        let st = parse(text, false, Some("Another Title"), &mut notes).unwrap();
        assert!(
            st.sections.iter().all(|s| s.heading.is_none()),
            "{:?}",
            st.sections
        );
        assert_eq!(st.sections[0].paragraphs[0], "Short Headline Here");
        assert!(
            notes.iter().any(|n| n.contains("reads like a headline")),
            "{notes:?}"
        );
    }

    #[test]
    fn datelines_name_the_publisher() {
        let no_year = PartialDate {
            year: 0,
            month: Some(6),
            day: Some(12),
        };
        assert_eq!(
            dateline("BRUSSELS, June 12 (Reuters) - EU leaders met."),
            Some(("Reuters".to_string(), Some(no_year)))
        );
        assert_eq!(
            dateline("NAPA COUNTY, Calif. (KGO) -- A plan for a resort."),
            Some(("KGO".to_string(), None))
        );
        assert_eq!(
            dateline("LYON, March 3, 2025 (AFP) — Police said."),
            Some(("AFP".to_string(), "2025-03-03".parse().ok()))
        );
        assert_eq!(dateline("The mayor (a former judge) said so - twice."), None);
    }
}
