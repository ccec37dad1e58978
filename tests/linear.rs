//! The shapes that were once quadratic (issue #18), at a megabyte. Each runs the whole path here
//! (parsing, every rule, the JSON and human reports with their columns, `inspect`) and must come
//! out whole and right. The time each takes is printed, never asserted: a wall-clock bound in a
//! test fails on a slow machine and passes a slope that is merely slow. The slope is measured and
//! gated by the stress benchmark, `benches/stress.py` (CI runs it: a time ratio per doubling of
//! the input above 2.5 fails).

mod common;

use copydesk::batch::{self, FileReport, Input, Options};
use copydesk::config::Config;
use copydesk::diagnostic::{Diagnostic, Severity};
use copydesk::emit::{
    Checkstyle, Concise, Emitter, Github, Html, Human, Json, Rdjson, RuleDocs, Sarif, Summary,
};
use copydesk::lsp::convert::{Encoding, LineMap};
use copydesk::source::Source;
use copydesk::span::Span;
use std::sync::Arc;
use std::time::Instant;

/// The size each shape is checked at: a quadratic path takes minutes here.
const SIZE: usize = 1 << 20;

fn repeat(unit: impl Fn(usize) -> String, size: usize) -> String {
    let mut out = String::with_capacity(size + 200);
    let mut i = 0;
    while out.len() < size {
        out.push_str(&unit(i));
        i += 1;
    }
    out.push('\n');
    out
}

fn letters(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

/// Checks `text` and writes the JSON and human reports, printing the time each took.
fn assert_linear(shape: &str, text: String) {
    let start = Instant::now();
    let config = Arc::new(Config::builtin());
    let report: FileReport = batch::check_batch(
        vec![Input {
            source: Source::new(format!("{shape}.md"), text),
            config,
        }],
        &Options {
            date: Some(jiff::civil::date(2025, 6, 4)),
            ..Options::default()
        },
    )
    .pop()
    .unwrap()
    .unwrap_or_else(|e| panic!("{shape}: {}", e.message));
    let checked = start.elapsed();
    let reports = [report];
    let summary = Summary::of(&reports, &[]);
    let mut sink = Vec::new();
    Json.emit(&reports, &[], &summary, &mut sink).unwrap();
    Human { color: false }
        .emit(&reports, &[], &summary, &mut sink)
        .unwrap();
    let elapsed = start.elapsed();
    eprintln!(
        "{shape}: {} findings; checked in {checked:?}, reported in {:?}",
        reports[0].diagnostics.len(),
        elapsed - checked
    );
    assert!(!sink.is_empty(), "{shape}: the reports are written");
}

/// Every report counts the column of each finding. Counted from the start of its line, 50,000
/// findings on one line of 4 MB cost 10^11 character steps per report; counted from the
/// running counts of `LineIndex`, a few thousand each.
#[test]
fn columns_of_many_findings_on_one_very_long_line() {
    let unit = "Café 😀 spent alot of time, שלום. ";
    let text = unit.repeat((4 << 20) / unit.len());
    let diagnostics: Vec<Diagnostic> = text
        .match_indices("alot")
        .step_by(2)
        .map(|(at, _)| {
            Diagnostic::new(
                "style.usage",
                Severity::Warning,
                "'alot' should be 'a lot'",
                Span::new(at, at + 4),
            )
        })
        .collect();
    let count = diagnostics.len();
    // The language server's positions, in both units.
    let start = Instant::now();
    let lines = LineMap::new(&text);
    for d in &diagnostics {
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let _ = lines.range(&text, d.primary.span, encoding);
        }
    }
    let elapsed = start.elapsed();
    eprintln!("lsp: {count} findings on one 4 MB line in {elapsed:?}");
    let reports = [FileReport {
        source: Source::new("long.md", text),
        diagnostics,
        anchor: None,
    }];
    let summary = Summary::of(&reports, &[]);
    let emitters: Vec<(&str, Box<dyn Emitter>)> = vec![
        ("json", Box::new(Json)),
        ("human", Box::new(Human { color: false })),
        ("concise", Box::new(Concise)),
        ("github", Box::new(Github { step_summary: None })),
        ("checkstyle", Box::new(Checkstyle)),
        (
            "rdjson",
            Box::new(Rdjson {
                rules: RuleDocs::new(),
            }),
        ),
        (
            "sarif",
            Box::new(Sarif {
                rules: RuleDocs::new(),
            }),
        ),
        (
            "html",
            Box::new(Html {
                rules: RuleDocs::new(),
            }),
        ),
    ];
    for (name, mut emitter) in emitters {
        let start = Instant::now();
        let mut sink = Vec::new();
        emitter.emit(&reports, &[], &summary, &mut sink).unwrap();
        let elapsed = start.elapsed();
        eprintln!("{name}: {count} findings on one 4 MB line in {elapsed:?}");
        assert!(!sink.is_empty(), "{name}: the report is written");
    }
}

#[test]
fn many_findings_on_one_line() {
    assert_linear(
        "usage-one-line",
        repeat(|_| "We spent alot of time. ".to_string(), SIZE),
    );
}

#[test]
fn mixed_percent_forms() {
    assert_linear(
        "percent-mix",
        repeat(
            |i| {
                format!(
                    "Turnout was {}% in May and {} percent in June. ",
                    i % 90 + 5,
                    i % 80 + 7
                )
            },
            SIZE,
        ),
    );
}

