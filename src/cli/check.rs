//! `copydesk check`: inputs → documents → rule set → findings → recorded findings
//! removed (ignore file, baseline) → printer; with `--fix`/`--diff`, fixes applied
//! until stable and written atomically.
//!
//! Each article is checked with the settings of its own copydesk.toml (see
//! [`super::Configs`]); the output is in [`super::printer`].

use super::args::CheckArgs;
use super::printer::{self, Printed};
use super::{Configs, EXIT_CLEAN, EXIT_ERROR};
use crate::config::Settings;
use crate::document::{DocKind, Document};
use crate::error::LoadError;
use crate::ignore::{Baseline, Entries, FileFindings, IgnoreFile};
use crate::pack::RuleSet;
use crate::render::{self, FileReport, Report};
use crate::walk::{self, InputError};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One input: the name shown, the file (none for standard input), its text, and
/// the index of its settings.
struct Input {
    name: String,
    path: Option<PathBuf>,
    text: Result<String, InputError>,
    config: usize,
}

/// What checking one input produced.
struct Checked {
    report: FileReport,
    config: usize,
    fixes: usize,
    /// Fixes applied per rule.
    by_rule: BTreeMap<String, usize>,
    diff: Option<String>,
    /// Standard input's fixed text, printed instead of a report with `--fix`.
    fixed_stdin: Option<String>,
    /// Mistakes in the input itself (a suppression comment naming no rule).
    errors: Vec<InputError>,
}

/// What the articles of one configuration are checked with.
struct Context<'a> {
    settings: &'a Settings,
    rules: RuleSet,
    ignore: IgnoreFile,
    fail_on: crate::finding::Level,
    year: Option<i16>,
}

/// What [`read_inputs`] found.
struct Inputs {
    inputs: Vec<Input>,
    errors: Vec<InputError>,
    /// Named paths `--force-exclude` skipped.
    excluded: usize,
}

/// The inputs, with the settings each is checked with. A folder named on the
/// command line is walked with the settings of its own copydesk.toml; each file
/// found is checked with the settings of the copydesk.toml nearest to it.
fn read_inputs(args: &CheckArgs, configs: &mut Configs<'_>) -> Result<Inputs, LoadError> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut by_config: BTreeMap<usize, Vec<PathBuf>> = BTreeMap::new();
    for p in paths.iter().filter(|p| p.as_os_str() != "-") {
        let i = if p.is_dir() {
            configs.for_folder(p)?
        } else {
            configs.for_article(p)?
        };
        by_config.entry(i).or_default().push(p.clone());
    }
    let mut found = Inputs {
        inputs: Vec::new(),
        errors: Vec::new(),
        excluded: 0,
    };
    let mut files = Vec::new();
    for (i, named) in by_config {
        let c = walk::collect(&named, &configs.list[i]);
        files.extend(c.files);
        found.errors.extend(c.errors);
        found.excluded += c.excluded;
    }
    files.sort();
    walk::dedup_same_files(&mut files);
    if paths.iter().any(|p| p.as_os_str() == "-") {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".into());
        let config = configs.for_article(Path::new(&name))?;
        found.inputs.push(Input {
            text: walk::read_text(&name, std::io::stdin().lock()),
            name,
            path: None,
            config,
        });
    }
    let mut with_config = Vec::with_capacity(files.len());
    for p in files {
        let config = configs.for_article(&p)?;
        with_config.push((p, config));
    }
    found.inputs.extend(each(with_config, |(p, config)| Input {
        name: crate::pack::display_path(&p),
        text: walk::read(&p),
        path: Some(p),
        config,
    }));
    Ok(found)
}

