//! Plain-text layout: paragraphs are separated by blank lines; a short first
//! line standing alone, without closing punctuation, is the headline.

use super::{Layout, Metadata};
use std::ops::Range;

pub(super) fn layout(text: &str) -> Layout {
    let paragraphs = paragraphs(text);
    let mut headings = Vec::new();
    let mut meta = Metadata::default();
    if let Some(first) = paragraphs.first() {
        let s = &text[first.clone()];
        let ends_sentence = s
            .trim_end()
            .ends_with(['.', '!', '?', ':', ';', ',', '"', '\u{201D}']);
        if !s.contains('\n') && s.chars().count() <= 200 && !ends_sentence {
            headings.push(first.clone());
            meta.title = Some(s.to_string());
        }
    }
    Layout {
        prose: std::iter::once(0..text.len()).collect(),
        paragraphs,
        headings,
        meta,
    }
}

/// Blocks of non-blank lines, trimmed of surrounding whitespace. A line indented
/// by a tab or two or more spaces also starts a paragraph: wire copy of the
/// teletype era marks paragraphs that way, without blank lines.
pub(super) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        let indented = line.starts_with('\t') || line.starts_with("  ");
        if (blank || indented)
            && let Some(s) = start.take()
        {
            out.push(s..end);
        }
        if blank {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            start.get_or_insert(pos + lead);
            end = pos + line.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs_and_crlf_is_trimmed() {
        let t = "Headline here\r\n\r\nFirst line\r\nsecond line.\r\n  \r\nLast.";
        let l = layout(t);
        let p: Vec<&str> = l.paragraphs.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(p, ["Headline here", "First line\r\nsecond line.", "Last."]);
        assert_eq!(l.meta.title.as_deref(), Some("Headline here"));
    }

    #[test]
    fn indented_first_lines_start_paragraphs() {
        let t = "HEADLINE\n\n    First para line one\nline two.\n    Second para.\n    Third.\n";
        let p: Vec<&str> = paragraphs(t).iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(
            p,
            [
                "HEADLINE",
                "First para line one\nline two.",
                "Second para.",
                "Third."
            ]
        );
    }

    #[test]
    fn a_first_sentence_is_not_a_headline() {
        let l = layout("This is a sentence.\n\nMore.");
        assert!(l.headings.is_empty());
    }
}
