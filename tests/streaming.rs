//! Reports written as the stories are checked (issue 17): the same bytes whatever the number of
//! threads, the same bytes as a report collected whole, the rule that compares stories still
//! comparing them, `--exclude`, `--quiet`, and no progress bar when stderr is not a terminal.

mod common;

use common::{TempDir, run_in, run_with_env, stderr, stdout, temp_dir};
use std::fs;
use std::path::Path;

/// A folder of stories: findings of several kinds, a template line shared by six stories, a
/// binary file that cannot be read, names that sort differently as paths and as text.
fn archive(name: &str) -> TempDir {
    let dir = temp_dir(name);
    fs::create_dir_all(dir.join("a")).unwrap();
    fs::create_dir_all(dir.join("a-b")).unwrap();
    for i in 0..40 {
        let mut text = format!(
            "# Story {i}\n\nThe council met on Tuesday and approved {i} projects, officials said.\n\n"
        );
        if i % 3 == 0 {
            text.push_str("The fire destroyed TK homes.\n\n");
        }
        if i % 4 == 0 {
            text.push_str("Advertisement\n\n");
        }
        if i < 6 {
            text.push_str("Metro Desk Weekly Roundup\n\n");
        }
        text.push_str("\"It was a long night,\" the mayor said.\n");
        let sub = if i % 2 == 0 { "a" } else { "a-b" };
        fs::write(dir.join(sub).join(format!("s{i:02}.md")), text).unwrap();
    }
    fs::write(dir.join("a").join("binary.md"), b"\0\x01\x02").unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "."];
    all.extend_from_slice(args);
    run_in(dir, &all, None)
}

#[test]
fn output_is_the_same_whatever_the_number_of_threads() {
    let dir = archive("threads");
    for format in [
        "json",
        "jsonl",
        "human",
        "concise",
        "github",
        "sarif",
        "checkstyle",
        "rdjson",
        "html",
    ] {
        let one = run(&dir, &["--format", format, "--threads", "1"]);
        assert_eq!(one.status.code(), Some(2), "{format}: an unreadable file");
        for threads in ["2", "5"] {
            let many = run(&dir, &["--format", format, "--threads", threads]);
            assert_eq!(
                stdout(&one),
                stdout(&many),
                "{format} with {threads} threads"
            );
            assert_eq!(
                stderr(&one),
                stderr(&many),
                "{format} with {threads} threads"
            );
        }
    }
}

#[test]
fn a_streamed_report_is_the_report_collected_whole() {
    let dir = archive("whole");
    // An empty baseline makes the run collect every report before writing (the narrowing needs
    // them all); nothing is left out, so the bytes must be the same.
    let clean = temp_dir("whole-clean");
    fs::write(clean.join("c.md"), "The council met.\n").unwrap();
    let base = clean.join("base.json");
    let written = run_in(
        &clean,
        &["check", "c.md", "--write-baseline", base.to_str().unwrap()],
        None,
    );
    assert!(written.status.code().is_some(), "{}", stderr(&written));
    for format in [
        "json",
        "jsonl",
        "concise",
        "human",
        "sarif",
        "checkstyle",
        "rdjson",
    ] {
        let streamed = run(&dir, &["--format", format]);
        let whole = run(
            &dir,
            &["--format", format, "--baseline", base.to_str().unwrap()],
        );
        assert_eq!(stdout(&streamed), stdout(&whole), "{format}");
    }
}

#[test]
fn a_story_with_thousands_of_findings_written_as_it_is_rendered_is_the_report_collected_whole() {
    // A story with more findings than the streamed run renders on a worker (4,096) is written
    // finding by finding by the writing thread, between stories rendered whole.
    let dir = archive("many-findings");
    let mut big = String::from("# A long story\n\n");
    for i in 0..4200 {
        big.push_str(&format!("The fire destroyed TK homes on Route {i}.\n\n"));
    }
    fs::write(dir.join("a").join("s03-long.md"), big).unwrap();
    let clean = temp_dir("many-findings-clean");
    fs::write(clean.join("c.md"), "The council met.\n").unwrap();
    let base = clean.join("base.json");
    let written = run_in(
        &clean,
        &["check", "c.md", "--write-baseline", base.to_str().unwrap()],
        None,
    );
    assert!(written.status.code().is_some(), "{}", stderr(&written));
    for format in [
        "json",
        "jsonl",
        "concise",
        "human",
        "github",
        "sarif",
        "checkstyle",
        "rdjson",
    ] {
        let streamed = run(&dir, &["--format", format, "--threads", "2"]);
        let whole = run(
            &dir,
            &["--format", format, "--baseline", base.to_str().unwrap()],
        );
        assert_eq!(stdout(&streamed), stdout(&whole), "{format}");
        if format == "jsonl" {
            let long = stdout(&streamed)
                .lines()
                .filter(|l| l.contains("s03-long.md"))
                .count();
            assert!(long > 4096, "{long} findings in the long story");
        }
    }
}

