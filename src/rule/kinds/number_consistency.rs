//! `number-consistency`: the same quantity stated two ways, and numerals style.
//!
//! ## What it does
//! * Flags a count that an article states twice with different numbers for the
//!   same noun and event: "100 people died" … "110 people died" ("killed",
//!   "died" and "dead" are one event; "wounded", "injured" and "hurt" another).
//!   Counts with a qualifier ("at least", "more than", "about") are estimates
//!   and are not compared.
//! * With `spell-out-below = 10` (AP style), flags a figure under ten used as a
//!   count of something ("3 people" → "three people"), and a number word of ten
//!   or more ("twelve people" → "12 people"). Off unless the pack sets it: wire
//!   services differ (Reuters used figures throughout).
//!
//! ## Why it matters
//! Two tolls in one story leave the reader not knowing which is true.
//!
//! ## Example
//! ```toml
//! kind = "number-consistency"
//! level = "warning"
//! message = "{problem}"
//! ```
//!
//! ## Options
//! * `spell-out-below`: spell out counts below this number (AP: 10). Unset: no numerals check.

use super::{CompileCx, Kind};
use crate::document::Scope;
use crate::error::SourceError;
use crate::finding::{Applicability, Edit, Finding, Fix, Label};
use crate::pattern::Pattern;
use crate::rule::{Context, Rule, match_case};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

crate::rule_spec! {
    /// TOML of a `number-consistency` rule.
    NumberConsistencySpec {
        /// Spell out counts below this number.
        #[serde(default)]
        spell_out_below: Option<u32>,
    }
}

/// A compiled `number-consistency` rule.
pub struct NumberConsistency {
    spell_out_below: Option<u32>,
}

impl Kind for NumberConsistency {
    const NAME: &'static str = "number-consistency";
    const DEFAULT_SCOPE: Scope = Scope::Prose;
    type Spec = NumberConsistencySpec;

    fn compile(spec: NumberConsistencySpec, _cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        crate::lexicon::warm(|| {
            LazyLock::force(&COUNT);
            LazyLock::force(&FIGURE);
        });
        Ok(NumberConsistency {
            spell_out_below: spec.spell_out_below,
        })
    }
}

const WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// "100 people died", "at least 230 were wounded", "two soldiers were killed".
static COUNT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i-u)\b(?P<q>at least |more than |over |about |nearly |almost |some |around |up to |fewer than |less than |roughly |an estimated |approximately )?(?P<num>\d{1,3}(?:,\d{3})+|\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty) (?:(?P<noun>[a-z]+) )?(?:(?:were|was|have been|had been|are|is|have|had) )?(?P<verb>killed|died|dead|wounded|injured|hurt|arrested|detained|missing)\b",
    )
    .expect("count pattern is valid")
});

/// Nouns counted in news copy, for the numerals style check.
const COUNTED: &[&str] = &[
    "people",
    "persons",
    "children",
    "men",
    "women",
    "soldiers",
    "officers",
    "members",
    "countries",
    "cities",
    "towns",
    "villages",
    "houses",
    "homes",
    "buildings",
    "ships",
    "boats",
    "planes",
    "cars",
    "companies",
    "banks",
    "teams",
    "players",
    "ministers",
    "times",
    "days",
    "weeks",
    "months",
    "hours",
    "schools",
    "hospitals",
    "states",
    "seats",
    "candidates",
    "parties",
    "judges",
    "victims",
    "suspects",
];

static FIGURE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?-u)\b(?P<num>\d+|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty) (?P<noun>[a-z]+)\b")
        .expect("figure pattern is valid")
});

fn value(num: &str) -> Option<u64> {
    let lower = num.to_lowercase();
    WORDS
        .iter()
        .position(|w| *w == lower)
        .map(|i| i as u64)
        .or_else(|| num.replace(',', "").parse().ok())
}

/// One event: deaths, injuries, arrests or the missing.
fn event(verb: &str) -> &'static str {
    match verb.to_lowercase().as_str() {
        "killed" | "died" | "dead" => "killed",
        "wounded" | "injured" | "hurt" => "injured",
        "arrested" | "detained" => "arrested",
        _ => "missing",
    }
}

