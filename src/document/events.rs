//! Mentions: what each figure counts, for which event and in which frame, so that a rule only has
//! to compare what was found.
//!
//! A figure that counts something (people, firearms, votes, dollars) gets a [`Key`]: its event cue
//! ("killed"), its counted thing ("people") and, for owned nouns (votes, seats), its owner. Around
//! the key, a [`Mention`] records what tells two figures of one key apart:
//! - the **event** the clause names ("the fire … killed 42", "an earlier blaze … killed 13");
//! - the **frame**: places ("in Tampa"), days and dates ("on Aug. 23, 2011"), and words that
//!   restrict the group ("six Mexican nationals", "two adults were seriously injured");
//! - whether the clause makes the figure a **part**, a total of several groups or a group apart
//!   ("including", "excluding", "among", "separately");
//! - whether it **refers back** to a figure given before ("the 44 victims", "the death toll of 44",
//!   "In all, 1,300").
//!
//! Every decision reads a bounded stretch of the figure's sentence, so the analysis is linear in
//! the length of the story.

use super::Document;
use super::numbers::{Place, Quantity, Unit, Written};
use super::owners::Owners;
use crate::lexicon::{Lexicon, ListId};
use crate::narrow::NarrowRegex;
use crate::span::Span;
use rayon::prelude::*;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

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

/// An event noun next to a figure: "the fire", "an earlier blaze".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRef {
    /// The event's group in the lexicon's `event_nouns` ("fire" for "blaze" too).
    pub name: String,
    /// Named as one already known: "the fire", "its collapse".
    pub definite: bool,
    /// Named as another event than the story's own: "an earlier blaze", "the 2019 flood".
    pub other: bool,
}

/// A figure that counts something, with what tells it apart from other figures of its key.
#[derive(Clone, Debug)]
pub struct Mention {
    /// What it counts.
    pub key: Key,
    /// Whether it may be compared at all: not an estimate, a part, a remainder, a quotation, or in
    /// a sentence that reports a change or another year.
    pub comparable: bool,
    /// Whether it reads as a figure given before: "the 44 victims", "Brandt's 14,862 votes",
    /// "the death toll of 44", "In all, 84,000 customers".
    pub back: bool,
    /// The nearest event noun in its sentence.
    pub event: Option<EventRef>,
    /// Places its sentence puts it in before it ("tampa" for "In Tampa, Florida, seven
    /// individuals …").
    pub places: Vec<String>,
    /// Places its clause puts it in after it ("guatemala" for "charged 284 gang members in
    /// Guatemala"): for a figure that refers back, where the sentence's verb happened instead.
    pub places_after: Vec<String>,
    /// Days and dates its clause puts it on (resolved where the anchor allows).
    pub times: Vec<String>,
    /// Those of `times` right after it, within four words ("the 12 arrested on Monday"): for a
    /// figure that refers back, the others date the sentence's verb instead.
    pub times_near: Vec<String>,
    /// Words that narrow the counted group beyond its cue ("mexican", "seriously").
    pub restrict: Vec<String>,
    /// Its clause makes it a part, a total of several groups, or a group apart ("including",
    /// "excluding", "among", "separately").
    pub part: bool,
    /// It names what it counts (a noun or an owner), rather than standing bare ("26").
    pub named: bool,
    /// Its cue is a noun for people ("six victims", "the dead") rather than a verb: an event only
    /// when the story names that event some other way too ("killed", "died").
    pub self_cued: bool,
}

/// Every mention of a story.
#[derive(Debug, Default)]
pub struct Mentions {
    /// One entry per quantity of [`Document::quantities`]; None: it counts nothing comparable.
    /// Boxed: most figures have none, and an empty entry is then one word, not a whole mention.
    pub of: Vec<Option<Box<Mention>>>,
    /// Where the story names another event of a group than its own ("an earlier blaze", "the
    /// 2019 flood"): the group and the byte offset.
    pub other_events: Vec<(String, usize)>,
}

impl Mentions {
    /// Whether the story names another event of group `name` between bytes `from` and `to`: then
    /// "the blaze" there may be either.
    pub fn ambiguous(&self, name: &str, from: usize, to: usize) -> bool {
        self.other_events
            .iter()
            .any(|(n, at)| n == name && (from..to).contains(at))
    }
}

