//! The lines of a story as the residue checks read them: each physical line of prose, with the
//! shape features that tell a line of a story from a line of a web page (how many words, whether
//! it ends like a sentence, whether it is title case, a table row, a field, a figure).

use crate::document::{BlockKind, Document};
use crate::lexicon::{Lexicon, ListId};
use crate::span::Span;
use std::borrow::Cow;
use std::cell::OnceCell;

/// Words in a line, as people count them: white-space separated tokens holding a letter or digit.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The class of an ASCII byte for the word counts of a line: [`LETTER`] a letter or digit,
/// [`WHITE`] white space (the ASCII characters `char::is_whitespace` takes), 0 anything else.
const ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            LETTER
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            WHITE
        } else {
            0
        };
        b += 1;
    }
    table
};
const LETTER: u8 = 1;
const WHITE: u8 = 2;

/// The bytes [`at_most_words`] reads between two comparisons with its most.
const BLOCK: usize = 16;

/// Whether a line has at most `max` words; stops counting at `max + 1`, so a long paragraph
/// costs no more than a short line.
pub fn at_most_words(s: &str, max: usize) -> bool {
    // `k` words take at least `2k - 1` bytes: a line shorter than that for `max + 1` words has
    // at most `max`.
    s.len() < 2 * max + 1 || words_up_to(s, max) <= max
}

/// The words of a line as [`word_count`] counts them, up to `most`: more than `most` are
/// `most + 1` (the count stops there, so a long paragraph costs no more than a short line).
pub fn words_up_to(s: &str, most: usize) -> usize {
    // The words of `word_count`, counted at their first letter or digit, in one pass.
    // A block of ASCII bytes is read without a branch a byte (each byte's class from a table),
    // and the count compared with `most` after it; a character outside ASCII is decoded.
    let bytes = s.as_bytes();
    let mut words = 0;
    // 1 while the current word is counted, else 0.
    let mut counted = 0u8;
    let mut i = 0;
    while i < bytes.len() {
        let block = &bytes[i..(i + BLOCK).min(bytes.len())];
        if block.is_ascii() {
            for &b in block {
                let class = ASCII_CLASS[usize::from(b)];
                // A letter or digit outside a counted word starts one; white space ends it.
                words += usize::from(class & LETTER & !counted);
                counted = (counted | class) & LETTER & !(class >> 1);
            }
            i += block.len();
        } else {
            let c = s[i..].chars().next().expect("a character starts here");
            i += c.len_utf8();
            if c.is_whitespace() {
                counted = 0;
            } else if c.is_alphanumeric() && counted == 0 {
                counted = 1;
                words += 1;
            }
        }
        if words > most {
            return most + 1;
        }
    }
    words
}

/// The words of a line as [`Line::without_content`] reads them (white-space separated tokens
/// holding a letter or digit, `word_count`'s): how many; how many are of four characters or more
/// once bare (without the characters before their first letter or digit and after their last);
/// and how many of those start with a capital. One pass, an ASCII byte read as it is.
fn word_shapes(text: &str) -> (usize, usize, usize) {
    let (mut n, mut long, mut caps) = (0usize, 0usize, 0usize);
    // The current token: its characters so far, and where its first and last letter or digit
    // are (in characters), with whether the first is a capital.
    let mut chars = 0usize;
    let mut first: Option<(usize, bool)> = None;
    let mut last = 0usize;
    let mut end_token = |first: &mut Option<(usize, bool)>, last: usize| {
        if let Some((at, capital)) = first.take() {
            n += 1;
            if last - at + 1 >= 4 {
                long += 1;
                caps += usize::from(capital);
            }
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (white, letter, capital) = if b.is_ascii() {
            i += 1;
            let class = ASCII_CLASS[usize::from(b)];
            (class == WHITE, class == LETTER, b.is_ascii_uppercase())
        } else {
            let c = text[i..].chars().next().expect("a character starts here");
            i += c.len_utf8();
            (c.is_whitespace(), c.is_alphanumeric(), c.is_uppercase())
        };
        if white {
            end_token(&mut first, last);
            chars = 0;
            continue;
        }
        if letter {
            first.get_or_insert((chars, capital));
            last = chars;
        }
        chars += 1;
    }
    end_token(&mut first, last);
    (n, long, caps)
}

/// Physical lines of a block's prose: (span of the trimmed line, trimmed text).
pub fn lines_of<'d>(doc: &'d Document, block: Span) -> impl Iterator<Item = (Span, &'d str)> + 'd {
    let text = doc.prose_of(block);
    let mut offset = block.start;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len();
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        (!trimmed.is_empty()).then(|| {
            (
                Span::new(start + lead, start + lead + trimmed.len()),
                trimmed,
            )
        })
    })
}

