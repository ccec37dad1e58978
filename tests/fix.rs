//! `copydesk check --fix`, `--unsafe-fixes` and `--diff`: what is applied, what is only shown,
//! that fixing settles (a second `--fix` changes nothing, for every fixture story), and that no
//! text is ever lost (permissions, line endings, a BOM, a file changed meanwhile, a failed write).

mod common;

use common::{TempDir, root, run_in, stderr, stdout, temp_dir};
use std::fs;
use std::path::{Path, PathBuf};

/// Residue, a usage error and a figure to spell out: three safe fixes.
const SAFE: &str = "The council spent alot of time on 3 proposals.\n\nAdvertisement\n\nThe mayor signed the budget.\n";
const SAFE_FIXED: &str =
    "The council spent a lot of time on three proposals.\n\nThe mayor signed the budget.\n";
/// A weekday that does not match its date (unsafe) and an ambiguous date (a suggestion).
const DATED: &str = "---\ndate: 2025-06-04\n---\n\nThe vote is set for Monday, June 3, 2025. The permit expires on 03/04/2026.\n";

fn check(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "--no-config", "--color", "never"];
    all.extend_from_slice(args);
    run_in(dir, &all, None)
}

/// Every story file under `dir`, recursively, relative to it.
fn stories_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "txt")
            ) {
                out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn snapshot(dir: &Path, files: &[PathBuf]) -> Vec<Vec<u8>> {
    files
        .iter()
        .map(|f| fs::read(dir.join(f)).unwrap())
        .collect()
}

#[test]
fn fix_applies_safe_fixes_in_place_and_reports_what_remains() {
    let dir = temp_dir("fix-safe");
    fs::write(dir.join("story.md"), SAFE).unwrap();
    let out = check(&dir, &["--fix", "story.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.join("story.md")).unwrap(),
        SAFE_FIXED
    );
    assert_eq!(
        stdout(&out),
        "applied 3 fixes to 1 file; no findings remain (1 file checked)\n"
    );
    // Nothing is left behind in the directory.
    let names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["story.md"]);
}

#[test]
fn unsafe_fixes_wait_for_unsafe_fixes_and_suggestions_are_never_applied() {
    let dir = temp_dir("fix-unsafe");
    fs::write(dir.join("dated.md"), DATED).unwrap();
    let out = check(&dir, &["--fix", "dated.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(dir.join("dated.md")).unwrap(), DATED);
    let report = stdout(&out);
    assert!(
        report.contains(
            r#"help: replace "Monday" with "Tuesday" (unsafe fix: applied with --unsafe-fixes)"#
        ),
        "{report}"
    );
    assert!(
        report.contains(r#"with "March 4, 2026" (suggestion: never applied)"#),
        "{report}"
    );
    assert!(
        report.ends_with(
            "applied 0 fixes to 0 files; 2 findings remain: 1 error and 1 warning in 1 file (1 file \
             checked) (1 more fix with --unsafe-fixes)\n"
        ),
        "{report}"
    );

    let out = check(&dir, &["--fix", "--unsafe-fixes", "dated.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let fixed = fs::read_to_string(dir.join("dated.md")).unwrap();
    assert_eq!(
        fixed,
        DATED.replace("Monday", "Tuesday"),
        "the suggestion stays unapplied"
    );
    assert!(
        stdout(&out).ends_with(
            "applied 1 fix to 1 file; 1 finding remains: 0 errors and 1 warning in 1 file (1 file \
             checked)\n"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn unsafe_fixes_needs_fix_or_diff_and_fix_excludes_diff() {
    let dir = temp_dir("fix-flags");
    fs::write(dir.join("s.md"), SAFE).unwrap();
    for args in [
        &["--unsafe-fixes", "s.md"][..],
        &["--fix", "--diff", "s.md"][..],
    ] {
        let out = check(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(fs::read_to_string(dir.join("s.md")).unwrap(), SAFE);
}

#[test]
fn diff_prints_a_unified_diff_and_changes_nothing() {
    let dir = temp_dir("fix-diff");
    fs::write(dir.join("s.md"), SAFE).unwrap();
    fs::write(dir.join("clean.md"), SAFE_FIXED).unwrap();
    let out = check(&dir, &["--diff", "s.md", "clean.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "--- a/s.md\n+++ b/s.md\n@@ -1,5 +1,3 @@\n\
         -The council spent alot of time on 3 proposals.\n-\n-Advertisement\n\
         +The council spent a lot of time on three proposals.\n \n The mayor signed the budget.\n"
    );
    assert!(
        stderr(&out).contains("3 fixes would be applied to 1 file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(dir.join("s.md")).unwrap(), SAFE);

    // No diff: exit 0 and nothing on stdout, whatever the findings.
    let out = check(&dir, &["--diff", "clean.md"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    fs::write(dir.join("dated.md"), DATED).unwrap();
    let out = check(&dir, &["--diff", "dated.md"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "unsafe fixes are not in the diff"
    );
    let out = check(&dir, &["--diff", "--unsafe-fixes", "dated.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("+The vote is set for Tuesday, June 3, 2025."));
}

#[test]
fn fix_with_stdin_writes_the_fixed_text_to_stdout() {
    let dir = temp_dir("fix-stdin");
    let out = run_in(
        &dir,
        &[
            "check",
            "--no-config",
            "--color",
            "never",
            "--fix",
            "-",
            "--stdin-filename",
            "desk/story.md",
        ],
        Some(SAFE.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), SAFE_FIXED);
    assert!(
        stderr(&out).contains("applied 3 fixes to 1 file; no findings remain"),
        "{}",
        stderr(&out)
    );
    // A story with nothing to fix comes back unchanged; its findings are reported on stderr.
    let out = run_in(
        &dir,
        &["check", "--no-config", "--color", "never", "--fix", "-"],
        Some(DATED.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), DATED);
    assert!(
        stderr(&out).contains("dates.weekday-mismatch"),
        "{}",
        stderr(&out)
    );

    let out = run_in(
        &dir,
        &[
            "check",
            "--no-config",
            "--diff",
            "-",
            "--stdin-filename",
            "s.md",
        ],
        Some(SAFE.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("--- a/s.md\n+++ b/s.md\n"));
}

#[test]
fn json_output_after_fix_is_the_remaining_findings() {
    let dir = temp_dir("fix-json");
    fs::write(dir.join("dated.md"), DATED).unwrap();
    fs::write(dir.join("s.md"), SAFE).unwrap();
    let out = check(&dir, &["--fix", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["dates.weekday-mismatch", "dates.ambiguous-numeric"]);
    assert!(
        stderr(&out).contains("applied 3 fixes to 1 file; 2 findings remain"),
        "{}",
        stderr(&out)
    );
}

/// Copies the stories into a fresh directory, runs `check --fix` (plus `extra`) twice, and asserts
/// that the first run fixed at least `min_fixed` stories and the second changed nothing.
fn fix_twice(name: &str, stories: &[PathBuf], extra: &[&str], min_fixed: usize) -> TempDir {
    let dir = temp_dir(name);
    for story in stories {
        let to = dir.join(story);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(root().join("fixtures").join(story), &to).unwrap();
    }
    let original = snapshot(&dir, stories);
    let mut args = vec!["--fix", "--fail-on", "never", "."];
    args.extend_from_slice(extra);
    let first = check(&dir, &args);
    assert_eq!(first.status.code(), Some(0), "{name}: {}", stderr(&first));
    assert!(
        !stderr(&first).contains("still changed"),
        "{name}: fixing did not settle: {}",
        stderr(&first)
    );
    let once = snapshot(&dir, stories);
    let changed = original.iter().zip(&once).filter(|(a, b)| a != b).count();
    assert!(
        changed >= min_fixed,
        "{name}: only {changed} stories were fixed"
    );
    let second = check(&dir, &args);
    assert_eq!(second.status.code(), Some(0), "{name}: {}", stderr(&second));
    let twice = snapshot(&dir, stories);
    for ((story, a), b) in stories.iter().zip(&once).zip(&twice) {
        assert!(
            a == b,
            "{name}: a second --fix changed {}:\n{}",
            story.display(),
            String::from_utf8_lossy(b)
        );
    }
    assert!(
        stdout(&second).contains("applied 0 fixes to 0 files"),
        "{name}: {}",
        stdout(&second)
    );
    dir
}

#[test]
fn a_second_fix_changes_nothing_for_every_fixture_story() {
    let stories = stories_under(&root().join("fixtures"));
    assert!(stories.len() > 300, "{} stories", stories.len());
    let dir = fix_twice("fix-idempotent", &stories, &[], 30);
    // --diff agrees: nothing is left to show.
    let diff = check(&dir, &["--diff", "."]);
    assert_eq!(diff.status.code(), Some(0), "{}", stdout(&diff));
    assert_eq!(stdout(&diff), "");
}

#[test]
fn a_second_fix_with_unsafe_fixes_changes_nothing_for_the_example_stories() {
    let stories: Vec<PathBuf> = stories_under(&root().join("fixtures"))
        .into_iter()
        .filter(|s| !s.starts_with("eval"))
        .collect();
    assert!(stories.len() >= 20, "{} stories", stories.len());
    fix_twice("fix-idempotent-unsafe", &stories, &["--unsafe-fixes"], 10);
}

#[test]
fn crlf_and_a_bom_survive_fixing() {
    let dir = temp_dir("fix-crlf");
    let text = format!("\u{feff}{}", SAFE.replace('\n', "\r\n"));
    fs::write(dir.join("wire.txt"), &text).unwrap();
    let out = check(&dir, &["--fix", "wire.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let fixed = fs::read_to_string(dir.join("wire.txt")).unwrap();
    assert_eq!(
        fixed,
        format!("\u{feff}{}", SAFE_FIXED.replace('\n', "\r\n"))
    );

    // Residue on the first line is deleted after the BOM, never with it.
    let text = "\u{feff}Advertisement\r\n\r\nThe council met.\r\n";
    fs::write(dir.join("first.txt"), text).unwrap();
    let out = check(&dir, &["--fix", "first.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let fixed = fs::read_to_string(dir.join("first.txt")).unwrap();
    assert_eq!(fixed, "\u{feff}The council met.\r\n");
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("fix-mode");
    let path = dir.join("s.md");
    fs::write(&path, SAFE).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let out = check(&dir, &["--fix", "s.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&path).unwrap(), SAFE_FIXED);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "mode {mode:o}");

    // The owner is kept too, where the test may give the file away (as root).
    use std::os::unix::fs::MetadataExt;
    fs::write(&path, SAFE).unwrap();
    if std::os::unix::fs::chown(&path, Some(65534), Some(65534)).is_ok() {
        let out = check(&dir, &["--fix", "s.md"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let meta = fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
        assert_eq!(meta.permissions().mode() & 0o7777, 0o640);
        assert_eq!(fs::read_to_string(&path).unwrap(), SAFE_FIXED);
    }
}

/// Whether this process can create files in a directory it may not write to (root can).
#[cfg(unix)]
fn writes_past_permissions(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let ok = fs::write(&probe, "x").is_ok();
    let _ = fs::remove_file(&probe);
    ok
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_original_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("fix-readonly");
    let ro = dir.join("ro");
    fs::create_dir(&ro).unwrap();
    let path = ro.join("s.md");
    fs::write(&path, SAFE).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let args = [
        "check",
        "--no-config",
        "--color",
        "never",
        "--fix",
        "ro/s.md",
    ];
    let out = if writes_past_permissions(&ro) {
        // Root writes anywhere: run copydesk without the capability that lets it.
        let setpriv = Path::new("/usr/bin/setpriv");
        if !setpriv.exists() {
            eprintln!("skipped: running as root and setpriv is missing");
            fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
            return;
        }
        let mut all = vec![
            "--bounding-set=-dac_override,-dac_read_search,-fowner",
            "--inh-caps=-all",
            env!("CARGO_BIN_EXE_copydesk"),
        ];
        all.extend(args);
        std::process::Command::new(setpriv)
            .args(&all)
            .current_dir(&dir)
            .output()
            .unwrap()
    } else {
        run_in(&dir, &args, None)
    };
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error: ro/s.md: not fixed, the file is unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), SAFE);
    let names: Vec<String> = fs::read_dir(&ro)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["s.md"], "no temporary file is left");
    // The findings are reported on the text as it still is.
    assert!(stdout(&out).contains("style.usage"), "{}", stdout(&out));
    assert!(
        stdout(&out).ends_with("(1 file checked); 1 file could not be written\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the test hook exists in debug builds only"
)]
fn a_file_that_changed_since_it_was_read_is_never_overwritten() {
    // The check between reading and renaming is exercised directly by the unit tests of
    // `cli::fix::write_atomically`; here, through the CLI, with a story edited while copydesk
    // runs (the test hook edits it right after it is read).
    let dir = temp_dir("fix-race");
    fs::write(dir.join("s.md"), SAFE).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"));
    let out = cmd
        .args(["check", "--no-config", "--color", "never", "--fix", "s.md"])
        .current_dir(&dir)
        .env("COPYDESK_TEST_EDIT_AFTER_READ", "edited meanwhile\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("changed on disk"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.join("s.md")).unwrap(),
        format!("{SAFE}edited meanwhile\n")
    );
}

#[test]
fn rules_declare_fix_safety_in_toml() {
    let dir = temp_dir("fix-toml");
    fs::write(dir.join("s.md"), SAFE).unwrap();
    // A newsroom makes a built-in rule's fixes suggestions only.
    fs::write(
        dir.join("copydesk.toml"),
        "[rules]\n\"style.usage\" = { fix = \"suggestion\" }\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "--fix", "--color", "never", "s.md"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fixed = fs::read_to_string(dir.join("s.md")).unwrap();
    assert!(fixed.contains("alot"), "{fixed}");
    assert!(!fixed.contains("Advertisement"), "{fixed}");
    assert!(
        stdout(&out).contains(r#"help: replace "alot" with "a lot" (suggestion: never applied)"#),
        "{}",
        stdout(&out)
    );

    // Its own pattern rule offers to delete its match only when it declares how sure that is.
    fs::write(dir.join("p.md"), "The plan is, basically, done.\n").unwrap();
    fs::write(
        dir.join("copydesk.toml"),
        "[[rule]]\nid = \"house.basically\"\nkind = \"pattern\"\nphrases = [\"basically,\"]\n\
         fix = \"safe\"\nmessage = \"cut '{match}'\"\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "--fix", "p.md"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.join("p.md")).unwrap(),
        "The plan is,  done.\n"
    );
}

#[test]
fn fix_safety_keys_are_checked() {
    let dir = temp_dir("fix-toml-errors");
    fs::write(dir.join("s.md"), SAFE).unwrap();
    let cases = [
        // Not a safety.
        (
            "[rules]\n\"style.usage\" = { fix = \"always\" }\n",
            "unknown fix safety `always`",
        ),
        // A rule that makes no fixes.
        (
            "[rules]\n\"attribution.unattributed-quote\" = { fix = \"safe\" }\n",
            "`fix` has no effect: this rule makes no fixes",
        ),
        (
            "[rules]\n\"dates.impossible\" = { fix = \"unsafe\" }\n",
            "`fix` has no effect",
        ),
        // A misspelt key is still an unknown key.
        (
            "[rules]\n\"style.usage\" = { fixes = \"safe\" }\n",
            "did you mean `fix`?",
        ),
    ];
    for (toml, expected) in cases {
        fs::write(dir.join("copydesk.toml"), toml).unwrap();
        let out = run_in(&dir, &["check", "--fix", "s.md"], None);
        assert_eq!(out.status.code(), Some(2), "{toml}");
        assert!(stderr(&out).contains(expected), "{toml}: {}", stderr(&out));
        assert_eq!(fs::read_to_string(dir.join("s.md")).unwrap(), SAFE);
    }
}

#[test]
fn built_in_rules_set_their_fix_safety_deliberately() {
    let dir = temp_dir("fix-builtin-safety");
    let story = "---\ndate: 2025-06-04\n---\n\nThe council spent alot of time on it. Bus 7 \
                 carried 3 riders. The vote is set for Monday, June 3, 2025. It rained \
                 yesterday. The permit expires on 03/04/2026.\n\nAdvertisement\n\nThe end.\n";
    fs::write(dir.join("s.md"), story).unwrap();
    let out = check(&dir, &["--format", "json", "s.md"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["fix"].is_null())
        .map(|d| {
            let span = &d["fix"]["edits"][0]["span"];
            let (s, e) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            (
                d["rule"].as_str().unwrap().to_string(),
                story[s..e].trim().to_string(),
                d["fix"]["applicability"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect = [
        ("style.usage", "alot", "safe"),
        ("numbers.style", "3", "safe"),
        ("dates.weekday-mismatch", "Monday", "unsafe"),
        ("dates.relative-word", "yesterday", "unsafe"),
        ("dates.ambiguous-numeric", "03/04/2026", "suggestion"),
        ("boilerplate.advertising", "Advertisement", "safe"),
    ];
    // "Bus 7" is a label (AP's exception), not a count: no style finding, so no fix at all.
    assert!(
        !found
            .iter()
            .any(|(r, t, _)| r == "numbers.style" && t == "7"),
        "{found:?}"
    );
    for (rule, text, safety) in expect {
        assert!(
            found
                .iter()
                .any(|(r, t, s)| r == rule && t == text && s == safety),
            "{rule} on {text:?} should be {safety}: {found:?}"
        );
    }
}

#[test]
fn substitutions_keep_case_and_capitalise_a_sentence_start() {
    let dir = temp_dir("fix-case");
    fs::write(
        dir.join("copydesk.toml"),
        "[[rule]]\nid = \"house.website\"\nkind = \"substitution\"\ncase_sensitive = true\n\
         fix = \"safe\"\nmessage = \"write '{replacement}'\"\n[rule.replace]\n\"web site\" = \"website\"\n",
    )
    .unwrap();
    fs::write(
        dir.join("s.md"),
        "Irregardless of the vote, ALOT changed.\n\nirregardless, it passed. She spent alot.\n\n\
         web site traffic rose. The web site was down.\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "--fix", "s.md"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        fs::read_to_string(dir.join("s.md")).unwrap(),
        "Regardless of the vote, A LOT changed.\n\nRegardless, it passed. She spent a lot.\n\n\
         Website traffic rose. The website was down.\n"
    );
}