/// `f` applied to every item, in order: on rayon's threads when there are several items,
/// on this one when there is one (the common case of a story checked on save or in a
/// pre-commit hook), so a lone story never pays for starting the thread pool, whose
/// idle workers also compete with it for the core.
fn each<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < 2 {
        items.into_iter().map(f).collect()
    } else {
        items.into_par_iter().map(f).collect()
    }
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
    for glob in &args.exclude {
        if let Err(e) = globset::Glob::new(glob) {
            return Err(LoadError::Usage(format!(
                "--exclude {glob}: invalid glob: {e}; nothing was checked"
            )));
        }
    }
    let mut configs =
        Configs::new(&args.rule_options).with_exclude(&args.exclude, args.force_exclude);
    let Inputs {
        inputs,
        errors: mut input_errors,
        excluded,
    } = read_inputs(&args, &mut configs)?;
    if inputs.is_empty() && input_errors.is_empty() {
        return Ok(nothing_to_check(&args.paths, excluded));
    }
    let today = crate::document::dates::today();
    let mut contexts: Vec<Option<Context<'_>>> = Vec::new();
    let used: BTreeSet<usize> = inputs.iter().map(|i| i.config).collect();
    for (i, settings) in configs.list.iter().enumerate() {
        contexts.push(if used.contains(&i) {
            Some(Context {
                rules: settings.rule_set()?,
                ignore: IgnoreFile::load(IgnoreFile::beside(settings.config_path.as_deref()))?,
                fail_on: args.fail_on.unwrap_or(settings.fail_on),
                year: args.year.or(settings.year),
                settings,
            })
        } else {
            None
        });
    }
    super::checking_begins();
    let context = |i: usize| {
        contexts[i]
            .as_ref()
            .expect("built for every input's settings")
    };
    if args.show_settings {
        return Ok(show_settings(&args, &inputs, &context, today));
    }

    let mut results: Vec<Result<Checked, InputError>> =
        each(inputs, |input| check_one(&args, input, context, today));
    let mut checked = Vec::new();
    for r in results.drain(..) {
        match r {
            Ok(mut c) => {
                input_errors.append(&mut c.errors);
                checked.push(c);
            }
            Err(e) => input_errors.push(e),
        }
    }
    checked.sort_by(|a, b| a.report.path.cmp(&b.report.path));

    // Findings recorded in each configuration's ignore file, then in the baseline.
    for (i, ctx) in contexts.iter().enumerate() {
        let Some(ctx) = ctx else { continue };
        let mut group: Vec<&mut Checked> = checked.iter_mut().filter(|c| c.config == i).collect();
        let mut files = file_findings(&mut group);
        ctx.ignore.retain(&mut files);
    }
    if let Some(path) = &args.baseline {
        let baseline = Baseline::load(path.clone())?;
        let mut all: Vec<&mut Checked> = checked.iter_mut().collect();
        let stale = baseline.retain(&mut file_findings(&mut all));
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
        return Ok(record_findings(&args, &checked, &input_errors, &context));
    }

    let failed = checked.iter().any(|c| {
        let level = context(c.config).fail_on;
        c.report.findings.iter().any(|f| f.level >= level)
    });
    let mut printed = Printed::default();
    let mut rules: BTreeMap<String, crate::rule::RuleMeta> = BTreeMap::new();
    for ctx in contexts.iter().flatten() {
        for r in ctx.rules.rules() {
            rules.entry(r.id.clone()).or_insert_with(|| r.clone());
        }
    }
    let mut report = Report {
        input_errors,
        rules: rules.into_values().collect(),
        ..Report::default()
    };
    for c in checked {
        printed.fixes += c.fixes;
        if !c.by_rule.is_empty() {
            printed.fixed.push((c.report.path.clone(), c.by_rule));
        }
        printed.diffs.extend(c.diff);
        printed.fixed_stdin = printed.fixed_stdin.or(c.fixed_stdin);
        report.files.push(c.report);
    }
    printed.diffs.sort();
    let status = printer::print(&args, &report, &printed, failed);
    // The rule sets hold ~100k small allocations; the process is about to exit,
    // so freeing them one by one would only cost time.
    std::mem::forget(contexts);
    Ok(status)
}

