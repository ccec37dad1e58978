//! The story's own anchor: front matter, a dateline, or a date or timestamp line at the top.

use super::{Anchor, AnchorSource};
use crate::document::{BlockKind, Document};
use crate::lexicon::ListId;
use crate::span::Span;
use jiff::civil::Date;

/// A line that is only a date, maybe with a time, a zone, a weekday and a word such as
/// "Published": "Updated 6:15 PM EDT, Mon March 25, 2024", "-- Fri Oct 20, 2006 6:15pm EDT",
/// "26-FEB-1987 15:01:01.79", "March 25, 2024 at 10:30 a.m.". `months` and `weekdays` are the
/// lexicon's groups (a weekday is also read by its first three letters: "Fri"); `leads` are
/// regex alternatives; `zones` are written in capitals.
///
/// Two patterns: the line's, whose one group `date` is the date in it, and the date's own,
/// whose named groups give its year, month and day. The line's pattern is large (its names and
/// bylines repeat Unicode word classes: some 19,000 states), and the engine that reports groups
/// keeps a slot a group for every state; with the date's 16 groups in it, that table alone took
/// some 10 MB a thread on a long line. The date's pattern is small, and read over the date only:
/// anchored at both ends, it takes the alternative the line's pattern took.
pub(super) fn timestamp_patterns(
    months: &[Vec<String>],
    weekdays: &[Vec<String>],
    leads: &[String],
    zones: &[String],
) -> (String, String) {
    let escape = |w: &str| regex::escape(w).replace(' ', r"\s+");
    let mon: Vec<String> = months
        .iter()
        .flat_map(|g| {
            let mut spellings: Vec<String> = g.iter().map(|w| escape(w)).collect();
            if let Some(name) = g.first() {
                spellings.push(escape(&name[..name.len().min(3)]));
            }
            spellings
        })
        .collect();
    let mon = format!("(?i:{})", mon.join("|"));
    let wd: Vec<String> = weekdays
        .iter()
        .flat_map(|g| {
            let mut spellings: Vec<String> = g.iter().map(|w| escape(w)).collect();
            if let Some(name) = g.first() {
                spellings.push(escape(&name[..name.len().min(3)]));
                spellings.push(escape(&name[..name.len().min(4)]));
                spellings.push(escape(&name[..name.len().min(5)]));
            }
            spellings
        })
        .collect();
    let wd = format!("(?i:{})", wd.join("|"));
    let leads = if leads.is_empty() {
        crate::lexicon::NEVER.to_string()
    } else {
        leads.join("|")
    };
    let zones: Vec<String> = zones.iter().map(|z| escape(z)).collect();
    // "EDT", "GMT+1", "(EST)", or a zone database name ("US/Eastern", "Europe/London").
    let zone = format!(
        r"(?:(?:{})(?:[+-]\d{{1,2}}(?::?\d\d)?)?|\([A-Z]{{2,5}}\)|[A-Z][A-Za-z]+/[A-Z][A-Za-z_]+)",
        zones.join("|")
    );
    // "6:15 PM", "14:21h", "6pm", or a four-figure clock time in hours ("1530 Hrs").
    let time = r"(?i:\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?:\s*[ap]\.?m\.?|h\b)?|\d{1,2}\s*[ap]\.?m\.?|[0-2]\d[0-5]\d\s*(?:hrs|hours)\.?)";
    // A byline before the date: "by Ana Ruiz, Friday, Dec 28, 2007", "By Ana Ruiz 22:17, …".
    let byline = r"(?i:by)\s+(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*\s*,?\s*";
    // A wire service or paper before a dash: "Associated Press - January 2, 2008 7:33 AM ET".
    let source = r"(?:[A-Z][\w'’.&]*\s+){0,3}[A-Z][\w'’.&]*\s*[-–—]\s+";
    // Capitalised names, and after a comma the paper: "Ana Ruiz, Valley Courier".
    let names = r"(?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’.-]*(?:,\s*(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)?";
    // The place the story was filed from, in capitals: "- SEATTLE".
    let place = r"[-–—]\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}";
    let date = format!(
        r"(?x)
            (?P<m1>{mon})\.?,?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>[12]\d{{3}})
          | (?P<d2>\d{{1,2}})(?:(?:st|nd|rd|th),?|\.)?\s+(?P<m2>{mon})\.?,?\s+(?P<y2>[12]\d{{3}})
          | (?P<d3>\d{{1,2}})-(?P<m3>{mon})-(?P<y3>[12]\d{{3}})
          | (?P<y4>[12]\d{{3}})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}})(?:[T\s][\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
          | (?P<na>\d{{1,2}})(?P<ns>[/.])(?P<nb>\d{{1,2}})[/.](?P<y5>[12]\d{{3}})"
    );
    // The same alternatives without their names, inside the line's one group.
    let unnamed = regex::Regex::new(r"\(\?P<\w+>")
        .expect("a valid pattern")
        .replace_all(&date, "(?:");
    // "Â" before a space: a no-break space whose UTF-8 was read as Latin-1 ("Published:Â Monday").
    let line = format!(
        r"(?x)^[\s\-—–*_|]*
        (?:{source})?
        (?:{byline})?
        (?:(?i:{leads})\s*:?\s*Â?\s*(?:(?i:at)\s+{time}\s*(?:{zone}\s*)?)?(?:(?i:on)\s+)?)?
        # A clock time before the day: 04:52 PM PST on Friday, January 18, 2008.
        (?:{time}\s*(?:{zone}\s*)?[,|·•\-–—]?\s*(?:(?i:on)\s+)?)?
        (?:{wd}\.?,?\s+)?
        (?P<date>{unnamed})
        (?:\s*(?:,|:|(?i:at)|-|–|—|·|\||/)?\s*{time}(?:\s*{zone})?)?
        (?:\s*{place})?
        # A wire byline after the time, capitalised words only: 1/10/2008, 3:50 a.m. EST By
        # Ana Ruiz The Associated Press; Jan 14 2008 by Ana Ruiz, Valley Courier.
        (?:\s+(?i:by)\s+{names})?
        # The page of the print edition, or the web page's own note: ; Page A04, - Page
        # updated at 12:00 AM.
        (?:\s*[;,\-–—]\s*(?i:page)\b[\w\s:.]{{0,30}})?
        [\s*_|.]*$"
    );
    (line, format!("^(?:{date})$"))
}

