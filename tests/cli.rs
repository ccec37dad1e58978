//! End-to-end tests of the command line: exit codes, stdin, config discovery, config errors and
//! bad input.

mod common;

use common::{root, run_in, stderr, stdout, temp_dir};
use std::fs;

const CLEAN: &str = "# Council approves budget\n\nThe council approved the budget on a 5-2 vote.\n";
const WARNING_ONLY: &str = "The vote passed.\n\nAdvertisement\n\nThe mayor signed it.\n";
const ERROR: &str = "The fire destroyed TK homes.\n";

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = temp_dir("exit");
    fs::write(dir.join("clean.md"), CLEAN).unwrap();
    fs::write(dir.join("warn.md"), WARNING_ONLY).unwrap();
    fs::write(dir.join("err.md"), ERROR).unwrap();
    let code = |args: &[&str]| run_in(&dir, args, None).status.code().unwrap();
    assert_eq!(code(&["check", "clean.md"]), 0);
    assert_eq!(code(&["check", "warn.md"]), 0);
    assert_eq!(code(&["check", "warn.md", "--fail-on", "warning"]), 1);
    assert_eq!(code(&["check", "err.md"]), 1);
    assert_eq!(code(&["check", "err.md", "--fail-on", "never"]), 0);
    assert_eq!(code(&["check", "missing.md"]), 2);
    assert_eq!(code(&["check", "--bogus-flag"]), 2);
}

#[test]
fn exit_zero_exits_0_whatever_the_findings_but_not_on_errors() {
    let dir = temp_dir("exit-zero");
    fs::write(dir.join("warn.md"), WARNING_ONLY).unwrap();
    fs::write(dir.join("err.md"), ERROR).unwrap();
    let code = |args: &[&str]| run_in(&dir, args, None).status.code().unwrap();
    assert_eq!(code(&["check", "err.md", "--exit-zero"]), 0);
    assert_eq!(
        code(&[
            "check",
            "err.md",
            "warn.md",
            "--exit-zero",
            "--fail-on",
            "info"
        ]),
        0
    );
    assert_eq!(
        code(&["check", "warn.md", "--exit-zero", "--max-warnings", "0"]),
        0
    );
    // Findings are still reported.
    let out = run_in(
        &dir,
        &["check", "err.md", "--exit-zero", "--format", "json"],
        None,
    );
    assert_eq!(json(&out)["summary"]["errors"], 1);
    // I/O, usage and config errors still exit 2.
    assert_eq!(code(&["check", "err.md", "missing.md", "--exit-zero"]), 2);
    assert_eq!(code(&["check", "--exit-zero", "--bogus-flag"]), 2);
    fs::write(
        dir.join("bad.toml"),
        "[rules]\n\"no.such-rule\" = \"off\"\n",
    )
    .unwrap();
    assert_eq!(
        code(&["check", "err.md", "--exit-zero", "--config", "bad.toml"]),
        2
    );
}

#[test]
fn max_warnings_fails_past_n_warnings_whatever_fail_on() {
    let dir = temp_dir("max-warnings");
    // Two warnings (two advertising markers), no errors.
    fs::write(
        dir.join("warn.md"),
        "The vote passed.\n\nAdvertisement\n\nThe mayor signed it.\n\nAdvertisement\n\nIt takes effect in May.\n",
    )
    .unwrap();
    fs::write(dir.join("err.md"), ERROR).unwrap();
    let out = run_in(&dir, &["check", "warn.md", "--format", "json"], None);
    assert_eq!(json(&out)["summary"]["warnings"], 2);
    let code = |args: &[&str]| run_in(&dir, args, None).status.code().unwrap();
    assert_eq!(code(&["check", "warn.md"]), 0);
    assert_eq!(code(&["check", "warn.md", "--max-warnings", "2"]), 0);
    assert_eq!(code(&["check", "warn.md", "--max-warnings", "1"]), 1);
    assert_eq!(code(&["check", "warn.md", "--max-warnings", "0"]), 1);
    assert_eq!(
        code(&[
            "check",
            "warn.md",
            "--max-warnings",
            "1",
            "--fail-on",
            "never"
        ]),
        1
    );
    // Errors are not warnings: --fail-on still governs them.
    assert_eq!(code(&["check", "err.md", "--max-warnings", "0"]), 1);
    assert_eq!(
        code(&[
            "check",
            "err.md",
            "--max-warnings",
            "0",
            "--fail-on",
            "never"
        ]),
        0
    );
    assert_eq!(code(&["check", "warn.md", "--max-warnings", "-1"]), 2);
    assert_eq!(code(&["check", "warn.md", "--max-warnings", "many"]), 2);
}

