//! The bad-input matrix: every bad input of issue 9 and every promise the README
//! makes about bad input, with its expected exit status and message, in one
//! table (`tests/fixtures/bad-inputs.toml`).
//!
//! A case either runs the binary in a fresh folder (files, links and pipes made
//! as the case says) or names the test that covers it elsewhere (`covered-by`),
//! when it needs more than a command line: a race, another user, an editor
//! session. Those names are checked to exist, so the table cannot point at a
//! test that was renamed or removed.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Matrix {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Case {
    name: String,
    /// Where the promise comes from: "issue 9.N" or "README: section".
    from: String,
    /// Tests elsewhere that cover the case: `path::function`.
    #[serde(default)]
    covered_by: Vec<String>,
    /// Files to write (UTF-8 text), by path relative to the case's folder.
    #[serde(default)]
    files: BTreeMap<String, String>,
    /// Files to write from hex bytes (invalid UTF-8, binary).
    #[serde(default)]
    hex_files: BTreeMap<String, String>,
    /// Folders to make.
    #[serde(default)]
    dirs: Vec<String>,
    /// Symbolic links to make: link -> target.
    #[serde(default)]
    symlinks: BTreeMap<String, String>,
    /// Named pipes to make.
    #[serde(default)]
    fifos: Vec<String>,
    /// Files to make read-only (0444) after writing them.
    #[serde(default)]
    read_only: Vec<String>,
    #[serde(default)]
    args: Vec<String>,
    /// Standard input: pieces, each written `times` times, in order.
    #[serde(default)]
    stdin: Vec<Piece>,
    status: Option<i32>,
    /// Fragments stdout / stderr must contain.
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    stderr: Vec<String>,
    /// Exact stdout, when the whole of it matters.
    stdout_is: Option<String>,
    /// Files that must keep the content the case gave them.
    #[serde(default)]
    unchanged: Vec<String>,
    /// Files that must not exist afterwards.
    #[serde(default)]
    absent: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Piece {
    text: String,
    #[serde(default = "once")]
    times: usize,
}

fn once() -> usize {
    1
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn matrix() -> Matrix {
    let path = root().join("tests/fixtures/bad-inputs.toml");
    let text = std::fs::read_to_string(&path).expect("the matrix file is there");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex bytes"))
        .collect()
}

/// Runs one case in a fresh folder; the failures it finds.
fn run(case: &Case) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let at = |p: &str| dir.path().join(p);
    for d in &case.dirs {
        std::fs::create_dir_all(at(d)).expect("folder made");
    }
    let mut contents: BTreeMap<&str, Vec<u8>> = BTreeMap::new();
    for (name, text) in &case.files {
        contents.insert(name, text.clone().into_bytes());
    }
    for (name, bytes) in &case.hex_files {
        contents.insert(name, hex(bytes));
    }
    for (name, bytes) in &contents {
        if let Some(parent) = at(name).parent() {
            std::fs::create_dir_all(parent).expect("folder made");
        }
        std::fs::write(at(name), bytes).expect("file written");
    }
    for (link, target) in &case.symlinks {
        std::os::unix::fs::symlink(target, at(link)).expect("link made");
    }
    for fifo in &case.fifos {
        let ok = Command::new("mkfifo")
            .arg(at(fifo))
            .status()
            .expect("mkfifo runs");
        assert!(ok.success(), "mkfifo {fifo}");
    }
    for name in &case.read_only {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(at(name), std::fs::Permissions::from_mode(0o444))
            .expect("mode set");
    }
    let input: String = case.stdin.iter().map(|p| p.text.repeat(p.times)).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(&case.args)
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .env_remove("COPYDESK_TRUSTED_DIRS")
        .stdin(if case.stdin.is_empty() {
            Stdio::null()
        } else {
            Stdio::piped()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    if let Some(mut stdin) = child.stdin.take() {
        // A run that refuses its input early may close the pipe first.
        let _ = stdin.write_all(input.as_bytes());
    }
    let out = child.wait_with_output().expect("the binary finishes");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut failures = Vec::new();
    let mut fail = |what: String| {
        failures.push(format!(
            "{}: {what}\n--- stdout\n{stdout}--- stderr\n{stderr}",
            case.name
        ));
    };
    if let Some(status) = case.status
        && out.status.code() != Some(status)
    {
        fail(format!("exit {:?}, expected {status}", out.status.code()));
    }
    for f in &case.stdout {
        if !stdout.contains(f.as_str()) {
            fail(format!("stdout lacks {f:?}"));
        }
    }
    for f in &case.stderr {
        if !stderr.contains(f.as_str()) {
            fail(format!("stderr lacks {f:?}"));
        }
    }
    if let Some(exact) = &case.stdout_is
        && stdout != exact.as_str()
    {
        fail(format!("stdout is not {exact:?}"));
    }
    for name in &case.unchanged {
        let now = std::fs::read(at(name)).unwrap_or_default();
        if Some(&now) != contents.get(name.as_str()) {
            fail(format!("{name} changed"));
        }
    }
    for name in &case.absent {
        if at(name).symlink_metadata().is_ok() {
            fail(format!("{name} exists"));
        }
    }
    failures
}

/// `path::function` names a test function in that file.
fn test_exists(reference: &str) -> bool {
    let Some((path, function)) = reference.split_once("::") else {
        return false;
    };
    std::fs::read_to_string(root().join(path))
        .is_ok_and(|src| src.contains(&format!("fn {function}(")))
}

#[test]
fn every_bad_input_gets_its_status_and_message() {
    let m = matrix();
    let mut failures = Vec::new();
    for case in &m.case {
        let runs = case.status.is_some();
        assert!(
            runs || !case.covered_by.is_empty(),
            "{}: give a `status` to run it, or `covered-by`",
            case.name
        );
        for reference in &case.covered_by {
            if !test_exists(reference) {
                failures.push(format!("{}: no test {reference}", case.name));
            }
        }
        if runs {
            failures.extend(run(case));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_matrix_names_every_item_of_issue_9_and_the_readme_promises() {
    let m = matrix();
    for item in 1..=12 {
        let tag = format!("issue 9.{item}");
        assert!(
            m.case.iter().any(|c| c.from.split(", ").any(|f| f == tag)),
            "no case for {tag}"
        );
    }
    assert!(m.case.iter().any(|c| c.from.starts_with("README")));
    let mut names: Vec<&str> = m.case.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), m.case.len(), "case names are unique");
}
