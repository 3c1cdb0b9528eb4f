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
    let run = copydesk(&["check", "--format", "json", "examples/briefing.md"]);
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
fn issue_9_endless_stdin_is_refused_at_the_size_limit() {
    // `yes x | copydesk check -`: stdin was read to its end before the limit applied.
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdin = child.stdin.take().expect("piped");
    let feeder = std::thread::spawn(move || {
        let chunk = "x\n".repeat(1 << 19);
        let mut written = 0usize;
        // Four times the 64 MiB limit, unless copydesk stops reading first.
        while written < 256 << 20 && stdin.write_all(chunk.as_bytes()).is_ok() {
            written += chunk.len();
        }
        written
    });
    let out = child.wait_with_output().expect("the binary finishes");
    let written = feeder.join().expect("the feeder finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("<stdin>: error: input is more than 64 MiB, over the 64 MiB limit"),
        "{stderr}"
    );
    assert!(
        written <= 66 << 20,
        "read {} MiB of standard input",
        written >> 20
    );
}

#[test]
fn issue_9_long_lines_print_a_window_around_each_finding() {
    // One 16 KB line of "the the the …": a doubled-word finding every 4 bytes.
    // codespan printed the whole line for each (a 2 MB line gave 508 MB).
    let words = 4000;
    let line = "the ".repeat(words);
    let run = copydesk_in(&root(), &["check", "-", "--color", "never"], Some(&line));
    let findings = run.stdout.matches("error[spelling/doubled-word]").count();
    assert_eq!(findings, words - 1);
    // Output grows with the findings, not with the findings times the line.
    assert!(
        run.stdout.len() < findings * 1024,
        "{} bytes for {findings} findings",
        run.stdout.len()
    );
    // The last finding keeps its true line and column, cut text marked.
    let last = run.stdout.rsplit("error[").next().unwrap();
    assert!(
        last.contains(&format!("<stdin>:1:{}", 4 * (words - 2) + 1)),
        "{last}"
    );
    assert!(last.contains("1 │ \u{2026}the the"), "{last}");
}

