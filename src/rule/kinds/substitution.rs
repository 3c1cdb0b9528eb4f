//! `substitution`: flags a wrong form and offers the right one as a fix.
//!
//! ## What it does
//! Each `swap` entry maps a wrong form to the right one. Literal keys match as
//! whole words; with `regex = true` keys are regexes and replacements may use
//! `$1`. The fix keeps the case of the original ("Teh" → "The").
//!
//! ## Why it matters
//! Known misspellings and house preferences ("per cent" → "percent") have one
//! right answer, so the linter can fix them.
//!
//! ## Example
//! ```toml
//! kind = "substitution"
//! level = "error"
//! message = "'{match}' is misspelled; write '{expected}'"
//! swap = { "Rusian" = "Russian" }
//! ```
//!
//! ## Options
//! * `swap`: table of wrong → right.
//! * A literal replacement may list several corrections, `"accrued|occurred"`: the
//!   finding names them all and offers no fix (which one was meant is the writer's call).
//! * `swap-file`: a word list beside the rule file, one `wrong,right` pair a line
//!   (`#` starts a comment), for lists too long for TOML (tens of thousands of entries).
//! * `regex` (default `false`): keys are regexes.
//! * `ignore-case`: by default a key in lower case matches any case and a key
//!   with capitals matches exactly; set `true`/`false` to force.
//! * `fix` (`"safe"` default, or `"unsafe"`): whether `--fix` applies it without `--unsafe-fixes`.
//! * `exceptions`: phrases inside which a match is left alone ("chicken Kiev"), any case.
//! * `standalone` (default `false`): match only standalone common words: not a
//!   capitalized word inside a sentence (a name: "Benn", "Pont"), nor at the start
//!   of one when the article capitalizes it elsewhere too ("Dementieva"), not a word
//!   in capitals (an acronym: "BASF"), not part of a hyphenated compound ("pre-empted").
//!   For misspelling lists, whose entries are common words.

use super::{CompileCx, Kind};
use crate::document::Document;
use crate::document::Scope;
use crate::error::SourceError;
use crate::finding::{Applicability, Finding};
use crate::matcher::RegexId;
use crate::rule::{Context, Rule, match_case, word_fix};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Whether a rule's fix may be applied by `--fix` alone.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FixSafety {
    /// Applied by `--fix`.
    #[default]
    Safe,
    /// Needs `--unsafe-fixes`.
    Unsafe,
}

impl FixSafety {
    /// The finding applicability this setting gives.
    pub fn applicability(self) -> Applicability {
        match self {
            FixSafety::Safe => Applicability::MachineApplicable,
            FixSafety::Unsafe => Applicability::MaybeIncorrect,
        }
    }
}

crate::rule_spec! {
    /// TOML of a `substitution` rule.
    SubstitutionSpec {
        /// Wrong → right.
        #[serde(default)]
        swap: Option<Spanned<BTreeMap<Spanned<String>, String>>>,
        /// A `wrong,right` list beside the rule file.
        #[serde(default)]
        swap_file: Option<Spanned<String>>,
        /// Keys are regexes.
        #[serde(default)]
        regex: bool,
        /// Forces case-insensitive (`true`) or exact (`false`) matching.
        #[serde(default)]
        ignore_case: Option<bool>,
        /// Whether the fix is safe.
        #[serde(default)]
        fix: FixSafety,
        /// Only standalone common words.
        #[serde(default)]
        standalone: bool,
        /// Phrases in which a match is left alone ("chicken Kiev").
        #[serde(default)]
        exceptions: Vec<String>,
    }
}

/// A compiled `substitution` rule.
pub struct Substitution {
    /// The swap-file compiled at build time (a built-in list), if any: its entries are
    /// the first terms.
    table: Option<crate::word_table::WordTable>,
    /// Replacement of each literal term after the table's: a range of `replacements`.
    literal: Vec<(u32, u32)>,
    /// All literal replacements, end to end (one allocation for lists of tens of thousands).
    replacements: String,
    /// Regex swaps: id and replacement template.
    patterns: Vec<(RegexId, String)>,
    applicability: Applicability,
    standalone: bool,
    /// The newsroom's accepted words (lower case): never flagged by a word list.
    accepted: std::collections::HashSet<String>,
    exceptions: Vec<String>,
}

impl Kind for Substitution {
    const NAME: &'static str = "substitution";
    const DEFAULT_SCOPE: Scope = Scope::Prose;
    type Spec = SubstitutionSpec;

