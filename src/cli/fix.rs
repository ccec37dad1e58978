//! `copydesk check --fix` and `--diff`: apply fixes, or show them, and never lose text.
//!
//! Each story is fixed on its own ([`crate::fix::converge`], re-checking after every round),
//! then every story is checked again together, so what remains is reported exactly as a plain
//! `check` would report it. A fixed file is written to a temporary file in its own directory and
//! renamed over the original, with the original's permissions, and only if the file on disk
//! still holds the bytes that were read.

use super::args::{CheckArgs, CheckFormat};
use super::check::{Request, Stories, batch_options, check_read, read_stories};
use super::narrow::Narrowing;
use super::walk::Input;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, stderr_is_terminal, stdout_is_terminal};
use super::{use_color, walk};
use crate::batch;
use crate::emit::{FileError, FileReport, Human, Summary, summary_line};
use crate::fix::{Applicability, converge};
use crate::source::Source;
use rayon::prelude::*;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// One story after fixing.
struct Outcome {
    /// Where it came from.
    origin: Input,
    /// The story as read, with its config.
    input: batch::Input,
    /// The fixed text.
    fixed: String,
    /// How many fixes were applied.
    applied: usize,
    /// Whether a last check found nothing more to apply.
    stable: bool,
}

impl Outcome {
    fn changed(&self) -> bool {
        self.fixed != self.input.source.text
    }
}

/// Runs `check --fix` or `check --diff`.
pub(super) fn run(args: &CheckArgs, out: &mut dyn Write) -> io::Result<u8> {
    let err_color = use_color(args.color, stderr_is_terminal());
    let narrowing = match Narrowing::prepare(args) {
        Ok(n) => n,
        Err(message) => {
            writeln!(io::stderr(), "error: {message}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let Ok(Stories {
        inputs,
        errors,
        skipped,
        configs,
    }) = read_stories(&Request::of(args, err_color))?
    else {
        return Ok(EXIT_ERROR);
    };
    let most = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let options = batch_options(&args.config);
    let outcomes: Vec<Outcome> = inputs
        .into_par_iter()
        .map(|(origin, input)| fix_one(origin, input, most, &options))
        .collect();
    let mut stderr = io::stderr().lock();
    for o in outcomes.iter().filter(|o| !o.stable) {
        writeln!(
            stderr,
            "warning: {}: the fixes still changed the text after {} rounds; review the result",
            o.input.source.name,
            crate::fix::MAX_ROUNDS
        )?;
    }
    if args.diff {
        return diff(outcomes, errors, out, &mut stderr);
    }

    let stdin_to_stdout = outcomes.iter().any(|o| matches!(o.origin, Input::Stdin(_)));
    let Written {
        stories,
        applied,
        files_fixed,
        unwritten,
    } = write_fixed(outcomes, out)?;

    // What remains, checked as a plain `check` would check it.
    let mut linted = check_read(stories, errors, &args.config);
    let narrowed = narrowing.apply(&mut linted.reports)?;
    let mut summary = Summary::of(&linted.reports, &linted.errors);
    summary.skipped = skipped.other_types;
    summary.excluded = skipped.excluded;
    summary.baselined = narrowed.baselined;
    summary.unchanged = narrowed.unchanged;
    let unapplied = if args.unsafe_fixes {
        0
    } else {
        count_fixes(&linted.reports, Applicability::Unsafe)
    };
    let mut line = fix_summary(applied, files_fixed, unapplied, &summary);
    if !unwritten.is_empty() {
        line.push_str(&format!(
            "; {} could not be written",
            plural(unwritten.len(), "file", "files")
        ));
    }
    // With stdin, stdout holds the fixed text: the report goes to stderr.
    let (report_out, color): (&mut dyn Write, bool) = if stdin_to_stdout {
        (&mut stderr, err_color)
    } else {
        (out, use_color(args.color, stdout_is_terminal()))
    };
    if args.format == CheckFormat::Human {
        let human = Human { color };
        for r in &linted.reports {
            report_out.write_all(&human.render(r))?;
        }
        writeln!(report_out, "{line}")?;
    } else {
        let mut emitter = super::check::emitter(args, color, &configs);
        emitter.emit(&linted.reports, &linted.errors, &summary, report_out)?;
        if !stdin_to_stdout {
            writeln!(stderr, "{line}")?;
        }
    }
    for e in linted.errors.iter().chain(&unwritten) {
        writeln!(stderr, "error: {}: {}", e.path, e.message)?;
    }
    Ok(super::check::exit_code(
        args,
        !linted.errors.is_empty() || !unwritten.is_empty(),
        &summary,
    ))
}

/// The stories after writing: each as it now is on disk (or on stdout), and what was done.
struct Written {
    /// Every story, fixed if it was written, else as it was read.
    stories: Vec<batch::Input>,
    /// Fixes applied to the stories written.
    applied: usize,
    /// Files (or stdin) changed.
    files_fixed: usize,
    /// Files that could not be written, and why.
    unwritten: Vec<FileError>,
}

/// Writes each changed file in place and the stdin story to `out`; a story that could not be
/// written is kept as it was read.
fn write_fixed(outcomes: Vec<Outcome>, out: &mut dyn Write) -> io::Result<Written> {
    let mut applied = 0;
    let mut files_fixed = 0;
    let mut unwritten: Vec<FileError> = Vec::new();
    let mut stories = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        let Outcome {
            origin,
            input,
            fixed,
            applied: n,
            ..
        } = o;
        let text = match &origin {
            Input::Stdin(_) => {
                out.write_all(fixed.as_bytes())?;
                Some(fixed)
            }
            Input::File(_) if fixed == input.source.text => None,
            Input::File(path) => {
                test_edit_hook(path);
                match write_atomically(path, input.source.text.as_bytes(), &fixed) {
                    Ok(()) => Some(fixed),
                    Err(e) => {
                        unwritten.push(FileError {
                            path: input.source.name.clone(),
                            path_bytes: input.source.name_bytes.clone(),
                            message: format!("not fixed, the file is unchanged: {e}"),
                        });
                        None
                    }
                }
            }
        };
        let input = match text {
            Some(text) => {
                if text != input.source.text {
                    applied += n;
                    files_fixed += 1;
                }
                batch::Input {
                    source: input.source.with_text(text),
                    config: input.config,
                }
            }
            None => input,
        };
        stories.push(input);
    }
    Ok(Written {
        stories,
        applied,
        files_fixed,
        unwritten,
    })
}

