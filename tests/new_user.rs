//! What a new user tripped on (#14, item 8), one test each: `--stdin-filename` alone reads stdin;
//! no story at all is said; a path with no story and a file of another type are errors; skipped
//! files are counted; a config error is in the JSON; `inspect -`; `rules --format json`; one name
//! for the lowest severity; the README says how to install.

mod common;

use common::{root, run_in, stderr, stdout, temp_dir};
use std::fs;

const ERROR: &str = "The fire destroyed TK homes.\n";

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("JSON: {}\n{}", stdout(out), stderr(out)))
}

#[test]
fn stdin_filename_alone_reads_stdin() {
    let dir = temp_dir("stdin-alone");
    // A story in the folder that must not be checked instead.
    fs::write(dir.join("other.md"), "It took alot of time.\n").unwrap();
    let out = run_in(
        &dir,
        &[
            "check",
            "--stdin-filename",
            "desk/story.md",
            "--format",
            "json",
        ],
        Some(ERROR.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["summary"]["files"], 1);
    assert_eq!(doc["diagnostics"][0]["path"], "desk/story.md");
    // With other paths it needs a `-`.
    let out = run_in(
        &dir,
        &["check", "other.md", "--stdin-filename", "x.md"],
        Some(ERROR.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no path is `-`"), "{}", stderr(&out));
}

#[test]
fn no_story_at_all_is_said_and_a_path_without_one_is_an_error() {
    let dir = temp_dir("no-story");
    fs::create_dir_all(dir.join("empty")).unwrap();
    fs::write(dir.join("notes.html"), "<p>hi</p>").unwrap();
    let out = run_in(&dir, &["check"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("warning: no story was checked"),
        "{}",
        stderr(&out)
    );
    let out = run_in(&dir, &["check", "empty"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: empty: holds no story"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn files_of_other_types_are_errors_when_named_and_counted_when_skipped() {
    let dir = temp_dir("other-types");
    fs::create_dir_all(dir.join("desk")).unwrap();
    fs::write(dir.join("desk/a.md"), ERROR).unwrap();
    fs::write(dir.join("desk/b.docx"), "PK").unwrap();
    fs::write(dir.join("desk/c.rst"), ERROR).unwrap();
    fs::write(dir.join("desk/d.mdx"), ERROR).unwrap();
    fs::write(dir.join("desk/image.png"), "x").unwrap();
    let out = run_in(&dir, &["check", "desk", "--format", "json"], None);
    let doc = json(&out);
    assert_eq!(doc["summary"]["files"], 1);
    assert_eq!(doc["summary"]["skipped"], 3, "images are not documents");
    let out = run_in(&dir, &["check", "desk", "--color", "never"], None);
    assert!(
        stdout(&out).contains("(1 file checked); 3 files of other types skipped"),
        "{}",
        stdout(&out)
    );
    for (file, what) in [
        ("desk/b.docx", "is a Word document (.docx), not a story"),
        (
            "desk/c.rst",
            "is a reStructuredText document (.rst), not a story",
        ),
        ("desk/image.png", "is a .png file, not a story"),
    ] {
        let out = run_in(&dir, &["check", file], None);
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(stderr(&out).contains(what), "{}", stderr(&out));
    }
    // A folder with documents but no story says what it skipped.
    fs::remove_file(dir.join("desk/a.md")).unwrap();
    let out = run_in(&dir, &["check", "desk"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("3 documents of other types skipped"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_config_error_is_in_the_json_too() {
    let dir = temp_dir("json-config-error");
    fs::write(
        dir.join("copydesk.toml"),
        "[rules]\n\"style.usge\" = \"off\"\n",
    )
    .unwrap();
    fs::write(dir.join("s.md"), ERROR).unwrap();
    let out = run_in(&dir, &["check", "s.md", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out);
    assert_eq!(doc["errors"][0]["path"], "copydesk.toml");
    assert_eq!(
        doc["errors"][0]["message"],
        "line 2, column 1: unknown rule `style.usge` (did you mean `style.usage`?)"
    );
    assert!(stderr(&out).contains("unknown rule `style.usge`"));
    // SARIF reports it as a notification, like an unreadable file.
    let out = run_in(&dir, &["check", "s.md", "--format", "sarif"], None);
    assert!(
        stdout(&out).contains("unknown rule `style.usge`"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn inspect_reads_stdin() {
    let dir = temp_dir("inspect-stdin");
    let out = run_in(
        &dir,
        &[
            "inspect",
            "-",
            "--stdin-filename",
            "desk/s.md",
            "--format",
            "json",
        ],
        Some(b"# Head\n\nThe mayor said \"we will build it.\"\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["path"], "desk/s.md");
    assert_eq!(doc["blocks"][0]["kind"], "headline");
    assert_eq!(doc["quotations"].as_array().unwrap().len(), 1);
}

#[test]
fn rules_lists_as_json() {
    let dir = temp_dir("rules-json");
    fs::write(
        dir.join("copydesk.toml"),
        "[rules]\n\"style.usage\" = \"off\"\n",
    )
    .unwrap();
    let out = run_in(&dir, &["rules", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    let rules = doc["rules"].as_array().unwrap();
    let usage = rules.iter().find(|r| r["id"] == "style.usage").unwrap();
    assert_eq!(usage["severity"], "off");
    assert_eq!(usage["enabled"], false);
    assert_eq!(usage["pack"], "style");
    let unused = rules
        .iter()
        .find(|r| r["id"] == "copydesk.unused-suppression")
        .unwrap();
    assert_eq!(unused["severity"], "warning");
    let claim = rules
        .iter()
        .find(|r| r["id"] == "attribution.unattributed-claim")
        .unwrap();
    // Shipped off (see its `why`): listed, with the severity it takes when turned on.
    assert_eq!(claim["severity"], "off");
    assert_eq!(claim["enabled"], false);
}

#[test]
fn the_lowest_severity_is_info_everywhere() {
    let dir = temp_dir("info");
    // "end result": style.redundancy, an info finding.
    fs::write(dir.join("s.md"), "It was the end result.\n").unwrap();
    fs::write(
        dir.join("copydesk.toml"),
        "[rules]\n\"style.redundancy\" = \"info\"\n",
    )
    .unwrap();
    let human = run_in(
        &dir,
        &["check", "s.md", "--color", "never", "--fail-on", "info"],
        None,
    );
    assert_eq!(human.status.code(), Some(1));
    assert!(
        stdout(&human).starts_with("info[style.redundancy]"),
        "{}",
        stdout(&human)
    );
    assert!(stdout(&human).contains("and 1 info in 1 file"));
    let concise = run_in(&dir, &["check", "s.md", "--format", "concise"], None);
    assert!(
        stdout(&concise).contains(": info[style.redundancy]"),
        "{}",
        stdout(&concise)
    );
    let doc = json(&run_in(&dir, &["check", "s.md", "--format", "json"], None));
    assert_eq!(doc["diagnostics"][0]["severity"], "info");
    assert_eq!(doc["summary"]["infos"], 1);
    let rules = stdout(&run_in(&dir, &["rules"], None));
    assert!(
        rules
            .lines()
            .any(|l| l.starts_with("style.redundancy") && l.contains(" info ")),
        "{rules}"
    );
}

#[test]
fn the_readme_says_how_to_install() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("cargo install --locked --path ."));
    assert!(readme.contains("## Install"));
}
