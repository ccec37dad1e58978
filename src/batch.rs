//! Checking many stories at once: what spans stories (lines repeated across the files of one run,
//! the fallback anchor date) and the isolation of a story whose analysis fails.
//!
//! The CLI, the editor server and any other front end hand in sources already read, each with the
//! configuration that applies to it, and get one result per input, in input order. A panic while
//! checking one story is caught and becomes a [`FileError`] naming that story; the others are
//! still checked. No I/O happens here.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::document::dates::AnchorSource;
use crate::document::{Document, Format};
use crate::source::Source;
use crate::span::Span;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

/// One checked story and its findings.
#[derive(Debug)]
pub struct FileReport {
    /// The story.
    pub source: Source,
    /// Its findings, in a stable order.
    pub diagnostics: Vec<Diagnostic>,
    /// The date the story was read from, if it has one.
    pub anchor: Option<Anchor>,
}

/// The anchor a story's dates were resolved against, for output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Anchor {
    /// `YYYY-MM-DD`, or `--MM-DD` for a dateline without a year.
    pub date: String,
    /// `front-matter:date`, `dateline`, `command-line` or `config`.
    pub source: String,
}

/// A story that could not be checked: unreadable, or an internal error while checking it.
#[derive(Clone, Debug)]
pub struct FileError {
    /// The path as given or found.
    pub path: String,
    /// Why.
    pub message: String,
}

/// One story to check, with the configuration that applies to it.
#[derive(Debug)]
pub struct Input {
    /// The story.
    pub source: Source,
    /// Its configuration. Stories that share one (the same `Arc`) are compared with each other by
    /// the cross-story checks.
    pub config: Arc<Config>,
}

/// Settings for the whole run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The anchor date for stories with none of their own, given for this run (`--date`); it
    /// wins over each config's `date`.
    pub date: Option<jiff::civil::Date>,
    /// Test-only: a story whose text contains this string panics while it is checked, to prove
    /// that a failing story is isolated. Honoured only in debug builds.
    #[doc(hidden)]
    pub panic_on: Option<String>,
}

/// Checks every input, in parallel; one result per input, in input order.
pub fn check_batch(inputs: Vec<Input>, options: &Options) -> Vec<Result<FileReport, FileError>> {
    let checked: Vec<Result<Checked, FileError>> = inputs
        .into_par_iter()
        .map(|input| {
            let name = input.source.name.clone();
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_one(input, options)))
                .map_err(|payload| FileError {
                    path: name,
                    message: format!(
                        "internal error while checking this story ({}); the other stories were checked. Please report it",
                        panic_message(&payload)
                    ),
                })
        })
        .collect();
    across_files(checked)
}

/// A checked story, its config, and its template-line candidates per cross-story rule.
struct Checked {
    report: FileReport,
    config: Arc<Config>,
    candidates: Vec<Vec<(String, Span)>>,
}

/// The anchor for stories with none of their own: the run's date (`--date`), else the config's
/// `date`.
pub fn fallback_date(
    run_date: Option<jiff::civil::Date>,
    config: &Config,
) -> Option<(jiff::civil::Date, AnchorSource)> {
    run_date
        .map(|d| (d, AnchorSource::CommandLine))
        .or(config.date.map(|d| (d, AnchorSource::Config)))
}

fn check_one(input: Input, options: &Options) -> Checked {
    let Input { source, config } = input;
    if cfg!(debug_assertions)
        && let Some(marker) = &options.panic_on
        && source.text.contains(marker.as_str())
    {
        panic!("test hook: the story contains {marker:?}");
    }
    let ruleset = &config.ruleset;
    let mut doc = Document::parse_with(&source, Format::from_path(&source.name), &config.lexicon);
    doc.set_fallback_date(fallback_date(options.date, &config));
    let anchor = doc.dates().anchor.as_ref().map(|a| Anchor {
        date: a.label(),
        source: a.source.name().to_string(),
    });
    let diagnostics = crate::lint(&doc, ruleset);
    // A line already reported as residue is not reported again as a template line.
    let candidates = ruleset
        .across_file_rules()
        .map(|r| {
            let mut lines = r.template_candidates(&doc);
            lines.retain(|(_, span)| !diagnostics.iter().any(|d| d.primary.span.overlaps(*span)));
            lines
        })
        .collect();
    drop(doc);
    Checked {
        report: FileReport {
            source,
            diagnostics,
            anchor,
        },
        config,
        candidates,
    }
}

/// Runs the rules that compare stories, over the stories that share a config, and returns the
/// reports in input order.
fn across_files(
    mut checked: Vec<Result<Checked, FileError>>,
) -> Vec<Result<FileReport, FileError>> {
    let mut groups: Vec<(Arc<Config>, Vec<usize>)> = Vec::new();
    for (i, c) in checked.iter().enumerate() {
        let Ok(c) = c else { continue };
        match groups
            .iter_mut()
            .find(|(cfg, _)| Arc::ptr_eq(cfg, &c.config))
        {
            Some((_, members)) => members.push(i),
            None => groups.push((c.config.clone(), vec![i])),
        }
    }
    for (config, members) in groups {
        for (k, rule) in config.ruleset.across_file_rules().enumerate() {
            let mut candidates = Vec::with_capacity(members.len());
            let mut names = Vec::with_capacity(members.len());
            for &i in &members {
                if let Ok(c) = &mut checked[i] {
                    candidates.push(std::mem::take(&mut c.candidates[k]));
                    names.push(c.report.source.name.clone());
                }
            }
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let found = rule.across_files(&candidates, &names);
            for (&i, diagnostics) in members.iter().zip(found) {
                if let Ok(c) = &mut checked[i] {
                    c.report.diagnostics.extend(diagnostics);
                    c.report
                        .diagnostics
                        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                }
            }
        }
    }
    checked.into_iter().map(|c| c.map(|c| c.report)).collect()
}

/// The message a panic carried, if it was text.
fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, text: &str, config: &Arc<Config>) -> Input {
        Input {
            source: Source::new(name.to_string(), text.to_string()),
            config: config.clone(),
        }
    }

    #[test]
    fn a_failing_story_is_isolated() {
        let config = Arc::new(Config::builtin());
        let options = Options {
            panic_on: Some("BOOM-FOR-TEST".into()),
            ..Options::default()
        };
        let out = check_batch(
            vec![
                input("a.md", "Officials said TK people came.\n", &config),
                input("b.md", "This story says BOOM-FOR-TEST.\n", &config),
                input("c.md", "Lorem ipsum dolor sit amet.\n", &config),
            ],
            &options,
        );
        assert_eq!(out.len(), 3);
        assert!(!out[0].as_ref().unwrap().diagnostics.is_empty());
        let failed = out[1].as_ref().unwrap_err();
        assert_eq!(failed.path, "b.md");
        assert!(
            failed.message.contains("internal error"),
            "{}",
            failed.message
        );
        assert!(!out[2].as_ref().unwrap().diagnostics.is_empty());
    }

    #[test]
    fn the_run_date_wins_over_the_config_date() {
        let config = Arc::new(Config::from_toml("date = \"2025-01-01\"\n").unwrap());
        let options = Options {
            date: Some(jiff::civil::date(2025, 6, 4)),
            ..Options::default()
        };
        let out = check_batch(
            vec![input("a.md", "It rained yesterday.\n", &config)],
            &options,
        );
        let anchor = out[0].as_ref().unwrap().anchor.clone().unwrap();
        assert_eq!(anchor.date, "2025-06-04");
        assert_eq!(anchor.source, "command-line");
    }
}
