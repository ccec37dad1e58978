//! Who speaks: the attribution of each quotation, found from the structure of news sentences, and
//! how it was found.
//!
//! News gives a quotation its speaker in a few ways, tried here in this order:
//! - **in its sentence** (`verb`): a speaker and a verb of saying after the quotation ("…," Tipton
//!   observed; "…" tweeted Mayor Sadiq Khan), or a clause that introduces it with a comma ("Graham
//!   spoke on Fox News, "…""; "Trump, also on Twitter, defended his decision, "…"") or a speech
//!   verb ("Ruiz said "…""). The verb need not be in the lexicon's `speech_verbs` when the
//!   structure is plain: a name or a role, then a past-tense verb, next to the quotation;
//! - **a colon** after a named source (`colon`): "Ernesto Villalba put it plainly: "…"";
//! - **a dash caption** (`dash-caption`): ""…" — Aparna Garg, Divisional Railway Manager";
//! - **an interview line** (`qa`): a paragraph opened by "((Name))", "Q:" or "NAME:" in a story
//!   with several, and the paragraphs of the same answer after it; or a speaker heading above a run
//!   of paragraphs that open with a quotation;
//! - **an attributed quotation before it in the paragraph** (`continuation`);
//! - **the next sentence of the paragraph** (`next-sentence`): ""…" Pelosi said.";
//! - **the sentence before it in the paragraph** (`paraphrase-before`), when that sentence gives
//!   its subject's words or view ("McGurk also criticized the decision via Twitter.");
//! - **the paragraph before**, ending in a colon or "stated," (`previous-paragraph`);
//! - **the quotation it continues** across paragraphs (`multi-paragraph`);
//! - **a reader's comment** below the story (`reader-comment`): its quotations are the reader's
//!   to give, the comment signed by its writer ("Posted by: Tom on May 2, 2007 06:15 PM").
//!
//! The speaker before a verb may carry a role between a capitalised word and a name ("Bayern
//! general manager Uli Hoeness was quoted as saying"), a modal may stand before a passive
//! attribution ("the man could be heard saying"), an opening "In Dr. Ruiz's words," gives whose
//! words follow, and a sentence giving its subject something said ("He offered no excuses.",
//! `speech_act_nouns`) paraphrases that subject.
//!
//! The words (speech verbs, verbs of view, pronouns, determiners, adverbs, forms of "be") are the
//! lexicon's; the structure is here.

use super::grammar::{
    Grammar, first_word, is_linking, name_forward, near_end, near_start, word_offsets,
};
use super::{BlockKind, Document, Quotation};
use crate::lexicon::{Lexicon, ListId};
use crate::narrow::NarrowRegex;
use crate::span::Span;
use std::cell::RefCell;
use std::collections::HashMap;

/// How a quotation's speaker was found, in the labelling vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum How {
    /// A verb or construction of saying in its sentence.
    Verb,
    /// Introduced by a colon after a named source.
    Colon,
    /// Followed by a dash and the speaker's name.
    DashCaption,
    /// An interview line ("((Name))", "Q:", "NAME:") or a speaker heading above a run of quotes.
    Qa,
    /// Continues an attributed quotation of the same paragraph.
    Continuation,
    /// Follows a sentence of the same paragraph that gives the speaker's words or view.
    ParaphraseBefore,
    /// The next sentence of the same paragraph attributes it.
    NextSentence,
    /// Introduced by the paragraph before, ending in a colon or "stated,".
    PreviousParagraph,
    /// Continues a quotation left open in the paragraph before.
    MultiParagraph,
    /// A reader's comment below the story, signed by its writer ("Posted by: Ana on May 2").
    ReaderComment,
}

impl How {
    /// The name used by `copydesk inspect` and the labelling conventions.
    pub fn name(self) -> &'static str {
        match self {
            How::Verb => "verb",
            How::Colon => "colon",
            How::DashCaption => "dash-caption",
            How::Qa => "qa",
            How::Continuation => "continuation",
            How::ParaphraseBefore => "paraphrase-before",
            How::NextSentence => "next-sentence",
            How::PreviousParagraph => "previous-paragraph",
            How::MultiParagraph => "multi-paragraph",
            How::ReaderComment => "reader-comment",
        }
    }
}

/// Who said a quotation and how the document knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The name, pronoun or noun phrase of the speaker, when the words name one.
    pub speaker: Option<Span>,
    /// How it was found.
    pub how: How,
    /// The words that attribute it: the verb, the colon, the dash, the interview tag or heading,
    /// or (for a continuation) what attributed the quotation it continues.
    pub cue: Span,
}

/// An interview tag at the start of a paragraph: "Q:", "A:", "KOKESH:"; a paragraph opening with
/// "((" tries [`WIKI_TAG`] instead (neither tag can match where the other starts).
static QA_TAG: NarrowRegex = NarrowRegex::new(
    r"^(?:(?P<qa>[QA]):\s|(?P<name>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3})\s*:\s+\S)",
);

/// [`QA_TAG`] at the start of `text`; every match holds a colon, and a paragraph without one
/// (most of them) does not compile the pattern.
fn qa_tag(text: &str) -> Option<regex::Captures<'_>> {
    if text.contains(':') {
        QA_TAG.get(text).captures(text)
    } else {
        None
    }
}

/// A Wikinews interview tag, "((Zara Kay))": its wide repeat compiles only for a paragraph that
/// opens with "((".
static WIKI_TAG: NarrowRegex = NarrowRegex::new(r"^\(\(\s*(?P<wiki>[^()\n]{1,80}?)\s*\)\)");

/// Bytes of its sentence read on either side of a quotation: a speaker, a verb and an
/// introducing clause lie within them in any real sentence, and a sentence of a megabyte (one
/// long line of quotation marks) costs each quotation no more than an ordinary one.
const QUOTE_REACH: usize = 1000;
/// Paragraphs a hard-wrapped quotation is followed over to its closing mark.
const WRAPPED_LINES: usize = 8;
/// Speech verbs of a sentence tried for a speaker, nearest first.
const VERBS_TRIED: usize = 16;

