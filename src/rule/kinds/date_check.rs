//! `date-check`: dates that contradict the calendar, each other or the article date.
//!
//! ## What it does
//! Reads every date in the prose ("Tuesday, February 14, 2024", "February 7",
//! "14 February", "Feb. 7") and flags:
//! * an impossible date ("February 30", "April 31", "February 29, 2023");
//! * a weekday that does not fall on its date ("Tuesday, February 14, 2024"
//!   was a Wednesday), when the year is written or the article date is known;
//! * a relative date that contradicts the date before it ("On February 7 …
//!   Two days later, on February 10");
//! * a date after the article date told in the past tense ("On February 20,
//!   the minister said" in a February 13 story).
//!
//! A date without a year takes the article's year, or the year before when
//! that would put it more than 60 days after the article date ("On December 1"
//! in a February story is last December).
//!
//! ## Why it matters
//! Dates are the easiest facts to get wrong and the easiest for readers to
//! check; a wrong weekday or an impossible date undermines the whole story.
//!
//! ## Example
//! ```toml
//! kind = "date-check"
//! level = "error"
//! message = "{problem}"
//! ```
//!
//! ## Options
//! * `checks`: which checks run, any of `"impossible"`, `"weekday"`,
//!   `"relative"`, `"past-tense"` (default: all).

use super::{CompileCx, Kind};
use crate::document::dates::{month_name, month_number};
use crate::document::{Document, Scope};
use crate::error::SourceError;
use crate::finding::{Applicability, Edit, Finding, Fix, Label};
use crate::pattern::Pattern;
use crate::rule::{Context, Rule};
use jiff::civil::{Date, Weekday};
use std::ops::Range;
use std::sync::LazyLock;

crate::rule_spec! {
    /// TOML of a `date-check` rule.
    DateCheckSpec {
        /// Checks to run.
        #[serde(default = "all_checks")]
        checks: Vec<toml::Spanned<String>>,
    }
}

const CHECKS: &[&str] = &["impossible", "weekday", "relative", "past-tense"];

fn all_checks() -> Vec<toml::Spanned<String>> {
    CHECKS
        .iter()
        .map(|c| toml::Spanned::new(0..0, c.to_string()))
        .collect()
}

/// A compiled `date-check` rule.
pub struct DateCheck {
    impossible: bool,
    weekday: bool,
    relative: bool,
    past_tense: bool,
}

impl Kind for DateCheck {
    const NAME: &'static str = "date-check";
    const DEFAULT_SCOPE: Scope = Scope::Prose;
    type Spec = DateCheckSpec;

    fn compile(spec: DateCheckSpec, cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        crate::lexicon::warm(|| {
            LazyLock::force(&DATE);
            LazyLock::force(&RELATIVE);
        });
        for c in &spec.checks {
            if !CHECKS.contains(&c.get_ref().as_str()) {
                return Err(cx
                    .error(Some(c.span()), format!("unknown check '{}'", c.get_ref()))
                    .with_help(format!("checks: {}", CHECKS.join(", "))));
            }
        }
        let on = |name: &str| spec.checks.iter().any(|c| c.get_ref() == name);
        Ok(DateCheck {
            impossible: on("impossible"),
            weekday: on("weekday"),
            relative: on("relative"),
            past_tense: on("past-tense"),
        })
    }
}

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// "Tuesday, February 14, 2024", "February 7", "14 February 2024", "Feb. 7".
static DATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?-u)\b(?:(?P<wd>{WEEKDAY}),?\ )?(?:(?P<m1>{MONTH})\ (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\ (?:of\ )?(?P<m2>{MONTH})\b)(?:,?\ (?P<y>(?:1[89]|20)\d\d)\b)?"
    ))
    .expect("date pattern is valid")
});

/// "Two days later, on February 10" / "a week earlier, on ...".
static RELATIVE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\ (?P<unit>days?|weeks?)\ (?P<dir>later|earlier|after|before),?\ (?:on\ )?$")
        .expect("relative pattern is valid")
});

/// Verbs in the past tense that tie a sentence to a past event.
const PAST_VERBS: &[&str] = &[
    "said",
    "announced",
    "was",
    "were",
    "held",
    "met",
    "killed",
    "died",
    "attacked",
    "launched",
    "declared",
    "signed",
    "voted",
    "reported",
    "told",
    "visited",
    "arrived",
    "left",
    "won",
    "lost",
    "rose",
    "fell",
    "closed",
    "opened",
    "resigned",
    "took",
    "began",
    "ended",
    "accused",
];

