//! Markdown layout with pulldown-cmark: text events are prose; code, HTML,
//! autolinks, images and front matter are not. Offsets come from the parser's
//! offset iterator, so every range points into the original file.

use super::{Layout, Metadata};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

pub(super) fn layout(text: &str) -> Layout {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = Layout::default();
    // Depth of elements whose text is not prose (code blocks, HTML, autolinks, images, front matter).
    let mut hidden = 0usize;
    let mut in_metadata = false;
    // Open blocks that may own text (paragraph, heading, table cell, tight list item),
    // with the start of their first prose text: the paragraph runs from there, past any marker.
    let mut blocks: Vec<(Range<usize>, Option<usize>)> = Vec::new();
    let mut heading_text: Option<String> = None;
    let mut front_matter = String::new();
    // For each open link, whether it hid its text (autolinks and e-mail links show a URL).
    let mut links: Vec<bool> = Vec::new();

    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. } => hidden += 1,
                Tag::MetadataBlock(_) => {
                    hidden += 1;
                    in_metadata = true;
                }
                Tag::Link { link_type, .. } => {
                    let is_url = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    hidden += usize::from(is_url);
                    links.push(is_url);
                }
                Tag::Heading { .. } => {
                    heading_text.get_or_insert_with(String::new);
                    blocks.push((range, None));
                }
                Tag::Paragraph | Tag::Item | Tag::TableCell => blocks.push((range, None)),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Image => hidden -= 1,
                TagEnd::MetadataBlock(_) => {
                    hidden -= 1;
                    in_metadata = false;
                }
                TagEnd::Link => hidden -= usize::from(links.pop().unwrap_or(false)),
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell => {
                    if let Some((r, Some(first))) = blocks.pop() {
                        let para = trim(text, first..r.end);
                        if matches!(end, TagEnd::Heading(_)) {
                            out.headings.push(para.clone());
                        }
                        out.paragraphs.push(para);
                    }
                    if matches!(end, TagEnd::Heading(_))
                        && out.meta.title.is_none()
                        && let Some(h) = heading_text.take()
                    {
                        out.meta.title = Some(h.trim().to_string());
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if in_metadata {
                    front_matter.push_str(&t);
                } else if hidden == 0 {
                    if let Some(h) = heading_text.as_mut()
                        && out.meta.title.is_none()
                    {
                        h.push_str(&t);
                    }
                    if let Some(b) = blocks.last_mut() {
                        b.1.get_or_insert(range.start);
                    }
                    out.prose.push(range);
                }
            }
            Event::SoftBreak | Event::HardBreak if hidden == 0 => out.prose.push(range),
            _ => {}
        }
    }
    let fm = front_matter_fields(&front_matter);
    if fm.title.is_some() {
        out.meta.title = fm.title;
    }
    out.meta.date = fm.date;
    out
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

/// Reads `title` and `date` from YAML (`key: value`) or TOML (`key = "value"`) front matter.
fn front_matter_fields(fm: &str) -> Metadata {
    let mut meta = Metadata::default();
    for line in fm.lines() {
        let Some((key, value)) = line.split_once(':').or_else(|| line.split_once('=')) else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim().to_string();
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "title" => meta.title = Some(value),
            "date" => meta.date = Some(value),
            _ => {}
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autolinks_html_and_images_are_hidden() {
        let t = "Go to <https://teh.example> or <b>teh</b> ![teh alt](x.png) teh.\n";
        let l = layout(t);
        let prose: String = l.prose.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(prose, "Go to  or teh  teh.");
    }

    #[test]
    fn list_items_and_table_cells_are_paragraphs() {
        let t = "- one item\n- two item\n\n| a | b |\n|---|---|\n| c | d |\n";
        let l = layout(t);
        let p: Vec<&str> = l.paragraphs.iter().map(|r| &t[r.clone()]).collect();
        assert!(p.contains(&"one item"), "{p:?}");
        assert!(p.contains(&"c"), "{p:?}");
    }

    #[test]
    fn toml_front_matter_is_read() {
        let m = front_matter_fields("title = \"Budget\"\ndate = 2024-03-01\n");
        assert_eq!(m.title.as_deref(), Some("Budget"));
        assert_eq!(m.date.as_deref(), Some("2024-03-01"));
    }
}
