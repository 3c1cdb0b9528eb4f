//! `near-miss`: an unknown capitalized word one or two edits from a known name.
//!
//! ## What it does
//! Looks at every capitalized word that is neither in the English dictionary
//! nor a known name. If it lies within a small edit distance of a name from the
//! knowledge base (countries, demonyms, capitals) or from `extra-names`, and
//! starts with the same letter, it is flagged with "did you mean …?" and a fix.
//! A swap of two adjacent letters counts as one edit ("Isreali").
//!
//! Surnames of people on file are targets only with the article's own evidence
//! (the person's given name right before, or the surname spelled right
//! elsewhere), and transliteration variants ("Yanukovich" for "Yanukovych")
//! are a house choice, not a slip.
//!
//! Precision comes first. A word next to another name ("Annette Bening",
//! "Salomon Smith Barney", "Mr Varley") is taken for part of a person's or
//! company's name and left alone, unless the neighbour is a word of an office
//! title ("Rusian Foreign Minister" is still checked). Name words that are also
//! common English words ("Valley", "West") are not used as targets.
//!
//! ## Why it matters
//! No misspelling list contains every slip of a proper noun: "Rusian" is in
//! none. A dictionary plus a list of names catches them the general way.
//!
//! ## Example
//! ```toml
//! kind = "near-miss"
//! level = "error"
//! message = "'{match}' is not a known word; did you mean '{expected}'?"
//! names = ["places"]
//! ```
//!
//! ## Options
//! * `names`: knowledge-base lists to use: `"people"` (surnames of the people on
//!   file; all their name words are known words) and `"places"` (country names, demonyms,
//!   capitals; official, alternative and native names such as "Brasil" count as known words).
//! * `extra-names`: more names.
//! * `accept`: words never flagged (local names the dictionary lacks); the words of the
//!   newsroom's vocabulary (`accept.txt`) are added to it.
//! * `given-name-message`: message for a misspelt given name before the surname of a
//!   person on file; placeholders `{match}`, `{expected}`, `{surname}`.
//! * `min-length` (default 6): shorter words are not checked. Words over
//!   [`MAX_FUZZY_CHARS`] letters (40) are not
//!   checked either: no name is that long.
//! * `long-word` (default 9): words at least this long may be two edits away; shorter, one.

use super::{CompileCx, Kind};
use crate::document::Scope;
use crate::error::SourceError;
use crate::finding::{Applicability, Finding};
use crate::lexicon::{Dictionary, FuzzyIndex, MAX_FUZZY_CHARS, transliteration_fold};
use crate::rule::{Context, Rule, match_case, word_fix};
use std::collections::{HashMap, HashSet};
use toml::Spanned;

crate::rule_spec! {
    /// TOML of a `near-miss` rule.
    NearMissSpec {
        /// Knowledge-base lists.
        #[serde(default)]
        names: Vec<Spanned<String>>,
        /// More names.
        #[serde(default)]
        extra_names: Vec<String>,
        /// Words never flagged.
        #[serde(default)]
        accept: Vec<String>,
        /// Minimum word length in characters.
        #[serde(default = "default_min_length")]
        min_length: usize,
        /// Length from which two edits are allowed.
        #[serde(default = "default_long_word")]
        long_word: usize,
        /// Message for a misspelt given name before the surname of a person on file
        /// ("Vladmir Putin"); placeholders `{match}`, `{expected}`, `{surname}`.
        #[serde(default = "default_given_name_message")]
        given_name_message: String,
    }
}

fn default_given_name_message() -> String {
    "'{match} {surname}' is not a name on file; did you mean '{expected} {surname}'?".to_string()
}

fn default_min_length() -> usize {
    6
}

fn default_long_word() -> usize {
    9
}

/// A compiled `near-miss` rule.
pub struct NearMiss {
    index: FuzzyIndex,
    accept: HashSet<String>,
    dictionary: Dictionary,
    min_length: usize,
    long_word: usize,
    /// Words of office titles ("Foreign", "Minister"): neighbours that do not make a name.
    title_words: HashSet<String>,
    /// Surnames of the people on file.
    people: FuzzyIndex,
    /// The given part of each name on file, for each surname ("Stefaan De" for "Clerck").
    given_names: HashMap<String, HashSet<String>>,
    /// Nationalities and demonyms ("Russian"): a slip of one is never taken for a name
    /// just because it is repeated ("the Rusian envoy … Rusian troops").
    demonyms: HashSet<String>,
    given_name_message: String,
}

