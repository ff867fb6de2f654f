//! Problems found in a user's file, pinned to a line and column.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::text::{line_col, sanitize};

/// One problem in one file: `path:line:col: message`, with the offending line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// The offending line of the file, shown under the message with a caret.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem at a byte offset of `source`.
    pub fn at(path: &Path, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(source, offset);
        let source_line = source.lines().nth(line - 1).map(sanitize);
        Diagnostic {
            path: path.to_path_buf(),
            line,
            col,
            message: message.into(),
            source_line,
        }
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
            message: message.into(),
            source_line: None,
        }
    }

    /// `path:line:col: message`, without the source excerpt.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            self.path.display(),
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
            let before: String = src.chars().take(self.col.saturating_sub(1)).collect();
            let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(before.as_str()));
            write!(f, "\n{pad} |\n{number} | {src}\n{pad} | {indent}^")?;
        }
        Ok(())
    }
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
    fn caret_accounts_for_wide_characters() {
        let src = "name = \"日本\" x";
        let d = Diagnostic::at(Path::new("b.toml"), src, src.find('x').unwrap(), "m");
        assert_eq!(d.col, 13);
        assert!(d.to_string().ends_with(&format!("| {}^", " ".repeat(14))));
    }
}
