//! `copydesk score --set DIR`: scores a labelled evaluation set, split by split.
//!
//! A set is a folder of stories with `split.tsv` (`file`, `split`, `group` columns, tab
//! separated, one header line; `file` is relative to the folder, so a set may score stories kept
//! elsewhere in place, as `benches/real-doj` does) and `labels/<kind>-<group>.jsonl` files, as
//! `fixtures/eval/real-wikinews/LABELLING.md` describes: `quotes`, `sourcing`, `dates`,
//! `numbers` and `anchors`. A story is scored for a kind only when its group has that kind's
//! label file, so a group still being labelled neither helps nor hurts.
//!
//! Every label item has `path`, `line`, `col` (1-based, code points) and `text`, which must be
//! found at that line and column (so labels cannot drift from their stories). A finding or a date
//! mention is matched to a label on the same line by the columns it covers:
//! - quotations: the finding's span contains the label's column or starts within
//!   [`NEAR`] columns of it (the label's column is the first quoted word, the finding starts at
//!   the mark); the nearest start wins;
//! - sourcing, figures and dates: the columns overlap the label's text; the largest overlap wins.

use super::super::args::ScoreArgs;
use super::super::check::{Configs, Linted, lint_paths};
use super::super::inspect::{DateOut, date_mentions};
use super::super::walk::{ConfigFinder, Input, display_path};
use super::super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, stderr_is_terminal, use_color};
use super::baseline::{self, Baseline};
use crate::document::dates::Resolved;
use crate::document::{Document, Format};
use crate::emit::FileReport;
use crate::source::{ColumnUnit, Position};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many columns a quotation finding may start from a quote label's column.
pub(super) const NEAR: usize = 2;

/// The kinds of label file a set may have.
const KINDS: [&str; 5] = ["quotes", "sourcing", "dates", "numbers", "anchors"];

/// Date label kinds that make a "core" mention (outside quotations).
const CORE: [&str; 4] = ["weekday", "month-day", "relative-day", "relative-period"];

/// One story of the set.
#[derive(Debug, Clone)]
pub(super) struct Story {
    /// Its path relative to the set's folder: a file name, or a path to a story kept outside
    /// the set (`../../../shared/corpus/doj/2009/….md`), scored in place.
    pub file: String,
    /// `dev`, `holdout` …
    pub split: String,
    /// Its labelling group.
    pub group: String,
}

/// One label item; the fields a kind does not use are None.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct Label {
    path: String,
    line: usize,
    col: usize,
    text: String,
    /// quotes: full | partial | scare; dates: weekday, month-day …
    kind: Option<String>,
    /// quotes: yes | no | ambiguous.
    attributed: Option<String>,
    /// sourcing: weasel | anonymous-source.
    #[serde(rename = "type")]
    source_type: Option<String>,
    /// sourcing: finding | ambiguous | fine; numbers: inconsistent | part-exceeds-whole | …
    label: Option<String>,
    /// dates: YYYY-MM-DD, A..B or unresolvable.
    resolved: Option<String>,
    /// dates: inside a quotation.
    in_quote: Option<bool>,
}

impl Label {
    /// The label's columns on its line: `[col, col + chars)`.
    fn cols(&self) -> (usize, usize) {
        (self.col, self.col + self.text.chars().count().max(1))
    }
}

/// A story's anchor as labelled.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct AnchorLabel {
    path: String,
    anchor: String,
}

/// Every label of a set, by kind, with the groups each kind covers.
#[derive(Debug, Default)]
pub(super) struct Labels {
    /// Label items by kind (`quotes`, `sourcing`, `dates`, `numbers`).
    items: BTreeMap<&'static str, Vec<Label>>,
    anchors: Vec<AnchorLabel>,
    /// The groups that have a file of each kind.
    pub groups: BTreeMap<&'static str, BTreeSet<String>>,
}

/// A set: its stories and labels.
pub(super) struct Set {
    pub dir: PathBuf,
    pub stories: Vec<Story>,
    pub labels: Labels,
}

/// The file name a label's `path` points at (labels are repository-relative).
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

impl Story {
    /// Its file name, which labels and observations are matched by (so file names must be
    /// unique within a set).
    fn name(&self) -> &str {
        file_name(&self.file)
    }
}

fn read_split(dir: &Path) -> Result<Vec<Story>, String> {
    let path = dir.join("split.tsv");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", display_path(&path)))?;
    let mut stories = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [file, split, group, ..] = fields[..] else {
            return Err(format!(
                "{}:{}: expected file, split and group separated by tabs",
                display_path(&path),
                i + 1
            ));
        };
        stories.push(Story {
            file: file.trim().to_string(),
            split: split.trim().to_string(),
            group: group.trim().to_string(),
        });
    }
    Ok(stories)
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", display_path(path)))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(
            serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: not a label: {e}", display_path(path), i + 1))?,
        );
    }
    Ok(out)
}

