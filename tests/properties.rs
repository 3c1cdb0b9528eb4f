//! Properties over generated copy: spans are sound, positions round-trip,
//! fixes are idempotent and stay inside their spans, and the binary's output
//! depends on neither the number of threads nor where the text comes from.
//!
//! That check time is linear in the input is not a property here (wall time in
//! a test is noise on a shared machine): `benches/scaling.rs` measures it over
//! 1, 2, 4 and 8 MB, as lines and as a single line; see docs/reliability.md.

use copydesk::document::{DocKind, Document};
use copydesk::fix::{apply, fix_until_stable};
use copydesk::pack::RuleSet;
use copydesk::render::LineIndex;
use proptest::prelude::*;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("built-in packs compile"));

/// Pieces of copy: words with and without known problems, non-ASCII, quotes,
/// punctuation, suppression comments and every kind of line ending.
const PIECES: &[&str] = &[
    "The",
    "the",
    "Rusian",
    "Russian",
    "envoy",
    "said",
    "Jewish Prime Minister Benjamin Netanyahu",
    "Sergey",
    "Sergei",
    "Lavrov",
    "per cent",
    "😀",
    "é",
    "“",
    "”",
    "\"",
    "'",
    "’",
    ".",
    ",",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "# ",
    "MOSCOW, February 13. /TASS/.",
    "Mr.",
    "U.S.",
    "<!-- copydesk-disable-next-line -->",
    "https://example.com/x",
    "`code`",
    "\t",
];

fn copy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn kind() -> impl Strategy<Value = DocKind> {
    prop::sample::select(vec![DocKind::Text, DocKind::Markdown])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn spans_lie_in_the_text_on_char_boundaries(text in copy(), kind in kind()) {
        let doc = Document::new(text.clone(), kind);
        let ok = |r: &std::ops::Range<usize>| {
            r.start <= r.end && r.end <= text.len()
                && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        };
        for f in RULES.check(&doc) {
            prop_assert!(ok(&f.span), "{} {:?}", f.rule, f.span);
            for l in &f.labels {
                prop_assert!(ok(&l.span), "{} label {:?}", f.rule, l.span);
            }
            for e in f.fix.iter().flat_map(|x| &x.edits) {
                prop_assert!(ok(&e.span), "{} edit {:?}", f.rule, e.span);
            }
        }
    }

    #[test]
    fn positions_round_trip(text in copy()) {
        let idx = LineIndex::new(&text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            // Between the CR and LF of a CRLF is no position of its own.
            if offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                continue;
            }
            let p = idx.position(offset);
            let line = idx.line_content(p.line - 1);
            prop_assert_eq!(line.start + p.column_byte - 1, offset);
            prop_assert_eq!(text[line.start..offset].chars().count() + 1, p.column);
            prop_assert_eq!(idx.offset_utf16(p.line - 1, p.column_utf16 - 1), offset);
        }
    }

    #[test]
    fn fixes_are_idempotent_and_stay_in_their_spans(text in copy(), kind in kind()) {
        let doc = Document::new(text.clone(), kind);
        let findings = RULES.check(&doc);
        for f in findings.iter().filter(|f| f.fix.is_some()) {
            let (fixed, n) = apply(&text, std::slice::from_ref(f), true);
            if n == 0 {
                continue;
            }
            // Outside the edits, the bytes are the same, in order.
            let mut edits: Vec<_> = f.fix.as_ref().unwrap().edits.iter().collect();
            edits.sort_by_key(|e| e.span.start);
            let (mut from, mut at) = (0, 0);
            for e in edits {
                let kept = &text[from..e.span.start];
                prop_assert_eq!(&fixed[at..at + kept.len()], kept, "{}", f.rule);
                at += kept.len() + e.replacement.len();
                from = e.span.end;
            }
            prop_assert_eq!(&fixed[at..], &text[from..], "{}", f.rule);
        }
        // Fixing until stable, then once more, changes nothing.
        let stable = fix_until_stable(&RULES, kind, &text, false, &|_| {});
        let again = fix_until_stable(&RULES, kind, &stable.doc.text, false, &|_| {});
        prop_assert_eq!(&again.doc.text, &stable.doc.text);
    }
}

/// Runs the binary in `dir` with `threads` rayon threads: (status, stdout, stderr).
fn copydesk(
    dir: &Path,
    args: &[&str],
    threads: usize,
    stdin: Option<&str>,
) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(text.as_bytes())
            .expect("stdin written");
    }
    let out = child.wait_with_output().expect("the binary finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A long document's rules run on several threads (`engine::PARALLEL_RULES_FROM`): its
/// findings and remarks are the same on one.
#[test]
fn issue_10_a_long_documents_rules_find_the_same_on_one_thread_and_many() {
    let briefing =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/briefing.md"))
            .expect("the bundled example article");
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 2 * copydesk::engine::PARALLEL_RULES_FROM {
        text.push_str(&briefing);
        text.push_str(PIECES[i % PIECES.len()]);
        text.push_str(" Rusian envoy said the the talks in Moskow on Febuary 30 went well.\n\n");
        i += 1;
    }
    let doc = Document::new(text, DocKind::Markdown);
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool")
            .install(|| copydesk::engine::check_with_remarks(&RULES, &doc))
    };
    let one = on(1);
    assert!(one.0.len() > 100, "{} findings", one.0.len());
    assert_eq!(one, on(4));
}

proptest! {
    // Each case runs the binary (it loads every pack): few cases, many files each.
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn output_is_the_same_for_one_and_many_threads(
        stories in prop::collection::vec((copy(), any::<bool>()), 1..24)
    ) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (i, (text, markdown)) in stories.iter().enumerate() {
            let name = format!("s{i:02}.{}", if *markdown { "md" } else { "txt" });
            std::fs::write(dir.path().join(name), text).expect("story written");
        }
        for format in ["json", "line"] {
            let args = ["check", "--format", format, "."];
            let one = copydesk(dir.path(), &args, 1, None);
            let many = copydesk(dir.path(), &args, 8, None);
            prop_assert_eq!(&one, &many, "--format {}", format);
        }
    }

    #[test]
    fn a_file_and_the_same_text_on_stdin_give_the_same_output(text in copy(), markdown in any::<bool>()) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let name = if markdown { "story.md" } else { "story.txt" };
        std::fs::write(dir.path().join(name), &text).expect("story written");
        for format in ["json", "line"] {
            let file = copydesk(dir.path(), &["check", "--format", format, name], 2, None);
            let stdin = copydesk(
                dir.path(),
                &["check", "--format", format, "-", "--stdin-filename", name],
                2,
                Some(&text),
            );
            prop_assert_eq!(&file, &stdin, "--format {}", format);
        }
    }
}
