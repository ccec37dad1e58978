//! Output formats. An emitter turns finished reports into bytes; rules know nothing of it.

mod checkstyle;
mod concise;
mod github;
mod html;
mod human;
mod json;
mod rdjson;
mod sarif;
mod stream;

pub use crate::batch::{Anchor, FileError, FileReport};
pub use checkstyle::Checkstyle;
pub use concise::Concise;
pub use github::{Github, GithubSummarised};
pub use html::{Html, HtmlPage};
pub use human::{Human, render_config_errors, render_config_warnings};
pub use json::{Json, JsonLines, SCHEMA_VERSION as JSON_SCHEMA_VERSION};
pub use rdjson::Rdjson;
pub use sarif::Sarif;
pub use stream::{FileAnchor, StreamEmitter, Streamed, write_pieces, write_whole};

use crate::diagnostic::Severity;
use crate::source::{ColumnUnit, Position, Source};
use crate::span::Span;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The tool's name in machine-readable reports.
pub const TOOL_NAME: &str = "copydesk";

/// The tool's version in machine-readable reports.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where to learn about the tool: the package's homepage or repository once Cargo.toml names one,
/// else its page on crates.io.
pub const TOOL_URI: &str = match option_env!("CARGO_PKG_HOMEPAGE") {
    Some(uri) if !uri.is_empty() => uri,
    _ => match option_env!("CARGO_PKG_REPOSITORY") {
        Some(uri) if !uri.is_empty() => uri,
        _ => "https://crates.io/crates/copydesk",
    },
};

/// What a report says about a rule itself, for the formats that describe their rules (SARIF) or
/// link to them (rdjson). Filled in by the caller from the rules in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDoc {
    /// The severity the rule is configured with.
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: String,
    /// Why the rule exists (may be empty).
    pub why: String,
    /// A reference, if the rule has one.
    pub link: Option<String>,
}

/// Rule documentation by rule id.
pub type RuleDocs = BTreeMap<String, RuleDoc>;

/// Totals for the summary line and exit code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// Files checked.
    pub files: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Files that could not be checked: unreadable, or whose check failed.
    pub unreadable: usize,
    /// Documents of other types found in folders and not checked.
    pub skipped: usize,
    /// Stories a config's `exclude` names, not checked.
    pub excluded: usize,
    /// Findings left out because a baseline records them (`--baseline`).
    pub baselined: usize,
    /// Findings left out because their lines did not change (`--since`).
    pub unchanged: usize,
}

impl Summary {
    /// Counts the findings of all reports.
    pub fn of(reports: &[FileReport], errors: &[FileError]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            unreadable: errors.len(),
            ..Summary::default()
        };
        for r in reports {
            if !r.diagnostics.is_empty() {
                s.files_with_findings += 1;
            }
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
            }
        }
        s
    }

    /// The count of findings at or above a severity.
    pub fn at_least(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.errors + self.warnings,
            Severity::Info => self.errors + self.warnings + self.infos,
        }
    }
}

/// Writes reports in one output format.
pub trait Emitter {
    /// Writes every report (already in order), the unreadable files and the summary.
    fn emit(
        &mut self,
        reports: &[FileReport],
        errors: &[FileError],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// `value` pretty-printed, every line after the first moved right by `indent` spaces (a JSON
/// string never holds a raw line break, so only structure lines move).
pub(crate) fn indented(value: &impl serde::Serialize, indent: usize) -> Vec<u8> {
    let pretty = serde_json::to_vec_pretty(value).unwrap_or_default();
    let mut out = Vec::with_capacity(pretty.len());
    for (i, line) in pretty.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.resize(out.len() + indent, b' ');
        }
        out.extend_from_slice(line);
    }
    out
}

/// The elements of a JSON array nested `indent` spaces deep, pretty-printed: each on a line of
/// its own after a comma (none before the first), without the array's brackets.
pub(crate) fn json_elements<T: serde::Serialize>(
    items: impl IntoIterator<Item = T>,
    indent: usize,
) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_json_elements(items, indent, &mut out);
    out
}

/// [`json_elements`] written to `out` element by element, never held whole.
/// One story's findings as elements of a streamed JSON array: nothing for a story with none;
/// else the array's separator first when an earlier story wrote elements (`after`), then the
/// elements. Returns whether it wrote any.
pub(crate) fn write_story_elements<T: serde::Serialize>(
    empty: bool,
    after: bool,
    items: impl IntoIterator<Item = T>,
    indent: usize,
    out: &mut dyn Write,
) -> io::Result<bool> {
    if empty {
        return Ok(false);
    }
    if after {
        out.write_all(b",")?;
    }
    write_json_elements(items, indent, out)?;
    Ok(true)
}

pub(crate) fn write_json_elements<T: serde::Serialize>(
    items: impl IntoIterator<Item = T>,
    indent: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let pad = vec![b' '; indent];
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        out.write_all(&pad)?;
        out.write_all(&indented(&item, indent))?;
    }
    Ok(())
}

