//! `copydesk check`: inputs → documents → rule set → findings → renderer,
//! and with `--fix`/`--diff`, fixes applied until stable and written atomically.

use super::args::{CheckArgs, Format};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, settings, use_color};
use crate::document::{DocKind, Document};
use crate::error::LoadError;
use crate::render::{self, FileReport, Report};
use crate::suppress::{Entries, Entry, fingerprint};
use crate::walk::{self, InputError};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// One input: the name shown, the file (none for standard input), its text.
struct Input {
    name: String,
    path: Option<PathBuf>,
    text: Result<String, InputError>,
}

/// What checking one input produced.
struct Checked {
    report: FileReport,
    fixes: usize,
    diff: Option<String>,
    /// Standard input's fixed text, printed instead of a report with `--fix`.
    fixed_stdin: Option<String>,
}

fn read_inputs(
    args: &CheckArgs,
    settings: &crate::config::Settings,
) -> (Vec<Input>, Vec<InputError>) {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".into());
    let files: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let (file_paths, errors) = walk::collect(&files, settings);
    let mut inputs = Vec::new();
    if paths.iter().any(|p| p.as_os_str() == "-") {
        let text = walk::read_text(&stdin_name, std::io::stdin().lock());
        inputs.push(Input {
            name: stdin_name,
            path: None,
            text,
        });
    }
    inputs.par_extend(file_paths.into_par_iter().map(|p| Input {
        name: crate::pack::display_path(&p),
        text: walk::read(&p),
        path: Some(p),
    }));
    (inputs, errors)
}