impl Kind for NearMiss {
    const NAME: &'static str = "near-miss";
    const DEFAULT_SCOPE: Scope = Scope::All;
    type Spec = NearMissSpec;

    fn compile(spec: NearMissSpec, cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        let mut names: Vec<String> = Vec::new();
        let mut surnames: HashMap<String, HashSet<String>> = HashMap::new();
        let mut accept: HashSet<String> = spec.accept.iter().map(|w| w.to_lowercase()).collect();
        accept.extend(cx.vocabulary.accepted().map(str::to_string));
        for list in &spec.names {
            match list.get_ref().as_str() {
                "places" => {
                    names.extend(cx.facts.place_names().map(str::to_string));
                    accept.extend(
                        cx.facts
                            .other_place_names()
                            .flat_map(|n| n.split([' ', '-']))
                            .map(str::to_lowercase),
                    );
                }
                "people" => {
                    // Surnames are the targets ("Netanyahou", "Lavorv"), each with the
                    // given names it goes with; every word of every name is a known word.
                    for p in &cx.facts.people {
                        for n in std::iter::once(&p.name).chain(&p.aliases) {
                            accept.extend(n.split([' ', '-']).map(str::to_lowercase));
                            if let Some((given, surname)) = n.rsplit_once(' ')
                                && surname.chars().count() >= spec.min_length.saturating_sub(1)
                                && surname.chars().all(char::is_alphabetic)
                            {
                                // The whole given part is the evidence: "Stefaan De" for De
                                // Clerck, not "De" alone (Willy De Clercq is someone else).
                                let entry = surnames.entry(surname.to_string()).or_default();
                                entry.insert(given.to_string());
                            }
                        }
                    }
                }
                other => {
                    return Err(cx
                        .error(Some(list.span()), format!("unknown name list '{other}'"))
                        .with_help("known lists: \"places\", \"people\""));
                }
            }
        }
        names.extend(spec.extra_names);
        // Only one-word names are targets: the words of "Solomon Islands" or "Saint Peter
        // Port" are as often people's and firms' names ("Salomon", "Pieter"). Their words
        // are still known words.
        let dictionary = cx.dictionary;
        for n in names.iter().filter(|n| n.contains([' ', '-'])) {
            accept.extend(n.split([' ', '-']).map(str::to_lowercase));
        }
        let words = names
            .iter()
            .filter(|n| !n.contains([' ', '-']))
            .filter(|w| w.chars().count() >= spec.min_length.saturating_sub(1))
            .filter(|w| w.chars().all(char::is_alphabetic))
            .filter(|w| !dictionary.is_common_word(w))
            .cloned();
        // Words of titles and of the institutions a nationality stands before ("Rusian
        // Embassy", "Isreali Army"): a neighbour that is one of them does not make the
        // word part of a name.
        const INSTITUTIONS: &[&str] = &[
            "Embassy",
            "Consulate",
            "Government",
            "Army",
            "Navy",
            "Air",
            "Force",
            "Forces",
            "Ministry",
            "Parliament",
            "Cabinet",
            "Senate",
            "Congress",
            "Central",
            "Bank",
            "Police",
            "Coast",
            "Guard",
            "Council",
            "Court",
            "Supreme",
            "Armed",
            "Defence",
            "Defense",
            "Foreign",
            "Interior",
            "Security",
            "Intelligence",
            "Federation",
            "Republic",
            "Empire",
            "Kingdom",
            "State",
            "National",
        ];
        let title_words = cx
            .facts
            .title_forms()
            .flat_map(|t| t.split(' '))
            .chain(INSTITUTIONS.iter().copied())
            .map(str::to_string)
            .collect();
        Ok(NearMiss {
            index: FuzzyIndex::new(words, 2),
            people: FuzzyIndex::new(surnames.keys().cloned(), 2),
            given_names: surnames,
            given_name_message: spec.given_name_message,
            demonyms: cx
                .facts
                .countries
                .iter()
                .flat_map(|c| c.demonyms.iter().cloned())
                .collect(),
            accept,
            dictionary: cx.dictionary,
            min_length: spec.min_length,
            long_word: spec.long_word,
            title_words,
        })
    }
}

