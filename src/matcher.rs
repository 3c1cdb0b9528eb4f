//! Shared matching: every literal term and regex of every rule, compiled once.
//!
//! Single-word terms go into hash maps looked up once per word token. Phrases are
//! indexed by their first word: at each word token the phrases that start with it are
//! compared with the text that follows. Regexes go into one `RegexSet` that tells
//! which patterns can match at all before any of them runs. So a document is
//! scanned a fixed number of times however many rules are loaded, and nothing is
//! compiled at start-up but hash maps (an automaton of thousands of names took longer
//! to build than most stories take to check).

use crate::document::Document;
use crate::word_table::{WordTable, word_hash as hash};
use regex::{Regex, RegexSet};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Identifies a term: the rule (index in the rule set) and the term's index in that rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermRef {
    /// Index of the rule.
    pub rule: u32,
    /// The rule's own index of the term.
    pub term: u32,
}

/// A literal term found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralHit {
    /// The rule's index of the term.
    pub term: u32,
    /// Byte range of the match.
    pub span: Range<usize>,
}

/// Handle to a regex registered with [`MatcherBuilder::add_regex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegexId(usize);

/// The terms registered for one word: almost always exactly one, so it is kept inline.
#[derive(Debug, Clone)]
enum Refs {
    One(TermRef),
    Many(Vec<TermRef>),
}

impl Refs {
    fn push(&mut self, r: TermRef) {
        match self {
            Refs::One(first) => *self = Refs::Many(vec![*first, r]),
            Refs::Many(v) => v.push(r),
        }
    }

    fn as_slice(&self) -> &[TermRef] {
        match self {
            Refs::One(r) => std::slice::from_ref(r),
            Refs::Many(v) => v,
        }
    }
}

/// Words and the terms registered for each. The words are kept end to end in one
/// string, so a word list of tens of thousands of entries costs a few allocations, not
/// one per word (that made compiling the misspelling list the top of the start-up).
#[derive(Default)]
struct WordMap {
    /// (start, end) of the word in `words`, and its terms.
    table: hashbrown::HashTable<(u32, u32, Refs)>,
    words: String,
}

impl WordMap {
    fn insert(&mut self, key: &str, at: TermRef) {
        let WordMap { table, words } = self;
        let h = hash(key);
        let rehash = |words: &str, &(start, end, _): &(u32, u32, Refs)| -> u64 {
            hash(&words[start as usize..end as usize])
        };
        if let Some((_, _, refs)) = table.find_mut(h, |&(start, end, _)| {
            &words[start as usize..end as usize] == key
        }) {
            refs.push(at);
            return;
        }
        let start = u32::try_from(words.len()).expect("word lists under 4 GiB");
        words.push_str(key);
        let end = u32::try_from(words.len()).expect("word lists under 4 GiB");
        table.insert_unique(h, (start, end, Refs::One(at)), |e| rehash(words, e));
    }

    /// The terms of `key`, whose [`hash`] is `h`.
    fn get(&self, key: &str, h: u64) -> Option<&Refs> {
        self.table
            .find(h, |&(start, end, _)| {
                &self.words[start as usize..end as usize] == key
            })
            .map(|(_, _, refs)| refs)
    }

    fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// Collects terms and regexes while rules compile.
#[derive(Default)]
pub struct MatcherBuilder {
    words_ci: WordMap,
    words_cs: WordMap,
    phrases: Phrases,
    regexes: Vec<Regex>,
    tables: Vec<(u32, WordTable)>,
}

/// Phrases by their first word, in ASCII lower case ("prime" for "Prime Minister").
/// Thousands of names are registered at every start (the people on file, by two rules),
/// so their text is kept end to end in one string and their registrations in one list:
/// a phrase costs no allocation of its own.
#[derive(Default)]
struct Phrases {
    /// Distinct phrases (ASCII case aside) starting with each first word: the same name
    /// registered by several rules is compared once.
    by_first_word: FxHashMap<Box<[u8]>, Vec<u32>>,
    /// The text of each distinct phrase as first registered, and of each case-sensitive
    /// registration written otherwise, one after another.
    text: String,
    /// Each distinct phrase.
    phrases: Vec<Phrase>,
    /// Every registration, chained phrase by phrase in the order made.
    refs: Vec<Registration>,
    /// Each distinct phrase's [`lower_hash`] and index, by that hash (kept, so growing
    /// the table hashes no text again).
    index: hashbrown::HashTable<(u64, u32)>,
    /// A first word in lower case, looked up ([`Phrases::add`]).
    key: Vec<u8>,
    /// Phrases that do not start with a letter or digit, with an ASCII-case-insensitive
    /// regex of each: rare in rule files, so a search each costs little.
    unanchored: Vec<(u32, Regex)>,
}

/// A distinct phrase: where its text is in [`Phrases::text`], and its first and last
/// registrations in [`Phrases::refs`].
struct Phrase {
    start: u32,
    len: u32,
    first: u32,
    last: u32,
}

impl Phrase {
    /// The phrase's text in `text` ([`Phrases::text`]).
    fn bytes<'t>(&self, text: &'t str) -> &'t [u8] {
        &text.as_bytes()[self.start as usize..(self.start + self.len) as usize]
    }
}

