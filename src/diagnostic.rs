//! A finding: what a rule reports, with byte spans, before anyone decides how to print it.

use crate::fix::Fix;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Should be looked at before publication.
    Warning,
    /// Must be fixed before publication.
    Error,
}

impl Severity {
    /// The lowercase name used in configs and output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a lowercase name.
    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A span with a message, drawn under the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say there (may be empty).
    pub message: String,
}

impl Label {
    /// A label with a message.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: tight(message.into()),
        }
    }
}

/// `s` without the room its building left: a long story holds hundreds of thousands of findings,
/// each with a few strings (a `format!` or a template leaves up to half of one unused).
fn tight(mut s: String) -> String {
    s.shrink_to_fit();
    s
}

/// Pushes onto a list of a finding's extras without the room for four that a first push makes
/// (most findings have one secondary label or one note).
fn push_exact<T>(list: &mut Vec<T>, item: T) {
    list.reserve_exact(1);
    list.push(item);
}

/// One finding of one rule in one story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's id, `pack.rule-name`.
    pub rule: String,
    /// How serious it is (after config overrides).
    pub severity: Severity,
    /// One line saying what is wrong.
    pub message: String,
    /// The exact span at fault.
    pub primary: Label,
    /// Related places (the earlier mention, the first copy …).
    pub secondary: Vec<Label>,
    /// Extra lines of explanation.
    pub notes: Vec<String>,
    /// A suggested edit, if there is one.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding with a primary span and no extras.
    pub fn new(
        rule: impl Into<String>,
        severity: Severity,
        message: impl Into<String>,
        span: Span,
    ) -> Self {
        Diagnostic {
            rule: tight(rule.into()),
            severity,
            message: tight(message.into()),
            primary: Label::new(span, ""),
            secondary: Vec::new(),
            notes: Vec::new(),
            fix: None,
        }
    }

    /// Sets the primary label's message.
    pub fn with_label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = tight(message.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        push_exact(&mut self.secondary, Label::new(span, message));
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        push_exact(&mut self.notes, tight(note.into()));
        self
    }

    /// Sets the suggested fix.
    pub fn with_fix(mut self, mut fix: Fix) -> Self {
        fix.description.shrink_to_fit();
        fix.edits.shrink_to_fit();
        for edit in &mut fix.edits {
            edit.replacement.shrink_to_fit();
        }
        self.fix = Some(fix);
        self
    }

    /// The key findings are sorted by: position, then rule.
    pub fn sort_key(&self) -> (usize, usize, &str, &str) {
        (
            self.primary.span.start,
            self.primary.span.end,
            &self.rule,
            &self.message,
        )
    }
}

/// Sorts findings by [`Diagnostic::sort_key`], stably, as `sort_by` would, without its scratch
/// copy of half the findings: the order is found over their indices (4 bytes each) and the
/// findings are then moved into it in place. A long story has hundreds of thousands of findings
/// of some 200 bytes each.
pub fn sort_findings(findings: &mut [Diagnostic]) {
    let Ok(n) = u32::try_from(findings.len()) else {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        return;
    };
    if findings.is_sorted_by(|a, b| a.sort_key() <= b.sort_key()) {
        return;
    }
    let mut order: Vec<u32> = (0..n).collect();
    order.sort_by(|&a, &b| {
        findings[a as usize]
            .sort_key()
            .cmp(&findings[b as usize].sort_key())
    });
    // `order[i]` names the finding that belongs at `i`; each cycle of the permutation is walked
    // once, and a place is marked done (`u32::MAX`) as it is filled.
    for start in 0..findings.len() {
        let mut at = start;
        loop {
            let from = order[at];
            if from == u32::MAX {
                break;
            }
            order[at] = u32::MAX;
            let from = from as usize;
            if from == start {
                break;
            }
            findings.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_sort_stably_in_place() {
        let spans = [
            (5, 6),
            (1, 2),
            (5, 6),
            (0, 9),
            (1, 2),
            (3, 4),
            (5, 6),
            (0, 1),
        ];
        let mut findings: Vec<Diagnostic> = spans
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| {
                Diagnostic::new("r", Severity::Info, "m", Span::new(s, e)).with_note(i.to_string())
            })
            .collect();
        let mut expected = findings.clone();
        expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        sort_findings(&mut findings);
        assert_eq!(findings, expected);
        assert_ne!(findings[0].notes, ["0"]);
    }
}
