//! Command-line types (clap derive). No logic lives here.

use crate::config::YEARS;
use crate::finding::Level;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Editorial fact-check and style linter for news copy.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "\
Examples:
  copydesk check examples/                 check every article in a folder
  copydesk check story.md --format line    one line per finding, for editors
  cat story.txt | copydesk check - --stdin-filename story.txt
  copydesk rules                           list the rules
  copydesk explain facts/entity-spelling      what a rule does, with an example";

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles (files, folders, or - for standard input).
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// List the rules that would run.
    Rules(RulesArgs),
    /// Describe a rule and show its examples.
    Explain(ExplainArgs),
    /// Ask the knowledge base: who held an office, a person's offices, the sources.
    #[command(subcommand, after_help = FACTS_EXAMPLES)]
    Facts(FactsCommand),
    /// Look words up in the spelling dictionary and show the ranked suggestions.
    #[command(after_help = SPELL_EXAMPLES)]
    Spell(SpellArgs),
    /// Run the examples of the newsroom's own rules and fact files (for CI).
    #[command(after_help = TEST_EXAMPLES)]
    Test(TestArgs),
    /// Write a commented starter copydesk.toml in the current folder.
    Init,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `copydesk man > copydesk.1`.
    Man,
    /// Run the language server on standard input and output (for editors).
    Lsp,
}

const CHECK_EXAMPLES: &str = "\
Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage, configuration or input error.

Examples:
  copydesk check                            check the current folder
  copydesk check news/ --fail-on warning    fail CI on warnings too
  copydesk check story.txt --disable style  only spelling and facts
  copydesk check story.md --format json     machine-readable findings";

const TEST_EXAMPLES: &str = "\
Each rule's `bad` examples must be flagged by it, its `good` examples must not be, `fixed` must
be what --fix makes of `bad`, and the message's {placeholders} must be ones the rule's kind
fills. A fact file's [[example]] entries are checked against the facts rules.
Exit status: 0 every example holds, 1 one fails, 2 nothing to test or a configuration error.

Examples:
  copydesk test                    the packs and fact files of copydesk.toml
  copydesk test house/per-cent     one rule (or pack)
  copydesk test --builtin          the built-in rules too";

/// `copydesk test` arguments.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Only these rules or packs (default: every rule of the packs in copydesk.toml).
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// Test the built-in rules' examples too.
    #[arg(long)]
    pub builtin: bool,
    /// Rule selection and configuration.
    #[command(flatten)]
    pub rule_options: RuleOptions,
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  copydesk completions bash > ~/.local/share/bash-completion/completions/copydesk
  copydesk completions zsh > \"${fpath[1]}/_copydesk\"
  copydesk completions fish > ~/.config/fish/completions/copydesk.fish";

const SPELL_EXAMPLES: &str = "\
Prints each word's dictionary entry (frequency class 0 commonest .. 2 rare, 3 news vocabulary),
or the suggestions spelling/dictionary would rank for it, cheapest first, with their costs.

Examples:
  copydesk spell recieve wth mln";

/// `copydesk spell` arguments.
#[derive(Debug, Args)]
pub struct SpellArgs {
    /// Words to look up.
    #[arg(required = true)]
    pub words: Vec<String>,
    /// Words the story uses (they rank first, as in a check).
    #[arg(long, value_name = "WORD")]
    pub story: Vec<String>,
}

const FACTS_EXAMPLES: &str = "\
Examples:
  copydesk facts who \"Prime Minister\" Japan --date 2025-02-20
  copydesk facts who Chancellor Germany          every holder on file, with sources
  copydesk facts person \"Fumio Kishida\"
  copydesk facts sources                         each source, its licence, snapshot and coverage";

/// `copydesk facts` subcommands.
#[derive(Debug, Subcommand)]
pub enum FactsCommand {
    /// Who held an office of a country or organization (on a date, or every holder on file).
    Who(FactsWhoArgs),
    /// The offices a person held, with their sources.
    Person(FactsPersonArgs),
    /// Each source of the knowledge base: licence, snapshot date, coverage.
    Sources(FactsSourcesArgs),
}

/// Arguments of `copydesk facts who`.
#[derive(Debug, Args)]
pub struct FactsWhoArgs {
    /// The title, in any form on file ("Prime Minister", "Premier", "Chancellor").
    pub title: String,
    /// The country or organization: name, code or adjective ("Japan", "JPN", "Japanese", "NATO").
    pub country: String,
    /// Only the holder on this day (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<jiff::civil::Date>,
    /// Rule selection and configuration (for a newsroom's own fact files).
    #[command(flatten)]
    pub rule_options: RuleOptions,
}

