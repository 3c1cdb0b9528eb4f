//! The command line: resolve settings, run a subcommand, map the outcome to an exit code.
//!
//! This is one of the few places that prints. Errors are rendered like
//! diagnostics (config and rule errors with a snippet of the TOML).
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod args;
mod check;
mod facts;
mod init;
mod printer;
mod rules;
mod test;

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

/// What [`main_with`] runs once `check` has built its rule sets, before any story.
static CHECKING_BEGINS: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// [`main`], with `checking_begins` run once `check` has built its rule sets and is about
/// to check the stories: the binary tunes its allocator there, since start-up (tens of
/// thousands of tables built at once) and checking (memory taken and freed story by
/// story) are best served differently.
pub fn main_with(checking_begins: fn()) -> ExitCode {
    let _ = CHECKING_BEGINS.set(checking_begins);
    main()
}

/// Runs the hook given to [`main_with`], if any.
fn checking_begins() {
    if let Some(f) = CHECKING_BEGINS.get() {
        f();
    }
}

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
        Command::Test(a) => test::run(&a),
        Command::Init => Ok(init::run()),
        Command::Completions { shell } => Ok(completions(shell)),
        Command::Man => Ok(man()),
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

/// The settings of the working folder: `--config`, none with `--isolated`, or the
/// nearest copydesk.toml from the working folder upward (for commands that are not
/// about particular articles: `rules`, `explain`, `facts`).
fn settings(opts: &RuleOptions) -> Result<Settings, LoadError> {
    let mut configs = Configs::new(opts);
    let i = configs.for_folder(std::path::Path::new("."))?;
    Ok(configs.list.swap_remove(i))
}

/// Where each article's settings come from, the same rule for the command line and
/// the language server: `--config FILE` for every article; none with `--isolated`
/// (the built-in packs and defaults); else the nearest trusted copydesk.toml from the
/// article's folder upward. The command line's rule options apply on top of each.
/// Each config file is loaded once.
pub(crate) struct Configs<'a> {
    opts: &'a RuleOptions,
    /// Folder (absolute) → index in `list`.
    folders: std::collections::HashMap<std::path::PathBuf, usize>,
    /// Config file (as loaded; `None`: defaults) → index in `list`.
    files: std::collections::HashMap<Option<std::path::PathBuf>, usize>,
    warned: std::collections::HashSet<std::path::PathBuf>,
    /// `--exclude` globs and `--force-exclude`, added to every config.
    exclude: (&'a [String], bool),
    /// The settings loaded so far.
    pub list: Vec<Settings>,
}

impl<'a> Configs<'a> {
    pub(crate) fn new(opts: &'a RuleOptions) -> Configs<'a> {
        Configs {
            opts,
            folders: Default::default(),
            files: Default::default(),
            warned: Default::default(),
            exclude: (&[], false),
            list: Vec::new(),
        }
    }

    /// Adds `check --exclude` globs and `--force-exclude` to every config.
    pub(crate) fn with_exclude(mut self, globs: &'a [String], force: bool) -> Configs<'a> {
        self.exclude = (globs, force);
        self
    }

    /// The index in [`Configs::list`] of the settings for articles in `folder`.
    ///
    /// # Errors
    /// The config file cannot be loaded, or a rule id on the command line is unknown.
    pub(crate) fn for_folder(&mut self, folder: &std::path::Path) -> Result<usize, LoadError> {
        let abs = crate::walk::absolute(folder);
        if let Some(&i) = self.folders.get(&abs) {
            return Ok(i);
        }
        let config = if self.opts.isolated {
            None
        } else if let Some(p) = &self.opts.config {
            if !p.is_file() {
                return Err(LoadError::Io {
                    path: p.display().to_string(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "config file not found; name an existing copydesk.toml, or leave out --config",
                    ),
                });
            }
            Some(p.clone())
        } else {
            let found = config::discover(&abs);
            for u in found.untrusted {
                if self.warned.insert(u.folder.clone()) {
                    eprintln!("copydesk: warning: {}", u.warning());
                }
            }
            found
                .path
                .map(|rel| crate::walk::from_working_folder(&crate::walk::absolute(&abs.join(rel))))
        };
        let i = match self.files.get(&config) {
            Some(&i) => i,
            None => {
                let s = self.load(config.as_deref())?;
                self.list.push(s);
                self.files.insert(config, self.list.len() - 1);
                self.list.len() - 1
            }
        };
        self.folders.insert(abs, i);
        Ok(i)
    }

    /// The index of the settings for the article at `path` (standard input: the
    /// name given with `--stdin-filename`, else the working folder).
    pub(crate) fn for_article(&mut self, path: &std::path::Path) -> Result<usize, LoadError> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => std::path::Path::new("."),
        };
        self.for_folder(folder)
    }

    /// Loads one config (or the defaults) and applies the command line's selection.
    fn load(&self, path: Option<&std::path::Path>) -> Result<Settings, LoadError> {
        let mut s = match path {
            Some(p) => config::load(p)?,
            None => Settings::defaults(std::path::PathBuf::from(".")),
        };
        let opts = self.opts;
        if !opts.rules.is_empty() || !opts.disable.is_empty() {
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
        }
        s.selection.only.extend(opts.rules.iter().cloned());
        s.selection.disable.extend(opts.disable.iter().cloned());
        s.exclude.extend(self.exclude.0.iter().cloned());
        s.force_exclude |= self.exclude.1;
        Ok(s)
    }
}

/// `copydesk completions SHELL`: the completion script, generated from the clap
/// definitions, so it always knows every subcommand and option.
fn completions(shell: clap_complete::Shell) -> u8 {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut cmd, "copydesk", &mut std::io::stdout());
    EXIT_CLEAN
}

/// `copydesk man`: the manual page (roff), generated from the clap definitions: the
/// command, then each subcommand as a section.
fn man() -> u8 {
    use std::io::Write;
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    let mut render = || -> std::io::Result<()> {
        clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = format!("copydesk {}", sub.get_name());
            writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
            let sub = sub.clone().bin_name(name);
            let man = clap_mangen::Man::new(sub);
            man.render_description_section(&mut out)?;
            man.render_synopsis_section(&mut out)?;
            man.render_options_section(&mut out)?;
        }
        std::io::stdout().write_all(&out)
    };
    match render() {
        Ok(()) => EXIT_CLEAN,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            eprintln!("copydesk man: cannot write: {e}");
            EXIT_ERROR
        }
    }
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
                        "  {:<20} cost {:.2}  rank {:.2}  edits {}",
                        s.word, s.cost, s.rank, s.distance
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
