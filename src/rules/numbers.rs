//! `numbers` rules: the same quantity given two values, parts larger than their whole, and number
//! style (AP or Chicago). They read the quantities the document extracts once, and
//! `numbers.inconsistent` the mentions the document finds for them (what each counts, for which
//! event, in which frame: `document::events`); the rules only compare. The words they compare by
//! are the lexicon's.

use super::compile::{Built, Compiled, Table};
use super::{Rule, RuleMeta};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::document::events::{self, Key, Mention, sentence_groups, tail};
use crate::document::numbers::{Place, Quantity, Unit, Written, number_word, word_value};
use crate::document::{BlockKind, Document};
use crate::fix::{Applicability, Fix};
use crate::lexicon::ListId;
use crate::narrow::NarrowRegex;
use crate::rules::lineset::LazyRegex;
use crate::span::Span;
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;
use toml::Spanned;

/// The checks of kind `numbers`.
const CHECKS: &[&str] = &[
    "inconsistent",
    "part-exceeds-whole",
    "majority",
    "shares-exceed-whole",
    "style",
    "percent-form",
    "thousands-separator",
];

/// The options of `check = "inconsistent"`. Its words (event cues, people and owned nouns) are
/// the lexicon's `event_cues`, `people_nouns` and `owned_nouns`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InconsistentOptions {
    /// Regexes; a sentence matching one reports a change or another time.
    changes: Option<Spanned<Vec<String>>>,
}

/// The options of `check = "style"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleOptions {
    /// `ap`, `chicago` or `off`.
    style: Option<Spanned<String>>,
}

/// The options of the checks that take none.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoOptions {}

/// Compiles a `numbers` rule.
pub(super) fn build(table: Table<'_>) -> Compiled {
    let check = table.check(CHECKS)?;
    let check = match check.as_str() {
        "inconsistent" => {
            let o: InconsistentOptions = table.options(&["check"])?;
            Check::Inconsistent(matching(&table, o).map_err(|e| vec![e])?)
        }
        "style" => {
            let o: StyleOptions = table.options(&["check"])?;
            let name = o.style.as_ref().map_or("ap", |s| s.get_ref().as_str());
            let style = Style::from_name(name).ok_or_else(|| {
                let span = o.style.as_ref().map_or(table.at, |s| Span::from(s.span()));
                vec![
                    ConfigError::at(
                        span,
                        format!("rule `{}`: unknown style `{name}`", table.meta.id),
                    )
                    .label("expected \"ap\", \"chicago\" or \"off\""),
                ]
            })?;
            Check::Style(style)
        }
        other => {
            let _: NoOptions = table.options(&["check"])?;
            match other {
                "part-exceeds-whole" => Check::PartExceedsWhole,
                "majority" => Check::Majority,
                "shares-exceed-whole" => Check::Shares,
                "percent-form" => Check::PercentForm,
                _ => Check::Separators,
            }
        }
    };
    Ok(Built::Other(Box::new(NumbersRule::new(table.meta, check))))
}

/// The matching options of an `inconsistent` rule, compiled.
fn matching(table: &Table<'_>, o: InconsistentOptions) -> Result<Matching, ConfigError> {
    let changes = match &o.changes {
        // No change phrases: no sentence is exempt (an empty alternation matches all).
        None => None,
        Some(list) if list.get_ref().is_empty() => None,
        // A built-in rule's compiles on first use, in its narrow form over narrow text.
        Some(list) => Some(table.lazy_regex(
            &format!("(?i)(?:{})", list.get_ref().join("|")),
            Span::from(list.span()),
        )?),
    };
    Ok(Matching { changes })
}

/// A number style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// AP: one through nine in words, figures from 10.
    Ap,
    /// Chicago: zero through one hundred in words.
    Chicago,
    /// No style checks.
    Off,
}

impl Style {
    /// The style named in a config.
    pub fn from_name(name: &str) -> Option<Style> {
        match name {
            "ap" => Some(Style::Ap),
            "chicago" => Some(Style::Chicago),
            "off" => Some(Style::Off),
            _ => None,
        }
    }
}

/// How quantities are matched across a story: the rule's own option. The event cues ("dead" →
/// "killed"), the nouns that all count people and the nouns compared only for the same owner
/// (votes, seats) are the document's lexicon's, read by `document::events`.
#[derive(Debug)]
pub struct Matching {
    /// A sentence matching this reports a change, an estimate or another time, so its figures are
    /// not compared ("rose to", "by Tuesday evening", "initially").
    pub changes: Option<LazyRegex>,
}

impl Matching {
    /// Whether `text`, a sentence, holds a phrase of `changes`.
    pub fn changed(&self, text: &str) -> bool {
        self.changes
            .as_ref()
            .is_some_and(|c| c.for_text(text).is_match(text))
    }
}

/// What a numbers rule checks.
#[derive(Debug)]
pub enum Check {
    /// One quantity given two values.
    Inconsistent(Matching),
    /// A part larger than its whole ("12 of the 9 passengers").
    PartExceedsWhole,
    /// A "majority" that is half or less.
    Majority,
    /// Shares of one group in one sentence that add up to more than 100 percent.
    Shares,
    /// Words or figures (AP one through nine; Chicago to one hundred), and figures starting a
    /// sentence.
    Style(Style),
    /// "%" and "percent" in one story.
    PercentForm,
    /// "1000" and "1,000" in one story.
    Separators,
}

