//! How news dates things (issues #11 and #13): short stories for each case, each read through
//! `copydesk inspect --format json` (what a mention resolves to, and against what) or `copydesk
//! check` (which rules fire).

mod common;

use common::{parse_json, run_in, temp_dir};
use serde_json::{Value, json};
use std::fs;

/// The dates `inspect` reads in a story (a file named `name`): the document's JSON.
fn inspect(name: &str, text: &str) -> Value {
    let dir = temp_dir("dates-model");
    fs::write(dir.join(name), text).unwrap();
    let out = run_in(
        &dir,
        &["inspect", name, "--no-config", "--format", "json"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    parse_json(&out.stdout)
}

/// The mention whose text starts with `text`.
fn mention<'a>(doc: &'a Value, text: &str) -> &'a Value {
    doc["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["text"].as_str().unwrap().starts_with(text))
        .unwrap_or_else(|| panic!("no mention {text:?} in {:#}", doc["dates"]))
}

/// What the mention starting with `text` resolves to, in a story dated `date`.
fn resolved(date: &str, body: &str, text: &str) -> Value {
    let doc = inspect("s.md", &format!("---\ndate: {date}\n---\n\n{body}\n"));
    mention(&doc, text)["resolved"].clone()
}

/// Rule ids fired on a story.
fn fired(text: &str) -> Vec<String> {
    let dir = temp_dir("dates-model-check");
    fs::write(dir.join("s.md"), text).unwrap();
    let out = run_in(
        &dir,
        &["check", "s.md", "--no-config", "--format", "json"],
        None,
    );
    parse_json(&out.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn dated(date: &str, body: &str) -> String {
    format!("---\ndate: {date}\n---\n\n{body}\n")
}

#[test]
fn a_month_day_takes_the_year_nearest_the_anchor_that_agrees_with_its_tense() {
    // Nearest: December 28 told on January 10 is the one 13 days before.
    assert_eq!(
        resolved(
            "2019-01-10",
            "The ship left port on December 28.",
            "December 28"
        ),
        json!("2018-12-28")
    );
    // The tense decides beyond a month: a past event in February, told in November.
    assert_eq!(
        resolved(
            "2025-11-20",
            "Inspectors found cracked steel beneath the deck on Feb. 12.",
            "Feb. 12"
        ),
        json!("2025-02-12")
    );
    // … and a future one: the coming September, though last September is nearer.
    assert_eq!(
        resolved(
            "2019-01-04",
            "Pelosi has proposed a bill that would fund the government through September.",
            "through September"
        ),
        json!(["2019-09-01", "2019-09-30"])
    );
    // A past verb pointing ahead: "rescheduled to June 2", told in March, is this June.
    assert_eq!(
        resolved(
            "2020-03-20",
            "Maryland rescheduled most of its primary races to June 2.",
            "June 2"
        ),
        json!("2020-06-02")
    );
    // The year the story gives: the same day written earlier with its year.
    let doc = inspect(
        "s.md",
        &dated(
            "2016-12-27",
            "The article ran on March 27, 2015. The March 27 article was false.",
        ),
    );
    let again = doc["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["text"] == "March 27")
        .unwrap();
    assert_eq!(again["resolved"], "2015-03-27");
}

#[test]
fn last_this_and_next_months_and_seasons() {
    let body = "Prices rose last November and again last March, and fell last summer. \
                Talks resume in the spring.";
    assert_eq!(
        resolved("2019-03-10", body, "last November"),
        json!(["2018-11-01", "2018-11-30"])
    );
    assert_eq!(
        resolved("2019-03-10", body, "last March"),
        json!(["2018-03-01", "2018-03-31"])
    );
    assert_eq!(
        resolved("2019-03-10", body, "last summer"),
        json!(["2018-06-01", "2018-08-31"])
    );
    assert_eq!(
        resolved("2019-03-10", body, "the spring"),
        json!(["2019-03-01", "2019-05-31"])
    );
    // "August last year", "March of this year", "May, 2018".
    let body = "The fire of August last year and the audit of March of this year came after \
                an arrest in May, 2018.";
    assert_eq!(
        resolved("2020-01-10", body, "of August last year"),
        json!(["2019-08-01", "2019-08-31"])
    );
    assert_eq!(
        resolved("2020-01-10", body, "of March of this year"),
        json!(["2020-03-01", "2020-03-31"])
    );
    assert_eq!(
        resolved("2020-01-10", body, "in May, 2018"),
        json!(["2018-05-01", "2018-05-31"])
    );
}

#[test]
fn this_weekend_follows_the_tense() {
    // Thursday, August 8, 2019.
    assert_eq!(
        resolved(
            "2019-08-08",
            "Two shootings over the weekend left 31 dead.",
            "over the weekend"
        ),
        json!(["2019-08-03", "2019-08-04"])
    );
    assert_eq!(
        resolved(
            "2019-08-08",
            "Thousands marched this weekend in El Paso.",
            "this weekend"
        ),
        json!(["2019-08-03", "2019-08-04"])
    );
    assert_eq!(
        resolved(
            "2019-08-08",
            "Thousands will march this weekend in El Paso.",
            "this weekend"
        ),
        json!(["2019-08-10", "2019-08-11"])
    );
}

#[test]
fn ago_and_stretches_from_the_anchor() {
    let body = "The plant closed two weeks ago, a year after a fire two years ago and about \
                two months ago a leak. Over the past month, and in the next ten days, crews \
                work; the vote is in two days.";
    let r = |t| resolved("2020-02-14", body, t);
    assert_eq!(r("two weeks ago"), json!("2020-01-31"));
    assert_eq!(r("two years ago"), json!(["2018-01-01", "2018-12-31"]));
    assert_eq!(
        r("about two months ago"),
        json!(["2019-12-01", "2019-12-31"])
    );
    assert_eq!(r("the past month"), json!(["2020-01-14", "2020-02-14"]));
    assert_eq!(
        r("in the next ten days"),
        json!(["2020-02-15", "2020-02-24"])
    );
    assert_eq!(r("in two days"), json!("2020-02-16"));
}

#[test]
fn years_decades_centuries_and_quarters() {
    let body = "Founded in 1867, the firm grew in the 1970s and the eighties, lost money in \
                2008 and plans growth in Q1 2021 and the 21st century. It employs 1500 people \
                and files at 0845 GMT; flight 1549 landed.";
    let doc = inspect("s.md", &dated("2020-12-18", body));
    let texts: Vec<&str> = doc["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "1867",
            "the 1970s",
            "the eighties",
            "2008",
            "Q1 2021",
            "the 21st century"
        ]
    );
    assert_eq!(mention(&doc, "1867")["kind"], "year");
    assert_eq!(mention(&doc, "1867")["basis"], "absolute");
    assert_eq!(
        mention(&doc, "the eighties")["resolved"],
        json!(["1980-01-01", "1989-12-31"])
    );
    assert_eq!(
        mention(&doc, "the 21st century")["resolved"],
        json!(["2001-01-01", "2100-12-31"])
    );
    assert_eq!(
        mention(&doc, "Q1 2021")["resolved"],
        json!(["2021-01-01", "2021-03-31"])
    );
}

#[test]
fn holidays_and_named_days() {
    let body = "Shops closed on Christmas Day and reopened after Thanksgiving. Voters go to \
                the polls on Super Tuesday, 19 years after 9/11.";
    let doc = inspect("s.md", &dated("2020-02-10", body));
    let christmas = mention(&doc, "Christmas Day");
    assert_eq!(christmas["kind"], "holiday");
    assert_eq!(christmas["resolved"], "2019-12-25");
    assert_eq!(mention(&doc, "Thanksgiving")["resolved"], "2019-11-28");
    let super_tuesday = mention(&doc, "Super Tuesday");
    assert_eq!(super_tuesday["kind"], "named-day");
    assert_eq!(super_tuesday["resolved"], "2020-03-03");
    assert_eq!(mention(&doc, "9/11")["resolved"], "2001-09-11");
    assert_eq!(mention(&doc, "9/11")["basis"], "absolute");
    // "Good Friday" is a holiday, not a Friday.
    let doc = inspect(
        "s.md",
        &dated("2024-04-02", "The march was held on Good Friday."),
    );
    assert_eq!(mention(&doc, "Good Friday")["resolved"], "2024-03-29");
}

#[test]
fn a_quotation_is_read_from_the_day_it_was_said() {
    // Wednesday, October 9, 2019; the statement was Monday.
    let story = dated(
        "2019-10-09",
        "\"We met yesterday and will meet again next week,\" the minister said in a statement \
         on Monday.\n\n\"It rained yesterday,\" a farmer said.",
    );
    let doc = inspect("s.md", &story);
    let dates = doc["dates"].as_array().unwrap();
    let yesterday = &dates[0];
    assert_eq!(yesterday["text"], "yesterday");
    assert_eq!(yesterday["in_quote"], true);
    assert_eq!(yesterday["basis"], "speech");
    assert_eq!(yesterday["anchor"]["source"], "speech");
    assert_eq!(yesterday["anchor"]["date"], "2019-10-07");
    assert_eq!(yesterday["resolved"], "2019-10-06");
    assert_eq!(
        mention(&doc, "next week")["resolved"],
        json!(["2019-10-14", "2019-10-20"])
    );
    // No time of speech: not resolvable, not guessed.
    let farmer = &dates[dates.len() - 1];
    assert_eq!(farmer["text"], "yesterday");
    assert_eq!(farmer["resolved"], Value::Null);
    assert_eq!(farmer["basis"], Value::Null);
    // A bracketed insertion is the writer's words: "[Wednesday's]" is read from the anchor.
    let doc = inspect(
        "s.md",
        &dated(
            "2020-03-13",
            "The league said it was \"suspending play after [Wednesday's] games.\"",
        ),
    );
    let wednesday = mention(&doc, "Wednesday");
    assert_eq!(wednesday["in_quote"], false);
    assert_eq!(wednesday["resolved"], "2020-03-11");
}

#[test]
fn today_meaning_nowadays_is_no_date_and_relative_word_spares_quotations() {
    let doc = inspect(
        "s.md",
        &dated(
            "2011-12-12",
            "Today, the unit's attorneys are involved in most fraud cases. \"We filed today,\" \
             she said. Yesterday's news is old. He pleaded guilty today.",
        ),
    );
    let dates = doc["dates"].as_array().unwrap();
    assert_eq!(dates[0]["kind"], "generic");
    // By the conventions, "today" meaning nowadays stands for the anchor's time; a fixed
    // phrase ("yesterday's news") stands for no date.
    assert_eq!(dates[0]["resolved"], "2011-12-12");
    assert_eq!(mention(&doc, "Yesterday's")["kind"], "generic");
    assert_eq!(mention(&doc, "Yesterday's")["resolved"], Value::Null);
    let rules = fired(&dated(
        "2011-12-12",
        "Today, the unit's attorneys are involved in most fraud cases. \"We filed today,\" \
         she said. Yesterday's news is old.",
    ));
    assert!(
        !rules.contains(&"dates.relative-word".to_string()),
        "{rules:?}"
    );
    // The real thing still fires.
    let rules = fired(&dated("2011-12-12", "He pleaded guilty today."));
    assert_eq!(rules, ["dates.relative-word"]);
    // "yesterday's announcements" is a day.
    let doc = inspect(
        "s.md",
        &dated(
            "2019-10-17",
            "Users pleaded guilty before yesterday's announcements.",
        ),
    );
    assert_eq!(mention(&doc, "yesterday's")["resolved"], "2019-10-16");
}

#[test]
fn a_timestamp_line_at_the_top_anchors_the_story() {
    for (line, want) in [
        ("Published March 25, 2024", "2024-03-25"),
        ("Updated 6:15 PM EDT, Mon March 25, 2024", "2024-03-25"),
        ("-- Fri Oct 20, 2006 6:15pm EDT", "2006-10-20"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),
        ("March 25, 2024 at 10:30 a.m.", "2024-03-25"),
    ] {
        let story = format!(
            "Council delays the vote\n\n{line}\n\nThe council delayed the vote on Monday.\n"
        );
        let doc = inspect("s.txt", &story);
        assert_eq!(doc["anchor"]["date"], want, "{line}");
        assert_eq!(doc["anchor"]["source"], "timestamp", "{line}");
        let dir = temp_dir("dates-timestamp");
        fs::write(dir.join("s.txt"), &story).unwrap();
        let out = run_in(
            &dir,
            &["check", "s.txt", "--no-config", "--format", "json"],
            None,
        );
        let found = parse_json(&out.stdout);
        assert!(
            !found["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["rule"] == "dates.missing-anchor"),
            "{line}: {found:#}"
        );
    }
    // A date inside a sentence is no timestamp line.
    let doc = inspect(
        "s.txt",
        "Council delays the vote\n\nThe council met on March 25, 2024 and will meet on \
         Monday.\n",
    );
    assert_eq!(doc["anchor"], Value::Null);
}

#[test]
fn numeric_dates_day_first_and_settled() {
    // Day first: a first field over 12 is a day, not an impossible month.
    assert!(fired("The order, dated 24/10/2012, was upheld.\n").is_empty());
    let doc = inspect("s.md", "The order, dated 24/10/2012, was upheld.\n");
    assert_eq!(mention(&doc, "24/10/2012")["resolved"], "2012-10-24");
    // Alone, 03/04/2024 could be either.
    assert_eq!(
        fired("The permit expires on 03/04/2024.\n"),
        ["dates.ambiguous-numeric"]
    );
    // The story settles it: another date with the same separator reads one way only.
    assert!(fired("Filed 5/13/2024, the permit expires on 03/04/2025.\n").is_empty());
    let doc = inspect(
        "s.md",
        "Filed 13/05/2024, the permit expires on 03/04/2025.\n",
    );
    assert_eq!(mention(&doc, "03/04/2025")["resolved"], "2025-04-03");
    // A date with another separator does not.
    assert_eq!(
        fired("Filed 5/13/2024, the permit expires on 03-04-2025.\n"),
        ["dates.ambiguous-numeric"]
    );
    // Still impossible either way.
    assert_eq!(
        fired("The notice gave 31/02/2025 as the deadline.\n"),
        ["dates.impossible"]
    );
}

#[test]
fn tables_figures_and_option_series_are_not_impossible_dates() {
    for text in [
        "The index closed at 98.0 Mar 20 after a slide.\n",
        "Shares fell -1.48 October 1929 style, traders said.\n",
        "Traders bought September 45 calls on the stock.\n",
        "The filing, dated March 25 0845 GMT, was late.\n",
    ] {
        assert!(
            !fired(text).contains(&"dates.impossible".to_string()),
            "{text}"
        );
    }
    // A listing is structure: its figures are never read as dates.
    let listing = "Futures settled lower.\n\n| Contract | Price |\n|---|---|\n| Mar 0 | 98.0 |\n| Feb 30 | 97.5 |\n";
    assert!(fired(listing).is_empty(), "{:?}", fired(listing));
    let doc = inspect("s.md", "The filing, dated March 25 0845 GMT, was late.\n");
    assert_eq!(mention(&doc, "March 25")["text"], "March 25");
}

/// Rule ids fired on a story with a config turning year-missing on (it ships off).
fn fired_with_year_missing(text: &str) -> Vec<String> {
    let dir = temp_dir("dates-model-year");
    fs::write(dir.join("s.md"), text).unwrap();
    fs::write(
        dir.join("copydesk.toml"),
        "[rules]\n\"dates.year-missing\" = \"info\"\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "s.md", "--format", "json"], None);
    parse_json(&out.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn year_missing_ships_off_and_fires_only_where_the_year_changes_the_reading() {
    let story = dated("2025-04-10", "The mill closed on Oct. 3 after a fire.");
    // Off unless a config turns it on.
    assert!(fired(&story).is_empty());
    // Another year, far from the story: the reader needs the year.
    assert_eq!(fired_with_year_missing(&story), ["dates.year-missing"]);
    // The story's own year (AP writes none), or another year close by: no finding.
    for (date, body) in [
        ("2025-09-17", "The court dismissed the case on Feb. 3."),
        ("2019-01-10", "The ship left port on December 28."),
        ("2025-11-20", "The bridge reopens on Feb. 12."),
        (
            "2016-10-17",
            "She faces 20 years when she is sentenced on Dec. 22.",
        ),
    ] {
        assert!(
            fired_with_year_missing(&dated(date, body)).is_empty(),
            "{body}"
        );
    }
}

#[test]
fn an_offset_counts_from_the_event_told_before() {
    let doc = inspect(
        "s.md",
        &dated(
            "2020-01-11",
            "The ministers met on Wednesday. The following day, Turkey objected.",
        ),
    );
    let following = mention(&doc, "The following day");
    assert_eq!(following["kind"], "anaphoric");
    assert_eq!(following["basis"], "event");
    assert_eq!(following["anchor"]["date"], "2020-01-08");
    assert_eq!(following["resolved"], "2020-01-09");
}

#[test]
fn weekdays_in_ranges_and_appositions() {
    // Thursday, February 27, 2020.
    let doc = inspect(
        "s.md",
        &dated(
            "2020-02-27",
            "Sisi announced three days of mourning, Wednesday through Friday.",
        ),
    );
    assert_eq!(mention(&doc, "Wednesday")["resolved"], "2020-02-26");
    assert_eq!(mention(&doc, "Friday")["resolved"], "2020-02-28");
    let doc = inspect(
        "s.md",
        &dated("2020-03-02", "Tomorrow, a Tuesday, 14 states vote."),
    );
    assert_eq!(mention(&doc, "Tuesday")["resolved"], "2020-03-03");
}

#[test]
fn adjacent_weekdays_in_a_range() {
    // Friday, October 3, 2014: "Thursday and Friday" are this week's, not next Friday.
    let story = dated(
        "2014-10-03",
        "Officials traveled to Ferguson for meetings on Thursday and Friday.",
    );
    let doc = inspect("s.md", &story);
    assert_eq!(mention(&doc, "on Thursday")["resolved"], "2014-10-02");
    assert_eq!(mention(&doc, "Friday")["resolved"], "2014-10-03");
}

#[test]
fn press_release_forms() {
    // Copy that lost its apostrophes ("Todays charge"), an abbreviation with no space before the
    // day ("Nov.6"), and a fiscal year.
    let doc = inspect(
        "s.md",
        &dated(
            "2011-05-26",
            "Todays charge follows yesterdays arrest. A fifth man was sentenced on Nov.6, 2009. \
             The grants for Fiscal Year (FY) 2010 and FY2011 are open.",
        ),
    );
    assert_eq!(mention(&doc, "Todays")["resolved"], "2011-05-26");
    assert_eq!(mention(&doc, "yesterdays")["resolved"], "2011-05-25");
    assert_eq!(mention(&doc, "Nov.6, 2009")["resolved"], "2009-11-06");
    assert_eq!(
        mention(&doc, "Fiscal Year (FY) 2010")["resolved"],
        json!(["2009-10-01", "2010-09-30"])
    );
    assert_eq!(
        mention(&doc, "FY2011")["resolved"],
        json!(["2010-10-01", "2011-09-30"])
    );
}

#[test]
fn a_date_that_recurs_every_year_is_no_one_date() {
    let doc = inspect(
        "s.md",
        &dated(
            "2010-04-26",
            "Each year on April 26th, the members hold events. Holders must file a form by \
             June 30 of the following year. The board met on April 20.",
        ),
    );
    assert_eq!(mention(&doc, "April 26th")["resolved"], Value::Null);
    assert_eq!(mention(&doc, "June 30")["resolved"], Value::Null);
    assert_eq!(mention(&doc, "April 20")["resolved"], "2010-04-20");
}

#[test]
fn a_statement_release_is_said_on_its_own_date() {
    // A story that is itself a statement: its quotations are the statement, issued on the day
    // it is dated. A news story about a statement still needs the day of the speech.
    let release = "---\ntitle: \"Statement of the Attorney General on the Plea\"\ndate: 2009-04-30\n---\n\n\
                   \"The defendant pleaded guilty today.\"\n";
    let doc = inspect("s.md", release);
    let today = mention(&doc, "today");
    assert_eq!(today["basis"], "speech");
    assert_eq!(today["resolved"], "2009-04-30");
    let story = "---\ntitle: \"Minister issues statement on the plea\"\ndate: 2009-04-30\n---\n\n\
                 \"The defendant pleaded guilty today,\" the minister said.\n";
    let doc = inspect("s.md", story);
    assert_eq!(mention(&doc, "today")["resolved"], Value::Null);
}

#[test]
fn dates_in_capitals_and_in_advisory_lines_are_read() {
    // A media advisory: the date in capitals, in the prose and on a "WHEN:" line.
    let doc = inspect(
        "s.md",
        &dated(
            "2025-03-05",
            "The mayor will tour the new depot on FRIDAY, MARCH 7, 2025 with staff. Pupils \
             who sat the SAT in MAY were invited.\n\nWHO: The mayor\n\nWHEN: FRIDAY, MARCH 7, \
             2025\n\nWHERE: The depot",
        ),
    );
    let dates = doc["dates"].as_array().unwrap();
    let friday: Vec<&Value> = dates
        .iter()
        .filter(|d| d["text"].as_str().unwrap().contains("FRIDAY, MARCH 7"))
        .collect();
    assert_eq!(friday.len(), 2, "{dates:#?}");
    assert!(friday.iter().all(|d| d["resolved"] == "2025-03-07"));
    // An abbreviation in capitals is another word.
    assert!(
        !dates
            .iter()
            .any(|d| d["text"].as_str().unwrap().contains("SAT")),
        "{dates:#?}"
    );
}

#[test]
fn today_after_a_bare_dateline_or_before_an_acronym_is_the_day() {
    let doc = inspect(
        "s.md",
        &dated(
            "2012-05-14",
            "TRENTON Today, the state agency settled the claims. Today's EPA settlement \
             ends the case.",
        ),
    );
    let dates = doc["dates"].as_array().unwrap();
    assert_eq!(dates[0]["text"], "Today");
    assert_eq!(dates[0]["kind"], "relative-day");
    assert_eq!(dates[0]["resolved"], "2012-05-14");
    let todays = mention(&doc, "Today's");
    assert_eq!(todays["kind"], "relative-day");
}

#[test]
fn a_span_of_months_shares_its_closing_year_and_the_present_is_the_day() {
    let doc = inspect(
        "s.md",
        &dated(
            "2014-06-02",
            "The clinic billed for scans from October to February 2011, and again from \
             March to May 2012. She has chaired the board from 2009 until the present. The \
             present case is closed.",
        ),
    );
    assert_eq!(
        mention(&doc, "from October")["resolved"],
        json!(["2010-10-01", "2010-10-31"])
    );
    assert_eq!(
        mention(&doc, "from March")["resolved"],
        json!(["2012-03-01", "2012-03-31"])
    );
    let present: Vec<&Value> = doc["dates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["text"].as_str().unwrap().contains("present"))
        .collect();
    assert_eq!(present.len(), 1, "{present:#?}");
    assert_eq!(present[0]["resolved"], "2014-06-02");
}

#[test]
fn an_ordinal_weekday_of_a_month_is_a_rule_not_a_day() {
    let doc = inspect(
        "s.md",
        &dated(
            "2016-05-11",
            "The county votes on the second Tuesday in June in every even year. The fair opens \
             on the last Friday of July. The board met on Tuesday.",
        ),
    );
    assert_eq!(mention(&doc, "Tuesday")["resolved"], Value::Null);
    assert_eq!(mention(&doc, "in June")["resolved"], Value::Null);
    assert_eq!(mention(&doc, "last Friday")["resolved"], Value::Null);
    assert_eq!(mention(&doc, "on Tuesday")["resolved"], "2016-05-10");
}

#[test]
fn hedged_counts_and_these_last_years() {
    let doc = inspect(
        "s.md",
        &dated(
            "2015-03-02",
            "A hearing will be held in roughly 30 days. These last five years have been hard, she said.",
        ),
    );
    assert_eq!(
        mention(&doc, "in roughly 30 days")["resolved"],
        "2015-04-01"
    );
    assert_eq!(
        mention(&doc, "These last five years")["resolved"],
        json!(["2010-03-02", "2015-03-02"])
    );
}

/// A story with no date of its own is read in the year it gives: a narrative's last full date
/// however far back, else the year its headline names. The basis is that event, shown with the
/// mention that gave it.
#[test]
fn a_story_with_no_anchor_is_read_in_the_year_it_gives() {
    let doc = inspect(
        "s.txt",
        "Hailstorms lead the weather stories of 2031\n\n\
         Hail the size of eggs fell on June 22 across the plains.\n\n\
         Rivers rose in November and stayed high.\n\n\
         The dam was inspected on March 3, 2029, by two engineers.\n\n\
         Nothing more was heard for weeks.\n\n\
         The engineers returned on April 27 and found a crack.\n",
    );
    assert!(doc["anchor"].is_null(), "{:#}", doc["anchor"]);
    let june = mention(&doc, "June 22");
    assert_eq!(june["resolved"], json!("2031-06-22"));
    assert_eq!(june["basis"], json!("event"));
    assert_eq!(june["anchor"]["from"]["text"], json!("2031"));
    assert_eq!(
        mention(&doc, "in November")["resolved"],
        json!(["2031-11-01", "2031-11-30"])
    );
    let april = mention(&doc, "April 27");
    assert_eq!(april["resolved"], json!("2029-04-27"));
    assert_eq!(april["basis"], json!("event"));
    assert_eq!(april["anchor"]["from"]["text"], json!("March 3, 2029"));
    // A date told as future is not given the headline's year.
    let doc = inspect(
        "s.txt",
        "Budget talks of 2031\n\nThe council will vote on May 4.\n",
    );
    assert!(mention(&doc, "May 4")["resolved"].is_null());
}

/// Days told in no past: a scheduled present in the plural, a listing of fixtures, a deed to be
/// done before a date ahead.
#[test]
fn fixtures_and_plans_look_ahead() {
    // 2031-03-12 is a Wednesday.
    assert_eq!(
        resolved(
            "2031-03-12",
            "The two clubs meet again on Friday in the capital.",
            "on Friday"
        ),
        json!("2031-03-14")
    );
    let doc = inspect(
        "s.md",
        &dated(
            "2031-03-12",
            "Cup schedule Saturday Ashford at Hollins, 3 p.m. (TV3) Sunday Brent at Coyle, 1 p.m.",
        ),
    );
    assert_eq!(mention(&doc, "Saturday")["resolved"], json!("2031-03-15"));
    assert_eq!(mention(&doc, "Sunday")["resolved"], json!("2031-03-16"));
    // Told in January: the plant is to be sold before the report of February, not last year's.
    assert_eq!(
        resolved(
            "2031-01-17",
            "The firm expects to have sold the plant before it reports its results on Feb. 27.",
            "Feb. 27"
        ),
        json!("2031-02-27")
    );
}
