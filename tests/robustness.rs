//! A seeded property test over random stories built from the hostile shapes: every check runs
//! without a panic, in every output format and in the language server's conversion; every span in
//! the JSON (findings, secondary labels, fix edits) lies within the file and on character
//! boundaries; findings come back sorted, and the same on a second run; fixes converge.
//!
//! `COPYDESK_FUZZ_CASES=N` runs more cases; a failure prints its seed, and `COPYDESK_FUZZ_SEED=S`
//! replays that one case.

use copydesk::batch::{self, FileReport, Input, Options};
use copydesk::config::Config;
use copydesk::emit::{
    Checkstyle, Concise, Emitter, Github, Html, Human, Json, JsonLines, Rdjson, RuleDocs, Sarif,
    Summary,
};
use copydesk::fix::{Applicability, converge};
use copydesk::lsp::convert::{Encoding, LineMap};
use copydesk::source::Source;
use serde_json::Value;
use std::sync::Arc;

/// xorshift64*: small, seeded, the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Pieces of the shapes that were slow or fragile, and of odd text.
const PIECES: &[&str] = &[
    "See https://example.com/TK/page?id=XX&ref=[link] and TK here. ",
    "www.example.org/a/XX ",
    "\"We will win the vote.\" ",
    "He said \"yes and ",
    "\u{201c}Open quote without end ",
    "\u{201d} stray closer ",
    "'single' ",
    "The fire destroyed TK homes and XX cars [photo] ??? . ",
    "12 12 12 ",
    "twenty-one two dozen three hundred ",
    "Turnout was 47% in May and 52 percent in June. ",
    "The council met on June 3, 2025, then on Tuesday, again yesterday and on 3/4/2024. ",
    "| a | b | TK |\n|---|---|---|\n| 1 | 2 | 3 |\n",
    "> > > nested TK quote\n",
    "> ",
    "- list item TK\n",
    "1. first\n",
    "    indented code TK\n",
    "```\ncode TK\n```\n",
    "`inline TK` ",
    "<b>TK</b> <!-- note --> ",
    "<!-- unclosed comment ",
    "[link text](https://x.org/TK) ",
    "![alt TK](img.png) ",
    "Mr. Smith and Dr. Jones of the U.S. met Jan. 5 at 3 p.m. ",
    "We spent alot of time in advance planning. ",
    "Officials said, according to sources familiar with the matter. ",
    "Read more: Council weighs new parking rules\n",
    "Advertisement\n",
    "By Jane Doe\n",
    "# Headline TK\n",
    "## Heading\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "   ",
    "e\u{301}\u{301}\u{301} ",
    "😀👍🏽👨‍👩‍👧 ",
    "שלום עולם مرحبا \u{200f} ",
    "\u{202e}reversed\u{202c} ",
    "\u{0} ",
    "\u{1b}[31m ",
    "\u{feff}",
    "\u{2028}",
    "...",
    "?!",
    ". ",
    "\"",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "\\",
    "|",
    "#",
    "---\n",
    "+++\n",
];

const FRONT_MATTER: &[&str] = &[
    "---\ntitle: TK\ndate: 2025-06-04\n---\n",
    "---\ndate: yesterday\n---\n",
    "---\ntitle: [unclosed\n---\n",
    "---\nno end\n",
    "+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n",
    "+++\ndate = 2025-06-04\n+++\n",
    "\u{feff}---\ntitle: BOM\n---\n",
];

fn story(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.below(5) == 0 {
        s.push_str(rng.pick(FRONT_MATTER));
    }
    let pieces = 1 + rng.below(60);
    for _ in 0..pieces {
        let piece = rng.pick(PIECES);
        // Sometimes a piece many times over, for long lines and deep nesting.
        let times = if rng.below(8) == 0 {
            1 + rng.below(80)
        } else {
            1
        };
        for _ in 0..times {
            s.push_str(piece);
        }
        if rng.below(6) == 0 {
            // Any character at all, now and then.
            let c = char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}');
            s.push(c);
        }
    }
    s
}

fn boundary(text: &str, at: &Value, what: &str) -> usize {
    let offset = at
        .as_u64()
        .unwrap_or_else(|| panic!("{what}: not a number")) as usize;
    assert!(offset <= text.len(), "{what}: {offset} past the end");
    assert!(
        text.is_char_boundary(offset),
        "{what}: {offset} is inside a character"
    );
    offset
}

fn check_span(text: &str, span: &Value, what: &str) {
    let start = boundary(text, &span["start"], what);
    let end = boundary(text, &span["end"], what);
    assert!(start <= end, "{what}: {start} > {end}");
}

