//! The knowledge base: countries, office titles, people and the offices they held.
//!
//! Facts are TOML files (built-in ones under `rules/facts/kb/`, generated from
//! public data by `scripts/build-facts.py`). They are loaded once into indexed
//! structures: lookups while checking go through hash maps, never list scans.

use crate::error::SourceError;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

/// A date as precise as its source: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
/// Ordered by its earliest possible day, then by precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactDate {
    /// Year.
    pub year: i16,
    /// Month, 1-12, if known.
    pub month: Option<i8>,
    /// Day of month, if known.
    pub day: Option<i8>,
}

impl std::str::FromStr for FactDate {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| (p.len() == len).then(|| p.parse::<i16>().ok()).flatten();
        let year = parts.first().and_then(|p| num(p, 4)).ok_or_else(bad)?;
        let month = parts
            .get(1)
            .map(|p| num(p, 2).ok_or_else(bad))
            .transpose()?;
        let day = parts
            .get(2)
            .map(|p| num(p, 2).ok_or_else(bad))
            .transpose()?;
        if parts.len() > 3 {
            return Err(bad());
        }
        let m = month.unwrap_or(1);
        let d = day.unwrap_or(1);
        jiff::civil::Date::new(year, m as i8, d as i8)
            .map_err(|e| format!("'{s}' is not a real date: {e}"))?;
        Ok(FactDate {
            year,
            month: month.map(|m| m as i8),
            day: day.map(|d| d as i8),
        })
    }
}

impl FactDate {
    /// The first day the date can mean (`2003-06` → 2003-06-01).
    pub fn first_day(&self) -> jiff::civil::Date {
        jiff::civil::Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("validated when parsed")
    }

    /// The last day the date can mean (`2003-06` → 2003-06-30).
    pub fn last_day(&self) -> jiff::civil::Date {
        let month = self.month.unwrap_or(12);
        let first = jiff::civil::Date::new(self.year, month, 1).expect("validated when parsed");
        jiff::civil::Date::new(self.year, month, self.day.unwrap_or(first.days_in_month()))
            .expect("validated when parsed")
    }
}

impl std::fmt::Display for FactDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for FactDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Whether someone held an office on a date, as far as the knowledge base knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tenure {
    /// In office that day.
    Held,
    /// Not yet in office.
    NotYet,
    /// Left office before that day.
    Ended,
    /// The files cannot tell.
    Unknown,
}

/// A country or territory.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Country {
    /// ISO 3166-1 alpha-3 code (or a stable made-up code for unlisted territories).
    pub code: String,
    /// Common English name ("Russia").
    pub name: String,
    /// Official name ("Russian Federation").
    #[serde(default)]
    pub official: Option<String>,
    /// Other names in use.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names in the country's own languages, in Latin script ("Brasil", "Deutschland").
    #[serde(default)]
    pub native: Vec<String>,
    /// Adjectives and demonyms ("Russian"); the first is the one used in fixes.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Capital cities.
    #[serde(default)]
    pub capitals: Vec<String>,
    /// An international organization (listed under `[[organization]]`), not a place.
    #[serde(skip)]
    pub organization: bool,
}

impl Country {
    /// The name as it stands after "of" in a title: "the United States",
    /// "the Netherlands", "the United Nations", but "Israel".
    pub fn name_after_of(&self) -> String {
        const WITH_THE: &[&str] = &[
            "Netherlands",
            "Philippines",
            "Bahamas",
            "Gambia",
            "Maldives",
            "Comoros",
            "Seychelles",
        ];
        let n = self.name.as_str();
        if self.organization
            || n.starts_with("United ")
            || n.ends_with(" Republic")
            || n.ends_with(" Islands")
            || WITH_THE.contains(&n)
        {
            format!("the {n}")
        } else {
            n.to_string()
        }
    }
}

/// An office title and the other ways copy writes it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Title {
    /// The title as a wire service writes it before a name ("Foreign Minister").
    pub name: String,
    /// Other forms that mean the same office ("Minister of Foreign Affairs").
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One term in one office.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Office {
    /// A [`Title::name`].
    pub title: String,
    /// A [`Country::code`].
    pub country: String,
    /// First day in office.
    #[serde(default)]
    pub from: Option<FactDate>,
    /// Last day in office; absent while in office at the `as-of` date.
    #[serde(default)]
    pub to: Option<FactDate>,
    /// The day the source was taken: an open term is known up to here
    /// (defaults to the file's `as-of`).
    #[serde(default)]
    pub as_of: Option<FactDate>,
    /// Where the fact comes from.
    pub source: String,
}

