//! Structure that is not prose: tables, stock, sports and election listings, columns of figures and
//! runs of "Label: value" lines. They are recognised from their shape, the same way in plain text
//! and in Markdown, and each of their rows becomes a [`BlockKind::Table`] block, which prose rules
//! and the analyses (sentences, quotations, figures, dates) do not read.
//!
//! Every line of a paragraph or list item is a *row*. Rows of consecutive paragraphs and list items
//! are read as one sequence, because a table pasted from a web page often arrives as one cell per
//! paragraph. Each row gets a [`Shape`] from its words alone (no word lists): how many of its
//! tokens are figures, how many of its words start in lower case (running text is mostly lower
//! case; names, labels and column heads are not), whether it ends a sentence, whether it is cut
//! into cells by pipes, tabs or aligned runs of spaces. A run of consecutive non-prose rows is
//! structure when it repeats a data shape; one line is never structure on its own.

use super::{Block, BlockKind};
use crate::narrow::NarrowRegex;
use crate::span::Span;

/// What one line looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Running text: a sentence, or words mostly in lower case.
    Prose,
    /// Cells split by pipes or tabs, or by runs of spaces aligned with a neighbouring row.
    Columns,
    /// "Label: value", the value not a sentence: "Sentence: 240 months", "WHERE: City Hall".
    Field,
    /// Figures among names, labels and units: "Acme Corp 12.50 +0.25", "Smith (D) 12,345 52%".
    Figures,
    /// A few words, mostly capitalised, with no figure: "District of Columbia", "Louisville".
    Cell,
    /// A paragraph or list item of a few words that does not end like a sentence (nor introduces
    /// something with a colon): "Aggravated identity theft" in a table pasted one cell per paragraph. A short line
    /// inside a longer paragraph is running text, not a phrase.
    Phrase,
    /// No letters or digits: a ruled line ("-----", "|---|---|"), an empty cell ("—").
    Rule,
}

impl Shape {
    /// A shape that carries data: rows of these make a run structure.
    fn is_data(self) -> bool {
        matches!(self, Shape::Columns | Shape::Field | Shape::Figures)
    }
}

/// The longest a row of figures may be, in tokens; longer lines are running text.
const MAX_FIGURE_TOKENS: usize = 40;
/// A "Label: value" row whose value has more words than this, mostly in lower case, is running
/// text ("Use of force: including requiring supervisors to …") unless its label recurs in the run
/// (a listing of records: "Offense: …", "Sentence: …").
const MAX_FIELD_VALUE_WORDS: usize = 8;
/// The most words a cell (a row with no figure) may have.
const MAX_CELL_WORDS: usize = 6;
/// The most words of a one-line paragraph or list item that is not a sentence, read as a cell.
const MAX_PHRASE_WORDS: usize = 8;
/// The most words in the label of a "Label: value" row.
const MAX_LABEL_WORDS: usize = 4;
/// The most words a pipe- or tab-separated cell may have before it reads as running text.
const MAX_COLUMN_CELL_WORDS: usize = 12;

/// One line of a candidate block.
#[derive(Debug)]
struct Row {
    /// Index of its block.
    block: usize,
    /// The line, trimmed.
    span: Span,
    shape: Shape,
    /// For a "Label: value" row, its label (lower case) and whether its value is running text.
    field: Option<(String, bool)>,
    /// A line of a paragraph of running text wrapped to a width (see [`flowed`]).
    wrapped: bool,
}

/// Splits the rows of structure out of the paragraphs and list items of `blocks`: each becomes a
/// [`BlockKind::Table`] block; what is left of a block keeps its kind. `text` is the source,
/// `prose` the same text with everything that is not prose blanked.
pub(super) fn mark(text: &str, prose: &str, blocks: Vec<Block>) -> Vec<Block> {
    let rows = rows(text, prose, &blocks);
    let structure = runs(&rows);
    if !structure.contains(&true) {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len() + rows.len());
    let mut r = 0;
    for (b, block) in blocks.into_iter().enumerate() {
        let first = r;
        while r < rows.len() && rows[r].block == b {
            r += 1;
        }
        if !structure[first..r].contains(&true) {
            out.push(block);
            continue;
        }
        // Rows of structure become table rows; the prose rows between them stay together.
        let mut i = first;
        while i < r {
            if structure[i] {
                out.push(Block {
                    kind: BlockKind::Table,
                    span: rows[i].span,
                });
                i += 1;
            } else {
                let start = rows[i].span.start;
                while i + 1 < r && !structure[i + 1] {
                    i += 1;
                }
                out.push(Block {
                    kind: block.kind,
                    span: Span::new(start, rows[i].span.end),
                });
                i += 1;
            }
        }
    }
    out
}

