//! `front-matter`: the kind of `document.front-matter`, the warning drawn over front matter that
//! could not be read (a YAML error, a duplicate TOML key) or a date field that is not a date. The
//! story is then checked without its title, date or byline, and its findings may depend on them;
//! as an ordinary rule it can still be turned off, given another severity, selected, ignored and
//! suppressed like any other.

use super::compile::{Built, Compiled, Table};
use super::{FRONT_MATTER, Rule, RuleMeta, abbreviate};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::span::Span;
use serde::Deserialize;

/// No options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {}

/// Compiles the `front-matter` rule; only copydesk's own rule is of this kind.
pub(super) fn build(table: Table<'_>) -> Compiled {
    let _: Options = table.options(&[])?;
    if table.meta.id != FRONT_MATTER {
        return Err(vec![
            table
                .error(format!(
                    "kind `front-matter` is copydesk's own: only `{FRONT_MATTER}` has it"
                ))
                .label("not a kind for a newsroom's rule"),
        ]);
    }
    Ok(Built::Other(Box::new(FrontMatterRule { meta: table.meta })))
}

/// `document.front-matter`.
#[derive(Debug)]
pub struct FrontMatterRule {
    meta: RuleMeta,
}

impl Rule for FrontMatterRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let Some(fm) = &doc.front_matter else {
            return;
        };
        let text = &doc.source.text;
        if let Some((message, at)) = &fm.error {
            // The line the parser stopped on, within the block.
            let index = &doc.source.line_index;
            let at = at.start.clamp(fm.span.start, fm.span.end);
            let line = index.line_span(text, index.line_of(at));
            let span = Span::new(line.start.max(fm.span.start), line.end.min(fm.span.end));
            let span = if span.is_empty() { fm.span } else { span };
            let default = format!(
                "the front matter could not be read: {}",
                without_location(message)
            );
            out.push(
                self.meta
                    .finding(doc, default, span)
                    .with_label("the parser stopped here")
                    .with_note(
                        "the rest of the story was checked without its front matter: its title, \
                         date and byline were not read",
                    ),
            );
        }
        if let Some((key, span)) = doc.dates().invalid {
            let default = format!(
                "front matter `{key}` is not a date: `{}`",
                abbreviate(&text[span.range()], 40, 37)
            );
            out.push(
                self.meta
                    .finding(doc, default, span)
                    .with_label("expected YYYY-MM-DD")
                    .with_note("relative dates in the story cannot be resolved from it"),
            );
        }
    }
}

/// A parser's message without its own "error: line 2 column 5: " prefix: its lines count from
/// the front matter's first line, and the finding already says where it is in the file.
fn without_location(message: &str) -> &str {
    let m = message.strip_prefix("error: ").unwrap_or(message);
    let Some(rest) = m.strip_prefix("line ") else {
        return m;
    };
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match rest.split_once(": ") {
        Some((at, after))
            if at
                .split_once(" column ")
                .is_some_and(|(l, c)| number(l) && number(c)) =>
        {
            after
        }
        _ => m,
    }
}
