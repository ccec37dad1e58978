//! Built-in rules are compiled once per run, whatever the number of configs: a config adds only
//! its own rules and settings. (Before, each `copydesk.toml` compiled every built-in rule again:
//! 3 MB and 57 ms a config, so 10,000 configs took 24 GB and six minutes.)

mod common;

use common::{parse_json, run_in, stderr, temp_dir};
use std::time::{Duration, Instant};

#[test]
fn a_thousand_configs_cost_little_and_keep_their_own_settings() {
    let dir = temp_dir("many-configs");
    for i in 0..1000 {
        let sub = dir.join(format!("desk-{i:04}"));
        std::fs::create_dir(&sub).unwrap();
        let severity = if i % 2 == 0 { "error" } else { "off" };
        std::fs::write(
            sub.join("copydesk.toml"),
            format!("[rules]\n\"style.usage\" = \"{severity}\"\n"),
        )
        .unwrap();
        std::fs::write(sub.join("story.md"), "We spent alot of time on it.\n").unwrap();
    }
    let start = Instant::now();
    let out = run_in(&dir, &["check", ".", "--format", "json"], None);
    let elapsed = start.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json = parse_json(&out.stdout);
    assert_eq!(json["summary"]["files"], 1000);
    // Each config's own setting applies to its stories.
    let usage: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "style.usage")
        .collect();
    assert_eq!(usage.len(), 500);
    assert!(usage.iter().all(|d| d["severity"] == "error"));
    // Generous: a debug build on a busy machine; compiling every built-in rule per config took
    // about a minute in a release build.
    assert!(
        elapsed < Duration::from_secs(60),
        "1,000 configs took {elapsed:?}"
    );
}

#[test]
fn a_severity_set_for_a_rule_across_stories_applies() {
    let dir = temp_dir("template-severity");
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\n\"boilerplate.template-line\" = \"warning\"\n",
    )
    .unwrap();
    for i in 0..6 {
        std::fs::write(
            dir.join(format!("s{i}.md")),
            format!("Story number {i} is here.\n\nFiled by the harbor desk\n"),
        )
        .unwrap();
    }
    let out = run_in(&dir, &["check", ".", "--format", "json"], None);
    let json = parse_json(&out.stdout);
    let found: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "boilerplate.template-line")
        .collect();
    assert_eq!(found.len(), 6, "{json}");
    assert!(found.iter().all(|d| d["severity"] == "warning"), "{json}");
}
