//! Distribution in CI (#14, item 7): the composite action and the pre-commit hooks say what the
//! README says, and their commands work when run as GitHub and pre-commit run them.

mod common;

use common::{root, run_in, stderr, stdout, temp_dir};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::Command;

fn yaml(file: &str) -> Value {
    let text = fs::read_to_string(root().join(file)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The folder the copydesk binary under test is in, first on a PATH.
fn path_with_copydesk() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_copydesk"));
    format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn the_action_installs_from_its_checkout_and_reports_for_github() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    assert_eq!(action["inputs"]["format"]["default"], "github");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let run_of = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"].as_str().is_some_and(|n| n.starts_with(name)))
            .unwrap_or_else(|| panic!("a step named {name}"))["run"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let install = run_of("Install copydesk");
    assert!(
        install.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""),
        "{install}"
    );
    assert!(!install.contains("--git"));
    // The check step, run as GitHub runs it (bash -e), with the inputs in its environment.
    let check = run_of("Check the stories");
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &check])
        .current_dir(root())
        .env("PATH", path_with_copydesk())
        .env(
            "COPYDESK_PATHS",
            "fixtures/stories/clean.md fixtures/stories/placeholders.md",
        )
        .env("COPYDESK_ARGS", "--exit-zero --fail-on warning")
        .env("COPYDESK_FORMAT", "github")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("::error file=fixtures/stories/placeholders.md,line="),
        "{text}"
    );
    assert!(!text.contains("clean.md"), "{text}");
}

#[test]
fn the_pre_commit_hooks_run_copydesk_on_the_files_named() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["copydesk", "copydesk-fix"]);
    for hook in hooks {
        assert_eq!(hook["language"], "rust");
        assert_eq!(
            hook["types_or"],
            serde_json::json!(["markdown", "plain-text"])
        );
    }
    // As pre-commit runs a hook: its entry, then the changed files; README.md is excluded.
    let dir = temp_dir("pre-commit");
    fs::write(dir.join("copydesk.toml"), "exclude = [\"README.md\"]\n").unwrap();
    fs::write(dir.join("README.md"), "Install it alot.\n").unwrap();
    fs::write(dir.join("story.md"), "It took alot of time.\n").unwrap();
    let entry: Vec<&str> = hooks[0]["entry"].as_str().unwrap().split(' ').collect();
    assert_eq!(entry[..2], ["copydesk", "check"]);
    let mut args: Vec<&str> = entry[1..].to_vec();
    args.extend(["--fail-on", "warning", "README.md", "story.md"]);
    let out = run_in(&dir, &args, None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("story.md:1:9"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("README.md:"), "{}", stdout(&out));
    // The fixing hook fixes the story and leaves nothing to report.
    let entry: Vec<&str> = hooks[1]["entry"].as_str().unwrap().split(' ').collect();
    let mut args: Vec<&str> = entry[1..].to_vec();
    args.extend(["README.md", "story.md"]);
    let out = run_in(&dir, &args, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.join("story.md")).unwrap(),
        "It took a lot of time.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.join("README.md")).unwrap(),
        "Install it alot.\n"
    );
}

#[test]
fn the_readme_has_a_snippet_for_each_ci() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    for needle in [
        "# .github/workflows/copydesk.yml",
        "uses: OWNER/copydesk@REF",
        "# .gitlab-ci.yml",
        "cargo install --locked --path vendor/copydesk",
        "# .pre-commit-config.yaml",
        "- id: copydesk",
    ] {
        assert!(readme.contains(needle), "the README lacks {needle:?}");
    }
}
