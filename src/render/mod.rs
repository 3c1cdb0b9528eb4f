//! Output formats. Each format is one module with a `render` function that
//! writes a whole [`Report`]; none of them decides what is wrong.
//!
//! Positions are computed here from byte spans: lines and columns are 1-based;
//! `column` counts characters, `column_byte` UTF-8 bytes and `column_utf16`
//! UTF-16 code units (what LSP clients and VS Code count).

pub mod checkstyle;
pub mod github;
pub mod human;
pub mod json;
pub mod line;
pub mod sarif;

use crate::error::SourceError;
use crate::finding::{Finding, Level};
use crate::walk::InputError;
use serde::Serialize;
use std::sync::Arc;

/// Findings of one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// Path as shown.
    pub path: String,
    /// The file's text.
    pub text: Arc<str>,
    /// Sorted findings.
    pub findings: Vec<Finding>,
}

/// Everything one `check` run has to say.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Files checked, sorted by path.
    pub files: Vec<FileReport>,
    /// Files that could not be checked.
    pub input_errors: Vec<InputError>,
    /// The rules that ran (for formats that describe them, such as SARIF).
    pub rules: Vec<crate::rule::RuleMeta>,
}

impl Report {
    /// Number of findings at each level: (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for f in self.files.iter().flat_map(|f| &f.findings) {
            match f.level {
                Level::Error => c.0 += 1,
                Level::Warning => c.1 += 1,
                Level::Info => c.2 += 1,
            }
        }
        c
    }

    /// True when a finding is at or above `level`.
    pub fn fails(&self, level: Level) -> bool {
        self.files
            .iter()
            .flat_map(|f| &f.findings)
            .any(|f| f.level >= level)
    }
}

/// A position in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// 1-based column in UTF-8 bytes.
    pub column_byte: usize,
    /// 1-based column in UTF-16 code units.
    pub column_utf16: usize,
}

/// Line starts of a text, for byte offset → line/column. A line ends at
/// "\n", "\r\n" or a lone "\r" (old Mac files, some CMS exports), as LSP
/// counts lines too.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let starts = std::iter::once(0)
            .chain(bytes.iter().enumerate().filter_map(|(i, &b)| {
                (b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))).then_some(i + 1)
            }))
            .collect();
        LineIndex { text, starts }
    }

    /// The 0-based line holding byte `offset` (clamped to the text).
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset.min(self.text.len()))
            - 1
    }

    /// The byte range of 0-based `line`, its line break included; `None` past
    /// the last line.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let start = |l: usize| match l.cmp(&self.starts.len()) {
            std::cmp::Ordering::Less => Some(self.starts[l]),
            std::cmp::Ordering::Equal => Some(self.text.len()),
            std::cmp::Ordering::Greater => None,
        };
        Some(start(line)?..start(line + 1)?)
    }

    /// The position of byte `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let mut before = &self.text[self.starts[line]..offset];
        if line == 0 {
            // A byte-order mark is not a column: editors hide it.
            before = before.strip_prefix('\u{feff}').unwrap_or(before);
        }
        Position {
            line: line + 1,
            column: before.chars().count() + 1,
            column_byte: before.len() + 1,
            column_utf16: before.encode_utf16().count() + 1,
        }
    }
}

/// A text for codespan with the line breaks of [`LineIndex`]; codespan's own
/// `SimpleFile` knows only "\n", and would put a finding after a lone "\r" on
/// the wrong line.
pub struct SourceFile<'a> {
    name: &'a str,
    index: LineIndex<'a>,
}

impl<'a> SourceFile<'a> {
    /// The file `name` holding `text`.
    pub fn new(name: &'a str, text: &'a str) -> Self {
        SourceFile {
            name,
            index: LineIndex::new(text),
        }
    }
}

impl<'a> codespan_reporting::files::Files<'a> for SourceFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.index.text)
    }

    fn line_index(
        &'a self,
        (): (),
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.index.line_of(byte))
    }

    fn column_number(
        &'a self,
        (): (),
        _line: usize,
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.index.position(byte).column)
    }

    fn line_range(
        &'a self,
        (): (),
        line: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        self.index
            .line_range(line)
            .ok_or(codespan_reporting::files::Error::LineTooLarge {
                given: line,
                max: self.index.starts.len() - 1,
            })
    }
}

/// Renders a configuration or rule error as a codespan diagnostic string.
pub fn source_error(err: &SourceError, color: bool) -> String {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::files::SimpleFile;
    let file = SimpleFile::new(err.path.as_str(), &*err.source_text);
    let mut d = Diagnostic::error().with_message(&err.message);
    if let Some(span) = &err.span {
        let span = span.start.min(err.source_text.len())..span.end.min(err.source_text.len());
        d = d.with_labels(vec![Label::primary((), span)]);
    } else {
        d = d.with_notes(vec![format!("in {}", err.path)]);
    }
    if let Some(help) = &err.help {
        d.notes.push(format!("help: {help}"));
    }
    human::emit(&file, &d, color)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_bytes_and_utf16() {
        let t = "a\n“Rusian” 😀x";
        let idx = LineIndex::new(t);
        let p = idx.position(t.find('x').unwrap());
        assert_eq!(p.line, 2);
        assert_eq!(p.column, 11);
        assert_eq!(p.column_byte, 18);
        assert_eq!(p.column_utf16, 12);
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
}
