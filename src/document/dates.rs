//! Dates in copy: month names, wire datelines, and the article's own date.
//!
//! The article date comes from `--date`, else front matter `date:`, else the
//! dateline ("MOSCOW, February 13. /TASS/." gives month and day; the year comes
//! from `--year` or the configuration, else the current year), else today.
//! Date checks compare what the copy says against it. A front-matter date that
//! cannot be read is not replaced by today in `check`: see
//! [`front_matter_date_error`].

use super::Document;
use crate::pattern::Pattern;
use jiff::civil::Date;
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

/// Today's date in the system's time zone. Without `TZ`, the zone is read straight from
/// `/etc/localtime`, as jiff itself does when it cannot name the zone: asking jiff for
/// the zone by name makes it list the whole time-zone database (some 40 directory reads)
/// at every start, for a date that only needs the zone's offsets.
pub fn today() -> Date {
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none()
        && let Ok(data) = std::fs::read("/etc/localtime")
        && let Ok(tz) = jiff::tz::TimeZone::tzif("localtime", &data)
    {
        return jiff::Timestamp::now().to_zoned_datetime(tz).date();
    }
    jiff::ZonedDateTime::now().date()
}

/// Month names and abbreviations as wire copy writes them, with their number.
const MONTHS: &[(&str, i8)] = &[
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

/// The full English name of month `n` (1-12).
///
/// # Panics
/// If `n` is not a month number.
pub fn month_name(n: i8) -> &'static str {
    MONTHS[usize::try_from(n - 1).expect("a month number is 1-12")].0
}

/// The month number of a name or abbreviation ("Feb.", "February", "FEB").
pub fn month_number(name: &str) -> Option<i8> {
    let name = name.trim_end_matches('.');
    MONTHS
        .iter()
        .find(|(m, _)| m.eq_ignore_ascii_case(name))
        .map(|&(_, n)| n)
}

/// Where the article date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// `--date`.
    CommandLine,
    /// Front matter `date:`.
    FrontMatter,
    /// The dateline's month and day, with the configured or current year.
    Dateline,
    /// Nothing said: today.
    Today,
}

impl std::fmt::Display for DateSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DateSource::CommandLine => "--date",
            DateSource::FrontMatter => "front matter",
            DateSource::Dateline => "dateline",
            DateSource::Today => "today (no --date, front matter or dateline)",
        })
    }
}

/// The date an article speaks from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ArticleDate {
    /// The date.
    #[serde(serialize_with = "serialize_date")]
    pub date: Date,
    /// Where it came from.
    pub source: DateSource,
}

fn serialize_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// A wire-service dateline at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, city to separator.
    pub span: Range<usize>,
    /// The place, in capitals.
    pub city: Range<usize>,
    /// The month as written, if the dateline has a date.
    pub month: Option<Range<usize>>,
    /// The day of month as written.
    pub day: Option<Range<usize>>,
    /// The agency ("TASS", "Reuters", "AP", "AFP"), if named.
    pub agency: Option<String>,
}

impl Dateline {
    /// Month and day, when the dateline has a recognisable month and a day number.
    pub fn month_day(&self, text: &str) -> Option<(i8, i8)> {
        let month = month_number(&text[self.month.clone()?])?;
        let day = text[self.day.clone()?].parse().ok()?;
        Some((month, day))
    }
}

/// CITY[, Region][, Month Day][.] then an agency tag and/or a dash:
/// "MOSCOW, February 13. /TASS/.", "LONDON, March 4 (Reuters) -",
/// "BUENOS AIRES, Feb 26 -", "WASHINGTON (AP) —", "PARIS, May 2 (AFP) -",
/// "CAIRO, March 4 (Associated Press) -". (In `(?x)` mode a space is ignored
/// even inside a class, so the agency's space is escaped.)
static DATELINE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?x)^
        (?P<city>[A-Z][A-Z.'’-]*(?:\ [A-Z][A-Z.'’-]*){0,3})
        (?:,\ (?P<region>[A-Z][a-z]+\.?(?:\ [A-Z][a-z]+\.?)?))?
        (?:,\ (?P<month>[A-Z][a-z]{2,9}\.?)\ (?P<day>[0-9]{1,2}))?
        \.?
        (?:
            \ /(?P<slash>[A-Za-z-]+)/\.?
          | \ \((?P<paren>[A-Za-z][A-Za-z\ .-]{0,30})\)(?:\ [-—–])?
          | \ [-—–]
        )",
    )
    .expect("dateline pattern is valid")
});

