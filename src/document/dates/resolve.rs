//! What each mention stands for.
//!
//! A mention is read from a reference day: the story's anchor, or, inside a quotation, the day
//! the words were said when the story gives it ("said in a statement on Wednesday"). A relative
//! mention in a quotation whose time is not given is left unresolved, never guessed. A date that
//! needs only its year ("December 22", "last summer", "Christmas") takes the year that puts it
//! nearest the reference and agrees with the tense of its clause.

use super::words::Rule;
use super::{
    Anchor, Basis, DateMention, MentionKind, Period, RelativeWord, Resolved, Tense, Unit, Which,
};
use crate::document::Document;
use crate::lexicon::ListId;
use crate::span::Span;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use std::collections::HashMap;

/// Within this many days of the reference, the nearest reading of a date that needs its year
/// wins whatever the tense says; beyond it, the tense decides ("found the cracks on Feb. 12",
/// told in November, is last February; "would fund it through September", told in January, is
/// the coming one).
const NEAR: i64 = 30;

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.months()).ok()
}

/// The Monday of a date's week.
fn monday(d: Date) -> Option<Date> {
    d.tomorrow().ok()?.nth_weekday(-1, Weekday::Monday).ok()
}

fn range(a: Date, b: Date) -> Resolved {
    if a == b {
        Resolved::Day(a)
    } else {
        Resolved::Range(a, b)
    }
}

fn bounds(r: Resolved) -> (Date, Date) {
    match r {
        Resolved::Day(d) => (d, d),
        Resolved::Range(a, b) => (a, b),
    }
}

/// Days from `reference` to the nearest day of `r` (0 when `r` holds it).
fn distance(reference: Date, r: Resolved) -> i64 {
    let (a, b) = bounds(r);
    let days = |x: Date, y: Date| x.until(y).map_or(i64::MAX, |s| i64::from(s.get_days()));
    if reference < a {
        days(reference, a)
    } else if reference > b {
        days(b, reference)
    } else {
        0
    }
}

/// One of a date recurring every year (a month-day, a month, a season, a holiday): `make(year)`
/// gives the one of that year. The one asked for by "last"/"this"/"next", else the one nearest
/// the reference that agrees with the tense.
fn recurring(
    reference: Date,
    tense: Tense,
    which: Which,
    make: impl Fn(i16) -> Option<Resolved>,
) -> Option<Resolved> {
    let y = reference.year();
    // Only the years around the reference: "Feb. 29" told in March 2025 is no date, not
    // February 29, 2024.
    let candidates: Vec<Resolved> = (y - 1..=y + 1)
        .filter_map(&make)
        .filter(|r| distance(reference, *r) <= 366)
        .collect();
    let containing = candidates.iter().find(|r| distance(reference, **r) == 0);
    match which {
        Which::Last => {
            return candidates
                .iter()
                .filter(|r| bounds(**r).1 < reference && distance(reference, **r) > 0)
                .max_by_key(|r| bounds(**r).0)
                .copied();
        }
        Which::Next => {
            return candidates
                .iter()
                .filter(|r| bounds(**r).0 > reference)
                .min_by_key(|r| bounds(**r).0)
                .copied();
        }
        Which::This => {
            if let Some(r) = containing {
                return Some(*r);
            }
            // "this summer" told in January, "this Thanksgiving" told in December: the one of
            // the reference's own year, ahead or behind.
            if let Some(r) = make(y).filter(|r| distance(reference, *r) <= 366) {
                return Some(r);
            }
        }
        Which::Nearest => {}
    }
    let nearest = candidates
        .iter()
        .min_by_key(|r| distance(reference, **r))
        .copied()?;
    if distance(reference, nearest) <= NEAR {
        return Some(nearest);
    }
    let agrees = |r: &&Resolved| match tense {
        Tense::Past => bounds(**r).0 <= reference,
        Tense::Future | Tense::FutureInPast => bounds(**r).1 >= reference,
        Tense::Unknown => true,
    };
    candidates
        .iter()
        .filter(agrees)
        .min_by_key(|r| distance(reference, **r))
        .copied()
        .or(Some(nearest))
}

/// Western Easter Sunday of a year (the anonymous Gregorian computus).
fn easter(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).ok()
}

/// The day a holiday rule gives in a year.
fn holiday(rule: Rule, year: i16) -> Option<Date> {
    match rule {
        Rule::Fixed(m, d) => Date::new(year, m, d).ok(),
        Rule::Nth(m, w, n) => Date::new(year, m, 1).ok()?.nth_weekday_of_month(n, w).ok(),
        Rule::Easter(off) => add_days(easter(year)?, i64::from(off)),
        Rule::Once(y, m, d) => Date::new(y, m, d).ok(),
        Rule::UsElection => Date::new(year, 11, 1)
            .ok()?
            .nth_weekday_of_month(1, Weekday::Monday)
            .ok()?
            .tomorrow()
            .ok(),
    }
}

fn month_range(year: i16, month: i8) -> Option<Resolved> {
    let first = Date::new(year, month, 1).ok()?;
    Some(Resolved::Range(first, first.last_of_month()))
}

fn months_range(year: i16, first_month: i8, count: i64) -> Option<Resolved> {
    let first = Date::new(year, first_month, 1).ok()?;
    let last = add_months(first, count)?.yesterday().ok()?;
    Some(Resolved::Range(first, last))
}

/// Whether a mention needs only a year to be a date: the anchor can give that even to a
/// quotation whose time is not told.
fn needs_only_a_year(kind: &MentionKind) -> bool {
    matches!(
        kind,
        MentionKind::Calendar { .. }
            | MentionKind::Month { .. }
            | MentionKind::Season { .. }
            | MentionKind::Quarter { .. }
            | MentionKind::Holiday { .. }
    )
}

/// Whether the text gives the whole date.
fn absolute(kind: &MentionKind) -> bool {
    match *kind {
        MentionKind::Calendar { year, .. }
        | MentionKind::Month { year, .. }
        | MentionKind::Season { year, .. }
        | MentionKind::Quarter { year, .. } => year.is_some(),
        MentionKind::Holiday { year, rule, .. } => year.is_some() || matches!(rule, Rule::Once(..)),
        MentionKind::Numeric { .. }
        | MentionKind::Years { .. }
        | MentionKind::FiscalYear { .. } => true,
        _ => false,
    }
}

