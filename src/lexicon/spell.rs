//! The spelling dictionary and its suggestions.
//!
//! The dictionary is SCOWL sizes 35 to 80 (American and British), the typos
//! project's English word list and a hand-made news vocabulary (`data/dictionary/`),
//! compiled by `build.rs` into one `fst` map from the lower-cased word to its
//! frequency class and case, so it loads without parsing.
//!
//! Suggestions are the dictionary words within two edits (a swap of two adjacent
//! letters is one edit), found by walking the map along the word
//! (`lexicon::near_keys`), and words that sound alike, read from groups of the
//! dictionary by sound key. They are ranked as a noisy channel would rank them: how
//! likely the misspelling is when the word is meant ([`channel_cost`], an error model
//! of single edits in context learned from 88,000 known typos), plus how rare the word is
//! (its frequency in Google Books, from SymSpell's list). A different first letter and a
//! proper noun for a lower-case word cost a little more, sounding alike a little less; a
//! word the story itself uses costs less. The weights of these parts are fitted on known
//! typos and on Birkbeck's development half (`WEIGHTS`). The cheapest few are then
//! re-ranked by edits of whole strings learned from the same typos
//! ([`string_edit_cost`], after Brill and Moore 2000), which know slips of several
//! letters at once ("ci" for "psy", "ths" for "sth"), and by how well the misspelling
//! spells out the sounds of each word ([`phonetic_cost`], learned from the CMU
//! pronouncing dictionary), which knows the spellings of writers who spell by ear
//! ("sicolgy" for "psychology", "serpluse" for "surplus"). That last channel orders the
//! suggestions ([`Suggestion::rank`]) but is left out of their cost, on which a rule's
//! certainty rests.
//!
//! A caller says how far behind the best a suggestion may cost and still matter to it
//! ([`suggest_plain`]'s `within`); the rest are left out, most of them before their
//! channel cost is measured in full, which keeps a name the dictionary lacks (hundreds
//! of words sound about like it) from costing milliseconds.

use super::near_keys;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

static SPELLING_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/spelling.fst"));

static SPELLING: LazyLock<fst::Map<&'static [u8]>> =
    LazyLock::new(|| fst::Map::new(SPELLING_FST).expect("build.rs wrote a valid fst map"));

static SUGGESTIBLE_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/suggestible.fst"));

/// The words that may be suggested (classes 0 to 2, written in lower case or
/// capitalized): a third of the dictionary, so searching it is quicker.
static SUGGESTIBLE: LazyLock<fst::Map<&'static [u8]>> =
    LazyLock::new(|| fst::Map::new(SUGGESTIBLE_FST).expect("build.rs wrote a valid fst map"));

static SOUND_KEYS_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sound_keys.fst"));

/// The [`sounds_like`] keys of the words that may be suggested, each to its group of
/// words in [`SOUND_WORDS`] (see [`sound_group`]).
static SOUND_KEYS: LazyLock<fst::Map<&'static [u8]>> =
    LazyLock::new(|| fst::Map::new(SOUND_KEYS_FST).expect("build.rs wrote a valid fst map"));

/// The words that may be suggested, grouped by their [`sounds_like`] key: for each, its
/// dictionary value (two bytes, little-endian), its length (one byte) and the word.
static SOUND_WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sound_words.bin"));

include!("phonetic.rs");

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
    /// rare words), 3 (the news vocabulary: known, never suggested), [`RARE`] (SCOWL 80
    /// only: never suggested).
    pub class: u8,
    /// How it is written.
    pub case: Case,
    /// Four times the base-10 logarithm of the word's count in SymSpell's English word
    /// frequencies (Google Books), 0 when it is not listed: "the" 41, "bay" 32.
    pub frequency: u8,
}

impl Entry {
    fn from_value(v: u64) -> Entry {
        Entry {
            class: (v >> 2 & 7) as u8,
            frequency: (v >> 8) as u8,
            case: match v & 3 {
                0 => Case::Lower,
                1 => Case::Capitalized,
                _ => Case::Other,
            },
        }
    }
}

/// Frequency class of the very rare words (SCOWL 80 only): real words, and some slips
/// that happen to be one ("toons", "dumbed").
pub const RARE: u8 = 4;

/// The dictionary entry of `word`, in any case.
pub fn lookup(word: &str) -> Option<Entry> {
    LOOKED_UP.with_borrow_mut(|cache| {
        if let Some(&entry) = cache.get(word) {
            return entry;
        }
        let entry = lookup_in_fst(word);
        if cache.len() >= LOOKED_UP_MAX {
            cache.clear();
        }
        cache.insert(word.into(), entry);
        entry
    })
}

thread_local! {
    /// What [`lookup`] found for the words it was asked on this thread: the words every
    /// story has ("the", "said") cost a hash lookup after the first story instead of a
    /// walk of the dictionary. Emptied when it holds [`LOOKED_UP_MAX`] words.
    static LOOKED_UP: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Option<Entry>>> =
        Default::default();
}

/// The most words [`lookup`] remembers on a thread (a few MB).
const LOOKED_UP_MAX: usize = 50_000;

/// [`lookup`], in the dictionary itself.
fn lookup_in_fst(word: &str) -> Option<Entry> {
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
    /// Edits from the misspelling (1 or 2; one more than [`max_edits`] for a word found
    /// by its sound only).
    pub distance: u8,
    /// True when the word is within [`max_edits`] of the misspelling (not found by its
    /// sound only).
    pub within_edits: bool,
    /// Weighted cost; see the module documentation. How sure a rule may be of the
    /// likeliest word rests on it: it leaves out the phonetic channel, which ranks the
    /// misspellings of writers who spell by ear and would make a rule sure of a typing
    /// slip's look-alike ("helpt": "helped" for "help").
    pub cost: f32,
    /// The cost with the phonetic channel ([`phonetic_cost`]) too: the order of the
    /// suggestions, likeliest first.
    pub rank: f32,
}

/// Edits allowed for a word of `len` characters: one below five letters, else two.
pub fn max_edits(len: usize) -> u8 {
    if len < 5 { 1 } else { 2 }
}

/// Dictionary words within [`max_edits`] of `word` (lower case), and words that sound
/// like it, cheapest first: all of them, however dear. `in_story` tells whether the
/// story uses a word (lower case) elsewhere. Words one sound away are searched too when
/// nothing cheaper than [`GOOD_ENOUGH`] was found (that search costs the most).
pub fn suggest(word: &str, in_story: &dyn Fn(&str) -> bool) -> Vec<Suggestion> {
    with_story(&suggest_plain(word, f32::INFINITY), in_story)
}

/// [`suggest`] for a word alone, without a story: the part of the work that depends on
/// the word only, so callers may keep it across stories and apply [`with_story`] to each.
///
/// Only the suggestions that cost at most `within` more than the cheapest, once a story's
/// bonus is taken off them, are kept: a caller that weighs the cheapest against the
/// next by a margin passes that margin, and the rest could never change its verdict.
/// Measuring all of them is most of the work for a word with no cheap correction (a name,
/// a term the dictionary lacks: hundreds of words sound about alike), and a bound on each
/// cost rules most of them out before their channel cost is measured in full.
pub fn suggest_plain(word: &str, within: f32) -> Vec<Suggestion> {
    // The re-ranking below measures every suggestion within RESCORED_WITHIN of the
    // cheapest, so those are kept too.
    let mut q = Query::new(word);
    q.spread = (within + STORY_BONUS).max(RESCORED_WITHIN);
    let mut ranked = Ranked::default();
    // One edit first: most slips are one edit, and searching two costs far more.
    near_keys::within_one_edit(SUGGESTIBLE.as_fst(), &q.lower, &mut |key, value| {
        q.consider(key, Entry::from_value(value), None, &mut ranked)
    });
    // Two edits, among the words with the same first letter: a slip of the first
    // letter is rarer, and this search is twenty times smaller.
    if q.max > 1 && !ranked.has_one_within(GOOD_ENOUGH) {
        near_keys::within_two_edits_same_start(
            SUGGESTIBLE.as_fst(),
            &q.lower,
            &mut |key, value| q.consider(key, Entry::from_value(value), None, &mut ranked),
        );
    }
    // Words that sound the same, however far apart their letters ("minits", "minutes"),
    // then, when nothing good was found, words one sound away ("enuff", "enough").
    // A key within one edit is one sound apart, unless it is the same.
    let sounds_apart = |sound: &[u8]| usize::from(sound != q.sound.as_bytes());
    if q.sound.len() >= 2 {
        words_sounding(&q.sound, &mut |sound, key, entry| {
            q.consider(key, entry, Some(sounds_apart(sound)), &mut ranked)
        });
    }
    if q.sound.len() >= 3 && q.chars.len() >= 4 && !ranked.has_one_within(GOOD_ENOUGH) {
        words_sounding_near(&q.sound, &mut |sound, key, entry| {
            q.consider(key, entry, Some(sounds_apart(sound)), &mut ranked)
        });
    }
    // Those kept because they came before the cheapest go too: the list is the same
    // whatever the order of the search.
    let ceiling = ranked.cheapest.map_or(f32::INFINITY, |c| c + q.spread);
    let mut out = ranked.list;
    out.retain(|s| s.cost <= ceiling);
    cheapest_first(&mut out);
    rescore(&q.lower, &mut out);
    out
}

