//! `suppression`: the kind of `copydesk.unused-suppression`, copydesk's finding about its own
//! suppression comments. Whether a comment suppressed anything is known only once every other rule
//! has run, so the check itself is [`crate::suppress`], applied by the batch after the rules; the
//! rule here carries what every rule has (id, severity, message, why, examples), so that the
//! listings, `explain`, the report formats and `[rules]` settings treat it like any other.

use super::compile::{Built, Compiled, Table};
use super::{Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::suppress::UNUSED_SUPPRESSION;
use serde::Deserialize;

/// No options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {}

/// Compiles the `suppression` rule; only copydesk's own rule is of this kind.
pub(super) fn build(table: Table<'_>) -> Compiled {
    let _: Options = table.options(&[])?;
    if table.meta.id != UNUSED_SUPPRESSION {
        return Err(vec![
            table
                .error(format!(
                    "kind `suppression` is copydesk's own: only `{UNUSED_SUPPRESSION}` has it"
                ))
                .label("not a kind for a newsroom's rule"),
        ]);
    }
    Ok(Built::Other(Box::new(SuppressionRule { meta: table.meta })))
}

/// `copydesk.unused-suppression`: its findings are made by [`crate::suppress`].
#[derive(Debug)]
pub struct SuppressionRule {
    meta: RuleMeta,
}

impl Rule for SuppressionRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, _doc: &Document, _out: &mut Vec<Diagnostic>) {}
}