/// `2025-06-04`, or the date part of `2025-06-04T09:30:00Z`.
pub(super) fn parse_front_matter_date(value: &str) -> Option<Date> {
    let value = value.trim();
    value.get(..10).unwrap_or(value).parse::<Date>().ok()
}

/// The story's own anchor: front matter first, then a dateline with its year, then a date or
/// timestamp line near the top, then a dateline without a year.
pub(super) fn anchor(doc: &Document) -> Option<Anchor> {
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
    let dateline = dateline(doc);
    if dateline.as_ref().is_some_and(|a| a.date.is_some()) {
        return dateline;
    }
    timestamp(doc).or(dateline)
}

/// "LISBON, June 3 (Reuters) -" at the start of the first paragraph, or a line of its own
/// above it (which the parse may take for a title).
fn dateline(doc: &Document) -> Option<Anchor> {
    let paragraph = doc
        .blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Paragraph))?;
    let (first, c) = doc.blocks[..=paragraph]
        .iter()
        .rev()
        .take(2)
        .find_map(|b| {
            let c = doc
                .lexicon
                .dates()
                .dateline
                .captures(doc.prose_of(b.span))?;
            Some((b, c))
        })?;
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

/// How many lines from the top of the body a timestamp line is looked for (lines of a table's
/// empty cells, "| | |", not counted).
const TIMESTAMP_LINES: usize = 8;

/// How far before a bare date line a timed one below it may fall and still be the story's
/// own: a page's clock shows the day it was served, on or after the story's.
const CLOCK_DAYS: i32 = 31;

/// A date or timestamp found on a line near the top: its date, its span, and whether it gives a
/// clock time.
struct Stamp {
    date: Date,
    span: Span,
    timed: bool,
}

/// A line of its own near the top that is only a date or timestamp. A bare date above a timed
/// one a few days or weeks earlier is the page's clock (the day it was served, shown in its
/// menu), not the story's date: the timed line is the story's.
fn timestamp(doc: &Document) -> Option<Anchor> {
    let start = doc.blocks.first()?.span.start;
    let mut offset = start;
    let mut seen = 0;
    let mut clock: Option<Stamp> = None;
    for line in doc.prose[start..].split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        if !line.chars().any(char::is_alphanumeric) {
            continue;
        }
        seen += 1;
        if seen > TIMESTAMP_LINES {
            break;
        }
        let content = line.trim_end_matches(['\n', '\r']);
        let Some(stamp) = stamp_of_line(doc, content, at) else {
            continue;
        };
        match &clock {
            None if stamp.timed => return Some(anchor_of(stamp)),
            None => clock = Some(stamp),
            Some(bare) => {
                let before = stamp.date.until(bare.date).map_or(-1, |s| s.get_days());
                if stamp.timed && (1..=CLOCK_DAYS).contains(&before) {
                    return Some(anchor_of(stamp));
                }
            }
        }
    }
    clock.map(anchor_of)
}

fn anchor_of(stamp: Stamp) -> Anchor {
    Anchor {
        date: Some(stamp.date),
        month: stamp.date.month(),
        day: stamp.date.day(),
        source: AnchorSource::Timestamp,
        span: Some(stamp.span),
    }
}

