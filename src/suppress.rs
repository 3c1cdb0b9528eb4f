//! Suppressions written in the copy: inline comments.
//!
//! **Inline**, in Markdown and plain text alike (an HTML comment never belongs in
//! published copy, so it cannot clash with real text):
//! `<!-- copydesk-disable RULE… -->` … `<!-- copydesk-enable RULE… -->` and
//! `<!-- copydesk-disable-next-line RULE… -->`. Without ids they apply to every
//! rule; ids may be packs ("style"). A directive that suppresses nothing is
//! itself reported as a warning ([`SUPPRESSION_RULE`], which can be disabled);
//! an id that names no rule at all is an error with a "did you mean".
//!
//! Findings recorded outside the copy (`copydesk.ignore.toml`, baselines) live in
//! [`crate::ignore`].

use crate::document::Document;
use crate::finding::{Finding, Level};
use crate::pack::id_matches;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Rule id of findings about suppression comments themselves.
pub const SUPPRESSION_RULE: &str = "copydesk/suppression";

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*copydesk-(?P<what>disable-next-line|disable|enable)(?P<ids>(?:\s+[A-Za-z0-9_./-]+)*)\s*-->")
        .expect("directive pattern is valid")
});

/// Byte ranges of suppression comments (they are not prose).
pub fn directive_spans(text: &str) -> Vec<Range<usize>> {
    if !text.contains("copydesk-") {
        return Vec::new();
    }
    DIRECTIVE.find_iter(text).map(|m| m.range()).collect()
}

/// One suppression: which rules, where, and whether it was used.
struct Region {
    ids: Vec<String>,
    directive: Range<usize>,
    applies: Range<usize>,
    used: bool,
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

fn regions(doc: &Document) -> Vec<Region> {
    let text = doc.text.as_str();
    let mut out: Vec<Region> = Vec::new();
    // Open `disable`s, latest last: all of them, and by their ids. A region
    // closed through one stack stays in the other and is skipped there later,
    // so each `enable` costs O(1) amortised however many are open.
    let mut open: Vec<usize> = Vec::new();
    let mut open_by_ids: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    let mut closed: Vec<bool> = Vec::new();
    for c in DIRECTIVE.captures_iter(text) {
        let whole = c.get(0).expect("group 0").range();
        let ids: Vec<String> = c["ids"].split_whitespace().map(str::to_string).collect();
        closed.push(false);
        match &c["what"] {
            "disable-next-line" => {
                let start = line_end(text, whole.end);
                out.push(Region {
                    ids,
                    directive: whole,
                    applies: start..line_end(text, start),
                    used: false,
                });
            }
            "disable" => {
                open.push(out.len());
                open_by_ids.entry(ids.clone()).or_default().push(out.len());
                out.push(Region {
                    ids,
                    directive: whole.clone(),
                    applies: whole.end..text.len(),
                    used: false,
                });
            }
            _ => {
                // `enable` closes the latest open `disable` with the same ids (or any, without ids).
                let stack = if ids.is_empty() {
                    Some(&mut open)
                } else {
                    open_by_ids.get_mut(&ids)
                };
                if let Some(stack) = stack {
                    while let Some(i) = stack.pop() {
                        if !closed[i] {
                            closed[i] = true;
                            out[i].applies.end = whole.start;
                            break;
                        }
                    }
                }
            }
        }
    }
    out
}

/// Sorted, disjoint ranges covering `ranges`.
fn union(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The rules a document was checked with, as suppression comments see them.
pub struct KnownRules<'a> {
    /// Every rule id defined, enabled or not (with [`SUPPRESSION_RULE`]).
    pub all: &'a [String],
    /// The ids of the rules that ran.
    pub enabled: &'a [&'a str],
    /// Whether [`SUPPRESSION_RULE`] itself is on (it can be disabled like a rule).
    pub report_unused: bool,
}

/// True for the finding [`apply_inline`] makes of a suppression comment naming
/// a rule that does not exist: an input error (exit 2) in `check`, a
/// diagnostic in an editor.
pub fn is_unknown_id(f: &Finding) -> bool {
    f.rule == SUPPRESSION_RULE && f.level == Level::Error
}