/// One rule term registered for a phrase.
struct Registration {
    at: TermRef,
    /// Matches only as written (`written`), not in any ASCII case.
    case_sensitive: bool,
    /// Where the term as registered starts in [`Phrases::text`] (its length is the
    /// phrase's).
    written: u32,
    /// The phrase's next registration, or [`NO_MORE`].
    next: u32,
}

/// The end of a phrase's chain of registrations.
const NO_MORE: u32 = u32::MAX;

/// [`word_hash`](crate::word_table::word_hash) of `bytes` in ASCII lower case, without
/// lowering a copy.
fn lower_hash(bytes: &[u8]) -> u64 {
    crate::word_table::fnv1a(bytes.iter().map(u8::to_ascii_lowercase))
}

/// The compiled matcher of a rule set.
pub struct Matcher {
    words_ci: WordMap,
    words_cs: WordMap,
    /// Compiled word lists (case-insensitive words) and the rule of each.
    tables: Vec<(u32, WordTable)>,
    phrases: Phrases,
    set: RegexSet,
    regexes: Vec<Regex>,
    rules: usize,
}

/// The result of scanning one document.
pub struct Scan<'a> {
    /// Literal hits per rule, sorted by position.
    pub hits: Vec<Vec<LiteralHit>>,
    matched: Vec<bool>,
    matcher: &'a Matcher,
    text: &'a str,
}

/// `s` with curly apostrophes made straight and, unless `keep_case`, in lower case;
/// borrowed when nothing changes (the common case for word lists).
fn word_key(s: &str, keep_case: bool) -> std::borrow::Cow<'_, str> {
    let (needs_case, curly) = if s.is_ascii() {
        (
            !keep_case && s.bytes().any(|b| b.is_ascii_uppercase()),
            false,
        )
    } else {
        (
            !keep_case && s.chars().any(char::is_uppercase),
            s.contains('\u{2019}'),
        )
    };
    if !needs_case && !curly {
        return std::borrow::Cow::Borrowed(s);
    }
    // One copy, not two: most words that get here are capitalized ASCII words.
    let lower = |t: &str| {
        if t.is_ascii() {
            t.to_ascii_lowercase()
        } else {
            t.to_lowercase()
        }
    };
    std::borrow::Cow::Owned(match (curly, needs_case) {
        (true, true) => lower(&s.replace('\u{2019}', "'")),
        (true, false) => s.replace('\u{2019}', "'"),
        _ => lower(s),
    })
}

/// True when `term` is one word token as [`Document::words`] splits text.
fn is_single_word(term: &str) -> bool {
    let mut prev_apostrophe = true;
    for c in term.chars() {
        if c == '\'' || c == '\u{2019}' {
            if prev_apostrophe {
                return false;
            }
            prev_apostrophe = true;
        } else if c.is_alphanumeric() {
            prev_apostrophe = false;
        } else {
            return false;
        }
    }
    !prev_apostrophe
}

impl MatcherBuilder {
    /// Registers a literal term. It matches only as whole words.
    pub fn add_literal(&mut self, at: TermRef, term: &str, case_sensitive: bool) {
        if is_single_word(term) {
            let map = if case_sensitive {
                &mut self.words_cs
            } else {
                &mut self.words_ci
            };
            map.insert(&word_key(term, case_sensitive), at);
        } else {
            self.phrases.add(at, term, case_sensitive);
        }
    }