/// The fields each kind needs, checked after reading.
fn missing_field(kind: &str, l: &Label) -> Option<&'static str> {
    match kind {
        "quotes" if l.kind.is_none() => Some("kind"),
        "quotes" if l.kind.as_deref() == Some("full") && l.attributed.is_none() => {
            Some("attributed")
        }
        "sourcing" if l.source_type.is_none() => Some("type"),
        "sourcing" | "numbers" if l.label.is_none() => Some("label"),
        "dates" if l.kind.is_none() => Some("kind"),
        "dates" if l.resolved.is_none() => Some("resolved"),
        "dates" if l.in_quote.is_none() => Some("in_quote"),
        _ => None,
    }
}

/// Reads `split.tsv` and every `labels/<kind>-<group>.jsonl`.
pub(super) fn read_set(dir: &Path) -> Result<Set, Vec<String>> {
    let stories = read_split(dir).map_err(|e| vec![e])?;
    let known: HashMap<&str, &Story> = stories.iter().map(|s| (s.name(), s)).collect();
    let mut labels = Labels::default();
    let mut problems = Vec::new();
    let label_dir = dir.join("labels");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&label_dir)
        .map_err(|e| vec![format!("cannot read {}: {e}", display_path(&label_dir))])?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for path in files {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let Some((kind, group)) = stem
            .rsplit_once('-')
            .and_then(|(k, g)| KINDS.iter().find(|&&known| known == k).map(|&k| (k, g)))
        else {
            problems.push(format!(
                "{}: not a label file name (<kind>-<group>.jsonl, kind one of {})",
                display_path(&path),
                KINDS.join(", ")
            ));
            continue;
        };
        labels
            .groups
            .entry(kind)
            .or_default()
            .insert(group.to_string());
        let check_path =
            |p: &str, line: usize, problems: &mut Vec<String>| match known.get(file_name(p)) {
                Some(story) if story.group == group => {}
                Some(story) => problems.push(format!(
                    "{}:{line}: {p} is in group {}, not {group}",
                    display_path(&path),
                    story.group
                )),
                None => problems.push(format!(
                    "{}:{line}: {p} is not in split.tsv",
                    display_path(&path)
                )),
            };
        if kind == "anchors" {
            match read_jsonl::<AnchorLabel>(&path) {
                Ok(items) => {
                    for (i, a) in items.iter().enumerate() {
                        check_path(&a.path, i + 1, &mut problems);
                    }
                    labels.anchors.extend(items);
                }
                Err(e) => problems.push(e),
            }
            continue;
        }
        match read_jsonl::<Label>(&path) {
            Ok(items) => {
                for (i, l) in items.iter().enumerate() {
                    check_path(&l.path, i + 1, &mut problems);
                    if let Some(field) = missing_field(kind, l) {
                        problems.push(format!(
                            "{}:{}: a {kind} label needs `{field}`",
                            display_path(&path),
                            i + 1
                        ));
                    }
                }
                labels.items.entry(kind).or_default().extend(items);
            }
            Err(e) => problems.push(e),
        }
    }
    if problems.is_empty() {
        Ok(Set {
            dir: dir.to_path_buf(),
            stories,
            labels,
        })
    } else {
        Err(problems)
    }
}

/// Checks that each label's `text` is at its line and column.
fn verify(labels: &Labels, texts: &HashMap<String, &str>) -> Vec<String> {
    let mut problems = Vec::new();
    for l in labels.items.values().flatten() {
        let Some(text) = texts.get(file_name(&l.path)) else {
            continue; // a story of a split not scored
        };
        let at = text
            .lines()
            .nth(l.line.wrapping_sub(1))
            .map(|line| line.trim_start_matches(crate::source::BOM))
            .and_then(|line| {
                let start = line.char_indices().nth(l.col.wrapping_sub(1))?.0;
                Some(line[start..].starts_with(l.text.as_str()))
            });
        if at != Some(true) {
            problems.push(format!(
                "{}:{}:{}: label text {:?} is not at this line and column",
                l.path, l.line, l.col, l.text
            ));
        }
    }
    problems
}

/// A finding reduced to what scoring needs.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub rule: String,
    pub start: Position,
    pub end: Position,
    pub text: String,
    pub message: String,
}

/// What copydesk found in one story.
#[derive(Default)]
pub(super) struct Seen {
    pub findings: Vec<Found>,
    pub dates: Vec<DatePos>,
    /// The anchor's label (`YYYY-MM-DD` or `--MM-DD`).
    pub anchor: Option<String>,
}

/// A date mention with its end position.
pub(super) struct DatePos {
    pub mention: DateOut,
    pub end: Position,
}

/// The columns `[start, end)` a span from `start` to `end` covers on `line`.
pub(super) fn cols_on(line: usize, start: Position, end: Position) -> Option<(usize, usize)> {
    if line < start.line || line > end.line {
        return None;
    }
    let s = if start.line == line { start.column } else { 1 };
    let e = if end.line == line {
        end.column.max(s + 1)
    } else {
        usize::MAX
    };
    Some((s, e))
}

