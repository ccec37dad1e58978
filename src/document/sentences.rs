//! An abbreviation-aware sentence splitter for news prose.
//!
//! News copy is full of periods that do not end sentences: courtesy and military titles ("Mr.",
//! "Sgt."), state and month abbreviations ("Ore.", "Jan."), "U.S.", initials ("J. R. Ortiz") and
//! times ("p.m."). A sentence ends at `.`, `!` or `?` (plus any closing quotes or brackets) that is
//! followed by white space and then something that can open a sentence. The abbreviations and
//! sentence starters are the lexicon's (`titles`, `months`, `weekdays`, `final_abbreviations`,
//! `sentence_starters`).

use crate::lexicon::{Lexicon, ListId};
use crate::span::Span;

const CLOSERS: &[char] = &['"', '\'', '\u{201d}', '\u{2019}', ')', ']'];
const OPENERS: &[char] = &['"', '\'', '\u{201c}', '\u{2018}', '(', '['];

/// Splits `text` into sentence spans (relative to `text`), trimmed of white space.
///
/// One pass over the text, looking at each character once (a run of terminators and closers is
/// stepped over, not scanned again), with no copy of it: a paragraph of a megabyte is split in
/// time and memory proportional to its length.
pub fn split_sentences(text: &str, lexicon: &Lexicon) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // Only a terminator can end a sentence: the bytes up to the next one are skipped in one
    // search (the three are ASCII, so never part of another character).
    while let Some(skip) = text.as_bytes()[i..]
        .iter()
        .position(|b| matches!(b, b'.' | b'!' | b'?'))
    {
        i += skip;
        let c = char::from(text.as_bytes()[i]);
        let mut end = i + 1;
        while let Some(d) = text[end..].chars().next()
            && (matches!(d, '.' | '!' | '?') || CLOSERS.contains(&d))
        {
            end += d.len_utf8();
        }
        if text[end..].starts_with(char::is_whitespace) {
            let next = text.len() - text[end..].trim_start().len();
            let next_word = next_word(text, next);
            if next < text.len()
                && opens_sentence(next_word)
                && !is_abbreviation(lexicon, text, i, c, next_word)
            {
                push(&mut spans, text, start, end);
                start = next;
                i = next;
                continue;
            }
        }
        i = end;
    }
    push(&mut spans, text, start, text.len());
    spans
}

fn push(spans: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let s = &text[start..end];
    let trimmed_start = start + (s.len() - s.trim_start().len());
    let trimmed_end = start + s.trim_end().len();
    if trimmed_end > trimmed_start {
        spans.push(Span::new(trimmed_start, trimmed_end));
    }
}

fn next_word(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let rest = rest.trim_start_matches(OPENERS);
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn opens_sentence(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// True when the `.` at `pos` ends an abbreviation rather than a sentence.
fn is_abbreviation(lexicon: &Lexicon, text: &str, pos: usize, c: char, next_word: &str) -> bool {
    if c != '.' {
        return false;
    }
    let before = &text[..pos];
    let word_start = before
        .rfind(|ch: char| !(ch.is_alphanumeric() || ch == '.'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if lexicon[ListId::FinalAbbreviations].contains(&lower) {
        return !lexicon[ListId::SentenceStarters].contains_capitalised(next_word);
    }
    // Initials: "J." or "J.R."
    let letters: Vec<char> = word.chars().filter(|ch| *ch != '.').collect();
    if word.chars().next().is_some_and(char::is_uppercase) && letters.len() == 1 {
        return true;
    }
    if word.contains('.') && letters.iter().all(|ch| ch.is_alphabetic()) && letters.len() <= 4 {
        return true;
    }
    lexicon.never_ends_sentence(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, Lexicon::builtin())
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("Mr. Ortiz met Sgt. J. R. Lee on Jan. 5 in Salem, Ore. They talked. It rained!"),
            [
                "Mr. Ortiz met Sgt. J. R. Lee on Jan. 5 in Salem, Ore.",
                "They talked.",
                "It rained!"
            ]
        );
    }

    #[test]
    fn us_splits_before_a_sentence_starter_only() {
        assert_eq!(
            split("It was made in the U.S. The plant closed. U.S. Steel rose."),
            [
                "It was made in the U.S.",
                "The plant closed.",
                "U.S. Steel rose."
            ]
        );
        assert_eq!(split("The U.S. Army came."), ["The U.S. Army came."]);
    }

    #[test]
    fn runs_of_terminators_and_white_space_and_text_at_the_edges() {
        assert_eq!(split("Wait... What?! Yes."), ["Wait...", "What?!", "Yes."]);
        assert_eq!(split("  Lead.  \n Next one  "), ["Lead.", "Next one"]);
        assert_eq!(
            split("no end. lower case. Upper"),
            ["no end. lower case.", "Upper"]
        );
        assert_eq!(split("Ends here. "), ["Ends here."]);
        assert_eq!(split("Café. Été."), ["Café.", "Été."]);
        assert!(split("").is_empty());
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            split("\u{201c}We are done.\u{201d} She left. \"Go?\" he asked."),
            [
                "\u{201c}We are done.\u{201d}",
                "She left.",
                "\"Go?\" he asked."
            ]
        );
    }
}
