//! Inline suppression end to end (#14): every comment form in Markdown and plain text, in the
//! reports of every kind of run, and `copydesk.unused-suppression` for comments that suppress
//! nothing or name no rule that exists.

mod common;

use common::{run_in, stderr, stdout, temp_dir};
use std::fs;

/// The findings of `copydesk check --format json` as `rule@line`, and the exit code.
fn findings(dir: &std::path::Path, args: &[&str]) -> (Vec<String>, Option<i32>) {
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
    (found, out.status.code())
}

fn story(dir: &std::path::Path, name: &str, text: &str) {
    fs::write(dir.join(name), text).unwrap();
}

#[test]
fn next_line_in_markdown_and_plain_text() {
    let dir = temp_dir("suppress-next-line");
    story(
        &dir,
        "a.md",
        "<!-- copydesk-disable-next-line style.usage -- the mayor's words -->\nIt took alot of time.\n\nIt took alot of time.\n",
    );
    story(
        &dir,
        "b.txt",
        "Council meets\n\n# copydesk-disable-next-line style.usage -- the mayor's words\nIt took alot of time.\n\nIt took alot of time.\n",
    );
    let (found, _) = findings(&dir, &["a.md", "b.txt"]);
    assert_eq!(found, ["style.usage@4", "style.usage@6"]);
}

#[test]
fn disable_enable_and_disable_file_with_packs_and_lists() {
    let dir = temp_dir("suppress-ranges");
    story(
        &dir,
        "range.md",
        "The fire destroyed TK homes.\n\n<!-- copydesk-disable boilerplate, style.usage -->\n\nThe fire destroyed TK homes and alot more.\n\n<!-- copydesk-enable boilerplate -->\n\nThe fire destroyed TK homes and alot more.\n",
    );
    story(
        &dir,
        "file.md",
        "The fire destroyed TK homes.\n\n<!-- copydesk-disable-file boilerplate.placeholder -- a template -->\n",
    );
    let (found, code) = findings(&dir, &["range.md", "file.md"]);
    assert_eq!(
        found,
        ["boilerplate.placeholder@1", "boilerplate.placeholder@9"]
    );
    assert_eq!(code, Some(1));
    let (found, code) = findings(&dir, &["file.md"]);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(code, Some(0));
}

#[test]
fn unused_and_unknown_suppressions_are_reported_with_did_you_mean() {
    let dir = temp_dir("suppress-unused");
    story(
        &dir,
        "s.md",
        "<!-- copydesk-disable-next-line style.usage, boilerplate.placeholdr -->\nThe council met on Tuesday.\n",
    );
    let out = run_in(&dir, &["check", "s.md", "--color", "never"], None);
    let text = stdout(&out);
    assert!(
        text.contains("warning[copydesk.unused-suppression]: no `style.usage` finding on the next line to suppress"),
        "{text}"
    );
    assert!(
        text.contains("unknown rule `boilerplate.placeholdr` in a suppression"),
        "{text}"
    );
    assert!(
        text.contains("did you mean `boilerplate.placeholder`?"),
        "{text}"
    );
    assert!(text.contains("s.md:1:33"), "{text}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        run_in(&dir, &["check", "s.md", "--fail-on", "warning"], None)
            .status
            .code(),
        Some(1)
    );
    // Like any rule: listed, explained, and turned off in config.
    let rules = stdout(&run_in(&dir, &["rules"], None));
    assert!(rules.contains("copydesk.unused-suppression"), "{rules}");
    let explain = run_in(&dir, &["explain", "copydesk.unused-suppression"], None);
    assert!(
        stdout(&explain).contains("suppresses nothing"),
        "{}",
        stdout(&explain)
    );
    story(
        &dir,
        "copydesk.toml",
        "packs = [\"style\"]\n[rules]\n\"copydesk.unused-suppression\" = \"off\"\n",
    );
    let (found, _) = findings(&dir, &["s.md"]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn packs_leave_the_unused_suppression_rule_on() {
    let dir = temp_dir("suppress-packs");
    story(&dir, "copydesk.toml", "packs = [\"style\"]\n");
    story(
        &dir,
        "s.md",
        "<!-- copydesk-disable-file style.usage -->\nThe council met on Tuesday.\n",
    );
    let (found, _) = findings(&dir, &["s.md"]);
    assert_eq!(found, ["copydesk.unused-suppression@1"]);
}

#[test]
fn fix_does_not_apply_a_silenced_fix() {
    let dir = temp_dir("suppress-fix");
    let text = "<!-- copydesk-disable-next-line style.usage -->\nIt took alot of time.\n\nIt took alot of time.\n";
    story(&dir, "s.md", text);
    let out = run_in(&dir, &["check", "s.md", "--fix"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.join("s.md")).unwrap(),
        "<!-- copydesk-disable-next-line style.usage -->\nIt took alot of time.\n\nIt took a lot of time.\n"
    );
}

#[test]
fn a_comment_in_code_is_not_a_suppression() {
    let dir = temp_dir("suppress-code");
    story(
        &dir,
        "s.md",
        "Write `<!-- copydesk-disable-file style.usage -->` to silence it.\n\nIt took alot.\n",
    );
    let (found, _) = findings(&dir, &["s.md"]);
    assert_eq!(found, ["style.usage@3"]);
}
