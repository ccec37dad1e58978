//! Fast rejection for Unicode-aware patterns on non-ASCII text.
//!
//! A pattern with a Unicode word boundary (`\b`) runs in the regex crate's lazy DFA only while
//! the text is ASCII: at the first curly quote or dash the search falls back to the PikeVM, one or
//! two orders of magnitude slower. The same pattern with its word boundaries removed matches every
//! text the pattern matches (an assertion only ever narrows a match), and runs in the DFA on any
//! text. So it can say "no" for the pattern, which is the answer on nearly every line of a story;
//! only when it says "maybe" does the exact pattern run.

use super::lineset::LazyRegex;
use regex::Regex;
use std::sync::OnceLock;

/// `pattern` with its word-boundary assertions (`\b`, `\B`, `\b{…}`, `\<`, `\>`) removed.
pub fn without_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut class = 0usize;
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b' | 'B' | '<' | '>') if class == 0 => {
                    if chars.peek() == Some(&'{') {
                        for d in chars.by_ref() {
                            if d == '}' {
                                break;
                            }
                        }
                    }
                }
                Some(d) => {
                    out.push('\\');
                    out.push(d);
                }
                None => out.push('\\'),
            }
            continue;
        }
        match c {
            '[' => class += 1,
            ']' if class > 0 => class -= 1,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// A regex with a loose twin (word boundaries removed), compiled on first use: it says quickly
/// that a non-ASCII text holds no match.
#[derive(Debug)]
pub struct FastRegex {
    exact: LazyRegex,
    loose: OnceLock<Option<Regex>>,
}

impl FastRegex {
    /// Wraps a regex (compiled, or compiled on first use).
    pub fn new(exact: LazyRegex) -> Self {
        FastRegex {
            exact,
            loose: OnceLock::new(),
        }
    }

    /// Whether `text` may hold a match: false only when it holds none.
    pub fn may_match(&self, text: &str) -> bool {
        // Over narrow text the exact pattern's narrow form runs in the DFA itself.
        if crate::narrow::is_narrow(text) {
            return true;
        }
        let loose = self.loose.get_or_init(|| {
            let pattern = without_word_boundaries(self.exact.source());
            (pattern != self.exact.source())
                .then(|| Regex::new(&pattern).ok())
                .flatten()
        });
        loose.as_ref().is_none_or(|l| l.is_match(text))
    }
}

impl FastRegex {
    /// The exact regex to search `text` with (see [`LazyRegex::for_text`]).
    pub fn for_text(&self, text: &str) -> super::lineset::TextRegex<'_> {
        self.exact.for_text(text)
    }
}

impl std::ops::Deref for FastRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.exact.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_word_boundaries() {
        assert_eq!(without_word_boundaries(r"\bRead more\b:"), "Read more:");
        assert_eq!(
            without_word_boundaries(r"a\\b[\b-z]\B\b{start}x"),
            r"a\\b[\b-z]x"
        );
        assert_eq!(without_word_boundaries(r"\d+\s\w"), r"\d+\s\w");
    }

    #[test]
    fn a_loose_regex_never_rejects_a_match() {
        let r = FastRegex::new(LazyRegex::compiled(
            Regex::new(r"(?i)\bsources said\b").unwrap(),
        ));
        // Narrow text (no non-ASCII letter) goes to the exact pattern's narrow form.
        assert!(r.may_match("“Yes,” the mayor said — twice"));
        assert!(r.may_match("“Sí,” sources said — twice"));
        assert!(!r.may_match("“Sí,” the mayor said — twice"));
        assert!(r.may_match("ascii only"));
    }
}