/// The attribution of each quotation (indexed like `doc.quotations`).
pub(super) fn attributions(doc: &Document) -> Vec<Option<Attribution>> {
    let finder = Finder::new(doc);
    let n = doc.quotations.len();
    let comments = if n == 0 {
        Vec::new()
    } else {
        reader_comments(doc)
    };
    let mut own: Vec<Option<Attribution>> = Vec::with_capacity(n);
    // The last attributed quotation of the current paragraph.
    let mut earlier: Option<(usize, Attribution)> = None;
    for i in 0..n {
        let block = doc.quotations[i].block;
        let before = earlier
            .filter(|(b, _)| *b == block || runs_on(doc, *b, block))
            .map(|(_, a)| a);
        let found = finder.find(i, before);
        if let Some(a) = found {
            earlier = Some((block, a));
        }
        own.push(found);
    }
    // A quotation over several paragraphs: the parts take the root's speaker. The root takes
    // what attributes a part only when the two are one paragraph of hard-wrapped copy split at
    // its line breaks, or when the paragraph before leads into it (its last sentence, in the
    // reporter's words, has a verb of saying: "Her husband read a statement."): otherwise a
    // paragraph that opens a new quotation needs its own speaker, and one named only in a later
    // paragraph of the quotation ("…," he said, two paragraphs on) leaves the reader guessing.
    let mut out = own.clone();
    let mut from_part: Vec<Option<Attribution>> = vec![None; n];
    for (c, q) in doc.quotations.iter().enumerate() {
        if let Some(root) = q.continues
            && root < n
            && from_part[root].is_none()
            && (runs_on(doc, doc.quotations[root].block, q.block)
                || leads_into(doc, doc.quotations[root].block))
        {
            from_part[root] = own[c];
        }
    }
    for (i, q) in doc.quotations.iter().enumerate() {
        if q.continues.is_none() && out[i].is_none() {
            out[i] = from_part[i];
        }
    }
    for (i, q) in doc.quotations.iter().enumerate() {
        if let Some(root) = q.continues {
            out[i] = out[root].map(|a| Attribution {
                speaker: a.speaker,
                how: How::MultiParagraph,
                cue: doc.quotations[root].span,
            });
        }
        // A reader's comment quotes whom it likes: its words are the reader's, not the
        // reporter's, and its writer is the signature's.
        if out[i].is_none()
            && let Some(&Some(signature)) = comments.get(q.block)
        {
            out[i] = Some(Attribution {
                speaker: None,
                how: How::ReaderComment,
                cue: signature,
            });
        }
    }
    out
}

/// Whether the paragraph before `block` leads into a quotation there: its last sentence holds no
/// quotation mark and has a verb of saying ("Price says he has decided one thing about the
/// job."), as a colon would introduce it.
fn leads_into(doc: &Document, block: usize) -> bool {
    let Some(prev) = block.checked_sub(1) else {
        return false;
    };
    if doc.blocks[prev].kind != BlockKind::Paragraph {
        return false;
    }
    let Some(last) = doc.sentences_of(prev).last() else {
        return false;
    };
    let text = &doc.prose[last.span.range()];
    !text.contains(['"', '\u{201c}', '\u{201d}'])
        && !text.contains("''")
        && doc.lexicon[ListId::SpeechVerbs].is_match(text)
}

/// Whether paragraphs `from` to `to` are one paragraph of hard-wrapped copy split at its line
/// breaks: each from `from` up to `to` stops mid-sentence (no closing punctuation: "…," said
/// Ashish Arora, vice president and general" / "manager of the unit. "…""), over at most
/// `WRAPPED_LINES` paragraphs. A quotation there continues the attributed one before it.
fn runs_on(doc: &Document, from: usize, to: usize) -> bool {
    from < to
        && to - from <= WRAPPED_LINES
        && doc.blocks[from..=to]
            .iter()
            .all(|b| b.kind == BlockKind::Paragraph)
        && doc.blocks[from..to].iter().all(|b| {
            !doc.prose[b.span.range()].trim_end().ends_with([
                '.', '!', '?', ':', ';', '"', '\u{201d}', '\u{2019}', '\'', ')',
            ])
        })
}

/// A reader's comment signature: "Posted by: Ana Ruiz on May 2, 2007 06:15 PM", "Comment by
/// jdoe at 10:41" (`comment_signatures` opening a short line with a digit in it).
fn is_signature(doc: &Document, block: usize) -> bool {
    let b = &doc.blocks[block];
    if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Byline) {
        return false;
    }
    let text = doc.prose_of(b.span).trim();
    let words = text.split_whitespace().count();
    if !(3..=16).contains(&words) || !text.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let lower = text.to_lowercase();
    doc.lexicon[ListId::CommentSignatures]
        .words()
        .any(|w| lower.starts_with(w) && lower[w.len()..].starts_with([' ', ':']))
}

/// The readers' comments below a story, by block: the signature that ends or opens the
/// comment's run. Comments are signed one by one, so a page with two or more signatures has
/// them from the first signature on, the story above it; a signature among the first three
/// blocks is the story's own byline, and the comments start at the next one.
pub(super) fn reader_comments(doc: &Document) -> Vec<Option<Span>> {
    let n = doc.blocks.len();
    let signatures: Vec<usize> = (0..n).filter(|&i| is_signature(doc, i)).collect();
    let mut out = vec![None; n];
    let Some(&first) = signatures.first() else {
        return out;
    };
    let first_body = (0..n)
        .find(|&i| {
            !matches!(
                doc.blocks[i].kind,
                BlockKind::Headline | BlockKind::Heading | BlockKind::Byline
            )
        })
        .unwrap_or(0);
    let from = if first < first_body + 3 {
        signatures.get(1).copied()
    } else {
        Some(first)
    };
    let Some(from) = from.filter(|_| signatures.len() >= 2) else {
        return out;
    };
    let mut next = signatures.iter().copied().filter(|&s| s >= from).peekable();
    let mut current = doc.blocks[from].span;
    for (i, slot) in out.iter_mut().enumerate().skip(from + 1) {
        while next.peek().is_some_and(|&s| s < i) {
            next.next();
        }
        // A comment signed below it takes its own signature; the last, the one above it.
        if let Some(&s) = next.peek() {
            current = doc.blocks[s].span;
        }
        *slot = Some(current);
    }
    out
}

