//! `dates` rules: a story anchored in time, relative dates that resolve, and dates that exist.
//! All seven read the anchor and mentions the document finds once.

use super::compile::{Built, Compiled, Table};
use super::{Rule, RuleMeta};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::dates::{
    Basis, DateMention, MentionKind, RelativeWord, Resolved, weekday_name,
};
use crate::fix::{Applicability, Fix};
use jiff::civil::Date;
use serde::Deserialize;

/// The checks of kind `dates`.
const CHECKS: &[&str] = &[
    "missing-anchor",
    "weekday-mismatch",
    "impossible",
    "relative-word",
    "weekday-out-of-range",
    "ambiguous-numeric",
    "year-missing",
];

/// The options of the checks that count days (`weekday-out-of-range`, `year-missing`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DaysOptions {
    /// A number of days (weekday-out-of-range: 7; year-missing: 183).
    days: Option<i64>,
}

/// The options of the checks that take none.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoOptions {}

/// Compiles a `dates` rule.
pub(super) fn build(table: Table<'_>) -> Compiled {
    let check = table.check(CHECKS)?;
    let days = |default: i64| -> Result<i64, Vec<ConfigError>> {
        let o: DaysOptions = table.options(&["check"])?;
        match o.days {
            Some(d) if d < 0 => Err(vec![
                table.error(format!("`days` must be 0 or more, not {d}")),
            ]),
            d => Ok(d.unwrap_or(default)),
        }
    };
    let check = match check.as_str() {
        "weekday-out-of-range" => Check::WeekdayOutOfRange { days: days(7)? },
        "year-missing" => Check::YearMissing { days: days(183)? },
        other => {
            let _: NoOptions = table.options(&["check"])?;
            match other {
                "missing-anchor" => Check::MissingAnchor,
                "weekday-mismatch" => Check::WeekdayMismatch,
                "impossible" => Check::Impossible,
                "relative-word" => Check::RelativeWord,
                _ => Check::AmbiguousNumeric,
            }
        }
    };
    Ok(Built::Other(Box::new(DatesRule::new(table.meta, check))))
}

/// What a dates rule checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Relative dates in a story with no anchor.
    MissingAnchor,
    /// A weekday written with a date it does not fall on.
    WeekdayMismatch,
    /// February 30, April 31, a 13th month.
    Impossible,
    /// yesterday, today, tonight, tomorrow in body copy.
    RelativeWord,
    /// A weekday used for a date more than `days` from the anchor, or contradicting the
    /// relative word it explains ("yesterday, Friday").
    WeekdayOutOfRange {
        /// AP: a weekday only within a week of the anchor.
        days: i64,
    },
    /// 03/04/2024: month first or day first?
    AmbiguousNumeric,
    /// A month-day without a year more than `days` from the anchor.
    YearMissing {
        /// Six months by default.
        days: i64,
    },
}

/// One dates rule.
#[derive(Debug)]
pub struct DatesRule {
    meta: RuleMeta,
    check: Check,
}

impl DatesRule {
    /// A rule from its metadata and check.
    pub fn new(meta: RuleMeta, check: Check) -> Self {
        DatesRule { meta, check }
    }
}

fn days_between(a: Date, b: Date) -> Option<i64> {
    a.until(b).ok().map(|s| i64::from(s.get_days()))
}

/// "'on Monday' is 2025-06-02 (Monday)".
fn resolved_note(doc: &Document, m: &DateMention) -> Option<String> {
    let text = doc.text_of(m.span);
    Some(match m.resolved? {
        Resolved::Day(d) => format!("'{text}' is {d} ({})", weekday_name(d.weekday())),
        r @ Resolved::Range(..) => format!("'{text}' is {r}"),
    })
}