/// How many columns two ranges share.
pub(super) fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// The label (index into `labels`) a finding matches by overlap, if any: the largest overlap.
fn by_overlap<'l>(
    labels: &[&'l Label],
    start: Position,
    end: Position,
) -> Option<(usize, &'l Label)> {
    labels
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let cols = cols_on(l.line, start, end)?;
            let n = overlap(cols, l.cols());
            (n > 0).then_some((n, i, *l))
        })
        .max_by_key(|&(n, i, _)| (n, std::cmp::Reverse(i)))
        .map(|(_, i, l)| (i, l))
}

/// The quote label a finding matches: its span contains the label's column or starts within
/// [`NEAR`] columns of it; the nearest start wins.
fn quote_match<'l>(labels: &[&'l Label], f: &Found) -> Option<(usize, &'l Label)> {
    labels
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let (s, e) = cols_on(l.line, f.start, f.end)?;
            let near = s.abs_diff(l.col);
            ((s <= l.col && l.col < e) || near <= NEAR).then_some((near, i, *l))
        })
        .min_by_key(|&(near, i, _)| (near, i))
        .map(|(_, i, l)| (i, l))
}

/// "2019-01-03", "2019-01-01..2019-12-31"; a one-day range is that day.
pub(super) fn normalise(resolved: &str) -> String {
    match resolved.split_once("..") {
        Some((a, b)) if a.trim() == b.trim() => a.trim().to_string(),
        Some((a, b)) => format!("{}..{}", a.trim(), b.trim()),
        None => resolved.trim().to_string(),
    }
}

/// A resolved date in the labels' notation.
pub(super) fn notation(r: &Resolved) -> String {
    match r {
        Resolved::Day(d) => d.to_string(),
        Resolved::Range(a, b) if a == b => a.to_string(),
        Resolved::Range(a, b) => format!("{a}..{b}"),
    }
}

/// Whether copydesk's value for a mention is the labelled one. An `unresolvable` label is right
/// when copydesk gives no value (also when it does not list the mention: it is no date to it);
/// any other label needs the mention found and resolved to exactly the labelled date or range.
pub(super) fn date_right(label: &str, got: Option<Option<&Resolved>>) -> bool {
    if label.trim() == "unresolvable" {
        return got.flatten().is_none();
    }
    got.flatten()
        .is_some_and(|r| notation(r) == normalise(label))
}

/// A ratio with its parts; None when the denominator is zero (not measured).
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub(super) struct Share {
    pub num: usize,
    pub den: usize,
}

impl Share {
    pub fn value(self) -> Option<f64> {
        (self.den > 0).then(|| self.num as f64 / self.den as f64)
    }
}

/// Precision and recall counts of one rule.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub(super) struct Pr {
    /// Findings on a positive label.
    pub tp: usize,
    /// Findings on a label that is not positive, or on none.
    pub fp: usize,
    /// Positive labels with no finding.
    pub r#fn: usize,
    /// Findings on an ambiguous label (neither right nor wrong).
    pub excluded: usize,
    /// Positive labels found.
    pub found: usize,
    /// Positive labels.
    pub positives: usize,
}

impl Pr {
    pub fn precision(&self) -> Share {
        Share {
            num: self.tp,
            den: self.tp + self.fp,
        }
    }
    pub fn recall(&self) -> Share {
        Share {
            num: self.found,
            den: self.positives,
        }
    }
}

/// The quotation counts.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub(super) struct QuoteCounts {
    /// Full quotations labelled unattributed.
    pub unattributed: usize,
    /// … of which copydesk flagged.
    pub found: usize,
    /// Full quotations labelled attributed.
    pub attributed: usize,
    /// Findings on quotations labelled attributed.
    pub false_flags: usize,
    /// Findings on quotations labelled ambiguous (not counted).
    pub ambiguous: usize,
    /// Findings on partial or scare quotes, or on no labelled quotation (not counted).
    pub other_flags: usize,
}

/// The date counts.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub(super) struct DateCounts {
    pub core: Share,
    pub all: Share,
    pub anchors: Share,
}

/// One miss, false flag or wrong date, for `-v`.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Miss {
    /// What it counts against: `unattributed-quote missed`, `weasel false positive` …
    pub what: String,
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub text: String,
    pub detail: String,
}

/// The scores of one split.
#[derive(Debug, Default, Serialize)]
pub(super) struct SplitScore {
    pub stories: usize,
    /// Stories scored for each kind (their group has the kind's label file).
    pub labelled: BTreeMap<&'static str, usize>,
    pub quotes: QuoteCounts,
    #[serde(rename = "attribution.weasel")]
    pub weasel: Pr,
    #[serde(rename = "attribution.anonymous-source")]
    pub anonymous_source: Pr,
    pub dates: DateCounts,
    #[serde(rename = "numbers.inconsistent")]
    pub numbers_inconsistent: Pr,
    #[serde(rename = "numbers.part-exceeds-whole")]
    pub numbers_part_exceeds_whole: Pr,
    #[serde(skip)]
    pub misses: Vec<Miss>,
}

/// Which way a figure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Better {
    Higher,
    Lower,
}

/// A figure: its name (the key in the baseline), which way is better, and what it says.
pub(super) struct FigureDef {
    pub name: &'static str,
    pub better: Better,
    pub about: &'static str,
}

