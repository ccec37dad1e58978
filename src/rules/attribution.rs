//! `attribution` rules: quotations with no speaker, anonymous sourcing with no stated reason, and
//! weasel phrases that hide who holds a view. What counts as a speech verb is the lexicon's
//! `speech_verbs` list, shared with the document's quotation and speaker analysis.

use super::compile::{Built, Compiled, Table, either};
use super::{Rule, RuleMeta, abbreviate, interpolate};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::lexicon::{ListId, phrases_to_regex};
use crate::span::Span;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

/// The checks of kind `attribution`.
const CHECKS: &[&str] = &[
    "unattributed-quote",
    "unattributed-claim",
    "anonymous-source",
    "weasel",
];

/// The options of `check = "unattributed-quote"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteOptions {
    /// Sentences around a quotation searched for its speaker (default: the paragraph).
    window: Option<usize>,
}

/// The options of `check = "unattributed-claim"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimOptions {
    /// What makes a sentence a disputable claim (regexes).
    triggers: Option<Spanned<Vec<String>>>,
}

/// The options of `check = "anonymous-source"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnonymousOptions {
    /// Anonymous-source phrases.
    phrases: Option<Spanned<Vec<String>>>,
    /// Or a regex (both may be given).
    pattern: Option<Spanned<String>>,
    /// Words that qualify a phrase ("county officials said").
    qualifiers: Option<Vec<String>>,
    /// Reasons for anonymity (regexes) that excuse the phrase.
    reasons: Option<Spanned<Vec<String>>>,
}

/// The options of `check = "weasel"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeaselOptions {
    /// Weasel phrases.
    phrases: Option<Spanned<Vec<String>>>,
    /// Or a regex (both may be given).
    pattern: Option<Spanned<String>>,
    /// What names a source in a sentence (regexes) and excuses the phrase.
    sourced: Option<Spanned<Vec<String>>>,
}

/// Compiles an `attribution` rule.
pub(super) fn build(table: Table<'_>) -> Compiled {
    let check = table.check(CHECKS)?;
    let one = |e: ConfigError| vec![e];
    let phrases = |p: &Option<Spanned<Vec<String>>>, pattern: &Option<Spanned<String>>| {
        let span = p
            .as_ref()
            .map(|p| Span::from(p.span()))
            .or(pattern.as_ref().map(|p| Span::from(p.span())))
            .unwrap_or(table.at);
        let source = either(
            p.as_ref().map(|p| phrases_to_regex(p.get_ref(), false)),
            pattern.as_ref().map(|p| p.get_ref().clone()),
        );
        table.regex(&source, span)
    };
    let alternation = |list: &Option<Spanned<Vec<String>>>, flags: &str| {
        let span = list.as_ref().map_or(table.at, |l| Span::from(l.span()));
        let items = list
            .as_ref()
            .map(|l| l.get_ref().join("|"))
            .unwrap_or_default();
        table.regex(&format!("{flags}(?:{items})"), span)
    };
    let check = match check.as_str() {
        "unattributed-quote" => {
            let o: QuoteOptions = table.options(&["check"])?;
            Check::UnattributedQuote { window: o.window }
        }
        "unattributed-claim" => {
            let o: ClaimOptions = table.options(&["check"])?;
            Check::UnattributedClaim {
                triggers: alternation(&o.triggers, "").map_err(one)?,
            }
        }
        "anonymous-source" => {
            let o: AnonymousOptions = table.options(&["check"])?;
            Check::AnonymousSource {
                phrases: phrases(&o.phrases, &o.pattern).map_err(one)?,
                reasons: alternation(&o.reasons, "(?i)").map_err(one)?,
                qualifiers: o
                    .qualifiers
                    .unwrap_or_default()
                    .iter()
                    .map(|q| q.to_lowercase())
                    .collect(),
            }
        }
        _ => {
            let o: WeaselOptions = table.options(&["check"])?;
            Check::Weasel {
                phrases: phrases(&o.phrases, &o.pattern).map_err(one)?,
                sourced: alternation(&o.sourced, "").map_err(one)?,
            }
        }
    };
    Ok(Built::Other(Box::new(AttributionRule::new(
        table.meta, check,
    ))))
}

/// What an attribution rule checks.
#[derive(Debug)]
pub enum Check {
    /// A full quotation whose paragraph(s) carry no speech verb, "according to" or colon introduction.
    UnattributedQuote {
        /// Sentences before and after the quotation searched for a speaker; None: the paragraph.
        window: Option<usize>,
    },
    /// A sentence with a claim trigger (a statistic, a superlative, an accusation) and no
    /// attribution in the sentence or its paragraph.
    UnattributedClaim {
        /// What makes a sentence a disputable claim.
        triggers: Regex,
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

    fn unattributed_claims(&self, doc: &Document, triggers: &Regex, out: &mut Vec<Diagnostic>) {
        let speech = doc.lexicon[ListId::SpeechVerbs].regex();
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
        window: Option<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let speech = doc.lexicon[ListId::SpeechVerbs].regex();
        let attributions = doc.attributions();
        for (i, q) in doc.quotations.iter().enumerate() {
            if !q.full || q.continues.is_some() || !self.meta.reads(doc.blocks[q.block].kind) {
                continue;
            }
            if attributions[i].is_some_and(|a| within(doc, q.span, a.cue, window)) {
                continue;
            }
            let shown = abbreviate(doc.text_of(q.inner), 50, 47);
            let message = interpolate(&self.meta.message, &[("match", &shown)]);
            let mut d = self
                .meta
                .diagnostic(message, q.span)
                .with_label("no speaker for this quotation")
                .with_note("looked for a speaker in its sentence (a verb of saying, a colon, a dash caption), the sentences and quotations next to it in its paragraph, an interview line, and a paragraph before ending in a colon");
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

/// Whether what attributes a quotation lies within `window` sentences of it (always, with no
/// window, or when it is in another paragraph: a colon paragraph, a heading, an interview tag).
fn within(doc: &Document, quote: Span, cue: Span, window: Option<usize>) -> bool {
    let Some(n) = window else {
        return true;
    };
    let index = |pos: usize| doc.sentences.partition_point(|s| s.span.end <= pos);
    let (first, last) = (index(quote.start), index(quote.end.saturating_sub(1)));
    let at = index(cue.start);
    let block = |i: usize| doc.sentences.get(i).map(|s| s.block);
    if block(at) != block(first) {
        return true;
    }
    let distance = if at < first {
        first - at
    } else {
        at.saturating_sub(last)
    };
    distance <= n
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

impl Rule for AttributionRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        match &self.check {
            Check::UnattributedQuote { window } => self.unattributed_quotes(doc, *window, out),
            Check::UnattributedClaim { triggers } => self.unattributed_claims(doc, triggers, out),
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
