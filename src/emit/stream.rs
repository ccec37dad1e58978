//! Writing a report as the stories are checked. A front end that checks stories in parallel
//! renders each story's findings on the thread that checked it ([`StreamEmitter::file`]) and
//! writes the pieces in path order as soon as a story and every story before it are done; the
//! bytes are the same as those of the [`super::Emitter`] of the same format. What a format puts
//! after the findings (anchors, unreadable files, the summary) is written by
//! [`StreamEmitter::finish`], from totals kept as the stories pass.

use super::json::{diagnostic, write_tail_pretty};
use super::write_json_elements_of;
use super::{
    Anchor, Concise, FileError, FileReport, Github, Human, Json, JsonLines, Summary, summary_line,
};
use rayon::prelude::*;
use std::io::{self, Write};

/// The date one story was read from, kept for the formats that list anchors after the findings.
#[derive(Clone, Debug)]
pub struct FileAnchor {
    /// The story's name as shown.
    pub path: String,
    /// Its exact bytes, when the name is shown escaped.
    pub path_bytes: Option<Vec<u8>>,
    /// The anchor.
    pub anchor: Anchor,
}

impl FileAnchor {
    /// The anchor a report was read from, if it has one.
    pub fn of(report: &FileReport) -> Option<FileAnchor> {
        report.anchor.clone().map(|anchor| FileAnchor {
            path: report.source.name.clone(),
            path_bytes: report.source.name_bytes.clone(),
            anchor,
        })
    }
}

/// A format that can be written story by story.
pub trait StreamEmitter: Sync {
    /// What comes before the first story.
    fn begin(&self, out: &mut dyn Write) -> io::Result<()> {
        let _ = out;
        Ok(())
    }

    /// One story's findings, rendered (on any thread). `number` is the story's place in the run,
    /// from 1, for a format that numbers the stories (a story that could not be read may keep
    /// its number, so numbers are unique but may skip).
    fn file(&self, number: usize, report: &FileReport) -> Vec<u8>;

    /// What [`StreamEmitter::file`] renders, written straight to `out` finding by finding, with
    /// the [separator](StreamEmitter::separator) first when `after` (a piece was written before)
    /// and the piece is not empty; returns whether it wrote a piece. For a story with so many
    /// findings that its rendering would outweigh the story itself (a report three times the
    /// size of its text), rendered on the writing thread. The default renders the piece whole.
    fn write_file(
        &self,
        number: usize,
        report: &FileReport,
        after: bool,
        out: &mut dyn Write,
    ) -> io::Result<bool> {
        let bytes = self.file(number, report);
        if bytes.is_empty() {
            return Ok(false);
        }
        if after {
            out.write_all(self.separator())?;
        }
        out.write_all(&bytes)?;
        Ok(true)
    }

    /// What separates two non-empty pieces written by [`StreamEmitter::file`].
    fn separator(&self) -> &'static [u8] {
        b""
    }

    /// Whether [`StreamEmitter::finish`] lists the stories' anchors: a run keeps them as the
    /// stories pass only for a format that does.
    fn lists_anchors(&self) -> bool {
        false
    }

    /// What comes after the last story; `wrote` says whether any piece was written; `anchors`
    /// is empty unless the format [lists them](StreamEmitter::lists_anchors).
    fn finish(
        &self,
        wrote: bool,
        anchors: &[FileAnchor],
        errors: &[FileError],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// Whether a summary line closes the report (`--quiet` drops it).
#[derive(Clone, Copy, Debug)]
pub struct Streamed<E> {
    /// The format.
    pub format: E,
    /// Write the closing summary line.
    pub summary: bool,
}

impl<E> Streamed<E> {
    /// The closing summary line, unless `--quiet` dropped it.
    fn summary_line(&self, s: &Summary, out: &mut dyn Write) -> io::Result<()> {
        if self.summary {
            writeln!(out, "{}", summary_line(s))?;
        }
        Ok(())
    }
}

/// The bytes a format's writer produces for one story (writing to memory cannot fail).
fn rendered(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write(&mut out);
    out
}

/// A line-oriented format written story by story under a closing summary line: what differs
/// between them is how one story renders and what, if anything, lists the unreadable files.
pub trait LineFormat: Sync {
    /// One story's findings, rendered.
    fn story(&self, report: &FileReport) -> Vec<u8>;

    /// The same bytes as [`LineFormat::story`], written to `out` as they are made.
    fn write_story(&self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.story(report))
    }

    /// The unreadable files, before the summary line (most formats report them on stderr).
    fn errors(&self, errors: &[FileError], out: &mut dyn Write) -> io::Result<()> {
        let _ = (errors, out);
        Ok(())
    }
}

impl LineFormat for Human {
    fn story(&self, report: &FileReport) -> Vec<u8> {
        self.render(report)
    }

    fn write_story(&self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.write_render(report, out)
    }
}

impl LineFormat for Concise {
    fn story(&self, report: &FileReport) -> Vec<u8> {
        rendered(|out| self.write_file(report, out))
    }

    fn write_story(&self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.write_file(report, out)
    }
}

