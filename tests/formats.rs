//! The CI output formats: SARIF validated against the OASIS schema, GitHub
//! workflow commands and Checkstyle XML recorded as snapshots.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check(format: &str, paths: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", format, "--date", "2024-03-05"])
        .args(paths)
        .current_dir(root())
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8"),
    )
}

const FILES: &[&str] = &[
    "examples/briefing.md",
    "tests/fixtures/kinds",
    "tests/fixtures/markdown/story.md",
];

#[test]
fn sarif_is_valid_against_the_schema() {
    // The rtm.5 schema has one malformed regex (run.language), corrected in the OASIS
    // errata to "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"; fix it the same way before compiling.
    let text = std::fs::read_to_string(root().join("tests/schemas/sarif-2.1.0-rtm.5.json"))
        .unwrap()
        .replace(
            r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
            r"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
        );
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    // The validator is not vacuous: a log without runs, or with a bad level, fails.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0"})));
    let bad_level = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]});
    assert!(!validator.is_valid(&bad_level));
    let (code, out) = check("sarif", FILES);
    assert_eq!(code, 1);
    let log: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );

    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 10);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    // Every result points at its rule's metadata, which has a description.
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(
            !rules[i]["fullDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
    }
    // The example's near-miss finding: region and fix.
    let isreali = results
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().contains("Isreali"))
        .unwrap();
    let region = &isreali["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(10), Some(72))
    );
    assert_eq!(
        isreali["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "Israeli"
    );
}

#[test]
fn github_annotations() {
    let (code, out) = check(
        "github",
        &[
            "examples/briefing.md",
            "tests/fixtures/kinds/consistency.txt",
        ],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!("github", out);
}

#[test]
fn checkstyle_xml() {
    let (code, out) = check(
        "checkstyle",
        &[
            "examples/briefing.md",
            "tests/fixtures/kinds/consistency.txt",
        ],
    );
    assert_eq!(code, 1);
    assert!(out.starts_with("<?xml"));
    assert_eq!(
        out.matches("<file ").count(),
        out.matches("</file>").count()
    );
    insta::assert_snapshot!("checkstyle", out);
}

/// SARIF of `copydesk check --format sarif PATH` run in `dir`.
fn sarif_in(dir: &std::path::Path, path: &str) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "sarif", path])
        .current_dir(dir)
        .output()
        .expect("copydesk runs");
    serde_json::from_slice(&out.stdout).expect("SARIF is JSON")
}

#[test]
fn issue_11_sarif_tracks_alerts_by_fingerprint_with_relative_uris() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.md");
    std::fs::write(&story, "The top Rusian diplomat met a Rusian envoy.\n").unwrap();
    // An absolute path inside the folder copydesk runs in is written relative to it.
    let log = sarif_in(dir.path(), &story.display().to_string());
    let run = &log["runs"][0];
    let loc = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(loc["uri"], "story.md");
    assert_eq!(loc["uriBaseId"], "%SRCROOT%");
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    // Fingerprints: one per occurrence, and the same after lines are added above.
    let prints = |log: &serde_json::Value| -> Vec<String> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["copydesk/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = prints(&log);
    assert_eq!(before.len(), 2);
    assert_ne!(before[0], before[1]);
    std::fs::write(
        &story,
        "# Briefing\n\nA new lead.\n\nThe top Rusian diplomat met a Rusian envoy.\n",
    )
    .unwrap();
    assert_eq!(prints(&sarif_in(dir.path(), "story.md")), before);
    // A rule's short description is its whole first sentence, not its first line.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let near = rules
        .iter()
        .find(|r| r["id"] == "facts/entity-spelling")
        .unwrap();
    let short = near["shortDescription"]["text"].as_str().unwrap();
    assert!(short.ends_with('.') && !short.contains('\n'), "{short}");
}
