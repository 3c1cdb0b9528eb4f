//! Runs every built-in rule's own examples: `bad` must be flagged by that rule,
//! `good` must not be, and `fixed` must be what `--fix` makes of `bad` (and stay
//! clean and stable when linted again). A failure names the rule file.

use copydesk::config::Settings;

use copydesk::fix;
use copydesk::pack::{self, RuleSet};

fn only(id: &str) -> RuleSet {
    let mut s = Settings::defaults(".".into());
    s.selection.only = vec![id.to_string()];
    s.rule_set().unwrap_or_else(|e| panic!("{id}: {e:?}"))
}

fn findings_of(
    rules: &RuleSet,
    id: &str,
    ex: &copydesk::rule::Example,
    text: &str,
) -> Vec<copydesk::finding::Finding> {
    rules
        .check(&ex.document(text))
        .into_iter()
        .filter(|f| f.rule == id)
        .collect()
}

#[test]
fn every_builtin_rule_has_examples_and_they_hold() {
    let files = pack::builtin_rule_files();
    assert!(
        files.len() >= 8,
        "expected the built-in packs, found {} rules",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let rules = only(&file.id);
        let meta = rules
            .rules()
            .find(|m| m.id == file.id)
            .expect("the selected rule compiled");
        // A rule that flags only the newsroom's own reject list has nothing to flag
        // without one: tests/cli.rs (issue_8_newsroom_vocabulary_…) runs it with a vocabulary.
        let vocabulary_only =
            file.text.contains("vocabulary-reject = true") && file.text.contains("tokens = []");
        if (!meta.examples.iter().any(|e| e.bad.is_some()) && !vocabulary_only)
            || !meta.examples.iter().any(|e| e.good.is_some())
        {
            failures.push(format!(
                "{}: needs at least one `bad` and one `good` example",
                file.path
            ));
        }
        if meta.description.trim().is_empty() {
            failures.push(format!("{}: has no description", file.path));
        }
        for ex in &meta.examples {
            if let Some(good) = &ex.good {
                let f = findings_of(&rules, &file.id, ex, good);
                if !f.is_empty() {
                    failures.push(format!(
                        "{}: good example {good:?} flagged: {}",
                        file.path, f[0].message
                    ));
                }
            }
            let Some(bad) = &ex.bad else { continue };
            let f = findings_of(&rules, &file.id, ex, bad);
            if f.is_empty() {
                failures.push(format!("{}: bad example {bad:?} not flagged", file.path));
                continue;
            }
            if let Some(expected) = &ex.fixed {
                let (once, _) = fix::apply(bad, &f, false);
                if &once != expected {
                    failures.push(format!(
                        "{}: fixing {bad:?} gave {once:?}, expected {expected:?}",
                        file.path
                    ));
                }
                let again = findings_of(&rules, &file.id, ex, &once);
                if !again.is_empty() {
                    failures.push(format!(
                        "{}: fixed text {once:?} still flagged: {}",
                        file.path, again[0].message
                    ));
                }
                let (twice, n) = fix::apply(&once, &again, false);
                if twice != once || n != 0 {
                    failures.push(format!("{}: fix of {bad:?} is not idempotent", file.path));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "rule examples failed:\n{}",
        failures.join("\n")
    );
}