/// The date a mention stands for, read from `reference` (None: no reference day is known) in a
/// clause of tense `tense`.
pub fn resolve(kind: &MentionKind, reference: Option<Date>, tense: Tense) -> Option<Resolved> {
    match *kind {
        MentionKind::Calendar {
            year,
            month,
            day,
            until,
            ..
        } => {
            let make = |y: i16| {
                let first = Date::new(y, month, day).ok()?;
                Some(match until {
                    Some((m2, d2)) => Resolved::Range(first, Date::new(y, m2, d2).ok()?),
                    None => Resolved::Day(first),
                })
            };
            match year {
                Some(y) => make(y),
                None => recurring(reference?, tense, Which::Nearest, make),
            }
        }
        MentionKind::Numeric {
            first,
            second,
            year,
            day_first,
            likely_day_first,
        } => {
            let (m, d) = if day_first.unwrap_or(likely_day_first) {
                (second, first)
            } else {
                (first, second)
            };
            Date::new(year, m as i8, d as i8).ok().map(Resolved::Day)
        }
        MentionKind::Month { month, year, which } => match year {
            Some(y) => month_range(y, month),
            None => recurring(reference?, tense, which, |y| month_range(y, month)),
        },
        MentionKind::Years { first, last } => Some(Resolved::Range(
            Date::new(first, 1, 1).ok()?,
            Date::new(last, 12, 31).ok()?,
        )),
        MentionKind::FiscalYear { year } => Some(Resolved::Range(
            Date::new(year.checked_sub(1)?, 10, 1).ok()?,
            Date::new(year, 9, 30).ok()?,
        )),
        MentionKind::Season { start, year, which } => match year {
            Some(y) => months_range(y, start, 3),
            None => recurring(reference?, tense, which, |y| months_range(y, start, 3)),
        },
        MentionKind::Quarter { quarter, year } => match year {
            Some(y) => months_range(y, quarter * 3 - 2, 3),
            None => recurring(reference?, tense, Which::Nearest, |y| {
                months_range(y, quarter * 3 - 2, 3)
            }),
        },
        MentionKind::Holiday {
            rule, year, which, ..
        } => match (rule, year) {
            (Rule::Once(..), _) => holiday(rule, 0).map(Resolved::Day),
            (_, Some(y)) => holiday(rule, y).map(Resolved::Day),
            (_, None) => recurring(reference?, tense, which, |y| {
                holiday(rule, y).map(Resolved::Day)
            }),
        },
        MentionKind::Weekday { weekday, future } => {
            let a = reference?;
            let d = if future {
                a.yesterday().ok()?.nth_weekday(1, weekday).ok()?
            } else {
                a.tomorrow().ok()?.nth_weekday(-1, weekday).ok()?
            };
            Some(Resolved::Day(d))
        }
        MentionKind::Word(w) => {
            let a = reference?;
            Some(Resolved::Day(match w {
                RelativeWord::Yesterday => a.yesterday().ok()?,
                RelativeWord::Today | RelativeWord::Tonight => a,
                RelativeWord::Tomorrow => a.tomorrow().ok()?,
            }))
        }
        MentionKind::Period(p) => period(p, reference?, tense),
        MentionKind::Ago {
            count,
            unit,
            future,
        } => {
            let a = reference?;
            let n = i64::from(if future { count } else { -count });
            match unit {
                Unit::Day => add_days(a, n).map(Resolved::Day),
                Unit::Week => add_days(a, 7 * n).map(Resolved::Day),
                Unit::Month => {
                    let d = add_months(a, n)?;
                    month_range(d.year(), d.month())
                }
                Unit::Year | Unit::Decade => {
                    let years = if unit == Unit::Decade { 10 * n } else { n };
                    let y = a.year().checked_add(i16::try_from(years).ok()?)?;
                    Some(Resolved::Range(
                        Date::new(y, 1, 1).ok()?,
                        Date::new(y, 12, 31).ok()?,
                    ))
                }
            }
        }
        MentionKind::Stretch {
            count,
            unit,
            future,
        } => {
            let a = reference?;
            let n = i64::from(count);
            let far = |n: i64| match unit {
                Unit::Day => add_days(a, n),
                Unit::Week => add_days(a, 7 * n),
                Unit::Month => add_months(a, n),
                Unit::Year => a.checked_add(n.years()).ok(),
                Unit::Decade => a.checked_add((10 * n).years()).ok(),
            };
            // "the next ten days" told on the 4th: the 5th to the 14th (the tenth day on is
            // the last, as "in ten days" is the 14th).
            if future {
                Some(Resolved::Range(a.tomorrow().ok()?, far(n)?))
            } else {
                Some(Resolved::Range(far(-n)?, a))
            }
        }
        // Read from the event before it, not from a reference day: see `resolve_all`.
        MentionKind::Anaphoric { .. } => None,
    }
}

fn period(p: Period, a: Date, tense: Tense) -> Option<Resolved> {
    let mon = monday(a)?;
    let span = |start: Date, days: i64| Some(Resolved::Range(start, add_days(start, days)?));
    match p {
        Period::LastWeek => span(add_days(mon, -7)?, 6),
        Period::ThisWeek => span(mon, 6),
        Period::NextWeek => span(add_days(mon, 7)?, 6),
        Period::LastWeekend => span(add_days(mon, -2)?, 1),
        Period::ThisWeekend => {
            let weekend = matches!(a.weekday(), Weekday::Saturday | Weekday::Sunday);
            if tense == Tense::Past && !weekend {
                span(add_days(mon, -2)?, 1)
            } else {
                span(add_days(mon, 5)?, 1)
            }
        }
        Period::EarlierThisWeek => Some(range(mon, a)),
        Period::LaterThisWeek => after(a, add_days(mon, 6)?),
        Period::EarlierThisMonth => Some(range(a.first_of_month(), a)),
        Period::LaterThisMonth => after(a, a.last_of_month()),
        Period::EarlierThisYear => Some(range(a.first_of_year(), a)),
        Period::LaterThisYear => after(a, a.last_of_year()),
        Period::LastMonth => {
            let prev = a.first_of_month().yesterday().ok()?;
            Some(Resolved::Range(prev.first_of_month(), prev))
        }
        Period::ThisMonth => Some(Resolved::Range(a.first_of_month(), a.last_of_month())),
        Period::NextMonth => {
            let next = a.last_of_month().tomorrow().ok()?;
            Some(Resolved::Range(next, next.last_of_month()))
        }
        Period::LastYear => {
            let prev = a.first_of_year().yesterday().ok()?;
            Some(Resolved::Range(prev.first_of_year(), prev))
        }
        Period::ThisYear => Some(Resolved::Range(a.first_of_year(), a.last_of_year())),
        Period::NextYear => {
            let next = a.last_of_year().tomorrow().ok()?;
            Some(Resolved::Range(next, next.last_of_year()))
        }
    }
}