/// One numbers rule.
#[derive(Debug)]
pub struct NumbersRule {
    meta: RuleMeta,
    check: Check,
}

impl NumbersRule {
    /// A rule from its metadata and check.
    pub fn new(meta: RuleMeta, check: Check) -> Self {
        NumbersRule { meta, check }
    }

    /// The matching options, for `inconsistent` rules (used by `copydesk inspect`).
    pub fn matching(&self) -> Option<&Matching> {
        match &self.check {
            Check::Inconsistent(m) => Some(m),
            _ => None,
        }
    }
}

impl Rule for NumbersRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn as_numbers(&self) -> Option<&NumbersRule> {
        Some(self)
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        match &self.check {
            Check::Inconsistent(m) => self.inconsistent(doc, m, out),
            Check::PartExceedsWhole => self.part_exceeds_whole(doc, out),
            Check::Majority => self.majority(doc, doc.quantities(), out),
            Check::Shares => self.shares(doc, doc.quantities(), out),
            Check::Style(style) => self.style(doc, *style, out),
            Check::PercentForm => self.percent_forms(doc, doc.quantities(), out),
            Check::Separators => self.separators(doc, doc.quantities(), out),
        }
    }
}

/// A figure as a reader would write it: "42", "1,200", "2.1 million", "$14.5 million".
pub fn show(doc: &Document, q: &Quantity) -> String {
    super::abbreviate(doc.text_of(q.span), 40, 37)
}

/// How a later figure was tied to the earlier one it contradicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tie {
    /// Both name the same event ("the fire … killed 42", "the fire, which killed 44").
    Event,
    /// The later one refers back ("the 44 victims", "the death toll of 44", "In all, 1,300").
    Back,
    /// The later one is the body's first figure of its key, restating the headline or dek.
    Headline,
}

impl NumbersRule {
    /// One quantity given two values. The document says what each figure counts, for which event
    /// and in which frame ([`events::mentions`]); this compares a later figure with the one it
    /// restates, when the story ties them (same event, a back-reference, the lead restating the
    /// headline) and nothing tells them apart.
    fn inconsistent(&self, doc: &Document, matching: &Matching, out: &mut Vec<Diagnostic>) {
        let qs = doc.quantities();
        let ms = events::mentions(doc, &|text| matching.changed(text));
        let body = |i: usize| matches!(qs[i].place, Place::Body(_));
        // A story that gives one key three or more values in its body lists groups (a roundup:
        // "seven charged in Tampa", "27 in Miami", "a total of 90"), not one count given twice.
        let mut distinct: HashMap<&Key, Vec<f64>> = HashMap::new();
        // Every figure of a key, comparable or not: "two more", "14 of them".
        let mut loose: HashMap<&Key, Vec<(usize, f64)>> = HashMap::new();
        for (i, m) in ms.of.iter().enumerate() {
            let Some(m) = m else { continue };
            loose.entry(&m.key).or_default().push((i, qs[i].value));
            if m.comparable && body(i) {
                let values = distinct.entry(&m.key).or_default();
                if !values.iter().any(|v| same(*v, qs[i].value)) {
                    values.push(qs[i].value);
                }
            }
        }
        // A headline total of another noun: "Fourteen Alleged Gang Members" over nine defendants
        // in one indictment and five in another. Listed once, not read again for each figure.
        let headline_counts: Vec<f64> = qs
            .iter()
            .enumerate()
            .filter(|&(k, o)| !body(k) && o.unit == Unit::Count)
            .map(|(_, o)| o.value)
            .collect();
        let mut seen: HashMap<&Key, Vec<usize>> = HashMap::new();
        for (i, m) in ms.of.iter().enumerate() {
            let Some(m) = m.as_ref().filter(|m| m.comparable) else {
                continue;
            };
            let q = &qs[i];
            // The figures of the key before this one, read in place (a copy for each figure
            // would cost the square of a key's figures).
            let earlier = seen.entry(&m.key).or_default();
            earlier.push(i);
            let before = &earlier[..earlier.len() - 1];
            // The same value given before: nothing to say. A bare figure ("26") is too thin to
            // contradict anything; a headline is never the later mention.
            if !body(i) || !m.named || before.iter().any(|&j| same(qs[j].value, q.value)) {
                continue;
            }
            let mention = |j: usize| ms.of[j].as_ref().expect("a compared figure has a mention");
            let prior = || {
                before
                    .iter()
                    .copied()
                    .filter(|&j| qs[j].sentence != q.sentence)
            };
            // "The fire, which killed 44" is the story's fire, unless another fire was named in
            // this sentence or the one before ("an earlier blaze in 2015 …").
            let from = doc
                .sentence_at(q.sentence.start)
                .and_then(|_| {
                    let k = doc
                        .sentences
                        .partition_point(|s| s.span.end <= q.sentence.start);
                    doc.sentences.get(k.checked_sub(1)?).map(|s| s.span.start)
                })
                .unwrap_or(q.sentence.start);
            let by_event = m
                .event
                .as_ref()
                .filter(|e| e.definite && !e.other && !ms.ambiguous(&e.name, from, q.sentence.end))
                .and_then(|e| {
                    prior().rev().find(|&j| {
                        mention(j)
                            .event
                            .as_ref()
                            .is_some_and(|f| f.name == e.name && !f.other)
                    })
                })
                .map(|j| (j, Tie::Event));
            // A figure with an owner ("Aldana's", "With 86 seats, the alliance") is one the story
            // keeps count of: it restates the owner's figure.
            let by_back = (m.back || !m.key.owner.is_empty())
                .then(|| prior().next_back())
                .flatten()
                .map(|j| (j, Tie::Back));
            let by_headline = prior()
                .all(|j| !body(j))
                .then(|| prior().next_back())
                .flatten()
                .map(|j| (j, Tie::Headline));
            let Some((first, tie)) = by_event.or(by_back).or(by_headline) else {
                continue;
            };
            let f = &qs[first];
            let e = mention(first);
            if !self.same_count(m, e, q, f, tie)
                || (tie != Tie::Event && distinct.get(&m.key).is_some_and(|v| v.len() >= 3))
            {
                continue;
            }
            // The difference or the sum is another figure of the key: parts and their whole ("16
            // arrested" = 14 in one place + "two individuals" in another; "14 indicted" and "11
            // in a separate indictment" of 25), not one count given twice.
            let (gap, sum) = ((f.value - q.value).abs(), f.value + q.value);
            let part_of = |value: f64| value >= 2.0 && (same(value, gap) || same(value, sum));
            if loose.get(&m.key).is_some_and(|v| {
                v.iter()
                    .any(|&(k, value)| k != i && k != first && part_of(value))
            }) || headline_counts.iter().any(|&v| part_of(v))
            {
                continue;
            }
            // The same sentence again with only the figure changed is a template repeated for
            // each group of a roundup ("… after the nine defendants were arrested", "… after the
            // five defendants were arrested"), not one group given twice.
            if without_figures(doc, q) == without_figures(doc, f) {
                continue;
            }
            let place = match f.place {
                Place::Headline => " in the headline",
                Place::Dek => " in the dek",
                Place::Body(_) => "",
            };
            out.push(
                self.meta
                    .diagnostic(
                        super::interpolate(
                            &self.meta.message,
                            &[
                                ("match", &show(doc, q)),
                                ("first", &show(doc, f)),
                                ("thing", doc.text_of(q.phrase)),
                            ],
                        ),
                        q.phrase,
                    )
                    .with_label(format!("given here as {}", show(doc, q)))
                    .with_secondary(
                        f.phrase,
                        format!("first given as {}{place} here", show(doc, f)),
                    )
                    .with_note(
                        "if the figure changed, say so (\"rose to\", \"by Tuesday\"); \
                         otherwise correct one of them",
                    ),
            );
        }
    }

