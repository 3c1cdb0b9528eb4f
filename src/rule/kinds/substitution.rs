//! `substitution`: flags a wrong form and offers the right one as a fix.
//!
//! ## What it does
//! Each `swap` entry maps a wrong form to the right one. Literal keys match as
//! whole words; with `regex = true` keys are regexes and replacements may use
//! `$1`. The fix keeps the case of the original ("Teh" → "The").
//!
//! ## Why it matters
//! Known misspellings and house preferences ("per cent" → "percent") have one
//! right answer, so the linter can fix them.
//!
//! ## Example
//! ```toml
//! kind = "substitution"
//! level = "error"
//! message = "'{match}' is misspelled; write '{expected}'"
//! swap = { "Rusian" = "Russian" }
//! ```
//!
//! ## Options
//! * `swap`: table of wrong → right.
//! * `regex` (default `false`): keys are regexes.
//! * `ignore-case`: by default a key in lower case matches any case and a key
//!   with capitals matches exactly; set `true`/`false` to force.
//! * `fix` (`"safe"` default, or `"unsafe"`): whether `--fix` applies it without `--unsafe-fixes`.

use super::{CompileCx, Kind};
use crate::document::Scope;
use crate::error::SourceError;
use crate::finding::{Applicability, Finding, Fix};
use crate::matcher::RegexId;
use crate::rule::{Context, Rule, RuleMeta, match_case};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Whether a rule's fix may be applied by `--fix` alone.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FixSafety {
    /// Applied by `--fix`.
    #[default]
    Safe,
    /// Needs `--unsafe-fixes`.
    Unsafe,
}

impl FixSafety {
    /// The finding applicability this setting gives.
    pub fn applicability(self) -> Applicability {
        match self {
            FixSafety::Safe => Applicability::MachineApplicable,
            FixSafety::Unsafe => Applicability::MaybeIncorrect,
        }
    }
}

crate::rule_spec! {
    /// TOML of a `substitution` rule.
    SubstitutionSpec {
        /// Wrong → right.
        swap: Spanned<BTreeMap<Spanned<String>, String>>,
        /// Keys are regexes.
        #[serde(default)]
        regex: bool,
        /// Forces case-insensitive (`true`) or exact (`false`) matching.
        #[serde(default)]
        ignore_case: Option<bool>,
        /// Whether the fix is safe.
        #[serde(default)]
        fix: FixSafety,
    }
}

/// A compiled `substitution` rule.
pub struct Substitution {
    meta: RuleMeta,
    /// Replacement of literal term i.
    literal: Vec<String>,
    /// Regex swaps: id and replacement template.
    patterns: Vec<(RegexId, String)>,
    applicability: Applicability,
}

impl Kind for Substitution {
    const NAME: &'static str = "substitution";
    const DEFAULT_SCOPE: Scope = Scope::Prose;
    type Spec = SubstitutionSpec;

    fn compile(spec: SubstitutionSpec, meta: RuleMeta, cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        let span = spec.swap.span();
        let swap = spec.swap.into_inner();
        if swap.is_empty() {
            return Err(cx.error(Some(span), "`swap` is empty"));
        }
        let mut literal = Vec::new();
        let mut patterns = Vec::new();
        for (key, right) in swap {
            let (key_span, key) = (key.span(), key.into_inner());
            if spec.regex {
                let re = cx.regex(&key, key_span)?;
                patterns.push((cx.matcher.add_regex(re), right));
            } else {
                if key.trim().is_empty() {
                    return Err(cx.error(Some(key_span), "empty key in `swap`"));
                }
                let case_sensitive = match spec.ignore_case {
                    Some(ic) => !ic,
                    None => key.chars().any(char::is_uppercase),
                };
                cx.literal(literal.len(), &key, case_sensitive);
                literal.push(right);
            }
        }
        Ok(Substitution {
            meta,
            literal,
            patterns,
            applicability: spec.fix.applicability(),
        })
    }
}

impl Substitution {
    fn report(&self, span: std::ops::Range<usize>, found: &str, expected: String, out: &mut Vec<Finding>) {
        if found == expected {
            return;
        }
        let mut f = self.meta.finding(span.clone(), &[("match", found), ("expected", &expected)]);
        f.fix = Some(Fix::replace(span, expected, self.applicability));
        out.push(f);
    }
}

impl Rule for Substitution {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for h in cx.hits {
            let found = cx.doc.slice(&h.span);
            let expected = match_case(found, &self.literal[h.term as usize]);
            self.report(h.span.clone(), found, expected, out);
        }
        for (id, template) in &self.patterns {
            for caps in cx.scan.regex_matches(*id) {
                let m = caps.get(0).expect("group 0 always exists");
                if m.is_empty() {
                    continue;
                }
                let mut expected = String::new();
                caps.expand(template, &mut expected);
                self.report(m.range(), m.as_str(), expected, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str = r#"
kind = "substitution"
level = "error"
message = "'{match}' is misspelled; write '{expected}'"
swap = { "Rusian" = "Russian", "teh" = "the", "per cent" = "percent" }
"#;

    #[test]
    fn fixes_keep_case_and_capitalized_keys_match_exactly() {
        let r = rule(RULE);
        let f = assert_findings("The top Rusian diplomat. Teh end. rusian", &r, 2);
        assert_eq!(f[0].message, "'Rusian' is misspelled; write 'Russian'");
        assert_fix("Teh cat and teh dog rose 5 per cent.", &r, "The cat and the dog rose 5 percent.");
    }

    #[test]
    fn regex_swaps_expand_groups() {
        let r = rule(
            r#"
kind = "substitution"
message = "Write '{expected}'"
regex = true
swap = { '\b(\d+) per cent\b' = "$1%" }
"#,
        );
        assert_fix("Up 5 per cent today.", &r, "Up 5% today.");
    }

    #[test]
    fn invalid_regex_points_at_the_key() {
        let toml = "kind = \"substitution\"\nmessage = \"m\"\nregex = true\nswap = { '(unclosed' = \"x\" }\n";
        let e = crate::pack::RuleSet::single("t/x", toml).unwrap_err();
        assert!(e[0].message.starts_with("invalid regex"), "{}", e[0].message);
        assert_eq!(e[0].line_col(), Some((4, 10)));
    }
}
