//! Regexes compiled for "narrow" text: text whose every non-ASCII character is neither a word
//! character nor white space (curly quotes, dashes and ellipses are fine; an accented letter or
//! a no-break space is not). Nearly every story is narrow.
//!
//! Over narrow text a Unicode class matches exactly what the same class matches once its
//! non-ASCII word and space characters are removed (or added: no such character is there to
//! meet), and a Unicode word boundary falls exactly where an ASCII one does (every non-ASCII
//! character of the text is a non-word character). So a pattern's narrow form (built from its
//! syntax tree, [`narrow_hir`]) finds the same matches, with the same groups, as the pattern
//! does; and it compiles several times faster (`\w` is ten states instead of hundreds, `(?i)k`
//! no longer takes the Kelvin sign), which is most of what checking one story costs. A
//! [`NarrowRegex`] picks the form by the text it searches ([`is_narrow`]), and compiles each form
//! the first time it is needed.

pub(crate) mod tree;

use regex::Regex;
use std::sync::OnceLock;
pub(crate) use tree::{is_narrow, narrow_hir, narrow_parse};

/// The narrow form of a pattern, compiled (see [`narrow_parse`]); None when it does not
/// compile.
pub(crate) fn narrow_regex(source: &str) -> Option<Regex> {
    regex::RegexBuilder::new(source)
        .unicode(false)
        .build()
        .ok()
        .or_else(|| Regex::new(&narrow_source(source)?).ok())
}

/// The narrow form of a pattern as a pattern (the same groups, by number and name); None when
/// it does not parse.
pub(crate) fn narrow_source(source: &str) -> Option<String> {
    let hir = regex_syntax::parse(source).ok()?;
    Some(narrow_hir(&hir).to_string())
}

/// A regex in two forms, each compiled on first use: the pattern, and its narrow form for
/// narrow text.
#[derive(Debug)]
pub(crate) struct NarrowRegex {
    source: &'static str,
    full: OnceLock<Regex>,
    narrow: OnceLock<Option<Regex>>,
}

/// The regex to search `text` with (and only `text`, or a part of it): the narrow form kept in
/// `narrow` (built on first use) when `text` is narrow and that form compiles, else `full`.
pub(crate) fn narrow_or<'a>(
    text: &str,
    narrow: &'a OnceLock<Option<Regex>>,
    build: impl FnOnce() -> Option<Regex>,
    full: impl FnOnce() -> &'a Regex,
) -> &'a Regex {
    if is_narrow(text)
        && let Some(r) = narrow.get_or_init(build)
    {
        return r;
    }
    full()
}

impl NarrowRegex {
    /// A built-in pattern (it must compile: a test compiles each).
    pub const fn new(source: &'static str) -> NarrowRegex {
        NarrowRegex {
            source,
            full: OnceLock::new(),
            narrow: OnceLock::new(),
        }
    }

    /// The pattern itself, which matches in any text.
    pub fn full(&self) -> &Regex {
        self.full.get_or_init(|| {
            Regex::new(self.source).unwrap_or_else(|e| panic!("a built-in pattern compiles: {e}"))
        })
    }

    /// The regex to search `text` with (and only `text`, or a part of it): the narrow form when
    /// `text` is narrow, else the pattern.
    pub fn get(&self, text: &str) -> &Regex {
        narrow_or(
            text,
            &self.narrow,
            || narrow_regex(self.source),
            || self.full(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every match with every group, by the pattern and by its narrow form, over narrow texts.
    fn same(pattern: &str, texts: &[&str]) {
        let full = Regex::new(pattern).unwrap();
        let narrow = Regex::new(&narrow_source(pattern).unwrap()).unwrap();
        let fast = narrow_regex(pattern).unwrap();
        let parsed = regex_automata::meta::Regex::builder()
            .build_from_hir(&narrow_parse(pattern).unwrap())
            .unwrap();
        assert_eq!(full.captures_len(), narrow.captures_len());
        let names: Vec<_> = full.capture_names().collect();
        assert_eq!(names, narrow.capture_names().collect::<Vec<_>>());
        for text in texts {
            assert!(is_narrow(text), "{text}");
            let all = |r: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                r.captures_iter(text)
                    .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                    .collect()
            };
            assert_eq!(all(&full), all(&narrow), "{pattern} over {text:?}");
            assert_eq!(all(&full), all(&fast), "{pattern} over {text:?}");
            let spans = |r: &Regex| r.find_iter(text).map(|m| m.range()).collect::<Vec<_>>();
            let found: Vec<_> = parsed.find_iter(*text).map(|m| m.range()).collect();
            assert_eq!(spans(&full), found, "{pattern} over {text:?}");
        }
    }

    #[test]
    fn narrow_text() {
        assert!(is_narrow("plain ASCII"));
        assert!(is_narrow("“Quoted” — it’s fine…"));
        assert!(!is_narrow("José"));
        assert!(!is_narrow("a\u{a0}b"));
        assert!(!is_narrow("2\u{660}"));
        assert!(!is_narrow("\u{212a}elvin"));
    }

    #[test]
    fn narrow_form_finds_the_same_matches() {
        let texts = [
            "The mayor said on Monday that “it’s over” — 3 days ago, K.",
            "word_with_underscore, ‘single’ quotes… and\ttabs\nnew lines",
            "kelvin KELVIN sS long – dash",
            "",
        ];
        same(r"(?i)\b(?P<w>\w+)\b", &texts);
        same(r"[^\s<>]+", &texts);
        same(r"\W+|\S+", &texts);
        same(r"(?i)kelvin|s\b", &texts);
        same(r"\b\w+ed\b|(?i)[’']s\b", &texts);
        same(r"(?m)^\s*\p{Lu}\p{Ll}*", &texts);
        same(r"(?i)\bsaid\b\s+(?:on\s+)?(\w+)", &texts);
        same(r".+?[.!?…]", &texts);
        same(r"\B\d\b|\d+", &texts);
        same(r"(?i)\bthe\s+([a-z]+)\b|\bsk\b", &texts);
        same(r"(?i)(?:\bread\s+more\b|\bk\b)", &texts);
    }

    #[test]
    fn picks_the_form_by_the_text() {
        let r = NarrowRegex::new(r"\b\w+\b");
        assert_eq!(r.get("José").find("José").map(|m| m.as_str()), Some("José"));
        assert_eq!(r.get("a’b").find_iter("a’b").count(), 2);
    }
}
