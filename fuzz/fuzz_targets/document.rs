//! Document parsing: any text, as plain text and as Markdown, parses without a
//! panic, and every range the Document records is sorted and lies in the text
//! on char boundaries.
#![no_main]

use copydesk::document::{DocKind, Document};
use libfuzzer_sys::fuzz_target;
use std::ops::Range;

fn assert_ranges(text: &str, what: &str, ranges: &[Range<usize>], disjoint: bool) {
    for r in ranges {
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "{what} {r:?} outside the text ({} bytes)",
            text.len()
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{what} {r:?} not on char boundaries"
        );
    }
    for w in ranges.windows(2) {
        assert!(w[0].start <= w[1].start, "{what} not sorted: {w:?}");
        if disjoint {
            assert!(w[0].end <= w[1].start, "{what} overlap: {w:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    for kind in [DocKind::Text, DocKind::Markdown] {
        let doc = Document::new(text.clone(), kind);
        assert_eq!(doc.text, text, "the text is kept exactly");
        assert_ranges(&text, "prose", &doc.prose, true);
        assert_ranges(&text, "paragraphs", &doc.paragraphs, false);
        assert_ranges(&text, "headings", &doc.headings, false);
        assert_ranges(&text, "sentences", &doc.sentences, false);
        assert_ranges(&text, "quotes", &doc.quotes, false);
        assert_ranges(&text, "words", &doc.words, true);
        for w in &doc.words {
            assert!(
                doc.prose
                    .iter()
                    .any(|p| p.start <= w.start && w.end <= p.end),
                "word {w:?} outside prose"
            );
        }
        if let Some(dl) = &doc.dateline {
            let mut parts = vec![dl.span.clone(), dl.city.clone()];
            parts.extend(dl.month.clone());
            parts.extend(dl.day.clone());
            for p in &parts {
                assert!(
                    p.start <= p.end
                        && p.end <= text.len()
                        && text.is_char_boundary(p.start)
                        && text.is_char_boundary(p.end),
                    "dateline part {p:?}"
                );
            }
        }
        let _ = doc.article_date();
    }
});
