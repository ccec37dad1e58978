//! A baseline: the findings an archive already had when copydesk was adopted, recorded so that a
//! run reports only new ones. An entry is keyed by the story's path, the rule and the text the
//! finding covers (white space folded), never by its line, so that an edit elsewhere in a story
//! does not bring a recorded finding back; identical findings are counted (two need two entries).
//!
//! The file is JSON, one entry a line, sorted, so that its diff in review says what changed:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"path":"desk/fire.md","rule":"style.usage","text":"alot"}
//!   ]
//! }
//! ```
//!
//! No I/O happens here: the caller reads and writes the file and says how a report's path is
//! written in it ([`Baseline::apply`] and [`Baseline::of`] take that as a function).

use crate::batch::FileReport;
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// What identifies a finding across edits: where, which rule, and the text it covers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    /// The story's path as the baseline writes it (relative to the baseline's folder, `/`
    /// separators).
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// The text the finding covers, white space folded to single spaces.
    pub text: String,
}

impl Key {
    /// The key of a finding in a story whose path the baseline writes as `path`.
    pub fn of(path: &str, source: &Source, d: &Diagnostic) -> Key {
        let covered = source.text.get(d.primary.span.range()).unwrap_or("");
        Key {
            path: path.to_string(),
            rule: d.rule.clone(),
            text: covered.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }
}

/// Recorded findings, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

/// What applying a baseline did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings left out because the baseline records them.
    pub hidden: usize,
    /// Entries for the stories checked that matched no finding (fixed since, or edited away).
    pub stale: usize,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Key>,
}

impl Baseline {
    /// The findings of `reports`, each story's path written as `path_of` says.
    pub fn of(reports: &[FileReport], path_of: impl Fn(&str) -> String) -> Baseline {
        let mut counts = BTreeMap::new();
        for r in reports {
            let path = path_of(&r.source.name);
            for d in &r.diagnostics {
                *counts.entry(Key::of(&path, &r.source, d)).or_insert(0) += 1;
            }
        }
        Baseline { counts }
    }

    /// Reads a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.version != VERSION {
            return Err(format!(
                "version {} is not one this copydesk reads (it reads version {VERSION})",
                file.version
            ));
        }
        let mut counts = BTreeMap::new();
        for key in file.findings {
            *counts.entry(key).or_insert(0) += 1;
        }
        Ok(Baseline { counts })
    }

    /// The baseline file's text: one entry a line, sorted; a finding recorded twice is written
    /// twice.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\n  \"version\": {VERSION},\n  \"findings\": [");
        let mut first = true;
        for (key, &n) in &self.counts {
            let line = serde_json::to_string(key).expect("a key is JSON");
            for _ in 0..n {
                out.push_str(if first { "\n    " } else { ",\n    " });
                out.push_str(&line);
                first = false;
            }
        }
        out.push_str(if first { "]\n}\n" } else { "\n  ]\n}\n" });
        out
    }

    /// How many findings it records.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    /// Whether it records nothing.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// How many stories it has findings for.
    pub fn stories(&self) -> usize {
        self.counts
            .keys()
            .map(|k| k.path.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// Leaves out of `reports` the findings the baseline records, as many of each as it counts
    /// (the first ones of a story, in order).
    pub fn apply(&self, reports: &mut [FileReport], path_of: impl Fn(&str) -> String) -> Applied {
        let mut left = self.counts.clone();
        let mut hidden = 0;
        let mut checked = BTreeSet::new();
        for r in reports.iter_mut() {
            let path = path_of(&r.source.name);
            let source = &r.source;
            r.diagnostics.retain(|d| {
                let key = Key::of(&path, source, d);
                match left.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        hidden += 1;
                        false
                    }
                    _ => true,
                }
            });
            checked.insert(path);
        }
        let stale = left
            .iter()
            .filter(|(k, _)| checked.contains(&k.path))
            .map(|(_, n)| n)
            .sum();
        Applied { hidden, stale }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::span::Span;

    fn report(name: &str, text: &str, found: &[(&str, &str)]) -> FileReport {
        let source = Source::new(name, text);
        let diagnostics = found
            .iter()
            .map(|(rule, what)| {
                let at = text.find(what).unwrap();
                Diagnostic::new(
                    *rule,
                    Severity::Warning,
                    "m",
                    Span::new(at, at + what.len()),
                )
            })
            .collect();
        FileReport {
            source,
            diagnostics,
            anchor: None,
        }
    }

    #[test]
    fn round_trip_and_duplicates_are_counted() {
        let text = "It took alot.\n\nIt took alot.\n";
        let mut r = report("a.md", text, &[("style.usage", "alot")]);
        let second = text.rfind("alot").unwrap();
        r.diagnostics.push(Diagnostic::new(
            "style.usage",
            Severity::Warning,
            "m",
            Span::new(second, second + 4),
        ));
        let baseline = Baseline::of(std::slice::from_ref(&r), |n| n.to_string());
        let json = baseline.to_json();
        assert_eq!(
            json,
            "{\n  \"version\": 1,\n  \"findings\": [\n    \
             {\"path\":\"a.md\",\"rule\":\"style.usage\",\"text\":\"alot\"},\n    \
             {\"path\":\"a.md\",\"rule\":\"style.usage\",\"text\":\"alot\"}\n  ]\n}\n"
        );
        assert_eq!(Baseline::parse(&json).unwrap(), baseline);
        assert_eq!(baseline.len(), 2);
        // A third finding of the same text is new.
        let text3 = "It took alot.\n\nIt took alot.\n\nAlso alot.\n";
        let mut reports = vec![report("a.md", text3, &[])];
        for (i, _) in text3.match_indices("alot") {
            reports[0].diagnostics.push(Diagnostic::new(
                "style.usage",
                Severity::Warning,
                "m",
                Span::new(i, i + 4),
            ));
        }
        let applied = baseline.apply(&mut reports, |n| n.to_string());
        assert_eq!(
            applied,
            Applied {
                hidden: 2,
                stale: 0
            }
        );
        assert_eq!(reports[0].diagnostics.len(), 1);
    }

    #[test]
    fn lines_do_not_matter_and_white_space_is_folded() {
        let before = report(
            "a.md",
            "Intro.\n\nThe  end\nresult.\n",
            &[("style.redundancy", "end\nresult")],
        );
        let baseline = Baseline::of(&[before], |n| n.to_string());
        let mut after = vec![report(
            "a.md",
            "A new intro.\n\nMore.\n\nThe end result.\n",
            &[("style.redundancy", "end result")],
        )];
        let applied = baseline.apply(&mut after, |n| n.to_string());
        assert_eq!(applied.hidden, 1);
        assert!(after[0].diagnostics.is_empty());
    }

    #[test]
    fn stale_entries_count_only_for_stories_checked() {
        let baseline = Baseline::of(
            &[
                report("a.md", "alot", &[("style.usage", "alot")]),
                report("b.md", "alot", &[("style.usage", "alot")]),
            ],
            |n| n.to_string(),
        );
        let mut now = vec![report("a.md", "fixed", &[])];
        let applied = baseline.apply(&mut now, |n| n.to_string());
        assert_eq!(
            applied,
            Applied {
                hidden: 0,
                stale: 1
            }
        );
        assert_eq!(
            Baseline::default().to_json(),
            "{\n  \"version\": 1,\n  \"findings\": []\n}\n"
        );
        assert!(Baseline::parse("{\"version\": 2, \"findings\": []}").is_err());
    }
}