/// Every figure, in the order printed.
pub(super) const FIGURES: [FigureDef; 14] = [
    FigureDef {
        name: "quotes.unattributed-recall",
        better: Better::Higher,
        about: "unattributed-quote recall",
    },
    FigureDef {
        name: "quotes.false-flags",
        better: Better::Lower,
        about: "unattributed-quote false flags",
    },
    FigureDef {
        name: "quotes.false-flags-per-80",
        better: Better::Lower,
        about: "  per 80 attributed full quotations",
    },
    FigureDef {
        name: "weasel.precision",
        better: Better::Higher,
        about: "attribution.weasel precision",
    },
    FigureDef {
        name: "weasel.recall",
        better: Better::Higher,
        about: "attribution.weasel recall",
    },
    FigureDef {
        name: "anonymous-source.precision",
        better: Better::Higher,
        about: "attribution.anonymous-source precision",
    },
    FigureDef {
        name: "anonymous-source.recall",
        better: Better::Higher,
        about: "attribution.anonymous-source recall",
    },
    FigureDef {
        name: "dates.core",
        better: Better::Higher,
        about: "dates right, core mentions",
    },
    FigureDef {
        name: "dates.all",
        better: Better::Higher,
        about: "dates right, all mentions",
    },
    FigureDef {
        name: "dates.anchors",
        better: Better::Higher,
        about: "anchors right",
    },
    FigureDef {
        name: "numbers.inconsistent.precision",
        better: Better::Higher,
        about: "numbers.inconsistent precision",
    },
    FigureDef {
        name: "numbers.inconsistent.recall",
        better: Better::Higher,
        about: "numbers.inconsistent recall",
    },
    FigureDef {
        name: "numbers.part-exceeds-whole.precision",
        better: Better::Higher,
        about: "numbers.part-exceeds-whole precision",
    },
    FigureDef {
        name: "numbers.part-exceeds-whole.recall",
        better: Better::Higher,
        about: "numbers.part-exceeds-whole recall",
    },
];

/// A figure's value and how it was reached ("12/14", "3 of 171 attributed").
pub(super) struct Value {
    pub value: Option<f64>,
    pub detail: String,
}

impl SplitScore {
    /// The figure named `name` (one of [`FIGURES`]).
    pub fn figure(&self, name: &str) -> Value {
        let share = |s: Share| Value {
            value: s.value(),
            detail: format!("{}/{}", s.num, s.den),
        };
        let q = &self.quotes;
        match name {
            "quotes.unattributed-recall" => share(Share {
                num: q.found,
                den: q.unattributed,
            }),
            "quotes.false-flags" => Value {
                value: Some(q.false_flags as f64),
                detail: format!("of {} attributed", q.attributed),
            },
            "quotes.false-flags-per-80" => Value {
                value: (q.attributed > 0)
                    .then(|| q.false_flags as f64 * 80.0 / q.attributed as f64),
                detail: format!("{}×80/{}", q.false_flags, q.attributed),
            },
            "weasel.precision" => share(self.weasel.precision()),
            "weasel.recall" => share(self.weasel.recall()),
            "anonymous-source.precision" => share(self.anonymous_source.precision()),
            "anonymous-source.recall" => share(self.anonymous_source.recall()),
            "dates.core" => share(self.dates.core),
            "dates.all" => share(self.dates.all),
            "dates.anchors" => share(self.dates.anchors),
            "numbers.inconsistent.precision" => share(self.numbers_inconsistent.precision()),
            "numbers.inconsistent.recall" => share(self.numbers_inconsistent.recall()),
            "numbers.part-exceeds-whole.precision" => {
                share(self.numbers_part_exceeds_whole.precision())
            }
            "numbers.part-exceeds-whole.recall" => share(self.numbers_part_exceeds_whole.recall()),
            _ => Value {
                value: None,
                detail: String::new(),
            },
        }
    }

    /// Every figure by name, rounded as the baseline stores it.
    pub fn figures(&self) -> BTreeMap<&'static str, Option<f64>> {
        FIGURES
            .iter()
            .map(|f| (f.name, self.figure(f.name).value.map(baseline::round)))
            .collect()
    }
}

