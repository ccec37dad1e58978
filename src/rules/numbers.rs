//! `numbers` rules: the same quantity given two values, parts larger than their whole, and number
//! style (AP or Chicago). All three read the quantities the document extracts once. The words
//! they compare by (event cues, people and owned nouns, owner nouns) are the lexicon's.

use super::compile::{Built, Compiled, Table};
use super::{Rule, RuleMeta};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::numbers::{Place, Quantity, Unit, Written, number_word, words};
use crate::fix::{Applicability, Fix};
use crate::lexicon::{Lexicon, ListId};
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
        Some(list) => Some(table.regex(
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

/// How quantities are matched across a story. The event cues ("dead" → "killed"), the nouns that
/// all count people and the nouns compared only for the same owner (votes, seats) are read from
/// the document's lexicon.
#[derive(Debug)]
pub struct Matching {
    /// A sentence matching this reports a change, an estimate or another time, so its figures are
    /// not compared ("rose to", "by Tuesday evening", "initially").
    pub changes: Option<Regex>,
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

/// What a quantity counts, as matched across a story.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Key {
    /// The event cue ("killed"), or empty.
    pub cue: String,
    /// The counted thing: a noun, "people", or a currency.
    pub thing: String,
    /// Whose it is, for owned nouns ("aldana" for her votes), or empty.
    pub owner: String,
}

impl Matching {
    /// The cue of a quantity: a cue word in its own phrase ("four arrested men", "three deaths"),
    /// one just before it ("killed 12"), else the nearest after it or before it in its clause.
    /// `group` holds the figures of `q`'s sentence.
    pub fn cue(&self, doc: &Document, q: &Quantity, group: &[Quantity]) -> Option<String> {
        let phrase = doc.text_of(q.phrase);
        if let Some(c) = cue_in(doc.lexicon, phrase) {
            return Some(c.0);
        }
        let sentence = q.sentence;
        let text = read(doc, q.place, sentence);
        let rel = |s: usize| s - sentence.start;
        // The stretch of the sentence that belongs to this figure: from the previous figure to
        // the next one, and never past a semicolon or a colon.
        let others = group.iter().filter(|o| o.unit.is_amount()).map(|o| o.span);
        let lo = others
            .clone()
            .filter(|o| o.end <= q.span.start && o.start >= sentence.start)
            .map(|o| o.end)
            .max()
            .unwrap_or(sentence.start);
        let hi = others
            .filter(|o| o.start >= q.phrase.end && o.end <= sentence.end)
            .map(|o| o.start)
            .min()
            .unwrap_or(sentence.end);
        let before = &text[rel(lo)..rel(q.span.start)];
        let before = before.rsplit([';', ':']).next().unwrap_or(before);
        let after = &text[rel(q.phrase.end)..rel(hi)];
        let after = after.split([';', ':']).next().unwrap_or(after);
        let near = cues_in(doc.lexicon, before)
            .into_iter()
            .rev()
            .find(|(_, end)| {
                let gap = &before[*end..];
                !gap.contains(',')
                    && gap.split_whitespace().count() <= 2
                    && !gap
                        .split_whitespace()
                        .any(|w| matches!(w, "and" | "or" | "but" | "while" | "as"))
            });
        if let Some((c, _)) = near {
            return Some(c);
        }
        if let Some((c, _)) = cues_in(doc.lexicon, after).into_iter().next() {
            return Some(c);
        }
        // A cue further back belongs to this figure only when no other figure comes between.
        if lo == sentence.start {
            return cues_in(doc.lexicon, before)
                .into_iter()
                .last()
                .map(|(c, _)| c);
        }
        None
    }

    /// Whether a cue word stands within three words of the figure, on either side.
    fn cue_beside(&self, doc: &Document, q: &Quantity) -> bool {
        let s = q.sentence;
        let text = read(doc, q.place, s);
        let before = &text[..q.span.start - s.start];
        let after = &text[q.phrase.end - s.start..];
        let near_before: String = {
            let mut ws: Vec<&str> = before.split_whitespace().rev().take(3).collect();
            ws.reverse();
            ws.join(" ")
        };
        let near_after: String = after
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        cue_in(doc.lexicon, &near_before).is_some() || cue_in(doc.lexicon, &near_after).is_some()
    }

    /// The key a quantity is compared under, or None when it must not be compared.
    pub fn key(
        &self,
        doc: &Document,
        q: &Quantity,
        group: &[Quantity],
        owners: &mut Owners,
    ) -> Option<Key> {
        if !q.unit.is_amount()
            || q.partitive
            || q.whole
            || q.approximate
            || q.relative
            || q.quoted
            || q.value == 0.0
            || (q.written == Written::Words && q.value == 1.0)
        {
            return None;
        }
        let lex = doc.lexicon;
        let mut cue = self.cue(doc, q, group);
        if matches!(q.unit, Unit::Money(_)) && cue.as_deref() != Some("cost") {
            // A sum is told apart by what it pays for, not by who was hurt.
            cue = None;
        }
        let thing = match (&q.unit, &q.noun) {
            (Unit::Money(c), _) => currency(lex, c).to_string(),
            (_, Some(n)) if lex[ListId::PeopleNouns].contains(n) => "people".to_string(),
            (_, Some(n)) => n.clone(),
            // An elided noun with an owned cue: "1.9 million for her challenger" counts votes.
            (_, None) => match &cue {
                Some(c) if lex[ListId::OwnedNouns].contains(c) => c.clone(),
                _ => "people".to_string(),
            },
        };
        let owned = lex[ListId::OwnedNouns].contains(&thing);
        // A count is the same quantity only for the same event: "12 counts" in an indictment and
        // "five counts" in a plea are different things. Votes and seats have an owner instead.
        if cue.is_none() && !owned {
            return None;
        }
        // Money is only the same sum when its cue is right beside it ("cost $14.5 million",
        // "the $15.4 million wing would cost"): a story has many sums.
        if matches!(q.unit, Unit::Money(_)) && !self.cue_beside(doc, q) {
            return None;
        }
        // "10,518 for the incumbent": whose an elided figure is cannot be told from before it.
        if owned && q.noun.is_none() {
            return None;
        }
        let owner = if owned {
            owners.owner_of(doc, q)?
        } else {
            String::new()
        };
        Some(Key {
            // Whose votes or seats they are says what they are; a cue word nearby does not.
            cue: if owned {
                String::new()
            } else {
                cue.unwrap_or_default()
            },
            thing,
            owner,
        })
    }

    /// The key of every quantity of a document (None: not compared), in order. Owners carry over
    /// from one quantity to the next, so this is one pass over the story.
    pub fn keys(&self, doc: &Document) -> Vec<Option<Key>> {
        let qs = doc.quantities();
        let mut owners = Owners::default();
        let mut out = Vec::with_capacity(qs.len());
        for group in sentence_groups(qs) {
            let group = &qs[group];
            let sentence = group[0].sentence;
            // Per sentence, once: whether it reports a change, and where it names other years.
            let mut context: Option<(bool, Vec<Span>)> = None;
            for q in group {
                let key = self.key(doc, q, group, &mut owners).filter(|_| {
                    let (changed, years) = context.get_or_insert_with(|| {
                        let text = read(doc, group[0].place, sentence);
                        (
                            self.changes.as_ref().is_some_and(|c| c.is_match(text)),
                            YEAR_CONTEXT
                                .find_iter(text)
                                .map(|m| Span::new(m.start(), m.end()))
                                .collect(),
                        )
                    });
                    !*changed && !self.other_year(doc, q, group, years)
                });
                out.push(key);
            }
        }
        out
    }

    /// Whether the figure's sentence puts it in another year: a year before the figure, or
    /// shortly after it with no other figure between and not as a baseline ("$11 million in
    /// 2005", but not "the highest since the return to democracy in 1991").
    fn other_year(&self, doc: &Document, q: &Quantity, group: &[Quantity], years: &[Span]) -> bool {
        let sentence = read(doc, q.place, q.sentence);
        let at = q.span.start - q.sentence.start;
        let end = q.phrase.end - q.sentence.start;
        years.iter().any(|m| {
            if m.start < at {
                return true;
            }
            if m.start < end {
                return false;
            }
            let between = &sentence[end..m.start];
            // Within six words, not a baseline, and no other figure closer to the year (the
            // figure right before a year is the one it dates: "up from 48 … in 2020").
            between.split_whitespace().take(7).count() <= 6 && !between.contains("since") && {
                let i = group.partition_point(|o| o.span.start < q.phrase.end);
                group[i..]
                    .first()
                    .is_none_or(|o| o.span.start - q.sentence.start + 4 >= m.start)
            }
        })
    }
}

/// The first cue in `text`, with the byte where its match ends.
fn cue_in(lex: &Lexicon, text: &str) -> Option<(String, usize)> {
    cues_in(lex, text).into_iter().next()
}

/// Every event cue in `text`, in order, with the byte where its match ends.
fn cues_in(lex: &Lexicon, text: &str) -> Vec<(String, usize)> {
    let cues = &lex[ListId::EventCues];
    cues.regex()
        .find_iter(text)
        .filter_map(|m| {
            let key = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
            let name = cues.group_of(&key.to_lowercase())?;
            Some((name.to_string(), m.end()))
        })
        .collect()
}

/// Whether a figure reads as one given before: "the 44 victims", "Brandt's 14,862 votes", "those
/// 12", "the death toll of 44", "a total of 1,300", "In all, 84,000 customers".
fn refers_back(doc: &Document, q: &Quantity) -> bool {
    static BACK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\b(?:the|those|these|all)|['’]s?)\s+$").expect("back-reference")
    });
    let lex = doc.lexicon;
    // "the death toll of 44": a total noun and "of" right before the figure.
    let total_of = |s: &str| {
        let t = s.trim_end();
        let n = t.len();
        n < s.len()
            && n >= 3
            && t.is_char_boundary(n - 3)
            && t[n - 3..].eq_ignore_ascii_case(" of")
            && lex[ListId::TotalNouns]
                .regex()
                .find_iter(&t[..n - 3])
                .any(|m| m.end() == n - 3)
    };
    // "In all, 84,000": a total phrase opening the text.
    let in_all = |s: &str| {
        let lead = s.len() - s.trim_start().len();
        lex[ListId::TotalPhrases]
            .regex()
            .find(s)
            .is_some_and(|m| m.start() == lead)
    };
    let back = |s: &str| BACK.is_match(s) || total_of(s) || in_all(s);
    let before = &read(doc, q.place, q.sentence)[..q.span.start - q.sentence.start];
    let clause = before.rsplit([',', ';', ':']).next().unwrap_or(before);
    back(clause) || back(before)
}

/// The text of a quantity's sentence as rules read it: the prose of a body block (code and URLs
/// blanked), or the front matter value itself for the headline and dek (which prose blanks).
fn read<'d>(doc: &'d Document, place: Place, span: Span) -> &'d str {
    match place {
        Place::Body(_) => doc.prose_of(span),
        Place::Headline | Place::Dek => doc.text_of(span),
    }
}

