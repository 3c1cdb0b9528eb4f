//! `near-miss`: an unknown capitalized word one or two edits from a known name.
//!
//! ## What it does
//! Looks at every capitalized word that is neither in the English dictionary
//! nor a known name. If it lies within a small edit distance of a name from the
//! knowledge base (countries, demonyms, capitals) or from `extra-names`, and
//! starts with the same letter, it is flagged with "did you mean …?" and a fix.
//! A swap of two adjacent letters counts as one edit ("Isreali").
//!
//! ## Why it matters
//! No misspelling list contains every slip of a proper noun: "Rusian" is in
//! none. A dictionary plus a list of names catches them the general way.
//!
//! ## Example
//! ```toml
//! kind = "near-miss"
//! level = "error"
//! message = "'{match}' is not a known word; did you mean '{expected}'?"
//! names = ["places"]
//! ```
//!
//! ## Options
//! * `names`: knowledge-base lists to use: `"places"` (country names, demonyms, capitals).
//! * `extra-names`: more names.
//! * `accept`: words never flagged (local names the dictionary lacks).
//! * `min-length` (default 5): shorter words are not checked.
//! * `long-word` (default 9): words at least this long may be two edits away; shorter, one.

use super::{CompileCx, Kind};
use crate::document::Scope;
use crate::error::SourceError;
use crate::finding::{Applicability, Finding, Fix};
use crate::lexicon::{Dictionary, FuzzyIndex};
use crate::rule::{Context, Rule, RuleMeta, match_case};
use std::collections::HashSet;
use toml::Spanned;

crate::rule_spec! {
    /// TOML of a `near-miss` rule.
    NearMissSpec {
        /// Knowledge-base lists.
        #[serde(default)]
        names: Vec<Spanned<String>>,
        /// More names.
        #[serde(default)]
        extra_names: Vec<String>,
        /// Words never flagged.
        #[serde(default)]
        accept: Vec<String>,
        /// Minimum word length in characters.
        #[serde(default = "default_min_length")]
        min_length: usize,
        /// Length from which two edits are allowed.
        #[serde(default = "default_long_word")]
        long_word: usize,
    }
}

fn default_min_length() -> usize {
    5
}

fn default_long_word() -> usize {
    9
}

/// A compiled `near-miss` rule.
pub struct NearMiss {
    meta: RuleMeta,
    index: FuzzyIndex,
    accept: HashSet<String>,
    dictionary: Dictionary,
    min_length: usize,
    long_word: usize,
}

impl Kind for NearMiss {
    const NAME: &'static str = "near-miss";
    const DEFAULT_SCOPE: Scope = Scope::All;
    type Spec = NearMissSpec;

    fn compile(spec: NearMissSpec, meta: RuleMeta, cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        let mut names: Vec<String> = Vec::new();
        for list in &spec.names {
            match list.get_ref().as_str() {
                "places" => names.extend(cx.facts.place_names().map(str::to_string)),
                other => {
                    return Err(cx
                        .error(Some(list.span()), format!("unknown name list '{other}'"))
                        .with_help("known lists: \"places\""));
                }
            }
        }
        names.extend(spec.extra_names);
        // Multi-word names contribute each word: "Saudi Arabia" -> "Saudi", "Arabia".
        let words = names
            .iter()
            .flat_map(|n| n.split([' ', '-']))
            .filter(|w| w.chars().count() >= spec.min_length.saturating_sub(1))
            .filter(|w| w.chars().all(char::is_alphabetic))
            .map(str::to_string);
        Ok(NearMiss {
            meta,
            index: FuzzyIndex::new(words, 2),
            accept: spec.accept.iter().map(|w| w.to_lowercase()).collect(),
            dictionary: cx.dictionary,
            min_length: spec.min_length,
            long_word: spec.long_word,
        })
    }
}

impl NearMiss {
    fn known(&self, word: &str) -> bool {
        self.dictionary.contains(word) || self.index.contains(word) || self.accept.contains(&word.to_lowercase())
    }
}

impl Rule for NearMiss {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for span in &cx.doc.words {
            let raw = cx.doc.slice(span);
            let word = raw.strip_suffix("'s").or_else(|| raw.strip_suffix("\u{2019}s")).unwrap_or(raw);
            let mut chars = word.chars();
            let Some(first) = chars.next() else { continue };
            let len = word.chars().count();
            if !first.is_uppercase()
                || len < self.min_length
                || !word.chars().all(char::is_alphabetic)
                || word.chars().all(char::is_uppercase)
                || self.known(word)
            {
                continue;
            }
            // Plurals of names and words: "Kenyans", "Koreas".
            if let Some(stem) = word.strip_suffix('s')
                && self.known(stem)
            {
                continue;
            }
            let max = if len >= self.long_word { 2 } else { 1 };
            let first_lower: String = first.to_lowercase().collect();
            let near: Vec<_> = self
                .index
                .lookup(word, max)
                .into_iter()
                .filter(|m| m.name.to_lowercase().starts_with(&first_lower))
                .collect();
            let Some(best) = near.first() else { continue };
            let tied: Vec<&str> = near
                .iter()
                .take_while(|m| m.distance == best.distance)
                .map(|m| m.name.as_str())
                .collect();
            let wspan = span.start..span.start + word.len();
            let expected = if tied.len() == 1 {
                match_case(word, tied[0])
            } else {
                tied.join("' or '")
            };
            let mut f = self.meta.finding(wspan.clone(), &[("match", word), ("expected", &expected)]);
            if tied.len() == 1 {
                let applicability = if best.distance == 1 {
                    Applicability::MachineApplicable
                } else {
                    Applicability::MaybeIncorrect
                };
                f.fix = Some(Fix::replace(wspan, expected, applicability));
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str = r#"
kind = "near-miss"
level = "error"
message = "'{match}' is not a known word; did you mean '{expected}'?"
names = ["places"]
extra-names = ["Netanyahu"]
accept = ["Rusiana"]
"#;

    #[test]
    fn flags_misspelt_demonyms_with_fix() {
        let r = rule(RULE);
        let f = assert_findings("The top Rusian diplomat met Isreali and Ukranian envoys.", &r, 3);
        assert_eq!(f[0].message, "'Rusian' is not a known word; did you mean 'Russian'?");
        assert_fix("The top Rusian diplomat's aide.", &r, "The top Russian diplomat's aide.");
        assert_fix("Rusian's envoy.", &r, "Russian's envoy.");
    }

    #[test]
    fn stays_quiet_on_known_words_names_plurals_and_acronyms() {
        let r = rule(RULE);
        assert_findings(
            "Russians and Kenyans met in Moscow. The RUSIAN headline. Rusiana smiled. Lavrov and Netanyahu spoke. rusian.",
            &r,
            0,
        );
    }

    #[test]
    fn unknown_name_list_is_an_error() {
        let toml = "kind = \"near-miss\"\nmessage = \"m\"\nnames = [\"planets\"]\n";
        let e = crate::pack::RuleSet::single("t/x", toml).unwrap_err();
        assert!(e[0].message.contains("unknown name list 'planets'"));
    }
}
