//! The committed figures of a labelled set (`--baseline`, `--write-baseline`): a gate that fails
//! when a figure gets worse, and is raised by rewriting it when the checks improve.

use super::set::{Better, FIGURES, SplitScore};
use crate::cli::walk::display_path;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

/// How far a figure may move the wrong way before it counts as worse (figures are stored to four
/// decimals).
pub(super) const TOLERANCE: f64 = 0.001;

/// A figure as stored: four decimals.
pub(super) fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The baseline file.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Baseline {
    /// What the file is and how to rewrite it.
    #[serde(default)]
    about: String,
    /// The set it was measured on.
    #[serde(default)]
    set: String,
    /// The label files it was measured with: kind → groups.
    #[serde(default)]
    label_files: BTreeMap<String, Vec<String>>,
    /// Split → figure → value (null: not measured, e.g. no positive labels).
    splits: BTreeMap<String, BTreeMap<String, Option<f64>>>,
}

/// One figure that moved.
#[derive(Debug, Serialize)]
pub(super) struct Change {
    pub split: String,
    pub figure: String,
    pub baseline: Option<f64>,
    pub now: Option<f64>,
}

/// The outcome of comparing with a baseline.
#[derive(Debug, Default)]
pub(super) struct Comparison {
    pub worse: Vec<Change>,
    pub better: Vec<Change>,
    pub notes: Vec<String>,
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {}: {e}", display_path(path)))?;
        serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a baseline: {e}", display_path(path)))
    }

    /// The baseline of these scores.
    pub fn of(
        dir: &Path,
        scores: &[(String, SplitScore)],
        label_files: &BTreeMap<&str, Vec<String>>,
    ) -> Baseline {
        let set = display_path(dir);
        let splits: Vec<&str> = scores.iter().map(|(n, _)| n.as_str()).collect();
        let split_args: String = splits.iter().map(|s| format!(" --split {s}")).collect();
        Baseline {
            about: format!(
                "Figures of `copydesk score --no-config --set {set}{split_args}`. \
                 tests/real_wikinews.rs fails when one gets worse (null: not measured). When the \
                 checks improve, raise it: COPYDESK_BLESS=1 cargo test --test real_wikinews, or \
                 copydesk score --no-config --set {set}{split_args} --write-baseline FILE."
            ),
            set,
            label_files: label_files
                .iter()
                .map(|(k, g)| (k.to_string(), g.clone()))
                .collect(),
            splits: scores
                .iter()
                .map(|(name, s)| {
                    let figures = s
                        .figures()
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect();
                    (name.clone(), figures)
                })
                .collect(),
        }
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", display_path(path)))
    }

    /// Compares scores with the baseline: every split of the baseline must have been scored.
    pub fn compare(
        &self,
        scores: &[(String, SplitScore)],
        label_files: &BTreeMap<&str, Vec<String>>,
    ) -> Result<Comparison, String> {
        let mut c = Comparison::default();
        let files: BTreeMap<String, Vec<String>> = label_files
            .iter()
            .map(|(k, g)| (k.to_string(), g.clone()))
            .collect();
        if !self.label_files.is_empty() && self.label_files != files {
            c.notes.push(format!(
                "the label files differ from the baseline's ({} now, {} then): if the labels \
                 changed, rewrite the baseline",
                describe(&files),
                describe(&self.label_files)
            ));
        }
        for (split, figures) in &self.splits {
            let Some((_, score)) = scores.iter().find(|(n, _)| n == split) else {
                return Err(format!(
                    "the baseline has split {split:?}, which was not scored (add --split {split})"
                ));
            };
            let now = score.figures();
            for (name, &base) in figures {
                let Some(def) = FIGURES.iter().find(|f| f.name == name) else {
                    return Err(format!(
                        "the baseline has an unknown figure {name:?}; rewrite it with --write-baseline"
                    ));
                };
                let current = now.get(def.name).copied().flatten();
                let change = || Change {
                    split: split.clone(),
                    figure: name.clone(),
                    baseline: base,
                    now: current,
                };
                match (base, current) {
                    (None, _) => {}
                    (Some(_), None) => c.worse.push(change()),
                    (Some(b), Some(n)) => {
                        let (worse, better) = match def.better {
                            Better::Higher => (n < b - TOLERANCE, n > b + TOLERANCE),
                            Better::Lower => (n > b + TOLERANCE, n < b - TOLERANCE),
                        };
                        if worse {
                            c.worse.push(change());
                        } else if better {
                            c.better.push(change());
                        }
                    }
                }
            }
            for def in &FIGURES {
                if !figures.contains_key(def.name) {
                    c.notes.push(format!(
                        "{split} {}: not in the baseline, not gated",
                        def.name
                    ));
                }
            }
        }
        Ok(c)
    }
}

fn describe(files: &BTreeMap<String, Vec<String>>) -> String {
    files
        .iter()
        .map(|(k, g)| format!("{k} {}", g.join(",")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn show(v: Option<f64>) -> String {
    v.map_or_else(|| "not measured".to_string(), |x| format!("{x:.4}"))
}

impl Comparison {
    pub fn print(&self, path: &str, out: &mut dyn Write) -> io::Result<()> {
        for n in &self.notes {
            writeln!(out, "note: {n}")?;
        }
        for c in &self.better {
            writeln!(
                out,
                "better than the baseline: {} {}: {} (baseline {}); raise it with --write-baseline {path}",
                c.split,
                c.figure,
                show(c.now),
                show(c.baseline)
            )?;
        }
        for c in &self.worse {
            writeln!(
                out,
                "WORSE than the baseline: {} {}: {} (baseline {} in {path})",
                c.split,
                c.figure,
                show(c.now),
                show(c.baseline)
            )?;
        }
        if self.worse.is_empty() {
            writeln!(out, "no figure is worse than the baseline {path}")?;
        }
        Ok(())
    }
}
