//! A fixed number of re-lints of the 10 KB bench story (benches/relint.rs) through the library
//! API, with the configuration compiled once, for profiling under callgrind, where criterion's
//! timing loop is in the way: run it with N and with 1 re-lint and subtract, to get the
//! instructions of one re-lint.
//!
//! `cargo build --release --example relint_profile`, then
//! `valgrind --tool=callgrind target/release/examples/relint_profile 21`.

use copydesk::batch::{self, Input, Options};
use copydesk::config::Config;
use copydesk::source::Source;
use std::sync::Arc;

const STORY: &str = include_str!(
    "../fixtures/eval/real-wikinews/2020-12-18_Gregory-Kurtzer-discusses-plans-for-Rocky-Linux-with-Wikinews-as-Red-Hat-announc.md"
);

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(1, |a| a.parse().expect("a count of re-lints"));
    let cut = STORY[..(10 * 1024).min(STORY.len())]
        .rfind("\n\n")
        .expect("a paragraph break");
    let story = format!("{}\n", &STORY[..cut]);
    let config = Arc::new(Config::builtin());
    let options = Options::default();
    let mut findings = 0;
    for _ in 0..n {
        let input = Input {
            source: Source::new("story.md".to_string(), story.clone()),
            config: config.clone(),
        };
        for report in batch::check_batch(vec![input], &options) {
            findings += report.map_or(0, |r| r.diagnostics.len());
        }
    }
    println!("{n} re-lints, {findings} findings");
}
