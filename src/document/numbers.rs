//! Quantities: every figure in a story, with its value, its unit and the noun it counts.
//!
//! One left-to-right pass over the words of each headline, dek and block; every decision looks at
//! a fixed number of neighbouring words, so extraction is linear in the length of the story. The
//! words it looks for (number words, currencies, units, cue words for estimates and remainders)
//! are the lexicon's.

use super::{BlockKind, Document};
use crate::lexicon::{Lexicon, ListId};
use crate::span::Span;
use std::collections::HashSet;
use std::sync::Arc;

/// A word a figure records (a counted noun, a currency, a governing verb's stem), shared by every
/// figure that records the same word: a story of many figures repeats a few nouns, and a figure
/// then holds a pointer to each, not a copy. The pointer is thin (8 bytes; 16 for an `Arc<str>`):
/// a long story holds a hundred thousand figures of three names each. Reads as a `str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Name(Arc<Box<str>>);

impl Name {
    /// A name of its own (not shared with other figures).
    pub fn new(word: &str) -> Name {
        Name(Arc::new(Box::from(word)))
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self.0).hash(state);
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self.0).fmt(f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self.0).fmt(f)
    }
}

/// The words recorded so far, one copy of each.
#[derive(Default)]
struct Names(HashSet<Name>);

impl Names {
    /// The shared copy of `word`.
    fn get(&mut self, word: &str) -> Name {
        if let Some(n) = self.0.get(word) {
            return n.clone();
        }
        let n = Name::new(word);
        self.0.insert(n.clone());
        n
    }
}

/// What a figure measures.
#[derive(Clone, Debug, PartialEq)]
pub enum Unit {
    /// A count of things ("42 people", "three suspects", "130 were injured").
    Count,
    /// A share ("13%", "58 percent").
    Percent,
    /// An amount of money, with its currency as written ("$", "£", "pounds").
    Money(Name),
    /// An age ("aged 24", "a 20-year-old", "Dara Pell, 34,").
    Age,
    /// A year ("1987", "2024").
    Year,
    /// The day of a date ("June 7", "7 June").
    Date,
    /// A clock time ("2 a.m."; "10:30" is not read as a figure at all).
    Time,
    /// A length of time ("three hours").
    Duration,
    /// A measurement ("180 millimetres", "a 150-member assembly").
    Measure,
    /// An ordinal ("21st", "third").
    Ordinal,
    /// A score or a range written with a hyphen ("3-1", "10-12").
    Score,
    /// Part of a name ("Ward 2", "Route 66", "No. 3").
    Label,
    /// A vague amount ("dozens", "hundreds", "the 1990s", "in their 70s").
    Vague,
}

impl Unit {
    /// A short name, for listings.
    pub fn name(&self) -> &str {
        match self {
            Unit::Count => "count",
            Unit::Percent => "percent",
            Unit::Money(_) => "money",
            Unit::Age => "age",
            Unit::Year => "year",
            Unit::Date => "date",
            Unit::Time => "time",
            Unit::Duration => "duration",
            Unit::Measure => "measure",
            Unit::Ordinal => "ordinal",
            Unit::Score => "score",
            Unit::Label => "label",
            Unit::Vague => "vague",
        }
    }

    /// Whether the figure counts things or money: the quantities a story can contradict.
    pub fn is_amount(&self) -> bool {
        matches!(self, Unit::Count | Unit::Money(_))
    }
}

/// How a figure is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// In figures ("42", "1,200", "$4bn").
    Digits,
    /// In words ("four", "twenty-one", "a dozen").
    Words,
}

/// Where a figure stands in the story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The headline (front matter `title`, or a headline block).
    Headline,
    /// The dek or summary in front matter.
    Dek,
    /// A block of the body, by index into [`Document::blocks`].
    Body(usize),
}

/// A figure in the story.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The figure as written, with its currency sign, scale word and percent sign or word.
    pub span: Span,
    /// From the figure to the noun it counts ("four arrested men"), or "N of the X".
    pub phrase: Span,
    /// The value, scale applied ("1.2 million" → 1,200,000).
    pub value: f64,
    /// What it measures.
    pub unit: Unit,
    /// Figures or words.
    pub written: Written,
    /// The counted noun, lowercase ("people", "men", "votes"); None when elided or a pronoun.
    pub noun: Option<Name>,
    /// Words between the figure and the noun ("arrested" in "four arrested men").
    pub modifiers: Box<[Name]>,
    /// A part of a group: "two of the men", "85 of them".
    pub partitive: bool,
    /// The whole a part is drawn from: "of the 12 passengers" or "of its nine trustees".
    pub whole: bool,
    /// An estimate or bound: "about 1,500", "more than 40", "between 10 and 12".
    pub approximate: bool,
    /// One end of a range, a score or a tally: "5 to 7 percent", "voted 7 to 2", "3-1", "3 on a
    /// scale of 5".
    pub range: bool,
    /// A change or a remainder rather than a total: "12 more", "another 5", "the other three".
    pub relative: bool,
    /// The stem of the content word governing the figure ("cut" in "cut 450 jobs" and "cutting
    /// 540 jobs"), skipping determiners; None after a function word or at the start of a clause.
    pub governor: Option<Name>,
    /// Inside a quotation.
    pub quoted: bool,
    /// Headline, dek or body block.
    pub place: Place,
    /// The sentence it stands in (the whole field for headline and dek).
    pub sentence: Span,
    /// The first word of its sentence.
    pub starts_sentence: bool,
}