/// The dictionary words one edit from `word`, ranked as [`suggest_plain`] ranks them
/// before it weighs the string edits, cheapest first: the cheap part of its search (a
/// word with no cheap correction, such as a name, costs [`suggest_plain`] milliseconds,
/// this a fraction of that), for callers that need only know whether a near word is the
/// likeliest before they ask for all.
pub fn suggest_one_edit(word: &str) -> Vec<Suggestion> {
    let q = Query::within(word, Some(1));
    let mut ranked = Ranked::default();
    near_keys::within_one_edit(SUGGESTIBLE.as_fst(), &q.lower, &mut |key, value| {
        q.consider(key, Entry::from_value(value), None, &mut ranked)
    });
    let mut out = ranked.list;
    cheapest_first(&mut out);
    out
}

/// How many of the cheapest suggestions [`rescore`] re-ranks, and how far
/// above the cheapest they may cost: the word meant is among them whenever the string
/// edits could put it first (re-ranking all eight, or only those within 0.8, ranks
/// Birkbeck's misspellings and the typo lists the same).
const RESCORED: usize = 8;
const RESCORED_WITHIN: f32 = 0.8;

/// Re-ranks the [`RESCORED`] cheapest of `list` (sorted, cheapest first), those within
/// [`RESCORED_WITHIN`] of the cheapest, by two more ways a writer errs: in strings of
/// letters ([`string_edit_cost`]) and by spelling out the sounds of the word
/// ([`phonetic_cost`]). A word either explains more cheaply than the single edits of the
/// channel ("psychology" for "cicology", "surplus" for "serpluse") costs less, by its
/// weight times the difference; a word they explain no better ("committed" for
/// "commited", a doubled letter the channel knows in its context) keeps its cost, so the
/// rule stays as sure of such slips. The rest are not re-ranked: each costs at least the
/// dearest of those.
fn rescore(typed: &str, list: &mut [Suggestion]) {
    let best = list.first().map_or(0.0, |s| s.cost);
    let n = list
        .iter()
        .take(RESCORED)
        .take_while(|s| s.cost <= best + RESCORED_WITHIN)
        .count();
    let typed_chars: Vec<char> = typed.chars().collect();
    for s in &mut list[..n] {
        let (strings, sounds) = rescoring_adjustment(typed, &typed_chars, &s.word.to_lowercase());
        s.cost += strings;
        s.rank = s.cost + sounds;
    }
    let floor = |costs: &mut dyn Iterator<Item = f32>| costs.fold(f32::MIN, f32::max);
    let (cost_floor, rank_floor) = (
        floor(&mut list[..n].iter().map(|s| s.cost)),
        floor(&mut list[..n].iter().map(|s| s.rank)),
    );
    cheapest_first(&mut list[..n]);
    for s in &mut list[n..] {
        s.cost = s.cost.max(cost_floor);
        s.rank = s.rank.max(rank_floor);
    }
}

/// What [`rescore`] adds to the cost of `meant` (lower case) for `typed` (lower case, and
/// as characters): for the string edits (to the cost) and for the sounds (to the rank).
fn rescoring_adjustment(typed: &str, typed_chars: &[char], meant: &str) -> (f32, f32) {
    let meant_chars: Vec<char> = meant.chars().collect();
    let channel = channel_cost(typed_chars, &meant_chars);
    // Only a cost below the channel's counts: the table may stop above it.
    let strings =
        string_edit_cost_within(typed, meant, channel).map_or(0.0, |c| (c - channel).min(0.0));
    let sounds = phonetic_cost_within(typed, meant, channel + PHONETIC_OFFSET)
        .map_or(0.0, |c| (c - channel - PHONETIC_OFFSET).min(0.0));
    (
        WEIGHT_SCALE * STRING_EDIT_WEIGHT * strings,
        WEIGHT_SCALE * PHONETIC_WEIGHT * sounds,
    )
}

/// The weight, in nats, of what the string edits' cost falls short of the channel's
/// (`scripts/fit-ranking.py` chooses it after fitting [`WEIGHTS`], on the [`RESCORED`]
/// cheapest candidates: 0.3 to 0.6 rank Birkbeck's misspellings and the typo lists
/// alike, and 0.3 keeps the share of verdicts the rule is sure of where it was).
const STRING_EDIT_WEIGHT: f32 = 0.3;

/// The weight, in nats, of what the phonetic channel's cost falls short of the channel's
/// by more than [`PHONETIC_OFFSET`]. The two were chosen on a grid (0.2 to 0.6; 0 to 1)
/// by the top-1 of Birkbeck's misspellings and of the typo lists, ranking alone:
/// 59.7% → 61.6% and 86.0% → 85.7%; either half of Birkbeck's intended words gains alike
/// (`docs/spelling-eval.md`).
const PHONETIC_WEIGHT: f32 = 0.3;

/// What the phonetic channel's cost may exceed the channel's by and still count in a
/// word's favour: the two are learned from different data (how words are spelt, how
/// typists slip) and their costs are not on one scale.
const PHONETIC_OFFSET: f32 = 1.0;

/// How much of a sound's spelling the phonetic channel takes from the dictionary's
/// spellings (`data/spelling/phone-spellings.tsv`); the rest goes to any letters at all
/// ([`unlisted_spelling`]), since a poor speller writes sounds in ways no word does.
const LISTED_SPELLINGS: f32 = 0.9;

/// The chance, before [`LISTED_SPELLINGS`] weighs it, of writing a sound as `len`
/// letters no word writes it with: a silent sound 0.05, otherwise 0.3 for each of the
/// 26^len strings alike.
fn unlisted_spelling(len: usize) -> f32 {
    if len == 0 {
        0.05
    } else {
        0.3 / 26f32.powi(len as i32)
    }
}

static PHONE_SPELLINGS_BIN: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/phone_spellings.bin"));

/// How each sound is spelt (`data/spelling/phone-spellings.tsv`, 1,369 spellings), as
/// -ln p mixed with [`unlisted_spelling`]; built the first time a word is corrected.
struct PhoneSpellings {
    /// The listed spellings' costs, by [`spelling_key`].
    listed: FxHashMap<u64, f32>,
    /// The cost of a spelling of 0 to [`MAX_SPELLING`] letters that is not listed.
    unlisted: [f32; MAX_SPELLING + 1],
}

impl PhoneSpellings {
    /// The cost of writing phone `code` as `letters` (at most [`MAX_SPELLING`]).
    fn cost(&self, code: u8, letters: &[u8]) -> f32 {
        self.listed
            .get(&spelling_key(code, letters))
            .copied()
            .unwrap_or(self.unlisted[letters.len()])
    }
}

