//! Checking many stories at once: what spans stories (lines repeated across the files of one run,
//! the fallback anchor date), the isolation of a story whose analysis fails, and the story's own
//! suppression comments ([`crate::suppress`]), applied once every finding is known.
//!
//! The CLI, the editor server and any other front end hand in sources already read, each with the
//! configuration that applies to it, and get one result per input, in input order. A panic while
//! checking one story is caught and becomes a [`FileError`] naming that story; the others are
//! still checked. No I/O happens here.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::document::dates::AnchorSource;
use crate::document::{Document, Format};
use crate::rules::boilerplate::{TemplateCounts, line_hash};
use crate::source::Source;
use crate::span::Span;
use crate::suppress::Suppressions;
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
    /// `front-matter:date`, `dateline`, `timestamp`, `command-line` or `config`.
    pub source: String,
}

/// A story that could not be checked: unreadable, or an internal error while checking it.
#[derive(Clone, Debug)]
pub struct FileError {
    /// The path as given or found.
    pub path: String,
    /// Why.
    pub message: String,
    /// The exact bytes of the name when `path` shows them escaped (see
    /// [`Source::name_bytes`]).
    pub path_bytes: Option<Vec<u8>>,
}

impl FileError {
    /// An error about a file whose name is shown exactly.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FileError {
            path: path.into(),
            message: message.into(),
            path_bytes: None,
        }
    }
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
    /// The format of every story, whatever its name says (stories read from JSON lines have
    /// an id, not a file name). None: by the name's ending.
    pub format: Option<Format>,
    /// Test-only: a story whose text contains this string panics while it is checked, to prove
    /// that a failing story is isolated. Honoured only in debug builds.
    #[doc(hidden)]
    pub panic_on: Option<String>,
    /// The run checks this one story: its rules run side by side on rayon's pool whatever its
    /// length. A story checked in a fresh process costs mostly the compiling of the regexes its
    /// rules need, which the rules then do at once.
    pub alone: bool,
}

/// Checks every input, in parallel; one result per input, in input order.
pub fn check_batch(inputs: Vec<Input>, options: &Options) -> Vec<Result<FileReport, FileError>> {
    let names: Vec<String> = inputs.iter().map(|i| i.source.name.clone()).collect();
    // A line of one story alone is in no other story: a run of one story reads no template
    // lines (the editor server's re-lint).
    let templates = inputs.len() > 1;
    let check = |input| guarded(input, |input| check_one(input, options, templates));
    // One story (the editor server's re-lint) is checked on the caller's thread: handing it to
    // the pool and waiting for a worker to wake costs time and gains nothing.
    let checked: Vec<Result<Checked, FileError>> = if inputs.len() == 1 {
        inputs.into_iter().map(check).collect()
    } else {
        inputs.into_par_iter().map(check).collect()
    };
    let mut counts = CrossCounts::default();
    for (i, c) in checked.iter().enumerate() {
        if let Ok(c) = c {
            counts.add(i, &c.config, &c.hashes);
        }
    }
    let name = |i: usize| names[i].clone();
    checked
        .into_iter()
        .enumerate()
        .map(|(i, c)| c.map(|c| finish(c, i, &counts, &name)))
        .collect()
}

/// Checks one story of a run whose cross-story counts were made first ([`CrossCounts`], from
/// [`CrossCounts::hashes`] of every story): the result no longer depends on the other stories'
/// text, so a front end can check stories in any order, on any thread, and write each as soon as
/// it is done. `index` is the story's number in the run and `name` gives a story's name by its
/// number.
pub fn check_counted(
    input: Input,
    index: usize,
    options: &Options,
    counts: &CrossCounts,
    name: &dyn Fn(usize) -> String,
) -> Result<FileReport, FileError> {
    guarded(input, |input| {
        let c = check_one(input, options, true);
        finish(c, index, counts, name)
    })
}

/// Runs `check` on `input`, turning a panic into a [`FileError`] naming the story.
fn guarded<T>(input: Input, check: impl FnOnce(Input) -> T) -> Result<T, FileError> {
    let name = input.source.name.clone();
    let path_bytes = input.source.name_bytes.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(input))).map_err(|payload| {
        FileError {
            path: name,
            path_bytes,
            message: format!(
                "internal error while checking this story ({}); the other stories were checked. Please report it",
                panic_message(&payload)
            ),
        }
    })
}

