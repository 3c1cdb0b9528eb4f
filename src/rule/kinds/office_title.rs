//! `office-title`: titles before and after the names of office-holders, checked against the facts.
//!
//! ## What it does
//! Finds every mention of a person in the knowledge base (full name; after the
//! first full mention, the surname too) with a title before it ("Jewish Prime
//! Minister Benjamin Netanyahu", "Prime Minister Netanyahu") or after a full
//! name ("Benjamin Netanyahu, the Israeli prime minister,"). Then:
//! * a religion or ethnicity (`non-national`) or another country's adjective
//!   before the title is flagged, with the office country's adjective as the fix;
//! * a title the person never held ("President Benjamin Netanyahu") is flagged;
//! * a title the person did not hold on the article date is flagged, with the
//!   holder of the day when the files know, and "former" as the fix when the
//!   term had ended. Not judged: "former" or "then" titles, sentences that name
//!   an earlier year, qualified titles ("Deputy Prime Minister"), dates before
//!   the knowledge base's `covers-from`, and open terms after its `as-of`.
//!
//! Every finding carries the fact and its source as a note.
//!
//! ## Why it matters
//! A national office belongs to a state ("Israeli Prime Minister", never
//! "Jewish Prime Minister"), and a title must be true on the day the story runs.
//!
//! ## Example
//! ```toml
//! kind = "office-title"
//! level = "error"
//! message = "'{match} {title}' is not a title; {person} is {title} of {country}: write '{expected} {title}'"
//! not-held-message = "{person} has not been {title}: {held}"
//! outdated-message = "{person} was not {title} on {date}: {held}"
//! non-national = ["Jewish", "Muslim", "Arab"]
//! ```
//!
//! ## Options
//! * `non-national`: adjectives that are never a state's (religions, ethnicities).
//! * `foreign-adjectives` (default `true`): also flag another country's adjective.
//! * `not-held-message`, `outdated-message`: messages of the other two checks;
//!   placeholders `{person}`, `{title}`, `{held}` (the offices on file), `{date}`.

use super::{CompileCx, Kind};
use crate::document::{Document, Scope};
use crate::error::SourceError;
use crate::facts::{Facts, Office, Person, Tenure};
use crate::finding::{Applicability, Edit, Finding, Fix, Label};
use crate::rule::{Context, Rule};
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::{Arc, LazyLock};

crate::rule_spec! {
    /// TOML of an `office-title` rule.
    OfficeTitleSpec {
        /// Religions and ethnicities.
        #[serde(default)]
        non_national: Vec<String>,
        /// Flag another country's adjective too.
        #[serde(default = "super::yes")]
        foreign_adjectives: bool,
        /// Message for a title the person never held.
        not_held_message: String,
        /// Message for a title not held on the article date.
        outdated_message: String,
    }
}

/// Words that make a title a different office or no office ("Deputy Prime Minister").
const QUALIFIERS: &[&str] = &[
    "Deputy",
    "Vice",
    "Acting",
    "Interim",
    "Caretaker",
    "Shadow",
    "Assistant",
    "Associate",
    "Junior",
    "Under",
    "Designate",
    "Elect",
    "First",
    "Senior",
    "Chief",
    "Former",
    "Then",
    "Ex",
];

/// "Name, the Israeli prime minister," / ", Russia's foreign minister, said".
static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^, (?:the |a |an )?(?P<former>(?:former|then|ex-) ?)?(?:(?P<adj>[A-Z][\p{L}-]+(?:'s|’s)?) )?(?P<title>[a-z][a-z ]*[a-z])(?:,| said\b| told\b|\.|;)")
        .expect("appositive pattern is valid")
});

/// A compiled `office-title` rule.
pub struct OfficeTitle {
    facts: Arc<Facts>,
    /// Person index of each registered name.
    mentions: Vec<usize>,
    /// Title forms, longest first, so "Foreign Affairs Minister" wins over shorter ones.
    forms: Vec<String>,
    /// Lower-case title forms → canonical title, for appositives.
    lower_forms: HashMap<String, String>,
    non_national: HashSet<String>,
    foreign_adjectives: bool,
    not_held_message: String,
    outdated_message: String,
}

impl Kind for OfficeTitle {
    const NAME: &'static str = "office-title";
    const DEFAULT_SCOPE: Scope = Scope::All;
    type Spec = OfficeTitleSpec;

    fn compile(spec: OfficeTitleSpec, cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
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
        let lower_forms = forms
            .iter()
            .filter(|f| f.chars().count() > 3)
            .filter_map(|f| Some((f.to_lowercase(), facts.title(f)?.name.clone())))
            .collect();
        Ok(OfficeTitle {
            facts: cx.facts.clone(),
            mentions,
            forms,
            lower_forms,
            non_national: spec.non_national.into_iter().collect(),
            foreign_adjectives: spec.foreign_adjectives,
            not_held_message: spec.not_held_message,
            outdated_message: spec.outdated_message,
        })
    }
}

/// The span of the word that ends right before `end`, past one space.
fn word_before(text: &str, end: usize) -> Option<Range<usize>> {
    let before = text[..end].strip_suffix([' ', '\n'])?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'' || *c == '\u{2019}')
        .last()
        .map(|(i, _)| i)?;
    Some(start..before.len())
}

