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

/// The base the relative `uri`s resolve against, named in `originalUriBaseIds`.
const SRCROOT: &str = "%SRCROOT%";

/// Where a file is, for SARIF: a path relative to the folder copydesk ran in, against
/// [`SRCROOT`] (code-scanning services resolve it against the checkout); a path
/// outside that folder as an absolute `file://` URI.
fn artifact(path: &str, cwd: Option<&std::path::Path>) -> Value {
    let p = std::path::Path::new(path);
    if p.is_relative() {
        return json!({"uri": uri(path.strip_prefix("./").unwrap_or(path)), "uriBaseId": SRCROOT});
    }
    match cwd.and_then(|c| p.strip_prefix(c).ok()) {
        Some(rel) => json!({"uri": uri(&rel.to_string_lossy()), "uriBaseId": SRCROOT}),
        None => json!({"uri": format!("file://{}", uri(path))}),
    }
}

/// A URI reference for a path: characters outside the URI set are escaped.
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

/// What a result needs of its file: the line index (built once per file), where the
/// file is, and how often each fingerprint has been seen in it so far.
struct FileContext<'a> {
    file: &'a FileReport,
    idx: LineIndex<'a>,
    artifact: Value,
    seen: std::collections::HashMap<String, usize>,
}

fn result(
    cx: &mut FileContext<'_>,
    f: &crate::finding::Finding,
    rule_index: Option<usize>,
) -> Value {
    let (file, idx) = (cx.file, &cx.idx);
    let artifact = cx.artifact.clone();
    let location = |span: &Range<usize>| json!({"physicalLocation": {"artifactLocation": artifact.clone(), "region": region(idx, span)}});
    // GitHub code scanning tracks an alert across commits by this: the rule, the flagged
    // text and its neighbouring words (not the line number), and which occurrence.
    let fp = crate::ignore::fingerprint(&file.text, f);
    let nth = cx.seen.entry(fp.clone()).or_insert(0);
    *nth += 1;
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.level),
        "message": {"text": f.message},
        "locations": [location(&f.span)],
        "partialFingerprints": {"copydesk/v1": format!("{fp}:{nth}")},
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
            .map(|e| json!({"deletedRegion": region(idx, &e.span), "insertedContent": {"text": e.replacement}}))
            .collect();
        r["fixes"] = json!([{
            "description": {"text": fix.description},
            "artifactChanges": [{"artifactLocation": cx.artifact.clone(), "replacements": replacements}],
        }]);
    }
    if !f.notes.is_empty() {
        r["properties"] = json!({"notes": f.notes});
    }
    r
}

/// The first sentence of a rule's description, joined across its line breaks: a
/// `shortDescription` cut at the first line ended mid-sentence.
fn first_sentence(description: &str) -> String {
    let flat = description.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = flat
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .next()
        .unwrap_or(flat.len());
    flat[..end].to_string()
}

/// Writes the report as one SARIF log with one run.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|m| {
            let short = first_sentence(&m.description);
            let mut rule = json!({
                "id": m.id,
                "name": m.id.replace('/', "-"),
                "shortDescription": {"text": if short.is_empty() { m.id.clone() } else { short }},
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
    let cwd = std::env::current_dir().ok();
    let mut results: Vec<Value> = Vec::new();
    for file in &report.files {
        let mut cx = FileContext {
            file,
            idx: LineIndex::new(&file.text),
            artifact: artifact(&file.path, cwd.as_deref()),
            seen: std::collections::HashMap::new(),
        };
        for f in &file.findings {
            let rule_index = report.rules.iter().position(|m| m.id == f.rule);
            results.push(result(&mut cx, f, rule_index));
        }
    }
    let notifications: Vec<Value> = report
        .input_errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(&e.path, cwd.as_deref())}}],
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
            "originalUriBaseIds": {SRCROOT: {"uri": cwd.as_deref().map_or_else(String::new, |c| format!("file://{}/", uri(&c.to_string_lossy()).trim_end_matches('/')))}},
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
