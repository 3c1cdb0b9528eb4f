//! The engine: a [`RuleSet`] over a [`Document`] gives sorted findings.
//!
//! One scan of the shared matcher, then each rule with its own hits (for a long
//! document, the rules in parallel; their findings and remarks are put together in
//! the rules' order, so the output does not depend on the threads). Findings
//! outside a rule's scope are dropped here, once, rather than in every kind.
//! A rule that panics does not take the others down: its panic becomes a
//! finding that reports the bug.

use crate::document::Document;
use crate::finding::{Finding, Level};
use crate::pack::RuleSet;
use crate::rule::Context;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs every rule of `rules` over `doc`; findings sorted by (offset, rule id).
pub fn check(rules: &RuleSet, doc: &Document) -> Vec<Finding> {
    check_with_remarks(rules, doc).0
}

/// [`check`], and what the rules could not judge (facts outside the knowledge base's
/// coverage), in the order they were met.
pub fn check_with_remarks(rules: &RuleSet, doc: &Document) -> (Vec<Finding>, Vec<String>) {
    let scan = rules.matcher.scan(doc);
    // Rules with a validity window run only on articles whose date is known and in it.
    let windowed = |m: &crate::rule::RuleMeta| m.valid_from.is_some() || m.valid_until.is_some();
    let date = rules
        .rules
        .iter()
        .any(|(m, _)| windowed(m))
        .then(|| doc.article_date().map(|a| a.date))
        .flatten();
    // One rule's findings (in its scope) and remarks.
    let run = |(i, (meta, rule)): (usize, &(crate::rule::RuleMeta, Box<dyn crate::rule::Rule>))| {
        if windowed(meta) && !date.is_some_and(|d| meta.applies_on(d)) {
            return (Vec::new(), Vec::new());
        }
        let hits: Vec<_> = scan.hits[i]
            .iter()
            .filter(|h| doc.in_scope(&h.span, meta.scope))
            .cloned()
            .collect();
        let remarks = std::cell::RefCell::new(Vec::new());
        let cx = Context {
            meta,
            doc,
            hits: &hits,
            scan: &scan,
            remarks: &remarks,
        };
        let mut found = Vec::new();
        match catch_unwind(AssertUnwindSafe(|| rule.check(&cx, &mut found))) {
            Ok(()) => found.retain(|f| doc.in_scope(&f.span, meta.scope)),
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                found = vec![Finding {
                    rule: meta.id.clone(),
                    level: Level::Error,
                    message: format!(
                        "internal error in rule {}: {what}; please report this bug",
                        meta.id
                    ),
                    span: 0..0,
                    labels: Vec::new(),
                    notes: Vec::new(),
                    fix: None,
                }];
            }
        }
        (found, remarks.into_inner())
    };
    // A long document's rules run on all the threads there are (the dictionary check
    // on one, the others beside it); a story's, one after another, as its findings and
    // remarks are put together in the rules' order either way.
    let per_rule: Vec<(Vec<Finding>, Vec<String>)> = if doc.text.len() >= PARALLEL_RULES_FROM {
        use rayon::prelude::*;
        rules.rules.par_iter().enumerate().map(run).collect()
    } else {
        rules.rules.iter().enumerate().map(run).collect()
    };
    let mut all = Vec::new();
    let mut remarks: Vec<String> = Vec::new();
    for (found, noted) in per_rule {
        all.extend(found);
        for remark in noted {
            if !remarks.contains(&remark) {
                remarks.push(remark);
            }
        }
    }
    let enabled: Vec<&str> = rules.rules.iter().map(|(m, _)| m.id.as_str()).collect();
    let known = crate::suppress::KnownRules {
        all: &rules.all_ids,
        enabled: &enabled,
        report_unused: rules.report_unused_suppressions,
    };
    crate::suppress::apply_inline(doc, &mut all, &known);
    all.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.message.cmp(&b.message))
    });
    all.dedup();
    (all, remarks)
}

/// The size of document (in bytes) from which its rules run in parallel: below it the
/// work of a rule is too small to hand to another thread (a story is a few kilobytes;
/// a folder of them is already checked a file per thread).
pub const PARALLEL_RULES_FROM: usize = 64 * 1024;
