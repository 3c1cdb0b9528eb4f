//! The knowledge base: countries, office titles, people and the offices they held.
//!
//! Facts are TOML files (built-in ones under `rules/facts/kb/`, generated from
//! public data by `scripts/build-facts.py`). They are loaded once into indexed
//! structures: lookups while checking go through hash maps, never list scans.

use crate::error::SourceError;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
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
        // Read byte by byte: the knowledge base holds 7,000 dates, read at every start.
        let b = s.as_bytes();
        let num = |at: std::ops::Range<usize>| -> Result<i16, String> {
            b[at].iter().try_fold(0i16, |n, &c| {
                c.is_ascii_digit()
                    .then(|| n * 10 + i16::from(c - b'0'))
                    .ok_or_else(bad)
            })
        };
        let dash = |at: usize| b[at] == b'-';
        let (year, month, day) = match b.len() {
            4 => (num(0..4)?, None, None),
            7 if dash(4) => (num(0..4)?, Some(num(5..7)?), None),
            10 if dash(4) && dash(7) => (num(0..4)?, Some(num(5..7)?), Some(num(8..10)?)),
            _ => return Err(bad()),
        };
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
    /// A string or a bare TOML date: `"2003-06"`, `2024-03-05`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::document::dates::read_date_text(d, str::parse)
    }
}

/// Days either side of a term's recorded start and end within which a title is not judged:
/// sources disagree by days or weeks about hand-overs (election or inauguration day, a weekly
/// snapshot's lag), and copy written on the day of a change may be right either way.
pub const GRACE_DAYS: i64 = 21;

/// What the knowledge base can say about a person holding an office on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict<'a> {
    /// Held it that day, or may have: no finding.
    Held,
    /// In office when its source was taken, and the day is later: nothing to say, but
    /// worth telling (`check -v`).
    Open {
        /// The open term.
        office: &'a Office,
    },
    /// Did not hold it: a source covering that day names who did.
    NotHeld {
        /// Who held it that day.
        holder: &'a Person,
        /// The holder's term.
        office: &'a Office,
        /// The person had held it before that day.
        ended: bool,
    },
    /// Certainly held another office of that country that day, and no one on file ever held
    /// the title there ("President Tony Blair").
    OtherOffice {
        /// The office the person held that day.
        office: &'a Office,
    },
    /// Outside what the sources cover: nothing may be said.
    Unknown,
}

type Date = jiff::civil::Date;

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
    /// Other forms that mean the same office ("Minister of Foreign Affairs"). A form may
    /// belong to several titles ("Chancellor": Germany's and the UK's Exchequer).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A head of state or government: every country's heads are on file, so a head title a
    /// country never had on file is not one of its offices.
    #[serde(default)]
    pub head: bool,
    /// Still used after the term (a monarch's title): an ended term is not called outdated.
    #[serde(default)]
    pub keeps_title: bool,
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
    /// Where the fact comes from: [`Dataset`] ids separated by ", ", or free text.
    pub source: String,
    /// The record in the source (a Wikidata id, a Factbook entry, an announcement).
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
}

/// A source of offices: what it is, its licence, how far it reaches.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Dataset {
    /// Short id that offices name in their `source`.
    pub id: String,
    /// What the source is.
    pub name: String,
    /// Its licence.
    pub license: String,
    /// The day it was taken: nothing after it is known from this source.
    pub as_of: FactDate,
    /// What it covers, in words.
    #[serde(default)]
    pub covers: String,
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
    /// The name the press uses alone after the first mention, when it is not the last
    /// word of `name` ("Xi" in "Xi Jinping", "Lula" in "Luiz Inácio Lula da Silva").
    #[serde(default)]
    pub surname: Option<String>,
    /// Wikidata id, when known.
    #[serde(default)]
    pub wikidata: Option<String>,
    /// Offices held.
    #[serde(default, rename = "office")]
    pub offices: Vec<Office>,
}

/// The contents of one fact file; every section is optional. `C`, `T` and `P` are how a
/// country, a title and a person come out of the parser: with their place in the file
/// (`toml::Spanned`, for the TOML a newsroom writes) or without ([`Unplaced`], for the
/// JSON form of the built-in files, which `build.rs` writes and which loads several
/// times faster than their TOML).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FactFile<C, T, P> {
    #[serde(default)]
    as_of: Option<FactDate>,
    #[serde(default)]
    covers_from: Option<FactDate>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    license: Option<String>,
    #[serde(default)]
    dataset: Vec<Dataset>,
    #[serde(default = "Vec::new")]
    country: Vec<C>,
    #[serde(default = "Vec::new")]
    organization: Vec<C>,
    #[serde(default = "Vec::new")]
    title: Vec<T>,
    #[serde(default = "Vec::new")]
    person: Vec<P>,
    /// Texts the `facts` rules must flag (`bad`) or leave alone (`good`), run by
    /// `copydesk test`.
    #[serde(default)]
    example: Vec<crate::rule::Example>,
}

/// An entry with the byte range it was read from (empty when unknown).
type Placed<T> = (std::ops::Range<usize>, T);