/// From the day after the anchor to `last`, if that is a range at all.
fn after(anchor: Date, last: Date) -> Option<Resolved> {
    (anchor < last).then_some(())?;
    Some(range(anchor.tomorrow().ok()?, last))
}

/// The past day the sentence of `mentions[i]` is dated to: the nearest weekday or month-day of
/// the sentence, outside quotations, resolved to a day before `anchor`.
fn sentence_day(
    doc: &Document,
    mentions: &[DateMention],
    i: usize,
    anchor: Date,
) -> Option<(Date, Span)> {
    let m = &mentions[i];
    let here = sentence(doc, m);
    let lo = i.saturating_sub(SENTENCE_MENTIONS);
    let hi = (i + SENTENCE_MENTIONS).min(mentions.len());
    (lo..hi)
        .filter(|&j| j != i)
        .map(|j| &mentions[j])
        .filter(|p| {
            here.contains(p.span)
                && !p.quoted
                && !p.idiom
                && matches!(
                    p.kind,
                    MentionKind::Weekday { .. } | MentionKind::Calendar { .. }
                )
        })
        .filter_map(|p| match p.resolved {
            Some(Resolved::Day(d)) if d < anchor => Some((p, d)),
            _ => None,
        })
        .min_by_key(|(p, _)| {
            if p.span.end <= m.span.start {
                m.span.start - p.span.end
            } else {
                p.span.start - m.span.end
            }
        })
        .map(|(p, d)| (d, p.span))
}

/// The first word of a mention's text, lower case ("last", "next", "on" …).
fn lead(doc: &Document, m: &DateMention) -> String {
    doc.text_of(m.span)
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether a mention is the start of a time run up to now: "since January", "since Dec. 3".
fn since(doc: &Document, m: &DateMention) -> bool {
    let text = doc.source.text.as_str();
    lead(doc, m) == "since"
        || text[..m.span.start]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.eq_ignore_ascii_case("since"))
}

/// The sentence span holding a mention (its own span when it is in no sentence: a title).
fn sentence(doc: &Document, m: &DateMention) -> Span {
    doc.sentence_at(m.span.start).map_or(m.span, |s| s.span)
}

