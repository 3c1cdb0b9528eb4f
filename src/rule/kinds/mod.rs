//! The rule kinds: one module each, registered in [`KINDS`].
//!
//! Each kind defines its TOML spec with [`crate::rule_spec!`] (which adds the keys
//! every rule has) and implements [`Kind`]: how to compile a spec into a rule.

pub mod consistency;
pub mod date_check;
pub mod dateline_check;
pub mod dictionary;
pub mod existence;
pub mod name_consistency;
pub mod near_miss;
pub mod number_consistency;
pub mod office_title;
pub mod quote_balance;
pub mod repetition;
pub mod substitution;

use crate::document::Scope;
use crate::error::SourceError;
use crate::facts::Facts;
use crate::finding::Level;
use crate::lexicon::Dictionary;
use crate::matcher::{MatcherBuilder, TermRef};
use crate::rule::{Example, Rule, RuleMeta};
use regex::Regex;
use serde::de::DeserializeOwned;
use std::ops::Range;
use std::sync::Arc;

/// The keys every rule file has, borrowed from its spec.
pub struct Common<'a> {
    /// `level`.
    pub level: Level,
    /// `message`.
    pub message: &'a str,
    /// `description`.
    pub description: &'a str,
    /// `link`.
    pub link: Option<&'a str>,
    /// `scope`, if given.
    pub scope: Option<Scope>,
    /// `examples`.
    pub examples: &'a [Example],
    /// `valid-from`.
    pub valid_from: Option<&'a toml::Spanned<crate::document::dates::DateText>>,
    /// `valid-until`.
    pub valid_until: Option<&'a toml::Spanned<crate::document::dates::DateText>>,
}

/// Implemented by every spec made with [`crate::rule_spec!`].
pub trait SpecCommon {
    /// The common keys.
    fn common(&self) -> Common<'_>;
}

/// Declares a kind's TOML spec: the given fields plus the common keys
/// (`kind`, `level`, `message`, `description`, `link`, `scope`, `examples`).
/// Unknown keys are errors; keys are kebab-case.
#[macro_export]
macro_rules! rule_spec {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $f:ident : $t:ty,)* }) => {
        $(#[$m])*
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub struct $name {
            /// The kind's name.
            pub kind: String,
            /// Severity; `warning` when absent.
            #[serde(default = "crate::rule::kinds::default_level")]
            pub level: $crate::finding::Level,
            /// Message template.
            pub message: String,
            /// Longer text for `copydesk explain`.
            #[serde(default)]
            pub description: String,
            /// Link to the convention.
            #[serde(default)]
            pub link: Option<String>,
            /// Where the rule applies; each kind has its default.
            #[serde(default)]
            pub scope: Option<$crate::document::Scope>,
            /// Examples run by the test suite.
            #[serde(default)]
            pub examples: Vec<$crate::rule::Example>,
            /// First article date the rule applies to (YYYY-MM-DD, quoted or not).
            #[serde(default)]
            pub valid_from: Option<toml::Spanned<$crate::document::dates::DateText>>,
            /// Last article date the rule applies to.
            #[serde(default)]
            pub valid_until: Option<toml::Spanned<$crate::document::dates::DateText>>,
            $($(#[$fm])* pub $f: $t,)*
        }
        impl $crate::rule::kinds::SpecCommon for $name {
            fn common(&self) -> $crate::rule::kinds::Common<'_> {
                $crate::rule::kinds::Common {
                    level: self.level,
                    message: &self.message,
                    description: &self.description,
                    link: self.link.as_deref(),
                    scope: self.scope,
                    examples: &self.examples,
                    valid_from: self.valid_from.as_ref(),
                    valid_until: self.valid_until.as_ref(),
                }
            }
        }
    };
}

/// Serde default for options that are on unless a rule turns them off.
pub fn yes() -> bool {
    true
}

/// The level of a rule that does not say.
pub fn default_level() -> Level {
    Level::Warning
}

/// What a kind may use while compiling one rule.
pub struct CompileCx<'a> {
    /// Index of the rule being compiled in the rule set.
    pub rule_index: u32,
    /// Where literal terms and regexes are registered.
    pub matcher: &'a mut MatcherBuilder,
    /// The knowledge base.
    pub facts: &'a Arc<Facts>,
    /// The English dictionary.
    pub dictionary: Dictionary,
    /// The newsroom's own vocabulary (accepted and rejected words).
    pub vocabulary: &'a crate::lexicon::Vocabulary,
    /// The rule file's display path.
    pub path: &'a str,
    /// The rule file's text.
    pub text: &'a Arc<str>,
    /// The rule file, for data files beside it.
    pub file: &'a crate::pack::RuleFile,
}

