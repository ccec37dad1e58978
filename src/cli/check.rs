//! `copydesk check`.

use super::args::{CheckArgs, ConfigArgs, FailOn, OutputFormat};
use super::walk::{ConfigFinder, Input, collect, display_path};
use super::{
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, stderr_is_terminal, stdout_is_terminal, use_color,
};
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::document::dates::AnchorSource;
use crate::document::{Document, Format};
use crate::emit::{
    Anchor, Emitter, FileError, FileReport, Human, Json, Summary, render_config_errors,
};
use crate::source::Source;
use crate::span::Span;
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
        Config::from_toml(&text)
            .map_err(|errors| ConfigFailure(render_config_errors(&name, &text, &errors, color)))
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

/// The anchor for stories with none of their own: `--date`, else the config's `date`.
pub(super) fn fallback_date(
    args: &ConfigArgs,
    config: &Config,
) -> Option<(jiff::civil::Date, AnchorSource)> {
    args.date
        .map(|d| (d, AnchorSource::CommandLine))
        .or(config.date.map(|d| (d, AnchorSource::Config)))
}

/// A checked story, the config it was checked with, and its template-line candidates per rule.
type Checked = (FileReport, Option<PathBuf>, Vec<Vec<(String, Span)>>);

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

    let results: Vec<Result<Checked, FileError>> = assigned
        .par_iter()
        .map(|(input, config)| {
            let name = input.display();
            let bytes = match input {
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
            let config_now = &configs.by_file[config];
            let ruleset = &config_now.ruleset;
            let mut doc =
                Document::parse_with(&source, Format::from_path(&name), &config_now.lexicon);
            doc.set_fallback_date(fallback_date(config_args, config_now));
            let anchor = doc.dates().anchor.as_ref().map(|a| Anchor {
                date: a.label(),
                source: a.source.name(),
            });
            let diagnostics = crate::lint(&doc, ruleset);
            // A line already reported as residue is not reported again as a template line.
            let candidates = ruleset
                .across_file_rules()
                .map(|r| {
                    let mut lines = r.template_candidates(&doc);
                    lines.retain(|(_, span)| {
                        !diagnostics.iter().any(|d| d.primary.span.overlaps(*span))
                    });
                    lines
                })
                .collect();
            drop(doc);
            Ok((
                FileReport {
                    source,
                    diagnostics,
                    anchor,
                },
                config.clone(),
                candidates,
            ))
        })
        .collect();
    let mut checked = Vec::new();
    for r in results {
        match r {
            Ok(c) => checked.push(c),
            Err(e) => errors.push(e),
        }
    }
    checked.sort_by(|a, b| a.0.source.name.cmp(&b.0.source.name));
    across_files(&configs, &mut checked);
    let reports = checked.into_iter().map(|(r, _, _)| r).collect();
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Some(Linted { reports, errors }))
}

/// Runs the rules that compare stories, over the stories that share a config.
fn across_files(configs: &Configs, checked: &mut [Checked]) {
    for (path, config) in &configs.by_file {
        let members: Vec<usize> = (0..checked.len())
            .filter(|&i| &checked[i].1 == path)
            .collect();
        for (k, rule) in config.ruleset.across_file_rules().enumerate() {
            let candidates: Vec<Vec<(String, Span)>> = members
                .iter()
                .map(|&i| std::mem::take(&mut checked[i].2[k]))
                .collect();
            let names: Vec<&str> = members
                .iter()
                .map(|&i| checked[i].0.source.name.as_str())
                .collect();
            let found = rule.across_files(&candidates, &names);
            for (&i, diagnostics) in members.iter().zip(found) {
                let report = &mut checked[i].0;
                report.diagnostics.extend(diagnostics);
                report
                    .diagnostics
                    .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            }
        }
    }
}

pub(super) fn run(args: &CheckArgs, out: &mut dyn Write) -> io::Result<u8> {
    let color = use_color(args.color, stdout_is_terminal());
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
    match args.format {
        OutputFormat::Human => Human { color }.emit(&reports, &errors, &summary, out)?,
        OutputFormat::Json => Json.emit(&reports, &errors, &summary, out)?,
    }
    // Unreadable files are always named on stderr too, whatever the format.
    let mut err = io::stderr().lock();
    for e in &errors {
        writeln!(err, "error: {}: {}", e.path, e.message)?;
    }

    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if fails(args.fail_on, &summary) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn fails(fail_on: FailOn, summary: &Summary) -> bool {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::Never => return false,
    };
    summary.at_least(threshold) > 0
}
