//! Output formats of `copydesk check`: exact expected output of every format over
//! `fixtures/formats/stories` (a story with curly quotes, accented names and an emoji, and a clean
//! one), SARIF's required fields, escaping, and the column unit of each format.

mod common;

use common::{assert_matches_file, root, run_in, run_with_env, stdout, temp_dir};
use serde_json::Value;
use std::fs;

const STORIES: &str = "fixtures/formats/stories";
const STORY: &str = "fixtures/formats/stories/unicode.md";

/// The formats and the name of their expected output under `fixtures/formats/expected/`.
const FORMATS: [&str; 8] = [
    "human",
    "concise",
    "json",
    "jsonl",
    "sarif",
    "github",
    "checkstyle",
    "rdjson",
];

/// The message of the fixture config's house rule, as configured.
const JARGON: &str = "'R&D' is jargon: write “research & development” (\"R and D\" in headlines), \
                      <em>100%</em> of the time,\nthen 'R&D'";

fn check(format: &str) -> String {
    let out = run_in(
        &root(),
        &["check", "--color", "never", "--format", format, STORIES],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{format}: {}",
        common::stderr(&out)
    );
    stdout(&out)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn every_format_matches_its_expected_output() {
    let mut failures = Vec::new();
    for format in FORMATS {
        let actual = check(format);
        let expected = root().join(format!("fixtures/formats/expected/{format}.expected"));
        if std::panic::catch_unwind(|| assert_matches_file(&expected, &actual)).is_err() {
            failures.push(format);
        }
    }
    assert!(failures.is_empty(), "formats differ: {failures:?}");
}

#[test]
fn github_appends_a_summary_table_to_the_step_summary() {
    let dir = temp_dir("step-summary");
    let summary = dir.join("summary.md");
    fs::write(&summary, "Earlier step's summary.\n\n").unwrap();
    let out = run_with_env(
        &root(),
        &["check", "--format", "github", STORIES],
        None,
        &[("GITHUB_STEP_SUMMARY", &summary)],
    );
    assert_eq!(out.status.code(), Some(1));
    // Annotations are unchanged by the summary.
    assert_eq!(stdout(&out), check("github"));
    let written = fs::read_to_string(&summary).unwrap();
    let appended = written
        .strip_prefix("Earlier step's summary.\n\n")
        .expect("the summary is appended, not overwritten");
    assert_matches_file(
        &root().join("fixtures/formats/expected/step-summary.expected"),
        appended,
    );
}

/// A JSON pointer into a value, or why it is missing.
fn require<'a>(value: &'a Value, pointer: &str, missing: &mut Vec<String>) -> Option<&'a Value> {
    let found = value.pointer(pointer).filter(|v| !v.is_null());
    if found.is_none() {
        missing.push(pointer.to_string());
    }
    found
}

