//! `office-title`: a national office title with the wrong national adjective.
//!
//! ## What it does
//! Finds "`Modifier` `Title` `Person`" around every mention of a person in the
//! knowledge base ("Jewish Prime Minister Benjamin Netanyahu"). When the person
//! held that title for a country and the modifier is a religion or ethnicity
//! (from `non-national`) or another country's adjective, it is flagged and the
//! office country's adjective is offered as the fix ("Israeli").
//!
//! ## Why it matters
//! A national office belongs to a state, not a faith or ethnic group: wire
//! style writes "Israeli Prime Minister", never "Jewish Prime Minister".
//!
//! ## Example
//! ```toml
//! kind = "office-title"
//! level = "error"
//! message = "'{match} {title}' is not a title; {person} is {title} of {country}: write '{expected} {title}'"
//! non-national = ["Jewish", "Muslim", "Arab"]
//! ```
//!
//! ## Options
//! * `non-national`: adjectives that are never a state's (religions, ethnicities).
//! * `foreign-adjectives` (default `true`): also flag another country's adjective.

use super::{CompileCx, Kind};
use crate::document::Scope;
use crate::error::SourceError;
use crate::facts::{Facts, Person};
use crate::finding::{Applicability, Edit, Finding, Fix, Label};
use crate::rule::{Context, Rule, RuleMeta};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

crate::rule_spec! {
    /// TOML of an `office-title` rule.
    OfficeTitleSpec {
        /// Religions and ethnicities.
        #[serde(default)]
        non_national: Vec<String>,
        /// Flag another country's adjective too.
        #[serde(default = "yes")]
        foreign_adjectives: bool,
    }
}

fn yes() -> bool {
    true
}

/// A compiled `office-title` rule.
pub struct OfficeTitle {
    facts: Arc<Facts>,
    /// Person index of each registered name.
    mentions: Vec<usize>,
    /// Title forms, longest first, so "Deputy Prime Minister" wins over "Prime Minister".
    forms: Vec<String>,
    non_national: HashSet<String>,
    foreign_adjectives: bool,
}

impl Kind for OfficeTitle {
    const NAME: &'static str = "office-title";
    const DEFAULT_SCOPE: Scope = Scope::All;
    type Spec = OfficeTitleSpec;

    fn compile(
        spec: OfficeTitleSpec,
        _meta: &RuleMeta,
        cx: &mut CompileCx<'_>,
    ) -> Result<Self, SourceError> {
        let facts = cx.facts;
        let mut mentions = Vec::new();
        for (i, p) in facts.people.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                cx.literal(mentions.len(), name, true);
                mentions.push(i);
            }
        }
        let mut forms: Vec<String> = facts.title_forms().map(str::to_string).collect();
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        Ok(OfficeTitle {
            facts: cx.facts.clone(),
            mentions,
            forms,
            non_national: spec.non_national.into_iter().collect(),
            foreign_adjectives: spec.foreign_adjectives,
        })
    }
}

/// The span of the word that ends right before `end`, past one space.
fn word_before(text: &str, end: usize) -> Option<Range<usize>> {
    let before = text[..end].strip_suffix([' ', '\n'])?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '-')
        .last()
        .map(|(i, _)| i)?;
    Some(start..before.len())
}

impl OfficeTitle {
    /// "Title" right before the name: (span, canonical title).
    fn title_before(&self, text: &str, name_start: usize) -> Option<(Range<usize>, &str)> {
        let before = text[..name_start].strip_suffix([' ', '\n'])?;
        self.forms.iter().find_map(|form| {
            // `ends_with` first: only then is `start` a char boundary.
            if !before.ends_with(form.as_str()) {
                return None;
            }
            let start = before.len() - form.len();
            let glued = text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            (!glued).then(|| Some((start..before.len(), self.facts.title(form)?.name.as_str())))?
        })
    }

    fn offices_note(person: &Person, title: &str, facts: &Facts) -> String {
        let terms: Vec<String> = person
            .offices
            .iter()
            .filter(|o| o.title == title)
            .map(|o| {
                let country = facts
                    .country(&o.country)
                    .map_or(o.country.as_str(), |c| c.name.as_str());
                let from = o.from.map_or("?".to_string(), |d| d.to_string());
                let to = o.to.map_or("…".to_string(), |d| d.to_string());
                format!("{title} of {country} {from} to {to} (source: {})", o.source)
            })
            .collect();
        format!("{}: {}", person.name, terms.join("; "))
    }
}