/// Finds a dateline at the start of one of the first paragraphs (after the headline).
pub fn find_dateline(doc: &Document) -> Option<Dateline> {
    for p in doc.paragraphs.iter().filter(|p| !doc.is_heading(p)).take(3) {
        let text = &doc.text[p.clone()];
        let Some(c) = DATELINE.captures(text) else {
            continue;
        };
        let has_date = c.name("month").is_some();
        let tagged = c.name("slash").is_some() || c.name("paren").is_some();
        let city = c.name("city").expect("city is required");
        // A capitalized first word and a dash is too weak on its own ("A - B"); want two
        // capitals in the city or a date or an agency tag.
        if !has_date && !tagged && city.as_str().len() < 3 {
            continue;
        }
        let at = |m: crate::pattern::Match<'_>| p.start + m.start()..p.start + m.end();
        let whole = c.get(0).expect("group 0");
        return Some(Dateline {
            span: at(whole),
            city: at(city),
            month: c.name("month").map(at),
            day: c.name("day").map(at),
            agency: c
                .name("slash")
                .or(c.name("paren"))
                .map(|m| m.as_str().trim().to_string()),
        });
    }
    None
}

/// Parses a front-matter date: `YYYY-MM-DD` (also an RFC 3339 timestamp or
/// `YYYY-MM-DD HH:MM`), "March 3, 2024", "Mar. 3 2024" or "3 March 2024".
/// Numeric day/month forms ("03/04/2024") are refused: they read one way in
/// London and another in New York.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim().trim_matches(['"', '\'']).trim();
    if let (Some(day), Some(rest)) = (s.get(..10), s.get(10..))
        && (rest.is_empty() || rest.starts_with(['T', 't', ' ']))
        && let Ok(date) = day.parse()
    {
        return Some(date);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (month, day, year) = match words.as_slice() {
        [m, d, y] if month_number(m).is_some() => (m, d, y),
        [d, m, y] if month_number(m).is_some() => (m, d, y),
        _ => return None,
    };
    let day = day.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    Date::new(year.parse().ok()?, month_number(month)?, day.parse().ok()?).ok()
}

/// A front-matter `date` that [`parse_date`] cannot read: the byte offset of
/// the value in the text and what to do. Checking such an article as of today
/// would judge archive copy against today's office holders, so `check` reports
/// it as an input error and leaves the file unchecked.
pub fn front_matter_date_error(doc: &Document) -> Option<(usize, String)> {
    let raw = doc.meta.date.as_deref()?;
    if parse_date(raw).is_some() {
        return None;
    }
    // The value as written, within the front matter (before the prose begins).
    let end = doc.prose.first().map_or(doc.text.len(), |p| p.start);
    let at = doc.text[..end].find(raw).unwrap_or(0);
    Some((
        at,
        format!(
            "front matter date '{raw}' is not a date; write YYYY-MM-DD or \"March 3, 2024\", \
             or pass --date; not checked (its facts would be judged as of today)"
        ),
    ))
}