/// The blocks of an interview or a transcript spoken by someone the tags name ("Q:", "NAME:",
/// "((Name))" and the answers after them): their words are that speaker's, like a quotation's,
/// not the reporter's. (Readers' comments, by contrast, stay the page's copy for sourcing: the
/// labels read them.)
pub(super) fn other_voices(doc: &Document) -> Vec<bool> {
    doc.interview_speakers()
        .iter()
        .map(|q| q.is_some_and(|(name, _)| name.is_some()))
        .collect()
}

/// The interview speaker of one block, when a tag or a question makes it an answer: the
/// speaker's name (None for an unnamed interviewee) and the tag or question.
pub(crate) type Interview = Option<(Option<Span>, Span)>;

/// The interview speaker of each block (see [`Finder::interview_speakers`]); read once per
/// document ([`Document::interview_speakers`]), by the attributions and by [`other_voices`].
pub(super) fn interview_speakers(doc: &Document) -> Vec<Interview> {
    Finder::bare(doc).interview_speakers()
}

/// What the finder reads, prepared once per document.
struct Finder<'d> {
    doc: &'d Document<'d>,
    g: Grammar<'d>,
    lex: &'d Lexicon,
    /// The reporter's words: prose with quotations blanked.
    text: &'d str,
    /// The interview speaker of each block (when a tag names one), with the tag or question
    /// that makes it an answer.
    qa: &'d [Interview],
    /// The lexicon's speech verbs in the reporter's words, in order (found once, not once per
    /// quotation).
    verbs: Vec<Span>,
    /// Whether each block opens with a quotation.
    opens: Vec<bool>,
    /// Where the prose writes each word asked about by [`Finder::named_elsewhere`], as a whole
    /// word: the first and last offsets (None: nowhere). Each word is looked for once per story,
    /// not once per quotation.
    written: RefCell<HashMap<String, Option<(usize, usize)>>>,
}

impl<'d> Finder<'d> {
    /// A finder that reads the story's structure only (interview tags), not its verbs.
    fn bare(doc: &'d Document<'d>) -> Self {
        Finder {
            doc,
            g: Grammar::new(&doc.unquoted, doc.lexicon, &doc.quotations),
            lex: doc.lexicon,
            text: &doc.unquoted,
            qa: &[],
            verbs: Vec::new(),
            opens: Vec::new(),
            written: RefCell::new(HashMap::new()),
        }
    }

    fn new(doc: &'d Document<'d>) -> Self {
        let mut f = Finder {
            opens: vec![false; doc.blocks.len()],
            ..Finder::bare(doc)
        };
        f.qa = doc.interview_speakers();
        f.verbs = f.g.speech_verbs(0, f.text.len());
        for q in &doc.quotations {
            if doc
                .blocks
                .get(q.block)
                .is_some_and(|b| b.span.start == q.span.start)
            {
                f.opens[q.block] = true;
            }
        }
        f
    }

    /// The speech verbs inside `from..to`.
    fn verbs_in(&self, from: usize, to: usize) -> &[Span] {
        let lo = self.verbs.partition_point(|v| v.start < from);
        let hi = self.verbs.partition_point(|v| v.end <= to).max(lo);
        &self.verbs[lo..hi]
    }

    /// The attribution of quotation `i` found in its own paragraph (or from the paragraphs and
    /// headings that introduce it); `earlier` is that of the nearest attributed quotation before
    /// it in its paragraph.
    fn find(&self, i: usize, earlier: Option<Attribution>) -> Option<Attribution> {
        let q = &self.doc.quotations[i];
        let full = q.full;
        if let Some(a) = self.in_sentence(q, full) {
            return Some(a);
        }
        if !full && q.continues.is_none() {
            return None;
        }
        // An answer of an interview printed without tags names no one: a quotation opening its
        // paragraph there (a pull-quote set apart from the answer) has nothing in its paragraph
        // to say who speaks, and the conventions call it unattributed however plain the speaker
        // is; a quotation inside the answer's own prose is the interviewee's.
        let untagged_pull_quote = |speaker: Option<Span>| {
            speaker.is_none() && self.opens[q.block] && {
                let b = &self.doc.blocks[q.block];
                b.span.start == q.span.start
            }
        };
        if let Some((speaker, tag)) = self.qa[q.block]
            && !untagged_pull_quote(speaker)
        {
            return Some(Attribution {
                speaker,
                how: How::Qa,
                cue: tag,
            });
        }
        // The nearest attributed quotation before it in the paragraph.
        if let Some(a) = earlier {
            return Some(Attribution {
                how: How::Continuation,
                ..a
            });
        }
        let (first, last) = self.sentence_range(q)?;
        let sentences = &self.doc.sentences;
        let next = sentences
            .get(sentences.partition_point(|s| s.span.start < last.end))
            .filter(|s| s.block == q.block)
            .map(|s| s.span);
        let prev = sentences
            .partition_point(|s| s.span.end <= first.start)
            .checked_sub(1)
            .map(|k| &sentences[k])
            .filter(|s| s.block == q.block)
            .map(|s| s.span);
        if let Some(next) = next
            && let Some(a) = self.speech_in(self.head_of(next), None, q.block)
        {
            return Some(Attribution {
                how: How::NextSentence,
                ..a
            });
        }
        if let Some(prev) = prev
            && let Some(a) = self.paraphrase(prev, q.block)
        {
            return Some(Attribution {
                how: How::ParaphraseBefore,
                ..a
            });
        }
        self.introduced(q).or_else(|| self.wrapped(q))
    }

