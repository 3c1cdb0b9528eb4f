//! `dictionary`: every word checked against the English dictionary.
//!
//! ## What it does
//! Looks up every lower-case word of three letters or more in the spelling dictionary
//! (SCOWL sizes 35–70, American and British, the typos word list and a news vocabulary
//! of wire abbreviations and name particles; see [`crate::lexicon::spell`]). A word
//! that is not there is reported with the dictionary words within two edits, ranked
//! by how people mistype (see [`crate::lexicon::spell::suggest`]). How sure the rule
//! is decides the level:
//!
//! * **clear**: one suggestion clearly cheaper than the next (by `margin`) and also the
//!   likeliest by its sounds: the rule's `level` (an error by default), with the
//!   suggestion as a fix to review;
//! * **uncertain**: suggestions, none clearly best, or the cheapest by its letters not
//!   the likeliest by its sounds ("tital": "title" or "total"): `uncertain-level` (a
//!   warning), naming up to three, likeliest first, no fix;
//! * **unknown**: nothing close, or a word the evidence says is real (a closed
//!   compound of two known words, a known prefix, a word the story repeats while no
//!   suggestion within the margin of the best appears in it): `unknown-level` (info).
//!
//! Capitalized words are names unless the story says otherwise; slips of countries,
//! nationalities and people on file are `near-miss`'s part. A capitalized word inside a
//! sentence is reported (at `name-level`) only when the story gives the evidence: it is
//! written once, one edit from a word the story writes capitalized inside another
//! sentence, and that word is the clear best suggestion ("the Treassury statement" in a
//! story about the Treasury). It is left alone when the lexicon of places, people and
//! organizations knows it, when it stands beside another capitalized word (the words of a
//! longer name) or a particle of a foreign name ("Banco Portugues de Investmento"). A
//! clear slip of a month, a day of the week, Christmas or Easter ("Januery", "Decmber")
//! needs no evidence: no one is named so. A
//! word capitalized only because it opens a sentence ("Becuase of the storm") is checked
//! when the lexicon does not know it and the story never writes it capitalized inside a
//! sentence, and only a clear, cheap slip of a word of six letters or more is reported,
//! as a warning at most. Words in all capitals, with digits or inner capitals ("iPhone"),
//! handles, hashtags, file and domain names are skipped, and so is any word another rule
//! already has an opinion on (a listed misspelling, a contraction).
//!
//! ## Why it matters
//! A list of known typos only catches what is on it; a dictionary catches the rest.
//!
//! ## Example
//! ```toml
//! kind = "dictionary"
//! level = "error"
//! message = "'{match}' is not in the dictionary; did you mean '{expected}'?"
//! ```
//!
//! ## Options
//! * `unknown-message`: message for a word with no suggestion; placeholder `{match}`.
//! * `rare-message`: message for a very rare word (SCOWL 80 only, such as "toons") with
//!   a common word close by, reported at `unknown-level`; placeholders `{match}`,
//!   `{expected}`.
//! * `uncertain-level` (default `warning`), `unknown-level` (default `info`; `off`
//!   reports nothing).
//! * `name-level` (default `warning`; `off` reports nothing): the level of a capitalized
//!   slip inside a sentence that the story's evidence shows, or of a month or a weekday
//!   (see above).
//! * `margin` (default 0.5): how much cheaper the best suggestion must be than the
//!   next for the rule to be sure of it. Costs are scaled log-probabilities (see
//!   [`crate::lexicon::spell`]), so the margin is a scaled log of how many times likelier
//!   the best word is than the next: 0.5 is about 14 times.
//! * `max-cost` (default 2.0): the costliest suggestion the rule may be sure of (a
//!   suggestion of four letters or fewer: at most `SHORT_MAX_COST`, and `margin` + 0.1).
//!
//! `margin` and `max-cost` were set on the typos and misspell lists (sure of 64% of their
//! slips, right about 97% of the time) and checked on real news copy.
//! * `min-length` (default 3): shorter words are not checked.
//! * `accept`: words never flagged; the newsroom's vocabulary (`accept.txt`) is added.

use super::{CompileCx, Kind, name_particle};
use crate::document::{Document, Scope};
use crate::error::SourceError;
use crate::finding::{Applicability, Finding, Fix, Level};
use crate::lexicon::MAX_FUZZY_CHARS;
use crate::lexicon::spell::{self, Suggestion};
use crate::rule::{Context, Rule, fill, match_case};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::OnceCell;
use std::ops::Range;

crate::rule_spec! {
    /// TOML of a `dictionary` rule.
    DictionarySpec {
        /// Message for a word with no suggestion.
        #[serde(default = "default_unknown_message")]
        unknown_message: String,
        /// Message for a very rare word with a common one close by.
        #[serde(default = "default_rare_message")]
        rare_message: String,
        /// Level when no suggestion is clearly best.
        #[serde(default = "default_uncertain_level")]
        uncertain_level: LevelOrOff,
        /// Level when nothing is close.
        #[serde(default = "default_unknown_level")]
        unknown_level: LevelOrOff,
        /// Level of a capitalized slip inside a sentence that the story gives away.
        #[serde(default = "default_name_level")]
        name_level: LevelOrOff,
        /// Cost difference that makes the best suggestion clear.
        #[serde(default = "default_margin")]
        margin: f32,
        /// Costliest suggestion that can be clear.
        #[serde(default = "default_max_cost")]
        max_cost: f32,
        /// Shortest word checked.
        #[serde(default = "default_min_length")]
        min_length: usize,
        /// Words never flagged.
        #[serde(default)]
        accept: Vec<String>,
    }
}

/// A level, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelOrOff {
    /// Report nothing.
    Off,
    /// Report as info.
    Info,
    /// Report as a warning.
    Warning,
    /// Report as an error.
    Error,
}

impl LevelOrOff {
    fn level(self) -> Option<Level> {
        match self {
            LevelOrOff::Off => None,
            LevelOrOff::Info => Some(Level::Info),
            LevelOrOff::Warning => Some(Level::Warning),
            LevelOrOff::Error => Some(Level::Error),
        }
    }
}

fn default_unknown_message() -> String {
    "'{match}' is not in the dictionary".to_string()
}

fn default_rare_message() -> String {
    "'{match}' is a rare word; did you mean '{expected}'?".to_string()
}

fn default_uncertain_level() -> LevelOrOff {
    LevelOrOff::Warning
}

fn default_unknown_level() -> LevelOrOff {
    LevelOrOff::Info
}

fn default_name_level() -> LevelOrOff {
    LevelOrOff::Warning
}

fn default_margin() -> f32 {
    0.5
}

fn default_max_cost() -> f32 {
    2.0
}

fn default_min_length() -> usize {
    3
}

