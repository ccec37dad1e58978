//! Suggested edits. A fix is data; applying it is a pure function over text.
//!
//! Every fix says how sure it is ([`Applicability`]): `copydesk check --fix` applies the safe
//! ones, `--unsafe-fixes` adds the unsafe ones, and suggestions are only ever shown. [`converge`]
//! applies fixes round by round until a re-check finds nothing more to apply; the caller supplies
//! the check, so this module stays free of I/O.

use crate::diagnostic::Diagnostic;
use crate::source::BOM;
use crate::span::Span;
use serde::Serialize;

/// Whether a fix may be applied without a person looking at it. Ordered from the surest:
/// `Safe < Unsafe < Suggestion`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Meaning is kept; `--fix` applies it.
    Safe,
    /// The sentence may need rewording, or the fix may be the wrong half; applied only with
    /// `--unsafe-fixes`.
    Unsafe,
    /// Shown to a person, never applied.
    Suggestion,
}

impl Applicability {
    /// Every value, surest first.
    pub const ALL: [Applicability; 3] = [
        Applicability::Safe,
        Applicability::Unsafe,
        Applicability::Suggestion,
    ];

    /// The lowercase name used in TOML and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::Suggestion => "suggestion",
        }
    }

    /// Parses a lowercase name.
    pub fn from_name(name: &str) -> Option<Applicability> {
        Applicability::ALL.into_iter().find(|a| a.name() == name)
    }

    /// One step less sure: safe → unsafe → suggestion (which stays a suggestion). A check that
    /// doubts one of its fixes offers it one step below the safety its rule declares.
    pub fn doubted(self) -> Applicability {
        match self {
            Applicability::Safe => Applicability::Unsafe,
            _ => Applicability::Suggestion,
        }
    }
}

/// One replacement of a byte range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace, in the file as it is on disk (BOM included).
    pub span: Span,
    /// What to put there.
    pub replacement: String,
}

/// A suggested fix: a description and non-overlapping edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in the rule's words.
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

    /// The same fix with another applicability.
    pub fn with_applicability(mut self, applicability: Applicability) -> Self {
        self.applicability = applicability;
        self
    }

    /// Whether a run that applies fixes up to `most` (`Safe` for `--fix`, `Unsafe` with
    /// `--unsafe-fixes`) applies this one. A suggestion is never applied.
    pub fn applies_at(&self, most: Applicability) -> bool {
        self.applicability != Applicability::Suggestion && self.applicability <= most
    }
}

/// Two edits that cannot both be made: they share a byte, or start at the same place (two
/// insertions there, or an insertion where a replacement starts, have no defined order).
fn clash(a: Span, b: Span) -> bool {
    a.overlaps(b) || a.start == b.start
}

/// Whether an edit can be made to `text` at all: inside it, on character boundaries, and not
/// inside a byte order mark (which a fix must never remove).
fn fits(text: &str, edit: &Edit) -> bool {
    let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
    edit.span.end <= text.len()
        && edit.span.start >= bom
        && text.is_char_boundary(edit.span.start)
        && text.is_char_boundary(edit.span.end)
}

/// The line ending of `text`: `\r\n` when its first line ends so, else `\n`.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// `replacement` with its bare `\n` written as `ending`, so a CRLF file stays CRLF.
fn with_ending(replacement: &str, ending: &str) -> String {
    if ending == "\n" || !replacement.contains('\n') {
        return replacement.to_string();
    }
    replacement.replace("\r\n", "\n").replace('\n', ending)
}

/// Applies the edits of `fixes` to `text`, in the order given: a fix with an edit that clashes
/// with one already taken (or that does not fit the text, or that would change nothing) is
/// skipped whole. Returns the new text and how many fixes were applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let ending = line_ending(text);
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let edits = &fix.edits;
        let usable = !edits.is_empty()
            && edits.iter().all(|e| fits(text, e))
            && edits.iter().any(|e| text[e.span.range()] != *e.replacement)
            && !edits.iter().enumerate().any(|(i, e)| {
                edits[..i].iter().any(|o| clash(o.span, e.span))
                    || taken.iter().any(|t| clash(t.span, e.span))
            });
        if usable {
            taken.extend(edits.iter());
            applied += 1;
        }
    }
    taken.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in taken {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&with_ending(&edit.replacement, ending));
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// At most this many rounds of fixing: fixes that keep making new fixable findings stop here.
pub const MAX_ROUNDS: usize = 5;

/// A text after fixing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// False when [`MAX_ROUNDS`] rounds ran and a check still found fixes to apply.
    pub stable: bool,
}