#[test]
fn no_path_checks_the_current_directory_skipping_hidden_and_ignored_files() {
    let dir = temp_dir("walk");
    fs::create_dir_all(dir.join("drafts/deep")).unwrap();
    fs::create_dir_all(dir.join(".hidden")).unwrap();
    fs::write(dir.join("drafts/deep/a.md"), ERROR).unwrap();
    fs::write(dir.join("drafts/b.txt"), ERROR).unwrap();
    fs::write(dir.join("drafts/c.html"), ERROR).unwrap();
    fs::write(dir.join(".hidden/d.md"), ERROR).unwrap();
    fs::write(dir.join(".secret.md"), ERROR).unwrap();
    fs::write(dir.join("ignored.md"), ERROR).unwrap();
    fs::write(dir.join(".gitignore"), "ignored.md\n").unwrap();
    let out = run_in(&dir, &["check", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1));
    let paths: Vec<String> = json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["drafts/b.txt", "drafts/deep/a.md"]);
    // The HTML page is skipped, and counted.
    assert_eq!(json(&out)["summary"]["skipped"], 1);
    let human = run_in(&dir, &["check"], None);
    assert!(
        stdout(&human).ends_with("; 1 file of another type skipped\n"),
        "{}",
        stdout(&human)
    );
    // A file of another type named explicitly is an error naming the type.
    let out = run_in(&dir, &["check", "drafts/c.html"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("drafts/c.html: is an HTML page (.html), not a story"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stdin_uses_the_stdin_filename_for_reports_and_config() {
    let dir = temp_dir("stdin");
    fs::create_dir_all(dir.join("desk")).unwrap();
    fs::write(
        dir.join("desk/copydesk.toml"),
        "[rules]\n\"boilerplate.placeholder\" = \"warning\"\n",
    )
    .unwrap();
    let out = run_in(
        &dir,
        &[
            "check",
            "-",
            "--stdin-filename",
            "desk/story.md",
            "--color",
            "never",
        ],
        Some(ERROR.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("warning[boilerplate.placeholder]"), "{text}");
    assert!(text.contains("┌─ desk/story.md:1:20"), "{text}");
    let out = run_in(&dir, &["check", "-"], Some(ERROR.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("<stdin>:1:20"));
}

#[test]
fn config_is_found_by_walking_up_and_can_be_overridden() {
    let dir = temp_dir("discover");
    fs::create_dir_all(dir.join("news/metro")).unwrap();
    fs::write(
        dir.join("news/.copydesk.toml"),
        "[rules]\n\"boilerplate.placeholder\" = \"off\"\n",
    )
    .unwrap();
    fs::write(dir.join("news/metro/story.md"), ERROR).unwrap();
    fs::write(dir.join("top.md"), ERROR).unwrap();
    let code = |args: &[&str]| run_in(&dir, args, None).status.code().unwrap();
    assert_eq!(code(&["check", "news/metro/story.md"]), 0);
    assert_eq!(code(&["check", "top.md"]), 1);
    assert_eq!(code(&["check", "--no-config", "news/metro/story.md"]), 1);
    fs::write(
        dir.join("strict.toml"),
        "[rules]\n\"boilerplate.advertising\" = \"error\"\n",
    )
    .unwrap();
    fs::write(dir.join("news/metro/ad.md"), WARNING_ONLY).unwrap();
    assert_eq!(code(&["check", "news/metro/ad.md"]), 0);
    assert_eq!(
        code(&["check", "--config", "strict.toml", "news/metro/ad.md"]),
        1
    );
}

#[test]
fn user_rules_and_packs() {
    let dir = temp_dir("user-rules");
    fs::write(
        dir.join("copydesk.toml"),
        r#"packs = ["style"]

[[rule]]
id = "house.click-here"
kind = "pattern"
severity = "error"
phrases = ["click here"]
message = "'{match}' says nothing; name the destination"
"#,
    )
    .unwrap();
    fs::write(
        dir.join("s.md"),
        "Click here for more. The fire destroyed TK homes.\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "s.md", "--format", "json"], None);
    let doc = json(&out);
    let rules: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["house.click-here"]);
    assert_eq!(
        doc["diagnostics"][0]["message"],
        "'Click here' says nothing; name the destination"
    );
}

/// Each config error is drawn over the TOML, exits 2, and nothing is checked.
#[test]
fn config_errors_are_rendered_over_the_toml() {
    let cases: &[(&str, &[&str])] = &[
        (
            "packs = [\"boilerplate\"\n",
            &["error: ", "copydesk.toml:1:"],
        ),
        (
            "colour = \"red\"\n",
            &[
                "unknown field `colour`",
                "copydesk.toml:1:1",
                "colour = \"red\"",
            ],
        ),
        (
            "[[rule]]\nid = \"house.bad\"\nkind = \"pattern\"\npattern = '(unclosed'\nmessage = \"m\"\n",
            &[
                "rule `house.bad` has an invalid regex",
                "copydesk.toml:4:11",
                "^^^^^^^^^^^",
            ],
        ),
        (
            "[rules]\n\"boilerplate.placeholders\" = \"off\"\n",
            &[
                "unknown rule `boilerplate.placeholders`",
                "did you mean `boilerplate.placeholder`?",
                "copydesk.toml:2:1",
            ],
        ),
        (
            "packs = [\"stlye\"]\n",
            &["unknown pack `stlye`", "did you mean `style`?"],
        ),
        (
            "[rules]\n\"style.usage\" = \"loud\"\n",
            &["must be \"off\", \"info\", \"warning\" or \"error\""],
        ),
        (
            "[[rule]]\nid = \"house.x\"\nkind = \"patern\"\nmessage = \"m\"\n",
            &["unknown kind `patern`", "did you mean `pattern`?"],
        ),
        (
            "[[rule]]\nid = \"NoDot\"\nkind = \"pattern\"\npattern = \"x\"\nmessage = \"m\"\n",
            &["invalid rule id `NoDot`"],
        ),
        (
            "[[rule]]\nid = \"boilerplate.promo\"\nkind = \"pattern\"\npattern = \"x\"\nmessage = \"m\"\n",
            &["rule `boilerplate.promo` is already defined"],
        ),
    ];
    for (toml, expected) in cases {
        let dir = temp_dir("config-error");
        fs::write(dir.join("copydesk.toml"), toml).unwrap();
        fs::write(dir.join("s.md"), ERROR).unwrap();
        let out = run_in(&dir, &["check", "s.md", "--color", "never"], None);
        assert_eq!(out.status.code(), Some(2), "{toml}");
        assert_eq!(
            stdout(&out),
            "",
            "nothing is checked when the config is bad: {toml}"
        );
        let err = stderr(&out);
        for e in *expected {
            assert!(err.contains(e), "{toml}\nexpected {e:?} in:\n{err}");
        }
    }
}

#[test]
fn unreadable_files_are_reported_and_the_rest_still_checked() {
    let dir = temp_dir("bad-input");
    fs::write(dir.join("good.md"), ERROR).unwrap();
    fs::write(dir.join("latin1.md"), b"Caf\xe9 owner says TK\n").unwrap();
    fs::write(dir.join("binary.txt"), b"PK\x03\x04\x00\x00binary").unwrap();
    fs::write(dir.join("empty.md"), b"").unwrap();
    let out = run_in(&dir, &["check", "--color", "never"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("latin1.md: is not valid UTF-8 (first bad byte at byte offset 3)"),
        "{err}"
    );
    assert!(
        err.contains("binary.txt: looks like a binary file"),
        "{err}"
    );
    let text = stdout(&out);
    assert!(text.contains("good.md:1:20"), "{text}");
    assert!(
        text.contains(
            "1 error and 0 warnings in 1 file (2 files checked); 2 files could not be checked"
        ),
        "{text}"
    );
    let out = run_in(&dir, &["check", "--format", "json"], None);
    assert_eq!(json(&out)["errors"].as_array().unwrap().len(), 2);
}

#[test]
fn bom_and_crlf_give_true_columns_and_byte_spans() {
    let dir = temp_dir("bom");
    let text = "\u{feff}Headline here\r\n\r\nA café owner said TK.\r\n";
    fs::write(dir.join("s.txt"), text).unwrap();
    let out = run_in(&dir, &["check", "s.txt", "--format", "json"], None);
    let d = &json(&out)["diagnostics"][0];
    let start = text.find("TK").unwrap();
    assert_eq!(d["span"]["start"], start);
    assert_eq!(d["span"]["end"], start + 2);
    assert_eq!(d["start"]["line"], 3);
    assert_eq!(d["start"]["column"], 19);
    assert_eq!(d["end"]["column"], 21);
}

#[test]
fn markdown_code_urls_html_and_front_matter_are_not_prose() {
    let dir = temp_dir("markdown");
    let text = "---\ntitle: \"TK\"\n---\nSee `TK` and https://example.com/TK and <span title=\"TK\">ok</span>.\n\n```\nTK\n```\n\n<!-- TK -->\n";
    fs::write(dir.join("s.md"), text).unwrap();
    let out = run_in(&dir, &["check", "s.md"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn colour_is_chosen_by_flag_and_no_color() {
    let dir = temp_dir("color");
    fs::write(dir.join("s.md"), ERROR).unwrap();
    let out = run_in(&dir, &["check", "s.md", "--color", "always"], None);
    assert!(stdout(&out).contains("\u{1b}["));
    let out = run_in(&dir, &["check", "s.md"], None);
    assert!(
        !stdout(&out).contains("\u{1b}["),
        "not a terminal: no colour"
    );
    let out = run_in(&dir, &["check", "s.md", "--color", "never"], None);
    assert!(!stdout(&out).contains("\u{1b}["));
}

#[test]
fn rules_and_explain() {
    let out = run_in(&root(), &["rules", "--no-config"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for id in ["boilerplate.placeholder", "style.usage", "numbers.style"] {
        assert!(
            text.lines().any(|l| l.starts_with(id)),
            "{id} missing from:\n{text}"
        );
    }
    let out = run_in(
        &root(),
        &["explain", "boilerplate.placeholder", "--no-config"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("kind: boilerplate   severity: error"),
        "{text}"
    );
    assert!(text.contains("flagged (boilerplate.placeholder):"));
    assert!(text.contains("not flagged:"));
    let out = run_in(
        &root(),
        &["explain", "boilerplate.placehodler", "--no-config"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `boilerplate.placeholder`?"));
}

#[test]
fn json_output_is_stable_and_complete() {
    let dir = temp_dir("json");
    fs::write(
        dir.join("b.md"),
        "Sales rose 4 percent, then 5% in May. It was alot.\n",
    )
    .unwrap();
    fs::write(dir.join("a.md"), ERROR).unwrap();
    let first = run_in(&dir, &["check", "--format", "json"], None);
    let second = run_in(&dir, &["check", "b.md", "a.md", "--format", "json"], None);
    assert_eq!(
        first.stdout, second.stdout,
        "order does not depend on argument order"
    );
    let doc = json(&first);
    assert_eq!(doc["version"], 1);
    let ds = doc["diagnostics"].as_array().unwrap();
    assert_eq!(ds[0]["path"], "a.md");
    let percent = ds
        .iter()
        .find(|d| d["rule"] == "numbers.percent-form")
        .unwrap();
    assert_eq!(
        percent["secondary"][0]["message"],
        "the story's form, set here"
    );
    assert_eq!(percent["fix"]["edits"][0]["replacement"], "5 percent");
    let usage = ds.iter().find(|d| d["rule"] == "style.usage").unwrap();
    assert_eq!(usage["fix"]["edits"][0]["replacement"], "a lot");
    assert_eq!(usage["fix"]["applicability"], "safe");
    assert_eq!(doc["summary"]["files"], 2);
}

/// Built-in rules' options (word lists, windows, thresholds) can be changed from `[rules]`.
#[test]
fn builtin_rule_options_can_be_overridden() {
    let dir = temp_dir("override");
    let story = "---\ndate: 2025-06-04\n---\n\nThe mayor spoke at length on Tuesday. She said the plan was ready. \"We will build it this year.\"\n";
    fs::write(dir.join("s.md"), story).unwrap();
    let out = run_in(&dir, &["check", "s.md", "--format", "json"], None);
    assert_eq!(json(&out)["diagnostics"].as_array().unwrap().len(), 0);
    fs::write(
        dir.join("copydesk.toml"),
        "[rules]\n\"attribution.unattributed-quote\" = { window = 0, severity = \"error\" }\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "s.md", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1));
    let d = &json(&out)["diagnostics"][0];
    assert_eq!(d["rule"], "attribution.unattributed-quote");
    assert_eq!(d["severity"], "error");

    fs::write(
        dir.join("copydesk.toml"),
        "[rules]\n\"attribution.weasel\" = { windw = 1 }\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "s.md", "--color", "never"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown key `windw`"), "{err}");
    assert!(err.contains("copydesk.toml:2:26"), "{err}");
}

/// Style rules leave a speaker's words alone.
#[test]
fn style_rules_do_not_edit_quotations() {
    let dir = temp_dir("quoted-style");
    fs::write(
        dir.join("s.md"),
        "\"We spent alot of time on it,\" the coach said. The team spent alot of money.\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "s.md", "--format", "json"], None);
    let usage: Vec<_> = json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "style.usage")
        .map(|d| d["start"]["column"].clone())
        .collect();
    assert_eq!(usage, [serde_json::json!(63)]);
}