/// Resolves every mention of a story, in reading order.
pub(super) fn resolve_all(doc: &Document, anchor: Option<&Anchor>, mentions: &mut [DateMention]) {
    let a = anchor.and_then(|a| a.date);
    // A year the story gives elsewhere: the same month and day written earlier with its year
    // ("On March 27, 2015 … the March 27 article"), or "in 2019" earlier in the sentence.
    // The first year given to each month and day so far, and where the run of mentions of the
    // current sentence starts: both kept as the mentions pass, so that a story (or a table row)
    // of thousands of dates is not read once per date.
    let mut first_year: HashMap<(i8, i8), i16> = HashMap::new();
    // The mentions so far that are days with a year, for the narrative below to read only
    // those (reading every earlier mention made a story of many undated days quadratic); in
    // reading order they also stop it at the first one more than a paragraph back.
    let mut dated: Vec<usize> = Vec::new();
    let in_order = mentions
        .windows(2)
        .all(|w| w[0].span.start <= w[1].span.start);
    let mut run: Option<(Span, usize)> = None;
    // A story with no anchor is read in the year its headline names, if it names one ("The valley's
    // floods of 2009": "the river rose on June 14" is in 2009).
    let story_year = if a.is_none() {
        mentions
            .iter()
            .filter(|p| p.headline)
            .find_map(|p| match p.kind {
                MentionKind::Years { first, last } if first == last => {
                    Some((first, Date::new(first, 1, 1).ok()?, p.span))
                }
                _ => None,
            })
    } else {
        None
    };
    // The mentions given a year by another one's date (a narrative's, the headline's): their
    // basis is that event, not the text alone.
    let mut borrowed: Vec<(usize, Date, Span)> = Vec::new();
    for i in 0..mentions.len() {
        if i > 0 {
            // The mention before is settled: its year, if it has one, is known from here on.
            if let MentionKind::Calendar {
                year: Some(y),
                month,
                day,
                ..
            } = mentions[i - 1].kind
            {
                first_year.entry((month, day)).or_insert(y);
                dated.push(i - 1);
            }
        }
        let here = sentence(doc, &mentions[i]);
        let run_start = match run {
            Some((s, start)) if s == here => start,
            _ => {
                run = Some((here, i));
                i
            }
        };
        if !needs_only_a_year(&mentions[i].kind) || absolute(&mentions[i].kind) {
            continue;
        }
        let same_day = match mentions[i].kind {
            MentionKind::Calendar { month, day, .. } => first_year.get(&(month, day)).copied(),
            _ => None,
        };
        // "In 2019, …", "In the 2016 election, …": a year that opens the sentence sets it. Only
        // a mention at most two words into the sentence can, so only those are read (the last
        // that qualifies wins).
        let in_year = || {
            mentions[run_start..i]
                .iter()
                .take_while(|p| {
                    doc.text_of(Span::new(here.start.min(p.span.start), p.span.start))
                        .split_whitespace()
                        .take(3)
                        .count()
                        <= 2
                })
                .filter_map(|p| match p.kind {
                    MentionKind::Years { first, last }
                        if first == last
                            && matches!(
                                doc.text_of(Span::new(here.start.min(p.span.start), p.span.start))
                                    .to_ascii_lowercase()
                                    .split_whitespace()
                                    .collect::<Vec<_>>()[..],
                                ["in" | "during"] | ["in" | "during", "the"]
                            ) =>
                    {
                        Some(first)
                    }
                    _ => None,
                })
                .last()
        };
        // A weekday written with the date must agree with the year given to it.
        let agrees = |y: i16| match mentions[i].kind {
            MentionKind::Calendar {
                month,
                day,
                weekday: Some((w, _)),
                ..
            } => Date::new(y, month, day).is_ok_and(|d| d.weekday() == w),
            _ => true,
        };
        // A narrative in the past goes on in the year it gave: "On May 25, 2013, … on May 26
        // and 27, …" (a dated event in this or the previous paragraph, two months or less away).
        let narrative = || {
            if mentions[i].tense != Tense::Past {
                return None;
            }
            let (month, day) = match mentions[i].kind {
                MentionKind::Calendar { month, day, .. } => (month, day),
                _ => return None,
            };
            let block = doc.sentence_at(mentions[i].span.start)?.block;
            // With no anchor to read it from, the story's last full date goes on however far
            // back it was given.
            let near = |p: &&DateMention| {
                !in_order
                    || a.is_none()
                    || doc
                        .sentence_at(p.span.start)
                        .is_none_or(|s| s.block + 1 >= block)
            };
            dated
                .iter()
                .rev()
                .map(|&j| &mentions[j])
                .take_while(near)
                .find_map(|p| {
                    let MentionKind::Calendar {
                        year: Some(y),
                        month: pm,
                        day: pd,
                        ..
                    } = p.kind
                    else {
                        return None;
                    };
                    let pb = doc.sentence_at(p.span.start)?.block;
                    if pb + 1 < block && a.is_some() {
                        return None;
                    }
                    let dated = Date::new(y, pm, pd).ok()?;
                    (y - 1..=y + 1)
                        .find(|&c| {
                            Date::new(c, month, day)
                                .is_ok_and(|d| distance(dated, Resolved::Day(d)) <= 62)
                        })
                        .map(|c| (c, dated, p.span))
                })
        };
        // "from April to June 2010", "between March and May 2009": a range or pair of months
        // shares the year that closes it (the year before for a month after the closing one).
        let closing = || {
            let month = match mentions[i].kind {
                MentionKind::Month {
                    month,
                    which: Which::Nearest,
                    ..
                }
                | MentionKind::Calendar { month, .. } => month,
                _ => return None,
            };
            let next = mentions.get(i + 1)?;
            let (end_month, y) = match next.kind {
                MentionKind::Month {
                    month,
                    year: Some(y),
                    ..
                }
                | MentionKind::Calendar {
                    month,
                    year: Some(y),
                    ..
                } => (month, y),
                _ => return None,
            };
            let between = doc
                .text_of(Span::new(
                    mentions[i].span.end,
                    next.span.start.max(mentions[i].span.end),
                ))
                .trim()
                .to_ascii_lowercase();
            let joined = matches!(
                between.as_str(),
                "to" | "through" | "until" | "till" | "and" | "or" | "-" | "–" | "—"
            );
            joined.then(|| if month > end_month { y - 1 } else { y })
        };
        // The headline's year, for a month or a day told in no future tense.
        let headline_year = || {
            let plain = matches!(
                mentions[i].kind,
                MentionKind::Calendar { .. }
                    | MentionKind::Month {
                        which: Which::Nearest,
                        ..
                    }
            );
            story_year.filter(|_| plain && !matches!(mentions[i].tense, Tense::Future))
        };
        let mut from = None;
        let year = same_day
            .or_else(closing)
            .or_else(in_year)
            .or_else(|| {
                let (y, date, span) = narrative().or_else(headline_year)?;
                from = Some((date, span));
                Some(y)
            })
            .filter(|&y| agrees(y));
        if let Some(y) = year {
            set_year(&mut mentions[i].kind, y);
            if let Some((date, span)) = from {
                borrowed.push((i, date, span));
            }
        }
    }
    // Everything but weekdays, quoted relative dates and offsets from events.
    for m in mentions.iter_mut() {
        if let (Some(off), Some(a)) = (m.said_year, a) {
            set_year(&mut m.kind, a.year() + i16::from(off));
        }
        if absolute(&m.kind) {
            m.resolved = resolve(&m.kind, None, m.tense);
            m.basis = m.resolved.map(|_| Basis::Absolute);
        } else if (!m.quoted || needs_only_a_year(&m.kind))
            && !matches!(
                m.kind,
                MentionKind::Weekday { .. } | MentionKind::Anaphoric { .. }
            )
        {
            m.resolved = resolve(&m.kind, a, m.tense);
            // "since January", told in December: the time something has run from is never
            // ahead of the anchor, however near the coming one is.
            if let (Some(r), Some(a)) = (m.resolved, a)
                && bounds(r).0 > a
                && needs_only_a_year(&m.kind)
                && since(doc, m)
            {
                set_year(&mut m.kind, bounds(r).0.year() - 1);
                m.resolved = resolve(&m.kind, None, m.tense);
            }
            m.basis = m.resolved.map(|_| Basis::Anchor);
        }
    }
    for (i, date, from) in borrowed {
        let m = &mut mentions[i];
        m.basis = m.resolved.map(|_| Basis::Event { date, from });
    }
    // Weekdays outside quotations, in order: a weekday can lean on the one before it.
    for i in 0..mentions.len() {
        if mentions[i].quoted || !matches!(mentions[i].kind, MentionKind::Weekday { .. }) {
            continue;
        }
        if let Some(a) = a {
            weekday(doc, mentions, i, a, Basis::Anchor);
        }
    }
    // A stretch in a sentence dated to a past day is counted from that day, not from the
    // anchor: "had no sighting of the ship in the last 59 days on Tuesday", "announced on
    // Sunday he is to send a bill in the next ten days".
    if let Some(a) = a {
        for i in 0..mentions.len() {
            let m = &mentions[i];
            if m.quoted || m.headline || !matches!(m.kind, MentionKind::Stretch { .. }) {
                continue;
            }
            let Some((d, from)) = sentence_day(doc, mentions, i, a) else {
                continue;
            };
            let m = &mut mentions[i];
            m.resolved = resolve(&m.kind, Some(d), m.tense);
            m.basis = m.resolved.map(|_| Basis::Event { date: d, from });
        }
    }
    // Mentions inside quotations: read from the day the words were said.
    let statement = a.and_then(|a| statement_title(doc).map(|title| (a, title)));
    let index = MentionIndex::new(mentions);
    for i in 0..mentions.len() {
        if !mentions[i].quoted || absolute(&mentions[i].kind) {
            continue;
        }
        let Some((day, from)) = speech_time(doc, mentions, i, &index, a).or(statement) else {
            continue;
        };
        let basis = Basis::Speech { date: day, from };
        if matches!(mentions[i].kind, MentionKind::Weekday { .. }) {
            weekday(doc, mentions, i, day, basis);
        } else if !matches!(mentions[i].kind, MentionKind::Anaphoric { .. }) {
            let m = &mut mentions[i];
            m.resolved = resolve(&m.kind, Some(day), m.tense);
            m.basis = m.resolved.map(|_| basis);
        }
    }
    clear_calendar_rules(doc, mentions);
    // Offsets from another event: "the following day", "that week", "a decade later", "two
    // days after the January 7 quake".
    for i in 0..mentions.len() {
        let MentionKind::Anaphoric {
            count,
            unit,
            event_after,
            exact,
        } = mentions[i].kind
        else {
            continue;
        };
        let found = if event_after {
            // The event named after it: a date in that clause gives the day to count from;
            // else the phrase dates what its sentence tells ("The move came two days after the
            // WHO declared a pandemic": the move).
            let clause = clause_after(doc, &mentions[i]);
            let dated = event_clause(mentions, i, clause)
                .filter(|_| exact)
                .and_then(|(r, from)| Some((offset(r, count, unit)?, r, from)));
            dated.or_else(|| {
                // A future "30 days after the notice is published" is no date yet.
                subject_time(doc, mentions, i, clause)
                    .or_else(|| {
                        (mentions[i].tense == Tense::Past)
                            .then(|| event_before(doc, a, mentions, i, unit))
                            .flatten()
                    })
                    .map(|(r, from)| (r, r, from))
            })
        } else {
            event_before(doc, a, mentions, i, unit)
                .and_then(|(r, from)| Some((offset(r, count, unit)?, r, from)))
        };
        if let Some((resolved, r, from)) = found {
            let m = &mut mentions[i];
            m.resolved = Some(resolved);
            m.basis = Some(Basis::Event {
                date: bounds(r).0,
                from,
            });
        }
    }
}

