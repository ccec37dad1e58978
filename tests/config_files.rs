//! Config conveniences end to end (#14): `extend`, `exclude`, `[[override]]`, `--select` and
//! `--ignore`, `copydesk init` and `copydesk config`.

mod common;

use common::{run_in, stderr, stdout, temp_dir};
use std::fs;
use std::path::Path;

/// "alot" (style.usage, warning), "end result" (style.redundancy, info), TK (placeholder, error).
const STORY: &str = "The fire destroyed TK homes and took alot of time, the end result.\n";

/// The rules found by `copydesk check --format json ARGS…`, as `path:rule`, and the exit code.
fn found(dir: &Path, args: &[&str]) -> (Vec<String>, Option<i32>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all, None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("JSON: {}\n{}", stdout(&out), stderr(&out)));
    let found = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}",
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap()
            )
        })
        .collect();
    (found, out.status.code())
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn a_nearer_config_stands_alone_unless_it_extends() {
    let dir = temp_dir("extend");
    write(
        &dir,
        "copydesk.toml",
        "[rules]\n\"boilerplate.placeholder\" = \"off\"\n",
    );
    write(
        &dir,
        "desk/copydesk.toml",
        "[rules]\n\"style.redundancy\" = \"off\"\n",
    );
    write(&dir, "desk/s.md", STORY);
    // Alone, the nearer file drops the house setting: the placeholder is back.
    let (rules, _) = found(&dir, &["desk/s.md"]);
    assert_eq!(
        rules,
        ["desk/s.md:boilerplate.placeholder", "desk/s.md:style.usage"]
    );
    // With `extend`, both apply, the nearer on top.
    write(
        &dir,
        "desk/copydesk.toml",
        "extend = \"../copydesk.toml\"\n[rules]\n\"style.redundancy\" = \"off\"\n",
    );
    let (rules, code) = found(&dir, &["desk/s.md"]);
    assert_eq!(rules, ["desk/s.md:style.usage"]);
    assert_eq!(code, Some(0));
}

