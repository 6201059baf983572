//! A display list painted in slices: the painter plays it unit by unit and may stop between
//! two units (when a frame's time is spent) and go on later from where it stood, so that a
//! base of many shapes is drawn over several tasks instead of one long one.
//!
//! A unit is a few shapes of a [`Cmd::Shapes`], a few thousand points of a [`Cmd::Dots`], or
//! one whole command of any other kind: small enough that the clock is read often, large
//! enough that reading it costs nothing beside the drawing.

use std::ops::Range;

use super::Cmd;

/// Shapes drawn between two looks at the clock.
pub const SHAPES_PER_UNIT: usize = 4;

/// Points of a [`Cmd::Dots`] drawn as one path between two looks at the clock.
pub const DOTS_PER_UNIT: usize = 1_000;

/// Where a painting in slices stands: the next command, and the next item within it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Index of the command.
    pub cmd: usize,
    /// Index of the first item of that command not yet drawn.
    pub item: usize,
}

/// How many items a command has (shapes, points; one for any other kind), and how many of
/// them one unit draws.
fn items_of(cmd: &Cmd) -> (usize, usize) {
    match cmd {
        Cmd::Shapes { items, .. } => (items.len(), SHAPES_PER_UNIT),
        Cmd::Dots { points, .. } => (points.len(), DOTS_PER_UNIT),
        _ => (1, 1),
    }
}

/// The units of `cmds` from a cursor on: each the index of its command and the range of that
/// command's items it draws (`0..1` for a command without items).
#[derive(Debug, Clone)]
pub struct Units<'a> {
    cmds: &'a [Cmd],
    at: Cursor,
}

impl<'a> Units<'a> {
    /// The units left from `at`.
    pub fn from(cmds: &'a [Cmd], at: Cursor) -> Self {
        Units { cmds, at }
    }

    /// Where the next unit starts; `None` when every unit is drawn.
    pub fn left(&self) -> Option<Cursor> {
        (self.at.cmd < self.cmds.len()).then_some(self.at)
    }
}

impl Iterator for Units<'_> {
    type Item = (usize, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let cmd = self.cmds.get(self.at.cmd)?;
        let (len, per) = items_of(cmd);
        let (i, start) = (self.at.cmd, self.at.item.min(len));
        let end = (start + per).min(len);
        self.at = if end >= len {
            Cursor {
                cmd: i + 1,
                item: 0,
            }
        } else {
            Cursor { cmd: i, item: end }
        };
        Some((i, start..end))
    }
}
