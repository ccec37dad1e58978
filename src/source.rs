//! A file's text and the index that turns byte offsets into lines and columns.
//!
//! All positions inside copydesk are byte offsets; this module converts them to the
//! unit an output needs (code points for people, UTF-16 for the LSP, bytes for tools).

use crate::span::Span;

/// The UTF-8 byte order mark.
pub const BOM: &str = "\u{feff}";

/// One input: its display name (a path, or the `--stdin-filename`) and its full text.
#[derive(Clone, Debug)]
pub struct Source {
    /// The name shown in reports.
    pub name: String,
    /// The complete original text, BOM included if the file had one.
    pub text: String,
    /// Line starts, computed once.
    pub line_index: LineIndex,
    /// The exact bytes of the file's name when `name` had to escape them to be shown (bytes that
    /// are not UTF-8, control characters): JSON reports them as `path_bytes`.
    pub name_bytes: Option<Vec<u8>>,
}

impl Source {
    /// A source from a name and its text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_index = LineIndex::new(&text);
        Source {
            name: name.into(),
            text,
            line_index,
            name_bytes: None,
        }
    }

    /// The same story under the same name with another text (a fixed one).
    pub fn with_text(&self, text: impl Into<String>) -> Self {
        Source {
            name_bytes: self.name_bytes.clone(),
            ..Source::new(self.name.clone(), text)
        }
    }

    /// Decodes raw bytes, naming the byte offset of the first invalid sequence on failure. A
    /// UTF-16 or UTF-32 byte order mark is named as such rather than as binary.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, DecodeError> {
        if let Some(e) = DecodeError::sniff(&bytes) {
            return Err(e);
        }
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(DecodeError::Binary { offset });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text)),
            Err(e) => Err(DecodeError::InvalidUtf8 {
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    /// 1-based line and column of a byte offset, in the given column unit.
    pub fn position(&self, offset: usize, unit: ColumnUnit) -> Position {
        self.line_index.position(&self.text, offset, unit)
    }

    /// The text covered by a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }
}

/// Why bytes could not be read as a text story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte: the file is not text.
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// The bytes are not valid UTF-8.
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A UTF-16 byte order mark: the text is UTF-16, which copydesk does not read.
    Utf16 {
        /// `FE FF` rather than `FF FE`.
        big_endian: bool,
    },
    /// A UTF-32 byte order mark.
    Utf32 {
        /// `00 00 FE FF` rather than `FF FE 00 00`.
        big_endian: bool,
    },
}

impl DecodeError {
    /// The encoding a file's first bytes declare, when it is one copydesk cannot read: a
    /// UTF-16 or UTF-32 byte order mark (UTF-16 text is full of NUL bytes and would otherwise be
    /// called binary).
    pub fn sniff(start: &[u8]) -> Option<DecodeError> {
        match start {
            [0xFF, 0xFE, 0, 0, ..] => Some(DecodeError::Utf32 { big_endian: false }),
            [0, 0, 0xFE, 0xFF, ..] => Some(DecodeError::Utf32 { big_endian: true }),
            [0xFF, 0xFE, ..] => Some(DecodeError::Utf16 { big_endian: false }),
            [0xFE, 0xFF, ..] => Some(DecodeError::Utf16 { big_endian: true }),
            _ => None,
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary { offset } => {
                write!(
                    f,
                    "looks like a binary file (NUL byte at byte offset {offset})"
                )
            }
            DecodeError::InvalidUtf8 { offset } => {
                write!(
                    f,
                    "is not valid UTF-8 (first bad byte at byte offset {offset})"
                )
            }
            DecodeError::Utf16 { big_endian } | DecodeError::Utf32 { big_endian } => {
                let bits = if matches!(self, DecodeError::Utf16 { .. }) {
                    16
                } else {
                    32
                };
                let order = if *big_endian { "BE" } else { "LE" };
                write!(
                    f,
                    "is UTF-{bits} text (a UTF-{bits}{order} byte order mark); copydesk reads UTF-8: \
                     convert it first, e.g. `iconv -f UTF-{bits} -t UTF-8`"
                )
            }
        }
    }
}

/// The unit in which a column is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUnit {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// Unicode scalar values (what people count).
    CodePoint,
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in the requested unit.
    pub column: usize,
}

/// Byte offsets of the start of every line, and running counts that make a column cheap to
/// compute however long its line is.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    counts: Counts,
}

impl LineIndex {
    /// Indexes `text`; lines end at `\n` (a preceding `\r` belongs to the line ending).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex {
            starts,
            counts: Counts::new(text),
        }
    }

    /// Number of lines (a trailing newline opens an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of 0-based line `line`, without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
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

    /// Byte offset where 0-based line `line` starts, skipping a BOM on the first line.
    pub fn line_start(&self, text: &str, line: usize) -> usize {
        let start = self.starts[line];
        if line == 0 && text.starts_with(BOM) {
            BOM.len()
        } else {
            start
        }
    }

    /// Code points in `text[start..end]` (both on char boundaries, `start <= end`).
    pub fn chars_between(&self, text: &str, start: usize, end: usize) -> usize {
        self.counts.between(text, start, end, ColumnUnit::CodePoint)
    }

    /// 1-based position of `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, text: &str, offset: usize, unit: ColumnUnit) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(text, line).min(offset);
        Position {
            line: line + 1,
            column: self.counts.between(text, start, offset, unit) + 1,
        }
    }
}

