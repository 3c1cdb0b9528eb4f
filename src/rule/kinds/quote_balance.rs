//! `quote-balance`: quotation marks that do not pair up.
//!
//! ## What it does
//! Within each paragraph, flags an opening double quotation mark that is never
//! closed and a closing mark with nothing open. A quotation may run on into the
//! next paragraph only the way wire copy does it: the paragraph ends without a
//! closing mark and the next one starts with an opening mark. Optionally flags
//! an article that mixes straight (`"`) and curly (`“ ”`) double quotes. A `"`
//! right after a digit is an inch mark (`12" vinyl`), not a quotation mark.
//!
//! ## Why it matters
//! An unclosed quotation makes the reader guess where the speaker's words end,
//! and can put a reporter's words in a source's mouth.
//!
//! ## Example
//! ```toml
//! kind = "quote-balance"
//! level = "error"
//! message = "{problem}"
//! ```
//!
//! ## Options
//! * `mixed-styles` (default `true`): also flag the first mark of a second style.

use super::{CompileCx, Kind};
use crate::document::{Document, Scope};
use crate::error::SourceError;
use crate::finding::{Finding, Label};
use crate::rule::{Context, Rule};

crate::rule_spec! {
    /// TOML of a `quote-balance` rule.
    QuoteBalanceSpec {
        /// Flag straight and curly quotes mixed in one article.
        #[serde(default = "super::yes")]
        mixed_styles: bool,
    }
}

/// A compiled `quote-balance` rule.
pub struct QuoteBalance {
    mixed_styles: bool,
}

impl Kind for QuoteBalance {
    const NAME: &'static str = "quote-balance";
    const DEFAULT_SCOPE: Scope = Scope::All;
    type Spec = QuoteBalanceSpec;

