//! The command line: resolve settings, run a subcommand, map the outcome to an exit code.
//!
//! This is one of the few places that prints. Errors are rendered like
//! diagnostics (config and rule errors with a snippet of the TOML).
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod args;
mod check;
pub use check::{IGNORE_FILE, IGNORE_HEADER, add_to_ignore_file};
mod facts;
mod init;
mod rules;

use crate::config::{self, Settings};
use crate::error::LoadError;
use args::{Cli, Command, RuleOptions};
use std::process::ExitCode;

/// Exit status: nothing at or above `--fail-on`.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage, configuration or input error.
pub const EXIT_ERROR: u8 = 2;

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = match <Cli as clap::Parser>::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    ExitCode::from(run(cli))
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> u8 {
    let result = match cli.command {
        Command::Check(a) => check::run(a),
        Command::Rules(a) => rules::list(a),
        Command::Explain(a) => rules::explain(a),
        Command::Facts(c) => facts::run(c),
        Command::Spell(a) => Ok(spell(&a)),
        Command::Init => Ok(init::run()),
        Command::Lsp => match crate::lsp::run_stdio() {
            Ok(()) => Ok(EXIT_CLEAN),
            Err(e) => {
                eprintln!("copydesk lsp: {e}");
                Ok(EXIT_ERROR)
            }
        },
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            report_load_error(&e);
            EXIT_ERROR
        }
    }
}

/// Prints a load error: located errors as diagnostics, others as one line.
fn report_load_error(e: &LoadError) {
    let color = use_color(
        args::Color::Auto,
        std::io::IsTerminal::is_terminal(&std::io::stderr()),
    );
    match e {
        LoadError::Source(errors) => {
            for err in errors {
                eprint!("{}", crate::render::source_error(err, color));
            }
            eprintln!(
                "copydesk: {} configuration error(s); nothing was checked",
                errors.len()
            );
        }
        LoadError::Io { .. } | LoadError::Usage(_) => eprintln!("copydesk: error: {e}"),
    }
}

fn use_color(choice: args::Color, is_terminal: bool) -> bool {
    match choice {
        args::Color::Always => true,
        args::Color::Never => false,
        args::Color::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Settings from `--config` or the discovered file, then command-line selection.
fn settings(opts: &RuleOptions) -> Result<Settings, LoadError> {
    let cwd = std::env::current_dir().map_err(|source| LoadError::Io {
        path: ".".into(),
        source,
    })?;
    let path = match &opts.config {
        Some(p) if !p.is_file() => {
            return Err(LoadError::Io {
                path: p.display().to_string(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "config file not found"),
            });
        }
        Some(p) => Some(p.clone()),
        None => {
            let found = config::discover(&cwd);
            for u in &found.untrusted {
                eprintln!("copydesk: warning: {}", u.warning());
            }
            found.path
        }
    };
    let mut s = match path {
        Some(p) => config::load(&p)?,
        None => Settings::defaults(cwd),
    };
    let ids = s.rule_ids()?;
    let named = [("--rule", &opts.rules), ("--disable", &opts.disable)];
    let unknown: Vec<String> = named
        .iter()
        .flat_map(|(flag, list)| list.iter().map(move |p| (flag, p)))
        .filter_map(|(flag, p)| {
            let why = crate::pack::unknown_id(p, ids.iter().map(String::as_str))?;
            Some(format!("{flag} {p}: {why}"))
        })
        .collect();
    if !unknown.is_empty() {
        return Err(LoadError::Usage(format!(
            "{}; nothing was run; `copydesk rules` lists the rule ids",
            unknown.join("; ")
        )));
    }
    s.selection.only.extend(opts.rules.iter().cloned());
    s.selection.disable.extend(opts.disable.iter().cloned());
    Ok(s)
}

/// `copydesk spell`: each word's dictionary entry or its ranked suggestions. A closed
/// pipe (`copydesk spell … | head`) ends the output quietly.
fn spell(args: &args::SpellArgs) -> u8 {
    use crate::lexicon::spell;
    use std::io::Write;
    let story: Vec<String> = args.story.iter().map(|w| w.to_lowercase()).collect();
    let mut out = std::io::stdout().lock();
    let report = |out: &mut dyn Write, word: &str| -> std::io::Result<()> {
        match spell::lookup(word) {
            Some(e) => writeln!(out, "{word}: known (class {}, {:?})", e.class, e.case),
            None => {
                let list = spell::suggest(word, &|w| story.iter().any(|s| s == w));
                if list.is_empty() {
                    let max = spell::max_edits(word.chars().count());
                    return writeln!(out, "{word}: unknown; nothing within {max} edits");
                }
                writeln!(out, "{word}: unknown; suggestions:")?;
                for s in list.iter().take(8) {
                    writeln!(
                        out,
                        "  {:<20} cost {:.2}  edits {}",
                        s.word, s.cost, s.distance
                    )?;
                }
                Ok(())
            }
        }
    };
    for word in &args.words {
        if let Err(e) = report(&mut out, word) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                break;
            }
            eprintln!("copydesk spell: cannot write: {e}");
            return EXIT_ERROR;
        }
    }
    EXIT_CLEAN
}