/// The findings of checked files, for the ignore file and the baseline.
fn file_findings<'a>(group: &'a mut [&mut Checked]) -> Vec<FileFindings<'a>> {
    group
        .iter_mut()
        .map(|c| FileFindings {
            path: Path::new(&c.report.path),
            text: &c.report.text,
            findings: &mut c.report.findings,
        })
        .collect()
}

/// Checks (and with `--fix`/`--diff`, fixes) one input.
fn check_one<'a>(
    args: &CheckArgs,
    input: Input,
    context: impl Fn(usize) -> &'a Context<'a>,
    today: jiff::civil::Date,
) -> Result<Checked, InputError> {
    let ctx = context(input.config);
    let text = input.text?;
    let kind = DocKind::from_path(&input.name);
    if args.date.is_none() {
        front_matter_date(&input.name, &text, kind)?;
    }
    let prepare = |doc: &mut Document| doc.resolve_date(args.date, ctx.year, today);
    let mut remarks = Vec::new();
    let mut by_rule = BTreeMap::new();
    let (doc, findings, fixes, diff, fixed_stdin) = if args.fix || args.diff {
        let fixed =
            crate::fix::fix_until_stable(&ctx.rules, kind, &text, args.unsafe_fixes, &prepare);
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
        by_rule = fixed.by_rule;
        (fixed.doc, fixed.findings, fixed.fixes, diff, stdin)
    } else {
        let mut doc = Document::new(text, kind);
        prepare(&mut doc);
        let (findings, r) = ctx.rules.check_with_remarks(&doc);
        remarks = r;
        (doc, findings, 0, None, None)
    };
    if args.verbose
        && let Some(d) = doc.article_date()
    {
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
        config: input.config,
        fixes,
        by_rule,
        diff,
        fixed_stdin,
        errors,
    })
}

/// `--show-settings`: the settings each article would be checked with, and its
/// date with where it comes from. Checks nothing; exit 2 if an article's date
/// cannot be read.
fn show_settings<'a>(
    args: &CheckArgs,
    inputs: &[Input],
    context: &impl Fn(usize) -> &'a Context<'a>,
    today: jiff::civil::Date,
) -> u8 {
    let mut shown = BTreeSet::new();
    let mut status = EXIT_CLEAN;
    for input in inputs {
        if shown.insert(input.config) {
            let ctx = context(input.config);
            print!("{}", describe(ctx));
        }
    }
    println!("articles:");
    for input in inputs {
        let ctx = context(input.config);
        let config = ctx
            .settings
            .config_path
            .as_deref()
            .map_or_else(|| "no copydesk.toml".to_string(), crate::pack::display_path);
        let date = match &input.text {
            Err(e) => Err(e.clone()),
            Ok(text) => {
                let kind = DocKind::from_path(&input.name);
                let read = if args.date.is_none() {
                    front_matter_date(&input.name, text, kind)
                } else {
                    Ok(())
                };
                read.map(|()| {
                    let mut doc = Document::new(text.clone(), kind);
                    doc.resolve_date(args.date, ctx.year, today);
                    doc.article_date().expect("resolved just above")
                })
            }
        };
        match date {
            Ok(d) => println!(
                "  {}: {config}; dated {} (from {})",
                input.name, d.date, d.source
            ),
            Err(e) => {
                println!("  {}: {config}; not readable: {}", input.name, e.message);
                status = EXIT_ERROR;
            }
        }
    }
    status
}