/// The runs of quantities that share a sentence, as index ranges (quantities are in order).
pub fn sentence_groups(qs: &[Quantity]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=qs.len() {
        if i == qs.len() || qs[i].sentence != qs[start].sentence {
            if start < i {
                out.push(start..i);
            }
            start = i;
        }
    }
    out
}

/// The currency a sign or currency word names: its group in the lexicon's `currencies` ("dollars"
/// → "$"); "US$" is "$".
fn currency<'a>(lex: &'a Lexicon, c: &'a str) -> &'a str {
    if c == "US$" {
        return "$";
    }
    lex[ListId::Currencies].group_of(c).unwrap_or(c)
}

static YEAR_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:in|during|of|for|from|the|until)\s+(?:(?:early|late|mid|the)[- ])?(?:1[89]|20)\d\d\b|\b(?:1[89]|20)\d\d(?:'s|’s|,\s+when|\s+when)",
    )
    .expect("year context")
});

/// The owners named in a story, for owned nouns ("Aldana's 2.3 million votes").
#[derive(Debug, Default)]
pub struct Owners {
    /// Owners given so far (last word, full name), most recent last.
    seen: Vec<(String, String)>,
}

impl Owners {
    /// Who a quantity belongs to: the nearest name before it in its sentence ("Aldana received",
    /// "Roig's Republican Union won", "the Centre Union's 61 seats"), else a definite noun ("the
    /// alliance", "the party") taken back to the name it stands for.
    fn owner_of(&mut self, doc: &Document, q: &Quantity) -> Option<String> {
        let lex = doc.lexicon;
        let text = doc.text_of(q.sentence);
        let cut = q.span.start - q.sentence.start;
        let ws = words(text);
        let mut runs: Vec<(usize, usize)> = Vec::new(); // word index ranges of capitalised runs
        let mut k = 0;
        while k < ws.len() {
            let w = &text[ws[k].start..ws[k].end];
            if w.chars().next().is_some_and(char::is_uppercase) {
                let s = k;
                while k + 1 < ws.len()
                    && text[ws[k].end..ws[k + 1].start] == *" "
                    && text[ws[k + 1].start..ws[k + 1].end]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                {
                    k += 1;
                }
                runs.push((s, k));
            }
            k += 1;
        }
        let name = |(s, e): (usize, usize)| -> Option<String> {
            let mut parts: Vec<&str> = (s..=e).map(|i| &text[ws[i].start..ws[i].end]).collect();
            while parts
                .first()
                .is_some_and(|p| lex[ListId::SentenceStarters].contains_ci(p))
            {
                parts.remove(0);
            }
            // "Roig's Republican Union": the party, not Roig.
            if let Some(i) = parts[..parts.len().saturating_sub(1)]
                .iter()
                .rposition(|p| p.ends_with("'s") || p.ends_with("’s"))
            {
                parts.drain(..=i);
            }
            let joined = parts.join(" ");
            let bare = joined
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches(['\'', '’']);
            (!bare.is_empty()).then(|| bare.to_lowercase())
        };
        // Not an owner: a description ("a Democrat"), a place or a time ("of Eastmere", "on
        // Friday"), a day or a month.
        let not_owner = |(s, e): (usize, usize)| {
            let before = s
                .checked_sub(1)
                .map(|p| text[ws[p].start..ws[p].end].to_ascii_lowercase());
            matches!(
                before.as_deref(),
                Some(
                    "a" | "an"
                        | "of"
                        | "in"
                        | "at"
                        | "on"
                        | "from"
                        | "to"
                        | "near"
                        | "for"
                        | "by"
                        | "with"
                        | "into"
                        | "outside"
                        | "across"
                )
            ) || (s == e && {
                // A day or a month: capitalised, but nobody's votes.
                let word = &text[ws[s].start..ws[s].end];
                lex.weekday_named(word).is_some() || lex.month_number(word).is_some()
            })
        };
        let found = runs
            .iter()
            .rev()
            .filter(|(_, e)| ws[*e].end <= cut)
            .filter(|r| !not_owner(**r))
            .find_map(|r| name(*r));
        let owner = match found {
            Some(o) => o,
            None => {
                // "the alliance", "The party": the latest owner with that last word.
                static DEFINITE: LazyLock<Regex> =
                    LazyLock::new(|| Regex::new(r"(?i)\bthe\s+([a-z]+)\b").expect("definite"));
                let noun = DEFINITE
                    .captures_iter(text)
                    .map(|c| c[1].to_lowercase())
                    .find(|n| lex[ListId::OwnerNouns].contains(n))?;
                self.seen
                    .iter()
                    .rev()
                    .find(|(_, full)| full.rsplit(' ').next() == Some(noun.as_str()))
                    .map(|(o, _)| o.clone())
                    .or_else(|| previous_subject(doc, q))?
            }
        };
        // An owner is known by the last word of its name: "Gemma Hartley" is "Hartley" later,
        // "the Social Alliance" is "the alliance".
        let full = owner.clone();
        let owner = owner.rsplit(' ').next().unwrap_or(&owner).to_string();
        self.seen.push((owner.clone(), full));
        Some(owner)
    }
}

