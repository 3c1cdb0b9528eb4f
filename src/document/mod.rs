//! Documents: the text of one article and the structure rules need.
//!
//! A [`Document`] keeps the original text untouched (every span is a byte range
//! into it) and records which parts are prose (Markdown code, HTML, URLs and
//! front matter are not), where paragraphs, headings, sentences and direct
//! quotations are, and the word tokens of the prose. Rules read these; they never
//! re-parse the text.

pub mod dates;
mod markdown;
mod plain;
mod sentences;

use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

/// The input format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// Plain text: everything is prose except URLs and e-mail addresses.
    Text,
    /// CommonMark with front matter, tables and footnotes.
    Markdown,
}

impl DocKind {
    /// Chooses the kind from a file name: `.md`, `.markdown`, `.mdx` are Markdown.
    pub fn from_path(path: &str) -> DocKind {
        let lower = path.to_ascii_lowercase();
        if [".md", ".markdown", ".mdx", ".mkd"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            DocKind::Markdown
        } else {
            DocKind::Text
        }
    }
}

/// Where a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Prose outside direct quotations (the default: style rules leave quoted words alone).
    #[default]
    Prose,
    /// Headings only (a plain-text article's first line counts as its headline).
    Heading,
    /// Inside direct quotations only.
    Quote,
    /// All prose, quotations included.
    All,
}

/// Facts about the article that checks may need.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The headline: front matter `title`, else the first heading.
    pub title: Option<String>,
    /// The raw `date` value from front matter, if any.
    pub date: Option<String>,
    /// The date the article speaks from, once resolved (see [`dates::resolve`]).
    pub article_date: Option<dates::ArticleDate>,
}

/// One article, parsed.
#[derive(Debug, Clone)]
pub struct Document {
    /// The original text, exactly as read.
    pub text: String,
    /// How the text was parsed.
    pub kind: DocKind,
    /// Sorted, disjoint byte ranges that are prose.
    pub prose: Vec<Range<usize>>,
    /// Sorted byte ranges of paragraphs (headings and list items included).
    pub paragraphs: Vec<Range<usize>>,
    /// Sorted byte ranges of headings.
    pub headings: Vec<Range<usize>>,
    /// Sorted byte ranges of sentences.
    pub sentences: Vec<Range<usize>>,
    /// Sorted byte ranges of direct quotations, quotation marks included.
    pub quotes: Vec<Range<usize>>,
    /// Word tokens in prose: letters and digits, with inner apostrophes ("don't", "Israel's").
    pub words: Vec<Range<usize>>,
    /// Title and date.
    pub meta: Metadata,
    /// The wire dateline, if the copy has one.
    pub dateline: Option<dates::Dateline>,
}

/// Intermediate result of a format parser.
#[derive(Default)]
struct Layout {
    prose: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
    headings: Vec<Range<usize>>,
    meta: Metadata,
}

/// URLs and e-mail addresses. No `\b`: Unicode word boundaries force the slow
/// regex engine on non-ASCII text, and these alternatives need none.
static URL: LazyLock<crate::pattern::Pattern> = LazyLock::new(|| {
    crate::pattern::Pattern::new(
        r"(?i)(?:https?://|ftp://|www\.)[^\s<>()\[\]{}]+|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+",
    )
    .expect("URL pattern is valid")
});

/// Cheap test that a text may hold a URL or address at all.
fn may_have_url(s: &str) -> bool {
    s.contains('@') || s.contains("://") || s.contains("www.") || s.contains("WWW.")
}

impl Document {
    /// Parses `text` as `kind`.
    pub fn new(text: String, kind: DocKind) -> Document {
        let layout = match kind {
            DocKind::Text => plain::layout(&text),
            DocKind::Markdown => markdown::layout(&text),
        };
        // Suppression comments are neither prose nor part of a paragraph or sentence.
        let directives = crate::suppress::directive_spans(&text);
        let prose = subtract(subtract_urls(&text, merge(layout.prose)), &directives);
        let paragraphs: Vec<Range<usize>> = subtract(sorted(layout.paragraphs), &directives)
            .into_iter()
            .map(|r| {
                let s = &text[r.clone()];
                let start = r.start + (s.len() - s.trim_start().len());
                start..(r.start + s.trim_end().len()).max(start)
            })
            .filter(|r| !r.is_empty())
            .collect();
        let headings = sorted(layout.headings);
        let sentences = paragraphs
            .iter()
            .flat_map(|p| {
                let heading =
                    headings.binary_search_by_key(&(p.start, p.end), |h| (h.start, h.end));
                sentences::split(&text, p.clone(), heading.is_ok())
            })
            .collect();
        let quotes = paragraphs
            .iter()
            .flat_map(|p| quotations(&text, p.clone()))
            .collect();
        let words = prose
            .iter()
            .flat_map(|r| words_in(&text, r.clone()))
            .collect();
        let mut doc = Document {
            text,
            kind,
            prose,
            paragraphs,
            headings,
            sentences,
            quotes,
            words,
            meta: layout.meta,
            dateline: None,
        };
        doc.dateline = dates::find_dateline(&doc);
        doc.split_sentence_at_dateline();
        doc
    }

