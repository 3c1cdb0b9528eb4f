//! Byte offsets ↔ line and column, built once per text.
//!
//! Every renderer, codespan (through [`super::SourceFile`] and the human
//! excerpt) and the language server turn byte spans into positions with this
//! one index, so they agree on two things:
//!
//! - a line ends at "\n", "\r\n" or a lone "\r" (old Mac files, some CMS
//!   exports), as LSP counts lines too;
//! - a byte-order mark at the start of the text is not a column: editors hide it.
//!
//! A rescan from the line start per finding is quadratic on one long line (a
//! 50 MB single-line article has millions of findings), so the index keeps
//! the line starts and, every [`STRIDE`] bytes, how many characters and UTF-16
//! units come before: a position costs a binary search and a scan of at most
//! `STRIDE` bytes, wherever it is.

use super::Position;

/// Bytes between checkpoints of the character and UTF-16 counts.
const STRIDE: usize = 512;

/// The byte-order mark, hidden from columns on the first line.
const BOM: &str = "\u{feff}";

/// Line starts and column checkpoints of a text.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// Byte offset of each line's end, line break excluded.
    ends: Vec<usize>,
    /// Characters and UTF-16 units before the char boundary at or before `k * STRIDE`.
    marks: Vec<(usize, usize, usize)>,
}

