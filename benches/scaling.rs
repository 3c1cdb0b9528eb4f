//! Check time against input size (divan, `cargo bench --bench scaling`).
//!
//! Issue 9 found work that grew faster than the input (positions rescanned per
//! finding, suppression comments compared with every finding). Here the whole
//! pipeline a file goes through in `copydesk check` (parsing into a Document,
//! every built-in rule, positions for every finding) runs over 1, 2, 4 and 8 MB
//! of our own example story repeated, once as ordinary lines and once as a
//! single line with no line break. Linear time shows as the same bytes per
//! second at every size; docs/reliability.md records a run.

use copydesk::document::{DocKind, Document};
use copydesk::pack::RuleSet;
use copydesk::render::LineIndex;
use divan::counter::BytesCount;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("built-in packs compile"));

/// The bundled example story, repeated to `mb` megabytes; as one line when `one_line`.
fn text(mb: usize, one_line: bool) -> String {
    let story = include_str!("../examples/briefing.md");
    let story = if one_line {
        story.split_whitespace().collect::<Vec<_>>().join(" ") + " "
    } else {
        format!("{story}\n")
    };
    let mut out = story.repeat((mb << 20) / story.len() + 1);
    let mut end = mb << 20;
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

/// Parse, check and place every finding, as `check` does for one file.
fn check(text: &str) -> usize {
    let doc = Document::new(text.to_string(), DocKind::Text);
    let findings = RULES.check(&doc);
    let idx = LineIndex::new(&doc.text);
    findings
        .iter()
        .map(|f| idx.position(f.span.start).column)
        .sum()
}

/// Ordinary lines: 1, 2, 4, 8 MB.
#[divan::bench(args = [1, 2, 4, 8], sample_count = 3, sample_size = 1)]
fn lines(b: divan::Bencher, mb: usize) {
    let t = text(mb, false);
    LazyLock::force(&RULES);
    b.counter(BytesCount::new(t.len()))
        .bench(|| divan::black_box(check(&t)));
}

/// One line with no line break: 1, 2, 4, 8 MB.
#[divan::bench(args = [1, 2, 4, 8], sample_count = 3, sample_size = 1)]
fn single_line(b: divan::Bencher, mb: usize) {
    let t = text(mb, true);
    LazyLock::force(&RULES);
    b.counter(BytesCount::new(t.len()))
        .bench(|| divan::black_box(check(&t)));
}
