//! The engine: a [`RuleSet`] over a [`Document`] gives sorted findings.
//!
//! One scan of the shared matcher, then each rule with its own hits. Findings
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
    let remarks = std::cell::RefCell::new(Vec::new());
    let scan = rules.matcher.scan(doc);
    // Rules with a validity window run only on articles whose date is known and in it.
    let windowed = |m: &crate::rule::RuleMeta| m.valid_from.is_some() || m.valid_until.is_some();
    let date = rules
        .rules
        .iter()
        .any(|(m, _)| windowed(m))
        .then(|| doc.article_date().map(|a| a.date))
        .flatten();
    let mut all = Vec::new();
    let mut buf = Vec::new();
    for (i, (meta, rule)) in rules.rules.iter().enumerate() {
        if windowed(meta) && !date.is_some_and(|d| meta.applies_on(d)) {
            continue;
        }
        let hits: Vec<_> = scan.hits[i]
            .iter()
            .filter(|h| doc.in_scope(&h.span, meta.scope))
            .cloned()
            .collect();
        let cx = Context {
            meta,
            doc,
            hits: &hits,
            scan: &scan,
            remarks: &remarks,
        };
        buf.clear();
        match catch_unwind(AssertUnwindSafe(|| rule.check(&cx, &mut buf))) {
            Ok(()) => all.extend(buf.drain(..).filter(|f| doc.in_scope(&f.span, meta.scope))),
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                all.push(Finding {
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
                });
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
    (all, remarks.into_inner())
}