/// Fixes `text` until it is stable: `check` finds the findings of a text (in their stable order),
/// the fixes applicable at `most` are applied (the first of overlapping fixes wins, the others
/// wait), and the new text is checked again, for at most [`MAX_ROUNDS`] rounds.
pub fn converge(
    text: &str,
    most: Applicability,
    mut check: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let mut text = text.to_string();
    let mut applied = 0;
    for round in 0..=MAX_ROUNDS {
        let found = check(&text);
        let fixes: Vec<&Fix> = found
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.applies_at(most))
            .collect();
        let (fixed, n) = apply(&text, &fixes);
        if n == 0 {
            return Fixed {
                text,
                applied,
                stable: true,
            };
        }
        if round == MAX_ROUNDS {
            break;
        }
        text = fixed;
        applied += n;
    }
    Fixed {
        text,
        applied,
        stable: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn safe(span: (usize, usize), with: &str) -> Fix {
        Fix::replace("r", Applicability::Safe, Span::new(span.0, span.1), with)
    }

    #[test]
    fn applies_non_overlapping_edits_only() {
        let a = safe((0, 3), "One");
        let b = safe((1, 2), "X");
        let c = Fix::delete("c", Applicability::Safe, Span::new(3, 7));
        let (out, n) = apply("one two three", &[&a, &b, &c]);
        assert_eq!(out, "One three");
        assert_eq!(n, 2);
    }

    #[test]
    fn an_insertion_where_a_replacement_starts_waits() {
        let a = safe((4, 7), "2");
        let b = safe((4, 4), "x ");
        let (out, n) = apply("one two three", &[&a, &b]);
        assert_eq!((out.as_str(), n), ("one 2 three", 1));
    }

    #[test]
    fn edits_that_do_not_fit_or_change_nothing_are_skipped() {
        let text = "\u{feff}café";
        let outside = safe((3, 99), "x");
        let mid_char = safe((3, 7), "x");
        let bom = Fix::delete("d", Applicability::Safe, Span::new(0, 4));
        let same = safe((3, 5), "ca");
        let (out, n) = apply(text, &[&outside, &mid_char, &bom, &same]);
        assert_eq!((out.as_str(), n), (text, 0));
    }

    #[test]
    fn crlf_text_keeps_crlf() {
        let text = "one\r\ntwo\r\n";
        let (out, _) = apply(text, &[&safe((3, 3), "\nnew")]);
        assert_eq!(out, "one\r\nnew\r\ntwo\r\n");
    }

    #[test]
    fn applicability_order_and_doubt() {
        let fix = |a| Fix::delete("d", a, Span::new(0, 1));
        assert!(fix(Applicability::Safe).applies_at(Applicability::Safe));
        assert!(!fix(Applicability::Unsafe).applies_at(Applicability::Safe));
        assert!(fix(Applicability::Unsafe).applies_at(Applicability::Unsafe));
        assert!(!fix(Applicability::Suggestion).applies_at(Applicability::Suggestion));
        assert_eq!(Applicability::Safe.doubted(), Applicability::Unsafe);
        assert_eq!(Applicability::Unsafe.doubted(), Applicability::Suggestion);
        assert_eq!(
            Applicability::from_name("suggestion"),
            Some(Applicability::Suggestion)
        );
        assert_eq!(Applicability::from_name("maybe"), None);
    }

    /// A check that flags every doubled space and every "teh", with overlapping fixes.
    fn toy_check(text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (i, _) in text.match_indices("  ") {
            let span = Span::new(i, i + 2);
            out.push(
                Diagnostic::new("t.space", Severity::Warning, "double space", span)
                    .with_fix(Fix::replace("one space", Applicability::Safe, span, " ")),
            );
        }
        for (i, _) in text.match_indices("teh") {
            let span = Span::new(i, i + 3);
            out.push(
                Diagnostic::new("t.teh", Severity::Warning, "typo", span).with_fix(Fix::replace(
                    "the",
                    Applicability::Unsafe,
                    span,
                    "the",
                )),
            );
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }

    #[test]
    fn converge_reapplies_until_stable_and_is_idempotent() {
        // After one round, "    " is still a doubled space: a second round takes it.
        let once = converge("a    b teh c", Applicability::Safe, toy_check);
        assert_eq!(once.text, "a b teh c");
        assert!(once.stable);
        assert_eq!(once.applied, 3);
        let twice = converge(&once.text, Applicability::Safe, toy_check);
        assert_eq!((twice.text.as_str(), twice.applied), ("a b teh c", 0));
        let with_unsafe = converge("a    b teh c", Applicability::Unsafe, toy_check);
        assert_eq!(with_unsafe.text, "a b the c");
    }

    #[test]
    fn converge_stops_after_max_rounds() {
        // A fix that always makes another finding never settles.
        let grow = |text: &str| {
            let span = Span::new(text.len(), text.len());
            vec![
                Diagnostic::new("t.grow", Severity::Info, "grow", span).with_fix(Fix::replace(
                    "x",
                    Applicability::Safe,
                    span,
                    "x",
                )),
            ]
        };
        let out = converge("", Applicability::Safe, grow);
        assert!(!out.stable);
        assert_eq!(out.applied, MAX_ROUNDS);
        assert_eq!(out.text, "x".repeat(MAX_ROUNDS));
    }
}
