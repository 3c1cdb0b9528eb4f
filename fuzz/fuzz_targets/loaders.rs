//! The loaders of user-written TOML: a rule file, a fact file, `copydesk.toml`,
//! an ignore file or baseline, and vocabulary lists. Any text loads or is
//! refused with errors that render; nothing panics. The first byte picks the
//! loader, the rest is the file's text.
#![no_main]

use copydesk::config;
use copydesk::document::{DocKind, Document};
use copydesk::error::{LoadError, SourceError};
use copydesk::facts::Facts;
use copydesk::ignore::Entries;
use copydesk::lexicon::Vocabulary;
use copydesk::pack::{self, RuleFile, RuleSet, Selection};
use copydesk::render;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, LazyLock};

static FACTS: LazyLock<Arc<Facts>> = LazyLock::new(|| {
    Arc::new(Facts::load(&pack::builtin_fact_files()).expect("built-in facts load"))
});

/// A folder of its own for `copydesk.toml` (the config loader reads a path).
static DIR: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("a temporary folder"));

fn render_errors(errors: &[SourceError]) {
    for e in errors {
        let _ = e.line_col();
        let _ = render::source_error(e, false);
    }
}

fn rule_file(text: &str) {
    let file = RuleFile {
        // In a built-in pack's name, so `words = "misspellings.csv"`-style
        // siblings resolve against the embedded files.
        id: "spelling/fuzz".into(),
        path: "spelling/fuzz.toml".into(),
        text: Arc::from(text),
        dir: None,
    };
    match RuleSet::compile(
        &[file],
        FACTS.clone(),
        &Vocabulary::default(),
        &Selection::default(),
    ) {
        Ok(rules) => {
            let examples: Vec<_> = rules.rules().flat_map(|m| m.examples.clone()).collect();
            for ex in examples {
                for t in [&ex.bad, &ex.good, &ex.fixed].into_iter().flatten() {
                    let _ = rules.check(&ex.document(t));
                    let _ = rules.check(&Document::new(t.clone(), DocKind::Markdown));
                }
            }
        }
        Err(errors) => render_errors(&errors),
    }
}

fn fact_file(text: &str) {
    match Facts::load(&[("fuzz.toml".into(), Arc::from(text))]) {
        Ok(facts) => {
            let _ = facts.title_forms().count();
            let _ = facts.place_names().count();
            let _ = facts.find_people("Netanyahu");
            let _ = facts.find_country("Israel");
        }
        Err(errors) => render_errors(&errors),
    }
}

fn config_file(text: &str) {
    let path = DIR.path().join(config::FILE_NAME);
    std::fs::write(&path, text).expect("writes the temporary config");
    if let Err(LoadError::Source(errors)) = config::load(&path) {
        render_errors(&errors);
    }
}

fn ignore_file(text: &str) {
    match Entries::parse("copydesk.ignore.toml", text) {
        Ok(entries) => {
            let again = Entries::parse("again", &entries.to_toml("# header"))
                .expect("what to_toml writes parses");
            assert_eq!(again, entries, "an ignore file round-trips");
        }
        Err(e) => render_errors(&[e]),
    }
}

fn vocabulary(text: &str) {
    let (accept, reject) = text.split_once('\0').unwrap_or((text, ""));
    let _ = Vocabulary::from_lists(accept.lines(), reject.lines());
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match which % 5 {
        0 => rule_file(text),
        1 => fact_file(text),
        2 => config_file(text),
        3 => ignore_file(text),
        _ => vocabulary(text),
    }
});