/// What the cross-story rules count over a run: for each config of the run (stories that share
/// one `Arc` are compared with each other) and each of its template-line rules, how many stories
/// hold each candidate line, by hash. Compact: a few bytes a distinct line, never its text.
#[derive(Debug, Default)]
pub struct CrossCounts {
    groups: Vec<(Arc<Config>, Vec<TemplateCounts>)>,
}

impl CrossCounts {
    /// Whether stories checked with `config` need counts first (it has a cross-story rule on).
    pub fn needed(config: &Config) -> bool {
        config.ruleset.across_file_rules().next().is_some()
    }

    /// The hashes of a story's distinct candidate template lines, per cross-story rule of its
    /// config: the cheap first pass (the story is parsed, not checked). A line counts whether
    /// or not another rule reports it in that story.
    pub fn hashes(source: &Source, config: &Config) -> Vec<Vec<u64>> {
        if !Self::needed(config) {
            return Vec::new();
        }
        let format = Format::from_path(&source.name);
        let suppressions = Suppressions::find(&source.text, format);
        let masked = suppressions.masked(source);
        let doc = Document::parse_with(masked.as_ref().unwrap_or(source), format, &config.lexicon);
        config
            .ruleset
            .across_file_rules()
            .map(|r| hash_lines(&r.template_candidates(&doc)))
            .collect()
    }

    /// Counts story number `index`, checked with `config`, by its [`CrossCounts::hashes`].
    pub fn add(&mut self, index: usize, config: &Arc<Config>, hashes: &[Vec<u64>]) {
        let counts = self.group_mut(config);
        for (k, counts) in counts.iter_mut().enumerate() {
            counts.add(index, hashes.get(k).map_or(&[][..], Vec::as_slice));
        }
    }

    /// Adds the counts of other stories of the run.
    pub fn merge(&mut self, other: CrossCounts) {
        for (config, rules) in other.groups {
            let mine = self.group_mut(&config);
            for (m, o) in mine.iter_mut().zip(rules) {
                m.merge(o);
            }
        }
    }

    fn group_mut(&mut self, config: &Arc<Config>) -> &mut Vec<TemplateCounts> {
        let at = match self.groups.iter().position(|(c, _)| Arc::ptr_eq(c, config)) {
            Some(at) => at,
            None => {
                let n = config.ruleset.across_file_rules().count();
                self.groups
                    .push((config.clone(), vec![TemplateCounts::default(); n]));
                self.groups.len() - 1
            }
        };
        &mut self.groups[at].1
    }

    fn group(&self, config: &Arc<Config>) -> Option<&[TemplateCounts]> {
        self.groups
            .iter()
            .find(|(c, _)| Arc::ptr_eq(c, config))
            .map(|(_, counts)| counts.as_slice())
    }
}

fn hash_lines(lines: &[(String, Span)]) -> Vec<u64> {
    lines.iter().map(|(key, _)| line_hash(key)).collect()
}