/// The mentions of every quantity of a document. Owners carry over from one quantity to the
/// next, so this is one pass over the story.
///
/// `changed` tells a sentence holding one of the rule's phrases that report a change or another
/// time: such a sentence is not compared ("rose to", "by Tuesday evening").
pub fn mentions(doc: &Document, changed: &(dyn Fn(&str) -> bool + Sync)) -> Mentions {
    let cues = Cues::of(doc);
    let qs = doc.quantities();
    let mut owners = Owners::default();
    let mut of = Vec::with_capacity(qs.len());
    let mut other_events: Vec<(String, usize)> = Vec::new();
    let groups = sentence_groups(qs);
    let long = doc.prose.len() >= SIDE_BY_SIDE_FROM;
    // What each sentence of figures holds, read sentence by sentence (on the pool in a long
    // story: no owner carries over here); the figures are then read in order.
    let read_group = |group: &std::ops::Range<usize>| {
        let group = &qs[group.clone()];
        let text = read(doc, group[0].place, group[0].sentence);
        Prepared {
            changed: changed(text),
            years: if may_hold_a_year(text) {
                YEAR_CONTEXT
                    .get(text)
                    .find_iter(text)
                    .map(|m| Span::new(m.start(), m.end()))
                    .collect()
            } else {
                Vec::new()
            },
            events: event_nouns(doc.lexicon, text),
        }
    };
    // A long story's sentences are prepared a chunk at a time: what a chunk holds is read
    // and dropped before the next is prepared, so it is never held for the whole story.
    let chunk = if long {
        PREPARE_CHUNK
    } else {
        groups.len().max(1)
    };
    // The event nouns of a sentence of figures of the body are read once, here; the story's
    // other events below take them from here: which sentences were read (by index into the
    // story's sentences) and, for the few that name one, their other events.
    let mut was_read: Vec<bool> = vec![false; doc.sentences.len()];
    let mut read_before: HashMap<usize, Vec<(Span, EventRef)>> = HashMap::new();
    for groups in groups.chunks(chunk) {
        let prepared: Vec<Prepared> = if long {
            groups.par_iter().with_min_len(64).map(read_group).collect()
        } else {
            groups.iter().map(read_group).collect()
        };
        for (range, prep) in groups.iter().zip(prepared) {
            let group = &qs[range.clone()];
            let sentence = group[0].sentence;
            let text = read(doc, group[0].place, sentence);
            let Prepared {
                changed,
                years,
                events,
            } = prep;
            let stretches = Stretches::of(group);
            // Where the clause of each figure starts, read on from the figure before.
            let (mut read_to, mut clause) = (0, 0);
            for q in group {
                let stretch = stretches.of_quantity(q);
                let at = (q.span.start - sentence.start).min(text.len());
                if at < read_to {
                    (read_to, clause) = (0, 0);
                }
                if let Some(i) = text[read_to..at].rfind([',', ';', ':']) {
                    clause = read_to + i + 1;
                }
                read_to = at;
                let clause = sentence.start + clause;
                of.push(
                    mention(doc, &cues, q, stretch, clause, &mut owners).map(|mut m| {
                        m.comparable =
                            m.comparable && !changed && !other_year(doc, q, group, &years);
                        m.event = nearest_event(q, &events);
                        Box::new(m)
                    }),
                );
            }
            // The other events a body sentence of figures names, kept so that they are not
            // read again below (most sentences name none, and only the mark is kept).
            if matches!(group[0].place, Place::Body(_)) {
                let first = doc
                    .sentences
                    .partition_point(|s| s.span.start < sentence.start);
                let at = doc.sentences[first..]
                    .iter()
                    .take_while(|s| s.span.start == sentence.start)
                    .position(|s| s.span == sentence);
                if let Some(at) = at.map(|k| first + k) {
                    was_read[at] = true;
                    let others: Vec<(Span, EventRef)> =
                        events.into_iter().filter(|(_, e)| e.other).collect();
                    if !others.is_empty() {
                        read_before.insert(at, others);
                    }
                }
            }
        }
    }
    // "Six victims" counts the dead only in a story that says someone was killed: a cue read from
    // a noun for people is an event when another figure has it from a verb.
    let events_named: HashSet<String> = of
        .iter()
        .flatten()
        .filter(|m| !m.self_cued)
        .map(|m| m.key.cue.clone())
        .collect();
    for m in of.iter_mut().flatten() {
        if m.self_cued && !events_named.contains(&m.key.cue) {
            m.comparable = false;
        }
    }
    let others_in = |(k, s): (usize, &super::Sentence)| -> Vec<(String, usize)> {
        let others = |events: &[(Span, EventRef)]| -> Vec<(String, usize)> {
            events
                .iter()
                .filter(|(_, e)| e.other)
                .map(|(at, e)| (e.name.clone(), s.span.start + at.start))
                .collect()
        };
        match read_before.get(&k) {
            Some(events) => others(events),
            None if was_read[k] => Vec::new(),
            None => others(&event_nouns(doc.lexicon, doc.prose_of(s.span))),
        }
    };
    if long {
        let parts: Vec<Vec<(String, usize)>> = doc
            .sentences
            .par_iter()
            .enumerate()
            .with_min_len(256)
            .map(others_in)
            .collect();
        other_events = parts.concat();
    } else {
        for s in doc.sentences.iter().enumerate() {
            other_events.extend(others_in(s));
        }
    }
    Mentions { of, other_events }
}