/// Every property SARIF 2.1.0 and GitHub code scanning require of copydesk's log, listed one by
/// one when missing.
fn sarif_missing(log: &Value) -> Vec<String> {
    let mut missing = Vec::new();
    let m = &mut missing;
    require(log, "/$schema", m);
    if require(log, "/version", m).is_some_and(|v| v != "2.1.0") {
        m.push("/version = 2.1.0".into());
    }
    let Some(run) = require(log, "/runs/0", m) else {
        return missing;
    };
    for p in [
        "/tool/driver/name",
        "/tool/driver/version",
        "/tool/driver/informationUri",
        "/tool/driver/rules",
        "/results",
    ] {
        require(run, p, m);
    }
    if require(run, "/columnKind", m).is_some_and(|v| v != "unicodeCodePoints") {
        m.push("/runs/0/columnKind = unicodeCodePoints".into());
    }
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (i, rule) in rules.iter().enumerate() {
        let before = m.len();
        for p in [
            "/id",
            "/shortDescription/text",
            "/fullDescription/text",
            "/help/text",
            "/defaultConfiguration/level",
        ] {
            require(rule, p, m);
        }
        for entry in &mut m[before..] {
            *entry = format!("rules[{i}]{entry}");
        }
    }
    let results = run["results"].as_array().cloned().unwrap_or_default();
    for (i, result) in results.iter().enumerate() {
        let before = m.len();
        for p in [
            "/ruleId",
            "/ruleIndex",
            "/level",
            "/message/text",
            "/locations/0/physicalLocation/artifactLocation/uri",
            "/locations/0/physicalLocation/artifactLocation/uriBaseId",
            "/locations/0/physicalLocation/region/startLine",
            "/locations/0/physicalLocation/region/startColumn",
            "/locations/0/physicalLocation/region/endLine",
            "/locations/0/physicalLocation/region/endColumn",
            "/partialFingerprints",
        ] {
            require(result, p, m);
        }
        for entry in &mut m[before..] {
            *entry = format!("results[{i}]{entry}");
        }
        if let (Some(index), Some(id)) = (result["ruleIndex"].as_u64(), result["ruleId"].as_str())
            && rules.get(index as usize).map(|r| &r["id"]) != Some(&Value::from(id))
        {
            m.push(format!("results[{i}]: ruleIndex {index} is not rule {id}"));
        }
        let uri = result
            .pointer("/locations/0/physicalLocation/artifactLocation/uri")
            .and_then(Value::as_str)
            .unwrap_or("");
        if uri.contains(':') || uri.contains('\\') || uri.starts_with('/') {
            m.push(format!("results[{i}]: uri {uri} is not relative"));
        }
    }
    missing
}

#[test]
fn sarif_has_every_required_field() {
    let log = json(&check("sarif"));
    assert_eq!(sarif_missing(&log), Vec::<String>::new());
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
    // The house rule's link is its helpUri; built-in rules have none.
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let jargon = rules.iter().find(|r| r["id"] == "house.jargon").unwrap();
    assert_eq!(jargon["helpUri"], "https://example.com/house-style#jargon");
    assert_eq!(jargon["defaultConfiguration"]["level"], "warning");
}

#[test]
fn the_sarif_check_names_each_missing_field() {
    let full = json(&check("sarif"));
    let removals = [
        ("/runs/0/tool/driver", "informationUri"),
        ("/runs/0/tool/driver", "version"),
        ("/runs/0", "columnKind"),
        ("/runs/0/results/0", "ruleId"),
        ("/runs/0/results/0", "ruleIndex"),
        ("/runs/0/results/0", "level"),
        ("/runs/0/results/0/message", "text"),
        (
            "/runs/0/results/0/locations/0/physicalLocation/region",
            "startLine",
        ),
        (
            "/runs/0/results/0/locations/0/physicalLocation/region",
            "endColumn",
        ),
        (
            "/runs/0/results/0/locations/0/physicalLocation/artifactLocation",
            "uriBaseId",
        ),
        ("/runs/0/tool/driver/rules/0", "shortDescription"),
        ("/runs/0/tool/driver/rules/0", "defaultConfiguration"),
    ];
    for (parent, key) in removals {
        let mut log = full.clone();
        log.pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .unwrap()
            .remove(key);
        let missing = sarif_missing(&log);
        assert_eq!(missing.len(), 1, "{parent}/{key}: {missing:?}");
        assert!(missing[0].contains(key), "{parent}/{key}: {missing:?}");
    }
}

/// The line and the columns (code points and UTF-8 bytes, 1-based) of `needle` in the story.
fn columns(text: &str, needle: &str) -> (usize, usize, usize) {
    let at = text.find(needle).unwrap();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    let prefix = &text[line_start..at];
    (line, prefix.chars().count() + 1, prefix.len() + 1)
}