    /// Whether a later mention `m` (of `q`) and the earlier one `e` (of `f`) it was tied to count
    /// the same group: nothing in either says it is a part or a group apart, they are of one
    /// event, day, place and kind, and governed by the same verb.
    fn same_count(&self, m: &Mention, e: &Mention, q: &Quantity, f: &Quantity, tie: Tie) -> bool {
        let headline = !matches!(f.place, Place::Body(_));
        // Figures governed by different verbs ("hiring 14", "employs 52") count different
        // things; a figure with no governing verb may be either.
        let governed = match (&f.governor, &q.governor) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let events = match (&m.event, &e.event) {
            (Some(a), Some(b)) => a.name == b.name && !a.other && !b.other,
            (Some(a), None) | (None, Some(a)) => !a.other,
            (None, None) => true,
        };
        // Different days are different counts; for a figure that refers back, only a date right
        // after it is its own ("the 12 arrested on Monday"), not the day of the sentence's verb.
        let own = if tie == Tie::Back {
            &m.times_near
        } else {
            &m.times
        };
        let days = own.is_empty() || e.times.is_empty() || own.iter().any(|t| e.times.contains(t));
        // A place the later figure adds narrows the group ("seven in Tampa"); the event's own
        // place does not, nor where the verb of a sentence that refers back happened ("the 15
        // people still missing gathered in Bahía Honda").
        let known = |p: &String| e.places.contains(p) || e.places_after.contains(p);
        let places = tie == Tie::Event
            || (m.places.iter().all(known)
                && (tie == Tie::Back || m.places_after.iter().all(known)));
        (e.named || headline)
            && governed
            && !m.part
            && !e.part
            && m.restrict == e.restrict
            && events
            && days
            && places
    }