/// Stories at least this long (bytes) read their sentences of figures on rayon's pool (see
/// `rules::PARALLEL_FROM`, the length from which their rules run side by side).
const SIDE_BY_SIDE_FROM: usize = 1 << 17;

/// Sentences of figures prepared at a time in a long story (on the pool), then read in order.
const PREPARE_CHUNK: usize = 4096;

/// What one sentence of figures holds, read before its figures are.
struct Prepared {
    /// It reports a change or another time.
    changed: bool,
    /// Where it names a year as the frame of what it tells.
    years: Vec<Span>,
    /// Its event nouns.
    events: Vec<(Span, EventRef)>,
}

/// The mention of one quantity, before the sentence-wide checks.
fn mention(
    doc: &Document,
    cues: &Cues,
    q: &Quantity,
    stretch: (usize, usize),
    clause: usize,
    owners: &mut Owners,
) -> Option<Mention> {
    if !q.unit.is_amount() || q.value == 0.0 || (q.written == Written::Words && q.value == 1.0) {
        return None;
    }
    let found = cues.cue_word(doc, q, stretch);
    // "six victims", "two dead", "images of victims": a cue that is a noun for people says less
    // of the event than a verb or a predicate ("killed", "were missing") does.
    let nounlike = found.as_ref().is_some_and(|(_, w)| {
        cues.people(w) && (q.noun.as_deref() == Some(w.as_str()) || w.ends_with('s'))
    });
    let mut cue = found.map(|(c, _)| c);
    let money = matches!(q.unit, Unit::Money(_));
    // A sum is told apart by what it pays for, not by who was hurt; and a price ("price fixing")
    // says nothing of what a count counts.
    if money != (cue.as_deref() == Some("cost")) {
        cue = None;
    }
    let thing = match (&q.unit, &q.noun) {
        (Unit::Money(c), _) => currency(doc.lexicon, c).to_string(),
        (_, Some(n)) if cues.people(n) => "people".to_string(),
        (_, Some(n)) => n.to_string(),
        // An elided noun with an owned cue: "1.9 million for her challenger" counts votes.
        (_, None) => match &cue {
            Some(c) if cues.owned(c) => c.clone(),
            _ => "people".to_string(),
        },
    };
    let owned = cues.owned(&thing);
    // A count is the same quantity only for the same event: "12 counts" in an indictment and
    // "five counts" in a plea are different things. Votes and seats have an owner instead.
    if cue.is_none() && !owned {
        return None;
    }
    // Money is only the same sum when its cue is right beside it ("cost $14.5 million", "the
    // $15.4 million wing would cost"): a story has many sums.
    if money && !cues.cue_beside(doc, q) {
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
    let comparable = !(q.partitive || q.whole || q.approximate || q.relative || q.quoted);
    let (lo, hi) = stretch;
    let text = read(doc, q.place, q.sentence);
    let rel = |s: usize| s - q.sentence.start;
    let before = &text[rel(lo)..rel(q.span.start)];
    let after = &text[rel(q.phrase.end)..rel(hi)];
    // The clause after the figure, and the one after that ("Five defendants, excluding Rao, were
    // charged").
    let mut cut = after.match_indices([',', ';', ':']);
    let first_clause = &after[..cut.next().map_or(after.len(), |(i, _)| i)];
    let two_clauses = &after[..cut.next().map_or(after.len(), |(i, _)| i)];
    let body = matches!(q.place, Place::Body(_));
    let mut restrict: Vec<String> = q
        .modifiers
        .iter()
        .filter(|m| !cues.lex[ListId::EmptyModifiers].contains(m) && cues.cue_in(m).is_none())
        .map(|m| m.to_string())
        .collect();
    restrict.extend(degree(after, cues));
    restrict.extend(charged_with(after));
    restrict.sort();
    restrict.dedup();
    Some(Mention {
        key: Key {
            // Whose votes or seats they are says what they are; a cue word nearby does not.
            cue: if owned {
                String::new()
            } else {
                cue.unwrap_or_default()
            },
            thing,
            owner: owner.clone(),
        },
        comparable,
        back: refers_back(doc, q, clause),
        event: None,
        places: if body {
            places(doc.lexicon, before)
        } else {
            Vec::new()
        },
        places_after: if body {
            places(doc.lexicon, first_clause)
        } else {
            Vec::new()
        },
        times: times(doc, q, lo, hi),
        times_near: {
            let near = after
                .split_whitespace()
                .take(4)
                .last()
                .and_then(|w| after.find(w).map(|i| i + w.len()))
                .unwrap_or(0);
            times(doc, q, q.phrase.end, q.phrase.end + near)
        },
        restrict,
        part: has_marker(cues.lex, before, ListId::PartMarkers)
            || has_marker(cues.lex, before, ListId::PartMarkersBefore)
            || has_marker(cues.lex, two_clauses, ListId::PartMarkers)
            || restricted_after(after, cues),
        named: q.noun.is_some() || !owner.is_empty(),
        self_cued: !owned && nounlike,
    })
}

/// The stretches of the figures of one sentence: for each, from the previous counted figure to
/// the next one. Found by binary search, so a sentence of many figures stays linear.
struct Stretches {
    sentence: Span,
    /// Where each counted figure of the sentence ends, in order.
    ends: Vec<usize>,
    /// Where each counted figure of the sentence starts, in order.
    starts: Vec<usize>,
}

impl Stretches {
    /// The stretches of `group`, the figures of one sentence.
    fn of(group: &[Quantity]) -> Self {
        let sentence = group.first().map_or(Span::new(0, 0), |q| q.sentence);
        let amounts = || group.iter().filter(|o| o.unit.is_amount()).map(|o| o.span);
        let mut ends: Vec<usize> = amounts()
            .filter(|o| o.start >= sentence.start)
            .map(|o| o.end)
            .collect();
        let mut starts: Vec<usize> = amounts()
            .filter(|o| o.end <= sentence.end)
            .map(|o| o.start)
            .collect();
        ends.sort_unstable();
        starts.sort_unstable();
        Stretches {
            sentence,
            ends,
            starts,
        }
    }

    /// The stretch of `q`'s sentence that belongs to it: from the end of the counted figure
    /// before it (or the start of the sentence) to the start of the one after it (or the end).
    /// A figure's own span is never before or after itself.
    fn of_quantity(&self, q: &Quantity) -> (usize, usize) {
        let before = self.ends.partition_point(|&e| e <= q.span.start);
        let lo = before
            .checked_sub(1)
            .map_or(self.sentence.start, |i| self.ends[i]);
        let after = self.starts.partition_point(|&s| s < q.phrase.end);
        let hi = self
            .starts
            .get(after)
            .copied()
            .unwrap_or(self.sentence.end)
            .max(q.phrase.end);
        (lo, hi)
    }
}

/// The lexicon's lists figures are matched by: event cues, the nouns that count people and the
/// nouns that belong to someone.
pub struct Cues<'l> {
    lex: &'l Lexicon,
}

