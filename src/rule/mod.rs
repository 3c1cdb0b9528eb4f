//! Rules: the trait every kind implements, and what all rules share.
//!
//! A rule kind is code (one module under [`kinds`]); a rule is data (one TOML
//! file in a pack) compiled into a value of that kind. Rules read a
//! [`Context`] and push [`Finding`]s; they never print or touch the disk.

pub mod kinds;

use crate::document::{Document, Scope};
use crate::finding::{Applicability, Edit, Finding, Fix, Level};
use crate::matcher::{LiteralHit, Scan};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One example carried by a rule file and run by the test suite.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Text the rule must flag.
    pub bad: Option<String>,
    /// Text the rule must leave alone.
    pub good: Option<String>,
    /// `bad` after applying the rule's fixes.
    pub fixed: Option<String>,
    /// The article date the example is checked as of (`YYYY-MM-DD`, quoted or a bare TOML
    /// date). Without it the date is unknown, as for any document nobody dated: rules
    /// that need one (facts, dates, datelines, `valid-from`/`valid-until`) stay silent, so
    /// their examples need one.
    #[serde(
        default,
        deserialize_with = "example_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<String>,
}

fn example_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = crate::document::dates::DateText::deserialize(d)?.0;
    text.parse::<jiff::civil::Date>().map_err(|e| {
        serde::de::Error::custom(format!("'{text}' is not a date (YYYY-MM-DD): {e}"))
    })?;
    Ok(Some(text))
}

impl Example {
    /// `text` as a plain-text document dated as the example says.
    pub fn document(&self, text: &str) -> Document {
        let mut doc = Document::new(text.to_string(), crate::document::DocKind::Text);
        if let Some(date) = self.date.as_ref().and_then(|d| d.parse().ok()) {
            doc.resolve_date(Some(date), None, date);
        }
        doc
    }
}

/// What every compiled rule knows about itself.
#[derive(Debug, Clone, Serialize)]
pub struct RuleMeta {
    /// Stable id, `<pack>/<file-stem>`.
    pub id: String,
    /// The kind's name, e.g. `substitution`.
    pub kind: &'static str,
    /// Level after configuration overrides.
    pub level: Level,
    /// Message template with `{match}` and kind-specific placeholders.
    pub message: String,
    /// Longer explanation for `copydesk explain`.
    pub description: String,
    /// A link to the style guide or convention, if any.
    pub link: Option<String>,
    /// Where the rule applies.
    pub scope: Scope,
    /// Examples from the rule file.
    pub examples: Vec<Example>,
    /// Where the rule came from (`<built-in>/spelling/demonyms.toml` or a local path).
    pub source: String,
    /// First article date the rule applies to.
    #[serde(serialize_with = "opt_date")]
    pub valid_from: Option<jiff::civil::Date>,
    /// Last article date the rule applies to.
    #[serde(serialize_with = "opt_date")]
    pub valid_until: Option<jiff::civil::Date>,
}

fn opt_date<S: serde::Serializer>(d: &Option<jiff::civil::Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

impl RuleMeta {
    /// True when an article dated `date` is in the rule's `valid-from`/`valid-until` window.
    pub fn applies_on(&self, date: jiff::civil::Date) -> bool {
        self.valid_from.is_none_or(|f| date >= f) && self.valid_until.is_none_or(|u| date <= u)
    }
}

impl RuleMeta {
    /// A finding of this rule at `span`, its message made from the template.
    pub fn finding(&self, span: Range<usize>, vars: &[(&str, &str)]) -> Finding {
        Finding {
            rule: self.id.clone(),
            level: self.level,
            message: fill(&self.message, vars),
            span,
            labels: Vec::new(),
            notes: Vec::new(),
            fix: None,
        }
    }
}

/// Fills `{name}` placeholders; unknown placeholders are left as written.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a rule sees while checking one document.
pub struct Context<'a> {
    /// The rule's own id, level and message template.
    pub meta: &'a RuleMeta,
    /// The document.
    pub doc: &'a Document,
    /// This rule's literal matches (from the shared automata), in text order.
    pub hits: &'a [LiteralHit],
    /// The document's scan, for this rule's regex patterns.
    pub scan: &'a Scan<'a>,
    /// What rules could not judge in this document (facts outside the knowledge base's
    /// coverage), for `check -v`.
    pub remarks: &'a std::cell::RefCell<Vec<String>>,
}

impl Context<'_> {
    /// Notes something the rule could not judge (shown by `check -v`, never a finding).
    pub fn remark(&self, remark: String) {
        let mut remarks = self.remarks.borrow_mut();
        if !remarks.contains(&remark) {
            remarks.push(remark);
        }
    }

    /// A finding at `span` whose message template uses `{problem}` (and `{match}`,
    /// the flagged text): for kinds that report several kinds of problem.
    pub fn problem(&self, span: Range<usize>, problem: &str) -> Finding {
        let found = self.doc.text[span.clone()].to_string();
        self.meta
            .finding(span, &[("problem", problem), ("match", &found)])
    }
}

