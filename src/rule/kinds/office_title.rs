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
use crate::facts::{Facts, Office, Person, Verdict};
use crate::finding::{Applicability, Edit, Finding, Fix, Label};
use crate::pattern::Pattern;
use crate::rule::{Context, Rule};
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
    "Late",
    "Outgoing",
    "Incoming",
    "Ousted",
    "Exiled",
    "Jailed",
];

/// Qualifiers that put the title in the past (or at its end): the office is not checked
/// against the date, only against the person.
const PAST: &[&str] = &[
    "former", "then", "ex", "late", "outgoing", "ousted", "exiled", "jailed",
];

/// "Name, the Israeli prime minister," / ", Russia's foreign minister, said".
static APPOSITIVE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^, (?:the |a |an )?(?P<former>(?:former|then|ex-) ?)?(?:(?P<adj>[A-Z][\p{L}-]+(?:'s|’s)?) )?(?P<title>[a-z][a-z ]*[a-z])(?:,| said\b| told\b|\.|;)")
        .expect("appositive pattern is valid")
});

/// A compiled `office-title` rule.
pub struct OfficeTitle {
    facts: Arc<Facts>,
    /// Person index of each registered name.
    mentions: Vec<usize>,
    /// Title forms, longest first, so "Foreign Affairs Minister" wins over shorter ones.
    forms: Vec<String>,
    /// Lower-case title forms → the titles they can mean, for appositives.
    lower_forms: HashMap<String, Vec<String>>,
    /// Names of countries and organizations as written before titles that are more than one
    /// word or have full stops ("European Commission", "South Korean", "U.S."), longest first.
    long_modifiers: Vec<String>,
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
            // A one-word name ("Philippe") is not a mention: it is too often someone else;
            // a long hyphenated one ("Willem-Alexander") is distinctive enough.
            for name in std::iter::once(&p.name)
                .chain(&p.aliases)
                .filter(|n| n.contains(' ') || (n.contains('-') && n.chars().count() >= 10))
            {
                cx.literal(mentions.len(), name, true);
                mentions.push(i);
            }
        }
        let mut forms: Vec<String> = facts.title_forms().map(str::to_string).collect();
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        let lower_forms = forms
            .iter()
            .filter(|f| f.chars().count() > 3)
            .map(|f| (f.to_lowercase(), titles_of(facts, f)))
            .collect();
        let mut long_modifiers: Vec<String> = facts
            .countries
            .iter()
            .flat_map(|c| c.demonyms.iter().chain(std::iter::once(&c.name)))
            .filter(|n| n.contains([' ', '.']))
            .cloned()
            .collect();
        long_modifiers.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        long_modifiers.dedup();
        Ok(OfficeTitle {
            facts: cx.facts.clone(),
            mentions,
            forms,
            lower_forms,
            long_modifiers,
            non_national: spec.non_national.into_iter().collect(),
            foreign_adjectives: spec.foreign_adjectives,
            not_held_message: spec.not_held_message,
            outdated_message: spec.outdated_message,
        })
    }
}

/// The canonical titles a written form can mean.
fn titles_of(facts: &Facts, form: &str) -> Vec<String> {
    facts
        .titles_of_form(form)
        .into_iter()
        .map(|t| t.name.clone())
        .collect()
}

/// The span of the word that ends right before `end`, past one space. A word has a
/// letter: the dash after a dateline ("LONDON (Reuters) - President …") is not one.
fn word_before(text: &str, end: usize) -> Option<Range<usize>> {
    let before = text[..end].strip_suffix([' ', '\n'])?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'' || *c == '\u{2019}')
        .last()
        .map(|(i, _)| i)?;
    before[start..]
        .chars()
        .any(char::is_alphabetic)
        .then_some(start..before.len())
}

/// One title found next to a mention.
struct Titled {
    /// The person mentioned.
    person: usize,
    /// The mention.
    name: Range<usize>,
    /// The title as written.
    title_span: Range<usize>,
    /// The titles the written form can mean (canonical names).
    titles: Vec<String>,
    /// The adjective or country before the title, if any.
    modifier: Option<Range<usize>>,
    /// "former"/"then" was written.
    past: bool,
}

