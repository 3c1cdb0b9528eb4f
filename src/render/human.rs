//! `--format human`: compiler-style diagnostics with codespan-reporting.
//!
//! One function, [`diagnostic`], turns a finding into a codespan diagnostic;
//! the fix is the primary label's message, right under the words it replaces.

use super::Report;
use crate::finding::{Applicability, Finding, Level};
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::Files;
use codespan_reporting::term::{self, Config, termcolor::Buffer};
use std::io::Write;

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
        let files = super::SourceFile::new(file.path.as_str(), &file.text);
        for f in &file.findings {
            out.write_all(emit(&files, &diagnostic(f), color).as_bytes())?;
        }
    }
    Ok(())
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
