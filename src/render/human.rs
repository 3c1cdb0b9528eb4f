//! `--format human`: compiler-style diagnostics with codespan-reporting.
//!
//! One function, [`diagnostic`], turns a finding into a codespan diagnostic;
//! the fix is the primary label's message, right under the words it replaces.
//!
//! codespan prints every line a label touches in full. On a long line (a
//! paragraph without breaks, a whole article on one line) that is the line
//! again for every finding on it, so codespan is given an [`Excerpt`] instead:
//! only the lines it would show, each cut to [`CONTEXT`] characters around the
//! label ends, with "…" where text is left out; line and column numbers stay
//! those of the file.

use super::{LineIndex, Report};
use crate::finding::{Applicability, Finding, Level};
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::{Error, Files};
use codespan_reporting::term::{self, Config, termcolor::Buffer};
use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;

/// Characters of a line shown on each side of a label's start and end.
pub const CONTEXT: usize = 120;

/// Marks text left out of a line.
const ELLIPSIS: &str = "\u{2026}";

/// Lines codespan shows after the start of a multi-line label (its
/// `start_context_lines`) and before its end (`end_context_lines`).
const AFTER_START: usize = 3;
const BEFORE_END: usize = 1;

/// A stretch of the file copied into an excerpt, at `at`.
struct Piece {
    src: Range<usize>,
    at: usize,
}

/// One line of an excerpt: its range there (newline included) and its 0-based
/// line in the file. A line without pieces stands for lines left out.
struct ExcerptLine {
    range: Range<usize>,
    line: usize,
    pieces: Vec<Piece>,
}

/// What codespan sees of a file for one diagnostic.
pub struct Excerpt<'a> {
    name: &'a str,
    index: &'a LineIndex<'a>,
    text: String,
    lines: Vec<ExcerptLine>,
}

/// The byte offset `n` characters before (or after) `at`, within `range`.
fn step(text: &str, range: &Range<usize>, at: usize, n: usize, back: bool) -> usize {
    if back {
        text[range.start..at]
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(range.start, |(i, _)| range.start + i)
    } else {
        text[at..range.end]
            .char_indices()
            .nth(n)
            .map_or(range.end, |(i, _)| at + i)
    }
}

impl<'a> Excerpt<'a> {
    /// The excerpt of `text` (indexed by `index`) that shows `spans`.
    pub fn new(
        name: &'a str,
        text: &str,
        index: &'a LineIndex<'a>,
        spans: &[Range<usize>],
    ) -> Self {
        // Offsets to show, by line: label ends, and the starts of the lines
        // codespan prints inside a multi-line label.
        let mut points: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for span in spans {
            let (first, last) = (index.line_of(span.start), index.line_of(span.end));
            points.entry(first).or_default().push(span.start);
            points.entry(last).or_default().push(span.end);
            let inner =
                (first + 1..last).filter(|l| l - first <= AFTER_START || last - l <= BEFORE_END);
            for l in inner.take(AFTER_START + BEFORE_END) {
                points
                    .entry(l)
                    .or_default()
                    .push(index.line_content(l).start);
            }
        }
        // codespan prints a single line between two it shows rather than a break.
        let shown: Vec<usize> = points.keys().copied().collect();
        for pair in shown.windows(2) {
            if pair[1] - pair[0] == 2 {
                points.insert(pair[0] + 1, vec![index.line_content(pair[0] + 1).start]);
            }
        }
        let mut out = Excerpt {
            name,
            index,
            text: String::new(),
            lines: Vec::new(),
        };
        let mut previous: Option<usize> = None;
        for (line, mut at) in points {
            if previous.is_some_and(|p| line > p + 1) {
                // Two empty lines: a gap codespan shows as a break.
                for _ in 0..2 {
                    let start = out.text.len();
                    out.text.push('\n');
                    out.lines.push(ExcerptLine {
                        range: start..start + 1,
                        line: line - 1,
                        pieces: Vec::new(),
                    });
                }
            }
            previous = Some(line);
            let range = index.line_content(line);
            at.sort_unstable();
            let mut windows: Vec<Range<usize>> = Vec::new();
            for p in at {
                let p = p.clamp(range.start, range.end);
                let w = step(text, &range, p, CONTEXT, true)..step(text, &range, p, CONTEXT, false);
                match windows.last_mut() {
                    Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                    _ => windows.push(w),
                }
            }
            let start = out.text.len();
            let mut pieces = Vec::with_capacity(windows.len());
            let mut end = range.start;
            for w in windows {
                if w.start > end {
                    out.text.push_str(ELLIPSIS);
                }
                pieces.push(Piece {
                    src: w.clone(),
                    at: out.text.len(),
                });
                out.text.push_str(&text[w.clone()]);
                end = w.end;
            }
            if end < range.end {
                out.text.push_str(ELLIPSIS);
            }
            out.text.push('\n');
            out.lines.push(ExcerptLine {
                range: start..out.text.len(),
                line,
                pieces,
            });
        }
        out
    }