static PHONE_SPELLINGS: LazyLock<PhoneSpellings> = LazyLock::new(|| {
    let mixed = |p: f32, len: usize| {
        -(LISTED_SPELLINGS * p + (1.0 - LISTED_SPELLINGS) * unlisted_spelling(len)).ln()
    };
    PhoneSpellings {
        listed: PHONE_SPELLINGS_BIN
            .chunks_exact(10)
            .map(|r| {
                let (code, len) = (r[0], usize::from(r[1]));
                let p = (-f32::from_le_bytes(r[6..10].try_into().expect("4 bytes"))).exp();
                (spelling_key(code, &r[2..2 + len]), mixed(p, len))
            })
            .collect(),
        unlisted: std::array::from_fn(|len| mixed(0.0, len)),
    }
});

/// The key of "phone `code` written as `letters`" (up to four letters).
fn spelling_key(code: u8, letters: &[u8]) -> u64 {
    letters
        .iter()
        .fold(u64::from(code) << 8 | 1, |k, &b| k << 8 | u64::from(b))
}

static PRONUNCIATIONS_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pronunciations.fst"));

/// The dictionary words' pronunciations (`data/spelling/pronunciations.txt`, 70,000 from
/// the CMU pronouncing dictionary), as "word\0" and the codes of its phones.
static PRONUNCIATIONS: LazyLock<fst::Set<&'static [u8]>> = LazyLock::new(|| {
    fst::Set::new(PRONUNCIATIONS_FST).expect("pronunciations.fst was built by build.rs")
});

/// The letters a phone is written with at most (as `scripts/build-pronunciations.py`
/// learned them).
const MAX_SPELLING: usize = 4;

/// The cost of writing `typed` for `meant` (both lower case) by spelling out the sounds
/// of `meant` in the manner of a writer who spells by ear (Toutanova and Moore 2002 model
/// this with a letter-to-sound model; this is its simplest form): the cheapest way to cut
/// `typed` into strings of up to four letters, one for each phone of a pronunciation of
/// `meant`, each costing -ln p of that phone being spelt so (`PHONE_SPELLINGS`), over
/// the pronunciations `meant` has. `None` when `meant` has none on file or `typed` has
/// letters outside a–z.
pub fn phonetic_cost(typed: &str, meant: &str) -> Option<f32> {
    phonetic_cost_within(typed, meant, f32::INFINITY)
}

/// [`phonetic_cost`], or `None` when it is sure to be more than `budget`: each phone's
/// spelling costs something, so a pronunciation is given up once every way of
/// writing its phones so far costs more.
fn phonetic_cost_within(typed: &str, meant: &str, budget: f32) -> Option<f32> {
    use fst::{Automaton, IntoStreamer, Streamer};
    let t = typed.as_bytes();
    if !t.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let prefix = format!("{meant}\0");
    let mut stream = PRONUNCIATIONS
        .search(fst::automaton::Str::new(&prefix).starts_with())
        .into_stream();
    let spellings = &*PHONE_SPELLINGS;
    let mut best: Option<f32> = None;
    let (mut at, mut next) = (vec![0.0; t.len() + 1], vec![0.0; t.len() + 1]);
    'pronunciations: while let Some(key) = stream.next() {
        // at[i]: the cheapest way to write the phones so far as the first i letters.
        at.fill(f32::INFINITY);
        at[0] = 0.0;
        for &code in &key[prefix.len()..] {
            next.fill(f32::INFINITY);
            for i in (0..=t.len()).filter(|&i| at[i].is_finite()) {
                for len in 0..=MAX_SPELLING.min(t.len() - i) {
                    let cost = at[i] + spellings.cost(code, &t[i..i + len]);
                    next[i + len] = next[i + len].min(cost);
                }
            }
            std::mem::swap(&mut at, &mut next);
            if at.iter().all(|&c| c > budget) {
                continue 'pronunciations;
            }
        }
        let cost = at[t.len()];
        best = Some(best.map_or(cost, |b| b.min(cost)));
    }
    best.filter(|&c| c <= budget)
}

static STRING_EDITS_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/string_edits.bin"));

/// The string edits (`data/spelling/string-edits.tsv`), put in hash maps the first time a
/// word is corrected (32,000 rules; under a millisecond).
struct StringEdits {
    /// By the string changed ([`string_key`]): the cheapest of its rules, and the cost
    /// of writing it as each string ([`string_key`]). One look-up for the strings of the
    /// misspelt word that end at a place, and one for each string of the typed word.
    rules: FxHashMap<u32, (f32, FxHashMap<u32, f32>)>,
    /// The strings some rule writes, by [`string_key`]: most places in a word have no
    /// rule, and this says so without a look-up per pair.
    to: FxHashSet<u32>,
}

static STRING_EDITS: LazyLock<StringEdits> = LazyLock::new(|| {
    let mut edits = StringEdits {
        rules: FxHashMap::default(),
        to: FxHashSet::default(),
    };
    for r in STRING_EDITS_BIN.chunks_exact(12) {
        let (key, cost) = r.split_at(8);
        let key = u64::from_le_bytes(key.try_into().expect("8 bytes"));
        let cost = f32::from_le_bytes(cost.try_into().expect("4 bytes"));
        // The key is FROM, 0xFF, TO (big-endian, as build.rs writes it): split it at the 0xFF.
        let bytes = key.to_be_bytes();
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        let used = &bytes[start..];
        let at = used.iter().position(|&b| b == 0xFF).expect("a separator");
        let (from, to) = (string_key(&used[..at]), string_key(&used[at + 1..]));
        let (cheapest, by_to) = edits
            .rules
            .entry(from)
            .or_insert((f32::INFINITY, FxHashMap::default()));
        *cheapest = cheapest.min(cost);
        by_to.insert(to, cost);
        edits.to.insert(to);
    }
    edits
});

/// A string of up to three bytes as a number, with a leading 1 so "" and "a" differ.
fn string_key(s: &[u8]) -> u32 {
    s.iter().fold(1u32, |k, &b| k << 8 | u32::from(b))
}

/// What a string edit no rule covers costs: a letter changed, left out or added.
const UNRULED_EDIT_COST: f32 = 10.0;

/// The cost of writing `typed` when `meant` is meant (both lower case) as a noisy channel
/// of string edits, after Brill and Moore (2000): the cheapest way to cut `meant` (with
/// "^" and "$" around it) into strings of up to three letters, each written as a string
/// of up to three letters, at -ln p of each change learned from known typos
/// ("ph" for "f", "ent$" for "ant$"); letters kept cost nothing, any other letter
/// changed, left out or added (`UNRULED_EDIT_COST`, 10).
pub fn string_edit_cost(typed: &str, meant: &str) -> f32 {
    string_edit_cost_within(typed, meant, f32::INFINITY).unwrap_or(f32::INFINITY)
}