impl<'l> Cues<'l> {
    /// The cues of a document's lexicon.
    pub fn of(doc: &Document<'l>) -> Cues<'l> {
        Cues { lex: doc.lexicon }
    }

    /// Whether a noun counts people ("men", "suspects").
    fn people(&self, noun: &str) -> bool {
        self.lex[ListId::PeopleNouns].contains(noun)
    }

    /// Whether a noun belongs to someone (votes, seats).
    fn owned(&self, noun: &str) -> bool {
        self.lex[ListId::OwnedNouns].contains(noun)
    }

    /// The cue of a quantity: a cue word in its own phrase ("four arrested men", "three deaths"),
    /// one just before it ("killed 12"), else the nearest after it or before it in its clause.
    /// `stretch` is the part of `q`'s sentence that belongs to it, from the previous figure to
    /// the next one. Returns the cue with the word or phrase it was read from.
    fn cue_word(
        &self,
        doc: &Document,
        q: &Quantity,
        stretch: (usize, usize),
    ) -> Option<(String, String)> {
        let phrase = doc.text_of(q.phrase);
        if let Some(c) = self.cues_in(phrase).into_iter().next() {
            return Some((c.0, c.2));
        }
        let sentence = q.sentence;
        let text = read(doc, q.place, sentence);
        let rel = |s: usize| s - sentence.start;
        // The stretch of the sentence that belongs to this figure: from the previous figure to
        // the next one, and never past a semicolon or a colon.
        let (lo, hi) = stretch;
        let before = &text[rel(lo)..rel(q.span.start)];
        let before = before.rsplit([';', ':']).next().unwrap_or(before);
        let after = &text[rel(q.phrase.end)..rel(hi)];
        let after = after.split([';', ':']).next().unwrap_or(after);
        let before_cues = self.cues_in(before);
        let near = before_cues.iter().rev().find(|(_, end, _)| {
            let gap = &before[*end..];
            !gap.contains(',')
                && gap.split_whitespace().count() <= 2
                && !gap
                    .split_whitespace()
                    .any(|w| matches!(w, "and" | "or" | "but" | "while" | "as"))
        });
        if let Some((c, _, w)) = near {
            return Some((c.clone(), w.clone()));
        }
        if let Some((c, _, w)) = self.cues_in(after).into_iter().next() {
            return Some((c, w));
        }
        // A cue further back belongs to this figure only when no other figure comes between.
        if lo == sentence.start {
            return before_cues.into_iter().last().map(|(c, _, w)| (c, w));
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
        self.cue_in(&near_before).is_some() || self.cue_in(&near_after).is_some()
    }

    fn cue_in(&self, text: &str) -> Option<(String, usize)> {
        self.cues_in(text)
            .into_iter()
            .next()
            .map(|(c, end, _)| (c, end))
    }

    /// Every cue in `text`, in order, with the byte where its match ends and the words matched
    /// (lowercase, spaces folded).
    fn cues_in(&self, text: &str) -> Vec<(String, usize, String)> {
        let cues = &self.lex[ListId::EventCues];
        cues.find_iter(text)
            .filter_map(|m| {
                let key = m
                    .as_str()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                let name = cues.group_of(&key)?;
                Some((name.to_string(), m.end(), key))
            })
            .collect()
    }
}

/// Whether the figure's sentence puts it in another year: a year before the figure, or shortly
/// after it with no other figure between and not as a baseline ("$11 million in 2005", but not
/// "the highest since the return to democracy in 1991").
fn other_year(doc: &Document, q: &Quantity, group: &[Quantity], years: &[Span]) -> bool {
    let sentence = read(doc, q.place, q.sentence);
    let at = q.span.start - q.sentence.start;
    let end = q.phrase.end - q.sentence.start;
    // Years are in order: one before the figure is the first.
    if years.first().is_some_and(|m| m.start < at) {
        return true;
    }
    for m in &years[years.partition_point(|m| m.start < end)..] {
        let between = &sentence[end..m.start];
        // Within six words (and every later year is further), not a baseline ("the highest since
        // the return to democracy in 1991"), and no other figure closer to the year (the figure
        // right before a year is the one it dates: "up from 48 … in 2020").
        if between.split_whitespace().take(7).count() > 6 {
            return false;
        }
        let baseline = sentence[m.start..]
            .get(..5)
            .is_some_and(|w| w.eq_ignore_ascii_case("since"));
        if !baseline && !between.contains("since") && {
            let i = group.partition_point(|o| o.span.start < q.phrase.end);
            group[i..]
                .first()
                .is_none_or(|o| o.span.start - q.sentence.start + 4 >= m.start)
        } {
            return true;
        }
    }
    false
}

/// Whether a figure reads as one given before: "the 44 victims", "Brandt's 14,862 votes", "those
/// 12", "the death toll of 44", "a total of 1,300", "In all, 84,000 customers".
/// `clause` is where the figure's clause starts: after the last comma, semicolon or colon before
/// it in its sentence.
fn refers_back(doc: &Document, q: &Quantity, clause: usize) -> bool {
    // Right before the figure, or at the start of its clause or sentence. Each is read in a
    // bounded stretch: a sentence of many figures stays linear.
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\b(?:the|those|these|all)|['’]s?|\b(?:toll|total|tally|count) of)$")
            .expect("back-reference")
    });
    static START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:in all|in total|altogether|all told)\b").expect("back-reference")
    });
    let before = &read(doc, q.place, q.sentence)[..q.span.start - q.sentence.start];
    let trimmed = before.trim_end();
    (trimmed.len() < before.len() && BEFORE.is_match(tail(trimmed, 40)))
        || START.is_match(&before[clause - q.sentence.start..])
        || START.is_match(before)
}

