//! Whole-line patterns that compile only when a line could match them.
//!
//! The boilerplate pack's line patterns are large (Unicode classes under wide bounded repeats):
//! compiling all of them costs more than checking a story. A [`LineSet`] parses each pattern when
//! the rule is built (so a pattern that does not parse is still an error in the configuration;
//! the boilerplate rule compiles the user's own patterns at once, so one over the size limit is
//! too), takes from its
//! syntax tree the literals every match must contain ("writer", "reporter" … for a byline, "©" or
//! "copyright" for a copyright line), and puts those of every pattern into one Aho-Corasick
//! automaton. A line is tried only against the patterns whose literals it holds (and those with
//! none), and a pattern's regex is compiled the first time a line needs it. A story with no
//! candidate line compiles nothing, and a process compiles only the patterns its copy asks for.
//!
//! The prefilter never changes what matches: it only skips patterns that cannot match. Literals
//! are compared ignoring ASCII case (a case-insensitive pattern's `[Ss]` is the literal `s`); the
//! two characters that fold to an ASCII letter from outside ASCII (the long s and the Kelvin
//! sign) make a line try every pattern.

use crate::shared_regex::SharedRegex;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};
use std::sync::OnceLock;

/// The most strings a literal alternative may expand to before it is given up.
const MAX_ALTERNATIVES: usize = 64;
/// The most characters a class may hold to count as a literal.
const MAX_CLASS: usize = 8;
/// The most literal sets a pattern's line must each hold one of before the pattern is tried.
const MAX_GROUPS: usize = 3;
/// Characters outside ASCII that case-fold to an ASCII letter: ſ (s) and K (k).
const FOLDS_TO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// One pattern: its source and its regex, compiled on first use. The patterns are large (a
/// Unicode class under a bounded repeat compiles to thousands of states), so the threads share
/// their caches instead of holding one each.
#[derive(Debug)]
struct LinePattern {
    source: String,
    regex: OnceLock<Option<SharedRegex>>,
}

impl LinePattern {
    fn is_match(&self, line: &str) -> bool {
        // The source parsed when the set was built; only a pattern over the regex size limit
        // can fail here, and it then matches nothing.
        self.regex
            .get_or_init(|| {
                regex_automata::meta::Regex::new(&self.source)
                    .ok()
                    .map(SharedRegex::new)
            })
            .as_ref()
            .is_some_and(|r| r.is_match(line))
    }
}

/// A regex compiled the first time it is used (a rule's exceptions, read only when the rule
/// has a finding).
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    regex: OnceLock<Regex>,
}

impl LazyRegex {
    /// The regex of `source`, parsed now and compiled on first use; None if it does not parse.
    pub fn new(source: &str) -> Option<LazyRegex> {
        regex_syntax::Parser::new().parse(source).ok()?;
        Some(LazyRegex {
            source: source.to_string(),
            regex: OnceLock::new(),
        })
    }

    /// The compiled regex. One that parsed but is over the size limit never matches.
    pub fn get(&self) -> &Regex {
        self.regex.get_or_init(|| {
            Regex::new(&self.source).unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("never"))
        })
    }
}

/// Patterns matched one line at a time, each compiled only when a line holds one of its
/// required literals.
#[derive(Debug)]
pub struct LineSet {
    patterns: Vec<LinePattern>,
    /// Every required literal of every pattern, ASCII case ignored.
    prefilter: Option<AhoCorasick>,
    /// For each literal of `prefilter`, its pattern and the bit of its group.
    owner: Vec<(usize, u8)>,
    /// For each pattern, the bits of all its groups: a line holding a literal of each group
    /// is a candidate.
    full: Vec<u8>,
    /// Patterns with no required literal: tried on every line.
    always: Vec<usize>,
}

