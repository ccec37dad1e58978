//! Page residue by shape and context (boilerplate.page-residue and the phrase-list rules it reads),
//! furniture apart from residue, and body prose that is never flagged. Every story here is made
//! up for the test.

use copydesk::config::Config;
use copydesk::diagnostic::{Diagnostic, Severity};
use copydesk::document::{Document, Format};
use copydesk::source::Source;

fn lint_as(name: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    let source = Source::new(name, text);
    let doc = Document::parse(&source, Format::from_path(name));
    copydesk::lint(&doc, &config.ruleset)
}

fn lint(name: &str, text: &str) -> Vec<Diagnostic> {
    lint_as(name, text, &Config::builtin())
}

/// Boilerplate warnings and errors: (rule, the line found, the first note).
fn residue(name: &str, text: &str) -> Vec<(String, String, String)> {
    lint(name, text)
        .into_iter()
        .filter(|d| d.rule.starts_with("boilerplate.") && d.severity != Severity::Info)
        .map(|d| {
            (
                d.rule.clone(),
                text[d.primary.span.range()].to_string(),
                d.notes.first().cloned().unwrap_or_default(),
            )
        })
        .collect()
}

fn furniture(name: &str, text: &str) -> Vec<String> {
    lint(name, text)
        .into_iter()
        .filter(|d| d.rule == "boilerplate.furniture")
        .map(|d| text[d.primary.span.range()].to_string())
        .collect()
}

/// The finding on `line`, if any: (rule, note).
fn on<'a>(found: &'a [(String, String, String)], line: &str) -> Option<(&'a str, &'a str)> {
    found
        .iter()
        .find(|(_, l, _)| l == line)
        .map(|(r, _, n)| (r.as_str(), n.as_str()))
}

const STORY: &str = "The Harbor Ledger's mill closed in 1998, ending a century of paper making in the valley, the owners said on Monday.\n\nIts last shift clocked out on a Friday, and the whistle blew one final time at noon as workers gathered at the gate.\n\nThe town has since turned the site into a park with a museum, a cafe and a trail along the river, which opened to visitors last spring.\n\nCouncil members said the museum drew 40,000 visitors in its first year, more than twice what planners had expected for the site.\n\n";