#[test]
fn dates_on_one_line() {
    assert_linear(
        "dates-one-line",
        repeat(
            |i| {
                format!(
                    "The council met on June {}, 2025, then on Tuesday, again yesterday and on {}/{}/2024. ",
                    i % 28 + 1,
                    i % 12 + 1,
                    i % 28 + 1
                )
            },
            SIZE,
        ),
    );
}

/// Undated days, calendar rules and unnamed officials in one paragraph: each once read the rest
/// of the paragraph per mention (a reason for anonymity, the narrative's dated days, the words
/// after a weekday or a recurring date).
#[test]
fn sourced_days_in_one_paragraph() {
    assert_linear(
        "sourced-days-one-paragraph",
        repeat(
            |i| {
                format!(
                    "Officials said the board met on June {} and closed Dec. 31 of the calendar year; on the first Tuesday of May it voted. ",
                    i % 28 + 1
                )
            },
            SIZE,
        ),
    );
}

#[test]
fn a_wide_one_row_table() {
    let cells = SIZE / 40;
    let header: Vec<String> = (0..cells)
        .map(|i| format!(" Column {} ", letters(i)))
        .collect();
    let rule = vec!["---"; cells];
    let row: Vec<String> = (0..cells)
        .map(|i| format!(" {} TK on June {} ", i % 97, i % 28 + 1))
        .collect();
    assert_linear(
        "wide-table",
        format!(
            "|{}|\n|{}|\n|{}|\n",
            header.join("|"),
            rule.join("|"),
            row.join("|")
        ),
    );
}

#[test]
fn deeply_nested_block_quotes() {
    let depth = SIZE / 4;
    assert_linear(
        "nested-quotes",
        format!("{}Officials said so.\n", "> ".repeat(depth)),
    );
}

#[test]
fn sentences_with_abbreviations() {
    assert_linear(
        "abbreviations",
        repeat(
            |_| "Mr. Smith and Dr. Jones of the U.S. met Jan. 5 at 3 p.m. and left... ".into(),
            SIZE,
        ),
    );
}

#[test]
fn many_placeholders() {
    assert_linear(
        "placeholders",
        repeat(
            |_| "The fire destroyed TK homes and XX cars [photo] ??? . ".into(),
            SIZE,
        ),
    );
}

#[test]
fn urls_with_placeholders() {
    assert_linear(
        "urls-placeholders",
        repeat(
            |i| {
                format!(
                    "See https://example.com/TK/page-{i}?id=XX&ref=[link] and TK here, or www.example.org/{}/XX. ",
                    letters(i)
                )
            },
            SIZE,
        ),
    );
}

#[test]
fn lines_of_nested_quotes() {
    assert_linear(
        "nested-lines",
        repeat(
            |i| format!("{}The mayor said TK people came.\n", "> ".repeat(i % 300)),
            SIZE,
        ),
    );
}

#[test]
fn links_and_html() {
    assert_linear(
        "links-html",
        repeat(
            |i| {
                format!(
                    "See [the report {i}](https://example.com/{i}) and <b>TK</b> <!-- note -->. "
                )
            },
            SIZE,
        ),
    );
}

#[test]
fn back_to_back_quotations() {
    assert_linear(
        "quoted-sentences",
        repeat(|_| "\"We will win the vote.\" ".into(), SIZE),
    );
}

#[test]
fn unbalanced_quotes_on_one_line() {
    assert_linear(
        "unbalanced-quotes",
        repeat(|_| "He said \"yes and ".into(), SIZE),
    );
}

#[test]
fn one_figure_repeated_in_one_sentence() {
    let mut text = "Officials counted ".to_string();
    text.push_str(&repeat(|_| "12 ".into(), SIZE));
    assert_linear("repeated-figures", text);
}

#[test]
fn number_words_in_one_sentence() {
    let mut text = "They saw ".to_string();
    text.push_str(&repeat(
        |_| "twenty-one two dozen three hundred ".into(),
        SIZE,
    ));
    assert_linear("number-words", text);
}

#[test]
fn many_short_distinct_lines() {
    assert_linear(
        "template-lines",
        repeat(|i| format!("Notice {} posted\n", letters(i)), SIZE),
    );
}

/// `copydesk inspect` lists every quotation with its speaker: the speaker finder reads a bounded
/// stretch of the sentence around each one, so a megabyte of quotation marks on one line (closed
/// or not) is listed in linear time, in both formats.
#[test]
fn inspect_of_many_quotations_on_one_line() {
    let dir = common::temp_dir("linear-inspect");
    let shapes = [
        (
            "unbalanced-quotes",
            repeat(|_| "He said \"yes and ".into(), SIZE),
        ),
        (
            "quoted-sentences",
            repeat(|_| "\"We will win the vote.\" ".into(), SIZE),
        ),
    ];
    for (shape, text) in shapes {
        let file = format!("{shape}.md");
        std::fs::write(dir.join(&file), text).unwrap();
        for format in ["json", "human"] {
            let start = Instant::now();
            let out = common::run_in(&dir, &["inspect", &file, "--format", format], None);
            let elapsed = start.elapsed();
            assert!(out.status.success(), "{shape}: {}", common::stderr(&out));
            let listed = common::stdout(&out);
            assert!(
                listed.len() > SIZE,
                "{shape} {format}: every quotation is listed"
            );
            eprintln!("inspect {format} {shape}: {elapsed:?}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
