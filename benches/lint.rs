//! Throughput of copydesk on real news copy (divan, `cargo bench --bench lint`).
//!
//! Corpus: the 2,000 Reuters and 500 BBC stories in `../shared/data` (read in
//! place, never copied into the repository). Each benchmark reports bytes per
//! second; `parse_only` is the baseline measured in the same run (turning text
//! into a Document: paragraphs, sentences, quotes, words), so
//! `check_*` / `parse_only` is what the rules cost on top of reading the text.

use copydesk::document::{DocKind, Document};
use copydesk::pack::RuleSet;
use divan::counter::BytesCount;
use std::path::PathBuf;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

/// The real articles, as `title\n\nbody` texts.
static CORPUS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let mut out = Vec::new();
    for file in [
        "news-reuters21578-dev/articles.jsonl",
        "news-bbc-dev/articles.jsonl",
    ] {
        let path = data.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("SHARED DATA MISSING: cannot read {} ({e}); benchmarks need ../shared beside the checkout", path.display())
        });
        for line in text.lines() {
            let a: serde_json::Value = serde_json::from_str(line).expect("JSONL");
            out.push(format!(
                "{}\n\n{}\n",
                a["title"].as_str().unwrap_or(""),
                a["body"].as_str().unwrap_or("")
            ));
        }
    }
    out
});

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("built-in packs compile"));

fn corpus_bytes() -> usize {
    CORPUS.iter().map(String::len).sum()
}

/// Baseline: building Documents only.
#[divan::bench]
fn parse_only(b: divan::Bencher) {
    b.counter(BytesCount::new(corpus_bytes())).bench(|| {
        for t in CORPUS.iter() {
            divan::black_box(Document::new(t.clone(), DocKind::Text));
        }
    });
}

/// All built-in rules over every article, one thread.
#[divan::bench]
fn check_corpus(b: divan::Bencher) {
    let rules = &*RULES;
    b.counter(BytesCount::new(corpus_bytes())).bench(|| {
        for t in CORPUS.iter() {
            let doc = Document::new(t.clone(), DocKind::Text);
            divan::black_box(rules.check(&doc));
        }
    });
}

/// One long feature: the whole corpus as one document.
#[divan::bench]
fn check_one_long_document(b: divan::Bencher) {
    let rules = &*RULES;
    let long = CORPUS.join("\n\n");
    b.counter(BytesCount::new(long.len())).bench(|| {
        let doc = Document::new(long.clone(), DocKind::Text);
        divan::black_box(rules.check(&doc));
    });
}

/// Loading and compiling every built-in pack and the knowledge base.
#[divan::bench(sample_count = 20)]
fn load_builtin_packs() -> RuleSet {
    RuleSet::builtin().expect("built-in packs compile")
}