    fn part_exceeds_whole(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let qs = doc.quantities();
        let say = |part: &Quantity, whole: &Quantity, what: String, label: String| {
            self.meta
                .diagnostic(
                    super::interpolate(
                        &self.meta.message,
                        &[("match", &show(doc, part)), ("first", &what)],
                    ),
                    part.phrase,
                )
                .with_label(label)
                .with_secondary(whole.phrase, "the whole")
        };
        for (i, whole) in qs.iter().enumerate() {
            if !whole.whole || !whole.unit.is_amount() {
                continue;
            }
            // "M of the N" (the part just before) or "Of the N X, M were …" (the next figure).
            let part = if i > 0
                && qs[i - 1].partitive
                && qs[i - 1].sentence == whole.sentence
                && qs[i - 1].unit.is_amount()
            {
                Some(&qs[i - 1])
            } else if starts_with_of(doc, whole) {
                qs.get(i + 1)
                    .filter(|p| p.sentence == whole.sentence && p.unit == whole.unit)
            } else {
                None
            };
            if let Some(part) = part
                && part.value > whole.value
                && !part.approximate
            {
                out.push(say(
                    part,
                    whole,
                    format!("the {} it is part of", show(doc, whole)),
                    format!("{} is more than the whole", show(doc, part)),
                ));
            }
        }
    }

    /// "a majority of the board: four of its nine trustees".
    fn majority(&self, doc: &Document, qs: &[Quantity], out: &mut Vec<Diagnostic>) {
        static MAJORITY: NarrowRegex = NarrowRegex::new(
            r"(?i)\b(?:a|the)\s+majority\s+of\s+(?:the\s+|its\s+|their\s+)?[\w-]+",
        );
        for group in sentence_groups(qs) {
            let in_sentence = &qs[group];
            let span = in_sentence[0].sentence;
            let text = doc.prose_of(span);
            let Some(claim) = MAJORITY.get(text).find(text) else {
                continue;
            };
            let claim = Span::new(span.start + claim.start(), span.start + claim.end());
            for pair in in_sentence.windows(2) {
                let (part, whole) = (&pair[0], &pair[1]);
                if part.partitive && whole.whole && part.value * 2.0 <= whole.value {
                    let span = Span::new(part.phrase.start, whole.phrase.end);
                    out.push(
                        self.meta
                            .finding(
                                doc,
                                format!(
                                    "{} is not a majority: {} of {} is half or less",
                                    doc.text_of(span),
                                    show(doc, part),
                                    show(doc, whole)
                                ),
                                span,
                            )
                            .with_label("half or less")
                            .with_secondary(claim, "called a majority here"),
                    );
                }
            }
        }
    }

    /// Shares of one whole in one sentence that add up to more than 100 percent.
    fn shares(&self, doc: &Document, qs: &[Quantity], out: &mut Vec<Diagnostic>) {
        let change = &doc.lexicon[ListId::ShareChangeWords];
        for group in sentence_groups(qs) {
            let in_sentence = &qs[group];
            let sentence = in_sentence[0].sentence;
            if in_sentence.len() < 2 || change.is_match(doc.text_of(sentence)) {
                continue;
            }
            let shares: Vec<&Quantity> =
                in_sentence.iter().filter(|q| split_share(doc, q)).collect();
            let mut sum = 0.0;
            for (k, q) in shares.iter().enumerate() {
                sum += q.value;
                // Shares are rounded: three whole percentages may add up to 101.
                let rounding: f64 = shares[..=k]
                    .iter()
                    .map(|s| if s.value.fract() == 0.0 { 0.5 } else { 0.05 })
                    .sum();
                if k > 0 && sum > 100.0 + rounding + 1e-9 {
                    let f = shares[0];
                    out.push(
                        self.meta
                            .finding(
                                doc,
                                format!(
                                    "shares of one group add up to {}%: {} and {}",
                                    trim_float(sum),
                                    show(doc, f),
                                    show(doc, q)
                                ),
                                q.phrase,
                            )
                            .with_label("takes the total past 100 percent")
                            .with_secondary(f.phrase, "a share of the same group"),
                    );
                    break;
                }
            }
        }
    }

