//! A long story's rules run side by side on rayon's pool (`Ruleset::check`); its findings must be
//! those of the one-thread check, in the same order. The story is the repository's own fixture
//! stories (residue, furniture, figures, dates, quotations and sources) pasted one after the other
//! until it is well past the size from which the check runs in parallel, so the context rule's
//! reading of the earlier rules' findings is exercised too.

use copydesk::config::Config;
use copydesk::diagnostic::Diagnostic;
use copydesk::document::{Document, Format};
use copydesk::source::Source;
use std::path::Path;

fn fixture_stories() -> Vec<String> {
    let mut paths = Vec::new();
    for dir in [
        "fixtures/boilerplate",
        "fixtures/stories",
        "fixtures/numbers",
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(&dir).expect("fixture directory") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "md") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture story"))
        .collect()
}

fn check_on(threads: usize, config: &Config, text: &str) -> Vec<Diagnostic> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    pool.install(|| {
        let source = Source::new("long.md".to_string(), text.to_string());
        let doc = Document::parse_with(&source, Format::Markdown, &config.lexicon);
        copydesk::lint(&doc, &config.ruleset)
    })
}

#[test]
fn a_long_story_has_the_same_findings_on_one_thread_and_on_several() {
    let stories = fixture_stories();
    assert!(stories.len() > 10, "fixture stories found");
    let mut text = String::new();
    while text.len() < 600_000 {
        for s in &stories {
            text.push_str(s);
            text.push_str("\n\n");
        }
    }
    let config = Config::builtin();
    let one = check_on(1, &config, &text);
    assert!(
        one.iter().any(|d| d.rule == "boilerplate.page-residue"),
        "the context rule has findings"
    );
    assert!(one.len() > 1000, "{} findings", one.len());
    for threads in [2, 4] {
        let many = check_on(threads, &config, &text);
        assert_eq!(one.len(), many.len(), "{threads} threads");
        assert!(
            one == many,
            "{threads} threads: the same findings, in order"
        );
    }
}