#[test]
fn an_html_page_written_as_the_stories_stream_is_the_page_collected_whole() {
    // Every story reads (one that cannot be read keeps its number in a streamed page).
    let dir = archive("html-whole");
    fs::remove_file(dir.join("a").join("binary.md")).unwrap();
    let clean = temp_dir("html-whole-clean");
    fs::write(clean.join("c.md"), "The council met.\n").unwrap();
    let base = clean.join("base.json");
    let written = run_in(
        &clean,
        &["check", "c.md", "--write-baseline", base.to_str().unwrap()],
        None,
    );
    assert!(written.status.code().is_some(), "{}", stderr(&written));
    let streamed = stdout(&run(&dir, &["--format", "html", "--threads", "3"]));
    let whole = run(
        &dir,
        &["--format", "html", "--baseline", base.to_str().unwrap()],
    );
    assert_eq!(streamed, stdout(&whole));
    // The stories come first, numbered in path order; the summary and the masthead follow them
    // (the style sheet and the script put them on top) and link every story.
    let at = |needle: &str| {
        streamed
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} is on the page"))
    };
    let stories: Vec<usize> = (1..=40)
        .map(|n| at(&format!(" id=\"s{n}\" aria-labelledby=")))
        .collect();
    assert!(stories.windows(2).all(|w| w[0] < w[1]));
    assert!(stories[0] < at("a/<wbr>s00.md</a></h2>"));
    assert!(stories[39] < at("<section class=\"panel summary\""));
    assert!(at("<section class=\"panel summary\"") < at("<header class=\"masthead\""));
    for n in 1..=40 {
        assert!(streamed.contains(&format!("<a href=\"#s{n}\">")), "s{n}");
    }
    assert!(streamed.contains(" of 40 stories</h1>"));
}

