//! The few date words bound to calendar arithmetic, which stay in Rust as the lexicon's module
//! doc says ("yesterday", "last week", "two days later", the units of "N days ago"), and how a
//! holiday's key in `rules/lexicon.toml` ("12-25", "easter-2", "11-thursday-4") is read. Every
//! other word the date analysis reads is in the lexicon.

use super::Unit;
use jiff::civil::Weekday;

/// How a holiday's or named day's date is found each year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The same month and day every year (`"12-25"`).
    Fixed(i8, i8),
    /// The `n`th weekday of a month, `n` < 0 from the end (`"11-thursday-4"`, `"05-monday-last"`).
    Nth(i8, Weekday, i8),
    /// Days after Western Easter Sunday (`"easter"`, `"easter-2"`, `"easter+49"`).
    Easter(i16),
    /// One day in history (`"2001-09-11"`).
    Once(i16, i8, i8),
    /// The Tuesday after the first Monday of November (`"us-election"`).
    UsElection,
}

/// Whether a holiday is counted as a holiday or a named day (the labels tell them apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolidayKind {
    /// Christmas, New Year's Day, Halloween … (the lexicon's `holidays`).
    Holiday,
    /// Super Tuesday, Election Day, 9/11 … (the lexicon's `named_days`).
    NamedDay,
}

/// The rule a holiday key names, or why it names none.
pub fn rule(key: &str) -> Result<Rule, String> {
    let bad = || {
        format!(
            "`{key}` is not a holiday key: write \"MM-DD\", \"easter\", \"easter-2\", \
             \"MM-weekday-N\" (or \"-last\"), \"YYYY-MM-DD\" or \"us-election\""
        )
    };
    if key == "us-election" {
        return Ok(Rule::UsElection);
    }
    if let Some(rest) = key.strip_prefix("easter") {
        return if rest.is_empty() {
            Ok(Rule::Easter(0))
        } else {
            rest.trim_start_matches('+')
                .parse()
                .map(Rule::Easter)
                .map_err(|_| bad())
        };
    }
    let parts: Vec<&str> = key.split('-').collect();
    let num = |s: &str| s.parse::<i16>().map_err(|_| bad());
    let valid = |m: i16, d: i16| (1..=12).contains(&m) && (1..=31).contains(&d);
    match parts[..] {
        [m, d] => {
            let (m, d) = (num(m)?, num(d)?);
            valid(m, d)
                .then_some(Rule::Fixed(m as i8, d as i8))
                .ok_or_else(bad)
        }
        [y, m, d] if y.len() == 4 => {
            let (y, m, d) = (num(y)?, num(m)?, num(d)?);
            valid(m, d)
                .then_some(Rule::Once(y, m as i8, d as i8))
                .ok_or_else(bad)
        }
        [m, w, n] => {
            let m = num(m)?;
            let weekday = WEEKDAY_KEYS
                .iter()
                .find(|(k, _)| *k == w)
                .map(|(_, d)| *d)
                .ok_or_else(bad)?;
            let n = if n == "last" { -1 } else { num(n)? };
            ((1..=12).contains(&m) && (-5..=5).contains(&n) && n != 0)
                .then_some(Rule::Nth(m as i8, weekday, n as i8))
                .ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

/// Weekday names as holiday keys write them.
const WEEKDAY_KEYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

/// Units of "N days ago", "the past month", "the last decade": bound to calendar arithmetic.
pub const UNIT_WORDS: &[(&str, Unit)] = &[
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("year", Unit::Year),
    ("years", Unit::Year),
    ("decade", Unit::Decade),
    ("decades", Unit::Decade),
];

/// Offsets from an event told just before, in days: "the same day", "the day before".
pub const ANAPHORIC_DAYS: &[(&str, i32)] = &[
    ("the same day", 0),
    ("that same day", 0),
    ("later that day", 0),
    ("later the same day", 0),
    ("later in the day", 0),
    ("earlier in the day", 0),
    ("the previous day", -1),
    ("the day before", -1),
    ("a day earlier", -1),
    ("a day before", -1),
    ("the following day", 1),
    ("the next day", 1),
    ("the day after", 1),
    ("a day later", 1),
    ("that day", 0),
    ("that same day", 0),
    ("earlier that day", 0),
    ("that morning", 0),
    ("that afternoon", 0),
    ("that evening", 0),
    ("that night", 0),
    ("later that night", 0),
    ("later that morning", 0),
    ("later that evening", 0),
    ("earlier that morning", 0),
    ("earlier in the morning", 0),
    ("later in the morning", 0),
    ("the same night", 0),
    ("the night before", -1),
    ("the following morning", 1),
    ("the next morning", 1),
];

/// Periods named from an event told just before: "that week" (the week holding it), "the
/// following month", "the year before". Counts in units of the period.
pub const ANAPHORIC_PERIODS: &[(&str, i32, Unit)] = &[
    ("that week", 0, Unit::Week),
    ("that same week", 0, Unit::Week),
    ("the same week", 0, Unit::Week),
    ("the following week", 1, Unit::Week),
    ("the previous week", -1, Unit::Week),
    ("the week before", -1, Unit::Week),
    ("the week after", 1, Unit::Week),
    ("that month", 0, Unit::Month),
    ("that same month", 0, Unit::Month),
    ("the same month", 0, Unit::Month),
    ("the following month", 1, Unit::Month),
    ("the previous month", -1, Unit::Month),
    ("the month before", -1, Unit::Month),
    ("that year", 0, Unit::Year),
    ("that same year", 0, Unit::Year),
    ("the same year", 0, Unit::Year),
    ("the following year", 1, Unit::Year),
    ("the previous year", -1, Unit::Year),
    ("the year before", -1, Unit::Year),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holiday_keys() {
        assert_eq!(rule("12-25"), Ok(Rule::Fixed(12, 25)));
        assert_eq!(rule("easter-2"), Ok(Rule::Easter(-2)));
        assert_eq!(rule("easter+49"), Ok(Rule::Easter(49)));
        assert_eq!(
            rule("11-thursday-4"),
            Ok(Rule::Nth(11, Weekday::Thursday, 4))
        );
        assert_eq!(
            rule("05-monday-last"),
            Ok(Rule::Nth(5, Weekday::Monday, -1))
        );
        assert_eq!(rule("2001-09-11"), Ok(Rule::Once(2001, 9, 11)));
        assert!(rule("13-01").is_err());
        assert!(rule("christmas").is_err());
    }
}
