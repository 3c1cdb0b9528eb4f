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
mod line_index;
pub mod sarif;

use crate::error::SourceError;
use crate::finding::{Finding, Level};
use crate::walk::InputError;
use serde::Serialize;
use std::sync::Arc;

pub use line_index::LineIndex;

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

/// A text for codespan with the lines and columns of [`LineIndex`]; codespan's
/// own `SimpleFile` knows only "\n", and would put a finding after a lone "\r"
/// on the wrong line (and count a byte-order mark as a column).
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
        Ok(self.index.text())
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
                max: self.index.lines() - 1,
            })
    }
}

/// Renders a configuration or rule error as a codespan diagnostic string.
pub fn source_error(err: &SourceError, color: bool) -> String {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    let file = SourceFile::new(err.path.as_str(), &err.source_text);
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