/// The rows of every paragraph and list item, in order, with their shapes.
fn rows(text: &str, prose: &str, blocks: &[Block]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut cuts = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let mut offset = block.span.start;
        let mut lines = Vec::new();
        for line in prose[block.span.range()].split_inclusive('\n') {
            let start = offset + (line.len() - line.trim_start().len());
            let end = offset + line.trim_end().len();
            offset += line.len();
            if start < end {
                lines.push(Span::new(start, end));
            }
        }
        let alone = lines.len() == 1;
        let mut shapes: Vec<Shape> = lines.iter().map(|l| shape(&prose[l.range()])).collect();
        let wrapped = flowed(text, prose, &lines, &shapes);
        if wrapped {
            shapes.fill(Shape::Prose);
        }
        for (span, mut shape) in lines.into_iter().zip(shapes) {
            let line = &prose[span.range()];
            if shape == Shape::Prose
                && alone
                && !ends_sentence(line)
                && !line.ends_with(['.', '!', '?', ':'])
                && line.split_whitespace().count() <= MAX_PHRASE_WORDS
            {
                shape = Shape::Phrase;
            }
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            rows.push(Row {
                block: b,
                span,
                shape,
                field: field(line),
                wrapped,
            });
            cuts.push(Cuts {
                separated: separated_cells(line),
                spaced: spaced_columns(&text[line_start..span.end]),
            });
        }
    }
    mark_columns(&mut rows, &cuts, prose);
    demote_running_fields(&mut rows);
    rows
}

/// How a line is cut into cells.
struct Cuts {
    /// The number of cells split by pipes or tabs, if there are two or more and none of them is
    /// running text.
    separated: Option<usize>,
    /// Where the cells of a line cut by runs of spaces start and end (see [`spaced_columns`]).
    spaced: Option<Vec<usize>>,
}

/// Rows of columns repeat their shape: a row cut by pipes or tabs is a row of columns when the row
/// above or below it has as many cells; a row cut by runs of spaces, when one of its cell
/// boundaries lines up with the row above or below it in the same paragraph. Wrapped running
/// text keeps its lines.
fn mark_columns(rows: &mut [Row], cuts: &[Cuts], prose: &str) {
    let repeats = |i: usize, j: usize| {
        let (a, b) = (&cuts[i], &cuts[j]);
        let separated = a.separated.is_some()
            && a.separated == b.separated
            && rows[i].block.abs_diff(rows[j].block) <= 1;
        let aligned = rows[i].block == rows[j].block
            && match (&a.spaced, &b.spaced) {
                (Some(a), Some(b)) => a.iter().any(|c| b.contains(c)),
                _ => false,
            };
        separated || aligned
    };
    let columned: Vec<bool> = (0..rows.len())
        .map(|i| {
            ((i > 0 && repeats(i, i - 1)) || (i + 1 < rows.len() && repeats(i, i + 1)))
                && !rows[i].wrapped
                && !ends_sentence(&prose[rows[i].span.range()])
        })
        .collect();
    for (row, columned) in rows.iter_mut().zip(columned) {
        if columned {
            row.shape = Shape::Columns;
        }
    }
}

/// A "Label: value" row with running text for a value is a paragraph that opens with a topic,
/// unless its label recurs among the rows around it, as in a listing of records.
fn demote_running_fields(rows: &mut [Row]) {
    let mut i = 0;
    while i < rows.len() {
        let run = run_from(rows, i);
        let labels: Vec<String> = rows[run.clone()]
            .iter()
            .filter_map(|r| r.field.as_ref().map(|(l, _)| l.clone()))
            .collect();
        for row in &mut rows[run.clone()] {
            if row.shape == Shape::Field
                && let Some((label, true)) = &row.field
                && labels.iter().filter(|l| *l == label).count() < 2
            {
                row.shape = Shape::Prose;
            }
        }
        i = run.end.max(i + 1);
    }
}