#[test]
fn a_menu_above_the_story_is_residue() {
    let text = format!("Home | News | Sport | Weather | Opinion\n\n{STORY}");
    let found = residue("s.txt", &text);
    let (rule, note) = on(&found, "Home | News | Sport | Weather | Opinion").expect("flagged");
    assert_eq!(rule, "boilerplate.page-residue");
    assert_eq!(note, "cue: a menu of 5 short items between separators");
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn section_names_above_the_headline_are_residue_but_the_headline_is_not() {
    let text = format!(
        "News\n\nSport\n\nWeather\n\nSkip to content\n\nMill town turns its factory into a park\n\nBy Ana Ruiz\n\n{STORY}"
    );
    let found = residue("s.txt", &text);
    for line in ["News", "Sport", "Weather"] {
        assert_eq!(
            on(&found, line).map(|(r, _)| r),
            Some("boilerplate.page-residue"),
            "{line}: {found:?}"
        );
    }
    assert!(on(&found, "Skip to content").is_some(), "{found:?}");
    assert!(
        on(&found, "Mill town turns its factory into a park").is_none(),
        "{found:?}"
    );
    assert!(on(&found, "By Ana Ruiz").is_none(), "{found:?}");
}

#[test]
fn markup_lines_gallery_counters_and_prompts_are_residue() {
    let text = format!(
        "{STORY}| | |\n\nThe museum keeps the mill's last order book on display in a glass case by the door.\n\n3 of 12\n\nThe cafe serves lunch on weekdays and is closed on Mondays for the winter.\n\nGet breaking news alerts from the Ledger on your phone\n\nThe trail is open from dawn to dusk, the parks department said in a statement."
    );
    let found = residue("s.txt", &text);
    assert_eq!(
        on(&found, "| | |"),
        Some((
            "boilerplate.page-residue",
            "cue: a line with no words (page or table markup)"
        ))
    );
    assert_eq!(
        on(&found, "3 of 12").map(|(r, _)| r),
        Some("boilerplate.navigation")
    );
    assert_eq!(
        on(
            &found,
            "Get breaking news alerts from the Ledger on your phone"
        ),
        Some((
            "boilerplate.page-residue",
            "cue: an imperative prompt to the reader"
        ))
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn teasers_under_a_related_header_are_residue() {
    let text = format!(
        "{STORY}Related Stories\n\nCouncil backs bridge plan after a long night of debate\n\nSchool board race heats up as two newcomers join\n\nDeer season opens early in the northern counties"
    );
    let found = residue("s.txt", &text);
    assert_eq!(
        on(&found, "Related Stories").map(|(r, _)| r),
        Some("boilerplate.promo")
    );
    for line in [
        "Council backs bridge plan after a long night of debate",
        "School board race heats up as two newcomers join",
        "Deer season opens early in the northern counties",
    ] {
        assert_eq!(
            on(&found, line).map(|(r, _)| r),
            Some("boilerplate.page-residue"),
            "{line}: {found:?}"
        );
    }
}

#[test]
fn a_comment_section_below_the_story_is_residue_to_the_end() {
    let text = format!(
        "{STORY}Comments (3)\n\nGreat to see the old place used again. I walked the trail on Sunday and it was packed with families.\n\nPosted by riverwalker on Jan 8, 2008 at 3:35 PM\n\nThe museum is worth the trip, but the parking is a mess on weekends. Someone should fix that.\n\nPosted by millkid on Jan 8, 2008 at 4:10 PM"
    );
    let found = residue("s.txt", &text);
    assert_eq!(
        on(&found, "Comments (3)").map(|(r, _)| r),
        Some("boilerplate.comments")
    );
    let comment = on(
        &found,
        "Great to see the old place used again. I walked the trail on Sunday and it was packed with families.",
    )
    .expect("the first comment is flagged");
    assert_eq!(comment.0, "boilerplate.page-residue");
    assert!(
        comment
            .1
            .starts_with("cue: inside the comment section that opens at line 9"),
        "{comment:?}"
    );
    assert_eq!(found.len(), 5, "{found:?}");
    // The story above it is untouched.
    assert!(found.iter().all(|(_, l, _)| !STORY.contains(l.as_str())));
}

#[test]
fn comment_signatures_open_a_comment_section_without_a_header() {
    let text = format!(
        "{STORY}I grew up two streets from the mill and never thought I'd see it turned into a park.\n\nPosted by Maria on Jan 8, 2008 at 3:35 PM\n\nMy grandfather worked there for forty years. He would have loved the museum.\n\nPosted by Tom on Jan 8, 2008 at 4:10 PM"
    );
    let found = residue("s.txt", &text);
    assert_eq!(found.len(), 4, "{found:?}");
    let signature = on(&found, "Posted by Maria on Jan 8, 2008 at 3:35 PM").unwrap();
    assert_eq!(
        signature.1,
        "cue: a comment signature, one of 2 below the story"
    );
}

#[test]
fn the_foot_of_a_page_after_its_copyright_line_is_residue() {
    let text = format!(
        "{STORY}© 2025 Harbor Ledger Media. All rights reserved.\n\nHarbor Ledger Weekend Edition\n\nContests and Promotions\n\nHome Delivery"
    );
    let found = residue("s.txt", &text);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        on(&found, "Contests and Promotions")
            .unwrap()
            .1
            .starts_with("cue: "),
        "{found:?}"
    );
}

#[test]
fn what_follows_the_pages_copyright_line_below_the_story_is_residue() {
    // Teasers and a reader's comment after the copyright line: prose, but the page's.
    let tail = "Ferry service to the island resumes on Friday after the storm damaged the pier last month.\n\nA new bakery on Front Street draws a line around the block every Saturday morning.\n\nI worked at that mill for thirty years and I still miss the sound of the whistle.";
    let text =
        format!("{STORY}Copyright 2025 Harbor Ledger Media. All rights reserved.\n\n{tail}\n");
    let found = residue("s.txt", &text);
    for line in tail.split("\n\n") {
        let (rule, note) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert!(note.contains("copyright or terms line"), "{note}");
    }
    // Above the story (too few words of story before it), the line ends nothing: the story
    // below it is the story.
    let text = format!("Copyright 2025 Harbor Ledger Media. All rights reserved.\n\n{STORY}");
    let found = residue("s.txt", &text);
    assert_eq!(found.len(), 1, "{found:?}");
    // Furniture after it (a correction) stays furniture.
    let text = format!(
        "{STORY}Copyright 2025 Harbor Ledger Media.\n\nCorrection: An earlier version misstated the museum's opening year.\n"
    );
    let found = residue("s.txt", &text);
    assert_eq!(found.len(), 1, "{found:?}");
    // Two stories pasted one after the other, the first ending with its copyright line: more
    // prose follows it than the story above it holds, so a story goes on (end_tail), and only
    // the copyright line is residue.
    let text = format!(
        "{STORY}Copyright 2025 Harbor Ledger Media. All rights reserved.\n\n{STORY}{STORY}"
    );
    let found = residue("s.txt", &text);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn cookie_notices_and_copyright_footers_are_residue() {
    let text = format!(
        "We use cookies to improve your experience on our site. By continuing you accept our use of cookies.\n\n{STORY}Copyright 2025 Harbor Ledger"
    );
    let found = residue("s.txt", &text);
    assert_eq!(
        on(
            &found,
            "We use cookies to improve your experience on our site. By continuing you accept our use of cookies."
        )
        .map(|(r, _)| r),
        Some("boilerplate.navigation")
    );
    assert_eq!(
        on(&found, "Copyright 2025 Harbor Ledger").map(|(r, _)| r),
        Some("boilerplate.legal")
    );
}

#[test]
fn body_prose_is_never_flagged() {
    // Sentences that begin like residue, a headline, a subhead, a one-line paragraph, a list
    // that belongs to the story, a table of results, a quotation asking the reader a question.
    let text = "# Share prices slide as mill town's museum plan stalls\n\nBy Ana Ruiz\n\nRead more about the plan in the council's 40-page report, which was published on Tuesday, officials said.\n\nShares of the developer fell 4 percent in morning trading after the council delayed its vote on the museum.\n\nShare the trail with cyclists, the signs at each gate say, and keep dogs on a leash.\n\n## Back on top\n\nThe students did.\n\nThe council's plan lists three stages:\n\n- A park on the mill site\n- A museum in the boiler house\n- A cafe by the river\n\nResults of the council vote:\n\n| Member | Vote |\n|---|---|\n| Ruiz | Yes |\n| Hale | No |\n\n\"What do you think the town should do with the old boiler house?\" the mayor asked residents at the meeting.\n\nFollow-up meetings are planned for May, and the council will vote again in June, the clerk said.\n";
    assert_eq!(residue("s.md", text), Vec::new());
}

#[test]
fn a_plain_text_story_with_a_list_and_a_subhead_is_not_residue() {
    let text = "Mill town turns factory into park\n\nThe mill closed in 1998, ending a century of paper making in the valley, the owners said.\n\nThe town's plan:\n\nA park on the site\n\nA museum in the boiler house\n\nA cafe by the river\n\nWhat comes next\n\nWork starts in May, the mayor said, and the park should open by the end of next summer.\n\nThe students did.\n\nShare prices of the developer rose after the announcement, analysts said.\n";
    assert_eq!(residue("s.txt", text), Vec::new());
}

#[test]
fn furniture_is_listed_at_info_and_never_residue() {
    let text = format!(
        "Updated 6:15 PM EDT, Mon March 25, 2024\n\nBy Ana Ruiz, Staff Writer\n\n{STORY}Visitors walk the river trail on Saturday. (Photo by Tom Hale / Harbor Ledger)\n\nPhoto: Tom Hale/Harbor Ledger\n\nReporting by Ana Ruiz; Editing by Tom Hale\n\nCorrection: An earlier version of this story misstated the year the mill closed.\n\n© 2025 Harbor Ledger Media. All rights reserved."
    );
    let found = residue("s.txt", &text);
    assert_eq!(
        found.iter().map(|(r, _, _)| r.as_str()).collect::<Vec<_>>(),
        ["boilerplate.legal"],
        "{found:?}"
    );
    let furniture = furniture("s.txt", &text);
    // The byline is a byline block of the document: furniture without being listed.
    for line in [
        "Updated 6:15 PM EDT, Mon March 25, 2024",
        "Visitors walk the river trail on Saturday. (Photo by Tom Hale / Harbor Ledger)",
        "Photo: Tom Hale/Harbor Ledger",
        "Reporting by Ana Ruiz; Editing by Tom Hale",
        "Correction: An earlier version of this story misstated the year the mill closed.",
    ] {
        assert!(
            furniture.contains(&line.to_string()),
            "{line}: {furniture:?}"
        );
    }
    let d = lint("s.txt", &text)
        .into_iter()
        .find(|d| d.rule == "boilerplate.furniture")
        .unwrap();
    assert_eq!(d.severity, Severity::Info);
    assert!(d.fix.is_none(), "furniture is never deleted unasked");
}

#[test]
fn the_old_credit_id_still_configures_furniture() {
    let config = Config::from_toml("[rules]\n\"boilerplate.credit\" = \"warning\"\n").unwrap();
    assert!(config.warnings[0].message.contains("deprecated"));
    let found = lint_as(
        "s.txt",
        &format!("{STORY}Photo: Tom Hale/Harbor Ledger"),
        &config,
    );
    assert!(
        found
            .iter()
            .any(|d| d.rule == "boilerplate.furniture" && d.severity == Severity::Warning)
    );
}

#[test]
fn a_run_needs_two_cue_lines_and_its_thresholds_are_options() {
    let text = format!(
        "{STORY}Advertisement\n\nWeekend Edition Specials\n\nThe museum's board meets again in March to pick a director from three finalists, the chair said."
    );
    // One cue line in a run below the story's start is not enough by default...
    let found = residue("s.txt", &text);
    assert!(
        on(&found, "Weekend Edition Specials").is_none(),
        "{found:?}"
    );
    // ...but is with `run_cues = 1`.
    let config =
        Config::from_toml("[rules]\n\"boilerplate.page-residue\" = { run_cues = 1 }\n").unwrap();
    let found = lint_as("s.txt", &text, &config);
    assert!(
        found.iter().any(|d| d.rule == "boilerplate.page-residue"
            && text[d.primary.span.range()] == *"Weekend Edition Specials"),
        "{found:?}"
    );
}

#[test]
fn context_keys_belong_to_context_rules() {
    let err = Config::from_toml(
        "[[rule]]\nid = \"house.promo\"\nkind = \"boilerplate\"\ncategory = \"promo\"\nlines = ['x']\nrun_cues = 2\nmessage = \"m\"\n",
    )
    .unwrap_err();
    let text = format!("{err:?}");
    assert!(
        text.contains("`run_cues` is only for a rule of category `context`"),
        "{text}"
    );
}

#[test]
fn a_list_of_links_below_the_story_is_residue() {
    let teasers = "Harriers Edge Past Rovers\n\nSchool board delays vote on bus routes\n\nBakery wins county ribbon\n\nLate goal sinks the Otters\n\nWinter market returns to the square\n\nNotes from the statehouse";
    let text = format!("{STORY}{teasers}\n");
    let found = residue("s.txt", &text);
    for line in teasers.split("\n\n") {
        let (rule, note) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert!(note.contains("a list of links"), "{note}");
    }
    assert_eq!(found.len(), 6, "{found:?}");
}

#[test]
fn the_storys_own_lists_are_not_links() {
    // Entries sharing a frame ("Name - Role"), and a list after a lead-in ending in a colon.
    let framed = "Ana Ruiz - Mayor\n\nTom Hale - Council President\n\nLi Wei - Museum Director\n\nSara Cole - Park Ranger\n\nDev Patel - Cafe Owner";
    let introduced = "The museum's rooms:\n\nThe Boiler House\n\nThe Paper Hall\n\nThe Whistle Tower\n\nThe River Gallery\n\nThe Children's Mill";
    for list in [framed, introduced] {
        let text = format!("{STORY}{list}\n");
        let found = residue("s.txt", &text);
        assert!(found.is_empty(), "{found:?}");
    }
}

#[test]
fn teasers_with_summaries_below_the_story_are_residue() {
    let teasers = "Harriers Edge Past Rovers\n\nA late header settled a tense derby in front of a record crowd at the old ground.\n\nBakery Wins County Ribbon\n\nJudges praised a rye loaf that its baker first made for her grandmother's table.\n\nIs Your Furnace Ready?\n\nA few cheap checks before the first frost can spare you a cold night and a large bill.";
    // The story's subject is read from its first six paragraphs.
    let more = "The mill's owners gave the site to the town in 2004, with the boiler house and the whistle tower.\n\nVolunteers restored the paper machines, and the museum now runs one of them on weekends.\n\n";
    let text = format!("{STORY}{more}{teasers}\n");
    let found = residue("s.txt", &text);
    for line in teasers.split("\n\n") {
        let (_, note) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
        assert!(note.contains("teasers in a row"), "{note}");
    }
}

#[test]
fn lines_after_the_storys_sign_off_are_residue() {
    let tail = "Staff writer Ana Ruiz can be reached at aruiz@example.com.\n\nWhat a lovely piece about our town, thanks for writing it!\n\nI remember the whistle from when I was a boy.";
    let text = format!("{STORY}{tail}\n");
    let found = residue("s.txt", &text);
    assert!(
        on(
            &found,
            "Staff writer Ana Ruiz can be reached at aruiz@example.com."
        )
        .is_none()
    );
    for line in tail.split("\n\n").skip(1) {
        let (_, note) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
        assert!(note.contains("sign-off"), "{note}");
    }
    // Furniture after the sign-off (a correction) stays furniture.
    let text = format!(
        "{STORY}Staff writer Ana Ruiz can be reached at aruiz@example.com.\n\nCorrection: An earlier version misstated the museum's opening year.\n"
    );
    assert!(residue("s.txt", &text).is_empty());
}

/// A table of the story's own, flattened one cell a line: a header row of column names, then rows
/// of a name, a state, a county, an address, a city, a zip code and an amount.
const BRANCHES: &str = "Bank\n\nState\n\nCounty\n\nAddress\n\nCity\n\nZip\n\nDeposits\n\nHarbor Savings\n\nMaine\n\nKnox\n\n12 Elm Street\n\nRockland\n\n04841\n\n$18,365\n\nHarbor Savings\n\nMaine\n\nKnox\n\n9 Main Street\n\nCamden\n\n04843\n\n$45,760\n\nHarbor Savings\n\nMaine\n\nKnox\n\n40 Bay Road\n\nBelfast\n\n04915\n\n$12,004\n";

#[test]
fn a_flattened_table_under_a_lead_in_is_the_storys_own() {
    let text = format!("{STORY}The branches to be sold are:\n\n{BRANCHES}");
    let found = residue("s.txt", &text);
    assert!(found.is_empty(), "{found:?}");
    // Two rows only are too few to read the columns, but the lead-in still protects them.
    let short = BRANCHES
        .split("Harbor Savings\n\nMaine\n\nKnox\n\n40")
        .next()
        .unwrap();
    let text = format!("{STORY}The branches to be sold are:\n\n{short}");
    assert!(residue("s.txt", &text).is_empty());
}

#[test]
fn a_flattened_table_is_read_by_its_repeating_columns() {
    // No lead-in: the column names ("State", "City") read as a site's section names, but the
    // cells repeat row by row with a column of figures, so the lines are a table.
    let found = residue("s.txt", &format!("{STORY}{BRANCHES}"));
    assert!(found.is_empty(), "{found:?}");
    // Two rows of it do not show the columns: the section names open a foot of residue.
    let short = BRANCHES
        .split("Harbor Savings\n\nMaine\n\nKnox\n\n40")
        .next()
        .unwrap();
    let found = residue("s.txt", &format!("{STORY}{short}"));
    assert_eq!(
        on(&found, "State").map(|(_, n)| n),
        Some("cue: section names of a site menu, among residue lines"),
        "{found:?}"
    );
}

#[test]
fn an_entry_of_the_storys_own_list_is_not_a_prompt() {
    let tip = "Become familiar with the look of your own security software.";
    let text = format!(
        "{STORY}Safety tips for buyers include:\n\nDo not buy security products offered through unsolicited scans of your computer;\n\nKeep the operating system on every machine updated;\n\n{tip}\n"
    );
    let found = residue("s.txt", &text);
    assert!(found.is_empty(), "{found:?}");
    let found = residue("s.txt", &format!("{STORY}{tip}\n"));
    assert_eq!(
        on(&found, tip).map(|(_, n)| n),
        Some("cue: an imperative prompt to the reader")
    );
}

#[test]
fn a_short_line_between_two_residue_lines_is_residue() {
    let text = format!("Subscribe to our newsletter\n\n£70,995\n\nSkip to content\n\n{STORY}");
    let found = residue("s.txt", &text);
    assert_eq!(
        on(&found, "£70,995"),
        Some((
            "boilerplate.page-residue",
            "cue: a short line between two residue lines"
        )),
        "{found:?}"
    );
    // A paragraph between two ad markers is not a gap, nor is a short sentence or a line on the
    // story's subject.
    let text = format!(
        "{STORY}Advertisement\n\nThe museum will add a second hall next year, the council said, paid for by a state grant.\n\nAdvertisement\n\nThe mill museum\n\nAdvertisement\n\nThe mayor signed it.\n\nAdvertisement\n"
    );
    let found = residue("s.txt", &text);
    assert!(
        found
            .iter()
            .all(|(_, _, n)| !n.contains("between two residue lines")),
        "{found:?}"
    );
}

#[test]
fn reader_comments_without_a_header_are_read_by_their_chatter() {
    let comments = [
        "Great piece!! My grandfather worked the night shift there for thirty years.",
        "well said. the whistle was the best part of every day",
        "@millfan: my dad too... he never missed a shift",
        "So sad to see it go :(",
    ];
    let text = format!("{STORY}{}\n", comments.join("\n\n"));
    let found = residue("s.txt", &text);
    for c in comments {
        let (rule, note) = on(&found, c).unwrap_or_else(|| panic!("{c}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert!(
            note.starts_with("cue: reader comments below the story, 4 of its last 4 lines"),
            "{note}"
        );
    }
    // The story's own ellipsis, a list marker in lower case and two marks are not a comment
    // section.
    let text = format!(
        "{STORY}\"We will rebuild... we always have,\" the mayor said on Tuesday at the gate.\n\nii. The order takes effect in May, the clerk said.\n\nThe park opens at nine on Saturdays!!\n"
    );
    let found = residue("s.txt", &text);
    assert!(
        found.iter().all(|(_, _, n)| !n.contains("reader comments")),
        "{found:?}"
    );
}

#[test]
fn rows_led_by_dates_are_a_list_of_other_stories() {
    // Rows framed as a table, a date and a title on each; ages ("3 days ago") stamp rows too.
    let rows = [
        "| 15.01.08 19:45 | Bakery Wins County Ribbon |",
        "| 15.01.08 19:28 | Late Goal Sinks the Otters |",
        "| 14.01.08 18:02 | School board delays vote on bus routes |",
    ];
    let ages = [
        "| 3 hrs ago | | Harriers edge past Rovers |",
        "| 2 days ago | | Winter market returns to the square |",
        "| 5 days ago | | Ferry timetable changes next month |",
    ];
    // Bare dates, each with its title on the next line.
    let pairs = [
        "15/01/2008",
        "Cargo Ship Sinks In Rough Seas",
        "15/01/2008",
        "Britain Braced For More Rain",
        "14/01/2008",
        "Old And New For Brit Awards",
    ];
    for list in [&rows[..], &ages[..], &pairs[..]] {
        let text = format!("{STORY}{}\n", list.join("\n\n"));
        let found = residue("s.txt", &text);
        for line in list {
            let (rule, note) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
            assert_eq!(rule, "boilerplate.page-residue");
            assert_eq!(
                note,
                "cue: one of 3 rows in a row stamped with a date or a time, at their head or their end (a list of other stories)"
            );
        }
    }
}

#[test]
fn the_storys_own_dates_are_not_a_list_of_other_stories() {
    // A timeline in sentences, a schedule under a lead-in, and a table of the story's own names
    // and dates (their names are the story's subject) stay the story's.
    let timeline = "The Harbor Ledger's mill closed in 1998, ending a century of paper making in the valley, the owners said on Monday.\n\nJanuary 4, 1998 The owners announce the closure.\n\nMarch 2, 1998 The last shift clocks out.\n\nJune 9, 2001 The park opens to visitors.\n";
    let schedule = format!(
        "{STORY}The open day runs as follows:\n\nMay 3, 2025 Mill Tours and Talks\n\nMay 4, 2025 River Trail Walk\n\nMay 5, 2025 Museum Family Day\n"
    );
    let table = "A court barred Ana Ruiz, Tom Hale and Lena Ostrova from running the mill's pension fund, the trustees said on Monday after a hearing in the valley.\n\nRuiz, Hale and Ostrova agreed to the orders, which bar them from managing any fund for five years.\n\nAna Ruiz\n\nMay 1, 2009\n\nTom Hale\n\nJanuary 28, 2009\n\nLena Ostrova\n\nJanuary 28, 2009\n";
    for text in [timeline, schedule.as_str(), table] {
        let found = residue("s.txt", text);
        assert!(
            found.iter().all(|(_, _, n)| !n.contains("led by a date")),
            "{found:?}"
        );
    }
}

/// A line or `unless` pattern of the user's own that parses but is over the regex size limit is
/// an error in the config that names it, not a line shape that silently never matches.
#[test]
fn a_users_pattern_too_large_to_compile_is_a_config_error() {
    let huge = r"\w{1,200}\s\w{1,200}\s\w{1,200}\s\w{1,200}\s(?i)writer";
    for key in ["lines", "unless"] {
        let toml = format!(
            "[[rule]]\nid = \"house.byline\"\nkind = \"boilerplate\"\ncategory = \"promo\"\n\
             lines = ['{}']\n{}message = \"m\"\n",
            if key == "lines" { huge } else { "Read more" },
            if key == "unless" {
                format!("unless = ['{huge}']\n")
            } else {
                String::new()
            },
        );
        let err = Config::from_toml(&toml).unwrap_err();
        let text = format!("{err:?}");
        assert!(
            text.contains("house.byline") || text.contains(huge),
            "{key}: {text}"
        );
        assert!(text.to_lowercase().contains("size limit"), "{key}: {text}");
    }
}

/// Every built-in line pattern compiles within the regex size limit (they compile lazily, and
/// only the user's own are compiled when a config is read).
#[test]
fn every_builtin_line_pattern_compiles() {
    let pack: toml::Table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/boilerplate.toml"
    ))
    .unwrap()
    .parse()
    .unwrap();
    let mut n = 0;
    for rule in pack["rule"].as_array().unwrap() {
        for key in [
            "lines",
            "chatter",
            "sign_offs",
            "signatures",
            "section_breaks",
            "stamps",
            "unless",
        ] {
            for p in rule
                .get(key)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                let p = p.as_str().unwrap();
                let source = if key == "unless" {
                    p.to_string()
                } else {
                    format!("^(?:{p})$")
                };
                if let Err(e) = regex::Regex::new(&source) {
                    panic!("{}: {key} pattern {p:?}: {e}", rule["id"]);
                }
                n += 1;
            }
        }
    }
    assert!(n > 50, "only {n} line patterns found");
}

/// The story's paragraphs framed as table rows, as an extractor leaves a page whose layout is a
/// table.
fn framed_story() -> String {
    STORY
        .split("\n\n")
        .filter(|p| !p.is_empty())
        .map(|p| format!("| {p} |\n\n"))
        .collect()
}

#[test]
fn short_framed_rows_on_a_page_laid_out_in_a_table_are_residue() {
    let cells = [
        "| Ferry Timetable Changes Next Month |",
        "| Winter market returns to the square |",
        "| External links | |",
    ];
    let text = format!(
        "| Site Sponsors |\n\n| Mill Site Becomes a Park |\n\n{}| Museum visitors | 40,000 |\n\n| The museum opens at nine. |\n\n{}\n",
        framed_story(),
        cells.join("\n\n")
    );
    let found = residue("s.txt", &text);
    for line in cells {
        let (rule, note) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert_eq!(
            note,
            "cue: a short framed row off the story's subject, on a page laid out in a table (11 of its 11 lines framed)"
        );
    }
    // The headline (on the story's subject, the last line above it), a row of figures and a
    // sentence are the story's.
    for line in [
        "| Mill Site Becomes a Park |",
        "| Museum visitors | 40,000 |",
        "| The museum opens at nine. |",
    ] {
        assert!(on(&found, line).is_none(), "{line}: {found:?}");
    }
}

#[test]
fn framed_rows_in_a_story_of_prose_are_not_a_page_layout() {
    // Under half of the story's lines are framed: its own table, not the page's layout.
    let rows = [
        "| Ferry Timetable Changes Next Month |",
        "| Winter market returns to the square |",
        "| External links | |",
    ];
    let text = format!("{STORY}{}\n", rows.join("\n\n"));
    let found = residue("s.txt", &text);
    assert!(
        found
            .iter()
            .all(|(_, _, n)| !n.contains("laid out in a table")),
        "{found:?}"
    );
    // A scoreboard among the rows of a framed page: rows holding figures are the story's.
    let board = [
        "| Bowling | Mills 8.5-1-27-2 (2w) |",
        "| | Martin 10-4-22-0 |",
        "| | Shakib Al Hasan 1-0-16-0 |",
        "| Total | for no loss | 95 |",
    ];
    let text = format!("{}{}\n", framed_story(), board.join("\n\n"));
    let found = residue("s.txt", &text);
    assert!(
        found
            .iter()
            .all(|(_, _, n)| !n.contains("laid out in a table")),
        "{found:?}"
    );
}

#[test]
fn teasers_ending_in_a_link_to_the_rest_are_residue() {
    let text = format!(
        "{STORY}Ferry Fares Rise\n\nThe ferry company raised its fares for the second time this year, blaming the price of fuel. Full Story\n\nWant to know what your house is worth? Our guide walks you through it step by step. More"
    );
    let found = residue("s.txt", &text);
    let (rule, note) = on(
        &found,
        "The ferry company raised its fares for the second time this year, blaming the price of fuel. Full Story",
    )
    .expect("flagged");
    assert_eq!(rule, "boilerplate.page-residue");
    assert!(note.contains("a summary ending in a link"), "{note}");
    assert!(
        on(
            &found,
            "Want to know what your house is worth? Our guide walks you through it step by step. More"
        )
        .is_some(),
        "{found:?}"
    );
    // A sentence of the story that ends in "more." is prose.
    let text = format!(
        "{STORY}Visitors who want to know more can read about the trail on the museum's site and much more."
    );
    assert_eq!(residue("s.txt", &text), Vec::new());
}

#[test]
fn a_long_menu_with_a_few_long_items_is_residue() {
    let line = "Home | About Us | Archives | Contacts | Subscription | Group Sites: The Harbor Ledger and the Valley Courier Weekend Edition";
    let text = format!("{line}\n\n{STORY}");
    let found = residue("s.txt", &text);
    assert_eq!(
        on(&found, line),
        Some((
            "boilerplate.page-residue",
            "cue: a menu of 6 short items between separators"
        )),
        "{found:?}"
    );
    // Three items, one of them long: a title with its parts, not a menu.
    let text = format!(
        "{STORY}The museum | The trail along the river that opened to visitors last spring | The cafe"
    );
    assert_eq!(residue("s.txt", &text), Vec::new());
}

#[test]
fn comments_signed_with_a_dash_open_a_comment_section() {
    let text = format!(
        "{STORY}I grew up two streets from the mill and never thought I'd see it turned into a park.\n\n— Posted by Maria, Harbor Falls\n\nMy grandfather worked there for forty years. He would have loved the museum.\n\n— Posted by Tom"
    );
    let found = residue("s.txt", &text);
    assert_eq!(found.len(), 4, "{found:?}");
    // A byline that says "Posted by" is furniture, not a comment.
    let text = format!("Posted by Ana Ruiz, Harbor Ledger\n\n{STORY}");
    assert_eq!(residue("s.txt", &text), Vec::new());
}

#[test]
fn a_copyright_line_with_its_owner_and_year_is_residue_a_credit_is_not() {
    let text = format!("{STORY}© Harbor Ledger Media 2025");
    let found = residue("s.txt", &text);
    assert_eq!(
        on(&found, "© Harbor Ledger Media 2025").map(|(r, _)| r),
        Some("boilerplate.legal")
    );
    let text = format!("{STORY}© Harbor Ledger");
    assert_eq!(residue("s.txt", &text), Vec::new());
}

#[test]
fn rows_closed_by_dates_off_the_subject_are_a_list_of_other_stories() {
    // Teasers of other stories, each title closed by its date; one with a line of summary under
    // each title.
    let rows = [
        "- Ferry Service To The Island Resumes After Storm - October 9, 2020",
        "- Harriers Edge Past Rovers In Cup Replay - October 8, 2020",
        "- Winter Market Returns To The Square - October 7, 2020",
    ];
    let summaries = [
        "Ferry timetable changed for winter - 09 Nov, 2024",
        "Fewer sailings on Sundays.",
        "Harriers edge past Rovers at home - 23 Aug, 2024",
        "A late goal settles it.",
        "Winter market returns to the square - 21 May, 2024",
    ];
    for list in [&rows[..], &summaries[..]] {
        let text = format!("{STORY}{}\n", list.join("\n\n"));
        let found = residue("s.txt", &text);
        for line in list {
            let (rule, note) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
            assert_eq!(rule, "boilerplate.page-residue");
            assert!(note.contains("rows in a row stamped with a date"), "{note}");
        }
    }
    // The story's own list closed by dates keeps to its subject, and a schedule of names (three
    // words before each date) is not a row of titles.
    let own = format!(
        "{STORY}Mill museum visitors passed 10,000 in its first month - May 3, 2024\n\nMill museum visitors passed 20,000 by the summer - July 9, 2024\n\nMill museum visitors passed 40,000 in its first year - May 2, 2025\n"
    );
    let names = format!(
        "{STORY}Ana M. Ruiz April 22, 2025 9:30 AM\n\nTom L. Hale April 27, 2025 9:30 AM\n\nLena K. Ostrova April 28, 2025 9:30 AM\n"
    );
    for text in [own, names] {
        let found = residue("s.txt", &text);
        assert!(
            found.iter().all(|(_, _, n)| !n.contains("led by a date")),
            "{found:?}"
        );
    }
}

#[test]
fn blurbs_off_the_subject_between_residue_lines_below_the_story_are_residue() {
    let blurbs = [
        "Test your knowledge of the week's events with our new crossword puzzle",
        "A guide to the best walks across the county, chosen by our hiking columnist",
        "Are you ready for winter? Our motoring desk has a checklist for every driver",
    ];
    // The story's subject is read from its first six paragraphs.
    let more = "The museum's boiler house holds the mill's last paper machine, restored by volunteers over two winters.\n\nVolunteers from the valley still run the paper machine for visitors on the first Saturday of each month.\n\n";
    let text = format!(
        "{STORY}{more}Share this article\n\n{}\n\nSubscribe to our newsletter\n",
        blurbs.join("\n\n")
    );
    let found = residue("s.txt", &text);
    for b in blurbs {
        let (rule, note) = on(&found, b).unwrap_or_else(|| panic!("{b}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert_eq!(
            note,
            "cue: one of 3 lines off the story's subject between two residue lines below the story"
        );
    }
    // The story's last paragraphs on its subject between two ad markers stay, and so do
    // paragraphs between markup lines.
    let text = format!(
        "{STORY}{more}Advertisement\n\nThe museum and the park will stay open through the winter, the council said.\n\nAdvertisement\n"
    );
    let found = residue("s.txt", &text);
    assert!(
        found
            .iter()
            .all(|(r, _, _)| r != "boilerplate.page-residue"),
        "{found:?}"
    );
    let text = format!(
        "{STORY}{more}| | |\n\nFerry service to the island resumes on Friday after the storm damaged the pier.\n\n| | |\n"
    );
    let found = residue("s.txt", &text);
    assert!(
        on(
            &found,
            "Ferry service to the island resumes on Friday after the storm damaged the pier."
        )
        .is_none_or(|(_, n)| !n.contains("between two residue lines")),
        "{found:?}"
    );
}

#[test]
fn a_lead_in_that_is_residue_introduces_no_list_of_the_storys() {
    let text = format!(
        "Share this article\n\nNotes From The Newsroom:\n\nSubscribe now\n\nWeekend Picks:\n\nPrint this story\n\n{STORY}"
    );
    let found = residue("s.txt", &text);
    for line in ["Notes From The Newsroom:", "Weekend Picks:"] {
        let (rule, note) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert_eq!(note, "cue: a short line between two residue lines");
    }
    // Under a lead-in of the story's own, an entry between two markup lines is no gap.
    let text = format!(
        "{STORY}The museum's new rooms are:\n\nThe Boiler House\n\n| | |\n\nThe Paper Hall\n\n| | |\n\nThe River Room\n"
    );
    let found = residue("s.txt", &text);
    assert!(
        on(&found, "The Paper Hall").is_none_or(|(_, n)| !n.contains("between two residue lines")),
        "{found:?}"
    );
}

#[test]
fn comments_signed_with_a_name_and_a_place_are_residue() {
    // Reader comments with no header, each signed below with a name and a place, no date.
    let comments = [
        "I sailed on her sister ship last spring and the crew kept every deck spotless all week.",
        "Ana R, Lisbon, Portugal",
        "The museum is a fine idea, but the town should have kept the whistle blowing at noon.",
        "tom, Leeds,",
        "My grandfather worked the last shift there, and he would have loved to see the park.",
        "Jo Hale, Dundee, UK",
        "Lovely story!! we went in june and the cafe was shut, hope they sort that out soon.",
        "Priya, Leicester",
        "Does anyone know if the trail is open to bikes? couldn't find it on the council's site.",
        "Mark Olsen, Bergen, Norway",
    ];
    let text = format!("{STORY}{}", comments.join("\n\n"));
    let found = residue("s.txt", &text);
    for line in comments {
        let (rule, _) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
    }
    let (_, note) = on(&found, "Ana R, Lisbon, Portugal").unwrap();
    assert_eq!(note, "cue: a comment signature, one of 5 below the story");
    // Near cases that stay quiet: the story's own list of names and places, one a line, and a
    // list of names each with its record in fields below it.
    let list = format!(
        "{STORY}The council named its new trustees:\n\nAna Ruiz, Lisbon, Portugal\n\nTom Hale, Leeds\n\nJo Marsh, Dundee, UK\n\nThe trustees meet in May, the clerk said, and will set the museum's hours.\n"
    );
    assert_eq!(residue("s.txt", &list), Vec::new());
    let records = format!(
        "{STORY}Ana Ruiz, Lisbon, Portugal\n\nOffense: Theft of mill property\n\nTom Hale, Leeds\n\nOffense: Trespass on the mill site\n\nJo Marsh, Dundee, UK\n\nOffense: Vandalism of the gate\n"
    );
    assert_eq!(residue("s.txt", &records), Vec::new());
}

#[test]
fn a_comment_sections_house_rules_open_it() {
    let text = format!(
        "{STORY}Comment posters are responsible for the opinions they express, and comments that degrade others will be removed.\n\nWhat a lovely piece about our town, thanks for writing it and for the photos."
    );
    let found = residue("s.txt", &text);
    assert_eq!(
        on(
            &found,
            "Comment posters are responsible for the opinions they express, and comments that degrade others will be removed."
        )
        .map(|(r, _)| r),
        Some("boilerplate.comments")
    );
    let (rule, note) = on(
        &found,
        "What a lovely piece about our town, thanks for writing it and for the photos.",
    )
    .expect("flagged");
    assert_eq!(rule, "boilerplate.page-residue");
    assert!(note.contains("comment section"), "{note}");
    // A story's own sentences about comments on a plan are body prose.
    let text = format!(
        "{STORY}Comments on the plan are due by Friday, the agency said.\n\nComments should be sent to the clerk's office, which will publish them in May.\n\nThe council took comments from 40 residents, and most were in favour of the park."
    );
    assert_eq!(residue("s.txt", &text), Vec::new());
}

#[test]
fn below_the_copyright_line_a_sites_blurbs_are_residue() {
    // Prose below the page's copyright line that keeps off the story's subject (the site's own
    // programmes) does not make the story go on.
    let tail = [
        "Radio Valley will carry the county fair parade live from the square on Saturday morning.",
        "Summer Sessions returns with an hour of folk music and interviews each weeknight at eight.",
        "Our podcast page has a complete list of feeds, with every programme ready for download.",
    ];
    let text = format!(
        "{STORY}Copyright 2025 Harbor Ledger Media.\n\n{}",
        tail.join("\n\n")
    );
    let found = residue("s.txt", &text);
    for line in tail {
        let (_, note) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
        assert!(note.contains("copyright or terms line"), "{note}");
    }
}

#[test]
fn a_list_header_on_the_first_line_is_residue() {
    let text = format!("Related Links\n\n{STORY}");
    let found = residue("s.txt", &text);
    assert_eq!(
        on(&found, "Related Links").map(|(r, _)| r),
        Some("boilerplate.promo"),
        "{found:?}"
    );
    // A headline that ends in "Newsletter" is a headline.
    let text = format!("Mill Town Museum Launches a Monthly Visitor Newsletter\n\n{STORY}");
    assert_eq!(residue("s.txt", &text), Vec::new());
}

#[test]
fn a_word_of_the_story_between_residue_lines_is_residue() {
    // A menu's section name shares a word with the story ("Park"), between two residue lines.
    let text = format!("Home | News | Sport | Weather\n\nPark\n\nShare this article\n\n{STORY}");
    let found = residue("s.txt", &text);
    let (rule, note) = on(&found, "Park").unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(rule, "boilerplate.page-residue");
    assert_eq!(note, "cue: a short line between two residue lines");
    // The same word as a subhead between the story's paragraphs, or as a lead-in between
    // residue lines, stays the story's.
    let text = format!(
        "The Harbor Ledger's mill closed in 1998, ending a century of paper making in the valley.\n\nPark\n\n{STORY}Share this article\n\nOn the park:\n\nSign up for our newsletter to get the latest news\n"
    );
    let found = residue("s.txt", &text);
    assert!(on(&found, "Park").is_none(), "{found:?}");
    assert!(on(&found, "On the park:").is_none(), "{found:?}");
}

#[test]
fn a_column_of_three_readers_letters_is_the_storys() {
    // A column that prints a few readers' letters under their names and towns: no comment
    // section (a chain of name-and-place signatures opens one from five on).
    let letters = format!(
        "{STORY}Readers wrote in about last week's column on the mill.\n\nThe museum is a credit to the town, though the car park fills up by ten on a Saturday.\n\nR. Patel, Harrogate\n\nI worked at the mill for thirty years and the exhibits get the paper machines right.\n\nJ. Moore, Skipton\n\nThe trail should reach the old weir; the council owns the land already.\n\nD. Kerr, Otley\n"
    );
    assert_eq!(residue("s.txt", &letters), Vec::new());
}

#[test]
fn a_storys_closing_paragraphs_above_its_comments_stay_the_storys() {
    // Five one-paragraph comments signed below with a name and a place: the first comment is
    // one line, so the story's closing paragraphs above it are not taken for comments.
    let closing = [
        "The trust expects the museum to pay its own way by 2027, its chair said in a statement.",
        "\u{201c}We are proud of what the town has built here,\u{201d} she told the meeting.",
    ];
    let comments = [
        "Great news for the valley, we'll be visiting again this summer with the grandkids!",
        "Sam Tate, York, UK",
        "my dad worked at the mill, it's good they kept the old gate.",
        "Lin, Manchester",
        "Shame about the parking though, took us 40 minutes to find a space on a Sunday.",
        "Ola N, Oslo, Norway",
        "The cafe's scones are worth the trip on their own, honestly.",
        "Bea, Hull,",
        "Will the trail ever reach the weir? The council has promised it for years now.",
        "Ken Ross, Perth, Australia",
    ];
    let text = format!(
        "{STORY}{}\n\n{}",
        closing.join("\n\n"),
        comments.join("\n\n")
    );
    let found = residue("s.txt", &text);
    for line in closing {
        assert!(on(&found, line).is_none(), "{line}: {found:?}");
    }
    for line in comments {
        assert!(on(&found, line).is_some(), "{line}: {found:?}");
    }
}

#[test]
fn a_storys_timestamp_below_it_signs_no_comment() {
    // The story's own time and date below its last paragraph, then the page's widgets and one
    // signed comment: the timestamp is furniture, and the story's last paragraph is the story's.
    let last =
        "The trust will open a second gallery in the old boiler house next year, its chair said.";
    let text = format!(
        "{STORY}{last}\n\n4:05pm Friday 3rd May 2024\n\nPrint Email this\n\nPosted by: Pat, Leeds on 6:12pm Fri 3 May 24\n\nWell done to everyone who kept the mill's story alive, a lovely place to spend a day.\n"
    );
    let found = residue("s.txt", &text);
    assert!(on(&found, last).is_none(), "{found:?}");
    assert!(
        on(&found, "4:05pm Friday 3rd May 2024").is_none(),
        "{found:?}"
    );
}

#[test]
fn a_table_of_defendants_with_their_towns_is_the_storys() {
    // A release's table flattened into lines: a name and age, a town, where and when arrested,
    // the plea. Its towns have the shape of comment signatures, five and more of them.
    let mut rows = String::new();
    for (name, town) in [
        ("Ana Ruiz, 41", "Leeds, England"),
        ("Tom Hale, 38", "Dundee, Scotland"),
        ("Jo Marsh, 52", "Bergen, Norway"),
        ("Ken Ross, 29", "Perth, Australia"),
        ("Bea Lund, 33", "Malmo, Sweden"),
        ("Sam Tate, 47", "York, England"),
    ] {
        rows.push_str(&format!(
            "{name}\n\n{town}\n\nArrested at the mill May 28, 2024\n\nPleaded guilty Jan. 20, 2025. Sentencing Sept. 21, 2025.\n\n"
        ));
    }
    let text = format!("{STORY}{rows}");
    assert_eq!(residue("s.txt", &text), Vec::new());
}

#[test]
fn reader_comments_in_plain_sentences_are_read_by_a_change_of_voice() {
    // Comments on the story's subject with no header, few marks of chatter: the story reports in
    // the third person, its readers speak for themselves.
    let comments = [
        "I walked the new trail on Sunday and it is a real credit to the town.",
        "My uncle ran the paper machine there until the day it shut.",
        "Shame about the whistle... it was part of the valley.",
        "I remember the smell of the pulp from the school yard.",
        "well done to the council for once",
        "They should open the cafe in the winter too!",
        "Lovely... just lovely.",
        "Best thing to happen to the river in years.",
    ];
    let text = format!("{STORY}{}\n", comments.join("\n\n"));
    let found = residue("s.txt", &text);
    for c in comments {
        let (rule, note) = on(&found, c).unwrap_or_else(|| panic!("{c}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert!(
            note.starts_with(
                "cue: reader comments below a story told in the third person: 7 of its last 8 lines"
            ),
            "{note}"
        );
    }
    // The story's own paragraphs above them stay the story's.
    assert_eq!(found.len(), comments.len(), "{found:?}");
}

#[test]
fn a_statement_or_an_interview_in_the_first_person_is_the_storys() {
    // A statement printed whole below the story's opening, in the first person without
    // quotation marks: no chatter, no comments.
    let statement = format!(
        "{STORY}The mayor issued this statement on Tuesday:\n\nI would like to thank the workers who kept the mill running for so many years.\n\nMy office will publish the museum's accounts every quarter, and I will report to the council in May.\n\nI know the closure hurt many families in the valley, and I share their loss.\n\nWe will keep the trail open through the winter.\n"
    );
    assert_eq!(residue("s.txt", &statement), Vec::new());
    // An interview: each answer under its speaker's label, with the speaker's pauses.
    let interview = format!(
        "{STORY}Ruiz: I started at the mill in 1971... my father got me the job.\n\nLedger: Did you expect it to close?\n\nRuiz: Not really... I thought the orders would come back.\n\nLedger: What do you make of the park?\n\nRuiz: I walk the trail most mornings... it is a good use of the site.\n"
    );
    assert_eq!(residue("s.txt", &interview), Vec::new());
}

#[test]
fn a_chain_of_name_and_place_signatures_may_follow_the_storys_list() {
    // The story ends with a list of short lines; the comments below repeat a first name.
    let comments = [
        "I sailed on her sister ship last spring and the crew kept every deck spotless all week.",
        "Ana R, Lisbon, Portugal",
        "The museum is a fine idea, but the town should have kept the whistle blowing at noon.",
        "john Hale, Leeds,",
        "My grandfather worked the last shift there, and he would have loved to see the park.",
        "John, Dundee, UK",
        "The cafe was shut when we went in June, and the sign gave no hours at all.",
        "Priya, Leicester",
        "Does anyone know if the trail is open to bikes? I could not find it on the council's site.",
        "Mark Olsen, Bergen, Norway",
    ];
    let text = format!(
        "{STORY}Past closures in the valley:\n\n- The tannery, in 1982\n\n- The brick works\n\n{}",
        comments.join("\n\n")
    );
    let found = residue("s.txt", &text);
    for line in comments {
        let (rule, _) = on(&found, line).unwrap_or_else(|| panic!("{line}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
    }
    let (_, note) = on(&found, "Ana R, Lisbon, Portugal").unwrap();
    assert_eq!(note, "cue: a comment signature, one of 5 below the story");
}

#[test]
fn a_prompt_led_by_a_question_or_a_connective_is_residue() {
    let prompts = [
        "Enjoyed this story? Sign up for our morning newsletter.",
        "New in town? Welcome aboard! Register here for local alerts.",
        "Then join our readers' panel and tell us what to cover next.",
    ];
    let text = format!("{STORY}{}\n", prompts.join("\n\n"));
    let found = residue("s.txt", &text);
    for p in prompts {
        let (rule, note) = on(&found, p).unwrap_or_else(|| panic!("{p}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert!(note.starts_with("cue: an imperative prompt"), "{note}");
    }
}

#[test]
fn a_question_or_a_connective_in_the_storys_prose_leads_no_prompt() {
    // A question answered in the story, a quotation of a prompt, a sentence opening "So" or
    // "Then" that goes on in the third person: the story's own.
    let text = format!(
        "{STORY}Who pays for the new bridge? Residents will, through a levy on their water bills, the treasurer said.\n\n\"Want to help? Join us at the gate on Saturday,\" the organiser told the crowd.\n\nSo far the county has spent $2 million on the trail, and your reporter counted 40 benches.\n\nThen came the flood of 2004, which closed the museum for a year.\n\nShare the cost? The council said no.\n"
    );
    assert_eq!(residue("s.txt", &text), Vec::new());
}

#[test]
fn the_pages_own_source_code_in_a_line_is_residue() {
    let code = [
        "Mill becomes a park - Harbor Ledger</title><script src=\"/ads.js\"></script>",
        "var slot = 4; document.write('<div class=\"ad\">');",
        "Mill becomes a park obj.style.fontSize = size + \"pt\";",
    ];
    let text = format!("{}\n\n{STORY}", code.join("\n\n"));
    let found = residue("s.txt", &text);
    for c in code {
        let (rule, note) = on(&found, c).unwrap_or_else(|| panic!("{c}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert_eq!(
            note, "cue: the web page's own source code (a script or markup tags)",
            "{c}"
        );
    }
    // A story about a web page's code names it in words.
    let prose = format!(
        "{STORY}The council's web team said a stray script tag had broken the booking page for an hour on Monday.\n\nThe museum's style guide asks staff to write dates in full.\n"
    );
    assert_eq!(residue("s.txt", &prose), Vec::new());
}

#[test]
fn lines_off_the_subject_below_the_furniture_closing_the_story_are_residue() {
    let tail = ["Traffic Cams", "Weather Watch"];
    let text = format!(
        "{STORY}Posted 10:42 a.m. Jan. 14, 2008\n\n{}\n",
        tail.join("\n\n")
    );
    let found = residue("s.txt", &text);
    for t in tail {
        let (rule, note) = on(&found, t).unwrap_or_else(|| panic!("{t}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert!(
            note.starts_with("cue: off the story's subject below the furniture that closes it"),
            "{note}"
        );
    }
    // A box under the closing furniture, with its title over a paragraph, and a line on the
    // story's subject stay the story's.
    let boxed = format!(
        "{STORY}Posted 10:42 a.m. Jan. 14, 2008\n\nWeekend hours at a glance\n\nThe cafe opens at nine on Saturdays and closes at four, and the trail stays lit until dusk.\n\nThe mill museum\n"
    );
    assert_eq!(residue("s.txt", &boxed), Vec::new());
}

#[test]
fn a_whole_text_of_teasers_off_each_others_subject_is_residue() {
    // The extractor took a page's list of other stories: each title over its summary, and no
    // teaser on the subject of those above it.
    let lines = [
        "Top Stories",
        "Harbor ferry fares to rise in spring",
        "The harbor authority will raise ferry fares by a quarter from April, citing fuel costs and a new dock.",
        "Orchard growers fear late frost damage",
        "Apple growers in the valley say a late frost could cost them half of this year's blossom.",
        "Library extends weekend opening hours",
        "The central library will open on Sundays from next month after volunteers offered to staff the desk.",
    ];
    let text = format!("{}\n", lines.join("\n\n"));
    let found = residue("s.txt", &text);
    // The header is the promo rule's; the teasers under it are this cue's.
    for l in &lines[1..] {
        let (rule, note) = on(&found, l).unwrap_or_else(|| panic!("{l}: {found:?}"));
        assert_eq!(rule, "boilerplate.page-residue");
        assert!(
            note.starts_with("cue: the whole text is 3 titled summaries"),
            "{note}"
        );
    }
}

#[test]
fn a_story_with_subheads_or_an_opening_paragraph_is_no_teaser_list() {
    // A story told in sections keeps to its subject under each subhead.
    let sections = "Harbor ferry fares to rise in spring\n\nThe harbor authority will raise ferry fares by a quarter from April, citing fuel costs.\n\nWhat the harbor board decided\n\nThe harbor board voted five to two for the ferry fare rise after a long meeting on Tuesday.\n\nWhere the ferry money goes\n\nThe harbor authority says the extra fare money will pay for a new ferry dock at the north pier.\n";
    assert_eq!(residue("s.txt", sections), Vec::new());
    // A list of the story's own opens with its paragraph.
    let list = "Five new places to eat downtown opened their doors this winter, and our critic tried each one in turn over a week.\n\nHarbor Grill on Front Street\n\nThe grilled fish came quickly and the chips were crisp, though the dining room was cold.\n\nOrchard Kitchen at the old depot\n\nApple tart is the thing to order here, warm and sharp, with cream on the side.\n\nThe Reading Room cafe downtown\n\nBooks line the walls and the soup changes daily; the lentil was the best of the week.\n";
    assert_eq!(residue("s.txt", list), Vec::new());
}
