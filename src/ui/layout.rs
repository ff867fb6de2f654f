//! Where each pane goes for a terminal size. Pure, so the state can hit-test
//! clicks and size its scrolling with the same rectangles the drawing uses.

use ratatui::layout::Rect;

use super::action::Pane;

/// Below this the reader shows a "too small" message instead of panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width up, lists on the left and the text on the right.
pub const WIDE: u16 = 100;
/// From this width up (below [`WIDE`]), Sections and Actors side by side above Claims.
pub const SIDE_BY_SIDE: u16 = 60;
/// Columns of the text pane taken by the claim gutter.
pub const GUTTER: u16 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub title: Rect,
    pub status: Rect,
    /// Panes (with their borders); an empty rect when the pane is hidden.
    pub sections: Rect,
    pub actors: Rect,
    pub claims: Rect,
    pub text: Rect,
    pub too_small: bool,
}

impl Areas {
    pub fn new(size: Rect, focus: Pane, sections: usize) -> Areas {
        let mut areas = Areas::default();
        if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
            areas.too_small = true;
            return areas;
        }
        areas.title = Rect::new(size.x, size.y, size.width, 1);
        areas.status = Rect::new(size.x, size.bottom() - 1, size.width, 1);
        let body = Rect::new(size.x, size.y + 1, size.width, size.height - 2);
        if size.width >= WIDE {
            let left_w = (size.width * 3 / 10).clamp(30, 44);
            let left = Rect::new(body.x, body.y, left_w, body.height);
            let right = Rect::new(body.x + left_w, body.y, body.width - left_w, body.height);
            let wanted = sections as u16 + 2;
            let sections_h = wanted.min(left.height / 2).max(3);
            areas.sections = Rect::new(left.x, left.y, left.width, sections_h);
            areas.actors = Rect::new(left.x, left.y + sections_h, left.width, left.height - sections_h);
            let claims_pct = if focus == Pane::Claims { 55 } else { 38 };
            let claims_h = (right.height * claims_pct / 100)
                .max(6.min(right.height / 2))
                .min(right.height / 2 + right.height / 4);
            let text_h = right.height - claims_h;
            areas.text = Rect::new(right.x, right.y, right.width, text_h);
            areas.claims = Rect::new(right.x, right.y + text_h, right.width, claims_h);
        } else {
            areas.stacked(body, focus);
        }
        areas
    }

    /// Narrower than [`WIDE`]: the lists above the text. From [`SIDE_BY_SIDE`] columns
    /// Sections and Actors share a band, so no list is squeezed to one row at 80×24;
    /// the focused list takes the larger share.
    fn stacked(&mut self, body: Rect, focus: Pane) {
        let text_h = if focus == Pane::Text {
            body.height * 6 / 10
        } else {
            body.height / 2
        };
        let lists_h = body.height - text_h;
        let lists = Rect::new(body.x, body.y, body.width, lists_h);
        self.text = Rect::new(body.x, body.y + lists_h, body.width, text_h);
        let big = if focus == Pane::Text { Pane::Claims } else { focus };
        if body.width >= SIDE_BY_SIDE && lists_h >= 8 {
            let band_h = match focus {
                Pane::Sections | Pane::Actors => lists_h * 6 / 10,
                Pane::Claims => lists_h * 4 / 10,
                Pane::Text => lists_h / 2,
            }
            .max(4);
            let sections_w = (body.width * 2 / 5).min(36);
            self.sections = Rect::new(lists.x, lists.y, sections_w, band_h);
            self.actors = Rect::new(lists.x + sections_w, lists.y, lists.width - sections_w, band_h);
            self.claims = Rect::new(lists.x, lists.y + band_h, lists.width, lists_h - band_h);
            return;
        }
        let collapsed = 3;
        if lists_h >= collapsed * 2 + 4 {
            let mut y = lists.y;
            let big_h = lists_h - collapsed * 2;
            for pane in [Pane::Sections, Pane::Actors, Pane::Claims] {
                let h = if pane == big { big_h } else { collapsed };
                *self.pane_mut(pane) = Rect::new(lists.x, y, lists.width, h);
                y += h;
            }
        } else {
            // Too short for three lists: only the one in use.
            *self.pane_mut(big) = lists;
        }
    }

    pub fn pane(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Sections => self.sections,
            Pane::Actors => self.actors,
            Pane::Claims => self.claims,
            Pane::Text => self.text,
        }
    }

    fn pane_mut(&mut self, pane: Pane) -> &mut Rect {
        match pane {
            Pane::Sections => &mut self.sections,
            Pane::Actors => &mut self.actors,
            Pane::Claims => &mut self.claims,
            Pane::Text => &mut self.text,
        }
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let at = ratatui::layout::Position::new(column, row);
        Pane::ALL.into_iter().find(|&p| self.pane(p).contains(at))
    }

    /// Rows of content inside a pane's border.
    pub fn rows(&self, pane: Pane) -> usize {
        self.pane(pane).height.saturating_sub(2) as usize
    }

    /// Width the text is wrapped to: inside the border, less the gutter.
    pub fn text_width(&self) -> usize {
        self.text.width.saturating_sub(2 + GUTTER + 1) as usize
    }
}

