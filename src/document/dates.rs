//! Dates: the story's anchor in time and every date it mentions, resolved against the anchor.
//!
//! One regex pass over the headline and each block finds the mentions; resolution is calendar
//! arithmetic done by `jiff`, never by hand.

use super::{BlockKind, Document};
use crate::lexicon::{Lexicon, List, ListId, NEVER, capitalise};
use crate::span::Span;
use jiff::civil::{Date, Weekday};
use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// Where the anchor came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorSource {
    /// A front matter key (`date`, `published`, `publish_date`).
    FrontMatter(&'static str),
    /// The dateline at the start of the first paragraph.
    Dateline,
    /// `--date` on the command line.
    CommandLine,
    /// `date` in `copydesk.toml`.
    Config,
}

impl AnchorSource {
    /// A short machine name: `front-matter:date`, `dateline`, `command-line`, `config`.
    pub fn name(&self) -> String {
        match self {
            AnchorSource::FrontMatter(key) => format!("front-matter:{key}"),
            AnchorSource::Dateline => "dateline".into(),
            AnchorSource::CommandLine => "command-line".into(),
            AnchorSource::Config => "config".into(),
        }
    }

    /// For people: "front matter `date`", "the dateline", "--date", "`date` in copydesk.toml".
    pub fn describe(&self) -> String {
        match self {
            AnchorSource::FrontMatter(key) => format!("front matter `{key}`"),
            AnchorSource::Dateline => "the dateline".into(),
            AnchorSource::CommandLine => "--date".into(),
            AnchorSource::Config => "`date` in copydesk.toml".into(),
        }
    }
}

/// The date a story is told from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The full date, when the year is known.
    pub date: Option<Date>,
    /// Month (1–12).
    pub month: i8,
    /// Day of the month.
    pub day: i8,
    /// Where it came from.
    pub source: AnchorSource,
    /// Its text in the story (front matter value or dateline), if it is in the story.
    pub span: Option<Span>,
}

impl Anchor {
    /// "2025-06-04", or "--10-14" for a dateline with no year.
    pub fn label(&self) -> String {
        match self.date {
            Some(d) => d.to_string(),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }

    /// "anchor: 2025-06-04 (Wednesday), from front matter `date`".
    pub fn note(&self) -> String {
        match self.date {
            Some(d) => format!(
                "anchor: {} ({}), from {}",
                d,
                weekday_name(d.weekday()),
                self.source.describe()
            ),
            None => format!(
                "anchor: {} (no year), from {}",
                self.label(),
                self.source.describe()
            ),
        }
    }
}

/// A resolved date: one day or an inclusive range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// One calendar day.
    Day(Date),
    /// From the first to the last day, both included.
    Range(Date, Date),
}

/// In JSON: an ISO date, or `[start, end]` with both ends included.
impl serde::Serialize for Resolved {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Resolved::Day(d) => s.collect_str(d),
            Resolved::Range(a, b) => [a.to_string(), b.to_string()].serialize(s),
        }
    }
}

impl fmt::Display for Resolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Resolved::Day(d) => write!(f, "{d}"),
            Resolved::Range(a, b) => write!(f, "{a} to {b}"),
        }
    }
}

/// yesterday, today, tonight, tomorrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelativeWord {
    /// The day before the anchor.
    Yesterday,
    /// The anchor.
    Today,
    /// The anchor's evening.
    Tonight,
    /// The day after the anchor.
    Tomorrow,
}