/// Scores the stories of one split.
pub(super) fn score_split(
    set: &Set,
    split: &str,
    seen: &HashMap<String, Seen>,
    verbose: bool,
) -> SplitScore {
    let stories: Vec<&Story> = set.stories.iter().filter(|s| s.split == split).collect();
    let mut score = SplitScore {
        stories: stories.len(),
        ..SplitScore::default()
    };
    let covered = |kind: &str, s: &Story| {
        set.labels
            .groups
            .get(kind)
            .is_some_and(|g| g.contains(&s.group))
    };
    for kind in KINDS {
        score
            .labelled
            .insert(kind, stories.iter().filter(|s| covered(kind, s)).count());
    }
    let empty = Vec::new();
    let items = |kind: &str| set.labels.items.get(kind).unwrap_or(&empty);
    let mut misses = Vec::new();
    for story in &stories {
        let Some(seen) = seen.get(story.name()) else {
            continue;
        };
        let of = |kind: &str| -> Vec<&Label> {
            if !covered(kind, story) {
                return Vec::new();
            }
            items(kind)
                .iter()
                .filter(|l| file_name(&l.path) == story.name())
                .collect()
        };
        let path = set.dir.join(&story.file);
        let path = display_path(&path);
        let findings = |rule: &'static str| seen.findings.iter().filter(move |f| f.rule == rule);
        if covered("quotes", story) {
            quotes(
                &of("quotes"),
                findings("attribution.unattributed-quote"),
                &path,
                &mut score.quotes,
                &mut misses,
            );
        }
        if covered("sourcing", story) {
            let sourcing = of("sourcing");
            for (rule, kind, pr) in [
                ("attribution.weasel", "weasel", &mut score.weasel),
                (
                    "attribution.anonymous-source",
                    "anonymous-source",
                    &mut score.anonymous_source,
                ),
            ] {
                let labels: Vec<&Label> = sourcing
                    .iter()
                    .copied()
                    .filter(|l| l.source_type.as_deref() == Some(kind))
                    .collect();
                precision_recall(
                    &labels,
                    findings(rule),
                    |l| l.label.as_deref() == Some("finding"),
                    rule,
                    &path,
                    pr,
                    &mut misses,
                );
            }
        }
        if covered("numbers", story) {
            let numbers = of("numbers");
            for (rule, positive, pr) in [
                (
                    "numbers.inconsistent",
                    "inconsistent",
                    &mut score.numbers_inconsistent,
                ),
                (
                    "numbers.part-exceeds-whole",
                    "part-exceeds-whole",
                    &mut score.numbers_part_exceeds_whole,
                ),
            ] {
                precision_recall(
                    &numbers,
                    findings(rule),
                    |l| l.label.as_deref() == Some(positive),
                    rule,
                    &path,
                    pr,
                    &mut misses,
                );
            }
        }
        if covered("dates", story) {
            dates(&of("dates"), seen, &path, &mut score.dates, &mut misses);
        }
        if covered("anchors", story) {
            for a in set
                .labels
                .anchors
                .iter()
                .filter(|a| file_name(&a.path) == story.name())
            {
                score.dates.anchors.den += 1;
                if seen.anchor.as_deref() == Some(a.anchor.as_str()) {
                    score.dates.anchors.num += 1;
                } else {
                    misses.push(Miss {
                        what: "anchor wrong".into(),
                        path: path.clone(),
                        line: 1,
                        col: 1,
                        text: a.anchor.clone(),
                        detail: format!(
                            "labelled {}, copydesk {}",
                            a.anchor,
                            seen.anchor.as_deref().unwrap_or("none")
                        ),
                    });
                }
            }
        }
    }
    if verbose {
        score.misses = misses;
    }
    score
}

fn quotes<'f>(
    labels: &[&Label],
    findings: impl Iterator<Item = &'f Found>,
    path: &str,
    counts: &mut QuoteCounts,
    misses: &mut Vec<Miss>,
) {
    let full = |l: &Label, a: &str| {
        l.kind.as_deref() == Some("full") && l.attributed.as_deref() == Some(a)
    };
    let mut found = vec![false; labels.len()];
    for f in findings {
        match quote_match(labels, f) {
            Some((i, l)) if full(l, "no") => found[i] = true,
            Some((_, l)) if full(l, "yes") => {
                counts.false_flags += 1;
                misses.push(Miss {
                    what: "unattributed-quote false flag".into(),
                    path: path.to_string(),
                    line: f.start.line,
                    col: f.start.column,
                    text: l.text.clone(),
                    detail: f.message.clone(),
                });
            }
            Some((_, l)) if full(l, "ambiguous") => counts.ambiguous += 1,
            other => {
                counts.other_flags += 1;
                misses.push(Miss {
                    what: "unattributed-quote other flag".into(),
                    path: path.to_string(),
                    line: f.start.line,
                    col: f.start.column,
                    text: f.text.clone(),
                    detail: match other {
                        Some((_, l)) => format!(
                            "labelled {}",
                            l.kind.as_deref().unwrap_or("a quotation of no kind")
                        ),
                        None => "on no labelled quotation".into(),
                    },
                });
            }
        }
    }
    for (i, l) in labels.iter().enumerate() {
        if full(l, "yes") {
            counts.attributed += 1;
        }
        if full(l, "no") {
            counts.unattributed += 1;
            if found[i] {
                counts.found += 1;
            } else {
                misses.push(Miss {
                    what: "unattributed-quote missed".into(),
                    path: path.to_string(),
                    line: l.line,
                    col: l.col,
                    text: l.text.clone(),
                    detail: String::new(),
                });
            }
        }
    }
}

