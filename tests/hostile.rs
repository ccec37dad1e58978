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
