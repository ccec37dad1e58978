//! Dates: the story's anchor in time and every date it mentions, resolved against the anchor.
//!
//! One regex pass over the headline and each block finds the mentions ([`scan`]); the anchor
//! comes from front matter, a dateline or a timestamp line at the top ([`anchor`]); each mention
//! is resolved against the anchor, or against the time of the speech for a mention inside a
//! quotation ([`resolve`]), reading the tense of its clause ([`tense`]). Calendar arithmetic is
//! done by `jiff`, never by hand. The English words all of this reads are the lexicon's
//! (`rules/lexicon.toml`): months, weekdays, holidays and named days, seasons, tense markers …;
//! [`words`] keeps only those bound to calendar arithmetic ("the day before", the units of "two
//! weeks ago") and reads the holiday keys.

mod anchor;
mod resolve;
mod scan;
mod tense;
pub mod words;

pub use resolve::resolve;
pub use scan::DatePatterns;
pub use tense::Tense;
pub use words::{HolidayKind, Rule};

use super::{BlockKind, Document};
use crate::span::Span;
use jiff::civil::{Date, Weekday};
use std::fmt;

/// Where the anchor came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorSource {
    /// A front matter key (`date`, `published`, `publish_date`).
    FrontMatter(&'static str),
    /// The dateline at the start of the first paragraph.
    Dateline,
    /// A date or timestamp line near the top ("Published March 25, 2024").
    Timestamp,
    /// `--date` on the command line.
    CommandLine,
    /// `date` in `copydesk.toml`.
    Config,
}

impl AnchorSource {
    /// A short machine name: `front-matter:date`, `dateline`, `timestamp`, `command-line`,
    /// `config`.
    pub fn name(&self) -> String {
        match self {
            AnchorSource::FrontMatter(key) => format!("front-matter:{key}"),
            AnchorSource::Dateline => "dateline".into(),
            AnchorSource::Timestamp => "timestamp".into(),
            AnchorSource::CommandLine => "command-line".into(),
            AnchorSource::Config => "config".into(),
        }
    }

    /// For people: "front matter `date`", "the dateline", "the timestamp line", "--date",
    /// "`date` in copydesk.toml".
    pub fn describe(&self) -> String {
        match self {
            AnchorSource::FrontMatter(key) => format!("front matter `{key}`"),
            AnchorSource::Dateline => "the dateline".into(),
            AnchorSource::Timestamp => "the timestamp line".into(),
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
    /// Its text in the story (front matter value, dateline or timestamp line), if it is in the
    /// story.
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
    /// The day before the anchor ("yesterday", "last night").
    Yesterday,
    /// The anchor ("today", "this morning").
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
    /// The adjacent Saturday and Sunday: the past one in past-tense copy, else the coming one.
    ThisWeekend,
    /// Monday of the anchor's week to the anchor.
    EarlierThisWeek,
    /// The day after the anchor to Sunday.
    LaterThisWeek,
    /// The 1st of the month to the anchor.
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
    /// January 1 to the anchor.
    EarlierThisYear,
    /// The day after the anchor to December 31.
    LaterThisYear,
    /// The calendar year after.
    NextYear,
}

/// A unit of time counted in "two weeks ago" or "the past month".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
    /// Ten years.
    Decade,
}

/// Which one of a recurring date: "last March", "this summer", "next Christmas", or none said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// Not said: the one nearest the anchor that agrees with the tense.
    Nearest,
    /// "last": the latest one before the anchor's.
    Last,
    /// "this": the one of the anchor's year.
    This,
    /// "next": the first one after the anchor's.
    Next,
}