#[test]
fn issue_9_many_suppression_comments_cost_linear_work() {
    // Each comment was compared with every finding: 4 MB of them took 37 s.
    // 20,000 of each kind here, each suppressing one finding; every region is
    // now checked against each rule's sorted findings, not every finding.
    let pairs =
        "<!-- copydesk-disable facts -->\nThe Rusian envoy.\n<!-- copydesk-enable facts -->\n";
    let next = "<!-- copydesk-disable-next-line -->\nThe Rusian envoy.\n";
    let text = pairs.repeat(20_000) + &next.repeat(20_000) + "The Rusian envoy.\n";
    let run = copydesk_in(&root(), &["check", "-", "--format", "line"], Some(&text));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "<stdin>:100001:5: error[facts/entity-spelling]: 'Rusian' is not a known word; did you mean 'Russian'?\n"
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

#[test]
fn facts_who_person_and_sources_answer_from_the_knowledge_base() {
    let who = copydesk(&[
        "facts",
        "who",
        "Prime Minister",
        "Japan",
        "--date",
        "2025-02-20",
    ]);
    assert_eq!(who.code, 0, "{}", who.stderr);
    assert!(
        who.stdout
            .starts_with("On 2025-02-20 the Prime Minister of Japan was Shigeru Ishiba (2024-10-01 to 2025-10-21; source: CIA World Factbook"),
        "{}",
        who.stdout
    );
    // Any form of the title and of the country; every holder without a date.
    let all = copydesk(&["facts", "who", "Premier", "JPN"]);
    assert!(
        all.stdout
            .contains("Prime Minister of Japan: Fumio Kishida, 2021-10-04 to 2024-10-01"),
        "{}",
        all.stdout
    );
    // Past the sources: not known, never a guess.
    let later = copydesk(&[
        "facts",
        "who",
        "Chancellor",
        "German",
        "--date",
        "2026-06-01",
    ]);
    assert!(
        later.stdout.starts_with(
            "Not known: no source on file says who was Chancellor of Germany on 2026-06-01."
        ),
        "{}",
        later.stdout
    );
    assert!(
        later
            .stdout
            .contains("Friedrich Merz may have held it then"),
        "{}",
        later.stdout
    );
    let person = copydesk(&["facts", "person", "Fumio Kishida"]);
    assert!(
        person
            .stdout
            .contains("Prime Minister of Japan: 2021-10-04 to 2024-10-01 (source: "),
        "{}",
        person.stdout
    );
    let by_surname = copydesk(&["facts", "person", "erdogan"]);
    assert!(
        by_surname.stdout.starts_with("Recep Tayyip Erdoğan\n"),
        "{}",
        by_surname.stdout
    );
    let sources = copydesk(&["facts", "sources"]);
    for line in [
        "  snapshot: 2026-01-22 (nothing later is known from it)",
        "Institute for Government, UK Ministers Database (ifg)",
        "  licence:  CC-BY-4.0 (contains Institute for Government data)",
    ] {
        assert!(
            sources.stdout.contains(line),
            "{line:?} not in\n{}",
            sources.stdout
        );
    }
}

#[test]
fn facts_queries_name_what_is_not_on_file() {
    let country = copydesk(&["facts", "who", "Prime Minister", "Narnia"]);
    assert_eq!(country.code, 2);
    assert!(
        country
            .stderr
            .contains("no country or organization 'Narnia' on file"),
        "{}",
        country.stderr
    );
    let title = copydesk(&["facts", "who", "Grand Vizier", "Japan"]);
    assert_eq!(title.code, 2);
    assert!(
        title
            .stderr
            .contains("no title 'Grand Vizier' on file; titles: "),
        "{}",
        title.stderr
    );
    let person = copydesk(&["facts", "person", "Rufus T. Firefly"]);
    assert_eq!(person.code, 2);
    assert!(
        person
            .stderr
            .contains("no one named 'Rufus T. Firefly' on file"),
        "{}",
        person.stderr
    );
}

/// `check --rule facts/title --format line` of `text` as of `date`.
fn title_findings(text: &str, date: &str) -> Run {
    copydesk_in(
        &root(),
        &[
            "check",
            "-",
            "--rule",
            "facts/title",
            "--format",
            "line",
            "--date",
            date,
            "-v",
        ],
        Some(text),
    )
}

#[test]
fn issue_7_correct_titles_past_the_sources_are_not_accused() {
    // Both were true when written; the 2022 sources could not know it.
    for (text, date) in [
        (
            "WARSAW, June 5 (Reuters) - Polish Prime Minister Donald Tusk said on Wednesday.\n",
            "2024-06-05",
        ),
        (
            "BRASILIA, May 6 (Reuters) - Brazilian President Luiz Inacio Lula da Silva said on Tuesday.\n",
            "2025-05-06",
        ),
        (
            "MOSCOW, Feb 4 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Tuesday.\n",
            "2025-02-04",
        ),
    ] {
        let run = title_findings(text, date);
        assert_eq!(run.code, 0, "{text}{}", run.stdout);
    }
    // -v says once what could not be judged.
    let run = title_findings(
        "Russian Foreign Minister Sergei Lavrov spoke. Later Lavrov left.\n",
        "2025-02-04",
    );
    assert!(
        run.stderr.contains("not judged, outside the knowledge base's coverage:\n  Sergey Lavrov as Foreign Minister of Russia on 2025-02-04: in office when the source was taken (2022-08-03); nothing later on file\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_7_outdated_titles_after_2022_are_flagged() {
    for (text, date, who) in [
        (
            "German Chancellor Olaf Scholz spoke.\n",
            "2025-09-10",
            "Friedrich Merz",
        ),
        (
            "Japanese Prime Minister Fumio Kishida spoke.\n",
            "2025-03-12",
            "Shigeru Ishiba",
        ),
        (
            "Home Secretary Jack Straw spoke.\n",
            "2005-03-01",
            "Charles Clarke",
        ),
        (
            "Foreign Minister Gordon Brown spoke.\n",
            "2005-03-01",
            "Jack Straw",
        ),
    ] {
        let run = copydesk_in(
            &root(),
            &[
                "check",
                "-",
                "--rule",
                "facts/title",
                "--date",
                date,
                "--color",
                "never",
            ],
            Some(text),
        );
        assert_eq!(run.code, 1, "{text}{}", run.stderr);
        assert!(
            run.stdout.contains(&format!("was {who} (source: ")),
            "{text}{}",
            run.stdout
        );
    }
}

#[test]
fn issue_7_press_forms_of_names_are_known() {
    for (text, date) in [
        ("Greek President Tayyip Erdogan spoke.\n", "2025-06-10"),
        ("President George W Bush spoke.\n", "2010-06-10"),
        (
            "Egyptian Prime Minister Abdel Fattah al-Sisi spoke.\n",
            "2024-06-10",
        ),
        (
            "Abdel Fattah al-Sisi spoke. Later Prime Minister Sisi left.\n",
            "2024-06-10",
        ),
    ] {
        let run = title_findings(text, date);
        assert_eq!(run.code, 1, "{text}{}{}", run.stdout, run.stderr);
    }
}

#[test]
fn issue_7_titles_in_the_lead_after_every_dateline_style_are_checked() {
    for dateline in [
        "MOSCOW, March 4. /TASS/.",
        "LONDON, March 4 (Reuters) -",
        "BUENOS AIRES, March 4 -",
        "WASHINGTON (AP) —",
        "SPRINGFIELD, Ill., March 4 (Reuters) -",
        "LONDON (Reuters) -",
    ] {
        let text = format!(
            "Headline\n\n{dateline} President Tony Blair said on Tuesday that talks would go on.\n"
        );
        let run = title_findings(&text, "2005-03-04");
        assert_eq!(run.code, 1, "{dateline}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout
                .contains("Tony Blair was not President of the United Kingdom on 2005-03-04"),
            "{dateline}: {}",
            run.stdout
        );
        // The lead's typos are caught too.
        let typo = format!(
            "Headline\n\n{dateline} The Rusian envoy said on Tuesday that talks would go on.\n"
        );
        let run = copydesk_in(
            &root(),
            &["check", "-", "--format", "line", "--date", "2005-03-04"],
            Some(&typo),
        );
        assert!(
            run.stdout.contains("'Rusian'"),
            "{dateline}: {}",
            run.stdout
        );
    }
}

#[test]
fn issue_8_newsroom_vocabulary_accepts_and_rejects_words() {
    let dir = root().join("tests/fixtures/vocabulary");
    let run = copydesk_in(&dir, &["check", "story.txt", "--format", "line"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "story.txt:1:43: error[spelling/rejected-words]: 'utilize' is on this newsroom's reject list (its vocabulary's reject.txt)\n\
         story.txt:1:61: error[spelling/rejected-words]: 'in order to' is on this newsroom's reject list (its vocabulary's reject.txt)\n"
    );
    // Without the vocabulary the game character is taken for a slip of Dhaka.
    let story = std::fs::read_to_string(dir.join("story.txt")).expect("fixture");
    let bare = copydesk_in(&root(), &["check", "-", "--format", "line"], Some(&story));
    assert!(
        bare.stdout
            .contains("'Dahaka' is not a known word; did you mean 'Dhaka'?"),
        "{}",
        bare.stdout
    );
}

#[test]
fn missing_vocabulary_folder_is_a_located_config_error() {
    let dir = tempfile::tempdir().expect("scratch folder");
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "vocabulary = [\"nope\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "Fine.\n").unwrap();
    let run = copydesk_in(dir.path(), &["check", "a.txt"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("vocabulary folder 'nope' not found"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("copydesk.toml:1:"), "{}", run.stderr);
}

#[test]
fn issue_9_fix_writes_through_links_and_refuses_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("desk")).unwrap();
    std::fs::write(dir.path().join("desk/a.txt"), "The top Rusian diplomat.\n").unwrap();
    std::os::unix::fs::symlink("desk/a.txt", dir.path().join("link.txt")).unwrap();
    let run = copydesk_in(dir.path(), &["check", "--fix", "link.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::symlink_metadata(dir.path().join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("desk/a.txt")).unwrap(),
        "The top Russian diplomat.\n"
    );

    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "The top Rusian diplomat.\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = copydesk_in(dir.path(), &["check", "--fix", "locked.txt"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "locked.txt: error: read-only file (mode 0444); not changed; make it writable (chmod u+w) or pass --force"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("; 1 file skipped (errors above)\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&locked).unwrap(),
        "The top Rusian diplomat.\n"
    );
    let run = copydesk_in(
        dir.path(),
        &["check", "--fix", "--force", "locked.txt"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&locked).unwrap(),
        "The top Russian diplomat.\n"
    );
    assert_eq!(
        std::fs::metadata(&locked).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn issue_9_ignore_file_and_init_never_write_through_links_out_of_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.txt"), "The top Rusian diplomat said.\n").unwrap();
    for name in ["copydesk.ignore.toml", "copydesk.toml"] {
        std::os::unix::fs::symlink(outside.path().join(name), dir.path().join(name)).unwrap();
    }
    let add = copydesk_in(dir.path(), &["check", "--add-ignore", "s.txt"], None);
    assert_eq!(add.code, 2, "{}", add.stderr);
    assert!(
        add.stderr.starts_with(&format!(
            "copydesk: error: copydesk.ignore.toml: is a link to {}, outside .; not written",
            outside.path().join("copydesk.ignore.toml").display()
        )),
        "{}",
        add.stderr
    );
    let init = copydesk_in(dir.path(), &["init"], None);
    assert_eq!(init.code, 2, "{}", init.stderr);
    assert!(
        init.stderr.contains("copydesk.toml: is a link to"),
        "{}",
        init.stderr
    );
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "nothing created outside the project"
    );
}

#[test]
fn issue_9_config_owned_by_another_user_is_ignored_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("copydesk.toml");
    std::fs::write(&config, "disable = [\"facts\", \"spelling\"]\n").unwrap();
    let desk = dir.path().join("desk");
    std::fs::create_dir(&desk).unwrap();
    std::fs::write(desk.join("s.txt"), "The top Rusian diplomat said.\n").unwrap();
    // Only root can give the file to someone else; elsewhere the unit tests of
    // config::discover cover the rule.
    if std::os::unix::fs::chown(&config, Some(54321), None).is_err() {
        return;
    }
    let run = copydesk_in(&desk, &["check", "--format", "line", "s.txt"], None);
    assert_eq!(
        run.code, 1,
        "the config's `disable` is not used: {}",
        run.stderr
    );
    assert!(
        run.stderr.starts_with(
            "copydesk: warning: ignoring ../copydesk.toml: it is owned by another user (uid 54321)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "add its folder to COPYDESK_TRUSTED_DIRS (COPYDESK_TRUSTED_DIRS={}) or pass --config ../copydesk.toml",
            dir.path().display()
        )),
        "{}",
        run.stderr
    );
    // Trusted explicitly: used, without a word.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"));
    let trusted = cmd
        .args(["check", "s.txt"])
        .current_dir(&desk)
        .env("COPYDESK_TRUSTED_DIRS", dir.path())
        .output()
        .unwrap();
    assert_eq!(trusted.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&trusted.stderr),
        "0 errors, 0 warnings, 0 infos in 1 file\n"
    );
    // --add-ignore writes beside the working folder, not into the other user's.
    let add = copydesk_in(&desk, &["check", "--add-ignore", "s.txt"], None);
    assert_eq!(add.code, 0, "{}", add.stderr);
    assert!(desk.join("copydesk.ignore.toml").is_file());
    assert!(!dir.path().join("copydesk.ignore.toml").exists());
}

