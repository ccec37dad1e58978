//! `--format json`: one document for the whole run, in a stable order. Schema: README, "JSON output".
//! `--format jsonl`: the same diagnostic objects, one a line. Columns count code points.

use super::{Emitter, FileError, FileReport, Summary};
use crate::diagnostic::{Diagnostic, Label};
use crate::fix::Fix;
use crate::source::{ColumnUnit, Position, Source};
use crate::span::Span;
use serde::Serialize;
use std::io::{self, Write};

/// The version of the JSON schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Writes one JSON document after all files are checked.
#[derive(Debug, Default)]
pub struct Json;

/// Writes one JSON object a finding, one a line (JSON Lines), each the shape of an element of the
/// JSON document's `diagnostics`. Unreadable files and the summary are not written: the caller
/// names unreadable files on stderr and the exit code tells the rest.
#[derive(Debug, Default)]
pub struct JsonLines;

impl Emitter for JsonLines {
    fn emit(
        &mut self,
        reports: &[FileReport],
        _errors: &[FileError],
        _summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut w = io::BufWriter::with_capacity(1 << 16, out);
        for r in reports {
            self.write_file(r, &mut w)?;
        }
        w.flush()
    }
}

impl JsonLines {
    /// Writes one story's findings, one a line.
    pub fn write_file(&self, r: &FileReport, w: &mut dyn Write) -> io::Result<()> {
        for d in &r.diagnostics {
            serde_json::to_writer(&mut *w, &diagnostic(&r.source, d))?;
            writeln!(w)?;
        }
        Ok(())
    }
}

/// Writes what follows `diagnostics` in the JSON document, as an object of its own
/// (pretty-printed) without its opening brace: written as it is serialised, not held whole (it
/// names every dated story of the run).
pub(super) fn write_tail_pretty(
    anchors: &[super::stream::FileAnchor],
    errors: &[FileError],
    s: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let tail = Tail {
        anchors: anchors
            .iter()
            .map(|a| JsonAnchor {
                path: &a.path,
                path_bytes: a.path_bytes.as_deref(),
                anchor: &a.anchor,
            })
            .collect(),
        errors: json_errors(errors),
        summary: JsonSummary::of(s),
    };
    let mut w = SkipFirst { out, skip: true };
    serde_json::to_writer_pretty(&mut w, &tail).map_err(io::Error::other)
}

/// A writer that drops the first byte written to it.
struct SkipFirst<'w> {
    out: &'w mut dyn Write,
    skip: bool,
}

impl Write for SkipFirst<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.skip && !buf.is_empty() {
            // The byte counts as dropped only once the rest is written: a write that fails
            // (or is interrupted and retried) sees the same first byte again.
            let n = if buf.len() > 1 {
                self.out.write(&buf[1..])?
            } else {
                0
            };
            self.skip = false;
            return Ok(1 + n);
        }
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The fields of [`Document`] after `diagnostics`, in its order.
#[derive(Serialize)]
struct Tail<'a> {
    anchors: Vec<JsonAnchor<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
}

fn json_errors(errors: &[FileError]) -> Vec<JsonError<'_>> {
    errors
        .iter()
        .map(|e| JsonError {
            path: &e.path,
            path_bytes: e.path_bytes.as_deref(),
            message: &e.message,
        })
        .collect()
}

impl JsonSummary {
    fn of(s: &Summary) -> JsonSummary {
        JsonSummary {
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            files: s.files,
            files_with_findings: s.files_with_findings,
            unreadable: s.unreadable,
            skipped: s.skipped,
            excluded: s.excluded,
            baselined: s.baselined,
            unchanged: s.unchanged,
        }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// The date each dated story was read from, by path.
    anchors: Vec<JsonAnchor<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
    files_with_findings: usize,
    unreadable: usize,
    skipped: usize,
    excluded: usize,
    baselined: usize,
    unchanged: usize,
}

#[derive(Serialize)]
struct JsonAnchor<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes: Option<&'a [u8]>,
    #[serde(flatten)]
    anchor: &'a super::Anchor,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes: Option<&'a [u8]>,
    message: &'a str,
}

#[derive(Serialize)]
struct Located<'a> {
    message: &'a str,
    span: Span,
    start: Position,
    end: Position,
}

#[derive(Serialize)]
pub(super) struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    path: &'a str,
    /// The name's exact bytes, when `path` shows them escaped (not UTF-8, control characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes: Option<&'a [u8]>,
    span: Span,
    start: Position,
    end: Position,
    label: &'a str,
    secondary: Vec<Located<'a>>,
    notes: &'a [String],
    fix: Option<&'a Fix>,
}

fn locate<'a>(source: &Source, label: &'a Label) -> Located<'a> {
    Located {
        message: &label.message,
        span: label.span,
        start: source.position(label.span.start, ColumnUnit::CodePoint),
        end: source.position(label.span.end, ColumnUnit::CodePoint),
    }
}

pub(super) fn diagnostic<'a>(source: &'a Source, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let primary = locate(source, &d.primary);
    JsonDiagnostic {
        rule: &d.rule,
        severity: d.severity.name(),
        message: &d.message,
        path: &source.name,
        path_bytes: source.name_bytes.as_deref(),
        span: d.primary.span,
        start: primary.start,
        end: primary.end,
        label: &d.primary.message,
        secondary: d.secondary.iter().map(|l| locate(source, l)).collect(),
        notes: &d.notes,
        fix: d.fix.as_ref(),
    }
}

impl Emitter for Json {
    fn emit(
        &mut self,
        reports: &[FileReport],
        errors: &[FileError],
        s: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let doc = Document {
            version: SCHEMA_VERSION,
            diagnostics: reports
                .iter()
                .flat_map(|r| r.diagnostics.iter().map(|d| diagnostic(&r.source, d)))
                .collect(),
            anchors: reports
                .iter()
                .filter_map(|r| {
                    r.anchor.as_ref().map(|anchor| JsonAnchor {
                        path: &r.source.name,
                        path_bytes: r.source.name_bytes.as_deref(),
                        anchor,
                    })
                })
                .collect(),
            errors: json_errors(errors),
            summary: JsonSummary::of(s),
        };
        // Pretty JSON is many short lines and stdout is line-buffered: one write per 64 KiB, not
        // per line (on the 12,673-story corpus the unbuffered writes alone cost over a second).
        let mut w = io::BufWriter::with_capacity(1 << 16, out);
        serde_json::to_writer_pretty(&mut w, &doc)?;
        writeln!(w)?;
        w.flush()
    }
}