/// The name that opens the sentence before `q`'s: what "the party" most likely refers to.
fn previous_subject(doc: &Document, q: &Quantity) -> Option<String> {
    let i = doc
        .sentences
        .partition_point(|s| s.span.start < q.sentence.start);
    let prev = doc.sentences.get(i.checked_sub(1)?)?;
    let text = doc.text_of(prev.span);
    let ws = words(text);
    let mut parts = Vec::new();
    for w in ws.iter().take(6) {
        let word = &text[w.start..w.end];
        if doc.lexicon[ListId::SentenceStarters].contains_ci(word) && parts.is_empty() {
            continue;
        }
        if word.chars().next().is_some_and(char::is_uppercase) {
            parts.push(word);
        } else {
            break;
        }
    }
    (!parts.is_empty()).then(|| parts.join(" ").to_lowercase())
}

impl NumbersRule {
    fn inconsistent(&self, doc: &Document, m: &Matching, out: &mut Vec<Diagnostic>) {
        let qs = doc.quantities();
        // Each key maps to the values given so far, with the first mention of each.
        let mut seen: HashMap<Key, Vec<(f64, usize)>> = HashMap::new();
        for (i, (q, key)) in qs.iter().zip(m.keys(doc)).enumerate() {
            let Some(key) = key else {
                continue;
            };
            let back = !key.owner.is_empty() || refers_back(doc, q);
            // A bare figure ("26") may stand first, but is too thin to contradict anything.
            let named = q.noun.is_some() || !key.owner.is_empty();
            let values = seen.entry(key).or_default();
            if values.iter().any(|(v, _)| same(*v, q.value)) {
                continue;
            }
            // Figures governed by different verbs ("hiring 14", "employs 52") count different
            // things; a figure with no governing verb may be either.
            let governed = |o: &Quantity| match (&o.governor, &q.governor) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            // A later figure contradicts an earlier one when it reads as the same figure given
            // again: a back-reference ("the 44 victims", "Aldana's 2.3 million votes", "the death
            // toll of 44", "In all, 1,300"), a restatement of the headline or dek, or a figure
            // with an owner. A bare new figure with the same cue is more often another group
            // ("96 defendants in Miami" after "412 defendants" nationwide).
            let earlier = if named {
                values.iter().find(|(_, j)| {
                    governed(&qs[*j]) && (back || !matches!(qs[*j].place, Place::Body(_)))
                })
            } else {
                None
            };
            if let Some(&(_, first)) = earlier {
                let f = &qs[first];
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
            values.push((q.value, i));
        }
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
        static MAJORITY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:a|the)\s+majority\s+of\s+(?:the\s+|its\s+|their\s+)?[\w-]+")
                .expect("majority")
        });
        for group in sentence_groups(qs) {
            let in_sentence = &qs[group];
            let span = in_sentence[0].sentence;
            let text = doc.prose_of(span);
            let Some(claim) = MAJORITY.find(text) else {
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
        let change = doc.lexicon[ListId::ShareChangeWords].regex();
        let mut i = 0;
        while i < qs.len() {
            let sentence = qs[i].sentence;
            let j = i + qs[i..]
                .iter()
                .take_while(|q| q.sentence == sentence)
                .count();
            if !change.is_match(doc.text_of(sentence)) {
                let mut sum = 0.0;
                let mut first: Option<&Quantity> = None;
                for q in &qs[i..j] {
                    if q.unit != Unit::Percent || q.approximate || q.quoted {
                        continue;
                    }
                    let after = doc.prose[q.span.end..sentence.end].trim_start();
                    let next = after.split_whitespace().next().unwrap_or("");
                    if matches!(
                        next,
                        "of" | "in" | "among" | "for" | "at" | "from" | "across" | "on" | "to"
                    ) {
                        // "56 percent of respondents", "60 percent in the north": a share of a
                        // group the sentence names, not of one whole.
                        continue;
                    }
                    sum += q.value;
                    match first {
                        None => first = Some(q),
                        Some(f) if sum > 100.0 + 1e-9 => {
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
                        _ => {}
                    }
                }
            }
            i = j.max(i + 1);
        }
    }

    fn style(&self, doc: &Document, style: Style, out: &mut Vec<Diagnostic>) {
        if style == Style::Off {
            return;
        }
        let qs = doc.quantities();
        let body = |q: &Quantity| matches!(q.place, Place::Body(_)) && !q.quoted;
        // For each quantity, the range of quantities in its sentence.
        let mut groups = Vec::with_capacity(qs.len());
        for g in sentence_groups(qs) {
            groups.extend(std::iter::repeat_n(g.clone(), g.len()));
        }
        let limit = match style {
            Style::Ap => 9.0,
            _ => 100.0,
        };
        for (i, q) in qs.iter().enumerate() {
            if !body(q) {
                continue;
            }
            let text = doc.text_of(q.span);
            let whole_number = q.value.fract() == 0.0 && q.value >= 1.0;
            let countable = matches!(q.unit, Unit::Count | Unit::Duration);
            // A figure to start a sentence (a year may).
            if q.starts_sentence && q.written == Written::Digits && q.unit != Unit::Year {
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
            // A series with larger figures keeps figures: "3 trucks and 12 cars".
            let series = qs[groups[i].clone()]
                .iter()
                .any(|o| o.unit == q.unit && o.written == Written::Digits && o.value > limit);
            if q.written == Written::Digits
                && whole_number
                && q.value <= limit
                && !series
                && !text.contains(',')
                && let Some(word) = number_word(doc.lexicon, q.value as u64)
                    .or_else(|| (q.value == 100.0).then(|| "one hundred".to_string()))
            {
                out.push(
                    self.meta
                        .finding(doc, format!("spell out {text}: {word}"), q.span)
                        .with_label(format!("write `{word}`"))
                        .with_note(style_note(style))
                        .with_fix(Fix::replace(
                            format!("write `{word}`"),
                            sure(q, self.meta.fix_or(Applicability::Safe)),
                            q.span,
                            word,
                        )),
                );
            } else if q.written == Written::Words
                && q.value > limit
                && q.value < 100.0
                && !text.contains(' ')
                && !series_word(q, &qs[groups[i].clone()])
            {
                let figure = format!("{}", q.value as u64);
                out.push(
                    self.meta
                        .finding(doc, format!("use the figure {figure} for {text}"), q.span)
                        .with_label(format!("write `{figure}`"))
                        .with_note(style_note(style))
                        .with_fix(Fix::replace(
                            format!("write `{figure}`"),
                            sure(q, self.meta.fix_or(Applicability::Safe)),
                            q.span,
                            figure,
                        )),
                );
            }
        }
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
        for q in qs.iter().filter(|q| {
            q.unit == Unit::Percent
                && q.written == Written::Digits
                && !q.quoted
                && matches!(q.place, Place::Body(_))
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
        let mut first: Option<(&Quantity, bool)> = None;
        for q in qs.iter().filter(|q| {
            q.written == Written::Digits
                && !q.quoted
                && matches!(q.place, Place::Body(_))
                && matches!(q.unit, Unit::Count | Unit::Money(_) | Unit::Measure)
        }) {
            let text = doc.text_of(q.span);
            let digits: String = text
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .collect();
            if digits.replace(',', "").len() < 4 {
                continue;
            }
            let comma = digits.contains(',');
            match first {
                None => first = Some((q, comma)),
                Some((f, c)) if c != comma => {
                    let bare = digits.replace(',', "");
                    let want = if c { group(&bare) } else { bare.clone() };
                    let at = text.find(&digits).unwrap_or(0);
                    let span = Span::new(q.span.start + at, q.span.start + at + digits.len());
                    out.push(
                        self.meta
                            .finding(
                                doc,
                                format!(
                                    "'{digits}' here, but the story first writes {}",
                                    doc.text_of(f.span)
                                ),
                                span,
                            )
                            .with_label(format!("write `{want}`"))
                            .with_secondary(f.span, "the story's form, set here")
                            .with_fix(Fix::replace(
                                format!("write `{want}`"),
                                self.meta.fix_or(Applicability::Safe),
                                span,
                                want,
                            )),
                    );
                }
                _ => {}
            }
        }
    }
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

fn style_note(style: Style) -> &'static str {
    match style {
        Style::Ap => "AP style: one through nine in words, figures from 10",
        _ => "Chicago style: zero through one hundred in words",
    }
}

/// Whether a spelled-out number sits in a series with small numbers the style keeps in words:
/// "three trucks and twelve cars" keeps "twelve" alongside "three".
fn series_word(q: &Quantity, group: &[Quantity]) -> bool {
    group.iter().any(|o| {
        o.span != q.span && o.written == Written::Words && o.unit == q.unit && o.value < 10.0
    })
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

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}
