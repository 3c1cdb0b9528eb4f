//! The fixed patterns of the built-in checks (counts, dates, datelines, URLs), compiled
//! once per process, at their first use, without a literal prefilter.
//!
//! The `regex` crate builds a prefilter from the literals a pattern must contain; for
//! these patterns, long alternations of words and some case-insensitive, building it was
//! most of their compile time (the casualty count: 2.3 of 2.9 ms), paid by every run of
//! the command line, while prose searched paragraph by paragraph is as fast without it (a
//! 10 MB file: 29 ms either way). Matches are the same: one engine underlies both crates.
//! The API copies `regex::Regex`'s, so a check reads the same with either.
//!
//! The patterns ask for ASCII where ASCII is all they can use (`(?-u)`, `[0-9]`): a
//! Unicode `\d`, or `[a-z]` under Unicode case folding, compiles into an automaton for
//! every script's digits and letter cases, several times the work, for matches the checks
//! would drop anyway (they read numbers and days with `str::parse`, which takes ASCII
//! digits only).

use regex_automata::meta;

/// A compiled pattern: `regex::Regex` without the prefilter.
#[derive(Debug)]
pub struct Pattern(meta::Regex);

impl Pattern {
    /// Compiles `pattern` (the `regex` crate's syntax).
    pub fn new(pattern: &str) -> Result<Pattern, Box<meta::BuildError>> {
        meta::Builder::new()
            .configure(meta::Config::new().auto_prefilter(false))
            .build(pattern)
            .map(Pattern)
            .map_err(Box::new)
    }

    /// The leftmost-first match in `haystack`, with its groups.
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let mut caps = self.0.create_captures();
        self.0.captures(haystack, &mut caps);
        caps.is_match().then_some(Captures { haystack, caps })
    }

    /// Every match in `haystack` that does not overlap an earlier one, with its groups.
    pub fn captures_iter<'r, 'h: 'r>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r {
        self.0
            .captures_iter(haystack)
            .map(move |caps| Captures { haystack, caps })
    }

    /// Every match in `haystack` that does not overlap an earlier one.
    pub fn find_iter<'r, 'h: 'r>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Match<'h>> + 'r {
        self.0.find_iter(haystack).map(move |m| Match {
            haystack,
            start: m.start(),
            end: m.end(),
        })
    }
}

/// The groups of one match.
#[derive(Debug)]
pub struct Captures<'h> {
    haystack: &'h str,
    caps: regex_automata::util::captures::Captures,
}

impl<'h> Captures<'h> {
    /// Group `i` (0: the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps.get_group(i).map(|s| self.at(s))
    }

    /// The group called `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps.get_group_by_name(name).map(|s| self.at(s))
    }

    fn at(&self, s: regex_automata::Span) -> Match<'h> {
        Match {
            haystack: self.haystack,
            start: s.start,
            end: s.end,
        }
    }
}

/// The text of the group called `name`; panics if it did not take part in the match, as
/// `regex::Captures` does.
impl std::ops::Index<&str> for Captures<'_> {
    type Output = str;

    fn index(&self, name: &str) -> &str {
        self.name(name)
            .unwrap_or_else(|| panic!("no group named '{name}' in this match"))
            .as_str()
    }
}

/// Where a pattern or one of its groups matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }

    /// Its first byte in the haystack.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The byte after it.
    pub fn end(&self) -> usize {
        self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each match's groups: (start, end, text) or none.
    type Groups<'t> = Vec<Vec<Option<(usize, usize, &'t str)>>>;

    /// The same matches and groups as `regex::Regex`, on copy with capitals, digits in
    /// words, non-ASCII letters and empty groups.
    #[test]
    fn matches_as_the_regex_crate_does() {
        let patterns = [
            r"(?i)(?-u:\b)(?P<q>at least )?(?P<num>\d+|two|ten) (?:(?P<noun>[a-z]+) )?(?P<verb>killed|died)(?-u:\b)",
            r"(?P<city>[A-Z][\p{L}’-]+)(?:, (?P<day>\d{1,2}))?",
            r"x*",
        ];
        let text = "At least 12 people died in Zürich, 3 May; TWO soldiers were killed. \
                    Ten killed in Łódź, 14 — and Ağrı’s 2 died.";
        for p in patterns {
            let (ours, theirs) = (Pattern::new(p).unwrap(), regex::Regex::new(p).unwrap());
            let ours: Groups = ours
                .captures_iter(text)
                .map(|c| {
                    (0..theirs.captures_len())
                        .map(|i| c.get(i).map(|m| (m.start(), m.end(), m.as_str())))
                        .collect()
                })
                .collect();
            let theirs: Groups = theirs
                .captures_iter(text)
                .map(|c| {
                    c.iter()
                        .map(|g| g.map(|m| (m.start(), m.end(), m.as_str())))
                        .collect()
                })
                .collect();
            assert!(!ours.is_empty());
            assert_eq!(ours, theirs, "{p}");
        }
        let count = Pattern::new(patterns[0]).unwrap();
        let first = count.captures(text).expect("a match");
        assert_eq!((&first["num"], &first["verb"]), ("12", "died"));
        assert!(first.name("noun").is_some() && first.name("nothing").is_none());
        let words = Pattern::new(r"\p{L}+").unwrap();
        let found: Vec<&str> = words.find_iter("Łódź, Ağrı").map(|m| m.as_str()).collect();
        assert_eq!(found, ["Łódź", "Ağrı"]);
    }
}
