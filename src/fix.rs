//! Applying fixes to text.
//!
//! Edits are applied back to front; an edit that overlaps one already taken
//! is skipped (the caller re-checks and applies again until nothing changes),
//! so overlapping fixes never corrupt the text.

use crate::document::{DocKind, Document};
use crate::finding::{Applicability, Finding};
use crate::pack::RuleSet;
use std::collections::{BTreeMap, BTreeSet};

/// The most fix-and-recheck passes [`fix_until_stable`] makes.
pub const MAX_PASSES: usize = 10;

/// The result of [`fix_until_stable`].
pub struct Fixed {
    /// The fixed document (its text is the fixed text).
    pub doc: Document,
    /// The findings that remain in it.
    pub findings: Vec<Finding>,
    /// How many fixes were applied.
    pub fixes: usize,
    /// How many fixes each rule applied (`--show-fixes`).
    pub by_rule: BTreeMap<String, usize>,
}

/// Fixes `text` until no fix applies (or [`MAX_PASSES`]): check, apply the
/// non-overlapping fixes, check again. The last check is of the final text, so
/// its findings are returned rather than computed again by the caller.
/// `prepare` sets up each parsed document (e.g. its article date).
pub fn fix_until_stable(
    rules: &RuleSet,
    kind: DocKind,
    text: &str,
    unsafe_fixes: bool,
    prepare: &dyn Fn(&mut Document),
) -> Fixed {
    let check = |text: String| {
        let mut doc = Document::new(text, kind);
        prepare(&mut doc);
        let findings = rules.check(&doc);
        (doc, findings)
    };
    let (mut doc, mut findings) = check(text.to_string());
    let mut fixes = 0;
    let mut by_rule = BTreeMap::new();
    for _ in 0..MAX_PASSES {
        let (next, chosen) = apply_chosen(&doc.text, &findings, unsafe_fixes);
        if chosen.is_empty() || next == doc.text {
            break;
        }
        fixes += chosen.len();
        for i in chosen {
            *by_rule.entry(findings[i].rule.clone()).or_default() += 1;
        }
        (doc, findings) = check(next);
    }
    Fixed {
        doc,
        findings,
        fixes,
        by_rule,
    }
}

/// Applies the fixes of `findings` to `text`; `unsafe_fixes` also applies
/// fixes that need review. Returns the new text and the number of fixes applied.
pub fn apply(text: &str, findings: &[Finding], unsafe_fixes: bool) -> (String, usize) {
    let (out, chosen) = apply_chosen(text, findings, unsafe_fixes);
    (out, chosen.len())
}

/// [`apply`], returning the indices in `findings` of the fixes applied.
fn apply_chosen(text: &str, findings: &[Finding], unsafe_fixes: bool) -> (String, Vec<usize>) {
    let mut fixes: Vec<_> = findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, f.fix.as_ref()?)))
        .filter(|(_, fix)| unsafe_fixes || fix.applicability == Applicability::MachineApplicable)
        .filter(|(_, fix)| !fix.edits.is_empty())
        .collect();
    fixes.sort_by_key(|(_, f)| f.edits[0].span.start);
    // Taken edit spans, (start, end), ordered. They do not overlap, so their
    // ends are ordered too: a clash check walks back from the last span starting
    // at or before the edit's end and stops at the first that ends before it
    // (a scan of every taken span made `--fix` quadratic in the fixes).
    let mut taken: BTreeSet<(usize, usize)> = BTreeSet::new();
    let clashes_with_taken = |taken: &BTreeSet<(usize, usize)>, e: &std::ops::Range<usize>| {
        for &(start, end) in taken.range(..=(e.end, usize::MAX)).rev() {
            if (e.start < end && start < e.end) || (e.is_empty() && e.start == start) {
                return true;
            }
            if end < e.start {
                break;
            }
        }
        false
    };
    let mut chosen = Vec::new();
    for (i, fix) in fixes {
        let clashes = fix
            .edits
            .iter()
            .any(|e| e.span.end > text.len() || clashes_with_taken(&taken, &e.span));
        if !clashes {
            taken.extend(fix.edits.iter().map(|e| (e.span.start, e.span.end)));
            chosen.push((i, fix));
        }
    }
    let mut edits: Vec<_> = chosen.iter().flat_map(|(_, f)| f.edits.iter()).collect();
    // From the end backwards; at one offset the replacement before the insertion,
    // so the insertion lands in front of it instead of being replaced with it.
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.span.clone(), &e.replacement);
    }
    (out, chosen.into_iter().map(|(i, _)| i).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Fix, Level};

    fn finding(span: std::ops::Range<usize>, with: &str) -> Finding {
        Finding {
            rule: "t/x".into(),
            level: Level::Error,
            message: String::new(),
            span: span.clone(),
            labels: vec![],
            notes: vec![],
            fix: Some(Fix::replace(span, with, Applicability::MachineApplicable)),
        }
    }

    #[test]
    fn overlapping_fixes_keep_the_first_and_never_corrupt() {
        let (out, n) = apply(
            "abcdef",
            &[finding(1..3, "X"), finding(2..4, "Y"), finding(4..5, "Z")],
            false,
        );
        assert_eq!(out, "aXdZf");
        assert_eq!(n, 2);
    }

    #[test]
    fn an_insertion_and_a_replacement_at_one_offset_both_apply() {
        let f = [
            finding(2..2, "<"),
            finding(2..4, "X"),
            finding(4..4, ">"),
            finding(4..6, "Y"),
            finding(5..5, "!"),
            finding(0..1, "A"),
        ];
        // An insertion and a replacement at one offset both apply (the insertion
        // first; it was replaced along with the text); "!" is inside Y's span.
        assert_eq!(apply("abcdefg", &f, false), ("Ab<X>Yg".to_string(), 5));
    }

    #[test]
    fn many_fixes_on_one_line_are_all_applied() {
        let text = "ab".repeat(50_000);
        let f: Vec<Finding> = (0..50_000)
            .map(|i| finding(2 * i..2 * i + 1, "A"))
            .collect();
        let (out, n) = apply(&text, &f, false);
        assert_eq!(n, 50_000);
        assert_eq!(out, "Ab".repeat(50_000));
    }

    #[test]
    fn fixing_until_stable_converges_and_is_idempotent() {
        let rules = RuleSet::builtin().unwrap();
        let text = "The top Rusian diplomat said the the goverment would recieve Isreali envoys.\n";
        let once = fix_until_stable(&rules, DocKind::Text, text, false, &|_| {});
        assert_eq!(
            once.doc.text,
            "The top Russian diplomat said the government would receive Israeli envoys.\n"
        );
        assert_eq!(once.fixes, 5);
        assert!(
            once.findings.is_empty(),
            "the returned findings are the fixed text's"
        );
        let twice = fix_until_stable(&rules, DocKind::Text, &once.doc.text, false, &|_| {});
        assert_eq!(
            (twice.doc.text.as_str(), twice.fixes),
            (once.doc.text.as_str(), 0)
        );
    }

    #[test]
    fn unsafe_fixes_need_the_flag() {
        let mut f = finding(0..1, "B");
        f.fix.as_mut().unwrap().applicability = Applicability::MaybeIncorrect;
        assert_eq!(apply("a", std::slice::from_ref(&f), false).0, "a");
        assert_eq!(apply("a", &[f], true).0, "B");
    }
}