    /// The lead begins after the dateline ("LONDON, March 4 (Reuters) - The Rusian
    /// envoy"): the dateline is a sentence of its own, so every rule sees the lead's first
    /// word as the start of a sentence.
    fn split_sentence_at_dateline(&mut self) {
        let Some(dl) = &self.dateline else { return };
        let rest = &self.text[dl.span.end..];
        let lead = dl.span.end + (rest.len() - rest.trim_start().len());
        if let Some(i) = self
            .sentences
            .iter()
            .position(|s| s.start < lead && lead < s.end)
        {
            let s = self.sentences[i].clone();
            self.sentences[i] = s.start..dl.span.end;
            self.sentences.insert(i + 1, lead..s.end);
        }
    }

    /// Sets the article date from the command line, the configured year and today,
    /// by the precedence of [`dates::resolve`].
    pub fn resolve_date(
        &mut self,
        command_line: Option<jiff::civil::Date>,
        year: Option<i16>,
        today: jiff::civil::Date,
    ) {
        self.meta.article_date = Some(dates::resolve(self, command_line, year, today));
    }

    /// The article date: as resolved by [`Document::resolve_date`], else the date the
    /// document itself gives in full (front matter). `None` when neither says: the date
    /// is unknown, and the checks that need it stay silent. The library never reads the
    /// clock; "today" comes from the caller.
    pub fn article_date(&self) -> Option<dates::ArticleDate> {
        self.meta.article_date.or_else(|| {
            let date = self.meta.date.as_deref().and_then(dates::parse_date)?;
            Some(dates::ArticleDate {
                date,
                source: dates::DateSource::FrontMatter,
            })
        })
    }

    /// True when `span` lies inside `scope`.
    pub fn in_scope(&self, span: &Range<usize>, scope: Scope) -> bool {
        if !covers(&self.prose, span) {
            return false;
        }
        match scope {
            Scope::All => true,
            Scope::Prose => !overlaps(&self.quotes, span),
            Scope::Quote => covers(&self.quotes, span),
            Scope::Heading => covers(&self.headings, span),
        }
    }

    /// The sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<Range<usize>> {
        find_containing(&self.sentences, offset)
    }

    /// The paragraph containing byte `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<Range<usize>> {
        find_containing(&self.paragraphs, offset)
    }

    /// The text of a span.
    pub fn slice(&self, span: &Range<usize>) -> &str {
        &self.text[span.clone()]
    }

    /// The words, each with whether it starts a sentence ([`Document::starts_sentence`]
    /// of its start), in one pass: the sentences are followed along with the words, and
    /// a word after another in its sentence does not start it, so only a sentence's
    /// first word is looked at more closely.
    pub fn words_starting_sentences(&self) -> impl Iterator<Item = (&Range<usize>, bool)> + '_ {
        // The sentences starting at or before the word, and the word before it.
        let mut sentence = 0;
        let mut previous: Option<usize> = None;
        self.words.iter().map(move |w| {
            while self
                .sentences
                .get(sentence)
                .is_some_and(|s| s.start <= w.start)
            {
                sentence += 1;
            }
            let starts = match sentence.checked_sub(1).map(|i| &self.sentences[i]) {
                Some(s) if holds(s, w.start) => {
                    // A word before this one in the sentence begins with a letter or
                    // digit; otherwise the sentence's start is looked at.
                    !previous.is_some_and(|p| s.start <= p && p < w.start)
                        && self.nothing_written_before(s, w.start)
                }
                _ => true,
            };
            previous = Some(w.start);
            (w, starts)
        })
    }

    /// True when `paragraph` (one of [`Document::paragraphs`]) is a heading.
    pub fn is_heading(&self, paragraph: &Range<usize>) -> bool {
        self.headings
            .binary_search_by_key(&(paragraph.start, paragraph.end), |h| (h.start, h.end))
            .is_ok()
    }

    /// True when `offset` starts a sentence (only whitespace or opening punctuation before it).
    pub fn starts_sentence(&self, offset: usize) -> bool {
        self.sentence_at(offset)
            .is_none_or(|s| self.nothing_written_before(&s, offset))
    }

    /// True when no letter or digit comes between the start of `sentence` and `offset`.
    /// From the offset back: inside a sentence a letter comes at once, so a word costs
    /// no scan of the sentence before it.
    fn nothing_written_before(&self, sentence: &Range<usize>, offset: usize) -> bool {
        self.text[sentence.start..offset]
            .chars()
            .rev()
            .all(|c| !c.is_alphanumeric())
    }
}