impl Rule for DatesRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let analysis = doc.dates();
        let anchor = analysis.anchor.as_ref();
        let anchor_date = anchor.and_then(|a| a.date);
        let with_anchor = |d: Diagnostic| match anchor {
            Some(a) => d.with_note(a.note()),
            None => d,
        };
        let mentions = &analysis.mentions;
        match self.check {
            Check::MissingAnchor => {
                if anchor.is_some() {
                    return;
                }
                if let Some(m) = mentions
                    .iter()
                    .find(|m| m.is_relative() && !m.quoted && !m.headline)
                {
                    let text = doc.text_of(m.span);
                    let mut d = self.meta.diagnostic(
                        super::interpolate(&self.meta.message, &[("match", text)]),
                        m.span,
                    );
                    if let Some((key, span)) = analysis.invalid {
                        d = d.with_secondary(
                            span,
                            format!("front matter `{key}` is not a date (YYYY-MM-DD)"),
                        );
                    }
                    out.push(d.with_label("relative to what?").with_note(
                        "add a publication date (front matter `date: YYYY-MM-DD`), a \
                                 dateline (\"LISBON, June 3 (Reuters) -\"), or check with \
                                 `--date YYYY-MM-DD` (or `date` in copydesk.toml)",
                    ));
                }
            }
            Check::WeekdayMismatch => {
                for m in mentions {
                    let MentionKind::Calendar {
                        year,
                        month,
                        day,
                        weekday: Some((written, wspan)),
                        ..
                    } = m.kind
                    else {
                        continue;
                    };
                    let Some(y) = year.or(anchor_date.map(|a| a.year())) else {
                        continue;
                    };
                    let Ok(date) = Date::new(y, month, day) else {
                        continue; // impossible, reported by its own rule
                    };
                    let actual = date.weekday();
                    if actual == written {
                        continue;
                    }
                    let right = weekday_name(actual);
                    let mut d = self
                        .meta
                        .finding(
                            doc,
                            format!(
                                "{} was a {right}, not a {}",
                                date.strftime("%B %-d, %Y"),
                                weekday_name(written)
                            ),
                            m.span,
                        )
                        .with_label(format!("{date} is a {right}"))
                        .with_secondary(wspan, "this weekday")
                        .with_fix(Fix::replace(
                            format!("write `{right}`"),
                            // The date may be the wrong half: a person must choose.
                            self.meta.fix_or(Applicability::Unsafe),
                            wspan,
                            right,
                        ));
                    if year.is_none() {
                        d = with_anchor(d.with_note(format!(
                            "no year is written: read in the anchor's year, {y}"
                        )));
                    }
                    out.push(d);
                }
            }
            Check::Impossible => {
                for m in mentions {
                    let problem = match m.kind {
                        MentionKind::Calendar {
                            year, month, day, ..
                        } => impossible(year.or(anchor_date.map(|a| a.year())), month, day),
                        MentionKind::Numeric {
                            first,
                            second,
                            year,
                            day_first,
                            ..
                        } => {
                            if day_first == Some(true) {
                                impossible(Some(year), second as i8, first as i8)
                                    .map(|p| format!("{p} (read day first)"))
                            } else {
                                impossible(Some(year), first as i8, second as i8)
                                    .map(|p| format!("{p} (read month first)"))
                            }
                        }
                        _ => None,
                    };
                    if let Some(problem) = problem {
                        out.push(
                            self.meta
                                .finding(
                                    doc,
                                    format!("'{}' is not a date: {problem}", doc.text_of(m.span)),
                                    m.span,
                                )
                                .with_label(problem),
                        );
                    }
                }
            }
            Check::RelativeWord => {
                for m in mentions {
                    let MentionKind::Word(word) = m.kind else {
                        continue;
                    };
                    if m.quoted || m.headline || m.idiom {
                        continue;
                    }
                    let text = doc.text_of(m.span);
                    let mut d = self
                        .meta
                        .diagnostic(
                            super::interpolate(&self.meta.message, &[("match", text)]),
                            m.span,
                        )
                        .with_label("goes stale when the story is read tomorrow");
                    if let Some(Resolved::Day(day)) = m.resolved {
                        let name = weekday_name(day.weekday());
                        let possessive = text.ends_with("'s") || text.ends_with("’s");
                        // "last night" → "Tuesday night", "this morning" → "Wednesday morning".
                        let part = text
                            .split_whitespace()
                            .nth(1)
                            .map(|p| p.trim_end_matches(['\'', '’', 's']).to_lowercase());
                        let mut with = match (word, part) {
                            (_, Some(part)) => format!("{name} {part}"),
                            (RelativeWord::Tonight, None) => format!("{name} night"),
                            _ => name.to_string(),
                        };
                        if possessive {
                            with.push_str("'s");
                        }
                        d = d
                            .with_note(resolved_note(doc, m).unwrap_or_default())
                            .with_fix(Fix::replace(
                                format!("write `{with}`"),
                                // The sentence may need rewording around the day's name.
                                self.meta.fix_or(Applicability::Unsafe),
                                m.span,
                                with,
                            ));
                        d = with_anchor(d);
                    }
                    out.push(d);
                }
            }
            Check::WeekdayOutOfRange { days } => {
                let Some(a) = anchor_date else {
                    return;
                };
                for (i, m) in mentions.iter().enumerate() {
                    match m.kind {
                        MentionKind::Calendar {
                            weekday: Some((w, _)),
                            year,
                            month,
                            day,
                            ..
                        } => {
                            let Ok(date) = Date::new(year.unwrap_or(a.year()), month, day) else {
                                continue;
                            };
                            let Some(gap) = days_between(a, date) else {
                                continue;
                            };
                            if date.weekday() == w && gap.abs() > days {
                                out.push(with_anchor(
                                    self.meta
                                        .finding(
                                            doc,
                                            format!(
                                                "'{}' is {} days from the story's date: give the \
                                                 date alone",
                                                doc.text_of(m.span),
                                                gap.abs()
                                            ),
                                            m.span,
                                        )
                                        .with_label(format!("{} days away", gap.abs()))
                                        .with_note(format!(
                                            "AP style: a day of the week only for dates within \
                                             {days} days of the story"
                                        )),
                                ));
                            }
                        }
                        MentionKind::Weekday { weekday, .. } => {
                            // "yesterday, Friday": the weekday must be the day the word means.
                            let Some(prev) = i.checked_sub(1).map(|j| &mentions[j]) else {
                                continue;
                            };
                            let (MentionKind::Word(_), Some(Resolved::Day(meant))) =
                                (&prev.kind, prev.resolved)
                            else {
                                continue;
                            };
                            let between = &doc.source.text[prev.span.end..m.span.start];
                            if between.trim() != "," || meant.weekday() == weekday {
                                continue;
                            }
                            out.push(with_anchor(
                                self.meta
                                    .finding(
                                        doc,
                                        format!(
                                            "'{}, {}': {} is a {}",
                                            doc.text_of(prev.span),
                                            doc.text_of(m.span),
                                            meant,
                                            weekday_name(meant.weekday())
                                        ),
                                        m.span,
                                    )
                                    .with_label(format!("not {}", weekday_name(meant.weekday())))
                                    .with_secondary(prev.span, "this day"),
                            ));
                        }
                        _ => {}
                    }
                }
            }
            Check::AmbiguousNumeric => {
                for m in mentions {
                    // Settled by the date itself (24/10/2012) or by the story's other dates.
                    let MentionKind::Numeric {
                        first,
                        second,
                        year,
                        day_first: None,
                        ..
                    } = m.kind
                    else {
                        continue;
                    };
                    if !(1..=12).contains(&first) || !(1..=12).contains(&second) || first == second
                    {
                        continue;
                    }
                    // A title or label ("SPL Police Accomplishments 8.10.16" in a list of
                    // documents) is not copy to rewrite.
                    if titled(doc, m.span) {
                        continue;
                    }
                    let (Ok(us), Ok(eu)) = (
                        Date::new(year, first as i8, second as i8),
                        Date::new(year, second as i8, first as i8),
                    ) else {
                        continue;
                    };
                    let text = doc.text_of(m.span);
                    let fix = us.strftime("%B %-d, %Y").to_string();
                    out.push(
                        self.meta
                            .finding(
                                doc,
                                format!(
                                    "'{text}' reads as {} in the US and {} elsewhere",
                                    us.strftime("%B %-d, %Y"),
                                    eu.strftime("%B %-d, %Y")
                                ),
                                m.span,
                            )
                            .with_label("month first or day first?")
                            .with_fix(Fix::replace(
                                format!("write `{fix}` (if month first)"),
                                self.meta.fix_or(Applicability::Unsafe),
                                m.span,
                                fix,
                            )),
                    );
                }
            }
            Check::YearMissing { days } => {
                let Some(a) = anchor_date else {
                    return;
                };
                for m in mentions {
                    let MentionKind::Calendar {
                        year: None,
                        dateline: false,
                        ..
                    } = m.kind
                    else {
                        continue;
                    };
                    // Read from the anchor: a quotation's own day is another matter.
                    if m.basis != Some(Basis::Anchor) {
                        continue;
                    }
                    let Some(Resolved::Day(date)) = m.resolved else {
                        continue;
                    };
                    let Some(gap) = days_between(a, date) else {
                        continue;
                    };
                    // AP gives no year for a date of the story's own year, and a date near the
                    // story is read in the nearest year: only a date of another year, far from
                    // the story, can be taken for the wrong one.
                    if date.year() == a.year() || gap.abs() <= days {
                        continue;
                    }
                    let when = if gap < 0 { "before" } else { "after" };
                    out.push(with_anchor(
                        self.meta
                            .finding(
                                doc,
                                format!(
                                    "'{}' has no year, and is read as {}: {} days {when} the \
                                     story, in another year",
                                    doc.text_of(m.span),
                                    date.strftime("%B %-d, %Y"),
                                    gap.abs()
                                ),
                                m.span,
                            )
                            .with_label(format!("read as {date}; add the year"))
                            .with_note(resolved_note(doc, m).unwrap_or_default()),
                    ));
                }
            }
        }
    }
}

/// Whether a span sits in a short line with no sentence punctuation: a title or a label.
fn titled(doc: &Document, span: crate::span::Span) -> bool {
    let Some(block) = doc.blocks.iter().find(|b| b.span.contains(span)) else {
        return false;
    };
    let text = doc.prose_of(block.span).trim();
    text.split_whitespace().count() <= 8 && !text.ends_with(['.', '!', '?', ':', ';', ','])
}

/// Why a month and day cannot be a date, if they cannot.
fn impossible(year: Option<i16>, month: i8, day: i8) -> Option<String> {
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month}"));
    }
    let longest = match year {
        Some(y) => Date::new(y, month, 1).ok()?.days_in_month(),
        // No year: February may have 29 days.
        None => Date::new(2024, month, 1).ok()?.days_in_month(),
    };
    if day < 1 || day > longest {
        let month_name = Date::new(2024, month, 1).ok()?.strftime("%B").to_string();
        return Some(match year {
            Some(y) if month == 2 && day == 29 => format!("{y} is not a leap year"),
            _ => format!("{month_name} has {longest} days"),
        });
    }
    None
}
