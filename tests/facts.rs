//! The fact rules on our own wire-style fixtures: for each fact kind, a story with
//! five true cases (exactly five findings of that rule) and a story of near-misses
//! (none). Articles are checked as of 2024-03-05.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `copydesk check --rule RULE --format line` over `paths`, dated 2024-03-05.
fn lines(rule: &str, paths: &[String]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "check",
            "--format",
            "line",
            "--date",
            "2024-03-05",
            "--year",
            "2024",
            "--rule",
            rule,
        ])
        .args(paths)
        .current_dir(root())
        .output()
        .expect("the binary runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/facts/{name}")
}

fn check_kind(rule: &str, stem: &str) {
    let flagged = lines(rule, &[fixture(&format!("{stem}-flagged.txt"))]);
    assert_eq!(
        flagged.len(),
        5,
        "{rule} on {stem}-flagged.txt:\n{}",
        flagged.join("\n")
    );
    insta::assert_snapshot!(format!("facts_{stem}"), flagged.join("\n"));
    let clean = lines(rule, &[fixture(&format!("{stem}-clean.txt"))]);
    assert!(
        clean.is_empty(),
        "{rule} on {stem}-clean.txt:\n{}",
        clean.join("\n")
    );
}

#[test]
fn title() {
    check_kind("facts/title", "title");
}

#[test]
fn entity_spelling() {
    check_kind("facts/entity-spelling", "entity-spelling");
}

#[test]
fn name_consistency() {
    check_kind("facts/name-consistency", "name-consistency");
}

#[test]
fn dates() {
    check_kind("facts/dates", "dates");
}

#[test]
fn quotes() {
    check_kind("facts/quotes", "quotes");
}

#[test]
fn numbers() {
    check_kind("facts/numbers", "numbers");
}

#[test]
fn dateline() {
    let bad: Vec<String> = (1..=5)
        .map(|i| fixture(&format!("dateline/bad-{i}.txt")))
        .collect();
    let flagged = lines("facts/dateline", &bad);
    assert_eq!(flagged.len(), 5, "{}", flagged.join("\n"));
    insta::assert_snapshot!("facts_dateline", flagged.join("\n"));
    let good: Vec<String> = (1..=5)
        .map(|i| fixture(&format!("dateline/good-{i}.txt")))
        .collect();
    let clean = lines("facts/dateline", &good);
    assert!(clean.is_empty(), "{}", clean.join("\n"));
}
