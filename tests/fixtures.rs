//! Every story under `fixtures/stories/` is checked with the built-in rules, and its human report
//! and JSON are compared byte for byte with `<story>.expected` and `<story>.json`.

mod common;

use common::{assert_matches_file, root, run_in, stdout};
use std::path::PathBuf;

fn stories(dir: &str) -> Vec<PathBuf> {
    let mut stories: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")))
        .collect();
    stories.sort();
    stories
}

fn check_dir(dir: &str) {
    let stories = stories(dir);
    assert!(!stories.is_empty(), "no stories in {dir}");
    let mut failures = Vec::new();
    for story in stories {
        let rel = story
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for (format, ext) in [("human", "expected"), ("json", "json")] {
            let out = run_in(
                &root(),
                &[
                    "check",
                    "--no-config",
                    "--color",
                    "never",
                    "--format",
                    format,
                    &rel,
                ],
                None,
            );
            let code = out.status.code().unwrap();
            assert!(
                code == 0 || code == 1,
                "{rel}: exit {code}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let result = std::panic::catch_unwind(|| {
                assert_matches_file(&story.with_extension(ext), &stdout(&out));
            });
            if result.is_err() {
                failures.push(format!("{rel} ({format})"));
            }
        }
    }
    assert!(failures.is_empty(), "fixtures differ: {failures:?}");
}

#[test]
fn example_stories_match_their_expected_reports() {
    check_dir("fixtures/stories");
}

#[test]
fn boilerplate_stories_match_their_expected_reports() {
    check_dir("fixtures/boilerplate");
}

#[test]
fn clean_boilerplate_lookalikes_have_no_findings() {
    for story in [
        "fixtures/boilerplate/clean-lookalikes.md",
        "fixtures/boilerplate/clean-tko.md",
    ] {
        let out = run_in(&root(), &["check", "--no-config", story], None);
        assert_eq!(out.status.code(), Some(0), "{story}");
        assert_eq!(stdout(&out), "no findings in 1 file\n", "{story}");
    }
}

#[test]
fn attribution_stories_match_their_expected_reports() {
    check_dir("fixtures/attribution");
}

#[test]
fn correctly_attributed_quotes_have_no_findings() {
    let out = run_in(
        &root(),
        &[
            "check",
            "--no-config",
            "fixtures/attribution/clean-quotes.md",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "no findings in 1 file\n");
}

#[test]
fn clean_story_has_no_findings() {
    let out = run_in(
        &root(),
        &["check", "--no-config", "fixtures/stories/clean.md"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "no findings in 1 file\n");
}

#[test]
fn numbers_stories_match_their_expected_reports() {
    check_dir("fixtures/numbers");
}

#[test]
fn consistent_figures_have_no_findings() {
    // Different things with different counts (four suspects, two pleaded guilty), a time-cued
    // update, another year and an approximation are not inconsistencies.
    for story in [
        "fixtures/numbers/different-counts.md",
        "fixtures/numbers/updates.md",
    ] {
        let out = run_in(&root(), &["check", "--no-config", story], None);
        assert_eq!(out.status.code(), Some(0), "{story}: {}", stdout(&out));
        assert_eq!(stdout(&out), "no findings in 1 file\n", "{story}");
    }
}

#[test]
fn dates_stories_match_their_expected_reports() {
    check_dir("fixtures/dates");
}

#[test]
fn correct_dates_have_no_findings() {
    let out = run_in(
        &root(),
        &["check", "--no-config", "fixtures/dates/clean.md"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "no findings in 1 file\n");
}