/// What a mention says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A month and day ("June 7", "Jun. 7, 2025", "7 June 2025", "2025-06-07"), maybe with a
    /// weekday ("Monday, June 2") or a last day ("May 24 to 26").
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
        /// The date of the dateline or timestamp line.
        dateline: bool,
        /// The last day of a range written with it ("May 24 to 26": May 26), as month and day.
        until: Option<(i8, i8)>,
    },
    /// All figures: "03/04/2024", "4-5-25", "24/10/2012".
    Numeric {
        /// The first field.
        first: u8,
        /// The second field.
        second: u8,
        /// The year (two-digit years in the 2000s).
        year: i16,
        /// Day first (`Some(true)`), month first (`Some(false)`), or not settled by the date or
        /// the story (None: read as `likely_day_first` says).
        day_first: Option<bool>,
        /// How an unsettled one is read: day first when written with dots or on a line timed
        /// in a European zone, else month first.
        likely_day_first: bool,
    },
    /// A month without a day ("in April", "March 2024", "last November").
    Month {
        /// 1–12.
        month: i8,
        /// The year, when written or said ("March of this year").
        year: Option<i16>,
        /// "last", "this", "next", or none.
        which: Which,
    },
    /// A year, decade or century ("in 2007", "the 1970s", "the 21st century"): first and last
    /// year.
    Years {
        /// The first year.
        first: i16,
        /// The last year.
        last: i16,
    },
    /// A United States federal fiscal year ("fiscal year 2010", "FY2010", "FY 10"): October 1 of
    /// the year before to September 30.
    FiscalYear {
        /// The year it is named for (the one it ends in).
        year: i16,
    },
    /// A season ("last summer", "in the spring of 2019").
    Season {
        /// The month it starts (3, 6, 9, 12).
        start: i8,
        /// The year, when written (the year it starts).
        year: Option<i16>,
        /// "last", "this", "next", or none.
        which: Which,
    },
    /// A quarter of a year ("Q1", "the third quarter of 2019").
    Quarter {
        /// 1–4.
        quarter: i8,
        /// The year, when written or said.
        year: Option<i16>,
    },
    /// A holiday or named day ("Christmas", "Super Tuesday", "9/11"), from the lexicon's
    /// `holidays` and `named_days`.
    Holiday {
        /// A holiday or a named day.
        kind: HolidayKind,
        /// How its date is found each year.
        rule: Rule,
        /// The year, when written.
        year: Option<i16>,
        /// "last", "this", "next", or none.
        which: Which,
    },
    /// A weekday on its own ("on Monday", "Tuesday's vote", "last Friday", "Sunday night").
    Weekday {
        /// Which day.
        weekday: Weekday,
        /// Read as future ("will meet on Monday", "next Monday").
        future: bool,
    },
    /// yesterday, today, tonight, tomorrow (and "last night", "this morning").
    Word(RelativeWord),
    /// "last week", "earlier this month", "this weekend" …
    Period(Period),
    /// "two weeks ago", "a year ago", "in two days", "three days from now".
    Ago {
        /// How many units.
        count: i32,
        /// Days, weeks, months, years or decades.
        unit: Unit,
        /// "in two days", "from now": after the anchor.
        future: bool,
    },
    /// A stretch up to or from the anchor: "the past month", "the last decade", "the next ten
    /// days", "within 10 days".
    Stretch {
        /// How many units.
        count: i32,
        /// Days, weeks, months, years or decades.
        unit: Unit,
        /// From the anchor on ("the next ten days"), not up to it.
        future: bool,
    },
    /// An offset from another event: "the same day", "the previous day", "two days later",
    /// "that week", "a decade later" (from the event told before), or "two days after the
    /// January 7 quake" (from the event named after it).
    Anaphoric {
        /// Units after the event (negative: before).
        count: i32,
        /// Days ("two weeks later" is counted as fourteen days), or the week, month or year
        /// holding the event ("that week", "the following month"; "a decade later" is the year
        /// ten on).
        unit: Unit,
        /// The event is named after it ("two days after the quake"): the phrase dates what its
        /// sentence tells, from the event's date when the clause gives one.
        event_after: bool,
        /// The count is exact ("two days after"), not hedged ("just under a month after"). Only
        /// an event named after the phrase is counted from exactly; "about two days later"
        /// still counts from the event told before.
        exact: bool,
    },
}

/// What a mention was resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The text gives the whole date.
    Absolute,
    /// The story's anchor.
    Anchor,
    /// The time of the speech it is quoted from: the date and the mention that gave it.
    Speech {
        /// The day the words were said.
        date: Date,
        /// The mention that dates the speech ("said on Wednesday").
        from: Span,
    },
    /// Another event told before it: the date of that event and the mention that gave it.
    Event {
        /// The event's day.
        date: Date,
        /// The mention that dates the event.
        from: Span,
    },
}

