//! `--format checkstyle`: Checkstyle's XML report, read by Jenkins, GitLab, reviewdog and many
//! dashboards. Every checked file gets a `<file>` element (an empty one when clean); each finding an
//! `<error line column severity message source>`, `source` being the rule id. Columns count code
//! points. Severities are `error`, `warning` and `info`.

use super::{FileAnchor, FileError, FileReport, StreamEmitter, Summary};
use crate::source::ColumnUnit;
use std::io::{self, Write};

/// Checkstyle XML.
#[derive(Debug, Default)]
pub struct Checkstyle;

/// Escapes text for a double-quoted XML attribute value. White space that attribute-value
/// normalisation would fold is written as character references; characters XML 1.0 cannot carry
/// at all become U+FFFD.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

impl StreamEmitter for Checkstyle {
    fn begin(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(out, r#"<checkstyle version="4.3">"#)
    }

    fn file(&self, _number: usize, r: &FileReport) -> Vec<u8> {
        let mut w = Vec::new();
        let name = escape_xml(&r.source.name);
        if r.diagnostics.is_empty() {
            let _ = writeln!(w, r#"  <file name="{name}"/>"#);
            return w;
        }
        let _ = writeln!(w, r#"  <file name="{name}">"#);
        for d in &r.diagnostics {
            let at = r
                .source
                .position(d.primary.span.start, ColumnUnit::CodePoint);
            let _ = writeln!(
                w,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="{}"/>"#,
                at.line,
                at.column,
                d.severity.name(),
                escape_xml(&d.message),
                escape_xml(&d.rule)
            );
        }
        let _ = writeln!(w, "  </file>");
        w
    }

    fn finish(
        &self,
        _wrote: bool,
        _anchors: &[FileAnchor],
        _errors: &[FileError],
        _summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        writeln!(out, "</checkstyle>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_control_characters() {
        assert_eq!(
            escape_xml("R&D <b>\"it's\"</b>\n\u{1}é"),
            "R&amp;D &lt;b&gt;&quot;it's&quot;&lt;/b&gt;&#10;\u{fffd}é"
        );
    }
}