/// A period named relative to the anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Monday to Sunday before the anchor's week.
    LastWeek,
    /// The anchor's Monday-to-Sunday week.
    ThisWeek,
    /// The week after.
    NextWeek,
    /// Saturday and Sunday of last week.
    LastWeekend,
    /// Saturday and Sunday of this week.
    ThisWeekend,
    /// Monday of the anchor's week to the day before the anchor.
    EarlierThisWeek,
    /// The day after the anchor to Sunday.
    LaterThisWeek,
    /// The 1st of the month to the day before the anchor.
    EarlierThisMonth,
    /// The day after the anchor to the end of the month.
    LaterThisMonth,
    /// The calendar month before.
    LastMonth,
    /// The anchor's month.
    ThisMonth,
    /// The calendar month after.
    NextMonth,
    /// The calendar year before.
    LastYear,
    /// The anchor's year.
    ThisYear,
    /// January 1 to the day before the anchor.
    EarlierThisYear,
    /// The day after the anchor to December 31.
    LaterThisYear,
    /// The calendar year after.
    NextYear,
    /// Seven days before the anchor.
    WeekAgo,
}

/// What a mention says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A month and day ("June 7", "Jun. 7, 2025", "7 June 2025", "2025-06-07"), maybe with a
    /// weekday ("Monday, June 2").
    Calendar {
        /// The year, when written.
        year: Option<i16>,
        /// Month as written (1–12).
        month: i8,
        /// Day as written (may be impossible: 31 in April).
        day: i8,
        /// The weekday written with it, and its span.
        weekday: Option<(Weekday, Span)>,
        /// Written as an ISO date.
        iso: bool,
        /// The date of the dateline.
        dateline: bool,
    },
    /// All figures: "03/04/2024", "4-5-25".
    Numeric {
        /// The first field.
        first: u8,
        /// The second field.
        second: u8,
        /// The year (two-digit years in the 2000s).
        year: i16,
    },
    /// A month without a day ("in April", "March 2024").
    Month {
        /// 1–12.
        month: i8,
        /// The year, when written.
        year: Option<i16>,
    },
    /// A weekday on its own ("on Monday", "Tuesday's vote", "last Friday", "Sunday night").
    Weekday {
        /// Which day.
        weekday: Weekday,
        /// Read as future ("will meet on Monday", "next Monday").
        future: bool,
    },
    /// yesterday, today, tonight, tomorrow.
    Word(RelativeWord),
    /// "last week", "earlier this month", "a week ago" …
    Period(Period),
}

/// A date in the story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// The whole expression ("on Monday", "Tuesday, June 10, 2025").
    pub span: Span,
    /// What it says.
    pub kind: MentionKind,
    /// The date or range it stands for, when the anchor (or its own year) allows.
    pub resolved: Option<Resolved>,
    /// Inside a quotation.
    pub quoted: bool,
    /// In the headline.
    pub headline: bool,
    /// A fixed phrase or a name, not a date: "today's economy", "the Tomorrow Fund".
    pub idiom: bool,
}

impl DateMention {
    /// Whether the mention needs an anchor to mean anything: a bare weekday, a relative word,
    /// a relative period.
    pub fn is_relative(&self) -> bool {
        !self.idiom
            && matches!(
                self.kind,
                MentionKind::Weekday { .. } | MentionKind::Word(_) | MentionKind::Period(_)
            )
    }
}

/// The anchor and the mentions of one story.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateAnalysis {
    /// The anchor, if the story (or the command line or config) gives one.
    pub anchor: Option<Anchor>,
    /// Every date mention, in reading order.
    pub mentions: Vec<DateMention>,
    /// A front matter date that is not a date ("2025-13-45"): its key and span.
    pub invalid: Option<(&'static str, Span)>,
}

/// "Monday" for Weekday::Monday (the calendar's name, for messages).
pub fn weekday_name(w: Weekday) -> String {
    // 2024-01-01 was a Monday.
    jiff::civil::date(2024, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(w.to_monday_zero_offset())))
        .map(|d| d.strftime("%A").to_string())
        .unwrap_or_default()
}

/// The date regexes, built once per lexicon from its month and weekday names.
#[derive(Debug)]
pub struct DatePatterns {
    /// Every kind of date mention, one alternative each.
    mention: Regex,
    /// The year that ends a list or range of days ("Jan. 17 and Feb. 7, 2017").
    list_year: Regex,
    /// A dateline: "LISBON, June 3 (Reuters) -".
    dateline: Regex,
    /// What puts a bare weekday in the future ("will", "is due").
    future: Regex,
}

