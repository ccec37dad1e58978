//! Property tests (proptest) over arbitrary Unicode and Markdown-shaped text (issue #18, item 3):
//! - linting never panics, and every span it gives (findings, labels, fix edits) lies within the
//!   text on character boundaries;
//! - findings come back sorted, and the same on a second run;
//! - `LineIndex` and the language server's `LineMap` turn every offset into a position and back,
//!   in UTF-8, UTF-16 and code points, and agree with each other;
//! - applying fixes converges, and fixing the fixed text changes nothing.
//!
//! The case counts are kept small so that the suite stays fast in a debug build;
//! `PROPTEST_CASES=N` runs more. `tests/robustness.rs` runs the hand-made hostile shapes, and
//! `fuzz/` the same properties under a coverage-guided fuzzer.

use copydesk::batch::{self, FileReport, Input, Options};
use copydesk::config::Config;
use copydesk::diagnostic::Diagnostic;
use copydesk::fix::{Applicability, converge};
use copydesk::lsp::convert::{Encoding, LineMap};
use copydesk::source::{ColumnUnit, LineIndex};
use copydesk::span::Span;
use proptest::prelude::*;
use std::sync::{Arc, LazyLock};

static CONFIG: LazyLock<Arc<Config>> = LazyLock::new(|| Arc::new(Config::builtin()));

/// Pieces of Markdown and of news copy, and of what breaks parsers.
const PIECES: &[&str] = &[
    "---\n",
    "+++\n",
    "title: Fire TK\n",
    "date: 2025-06-04\n",
    "date: yesterday\n",
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "    ",
    "```\n",
    "`",
    "**",
    "_",
    "[",
    "](",
    ")",
    "![",
    "<b>",
    "</b>",
    "<!-- ",
    " -->",
    "| a | b |\n",
    "|---|---|\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\"",
    "\u{201c}",
    "\u{201d}",
    "'",
    "\u{2019}",
    ". ",
    "? ",
    "! ",
    ", ",
    ": ",
    "; ",
    "...",
    "—",
    "TK",
    "XX",
    "[photo]",
    "???",
    "https://example.com/TK?id=XX",
    "www.example.org/a",
    "officials said",
    "Mayor Ana Ruiz said",
    "according to",
    "We spent alot of time",
    "The fire killed 12 people",
    "14 people died",
    "twenty-one",
    "three",
    "2.5",
    "1,000",
    "1000",
    "47%",
    "52 percent",
    "$14.5 million",
    "on Monday",
    "June 3, 2025",
    "3/4/2024",
    "yesterday",
    "Mr. ",
    "Dr. ",
    "U.S. ",
    "p.m. ",
    "Read more: Council weighs parking rules\n",
    "Advertisement\n",
    "By Jane Doe\n",
    "e\u{301}",
    "😀",
    "👨‍👩‍👧",
    "שלום",
    "مرحبا",
    "\u{200f}",
    "\u{202e}",
    "\u{feff}",
    "\u{0}",
    "\u{1b}[31m",
    "\u{2028}",
    "\u{fffd}",
];

/// Text made of the pieces above, with any character now and then.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

/// Any Unicode at all.
fn unicode() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..120).prop_map(String::from_iter)
}

/// Either, for the properties that hold of any text.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![3 => markdownish(), 1 => unicode()]
}

fn check(name: &str, text: &str) -> FileReport {
    let out = batch::check_batch(
        vec![Input {
            source: copydesk::source::Source::new(name, text),
            config: CONFIG.clone(),
        }],
        &Options {
            date: Some(jiff::civil::date(2025, 6, 4)),
            ..Options::default()
        },
    );
    match out.into_iter().next().expect("one result per input") {
        Ok(report) => report,
        Err(e) => panic!("{}: {text:?}", e.message),
    }
}

fn within(text: &str, span: Span) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "{span:?} runs backwards");
    prop_assert!(span.end <= text.len(), "{span:?} runs past the end");
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?} cuts a character"
    );
    Ok(())
}