/// The article date by the precedence in the module docs.
pub fn resolve(
    doc: &Document,
    command_line: Option<Date>,
    year: Option<i16>,
    today: Date,
) -> ArticleDate {
    if let Some(date) = command_line {
        return ArticleDate {
            date,
            source: DateSource::CommandLine,
        };
    }
    if let Some(date) = doc.meta.date.as_deref().and_then(parse_date) {
        return ArticleDate {
            date,
            source: DateSource::FrontMatter,
        };
    }
    if let Some((month, day)) = doc.dateline.as_ref().and_then(|d| d.month_day(&doc.text))
        && let Ok(date) = Date::new(year.unwrap_or(today.year()), month, day)
    {
        return ArticleDate {
            date,
            source: DateSource::Dateline,
        };
    }
    ArticleDate {
        date: today,
        source: DateSource::Today,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocKind;

    type Parsed = (String, Option<(i8, i8)>, Option<String>);

    /// Issue 10: today without listing the time-zone database is jiff's today (asked
    /// twice, in case midnight passes between the calls).
    #[test]
    fn today_is_the_system_date() {
        let agrees = || {
            let (before, ours, after) = (
                jiff::ZonedDateTime::now().date(),
                today(),
                jiff::ZonedDateTime::now().date(),
            );
            ours == before || ours == after
        };
        assert!(agrees() || agrees());
    }

    fn dateline(text: &str) -> Option<Parsed> {
        let d = Document::new(text.to_string(), DocKind::Text);
        let dl = d.dateline.clone()?;
        Some((
            d.text[dl.city.clone()].to_string(),
            dl.month_day(&d.text),
            dl.agency,
        ))
    }

    #[test]
    fn recognises_wire_datelines() {
        let tass = "Headline\n\nMOSCOW, February 13. /TASS/. Russia does not see it.\n";
        assert_eq!(
            dateline(tass),
            Some(("MOSCOW".into(), Some((2, 13)), Some("TASS".into())))
        );
        let reuters = "Headline\n\nLONDON, March 4 (Reuters) - Shares fell.\n";
        assert_eq!(
            dateline(reuters),
            Some(("LONDON".into(), Some((3, 4)), Some("Reuters".into())))
        );
        let old = "Headline\n\nBUENOS AIRES, Feb 26 - Argentine grain.\n";
        assert_eq!(
            dateline(old),
            Some(("BUENOS AIRES".into(), Some((2, 26)), None))
        );
        let ap = "Headline\n\nWASHINGTON (AP) — The Senate voted.\n";
        assert_eq!(
            dateline(ap),
            Some(("WASHINGTON".into(), None, Some("AP".into())))
        );
        for agency in ["Copydesk Wire", "Associated Press", "Dow Jones"] {
            let two = format!("Headline\n\nCAIRO, March 4 ({agency}) - Talks.\n");
            assert_eq!(
                dateline(&two),
                Some(("CAIRO".into(), Some((3, 4)), Some(agency.into())))
            );
        }
        let region = "Headline\n\nSPRINGFIELD, Ill., May 2 (Reuters) - Corn.\n";
        assert_eq!(dateline(region).unwrap().1, Some((5, 2)));
    }

    #[test]
    fn ordinary_paragraphs_are_not_datelines() {
        assert_eq!(
            dateline("Headline\n\nThe minister said - then left.\n"),
            None
        );
        assert_eq!(dateline("Headline\n\nI - for one - agree.\n"), None);
    }

    #[test]
    fn article_date_precedence() {
        let today = Date::new(2026, 11, 26).unwrap();
        let d = Document::new(
            "Headline\n\nMOSCOW, February 13. /TASS/. Text.\n".into(),
            DocKind::Text,
        );
        let cli = Date::new(2024, 2, 13).unwrap();
        assert_eq!(
            resolve(&d, Some(cli), None, today).source,
            DateSource::CommandLine
        );
        let r = resolve(&d, None, Some(2024), today);
        assert_eq!((r.date, r.source), (cli, DateSource::Dateline));
        assert_eq!(
            resolve(&d, None, None, today).date,
            Date::new(2026, 2, 13).unwrap()
        );
        let md = Document::new(
            "---\ndate: 2023-05-01T10:00:00Z\n---\n\nText.\n".into(),
            DocKind::Markdown,
        );
        let r = resolve(&md, None, None, today);
        assert_eq!(
            (r.date, r.source),
            (Date::new(2023, 5, 1).unwrap(), DateSource::FrontMatter)
        );
        let none = Document::new("Text.\n".into(), DocKind::Text);
        assert_eq!(resolve(&none, None, None, today).source, DateSource::Today);
    }

    #[test]
    fn issue_11_front_matter_dates_in_words_are_read() {
        let d = |y, m, d| Some(Date::new(y, m, d).unwrap());
        assert_eq!(parse_date("\"March 3, 2024\""), d(2024, 3, 3));
        assert_eq!(parse_date("3 March 2024"), d(2024, 3, 3));
        assert_eq!(parse_date("Mar. 3 2024"), d(2024, 3, 3));
        assert_eq!(parse_date("2024-03-03 10:00"), d(2024, 3, 3));
        assert_eq!(parse_date("2024-03-03T10:00:00Z"), d(2024, 3, 3));
        for bad in [
            "2024-02-30",
            "30/01/2024",
            "March 32, 2024",
            "2024-03-031",
            "soon",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("FEB"), Some(2));
        assert_eq!(month_number("Febuary"), None);
    }
}

/// A date as written in a rule file or a fact file: a bare TOML date (`2019-10-01`) or a
/// string (`"2019-10-01"`), read the same way, as its text; a bare year (`2019`) is its
/// text too. Each file kind then says which forms it takes (rule files: YYYY-MM-DD; fact
/// files: YYYY, YYYY-MM or YYYY-MM-DD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateText(pub String);

impl<'de> serde::Deserialize<'de> for DateText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read_date_text(d, |s| Ok(DateText(s.to_string())))
    }
}

/// Reads a date written as [`DateText`] takes it and hands its text to `parse`, without
/// copying a string's text first (the knowledge base holds 7,000 dates).
pub fn read_date_text<'de, D, T>(
    d: D,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Visitor<F>(F);
    impl<'de, T, F: FnOnce(&str) -> Result<T, String>> serde::de::Visitor<'de> for Visitor<F> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date such as 2019-10-01 (quoted or not)")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
            (self.0)(s).map_err(E::custom)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<T, E> {
            (self.0)(&v.to_string()).map_err(E::custom)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            let d: toml::value::Datetime =
                serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
            (self.0)(&d.to_string()).map_err(serde::de::Error::custom)
        }
    }
    d.deserialize_any(Visitor(parse))
}
