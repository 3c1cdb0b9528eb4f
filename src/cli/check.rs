//! `copydesk check`: inputs → documents → rule set → findings → renderer.

use super::args::{CheckArgs, Format};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, settings, use_color};
use crate::document::{DocKind, Document};
use crate::error::LoadError;
use crate::render::{self, FileReport, Report};
use crate::walk::{self, InputError};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

pub(super) fn run(args: CheckArgs) -> Result<u8, LoadError> {
    let settings = settings(&args.rule_options)?;
    let rules = settings.rule_set()?;
    let fail_on = args.fail_on.unwrap_or(settings.fail_on);

    let year = args.year.or(settings.year);
    let today = jiff::ZonedDateTime::now().date();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".into());
    let (file_paths, mut input_errors) = walk::collect(
        &paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect::<Vec<_>>(),
        &settings,
    );

    let mut texts: Vec<(String, Result<String, InputError>)> = Vec::new();
    if paths.iter().any(|p| p.as_os_str() == "-") {
        let mut bytes = Vec::new();
        let read = std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| InputError {
                path: stdin_name.clone(),
                position: None,
                message: format!("cannot read standard input: {e}"),
            });
        texts.push((
            stdin_name.clone(),
            read.and_then(|_| walk::decode(&stdin_name, bytes)),
        ));
    }
    let checked: Vec<(String, Result<String, InputError>)> = file_paths
        .into_par_iter()
        .map(|p| (crate::pack::display_path(&p), walk::read(&p)))
        .collect();
    texts.extend(checked);

    let results: Vec<Result<FileReport, InputError>> = texts
        .into_par_iter()
        .map(|(path, text)| {
            let text = text?;
            let mut doc = Document::new(text, DocKind::from_path(&path));
            doc.resolve_date(args.date, year, today);
            if args.verbose {
                let d = doc.article_date();
                eprintln!("{path}: checked as of {} (from {})", d.date, d.source);
            }
            let findings = rules.check(&doc);
            Ok(FileReport {
                path,
                text: Arc::from(doc.text),
                findings,
            })
        })
        .collect();
    let mut report = Report::default();
    for r in results {
        match r {
            Ok(f) => report.files.push(f),
            Err(e) => input_errors.push(e),
        }
    }
    report.files.sort_by(|a, b| a.path.cmp(&b.path));
    report.input_errors = input_errors;
    report.rules = rules.rules().cloned().collect();

    let stdout = std::io::stdout();
    let color = use_color(args.color, stdout.is_terminal());
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        Format::Human => render::human::render(&report, &mut out, color),
        Format::Line => render::line::render(&report, &mut out),
        Format::Json => render::json::render(&report, &mut out),
        Format::Sarif => render::sarif::render(&report, &mut out),
        Format::Github => render::github::render(&report, &mut out),
        Format::Checkstyle => render::checkstyle::render(&report, &mut out),
    }
    .and_then(|()| out.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("copydesk: error: cannot write output: {e}");
        return Ok(EXIT_ERROR);
    }
    if matches!(args.format, Format::Human | Format::Line) {
        for e in &report.input_errors {
            eprintln!("{}: error: {}", location(e), e.message);
        }
    }
    if args.format == Format::Human && !args.quiet {
        eprintln!("{}", render::human::summary(&report));
    }
    // The rule set holds ~100k small allocations; the process is about to exit,
    // so freeing them one by one would only cost time.
    std::mem::forget(rules);
    Ok(if !report.input_errors.is_empty() {
        EXIT_ERROR
    } else if report.fails(fail_on) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn location(e: &InputError) -> String {
    match e.position {
        Some((l, c)) => format!("{}:{l}:{c}", e.path),
        None => e.path.clone(),
    }
}