    fn compile(spec: QuoteBalanceSpec, _cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        Ok(QuoteBalance {
            mixed_styles: spec.mixed_styles,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// A straight mark whose direction its neighbours do not tell.
    Straight,
    /// A straight mark between two letters (`Kuwait"s`): a mistyped apostrophe.
    InWord,
}

/// The direction of a straight `"` from its neighbours: after a space or an
/// opening bracket and before a word it opens; after a word or punctuation and
/// before a space or punctuation it closes.
fn straight_direction(prev: Option<char>, next: Option<char>) -> Mark {
    let opens_after = prev.is_none_or(|p| p.is_whitespace() || "([{\u{2014}\u{2013}-/".contains(p));
    let closes_before =
        next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}\u{2014}\u{2013}-".contains(n));
    match (opens_after, closes_before) {
        (true, false) => Mark::Open,
        (false, true) => Mark::Close,
        _ => Mark::Straight,
    }
}

/// Double quotation marks of a paragraph, with their offsets and whether each
/// is curly; inch marks (`12"`) are skipped.
fn marks(doc: &Document, para: &std::ops::Range<usize>) -> Vec<(usize, Mark, bool)> {
    let text = &doc.text[para.clone()];
    let mut out = Vec::new();
    for (i, c) in crate::document::quote_candidates(text) {
        let mark = match c {
            '\u{201C}' => Some((Mark::Open, true)),
            '\u{201D}' => Some((Mark::Close, true)),
            '"' => {
                let (prev, next) = (text[..i].chars().next_back(), text[i + 1..].chars().next());
                if prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic) {
                    Some((Mark::InWord, false))
                } else if !prev.is_some_and(|p| p.is_ascii_digit()) {
                    Some((straight_direction(prev, next), false))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some((m, curly)) = mark
            && doc.in_scope(&(para.start + i..para.start + i + 1), Scope::All)
        {
            out.push((para.start + i, m, curly));
        }
    }
    out
}

/// True when the text before `at` ends a sentence: a quotation that is still
/// open there may run on into a new one ("… consume. "France can't …"), as a
/// multi-paragraph quotation does when its paragraphs have been run together.
fn after_sentence_end(text: &str, at: usize) -> bool {
    text[..at].trim_end().ends_with(['.', '?', '!'])
}

impl Rule for QuoteBalance {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let paras: Vec<_> = doc
            .paragraphs
            .iter()
            .filter(|p| !doc.is_heading(p))
            .collect();
        let mut first_style: Option<(usize, bool)> = None;
        let mut mixed_reported = false;
        for (pi, para) in paras.iter().enumerate() {
            let ms = marks(doc, para);
            let next_opens = paras.get(pi + 1).is_some_and(|n| {
                let t = doc.text[n.start..n.end].trim_start();
                t.starts_with('\u{201C}') || t.starts_with('"')
            });
            let mut open: Option<usize> = None;
            for &(at, m, curly) in &ms {
                match first_style {
                    None => first_style = Some((at, curly)),
                    Some((first, style))
                        if self.mixed_styles && style != curly && !mixed_reported =>
                    {
                        let mut f = cx.problem(
                            at..at + doc.text[at..].chars().next().map_or(1, char::len_utf8),
                            if curly {
                                "curly quotation mark in an article that uses straight ones"
                            } else {
                                "straight quotation mark in an article that uses curly ones"
                            },
                        );
                        f.labels.push(Label {
                            span: first..first + if style { 3 } else { 1 },
                            message: "first quotation mark of the article".into(),
                        });
                        out.push(f);
                        mixed_reported = true;
                    }
                    _ => {}
                }
                let len = if curly { 3 } else { 1 };
                match (m, open) {
                    (Mark::InWord, _) => {
                        out.push(cx.problem(
                            at..at + 1,
                            "quotation mark inside a word; an apostrophe (') was meant",
                        ));
                        continue;
                    }
                    (Mark::Open | Mark::Straight, None) => open = Some(at),
                    (Mark::Open, Some(o)) => {
                        if !after_sentence_end(&doc.text, at) {
                            let olen = doc.text[o..].chars().next().map_or(1, char::len_utf8);
                            out.push(cx.problem(
                                o..o + olen,
                                "this quotation is never closed: another one opens before it ends",
                            ));
                        }
                        open = Some(at);
                    }
                    (Mark::Close | Mark::Straight, Some(_)) => open = None,
                    (Mark::Close, None) => out.push(
                        cx.problem(at..at + len, "closing quotation mark with no opening one"),
                    ),
                }
            }
            if let Some(o) = open
                && !next_opens
            {
                let len = doc.text[o..].chars().next().map_or(1, char::len_utf8);
                out.push(cx.problem(
                    o..o + len,
                    "this quotation is never closed in its paragraph",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    const RULE: &str = "kind = \"quote-balance\"\nlevel = \"error\"\nmessage = \"{problem}\"\n";

    #[test]
    fn flags_unclosed_and_unopened_quotes() {
        let r = rule(RULE);
        let f = assert_findings(
            "He said \u{201C}we will win.\n\nShe said no\u{201D} and left.\n",
            &r,
            2,
        );
        assert_eq!(
            f[0].message,
            "this quotation is never closed in its paragraph"
        );
        assert_eq!(f[1].message, "closing quotation mark with no opening one");
        assert_findings("He said \"we will win.\n\nThen he left.\n", &r, 1);
    }

    #[test]
    fn quotes_may_run_on_into_the_next_paragraph_wire_style() {
        let r = rule(RULE);
        assert_findings(
            "\"We will win,\" he said. \"And then\n\n\"we will rebuild.\"\n",
            &r,
            0,
        );
        assert_findings("A 12\" record and a 7\" single.\n", &r, 0);
    }

    #[test]
    fn run_together_paragraphs_of_one_quotation_are_accepted() {
        let r = rule(RULE);
        assert_findings(
            "\"But there's a problem.\" \"Spending is high. \"France can't go on.\" Rates stay.\n",
            &r,
            0,
        );
        let f = assert_findings("He said \"no and \"yes\" later.\n", &r, 1);
        assert!(
            f[0].message.contains("another one opens"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn straight_quote_inside_a_word_is_a_mistyped_apostrophe() {
        let r = rule(RULE);
        let f = assert_findings("Kuwait\"s Oil Minister said \"no\".\n", &r, 1);
        assert_eq!(
            f[0].message,
            "quotation mark inside a word; an apostrophe (') was meant"
        );
    }

    #[test]
    fn flags_mixed_styles_once() {
        let r = rule(RULE);
        let f = assert_findings(
            "\u{201C}Yes,\u{201D} he said.\n\n\"No,\" she said. \"Maybe.\"\n",
            &r,
            1,
        );
        assert_eq!(
            f[0].message,
            "straight quotation mark in an article that uses curly ones"
        );
    }
}