impl NearMiss {
    /// True when word `i` follows the whole given part of a name with `surname` ("Juan
    /// Carlos Moragues" before "Ferrer", not just "Carlos"), or the document has `surname`
    /// itself as a word (`words`: the document's words, built on first use).
    fn surname_in_context<'d>(
        &self,
        doc: &'d crate::document::Document,
        words: &std::cell::OnceCell<HashSet<&'d str>>,
        i: usize,
        surname: &str,
    ) -> bool {
        let given = self.given_names.get(surname);
        let after_given = given.is_some_and(|names| {
            names.iter().any(|g| {
                let n = g.split(' ').count();
                i >= n && {
                    let before = &doc.words[i - n..i];
                    let joined: Vec<&str> = before.iter().map(|w| doc.slice(w)).collect();
                    joined.join(" ") == *g
                        && doc.words[i - n..=i]
                            .windows(2)
                            .all(|p| doc.text[p[0].end..p[1].start] == *" ")
                }
            })
        });
        after_given
            || words
                .get_or_init(|| doc.words.iter().map(|w| doc.slice(w)).collect())
                .contains(surname)
    }

    /// True when the story shows that `word` is a real name, not a slip for `target`:
    /// a town or agency in the lexicon ("Castres", "Antara"); a surname or given name in
    /// the lexicon written more than once ("Annette Bening … Bening"); or any word written
    /// three times while `target` never appears (a character, a club, a brand), unless
    /// `target` is a nationality ("Rusian" stays a slip however often it is written).
    fn is_real_name<'d>(
        &self,
        doc: &'d crate::document::Document,
        words: &std::cell::OnceCell<HashSet<&'d str>>,
        word: &str,
        target: &str,
    ) -> bool {
        use crate::lexicon::{ProperNoun, proper_noun};
        let kind = proper_noun(word);
        if matches!(kind, Some(ProperNoun::Place | ProperNoun::Organization)) {
            return true;
        }
        let words = words.get_or_init(|| doc.words.iter().map(|w| doc.slice(w)).collect());
        if words.contains(target) {
            return false;
        }
        let times = doc
            .words
            .iter()
            .filter(|w| crate::document::bare_word(doc.slice(w)) == word)
            .take(3)
            .count();
        let name_evidence = times >= 2 && kind == Some(ProperNoun::PersonName);
        name_evidence || (times >= 3 && !self.demonyms.contains(target))
    }

    /// A misspelt given name right before the surname of a person on file ("Vladmir
    /// Putin", "Emanuel Macron"): the surname is the evidence of who is meant, so even a
    /// word that is someone's name elsewhere is a slip here. Transliterations ("Sergei")
    /// and names written as on file are left alone.
    fn given_name_slip(&self, cx: &Context<'_>, i: usize, word: &str) -> Option<Finding> {
        let doc = cx.doc;
        let next = doc.words.get(i + 1)?;
        if doc.text[doc.words[i].end..next.start] != *" " || !word.starts_with(char::is_uppercase) {
            return None;
        }
        let surname = crate::document::bare_word(doc.slice(next));
        let given = self.given_names.get(surname)?;
        if given.contains(word) || word.chars().count() < 4 || word.chars().count() > 20 {
            return None;
        }
        // "Maria Ramirez" is someone, not a slip for "Marta Ramirez": a real given name
        // before a common surname (both in the lexicon) is left alone; "Emanuel Macron"
        // is not.
        if crate::lexicon::is_person_name(word) && crate::lexicon::is_person_name(surname) {
            return None;
        }
        let lower = word.to_lowercase();
        let mut best: Vec<(usize, &str)> = given
            .iter()
            .filter(|g| !g.contains(' ') && g.chars().next() == word.chars().next())
            .filter(|g| transliteration_fold(g) != transliteration_fold(word))
            .map(|g| (strsim::osa_distance(&lower, &g.to_lowercase()), g.as_str()))
            .filter(|(d, g)| *d == 1 || (*d == 2 && g.chars().count() >= 7))
            .collect();
        best.sort_unstable();
        let (distance, expected) = *best.first()?;
        if best.iter().filter(|(d, _)| *d == distance).count() > 1 {
            return None;
        }
        let span = doc.words[i].start..doc.words[i].start + word.len();
        let mut f = cx.meta.finding(span.clone(), &[]);
        f.message = crate::rule::fill(
            &self.given_name_message,
            &[
                ("match", word),
                ("expected", expected),
                ("surname", surname),
            ],
        );
        f.fix = Some(word_fix(
            &doc.text,
            span,
            expected.to_string(),
            Applicability::MaybeIncorrect,
        ));
        Some(f)
    }

    fn known(&self, word: &str) -> bool {
        self.dictionary.contains(word)
            || self.index.contains(word)
            || self.accept.contains(&word.to_lowercase())
    }

    /// True when word `i` stands next to another capitalized word that makes it part of a
    /// multi-word name: a capitalized word inside the sentence, before or after it, that is
    /// not a word of an office title. A sentence-initial neighbour counts only if it is not
    /// a common word ("The Rusian" is checked).
    fn in_name(&self, doc: &crate::document::Document, i: usize) -> bool {
        let words = &doc.words;
        let cap = |j: usize| {
            doc.slice(&words[j])
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        let joined = |a: usize, b: usize| {
            let gap = &doc.text[words[a].end..words[b].start];
            !gap.is_empty()
                && gap.matches('\n').count() <= 1
                && gap
                    .chars()
                    .all(|c| c.is_whitespace() || c == '.' || c == '\'' || c == '\u{2019}')
        };
        let is_name = |j: usize| {
            let w = doc.slice(&words[j]);
            if !cap(j) || self.title_words.contains(w) {
                return false;
            }
            !doc.starts_sentence(words[j].start) || !self.dictionary.is_common_word(w)
        };
        (i > 0 && joined(i - 1, i) && is_name(i - 1))
            || (i + 1 < words.len() && joined(i, i + 1) && is_name(i + 1))
    }
}

