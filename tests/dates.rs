//! The dates checks: resolution against hand-labelled mentions, the evaluation set's targets, and
//! where the anchor comes from (front matter, dateline, `--date`, config).

mod common;

use common::{
    assert_meets_targets, jsonl_by_path, parse_json, root, run_in, stderr, stdout, temp_dir,
};
use serde_json::Value;
use std::fs;

/// Every mention of `mentions.jsonl` is found (overlapping its span) and resolved to the
/// labelled date or range.
#[test]
fn mentions_resolve_to_the_labelled_dates() {
    let by_path = jsonl_by_path("fixtures/eval/dates/mentions.jsonl");
    let (mut total, mut right, mut wrong) = (0, 0, Vec::new());
    for (path, expected) in &by_path {
        let out = run_in(
            &root(),
            &["inspect", "--no-config", "--format", "json", path],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let got = parse_json(&out.stdout);
        let dates = got["dates"].as_array().unwrap();
        for e in expected {
            total += 1;
            let (line, col) = (e["line"].as_u64().unwrap(), e["col"].as_u64().unwrap());
            let len = e["text"].as_str().unwrap().chars().count() as u64;
            let found = dates.iter().find(|d| {
                let start = d["start"]["column"].as_u64().unwrap();
                let dlen = d["text"].as_str().unwrap().chars().count() as u64;
                d["start"]["line"].as_u64() == Some(line) && start < col + len && col < start + dlen
            });
            match found {
                Some(d) if d["resolved"] == e["resolved"] => right += 1,
                other => wrong.push(format!(
                    "{path}:{line} {} want {} got {:?}",
                    e["text"],
                    e["resolved"],
                    other.map(|d| &d["resolved"])
                )),
            }
        }
    }
    assert_eq!(total, 80, "the labelled set has 80 mentions");
    // Measured: 80 of 80.
    assert!(right * 100 >= total * 95, "{right}/{total}: {wrong:#?}");
}

/// Precision ≥ 0.95 for every date finding (measured: 1.000 each, recall 1.000).
#[test]
fn dates_evaluation_set_meets_its_targets() {
    let out = run_in(
        &root(),
        &[
            "score",
            "--no-config",
            "--labels",
            "fixtures/eval/dates/labels.jsonl",
            "--json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = parse_json(&out.stdout);
    for rule in [
        "dates.missing-anchor",
        "dates.weekday-mismatch",
        "dates.impossible",
        "dates.relative-word",
        "dates.weekday-out-of-range",
        "dates.ambiguous-numeric",
    ] {
        let r = &doc["rules"][rule];
        assert!(r["precision"].as_f64().unwrap() >= 0.95, "{rule}: {doc:#}");
        assert!(r["recall"].as_f64().unwrap() >= 0.90, "{rule}: {doc:#}");
    }
    // Nothing is planted for year-missing any more (its cases need the tense of a clause; see
    // the set's README): it must not fire on the set's yearless dates of the story's own year.
    assert!(
        doc["rules"]["dates.year-missing"]["fp"]
            .as_u64()
            .is_none_or(|fp| fp == 0),
        "{doc:#}"
    );
}

/// The blind held-out set (12 stories, 13 labels since issues #11 and #13 relabelled four,
/// written without sight of the rules). Measured
/// on its first run: precision and recall 1.000 for every rule.
#[test]
fn dates_holdout_set_meets_its_targets() {
    assert_meets_targets(
        "fixtures/eval/dates-holdout/labels.jsonl",
        "12 stories, 13 labels",
    );
}

fn rules_and_notes(dir: &std::path::Path, args: &[&str]) -> (Value, Vec<(String, Vec<String>)>) {
    let mut all = vec!["check", "s.md", "--format", "json"];
    all.extend(args);
    let out = run_in(dir, &all, None);
    let doc = parse_json(&out.stdout);
    let found = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["notes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    (doc["anchors"].clone(), found)
}

/// A story with no date of its own is anchored by `--date`, else by `date` in copydesk.toml;
/// its own front matter wins over both. JSON says which anchor was used.
#[test]
fn the_anchor_comes_from_the_story_then_the_command_line_then_the_config() {
    let dir = temp_dir("dates-anchor");
    fs::write(
        dir.join("s.md"),
        "The mayor, Ana Ruiz, said yesterday that the pool would reopen.\n",
    )
    .unwrap();

    let (anchors, found) = rules_and_notes(&dir, &[]);
    assert_eq!(anchors, serde_json::json!([]));
    let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(rules, ["dates.missing-anchor", "dates.relative-word"]);
    assert!(found[0].1[0].contains("--date YYYY-MM-DD"), "{found:?}");

    let (anchors, found) = rules_and_notes(&dir, &["--date", "2025-06-04"]);
    assert_eq!(anchors[0]["date"], "2025-06-04");
    assert_eq!(anchors[0]["source"], "command-line");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "dates.relative-word");
    assert_eq!(
        found[0].1,
        [
            "'yesterday' is 2025-06-03 (Tuesday)",
            "anchor: 2025-06-04 (Wednesday), from --date"
        ]
    );

    fs::write(dir.join("copydesk.toml"), "date = \"2025-01-15\"\n").unwrap();
    let (anchors, found) = rules_and_notes(&dir, &[]);
    assert_eq!(anchors[0]["source"], "config");
    assert_eq!(found[0].1[0], "'yesterday' is 2025-01-14 (Tuesday)");
    let (anchors, _) = rules_and_notes(&dir, &["--date", "2025-06-04"]);
    assert_eq!(
        anchors[0]["source"], "command-line",
        "--date beats the config"
    );

    fs::write(
        dir.join("s.md"),
        "---\ndate: 2024-11-06\n---\n\nThe mayor, Ana Ruiz, said yesterday that the pool would reopen.\n",
    )
    .unwrap();
    let (anchors, found) = rules_and_notes(&dir, &["--date", "2025-06-04"]);
    assert_eq!(anchors[0]["source"], "front-matter:date");
    assert_eq!(found[0].1[0], "'yesterday' is 2024-11-05 (Tuesday)");
}

/// A bad `--date` is a usage error; a bad config `date` is drawn over the TOML. Nothing is
/// checked either way.
#[test]
fn invalid_dates_in_flags_and_config_are_errors() {
    let dir = temp_dir("dates-invalid");
    fs::write(dir.join("s.md"), "The vote was on Monday.\n").unwrap();
    let out = run_in(&dir, &["check", "s.md", "--date", "2025-13-01"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--date"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());

    fs::write(dir.join("copydesk.toml"), "date = \"2025-02-30\"\n").unwrap();
    let out = run_in(&dir, &["check", "s.md", "--color", "never"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("invalid `date`"), "{err}");
    assert!(err.contains("copydesk.toml:1:8"), "{err}");
    assert!(stdout(&out).is_empty());
}

/// The weekday fix and the relative-word fix are offered but never applied unasked.
#[test]
fn date_fixes_are_unsafe_suggestions() {
    let dir = temp_dir("dates-fix");
    fs::write(
        dir.join("s.md"),
        "---\ndate: 2025-06-04\n---\n\nThe vote is set for Monday, June 3, 2025, the clerk said today.\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "s.md", "--format", "json"], None);
    let doc = parse_json(&out.stdout);
    let ds = doc["diagnostics"].as_array().unwrap();
    let mismatch = ds
        .iter()
        .find(|d| d["rule"] == "dates.weekday-mismatch")
        .unwrap();
    assert_eq!(mismatch["fix"]["edits"][0]["replacement"], "Tuesday");
    assert_eq!(mismatch["fix"]["applicability"], "unsafe");
    let word = ds
        .iter()
        .find(|d| d["rule"] == "dates.relative-word")
        .unwrap();
    assert_eq!(word["fix"]["edits"][0]["replacement"], "Wednesday");
    assert_eq!(word["fix"]["applicability"], "unsafe");
}

/// `copydesk inspect` shows the anchor and each mention with its resolved date, in both formats.
#[test]
fn inspect_shows_the_anchor_and_resolved_dates() {
    let out = run_in(
        &root(),
        &["inspect", "--no-config", "fixtures/dates/dateline.md"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("anchor: 2025-03-04 (from dateline)"),
        "{text}"
    );
    assert!(
        text.contains("weekday (past)   on Monday = 2025-03-03"),
        "{text}"
    );
    assert!(
        text.contains("weekday (future) on Friday = 2025-03-07"),
        "{text}"
    );
    let out = run_in(
        &root(),
        &[
            "inspect",
            "--no-config",
            "--format",
            "json",
            "fixtures/dates/dateline.md",
        ],
        None,
    );
    let doc = parse_json(&out.stdout);
    assert_eq!(doc["anchor"]["source"], "dateline");
    assert_eq!(doc["anchor"]["at"]["start"]["line"], 1);
    let monday = doc["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["text"] == "on Monday")
        .unwrap();
    assert_eq!(monday["resolved"], "2025-03-03");
    assert!(doc["quantities"].is_array());
}

/// Rule ids fired on one story (with `--date` when given).
fn fired(text: &str, date: Option<&str>) -> Vec<String> {
    let dir = temp_dir("dates-fired");
    fs::write(dir.join("s.md"), text).unwrap();
    let mut args = vec!["check", "s.md", "--format", "json"];
    if let Some(d) = date {
        args.extend(["--date", d]);
    }
    let out = run_in(&dir, &args, None);
    parse_json(&out.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Cases found in review: each was wrong once.
#[test]
fn review_cases() {
    // Feb. 29 with no year is impossible in the anchor's common year.
    assert_eq!(
        fired(
            "The pool opened on Feb. 29, the mayor, Ana Ruiz, said.\n",
            Some("2025-03-10")
        ),
        ["dates.impossible"]
    );
    // A relative word after a closing quotation mark starts a sentence; it is not a name.
    assert_eq!(
        fired(
            "The mayor said \u{201c}we won.\u{201d} Yesterday, the council, led by Ana Ruiz, met.\n",
            Some("2025-06-04")
        ),
        ["dates.relative-word"]
    );
    // An invalid front matter date is shown, not silently ignored.
    let dir = temp_dir("dates-bad-fm");
    fs::write(
        dir.join("s.md"),
        "---\ndate: 2025-13-45\n---\n\nThe council, led by Ana Ruiz, voted on Monday.\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "s.md", "--format", "json"], None);
    let json = parse_json(&out.stdout);
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    // The front matter itself is warned about too (`document.front-matter`).
    assert_eq!(rules, ["document.front-matter", "dates.missing-anchor"]);
    let d = &json["diagnostics"][1];
    assert_eq!(
        d["secondary"][0]["message"],
        "front matter `date` is not a date (YYYY-MM-DD)"
    );
    assert_eq!(d["secondary"][0]["start"]["line"], 2);
}

/// "earlier this week" (to the anchor, as CONVENTIONS.md has it) and "later this week" are
/// parts of the anchor's week, not its month.
#[test]
fn week_periods_resolve_within_the_week() {
    let dir = temp_dir("dates-week");
    fs::write(
        dir.join("s.md"),
        "---\ndate: 2025-06-20\n---\n\nThe board met earlier this week and meets again later this week.\n",
    )
    .unwrap();
    let out = run_in(
        &dir,
        &["inspect", "s.md", "--no-config", "--format", "json"],
        None,
    );
    let doc = parse_json(&out.stdout);
    let resolved: Vec<&Value> = doc["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["resolved"])
        .collect();
    assert_eq!(
        resolved,
        [
            &serde_json::json!(["2025-06-16", "2025-06-20"]),
            &serde_json::json!(["2025-06-21", "2025-06-22"])
        ]
    );
}
