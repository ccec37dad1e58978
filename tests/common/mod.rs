//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the copydesk binary in `dir` with `args`, feeding `stdin`.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    run_with_env(dir, args, stdin, &[])
}

/// Runs the copydesk binary in `dir` with `args`, feeding `stdin`, with extra environment
/// variables. Variables of the test's own environment that change output (`NO_COLOR`, and
/// `GITHUB_STEP_SUMMARY` when the tests run in GitHub Actions) are removed first.
pub fn run_with_env(
    dir: &Path,
    args: &[&str],
    stdin: Option<&[u8]>,
    env: &[(&str, &Path)],
) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("copydesk runs");
    if let Some(input) = stdin {
        use std::io::Write;
        // A run that ends before reading stdin (an error in the arguments) closes the pipe.
        if let Err(e) = child.stdin.take().unwrap().write_all(input) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    child.wait_with_output().unwrap()
}

/// A fresh empty directory for one test, removed when the value is dropped (at the end of the
/// test, passed or failed).
pub fn temp_dir(name: &str) -> TempDir {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("copydesk-test-{}-{name}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

/// A test's directory: a path that removes itself when dropped.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = PathBuf;

    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Compares `actual` with the expected file; with COPYDESK_BLESS=1 writes it instead.
/// A missing expected file fails the test.
pub fn assert_matches_file(expected_path: &Path, actual: &str) {
    if std::env::var_os("COPYDESK_BLESS").is_some() {
        std::fs::write(expected_path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_else(|_| {
        panic!(
            "missing expected output {}; run with COPYDESK_BLESS=1 to write it, then review it",
            expected_path.display()
        )
    });
    if expected != actual {
        let actual_path = expected_path.with_extension(format!(
            "{}.actual",
            expected_path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
        ));
        let _ = std::fs::write(&actual_path, actual);
        panic!(
            "output differs from {} (actual written to {})\n--- expected\n{expected}\n--- actual\n{actual}",
            expected_path.display(),
            actual_path.display()
        );
    }
}

/// Scores a labelled set with the built-in rules and asserts precision ≥ 0.95 and recall ≥ 0.90.
pub fn assert_meets_targets(labels: &str, counts: &str) {
    let out = run_in(
        &root(),
        &[
            "score",
            "--no-config",
            "--labels",
            labels,
            "--min-precision",
            "0.95",
            "--min-recall",
            "0.90",
            "--verbose",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).contains(counts), "{}", stdout(&out));
}

/// Parses a command's JSON output.
pub fn parse_json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("JSON output")
}

/// A JSON-lines file of the repository, grouped by each line's `path`.
pub fn jsonl_by_path(file: &str) -> std::collections::BTreeMap<String, Vec<serde_json::Value>> {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    let mut by_path: std::collections::BTreeMap<String, Vec<serde_json::Value>> =
        std::collections::BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        by_path
            .entry(v["path"].as_str().unwrap().to_string())
            .or_default()
            .push(v);
    }
    by_path
}
