//! The config loader: any text as a `copydesk.toml`. Loading never panics; every error is placed
//! within the TOML (on character boundaries, so it can be drawn over it); a config that loads
//! checks a story with its own rules without a panic.
#![no_main]

use copydesk::batch::{self, Input, Options};
use copydesk::config::Config;
use copydesk::source::Source;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

const STORY: &str = "---\ntitle: Fire TK\ndate: 2025-06-04\n---\n# Fire kills 12\n\n\
The fire killed 12 people on Monday, officials said. \"We will rebuild,\" Mayor Ana Ruiz said.\n\n\
Read more: Council weighs parking rules\n\nWe spent alot of time, 47% and 52 percent.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::from_toml(text) {
        Err(errors) => {
            assert!(!errors.is_empty(), "an error result names an error");
            for e in &errors {
                if let Some(span) = e.span {
                    assert!(span.start <= span.end && span.end <= text.len(), "{e:?}");
                    assert!(
                        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                        "{e:?}"
                    );
                }
            }
        }
        Ok(config) => {
            let out = batch::check_batch(
                vec![Input {
                    source: Source::new("story.md", STORY),
                    config: Arc::new(config),
                }],
                &Options::default(),
            );
            for r in out {
                if let Err(e) = r {
                    panic!("{}", e.message);
                }
            }
        }
    }
});
