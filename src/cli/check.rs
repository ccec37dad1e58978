//! `copydesk check`.

use super::args::{CheckArgs, CheckFormat, ConfigArgs, FailOn};
use super::walk::{ConfigFinder, Input, collect, display_path};
use super::{
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, stderr_is_terminal, stdout_is_terminal, use_color,
};
use crate::batch;
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::emit::{
    Checkstyle, Concise, Emitter, FileError, FileReport, Github, Html, Human, Json, JsonLines,
    Rdjson, RuleDoc, RuleDocs, Sarif, Summary, render_config_errors, render_config_warnings,
};
use crate::source::Source;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Configurations loaded for a run, keyed by the config file (None: built-in only).
pub(super) struct Configs {
    by_file: HashMap<Option<PathBuf>, Arc<Config>>,
}

/// A config that could not be loaded, already rendered for the terminal.
pub(super) struct ConfigFailure(pub Vec<u8>);

impl Configs {
    /// Loads one configuration file, rendering its errors over its text.
    pub(super) fn load(path: Option<&Path>, color: bool) -> Result<Config, ConfigFailure> {
        let Some(path) = path else {
            return Ok(Config::builtin());
        };
        let name = display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigFailure(format!("error: cannot read config {name}: {e}\n").into_bytes())
        })?;
        let config = Config::from_toml(&text)
            .map_err(|errors| ConfigFailure(render_config_errors(&name, &text, &errors, color)))?;
        if !config.warnings.is_empty() {
            let rendered = render_config_warnings(&name, &text, &config.warnings, color);
            let _ = io::stderr().write_all(&rendered);
        }
        Ok(config)
    }

    /// The config file chosen by the flags for an input.
    pub(super) fn choose(
        args: &ConfigArgs,
        finder: &mut ConfigFinder,
        input: &Input,
    ) -> Option<PathBuf> {
        if args.no_config {
            None
        } else if let Some(p) = &args.config {
            Some(p.clone())
        } else {
            finder.find(&input.config_dir())
        }
    }
}

/// The config for `rules` and `explain`: `--config`, `--no-config`, or the one found from the
/// current directory.
pub(super) fn config_for_cwd(args: &ConfigArgs) -> Result<Config, ConfigFailure> {
    let mut finder = ConfigFinder::default();
    let path = Configs::choose(args, &mut finder, &Input::Stdin("story.md".into()));
    Configs::load(
        path.as_deref(),
        use_color(super::ColorChoice::Auto, stderr_is_terminal()),
    )
}

/// The outcome of linting a set of inputs.
pub(super) struct Linted {
    /// Reports of the files read, sorted by path.
    pub reports: Vec<FileReport>,
    /// Files that could not be read, sorted by path.
    pub errors: Vec<FileError>,
}

/// Finds the inputs, loads and validates every config (rendering errors to stderr), then checks
/// every story in parallel. `Ok(None)`: a config was invalid and nothing was checked.
pub(super) fn lint_paths(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    config_args: &ConfigArgs,
    err_color: bool,
) -> io::Result<Option<Linted>> {
    let Some(Stories { inputs, errors }) =
        read_paths(paths, stdin_filename, config_args, err_color)?
    else {
        return Ok(None);
    };
    let inputs = inputs.into_iter().map(|(_, input)| input).collect();
    Ok(Some(check_read(inputs, errors, config_args)))
}

/// The stories of a run, read, each with its config and where it came from.
pub(super) struct Stories {
    /// Where each story came from (a file or stdin), and the story with its config.
    pub inputs: Vec<(Input, batch::Input)>,
    /// Paths that do not exist and files that could not be read.
    pub errors: Vec<FileError>,
}

