//! `--format concise`: one line a finding, `path:line:col: severity[rule] message`, then the
//! summary line. Columns count code points (as in the human and JSON reports), so editors that read
//! `file:line:col` land on the character.

use super::{Emitter, FileError, FileReport, Summary, summary_line};
use crate::source::ColumnUnit;
use std::io::{self, Write};

/// One line a finding.
#[derive(Debug, Default)]
pub struct Concise;

impl Emitter for Concise {
    fn emit(
        &mut self,
        reports: &[FileReport],
        _errors: &[FileError],
        s: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut w = io::BufWriter::with_capacity(1 << 16, out);
        for r in reports {
            for d in &r.diagnostics {
                let at = r
                    .source
                    .position(d.primary.span.start, ColumnUnit::CodePoint);
                // A message is one line; a line break in a user's message would split the finding.
                let message = d.message.lines().collect::<Vec<_>>().join(" ");
                writeln!(
                    w,
                    "{}:{}:{}: {}[{}] {message}",
                    r.source.name,
                    at.line,
                    at.column,
                    d.severity.name(),
                    d.rule
                )?;
            }
        }
        writeln!(w, "{}", summary_line(s))?;
        w.flush()
    }
}
