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

/// A small labelled set: two dev stories (groups a and b) and one holdout story (group a). Dates,
/// figures and anchors are labelled for group a only.
fn synthetic_set() -> common::TempDir {
    use serde_json::json;
    let dir = temp_dir("score-set");
    let set = dir.join("set");
    fs::create_dir_all(set.join("labels")).unwrap();
    let front = "---\ndate: 2025-06-04\n---\n\n";
    fs::write(
        set.join("s1.md"),
        format!(
            "{front}# Pier plan approved\n\n\
             \"The water is rising fast and we must act,\" the mayor remarked on Monday.\n\n\
             \"Nobody will be left behind in this town.\"\n\n\
             Ana Ruiz said: \"We will rebuild the pier before the summer season.\"\n\n\
             The council reportedly met yesterday. Critics argue the plan is too costly, and \
             experts believe it will fail.\n\n\
             A source said the vote was close. Last week, the board met on Friday.\n\n\
             Forty-two people were evacuated on Tuesday. In all, 44 people were evacuated, the \
             fire chief said.\n\n\
             The pier was built in 1987.\n"
        ),
    )
    .unwrap();
    fs::write(
        set.join("s2.md"),
        format!(
            "{front}# Ferry resumes\n\n\
             \"The ferry will run every hour from Monday on.\"\n\n\
             The captain called it \"a fresh start\" on Sunday.\n"
        ),
    )
    .unwrap();
    fs::write(
        set.join("s3.md"),
        format!(
            "{front}# Bridge closed\n\n\"Nobody may cross the bridge until further notice.\"\n"
        ),
    )
    .unwrap();
    fs::write(
        set.join("split.tsv"),
        "file\tsplit\tgroup\ns1.md\tdev\ta\ns2.md\tdev\tb\ns3.md\tholdout\ta\n",
    )
    .unwrap();
    let write = |name: &str, items: &[serde_json::Value]| {
        let text: String = items.iter().map(|v| format!("{v}\n")).collect();
        fs::write(set.join("labels").join(name), text).unwrap();
    };
    let at = |path: &str, line: u32, col: u32, text: &str| json!({"path": format!("fixtures/eval/set/{path}"), "line": line, "col": col, "text": text});
    let with = |mut v: serde_json::Value, extra: serde_json::Value| {
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    };
    let full = |attributed: &str| json!({"kind": "full", "attributed": attributed});
    write(
        "quotes-a.jsonl",
        &[
            with(at("s1.md", 7, 2, "The water is rising"), full("yes")),
            // Flagged, but labelled attributed: a false flag.
            with(at("s1.md", 9, 2, "Nobody will be left"), full("yes")),
            // Labelled unattributed, not flagged: a miss.
            with(at("s1.md", 11, 17, "We will rebuild"), full("no")),
            with(at("s3.md", 7, 2, "Nobody may cross"), full("no")),
        ],
    );
    write(
        "quotes-b.jsonl",
        &[
            with(at("s2.md", 7, 2, "The ferry will run"), full("no")),
            with(
                at("s2.md", 9, 24, "a fresh start"),
                json!({"kind": "partial"}),
            ),
        ],
    );
    let source = |t: &str, l: &str| json!({"type": t, "label": l});
    write(
        "sourcing-a.jsonl",
        &[
            with(
                at("s1.md", 13, 13, "reportedly"),
                source("weasel", "finding"),
            ),
            with(
                at("s1.md", 13, 39, "Critics argue"),
                source("weasel", "fine"),
            ),
            with(
                at("s1.md", 13, 81, "experts believe"),
                source("weasel", "finding"),
            ),
            with(
                at("s1.md", 15, 1, "A source said"),
                source("anonymous-source", "ambiguous"),
            ),
        ],
    );
    write("sourcing-b.jsonl", &[]);
    let date = |kind: &str, resolved: &str, in_quote: bool| json!({"kind": kind, "resolved": resolved, "in_quote": in_quote, "basis": "anchor"});
    write(
        "dates-a.jsonl",
        &[
            with(
                at("s1.md", 7, 67, "Monday"),
                date("weekday", "2025-06-02", false),
            ),
            with(
                at("s1.md", 11, 49, "the summer"),
                date("season", "unresolvable", true),
            ),
            with(
                at("s1.md", 13, 28, "yesterday"),
                date("relative-day", "2025-06-03", false),
            ),
            with(
                at("s1.md", 15, 35, "Last week"),
                date("relative-period", "2025-05-26..2025-06-01", false),
            ),
            // Labelled otherwise than copydesk reads it: wrong.
            with(
                at("s1.md", 15, 63, "Friday"),
                date("weekday", "2025-06-06", false),
            ),
            with(
                at("s1.md", 17, 36, "Tuesday"),
                date("weekday", "2025-06-03", false),
            ),
            // Not found: wrong.
            with(
                at("s1.md", 19, 23, "1987"),
                date("year", "1987-01-01..1987-12-31", false),
            ),
        ],
    );
    write(
        "anchors-a.jsonl",
        &[
            json!({"path": "fixtures/eval/set/s1.md", "anchor": "2025-06-04", "source": "front-matter"}),
        ],
    );
    write(
        "numbers-a.jsonl",
        &[with(
            at("s1.md", 17, 53, "44 people"),
            json!({"first_line": 17, "first": "Forty-two people", "entity": "evacuated", "label": "inconsistent"}),
        )],
    );
    dir
}