    /// Registers a compiled word list of rule `rule`: entry i is the rule's term i, and
    /// matches any case, as a list of lower-case words added with [`Self::add_literal`]
    /// would.
    pub fn add_word_table(&mut self, rule: u32, table: WordTable) {
        self.tables.push((rule, table));
    }

    /// Registers a regex; [`Scan::regex_matches`] runs it only if the set says it can match.
    pub fn add_regex(&mut self, re: Regex) -> RegexId {
        self.regexes.push(re);
        RegexId(self.regexes.len() - 1)
    }

    /// Builds the matcher for `rules` rules.
    pub fn build(self, rules: usize) -> Matcher {
        let set = RegexSet::new(self.regexes.iter().map(Regex::as_str))
            .expect("each regex compiled alone, so the set compiles");
        Matcher {
            words_ci: self.words_ci,
            words_cs: self.words_cs,
            tables: self.tables,
            phrases: self.phrases,
            set,
            regexes: self.regexes,
            rules,
        }
    }
}

/// The first run of letters and digits of `s` ("U" of "U.S. envoy", "O" of "O'Brien"):
/// where a phrase is looked up. Empty when `s` does not start with one.
fn first_run(s: &str) -> &str {
    // Byte by byte while the text is ASCII (nearly always): every word is looked up.
    let bytes = s.as_bytes();
    let mut end = 0;
    while let Some(&b) = bytes.get(end) {
        let len = if b.is_ascii() {
            b.is_ascii_alphanumeric().then_some(1)
        } else {
            s[end..]
                .chars()
                .next()
                .filter(|c| c.is_alphanumeric())
                .map(char::len_utf8)
        };
        match len {
            Some(len) => end += len,
            None => break,
        }
    }
    &s[..end]
}

impl Phrases {
    fn add(&mut self, at: TermRef, term: &str, case_sensitive: bool) {
        let Phrases {
            text,
            phrases,
            index,
            ..
        } = self;
        let offset = |len: usize| u32::try_from(len).expect("phrases under 4 GiB");
        let h = lower_hash(term.as_bytes());
        let reg = offset(self.refs.len());
        let found = index
            .find(h, |&(_, i)| {
                phrases[i as usize]
                    .bytes(text)
                    .eq_ignore_ascii_case(term.as_bytes())
            })
            .map(|&(_, i)| i);
        let written = match found {
            Some(i) => {
                let p = &mut phrases[i as usize];
                let written = if !case_sensitive || p.bytes(text) == term.as_bytes() {
                    p.start
                } else {
                    let start = offset(text.len());
                    text.push_str(term);
                    start
                };
                self.refs[p.last as usize].next = reg;
                p.last = reg;
                written
            }
            None => {
                let i = offset(phrases.len());
                let start = offset(text.len());
                text.push_str(term);
                phrases.push(Phrase {
                    start,
                    len: offset(term.len()),
                    first: reg,
                    last: reg,
                });
                index.insert_unique(h, (h, i), |&(hash, _)| hash);
                let first = first_run(term);
                if first.is_empty() {
                    // No word starts it ("(Reuters)", "-year-old"): searched for on its own.
                    let pattern = format!("(?i-u){}", regex::escape(term));
                    let re = Regex::new(&pattern).expect("an escaped literal is a valid regex");
                    self.unanchored.push((i, re));
                } else {
                    self.key.clear();
                    self.key
                        .extend(first.bytes().map(|b| b.to_ascii_lowercase()));
                    match self.by_first_word.get_mut(self.key.as_slice()) {
                        Some(list) => list.push(i),
                        None => {
                            self.by_first_word
                                .insert(self.key.as_slice().into(), vec![i]);
                        }
                    }
                }
                start
            }
        };
        self.refs.push(Registration {
            at,
            case_sensitive,
            written,
            next: NO_MORE,
        });
    }

