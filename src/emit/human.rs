//! Compiler-style reports drawn by codespan-reporting.
//!
//! codespan prints whole source lines, and a news paragraph is often one line of 600 characters.
//! [`Window`] implements codespan's `Files` over just the lines a diagnostic touches, each cut to a
//! window of about [`WIDTH`] columns around its labels, while `line_number` and `column_number`
//! still report the true position in the file.

use super::{Emitter, FileError, FileReport, Summary, summary_line};
use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::{Applicability, Fix};
use crate::source::{ColumnUnit, Source};
use crate::span::Span;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files, SimpleFile};
use codespan_reporting::term::{self, Config, termcolor::Buffer};
use rayon::prelude::*;
use std::io::{self, Write};
use std::ops::Range;

/// The widest source line shown, in characters.
pub const WIDTH: usize = 100;
const ELLIPSIS: &str = "…";

/// Human-readable output.
#[derive(Debug)]
pub struct Human {
    /// Write ANSI colours.
    pub color: bool,
}

impl Human {
    fn buffer(&self) -> Buffer {
        if self.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        }
    }

    /// Renders one file's findings.
    pub fn render(&self, report: &FileReport) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = self.write_render(report, &mut out);
        out
    }

    /// [`Human::render`] written to `out` finding by finding, never held whole.
    pub fn write_render(&self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let config = Config::default();
        for d in &report.diagnostics {
            let mut buf = self.buffer();
            let window = Window::new(&report.source, d);
            let diag = window.diagnostic(d);
            // Rendering into memory cannot fail for a well-formed window.
            let _ = term::emit_to_write_style(&mut buf, &config, &window, &diag);
            let mut bytes = buf.into_inner();
            if d.severity == Severity::Info {
                name_info(&mut bytes);
            }
            out.write_all(&bytes)?;
        }
        Ok(())
    }
}

impl Emitter for Human {
    fn emit(
        &mut self,
        reports: &[FileReport],
        errors: &[FileError],
        s: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let rendered: Vec<Vec<u8>> = reports.par_iter().map(|r| self.render(r)).collect();
        for bytes in rendered {
            out.write_all(&bytes)?;
        }
        // Unreadable files are reported on stderr by the caller; the summary counts them.
        let _ = errors;
        writeln!(out, "{}", summary_line(s))
    }
}

/// codespan has no severity named `info`: an info finding is drawn as its `note`, and the name in
/// the header (the first `note` of the rendering: it comes before any text of the finding, and
/// colour codes never spell it) is rewritten to `info`, the name the flags, configs and JSON use. Both names
/// have four letters, so nothing else moves.
fn name_info(rendered: &mut [u8]) {
    if let Some(i) = rendered.windows(4).position(|w| w == b"note") {
        rendered[i..i + 4].copy_from_slice(b"info");
    }
}

/// Renders configuration errors over the TOML text they were found in.
pub fn render_config_errors(
    name: &str,
    text: &str,
    errors: &[ConfigError],
    color: bool,
) -> Vec<u8> {
    render_config_problems(name, text, errors, color, cs::Severity::Error)
}

/// Config warnings (a deprecated rule id), drawn over the TOML like errors.
pub fn render_config_warnings(
    name: &str,
    text: &str,
    warnings: &[ConfigError],
    color: bool,
) -> Vec<u8> {
    render_config_problems(name, text, warnings, color, cs::Severity::Warning)
}

fn render_config_problems(
    name: &str,
    text: &str,
    errors: &[ConfigError],
    color: bool,
    severity: cs::Severity,
) -> Vec<u8> {
    let file = SimpleFile::new(name, text);
    let mut buf = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for e in errors {
        let mut diag = cs::Diagnostic::new(severity)
            .with_message(&e.message)
            .with_notes(e.notes.clone());
        if let Some(span) = e.span {
            let span = span.start.min(text.len())..span.end.min(text.len());
            diag = diag.with_labels(vec![cs::Label::primary((), span).with_message(&e.label)]);
        }
        let _ = term::emit_to_write_style(&mut buf, &Config::default(), &file, &diag);
    }
    buf.into_inner()
}

