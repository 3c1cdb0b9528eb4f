//! The knowledge base is refreshable: `scripts/build-facts.py` takes a Wikidata export (the
//! query in docs/facts-refresh.md) as one more source. Runs the script on a small export of
//! our own into a scratch folder and loads the result.
//!
//! Needs python3 with PyYAML and `../shared/data` beside the checkout (as CI lays it out).

use copydesk::facts::Facts;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

#[test]
fn a_wikidata_export_becomes_one_more_source() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../shared/data");
    assert!(
        data.join("factbook-2026").is_dir(),
        "SHARED DATA MISSING: {} must hold the source data (the CI layout puts shared/ beside the checkout)",
        data.display()
    );
    let out = tempfile::tempdir().expect("scratch folder");
    let run = Command::new("python3")
        .arg(root.join("scripts/build-facts.py"))
        .arg(&data)
        .arg("--out")
        .arg(out.path())
        .args(["--wikidata-export"])
        .arg(root.join("tests/fixtures/wikidata-export/positions.csv"))
        .args(["--export-as-of", "2026-03-01"])
        .output()
        .expect("python3 runs (install python3 and PyYAML)");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "build-facts.py failed:\n{stderr}");
    assert!(
        stderr.contains("positions.csv: 3 offices taken, 2 rows skipped"),
        "{stderr}"
    );
    let people = std::fs::read_to_string(out.path().join("people.toml")).expect("people.toml");
    assert!(
        people.contains("[[dataset]]\nid = \"wikidata-export\"\nname = \"Wikidata query export (docs/facts-refresh.md)\"\nlicense = \"CC0-1.0\"\nas-of = \"2026-03-01\""),
        "the export is a registered source with its date"
    );
    assert!(!people.contains("Ann Sample"), "a deputy is not a holder");

    let kb = |name: &str| -> (String, Arc<str>) {
        let text =
            std::fs::read_to_string(root.join("rules/facts/kb").join(name)).expect("kb file");
        (name.to_string(), Arc::from(text))
    };
    let files = vec![
        kb("countries.toml"),
        kb("organizations.toml"),
        kb("titles.toml"),
        ("people.toml".to_string(), Arc::from(people)),
    ];
    let facts = Facts::load(&files).unwrap_or_else(|e| panic!("generated facts load: {e:?}"));
    let maria = &facts.find_people("Maria Exampleton")[0];
    let date = jiff::civil::date(2026, 2, 1);
    assert_eq!(maria.offices[0].source, "wikidata-export");
    assert!(
        facts.certainly_held(&maria.offices[0], date),
        "open on 2026-03-01"
    );
    let john = &facts.find_people("John Testwood")[0];
    assert_eq!(john.offices[0].title, "Finance Minister");
    // Merged with the same term from the other sources, citing each.
    let kishida = &facts.find_people("Fumio Kishida")[0];
    let pm = kishida
        .offices
        .iter()
        .find(|o| o.title == "Prime Minister")
        .expect("Kishida's premiership");
    assert!(
        pm.source.contains("wikidata-export") && pm.source.contains("factbook"),
        "{}",
        pm.source
    );
}
