//! `--format checkstyle`: Checkstyle XML, read by Jenkins (Warnings NG), reviewdog
//! and most CI dashboards. Columns count characters; `source` is
//! `copydesk.<rule id with dots>`.

use super::{LineIndex, Report};
use crate::finding::Level;
use std::io::Write;

/// Escapes text for an XML attribute value.
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one `<file>` per checked file.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for file in &report.files {
        writeln!(out, r#"  <file name="{}">"#, attr(&file.path))?;
        let idx = LineIndex::new(&file.text);
        for f in &file.findings {
            let p = idx.position(f.span.start);
            let severity = match f.level {
                Level::Error => "error",
                Level::Warning => "warning",
                Level::Info => "info",
            };
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{severity}" message="{}" source="copydesk.{}"/>"#,
                p.line,
                p.column,
                attr(&f.message),
                attr(&f.rule.replace('/', "."))
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    for e in &report.input_errors {
        writeln!(out, r#"  <file name="{}">"#, attr(&e.path))?;
        let (line, column) = e.position.unwrap_or((1, 1));
        writeln!(
            out,
            r#"    <error line="{line}" column="{column}" severity="error" message="{}" source="copydesk.input"/>"#,
            attr(&e.message)
        )?;
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_attributes() {
        assert_eq!(
            attr(r#"'Rusian' <"x"> & y"#),
            "&apos;Rusian&apos; &lt;&quot;x&quot;&gt; &amp; y"
        );
    }
}
