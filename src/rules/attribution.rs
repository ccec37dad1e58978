//! `attribution` rules: quotations with no speaker, anonymous sourcing with no stated reason, and
//! weasel phrases that hide who holds a view.

use super::{Rule, RuleMeta, interpolate};
use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::span::Span;
use regex::Regex;
use std::borrow::Cow;

/// What an attribution rule checks.
#[derive(Debug)]
pub enum Check {
    /// A full quotation whose paragraph(s) carry no speech verb, "according to" or colon introduction.
    UnattributedQuote {
        /// Speech verbs and attributing phrases, as one word-bounded regex.
        speech: Regex,
        /// Sentences before and after the quotation searched for a speaker; None: the paragraph.
        window: Option<usize>,
    },
    /// A sentence with a claim trigger (a statistic, a superlative, an accusation) and no
    /// attribution in the sentence or its paragraph.
    UnattributedClaim {
        /// What makes a sentence a disputable claim.
        triggers: Regex,
        /// Speech verbs and attributing phrases.
        speech: Regex,
    },
    /// An anonymous-source phrase with no reason for anonymity in its paragraph.
    AnonymousSource {
        /// The anonymous-source phrases.
        phrases: Regex,
        /// Reasons for anonymity; one in the paragraph excuses the phrase.
        reasons: Regex,
        /// Words that, written just before the phrase, name whose source it is.
        qualifiers: Vec<String>,
    },
    /// A weasel phrase outside quotations with no named source ("according to …") in its sentence.
    Weasel {
        /// The weasel phrases.
        phrases: Regex,
        /// What names a source within the sentence.
        sourced: Regex,
    },
}

/// One attribution rule.
#[derive(Debug)]
pub struct AttributionRule {
    meta: RuleMeta,
    check: Check,
}

impl AttributionRule {
    /// A rule from its metadata and check.
    pub fn new(meta: RuleMeta, check: Check) -> Self {
        AttributionRule { meta, check }
    }

    fn prose_blocks<'d>(&'d self, doc: &'d Document) -> impl Iterator<Item = (usize, Span)> + 'd {
        doc.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                self.meta.reads(b.kind)
                    && !matches!(b.kind, BlockKind::Headline | BlockKind::Heading)
            })
            .map(|(i, b)| (i, b.span))
    }

    /// The block's prose with quotations blanked out.
    fn outside_quotes<'d>(doc: &'d Document, block: usize) -> &'d str {
        &doc.unquoted[doc.blocks[block].span.range()]
    }

    /// Prose outside quotations of block `b`, limited to `window` sentences around `span`.
    fn searched<'d>(
        doc: &'d Document,
        b: usize,
        span: Span,
        window: Option<usize>,
    ) -> Cow<'d, str> {
        let outside = Self::outside_quotes(doc, b);
        let Some(n) = window else {
            return Cow::Borrowed(outside);
        };
        let base = doc.blocks[b].span.start;
        let sentences: Vec<Span> = doc.sentences_of(b).map(|s| s.span).collect();
        let hit: Vec<usize> = (0..sentences.len())
            .filter(|&i| sentences[i].overlaps(span) || span.contains(sentences[i]))
            .collect();
        let (Some(&first), Some(&last)) = (hit.first(), hit.last()) else {
            return Cow::Borrowed(outside);
        };
        let from = sentences[first.saturating_sub(n)].start - base;
        let to = sentences[(last + n).min(sentences.len() - 1)].end - base;
        let mut limited = " ".repeat(outside.len());
        limited.replace_range(from..to, &outside[from..to]);
        Cow::Owned(limited)
    }

    fn unattributed_claims(
        &self,
        doc: &Document,
        triggers: &Regex,
        speech: &Regex,
        out: &mut Vec<Diagnostic>,
    ) {
        for (bi, _) in self.prose_blocks(doc) {
            let outside = Self::outside_quotes(doc, bi);
            if speech.is_match(outside) {
                continue;
            }
            let base = doc.blocks[bi].span.start;
            for sentence in doc.sentences_of(bi) {
                let text = &outside[sentence.span.start - base..sentence.span.end - base];
                if let Some(m) = triggers.find(text) {
                    let at = Span::from(m.range()).shift(sentence.span.start);
                    let message = interpolate(&self.meta.message, &[("match", m.as_str())]);
                    out.push(
                        self.meta
                            .diagnostic(message, at)
                            .with_label("no source in this sentence or its paragraph")
                            .with_note("say who makes the claim, or where the figure comes from"),
                    );
                }
            }
        }
    }

    fn unattributed_quotes(
        &self,
        doc: &Document,
        speech: &Regex,
        window: Option<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let quotes = &doc.quotations;
        for (i, q) in quotes.iter().enumerate() {
            if !q.full || q.continues.is_some() || !self.meta.reads(doc.blocks[q.block].kind) {
                continue;
            }
            // The paragraphs the quotation runs through.
            let mut blocks = vec![q.block];
            blocks.extend(
                quotes[i + 1..]
                    .iter()
                    .filter(|c| c.continues == Some(i))
                    .map(|c| c.block),
            );
            let attributed = blocks.iter().any(|&b| {
                let span = quotes[i..]
                    .iter()
                    .find(|x| x.block == b)
                    .map_or(q.span, |x| x.span);
                speech.is_match(&Self::searched(doc, b, span, window)) || colon_intro(doc, b)
            });
            // A paragraph ending in a colon introduces the quotation that follows it.
            let introduced = q.block.checked_sub(1).is_some_and(|p| {
                q.span.start == doc.blocks[q.block].span.start
                    && doc.prose_of(doc.blocks[p].span).trim_end().ends_with(':')
            });
            if attributed || introduced {
                continue;
            }
            let shown = short(doc.text_of(q.inner));
            let message = interpolate(&self.meta.message, &[("match", &shown)]);
            let mut d = self
                .meta
                .diagnostic(message, q.span)
                .with_label("no speaker for this quotation")
                .with_note("looked for a speech verb (said, told, added …), \"according to\" or a colon introduction in the quotation's paragraph");
            // The nearest speaker in the paragraph before: often the intended one.
            if let Some(prev) = q.block.checked_sub(1) {
                let outside = Self::outside_quotes(doc, prev);
                if let Some(m) = speech.find_iter(outside).last() {
                    let span = Span::from(m.range()).shift(doc.blocks[prev].span.start);
                    d = d
                        .with_secondary(span, "a speaker was found here, but in another paragraph");
                }
            }
            out.push(d);
        }
    }
}

