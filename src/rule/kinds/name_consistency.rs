//! `name-consistency`: one person or place, spelled two ways in one article.
//!
//! ## What it does
//! Flags the later spelling when an article writes the same name two ways:
//! * two names on file for one person ("Sergey Lavrov" … "Sergei Lavrov");
//! * a name with a hyphen and with a space ("Al Mayadeen" … "Al-Mayadeen");
//! * two transliterations of one name ("Yanukovich" … "Yanukovych",
//!   "Sergey" … "Sergei").
//!
//! The first spelling is labelled; the fix (for review) writes it again.
//!
//! ## Why it matters
//! Readers take two spellings for two people or places; editors take them for
//! copy nobody read.
//!
//! ## Example
//! ```toml
//! kind = "name-consistency"
//! level = "warning"
//! message = "'{match}' is written '{expected}' earlier in this article"
//! ```
//!
//! ## Options
//! * `min-length` (default 5): shortest single word compared by transliteration.

use super::{CompileCx, Kind};
use crate::document::{Document, Scope};
use crate::error::SourceError;
use crate::finding::{Applicability, Finding, Label};
use crate::lexicon::transliteration_fold;
use crate::rule::{Context, Rule, word_fix};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

crate::rule_spec! {
    /// TOML of a `name-consistency` rule.
    NameConsistencySpec {
        /// Shortest single word compared by transliteration.
        #[serde(default = "default_min_length")]
        min_length: usize,
    }
}

fn default_min_length() -> usize {
    5
}

/// A compiled `name-consistency` rule.
pub struct NameConsistency {
    /// Person index of each registered name or alias.
    names: Vec<usize>,
    min_length: usize,
}

impl Kind for NameConsistency {
    const NAME: &'static str = "name-consistency";
    const DEFAULT_SCOPE: Scope = Scope::All;
    type Spec = NameConsistencySpec;

    fn compile(spec: NameConsistencySpec, cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        let mut names = Vec::new();
        for (i, p) in cx.facts.people.iter().enumerate() {
            if p.aliases.is_empty() {
                continue;
            }
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                cx.literal(names.len(), n, true);
                names.push(i);
            }
        }
        Ok(NameConsistency {
            names,
            min_length: spec.min_length,
        })
    }
}

fn capitalized(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(char::is_uppercase) && !s.chars().all(|c| !c.is_lowercase())
}

/// Capitalized names in the text and the key under which spellings of one name meet:
/// single words folded over transliteration, and pairs of words joined by a space or a
/// hyphen with the joint removed. A pair is not compared with a single word: "Air
/// Lines" and "Airlines", "Hong Kong" and "Hongkong" are often different companies.
fn name_forms(doc: &Document, min_length: usize) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let words = &doc.words;
    for (i, w) in words.iter().enumerate() {
        let word = doc.slice(w);
        if !capitalized(word) {
            continue;
        }
        let bare = crate::document::bare_word(word);
        if bare.chars().count() >= min_length && bare.chars().all(char::is_alphabetic) {
            out.push((
                format!("1:{}", transliteration_fold(bare)),
                w.start..w.start + bare.len(),
            ));
        }
        if let Some(next) = words.get(i + 1) {
            let gap = &doc.text[w.end..next.start];
            if (gap == " " || gap == "-") && capitalized(doc.slice(next)) {
                let key = format!(
                    "2:{}{}",
                    word.to_lowercase(),
                    doc.slice(next).to_lowercase()
                );
                out.push((key, w.start..next.end));
            }
        }
    }
    out
}

impl NameConsistency {
    fn report(cx: &Context<'_>, later: Range<usize>, first: Range<usize>, out: &mut Vec<Finding>) {
        let found = cx.doc.slice(&later).to_string();
        let expected = cx.doc.slice(&first).to_string();
        let mut f = cx
            .meta
            .finding(later.clone(), &[("match", &found), ("expected", &expected)]);
        f.labels.push(Label {
            span: first,
            message: format!("first written '{expected}' here"),
        });
        f.fix = Some(word_fix(
            &cx.doc.text,
            later,
            expected,
            Applicability::MaybeIncorrect,
        ));
        out.push(f);
    }
}

