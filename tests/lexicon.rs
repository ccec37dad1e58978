//! The lexicon: a newsroom extends or replaces word lists from `[lexicon]` in copydesk.toml, the
//! changes reach every analysis (check, inspect), mistakes are config errors drawn over the TOML,
//! and `copydesk lexicon` shows the lists as resolved.

mod common;

use common::{TempDir, parse_json, root, run_in, stderr, stdout, temp_dir};
use copydesk::config::Config;
use copydesk::document::{Document, Format};
use copydesk::source::Source;
use std::fs;
use std::path::Path;

/// A quotation whose only speech verb is made up, and not in the past tense ("Ruiz blorfed" would
/// be read by its structure: a name, then a past-tense verb, next to the quotation).
const BLORFED: &str = "The council met.\n\n\
                       \"We cannot keep patching this road every spring,\" Ruiz blorfs.\n";

/// A quotation attributed with "said".
const SAID: &str = "The council met.\n\n\
                    \"We cannot keep patching this road every spring,\" Ruiz said.\n";

/// A story in a fresh directory, with an optional copydesk.toml beside it.
fn story(name: &str, text: &str, config: Option<&str>) -> TempDir {
    let dir = temp_dir(name);
    fs::write(dir.join("s.md"), text).unwrap();
    if let Some(c) = config {
        fs::write(dir.join("copydesk.toml"), c).unwrap();
    }
    dir
}

/// The rule ids fired on `s.md` in `dir`.
fn fired(dir: &Path) -> Vec<String> {
    let out = run_in(dir, &["check", "s.md", "--format", "json"], None);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    parse_json(&out.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `check` on a story with a bad config: exit 2, nothing checked, the error over the TOML.
fn config_error(config: &str) -> String {
    let dir = story("lexicon-error", SAID, Some(config));
    let out = run_in(&dir, &["check", "s.md", "--color", "never"], None);
    assert_eq!(out.status.code(), Some(2), "{config}\n{}", stderr(&out));
    assert_eq!(stdout(&out), "", "nothing is checked: {config}");
    stderr(&out)
}

fn assert_contains(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "expected {e:?} in:\n{text}");
    }
}

