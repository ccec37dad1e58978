//! Quotation finding and attribution, checked against the labelled evaluation set.

mod common;

use common::{root, run_in, stderr, stdout};
use copydesk::document::{Document, Format};
use copydesk::source::Source;
use serde_json::Value;
use std::collections::HashMap;

fn jsonl(path: &str) -> Vec<Value> {
    std::fs::read_to_string(root().join(path))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// (line, inner text, full) of every quotation copydesk finds in each story of the set.
fn found() -> HashMap<String, Vec<(usize, String, bool)>> {
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(root().join("fixtures/eval/attribution")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md")
            || !path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("story-")
        {
            continue;
        }
        let rel = format!(
            "fixtures/eval/attribution/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let source = Source::new(rel.clone(), std::fs::read_to_string(&path).unwrap());
        let doc = Document::parse(&source, Format::Markdown);
        let quotes = doc
            .quotations
            .iter()
            .filter(|q| q.continues.is_none())
            .map(|q| {
                let line = source.line_index.line_of(q.span.start) + 1;
                (line, doc.text_of(q.inner).to_string(), q.full)
            })
            .collect();
        out.insert(rel, quotes);
    }
    out
}

#[test]
fn finds_the_full_quotations_and_only_them() {
    let found = found();
    let expected = jsonl("fixtures/eval/attribution/quotes.jsonl");
    let mut missing = Vec::new();
    for q in &expected {
        let path = q["path"].as_str().unwrap();
        let line = q["line"].as_u64().unwrap() as usize;
        let text = q["text"].as_str().unwrap();
        let hit = found[path]
            .iter()
            .any(|(l, inner, full)| *l == line && *full && inner.starts_with(text));
        if !hit {
            missing.push(format!("{path}:{line}: {text}"));
        }
    }
    let recall = 1.0 - missing.len() as f64 / expected.len() as f64;
    eprintln!(
        "full quotations found: {} of {} ({recall:.3})",
        expected.len() - missing.len(),
        expected.len()
    );
    assert!(
        recall >= 0.95,
        "full quotations found: {recall:.3}; missing:\n{}",
        missing.join("\n")
    );

    let mut wrong = Vec::new();
    for q in jsonl("fixtures/eval/attribution/nonquotes.jsonl") {
        let path = q["path"].as_str().unwrap();
        let line = q["line"].as_u64().unwrap() as usize;
        let text = q["text"].as_str().unwrap();
        if found[path]
            .iter()
            .any(|(l, inner, full)| *l == line && *full && inner.starts_with(text))
        {
            wrong.push(format!("{path}:{line}: {text} ({})", q["kind"]));
        }
    }
    eprintln!("non-quotations taken for full quotations: {}", wrong.len());
    assert!(
        wrong.len() <= 2,
        "partial quotes, titles and nicknames taken for full quotations:\n{}",
        wrong.join("\n")
    );
}

/// unattributed-quote: precision ≥ 0.95, recall ≥ 0.90; anonymous-source and weasel: precision ≥ 0.90.
#[test]
fn attribution_evaluation_set_meets_its_targets() {
    let out = run_in(
        &root(),
        &[
            "score",
            "--no-config",
            "--labels",
            "fixtures/eval/attribution/labels.jsonl",
            "--rule",
            "attribution.unattributed-quote",
            "--rule",
            "attribution.anonymous-source",
            "--rule",
            "attribution.weasel",
            "--json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = |rule: &str, what: &str| doc["rules"][rule][what].as_f64().unwrap();
    assert!(
        r("attribution.unattributed-quote", "precision") >= 0.95,
        "{}",
        stdout(&out)
    );
    assert!(
        r("attribution.unattributed-quote", "recall") >= 0.90,
        "{}",
        stdout(&out)
    );
    assert!(
        r("attribution.anonymous-source", "precision") >= 0.90,
        "{}",
        stdout(&out)
    );
    assert!(
        r("attribution.weasel", "precision") >= 0.90,
        "{}",
        stdout(&out)
    );
}

/// Speakers of attributed quotations, compared with the set's `speaker` field.
#[test]
fn finds_the_speakers_of_attributed_quotations() {
    let mut total = 0;
    let mut right = 0;
    let mut wrong = Vec::new();
    let mut by_path: HashMap<String, Vec<Value>> = HashMap::new();
    for q in jsonl("fixtures/eval/attribution/quotes.jsonl") {
        by_path
            .entry(q["path"].as_str().unwrap().to_string())
            .or_default()
            .push(q);
    }
    for (path, quotes) in by_path {
        let text = std::fs::read_to_string(root().join(&path)).unwrap();
        let source = Source::new(path.clone(), text);
        let doc = Document::parse(&source, Format::Markdown);
        let speakers = doc.speakers();
        for q in quotes
            .iter()
            .filter(|q| q["attributed"] == true && q["speaker"].is_string())
        {
            let line = q["line"].as_u64().unwrap() as usize;
            let opening = q["text"].as_str().unwrap();
            let Some(i) = doc.quotations.iter().position(|x| {
                source.line_index.line_of(x.span.start) + 1 == line
                    && doc.text_of(x.inner).starts_with(opening)
            }) else {
                continue;
            };
            total += 1;
            let expected = q["speaker"].as_str().unwrap().to_lowercase();
            let got = speakers[i]
                .map(|s| doc.text_of(s).to_lowercase())
                .unwrap_or_default();
            if !got.is_empty() && (got.contains(&expected) || expected.contains(&got)) {
                right += 1;
            } else {
                wrong.push(format!("{path}:{line}: expected {expected:?}, got {got:?}"));
            }
        }
    }
    let accuracy = right as f64 / total as f64;
    eprintln!("speakers: {right} of {total} ({accuracy:.3})");
    assert!(
        accuracy >= 0.85,
        "speaker accuracy {accuracy:.3}:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn inspect_shows_quotations_and_their_speakers() {
    let out = run_in(
        &root(),
        &[
            "inspect",
            "--no-config",
            "fixtures/attribution/clean-quotes.md",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let quotes = doc["quotations"].as_array().unwrap();
    assert_eq!(quotes.len(), 8);
    assert_eq!(quotes[0]["speaker"]["text"], "Miriam Okonjo");
    assert_eq!(
        quotes[2]["full"], false,
        "“a gut punch.” is a partial quote"
    );
    assert_eq!(
        quotes[5]["speaker"]["text"], "Fairweather",
        "introduced by the paragraph before"
    );
    assert_eq!(
        quotes[6]["speaker"]["text"], "Ernesto Villalba",
        "colon introduction"
    );
    assert_eq!(doc["front_matter"][0]["key"], "title");
    let human = run_in(
        &root(),
        &[
            "inspect",
            "--no-config",
            "fixtures/attribution/clean-quotes.md",
        ],
        None,
    );
    assert!(
        stdout(&human).contains("speaker: Miriam Okonjo (11:58)"),
        "{}",
        stdout(&human)
    );
}
