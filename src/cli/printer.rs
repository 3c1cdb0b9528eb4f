//! What `copydesk check` prints: the report in the chosen format (or the diff,
//! the fixed standard input, the statistics), the summary and hints on standard
//! error, and the exit status.

use super::args::{CheckArgs, Format};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, use_color};
use crate::finding::Applicability;
use crate::render::{self, Report};
use crate::walk::InputError;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};

/// A renderer: writes a whole report.
type Renderer = fn(&Report, &mut dyn Write, bool) -> std::io::Result<()>;

/// Each format's renderer (`color` is used by the human format only).
const RENDERERS: &[(Format, Renderer)] = &[
    (Format::Human, |r, out, color| {
        render::human::render(r, out, color)
    }),
    (Format::Line, |r, out, _| render::line::render(r, out)),
    (Format::Json, |r, out, _| render::json::render(r, out)),
    (Format::Sarif, |r, out, _| render::sarif::render(r, out)),
    (Format::Github, |r, out, _| render::github::render(r, out)),
    (Format::Checkstyle, |r, out, _| {
        render::checkstyle::render(r, out)
    }),
];

/// What the check produced besides the report.
#[derive(Default)]
pub(super) struct Printed {
    /// Fixes applied (or that `--diff` would apply).
    pub fixes: usize,
    /// Per file, the fixes each rule applied (`--show-fixes`).
    pub fixed: Vec<(String, BTreeMap<String, usize>)>,
    /// `--diff`: one unified diff per changed file, in path order.
    pub diffs: Vec<String>,
    /// `--fix -`: the fixed standard input.
    pub fixed_stdin: Option<String>,
}

/// Prints the run's output; returns the exit status. `failed`: a finding reached
/// its configuration's `fail-on` level.
pub(super) fn print(args: &CheckArgs, report: &Report, printed: &Printed, failed: bool) -> u8 {
    let fixing = args.fix || args.diff;
    let stdout = std::io::stdout();
    let color = use_color(
        args.color,
        stdout.is_terminal() && args.output_file.is_none(),
    );
    let diffs = &printed.diffs;
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
    } else if let Some(fixed) = &printed.fixed_stdin {
        out.write_all(fixed.as_bytes())
    } else if args.statistics {
        statistics(report, args.format == Format::Json, &mut out)
    } else {
        let render = RENDERERS
            .iter()
            .find(|(f, _)| *f == args.format)
            .map(|(_, r)| *r)
            .expect("every format has a renderer");
        render(report, &mut out, color)
    }
    .and_then(|()| out.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("copydesk: error: cannot write output: {e}");
        return EXIT_ERROR;
    }
    drop(buffered);
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
            return EXIT_ERROR;
        }
    }
    if matches!(args.format, Format::Human | Format::Line) || args.diff || args.statistics {
        for e in &report.input_errors {
            eprintln!("{}: error: {}", location(e), e.message);
        }
    }
    if args.show_fixes && fixing {
        for (path, by_rule) in &printed.fixed {
            for (rule, n) in by_rule {
                eprintln!(
                    "{path}: {} {n} fix{} [{rule}]",
                    if args.diff { "would apply" } else { "applied" },
                    if *n == 1 { "" } else { "es" }
                );
            }
        }
    }
    if !args.quiet && (args.format == Format::Human || fixing) {
        let mut summary = render::human::summary(report);
        if args.fix && printed.fixed_stdin.is_none() {
            summary = format!("{} fix(es) applied; remaining: {summary}", printed.fixes);
        } else if args.diff {
            summary = format!(
                "{} fix(es) would be applied in {} file(s) (--diff: nothing written)",
                printed.fixes,
                diffs.len()
            );
        }
        eprintln!("{summary}");
        if !args.unsafe_fixes
            && let Some(hint) = unsafe_fix_hint(report)
        {
            eprintln!("{hint}");
        }
    }
    if !report.input_errors.is_empty() {
        EXIT_ERROR
    } else if args.diff {
        if diffs.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_FINDINGS
        }
    } else if failed && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
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

/// Where an input error is, for messages: `path:line:col` or the path.
pub(super) fn location(e: &InputError) -> String {
    match e.position {
        Some((l, c)) => format!("{}:{l}:{c}", e.path),
        None => e.path.clone(),
    }
}