    fn compile(spec: SubstitutionSpec, cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        let mut literal = Vec::new();
        let mut replacements = String::new();
        let mut add = |right: &str, literal: &mut Vec<(u32, u32)>| {
            let start = u32::try_from(replacements.len()).expect("replacements under 4 GiB");
            replacements.push_str(right);
            literal.push((start, start + right.len() as u32));
        };
        let mut patterns = Vec::new();
        let mut table = None;
        if let Some(file) = &spec.swap_file {
            if spec.regex {
                return Err(cx.error(
                    Some(file.span()),
                    "`swap-file` holds literal words; it cannot be used with `regex = true`",
                ));
            }
            // A built-in list of lower-case words comes compiled, unless the rule asks
            // for exact case (then its words match only in lower case).
            table = cx
                .file
                .compiled_sibling(file.get_ref())
                .filter(|_| spec.ignore_case != Some(false));
            if let Some(t) = table {
                cx.word_table(t);
            } else {
                let (path, text) = cx
                    .file
                    .sibling(file.get_ref())
                    .map_err(|e| cx.error(Some(file.span()), e))?;
                for (wrong, right) in parse_swap_file(&path, &text)? {
                    let case_sensitive = spec
                        .ignore_case
                        .map_or_else(|| wrong.chars().any(char::is_uppercase), |ic| !ic);
                    cx.literal(literal.len(), wrong, case_sensitive);
                    add(right, &mut literal);
                }
            }
        }
        let first = table.map_or(0, |t| t.len());
        let (span, swap) = match spec.swap {
            Some(s) => (Some(s.span()), s.into_inner()),
            None => (None, BTreeMap::new()),
        };
        if swap.is_empty() && literal.is_empty() && table.is_none() {
            return Err(cx.error(
                span,
                "nothing to substitute: `swap` is empty and there is no `swap-file`",
            ));
        }
        for (key, right) in swap {
            let (key_span, key) = (key.span(), key.into_inner());
            if spec.regex {
                let re = cx.regex(&key, key_span)?;
                patterns.push((cx.matcher.add_regex(re), right));
            } else {
                if key.trim().is_empty() {
                    return Err(cx.error(Some(key_span), "empty key in `swap`"));
                }
                let case_sensitive = match spec.ignore_case {
                    Some(ic) => !ic,
                    None => key.chars().any(char::is_uppercase),
                };
                cx.literal(first + literal.len(), &key, case_sensitive);
                add(&right, &mut literal);
            }
        }
        Ok(Substitution {
            table,
            literal,
            replacements,
            patterns,
            applicability: spec.fix.applicability(),
            standalone: spec.standalone,
            accepted: if spec.standalone {
                cx.vocabulary.accepted().map(str::to_string).collect()
            } else {
                Default::default()
            },
            exceptions: spec.exceptions.iter().map(|e| e.to_lowercase()).collect(),
        })
    }
}

impl Substitution {
    fn report(
        &self,
        cx: &Context<'_>,
        span: std::ops::Range<usize>,
        found: &str,
        expected: String,
        out: &mut Vec<Finding>,
    ) {
        let doc = cx.doc;
        if found == expected || self.in_exception(doc, &span) {
            return;
        }
        // A word-list entry with several corrections ("accured,accrued|occurred") names
        // them all, likeliest first, and offers no fix: which one was meant is the
        // writer's call.
        if expected.contains('|') {
            let mut choices: Vec<&str> = expected.split('|').collect();
            crate::lexicon::spell::likeliest_first(found, &mut choices);
            let choices = choices.join("' or '");
            out.push(
                cx.meta
                    .finding(span, &[("match", found), ("expected", &choices)]),
            );
            return;
        }
        let mut f = cx
            .meta
            .finding(span.clone(), &[("match", found), ("expected", &expected)]);
        f.fix = Some(word_fix(&doc.text, span, expected, self.applicability));
        out.push(f);
    }
}

impl Substitution {
    /// The replacement of literal term `term`.
    fn replacement(&self, term: u32) -> &str {
        let listed = self.table.map_or(0, |t| t.len());
        if let Some(t) = self.table.filter(|_| (term as usize) < listed) {
            return t.replacement(term);
        }
        let (start, end) = self.literal[term as usize - listed];
        &self.replacements[start as usize..end as usize]
    }