impl Basis {
    /// `absolute`, `anchor`, `speech`, `event`.
    pub fn name(&self) -> &'static str {
        match self {
            Basis::Absolute => "absolute",
            Basis::Anchor => "anchor",
            Basis::Speech { .. } => "speech",
            Basis::Event { .. } => "event",
        }
    }
}

/// A date in the story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// The whole expression ("on Monday", "Tuesday, June 10, 2025").
    pub span: Span,
    /// What it says.
    pub kind: MentionKind,
    /// The date or range it stands for, when the anchor (or its own year, or the speech it is
    /// quoted from) allows.
    pub resolved: Option<Resolved>,
    /// What it was resolved against; None when unresolved.
    pub basis: Option<Basis>,
    /// The tense of its clause, as read.
    pub tense: Tense,
    /// Inside a quotation.
    pub quoted: bool,
    /// In the headline.
    pub headline: bool,
    /// A fixed phrase or a name, not a date: "today's economy", "the Tomorrow Fund", "Today,
    /// attorneys are …" (nowadays).
    pub idiom: bool,
    /// An idiom that is "today" meaning nowadays ("today's economy", "the world today") or
    /// "the present" ("from 2009 until the present"): no
    /// day of the news, but by the conventions it stands for the anchor's time, as its
    /// resolved date says (a name such as "the Tomorrow Fund" stands for none).
    pub generic: bool,
    /// A year said relative to the anchor's after a month or a day ("August last year": -1).
    pub(super) said_year: Option<i8>,
}

