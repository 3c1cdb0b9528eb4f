//! How the check and fix targets read a fuzzer's bytes: the first byte picks the
//! format (as a file's extension would; bit 0: Markdown) and flags (bit 1, for the
//! fix target: unsafe fixes); the rest, decoded lossily, is the article.

use copydesk::document::DocKind;

/// The article's kind, the first byte, and its text; `None` for no bytes.
pub fn article(data: &[u8]) -> Option<(DocKind, u8, String)> {
    let (&first, rest) = data.split_first()?;
    let kind = if first & 1 == 0 {
        DocKind::Text
    } else {
        DocKind::Markdown
    };
    Some((kind, first, String::from_utf8_lossy(rest).into_owned()))
}