    /// True when `span` lies inside one of the exception phrases as written in the text.
    fn in_exception(&self, doc: &Document, span: &std::ops::Range<usize>) -> bool {
        self.exceptions.iter().any(|e| {
            let lo = span.end.saturating_sub(e.len());
            let hi = (span.start + e.len()).min(doc.text.len());
            (lo..=span.start).any(|s| {
                let end = s + e.len();
                end >= span.end
                    && end <= hi.max(span.end)
                    && doc
                        .text
                        .get(s..end)
                        .is_some_and(|t| t.eq_ignore_ascii_case(e))
            })
        })
    }
}

impl Rule for Substitution {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut names: Option<std::collections::HashSet<&str>> = None;
        for h in cx.hits {
            let replacement = self.replacement(h.term);
            if self.standalone
                && !is_standalone(cx.doc, &h.span, &mut names)
                && !(CALENDAR.contains(&replacement) && is_misspelt_proper_noun(cx.doc, &h.span))
            {
                continue;
            }
            let found = cx.doc.slice(&h.span);
            if !self.accepted.is_empty() && self.accepted.contains(&found.to_lowercase()) {
                continue;
            }
            let expected = replacement
                .split('|')
                .map(|r| match_case(found, r))
                .collect::<Vec<_>>()
                .join("|");
            self.report(cx, h.span.clone(), found, expected, out);
        }
        for (id, template) in &self.patterns {
            for caps in cx.scan.regex_matches(*id) {
                let m = caps.get(0).expect("group 0 always exists");
                if m.is_empty() {
                    continue;
                }
                let mut expected = String::new();
                caps.expand(template, &mut expected);
                self.report(cx, m.range(), m.as_str(), expected, out);
            }
        }
    }
}

/// Parses a `wrong,right` word list; errors point at the line.
fn parse_swap_file<'t>(
    path: &str,
    text: &'t std::sync::Arc<str>,
) -> Result<Vec<(&'t str, &'t str)>, SourceError> {
    crate::word_table::swap_pairs(text).map_err(|line| {
        SourceError::new(
            path,
            text.clone(),
            Some(line),
            "expected `wrong,right` (one pair a line)",
        )
    })
}

/// True when a capitalized word inside a sentence is a slip of a word that is always
/// capitalized ("Febuary" for "February", "Wensday" for "Wednesday"), is no real name
/// (a place, a surname in the lexicon) and stands between lower-case words: such words
/// are capitalized because of what they are, not because they are names ("Banco
/// Portugues de Investimento" is a name).
fn is_misspelt_proper_noun(doc: &Document, span: &std::ops::Range<usize>) -> bool {
    let found = doc.slice(span);
    let capitalized_neighbour = doc
        .words
        .binary_search_by_key(&span.start, |w| w.start)
        .ok()
        .is_some_and(|i| {
            let before = i.checked_sub(1).map(|j| &doc.words[j]).filter(|w| {
                !doc.starts_sentence(span.start) && doc.text[w.end..span.start].trim().is_empty()
            });
            let after = doc
                .words
                .get(i + 1)
                .filter(|w| doc.text[span.end..w.start].trim().is_empty());
            before
                .into_iter()
                .chain(after)
                .any(|w| doc.slice(w).starts_with(char::is_uppercase))
        });
    if capitalized_neighbour {
        return false;
    }
    let mut chars = found.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(char::is_lowercase)
        && crate::lexicon::proper_noun(found).is_none()
}

/// Months and weekdays, in lower case. Countries and nationalities are left to the
/// fact rules (facts/entity-spelling), which weigh the story's evidence for a name.
const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A common word standing alone: see the `standalone` option. `names` caches the
/// words the article capitalizes inside sentences, computed on first need.
fn is_standalone<'d>(
    doc: &'d crate::document::Document,
    span: &std::ops::Range<usize>,
    names: &mut Option<std::collections::HashSet<&'d str>>,
) -> bool {
    let found = doc.slice(span);
    let mut letters = found.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    let all_upper = first_upper
        && found
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let hyphen_joined = |s: &str, before: bool| {
        let mut cs: Box<dyn Iterator<Item = char>> = if before {
            Box::new(s.chars().rev())
        } else {
            Box::new(s.chars())
        };
        cs.next() == Some('-') && cs.next().is_some_and(char::is_alphanumeric)
    };
    if all_upper && found.chars().count() > 1 {
        return false;
    }
    if first_upper {
        if !doc.starts_sentence(span.start) {
            return false;
        }
        let names = names.get_or_insert_with(|| {
            doc.words_starting_sentences()
                .filter(|&(w, opens_sentence)| {
                    !opens_sentence && doc.slice(w).starts_with(char::is_uppercase)
                })
                .map(|(w, _)| doc.slice(w))
                .collect()
        });
        if names.contains(found) {
            return false;
        }
    }
    let joined =
        hyphen_joined(&doc.text[..span.start], true) || hyphen_joined(&doc.text[span.end..], false);
    !joined || is_slip_in_compound(&doc.text, span)
}