impl Rule for OfficeTitle {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text.as_str();
        for h in cx.hits {
            let person = &self.facts.people[self.mentions[h.term as usize]];
            let Some((title_span, title)) = self.title_before(text, h.span.start) else {
                continue;
            };
            let Some(mod_span) = word_before(text, title_span.start) else {
                continue;
            };
            let modifier = &text[mod_span.clone()];
            let countries: Vec<_> = person
                .offices
                .iter()
                .filter(|o| o.title == title)
                .filter_map(|o| self.facts.country(&o.country))
                .collect();
            let Some(office_country) = countries.first() else {
                continue;
            };
            if countries
                .iter()
                .any(|c| c.demonyms.iter().any(|d| d == modifier))
            {
                continue;
            }
            let foreign =
                self.foreign_adjectives && self.facts.country_by_demonym(modifier).is_some();
            if !foreign && !self.non_national.contains(modifier) {
                continue;
            }
            let Some(expected) = office_country.demonyms.first() else {
                continue;
            };
            let written_title = &text[title_span.clone()];
            let mut f = cx.meta.finding(
                mod_span.start..title_span.end,
                &[
                    ("match", modifier),
                    ("expected", expected),
                    ("title", written_title),
                    ("person", &person.name),
                    ("country", &office_country.name),
                ],
            );
            f.labels.push(Label {
                span: h.span.clone(),
                message: format!("{written_title} of {}", office_country.name),
            });
            f.notes.push(Self::offices_note(person, title, &self.facts));
            let unambiguous = countries.iter().all(|c| c.code == office_country.code);
            if unambiguous {
                f.fix = Some(Fix {
                    description: format!("Replace '{modifier}' with '{expected}'"),
                    edits: vec![Edit {
                        span: mod_span,
                        replacement: expected.clone(),
                    }],
                    applicability: Applicability::MachineApplicable,
                });
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str = r#"
kind = "office-title"
level = "error"
message = "'{match} {title}' is not a title; {person} is {title} of {country}: write '{expected} {title}'"
non-national = ["Jewish", "Muslim"]
"#;

    #[test]
    fn flags_religion_before_office_with_fix_and_fact_note() {
        let r = rule(RULE);
        let t = "On February 7, Jewish Prime Minister Benjamin Netanyahu said so.";
        let f = assert_findings(t, &r, 1);
        assert_eq!(&t[f[0].span.clone()], "Jewish Prime Minister");
        assert_eq!(
            f[0].message,
            "'Jewish Prime Minister' is not a title; Benjamin Netanyahu is Prime Minister of Israel: write 'Israeli Prime Minister'"
        );
        assert!(
            f[0].notes[0].contains("Prime Minister of Israel"),
            "{:?}",
            f[0].notes
        );
        assert_fix(
            t,
            &r,
            "On February 7, Israeli Prime Minister Benjamin Netanyahu said so.",
        );
    }

    #[test]
    fn flags_another_countrys_adjective() {
        let r = rule(RULE);
        let f = assert_findings("Ukrainian Foreign Minister Sergey Lavrov said.", &r, 1);
        assert_eq!(f[0].fix.as_ref().unwrap().edits[0].replacement, "Russian");
    }

    #[test]
    fn non_ascii_text_before_a_name_is_safe() {
        let r = rule(RULE);
        assert_findings(
            "Überraschung: «Jewish Prime Minister Benjamin Netanyahu» — ça va.",
            &r,
            1,
        );
        assert_findings("ééééééééééééééé Benjamin Netanyahu.", &r, 0);
    }

    #[test]
    fn stays_quiet_on_right_or_unrelated_modifiers() {
        let r = rule(RULE);
        assert_findings(
            "Israeli Prime Minister Benjamin Netanyahu met Russian Foreign Minister Sergey Lavrov. \
             Former Prime Minister Benjamin Netanyahu spoke. Jewish leader Benjamin Netanyahu. \
             Jewish Prime Minister John Doe.",
            &r,
            0,
        );
    }
}
