//! Direct quotations: where they are, whether they are full quotations or partial/scare quotes,
//! and which paragraphs a multi-paragraph quotation runs through.

use super::{Block, BlockKind};
use crate::lexicon::{Lexicon, ListId};
use crate::span::Span;

/// What a quotation is: someone's sentence, a fragment built into the reporter's sentence, or a
/// term, title or name set off by quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// At least one complete sentence given as direct speech.
    Full,
    /// A fragment of speech built into the reporter's sentence ("called the plan "reckless"").
    Partial,
    /// A term, title, name, nickname, slogan or sign text ("the song "Row, Gourd, Row"").
    Scare,
}

impl QuoteKind {
    /// The name used in `copydesk inspect` and the labelling conventions.
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Full => "full",
            QuoteKind::Partial => "partial",
            QuoteKind::Scare => "scare",
        }
    }
}

/// A pair of quotation marks and what they enclose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to the closing mark (or the end of the paragraph if unclosed).
    pub span: Span,
    /// The quoted words, without the marks.
    pub inner: Span,
    /// Index of the block it is in.
    pub block: usize,
    /// Whether the closing mark was found in the same paragraph.
    pub closed: bool,
    /// A full quotation (someone's sentence), not a scare quote, title or partial quote.
    pub full: bool,
    /// Full, partial or scare (`full` is `kind == QuoteKind::Full`).
    pub kind: QuoteKind,
    /// Index of the first quotation of a multi-paragraph quotation this one continues.
    pub continues: Option<usize>,
}

fn is_open_context(prev: Option<char>) -> bool {
    prev.is_none_or(|c| c.is_whitespace() || "([{—–-:/\u{2018}".contains(c))
}

