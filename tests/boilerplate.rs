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