impl DatePatterns {
    /// The patterns for these names: `months` and `weekdays` are the lexicon's groups in calendar
    /// order, each a name followed by its abbreviations.
    pub(crate) fn new(
        months: &[Vec<String>],
        ambiguous: &List,
        weekdays: &[Vec<String>],
        lead: &List,
        times: &List,
        future: &List,
    ) -> Result<DatePatterns, regex::Error> {
        let alternation = |words: Vec<String>| {
            if words.is_empty() {
                NEVER.to_string()
            } else {
                words.join("|")
            }
        };
        // Names are read capitalised; abbreviations capitalised, with or without a period.
        let names = |groups: &[Vec<String>], keep: &dyn Fn(&str) -> bool| -> Vec<String> {
            groups
                .iter()
                .filter_map(|g| g.first())
                .filter(|n| keep(n))
                .map(|n| literal(&capitalise(n)))
                .collect()
        };
        let abbreviations = |groups: &[Vec<String>]| -> Vec<String> {
            groups
                .iter()
                .flat_map(|g| g.iter().skip(1))
                .map(|a| format!(r"{}\.?", literal(&capitalise(a))))
                .collect()
        };
        let words = |list: &List| -> Vec<String> { list.words().map(literal).collect() };
        let wd = format!(
            "(?:{})",
            alternation([names(weekdays, &|_| true), abbreviations(weekdays)].concat())
        );
        let mon = format!(
            "(?:{})",
            alternation([names(months, &|_| true), abbreviations(months)].concat())
        );
        // A month alone, after a preposition: never an ambiguous name ("by May" is a person).
        let alone = alternation(names(months, &|n| !ambiguous.contains(n)));
        let lead = alternation(words(lead));
        let times = alternation(words(times));
        let mention = format!(
            r"(?x)
        (?P<wdd>(?:\b(?i:on)\s+)?\b(?P<wd1>{wd}),?\s+(?P<m1>{mon})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}})\b)?)
      | (?P<md>\b(?P<m2>{mon})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}})\b)?)
      | (?P<my>\b(?P<m3>{mon})\s+(?P<y3>(?:19|20)\d\d)\b)
      | (?P<dm>\b(?P<d4>\d{{1,2}})\s+(?P<m4>{mon})(?:\s+(?P<y4>\d{{4}}))?\b)
      | (?P<iso>\b(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})\b)
      | (?P<num>\b\d{{1,2}}(?:/\d{{1,2}}/|-\d{{1,2}}-|\.\d{{1,2}}\.)(?:\d{{4}}|\d{{2}})\b)
      | (?P<rel>\b(?i:yesterday|today|tonight|tomorrow)(?:['’]s)?\b)
      | (?P<per>\b(?i:(?:last|this|next)\s+(?:weekend|week|month|year)|(?:earlier|later)\s+this\s+(?:week|month|year)|over\s+the\s+weekend|a\s+(?:week|month|year)\s+ago))\b
      | (?P<wd>(?:\b(?i:on|last|next|this)\s+)?\b(?P<wd2>{wd})(?:['’]s)?(?:\s+(?:{times}))?\b)
      | (?P<mon>\b(?i:{lead})\s+(?P<m5>{alone})\b(?:\s+(?P<y5>(?:19|20)\d\d)\b)?)
        "
        );
        Ok(DatePatterns {
            mention: Regex::new(&mention)?,
            list_year: Regex::new(&format!(
                r"^(?:\s*[-–]\s*\d{{1,2}}|,?\s+(?:and|or|to|through)\s+(?:{mon}\s+)?\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"
            ))?,
            dateline: Regex::new(&format!(
                r"^\s*[A-Z][A-Z.'’ -]+(?:,\s*[A-Za-z.'’ ]+)?,\s+(?P<m>{mon})\s+(?P<d>\d{{1,2}})(?:,\s+(?P<y>\d{{4}}))?\s*(?:\([^)]*\)\s*)?[-—–]"
            ))?,
            future: Regex::new(&format!(r"(?i)\b(?:{})\b", alternation(words(future))))?,
        })
    }
}

/// A word or phrase as a regex: escaped, any white space between its words (the mention
/// pattern ignores literal white space).
fn literal(words: &str) -> String {
    words
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

static DAY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4})\b)?").expect("day")
});