impl CompileCx<'_> {
    /// An error in this rule file at `span`.
    pub fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> SourceError {
        SourceError::new(self.path, self.text.clone(), span, message)
    }

    /// Registers literal term number `term` of this rule.
    pub fn literal(&mut self, term: usize, text: &str, case_sensitive: bool) {
        let at = TermRef {
            rule: self.rule_index,
            term: u32::try_from(term).expect("fewer than 4 billion terms"),
        };
        self.matcher.add_literal(at, text, case_sensitive);
    }

    /// Registers a compiled word list: its entry i is term i of this rule (see
    /// [`MatcherBuilder::add_word_table`]).
    pub fn word_table(&mut self, table: crate::word_table::WordTable) {
        self.matcher.add_word_table(self.rule_index, table);
    }

    /// Compiles a regex written at `span`, or says where it is wrong.
    pub fn regex(&self, pattern: &str, span: Range<usize>) -> Result<Regex, SourceError> {
        regex::RegexBuilder::new(pattern)
            .size_limit(1 << 22)
            .build()
            .map_err(|e| {
                self.error(
                    Some(span),
                    format!("invalid regex: {}", first_line(&e.to_string())),
                )
                .with_help("regexes use Rust `regex` syntax: no look-around or backreferences")
            })
    }
}

/// The one line of a regex error that says what is wrong.
fn first_line(s: &str) -> String {
    let line = s
        .lines()
        .rev()
        .find(|l| l.starts_with("error:"))
        .unwrap_or(s.lines().next().unwrap_or(s));
    line.trim_start_matches("error:").trim().to_string()
}

/// A rule kind: a spec type and how to compile it.
pub trait Kind: Rule + Sized + 'static {
    /// The `kind = "…"` name.
    const NAME: &'static str;
    /// Scope when the rule file does not set one.
    const DEFAULT_SCOPE: Scope;
    /// The TOML spec.
    type Spec: DeserializeOwned + SpecCommon;
    /// Builds the rule.
    fn compile(spec: Self::Spec, cx: &mut CompileCx<'_>) -> Result<Self, SourceError>;
}

/// A rule as compiled: its metadata and its check.
pub type Compiled = (RuleMeta, Box<dyn Rule>);

/// Compiles a rule file of kind `K` from its parsed TOML.
pub type CompileFn =
    fn(toml::de::Deserializer<'_>, RuleMeta, &mut CompileCx<'_>) -> Result<Compiled, SourceError>;

fn compile_kind<K: Kind>(
    de: toml::de::Deserializer<'_>,
    mut meta: RuleMeta,
    cx: &mut CompileCx<'_>,
) -> Result<Compiled, SourceError> {
    let spec = K::Spec::deserialize(de)
        .map_err(|e| SourceError::from_toml(cx.path, cx.text.clone(), &e))?;
    let c = spec.common();
    meta.kind = K::NAME;
    meta.level = c.level;
    meta.message = c.message.to_string();
    meta.description = c.description.to_string();
    meta.link = c.link.map(str::to_string);
    meta.scope = c.scope.unwrap_or(K::DEFAULT_SCOPE);
    meta.examples = c.examples.to_vec();
    meta.valid_from = c.valid_from.map(|d| plain_date(d, cx)).transpose()?;
    meta.valid_until = c.valid_until.map(|d| plain_date(d, cx)).transpose()?;
    if let (Some(from), Some(until), Some(span)) = (
        meta.valid_from,
        meta.valid_until,
        c.valid_until.map(|d| d.span()),
    ) && until < from
    {
        return Err(cx.error(Some(span), "`valid-until` is before `valid-from`"));
    }
    let rule = K::compile(spec, cx)?;
    Ok((meta, Box::new(rule)))
}