impl LineSet {
    /// A set of the given regex sources; the index of the first one that does not parse, when
    /// one does not.
    pub fn new(sources: &[String]) -> Result<LineSet, usize> {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owner = Vec::new();
        let mut always = Vec::new();
        let mut full = Vec::with_capacity(sources.len());
        let mut patterns = Vec::with_capacity(sources.len());
        for (i, source) in sources.iter().enumerate() {
            let hir = regex_syntax::Parser::new().parse(source).map_err(|_| i)?;
            let groups = groups(&hir);
            if groups.is_empty() {
                always.push(i);
            }
            full.push(((1u16 << groups.len()) - 1) as u8);
            for (g, lits) in groups.into_iter().enumerate() {
                for l in lits {
                    literals.push(l);
                    owner.push((i, 1 << g));
                }
            }
            patterns.push(LinePattern {
                source: source.clone(),
                regex: OnceLock::new(),
            });
        }
        let prefilter = (!literals.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .expect("literals of bounded size build an automaton")
        });
        Ok(LineSet {
            patterns,
            prefilter,
            owner,
            full,
            always,
        })
    }

    /// Whether one of the patterns matches `line`.
    pub fn is_match(&self, line: &str) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        if line.contains(FOLDS_TO_ASCII) {
            return self.patterns.iter().any(|p| p.is_match(line));
        }
        if self.always.iter().any(|&i| self.patterns[i].is_match(line)) {
            return true;
        }
        let Some(prefilter) = &self.prefilter else {
            return false;
        };
        // The groups each pattern's literals were found for; a pattern is tried once, when a
        // literal of its last group is found (its bits then become more than `full`).
        let mut seen: Vec<u8> = Vec::new();
        for m in prefilter.find_overlapping_iter(line) {
            let (i, bit) = self.owner[m.pattern().as_usize()];
            if seen.is_empty() {
                seen = vec![0; self.patterns.len()];
            }
            if seen[i] & 0x80 != 0 {
                continue;
            }
            seen[i] |= bit;
            if seen[i] == self.full[i] {
                seen[i] |= 0x80;
                if self.patterns[i].is_match(line) {
                    return true;
                }
            }
        }
        false
    }
}

/// The strings `hir` matches, when they are few and each is a fixed string (ASCII lowercased).
fn exact(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty => Some(vec![Vec::new()]),
        HirKind::Literal(l) => Some(vec![l.0.to_ascii_lowercase()]),
        HirKind::Class(Class::Unicode(c)) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            let mut n = 0;
            for r in c.ranges() {
                n += r.end() as usize - r.start() as usize + 1;
                if n > MAX_CLASS {
                    return None;
                }
                for ch in r.start()..=r.end() {
                    if FOLDS_TO_ASCII.contains(&ch) {
                        continue;
                    }
                    let mut buf = [0; 4];
                    out.push(ch.encode_utf8(&mut buf).as_bytes().to_ascii_lowercase());
                }
            }
            out.sort();
            out.dedup();
            (!out.is_empty()).then_some(out)
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            for r in c.ranges() {
                if out.len() + usize::from(r.end() - r.start()) >= MAX_CLASS {
                    return None;
                }
                out.extend((r.start()..=r.end()).map(|b| vec![b.to_ascii_lowercase()]));
            }
            out.sort();
            out.dedup();
            (!out.is_empty()).then_some(out)
        }
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Concat(parts) => {
            let mut acc = vec![Vec::new()];
            for p in parts {
                acc = product(&acc, &exact(p)?)?;
            }
            Some(acc)
        }
        HirKind::Alternation(parts) => {
            let mut out = Vec::new();
            for p in parts {
                out.extend(exact(p)?);
                if out.len() > MAX_ALTERNATIVES {
                    return None;
                }
            }
            out.sort();
            out.dedup();
            Some(out)
        }
        HirKind::Look(_) | HirKind::Repetition(_) => None,
    }
}

/// Every string of `a` followed by every string of `b`, unless there are too many.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_ALTERNATIVES {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// A set of literals, one of which every match of `hir` contains (ASCII lowercased); None when
/// no such set is known.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    if let Some(e) = exact(hir)
        && e.iter().all(|s| !s.is_empty())
    {
        return Some(e);
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => None,
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Repetition(_) => None,
        HirKind::Alternation(parts) => {
            let mut out = Vec::new();
            for p in parts {
                out.extend(required(p)?);
                if out.len() > 4 * MAX_ALTERNATIVES {
                    return None;
                }
            }
            out.sort();
            out.dedup();
            Some(out)
        }
        HirKind::Concat(_) => best(concat_candidates(hir)).into_iter().next(),
    }
}

/// The parts of a concatenation, nested ones and groups spliced in.
fn flatten<'h>(hir: &'h Hir, out: &mut Vec<&'h Hir>) {
    match hir.kind() {
        HirKind::Concat(parts) => parts.iter().for_each(|p| flatten(p, out)),
        HirKind::Capture(c) => flatten(&c.sub, out),
        _ => out.push(hir),
    }
}

