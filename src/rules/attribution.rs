//! `attribution` rules: quotations with no speaker, anonymous sourcing with no stated reason, and
//! weasel phrases that hide who holds a view. What counts as a speech verb is the lexicon's
//! `speech_verbs` list, shared with the document's quotation and speaker analysis.

use super::compile::{Built, Compiled, Table, either};
use super::lineset::LazyRegex;
use super::prefilter::FastRegex;
use super::{Rule, RuleMeta, abbreviate, interpolate};
use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::sourcing::{AnonymousKind, Sourcing};
use crate::document::{BlockKind, Document};
use crate::lexicon::{ListId, phrases_to_regex};
use crate::span::Span;
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
        table.lazy_regex(&source, span).map(FastRegex::new)
    };
    let alternation = |list: &Option<Spanned<Vec<String>>>, flags: &str| {
        let span = list.as_ref().map_or(table.at, |l| Span::from(l.span()));
        let items = list
            .as_ref()
            .map(|l| l.get_ref().join("|"))
            .unwrap_or_default();
        table.lazy_regex(&format!("{flags}(?:{items})"), span)
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
        triggers: LazyRegex,
    },
    /// An anonymous-source phrase with no reason for anonymity in its paragraph.
    AnonymousSource {
        /// The anonymous-source phrases.
        phrases: FastRegex,
        /// Reasons for anonymity; one in the paragraph excuses the phrase.
        reasons: LazyRegex,
        /// Words that, written just before the phrase, name whose source it is.
        qualifiers: Vec<String>,
    },
    /// A weasel phrase outside quotations with no named source ("according to …") in its sentence.
    Weasel {
        /// The weasel phrases.
        phrases: FastRegex,
        /// What names a source within the sentence.
        sourced: LazyRegex,
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

    /// The rule's own phrases outside quotations, and the document's weasels (`weasel`) or
    /// anonymous sources, in order, without overlaps (the earlier, then the longer, wins): the
    /// span, its block, and what the document found there.
    fn candidates<'d>(
        &self,
        doc: &'d Document,
        phrases: &FastRegex,
        weasel: bool,
    ) -> Vec<(Span, usize, Option<&'d Sourcing>)> {
        let mut found: Vec<(Span, usize, Option<&Sourcing>)> = Vec::new();
        for (bi, span) in self.prose_blocks(doc) {
            let text = Self::outside_quotes(doc, bi);
            if !phrases.may_match(text) {
                continue;
            }
            for m in phrases.for_text(text).find_iter(text) {
                found.push((Span::from(m.range()).shift(span.start), bi, None));
            }
        }
        for s in doc.sourcing() {
            let (span, block) = match *s {
                Sourcing::Weasel { span, block, .. } if weasel => (span, block),
                Sourcing::Anonymous { span, block, .. } if !weasel => (span, block),
                _ => continue,
            };
            found.push((span, block, Some(s)));
        }
        found.retain(|(_, b, _)| {
            self.meta.reads(doc.blocks[*b].kind)
                && !matches!(
                    doc.blocks[*b].kind,
                    BlockKind::Headline | BlockKind::Heading
                )
        });
        found.sort_by_key(|(s, _, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut out: Vec<(Span, usize, Option<&Sourcing>)> = Vec::new();
        for f in found {
            match out.last_mut() {
                Some(last) if last.0.overlaps(f.0) => {
                    last.0 = Span::new(last.0.start, last.0.end.max(f.0.end));
                    last.2 = last.2.or(f.2);
                }
                _ => out.push(f),
            }
        }
        out
    }

    fn weasels(
        &self,
        doc: &Document,
        phrases: &FastRegex,
        sourced: &LazyRegex,
        out: &mut Vec<Diagnostic>,
    ) {
        for (at, _, found) in self.candidates(doc, phrases, true) {
            // The rule's own phrases ("experts believe", "studies show") may be sourced by the
            // next sentence; an agentless passive may not.
            let next_names = match found {
                Some(Sourcing::Weasel { kind, .. }) => kind.named_next(),
                _ => true,
            };
            if doc.source_named_near(at, next_names).is_some()
                || sourced_near(doc, sourced, at, false)
                || doc.issuers_own_belief(at)
            {
                continue;
            }
            let text = doc.text_of(at);
            let message = interpolate(&self.meta.message, &[("match", text)]);
            out.push(
                self.meta
                    .diagnostic(message, at)
                    .with_label("who says so?")
                    .with_note("name who holds this view or made the report, or cite the study"),
            );
        }
    }

    fn anonymous_sources(
        &self,
        doc: &Document,
        phrases: &FastRegex,
        reasons: &LazyRegex,
        qualifiers: &[String],
        out: &mut Vec<Diagnostic>,
    ) {
        // Whether a paragraph gives a reason, read once per paragraph: a paragraph of many
        // candidates (a whole story on one line) is not read again for each.
        let mut excused: Option<(usize, bool)> = None;
        for (at, bi, found) in self.candidates(doc, phrases, false) {
            let kind = match found {
                Some(Sourcing::Anonymous { kind, .. }) => Some(*kind),
                _ => None,
            };
            // A reason for anonymity anywhere in the paragraph excuses it.
            let reason = match excused {
                Some((block, reason)) if block == bi => reason,
                _ => {
                    let paragraph = doc.prose_of(doc.blocks[bi].span);
                    let reason = reasons.for_text(paragraph).is_match(paragraph);
                    excused = Some((bi, reason));
                    reason
                }
            };
            if reason {
                continue;
            }
            let text = doc.text_of(at);
            let lower = text.to_lowercase();
            // Officials and authorities: qualified ("county officials") or standing for an
            // organisation just named, they are the organisation speaking.
            let noun = lower.find("official").or_else(|| lower.find("authorit"));
            let officials =
                kind == Some(AnonymousKind::Officials) || (kind.is_none() && noun.is_some());
            // "provided anonymously by officials": unnamed on purpose, whoever they stand for.
            let declared = lower
                .split_whitespace()
                .any(|w| doc.lexicon[ListId::CitingWords].contains(w));
            if officials && !declared {
                // "a senior government official": the article opens the phrase, and only what
                // stands before it may qualify the official.
                let article = ["a ", "an ", "one ", "another "]
                    .iter()
                    .any(|a| lower.starts_with(a));
                let noun_at = if article { 0 } else { noun.unwrap_or(0) };
                let before = &doc.unquoted[doc.blocks[bi].span.start..at.start + noun_at];
                if qualified(doc, before, qualifiers) || doc.officials_antecedent(at).is_some() {
                    continue;
                }
            } else if qualified(
                doc,
                &doc.unquoted[doc.blocks[bi].span.start..at.start],
                qualifiers,
            ) && kind.is_none()
                && !lower.contains("source")
            {
                continue;
            }
            let message = interpolate(&self.meta.message, &[("match", text)]);
            let mut d = self
                .meta
                .diagnostic(message, at)
                .with_label("who?")
                .with_note("name the source, or say why they cannot be named (\"spoke on condition of anonymity because …\")");
            // Relayed by a named outlet: the outlet vouches for it; at most informational.
            if let Some(outlet) = doc.relaying_outlet(at) {
                d.severity = d.severity.min(Severity::Info);
                d = d.with_secondary(outlet, "relayed by this named outlet");
            }
            out.push(d);
        }
    }

    fn unattributed_claims(&self, doc: &Document, triggers: &LazyRegex, out: &mut Vec<Diagnostic>) {
        let speech = &doc.lexicon[ListId::SpeechVerbs];
        for (bi, _) in self.prose_blocks(doc) {
            let outside = Self::outside_quotes(doc, bi);
            if speech.is_match(outside) {
                continue;
            }
            let base = doc.blocks[bi].span.start;
            for sentence in doc.sentences_of(bi) {
                let text = &outside[sentence.span.start - base..sentence.span.end - base];
                if let Some(m) = triggers.for_text(text).find(text) {
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
        let speech = &doc.lexicon[ListId::SpeechVerbs];
        let attributions = doc.attributions();
        // The last speech verb of the paragraph before, found once per paragraph (not once per
        // quotation: a paragraph of a thousand quotations would read it a thousand times).
        let mut speaker_before: Option<(usize, Option<Span>)> = None;
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
                let found = match speaker_before {
                    Some((block, found)) if block == prev => found,
                    _ => {
                        let found = speech
                            .find_iter(Self::outside_quotes(doc, prev))
                            .last()
                            .map(|m| Span::from(m.range()).shift(doc.blocks[prev].span.start));
                        speaker_before = Some((prev, found));
                        found
                    }
                };
                if let Some(span) = found {
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

/// Whether the rule's own `sourced` patterns find a source in the sentence of a weasel phrase
/// (the phrase itself left out) or the next sentence of its paragraph; a match made of unnamed
/// words ("Officials said", "according to reports") names no one.
fn sourced_near(doc: &Document, sourced: &LazyRegex, phrase: Span, group: bool) -> bool {
    let i = doc
        .sentences
        .partition_point(|s| s.span.end <= phrase.start);
    let Some(sentence) = doc.sentences.get(i) else {
        return false;
    };
    let next = doc
        .sentences
        .get(i + 1)
        .filter(|n| n.block == sentence.block);
    let unnamed = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(6)
            .any(|w| {
                let w = w.to_lowercase();
                [
                    ListId::ReportNouns,
                    ListId::OfficialNouns,
                    ListId::SourceNouns,
                    ListId::UnnamedGroups,
                    ListId::OutletNouns,
                ]
                .iter()
                .any(|&l| doc.lexicon[l].contains(&w))
            })
    };
    let names = |span: Span, skip: Option<Span>| {
        let mut text = doc.prose_of(span).to_string();
        if let Some(skip) = skip.filter(|s| span.contains(*s)) {
            let (a, b) = (skip.start - span.start, skip.end - span.start);
            text.replace_range(a..b, &" ".repeat(b - a));
        }
        sourced.for_text(&text).find_iter(&text).any(|m| {
            let after: String = text[m.end()..].chars().take(40).collect();
            // "according to …", "a study by …": the source follows the match.
            let leads =
                m.as_str().trim_end().ends_with(" to") || m.as_str().trim_end().ends_with(" by");
            let following: String = after
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            // "a source within the Interior Ministry said": the name places an unnamed source.
            // Only the last five words before the match are read (from the end: linear in all).
            let mut before: Vec<String> = text[..m.start()]
                .rsplit(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(5)
                .map(str::to_lowercase)
                .collect();
            before.reverse();
            let placed = before.windows(2).any(|p| {
                doc.lexicon[ListId::InformantNouns].contains(&p[0])
                    && matches!(p[1].as_str(), "within" | "inside" | "at" | "in" | "from")
            });
            !(unnamed(m.as_str()) || (leads && unnamed(&following)) || placed)
        })
    };
    // A phrase opening an aside needs its source in the aside.
    if let Some(aside) = doc.weasel_aside(phrase) {
        return names(aside, Some(phrase));
    }
    names(sentence.span, Some(phrase)) || (group && next.is_some_and(|n| names(n.span, None)))
}

/// Whether the word before an anonymous-source phrase qualifies it: a listed word ("county
/// officials") or a proper noun ("Pentagon officials") that does not start the sentence.
fn qualified(doc: &Document, before: &str, qualifiers: &[String]) -> bool {
    // The words of the noun phrase before the phrase, nearest first: "county highway officials"
    // is qualified by "county" through "highway".
    let mut trimmed = before.trim_end();
    for depth in 0..3 {
        let word = trimmed
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        let clean: String = word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        // "…, Bellwether Learning, a source said": punctuation ends any qualifier; the stops of
        // an abbreviation do not ("U.S. officials", "U.N. inspectors").
        let abbreviation = word.len() > 2
            && word.ends_with('.')
            && word.chars().all(|c| c == '.' || c.is_ascii_uppercase());
        if clean.is_empty() || (word.ends_with(|c: char| !c.is_alphanumeric()) && !abbreviation) {
            return false;
        }
        let rest = trimmed[..trimmed.len() - word.len()].trim_end();
        let sentence_start = rest.is_empty() || rest.ends_with(['.', '!', '?', '"', '\u{201d}']);
        // A day or a month names no one: "On Thursday officials reported".
        let lex = doc.lexicon;
        let lower = clean.to_lowercase();
        let date = lex.weekday_named(&clean).is_some() || lex.month_number(&clean).is_some();
        if qualifiers.contains(&lower)
            || (clean.chars().next().is_some_and(char::is_uppercase)
                && !sentence_start
                && !date
                && !lex[ListId::SentenceStarters].contains_capitalised(&clean))
        {
            return true;
        }
        // Only a lower-case noun-like word continues the phrase leftwards; a determiner, a
        // preposition, a verb of saying or a capitalised sentence start ends it.
        let continues = depth < 2
            && !sentence_start
            && clean.chars().next().is_some_and(char::is_lowercase)
            && !lex[ListId::Determiners].contains(&lower)
            && !lex[ListId::SpeechVerbs].contains_ci(&lower)
            && !lex[ListId::StopWords].contains(&lower);
        if !continues {
            return false;
        }
        trimmed = rest;
    }
    false
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
            } => self.anonymous_sources(doc, phrases, reasons, qualifiers, out),
            Check::Weasel { phrases, sourced } => self.weasels(doc, phrases, sourced, out),
        }
    }
}
