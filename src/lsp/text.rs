//! Text positions for LSP: UTF-16 line/character ↔ byte offsets, incremental edits, file URIs.

use crate::render::LineIndex;
use lsp_types::{Position, Range};
use std::path::PathBuf;

/// The byte offset of a UTF-16 position (clamped to the line and the text).
/// Lines end at `\n`, `\r\n` or `\r`, as LSP counts them.
pub fn offset_at(text: &str, pos: Position) -> usize {
    offset_of(&LineIndex::new(text), pos)
}

/// [`offset_at`] with an index of the text built once.
pub(super) fn offset_of(idx: &LineIndex<'_>, pos: Position) -> usize {
    idx.offset_utf16(pos.line as usize, pos.character as usize)
}

/// The UTF-16 position of a byte offset.
pub fn position_of(text: &str, offset: usize) -> Position {
    position_in(&LineIndex::new(text), offset)
}

/// [`position_of`] with an index of the text built once.
pub(super) fn position_in(idx: &LineIndex<'_>, offset: usize) -> Position {
    let p = idx.position(offset);
    Position {
        line: p.line as u32 - 1,
        character: p.column_utf16 as u32 - 1,
    }
}

/// Applies one `didChange` content change (a range edit, or the whole text).
pub fn apply_change(text: &mut String, range: Option<Range>, new_text: &str) {
    match range {
        Some(r) => {
            let (start, end) = (offset_at(text, r.start), offset_at(text, r.end));
            text.replace_range(start..end.max(start), new_text);
        }
        None => *text = new_text.to_string(),
    }
}

/// The path of a `file://` URI, percent-decoded.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let hex = |b: u8| char::from(b).to_digit(16);
    while i < bytes.len() {
        // A `%` not followed by two hex digits is kept as it is (the bytes after
        // it may be any UTF-8, so they are never sliced as a string).
        if bytes[i] == b'%'
            && let Some(&[hi, lo]) = bytes.get(i + 1..i + 3)
            && let (Some(hi), Some(lo)) = (hex(hi), hex(lo))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions_round_trip() {
        let t = "a\n😀 “Rusian” x\n";
        let at = t.find("Rusian").unwrap();
        let p = position_of(t, at);
        assert_eq!((p.line, p.character), (1, 4));
        assert_eq!(offset_at(t, p), at);
        assert_eq!(
            offset_at(
                t,
                Position {
                    line: 9,
                    character: 0
                }
            ),
            t.len()
        );
    }

    #[test]
    fn issue_9_lone_cr_ends_a_line_for_the_editor_too() {
        let t = "Headline\rThe Rusian envoy.\r\nEnd";
        let at = t.find("Rusian").unwrap();
        let p = position_of(t, at);
        assert_eq!((p.line, p.character), (1, 4));
        assert_eq!(offset_at(t, p), at);
        let end_of_line = Position {
            line: 1,
            character: 99,
        };
        assert_eq!(offset_at(t, end_of_line), t.find("\r\n").unwrap());
    }

    #[test]
    fn incremental_changes_apply_in_utf16() {
        let mut t = "😀 Rusian envoy\n".to_string();
        let r = Range {
            start: Position {
                line: 0,
                character: 3,
            },
            end: Position {
                line: 0,
                character: 9,
            },
        };
        apply_change(&mut t, Some(r), "Russian");
        assert_eq!(t, "😀 Russian envoy\n");
        apply_change(&mut t, None, "new");
        assert_eq!(t, "new");
    }

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            uri_to_path("file:///tmp/my%20story.md"),
            Some(PathBuf::from("/tmp/my story.md"))
        );
        assert_eq!(uri_to_path("untitled:1"), None);
        // A `%` before a multi-byte character is not an escape (this panicked).
        assert_eq!(
            uri_to_path("file:///tmp/%a\u{e9}.md"),
            Some(PathBuf::from("/tmp/%a\u{e9}.md"))
        );
        assert_eq!(
            uri_to_path("file:///tmp/100%"),
            Some(PathBuf::from("/tmp/100%"))
        );
    }
}
