//! `substitution` rules: a map of wrong → right, each finding carrying its fix.

use super::compile::{Built, Compiled, Table};
use super::lineset::LazyRegex;
use super::lineset::literals::FOLDS_TO_ASCII;
use super::{Rule, RuleMeta, interpolate};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::{Applicability, Fix};
use crate::lexicon::ascii_safe;
use crate::span::Span;
use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;
use toml::Spanned;

/// The options of a `substitution` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    /// Wrong → right.
    replace: Spanned<BTreeMap<String, String>>,
    /// Match case exactly (substitutions are case-insensitive by default).
    case_sensitive: Option<bool>,
}

/// Compiles a `substitution` rule.
pub(super) fn build(table: Table<'_>) -> Compiled {
    let o: Options = table.options(&[])?;
    // An empty wrong form matches between every two characters: a finding per byte.
    if o.replace.get_ref().keys().any(|k| k.trim().is_empty()) {
        return Err(vec![
            ConfigError::at(
                Span::from(o.replace.span()),
                format!("rule `{}` has an empty word in `replace`", table.meta.id),
            )
            .label("an empty word would match between every two characters"),
        ]);
    }
    let pairs: Vec<(String, String)> = o
        .replace
        .get_ref()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let id = table.meta.id.clone();
    let builtin = table.builtin;
    SubstitutionRule::new(
        table.meta,
        &pairs,
        o.case_sensitive.unwrap_or(false),
        builtin,
    )
    .map(|r| Built::Other(Box::new(r)))
    .map_err(|e| {
        vec![ConfigError::at(
            Span::from(o.replace.span()),
            format!("rule `{id}`: {e}"),
        )]
    })
}

/// Flags each wrong form and suggests the right one.
#[derive(Debug)]
pub struct SubstitutionRule {
    meta: RuleMeta,
    /// Compiled on first use for a built-in rule as shipped (a test compiles every built-in
    /// rule's regexes), else when the rule is built.
    regex: LazyRegex,
    /// Lowercased wrong form → right form.
    map: HashMap<String, String>,
    case_sensitive: bool,
    /// Every wrong form is ASCII words: the regex runs over the document's ASCII view.
    ascii: bool,
    /// When `ascii`: the longest word of each wrong form, which every match holds (in some ASCII
    /// case). A block holding none of them is not searched, so a story with no candidate never
    /// compiles the regex.
    words: Vec<String>,
    /// The automaton of `words`, ASCII case ignored, built on first use.
    gate: OnceLock<AhoCorasick>,
}

impl SubstitutionRule {
    /// A rule from its metadata and its wrong → right pairs; `builtin`: a built-in rule as
    /// shipped, whose regex compiles on first use.
    pub fn new(
        meta: RuleMeta,
        pairs: &[(String, String)],
        case_sensitive: bool,
        builtin: bool,
    ) -> Result<Self, regex::Error> {
        let mut keys: Vec<&String> = pairs.iter().map(|(k, _)| k).collect();
        // Longest first, so "a lot of" wins over "a lot".
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        let keys: Vec<String> = keys.into_iter().cloned().collect();
        let source = super::pattern::phrases_to_regex(&keys, case_sensitive);
        let regex = if builtin {
            LazyRegex::trusted(&source)
        } else {
            LazyRegex::compiled(Regex::new(&source)?)
        };
        let ascii = ascii_safe(&keys);
        let words = if ascii {
            keys.iter()
                .filter_map(|k| k.split_whitespace().max_by_key(|w| w.len()))
                .map(str::to_string)
                .collect()
        } else {
            Vec::new()
        };
        let map = pairs
            .iter()
            .map(|(k, v)| (normalize(k, case_sensitive), v.clone()))
            .collect();
        Ok(SubstitutionRule {
            meta,
            regex,
            map,
            case_sensitive,
            ascii,
            words,
            gate: OnceLock::new(),
        })
    }