#[test]
fn a_github_step_summary_is_counted_as_the_stories_stream() {
    let dir = archive("step-summary");
    let clean = temp_dir("step-summary-clean");
    fs::write(clean.join("c.md"), "The council met.\n").unwrap();
    let base = clean.join("base.json");
    run_in(
        &clean,
        &["check", "c.md", "--write-baseline", base.to_str().unwrap()],
        None,
    );
    let mut seen = Vec::new();
    for (i, extra) in [
        vec!["--threads", "1"],
        vec!["--threads", "2"],
        // Collected whole (the baseline needs every finding first): the same table.
        vec!["--baseline", base.to_str().unwrap()],
    ]
    .into_iter()
    .enumerate()
    {
        // Outside the folder checked, which would otherwise read it as a story.
        let summary = clean.join(format!("summary-{i}.md"));
        let mut args = vec!["check", ".", "--format", "github"];
        args.extend(extra);
        let out = run_with_env(&dir, &args, None, &[("GITHUB_STEP_SUMMARY", &summary)]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let table = fs::read_to_string(&summary).unwrap();
        assert!(
            table.contains("| `boilerplate.placeholder` | error | 14 |"),
            "{table}"
        );
        assert!(table.contains("Could not be read:"), "{table}");
        seen.push((stdout(&out), table));
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn the_template_line_is_found_across_streamed_stories() {
    let dir = archive("template");
    let out = run(&dir, &["--format", "jsonl", "--threads", "3"]);
    let template: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["rule"] == "boilerplate.template-line")
        .collect();
    assert_eq!(template.len(), 6, "{}", stdout(&out));
    for d in &template {
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .contains("appears in 6 stories"),
            "{d}"
        );
    }
    // Reports come in the order of their names ("a-b/" before "a/"); a note names the first
    // other stories in the order the folders were walked ("a/" before "a-b/").
    assert_eq!(template[0]["path"], "a-b/s01.md");
    let notes = template[0]["notes"].to_string();
    assert!(
        notes.contains("also in: a/s00.md, a/s02.md, a/s04.md, …"),
        "{notes}"
    );
}

#[test]
fn exclude_on_the_command_line_leaves_stories_out() {
    let dir = archive("exclude");
    let out = run(
        &dir,
        &[
            "--format",
            "json",
            "--exclude",
            "a-b",
            "--exclude",
            "binary.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 20);
    assert_eq!(json["summary"]["excluded"], 21);
    assert!(!stdout(&out).contains("a-b/"));
    let bad = run(&dir, &["--exclude", "a[", "--format", "json"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("--exclude: invalid glob `a[`"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn quiet_drops_the_summary_line_and_no_bar_is_drawn_off_a_terminal() {
    let dir = archive("quiet");
    let loud = run(&dir, &["--format", "concise", "--exclude", "binary.md"]);
    assert!(
        stdout(&loud)
            .lines()
            .last()
            .unwrap()
            .contains("files checked")
    );
    let quiet = run(
        &dir,
        &["--format", "concise", "--exclude", "binary.md", "--quiet"],
    );
    let last = stdout(&quiet).lines().last().unwrap().to_string();
    assert!(
        last.contains("[boilerplate") || last.contains("[style") || last.contains('['),
        "{last}"
    );
    assert!(!stdout(&quiet).contains("files checked"));
    // stderr is a pipe here: no progress bar, whatever the run's length.
    assert_eq!(stderr(&loud), "");
    let ci = run_with_env(
        &dir,
        &["check", ".", "--exclude", "binary.md"],
        None,
        &[("CI", std::path::Path::new("true"))],
    );
    assert_eq!(stderr(&ci), "");
}

#[test]
fn jsonl_input_round_trips_and_a_bad_line_does_not_stop_the_stream() {
    let dir = temp_dir("jsonl-in");
    let stories = [
        serde_json::json!({"id": "a-1", "text": "The fire destroyed TK homes.\n", "date": "2024-05-01", "format": "markdown"}).to_string(),
        "{not json".to_string(),
        serde_json::json!({"id": "b-2", "text": "Bad\u{0}bytes TK\n"}).to_string(),
        serde_json::json!({"id": 7, "text": "It rained yesterday. Advertisement\n\nAdvertisement\n", "format": "text"}).to_string(),
        serde_json::json!({"id": "c-3", "text": "Clean copy.\n", "date": "May 1"}).to_string(),
        serde_json::json!({"id": "d-4", "text": "The council met.\n"}).to_string(),
    ];
    let input = stories.join("\n") + "\n";
    fs::write(dir.join("in.jsonl"), &input).unwrap();
    for args in [
        vec!["check", "--input", "jsonl", "in.jsonl"],
        vec!["check", "--input", "jsonl", "-"],
    ] {
        let stdin = (args[3] == "-").then_some(input.as_bytes());
        let out = run_in(&dir, &args, stdin);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let lines: Vec<serde_json::Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
            .collect();
        // Findings keyed by id, in input order; errors name the line (and the id when known).
        let first = &lines[0];
        assert_eq!(first["id"], "a-1");
        assert_eq!(first["path"], "a-1");
        assert_eq!(first["rule"], "boilerplate.placeholder", "{first}");
        let errors: Vec<&serde_json::Value> =
            lines.iter().filter(|l| l.get("error").is_some()).collect();
        assert_eq!(errors.len(), 3, "{lines:?}");
        assert_eq!(errors[0]["line"], 2);
        assert_eq!(errors[0]["id"], serde_json::Value::Null);
        assert_eq!(errors[1]["line"], 3);
        assert_eq!(errors[1]["id"], "b-2");
        assert!(
            errors[1]["error"].as_str().unwrap().contains("NUL byte"),
            "{}",
            errors[1]
        );
        assert_eq!(errors[2]["id"], "c-3");
        assert!(errors[2]["error"].as_str().unwrap().contains("YYYY-MM-DD"));
        // The stream went on past the bad lines: story 7 (after them) has its findings.
        assert!(
            lines.iter().any(|l| l["id"] == 7 && l["rule"].is_string()),
            "{lines:?}"
        );
        let order: Vec<String> = lines.iter().map(|l| l["id"].to_string()).collect();
        let pos = |id: &str| order.iter().position(|o| o == id).unwrap();
        assert!(pos("\"a-1\"") < pos("\"b-2\"") && pos("\"b-2\"") < pos("7"));
        assert!(
            stderr(&out).contains("error: input line 2: not a story"),
            "{}",
            stderr(&out)
        );
        // The same findings as checking each story as a file of its own.
        let alone = run_in(
            &dir,
            &[
                "check",
                "-",
                "--stdin-filename",
                "a-1.md",
                "--format",
                "jsonl",
            ],
            Some(b"The fire destroyed TK homes.\n"),
        );
        let expected: Vec<serde_json::Value> = stdout(&alone)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let got: Vec<&serde_json::Value> = lines.iter().filter(|l| l["id"] == "a-1").collect();
        assert_eq!(got.len(), expected.len());
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g["rule"], e["rule"]);
            assert_eq!(g["span"], e["span"]);
            assert_eq!(g["message"], e["message"]);
        }
    }
}