/// The text of a table row or a bulleted line without its frame: the cells of "| a | b |"
/// joined by a space, and a leading "- ", "• " or "» " dropped.
pub fn unframed(line: &str) -> Cow<'_, str> {
    let s = line.trim();
    if s.starts_with('|') {
        let joined = s
            .split('|')
            .map(|c| c.trim().trim_end_matches('\\').trim())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        return Cow::Owned(unbulleted(&joined).to_string());
    }
    // Most lines have no frame: a slice of the line, not a copy.
    Cow::Borrowed(unbulleted(s))
}

/// A line without its leading bullet ("- ", "• ", "> ").
fn unbulleted(mut s: &str) -> &str {
    let bullet = s
        .char_indices()
        .take_while(|(_, c)| matches!(c, '-' | '–' | '—' | '•' | '·' | '*' | '>' | '»'))
        .last()
        .map(|(i, c)| i + c.len_utf8());
    if let Some(end) = bullet
        && s[end..].starts_with(char::is_whitespace)
    {
        s = s[end..].trim_start();
    }
    s
}

/// Whether a line ends like a sentence: `.`, `!`, `?` or `…`, perhaps inside closing quotes or
/// brackets.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '\u{2026}'])
}

/// The thresholds that decide a line's shape.
#[derive(Clone, Debug)]
pub struct Shape {
    /// A line of at least this many words is prose.
    pub prose_words: usize,
    /// A line ending like a sentence is prose from this many words, unless it is title case.
    pub sentence_words: usize,
    /// The share of long words (four letters or more) that must be capitalised for title case.
    pub title_case: f64,
}

/// One physical line of a story's prose, with its shape.
#[derive(Clone, Debug)]
pub struct Line<'d> {
    /// The trimmed line.
    pub span: Span,
    /// The block it belongs to (index into `Document::blocks`).
    pub block: usize,
    /// That block's kind.
    pub kind: BlockKind,
    /// The line without a table frame or bullet.
    pub text: Cow<'d, str>,
    /// Words in `text`.
    pub words: usize,
    /// Ends like a sentence.
    pub sentence: bool,
    /// Starts with a lower-case letter: the continuation of a wrapped sentence.
    pub lower: bool,
    /// Most of its long words are capitalised.
    pub title: bool,
    /// Reads as a line of prose: long, or a sentence that is not a title.
    pub prose: bool,
    /// The original line has no letter or digit at all (`| | |`, `-----`).
    pub bare: bool,
    /// Its words of a subject (see [`Line::content`]), found on first use: most lines are never
    /// compared with the story's subject.
    content: OnceCell<Vec<String>>,
    /// The bits of the `context` rule's line sets that may match `text`, from one scan of it
    /// for all of them (see [`crate::rules::lineset::Joint`]); all of them until it is read.
    pub may: u32,
}

/// The words of a subject in a line's text: lower case, four letters or more, not in the
/// lexicon's `residue_function_words`; sorted, each once.
fn content_words(lex: &Lexicon, text: &str) -> Vec<String> {
    let function_words = &lex[ListId::ResidueFunctionWords];
    let mut content: Vec<String> = Vec::new();
    // An ASCII word keeps its length when lowered: a short one is dropped before, and a long one
    // is lowered into `lower` and copied only if it is not a function word.
    let mut lower = String::new();
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.is_ascii() {
            if w.len() >= 4 {
                lower.clear();
                lower.push_str(w);
                lower.make_ascii_lowercase();
                if !function_words.contains(&lower) {
                    content.push(lower.clone());
                }
            }
        } else {
            let w = w.to_lowercase();
            if w.chars().count() >= 4 && !function_words.contains(&w) {
                content.push(w);
            }
        }
    }
    content.sort_unstable();
    content.dedup();
    content
}

/// The whole physical line of the source around `span`, trimmed.
pub fn source_line<'d>(doc: &'d Document, span: Span) -> &'d str {
    let index = &doc.source.line_index;
    let whole = index.line_span(&doc.source.text, index.line_of(span.start));
    doc.text_of(whole).trim()
}

impl<'d> Line<'d> {
    /// Its words of a subject: lower case, four letters or more, not in the lexicon's
    /// `residue_function_words`; sorted, each once. Found on first use (lowering and sorting
    /// its words is most of the cost of a line).
    pub fn content(&self, lex: &Lexicon) -> &[String] {
        self.content.get_or_init(|| content_words(lex, &self.text))
    }

