//! `copydesk rules` and `copydesk explain`.

use super::args::{ExplainArgs, RulesArgs, RulesFormat};
use super::{EXIT_CLEAN, EXIT_ERROR, settings};
use crate::document::Document;
use crate::error::LoadError;
use crate::pack::RuleSet;
use crate::rule::RuleMeta;

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
    let rules = settings(&args.rule_options)?.rule_set()?;
    let Some(meta) = rules.rules().find(|m| m.id == args.id) else {
        eprintln!(
            "copydesk: error: no rule '{}' is enabled; `copydesk rules` lists them",
            args.id
        );
        return Ok(EXIT_ERROR);
    };
    println!("{} ({}, {})\n", meta.id, meta.kind, meta.level);
    if !meta.description.is_empty() {
        println!("{}\n", meta.description.trim());
    }
    if let Some(link) = &meta.link {
        println!("See: {link}\n");
    }
    for ex in &meta.examples {
        if let Some(bad) = &ex.bad {
            println!("  flagged:  {bad}");
            for f in findings_of(&rules, &meta.id, &ex.document(bad)) {
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