    /// Adds the phrases that start at each word of `doc` to `hits`. A phrase matches
    /// whole words (ASCII case aside) inside one prose range.
    fn scan(&self, doc: &Document, hits: &mut [Vec<LiteralHit>]) {
        if self.phrases.is_empty() {
            return;
        }
        let text = doc.text.as_str();
        let mut key = Vec::with_capacity(32);
        let mut prose = doc.prose.iter().peekable();
        for w in &doc.words {
            while prose.next_if(|r| r.end <= w.start).is_some() {}
            let Some(range) = prose.peek() else { break };
            let run = first_run(&text[w.clone()]);
            key.clear();
            key.extend(run.bytes().map(|b| b.to_ascii_lowercase()));
            let Some(candidates) = self.by_first_word.get(key.as_slice()) else {
                continue;
            };
            for &p in candidates {
                let phrase = self.phrases[p as usize].bytes(&self.text);
                let span = w.start..w.start + phrase.len();
                if span.end <= range.end
                    && text.is_char_boundary(span.end)
                    && text.as_bytes()[span.clone()].eq_ignore_ascii_case(phrase)
                {
                    self.hit(p, text, span, hits);
                }
            }
        }
        for (p, re) in &self.unanchored {
            for r in &doc.prose {
                for m in re.find_iter(&text[r.clone()]) {
                    self.hit(*p, text, r.start + m.start()..r.start + m.end(), hits);
                }
            }
        }
    }

    /// Records phrase `p` found at `span` for each rule that registered it, if it stands
    /// as whole words and, for a case-sensitive term, is written as the term.
    fn hit(&self, p: u32, text: &str, span: Range<usize>, hits: &mut [Vec<LiteralHit>]) {
        if !at_word_boundaries(text, &span) {
            return;
        }
        let found = &text.as_bytes()[span.clone()];
        let mut r = self.phrases[p as usize].first;
        while r != NO_MORE {
            let Registration {
                at,
                case_sensitive,
                written,
                next,
            } = self.refs[r as usize];
            // Non-ASCII letters were compared byte for byte, so only ASCII case can differ.
            let start = written as usize;
            if !case_sensitive || found == &self.text.as_bytes()[start..start + found.len()] {
                hits[at.rule as usize].push(LiteralHit {
                    term: at.term,
                    span: span.clone(),
                });
            }
            r = next;
        }
    }
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// True when `span` in `text` is not glued to letters or digits on either side.
pub fn at_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    let first = text[span.clone()].chars().next();
    let last = text[span.clone()].chars().next_back();
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let glued_before = is_word_char(first) && is_word_char(before);
    let glued_after = is_word_char(last) && is_word_char(after);
    !glued_before && !glued_after
}

impl Matcher {
    /// Scans a document: one pass over its words for words and phrases, and one
    /// `RegexSet` pass.
    pub fn scan<'a>(&'a self, doc: &'a Document) -> Scan<'a> {
        let mut hits: Vec<Vec<LiteralHit>> = vec![Vec::new(); self.rules];
        let text = doc.text.as_str();
        if !self.words_ci.is_empty() || !self.words_cs.is_empty() || !self.tables.is_empty() {
            for w in &doc.words {
                let word = &text[w.clone()];
                self.lookup_word(word, w.clone(), &mut hits);
                // "Rusian's" is also looked up as "Rusian".
                if let Some(stem) = crate::document::without_possessive(word) {
                    self.lookup_word(stem, w.start..w.start + stem.len(), &mut hits);
                }
            }
        }
        self.phrases.scan(doc, &mut hits);
        for h in &mut hits {
            h.sort_by_key(|h| (h.span.start, h.span.end, h.term));
        }
        let matched = if self.regexes.is_empty() {
            Vec::new()
        } else {
            let m = self.set.matches(text);
            (0..self.regexes.len()).map(|i| m.matched(i)).collect()
        };
        Scan {
            hits,
            matched,
            matcher: self,
            text,
        }
    }

    fn lookup_word(&self, word: &str, span: Range<usize>, hits: &mut [Vec<LiteralHit>]) {
        let mut push = |rule: u32, term: u32| {
            hits[rule as usize].push(LiteralHit {
                term,
                span: span.clone(),
            });
        };
        if !self.words_cs.is_empty() {
            let key = word_key(word, true);
            for r in self
                .words_cs
                .get(&key, hash(&key))
                .map_or(&[][..], Refs::as_slice)
            {
                push(r.rule, r.term);
            }
        }
        if self.words_ci.is_empty() && self.tables.is_empty() {
            return;
        }
        // One key and one hash for the case-insensitive words of every rule and list.
        let key = word_key(word, false);
        let h = hash(&key);
        for r in self.words_ci.get(&key, h).map_or(&[][..], Refs::as_slice) {
            push(r.rule, r.term);
        }
        for (rule, table) in &self.tables {
            if let Some(term) = table.get(&key, h) {
                push(*rule, term);
            }
        }
    }
}