    /// The shape of one line; its content words are found when first asked for.
    pub fn without_content(
        doc: &'d Document,
        span: Span,
        block: usize,
        kind: BlockKind,
        shape: &Shape,
    ) -> Line<'d> {
        let text = unframed(doc.prose_of(span));
        // Its words; those of four characters or more once bare, and how many of those are
        // capitalised.
        let (n, long, caps) = word_shapes(&text);
        let title = long >= 2 && caps as f64 >= shape.title_case * long as f64;
        let sentence = ends_sentence(&text);
        let lower = text.chars().next().is_some_and(char::is_lowercase);
        let prose = n >= shape.prose_words
            || (sentence && n >= shape.sentence_words && !title)
            || (lower && n >= shape.sentence_words);
        let bare = !source_line(doc, span).chars().any(char::is_alphanumeric);
        Line {
            span,
            block,
            kind,
            words: n,
            sentence,
            lower,
            title,
            prose,
            bare,
            text,
            content: OnceCell::new(),
            may: u32::MAX,
        }
    }

    /// The story's own structure, never residue by context: a line of figures, a "Label: value"
    /// field, a row of a table, a lead-in or a link.
    pub fn own_structure(&self, doc: &Document) -> bool {
        self.figures() || self.field() || self.data_row(doc) || self.lead_in_or_link()
    }

    /// A line that only introduces what follows ("On the Net:", "His record stands thus:"), or a
    /// line whose words are all a link (its prose is blank). Never residue by context.
    pub fn lead_in_or_link(&self) -> bool {
        self.text.trim_end().ends_with(':') || (self.words == 0 && !self.bare)
    }

    /// A line of figures: half its words or more are numbers, amounts or times ("$46,658",
    /// "14215", "1'32.4"). Tables and results flattened into lines; never residue by context.
    pub fn figures(&self) -> bool {
        let (mut words, mut figures) = (0usize, 0usize);
        for w in self.text.split_whitespace() {
            if !w.chars().any(char::is_alphanumeric) {
                continue;
            }
            words += 1;
            let w = w.trim_start_matches(['-', '+', '(', '$', '£', '€']);
            if w.chars().next().is_some_and(|c| c.is_ascii_digit())
                && w.chars().filter(|c| c.is_alphabetic()).count() <= 3
            {
                figures += 1;
            }
        }
        words > 0 && figures * 2 >= words
    }

    /// A field of a structured list, "Label: value" with a label of one to three words
    /// ("Director: Anne Fletcher", "Age: 50"). Never residue by context.
    pub fn field(&self) -> bool {
        self.text.split_once(':').is_some_and(|(label, value)| {
            (1..=3).contains(&word_count(label))
                && label.chars().next().is_some_and(char::is_alphabetic)
                && !label.contains(['.', ',', '|'])
                && value.starts_with(char::is_whitespace)
                && !value.trim().is_empty()
        })
    }

    /// A row of a data table: a framed row ("| Men | 33 | 42 |") with a figure in a cell, or a
    /// numbered entry ("3. Haga (Yamaha) 1'32.4").
    pub fn data_row(&self, doc: &Document) -> bool {
        let raw = doc.prose_of(self.span).trim();
        let numbered = {
            let digits = raw.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && raw[digits..].starts_with(". ")
        };
        let cells: Vec<&str> = raw
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        numbered
            || (raw.starts_with('|')
                && cells.len() >= 2
                && cells.iter().any(|c| {
                    c.chars().next().is_some_and(|ch| ch.is_ascii_digit())
                        && c.chars().filter(|ch| ch.is_alphabetic()).count() <= 3
                }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_to_one_past_the_most() {
        for s in [
            "one two three four five six seven",
            "\u{201c}Zoë\u{201d} said\u{a0}it,\u{2003}naïve — élan 3 4 5 6 7 8",
            "a\u{a0}b\u{a0}c\u{a0}d\u{a0}e\u{a0}f\u{a0}g",
            "a\x0bb\x0cc\rd\te\nf g h i",
            "-- -- -- -- -- -- -- -- -- -- x",
            "",
        ] {
            // The same words as `word_count`'s.
            let n = word_count(s);
            for max in 0..12 {
                assert_eq!(at_most_words(s, max), n <= max, "{s:?} {max}");
                assert_eq!(words_up_to(s, max), n.min(max + 1), "{s:?} {max}");
            }
        }
    }

    /// A word stripped of the quotes and brackets around it.
    fn bare(word: &str) -> &str {
        word.trim_matches(|c: char| !c.is_alphanumeric())
    }

    /// The word shapes as the words split at white space, each made bare, read them.
    fn shapes_by_words(text: &str) -> (usize, usize, usize) {
        let (mut n, mut long, mut caps) = (0, 0, 0);
        for w in text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
        {
            n += 1;
            let w = bare(w);
            if w.chars().nth(3).is_some() {
                long += 1;
                caps += usize::from(w.chars().next().is_some_and(char::is_uppercase));
            }
        }
        (n, long, caps)
    }

    #[test]
    fn word_shapes_are_those_of_the_bare_words() {
        for s in [
            "One two Three four five six seven",
            "\u{201c}Zoë\u{201d} said\u{a0}it,\u{2003}Naïve — Élan 3 4 5 6 7 8",
            "a\u{a0}b\u{a0}c\u{a0}d\u{a0}e\u{a0}f\u{a0}g",
            "a\x0bb\x0cc\rd\te\nf g h i",
            "-- -- -- -- x -- -- (Abcd) \"Ab.c\" ab-cd ...Wxyz... É...é ÉÉÉÉ x1-2y",
            "  Über   straße\u{2028}ŒUVRE 1234 12,5 (A) [ABC] a.b.c.d",
            "",
            " ",
        ] {
            assert_eq!(word_shapes(s), shapes_by_words(s), "{s:?}");
        }
    }
}
