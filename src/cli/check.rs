//! `copydesk check`: inputs → documents → rule set → findings → renderer,
//! and with `--fix`/`--diff`, fixes applied until stable and written atomically.

use super::args::{CheckArgs, Format};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, settings, use_color};
use crate::document::{DocKind, Document};
use crate::error::LoadError;
use crate::finding::Applicability;
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
    /// Mistakes in the input itself (a suppression comment naming no rule).
    errors: Vec<InputError>,
}

/// The inputs, the paths that could not be walked, and how many named paths
/// `--force-exclude` skipped.
fn read_inputs(
    args: &CheckArgs,
    settings: &crate::config::Settings,
) -> (Vec<Input>, Vec<InputError>, usize) {
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
    let walk::Collected {
        files: file_paths,
        errors,
        excluded,
    } = walk::collect(&files, settings);
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
    (inputs, errors, excluded)
}

pub(super) fn run(args: CheckArgs) -> Result<u8, LoadError> {
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if args.fix && stdin && args.paths.iter().any(|p| p.as_os_str() != "-") {
        // The fixed standard input is the output, so there would be no room
        // for the report on the files fixed beside it.
        eprintln!(
            "copydesk: error: --fix with - prints the fixed text of standard input, so it cannot \
             fix files in the same run; nothing was changed; fix the files in a separate run"
        );
        return Ok(EXIT_ERROR);
    }
    let mut settings = settings(&args.rule_options)?;
    for glob in &args.exclude {
        if let Err(e) = globset::Glob::new(glob) {
            return Err(LoadError::Usage(format!(
                "--exclude {glob}: invalid glob: {e}; nothing was checked"
            )));
        }
    }
    settings.exclude.extend(args.exclude.iter().cloned());
    settings.force_exclude |= args.force_exclude;
    let rules = settings.rule_set()?;
    let fail_on = args.fail_on.unwrap_or(settings.fail_on);
    let year = args.year.or(settings.year);
    let today = jiff::ZonedDateTime::now().date();
    let prepare = |doc: &mut Document| doc.resolve_date(args.date, year, today);
    let fixing = args.fix || args.diff;

    let (inputs, mut input_errors, excluded) = read_inputs(&args, &settings);
    if inputs.is_empty() && input_errors.is_empty() {
        return Ok(nothing_to_check(&args.paths, excluded));
    }
    let results: Vec<Result<Checked, InputError>> = inputs
        .into_par_iter()
        .map(|input| {
            let text = input.text?;
            let kind = DocKind::from_path(&input.name);
            if args.date.is_none() {
                front_matter_date(&input.name, &text, kind)?;
            }
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
                        crate::writer::write_file(
                            path,
                            crate::writer::Expect::Text(&text),
                            &fixed.doc.text,
                            crate::writer::WriteOptions {
                                force: args.force,
                                within: None,
                            },
                        )?;
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
            let (unknown, findings): (Vec<_>, Vec<_>) = findings
                .into_iter()
                .partition(crate::suppress::is_unknown_id);
            let lines = render::LineIndex::new(&doc.text);
            let errors = unknown
                .into_iter()
                .map(|f| {
                    let at = lines.position(f.span.start);
                    InputError {
                        path: input.name.clone(),
                        position: Some((at.line, at.column)),
                        message: f.message,
                    }
                })
                .collect();
            Ok(Checked {
                report: FileReport {
                    path: input.name,
                    text: Arc::from(doc.text),
                    findings,
                },
                fixes,
                diff,
                fixed_stdin,
                errors,
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
                input_errors.extend(c.errors);
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
    let ignored = load_entries(&ignore_path, false)?;
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
    if args.write_baseline.is_some() || args.add_ignore {
        return Ok(record_findings(&args, &report, &input_errors, &ignore_path));
    }
    report.input_errors = input_errors;
    report.rules = rules.rules().cloned().collect();

    let stdout = std::io::stdout();
    let color = use_color(
        args.color,
        stdout.is_terminal() && args.output_file.is_none(),
    );
    // With `--output-file` the report is gathered, then written to the file in one go.
    let mut gathered = Vec::new();
    let mut buffered = std::io::BufWriter::new(stdout.lock());
    let mut out: &mut dyn Write = if args.output_file.is_some() {
        &mut gathered
    } else {
        &mut buffered
    };
    let written = if args.diff {
        diffs.iter().try_for_each(|d| out.write_all(d.as_bytes()))
    } else if let Some(fixed) = &fixed_stdin {
        out.write_all(fixed.as_bytes())
    } else if args.statistics {
        statistics(&report, args.format == Format::Json, &mut out)
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
    if let Some(path) = &args.output_file {
        let text = String::from_utf8_lossy(&gathered);
        let options = crate::writer::WriteOptions {
            force: args.force,
            within: None,
        };
        if let Err(e) =
            crate::writer::write_file(path, crate::writer::Expect::Anything, &text, options)
        {
            eprintln!("copydesk: error: {e}");
            return Ok(EXIT_ERROR);
        }
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
        if !args.unsafe_fixes
            && let Some(hint) = unsafe_fix_hint(&report)
        {
            eprintln!("{hint}");
        }
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
    } else if report.fails(fail_on) && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// A run that found no article says so: an error (exit 2) when the paths
/// named hold none, as a misspelt folder or glob would; a note (exit 0) when
/// there was nothing to look at: an empty folder, or every file named was
/// excluded on purpose (`--force-exclude` under pre-commit).
fn nothing_to_check(paths: &[PathBuf], excluded: usize) -> u8 {
    let extensions = crate::config::DEFAULT_EXTENSIONS.join(", .");
    if excluded > 0 {
        eprintln!("copydesk: no article to check: every path given is excluded (--force-exclude)");
        EXIT_CLEAN
    } else if paths.is_empty() {
        eprintln!(
            "copydesk: no article to check in the current folder (looked for .{extensions}, or \
             `include` in copydesk.toml)"
        );
        EXIT_CLEAN
    } else {
        let named: Vec<String> = paths.iter().map(|p| crate::pack::display_path(p)).collect();
        eprintln!(
            "copydesk: error: no article to check in {}: no .{extensions} file there, or \
             `exclude` or `include` in copydesk.toml leaves none; name the files or folders \
             that hold the articles",
            named.join(", ")
        );
        EXIT_ERROR
    }
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

/// `--write-baseline` and `--add-ignore`: records the report's findings, or
/// writes nothing when an input could not be checked (a baseline or ignore
/// file without that input's findings would hide nothing, then report them all
/// as new). Returns the exit status.
fn record_findings(
    args: &CheckArgs,
    report: &Report,
    input_errors: &[InputError],
    ignore_path: &std::path::Path,
) -> u8 {
    let (flag, path) = match &args.write_baseline {
        Some(p) => ("--write-baseline", p.as_path()),
        None => ("--add-ignore", ignore_path),
    };
    if !input_errors.is_empty() {
        for e in input_errors {
            eprintln!("{}: error: {}", location(e), e.message);
        }
        eprintln!(
            "copydesk: error: {flag}: nothing written to {}: {} input(s) could not be checked; \
             fix them or leave them out, then run again",
            crate::pack::display_path(path),
            input_errors.len()
        );
        return EXIT_ERROR;
    }
    let entries = record(report);
    let n = entries.entries.len();
    let written = if args.add_ignore {
        add_to_ignore_file(path, entries.entries, args.force)
    } else {
        let options = crate::writer::WriteOptions {
            force: args.force,
            within: None,
        };
        let text = entries.to_toml(BASELINE_HEADER);
        crate::writer::write_file(path, crate::writer::Expect::Anything, &text, options)
    };
    match written {
        Ok(()) if args.add_ignore => {
            eprintln!(
                "added {n} finding(s) to {}",
                crate::pack::display_path(path)
            );
            EXIT_CLEAN
        }
        Ok(()) => {
            eprintln!(
                "wrote {n} finding(s) to {}",
                crate::pack::display_path(path)
            );
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("copydesk: error: {e}");
            EXIT_ERROR
        }
    }
}

/// Adds `new` entries to the ignore file at `path` (creating it), for `check
/// --add-ignore` and the editor's ignore action. The file is read again just
/// before (an entry added meanwhile is kept), written atomically, and must stay
/// inside its own folder: a link to a file elsewhere is refused.
///
/// # Errors
/// An [`InputError`] naming the file: it cannot be read or parsed, or
/// [`crate::writer::write_file`] refused or failed.
pub fn add_to_ignore_file(
    path: &std::path::Path,
    new: Vec<Entry>,
    force: bool,
) -> Result<(), InputError> {
    let shown = crate::pack::display_path(path);
    let old = crate::writer::read_existing(path).map_err(|e| InputError {
        path: shown.clone(),
        position: None,
        message: format!("cannot read: {e}"),
    })?;
    let mut entries = match &old {
        Some(text) => Entries::parse(&shown, text).map_err(|e| InputError {
            path: shown.clone(),
            position: e.line_col(),
            message: format!("{}; fix or delete the file", e.message),
        })?,
        None => Entries::default(),
    };
    entries.entries.extend(new);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let expect = crate::writer::Expect::previous(old.as_deref());
    let options = crate::writer::WriteOptions {
        force,
        within: Some(folder),
    };
    crate::writer::write_file(path, expect, &entries.to_toml(IGNORE_HEADER), options)
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

/// `--statistics`: findings per rule, most first; with `--format json`, an
/// array of `{rule, level, count, fixable}` (fixable by `--fix` alone).
fn statistics(report: &Report, json: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let mut counts: std::collections::BTreeMap<(&str, crate::finding::Level), (usize, usize)> =
        Default::default();
    for f in report.files.iter().flat_map(|f| &f.findings) {
        let c = counts.entry((f.rule.as_str(), f.level)).or_default();
        c.0 += 1;
        c.1 += usize::from(f.has_fix(Applicability::MachineApplicable));
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    if json {
        let rows: Vec<_> = rows
            .iter()
            .map(|((rule, level), (n, fixable))| {
                serde_json::json!({"rule": rule, "level": level, "count": n, "fixable": fixable})
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    for ((rule, level), (n, _)) in rows {
        writeln!(out, "{n:6}  {:7}  {rule}", level.as_str())?;
    }
    Ok(())
}

/// The summary's hint at fixes that only `--unsafe-fixes` applies, if any.
fn unsafe_fix_hint(report: &Report) -> Option<String> {
    let n = report
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .filter(|f| f.has_fix(Applicability::MaybeIncorrect))
        .count();
    (n > 0).then(|| {
        format!(
            "{n} more fix{} with --unsafe-fixes (review them first: --diff --unsafe-fixes)",
            if n == 1 { "" } else { "es" }
        )
    })
}

/// An input error for a front-matter date that cannot be read (see
/// [`crate::document::dates::front_matter_date_error`]); only Markdown with
/// front matter is parsed to find out.
fn front_matter_date(name: &str, text: &str, kind: DocKind) -> Result<(), InputError> {
    let body = text.trim_start_matches('\u{feff}');
    let front_matter = body.starts_with("---") || body.starts_with("+++");
    if kind != DocKind::Markdown || !front_matter || !body.contains("date") {
        return Ok(());
    }
    let doc = Document::new(text.to_string(), kind);
    match crate::document::dates::front_matter_date_error(&doc) {
        None => Ok(()),
        Some((at, message)) => {
            let at = render::LineIndex::new(text).position(at);
            Err(InputError {
                path: name.to_string(),
                position: Some((at.line, at.column)),
                message,
            })
        }
    }
}

fn location(e: &InputError) -> String {
    match e.position {
        Some((l, c)) => format!("{}:{l}:{c}", e.path),
        None => e.path.clone(),
    }
}