/// The last `max` bytes of `text` or a little fewer, on a character boundary.
pub(crate) fn tail(text: &str, max: usize) -> &str {
    let mut from = text.len().saturating_sub(max);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..]
}

/// The text of a quantity's sentence as the analyses read it: the prose of a body block (code and
/// URLs blanked), or the front matter value itself for the headline and dek (which prose blanks).
pub fn read<'d>(doc: &'d Document, place: Place, span: Span) -> &'d str {
    match place {
        Place::Body(_) => doc.prose_of(span),
        Place::Headline | Place::Dek => doc.text_of(span),
    }
}

/// The runs of quantities that share a sentence, as index ranges (quantities are in order).
pub fn sentence_groups(qs: &[Quantity]) -> Vec<std::ops::Range<usize>> {
    // Counted first: a long story has a hundred thousand groups, and no room is left over.
    let count = (1..=qs.len())
        .filter(|&i| i == qs.len() || qs[i].sentence != qs[i - 1].sentence)
        .count();
    let mut out = Vec::with_capacity(count);
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

/// Whether `text` may hold what every alternative of [`YEAR_CONTEXT`] holds, a year
/// `(?:1[89]|20)\d\d`: "18", "19" or "20" followed by an ASCII digit or a non-ASCII character
/// (which may be a digit). When it does not, the regex is not compiled.
fn may_hold_a_year(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| matches!(w, [b'1', b'8' | b'9', c] | [b'2', b'0', c] if c.is_ascii_digit() || *c >= 0x80))
}

