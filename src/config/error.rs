//! Errors in a configuration, located in its TOML text so they can be drawn over it.

use crate::span::Span;

/// One problem in a TOML file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// What is wrong.
    pub message: String,
    /// Where, if known.
    pub span: Option<Span>,
    /// What the label under the span says.
    pub label: String,
    /// Hints such as "did you mean …".
    pub notes: Vec<String>,
    /// Which file of a layered configuration (`extend`) it is in, as an index into
    /// [`crate::config::Config::files`] (outermost first); 0 for a single file.
    pub file: usize,
}

impl ConfigError {
    /// An error at a span.
    pub fn at(span: impl Into<Option<Span>>, message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
            span: span.into(),
            label: String::new(),
            notes: Vec::new(),
            file: 0,
        }
    }

    /// Places the error in file `file` of a layered configuration.
    pub fn in_file(mut self, file: usize) -> Self {
        self.file = file;
        self
    }

    /// Sets the label under the span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// From a TOML parse or schema error.
    pub fn from_toml(e: &toml::de::Error) -> Self {
        let message = e.message().trim().to_string();
        let (first, rest) = message.split_once('\n').unwrap_or((&message, ""));
        let mut err = ConfigError::at(e.span().map(Span::from), first.to_string());
        if !rest.trim().is_empty() {
            err = err.note(rest.trim().to_string());
        }
        err
    }
}