/// The anchor and mentions of `doc`; `fallback` is `--date` or the config's `date`, used when
/// the story gives none.
pub fn analyse(doc: &Document, fallback: Option<(Date, AnchorSource)>) -> DateAnalysis {
    let anchor = anchor(doc).or_else(|| {
        fallback.map(|(date, source)| Anchor {
            date: Some(date),
            month: date.month(),
            day: date.day(),
            source,
            span: None,
        })
    });
    let mut mentions = Vec::new();
    let text = doc.source.text.as_str();
    if let Some(t) = doc.front_matter.as_ref().and_then(|fm| fm.title())
        && t.span.end <= text.len()
    {
        scan(
            doc,
            &text[t.span.range()],
            t.span.start,
            true,
            &mut mentions,
        );
    }
    for block in &doc.blocks {
        if block.kind == BlockKind::Byline {
            continue;
        }
        scan(
            doc,
            doc.prose_of(block.span),
            block.span.start,
            block.kind == BlockKind::Headline,
            &mut mentions,
        );
    }
    if let Some(dl) = anchor
        .as_ref()
        .filter(|a| a.source == AnchorSource::Dateline)
    {
        for m in &mut mentions {
            if let MentionKind::Calendar { dateline, .. } = &mut m.kind
                && dl.span.is_some_and(|s| s.contains(m.span))
            {
                *dateline = true;
            }
        }
    }
    for m in &mut mentions {
        m.resolved = resolve(&m.kind, anchor.as_ref());
    }
    // A bare weekday in a sentence that also gives a date after the anchor speaks of the
    // schedule ahead: "a derby on Saturday and a tractor pull Sunday, Aug. 17".
    if let Some(a) = anchor.as_ref().and_then(|a| a.date) {
        let ahead: Vec<Span> = mentions
            .iter()
            .filter(|m| matches!(m.kind, MentionKind::Calendar { .. }))
            .filter(|m| matches!(m.resolved, Some(Resolved::Day(d)) if d > a))
            .filter_map(|m| doc.sentence_at(m.span.start).map(|s| s.span))
            .collect();
        for m in &mut mentions {
            if let MentionKind::Weekday { future, .. } = &mut m.kind
                && !*future
                && !text[m.span.range()]
                    .to_ascii_lowercase()
                    .starts_with("last")
                && doc
                    .sentence_at(m.span.start)
                    .is_some_and(|s| ahead.contains(&s.span))
            {
                *future = true;
                m.resolved = resolve(&m.kind, anchor.as_ref());
            }
        }
    }
    let invalid = doc
        .front_matter
        .as_ref()
        .and_then(|fm| fm.date())
        .filter(|(_, f)| parse_front_matter_date(&f.value).is_none())
        .map(|(key, f)| (key, f.span));
    DateAnalysis {
        anchor,
        mentions,
        invalid,
    }
}

/// `2025-06-04`, or the date part of `2025-06-04T09:30:00Z`.
fn parse_front_matter_date(value: &str) -> Option<Date> {
    let value = value.trim();
    value.get(..10).unwrap_or(value).parse::<Date>().ok()
}