    /// Whether the ASCII view `haystack` may hold a wrong form: false only when it holds none.
    /// Over the view, a match is ASCII (the Kelvin sign and the long s, which fold to ASCII
    /// letters, are kept as they are, so such a text is always searched).
    fn may_match(&self, haystack: &str) -> bool {
        if !self.ascii || self.words.is_empty() || haystack.contains(FOLDS_TO_ASCII) {
            return true;
        }
        let gate = self.gate.get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&self.words)
                .expect("a few short words")
        });
        gate.is_match(haystack)
    }
}

fn normalize(s: &str, case_sensitive: bool) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if case_sensitive {
        joined
    } else {
        joined.to_lowercase()
    }
}

/// Whether `span` opens its sentence (only punctuation, such as a quotation mark, before it).
fn starts_sentence(doc: &Document, span: Span) -> bool {
    doc.sentence_at(span.start).is_some_and(|s| {
        !doc.text_of(Span::new(s.span.start, span.start))
            .chars()
            .any(char::is_alphanumeric)
    })
}

/// `s` with its first letter upper case.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// Gives `right` the capitalisation of `found`'s first letter.
fn match_case(found: &str, right: &str) -> String {
    let upper = found.chars().next().is_some_and(char::is_uppercase);
    let all_upper = found.chars().filter(|c| c.is_alphabetic()).count() > 1
        && found
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if all_upper {
        right.to_uppercase()
    } else if upper {
        capitalise(right)
    } else {
        right.to_string()
    }
}

impl Rule for SubstitutionRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        for block in doc.blocks.iter().filter(|b| self.meta.reads(b.kind)) {
            let text = self.meta.text_of(doc, block.span);
            // The ASCII view gives the same matches (`ascii_safe`), on the regex's fast path; the
            // words are read from the text itself.
            let haystack = if self.ascii {
                self.meta.ascii_text_of(doc, block.span)
            } else {
                Cow::Borrowed(text)
            };
            if !self.may_match(&haystack) {
                continue;
            }
            for m in self.regex.for_text(&haystack).find_iter(&haystack) {
                let found = &text[m.range()];
                let Some(right) = self.map.get(&normalize(found, self.case_sensitive)) else {
                    continue;
                };
                let span = Span::from(m.range()).shift(block.span.start);
                let mut right = if self.case_sensitive {
                    right.clone()
                } else {
                    match_case(found, right)
                };
                if starts_sentence(doc, span) {
                    right = capitalise(&right);
                }
                let message = interpolate(
                    &self.meta.message,
                    &[("match", found), ("replacement", &right)],
                );
                let fix = Fix::replace(
                    format!("write '{right}'"),
                    self.meta.fix_or(Applicability::Safe),
                    span,
                    right.clone(),
                );
                out.push(self.meta.diagnostic(message, span).with_fix(fix));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_gate_never_hides_a_match() {
        let meta = RuleMeta {
            id: "house.usage".into(),
            kind: "substitution",
            severity: crate::diagnostic::Severity::Warning,
            scope: crate::document::BlockKind::PROSE.to_vec(),
            fix: None,
            message: String::new(),
            why: String::new(),
            link: None,
            aliases: Vec::new(),
            enabled: true,
            examples: Vec::new(),
        };
        let pairs = [("a lot of".to_string(), "many".to_string())];
        for builtin in [false, true] {
            let rule = SubstitutionRule::new(meta.clone(), &pairs, false, builtin).unwrap();
            assert!(rule.may_match("A  LOT\nof"));
            assert!(rule.may_match("a\u{17F}lot"));
            assert!(!rule.may_match("a little of it"));
        }
    }

    #[test]
    fn keeps_capitalisation() {
        assert_eq!(match_case("Alot", "a lot"), "A lot");
        assert_eq!(match_case("ALOT", "a lot"), "A LOT");
        assert_eq!(match_case("alot", "a lot"), "a lot");
    }
}