/// Finds quotations in the blocks of a document's prose; the lexicon's speech verbs and pronouns
/// tell a full quotation from a partial one.
pub fn find_quotations(prose: &str, blocks: &[Block], lexicon: &Lexicon) -> Vec<Quotation> {
    let mut out: Vec<Quotation> = Vec::new();
    for (bi, block) in blocks.iter().enumerate() {
        if matches!(
            block.kind,
            BlockKind::Headline | BlockKind::Heading | BlockKind::Byline
        ) {
            continue;
        }
        let text = &prose[block.span.range()];
        let mut open: Option<usize> = None;
        let mut prev: Option<char> = None;
        let first_in_block = out.len();
        // The second mark of a typewriter pair ("``" opening, "''" closing), already read.
        let mut skip = false;
        for (i, c) in text.char_indices() {
            if std::mem::take(&mut skip) {
                prev = Some(c);
                continue;
            }
            // Wire copy writes the marks as two backticks and two apostrophes (``…'' or "…''):
            // a pair of apostrophes closes an open quotation, and is no apostrophe.
            let pair = |m: char| c == m && text[i + 1..].starts_with(m);
            if pair('\'') && open.is_some() {
                skip = true;
                let start = open.take().expect("open");
                out.push(quotation(
                    lexicon,
                    text,
                    block.span.start,
                    bi,
                    start,
                    i + 2,
                    true,
                ));
                prev = Some(c);
                continue;
            }
            // Some wire copy opens with two apostrophes too (''…''): at the start of the block,
            // or after a space before a word ("the 1980s'' lists" and "the '' mark" open nothing).
            let opens_word = || {
                prev.is_none()
                    || text[i + 2..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            };
            if (pair('`') || (pair('\'') && opens_word()))
                && open.is_none()
                && is_open_context(prev)
            {
                skip = true;
                open = Some(i);
                prev = Some(c);
                continue;
            }
            let opening = c == '\u{201c}' || (c == '"' && open.is_none() && is_open_context(prev));
            let closing = c == '\u{201d}' || (c == '"' && open.is_some());
            if opening && open.is_none() {
                open = Some(i);
            } else if closing && let Some(start) = open.take() {
                out.push(quotation(
                    lexicon,
                    text,
                    block.span.start,
                    bi,
                    start,
                    i + c.len_utf8(),
                    true,
                ));
            }
            prev = Some(c);
        }
        if let Some(start) = open {
            out.push(quotation(
                lexicon,
                text,
                block.span.start,
                bi,
                start,
                text.len(),
                false,
            ));
        }
        // A paragraph that opens with a quote mark continues an unclosed quotation before it.
        if let Some(q) = out.get(first_in_block)
            && q.span.start == block.span.start
            && first_in_block > 0
        {
            let prev_q = &out[first_in_block - 1];
            if !prev_q.closed && prev_q.block + 1 == bi {
                let root = prev_q.continues.unwrap_or(first_in_block - 1);
                let (full, kind) = (out[root].full, out[root].kind);
                let q = &mut out[first_in_block];
                q.continues = Some(root);
                q.full = full;
                q.kind = kind;
            }
        }
    }
    out
}

fn quotation(
    lexicon: &Lexicon,
    text: &str,
    base: usize,
    block: usize,
    start: usize,
    end: usize,
    closed: bool,
) -> Quotation {
    let open_len = if text[start..].starts_with("``") || text[start..].starts_with("''") {
        2
    } else {
        text[start..].chars().next().map_or(1, char::len_utf8)
    };
    let close_len = if closed && text[..end].ends_with("''") {
        2
    } else if closed {
        text[..end].chars().last().map_or(1, char::len_utf8)
    } else {
        0
    };
    let inner = &text[start + open_len..end - close_len];
    let before = sentence_before(lookback(text, start));
    let after = lookahead(&text[end..]);
    let full = is_full(lexicon, inner, before, after, closed) && !appositive(lexicon, inner, after);
    let kind = if full {
        QuoteKind::Full
    } else {
        fragment_kind(lexicon, inner, before, after)
    };
    Quotation {
        span: Span::new(base + start, base + end),
        inner: Span::new(base + start + open_len, base + end - close_len),
        block,
        closed,
        full,
        kind,
        continues: None,
    }
}

/// How far back before a quotation its sentence is read: a speech verb or the start of a
/// sentence further back says nothing of this quotation. The bound keeps a paragraph of many
/// quotations in one endless sentence linear: each reads at most this much.
const LOOKBACK: usize = 1024;

/// The text before byte `at` that a quotation there reads: all of it, or its last [`LOOKBACK`]
/// bytes from the start of a word.
fn lookback(text: &str, at: usize) -> &str {
    if at <= LOOKBACK {
        return &text[..at];
    }
    let mut from = at - LOOKBACK;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..at];
    // Not from the middle of a word: from the first space on, if there is one.
    window
        .find(char::is_whitespace)
        .map_or(window, |space| &window[space..])
}

/// The text after a quotation that it reads: all of it, or its first [`LOOKBACK`] bytes up to
/// the end of a word (read whole for each quotation, a paragraph of many was quadratic).
fn lookahead(text: &str) -> &str {
    if text.len() <= LOOKBACK {
        return text;
    }
    let mut to = LOOKBACK;
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let window = &text[..to];
    window
        .rfind(char::is_whitespace)
        .map_or(window, |space| &window[..space])
}

/// Whether a quotation that is not full is a fragment of someone's speech (partial) or a term,
/// title or name (scare). A fragment after a naming word ("dubbed", "known as", "the word") is a
/// term; so is one in title case ("Kiss & Fly", "Welcome To Video") or of one or two words in a
/// sentence that gives no one's words. A fragment of a sentence that quotes someone ("said the
/// measure was "nowhere near enough"", "called the plan "reckless"") is partial, and so is a
/// longer lowercase fragment.
fn fragment_kind(lexicon: &Lexicon, inner: &str, before: &str, after: &str) -> QuoteKind {
    let lower = before.to_lowercase();
    let tail: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    let naming = lexicon[ListId::NamingWords].words().any(|cue| {
        let cue: Vec<&str> = cue.split_whitespace().collect();
        tail.len() >= cue.len() && tail[tail.len() - cue.len()..] == cue[..]
    });
    if naming {
        return QuoteKind::Scare;
    }
    let words: Vec<&str> = inner.split_whitespace().collect();
    if title_case(inner) {
        return QuoteKind::Scare;
    }
    // The rest of the sentence after the quotation.
    let rest = after.split_inclusive(['.', '!', '?']).next().unwrap_or("");
    let attributes = |s: &str| {
        lexicon[ListId::SpeechVerbs].is_match(s)
            || s.split_whitespace().any(|w| {
                lexicon[ListId::ViewVerbs].contains_ci(w.trim_matches(|c: char| !c.is_alphabetic()))
            })
    };
    if words.len() >= 4 || attributes(before) || attributes(rest) {
        QuoteKind::Partial
    } else {
        QuoteKind::Scare
    }
}

