//! Sentence boundaries for news copy.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets)
//! followed by whitespace and a capital, digit or opening quote, unless the
//! word before the full stop is a known abbreviation or an initial ("Mr.",
//! "U.S.", "Feb.", "J."). A headline is one sentence. Rule-based splitting is
//! what newsroom copy needs: Unicode's segmentation breaks after "Mr.".

use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "jr", "sr", "rev", "hon", "messrs", "mt", "ft", "no", "nos", "inc",
    "co", "corp", "ltd", "bros", "vs", "etc", "approx", "dept", "est", "fig", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "ala", "ariz", "ark", "calif", "colo", "conn",
    "del", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss",
    "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis",
    "wyo", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "d.c",
];

pub(super) fn split(text: &str, para: Range<usize>, is_heading: bool) -> Vec<Range<usize>> {
    if is_heading {
        return vec![para];
    }
    let s = &text[para.clone()];
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = s.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            // Closing punctuation belongs to the sentence: .'" .” .) ...
            while end < s.len() {
                let ch = s[end..].chars().next().expect("end is a char boundary");
                if matches!(
                    ch,
                    '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}'
                ) {
                    end += ch.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &s[end..];
            let ws = rest.len() - rest.trim_start().len();
            let next = rest[ws..].chars().next();
            let opens = next.is_some_and(|n| {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '"' | '\u{201C}' | '(' | '\'' | '\u{2018}')
            });
            if ws > 0 && opens && !(c == b'.' && is_abbreviation(&s[start..i])) {
                out.push(para.start + start..para.start + end);
                start = end + ws;
                i = start;
                continue;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    if start < s.len() {
        out.push(para.start + start..para.end);
    }
    out
}

/// True when the text before a full stop ends with an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201C}')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let single_initial = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
    single_initial || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t, 0..t.len(), false)
            .into_iter()
            .map(|r| &t[r])
            .collect()
    }

    #[test]
    fn splits_after_full_stop_and_closing_quote() {
        assert_eq!(
            sents("He left. \"We won,\" she said. Then 2 more came."),
            ["He left.", "\"We won,\" she said.", "Then 2 more came."]
        );
        assert_eq!(sents("\"Go.\" Then stop."), ["\"Go.\"", "Then stop."]);
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            sents("Mr. Smith met U.S. officials on Feb. 3. George W. Bush spoke."),
            [
                "Mr. Smith met U.S. officials on Feb. 3.",
                "George W. Bush spoke."
            ]
        );
    }

    #[test]
    fn tass_dateline_is_not_a_sentence_break_before_slash() {
        assert_eq!(
            sents("MOSCOW, February 13. /TASS/. Russia does not see it."),
            ["MOSCOW, February 13. /TASS/.", "Russia does not see it."]
        );
    }
}