    fn style(&self, doc: &Document, style: Style, out: &mut Vec<Diagnostic>) {
        if style == Style::Off {
            return;
        }
        let qs = doc.quantities();
        let reporters = reporter_prose(doc, qs);
        let body = |q: &Quantity| matches!(q.place, Place::Body(_)) && !q.quoted;
        let limit = match style {
            Style::Ap => 9.0,
            _ => 100.0,
        };
        // What the series of a sentence holds, read once per sentence (read again for each
        // figure, one long sentence of figures was quadratic) and kept only while its figures
        // are read (a table of every sentence's series held a long story's figures over again).
        for g in sentence_groups(qs) {
            let series = Series::of(&qs[g.clone()], limit);
            for q in &qs[g] {
                if !body(q) || !prose(&reporters, q) {
                    continue;
                }
                let text = doc.text_of(q.span);
                let whole_number = q.value.fract() == 0.0 && q.value >= 1.0;
                let countable = matches!(q.unit, Unit::Count | Unit::Duration);
                // "one (1) year", "fifty (50) grams": the figure in parentheses repeats the word.
                if let Some(d) = self.repeated(doc, q, limit, style) {
                    out.push(d);
                    continue;
                }
                // A figure to start a sentence (a year may): in a sentence of prose, not a list item,
                // a table cell or a line of an address.
                if q.starts_sentence
                    && q.written == Written::Digits
                    && !matches!(q.unit, Unit::Year | Unit::Label)
                    && starts_prose_sentence(doc, q)
                {
                    let mut d = self
                        .meta
                        .finding(
                            doc,
                            format!("a sentence starts with the figure {text}"),
                            q.span,
                        )
                        .with_label("spell it out or recast the sentence")
                        .with_note("style: a sentence does not start with a figure, except a year");
                    if whole_number
                        && countable
                        && let Some(word) = number_word(doc.lexicon, q.value as u64)
                    {
                        let word = capitalise(&word);
                        d = d.with_fix(Fix::replace(
                            format!("write `{word}`"),
                            sure(q, self.meta.fix_or(Applicability::Safe)),
                            q.span,
                            word,
                        ));
                    }
                    out.push(d);
                    continue;
                }
                if !countable || q.starts_sentence || q.range {
                    continue;
                }
                // AP spells out a figure that counts something: "3 rifles", "5 years". A bare one is
                // too often a label or part of a name ("Employee 1 reached", "the 2 liter").
                let counts = (q.noun.is_some() || q.unit == Unit::Duration)
                // "5-Hour ENERGY": a name.
                && !text.contains(char::is_uppercase)
                // "(2 counts)": a tally in a record of charges.
                && !doc.prose[..q.span.start].ends_with('(');
                // A series with larger figures, or with fractions, keeps figures: "3 trucks and 12
                // cars", "6 times, and Latino men 2.5 times".
                let in_figures = series.keeps_figures(&q.unit);
                if q.written == Written::Digits
                    && counts
                    && whole_number
                    && q.value <= limit
                    && !in_figures
                    && !text.contains(',')
                    && let Some(word) = number_word(doc.lexicon, q.value as u64)
                        .or_else(|| (q.value == 100.0).then(|| "one hundred".to_string()))
                {
                    out.push(self.rewrite(
                        doc,
                        q.span,
                        sure(q, self.meta.fix_or(Applicability::Safe)),
                        style,
                        format!("spell out {text}: {word}"),
                        word,
                    ));
                } else if q.written == Written::Words
                && q.value > limit
                && q.value < 100.0
                && !text.contains(' ')
                // "Ten" in the middle of a sentence is title case: a heading or a name.
                && !text.starts_with(char::is_uppercase)
                // "two hundred and fifty", "twenty four": part of a larger number in words.
                && !tail(&doc.prose[q.sentence.start..q.span.start], 64)
                    .trim_end()
                    .to_lowercase()
                    .ends_with("hundred and")
                && doc.prose[q.span.end..q.sentence.end]
                    .split_whitespace()
                    .next()
                    .is_none_or(|w| word_value(doc.lexicon, w).is_none())
                && !series.word_beside(q)
                {
                    let figure = format!("{}", q.value as u64);
                    out.push(self.rewrite(
                        doc,
                        q.span,
                        sure(q, self.meta.fix_or(Applicability::Safe)),
                        style,
                        format!("use the figure {figure} for {text}"),
                        figure,
                    ));
                }
            }
        }
    }

    /// "eight (8) areas", "fifty (50) grams": a number word repeated as a figure in parentheses,
    /// as legal drafting does. AP gives the number once, in the story's style.
    fn repeated(
        &self,
        doc: &Document,
        q: &Quantity,
        limit: f64,
        style: Style,
    ) -> Option<Diagnostic> {
        static PAREN: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s*\((\d+)\)").expect("parenthesised figure"));
        if q.written != Written::Words {
            return None;
        }
        let after = &doc.prose[q.span.end..q.sentence.end];
        let c = PAREN.captures(after)?;
        let figure: f64 = c[1].parse().ok()?;
        if !same(figure, q.value) {
            return None;
        }
        let span = Span::new(q.span.start, q.span.end + c.get(0)?.end());
        let written = doc.text_of(q.span);
        let keep = if q.value <= limit {
            written.to_string()
        } else {
            c[1].to_string()
        };
        Some(self.rewrite(
            doc,
            span,
            self.meta.fix_or(Applicability::Safe),
            style,
            format!(
                "'{}': the figure repeats the word; write `{keep}`",
                doc.text_of(span)
            ),
            keep,
        ))
    }

    /// A number-style finding at `span`: write `to` there, the rewrite its fix.
    fn rewrite(
        &self,
        doc: &Document,
        span: Span,
        applicability: Applicability,
        style: Style,
        message: String,
        to: String,
    ) -> Diagnostic {
        self.meta
            .finding(doc, message, span)
            .with_label(format!("write `{to}`"))
            .with_note(style_note(style))
            .with_fix(Fix::replace(
                format!("write `{to}`"),
                applicability,
                span,
                to,
            ))
    }