/// One shown line: where its window sits in the file and in the synthetic text.
struct ShownLine {
    /// 0-based line in the file.
    line: usize,
    /// The part of the line shown.
    window: Span,
    /// Where the line starts in the synthetic text.
    base: usize,
    /// Bytes of ellipsis before the window's text.
    lead: usize,
    /// The synthetic line's range, without its newline.
    range: Range<usize>,
}

/// The lines one diagnostic touches, windowed, as a codespan `Files`.
struct Window<'a> {
    source: &'a Source,
    text: String,
    lines: Vec<Option<ShownLine>>,
}

impl<'a> Window<'a> {
    fn new(source: &'a Source, d: &Diagnostic) -> Self {
        let index = &source.line_index;
        let text = source.text.as_str();
        let mut per_line: Vec<(usize, Span)> = std::iter::once(&d.primary)
            .chain(&d.secondary)
            .map(|l| {
                let span = clamp(text, l.span);
                let line = index.line_of(span.start);
                (line, span)
            })
            .collect();
        per_line.sort();
        let mut window = Window {
            source,
            text: String::new(),
            lines: Vec::new(),
        };
        let mut i = 0;
        let mut previous: Option<usize> = None;
        while i < per_line.len() {
            let line = per_line[i].0;
            let mut spans = Vec::new();
            while i < per_line.len() && per_line[i].0 == line {
                spans.push(per_line[i].1);
                i += 1;
            }
            if let Some(p) = previous
                && line > p + 1
            {
                // Two empty synthetic lines make codespan draw a break (`·`) between distant lines.
                window.push_gap();
                window.push_gap();
            }
            previous = Some(line);
            let full = Span::new(
                index.line_start(text, line),
                index.line_span(text, line).end,
            );
            // Labels far apart on one long line get a window each (the line is shown once per
            // window), so that every label starts inside a window and keeps its true column.
            for cluster in clusters(source, &spans) {
                let lo = cluster
                    .iter()
                    .map(|s| s.start)
                    .min()
                    .unwrap_or(full.start)
                    .max(full.start);
                let hi = cluster
                    .iter()
                    .map(|s| s.end.min(full.end))
                    .max()
                    .unwrap_or(lo)
                    .max(lo);
                window.push_line(line, full, cut(text, full, lo, hi));
            }
        }
        window
    }

    fn push_gap(&mut self) {
        self.text.push('\n');
        self.lines.push(None);
    }

    fn push_line(&mut self, line: usize, full: Span, window: Span) {
        let base = self.text.len();
        let mut lead = 0;
        if window.start > full.start {
            self.text.push_str(ELLIPSIS);
            lead = ELLIPSIS.len();
        }
        self.text.push_str(&self.source.text[window.range()]);
        if window.end < full.end {
            self.text.push_str(ELLIPSIS);
        }
        let end = self.text.len();
        self.text.push('\n');
        self.lines.push(Some(ShownLine {
            line,
            window,
            base,
            lead,
            range: base..end,
        }));
    }

    /// The shown line that holds a byte offset of the file: the first window of its line that
    /// contains it, else the first window of its line, else the first shown line.
    fn shown(&self, offset: usize) -> &ShownLine {
        let line = self.source.line_index.line_of(offset);
        let mut of_line = self.lines.iter().flatten().filter(|l| l.line == line);
        of_line
            .clone()
            .find(|l| l.window.start <= offset && offset <= l.window.end)
            .or_else(|| of_line.next())
            .or_else(|| self.lines.iter().flatten().next())
            .expect("a window shows at least one line")
    }

    /// Maps a span of the file to the synthetic text: its start in the window that shows it, its
    /// end clipped to that same window (a label running past its first line is drawn to the end
    /// of the window).
    fn range(&self, span: Span) -> Range<usize> {
        let shown = self.shown(span.start);
        let at = |offset: usize| {
            let offset = offset.clamp(shown.window.start, shown.window.end);
            shown.base + shown.lead + (offset - shown.window.start)
        };
        let start = at(span.start);
        start..at(span.end).max(start)
    }

