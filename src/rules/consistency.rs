//! `consistency` rules: variants of one thing that must not both appear in one story.

use super::compile::{Built, Compiled, Table};
use super::pattern::phrases_to_regex;
use super::{Rule, RuleMeta, interpolate};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

/// The options of a `consistency` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    /// The variants: at least two.
    variant: Spanned<Vec<RawVariant>>,
    /// Match case exactly (phrases are case-insensitive by default).
    case_sensitive: Option<bool>,
}

/// One `[[rule.variant]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    /// How it is named in messages.
    name: String,
    /// A regex.
    pattern: Option<Spanned<String>>,
    /// Or phrases.
    phrases: Option<Vec<String>>,
}

/// Compiles a `consistency` rule.
pub(super) fn build(table: Table<'_>) -> Compiled {
    let o: Options = table.options(&[])?;
    let list_span = Span::from(o.variant.span());
    if o.variant.get_ref().len() < 2 {
        return Err(vec![
            ConfigError::at(
                list_span,
                format!(
                    "rule `{}` needs at least two `[[rule.variant]]` tables",
                    table.meta.id
                ),
            )
            .label("a consistency rule"),
        ]);
    }
    let mut variants = Vec::new();
    let mut errors = Vec::new();
    for v in o.variant.into_inner() {
        let (pattern, span) = match (&v.pattern, &v.phrases) {
            (Some(p), None) => (p.get_ref().clone(), Span::from(p.span())),
            (None, Some(ph)) => (
                phrases_to_regex(ph, o.case_sensitive.unwrap_or(false)),
                list_span,
            ),
            _ => {
                errors.push(table.error(format!(
                    "variant `{}` needs exactly one of `pattern` or `phrases`",
                    v.name
                )));
                continue;
            }
        };
        match table.regex(&pattern, span) {
            Ok(regex) => variants.push(Variant {
                name: v.name,
                regex,
            }),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Built::Other(Box::new(ConsistencyRule::new(
        table.meta, variants,
    ))))
}

/// One accepted way of writing the thing.
#[derive(Debug)]
pub struct Variant {
    /// How the variant is named in messages.
    pub name: String,
    /// What it looks like.
    pub regex: Regex,
}

/// The first variant a story uses sets its style; every use of another variant is flagged.
#[derive(Debug)]
pub struct ConsistencyRule {
    meta: RuleMeta,
    variants: Vec<Variant>,
}

impl ConsistencyRule {
    /// A rule from its metadata and its variants.
    pub fn new(meta: RuleMeta, variants: Vec<Variant>) -> Self {
        ConsistencyRule { meta, variants }
    }
}

impl Rule for ConsistencyRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        // (span, variant index) of every use, in document order.
        let mut uses: Vec<(Span, usize)> = Vec::new();
        for block in doc.blocks.iter().filter(|b| self.meta.reads(b.kind)) {
            let text = self.meta.text_of(doc, block.span);
            for (i, v) in self.variants.iter().enumerate() {
                uses.extend(
                    v.regex
                        .find_iter(text)
                        .map(|m| (Span::from(m.range()).shift(block.span.start), i)),
                );
            }
        }
        uses.sort();
        let Some(&(first_span, first)) = uses.first() else {
            return;
        };
        for &(span, i) in uses.iter().filter(|(_, i)| *i != first) {
            let found = doc.text_of(span);
            let message = interpolate(
                &self.meta.message,
                &[
                    ("match", found),
                    ("variant", &self.variants[i].name),
                    ("first", &self.variants[first].name),
                ],
            );
            out.push(
                self.meta
                    .diagnostic(message, span)
                    .with_label(format!("{} here", self.variants[i].name))
                    .with_secondary(
                        first_span,
                        format!("the story first uses {} here", self.variants[first].name),
                    ),
            );
        }
    }
}
