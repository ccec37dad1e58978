//! Text pasted twice into one story (category `duplicate` with `min_words`).
//!
//! Published copy repeats itself on purpose more often than by accident: a release gives the same
//! charge sentence for each defendant, quotes a statement in its lead and then prints it in full,
//! lists the same offence for many names, and an interviewer puts one question to each guest. So
//! only repeats that a paste makes are flagged:
//!
//! - a paragraph of two sentences or more that appears again word for word;
//! - a one-sentence paragraph repeated back to back, or as part of a run of paragraphs repeated
//!   in the same order;
//! - a sentence repeated back to back.
//!
//! Questions, list items, "Label: value" fields, lines ending in a colon or semicolon, and any
//! paragraph that appears three times or more (a list's recurring entry) are never repeats.

use super::delete_line_fix;
use super::lines::word_count;
use crate::document::{BlockKind, Document};
use crate::fix::{Applicability, Fix};
use crate::lexicon::WordHasher;
use crate::span::Span;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// One repeat: where it is, where the first copy is, why it counts, and how to remove it.
pub struct Repeat {
    /// The second copy.
    pub span: Span,
    /// The first copy.
    pub first: Span,
    /// The note naming the cue.
    pub cue: String,
    /// Deletes a repeated paragraph.
    pub fix: Option<Fix>,
}

/// `s` with its white space folded: its words joined by single spaces (most text is already,
/// and is not copied).
fn normalize(s: &str) -> Cow<'_, str> {
    let mut space = true;
    let folded = s.chars().all(|c| {
        let ok = if c == ' ' { !space } else { !c.is_whitespace() };
        space = c == ' ';
        ok
    });
    if folded && !s.ends_with(' ') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

/// "Offense: …", "Sentence: …": fields of a structured list repeat by design.
fn field(s: &str) -> bool {
    s.split_once(':').is_some_and(|(label, _)| {
        (1..=3).contains(&word_count(label)) && !label.contains(['.', ','])
    })
}

/// Text that repeats by design: questions, fields, list headers and entries.
fn by_design(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '\u{201d}', ')']);
    field(s) || t.ends_with(['?', ':', ';']) || s.starts_with("((")
}

/// The repeats of `doc` with at least `min_words` words, in blocks `reads` accepts.
pub fn repeats(doc: &Document, min_words: usize, reads: impl Fn(BlockKind) -> bool) -> Vec<Repeat> {
    // Paragraph-like blocks in order: (block index, normalised text).
    let blocks: Vec<(usize, Cow<str>)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, BlockKind::Paragraph | BlockKind::Quote) && reads(b.kind))
        .map(|(i, b)| (i, normalize(doc.prose_of(b.span))))
        .collect();
    // Each text: the first block that has it, and how many do (one look-up a block each pass).
    // Looked up only, never walked: a fast hash, not a keyed one.
    let mut seen: HashMap<&str, (usize, usize), BuildHasherDefault<WordHasher>> =
        HashMap::with_capacity_and_hasher(blocks.len(), Default::default());
    for (k, (_, t)) in blocks.iter().enumerate() {
        seen.entry(&**t).or_insert((k, 0)).1 += 1;
    }
    let mut out = Vec::new();
    let mut whole = vec![false; blocks.len()];
    for (k, (i, text)) in blocks.iter().enumerate() {
        let (j, count) = seen[&**text];
        if j == k {
            continue;
        }
        if word_count(text) < min_words || by_design(text) || count > 2 {
            continue;
        }
        let sentences = doc.sentences_of(*i).count();
        let same = |a: Option<&(usize, Cow<str>)>, b: Option<&(usize, Cow<str>)>| matches!((a, b), (Some((_, x)), Some((_, y))) if x == y && !x.is_empty());
        let cue = if sentences >= 2 {
            format!("cue: a paragraph of {sentences} sentences repeated word for word")
        } else if j + 1 == k {
            "cue: a paragraph repeated back to back".to_string()
        } else if (j > 0 && same(blocks.get(j - 1), blocks.get(k - 1)))
            || same(blocks.get(j + 1), blocks.get(k + 1))
        {
            "cue: part of a run of paragraphs repeated in the same order".to_string()
        } else {
            continue;
        };
        whole[k] = true;
        let span = doc.blocks[*i].span;
        let start = delete_line_fix(doc, span, "repeated").edits[0].span.start;
        let end = delete_line_fix(doc, Span::new(span.end, span.end), "repeated").edits[0]
            .span
            .end;
        out.push(Repeat {
            span,
            first: doc.blocks[blocks[j].0].span,
            cue,
            fix: Some(Fix::delete(
                "delete the repeated paragraph",
                Applicability::Safe,
                Span::new(start, end),
            )),
        });
    }
    // Sentences repeated back to back, within a paragraph or across two.
    // Two sentences are the same when their words are (their normal forms are equal), which is
    // compared without building either normal form.
    let mut previous: Option<(&str, Span)> = None;
    for (k, (i, _)) in blocks.iter().enumerate() {
        if whole[k] {
            previous = None;
            continue;
        }
        for s in doc.sentences_of(*i) {
            let text = doc.prose_of(s.span);
            if let Some((p, first)) = previous
                && p.split_whitespace().eq(text.split_whitespace())
                && word_count(text) >= min_words
                && !by_design(&normalize(text))
            {
                out.push(Repeat {
                    span: s.span,
                    first,
                    cue: "cue: a sentence repeated back to back".to_string(),
                    fix: None,
                });
            }
            previous = Some((text, s.span));
        }
    }
    out.sort_by_key(|r| r.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_folded_and_folded_text_is_not_copied() {
        for s in [
            "", "a", "one two", "  a", "a ", "a  b", "a\tb", "a\u{a0}b", "a\nb c",
        ] {
            let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let n = normalize(s);
            assert_eq!(n, folded, "{s:?}");
            assert_eq!(matches!(n, Cow::Borrowed(_)), s == folded, "{s:?}");
        }
    }
}