impl Rule for NearMiss {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc_words = std::cell::OnceCell::new();
        for (i, span) in cx.doc.words.iter().enumerate() {
            let raw = cx.doc.slice(span);
            let word = crate::document::bare_word(raw);
            if let Some(f) = self.given_name_slip(cx, i, word) {
                out.push(f);
                continue;
            }
            let mut chars = word.chars();
            let Some(first) = chars.next() else { continue };
            let len = word.chars().count();
            if !first.is_uppercase()
                || len < self.min_length
                || len > MAX_FUZZY_CHARS
                || !word.chars().all(char::is_alphabetic)
                || word.chars().all(char::is_uppercase)
                || self.known(word)
            {
                continue;
            }
            // Plurals of names and words: "Kenyans", "Koreas".
            if let Some(stem) = word.strip_suffix('s')
                && self.known(stem)
            {
                continue;
            }
            let max = if len >= self.long_word { 2 } else { 1 };
            let first_lower: String = first.to_lowercase().collect();
            let same_initial =
                |m: &crate::lexicon::NearMatch| m.name.to_lowercase().starts_with(&first_lower);
            let near: Vec<_> = if self.in_name(cx.doc, i) {
                Vec::new()
            } else {
                self.index
                    .lookup(word, max)
                    .into_iter()
                    .filter(same_initial)
                    .collect()
            };
            // A misspelt surname needs the article's own evidence of who is meant: the
            // person's given name just before it, or the surname spelled right elsewhere.
            // With the story's evidence a long surname may be two edits off ("Guterez"),
            // unless the word is itself someone's name ("Gutierrez").
            let people_max = if len >= 7 && !crate::lexicon::is_person_name(word) {
                2
            } else {
                max
            };
            let near = if near.is_empty() {
                self.people
                    .lookup(word, people_max)
                    .into_iter()
                    .filter(same_initial)
                    .filter(|m| self.surname_in_context(cx.doc, &doc_words, i, &m.name))
                    .filter(|m| transliteration_fold(&m.name) != transliteration_fold(word))
                    .collect()
            } else {
                near
            };
            let Some(best) = near.first() else { continue };
            if self.is_real_name(cx.doc, &doc_words, word, &best.name) {
                continue;
            }
            let tied: Vec<&str> = near
                .iter()
                .take_while(|m| m.distance == best.distance)
                .map(|m| m.name.as_str())
                .collect();
            let wspan = span.start..span.start + word.len();
            let expected = if tied.len() == 1 {
                match_case(word, tied[0])
            } else {
                tied.join("' or '")
            };
            let mut f = cx
                .meta
                .finding(wspan.clone(), &[("match", word), ("expected", &expected)]);
            if tied.len() == 1 {
                let applicability = if best.distance == 1 {
                    Applicability::MachineApplicable
                } else {
                    Applicability::MaybeIncorrect
                };
                f.fix = Some(word_fix(&cx.doc.text, wspan, expected, applicability));
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str = r#"
kind = "near-miss"
level = "error"
message = "'{match}' is not a known word; did you mean '{expected}'?"
names = ["places"]
extra-names = ["Netanyahu"]
accept = ["Rusiana"]
"#;

    #[test]
    fn issue_8_a_slip_before_an_institution_is_still_a_slip() {
        let r = rule(RULE);
        let f = assert_findings("Protesters gathered outside the Rusian Embassy.", &r, 1);
        assert_eq!(
            f[0].message,
            "'Rusian' is not a known word; did you mean 'Russian'?"
        );
        assert_findings("Isreali Army units moved north.", &r, 1);
    }

    #[test]
    fn issue_8_misspelt_given_names_of_people_on_file() {
        let r = rule(
            "kind = \"near-miss\"\nmessage = \"'{match}' -> '{expected}'\"\nnames = [\"people\"]\n",
        );
        let f = assert_findings("Vladmir Putin met Emanuel Macron.", &r, 2);
        assert_eq!(
            f[0].message,
            "'Vladmir Putin' is not a name on file; did you mean 'Vladimir Putin'?"
        );
        assert_eq!(f[1].fix.as_ref().unwrap().edits[0].replacement, "Emmanuel");
        // Names as on file, and transliterations, are left alone; so is a real given name
        // before a common surname (real copy: "Maria Ramirez", not "Marta Ramirez").
        assert_findings(
            "Vladimir Putin met Sergei Lavrov and Emmanuel Macron.",
            &r,
            0,
        );
        assert_findings("Maria Ramirez, a trader, said so.", &r, 0);
        // A long surname two edits off, with the surname spelled right in the story.
        let f = assert_findings("Antonio Guterres spoke. Later Guterez left.", &r, 1);
        assert_eq!(f[0].message, "'Guterez' -> 'Guterres'");
        assert_findings("Antonio Guterres met Gutierrez.", &r, 0);
    }

    #[test]
    fn issue_8_real_names_are_not_near_misses() {
        let r = rule(RULE);
        // Real copy: a French rugby club, an Indonesian agency, an actress in a film review.
        assert_findings(
            "Yann Delaigue (Castres), Frederic Michalak (Toulouse).",
            &r,
            0,
        );
        assert_findings("quoted by the official Antara news agency.", &r, 0);
        assert_findings(
            "The film stars Annette Bening. Bening plays a widow. Critics loved Bening.",
            &r,
            0,
        );
        // Slips are still slips: once, or where the country is also written.
        assert_findings("Officials in Isreal said so.", &r, 1);
        assert_findings("Israel said so. Isreal said so again.", &r, 1);
    }

    #[test]
    fn flags_misspelt_demonyms_with_fix() {
        let r = rule(RULE);
        let f = assert_findings(
            "The top Rusian diplomat met Isreali and Ukranian envoys. The Rusian Foreign Minister.",
            &r,
            4,
        );
        assert_eq!(
            f[0].message,
            "'Rusian' is not a known word; did you mean 'Russian'?"
        );
        assert_fix(
            "The top Rusian diplomat's aide.",
            &r,
            "The top Russian diplomat's aide.",
        );
        assert_fix("Rusian's envoy.", &r, "Russian's envoy.");
    }

    #[test]
    fn stays_quiet_on_known_words_names_plurals_and_acronyms() {
        let r = rule(RULE);
        assert_findings(
            "Russians and Kenyans met in Moscow. The RUSIAN headline. Rusiana smiled. Lavrov and Netanyahu spoke. rusian. \
             Annette Bening starred. Salomon Smith Barney. Mr Varley. The Valley. Banco do Brasil. \
             Salomon said. Fernand St\nGermain spoke.",
            &r,
            0,
        );
    }

    #[test]
    fn unknown_name_list_is_an_error() {
        let toml = "kind = \"near-miss\"\nmessage = \"m\"\nnames = [\"planets\"]\n";
        let e = crate::pack::RuleSet::single("t/x", toml).unwrap_err();
        assert!(e[0].message.contains("unknown name list 'planets'"));
    }

    #[test]
    fn issue_9_very_long_capitalised_words_do_not_abort_the_check() {
        use crate::document::{DocKind, Document};
        let rules = crate::pack::RuleSet::builtin().unwrap();
        let text = format!(
            "The top Rusian diplomat met R{} and I{} envoys.\n",
            "u".repeat(1_999),
            "s".repeat(99_999),
        );
        let findings = rules.check(&Document::new(text, DocKind::Text));
        let spelling: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == "facts/entity-spelling")
            .collect();
        assert_eq!(spelling.len(), 1, "only 'Rusian': {spelling:#?}");
    }
}
