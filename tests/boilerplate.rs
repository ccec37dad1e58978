//! Boilerplate detection beyond single lines: trailing runs, repeats across files, and fixes.

mod common;

use common::{run_in, temp_dir};
use copydesk::config::Config;
use copydesk::diagnostic::Severity;
use copydesk::document::{Document, Format};
use copydesk::fix::{Applicability, apply};
use copydesk::source::Source;
use std::fs;

fn lint(text: &str) -> Vec<copydesk::diagnostic::Diagnostic> {
    let source = Source::new("s.md", text);
    let doc = Document::parse(&source, Format::Markdown);
    copydesk::lint(&doc, &Config::builtin().ruleset)
}

fn ids_and_text(text: &str) -> Vec<(String, String)> {
    lint(text)
        .into_iter()
        .filter(|d| d.rule.starts_with("boilerplate.") && d.severity != Severity::Info)
        .map(|d| (d.rule, text[d.primary.span.range()].to_string()))
        .collect()
}

#[test]
fn a_short_line_inside_a_trailing_run_of_residue_is_residue() {
    let text = "The mill closed in 1998.\n\nShare this article\n\nHarbor Ledger Weekend Edition\n\n© 2024 Harbor Ledger. All rights reserved.\n";
    let found = ids_and_text(text);
    assert!(
        found.contains(&(
            "boilerplate.page-residue".into(),
            "Harbor Ledger Weekend Edition".into()
        )),
        "{found:?}"
    );
    assert_eq!(found.len(), 3, "{found:?}");
    let note = &lint(text)
        .into_iter()
        .find(|d| d.rule == "boilerplate.page-residue")
        .unwrap()
        .notes[0];
    assert!(
        note.starts_with("cue: a short line in a run of 4 lines"),
        "{note}"
    );
}

#[test]
fn headlines_subheads_datelines_and_bylines_are_not_residue() {
    let text = "# Most of the town read the notice\n\nBy Ana Ruiz\n\nMERIDIAN FALLS, Ore. (Invented Press) — The council met.\n\n## Related questions\n\nShare prices fell 3 percent.\n\nStaff writer Ana Ruiz contributed\n";
    assert_eq!(ids_and_text(text), Vec::<(String, String)>::new());
}

#[test]
fn residue_fixes_delete_only_the_residue_lines() {
    let text = "First paragraph.\n\nAdvertisement\n\nSecond paragraph, long enough to be a sentence.\n\nMost Read from The Ledger\n\nThird.\n\nSecond paragraph, long enough to be a sentence, and now repeated word for word here.\n\nSecond paragraph, long enough to be a sentence, and now repeated word for word here.\n";
    let findings = lint(text);
    let fixes: Vec<_> = findings
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe)
        .collect();
    assert_eq!(fixes.len(), 3, "{findings:?}");
    let (fixed, applied) = apply(text, &fixes);
    assert_eq!(applied, 3);
    assert_eq!(
        fixed,
        "First paragraph.\n\nSecond paragraph, long enough to be a sentence.\n\nThird.\n\nSecond paragraph, long enough to be a sentence, and now repeated word for word here.\n"
    );
    assert!(
        lint(&fixed).is_empty(),
        "fixes converge: {:?}",
        lint(&fixed)
    );
}

#[test]
fn a_line_shared_by_many_stories_is_template_residue() {
    let dir = temp_dir("template");
    for i in 0..6 {
        fs::write(
            dir.join(format!("s{i}.md")),
            format!("Story number {i} is about the fair.\n\nValley Courier Evening Digest\n"),
        )
        .unwrap();
    }
    let out = run_in(&dir, &["check", "--format", "json"], None);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let template: Vec<_> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "boilerplate.template-line")
        .collect();
    assert_eq!(template.len(), 6, "{doc:#}");
    assert_eq!(
        template[0]["message"],
        "'valley courier evening digest' appears in 6 stories checked together; it is probably template residue"
    );
    // Checked alone, or with too few others, a story has no template lines.
    let out = run_in(&dir, &["check", "s0.md", "s1.md", "--format", "json"], None);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "boilerplate.template-line")
    );
}

fn placeholders(text: &str) -> Vec<String> {
    lint(text)
        .into_iter()
        .filter(|d| d.rule == "boilerplate.placeholder")
        .map(|d| text[d.primary.span.range()].to_string())
        .collect()
}