    /// A quotation whose text runs on over lines set as paragraphs of their own (hard-wrapped
    /// copy pasted with a blank line after each line): while a paragraph stops mid-sentence and
    /// the next one opens no quotation, the quotation goes on; its speaker follows the closing
    /// mark, on that line or the next ("… our own mobile phone," / "he added.").
    fn wrapped(&self, q: &Quotation) -> Option<Attribution> {
        if q.closed {
            return None;
        }
        let blocks = &self.doc.blocks;
        let prose: &str = &self.doc.prose;
        let runs_on = |k: usize| {
            let b = blocks.get(k)?;
            (b.kind == BlockKind::Paragraph && !self.opens[k]).then_some(b.span)
        };
        let mut k = q.block;
        for _ in 0..WRAPPED_LINES {
            // A paragraph that ends its sentence ends the quotation's run.
            let end = prose[blocks[k].span.range()].trim_end();
            if end.ends_with(['.', '!', '?', ':', ';', '"', '\u{201d}']) {
                return None;
            }
            k += 1;
            let line = runs_on(k)?;
            let Some(close) = prose[line.range()].find(['"', '\u{201d}']) else {
                continue;
            };
            let mark = prose[line.start + close..].chars().next()?.len_utf8();
            let mut after = Span::new(line.start + close + mark, line.end);
            let mut block = k;
            if prose[after.range()].trim().is_empty() {
                block = k + 1;
                after = runs_on(block)?;
            }
            // The sentence the closing mark ends, not the next one.
            let end = self
                .doc
                .sentence_at(after.start)
                .map_or(after.end, |s| s.span.end.min(after.end));
            let a = self.after(after.start, end).or_else(|| {
                self.speech_in(self.head_of(Span::new(after.start, end)), None, block)
            })?;
            return Some(Attribution {
                how: How::Verb,
                ..a
            });
        }
        None
    }

    /// The first and last sentence a quotation touches.
    fn sentence_range(&self, q: &Quotation) -> Option<(Span, Span)> {
        let first = self.doc.sentence_at(q.span.start)?.span;
        let last = self
            .doc
            .sentence_at(q.span.end.saturating_sub(1))
            .map_or(first, |s| s.span);
        Some((first, last))
    }

    /// The first `QUOTE_REACH` bytes of a span (to a word's end).
    fn head_of(&self, s: Span) -> Span {
        Span::new(s.start, near_end(self.text, s.start, s.end, QUOTE_REACH))
    }

    /// The last `QUOTE_REACH` bytes of a span (from a word's start).
    fn tail_of(&self, s: Span) -> Span {
        Span::new(near_start(self.text, s.start, s.end, QUOTE_REACH), s.end)
    }

    /// A speaker in the quotation's own sentence: after it ("…," Ruiz said; "…" — Ruiz), before
    /// it (Ruiz said: "…"; Graham spoke on Fox News, "…"), or a speech verb elsewhere in it.
    fn in_sentence(&self, q: &Quotation, full: bool) -> Option<Attribution> {
        let (first, last) = self.sentence_range(q)?;
        // After: up to the end of the sentence or the next quotation's words; no further than
        // `QUOTE_REACH` either side of the quotation.
        let after_end = last.end.max(q.span.end);
        let after_end = near_end(self.text, q.span.end, after_end, QUOTE_REACH);
        let first = Span::new(
            near_start(
                self.text,
                first.start.min(q.span.start),
                q.span.start,
                QUOTE_REACH,
            ),
            first.end,
        );
        if full {
            if let Some(a) = self.dash_caption(q.span.end, after_end) {
                return Some(a);
            }
            if let Some(a) = self.after(q.span.end, after_end) {
                return Some(a);
            }
            if let Some(a) = self.before(first.start, q.span.start) {
                return Some(a);
            }
        }
        let sentence = Span::new(first.start.min(q.span.start), after_end);
        self.speech_in(sentence, Some(q.span), q.block)
    }

    /// ""…" — Aparna Garg, Mysore Divisional Railway Manager".
    fn dash_caption(&self, from: usize, to: usize) -> Option<Attribution> {
        let prose = &self.doc.prose[from..to];
        let trimmed = prose.trim_start();
        let dash_at = from + prose.len() - trimmed.len();
        let dash_len = ["—", "–", "--", "-"]
            .iter()
            .find(|d| trimmed.starts_with(**d))?
            .len();
        let rest = &self.doc.prose[dash_at + dash_len..to];
        let name = rest.trim_start_matches(|c: char| c.is_whitespace() || is_invisible(c));
        let start = to - name.len();
        let end = name_forward(name)?;
        // "- Sapa", "— AP": a wire service credits the story; it did not speak.
        let credit = name[..end].trim_end_matches('.').to_lowercase();
        if self.lex[ListId::WireCredits].contains(&credit) {
            return None;
        }
        Some(Attribution {
            speaker: Some(Span::new(start, start + end)),
            how: How::DashCaption,
            cue: Span::new(dash_at, dash_at + dash_len),
        })
    }