/// Prefixes a known word may take without the dictionary listing the result
/// ("unpublicised", "reelected", "nonbank").
const PREFIXES: &[&str] = &[
    "anti", "counter", "cross", "de", "dis", "ex", "hyper", "inter", "intra", "macro", "mega",
    "micro", "mid", "mini", "mis", "multi", "neo", "non", "over", "post", "pre", "pro", "pseudo",
    "re", "semi", "sub", "super", "trans", "ultra", "un", "under",
];

/// How much cheaper than the next suggestion a clear slip must be to beat a derived
/// form that may be real: about two hundred times likelier ("acthally" is "actually",
/// not "act" + "hally"; "pre-empted" is not a slip for "pre-emptied").
const DERIVED_MARGIN: f32 = 1.0;

/// The costliest suggestion of four letters or fewer the rule may be sure of: short
/// words have many neighbours.
const SHORT_MAX_COST: f32 = 1.0;

/// What a suggestion of four letters or fewer must be ahead of the next by, besides the
/// `margin`.
const SHORT_MARGIN: f32 = 0.1;

/// Different unknown words of one file that get suggestions. Ranking one costs about a
/// millisecond, so a file of gibberish is still checked in bounded time (about 20 s at
/// most); a word list of real misspellings, one a line, gets a suggestion for each.
const MAX_RANKED: usize = 20_000;

/// A compiled `dictionary` rule.
pub struct Dictionary {
    /// Suggestions for each unknown word met so far, before any story's bonus.
    plain: Ranking,
    unknown_message: String,
    rare_message: String,
    uncertain_level: Option<Level>,
    unknown_level: Option<Level>,
    name_level: Option<Level>,
    margin: f32,
    max_cost: f32,
    min_length: usize,
    accept: FxHashSet<String>,
    /// For the words of the names on file.
    facts: std::sync::Arc<crate::facts::Facts>,
}

impl Kind for Dictionary {
    const NAME: &'static str = "dictionary";
    const DEFAULT_SCOPE: Scope = Scope::All;
    type Spec = DictionarySpec;

    fn compile(spec: DictionarySpec, cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        let mut accept: FxHashSet<String> = spec.accept.iter().map(|w| w.to_lowercase()).collect();
        accept.extend(cx.vocabulary.accepted().map(str::to_lowercase));
        // Every word of every name on file is a known word: the names of countries here,
        // people's names and the other names of countries in the sets the knowledge base
        // builds once for every rule.
        accept.extend(
            cx.facts
                .place_names()
                .flat_map(|n| n.split([' ', '-']))
                .map(str::to_lowercase),
        );
        // Built now rather than at the first unknown word of the first story.
        cx.facts.person_name_words();
        cx.facts.other_place_name_words();
        Ok(Dictionary {
            facts: cx.facts.clone(),
            plain: Ranking {
                memo: crate::lexicon::Memo::default(),
                within: (spec.margin + SHORT_MARGIN).max(DERIVED_MARGIN),
            },
            unknown_message: spec.unknown_message,
            rare_message: spec.rare_message,
            uncertain_level: spec.uncertain_level.level(),
            unknown_level: spec.unknown_level.level(),
            name_level: spec.name_level.level(),
            margin: spec.margin,
            max_cost: spec.max_cost,
            min_length: spec.min_length,
            accept,
        })
    }
}

/// The suggestions the rule has ranked for each unknown word, before any story's
/// bonus: those within `within` of the cheapest, the widest margin the rule weighs
/// them by (a dearer one can change no verdict, see [`spell::suggest_plain`]).
struct Ranking {
    memo: crate::lexicon::Memo<String, Vec<Suggestion>>,
    within: f32,
}

