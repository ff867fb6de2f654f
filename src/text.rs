//! Text handling shared by the loader, the index, the reader and the importer:
//! sanitising untrusted text, and matching that ignores typography.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

/// Makes untrusted text safe to draw: no control character or escape sequence
/// survives, so briefing text can never drive the terminal.
///
/// `\r\n` and `\r` become `\n`; a tab becomes a space; other C0/C1 controls
/// (ESC included) and bidirectional overrides are dropped.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(needs_sanitizing) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push(' '),
            c if needs_sanitizing(c) && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// [`sanitize`] that hands clean text back without copying it.
pub fn sanitize_owned(text: String) -> String {
    if text.chars().any(needs_sanitizing) {
        sanitize(&text)
    } else {
        text
    }
}

/// Makes untrusted text safe to quote in a message: every control character
/// (newlines and tabs included) and bidirectional override is written as a
/// Rust-style escape such as `\u{1b}`, so a file name or value can neither
/// drive the terminal nor forge a line. Escaping twice changes nothing more.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_with(text, |_| false)
}

/// [`escape`] for a whole message that may span lines: `\n` and `\t` stay.
pub fn escape_message(text: &str) -> Cow<'_, str> {
    escape_with(text, |c| c == '\n' || c == '\t')
}

/// [`escape`] for a path, as shown by `Path::display`.
pub fn escape_path(path: &std::path::Path) -> String {
    escape(&path.to_string_lossy()).into_owned()
}