/// Stories with this many findings or more have them rendered on rayon's pool, by chunks of
/// [`ELEMENT_CHUNK`], and written in order: a long story's findings are not left to one thread.
const PARALLEL_ELEMENTS: usize = 4096;
const ELEMENT_CHUNK: usize = 1024;
/// Chunks rendered side by side before they are written.
const ELEMENT_WINDOW: usize = 16;

/// [`write_json_elements`] of `to` applied to each of `items`, the same bytes; many items are
/// rendered side by side (see [`PARALLEL_ELEMENTS`]).
pub(crate) fn write_json_elements_of<'a, D: Sync, T: serde::Serialize>(
    items: &'a [D],
    to: impl Fn(&'a D) -> T + Sync,
    indent: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    use rayon::prelude::*;
    if items.len() < PARALLEL_ELEMENTS {
        return write_json_elements(items.iter().map(to), indent, out);
    }
    let pad = vec![b' '; indent];
    let mut first = true;
    // A window of chunks at a time is rendered and written before the next is rendered: a long
    // story's output (three times the story) is never held whole.
    for window in items.chunks(ELEMENT_CHUNK * ELEMENT_WINDOW) {
        let parts: Vec<Vec<u8>> = window
            .par_chunks(ELEMENT_CHUNK)
            .map(|chunk| {
                let mut part = Vec::new();
                for item in chunk {
                    part.extend_from_slice(b",\n");
                    part.extend_from_slice(&pad);
                    part.extend_from_slice(&indented(&to(item), indent));
                }
                part
            })
            .collect();
        // Every element was rendered after a comma; the first has none.
        for part in &parts {
            out.write_all(if first { &part[1..] } else { part })?;
            first = false;
        }
    }
    Ok(())
}

/// The start and end of a span in one column unit. A span that ends just after a line ending ends,
/// for display, at the end of that line, so that one-line findings stay on one line.
pub fn region(source: &Source, span: Span, unit: ColumnUnit) -> (Position, Position) {
    let covered = source.slice(span);
    let trimmed = covered.trim_end_matches(['\n', '\r']);
    let end = if trimmed.is_empty() {
        span.end
    } else {
        span.start + trimmed.len()
    };
    (
        source.position(span.start, unit),
        source.position(end, unit),
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "2 errors, 1 warning and 3 infos in 2 files (5 files checked)".
pub fn summary_line(s: &Summary) -> String {
    let checked = plural(s.files, "file");
    let mut line = if s.errors + s.warnings + s.infos == 0 {
        format!("no findings in {checked}")
    } else {
        let mut parts = vec![plural(s.errors, "error"), plural(s.warnings, "warning")];
        if s.infos > 0 {
            parts.push(plural(s.infos, "info"));
        }
        let last = parts.pop().unwrap_or_default();
        format!(
            "{} and {last} in {} ({checked} checked)",
            parts.join(", "),
            plural(s.files_with_findings, "file")
        )
    };
    if s.unreadable > 0 {
        line.push_str(&format!(
            "; {} could not be checked",
            plural(s.unreadable, "file")
        ));
    }
    line.push_str(&skipped_line(s));
    line
}

/// "; 2 files of other types skipped; 1 excluded by config", or nothing.
pub fn skipped_line(s: &Summary) -> String {
    let mut line = String::new();
    if s.skipped > 0 {
        let what = if s.skipped == 1 {
            "1 file of another type skipped".to_string()
        } else {
            format!("{} files of other types skipped", s.skipped)
        };
        line.push_str(&format!("; {what}"));
    }
    if s.excluded > 0 {
        line.push_str(&format!(
            "; {} excluded by config",
            plural(s.excluded, "story").replace("storys", "stories")
        ));
    }
    if s.baselined > 0 {
        line.push_str(&format!(
            "; {} in the baseline not shown",
            plural(s.baselined, "finding")
        ));
    }
    if s.unchanged > 0 {
        line.push_str(&format!(
            "; {} on unchanged lines not shown",
            plural(s.unchanged, "finding")
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many findings, rendered side by side, give the bytes one thread writes: commas between
    /// elements only, in order, across the chunks' seams.
    #[test]
    fn elements_rendered_side_by_side_are_those_written_in_turn() {
        for n in [
            0,
            1,
            PARALLEL_ELEMENTS - 1,
            PARALLEL_ELEMENTS,
            3 * ELEMENT_CHUNK + 4000,
        ] {
            let items: Vec<usize> = (0..n).collect();
            let to = |i: &usize| BTreeMap::from([("at", *i), ("twice", 2 * i)]);
            let mut apart = Vec::new();
            write_json_elements_of(&items, to, 4, &mut apart).unwrap();
            let mut in_turn = Vec::new();
            write_json_elements(items.iter().map(to), 4, &mut in_turn).unwrap();
            assert_eq!(apart, in_turn, "{n} elements");
        }
    }
}