/// The text width for a terminal width, whatever the focus (wrapping never depends on it).
pub fn text_width_for(size: Rect, sections: usize) -> usize {
    Areas::new(size, Pane::Sections, sections).text_width()
}

/// A popup rectangle centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Inside a popup's rounded border.
pub fn popup_inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x.saturating_add(1),
        rect.y.saturating_add(1),
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}

/// Where the briefing picker goes on a screen of `size`, for `rows` briefings.
pub fn picker_rect(size: Rect, rows: usize) -> Rect {
    let width = size.width.saturating_sub(6).min(100);
    let height = (rows as u16)
        .saturating_add(2)
        .max(5)
        .min(size.height.saturating_sub(4));
    centered(size, width, height)
}

/// The first row shown of a popup list `rows` high with the cursor on `cursor`.
pub fn popup_offset(cursor: usize, rows: usize) -> usize {
    cursor.saturating_sub(rows.saturating_sub(1))
}

/// Where the help goes on a screen of `size`.
pub fn help_rect(size: Rect) -> Rect {
    centered(
        size,
        size.width.saturating_sub(4).min(96),
        size.height.saturating_sub(2),
    )
}

/// Columns of help text inside its rect (border and a column of padding each side).
pub fn help_width(rect: Rect) -> usize {
    rect.width.saturating_sub(4) as usize
}

/// Rows of help text inside its rect.
pub fn help_height(rect: Rect) -> usize {
    rect.height.saturating_sub(2) as usize
}

/// Where a claim's details popup goes on a screen of `size`, for `rows` rows of
/// text: between the title and the status bar, as tall as it needs up to that.
pub fn details_rect(size: Rect, rows: usize) -> Rect {
    let body = Rect::new(size.x, size.y + 1, size.width, size.height.saturating_sub(2));
    let height = (rows as u16).saturating_add(2).min(body.height.saturating_sub(2));
    centered(body, details_width(size) as u16 + 2, height)
}

/// Columns of text inside the details popup (its width does not depend on the text).
pub fn details_width(size: Rect) -> usize {
    size.width.saturating_sub(6).min(88) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_fit_the_screen_and_do_not_overlap() {
        for (w, h) in [
            (40, 10),
            (80, 24),
            (99, 40),
            (100, 30),
            (200, 50),
            (41, 11),
            (300, 100),
        ] {
            let size = Rect::new(0, 0, w, h);
            for focus in Pane::ALL {
                let a = Areas::new(size, focus, 5);
                assert!(!a.too_small);
                let panes: Vec<Rect> = Pane::ALL
                    .iter()
                    .map(|&p| a.pane(p))
                    .filter(|r| !r.is_empty())
                    .collect();
                assert!(panes.contains(&a.text), "text shown at {w}x{h}");
                assert!(
                    !a.pane(focus).is_empty() || focus == Pane::Text,
                    "{focus:?} shown at {w}x{h}"
                );
                for r in &panes {
                    assert!(r.right() <= w && r.bottom() < h, "{r:?} in {w}x{h}");
                }
                for (i, r) in panes.iter().enumerate() {
                    for s in &panes[i + 1..] {
                        assert!(r.intersection(*s).is_empty(), "{r:?} overlaps {s:?} at {w}x{h}");
                    }
                }
            }
        }
    }

    #[test]
    fn text_width_does_not_depend_on_focus() {
        for w in [40, 80, 120, 200] {
            let size = Rect::new(0, 0, w, 30);
            let widths: Vec<usize> = Pane::ALL
                .iter()
                .map(|&p| Areas::new(size, p, 5).text_width())
                .collect();
            assert!(widths.windows(2).all(|p| p[0] == p[1]), "{widths:?}");
        }
    }

    #[test]
    fn at_80x24_no_list_is_squeezed_to_one_row() {
        for focus in Pane::ALL {
            let a = Areas::new(Rect::new(0, 0, 80, 24), focus, 5);
            for pane in [Pane::Sections, Pane::Actors, Pane::Claims] {
                let min = if pane == focus { 4 } else { 2 };
                assert!(a.rows(pane) >= min, "{pane:?} with {focus:?} focused: {a:?}");
            }
            assert!(a.rows(Pane::Text) >= 8, "{focus:?}: {a:?}");
        }
    }

    #[test]
    fn tiny_screens_are_too_small() {
        assert!(Areas::new(Rect::new(0, 0, 39, 30), Pane::Text, 5).too_small);
        assert!(Areas::new(Rect::new(0, 0, 1, 1), Pane::Text, 5).too_small);
    }
}