/// Whether every word of more than three letters is capitalised ("Kimono Obi Tying", "Welcome To
/// Video"): a title or name, not a sentence.
fn title_case(inner: &str) -> bool {
    let mut significant = inner
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .peekable();
    significant.peek().is_some()
        && significant.all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
}

/// The text of the current sentence before a position.
fn sentence_before(text: &str) -> &str {
    const CLOSERS: [char; 6] = ['"', '\u{201d}', '\u{2019}', '\'', ')', ']'];
    let cut = text
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && text[i + 1..]
                    .trim_start_matches(CLOSERS)
                    .starts_with(char::is_whitespace)
        })
        .map_or(0, |(i, _)| i + 1);
    text[cut..].trim_start_matches(CLOSERS).trim()
}

/// A quotation ending in a comma and followed by a lower-case word that is no speaker
/// ("the novel “The Reservoir Year,” opens in 1962") is a title or name in apposition.
fn appositive(lexicon: &Lexicon, inner: &str, after: &str) -> bool {
    if !inner.trim_end().ends_with(',') {
        return false;
    }
    let clause = after
        .split(['.', ',', ';', ':', '!', '?', '"', '\u{201c}'])
        .next()
        .unwrap_or("");
    let word: String = clause
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    word.chars().next().is_some_and(char::is_lowercase)
        && !clause
            .split_whitespace()
            .any(|w| is_speech_word(lexicon, w))
        && !lexicon[ListId::Pronouns].contains(&word)
        // The first word of "according to".
        && word != "according"
}

/// A full quotation starts with a capital, has a few words, ends as a sentence or clause does,
/// and stands where a quotation starts: at the start of a sentence, or after a colon, a comma or
/// a speech verb. "called the plan 'reckless.'" and titles are not full quotations.
///
/// A sentence may end outside the marks (""… breathing oxygen"." in British style) or in an editor's brackets (""… in the 21st century[.]""); a quotation that
/// opens its sentence in lower case (its start cut off) is full when it goes on to a sentence of
/// its own ("a single country could demand it. And it says …").
fn is_full(lexicon: &Lexicon, inner: &str, before: &str, after: &str, closed: bool) -> bool {
    let inner = inner.trim();
    let first = inner.chars().find(|c| c.is_alphanumeric());
    let starts_capital = first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let words = inner.split_whitespace().count();
    // A bracket, or the closing mark of a quotation nested at its end ("… 'Who is next?' "), is
    // not where its sentence ends.
    let core = inner.trim_end_matches([']', '\'', '\u{2019}', ' ']);
    // Outside the marks, a stop ends a sentence only if the words are not a title's. (A comma
    // outside is left alone: ""…", read the warning" and ""…", Martin opines" are not read as
    // speech yet, and would be flagged.)
    let ends_outside =
        closed && after.trim_start().starts_with(['.', '!', '?']) && !title_case(inner);
    let ends_clause =
        !closed || ends_outside || core.ends_with(['.', ',', '!', '?', '…', '—', '-', ';']);
    let speech = |w: &str| is_speech_word(lexicon, w);
    let speech_before = before.split_whitespace().any(speech);
    let position = before.is_empty()
        || before.ends_with([':', '—', '–', '('])
        || (before.ends_with(',') && (speech_before || starts_capital))
        || before
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(speech);
    // "…," she added, "and I am sorry about that." continues an interrupted quotation.
    let interrupted = !starts_capital && before.ends_with(',') && speech_before;
    // Opening its sentence in lower case, it holds a sentence of its own after the first stop.
    let cut_off = !starts_capital && before.is_empty() && holds_a_sentence(inner);
    // Short answers ("Mine," "Wet.") are quotations when they end as speech does.
    let enough =
        words >= 3 || (closed && inner.ends_with([',', '.', '!', '?']) && before.is_empty());
    (starts_capital || interrupted || cut_off) && enough && ends_clause && position
}