fn every_span(d: &Diagnostic) -> impl Iterator<Item = Span> + '_ {
    std::iter::once(d.primary.span)
        .chain(d.secondary.iter().map(|l| l.span))
        .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)))
}

/// The naive inverse of a position: walk the line from its start, counting `unit`s.
fn naive_offset(
    text: &str,
    index: &LineIndex,
    line: usize,
    column: usize,
    unit: ColumnUnit,
) -> usize {
    let start = index.line_start(text, line - 1);
    let mut counted = 0;
    for (i, c) in text[start..].char_indices() {
        if counted == column - 1 {
            return start + i;
        }
        counted += match unit {
            ColumnUnit::Utf8 => c.len_utf8(),
            ColumnUnit::Utf16 => c.len_utf16(),
            ColumnUnit::CodePoint => 1,
        };
    }
    text.len()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(128),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Linting never panics, and every span is within the text, on character boundaries.
    #[test]
    fn spans_lie_within_the_text(text in text(), plain in any::<bool>()) {
        let name = if plain { "story.txt" } else { "story.md" };
        let report = check(name, &text);
        for d in &report.diagnostics {
            for span in every_span(d) {
                within(&text, span)?;
            }
        }
    }

    /// Findings are sorted, and a second run gives the same findings.
    #[test]
    fn findings_are_sorted_and_deterministic(text in text()) {
        let first = check("story.md", &text);
        let keys: Vec<_> = first.diagnostics.iter().map(|d| d.sort_key()).collect();
        prop_assert!(keys.is_sorted(), "findings out of order: {keys:?}");
        let second = check("story.md", &text);
        prop_assert_eq!(
            format!("{:?}", first.diagnostics),
            format!("{:?}", second.diagnostics)
        );
    }

    /// Every character boundary becomes a position and back, in every unit; positions never run
    /// backwards; and the language server's map agrees with the reports' index.
    #[test]
    fn positions_round_trip(text in text()) {
        let index = LineIndex::new(&text);
        let map = LineMap::new(&text);
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::CodePoint] {
            let mut last = None;
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                // Before the BOM is the same place as after it.
                if offset < bom {
                    continue;
                }
                let p = index.position(&text, offset, unit);
                prop_assert_eq!(naive_offset(&text, &index, p.line, p.column, unit), offset);
                if let Some(last) = last {
                    prop_assert!((p.line, p.column) > last, "{unit:?}: {p:?} not after {last:?}");
                }
                last = Some((p.line, p.column));
            }
        }
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                // Inside a CRLF line ending is the end of its line.
                if offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                    continue;
                }
                let p = map.position(&text, offset, encoding);
                prop_assert_eq!(map.offset(&text, p, encoding), offset, "{:?} at {}", encoding, offset);
                // Where the two agree on what a line is (no lone CR), they agree on the column.
                if !text.contains('\r') && offset >= bom && bom == 0 {
                    let unit = match encoding {
                        Encoding::Utf8 => ColumnUnit::Utf8,
                        Encoding::Utf16 => ColumnUnit::Utf16,
                    };
                    let q = index.position(&text, offset, unit);
                    prop_assert_eq!((q.line, q.column), (p.line as usize + 1, p.character as usize + 1));
                }
            }
        }
    }

    /// Applying fixes converges, the result has nothing left to fix, and every finding of the
    /// fixed text is still within it.
    #[test]
    fn fixes_converge_and_are_idempotent(text in markdownish(), unsafe_too in any::<bool>()) {
        let most = if unsafe_too { Applicability::Unsafe } else { Applicability::Safe };
        let fixed = converge(&text, most, |t| check("story.md", t).diagnostics);
        prop_assert!(fixed.stable, "fixes did not converge: {:?} → {:?}", text, fixed.text);
        let again = converge(&fixed.text, most, |t| check("story.md", t).diagnostics);
        prop_assert_eq!(again.applied, 0);
        prop_assert_eq!(&again.text, &fixed.text);
        for d in &check("story.md", &fixed.text).diagnostics {
            for span in every_span(d) {
                within(&fixed.text, span)?;
            }
        }
    }
}
