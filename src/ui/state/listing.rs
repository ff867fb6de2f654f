//! What the lists of the full-screen library views (search, timeline, library
//! actors) and the briefing picker share: moving the cursor, the first item in
//! view, and which item a click lands on. Drawing is shared in `panes/listing.rs`.

use ratatui::layout::{Position, Rect};

use crate::ui::action::Command;

/// Where a full-screen view is drawn on a screen of `size`: between the title and the status bar.
pub fn view_rect(size: Rect) -> Rect {
    Rect::new(size.x, size.y + 1, size.width, size.height.saturating_sub(2))
}

/// The cursor after `command` over `len` items, `page` items to a page; `None`
/// when `command` is not a movement.
pub fn moved(cursor: usize, len: usize, command: Command, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let page = page.max(1);
    let to = match command {
        Command::Down => cursor.saturating_add(1),
        Command::Up => cursor.saturating_sub(1),
        Command::Top => 0,
        Command::Bottom => last,
        Command::PageDown => cursor.saturating_add(page),
        Command::PageUp => cursor.saturating_sub(page),
        Command::HalfPageDown => cursor.saturating_add((page / 2).max(1)),
        Command::HalfPageUp => cursor.saturating_sub((page / 2).max(1)),
        _ => return None,
    };
    Some(to.min(last))
}

/// The first item in view when `fits` items fit and the cursor is on `cursor`.
pub fn first_item(cursor: usize, fits: usize) -> usize {
    crate::ui::layout::popup_offset(cursor, fits.max(1))
}

/// How a full-screen view lays out its list: `heading` lines on top, then
/// `lines` lines an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub heading: usize,
    pub lines: usize,
}

impl Shape {
    /// How many items fit in `inner`.
    pub fn fits(self, inner: Rect) -> usize {
        ((inner.height as usize).saturating_sub(self.heading) / self.lines.max(1)).max(1)
    }

    /// The item under a click at (`column`, `row`) in a full-screen view on a
    /// screen of `size`, the cursor on `cursor`; `None` outside the items.
    pub fn item_at(self, size: Rect, cursor: usize, len: usize, column: u16, row: u16) -> Option<usize> {
        let inner = crate::ui::layout::popup_inner(view_rect(size));
        if !inner.contains(Position::new(column, row)) {
            return None;
        }
        let line = ((row - inner.y) as usize).checked_sub(self.heading)?;
        let at = first_item(cursor, self.fits(inner)) + line / self.lines.max(1);
        (at < len).then_some(at)
    }

    /// Items to a page on a screen of `size`.
    pub fn page(self, size: Rect) -> usize {
        self.fits(crate::ui::layout::popup_inner(view_rect(size)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movements_clamp_and_other_commands_are_none() {
        assert_eq!(moved(0, 5, Command::Up, 3), Some(0));
        assert_eq!(moved(4, 5, Command::Down, 3), Some(4));
        assert_eq!(moved(1, 5, Command::PageDown, 3), Some(4));
        assert_eq!(moved(4, 5, Command::HalfPageUp, 4), Some(2));
        assert_eq!(moved(2, 5, Command::Bottom, 3), Some(4));
        assert_eq!(moved(0, 0, Command::Down, 3), Some(0));
        assert_eq!(moved(0, 5, Command::Follow, 3), None);
    }

    #[test]
    fn a_click_finds_the_item_under_it_below_the_heading() {
        let size = Rect::new(0, 0, 80, 24);
        let shape = Shape { heading: 1, lines: 3 };
        // Inner area starts at row 2 (title bar, border); the heading takes row 2.
        assert_eq!(shape.item_at(size, 0, 10, 5, 2), None);
        assert_eq!(shape.item_at(size, 0, 10, 5, 3), Some(0));
        assert_eq!(shape.item_at(size, 0, 10, 5, 6), Some(1));
        assert_eq!(shape.item_at(size, 0, 1, 5, 6), None, "past the last item");
        assert_eq!(shape.item_at(size, 0, 10, 0, 6), None, "on the border");
    }
}