/// How sure the rule is of a word.
enum Verdict<'s> {
    Clear(&'s Suggestion),
    Uncertain(Vec<&'s Suggestion>),
    /// Not sure at all; the likeliest word, if any is near.
    Unknown(Option<&'s Suggestion>),
}

/// The story's words, lower-cased, with their counts; built on first use.
struct StoryWords<'d> {
    counts: FxHashMap<std::borrow::Cow<'d, str>, usize>,
    /// Suggestions already ranked for an unknown word of this story.
    ranked: std::cell::RefCell<FxHashMap<String, std::rc::Rc<Vec<Suggestion>>>>,
    /// Spans other rules matched (a listed misspelling, a contraction).
    claimed: FxHashSet<(usize, usize)>,
}

impl<'d> StoryWords<'d> {
    fn new(cx: &Context<'d>) -> Self {
        let mut counts: FxHashMap<std::borrow::Cow<'d, str>, usize> = FxHashMap::default();
        for w in &cx.doc.words {
            let word = crate::document::bare_word(cx.doc.slice(w));
            // Borrowed unless it has capitals: most words are lower case already.
            let key = if word.chars().any(char::is_uppercase) {
                std::borrow::Cow::Owned(word.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(word)
            };
            *counts.entry(key).or_default() += 1;
        }
        let claimed = cx
            .scan
            .hits
            .iter()
            .flatten()
            .map(|h| (h.span.start, h.span.end))
            .collect();
        StoryWords {
            counts,
            ranked: Default::default(),
            claimed,
        }
    }

    fn count(&self, lower: &str) -> usize {
        self.counts.get(lower).copied().unwrap_or(0)
    }

    /// The ranked suggestions for `lower`, computed once per story. Past
    /// `MAX_RANKED` different unknown words (a file of gibberish, a word list) the
    /// rest get none, so the check stays linear in the size of the text.
    fn suggestions(&self, lower: &str, plain: &Ranking) -> std::rc::Rc<Vec<Suggestion>> {
        if let Some(s) = self.ranked.borrow().get(lower) {
            return s.clone();
        }
        let mut ranked = self.ranked.borrow_mut();
        let list = if ranked.len() < MAX_RANKED {
            spell::with_story(
                &plain.memo.get(lower.to_string(), || {
                    spell::suggest_plain(lower, plain.within)
                }),
                &|w| self.count(w) > 0,
            )
        } else {
            Vec::new()
        };
        let list = std::rc::Rc::new(list);
        ranked.insert(lower.to_string(), list.clone());
        list
    }
}

/// What the rule learns of a story, each part built when first needed.
#[derive(Default)]
struct Story<'d> {
    words: OnceCell<StoryWords<'d>>,
    names: OnceCell<Names<'d>>,
}

impl<'d> Story<'d> {
    fn words(&self, cx: &Context<'d>) -> &StoryWords<'d> {
        self.words.get_or_init(|| StoryWords::new(cx))
    }

    fn names(&self, doc: &'d Document) -> &Names<'d> {
        self.names.get_or_init(|| Names::new(doc))
    }
}

/// The capitalized words of a story, as written; built on first use.
struct Names<'d> {
    /// How often each is written, inside a sentence or opening one.
    written: FxHashMap<&'d str, usize>,
    /// Those the story writes inside a sentence: names, even where one opens a sentence.
    inside: FxHashSet<&'d str>,
    /// Hashes of the words of `inside` and of each with one letter left out, built on
    /// first use: what tells in a few lookups whether a word is one edit from one of
    /// them ([`Names::near_capitalized_word`]).
    one_edit: OnceCell<FxHashMap<u64, u64>>,
}

impl<'d> Names<'d> {
    fn new(doc: &'d Document) -> Self {
        let mut written: FxHashMap<&'d str, usize> = FxHashMap::default();
        let mut inside = FxHashSet::default();
        for (w, opens_sentence) in doc.words_starting_sentences() {
            let word = crate::document::bare_word(doc.slice(w));
            if word.starts_with(char::is_uppercase) {
                *written.entry(word).or_default() += 1;
                if !opens_sentence {
                    inside.insert(word);
                }
            }
        }
        Names {
            written,
            inside,
            one_edit: OnceCell::new(),
        }
    }

    /// True when `lower` is one edit (a letter added, dropped, changed, or two swapped)
    /// from another word the story writes capitalized inside a sentence, of at least
    /// [`NAME_MIN_LENGTH`] - 1 letters and not `on_file` (lower case). Two strings one
    /// edit apart share the string with one letter left out (or one is the other with a
    /// letter left out), so some hash of each side's [`one_edit_hashes`] meet; the index
    /// keeps which word each hash came from, so a word does not meet itself. A story
    /// with at most [`SCANNED_NAMES`] such words is scanned word by word instead: the
    /// index pays for itself only past that.
    fn near_capitalized_word(&self, lower: &str, on_file: impl Fn(&str) -> bool) -> bool {
        /// A hash that came from more than one word.
        const SEVERAL: u64 = u64::MAX;
        if self.inside.len() <= SCANNED_NAMES {
            let typed: Vec<char> = lower.chars().collect();
            let mut other = Vec::new();
            return self.inside.iter().any(|word| {
                other.clear();
                other.extend(word.chars().flat_map(char::to_lowercase));
                other.len() + 1 >= NAME_MIN_LENGTH
                    && other.len().abs_diff(typed.len()) <= 1
                    && other != typed
                    && crate::lexicon::osa_distance(&typed, &other, 1) == 1
                    && !on_file(&word.to_lowercase())
            });
        }
        let index = self.one_edit.get_or_init(|| {
            let mut index: FxHashMap<u64, u64> = FxHashMap::default();
            for word in &self.inside {
                let word = word.to_lowercase();
                if word.chars().count() + 1 < NAME_MIN_LENGTH || on_file(&word) {
                    continue;
                }
                let mut whole = None;
                one_edit_hashes(&word, |h| {
                    let from = *whole.get_or_insert(h);
                    index
                        .entry(h)
                        .and_modify(|w| {
                            if *w != from {
                                *w = SEVERAL;
                            }
                        })
                        .or_insert(from);
                });
            }
            index
        });
        let mut whole = None;
        let mut near = false;
        one_edit_hashes(lower, |h| {
            let this = *whole.get_or_insert(h);
            near |= index.get(&h).is_some_and(|&from| from != this);
        });
        near
    }
}

/// True when the text around `span` makes the word part of something that is not
/// prose: a handle or hashtag, a file or domain name, a path, an identifier.
fn in_non_prose(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    let next = after.next();
    let next2 = after.next();
    let before2 = text[..span.start].chars().rev().nth(1);
    // "B&#233;ziers": a word after an HTML entity is the rest of a word.
    let after_entity = before == Some(';') && {
        let head = &text[..span.start - 1];
        let tail = &head[head.floor_char_boundary(head.len().saturating_sub(10))..];
        tail.rfind('&').is_some_and(|amp| {
            tail[amp + 1..]
                .chars()
                .all(|c| c == '#' || c.is_ascii_alphanumeric())
        })
    };
    after_entity
        || matches!(before, Some('@' | '#' | '/' | '\\' | '_' | '$' | '&' | '='))
        || matches!(next, Some('_' | '/' | '\\' | '@' | '='))
        || (before == Some('.') && before2.is_some_and(char::is_alphanumeric))
        || (next == Some('.') && next2.is_some_and(char::is_alphanumeric))
}

/// True when the word stands between two capitalized words, as the particles of
/// names do ("Ursula von der Leyen", "Bau und Boden", "Lula da Silva").
fn between_names(doc: &Document, span: &Range<usize>) -> bool {
    let capital_word = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    let head = &doc.text[..span.start];
    // "Vereins- und Westbank": a hyphen left open before the particle counts.
    let before = (head.len() > head.trim_end().len())
        .then(|| {
            head.trim_end()
                .trim_end_matches('-')
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
        })
        .flatten();
    let tail = &doc.text[span.end..];
    let mut after = (tail.len() > tail.trim_start().len())
        .then(|| tail.trim_start().split(|c: char| !c.is_alphabetic()).next())
        .flatten();
    // "von der Leyen": look past one more lower-case particle.
    if let Some(next) = after
        && !capital_word(next)
        && next.len() <= 3
    {
        let rest = &tail.trim_start()[next.len()..];
        after = (rest.len() > rest.trim_start().len())
            .then(|| rest.trim_start().split(|c: char| !c.is_alphabetic()).next())
            .flatten();
    }
    before.is_some_and(capital_word) && after.is_some_and(capital_word)
}

/// True when the hyphenated compound around `span`, written solid, is a known word
/// ("pre-empt": "preempt").
fn joined_is_word(doc: &Document, span: &Range<usize>) -> bool {
    let is_part = |c: char| c.is_alphabetic() || c == '-';
    let start = doc.text[..span.start]
        .rfind(|c: char| !is_part(c))
        .map_or(0, |i| {
            i + doc.text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let end = doc.text[span.end..]
        .find(|c: char| !is_part(c))
        .map_or(doc.text.len(), |i| span.end + i);
    let solid: String = doc.text[start..end].chars().filter(|&c| c != '-').collect();
    spell::lookup(&solid).is_some()
}

/// True when the word at `span` is all a direct quotation holds.
fn quoted_alone(doc: &Document, span: &Range<usize>) -> bool {
    let i = doc.quotes.partition_point(|q| q.start < span.start);
    i.checked_sub(1).is_some_and(|i| {
        let q = &doc.quotes[i];
        span.end < q.end
            && doc.text[q.clone()].trim_matches(|c: char| !c.is_alphanumeric()) == doc.slice(span)
    })
}

/// `suggestions` (likeliest first, by rank) cheapest first by cost: the order in which
/// the rule judges how sure it may be. The phonetic channel orders the suggestions
/// (`spell::Suggestion::rank`) but never makes the rule surer.
fn by_cost(suggestions: &[Suggestion]) -> Vec<&Suggestion> {
    let mut list: Vec<&Suggestion> = suggestions.iter().collect();
    list.sort_by(|a, b| a.cost.total_cmp(&b.cost).then_with(|| a.word.cmp(&b.word)));
    list
}

/// The cheapest suggestion after the first (of a list cheapest first, see [`by_cost`])
/// that is not an inflection of it: the one the first must be clearly ahead of
/// ("reccomend" is "recommend", whatever "recommended" costs: the slip is the same).
fn runner_up<'s>(by_cost: &[&'s Suggestion]) -> Option<&'s Suggestion> {
    let best = by_cost.first()?;
    by_cost
        .iter()
        .skip(1)
        .find(|s| {
            !(s.word.starts_with(best.word.as_str())
                && matches!(&s.word[best.word.len()..], "s" | "es" | "ed" | "d" | "ing"))
        })
        .copied()
}

/// True when `lower` is a known word with a prefix, or two known words run together
/// ("writedown", "yearend"): real words the dictionary does not list.
fn derived(lower: &str) -> bool {
    let known = |w: &str| w.chars().count() >= 3 && spell::lookup(w).is_some_and(|e| e.class <= 2);
    let prefixed = PREFIXES.iter().any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|rest| known(rest.trim_start_matches('-')))
    });
    // Agent nouns and adverbs of known words: "sentencers", "jailers", "heartedly".
    let suffixed = lower
        .strip_suffix("rs")
        .or_else(|| lower.strip_suffix('d'))
        .is_some_and(|stem| stem.ends_with('e') && known(stem))
        || ["ers", "ly", "ness"]
            .iter()
            .any(|suffix| lower.strip_suffix(suffix).is_some_and(known))
        // "clunkiness", "scarily": a final y turned into i.
        || ["iness", "ily", "ier", "iest"].iter().any(|suffix| {
            lower
                .strip_suffix(suffix)
                .is_some_and(|stem| known(&format!("{stem}y")))
        });
    // The other variety's suffix: "collateralised" for "collateralized".
    let variant = ["ise", "isi", "ize", "izi"].iter().any(|from| {
        lower.find(from).is_some_and(|i| {
            let to = if from.contains('s') {
                from.replace('s', "z")
            } else {
                from.replace('z', "s")
            };
            known(&format!("{}{to}{}", &lower[..i], &lower[i + 3..]))
        })
    });
    prefixed
        || suffixed
        || variant
        || lower
            .char_indices()
            .skip(3)
            .any(|(i, _)| known(&lower[..i]) && known(&lower[i..]))
}