/// Matches one rule's findings with labels by overlap: a finding on a positive label is a true
/// positive, on an `ambiguous` label excluded, on any other label or none a false positive.
fn precision_recall<'f>(
    labels: &[&Label],
    findings: impl Iterator<Item = &'f Found>,
    positive: impl Fn(&Label) -> bool,
    rule: &str,
    path: &str,
    pr: &mut Pr,
    misses: &mut Vec<Miss>,
) {
    let mut found = vec![false; labels.len()];
    for f in findings {
        match by_overlap(labels, f.start, f.end) {
            Some((i, l)) if positive(l) => {
                pr.tp += 1;
                found[i] = true;
            }
            Some((_, l)) if l.label.as_deref() == Some("ambiguous") => pr.excluded += 1,
            other => {
                pr.fp += 1;
                misses.push(Miss {
                    what: format!("{rule} false positive"),
                    path: path.to_string(),
                    line: f.start.line,
                    col: f.start.column,
                    text: f.text.clone(),
                    detail: match other {
                        Some((_, l)) => format!(
                            "labelled {} ({:?})",
                            l.label.as_deref().unwrap_or("?"),
                            l.text
                        ),
                        None => "not labelled".into(),
                    },
                });
            }
        }
    }
    for (i, l) in labels.iter().enumerate() {
        if positive(l) {
            pr.positives += 1;
            if found[i] {
                pr.found += 1;
            } else {
                pr.r#fn += 1;
                misses.push(Miss {
                    what: format!("{rule} missed"),
                    path: path.to_string(),
                    line: l.line,
                    col: l.col,
                    text: l.text.clone(),
                    detail: String::new(),
                });
            }
        }
    }
}

fn dates(
    labels: &[&Label],
    seen: &Seen,
    path: &str,
    counts: &mut DateCounts,
    misses: &mut Vec<Miss>,
) {
    for l in labels {
        let mention = seen
            .dates
            .iter()
            .filter_map(|d| {
                let cols = cols_on(l.line, d.mention.at.start, d.end)?;
                let n = overlap(cols, l.cols());
                (n > 0).then_some((n, d))
            })
            .max_by_key(|&(n, d)| (n, std::cmp::Reverse(d.mention.at.span.start)))
            .map(|(_, d)| &d.mention);
        let label = l.resolved.as_deref().unwrap_or_default();
        let right = date_right(label, mention.map(|m| m.resolved.as_ref()));
        let kind = l.kind.as_deref().unwrap_or_default();
        let core = CORE.contains(&kind) && l.in_quote == Some(false);
        counts.all.den += 1;
        counts.all.num += usize::from(right);
        if core {
            counts.core.den += 1;
            counts.core.num += usize::from(right);
        }
        if !right {
            let got = match mention {
                None => "not found".to_string(),
                Some(m) => format!(
                    "{:?} ({}) = {}",
                    m.at.text,
                    m.kind,
                    m.resolved
                        .as_ref()
                        .map_or_else(|| "unresolved".to_string(), notation)
                ),
            };
            misses.push(Miss {
                what: format!("date wrong{}", if core { " (core)" } else { "" }),
                path: path.to_string(),
                line: l.line,
                col: l.col,
                text: l.text.clone(),
                detail: format!("{kind}: labelled {label}, copydesk {got}"),
            });
        }
    }
}

/// What copydesk found in each story, and the story's text, by file name.
type Observed = HashMap<String, (Seen, String)>;

/// Lints the stories of the chosen splits and reads their date mentions as `inspect` does.
fn observe(
    set: &Set,
    files: &[&Story],
    args: &ScoreArgs,
    err_color: bool,
) -> io::Result<Result<Observed, Vec<String>>> {
    let paths: Vec<PathBuf> = files.iter().map(|s| set.dir.join(&s.file)).collect();
    let Some(Linted {
        reports, errors, ..
    }) = lint_paths(&paths, None, &args.config, err_color)?
    else {
        return Ok(Err(Vec::new()));
    };
    if !errors.is_empty() {
        return Ok(Err(errors
            .iter()
            .map(|e| format!("{}: {}", e.path, e.message))
            .collect()));
    }
    // The anchor for stories with none of their own, as `check` and `inspect` use it.
    let mut finder = ConfigFinder::default();
    let input = Input::File(paths.first().cloned().unwrap_or_default());
    let config_path = Configs::choose(&args.config, &mut finder, &input);
    let config = Configs::load(config_path.as_deref(), err_color).ok();
    let fallback = config
        .as_ref()
        .and_then(|c| crate::batch::fallback_date(args.config.date, c));
    let lexicon = config.map_or_else(|| crate::lexicon::Lexicon::builtin().clone(), |c| c.lexicon);
    let mut out = HashMap::new();
    for report in reports {
        let file = file_name(&report.source.name).to_string();
        let seen = observe_one(&report, fallback.clone(), &lexicon);
        out.insert(file, (seen, report.source.text.clone()));
    }
    Ok(Ok(out))
}

fn observe_one(
    report: &FileReport,
    fallback: Option<(jiff::civil::Date, crate::document::dates::AnchorSource)>,
    lexicon: &crate::lexicon::Lexicon,
) -> Seen {
    let source = &report.source;
    let findings = report
        .diagnostics
        .iter()
        .map(|d| Found {
            rule: d.rule.clone(),
            start: source.position(d.primary.span.start, ColumnUnit::CodePoint),
            end: source.position(d.primary.span.end, ColumnUnit::CodePoint),
            text: source.slice(d.primary.span).to_string(),
            message: d.message.clone(),
        })
        .collect();
    let mut doc = Document::parse_with(source, Format::from_path(&source.name), lexicon);
    doc.set_fallback_date(fallback);
    let dates = date_mentions(&doc)
        .into_iter()
        .map(|m| DatePos {
            end: source.position(m.at.span.end, ColumnUnit::CodePoint),
            mention: m,
        })
        .collect();
    Seen {
        findings,
        dates,
        anchor: doc.dates().anchor.as_ref().map(|a| a.label()),
    }
}