#[test]
fn extend_errors_are_drawn_over_the_file_that_has_them() {
    let dir = temp_dir("extend-errors");
    write(&dir, "copydesk.toml", "[rules]\n\"style.usge\" = \"off\"\n");
    write(
        &dir,
        "desk/copydesk.toml",
        "extend = \"../copydesk.toml\"\n",
    );
    write(&dir, "desk/s.md", STORY);
    let out = run_in(&dir, &["check", "desk/s.md", "--color", "never"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("┌─ copydesk.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `style.usage`?"), "{err}");
    // A missing file, and a circle.
    write(&dir, "desk/copydesk.toml", "extend = \"../nowhere.toml\"\n");
    let out = run_in(&dir, &["check", "desk/s.md", "--color", "never"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("cannot read config nowhere.toml"), "{err}");
    assert!(err.contains("┌─ desk/copydesk.toml:1:10"), "{err}");
    write(&dir, "copydesk.toml", "extend = \"desk/copydesk.toml\"\n");
    write(
        &dir,
        "desk/copydesk.toml",
        "extend = \"../copydesk.toml\"\n",
    );
    let out = run_in(&dir, &["check", "desk/s.md", "--color", "never"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`extend` goes round in a circle"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn exclude_skips_files_found_and_named() {
    let dir = temp_dir("exclude");
    write(
        &dir,
        "copydesk.toml",
        "exclude = [\"README.md\", \"docs/**\"]\n",
    );
    write(&dir, "README.md", STORY);
    write(&dir, "docs/guide.md", STORY);
    write(&dir, "news/README.md", STORY);
    write(&dir, "news/s.md", STORY);
    let (rules, _) = found(&dir, &[]);
    assert!(
        rules.iter().all(|r| r.starts_with("news/s.md:")),
        "{rules:?}"
    );
    let out = run_in(&dir, &["check", "--format", "json"], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["excluded"], 3);
    assert_eq!(json["summary"]["files"], 1);
    // Named on the command line (as pre-commit names files), an excluded file is left alone,
    // with a note.
    let out = run_in(&dir, &["check", "README.md"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("note: README.md is excluded"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("no story was checked"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn overrides_apply_to_the_files_their_globs_match() {
    let dir = temp_dir("override");
    write(
        &dir,
        "copydesk.toml",
        "[rules]\n\"style.usage\" = \"error\"\n\n[[override]]\nfiles = [\"opinion/**\"]\n[override.rules]\n\"style.usage\" = \"off\"\n\"style.redundancy\" = \"warning\"\n",
    );
    write(&dir, "news/s.md", STORY);
    write(&dir, "opinion/col.md", STORY);
    let out = run_in(&dir, &["check", "--format", "json"], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "news/s.md:boilerplate.placeholder:error",
            "news/s.md:style.usage:error",
            "news/s.md:style.redundancy:info",
            "opinion/col.md:boilerplate.placeholder:error",
            "opinion/col.md:style.redundancy:warning",
        ]
    );
    // Globs match however the path is written: from another folder, through `..`.
    let (rules, _) = found(&dir.join("news"), &["../opinion/col.md"]);
    assert_eq!(
        rules,
        [
            "../opinion/col.md:boilerplate.placeholder",
            "../opinion/col.md:style.redundancy"
        ]
    );
    // An invalid override fails the run before any story is checked.
    write(
        &dir,
        "copydesk.toml",
        "[[override]]\nfiles = [\"opinion/**\"]\n[override.rules]\n\"style.usgae\" = \"off\"\n",
    );
    let out = run_in(&dir, &["check", "news/s.md", "--color", "never"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown rule `style.usgae`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn select_and_ignore_choose_rules_for_one_run() {
    let dir = temp_dir("select");
    write(
        &dir,
        "copydesk.toml",
        "[rules]\n\"style.redundancy\" = \"off\"\n",
    );
    write(&dir, "s.md", STORY);
    let (rules, _) = found(&dir, &["s.md", "--select", "style"]);
    assert_eq!(rules, ["s.md:style.usage"]);
    // A rule named by its id runs even when the config turns it off.
    let (rules, _) = found(&dir, &["s.md", "--select", "style.redundancy,boilerplate"]);
    assert_eq!(
        rules,
        ["s.md:boilerplate.placeholder", "s.md:style.redundancy"]
    );
    let (rules, code) = found(
        &dir,
        &["s.md", "--ignore", "boilerplate", "--ignore", "style"],
    );
    assert!(rules.is_empty(), "{rules:?}");
    assert_eq!(code, Some(0));
    // Unknown ids are usage errors, with a suggestion.
    let out = run_in(
        &dir,
        &["check", "s.md", "--ignore", "boilerplate.placehold"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: --ignore: unknown rule or pack `boilerplate.placehold`"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("did you mean `boilerplate.placeholder`?"));
    // --fix fixes only the rules selected.
    write(&dir, "f.md", "It took alot of time, the end result.\n");
    let out = run_in(
        &dir,
        &["check", "f.md", "--fix", "--select", "style.redundancy"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.join("f.md")).unwrap(),
        "It took alot of time, the result.\n"
    );
}

#[test]
fn init_writes_a_starter_and_never_overwrites() {
    let dir = temp_dir("init");
    let out = run_in(&dir, &["init"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = fs::read_to_string(dir.join("copydesk.toml")).unwrap();
    assert!(written.starts_with("# copydesk.toml"), "{written}");
    assert!(written.contains("# extend = \"../copydesk.toml\""));
    // It is a valid config: checking with it works.
    write(&dir, "s.md", STORY);
    write(&dir, "README.md", STORY);
    let (rules, _) = found(&dir, &[]);
    assert!(rules.iter().all(|r| r.starts_with("s.md:")), "{rules:?}");
    // Never over an existing file.
    fs::write(dir.join("copydesk.toml"), "# mine\n").unwrap();
    let out = run_in(&dir, &["init"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.join("copydesk.toml")).unwrap(),
        "# mine\n"
    );
    // In a subfolder of a configured folder, the starter extends the config above.
    fs::create_dir_all(dir.join("desk/metro")).unwrap();
    let out = run_in(&dir, &["init", "desk/metro"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let nested = fs::read_to_string(dir.join("desk/metro/copydesk.toml")).unwrap();
    assert!(
        nested.contains("\nextend = \"../../copydesk.toml\"\n"),
        "{nested}"
    );
}

#[test]
fn config_shows_each_setting_and_where_it_came_from() {
    let dir = temp_dir("show-config");
    write(
        &dir,
        "copydesk.toml",
        "date = \"2025-06-04\"\nexclude = [\"docs/**\"]\n[rules]\n\"style.usage\" = \"error\"\n",
    );
    write(
        &dir,
        "desk/copydesk.toml",
        "extend = \"../copydesk.toml\"\n[rules]\n\"style.redundancy\" = \"off\"\n\n[[override]]\nfiles = [\"opinion/**\"]\n[override.rules]\n\"style.usage\" = \"info\"\n",
    );
    let out = run_in(&dir, &["config", "desk/opinion/col.md"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let line = |id: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} in\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        text.contains("  1. copydesk.toml\n  2. desk/copydesk.toml\n"),
        "{text}"
    );
    assert!(
        text.contains("* desk/copydesk.toml:6 files = [\"opinion/**\"]"),
        "{text}"
    );
    assert!(
        text.contains("date     2025-06-04  copydesk.toml:1"),
        "{text}"
    );
    assert_eq!(
        line("style.usage"),
        "style.usage info built-in (rules/style.toml); copydesk.toml:4 [rules]: error; \
         desk/copydesk.toml:8 [[override]] files = [\"opinion/**\"]: info"
    );
    assert_eq!(
        line("style.redundancy"),
        "style.redundancy off built-in (rules/style.toml); desk/copydesk.toml:3 [rules]: off"
    );
    // A folder: the override is listed but not applied.
    let out = run_in(&dir, &["config", "desk"], None);
    let text = stdout(&out);
    assert!(
        text.contains("configuration for the stories in desk"),
        "{text}"
    );
    assert!(text.contains("    desk/copydesk.toml:6 files"), "{text}");
    // An excluded file says so.
    let out = run_in(&dir, &["config", "docs/a.md"], None);
    assert!(stdout(&out).contains("excluded: `exclude` says docs/a.md is not a story"));
}