impl Dictionary {
    /// True when `lower` (lower case) is a word never flagged: accepted by the rule or the
    /// newsroom's vocabulary, or a word of a name on file (a person's, a country's
    /// other names).
    fn accepted(&self, lower: &str) -> bool {
        self.accept.contains(lower)
            || self.facts.person_name_words().contains(lower)
            || self.facts.other_place_name_words().contains(lower)
    }

    /// How sure the rule is of `suggestions` (likeliest first), judged by their costs
    /// ([`by_cost`]); what it offers comes likeliest first. Where the likeliest is not
    /// the cheapest (the phonetic channel ranks a word spelt by ear first), the rule is
    /// not sure of either.
    fn verdict<'s>(&self, suggestions: &'s [Suggestion]) -> Verdict<'s> {
        let by_cost = by_cost(suggestions);
        let (Some(&best), Some(likeliest)) = (by_cost.first(), suggestions.first()) else {
            return Verdict::Unknown(None);
        };
        // Short words have many neighbours: the best must be cheap and well ahead.
        let short = best.word.chars().count() <= 4;
        let (max_cost, margin) = if short {
            (
                self.max_cost.min(SHORT_MAX_COST),
                self.margin + SHORT_MARGIN,
            )
        } else {
            (self.max_cost, self.margin)
        };
        // A word found by its sound alone, further than the edits allowed, is never sure.
        let clear = best.within_edits
            && best.cost <= max_cost
            && runner_up(&by_cost).is_none_or(|next| next.cost - best.cost >= margin);
        if clear && std::ptr::eq(best, likeliest) {
            return Verdict::Clear(best);
        }
        // Several candidates for a short word, or only distant ones, say too little:
        // most such words are abbreviations and terms the dictionary lacks.
        if best.distance > 1 || best.word.chars().count() < 5 {
            return Verdict::Unknown(Some(likeliest));
        }
        let mut list: Vec<&Suggestion> = by_cost
            .iter()
            .take_while(|s| s.cost - best.cost < self.margin)
            .take(3)
            .copied()
            .collect();
        if !list.iter().any(|s| std::ptr::eq(*s, likeliest)) {
            list.truncate(2);
            list.push(likeliest);
        }
        list.sort_by(|a, b| a.rank.total_cmp(&b.rank).then_with(|| a.word.cmp(&b.word)));
        Verdict::Uncertain(list)
    }

    fn finding(
        &self,
        cx: &Context<'_>,
        span: Range<usize>,
        word: &str,
        verdict: Verdict<'_>,
    ) -> Option<Finding> {
        match verdict {
            Verdict::Clear(s) => {
                let expected = match_case(word, &s.word);
                let mut f = cx
                    .meta
                    .finding(span.clone(), &[("match", word), ("expected", &expected)]);
                f.fix = Some(Fix::replace(span, expected, Applicability::MaybeIncorrect));
                Some(f)
            }
            Verdict::Uncertain(list) => {
                let expected: Vec<String> =
                    list.iter().map(|s| match_case(word, &s.word)).collect();
                let mut f = cx.meta.finding(
                    span,
                    &[("match", word), ("expected", &expected.join("' or '"))],
                );
                f.level = self.uncertain_level?;
                Some(f)
            }
            Verdict::Unknown(hint) => {
                // Not sure enough to say more than a hint, but the likeliest word helps.
                let mut f = match hint {
                    Some(s) => cx.meta.finding(
                        span,
                        &[("match", word), ("expected", &match_case(word, &s.word))],
                    ),
                    None => {
                        let mut f = cx.meta.finding(span, &[]);
                        f.message = fill(&self.unknown_message, &[("match", word)]);
                        f
                    }
                };
                f.level = self.unknown_level?;
                Some(f)
            }
        }
    }

    /// Checks the word at `span` (possessive stripped).
    fn check_word<'d>(
        &self,
        cx: &Context<'d>,
        story: &Story<'d>,
        known: &mut FxHashSet<&'d str>,
        span: Range<usize>,
    ) -> Option<Finding> {
        let doc: &'d Document = cx.doc;
        let word = &doc.text[span.clone()];
        if known.contains(word) {
            return None;
        }
        let len = word.chars().count();
        if len < self.min_length
            || len > MAX_FUZZY_CHARS
            || !word
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '\u{2019}')
        {
            return None;
        }
        // Capitalized words are names until the evidence says otherwise: see
        // `check_name`. A word capitalized only because it opens a sentence ("Peolple
        // said") is checked as a word, unless it is a name the lexicon knows or the
        // story writes capitalized elsewhere.
        let capitalized = word.chars().next().is_some_and(char::is_uppercase)
            && !word.chars().skip(1).any(char::is_uppercase);
        let opens_sentence = capitalized && doc.starts_sentence(span.start);
        if capitalized && !opens_sentence {
            return self.check_name(cx, story, known, span);
        }
        if (word.chars().any(char::is_uppercase) && !opens_sentence)
            || in_non_prose(&doc.text, &span)
            || (opens_sentence && crate::lexicon::proper_noun(word).is_some())
        {
            return None;
        }
        let key = word.replace('\u{2019}', "'");
        // A very rare word (SCOWL 80 only) is real, or a slip that happens to be one:
        // worth a hint when a common word is close, never more.
        let rare = match spell::lookup(&key) {
            Some(e) if e.class == spell::RARE => true,
            Some(_) => {
                known.insert(word);
                return None;
            }
            None => false,
        };
        let lower = key.to_lowercase();
        let before_hyphen = doc.text[span.end..].starts_with('-');
        // "pre-tax", "nano-technology", "cyber-rights": prefixes of compounds. Particles
        // of names, and words quoted on their own ("coined the phrase \"liberati\""): words
        // being talked about, not slips.
        if self.accepted(&lower)
            || (before_hyphen && len <= 5)
            || between_names(doc, &span)
            || quoted_alone(doc, &span)
        {
            return None;
        }
        if opens_sentence && story.names(doc).inside.contains(word) {
            return None;
        }
        let story = story.words(cx);
        if story.claimed.contains(&(span.start, span.end)) {
            return None;
        }
        // Real words the dictionary lacks, by their form: a derived word ("writedown",
        // "unpublicised"), a plural of a word listed only in the singular ("wheats",
        // "redemptions"; not "familys"). No need to rank suggestions for them.
        let plural = lower.strip_suffix('s').is_some_and(|stem| {
            spell::lookup(stem).is_some() && !stem.ends_with(['y', 'f', 's', 'x', 'z', 'h'])
        });
        if !rare && plural {
            return (!opens_sentence)
                .then(|| self.finding(cx, span, word, Verdict::Unknown(None)))
                .flatten();
        }
        let suggestions = story.suggestions(&lower, &self.plain);
        // A derived form ("writedown", "unpublicised") is real unless a clear slip
        // makes a word: "acthally" is "actually", not "act" + "hally".
        if !rare && derived(&lower) {
            // Otherwise a hint, when the likeliest word is within the edits allowed or
            // ranked as cheap as a word the rule could be sure of ("axedent":
            // "accident"; not "writedown": "written"), unless it is a part of the word
            // ("publicised" in "unpublicised") or the other way round; a part one letter
            // longer or shorter is a slip all the same ("airplan", "callin").
            let verdict = match self.verdict(&suggestions) {
                Verdict::Clear(s)
                    if runner_up(&by_cost(&suggestions))
                        .is_none_or(|next| next.cost - s.cost >= DERIVED_MARGIN) =>
                {
                    Verdict::Clear(s)
                }
                _ => Verdict::Unknown(suggestions.first().filter(|s| {
                    let w = s.word.to_lowercase();
                    let part = lower.contains(&w) || w.contains(&lower);
                    (s.within_edits || s.rank <= self.max_cost)
                        && (!part || w.len().abs_diff(lower.len()) == 1)
                })),
            };
            return (!opens_sentence)
                .then(|| self.finding(cx, span, word, verdict))
                .flatten();
        }
        if rare {
            if opens_sentence {
                return None;
            }
            let best = suggestions.first().filter(|s| s.cost <= self.max_cost)?;
            let mut f = cx.meta.finding(span, &[]);
            f.message = fill(
                &self.rare_message,
                &[("match", word), ("expected", &match_case(word, &best.word))],
            );
            f.level = self.unknown_level?;
            return Some(f);
        }
        let mut verdict = self.verdict(&suggestions);
        // Evidence that the word is real though unlisted: a term the story repeats while
        // no suggestion appears in it (of those ranked: within the margin of the best), a
        // plural of a word listed only in the singular
        // ("wheats", "redemptions"), a derived word ("writedown", "unpublicised").
        let repeated = story.count(&lower) >= 3
            && !suggestions
                .iter()
                .any(|s| story.count(&s.word.to_lowercase()) > 0);
        let plural = lower.strip_suffix('s').is_some_and(|stem| {
            suggestions
                .first()
                .is_some_and(|s| s.word.eq_ignore_ascii_case(stem))
        });
        let hyphenated = before_hyphen || doc.text[..span.start].ends_with('-');
        // "pre-empt", "co-operate": the compound written solid is a word.
        if hyphenated && joined_is_word(doc, &span) {
            return None;
        }
        if repeated || plural || (hyphenated && !matches!(verdict, Verdict::Clear(_))) {
            verdict = Verdict::Unknown(None);
        }
        if opens_sentence {
            // Only a clear, cheap slip of a longer lower-case word, and never more than a
            // warning: a name the lexicon lacks ("Trico", "Munim") can open a sentence too.
            return match verdict {
                Verdict::Clear(s)
                    if !s.word.starts_with(char::is_uppercase)
                        && len >= 6
                        && s.cost <= spell::GOOD_ENOUGH =>
                {
                    self.finding(cx, span, word, verdict).map(|f| Finding {
                        level: f.level.min(Level::Warning),
                        ..f
                    })
                }
                _ => None,
            };
        }
        self.finding(cx, span, word, verdict)
    }
}