/// What `--show-settings` says of one configuration.
fn describe(ctx: &Context<'_>) -> String {
    use std::fmt::Write;
    let s = ctx.settings;
    let list = |v: &[PathBuf]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter()
                .map(|p| crate::pack::display_path(p))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let globs = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    let mut out = String::new();
    let _ = match &s.config_path {
        Some(p) => writeln!(out, "config: {}", crate::pack::display_path(p)),
        None => writeln!(out, "config: none (built-in packs and defaults)"),
    };
    let ids: Vec<&str> = ctx.rules.rules().map(|r| r.id.as_str()).collect();
    let _ = writeln!(out, "  packs: {}", list(&s.packs));
    let _ = writeln!(out, "  facts: {}", list(&s.facts));
    let _ = writeln!(out, "  vocabulary: {}", list(&s.vocabulary));
    let _ = writeln!(
        out,
        "  include: {}; exclude: {}; force-exclude: {}",
        globs(&s.include),
        globs(&s.exclude),
        s.force_exclude
    );
    let _ = writeln!(
        out,
        "  fail-on: {}; year of short datelines: {}",
        ctx.fail_on.as_str(),
        ctx.year
            .map_or_else(|| "this year".to_string(), |y| y.to_string())
    );
    let _ = writeln!(
        out,
        "  ignore file: {}",
        crate::pack::display_path(&ctx.ignore.path)
    );
    let _ = writeln!(out, "  rules ({} enabled): {}", ids.len(), ids.join(", "));
    out
}

/// `--write-baseline` and `--add-ignore`: records the findings, or writes
/// nothing when an input could not be checked (a baseline or ignore file
/// without that input's findings would hide nothing, then report them all as
/// new). Ignore entries go to each configuration's own ignore file, named
/// relative to it. Returns the exit status.
fn record_findings<'a>(
    args: &CheckArgs,
    checked: &[Checked],
    input_errors: &[InputError],
    context: &impl Fn(usize) -> &'a Context<'a>,
) -> u8 {
    let flag = if args.add_ignore {
        "--add-ignore"
    } else {
        "--write-baseline"
    };
    if !input_errors.is_empty() {
        let targets: BTreeSet<String> = match &args.write_baseline {
            Some(p) => [crate::pack::display_path(p)].into(),
            None => checked
                .iter()
                .map(|c| crate::pack::display_path(&context(c.config).ignore.path))
                .chain(
                    checked
                        .is_empty()
                        .then(|| crate::ignore::IGNORE_FILE.to_string()),
                )
                .collect(),
        };
        for e in input_errors {
            eprintln!("{}: error: {}", printer::location(e), e.message);
        }
        eprintln!(
            "copydesk: error: {flag}: nothing written to {}: {} input(s) could not be checked; \
             fix them or leave them out, then run again",
            targets.into_iter().collect::<Vec<_>>().join(", "),
            input_errors.len()
        );
        return EXIT_ERROR;
    }
    let mut writes: BTreeMap<PathBuf, Entries> = BTreeMap::new();
    for c in checked {
        let (path, entries) = match &args.write_baseline {
            Some(p) => (
                p.clone(),
                c.report
                    .findings
                    .iter()
                    .map(|f| Entries::entry(&c.report.path, &c.report.text, f))
                    .collect::<Vec<_>>(),
            ),
            None => {
                let ignore = &context(c.config).ignore;
                let file = Path::new(&c.report.path);
                (
                    ignore.path.clone(),
                    c.report
                        .findings
                        .iter()
                        .map(|f| ignore.entry(file, &c.report.text, f))
                        .collect(),
                )
            }
        };
        writes.entry(path).or_default().entries.extend(entries);
    }
    if let Some(p) = &args.write_baseline {
        writes.entry(p.clone()).or_default();
    }
    for (path, entries) in writes {
        let n = entries.entries.len();
        let written = if args.add_ignore {
            crate::ignore::add(&path, entries.entries, args.force)
        } else {
            let options = crate::writer::WriteOptions {
                force: args.force,
                within: None,
            };
            let text = entries.to_toml(crate::ignore::BASELINE_HEADER);
            crate::writer::write_file(&path, crate::writer::Expect::Anything, &text, options)
        };
        match written {
            Ok(()) => eprintln!(
                "{} {n} finding(s) to {}",
                if args.add_ignore { "added" } else { "wrote" },
                crate::pack::display_path(&path)
            ),
            Err(e) => {
                eprintln!("copydesk: error: {e}");
                return EXIT_ERROR;
            }
        }
    }
    EXIT_CLEAN
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

/// A unified diff of one file, with `a/` and `b/` headers like `git diff`.
fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
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