    /// A speaker after the quotation: "," Ruiz said", "" tweeted Mayor Sadiq Khan", ", according
    /// to Ruiz".
    fn after(&self, from: usize, to: usize) -> Option<Attribution> {
        let raw = &self.text[from..to];
        let lead = raw.len() - raw.trim_start_matches([' ', ',', '\n', '\r', '\t']).len();
        let start = from + lead;
        let s = &self.text[start..to];
        // Inverted: a verb, then the speaker.
        if let Some(verb_len) = self.g.verb_at(s, true) {
            let verb = Span::new(start, start + verb_len);
            if let Some(speaker) = self.g.speaker_after(verb.end, to) {
                return Some(Attribution {
                    speaker: Some(speaker),
                    how: How::Verb,
                    cue: verb,
                });
            }
            // A bare role closing the sentence, or the line of hard-wrapped copy whose next line
            // names the speaker: "," said head coach" / "Paul Maurice".
            let role = self.text[verb.end..to].trim();
            let role = role.strip_suffix('.').unwrap_or(role);
            let words = role.split_whitespace().count();
            if (1..=3).contains(&words)
                && role
                    .chars()
                    .all(|c| c.is_lowercase() || c == ' ' || c == '-')
            {
                let at = verb.end + self.text[verb.end..to].find(role).unwrap_or(0);
                return Some(Attribution {
                    speaker: Some(Span::new(at, at + role.len())),
                    how: How::Verb,
                    cue: verb,
                });
            }
        }
        // The speaker, then the verb.
        let np = self.g.noun_phrase_forward(start, to)?;
        // "Bayern general manager Uli Hoeness", "Japanese officials": a capitalised word, then
        // lower-case words of a role, then a name or the verb.
        let np = self.g.modified_name(np, to);
        let mut at = np.end;
        loop {
            let rest = &self.text[at..to];
            let skip = rest.len() - rest.trim_start_matches([' ', ',']).len();
            let word = first_word(&rest[skip..]);
            let clean = word.trim_matches(|c: char| !c.is_alphabetic());
            // An adverb, or a modal before the "be" of a passive ("the man could be heard
            // saying").
            if !word.is_empty()
                && (self.g.is_adverb(word)
                    || (clean.len() == word.len()
                        && self.lex[ListId::ModalVerbs].contains_ci(clean)))
            {
                at += skip + word.len();
                continue;
            }
            // A passive or reported attribution: "he was quoted as saying", "Wen is reported to
            // have replied" (a speech phrase of the lexicon after a form of "be").
            let clean = word.trim_matches(|c: char| !c.is_alphabetic());
            if !clean.is_empty() && self.lex[ListId::BeForms].contains_ci(clean) {
                let after_be = &rest[skip + word.len()..];
                let gap = after_be.len() - after_be.trim_start().len();
                let verb_at = at + skip + word.len() + gap;
                let verb_len = self.g.verb_at(&self.text[verb_at..to], false)?;
                return Some(Attribution {
                    speaker: Some(np),
                    how: How::Verb,
                    cue: Span::new(verb_at, verb_at + verb_len),
                });
            }
            let verb_len = self.g.verb_at(&rest[skip..], true)?;
            let verb = Span::new(at + skip, at + skip + verb_len);
            return Some(Attribution {
                speaker: Some(np),
                how: How::Verb,
                cue: verb,
            });
        }
    }

    /// A clause that introduces the quotation: with a colon ("Ruiz put it plainly: "…""), with a
    /// comma after a clause that has a subject and a verb ("Graham spoke on Fox News, "…"",
    /// "said Ruiz, "…""), or a speech verb right before it ("Ruiz said "…"").
    fn before(&self, from: usize, to: usize) -> Option<Attribution> {
        let clause = self.text[from..to].trim_end();
        let end = from + clause.len();
        if clause.is_empty() {
            return None;
        }
        if clause.ends_with(':') {
            let colon = Span::new(end - 1, end);
            let speaker = self
                .last_speech_speaker(from, end - 1)
                .or_else(|| self.g.verb_subject(from, end - 1))
                .or_else(|| self.g.clause_subject(from, end - 1));
            return speaker.map(|s| Attribution {
                speaker: Some(s),
                how: How::Colon,
                cue: colon,
            });
        }
        if clause.ends_with(',') {
            // The last verb of the introducing clause, and its speaker.
            let words = word_offsets(&self.text[from..end - 1]);
            for &(at, w) in words.iter().rev() {
                let w_clean = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                let at = from + at;
                if !self.g.is_clause_verb(w_clean) {
                    continue;
                }
                let verb = Span::new(at, at + w.len());
                let speaker = self
                    .g
                    .subject_before(from, at)
                    .or_else(|| self.g.speaker_after(verb.end, end - 1))
                    .or_else(|| self.g.clause_subject(from, at));
                if speaker.is_some() {
                    return Some(Attribution {
                        speaker,
                        how: How::Verb,
                        cue: verb,
                    });
                }
                break;
            }
            // "According to Ruiz, "…"".
            return self
                .last_speech(from, end - 1)
                .or_else(|| self.in_words_of(from, end - 1));
        }
        // "Ruiz said "…"".
        let last = word_offsets(clause).last().copied()?;
        if self.g.is_speech_word(last.1) {
            let verb = Span::new(from + last.0, from + last.0 + last.1.len());
            if let Some(speaker) = self.g.subject_before(from, verb.start) {
                return Some(Attribution {
                    speaker: Some(speaker),
                    how: How::Verb,
                    cue: verb,
                });
            }
        }
        None
    }

    /// An opening phrase that gives whose words follow: "In Dr. Ruiz's words", "in her view",
    /// "In the words of the mayor" (a noun of `voice_nouns`), up to `to` (its comma).
    fn in_words_of(&self, from: usize, to: usize) -> Option<Attribution> {
        let clause = &self.text[from..to];
        let words = word_offsets(clause);
        // The phrase opens the clause or follows its last comma.
        let k = words
            .iter()
            .rposition(|(_, w)| w.ends_with(','))
            .map_or(0, |c| c + 1);
        let (at, first) = *words.get(k)?;
        if !first.eq_ignore_ascii_case("in") {
            return None;
        }
        let rest = &words[k + 1..];
        let voice = |w: &str| self.lex[ListId::VoiceNouns].contains_ci(w);
        let owner = match rest {
            // "in the words of X"
            [(_, the), (_, noun), (_, of), (o, _), ..]
                if the.eq_ignore_ascii_case("the") && voice(noun) && *of == "of" =>
            {
                let start = from + o;
                self.g.noun_phrase_forward(start, to)?
            }
            // "in X's (own) words", "in her view"
            _ => {
                let &(_, last) = rest.last()?;
                if !voice(last) || rest.len() > 6 {
                    return None;
                }
                let owner = &rest[..rest.len() - 1];
                let owner = match owner.last() {
                    Some((_, w)) if w.eq_ignore_ascii_case("own") => &owner[..owner.len() - 1],
                    _ => owner,
                };
                let (o_at, o_first) = *owner.first()?;
                let (l_at, l_last) = *owner.last()?;
                let possessive = l_last.ends_with("'s")
                    || l_last.ends_with("\u{2019}s")
                    || l_last.ends_with("s'")
                    || matches!(
                        l_last.to_lowercase().as_str(),
                        "his" | "her" | "their" | "my" | "our" | "your"
                    );
                if !possessive || !(o_first.starts_with(char::is_uppercase) || owner.len() == 1) {
                    return None;
                }
                Span::new(from + o_at, from + l_at + l_last.len())
            }
        };
        Some(Attribution {
            speaker: Some(owner),
            how: How::Verb,
            cue: Span::new(from + at, to),
        })
    }

