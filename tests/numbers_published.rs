//! The numbers rules on the shapes of published copy that once drew false alarms (see
//! benches/false-alarms): AP's own exceptions to number style, shares that are not shares of one
//! whole, parts and wholes, and the thousands separator. One short story per case, positive and
//! negative.

mod common;

use common::{parse_json, run_in, temp_dir};
use std::collections::BTreeMap;
use std::fs;

/// The findings of `rule` on each story, as messages: all stories are checked in one run.
fn findings(rule: &str, stories: &[(&str, &str)]) -> BTreeMap<String, Vec<String>> {
    let dir = temp_dir(&format!("numbers-published-{}", rule.replace('.', "-")));
    for (name, text) in stories {
        fs::write(dir.join(format!("{name}.md")), text).unwrap();
    }
    let out = run_in(
        &dir,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "never",
            ".",
        ],
        None,
    );
    let doc = parse_json(&out.stdout);
    let mut found: BTreeMap<String, Vec<String>> = stories
        .iter()
        .map(|(n, _)| (n.to_string(), Vec::new()))
        .collect();
    for d in doc["diagnostics"].as_array().unwrap() {
        if d["rule"] != rule {
            continue;
        }
        let path = d["path"].as_str().unwrap();
        let name = path
            .rsplit(['/', '\\'])
            .next()
            .unwrap()
            .trim_end_matches(".md");
        found
            .entry(name.to_string())
            .or_default()
            .push(d["message"].as_str().unwrap().to_string());
    }
    found
}

fn assert_none(found: &BTreeMap<String, Vec<String>>, names: &[&str]) {
    for name in names {
        assert!(found[*name].is_empty(), "{name}: {found:#?}");
    }
}

#[test]
fn style_knows_aps_exceptions() {
    let found = findings(
        "numbers.style",
        &[
            (
                "no",
                "The team is ranked No. 1 in the league after its 3rd win.\n",
            ),
            ("years", "The law was passed in 2019 and amended in 2021.\n"),
            (
                "list-markers",
                "The decree requires the city to (1) hire monitors, (2) train officers and 3) \
                 report twice a year.\n",
            ),
            (
                "labels",
                "The tier 1 suppliers, Article 5 of the treaty, type 2 diabetes and Count 2 of \
                 the indictment were discussed.\n",
            ),
            (
                "punctuated-labels",
                "Co-conspirator #1 wired the money under section 1832(a)(5) and the 8(a) \
                 program, as H.B. 2 allowed.\n",
            ),
            (
                "tallies",
                "The council voted 7-2 and the court ruled 5–4, with a 6 – 3 vote in committee.\n",
            ),
            (
                "ranges",
                "Officials expect 5-7 people to apply, or 5–7 people at most.\n",
            ),
            (
                "bare",
                "Employee 1 reached the same conclusion in the 2 liter test.\n",
            ),
            (
                "label-pairs",
                "The review of Category 3 and 4 banks ended, as did Region 1 or 2 audits.\n",
            ),
            (
                "fields",
                "Sentence: 5 years in prison and 3 years of supervised release.\n",
            ),
            (
                "table",
                "Name\n\nAge\n\nJuan Perez\n\n42\n\nVista, CA\n\nAna Ruiz\n\n35\n\nOceanside, CA\n",
            ),
            (
                "address",
                "Send comments to the Antitrust Division.\n\n2952 Saunders Settlement Rd.\n",
            ),
            (
                "list-items",
                "Key priorities include:\n\n$721.5 million to counter the threat of terrorism.\n\n\
                 $510.6 million to assist state and local law enforcement agencies.\n",
            ),
            (
                "transcript",
                "We asked the mayor about the plan.\n\n((WN)) How many crews?\n\n((Ana Ruiz)) We \
                 have 3 crews and ten trucks.\n",
            ),
            ("brand", "Bottles of 5-Hour ENERGY were seized.\n"),
            (
                "ages",
                "Children under 5 years of age were most at risk, officials said.\n",
            ),
            (
                "compound-words",
                "The agency counted 79,332 cases in the twenty four hours before noon.\n",
            ),
            (
                "title-case-line",
                "Blackout Deprived Many Fans of the Chance to Watch the Dodgers for Last 3 Seasons\n\n\
                 The lawsuit was filed on Wednesday.\n",
            ),
        ],
    );
    for (name, messages) in &found {
        assert!(messages.is_empty(), "{name}: {found:#?}");
    }
}