impl Dictionary {
    /// Checks a capitalized word inside a sentence. It is a name unless the story says
    /// otherwise: the word is written once, one edit from a word the story writes
    /// capitalized inside another sentence, and that word is the clear best suggestion
    /// ("the Treassury statement" in a story about the Treasury, "Califoirnia",
    /// "Volkwagen"). Names the lexicon or the knowledge base knows, words beside another
    /// capitalized word (the words of a longer name: "Westward Technology") or a
    /// particle of a foreign name ("Banco Portugues de Investimento"), and slips of the
    /// names on file (countries, nationalities, capitals, people: `near-miss` weighs the
    /// story's evidence for them) are left alone. Reported at `name-level`.
    fn check_name<'d>(
        &self,
        cx: &Context<'d>,
        story: &Story<'d>,
        known_words: &mut FxHashSet<&'d str>,
        span: Range<usize>,
    ) -> Option<Finding> {
        let level = self.name_level?;
        let doc: &'d Document = cx.doc;
        let word = &doc.text[span.clone()];
        if word.chars().count() < NAME_MIN_LENGTH {
            return None;
        }
        let lower = word.to_lowercase();
        let known = |w: &str| self.accepted(w);
        let listed = spell::lookup(&lower).is_some()
            || crate::lexicon::proper_noun(word).is_some()
            || known(&lower);
        if !listed && let Some(f) = self.calendar_slip(cx, story, span.clone(), &lower) {
            return Some(f);
        }
        // A name is written more than once, a slip seldom is. What holds for every
        // occurrence of the word is remembered, so a story's names are looked up once.
        let settled = listed || {
            let names = story.names(doc);
            names.written.get(word).is_some_and(|&n| n > 1)
                || !names.near_capitalized_word(&lower, known)
        };
        if settled {
            known_words.insert(word);
            return None;
        }
        let names = story.names(doc);
        if in_a_name(cx, story, &span) {
            return None;
        }
        let story = story.words(cx);
        // The word meant must be the story's own: written capitalized inside a sentence
        // (a capitalized slip of a word the story writes only in lower case is more
        // likely a name made of it: a start-up called "Genemation" in a story about
        // generations), and no name on file (`near-miss`'s part).
        let meant_here = |s: &Suggestion| {
            !known(&s.word.to_lowercase())
                && names.inside.contains(match_case(word, &s.word).as_str())
        };
        // The words one edit away first: ranking every correction of a name costs
        // milliseconds, and names are most of the words that get this far.
        if !spell::suggest_one_edit(&lower)
            .first()
            .is_some_and(|s| s.cost <= self.max_cost && meant_here(s))
        {
            return None;
        }
        let suggestions = story.suggestions(&lower, &self.plain);
        let Verdict::Clear(best) = self.verdict(&suggestions) else {
            return None;
        };
        if !meant_here(best) {
            return None;
        }
        let mut f = self.finding(cx, span, word, Verdict::Clear(best))?;
        f.level = level;
        Some(f)
    }

    /// A capitalized word no list knows (`lower`, at `span`) that is a clear slip of a
    /// month, a day of the week or a feast ("Januery", "Decmber", "Chrismas"): dates are
    /// in every story, these words are no one's name, and the slip needs no evidence
    /// from the story. Reported at `name-level`.
    fn calendar_slip<'d>(
        &self,
        cx: &Context<'d>,
        story: &Story<'d>,
        span: Range<usize>,
        lower: &str,
    ) -> Option<Finding> {
        let level = self.name_level?;
        // Most capitalized words that get here are names: a word and its first letter
        // rule out nearly all of them before any edit distance is measured.
        let near = CALENDAR.iter().any(|w| {
            let w = w.as_bytes();
            lower.as_bytes().first() == w.first().map(u8::to_ascii_lowercase).as_ref()
                && w.len().abs_diff(lower.len()) <= 2
                && crate::lexicon::osa_distance(&lower.as_bytes()[1..], &w[1..], 2)
                    <= spell::max_edits(w.len()).into()
        });
        if !near || in_a_name(cx, story, &span) {
            return None;
        }
        let doc = cx.doc;
        let suggestions = story.words(cx).suggestions(lower, &self.plain);
        let Verdict::Clear(best) = self.verdict(&suggestions) else {
            return None;
        };
        // "august" is also an adjective: the dictionary writes it in lower case.
        if !CALENDAR.iter().any(|w| w.eq_ignore_ascii_case(&best.word)) {
            return None;
        }
        let word = &doc.text[span.clone()];
        let mut f = self.finding(cx, span, word, Verdict::Clear(best))?;
        f.level = level;
        Some(f)
    }
}