/// An entry as a parser gives it, with or without its place in the file.
trait Place<T>: Sized {
    fn place(self) -> Placed<T>;

    /// The entries of `list` and their places, in two lists (the places empty when the
    /// parser does not know them).
    fn unzip(list: Vec<Self>) -> (Vec<T>, Vec<std::ops::Range<usize>>) {
        let (places, entries) = list.into_iter().map(Place::place).unzip();
        (entries, places)
    }
}

impl<T> Place<T> for toml::Spanned<T> {
    fn place(self) -> Placed<T> {
        (self.span(), self.into_inner())
    }
}

/// An entry of the built-in files' JSON form: its place is not known (those files are
/// checked when they are built, so no error points into them).
#[derive(Debug, Deserialize)]
#[serde(transparent)]
#[repr(transparent)]
struct Unplaced<T>(T);

impl<T> Place<T> for Unplaced<T> {
    fn place(self) -> Placed<T> {
        (0..0, self.0)
    }

    /// The entries where the parser left them: unwrapping reuses the vector (the wrapper
    /// is transparent), so the 2,761 built-in people are never copied or reallocated.
    fn unzip(list: Vec<Self>) -> (Vec<T>, Vec<std::ops::Range<usize>>) {
        (list.into_iter().map(|u| u.0).collect(), Vec::new())
    }
}

/// A fact file with every country and title placed, and its people beside their places.
struct ParsedFile {
    file: FactFile<Placed<Country>, Placed<Title>, Person>,
    /// Where each person is in the file; empty when unknown.
    person_spans: Vec<std::ops::Range<usize>>,
    /// Read from the compiled form of an unchanged built-in file.
    builtin: bool,
}

impl<C: Place<Country>, T: Place<Title>, P: Place<Person>> FactFile<C, T, P> {
    /// The file with every entry placed; `builtin` as [`ParsedFile::builtin`].
    fn placed(self, builtin: bool) -> ParsedFile {
        let (person, person_spans) = P::unzip(self.person);
        let file = FactFile {
            as_of: self.as_of,
            covers_from: self.covers_from,
            source: self.source,
            license: self.license,
            dataset: self.dataset,
            country: self.country.into_iter().map(Place::place).collect(),
            organization: self.organization.into_iter().map(Place::place).collect(),
            title: self.title.into_iter().map(Place::place).collect(),
            person,
            example: self.example,
        };
        ParsedFile {
            file,
            person_spans,
            builtin,
        }
    }
}

/// Parses one fact file: a built-in one from its JSON form (its parts read by as many
/// threads), any other from its TOML.
fn parse_fact_file(path: &str, text: &str) -> Result<ParsedFile, SourceError> {
    if let Some(parts) = crate::pack::builtin_facts_json(path, text) {
        type Json = FactFile<Unplaced<Country>, Unplaced<Title>, Unplaced<Person>>;
        let parse = |json: &str| -> Result<Json, SourceError> {
            serde_json::from_str(json).map_err(|e| {
                SourceError::new(
                    path,
                    Arc::from(text),
                    None,
                    format!("the compiled form of this built-in file does not load: {e}"),
                )
                .with_help("this is a bug in copydesk's build; rebuild it from a clean checkout")
            })
        };
        let (first, rest) = parts.split_first().expect("a file has one part at least");
        let (file, more) = std::thread::scope(|s| {
            let more: Vec<_> = rest.iter().map(|part| s.spawn(|| parse(part))).collect();
            let file = parse(first);
            let more: Vec<_> = more
                .into_iter()
                .map(|h| h.join().expect("parsing JSON does not panic"))
                .collect();
            (file, more)
        });
        let mut file = file?;
        for part in more {
            file.person.extend(part?.person);
        }
        return Ok(file.placed(true));
    }
    let file: FactFile<toml::Spanned<Country>, toml::Spanned<Title>, toml::Spanned<Person>> =
        toml::from_str(text).map_err(|e| SourceError::from_toml(path, Arc::from(text), &e))?;
    Ok(file.placed(false))
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
    /// The datasets offices cite, with their snapshot dates.
    pub datasets: Vec<Dataset>,
    /// The latest `as-of` date of the people files, if any.
    pub as_of: Option<FactDate>,
    /// Earliest date the people files cover: articles dated before it are not judged.
    pub covers_from: Option<FactDate>,
    /// The fact files' examples, with the file each is in (`copydesk test`).
    pub examples: Vec<(String, crate::rule::Example)>,
    country_by_code: HashMap<String, usize>,
    /// People by the title and country of their offices ([`Facts::holder_key`]).
    holders: HashMap<(u32, u32), Vec<usize>>,
    /// Countries by demonym; one adjective may name several ("Dutch": the Netherlands and the
    /// Caribbean Netherlands), sovereign states first.
    countries_by_demonym: HashMap<String, Vec<usize>>,
    title_by_form: HashMap<String, Vec<usize>>,
    /// See [`Facts::person_name_words`].
    person_words: std::sync::OnceLock<NameWords>,
    /// See [`Facts::other_place_name_words`].
    other_place_words: std::sync::OnceLock<NameWords>,
    /// The people, and the countries and organizations, came from the built-in files and
    /// only from them, so `build.rs` made their name words ([`NameWords::Built`]).
    builtin_people: bool,
    builtin_places: bool,
}

