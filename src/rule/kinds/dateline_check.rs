//! `dateline-check`: the dateline at the top of a wire story.
//!
//! ## What it does
//! Recognises the datelines of the main wire services (TASS "MOSCOW,
//! February 13. /TASS/.", Reuters "LONDON, March 4 (Reuters) -", AP
//! "WASHINGTON (AP) —", AFP "PARIS, May 2 (AFP) -", and the bare "CITY, Feb 26 -")
//! and flags:
//! * a month that is not a month ("Febuary"), with the nearest month as the fix;
//! * a day the month does not have ("February 30");
//! * a place not in capitals ("Moscow, February 13. /TASS/.");
//! * a dateline dated more than a day after the article's date (from `--date` or
//!   front matter; a day's grace for time zones).
//!
//! ## Why it matters
//! The dateline is the first thing a reader and an editor see; a broken one
//! tells both that nobody read the top of the story.
//!
//! ## Example
//! ```toml
//! kind = "dateline-check"
//! level = "error"
//! message = "Dateline: {problem}"
//! ```
//!
//! ## Options
//! None.

use super::{CompileCx, Kind};
use crate::document::dates::{DateSource, month_name, month_number};
use crate::document::{Document, Scope};
use crate::error::SourceError;
use crate::finding::{Applicability, Edit, Finding, Fix};
use crate::lexicon::FuzzyIndex;
use crate::pattern::Pattern;
use crate::rule::{Context, Rule};
use std::sync::LazyLock;

crate::rule_spec! {
    /// TOML of a `dateline-check` rule.
    DatelineCheckSpec {}
}

/// A compiled `dateline-check` rule.
pub struct DatelineCheck {
    months: FuzzyIndex,
}

impl Kind for DatelineCheck {
    const NAME: &'static str = "dateline-check";
    const DEFAULT_SCOPE: Scope = Scope::All;
    type Spec = DatelineCheckSpec;

    fn compile(_spec: DatelineCheckSpec, _cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        Ok(DatelineCheck {
            months: FuzzyIndex::new((1..=12).map(|m| month_name(m).to_string()), 2),
        })
    }
}

/// A dateline whose place is not in capitals: "Moscow, February 13. /TASS/." or
/// "London, March 4 (Reuters) -".
static LOWER_CITY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}), [A-Z][a-z]{2,9}\.? [0-9]{1,2}\.?(?: /[A-Za-z-]+/\.?| \([A-Za-z][A-Za-z .-]{0,30}\)(?: [-—–])?)")
        .expect("pattern is valid")
});

impl DatelineCheck {
    fn lower_case_city(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc: &Document = cx.doc;
        for p in doc.paragraphs.iter().filter(|p| !doc.is_heading(p)).take(3) {
            if let Some(c) = LOWER_CITY.captures(&doc.text[p.clone()]) {
                let city = c.name("city").expect("city group");
                let span = p.start + city.start()..p.start + city.end();
                let mut f = cx.problem(
                    span.clone(),
                    "the place is written in capitals in a dateline",
                );
                f.fix = Some(Fix {
                    description: format!("Write '{}'", city.as_str().to_uppercase()),
                    edits: vec![Edit {
                        span,
                        replacement: city.as_str().to_uppercase(),
                    }],
                    applicability: Applicability::MachineApplicable,
                });
                out.push(f);
                return;
            }
        }
    }
}