    /// Where byte `offset` of the file (a label end) is in the excerpt.
    fn map(&self, offset: usize) -> usize {
        let line = self.index.line_of(offset);
        let Some(l) = self
            .lines
            .iter()
            .find(|l| l.line == line && !l.pieces.is_empty())
        else {
            return 0;
        };
        l.pieces
            .iter()
            .find(|p| p.src.start <= offset && offset <= p.src.end)
            .map_or(l.range.start, |p| p.at + (offset - p.src.start))
    }

    /// The diagnostic `d` (labelled in file offsets) labelled in excerpt offsets.
    pub fn relabel(&self, mut d: Diagnostic<()>) -> Diagnostic<()> {
        for label in &mut d.labels {
            label.range = self.map(label.range.start)..self.map(label.range.end);
        }
        d
    }

    fn line(&self, line_index: usize) -> Result<&ExcerptLine, Error> {
        self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len().saturating_sub(1),
        })
    }
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self
            .lines
            .partition_point(|l| l.range.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        Ok(self.line(line_index)?.range.clone())
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.line(line_index)?.line + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let line = self.line(line_index)?;
        let offset = line
            .pieces
            .iter()
            .rev()
            .find(|p| p.at <= byte_index)
            .map_or(0, |p| p.src.start + (byte_index - p.at).min(p.src.len()));
        Ok(self.index.position(offset).column)
    }
}

/// The codespan diagnostic for a finding (file id `()`).
pub fn diagnostic(f: &Finding) -> Diagnostic<()> {
    let severity = match f.level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Info => Severity::Note,
    };
    // A fix that needs review says so where it is offered.
    let primary = match &f.fix {
        Some(fix) if fix.applicability == Applicability::MaybeIncorrect => {
            Label::primary((), f.span.clone())
                .with_message(format!("{} (unsafe fix: --unsafe-fixes)", fix.description))
        }
        Some(fix) => Label::primary((), f.span.clone()).with_message(fix.description.clone()),
        None => Label::primary((), f.span.clone()),
    };
    let mut labels = vec![primary];
    labels.extend(
        f.labels
            .iter()
            .map(|l| Label::secondary((), l.span.clone()).with_message(l.message.clone())),
    );
    let notes = f.notes.clone();
    Diagnostic::new(severity)
        .with_message(&f.message)
        .with_code(&f.rule)
        .with_labels(labels)
        .with_notes(notes)
}

/// Renders one diagnostic to a string, in colour or not.
pub fn emit<'a, F: Files<'a, FileId = ()>>(
    files: &'a F,
    d: &Diagnostic<()>,
    color: bool,
) -> String {
    let mut buf = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    if term::emit_to_write_style(&mut buf, &config, files, d).is_err() {
        return format!("{}\n", d.message);
    }
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

/// Writes every finding as a diagnostic.
pub fn render(report: &Report, out: &mut dyn Write, color: bool) -> std::io::Result<()> {
    for file in &report.files {
        let index = LineIndex::new(&file.text);
        for f in &file.findings {
            out.write_all(emit_finding(&file.path, &file.text, &index, f, color).as_bytes())?;
        }
    }
    Ok(())
}

/// One finding as codespan prints it, long lines cut to the text around its labels.
pub fn emit_finding(
    path: &str,
    text: &str,
    index: &LineIndex<'_>,
    f: &Finding,
    color: bool,
) -> String {
    let spans: Vec<Range<usize>> = std::iter::once(f.span.clone())
        .chain(f.labels.iter().map(|l| l.span.clone()))
        .collect();
    let excerpt = Excerpt::new(path, text, index, &spans);
    emit(&excerpt, &excerpt.relabel(diagnostic(f)), color)
}

/// The summary line printed to stderr: "2 errors, 0 warnings in 1 file".
pub fn summary(report: &Report) -> String {
    let (e, w, i) = report.counts();
    let plural = |n: usize, s: &str| format!("{n} {s}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}, {}, {} in {}",
        plural(e, "error"),
        plural(w, "warning"),
        plural(i, "info"),
        plural(report.files.len(), "file")
    );
    let fixable: usize = report
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .filter(|f| f.has_fix(Applicability::MachineApplicable))
        .count();
    if fixable > 0 {
        line.push_str(&format!(" ({fixable} fixable)"));
    }
    // An error in a file that was checked (a suppression comment naming no
    // rule) does not make it skipped.
    let (in_checked, skipped): (Vec<_>, Vec<_>) = report
        .input_errors
        .iter()
        .partition(|e| report.files.iter().any(|f| f.path == e.path));
    if !skipped.is_empty() {
        line.push_str(&format!(
            "; {} skipped (errors above)",
            plural(skipped.len(), "file")
        ));
    }
    if !in_checked.is_empty() {
        line.push_str(&format!(
            "; {} in the input (above)",
            plural(in_checked.len(), "error")
        ));
    }
    line
}