/// A checked story, its config, its template-line candidates per cross-story rule, and its
/// suppression comments.
struct Checked {
    report: FileReport,
    config: Arc<Config>,
    candidates: Vec<Vec<(String, Span)>>,
    /// The hashes of every candidate line, reported by another rule or not, per cross-story rule.
    hashes: Vec<Vec<u64>>,
    suppressions: Suppressions,
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

/// Checks one story; `templates`: whether its candidate template lines are read (a run of
/// one story has none to count).
fn check_one(input: Input, options: &Options, templates: bool) -> Checked {
    let Input { source, config } = input;
    if cfg!(debug_assertions)
        && let Some(marker) = &options.panic_on
        && source.text.contains(marker.as_str())
    {
        panic!("test hook: the story contains {marker:?}");
    }
    let ruleset = &config.ruleset;
    let format = options
        .format
        .unwrap_or_else(|| Format::from_path(&source.name));
    // Plain-text comment lines are not prose: the story is read with them blanked.
    let suppressions = Suppressions::find(&source.text, format);
    let masked = suppressions.masked(&source);
    let mut doc = Document::parse_with(masked.as_ref().unwrap_or(&source), format, &config.lexicon);
    doc.set_fallback_date(fallback_date(options.date, &config));
    let template_lines = || -> Vec<Vec<(String, Span)>> {
        if !templates {
            return Vec::new();
        }
        ruleset
            .across_file_rules()
            .map(|r| r.template_candidates(&doc))
            .collect()
    };
    // A long story's template lines are read beside its check (the rules then share the pool).
    let (diagnostics, all_candidates) = if crate::rules::side_by_side(&doc) {
        rayon::join(|| crate::lint(&doc, ruleset), template_lines)
    } else if options.alone && rayon::current_num_threads() >= 2 {
        // The date analysis, the longest part of a short story's check (read below in any case,
        // and by the event rules, which wait for it), is started first, on a worker of its own:
        // the other worker takes up the rules, and the first joins it when the analysis is done.
        let ((), diagnostics) = rayon::join(
            || {
                doc.dates();
            },
            || ruleset.check_side_by_side(&doc),
        );
        (diagnostics, template_lines())
    } else {
        (crate::lint(&doc, ruleset), template_lines())
    };
    // The date analysis is shared with the date rules (when any is on, they have read it by now).
    let anchor = doc.dates().anchor.as_ref().map(|a| Anchor {
        date: a.label(),
        source: a.source.name().to_string(),
    });
    // A line already reported as residue is not reported again as a template line.
    let reported = Covered::new(diagnostics.iter().map(|d| d.primary.span));
    let mut hashes = Vec::new();
    let candidates = all_candidates
        .into_iter()
        .map(|mut lines| {
            hashes.push(hash_lines(&lines));
            lines.retain(|(_, span)| !reported.overlaps(*span));
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
        hashes,
        suppressions,
    }
}

/// A set of spans that answers "does any of them overlap this one?" in logarithmic time: a story
/// may have a hundred thousand findings and as many candidate lines.
struct Covered {
    /// The spans by start.
    starts: Vec<usize>,
    /// `ends[i]`: the furthest end among the first `i + 1` spans.
    ends: Vec<usize>,
}

impl Covered {
    fn new(spans: impl Iterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.collect();
        spans.sort_by_key(|s| s.start);
        let mut furthest = 0;
        let ends = spans
            .iter()
            .map(|s| {
                furthest = furthest.max(s.end);
                furthest
            })
            .collect();
        Covered {
            starts: spans.iter().map(|s| s.start).collect(),
            ends,
        }
    }

    /// Whether one of the spans overlaps `span`, as [`Span::overlaps`] says.
    fn overlaps(&self, span: Span) -> bool {
        // The spans that start before `span` ends; one of them overlaps when it ends after
        // `span` starts.
        let before = self.starts.partition_point(|&s| s < span.end);
        before > 0 && self.ends[before - 1] > span.start
    }
}

/// Adds the findings of the rules that compare stories (from the run's counts) to a checked
/// story, then applies its suppression comments.
fn finish(
    c: Checked,
    index: usize,
    counts: &CrossCounts,
    name: &dyn Fn(usize) -> String,
) -> FileReport {
    let Checked {
        mut report,
        config,
        candidates,
        suppressions,
        ..
    } = c;
    if let Some(group) = counts.group(&config) {
        for ((rule, lines), counts) in config
            .ruleset
            .across_file_rules()
            .zip(&candidates)
            .zip(group)
        {
            let mut diagnostics = rule.template_findings(index, lines, counts, name);
            // Shared rules report at their own severity; the config may set another.
            config.ruleset.apply_severities(&mut diagnostics);
            report.diagnostics.extend(diagnostics);
            crate::diagnostic::sort_findings(&mut report.diagnostics);
        }
    }
    suppressions.apply(&report.source, &config.ruleset, &mut report.diagnostics);
    report
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
    #[cfg(debug_assertions)] // the panic hook is compiled into debug builds only
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
    fn covered_spans_answer_as_span_overlaps_does() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for _ in 0..200 {
            let spans: Vec<Span> = (0..next(8))
                .map(|_| {
                    let a = next(40);
                    Span::new(a, a + next(6))
                })
                .collect();
            let covered = Covered::new(spans.iter().copied());
            for _ in 0..20 {
                let a = next(45);
                let probe = Span::new(a, a + next(5));
                assert_eq!(
                    covered.overlaps(probe),
                    spans.iter().any(|s| s.overlaps(probe)),
                    "{spans:?} {probe:?}"
                );
            }
        }
    }

    #[test]
    fn a_story_alone_has_the_findings_of_the_sequential_check() {
        let config = Arc::new(Config::builtin());
        // Two threads, whatever the machine: the rules then run side by side.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let mut checked = 0;
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/stories");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "txt")
            ) {
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let findings = |alone: bool| {
                let options = Options {
                    alone,
                    ..Options::default()
                };
                let out =
                    pool.install(|| check_batch(vec![input(&name, &text, &config)], &options));
                out[0].as_ref().unwrap().diagnostics.clone()
            };
            let sequential = findings(false);
            assert_eq!(findings(true), sequential, "{name}");
            checked += usize::from(!sequential.is_empty());
        }
        assert!(checked >= 3, "too few stories with findings: {checked}");
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