impl Rule for DatelineCheck {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(dl) = &doc.dateline else {
            self.lower_case_city(cx, out);
            return;
        };
        let (Some(mspan), Some(dspan)) = (dl.month.clone(), dl.day.clone()) else {
            return;
        };
        let month_text = &doc.text[mspan.clone()];
        let Some(month) = month_number(month_text) else {
            let near = self.months.lookup(month_text.trim_end_matches('.'), 2);
            let mut f = cx.problem(mspan.clone(), &format!("'{month_text}' is not a month"));
            if let [best, rest @ ..] = near.as_slice()
                && rest.first().is_none_or(|r| r.distance > best.distance)
            {
                f.fix = Some(Fix::replace(
                    mspan,
                    best.name.clone(),
                    Applicability::MachineApplicable,
                ));
            }
            out.push(f);
            return;
        };
        let Ok(day) = doc.text[dspan.clone()].parse::<i8>() else {
            return;
        };
        let article = doc.article_date();
        // Without an article date, 2024 (a leap year) finds only days no year has.
        let year = article.map_or(2024, |a| a.date.year());
        let Ok(date) = jiff::civil::Date::new(
            if month == 2 && day == 29 { 2024 } else { year },
            month,
            day,
        ) else {
            out.push(cx.problem(
                mspan.start..dspan.end,
                &format!("{} has no day {day}", month_name(month)),
            ));
            return;
        };
        // The dateline's own date is only comparable to a date from elsewhere. A day's
        // grace: the dateline is local time, and a story filed in the evening in New York
        // is already dated the next day in Tokyo.
        let Some(article) = article else {
            return;
        };
        let grace = article.date.tomorrow().unwrap_or(article.date);
        if matches!(
            article.source,
            DateSource::CommandLine | DateSource::FrontMatter
        ) && date.year() == year
            && date > grace
        {
            let mut f = cx.problem(
                mspan.start..dspan.end,
                &format!(
                    "dated {} {day}, after the article date {}",
                    month_name(month),
                    article.date
                ),
            );
            f.notes
                .push(format!("article date from {}", article.source));
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str = "kind = \"dateline-check\"\nlevel = \"error\"\nmessage = \"{problem}\"\n";

    fn dated(text: &str, date: Option<&str>) -> Vec<crate::finding::Finding> {
        let mut doc =
            crate::document::Document::new(text.to_string(), crate::document::DocKind::Text);
        doc.resolve_date(
            date.map(|d| d.parse().unwrap()),
            Some(2024),
            jiff::civil::Date::new(2026, 11, 26).unwrap(),
        );
        rule(RULE).check(&doc)
    }

    #[test]
    fn flags_a_misspelt_month_with_fix() {
        let t = "Headline\n\nMOSCOW, Febuary 13. /TASS/. Russia said.\n";
        let f = dated(t, None);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "'Febuary' is not a month");
        assert_eq!(
            crate::fix::apply(t, &f, false).0,
            "Headline\n\nMOSCOW, February 13. /TASS/. Russia said.\n"
        );
    }

    #[test]
    fn flags_impossible_days_lower_case_places_and_late_datelines() {
        assert_eq!(
            dated("H\n\nMOSCOW, February 30. /TASS/. Text.\n", None)[0].message,
            "February has no day 30"
        );
        let f = dated("H\n\nMoscow, February 13. /TASS/. Text.\n", None);
        assert_eq!(
            f[0].message,
            "the place is written in capitals in a dateline"
        );
        assert_eq!(f[0].fix.as_ref().unwrap().edits[0].replacement, "MOSCOW");
        let late = dated(
            "H\n\nLONDON, March 4 (Reuters) - Text.\n",
            Some("2024-03-01"),
        );
        assert_eq!(
            late[0].message,
            "dated March 4, after the article date 2024-03-01"
        );
        assert!(
            dated("H\n\nTOKYO, March 2 - Text.\n", Some("2024-03-01")).is_empty(),
            "time-zone grace"
        );
    }

    #[test]
    fn accepts_good_datelines() {
        for t in [
            "H\n\nMOSCOW, February 13. /TASS/. Russia said.\n",
            "H\n\nLONDON, March 4 (Reuters) - Shares fell.\n",
            "H\n\nWASHINGTON (AP) — The Senate voted.\n",
            "H\n\nBUENOS AIRES, Feb 26 - Grain.\n",
            "H\n\nThe minister said on Monday.\n",
        ] {
            assert!(dated(t, Some("2024-03-05")).is_empty(), "{t}");
        }
    }
}
