//! The text layout cache: every section wrapped once per width into lines that
//! remember which bytes of the section (or its heading) they show. Scrolling,
//! highlighting and "scroll to this claim" are binary searches over these lines;
//! drawing touches only the visible ones.

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;

use crate::model::Briefing;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A line of the section heading (`start..end` index the heading).
    Heading,
    /// A line of the section text (`start..end` index the text).
    Body,
    /// Space between paragraphs or sections.
    Blank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLine {
    pub section: usize,
    pub kind: LineKind,
    pub start: usize,
    pub end: usize,
}

impl TextLine {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Sort key: lines are in (section, heading before text, byte) order.
    fn key(&self) -> (usize, u8, usize) {
        (self.section, u8::from(self.kind != LineKind::Heading), self.start)
    }
}

/// A briefing wrapped to one width.
#[derive(Debug, Clone, Default)]
pub struct TextLayout {
    pub width: usize,
    pub lines: Vec<TextLine>,
    /// First line of each section (its heading, or its first text line).
    pub section_first: Vec<usize>,
}

impl TextLayout {
    pub fn build(briefing: &Briefing, width: usize) -> TextLayout {
        let width = width.max(1);
        let mut lines = Vec::with_capacity(
            briefing.sections.iter().map(|s| s.text.len()).sum::<usize>() / width.max(20) + 16,
        );
        let mut section_first = Vec::with_capacity(briefing.sections.len());
        for (s, section) in briefing.sections.iter().enumerate() {
            if s > 0 {
                // Space after the previous section belongs to it.
                let prev = &briefing.sections[s - 1];
                lines.push(TextLine {
                    section: s - 1,
                    kind: LineKind::Blank,
                    start: prev.text.len(),
                    end: prev.text.len(),
                });
            }
            section_first.push(lines.len());
            if let Some(heading) = &section.heading {
                wrap_into(heading, 0, width, s, LineKind::Heading, &mut lines);
                lines.push(TextLine {
                    section: s,
                    kind: LineKind::Blank,
                    start: 0,
                    end: 0,
                });
            }
            let mut pending_blank = false;
            let mut any = false;
            let mut offset = 0;
            for hard in section.text.split('\n') {
                let at = offset;
                offset += hard.len() + 1;
                let trimmed = hard.trim_start();
                if trimmed.trim_end().is_empty() {
                    pending_blank = any;
                    continue;
                }
                let start = at + (hard.len() - trimmed.len());
                if pending_blank {
                    lines.push(TextLine {
                        section: s,
                        kind: LineKind::Blank,
                        start,
                        end: start,
                    });
                    pending_blank = false;
                }
                wrap_into(trimmed.trim_end(), start, width, s, LineKind::Body, &mut lines);
                any = true;
            }
        }
        TextLayout {
            width,
            lines,
            section_first,
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The line showing byte `byte` of the text of `section` (the last line starting at or before it).
    pub fn line_of(&self, section: usize, byte: usize) -> usize {
        let key = (section, 1u8, byte);
        let after = self.lines.partition_point(|l| l.key() <= key);
        let line = after.saturating_sub(1);
        // Never land in an earlier section when the byte is before its first text line.
        match self.section_first.get(section) {
            Some(&first) if line < first => first,
            _ => line.min(self.lines.len().saturating_sub(1)),
        }
    }

    /// Lines `first..` whose body ranges intersect `range` of `section`: `first..=last`.
    pub fn lines_of(&self, section: usize, range: &Range<usize>) -> Range<usize> {
        let first = self.line_of(section, range.start);
        let last = self.line_of(section, range.end.saturating_sub(1).max(range.start));
        first..last.max(first) + 1
    }

    /// The section shown at line `line`.
    pub fn section_at(&self, line: usize) -> usize {
        self.lines
            .get(line.min(self.lines.len().saturating_sub(1)))
            .map_or(0, |l| l.section)
    }

    /// A position that survives re-wrapping: the section and byte at the start of `line`.
    pub fn position(&self, line: usize) -> (usize, usize) {
        match self.lines.get(line) {
            Some(l) if l.kind == LineKind::Heading => (l.section, 0),
            Some(l) => (l.section, l.start),
            None => (0, 0),
        }
    }

    /// The line of a position from [`position`](Self::position), at this width.
    pub fn line_at(&self, (section, byte): (usize, usize)) -> usize {
        if byte == 0 {
            return self.section_first.get(section).copied().unwrap_or(0);
        }
        self.line_of(section, byte)
    }
}

/// Wraps one hard line (`text` starts at byte `base` of its source) into `lines`.
fn wrap_into(
    text: &str,
    base: usize,
    width: usize,
    section: usize,
    kind: LineKind,
    lines: &mut Vec<TextLine>,
) {
    let origin = text.as_ptr() as usize;
    let words: Vec<Word<'_>> = WordSeparator::UnicodeBreakProperties.find_words(text).collect();
    let words = break_words(words, width);
    for line in wrap_first_fit(&words, &[width as f64]) {
        let (Some(first), Some(last)) = (line.first(), line.last()) else {
            continue;
        };
        // Words borrow from `text`, so their addresses give their offsets.
        let start = (first.word.as_ptr() as usize).saturating_sub(origin);
        let end = (last.word.as_ptr() as usize).saturating_sub(origin) + last.word.len();
        lines.push(TextLine {
            section,
            kind,
            start: base + start.min(text.len()),
            end: base + end.min(text.len()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Section;
    use unicode_width::UnicodeWidthStr;

    fn briefing(sections: Vec<(Option<&str>, &str)>) -> Briefing {
        Briefing {
            id: "t".into(),
            sections: sections
                .into_iter()
                .enumerate()
                .map(|(i, (h, t))| Section {
                    id: format!("s{i}"),
                    heading: h.map(str::to_string),
                    text: t.to_string(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn lines_cover_the_text_in_order_and_fit_the_width() {
        let text = "One two three four five six seven eight nine ten.\n\nEleven twelve thirteen.";
        let b = briefing(vec![(None, text), (Some("A heading that is long"), "Short.")]);
        let layout = TextLayout::build(&b, 12);
        let mut last = (0, 0, 0);
        for line in &layout.lines {
            assert!(line.key() >= last, "{line:?} out of order");
            last = line.key();
            let src = match line.kind {
                LineKind::Heading => b.sections[line.section].heading.as_deref().unwrap_or(""),
                _ => &b.sections[line.section].text,
            };
            assert!(src[line.range()].width() <= 12, "{:?}", &src[line.range()]);
        }
        let shown: Vec<&str> = layout
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Body && l.section == 0)
            .map(|l| &text[l.range()])
            .collect();
        assert_eq!(shown.join(" "), text.replace("\n\n", " "));
        assert_eq!(layout.section_first.len(), 2);
        assert_eq!(layout.lines[layout.section_first[1]].kind, LineKind::Heading);
    }

    #[test]
    fn line_of_finds_the_line_of_a_byte() {
        let text = "alpha beta gamma delta epsilon zeta eta theta";
        let b = briefing(vec![(None, text)]);
        let layout = TextLayout::build(&b, 11);
        let at = text.find("theta").unwrap();
        let line = layout.lines[layout.line_of(0, at)];
        assert!(text[line.range()].contains("theta"));
        assert_eq!(layout.line_at(layout.position(2)), 2);
    }

    #[test]
    fn wide_characters_wrap_by_display_width() {
        let text = "日本語の文章はスペースなしで続きます。絵文字👍👍も";
        let b = briefing(vec![(None, text)]);
        let layout = TextLayout::build(&b, 10);
        assert!(layout.len() > 2);
        for line in &layout.lines {
            assert!(text[line.range()].width() <= 10, "{:?}", &text[line.range()]);
        }
    }

    #[test]
    fn width_one_and_empty_text_do_not_panic() {
        let b = briefing(vec![(Some("H"), "a\u{301}b 漢字 x"), (None, "")]);
        for w in 0..4 {
            let layout = TextLayout::build(&b, w);
            let _ = layout.line_of(1, 0);
            let _ = layout.line_of(7, 99);
        }
    }
}