impl NumberConsistency {
    fn counts(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let mut first: HashMap<(String, &'static str), (u64, std::ops::Range<usize>)> =
            HashMap::default();
        for r in &doc.prose {
            for c in COUNT.captures_iter(&doc.text[r.clone()]) {
                if c.name("q").is_some() {
                    continue;
                }
                let num = c.name("num").expect("num group");
                let Some(n) = value(num.as_str()) else {
                    continue;
                };
                let noun = c
                    .name("noun")
                    .map_or(String::new(), |m| m.as_str().to_lowercase());
                let key = (noun, event(&c["verb"]));
                let whole = c.get(0).expect("group 0");
                let span = r.start + whole.start()..r.start + whole.end();
                if !doc.in_scope(&span, cx.meta.scope) {
                    continue;
                }
                match first.get(&key) {
                    None => {
                        first.insert(key, (n, span));
                    }
                    Some((m, first_span)) if *m != n => {
                        let problem = format!(
                            "'{}' contradicts '{}' earlier in this article",
                            whole.as_str(),
                            doc.slice(first_span)
                        );
                        let mut f = cx
                            .meta
                            .finding(span, &[("problem", &problem), ("match", whole.as_str())]);
                        f.labels.push(Label {
                            span: first_span.clone(),
                            message: "first stated here".into(),
                        });
                        out.push(f);
                    }
                    Some(_) => {}
                }
            }
        }
    }

    fn numerals(&self, below: u32, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for r in &doc.prose {
            let text = &doc.text[r.clone()];
            for c in FIGURE.captures_iter(text) {
                let num = c.name("num").expect("num group");
                if !COUNTED.contains(&&c["noun"]) {
                    continue;
                }
                // Part of a larger figure, money, a score or a range: "1.5", "$3", "3-2", "2,000".
                let before = text[..num.start()].chars().next_back();
                if before.is_some_and(|b| b.is_ascii_digit() || ".,$£€-/".contains(b)) {
                    continue;
                }
                let Some(n) = value(num.as_str()) else {
                    continue;
                };
                let span = r.start + num.start()..r.start + num.end();
                if !doc.in_scope(&span, cx.meta.scope) {
                    continue;
                }
                let is_digit = num.as_str().starts_with(|ch: char| ch.is_ascii_digit());
                let replacement = match (is_digit, n < u64::from(below)) {
                    (true, true) => WORDS[n as usize].to_string(),
                    (false, false) => n.to_string(),
                    _ => continue,
                };
                let replacement = if is_digit && doc.starts_sentence(span.start) {
                    match_case("X", &replacement)
                } else {
                    replacement
                };
                let problem = if is_digit {
                    format!("spell out numbers below {below}: write '{replacement}'")
                } else {
                    format!("use figures for {below} and above: write '{replacement}'")
                };
                let mut f = cx.meta.finding(
                    span.clone(),
                    &[("problem", &problem), ("match", num.as_str())],
                );
                f.fix = Some(Fix {
                    description: format!("Write '{replacement}'"),
                    edits: vec![Edit { span, replacement }],
                    applicability: Applicability::MachineApplicable,
                });
                out.push(f);
            }
        }
    }
}

impl Rule for NumberConsistency {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        self.counts(cx, out);
        if let Some(below) = self.spell_out_below {
            self.numerals(below, cx, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str = "kind = \"number-consistency\"\nmessage = \"{problem}\"\n";

    #[test]
    fn flags_the_same_toll_stated_two_ways() {
        let r = rule(RULE);
        let f = assert_findings(
            "Officials said 100 people died in the strikes. Later, 110 people were killed, they said.",
            &r,
            1,
        );
        assert_eq!(
            f[0].message,
            "'110 people were killed' contradicts '100 people died' earlier in this article"
        );
        assert_eq!(f[0].labels.len(), 1);
    }

    #[test]
    fn estimates_other_events_and_repeats_are_not_contradictions() {
        let r = rule(RULE);
        assert_findings(
            "At least 100 people died and 230 were wounded. More than 110 people died, medics said. \
             100 people died, officials repeated. Two soldiers were arrested.",
            &r,
            0,
        );
    }

    #[test]
    fn numerals_style_follows_the_pack_setting() {
        let r =
            rule("kind = \"number-consistency\"\nmessage = \"{problem}\"\nspell-out-below = 10\n");
        assert_fix(
            "Police arrested 3 people and twelve men in 2 cities.",
            &r,
            "Police arrested three people and 12 men in two cities.",
        );
        assert_findings(
            "It rose 3.5 percent; a 3-2 win; $5 people; 15 people; five people; 4 pct.",
            &r,
            0,
        );
        assert_findings("Police arrested 3 people.", &rule(RULE), 0);
    }
}
