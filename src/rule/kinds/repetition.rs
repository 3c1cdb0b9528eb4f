//! `repetition`: the same word twice in a row ("the the").
//!
//! ## What it does
//! Flags a word immediately repeated within a sentence, separated by one space
//! or one line break (LF, CRLF or CR, with its indentation), and offers to
//! delete the repeat. The fix keeps the line break: "be\nbe substantially"
//! becomes "be\nsubstantially", not "be substantially".
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
use crate::finding::{Applicability, Edit, Finding, Fix};
use crate::rule::{Context, Rule};
use std::ops::Range;

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
                description: format!("Remove the repeated '{wb}'"),
                edits: vec![removal(&doc.text, a.clone(), b.clone())],
                applicability: Applicability::MachineApplicable,
            });
            out.push(f);
        }
    }
}

/// Space or tab: whitespace that is not a line break.
fn is_blank(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != '\r'
}

/// The edit that leaves one copy of the repeated words `a` and `b`, spelt as
/// `a` is, and keeps the text's own separators: a line break between them stays
/// where it was.
///
/// Across one space the second word goes with the space before it. Across a
/// line break the second word goes with the spaces after it when more text
/// follows on its line ("be\nbe substantially" -> "be\nsubstantially");
/// otherwise the first word goes with the spaces before it when text precedes
/// it on its line ("said the\nthe." -> "said\nthe."). Only when each word is
/// alone on its side of the break ("(the\nthe)") are the lines joined, since
/// keeping the break would leave an empty line or a line starting with
/// punctuation.
fn removal(text: &str, a: Range<usize>, b: Range<usize>) -> Edit {
    let edit = |span: Range<usize>, replacement: String| Edit { span, replacement };
    let between = &text[a.end..b.start];
    if line_breaks(between) == 0 {
        return edit(a.end..b.end, String::new());
    }
    let after = &text[b.end..];
    let blanks_after = after.len() - after.trim_start_matches(is_blank).len();
    if blanks_after > 0
        && after[blanks_after..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace())
    {
        return edit(b.start..b.end + blanks_after, String::new());
    }
    let before = &text[..a.start];
    let line_before = before.trim_end_matches(is_blank);
    if line_before.len() < before.len()
        && line_before
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace())
    {
        return edit(
            line_before.len()..b.end,
            format!("{between}{}", &text[a.clone()]),
        );
    }
    edit(a.end..b.end, String::new())
}

/// Line breaks in `s`: LF, CRLF and a lone CR each count once.
fn line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
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

/// One space, or one line break (LF, CRLF or CR) with any indentation around it.
fn is_word_gap(between: &str) -> bool {
    // Nearly every gap between words is one space: this runs on every pair of them.
    if between == " " {
        return true;
    }
    match line_breaks(between) {
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

    #[test]
    fn issue_9_fix_across_line_break_keeps_the_line_break() {
        let r = rule(RULE);
        for nl in ["\n", "\r\n", "\r"] {
            let cases = [
                // The second word goes with the space after it.
                (
                    format!("It will be{nl}be substantially higher."),
                    format!("It will be{nl}substantially higher."),
                ),
                (
                    format!("The{nl} the army moved."),
                    format!("The{nl} army moved."),
                ),
                // Nothing but punctuation after the second word: the first goes,
                // with the space before it, and keeps its own spelling.
                (format!("He said The{nl}the."), format!("He said{nl}The.")),
                (
                    format!("He said the{nl}the{nl}army moved."),
                    format!("He said{nl}the{nl}army moved."),
                ),
            ];
            for (text, fixed) in cases {
                assert_findings(&text, &r, 1);
                assert_fix(&text, &r, &fixed);
            }
        }
    }

    #[test]
    fn issue_9_second_fix_pass_changes_nothing() {
        use crate::document::DocKind;
        use crate::fix::fix_until_stable;
        let rules = crate::pack::RuleSet::builtin().unwrap();
        for nl in ["\n", "\r\n", "\r"] {
            let text = format!("Costs will be{nl}be substantially higher, he said the{nl}the.{nl}");
            let once = fix_until_stable(&rules, DocKind::Text, &text, false, &|_| {});
            assert_eq!(
                once.doc.text,
                format!("Costs will be{nl}substantially higher, he said{nl}the.{nl}")
            );
            let twice = fix_until_stable(&rules, DocKind::Text, &once.doc.text, false, &|_| {});
            assert_eq!(
                (twice.doc.text.as_str(), twice.fixes),
                (once.doc.text.as_str(), 0)
            );
        }
    }
}
