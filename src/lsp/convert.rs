//! Positions at the edge. Inside copydesk every position is a byte offset; the protocol counts a
//! line and a column in the unit negotiated at `initialize` (UTF-8 bytes when the client offers
//! them, UTF-16 code units otherwise). This module converts both ways and turns findings and
//! config errors into protocol diagnostics.
//!
//! Lines are counted as the protocol counts them: `\n`, `\r\n` and a lone `\r` each end a line, and
//! a byte order mark the client sent is text like any other. That is why this is not
//! [`crate::source::LineIndex`], which counts lines and columns the way people read a report.

use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use gen_lsp_types as lsp;
use std::collections::HashMap;

/// The unit in which the protocol's columns (`character`) are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units: bytes.
    Utf8,
    /// UTF-16 code units: the protocol's default, which every client understands.
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (`general.positionEncodings`), UTF-16 otherwise.
    pub fn negotiate(offered: &[String]) -> Encoding {
        if offered.iter().any(|e| e == "utf-8") {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The protocol's name for the encoding.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }

    fn count(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.chars().map(char::len_utf16).sum(),
        }
    }
}

/// The byte offset where each line of a text starts, for converting positions.
#[derive(Clone, Debug)]
pub struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineMap {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineMap { starts }
    }

    /// Byte range of 0-based line `line`, without its line ending.
    fn line(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// The byte offset where 0-based line `line` starts (the end of the text past the last line).
    pub fn line_start(&self, text: &str, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(text.len())
    }

    /// The 0-based line holding a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The protocol position of a byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> lsp::Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        lsp::Position {
            line: to_u32(line),
            character: to_u32(encoding.count(&text[start..offset])),
        }
    }

    /// The protocol range of a byte span.
    pub fn range(&self, text: &str, span: Span, encoding: Encoding) -> lsp::Range {
        lsp::Range {
            start: self.position(text, span.start, encoding),
            end: self.position(text, span.end, encoding),
        }
    }

    /// The byte offset of a protocol position. As the protocol says, a column past the end of its
    /// line means the end of the line, and a line past the end of the text means the end of the
    /// text; a column inside a character (half of a UTF-16 surrogate pair) means its start.
    pub fn offset(&self, text: &str, position: lsp::Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let span = self.line(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in text[span.range()].char_indices() {
            let next = units + encoding.units(c);
            if next > wanted {
                return span.start + i;
            }
            units = next;
        }
        span.end
    }

    /// The byte span of a protocol range (its ends in order).
    pub fn span(&self, text: &str, range: lsp::Range, encoding: Encoding) -> Span {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        Span::new(a.min(b), a.max(b))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Applies one `didChange` content change to a text: a whole new text, or a range replaced.
pub fn apply_change(
    text: &mut String,
    change: lsp::TextDocumentContentChangeEvent,
    encoding: Encoding,
) {
    match change {
        lsp::TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(whole) => {
            *text = whole.text;
        }
        lsp::TextDocumentContentChangeEvent::TextDocumentContentChangePartial(part) => {
            let span = LineMap::new(text).span(text, part.range, encoding);
            text.replace_range(span.range(), &part.text);
        }
    }
}

/// The protocol severity of a finding's severity.
pub fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::Error,
        Severity::Warning => lsp::DiagnosticSeverity::Warning,
        Severity::Info => lsp::DiagnosticSeverity::Information,
    }
}

/// A text and what is needed to place positions in it.
pub struct Placed<'a> {
    /// The document's URI, for related information.
    pub uri: &'a str,
    /// Its text, as the diagnostics' spans index it.
    pub text: &'a str,
    /// Its lines.
    pub lines: &'a LineMap,
    /// The negotiated unit.
    pub encoding: Encoding,
}

impl Placed<'_> {
    /// The protocol range of a span of this text.
    pub fn range(&self, span: Span) -> lsp::Range {
        self.lines.range(self.text, span, self.encoding)
    }
}