impl DateMention {
    /// Whether the mention needs an anchor to mean anything: a bare weekday, a relative word,
    /// a relative period, "two weeks ago".
    pub fn is_relative(&self) -> bool {
        !self.idiom
            && matches!(
                self.kind,
                MentionKind::Weekday { .. }
                    | MentionKind::Word(_)
                    | MentionKind::Period(_)
                    | MentionKind::Ago { .. }
                    | MentionKind::Stretch { .. }
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

/// The anchor and mentions of `doc`; `fallback` is `--date` or the config's `date`, used when
/// the story gives none.
pub fn analyse(doc: &Document, fallback: Option<(Date, AnchorSource)>) -> DateAnalysis {
    let anchor = match anchor::anchor(doc) {
        // A dateline with no year ("RAMALLAH, Dec. 5 (AP) —") told with a date for the story
        // (`--date`, the config's): the dateline's day in the year that puts it nearest that
        // date. The dateline stays the anchor; the fallback only gives its year.
        Some(mut own) if own.date.is_none() => {
            if let Some((date, _)) = &fallback {
                own.date = (date.year() - 1..=date.year() + 1)
                    .filter_map(|y| Date::new(y, own.month, own.day).ok())
                    .min_by_key(|d| {
                        d.until(*date)
                            .map_or(i64::MAX, |s| i64::from(s.get_days()).abs())
                    });
            }
            Some(own)
        }
        Some(own) => Some(own),
        None => fallback.map(|(date, source)| Anchor {
            date: Some(date),
            month: date.month(),
            day: date.day(),
            source,
            span: None,
        }),
    };
    let mut mentions = Vec::new();
    let text = doc.source.text.as_str();
    if let Some(t) = doc.front_matter.as_ref().and_then(|fm| fm.title())
        && t.span.end <= text.len()
    {
        scan::scan(
            doc,
            &text[t.span.range()],
            t.span.start,
            true,
            &mut mentions,
        );
    }
    // Every block, tables included: `Document::dates` keeps the prose ones, `all_dates` all.
    for block in &doc.blocks {
        if block.kind == BlockKind::Byline {
            // "By Ana Ruiz, August 14, 2020 2:30 pm": the byline's date, written whole, is the
            // story's own; its other words are a name ("By April Lee", "By Jon Friday").
            let from = mentions.len();
            scan::scan(
                doc,
                doc.prose_of(block.span),
                block.span.start,
                false,
                &mut mentions,
            );
            let found = mentions.split_off(from);
            mentions.extend(found.into_iter().filter(|m| dated_whole(&m.kind)));
            continue;
        }
        scan::scan(
            doc,
            doc.prose_of(block.span),
            block.span.start,
            block.kind == BlockKind::Headline,
            &mut mentions,
        );
    }
    if let Some(span) = anchor
        .as_ref()
        .filter(|a| matches!(a.source, AnchorSource::Dateline | AnchorSource::Timestamp))
        .and_then(|a| a.span)
    {
        for m in &mut mentions {
            if let MentionKind::Calendar { dateline, .. } = &mut m.kind
                && span.contains(m.span)
            {
                *dateline = true;
            }
        }
    }
    scan::settle_numeric_order(doc.lexicon, text, &mut mentions);
    resolve::resolve_all(doc, anchor.as_ref(), &mut mentions);
    // Held as long as the document: without the room the pushes left.
    mentions.shrink_to_fit();
    let invalid = doc
        .front_matter
        .as_ref()
        .and_then(|fm| fm.date())
        .filter(|(_, f)| anchor::parse_front_matter_date(&f.value).is_none())
        .map(|(key, f)| (key, f.span));
    DateAnalysis {
        anchor,
        mentions,
        invalid,
    }
}

/// A day written with its year ("August 14, 2020", "8/14/2020", "2020-08-14"): what a byline
/// dates.
fn dated_whole(kind: &MentionKind) -> bool {
    match kind {
        MentionKind::Calendar { year, .. } => year.is_some(),
        MentionKind::Numeric { .. } => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::source::Source;

    /// `mentions`' pairs as `&str`s, to compare with literals.
    fn borrowed(got: &[(String, Option<String>)]) -> Vec<(&str, Option<&str>)> {
        got.iter()
            .map(|(t, r)| (t.as_str(), r.as_deref()))
            .collect()
    }

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
            ("earlier this month", Some("2025-06-01 to 2025-06-04")),
            ("on Tuesday, June 3", Some("2025-06-03")),
            ("Jun. 10, 2025", Some("2025-06-10")),
            ("yesterday", Some("2025-06-03")),
            ("03/04/2024", Some("2024-03-04")),
        ];
        let got = borrowed(&got);
        assert_eq!(got, want);
    }

    #[test]
    fn anaphoric_dates_count_from_the_event_told() {
        let got = mentions(
            "---\ndate: 2025-06-04\n---\n\nThe council met on Saturday. The mayor resigned that \
             night, and the vote came the following week.\n\nIn 1998 she won a seat. A decade \
             later, she ran for mayor.\n\nOn Monday the board approved the rules. They will take \
             effect on July 10. The rules were published later the same day.\n\nThe move came a week after the \
             board met, on Tuesday. The strike began two days after the June 1 walkout.\n\nTalks ran \
             on May 12 and 13, and again on May 20 and 27. Farms spread in the 1800s and the \
             1990s.\n",
        );
        let want: Vec<(&str, Option<&str>)> = vec![
            ("on Saturday", Some("2025-05-31")),
            ("that night", Some("2025-05-31")),
            ("the following week", Some("2025-06-02 to 2025-06-08")),
            ("1998", Some("1998-01-01 to 1998-12-31")),
            ("A decade later", Some("2008-01-01 to 2008-12-31")),
            ("On Monday", Some("2025-06-02")),
            ("July 10", Some("2025-07-10")),
            // Past tense: from Monday, not from the July 10 still to come.
            ("later the same day", Some("2025-06-02")),
            // An undated event: the phrase dates what its sentence tells, the move.
            ("a week after", Some("2025-06-03")),
            ("on Tuesday", Some("2025-06-03")),
            // The clause after it dates the event counted from.
            ("two days after", Some("2025-06-03")),
            ("June 1", Some("2025-06-01")),
            ("May 12 and 13", Some("2025-05-12 to 2025-05-13")),
            ("May 20", Some("2025-05-20")),
            ("the 1800s", Some("1800-01-01 to 1899-12-31")),
            ("the 1990s", Some("1990-01-01 to 1999-12-31")),
        ];
        let got = borrowed(&got);
        assert_eq!(got, want);
    }

    /// A month joined to a month mention is one too; a stretch counts from its sentence's past
    /// day; a quotation whose paragraph dates no speech is said at its speaker's last dated act;
    /// "would" after a past verb puts a weekday nearest the anchor; a date naming a thing in a
    /// clause is no event to count "the following day" from.
    #[test]
    fn reference_times_of_clauses_and_quotations() {
        let got = mentions(
            "---\ndate: 2024-03-06\n---\n\nThe strike ran through November and December. The \
             registry had no record in the last 30 days on Monday.\n\nOn Tuesday, Mayor Ana \
             Quiroga announced a plan.\n\n\"We start today,\" Quiroga said.\n\nOfficials \
             said on Monday the council would vote on Saturday. They found that the February 20 \
             audit was flawed. A reply came the following day.\n",
        );
        let want: Vec<(&str, Option<&str>)> = vec![
            ("through November", Some("2023-11-01 to 2023-11-30")),
            ("December", Some("2023-12-01 to 2023-12-31")),
            ("the last 30 days", Some("2024-02-03 to 2024-03-04")),
            ("on Monday", Some("2024-03-04")),
            ("On Tuesday", Some("2024-03-05")),
            ("today", Some("2024-03-05")),
            ("on Monday", Some("2024-03-04")),
            ("on Saturday", Some("2024-03-09")),
            ("February 20", Some("2024-02-20")),
            ("the following day", Some("2024-03-05")),
        ];
        let got = borrowed(&got);
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
        let b = b.anchor.unwrap();
        assert_eq!(b.source, AnchorSource::Dateline);
        // It gives the dateline its year: the one that puts June 3 nearest June 4, 2025.
        assert_eq!(b.date, Some(jiff::civil::date(2025, 6, 3)));
        let src = Source::new(
            "t.md",
            "RAMALLAH, Dec. 5 (AP) - Abbas will meet donors on Friday.\n".to_string(),
        );
        let doc = Document::parse(&src, Format::Markdown);
        let c = analyse(
            &doc,
            Some((jiff::civil::date(2008, 1, 2), AnchorSource::CommandLine)),
        );
        assert_eq!(c.anchor.unwrap().date, Some(jiff::civil::date(2007, 12, 5)));
        let friday = c.mentions.iter().find(|m| m.is_relative()).unwrap();
        assert_eq!(
            friday.resolved,
            Some(Resolved::Day(jiff::civil::date(2007, 12, 7)))
        );
    }

    /// "since <a date without its year>" is the past one, however near the coming one is, and
    /// whatever tense its clause is told in.
    #[test]
    fn since_a_date_is_in_the_past() {
        let got = mentions(
            "---\ndate: 2007-12-05\n---\n\nSince January, militants have fired 2,000 rockets. \
             The guild has been poised to enter talks since November.\n",
        );
        let got = borrowed(&got);
        assert_eq!(
            got,
            [
                ("Since January", Some("2007-01-01 to 2007-01-31")),
                ("since November", Some("2007-11-01 to 2007-11-30")),
            ]
        );
    }

    /// "earlier in the week" is of the week the story is told in, as "earlier this week".
    #[test]
    fn earlier_in_the_week_runs_from_monday_to_the_anchor() {
        let got = mentions(
            "---\ndate: 2007-12-29\n---\n\nThe coach said earlier in the week that Batch \
             would start, and earlier in the month that he would not.\n",
        );
        let got = borrowed(&got);
        assert_eq!(
            got,
            [
                ("earlier in the week", Some("2007-12-24 to 2007-12-29")),
                ("earlier in the month", Some("2007-12-01 to 2007-12-29")),
            ]
        );
    }

    /// An all-figure date the story leaves unsettled is read day first when written with dots
    /// or on a line timed in a zone of day-first countries, else month first.
    #[test]
    fn unsettled_figure_dates_read_by_their_writing() {
        let got = mentions(
            "Last updated at 11:25am on 07.01.08\n\nLast Updated: 11:11am GMT 10/01/2008\n\n\
             The filing of 04/03/2009 was late.\n",
        );
        let got = borrowed(&got);
        assert_eq!(
            got,
            [
                ("07.01.08", Some("2008-01-07")),
                ("10/01/2008", Some("2008-01-10")),
                ("04/03/2009", Some("2009-04-03")),
            ]
        );
    }

    /// "Should" tells a date ahead as "would" and "could" do; "should have" tells a past one.
    #[test]
    fn should_puts_a_date_ahead() {
        let got = mentions(
            "---\ndate: 2008-01-10\n---\n\nThe appeal should be heard by late June, before \
             the November vote. The striker should return on Saturday. The keeper should have \
             played on Saturday.\n",
        );
        let got = borrowed(&got);
        assert_eq!(
            got,
            [
                ("late June", Some("2008-06-01 to 2008-06-30")),
                ("the November", Some("2008-11-01 to 2008-11-30")),
                ("on Saturday", Some("2008-01-12")),
                ("on Saturday", Some("2008-01-05")),
            ]
        );
    }

    /// A day written as an ordinal with a comma before its month ("9th, Jan 2008") is one
    /// date, as on a page's time line.
    #[test]
    fn an_ordinal_day_with_a_comma_before_its_month_is_a_date() {
        let got = mentions("---\ndate: 2008-01-10\n---\n\nFiled 17:59 - 9th, Jan 2008.\n");
        assert_eq!(borrowed(&got), [("9th, Jan 2008", Some("2008-01-09"))]);
    }

    /// A span of years written with a hyphen or a shortened last year is one mention of all
    /// its years.
    #[test]
    fn spans_of_years_are_one_mention() {
        let got = mentions(
            "---\ndate: 2008-01-07\n---\n\nThe award began in 1983-84 and he studied there \
             from 1981-85. Rates over 2005–2015 and 2021-2027 fell; in 1999-00 they rose.\n",
        );
        let got = borrowed(&got);
        assert_eq!(
            got,
            [
                ("1983-84", Some("1983-01-01 to 1984-12-31")),
                ("1981-85", Some("1981-01-01 to 1985-12-31")),
                // Two full years joined by a dash stay two.
                ("2005", Some("2005-01-01 to 2005-12-31")),
                ("2015", Some("2015-01-01 to 2015-12-31")),
                ("2021-2027", Some("2021-01-01 to 2027-12-31")),
                ("1999-00", Some("1999-01-01 to 2000-12-31")),
            ]
        );
    }

    /// The anchor of a page as an extractor gives it, by what each line near the top is.
    fn page_anchor(text: &str) -> Option<(jiff::civil::Date, String)> {
        let src = Source::new("t.txt", text.to_string());
        let doc = Document::parse(&src, Format::Plain);
        let anchor = analyse(&doc, None).anchor?;
        Some((anchor.date?, src.text[anchor.span?.range()].to_string()))
    }

    /// A bare date at the top of a page, above a timed date line a few days earlier, is the
    /// site's clock (the day it served the page); the timed line is the story's. Lines of empty
    /// table cells do not count towards the lines read.
    #[test]
    fn a_menu_clock_gives_way_to_the_storys_timed_line() {
        let filler = "| | | |\n\n".repeat(8);
        let page = format!(
            "{filler}| Thursday, 12 March 2009 | |\n\n| WORLD > Weather |\n\n\
             | 6 March 2009 - 3:52PM | View all \\| Print |\n\n\
             Storms hit the coast on Thursday, officials said.\n"
        );
        assert_eq!(
            page_anchor(&page),
            Some((
                jiff::civil::date(2009, 3, 6),
                "6 March 2009 - 3:52PM".into()
            ))
        );
        // Look-alikes: a timed line later than the clock (a reader's comment), or with no
        // clock time, leaves the bare date the anchor.
        for below in ["| 14 March 2009 - 3:52PM |", "| 6 March 2009 |"] {
            let page =
                format!("| Thursday, 12 March 2009 | |\n\n{below}\n\nStorms hit the coast.\n");
            assert_eq!(
                page_anchor(&page).map(|(d, _)| d),
                Some(jiff::civil::date(2009, 3, 12)),
                "{below}"
            );
        }
    }

    /// A dateline on a line of its own above the first paragraph anchors the story; with no
    /// year it gives the day only (a copyright footer's year is no anchor: the labelled sets
    /// disagree on it). A place and date in a title with no dash after them is no dateline.
    #[test]
    fn a_dateline_on_a_line_of_its_own_anchors_the_story() {
        let src = Source::new(
            "t.txt",
            "OSLO, March 6 (Wire) --\n\nThe council met on Friday.\n\n\
             © 2009 Wire Service International. All Rights Reserved.\n"
                .to_string(),
        );
        let doc = Document::parse(&src, Format::Plain);
        let anchor = analyse(&doc, None).anchor.unwrap();
        assert_eq!(anchor.source, AnchorSource::Dateline);
        assert_eq!((anchor.date, anchor.month, anchor.day), (None, 3, 6));
        let src = Source::new(
            "t.txt",
            "OSLO, March 6 in pictures\n\nThe council met on Friday.\n".to_string(),
        );
        let doc = Document::parse(&src, Format::Plain);
        assert!(analyse(&doc, None).anchor.is_none());
    }

    /// A capitalised lead closing a headline's cell opens the story's timestamp ("... Last
    /// Updated: 2:55am GMT 29/12/2007"); a lowercase one in prose does not.
    #[test]
    fn a_lead_after_a_headline_opens_a_timestamp() {
        assert_eq!(
            page_anchor(
                "| | Storm floods the valley Last Updated: 2:55am GMT 06/03/2009 | | |\n\n\
                 Rain fell all week.\n"
            ),
            Some((
                jiff::civil::date(2009, 3, 6),
                "Last Updated: 2:55am GMT 06/03/2009".into()
            ))
        );
        assert_eq!(
            page_anchor("The report was published on March 6, 2009.\n\nRain fell all week.\n"),
            None
        );
    }

    /// A timestamp in a cell of a table row an extractor wrote, after a byline, anchors the
    /// story.
    #[test]
    fn timestamp_in_a_table_cell_anchors_the_story() {
        let src = Source::new(
            "t.txt",
            "Toyota to show hybrid pickup\n\n| By Ana Ruiz 22:17, January 11th 2008 | 4 votes \
             Recommend |\n\nThe carmaker said on Monday it would show the truck.\n"
                .to_string(),
        );
        let doc = Document::parse(&src, Format::Plain);
        let a = analyse(&doc, None);
        let anchor = a.anchor.unwrap();
        assert_eq!(anchor.source, AnchorSource::Timestamp);
        assert_eq!(anchor.date, Some(jiff::civil::date(2008, 1, 11)));
        assert_eq!(
            &src.text[anchor.span.unwrap().range()],
            "By Ana Ruiz 22:17, January 11th 2008"
        );
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

    /// A byline's date written whole is a mention of the story's own day; the name before it is
    /// not read ("By April Lee").
    #[test]
    fn a_bylines_whole_date_is_read_and_its_name_is_not() {
        let src = Source::new(
            "t.txt",
            "Harbour ferry fares to rise\n\nBy April Lee, March 9, 2011 4:05 pm\n\nThe port \
             authority said on Tuesday that fares would rise.\n"
                .to_string(),
        );
        let doc = Document::parse(&src, Format::Plain);
        let a = analyse(&doc, None);
        let got: Vec<(&str, Option<String>)> = a
            .mentions
            .iter()
            .map(|m| (&src.text[m.span.range()], m.resolved.map(|r| r.to_string())))
            .collect();
        assert_eq!(
            got,
            [
                ("March 9, 2011", Some("2011-03-09".to_string())),
                ("on Tuesday", Some("2011-03-08".to_string())),
            ]
        );
    }

    /// A year joined by "of" to a month, or by "in" to a holiday, belongs to it.
    #[test]
    fn a_year_after_of_or_in_dates_the_month_or_holiday() {
        let got = mentions(
            "---\ndate: 2024-03-06\n---\n\nThe mill shut in April of 2019, and the last \
             shift had worked on Christmas Day in 2016. Its owners sold it in June of that \
             year.\n",
        );
        let got = borrowed(&got);
        assert_eq!(
            &got[..2],
            [
                ("in April of 2019", Some("2019-04-01 to 2019-04-30")),
                ("Christmas Day in 2016", Some("2016-12-25")),
            ]
        );
    }

    /// A plan told in the past perfect ("had been expected to") was overtaken by the story: its
    /// day is past, not the next one.
    #[test]
    fn a_plan_in_the_past_perfect_is_a_past_day() {
        let got = mentions(
            "---\ndate: 2024-03-09\n---\n\nThe ruling had been expected to come Thursday \
             afternoon, but the judge delayed it. The hearing had been scheduled for Friday.\n",
        );
        let got = borrowed(&got);
        assert_eq!(
            got,
            [
                ("Thursday afternoon", Some("2024-03-07")),
                ("Friday", Some("2024-03-08")),
            ]
        );
    }

    /// Words quoted in a story were said on or before its day, and not years before it: a
    /// paragraph's dated sentence that falls outside that is no time of the speech, and a
    /// relative day in the quotation is then unresolvable.
    #[test]
    fn a_speech_time_is_near_the_story_and_not_after_it() {
        let got = mentions(
            "---\ndate: 2024-03-06\n---\n\n\"We will answer by Friday,\" the adviser's office \
             said in a statement. Aides said the deal dated to March 2, 1998.\n\n\"We played \
             well tonight,\" the coach said, before the team flies out on March 9, 2024.\n",
        );
        let got = borrowed(&got);
        let day = |t: &str| got.iter().find(|(w, _)| w.contains(t)).map(|(_, r)| *r);
        assert_eq!(day("Friday"), Some(None), "{got:?}");
        assert_eq!(day("tonight"), Some(None), "{got:?}");
    }

    /// A line that is only a date in figures anchors the story when the order of its fields is
    /// settled (a field over 12, or dots); "05/04/2011" could be either and is left alone.
    #[test]
    fn an_all_figure_date_line_anchors_only_when_its_order_is_settled() {
        for (top, want) in [
            ("27/04/2011", Some((2011, 4, 27))),
            ("4/27/2011, 5:10 p.m. EDT", Some((2011, 4, 27))),
            ("27.04.2011", Some((2011, 4, 27))),
            ("05/04/2011", None),
            // The zone settles the order: month first in "EST", day first in "GMT".
            (
                "1/10/2011, 3:50 a.m. EST By Ana Ruiz The Associated Press",
                Some((2011, 1, 10)),
            ),
            ("05/04/2011 11:11am GMT", Some((2011, 4, 5))),
            ("Last Modified: 5 Apr 2011", Some((2011, 4, 5))),
            ("Tuesday, April 5, 2011; Page C03", Some((2011, 4, 5))),
            (
                "Tuesday, April 5, 2011 - Page updated at 06:00 AM",
                Some((2011, 4, 5)),
            ),
            ("Tuesday, April 5, 2011 : 1745 Hrs", Some((2011, 4, 5))),
        ] {
            let src = Source::new(
                "t.txt",
                format!(
                    "Ferry fares to rise\n\n{top}\n\nThe port said on Monday fares would rise.\n"
                ),
            );
            let doc = Document::parse(&src, Format::Plain);
            let got = analyse(&doc, None).anchor.and_then(|a| a.date);
            let want = want.map(|(y, m, d)| jiff::civil::date(y, m, d));
            assert_eq!(got, want, "{top}");
        }
    }

    /// "This" names the season, month or holiday of the story's own year, whether it is ahead
    /// of the story or behind it.
    #[test]
    fn this_season_is_the_one_of_the_anchors_year() {
        let got = mentions(
            "---\ndate: 2024-01-15\n---\n\nThe artist was hired to build the fountain this \
             summer.\n",
        );
        assert_eq!(
            borrowed(&got),
            [("this summer", Some("2024-06-01 to 2024-08-31"))]
        );
        let got = mentions(
            "---\ndate: 2024-12-10\n---\n\nSales rose this Thanksgiving, the stores said.\n",
        );
        assert_eq!(borrowed(&got), [("this Thanksgiving", Some("2024-11-28"))]);
    }
}
