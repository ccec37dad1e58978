//! copydesk: an editorial lint checker for news copy.
//!
//! The core (`document`, `lexicon`, `config`, `rules`, `diagnostic`, `fix`) is pure: it takes text and returns
//! findings with byte spans. Reading files, printing and editor protocols live at the edges.

#![warn(missing_docs)]

pub mod baseline;
pub mod batch;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod emit;
pub mod fix;
pub mod lexicon;
pub mod lsp;
mod narrow;
pub mod rules;
mod shared_regex;
pub mod source;
pub mod span;
pub mod suppress;

use diagnostic::Diagnostic;
use document::Document;
use rules::Ruleset;

/// Checks one parsed document against a ruleset, returning findings in a stable order.
pub fn lint(doc: &Document, ruleset: &Ruleset) -> Vec<Diagnostic> {
    ruleset.check(doc)
}
