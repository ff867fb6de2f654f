//! Problems found in a user's file, pinned to a line and column.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::text::{escape_message, escape_path, floor_char_boundary, sanitize};

/// Characters of a long line shown either side of the problem.
const EXCERPT_CHARS: usize = 60;

/// One problem in one file: `path:line:col: message`, with the offending line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// The offending line of the file (or the part of a long line around the
    /// problem), shown under the message with a caret.
    pub source_line: Option<String>,
    /// Where the caret goes in `source_line`, in characters from its start.
    caret: usize,
}

impl Diagnostic {
    /// A problem at a byte offset of `source`.
    pub fn at(path: &Path, source: &str, offset: usize, message: impl Into<String>) -> Self {
        Self::at_offsets(path, source, vec![(offset, message.into())])
            .pop()
            .unwrap_or_else(|| Self::whole_file(path, ""))
    }

    /// Problems at byte offsets of `source`, in file order. One pass over the
    /// source places them all, so reporting stays linear in the file's size
    /// however many problems it has. The message is escaped here: it may quote
    /// anything the file holds.
    pub fn at_offsets(path: &Path, source: &str, mut problems: Vec<(usize, String)>) -> Vec<Self> {
        problems.sort_by_key(|p| p.0);
        let mut out = Vec::with_capacity(problems.len());
        let (mut pos, mut line, mut line_start, mut col) = (0, 1, 0, 0);
        let mut line_end = None;
        for (offset, message) in problems {
            let offset = floor_char_boundary(source, offset.min(source.len()));
            for (i, c) in source[pos..offset].char_indices() {
                if c == '\n' {
                    line += 1;
                    line_start = pos + i + 1;
                    col = 0;
                    line_end = None;
                } else {
                    col += 1;
                }
            }
            pos = offset;
            let end = *line_end.get_or_insert_with(|| {
                source[line_start..]
                    .find('\n')
                    .map_or(source.len(), |i| line_start + i)
            });
            let (source_line, caret) = excerpt(&source[line_start..end], offset - line_start);
            out.push(Diagnostic {
                path: path.to_path_buf(),
                line,
                col: col + 1,
                message: escape_message(&message).into_owned(),
                source_line: Some(source_line),
                caret,
            });
        }
        out
    }

    /// A problem at the start of a span, or of the file when there is none.
    pub fn at_span(
        path: &Path,
        source: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Self::at(path, source, span.map_or(0, |s| s.start), message)
    }

    /// A problem with the file as a whole (unreadable, empty).
    pub fn whole_file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line: 1,
            col: 1,
            message: escape_message(&message.into()).into_owned(),
            source_line: None,
            caret: 0,
        }
    }

    /// `path:line:col: message`, without the source excerpt.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            escape_path(&self.path),
            self.line,
            self.col,
            self.message
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let Some(src) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            // The caret goes under the column, counting display width.
            let before: String = src.chars().take(self.caret).collect();
            let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(before.as_str()));
            write!(f, "\n{pad} |\n{number} | {src}\n{pad} | {indent}^")?;
        }
        Ok(())
    }
}

/// The line, sanitised, cut to a window around the problem when it is long;
/// and the caret's place in it, in characters. `at` is a byte offset in `line`.
/// Works in constant time per problem, however long the line.
fn excerpt(line: &str, at: usize) -> (String, usize) {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let (before, after) = line.split_at(floor_char_boundary(line, at.min(line.len())));
    let near = &before[floor_char_boundary(before, before.len().saturating_sub(4 * EXCERPT_CHARS))..];
    let start = near
        .char_indices()
        .rev()
        .nth(EXCERPT_CHARS - 1)
        .map_or(before.len() - near.len(), |(i, _)| before.len() - near.len() + i);
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    text.push_str(&sanitize(&before[start..]));
    let caret = text.chars().count();
    let cut = after.char_indices().nth(EXCERPT_CHARS).map(|(i, _)| i);
    text.push_str(&sanitize(&after[..cut.unwrap_or(after.len())]));
    if cut.is_some() {
        text.push('…');
    }
    (text, caret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_line_and_caret() {
        let src = "title = \"x\"\nspeeker = \"trump\"\n";
        let d = Diagnostic::at(
            Path::new("b.toml"),
            src,
            src.find("speeker").unwrap(),
            "unknown field `speeker`",
        );
        assert_eq!(
            d.to_string(),
            "b.toml:2:1: unknown field `speeker`\n  |\n2 | speeker = \"trump\"\n  | ^"
        );
    }

    #[test]
    fn a_long_line_is_shown_around_the_problem() {
        let src = format!("text = \"{}X{}\"", "a".repeat(5000), "b".repeat(5000));
        let at = src.find('X').unwrap();
        let d = Diagnostic::at(Path::new("b.toml"), &src, at, "m");
        assert_eq!(d.col, at + 1);
        let shown = d.to_string();
        let excerpt = shown.lines().nth(2).unwrap();
        assert!(excerpt.chars().count() < 2 * EXCERPT_CHARS + 10, "{excerpt}");
        let caret_line = shown.lines().nth(3).unwrap();
        let caret = caret_line.chars().count() - 1;
        assert_eq!(excerpt.chars().nth(caret), Some('X'), "{shown}");
    }

    #[test]
    fn many_problems_are_placed_in_one_pass_in_file_order() {
        let src = "a = 1\nb = 2\nc = 3\n";
        let ds = Diagnostic::at_offsets(
            Path::new("b.toml"),
            src,
            vec![
                (src.find('c').unwrap(), "third".into()),
                (0, "first".into()),
                (6, "second".into()),
            ],
        );
        let got: Vec<_> = ds.iter().map(|d| (d.line, d.col, d.message.as_str())).collect();
        assert_eq!(got, [(1, 1, "first"), (2, 1, "second"), (3, 1, "third")]);
        assert_eq!(ds[2].source_line.as_deref(), Some("c = 3"));
    }

    #[test]
    fn messages_and_paths_are_escaped() {
        let d = Diagnostic::whole_file(Path::new("evil\x1b]52;c;x\x07.toml"), "id `\x1b[2J` \u{202e}");
        let shown = d.to_string();
        assert!(
            !shown.chars().any(crate::text::is_unsafe_in_terminal),
            "{shown:?}"
        );
        assert!(shown.contains("evil\\u{1b}]52"), "{shown}");
    }

    #[test]
    fn caret_accounts_for_wide_characters() {
        let src = "name = \"日本\" x";
        let d = Diagnostic::at(Path::new("b.toml"), src, src.find('x').unwrap(), "m");
        assert_eq!(d.col, 13);
        assert!(d.to_string().ends_with(&format!("| {}^", " ".repeat(14))));
    }
}
