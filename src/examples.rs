//! Running the examples that rule files and fact files carry: each `bad` text must be
//! flagged, each `good` text must not be, and `fixed` must be what `--fix` makes of
//! `bad` (clean and stable when checked again). The test suite runs the built-in
//! rules' examples with this; `copydesk test` runs a newsroom's own.
//!
//! A rule's examples are checked against that rule alone, compiled with the
//! configuration's facts and vocabulary. A fact file's examples (`[[example]]`) are
//! checked against the `facts` rules: a `bad` text must be flagged by one of them.

use crate::config::Settings;
use crate::error::LoadError;
use crate::finding::Finding;
use crate::pack::{RuleFile, RuleSet};
use crate::rule::{Example, RuleMeta};
use regex::Regex;
use std::sync::{Arc, LazyLock};

/// What running the examples of one rule or fact file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The rule id, or the fact file's path.
    pub name: String,
    /// Where it is defined.
    pub source: String,
    /// Examples run.
    pub examples: usize,
    /// What failed, one line each.
    pub failures: Vec<String>,
}

/// Runs the examples of each rule in `files`, each rule compiled alone with `settings`
/// (whatever the configuration enables).
///
/// # Errors
/// A rule (or the configuration's facts or vocabulary) does not compile.
pub fn run_rules(settings: &Settings, files: &[RuleFile]) -> Result<Vec<Outcome>, LoadError> {
    // The knowledge base and vocabulary are loaded once and shared by every rule.
    let facts = Arc::new(settings.facts()?);
    let vocabulary = settings.vocabulary()?;
    let mut out = Vec::new();
    for file in files {
        let rules = RuleSet::compile(
            std::slice::from_ref(file),
            facts.clone(),
            &vocabulary,
            &only(settings, &file.id),
        )
        .map_err(LoadError::Source)?;
        let Some(meta) = rules.rules().find(|m| m.id == file.id) else {
            continue;
        };
        let mut outcome = Outcome {
            name: meta.id.clone(),
            source: meta.source.clone(),
            examples: meta.examples.len(),
            failures: Vec::new(),
        };
        for ex in &meta.examples {
            for failure in run_example(&rules, ex, &|f| f.rule == meta.id, Some(meta)) {
                // A bad placeholder shows in every bad example: say it once.
                if !outcome.failures.contains(&failure) {
                    outcome.failures.push(failure);
                }
            }
        }
        out.push(outcome);
    }
    Ok(out)
}

/// Runs the `[[example]]`s of the fact files `settings` adds, against the `facts` rules
/// with those facts loaded. Fact files without examples are left out.
///
/// # Errors
/// The configuration's rules, facts or vocabulary do not compile.
pub fn run_facts(settings: &Settings) -> Result<Vec<Outcome>, LoadError> {
    let facts = settings.facts()?;
    if facts.examples.is_empty() {
        return Ok(Vec::new());
    }
    let examples = facts.examples.clone();
    let rules = RuleSet::compile(
        &settings.rule_files()?,
        Arc::new(facts),
        &settings.vocabulary()?,
        &only(settings, "facts"),
    )
    .map_err(LoadError::Source)?;
    let mut out: Vec<Outcome> = Vec::new();
    for (path, ex) in &examples {
        let i = match out.iter().position(|o| &o.name == path) {
            Some(i) => i,
            None => {
                out.push(Outcome {
                    name: path.clone(),
                    source: path.clone(),
                    examples: 0,
                    failures: Vec::new(),
                });
                out.len() - 1
            }
        };
        out[i].examples += 1;
        let failures = run_example(&rules, ex, &|f| f.rule.starts_with("facts/"), None);
        out[i].failures.extend(failures);
    }
    Ok(out)
}

/// The configuration's selection narrowed to `id` (a rule or pack), whatever the
/// configuration enables or disables.
fn only(settings: &Settings, id: &str) -> crate::pack::Selection {
    let mut selection = settings.selection.clone();
    selection.only = vec![id.to_string()];
    selection.enable.clear();
    selection.disable.clear();
    selection
}