/// The lower-cased words of a set of names ([`Facts::person_name_words`]).
#[derive(Debug)]
pub enum NameWords {
    /// Made by `build.rs` from the built-in files: nothing to build at start-up.
    Built(fst::Set<&'static [u8]>),
    /// Made from the files loaded.
    Counted(HashSet<Box<str>>),
}

impl NameWords {
    /// Whether `word` (lower case) is one of the words.
    pub fn contains(&self, word: &str) -> bool {
        match self {
            NameWords::Built(set) => set.contains(word),
            NameWords::Counted(set) => set.contains(word),
        }
    }

    /// The set `build.rs` made (`built`) when `use_built`, else the words of `names`.
    fn of<'a>(names: impl Iterator<Item = &'a str>, built: &'static [u8], use_built: bool) -> Self {
        if use_built {
            NameWords::Built(fst::Set::new(built).expect("build.rs wrote a valid fst set"))
        } else {
            NameWords::Counted(name_words(names))
        }
    }
}

impl Facts {
    /// Loads fact files in order; a later country, title or person with the
    /// same key replaces the earlier one. Errors name the file and position.
    /// Errors copy the text of their file: the files (the built-in ones among them,
    /// borrowed from the binary) are not copied otherwise.
    pub fn load<T: AsRef<str>>(files: &[(String, T)]) -> Result<Facts, Vec<SourceError>> {
        let mut facts = Facts::default();
        let mut errors = Vec::new();
        // Each file's people and their places, judged once every title is known.
        let mut pending_people = Vec::new();
        // The files people, and countries or organizations, come from, when all are built-in.
        let (mut people_from, mut places_from): (Option<Vec<&str>>, Option<Vec<&str>>) =
            (Some(Vec::new()), Some(Vec::new()));
        for (file, (path, text)) in files.iter().enumerate() {
            let text = text.as_ref();
            let (parsed, person_spans) = match parse_fact_file(path, text) {
                Ok(f) => {
                    let rel = path
                        .strip_prefix(crate::pack::BUILTIN_PREFIX)
                        .filter(|_| f.builtin);
                    let has_places = !(f.file.country.is_empty() && f.file.organization.is_empty());
                    for (list, has) in [
                        (&mut people_from, !f.file.person.is_empty()),
                        (&mut places_from, has_places),
                    ] {
                        if has {
                            match (list.as_mut(), rel) {
                                (Some(l), Some(r)) => l.push(r),
                                _ => *list = None,
                            }
                        }
                    }
                    (f.file, f.person_spans)
                }
                Err(e) => {
                    errors.push(e);
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
            for d in parsed.dataset {
                match facts.datasets.iter().position(|x| x.id == d.id) {
                    Some(i) => facts.datasets[i] = d,
                    None => facts.datasets.push(d),
                }
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
            let organizations = parsed.organization.into_iter().map(|(_, mut o)| {
                o.organization = true;
                o
            });
            let mut countries = Vec::new();
            for (span, c) in parsed.country {
                let names = std::iter::once(&c.name)
                    .chain(&c.official)
                    .chain(&c.aliases)
                    .chain(&c.native)
                    .chain(&c.demonyms)
                    .chain(&c.capitals);
                if names.clone().any(|n| n.trim().is_empty()) || c.code.trim().is_empty() {
                    errors.push(
                        SourceError::new(
                            path.clone(),
                            Arc::from(text),
                            Some(locate(text, &span, "country", EMPTY_STRING)),
                            format!("{} has an empty name, alias or demonym", c.name),
                        )
                        .with_help(
                            "remove the empty string: a fix must never replace a name with nothing",
                        ),
                    );
                    continue;
                }
                countries.push(c);
            }
            for c in countries.into_iter().chain(organizations) {
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
            for (_, t) in parsed.title {
                match facts.titles.iter().position(|x| x.name == t.name) {
                    Some(i) => facts.titles[i] = t,
                    None => facts.titles.push(t),
                }
            }
            pending_people.push((file, parsed.person, person_spans));
            facts
                .examples
                .extend(parsed.example.into_iter().map(|e| (path.clone(), e)));
        }
        facts.index_countries_and_titles();
        let built_from = |from: Option<Vec<&str>>, built: &[&str]| {
            from.is_some_and(|f| f.iter().eq(built.iter()))
        };
        facts.builtin_people = built_from(people_from, crate::pack::BUILTIN_PERSON_WORDS.1);
        facts.builtin_places = built_from(places_from, crate::pack::BUILTIN_PLACE_WORDS.1);
        let total = pending_people
            .iter()
            .map(|(_, people, _)| people.len())
            .sum();
        facts.people.reserve(total);
        let mut by_name: HashMap<String, usize> = HashMap::default();
        by_name.reserve(total);
        for (file, people, spans) in pending_people {
            let (path, text) = &files[file];
            facts.add_people(
                people,
                &spans,
                path,
                text.as_ref(),
                &mut by_name,
                &mut errors,
            );
        }
        for (i, p) in facts.people.iter().enumerate() {
            for o in &p.offices {
                let Some(key) = facts.holder_key(&o.title, &o.country) else {
                    continue;
                };
                let holders = facts.holders.entry(key).or_default();
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

    /// Adds one file's people (after every file's titles and countries are known),
    /// checking each: listed twice in the file, an empty name, an office of an unknown
    /// country or title or one that ends before it starts. A person already on file by
    /// the same name is replaced.
    fn add_people(
        &mut self,
        people: Vec<Person>,
        spans: &[std::ops::Range<usize>],
        path: &str,
        text: &str,
        by_name: &mut HashMap<String, usize>,
        errors: &mut Vec<SourceError>,
    ) {
        // A person listed a second time in the file (found before the people are moved).
        let repeated: Vec<bool> = {
            let mut in_file: HashSet<&str> = HashSet::default();
            people.iter().map(|p| !in_file.insert(&p.name)).collect()
        };
        for (k, (mut p, repeated)) in people.into_iter().zip(repeated).enumerate() {
            let span = spans.get(k).cloned().unwrap_or(0..0);
            for o in &mut p.offices {
                if let Some(t) = self.title(&o.title)
                    && t.name != o.title
                {
                    o.title = t.name.clone();
                }
            }
            if repeated {
                errors.push(
                    SourceError::new(
                        path,
                        Arc::from(text),
                        Some(span.clone()),
                        format!("{} is listed twice in this file", p.name),
                    )
                    .with_help(
                        "list each person once, with all their offices; a later file may override an earlier one",
                    ),
                );
                continue;
            }
            if let Some(message) = empty_name(&p) {
                let at = locate(text, &span, "person", EMPTY_STRING);
                errors.push(
                    SourceError::new(path, Arc::from(text), Some(at), message).with_help(
                        "remove the empty name: a fix must never replace a name with nothing",
                    ),
                );
                continue;
            }
            for o in &p.offices {
                let key = |key: &str, value: &str| {
                    format!(r#"(?m)^\s*{key}\s*=\s*("{}")"#, regex::escape(value))
                };
                let problem = if !self.country_by_code.contains_key(&o.country) {
                    Some((
                        format!(
                            "unknown country code '{}' in an office of {}",
                            o.country, p.name
                        ),
                        key("country", &o.country),
                    ))
                } else if !self.title_by_form.contains_key(&o.title) {
                    Some((
                        format!("unknown title '{}' in an office of {}", o.title, p.name),
                        key("title", &o.title),
                    ))
                } else if let (Some(f), Some(t)) = (&o.from, &o.to)
                    && t < f
                {
                    Some((
                        format!("office of {} ends ({t}) before it starts ({f})", p.name),
                        r"(?m)^\s*(to)\s*=".to_string(),
                    ))
                } else {
                    None
                };
                if let Some((message, pattern)) = problem {
                    let at = locate(text, &span, "person", &pattern);
                    errors.push(
                        SourceError::new(path, Arc::from(text), Some(at), message).with_help(
                            "countries are ISO alpha-3 codes from countries.toml; titles come from titles.toml",
                        ),
                    );
                }
            }
            match by_name.get(&p.name) {
                Some(&i) => self.people[i] = p,
                None => {
                    by_name.insert(p.name.clone(), self.people.len());
                    self.people.push(p);
                }
            }
        }
    }

    fn index_countries_and_titles(&mut self) {
        self.countries_by_demonym.clear();
        for (i, c) in self.countries.iter().enumerate() {
            for d in &c.demonyms {
                let list = self.countries_by_demonym.entry(d.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        // A country whose people have the adjective to themselves comes first ("Dutch":
        // the Netherlands, whose common name is not "Caribbean Netherlands").
        let countries = &self.countries;
        for list in self.countries_by_demonym.values_mut() {
            list.sort_by_key(|&i| countries[i].name.contains(' ') as u8);
        }
        self.title_by_form.clear();
        for (i, t) in self.titles.iter().enumerate() {
            for form in std::iter::once(&t.name).chain(&t.aliases) {
                let titles = self.title_by_form.entry(form.clone()).or_default();
                if !titles.contains(&i) {
                    titles.push(i);
                }
            }
        }
    }

    /// The country with ISO code `code`.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_by_code.get(code).map(|&i| &self.countries[i])
    }

    /// The country whose demonym or adjective is `word` ("Israeli" → Israel); of several,
    /// the first of [`Facts::countries_by_demonym`].
    pub fn country_by_demonym(&self, word: &str) -> Option<&Country> {
        self.countries_by_demonym(word).into_iter().next()
    }

    /// Every country whose demonym or adjective is `word`.
    pub fn countries_by_demonym(&self, word: &str) -> Vec<&Country> {
        self.countries_by_demonym
            .get(word)
            .into_iter()
            .flatten()
            .map(|&i| &self.countries[i])
            .collect()
    }

    /// The day up to which an office's source knew it: its own `as-of`, else its first
    /// dataset's, else the files'.
    pub fn known_until(&self, office: &Office) -> Option<FactDate> {
        office
            .as_of
            .or_else(|| {
                office
                    .source
                    .split(", ")
                    .filter_map(|s| self.dataset(s))
                    .map(|d| d.as_of)
                    .max()
            })
            .or(self.as_of)
    }

    /// True unless the files rule out that `office` was held on `date`: before its start or
    /// after its end by more than [`GRACE_DAYS`], or an open term's start. An open term after
    /// its source's snapshot may still be held.
    pub fn possibly_held(&self, office: &Office, date: Date) -> bool {
        let grace = jiff::Span::new().days(GRACE_DAYS);
        let started = office
            .from
            .is_none_or(|f| f.first_day().checked_sub(grace).is_ok_and(|d| d <= date));
        let not_ended = office
            .to
            .is_none_or(|t| t.last_day().checked_add(grace).is_ok_and(|d| date <= d));
        started && not_ended
    }

    /// True when the files say `office` was held on `date` beyond doubt: after the last day
    /// its start can mean, before the first day its end can mean, and for an open term no
    /// later than its source's snapshot.
    pub fn certainly_held(&self, office: &Office, date: Date) -> bool {
        let Some(from) = office.from else {
            return false;
        };
        if date < from.last_day() {
            return false;
        }
        match office.to {
            Some(t) => date < t.first_day(),
            None => self
                .known_until(office)
                .is_some_and(|a| date <= a.first_day()),
        }
    }

    /// Whether `person` held one of `titles` in `country` on `date`, as far as the files can
    /// know. A "not held" verdict always rests on a record of who did hold it that day (or,
    /// for a head of state or government, on the person certainly holding another office of
    /// that country that never had such a head on file); anything else is [`Verdict::Unknown`].
    pub fn verdict<'a>(
        &'a self,
        person: &'a Person,
        titles: &[&str],
        country: &str,
        date: Date,
    ) -> Verdict<'a> {
        let mine: Vec<&Office> = person
            .offices
            .iter()
            .filter(|o| o.country == country && titles.contains(&o.title.as_str()))
            .collect();
        if let Some(o) = mine.iter().find(|o| self.possibly_held(o, date)) {
            // Held beyond doubt, or near a recorded start or end; else an open term past
            // its source's snapshot, which may or may not still run.
            let past_source = o.to.is_none()
                && o.from.is_some_and(|f| f.last_day() <= date)
                && self.known_until(o).is_some_and(|a| a.last_day() < date);
            return if past_source && !mine.iter().any(|o| self.certainly_held(o, date)) {
                Verdict::Open { office: o }
            } else {
                Verdict::Held
            };
        }
        let ended = mine
            .iter()
            .any(|o| o.to.is_some_and(|t| t.last_day() < date));
        let terms = self.terms(titles, country);
        let others: Vec<&(&Person, &Office)> = terms
            .iter()
            .filter(|(holder, _)| holder.name != person.name)
            .collect();
        // Two records that may be one person (sources spell names differently: "Michael
        // Martin", "Micheál Martin") are never used against each other, whichever comes first.
        if others
            .iter()
            .any(|(holder, o)| self.possibly_held(o, date) && may_be_same_person(holder, person))
        {
            return Verdict::Held;
        }
        if let Some((holder, office)) = others
            .iter()
            .find(|(holder, o)| self.certainly_held(o, date) && !may_be_same_person(holder, person))
        {
            return Verdict::NotHeld {
                holder,
                office,
                ended,
            };
        }
        let anyone = !terms.is_empty();
        let heads = titles
            .iter()
            .all(|t| self.title_named(t).is_some_and(|t| t.head));
        if heads
            && !anyone
            && let Some(office) = person
                .offices
                .iter()
                .find(|o| o.country == country && self.certainly_held(o, date))
        {
            return Verdict::OtherOffice { office };
        }
        Verdict::Unknown
    }

    /// The canonical title for a written form ("Minister of Foreign Affairs" → "Foreign
    /// Minister"); for a form of several titles, the one whose name it is, else the first.
    pub fn title(&self, form: &str) -> Option<&Title> {
        let titles = self.title_by_form.get(form)?;
        titles
            .iter()
            .map(|&i| &self.titles[i])
            .find(|t| t.name == form)
            .or_else(|| titles.first().map(|&i| &self.titles[i]))
    }

    /// Every title a written form can mean ("Chancellor" → Chancellor, Chancellor of the Exchequer).
    pub fn titles_of_form(&self, form: &str) -> Vec<&Title> {
        self.title_by_form
            .get(form)
            .into_iter()
            .flatten()
            .map(|&i| &self.titles[i])
            .collect()
    }

    /// The title named `name`.
    pub fn title_named(&self, name: &str) -> Option<&Title> {
        self.titles.iter().find(|t| t.name == name)
    }

    /// The country or organization `query` names: its code, name, official name, an alias
    /// or an adjective, in any case ("JPN", "japan", "Japanese", "NATO").
    pub fn find_country(&self, query: &str) -> Option<&Country> {
        let q = query.trim();
        self.country(&q.to_uppercase())
            .or_else(|| self.country_by_demonym(q))
            .or_else(|| {
                self.countries.iter().find(|c| {
                    std::iter::once(&c.name)
                        .chain(&c.official)
                        .chain(&c.aliases)
                        .chain(&c.demonyms)
                        .any(|n| {
                            n.eq_ignore_ascii_case(q) || fold(n).eq_ignore_ascii_case(&fold(q))
                        })
                })
            })
    }

    /// The people `query` names: a name or alias on file, or a surname, diacritics and
    /// case aside ("erdogan" → Recep Tayyip Erdoğan). Exact names first.
    pub fn find_people(&self, query: &str) -> Vec<&Person> {
        let key = |s: &str| fold(s).to_lowercase();
        let q = key(query.trim());
        let names = |p: &'_ Person| -> Vec<String> {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .map(|n| key(n))
                .collect()
        };
        let exact: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| names(p).contains(&q))
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        self.people
            .iter()
            .filter(|p| {
                let surname = p
                    .surname
                    .as_deref()
                    .or_else(|| p.name.rsplit(' ').next())
                    .unwrap_or("");
                key(surname) == q
                    || names(p)
                        .iter()
                        .any(|n| n.rsplit(' ').next() == Some(q.as_str()))
            })
            .collect()
    }

    /// The key of [`Facts::holders`] for the title named `title` (its name, not another
    /// form) in the country with code `country`: their places in the lists.
    fn holder_key(&self, title: &str, country: &str) -> Option<(u32, u32)> {
        let t = self
            .title_by_form
            .get(title)?
            .iter()
            .copied()
            .find(|&i| self.titles[i].name == title)?;
        let c = *self.country_by_code.get(country)?;
        Some((u32::try_from(t).ok()?, u32::try_from(c).ok()?))
    }

    /// Every term of `titles` in `country` on file, oldest first, with the person.
    pub fn terms(&self, titles: &[&str], country: &str) -> Vec<(&Person, &Office)> {
        let mut out: Vec<(&Person, &Office)> = Vec::new();
        for &title in titles {
            let Some(key) = self.holder_key(title, country) else {
                continue;
            };
            for &i in self.holders.get(&key).into_iter().flatten() {
                let p = &self.people[i];
                for o in p
                    .offices
                    .iter()
                    .filter(|o| o.title == title && o.country == country)
                {
                    out.push((p, o));
                }
            }
        }
        out.sort_by(|(p, o), (q, r)| o.from.cmp(&r.from).then_with(|| p.name.cmp(&q.name)));
        out
    }

    /// The dataset with id `id`.
    pub fn dataset(&self, id: &str) -> Option<&Dataset> {
        self.datasets.iter().find(|d| d.id == id)
    }

    /// The sources an office cites, readable: dataset names with their snapshot dates, or
    /// the free text a newsroom wrote.
    pub fn describe_source(&self, office: &Office) -> String {
        let parts: Vec<String> = office
            .source
            .split(", ")
            .map(|s| match self.dataset(s) {
                Some(d) => format!("{} as of {}", d.name, d.as_of),
                None => s.to_string(),
            })
            .collect();
        let mut out = parts.join("; ");
        if let Some(r) = &office.reference {
            out.push_str(&format!(" [{r}]"));
        }
        out
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

    /// The words of every person's name and alias, lower-cased ("benjamin",
    /// "netanyahu"): known words to the spelling rules. Built on first use, once for all
    /// the rules that ask.
    pub fn person_name_words(&self) -> &NameWords {
        self.person_words.get_or_init(|| {
            NameWords::of(
                self.people
                    .iter()
                    .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases))
                    .map(String::as_str),
                crate::pack::BUILTIN_PERSON_WORDS.0,
                self.builtin_people,
            )
        })
    }

    /// The words of [`Facts::other_place_names`], lower-cased ("brasil", "republic"),
    /// built on first use like [`Facts::person_name_words`].
    pub fn other_place_name_words(&self) -> &NameWords {
        self.other_place_words.get_or_init(|| {
            NameWords::of(
                self.other_place_names(),
                crate::pack::BUILTIN_PLACE_WORDS.0,
                self.builtin_places,
            )
        })
    }
}

/// The words of `names` (split at spaces and hyphens), lower-cased, each allocated once:
/// an ASCII word is lowered into one reused buffer, and only a new word is stored.
fn name_words<'a>(names: impl Iterator<Item = &'a str>) -> HashSet<Box<str>> {
    let mut words: HashSet<Box<str>> = HashSet::default();
    let mut buf = String::new();
    for word in names.flat_map(|n| n.split([' ', '-'])) {
        let lower = if word.is_ascii() {
            buf.clear();
            buf.push_str(word);
            buf.make_ascii_lowercase();
            std::borrow::Cow::Borrowed(buf.as_str())
        } else {
            std::borrow::Cow::Owned(word.to_lowercase())
        };
        if !words.contains(lower.as_ref()) {
            words.insert(lower.as_ref().into());
        }
    }
    words
}

/// `s` without diacritics ("Micheál" → "Micheal", "Erdoğan" → "Erdogan", "Støre" → "Store").
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'ı' => 'i',
            'ø' => 'o',
            'Ø' => 'O',
            'ł' => 'l',
            'Ł' => 'L',
            'đ' => 'd',
            other => other,
        })
        .collect()
}

/// True when two records could name one person: the same last name (diacritics aside)
/// and given names that start alike, or a shared alias.
fn may_be_same_person(a: &Person, b: &Person) -> bool {
    let names = |p: &Person| -> Vec<Vec<String>> {
        std::iter::once(&p.name)
            .chain(&p.aliases)
            .map(|n| {
                fold(n)
                    .to_lowercase()
                    .split([' ', '-'])
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    };
    let (na, nb) = (names(a), names(b));
    na.iter().any(|x| {
        nb.iter().any(|y| {
            x == y
                || (x.last() == y.last()
                    && x.first()
                        .zip(y.first())
                        .is_some_and(|(f, g)| f.chars().take(2).eq(g.chars().take(2))))
        })
    })
}

/// Why a person's name or aliases are unusable: an empty name or alias would match nothing
/// and make a fix that replaces a name with nothing.
/// Patterns of an empty string value: a key's own (`name = ""`), or one in a list
/// (`aliases = ["A", ""]`); the first group is the empty string.
const EMPTY_STRING: &str =
    r#"(?m)^\s*[A-Za-z_-]+\s*=\s*("\s*")|[A-Za-z_-]+\s*=\s*\[[^\]]*?,?\s*("[ \t]*")"#;

/// Where in the `[[table]]` entry whose header serde located at `header` the bad
/// value is: the first match of `pattern` (its first group that matched, else the
/// whole match) between the header and the next `[[table]]`. Errors then point at
/// the key, not the entry's header; the header when nothing matches.
fn locate(
    text: &str,
    header: &std::ops::Range<usize>,
    table: &str,
    pattern: &str,
) -> std::ops::Range<usize> {
    let Some(rest) = text.get(header.start..) else {
        return header.clone();
    };
    let next = format!("\n[[{table}]]");
    let end = rest
        .get(1..)
        .and_then(|r| r.find(&next))
        .map_or(rest.len(), |i| i + 1);
    let Ok(re) = regex::Regex::new(pattern) else {
        return header.clone();
    };
    re.captures(&rest[..end])
        .and_then(|c| c.iter().skip(1).flatten().next().or_else(|| c.get(0)))
        .map_or_else(
            || header.clone(),
            |m| header.start + m.start()..header.start + m.end(),
        )
}

fn empty_name(p: &Person) -> Option<String> {
    if p.name.trim().is_empty() {
        return Some("a person's name is empty".to_string());
    }
    if p.aliases.iter().any(|a| a.trim().is_empty()) {
        return Some(format!("{} has an empty alias", p.name));
    }
    if p.surname.as_ref().is_some_and(|s| s.trim().is_empty()) {
        return Some(format!("{} has an empty surname", p.name));
    }
    None
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

    #[test]
    fn the_words_of_names_on_file_are_lower_cased_once_for_every_rule() {
        let facts = Facts::load(&crate::pack::builtin_fact_files()).expect("built-in facts load");
        let people = facts.person_name_words();
        for w in ["benjamin", "netanyahu", "lavrov", "sergei"] {
            assert!(people.contains(w), "{w}");
        }
        assert!(!people.contains("Benjamin"));
        // Built once: the second call gives the same set.
        assert!(std::ptr::eq(people, facts.person_name_words()));
        let places = facts.other_place_name_words();
        assert!(places.contains("republic") && !places.contains("Republic"));
    }

    /// Issue 10: the name words `build.rs` makes for the built-in files are the words the
    /// loaded files give; a fact file of one's own with people or countries is counted at
    /// run time, its names with it.
    #[test]
    fn built_name_words_are_the_words_of_the_built_in_names() {
        let builtin = crate::pack::builtin_fact_files();
        let facts = Facts::load(&builtin).expect("built-in facts load");
        let people = facts
            .people
            .iter()
            .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases));
        for (built, counted) in [
            (
                facts.person_name_words(),
                name_words(people.map(String::as_str)),
            ),
            (
                facts.other_place_name_words(),
                name_words(facts.other_place_names()),
            ),
        ] {
            let NameWords::Built(set) = built else {
                panic!("the built-in files alone get the built set")
            };
            assert!(counted.len() > 100);
            assert_eq!(set.len(), counted.len());
            assert!(counted.iter().all(|w| set.contains(w.as_bytes())));
        }
        let mut own: Vec<(String, Arc<str>)> = builtin
            .iter()
            .map(|(p, t)| (p.clone(), Arc::from(t.as_ref())))
            .collect();
        own.push((
            "people.toml".into(),
            Arc::from("[[person]]\nname = \"Zorblat Quuxley-Vane\"\n"),
        ));
        let facts = Facts::load(&own).expect("loads");
        let people = facts.person_name_words();
        assert!(matches!(people, NameWords::Counted(_)));
        assert!(
            people.contains("zorblat") && people.contains("vane") && people.contains("netanyahu")
        );
        assert!(matches!(
            facts.other_place_name_words(),
            NameWords::Built(_)
        ));
        // Without the built-in people file, its people's words are not known.
        let no_people: Vec<_> = builtin
            .iter()
            .filter(|(p, _)| !p.ends_with("/people.toml"))
            .cloned()
            .collect();
        let facts = Facts::load(&no_people).expect("loads");
        assert!(!facts.person_name_words().contains("netanyahu"));
    }

    #[test]
    fn issue_10_built_in_files_load_from_their_json_form_as_from_their_toml() {
        let builtin = crate::pack::builtin_fact_files();
        assert!(
            builtin
                .iter()
                .all(|(p, t)| crate::pack::builtin_facts_json(p, t).is_some())
        );
        // The people file is read in two parts at once, and loads as its TOML all the same.
        assert!(builtin.iter().any(|(p, t)| {
            p.ends_with("people.toml")
                && crate::pack::builtin_facts_json(p, t).is_some_and(|parts| parts.len() == 2)
        }));
        // The same texts under another name are read as TOML.
        let as_toml: Vec<(String, std::borrow::Cow<'static, str>)> = builtin
            .iter()
            .map(|(p, t)| (p.replace(crate::pack::BUILTIN_PREFIX, "copy/"), t.clone()))
            .collect();
        assert!(
            as_toml
                .iter()
                .all(|(p, t)| crate::pack::builtin_facts_json(p, t).is_none())
        );
        let (json, toml) = (
            Facts::load(&builtin).expect("built-in facts load"),
            Facts::load(&as_toml).expect("built-in facts load as TOML"),
        );
        assert!(json.people.len() > 2_000 && json.countries.len() > 200);
        assert_eq!(json.countries, toml.countries);
        assert_eq!(json.titles, toml.titles);
        assert_eq!(json.people, toml.people);
        assert_eq!(json.datasets, toml.datasets);
        assert_eq!(
            (json.as_of, json.covers_from),
            (toml.as_of, toml.covers_from)
        );
        assert_eq!(json.examples.len(), toml.examples.len());
        // An edited copy of a built-in file is read as written, not from the JSON.
        let (path, text) = &builtin[0];
        let edited: Arc<str> = Arc::from(format!("{text}\n# edited\n"));
        assert!(crate::pack::builtin_facts_json(path, &edited).is_none());
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
        // Issue 11: at the bad value, not the [[person]] header.
        assert_eq!(errs[0].line_col(), Some((5, 11)));
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
        for bad in [
            "2003-6",
            "2003-06-1",
            "20030-01",
            "2003/06",
            "+203",
            "2003-06-",
            "२००३",
        ] {
            assert!(bad.parse::<FactDate>().is_err(), "{bad}");
        }
        assert_eq!("0999".parse::<FactDate>().unwrap().year, 999);
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
    fn issue_9_empty_names_and_aliases_are_located_errors() {
        // An empty alias once became a fix "Replace with ''" that deleted every mention.
        let alias = "[[person]]\nname = \"John Roe\"\naliases = [\"Jane Doe\", \"\"]\n";
        let errs = load(&[("base.toml", BASE), ("p.toml", alias)]).unwrap_err();
        assert_eq!(errs[0].message, "John Roe has an empty alias");
        // Issue 11: errors point at the empty string itself.
        assert_eq!(errs[0].line_col(), Some((3, 24)));
        let name = "[[person]]\nname = \"  \"\n";
        let errs = load(&[("base.toml", BASE), ("p.toml", name)]).unwrap_err();
        assert_eq!(errs[0].message, "a person's name is empty");
        assert_eq!(errs[0].line_col(), Some((2, 8)));
        let demonym = "[[country]]\ncode = \"XXA\"\nname = \"Xland\"\ndemonyms = [\"\"]\n";
        let errs = load(&[("base.toml", BASE), ("c.toml", demonym)]).unwrap_err();
        assert_eq!(errs[0].message, "Xland has an empty name, alias or demonym");
        assert_eq!(errs[0].line_col(), Some((4, 13)));
    }

    #[test]
    fn issue_11_dates_may_be_bare_toml_dates_or_strings() {
        let people = "as-of = 2024-03-05\n[[person]]\nname = \"X Y\"\n[[person.office]]\ntitle = \"Premier\"\ncountry = \"ISR\"\nfrom = 2020-01-01\nto = \"2021-06\"\nsource = \"test\"\n";
        let f = load(&[("base.toml", BASE), ("people.toml", people)]).unwrap();
        let o = &f.people[0].offices[0];
        assert_eq!(
            (o.from.unwrap().to_string(), o.to.unwrap().to_string()),
            ("2020-01-01".into(), "2021-06".into())
        );
        assert_eq!(f.as_of.unwrap().to_string(), "2024-03-05");
        let bad = "as-of = 2024-03-05T10:00:00\n";
        let errs = load(&[("base.toml", BASE), ("p.toml", bad)]).unwrap_err();
        assert!(
            errs[0].message.contains("is not a date"),
            "{}",
            errs[0].message
        );
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
