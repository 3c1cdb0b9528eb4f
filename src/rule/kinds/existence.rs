//! `existence`: flags listed words, phrases or patterns.
//!
//! ## What it does
//! Reports every occurrence of a listed token (a word or phrase, matched as
//! whole words) or regex pattern.
//!
//! ## Why it matters
//! Most house-style bans are lists: clichés ("in the wake of"), loaded labels,
//! words the stylebook retired.
//!
//! ## Example
//! ```toml
//! kind = "existence"
//! level = "warning"
//! message = "Avoid the cliché '{match}'."
//! tokens = ["in the wake of"]
//! ```
//!
//! ## Options
//! * `tokens`: literal words or phrases; whole words only.
//! * `patterns`: regexes (Rust syntax); add `\b` yourself.
//! * `ignore-case` (default `true`): whether `tokens` match in any case.
//! * `exceptions`: matched texts that are allowed, exactly as written.
//! * `vocabulary-reject` (default `false`): also flag the words of the newsroom's
//!   `reject.txt` (the `vocabulary` folders of copydesk.toml).

use super::{CompileCx, Kind};
use crate::document::Scope;
use crate::error::SourceError;
use crate::finding::Finding;
use crate::matcher::RegexId;
use crate::rule::{Context, Rule};
use toml::Spanned;

crate::rule_spec! {
    /// TOML of an `existence` rule.
    ExistenceSpec {
        /// Words and phrases to flag.
        #[serde(default)]
        tokens: Vec<String>,
        /// Regexes to flag.
        #[serde(default)]
        patterns: Vec<Spanned<String>>,
        /// Whether tokens match in any case.
        #[serde(default = "super::yes")]
        ignore_case: bool,
        /// Matches that are allowed.
        #[serde(default)]
        exceptions: Vec<String>,
        /// Also flag the newsroom's rejected words (`reject.txt` of its vocabulary).
        #[serde(default)]
        vocabulary_reject: bool,
    }
}

/// A compiled `existence` rule.
pub struct Existence {
    patterns: Vec<RegexId>,
    exceptions: Vec<String>,
}

impl Kind for Existence {
    const NAME: &'static str = "existence";
    const DEFAULT_SCOPE: Scope = Scope::Prose;
    type Spec = ExistenceSpec;

    fn compile(spec: ExistenceSpec, cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        if spec.tokens.is_empty() && spec.patterns.is_empty() && !spec.vocabulary_reject {
            return Err(cx.error(
                None,
                format!("rule {} has neither `tokens` nor `patterns`", cx.file.id),
            ));
        }
        let rejected = if spec.vocabulary_reject {
            cx.vocabulary.rejected().to_vec()
        } else {
            Vec::new()
        };
        for (i, t) in spec.tokens.iter().chain(&rejected).enumerate() {
            cx.literal(i, t, !spec.ignore_case);
        }
        let mut patterns = Vec::new();
        for p in &spec.patterns {
            let re = cx.regex(p.get_ref(), p.span())?;
            patterns.push(cx.matcher.add_regex(re));
        }
        Ok(Existence {
            patterns,
            exceptions: spec.exceptions,
        })
    }
}

impl Rule for Existence {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let spans = cx
            .hits
            .iter()
            .map(|h| h.span.clone())
            .chain(self.patterns.iter().flat_map(|&id| {
                cx.scan
                    .regex_matches(id)
                    .filter_map(|c| c.get(0))
                    .map(|m| m.range())
            }));
        for span in spans {
            if span.is_empty() {
                continue;
            }
            let found = cx.doc.slice(&span);
            if self.exceptions.iter().any(|e| e == found) {
                continue;
            }
            out.push(cx.meta.finding(span.clone(), &[("match", found)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str = r#"
kind = "existence"
message = "Avoid '{match}'."
tokens = ["in the wake of", "slammed"]
patterns = ['\b\d+ per cent\b']
exceptions = ["Slammed"]
"#;

    #[test]
    fn flags_tokens_and_patterns_with_match_in_message() {
        let r = rule(RULE);
        let f = assert_findings("Shares slammed in the wake of a 5 per cent fall.", &r, 3);
        assert_eq!(f[0].message, "Avoid 'slammed'.");
        assert_eq!(f[2].message, "Avoid '5 per cent'.");
    }

    #[test]
    fn respects_word_boundaries_and_exceptions() {
        let r = rule(RULE);
        assert_findings("Slammed doors. Unslammed. 5 per centum.", &r, 0);
    }

    #[test]
    fn rule_without_terms_is_an_error() {
        let e = crate::pack::RuleSet::single("t/x", "kind = \"existence\"\nmessage = \"m\"\n")
            .unwrap_err();
        assert!(e[0].message.contains("neither `tokens` nor `patterns`"));
    }
}