/// The story's own anchor: front matter first, then a dateline in the first paragraph.
fn anchor(doc: &Document) -> Option<Anchor> {
    if let Some((key, field)) = doc.front_matter.as_ref().and_then(|fm| fm.date())
        && let Some(date) = parse_front_matter_date(&field.value)
    {
        return Some(Anchor {
            date: Some(date),
            month: date.month(),
            day: date.day(),
            source: AnchorSource::FrontMatter(key),
            span: Some(field.span),
        });
    }
    let first = doc
        .blocks
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Paragraph))?;
    let text = doc.prose_of(first.span);
    let c = doc.lexicon.dates().dateline.captures(text)?;
    let month = doc.lexicon.month_number(c.name("m")?.as_str())?;
    let day: i8 = c.name("d")?.as_str().parse().ok()?;
    let year: Option<i16> = c.name("y").and_then(|y| y.as_str().parse().ok());
    let whole = c.get(0)?;
    Some(Anchor {
        date: year.and_then(|y| Date::new(y, month, day).ok()),
        month,
        day,
        source: AnchorSource::Dateline,
        span: Some(Span::new(
            first.span.start + whole.start(),
            first.span.start + whole.end(),
        )),
    })
}

fn scan(doc: &Document, text: &str, base: usize, headline: bool, out: &mut Vec<DateMention>) {
    let lex = doc.lexicon;
    let patterns = lex.dates();
    for c in patterns.mention.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let span = Span::new(base + whole.start(), base + whole.end());
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i64>().ok());
        let kind = if c.name("wdd").is_some() || c.name("md").is_some() || c.name("dm").is_some() {
            let (m, d, y) = if c.name("wdd").is_some() {
                ("m1", "d1", "y1")
            } else if c.name("md").is_some() {
                ("m2", "d2", "y2")
            } else {
                ("m4", "d4", "y4")
            };
            let Some(month) = c.name(m).and_then(|m| lex.month_number(m.as_str())) else {
                continue;
            };
            // "May" is also a verb and a name: only with a day after it and a capital.
            let weekday = c.name("wd1").and_then(|w| {
                lex.weekday_named(w.as_str())
                    .map(|d| (d, Span::new(base + w.start(), base + w.end())))
            });
            // "Jan. 17 and Feb. 7, 2017", "Nov. 8-11, 2007": one year for the list or range.
            let year = num(y).map(|y| y as i16).or_else(|| {
                patterns
                    .list_year
                    .captures(&text[whole.end()..])
                    .and_then(|l| l["y"].parse().ok())
            });
            MentionKind::Calendar {
                year,
                month,
                day: num(d).unwrap_or(0) as i8,
                weekday,
                iso: false,
                dateline: false,
            }
        } else if c.name("iso").is_some() {
            MentionKind::Calendar {
                year: num("iy").map(|y| y as i16),
                month: num("im").unwrap_or(0).clamp(0, 99) as i8,
                day: num("id").unwrap_or(0).clamp(0, 99) as i8,
                weekday: None,
                iso: true,
                dateline: false,
            }
        } else if c.name("num").is_some() {
            let parts: Vec<&str> = whole.as_str().split(['/', '-', '.']).collect();
            let [a, b, y] = parts[..] else { continue };
            let (Ok(first), Ok(second), Ok(year)) =
                (a.parse::<u8>(), b.parse::<u8>(), y.parse::<i16>())
            else {
                continue;
            };
            // A tally or a code ("53-46-15"), not a date: neither field can be a month, or one
            // cannot even be a day.
            if first > 31 || second > 31 || (first > 12 && second > 12) {
                continue;
            }
            MentionKind::Numeric {
                first,
                second,
                year: if y.len() == 2 { 2000 + year } else { year },
            }
        } else if c.name("my").is_some() || c.name("mon").is_some() {
            let m = c.name("m3").or_else(|| c.name("m5")).expect("month group");
            let Some(month) = lex.month_number(m.as_str()) else {
                continue;
            };
            // "by June 31": the preposition matched first; the month has a day after all.
            if c.name("mon").is_some()
                && c.name("y5").is_none()
                && let Some(d) = DAY_AFTER.captures(&text[whole.end()..])
            {
                let end = whole.end() + d.get(0).expect("match").end();
                out.push(DateMention {
                    span: Span::new(base + m.start(), base + end),
                    kind: MentionKind::Calendar {
                        year: d.name("y").and_then(|y| y.as_str().parse().ok()),
                        month,
                        day: d["d"].parse().unwrap_or(0),
                        weekday: None,
                        iso: false,
                        dateline: false,
                    },
                    resolved: None,
                    quoted: doc.in_quotation(span),
                    headline,
                    idiom: false,
                });
                continue;
            }
            MentionKind::Month {
                month,
                year: num("y3").or_else(|| num("y5")).map(|y| y as i16),
            }
        } else if c.name("rel").is_some() {
            let w = whole.as_str().to_ascii_lowercase();
            let word = if w.starts_with("yesterday") {
                RelativeWord::Yesterday
            } else if w.starts_with("today") {
                RelativeWord::Today
            } else if w.starts_with("tonight") {
                RelativeWord::Tonight
            } else {
                RelativeWord::Tomorrow
            };
            MentionKind::Word(word)
        } else if c.name("per").is_some() {
            let w = whole
                .as_str()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_ascii_lowercase();
            let period = match w.as_str() {
                "last week" => Period::LastWeek,
                "this week" => Period::ThisWeek,
                "next week" => Period::NextWeek,
                "last weekend" | "over the weekend" => Period::LastWeekend,
                "this weekend" => Period::ThisWeekend,
                "earlier this month" => Period::EarlierThisMonth,
                "later this month" => Period::LaterThisMonth,
                "earlier this week" => Period::EarlierThisWeek,
                "later this week" => Period::LaterThisWeek,
                "last month" => Period::LastMonth,
                "this month" => Period::ThisMonth,
                "next month" => Period::NextMonth,
                "last year" => Period::LastYear,
                "this year" => Period::ThisYear,
                "earlier this year" => Period::EarlierThisYear,
                "later this year" => Period::LaterThisYear,
                "next year" => Period::NextYear,
                "a week ago" => Period::WeekAgo,
                _ => continue,
            };
            MentionKind::Period(period)
        } else {
            let Some(w) = c.name("wd2") else { continue };
            let Some(weekday) = lex.weekday_named(w.as_str()) else {
                continue;
            };
            // "Sunday school", "Good Friday": names, not dates.
            let after = text[whole.end()..].split_whitespace().next().unwrap_or("");
            let before = text[..w.start()]
                .split_whitespace()
                .next_back()
                .unwrap_or("");
            if lex[ListId::WeekdayNouns]
                .contains(after.trim_matches(|c: char| !c.is_alphanumeric()))
                || lex[ListId::HolidayWords].contains_capitalised(before)
            {
                continue;
            }
            let lead = whole.as_str().split_whitespace().next().unwrap_or("");
            let future = if lead.eq_ignore_ascii_case("next") {
                true
            } else if lead.eq_ignore_ascii_case("last") {
                false
            } else {
                future_tense(&patterns.future, &text[..whole.start()])
            };
            MentionKind::Weekday { weekday, future }
        };
        let idiom = match &kind {
            MentionKind::Word(_) => idiom(lex, text, whole.start(), whole.end()),
            _ => false,
        };
        out.push(DateMention {
            span,
            kind,
            resolved: None,
            quoted: doc.in_quotation(span),
            headline,
            idiom,
        });
    }
}