/// Drops findings inside suppressed regions. Adds an error for each id that
/// names no rule at all (with a "did you mean"), and, when
/// [`KnownRules::report_unused`], a warning for each directive that suppressed
/// nothing although every rule it names ran.
pub fn apply_inline(doc: &Document, findings: &mut Vec<Finding>, known: &KnownRules<'_>) {
    let mut regions = regions(doc);
    if regions.is_empty() {
        return;
    }
    // Work per rule that has findings (a few dozen at most), never per
    // (finding, region) pair: a region suppresses the findings of a rule whose
    // start lies in it, found by binary search in that rule's sorted starts.
    let mut starts: HashMap<&str, Vec<usize>> = HashMap::new();
    for f in findings.iter() {
        starts
            .entry(f.rule.as_str())
            .or_default()
            .push(f.span.start);
    }
    let mut suppressed: HashMap<String, Vec<Range<usize>>> = HashMap::new();
    for (rule, starts) in &mut starts {
        starts.sort_unstable();
        let mut covering = Vec::new();
        for r in regions.iter_mut() {
            if !(r.ids.is_empty() || r.ids.iter().any(|id| id_matches(id, rule))) {
                continue;
            }
            let applies = r.applies.start..r.applies.end.max(r.applies.start + 1);
            let first = starts.partition_point(|&s| s < applies.start);
            r.used |= starts.get(first).is_some_and(|&s| s < applies.end);
            covering.push(applies);
        }
        suppressed.insert(rule.to_string(), union(covering));
    }
    findings.retain(|f| {
        let covering = &suppressed[f.rule.as_str()];
        let i = covering.partition_point(|r| r.start <= f.span.start);
        !(i > 0 && f.span.start < covering[i - 1].end)
    });
    let finding = |r: &Region, level, message| Finding {
        rule: SUPPRESSION_RULE.into(),
        level,
        message,
        span: r.directive.clone(),
        labels: Vec::new(),
        notes: Vec::new(),
        fix: None,
    };
    for r in &regions {
        let unknown: Vec<String> = r
            .ids
            .iter()
            .filter_map(|id| crate::pack::unknown_id(id, known.all.iter().map(String::as_str)))
            .collect();
        for why in &unknown {
            findings.push(finding(
                r,
                Level::Error,
                format!("suppression comment: {why}; correct the comment"),
            ));
        }
        // A rule that exists but did not run (disabled, or not in --rule) may
        // well have something to suppress on another run.
        let all_ran = r
            .ids
            .iter()
            .all(|id| known.enabled.iter().any(|k| id_matches(id, k)));
        if known.report_unused && unknown.is_empty() && all_ran && !r.used {
            findings.push(finding(
                r,
                Level::Warning,
                "suppression comment suppresses nothing; remove it".to_string(),
            ));
        }
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocKind;
    use crate::pack::RuleSet;

    fn run(text: &str, kind: DocKind) -> Vec<Finding> {
        let rules = RuleSet::builtin().unwrap();
        rules.check(&Document::new(text.to_string(), kind))
    }

    #[test]
    fn disable_enable_and_next_line_in_markdown() {
        let t = "The Rusian envoy.\n\n<!-- copydesk-disable facts/entity-spelling -->\nThe Rusian envoy.\n<!-- copydesk-enable facts/entity-spelling -->\n\nThe Rusian envoy.\n\n<!-- copydesk-disable-next-line -->\nThe Rusian envoy.\n";
        let f = run(t, DocKind::Markdown);
        let lines: Vec<usize> = f
            .iter()
            .map(|f| t[..f.span.start].matches('\n').count() + 1)
            .collect();
        assert_eq!(lines, [1, 7], "{f:#?}");
    }

    #[test]
    fn plain_text_uses_the_same_comments_and_they_are_not_prose() {
        let t = "<!-- copydesk-disable-next-line facts -->\nThe Rusian envoy.\nThe Rusian envoy.\n";
        let f = run(t, DocKind::Text);
        assert_eq!(f.len(), 1);
        assert_eq!(t[..f[0].span.start].matches('\n').count(), 2);
    }

    #[test]
    fn unused_and_unknown_suppressions_are_reported() {
        let t = "<!-- copydesk-disable-next-line style/nope -->\nFine text.\n<!-- copydesk-disable-next-line facts -->\nAlso fine.\n";
        let f = run(t, DocKind::Text);
        let m: Vec<(&str, Level)> = f.iter().map(|f| (f.message.as_str(), f.level)).collect();
        assert_eq!(
            m,
            [
                (
                    "suppression comment: no rule or pack is called 'style/nope'; correct the comment",
                    Level::Error
                ),
                (
                    "suppression comment suppresses nothing; remove it",
                    Level::Warning
                )
            ]
        );
        assert!(f.iter().all(|f| f.rule == SUPPRESSION_RULE));
        assert!(is_unknown_id(&f[0]) && !is_unknown_id(&f[1]));
    }

    #[test]
    fn issue_11_suppression_warnings_can_be_disabled() {
        let t = "<!-- copydesk-disable-next-line facts -->\nAlso fine.\n";
        let mut rules = RuleSet::builtin().unwrap();
        rules.report_unused_suppressions = false;
        assert!(
            rules
                .check(&Document::new(t.into(), DocKind::Text))
                .is_empty()
        );
    }

    #[test]
    fn enable_closes_the_latest_open_disable_with_its_ids() {
        let t = "<!-- copydesk-disable a -->\n<!-- copydesk-disable -->\n<!-- copydesk-enable a -->\nx\n<!-- copydesk-enable -->\ny\n";
        let doc = Document::new(t.to_string(), DocKind::Text);
        let r = regions(&doc);
        let ends: Vec<&str> = r.iter().map(|r| &t[r.applies.end..]).collect();
        assert_eq!(
            ends,
            [
                "<!-- copydesk-enable a -->\nx\n<!-- copydesk-enable -->\ny\n",
                "<!-- copydesk-enable -->\ny\n"
            ]
        );
        // Each region is closed once: a second `enable` finds nothing to close.
        let t = "<!-- copydesk-disable a -->\n<!-- copydesk-enable -->\n<!-- copydesk-enable a -->\ny\n";
        let doc = Document::new(t.to_string(), DocKind::Text);
        let r = regions(&doc);
        assert_eq!(
            &t[r[0].applies.end..],
            "<!-- copydesk-enable -->\n<!-- copydesk-enable a -->\ny\n"
        );
    }
}
