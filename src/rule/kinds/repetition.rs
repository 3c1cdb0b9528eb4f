//! `repetition`: the same word twice in a row ("the the").
//!
//! ## What it does
//! Flags a word immediately repeated within a sentence, separated by one space
//! or one line break (with its indentation), and offers to delete the repeat.
//! Columns of a table ("loads   loads") and hyphenated compounds ("a break-in
//! in 1999") are not repeats.
//!
//! ## Why it matters
//! Doubled words survive proofreading because the eye skips them.
//!
//! ## Example
//! ```toml
//! kind = "repetition"
//! level = "error"
//! message = "'{match}' is repeated"
//! allow = ["had", "that"]
//! ```
//!
//! ## Options
//! * `allow`: words that may legitimately repeat ("had had", "that that").
//! * `ignore-names` (default `true`): a capitalized repeat inside a sentence is
//!   taken for a name ("Bora Bora", "Sirhan Sirhan").

use super::{CompileCx, Kind};
use crate::document::Scope;
use crate::error::SourceError;
use crate::finding::{Applicability, Finding, Fix};
use crate::rule::{Context, Rule};

crate::rule_spec! {
    /// TOML of a `repetition` rule.
    RepetitionSpec {
        /// Words allowed to repeat.
        #[serde(default)]
        allow: Vec<String>,
        /// Skip capitalized repeats inside a sentence.
        #[serde(default = "super::yes")]
        ignore_names: bool,
    }
}

/// A compiled `repetition` rule.
pub struct Repetition {
    allow: Vec<String>,
    ignore_names: bool,
}

impl Kind for Repetition {
    const NAME: &'static str = "repetition";
    const DEFAULT_SCOPE: Scope = Scope::All;
    type Spec = RepetitionSpec;

    fn compile(spec: RepetitionSpec, _cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        Ok(Repetition {
            allow: spec.allow.iter().map(|w| w.to_lowercase()).collect(),
            ignore_names: spec.ignore_names,
        })
    }
}

impl Rule for Repetition {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for pair in doc.words.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let (wa, wb) = (doc.slice(a), doc.slice(b));
            let between = &doc.text[a.end..b.start];
            if !is_word_gap(between)
                || doc.text[..a.start].ends_with('-')
                || doc.text[b.end..].starts_with('-')
            {
                continue;
            }
            if wa.len() != wb.len() || !same_word(wa, wb) || !wa.chars().all(char::is_alphabetic) {
                continue;
            }
            if self.allow.iter().any(|w| *w == wa.to_lowercase()) {
                continue;
            }
            if self.ignore_names && wb.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if doc.sentence_at(a.start) != doc.sentence_at(b.start) {
                continue;
            }
            let mut f = cx.meta.finding(a.start..b.end, &[("match", wb)]);
            f.fix = Some(Fix {
                description: format!("Remove the second '{wb}'"),
                edits: vec![crate::finding::Edit {
                    span: a.end..b.end,
                    replacement: String::new(),
                }],
                applicability: Applicability::MachineApplicable,
            });
            out.push(f);
        }
    }
}

/// Equal ignoring case (ASCII fast path; this runs on every pair of words).
fn same_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }
}

/// One space, or one line break with any indentation around it.
fn is_word_gap(between: &str) -> bool {
    match between.matches('\n').count() {
        0 => between == " ",
        1 => between.chars().all(char::is_whitespace),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str =
        "kind = \"repetition\"\nmessage = \"'{match}' is repeated\"\nallow = [\"had\"]\n";

    #[test]
    fn flags_doubled_word_across_line_break() {
        let r = rule(RULE);
        let f = assert_findings("He said the\nthe army moved.", &r, 1);
        assert_eq!(f[0].message, "'the' is repeated");
        assert_fix("The the army moved.", &r, "The army moved.");
    }

    #[test]
    fn allows_listed_words_names_punctuation_and_sentence_ends() {
        let r = rule(RULE);
        assert_findings(
            "He had had enough. They flew to Bora Bora. No, no. It was over. Over the hill. \
             A break-in in 1999. Loads   loads. The\n\nthe end.",
            &r,
            0,
        );
    }
}