#[test]
fn issue_9_the_same_file_named_twice_is_checked_and_fixed_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "The top Rusian diplomat.\n").unwrap();
    let run = copydesk_in(
        dir.path(),
        &["check", "--format", "line", "a.txt", "./a.txt", "."],
        None,
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    let fix = copydesk_in(dir.path(), &["check", "--fix", "a.txt", "./a.txt"], None);
    assert_eq!(fix.code, 0, "{}", fix.stderr);
    assert_eq!(
        fix.stderr,
        "1 fix(es) applied; remaining: 0 errors, 0 warnings, 0 infos in 1 file\n"
    );
}

#[test]
fn issue_11_unknown_rule_ids_are_usage_errors_with_did_you_mean() {
    let run = copydesk(&["check", "examples/", "--rule", "facts/titel"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "copydesk: error: --rule facts/titel: no rule or pack is called 'facts/titel' (did you \
         mean 'facts/title'?); nothing was run; `copydesk rules` lists the rule ids\n"
    );
    let run = copydesk(&["check", "examples/", "--disable", "style/nosuch"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--disable style/nosuch: no rule or pack is called 'style/nosuch'"),
        "{}",
        run.stderr
    );
    assert_eq!(copydesk(&["rules", "--rule", "nosuch"]).code, 2);
    // Packs select groups, as before.
    let run = copydesk(&["rules", "--rule", "spelling", "--disable", "style"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let run = copydesk(&["explain", "facts/titel"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("(did you mean 'facts/title'?)"),
        "{}",
        run.stderr
    );
    // A rule that does not run is described all the same.
    let run = copydesk(&["explain", "facts/title", "--disable", "facts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("facts/title (office-title, error)"));
    assert!(run.stdout.contains("not enabled"));

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
        Some("<!-- copydesk-disable-next-line facts/titel -->\nThe top Rusian diplomat.\n"),
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "story.md:1:1: error: suppression comment: no rule or pack is called 'facts/titel' \
         (did you mean 'facts/title'?); correct the comment\n"
    );
    assert!(run.stdout.contains("Rusian"), "{}", run.stdout);
}

#[test]
fn issue_11_suppression_warnings_can_be_disabled_and_ignore_means_disable() {
    let text = "<!-- copydesk-disable-next-line facts -->\nAll fine here.\n";
    let warned = copydesk_in(&root(), &["check", "-", "--format", "line"], Some(text));
    assert!(
        warned.stdout.contains("warning[copydesk/suppression]"),
        "{}",
        warned.stdout
    );
    for flag in ["--disable", "--ignore"] {
        let run = copydesk_in(
            &root(),
            &[
                "check",
                "-",
                "--format",
                "line",
                "--fail-on",
                "warning",
                flag,
                "copydesk/suppression",
            ],
            Some(text),
        );
        assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    }
}

#[test]
fn issue_11_datelines_with_a_two_word_agency_are_recognised() {
    // The bundled example's dateline (examples/briefing.md), without its front matter.
    for agency in ["Copydesk Wire", "Associated Press", "Dow Jones"] {
        let text = format!("Talks\n\nCAIRO, March 4 ({agency}) - Talks went on.\n");
        let run = copydesk_in(
            &root(),
            &["check", "-", "-v", "--year", "2024"],
            Some(&text),
        );
        assert!(
            run.stderr
                .contains("<stdin>: checked as of 2024-03-04 (from dateline)"),
            "{}",
            run.stderr
        );
    }
    let run = copydesk_in(
        &root(),
        &["check", "-", "--format", "line", "--rule", "facts/dateline"],
        Some("Talks\n\nCAIRO, Febuary 4 (Copydesk Wire) - Talks went on.\n"),
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "<stdin>:3:8: error[facts/dateline]: Dateline: 'Febuary' is not a month\n"
    );
}

#[test]
fn issue_11_unreadable_front_matter_dates_are_located_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let story = |date: &str| format!("---\ntitle: Talks\ndate: {date}\n---\n\nTalks went on.\n");
    std::fs::write(dir.path().join("a.md"), story("2024-02-30")).unwrap();
    std::fs::write(dir.path().join("b.md"), story("30/01/2024")).unwrap();
    std::fs::write(dir.path().join("c.md"), story("\"March 3, 2024\"")).unwrap();
    std::fs::write(dir.path().join("d.md"), story("3 March 2024")).unwrap();
    let run = copydesk_in(dir.path(), &["check", "-v", "."], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for line in [
        "a.md:3:7: error: front matter date '2024-02-30' is not a date; write YYYY-MM-DD or \
         \"March 3, 2024\", or pass --date; not checked (its facts would be judged as of today)",
        "b.md:3:7: error: front matter date '30/01/2024' is not a date;",
        "c.md: checked as of 2024-03-03 (from front matter)",
        "d.md: checked as of 2024-03-03 (from front matter)",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
    // --date decides the date, so the front matter's does not matter.
    let run = copydesk_in(dir.path(), &["check", "--date", "2024-03-01", "a.md"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn issue_11_force_exclude_and_exclude_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "exclude = [\"drafts/**\"]\n",
    )
    .unwrap();
    for f in ["drafts/a.md", "b.md"] {
        std::fs::write(dir.path().join(f), "The top Rusian diplomat.\n").unwrap();
    }
    let line = |args: &[&str]| {
        let mut all = vec!["check", "--format", "line"];
        all.extend(args);
        copydesk_in(dir.path(), &all, None)
    };
    // Named files are checked whatever `exclude` says, as before...
    assert_eq!(line(&["drafts/a.md"]).code, 1);
    // ...unless --force-exclude, as pre-commit passes every changed file.
    let run = line(&["--force-exclude", "drafts/a.md", "b.md"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("b.md:1:9:"), "{}", run.stdout);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    let run = line(&["--force-exclude", "drafts/a.md"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(
        run.stderr,
        "copydesk: no article to check: every path given is excluded (--force-exclude)\n"
    );
    // --exclude adds to the config's globs.
    let run = line(&["--exclude", "b.md", "--force-exclude", "b.md"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let run = line(&["--exclude", "[", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--exclude [: invalid glob"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_11_a_run_that_finds_no_article_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let run = copydesk_in(dir.path(), &["check", "empty"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "copydesk: error: no article to check in empty: no .txt, .md, .markdown file there"
        ),
        "{}",
        run.stderr
    );
    let run = copydesk_in(&dir.path().join("empty"), &["check"], None);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "copydesk: no article to check in the current folder (looked for .txt, .md, .markdown, \
         or `include` in copydesk.toml)\n"
    );
}

#[test]
fn issue_11_statistics_in_json() {
    let run = copydesk(&[
        "check",
        "--statistics",
        "--format",
        "json",
        "tests/fixtures/kinds",
    ]);
    assert_eq!(run.code, 1);
    let rows = json(&run);
    let rows = rows.as_array().expect("an array of rules");
    assert_eq!(
        rows[0],
        serde_json::json!({"rule": "facts/entity-spelling", "level": "error", "count": 3, "fixable": 3})
    );
    let total: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    let all = json(&copydesk(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/kinds",
    ]));
    assert_eq!(total as usize, all["findings"].as_array().unwrap().len());
}

#[test]
fn issue_11_a_byte_order_mark_is_not_a_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bom.txt"),
        "\u{feff}The top Rusian diplomat.\n",
    )
    .unwrap();
    let run = copydesk_in(dir.path(), &["check", "--format", "line", "bom.txt"], None);
    assert!(run.stdout.starts_with("bom.txt:1:9: "), "{}", run.stdout);
    let human = copydesk_in(dir.path(), &["check", "--color", "never", "bom.txt"], None);
    assert!(human.stdout.contains("┌─ bom.txt:1:9"), "{}", human.stdout);
    let doc = json(&copydesk_in(
        dir.path(),
        &["check", "--format", "json", "bom.txt"],
        None,
    ));
    let start = &doc["findings"][0]["start"];
    assert_eq!(
        (
            &start["column"],
            &start["column_byte"],
            &start["column_utf16"]
        ),
        (
            &serde_json::json!(9),
            &serde_json::json!(9),
            &serde_json::json!(9)
        )
    );
    // Byte spans still slice the text as read.
    assert_eq!(doc["findings"][0]["span"]["start"], 11);
}

#[test]
fn issue_11_unsafe_fixes_are_hinted_at_and_marked() {
    let text = "Sergey Lavrov spoke. Sergei Lavrov left.\n";
    let run = copydesk_in(&root(), &["check", "-", "--color", "never"], Some(text));
    assert!(
        run.stdout
            .contains("Replace with 'Sergey Lavrov' (unsafe fix: --unsafe-fixes)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.ends_with(
            "\n1 more fix with --unsafe-fixes (review them first: --diff --unsafe-fixes)\n"
        ),
        "{}",
        run.stderr
    );
    let fixed = copydesk_in(
        &root(),
        &["check", "-", "--diff", "--unsafe-fixes"],
        Some(text),
    );
    assert!(!fixed.stderr.contains("more fix"), "{}", fixed.stderr);
}

#[test]
fn issue_11_exit_zero_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("story.md"),
        "The top Rusian diplomat said so.\n",
    )
    .unwrap();
    // --exit-zero reports and succeeds; input errors still fail.
    let run = copydesk_in(
        dir.path(),
        &["check", "story.md", "--format", "line", "--exit-zero"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("'Rusian'"), "{}", run.stdout);
    let run = copydesk_in(dir.path(), &["check", "nosuch.md", "--exit-zero"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // -o writes the report to the file, not to standard output, in one go.
    let run = copydesk_in(
        dir.path(),
        &[
            "check",
            "story.md",
            "--format",
            "sarif",
            "-o",
            "report.sarif",
        ],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let written = std::fs::read_to_string(dir.path().join("report.sarif")).unwrap();
    let log: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);
    // A folder that is not there: exit 2, naming the file and what to do.
    let run = copydesk_in(
        dir.path(),
        &["check", "story.md", "-o", "out/report.txt"],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("out/report.txt: its folder does not exist; create it first"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_11_ignore_entries_belong_to_their_file_and_follow_a_moved_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("copydesk.toml"), "").unwrap();
    std::fs::create_dir_all(d.join("news")).unwrap();
    let sentence = "The top Rusian diplomat said.\n";
    std::fs::write(d.join("news/a.txt"), sentence).unwrap();
    // Recorded from a subfolder: the entry still names the file from the
    // ignore file's folder (beside copydesk.toml).
    let add = copydesk_in(&d.join("news"), &["check", "--add-ignore", "a.txt"], None);
    assert_eq!(add.code, 0, "{}", add.stderr);
    let ignore = std::fs::read_to_string(d.join("copydesk.ignore.toml")).unwrap();
    assert!(ignore.contains("path = \"news/a.txt\"\n"), "{ignore}");
    // Recording again adds nothing twice.
    copydesk_in(d, &["check", "--add-ignore", "news/a.txt"], None);
    let again = std::fs::read_to_string(d.join("copydesk.ignore.toml")).unwrap();
    assert_eq!(again.matches("[[ignore]]").count(), 1, "{again}");

    // The same sentence in a new story is reported; the recorded one is not.
    std::fs::write(d.join("news/b.txt"), sentence).unwrap();
    let run = copydesk_in(d, &["check", "--format", "line"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("news/b.txt:1:9: error[facts/entity-spelling]")
            && run.stdout.lines().count() == 1,
        "{}",
        run.stdout
    );

    // A moved story keeps its entry when the finding is unique in the run...
    std::fs::remove_file(d.join("news/b.txt")).unwrap();
    std::fs::create_dir_all(d.join("archive")).unwrap();
    std::fs::rename(d.join("news/a.txt"), d.join("archive/a.txt")).unwrap();
    let run = copydesk_in(d, &["check", "--format", "line"], None);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    // ...and not when two stories have it: which one moved cannot be told.
    std::fs::write(d.join("news/b.txt"), sentence).unwrap();
    let run = copydesk_in(d, &["check", "--format", "line"], None);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);

    // An entry written without a path applies to every file.
    let everywhere = again.replace("path = \"news/a.txt\"\n", "");
    std::fs::write(d.join("copydesk.ignore.toml"), everywhere).unwrap();
    let run = copydesk_in(d, &["check", "--format", "line"], None);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

#[test]
fn issue_11_each_article_is_checked_with_its_nearest_config() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The desk's config checks everything; the sport desk's turns facts off.
    std::fs::write(d.join("copydesk.toml"), "").unwrap();
    std::fs::create_dir_all(d.join("sport")).unwrap();
    std::fs::write(d.join("sport/copydesk.toml"), "disable = [\"facts\"]\n").unwrap();
    let story = "The top Rusian diplomat said.\n";
    std::fs::write(d.join("a.txt"), story).unwrap();
    std::fs::write(d.join("sport/b.txt"), story).unwrap();
    let lines = |run: &Run| run.stdout.lines().map(String::from).collect::<Vec<_>>();
    // From the desk's folder, from the sport folder, and naming the file: the
    // sport story gets the sport rules every time, as in the editor.
    let all = copydesk_in(d, &["check", "--format", "line"], None);
    assert_eq!(lines(&all).len(), 1, "{}", all.stdout);
    assert!(all.stdout.starts_with("a.txt:"), "{}", all.stdout);
    let inside = copydesk_in(
        &d.join("sport"),
        &["check", "b.txt", "--format", "line"],
        None,
    );
    assert_eq!((inside.code, inside.stdout.as_str()), (0, ""));
    let named = copydesk_in(d, &["check", "sport/b.txt", "--format", "line"], None);
    assert_eq!((named.code, named.stdout.as_str()), (0, ""));

    // --config FILE applies one config to every article; --isolated none.
    let one = copydesk_in(
        d,
        &["check", "--config", "copydesk.toml", "--format", "line"],
        None,
    );
    assert_eq!(lines(&one).len(), 2, "{}", one.stdout);
    let none = copydesk_in(
        &d.join("sport"),
        &["check", "b.txt", "--isolated", "--format", "line"],
        None,
    );
    assert_eq!(lines(&none).len(), 1, "{}", none.stdout);
    let both = copydesk_in(
        d,
        &["check", "--isolated", "--config", "copydesk.toml"],
        None,
    );
    assert_eq!(both.code, 2, "{}", both.stderr);
    assert!(
        both.stderr.contains("cannot be used with"),
        "{}",
        both.stderr
    );

    // --show-settings says which config each article uses, and its date.
    std::fs::write(d.join("sport/c.md"), "---\ndate: 2024-03-05\n---\nText.\n").unwrap();
    let shown = copydesk_in(d, &["check", "--show-settings"], None);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    for expected in [
        "config: copydesk.toml\n",
        "config: sport/copydesk.toml\n",
        "  a.txt: copydesk.toml; dated ",
        "  sport/b.txt: sport/copydesk.toml; dated ",
        "  sport/c.md: sport/copydesk.toml; dated 2024-03-05 (from front matter)\n",
    ] {
        assert!(
            shown.stdout.contains(expected),
            "{expected:?} in\n{}",
            shown.stdout
        );
    }
    assert!(
        !shown.stdout.contains("facts/title") || shown.stdout.matches("facts/title").count() == 1,
        "the sport config has no facts rules:\n{}",
        shown.stdout
    );
}

#[test]
fn issue_11_show_fixes_lists_the_fixes_per_file_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s.txt"),
        "The top Rusian diplomat said the the talks went well.\n",
    )
    .unwrap();
    let run = copydesk_in(
        dir.path(),
        &["check", "--diff", "--show-fixes", "s.txt"],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("s.txt: would apply 1 fix [facts/entity-spelling]\n")
            && run
                .stderr
                .contains("s.txt: would apply 1 fix [spelling/doubled-word]\n"),
        "{}",
        run.stderr
    );
    let fixed = copydesk_in(
        dir.path(),
        &["check", "--fix", "--show-fixes", "s.txt"],
        None,
    );
    assert!(
        fixed
            .stderr
            .contains("s.txt: applied 1 fix [facts/entity-spelling]\n"),
        "{}",
        fixed.stderr
    );
}

#[test]
fn issue_11_copydesk_test_runs_the_examples_of_custom_packs_and_fact_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("house")).unwrap();
    std::fs::create_dir_all(d.join("our-facts")).unwrap();
    std::fs::write(
        d.join("copydesk.toml"),
        "packs = [\"house\"]\nfacts = [\"our-facts\"]\n",
    )
    .unwrap();
    let good_rule = "kind = \"existence\"\nmessage = \"avoid '{match}'\"\ntokens = [\"slammed\"]\n\
                     examples = [{ bad = \"Critics slammed it.\" }, { good = \"Critics criticised it.\" }]\n";
    std::fs::write(d.join("house/slammed.toml"), good_rule).unwrap();
    std::fs::write(
        d.join("our-facts/people.toml"),
        "[[person]]\nname = \"Jane Doe\"\n[[person.office]]\ntitle = \"Foreign Minister\"\n\
         country = \"ISR\"\nfrom = 2025-01-15\nsource = \"test\"\n\n\
         [[example]]\ngood = \"Israeli Foreign Minister Jane Doe said.\"\ndate = 2025-03-01\n\n\
         [[example]]\nbad = \"Egyptian Foreign Minister Jane Doe said.\"\ndate = 2025-03-01\n",
    )
    .unwrap();
    let ok = copydesk_in(d, &["test"], None);
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    assert_eq!(
        ok.stdout,
        "house/slammed: 2 examples hold\nour-facts/people.toml: 2 examples hold\n"
    );

    // A bad example the rule does not catch, and a placeholder its kind does not fill.
    std::fs::write(
        d.join("house/broken.toml"),
        "kind = \"existence\"\nmessage = \"avoid '{match}' ({wrod})\"\ntokens = [\"slammed\"]\n\
         examples = [{ bad = \"Critics panned it.\" }, { bad = \"They slammed it.\" }]\n",
    )
    .unwrap();
    let failed = copydesk_in(d, &["test"], None);
    assert_eq!(failed.code, 1, "{}{}", failed.stdout, failed.stderr);
    assert!(
        failed.stdout.contains(
            "house/broken: FAILED (house/broken.toml)\n  bad example \"Critics panned it.\" is not flagged\n  \
             message placeholder {wrod} is not one the existence kind fills; it is printed as written\n"
        ),
        "{}",
        failed.stdout
    );
    assert!(
        failed.stderr.ends_with("3 tested, 6 examples: 1 failed\n"),
        "{}",
        failed.stderr
    );
    // `explain` no longer labels the uncaught example as flagged.
    let explain = copydesk_in(d, &["explain", "house/broken"], None);
    assert!(
        explain.stdout.contains(
            "  NOT flagged (a broken example; `copydesk test` checks them): Critics panned it.\n"
        ),
        "{}",
        explain.stdout
    );

    // One rule by id; an unknown id is an error with "did you mean".
    let one = copydesk_in(d, &["test", "house/slammed"], None);
    assert_eq!(
        (one.code, one.stdout.as_str()),
        (0, "house/slammed: 2 examples hold\n")
    );
    let typo = copydesk_in(d, &["test", "house/slamed"], None);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("did you mean 'house/slammed'?"),
        "{}",
        typo.stderr
    );
    // Nothing to test is an error, not a green run.
    let empty = tempfile::tempdir().unwrap();
    let nothing = copydesk_in(empty.path(), &["test"], None);
    assert_eq!(nothing.code, 2, "{}", nothing.stderr);
    assert!(
        nothing.stderr.contains("nothing to test"),
        "{}",
        nothing.stderr
    );
}

#[test]
fn issue_11_the_configs_own_folders_are_not_articles() {
    // A vocabulary's reject.txt lists the words it rejects: checked as an article, it
    // flagged every one of them.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("vocab")).unwrap();
    std::fs::create_dir_all(d.join("house")).unwrap();
    std::fs::write(
        d.join("copydesk.toml"),
        "vocabulary = [\"vocab\"]\npacks = [\"house\"]\n",
    )
    .unwrap();
    std::fs::write(d.join("vocab/reject.txt"), "slammed\n").unwrap();
    std::fs::write(d.join("house/words.txt"), "The top Rusian diplomat.\n").unwrap();
    std::fs::write(d.join("story.txt"), "Critics slammed the plan.\n").unwrap();
    let run = copydesk_in(d, &["check", "--format", "line"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("story.txt:1:9: error[spelling/rejected-words]")
            && run.stdout.lines().count() == 1,
        "{}",
        run.stdout
    );
    // pre-commit names every changed file; with --force-exclude the config's own
    // files are left out like excluded ones.
    let hook = copydesk_in(
        d,
        &[
            "check",
            "--force-exclude",
            "--format",
            "line",
            "vocab/reject.txt",
        ],
        None,
    );
    assert_eq!(hook.code, 0, "{}", hook.stderr);
    assert_eq!(hook.stdout, "");
}

#[test]
fn issue_11_shell_completions_and_the_man_page_come_from_the_command_line_definition() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = copydesk(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in ["check", "show-settings", "isolated", "explain"] {
            assert!(run.stdout.contains(word), "{shell} completion lacks {word}");
        }
    }
    // The bash script parses.
    let bash = copydesk(&["completions", "bash"]);
    let mut parse = Command::new("bash")
        .arg("-n")
        .stdin(Stdio::piped())
        .spawn()
        .expect("bash runs");
    parse
        .stdin
        .take()
        .unwrap()
        .write_all(bash.stdout.as_bytes())
        .unwrap();
    assert!(
        parse.wait().unwrap().success(),
        "the bash completion script does not parse"
    );
    let bad = copydesk(&["completions", "tcsh"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("possible values: bash, elvish, fish, powershell, zsh"),
        "{}",
        bad.stderr
    );

    let man = copydesk(&["man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(
        man.stdout.starts_with(".ie \\n(.g .ds Aq \\(aq"),
        "{}",
        &man.stdout[..80]
    );
    assert!(
        man.stdout.contains(".TH copydesk 1"),
        "{}",
        &man.stdout[..300]
    );
    for section in [
        "COPYDESK CHECK",
        "COPYDESK TEST",
        "COPYDESK EXPLAIN",
        "COPYDESK LSP",
    ] {
        assert!(
            man.stdout.contains(&format!(".SH \"{section}\"")),
            "no {section}"
        );
    }
    assert!(man.stdout.contains("show\\-settings"), "options are listed");
}