/// A person in the news.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Person {
    /// Full name as written in English copy ("Benjamin Netanyahu").
    pub name: String,
    /// Other spellings of the full name ("Sergei Lavrov").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Wikidata id, when known.
    #[serde(default)]
    pub wikidata: Option<String>,
    /// Offices held.
    #[serde(default, rename = "office")]
    pub offices: Vec<Office>,
}

/// The contents of one fact file; every section is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FactFile {
    #[serde(default)]
    as_of: Option<FactDate>,
    #[serde(default)]
    covers_from: Option<FactDate>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    license: Option<String>,
    #[serde(default)]
    country: Vec<toml::Spanned<Country>>,
    #[serde(default)]
    organization: Vec<toml::Spanned<Country>>,
    #[serde(default)]
    title: Vec<toml::Spanned<Title>>,
    #[serde(default)]
    person: Vec<toml::Spanned<Person>>,
}

/// The loaded, indexed knowledge base.
#[derive(Debug, Default)]
pub struct Facts {
    /// All countries.
    pub countries: Vec<Country>,
    /// All titles.
    pub titles: Vec<Title>,
    /// All people.
    pub people: Vec<Person>,
    /// Each file's stated source and licence, for attribution.
    pub sources: Vec<String>,
    /// The latest `as-of` date of the people files, if any.
    pub as_of: Option<FactDate>,
    /// Earliest date the people files cover: articles dated before it are not judged.
    pub covers_from: Option<FactDate>,
    country_by_code: HashMap<String, usize>,
    /// People by (title, country) of their offices.
    holders: HashMap<(String, String), Vec<usize>>,
    country_by_demonym: HashMap<String, usize>,
    title_by_form: HashMap<String, usize>,
}

impl Facts {
    /// Loads fact files in order; a later country, title or person with the
    /// same key replaces the earlier one. Errors name the file and position.
    pub fn load(files: &[(String, Arc<str>)]) -> Result<Facts, Vec<SourceError>> {
        let mut facts = Facts::default();
        let mut errors = Vec::new();
        let mut pending_people = Vec::new();
        for (path, text) in files {
            let parsed: FactFile = match toml::from_str(text) {
                Ok(f) => f,
                Err(e) => {
                    errors.push(SourceError::from_toml(path.clone(), text.clone(), &e));
                    continue;
                }
            };
            if let Some(src) = parsed.source {
                let license = parsed
                    .license
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default();
                facts.sources.push(format!("{path}: {src}{license}"));
            }
            if let Some(d) = parsed.covers_from
                && facts.covers_from.is_none_or(|cur| d < cur)
            {
                facts.covers_from = Some(d);
            }
            if let Some(d) = parsed.as_of
                && facts.as_of.is_none_or(|cur| d > cur)
            {
                facts.as_of = Some(d);
            }
            let organizations = parsed.organization.into_iter().map(|o| {
                let mut o = o.into_inner();
                o.organization = true;
                o
            });
            for c in parsed
                .country
                .into_iter()
                .map(toml::Spanned::into_inner)
                .chain(organizations)
            {
                match facts.country_by_code.get(&c.code) {
                    Some(&i) => facts.countries[i] = c,
                    None => {
                        facts
                            .country_by_code
                            .insert(c.code.clone(), facts.countries.len());
                        facts.countries.push(c);
                    }
                }
            }
            for t in parsed.title {
                let t = t.into_inner();
                match facts.titles.iter().position(|x| x.name == t.name) {
                    Some(i) => facts.titles[i] = t,
                    None => facts.titles.push(t),
                }
            }
            for p in parsed.person {
                pending_people.push((path.clone(), text.clone(), p));
            }
        }
        facts.index_countries_and_titles();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut in_file: std::collections::HashSet<(String, String)> =
            std::collections::HashSet::new();
        for (path, text, p) in pending_people {
            let span = p.span();
            let p = p.into_inner();
            if !in_file.insert((path.clone(), p.name.clone())) {
                errors.push(
                    SourceError::new(path.clone(), text.clone(), Some(span.clone()), format!("{} is listed twice in this file", p.name))
                        .with_help("list each person once, with all their offices; a later file may override an earlier one"),
                );
                continue;
            }
            for o in &p.offices {
                let problem = if !facts.country_by_code.contains_key(&o.country) {
                    Some(format!(
                        "unknown country code '{}' in an office of {}",
                        o.country, p.name
                    ))
                } else if !facts.title_by_form.contains_key(&o.title) {
                    Some(format!(
                        "unknown title '{}' in an office of {}",
                        o.title, p.name
                    ))
                } else if let (Some(f), Some(t)) = (&o.from, &o.to)
                    && t < f
                {
                    Some(format!(
                        "office of {} ends ({t}) before it starts ({f})",
                        p.name
                    ))
                } else {
                    None
                };
                if let Some(message) = problem {
                    errors.push(
                        SourceError::new(path.clone(), text.clone(), Some(span.clone()), message)
                            .with_help("countries are ISO alpha-3 codes from countries.toml; titles come from titles.toml"),
                    );
                }
            }
            match by_name.get(&p.name) {
                Some(&i) => facts.people[i] = p,
                None => {
                    by_name.insert(p.name.clone(), facts.people.len());
                    facts.people.push(p);
                }
            }
        }
        for (i, p) in facts.people.iter().enumerate() {
            for o in &p.offices {
                let holders = facts
                    .holders
                    .entry((o.title.clone(), o.country.clone()))
                    .or_default();
                if holders.last() != Some(&i) {
                    holders.push(i);
                }
            }
        }
        if errors.is_empty() {
            Ok(facts)
        } else {
            Err(errors)
        }
    }

