//! Prints what the suggestion ranking knows of every candidate for each misspelling of a
//! list, for `scripts/fit-ranking.py`: one line per candidate, tab-separated:
//!
//! `item  misspelling  meant  candidate  channel  class  capitalized  frequency
//! letters-apart  sounds-apart  string-edits  phonetic` (`phonetic` is `-` for a word
//! without a pronunciation on file)
//!
//! (`meant` is one or more correct words joined by `|`; an item with no candidate gets
//! one line with `-` as its candidate.)
//!
//! Usage: `cargo run --release --example rank-candidates -- PAIRS.tsv > candidates.tsv`
//! (the example's source lives beside the script that uses it),
//! where each line of PAIRS.tsv is `misspelling<TAB>meant`.

use copydesk::lexicon::spell;
use std::io::Write;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: rank-candidates PAIRS.tsv");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (item, line) in text.lines().enumerate() {
        let Some((typed, meant)) = line.split_once('\t') else {
            eprintln!("{path}:{}: expected 'misspelling<TAB>meant'", item + 1);
            std::process::exit(2);
        };
        let lower = typed.to_lowercase();
        let typed_chars: Vec<char> = lower.chars().collect();
        let typed_sound = spell::sounds_like(&lower);
        let suggestions = spell::suggest_plain(typed, f32::INFINITY);
        for s in &suggestions {
            let cand = s.word.to_lowercase();
            let entry = spell::lookup(&cand).expect("suggestions are dictionary words");
            let cand_chars: Vec<char> = cand.chars().collect();
            let phonetic = spell::phonetic_cost(&lower, &cand)
                .map_or_else(|| "-".to_string(), |c| format!("{c:.4}"));
            let line = format!(
                "{item}\t{typed}\t{meant}\t{}\t{:.4}\t{}\t{}\t{}\t{}\t{}\t{:.4}\t{phonetic}",
                s.word,
                spell::channel_cost(&typed_chars, &cand_chars),
                entry.class,
                entry.case == spell::Case::Capitalized,
                entry.frequency,
                strsim::osa_distance(&lower, &cand),
                strsim::osa_distance(&typed_sound, &spell::sounds_like(&cand)),
                spell::string_edit_cost(&lower, &cand),
            );
            writeln!(out, "{line}").expect("write to stdout");
        }
        if suggestions.is_empty() {
            writeln!(out, "{item}\t{typed}\t{meant}\t-").expect("write to stdout");
        }
    }
}