/// [`string_edit_cost`], or `None` once it is sure to be more than `budget`: every edit
/// costs something and changes at most three letters of `meant`, so a way through the
/// table passes through one of any three rows in a row.
fn string_edit_cost_within(typed: &str, meant: &str, budget: f32) -> Option<f32> {
    let t: Vec<u8> = [b'^']
        .into_iter()
        .chain(typed.bytes())
        .chain([b'$'])
        .collect();
    let m: Vec<u8> = [b'^']
        .into_iter()
        .chain(meant.bytes())
        .chain([b'$'])
        .collect();
    let edits = &*STRING_EDITS;
    // The rules for the strings of `m` ending at each place, and the strings of `t`
    // ending at each place that some rule writes.
    type Rules = Option<&'static (f32, FxHashMap<u32, f32>)>;
    let from_ends: Vec<[Rules; 4]> = (0..=m.len())
        .map(|i| {
            std::array::from_fn(|n| {
                (n <= i)
                    .then(|| edits.rules.get(&string_key(&m[i - n..i])))
                    .flatten()
            })
        })
        .collect();
    let to_ends: Vec<[Option<u32>; 4]> = (0..=t.len())
        .map(|j| {
            std::array::from_fn(|n| {
                (n <= j)
                    .then(|| string_key(&t[j - n..j]))
                    .filter(|k| edits.to.contains(k))
            })
        })
        .collect();
    let w = t.len() + 1;
    let mut d = vec![f32::INFINITY; (m.len() + 1) * w];
    d[0] = 0.0;
    // The cheapest cell of each of the last three rows.
    let mut row_mins = [f32::INFINITY; 3];
    for i in 0..=m.len() {
        for j in 0..=t.len() {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f32::INFINITY;
            if i > 0 && j > 0 {
                let kept = m[i - 1] == t[j - 1];
                best = d[(i - 1) * w + j - 1] + if kept { 0.0 } else { UNRULED_EDIT_COST };
            }
            if i > 0 {
                best = best.min(d[(i - 1) * w + j] + UNRULED_EDIT_COST);
            }
            if j > 0 {
                best = best.min(d[i * w + j - 1] + UNRULED_EDIT_COST);
            }
            for (from, rules) in from_ends[i].iter().enumerate() {
                let Some((cheapest, by_to)) = rules else {
                    continue;
                };
                for (to, key) in to_ends[j].iter().enumerate() {
                    let Some(key) = key else {
                        continue;
                    };
                    let before = d[(i - from) * w + j - to];
                    if from + to == 0 || before + cheapest >= best {
                        continue;
                    }
                    if let Some(c) = by_to.get(key) {
                        best = best.min(before + c);
                    }
                }
            }
            d[i * w + j] = best;
        }
        row_mins[i % 3] = d[i * w..(i + 1) * w]
            .iter()
            .copied()
            .fold(f32::INFINITY, f32::min);
        if row_mins.iter().all(|&c| c > budget) {
            return None;
        }
    }
    Some(d[m.len() * w + t.len()])
}

/// `plain` ranked for a story: words the story uses (lower case) cost `STORY_BONUS` (0.4)
/// less.
pub fn with_story(plain: &[Suggestion], in_story: &dyn Fn(&str) -> bool) -> Vec<Suggestion> {
    let mut out = plain.to_vec();
    let mut changed = false;
    for s in &mut out {
        if in_story(&s.word.to_lowercase()) {
            s.cost -= STORY_BONUS;
            s.rank -= STORY_BONUS;
            changed = true;
        }
    }
    if changed {
        cheapest_first(&mut out);
    }
    out
}

/// Sorts suggestions by rank, then alphabetically (so ties come out the same every run).
fn cheapest_first(list: &mut [Suggestion]) {
    list.sort_by(|a, b| a.rank.total_cmp(&b.rank).then_with(|| a.word.cmp(&b.word)));
}

/// What a word the story uses elsewhere takes off a suggestion's cost.
const STORY_BONUS: f32 = 0.4;

/// Obscenities and slurs: known words, never offered as a correction ("cnts" is
/// "cents"; a newsroom tool does not put the other reading in front of an editor).
const NEVER_SUGGESTED: &[&[u8]] = &[
    b"cunt", b"cunts", b"fuck", b"fucks", b"fucked", b"fucker", b"fucking", b"shit", b"shits",
    b"nigger", b"niggers", b"faggot", b"faggots", b"twat", b"twats", b"wank", b"wanker",
    b"wankers",
];

/// A suggestion this cheap ends the search (a likely slip of one edit).
pub const GOOD_ENOUGH: f32 = 1.27;

/// What receives the words found by their sound: the [`sounds_like`] key found, a word
/// with that key and its entry.
type SoundAlike<'a> = dyn FnMut(&[u8], &[u8], Entry) + 'a;

/// Calls `found` with `key` and each word whose [`sounds_like`] key it is, with its
/// dictionary entry.
fn words_sounding(key: &str, found: &mut SoundAlike<'_>) {
    if let Some(group) = SOUND_KEYS.get(key) {
        sound_group(group, &mut |word, entry| found(key.as_bytes(), word, entry));
    }
}

/// Calls `found` with each word of the group `group` (a value of [`SOUND_KEYS`]: where
/// its words begin in [`SOUND_WORDS`], times 65,536, plus how many there are).
fn sound_group(group: u64, found: &mut dyn FnMut(&[u8], Entry)) {
    let mut at = usize::try_from(group >> 16).expect("an offset into SOUND_WORDS");
    for _ in 0..group & 0xFFFF {
        let value = u16::from_le_bytes([SOUND_WORDS[at], SOUND_WORDS[at + 1]]);
        let len = usize::from(SOUND_WORDS[at + 2]);
        found(
            &SOUND_WORDS[at + 3..at + 3 + len],
            Entry::from_value(value.into()),
        );
        at += 3 + len;
    }
}

/// The suggestions found so far, each word once.
#[derive(Default)]
struct Ranked {
    seen: FxHashSet<Vec<u8>>,
    list: Vec<Suggestion>,
    cheapest: Option<f32>,
    /// Room for a word's characters, used again for each.
    chars: Vec<char>,
}

impl Ranked {
    fn has_one_within(&self, cost: f32) -> bool {
        self.cheapest.is_some_and(|c| c <= cost)
    }
}

/// A misspelling being corrected.
struct Query {
    lower: String,
    chars: Vec<char>,
    max: u8,
    sound: String,
    /// `chars`, for measuring edit distances to it.
    pattern: crate::lexicon::OsaPattern,
    /// How far above the cheapest so far a suggestion may cost and be kept.
    spread: f32,
}

impl Query {
    fn new(word: &str) -> Query {
        Query::within(word, None)
    }

    /// A query for the words within `max` edits ([`max_edits`] when `None`).
    fn within(word: &str, max: Option<u8>) -> Query {
        let lower = word.to_lowercase();
        let chars: Vec<char> = lower.chars().collect();
        let max = max.unwrap_or_else(|| max_edits(chars.len()));
        let sound = sounds_like(&lower);
        Query {
            lower,
            pattern: crate::lexicon::OsaPattern::new(&chars),
            chars,
            max,
            sound,
            spread: f32::INFINITY,
        }
    }

    /// Ranks the dictionary word `key` (lower case, entry `entry`, its [`sounds_like`]
    /// key `sounds_apart` edits from the misspelling's when the caller knows it) as a
    /// correction, unless it was already, may not be offered, or costs more than the
    /// [`Query::spread`] above the cheapest so far.
    fn consider(&self, key: &[u8], entry: Entry, sounds_apart: Option<usize>, ranked: &mut Ranked) {
        // The searches meet many words more than once: look before copying the key.
        if key == self.lower.as_bytes()
            || NEVER_SUGGESTED.contains(&key)
            || ranked.seen.contains(key)
        {
            return;
        }
        ranked.seen.insert(key.to_vec());
        let Ok(cand) = std::str::from_utf8(key) else {
            return;
        };
        let mut cand_chars = std::mem::take(&mut ranked.chars);
        cand_chars.clear();
        cand_chars.extend(cand.chars());
        self.measure(cand, &cand_chars, entry, sounds_apart, ranked);
        ranked.chars = cand_chars;
    }

    /// [`Query::consider`] for a word not met before, as characters `cand_chars`.
    fn measure(
        &self,
        cand: &str,
        cand_chars: &[char],
        entry: Entry,
        sounds_apart: Option<usize>,
        ranked: &mut Ranked,
    ) {
        // Words of very different length are never the word meant.
        if cand_chars.len().abs_diff(self.chars.len()) > MAX_LENGTH_DIFFERENCE {
            return;
        }
        let ceiling = ranked.cheapest.map_or(f32::INFINITY, |c| c + self.spread);
        let meant = Meant {
            word: cand,
            chars: cand_chars,
            sounds_apart,
            entry,
        };
        let Some((cost, letters_apart)) = word_cost_within(self, &meant, ceiling) else {
            return;
        };
        // Edits counted as the Levenshtein automata count them (a swap is one), up to
        // one more than allowed.
        let distance = u8::try_from(letters_apart)
            .unwrap_or(u8::MAX)
            .min(self.max + 1);
        ranked.cheapest = Some(ranked.cheapest.map_or(cost, |c| c.min(cost)));
        let word = match entry.case {
            Case::Capitalized => capitalize(cand),
            _ => cand.to_string(),
        };
        ranked.list.push(Suggestion {
            word,
            distance,
            within_edits: distance <= self.max,
            cost,
            rank: cost,
        });
    }
}