/// One title found next to a mention.
struct Titled {
    /// The person mentioned.
    person: usize,
    /// The mention.
    name: Range<usize>,
    /// The title as written.
    title_span: Range<usize>,
    /// Canonical title.
    title: String,
    /// The adjective or country before the title, if any.
    modifier: Option<Range<usize>>,
    /// "former"/"then" was written.
    past: bool,
}

impl OfficeTitle {
    /// "Title" right before the name: (span, canonical title).
    fn title_before(&self, text: &str, name_start: usize) -> Option<(Range<usize>, String)> {
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
            (!glued).then(|| Some((start..before.len(), self.facts.title(form)?.name.clone())))?
        })
    }

    /// Full-name mentions, then surname mentions after a person's first full mention
    /// (when no other person mentioned in full shares the surname).
    fn mentions(&self, cx: &Context<'_>) -> Vec<(usize, Range<usize>, bool)> {
        let doc = cx.doc;
        let mut out: Vec<(usize, Range<usize>, bool)> = cx
            .hits
            .iter()
            .map(|h| (self.mentions[h.term as usize], h.span.clone(), true))
            .collect();
        let mut first: HashMap<usize, usize> = HashMap::default();
        for (p, span, _) in &out {
            first.entry(*p).or_insert(span.start);
        }
        let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::default();
        for &p in first.keys() {
            if let Some(surname) = self.facts.people[p].name.rsplit(' ').next() {
                by_surname.entry(surname).or_default().push(p);
            }
        }
        let covered: Vec<Range<usize>> = out.iter().map(|(_, s, _)| s.clone()).collect();
        for w in &doc.words {
            let word = doc.slice(w);
            let word = crate::document::bare_word(word);
            let Some(people) = by_surname.get(word) else {
                continue;
            };
            if people.len() != 1 || covered.iter().any(|c| c.start <= w.start && w.end <= c.end) {
                continue;
            }
            if first[&people[0]] < w.start {
                out.push((people[0], w.start..w.start + word.len(), false));
            }
        }
        out
    }

    fn titled(
        &self,
        doc: &Document,
        person: usize,
        name: Range<usize>,
        full: bool,
    ) -> Option<Titled> {
        let text = doc.text.as_str();
        if let Some((title_span, title)) = self.title_before(text, name.start) {
            // "ex-President", "then-Prime Minister": past; "Vice-President": another office.
            if let Some(joined) = text[..title_span.start].strip_suffix('-') {
                let prefix = joined
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if !matches!(prefix.to_lowercase().as_str(), "ex" | "then" | "former") {
                    return None;
                }
                return Some(Titled {
                    person,
                    name,
                    title_span,
                    title,
                    modifier: None,
                    past: true,
                });
            }
            let mut modifier = word_before(text, title_span.start);
            let mut past = false;
            if let Some(m) = modifier.clone() {
                let word = &text[m.clone()];
                let cap: String = word
                    .chars()
                    .take(1)
                    .flat_map(char::to_uppercase)
                    .chain(word.chars().skip(1))
                    .collect();
                if QUALIFIERS.contains(&cap.as_str()) || word.ends_with('-') {
                    if matches!(word, "former" | "Former" | "then" | "Then") {
                        past = true;
                        modifier = None;
                    } else {
                        return None;
                    }
                } else if word.chars().next().is_some_and(char::is_lowercase) {
                    modifier = None;
                }
                if let Some(m2) = modifier.clone()
                    && let Some(w2) = word_before(text, m2.start)
                    && matches!(&text[w2], "former" | "Former" | "then" | "Then")
                {
                    past = true;
                }
            }
            return Some(Titled {
                person,
                name,
                title_span,
                title,
                modifier,
                past,
            });
        }
        if !full {
            return None;
        }
        let c = APPOSITIVE.captures(&text[name.end..])?;
        let t = c.name("title")?;
        let title = self.lower_forms.get(t.as_str())?.clone();
        let end = name.end;
        let at = |m: regex::Match<'_>| end + m.start()..end + m.end();
        Some(Titled {
            person,
            name,
            title_span: at(t),
            title,
            modifier: c.name("adj").map(at),
            past: c.name("former").is_some(),
        })
    }

    /// The countries of the person's offices with this title.
    fn office_countries<'a>(
        &'a self,
        person: &'a Person,
        title: &str,
    ) -> Vec<&'a crate::facts::Country> {
        person
            .offices
            .iter()
            .filter(|o| o.title == title)
            .filter_map(|o| self.facts.country(&o.country))
            .collect()
    }

    fn describe(&self, o: &Office) -> String {
        let country = self
            .facts
            .country(&o.country)
            .map_or(o.country.clone(), |c| c.name_after_of());
        let from = o.from.map_or("?".to_string(), |d| d.to_string());
        let to = o.to.map_or("…".to_string(), |d| d.to_string());
        format!("{} of {country} {from} to {to}", o.title)
    }

    /// The person's offices on file (only those with `title`, if given), with sources.
    fn offices_note(&self, person: &Person, title: Option<&str>) -> String {
        let terms: Vec<String> = person
            .offices
            .iter()
            .filter(|o| title.is_none_or(|t| o.title == t))
            .map(|o| format!("{} (source: {})", self.describe(o), o.source))
            .collect();
        format!("{}: {}", person.name, terms.join("; "))
    }

    fn held_list(&self, person: &Person) -> String {
        let terms: Vec<String> = person.offices.iter().map(|o| self.describe(o)).collect();
        terms.join("; ")
    }

    /// True when the modifier before a title is a country word: its adjective or
    /// name, possibly possessive ("Israel's").
    fn modifier_country(&self, word: &str) -> Option<&crate::facts::Country> {
        let bare = crate::document::bare_word(word);
        self.facts
            .country_by_demonym(bare)
            .or_else(|| self.facts.countries.iter().find(|c| c.name == bare))
    }

    fn check_adjective(&self, cx: &Context<'_>, t: &Titled, out: &mut Vec<Finding>) -> bool {
        let text = cx.doc.text.as_str();
        let person = &self.facts.people[t.person];
        let Some(mod_span) = t.modifier.clone() else {
            return false;
        };
        let modifier = &text[mod_span.clone()];
        let countries = self.office_countries(person, &t.title);
        let Some(office_country) = countries.first() else {
            return false;
        };
        // "Indian" is also British Indian Ocean Territory's adjective: compare with the
        // office countries' own names and adjectives, not a reverse lookup.
        let bare = crate::document::bare_word(modifier);
        if countries
            .iter()
            .any(|oc| oc.name == bare || oc.demonyms.iter().any(|d| d == bare))
        {
            return false;
        }
        let foreign = self.foreign_adjectives && self.modifier_country(modifier).is_some();
        if !foreign && !self.non_national.contains(modifier) {
            return false;
        }
        let Some(expected) = office_country.demonyms.first() else {
            return false;
        };
        let written_title = &text[t.title_span.clone()];
        let span = if mod_span.start < t.title_span.start {
            mod_span.start..t.title_span.end
        } else {
            mod_span.clone()
        };
        let mut f = cx.meta.finding(
            span,
            &[
                ("match", modifier),
                ("expected", expected),
                ("title", written_title),
                ("person", &person.name),
                ("country", &office_country.name_after_of()),
            ],
        );
        f.labels.push(Label {
            span: t.name.clone(),
            message: format!("{} of {}", t.title, office_country.name_after_of()),
        });
        f.notes.push(self.offices_note(person, Some(&t.title)));
        if countries.iter().all(|c| c.code == office_country.code) {
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
        true
    }

    fn check_held(&self, cx: &Context<'_>, t: &Titled, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        let person = &self.facts.people[t.person];
        // A modifier that is neither a country nor a listed adjective names some other
        // body ("World Bank President"): not an office in the knowledge base.
        if let Some(m) = &t.modifier {
            let word = &text[m.clone()];
            if self.modifier_country(word).is_none() && !self.non_national.contains(word) {
                return;
            }
        }
        let span = t
            .modifier
            .as_ref()
            .map_or(t.title_span.start, |m| m.start.min(t.title_span.start))
            ..t.title_span.end.max(t.name.end);
        let written_title = &text[t.title_span.clone()];
        let offices: Vec<&Office> = person
            .offices
            .iter()
            .filter(|o| o.title == t.title)
            .collect();
        let date = doc.article_date();
        // Before the files' coverage they cannot tell which offices a person had held.
        let covered = self
            .facts
            .covers_from
            .is_none_or(|c| date.date >= c.first_day());
        if offices.is_empty() && covered {
            let held = self.held_list(person);
            let mut f = cx.meta.finding(span, &[]);
            f.message = crate::rule::fill(
                &self.not_held_message,
                &[
                    ("person", &person.name),
                    ("title", written_title),
                    ("held", &held),
                    ("match", &text[t.title_span.clone()]),
                ],
            );
            f.notes.push(self.offices_note(person, None));
            out.push(f);
            return;
        }
        if t.past || offices.is_empty() {
            return;
        }
        let tenures: Vec<Tenure> = offices
            .iter()
            .map(|o| self.facts.held_on(o, date.date))
            .collect();
        if tenures
            .iter()
            .any(|x| matches!(x, Tenure::Held | Tenure::Unknown))
        {
            return;
        }
        // "In 1998 President X …": the sentence is about an earlier time.
        if let Some(sentence) = doc.sentence_at(t.name.start)
            && names_earlier_year(&text[sentence], date.date.year())
        {
            return;
        }
        let held = self.held_list(person);
        let date_text = date.date.to_string();
        let mut f = cx.meta.finding(span, &[]);
        f.message = crate::rule::fill(
            &self.outdated_message,
            &[
                ("person", &person.name),
                ("title", written_title),
                ("held", &held),
                ("date", &date_text),
            ],
        );
        f.notes
            .push(format!("article date {date_text} (from {})", date.source));
        f.notes.push(self.offices_note(person, None));
        if let Some(o) = offices.first()
            && let Some((holder, certain)) = self.facts.holder_on(&t.title, &o.country, date.date)
        {
            let country = self
                .facts
                .country(&o.country)
                .map_or(o.country.clone(), |c| c.name_after_of());
            f.notes.push(if certain {
                format!(
                    "on {date_text} the {} of {country} was {}",
                    t.title, holder.name
                )
            } else {
                format!(
                    "the latest {} of {country} on file is {}",
                    t.title, holder.name
                )
            });
        }
        if tenures.iter().all(|x| *x == Tenure::Ended) {
            let at = t
                .modifier
                .as_ref()
                .map_or(t.title_span.start, |m| m.start.min(t.title_span.start));
            let former = if text[at..].starts_with(char::is_uppercase) && doc.starts_sentence(at) {
                "Former "
            } else {
                "former "
            };
            f.fix = Some(Fix {
                description: format!("Insert '{}'", former.trim()),
                edits: vec![Edit {
                    span: at..at,
                    replacement: former.to_string(),
                }],
                applicability: Applicability::MaybeIncorrect,
            });
        }
        out.push(f);
    }
}

