//! `--baseline`, `--write-baseline` and `--since`: which of a run's findings it reports. They
//! apply after the rules, the suppression comments and `--select`/`--ignore`, to what is shown and
//! to the exit code; `--fix` still fixes what they leave out.

use super::args::CheckArgs;
use super::since::Changed;
use super::walk::{display_path, lexically_normal};
use crate::baseline::Baseline;
use crate::batch::FileReport;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What a run leaves out, prepared before any story is checked (so that a bad baseline file or
/// a folder outside git fails at once).
pub(super) struct Narrowing {
    /// `--baseline FILE`, read.
    baseline: Option<(PathBuf, Baseline)>,
    /// `--write-baseline FILE`.
    write: Option<PathBuf>,
    /// `--since REV`, asked of git.
    since: Option<Changed>,
}

/// How many findings were left out, and why.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Narrowed {
    /// Recorded in the baseline.
    pub baselined: usize,
    /// On lines not changed since `--since`.
    pub unchanged: usize,
}

impl Narrowing {
    /// Reads the baseline and asks git what changed; the error says which.
    pub(super) fn prepare(args: &CheckArgs) -> Result<Narrowing, String> {
        let baseline = match &args.baseline {
            None => None,
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read the baseline {}: {e}", display_path(path)))?;
                let baseline = Baseline::parse(&text).map_err(|e| {
                    format!("the baseline {} is not valid: {e}", display_path(path))
                })?;
                Some((path.clone(), baseline))
            }
        };
        let since = args.since.as_deref().map(Changed::since).transpose()?;
        Ok(Narrowing {
            baseline,
            write: args.write_baseline.clone(),
            since,
        })
    }

    /// Whether anything is left out or recorded: then the run needs every finding before it
    /// writes.
    pub(super) fn is_active(&self) -> bool {
        self.baseline.is_some() || self.write.is_some() || self.since.is_some()
    }

    /// Records the findings (`--write-baseline`), then leaves out those in the baseline and those
    /// on lines not changed.
    pub(super) fn apply(&self, reports: &mut [FileReport]) -> io::Result<Narrowed> {
        let mut narrowed = Narrowed::default();
        let mut err = io::stderr().lock();
        if let Some(path) = &self.write {
            let baseline = Baseline::of(reports, path_in(path));
            super::check::write_atomically(path, |w| w.write_all(baseline.to_json().as_bytes()))
                .map_err(|e| {
                    io::Error::new(
                        e.kind(),
                        format!("cannot write the baseline {}: {e}", display_path(path)),
                    )
                })?;
            writeln!(
                err,
                "recorded {} in {} ({}); later runs with --baseline {} report only new findings",
                plural(baseline.len(), "finding"),
                display_path(path),
                plural(baseline.stories(), "story").replace("storys", "stories"),
                display_path(path),
            )?;
            narrowed.baselined = baseline.apply(reports, path_in(path)).hidden;
        } else if let Some((path, baseline)) = &self.baseline {
            let applied = baseline.apply(reports, path_in(path));
            narrowed.baselined = applied.hidden;
            if applied.stale > 0 {
                writeln!(
                    err,
                    "note: {} of the baseline {} no longer found (fixed, or edited away); \
                     --write-baseline {} records the findings as they are now",
                    plural(applied.stale, "finding"),
                    display_path(path),
                    display_path(path),
                )?;
            }
        }
        if let Some(changed) = &self.since {
            narrowed.unchanged = changed.apply(reports);
        }
        Ok(narrowed)
    }
}

/// How a baseline at `baseline` writes a story's path: relative to the baseline's folder, with
/// `/` separators (so the file works from any working directory); a story outside that folder
/// by its path as shown.
fn path_in(baseline: &Path) -> impl Fn(&str) -> String {
    let dir = baseline
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let dir = lexically_normal(&std::path::absolute(&dir).unwrap_or(dir));
    move |name: &str| {
        let path = Path::new(name);
        std::path::absolute(path)
            .ok()
            .map(|a| lexically_normal(&a))
            .and_then(|a| {
                a.strip_prefix(&dir)
                    .ok()
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
            })
            .unwrap_or_else(|| name.to_string())
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
