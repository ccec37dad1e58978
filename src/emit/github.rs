//! `--format github`: GitHub Actions workflow commands, one a finding,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, which GitHub shows as
//! annotations on the pull request. Columns count code points. `info` findings are `notice`s.
//!
//! GitHub shows only the first few annotations of a step, so when `GITHUB_STEP_SUMMARY` names a
//! file, a Markdown table of the findings by rule and severity is appended to it as well.

use super::{Emitter, FileError, FileReport, Summary, region, summary_line};
use crate::diagnostic::Severity;
use crate::source::ColumnUnit;
use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::PathBuf;

/// Workflow commands, and the step summary.
#[derive(Debug, Default)]
pub struct Github {
    /// The file named by `GITHUB_STEP_SUMMARY`, if any: the summary table is appended to it.
    pub step_summary: Option<PathBuf>,
}

/// Escapes a command's message (its data): `%`, CR and LF, as the runner decodes them.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a command's property value: as data, plus `:` and `,`, which end a value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Emitter for Github {
    fn emit(
        &mut self,
        reports: &[FileReport],
        errors: &[FileError],
        s: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut w = io::BufWriter::with_capacity(1 << 16, out);
        for r in reports {
            let file = escape_property(&r.source.name);
            for d in &r.diagnostics {
                let (start, end) = region(&r.source, d.primary.span, ColumnUnit::CodePoint);
                writeln!(
                    w,
                    "::{} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                    command(d.severity),
                    start.line,
                    start.column,
                    end.line,
                    end.column,
                    escape_property(&d.rule),
                    escape_data(&d.message)
                )?;
            }
        }
        for e in errors {
            writeln!(
                w,
                "::error file={},title=unreadable::{}",
                escape_property(&e.path),
                escape_data(&e.message)
            )?;
        }
        writeln!(w, "{}", summary_line(s))?;
        w.flush()?;
        if let Some(path) = &self.step_summary {
            let mut file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| with_path(e, path))?;
            file.write_all(step_summary(reports, errors, s).as_bytes())
                .map_err(|e| with_path(e, path))?;
        }
        Ok(())
    }
}

fn with_path(e: io::Error, path: &std::path::Path) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("cannot write GITHUB_STEP_SUMMARY {}: {e}", path.display()),
    )
}

/// A Markdown cell: pipes and line breaks would end the cell or the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// The step summary: the totals, then one row per rule and severity, most severe first.
pub fn step_summary(reports: &[FileReport], errors: &[FileError], s: &Summary) -> String {
    let mut counts: BTreeMap<(std::cmp::Reverse<Severity>, &str), usize> = BTreeMap::new();
    for r in reports {
        for d in &r.diagnostics {
            *counts
                .entry((std::cmp::Reverse(d.severity), d.rule.as_str()))
                .or_default() += 1;
        }
    }
    let mut md = String::from("### copydesk\n\n");
    md.push_str(&summary_line(s));
    md.push_str("\n\n");
    if !counts.is_empty() {
        md.push_str("| rule | severity | findings |\n|---|---|---:|\n");
        for ((severity, rule), n) in &counts {
            md.push_str(&format!(
                "| `{}` | {} | {n} |\n",
                cell(rule),
                severity.0.name()
            ));
        }
        md.push('\n');
    }
    if !errors.is_empty() {
        md.push_str("Could not be read:\n\n");
        for e in errors {
            md.push_str(&format!("- `{}`: {}\n", cell(&e.path), cell(&e.message)));
        }
        md.push('\n');
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(
            escape_property("100% a:b,c\r\nd"),
            "100%25 a%3Ab%2Cc%0D%0Ad"
        );
    }
}