fn emit_all(reports: &[FileReport]) -> Vec<(String, Vec<u8>)> {
    let summary = Summary::of(reports, &[]);
    let mut emitters: Vec<(&str, Box<dyn Emitter>)> = vec![
        ("json", Box::new(Json)),
        ("human", Box::new(Human { color: true })),
        ("concise", Box::new(Concise)),
        ("jsonl", Box::new(JsonLines)),
        (
            "sarif",
            Box::new(Sarif {
                rules: RuleDocs::new(),
            }),
        ),
        ("github", Box::new(Github { step_summary: None })),
        ("checkstyle", Box::new(Checkstyle)),
        (
            "rdjson",
            Box::new(Rdjson {
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
    emitters
        .iter_mut()
        .map(|(name, e)| {
            let mut out = Vec::new();
            e.emit(reports, &[], &summary, &mut out).unwrap();
            (name.to_string(), out)
        })
        .collect()
}

fn run_case(seed: u64, config: &Arc<Config>) {
    let mut rng = Rng(seed | 1);
    let text = story(&mut rng);
    let name = if rng.below(4) == 0 {
        "story.txt"
    } else {
        "story.md"
    };
    let options = Options {
        date: (rng.below(2) == 0).then(|| jiff::civil::date(2025, 6, 4)),
        ..Options::default()
    };
    let check = |text: &str| {
        let out = batch::check_batch(
            vec![Input {
                source: Source::new(name, text),
                config: config.clone(),
            }],
            &options,
        );
        match out.into_iter().next().unwrap() {
            Ok(report) => report,
            Err(e) => panic!("seed {seed}: {}\n{text:?}", e.message),
        }
    };
    let report = check(&text);

    // Sorted, and the same again.
    let keys: Vec<_> = report.diagnostics.iter().map(|d| d.sort_key()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "seed {seed}: findings out of order");
    let again = check(&text);
    assert_eq!(
        format!("{:?}", report.diagnostics),
        format!("{:?}", again.diagnostics),
        "seed {seed}: a second run differs"
    );

    // Every output format, and the language server's positions.
    let lines = LineMap::new(&text);
    for d in &report.diagnostics {
        for span in std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span)) {
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let range = lines.range(&text, span, encoding);
                assert!(range.start.line <= range.end.line, "seed {seed}");
            }
        }
    }
    let reports = vec![report];
    let outputs = emit_all(&reports);
    let json: Value = serde_json::from_slice(&outputs[0].1)
        .unwrap_or_else(|e| panic!("seed {seed}: JSON does not parse: {e}"));
    for d in json["diagnostics"].as_array().unwrap() {
        check_span(&text, &d["span"], &format!("seed {seed}: {}", d["rule"]));
        for l in d["secondary"].as_array().unwrap() {
            check_span(&text, &l["span"], &format!("seed {seed}: secondary"));
        }
        if let Some(edits) = d["fix"]["edits"].as_array() {
            for e in edits {
                check_span(&text, &e["span"], &format!("seed {seed}: fix edit"));
            }
        }
    }
    for (format, bytes) in &outputs[1..] {
        // JSON Lines is empty when nothing is found; the others at least summarise.
        assert!(
            format == "jsonl" || !bytes.is_empty(),
            "seed {seed}: {format} wrote nothing at all"
        );
    }

    // Fixes converge (or stop after the last round) without a panic.
    if rng.below(3) == 0 {
        let fixed = converge(&text, Applicability::Unsafe, |t| check(t).diagnostics);
        let _ = fixed.text.len();
    }
}

#[test]
fn random_hostile_stories_never_break_a_check() {
    let config = Arc::new(Config::builtin());
    if let Some(seed) = std::env::var("COPYDESK_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        run_case(seed, &config);
        return;
    }
    let cases: u64 = std::env::var("COPYDESK_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    let base = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // A fixed set every time (regressions stay caught) and a few new ones each run.
    let seeds = (1..=cases).chain((0..cases / 10).map(|i| base.wrapping_mul(31).wrapping_add(i)));
    for seed in seeds {
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_case(seed, &config)));
        if let Err(e) = result {
            let message = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("failed with COPYDESK_FUZZ_SEED={seed}: {message}");
        }
    }
}

/// Real copy cut after any word, the paragraph left open (no closing punctuation), is checked
/// without an internal error: the recognisers read ahead of where a phrase starts, and a story
/// may end on any word of one ("Here it is" once ran the sourcing reader past the last word).
/// Cut within the first 1,500 bytes of the body of every real Wikinews article of the set (CC BY
/// 2.5).
#[test]
fn real_copy_cut_after_any_word_is_checked() {
    let config = Arc::new(Config::builtin());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/eval/real-wikinews");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("the real Wikinews set")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("README.md"))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for path in &names {
        let text = std::fs::read_to_string(path).expect("a story");
        // The body's first 1,500 bytes, after the front matter (which every cut keeps).
        let body = text[3..].find("\n---\n").map_or(0, |at| at + 8);
        let mut head = (body + 1500).min(text.len());
        while !text.is_char_boundary(head) {
            head -= 1;
        }
        let cuts = text[body..head]
            .match_indices([' ', '\n'])
            .map(|(at, _)| body + at)
            .collect::<Vec<_>>();
        let inputs = cuts
            .iter()
            .map(|&at| Input {
                source: Source::new("story.md", text[..at].to_string()),
                config: config.clone(),
            })
            .collect();
        for (at, report) in cuts
            .iter()
            .zip(batch::check_batch(inputs, &Options::default()))
        {
            if let Err(e) = report {
                failures.push(format!("{} cut at {at}: {e:?}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