/// Whether the clause before a weekday speaks of the future ("will meet on", "is due by").
fn future_tense(future: &Regex, before: &str) -> bool {
    // Only the last stretch matters; bounding it keeps a long paragraph linear.
    let mut cut = before.len().saturating_sub(200);
    while !before.is_char_boundary(cut) {
        cut += 1;
    }
    let before = &before[cut..];
    // The clause: back to the last sentence end, semicolon or "and"/"but" joining clauses.
    let start = before
        .rfind(['.', ';', '!', '?'])
        .map_or(0, |i| i + 1)
        .max(before.rfind(" and ").map_or(0, |i| i + 5))
        .max(before.rfind(" but ").map_or(0, |i| i + 5));
    let clause = &before[start..];
    let words: Vec<&str> = clause.split_whitespace().collect();
    let tail = words[words.len().saturating_sub(10)..].join(" ");
    future.is_match(&tail)
}

/// "today's economy", "the world today", "the Tomorrow Fund": a relative word that names no
/// day.
fn idiom(lex: &Lexicon, text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let possessive = word.ends_with("'s") || word.ends_with("’s");
    let next = text[end..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let prev = text[..start]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_ascii_lowercase();
    let capital = word.starts_with(|c: char| c.is_uppercase());
    let sentence_start = text[..start]
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
        .is_empty_or_ends(|c| matches!(c, '.' | '!' | '?' | '"' | '“' | ':' | '('));
    if capital && !sentence_start {
        return true; // a name: "the Tomorrow Fund"
    }
    if possessive {
        let temporal = next.starts_with(|c: char| c.is_ascii_digit())
            || lex[ListId::PossessiveEvents].contains_ci(next);
        return !temporal;
    }
    lex[ListId::TodayIdioms].contains(&prev)
}

trait EmptyOrEnds {
    fn is_empty_or_ends(&self, f: impl Fn(char) -> bool) -> bool;
}

impl EmptyOrEnds for str {
    fn is_empty_or_ends(&self, f: impl Fn(char) -> bool) -> bool {
        self.chars().next_back().is_none_or(f)
    }
}

/// The Monday of the anchor's week.
fn monday(d: Date) -> Option<Date> {
    d.tomorrow().ok()?.nth_weekday(-1, Weekday::Monday).ok()
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().days(n)).ok()
}