/// Whether the lines of a block are one paragraph wrapped to a width, given their shapes: every
/// line but the last is full (the next line's first word would not have fitted on it), and the
/// text is mostly lower case, or fewer than two thirds of its lines look like data (a wrapped
/// title), or it ends a sentence (a full stop after a figure counts here: a wrapped paragraph is
/// one whole, and a table's last row rarely ends with one). Rows of a table are not all full, or are
/// names and figures in every line; lines cut by pipes or tabs are never wrapped text.
fn flowed(text: &str, prose: &str, lines: &[Span], shapes: &[Shape]) -> bool {
    if lines.len() < 2 || lines.iter().any(|l| prose[l.range()].contains(['|', '\t'])) {
        return false;
    }
    // Widths are measured in the source: a URL blanked out of the prose still filled its line.
    let block = Span::new(lines[0].start, lines[lines.len() - 1].end);
    let source: Vec<&str> = text[block.range()]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let width = |l: &str| l.chars().count();
    let widest = source.iter().map(|l| width(l)).max().unwrap_or(0);
    let full = source.windows(2).all(|pair| {
        let next_word = pair[1].split_whitespace().next().map_or(0, width);
        8 * (width(pair[0]) + 1 + next_word) > 7 * widest
    });
    if !full {
        return false;
    }
    let data = shapes.iter().filter(|s| s.is_data()).count();
    let last = prose[lines[lines.len() - 1].range()].trim_end();
    // A list run into a sentence ends with a figure and a full stop: "… St. Paul ($428,656)."
    let figure_stop = last
        .strip_suffix('.')
        .is_some_and(|l| l.ends_with(|c: char| c.is_ascii_digit() || matches!(c, ')' | '%')));
    !Words::of(&prose[block.range()]).mostly_capitalised()
        || 3 * data < 2 * shapes.len()
        || closes_sentence(last)
        || figure_stop
}

/// Which rows are structure: runs of consecutive non-prose rows (in one block, or in blocks next
/// to each other) that hold enough rows of data.
fn runs(rows: &[Row]) -> Vec<bool> {
    let mut structure = vec![false; rows.len()];
    let mut i = 0;
    while i < rows.len() {
        let run = run_from(rows, i);
        if is_structure(&rows[run.clone()]) {
            structure[run.clone()].fill(true);
        }
        i = run.end.max(i + 1);
    }
    structure
}

/// The run of consecutive non-prose rows starting at row `i` (empty if row `i` is prose). Rows
/// are consecutive when they are lines of one block, or of blocks next to each other.
fn run_from(rows: &[Row], i: usize) -> std::ops::Range<usize> {
    if rows[i].shape == Shape::Prose {
        return i..i;
    }
    let mut end = i + 1;
    while end < rows.len()
        && rows[end].shape != Shape::Prose
        && rows[end].block <= rows[end - 1].block + 1
    {
        end += 1;
    }
    i..end
}

/// Whether a run of non-prose rows is a table or listing:
/// - at least two rows of figures or columns, and rows of data are at least a fifth of the run of
///   three or more rows (a table pasted one cell per line: name, alias, age, town);
/// - or at least three "Label: value" rows, and rows of data are at least half of the run;
/// - or two or more rows of columns, and they are at least half of the run.
fn is_structure(run: &[Row]) -> bool {
    let count = |s: Shape| run.iter().filter(|r| r.shape == s).count();
    let (figures, columns, fields) = (
        count(Shape::Figures),
        count(Shape::Columns),
        count(Shape::Field),
    );
    let data = run.iter().filter(|r| r.shape.is_data()).count();
    let n = run.len();
    (n >= 3 && figures + columns >= 2 && 5 * data >= n)
        || (fields >= 3 && 2 * data >= n)
        || (columns >= 2 && 2 * columns >= n)
}

/// The shape of one line of prose, on its own.
fn shape(line: &str) -> Shape {
    if !line.chars().any(char::is_alphanumeric) {
        return Shape::Rule;
    }
    if ends_sentence(line) {
        return Shape::Prose;
    }
    if field(line).is_some() {
        return Shape::Field;
    }
    let w = Words::of(line);
    if w.figures > 0 && w.tokens <= MAX_FIGURE_TOKENS && w.mostly_capitalised() {
        Shape::Figures
    } else if w.figures == 0 && w.words <= MAX_CELL_WORDS && 2 * w.lower <= w.words {
        Shape::Cell
    } else {
        Shape::Prose
    }
}

/// What the tokens of a line are made of.
struct Words {
    /// Tokens with a letter or a digit.
    tokens: usize,
    /// Tokens that are figures.
    figures: usize,
    /// Other tokens.
    words: usize,
    /// Words starting in lower case, not counting a unit right after a figure ("12 years",
    /// "$4 million", "365 seats"; not "2010 to", "51, of").
    lower: usize,
}

