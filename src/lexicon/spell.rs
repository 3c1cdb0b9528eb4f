//! The spelling dictionary and its suggestions.
//!
//! The dictionary is SCOWL sizes 35, 50 and 70 (American and British), the typos
//! project's English word list and a hand-made news vocabulary (`data/dictionary/`),
//! compiled by `build.rs` into one `fst` map from the lower-cased word to its
//! frequency class and case, so it loads without parsing.
//!
//! Suggestions are the dictionary words within two edits (a swap of two adjacent
//! letters is one edit), found by running a Levenshtein automaton over the map, and
//! ranked by a weighted edit cost: the slips people make most (two letters swapped, a
//! doubled letter dropped or added, a neighbouring key, one vowel for another) cost
//! less than other edits; rarer words, a different first letter and proper nouns for a
//! lower-case word cost more; a word the story itself uses costs less.

use levenshtein_automata::LevenshteinAutomatonBuilder;
use std::sync::LazyLock;

static SPELLING_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/spelling.fst"));

static SPELLING: LazyLock<fst::Map<&'static [u8]>> =
    LazyLock::new(|| fst::Map::new(SPELLING_FST).expect("build.rs wrote a valid fst map"));

/// Automaton builders for one and two edits, transpositions counting as one.
static AUTOMATA: LazyLock<[LevenshteinAutomatonBuilder; 2]> = LazyLock::new(|| {
    [
        LevenshteinAutomatonBuilder::new(1, true),
        LevenshteinAutomatonBuilder::new(2, true),
    ]
});

/// How a word is written in the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// In lower case ("house").
    Lower,
    /// Capitalized only ("America").
    Capitalized,
    /// Some other way only ("NATO", "iPhone"): known, never suggested.
    Other,
}

/// What the dictionary knows of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Frequency class: 0 (the commonest words, SCOWL 35), 1 (SCOWL 50), 2 (SCOWL 70:
    /// rare words), 3 (the news vocabulary: known, never suggested).
    pub class: u8,
    /// How it is written.
    pub case: Case,
}

impl Entry {
    fn from_value(v: u64) -> Entry {
        Entry {
            class: (v >> 2) as u8,
            case: match v & 3 {
                0 => Case::Lower,
                1 => Case::Capitalized,
                _ => Case::Other,
            },
        }
    }
}

/// The dictionary entry of `word`, in any case.
pub fn lookup(word: &str) -> Option<Entry> {
    let v = if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        SPELLING.get(word.to_lowercase())
    } else {
        SPELLING.get(word)
    };
    v.map(Entry::from_value)
}

/// Number of words in the spelling dictionary.
pub fn len() -> usize {
    SPELLING.len()
}

/// A dictionary word close to a misspelling, with its cost (lower is likelier).
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The word, written as the dictionary writes it ("America", "house").
    pub word: String,
    /// Edits from the misspelling (1 or 2).
    pub distance: u8,
    /// Weighted cost; see the module documentation.
    pub cost: f32,
}

/// Edits allowed for a word of `len` characters: one below five letters, else two.
pub fn max_edits(len: usize) -> u8 {
    if len < 5 { 1 } else { 2 }
}