fn escape_with(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe_in_terminal(c) && !keep(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text safe for a terminal: C1 controls and bidirectional overrides,
/// which JSON allows raw inside strings, become `\uXXXX` escapes (C0 controls
/// are escaped by the serialiser already). Only strings can hold them, so the
/// result is the same JSON value.
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    // Whitespace between tokens stays; inside strings the serialiser escaped it.
    let unsafe_char = |c: char| is_unsafe_in_terminal(c) && !matches!(c, '\n' | '\t' | '\r');
    if !json.chars().any(unsafe_char) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether the text shows anything: not only whitespace, controls, bidi marks
/// and zero-width characters (soft hyphen, zero-width space and joiners, BOM).
pub fn has_visible_text(text: &str) -> bool {
    text.chars().any(|c| {
        !(c.is_whitespace()
            || is_unsafe_in_terminal(c)
            || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{034F}' | '\u{180E}'))
    })
}

/// C0 and C1 controls (DEL included) and bidirectional controls.
pub fn is_unsafe_in_terminal(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn needs_sanitizing(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Text folded for matching: runs of whitespace become one space, curly quotes
/// become straight ones, dashes become `-`, `…` becomes `...`, and invisible
/// characters (soft hyphen, zero-width space) vanish. Every byte of the folded
/// text remembers where it came from, so a match maps back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` is the byte offset in the original of folded byte `i`;
    /// one extra entry holds the original's length. (`u32`: briefings are far
    /// below 4 GiB, and half the memory makes indexing a library faster.)
    origin: Vec<u32>,
}

/// Folds `original`, handing each piece of folded text to `emit` with the byte
/// offset of the original character it came from. A whitespace run becomes one
/// space, emitted only when more text follows, so the result is trimmed.
fn fold_pieces(original: &str, mut emit: impl FnMut(&str, usize, Mapping)) {
    let bytes = original.as_bytes();
    let mut space_at = None; // start of a whitespace run after some text
    let mut started = false;
    let mut at = 0;
    while at < bytes.len() {
        // Plain ASCII is most of any article: copy whole runs of it at once.
        let run = bytes[at..]
            .iter()
            .position(|&b| !is_plain_ascii(b))
            .unwrap_or(bytes.len() - at);
        let (piece, mapping, len) = if run > 0 {
            (Some(&original[at..at + run]), Mapping::Copied, run)
        } else {
            let Some(c) = original[at..].chars().next() else {
                break;
            };
            let len = c.len_utf8();
            if c.is_whitespace() {
                if started && space_at.is_none() {
                    space_at = Some(at);
                }
                (None, Mapping::Copied, len)
            } else {
                match fold_char(c) {
                    Folding::Keep => (Some(&original[at..at + len]), Mapping::Copied, len),
                    Folding::Drop => (None, Mapping::Copied, len),
                    Folding::Into(s) => (Some(s), Mapping::Replaced, len),
                }
            }
        };
        if let Some(piece) = piece {
            if let Some(space) = space_at.take() {
                emit(" ", space, Mapping::Replaced);
            }
            emit(piece, at, mapping);
            started = true;
        }
        at += len;
    }
}

/// How the bytes of a folded piece map back: byte for byte, or all to one character.
#[derive(Clone, Copy)]
enum Mapping {
    Copied,
    Replaced,
}

fn is_plain_ascii(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0b && b != b'`'
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        fold_pieces(original, |piece, at, mapping| {
            text.push_str(piece);
            let at = at as u32;
            match mapping {
                Mapping::Copied => origin.extend(at..at + piece.len() as u32),
                Mapping::Replaced => origin.extend(std::iter::repeat_n(at, piece.len())),
            }
        });
        origin.push(original.len() as u32);
        Folded { text, origin }
    }

    /// Finds `needle` (already folded or not) and returns the range it covers in the original.
    pub fn find(&self, needle: &str) -> Option<Range<usize>> {
        let needle = fold(needle);
        if needle.is_empty() {
            return None;
        }
        let start = self.text.find(&needle)?;
        Some(self.original_range(start..start + needle.len()))
    }

    /// Every occurrence of an already-folded needle, as original ranges.
    pub fn find_all<'a>(&'a self, folded_needle: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.text
            .match_indices(folded_needle)
            .filter(|_| !folded_needle.is_empty())
            .map(move |(at, m)| self.original_range(at..at + m.len()))
    }

    /// Maps a range of folded bytes back to the original text.
    pub fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        let start = self.origin[folded.start] as usize;
        // The end is just past the last folded byte's source character.
        let end = if folded.end == 0 {
            start
        } else {
            let last = self.origin[folded.end - 1] as usize;
            let next = self.origin[folded.end] as usize;
            if next > last { next } else { last + 1 }
        };
        start..end.max(start)
    }
}

enum Folding {
    Keep,
    Drop,
    Into(&'static str),
}

fn fold_char(c: char) -> Folding {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Folding::Into("'")
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => {
            Folding::Into("\"")
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Folding::Into("-"),
        '\u{2026}' => Folding::Into("..."),
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Folding::Drop,
        _ => Folding::Keep,
    }
}

/// Folds a string for comparison (see [`Folded`]).
pub fn fold(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    fold_pieces(s, |piece, _, _| text.push_str(piece));
    text
}

/// True when `range` in `text` starts and ends on word boundaries, so "Russia"
/// matches in "Russia’s" but not in "Russian".
pub fn on_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\u{00AD}'
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

pub fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    while at > 0 && !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_strips_escape_sequences_and_controls() {
        let hostile = "safe\x1b[2J\x1b]0;pwned\x07 text\u{9b}31m\r\nnext\u{202E}line\tend";
        let clean = sanitize(hostile);
        assert!(!clean.chars().any(|c| c.is_control() && c != '\n'), "{clean:?}");
        assert_eq!(clean, "safe[2J]0;pwned text31m\nnextline end");
    }

    #[test]
    fn escape_writes_controls_and_bidi_as_escapes() {
        let hostile = "id\x1b]52;c;aGVsbG8=\x07\u{9b}x\u{202E}\nnext\tend";
        assert_eq!(
            escape(hostile),
            "id\\u{1b}]52;c;aGVsbG8=\\u{7}\\u{9b}x\\u{202e}\\u{a}next\\u{9}end"
        );
        assert_eq!(escape_message("a\nb\tc\x1b"), "a\nb\tc\\u{1b}");
        assert_eq!(escape(&escape(hostile)), escape(hostile));
        assert!(matches!(escape("Zakharova “ready” 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn invisible_text_is_recognised() {
        for invisible in [
            "\u{1b}",
            "\u{ad}",
            " \u{200b}\u{200d} ",
            "\u{202e}\u{feff}",
            "\t\u{85}",
        ] {
            assert!(!has_visible_text(invisible), "{invisible:?}");
        }
        for visible in ["a", "\u{1b}x", "日", "-", "\u{ad}b"] {
            assert!(has_visible_text(visible), "{visible:?}");
        }
    }

    #[test]
    fn json_for_terminal_keeps_the_value() {
        let value = serde_json::json!({"t": "a\u{85}b\u{202e}c\x1b"});
        let json = serde_json::to_string_pretty(&value).unwrap();
        let safe = json_for_terminal(&json);
        assert!(
            !safe.chars().any(|c| is_unsafe_in_terminal(c) && c != '\n'),
            "{safe}"
        );
        assert!(safe.contains("\n  \"t\""), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn sanitize_keeps_ordinary_text_untouched() {
        let s = "Zakharova said “ready to react” — in 2025…\n\nNext paragraph. 日本語 👍";
        assert_eq!(sanitize(s), s);
    }

    #[test]
    fn fold_ignores_quotes_whitespace_and_dashes() {
        assert_eq!(
            fold("  “Ready  to\n react” — now…  "),
            "\"Ready to react\" - now..."
        );
        assert_eq!(fold("Galeo\u{00AD}tti’s"), "Galeotti's");
    }

    #[test]
    fn find_maps_back_to_original_bytes() {
        let original = "He said: “I think so,\n  yeah.” Then left.";
        let folded = Folded::new(original);
        let range = folded.find("\"I think so, yeah.\"").unwrap();
        assert_eq!(&original[range], "“I think so,\n  yeah.”");
        let range = folded.find("yeah").unwrap();
        assert_eq!(&original[range], "yeah");
        assert!(folded.find("not there").is_none());
        assert!(folded.find("   ").is_none());
    }

    #[test]
    fn find_covers_a_trailing_multibyte_character() {
        let original = "a shortage of…financial resources";
        let range = Folded::new(original).find("of...financial").unwrap();
        assert_eq!(&original[range], "of…financial");
        let range = Folded::new(original).find("of...").unwrap();
        assert_eq!(&original[range], "of…");
    }

    #[test]
    fn word_boundaries_allow_possessives_only() {
        let text = "Russia’s army and Russian ships; Russia.";
        let hits: Vec<_> = text
            .match_indices("Russia")
            .map(|(i, m)| i..i + m.len())
            .collect();
        let kept: Vec<_> = hits.iter().filter(|r| on_word_boundaries(text, r)).collect();
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn line_col_counts_characters() {
        let src = "a = 1\nbé = “x”\n";
        let at = src.find('x').unwrap();
        assert_eq!(line_col(src, at), (2, 7));
        assert_eq!(line_col(src, 0), (1, 1));
    }
}