/// Sound-alike words further than this from the misspelling's length are not offered.
const MAX_LENGTH_DIFFERENCE: usize = 6;

/// A dictionary word weighed as the word meant.
struct Meant<'a> {
    /// In lower case.
    word: &'a str,
    chars: &'a [char],
    /// How many edits its [`sounds_like`] key is from the misspelling's, when the caller
    /// knows.
    sounds_apart: Option<usize>,
    entry: Entry,
}

/// The cost of `meant` as the word meant by the misspelling `typed`: the channel, the
/// prior, and how the two words differ in their letters and sounds, each weighed by
/// [`WEIGHTS`].
fn word_cost(typed: &Query, meant: &Meant<'_>) -> f32 {
    word_cost_within(typed, meant, f32::INFINITY).map_or(f32::INFINITY, |(cost, _)| cost)
}

/// [`word_cost`] and the letters apart (up to five), or `None` when the cost is more
/// than `ceiling`: the cheap parts and a bound
/// on the channel ([`LetterBound`]) rule most of a name's sound-alikes out, and the
/// channel's table stops as soon as its rows pass what is left.
fn word_cost_within(query: &Query, meant: &Meant<'_>, ceiling: f32) -> Option<(f32, usize)> {
    let (typed, typed_sound) = (&query.chars[..], &query.sound);
    let w = &WEIGHTS;
    let (n, m) = (typed.len(), meant.chars.len());
    let rarity = rarity(meant.entry);
    let sounds_apart = meant.sounds_apart.unwrap_or_else(|| {
        let sound = sounds_like(meant.word);
        crate::lexicon::osa_distance(typed_sound.as_bytes(), sound.as_bytes(), 4)
    });
    let sounds_apart = sounds_apart.min(4);
    let common =
        |a: &mut dyn Iterator<Item = (&char, &char)>| a.take_while(|(x, y)| x == y).count();
    let prefix = common(&mut typed.iter().zip(meant.chars));
    let suffix = common(&mut typed.iter().rev().zip(meant.chars.iter().rev()));
    let longer = m as f32 - n as f32;
    let flags = [
        (prefix == 0, w.first_letter),
        (suffix == 0, w.last_letter),
        (meant.entry.case == Case::Capitalized, w.capitalized),
        (sounds_apart == 0, w.same_sound),
        (sounds_apart == 1, w.one_sound_apart),
        (meant.entry.class == 2, w.rare_class),
        (meant.entry.frequency == 0, w.uncounted),
    ];
    let cost_of = |channel: f32, letters_apart: usize| {
        let mut cost = w.channel * channel
            + w.rarity * rarity
            + w.rarity_squared * rarity * rarity / 10.0
            + w.sounds_apart * sounds_apart as f32
            + w.letters_apart * letters_apart as f32
            + w.length_difference * longer.abs()
            + w.longer * longer
            + w.longer_only * longer.max(0.0)
            + w.common_prefix * prefix.min(4) as f32;
        for (on, weight) in flags {
            if on {
                cost += weight;
            }
        }
        BASE_COST + WEIGHT_SCALE * cost
    };
    // What the channel may cost at most: the ceiling less the rest, the letters apart
    // (0 to 5, measured last) counted at their cheapest. A little slack for the rounding
    // of the sums.
    let rest = cost_of(0.0, 0).min(cost_of(0.0, 5));
    let channel_budget = ((ceiling - rest) / WEIGHT_SCALE + 1e-3) / w.channel;
    if LETTER_BOUND.channel_at_least(typed, meant.chars) > channel_budget {
        return None;
    }
    let channel = channel_cost_within(typed, meant.chars, channel_budget)?;
    let letters_apart = query.pattern.distance(meant.chars, 5).min(5);
    Some((cost_of(channel, letters_apart), letters_apart)).filter(|&(c, _)| c <= ceiling)
}

/// Orders `choices`, the corrections a list gives for `typed` ("accured": "accrued",
/// "occurred"), likeliest first by the ranking of [`suggest`]. Choices the
/// dictionary does not know (phrases, names) keep their place after the known ones; so
/// does the list's order between choices of equal cost.
pub fn likeliest_first(typed: &str, choices: &mut [&str]) {
    let query = Query::new(typed);
    let (typed_lower, typed) = (&query.lower, &query.chars);
    let cost = |w: &str| {
        lookup(w).map_or(f32::INFINITY, |entry| {
            let lower = w.to_lowercase();
            let chars: Vec<char> = lower.chars().collect();
            let (strings, sounds) = rescoring_adjustment(typed_lower, typed, &lower);
            let meant = Meant {
                word: &lower,
                chars: &chars,
                sounds_apart: None,
                entry,
            };
            word_cost(&query, &meant) + strings + sounds
        })
    };
    // A stable sort: choices of equal cost keep the list's order.
    let mut ranked: Vec<(f32, &str)> = choices.iter().map(|&w| (cost(w), w)).collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (slot, (_, w)) in choices.iter_mut().zip(ranked) {
        *slot = w;
    }
}

/// How rare a word is: how many factors of ten its count falls short of 10^10 (0 for
/// the commonest words, 6 for "bay"). Words without a count are rarer than every counted
/// one.
fn rarity(entry: Entry) -> f32 {
    let log_count = if entry.frequency > 0 {
        f32::from(entry.frequency) / 4.0
    } else {
        [4.0, 4.0, 3.5][usize::from(entry.class.min(2))]
    };
    (10.0 - log_count).max(0.0)
}

/// Calls `found` with each word whose [`sounds_like`] key is within one edit of `key` (a
/// sound dropped, added or changed, or two swapped; `key` itself included), with that
/// key and its entry: one walk of the keys ([`near_keys::within_one_edit`]), instead of
/// one search for each of the key's hundreds of neighbours.
fn words_sounding_near(key: &str, found: &mut SoundAlike<'_>) {
    near_keys::within_one_edit(SOUND_KEYS.as_fst(), key, &mut |near, group| {
        sound_group(group, &mut |word, entry| found(near, word, entry));
    });
}

/// How the parts of a suggestion's cost are weighed (see [`word_cost`]).
struct Weights {
    /// Per unit of [`channel_cost`] (-ln p of the misspelling, were the word meant).
    channel: f32,
    /// Per factor of ten the word is rarer ([`rarity`]): the prior, -log10 p of the word.
    rarity: f32,
    /// Per unit of rarity squared, over ten: rare words are rarer still.
    rarity_squared: f32,
    /// Per sound between the [`sounds_like`] keys (an edit of the keys, up to four).
    sounds_apart: f32,
    /// Per letter edit between the words (up to five); the channel has charged for each
    /// already, so this says how much less a further edit costs.
    letters_apart: f32,
    /// Per letter of difference in length.
    length_difference: f32,
    /// Per letter the word meant is longer (negative when shorter).
    longer: f32,
    /// Per letter the word meant is longer, when it is.
    longer_only: f32,
    /// Per letter both begin with (up to four).
    common_prefix: f32,
    /// For a first letter other than the misspelling's.
    first_letter: f32,
    /// For a last letter other than the misspelling's.
    last_letter: f32,
    /// For a word written capitalized only ("America"): proper nouns are seldom meant
    /// by a lower-case word.
    capitalized: f32,
    /// For a word with the misspelling's [`sounds_like`] key.
    same_sound: f32,
    /// For a word one sound from it.
    one_sound_apart: f32,
    /// For a rare word (SCOWL 70).
    rare_class: f32,
    /// For a word Google Books does not count.
    uncounted: f32,
}