/// `Name said:` / `The mayor was blunt:` directly before a quotation.
fn colon_intro(doc: &Document, block: usize) -> bool {
    doc.quotations
        .iter()
        .filter(|q| q.block == block && q.full)
        .any(|q| {
            let before = doc
                .prose_of(Span::new(doc.blocks[block].span.start, q.span.start))
                .trim_end();
            before.ends_with(':') && before.chars().any(char::is_uppercase)
        })
}

/// Whether the word before an anonymous-source phrase qualifies it: a listed word ("county
/// officials") or a proper noun ("Pentagon officials") that does not start the sentence.
fn qualified(before: &str, qualifiers: &[String]) -> bool {
    let trimmed = before.trim_end();
    let word = trimmed
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let clean: String = word
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    // "…, Bellwether Learning, a source said": punctuation ends any qualifier.
    if clean.is_empty() || word.ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    let rest = trimmed[..trimmed.len() - word.len()].trim_end();
    let sentence_start = rest.is_empty() || rest.ends_with(['.', '!', '?', '"', '\u{201d}']);
    qualifiers.contains(&clean.to_lowercase())
        || (clean.chars().next().is_some_and(char::is_uppercase) && !sentence_start)
}

fn short(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 50 {
        format!("{}…", flat.chars().take(47).collect::<String>())
    } else {
        flat
    }
}

impl Rule for AttributionRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        match &self.check {
            Check::UnattributedQuote { speech, window } => {
                self.unattributed_quotes(doc, speech, *window, out)
            }
            Check::UnattributedClaim { triggers, speech } => {
                self.unattributed_claims(doc, triggers, speech, out)
            }
            Check::AnonymousSource {
                phrases,
                reasons,
                qualifiers,
            } => {
                for (bi, span) in self.prose_blocks(doc) {
                    let outside = Self::outside_quotes(doc, bi);
                    let mut found = phrases.find_iter(outside).peekable();
                    // The reason is looked for only in paragraphs that need one.
                    if found.peek().is_none() || reasons.is_match(doc.prose_of(span)) {
                        continue;
                    }
                    for m in found {
                        if qualified(&outside[..m.start()], qualifiers) {
                            continue;
                        }
                        let at = Span::from(m.range()).shift(span.start);
                        let message = interpolate(&self.meta.message, &[("match", m.as_str())]);
                        out.push(
                            self.meta
                                .diagnostic(message, at)
                                .with_label("who?")
                                .with_note("name the source, or say why they cannot be named (\"spoke on condition of anonymity because …\")"),
                        );
                    }
                }
            }
            Check::Weasel { phrases, sourced } => {
                for (bi, span) in self.prose_blocks(doc) {
                    let outside = Self::outside_quotes(doc, bi);
                    for m in phrases.find_iter(outside) {
                        let at = Span::from(m.range()).shift(span.start);
                        let sentence = doc
                            .sentences_of(bi)
                            .find(|s| s.span.contains(at))
                            .map_or(span, |s| s.span);
                        if sourced.is_match(doc.prose_of(sentence)) {
                            continue;
                        }
                        let message = interpolate(&self.meta.message, &[("match", m.as_str())]);
                        out.push(
                            self.meta
                                .diagnostic(message, at)
                                .with_label("who says so?")
                                .with_note("name who holds this view, or cite the study"),
                        );
                    }
                }
            }
        }
    }
}
