//! `copydesk score`: lint labelled stories and report, per rule, true positives, false positives,
//! misses, precision and recall.
//!
//! A label file is JSON lines: `{"path": "...", "line": 12, "rule": "boilerplate.promo"}`, or with
//! `"start"`/`"end"` byte offsets instead of `line`. `rule` may be a prefix (`"boilerplate"`).
//! An optional `"text"` must occur on the labelled line, so labels cannot drift from their stories.
//!
//! `--set DIR` scores a labelled evaluation set instead (see [`set`]).

mod baseline;
mod set;

use super::args::ScoreArgs;
use super::check::{Linted, lint_paths};
use super::walk::display_path;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, stderr_is_terminal, use_color};
use crate::emit::FileReport;
use crate::source::ColumnUnit;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// One expected finding.
#[derive(Debug, Clone, Deserialize)]
struct Label {
    path: String,
    rule: String,
    line: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    text: Option<String>,
}

/// Counts for one rule.
#[derive(Debug, Default, Clone, Serialize)]
struct Row {
    tp: usize,
    fp: usize,
    r#fn: usize,
    precision: f64,
    recall: f64,
}

impl Row {
    fn finish(&mut self) {
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.r#fn);
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Whether a rule id is under a label's rule (equal, or the label names a prefix).
fn under(rule: &str, label: &str) -> bool {
    rule == label
        || rule
            .strip_prefix(label)
            .is_some_and(|rest| rest.starts_with('.'))
}

fn read_labels(path: &Path) -> Result<Vec<Label>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut labels = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with("//") {
            continue;
        }
        let label: Label = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: not a label: {e}", display_path(path), i + 1))?;
        if label.line.is_none() && (label.start.is_none() || label.end.is_none()) {
            return Err(format!(
                "{}:{}: a label needs `line` or `start` and `end`",
                display_path(path),
                i + 1
            ));
        }
        labels.push(label);
    }
    Ok(labels)
}

/// A finding reduced to what scoring needs.
struct Found {
    path: String,
    rule: String,
    lines: (usize, usize),
    span: (usize, usize),
    message: String,
}

fn findings(reports: &[FileReport]) -> Vec<Found> {
    let mut out = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let start = r
                .source
                .position(d.primary.span.start, ColumnUnit::Utf8)
                .line;
            let end = r.source.position(d.primary.span.end, ColumnUnit::Utf8).line;
            out.push(Found {
                path: r.source.name.clone(),
                rule: d.rule.clone(),
                lines: (start, end),
                span: (d.primary.span.start, d.primary.span.end),
                message: d.message.clone(),
            });
        }
    }
    out
}

fn matches(label: &Label, f: &Found) -> bool {
    if label.path != f.path || !under(&f.rule, &label.rule) {
        return false;
    }
    match (label.line, label.start, label.end) {
        (Some(line), _, _) => f.lines.0 <= line && line <= f.lines.1,
        (None, Some(s), Some(e)) => s < f.span.1 && f.span.0 < e.max(s + 1),
        _ => false,
    }
}

/// Checks that each label's `text` is on its line.
fn verify(labels: &[Label], reports: &[FileReport]) -> Vec<String> {
    let mut problems = Vec::new();
    for l in labels {
        let Some(report) = reports.iter().find(|r| r.source.name == l.path) else {
            problems.push(format!(
                "{}: labelled but not among the stories checked",
                l.path
            ));
            continue;
        };
        if let (Some(text), Some(line)) = (&l.text, l.line) {
            let index = &report.source.line_index;
            let ok = line >= 1
                && line <= index.line_count()
                && report
                    .source
                    .slice(index.line_span(&report.source.text, line - 1))
                    .contains(text.as_str());
            if !ok {
                problems.push(format!(
                    "{}:{line}: label text {text:?} is not on this line",
                    l.path
                ));
            }
        }
    }
    problems
}