    fn index_countries_and_titles(&mut self) {
        self.country_by_demonym.clear();
        for (i, c) in self.countries.iter().enumerate() {
            for d in &c.demonyms {
                self.country_by_demonym.entry(d.clone()).or_insert(i);
            }
        }
        self.title_by_form.clear();
        for (i, t) in self.titles.iter().enumerate() {
            self.title_by_form.insert(t.name.clone(), i);
            for a in &t.aliases {
                self.title_by_form.insert(a.clone(), i);
            }
        }
    }

    /// The country with ISO code `code`.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_by_code.get(code).map(|&i| &self.countries[i])
    }

    /// The country whose demonym or adjective is `word` ("Israeli" → Israel).
    pub fn country_by_demonym(&self, word: &str) -> Option<&Country> {
        self.country_by_demonym
            .get(word)
            .map(|&i| &self.countries[i])
    }

    /// What the knowledge base can say about `office` on `date`: held, not held,
    /// or unknown (the date is outside what the files cover, or after `as-of`
    /// for a term that was still open then: such a term is accepted, never called wrong).
    pub fn held_on(&self, office: &Office, date: jiff::civil::Date) -> Tenure {
        if self.covers_from.is_some_and(|c| date < c.first_day()) {
            return Tenure::Unknown;
        }
        if office.from.is_some_and(|f| date < f.first_day()) {
            return Tenure::NotYet;
        }
        match office.to {
            Some(t) if date > t.last_day() => Tenure::Ended,
            Some(_) => Tenure::Held,
            None if office
                .as_of
                .or(self.as_of)
                .is_some_and(|a| date > a.last_day()) =>
            {
                Tenure::Unknown
            }
            None => Tenure::Held,
        }
    }

    /// The person who held `title` for `country` on `date`: `(person, certain)`.
    /// Past `as-of`, the holder of a term still open then is returned as not certain.
    pub fn holder_on(
        &self,
        title: &str,
        country: &str,
        date: jiff::civil::Date,
    ) -> Option<(&Person, bool)> {
        let mut presumed: Option<(&Person, Option<FactDate>, bool)> = None;
        let key = (title.to_string(), country.to_string());
        let people = self
            .holders
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&i| &self.people[i]);
        for p in people {
            for o in p
                .offices
                .iter()
                .filter(|o| o.title == title && o.country == country)
            {
                match self.held_on(o, date) {
                    Tenure::Held => return Some((p, true)),
                    // The most recent term still open at its as-of date is the best guess.
                    Tenure::Unknown
                        if o.to.is_none()
                            && o.from.is_some_and(|f| f.first_day() <= date)
                            && presumed.is_none_or(|(_, from, _)| o.from > from) =>
                    {
                        presumed = Some((p, o.from, false));
                    }
                    _ => {}
                }
            }
        }
        presumed.map(|(p, _, certain)| (p, certain))
    }

    /// The canonical title for a written form ("Minister of Foreign Affairs" → "Foreign Minister").
    pub fn title(&self, form: &str) -> Option<&Title> {
        self.title_by_form.get(form).map(|&i| &self.titles[i])
    }

    /// Every written form of every title.
    pub fn title_forms(&self) -> impl Iterator<Item = &str> {
        self.title_by_form.keys().map(String::as_str)
    }

    /// Names for the fuzzy spelling check: common country names, demonyms and
    /// capitals. Official names, aliases and native names are left out: their words
    /// ("Republic", "Administrative", "Brasil") are not what reporters misspell.
    pub fn place_names(&self) -> impl Iterator<Item = &str> {
        self.countries
            .iter()
            .filter(|c| !c.organization)
            .flat_map(|c| {
                std::iter::once(c.name.as_str())
                    .chain(c.demonyms.iter().map(String::as_str))
                    .chain(c.capitals.iter().map(String::as_str))
            })
    }

    /// Every other name of every country (official, aliases, native): correct
    /// spellings that are not in an English dictionary.
    pub fn other_place_names(&self) -> impl Iterator<Item = &str> {
        self.countries.iter().flat_map(|c| {
            c.official
                .iter()
                .chain(&c.aliases)
                .chain(&c.native)
                .map(String::as_str)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: &[(&str, &str)]) -> Result<Facts, Vec<SourceError>> {
        let files: Vec<(String, Arc<str>)> = files
            .iter()
            .map(|(p, t)| (p.to_string(), Arc::from(*t)))
            .collect();
        Facts::load(&files)
    }

    const BASE: &str = r#"
[[country]]
code = "ISR"
name = "Israel"
demonyms = ["Israeli"]
capitals = ["Jerusalem"]

[[title]]
name = "Prime Minister"
aliases = ["Premier"]
"#;

    #[test]
    fn indexes_demonyms_and_titles() {
        let f = load(&[("base.toml", BASE)]).unwrap();
        assert_eq!(f.country_by_demonym("Israeli").unwrap().name, "Israel");
        assert_eq!(f.title("Premier").unwrap().name, "Prime Minister");
        assert!(f.place_names().any(|n| n == "Jerusalem"));
    }

    #[test]
    fn later_files_override_by_key() {
        let f = load(&[
            ("base.toml", BASE),
            ("ours.toml", "[[country]]\ncode = \"ISR\"\nname = \"State of Israel\"\ndemonyms = [\"Israeli\"]\n"),
        ])
        .unwrap();
        assert_eq!(f.countries.len(), 1);
        assert_eq!(f.country("ISR").unwrap().name, "State of Israel");
    }

    #[test]
    fn bad_office_is_an_error_with_position() {
        let people = "[[person]]\nname = \"X Y\"\n[[person.office]]\ntitle = \"Prime Minister\"\ncountry = \"XXX\"\nsource = \"test\"\n";
        let errs = load(&[("base.toml", BASE), ("people.toml", people)]).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("unknown country code 'XXX'"));
        assert_eq!(errs[0].line_col().unwrap().0, 1);
    }

    #[test]
    fn dates_keep_their_precision_and_reject_impossible_days() {
        let d: FactDate = "2003-06".parse().unwrap();
        assert_eq!(d.to_string(), "2003-06");
        assert!("2003-06".parse::<FactDate>().unwrap() < "2003-06-02".parse().unwrap());
        assert!(
            "2023-02-30"
                .parse::<FactDate>()
                .unwrap_err()
                .contains("not a real date")
        );
        assert!("June 2003".parse::<FactDate>().is_err());
    }

    #[test]
    fn duplicate_person_in_one_file_is_an_error() {
        let one = "[[person]]\nname = \"X Y\"\n";
        let errs = load(&[("base.toml", BASE), ("p.toml", &format!("{one}{one}"))]).unwrap_err();
        assert_eq!(errs[0].message, "X Y is listed twice in this file");
        assert_eq!(errs[0].line_col().map(|p| p.0), Some(3));
        assert!(load(&[("base.toml", BASE), ("a.toml", one), ("b.toml", one)]).is_ok());
    }

    #[test]
    fn office_ending_before_it_starts_is_an_error() {
        let people = "[[person]]\nname = \"X Y\"\n[[person.office]]\ntitle = \"Premier\"\ncountry = \"ISR\"\nfrom = \"2020-01-01\"\nto = \"2019-01-01\"\nsource = \"test\"\n";
        let errs = load(&[("base.toml", BASE), ("people.toml", people)]).unwrap_err();
        assert!(
            errs[0]
                .message
                .contains("ends (2019-01-01) before it starts")
        );
    }
}