/// How many days before the anchor the words a story quotes may have been said.
const SPEECH_DAYS: i64 = 366;

/// Whether `day` can be when words quoted in a story told on `anchor` were said: not after the
/// story, and not years before it ("Monday" said in a 2008 story is not a Monday of 1993 the
/// paragraph tells of, and a game's "tonight" is not the day of the next game).
fn said_by(day: Date, anchor: Date) -> bool {
    day <= anchor && distance(anchor, Resolved::Day(day)) <= SPEECH_DAYS
}

/// Whether a weekday is a rule of the calendar, no one day: "the first Tuesday of August",
/// "the second Saturday in August", "the last Friday of the month".
fn calendar_rule(doc: &Document, m: &DateMention) -> bool {
    let text = doc.source.text.as_str();
    let written = doc.text_of(m.span).to_ascii_lowercase();
    let before = text[..m.span.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_ascii_lowercase();
    let ordinal = written.starts_with("last ")
        || before == "last"
        || doc.lexicon[ListId::Ordinals].contains(&before);
    // Four bytes after the weekday are all it needs: no copy of the rest of the story.
    let after = text.as_bytes()[m.span.end..].get(..4).unwrap_or_default();
    ordinal && (after.eq_ignore_ascii_case(b" of ") || after.eq_ignore_ascii_case(b" in "))
}

/// Clears the weekdays that are rules of the calendar ([`calendar_rule`]) and the month with no
/// year that each names ("the first Tuesday of the first full week of August").
fn clear_calendar_rules(doc: &Document, mentions: &mut [DateMention]) {
    for i in 0..mentions.len() {
        if !matches!(mentions[i].kind, MentionKind::Weekday { .. })
            || !calendar_rule(doc, &mentions[i])
        {
            continue;
        }
        mentions[i].resolved = None;
        mentions[i].basis = None;
        let end = mentions[i].span.end;
        if let Some(next) = mentions.get_mut(i + 1)
            && matches!(next.kind, MentionKind::Month { year: None, .. })
            && next.span.start >= end
            && next.span.start - end <= 40
            && !doc
                .text_of(Span::new(end, next.span.start))
                .contains(|c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | ';'))
        {
            next.resolved = None;
            next.basis = None;
        }
    }
}

/// The date `count` units after (negative: before) the event dated `r`: a day ("the next
/// day"), the week holding it ("that week", Monday to Sunday), its month or its year; None when
/// `r` is too wide for the unit (a month is no day to count days from).
fn offset(r: Resolved, count: i32, unit: Unit) -> Option<Resolved> {
    let (a, b) = bounds(r);
    let n = i64::from(count);
    match unit {
        Unit::Day => match r {
            Resolved::Day(d) => add_days(d, n).map(Resolved::Day),
            Resolved::Range(..) => None,
        },
        Unit::Week => {
            let Resolved::Day(d) = r else { return None };
            let start = add_days(monday(d)?, 7 * n)?;
            Some(Resolved::Range(start, add_days(start, 6)?))
        }
        Unit::Month => {
            ((a.year(), a.month()) == (b.year(), b.month())).then_some(())?;
            let d = add_months(a.first_of_month(), n)?;
            month_range(d.year(), d.month())
        }
        Unit::Year | Unit::Decade => {
            (a.year() == b.year()).then_some(())?;
            let n = if unit == Unit::Decade { 10 * n } else { n };
            let y = a.year().checked_add(i16::try_from(n).ok()?)?;
            Some(Resolved::Range(
                Date::new(y, 1, 1).ok()?,
                Date::new(y, 12, 31).ok()?,
            ))
        }
    }
}