#[test]
fn question_marks_ending_a_readers_question_are_not_a_placeholder() {
    assert_eq!(
        placeholders(
            "One reader wrote in: \"Who signed off on this???\" The council did not reply."
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        placeholders("Why would the council close the only bridge in winter??? Nobody could say."),
        Vec::<String>::new()
    );
    // Standing for an unknown, they are.
    assert_eq!(
        placeholders("The company's new chief, ???, starts Monday."),
        ["???"]
    );
    assert_eq!(placeholders("The fire started at ??? on Sunday."), ["???"]);
}

#[test]
fn xxx_inside_a_name_is_not_a_placeholder() {
    assert_eq!(
        placeholders("The band played the XXX Lounge on Friday and Club XXX on Saturday."),
        Vec::<String>::new()
    );
    // A lone XX where a figure belongs, and "Editing by XX", are.
    assert_eq!(placeholders("Turnout reached XX percent by noon."), ["XX"]);
    assert_eq!(placeholders("Reporting by Ana Ruiz; Editing by XX"), ["XX"]);
    assert_eq!(placeholders("The council will vote on XXX."), ["XXX"]);
}

fn duplicates(text: &str) -> Vec<String> {
    lint(text)
        .into_iter()
        .filter(|d| d.rule == "boilerplate.duplicate")
        .map(|d| text[d.primary.span.range()].to_string())
        .collect()
}

#[test]
fn a_paragraph_pasted_twice_is_a_repeat() {
    let para = "The county will close the bridge for repairs starting next Monday. Drivers should use Route 9 until the work is done.";
    let text = format!("{para}\n\nThe closure is the first in a decade.\n\n{para}\n");
    assert_eq!(duplicates(&text), [para]);
    // A sentence doubled back to back is a paste too.
    let sentence =
        "The county will close the bridge for repairs starting next Monday, officials said.";
    let text = format!("The bridge is 80 years old. {sentence} {sentence}\n");
    assert_eq!(duplicates(&text), [sentence]);
}

#[test]
fn deliberate_repeats_of_published_copy_are_not_repeats() {
    // The same sentence for each defendant, in paragraphs of their own.
    let text = "Ana Ruiz, 41, of Dover, was sentenced to 10 years in prison followed by three years of supervised release.\n\nTom Hale was convicted in March of the same charges.\n\nTom Hale, 39, of Dover, was sentenced to 10 years in prison followed by three years of supervised release.\n";
    assert_eq!(duplicates(text), Vec::<String>::new());
    // A statement quoted in the lead, then printed in full.
    let quote = "\"Fraud against the elderly will not be tolerated in this district, and we will find those who commit it,\" the attorney said.";
    let text = format!(
        "The office announced the charges on Tuesday. {quote}\n\nThe complete text of the statement is below:\n\nWe have charged six people today. {quote}\n"
    );
    assert_eq!(duplicates(&text), Vec::<String>::new());
    // The same question put to each guest of an interview series.
    let q = "((WN)) Which part of the project took the most time and attention from your team?";
    let text = format!("{q}\n\nThe survey, by far.\n\n{q}\n\nThe permits, she said.\n");
    assert_eq!(duplicates(&text), Vec::<String>::new());
    // A list's recurring entry.
    let entry = "Possession with intent to distribute cocaine base; Western District of Tennessee, sentenced in 2004";
    let text = format!("Ana Ruiz\n\n{entry}\n\nTom Hale\n\n{entry}\n\nLee Park\n\n{entry}\n");
    assert_eq!(duplicates(&text), Vec::<String>::new());
}

#[test]
fn a_template_line_is_short_and_shaped_like_residue() {
    let dir = temp_dir("template-shape");
    for i in 0..6 {
        fs::write(
            dir.join(format!("s{i}.md")),
            format!(
                "Guest number {i} spoke about the fair.\n\n((WN)) Which activity took the most time and attention?\n\nThe results were:\n\nValley Courier Evening Digest\n"
            ),
        )
        .unwrap();
    }
    let out = run_in(&dir, &["check", "--format", "json"], None);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "boilerplate.template-line")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(found.len(), 6, "{found:#?}");
    assert!(
        found
            .iter()
            .all(|m| m.starts_with("'valley courier evening digest'"))
    );
}
