//! `consistency`: one article, one spelling.
//!
//! ## What it does
//! Each group lists alternative spellings of the same thing. The first one
//! an article uses sets the spelling; later uses of another alternative are
//! flagged, with a label on the first use. With `linked = true` all groups
//! share their alternatives' positions (position 0 = British, 1 = American),
//! so the first spelling of any group sets the variety for the whole article.
//!
//! ## Why it matters
//! "Sergey Lavrov" in one paragraph and "Sergei Lavrov" in the next, or
//! "colour" beside "color", tells readers nobody edited the story.
//!
//! ## Example
//! ```toml
//! kind = "consistency"
//! message = "'{match}' is spelled '{expected}' earlier in this article"
//! groups = [["Sergey Lavrov", "Sergei Lavrov"], ["Al Mayadeen", "Al-Mayadeen"]]
//! ```
//!
//! ## Options
//! * `groups`: lists of alternatives (at least two each).
//! * `linked` (default `false`): groups share variety positions.
//! * `variants`: names of the positions, for the `{variant}` and `{expected-variant}` placeholders.
//! * `ignore-case` (default `false`).

use super::{CompileCx, Kind};
use crate::document::Scope;
use crate::error::SourceError;
use crate::finding::{Applicability, Finding, Label};
use crate::rule::{Context, Rule, match_case, word_fix};
use toml::Spanned;

crate::rule_spec! {
    /// TOML of a `consistency` rule.
    ConsistencySpec {
        /// Alternatives.
        groups: Vec<Spanned<Vec<String>>>,
        /// Groups share positions.
        #[serde(default)]
        linked: bool,
        /// Names of the positions.
        #[serde(default)]
        variants: Vec<String>,
        /// Match in any case.
        #[serde(default)]
        ignore_case: bool,
    }
}

/// A compiled `consistency` rule.
pub struct Consistency {
    /// (group, position) of each literal term.
    terms: Vec<(usize, usize)>,
    groups: Vec<Vec<String>>,
    linked: bool,
    variants: Vec<String>,
}

impl Kind for Consistency {
    const NAME: &'static str = "consistency";
    const DEFAULT_SCOPE: Scope = Scope::Prose;
    type Spec = ConsistencySpec;

    fn compile(spec: ConsistencySpec, cx: &mut CompileCx<'_>) -> Result<Self, SourceError> {
        let mut terms = Vec::new();
        let mut groups = Vec::new();
        let width = spec.groups.first().map(|g| g.get_ref().len());
        for (g, group) in spec.groups.into_iter().enumerate() {
            let span = group.span();
            let group = group.into_inner();
            if group.len() < 2 {
                return Err(cx.error(
                    Some(span),
                    "a consistency group needs at least two alternatives",
                ));
            }
            if spec.linked && Some(group.len()) != width {
                return Err(cx.error(
                    Some(span),
                    "with `linked = true` every group needs the same number of alternatives",
                ));
            }
            for (pos, alt) in group.iter().enumerate() {
                cx.literal(terms.len(), alt, !spec.ignore_case);
                terms.push((g, pos));
            }
            groups.push(group);
        }
        if groups.is_empty() {
            return Err(cx.error(None, "`groups` is empty"));
        }
        Ok(Consistency {
            terms,
            groups,
            linked: spec.linked,
            variants: spec.variants,
        })
    }
}

impl Rule for Consistency {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // First (position, span) seen per group, or for the whole article when linked.
        let mut first: Vec<Option<(usize, std::ops::Range<usize>)>> =
            vec![None; if self.linked { 1 } else { self.groups.len() }];
        for h in cx.hits {
            let (g, pos) = self.terms[h.term as usize];
            let slot = &mut first[if self.linked { 0 } else { g }];
            let Some((p0, span0)) = slot.clone() else {
                *slot = Some((pos, h.span.clone()));
                continue;
            };
            if p0 == pos {
                continue;
            }
            let found = cx.doc.slice(&h.span);
            let expected = match_case(found, &self.groups[g][p0]);
            let first_text = cx.doc.slice(&span0);
            let variant = self.variants.get(pos).map_or("", String::as_str);
            let expected_variant = self.variants.get(p0).map_or("", String::as_str);
            let mut f = cx.meta.finding(
                h.span.clone(),
                &[
                    ("match", found),
                    ("expected", &expected),
                    ("first", first_text),
                    ("variant", variant),
                    ("expected-variant", expected_variant),
                ],
            );
            f.labels.push(Label {
                span: span0,
                message: format!("first written '{first_text}' here"),
            });
            f.fix = Some(word_fix(
                &cx.doc.text,
                h.span.clone(),
                expected,
                Applicability::MaybeIncorrect,
            ));
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rule::kinds::test_support::*;

    #[test]
    fn flags_later_spelling_with_label_on_first() {
        let r = rule(
            r#"
kind = "consistency"
message = "'{match}' is written '{expected}' earlier"
groups = [["Sergey Lavrov", "Sergei Lavrov"], ["Al Mayadeen", "Al-Mayadeen"]]
"#,
        );
        let t = "Sergey Lavrov spoke. Al-Mayadeen said. Sergei Lavrov left. Al Mayadeen agreed. Sergey Lavrov ended.";
        let f = assert_findings(t, &r, 2);
        assert_eq!(
            f[0].message,
            "'Sergei Lavrov' is written 'Sergey Lavrov' earlier"
        );
        assert_eq!(f[0].labels[0].span, 0..13);
        assert_eq!(&t[f[1].span.clone()], "Al Mayadeen");
    }

    #[test]
    fn linked_groups_set_one_variety_per_article() {
        let r = rule(
            r#"
kind = "consistency"
message = "'{match}' is {variant} spelling; this article uses {expected-variant} ('{first}')"
linked = true
variants = ["British", "American"]
groups = [["colour", "color"], ["organisation", "organization"]]
"#,
        );
        let f = assert_findings("The colour of the organization. Colour again.", &r, 1);
        assert_eq!(
            f[0].message,
            "'organization' is American spelling; this article uses British ('colour')"
        );
        assert_findings("The color of the organization.", &r, 0);
    }
}