/// Whether a mention can be the event an anaphoric one counts from: a resolved date of the
/// story's own telling (not a headline, not a fixed phrase, not inside a quotation unless the
/// anaphor is).
fn event_like(p: &DateMention, anaphor: &DateMention) -> bool {
    !(p.idiom || p.headline || (p.quoted && !anaphor.quoted) || p.resolved.is_none())
}

/// The event an anaphoric `mentions[i]` counts from, that a count in `unit` can run from (a day
/// for days and weeks, a day or a month for months, anything within one year for years): the
/// most recent date the story told before it, however far back ("Just the previous day, …" far
/// down a race report is the day before the race told in the lede). In a past-tense sentence it
/// is an event of the past: "the new rules were released later the same day" does not count
/// from the December 10 the rules take effect.
fn event_before(
    doc: &Document,
    anchor: Option<Date>,
    mentions: &[DateMention],
    i: usize,
    unit: Unit,
) -> Option<(Resolved, Span)> {
    let m = &mentions[i];
    // The nearest that qualifies, among a bounded number before it (a table of dates is not
    // read once per anaphor).
    mentions[..i].iter().rev().take(200).find_map(|p| {
        if !event_like(p, m) || names_a_thing(doc, p) {
            return None;
        }
        let r = p.resolved?;
        let (a, _) = bounds(r);
        if m.tense == Tense::Past && anchor.is_some_and(|x| a > x) {
            return None;
        }
        offset(r, 0, unit)?;
        Some((r, p.span))
    })
}

/// Whether a mention is a date naming a thing, not a time of the narrative: after a determiner
/// or a possessive and before a lowercase noun ("concluded that the November 27 border
/// agreement is void", "Sessions's Oct. 16 memorandum"), unless a preposition of time puts the
/// thing in the narrative ("at the May 5 meeting", "after the June 1 vote").
fn names_a_thing(doc: &Document, p: &DateMention) -> bool {
    let text = doc.source.text.as_str();
    let before: Vec<&str> = text[..p.span.start]
        .split_whitespace()
        .rev()
        .take(2)
        .collect();
    let after = text[p.span.end..].strip_prefix(' ').unwrap_or("");
    let lex = doc.lexicon;
    let determiner = before.first().is_some_and(|w| {
        let lower = w.to_lowercase().replace('’', "'");
        lower.ends_with("'s") || lex[ListId::Determiners].contains(&lower)
    });
    let time_preposition = before.get(1).is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "at" | "on" | "in" | "during" | "after" | "before" | "since" | "following" | "until"
        )
    });
    // "The November 4 issue of the paper published an interview": the subject of its sentence
    // sets the sentence's time.
    let opens_sentence = doc.sentence_at(p.span.start).is_some_and(|s| {
        text[s.span.start.min(p.span.start)..p.span.start]
            .split_whitespace()
            .count()
            <= 1
    });
    determiner
        && !time_preposition
        && !opens_sentence
        && !text[p.span.end..].starts_with([',', '.'])
        && after.starts_with(char::is_lowercase)
}

/// A date in `clause`, the clause right after `mentions[i]` ("two days after the January 7
/// quake", [`clause_after`]).
fn event_clause(mentions: &[DateMention], i: usize, clause: Span) -> Option<(Resolved, Span)> {
    let m = &mentions[i];
    mentions[i + 1..]
        .iter()
        .take_while(|p| p.span.start < clause.end)
        .find(|p| clause.contains(p.span) && event_like(p, m))
        .and_then(|p| Some((p.resolved?, p.span)))
}

/// The most bytes of a sentence a clause is read over.
const CLAUSE_BYTES: usize = 300;

/// The most mentions on either side of an anaphor that are read for its sentence's own date.
const SENTENCE_MENTIONS: usize = 64;

/// The clause a mention opens: up to the next comma, semicolon, dash or the end of its sentence
/// (at most [`CLAUSE_BYTES`] on).
fn clause_after(doc: &Document, m: &DateMention) -> Span {
    let here = sentence(doc, m);
    let rest = doc.text_of(Span::new(m.span.end, here.end.max(m.span.end)));
    // A clause is read no further than CLAUSE_BYTES: a sentence with no stop in it ends there,
    // so that each of many mentions in one long sentence reads a bounded stretch.
    let mut cap = rest.len().min(CLAUSE_BYTES);
    while !rest.is_char_boundary(cap) {
        cap -= 1;
    }
    let rest = &rest[..cap];
    let stop = rest
        .find([',', ';', '.', '—', '–', '(', ':'])
        .unwrap_or(rest.len());
    Span::new(m.span.end, m.span.end + stop)
}

/// The date of what the sentence of `mentions[i]` tells: the nearest other date of its sentence
/// outside `clause`, the clause it opens.
fn subject_time(
    doc: &Document,
    mentions: &[DateMention],
    i: usize,
    clause: Span,
) -> Option<(Resolved, Span)> {
    let m = &mentions[i];
    let MentionKind::Anaphoric { unit, .. } = m.kind else {
        return None;
    };
    let here = sentence(doc, m);
    // Only the mentions of its sentence, which lie around it in reading order, and at most
    // SENTENCE_MENTIONS on either side (a sentence of thousands of dates is not read whole for
    // each of them).
    let lo = i.saturating_sub(SENTENCE_MENTIONS);
    let hi = (i + SENTENCE_MENTIONS).min(mentions.len());
    let first = mentions[lo..i]
        .iter()
        .rposition(|p| !here.contains(p.span))
        .map_or(lo, |k| lo + k + 1);
    let last = mentions[i..hi]
        .iter()
        .position(|p| !here.contains(p.span))
        .map_or(hi, |k| i + k);
    mentions[first..last]
        .iter()
        .enumerate()
        .map(|(k, p)| (first + k, p))
        .filter(|&(j, p)| {
            j != i
                && here.contains(p.span)
                && !clause.contains(p.span)
                && !matches!(p.kind, MentionKind::Anaphoric { .. })
                && event_like(p, m)
                && p.resolved.and_then(|r| offset(r, 0, unit)).is_some()
        })
        .min_by_key(|(_, p)| {
            if p.span.end <= m.span.start {
                m.span.start - p.span.end
            } else {
                p.span.start - m.span.end
            }
        })
        .and_then(|(_, p)| Some((p.resolved?, p.span)))
}

