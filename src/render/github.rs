//! `--format github`: GitHub Actions workflow commands, one per finding, which
//! GitHub shows as annotations on the pull request's changed lines:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.

use super::{LineIndex, Report};
use crate::finding::Level;
use std::io::Write;

/// Escapes a command's message (`%`, CR, LF).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one workflow command per finding, and one per unreadable file.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for file in &report.files {
        let idx = LineIndex::new(&file.text);
        for f in &file.findings {
            let (s, e) = (idx.position(f.span.start), idx.position(f.span.end));
            let command = match f.level {
                Level::Error => "error",
                Level::Warning => "warning",
                Level::Info => "notice",
            };
            let mut message = f.message.clone();
            if let Some(fix) = &f.fix {
                message.push_str(&format!(" ({})", fix.description));
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&file.path),
                s.line,
                s.column,
                e.line,
                e.column,
                property(&format!("copydesk {}", f.rule)),
                data(&message)
            )?;
        }
    }
    for e in &report.input_errors {
        let at = e
            .position
            .map(|(l, c)| format!(",line={l},col={c}"))
            .unwrap_or_default();
        writeln!(
            out,
            "::error file={}{at},title=copydesk::{}",
            property(&e.path),
            data(&e.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_properties_and_data() {
        assert_eq!(property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(data("line one\nline: two"), "line one%0Aline: two");
    }
}