/// Checks one example; returns what failed. `counts` says which findings are the
/// ones under test; `meta`, the rule whose message placeholders are checked.
fn run_example(
    rules: &RuleSet,
    ex: &Example,
    counts: &dyn Fn(&Finding) -> bool,
    meta: Option<&RuleMeta>,
) -> Vec<String> {
    let check = |text: &str| -> Vec<Finding> {
        rules
            .check(&ex.document(text))
            .into_iter()
            .filter(|f| counts(f))
            .collect()
    };
    let mut failures = Vec::new();
    if let Some(good) = &ex.good
        && let Some(f) = check(good).first()
    {
        failures.push(format!("good example {good:?} is flagged: {}", f.message));
    }
    let Some(bad) = &ex.bad else {
        return failures;
    };
    let found = check(bad);
    if found.is_empty() {
        let undated = ex.date.is_none()
            && meta.is_some_and(|m| m.valid_from.is_some() || m.valid_until.is_some());
        failures.push(format!(
            "bad example {bad:?} is not flagged{}",
            if undated {
                " (it has no `date`, and the rule has valid-from/valid-until: an undated \
                 example's date is unknown, so the rule does not run; add `date = YYYY-MM-DD`)"
            } else {
                ""
            }
        ));
        return failures;
    }
    if let Some(meta) = meta {
        for f in &found {
            for name in unfilled(&f.message, &meta.message) {
                failures.push(format!(
                    "message placeholder {{{name}}} is not one the {} kind fills; it is printed as written",
                    meta.kind
                ));
            }
        }
    }
    if let Some(expected) = &ex.fixed {
        let (once, _) = crate::fix::apply(bad, &found, false);
        if &once != expected {
            failures.push(format!(
                "fixing {bad:?} gives {once:?}, not the {expected:?} the example expects"
            ));
            return failures;
        }
        let again = check(&once);
        if let Some(f) = again.first() {
            failures.push(format!(
                "the fixed text {once:?} is still flagged: {}",
                f.message
            ));
        }
        let (twice, n) = crate::fix::apply(&once, &again, false);
        if twice != once || n != 0 {
            failures.push(format!("fixing {bad:?} again changes it: not idempotent"));
        }
    }
    failures.sort();
    failures.dedup();
    failures
}

/// The `{placeholders}` of `template` left as written in `message`: names the rule's
/// kind does not fill.
fn unfilled(message: &str, template: &str) -> Vec<String> {
    static PLACEHOLDER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\{([a-z][a-z-]*)\}").expect("valid pattern"));
    PLACEHOLDER
        .captures_iter(template)
        .map(|c| c[1].to_string())
        .filter(|name| message.contains(&format!("{{{name}}}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack_rule(text: &str) -> RuleFile {
        RuleFile {
            id: "house/x".into(),
            path: "house/x.toml".into(),
            text: text.into(),
            dir: None,
        }
    }

    #[test]
    fn unfilled_placeholders_are_found() {
        assert_eq!(
            unfilled("avoid 'slammed' {wrod}", "avoid '{match}' {wrod}"),
            ["wrod"]
        );
        assert!(unfilled("avoid 'slammed'", "avoid '{match}'").is_empty());
    }

    #[test]
    fn failing_examples_and_bad_placeholders_are_reported() {
        let settings = Settings::defaults(".".into());
        let rule = pack_rule(
            "kind = \"existence\"\nmessage = \"avoid '{match}' ({wrod})\"\ntokens = [\"slammed\"]\n\
             examples = [{ bad = \"Critics slammed it.\" }, { bad = \"Critics panned it.\" }, { good = \"They slammed it.\" }]\n",
        );
        let mut files = crate::pack::builtin_rule_files();
        files.retain(|f| f.id == "style/redundancy");
        files.push(rule);
        let out = run_rules(&settings, &files).unwrap();
        let x = out.iter().find(|o| o.name == "house/x").unwrap();
        assert_eq!(x.examples, 3);
        assert_eq!(
            x.failures,
            [
                "message placeholder {wrod} is not one the existence kind fills; it is printed as written",
                "bad example \"Critics panned it.\" is not flagged",
                "good example \"They slammed it.\" is flagged: avoid 'slammed' ({wrod})",
            ]
        );
        let builtin = out.iter().find(|o| o.name == "style/redundancy").unwrap();
        assert!(builtin.failures.is_empty(), "{:?}", builtin.failures);
    }
}