impl OfficeTitle {
    /// "Title" right before the name: (span, the titles it can mean).
    fn title_before(&self, text: &str, name_start: usize) -> Option<(Range<usize>, Vec<String>)> {
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
            (!glued).then(|| (start..before.len(), titles_of(&self.facts, form)))
        })
    }

    /// The organization or country word before a title: a many-word organization name
    /// ("European Commission President") or one word ("NATO", "Israeli", "Israel's").
    fn modifier_before(&self, text: &str, title_start: usize) -> Option<Range<usize>> {
        let before = text[..title_start].strip_suffix(' ')?;
        for name in &self.long_modifiers {
            if before.ends_with(name.as_str()) {
                let start = before.len() - name.len();
                let glued = text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                if !glued {
                    return Some(start..before.len());
                }
            }
        }
        word_before(text, title_start)
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
            for short in short_names(&self.facts.people[p]) {
                let people = by_surname.entry(short).or_default();
                if !people.contains(&p) {
                    people.push(p);
                }
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
        if let Some((title_span, titles)) = self.title_before(text, name.start) {
            // "ex-President", "then-Prime Minister": past; "Vice-President": another office.
            if let Some(joined) = text[..title_span.start].strip_suffix('-') {
                let prefix = joined
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if !PAST.contains(&prefix.to_lowercase().as_str()) {
                    return None;
                }
                return Some(Titled {
                    person,
                    name,
                    title_span,
                    titles,
                    modifier: None,
                    past: true,
                });
            }
            let mut modifier = self.modifier_before(text, title_span.start);
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
                    if PAST.contains(&word.to_lowercase().as_str()) {
                        past = true;
                        modifier = None;
                    } else {
                        return None;
                    }
                } else if word.chars().next().is_some_and(char::is_lowercase)
                    || (doc.starts_sentence(m.start)
                        && self.modifier_country(word).is_none()
                        && !self.non_national.contains(word)
                        && crate::lexicon::Dictionary.contains(&word.to_lowercase()))
                {
                    // "Later Prime Minister Sisi": an adverb opening the sentence.
                    modifier = None;
                }
                if let Some(m2) = modifier.clone()
                    && let Some(w2) = word_before(text, m2.start)
                {
                    let w2 = text[w2].to_lowercase();
                    if PAST.contains(&w2.as_str()) {
                        past = true;
                    } else if QUALIFIERS.iter().any(|q| q.to_lowercase() == w2) {
                        // "Deputy Israeli Prime Minister": another office.
                        return None;
                    }
                }
            }
            return Some(Titled {
                person,
                name,
                title_span,
                titles,
                modifier,
                past,
            });
        }
        if !full {
            return None;
        }
        let c = APPOSITIVE.captures(&text[name.end..])?;
        let t = c.name("title")?;
        let titles = self.lower_forms.get(t.as_str())?.clone();
        let end = name.end;
        let at = |m: crate::pattern::Match<'_>| end + m.start()..end + m.end();
        Some(Titled {
            person,
            name,
            title_span: at(t),
            titles,
            modifier: c.name("adj").map(at),
            past: c.name("former").is_some(),
        })
    }

    /// The countries of the person's offices with one of these titles, each once.
    fn office_countries<'a>(
        &'a self,
        person: &'a Person,
        titles: &[String],
    ) -> Vec<&'a crate::facts::Country> {
        let mut out: Vec<&crate::facts::Country> = Vec::new();
        for o in person.offices.iter().filter(|o| titles.contains(&o.title)) {
            if let Some(c) = self.facts.country(&o.country)
                && !out.iter().any(|x| x.code == c.code)
            {
                out.push(c);
            }
        }
        out
    }

    fn country_name(&self, code: &str) -> String {
        self.facts
            .country(code)
            .map_or(code.to_string(), |c| c.name_after_of())
    }

    fn describe(&self, o: &Office) -> String {
        let from = o.from.map_or("?".to_string(), |d| d.to_string());
        let to = o.to.map_or("…".to_string(), |d| d.to_string());
        format!(
            "{} of {} {from} to {to}",
            o.title,
            self.country_name(&o.country)
        )
    }

    /// The person's offices on file (only those with one of `titles`, if given), with sources.
    fn offices_note(&self, person: &Person, titles: Option<&[String]>) -> String {
        let terms: Vec<String> = person
            .offices
            .iter()
            .filter(|o| titles.is_none_or(|t| t.contains(&o.title)))
            .map(|o| {
                format!(
                    "{} (source: {})",
                    self.describe(o),
                    self.facts.describe_source(o)
                )
            })
            .collect();
        format!("{}: {}", person.name, terms.join("; "))
    }

    fn held_list(&self, person: &Person) -> String {
        let terms: Vec<String> = person.offices.iter().map(|o| self.describe(o)).collect();
        terms.join("; ")
    }

    /// The country (or organization) a modifier names: its adjective or name, possibly
    /// possessive ("Israel's").
    fn modifier_country(&self, word: &str) -> Option<&crate::facts::Country> {
        self.modifier_countries(word).into_iter().next()
    }

    /// Every country a modifier can name ("Dutch": the Netherlands, the Caribbean Netherlands).
    fn modifier_countries(&self, word: &str) -> Vec<&crate::facts::Country> {
        let bare = crate::document::bare_word(word);
        let mut out = self.facts.countries_by_demonym(bare);
        if out.is_empty() {
            out.extend(self.facts.countries.iter().find(|c| c.name == bare));
        }
        out
    }

    fn check_adjective(&self, cx: &Context<'_>, t: &Titled, out: &mut Vec<Finding>) -> bool {
        let text = cx.doc.text.as_str();
        let person = &self.facts.people[t.person];
        let Some(mod_span) = t.modifier.clone() else {
            return false;
        };
        let modifier = &text[mod_span.clone()];
        let countries = self.office_countries(person, &t.titles);
        let Some(office_country) = countries.first() else {
            return false;
        };
        // "Indian" is also British Indian Ocean Territory's adjective: compare with the
        // office countries' own names and adjectives, not a reverse lookup.
        let bare = crate::document::bare_word(modifier);
        if countries.iter().any(|oc| {
            oc.name == bare
                || oc.demonyms.iter().any(|d| d == bare)
                || oc.aliases.iter().any(|a| a == bare)
        }) {
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
        let office_title = person
            .offices
            .iter()
            .find(|o| t.titles.contains(&o.title) && o.country == office_country.code)
            .map_or(written_title, |o| o.title.as_str());
        f.labels.push(Label {
            span: t.name.clone(),
            message: format!("{office_title} of {}", office_country.name_after_of()),
        });
        f.notes.push(self.offices_note(person, Some(&t.titles)));
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

    /// The countries to judge the title in: the one the modifier names, else those where
    /// the person held one of the titles, else every country of the person's offices.
    fn judged_countries(&self, cx: &Context<'_>, t: &Titled) -> Vec<String> {
        let person = &self.facts.people[t.person];
        if let Some(m) = &t.modifier {
            let named = self.modifier_countries(&cx.doc.text[m.clone()]);
            if !named.is_empty() {
                // Of several countries with that adjective, the one the person served.
                let served: Vec<String> = named
                    .iter()
                    .filter(|c| person.offices.iter().any(|o| o.country == c.code))
                    .map(|c| c.code.clone())
                    .collect();
                if !served.is_empty() {
                    return served;
                }
                return vec![named[0].code.clone()];
            }
        }
        let mut codes: Vec<String> = self
            .office_countries(person, &t.titles)
            .iter()
            .map(|c| c.code.clone())
            .collect();
        if codes.is_empty() {
            for o in &person.offices {
                if !codes.contains(&o.country) {
                    codes.push(o.country.clone());
                }
            }
        }
        codes
    }

    fn check_held(&self, cx: &Context<'_>, t: &Titled, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        let person = &self.facts.people[t.person];
        // A modifier that is neither a country nor a listed adjective names some other
        // body ("Labour Party President"): not an office in the knowledge base.
        if let Some(m) = &t.modifier {
            let word = &text[m.clone()];
            if self.modifier_country(word).is_none() && !self.non_national.contains(word) {
                return;
            }
        }
        if t.past {
            return;
        }
        // Who held an office is a question about a day: without the article's date,
        // unknown, and silent.
        let Some(date) = doc.article_date() else {
            return;
        };
        let titles: Vec<&str> = t.titles.iter().map(String::as_str).collect();
        let keeps_title = titles
            .iter()
            .all(|n| self.facts.title_named(n).is_some_and(|t| t.keeps_title));
        let written_title = &text[t.title_span.clone()];
        let mut verdicts = Vec::new();
        for country in self.judged_countries(cx, t) {
            match self.facts.verdict(person, &titles, &country, date.date) {
                Verdict::Held => return,
                Verdict::Open { office } => {
                    let known = self
                        .facts
                        .known_until(office)
                        .map_or("?".to_string(), |d| d.to_string());
                    cx.remark(format!(
                        "{} as {written_title} of {} on {}: in office when the source was taken ({known}); nothing later on file",
                        person.name,
                        self.country_name(&country),
                        date.date
                    ));
                    return;
                }
                Verdict::NotHeld { ended: true, .. } if keeps_title => return,
                Verdict::Unknown => {
                    cx.remark(format!(
                        "{} as {written_title} of {} on {}: no source on file covers that office that day",
                        person.name,
                        self.country_name(&country),
                        date.date
                    ));
                    return;
                }
                v => verdicts.push((country, v)),
            }
        }
        let Some((country, verdict)) = verdicts.into_iter().next() else {
            return;
        };
        // "In 1998 President X …": the sentence is about an earlier time.
        if let Some(sentence) = doc.sentence_at(t.name.start)
            && names_earlier_year(&text[sentence], date.date.year())
        {
            return;
        }
        let span = t
            .modifier
            .as_ref()
            .map_or(t.title_span.start, |m| m.start.min(t.title_span.start))
            ..t.title_span.end.max(t.name.end);
        let date_text = date.date.to_string();
        let held = self.held_list(person);
        let ever = person
            .offices
            .iter()
            .any(|o| titles.contains(&o.title.as_str()) && o.country == country);
        let template = if ever {
            &self.outdated_message
        } else {
            &self.not_held_message
        };
        let mut f = cx.meta.finding(span.clone(), &[]);
        f.message = crate::rule::fill(
            template,
            &[
                ("person", &person.name),
                ("title", written_title),
                ("held", &held),
                ("date", &date_text),
                ("country", &self.country_name(&country)),
                ("match", written_title),
            ],
        );
        f.notes
            .push(format!("article date {date_text} (from {})", date.source));
        f.notes.push(self.offices_note(person, None));
        let country_name = self.country_name(&country);
        if !(span.start <= t.name.start && t.name.end <= span.end) {
            f.labels.push(Label {
                span: t.name.clone(),
                message: person.name.clone(),
            });
        }
        match verdict {
            Verdict::NotHeld {
                holder,
                office,
                ended,
            } => {
                f.notes.push(format!(
                    "on {date_text} the {} of {country_name} was {} (source: {})",
                    office.title,
                    holder.name,
                    self.facts.describe_source(office)
                ));
                if ended {
                    let at = span.start;
                    let former = if text[at..].starts_with(char::is_uppercase)
                        && doc.starts_sentence(at)
                    {
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
            }
            Verdict::OtherOffice { office } => f.notes.push(format!(
                "on {date_text} {} was {} of {country_name} (source: {}); no {written_title} of {country_name} is on file",
                person.name,
                office.title,
                self.facts.describe_source(office)
            )),
            Verdict::Held | Verdict::Open { .. } | Verdict::Unknown => return,
        }
        out.push(f);
    }
}

/// The names the press uses alone for a person after the first full mention: the
/// surname on file, the last word of the name, and that word without an Arabic article
/// ("el-Sisi" → "Sisi").
fn short_names(p: &Person) -> Vec<&str> {
    let mut out = Vec::new();
    if let Some(s) = &p.surname {
        out.push(s.as_str());
    }
    if let Some(last) = p.name.rsplit(' ').next() {
        out.push(last);
        for prefix in ["al-", "el-", "Al-", "El-"] {
            if let Some(rest) = last.strip_prefix(prefix)
                && rest.chars().count() > 2
            {
                out.push(rest);
            }
        }
    }
    out
}

/// Phrases that put a sentence in the past ("MPs criticised Home Secretary David
/// Blunkett last year"): the title is as of then.
const PAST_TIME: &[&str] = &[
    "last year",
    "last month",
    "years ago",
    "a year ago",
    "at the time",
    "back then",
    "in the past",
];

/// True when `sentence` names a year before `year` ("in 1998", "1999-2001") or a time
/// in the past ("last year").
fn names_earlier_year(sentence: &str, year: i16) -> bool {
    let lower = sentence.to_lowercase();
    if PAST_TIME.iter().any(|p| lower.contains(p)) {
        return true;
    }
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
        // An organization on file is judged like a country; a body not on file is not.
        let wb = dated(
            "World Bank President Benjamin Netanyahu spoke.",
            "2024-03-01",
        );
        assert_eq!(wb.len(), 1, "{wb:#?}");
        assert!(
            wb[0].notes.iter().any(|n| n.contains("was Ajay Banga")),
            "{:?}",
            wb[0].notes
        );
        assert!(
            dated(
                "Labour Party President Benjamin Netanyahu spoke.",
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
            f[0].notes
                .iter()
                .any(|n| n
                    .contains("on 2024-03-01 the Prime Minister of Israel was Benjamin Netanyahu")),
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
        // Real copy (BBC, 2005): the sentence is about last year.
        assert!(
            dated(
                "MPs criticised Prime Minister Naftali Bennett last year for the plan.",
                "2024-03-01"
            )
            .is_empty()
        );
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
