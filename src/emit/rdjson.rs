//! `--format rdjson`: reviewdog's Diagnostic Format (`DiagnosticResult` as JSON), for
//! `reviewdog -f=rdjson`. Columns count UTF-8 bytes from the start of the line (a BOM is not
//! counted), as reviewdog expects; ranges end exclusively. A finding's fix becomes `suggestions`,
//! one a replaced span, which reviewdog can post as suggested changes.

use super::{
    FileAnchor, FileError, FileReport, RuleDocs, StreamEmitter, Summary, TOOL_NAME, TOOL_URI,
    indented, json_elements, region,
};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{ColumnUnit, Position, Source};
use crate::span::Span;
use serde::Serialize;
use std::io::{self, Write};

/// reviewdog's rdjson.
#[derive(Debug, Default)]
pub struct Rdjson {
    /// The rules' documentation, for each code's `url`.
    pub rules: RuleDocs,
}

#[derive(Serialize)]
struct ToolSource {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct RdDiagnostic<'a> {
    message: &'a str,
    location: Location<'a>,
    severity: &'static str,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

fn range(source: &Source, span: Span) -> Range {
    let (start, end) = region(source, span, ColumnUnit::Utf8);
    Range { start, end }
}

/// An edit's range is exact: a deleted line ending is part of what it replaces.
fn exact_range(source: &Source, span: Span) -> Range {
    Range {
        start: source.position(span.start, ColumnUnit::Utf8),
        end: source.position(span.end, ColumnUnit::Utf8),
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

impl Rdjson {
    fn diagnostic<'a>(&'a self, source: &'a Source, d: &'a Diagnostic) -> RdDiagnostic<'a> {
        RdDiagnostic {
            message: &d.message,
            location: Location {
                path: &source.name,
                range: range(source, d.primary.span),
            },
            severity: severity(d.severity),
            code: Code {
                value: &d.rule,
                url: self.rules.get(&d.rule).and_then(|r| r.link.as_deref()),
            },
            suggestions: d
                .fix
                .iter()
                .flat_map(|f| &f.edits)
                .map(|e| Suggestion {
                    range: exact_range(source, e.span),
                    text: &e.replacement,
                })
                .collect(),
        }
    }
}

impl StreamEmitter for Rdjson {
    fn begin(&self, out: &mut dyn Write) -> io::Result<()> {
        let source = ToolSource {
            name: TOOL_NAME,
            url: TOOL_URI,
        };
        out.write_all(b"{\n  \"source\": ")?;
        out.write_all(&indented(&source, 2))?;
        out.write_all(b",\n  \"diagnostics\": [")
    }

    fn file(&self, _number: usize, r: &FileReport) -> Vec<u8> {
        json_elements(
            r.diagnostics.iter().map(|d| self.diagnostic(&r.source, d)),
            4,
        )
    }

    fn separator(&self) -> &'static [u8] {
        b","
    }

    fn finish(
        &self,
        wrote: bool,
        _anchors: &[FileAnchor],
        _errors: &[FileError],
        _summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        out.write_all(if wrote { b"\n  ]\n}\n" } else { b"]\n}\n" })
    }
}