/// Arguments of `copydesk facts person`.
#[derive(Debug, Args)]
pub struct FactsPersonArgs {
    /// The person's name or a spelling of it on file ("Fumio Kishida", "Erdogan").
    pub name: String,
    /// Rule selection and configuration (for a newsroom's own fact files).
    #[command(flatten)]
    pub rule_options: RuleOptions,
}

/// Arguments of `copydesk facts sources`.
#[derive(Debug, Args)]
pub struct FactsSourcesArgs {
    /// Rule selection and configuration (for a newsroom's own fact files).
    #[command(flatten)]
    pub rule_options: RuleOptions,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics with the text underlined.
    Human,
    /// `path:line:col: level[rule]: message`, for editors' problem matchers.
    Line,
    /// A JSON document with byte spans, line/columns and fixes.
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Checkstyle XML, for Jenkins and reviewdog.
    Checkstyle,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// When standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Options shared by commands that load rules.
#[derive(Debug, Args)]
pub struct RuleOptions {
    /// Use this config file for every article, instead of each article's nearest
    /// copydesk.toml (looked for from the article's folder upward, as the editor does).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use no copydesk.toml: the built-in packs and defaults, with the options given here.
    #[arg(long, visible_alias = "no-config", conflicts_with = "config")]
    pub isolated: bool,
    /// Run only these rules or packs (repeatable), e.g. --rule spelling.
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
    /// Turn off these rules or packs (repeatable); `copydesk/suppression` turns off
    /// the warnings about suppression comments that suppress nothing.
    #[arg(long = "disable", visible_alias = "ignore", value_name = "ID")]
    pub disable: Vec<String>,
}

/// `copydesk check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input. Default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Lowest level that makes the exit status 1 (default: error, or `fail-on` in copydesk.toml).
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<Level>,
    /// Exit 0 even when findings reach `--fail-on` (input errors still exit 2): report
    /// without failing the build.
    #[arg(long)]
    pub exit_zero: bool,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Name to show (and to choose Markdown or text by) for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// No summary line on standard error.
    #[arg(long, short)]
    pub quiet: bool,
    /// The articles' date (YYYY-MM-DD), over front matter and datelines.
    #[arg(long, value_name = "DATE")]
    pub date: Option<jiff::civil::Date>,
    /// The year of datelines that give only month and day (default: `year` in copydesk.toml, else this year).
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i16).range(YEARS))]
    pub year: Option<i16>,
    /// Say which date each article was checked against, and where it came from.
    #[arg(long, short)]
    pub verbose: bool,
    /// Apply safe fixes and rewrite the files (atomically); report what remains.
    /// With `-`, print the fixed text instead.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 if there are any.
    #[arg(long)]
    pub diff: bool,
    /// Also rewrite read-only files (with --fix, --add-ignore, --write-baseline); their mode is kept.
    #[arg(long)]
    pub force: bool,
    /// With --fix or --diff, also apply fixes that need review (a spelling choice, "former").
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Record every current finding in copydesk.ignore.toml (beside each article's
    /// copydesk.toml), so it is not reported again in that file; the entries survive
    /// edits elsewhere in the article and follow a moved story.
    #[arg(long)]
    pub add_ignore: bool,
    /// Record every current finding in FILE, to adopt copydesk on an archive.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings that are not in the baseline FILE; stale entries are listed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Skip files and folders matching GLOB (repeatable), like `exclude` in copydesk.toml.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Apply the exclude globs to files named on the command line too (for pre-commit,
    /// which names every changed file); like `force-exclude = true` in copydesk.toml.
    #[arg(long)]
    pub force_exclude: bool,
    /// Print the settings each article would be checked with (config file, rules,
    /// article date and where it comes from), then stop without checking.
    #[arg(long)]
    pub show_settings: bool,
    /// With --fix, list how many fixes each rule applied in each file.
    #[arg(long)]
    pub show_fixes: bool,
    /// Rule selection and configuration.
    #[command(flatten)]
    pub rule_options: RuleOptions,
}

/// Output of `copydesk rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// Aligned columns.
    Table,
    /// JSON array.
    Json,
}

/// `copydesk rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
    /// Rule selection and configuration.
    #[command(flatten)]
    pub rule_options: RuleOptions,
}

/// `copydesk explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, e.g. facts/entity-spelling.
    pub id: String,
    /// Rule selection and configuration.
    #[command(flatten)]
    pub rule_options: RuleOptions,
}