    /// "%" and "percent" in one story: the first one used sets the story's form.
    fn percent_forms(&self, doc: &Document, qs: &[Quantity], out: &mut Vec<Diagnostic>) {
        let form = |q: &Quantity| {
            let t = doc.text_of(q.span);
            let digits_end = t
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
                .map_or(t.len(), |(i, _)| i);
            (digits_end, t[digits_end..].to_string())
        };
        let mut first: Option<(&Quantity, String)> = None;
        let reporters = reporter_prose(doc, qs);
        for q in qs.iter().filter(|q| {
            q.unit == Unit::Percent
                && q.written == Written::Digits
                && !q.quoted
                && prose(&reporters, q)
        }) {
            let (cut, suffix) = form(q);
            let kind = if suffix == "%" {
                "%"
            } else if suffix.contains("per cent") {
                "per cent"
            } else {
                "percent"
            };
            match &first {
                None => first = Some((q, kind.to_string())),
                Some((f, k)) if k != kind => {
                    let number = &doc.text_of(q.span)[..cut];
                    let replacement = if k == "%" {
                        format!("{number}%")
                    } else {
                        format!("{number} {k}")
                    };
                    out.push(
                        self.meta
                            .finding(
                                doc,
                                format!(
                                    "'{}' here, but the story first writes {}",
                                    doc.text_of(q.span),
                                    doc.text_of(f.span)
                                ),
                                q.span,
                            )
                            .with_label(format!("write `{replacement}`"))
                            .with_secondary(f.span, "the story's form, set here")
                            .with_fix(Fix::replace(
                                format!("write `{replacement}`"),
                                self.meta.fix_or(Applicability::Safe),
                                q.span,
                                replacement,
                            )),
                    );
                }
                _ => {}
            }
        }
    }

    /// "1000" and "1,000" in one story: the first figure of four or more digits sets the form.
    fn separators(&self, doc: &Document, qs: &[Quantity], out: &mut Vec<Diagnostic>) {
        // The figures of four digits or more that surely count something, with their digits.
        let reporters = reporter_prose(doc, qs);
        let figures: Vec<(&Quantity, String)> = qs
            .iter()
            .filter(|q| separable(doc, &reporters, q))
            .filter_map(|q| {
                let digits: String = doc
                    .text_of(q.span)
                    .chars()
                    .skip_while(|c| !c.is_ascii_digit())
                    .take_while(|c| c.is_ascii_digit() || *c == ',')
                    .collect();
                (digits.replace(',', "").len() >= 4).then_some((q, digits))
            })
            .collect();
        // The story's form is the one most of them use; on a tie, the comma (AP and Chicago).
        let commas = figures.iter().filter(|(_, d)| d.contains(',')).count();
        let comma = commas * 2 >= figures.len();
        let Some((f, _)) = figures.iter().find(|(_, d)| d.contains(',') == comma) else {
            return;
        };
        for (q, digits) in figures.iter().filter(|(_, d)| d.contains(',') != comma) {
            let text = doc.text_of(q.span);
            let bare = digits.replace(',', "");
            let want = if comma { group(&bare) } else { bare.clone() };
            let at = text.find(digits.as_str()).unwrap_or(0);
            let span = Span::new(q.span.start + at, q.span.start + at + digits.len());
            out.push(
                self.meta
                    .finding(
                        doc,
                        format!(
                            "'{digits}' here, but the story writes {}",
                            doc.text_of(f.span)
                        ),
                        span,
                    )
                    .with_label(format!("write `{want}`"))
                    .with_secondary(f.span, "the story's form, as here")
                    .with_fix(Fix::replace(
                        format!("write `{want}`"),
                        self.meta.fix_or(Applicability::Safe),
                        span,
                        want,
                    )),
            );
        }
    }
}

/// Whether a figure of the body surely counts something, so its separator follows the story's
/// form: an amount of money, a count with its noun ("6300 inmates") or a measurement ("1600
/// miles"). Not a year or a number that may be one ("the 2009 shipments"), a label ("Suite 4000",
/// "P.O. Box 3061", "Form 1099-OID"), an address ("2300 Lake Elmo Drive"), a ZIP code or a
/// figure in a quotation or a table.
fn separable(doc: &Document, reporters: &[bool], q: &Quantity) -> bool {
    if q.written != Written::Digits || q.quoted || !prose(reporters, q) {
        return false;
    }
    let text = doc.text_of(q.span);
    let next = doc.prose[q.phrase.end..q.sentence.end.max(q.phrase.end)]
        .split_whitespace()
        .next()
        .unwrap_or("");
    let year_like = q.value.fract() == 0.0 && (1900.0..=2100.0).contains(&q.value);
    let kind = match q.unit {
        Unit::Money(_) => true,
        Unit::Count => q.noun.is_some(),
        Unit::Measure => !text.contains('-'),
        _ => false,
    };
    kind && !year_like && !next.starts_with(char::is_uppercase)
}

/// A figure with a counted noun ("3 rifles") is surely a count, and its fix is as safe as the
/// rule declares; a bare one ("an iPhone 6", "bus 7") may be part of a name, so its fix is one
/// step less sure (safe → unsafe → suggestion).
fn sure(q: &Quantity, declared: Applicability) -> Applicability {
    if q.noun.is_some() {
        declared
    } else {
        declared.doubted()
    }
}

/// Whether a figure stands in the reporter's own prose, which a style applies to (see
/// [`reporter_prose`]).
fn prose(reporters: &[bool], q: &Quantity) -> bool {
    matches!(q.place, Place::Body(b) if reporters[b])
}

