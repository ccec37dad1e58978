//! Adoption on an archive (#14, item 5): `--write-baseline` records the findings, `--baseline`
//! leaves them out even after the story is edited above them (entries are keyed by path, rule and
//! text, and counted), and `--since REV` reports only findings on lines changed since the merge
//! base, tested on a temporary git repository.

mod common;

use common::{run_in, stderr, stdout, temp_dir};
use std::fs;
use std::path::Path;
use std::process::Command;

/// `rule@line` of every finding of `copydesk check --format json ARGS…`, and the JSON summary.
fn check(dir: &Path, args: &[&str]) -> (Vec<String>, serde_json::Value, Option<i32>, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all, None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("JSON: {}\n{}", stdout(&out), stderr(&out)));
    let found = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}@{}", d["rule"].as_str().unwrap(), d["start"]["line"]))
        .collect();
    (
        found,
        json["summary"].clone(),
        out.status.code(),
        stderr(&out),
    )
}

#[test]
fn baseline_round_trip_survives_edits_above_the_finding() {
    let dir = temp_dir("baseline");
    fs::create_dir_all(dir.join("desk")).unwrap();
    let story = dir.join("desk/fire.md");
    fs::write(&story, "# Fire\n\nThe fire destroyed TK homes.\n").unwrap();
    let (found, _, code, err) = check(&dir, &["--write-baseline", "copydesk-baseline.json"]);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(code, Some(0));
    assert!(
        err.contains("recorded 1 finding in copydesk-baseline.json (1 story)"),
        "{err}"
    );
    let written = fs::read_to_string(dir.join("copydesk-baseline.json")).unwrap();
    assert_eq!(
        written,
        "{\n  \"version\": 1,\n  \"findings\": [\n    \
         {\"path\":\"desk/fire.md\",\"rule\":\"boilerplate.placeholder\",\"text\":\"TK\"}\n  ]\n}\n"
    );
    // Edit the story above the finding: it moves down, and stays recorded.
    fs::write(
        &story,
        "# Fire\n\nBy Ana Ruiz\n\nA new first paragraph.\n\nThe fire destroyed TK homes.\n",
    )
    .unwrap();
    let (found, summary, code, _) = check(&dir, &["--baseline", "copydesk-baseline.json"]);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(code, Some(0));
    assert_eq!(summary["baselined"], 1);
    let human = run_in(
        &dir,
        &["check", "--baseline", "copydesk-baseline.json"],
        None,
    );
    assert!(
        stdout(&human).contains("no findings in 1 file; 1 finding in the baseline not shown"),
        "{}",
        stdout(&human)
    );
    // A second identical finding is new: one entry hides one finding.
    fs::write(
        &story,
        "# Fire\n\nThe fire destroyed TK homes.\n\nRebuilding will cost TK.\n",
    )
    .unwrap();
    let (found, _, code, _) = check(&dir, &["--baseline", "copydesk-baseline.json"]);
    assert_eq!(found, ["boilerplate.placeholder@5"]);
    assert_eq!(code, Some(1));
    // From another folder the same file applies: its paths are relative to it.
    let (found, _, _, _) = check(
        &dir.join("desk"),
        &["fire.md", "--baseline", "../copydesk-baseline.json"],
    );
    assert_eq!(found, ["boilerplate.placeholder@5"]);
    // A finding fixed since leaves a stale entry, which is said.
    fs::write(&story, "# Fire\n\nThe fire destroyed 40 homes.\n").unwrap();
    let (_, _, code, err) = check(&dir, &["--baseline", "copydesk-baseline.json"]);
    assert_eq!(code, Some(0));
    assert!(err.contains("1 finding of the baseline"), "{err}");
}

#[test]
fn a_bad_baseline_is_an_error() {
    let dir = temp_dir("baseline-bad");
    fs::write(dir.join("s.md"), "Fine.\n").unwrap();
    fs::write(dir.join("b.json"), "{ not json").unwrap();
    let out = run_in(&dir, &["check", "--baseline", "b.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the baseline b.json is not valid"),
        "{}",
        stderr(&out)
    );
    let out = run_in(&dir, &["check", "--baseline", "missing.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read the baseline missing.json"));
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=Desk", "-c", "user.email=desk@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn since_reports_only_changed_lines() {
    let dir = temp_dir("since");
    git(&dir, &["init", "-q"]);
    fs::write(
        dir.join("old.md"),
        "The fire destroyed TK homes.\n\nIt took alot of time.\n",
    )
    .unwrap();
    fs::write(dir.join("same.md"), "The flood reached TK homes.\n").unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "archive"]);
    git(&dir, &["checkout", "-q", "-b", "edit"]);
    // A committed change on the branch …
    fs::write(
        dir.join("old.md"),
        "The fire destroyed TK homes.\n\nIt took alot of time.\n\nRebuilding will cost TK.\n",
    )
    .unwrap();
    git(&dir, &["commit", "-q", "-am", "more"]);
    // … an uncommitted one, and a new story git does not track yet.
    fs::write(
        dir.join("old.md"),
        "The fire destroyed TK homes.\n\nIt took alot of time, irregardless.\n\nRebuilding will cost TK.\n",
    )
    .unwrap();
    fs::write(dir.join("new.md"), "Officials said TK people came.\n").unwrap();
    let (found, summary, code, err) = check(&dir, &["--since", "main"]);
    assert_eq!(code, Some(1), "{err}");
    // new.md (new throughout: two findings on line 1), then old.md's changed lines 3 and 5.
    assert_eq!(
        found,
        [
            "attribution.anonymous-source@1",
            "boilerplate.placeholder@1",
            "style.usage@3",
            "style.usage@3",
            "boilerplate.placeholder@5"
        ],
        "{err}"
    );
    // The untouched findings: TK in old.md line 1 and in same.md.
    assert_eq!(summary["unchanged"], 2);
    // new.md's findings come first (paths in order).
    let out = run_in(
        &dir,
        &["check", "--since", "main", "--format", "concise"],
        None,
    );
    let text = stdout(&out);
    assert!(text.starts_with("new.md:1:"), "{text}");
    assert!(!text.contains("same.md"), "{text}");
    // Nothing changed since HEAD but the working tree: the uncommitted line and new.md.
    let (found, _, _, _) = check(&dir, &["--since", "HEAD"]);
    assert_eq!(
        found,
        [
            "attribution.anonymous-source@1",
            "boilerplate.placeholder@1",
            "style.usage@3",
            "style.usage@3"
        ]
    );
    // An unknown revision, and a folder outside git, are clear errors.
    let out = run_in(&dir, &["check", "--since", "no-such-branch"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--since no-such-branch"),
        "{}",
        stderr(&out)
    );
    let outside = temp_dir("since-outside");
    fs::write(outside.join("s.md"), "Fine.\n").unwrap();
    let out = run_in(&outside, &["check", "--since", "main"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--since needs a git repository"),
        "{}",
        stderr(&out)
    );
}