impl Words {
    fn of(text: &str) -> Words {
        let mut w = Words {
            tokens: 0,
            figures: 0,
            words: 0,
            lower: 0,
        };
        let mut after_figure = false;
        for t in text
            .split_whitespace()
            .filter(|t| t.chars().any(char::is_alphanumeric))
        {
            w.tokens += 1;
            if is_figure(t) {
                w.figures += 1;
                // "51, of" is not a unit: a figure followed by punctuation ends its phrase.
                after_figure = t.ends_with(|c: char| c.is_alphanumeric() || c == '%');
                continue;
            }
            w.words += 1;
            let lower = t
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_lowercase);
            // A unit has more than two letters: "2010 to" is a figure and a preposition.
            let unit = after_figure && t.chars().filter(|c| c.is_alphabetic()).count() > 2;
            if lower && !unit {
                w.lower += 1;
            }
            after_figure = false;
        }
        w
    }

    /// Names, labels and figures rather than running text: at most one word in lower case, or
    /// at most two in five.
    fn mostly_capitalised(&self) -> bool {
        self.lower <= 1 || 5 * self.lower <= 2 * self.words
    }
}

/// The number of cells of a line split by pipes or tabs (empty ones, as outer pipes leave,
/// dropped): `None` unless there are two or more and none of them is running text.
fn separated_cells(line: &str) -> Option<usize> {
    if !line.contains(['|', '\t']) {
        return None;
    }
    let cells: Vec<&str> = line
        .split(['|', '\t'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let running =
        |c: &&str| ends_sentence(c) || c.split_whitespace().count() > MAX_COLUMN_CELL_WORDS;
    (cells.len() >= 2 && !cells.iter().any(running)).then_some(cells.len())
}

/// Where the cells of a source line cut by runs of two or more spaces start and end (in
/// characters from the start of the line), or `None` when no such run separates two cells. A run
/// of spaces after the end of a sentence is not a column gap.
fn spaced_columns(line: &str) -> Option<Vec<usize>> {
    let chars: Vec<char> = line.trim_end().chars().collect();
    let mut bounds = Vec::new();
    let mut i = chars.iter().take_while(|c| c.is_whitespace()).count();
    let mut gaps = 0;
    while i < chars.len() {
        if chars[i] == ' ' && chars.get(i + 1) == Some(&' ') {
            let before: String = chars[i.saturating_sub(40)..i].iter().collect();
            let end = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            if !closes_sentence(&before) {
                bounds.push(end);
                bounds.push(i);
                gaps += 1;
            }
        } else {
            i += 1;
        }
    }
    bounds.push(chars.len());
    (gaps > 0).then_some(bounds)
}

/// A sentence ends inside the line ("... imprisonment. Commutation ...").
static SENTENCE_BREAK: NarrowRegex = NarrowRegex::new(
    r#"(?:^|\s)\p{Ll}{3,}[.!?]["'\u{201d}\u{2019})]*\s+["\u{201c}\u{2018}(]?\p{Lu}"#,
);

/// Whether the line ends a sentence, or has a sentence end inside it (see [`closes_sentence`]).
fn ends_sentence(line: &str) -> bool {
    closes_sentence(line) || SENTENCE_BREAK.get(line).is_match(line)
}

/// Whether the text ends with the end of a sentence: a question or exclamation mark, or a full
/// stop after a word in lower case ("imprisonment.", not "Inc." or "a.m."; a cell may end with a
/// figure and a full stop: "10 years.").
fn closes_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']']);
    if t.ends_with(['?', '!']) {
        return true;
    }
    t.strip_suffix('.').is_some_and(|rest| {
        let last = rest.rsplit(char::is_whitespace).next().unwrap_or("");
        let word = last.trim_start_matches(|c: char| !c.is_alphanumeric());
        word.chars().count() >= 2 && word.chars().all(char::is_lowercase)
    })
}

/// "Label: value": a label of one to four words that starts with a capital or a digit and holds no
/// clause punctuation, then a colon, a space and a value (leading bullets such as "- " or "██ "
/// are skipped). Returns the label in lower case, and whether the value is running text.
fn field(line: &str) -> Option<(String, bool)> {
    let line = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    let (label, value) = line.split_once(':')?;
    let ok = value.starts_with(char::is_whitespace)
        && !value.trim().is_empty()
        && label
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && (1..=MAX_LABEL_WORDS).contains(&label.split_whitespace().count())
        && !label.contains([',', ';', '!', '?', '"', '\u{201c}', '\u{201d}']);
    if !ok {
        return None;
    }
    let w = Words::of(value);
    let running = w.words > MAX_FIELD_VALUE_WORDS && !w.mostly_capitalised();
    Some((label.to_lowercase(), running))
}