/// Code points and UTF-16 code units counted from the start of a text at every [`STRIDE`] bytes,
/// so that the length of any stretch of it, in any unit, costs at most two strides of counting.
/// Without them a column is counted from the start of its line, and a story that is one line of a
/// megabyte with a finding every few words takes quadratic time to report.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    marks: Vec<Mark>,
}

/// Counts at a char boundary.
#[derive(Clone, Copy, Debug, Default)]
struct Mark {
    byte: usize,
    chars: usize,
    utf16: usize,
}

/// Bytes between two marks (each mark sits at the last char boundary at or before a multiple).
const STRIDE: usize = 4096;

impl Counts {
    /// Counts through `text` once.
    pub fn new(text: &str) -> Self {
        let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut at = Mark::default();
        marks.push(at);
        let mut k = STRIDE;
        while k <= text.len() {
            let mut b = k;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let piece = &text[at.byte..b];
            let chars = piece.chars().count();
            at = Mark {
                byte: b,
                chars: at.chars + chars,
                utf16: at.utf16 + utf16_len(piece, chars),
            };
            marks.push(at);
            k += STRIDE;
        }
        Counts { marks }
    }

    /// The length of `text[start..end]` in `unit`; both ends on char boundaries, `start <= end`.
    /// `text` must be the text these counts were made from.
    pub fn between(&self, text: &str, start: usize, end: usize, unit: ColumnUnit) -> usize {
        if unit == ColumnUnit::Utf8 {
            return end - start;
        }
        if end - start <= 2 * STRIDE || self.marks.len() <= 1 {
            return length(&text[start..end], unit);
        }
        self.before(text, end, unit) - self.before(text, start, unit)
    }

    /// The length of `text[..offset]` in `unit`.
    fn before(&self, text: &str, offset: usize, unit: ColumnUnit) -> usize {
        let mark = self
            .marks
            .get(offset / STRIDE)
            .or(self.marks.last())
            .copied()
            .unwrap_or_default();
        let counted = match unit {
            ColumnUnit::Utf8 => mark.byte,
            ColumnUnit::Utf16 => mark.utf16,
            ColumnUnit::CodePoint => mark.chars,
        };
        counted + length(&text[mark.byte..offset], unit)
    }
}

/// The length of `s` in `unit`.
fn length(s: &str, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Utf8 => s.len(),
        ColumnUnit::Utf16 => utf16_len(s, s.chars().count()),
        ColumnUnit::CodePoint => s.chars().count(),
    }
}

/// UTF-16 code units of `s`, which holds `chars` code points: one each, and one more for each
/// character outside the Basic Multilingual Plane (a four-byte sequence in UTF-8).
fn utf16_len(s: &str, chars: usize) -> usize {
    chars + s.bytes().filter(|&b| b >= 0xF0).count()
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_each_unit() {
        let s = Source::new("t", "ab\nçé😀x\n");
        let off = s.text.find('x').unwrap();
        assert_eq!(
            s.position(off, ColumnUnit::CodePoint),
            Position { line: 2, column: 4 }
        );
        assert_eq!(
            s.position(off, ColumnUnit::Utf16),
            Position { line: 2, column: 5 }
        );
        assert_eq!(
            s.position(off, ColumnUnit::Utf8),
            Position { line: 2, column: 9 }
        );
    }

    #[test]
    fn bom_is_not_a_column_and_crlf_is_not_text() {
        let s = Source::new("t", "\u{feff}TK here\r\nnext TK\r\n");
        assert_eq!(
            s.position(3, ColumnUnit::CodePoint),
            Position { line: 1, column: 1 }
        );
        let second = s.text.rfind("TK").unwrap();
        assert_eq!(
            s.position(second, ColumnUnit::CodePoint),
            Position { line: 2, column: 6 }
        );
        assert_eq!(
            s.slice(s.line_index.line_span(&s.text, 0)),
            "\u{feff}TK here"
        );
    }

    #[test]
    fn columns_on_a_long_line_match_counting_from_its_start() {
        let unit_text = "ab\tçé😀 ש\u{301}x ";
        let text = format!("first\n{}\r\nlast", unit_text.repeat(3000));
        let s = Source::new("t", text.clone());
        let start = text.find('\n').unwrap() + 1;
        for (offset, _) in text.char_indices().step_by(997) {
            let line = s.line_index.line_of(offset);
            let from = if line == 1 {
                start
            } else {
                s.line_index.line_start(&text, line)
            };
            let prefix = &text[from..offset];
            assert_eq!(
                s.position(offset, ColumnUnit::CodePoint).column,
                prefix.chars().count() + 1
            );
            assert_eq!(
                s.position(offset, ColumnUnit::Utf16).column,
                prefix.encode_utf16().count() + 1
            );
            assert_eq!(
                s.position(offset, ColumnUnit::Utf8).column,
                prefix.len() + 1
            );
        }
    }

    #[test]
    fn decode_errors_name_the_offset() {
        let e = Source::from_bytes("t", b"abc\xffdef".to_vec()).unwrap_err();
        assert_eq!(e, DecodeError::InvalidUtf8 { offset: 3 });
        let e = Source::from_bytes("t", b"ab\0".to_vec()).unwrap_err();
        assert_eq!(e, DecodeError::Binary { offset: 2 });
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("TK".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let e = Source::from_bytes("t", utf16).unwrap_err();
        assert_eq!(e, DecodeError::Utf16 { big_endian: false });
        assert!(e.to_string().contains("UTF-16"), "{e}");
    }
}