/// A finding as the protocol shows it: `code` is the rule id, `codeDescription` its link (when the
/// rule has one), secondary labels become related information in the same document.
pub fn diagnostic(
    d: &Diagnostic,
    at: &Placed<'_>,
    links: &HashMap<String, String>,
) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    let fix_description = d.fix.as_ref().map(|f| f.description.as_str());
    if !d.primary.message.is_empty() && Some(d.primary.message.as_str()) != fix_description {
        message.push('\n');
        message.push_str(&d.primary.message);
    }
    for note in &d.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|label| lsp::DiagnosticRelatedInformation {
            location: lsp::Location {
                uri: lsp::Uri(at.uri.to_string()),
                range: at.range(label.span),
            },
            message: if label.message.is_empty() {
                "related".to_string()
            } else {
                label.message.clone()
            },
        })
        .collect();
    lsp::Diagnostic {
        range: at.range(d.primary.span),
        severity: Some(severity(d.severity)),
        code: Some(lsp::Code::String(d.rule.clone())),
        code_description: links.get(&d.rule).map(|href| lsp::CodeDescription {
            href: lsp::Uri(href.clone()),
        }),
        source: Some("copydesk".to_string()),
        message: lsp::Message::String(message),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// A configuration problem as a diagnostic over the TOML file.
pub fn config_problem(e: &ConfigError, severity: Severity, at: &Placed<'_>) -> lsp::Diagnostic {
    let mut message = e.message.clone();
    if !e.label.is_empty() {
        message.push('\n');
        message.push_str(&e.label);
    }
    for note in &e.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    if severity == Severity::Error {
        message.push_str("\nnote: documents under this config are checked with the built-in rules until it is fixed");
    }
    lsp::Diagnostic {
        range: at.range(e.span.unwrap_or_default()),
        severity: Some(self::severity(severity)),
        code: Some(lsp::Code::String("config".to_string())),
        source: Some("copydesk".to_string()),
        message: lsp::Message::String(message),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position { line, character }
    }

    #[test]
    fn columns_count_in_the_negotiated_unit() {
        // Curly quotes (3 bytes, 1 unit), an accent (2 bytes, 1 unit), an emoji (4 bytes, 2 units).
        let text = "Headline\n\u{201c}Café 😀\u{201d} TK here\n";
        let lines = LineMap::new(text);
        let tk = text.find("TK").unwrap();
        assert_eq!(lines.position(text, tk, Encoding::Utf16), pos(1, 10));
        assert_eq!(lines.position(text, tk, Encoding::Utf8), pos(1, 17));
        assert_eq!(lines.offset(text, pos(1, 10), Encoding::Utf16), tk);
        assert_eq!(lines.offset(text, pos(1, 17), Encoding::Utf8), tk);
        // Half of the emoji's surrogate pair is the emoji's start.
        let emoji = text.find('😀').unwrap();
        assert_eq!(lines.offset(text, pos(1, 7), Encoding::Utf16), emoji);
        // Past the end of a line is its end; past the last line is the end of the text.
        assert_eq!(lines.offset(text, pos(0, 99), Encoding::Utf16), 8);
        assert_eq!(lines.offset(text, pos(9, 0), Encoding::Utf16), text.len());
    }

    #[test]
    fn every_line_ending_ends_a_line_and_a_bom_is_a_character() {
        let text = "\u{feff}a\r\nb\rc\nd";
        let lines = LineMap::new(text);
        assert_eq!(
            lines.position(text, text.find('a').unwrap(), Encoding::Utf16),
            pos(0, 1)
        );
        assert_eq!(
            lines.position(text, text.find('b').unwrap(), Encoding::Utf16),
            pos(1, 0)
        );
        assert_eq!(
            lines.position(text, text.find('c').unwrap(), Encoding::Utf16),
            pos(2, 0)
        );
        assert_eq!(
            lines.position(text, text.find('d').unwrap(), Encoding::Utf16),
            pos(3, 0)
        );
        assert_eq!(
            lines.offset(text, pos(0, 5), Encoding::Utf16),
            text.find('\r').unwrap()
        );
    }

    #[test]
    fn incremental_changes_replace_ranges() {
        let mut text = "Le café 😀 est TK.\nSecond line\n".to_string();
        let change = |start, end, new: &str| {
            lsp::TextDocumentContentChangeEvent::TextDocumentContentChangePartial(
                lsp::TextDocumentContentChangePartial {
                    range: lsp::Range { start, end },
                    text: new.to_string(),
                    ..Default::default()
                },
            )
        };
        // UTF-16: "Le café 😀 est " is 15 units.
        apply_change(
            &mut text,
            change(pos(0, 15), pos(0, 17), "prêt"),
            Encoding::Utf16,
        );
        assert_eq!(text, "Le café 😀 est prêt.\nSecond line\n");
        // UTF-8: "Le café 😀 est prêt" is 23 bytes.
        apply_change(
            &mut text,
            change(pos(0, 23), pos(1, 6), "!"),
            Encoding::Utf8,
        );
        assert_eq!(text, "Le café 😀 est prêt! line\n");
        apply_change(
            &mut text,
            lsp::TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(
                lsp::TextDocumentContentChangeWholeDocument {
                    text: "new".to_string(),
                },
            ),
            Encoding::Utf16,
        );
        assert_eq!(text, "new");
    }
}
