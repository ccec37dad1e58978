//! Lint plus fix with the built-in rules, on any text: no panic; every finding, label and edit
//! lies within the text on character boundaries; findings are sorted; applying the fixes
//! converges, and the text it converges to has nothing left to fix.
#![no_main]

use copydesk::batch::{self, FileReport, Input, Options};
use copydesk::config::Config;
use copydesk::diagnostic::Diagnostic;
use copydesk::fix::{Applicability, converge};
use copydesk::source::Source;
use copydesk::span::Span;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, LazyLock};

static CONFIG: LazyLock<Arc<Config>> = LazyLock::new(|| Arc::new(Config::builtin()));

fn check(name: &str, text: &str) -> FileReport {
    let out = batch::check_batch(
        vec![Input {
            source: Source::new(name, text),
            config: CONFIG.clone(),
        }],
        &Options {
            date: Some(jiff::civil::date(2025, 6, 4)),
            ..Options::default()
        },
    );
    match out.into_iter().next().expect("one result per input") {
        Ok(report) => report,
        Err(e) => panic!("{}", e.message),
    }
}

fn within(text: &str, span: Span) {
    assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?}"
    );
}

fn spans_within(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        within(text, d.primary.span);
        for l in &d.secondary {
            within(text, l.span);
        }
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            within(text, e.span);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let name = if kind & 1 == 0 {
        "story.md"
    } else {
        "story.txt"
    };
    let report = check(name, text);
    spans_within(text, &report.diagnostics);
    let keys: Vec<_> = report.diagnostics.iter().map(|d| d.sort_key()).collect();
    assert!(keys.is_sorted(), "findings out of order");
    let most = if kind & 2 == 0 {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    let fixed = converge(text, most, |t| check(name, t).diagnostics);
    if fixed.stable {
        // Nothing left to fix: fixing again changes nothing.
        let again = converge(&fixed.text, most, |t| check(name, t).diagnostics);
        assert_eq!(again.applied, 0, "fixing the fixed text changed it");
        assert_eq!(again.text, fixed.text);
    }
});
