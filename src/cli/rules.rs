//! `copydesk rules` and `copydesk explain`.

use super::args::{ExplainArgs, RulesArgs, RulesFormat};
use super::{EXIT_CLEAN, EXIT_ERROR, settings};
use crate::document::Document;
use crate::error::LoadError;
use crate::pack::RuleSet;
use crate::rule::RuleMeta;
use crate::suppress::SUPPRESSION_RULE;

const SUPPRESSION_HELP: &str = "\
Reports suppression comments (<!-- copydesk-disable RULE -->, <!-- copydesk-enable RULE -->,
<!-- copydesk-disable-next-line RULE -->) that suppress nothing; remove them. A comment naming
a rule that does not exist is an input error (exit status 2) whatever this rule's setting.

Turn it off with `disable = [\"copydesk/suppression\"]` in copydesk.toml or
`--disable copydesk/suppression`.";

pub(super) fn list(args: RulesArgs) -> Result<u8, LoadError> {
    let rules = settings(&args.rule_options)?.rule_set()?;
    let metas: Vec<&RuleMeta> = rules.rules().collect();
    match args.format {
        RulesFormat::Json => {
            let rows: Vec<_> = metas
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id, "kind": m.kind, "level": m.level, "scope": m.scope,
                        "pack": m.id.split('/').next(), "source": m.source, "description": m.description,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&rows).expect("plain JSON values serialize")
            );
        }
        RulesFormat::Table => {
            let w = metas.iter().map(|m| m.id.len()).max().unwrap_or(2).max(2);
            println!(
                "{:w$}  {:14}  {:8}  {:7}  SOURCE",
                "ID", "KIND", "LEVEL", "SCOPE"
            );
            for m in metas {
                let scope = serde_json::to_value(m.scope).expect("scope serializes");
                println!(
                    "{:w$}  {:14}  {:8}  {:7}  {}",
                    m.id,
                    m.kind,
                    m.level.as_str(),
                    scope.as_str().unwrap_or(""),
                    m.source
                );
            }
        }
    }
    Ok(EXIT_CLEAN)
}

pub(super) fn explain(args: ExplainArgs) -> Result<u8, LoadError> {
    let mut settings = settings(&args.rule_options)?;
    let ids = settings.rule_ids()?;
    if !ids.contains(&args.id) {
        let why = crate::pack::unknown_id(&args.id, ids.iter().map(String::as_str)).unwrap_or_else(
            || format!("'{}' is a pack, not a rule; name one of its rules", args.id),
        );
        eprintln!("copydesk: error: {why}; `copydesk rules` lists the rule ids");
        return Ok(EXIT_ERROR);
    }
    if args.id == SUPPRESSION_RULE {
        println!("{SUPPRESSION_RULE} (built in, warning)\n\n{SUPPRESSION_HELP}");
        return Ok(EXIT_CLEAN);
    }
    // Described whether it runs or not: compile just this rule, with the configured level.
    let enabled = settings.selection.enabled(&args.id);
    settings.selection.only = vec![args.id.clone()];
    settings.selection.enable.clear();
    settings.selection.disable.clear();
    let rules = settings.rule_set()?;
    let meta = rules
        .rules()
        .find(|m| m.id == args.id)
        .expect("a known id selected alone is compiled");
    if !enabled {
        println!("(not enabled by the configuration or the command line; described anyway)\n");
    }
    println!("{} ({}, {})\n", meta.id, meta.kind, meta.level);
    if !meta.description.is_empty() {
        println!("{}\n", meta.description.trim());
    }
    if let Some(link) = &meta.link {
        println!("See: {link}\n");
    }
    for ex in &meta.examples {
        if let Some(bad) = &ex.bad {
            let found = findings_of(&rules, &meta.id, &ex.document(bad));
            if found.is_empty() {
                // Issue 11: an example the rule does not catch is not shown as caught.
                println!("  NOT flagged (a broken example; `copydesk test` checks them): {bad}");
            } else {
                println!("  flagged:  {bad}");
            }
            for f in found {
                println!("            -> {}", f);
            }
        }
        if let Some(fixed) = &ex.fixed {
            println!("  fixed:    {fixed}");
        }
        if let Some(good) = &ex.good {
            println!("  accepted: {good}");
        }
    }
    println!("\nDefined in {}", meta.source);
    Ok(EXIT_CLEAN)
}

fn findings_of(rules: &RuleSet, id: &str, doc: &Document) -> Vec<String> {
    rules
        .check(doc)
        .into_iter()
        .filter(|f| f.rule == id)
        .map(|f| f.message)
        .collect()
}