/// Characters and UTF-16 units in `bytes` (whole UTF-8 sequences). Most copy is ASCII,
/// which the standard library tells many bytes at a time: a byte each.
fn units(bytes: &[u8]) -> (usize, usize) {
    if bytes.is_ascii() {
        return (bytes.len(), bytes.len());
    }
    let chars = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    // A four-byte sequence is two UTF-16 units.
    let wide = bytes.iter().filter(|&&b| b >= 0xF0).count();
    (chars, chars + wide)
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let (mut starts, mut ends) = (vec![0], Vec::new());
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The "\n" of a "\r\n" ends the line the "\r" ended.
            if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
                continue;
            }
            let len = 1 + usize::from(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n'));
            ends.push(i);
            starts.push(i + len);
        }
        ends.push(text.len());
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let (mut at, mut chars, mut utf16) = (0, 0, 0);
        for k in 0..=text.len() / STRIDE {
            let mut next = k * STRIDE;
            while !text.is_char_boundary(next) {
                next -= 1;
            }
            let (c, u) = units(&bytes[at..next]);
            (at, chars, utf16) = (next, chars + c, utf16 + u);
            marks.push((at, chars, utf16));
        }
        LineIndex {
            text,
            starts,
            ends,
            marks,
        }
    }

    /// Number of lines (at least one).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of 0-based `line`, its line break included; `None` past
    /// the last line.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line)?;
        Some(
            start
                ..self
                    .starts
                    .get(line + 1)
                    .copied()
                    .unwrap_or(self.text.len()),
        )
    }

    /// The byte range of 0-based `line`, line break excluded (clamped to the
    /// last line).
    pub fn line_content(&self, line: usize) -> std::ops::Range<usize> {
        let line = line.min(self.lines() - 1);
        self.starts[line]..self.ends[line]
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Bytes of a byte-order mark that `line` starts with and columns skip
    /// (only the first line can have one).
    fn hidden(&self, line: usize) -> usize {
        if line == 0 && self.text.starts_with(BOM) {
            BOM.len()
        } else {
            0
        }
    }

    /// 0-based line of byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset.min(self.text.len()))
            - 1
    }

    /// Characters and UTF-16 units before byte `offset`.
    fn units_before(&self, offset: usize) -> (usize, usize) {
        let (at, chars, utf16) = self.marks[offset / STRIDE];
        let (c, u) = units(&self.text.as_bytes()[at..offset]);
        (chars + c, utf16 + u)
    }

    /// The position of byte `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let start = self.starts[line] + self.hidden(line);
        // Before or inside a byte-order mark is column 1, as right after it.
        let offset = offset.max(start);
        let (c0, u0) = self.units_before(start);
        let (c1, u1) = self.units_before(offset);
        Position {
            line: line + 1,
            column: c1 - c0 + 1,
            column_byte: offset - start + 1,
            column_utf16: u1 - u0 + 1,
        }
    }

    /// The byte offset of 0-based `line` and UTF-16 `column`; both are clamped
    /// (past the last line: the end of the text; past the line: its end), and
    /// a column inside a surrogate pair gives the character's start. Columns on
    /// the first line start after a byte-order mark, as [`Self::position`] counts.
    pub fn offset_utf16(&self, line: usize, column: usize) -> usize {
        if line >= self.lines() {
            return self.text.len();
        }
        let mut range = self.line_content(line);
        range.start += self.hidden(line);
        let target = self.units_before(range.start).1 + column;
        // The last checkpoint at or before the target, but not before the line.
        let k = self
            .marks
            .partition_point(|m| m.2 <= target)
            .saturating_sub(1);
        // A column past the line's end finds a checkpoint past it: start at the end.
        let mut at = self.marks[k].0.clamp(range.start, range.end);
        let mut units = self.units_before(at).1;
        for c in self.text[at..range.end].chars() {
            units += c.len_utf16();
            if units > target {
                return at;
            }
            at += c.len_utf8();
        }
        range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_9_a_column_past_the_end_of_a_short_line_is_its_end() {
        // Found by `cargo fuzz run lsp_transport` (an editor's didChange): a
        // column reaching past the next checkpoint started the scan beyond the
        // line's end, and slicing the text from there to the line's end panicked.
        let t = format!("short line\n{}\nlast", "x".repeat(3 * STRIDE));
        let idx = LineIndex::new(&t);
        for column in [11, STRIDE, STRIDE + 100, 3 * STRIDE, u32::MAX as usize] {
            assert_eq!(idx.offset_utf16(0, column), "short line".len(), "{column}");
        }
        assert_eq!(idx.offset_utf16(1, 5 * STRIDE), t.rfind('\n').unwrap());
        assert_eq!(idx.offset_utf16(2, 5 * STRIDE), t.len());
    }

    #[test]
    fn positions_count_chars_bytes_and_utf16() {
        let t = "a\n“Rusian” 😀x";
        let idx = LineIndex::new(t);
        let p = idx.position(t.find('x').unwrap());
        assert_eq!(p.line, 2);
        assert_eq!(p.column, 11);
        assert_eq!(p.column_byte, 18);
        assert_eq!(p.column_utf16, 12);
        assert_eq!(idx.offset_utf16(1, 11), t.find('x').unwrap());
    }

    #[test]
    fn issue_9_lone_cr_ends_a_line() {
        let t = "Headline\rThe top Rusian diplomat.\r\nNext\nlast";
        let idx = LineIndex::new(t);
        let p = idx.position(t.find("Rusian").unwrap());
        assert_eq!((p.line, p.column), (2, 9));
        assert_eq!(idx.position(t.find("Next").unwrap()).line, 3);
        assert_eq!(idx.position(t.find("last").unwrap()).line, 4);
        assert_eq!(idx.line_range(1), Some(9..35));
        assert_eq!(idx.line_range(3), Some(t.find("last").unwrap()..t.len()));
        assert_eq!(idx.line_range(4), None);
    }

    #[test]
    fn lines_end_at_cr_lf_and_crlf() {
        let t = "a\rb\r\nc\nd";
        let idx = LineIndex::new(t);
        let lines: Vec<&str> = (0..idx.lines()).map(|l| &t[idx.line_content(l)]).collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
        let whole: Vec<&str> = (0..idx.lines())
            .map(|l| &t[idx.line_range(l).unwrap()])
            .collect();
        assert_eq!(whole, ["a\r", "b\r\n", "c\n", "d"]);
        // Past the line's end: the end of its text, before the break.
        assert_eq!(idx.offset_utf16(1, 9), 3);
        assert_eq!(idx.offset_utf16(9, 0), t.len());
    }

    #[test]
    fn a_long_line_is_counted_from_checkpoints() {
        // Checkpoints fall inside multi-byte characters and the line starts mid-stride.
        let t = format!("x\n{}", "é😀a".repeat(3000));
        let idx = LineIndex::new(&t);
        for (i, _) in t.char_indices().step_by(97) {
            let p = idx.position(i);
            let line_start = t[..i].rfind('\n').map_or(0, |n| n + 1);
            let before = &t[line_start..i];
            assert_eq!(p.column, before.chars().count() + 1);
            assert_eq!(p.column_utf16, before.encode_utf16().count() + 1);
            assert_eq!(idx.offset_utf16(p.line - 1, p.column_utf16 - 1), i);
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column_and_round_trips() {
        let t = "\u{feff}Rusian\nx";
        let idx = LineIndex::new(t);
        let p = idx.position(3);
        assert_eq!(
            (p.line, p.column, p.column_byte, p.column_utf16),
            (1, 1, 1, 1)
        );
        // Before the mark is where the text starts, as after it.
        assert_eq!(idx.position(0), p);
        assert_eq!(idx.offset_utf16(0, 0), 3);
        assert_eq!(idx.offset_utf16(0, 3), 6);
        // Only the first line hides it.
        let q = idx.position(t.find('x').unwrap());
        assert_eq!((q.line, q.column), (2, 1));
    }
}