impl LineFormat for Github {
    fn story(&self, report: &FileReport) -> Vec<u8> {
        rendered(|out| self.write_file(report, out))
    }

    fn write_story(&self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.write_file(report, out)
    }

    fn errors(&self, errors: &[FileError], out: &mut dyn Write) -> io::Result<()> {
        self.write_errors(errors, out)
    }
}

impl<E: LineFormat> StreamEmitter for Streamed<E> {
    fn file(&self, _number: usize, report: &FileReport) -> Vec<u8> {
        self.format.story(report)
    }

    fn write_file(
        &self,
        _number: usize,
        report: &FileReport,
        _after: bool,
        out: &mut dyn Write,
    ) -> io::Result<bool> {
        // Every finding renders as a line or more; these formats separate stories by nothing.
        if report.diagnostics.is_empty() {
            let bytes = self.format.story(report);
            out.write_all(&bytes)?;
            return Ok(!bytes.is_empty());
        }
        self.format.write_story(report, out)?;
        Ok(true)
    }

    fn finish(
        &self,
        _wrote: bool,
        _anchors: &[FileAnchor],
        errors: &[FileError],
        s: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.format.errors(errors, out)?;
        self.summary_line(s, out)
    }
}

impl StreamEmitter for JsonLines {
    fn file(&self, _number: usize, report: &FileReport) -> Vec<u8> {
        rendered(|out| self.write_file(report, out))
    }

    fn write_file(
        &self,
        _number: usize,
        report: &FileReport,
        _after: bool,
        out: &mut dyn Write,
    ) -> io::Result<bool> {
        // A line a finding, separated by nothing.
        self.write_file(report, out)?;
        Ok(!report.diagnostics.is_empty())
    }

    fn finish(
        &self,
        _wrote: bool,
        _anchors: &[FileAnchor],
        _errors: &[FileError],
        _summary: &Summary,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        Ok(())
    }
}

impl StreamEmitter for Json {
    fn begin(&self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"version\": {},\n  \"diagnostics\": [",
            super::JSON_SCHEMA_VERSION
        )
    }

    fn file(&self, _number: usize, report: &FileReport) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = write_json_elements_of(
            &report.diagnostics,
            |d| diagnostic(&report.source, d),
            4,
            &mut out,
        );
        out
    }

    fn write_file(
        &self,
        _number: usize,
        report: &FileReport,
        after: bool,
        out: &mut dyn Write,
    ) -> io::Result<bool> {
        if report.diagnostics.is_empty() {
            return Ok(false);
        }
        if after {
            out.write_all(b",")?;
        }
        write_json_elements_of(
            &report.diagnostics,
            |d| diagnostic(&report.source, d),
            4,
            out,
        )?;
        Ok(true)
    }

    fn separator(&self) -> &'static [u8] {
        b","
    }

    fn lists_anchors(&self) -> bool {
        true
    }

    fn finish(
        &self,
        wrote: bool,
        anchors: &[FileAnchor],
        errors: &[FileError],
        s: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if wrote {
            out.write_all(b"\n  ]")?;
        } else {
            out.write_all(b"]")?;
        }
        // The tail is an object of its own: its opening brace gives way to the comma.
        out.write_all(b",")?;
        write_tail_pretty(anchors, errors, s, out)?;
        writeln!(out)
    }
}

/// Writes collected reports with a format written story by story: the bytes a streamed run
/// writes. `pieces` are the stories' rendered findings ([`StreamEmitter::file`]), in order.
pub fn write_pieces(
    e: &dyn StreamEmitter,
    pieces: &[Vec<u8>],
    reports: &[FileReport],
    errors: &[FileError],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    e.begin(&mut w)?;
    let mut wrote = false;
    for piece in pieces.iter().filter(|p| !p.is_empty()) {
        if wrote {
            w.write_all(e.separator())?;
        }
        w.write_all(piece)?;
        wrote = true;
    }
    let anchors: Vec<FileAnchor> = reports.iter().filter_map(FileAnchor::of).collect();
    e.finish(wrote, &anchors, errors, summary, &mut w)?;
    w.flush()
}

/// The formats whose whole report is their streamed bytes ([`write_whole`]): one code path.
macro_rules! emit_as_streamed {
    ($($format:ty),*) => {$(
        impl super::Emitter for $format {
            fn emit(
                &mut self,
                reports: &[FileReport],
                errors: &[FileError],
                summary: &Summary,
                out: &mut dyn Write,
            ) -> io::Result<()> {
                write_whole(self, reports, errors, summary, out)
            }
        }
    )*};
}

emit_as_streamed!(super::Checkstyle, super::Rdjson, super::Sarif);

