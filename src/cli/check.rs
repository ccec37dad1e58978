//! `copydesk check`.

use super::args::{CheckArgs, CheckFormat, ConfigArgs, FailOn};
use super::narrow::Narrowing;
use super::read;
use super::walk::{ConfigFinder, Input, WHAT_IS_READ, collect, display_path, lexically_normal};
use super::{
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, stderr_is_terminal, stdout_is_terminal, use_color,
};
use crate::batch;
use crate::config::globs::Globs;
use crate::config::{Config, Selection};
use crate::diagnostic::Severity;
use crate::emit::{
    Checkstyle, Concise, Emitter, FileError, FileReport, Github, GithubSummarised, Html, HtmlPage,
    Human, Json, JsonLines, Rdjson, RuleDoc, RuleDocs, Sarif, StreamEmitter, Streamed, Summary,
};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) use super::configs::{ConfigFailure, Configs, config_for_cwd};

/// The outcome of linting a set of inputs.
pub(super) struct Linted {
    /// Reports of the files read, sorted by path.
    pub reports: Vec<FileReport>,
    /// Files that could not be read, sorted by path.
    pub errors: Vec<FileError>,
    /// Files of other types skipped, and stories excluded by config.
    pub skipped: Skipped,
    /// The configs the stories were checked with, in the order of first use.
    pub configs: Vec<Arc<Config>>,
}

/// Files found but not checked.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Skipped {
    /// Documents of other types found in folders.
    pub other_types: usize,
    /// Stories a config's `exclude` names.
    pub excluded: usize,
}

/// Finds the inputs, loads and validates every config (rendering errors to stderr), then checks
/// every story in parallel. `Ok(None)`: a config was invalid and nothing was checked.
pub(super) fn lint_paths(
    paths: &[PathBuf],
    stdin_filename: Option<&str>,
    config_args: &ConfigArgs,
    err_color: bool,
) -> io::Result<Option<Linted>> {
    let request = Request {
        paths,
        stdin_filename,
        config: config_args,
        selection: Selection::default(),
        err_color,
        exclude: None,
    };
    let Ok(stories) = read_stories(&request)? else {
        return Ok(None);
    };
    Ok(Some(check_stories(stories, config_args)))
}

/// What to read for a run: the command line's paths, stdin's name, the config flags and the
/// choice of rules.
pub(super) struct Request<'a> {
    /// Files and folders (`-`: stdin); none: the current directory, or stdin when
    /// `stdin_filename` is given.
    pub paths: &'a [PathBuf],
    /// The name of the story read from stdin.
    pub stdin_filename: Option<&'a str>,
    /// `--config`, `--no-config`, `--date`.
    pub config: &'a ConfigArgs,
    /// `--select`, `--ignore`.
    pub selection: Selection,
    /// Colour on stderr.
    pub err_color: bool,
    /// `--exclude`: stories left out, whatever their config says.
    pub exclude: Option<Globs>,
}

