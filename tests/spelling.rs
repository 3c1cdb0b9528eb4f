//! The dictionary check (`spelling/dictionary`) from the command line, on our own
//! fixtures and on real published copy read in place from `../shared` (the tests fail
//! loudly when it is missing).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/data` beside the checkout; panics with instructions when missing.
fn shared_data() -> PathBuf {
    let p = root().join("../shared/data");
    assert!(
        p.join("news-bbc-dev/articles.jsonl").is_file(),
        "SHARED DATA MISSING: {} must hold the news corpora (the CI layout puts shared/ \
         beside the checkout); these tests cannot run without it",
        p.display()
    );
    p
}

fn copydesk(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

/// `(level, flagged word, message)` of every spelling/dictionary finding in JSON output
/// (the flagged word is the message's first quoted word).
fn dictionary_findings(json: &str) -> Vec<(String, String, String)> {
    let doc: serde_json::Value = serde_json::from_str(json).expect("JSON output");
    let text_of = |f: &serde_json::Value| {
        let m = f["message"].as_str().unwrap_or("");
        m.split('\'').nth(1).unwrap_or("").to_string()
    };
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "spelling/dictionary")
        .map(|f| {
            (
                f["level"].as_str().unwrap().to_string(),
                text_of(f),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn names_wire_abbreviations_and_derived_words_stay_quiet() {
    let (code, out, err) = copydesk(
        &root(),
        &[
            "check",
            "--format",
            "json",
            "--rule",
            "spelling/dictionary",
            "tests/fixtures/spelling/names.md",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    // Real words the dictionary lacks ("have-nots", "writedown") are at most a hint.
    let found = dictionary_findings(&out);
    let words: Vec<&str> = found.iter().map(|(_, w, _)| w.as_str()).collect();
    assert_eq!(words, ["nots", "writedown"], "{found:#?}");
    assert!(
        found.iter().all(|(level, _, _)| level == "info"),
        "{found:#?}"
    );
}

#[test]
fn slips_are_flagged_by_confidence_with_the_right_word() {
    let (code, out, err) = copydesk(
        &root(),
        &[
            "check",
            "--format",
            "json",
            "--rule",
            "spelling/dictionary",
            "tests/fixtures/spelling/typos.md",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let found: Vec<(String, String, String)> = dictionary_findings(&out);
    let summary: Vec<String> = found
        .iter()
        .map(|(level, word, message)| format!("{level} {word}: {message}"))
        .collect();
    insta::assert_snapshot!(summary.join("\n"));
}

#[test]
fn spell_shows_entries_and_ranked_suggestions() {
    let (code, out, err) = copydesk(&root(), &["spell", "recieve", "wth", "mln", "house"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("mln: known (class 3"), "{out}");
    assert!(out.contains("house: known (class 0"), "{out}");
    let first_after = |word: &str| {
        out.split(&format!("{word}: unknown; suggestions:\n"))
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .map(str::to_string)
    };
    assert_eq!(first_after("recieve").as_deref(), Some("receive"), "{out}");
    assert_eq!(first_after("wth").as_deref(), Some("with"), "{out}");
}

/// Writes each article of a JSON Lines corpus as `ID.txt` (title, blank line, body).
fn write_corpus(jsonl: &Path, dir: &Path, id: impl Fn(&serde_json::Value) -> String) {
    let text = std::fs::read_to_string(jsonl).expect("corpus readable");
    for line in text.lines() {
        let a: serde_json::Value = serde_json::from_str(line).expect("JSONL");
        let body = format!(
            "{}\n\n{}\n",
            a["title"].as_str().unwrap_or(""),
            a["body"].as_str().unwrap_or("")
        );
        std::fs::write(dir.join(format!("{}.txt", id(&a))), body).expect("write");
    }
}

/// Every error and warning of the dictionary check on the 500 BBC stories, one line each:
/// the published typos it finds, and nothing else. A new false alarm shows up here as a
/// snapshot change to judge.
#[test]
fn bbc_stories_errors_and_warnings_are_real_typos() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(
        &shared_data().join("news-bbc-dev/articles.jsonl"),
        dir.path(),
        |a| a["id"].as_str().unwrap().replace('/', "-"),
    );
    let (code, out, err) = copydesk(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--rule",
            "spelling/dictionary",
            "--date",
            "2005-01-01",
            ".",
        ],
    );
    assert!(code == 0 || code == 1, "{err}");
    let mut lines: Vec<String> = dictionary_findings(&out)
        .into_iter()
        .filter(|(level, _, _)| level != "info")
        .map(|(level, _, message)| format!("{level}: {message}"))
        .collect();
    lines.sort();
    insta::assert_snapshot!(lines.join("\n"));
}

/// Typos in published Reuters copy, found with the word meant.
#[test]
fn reuters_typos_are_found_with_the_word_meant() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(
        &shared_data().join("news-reuters21578-dev/articles.jsonl"),
        dir.path(),
        |a| format!("reuters-{}", a["newid"]),
    );
    for (file, typo, meant) in [
        ("reuters-8006.txt", "equipemnt", "equipment"),
        ("reuters-10063.txt", "gulity", "guilty"),
        ("reuters-10632.txt", "bugdet", "budget"),
    ] {
        let (code, out, err) = copydesk(
            dir.path(),
            &[
                "check",
                "--format",
                "json",
                "--rule",
                "spelling/dictionary",
                file,
            ],
        );
        assert_eq!(code, 1, "{file}: {err}");
        let found = dictionary_findings(&out);
        assert!(
            found.iter().any(|(level, word, message)| level == "error"
                && word == typo
                && message.contains(&format!("'{meant}'"))),
            "{file}: {found:#?}"
        );
    }
}

/// `copydesk spell … | head -1`: a closed pipe ends the output quietly, no panic.
#[test]
fn spell_into_a_closed_pipe_does_not_panic() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["spell"])
        .args(std::iter::repeat_n("recieve", 2000))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // Read one line, then close our end of the pipe.
    let mut stdout = child.stdout.take().expect("piped");
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
