//! Criterion benches of the library API (issue 17): re-linting a 10 KB story with the
//! configuration compiled once, as the language server does on every edit, through
//! `batch::check_batch` (parse, rules, suppressions); and parsing alone, for scale. Also a story
//! of 1, 2 and 4 × 64 KB of figures and quotations, to show the slope stays linear.
//!
//! `cargo bench --bench relint` (benches/suite.sh runs it and reports the median).

use copydesk::batch::{self, Input, Options};
use copydesk::config::Config;
use copydesk::document::{Document, Format};
use copydesk::source::Source;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::sync::Arc;

/// A real story (Wikinews, CC BY 2.5), cut at a paragraph break to at most 10 KB.
const STORY: &str = include_str!(
    "../fixtures/eval/real-wikinews/2020-12-18_Gregory-Kurtzer-discusses-plans-for-Rocky-Linux-with-Wikinews-as-Red-Hat-announc.md"
);

fn ten_kb() -> String {
    let cut = STORY[..(10 * 1024).min(STORY.len())]
        .rfind("\n\n")
        .expect("a paragraph break");
    format!("{}\n", &STORY[..cut])
}

fn relint(c: &mut Criterion) {
    let config = Arc::new(Config::builtin());
    let story = ten_kb();
    let options = Options::default();
    let mut group = c.benchmark_group("relint");
    group.throughput(Throughput::Bytes(story.len() as u64));
    group.bench_function("10kb-story", |b| {
        b.iter(|| {
            let input = Input {
                source: Source::new("story.md".to_string(), story.clone()),
                config: config.clone(),
            };
            black_box(batch::check_batch(vec![input], &options))
        })
    });
    group.bench_function("10kb-parse-only", |b| {
        b.iter(|| {
            let source = Source::new("story.md".to_string(), story.clone());
            let doc = Document::parse_with(&source, Format::Markdown, &config.lexicon);
            black_box(doc.blocks.len())
        })
    });
    group.finish();

    let mut slope = c.benchmark_group("slope");
    slope.sample_size(10);
    let unit = "Costs rose 12 percent, to $4.5 million, on Tuesday, March 3, 2021. \u{201c}We will rebuild,\u{201d} the mayor said. 1,200 people came.\n\n";
    for k in [1usize, 2, 4] {
        let text = unit.repeat(k * 64 * 1024 / unit.len());
        slope.throughput(Throughput::Bytes(text.len() as u64));
        slope.bench_with_input(
            BenchmarkId::new("figures-quotes", k * 64),
            &text,
            |b, text| {
                b.iter(|| {
                    let input = Input {
                        source: Source::new("big.md".to_string(), text.clone()),
                        config: config.clone(),
                    };
                    black_box(batch::check_batch(vec![input], &options))
                })
            },
        );
    }
    slope.finish();
}

criterion_group!(benches, relint);
criterion_main!(benches);
