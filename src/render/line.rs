//! `--format line`: `path:line:col: level[rule-id]: message`, one per line.
//!
//! The format vim's `errorformat`, Emacs' compilation mode and VS Code
//! problem matchers read. Columns count characters.

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
                file.path, p.line, p.column, f.level, f.rule, f.message
            )?;
        }
    }
    Ok(())
}
