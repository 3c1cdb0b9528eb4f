//! Fix application: each finding's fix changes only the bytes of its edits,
//! and fixing until stable, then once more, changes nothing.
#![no_main]

#[path = "input.rs"]
mod input;

use copydesk::document::Document;
use copydesk::fix::{apply, fix_until_stable};
use copydesk::pack::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("built-in packs compile"));

fuzz_target!(|data: &[u8]| {
    let Some((kind, first, text)) = input::article(data) else {
        return;
    };
    let unsafe_fixes = first & 2 != 0;
    let doc = Document::new(text.clone(), kind);
    for f in RULES.check(&doc).iter().filter(|f| f.fix.is_some()) {
        let (fixed, n) = apply(&text, std::slice::from_ref(f), true);
        if n == 0 {
            continue;
        }
        let mut edits: Vec<_> = f.fix.as_ref().expect("filtered").edits.iter().collect();
        edits.sort_by_key(|e| e.span.start);
        let (mut from, mut at) = (0, 0);
        for e in edits {
            let kept = &text[from..e.span.start];
            assert_eq!(
                &fixed[at..at + kept.len()],
                kept,
                "{} changed text before an edit",
                f.rule
            );
            assert_eq!(
                &fixed[at + kept.len()..at + kept.len() + e.replacement.len()],
                e.replacement
            );
            at += kept.len() + e.replacement.len();
            from = e.span.end;
        }
        assert_eq!(
            &fixed[at..],
            &text[from..],
            "{} changed text after its edits",
            f.rule
        );
    }
    let stable = fix_until_stable(&RULES, kind, &text, unsafe_fixes, &|_| {});
    let again = fix_until_stable(&RULES, kind, &stable.doc.text, unsafe_fixes, &|_| {});
    assert_eq!(
        again.doc.text, stable.doc.text,
        "fixing a fixed text changed it again"
    );
});