pub(super) fn run(args: CheckArgs) -> Result<u8, LoadError> {
    let settings = settings(&args.rule_options)?;
    let rules = settings.rule_set()?;
    let fail_on = args.fail_on.unwrap_or(settings.fail_on);
    let year = args.year.or(settings.year);
    let today = jiff::ZonedDateTime::now().date();
    let prepare = |doc: &mut Document| doc.resolve_date(args.date, year, today);
    let fixing = args.fix || args.diff;

    let (inputs, mut input_errors) = read_inputs(&args, &settings);
    let results: Vec<Result<Checked, InputError>> = inputs
        .into_par_iter()
        .map(|input| {
            let text = input.text?;
            let kind = DocKind::from_path(&input.name);
            let mut remarks = Vec::new();
            let (doc, findings, fixes, diff, fixed_stdin) = if fixing {
                let fixed =
                    crate::fix::fix_until_stable(&rules, kind, &text, args.unsafe_fixes, &prepare);
                let changed = fixed.doc.text != text;
                let (mut diff, mut stdin) = (None, None);
                if args.diff {
                    diff = changed.then(|| unified_diff(&input.name, &text, &fixed.doc.text));
                } else if let Some(path) = &input.path {
                    if changed {
                        crate::writer::replace_file(path, &text, &fixed.doc.text)?;
                    }
                } else {
                    stdin = Some(fixed.doc.text.clone());
                }
                (fixed.doc, fixed.findings, fixed.fixes, diff, stdin)
            } else {
                let mut doc = Document::new(text, kind);
                prepare(&mut doc);
                let (findings, r) = rules.check_with_remarks(&doc);
                remarks = r;
                (doc, findings, 0, None, None)
            };
            if args.verbose {
                let d = doc.article_date();
                eprintln!(
                    "{}: checked as of {} (from {})",
                    input.name, d.date, d.source
                );
                if !remarks.is_empty() {
                    eprintln!(
                        "{}: not judged, outside the knowledge base's coverage:",
                        input.name
                    );
                    for r in &remarks {
                        eprintln!("  {r}");
                    }
                }
            }
            Ok(Checked {
                report: FileReport {
                    path: input.name,
                    text: Arc::from(doc.text),
                    findings,
                },
                fixes,
                diff,
                fixed_stdin,
            })
        })
        .collect();

    let mut report = Report::default();
    let mut fixes = 0;
    let mut diffs = Vec::new();
    let mut fixed_stdin = None;
    for r in results {
        match r {
            Ok(c) => {
                fixes += c.fixes;
                diffs.extend(c.diff);
                fixed_stdin = fixed_stdin.or(c.fixed_stdin);
                report.files.push(c.report);
            }
            Err(e) => input_errors.push(e),
        }
    }
    report.files.sort_by(|a, b| a.path.cmp(&b.path));
    diffs.sort();
    let ignore_path = settings
        .config_path
        .as_ref()
        .and_then(|p| p.parent())
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from(IGNORE_FILE), |d| d.join(IGNORE_FILE));
    let mut ignored = load_entries(&ignore_path, false)?;
    for file in &mut report.files {
        let text = file.text.clone();
        file.findings.retain(|f| {
            ignored
                .position(&file.path, f, &fingerprint(&text, f), false)
                .is_none()
        });
    }
    if let Some(path) = &args.baseline {
        let baseline = load_entries(path, true)?;
        let mut used = vec![false; baseline.entries.len()];
        for file in &mut report.files {
            let text = file.text.clone();
            file.findings.retain(|f| {
                match baseline.position(&file.path, f, &fingerprint(&text, f), true) {
                    Some(i) => {
                        used[i] = true;
                        false
                    }
                    None => true,
                }
            });
        }
        let stale: Vec<&Entry> = baseline
            .entries
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(e, _)| e)
            .collect();
        if !stale.is_empty() && !args.quiet {
            eprintln!(
                "{}: {} stale entr{} (fixed or changed since it was written; rewrite it with --write-baseline):",
                crate::pack::display_path(path),
                stale.len(),
                if stale.len() == 1 { "y" } else { "ies" }
            );
            for e in stale.iter().take(20) {
                eprintln!("  {} [{}] {}", e.path, e.rule, e.text);
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        let entries = record(&report);
        let n = entries.entries.len();
        write_entries(path, &entries, BASELINE_HEADER)?;
        eprintln!(
            "wrote {n} finding(s) to {}",
            crate::pack::display_path(path)
        );
        std::mem::forget(rules);
        return Ok(EXIT_CLEAN);
    }
    if args.add_ignore {
        let new = record(&report);
        let added = new.entries.len();
        ignored.entries.extend(new.entries);
        write_entries(&ignore_path, &ignored, IGNORE_HEADER)?;
        eprintln!(
            "added {added} finding(s) to {}",
            crate::pack::display_path(&ignore_path)
        );
        std::mem::forget(rules);
        return Ok(EXIT_CLEAN);
    }
    report.input_errors = input_errors;
    report.rules = rules.rules().cloned().collect();

    let stdout = std::io::stdout();
    let color = use_color(args.color, stdout.is_terminal());
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = if args.diff {
        diffs.iter().try_for_each(|d| out.write_all(d.as_bytes()))
    } else if let Some(fixed) = &fixed_stdin {
        out.write_all(fixed.as_bytes())
    } else if args.statistics {
        statistics(&report, &mut out)
    } else {
        match args.format {
            Format::Human => render::human::render(&report, &mut out, color),
            Format::Line => render::line::render(&report, &mut out),
            Format::Json => render::json::render(&report, &mut out),
            Format::Sarif => render::sarif::render(&report, &mut out),
            Format::Github => render::github::render(&report, &mut out),
            Format::Checkstyle => render::checkstyle::render(&report, &mut out),
        }
    }
    .and_then(|()| out.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("copydesk: error: cannot write output: {e}");
        return Ok(EXIT_ERROR);
    }
    if matches!(args.format, Format::Human | Format::Line) || args.diff || args.statistics {
        for e in &report.input_errors {
            eprintln!("{}: error: {}", location(e), e.message);
        }
    }
    if !args.quiet && (args.format == Format::Human || fixing) {
        let mut summary = render::human::summary(&report);
        if args.fix && fixed_stdin.is_none() {
            summary = format!("{fixes} fix(es) applied; remaining: {summary}");
        } else if args.diff {
            summary = format!(
                "{fixes} fix(es) would be applied in {} file(s) (--diff: nothing written)",
                diffs.len()
            );
        }
        eprintln!("{summary}");
    }
    // The rule set holds ~100k small allocations; the process is about to exit,
    // so freeing them one by one would only cost time.
    std::mem::forget(rules);
    Ok(if !report.input_errors.is_empty() {
        EXIT_ERROR
    } else if args.diff {
        if diffs.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_FINDINGS
        }
    } else if report.fails(fail_on) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// The ignore file, beside copydesk.toml (or in the working folder).
pub const IGNORE_FILE: &str = "copydesk.ignore.toml";

/// The header of copydesk.ignore.toml.
pub const IGNORE_HEADER: &str = "# Findings copydesk does not report (written by `copydesk check --add-ignore`).\n\
# Each entry is a rule id and a fingerprint of the flagged words and the words around them,\n\
# so it still matches after edits elsewhere in the article. Delete an entry to see it again.";

const BASELINE_HEADER: &str = "# copydesk baseline (written by `copydesk check --write-baseline`): findings that\n\
# existed when it was written. `copydesk check --baseline FILE` reports only newer ones.";

/// Reads an ignore file or baseline; a missing ignore file is empty, a missing baseline an error.
fn load_entries(path: &std::path::Path, required: bool) -> Result<Entries, LoadError> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            Entries::parse(&crate::pack::display_path(path), &text).map_err(LoadError::from)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Entries::default()),
        Err(source) => Err(LoadError::Io {
            path: crate::pack::display_path(path),
            source,
        }),
    }
}

fn write_entries(path: &std::path::Path, entries: &Entries, header: &str) -> Result<(), LoadError> {
    std::fs::write(path, entries.to_toml(header)).map_err(|source| LoadError::Io {
        path: crate::pack::display_path(path),
        source,
    })
}

/// Entries for every finding in the report.
fn record(report: &Report) -> Entries {
    Entries {
        entries: report
            .files
            .iter()
            .flat_map(|file| {
                file.findings
                    .iter()
                    .map(|f| Entries::entry(&file.path, &file.text, f))
            })
            .collect(),
    }
}

/// A unified diff of one file, with `a/` and `b/` headers like `git diff`.
fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// `--statistics`: findings per rule, most first.
fn statistics(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut counts: std::collections::BTreeMap<(&str, crate::finding::Level), usize> =
        Default::default();
    for f in report.files.iter().flat_map(|f| &f.findings) {
        *counts.entry((f.rule.as_str(), f.level)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for ((rule, level), n) in rows {
        writeln!(out, "{n:6}  {:7}  {rule}", level.as_str())?;
    }
    Ok(())
}

fn location(e: &InputError) -> String {
    match e.position {
        Some((l, c)) => format!("{}:{l}:{c}", e.path),
        None => e.path.clone(),
    }
}
