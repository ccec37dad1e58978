//! Who speaks: the speaker of each quotation, found from the speech verb nearest it ("said
//! Mayor Ana Ruiz", "she added", "the statement read"), a colon introduction ("Ruiz put it
//! plainly: …") or the quotation it continues. The speech verbs, pronouns and determiners are the
//! lexicon's.

use super::{Document, Quotation};
use crate::lexicon::ListId;
use crate::span::Span;
use regex::Regex;

/// The speaker of each quotation (indexed like `doc.quotations`): the name, pronoun or noun
/// phrase attached to the speech verb nearest the quotation in its paragraph, if any.
pub(super) fn speakers(doc: &Document) -> Vec<Option<Span>> {
    let speech = doc.lexicon[ListId::SpeechVerbs].regex();
    let mut out: Vec<Option<Span>> = Vec::with_capacity(doc.quotations.len());
    for (i, q) in doc.quotations.iter().enumerate() {
        if let Some(root) = q.continues {
            out.push(out[root]);
            continue;
        }
        let block = doc.blocks[q.block].span;
        let text = &doc.unquoted[block.range()];
        let nearest = speech
            .find_iter(text)
            .map(|m| Span::from(m.range()).shift(block.start))
            .min_by_key(|v| {
                if v.start >= q.span.end {
                    v.start - q.span.end
                } else {
                    q.span.start.saturating_sub(v.end)
                }
            });
        let mut found = nearest.and_then(|v| speaker_at(doc, block, v));
        if found.is_none() {
            found = colon_speaker(doc, q, speech);
        }
        if found.is_none() {
            // A continuing quotation takes the speaker of the one before it in the paragraph.
            found = (0..i)
                .rev()
                .find(|&j| doc.quotations[j].block == q.block)
                .and_then(|j| out[j]);
        }
        out.push(found);
    }
    out
}

/// The speaker of a quotation introduced by a colon: the speech verb's speaker in the
/// introducing paragraph ("Fairweather added …:"), or the first name in the introducing
/// sentence ("Ernesto Villalba put it plainly: …").
fn colon_speaker(doc: &Document, q: &Quotation, speech: &Regex) -> Option<Span> {
    let block = doc.blocks[q.block].span;
    let (intro, within) = if q.span.start == block.start {
        let prev = doc.blocks.get(q.block.checked_sub(1)?)?.span;
        (prev, prev)
    } else {
        (Span::new(block.start, q.span.start), block)
    };
    let text = doc.unquoted[intro.range()].trim_end();
    if !text.ends_with(':') {
        return None;
    }
    if let Some(m) = speech.find_iter(text).last() {
        return speaker_at(doc, within, Span::from(m.range()).shift(intro.start));
    }
    let sentence_start = text.rfind(". ").map_or(0, |i| i + 2);
    let words = word_offsets(&text[sentence_start..]);
    let run: Vec<&(usize, &str)> = words
        .iter()
        .skip_while(|(_, w)| !w.starts_with(char::is_uppercase))
        .take_while(|(_, w)| w.starts_with(char::is_uppercase))
        .collect();
    let (start, _) = run.first()?;
    let (last_at, last) = run.last()?;
    let name = last.trim_end_matches([',', ':', ';', '.']);
    let name = name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("\u{2019}s"))
        .unwrap_or(name);
    let base = intro.start + sentence_start;
    Some(Span::new(base + start, base + last_at + name.len()))
}

/// The speaker attached to the speech verb at `verb`.
fn speaker_at(doc: &Document, block: Span, verb: Span) -> Option<Span> {
    let text = &doc.unquoted;
    let verb_text = text[verb.range()].to_lowercase();
    // "according to X", "said X", "said Mayor X".
    let after = &text[verb.end..block.end];
    let after_trim = after.trim_start();
    let after_start = verb.end + (after.len() - after_trim.len());
    if verb_text == "according to" || after_trim.starts_with(char::is_uppercase) {
        let end = name_end(after_trim, verb_text == "according to");
        if end > 0 {
            return Some(Span::new(after_start, after_start + end));
        }
    }
    // "X said", "she said", "the statement read", "one of them said".
    let before = text[block.start..verb.start].trim_end_matches([' ', ',']);
    let words: Vec<(usize, &str)> = word_offsets(before);
    let (last_at, last) = *words.last()?;
    let last_lower = last.to_lowercase();
    if doc.lexicon[ListId::Pronouns].contains(&last_lower) {
        return Some(Span::new(
            block.start + last_at,
            block.start + last_at + last.len(),
        ));
    }
    let mut start = None;
    for &(at, w) in words.iter().rev() {
        let capital = w.starts_with(char::is_uppercase) || w.trim_end_matches('.').len() == 1;
        if capital {
            start = Some(at);
        } else {
            break;
        }
    }
    if start.is_none() {
        // A short noun phrase back to its determiner: "the statement", "one of them".
        for &(at, w) in words.iter().rev().take(4) {
            if doc.lexicon[ListId::Determiners].contains(&w.to_lowercase()) {
                start = Some(at);
                break;
            }
        }
    }
    start.map(|s| Span::new(block.start + s, block.start + last_at + last.len()))
}

/// Byte offset where a name (capitalised words, initials, "of the …" for "according to") ends.
fn name_end(s: &str, phrase: bool) -> usize {
    let mut end = 0;
    for (at, w) in word_offsets(s) {
        let clean = w.trim_end_matches([',', '.', ';', ':']);
        let capital = clean.starts_with(char::is_uppercase);
        let linking = phrase && matches!(clean, "the" | "a" | "an" | "of" | "for");
        if !(capital || linking) {
            break;
        }
        end = at + clean.len();
        if w.len() != clean.len() && !(clean.len() <= 3 && w.ends_with('.')) {
            break;
        }
    }
    end
}

fn word_offsets(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}
