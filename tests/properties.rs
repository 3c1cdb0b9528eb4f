//! Properties over generated copy: spans are sound, positions round-trip,
//! fixes are idempotent and stay inside their spans.

use copydesk::document::{DocKind, Document};
use copydesk::fix::{apply, fix_until_stable};
use copydesk::pack::RuleSet;
use copydesk::render::LineIndex;
use proptest::prelude::*;
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