/// For each block, whether it is the reporter's own prose: a paragraph or a list item, not a
/// heading, a table cell, a block quotation, a "Label: value" field, a paragraph in another
/// language, someone's words in the first person ("I say, …"), or an interview transcript (the
/// paragraphs from the first "((Name)) …" line on).
///
/// Only the blocks that hold one of `qs` are read closely (a block with no figure is never asked
/// about, and reading each block's words and first person three times a check was a tenth of a
/// short story's re-lint); the others are false.
fn reporter_prose(doc: &Document, qs: &[Quantity]) -> Vec<bool> {
    static FIRST_PERSON: NarrowRegex =
        NarrowRegex::new(r"(?:^|[^\w’'])I(?:[^\w’'.]|’m|'m|’ve|'ve|$)");
    let mut figured = vec![false; doc.blocks.len()];
    for q in qs {
        if let Place::Body(b) = q.place
            && let Some(f) = figured.get_mut(b)
        {
            *f = true;
        }
    }
    let mut transcript = false;
    doc.blocks
        .iter()
        .zip(figured)
        .map(|(block, figured)| {
            let text = doc.prose_of(block.span).trim_start();
            transcript |= text.starts_with("((");
            if !figured {
                return false;
            }
            let own = &doc.unquoted[block.span.range()];
            matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
                && !transcript
                && !title_case(text)
                && !field_line(text)
                && !foreign(own)
                && !FIRST_PERSON.get(own).is_match(own)
        })
        .collect()
}

/// Whether a fifth of the letters of `text` or more are not ASCII: a paragraph in another
/// language. One pass, and none over ASCII text.
fn foreign(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let (letters, foreign) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0usize, 0usize), |(l, f), c| {
            (l + 1, f + usize::from(!c.is_ascii()))
        });
    foreign * 5 >= letters.max(1)
}

/// A line in title case, unpunctuated: a subheading or a deck set as a paragraph ("Blackout
/// Deprived Many Fans of Opportunity to Watch Dodgers for Last 3 Seasons").
fn title_case(text: &str) -> bool {
    // A line that ends a sentence is not one (the cheap test first: most paragraphs do).
    if text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?'])
    {
        return false;
    }
    // Its words of four letters or more, and how many of them are capitalised.
    let (words, capitals) = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).nth(3).is_some())
        .fold((0usize, 0usize), |(n, caps), w| {
            (n + 1, caps + usize::from(w.starts_with(char::is_uppercase)))
        });
    words >= 3 && capitals * 4 >= words * 3
}

/// A "Label: value" line ("Sentence: 60 months", "Maximum penalty: 8 years"): a field of a record,
/// not a sentence.
fn field_line(text: &str) -> bool {
    let Some((label, _)) = text.split_once(':') else {
        return false;
    };
    let words = label.split_whitespace().count();
    (1..=4).contains(&words)
        && label.starts_with(char::is_uppercase)
        && label
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
}

/// Whether a figure opens a sentence of prose, which AP would have spelt out or recast: a
/// sentence of a paragraph, of six words or more, ending in a full stop, a question or an
/// exclamation, going on in lower case ("12 people were hurt"), and not an item of a list (after
/// a colon or an enumerator, or a paragraph after one that ends "; and"), a line of a table or an
/// address ("2952 Saunders Settlement Rd"), or a telephone number.
fn starts_prose_sentence(doc: &Document, q: &Quantity) -> bool {
    let Place::Body(b) = q.place else {
        return false;
    };
    let block = &doc.blocks[b];
    if block.kind != BlockKind::Paragraph {
        return false;
    }
    let sentence = doc.prose_of(Span::new(q.span.start, q.sentence.end.max(q.span.end)));
    let words = sentence.split_whitespace().count();
    let ends = sentence
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?']);
    let figure = doc.text_of(q.span);
    // "202-514-2007", "1099-OID schemes", "2014-15 school year".
    let phone = figure.contains('-');
    let next = doc.prose[q.phrase.end..q.sentence.end]
        .split_whitespace()
        .next()
        .unwrap_or("");
    let goes_on = next.is_empty() || !next.starts_with(char::is_uppercase);
    // What comes before it in its block: nothing, or a sentence that is not an enumerator or the
    // opening of a list.
    let before = doc.prose[block.span.start..q.span.start].trim_end();
    let enumerated = !before.is_empty()
        && (before.ends_with(':')
            || before.ends_with(';')
            || before
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(|w| w.len() <= 4 && w.chars().any(|c| c.is_ascii_digit())));
    // A split no writer made: after an abbreviation ("ext. 9996", "31 U.S.C. 5330") or a month
    // glued to the word before it ("onNov. 9").
    let abbreviated = before.strip_suffix('.').is_some_and(|b| {
        let word = b
            .trim_end()
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        let lower = word.to_lowercase();
        let tail = |n: usize| lower.get(lower.len().saturating_sub(n)..).unwrap_or("");
        word.contains('.')
            || doc.lexicon.never_ends_sentence(&lower)
            || (3..=4).any(|n| {
                word.len() > n
                    && doc.lexicon.month_number(tail(n)).is_some()
                    && word[word.len() - n..].starts_with(char::is_uppercase)
            })
    });
    // The paragraph before opens a list ("…: ", "…; and"), is an item of one (it starts with a
    // figure too), or breaks off mid-sentence.
    // A table before it is structure, not a paragraph that breaks off.
    let listed = b > 0 && doc.blocks[b - 1].kind.is_prose() && {
        let prev = doc.prose_of(doc.blocks[b - 1].span).trim();
        prev.ends_with(':')
            || prev.ends_with(';')
            || prev.ends_with("; and")
            || prev.ends_with(", and")
            || prev.ends_with("; or")
            || prev.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '£' | '€'))
            || !prev
                .trim_end_matches(['"', '\'', '”', '’', ')'])
                .ends_with(['.', '!', '?'])
    };
    words >= 6 && ends && !phone && goes_on && !enumerated && !abbreviated && !listed
}

