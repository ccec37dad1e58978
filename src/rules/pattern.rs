//! `pattern` rules: a regex, or a list of phrases matched on word boundaries.

use super::compile::{Built, Compiled, Table};
use super::{Rule, RuleMeta, interpolate};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::Fix;
pub use crate::lexicon::phrases_to_regex;
use crate::span::Span;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

/// The options of a `pattern` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    /// A regex.
    pattern: Option<Spanned<String>>,
    /// Or phrases, matched on word boundaries.
    phrases: Option<Spanned<Vec<String>>>,
    /// Match case exactly (phrases are case-insensitive by default).
    case_sensitive: Option<bool>,
}

/// Compiles a `pattern` rule.
pub(super) fn build(table: Table<'_>) -> Compiled {
    let o: Options = table.options(&[])?;
    let (source, span) = pattern_source(&table, o.pattern, o.phrases, o.case_sensitive)?;
    let regex = table.regex(&source, span).map_err(|e| vec![e])?;
    Ok(Built::Pattern(Box::new(PatternRule::new(
        table.meta, regex,
    ))))
}

/// The regex source of a rule that takes exactly one of `pattern` or `phrases`.
pub(super) fn pattern_source(
    table: &Table<'_>,
    pattern: Option<Spanned<String>>,
    phrases: Option<Spanned<Vec<String>>>,
    case_sensitive: Option<bool>,
) -> Result<(String, Span), Vec<ConfigError>> {
    match (pattern, phrases) {
        // An empty pattern matches between every two characters: a finding per byte, or none.
        (Some(p), None) if p.get_ref().is_empty() => Err(vec![
            ConfigError::at(
                Span::from(p.span()),
                format!("rule `{}` has an empty `pattern`", table.meta.id),
            )
            .label("matches nothing but the empty string")
            .note("give the words or the regex to flag"),
        ]),
        (None, Some(ph)) if ph.get_ref().iter().any(|w| w.trim().is_empty()) => Err(vec![
            ConfigError::at(
                Span::from(ph.span()),
                format!("rule `{}` has an empty phrase in `phrases`", table.meta.id),
            )
            .label("an empty phrase would match between every two characters"),
        ]),
        (Some(p), None) => Ok((p.get_ref().clone(), Span::from(p.span()))),
        (None, Some(ph)) => Ok((
            phrases_to_regex(ph.get_ref(), case_sensitive.unwrap_or(false)),
            Span::from(ph.span()),
        )),
        _ => Err(vec![
            table
                .error("needs exactly one of `pattern` or `phrases`")
                .label(format!("a {} rule", table.meta.kind)),
        ]),
    }
}

/// Flags every match of a regex in the blocks of its scope.
#[derive(Debug)]
pub struct PatternRule {
    meta: RuleMeta,
    regex: Regex,
}

impl PatternRule {
    /// A rule from its metadata and compiled regex.
    pub fn new(meta: RuleMeta, regex: Regex) -> Self {
        PatternRule { meta, regex }
    }

    /// The compiled regex.
    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// Checks the prose `text` of one block that starts at byte `offset`.
    pub fn check_block(&self, text: &str, offset: usize, out: &mut Vec<Diagnostic>) {
        for m in self.regex.find_iter(text) {
            let found = m.as_str().trim();
            if found.is_empty() {
                continue;
            }
            let lead = m.as_str().len() - m.as_str().trim_start().len();
            let span = Span::new(m.start() + lead, m.start() + lead + found.len()).shift(offset);
            let message = interpolate(&self.meta.message, &[("match", found)]);
            let mut d = self.meta.diagnostic(message, span);
            // The rule offers to delete its match (residue that is clearly not story text) only
            // when it declares how sure that is (`fix = "…"`).
            if let Some(applicability) = self.meta.fix {
                d = d.with_fix(Fix::delete(
                    format!("delete '{found}'"),
                    applicability,
                    span,
                ));
            }
            out.push(d);
        }
    }
}

impl Rule for PatternRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        for block in doc.blocks.iter().filter(|b| self.meta.reads(b.kind)) {
            self.check_block(doc.prose_of(block.span), block.span.start, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_word_bounded_where_words_are() {
        let re = Regex::new(&phrases_to_regex(
            &["TK".into(), "[link]".into(), "read  more".into()],
            false,
        ))
        .unwrap();
        assert!(re.is_match("the TK here"));
        assert!(!re.is_match("Atkins"));
        assert!(re.is_match("see[link]now"));
        assert!(re.is_match("Read\nmore"));
    }
}