/// Finds the inputs, loads and validates every config (rendering errors to stderr) and reads
/// every story. `Ok(None)`: a config was invalid and nothing was read.
pub(super) fn read_paths(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    config_args: &ConfigArgs,
    err_color: bool,
) -> io::Result<Option<Stories>> {
    let stdin_name = stdin_filename.unwrap_or("<stdin>").to_string();
    let (inputs, missing) = collect(paths, &stdin_name);
    let mut errors: Vec<FileError> = missing
        .into_iter()
        .map(|(path, message)| FileError { path, message })
        .collect();

    // Every config is loaded and validated before any story is checked.
    let mut finder = ConfigFinder::default();
    let mut configs = Configs {
        by_file: HashMap::new(),
    };
    let mut assigned: Vec<(Input, Option<PathBuf>)> = Vec::with_capacity(inputs.len());
    let mut failed = false;
    for input in inputs {
        let path = Configs::choose(config_args, &mut finder, &input);
        if !configs.by_file.contains_key(&path) {
            match Configs::load(path.as_deref(), err_color) {
                Ok(c) => {
                    configs.by_file.insert(path.clone(), Arc::new(c));
                }
                Err(ConfigFailure(rendered)) => {
                    io::stderr().write_all(&rendered)?;
                    failed = true;
                    configs
                        .by_file
                        .insert(path.clone(), Arc::new(Config::builtin()));
                }
            }
        }
        assigned.push((input, path));
    }
    if failed {
        return Ok(None);
    }

    let mut stdin_text = None;
    if assigned.iter().any(|(i, _)| matches!(i, Input::Stdin(_))) {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes)?;
        stdin_text = Some(bytes);
    }

    // Files are read in parallel; the batch then checks them with their configs.
    let read: Vec<Result<(Input, batch::Input), FileError>> = assigned
        .into_par_iter()
        .map(|(input, config)| {
            let name = input.display();
            let bytes = match &input {
                Input::File(p) => std::fs::read(p).map_err(|e| FileError {
                    path: name.clone(),
                    message: e.to_string(),
                })?,
                Input::Stdin(_) => stdin_text.clone().unwrap_or_default(),
            };
            let source = Source::from_bytes(name.clone(), bytes).map_err(|e| FileError {
                path: name.clone(),
                message: e.to_string(),
            })?;
            let config = configs.by_file[&config].clone();
            Ok((input, batch::Input { source, config }))
        })
        .collect();
    let mut inputs = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(i) => inputs.push(i),
            Err(e) => errors.push(e),
        }
    }
    Ok(Some(Stories { inputs, errors }))
}

/// The settings of a batch run from the command line.
pub(super) fn batch_options(config_args: &ConfigArgs) -> batch::Options {
    batch::Options {
        date: config_args.date,
        panic_on: test_panic_hook(),
    }
}

/// Checks stories already read; reports and errors come back sorted by path.
pub(super) fn check_read(
    inputs: Vec<batch::Input>,
    mut errors: Vec<FileError>,
    config_args: &ConfigArgs,
) -> Linted {
    let options = batch_options(config_args);
    let mut reports = Vec::with_capacity(inputs.len());
    for r in batch::check_batch(inputs, &options) {
        match r {
            Ok(report) => reports.push(report),
            Err(e) => errors.push(e),
        }
    }
    reports.sort_by(|a, b| a.source.name.cmp(&b.source.name));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    Linted { reports, errors }
}

/// Test-only (debug builds): `COPYDESK_TEST_PANIC_ON=TEXT` makes the check of any story containing
/// TEXT panic, so tests can prove a failing story is isolated.
fn test_panic_hook() -> Option<String> {
    if cfg!(debug_assertions) {
        std::env::var("COPYDESK_TEST_PANIC_ON").ok()
    } else {
        None
    }
}

pub(super) fn run(args: &CheckArgs, out: &mut dyn Write) -> io::Result<u8> {
    if args.fix || args.diff {
        return super::fix::run(args, out);
    }
    // `-o -` is stdout, like no `-o` at all.
    let to_file = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let color = use_color(args.color, to_file.is_none() && stdout_is_terminal());
    let err_color = use_color(args.color, stderr_is_terminal());
    let Some(Linted { reports, errors }) = lint_paths(
        &args.paths,
        args.stdin_filename.as_deref(),
        &args.config,
        err_color,
    )?
    else {
        return Ok(EXIT_ERROR);
    };
    let summary = Summary::of(&reports, &errors);
    let mut emitter = emitter(args, color, &reports);
    match to_file {
        None => emitter.emit(&reports, &errors, &summary, out)?,
        Some(path) => write_atomically(path, |w| emitter.emit(&reports, &errors, &summary, w))
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("cannot write {}: {e}", display_path(path)),
                )
            })?,
    }
    // Unreadable files are always named on stderr too, whatever the format.
    let mut err = io::stderr().lock();
    for e in &errors {
        writeln!(err, "error: {}: {}", e.path, e.message)?;
    }

    Ok(exit_code(args, !errors.is_empty(), &summary))
}