/// `copydesk score --set DIR`.
pub(in crate::cli) fn run(args: &ScoreArgs, dir: &Path, out: &mut dyn Write) -> io::Result<u8> {
    let err_color = use_color(super::super::ColorChoice::Auto, stderr_is_terminal());
    let fail = |problems: &[String]| {
        for p in problems {
            eprintln!("error: {p}");
        }
        EXIT_ERROR
    };
    let set = match read_set(dir) {
        Ok(s) => s,
        Err(problems) => return Ok(fail(&problems)),
    };
    let splits: Vec<String> = if args.split.is_empty() {
        vec!["dev".to_string()]
    } else {
        args.split.clone()
    };
    let known: BTreeSet<&str> = set.stories.iter().map(|s| s.split.as_str()).collect();
    if let Some(unknown) = splits.iter().find(|s| !known.contains(s.as_str())) {
        let known: Vec<&str> = known.into_iter().collect();
        return Ok(fail(&[format!(
            "no split {unknown:?} in {}/split.tsv (splits: {})",
            display_path(dir),
            known.join(", ")
        )]));
    }
    let chosen: Vec<&Story> = set
        .stories
        .iter()
        .filter(|s| splits.contains(&s.split))
        .collect();
    let observed = match observe(&set, &chosen, args, err_color)? {
        Ok(o) => o,
        Err(problems) => return Ok(fail(&problems)),
    };
    let texts: HashMap<String, &str> = observed
        .iter()
        .map(|(f, (_, text))| (f.clone(), text.as_str()))
        .collect();
    let problems = verify(&set.labels, &texts);
    if !problems.is_empty() {
        return Ok(fail(&problems));
    }
    let seen: HashMap<String, Seen> = observed
        .into_iter()
        .map(|(f, (seen, _))| (f, seen))
        .collect();
    let scores: Vec<(String, SplitScore)> = splits
        .iter()
        .map(|s| (s.clone(), score_split(&set, s, &seen, args.verbose)))
        .collect();
    let label_files: BTreeMap<&str, Vec<String>> = set
        .labels
        .groups
        .iter()
        .map(|(k, g)| (*k, g.iter().cloned().collect()))
        .collect();

    // Compare with the baseline before writing a new one.
    let mut comparison = None;
    if let Some(path) = &args.baseline {
        let base = match Baseline::read(path) {
            Ok(b) => b,
            Err(e) => return Ok(fail(&[e])),
        };
        match base.compare(&scores, &label_files) {
            Ok(c) => comparison = Some((display_path(path), c)),
            Err(e) => return Ok(fail(&[e])),
        }
    }
    if args.json {
        let mut doc = serde_json::json!({
            "set": display_path(dir),
            "label_files": label_files,
            "splits": scores.iter().map(|(name, s)| {
                let mut v = serde_json::to_value(s).expect("scores serialise");
                v["figures"] = serde_json::to_value(s.figures()).expect("figures serialise");
                if args.verbose {
                    v["misses"] = serde_json::to_value(&s.misses).expect("misses serialise");
                }
                (name.clone(), v)
            }).collect::<serde_json::Map<_, _>>(),
        });
        if let Some((path, c)) = &comparison {
            doc["baseline"] = serde_json::json!({ "path": path, "worse": c.worse, "better": c.better, "notes": c.notes });
        }
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
    } else {
        human(&set, &scores, &label_files, args.verbose, out)?;
        if let Some((path, c)) = &comparison {
            c.print(path, out)?;
        }
    }
    if let Some(path) = &args.write_baseline {
        let written = Baseline::of(dir, &scores, &label_files).write(path);
        if let Err(e) = written {
            return Ok(fail(&[e]));
        }
        eprintln!("wrote {}", display_path(path));
    }
    Ok(match comparison {
        Some((_, c)) if !c.worse.is_empty() => EXIT_FINDINGS,
        _ => EXIT_CLEAN,
    })
}