/// A compiled rule: the check itself. Its [`RuleMeta`] is kept beside it by the
/// rule set and handed in through the [`Context`].
pub trait Rule: Send + Sync {
    /// Checks one document and appends findings. Scope filtering is done by the engine.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Matches `replacement` to the case pattern of `original`: "teh" → "the",
/// "Teh" → "The", "TEH" → "THE". Mixed-case replacements ("iPhone") are kept.
pub fn match_case(original: &str, replacement: &str) -> String {
    let has_upper = replacement.chars().any(char::is_uppercase);
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if !has_upper && letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut cs = replacement.chars();
        return match cs.next() {
            Some(f) => f.to_uppercase().chain(cs).collect(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

/// The fix that replaces the word at `span` in `text` with `replacement`,
/// mending the indefinite article before it when the replacement starts with
/// another sound: "an armed gunman" -> "a gunman", "a Isreali" -> "an Israeli".
/// Every rule that replaces a word uses it, so a fix never leaves "a Israeli".
pub fn word_fix(
    text: &str,
    span: Range<usize>,
    replacement: String,
    applicability: Applicability,
) -> Fix {
    let article = article_edit(text, &span, &replacement);
    let mut fix = Fix::replace(span, replacement, applicability);
    if let Some(article) = article {
        fix.edits.insert(0, article);
    }
    fix
}

/// The article edit of [`word_fix`]. Words starting with "h" or "u" ("hour",
/// "unit") are left alone: their article depends on pronunciation, not spelling.
fn article_edit(text: &str, span: &Range<usize>, replacement: &str) -> Option<Edit> {
    let before = text[..span.start].strip_suffix(' ')?;
    // Bytes, not chars: the word before may hold letters of several bytes.
    let start = before.len()
        - before
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum::<usize>();
    let article = &before[start..];
    if !article.eq_ignore_ascii_case("a") && !article.eq_ignore_ascii_case("an") {
        return None;
    }
    let wanted = match replacement.chars().next()?.to_ascii_lowercase() {
        'a' | 'e' | 'i' | 'o' => "an",
        'h' | 'u' => return None,
        c if c.is_ascii_alphabetic() => "a",
        _ => return None,
    };
    if article.eq_ignore_ascii_case(wanted) {
        return None;
    }
    Some(Edit {
        span: start..before.len(),
        replacement: match_case(article, wanted),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_9_word_fix_mends_the_article() {
        let text = "He met a Isreali envoy and An Egyptain one.";
        let at = |w: &str| text.find(w).unwrap()..text.find(w).unwrap() + w.len();
        let fix = word_fix(
            text,
            at("Isreali"),
            "Israeli".into(),
            Applicability::MachineApplicable,
        );
        let edits: Vec<_> = fix
            .edits
            .iter()
            .map(|e| (&text[e.span.clone()], e.replacement.as_str()))
            .collect();
        assert_eq!(edits, [("a", "an"), ("Isreali", "Israeli")]);
        let fix = word_fix(
            text,
            at("Egyptain"),
            "Egyptian".into(),
            Applicability::MachineApplicable,
        );
        assert_eq!(fix.edits.len(), 1, "'An Egyptian' needs no change");
    }

    #[test]
    fn issue_9_word_fix_after_a_word_of_multibyte_letters() {
        // Found by `cargo fuzz run check`: the word before the space was measured
        // in chars and cut in bytes, so a letter of two bytes ("ߦ", "é") put the
        // cut inside a character and the rule panicked.
        for (text, article) in [
            ("It was ߦ Isreali plan.", None),
            ("It was éa Isreali plan.", None),
            ("Er sah ä Isreali.", None),
            ("It was a Isreali plan, é a Isreali.", Some("a")),
        ] {
            let at = text.find("Isreali").unwrap();
            let fix = word_fix(
                text,
                at..at + "Isreali".len(),
                "Israeli".into(),
                Applicability::MachineApplicable,
            );
            let mended: Vec<_> = fix.edits[..fix.edits.len() - 1]
                .iter()
                .map(|e| &text[e.span.clone()])
                .collect();
            assert_eq!(mended, Vec::from_iter(article), "{text}");
        }
    }

    #[test]
    fn fill_replaces_known_placeholders_only() {
        assert_eq!(
            fill(
                "'{match}' -> '{expected}' {other}",
                &[("match", "teh"), ("expected", "the")]
            ),
            "'teh' -> 'the' {other}"
        );
        assert_eq!(
            fill("unclosed {match", &[("match", "x")]),
            "unclosed {match"
        );
    }

    #[test]
    fn match_case_follows_the_original() {
        assert_eq!(match_case("teh", "the"), "the");
        assert_eq!(match_case("Teh", "the"), "The");
        assert_eq!(match_case("TEH", "the"), "THE");
        assert_eq!(match_case("iphone", "iPhone"), "iPhone");
        assert_eq!(match_case("Rusian", "Russian"), "Russian");
    }
}