    /// A speech verb (the lexicon's) in `span`, outside `skip`, with its speaker: the one nearest
    /// `skip` when given.
    fn speech_in(&self, span: Span, skip: Option<Span>, block: usize) -> Option<Attribution> {
        let block_span = self.doc.blocks[block].span;
        let all = self.verbs_in(span.start, span.end);
        // Nearest `skip` first (the earlier of two as near), outside it.
        let mut verbs: Vec<Span> = Vec::new();
        if let Some(q) = skip {
            let split = all.partition_point(|v| v.end <= q.start);
            let mut before = all[..split].iter().rev().peekable();
            let mut after = all[split..].iter().filter(|v| v.start >= q.end).peekable();
            while verbs.len() < VERBS_TRIED {
                let take_before = match (before.peek(), after.peek()) {
                    (Some(b), Some(a)) => q.start - b.end <= a.start - q.end,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                let next = if take_before {
                    before.next()
                } else {
                    after.next()
                };
                verbs.extend(next.copied());
            }
        } else {
            verbs.extend(all.iter().take(VERBS_TRIED));
        }
        verbs.into_iter().find_map(|verb| {
            let speaker = self.speaker_of_verb(span.start.max(block_span.start), verb, span.end)?;
            Some(Attribution {
                speaker: Some(speaker),
                how: How::Verb,
                cue: verb,
            })
        })
    }

    /// The speaker of a speech verb: the noun phrase before it, or the name after it.
    fn speaker_of_verb(&self, from: usize, verb: Span, to: usize) -> Option<Span> {
        let to = near_end(self.text, verb.end, to, QUOTE_REACH);
        let v = self.text[verb.range()].to_lowercase();
        if v.starts_with("according") {
            // "According to Rutgers political scholar Kelly Dittmar, …": the phrase up to the
            // clause's end names the source, whatever its shape.
            let rest = &self.text[verb.end..to.max(verb.end)];
            let phrase = rest.split([',', ':', ';', '.']).next().unwrap_or("");
            let lead = phrase.len() - phrase.trim_start().len();
            let words = phrase.split_whitespace().count();
            let start = verb.end + lead;
            let end = verb.end + phrase.trim_end().len();
            return (1..=8)
                .contains(&words)
                .then(|| Span::new(start, end))
                .or_else(|| self.g.speaker_after(verb.end, to));
        }
        self.g
            .subject_before(from, verb.start)
            .or_else(|| self.g.speaker_after(verb.end, to))
    }

    /// The last speech verb of `from..to` with its speaker.
    fn last_speech(&self, from: usize, to: usize) -> Option<Attribution> {
        let verb = *self.verbs_in(from, to).last()?;
        let speaker = self.speaker_of_verb(from, verb, to)?;
        Some(Attribution {
            speaker: Some(speaker),
            how: How::Verb,
            cue: verb,
        })
    }

    fn last_speech_speaker(&self, from: usize, to: usize) -> Option<Span> {
        self.last_speech(from, to).and_then(|a| a.speaker)
    }

    /// The sentence before a quotation gives its subject's words or view: a speech verb or a verb
    /// of view with its subject, or a partial quotation of someone's words.
    fn paraphrase(&self, sentence: Span, block: usize) -> Option<Attribution> {
        let sentence = self.tail_of(sentence);
        if let Some(a) = self.speech_in(sentence, None, block) {
            return Some(a);
        }
        let words = word_offsets(&self.text[sentence.range()]);
        for (k, &(at, w)) in words.iter().enumerate() {
            let clean = w.trim_matches(|c: char| !c.is_alphabetic());
            // A verb of view of two words ("pointed out", "paid tribute") is listed whole.
            let phrase = words.get(k + 1).map(|&(_, next)| {
                format!(
                    "{clean} {}",
                    next.trim_matches(|c: char| !c.is_alphabetic())
                )
            });
            if !self.lex[ListId::ViewVerbs].contains_ci(clean)
                && !phrase.is_some_and(|p| self.lex[ListId::ViewVerbs].contains_ci(&p))
            {
                continue;
            }
            let verb = Span::new(sentence.start + at, sentence.start + at + w.len());
            if let Some(speaker) = self.g.subject_before(sentence.start, verb.start) {
                return Some(Attribution {
                    speaker: Some(speaker),
                    how: How::ParaphraseBefore,
                    cue: verb,
                });
            }
        }
        // "He also offered no excuses for the loss.": a sentence giving its subject something
        // said (`speech_act_nouns`) paraphrases that subject's words.
        for (k, &(at, w)) in words.iter().enumerate() {
            let clean = w.trim_matches(|c: char| !c.is_alphabetic());
            if k < 2 || !self.lex[ListId::SpeechActNouns].contains_ci(clean) {
                continue;
            }
            // The noun's verb: the nearest word before it, after at most two determiners or
            // adjectives ("offered no", "gave a stern"); a capitalised word is a name, not a
            // verb ("as Jones offered no apology").
            let verb = words[k.saturating_sub(3)..k].iter().rev().find(|&&(_, v)| {
                let v = v.trim_matches(|c: char| !c.is_alphabetic());
                !v.starts_with(char::is_uppercase)
                    && (self.g.is_past(v)
                        || (v.len() > 3 && v.ends_with('s') && !v.ends_with("ss")))
            });
            let Some(&(v_at, v)) = verb else { continue };
            let verb = Span::new(sentence.start + v_at, sentence.start + v_at + v.len());
            if let Some(speaker) = self.g.subject_before(sentence.start, verb.start) {
                return Some(Attribution {
                    speaker: Some(speaker),
                    how: How::ParaphraseBefore,
                    cue: Span::new(sentence.start + at, sentence.start + at + w.len()),
                });
            }
        }
        // "she looked at the role as a "chance to face my demons,""
        let quotations = &self.doc.quotations;
        let partial = quotations[quotations.partition_point(|q| q.span.start < sentence.start)..]
            .iter()
            .take_while(|q| q.span.start < sentence.end)
            .find(|q| q.block == block && sentence.contains(q.span) && !q.full)?;
        if partial.kind != super::QuoteKind::Partial {
            return None;
        }
        let speaker = self.g.clause_subject(sentence.start, partial.span.start)?;
        Some(Attribution {
            speaker: Some(speaker),
            how: How::ParaphraseBefore,
            cue: partial.span,
        })
    }

    /// A quotation that opens its paragraph, introduced by the paragraph before (ending in a colon
    /// or "stated,") or by a speaker heading above a run of paragraphs that open with quotations.
    fn introduced(&self, q: &Quotation) -> Option<Attribution> {
        let block = self.doc.blocks[q.block].span;
        if q.span.start != block.start || q.block == 0 {
            return None;
        }
        let prev = self.doc.blocks[q.block - 1].span;
        // The paragraph itself ends in the colon or comma, not a quotation after it ("… the
        // sport of rugby: "I did what any Londoner would do."" introduces nothing further).
        let prose_end = self.doc.prose[prev.range()].trim_end();
        if !prose_end.ends_with([':', ',']) {
            return self.heading_above(q.block);
        }
        let prev_text = self.text[prev.range()].trim_end();
        let prev_end = prev.start + prev_text.len();
        let cue = Span::new(prev_end.saturating_sub(1), prev_end);
        if prev_text.ends_with(':') {
            let last = self
                .doc
                .sentences_of(q.block - 1)
                .last()
                .map_or(prev, |s| s.span);
            let last = self.tail_of(last);
            let speaker = self
                .last_speech_speaker(last.start, prev_end - 1)
                .or_else(|| self.g.clause_subject(last.start, prev_end - 1));
            return Some(Attribution {
                speaker,
                how: How::PreviousParagraph,
                cue,
            });
        }
        // "… the ministry stated," with the verb last.
        if prev_text.ends_with(',')
            && let Some(a) = self.last_speech(self.tail_of(prev).start, prev_end - 1)
            && self.text[a.cue.end..prev_end - 1].trim().is_empty()
        {
            return Some(Attribution {
                how: How::PreviousParagraph,
                cue,
                ..a
            });
        }
        self.heading_above(q.block)
    }

    /// A speaker heading above a run of paragraphs that each open with a quotation.
    fn heading_above(&self, block: usize) -> Option<Attribution> {
        let mut k = block;
        loop {
            k = k.checked_sub(1)?;
            let b = &self.doc.blocks[k];
            let opens_with_quote = self.opens[k];
            if !(opens_with_quote && matches!(b.kind, BlockKind::Paragraph | BlockKind::Quote)) {
                break;
            }
        }
        let b = &self.doc.blocks[k];
        if !(b.kind == BlockKind::Heading || self.is_speaker_line(k)) {
            return None;
        }
        let text = self.doc.prose_of(b.span);
        let lead = text.len()
            - text
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let start = b.span.start + lead;
        let end = start + name_forward(&text[lead..])?;
        let name = &self.doc.prose[start..end];
        if !self.looks_like_a_name(name) {
            return None;
        }
        // A section title ("Local Reaction", "Emergency Response") reads like a name too. A
        // speaker heading gives the speaker's role after a comma ("Ana Ruiz, baker"), is set in
        // capitals ("ANA RUIZ"), or names someone the story names elsewhere.
        let role = self.doc.prose[end..b.span.end]
            .trim_start()
            .starts_with([',', '(', '\u{2013}', '\u{2014}', '-']);
        let capitals = !name.chars().any(char::is_lowercase);
        // A title-case line above the story's first sentence is its title ("Harbor Town
        // Reopens Its Ferry Pier"), whatever names it holds: a speaker heading follows an introduction (a
        // date or a byline line above it is none).
        let introduced = self.doc.blocks[..k].iter().any(|p| {
            p.kind == BlockKind::Paragraph
                && self.doc.prose[p.span.range()]
                    .trim_end()
                    .ends_with(['.', '!', '?', ':'])
        });
        if !(role || capitals || (introduced && self.named_elsewhere(name, b.span))) {
            return None;
        }
        Some(Attribution {
            speaker: Some(Span::new(start, end)),
            how: How::Qa,
            cue: b.span,
        })
    }

    /// Whether the last word of `name` (a surname) is written, capitalised, in the story's
    /// prose outside `except`, and none of its words is written in lower case anywhere (a name
    /// is always capitalised; "reaction" is a word, not a name).
    fn named_elsewhere(&self, name: &str, except: Span) -> bool {
        let words: Vec<&str> = name
            .split_whitespace()
            .filter(|w| !is_linking(w))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        let Some(last) = words.last() else {
            return false;
        };
        let lower_somewhere = words.iter().any(|w| {
            let l = w.to_lowercase();
            l != *w && self.written_at(&l).is_some()
        });
        // Written outside `except`: the occurrences are in order, so the first one starts
        // before it or the last one ends after it.
        let elsewhere = self.written_at(last).is_some_and(|(first, final_)| {
            first < except.start || final_ + last.len() > except.end
        });
        elsewhere && !lower_somewhere
    }

    /// The first and last offsets at which the prose writes `w` as a whole word.
    fn written_at(&self, w: &str) -> Option<(usize, usize)> {
        if let Some(found) = self.written.borrow().get(w) {
            return *found;
        }
        let prose: &str = &self.doc.prose;
        let is_word = |at: usize| {
            let before = prose[..at].chars().next_back();
            let after = prose[at + w.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        };
        let mut at = prose
            .match_indices(w)
            .map(|(at, _)| at)
            .filter(|&at| is_word(at));
        let found = at.next().map(|first| (first, at.last().unwrap_or(first)));
        self.written.borrow_mut().insert(w.to_string(), found);
        found
    }

    /// A short line naming a speaker: a few words, capitalised, not a sentence.
    fn is_speaker_line(&self, block: usize) -> bool {
        let b = &self.doc.blocks[block];
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading) {
            return false;
        }
        let text = self.doc.prose_of(b.span).trim();
        // The quick tests first; the words are counted to one past the most allowed.
        !text.ends_with(['.', '!', '?', '"', '\u{201d}'])
            && text.chars().next().is_some_and(char::is_uppercase)
            && (1..=12).contains(&text.split_whitespace().take(13).count())
    }

    /// An interviewer's question on a line of its own: one sentence of a few words ending in a
    /// question mark, with no quotation in it.
    fn is_question_line(&self, block: usize) -> bool {
        let b = &self.doc.blocks[block];
        if b.kind != BlockKind::Paragraph {
            return false;
        }
        let text = self.doc.prose_of(b.span).trim();
        text.ends_with('?')
            && text.chars().next().is_some_and(char::is_uppercase)
            && (3..=30).contains(&text.split_whitespace().take(31).count())
            && !text.contains(['"', '\u{201c}', '\u{201d}'])
            && self.doc.sentences_of(block).count() == 1
    }

    /// Whether a heading reads as a name, not a section title: two or more capitalised words, the
    /// first no sentence starter ("Ana Ruiz", "JOHN DOE", not "Reactions" or "The Vote").
    fn looks_like_a_name(&self, s: &str) -> bool {
        let words: Vec<&str> = s.split_whitespace().collect();
        words.len() >= 2
            && words
                .iter()
                .all(|w| w.starts_with(char::is_uppercase) || is_linking(w))
            && !self.lex[ListId::SentenceStarters].contains_ci(words[0])
    }

    /// The interview speaker of each block: "((Name))", "Q:"/"A:" or "NAME:" opening a
    /// paragraph, in a story with at least two such lines; an answer's later paragraphs keep its
    /// speaker until the next tag or heading.
    fn interview_speakers(&self) -> Vec<Option<(Option<Span>, Span)>> {
        let blocks = &self.doc.blocks;
        let mut tags: Vec<Option<(Span, Span)>> = vec![None; blocks.len()];
        let mut count = 0;
        for (i, b) in blocks.iter().enumerate() {
            if !matches!(
                b.kind,
                BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem
            ) {
                continue;
            }
            let text = self.doc.prose_of(b.span);
            let tag = if text.starts_with("((") {
                WIKI_TAG.get(text).captures(text)
            } else {
                qa_tag(text)
            };
            let Some(c) = tag else {
                continue;
            };
            let name = c
                .name("wiki")
                .or_else(|| c.name("qa"))
                .or_else(|| c.name("name"))
                .expect("one of the alternatives matched");
            let whole = c.get(0).expect("the match");
            // An answer or a question, not a caption's credit ("Gary Johnson Image: Gage
            // Skidmore."): a few words after the tag.
            let rest = &text[name.end()..];
            let rest = rest.trim_start_matches([')', ':', ' ']);
            if rest.split_whitespace().count() < 4 {
                continue;
            }
            // A notice ("UPDATE: …", "Editor's note: …") or a reader's comment signature
            // ("Posted By: ana | May 2") labels its line; it names no one who answers.
            if self.lex[ListId::NoticeTags].contains(&name.as_str().to_lowercase())
                || is_signature(self.doc, i)
            {
                continue;
            }
            tags[i] = Some((
                Span::from(name.range()).shift(b.span.start),
                Span::from(whole.range()).shift(b.span.start),
            ));
            count += 1;
        }
        // A "Name:" tag is an interview speaker when it is set in capitals ("RUIZ:"), opens an
        // answer in quotation marks, or tags more than one paragraph; a notice line ("Update:",
        // "Correction: …") is none of these.
        let tag_text = |t: Option<(Span, Span)>| t.map(|(n, _)| &self.doc.prose[n.range()]);
        let mut names: HashMap<&str, usize> = HashMap::new();
        for name in tags.iter().filter_map(|t| tag_text(*t)) {
            *names.entry(name).or_default() += 1;
        }
        for (i, t) in tags.iter_mut().enumerate() {
            let Some((name, _)) = *t else { continue };
            let text = &self.doc.prose[name.range()];
            let rest =
                self.doc.prose[name.end..blocks[i].span.end].trim_start_matches([')', ':', ' ']);
            let plain = qa_tag(&self.doc.prose[blocks[i].span.range()])
                .is_some_and(|c| c.name("name").is_some());
            let speaker = !plain
                || !text.chars().any(char::is_lowercase)
                || rest.starts_with(['"', '\u{201c}'])
                || names.get(text).is_some_and(|&n| n > 1);
            if !speaker {
                *t = None;
                count -= 1;
            }
        }
        // An interview printed without tags: the interviewer's questions as lines of their own
        // ("What does leadership mean to you?"), each followed by the answer. With two or more,
        // what follows a question, to the next question or section, is the answer: a
        // quotation inside its prose is the interviewee's words, speaker unnamed (a pull-quote
        // set apart as a paragraph of its own is not: `Finder::find`).
        let n = blocks.len();
        let question: Vec<bool> = (0..n).map(|i| self.is_question_line(i)).collect();
        let asked: Vec<bool> = (0..n)
            .map(|i| question[i] && i + 1 < n && !question[i + 1])
            .collect();
        let by_questions = asked.iter().filter(|a| **a).count() >= 2;
        let by_tags = count >= 2;
        if !by_tags && !by_questions {
            return vec![None; n];
        }
        let mut current: Option<(Option<Span>, Span)> = None;
        let mut out = vec![None; n];
        for (i, b) in blocks.iter().enumerate() {
            if by_questions && asked[i] {
                current = Some((None, b.span));
                continue;
            }
            if matches!(b.kind, BlockKind::Heading | BlockKind::Headline) {
                current = None;
                continue;
            }
            if by_tags && let Some((name, tag)) = tags[i] {
                current = Some((Some(name), tag));
            } else if self.is_speaker_line(i) {
                // A speaker line ("**Ana Ruiz, café owner**") starts another speaker's run.
                current = None;
            }
            out[i] = current;
        }
        out
    }
}

/// Zero-width joiners and the like, which some copy puts after a dash.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}