/// The weights, in nats, fitted by conditional logistic regression (softmax over each
/// misspelling's candidates, maximising the likelihood of the word meant) by
/// `scripts/fit-ranking.py` on two kinds of misspelling weighing the same: the development
/// half of the Birkbeck corpus (`shared/data/misspellings-birkbeck-dev`, poor spellers'
/// misspellings, which its source offers for tuning; the other half is held back) and
/// 8,000 slips of the typos and misspell lists the error model was learned from. Fitted
/// on one half of Birkbeck's words and tested on the other, they put the word meant first
/// within a point as often as fitted on all of it (`docs/spelling-eval.md`). These came
/// from the script's method on another draw of the 8,000 slips; its own draw gives
/// weights within 0.2 of them and the same top-1 (59.2% of Birkbeck).
const WEIGHTS: Weights = Weights {
    channel: 0.4614,
    rarity: 0.7502,
    rarity_squared: 0.9049,
    sounds_apart: 1.0291,
    letters_apart: -0.1664,
    length_difference: 0.2328,
    longer: -0.3824,
    longer_only: -0.2517,
    common_prefix: -0.2898,
    first_letter: 0.5067,
    last_letter: 0.4802,
    capitalized: 2.5013,
    same_sound: -0.5049,
    one_sound_apart: -0.0319,
    rare_class: 1.0998,
    uncounted: -0.5243,
};

/// Nats to cost: the scale `spelling/dictionary`'s `margin` is set for (0.5 is about
/// 14 times likelier).
const WEIGHT_SCALE: f32 = 0.188;

/// What every suggestion costs, so that a slip of one edit costs about what `max-cost`
/// was set for.
const BASE_COST: f32 = 0.47;

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
    // (row, column) of a..z.
    const KEYS: [(u8, u8); 26] = [
        (1, 0),
        (2, 4),
        (2, 2),
        (1, 2),
        (0, 2),
        (1, 3),
        (1, 4),
        (1, 5),
        (0, 7),
        (1, 6),
        (1, 7),
        (1, 8),
        (2, 6),
        (2, 5),
        (0, 8),
        (0, 9),
        (0, 0),
        (0, 3),
        (1, 1),
        (0, 4),
        (0, 6),
        (2, 3),
        (0, 1),
        (2, 1),
        (0, 5),
        (2, 0),
    ];
    let i = (c as u32).checked_sub('a' as u32).filter(|&i| i < 26)?;
    let (row, col) = KEYS[i as usize];
    Some((f32::from(row), f32::from(col) + 0.5 * f32::from(row)))
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

/// The spelling error model: -ln p of each single edit, in four tables (substitution,
/// deletion, insertion, transposition) indexed `[from * 28 + to]` over the symbols of
/// [`model_symbol`]. Learned by `scripts/build-edit-model.py` from the typos and misspell
/// lists (`data/spelling/edit-model.tsv`); `build.rs` turns it into this array.
// Learned costs: some happen to be close to π or ln 10.
#[allow(clippy::approx_constant)]
static EDIT_MODEL: [[f32; 28 * 28]; 4] = include!(concat!(env!("OUT_DIR"), "/edit_model.rs"));

/// A character's place in [`EDIT_MODEL`]: 0 is the start of a word, 1 to 26 the letters
/// a to z, 27 anything else.
fn model_symbol(c: char) -> u8 {
    if c.is_ascii_lowercase() {
        c as u8 - b'a' + 1
    } else {
        27
    }
}

/// How unlikely the misspelling `typed` is when `meant` was meant (both lower case):
/// -ln p of the likeliest way to get from one to the other by single edits, each edit's
/// probability taken from `EDIT_MODEL` in its context (the letter before a letter
/// left out or added, so that "occured" for "occurred" is cheap), a noisy channel in
/// the manner of Church and Gale (1991). Letters kept cost nothing.
pub fn channel_cost(typed: &[char], meant: &[char]) -> f32 {
    channel_cost_within(typed, meant, f32::INFINITY).unwrap_or(f32::INFINITY)
}