impl Rule for NameConsistency {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        // People on file: the first name or alias used sets the spelling.
        let mut first_by_person: HashMap<usize, Range<usize>> = HashMap::default();
        let mut flagged: Vec<Range<usize>> = Vec::new();
        // A name inside a longer one ("Bambang Yudhoyono" in "Susilo Bambang Yudhoyono")
        // is the same mention. The hits are in text order: only those that start at or
        // before a span, and not so long before that they end before it, can hold it.
        let longest = cx.hits.iter().map(|h| h.span.len()).max().unwrap_or(0);
        let inner = |span: &Range<usize>| {
            let upto = cx.hits.partition_point(|o| o.span.start <= span.start);
            cx.hits[..upto]
                .iter()
                .rev()
                .take_while(|o| o.span.start + longest >= span.end)
                .any(|o| o.span != *span && span.end <= o.span.end)
        };
        for h in cx.hits.iter().filter(|h| !inner(&h.span)) {
            let person = self.names[h.term as usize];
            match first_by_person.get(&person) {
                None => {
                    first_by_person.insert(person, h.span.clone());
                }
                // A shorter form of the same name ("Manuel Barroso" after "Jose Manuel
                // Barroso") is how copy refers to a person again, not another spelling.
                Some(first)
                    if doc.slice(first) != doc.slice(&h.span)
                        && !shorter_form(doc.slice(first), doc.slice(&h.span)) =>
                {
                    Self::report(cx, h.span.clone(), first.clone(), out);
                    flagged.push(h.span.clone());
                }
                Some(_) => {}
            }
        }
        // Any name: same key, different spelling.
        let mut first_by_key: HashMap<String, Range<usize>> = HashMap::default();
        for (key, span) in name_forms(doc, self.min_length) {
            let Some(first) = first_by_key.get(&key) else {
                first_by_key.insert(key, span);
                continue;
            };
            let (a, b) = (doc.slice(first), doc.slice(&span));
            let overlaps_flag = flagged
                .iter()
                .any(|f| f.start < span.end && span.start < f.end);
            if a != b && !a.eq_ignore_ascii_case(b) && !overlaps_flag {
                Self::report(cx, span.clone(), first.clone(), out);
                flagged.push(span);
            }
        }
    }
}

/// True when the words of one name are the other's, in order, with some left out.
fn shorter_form(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut words = long.iter();
    short.iter().all(|w| words.any(|l| l == w))
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str =
        "kind = \"name-consistency\"\nmessage = \"'{match}' is written '{expected}' earlier\"\n";

    #[test]
    fn flags_two_spellings_of_one_name() {
        let r = rule(RULE);
        let f = assert_findings(
            "Sergey Lavrov spoke. According to Al Mayadeen TV, talks failed. Sergei Lavrov left. Al-Mayadeen said so.",
            &r,
            2,
        );
        assert_eq!(
            f[0].message,
            "'Sergei Lavrov' is written 'Sergey Lavrov' earlier"
        );
        assert_eq!(
            f[1].message,
            "'Al-Mayadeen' is written 'Al Mayadeen' earlier"
        );
        assert_findings("Viktor Yanukovich won. Yanukovych conceded.", &r, 1);
        // A shorter form of the full name is not another spelling.
        assert_findings(
            "President Susilo Bambang Yudhoyono spoke. Later Bambang Yudhoyono left.",
            &r,
            0,
        );
    }

    #[test]
    fn stays_quiet_on_one_spelling_and_different_names() {
        let r = rule(RULE);
        assert_findings(
            "Sergey Lavrov spoke. Lavrov left. Al Mayadeen TV reported. Al Mayadeen said. \
             The Al-Aqsa Mosque. In Paris, the Bay of Bengal and Bai Ling met. North Korea and South Korea.",
            &r,
            0,
        );
    }
}