fn set_year(kind: &mut MentionKind, y: i16) {
    match kind {
        MentionKind::Calendar { year, .. }
        | MentionKind::Month { year, .. }
        | MentionKind::Season { year, .. }
        | MentionKind::Quarter { year, .. }
        | MentionKind::Holiday { year, .. }
            if year.is_none() =>
        {
            *year = Some(y);
        }
        _ => {}
    }
}

/// Resolves the weekday `mentions[i]` from `reference`: by its lead word ("last", "next"), by
/// the relative word it explains ("tomorrow, a Tuesday"), as the end of a range ("Wednesday
/// through Friday"), else by the tense of its clause; a weekday in a sentence that gives a later
/// date, told in no tense, speaks of the schedule ahead.
fn weekday(doc: &Document, mentions: &mut [DateMention], i: usize, reference: Date, basis: Basis) {
    let MentionKind::Weekday { weekday: w, .. } = mentions[i].kind else {
        return;
    };
    let text = doc.source.text.as_str();
    if let Some(p) = i.checked_sub(1).map(|j| &mentions[j]) {
        let between = text
            .get(p.span.end..mentions[i].span.start)
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match (p.kind.clone(), p.resolved) {
            // "Tomorrow, a Tuesday": the day the word means, if it is that weekday.
            (MentionKind::Word(_), Some(Resolved::Day(d)))
                if matches!(between.as_str(), "," | ", a" | "(")
                    && d.weekday() == w
                    && !p.idiom =>
            {
                mentions[i].resolved = Some(Resolved::Day(d));
                mentions[i].basis = Some(basis);
                return;
            }
            // "Wednesday through Friday": the first such day after the start (`nth_weekday`
            // counts from the day after `d`).
            (MentionKind::Weekday { .. }, Some(Resolved::Day(d)))
                if matches!(
                    between.as_str(),
                    "through" | "to" | "until" | "till" | "-" | "–" | "—" | "and"
                ) =>
            {
                if let Ok(end) = d.nth_weekday(1, w) {
                    if let MentionKind::Weekday { future, .. } = &mut mentions[i].kind {
                        *future = end > reference;
                    }
                    mentions[i].resolved = Some(Resolved::Day(end));
                    mentions[i].basis = Some(basis);
                    return;
                }
            }
            _ => {}
        }
    }
    let lead = lead(doc, &mentions[i]);
    let here = sentence(doc, &mentions[i]);
    let future = match (lead.as_str(), mentions[i].tense) {
        ("next", _) => true,
        ("last", _) => false,
        (_, Tense::Future) => true,
        // "announced it would meet on Monday": the Monday nearest the anchor, either side.
        (_, Tense::FutureInPast) => {
            let ahead = reference.yesterday().and_then(|d| d.nth_weekday(1, w)).ok();
            let back = reference.tomorrow().and_then(|d| d.nth_weekday(-1, w)).ok();
            match (ahead, back) {
                (Some(x), Some(y)) => {
                    distance(reference, Resolved::Day(x)) < distance(reference, Resolved::Day(y))
                }
                _ => true,
            }
        }
        (_, Tense::Past) => false,
        ("this", Tense::Unknown) => true,
        (_, Tense::Unknown) => mentions.iter().any(|o| {
            matches!(o.kind, MentionKind::Calendar { .. })
                && matches!(o.resolved, Some(Resolved::Day(d)) if d > reference)
                && sentence(doc, o) == here
        }),
    };
    let m = &mut mentions[i];
    if let MentionKind::Weekday { future: f, .. } = &mut m.kind {
        *f = future;
    }
    m.resolved = resolve(&m.kind, Some(reference), m.tense);
    m.basis = m.resolved.map(|_| basis);
}

/// The title of a story that is itself a statement ("Statement of the Attorney General on …",
/// "Department of Justice Statement on …"): the word capitalised as a name in the title. Its
/// quotations are the statement, issued on the day the story is dated, unless the story dates
/// the words otherwise.
fn statement_title(doc: &Document) -> Option<Span> {
    let text = doc.source.text.as_str();
    let title = doc
        .front_matter
        .as_ref()
        .and_then(|fm| fm.title())
        .map(|t| t.span)
        .or_else(|| {
            doc.blocks
                .iter()
                .find(|b| b.kind == crate::document::BlockKind::Headline)
                .map(|b| b.span)
        })
        .filter(|s| s.end <= text.len())?;
    text[title.range()]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "Statement")
        .then_some(title)
}

