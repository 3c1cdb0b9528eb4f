//! `--format json`: a stable, documented schema (see `docs/json-format.md`).
//!
//! ```json
//! {"version": 1,
//!  "findings": [{"path", "rule", "level", "message",
//!                "span": {"start", "end"},        // byte offsets into the file
//!                "start": {"line", "column", "column_byte", "column_utf16"}, "end": {…},
//!                "labels": [{"span", "start", "end", "message"}], "notes": [],
//!                "fix": {"description", "applicability", "edits": [{"span", "start", "end", "replacement"}]}}],
//!  "errors": [{"path", "line", "column", "message"}],
//!  "summary": {"files", "errors", "warnings", "infos"}}
//! ```

use super::{LineIndex, Position, Report};
use serde::Serialize;
use std::io::Write;
use std::ops::Range;

/// Version of the schema; bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

impl From<&Range<usize>> for Span {
    fn from(r: &Range<usize>) -> Self {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

#[derive(Serialize)]
struct Located<'a> {
    span: Span,
    start: Position,
    end: Position,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacement: Option<&'a str>,
}

#[derive(Serialize)]
struct Fix<'a> {
    description: &'a str,
    applicability: crate::finding::Applicability,
    edits: Vec<Located<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    path: &'a str,
    rule: &'a str,
    level: crate::finding::Level,
    message: &'a str,
    span: Span,
    start: Position,
    end: Position,
    labels: Vec<Located<'a>>,
    notes: &'a [String],
    fix: Option<Fix<'a>>,
}

#[derive(Serialize)]
struct ErrorItem<'a> {
    path: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    findings: Vec<Item<'a>>,
    errors: Vec<ErrorItem<'a>>,
    summary: Summary,
}

fn located<'a>(
    idx: &LineIndex<'_>,
    span: &Range<usize>,
    message: Option<&'a str>,
    replacement: Option<&'a str>,
) -> Located<'a> {
    Located {
        span: span.into(),
        start: idx.position(span.start),
        end: idx.position(span.end),
        message,
        replacement,
    }
}

/// Writes the report as one JSON document.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut findings = Vec::new();
    for file in &report.files {
        let idx = LineIndex::new(&file.text);
        for f in &file.findings {
            findings.push(Item {
                path: &file.path,
                rule: &f.rule,
                level: f.level,
                message: &f.message,
                span: (&f.span).into(),
                start: idx.position(f.span.start),
                end: idx.position(f.span.end),
                labels: f
                    .labels
                    .iter()
                    .map(|l| located(&idx, &l.span, Some(&l.message), None))
                    .collect(),
                notes: &f.notes,
                fix: f.fix.as_ref().map(|x| Fix {
                    description: &x.description,
                    applicability: x.applicability,
                    edits: x
                        .edits
                        .iter()
                        .map(|e| located(&idx, &e.span, None, Some(&e.replacement)))
                        .collect(),
                }),
            });
        }
    }
    let (errors, warnings, infos) = report.counts();
    let doc = Doc {
        version: SCHEMA_VERSION,
        findings,
        errors: report
            .input_errors
            .iter()
            .map(|e| ErrorItem {
                path: &e.path,
                line: e.position.map(|p| p.0),
                column: e.position.map(|p| p.1),
                message: &e.message,
            })
            .collect(),
        summary: Summary {
            files: report.files.len(),
            errors,
            warnings,
            infos,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
