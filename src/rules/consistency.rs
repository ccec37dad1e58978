//! `consistency` rules: variants of one thing that must not both appear in one story.

use super::{Rule, RuleMeta, interpolate};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;
use regex::Regex;

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