/// The day the words around `mentions[i]` (inside a quotation) were said, and the mention that
/// tells it: a day-resolved date outside quotations in a sentence of the quotation's paragraph
/// that has a speech cue ("said on Wednesday", "in a statement on Tuesday"), or in the last
/// sentence of a previous paragraph that ends in a colon.
fn speech_time<'d>(
    doc: &'d Document,
    mentions: &[DateMention],
    i: usize,
    index: &MentionIndex<'d>,
    anchor: Option<Date>,
) -> Option<(Date, Span)> {
    let m = &mentions[i];
    // Quotations are in document order and do not overlap: none ending at or before the
    // mention's start holds it, nor any starting after it.
    let first = doc
        .quotations
        .partition_point(|q| q.span.end <= m.span.start);
    let qi = first
        + doc.quotations[first..]
            .iter()
            .take_while(|q| q.span.start <= m.span.start)
            .position(|q| q.span.contains(m.span))?;
    let root = doc.quotations[qi]
        .continues
        .map_or(&doc.quotations[qi], |r| &doc.quotations[r]);
    let block = root.block;
    let colon_before = block
        .checked_sub(1)
        .filter(|&b| doc.prose_of(doc.blocks[b].span).trim_end().ends_with(':'));
    let cue = |sentence: Span| {
        let unquoted = doc.unquoted[sentence.range()].to_lowercase();
        let words: Vec<&str> = unquoted
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let lex = doc.lexicon;
        [ListId::SpeechVerbs, ListId::SpeechNouns]
            .iter()
            .flat_map(|&id| lex[id].words())
            .any(|c| {
                if c.contains(' ') {
                    unquoted.contains(c)
                } else {
                    words.contains(&c)
                }
            })
    };
    let near = |s: Span| {
        if s.end <= root.span.start {
            root.span.start - s.end
        } else {
            s.start.saturating_sub(root.span.end)
        }
    };
    let root_index = root_index(doc, qi);
    // Only a mention starting in the quotation's block or the colon block before it can be
    // read; with the mentions in order of their starts, those lie in one run.
    let candidates = if index.sorted {
        let lo = doc.blocks[colon_before.unwrap_or(block)].span.start;
        let hi = doc.blocks[block].span.end;
        let a = mentions.partition_point(|o| o.span.start < lo);
        let b = mentions.partition_point(|o| o.span.start < hi);
        &mentions[a..b.max(a)]
    } else {
        mentions
    };
    candidates
        .iter()
        .filter(|o| !o.quoted && !o.idiom && !o.headline)
        .filter_map(|o| match o.resolved {
            Some(Resolved::Day(d)) if anchor.is_none_or(|a| said_by(d, a)) => Some((o, d)),
            _ => None,
        })
        .filter(|(o, _)| {
            doc.sentence_at(o.span.start)
                .is_some_and(|s| (s.block == block || Some(s.block) == colon_before) && cue(s.span))
        })
        .min_by_key(|(o, _)| near(o.span))
        .map(|(o, d)| (d, o.span))
        .or_else(|| {
            speaker_time(doc, mentions, root_index, index)
                .filter(|(d, _)| anchor.is_none_or(|a| said_by(*d, a)))
        })
}

/// The index of the quotation a quotation continues (itself when it opens a run).
fn root_index(doc: &Document, qi: usize) -> usize {
    doc.quotations[qi].continues.unwrap_or(qi)
}

/// When the paragraph of quotation `qi` dates no speech: the day of the speaker's act told last
/// before it. A speaker named by surname ("Fernández said") speaks at the event the story dated
/// for them ("On Sunday … Alberto Fernández announced"): the nearest earlier sentence outside
/// quotations that names them and holds a day of the past or of no told tense.
fn speaker_time<'d>(
    doc: &'d Document,
    mentions: &[DateMention],
    qi: usize,
    index: &MentionIndex<'d>,
) -> Option<(Date, Span)> {
    let attribution = doc.attributions().get(qi)?.as_ref()?;
    let speaker = attribution.speaker?;
    let text = doc.source.text.as_str();
    let name = text
        .get(speaker.range())?
        .split(name_break)
        .rfind(|w| !w.is_empty())?;
    // A pronoun or a role ("he", "the minister") names no one to look for.
    if !name.starts_with(char::is_uppercase) || name.chars().count() < 3 {
        return None;
    }
    let start = doc.quotations[qi].span.start;
    // The mentions before the first that ends after the quotation's start.
    let before = index.ends.partition_point(|&e| e <= start);
    let eligible = |o: &DateMention| {
        !o.quoted
            && !o.idiom
            && !o.headline
            && o.tense != Tense::Future
            && matches!(o.resolved, Some(Resolved::Day(_)))
    };
    let found = if index.sorted {
        // The sentences that name the speaker, from the last before the quotation back: the
        // last eligible mention of the first of them that holds one is the last of all.
        let names = index.names.get_or_init(|| sentence_words(doc));
        let sentences = names.get(name).map_or(&[][..], Vec::as_slice);
        let below = sentences.partition_point(|&s| doc.sentences[s].span.start < start);
        sentences[..below].iter().rev().find_map(|&s| {
            let span = doc.sentences[s].span;
            let a = mentions[..before].partition_point(|o| o.span.start < span.start);
            let b = mentions[..before].partition_point(|o| o.span.start < span.end);
            mentions[a..b].iter().rev().find(|o| {
                eligible(o) && doc.sentence_at(o.span.start).map(|t| t.span) == Some(span)
            })
        })
    } else {
        mentions[..before].iter().rev().find(|o| {
            eligible(o)
                && doc.sentence_at(o.span.start).is_some_and(|s| {
                    doc.unquoted[s.span.range()]
                        .split(name_break)
                        .any(|w| w == name)
                })
        })
    };
    found.and_then(|o| match o.resolved {
        Some(Resolved::Day(d)) => Some((d, o.span)),
        _ => None,
    })
}

/// What ends a word of a name: anything but a letter, a digit or a hyphen.
fn name_break(c: char) -> bool {
    !(c.is_alphanumeric() || c == '-')
}

/// Each capitalised word of the reporter's words (outside quotations), with the sentences that
/// hold it, in order.
fn sentence_words<'d>(doc: &'d Document) -> HashMap<&'d str, Vec<usize>> {
    let mut words: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        for w in doc.unquoted[s.span.range()].split(name_break) {
            // Only a capitalised word is looked up (a name).
            if !w.starts_with(char::is_uppercase) {
                continue;
            }
            let list = words.entry(w).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    words
}

/// What the reading of quotations' days looks up in the mentions of a story, made once.
struct MentionIndex<'d> {
    /// Whether the mentions are in order of their starts.
    sorted: bool,
    /// The furthest end of the mentions up to each one.
    ends: Vec<usize>,
    /// The sentences each capitalised word of the reporter's words is in, made on first use.
    names: std::sync::OnceLock<HashMap<&'d str, Vec<usize>>>,
}

impl MentionIndex<'_> {
    fn new(mentions: &[DateMention]) -> Self {
        let mut furthest = 0;
        MentionIndex {
            sorted: mentions.is_sorted_by_key(|m| m.span.start),
            ends: mentions
                .iter()
                .map(|m| {
                    furthest = furthest.max(m.span.end);
                    furthest
                })
                .collect(),
            names: std::sync::OnceLock::new(),
        }
    }
}
