//! The text layout cache: sections wrapped per width into lines that remember
//! which bytes of the section (or its heading) they show. Scrolling, highlighting
//! and "scroll to this claim" are binary searches over these lines; drawing
//! touches only the visible ones. A big briefing is wrapped lazily, a paragraph
//! at a time around the view, so a 50 MB section opens and resizes at once.

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;

use crate::model::Briefing;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineKind {
    /// A line of the section heading (`start..end` index the heading).
    Heading,
    /// A line of the section text (`start..end` index the text).
    Body,
    /// Space between paragraphs or sections.
    #[default]
    Blank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

/// Below this much text a briefing is wrapped whole when laid out (exact line
/// numbers at once); above it, lazily around the view.
const EAGER_BYTES: usize = 256 * 1024;
/// In lazy layouts, hard lines longer than this are wrapped in pieces, so one
/// enormous paragraph costs no more than its neighbourhood. Each piece starts
/// a new line (a slightly short line every 8 KiB of an unbroken paragraph).
const CHUNK_BYTES: usize = 8 * 1024;

/// A unit of the layout, independent of the width: a blank line, or a hard line
/// (or piece of one) of a heading or text, wrapped when first needed.
#[derive(Debug, Clone, Copy)]
struct Block {
    line: TextLine,
    /// Characters, for estimating the lines of a block not wrapped yet.
    chars: usize,
}

impl Block {
    fn estimate(&self, width: usize) -> usize {
        if self.line.kind == LineKind::Blank {
            return 1;
        }
        // Whole words leave the ends of lines a little short.
        self.chars.div_ceil((width - width / 8).max(1)).max(1)
    }
}

/// A briefing wrapped to one width. Small briefings are wrapped whole; big ones
/// lazily: blocks near the view are wrapped ([`settle`](Self::settle)), the others
/// count estimated lines, so line numbers far from the view are approximate until
/// they are known ([`is_exact`](Self::is_exact)). Positions as (section, byte)
/// are exact everywhere and survive re-wrapping.
#[derive(Debug, Clone, Default)]
pub struct TextLayout {
    pub width: usize,
    blocks: Vec<Block>,
    /// First block of each section (its heading, or its first text line).
    section_block: Vec<usize>,
    /// The lines of each wrapped text block; `None` while estimated.
    wrapped: Vec<Option<Box<[TextLine]>>>,
    /// Lines per block, exact or estimated.
    counts: Fenwick,
    /// Text blocks not wrapped yet.
    unwrapped: usize,
    /// Wrapped whole at every width (a small briefing).
    eager: bool,
}

impl TextLayout {
    pub fn build(briefing: &Briefing, width: usize) -> TextLayout {
        let bytes = briefing
            .sections
            .iter()
            .map(|s| s.text.len() + s.heading.as_ref().map_or(0, String::len))
            .sum::<usize>();
        let eager = bytes <= EAGER_BYTES;
        let mut layout = TextLayout::blocks_of(briefing, if eager { usize::MAX } else { CHUNK_BYTES });
        layout.eager = eager;
        layout.set_width(briefing, width);
        layout
    }

    /// A lazy layout whatever the size, with pieces of `chunk` bytes (for tests).
    #[cfg(test)]
    fn build_lazy(briefing: &Briefing, width: usize, chunk: usize) -> TextLayout {
        let mut layout = TextLayout::blocks_of(briefing, chunk);
        layout.set_width(briefing, width);
        layout
    }

    fn blocks_of(briefing: &Briefing, chunk: usize) -> TextLayout {
        let mut blocks = Vec::new();
        let mut section_block = Vec::with_capacity(briefing.sections.len());
        let blank = |section, at| Block {
            line: TextLine {
                section,
                kind: LineKind::Blank,
                start: at,
                end: at,
            },
            chars: 0,
        };
        for (s, section) in briefing.sections.iter().enumerate() {
            if s > 0 {
                // Space after the previous section belongs to it.
                blocks.push(blank(s - 1, briefing.sections[s - 1].text.len()));
            }
            section_block.push(blocks.len());
            if let Some(heading) = &section.heading {
                push_pieces(heading, 0, chunk, s, LineKind::Heading, &mut blocks);
                blocks.push(blank(s, 0));
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
                    blocks.push(blank(s, start));
                    pending_blank = false;
                }
                push_pieces(trimmed.trim_end(), start, chunk, s, LineKind::Body, &mut blocks);
                any = true;
            }
        }
        TextLayout {
            blocks,
            section_block,
            ..TextLayout::default()
        }
    }

    /// Re-wraps `briefing` (the one laid out) for another width. In a lazy layout
    /// every block is estimated again and nothing is wrapped: the caller settles the view.
    pub fn set_width(&mut self, briefing: &Briefing, width: usize) {
        let width = width.max(1);
        self.width = width;
        self.wrapped = vec![None; self.blocks.len()];
        let counts: Vec<usize> = self.blocks.iter().map(|b| b.estimate(width)).collect();
        self.counts = Fenwick::new(&counts);
        self.unwrapped = self
            .blocks
            .iter()
            .filter(|b| b.line.kind != LineKind::Blank)
            .count();
        if self.eager {
            for b in 0..self.blocks.len() {
                self.wrap_block(briefing, b);
            }
        }
    }

    /// Wraps block `b` if it is not yet; returns how many lines it gained (or lost).
    fn wrap_block(&mut self, briefing: &Briefing, b: usize) -> isize {
        let (Some(block), Some(None)) = (self.blocks.get(b), self.wrapped.get(b)) else {
            return 0;
        };
        if block.line.kind == LineKind::Blank {
            return 0;
        }
        let lines = wrap_block_lines(briefing, block, self.width);
        let delta = lines.len() as isize - self.counts.get(b) as isize;
        self.counts.add(b, delta);
        self.wrapped[b] = Some(lines.into_boxed_slice());
        self.unwrapped -= 1;
        delta
    }

    /// Wraps the blocks around the view starting at line `*top` (`rows` high): a
    /// screen above, two below, and the last screen when the view is near the end.
    /// `*top` is moved so that it still shows the same text (or still the end).
    pub fn settle(&mut self, briefing: &Briefing, top: &mut usize, rows: usize) {
        if self.unwrapped == 0 || self.blocks.is_empty() {
            return;
        }
        let rows = rows.max(1);
        // A view showing the end keeps showing it, however long the end turns out.
        let at_end = *top + rows >= self.len();
        // The view is anchored to a line of a block, which other blocks do not move.
        let (anchor, mut offset) = self.counts.find((*top).min(self.len().saturating_sub(1)));
        if self.wrapped[anchor].is_none() {
            let byte = self.estimated_line(anchor, offset).start;
            self.wrap_block(briefing, anchor);
            if let Some(lines) = &self.wrapped[anchor] {
                offset = lines.partition_point(|l| l.start <= byte).saturating_sub(1);
            }
        }
        let mut above = offset;
        for b in (0..anchor).rev() {
            if above >= rows {
                break;
            }
            self.wrap_block(briefing, b);
            above += self.counts.get(b);
        }
        let mut below = self.counts.get(anchor) - offset;
        for b in anchor + 1..self.blocks.len() {
            if below >= 2 * rows {
                break;
            }
            self.wrap_block(briefing, b);
            below += self.counts.get(b);
        }
        if self.len().saturating_sub(self.counts.prefix(anchor) + offset) <= 3 * rows {
            let mut tail = 0;
            for b in (0..self.blocks.len()).rev() {
                if tail >= rows {
                    break;
                }
                self.wrap_block(briefing, b);
                tail += self.counts.get(b);
            }
        }
        *top = self.counts.prefix(anchor) + offset;
        if at_end {
            *top = self.len().saturating_sub(rows);
        }
    }

    /// Wraps the block showing a position, so that [`line_at`](Self::line_at) is exact there.
    pub fn wrap_at(&mut self, briefing: &Briefing, (section, byte): (usize, usize)) {
        if !self.blocks.is_empty() {
            let b = if byte == 0 {
                self.section_block.get(section).copied().unwrap_or(0)
            } else {
                self.block_of(section, byte)
            };
            self.wrap_block(briefing, b);
        }
    }

    /// Whether every line is known (no block is estimated).
    pub fn is_exact(&self) -> bool {
        self.unwrapped == 0
    }

    /// Lines in all: exact when [`is_exact`](Self::is_exact), else approximate.
    pub fn len(&self) -> usize {
        self.counts.total()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Sections laid out.
    pub fn sections(&self) -> usize {
        self.section_block.len()
    }

    /// The first line of section `s` (its heading, or its first text line).
    pub fn section_first(&self, s: usize) -> Option<usize> {
        self.section_block.get(s).map(|&b| self.counts.prefix(b))
    }

    /// Line `line`, if it is laid out (lines of blocks not wrapped yet are not).
    pub fn line(&self, line: usize) -> Option<TextLine> {
        let (b, k) = self.counts.find(line);
        let block = self.blocks.get(b)?;
        match self.wrapped.get(b)? {
            _ if block.line.kind == LineKind::Blank => Some(block.line),
            Some(lines) => lines.get(k).copied(),
            None => None,
        }
    }

    /// Up to `rows` lines from line `top`, wrapping (without keeping) blocks that
    /// are not laid out yet; after [`settle`](Self::settle) none needs it.
    pub fn visible(&self, briefing: &Briefing, top: usize, rows: usize) -> Vec<TextLine> {
        let mut out = Vec::with_capacity(rows);
        if top >= self.len() {
            return out;
        }
        let (mut b, mut k) = self.counts.find(top);
        while out.len() < rows && b < self.blocks.len() {
            let block = &self.blocks[b];
            match &self.wrapped[b] {
                _ if block.line.kind == LineKind::Blank => out.push(block.line),
                Some(lines) => out.extend(lines.iter().skip(k).take(rows - out.len())),
                None => {
                    let lines = wrap_block_lines(briefing, block, self.width);
                    let k = k.min(lines.len().saturating_sub(1));
                    out.extend(lines.iter().skip(k).take(rows - out.len()));
                }
            }
            b += 1;
            k = 0;
        }
        out
    }

    /// The block holding byte `byte` of the text of `section` (the last starting at or before it).
    fn block_of(&self, section: usize, byte: usize) -> usize {
        let key = (section, 1u8, byte);
        self.blocks
            .partition_point(|b| b.line.key() <= key)
            .saturating_sub(1)
    }

    /// The line showing byte `byte` of the text of `section` (the last line starting at
    /// or before it); inside a block not wrapped yet, an estimate.
    pub fn line_of(&self, section: usize, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return 0;
        }
        let b = self.block_of(section, byte);
        let block = &self.blocks[b];
        let first = self.counts.prefix(b);
        let line = match &self.wrapped[b] {
            Some(lines) => {
                let key = (section, 1u8, byte);
                first + lines.partition_point(|l| l.key() <= key).saturating_sub(1)
            }
            None => {
                let count = self.counts.get(b);
                let into = byte.saturating_sub(block.line.start);
                let len = (block.line.end - block.line.start).max(1);
                first + (into * count / len).min(count.saturating_sub(1))
            }
        };
        // Never land in an earlier section when the byte is before its first text line.
        match self.section_first(section) {
            Some(first) if line < first => first,
            _ => line.min(self.len().saturating_sub(1)),
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
        let (b, _) = self.counts.find(line.min(self.len().saturating_sub(1)));
        self.blocks.get(b).map_or(0, |b| b.line.section)
    }

    /// A position that survives re-wrapping: the section and byte at the start of
    /// `line` (inside a block not wrapped yet, an estimate; see [`settle`](Self::settle)).
    pub fn position(&self, line: usize) -> (usize, usize) {
        let (b, k) = self.counts.find(line);
        let Some(block) = self.blocks.get(b) else {
            return (0, 0);
        };
        let l = match self.wrapped.get(b) {
            Some(Some(lines)) => lines.get(k).copied().unwrap_or(block.line),
            _ => self.estimated_line(b, k),
        };
        match l.kind {
            LineKind::Heading => (l.section, 0),
            _ => (l.section, l.start),
        }
    }

    /// Line `k` of block `b`, not wrapped yet: where it would roughly start.
    fn estimated_line(&self, b: usize, k: usize) -> TextLine {
        let line = self.blocks.get(b).map_or(TextLine::default(), |b| b.line);
        let count = self.counts.get(b).max(1);
        let len = line.end - line.start;
        TextLine {
            start: line.start + len * k.min(count - 1) / count,
            ..line
        }
    }

    /// The line of a position from [`position`](Self::position), at this width.
    pub fn line_at(&self, (section, byte): (usize, usize)) -> usize {
        if byte == 0 {
            return self.section_first(section).unwrap_or(0);
        }
        self.line_of(section, byte)
    }
}

/// Sums of line counts per block: the first line of a block and the block of a
/// line in O(log blocks), however many blocks change from estimated to wrapped.
#[derive(Debug, Clone, Default)]
struct Fenwick {
    /// 1-based: `tree[i]` sums the `i & -i` counts ending at block `i - 1`.
    tree: Vec<usize>,
    counts: Vec<usize>,
}

impl Fenwick {
    fn new(counts: &[usize]) -> Fenwick {
        let mut tree = vec![0; counts.len() + 1];
        for (i, &c) in counts.iter().enumerate() {
            let i = i + 1;
            tree[i] += c;
            let parent = i + (i & i.wrapping_neg());
            if parent < tree.len() {
                tree[parent] += tree[i];
            }
        }
        Fenwick {
            tree,
            counts: counts.to_vec(),
        }
    }

    fn get(&self, i: usize) -> usize {
        self.counts.get(i).copied().unwrap_or(0)
    }

    fn add(&mut self, i: usize, delta: isize) {
        let Some(count) = self.counts.get_mut(i) else {
            return;
        };
        *count = count.wrapping_add_signed(delta);
        let mut i = i + 1;
        while i < self.tree.len() {
            self.tree[i] = self.tree[i].wrapping_add_signed(delta);
            i += i & i.wrapping_neg();
        }
    }

    /// Lines before block `i`.
    fn prefix(&self, i: usize) -> usize {
        let mut i = i.min(self.counts.len());
        let mut sum = 0;
        while i > 0 {
            sum += self.tree[i];
            i &= i - 1;
        }
        sum
    }

    fn total(&self) -> usize {
        self.prefix(self.counts.len())
    }

    /// The block showing line `line` and the line's offset in it; past the end,
    /// (number of blocks, lines past).
    fn find(&self, line: usize) -> (usize, usize) {
        let n = self.counts.len();
        let mut pos = 0;
        let mut rest = line;
        let mut step = n.checked_ilog2().map_or(0, |l| 1usize << l);
        while step > 0 {
            if pos + step <= n && self.tree[pos + step] <= rest {
                pos += step;
                rest -= self.tree[pos];
            }
            step >>= 1;
        }
        (pos, rest)
    }
}

/// Splits one hard line into blocks of at most about `chunk` bytes, at spaces where it can.
fn push_pieces(
    text: &str,
    base: usize,
    chunk: usize,
    section: usize,
    kind: LineKind,
    blocks: &mut Vec<Block>,
) {
    let mut rest = text;
    let mut at = base;
    while !rest.is_empty() {
        let mut cut = rest.len();
        if rest.len() > chunk {
            let mut hard = chunk;
            while !rest.is_char_boundary(hard) {
                hard -= 1;
            }
            let space = rest.as_bytes()[chunk / 2..hard.max(chunk / 2)]
                .iter()
                .rposition(|&c| c == b' ');
            cut = space.map_or(hard, |i| chunk / 2 + i);
            if cut == 0 {
                // A character longer than the chunk.
                cut = rest.char_indices().nth(1).map_or(rest.len(), |(i, _)| i);
            }
        }
        let piece = rest[..cut].trim_end();
        blocks.push(Block {
            line: TextLine {
                section,
                kind,
                start: at,
                end: at + piece.len(),
            },
            chars: piece.chars().count(),
        });
        let next = rest[cut..].trim_start();
        at += rest.len() - next.len();
        rest = next;
    }
}

/// The wrapped lines of one text block (at least one).
fn wrap_block_lines(briefing: &Briefing, block: &Block, width: usize) -> Vec<TextLine> {
    let l = block.line;
    let source = briefing.sections.get(l.section).map(|s| match l.kind {
        LineKind::Heading => s.heading.as_deref().unwrap_or(""),
        _ => s.text.as_str(),
    });
    let text = source.and_then(|s| s.get(l.range())).unwrap_or("");
    let mut lines = Vec::new();
    wrap_into(text, l.start, width, l.section, l.kind, &mut lines);
    if lines.is_empty() {
        lines.push(TextLine { end: l.start, ..l });
    }
    lines
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

    fn all_lines(layout: &TextLayout) -> Vec<TextLine> {
        (0..layout.len())
            .map(|l| layout.line(l).expect("laid out"))
            .collect()
    }

    #[test]
    fn lines_cover_the_text_in_order_and_fit_the_width() {
        let text = "One two three four five six seven eight nine ten.\n\nEleven twelve thirteen.";
        let b = briefing(vec![(None, text), (Some("A heading that is long"), "Short.")]);
        let layout = TextLayout::build(&b, 12);
        let mut last = (0, 0, 0);
        for line in &all_lines(&layout) {
            assert!(line.key() >= last, "{line:?} out of order");
            last = line.key();
            let src = match line.kind {
                LineKind::Heading => b.sections[line.section].heading.as_deref().unwrap_or(""),
                _ => &b.sections[line.section].text,
            };
            assert!(src[line.range()].width() <= 12, "{:?}", &src[line.range()]);
        }
        let shown: Vec<&str> = all_lines(&layout)
            .iter()
            .filter(|l| l.kind == LineKind::Body && l.section == 0)
            .map(|l| &text[l.range()])
            .collect();
        assert_eq!(shown.join(" "), text.replace("\n\n", " "));
        assert_eq!(layout.sections(), 2);
        let first = layout.section_first(1).expect("section 1");
        assert_eq!(layout.line(first).expect("laid out").kind, LineKind::Heading);
    }

    #[test]
    fn line_of_finds_the_line_of_a_byte() {
        let text = "alpha beta gamma delta epsilon zeta eta theta";
        let b = briefing(vec![(None, text)]);
        let layout = TextLayout::build(&b, 11);
        let at = text.find("theta").unwrap();
        let line = layout.line(layout.line_of(0, at)).expect("laid out");
        assert!(text[line.range()].contains("theta"));
        assert_eq!(layout.line_at(layout.position(2)), 2);
    }

    #[test]
    fn wide_characters_wrap_by_display_width() {
        let text = "日本語の文章はスペースなしで続きます。絵文字👍👍も";
        let b = briefing(vec![(None, text)]);
        let layout = TextLayout::build(&b, 10);
        assert!(layout.len() > 2);
        for line in &all_lines(&layout) {
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

    /// `n` paragraphs of varied length, with a heading.
    fn long_briefing(n: usize) -> Briefing {
        let words = [
            "alpha", "beta", "gamma", "délta", "epsilon", "漢字", "zeta", "eta",
        ];
        let mut text = String::new();
        for p in 0..n {
            for w in 0..(p % 37) * 3 + 1 {
                text.push_str(words[(p + w) % words.len()]);
                text.push(' ');
            }
            text.push_str("end.\n\n");
        }
        briefing(vec![(Some("The heading"), &text), (None, "A last section.")])
    }

    fn wrapped_blocks(layout: &TextLayout) -> usize {
        layout.wrapped.iter().filter(|w| w.is_some()).count()
    }

    #[test]
    fn a_lazy_layout_wraps_only_around_the_view() {
        let b = long_briefing(2000);
        let mut layout = TextLayout::build_lazy(&b, 30, usize::MAX);
        assert_eq!(wrapped_blocks(&layout), 0);
        assert!(!layout.is_exact());
        let mut top = layout.len() / 2;
        layout.settle(&b, &mut top, 20);
        let wrapped = wrapped_blocks(&layout);
        assert!(
            wrapped > 0 && wrapped < 120,
            "{wrapped} blocks wrapped for a 20-row view"
        );
        assert!(!layout.is_exact());
        // Every line of the view and a screen either side is laid out.
        for line in top.saturating_sub(20)..top + 40 {
            assert!(
                layout.line(line).is_some(),
                "line {line} of the view not laid out"
            );
        }
        // Settling again changes nothing.
        let before = top;
        layout.settle(&b, &mut top, 20);
        assert_eq!((top, wrapped_blocks(&layout)), (before, wrapped));
    }

    #[test]
    fn settling_keeps_the_text_at_the_top_in_view() {
        let b = long_briefing(2000);
        let mut layout = TextLayout::build_lazy(&b, 25, usize::MAX);
        for fraction in [0, 1, 3, 5, 7] {
            let mut top = layout.len() * fraction / 8;
            let (section, byte) = layout.position(top);
            layout.settle(&b, &mut top, 10);
            let line = layout.line(top).expect("top laid out");
            let next = layout.line(top + 1).map_or(usize::MAX, |l| l.start);
            assert_eq!(line.section, section);
            if line.kind == LineKind::Heading {
                assert_eq!(byte, 0);
                continue;
            }
            assert!(
                line.start <= byte && (byte < next || line.kind == LineKind::Blank),
                "byte {byte} not at the top line {line:?}"
            );
        }
    }

    #[test]
    fn a_fully_settled_lazy_layout_equals_the_eager_one() {
        let b = long_briefing(300);
        let eager = TextLayout::build(&b, 17);
        let mut lazy = TextLayout::build_lazy(&b, 17, usize::MAX);
        assert_ne!(lazy.len(), 0);
        let mut top = 0;
        while !lazy.is_exact() {
            lazy.settle(&b, &mut top, 10);
            top += 10;
            assert!(top < 10 * eager.len(), "settling never finished");
        }
        assert_eq!(lazy.len(), eager.len(), "the estimate became the real count");
        assert_eq!(all_lines(&lazy), all_lines(&eager));
        for s in 0..2 {
            assert_eq!(lazy.section_first(s), eager.section_first(s));
        }
    }

    #[test]
    fn the_end_is_exact_after_settling_there() {
        let b = long_briefing(2000);
        let mut layout = TextLayout::build_lazy(&b, 40, usize::MAX);
        let mut top = layout.len().saturating_sub(10);
        layout.settle(&b, &mut top, 10);
        assert_eq!(top, layout.len() - 10, "the view stays at the end");
        let shown = layout.visible(&b, top, 10);
        assert_eq!(shown.len(), 10);
        let last = shown.last().expect("a last line");
        assert_eq!(
            (last.section, &b.sections[1].text[last.range()]),
            (1, "A last section.")
        );
    }

    #[test]
    fn visible_lines_need_no_settling() {
        let b = long_briefing(500);
        let layout = TextLayout::build_lazy(&b, 30, usize::MAX);
        let top = layout.len() / 3;
        let shown = layout.visible(&b, top, 12);
        assert_eq!(shown.len(), 12);
        for pair in shown.windows(2) {
            assert!(pair[0].key() <= pair[1].key(), "{pair:?} out of order");
        }
        assert_eq!(wrapped_blocks(&layout), 0, "drawing keeps nothing");
    }

    #[test]
    fn long_paragraphs_are_wrapped_in_pieces_at_spaces() {
        let text = "word ".repeat(2000) + &"長".repeat(3000);
        let b = briefing(vec![(None, text.as_str())]);
        let mut layout = TextLayout::build_lazy(&b, 20, 1000);
        assert!(layout.blocks.len() > 10);
        for block in &layout.blocks {
            let piece = &text[block.line.range()];
            assert!(piece.len() <= 1000, "a piece of {} bytes", piece.len());
            assert!(!piece.starts_with(' ') && !piece.ends_with(' '));
        }
        let mut top = 0;
        while !layout.is_exact() {
            layout.settle(&b, &mut top, 50);
            top += 50;
        }
        let shown: String = all_lines(&layout)
            .iter()
            .map(|l| text[l.range()].replace(' ', ""))
            .collect();
        assert_eq!(
            shown,
            text.replace(' ', ""),
            "every character shown once, in order"
        );
        for line in all_lines(&layout) {
            assert!(text[line.range()].width() <= 20);
        }
    }

    #[test]
    fn fenwick_sums_and_finds_like_a_plain_list() {
        let mut counts: Vec<usize> = (0..300).map(|i| (i * 7 + 3) % 11 + 1).collect();
        let mut tree = Fenwick::new(&counts);
        for step in 0..3 {
            for i in 0..=counts.len() {
                assert_eq!(tree.prefix(i), counts[..i].iter().sum::<usize>());
            }
            let mut line = 0;
            for (b, &c) in counts.iter().enumerate() {
                for k in 0..c {
                    assert_eq!(tree.find(line), (b, k));
                    line += 1;
                }
            }
            assert_eq!(tree.find(line), (counts.len(), 0));
            // Counts change as blocks are wrapped.
            let i = step * 97 % counts.len();
            tree.add(i, 5 - counts[i] as isize);
            counts[i] = 5;
        }
    }

    #[test]
    fn line_at_is_exact_where_wrapped() {
        let b = long_briefing(1500);
        let text = &b.sections[0].text;
        let starts: Vec<usize> = text.match_indices("end.").map(|(i, _)| i).step_by(37).collect();
        let mut layout = TextLayout::build_lazy(&b, 23, usize::MAX);
        for &byte in &starts {
            layout.wrap_at(&b, (0, byte));
            let at = layout.line_at((0, byte));
            let line = layout.line(at).expect("wrapped");
            assert!(line.start <= byte && byte < line.end, "{byte} not on {line:?}");
        }
        assert!(!layout.is_exact());
    }
}