/// The date of a line that is only a date or timestamp, else of a cell of it when an extractor
/// wrote a table row ("| Tuesday 8 January 2008 | |", "| By Ana Ruiz 22:17, January 11th 2008 |
/// 4 votes |"), else of a cell's end that a capitalised lead opens after a headline ("Killer
/// storm hits coast Last Updated: 2:55am GMT 29/12/2007").
fn stamp_of_line(doc: &Document, content: &str, at: usize) -> Option<Stamp> {
    let cells = std::iter::once((0, content)).chain(
        content
            .contains('|')
            .then(|| {
                content
                    .split('|')
                    .scan(0, |pos, cell| {
                        let at = *pos;
                        *pos += cell.len() + 1;
                        Some((at, cell))
                    })
                    .filter(|(_, cell)| !cell.trim().is_empty())
            })
            .into_iter()
            .flatten(),
    );
    let cells: Vec<(usize, &str)> = cells.collect();
    cells
        .iter()
        .filter(|(_, cell)| cell.len() <= 120)
        .find_map(|&(cell_at, cell)| stamp_of_cell(doc, cell, at + cell_at))
        .or_else(|| {
            // A row's cells, not the whole row: the stamp ends its cell.
            cells
                .iter()
                .skip(usize::from(cells.len() > 1))
                .filter(|(_, cell)| cell.len() <= 240)
                .find_map(|&(cell_at, cell)| {
                    lead_tails(doc, cell)
                        .find_map(|i| stamp_of_cell(doc, &cell[i..], at + cell_at + i))
                })
        })
}

/// Where a capitalised timestamp lead starts after a space in `cell` ("... sale Last Updated:").
fn lead_tails<'c>(doc: &'c Document, cell: &'c str) -> impl Iterator<Item = usize> + 'c {
    let leads = &doc.lexicon[ListId::TimestampLeads];
    cell.char_indices()
        .filter(move |&(i, c)| {
            i > 0 && c.is_uppercase() && cell[..i].ends_with(char::is_whitespace)
        })
        .map(|(i, _)| i)
        .filter(move |&i| {
            // The lead is the first words up to a colon or a figure: "Last Updated", "Posted".
            let words: Vec<&str> = cell[i..]
                .split_whitespace()
                .take(3)
                .map(|w| w.trim_end_matches(':'))
                .collect();
            (1..=words.len()).any(|n| leads.contains_ci(&words[..n].join(" ")))
        })
}

/// The date of a cell that is only a date or timestamp; `at` is where it starts.
fn stamp_of_cell(doc: &Document, cell: &str, at: usize) -> Option<Stamp> {
    let dates = doc.lexicon.dates();
    let date = dates.timestamp.captures(cell)?.name("date")?;
    let c = dates.timestamp_date.captures(date.as_str())?;
    let field = |names: &[&str]| names.iter().find_map(|n| c.name(n));
    let year = field(&["y1", "y2", "y3", "y4", "y5"])?
        .as_str()
        .parse::<i16>()
        .ok()?;
    let (month, day) = if let (Some(a), Some(b)) = (c.name("na"), c.name("nb")) {
        // All figures: read only when the order is settled, by a field over 12 or by dots
        // ("29/12/2007", "1/21/2008", "07.01.2008" day first), or by the time's zone: one
        // of the countries that write dates day first ("GMT"), or another ("EST") month
        // first. "08/01/2008" with no zone is left alone.
        let (a, b) = (
            a.as_str().parse::<i8>().ok()?,
            b.as_str().parse::<i8>().ok()?,
        );
        let dots = c.name("ns").is_some_and(|s| s.as_str() == ".");
        match (a > 12, b > 12) {
            (true, false) => (b, a),
            (false, true) => (a, b),
            (false, false) if dots => (b, a),
            (false, false) => match zone_order(doc, cell)? {
                true => (b, a),
                false => (a, b),
            },
            _ => return None,
        }
    } else {
        let (m, d) = (
            field(&["m1", "m2", "m3", "m4"])?,
            field(&["d1", "d2", "d3", "d4"])?,
        );
        let month = doc
            .lexicon
            .month_number(m.as_str())
            .or_else(|| m.as_str().parse().ok())?;
        (month, d.as_str().parse::<i8>().ok()?)
    };
    let date = Date::new(year, month, day).ok()?;
    let lead = cell.len() - cell.trim_start().len();
    Some(Stamp {
        date,
        span: Span::new(at + lead, at + cell.trim_end().len()),
        timed: has_clock_time(cell),
    })
}

