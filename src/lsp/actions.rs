//! Code actions: a quick fix for each finding's [`Fix`](crate::fix::Fix) (the safe ones preferred),
//! and "Disable RULE for this line", which inserts a suppression comment on the line above.

use super::convert::{self, Placed};
use crate::diagnostic::Diagnostic;
use crate::document::Format;
use crate::fix::Applicability;
use crate::span::Span;
use gen_lsp_types as lsp;
use std::collections::HashMap;

/// The suppression comment that disables `rule` for the next line, in the story's own syntax:
/// an HTML comment in Markdown, a `#` line in plain text.
pub fn suppression_comment(format: Format, rule: &str) -> String {
    match format {
        Format::Markdown => format!("<!-- copydesk-disable-next-line {rule} -->"),
        Format::Plain => format!("# copydesk-disable-next-line {rule}"),
    }
}

/// The document the actions edit.
pub struct Target<'a> {
    /// Where the text is and how to place positions in it.
    pub at: Placed<'a>,
    /// The version the findings were made on; edits name it, so a client applies them only to
    /// that text.
    pub version: i32,
    /// How the story is read, for the comment syntax.
    pub format: Format,
    /// Rule links, for the diagnostics the actions resolve.
    pub links: &'a HashMap<String, String>,
    /// Whether the client takes versioned `documentChanges` (else plain `changes`).
    pub document_changes: bool,
}

/// The actions for the findings whose span touches `wanted`: the fixes first (preferred ones
/// first), then one "disable" action per rule and line.
pub fn code_actions(
    findings: &[Diagnostic],
    wanted: Span,
    target: &Target<'_>,
) -> Vec<lsp::CodeAction> {
    let touching: Vec<&Diagnostic> = findings
        .iter()
        .filter(|d| d.primary.span.start <= wanted.end && wanted.start <= d.primary.span.end)
        .collect();
    let mut fixes = Vec::new();
    let mut disables = Vec::new();
    let mut disabled: Vec<(usize, &str)> = Vec::new();
    for d in touching {
        let shown = convert::diagnostic(d, &target.at, target.links);
        if let Some(fix) = &d.fix {
            let safe = fix.applicability == Applicability::Safe;
            let mut title = capitalise(&fix.description);
            if !safe {
                title.push_str(" (check the sentence)");
            }
            let edits = fix
                .edits
                .iter()
                .map(|e| lsp::TextEdit {
                    range: target.at.range(e.span),
                    new_text: e.replacement.clone(),
                })
                .collect();
            fixes.push(lsp::CodeAction {
                title,
                kind: Some(lsp::CodeActionKind::QuickFix),
                diagnostics: Some(vec![shown.clone()]),
                is_preferred: Some(safe),
                edit: Some(workspace_edit(target, edits)),
                ..Default::default()
            });
        }
        let line = target.at.lines.line_of(d.primary.span.start);
        if !disabled.contains(&(line, d.rule.as_str())) {
            disabled.push((line, &d.rule));
            disables.push(lsp::CodeAction {
                title: format!("Disable {} for this line", d.rule),
                kind: Some(lsp::CodeActionKind::QuickFix),
                diagnostics: Some(vec![shown]),
                is_preferred: Some(false),
                edit: Some(workspace_edit(
                    target,
                    vec![disable_edit(target, line, &d.rule)],
                )),
                ..Default::default()
            });
        }
    }
    fixes.sort_by_key(|a: &lsp::CodeAction| a.is_preferred != Some(true));
    fixes.extend(disables);
    fixes
}

/// Inserts the suppression comment as a line of its own above `line`, inside the same block quote
/// and at the same indentation, with the line ending the text uses.
fn disable_edit(target: &Target<'_>, line: usize, rule: &str) -> lsp::TextEdit {
    let text = target.at.text;
    let mut start = target.at.lines.line_start(text, line);
    if start == 0 && text.starts_with(crate::source::BOM) {
        start = crate::source::BOM.len();
    }
    let rest = &text[start..];
    let content = rest.split(['\n', '\r']).next().unwrap_or("");
    let prefix_len = match target.format {
        // Indentation and block-quote markers: `> > ` keeps the comment in the quote.
        Format::Markdown => content.len() - content.trim_start_matches([' ', '\t', '>']).len(),
        Format::Plain => content.len() - content.trim_start_matches([' ', '\t']).len(),
    };
    let newline = if rest[content.len()..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let position = target.at.lines.position(text, start, target.at.encoding);
    lsp::TextEdit {
        range: lsp::Range {
            start: position,
            end: position,
        },
        new_text: format!(
            "{}{}{newline}",
            &content[..prefix_len],
            suppression_comment(target.format, rule)
        ),
    }
}

fn workspace_edit(target: &Target<'_>, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    let uri = lsp::Uri(target.at.uri.to_string());
    if target.document_changes {
        lsp::WorkspaceEdit {
            document_changes: Some(vec![lsp::DocumentChange::TextDocumentEdit(
                lsp::TextDocumentEdit {
                    text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                        version: Some(target.version),
                        text_document_identifier: lsp::TextDocumentIdentifier { uri },
                    },
                    edits: edits.into_iter().map(lsp::Edit::TextEdit).collect(),
                },
            )]),
            ..Default::default()
        }
    } else {
        lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri, edits)])),
            ..Default::default()
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::fix::Fix;
    use crate::lsp::convert::{Encoding, LineMap};

    fn actions_for(text: &str, format: Format, needle: &str) -> Vec<lsp::CodeAction> {
        let start = text.find(needle).unwrap();
        let span = Span::new(start, start + needle.len());
        let d = Diagnostic::new("style.usage", Severity::Warning, "no", span).with_fix(
            Fix::replace("write 'a lot'", Applicability::Safe, span, "a lot"),
        );
        let lines = LineMap::new(text);
        let links = HashMap::new();
        let target = Target {
            at: Placed {
                uri: "file:///s.md",
                text,
                lines: &lines,
                encoding: Encoding::Utf16,
            },
            version: 3,
            format,
            links: &links,
            document_changes: false,
        };
        code_actions(&[d], Span::new(start, start), &target)
    }

    fn inserted(action: &lsp::CodeAction) -> (lsp::Position, String) {
        let edit = action.edit.as_ref().unwrap().changes.as_ref().unwrap();
        let e = &edit.values().next().unwrap()[0];
        (e.range.start, e.new_text.clone())
    }

    #[test]
    fn the_fix_is_preferred_and_the_disable_comment_goes_above_inside_the_quote() {
        let text = "# Head\r\n\r\n> > It took alot of work.\r\n";
        let actions = actions_for(text, Format::Markdown, "alot");
        assert_eq!(actions.len(), 2);
        assert_eq!(actions[0].title, "Write 'a lot'");
        assert_eq!(actions[0].is_preferred, Some(true));
        assert_eq!(actions[1].title, "Disable style.usage for this line");
        let (at, new_text) = inserted(&actions[1]);
        assert_eq!((at.line, at.character), (2, 0));
        assert_eq!(
            new_text,
            "> > <!-- copydesk-disable-next-line style.usage -->\r\n"
        );
    }

    #[test]
    fn plain_text_uses_its_own_comment() {
        let actions = actions_for("Head\n\n  It took alot.\n", Format::Plain, "alot");
        let (at, new_text) = inserted(&actions[1]);
        assert_eq!((at.line, at.character), (2, 0));
        assert_eq!(new_text, "  # copydesk-disable-next-line style.usage\n");
    }
}