fn style_note(style: Style) -> &'static str {
    match style {
        Style::Ap => "AP style: one through nine in words, figures from 10",
        _ => "Chicago style: zero through one hundred in words",
    }
}

/// What the figures of one sentence say of the style of each of them, by unit.
struct Series<'q> {
    /// Units with a figure in digits that stays one: larger than the limit, or a fraction ("3
    /// trucks and 12 cars", "6 times, and Latino men 2.5 times").
    figures: Vec<&'q Unit>,
    /// Units with small numbers in words, and how many.
    words: Vec<(&'q Unit, usize)>,
}

impl<'q> Series<'q> {
    fn of(group: &'q [Quantity], limit: f64) -> Self {
        let mut series = Series {
            figures: Vec::new(),
            words: Vec::new(),
        };
        for o in group {
            if o.written == Written::Digits
                && (o.value > limit || o.value.fract() != 0.0)
                && !series.figures.contains(&&o.unit)
            {
                series.figures.push(&o.unit);
            }
            if small_word(o) {
                match series.words.iter_mut().find(|(u, _)| **u == o.unit) {
                    Some((_, n)) => *n += 1,
                    None => series.words.push((&o.unit, 1)),
                }
            }
        }
        series
    }

    /// Whether a figure of this unit in the sentence keeps the series in figures.
    fn keeps_figures(&self, unit: &Unit) -> bool {
        self.figures.contains(&unit)
    }

    /// Whether a spelled-out number sits in a series with small numbers the style keeps in
    /// words: "three trucks and twelve cars" keeps "twelve" alongside "three".
    fn word_beside(&self, q: &Quantity) -> bool {
        let own = usize::from(small_word(q));
        self.words.iter().any(|(u, n)| **u == q.unit && *n > own)
    }
}

/// A small number in words: "three".
fn small_word(q: &Quantity) -> bool {
    q.written == Written::Words && q.value < 10.0
}

fn starts_with_of(doc: &Document, q: &Quantity) -> bool {
    let before = &doc.prose[q.sentence.start..q.span.start];
    let before = before.trim_start().to_ascii_lowercase();
    before.starts_with("of the") || before.starts_with("of its") || before.starts_with("of their")
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn group(digits: &str) -> String {
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn trim_float(v: f64) -> String {
    let s = format!("{v:.1}");
    s.trim_end_matches(".0").to_string()
}

/// Whether a percentage reads as one share of a split of one whole, to be summed with the others
/// of its sentence: "58 percent said yes", "Labour 40 percent, the Greens 12 percent". Not an
/// estimate, a range bound or a quotation; not a whole or more ("100% air", "1,000,000 percent");
/// not a modifier of a noun ("a 63 percent market share", "Urea 40 percent Cream" in parentheses,
/// "92% unlawful rate"); not a share of a group the sentence names ("56 percent of respondents",
/// "60 percent in the north").
fn split_share(doc: &Document, q: &Quantity) -> bool {
    if q.unit != Unit::Percent || q.approximate || q.range || q.quoted || q.value >= 100.0 {
        return false;
    }
    let text = doc.prose_of(q.sentence);
    let at = q.span.start - q.sentence.start;
    let end = q.span.end - q.sentence.start;
    let before = &text[..at];
    // Inside parentheses.
    if before.rfind('(') > before.rfind(')') {
        return false;
    }
    // "a 63 percent market share", "an 88 percent rate".
    let previous = before
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    if previous.eq_ignore_ascii_case("a") || previous.eq_ignore_ascii_case("an") {
        return false;
    }
    let after = text[end..].trim_start();
    if after.is_empty() || after.starts_with([',', '.', ';', ':', '!', '?', ')', '"', '”']) {
        return true;
    }
    let next = after
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .next()
        .unwrap_or("");
    doc.lexicon[ListId::ShareFollowers].contains_ci(next)
}

/// A figure's sentence with its figures, number words and ordinals ("the second indictment")
/// left out, lowercase.
fn without_figures(doc: &Document, q: &Quantity) -> String {
    events::read(doc, q.place, q.sentence)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .filter(|w| crate::document::numbers::word_value(doc.lexicon, w).is_none())
        .filter(|w| !doc.lexicon[ListId::OrdinalWords].contains_ci(w))
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}
