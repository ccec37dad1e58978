//! `--format github`: GitHub Actions workflow commands, one a finding,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, which GitHub shows as
//! annotations on the pull request. Columns count code points. `info` findings are `notice`s.
//!
//! GitHub shows only the first few annotations of a step, so when `GITHUB_STEP_SUMMARY` names a
//! file, a Markdown table of the findings by rule and severity is appended to it as well.

use super::{
    Emitter, FileAnchor, FileError, FileReport, StreamEmitter, Streamed, Summary, region,
    summary_line,
};
use crate::diagnostic::Severity;
use crate::source::ColumnUnit;
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
            self.write_file(r, &mut w)?;
        }
        self.write_errors(errors, &mut w)?;
        writeln!(w, "{}", summary_line(s))?;
        w.flush()?;
        if let Some(path) = &self.step_summary {
            append_step_summary(path, &step_summary(reports, errors, s))?;
        }
        Ok(())
    }
}

/// `--format github` with a step summary, written story by story: the annotations stream, and
/// the findings are counted by rule as they pass (a count a rule and severity, never the findings)
/// for the table appended to `GITHUB_STEP_SUMMARY` at the end.
#[derive(Debug)]
pub struct GithubSummarised {
    /// The annotations and the closing summary line, as without a step summary.
    annotations: Streamed<Github>,
    /// The file the table is appended to.
    step_summary: PathBuf,
    counts: Mutex<Counts>,
}

impl GithubSummarised {
    /// Annotations on stdout (then the summary line, unless `summary` is false: `--quiet`) and
    /// the table appended to `step_summary`.
    pub fn new(step_summary: PathBuf, summary: bool) -> Self {
        GithubSummarised {
            annotations: Streamed {
                format: Github { step_summary: None },
                summary,
            },
            step_summary,
            counts: Mutex::new(Counts::new()),
        }
    }
}

impl StreamEmitter for GithubSummarised {
    fn file(&self, number: usize, report: &FileReport) -> Vec<u8> {
        count(
            &mut self.counts.lock().unwrap_or_else(|e| e.into_inner()),
            report,
        );
        self.annotations.file(number, report)
    }

    fn finish(
        &self,
        wrote: bool,
        anchors: &[FileAnchor],
        errors: &[FileError],
        s: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.annotations.finish(wrote, anchors, errors, s, out)?;
        out.flush()?;
        let counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        append_step_summary(&self.step_summary, &step_summary_of(&counts, errors, s))
    }
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("cannot write GITHUB_STEP_SUMMARY {}: {e}", path.display()),
    )
}

/// A Markdown cell: pipes and line breaks would end the cell or the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// Findings by severity (most severe first) and rule, for the step summary.
type Counts = BTreeMap<(Reverse<Severity>, String), usize>;

/// Adds a story's findings to `counts`.
fn count(counts: &mut Counts, report: &FileReport) {
    for d in &report.diagnostics {
        *counts
            .entry((Reverse(d.severity), d.rule.clone()))
            .or_default() += 1;
    }
}

/// Appends the step summary to the file `GITHUB_STEP_SUMMARY` names.
fn append_step_summary(path: &Path, md: &str) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| with_path(e, path))?;
    file.write_all(md.as_bytes())
        .map_err(|e| with_path(e, path))
}

/// The step summary: the totals, then one row per rule and severity, most severe first.
pub fn step_summary(reports: &[FileReport], errors: &[FileError], s: &Summary) -> String {
    let mut counts = Counts::new();
    for r in reports {
        count(&mut counts, r);
    }
    step_summary_of(&counts, errors, s)
}

fn step_summary_of(counts: &Counts, errors: &[FileError], s: &Summary) -> String {
    let mut md = String::from("### copydesk\n\n");
    md.push_str(&summary_line(s));
    md.push_str("\n\n");
    if !counts.is_empty() {
        md.push_str("| rule | severity | findings |\n|---|---|---:|\n");
        for ((severity, rule), n) in counts {
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

impl Github {
    /// Writes one story's findings, one command a line.
    pub fn write_file(&self, r: &FileReport, w: &mut dyn Write) -> io::Result<()> {
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
        Ok(())
    }

    /// Writes one command a file that could not be read.
    pub fn write_errors(&self, errors: &[FileError], w: &mut dyn Write) -> io::Result<()> {
        for e in errors {
            writeln!(
                w,
                "::error file={},title=unreadable::{}",
                escape_property(&e.path),
                escape_data(&e.message)
            )?;
        }
        Ok(())
    }
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