/// [`write_pieces`] over collected reports, the stories rendered in parallel: for an
/// [`super::Emitter`] whose bytes are its streamed bytes, and for a streamed format whose run had
/// to collect its reports first.
pub fn write_whole(
    e: &dyn StreamEmitter,
    reports: &[FileReport],
    errors: &[FileError],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let pieces: Vec<Vec<u8>> = reports
        .par_iter()
        .enumerate()
        .map(|(i, r)| e.file(i + 1, r))
        .collect();
    write_pieces(e, &pieces, reports, errors, summary, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::{self, Input};
    use crate::config::Config;
    use crate::emit::Emitter;
    use crate::source::Source;
    use std::sync::Arc;

    /// Reports of a few stories: findings, none, a dated one, names that need escaping.
    fn reports() -> (Vec<FileReport>, Vec<FileError>) {
        let config = Arc::new(Config::builtin());
        let stories = [
            (
                "a.md",
                "The fire destroyed TK homes.\n\nAdvertisement\n\nIt rained on Tuesday.\n",
            ),
            ("b.md", "The council met.\n"),
            (
                "c.md",
                "---\ndate: 2024-05-01\n---\n\nIt rained yesterday. \"We will see,\" he said.\n",
            ),
            ("d\u{202e}.md", "Officials said TK people came.\n"),
        ];
        let inputs = stories
            .iter()
            .map(|(name, text)| Input {
                source: Source::new(name.to_string(), text.to_string()),
                config: config.clone(),
            })
            .collect();
        let reports = batch::check_batch(inputs, &batch::Options::default())
            .into_iter()
            .map(|r| r.expect("checked"))
            .collect();
        (
            reports,
            vec![FileError::new("gone.md", "no such file or directory")],
        )
    }

    fn streamed(
        e: &dyn StreamEmitter,
        reports: &[FileReport],
        errors: &[FileError],
        s: &Summary,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        e.begin(&mut out).unwrap();
        let mut wrote = false;
        let mut anchors = Vec::new();
        for (i, r) in reports.iter().enumerate() {
            let piece = e.file(i + 1, r);
            if !piece.is_empty() {
                if wrote {
                    out.extend_from_slice(e.separator());
                }
                out.extend_from_slice(&piece);
                wrote = true;
            }
            anchors.extend(FileAnchor::of(r));
        }
        e.finish(wrote, &anchors, errors, s, &mut out).unwrap();
        out
    }

    fn whole(
        e: &mut dyn Emitter,
        reports: &[FileReport],
        errors: &[FileError],
        s: &Summary,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        e.emit(reports, errors, s, &mut out).unwrap();
        out
    }

    #[test]
    fn an_html_page_rendered_out_of_order_is_the_page_written_whole() {
        let (reports, errors) = reports();
        let s = Summary::of(&reports, &errors);
        let docs = crate::emit::RuleDocs::new();
        let page = crate::emit::HtmlPage::new(docs.clone());
        // Workers finish the stories in any order; the pieces are written in order.
        let mut pieces: Vec<(usize, Vec<u8>)> = reports
            .iter()
            .enumerate()
            .rev()
            .map(|(i, r)| (i, page.file(i + 1, r)))
            .collect();
        pieces.sort_by_key(|(i, _)| *i);
        let mut out = Vec::new();
        page.begin(&mut out).unwrap();
        for (_, piece) in &pieces {
            out.extend_from_slice(piece);
        }
        page.finish(true, &[], &errors, &s, &mut out).unwrap();
        let whole = whole(
            &mut crate::emit::Html { rules: docs },
            &reports,
            &errors,
            &s,
        );
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        let (out, whole) = (text(out), text(whole));
        assert_eq!(out, whole);
        // The summary lists the stories in order, after them.
        let row = |n: usize| {
            out.find(&format!("<th scope=\"row\"><a href=\"#s{n}\">"))
                .unwrap()
        };
        assert!(out.find("id=\"s4\"").unwrap() < row(1));
        assert!(row(1) < row(2) && row(2) < row(3) && row(3) < row(4));
    }

    #[test]
    fn streamed_formats_write_the_bytes_of_the_whole_report() {
        let (reports, errors) = reports();
        assert!(reports.iter().any(|r| r.anchor.is_some()));
        for (reports, errors) in [
            (&reports[..], &errors[..]),
            (&reports[1..2], &[][..]),
            (&[][..], &[][..]),
        ] {
            let s = Summary::of(reports, errors);
            let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
            assert_eq!(
                text(streamed(&Json, reports, errors, &s)),
                text(whole(&mut Json, reports, errors, &s))
            );
            assert_eq!(
                text(streamed(&JsonLines, reports, errors, &s)),
                text(whole(&mut JsonLines, reports, errors, &s))
            );
            for color in [false, true] {
                let e = Streamed {
                    format: Human { color },
                    summary: true,
                };
                assert_eq!(
                    text(streamed(&e, reports, errors, &s)),
                    text(whole(&mut Human { color }, reports, errors, &s))
                );
            }
            let e = Streamed {
                format: Concise,
                summary: true,
            };
            assert_eq!(
                text(streamed(&e, reports, errors, &s)),
                text(whole(&mut Concise, reports, errors, &s))
            );
            let e = Streamed {
                format: Github { step_summary: None },
                summary: true,
            };
            assert_eq!(
                text(streamed(&e, reports, errors, &s)),
                text(whole(
                    &mut Github { step_summary: None },
                    reports,
                    errors,
                    &s
                ))
            );
        }
    }
}
