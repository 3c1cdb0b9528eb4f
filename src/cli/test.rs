//! `copydesk test`: runs the examples of the newsroom's own rules and fact files
//! ([`crate::examples`]), as the test suite does for the built-in ones.

use super::args::TestArgs;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, settings};
use crate::error::LoadError;

pub(super) fn run(args: &TestArgs) -> Result<u8, LoadError> {
    let settings = settings(&args.rule_options)?;
    let mut files = if args.builtin {
        settings.rule_files()?
    } else {
        settings.local_rule_files()?
    };
    let wanted: Vec<&String> = args.ids.iter().chain(&args.rule_options.rules).collect();
    let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
    let unknown: Vec<String> = wanted
        .iter()
        .filter_map(|w| {
            let why = crate::pack::unknown_id(w, ids.iter().copied())?;
            Some(format!("{w}: {why}"))
        })
        .collect();
    if !unknown.is_empty() {
        eprintln!(
            "copydesk: error: {}; `copydesk rules` lists the rule ids{}",
            unknown.join("; "),
            if args.builtin {
                ""
            } else {
                " (built-in rules are tested with --builtin)"
            }
        );
        return Ok(EXIT_ERROR);
    }
    if !wanted.is_empty() {
        files.retain(|f| wanted.iter().any(|w| crate::pack::id_matches(w, &f.id)));
    }
    let mut outcomes = crate::examples::run_rules(&settings, &files)?;
    if wanted.is_empty() {
        outcomes.extend(crate::examples::run_facts(&settings)?);
    }
    if outcomes.is_empty() {
        eprintln!(
            "copydesk: error: nothing to test: no pack in {} (`packs = [\"house\"]`), no \
             [[example]] in its fact files; `copydesk test --builtin` tests the built-in rules",
            settings
                .config_path
                .as_deref()
                .map_or_else(|| "copydesk.toml".to_string(), crate::pack::display_path)
        );
        return Ok(EXIT_ERROR);
    }
    let (mut examples, mut failed) = (0, 0);
    for o in &outcomes {
        examples += o.examples;
        if o.examples == 0 {
            println!(
                "{}: no examples; add `examples = [{{ bad = \"…\" }}, {{ good = \"…\" }}]` ({})",
                o.name, o.source
            );
        } else if o.failures.is_empty() {
            let (n, verb) = if o.examples == 1 {
                ("", "holds")
            } else {
                ("s", "hold")
            };
            println!("{}: {} example{n} {verb}", o.name, o.examples);
        } else {
            failed += 1;
            println!("{}: FAILED ({})", o.name, o.source);
            for f in &o.failures {
                println!("  {f}");
            }
        }
    }
    eprintln!(
        "{} tested, {examples} examples: {}",
        outcomes.len(),
        if failed == 0 {
            "all hold".to_string()
        } else {
            format!("{failed} failed")
        }
    );
    Ok(if failed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