static YEAR_CONTEXT: NarrowRegex = NarrowRegex::new(
    r"(?i)\b(?:in|during|of|for|from|the|until|since|by|through|saw|fy)\s+(?:(?:early|late|mid|the)[- ])?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?(?:1[89]|20)\d\d\b|\b(?:1[89]|20)\d\d(?:'s|’s|,\s+when|\s+when|\s+saw)|\bsince\b[^.;:]{0,40}?\b(?:1[89]|20)\d\d\b",
);

/// Whether `text` holds one of the words or phrases of a list, as whole words.
fn has_marker(lex: &Lexicon, text: &str, list: ListId) -> bool {
    lex[list].is_match(text)
}

/// Adverbs of degree between a figure and its cue: "two adults were seriously injured".
fn degree(after: &str, cues: &Cues) -> Vec<String> {
    let stop = cues.cue_in(after).map_or(after.len(), |(_, end)| end);
    after[..stop]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| cues.lex[ListId::DegreeAdverbs].contains_ci(w))
        .map(str::to_lowercase)
        .collect()
}

/// What a participle right after the counted noun says they are charged with, convicted of or
/// accused of: "the four officers charged with killing civilians" are not all six officers charged.
fn charged_with(after: &str) -> Option<String> {
    static WITH: NarrowRegex = NarrowRegex::new(r"(?i)^\s*\w+ed\s+(with|of)\s+(\w+(?:\s+\w+)?)");
    WITH.get(after)
        .captures(after)
        .map(|c| format!("{} {}", c[1].to_lowercase(), c[2].to_lowercase()))
}

