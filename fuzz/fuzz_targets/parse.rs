//! The document parser: Markdown and plain text, front matter, sentences, quotations, speakers,
//! figures and dates, on any bytes a file could hold (decoded as `copydesk check` decodes them).
//! Every span the analyses give lies within the text and on character boundaries.
#![no_main]

use copydesk::document::{Document, Format};
use copydesk::source::Source;
use copydesk::span::Span;
use libfuzzer_sys::fuzz_target;

fn within(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: {span:?} backwards");
    assert!(span.end <= text.len(), "{what}: {span:?} past the end");
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} inside a character"
    );
}

fuzz_target!(|data: &[u8]| {
    // What the command line would refuse (binary, UTF-16, invalid UTF-8) never reaches the parser.
    let Ok(source) = Source::from_bytes("story.md", data.to_vec()) else {
        return;
    };
    for format in [Format::Markdown, Format::Plain] {
        let doc = Document::parse(&source, format);
        let text = source.text.as_str();
        assert_eq!(
            doc.prose.len(),
            text.len(),
            "prose keeps every byte's place"
        );
        for b in &doc.blocks {
            within(text, b.span, "block");
        }
        for s in &doc.sentences {
            within(text, s.span, "sentence");
        }
        for q in &doc.quotations {
            within(text, q.span, "quotation");
            within(text, q.inner, "quotation inner");
        }
        for s in doc.speakers().iter().flatten() {
            within(text, *s, "speaker");
        }
        for q in doc.all_quantities() {
            within(text, q.span, "figure");
            within(text, q.phrase, "figure phrase");
        }
        for m in &doc.all_dates().mentions {
            within(text, m.span, "date");
        }
        if let Some(fm) = &doc.front_matter {
            within(text, fm.span, "front matter");
            for field in fm.fields.values() {
                within(text, field.span, "front matter field");
            }
            if let Some((_, span)) = &fm.error {
                within(text, *span, "front matter error");
            }
        }
    }
});