/// The exit code of a check: 2 when a file could not be read or written, else 1 when the findings
/// fail the run by `--fail-on` or `--max-warnings` (unless `--exit-zero`), else 0.
pub(super) fn exit_code(args: &CheckArgs, file_errors: bool, summary: &Summary) -> u8 {
    if file_errors {
        EXIT_ERROR
    } else if args.exit_zero {
        EXIT_CLEAN
    } else if fails(args.fail_on, summary) || too_many_warnings(args.max_warnings, summary) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// The emitter of `--format`, with what it needs from outside the reports.
pub(super) fn emitter(args: &CheckArgs, color: bool, reports: &[FileReport]) -> Box<dyn Emitter> {
    match args.format {
        CheckFormat::Human => Box::new(Human { color }),
        CheckFormat::Concise => Box::new(Concise),
        CheckFormat::Json => Box::new(Json),
        CheckFormat::Jsonl => Box::new(JsonLines),
        CheckFormat::Sarif => Box::new(Sarif {
            rules: rule_docs(&args.config, reports),
        }),
        CheckFormat::Github => Box::new(Github {
            step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
        }),
        CheckFormat::Checkstyle => Box::new(Checkstyle),
        CheckFormat::Rdjson => Box::new(Rdjson {
            rules: rule_docs(&args.config, reports),
        }),
        CheckFormat::Html => Box::new(Html {
            rules: rule_docs(&args.config, reports),
        }),
    }
}

/// The documentation of the rules in force for the stories with findings, for the formats that
/// describe or link to rules. Each story's config is found and loaded again, once per config file:
/// every config was validated before any story was checked, so loading cannot fail here.
fn rule_docs(args: &ConfigArgs, reports: &[FileReport]) -> RuleDocs {
    let mut docs = RuleDocs::new();
    let mut finder = ConfigFinder::default();
    let mut loaded: Vec<Option<PathBuf>> = Vec::new();
    for r in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        // The report's name finds the same config as its input did: a path relative to the
        // current directory, or the stdin filename.
        let input = Input::File(PathBuf::from(&r.source.name));
        let path = Configs::choose(args, &mut finder, &input);
        if loaded.contains(&path) {
            continue;
        }
        if let Ok(config) = Configs::load(path.as_deref(), false) {
            for meta in config.ruleset.enabled() {
                docs.entry(meta.id.clone()).or_insert_with(|| RuleDoc {
                    severity: meta.severity,
                    summary: meta.summary(),
                    why: meta.why.clone(),
                    link: meta.link.clone(),
                });
            }
        }
        loaded.push(path);
    }
    docs
}

/// Writes `path` through a new file beside it, renamed over it once complete: a reader never sees
/// half a report, and a failed run leaves the old file as it was. A symlink is followed, so the
/// file it names is replaced; the old file's permissions are kept.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let name = target.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "the output must name a file")
    })?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let (temp, file) = create_temp(dir, &name.to_string_lossy())?;
    let written = (|| {
        let mut w = io::BufWriter::with_capacity(1 << 16, file);
        write(&mut w)?;
        let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
        if let Ok(old) = std::fs::metadata(&target) {
            file.set_permissions(old.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, &target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// A new, empty hidden file in `dir` named after `name`, never one that already exists.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, std::fs::File)> {
    let mut attempt = 0;
    loop {
        let temp = dir.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

fn too_many_warnings(max: Option<usize>, summary: &Summary) -> bool {
    max.is_some_and(|max| summary.warnings > max)
}

/// Whether the findings counted in `summary` fail the run at `fail_on`.
pub(super) fn fails(fail_on: FailOn, summary: &Summary) -> bool {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::Never => return false,
    };
    summary.at_least(threshold) > 0
}