/// A relative clause after the counted noun that picks out part of the group: "the 12 indicted
/// defendants who are officers" (but not "the 12 people who were killed").
fn restricted_after(after: &str, cues: &Cues) -> bool {
    static RELATIVE: NarrowRegex =
        NarrowRegex::new(r"(?i)^\s*(?:who|that|which)\s+(?:are|were|is|was)\s+(\w+)");
    RELATIVE
        .get(after)
        .captures(after)
        .is_some_and(|c| cues.cue_in(&c[1]).is_none() && !c[1].ends_with("ed"))
}

/// Places a clause puts its figure in: "in Tampa", "in the Southern District of Florida", "at
/// La Tómbola", lowercase.
fn places(lex: &Lexicon, text: &str) -> Vec<String> {
    static PLACE: NarrowRegex = NarrowRegex::new(
        r"\b(?:[Ii]n|[Aa]t)\s+(?:the\s+)?(\p{Lu}[\w.'’-]*(?:\s+(?:of\s+)?\p{Lu}[\w.'’-]*)*)",
    );
    let mut out: Vec<String> = PLACE
        .get(text)
        .captures_iter(text)
        .map(|c| c[1].trim_end_matches(['.', '\'', '’']).to_lowercase())
        .filter(|p| {
            let first = p.split(' ').next().unwrap_or("");
            lex.month_number(first).is_none()
                && lex.weekday_named(first).is_none()
                && !matches!(first, "the" | "a" | "an" | "this" | "that" | "all")
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Days and dates the stretch `lo..hi` of a figure's sentence puts it on, leaving out the day of
/// the saying ("officials said on Thursday").
fn times(doc: &Document, q: &Quantity, lo: usize, hi: usize) -> Vec<String> {
    if !matches!(q.place, Place::Body(_)) {
        return Vec::new();
    }
    let mentions = &doc.dates().mentions;
    let first = mentions.partition_point(|m| m.span.end <= lo);
    let mut out: Vec<String> = mentions[first..]
        .iter()
        .take_while(|m| m.span.start < hi)
        .filter(|m| !m.quoted && !m.idiom && m.span.end <= hi)
        .filter(|m| {
            // The day of the saying: "said on Thursday", "told reporters Friday".
            let before = &doc.prose[q.sentence.start.min(m.span.start)..m.span.start];
            !before
                .split_whitespace()
                .rev()
                .take(3)
                .any(|w| doc.lexicon[ListId::SpeechVerbs].contains_ci(w))
        })
        .map(|m| match m.resolved {
            Some(r) => r.to_string(),
            None => doc.text_of(m.span).to_lowercase(),
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Words before an event noun that make it the story's own event, named again: "the fire", "its
/// collapse" (grammar words, not a list of the lexicon).
const DEFINITE: &[&str] = &["the", "this", "that", "its", "their", "his", "her"];

/// Every event noun of a sentence, with where it stands: "the fire", "an earlier blaze".
fn event_nouns(lex: &Lexicon, text: &str) -> Vec<(Span, EventRef)> {
    let nouns = &lex[ListId::EventNouns];
    let mut out = Vec::new();
    let (mut read_to, mut clause_from) = (0, 0);
    for m in nouns.find_iter(text) {
        let folded = m
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let Some(name) = nouns.group_of(&folded) else {
            continue;
        };
        // "fire officials", "flood warnings": a modifier, not the event.
        let next = text[m.end()..]
            .trim_start_matches([' ', '-'])
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if text[m.end()..].starts_with([' ', '-'])
            && lex[ListId::EventNounModifiers].contains_ci(next)
        {
            continue;
        }
        // Up to three words before it, within its clause (read on from the noun before).
        if let Some(i) = text[read_to..m.start()].rfind([',', ';', ':', '(', '.']) {
            clause_from = read_to + i + 1;
        }
        read_to = m.start();
        let clause = &text[clause_from..m.start()];
        let lead: Vec<String> = clause
            .split_whitespace()
            .rev()
            .take(3)
            .map(str::to_lowercase)
            .collect();
        let year = |w: &str| {
            let d = w.trim_end_matches("'s").trim_end_matches("’s");
            d.len() == 4
                && d.chars().all(|c| c.is_ascii_digit())
                && (d.starts_with("19") || d.starts_with("20"))
        };
        let other = lead.iter().any(|w| {
            lex[ListId::OtherEventWords].contains(w)
                || year(w)
                || matches!(
                    w.as_str(),
                    "year's" | "year’s" | "week's" | "week’s" | "month's" | "month’s"
                )
        });
        let definite = lead
            .iter()
            .any(|w| DEFINITE.contains(&w.as_str()) || w.ends_with("'s") || w.ends_with("’s"));
        out.push((
            Span::new(m.start(), m.end()),
            EventRef {
                name: name.to_string(),
                definite,
                other,
            },
        ));
    }
    out
}

/// The event noun nearest a figure in its sentence (`events` are relative to the sentence).
fn nearest_event(q: &Quantity, events: &[(Span, EventRef)]) -> Option<EventRef> {
    let at = q.span.start - q.sentence.start;
    let end = q.phrase.end - q.sentence.start;
    // Events are in order and never overlap: the nearest is the last one before the figure or
    // the first one after (on a tie, the one before).
    let i = events.partition_point(|(s, _)| s.end <= at);
    let before = i.checked_sub(1).map(|i| (at - events[i].0.end, i));
    let after = events.get(i).map(|(s, _)| (s.start.saturating_sub(end), i));
    match (before, after) {
        (Some(b), Some(a)) => Some(if b.0 <= a.0 { b.1 } else { a.1 }),
        (b, a) => b.or(a).map(|(_, i)| i),
    }
    .map(|i| events[i].1.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::builtin()
    }

    #[test]
    fn event_nouns_and_their_determiners() {
        let e = event_nouns(
            lex(),
            "An earlier blaze killed 13, but the fire, which killed 44 people",
        );
        assert_eq!(e.len(), 2);
        assert!(e[0].1.other && e[0].1.name == "fire");
        assert!(e[1].1.definite && !e[1].1.other);
        assert!(event_nouns(lex(), "fire officials said").is_empty());
        assert!(
            event_nouns(lex(), "the 2019 flood")
                .iter()
                .all(|(_, e)| e.other)
        );
    }

    #[test]
    fn places_are_capitalised_names_after_in_or_at() {
        assert_eq!(
            places(lex(), "In Tampa, Florida, seven individuals were charged"),
            ["tampa"]
        );
        assert_eq!(
            places(
                lex(),
                "charged in the Southern District of Florida on Monday"
            ),
            ["southern district of florida"]
        );
        assert!(places(lex(), "in coordinated raids in three towns in June").is_empty());
    }

    #[test]
    fn part_markers_are_whole_words() {
        let part = |t: &str| has_marker(lex(), t, ListId::PartMarkers);
        assert!(part("Five defendants, excluding Rao,"));
        assert!(!part("the nowhere men"));
        assert!(part("Those 18 are among a total of 62"));
    }

    #[test]
    fn a_text_without_a_year_skips_the_year_context() {
        for text in [
            "In 2019 the plant closed",
            "It has been that way since the spring of 1984",
            "By the 1990’s it was gone",
            "Figures from FY2020",
            "In 20\u{665}\u{666} it rose",
        ] {
            assert!(may_hold_a_year(text), "{text}");
            assert!(
                YEAR_CONTEXT.full().is_match(text) || text.contains("FY2020"),
                "{text}"
            );
        }
        for text in [
            "In 2 0 1 9, 17 people",
            "the 21st of 1700 and 3018 and 1 900",
            "",
        ] {
            assert!(!may_hold_a_year(text), "{text}");
            assert!(!YEAR_CONTEXT.full().is_match(text), "{text}");
        }
    }
}
