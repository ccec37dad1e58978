//! The rule schema per kind (#10): stray keys are errors drawn over the TOML, every rule honours a
//! `message` override, deprecated ids still work with a warning, an oversized pattern set is a
//! config error, and a story whose analysis panics is isolated from the rest of the run.

mod common;

use common::{run_in, stderr, stdout, temp_dir};
use copydesk::config::{Config, builtin_rules};
use copydesk::rules::Rule;
use copydesk::source::Source;
use std::fs;

fn config_error(toml: &str) -> String {
    match Config::from_toml(toml) {
        Ok(_) => panic!("expected a config error for:\n{toml}"),
        Err(errors) => errors
            .iter()
            .map(|e| format!("{} | {} | {}", e.message, e.label, e.notes.join(" | ")))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// One user rule of every kind (and every check of the kinds with several), each with a key that
/// belongs to another kind: each is refused, naming the key.
#[test]
fn a_stray_key_is_an_error_for_every_kind() {
    let rule = |body: &str| format!("[[rule]]\nid = \"house.x\"\nmessage = \"m\"\n{body}\n");
    let cases = [
        ("kind = \"pattern\"\npattern = \"x\"\nwindow = 2", "window"),
        (
            "kind = \"substitution\"\nreplace = { a = \"b\" }\nwindow = 2",
            "window",
        ),
        (
            "kind = \"consistency\"\nvariant = [{ name = \"a\", pattern = \"a\" }, { name = \"b\", pattern = \"b\" }]\nstyle = \"ap\"",
            "style",
        ),
        (
            "kind = \"boilerplate\"\ncategory = \"promo\"\nlines = [\"x\"]\ncues = {}",
            "cues",
        ),
        (
            "kind = \"attribution\"\ncheck = \"weasel\"\nphrases = [\"x\"]\nwindow = 1",
            "window",
        ),
        (
            "kind = \"attribution\"\ncheck = \"unattributed-quote\"\nsourced = [\"x\"]",
            "sourced",
        ),
        (
            "kind = \"attribution\"\ncheck = \"anonymous-source\"\nphrases = [\"x\"]\nstyle = \"ap\"",
            "style",
        ),
        (
            "kind = \"attribution\"\ncheck = \"unattributed-claim\"\nqualifiers = [\"x\"]",
            "qualifiers",
        ),
        ("kind = \"numbers\"\ncheck = \"style\"\ndays = 3", "days"),
        (
            "kind = \"numbers\"\ncheck = \"inconsistent\"\nstyle = \"ap\"",
            "style",
        ),
        (
            "kind = \"numbers\"\ncheck = \"majority\"\ncues = {}",
            "cues",
        ),
        ("kind = \"dates\"\ncheck = \"impossible\"\ndays = 3", "days"),
        (
            "kind = \"dates\"\ncheck = \"year-missing\"\nstyle = \"ap\"",
            "style",
        ),
    ];
    for (body, key) in cases {
        let toml = rule(body);
        let err = config_error(&toml);
        assert!(
            err.contains(&format!("unknown key `{key}`")),
            "{toml}\n{err}"
        );
    }
    // A misspelt key of the right kind gets a suggestion.
    let err = config_error(&rule(
        "kind = \"boilerplate\"\ncategory = \"promo\"\nline = [\"x\"]",
    ));
    assert!(err.contains("did you mean `lines`?"), "{err}");
    // The same through an override of a built-in rule.
    let err = config_error("[rules]\n\"style.usage\" = { window = 2 }\n");
    assert!(err.contains("unknown key `window`"), "{err}");
    let err = config_error("[rules]\n\"attribution.weasel\" = { style = \"ap\" }\n");
    assert!(err.contains("unknown key `style`"), "{err}");
    let err = config_error("[rules]\n\"dates.impossible\" = { chek = \"x\" }\n");
    assert!(err.contains("unknown key `chek`"), "{err}");
}

/// An unknown check names the checks and suggests the closest.
#[test]
fn an_unknown_check_is_an_error() {
    let err = config_error(
        "[[rule]]\nid = \"house.x\"\nkind = \"numbers\"\ncheck = \"majorty\"\nmessage = \"m\"\n",
    );
    assert!(err.contains("unknown check `majorty`"), "{err}");
    assert!(err.contains("did you mean `majority`?"), "{err}");
}

/// Every built-in rule that one story can show honours a `message` override: its findings on its
/// own examples carry the new message, with `{match}` filled in.
#[test]
fn every_rule_honours_a_message_override() {
    let mut tested = 0;
    let mut failures = Vec::new();
    for rule in builtin_rules() {
        let toml = format!(
            "[rules]\n\"{}\" = {{ message = \"HOUSE: {{match}}\" }}\n",
            rule.id
        );
        let config = Config::from_toml(&toml).unwrap_or_else(|e| panic!("{}: {e:?}", rule.id));
        let config = std::sync::Arc::new(config);
        let mut fired = false;
        for example in rule.examples.iter().filter(|e| e.expect.contains(&rule.id)) {
            let input = copydesk::batch::Input {
                source: Source::new("example.md", example.text.clone()),
                config: config.clone(),
            };
            let report = copydesk::batch::check_batch(vec![input], &Default::default())
                .pop()
                .unwrap()
                .unwrap();
            for d in report.diagnostics.into_iter().filter(|d| d.rule == rule.id) {
                fired = true;
                // `{match}` is the rule's own rendering of what it found (a figure without its
                // noun, a quotation abbreviated), so only the template's own text is compared.
                if !d.message.starts_with("HOUSE: ") || d.message.contains("{match}") {
                    failures.push(format!("{}: message {:?}", rule.id, d.message));
                }
            }
        }
        let across_files = config
            .ruleset
            .across_file_rules()
            .any(|r| r.meta().id == rule.id);
        if fired {
            tested += 1;
        } else if !across_files {
            failures.push(format!("{}: no example fired", rule.id));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(tested >= 25, "only {tested} rules tested");
}

/// A former id still configures the rule it became, with a deprecation warning over the TOML.
#[test]
fn a_deprecated_id_still_works_with_a_warning() {
    let config = Config::from_toml("[rules]\n\"style.percent\" = \"off\"\n").unwrap();
    assert!(
        config
            .ruleset
            .disabled()
            .any(|m| m.id == "numbers.percent-form")
    );
    assert!(config.warnings[0].message.contains("deprecated"));

    let dir = temp_dir("alias");
    fs::write(
        dir.join("copydesk.toml"),
        "[rules]\n\"style.percent\" = \"off\"\n",
    )
    .unwrap();
    fs::write(dir.join("s.md"), "Sales rose 4 percent, then 5% in May.\n").unwrap();
    let out = run_in(&dir, &["check", "s.md", "--color", "never"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning: `style.percent` is a deprecated rule id"));
    assert!(stderr(&out).contains("copydesk.toml:2:1"));
    assert!(!stdout(&out).contains("percent-form"));
}

/// Patterns that are each valid but too large together are a config error naming the rules, not
/// a crash.
#[test]
fn an_oversized_pattern_set_is_a_config_error() {
    let mut toml = String::new();
    for i in 0..6 {
        toml.push_str(&format!(
            "[[rule]]\nid = \"house.big-{i}\"\nkind = \"pattern\"\npattern = '\\w{{100}}x{i}'\nmessage = \"m\"\n\n"
        ));
    }
    let err = config_error(&toml);
    assert!(err.contains("too large to compile together"), "{err}");
    assert!(err.contains("house.big-0"), "{err}");

    let dir = temp_dir("oversized");
    fs::write(dir.join("copydesk.toml"), &toml).unwrap();
    fs::write(dir.join("s.md"), "A story.\n").unwrap();
    let out = run_in(&dir, &["check", "s.md", "--color", "never"], None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("house.big-5"), "{}", stderr(&out));
}

/// A story whose analysis panics is reported as an internal error naming it; the other stories
/// are still checked and reported, and the run exits 2.
#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the test hook exists in debug builds only"
)]
fn a_panicking_story_is_isolated() {
    let dir = temp_dir("panic");
    fs::write(dir.join("a.md"), "The mayor said TK.\n").unwrap();
    fs::write(dir.join("b.md"), "This one holds PANIC-MARKER-42.\n").unwrap();
    fs::write(dir.join("c.md"), "Lorem ipsum dolor sit amet.\n").unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"));
    let out = cmd
        .args(["check", ".", "--format", "json"])
        .current_dir(&dir)
        .env("COPYDESK_TEST_PANIC_ON", "PANIC-MARKER-42")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("error: b.md: internal error"), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"a.md") && paths.contains(&"c.md"),
        "{paths:?}"
    );
    assert!(!paths.contains(&"b.md"));
}