/// Dictionary words within [`max_edits`] of `word` (lower case), cheapest first.
/// `in_story` tells whether the story uses a word (lower case) elsewhere.
pub fn suggest(word: &str, in_story: &dyn Fn(&str) -> bool) -> Vec<Suggestion> {
    use fst::{IntoStreamer, Streamer};
    let lower = word.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let max = max_edits(chars.len());
    let dfa = AUTOMATA[usize::from(max - 1)].build_dfa(&lower);
    let mut stream = SPELLING.search(&dfa).into_stream();
    let mut out = Vec::new();
    while let Some((key, value)) = stream.next() {
        let entry = Entry::from_value(value);
        if entry.class > 2 || entry.case == Case::Other || key == lower.as_bytes() {
            continue;
        }
        let Ok(cand) = std::str::from_utf8(key) else {
            continue;
        };
        let cand_chars: Vec<char> = cand.chars().collect();
        let distance = levenshtein_automata::Distance::to_u8(&dfa.eval(key));
        let mut cost = edit_cost(&chars, &cand_chars);
        cost += [0.0, 0.35, 0.8][usize::from(entry.class)];
        if chars.first() != cand_chars.first() {
            cost += 0.4;
        }
        if entry.case == Case::Capitalized {
            cost += 0.5;
        }
        if in_story(cand) {
            cost -= 0.4;
        }
        let word = match entry.case {
            Case::Capitalized => capitalize(cand),
            _ => cand.to_string(),
        };
        out.push(Suggestion {
            word,
            distance,
            cost,
        });
    }
    out.sort_by(|a, b| a.cost.total_cmp(&b.cost).then_with(|| a.word.cmp(&b.word)));
    out
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Position of a letter on a QWERTY keyboard: (row, column), rows offset by half a key.
fn key_position(c: char) -> Option<(f32, f32)> {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    ROWS.iter().enumerate().find_map(|(r, row)| {
        row.find(c)
            .map(|col| (r as f32, col as f32 + 0.5 * r as f32))
    })
}

/// True when `a` and `b` are neighbouring keys.
fn adjacent_keys(a: char, b: char) -> bool {
    match (key_position(a), key_position(b)) {
        (Some((ra, ca)), Some((rb, cb))) => {
            (ra - rb).abs() <= 1.0 && (ca - cb).abs() <= 1.0 && (a != b)
        }
        _ => false,
    }
}

fn substitution_cost(a: char, b: char) -> f32 {
    if a == b {
        0.0
    } else if is_vowel(a) && is_vowel(b) {
        0.6
    } else if adjacent_keys(a, b) {
        0.7
    } else {
        1.0
    }
}

/// Cost of leaving out `s[i]`: half when it doubles a neighbour ("occurred" →
/// "occured"), less for a vowel.
fn gap_cost(s: &[char], i: usize) -> f32 {
    let c = s[i];
    if (i > 0 && s[i - 1] == c) || s.get(i + 1) == Some(&c) {
        0.5
    } else if is_vowel(c) {
        0.8
    } else {
        0.9
    }
}

/// Weighted optimal-string-alignment distance from the misspelling `a` to `b`.
pub fn edit_cost(a: &[char], b: &[char]) -> f32 {
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0f32; m + 1]; n + 1];
    for i in 1..=n {
        d[i][0] = d[i - 1][0] + gap_cost(a, i - 1);
    }
    for j in 1..=m {
        d[0][j] = d[0][j - 1] + gap_cost(b, j - 1);
    }
    for i in 1..=n {
        for j in 1..=m {
            let mut best = (d[i - 1][j] + gap_cost(a, i - 1))
                .min(d[i][j - 1] + gap_cost(b, j - 1))
                .min(d[i - 1][j - 1] + substitution_cost(a[i - 1], b[j - 1]));
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2]
            {
                best = best.min(d[i - 2][j - 2] + 0.5);
            }
            d[i][j] = best;
        }
    }
    d[n][m]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(word: &str) -> String {
        suggest(word, &|_| false)
            .first()
            .map(|s| s.word.clone())
            .unwrap_or_default()
    }

    #[test]
    fn knows_words_in_any_case_and_the_news_vocabulary() {
        assert_eq!(lookup("house").map(|e| e.case), Some(Case::Lower));
        assert_eq!(lookup("America").map(|e| e.case), Some(Case::Capitalized));
        assert!(lookup("america").is_some());
        assert_eq!(lookup("mln").map(|e| e.class), Some(3));
        assert!(lookup("goverment").is_none());
        assert!(len() > 130_000);
    }

    #[test]
    fn ranks_the_usual_slips_first() {
        assert_eq!(top("recieve"), "receive");
        assert_eq!(top("goverment"), "government");
        assert_eq!(top("wth"), "with");
        assert_eq!(top("occured"), "occurred");
        assert_eq!(top("becuase"), "because");
        assert_eq!(top("ameraca"), "America");
    }

    #[test]
    fn the_story_breaks_ties() {
        let plain = suggest("forign", &|_| false);
        assert_eq!(plain[0].word, "foreign");
        let s = suggest("cnadle", &|w| w == "candle");
        assert_eq!(s[0].word, "candle");
    }

    #[test]
    fn news_vocabulary_is_never_suggested() {
        assert!(suggest("mlm", &|_| false).iter().all(|s| s.word != "mln"));
    }

    #[test]
    fn transposition_and_doubling_cost_less_than_other_edits() {
        let c = |a: &str, b: &str| {
            edit_cost(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        assert!(c("teh", "the") < c("tha", "the") + 0.01);
        assert!(c("occured", "occurred") < c("occured", "occupied"));
        assert_eq!(c("same", "same"), 0.0);
    }
}
