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
            message: message.into(),
        }
    }
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
            rule: rule.into(),
            severity,
            message: message.into(),
            primary: Label::new(span, ""),
            secondary: Vec::new(),
            notes: Vec::new(),
            fix: None,
        }
    }

    /// Sets the primary label's message.
    pub fn with_label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label::new(span, message));
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the suggested fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
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