/// From `first` to the day before the anchor, if that is a range at all.
fn before(first: Date, anchor: Date) -> Option<Resolved> {
    (first < anchor).then_some(())?;
    Some(Resolved::Range(first, anchor.yesterday().ok()?))
}

/// From the day after the anchor to `last`, if that is a range at all.
fn after(anchor: Date, last: Date) -> Option<Resolved> {
    (anchor < last).then_some(())?;
    Some(Resolved::Range(anchor.tomorrow().ok()?, last))
}

/// The date a mention stands for.
pub fn resolve(kind: &MentionKind, anchor: Option<&Anchor>) -> Option<Resolved> {
    let a = anchor.and_then(|a| a.date);
    match *kind {
        MentionKind::Calendar {
            year, month, day, ..
        } => {
            let y = year.or(a.map(|a| a.year()))?;
            Date::new(y, month, day).ok().map(Resolved::Day)
        }
        MentionKind::Numeric {
            first,
            second,
            year,
        } => Date::new(year, first as i8, second as i8)
            .ok()
            .map(Resolved::Day),
        MentionKind::Month { month, year } => {
            let y = year.or(a.map(|a| a.year()))?;
            let first = Date::new(y, month, 1).ok()?;
            Some(Resolved::Range(first, first.last_of_month()))
        }
        MentionKind::Weekday { weekday, future } => {
            let a = a?;
            let d = if future {
                a.yesterday().ok()?.nth_weekday(1, weekday).ok()?
            } else {
                a.tomorrow().ok()?.nth_weekday(-1, weekday).ok()?
            };
            Some(Resolved::Day(d))
        }
        MentionKind::Word(w) => {
            let a = a?;
            Some(Resolved::Day(match w {
                RelativeWord::Yesterday => a.yesterday().ok()?,
                RelativeWord::Today | RelativeWord::Tonight => a,
                RelativeWord::Tomorrow => a.tomorrow().ok()?,
            }))
        }
        MentionKind::Period(p) => {
            let a = a?;
            let mon = monday(a)?;
            let range =
                |start: Date, days: i64| Some(Resolved::Range(start, add_days(start, days)?));
            match p {
                Period::LastWeek => range(add_days(mon, -7)?, 6),
                Period::ThisWeek => range(mon, 6),
                Period::NextWeek => range(add_days(mon, 7)?, 6),
                Period::LastWeekend => range(add_days(mon, -2)?, 1),
                Period::ThisWeekend => range(add_days(mon, 5)?, 1),
                Period::EarlierThisWeek => before(mon, a),
                Period::LaterThisWeek => after(a, add_days(mon, 6)?),
                Period::EarlierThisMonth => before(a.first_of_month(), a),
                Period::LaterThisMonth => after(a, a.last_of_month()),
                Period::EarlierThisYear => before(a.first_of_year(), a),
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
                Period::WeekAgo => Some(Resolved::Day(add_days(a, -7)?)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::source::Source;

    fn mentions(text: &str) -> Vec<(String, Option<String>)> {
        let src = Source::new("t.md", text.to_string());
        let doc = Document::parse(&src, Format::Markdown);
        let analysis = analyse(&doc, None);
        analysis
            .mentions
            .iter()
            .map(|m| {
                (
                    text[m.span.range()].to_string(),
                    m.resolved.map(|r| r.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn resolves_against_front_matter() {
        let got = mentions(
            "---\ndate: 2025-06-04\n---\n\nThe council voted on Monday and will meet again on \
             Thursday. Last week, and earlier this month, it met on Tuesday, June 3, and on \
             Jun. 10, 2025. Officials said yesterday that 03/04/2024 was a typo.\n",
        );
        let want: Vec<(&str, Option<&str>)> = vec![
            ("on Monday", Some("2025-06-02")),
            ("on Thursday", Some("2025-06-05")),
            ("Last week", Some("2025-05-26 to 2025-06-01")),
            ("earlier this month", Some("2025-06-01 to 2025-06-03")),
            ("on Tuesday, June 3", Some("2025-06-03")),
            ("Jun. 10, 2025", Some("2025-06-10")),
            ("yesterday", Some("2025-06-03")),
            ("03/04/2024", Some("2024-03-04")),
        ];
        let got: Vec<(&str, Option<&str>)> = got
            .iter()
            .map(|(t, r)| (t.as_str(), r.as_deref()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn dateline_anchors_a_story_without_front_matter() {
        let src = Source::new(
            "t.md",
            "LISBON, June 3 (Reuters) - Ministers met on Monday.\n".to_string(),
        );
        let doc = Document::parse(&src, Format::Markdown);
        let a = analyse(&doc, None);
        let anchor = a.anchor.unwrap();
        assert_eq!(anchor.source, AnchorSource::Dateline);
        assert_eq!(anchor.date, None, "no year in the dateline");
        assert_eq!((anchor.month, anchor.day), (6, 3));
        // A fallback date does not replace the story's own anchor.
        let b = analyse(
            &doc,
            Some((jiff::civil::date(2025, 6, 4), AnchorSource::Config)),
        );
        assert_eq!(b.anchor.unwrap().source, AnchorSource::Dateline);
    }

    #[test]
    fn names_and_idioms_are_not_dates() {
        let src = Source::new(
            "t.md",
            "---\ndate: 2025-06-04\n---\n\nShe taught Sunday school. Good Friday fell early. \
             The Tomorrow Fund paid. Today's economy is weak, but tomorrow's 5 p.m. deadline \
             stands.\n"
                .to_string(),
        );
        let doc = Document::parse(&src, Format::Markdown);
        let a = analyse(&doc, None);
        let relative: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.is_relative())
            .map(|m| &src.text[m.span.range()])
            .collect();
        assert_eq!(relative, ["tomorrow's"]);
    }
}
