//! `copydesk score`: counting, matching and the quality targets of the evaluation sets.

mod common;

use common::{assert_meets_targets, run_in, stderr, temp_dir};
use std::fs;

#[test]
fn counts_true_positives_false_positives_and_misses() {
    let dir = temp_dir("score");
    fs::write(
        dir.join("a.md"),
        "The fire destroyed TK homes.\n\nAdvertisement\n\nShare this article\n",
    )
    .unwrap();
    fs::write(dir.join("clean.md"), "A clean story about the fair.\n").unwrap();
    fs::write(
        dir.join("labels.jsonl"),
        concat!(
            "{\"path\": \"a.md\", \"line\": 1, \"rule\": \"boilerplate.placeholder\", \"text\": \"TK\"}\n",
            "{\"path\": \"a.md\", \"line\": 3, \"rule\": \"boilerplate\"}\n",
            "{\"path\": \"clean.md\", \"line\": 1, \"rule\": \"boilerplate.promo\"}\n",
        ),
    )
    .unwrap();
    let out = run_in(
        &dir,
        &[
            "score",
            "--labels",
            "labels.jsonl",
            "a.md",
            "clean.md",
            "--json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = &doc["rules"];
    assert_eq!(rules["boilerplate.placeholder"]["tp"], 1);
    // A label naming a pack matches any of its rules.
    assert_eq!(rules["boilerplate"]["tp"], 1);
    assert_eq!(rules["boilerplate.promo"]["fn"], 1);
    assert_eq!(rules["boilerplate.navigation"]["fp"], 1);
    assert_eq!(doc["total"]["tp"], 2);
    assert_eq!(doc["total"]["fp"], 1);
    assert_eq!(doc["total"]["fn"], 1);
    assert_eq!(doc["total"]["precision"], 2.0 / 3.0);

    let gate = run_in(
        &dir,
        &[
            "score",
            "--labels",
            "labels.jsonl",
            "a.md",
            "clean.md",
            "--min-recall",
            "0.9",
        ],
        None,
    );
    assert_eq!(gate.status.code(), Some(1));
}

#[test]
fn labels_that_drift_from_their_stories_are_an_error() {
    let dir = temp_dir("score-drift");
    fs::write(dir.join("a.md"), "The fire destroyed TK homes.\n").unwrap();
    fs::write(dir.join("labels.jsonl"), "{\"path\": \"a.md\", \"line\": 1, \"rule\": \"boilerplate.placeholder\", \"text\": \"XX\"}\n").unwrap();
    let out = run_in(&dir, &["score", "--labels", "labels.jsonl", "a.md"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a.md:1: label text \"XX\" is not on this line"),
        "{}",
        stderr(&out)
    );
}

/// The boilerplate evaluation set meets its targets: precision ≥ 0.95, recall ≥ 0.90.
#[test]
fn boilerplate_evaluation_set_meets_its_targets() {
    assert_meets_targets(
        "fixtures/eval/boilerplate/labels.jsonl",
        "44 stories, 95 labels",
    );
}

/// The held-out set, written without sight of the rules, meets the same targets.
#[test]
fn boilerplate_holdout_set_meets_its_targets() {
    assert_meets_targets(
        "fixtures/eval/boilerplate-holdout/labels.jsonl",
        "12 stories, 32 labels",
    );
}
