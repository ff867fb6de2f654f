//! Text laid out for a width, before styling: the help and the claim details are
//! built here as rows of (text, [`Role`]) runs. Pure, so the state bounds its
//! scrolling and splits the Claims pane with the very rows the panes draw (the
//! panes only map roles to the theme).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What a run of text is, for the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    /// Emphasised text (the quick start, a message).
    Message,
    Heading,
    Key,
    Dim,
    /// Annotation marks, grades and notes.
    Annotation,
    /// A rule drawn with the border style.
    Rule,
    /// A warning.
    Warning,
    /// Why a claim's speaker is in doubt.
    Doubt,
}

/// One laid-out row.
pub type Row = Vec<(String, Role)>;

/// A row of one run.
pub fn row(text: impl Into<String>, role: Role) -> Row {
    vec![(text.into(), role)]
}

/// `text` word-wrapped to `width` columns, each line a row of `role` after `indent`.
pub fn wrapped(text: &str, width: usize, indent: &str, role: Role) -> Vec<Row> {
    let room = width.saturating_sub(indent.width()).max(1);
    textwrap::wrap(text, room)
        .into_iter()
        .map(|l| {
            let mut r = Vec::new();
            if !indent.is_empty() {
                r.push((indent.to_string(), Role::Plain));
            }
            r.push((l.into_owned(), role));
            r
        })
        .collect()
}

/// The row as plain text (tests, widths).
pub fn plain(row: &Row) -> String {
    row.iter().map(|(t, _)| t.as_str()).collect()
}

/// Cuts `s` to at most `width` columns, ending with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `width` columns.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_display_width() {
        assert_eq!(truncate("Galeotti", 5), "Gale…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(fit("日本", 5), "日本 ");
        assert_eq!(fit("e\u{301}t\u{301}é", 4).width(), 4);
    }
}