/// Test-only (debug builds): `COPYDESK_TEST_EDIT_AFTER_READ=TEXT` appends TEXT to each file
/// about to be written, as an editor saving it meanwhile would, so tests can prove that such a
/// file is left alone.
fn test_edit_hook(path: &Path) {
    if cfg!(debug_assertions)
        && let Ok(text) = std::env::var("COPYDESK_TEST_EDIT_AFTER_READ")
        && let Ok(mut f) = fs::OpenOptions::new().append(true).open(path)
    {
        let _ = f.write_all(text.as_bytes());
    }
}

/// Fixes one story until it is stable, checking it alone after each round. A story whose check
/// fails is left as it is; the final check reports the failure.
fn fix_one(
    origin: Input,
    input: batch::Input,
    most: Applicability,
    options: &batch::Options,
) -> Outcome {
    let name = input.source.name.clone();
    let config = input.config.clone();
    let result = converge(&input.source.text, most, |text| {
        let story = batch::Input {
            source: Source::new(name.clone(), text),
            config: config.clone(),
        };
        match batch::check_batch(vec![story], options).pop() {
            Some(Ok(report)) => report.diagnostics,
            _ => Vec::new(),
        }
    });
    Outcome {
        origin,
        input,
        fixed: result.text,
        applied: result.applied,
        stable: result.stable,
    }
}

/// `--diff`: a unified diff of every story the fixes would change; nothing is written.
fn diff(
    outcomes: Vec<Outcome>,
    errors: Vec<FileError>,
    out: &mut dyn Write,
    stderr: &mut dyn Write,
) -> io::Result<u8> {
    let mut outcomes = outcomes;
    outcomes.sort_by(|a, b| a.input.source.name.cmp(&b.input.source.name));
    let mut applied = 0;
    let mut files = 0;
    for o in outcomes.iter().filter(|o| o.changed()) {
        let name = &o.input.source.name;
        let text = unified_diff(&o.input.source.text, &o.fixed, name);
        out.write_all(text.as_bytes())?;
        applied += o.applied;
        files += 1;
    }
    writeln!(
        stderr,
        "{} would be applied to {}",
        plural(applied, "fix", "fixes"),
        plural(files, "file", "files")
    )?;
    for e in &errors {
        writeln!(stderr, "error: {}: {}", e.path, e.message)?;
    }
    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if files > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// A unified diff (`--- a/NAME`, `+++ b/NAME`, three lines of context) of `old` → `new`; an
/// absolute path is named as it is.
pub fn unified_diff(old: &str, new: &str, name: &str) -> String {
    let (a, b) = if Path::new(name).is_absolute() {
        (name.to_string(), name.to_string())
    } else {
        (format!("a/{name}"), format!("b/{name}"))
    };
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&a, &b)
        .to_string()
}

/// How many findings carry a fix of exactly this applicability.
fn count_fixes(reports: &[FileReport], applicability: Applicability) -> usize {
    reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == applicability)
        })
        .count()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "applied 3 fixes to 2 files; 1 finding remains: 0 errors and 1 warning in 1 file (2 files