#[test]
fn an_added_speech_verb_attributes_a_quotation() {
    const QUOTE: &str = "attribution.unattributed-quote";
    let dir = story("lexicon-add", BLORFED, None);
    assert!(fired(&dir).contains(&QUOTE.to_string()));
    fs::write(
        dir.join("copydesk.toml"),
        "[lexicon]\nspeech_verbs = { add = [\"blorfs\"] }\n",
    )
    .unwrap();
    assert!(!fired(&dir).contains(&QUOTE.to_string()));
    // inspect reads the story with the same lexicon: the quotation has its speaker.
    let out = run_in(&dir, &["inspect", "s.md", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let quotation = &parse_json(&out.stdout)["quotations"][0];
    assert_eq!(quotation["full"], true);
    assert_eq!(quotation["speaker"]["text"], "Ruiz");
    // --no-config ignores the change.
    let out = run_in(
        &dir,
        &["check", "s.md", "--no-config", "--format", "json"],
        None,
    );
    assert!(stdout(&out).contains(QUOTE));
}

/// `score` checks with the config's lexicon too: the labelled quotation is missed once the
/// made-up verb attributes it.
#[test]
fn score_reads_stories_with_the_configs_lexicon() {
    let dir = story("lexicon-score", BLORFED, None);
    fs::write(
        dir.join("labels.jsonl"),
        "{\"path\": \"s.md\", \"line\": 3, \"rule\": \"attribution.unattributed-quote\"}\n",
    )
    .unwrap();
    let counts = |dir: &Path| {
        let args = ["score", "--labels", "labels.jsonl", "--json", "s.md"];
        let out = run_in(dir, &args, None);
        let rule = &parse_json(&out.stdout)["rules"]["attribution.unattributed-quote"];
        (rule["tp"].as_u64(), rule["fn"].as_u64())
    };
    assert_eq!(counts(&dir), (Some(1), Some(0)));
    fs::write(
        dir.join("copydesk.toml"),
        "[lexicon]\nspeech_verbs = { add = [\"blorfs\"] }\n",
    )
    .unwrap();
    assert_eq!(counts(&dir), (Some(0), Some(1)));
}

#[test]
fn a_replaced_list_drops_the_built_in_words() {
    let dir = story("lexicon-replace", SAID, None);
    assert!(fired(&dir).is_empty());
    fs::write(
        dir.join("copydesk.toml"),
        "[lexicon]\nspeech_verbs = { replace = [\"blorfs\"] }\n",
    )
    .unwrap();
    assert_eq!(fired(&dir), ["attribution.unattributed-quote"]);
}

#[test]
fn a_grouped_list_takes_a_new_group() {
    let text = "Rescuers said 42 people were marooned on the island.\n\n\
                The 44 people marooned there were safe, officials said.\n";
    let dir = story("lexicon-groups", text, None);
    assert!(!fired(&dir).contains(&"numbers.inconsistent".to_string()));
    fs::write(
        dir.join("copydesk.toml"),
        "[lexicon]\nevent_cues = { add = { marooned = [\"marooned\", \"stranded\"] } }\n",
    )
    .unwrap();
    assert!(fired(&dir).contains(&"numbers.inconsistent".to_string()));
}

/// The library: a config's lexicon reaches a document parsed with it.
#[test]
fn documents_are_parsed_with_the_configs_lexicon() {
    let config = Config::from_toml("[lexicon]\nspeech_verbs = { add = [\"Blorfs\"] }\n").unwrap();
    let source = Source::new("s.md", BLORFED);
    let with = Document::parse_with(&source, Format::Markdown, &config.lexicon);
    let without = Document::parse(&source, Format::Markdown);
    let speaker = |d: &Document| d.speakers()[0].map(|s| d.text_of(s).to_string());
    assert_eq!(speaker(&with).as_deref(), Some("Ruiz"));
    assert_eq!(speaker(&without), None);
    let ids = |d: &Document| -> Vec<String> {
        copydesk::lint(d, &config.ruleset)
            .into_iter()
            .map(|d| d.rule)
            .collect()
    };
    assert!(ids(&with).is_empty());
    assert_eq!(ids(&without), ["attribution.unattributed-quote"]);
}

/// A weekday abbreviation is a date spelling and never ends a sentence.
#[test]
fn an_added_abbreviation_reaches_dates_and_sentences() {
    let config =
        Config::from_toml("[lexicon]\nweekdays = { add = { thursday = [\"thurs\"] } }\n").unwrap();
    let source = Source::new(
        "s.md",
        "---\ndate: 2025-06-04\n---\n\nThe board meets Thurs. June 5 at noon.\n",
    );
    let with = Document::parse_with(&source, Format::Markdown, &config.lexicon);
    let without = Document::parse(&source, Format::Markdown);
    assert_eq!((with.sentences.len(), without.sentences.len()), (1, 2));
    let first = |d: &Document| d.text_of(d.dates().mentions[0].span).to_string();
    assert_eq!(first(&with), "Thurs. June 5");
    assert_eq!(first(&without), "June 5");
}

#[test]
fn an_unknown_list_is_an_error_over_the_toml() {
    let err = config_error("[lexicon]\nspeech_verb = { add = [\"blorfed\"] }\n");
    assert_contains(
        &err,
        &[
            "unknown lexicon list `speech_verb`",
            "did you mean `speech_verbs`?",
            "copydesk.toml:2:1",
            "speech_verb = {",
        ],
    );
    let err = config_error("[lexicon]\nzzz = { add = [\"x\"] }\n");
    assert_contains(&err, &["`copydesk lexicon` lists every list"]);
}

#[test]
fn a_key_other_than_add_or_replace_is_an_error() {
    let err = config_error("[lexicon]\nspeech_verbs = { ad = [\"blorfed\"] }\n");
    assert_contains(
        &err,
        &[
            "unknown key `ad` for lexicon list `speech_verbs`",
            "did you mean `add`?",
            "copydesk.toml:2:18",
        ],
    );
    assert_contains(
        &config_error("[lexicon]\nspeech_verbs = { add = [\"a\"], replace = [\"b\"] }\n"),
        &["`add` and `replace` together"],
    );
}

#[test]
fn entries_of_the_wrong_shape_are_errors() {
    let cases: &[(&str, &[&str])] = &[
        (
            "[lexicon]\nspeech_verbs = [\"blorfed\"]\n",
            &["`speech_verbs` must be a table", "copydesk.toml:2:16"],
        ),
        (
            "[lexicon]\nevent_cues = { add = [\"burned\"] }\n",
            &["`event_cues` takes a table of lists of words"],
        ),
        (
            "[lexicon]\nmonths = { add = { septembr = [\"sept\"] } }\n",
            &[
                "`months` has no group `septembr`",
                "did you mean `september`?",
            ],
        ),
        (
            "[lexicon]\nones = { add = [\"twenty\"] }\n",
            &["`ones` is ordered", "use `replace`"],
        ),
        (
            "[lexicon]\ntens = { replace = [\"twenty\"] }\n",
            &["exactly 8 words"],
        ),
        (
            "[lexicon]\nevent_cues = { add = { wounded = [\"dead\"] } }\n",
            &["\"dead\" is in both group `killed` and group `wounded`"],
        ),
        (
            "[lexicon]\nstop_words = { add = [\"  \"] }\n",
            &["an empty word"],
        ),
    ];
    for (toml, expected) in cases {
        assert_contains(&config_error(toml), expected);
    }
}

/// Word lists that were rule options are refused there, with a pointer to the lexicon.
#[test]
fn former_word_list_options_point_to_the_lexicon() {
    let err = config_error(
        "[rules]\n\"attribution.unattributed-quote\" = { speech_verbs = [\"blorfed\"] }\n",
    );
    assert_contains(
        &err,
        &[
            "unknown key `speech_verbs`",
            "is now the lexicon list `speech_verbs`",
            "its keys are: window",
        ],
    );
    let err = config_error("[rules]\n\"numbers.inconsistent\" = { people = [\"fans\"] }\n");
    assert_contains(&err, &["is now the lexicon list `people_nouns`"]);
}

#[test]
fn copydesk_lexicon_lists_every_list_with_its_size() {
    let out = run_in(&root(), &["lexicon", "--no-config"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let file: toml::Table =
        toml::from_str(&fs::read_to_string(root().join("rules/lexicon.toml")).unwrap()).unwrap();
    assert_eq!(text.lines().count(), file.len(), "{text}");
    for name in file.keys() {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{name} "))),
            "{name} missing:\n{text}"
        );
    }
    let line = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("speech_verbs "))
            .unwrap()
            .split_whitespace()
            .take(3)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let n = file["speech_verbs"]["words"].as_array().unwrap().len();
    assert_eq!(line(&text), ["speech_verbs", &n.to_string(), "Speech"]);
    // The config's changes are shown.
    let dir = story(
        "lexicon-list",
        SAID,
        Some("[lexicon]\nspeech_verbs = { add = [\"blorfs\"] }\n"),
    );
    let out = run_in(&dir, &["lexicon"], None);
    assert_eq!(
        line(&stdout(&out)),
        ["speech_verbs", &(n + 1).to_string(), "Speech"]
    );
}

#[test]
fn copydesk_lexicon_name_prints_one_entry_a_line() {
    let out = run_in(&root(), &["lexicon", "speech_verbs", "--no-config"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let file: toml::Table =
        toml::from_str(&fs::read_to_string(root().join("rules/lexicon.toml")).unwrap()).unwrap();
    assert_eq!(
        lines.len(),
        file["speech_verbs"]["words"].as_array().unwrap().len()
    );
    assert_eq!(lines[..3], ["said", "says", "say"]);
    assert!(lines.contains(&"according to"));
    // A grouped list: each entry after its group, named groups in their order.
    let out = run_in(&root(), &["lexicon", "months", "--no-config"], None);
    let text = stdout(&out);
    let first: Vec<Vec<&str>> = text
        .lines()
        .take(3)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        first,
        [
            ["january", "january"],
            ["january", "jan"],
            ["february", "february"]
        ]
    );
    // --config shows the resolved list.
    let dir = story("lexicon-one", SAID, None);
    fs::write(
        dir.join("house.toml"),
        "[lexicon]\nspeech_verbs = { add = [\"Blorfs\"] }\n",
    )
    .unwrap();
    let out = run_in(
        &dir,
        &["lexicon", "speech_verbs", "--config", "house.toml"],
        None,
    );
    assert_eq!(stdout(&out).lines().last(), Some("blorfs"));
}

#[test]
fn copydesk_lexicon_with_an_unknown_name_suggests_one() {
    let out = run_in(&root(), &["lexicon", "speech_verb", "--no-config"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_contains(
        &stderr(&out),
        &[
            "unknown lexicon list `speech_verb`",
            "did you mean `speech_verbs`?",
        ],
    );
    // A bad config is reported as for any other command.
    let dir = story("lexicon-bad", SAID, Some("[lexicon]\nnope = 1\n"));
    let out = run_in(&dir, &["lexicon"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_contains(&stderr(&out), &["unknown lexicon list `nope`"]);
}