fn human(
    set: &Set,
    scores: &[(String, SplitScore)],
    label_files: &BTreeMap<&str, Vec<String>>,
    verbose: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    const W: usize = 40;
    const C: usize = 22;
    write!(out, "{:W$}", format!("set {}", display_path(&set.dir)))?;
    for (name, _) in scores {
        write!(out, "  {name:>C$}")?;
    }
    writeln!(out)?;
    write!(out, "{:W$}", "stories")?;
    for (_, s) in scores {
        write!(out, "  {:>C$}", s.stories)?;
    }
    writeln!(out)?;
    for f in &FIGURES {
        write!(out, "{:W$}", f.about)?;
        for (_, s) in scores {
            let v = s.figure(f.name);
            let cell = match v.value {
                Some(x) if f.name.starts_with("quotes.false-flags") => {
                    if f.name == "quotes.false-flags" {
                        format!("{x:.0} ({})", v.detail)
                    } else {
                        format!("{x:.2}")
                    }
                }
                Some(x) => format!("{x:.3} ({})", v.detail),
                None => format!("- ({})", v.detail),
            };
            write!(out, "  {cell:>C$}")?;
        }
        writeln!(out)?;
    }
    write!(out, "labels:")?;
    for kind in KINDS {
        let groups = label_files.get(kind).map_or(String::new(), |g| g.join(" "));
        let groups = if groups.is_empty() { "none" } else { &groups };
        write!(out, "  {kind} {groups};")?;
    }
    writeln!(out)?;
    for (name, s) in scores {
        let partial: Vec<String> = KINDS
            .iter()
            .filter(|k| s.labelled.get(*k).copied().unwrap_or(0) < s.stories)
            .map(|k| format!("{k} {}", s.labelled.get(k).copied().unwrap_or(0)))
            .collect();
        if !partial.is_empty() {
            writeln!(
                out,
                "{name}: of {} stories, only these are labelled: {}",
                s.stories,
                partial.join(", ")
            )?;
        }
        let q = &s.quotes;
        if q.ambiguous + q.other_flags > 0 {
            writeln!(
                out,
                "{name}: not counted: {} unattributed-quote findings on ambiguous quotations, {} on partial or scare quotes or none labelled",
                q.ambiguous, q.other_flags
            )?;
        }
    }
    if verbose {
        for (name, s) in scores {
            for m in &s.misses {
                let detail = if m.detail.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", m.detail)
                };
                writeln!(
                    out,
                    "{name}: {}:{}:{}: {}: {:?}{detail}",
                    m.path, m.line, m.col, m.what, m.text
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn columns_on_a_line() {
        assert_eq!(cols_on(3, pos(3, 5), pos(3, 9)), Some((5, 9)));
        assert_eq!(cols_on(4, pos(3, 5), pos(5, 2)), Some((1, usize::MAX)));
        assert_eq!(cols_on(3, pos(3, 5), pos(5, 2)), Some((5, usize::MAX)));
        assert_eq!(cols_on(2, pos(3, 5), pos(3, 9)), None);
        assert_eq!(overlap((5, 9), (8, 20)), 1);
        assert_eq!(overlap((5, 9), (9, 20)), 0);
    }

    #[test]
    fn resolved_values_compare_in_the_labels_notation() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        let day = Resolved::Day(d("2019-01-03"));
        let week = Resolved::Range(d("2019-01-07"), d("2019-01-13"));
        assert!(date_right("2019-01-03", Some(Some(&day))));
        assert!(date_right("2019-01-03..2019-01-03", Some(Some(&day))));
        assert!(date_right("2019-01-07..2019-01-13", Some(Some(&week))));
        assert!(!date_right("2019-01-07..2019-01-12", Some(Some(&week))));
        assert!(!date_right("2019-01-03", Some(None)));
        assert!(
            !date_right("2019-01-03", None),
            "a mention not found is wrong"
        );
        assert!(date_right("unresolvable", Some(None)));
        assert!(date_right("unresolvable", None));
        assert!(!date_right("unresolvable", Some(Some(&day))));
    }

    fn label(line: usize, col: usize, text: &str) -> Label {
        Label {
            path: "s.md".into(),
            line,
            col,
            text: text.into(),
            kind: Some("full".into()),
            attributed: Some("yes".into()),
            source_type: None,
            label: None,
            resolved: None,
            in_quote: None,
        }
    }

    fn found(line: usize, start: usize, end: usize) -> Found {
        Found {
            rule: "r".into(),
            start: pos(line, start),
            end: pos(line, end),
            text: String::new(),
            message: String::new(),
        }
    }

    #[test]
    fn quote_findings_match_the_nearest_label() {
        let a = label(5, 2, "We will rebuild");
        let b = label(5, 60, "The pier is gone");
        let labels = [&a, &b];
        // At the opening mark, one column before the first word.
        assert_eq!(quote_match(&labels, &found(5, 1, 40)).map(|m| m.0), Some(0));
        assert_eq!(
            quote_match(&labels, &found(5, 59, 90)).map(|m| m.0),
            Some(1)
        );
        // A finding covering both starts nearer the first.
        assert_eq!(quote_match(&labels, &found(5, 1, 90)).map(|m| m.0), Some(0));
        assert!(quote_match(&labels, &found(6, 1, 40)).is_none());
        assert!(quote_match(&labels, &found(5, 20, 40)).is_none());
    }

    #[test]
    fn overlap_matches_the_largest_overlap() {
        let a = label(2, 10, "officials said");
        let b = label(2, 30, "reportedly");
        let labels = [&a, &b];
        assert_eq!(
            by_overlap(&labels, pos(2, 20), pos(2, 35)).map(|m| m.0),
            Some(1)
        );
        assert!(by_overlap(&labels, pos(2, 1), pos(2, 10)).is_none());
    }
}