/// A token that is a figure: "12,345", "52%", "+0.25", "-1.48", "$4.5bn", "3-1", "9/11", "(202)",
/// "1990s", "3rd". Enclosing punctuation, a sign and a currency symbol are ignored; what is left
/// starts with a digit and is at least half digits and number punctuation, or is an ordinal.
fn is_figure(token: &str) -> bool {
    let t = token
        .trim_matches(|c: char| {
            matches!(
                c,
                '"' | '\''
                    | '\u{201c}'
                    | '\u{201d}'
                    | '\u{2018}'
                    | '\u{2019}'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '<'
                    | '>'
                    | ','
                    | ';'
                    | ':'
                    | '*'
            )
        })
        .trim_end_matches('.')
        .trim_start_matches([
            '+', '-', '\u{2212}', '\u{b1}', '~', '#', '$', '\u{20ac}', '\u{a3}', '\u{a5}',
        ]);
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let numeric = t
        .chars()
        .filter(|c| {
            c.is_ascii_digit() || matches!(c, ',' | '.' | '/' | ':' | '%' | '-' | '\u{2013}')
        })
        .count();
    let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| {
        t.to_ascii_lowercase()
            .strip_suffix(s)
            .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
    });
    2 * numeric >= t.chars().count() || ordinal
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of each line of one plain-text paragraph.
    fn shapes(text: &str) -> Vec<Shape> {
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            span: Span::new(0, text.len()),
        }];
        rows(text, text, &blocks).iter().map(|r| r.shape).collect()
    }

    #[test]
    fn figures() {
        for t in [
            "12,345",
            "52%",
            "+0.25",
            "-1.48",
            "$4.5bn",
            "3-1",
            "9/11",
            "(202)",
            "1990s",
            "3rd",
            "98.0",
            "10:30",
            "\u{2212}7.87",
        ] {
            assert!(is_figure(t), "{t}");
        }
        for t in ["K2-18b", "5-Hour", "(D)", "Acme", "1ST-QTR"] {
            assert!(!is_figure(t), "{t}");
        }
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence(
            "He was sentenced to 240 months' imprisonment."
        ));
        assert!(ends_sentence("Did it work?"));
        assert!(ends_sentence("Shares fell sharply. Acme Corp 12.50"));
        assert!(!ends_sentence("Unity House of Troy Inc."));
        assert!(!ends_sentence("WHEN: Monday at 10 a.m."));
        assert!(!ends_sentence("Acme Corp 12.50 +0.25"));
        assert!(!ends_sentence("18 U.S.C. 1030(b)."));
    }

    #[test]
    fn fields() {
        assert_eq!(field("Sector: Industrials"), Some(("sector".into(), false)));
        assert_eq!(field("██ Red deer: 7"), Some(("red deer".into(), false)));
        assert!(field("Use of force: including requiring supervisors to report to the scene of uses of force").is_some_and(|f| f.1));
        assert_eq!(field("The meeting began at 10:30 sharp"), None);
        assert_eq!(field("Officials, police and firefighters: all there"), None);
    }

    #[test]
    fn line_shapes() {
        use Shape::*;
        assert_eq!(
            shapes("Acme Corp 12.50 +0.25\nSmith (D) 12,345 52%\nConservative Party - 365 seats"),
            [Figures, Figures, Figures]
        );
        assert_eq!(
            shapes("District of Columbia\nLouisville\n-----"),
            [Cell, Cell, Rule]
        );
        assert_eq!(
            shapes("The company earned $12.5 million in 2024, up 8% from 2023"),
            [Prose]
        );
        // A one-line paragraph of a few words that is not a sentence reads as a cell.
        assert_eq!(shapes("Aggravated identity theft"), [Phrase]);
        assert_eq!(shapes("The defendants are:"), [Prose]);
    }

    #[test]
    fn wrapped_prose_is_prose_and_aligned_rows_are_columns() {
        let wrapped = "Michael Pharis, 51, of Las Vegas, was\nsentenced in December 2010 to 15 years\nin prison, and Daniel Murphy, 53,\nof Millville, N.J., to 151 months.";
        assert!(shapes(wrapped).iter().all(|s| *s == Shape::Prose));
        let aligned = "Company          Price   Change\nAcme Corp        12.50    +0.25\nBeta Inc          9.75    -0.10";
        assert!(shapes(aligned).iter().all(|s| *s == Shape::Columns));
        // One piped line repeats nothing: it is not a row of columns.
        assert_ne!(
            shapes("Privacy Policy | Terms of Service | Contact Us"),
            [Shape::Columns]
        );
    }
}