    fn diagnostic(&self, d: &Diagnostic) -> cs::Diagnostic<()> {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
            Severity::Info => cs::Severity::Note,
        };
        let mut labels = vec![
            cs::Label::primary((), self.range(d.primary.span)).with_message(&d.primary.message),
        ];
        labels.extend(
            d.secondary
                .iter()
                .map(|l| cs::Label::secondary((), self.range(l.span)).with_message(&l.message)),
        );
        let mut notes = d.notes.clone();
        if let Some(fix) = &d.fix {
            notes.push(help(&self.source.text, fix));
        }
        cs::Diagnostic::new(severity)
            .with_code(&d.rule)
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes)
    }
}

/// A fix as a `help:` line: `replace "…" with "…"` or `delete "…"` for each edit, and how sure it
/// is when it is not safe.
fn help(text: &str, fix: &Fix) -> String {
    let quote = |s: &str| format!("\"{}\"", shorten(s));
    let edits: Vec<String> = fix
        .edits
        .iter()
        .map(|e| {
            let old = &text[clamp(text, e.span).range()];
            if e.replacement.is_empty() {
                format!("delete {}", quote(old))
            } else if old.is_empty() {
                format!("insert {}", quote(&e.replacement))
            } else {
                format!("replace {} with {}", quote(old), quote(&e.replacement))
            }
        })
        .collect();
    let mut line = format!("help: {}", edits.join("; "));
    match fix.applicability {
        Applicability::Safe => {}
        Applicability::Unsafe => line.push_str(" (unsafe fix: applied with --unsafe-fixes)"),
        Applicability::Suggestion => line.push_str(" (suggestion: never applied)"),
    }
    line
}

/// Text quoted in a `help:` line: white space folded, and a long text cut after a word, at
/// about [`HELP_QUOTE`] characters.
fn shorten(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= HELP_QUOTE + 10 {
        return flat;
    }
    let cut: String = flat.chars().take(HELP_QUOTE).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > HELP_QUOTE / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}{ELLIPSIS}", cut.trim_end_matches([',', ';', ':']))
}

/// How much of a long text a `help:` line quotes, in characters.
const HELP_QUOTE: usize = 50;

