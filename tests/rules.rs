//! Runs every built-in rule's own examples: `bad` must be flagged by that rule,
//! `good` must not be, and `fixed` must be what `--fix` makes of `bad` (and stay
//! clean and stable when linted again). A failure names the rule file.

use copydesk::config::Settings;
use copydesk::pack::{self, RuleSet};

fn only(id: &str) -> RuleSet {
    let mut s = Settings::defaults(".".into());
    s.selection.only = vec![id.to_string()];
    s.rule_set().unwrap_or_else(|e| panic!("{id}: {e:?}"))
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
    }
    // Each example holds (the same code as `copydesk test`).
    let outcomes = copydesk::examples::run_rules(&Settings::defaults(".".into()), &files)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(outcomes.len(), files.len());
    for o in outcomes {
        failures.extend(o.failures.iter().map(|f| format!("{}: {f}", o.source)));
    }
    assert!(
        failures.is_empty(),
        "rule examples failed:\n{}",
        failures.join("\n")
    );
}