impl<'a> Request<'a> {
    /// The request of `copydesk check`.
    pub(super) fn of(args: &'a CheckArgs, err_color: bool) -> Request<'a> {
        let exclude = (!args.exclude.is_empty())
            .then(|| {
                let patterns: Vec<toml::Spanned<String>> = args
                    .exclude
                    .iter()
                    .map(|p| toml::Spanned::new(0..0, p.clone()))
                    .collect();
                let dir = std::env::current_dir().ok().map(|d| lexically_normal(&d));
                // An invalid glob is refused by clap's check in `exclude_globs` before this.
                Globs::new(&patterns, 0, dir).ok()
            })
            .flatten();
        Request {
            paths: &args.paths,
            stdin_filename: args.stdin_filename.as_deref(),
            config: &args.config,
            selection: Selection {
                select: args.select.clone(),
                ignore: args.ignore.clone(),
            },
            err_color,
            exclude,
        }
    }
}

/// The stories of a run, read, each with its config and where it came from.
pub(super) struct Stories {
    /// Where each story came from (a file or stdin), and the story with its config.
    pub inputs: Vec<(Input, batch::Input)>,
    /// Paths that do not exist and files that could not be read.
    pub errors: Vec<FileError>,
    /// Files found but not checked.
    pub skipped: Skipped,
    /// The configs the stories are checked with, in the order of first use.
    pub configs: Vec<Arc<Config>>,
}

/// The configs of a run: each config file loaded once, and each combination of its
/// `[[override]]` tables resolved once.
struct Loaded {
    by_file: HashMap<Option<PathBuf>, Arc<Config>>,
    variants: HashMap<(Option<PathBuf>, Vec<usize>), Arc<Config>>,
}

/// Finds the inputs, loads and validates every config (rendering errors to stderr) and reads
/// every story. `Ok(Err(errors))`: a config was invalid (or `--select`/`--ignore` named an unknown
/// rule) and nothing was read; the errors are the config's, for the formats that list errors.
pub(super) fn read_stories(request: &Request<'_>) -> io::Result<Result<Stories, Vec<FileError>>> {
    let Assigned {
        assigned,
        mut errors,
        skipped,
        configs,
    } = match assign_stories(request)? {
        Ok(a) => a,
        Err(e) => return Ok(Err(e)),
    };
    // Reading is bounded and refuses what is not a regular file (src/cli/read.rs).
    let limit = request.config.max_file_size;
    let stdin_text = read_stdin_if_named(&assigned, limit);

    // Files are read in parallel; the batch then checks them with their configs.
    let read: Vec<Result<(Input, batch::Input), FileError>> = assigned
        .into_par_iter()
        .map(|(input, config)| {
            let source = read::source_of(&input, stdin_text.as_ref(), limit)?;
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
    Ok(Ok(Stories {
        inputs,
        errors,
        skipped,
        configs,
    }))
}

/// Stdin, read once, when one of the inputs is stdin.
pub(super) fn read_stdin_if_named(
    assigned: &[(Input, Arc<Config>)],
    limit: u64,
) -> Option<Result<Vec<u8>, String>> {
    assigned
        .iter()
        .any(|(i, _)| matches!(i, Input::Stdin(_)))
        .then(|| read::read_stdin(limit).map_err(|e| e.to_string()))
}

/// The stories of a run, found and each given its config, not read yet.
pub(super) struct Assigned {
    /// Each story with its config, in path order.
    pub assigned: Vec<(Input, Arc<Config>)>,
    /// Paths that do not exist, and the like.
    pub errors: Vec<FileError>,
    /// Files found but not checked.
    pub skipped: Skipped,
    /// The configs the stories are checked with, in the order of first use.
    pub configs: Vec<Arc<Config>>,
}

/// Finds the inputs and loads and validates every config (rendering errors to stderr), giving
/// each story its config; nothing is read. `Ok(Err(errors))`: a config was invalid (or
/// `--select`/`--ignore` named an unknown rule).
pub(super) fn assign_stories(
    request: &Request<'_>,
) -> io::Result<Result<Assigned, Vec<FileError>>> {
    let stdin_name = request.stdin_filename.unwrap_or("<stdin>").to_string();
    // `--stdin-filename` alone reads stdin, as ruff does; with other paths it needs a `-`.
    let stdin_only = [PathBuf::from("-")];
    let paths = match (request.paths.is_empty(), request.stdin_filename) {
        (true, Some(_)) => &stdin_only[..],
        (false, Some(_)) if !request.paths.iter().any(|p| p.as_os_str() == "-") => {
            writeln!(
                io::stderr(),
                "error: --stdin-filename names the story read from stdin, but no path is `-`: add \
                 `-` to read stdin, or leave out --stdin-filename"
            )?;
            return Ok(Err(Vec::new()));
        }
        _ => request.paths,
    };
    let collected = collect(paths, &stdin_name);
    let errors: Vec<FileError> = collected.errors;
    let mut skipped = Skipped {
        other_types: collected.skipped.values().sum(),
        excluded: 0,
    };

    // Every config is loaded and validated before any story is checked.
    let mut finder = ConfigFinder::default();
    let mut loaded = Loaded {
        by_file: HashMap::new(),
        variants: HashMap::new(),
    };
    let mut assigned: Vec<(Input, Arc<Config>)> = Vec::with_capacity(collected.inputs.len());
    let mut failures: Vec<FileError> = Vec::new();
    let mut configs: Vec<Arc<Config>> = Vec::new();
    let mut stderr = io::stderr();
    for input in collected.inputs {
        let path = Configs::choose(request.config, &mut finder, &input);
        let config = match loaded.by_file.get(&path) {
            Some(c) => c.clone(),
            None => {
                let c = match Configs::load_with(
                    path.as_deref(),
                    &request.selection,
                    request.err_color,
                ) {
                    Ok(c) => Arc::new(c),
                    Err(failure) => {
                        stderr.write_all(&failure.rendered)?;
                        failures.extend(failure.errors);
                        Arc::new(Config::builtin())
                    }
                };
                loaded.by_file.insert(path.clone(), c.clone());
                c
            }
        };
        let absolute = input.absolute();
        // Stdin is never excluded: an editor piping a buffer through `--fix` needs it back.
        let by_flag = request
            .exclude
            .as_ref()
            .is_some_and(|g| g.matches(&absolute));
        if matches!(input, Input::File(_)) && (by_flag || config.is_excluded(&absolute)) {
            skipped.excluded += 1;
            if paths.iter().any(|p| Input::File(p.clone()) == input) {
                writeln!(
                    stderr,
                    "note: {} is excluded by {}, so it is not checked",
                    input.display(),
                    if by_flag {
                        "--exclude"
                    } else {
                        "its config (`exclude`)"
                    }
                )?;
            }
            continue;
        }
        let which = config.overrides_for(&absolute);
        let config = if which.is_empty() {
            config
        } else {
            let key = (path.clone(), which.clone());
            match loaded.variants.get(&key) {
                Some(c) => c.clone(),
                None => match config.with_overrides(&which) {
                    Ok(c) => {
                        let c = Arc::new(c);
                        loaded.variants.insert(key, c.clone());
                        c
                    }
                    Err(es) => {
                        // Each override was valid alone; together they are not.
                        let failure =
                            super::configs::failure_of(&config.files, &es, request.err_color);
                        stderr.write_all(&failure.rendered)?;
                        failures.extend(failure.errors);
                        loaded.variants.insert(key, config.clone());
                        config
                    }
                },
            }
        };
        if !configs.iter().any(|c| Arc::ptr_eq(c, &config)) {
            configs.push(config.clone());
        }
        assigned.push((input, config));
    }
    if !failures.is_empty() {
        return Ok(Err(failures));
    }
    if !unknown_names(request, loaded.by_file.values())? {
        return Ok(Err(Vec::new()));
    }

    test_vanish_hook(&assigned);
    if assigned.is_empty() && errors.is_empty() {
        let why = if skipped.excluded > 0 {
            format!(
                "every story found is excluded by config ({} excluded)",
                skipped.excluded
            )
        } else {
            format!("none was found; {WHAT_IS_READ}")
        };
        writeln!(stderr, "warning: no story was checked: {why}")?;
    }
    Ok(Ok(Assigned {
        assigned,
        errors,
        skipped,
        configs,
    }))
}

/// Reports each `--select`/`--ignore` name that no config of the run knows, with the closest
/// known one; false when there was one.
fn unknown_names<'c>(
    request: &Request<'_>,
    configs: impl Iterator<Item = &'c Arc<Config>>,
) -> io::Result<bool> {
    let selection = &request.selection;
    if selection.is_empty() {
        return Ok(true);
    }
    let mut configs: Vec<&Config> = configs.map(|c| c.as_ref()).collect();
    let builtin;
    if configs.is_empty() {
        builtin = Config::builtin();
        configs.push(&builtin);
    }
    let mut ok = true;
    let mut err = io::stderr().lock();
    for (flag, names) in [
        ("--select", &selection.select),
        ("--ignore", &selection.ignore),
    ] {
        for name in names {
            if configs.iter().any(|c| c.knows(name)) {
                continue;
            }
            ok = false;
            writeln!(err, "error: {flag}: unknown rule or pack `{name}`")?;
            match configs.iter().find_map(|c| c.closest_name(name)) {
                Some(c) => writeln!(err, "  = did you mean `{c}`?")?,
                None => writeln!(err, "  = `copydesk rules` lists every rule")?,
            }
        }
    }
    Ok(ok)
}

/// The settings of a batch run from the command line.
pub(super) fn batch_options(config_args: &ConfigArgs) -> batch::Options {
    batch::Options {
        date: config_args.date,
        format: None,
        panic_on: test_panic_hook(),
        alone: false,
    }
}

/// Checks the stories read for a run.
pub(super) fn check_stories(stories: Stories, config_args: &ConfigArgs) -> Linted {
    let Stories {
        inputs,
        errors,
        skipped,
        configs,
    } = stories;
    let inputs = inputs.into_iter().map(|(_, input)| input).collect();
    let mut linted = check_read(inputs, errors, config_args);
    linted.skipped = skipped;
    linted.configs = configs;
    linted
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
    Linted {
        reports,
        errors,
        skipped: Skipped::default(),
        configs: Vec::new(),
    }
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

/// Test-only (debug builds): `COPYDESK_TEST_VANISH=NAME` deletes every story file named NAME
/// after the stories were found and before they are read, so tests can prove that a file that
/// disappears mid-run is reported and the run goes on.
fn test_vanish_hook(assigned: &[(Input, Arc<Config>)]) {
    if !cfg!(debug_assertions) {
        return;
    }
    let Ok(name) = std::env::var("COPYDESK_TEST_VANISH") else {
        return;
    };
    for (input, _) in assigned {
        if let Input::File(path) = input
            && path.file_name().is_some_and(|n| n == name.as_str())
        {
            let _ = std::fs::remove_file(path);
        }
    }
}

pub(super) fn run(args: &CheckArgs, out: &mut dyn Write) -> io::Result<u8> {
    if args.fix || args.diff {
        return super::fix::run(args, out);
    }
    if args.input.is_some() {
        return super::jsonl::run(args, out);
    }
    // `-o -` is stdout, like no `-o` at all.
    let to_file = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let color = use_color(args.color, to_file.is_none() && stdout_is_terminal());
    let err_color = use_color(args.color, stderr_is_terminal());
    let narrowing = match Narrowing::prepare(args) {
        Ok(n) => n,
        Err(message) => {
            writeln!(io::stderr(), "error: {message}")?;
            return Ok(EXIT_ERROR);
        }
    };
    if let Some(message) = invalid_exclude(&args.exclude) {
        writeln!(io::stderr(), "error: {message}")?;
        return Ok(EXIT_ERROR);
    }
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    // Reading and checking in the collected path (and rendering) use rayon's pool.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global();
    // While this thread reads the configuration and compiles the rules, another builds the
    // built-in lexicon and the date mention pattern nearly every story needs (each is built once,
    // by whichever thread asks first: the other waits for it). A configuration that changes the
    // lexicon builds its own, and this one goes unused. Not when the run is to use one thread.
    if threads >= 2 {
        std::thread::spawn(|| crate::lexicon::Lexicon::builtin().dates().prepare());
    }
    let request = Request::of(args, err_color);
    if !narrowing.is_active() {
        let Assigned {
            assigned,
            errors,
            skipped,
            configs,
        } = match assign_stories(&request)? {
            Ok(a) => a,
            Err(config_errors) => return config_failed(args, color, to_file, &config_errors, out),
        };
        let streamer = stream_emitter(args, color, &configs);
        let mut base = Summary {
            skipped: skipped.other_types,
            excluded: skipped.excluded,
            ..Summary::default()
        };
        let bar = super::progress::Bar::wanted(args, to_file.is_some());
        let mut streamed = None;
        write_report(
            to_file,
            |w| {
                let s = super::stream::check_streamed(
                    assigned,
                    errors,
                    &args.config,
                    threads,
                    &*streamer,
                    bar.as_ref().map(|b| b as &dyn super::stream::Progress),
                    std::mem::take(&mut base),
                    w,
                )?;
                streamed = Some(s);
                Ok(())
            },
            out,
        )?;
        let Some(streamed) = streamed else {
            return Ok(EXIT_ERROR);
        };
        let mut err = io::stderr().lock();
        for e in &streamed.errors {
            writeln!(err, "error: {}: {}", e.path, e.message)?;
        }
        return Ok(exit_code(
            args,
            !streamed.errors.is_empty(),
            &streamed.summary,
        ));
    }
    let stories = match read_stories(&request)? {
        Ok(stories) => stories,
        Err(config_errors) => return config_failed(args, color, to_file, &config_errors, out),
    };
    let Linted {
        mut reports,
        errors,
        skipped,
        configs,
    } = check_stories(stories, &args.config);
    let narrowed = narrowing.apply(&mut reports)?;
    let mut summary = Summary::of(&reports, &errors);
    summary.skipped = skipped.other_types;
    summary.excluded = skipped.excluded;
    summary.baselined = narrowed.baselined;
    summary.unchanged = narrowed.unchanged;
    // Collected reports are written as a streamed run writes them (the same bytes, and
    // `--quiet` drops the summary line alike).
    let streamer = stream_emitter(args, color, &configs);
    write_report(
        to_file,
        |w| crate::emit::write_whole(&*streamer, &reports, &errors, &summary, w),
        out,
    )?;
    // Unreadable files are always named on stderr too, whatever the format.
    let mut err = io::stderr().lock();
    for e in &errors {
        writeln!(err, "error: {}: {}", e.path, e.message)?;
    }

    Ok(exit_code(args, !errors.is_empty(), &summary))
}

/// A config was invalid: its errors are on stderr; the formats that list errors list them too.
fn config_failed(
    args: &CheckArgs,
    color: bool,
    to_file: Option<&Path>,
    config_errors: &[FileError],
    out: &mut dyn Write,
) -> io::Result<u8> {
    if args.format != CheckFormat::Human && !config_errors.is_empty() {
        let summary = Summary::of(&[], config_errors);
        let mut emitter = emitter(args, color, &[]);
        write_report(
            to_file,
            |w| emitter.emit(&[], config_errors, &summary, w),
            out,
        )?;
    }
    Ok(EXIT_ERROR)
}

/// Why an `--exclude` glob is invalid, if one is.
fn invalid_exclude(patterns: &[String]) -> Option<String> {
    patterns.iter().find_map(|p| {
        let spanned = [toml::Spanned::new(0..0, p.clone())];
        Globs::new(&spanned, 0, None)
            .err()
            .map(|e| format!("--exclude: invalid glob `{p}`: {}", e[0].message))
    })
}

/// The format of `--format`, written story by story, with what it needs from the run's configs
/// (the rules' documentation).
fn stream_emitter(
    args: &CheckArgs,
    color: bool,
    configs: &[Arc<Config>],
) -> Box<dyn StreamEmitter> {
    let summary = !args.quiet;
    match args.format {
        CheckFormat::Human => Box::new(Streamed {
            format: Human { color },
            summary,
        }),
        CheckFormat::Concise => Box::new(Streamed {
            format: Concise,
            summary,
        }),
        CheckFormat::Json => Box::new(Json),
        CheckFormat::Jsonl => Box::new(JsonLines),
        CheckFormat::Github => match step_summary_file() {
            None => Box::new(Streamed {
                format: Github { step_summary: None },
                summary,
            }),
            Some(path) => Box::new(GithubSummarised::new(path, summary)),
        },
        CheckFormat::Sarif => Box::new(Sarif {
            rules: rule_docs(configs),
        }),
        CheckFormat::Checkstyle => Box::new(Checkstyle),
        CheckFormat::Rdjson => Box::new(Rdjson {
            rules: rule_docs(configs),
        }),
        CheckFormat::Html => Box::new(HtmlPage::new(rule_docs(configs))),
    }
}

/// Writes a report to stdout, or to `-o FILE` once it is complete.
fn write_report(
    to_file: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match to_file {
        None => write(out),
        Some(path) => write_atomically(path, write).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot write {}: {e}", display_path(path)),
            )
        }),
    }
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

/// The file `GITHUB_STEP_SUMMARY` names, if it names one.
fn step_summary_file() -> Option<PathBuf> {
    std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The emitter of `--format`, with what it needs from outside the reports (the run's configs,
/// for the rules' documentation).
pub(super) fn emitter(args: &CheckArgs, color: bool, configs: &[Arc<Config>]) -> Box<dyn Emitter> {
    match args.format {
        CheckFormat::Human => Box::new(Human { color }),
        CheckFormat::Concise => Box::new(Concise),
        CheckFormat::Json => Box::new(Json),
        CheckFormat::Jsonl => Box::new(JsonLines),
        CheckFormat::Sarif => Box::new(Sarif {
            rules: rule_docs(configs),
        }),
        CheckFormat::Github => Box::new(Github {
            step_summary: step_summary_file(),
        }),
        CheckFormat::Checkstyle => Box::new(Checkstyle),
        CheckFormat::Rdjson => Box::new(Rdjson {
            rules: rule_docs(configs),
        }),
        CheckFormat::Html => Box::new(Html {
            rules: rule_docs(configs),
        }),
    }
}

/// The documentation of the rules of the run's configs, for the formats that describe or link to
/// rules; where configs differ, the first config of the run (in path order) speaks.
fn rule_docs(configs: &[Arc<Config>]) -> RuleDocs {
    let mut docs = RuleDocs::new();
    for config in configs {
        for meta in config
            .ruleset
            .enabled()
            .chain(config.ruleset.disabled().map(std::borrow::Cow::Borrowed))
        {
            docs.entry(meta.id.clone()).or_insert_with(|| RuleDoc {
                severity: meta.severity,
                summary: meta.summary(),
                why: meta.why.clone(),
                link: meta.link.clone(),
            });
        }
    }
    docs
}

/// Writes `path` through a new file beside it, renamed over it once complete: a reader never sees
/// half a report, and a failed run leaves the old file as it was. A symlink is followed, so the
/// file it names is replaced; the old file's permissions are kept.
pub(super) fn write_atomically(
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
