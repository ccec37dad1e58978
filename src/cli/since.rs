//! `--since REV`: only the findings on lines changed since the merge base of REV and HEAD, for pull
//! requests. The lines are those of `git diff --unified=0 $(git merge-base REV HEAD)`, which
//! compares that commit with the working tree, so uncommitted changes count too; a story git does
//! not track yet is new throughout.

use crate::batch::FileReport;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The lines changed in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Lines {
    /// The whole file is new (untracked).
    All,
    /// 1-based, inclusive ranges of lines in the file as it is now.
    Ranges(Vec<(usize, usize)>),
}

/// What changed since the merge base, by path relative to the repository's top folder.
#[derive(Debug)]
pub(super) struct Changed {
    /// The repository's top folder (as git names it).
    root: PathBuf,
    files: HashMap<String, Lines>,
}

impl Changed {
    /// Asks git, in the current folder, what changed since the merge base of `rev` and HEAD.
    pub(super) fn since(rev: &str) -> Result<Changed, String> {
        let root = git(&["rev-parse", "--show-toplevel"], None)
            .map_err(|e| format!("--since needs a git repository, and this is not in one ({e})"))?;
        let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
        let base = git(&["merge-base", rev, "HEAD"], Some(&root))
            .map_err(|e| format!("--since {rev}: no merge base of {rev} and HEAD ({e})"))?;
        let base = base.trim();
        let diff = git(
            &[
                "-c",
                "core.quotePath=false",
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--find-renames",
                base,
            ],
            Some(&root),
        )
        .map_err(|e| format!("--since {rev}: git diff failed ({e})"))?;
        let mut files: HashMap<String, Lines> = parse_diff(&diff)
            .into_iter()
            .map(|(path, ranges)| (path, Lines::Ranges(ranges)))
            .collect();
        let untracked = git(
            &["ls-files", "--others", "--exclude-standard", "-z"],
            Some(&root),
        )
        .map_err(|e| format!("--since {rev}: git ls-files failed ({e})"))?;
        for path in untracked.split('\0').filter(|p| !p.is_empty()) {
            files.insert(path.to_string(), Lines::All);
        }
        Ok(Changed { root, files })
    }

    /// Leaves out of `reports` the findings on lines not changed; returns how many. A story
    /// outside the repository is kept whole.
    pub(super) fn apply(&self, reports: &mut [FileReport]) -> usize {
        let mut hidden = 0;
        for r in reports.iter_mut() {
            let Some(path) = self.relative(&r.source.name) else {
                continue;
            };
            let lines = self.files.get(&path);
            let source = &r.source;
            r.diagnostics.retain(|d| {
                let keep = match lines {
                    None => false,
                    Some(Lines::All) => true,
                    Some(Lines::Ranges(ranges)) => {
                        let index = &source.line_index;
                        let first = index.line_of(d.primary.span.start) + 1;
                        let last_byte = d.primary.span.end.max(d.primary.span.start + 1) - 1;
                        let last = index.line_of(last_byte.min(source.text.len())) + 1;
                        ranges.iter().any(|&(a, b)| a <= last && first <= b)
                    }
                };
                if !keep {
                    hidden += 1;
                }
                keep
            });
        }
        hidden
    }

    /// A report's path relative to the repository's top folder, with `/` separators.
    fn relative(&self, name: &str) -> Option<String> {
        let path = Path::new(name);
        let absolute = std::fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .ok()?;
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let relative = absolute.strip_prefix(&root).ok()?;
        Some(relative.to_string_lossy().replace('\\', "/"))
    }
}

/// Runs git and returns its stdout, or what it said on stderr.
fn git(args: &[&str], dir: Option<&Path>) -> Result<String, String> {
    let mut cmd = Command::new("git");
    cmd.args(args);
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let out = cmd.output().map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        let said = String::from_utf8_lossy(&out.stderr);
        Err(said
            .lines()
            .next()
            .unwrap_or("git failed")
            .trim()
            .to_string())
    }
}

/// The new-side line ranges of each file of a `--unified=0` diff, by path.
fn parse_diff(diff: &str) -> HashMap<String, Vec<(usize, usize)>> {
    let mut files: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in diff.lines() {
        if let Some(target) = line.strip_prefix("+++ ") {
            current = match target {
                "/dev/null" => None,
                t => {
                    let t = unquote(t);
                    Some(t.strip_prefix("b/").unwrap_or(&t).to_string())
                }
            };
            if let Some(path) = &current {
                files.entry(path.clone()).or_default();
            }
        } else if let Some(hunk) = line.strip_prefix("@@ ")
            && let Some(path) = &current
            && let Some(range) = new_range(hunk)
        {
            files.entry(path.clone()).or_default().push(range);
        }
    }
    files
}

/// `-a,b +c,d @@ …` → the new lines `c..=c+d-1`; None for a pure deletion.
fn new_range(hunk: &str) -> Option<(usize, usize)> {
    let new = hunk.split_whitespace().find(|w| w.starts_with('+'))?;
    let new = &new[1..];
    let (start, count) = match new.split_once(',') {
        Some((s, c)) => (s.parse::<usize>().ok()?, c.parse::<usize>().ok()?),
        None => (new.parse::<usize>().ok()?, 1),
    };
    (count > 0).then(|| (start, start + count - 1))
}

/// A path as git writes it in a diff header: C-quoted when it holds a quote, a backslash or a
/// control character.
fn unquote(path: &str) -> String {
    let Some(inner) = path.strip_prefix('"').and_then(|p| p.strip_suffix('"')) else {
        return path.to_string();
    };
    let mut bytes = Vec::new();
    let mut chars = inner.bytes().peekable();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&next @ b'0'..=b'7') = chars.peek() {
                        value = value * 8 + u32::from(next - b'0');
                        chars.next();
                    }
                }
                bytes.push(value as u8);
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_new_lines_of_each_hunk() {
        let diff = "diff --git a/desk/a.md b/desk/a.md\n\
                    index 1..2 100644\n\
                    --- a/desk/a.md\n\
                    +++ b/desk/a.md\n\
                    @@ -3 +3 @@ x\n\
                    -old\n\
                    +new\n\
                    @@ -10,0 +11,2 @@\n\
                    +one\n\
                    +two\n\
                    @@ -20,2 +21,0 @@\n\
                    -gone\n\
                    -gone\n\
                    diff --git a/old.md b/old.md\n\
                    --- a/old.md\n\
                    +++ /dev/null\n\
                    @@ -1 +0,0 @@\n\
                    -x\n\
                    diff --git \"a/q\\\"uote.md\" \"b/q\\\"uote.md\"\n\
                    --- \"a/q\\\"uote.md\"\n\
                    +++ \"b/q\\\"uote.md\"\n\
                    @@ -1 +1 @@\n";
        let files = parse_diff(diff);
        assert_eq!(files["desk/a.md"], [(3, 3), (11, 12)]);
        assert!(!files.contains_key("old.md"));
        assert_eq!(files["q\"uote.md"], [(1, 1)]);
    }

    #[test]
    fn unquotes_octal_escapes() {
        assert_eq!(unquote("\"b/caf\\303\\251.md\""), "b/café.md");
        assert_eq!(unquote("b/plain.md"), "b/plain.md");
    }
}