#[test]
fn style_still_catches_what_ap_would_change() {
    let found = findings(
        "numbers.style",
        &[
            ("count", "Police seized 3 rifles in the raid.\n"),
            ("duration", "He was sentenced to 5 years in prison.\n"),
            ("words", "She faces ten years in prison.\n"),
            (
                "start",
                "The bus left at dawn.\n\n12 people were hurt when it overturned on the highway.\n",
            ),
            (
                "repeated",
                "The Department identifies eight (8) enforcement areas.\n",
            ),
        ],
    );
    assert_eq!(found["count"], ["spell out 3: three"], "{found:#?}");
    assert_eq!(found["duration"], ["spell out 5: five"], "{found:#?}");
    assert_eq!(found["words"], ["use the figure 10 for ten"], "{found:#?}");
    assert_eq!(
        found["start"],
        ["a sentence starts with the figure 12"],
        "{found:#?}"
    );
    assert_eq!(
        found["repeated"],
        ["'eight (8)': the figure repeats the word; write `eight`"],
        "{found:#?}"
    );
}

#[test]
fn shares_are_summed_only_within_one_whole() {
    let found = findings(
        "numbers.shares-exceed-whole",
        &[
            (
                "split",
                "Labour won 40 percent, the Conservatives 35 percent and the Liberals 30 \
                 percent.\n",
            ),
            (
                "poll",
                "Among voters under 35, 58 percent said yes and 49 percent said no.\n",
            ),
            (
                "changes",
                "Sales jumped 88.4 percent and profits climbed 29.2 percent.\n",
            ),
            (
                "measures",
                "The merger would give it a 63 percent market share in the west and a 55 percent \
                 market share in the north.\n",
            ),
            (
                "rates",
                "That includes a 92 percent unlawful rate among 24,476 aliens in one custody and \
                 a 97 percent unlawful rate in the other.\n",
            ),
            (
                "target",
                "The minister called for a 100% immunization rate, and said 92% had been \
                 reached.\n",
            ),
            (
                "compositions",
                "The yeast grew in 100% H2 and in 100% He, as in air.\n",
            ),
            (
                "parentheses",
                "The products include Rea Lo (Urea 40 percent) Cream and Rea Lo 39 (Urea 39 \
                 percent) Cream.\n",
            ),
            (
                "hyperbole",
                "He is not just 100 percent but 1,000,000 percent with you.\n",
            ),
            (
                "ranges",
                "Between 60 and 70 percent said yes, and 40 percent said no.\n",
            ),
            (
                "rounding",
                "Ana won 34 percent, Ben 34 percent and Cal 33 percent.\n",
            ),
        ],
    );
    assert_eq!(found["split"].len(), 1, "{found:#?}");
    assert_eq!(found["poll"].len(), 1, "{found:#?}");
    assert_none(
        &found,
        &[
            "changes",
            "measures",
            "rates",
            "target",
            "compositions",
            "parentheses",
            "hyperbole",
            "ranges",
            "rounding",
        ],
    );
}

#[test]
fn out_of_is_read_as_a_part_and_its_whole() {
    let parts = findings(
        "numbers.part-exceeds-whole",
        &[
            (
                "right-way",
                "The motion passed, 35 out of 55 members voting for it.\n",
            ),
            (
                "too-many",
                "The motion passed, 60 out of 55 members voting for it.\n",
            ),
        ],
    );
    assert!(parts["right-way"].is_empty(), "{parts:#?}");
    assert_eq!(parts["too-many"].len(), 1, "{parts:#?}");
    let majority = findings(
        "numbers.majority",
        &[(
            "out-of",
            "A majority of the board backed it: 4 out of 9 members voted yes.\n",
        )],
    );
    assert_eq!(majority["out-of"].len(), 1, "{majority:#?}");
}

#[test]
fn the_thousands_separator_counts_only_figures_that_count() {
    let found = findings(
        "numbers.thousands-separator",
        &[
            (
                "mixed",
                "The jail holds more than 6300 inmates, and more than 100,000 people are booked \
                 in each year, up from 90,000.\n",
            ),
            (
                "not-counts",
                "Write to Suite 4000, 450 Fifth Street, Washington, D.C. 20530, or P.O. Box \
                 3061. The 2009 shipments, Form 1099-OID and 2300 Lake Elmo Drive were named; \
                 63,000 people signed.\n",
            ),
        ],
    );
    assert_eq!(
        found["mixed"],
        ["'6300' here, but the story writes 100,000"],
        "{found:#?}"
    );
    assert!(found["not-counts"].is_empty(), "{found:#?}");
}

#[test]
fn percent_form_leaves_speech_alone() {
    let found = findings(
        "numbers.percent-form",
        &[
            (
                "mixed",
                "Sales rose 12 percent in March.\n\nProfits fell 4% in April.\n",
            ),
            (
                "first-person",
                "Turnout was 42.9 percent, officials said.\n\nTo small-government Republicans, \
                 I say we can cut government by 75% without leaving anyone out.\n",
            ),
            (
                "transcript",
                "Turnout was 42 percent in the city.\n\n((WN)) Why so low?\n\n((Ana Ruiz)) About \
                 60% of voters were away.\n",
            ),
        ],
    );
    assert_eq!(found["mixed"].len(), 1, "{found:#?}");
    assert_none(&found, &["first-person", "transcript"]);
}