/// Whether quoted words hold a whole sentence after a full stop: ". And it says a country could
/// do so" (a stop, a capital, at least three words).
fn holds_a_sentence(inner: &str) -> bool {
    inner.match_indices(['.', '!', '?']).any(|(i, _)| {
        let rest = &inner[i + 1..];
        rest.starts_with(char::is_whitespace)
            && rest.trim_start().starts_with(char::is_uppercase)
            && rest.split_whitespace().count() >= 3
    })
}

/// Whether a word (punctuation around it ignored) is one of the lexicon's speech verbs.
fn is_speech_word(lexicon: &Lexicon, w: &str) -> bool {
    lexicon[ListId::SpeechVerbs]
        .contains(w.to_lowercase().trim_matches(|c: char| !c.is_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, bool)> {
        let blocks = vec![Block {
            kind: BlockKind::Paragraph,
            span: Span::new(0, text.len()),
        }];
        find_quotations(text, &blocks, Lexicon::builtin())
            .into_iter()
            .map(|q| (text[q.inner.range()].to_string(), q.full))
            .collect()
    }

    #[test]
    fn typewriter_pairs_open_and_close() {
        // Wire style: a straight mark or two backticks open, two apostrophes close.
        assert_eq!(
            quotes(
                "\"We will rebuild the pier,'' Alvarez said. ``It is time.'' Tom's dog's bowl stayed."
            ),
            [
                ("We will rebuild the pier,".to_string(), true),
                ("It is time.".to_string(), true)
            ]
        );
        // With no quotation open, two apostrophes are left alone, unless they open a block or
        // stand before a word.
        assert_eq!(quotes("The '' mark and the 1980s'' lists."), []);
        assert_eq!(
            quotes("''We were not going to shout back at them.''"),
            [("We were not going to shout back at them.".to_string(), true)]
        );
        assert_eq!(
            quotes("The crowd went quiet. ''Nobody moved for an hour,'' Ruiz said."),
            [("Nobody moved for an hour,".to_string(), true)]
        );
    }

    #[test]
    fn a_quotation_ending_in_a_nested_one_is_full() {
        // The nested quotation's closing mark, and a space before the outer one, come after the
        // stop that ends the sentence.
        assert_eq!(
            quotes("\"Then we ask the same thing again, 'Who do we play next?' \""),
            [(
                "Then we ask the same thing again, 'Who do we play next?' ".to_string(),
                true
            )]
        );
        // A possessive at the end is no nested quotation, and no stop.
        assert_eq!(
            quotes("She called it \"the players' plan\" twice."),
            [("the players' plan".to_string(), false)]
        );
    }

    #[test]
    fn full_partial_and_scare_quotes() {
        assert_eq!(
            quotes(
                "\u{201c}We will rebuild the pier,\u{201d} Alvarez said. She called the plan \u{201c}reckless.\u{201d}"
            ),
            [
                ("We will rebuild the pier,".to_string(), true),
                ("reckless.".to_string(), false)
            ]
        );
        assert_eq!(
            quotes("He sang \"Row, Gourd, Row,\" twice. Ortiz said: \"The water is rising fast.\""),
            [
                ("Row, Gourd, Row,".to_string(), false),
                ("The water is rising fast.".to_string(), true)
            ]
        );
    }
}