/// One date written in the text.
struct Written {
    span: Range<usize>,
    weekday: Option<(Range<usize>, Weekday)>,
    month: i8,
    day: i8,
    year: Option<i16>,
}

fn weekday_of(name: &str) -> Option<Weekday> {
    Some(match name {
        "Monday" => Weekday::Monday,
        "Tuesday" => Weekday::Tuesday,
        "Wednesday" => Weekday::Wednesday,
        "Thursday" => Weekday::Thursday,
        "Friday" => Weekday::Friday,
        "Saturday" => Weekday::Saturday,
        "Sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

fn number_word(s: &str) -> Option<i64> {
    let words = [
        "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let lower = s.to_lowercase();
    if lower == "an" {
        return Some(1);
    }
    words
        .iter()
        .position(|w| *w == lower)
        .map(|i| i.max(1) as i64)
        .or_else(|| s.parse().ok())
}

/// The dates written in the document's prose (not in the dateline).
fn written_dates(doc: &Document) -> Vec<Written> {
    let mut out = Vec::new();
    for r in &doc.prose {
        for c in DATE.captures_iter(&doc.text[r.clone()]) {
            let at = |m: crate::pattern::Match<'_>| r.start + m.start()..r.start + m.end();
            let whole = at(c.get(0).expect("group 0"));
            if doc
                .dateline
                .as_ref()
                .is_some_and(|d| d.span.start <= whole.start && whole.end <= d.span.end)
            {
                continue;
            }
            let (m, d) = match (c.name("m1").or(c.name("m2")), c.name("d1").or(c.name("d2"))) {
                (Some(m), Some(d)) => (m, d),
                _ => continue,
            };
            let Some(month) = month_number(m.as_str()) else {
                continue;
            };
            let Ok(day) = d.as_str().parse::<i8>() else {
                continue;
            };
            // Not dates: day 0 or over 31, prices and ranges in market tables
            // ("Feb 48.7", "Aug/Oct 68.00", "May 185.00").
            let after = &doc.text[r.start + d.end()..];
            let before = &doc.text[..r.start + c.get(0).expect("group 0").start()];
            let decimal = after.len() > 1
                && after.starts_with(['.', ',', '/'])
                && after[1..].starts_with(|ch: char| ch.is_ascii_digit());
            if !(1..=31).contains(&day)
                || decimal
                || before.ends_with(['/', '-'])
                || after.starts_with(['/', '-'])
            {
                continue;
            }
            out.push(Written {
                span: whole,
                weekday: c
                    .name("wd")
                    .and_then(|w| Some((at(w), weekday_of(w.as_str())?))),
                month,
                day,
                year: c.name("y").and_then(|y| y.as_str().parse().ok()),
            });
        }
    }
    out
}

/// The calendar date meant, taking the year from the article when none is written.
fn resolve(w: &Written, article: Date) -> Option<Date> {
    if let Some(y) = w.year {
        return Date::new(y, w.month, w.day).ok();
    }
    let same = Date::new(article.year(), w.month, w.day).ok()?;
    let limit = article.checked_add(jiff::Span::new().days(60)).ok()?;
    if same > limit {
        Date::new(article.year() - 1, w.month, w.day).ok()
    } else {
        Some(same)
    }
}

/// The date `w` in the year (of three around `reference`) that puts it nearest to `reference`.
fn nearest(w: &Written, reference: Date) -> Option<Date> {
    (reference.year() - 1..=reference.year() + 1)
        .filter_map(|y| Date::new(y, w.month, w.day).ok())
        .min_by_key(|d| {
            d.since(reference)
                .map(|s| s.get_days().abs())
                .unwrap_or(i32::MAX)
        })
}

fn text_of(d: Date, year: bool) -> String {
    if year {
        format!("{} {}, {}", month_name(d.month()), d.day(), d.year())
    } else {
        format!("{} {}", month_name(d.month()), d.day())
    }
}

impl Rule for DateCheck {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        // Unknown (a document nobody dated): only dates with a written year are judged.
        let article = doc.article_date();
        let known_date =
            article.is_some_and(|a| a.source != crate::document::dates::DateSource::Today);
        let dates = written_dates(doc);
        let mut previous: Option<(Date, Range<usize>)> = None;
        for w in &dates {
            // Impossible: no year has this day in this month (February 29 needs a leap year).
            // 2024 is a leap year: with no year written, only dates no year has are impossible.
            if Date::new(w.year.unwrap_or(2024), w.month, w.day).is_err() {
                if self.impossible {
                    let why = match w.year {
                        Some(y) if w.month == 2 && w.day == 29 => {
                            format!("{y} is not a leap year: February 29, {y} does not exist")
                        }
                        _ => format!("{} {} does not exist", month_name(w.month), w.day),
                    };
                    out.push(cx.problem(w.span.clone(), &why));
                }
                continue;
            }
            let resolved = match (article, w.year) {
                (Some(a), _) => resolve(w, a.date),
                (None, Some(y)) => Date::new(y, w.month, w.day).ok(),
                // No article date: a date without a year is the one nearest the date
                // before it ("Two days later, on February 10").
                (None, None) => previous.as_ref().and_then(|(p, _)| nearest(w, *p)),
            };
            let Some(date) = resolved else {
                continue;
            };
            if self.weekday
                && let Some((wspan, weekday)) = &w.weekday
                && (w.year.is_some() || known_date)
                && date.weekday() != *weekday
            {
                let actual = weekday_name(date.weekday());
                let tense = if article.is_some_and(|a| date < a.date) {
                    "was"
                } else {
                    "is"
                };
                let problem = format!(
                    "{} {tense} a {actual}, not a {}",
                    text_of(date, w.year.is_some()),
                    weekday_name(*weekday)
                );
                let mut f = cx.problem(w.span.clone(), &problem);
                f.fix = Some(Fix {
                    description: format!("Replace '{}' with '{actual}'", weekday_name(*weekday)),
                    edits: vec![Edit {
                        span: wspan.clone(),
                        replacement: actual.to_string(),
                    }],
                    applicability: Applicability::MaybeIncorrect,
                });
                if w.year.is_none()
                    && let Some(a) = article
                {
                    f.notes.push(format!(
                        "year taken from the article date {} (from {})",
                        a.date, a.source
                    ));
                }
                out.push(f);
            }
            if self.relative
                && let Some((prev, prev_span)) = &previous
            {
                let sentence_start = doc
                    .sentence_at(w.span.start)
                    .map_or(w.span.start, |s| s.start);
                let lead = &doc.text[sentence_start.max(prev_span.end)..w.span.start];
                if let Some(c) = RELATIVE.captures(lead)
                    && let Some(n) = number_word(&c["n"])
                {
                    let days = if c["unit"].to_lowercase().starts_with("week") {
                        n * 7
                    } else {
                        n
                    };
                    let sign = if matches!(c["dir"].to_lowercase().as_str(), "later" | "after") {
                        1
                    } else {
                        -1
                    };
                    let expected = prev.checked_add(jiff::Span::new().days(sign * days)).ok();
                    // Without a year, the later date is the one nearest the date it counts from.
                    let date = if w.year.is_some() {
                        Some(date)
                    } else {
                        nearest(w, *prev)
                    };
                    if let (Some(expected), Some(date)) = (expected, date)
                        && expected != date
                    {
                        let phrase = c.get(0).expect("group 0").as_str();
                        let phrase = phrase
                            .trim_end_matches(' ')
                            .trim_end_matches("on")
                            .trim_end_matches([',', ' ']);
                        let direction = if sign > 0 { "after" } else { "before" };
                        let count: Vec<&str> = phrase.split(' ').take(2).collect();
                        let problem = format!(
                            "'{phrase}' does not agree with {}: {} {direction} {} is {}",
                            text_of(date, false),
                            count.join(" ").to_lowercase(),
                            text_of(*prev, false),
                            text_of(expected, false),
                        );
                        let mut f = cx.problem(w.span.clone(), &problem);
                        f.labels.push(Label {
                            span: prev_span.clone(),
                            message: "the date it counts from".into(),
                        });
                        out.push(f);
                    }
                }
            }
            if self.past_tense
                && known_date
                && let Some(a) = article
                && date > a.date
                && starts_past_sentence(doc, w)
            {
                let problem = format!(
                    "{} is after the article date ({}) but is told in the past tense",
                    text_of(date, w.year.is_some()),
                    a.date
                );
                let mut f = cx.problem(w.span.clone(), &problem);
                f.notes
                    .push(format!("article date {} (from {})", a.date, a.source));
                out.push(f);
            }
            previous = Some((date, w.span.clone()));
        }
    }
}

/// "On February 20, the minister said …": the date opens its sentence and a past-tense
/// verb follows within a few words.
fn starts_past_sentence(doc: &Document, w: &Written) -> bool {
    let Some(sentence) = doc.sentence_at(w.span.start) else {
        return false;
    };
    let lead = doc.text[sentence.start..w.span.start].trim();
    if !(lead == "On" || lead == "on" || lead.is_empty()) {
        return false;
    }
    doc.text[w.span.end..sentence.end]
        .split(|c: char| !c.is_alphabetic())
        .filter(|t| !t.is_empty())
        .take(8)
        .any(|t| PAST_VERBS.contains(&t))
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str = "kind = \"date-check\"\nlevel = \"error\"\nmessage = \"{problem}\"\n";

    fn dated(text: &str, date: &str) -> Vec<crate::finding::Finding> {
        let mut doc =
            crate::document::Document::new(text.to_string(), crate::document::DocKind::Text);
        doc.resolve_date(
            Some(date.parse().unwrap()),
            None,
            jiff::civil::Date::new(2026, 11, 26).unwrap(),
        );
        rule(RULE).check(&doc)
    }

    #[test]
    fn flags_a_weekday_that_is_not_the_dates() {
        let f = dated(
            "The vote is on Tuesday, February 14, 2024, officials said.",
            "2024-02-01",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].message,
            "February 14, 2024 is a Wednesday, not a Tuesday"
        );
        let fixed = crate::fix::apply(
            "The vote is on Tuesday, February 14, 2024, officials said.",
            &f,
            true,
        )
        .0;
        assert_eq!(
            fixed,
            "The vote is on Wednesday, February 14, 2024, officials said."
        );
        assert!(dated("The vote is on Wednesday, February 14, 2024.", "2024-02-01").is_empty());
        // No year written: the article's year is used.
        assert_eq!(
            dated("Talks resume on Monday, March 4.", "2024-02-28").len(),
            0
        );
        assert_eq!(
            dated("Talks resume on Tuesday, March 4.", "2024-02-28").len(),
            1
        );
    }

    #[test]
    fn flags_impossible_dates() {
        let f = dated(
            "The deal was signed on February 30 and on 31 April. February 29, 2023 too.",
            "2024-03-01",
        );
        let m: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            m,
            [
                "February 30 does not exist",
                "April 31 does not exist",
                "2023 is not a leap year: February 29, 2023 does not exist"
            ]
        );
        assert!(dated("It ended on February 29, 2024.", "2024-03-01").is_empty());
    }

    #[test]
    fn market_tables_are_not_dates() {
        assert!(
            dated(
                "Wheat prev 39.9, Feb 48.7, March 13.2. Aug/Oct 68.00 paid. May 185.00 Jun 0.",
                "1987-03-01"
            )
            .is_empty()
        );
        assert_eq!(
            dated("The year ended November 31 1986.", "1987-03-01").len(),
            1
        );
    }

    #[test]
    fn flags_relative_dates_that_disagree() {
        let t = "On February 7, he spoke. Two days later, on February 10, he left.";
        let f = dated(t, "2024-02-13");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("February 9"), "{}", f[0].message);
        assert!(
            dated(
                "On February 7, he spoke. Two days later, on February 9, he left.",
                "2024-02-13"
            )
            .is_empty()
        );
        assert!(
            dated(
                "On February 7, he spoke. Two days later, he left.",
                "2024-02-13"
            )
            .is_empty()
        );
        assert!(
            dated(
                "On February 7, he spoke. A week later, on February 14, he left.",
                "2024-02-20"
            )
            .is_empty()
        );
    }

    #[test]
    fn flags_future_dates_told_in_the_past_tense() {
        let f = dated(
            "On February 20, the minister said talks had failed.",
            "2024-02-13",
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            dated(
                "The minister said talks would resume on February 20.",
                "2024-02-13"
            )
            .is_empty()
        );
        assert!(
            dated(
                "On December 1, the army said the truce was over.",
                "2024-02-13"
            )
            .is_empty()
        );
    }
}
