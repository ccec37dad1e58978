//! Suggested edits. A fix is data; applying it is a pure function over text.

use crate::span::Span;
use serde::Serialize;

/// Whether a fix may be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Meaning is kept; `--fix` applies it.
    Safe,
    /// The sentence may need rewording; applied only on request.
    Unsafe,
}

/// One replacement of a byte range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace.
    pub span: Span,
    /// What to put there.
    pub replacement: String,
}

/// A suggested fix: a description and non-overlapping edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Shown as `help:`.
    pub description: String,
    /// Whether `--fix` may apply it unasked.
    pub applicability: Applicability,
    /// The edits, in any order.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix replacing one span.
    pub fn replace(
        description: impl Into<String>,
        applicability: Applicability,
        span: Span,
        with: impl Into<String>,
    ) -> Self {
        Fix {
            description: description.into(),
            applicability,
            edits: vec![Edit {
                span,
                replacement: with.into(),
            }],
        }
    }

    /// A fix deleting one span.
    pub fn delete(
        description: impl Into<String>,
        applicability: Applicability,
        span: Span,
    ) -> Self {
        Fix::replace(description, applicability, span, "")
    }
}

/// Applies the edits of `fixes` to `text`, skipping any edit that overlaps one already taken.
/// Returns the new text and how many fixes were applied whole.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let clashes = fix.edits.iter().any(|e| {
            taken
                .iter()
                .any(|t| t.span.overlaps(e.span) || (t.span == e.span))
        });
        if !clashes {
            taken.extend(fix.edits.iter());
            applied += 1;
        }
    }
    taken.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in taken {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_non_overlapping_edits_only() {
        let a = Fix::replace("a", Applicability::Safe, Span::new(0, 3), "One");
        let b = Fix::replace("b", Applicability::Safe, Span::new(1, 2), "X");
        let c = Fix::delete("c", Applicability::Safe, Span::new(3, 7));
        let (out, n) = apply("one two three", &[&a, &b, &c]);
        assert_eq!(out, "One three");
        assert_eq!(n, 2);
    }
}