/// True when the capitalized word at `span` is another rule's (a listed misspelling),
/// outside prose, quoted on its own, or part of a longer name: beside another
/// capitalized word or a particle of a foreign name ("Du Marchie Sarvaas").
fn in_a_name<'d>(cx: &Context<'d>, story: &Story<'d>, span: &Range<usize>) -> bool {
    let doc = cx.doc;
    story.words(cx).claimed.contains(&(span.start, span.end))
        || in_non_prose(&doc.text, span)
        || quoted_alone(doc, span)
        || beside_capitalized(doc, span)
        || doc
            .words
            .binary_search_by_key(&span.start, |w| w.start)
            .is_ok_and(|i| {
                name_particle(doc, i + 1) || i.checked_sub(1).is_some_and(|i| name_particle(doc, i))
            })
}

/// The months (but May, too short to tell from its neighbours), the days of the week,
/// and the feasts news copy dates things by: [`Dictionary::calendar_slip`].
const CALENDAR: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Christmas",
    "Easter",
];

/// The most words capitalized inside sentences a story may have for
/// [`Names::near_capitalized_word`] to compare a word with each of them rather than
/// build their index.
const SCANNED_NAMES: usize = 256;

/// Calls `f` with the hash of `word` (first) and of every string made by leaving one
/// of its letters out.
fn one_edit_hashes(word: &str, mut f: impl FnMut(u64)) {
    use std::hash::Hasher;
    let chars: Vec<char> = word.chars().collect();
    for skip in (0..=chars.len()).rev() {
        let mut h = rustc_hash::FxHasher::default();
        for (i, &c) in chars.iter().enumerate() {
            if i != skip {
                h.write_u32(c as u32);
            }
        }
        h.write_usize(chars.len() - usize::from(skip < chars.len()));
        f(h.finish());
    }
}

/// The shortest capitalized word inside a sentence the rule checks: shorter names have
/// too many neighbours.
const NAME_MIN_LENGTH: usize = 5;

/// True when a capitalized word stands right before or after `span` (a space between),
/// as the words of a longer name do; a lower-case word capitalized because it opens the
/// sentence ("The Treassury statement") does not count.
fn beside_capitalized(doc: &Document, span: &Range<usize>) -> bool {
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let before = doc.text[..span.start].strip_suffix(' ').and_then(|head| {
        let word = head.rsplit(|c: char| !c.is_alphanumeric()).next()?;
        let opens_sentence = doc.starts_sentence(head.len() - word.len())
            && spell::lookup(word).is_some_and(|e| e.case == spell::Case::Lower);
        Some(word).filter(|w| capital(w) && !opens_sentence)
    });
    let after = doc.text[span.end..]
        .strip_prefix(' ')
        .and_then(|t| t.split(|c: char| !c.is_alphanumeric()).next())
        .filter(|w| capital(w));
    before.is_some() || after.is_some()
}

