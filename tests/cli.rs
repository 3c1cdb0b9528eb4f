//! CLI tests: the binary as users run it, output recorded with insta snapshots.
//!
//! Tests that need the shared data (the reference story, the real news corpus)
//! read it from `../shared` beside the checkout and fail loudly when it is absent.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the checkout; panics with instructions when missing.
fn shared() -> PathBuf {
    let p = root().join("../shared");
    assert!(
        p.join("seeds/tass-gaza.txt").is_file(),
        "SHARED DATA MISSING: {} must hold seeds/tass-gaza.txt and data/ (the CI layout puts \
         shared/ beside the checkout); these tests cannot run without it",
        p.display()
    );
    p
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn snapshot(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn copydesk_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary starts");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(input.as_bytes())
            .expect("stdin written");
    }
    let out = child.wait_with_output().expect("the binary finishes");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn copydesk(args: &[&str]) -> Run {
    copydesk_in(&root(), args, None)
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", run.stdout))
}

const TASS: &str = "../shared/seeds/tass-gaza.txt";

#[test]
fn reference_story_has_exactly_the_two_errors() {
    shared();
    let run = copydesk(&["check", "--color", "never", TASS]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("reference_story_human", run.snapshot());
}

#[test]
fn reference_story_line_and_json_agree_and_offsets_slice_the_text() {
    let text =
        std::fs::read_to_string(shared().join("seeds/tass-gaza.txt")).expect("reference story");
    let line = copydesk(&["check", "--format", "line", TASS]);
    assert_eq!(line.code, 1);
    insta::assert_snapshot!("reference_story_line", line.stdout);

    let run = copydesk(&["check", "--format", "json", TASS]);
    assert_eq!(run.code, 1);
    let doc = json(&run);
    let findings = doc["findings"].as_array().expect("findings array");
    let errors: Vec<_> = findings.iter().filter(|f| f["level"] == "error").collect();
    assert_eq!(errors.len(), 2, "{findings:#?}");
    let sliced: Vec<&str> = errors
        .iter()
        .map(|f| {
            &text[f["span"]["start"].as_u64().unwrap() as usize
                ..f["span"]["end"].as_u64().unwrap() as usize]
        })
        .collect();
    assert_eq!(sliced, ["Rusian", "Jewish Prime Minister"]);
    let fixes: Vec<&str> = errors
        .iter()
        .map(|f| f["fix"]["edits"][0]["replacement"].as_str().unwrap())
        .collect();
    assert_eq!(fixes, ["Russian", "Israeli"]);
    // The line format shows the same findings at the same positions.
    for (f, l) in findings.iter().zip(line.stdout.lines()) {
        let pos = format!(
            ":{}:{}: {}[{}]",
            f["start"]["line"],
            f["start"]["column"],
            f["level"].as_str().unwrap(),
            f["rule"].as_str().unwrap()
        );
        assert!(l.contains(&pos), "{l} vs {pos}");
    }
    assert_eq!(findings.len(), line.stdout.lines().count());
}

#[test]
fn output_is_deterministic() {
    shared();
    let a = copydesk(&[
        "check",
        "--format",
        "json",
        TASS,
        "examples",
        "tests/fixtures/kinds",
    ]);
    let b = copydesk(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/kinds",
        TASS,
        "examples",
    ]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn bundled_example_shows_both_kinds_of_error() {
    let run = copydesk(&["check", "--color", "never", "examples"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("example_human", run.snapshot());
}

#[test]
fn json_format_is_stable() {
    let run = copydesk(&["check", "--format", "json", "examples/briefing.txt"]);
    insta::assert_snapshot!("example_json", run.stdout);
}

#[test]
fn each_rule_kind_on_real_looking_copy() {
    for kind in [
        "existence",
        "substitution",
        "repetition",
        "consistency",
        "near-miss",
        "office-title",
    ] {
        let path = format!("tests/fixtures/kinds/{kind}.txt");
        let run = copydesk(&["check", "--format", "line", &path]);
        insta::assert_snapshot!(format!("kind_{kind}"), run.snapshot());
    }
}

#[test]
fn markdown_code_urls_html_and_front_matter_are_not_checked() {
    let run = copydesk(&[
        "check",
        "--format",
        "line",
        "tests/fixtures/markdown/story.md",
    ]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("markdown", run.snapshot());
}

#[test]
fn stdin_uses_the_given_name_and_its_format() {
    let md = std::fs::read_to_string(root().join("tests/fixtures/markdown/story.md")).unwrap();
    let run = copydesk_in(
        &root(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "story.md",
            "--format",
            "line",
        ],
        Some(&md),
    );
    let file = copydesk(&[
        "check",
        "--format",
        "line",
        "tests/fixtures/markdown/story.md",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        file.stdout
            .replace("tests/fixtures/markdown/story.md", "story.md")
    );
    let plain = copydesk_in(
        &root(),
        &["check", "-", "--format", "line"],
        Some("The top Rusian diplomat.\n"),
    );
    assert_eq!(
        plain.stdout,
        "<stdin>:1:9: error[facts/entity-spelling]: 'Rusian' is not a known word; did you mean 'Russian'?\n"
    );
}

#[test]
fn exit_status_zero_when_clean() {
    let run = copydesk_in(
        &root(),
        &["check", "-"],
        Some("The government said talks would resume on Monday.\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "0 errors, 0 warnings, 0 infos in 1 file\n");
}

#[test]
fn exit_status_follows_fail_on() {
    let text = "The colour changed. The organization said so.\n";
    let warn_only = copydesk_in(&root(), &["check", "-", "--format", "line"], Some(text));
    assert_eq!(warn_only.code, 0, "warnings do not fail by default");
    assert!(warn_only.stdout.contains("warning[style/spelling-variety]"));
    let strict = copydesk_in(&root(), &["check", "-", "--fail-on", "warning"], Some(text));
    assert_eq!(strict.code, 1);
}

#[test]
fn custom_pack_levels_and_disable_from_config() {
    let dir = root().join("tests/fixtures/custom-pack");
    let run = copydesk_in(&dir, &["check", "--format", "line"], None);
    assert_eq!(run.code, 1, "fail-on = warning in the config");
    insta::assert_snapshot!("custom_pack", run.snapshot());
    let rules = copydesk_in(&dir, &["rules"], None);
    assert!(rules.stdout.contains("house/banned-words"));
    assert!(!rules.stdout.contains("style/redundancy"));
}

#[test]
fn newsroom_facts_from_config_extend_the_knowledge_base() {
    let dir = root().join("tests/fixtures/custom-facts");
    let run = copydesk_in(
        &dir,
        &["check", "--format", "line", "--date", "2024-03-03"],
        None,
    );
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("custom_facts", run.snapshot());
}

#[test]
fn bad_facts_are_located_errors() {
    let run = copydesk_in(
        &root().join("tests/fixtures/bad-facts"),
        &["check", "--color", "never"],
        None,
    );
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("bad_facts", run.snapshot());
}

#[test]
fn rule_selection_on_the_command_line() {
    let run = copydesk(&[
        "check",
        "--format",
        "line",
        "--rule",
        "spelling",
        "--rule",
        "facts",
        "--disable",
        "facts/entity-spelling",
        "tests/fixtures/kinds",
    ]);
    assert!(
        run.stdout
            .lines()
            .all(|l| l.contains("[spelling/") || l.contains("[facts/")),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("entity-spelling"));
    assert!(run.stdout.contains("spelling/misspellings"));
    assert!(run.stdout.contains("facts/title"));
}

#[test]
fn bad_rule_is_a_config_error_with_file_line_col() {
    let run = copydesk_in(
        &root().join("tests/fixtures/bad-pack"),
        &["check", "--color", "never"],
        None,
    );
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("bad_rule", run.snapshot());
}

#[test]
fn unknown_rule_id_in_config_is_an_error() {
    let run = copydesk_in(
        &root().join("tests/fixtures/bad-config"),
        &["check", "--color", "never"],
        None,
    );
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("bad_config", run.snapshot());
}

#[test]
fn invalid_toml_in_config_is_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "packs = [\"a\"\nfail-on = \"error\"\n",
    )
    .unwrap();
    let run = copydesk_in(dir.path(), &["check", "--color", "never", "."], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("copydesk.toml:2:1") || run.stderr.contains("copydesk.toml:1:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was checked"));
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-good.txt"), "The top Rusian diplomat.\n").unwrap();
    std::fs::write(dir.path().join("b-latin1.txt"), b"Caf\xe9 owners said.\n").unwrap();
    std::fs::write(dir.path().join("c-binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let run = copydesk_in(
        dir.path(),
        &["check", "--format", "line", ".", "missing.txt"],
        None,
    );
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("bad_inputs", run.snapshot());
}

#[test]
fn missing_config_file_is_an_error() {
    let run = copydesk(&["check", "--config", "nope.toml", "examples"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "copydesk: error: cannot read nope.toml: config file not found\n"
    );
}

#[test]
fn fix_rewrites_only_the_two_errors_of_the_reference_story_and_is_stable() {
    let original = std::fs::read_to_string(shared().join("seeds/tass-gaza.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("tass.txt");
    std::fs::write(&story, &original).unwrap();
    let run = copydesk_in(
        dir.path(),
        &["check", "--fix", "--color", "never", "tass.txt"],
        None,
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .starts_with("2 fix(es) applied; remaining: 0 errors"),
        "{}",
        run.stderr
    );
    let fixed = std::fs::read_to_string(&story).unwrap();
    let expected = original
        .replacen("The top Rusian diplomat", "The top Russian diplomat", 1)
        .replacen(
            "Jewish Prime Minister Benjamin",
            "Israeli Prime Minister Benjamin",
            1,
        );
    assert_eq!(fixed, expected, "only the two errors change, byte for byte");
    let again = copydesk_in(dir.path(), &["check", "--fix", "tass.txt"], None);
    assert_eq!(again.code, 0);
    assert!(
        again.stderr.starts_with("0 fix(es) applied"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&story).unwrap(), expected);
}

#[test]
fn diff_prints_the_fixes_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Headline\r\n\r\nThe goverment said the the Rusian envoy left.\r\nAll else stays.\r\n";
    std::fs::write(dir.path().join("s.txt"), text).unwrap();
    let run = copydesk_in(dir.path(), &["check", "--diff", "s.txt"], None);
    assert_eq!(run.code, 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("s.txt")).unwrap(),
        text,
        "nothing written"
    );
    insta::assert_snapshot!("diff", run.stdout.replace('\r', "<CR>"));
    let fix = copydesk_in(dir.path(), &["check", "--fix", "s.txt"], None);
    assert_eq!(fix.code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("s.txt")).unwrap(),
        "Headline\r\n\r\nThe government said the Russian envoy left.\r\nAll else stays.\r\n",
        "CRLF line endings kept"
    );
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let run = copydesk_in(
        &root(),
        &["check", "-", "--fix"],
        Some("The top Rusian diplomat.\n"),
    );
    assert_eq!(run.stdout, "The top Russian diplomat.\n");
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let text = "Sergey Lavrov spoke. Sergei Lavrov left.\n";
    let safe = copydesk_in(
        &root(),
        &["check", "-", "--fix", "--rule", "facts/name-consistency"],
        Some(text),
    );
    assert_eq!(safe.stdout, text);
    let all = copydesk_in(
        &root(),
        &[
            "check",
            "-",
            "--fix",
            "--unsafe-fixes",
            "--rule",
            "facts/name-consistency",
        ],
        Some(text),
    );
    assert_eq!(all.stdout, "Sergey Lavrov spoke. Sergey Lavrov left.\n");
}

#[test]
fn statistics_count_findings_per_rule() {
    let run = copydesk(&["check", "--statistics", "tests/fixtures/kinds"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("statistics", run.stdout);
}

#[test]
fn init_writes_a_starter_config_once() {
    let dir = tempfile::tempdir().unwrap();
    let run = copydesk_in(dir.path(), &["init"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("copydesk.toml").is_file());
    std::fs::write(dir.path().join("a.txt"), "The top Rusian diplomat.\n").unwrap();
    let check = copydesk_in(dir.path(), &["check", "--format", "line"], None);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let again = copydesk_in(dir.path(), &["init"], None);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"));
}

#[test]
fn add_ignore_records_findings_that_survive_edits_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("s.txt");
    std::fs::write(&story, "Headline\n\nThe top Rusian diplomat said.\n").unwrap();
    let add = copydesk_in(dir.path(), &["check", "--add-ignore", "s.txt"], None);
    assert_eq!(add.code, 0, "{}", add.stderr);
    assert_eq!(add.stderr, "added 1 finding(s) to copydesk.ignore.toml\n");
    let ignore = std::fs::read_to_string(dir.path().join("copydesk.ignore.toml")).unwrap();
    assert!(
        ignore.contains("rule = \"facts/entity-spelling\"")
            && ignore.contains("text = \"top Rusian diplomat\""),
        "{ignore}"
    );
    std::fs::write(
        &story,
        "Headline\n\nA new first paragraph.\n\nThe top Rusian diplomat said.\n",
    )
    .unwrap();
    assert_eq!(
        copydesk_in(dir.path(), &["check", "s.txt"], None).code,
        0,
        "still ignored after an edit elsewhere"
    );
    std::fs::write(&story, "Headline\n\nThe Rusian envoy said.\n").unwrap();
    assert_eq!(
        copydesk_in(dir.path(), &["check", "s.txt"], None).code,
        1,
        "a different sentence is reported"
    );
}

#[test]
fn baselines_report_only_new_findings_and_list_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "The top Rusian diplomat said.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "The goverment said.\n").unwrap();
    let write = copydesk_in(
        dir.path(),
        &["check", "--write-baseline", "base.toml", "."],
        None,
    );
    assert_eq!(
        (write.code, write.stderr.as_str()),
        (0, "wrote 2 finding(s) to base.toml\n")
    );
    std::fs::write(
        dir.path().join("a.txt"),
        "The top Russian diplomat said. Then a Rusian envoy left.\n",
    )
    .unwrap();
    let run = copydesk_in(
        dir.path(),
        &["check", "--baseline", "base.toml", "--format", "line", "."],
        None,
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "a.txt:1:39: error[facts/entity-spelling]: 'Rusian' is not a known word; did you mean 'Russian'?\n"
    );
    assert!(
        run.stderr.starts_with("base.toml: 1 stale entry"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("a.txt [facts/entity-spelling] top Rusian diplomat"),
        "{}",
        run.stderr
    );
    let missing = copydesk_in(dir.path(), &["check", "--baseline", "nope.toml", "."], None);
    assert_eq!(missing.code, 2);
}

#[test]
fn usage_errors_exit_2() {
    let run = copydesk(&["check", "--format", "yaml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid value 'yaml'"));
    let help = copydesk(&["check", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("Exit status"));
}

#[test]
fn explain_shows_description_and_examples() {
    let run = copydesk(&["explain", "facts/title"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("explain_title", run.stdout);
    assert_eq!(copydesk(&["explain", "nope/nope"]).code, 2);
}

#[test]
fn checks_a_folder_of_a_thousand_real_articles_in_one_call() {
    let data = shared().join("data/news-reuters21578-dev/articles.jsonl");
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(&data).expect("Reuters corpus in shared data");
    let mut n = 0;
    for line in text.lines().take(1000) {
        let a: serde_json::Value = serde_json::from_str(line).expect("JSONL");
        let body = format!(
            "{}\n\n{}\n",
            a["title"].as_str().unwrap_or(""),
            a["body"].as_str().unwrap_or("")
        );
        std::fs::write(dir.path().join(format!("{n:04}.txt")), body).unwrap();
        n += 1;
    }
    assert_eq!(n, 1000);
    let run = copydesk_in(dir.path(), &["check", "--format", "json", "."], None);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let doc = json(&run);
    assert_eq!(doc["summary"]["files"], 1000);
    assert!(doc["errors"].as_array().unwrap().is_empty());
}
