//! Errors that point into a source file.
//!
//! Configuration, rule-pack and knowledge-base errors all carry the file they
//! came from and, where known, the byte span of the offending TOML, so the CLI
//! can render them with codespan like any other diagnostic.

use std::ops::Range;
use std::sync::Arc;

/// An error located in a text file (a rule, a fact file, `copydesk.toml`).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}: {message}")]
pub struct SourceError {
    /// The file's path as shown to the user (built-in files start with `<built-in>/`).
    pub path: String,
    /// The file's full text, so the error can be rendered with a snippet.
    pub source_text: Arc<str>,
    /// Byte range of the problem in `source_text`, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong, one line.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl SourceError {
    /// A new error in `path` at `span`.
    pub fn new(
        path: impl Into<String>,
        source_text: Arc<str>,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            path: path.into(),
            source_text,
            span,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a hint saying what to do.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Turns a `toml` parse or deserialization error into a located error.
    pub fn from_toml(
        path: impl Into<String>,
        source_text: Arc<str>,
        err: &toml::de::Error,
    ) -> Self {
        Self::new(
            path,
            source_text,
            err.span(),
            err.message().trim_end().to_string(),
        )
    }

    /// Line and column (1-based, in characters) of the span start, if any.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let start = self.span.as_ref()?.start.min(self.source_text.len());
        let before = &self.source_text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Some((line, before[line_start..].chars().count() + 1))
    }
}

/// Everything that can go wrong while loading configuration and packs.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// One or more located errors (all are reported, not just the first).
    #[error("{} error(s) in configuration or rule packs", .0.len())]
    Source(Vec<SourceError>),
    /// A file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A mistake on the command line that clap cannot see (an unknown rule id).
    #[error("{0}")]
    Usage(String),
}

impl From<SourceError> for LoadError {
    fn from(e: SourceError) -> Self {
        LoadError::Source(vec![e])
    }
}
