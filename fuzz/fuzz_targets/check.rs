//! The whole check with the default packs, then every output format: no
//! panic, and every finding, label and edit span lies in the text on char
//! boundaries.
#![no_main]

#[path = "input.rs"]
mod input;

use copydesk::document::Document;
use copydesk::pack::RuleSet;
use copydesk::render::{self, FileReport, Report};
use libfuzzer_sys::fuzz_target;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("built-in packs compile"));

fn sound(text: &str, r: &Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

fuzz_target!(|data: &[u8]| {
    let Some((kind, _, text)) = input::article(data) else {
        return;
    };
    let mut doc = Document::new(text.clone(), kind);
    let today = jiff::civil::date(2026, 11, 27);
    doc.resolve_date(None, None, today);
    let findings = RULES.check(&doc);
    for f in &findings {
        assert!(sound(&text, &f.span), "{} span {:?}", f.rule, f.span);
        for l in &f.labels {
            assert!(sound(&text, &l.span), "{} label {:?}", f.rule, l.span);
        }
        for e in f.fix.iter().flat_map(|x| &x.edits) {
            assert!(sound(&text, &e.span), "{} edit {:?}", f.rule, e.span);
        }
    }
    let report = Report {
        files: vec![FileReport {
            path: "story.md".into(),
            text: Arc::from(text.as_str()),
            findings,
        }],
        input_errors: Vec::new(),
        rules: RULES.rules().cloned().collect(),
    };
    let mut out = Vec::new();
    render::human::render(&report, &mut out, false).expect("writes to memory");
    render::line::render(&report, &mut out).expect("writes to memory");
    render::json::render(&report, &mut out).expect("writes to memory");
    render::sarif::render(&report, &mut out).expect("writes to memory");
    render::github::render(&report, &mut out).expect("writes to memory");
    render::checkstyle::render(&report, &mut out).expect("writes to memory");
});