pub(super) fn run(args: &ScoreArgs, out: &mut dyn Write) -> io::Result<u8> {
    if let Some(dir) = &args.set {
        return set::run(args, dir, out);
    }
    let Some(labels_path) = &args.labels else {
        eprintln!("error: give --labels FILE or --set DIR");
        return Ok(EXIT_ERROR);
    };
    let err_color = use_color(super::ColorChoice::Auto, stderr_is_terminal());
    let labels = match read_labels(labels_path) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![
            labels_path
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        ]
    } else {
        args.paths.clone()
    };
    let Some(Linted { reports, errors }) = lint_paths(&paths, None, &args.config, err_color)?
    else {
        return Ok(EXIT_ERROR);
    };
    for e in &errors {
        eprintln!("error: {}: {}", e.path, e.message);
    }
    let problems = verify(&labels, &reports);
    for p in &problems {
        eprintln!("error: {p}");
    }
    if !errors.is_empty() || !problems.is_empty() {
        return Ok(EXIT_ERROR);
    }

    // Which findings are scored: the rules named by --rule, or the packs the labels name.
    let scopes: Vec<String> = if args.rule.is_empty() {
        let mut packs: Vec<String> = labels
            .iter()
            .map(|l| l.rule.split('.').next().unwrap_or("").to_string())
            .collect();
        packs.sort();
        packs.dedup();
        packs
    } else {
        args.rule.clone()
    };
    let found: Vec<Found> = findings(&reports)
        .into_iter()
        .filter(|f| scopes.iter().any(|s| under(&f.rule, s)))
        .collect();
    let labels: Vec<&Label> = labels
        .iter()
        .filter(|l| {
            scopes
                .iter()
                .any(|s| under(&l.rule, s) || under(s, &l.rule))
        })
        .collect();

    // Greedy one-to-one matching, exact rule ids before prefixes.
    let mut used = vec![false; found.len()];
    let mut matched = vec![false; labels.len()];
    for exact in [true, false] {
        for (li, label) in labels.iter().enumerate() {
            if matched[li] {
                continue;
            }
            if let Some(fi) = (0..found.len()).find(|&fi| {
                !used[fi] && (!exact || found[fi].rule == label.rule) && matches(label, &found[fi])
            }) {
                used[fi] = true;
                matched[li] = true;
            }
        }
    }

    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for (li, label) in labels.iter().enumerate() {
        let row = rows.entry(label.rule.clone()).or_default();
        if matched[li] {
            row.tp += 1
        } else {
            row.r#fn += 1
        }
    }
    for (fi, f) in found.iter().enumerate() {
        if !used[fi] {
            rows.entry(f.rule.clone()).or_default().fp += 1;
        }
    }
    let mut total = Row::default();
    for row in rows.values_mut() {
        row.finish();
        total.tp += row.tp;
        total.fp += row.fp;
        total.r#fn += row.r#fn;
    }
    total.finish();

    if args.json {
        let doc = serde_json::json!({ "rules": rows, "total": total, "stories": reports.len(), "labels": labels.len() });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
    } else {
        let width = rows.keys().map(String::len).max().unwrap_or(4).max(5);
        writeln!(
            out,
            "{:width$}  {:>5}  {:>5}  {:>5}  {:>9}  {:>6}",
            "rule", "tp", "fp", "fn", "precision", "recall"
        )?;
        for (rule, r) in rows
            .iter()
            .chain(std::iter::once((&"total".to_string(), &total)))
        {
            writeln!(
                out,
                "{rule:width$}  {:>5}  {:>5}  {:>5}  {:>9.3}  {:>6.3}",
                r.tp, r.fp, r.r#fn, r.precision, r.recall
            )?;
        }
        writeln!(out, "{} stories, {} labels", reports.len(), labels.len())?;
        if args.verbose {
            for (f, _) in found.iter().zip(&used).filter(|(_, used)| !**used) {
                writeln!(
                    out,
                    "false positive: {}:{}: {}: {}",
                    f.path, f.lines.0, f.rule, f.message
                )?;
            }
            for (l, _) in labels
                .iter()
                .zip(&matched)
                .filter(|(_, matched)| !**matched)
            {
                let at = l
                    .line
                    .map_or_else(|| format!("@{}", l.start.unwrap_or(0)), |n| n.to_string());
                writeln!(
                    out,
                    "missed: {}:{at}: {} {}",
                    l.path,
                    l.rule,
                    l.text.as_deref().unwrap_or("")
                )?;
            }
        }
    }
    let below = args.min_precision.is_some_and(|p| total.precision < p)
        || args.min_recall.is_some_and(|r| total.recall < r);
    Ok(if below { EXIT_FINDINGS } else { EXIT_CLEAN })
}