/// A word of a segment: letters, digits and the joiners inside them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
}

/// A figure written in digits, read by hand (it was a regex, run on every word that starts with a
/// digit or a currency sign): an optional currency (`US$`, `$`, `£`, `€`), the integer ("42",
/// "1,200": groups of three after a comma), a fraction (".5"), a suffix (a scale "bn", "m",
/// "million", "k"; an ordinal "st", "nd", "rd", "th"; the "s" of "1990s"), a percent sign and a
/// hyphenated rest ("-year-old", "-12"). The whole word or nothing.
struct Digits<'a> {
    cur: Option<&'a str>,
    /// The integer and the fraction, as written.
    figure: &'a str,
    int: &'a str,
    frac: &'a str,
    suf: Option<&'a str>,
    pct: bool,
    rest: Option<&'a str>,
}

/// Suffixes of a figure, in the order they are tried ("million" after "m": the rest of a suffix
/// cannot follow "m").
const SUFFIXES: [&str; 11] = [
    "bn", "billion", "mn", "m", "million", "k", "st", "nd", "rd", "th", "s",
];

fn digits<'a>(word: &'a str) -> Option<Digits<'a>> {
    let b = word.as_bytes();
    let cur_len = if word.starts_with("US$") {
        3
    } else {
        word.chars()
            .next()
            .filter(|c| matches!(c, '$' | '£' | '€'))
            .map_or(0, char::len_utf8)
    };
    let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int_start = cur_len;
    let first = run(int_start);
    if first == 0 {
        return None;
    }
    let mut i = int_start + first;
    if b.get(i) == Some(&b',') {
        // "1,200,000": one to three digits, then groups of exactly three.
        if first > 3 {
            return None;
        }
        while b.get(i) == Some(&b',') {
            if run(i + 1) != 3 {
                return None;
            }
            i += 4;
        }
    }
    let int = &word[int_start..i];
    let frac_start = i;
    if b.get(i) == Some(&b'.') {
        let n = run(i + 1);
        if n > 0 {
            i += 1 + n;
        }
    }
    let frac = &word[frac_start..i];
    // What may follow the suffix: a percent sign, then a hyphen and at least one character.
    let tail = |t: &'a str| -> Option<(bool, Option<&'a str>)> {
        let (pct, t) = match t.strip_prefix('%') {
            Some(t) => (true, t),
            None => (false, t),
        };
        match t {
            "" => Some((pct, None)),
            t if t.starts_with('-') && t.len() > 1 => Some((pct, Some(t))),
            _ => None,
        }
    };
    let after = &word[i..];
    let (suf, (pct, rest)) = SUFFIXES
        .iter()
        .find_map(|s| Some((Some(*s), tail(after.strip_prefix(s)?)?)))
        .or_else(|| Some((None, tail(after)?)))?;
    Some(Digits {
        cur: (cur_len > 0).then(|| &word[..cur_len]),
        figure: &word[int_start..i],
        int,
        frac,
        suf,
        pct,
        rest,
    })
}

/// The words of `text`, as byte ranges: runs of letters and digits, with the joiners inside them
/// (`.,'’-/:` between two of them: "1,200", "3.5", "twenty-one", "10:30", "Roig's"), a leading
/// currency sign ("$4bn", "US$3") and a trailing "%". A hand-written scanner: this runs over every
/// word of every story.
pub(crate) fn words(text: &str) -> Vec<Word> {
    // The character at byte `i` (a character boundary); an ASCII byte is read as it is.
    let at = |i: usize| match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[i..].chars().next(),
        None => None,
    };
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // Room for the words of plain prose (about six bytes a word), not grown word by word.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut i = 0;
    while i < text.len() {
        let Some(c) = at(i) else { break };
        let start = i;
        if matches!(c, '$' | '£' | '€') {
            if !alnum(at(i + c.len_utf8())) {
                i += c.len_utf8();
                continue;
            }
            i += c.len_utf8();
        } else if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        loop {
            match at(i) {
                Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                Some(j @ ('.' | ',' | '\'' | '’' | '-' | '/' | ':'))
                    if alnum(at(i + j.len_utf8())) =>
                {
                    i += j.len_utf8();
                }
                Some('$') if &text[start..i] == "US" && alnum(at(i + 1)) => i += 1,
                _ => break,
            }
        }
        if at(i) == Some('%') {
            i += 1;
        }
        out.push(Word { start, end: i });
    }
    out
}

/// The number a word spells ("four" → 4, "twenty-one" → 21), if any.
pub fn word_value(lex: &Lexicon, word: &str) -> Option<f64> {
    lex.number_value(word).map(f64::from)
}

/// The spelled-out word for a whole number from zero to ninety-nine.
pub fn number_word(lex: &Lexicon, n: u64) -> Option<String> {
    let (ones, tens) = (lex[ListId::Ones].ordered(), lex[ListId::Tens].ordered());
    match n {
        0..=19 => Some(ones[n as usize].clone()),
        20..=99 => {
            let t = &tens[(n / 10 - 2) as usize];
            Some(if n.is_multiple_of(10) {
                t.clone()
            } else {
                format!("{t}-{}", ones[(n % 10) as usize])
            })
        }
        _ => None,
    }
}