fn sorted(mut v: Vec<Range<usize>>) -> Vec<Range<usize>> {
    v.sort_by_key(|r| (r.start, r.end));
    v.dedup();
    v
}

/// Sorts ranges and joins those that touch or overlap.
fn merge(v: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(v.len());
    for r in sorted(v) {
        if r.start >= r.end {
            continue;
        }
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn subtract_urls(text: &str, prose: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(prose.len());
    for r in prose {
        if !may_have_url(&text[r.clone()]) {
            out.push(r);
            continue;
        }
        let mut start = r.start;
        for m in URL.find_iter(&text[r.clone()]) {
            let trimmed = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"']);
            let (ms, me) = (r.start + m.start(), r.start + m.start() + trimmed.len());
            if ms > start {
                out.push(start..ms);
            }
            start = me;
        }
        if start < r.end {
            out.push(start..r.end);
        }
    }
    out
}

/// `ranges` without the sorted, disjoint `holes`.
fn subtract(ranges: Vec<Range<usize>>, holes: &[Range<usize>]) -> Vec<Range<usize>> {
    if holes.is_empty() {
        return ranges;
    }
    let mut out = Vec::with_capacity(ranges.len() + holes.len());
    for r in ranges {
        let mut start = r.start;
        // Holes are sorted and disjoint: only those ending after `r.start` can meet it.
        let first = holes.partition_point(|h| h.end <= r.start);
        for h in holes[first..].iter().take_while(|h| h.start < r.end) {
            if h.start > start {
                out.push(start..h.start);
            }
            start = start.max(h.end);
        }
        if start < r.end {
            out.push(start..r.end);
        }
    }
    out
}

/// Index of the last range starting at or before `offset`.
fn last_starting_before(ranges: &[Range<usize>], offset: usize) -> Option<usize> {
    ranges.partition_point(|r| r.start <= offset).checked_sub(1)
}

fn find_containing(ranges: &[Range<usize>], offset: usize) -> Option<Range<usize>> {
    let i = last_starting_before(ranges, offset)?;
    holds(&ranges[i], offset).then(|| ranges[i].clone())
}

/// True when `offset` is in `range`, or is an empty range's place, for a range that
/// starts at or before it.
fn holds(range: &Range<usize>, offset: usize) -> bool {
    offset < range.end || (offset == range.end && range.is_empty())
}

/// True when one of the sorted, disjoint `ranges` contains all of `span`.
pub(crate) fn covers(ranges: &[Range<usize>], span: &Range<usize>) -> bool {
    last_starting_before(ranges, span.start).is_some_and(|i| span.end <= ranges[i].end)
}

/// True when `span` shares at least one byte with one of the sorted `ranges`.
fn overlaps(ranges: &[Range<usize>], span: &Range<usize>) -> bool {
    let end = ranges.partition_point(|r| r.start < span.end);
    ranges[..end]
        .iter()
        .rev()
        .take(4)
        .any(|r| r.end > span.start)
}

/// `word` without a possessive "'s" / "’s", if it has one ("Israel's" → "Israel").
pub fn without_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
}

/// `word` without a possessive ending, or `word` itself.
pub fn bare_word(word: &str) -> &str {
    without_possessive(word).unwrap_or(word)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Word tokens in `range`: runs of letters/digits/marks, joined across a single apostrophe.
fn words_in(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let bytes = s.as_bytes();
    // The character at byte `i` (a char boundary): an ASCII byte is its own character,
    // which spares most of the text the decoding.
    let char_at = |i: usize| match bytes.get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s[i..].chars().next(),
        None => None,
    };
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let next = i + c.len_utf8();
        let word_char = c.is_alphanumeric() || (start.is_some() && is_mark(c));
        if word_char {
            start.get_or_insert(i);
        } else if let Some(st) = start {
            let joins = is_apostrophe(c) && char_at(next).is_some_and(char::is_alphabetic);
            if !joins {
                out.push(range.start + st..range.start + i);
                start = None;
            }
        }
        i = next;
    }
    if let Some(st) = start {
        out.push(range.start + st..range.end);
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Direct quotations in a paragraph. Curly quotes pair by direction; straight
/// double quotes pair in order. An opening mark left open runs to the end of the
/// paragraph, as wire copy continues a quote into the next paragraph that way.
/// The characters of `s` that may be quotation marks, with their offsets: every
/// straight quote and every character whose first byte is 0xE2 (the curly quotes'
/// first), found with memchr so the rest of the text is skipped at once.
pub(crate) fn quote_candidates(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    memchr::memchr2_iter(b'"', 0xE2, s.as_bytes())
        .filter_map(|i| s[i..].chars().next().map(|c| (i, c)))
}

fn quotations(text: &str, para: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in quote_candidates(&text[para.clone()]) {
        let at = para.start + i;
        match (c, open) {
            ('\u{201C}', None) => open = Some((at, c)),
            ('"', None) => open = Some((at, c)),
            ('\u{201D}', Some((s, '\u{201C}'))) | ('"', Some((s, '"'))) => {
                out.push(s..at + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    if let Some((s, _)) = open {
        out.push(s..para.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_10_words_starting_sentences_agree_with_starts_sentence() {
        for text in [
            "One two. Three four! \"Five,\" six said.\n\nSeven (eight) nine? ten",
            "MOSCOW, February 13. /TASS/. The top Rusian diplomat said. U.S. envoy met.",
            "# Heading\n\nA list:\n\n- Item one. Item two\n- 3 items",
            "",
            "...",
            "x",
        ] {
            for kind in [DocKind::Text, DocKind::Markdown] {
                let doc = Document::new(text.to_string(), kind);
                let walked: Vec<bool> = doc.words_starting_sentences().map(|(_, s)| s).collect();
                let asked: Vec<bool> = doc
                    .words
                    .iter()
                    .map(|w| doc.starts_sentence(w.start))
                    .collect();
                assert_eq!(walked, asked, "{text:?}");
            }
        }
    }

    #[test]
    fn issue_11_an_undated_document_has_an_unknown_date_and_no_clock_is_read() {
        let rules = crate::pack::RuleSet::builtin().unwrap();
        let text = "Talks were held in Kiev on Monday.\n";
        let mut doc = Document::new(text.into(), DocKind::Text);
        assert_eq!(doc.article_date(), None);
        // A rule with a validity window does not run on an unknown date...
        assert!(rules.check(&doc).iter().all(|f| f.rule != "renamed/kiev"));
        // ...and does once the caller dates the document.
        let day = jiff::civil::date(2024, 3, 5);
        doc.resolve_date(None, None, day);
        assert!(rules.check(&doc).iter().any(|f| f.rule == "renamed/kiev"));
        // Front matter dates a document by itself.
        let doc = Document::new(
            "---\ndate: 2024-03-05\n---\nText.\n".into(),
            DocKind::Markdown,
        );
        assert_eq!(doc.article_date().map(|a| a.date), Some(day));
    }

    #[test]
    fn words_keep_inner_apostrophes_and_split_hyphens() {
        let d = Document::new("Israel's well-known don't 'quoted'".into(), DocKind::Text);
        let w: Vec<&str> = d.words.iter().map(|r| d.slice(r)).collect();
        assert_eq!(w, ["Israel's", "well", "known", "don't", "quoted"]);
    }

    #[test]
    fn urls_are_not_prose() {
        let d = Document::new(
            "See https://example.com/teh.page now.".into(),
            DocKind::Text,
        );
        let w: Vec<&str> = d.words.iter().map(|r| d.slice(r)).collect();
        assert_eq!(w, ["See", "now"]);
    }

    #[test]
    fn quotes_pair_and_unclosed_run_to_paragraph_end() {
        let t = "He said \u{201C}no\u{201D} and \"yes\".\n\n\"Open quote runs on\n";
        let d = Document::new(t.into(), DocKind::Text);
        let q: Vec<&str> = d.quotes.iter().map(|r| d.slice(r)).collect();
        assert_eq!(q, ["\u{201C}no\u{201D}", "\"yes\"", "\"Open quote runs on"]);
        let no = t.find("no").unwrap();
        assert!(d.in_scope(&(no..no + 2), Scope::Quote));
        assert!(!d.in_scope(&(no..no + 2), Scope::Prose));
        assert!(d.in_scope(&(0..2), Scope::Prose));
    }

    #[test]
    fn markdown_code_is_not_prose_and_positions_are_original() {
        let t = "# Title\n\nSome `teh code` here.\n\n```\nteh block\n```\n\nEnd teh.\n";
        let d = Document::new(t.into(), DocKind::Markdown);
        let w: Vec<&str> = d.words.iter().map(|r| d.slice(r)).collect();
        assert_eq!(w, ["Title", "Some", "here", "End", "teh"]);
        assert_eq!(d.meta.title.as_deref(), Some("Title"));
        assert_eq!(d.headings.len(), 1);
    }

    #[test]
    fn front_matter_is_metadata_not_prose() {
        let t = "---\ntitle: Gaza talks\ndate: 2024-02-13\n---\n\nBody text.\n";
        let d = Document::new(t.into(), DocKind::Markdown);
        let w: Vec<&str> = d.words.iter().map(|r| d.slice(r)).collect();
        assert_eq!(w, ["Body", "text"]);
        assert_eq!(d.meta.title.as_deref(), Some("Gaza talks"));
        assert_eq!(d.meta.date.as_deref(), Some("2024-02-13"));
    }
}