use serde::Deserialize as _;

/// A rule file's date (`2019-10-01`, quoted or not, no time) as a calendar date.
fn plain_date(
    d: &toml::Spanned<crate::document::dates::DateText>,
    cx: &CompileCx<'_>,
) -> Result<jiff::civil::Date, SourceError> {
    let text = &d.get_ref().0;
    let plain = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    match text.parse::<jiff::civil::Date>() {
        Ok(date) if plain => Ok(date),
        _ => Err(cx.error(
            Some(d.span()),
            format!("'{text}' is not a plain date; write e.g. 2019-10-01"),
        )),
    }
}

/// Lists kinds as `(name, compile fn)` pairs.
macro_rules! kinds {
    ($($ty:path),* $(,)?) => {
        &[$((<$ty as Kind>::NAME, compile_kind::<$ty>)),*]
    };
}

/// True when word `i` of `doc` is a particle of a foreign name: "Banco Portugues de
/// Investimento" and "Vincent van Gogh" are not slips; "Stade de Fance" needs the
/// story's evidence.
pub(crate) fn name_particle(doc: &crate::document::Document, i: usize) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "do", "da", "dos", "das", "del", "della", "di", "du", "des", "von", "van", "der",
        "den", "y",
    ];
    doc.words
        .get(i)
        .is_some_and(|w| PARTICLES.contains(&doc.slice(w)))
}

/// Every kind, by name.
pub const KINDS: &[(&str, CompileFn)] = kinds![
    existence::Existence,
    substitution::Substitution,
    repetition::Repetition,
    consistency::Consistency,
    near_miss::NearMiss,
    dictionary::Dictionary,
    office_title::OfficeTitle,
    quote_balance::QuoteBalance,
    date_check::DateCheck,
    dateline_check::DatelineCheck,
    name_consistency::NameConsistency,
    number_consistency::NumberConsistency,
];

/// The compile function for `name`.
pub fn find(name: &str) -> Option<CompileFn> {
    KINDS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

#[cfg(test)]
pub(crate) mod test_support {
    //! `assert_findings` and `assert_fix` for the kinds' unit tests.
    use crate::document::{DocKind, Document};
    use crate::finding::Finding;
    use crate::pack::RuleSet;

    /// Compiles one rule file (TOML) against the built-in knowledge base.
    pub fn rule(toml: &str) -> RuleSet {
        RuleSet::single("test/rule", toml)
            .unwrap_or_else(|e| panic!("rule does not compile: {e:?}"))
    }

    /// Runs the rule on `text`.
    pub fn findings(text: &str, rules: &RuleSet) -> Vec<Finding> {
        rules.check(&Document::new(text.to_string(), DocKind::Text))
    }

    /// Asserts `n` findings and returns them.
    pub fn assert_findings(text: &str, rules: &RuleSet, n: usize) -> Vec<Finding> {
        let f = findings(text, rules);
        assert_eq!(f.len(), n, "findings on {text:?}: {f:#?}");
        f
    }

    /// Asserts that applying all fixes to `text` gives `expected`, and that the result is clean.
    pub fn assert_fix(text: &str, rules: &RuleSet, expected: &str) {
        let f = findings(text, rules);
        let (fixed, _) = crate::fix::apply(text, &f, true);
        assert_eq!(fixed, expected);
        assert_findings(&fixed, rules, 0);
    }
}