/// True when `sentence` names a year before `year` ("in 1998", "1999-2001").
fn names_earlier_year(sentence: &str, year: i16) -> bool {
    sentence
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() == 4)
        .filter_map(|d| d.parse::<i16>().ok())
        .any(|y| (1800..year).contains(&y))
}

impl Rule for OfficeTitle {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (person, name, full) in self.mentions(cx) {
            let Some(t) = self.titled(cx.doc, person, name, full) else {
                continue;
            };
            if !self.check_adjective(cx, &t, out) {
                self.check_held(cx, &t, out);
            }
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
not-held-message = "{person} has not been {title}; on file: {held}"
outdated-message = "{person} was not {title} on {date}"
"#;

    fn dated(text: &str, date: &str) -> Vec<crate::finding::Finding> {
        let mut doc =
            crate::document::Document::new(text.to_string(), crate::document::DocKind::Text);
        let today = jiff::civil::Date::new(2026, 11, 26).unwrap();
        doc.resolve_date(Some(date.parse().unwrap()), None, today);
        rule(RULE).check(&doc)
    }

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
    fn flags_a_title_the_person_never_held() {
        let f = dated(
            "President Benjamin Netanyahu addressed the Knesset.",
            "2024-03-01",
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message
                .starts_with("Benjamin Netanyahu has not been President; on file: "),
            "{}",
            f[0].message
        );
        assert!(
            dated(
                "World Bank President Benjamin Netanyahu spoke.",
                "2024-03-01"
            )
            .is_empty()
        );
        assert!(dated("Deputy Prime Minister Sergey Lavrov spoke.", "2024-03-01").is_empty());
        assert!(dated("Vice-President Benjamin Netanyahu spoke.", "2024-03-01").is_empty());
        assert!(
            dated("President Benjamin Netanyahu spoke.", "1987-03-01").is_empty(),
            "before coverage"
        );
    }