/// Literal sets of a concatenation, each of which every match holds one of: each run of fixed
/// parts, joined, and each other part's own.
fn concat_candidates(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    let mut parts = Vec::new();
    flatten(hir, &mut parts);
    let mut candidates: Vec<Vec<Vec<u8>>> = Vec::new();
    let mut run: Vec<Vec<u8>> = vec![Vec::new()];
    for p in parts {
        match exact(p) {
            Some(e) => match product(&run, &e) {
                Some(joined) => run = joined,
                None => candidates.push(std::mem::replace(&mut run, e)),
            },
            None => {
                candidates.push(std::mem::replace(&mut run, vec![Vec::new()]));
                if let Some(r) = required(p) {
                    candidates.push(r);
                }
            }
        }
    }
    candidates.push(run);
    candidates
}

/// The usable literal sets (no empty string), most selective first: longest shortest literal
/// (up to 8 bytes), then fewest literals.
fn best(mut candidates: Vec<Vec<Vec<u8>>>) -> Vec<Vec<Vec<u8>>> {
    candidates.retain(|c| !c.is_empty() && c.iter().all(|s| !s.is_empty()));
    candidates.sort_by_key(|c| {
        let shortest = c.iter().map(Vec::len).min().unwrap_or(0);
        std::cmp::Reverse((shortest.min(8), std::cmp::Reverse(c.len())))
    });
    candidates
}

/// Up to [`MAX_GROUPS`] literal sets that every match of `hir` holds one literal of each.
fn groups(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    let mut parts = Vec::new();
    flatten(hir, &mut parts);
    if parts.len() <= 1 {
        return required(hir).into_iter().collect();
    }
    let mut all = best(concat_candidates(hir));
    all.truncate(MAX_GROUPS);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        required(&hir).map(|v| {
            v.into_iter()
                .map(|s| String::from_utf8(s).unwrap())
                .collect()
        })
    }

    #[test]
    fn literals_every_match_holds() {
        assert_eq!(
            lits(r"(?i)^(?:staff|senior)\s+(?:writer|editor)$"),
            Some(vec!["editor".into(), "writer".into()])
        );
        assert_eq!(
            lits(r"^(?:(?i)the (?:ap|upi) )"),
            Some(vec!["the ap ".into(), "the upi ".into()])
        );
        assert_eq!(lits(r"^\d+\s*$"), None);
        assert_eq!(lits(r"(?i)a|\d+"), None);
        assert_eq!(lits(r"©\s*\d{4}"), Some(vec!["©".into()]));
    }

    #[test]
    fn the_prefilter_never_changes_a_match() {
        let sources: Vec<String> = [
            r"^(?:(?i)(?:the )?(?:associated press|reuters))\W*$",
            r"^(?:\p{Lu}[\w ]{1,20},?\s+(?i:staff\s+)?(?:writer|reporter))$",
            r"^(?:\d+ of \d+)$",
            r"^(?:[0-9]+)$",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let set = LineSet::new(&sources).unwrap();
        let full = regex::RegexSet::new(&sources).unwrap();
        for line in [
            "The Associated Press",
            "REUTERS",
            "ReuterS.",
            "Reuter",
            "Jane Doe, staff writer",
            "Jane Doe, STAFF WRITER",
            "Jane Doe, ſtaff writer",
            "3 of 12",
            "3 of",
            "1234",
            "",
            "the \u{212A}",
        ] {
            assert_eq!(set.is_match(line), full.is_match(line), "{line}");
        }
    }

    #[test]
    fn a_line_must_hold_a_literal_of_each_group() {
        let sources = vec![
            r"^(?:(?i).{0,60}\b(?:javascript|flash)\b.{0,40}\b(?:enabled?|required))$".to_string(),
        ];
        let set = LineSet::new(&sources).unwrap();
        assert_eq!(set.full, vec![0b11]);
        assert!(!set.is_match("nothing is required"));
        assert!(
            set.patterns[0].regex.get().is_none(),
            "compiled without a candidate"
        );
        assert!(set.is_match("JavaScript is required"));
    }

    #[test]
    fn a_bad_pattern_is_named() {
        let sources = vec!["ok".to_string(), "(unclosed".to_string()];
        assert_eq!(LineSet::new(&sources).unwrap_err(), 1);
    }
}