#[test]
fn each_format_counts_columns_in_its_own_unit() {
    let text = fs::read_to_string(root().join(STORY)).unwrap();
    // "TK" follows accented names and an emoji on its line: code points and bytes differ.
    let (line, cp, byte) = columns(&text, "TK visitors");
    assert!(byte > cp + 5, "the fixture line must hold multi-byte text");
    let (end_cp, end_byte) = (cp + 2, byte + 2);

    assert!(check("human").contains(&format!("{STORY}:{line}:{cp}\n")));
    assert!(check("concise").contains(&format!(
        "{STORY}:{line}:{cp}: error[boilerplate.placeholder] "
    )));
    assert!(check("github").contains(&format!(
        "::error file={STORY},line={line},col={cp},endLine={line},endColumn={end_cp},\
         title=boilerplate.placeholder::"
    )));
    assert!(check("checkstyle").contains(&format!(
        r#"<error line="{line}" column="{cp}" severity="error""#
    )));

    let placeholder = |v: &Value| v["rule"] == "boilerplate.placeholder";
    let doc = json(&check("json"));
    let d = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| placeholder(d))
        .unwrap();
    assert_eq!(
        (&d["start"]["line"], &d["start"]["column"]),
        (&line.into(), &cp.into())
    );
    assert_eq!(d["end"]["column"], end_cp);
    let lines = check("jsonl");
    let d = lines.lines().map(json).find(|d| placeholder(d)).unwrap();
    assert_eq!(
        (&d["start"]["line"], &d["start"]["column"]),
        (&line.into(), &cp.into())
    );

    let sarif = json(&check("sarif"));
    let r = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "boilerplate.placeholder")
        .unwrap();
    let region = &r["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], line);
    assert_eq!(region["startColumn"], cp);
    assert_eq!(region["endColumn"], end_cp);

    let rd = json(&check("rdjson"));
    let d = rd["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"]["value"] == "boilerplate.placeholder")
        .unwrap();
    let range = &d["location"]["range"];
    assert_eq!(range["start"]["line"], line);
    assert_eq!(range["start"]["column"], byte);
    assert_eq!(range["end"]["column"], end_byte);
}

#[test]
fn each_format_escapes_what_it_must() {
    // JSON formats carry the message as it is.
    let doc = json(&check("json"));
    assert!(
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"] == JARGON)
    );
    assert!(
        check("jsonl")
            .lines()
            .map(json)
            .any(|d| d["message"] == JARGON)
    );
    let rd = json(&check("rdjson"));
    assert!(
        rd["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"] == JARGON)
    );
    let sarif = json(&check("sarif"));
    assert!(
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["message"]["text"] == format!("{JARGON}."))
    );

    // GitHub: %, CR and LF in the message; also : and , in properties.
    let github = check("github");
    let line = github
        .lines()
        .find(|l| l.contains("title=house.jargon"))
        .unwrap();
    assert!(
        line.ends_with(
            "::'R&D' is jargon: write “research & development” (\"R and D\" in headlines), \
             <em>100%25</em> of the time,%0Athen 'R&D'"
        ),
        "{line}"
    );
    let out = run_in(
        &root(),
        &[
            "check",
            "--format",
            "github",
            "-",
            "--stdin-filename",
            "desk/a,b:c%.md",
        ],
        Some(b"The fire destroyed TK homes.\n"),
    );
    assert!(
        stdout(&out).starts_with("::error file=desk/a%2Cb%3Ac%25.md,line=1,col=20,"),
        "{}",
        stdout(&out)
    );

    // Checkstyle: markup, quotes and the line break; non-ASCII text stays as it is.
    let xml = check("checkstyle");
    assert!(xml.contains(
        "message=\"'R&amp;D' is jargon: write “research &amp; development” (&quot;R and D&quot; \
         in headlines), &lt;em&gt;100%&lt;/em&gt; of the time,&#10;then 'R&amp;D'\""
    ));

    // Concise: one line a finding.
    let concise = check("concise");
    assert!(concise.contains("<em>100%</em> of the time, then 'R&D'\n"));
    assert_eq!(concise.lines().count(), 6, "5 findings and the summary");
}

#[test]
fn sarif_uris_are_relative_to_the_run_directory() {
    let dir = temp_dir("sarif-uri");
    fs::create_dir_all(dir.join("news desk")).unwrap();
    fs::write(
        dir.join("news desk/Zoë.md"),
        "The fire destroyed TK homes.\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "--format", "sarif", "news desk"], None);
    let log = json(&stdout(&out));
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "news%20desk/Zo%C3%AB.md"
    );
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
}
