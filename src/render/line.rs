//! `--format line`: `path:line:col: level[rule-id]: message`, one per line.
//!
//! The format vim's `errorformat`, Emacs' compilation mode and VS Code
//! problem matchers read. Columns count characters. Control characters in a
//! path (a newline in a file name) are escaped as Rust writes them (`\n`,
//! `\u{1b}`), so each finding stays on one line.

use super::{LineIndex, Report};
use std::io::Write;

/// Writes one line per finding.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for file in &report.files {
        let idx = LineIndex::new(&file.text);
        for f in &file.findings {
            let p = idx.position(f.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                escape_controls(&file.path),
                p.line,
                p.column,
                f.level,
                f.rule,
                f.message
            )?;
        }
    }
    Ok(())
}

/// `text` with its control characters escaped (`\n`, `\t`, `\u{7f}`).
fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn issue_9_control_characters_in_paths_are_escaped() {
        assert_eq!(super::escape_controls("a\nb\t.txt"), "a\\nb\\t.txt");
        assert_eq!(super::escape_controls("plain/é.txt"), "plain/é.txt");
    }
}