fn clamp(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// How far (in characters) a label may start after the first label of its window: every label
/// of a window must start inside it, and [`cut`] shows at least `WIDTH - WIDTH / 3` characters
/// from the first.
const REACH: usize = WIDTH / 2;

/// Splits the spans that start on one line into groups whose starts lie within [`REACH`]
/// characters of the group's first, in order.
fn clusters(source: &Source, spans: &[Span]) -> Vec<Vec<Span>> {
    let mut spans = spans.to_vec();
    spans.sort();
    let mut out: Vec<Vec<Span>> = Vec::new();
    for span in spans {
        let near = out.last().is_some_and(|c| {
            let first = c[0].start;
            span.start - first <= REACH
                || source
                    .line_index
                    .chars_between(&source.text, first, span.start)
                    <= REACH
        });
        match out.last_mut() {
            Some(cluster) if near => cluster.push(span),
            _ => out.push(vec![span]),
        }
    }
    out
}

/// Chooses the part of `line` to show so that `lo..hi` is visible: the whole line if it is short,
/// else about [`WIDTH`] characters starting a little before `lo`, and never after `lo`. The work
/// is proportional to the window, not to the line: a story may be one line of a megabyte.
fn cut(text: &str, line: Span, lo: usize, hi: usize) -> Span {
    let content = &text[line.range()];
    if content.len() <= WIDTH || content.chars().nth(WIDTH).is_none() {
        return line;
    }
    let label_chars = text[lo..hi].chars().take(WIDTH + 1).count();
    // Context before the label: a fifth of the width, or more when the label is short.
    let context = WIDTH.saturating_sub(label_chars).clamp(10, WIDTH / 3);
    let mut start = text[line.start..lo]
        .char_indices()
        .rev()
        .take(context)
        .last()
        .map_or(lo, |(i, _)| line.start + i);
    let mut end = start;
    for (taken, (i, c)) in text[start..line.end].char_indices().enumerate() {
        if taken >= WIDTH {
            break;
        }
        end = start + i + c.len_utf8();
    }
    if end == line.end {
        // Near the end of the line: show the last WIDTH characters instead.
        let tail = content
            .char_indices()
            .rev()
            .take(WIDTH)
            .last()
            .map_or(line.start, |(i, _)| line.start + i);
        start = tail.min(start);
    }
    // Prefer to start at a word.
    if start > line.start
        && let Some(space) = text[start..lo.max(start)].find(' ')
        && space < 12
    {
        start += space + 1;
    }
    Span::new(start, end)
}

impl<'w> Files<'w> for Window<'_> {
    type FileId = ();
    type Name = &'w str;
    type Source = &'w str;

    fn name(&'w self, (): ()) -> Result<&'w str, FilesError> {
        Ok(&self.source.name)
    }

    fn source(&'w self, (): ()) -> Result<&'w str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'w self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        let mut base = 0;
        for (i, line) in self.lines.iter().enumerate() {
            let len = line.as_ref().map_or(0, |l| l.range.end - l.range.start);
            if byte_index <= base + len {
                return Ok(i);
            }
            base += len + 1;
        }
        Ok(self.lines.len().saturating_sub(1))
    }

    fn line_number(&'w self, (): (), line_index: usize) -> Result<usize, FilesError> {
        Ok(match self.lines.get(line_index) {
            Some(Some(l)) => l.line + 1,
            // A gap: number it after the previous shown line.
            _ => self.lines[..line_index.min(self.lines.len())]
                .iter()
                .rev()
                .flatten()
                .next()
                .map_or(1, |l| l.line + 2),
        })
    }

    fn column_number(
        &'w self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let Some(Some(l)) = self.lines.get(line_index) else {
            return Ok(1);
        };
        let within = byte_index.saturating_sub(l.base + l.lead);
        let offset = (l.window.start + within).min(l.window.end);
        Ok(self.source.position(offset, ColumnUnit::CodePoint).column)
    }

    fn line_range(&'w self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let mut base = 0;
        for (i, line) in self.lines.iter().enumerate() {
            let len = line.as_ref().map_or(0, |l| l.range.end - l.range.start);
            if i == line_index {
                return Ok(base..base + len);
            }
            base += len + 1;
        }
        Err(FilesError::LineTooLarge {
            given: line_index,
            max: self.lines.len().saturating_sub(1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn render(text: &str, d: Diagnostic) -> String {
        let report = FileReport {
            source: Source::new("s.md", text),
            diagnostics: vec![d],
            anchor: None,
        };
        String::from_utf8(Human { color: false }.render(&report)).unwrap()
    }

    #[test]
    fn an_info_finding_is_headed_info_in_colour_or_not() {
        let text = "The end result was a note.\n";
        let d = Diagnostic::new("s.r", Severity::Info, "a note", Span::new(4, 14));
        let plain = render(text, d.clone());
        assert!(plain.starts_with("info[s.r]: a note"), "{plain}");
        let report = FileReport {
            source: Source::new("s.md", text),
            diagnostics: vec![d],
            anchor: None,
        };
        let coloured = String::from_utf8(Human { color: true }.render(&report)).unwrap();
        assert!(coloured.contains("info[s.r]"), "{coloured}");
        assert!(!coloured.contains("note["), "{coloured}");
        assert!(coloured.contains("was a note."), "{coloured}");
    }

    #[test]
    fn long_lines_are_windowed_but_columns_stay_true() {
        let text = format!("{}TK{}\n", "word ".repeat(60), " more".repeat(60));
        let at = text.find("TK").unwrap();
        let d = Diagnostic::new("b.p", Severity::Error, "placeholder", Span::new(at, at + 2));
        let out = render(&text, d);
        assert!(out.contains("┌─ s.md:1:301"), "{out}");
        let source_line = out.lines().find(|l| l.contains("TK")).unwrap();
        assert!(source_line.chars().count() < WIDTH + 20, "{source_line}");
        assert!(source_line.contains(ELLIPSIS));
    }

    #[test]
    fn labels_far_apart_on_one_long_line_keep_their_true_columns() {
        // The secondary label comes first on the line, the primary 300 characters later: the
        // header must name the primary's column, as the JSON does, not the edge of one window.
        let text = format!(
            "Intro.\n\n{}first 42 {}last 44 {}\n",
            "word ".repeat(30),
            "more ".repeat(60),
            "tail ".repeat(40)
        );
        let first = text.find("42").unwrap();
        let last = text.find("44").unwrap();
        let d = Diagnostic::new("n.i", Severity::Error, "differs", Span::new(last, last + 2))
            .with_secondary(Span::new(first, first + 2), "first given as 42 here");
        let column = text[text.find("word").unwrap()..last].chars().count() + 1;
        let out = render(&text, d);
        assert!(out.contains(&format!("┌─ s.md:3:{column}")), "{out}");
        assert!(out.contains("last 44"), "{out}");
        assert!(out.contains("first 42"), "{out}");
        for line in out.lines() {
            assert!(line.chars().count() < WIDTH + 30, "{line}");
        }
    }

    #[test]
    fn a_label_near_the_end_of_a_long_line_is_shown() {
        let text = format!("{}TK end\n", "word ".repeat(100));
        let at = text.find("TK").unwrap();
        let d = Diagnostic::new("b.p", Severity::Error, "placeholder", Span::new(at, at + 2));
        let out = render(&text, d);
        assert!(out.contains("┌─ s.md:1:501"), "{out}");
        assert!(out.contains("TK end"), "{out}");
    }

    #[test]
    fn fixes_are_shown_as_replace_or_delete_with_their_safety() {
        let text = "We spent alot of time.\nRead more: a very long line of promotional residue that goes on and on\n";
        let at = text.find("alot").unwrap();
        let span = Span::new(at, at + 4);
        let fix = |a| Fix::replace("write 'a lot'", a, span, "a lot");
        assert_eq!(
            help(text, &fix(Applicability::Safe)),
            r#"help: replace "alot" with "a lot""#
        );
        assert_eq!(
            help(text, &fix(Applicability::Unsafe)),
            r#"help: replace "alot" with "a lot" (unsafe fix: applied with --unsafe-fixes)"#
        );
        assert_eq!(
            help(text, &fix(Applicability::Suggestion)),
            r#"help: replace "alot" with "a lot" (suggestion: never applied)"#
        );
        let line = text.find("Read").unwrap();
        let delete = Fix::delete("d", Applicability::Safe, Span::new(line, text.len()));
        assert_eq!(
            help(text, &delete),
            "help: delete \"Read more: a very long line of promotional…\""
        );
        let d = Diagnostic::new("style.usage", Severity::Warning, "usage", span)
            .with_fix(fix(Applicability::Safe));
        assert!(
            render(text, d).contains(r#"= help: replace "alot" with "a lot""#),
            "the help line is drawn"
        );
    }

    #[test]
    fn distant_secondary_labels_get_a_break() {
        let text = "first 42\nx\ny\nz\nlast 44\n";
        let d = Diagnostic::new(
            "n.i",
            Severity::Error,
            "differs",
            Span::new(text.find("44").unwrap(), text.find("44").unwrap() + 2),
        )
        .with_secondary(Span::new(6, 8), "first given as 42 here");
        let out = render(text, d);
        assert!(out.contains("s.md:5:6"), "{out}");
        assert!(out.contains("1 │ first 42"), "{out}");
        assert!(out.contains("5 │ last 44"), "{out}");
        assert!(out.contains('·'), "{out}");
    }
}