impl Scan<'_> {
    /// Matches of a registered regex in the document (empty if the set ruled it out).
    pub fn regex_matches(&self, id: RegexId) -> impl Iterator<Item = regex::Captures<'_>> + '_ {
        let can_match = self.matched.get(id.0).copied().unwrap_or(false);
        let re = &self.matcher.regexes[id.0];
        can_match
            .then(|| re.captures_iter(self.text))
            .into_iter()
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_10_the_first_run_of_letters_and_digits_in_any_script() {
        for (s, run) in [
            ("U.S. envoy", "U"),
            ("O'Brien", "O"),
            ("Zürich-based", "Zürich"),
            ("naïve", "naïve"),
            ("日本語 text", "日本語"),
            ("x2y", "x2y"),
            ("-x", ""),
            ("", ""),
            ("ab’cd", "ab"),
        ] {
            assert_eq!(first_run(s), run, "{s:?}");
        }
    }
    use crate::document::DocKind;

    fn scan_terms(text: &str, terms: &[(&str, bool)]) -> Vec<(u32, String)> {
        let mut b = MatcherBuilder::default();
        for (i, (t, cs)) in terms.iter().enumerate() {
            b.add_literal(
                TermRef {
                    rule: 0,
                    term: i as u32,
                },
                t,
                *cs,
            );
        }
        let m = b.build(1);
        let doc = Document::new(text.to_string(), DocKind::Text);
        let scan = m.scan(&doc);
        scan.hits[0]
            .iter()
            .map(|h| (h.term, text[h.span.clone()].to_string()))
            .collect()
    }

    #[test]
    fn words_match_whole_tokens_case_insensitively() {
        let hits = scan_terms("Teh cat; tehran; teh's", &[("teh", false)]);
        assert_eq!(hits, [(0, "Teh".into()), (0, "teh".into())]);
    }

    #[test]
    fn case_sensitive_terms_need_exact_case() {
        let hits = scan_terms("Rusian rusian", &[("Rusian", true)]);
        assert_eq!(hits, [(0, "Rusian".into())]);
    }

    #[test]
    fn phrases_match_at_word_boundaries_and_overlap() {
        let hits = scan_terms(
            "per cent; percent; a per centum; Per Cent",
            &[("per cent", false), ("cent; percent", false)],
        );
        assert_eq!(
            hits,
            [
                (0, "per cent".into()),
                (1, "cent; percent".into()),
                (0, "Per Cent".into())
            ]
        );
    }

    #[test]
    fn phrases_start_at_any_word_and_stay_inside_prose() {
        let hits = scan_terms(
            "The U.S. envoy met Prime Minister Xi Jinping; prime minister xi jinping left.",
            &[
                ("U.S. envoy", false),
                ("Prime Minister Xi Jinping", true),
                ("prime minister", false),
                ("Xi Jinping", true),
            ],
        );
        assert_eq!(
            hits,
            [
                (0, "U.S. envoy".into()),
                (2, "Prime Minister".into()),
                (1, "Prime Minister Xi Jinping".into()),
                (3, "Xi Jinping".into()),
                (2, "prime minister".into()),
            ]
        );
        // Not glued to a longer word, and not across the end of prose (a code span).
        let md = Document::new(
            "Prime Ministers met. The `Prime Minister` spoke.".to_string(),
            DocKind::Markdown,
        );
        let mut b = MatcherBuilder::default();
        b.add_literal(TermRef { rule: 0, term: 0 }, "prime minister", false);
        assert!(b.build(1).scan(&md).hits[0].is_empty());
    }

    #[test]
    fn phrases_that_start_with_punctuation_are_found_too() {
        let hits = scan_terms(
            "LONDON (Reuters) - A 20-year-old (REUTERS) said",
            &[("(Reuters)", false), ("-year-old", false)],
        );
        assert_eq!(
            hits,
            [
                (0, "(Reuters)".into()),
                (1, "-year-old".into()),
                (0, "(REUTERS)".into())
            ]
        );
    }

    #[test]
    fn curly_apostrophes_match_straight_terms() {
        let hits = scan_terms("It doesn\u{2019}t matter", &[("doesn't", false)]);
        assert_eq!(hits.len(), 1);
    }
}