impl Rule for Dictionary {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let story = Story::default();
        // Words settled for the whole story (in the dictionary, or a name it repeats):
        // "the" is looked up once.
        let mut known = FxHashSet::default();
        for span in &cx.doc.words {
            let word = crate::document::bare_word(cx.doc.slice(span));
            let span = span.start..span.start + word.len();
            if let Some(f) = self.check_word(cx, &story, &mut known, span) {
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Level;
    use crate::rule::kinds::test_support::{assert_findings, findings, rule};

    const RULE: &str = r#"
kind = "dictionary"
level = "error"
message = "'{match}' is not in the dictionary; did you mean '{expected}'?"
"#;

    #[test]
    fn flags_a_lower_case_misspelling_with_its_fix() {
        let r = rule(RULE);
        let f = assert_findings("The goverment said so.", &r, 1);
        assert_eq!(f[0].level, Level::Error);
        assert!(f[0].message.contains("'government'"), "{}", f[0].message);
        assert_eq!(
            f[0].fix.as_ref().unwrap().edits[0].replacement,
            "government"
        );
    }

    #[test]
    fn issue_8_a_slip_the_error_model_is_sure_of_is_an_error() {
        let r = rule(RULE);
        // Reuters copy: "conditions or condition" was only a warning; a dropped letter
        // is far likelier than a dropped letter and a changed one.
        let f = assert_findings("The conditios of the loan were eased.", &r, 1);
        assert_eq!(f[0].level, Level::Error);
        assert!(f[0].message.contains("'conditions'"), "{}", f[0].message);
    }

    #[test]
    fn short_words_and_wire_abbreviations() {
        let r = rule(RULE);
        let f = assert_findings("He went wth them.", &r, 1);
        assert!(f[0].message.contains("'with'"), "{}", f[0].message);
        assert_findings("Net profit rose to 12 mln dlrs, or 40 cts a shr.", &r, 0);
    }

    #[test]
    fn names_are_not_typos() {
        let r = rule(RULE);
        // Capitalized unknown words are names unless the story shows the word meant.
        assert_findings("Annette Bening and Zelenskiy met in Castres.", &r, 0);
        assert_findings("Officials of Gazprom said.", &r, 0);
        // Name particles, handles, domains, all-caps and inner capitals.
        assert_findings(
            "Ursula von der Leyen wrote to @reuterz on bbcnews.co.uk about the iPhone and NATOO.",
            &r,
            0,
        );
    }

    #[test]
    fn capitalized_words_are_left_to_near_miss() {
        let r = rule(RULE);
        // Names the lexicon lacks stay quiet even when a common word is close.
        assert_findings(
            "Arsene Wenger said Arsenal would win. Huw Edwards asked how.",
            &r,
            0,
        );
    }

    #[test]
    fn issue_8_a_capitalized_slip_of_a_word_the_story_writes_is_a_warning() {
        let r = rule(RULE);
        // Reuters copy: "the Treassury statement", in a story about the Treasury.
        let f = assert_findings(
            "Officials at the Treasury said the deficit grew. The Treassury statement said so.",
            &r,
            1,
        );
        assert_eq!(f[0].level, Level::Warning);
        assert!(f[0].message.contains("'Treasury'"), "{}", f[0].message);
        assert_eq!(f[0].fix.as_ref().unwrap().edits[0].replacement, "Treasury");
        // Reuters copy: "hazardous waste treatment cites in Califoirnia".
        let f = assert_findings(
            "It has plants in California. Sites in Califoirnia continued to operate.",
            &r,
            1,
        );
        assert!(f[0].message.contains("'California'"), "{}", f[0].message);
        // Without the word meant elsewhere in the story, a capitalized word is a name, and
        // so is one made of a word the story writes only in lower case (BBC copy: a
        // start-up called "Genemation" in a story about generations).
        assert_findings("Sites in Califoirnia continued to operate.", &r, 0);
        assert_findings(
            "A new generation of tools. Manchester start-up Genemation makes one.",
            &r,
            0,
        );
        // A two-edit slip is not judged ("Tsumani": "tsunami").
        assert_findings(
            "The tsunami struck. The Tsumani appeal raised funds.",
            &r,
            0,
        );
    }

    #[test]
    fn issue_8_a_long_story_finds_the_slip_through_its_index_of_names() {
        let r = rule(RULE);
        // Past `SCANNED_NAMES` capitalized words the index answers; it must agree with
        // the scan of a short story.
        let story = |names: usize| {
            let mut text = String::from("Officials at the Treasury said so.");
            for i in 0..names {
                let a = (b'a' + (i / 26 % 26) as u8) as char;
                let b = (b'a' + (i % 26) as u8) as char;
                text.push_str(&format!(" He met Qz{a}{b}x there."));
            }
            text.push_str(" The Treassury statement said so.");
            text
        };
        for names in [3, super::SCANNED_NAMES + 10] {
            let f = assert_findings(&story(names), &r, 1);
            assert!(f[0].message.contains("'Treasury'"), "{}", f[0].message);
        }
    }

    #[test]
    fn issue_8_names_near_a_word_the_story_writes_stay_names() {
        let r = rule(RULE);
        // Reuters copy: a company named like a word, written three times.
        assert_findings(
            "Ventra said sales rose. The joint venture with Ventra grew, Ventra said.",
            &r,
            0,
        );
        // Words of a longer name, and of a foreign one.
        assert_findings(
            "The investment fund bought a stake in Banco Portugues de Investmento.",
            &r,
            0,
        );
        assert_findings(
            "It sold the westward route to Westard Technology Ltd.",
            &r,
            0,
        );
        // A name the lexicon of people knows, beside a word one edit away.
        assert_findings("She was benign, said Bening.", &r, 0);
        // `name-level` turns it off.
        let off = rule(&format!("{RULE}name-level = \"off\"\n"));
        assert_findings(
            "Officials at the Treasury said the deficit grew. The Treassury statement said so.",
            &off,
            0,
        );
    }

    #[test]
    fn a_slip_that_opens_a_sentence_is_a_warning_but_names_are_not() {
        let r = rule(RULE);
        let f = assert_findings("Becuase of the storm, the talks stopped.", &r, 1);
        assert_eq!(f[0].level, Level::Warning);
        assert!(f[0].message.contains("'Because'"), "{}", f[0].message);
        // Short or costly ones, names the story uses mid-sentence, names in the lexicon.
        assert_findings("Munim said so. Trico agreed.", &r, 0);
        assert_findings("Goverment said so, and Goverment Ltd agreed.", &r, 0);
        assert_findings("Bening said so.", &r, 0);
    }

    #[test]
    fn issue_8_a_slip_that_looks_like_a_compound_is_still_a_slip() {
        let r = rule(RULE);
        // Reuters copy: "act" + "hally", "mm" + "eting" were taken for compounds.
        let f = assert_findings("They said the acthally was there.", &r, 1);
        assert_eq!(f[0].level, Level::Error);
        assert!(f[0].message.contains("'actually'"), "{}", f[0].message);
        // Not clear enough for an error: a hint, unless the hint is a part of the word.
        let f = assert_findings("The city was blanketted in snow.", &r, 1);
        assert_eq!(f[0].level, Level::Info);
        assert!(f[0].message.contains("'blanketed'"), "{}", f[0].message);
        let f = assert_findings("A writedown of assets.", &r, 1);
        assert_eq!(
            (f[0].level, f[0].message.as_str()),
            (Level::Info, "'writedown' is not in the dictionary")
        );
        // Finance terms SCOWL lacks are in the news vocabulary, and so are everyday
        // words it lacks ("barcode" was offered "barricade").
        assert_findings("The counterparty and its counterparties paid.", &r, 0);
        assert_findings("The barcode on the box was scanned.", &r, 0);
        // BBC copy: "empted" is closest to "emptied", but it is "pre-empted".
        let f = assert_findings("His speech will be pre-empted by the president.", &r, 1);
        assert_eq!(f[0].level, Level::Info);
    }

    #[test]
    fn rare_words_get_a_hint_at_most() {
        let r = rule(RULE);
        // "toons" is in SCOWL 80 only: a real word, or a slip for "tons" or "tools".
        let f = assert_findings("These old toons were re-released.", &r, 1);
        assert_eq!(f[0].level, Level::Info);
        assert!(
            ["tons", "tools"]
                .iter()
                .any(|w| f[0].message.contains(&format!("did you mean '{w}'"))),
            "{}",
            f[0].message
        );
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn issue_8_an_inflection_of_the_best_word_does_not_make_it_unsure() {
        // BBC copy: "recommended" is close to "reccomend" too, but the slip is the same.
        let r = rule(RULE);
        let f = assert_findings("I would reccomend it to anyone.", &r, 1);
        assert_eq!(f[0].level, Level::Error);
        assert_eq!(f[0].fix.as_ref().unwrap().edits[0].replacement, "recommend");
    }

    #[test]
    fn issue_8_a_slip_that_looks_derived_still_gets_its_hint() {
        // "airplan" reads as "air" + "plan" and "callin" as "cal" + "lin", so neither is
        // sure to be a slip; but a word one letter off is the likeliest meaning and the
        // hint says so. A derived word is not reduced to its stem ("unpublicised").
        let r = rule(RULE);
        for (text, meant) in [
            ("They boarded the airplan at noon.", "'airplane'"),
            ("He was callin them all.", "'calling'"),
            // "axe" + "dent", three edits from the word meant but cheap by its sound.
            ("It was an axedent, they said.", "'accident'"),
        ] {
            let f = assert_findings(text, &r, 1);
            assert_eq!(f[0].level, Level::Info, "{text}");
            assert!(f[0].message.contains(meant), "{text}: {}", f[0].message);
        }
        let f = findings("They were unpublicised.", &r);
        assert!(
            f.iter().all(|f| !f.message.contains("'publicised'")),
            "{f:#?}"
        );
    }

    #[test]
    fn issue_8_words_spelt_by_ear_come_first_but_never_make_the_rule_surer() {
        let r = rule(RULE);
        // A poor speller's spellings: the word whose sounds they spell out comes first.
        for (text, meant) in [
            ("She studied sicolgy at the university.", "'psychology'"),
            ("They had a serpluse of grain.", "'surplus'"),
            ("He read the poytrey aloud.", "'poetry'"),
        ] {
            let f = assert_findings(text, &r, 1);
            assert!(f[0].message.contains(meant), "{text}: {}", f[0].message);
        }
        // Reuters copy: "helpt" sounds like "helped" but is a typing slip of "help". The
        // phonetic channel puts "helped" far ahead; the rule stays as unsure as before
        // (a hint, no fix) instead of becoming sure of it.
        let f = assert_findings(
            "The bank expects to participate in efforts to helpt Brazil and other debtors.",
            &r,
            1,
        );
        assert_eq!(f[0].level, Level::Info, "{f:#?}");
        assert!(f[0].fix.is_none(), "{f:#?}");
        // Where the channels disagree ("tital": "total" by its letters, "title" by its
        // sounds), both are offered and the rule is not sure of either.
        let f = assert_findings("It would result in a tital investment of 50 mln.", &r, 1);
        assert_eq!(f[0].level, Level::Warning, "{f:#?}");
        assert!(f[0].message.contains("'total'"), "{}", f[0].message);
        assert!(f[0].message.contains("'title'"), "{}", f[0].message);
        // Slips the channel is sure of stay sure: an error with its fix.
        for text in [
            "The company wopuld be known as Power-Cell Inc.",
            "Kodak holds 470,000 sahres of ICN.",
        ] {
            let f = assert_findings(text, &r, 1);
            assert_eq!(f[0].level, Level::Error, "{text}: {f:#?}");
            assert!(f[0].fix.is_some(), "{text}");
        }
    }

    #[test]
    fn issue_8_a_slip_of_a_month_or_a_weekday_needs_no_evidence() {
        let r = rule(RULE);
        for (text, meant) in [
            ("The law took effect on Januery 5 in Rome.", "January"),
            ("He left in Decmber last year.", "December"),
            ("Sales rose in Agust and fell later.", "August"),
            ("The shops close at Chrismas and reopen later.", "Christmas"),
        ] {
            let f = assert_findings(text, &r, 1);
            assert_eq!(f[0].level, Level::Warning, "{text}");
            assert!(
                f[0].message.contains(&format!("'{meant}'")),
                "{text}: {}",
                f[0].message
            );
        }
        // Reuters: a Dutch name with a particle, one edit from "March".
        assert_findings(
            "Central Bank vice-director Jan-Hendrik Du Marchie Sarvaas said.",
            &r,
            0,
        );
        // Names the lexicon knows stay names, and a slip no calendar word is clearly
        // meant by is left to the story's evidence.
        assert_findings("The striker Augusto scored twice.", &r, 0);
        assert_findings("The report came out in Apirl, they said.", &r, 0);
        // `name-level = "off"` turns it off with the other capitalized slips.
        let off = rule(&format!("{RULE}name-level = \"off\"\n"));
        assert_findings("He left in Decmber last year.", &off, 0);
    }

    #[test]
    fn words_talked_about_and_html_entities() {
        let r = rule(RULE);
        assert_findings("He coined the phrase \"liberati\" last year.", &r, 0);
        assert_findings("Yannick Nyanga (B&#233;ziers) played.", &r, 0);
        assert_findings("The Frankfurt bank Bau und Boden said so.", &r, 0);
    }

    #[test]
    fn derived_words_and_repeated_terms_are_not_errors() {
        let r = rule(RULE);
        for text in [
            "The writedown was large.",
            "They were unpublicised.",
            "Its clunkiness showed; the loans were collateralised.",
            "Prices of wheats and margarines rose; the have-nots lost.",
            "The durum crop grew. Durum prices rose and durum exports fell.",
        ] {
            let f = findings(text, &r);
            assert!(f.iter().all(|f| f.level == Level::Info), "{text}: {f:#?}");
        }
    }

    #[test]
    fn hyphenated_compounds_are_checked_part_by_part() {
        let r = rule(RULE);
        let f = assert_findings("He was self-concious about it.", &r, 1);
        assert!(f[0].message.contains("'conscious'"), "{}", f[0].message);
        assert_findings("A well-known, long-term, pro-Kremlin view.", &r, 0);
    }

    #[test]
    fn levels_are_tunable() {
        let r = rule(&format!("{RULE}unknown-level = \"off\"\n"));
        assert_findings("The xqzvbnw was there.", &r, 0);
        let r = rule(RULE);
        let f = assert_findings("The xqzvbnw was there.", &r, 1);
        assert_eq!(f[0].level, Level::Info);
    }
}
