//! Hostile and odd inputs at the edges: each has a clear outcome, and none hangs, aborts or reads
//! without bound. (Inside-the-story shapes are in tests/linear.rs and tests/robustness.rs.)

mod common;

use common::{parse_json, run_in, run_with_env, stderr, stdout, temp_dir};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs copydesk and fails the test if it takes longer than `limit` (a hang).
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("copydesk {args:?} did not finish in {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_and_a_device_are_named_not_read() {
    let dir = temp_dir("fifo");
    let made = Command::new("mkfifo")
        .arg(dir.join("pipe.md"))
        .status()
        .is_ok_and(|s| s.success());
    std::fs::write(dir.join("ok.md"), "The TK came.\n").unwrap();
    let mut args = vec!["check", "ok.md", "/dev/zero", "--format", "json"];
    if made {
        args.push("pipe.md");
    }
    let out = run_within(&dir, &args, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("/dev/zero: is a character device, not a regular file"),
        "{err}"
    );
    if made {
        assert!(
            err.contains("pipe.md: is a FIFO (named pipe), not a regular file"),
            "{err}"
        );
    }
    // The readable story is still checked.
    let json = parse_json(&out.stdout);
    assert_eq!(json["summary"]["files"], 1, "{json}");
    // Walking a folder skips what is not a regular file without a word.
    let out = run_within(&dir, &["check", "."], Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn an_endless_stdin_stops_at_the_size_limit() {
    let dir = temp_dir("endless");
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "-", "--max-file-size", "1M"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = b"The council met again and the TK was late.\n".repeat(100);
        let start = Instant::now();
        // Until copydesk stops reading (a broken pipe), or a minute: then it hangs.
        while stdin.write_all(&line).is_ok() {
            if start.elapsed() > Duration::from_secs(60) {
                return false;
            }
        }
        true
    });
    let out = child.wait_with_output().unwrap();
    assert!(writer.join().unwrap(), "copydesk kept reading stdin");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("<stdin>: is over the limit of 1048576 bytes"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = temp_dir("large");
    // 2 GB, sparse: reading it whole would take the memory of the machine.
    let f = std::fs::File::create(dir.join("huge.md")).unwrap();
    f.set_len(2 << 30).unwrap();
    drop(f);
    std::fs::write(dir.join("long.md"), "word ".repeat(5000)).unwrap();
    let out = run_within(
        &dir,
        &["check", "huge.md", "long.md", "--max-file-size", "10K"],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("huge.md: is 2147483648 bytes, over the limit of 10240 bytes"),
        "{err}"
    );
    assert!(
        err.contains("long.md: is 25000 bytes, over the limit"),
        "{err}"
    );

    // The limit comes from the environment too, and a raised limit reads the file.
    let out = run_with_env(
        &dir,
        &["check", "long.md"],
        None,
        &[("COPYDESK_MAX_FILE_SIZE", Path::new("20K"))],
    );
    assert!(stderr(&out).contains("over the limit of 20480 bytes"));
    let out = run_in(&dir, &["check", "long.md", "--max-file-size", "1M"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Above the default limit (16 MiB), a 100 MB single line is a clear error.
    let f = std::fs::File::create(dir.join("line.md")).unwrap();
    f.set_len(100 << 20).unwrap();
    drop(f);
    let out = run_within(&dir, &["check", "line.md"], Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("over the limit of 16777216 bytes"));

    // Under a raised limit, a binary file is found in the first chunk, not after reading 2 GB.
    let out = run_within(
        &dir,
        &["check", "huge.md", "--max-file-size", "4G"],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("huge.md: looks like a binary file (NUL byte at byte offset 0)"),
        "{}",
        stderr(&out)
    );
    let out = run_in(&dir, &["check", "x.md", "--max-file-size", "lots"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected a size such as 16M"));
}

#[test]
fn utf16_is_named_as_utf16() {
    let dir = temp_dir("utf16");
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("The TK came.\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain("The TK came.\n".encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    std::fs::write(dir.join("le.md"), le).unwrap();
    std::fs::write(dir.join("be.md"), &be).unwrap();
    let out = run_in(&dir, &["check", "le.md", "be.md"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("le.md: is UTF-16 text (a UTF-16LE byte order mark)"),
        "{err}"
    );
    assert!(
        err.contains("be.md: is UTF-16 text (a UTF-16BE byte order mark)"),
        "{err}"
    );
    let out = run_in(&dir, &["check", "-", "--stdin-filename", "x.md"], Some(&be));
    assert!(
        stderr(&out).contains("x.md: is UTF-16 text"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_link_loop_a_long_name_and_a_closed_folder_are_named_as_such() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("errno");
    std::os::unix::fs::symlink("loop-b.md", dir.join("loop-a.md")).unwrap();
    std::os::unix::fs::symlink("loop-a.md", dir.join("loop-b.md")).unwrap();
    let long = format!("{}.md", "n".repeat(300));
    std::fs::create_dir(dir.join("closed")).unwrap();
    std::fs::write(dir.join("closed/story.md"), "The TK came.\n").unwrap();
    std::fs::set_permissions(dir.join("closed"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = std::fs::read_dir(dir.join("closed")).is_ok();

    let out = run_in(
        &dir,
        &[
            "check",
            "loop-a.md",
            &long,
            "closed/story.md",
            "--format",
            "json",
        ],
        None,
    );
    std::fs::set_permissions(dir.join("closed"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("loop-a.md: a loop of symbolic links (ELOOP)"),
        "{err}"
    );
    assert!(err.contains("the name is too long (ENAMETOOLONG)"), "{err}");
    if !privileged {
        assert!(
            err.contains("closed/story.md: permission denied (EACCES)"),
            "{err}"
        );
    }
    assert!(!err.contains("no such file"), "{err}");
}

#[test]
fn the_same_file_named_several_ways_is_checked_once() {
    let dir = temp_dir("same");
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.md"), "The TK came.\n").unwrap();
    std::fs::write(dir.join("sub/b.md"), "The TK left.\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("a.md", dir.join("link.md")).unwrap();
    let mut args = vec![
        "check",
        "a.md",
        "./a.md",
        "sub/../a.md",
        ".",
        "sub",
        "./sub/b.md",
        "--format",
        "json",
    ];
    if cfg!(unix) {
        args.push("link.md");
    }
    let out = run_in(&dir, &args, None);
    let json = parse_json(&out.stdout);
    assert_eq!(json["summary"]["files"], 2, "{json}");
    let paths: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
}

#[cfg(unix)]
#[test]
fn odd_file_names_are_escaped_for_people_and_exact_in_json() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("names");
    let names: [&[u8]; 3] = [b"latin\xe9.md", b"esc\x1b[31mred.md", b"two\nlines.md"];
    for name in names {
        std::fs::write(dir.join(OsStr::from_bytes(name)), "The TK came.\n").unwrap();
    }
    let out = run_in(&dir, &["check", ".", "--color", "never"], None);
    let human = stdout(&out);
    assert!(!human.contains('\u{1b}'), "a raw ESC reached the terminal");
    assert!(!human.contains('\u{fffd}'), "{human}");
    assert!(human.contains("latin\\xe9.md:1:5"), "{human}");
    assert!(human.contains("esc\\u{1b}[31mred.md:1:5"), "{human}");
    assert!(human.contains("two\\nlines.md:1:5"), "{human}");

    let out = run_in(&dir, &["check", ".", "--format", "json"], None);
    let json = parse_json(&out.stdout);
    let mut exact: Vec<Vec<u8>> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["path_bytes"]
                .as_array()
                .unwrap_or_else(|| panic!("no path_bytes: {d}"))
                .iter()
                .map(|b| b.as_u64().unwrap() as u8)
                .collect()
        })
        .collect();
    exact.sort();
    let mut wanted: Vec<Vec<u8>> = names.iter().map(|n| n.to_vec()).collect();
    wanted.sort();
    assert_eq!(exact, wanted);

    // An ordinary name has no path_bytes.
    std::fs::write(dir.join("plain.md"), "The TK came.\n").unwrap();
    let out = run_in(&dir, &["check", "plain.md", "--format", "json"], None);
    let json = parse_json(&out.stdout);
    assert!(json["diagnostics"][0].get("path_bytes").is_none(), "{json}");

    // An unreadable file with an odd name is exact too.
    std::fs::write(dir.join(OsStr::from_bytes(b"bin\xff.md")), b"a\0b").unwrap();
    let out = run_in(&dir, &["check", ".", "--format", "json"], None);
    let json = parse_json(&out.stdout);
    assert_eq!(
        json["errors"][0]["path_bytes"],
        serde_json::json!(b"bin\xff.md".to_vec())
    );
}

/// Malformed front matter (a YAML error, a duplicate TOML key) is a warning drawn over it, and
/// the rest of the story is still checked; an unterminated block is read as the story's text.
#[test]
fn malformed_front_matter_is_drawn_over_and_the_story_still_checked() {
    let dir = temp_dir("front-matter");
    std::fs::write(
        dir.join("yaml.md"),
        "---\ntitle: [unclosed\ndate: 2025-06-04\n---\nWe spent alot of time.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("toml.md"),
        "+++\ntitle = \"a\"\ntitle = \"b\"\n+++\nWe spent alot of time.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("open.md"),
        "---\ntitle: never closed\n\nWe spent alot of time.\n",
    )
    .unwrap();
    let out = run_in(
        &dir,
        &["check", "yaml.md", "toml.md", "open.md", "--format", "json"],
        None,
    );
    // Warnings only: the run passes.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = parse_json(&out.stdout);
    let found = |path: &str, rule: &str| -> Vec<serde_json::Value> {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"] == path && d["rule"] == rule)
            .cloned()
            .collect()
    };
    for path in ["yaml.md", "toml.md"] {
        let warned = found(path, "document.front-matter");
        assert_eq!(warned.len(), 1, "{path}: {json}");
        assert_eq!(warned[0]["severity"], "warning");
        let message = warned[0]["message"].as_str().unwrap();
        assert!(
            message.starts_with("the front matter could not be read: ")
                && !message.contains("line 2"),
            "{message}"
        );
        // Drawn inside the block, and the story below it still checked.
        assert!(
            warned[0]["span"]["end"].as_u64().unwrap() <= 40,
            "{warned:?}"
        );
        assert_eq!(found(path, "style.usage").len(), 1, "{path}: {json}");
    }
    assert!(found("open.md", "document.front-matter").is_empty());
    assert_eq!(found("open.md", "style.usage").len(), 1, "{json}");
}

/// A front matter field of the wrong type (`date: yesterday`) is named, drawn over the value.
#[test]
fn a_front_matter_date_that_is_not_a_date_is_named() {
    let dir = temp_dir("front-matter-type");
    let story = "---\ntitle: Fire\ndate: yesterday\n---\nThe fire started on Monday.\n";
    std::fs::write(dir.join("s.md"), story).unwrap();
    let out = run_in(&dir, &["check", "s.md", "--format", "json"], None);
    let json = parse_json(&out.stdout);
    let warned: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "document.front-matter")
        .collect();
    assert_eq!(warned.len(), 1, "{json}");
    assert_eq!(
        warned[0]["message"],
        "front matter `date` is not a date: `yesterday`"
    );
    let start = warned[0]["span"]["start"].as_u64().unwrap() as usize;
    let end = warned[0]["span"]["end"].as_u64().unwrap() as usize;
    assert_eq!(&story[start..end], "yesterday");
}

/// `document.front-matter` is an ordinary rule: `[rules]` turns it off or changes its severity,
/// `--select` and `--ignore` choose it, and a suppression comment silences it.
#[test]
fn the_front_matter_warning_is_configurable_like_any_rule() {
    let dir = temp_dir("front-matter-config");
    let bad = "---\ntitle: [unclosed\n---\nWe spent alot of time.\n";
    std::fs::write(dir.join("s.md"), bad).unwrap();
    std::fs::write(
        dir.join("quiet.md"),
        format!("<!-- copydesk-disable-file document.front-matter -->\n{bad}"),
    )
    .unwrap();
    let rules_of = |args: &[&str], config: Option<&str>| -> Vec<(String, String, String)> {
        let run_dir = temp_dir("front-matter-config-run");
        for f in ["s.md", "quiet.md"] {
            std::fs::copy(dir.join(f), run_dir.join(f)).unwrap();
        }
        if let Some(c) = config {
            std::fs::write(run_dir.join("copydesk.toml"), c).unwrap();
        }
        let mut all = vec!["check", "--format", "json", "--fail-on", "never"];
        all.extend_from_slice(args);
        let out = run_in(&run_dir, &all, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let json = parse_json(&out.stdout);
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["path"].as_str().unwrap().to_string(),
                    d["rule"].as_str().unwrap().to_string(),
                    d["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let front = |found: &[(String, String, String)], path: &str| -> Vec<String> {
        found
            .iter()
            .filter(|(p, r, _)| p == path && r == "document.front-matter")
            .map(|(_, _, s)| s.clone())
            .collect()
    };
    // By default: a warning on the story, none where a comment suppresses it.
    let found = rules_of(&["s.md", "quiet.md"], None);
    assert_eq!(front(&found, "s.md"), ["warning"], "{found:?}");
    assert!(front(&found, "quiet.md").is_empty(), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(p, r, _)| p == "quiet.md" && r == "style.usage"),
        "{found:?}"
    );
    // Off under [rules]; an error under [rules].
    let found = rules_of(
        &["s.md"],
        Some("[rules]\n\"document.front-matter\" = \"off\"\n"),
    );
    assert!(front(&found, "s.md").is_empty(), "{found:?}");
    assert!(
        found.iter().any(|(_, r, _)| r == "style.usage"),
        "{found:?}"
    );
    let found = rules_of(
        &["s.md"],
        Some("[rules]\n\"document.front-matter\" = \"error\"\n"),
    );
    assert_eq!(front(&found, "s.md"), ["error"], "{found:?}");
    // Ignored, and selected alone.
    let found = rules_of(&["s.md", "--ignore", "document.front-matter"], None);
    assert!(front(&found, "s.md").is_empty(), "{found:?}");
    let found = rules_of(&["s.md", "--select", "document.front-matter"], None);
    assert_eq!(front(&found, "s.md"), ["warning"], "{found:?}");
    assert!(
        found.iter().all(|(_, r, _)| r == "document.front-matter"),
        "{found:?}"
    );
}

/// A config that extends itself is a config error drawn over its `extend`, exit 2.
#[test]
fn a_config_that_extends_itself_is_an_error() {
    let dir = temp_dir("self-extend");
    std::fs::write(dir.join("copydesk.toml"), "extend = \"copydesk.toml\"\n").unwrap();
    std::fs::write(dir.join("s.md"), "A story.\n").unwrap();
    let out = run_within(
        &dir,
        &["check", "s.md", "--color", "never"],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("`extend` goes round in a circle"), "{err}");
    assert!(err.contains("┌─ copydesk.toml:1:10"), "{err}");
}

/// An empty word in `replace`, an empty `pattern` or an empty phrase would match between every
/// two characters: each is a config error drawn over the TOML, exit 2.
#[test]
fn empty_patterns_are_config_errors() {
    let rule = |kind: &str, rest: &str| {
        format!(
            "[[rule]]\nid = \"house.empty\"\nkind = \"{kind}\"\nseverity = \"warning\"\nmessage = \"m\"\n{rest}"
        )
    };
    for (config, expected) in [
        (
            rule("substitution", "[rule.replace]\n\"\" = \"y\"\n"),
            "rule `house.empty` has an empty word in `replace`",
        ),
        (
            rule("substitution", "[rule.replace]\n\" \" = \"y\"\n"),
            "rule `house.empty` has an empty word in `replace`",
        ),
        (
            rule("pattern", "pattern = \"\"\n"),
            "rule `house.empty` has an empty `pattern`",
        ),
        (
            rule("pattern", "phrases = [\"ok\", \"\"]\n"),
            "rule `house.empty` has an empty phrase in `phrases`",
        ),
    ] {
        let dir = temp_dir("empty-pattern");
        std::fs::write(dir.join("copydesk.toml"), &config).unwrap();
        std::fs::write(dir.join("s.md"), "Some story text here.\n").unwrap();
        let out = run_in(&dir, &["check", "s.md", "--color", "never"], None);
        assert_eq!(out.status.code(), Some(2), "{config}\n{}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains(expected), "{config}\n{err}");
        assert!(err.contains("┌─ copydesk.toml:"), "{err}");
    }
}

/// A rule regex that a backtracking engine takes exponential time on (`(a+)+$` against a long
/// run of `a` that ends in something else) is harmless: the regex engine runs in time linear in
/// the text, so 200,000 letters take well under a second where backtracking would take longer
/// than the age of the universe.
#[test]
fn a_catastrophic_regex_runs_in_linear_time() {
    let dir = temp_dir("catastrophic");
    std::fs::write(
        dir.join("copydesk.toml"),
        "[[rule]]\nid = \"house.evil\"\nkind = \"pattern\"\nseverity = \"warning\"\n\
         message = \"m\"\npattern = '(a+)+$'\n\n[[rule]]\nid = \"house.evil2\"\n\
         kind = \"pattern\"\nseverity = \"warning\"\nmessage = \"m\"\npattern = '(a|aa)*c'\n",
    )
    .unwrap();
    let story = format!("{}!\n\n{}b\n", "a".repeat(100_000), "a".repeat(100_000));
    std::fs::write(dir.join("s.md"), story).unwrap();
    let out = run_within(
        &dir,
        &["check", "s.md", "--format", "json"],
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = parse_json(&out.stdout);
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "house.evil" && d["rule"] != "house.evil2"),
        "{json}"
    );
}

/// A file that disappears between being found and being read is reported with its path; the
/// other stories are checked, the summary counts it, and the run exits 2.
#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the test hook exists in debug builds only"
)]
fn a_file_that_disappears_mid_run_is_reported_and_the_run_goes_on() {
    let dir = temp_dir("vanish");
    std::fs::write(dir.join("a.md"), "We spent alot of time.\n").unwrap();
    std::fs::write(dir.join("gone.md"), "A story.\n").unwrap();
    let out = run_with_env(
        &dir,
        &["check", ".", "--color", "never"],
        None,
        &[("COPYDESK_TEST_VANISH", Path::new("gone.md"))],
    );
    assert!(!dir.join("gone.md").exists());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("gone.md: no such file or directory"), "{err}");
    let text = stdout(&out);
    assert!(text.contains("a.md:1:10"), "{text}");
    assert!(text.contains("1 file could not be checked"), "{text}");
}

/// One file's I/O error and another's internal error: each is reported with its path, the rest
/// is checked, the summary says how many files could not be checked, and the run exits 2.
#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the test hook exists in debug builds only"
)]
fn each_failure_is_isolated_and_counted() {
    let dir = temp_dir("isolation");
    std::fs::write(dir.join("a.md"), "We spent alot of time.\n").unwrap();
    std::fs::write(dir.join("b.md"), "This one holds PANIC-MARKER-7.\n").unwrap();
    std::fs::write(dir.join("c.md"), "A story.\n").unwrap();
    std::fs::write(dir.join("d.md"), "Another story.\n").unwrap();
    let out = run_with_env(
        &dir,
        &["check", ".", "--color", "never"],
        None,
        &[
            ("COPYDESK_TEST_PANIC_ON", Path::new("PANIC-MARKER-7")),
            ("COPYDESK_TEST_VANISH", Path::new("c.md")),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("b.md: internal error"), "{err}");
    assert!(err.contains("c.md: no such file or directory"), "{err}");
    let text = stdout(&out);
    assert!(text.contains("a.md:1:10"), "{text}");
    assert!(
        text.contains("(2 files checked); 2 files could not be checked"),
        "{text}"
    );
}

/// A read-only story is not rewritten by `--fix`: the error names it, the file is unchanged, and
/// the run exits 2; a writable one beside it is fixed.
#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("read-only");
    let story = "We spent alot of time.\n";
    std::fs::write(dir.join("locked.md"), story).unwrap();
    std::fs::write(dir.join("open.md"), story).unwrap();
    std::fs::set_permissions(
        dir.join("locked.md"),
        std::fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let out = run_in(
        &dir,
        &["check", "locked.md", "open.md", "--fix", "--color", "never"],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("locked.md: not fixed, the file is unchanged: the file is read-only"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("locked.md")).unwrap(),
        story
    );
    assert_eq!(
        std::fs::metadata(dir.join("locked.md"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o444
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("open.md")).unwrap(),
        "We spent a lot of time.\n"
    );
}