    #[test]
    fn flags_a_title_not_held_on_the_article_date_with_former_fix() {
        let t = "Prime Minister Naftali Bennett said he would run again.";
        let f = dated(t, "2024-03-01");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "Naftali Bennett was not Prime Minister on 2024-03-01"
        );
        assert!(
            f[0].notes.iter().any(
                |n| n.contains("latest Prime Minister of Israel on file is Benjamin Netanyahu")
            ),
            "{:?}",
            f[0].notes
        );
        let g = dated(t, "2010-01-01");
        assert!(
            g[0].notes
                .iter()
                .any(|n| n
                    .contains("on 2010-01-01 the Prime Minister of Israel was Benjamin Netanyahu")),
            "{:?}",
            g[0].notes
        );
        assert!(g[0].fix.is_none(), "not yet in office: no 'former'");
        let fix = f[0].fix.as_ref().unwrap();
        assert_eq!(
            crate::fix::apply(t, &f, true).0,
            "Former Prime Minister Naftali Bennett said he would run again."
        );
        assert_eq!(
            fix.applicability,
            crate::finding::Applicability::MaybeIncorrect
        );
        // In office then; "former"; a sentence about an earlier year; before the files' coverage.
        assert!(dated(t, "2021-09-01").is_empty());
        assert!(dated("Former Prime Minister Naftali Bennett spoke.", "2024-03-01").is_empty());
        assert!(dated("The ex-Prime Minister Naftali Bennett spoke.", "2024-03-01").is_empty());
        assert!(
            dated(
                "In 2021 Prime Minister Naftali Bennett took office.",
                "2024-03-01"
            )
            .is_empty()
        );
        assert!(dated("Prime Minister Ehud Olmert spoke.", "1995-01-01").is_empty());
    }

    #[test]
    fn open_terms_after_as_of_are_accepted() {
        assert!(
            dated(
                "Russian Foreign Minister Sergey Lavrov spoke.",
                "2026-02-13"
            )
            .is_empty()
        );
    }

    #[test]
    fn checks_appositives_and_later_surnames() {
        let f = dated(
            "Benjamin Netanyahu, the Jewish prime minister, said so. Later Jewish Prime Minister Netanyahu left.",
            "2024-03-01",
        );
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].fix.as_ref().unwrap().edits[0].replacement, "Israeli");
        assert_eq!(f[1].fix.as_ref().unwrap().edits[0].replacement, "Israeli");
        assert!(dated("Netanyahu, the Jewish prime minister, spoke.", "2024-03-01").is_empty());
    }

    #[test]
    fn stays_quiet_on_right_or_unrelated_modifiers() {
        let r = rule(RULE);
        assert_findings(
            "Israeli Prime Minister Benjamin Netanyahu met Russian Foreign Minister Sergey Lavrov. \
             Former Prime Minister Benjamin Netanyahu spoke. Jewish leader Benjamin Netanyahu. \
             Jewish Prime Minister John Doe. Israel's Prime Minister Benjamin Netanyahu.",
            &r,
            0,
        );
    }
}