/// Whether a date line gives a clock time: "3:52PM", "6 p.m.", "1530 Hrs".
fn has_clock_time(cell: &str) -> bool {
    let b = cell.as_bytes();
    (1..b.len().saturating_sub(1))
        .any(|i| b[i] == b':' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit())
        || cell
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
            .any(|w| {
                let w = w.to_ascii_lowercase();
                matches!(w.as_str(), "am" | "pm" | "a.m." | "p.m." | "hrs" | "hours")
                    || (w.len() > 2
                        && (w.ends_with("am") || w.ends_with("pm"))
                        && w[..w.len() - 2].bytes().all(|b| b.is_ascii_digit()))
            })
}

/// The order of an all-figure date told by the time zone on its line: day first (`true`) for
/// a zone of the lexicon's `day_first_zones`, month first for another of its `time_zones`.
/// Zones are read in capitals ("west" is a word).
fn zone_order(doc: &Document, cell: &str) -> Option<bool> {
    let lex = &doc.lexicon;
    let mut order = None;
    for w in cell.split(|c: char| !c.is_ascii_alphabetic()) {
        if w.len() < 2 || !w.bytes().all(|b| b.is_ascii_uppercase()) {
            continue;
        }
        let lower = w.to_ascii_lowercase();
        if lex[ListId::DayFirstZones].contains(&lower) {
            return Some(true);
        }
        if lex[ListId::TimeZones].contains(&lower) {
            order = Some(false);
        }
    }
    order
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamp_lines_of_real_feeds() {
        let dates = crate::lexicon::Lexicon::builtin().dates();
        let timestamp = &dates.timestamp;
        for (line, want) in [
            ("Published March 25, 2024", "2024-03-25"),
            ("Updated 6:15 PM EDT, Mon March 25, 2024", "2024-03-25"),
            ("-- Fri Oct 20, 2006 6:15pm EDT", "2006-10-20"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26"),
            ("March 25, 2024 at 10:30 a.m.", "2024-03-25"),
            ("Last updated: 25 March 2024", "2024-03-25"),
            ("2024-03-25T10:30:00Z", "2024-03-25"),
            ("*Posted on Jan. 3, 2025*", "2025-01-03"),
            ("Posted at 6:47am on 14 Jan 2008", "2008-01-14"),
            ("Jan 15, 2008 7:00 pm US/Eastern", "2008-01-15"),
            (
                " Created: Wednesday, 09 Jan 2008, 7:51 PM CST ",
                "2008-01-09",
            ),
            ("Published:Â\u{a0}Monday, January 14, 2008", "2008-01-14"),
            (
                " by Ana Ruiz, Friday, Dec 28, 2007 9:00 AM ET ",
                "2007-12-28",
            ),
            (" By Ana Ruiz 22:17, January 11th 2008 ", "2008-01-11"),
            ("04:52 PM PST on Friday, January 18, 2008", "2008-01-18"),
            ("12:48 PM ON WED JAN 9 2008", "2008-01-09"),
            (" 17:59 - 9th, Jan 2008 ", "2008-01-09"),
            ("12. November 2015 / 13:48", "2015-11-12"),
            (
                " 1/10/2008, 3:50 a.m. EST By Ana Ruiz The Associated Press ",
                "2008-01-10",
            ),
            // A wire service before a dash, a clock in hours with "h", a capitalised place
            // after a dash, a byline naming its paper after a comma, a comma after the month.
            ("Wire Service - March 3, 2009 7:33 AM ET", "2009-03-03"),
            ("Published: March 09, 2009 14:21h", "2009-03-09"),
            (
                "posted 8:58 am Tue March 3, 2009 - SPRINGFIELD",
                "2009-03-03",
            ),
            ("Mar 4 2009 by Ana Ruiz, Valley Courier", "2009-03-04"),
            ("Mar, 4, 2009", "2009-03-04"),
        ] {
            let date = timestamp
                .captures(line)
                .and_then(|c| c.name("date"))
                .unwrap_or_else(|| panic!("{line}"));
            // The date's own pattern reads the group the line's gave.
            let c = dates
                .timestamp_date
                .captures(date.as_str())
                .unwrap_or_else(|| panic!("{line}: {}", date.as_str()));
            let y = ["y1", "y2", "y3", "y4", "y5"]
                .iter()
                .find_map(|n| c.name(n))
                .unwrap();
            assert!(want.starts_with(y.as_str()), "{line}");
        }
        for line in [
            "The council met on March 25, 2024 to vote.",
            "March 25, 2024 was a Monday",
            "By Ana Ruiz, March 25, 2024, and others who",
            "March 25, 2024 by the river the council met",
            // Look-alikes of the new shapes: prose after the place, a lowercase source, hours
            // that are a duration.
            "March 3, 2009 - SPRINGFIELD police said on Monday",
            "officials said - March 3, 2009",
            "March 09, 2009 14:21 hours later",
            "Mar 4 2009 by Ana Ruiz, who said",
        ] {
            assert!(timestamp.captures(line).is_none(), "{line}");
        }
    }
}