fn score_set(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["score", "--no-config", "--set", "set"];
    args.extend(extra);
    run_in(dir, &args, None)
}

#[test]
fn a_labelled_set_is_scored_per_split() {
    let dir = synthetic_set();
    let out = score_set(&dir, &["--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["splits"]["holdout"].is_null(), "only dev by default");
    let dev = &doc["splits"]["dev"];
    let f = &dev["figures"];
    assert_eq!(dev["stories"], 2);
    assert_eq!(dev["labelled"]["dates"], 1, "group b has no dates labels");
    // Quotes: s2's is found, s1's missed; one false flag among two attributed full quotations.
    assert_eq!(f["quotes.unattributed-recall"], 0.5);
    assert_eq!(f["quotes.false-flags"], 1.0);
    assert_eq!(f["quotes.false-flags-per-80"], 40.0);
    // Sourcing: "experts believe" and "reportedly" found, "Critics argue" labelled fine.
    assert_eq!(f["weasel.precision"], 0.6667);
    assert_eq!(f["weasel.recall"], 1.0);
    assert_eq!(dev["attribution.anonymous-source"]["excluded"], 1);
    assert!(f["anonymous-source.precision"].is_null());
    assert!(f["anonymous-source.recall"].is_null());
    // Dates: core 4 of 5 (Friday labelled otherwise); all 5 of 7 (the season is unresolvable
    // and not given a value: right; the year is not found: wrong).
    assert_eq!(
        dev["dates"]["core"],
        serde_json::json!({"num": 4, "den": 5})
    );
    assert_eq!(dev["dates"]["all"], serde_json::json!({"num": 5, "den": 7}));
    assert_eq!(f["dates.anchors"], 1.0);
    assert_eq!(f["numbers.inconsistent.precision"], 1.0);
    assert_eq!(f["numbers.inconsistent.recall"], 1.0);
    assert!(f["numbers.part-exceeds-whole.recall"].is_null());

    let both = score_set(&dir, &["--split", "dev", "--split", "holdout", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&both.stdout).unwrap();
    assert_eq!(
        doc["splits"]["holdout"]["figures"]["quotes.unattributed-recall"],
        1.0
    );
    assert_eq!(
        doc["splits"]["dev"]["figures"]["quotes.unattributed-recall"],
        0.5
    );
}

#[test]
fn verbose_lists_every_miss_and_false_flag() {
    let dir = synthetic_set();
    let out = score_set(&dir, &["-v"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = common::stdout(&out);
    for line in [
        "unattributed-quote recall",
        "0.500 (1/2)",
        "dev: set/s1.md:11:17: unattributed-quote missed: \"We will rebuild\"",
        "dev: set/s1.md:9:1: unattributed-quote false flag: \"Nobody will be left\"",
        "dev: set/s1.md:13:39: attribution.weasel false positive: \"Critics argue\" — labelled fine",
        "dev: set/s1.md:15:63: date wrong (core): \"Friday\" — weekday: labelled 2025-06-06, copydesk \"on Friday\" (weekday) = 2025-05-30",
        // A season quoted with no time of speech: copydesk reads its year from the anchor.
        "dev: set/s1.md:11:49: date wrong: \"the summer\" — season: labelled unresolvable, copydesk \"the summer\" (season) = 2025-06-01..2025-08-31",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    assert!(
        !text.contains("s3.md"),
        "the holdout is not scored:\n{text}"
    );
    assert!(
        !text.contains("attribution.weasel missed"),
        "\"reportedly\" is found:\n{text}"
    );
}

#[test]
fn a_baseline_gates_every_figure() {
    let dir = synthetic_set();
    let out = score_set(&dir, &["--write-baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let same = score_set(&dir, &["--baseline", "baseline.json"]);
    assert_eq!(same.status.code(), Some(0), "{}", common::stdout(&same));

    // A baseline better than today: higher recall, fewer false flags.
    let path = dir.join("baseline.json");
    let mut base: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    base["splits"]["dev"]["dates.core"] = 0.9.into();
    base["splits"]["dev"]["quotes.false-flags-per-80"] = 10.0.into();
    // Within the tolerance for rounding: not worse.
    base["splits"]["dev"]["weasel.recall"] = 1.0005.into();
    fs::write(&path, base.to_string()).unwrap();
    let worse = score_set(&dir, &["--baseline", "baseline.json"]);
    assert_eq!(worse.status.code(), Some(1));
    let text = common::stdout(&worse);
    assert!(
        text.contains("WORSE than the baseline: dev dates.core: 0.8000 (baseline 0.9000"),
        "{text}"
    );
    assert!(
        text.contains("WORSE than the baseline: dev quotes.false-flags-per-80: 40.0000"),
        "{text}"
    );
    assert!(!text.contains("weasel.recall"), "{text}");

    // A baseline worse than today passes, and says it can be raised.
    base["splits"]["dev"]["dates.core"] = 0.5.into();
    base["splits"]["dev"]["quotes.false-flags-per-80"] = 80.0.into();
    fs::write(&path, base.to_string()).unwrap();
    let better = score_set(&dir, &["--baseline", "baseline.json", "--json"]);
    assert_eq!(better.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&better.stdout).unwrap();
    assert_eq!(doc["baseline"]["worse"], serde_json::json!([]));
    let raised: Vec<&str> = doc["baseline"]["better"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["figure"].as_str().unwrap())
        .collect();
    assert_eq!(raised, ["dates.core", "quotes.false-flags-per-80"]);

    // A baseline of a split not scored is an error.
    let holdout = score_set(&dir, &["--split", "holdout", "--baseline", "baseline.json"]);
    assert_eq!(holdout.status.code(), Some(2));
    assert!(
        stderr(&holdout).contains("add --split dev"),
        "{}",
        stderr(&holdout)
    );
}

#[test]
fn a_set_with_bad_labels_or_splits_is_an_error() {
    let dir = synthetic_set();
    let unknown = score_set(&dir, &["--split", "test"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no split \"test\"") && stderr(&unknown).contains("dev, holdout"),
        "{}",
        stderr(&unknown)
    );
    // A label whose text is not at its line and column.
    let labels = dir.join("set/labels/numbers-a.jsonl");
    let text = fs::read_to_string(&labels)
        .unwrap()
        .replace("\"col\":53", "\"col\":50");
    fs::write(&labels, text).unwrap();
    let drift = score_set(&dir, &[]);
    assert_eq!(drift.status.code(), Some(2));
    assert!(
        stderr(&drift)
            .contains("s1.md:17:50: label text \"44 people\" is not at this line and column"),
        "{}",
        stderr(&drift)
    );
    // A label without what its kind needs.
    fs::write(
        &labels,
        "{\"path\": \"s1.md\", \"line\": 17, \"col\": 53, \"text\": \"44 people\"}\n",
    )
    .unwrap();
    let missing = score_set(&dir, &[]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("numbers-a.jsonl:1: a numbers label needs `label`"),
        "{}",
        stderr(&missing)
    );
    // --set and --labels do not go together.
    let both = score_set(&dir, &["--labels", "x.jsonl"]);
    assert_eq!(both.status.code(), Some(2));
}
