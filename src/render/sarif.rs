//! `--format sarif`: SARIF 2.1.0, the format code-scanning services (GitHub,
//! Azure DevOps, GitLab) read. Rule metadata goes in `tool.driver.rules`;
//! columns are Unicode code points (`columnKind`), lines and columns 1-based.
//! Validated against the OASIS schema in `tests/formats.rs`.

use super::{FileReport, LineIndex, Report};
use crate::finding::Level;
use serde_json::{Value, json};
use std::io::Write;
use std::ops::Range;

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}

fn region(idx: &LineIndex<'_>, span: &Range<usize>) -> Value {
    let (s, e) = (idx.position(span.start), idx.position(span.end));
    json!({
        "startLine": s.line, "startColumn": s.column,
        "endLine": e.line, "endColumn": e.column,
        "charOffset": span.start, "charLength": span.end - span.start,
    })
}

/// A URI reference for a path: relative paths stay relative (resolved against the
/// checkout by code-scanning services); characters outside the URI set are escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn result(file: &FileReport, f: &crate::finding::Finding, rule_index: Option<usize>) -> Value {
    let idx = LineIndex::new(&file.text);
    let location = |span: &Range<usize>| json!({"physicalLocation": {"artifactLocation": {"uri": uri(&file.path)}, "region": region(&idx, span)}});
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.level),
        "message": {"text": f.message},
        "locations": [location(&f.span)],
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if !f.labels.is_empty() {
        r["relatedLocations"] = Value::Array(
            f.labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut loc = location(&l.span);
                    loc["id"] = json!(i);
                    loc["message"] = json!({"text": l.message});
                    loc
                })
                .collect(),
        );
    }
    if let Some(fix) = &f.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| json!({"deletedRegion": region(&idx, &e.span), "insertedContent": {"text": e.replacement}}))
            .collect();
        r["fixes"] = json!([{
            "description": {"text": fix.description},
            "artifactChanges": [{"artifactLocation": {"uri": uri(&file.path)}, "replacements": replacements}],
        }]);
    }
    if !f.notes.is_empty() {
        r["properties"] = json!({"notes": f.notes});
    }
    r
}

/// Writes the report as one SARIF log with one run.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|m| {
            let short = m.description.split(['\n']).next().unwrap_or("").trim();
            let mut rule = json!({
                "id": m.id,
                "name": m.id.replace('/', "-"),
                "shortDescription": {"text": if short.is_empty() { &m.id } else { short }},
                "fullDescription": {"text": if m.description.trim().is_empty() { &m.id } else { m.description.trim() }},
                "help": {"text": format!("{}\n\nRun `copydesk explain {}` for examples.", m.description.trim(), m.id)},
                "defaultConfiguration": {"level": level(m.level)},
                "properties": {"kind": m.kind, "source": m.source},
            });
            if let Some(link) = &m.link {
                rule["helpUri"] = json!(link);
            }
            rule
        })
        .collect();
    let results: Vec<Value> = report
        .files
        .iter()
        .flat_map(|file| {
            file.findings
                .iter()
                .map(move |f| result(file, f, report.rules.iter().position(|m| m.id == f.rule)))
        })
        .collect();
    let notifications: Vec<Value> = report
        .input_errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path)}}}],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/copydesk",
                "rules": rules,
            }},
            "invocations": [{"executionSuccessful": report.input_errors.is_empty(), "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_spaces_and_keep_slashes() {
        assert_eq!(uri("news/my story.md"), "news/my%20story.md");
        assert_eq!(uri("a\\b.txt"), "a/b.txt");
    }
}
