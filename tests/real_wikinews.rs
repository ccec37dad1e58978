//! The real Wikinews set (`fixtures/eval/real-wikinews`): the dev split's figures may not get
//! worse than the committed baseline, and `inspect` shows what the scoring reads.
//!
//! When the checks improve, raise the baseline (and review the diff):
//! `COPYDESK_BLESS=1 cargo test --test real_wikinews`.

mod common;

use common::{parse_json, root, run_in, stderr, stdout};

const SET: &str = "fixtures/eval/real-wikinews";
const BASELINE: &str = "fixtures/eval/real-wikinews/baseline.json";

/// Every figure of the dev split is at least as good as in `baseline.json` (within 0.001 for
/// rounding). The holdout is not scored here: it is blind.
#[test]
fn dev_figures_are_no_worse_than_the_baseline() {
    let bless = std::env::var_os("COPYDESK_BLESS").is_some();
    let flag = if bless {
        "--write-baseline"
    } else {
        "--baseline"
    };
    let out = run_in(
        &root(),
        &[
            "score",
            "--no-config",
            "--set",
            SET,
            "--split",
            "dev",
            flag,
            BASELINE,
        ],
        None,
    );
    let text = stdout(&out);
    let worse: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("WORSE than the baseline"))
        .collect();
    assert!(
        out.status.code() == Some(0),
        "the real Wikinews dev split scores worse than {BASELINE}:\n{}\n\n\
         (exit {:?}; full report below). If this is a deliberate trade (say, recall up and \
         precision a little down), rewrite the baseline with \
         `COPYDESK_BLESS=1 cargo test --test real_wikinews` and say why in the commit.\n\n{text}\n{}",
        worse.join("\n"),
        out.status.code(),
        stderr(&out)
    );
    assert!(!text.contains("holdout"), "{text}");
}

/// `inspect --format json` gives each date mention its kind, whether it is quoted, what it was
/// resolved against and its value, and each quotation its kind, speaker and how it was found.
#[test]
fn inspect_shows_what_the_scoring_reads() {
    let out = run_in(
        &root(),
        &[
            "inspect",
            "--no-config",
            "--format",
            "json",
            "fixtures/eval/real-wikinews/2019-01-04_Nancy-Pelosi-again-elected-Speaker-as-116th-U-S-Congress-sworn-in.md",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = parse_json(&out.stdout);
    let dates = doc["dates"].as_array().unwrap();
    let yesterday = dates.iter().find(|d| d["text"] == "yesterday").unwrap();
    assert_eq!(yesterday["kind"], "relative-day");
    assert_eq!(yesterday["in_quote"], false);
    assert_eq!(yesterday["basis"], "anchor");
    assert_eq!(yesterday["anchor"]["date"], "2019-01-04");
    assert_eq!(yesterday["anchor"]["source"], "front-matter:date");
    assert_eq!(yesterday["resolved"], "2019-01-03");
    let written = dates
        .iter()
        .find(|d| d["text"] == "Friday, January 4, 2019")
        .unwrap();
    assert_eq!(written["kind"], "month-day");
    assert_eq!(written["basis"], "absolute");
    assert!(written["anchor"].is_null());
    let september = dates
        .iter()
        .find(|d| d["text"] == "through September")
        .unwrap();
    assert_eq!(
        september["resolved"],
        serde_json::json!(["2019-09-01", "2019-09-30"])
    );

    let quote = &doc["quotations"][0];
    assert_eq!(quote["kind"], "full");
    assert_eq!(quote["speaker"]["text"], "Pelosi");
    assert_eq!(quote["how"], "verb");
    // A lower-case quotation after "saying," whose rest is a sentence is full (the conventions).
    assert_eq!(doc["quotations"][1]["kind"], "full");
}
