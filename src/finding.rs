//! Findings: what a rule reports, as plain serializable data.
//!
//! A finding knows its rule, level, message, byte span and optional fix. It
//! does not know line numbers: those are computed by renderers from the text.

use serde::Serialize;
use std::ops::Range;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Worth knowing; never fails a build by default.
    Info,
    /// Probably wrong; a human should look.
    Warning,
    /// Wrong; must be fixed before publication.
    Error,
}

impl Level {
    /// The lowercase name used in output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// The text to put there.
    pub replacement: String,
}

/// Whether a fix may be applied without a human looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Certainly right: `--fix` applies it.
    MachineApplicable,
    /// Probably right, but a human should choose (e.g. which spelling to keep).
    MaybeIncorrect,
}

/// A suggested change that resolves a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Short imperative description, e.g. "Replace with 'Russian'".
    pub description: String,
    /// The edits; non-overlapping, sorted by start.
    pub edits: Vec<Edit>,
    /// Whether the fix is safe to apply automatically.
    pub applicability: Applicability,
}

impl Fix {
    /// A fix that replaces `span` with `replacement`.
    pub fn replace(
        span: Range<usize>,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        let replacement = replacement.into();
        Fix {
            description: format!("Replace with '{replacement}'"),
            edits: vec![Edit { span, replacement }],
            applicability,
        }
    }
}

/// A secondary location that explains a finding ("first spelled here").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// What this place has to do with the finding.
    pub message: String,
}

/// One problem found in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id, `<pack>/<rule>`.
    pub rule: String,
    /// Severity after configuration overrides.
    pub level: Level,
    /// One-line message with placeholders filled in.
    pub message: String,
    /// Byte range of the offending text in the original document.
    pub span: Range<usize>,
    /// Secondary locations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
    /// Extra lines of explanation (facts and their sources).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// A suggested fix, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

impl Finding {
    /// True when the finding has a fix of this applicability.
    pub fn has_fix(&self, applicability: Applicability) -> bool {
        self.fix
            .as_ref()
            .is_some_and(|f| f.applicability == applicability)
    }

    /// The sort key that makes output deterministic: offset, then rule id.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, self.rule.as_str())
    }
}