/// True when the word at `span` is one part of a hyphenated compound whose other parts are
/// words and which is no word written solid: "self-concious" is a slip, but "pre-empted"
/// ("preempted" is a word) and "Rolls-Royce" are not.
fn is_slip_in_compound(text: &str, span: &std::ops::Range<usize>) -> bool {
    let is_part = |c: char| c.is_alphabetic() || c == '-';
    let start = text[..span.start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_part(*c))
        .last()
        .map_or(span.start, |(i, _)| i);
    let end = span.end
        + text[span.end..]
            .char_indices()
            .take_while(|(_, c)| is_part(*c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
    let compound = &text[start..end];
    let dictionary = crate::lexicon::Dictionary;
    let parts: Vec<&str> = compound.split('-').collect();
    compound.chars().all(|c| c == '-' || c.is_lowercase())
        && parts.len() == 2
        && parts.iter().all(|p| !p.is_empty())
        && !dictionary.contains(&parts.concat())
        && parts
            .iter()
            .filter(|p| **p != &text[span.clone()])
            .all(|p| dictionary.contains(p))
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    #[test]
    fn issue_10_the_compiled_misspelling_list_flags_what_its_csv_flags() {
        let builtin = crate::pack::builtin_rule_files();
        let file = builtin
            .iter()
            .find(|f| f.id == "spelling/misspellings")
            .expect("built-in misspellings rule");
        let (_, csv) = file.sibling("misspellings.csv").expect("its word list");
        assert!(file.compiled_sibling("misspellings.csv").is_some());
        // The same rule and list in a pack folder are read from the CSV.
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("misspellings.toml"), &*file.text).expect("write");
        std::fs::write(dir.path().join("misspellings.csv"), &*csv).expect("write");
        let local = crate::pack::load_pack_dir(dir.path()).expect("pack loads");
        let text = "The goverment said it would recieve Teh report. GOVERMENT\u{2019}s \
            accured losses; the comittee's \u{201c}beleive\u{201d} and \"wich\" one. \
            A pre-existant self-concious adress.";
        let findings = |files: &[crate::pack::RuleFile]| {
            let facts = std::sync::Arc::new(crate::facts::Facts::default());
            let set = crate::pack::RuleSet::compile(
                files,
                facts,
                &crate::lexicon::Vocabulary::default(),
                &crate::pack::Selection::default(),
            )
            .expect("compiles");
            let doc =
                crate::document::Document::new(text.to_string(), crate::document::DocKind::Text);
            set.check(&doc)
                .into_iter()
                .map(|f| (f.span, f.message, f.fix.map(|x| x.edits)))
                .collect::<Vec<_>>()
        };
        let compiled = findings(std::slice::from_ref(file));
        assert!(compiled.len() >= 6, "{compiled:?}");
        assert_eq!(compiled, findings(&local));
    }

    const RULE: &str = r#"
kind = "substitution"
level = "error"
message = "'{match}' is misspelled; write '{expected}'"
swap = { "Rusian" = "Russian", "teh" = "the", "per cent" = "percent" }
"#;

    #[test]
    fn fixes_keep_case_and_capitalized_keys_match_exactly() {
        let r = rule(RULE);
        let f = assert_findings("The top Rusian diplomat. Teh end. rusian", &r, 2);
        assert_eq!(f[0].message, "'Rusian' is misspelled; write 'Russian'");
        assert_fix(
            "Teh cat and teh dog rose 5 per cent.",
            &r,
            "The cat and the dog rose 5 percent.",
        );
    }

    #[test]
    fn issue_8_entries_with_several_corrections_name_them_without_a_fix() {
        let r = rule(
            "kind = \"substitution\"\nmessage = \"'{match}': write '{expected}'\"\nswap = { accured = \"accrued|occurred\", teh = \"the\" }\n",
        );
        let f = assert_findings("Losses accured. Teh end.", &r, 2);
        assert_eq!(f[0].message, "'accured': write 'accrued' or 'occurred'");
        assert!(f[0].fix.is_none());
        assert!(f[1].fix.is_some());
    }

    #[test]
    fn issue_8_several_corrections_come_likeliest_first() {
        // The typos list gives "acquiantance,acquaintances,acquaintance" and
        // "awfull,awful,awfully": a swap of two letters is likelier than a swap and a
        // letter added, a letter doubled likelier than "ly" dropped. A phrase the
        // dictionary does not know keeps its place after the words.
        let r = rule(
            "kind = \"substitution\"\nmessage = \"'{match}': write '{expected}'\"\nswap = { acquiantance = \"acquaintances|acquaintance\", awfull = \"awfully|awful\", teh = \"the cat|ten|the\" }\n",
        );
        let f = assert_findings("An acquiantance, awfull. Teh end.", &r, 3);
        assert_eq!(
            f[0].message,
            "'acquiantance': write 'acquaintance' or 'acquaintances'"
        );
        assert_eq!(f[1].message, "'awfull': write 'awful' or 'awfully'");
        assert_eq!(f[2].message, "'Teh': write 'The' or 'Ten' or 'The cat'");
    }

    #[test]
    fn issue_8_slips_inside_hyphenated_compounds() {
        let r = rule(
            "kind = \"substitution\"\nmessage = \"'{match}' -> '{expected}'\"\nstandalone = true\nswap = { concious = \"conscious\", empted = \"emptied\" }\n",
        );
        let f = assert_findings("He was self-concious about it.", &r, 1);
        assert_eq!(f[0].message, "'concious' -> 'conscious'");
        // "preempted" is a word: the part is not a slip.
        assert_findings("The plan was pre-empted.", &r, 0);
    }

    #[test]
    fn issue_8_misspelt_months_and_days_are_flagged_inside_sentences() {
        let r = rule(
            "kind = \"substitution\"\nmessage = \"'{match}' -> '{expected}'\"\nstandalone = true\nswap = { febuary = \"february\", benn = \"been\", wensday = \"wednesday\" }\n",
        );
        let f = assert_findings("The talks open on 4 Febuary and end on Wensday.", &r, 2);
        assert_eq!(f[0].message, "'Febuary' -> 'February'");
        // A capitalized slip of a common word inside a sentence is still taken for a name,
        // and so is a slip next to other capitalized words (real copy: "Mony Real Estate").
        assert_findings("Tony Benn said so.", &r, 0);
        assert_findings("It opens in Febuary Street.", &r, 0);
    }

    #[test]
    fn standalone_skips_names_acronyms_and_compound_parts() {
        let r = rule(
            r#"
kind = "substitution"
message = "m"
standalone = true
swap = { "benn" = "been", "empted" = "emptied", "teh" = "the" }
"#,
        );
        assert_findings(
            "Tony Benn spoke. BENN. It was pre-empted. Benn has left.",
            &r,
            0,
        );
        assert_findings("Benn has left.", &r, 1);
        assert_fix("Teh end of teh talks.", &r, "The end of the talks.");
    }

    #[test]
    fn swap_file_lines_are_parsed_and_bad_lines_located() {
        let text: std::sync::Arc<str> = "# comment\nteh,the\n\nrecieve , receive\n".into();
        assert_eq!(
            super::parse_swap_file("w.csv", &text).unwrap(),
            [("teh", "the"), ("recieve", "receive")]
        );
        let bad: std::sync::Arc<str> = "teh,the\nnocomma\n".into();
        let e = super::parse_swap_file("w.csv", &bad).unwrap_err();
        assert_eq!(e.line_col(), Some((2, 1)));
    }

    #[test]
    fn fix_changes_the_indefinite_article_with_the_sound() {
        let r = rule(
            "kind = \"substitution\"\nmessage = \"m\"\nswap = { \"armed gunman\" = \"gunman\", \"large elephant\" = \"elephant\", \"big hour\" = \"hour\" }\n",
        );
        assert_fix(
            "An armed gunman and a large elephant.",
            &r,
            "A gunman and an elephant.",
        );
        assert_fix("A big hour.", &r, "A hour.");
    }

    #[test]
    fn regex_swaps_expand_groups() {
        let r = rule(
            r#"
kind = "substitution"
message = "Write '{expected}'"
regex = true
swap = { '\b(\d+) per cent\b' = "$1%" }
"#,
        );
        assert_fix("Up 5 per cent today.", &r, "Up 5% today.");
    }

    #[test]
    fn invalid_regex_points_at_the_key() {
        let toml = "kind = \"substitution\"\nmessage = \"m\"\nregex = true\nswap = { '(unclosed' = \"x\" }\n";
        let e = crate::pack::RuleSet::single("t/x", toml).unwrap_err();
        assert!(
            e[0].message.starts_with("invalid regex"),
            "{}",
            e[0].message
        );
        assert_eq!(e[0].line_col(), Some((4, 10)));
    }
}
