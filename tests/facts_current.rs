//! The knowledge base on copy written 2023–2026, and its honesty.
//!
//! * `tests/fixtures/facts-current/cases.toml`: short wire stories, each citing the public
//!   record its verdict rests on. Every wrong title must be flagged (an error whose span or
//!   label covers the named person) and nothing else at error level.
//! * Every term on file, told in a story dated a year after its office's coverage ends,
//!   gives no error: no finding may rest on the absence of a record the sources could not have.

use copydesk::config::Settings;
use copydesk::document::{DocKind, Document};
use copydesk::finding::{Finding, Level};
use copydesk::pack::RuleSet;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    date: String,
    text: String,
    flag: Vec<String>,
    cite: String,
    /// Why the knowledge base cannot see this wrong title: the case must then stay silent.
    #[serde(default)]
    limit: Option<String>,
}

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

fn default_rules() -> RuleSet {
    Settings::defaults(".".into())
        .rule_set()
        .expect("built-in packs load")
}

fn check(rules: &RuleSet, text: &str, date: jiff::civil::Date) -> Vec<Finding> {
    let mut doc = Document::new(text.to_string(), DocKind::Text);
    doc.resolve_date(Some(date), None, date);
    rules.check(&doc)
}

fn covers(f: &Finding, span: &std::ops::Range<usize>) -> bool {
    std::iter::once(&f.span)
        .chain(f.labels.iter().map(|l| &l.span))
        .any(|s| s.start < span.end && span.start < s.end)
}

#[test]
fn current_stories_are_judged_by_the_facts_of_their_day() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/facts-current/cases.toml");
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let cases: Cases = toml::from_str(&text).expect("fixture parses");
    let rules = default_rules();
    let mut failures = Vec::new();
    let (mut wrong, mut right, mut misses) = (0, 0, 0);
    for case in &cases.case {
        assert!(!case.cite.trim().is_empty(), "{}: no citation", case.id);
        let date: jiff::civil::Date = case.date.parse().expect("case date");
        let errors: Vec<Finding> = check(&rules, &case.text, date)
            .into_iter()
            .filter(|f| f.level == Level::Error)
            .collect();
        if case.flag.is_empty() {
            right += 1;
        } else {
            wrong += 1;
        }
        if let Some(why) = &case.limit {
            misses += 1;
            if !errors.is_empty() {
                failures.push(format!(
                    "{}: a known limit ({why}) now gives {}: update the case",
                    case.id, errors[0].message
                ));
            }
            continue;
        }
        let mut unexplained: Vec<&Finding> = errors.iter().collect();
        for name in &case.flag {
            let Some(at) = case.text.find(name.as_str()) else {
                failures.push(format!("{}: flag {name:?} is not in the text", case.id));
                continue;
            };
            // The person's first mention that an error covers (a surname may recur).
            let spans: Vec<_> = case
                .text
                .match_indices(name.as_str())
                .map(|(i, _)| i..i + name.len())
                .collect();
            match unexplained
                .iter()
                .position(|f| spans.iter().any(|s| covers(f, s)))
            {
                Some(i) => {
                    unexplained.remove(i);
                }
                None => failures.push(format!(
                    "{}: {name:?} (at byte {at}) is not flagged; cite: {}",
                    case.id, case.cite
                )),
            }
        }
        for f in unexplained {
            failures.push(format!(
                "{}: unexpected {} at {:?} ({:?}): {}",
                case.id,
                f.rule,
                f.span,
                &case.text[f.span.clone()],
                f.message
            ));
        }
    }
    assert!(
        cases.case.len() >= 100 && wrong >= 40 && right >= 40,
        "the fixture set shrank: {} cases",
        cases.case.len()
    );
    assert!(
        misses * 20 <= wrong,
        "{misses} of {wrong} wrong titles are known misses: more than 5%"
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}

#[test]
fn no_error_rests_on_a_record_the_sources_could_not_have() {
    let rules = default_rules();
    let facts = rules.facts();
    let mut failures = Vec::new();
    let mut checked = 0;
    for person in &facts.people {
        for office in &person.offices {
            // The last day any source on file knows this office in this country.
            let known = facts
                .people
                .iter()
                .flat_map(|p| &p.offices)
                .filter(|o| o.title == office.title && o.country == office.country)
                .filter_map(|o| o.to.into_iter().chain(facts.known_until(o)).max())
                .max();
            let Some(known) = known else { continue };
            let Some(country) = facts.country(&office.country) else {
                continue;
            };
            let date = known.last_day().saturating_add(jiff::Span::new().years(1));
            let Some(adjective) = country.demonyms.first() else {
                continue;
            };
            let story = format!(
                "{adjective} {} {} spoke to reporters on Tuesday.",
                office.title, person.name
            );
            checked += 1;
            for f in check(&rules, &story, date) {
                if f.level == Level::Error && f.rule == "facts/title" {
                    failures.push(format!("{date}: {story} -> {}", f.message));
                }
            }
        }
    }
    assert!(checked > 3_000, "only {checked} terms checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} stories got an error past their sources:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}