/// [`channel_cost`], or `None` once it is sure to be more than `budget`.
fn channel_cost_within(typed: &[char], meant: &[char], budget: f32) -> Option<f32> {
    thread_local! {
        /// The symbols of both words and the table, kept between calls (every cell is
        /// written before it is read): the ranking measures thousands of candidates.
        static BUFFERS: std::cell::RefCell<(Vec<u8>, Vec<f32>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    BUFFERS.with_borrow_mut(|(symbols, d)| {
        symbols.clear();
        symbols.extend(typed.iter().chain(meant).map(|&c| model_symbol(c)));
        let (a, b) = symbols.split_at(typed.len());
        let cells = (a.len() + 2) * (b.len() + 1);
        if d.len() < cells {
            d.resize(cells, 0.0);
        }
        channel_table(a, b, &mut d[..cells], budget)
    })
}

/// [`channel_cost`]'s dynamic programme over the model symbols `a` (typed) and `b`
/// (meant), in `d` (`(a.len() + 2) * (b.len() + 1)` cells: a row of the deletions'
/// costs, then the table), row by row. Every edit
/// costs something, and every way through the table passes through one of any two
/// rows in a row (a swap spans two), so it stops once two rows in a row cost more
/// than `budget` everywhere.
fn channel_table(a: &[u8], b: &[u8], d: &mut [f32], budget: f32) -> Option<f32> {
    const SYMBOLS: usize = 28;
    let [_, del, ins, tr] = &EDIT_MODEL;
    let w = b.len() + 1;
    let index = |x: u8, y: u8| usize::from(x) * SYMBOLS + usize::from(y);
    // What leaving out each meant letter costs, in its context: the same in every row.
    let (deleted, d) = d.split_at_mut(w);
    for j in 1..w {
        let before = if j > 1 { b[j - 2] } else { 0 };
        deleted[j] = del[index(before, b[j - 1])];
    }
    // Row 0: only deletions of the meant letters.
    d[0] = 0.0;
    for j in 1..w {
        d[j] = d[j - 1] + deleted[j];
    }
    let mut previous_min = 0.0f32;
    for i in 1..=a.len() {
        let (done, rest) = d.split_at_mut(i * w);
        let row = &mut rest[..w];
        let up = &done[(i - 1) * w..];
        let up2 = (i > 1).then(|| &done[(i - 2) * w..(i - 1) * w]);
        let y = a[i - 1];
        let inserted = ins[index(if i > 1 { a[i - 2] } else { 0 }, y)];
        // What writing `y` for each meant symbol costs (nothing for `y` itself).
        let written = &SUBSTITUTED_BY[usize::from(y)];
        row[0] = up[0] + inserted;
        let mut row_min = row[0];
        for j in 1..w {
            let x = b[j - 1];
            let mut best = (up[j - 1] + written[usize::from(x)])
                .min(row[j - 1] + deleted[j])
                .min(up[j] + inserted);
            if let Some(up2) = up2
                && j > 1
                && y == b[j - 2]
                && a[i - 2] == x
                && y != a[i - 2]
            {
                best = best.min(up2[j - 2] + tr[index(b[j - 2], x)]);
            }
            row[j] = best;
            row_min = row_min.min(best);
        }
        if previous_min.min(row_min) > budget {
            return None;
        }
        previous_min = row_min;
    }
    Some(d[a.len() * w + b.len()])
}

/// The substitution table of [`EDIT_MODEL`] by the symbol written: `[typed][meant]`,
/// nothing for a symbol written as itself. [`channel_table`] reads one row of it for
/// each typed letter.
static SUBSTITUTED_BY: LazyLock<[[f32; 28]; 28]> = LazyLock::new(|| {
    let sub = &EDIT_MODEL[0];
    std::array::from_fn(|typed| {
        std::array::from_fn(|meant| {
            if meant == typed {
                0.0
            } else {
                sub[meant * 28 + typed]
            }
        })
    })
});

/// A bound on [`channel_cost`] from the letters alone: each letter the misspelling has
/// more of than the word meant was added or put for another, each it has fewer of was
/// left out or replaced, and one substitution accounts for at most one of each. So the
/// channel costs at least the cheapest ways to do all the one, all the other, or each of
/// both with a substitution's cost shared between its two letters.
struct LetterBound {
    /// The cheapest edit that writes each symbol where it was not (an insertion in any
    /// context, a substitution of any other).
    added: [f32; 28],
    /// The cheapest edit that loses each symbol (a deletion in any context, a
    /// substitution by any other).
    lost: [f32; 28],
    /// The same with a substitution counted at half its cost.
    added_shared: [f32; 28],
    lost_shared: [f32; 28],
}

static LETTER_BOUND: LazyLock<LetterBound> = LazyLock::new(|| {
    const SYMBOLS: usize = 28;
    let [sub, del, ins, _] = &EDIT_MODEL;
    let min = |costs: &mut dyn Iterator<Item = f32>| costs.fold(f32::INFINITY, f32::min);
    let mut bound = LetterBound {
        added: [0.0; SYMBOLS],
        lost: [0.0; SYMBOLS],
        added_shared: [0.0; SYMBOLS],
        lost_shared: [0.0; SYMBOLS],
    };
    for s in 0..SYMBOLS {
        let inserted = min(&mut (0..SYMBOLS).map(|c| ins[c * SYMBOLS + s]));
        let deleted = min(&mut (0..SYMBOLS).map(|c| del[c * SYMBOLS + s]));
        let written_for = min(&mut (0..SYMBOLS)
            .filter(|&x| x != s)
            .map(|x| sub[x * SYMBOLS + s]));
        let replaced = min(&mut (0..SYMBOLS)
            .filter(|&y| y != s)
            .map(|y| sub[s * SYMBOLS + y]));
        bound.added[s] = inserted.min(written_for);
        bound.lost[s] = deleted.min(replaced);
        bound.added_shared[s] = inserted.min(written_for / 2.0);
        bound.lost_shared[s] = deleted.min(replaced / 2.0);
    }
    bound
});

impl LetterBound {
    /// The least [`channel_cost`] of `typed` for `meant` can be.
    fn channel_at_least(&self, typed: &[char], meant: &[char]) -> f32 {
        let mut count = [0i32; 28];
        for &c in typed {
            count[usize::from(model_symbol(c))] += 1;
        }
        for &c in meant {
            count[usize::from(model_symbol(c))] -= 1;
        }
        let (mut added, mut lost, mut shared) = (0.0f32, 0.0f32, 0.0f32);
        for (s, &k) in count.iter().enumerate() {
            if k > 0 {
                added += k as f32 * self.added[s];
                shared += k as f32 * self.added_shared[s];
            } else if k < 0 {
                lost += -k as f32 * self.lost[s];
                shared += -k as f32 * self.lost_shared[s];
            }
        }
        added.max(lost).max(shared)
    }
}

/// Weighted optimal-string-alignment distance from the misspelling `a` to `b`, by hand-set
/// weights (the entity near-miss check uses it; suggestions are ranked by
/// [`channel_cost`]).
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
            if i > 1
                && j > 1
                && a[i - 1] == b[j - 2]
                && a[i - 2] == b[j - 1]
                && a[i - 1] != a[i - 2]
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

    /// Unknown words of real news copy (lower-case names, jargon, slips) and Birkbeck
    /// misspellings: the words the suggestion search spends its time on.
    const SEARCHED: &[&str] = &[
        "feedgrain",
        "sunflowerseed",
        "statewment",
        "treassury",
        "nalin",
        "avinash",
        "receivorship",
        "paytable",
        "eluvial",
        "soyoil",
        "canonie",
        "telxon",
        "cadema",
        "lacana",
        "hannu",
        "praecipuum",
        "typhi",
        "montano",
        "podcasters",
        "pora",
        "vtrs",
        "sicolgy",
        "poytrey",
        "serpluse",
        "enuff",
        "minits",
        "acomodate",
        "chetickway",
        "wopuld",
        "helpt",
        "tital",
        "x",
        "ab",
        "naïve",
        "caféz",
    ];

    #[test]
    fn issue_10_suggestions_dearer_than_the_margin_are_left_out_and_the_rest_kept() {
        for &word in SEARCHED {
            let all = suggest_plain(word, f32::INFINITY);
            for within in [0.5, 1.1, 2.0] {
                let kept = suggest_plain(word, within);
                let Some(best) = kept.iter().map(|s| s.cost).reduce(f32::min) else {
                    assert!(all.is_empty(), "{word}");
                    continue;
                };
                // Every suggestion kept is measured as without the bound...
                for s in &kept {
                    assert!(all.contains(s), "{word} ({within}): {s:?}");
                }
                // ...and every one left out could not come within the margin, even with
                // a story's bonus.
                for s in all.iter().filter(|s| !kept.contains(s)) {
                    assert!(
                        s.cost > best + within + STORY_BONUS,
                        "{word} ({within}): {s:?} left out, best {best}"
                    );
                }
                assert_eq!(kept.first(), all.first(), "{word} ({within})");
            }
        }
    }

    #[test]
    fn issue_10_the_letters_bound_the_channel_and_the_table_stops_past_its_budget() {
        let pairs = SEARCHED.iter().flat_map(|&w| {
            suggest_plain(w, f32::INFINITY)
                .into_iter()
                .take(40)
                .map(move |s| (w, s.word.to_lowercase()))
        });
        let mut n = 0;
        for (typed, meant) in pairs {
            let (t, m): (Vec<char>, Vec<char>) = (typed.chars().collect(), meant.chars().collect());
            let cost = channel_cost(&t, &m);
            assert!(
                LETTER_BOUND.channel_at_least(&t, &m) <= cost + 1e-4,
                "{typed} {meant}"
            );
            for budget in [cost * 0.5, cost - 0.01, cost, cost + 0.01, f32::INFINITY] {
                let within = channel_cost_within(&t, &m, budget);
                // Stopped only when it costs more; otherwise the same cost.
                assert!(
                    within.is_some() || cost > budget,
                    "{typed} {meant} {budget}"
                );
                assert!(within.is_none_or(|c| c == cost), "{typed} {meant}");
            }
            n += 1;
        }
        assert!(n > 500, "{n} pairs");
        // The bound rests on every edit costing something.
        assert!(EDIT_MODEL.iter().flatten().all(|&c| c >= 0.0));
    }

    #[test]
    fn issue_10_the_one_edit_walk_finds_what_the_automaton_finds_in_the_dictionary() {
        use fst::{IntoStreamer, Streamer};
        for &word in SEARCHED {
            let dfa =
                levenshtein_automata::LevenshteinAutomatonBuilder::new(1, true).build_dfa(word);
            let mut stream = SUGGESTIBLE.search(&dfa).into_stream();
            let mut expected = Vec::new();
            while let Some((k, v)) = stream.next() {
                expected.push((k.to_vec(), v));
            }
            let mut found = Vec::new();
            near_keys::within_one_edit(SUGGESTIBLE.as_fst(), word, &mut |k, v| {
                found.push((k.to_vec(), v))
            });
            found.sort();
            assert_eq!(found, expected, "{word}");
        }
    }

    #[test]
    fn issue_10_remembered_lookups_agree_with_the_dictionary_and_stay_bounded() {
        for word in [
            "the", "The", "THE", "Bruce", "NATO", "zzqx", "café", "Café", "toons",
        ] {
            assert_eq!(lookup(word), lookup_in_fst(word), "{word}");
            assert_eq!(lookup(word), lookup_in_fst(word), "{word}, remembered");
        }
        for i in 0..LOOKED_UP_MAX + 10 {
            lookup(&format!("zq{i}"));
        }
        assert!(LOOKED_UP.with_borrow(|cache| cache.len()) <= LOOKED_UP_MAX);
        assert_eq!(lookup("the"), lookup_in_fst("the"));
    }

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
    fn issue_10_words_one_sound_away_are_found_in_one_walk() {
        use fst::Streamer;
        // Every word that may be suggested is in its key's group, with its entry, and in
        // no other group.
        let mut grouped: Vec<(String, Vec<u8>, Entry)> = Vec::new();
        let mut keys = SOUND_KEYS.stream();
        while let Some((key, group)) = keys.next() {
            let key = std::str::from_utf8(key)
                .expect("keys are ASCII")
                .to_string();
            sound_group(group, &mut |w, e| {
                grouped.push((key.clone(), w.to_vec(), e))
            });
        }
        let mut suggestible = Vec::new();
        let mut words = SUGGESTIBLE.stream();
        while let Some((w, v)) = words.next() {
            let w = std::str::from_utf8(w).expect("words are UTF-8");
            suggestible.push((sounds_like(w), w.as_bytes().to_vec(), Entry::from_value(v)));
        }
        suggestible.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        assert_eq!(grouped, suggestible);
        // The walk finds every word whose key is within one edit, and no other.
        for word in ["minutes", "goverment", "acomodate", "chautauqua", "x"] {
            let key = sounds_like(word);
            let mut found = FxHashSet::default();
            words_sounding_near(&key, &mut |near, w, e| {
                assert_eq!(
                    sounds_like(std::str::from_utf8(w).unwrap()).as_bytes(),
                    near
                );
                assert!(!grouped.is_empty() && e.class <= 2);
                found.insert(w.to_vec());
            });
            let expected: FxHashSet<Vec<u8>> = grouped
                .iter()
                .filter(|(k, _, _)| strsim::osa_distance(k, &key) <= 1)
                .map(|(_, w, _)| w.clone())
                .collect();
            assert_eq!(found, expected, "{word} ({key})");
            assert!(!found.is_empty() || key.len() < 2, "{word}");
        }
    }

    #[test]
    fn issue_8_the_ranking_fitted_on_real_misspellings_knows_spellings_by_sound() {
        // Misspellings of the Birkbeck corpus the ranking fitted on typo lists alone put
        // another word first: written by sound, several edits from the word meant.
        for (typed, meant) in [
            ("chuse", "choose"),
            ("paotoes", "potatoes"),
            ("accodate", "accommodate"),
            ("mathmatic", "mathematics"),
            ("chimmy", "chimney"),
            ("tempricher", "temperature"),
            ("infalable", "infallible"),
        ] {
            assert_eq!(top(typed), meant, "{typed}");
        }
    }

    #[test]
    fn issue_8_the_phonetic_channel_ranks_words_spelt_by_ear() {
        // Birkbeck misspellings the channel and the string edits put another word first
        // ("sociology", "surpluses", "securely", "shows", "opposed", "pottery",
        // "acutely", "brand"): each spells out the sounds of the word meant.
        for (typed, meant) in [
            ("sicolgy", "psychology"),
            ("serpluse", "surplus"),
            ("scuresly", "scarcely"),
            ("showt", "shout"),
            ("oposet", "opposite"),
            ("poytrey", "poetry"),
            ("acwtly", "actually"),
            ("urand", "around"),
        ] {
            assert_eq!(top(typed), meant, "{typed}");
        }
    }

    #[test]
    fn issue_8_phonetic_cost_charges_how_far_the_letters_are_from_the_sounds() {
        let cost = |typed: &str, meant: &str| phonetic_cost(typed, meant).unwrap();
        // "f" is how F is usually written, so "fone" spells "phone" well; not "bone".
        assert!(cost("fone", "phone") < cost("fone", "bone") - 2.0);
        assert!(cost("fone", "phone") < cost("phone", "phone"));
        // Every sound must be written: a plural's last sound is missing from "serpluse".
        assert!(cost("serpluse", "surplus") < cost("serpluse", "surpluses") - 2.0);
        // The cheapest of a word's pronunciations counts: "either" is said with IY or AY,
        // "ether" with IY only.
        assert!(cost("aither", "either") < cost("aither", "ether") - 3.0);
        // Nothing to say of a word without a pronunciation on file, or of letters beyond a-z.
        assert_eq!(phonetic_cost("zzqx", "qqqzzx"), None);
        assert_eq!(phonetic_cost("fon\u{e9}", "phone"), None);
    }

    #[test]
    fn issue_8_string_edits_rank_misspellings_of_whole_strings() {
        // Birkbeck misspellings the ranking of single edits put another word first
        // ("cytology", "atheism", "camping", "avoided", "believe"): the string edits
        // know "psy" written "ci", "sth" written "ths", "o" written "a" before "me".
        for (typed, meant) in [
            ("cicology", "psychology"),
            ("athsma", "asthma"),
            ("cameing", "coming"),
            ("avoyed", "avoid"),
            ("belife", "belief"),
        ] {
            assert_eq!(top(typed), meant, "{typed}");
        }
    }

    #[test]
    fn string_edits_charge_what_the_typos_teach() {
        // Letters kept cost nothing; a rule the typos taught costs less than letters
        // changed one by one; no rule at all costs UNRULED_EDIT_COST for each letter.
        assert_eq!(string_edit_cost("house", "house"), 0.0);
        let ph = string_edit_cost("fone", "phone");
        assert!(ph < UNRULED_EDIT_COST, "ph for f: {ph}");
        let ie = string_edit_cost("recieve", "receive");
        assert!(ie < 4.0, "ie for ei: {ie}");
        assert!(string_edit_cost("qqqq", "house") >= 4.0 * UNRULED_EDIT_COST - 0.01);
        // Non-ASCII letters are kept or changed like any other.
        assert_eq!(string_edit_cost("café", "café"), 0.0);
        assert!(string_edit_cost("cafe", "café").is_finite());
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
    fn issue_8_the_learned_error_model_ranks_what_hand_weights_missed() {
        // Pairs of the typos lists the model learned from, where the hand-set costs put
        // a closer-looking word first ("movement", "binning", "perfumed", "curtain").
        assert_eq!(top("govement"), "government");
        assert_eq!(top("beinning"), "beginning");
        assert_eq!(top("perfomed"), "performed");
        assert_eq!(top("cartain"), "certain");
        assert_eq!(top("follong"), "following");
    }

    #[test]
    fn the_error_model_knows_the_common_slips() {
        let c = |a: &str, b: &str| {
            channel_cost(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
            )
        };
        // A doubled letter left out is likelier than another letter left out, one vowel
        // for another than a consonant for a vowel, a swap than two substitutions.
        assert!(c("begining", "beginning") < c("beginnng", "beginning"));
        assert!(c("seperate", "separate") < c("sepkrate", "separate"));
        assert!(c("teh", "the") < c("tha", "the"));
        assert_eq!(c("same", "same"), 0.0);
        // Any character is allowed, at a price.
        assert!(c("cafe", "café") > 0.0 && c("cafe", "café").is_finite());
    }

    #[test]
    fn the_story_breaks_ties() {
        let plain = suggest("forign", &|_| false);
        assert_eq!(plain[0].word, "foreign");
        let s = suggest("cnadle", &|w| w == "candle");
        assert_eq!(s[0].word, "candle");
    }

    #[test]
    fn obscenities_are_known_but_never_suggested() {
        // Reuters copy: "15 cnts a pound" was offered "cents" or an obscenity.
        assert!(lookup("cunts").is_some());
        assert!(
            suggest("cnts", &|_| false)
                .iter()
                .all(|s| s.word != "cunts")
        );
        // "counts" and "counties" (vowels left out) are as likely without a story.
        let offered: Vec<String> = suggest("cnts", &|_| false)
            .into_iter()
            .take(3)
            .map(|s| s.word)
            .collect();
        assert!(offered.contains(&"cents".to_string()), "{offered:?}");
    }

    #[test]
    fn news_vocabulary_is_never_suggested() {
        assert!(suggest("mlm", &|_| false).iter().all(|s| s.word != "mln"));
    }

    #[test]
    fn neighbouring_keys() {
        assert!(adjacent_keys('v', 'g') && adjacent_keys('q', 'w') && adjacent_keys('m', 'n'));
        assert!(!adjacent_keys('q', 'p') && !adjacent_keys('a', 'a') && !adjacent_keys('é', 'e'));
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
