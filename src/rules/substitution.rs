//! `substitution` rules: a map of wrong → right, each finding carrying its fix.

use super::compile::{Built, Compiled, Table};
use super::{Rule, RuleMeta, interpolate};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::{Applicability, Fix};
use crate::lexicon::ascii_safe;
use crate::span::Span;
use regex::Regex;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
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
    SubstitutionRule::new(table.meta, &pairs, o.case_sensitive.unwrap_or(false))
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
    regex: Regex,
    /// Lowercased wrong form → right form.
    map: HashMap<String, String>,
    case_sensitive: bool,
    /// Every wrong form is ASCII words: the regex runs over the document's ASCII view.
    ascii: bool,
}

impl SubstitutionRule {
    /// A rule from its metadata and its wrong → right pairs.
    pub fn new(
        meta: RuleMeta,
        pairs: &[(String, String)],
        case_sensitive: bool,
    ) -> Result<Self, regex::Error> {
        let mut keys: Vec<&String> = pairs.iter().map(|(k, _)| k).collect();
        // Longest first, so "a lot of" wins over "a lot".
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        let keys: Vec<String> = keys.into_iter().cloned().collect();
        let regex = Regex::new(&super::pattern::phrases_to_regex(&keys, case_sensitive))?;
        let ascii = ascii_safe(&keys);
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
        })
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
            for m in self.regex.find_iter(&haystack) {
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
    fn keeps_capitalisation() {
        assert_eq!(match_case("Alot", "a lot"), "A lot");
        assert_eq!(match_case("ALOT", "a lot"), "A LOT");
        assert_eq!(match_case("alot", "a lot"), "a lot");
    }
}