/// checked)".
fn fix_summary(applied: usize, files: usize, unapplied: usize, s: &Summary) -> String {
    let mut line = format!(
        "applied {} to {}",
        plural(applied, "fix", "fixes"),
        plural(files, "file", "files")
    );
    let remaining = s.errors + s.warnings + s.infos;
    if remaining == 0 {
        line.push_str(&format!(
            "; no findings remain ({} checked)",
            plural(s.files, "file", "files")
        ));
        if s.unreadable > 0 {
            line.push_str(&format!(
                "; {} could not be read",
                plural(s.unreadable, "file", "files")
            ));
        }
        line.push_str(&crate::emit::skipped_line(s));
    } else {
        line.push_str(&format!(
            "; {} {}: {}",
            plural(remaining, "finding", "findings"),
            if remaining == 1 { "remains" } else { "remain" },
            summary_line(s)
        ));
    }
    if unapplied > 0 {
        line.push_str(&format!(
            " ({} with --unsafe-fixes)",
            plural(unapplied, "more fix", "more fixes")
        ));
    }
    line
}

/// Replaces the file at `path` with `new`, if it still holds exactly `expected`: the new text is
/// written to a temporary file in the same directory, given the original's permissions, synced,
/// and renamed over the original, so a reader sees the old file or the new one and never a part.
/// On any failure the original is left as it was and the temporary file is removed.
pub fn write_atomically(path: &Path, expected: &[u8], new: &str) -> io::Result<()> {
    // Through a symbolic link, replace the file it points to, not the link.
    let target = fs::canonicalize(path)?;
    let dir = target
        .parent()
        .ok_or_else(|| io::Error::other("the file has no parent directory"))?;
    let unchanged = |when: &str| -> io::Result<()> {
        if fs::read(&target)? == expected {
            Ok(())
        } else {
            Err(io::Error::other(format!(
                "the file changed on disk {when}; run copydesk again"
            )))
        }
    };
    unchanged("after it was read")?;
    let metadata = fs::metadata(&target)?;
    // Renaming over a read-only file would succeed: its mode says it is not to be changed.
    if metadata.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let (tmp, mut file) = temp_file(dir)?;
    let written = (|| {
        file.write_all(new.as_bytes())?;
        // The owner too, where the platform and our rights allow it (root fixing another
        // user's story); a change of owner may clear mode bits, so the mode is set after it.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = std::os::unix::fs::fchown(&file, Some(metadata.uid()), Some(metadata.gid()));
        }
        file.set_permissions(metadata.permissions())?;
        file.sync_all()?;
        drop(file);
        // The last look before the rename: an editor may have saved the file meanwhile.
        unchanged("while it was being fixed")?;
        fs::rename(&tmp, &target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written?;
    // Make the rename itself durable where the platform allows it; the text is already safe.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new file in `dir` with a name no other file has (created exclusively).
fn temp_file(dir: &Path) -> io::Result<(PathBuf, fs::File)> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let mut last = None;
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".copydesk-fix-{}-{n}.tmp", std::process::id()));
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!(
                        "cannot create a temporary file in {}: {e}",
                        walk::display_path(dir)
                    ),
                ));
            }
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("cannot create a temporary file")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("copydesk-unit-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn replaces_the_file_when_it_is_unchanged() {
        let dir = temp_dir("replace");
        let path = dir.join("s.md");
        fs::write(&path, "old\n").unwrap();
        write_atomically(&path, b"old\n", "new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert!(leftovers(&dir).is_empty());
    }

    #[test]
    fn never_writes_over_a_file_that_changed_since_it_was_read() {
        let dir = temp_dir("changed");
        let path = dir.join("s.md");
        fs::write(&path, "edited by someone else\n").unwrap();
        let e = write_atomically(&path, b"old\n", "new\n").unwrap_err();
        assert!(e.to_string().contains("changed on disk"), "{e}");
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "edited by someone else\n"
        );
        assert!(leftovers(&dir).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symbolic_link_and_keeps_the_link() {
        let dir = temp_dir("link");
        let real = dir.join("real.md");
        let link = dir.join("link.md");
        fs::write(&real, "old\n").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"old\n", "new\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
    }

    #[test]
    fn the_summary_counts_fixes_and_what_remains() {
        let s = Summary {
            warnings: 1,
            files: 2,
            files_with_findings: 1,
            ..Summary::default()
        };
        assert_eq!(
            fix_summary(3, 2, 0, &s),
            "applied 3 fixes to 2 files; 1 finding remains: 0 errors and 1 warning in 1 file (2 \
             files checked)"
        );
        assert_eq!(
            fix_summary(1, 1, 1, &s),
            "applied 1 fix to 1 file; 1 finding remains: 0 errors and 1 warning in 1 file (2 \
             files checked) (1 more fix with --unsafe-fixes)"
        );
        let clean = Summary {
            files: 1,
            ..Summary::default()
        };
        assert_eq!(
            fix_summary(0, 0, 0, &clean),
            "applied 0 fixes to 0 files; no findings remain (1 file checked)"
        );
    }
}