fn scale_of(word: &str) -> Option<f64> {
    match word.to_ascii_lowercase().as_str() {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "mn" | "m" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

fn is_in(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a lowercase word reads as a plural noun.
pub(crate) fn looks_plural(lex: &Lexicon, word: &str) -> bool {
    if lex[ListId::IrregularPlurals].contains_ci(word) {
        return true;
    }
    let w = word.to_ascii_lowercase();
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !w.ends_with("’s")
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !lex[ListId::StopWords].contains(&w)
}

fn is_lower_word(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_lowercase())
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// Every quantity of a document, in reading order.
pub fn extract(doc: &Document) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut names = Names::default();
    let text = doc.source.text.as_str();
    if let Some(fm) = &doc.front_matter {
        let mut fields: Vec<(Place, Span)> = Vec::new();
        if let Some(t) = fm.title() {
            fields.push((Place::Headline, t.span));
        }
        for key in [
            "dek",
            "subtitle",
            "subhead",
            "summary",
            "description",
            "standfirst",
        ] {
            if let Some(f) = fm.get(key) {
                fields.push((Place::Dek, f.span));
            }
        }
        for (place, span) in fields {
            if span.end <= text.len() && text.is_char_boundary(span.start) {
                let s = &text[span.range()];
                scan(doc, s, span.start, place, &[span], &mut names, &mut out);
            }
        }
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        // A byline counts nothing. A table's figures are kept here (for a rule that scopes tables
        // in); [`Document::quantities`] leaves them out of what prose rules compare.
        if block.kind == BlockKind::Byline {
            continue;
        }
        let place = if block.kind == BlockKind::Headline {
            Place::Headline
        } else {
            Place::Body(i)
        };
        let sentences: Vec<Span> = doc.sentences_of(i).map(|s| s.span).collect();
        scan(
            doc,
            doc.prose_of(block.span),
            block.span.start,
            place,
            &sentences,
            &mut names,
            &mut out,
        );
    }
    // The list lives as long as the document: no room is kept for figures that never come.
    out.shrink_to_fit();
    out
}

/// Scans one segment (a block or a front matter field) whose text starts at byte `base`.
fn scan(
    doc: &Document,
    text: &str,
    base: usize,
    place: Place,
    sentences: &[Span],
    names: &mut Names,
    out: &mut Vec<Quantity>,
) {
    let lex = doc.lexicon;
    let ws = words(text);
    let w = |i: usize| &text[ws[i].start..ws[i].end];
    let gap = |i: usize| -> &str {
        // The text between word i-1 and word i.
        let start = if i == 0 { 0 } else { ws[i - 1].end };
        &text[start..ws[i].start]
    };
    let joined = |i: usize| gap(i).chars().all(|c| c == ' ');
    let first = out.len();
    let mut last_age: Option<usize> = None;
    let mut last_age_sentence: Option<Span> = None;
    // The last word of the latest label figure ("Category 3"), for "Category 3 and 4".
    let mut last_label: Option<usize> = None;
    let mut i = 0;
    while i < ws.len() {
        let Some(mut q) = figure(lex, &ws, text, i) else {
            i += 1;
            continue;
        };
        let mut end = q.end_word;
        // Scale and unit words after the figure.
        while end + 1 < ws.len() && joined(end + 1) {
            let next = w(end + 1);
            if let Some(scale) = scale_of(next).filter(|_| !(next == "m" && q.currency.is_none())) {
                q.value *= scale;
                end += 1;
            } else {
                break;
            }
        }
        let mut unit = q.unit.take();
        if unit.is_none() && end + 1 < ws.len() && joined(end + 1) {
            let next = w(end + 1).to_ascii_lowercase();
            if next == "percent" || next == "pct" {
                unit = Some(Unit::Percent);
                end += 1;
            } else if next == "per" && end + 2 < ws.len() && w(end + 2).eq_ignore_ascii_case("cent")
            {
                unit = Some(Unit::Percent);
                end += 2;
            } else if next == "pounds" && end + 2 < ws.len() && w(end + 2) == "of" {
                // "430 pounds of rockfish": a weight.
                unit = Some(Unit::Measure);
            } else if lex[ListId::Currencies].contains(&next) {
                unit = Some(Unit::Money(names.get(&next)));
                end += 1;
            }
        }
        if unit.is_none()
            && let Some(c) = &q.currency
        {
            unit = Some(Unit::Money(names.get(c)));
        }
        // "5–7", "52 - 48", "10—12": a range or a tally written with a dash, like "10-12".
        let dashed = |k: usize| matches!(gap(k).trim(), "–" | "—" | "-" | "‒") && gap(k).len() <= 5;
        let dash_after =
            end + 1 < ws.len() && dashed(end + 1) && figure(lex, &ws, text, end + 1).is_some();
        let dash_before = i >= 1 && dashed(i) && figure(lex, &ws, text, i - 1).is_some();
        if dash_after && unit.is_none() {
            // "5–7%", "5–7 percent": the first end is a share too.
            let second = w(end + 1);
            let then = if end + 2 < ws.len() { w(end + 2) } else { "" };
            if second.ends_with('%') || then.eq_ignore_ascii_case("percent") {
                unit = Some(Unit::Percent);
            }
        }
        // The k-th word before the figure, within its clause.
        let prev = |k: usize| -> Option<String> {
            (i >= k && (0..k).all(|j| !gap(i - j).contains(['.', ';', ':', '!', '?', ',', '('])))
                .then(|| w(i - k).to_ascii_lowercase())
        };
        // The two words before, lowercase, read once (the second only when the first is there).
        let p1 = prev(1);
        let p2 = p1.as_ref().and_then(|_| prev(2));
        let prevs = [p1, p2];
        let next_lower = if end + 1 < ws.len() && joined(end + 1) {
            w(end + 1).to_ascii_lowercase()
        } else {
            String::new()
        };
        let in_age_list = last_age.is_some_and(|a| {
            a + 1 == i && matches!(gap(i), ", " | " ")
                || a + 2 == i && is_in(&["and", "or"], w(i - 1))
        });
        // Up to three words after the figure, within its clause.
        let mut following: Vec<String> = Vec::new();
        for k in end + 1..(end + 4).min(ws.len()) {
            if gap(k).contains([',', '.', ';', ':', '(', ')']) {
                break;
            }
            following.push(w(k).to_ascii_lowercase());
        }
        let start = base + ws[i].start;
        let sentence = sentences
            .get(sentences.partition_point(|s| s.end.max(s.start + 1) <= start))
            .copied()
            .filter(|s| s.start <= start)
            .unwrap_or(Span::new(base, base + text.len()));
        // "Michael Smith, 37, Matthew Davidson, 43, and Joseph Sanders, 31 former officers": a
        // figure after a name, in a sentence that has given ages after names.
        let age_after_name = last_age_sentence == Some(sentence)
            && q.written == Written::Digits
            && gap(i) == ", "
            && q.value < 120.0
            && i >= 1
            && w(i - 1).chars().next().is_some_and(char::is_uppercase);
        let unit = unit.unwrap_or_else(|| {
            if (in_age_list || age_after_name) && q.written == Written::Digits {
                return Unit::Age;
            }
            // "Category 3 and 4", "Region 1 or 2": the second of two labels.
            if q.written == Written::Digits
                && i >= 2
                && last_label == Some(i - 2)
                && matches!(w(i - 1), "and" | "or" | "through" | "to")
            {
                return Unit::Label;
            }
            // "H.B. 2", "R.S. 2477", "31 U.S.C. 5330": a number after an abbreviation of a name.
            if q.written == Written::Digits
                && i >= 1
                && gap(i) == ". "
                && w(i - 1).contains('.')
                && w(i - 1).starts_with(char::is_uppercase)
            {
                return Unit::Label;
            }
            classify(
                lex,
                &q,
                &prevs[0],
                &prevs[1],
                &next_lower,
                i > 0 && lex.month_number(w(i - 1)).is_some() && matches!(gap(i), " " | ". "),
                &following,
                gap(i),
                if end + 1 < ws.len() { gap(end + 1) } else { "" },
                // A capitalised word before the figure that is not the first of its sentence.
                i > 1
                    && w(i - 1).chars().next().is_some_and(char::is_uppercase)
                    && !gap(i - 1).contains(['.', '!', '?', ':', '"', '“'])
                    && !w(i - 1).ends_with("'s")
                    && !w(i - 1).ends_with("’s")
                    && !w(i - 1).ends_with(['\'', '’'])
                    && !is_in(
                        &[
                            "the", "a", "an", "about", "some", "with", "in", "on", "at", "of",
                            "for", "by",
                        ],
                        w(i - 1),
                    ),
                place == Place::Headline,
            )
        });
        // The counted noun: up to four joined words after the figure.
        let mut noun = None;
        let mut modifiers = Vec::new();
        let mut phrase_end = ws[end].end;
        let mut partitive = false;
        if unit.is_amount() {
            let mut k = end + 1;
            if k + 1 < ws.len()
                && joined(k)
                && w(k).eq_ignore_ascii_case("of")
                && joined(k + 1)
                && is_in(
                    &[
                        "the", "its", "their", "them", "those", "these", "whom", "his", "her",
                    ],
                    w(k + 1),
                )
            {
                partitive = true;
                phrase_end = ws[k + 1].end;
                if is_in(&["them", "whom", "those", "these"], w(k + 1)) {
                    k = ws.len();
                } else {
                    k += 2;
                }
            } else if k + 2 < ws.len()
                && joined(k)
                && w(k).eq_ignore_ascii_case("out")
                && w(k + 1).eq_ignore_ascii_case("of")
                && figure(lex, &ws, text, k + 2).is_some()
            {
                // "35 out of 55": a part; its noun follows the whole.
                partitive = true;
                phrase_end = ws[k + 1].end;
                k = ws.len();
            }
            let mut taken = 0;
            while k < ws.len() && taken < 4 && joined(k) {
                let cand = w(k);
                // Headlines may be in title case: "Three Former Traders Charged".
                let wordlike = is_lower_word(cand)
                    || (!matches!(place, Place::Body(_)) && is_lower_word(&cand.to_lowercase()));
                if !wordlike
                    || lex[ListId::StopWords].contains_ci(cand)
                    || figure(lex, &ws, text, k).is_some()
                {
                    break;
                }
                let lower = cand.to_ascii_lowercase();
                let nominal = taken == 0 && lex[ListId::NominalAdjectives].contains(&lower) && {
                    let after = if k + 1 < ws.len() {
                        w(k + 1).to_ascii_lowercase()
                    } else {
                        String::new()
                    };
                    k + 1 >= ws.len() || !joined(k + 1) || lex[ListId::StopWords].contains(&after)
                };
                if looks_plural(lex, &lower) || nominal {
                    noun = Some(names.get(&lower));
                    phrase_end = ws[k].end;
                    break;
                }
                modifiers.push(lower);
                taken += 1;
                k += 1;
            }
            if noun.is_none() {
                modifiers.clear();
            }
        }
        if let Unit::Money(c) = &unit
            && noun.is_none()
        {
            noun = Some(c.clone());
        }
        let before: Vec<&String> = prevs.iter().flatten().collect();
        let after = next_lower.as_str();
        let approximate = q.range
            || before
                .iter()
                .any(|b| lex[ListId::Approximators].contains(b))
            || before.first().is_some_and(|b| *b == "than")
            || (before.first().is_some_and(|b| *b == "to")
                && i >= 2
                && figure(lex, &ws, text, i - 2).is_some())
            || is_in(&["or", "to"], after) && {
                end + 2 < ws.len() && figure(lex, &ws, text, end + 2).is_some()
            };
        let relative = before
            .iter()
            .any(|b| lex[ListId::RelativeMarkers].contains(b))
            || before
                .first()
                .is_some_and(|b| lex[ListId::SubsetAdjectives].contains(b))
            || modifiers
                .iter()
                .any(|m| lex[ListId::SubsetAdjectives].contains(m))
            || lex[ListId::RelativeAfter].contains(after)
            || modifiers
                .iter()
                .any(|m| lex[ListId::RelativeMarkers].contains(m));
        // "M of the N" or a sentence opening "Of the N …": the figure is a whole with a part.
        let whole = (before
            .first()
            .is_some_and(|b| is_in(&["the", "its", "their"], b))
            && before.get(1).is_some_and(|b| *b == "of")
            && (w(i - 2) == "Of" || (i >= 3 && figure(lex, &ws, text, i - 3).is_some())))
            // "35 out of 55": 55 is the whole.
            || (before.first().is_some_and(|b| *b == "of")
                && before.get(1).is_some_and(|b| *b == "out")
                && i >= 3
                && figure(lex, &ws, text, i - 3).is_some());
        if unit == Unit::Age {
            last_age = Some(end);
            last_age_sentence = Some(sentence);
        }
        if unit == Unit::Label {
            last_label = Some(end);
        }
        let governor = before
            .iter()
            .find(|b| {
                !is_in(
                    &[
                        "the", "its", "their", "his", "her", "a", "an", "all", "some",
                    ],
                    b,
                )
            })
            .filter(|b| {
                is_lower_word(b)
                    && !lex[ListId::StopWords].contains(b)
                    && !lex[ListId::Approximators].contains(b)
                    && !lex[ListId::NotGovernors].contains(b)
            })
            .map(|b| names.get(&stem(b)));
        // A word compared without its case (no lowercase copy made).
        let word_is = |k: usize, s: &str| w(k).eq_ignore_ascii_case(s);
        let range = q.range
            || dash_after
            || dash_before
            || (end + 2 < ws.len()
                && joined(end + 1)
                && is_in(&["to", "or", "and", "-", "of"], w(end + 1))
                && figure(lex, &ws, text, end + 2).is_some())
            || (i >= 2 && is_in(&["to", "or", "-", "of"], w(i - 1)) && joined(i) && {
                figure(lex, &ws, text, i - 2).is_some()
                    || word_is(i - 1, "of") && word_is(i - 2, "scale")
            })
            || (end + 3 < ws.len() && word_is(end + 1, "on") && word_is(end + 3, "scale"))
            // "between 60 and 70 percent": the upper end.
            || (i >= 3
                && word_is(i - 1, "and")
                && word_is(i - 3, "between")
                && figure(lex, &ws, text, i - 2).is_some());
        let span = Span::new(start, base + ws[end].end);
        let starts_sentence = sentence.start == start
            || text[sentence.start.saturating_sub(base)..ws[i].start]
                .chars()
                .all(|c| !c.is_alphanumeric());
        out.push(Quantity {
            span,
            phrase: Span::new(start, base + phrase_end),
            value: q.value,
            unit,
            written: q.written,
            noun,
            modifiers: modifiers.into_iter().map(|m| names.get(&m)).collect(),
            partitive,
            whole,
            approximate,
            range,
            relative,
            governor,
            quoted: false,
            place,
            sentence,
            starts_sentence,
        });
        i = end + 1;
    }
    for q in &mut out[first..] {
        q.quoted = doc.in_quotation(q.span);
    }
}

/// A crude stem, enough to tell "cut"/"cutting" from "hire"/"employs".
fn stem(word: &str) -> String {
    let mut w = word.to_string();
    for suffix in ["ing", "ed", "es", "s"] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    let b = w.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] {
        w.pop();
    }
    w
}

/// A figure starting at word `i`, before its context is read.
struct Figure {
    value: f64,
    written: Written,
    currency: Option<String>,
    /// A unit the figure's own spelling fixes (a percent sign, an ordinal suffix, "-year-old").
    unit: Option<Unit>,
    /// A range or score ("10-12").
    range: bool,
    /// Plain digits of four figures, no separator: maybe a year.
    bare_four: bool,
    /// The last word of the figure ("a dozen", "three hundred").
    end_word: usize,
}

impl Figure {
    /// A figure written in words, ending at word `end_word`.
    fn words(value: f64, unit: Option<Unit>, end_word: usize) -> Figure {
        Figure {
            value,
            written: Written::Words,
            currency: None,
            unit,
            range: false,
            bare_four: false,
            end_word,
        }
    }
}

fn figure(lex: &Lexicon, ws: &[Word], text: &str, i: usize) -> Option<Figure> {
    let word = &text[ws[i].start..ws[i].end];
    let first = word.chars().next()?;
    if first == 'U' && !word.starts_with("US$") {
        return None;
    }
    if first.is_ascii_digit() || matches!(first, '$' | '£' | '€' | 'U') {
        let c = digits(word)?;
        let (int, frac) = (c.int, c.frac);
        let mut value: f64 = if int.contains(',') {
            format!("{}{frac}", int.replace(',', "")).parse().ok()?
        } else {
            c.figure.parse().ok()?
        };
        let currency = c.cur.map(str::to_string);
        let mut unit = None;
        let mut range = false;
        match c.suf {
            Some("bn" | "billion") => value *= 1e9,
            Some("m" | "mn" | "million") => value *= 1e6,
            Some("k") => value *= 1e3,
            Some("st" | "nd" | "rd" | "th") => unit = Some(Unit::Ordinal),
            Some("s") => unit = Some(Unit::Vague),
            _ => {}
        }
        if c.pct {
            unit = Some(Unit::Percent);
        }
        if let Some(rest) = c.rest {
            let r = rest.to_ascii_lowercase();
            if r[1..].starts_with(|c: char| c.is_ascii_digit()) {
                range = true;
                unit = unit.or(Some(Unit::Score));
            } else if r.contains("year-old") || r.contains("years-old") {
                unit = Some(Unit::Age);
            } else if lex[ListId::Durations]
                .words()
                .any(|d| r[1..].starts_with(d))
            {
                unit = Some(Unit::Duration);
            } else {
                unit = Some(Unit::Measure);
            }
        }
        let bare_four = currency.is_none()
            && unit.is_none()
            && frac.is_empty()
            && int.len() == 4
            && c.suf.is_none();
        return Some(Figure {
            value,
            written: Written::Digits,
            currency,
            unit,
            range,
            bare_four,
            end_word: i,
        });
    }
    // Most words stop here, before anything is allocated: a number word, alone or starting a
    // compound ("seventy-seven-year-old"), "a" of "a dozen", or a vague amount.
    let head = word.split('-').next().unwrap_or(word);
    if word.len() > 24
        || !word.is_ascii()
        || !lex.number_initial(first.to_ascii_lowercase())
        || !(word_value(lex, head).is_some()
            || word_value(lex, word).is_some()
            || word.eq_ignore_ascii_case("a")
            || word.eq_ignore_ascii_case("dozen")
            || lex[ListId::VagueAmounts].contains_ci(word))
    {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let joined = |k: usize| k < ws.len() && text[ws[k - 1].end..ws[k].start] == *" ";
    let next = |k: usize| text[ws[k].start..ws[k].end].to_ascii_lowercase();
    if lower == "a" && joined(i + 1) && next(i + 1) == "dozen" {
        return Some(Figure::words(12.0, None, i + 1));
    }
    if lex[ListId::VagueAmounts].contains(&lower) {
        return Some(Figure::words(0.0, Some(Unit::Vague), i));
    }
    let (base, hyphen_rest) = match lower.split_once('-') {
        Some((a, b)) if word_value(lex, &lower).is_none() && word_value(lex, a).is_some() => {
            (a, Some(b))
        }
        _ => (lower.as_str(), None),
    };
    if lower == "dozen" {
        // "a few dozen", "dozen" alone: an approximate amount.
        return Some(Figure::words(12.0, Some(Unit::Vague), i));
    }
    let mut value = word_value(lex, base)?;
    let mut unit = None;
    if let Some(rest) = hyphen_rest {
        // "three-storey", "four-year", "six-year-old".
        unit = Some(if rest.contains("year-old") {
            Unit::Age
        } else if lex[ListId::Durations].words().any(|d| rest.starts_with(d)) {
            Unit::Duration
        } else {
            Unit::Measure
        });
    }
    let mut end = i;
    if hyphen_rest.is_none() {
        while joined(end + 1) {
            match next(end + 1).as_str() {
                "hundred" => value *= 100.0,
                "dozen" => value *= 12.0,
                "thousand" => value *= 1e3,
                "million" => value *= 1e6,
                "billion" => value *= 1e9,
                _ => break,
            }
            end += 1;
        }
    }
    Some(Figure::words(value, unit, end))
}

/// The unit of a figure from the words around it.
#[allow(clippy::too_many_arguments)]
fn classify(
    lex: &Lexicon,
    q: &Figure,
    prev: &Option<String>,
    prev2: &Option<String>,
    next: &str,
    after_month: bool,
    following: &[String],
    gap_before: &str,
    gap_after: &str,
    prev_capitalized: bool,
    headline: bool,
) -> Unit {
    let prev = prev.as_deref().unwrap_or("");
    let prev2 = prev2.as_deref().unwrap_or("");
    if after_month || lex.month_number(next).is_some() {
        return if q.bare_four { Unit::Year } else { Unit::Date };
    }
    // "1832(a)(5)": a section number.
    if q.written == Written::Digits && gap_after.starts_with('(') {
        return Unit::Label;
    }
    if q.bare_four && (1000.0..=2100.0).contains(&q.value) && !looks_plural(lex, next) {
        return Unit::Year;
    }
    // "the 2009 shipments", "their 2002 and 2003 returns": a year naming which ones.
    if q.bare_four
        && (1900.0..=2100.0).contains(&q.value)
        && (matches!(
            prev,
            "the" | "its" | "their" | "his" | "her" | "our" | "and" | "or" | "fiscal"
        ) || prev.ends_with("'s")
            || prev.ends_with("’s"))
    {
        return Unit::Year;
    }
    // Labels by their punctuation: "co-conspirator #1", "(2)", "2) investigate", "8(a)",
    // "1832(a)(5)", "Offense: 1. Conspiracy".
    if q.written == Written::Digits
        && (gap_before.ends_with('#')
            || gap_before.ends_with('[')
            || gap_after.starts_with(')')
            || gap_after.starts_with('(')
            || gap_before.ends_with('(') && !gap_after.starts_with(' ')
            || (gap_after.starts_with(". ") || gap_after == ".")
                && (gap_before.is_empty()
                    || gap_before.ends_with(": ")
                    || gap_before.ends_with('\n')))
    {
        return Unit::Label;
    }
    if lex[ListId::TimeWords].contains(next) {
        return Unit::Time;
    }
    let then = |k: usize| following.get(k).map_or("", String::as_str);
    let ages = &lex[ListId::AgeWords];
    if ages.contains(prev)
        || (lex[ListId::Durations].contains(next)
            && (then(1) == "old"
                || (then(1) == "or" && then(2) == "older")
                // "children under 5 years of age".
                || (then(1) == "of" && then(2) == "age")))
        || (matches!(prev, "and" | "or") && ages.contains(prev2))
    {
        return Unit::Age;
    }
    if q.written == Written::Digits
        && gap_before == ", "
        && gap_after.starts_with(',')
        && prev_capitalized
        && q.value < 120.0
    {
        // "Dara Pell, 34, said": an age after a name.
        return Unit::Age;
    }
    if lex[ListId::Measures].contains(next) {
        return Unit::Measure;
    }
    if lex[ListId::Durations].contains(next) {
        return Unit::Duration;
    }
    if lex[ListId::LabelWords].contains(prev.trim_end_matches('.'))
        || (q.written == Written::Digits && prev_capitalized && gap_before == " " && !headline)
    {
        return Unit::Label;
    }
    Unit::Count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::source::Source;

    #[test]
    fn figures_in_digits_read_as_their_pattern_reads_them() {
        // The pattern the hand-written reader replaced; both read every word the same way.
        let pattern = regex::Regex::new(
            r"^(?P<cur>US\$|[$£€])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<suf>bn|billion|mn|m|million|k|st|nd|rd|th|s)?(?P<pct>%)?(?P<rest>-.+)?$",
        )
        .unwrap();
        let heads = ["", "US$", "$", "£", "€", "U", "US", "x"];
        let ints = [
            "",
            "4",
            "42",
            "1234",
            "1,200",
            "12,345,678",
            "1234,567",
            "1,23",
            "1,2345",
            "12,5",
            "1,234,56",
            "7٣",
        ];
        let fracs = ["", ".5", ".25", ".", ".x"];
        let sufs = [
            "", "bn", "billion", "mn", "m", "million", "k", "st", "nd", "rd", "th", "s", "mil",
            "x", "ms",
        ];
        let pcts = ["", "%", "%%"];
        let rests = ["", "-", "-12", "-year-old", "-é", "x-1"];
        let mut n = 0;
        for h in heads {
            for i in ints {
                for f in fracs {
                    for s in sufs {
                        for p in pcts {
                            for r in rests {
                                let word = format!("{h}{i}{f}{s}{p}{r}");
                                // A digit of another script matches `\d` but is no figure:
                                // its value does not parse, and the reader turns it away.
                                let want = pattern.captures(&word).filter(|c| {
                                    c.name("int").unwrap().as_str().is_ascii()
                                        && c.name("frac").is_none_or(|m| m.as_str().is_ascii())
                                });
                                let want = want.map(|c| {
                                    let g = |k: &str| c.name(k).map(|m| m.as_str());
                                    (
                                        g("cur"),
                                        g("int").unwrap_or(""),
                                        g("frac").unwrap_or(""),
                                        g("suf"),
                                        g("pct").is_some(),
                                        g("rest"),
                                    )
                                });
                                let got = digits(&word)
                                    .map(|d| (d.cur, d.int, d.frac, d.suf, d.pct, d.rest));
                                assert_eq!(got, want, "{word}");
                                if let Some(d) = digits(&word) {
                                    assert_eq!(d.figure, format!("{}{}", d.int, d.frac));
                                }
                                n += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(n > 10_000);
    }

    #[test]
    fn words_hold_their_joiners_in_any_script() {
        let text =
            "\u{201c}US$3 and €4bn, 1,200 Roig\u{2019}s 10:30 twenty-one 5% naïve\u{2014}Zoë. x.";
        let got: Vec<&str> = words(text).iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(
            got,
            [
                "US$3",
                "and",
                "€4bn",
                "1,200",
                "Roig\u{2019}s",
                "10:30",
                "twenty-one",
                "5%",
                "naïve",
                "Zoë",
                "x"
            ]
        );
    }

    fn quantities(text: &str) -> Vec<(String, f64, String, Option<String>)> {
        let src = Source::new("t.md", text.to_string());
        let doc = Document::parse(&src, Format::Markdown);
        extract(&doc)
            .into_iter()
            .map(|q| {
                (
                    text[q.phrase.range()].to_string(),
                    q.value,
                    q.unit.name().to_string(),
                    q.noun.as_deref().map(String::from),
                )
            })
            .collect()
    }

    #[test]
    fn values_units_and_nouns() {
        let got = quantities(
            "At least 42 people were killed and 130 were injured. Police seized $4bn, 1.2 million \
             crowns and a dozen rifles. The four arrested men, aged 24 and 31, were held for three \
             hours in 2024. Turnout was 13% and 58 percent said yes.",
        );
        let want = [
            ("42 people", 42.0, "count", Some("people")),
            ("130", 130.0, "count", None),
            ("$4bn", 4e9, "money", Some("$")),
            ("1.2 million crowns", 1.2e6, "money", Some("crowns")),
            ("a dozen rifles", 12.0, "count", Some("rifles")),
            ("four arrested men", 4.0, "count", Some("men")),
            ("24", 24.0, "age", None),
            ("31", 31.0, "age", None),
            ("three", 3.0, "duration", None),
            ("2024", 2024.0, "year", None),
            ("13%", 13.0, "percent", None),
            ("58 percent", 58.0, "percent", None),
        ];
        assert_eq!(got.len(), want.len(), "{got:#?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(
                (g.0.as_str(), g.1, g.2.as_str(), g.3.as_deref()),
                w,
                "{got:#?}"
            );
        }
    }

    #[test]
    fn partitives_wholes_and_relatives() {
        let src = Source::new(
            "t.md",
            "Of the 12 passengers, two of the men and 12 more were hurt.".to_string(),
        );
        let doc = Document::parse(&src, Format::Markdown);
        let qs = extract(&doc);
        assert!(qs[0].whole && !qs[0].partitive);
        assert!(qs[1].partitive && qs[1].noun.as_deref() == Some("men"));
        assert!(qs[2].relative);
    }

    /// The unit of each figure of `text`, by its text.
    fn units(text: &str) -> Vec<(String, String)> {
        quantities(text)
            .into_iter()
            .map(|(t, _, u, _)| (t, u))
            .collect()
    }

    #[test]
    fn labels_by_their_punctuation_and_the_word_before() {
        let got = units(
            "Co-conspirator #1 paid type 2 patients in Count 2, and (3) kept 8(a) status under \
             section 1832(a)(5) on tier 1.",
        );
        for (text, unit) in &got {
            assert_eq!(unit, "label", "{text}: {got:?}");
        }
        assert_eq!(got.len(), 8, "{got:?}");
    }

    #[test]
    fn dash_ranges_like_hyphen_ranges() {
        let qs = {
            let src = Source::new("t.md", "Turnout was 5–7% and the vote 52 – 48.".to_string());
            let doc = Document::parse(&src, Format::Markdown);
            extract(&doc)
        };
        assert_eq!(qs.len(), 4, "{qs:#?}");
        assert!(qs.iter().all(|q| q.range), "{qs:#?}");
        assert_eq!(qs[0].unit, Unit::Percent);
    }

    #[test]
    fn ages_in_a_list_of_names_years_that_name_and_weights() {
        let got = units(
            "They charged Michael Smith, 37, Matthew Davidson, 43, and Joseph Sanders, 31 former \
             officers. The 2009 shipments held 430 pounds of coral and a 3 liter tank.",
        );
        let unit = |t: &str| got.iter().find(|(x, _)| x == t).unwrap().1.clone();
        assert_eq!(unit("31"), "age", "{got:?}");
        assert_eq!(unit("2009"), "year", "{got:?}");
        assert_eq!(unit("430"), "measure", "{got:?}");
        assert_eq!(unit("3"), "measure", "{got:?}");
    }

    #[test]
    fn out_of_is_a_part_and_its_whole() {
        let src = Source::new(
            "t.md",
            "The board backed it, 35 out of 55 members.".to_string(),
        );
        let doc = Document::parse(&src, Format::Markdown);
        let qs = extract(&doc);
        assert!(qs[0].partitive && !qs[0].whole, "{qs:#?}");
        assert!(qs[1].whole, "{qs:#?}");
    }

    #[test]
    fn words_spell_numbers() {
        let lex = Lexicon::builtin();
        assert_eq!(word_value(lex, "twenty-one"), Some(21.0));
        assert_eq!(word_value(lex, "Nineteen"), Some(19.0));
        assert_eq!(word_value(lex, "twenty-ten"), None);
        assert_eq!(number_word(lex, 7).as_deref(), Some("seven"));
        assert_eq!(number_word(lex, 42).as_deref(), Some("forty-two"));
    }
}
