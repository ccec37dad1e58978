//! Whole-line patterns that compile only when a line could match them.
//!
//! The boilerplate pack's line patterns are large (Unicode classes under wide bounded repeats):
//! compiling all of them costs more than checking a story. A [`LineSet`] takes from each
//! pattern's syntax tree the literals every match must contain ("writer", "reporter" … for a
//! byline, "©" or "copyright" for a copyright line), and puts those of every pattern into one
//! Aho-Corasick automaton. The built-in pack's literals are read at build time (`build.rs`), so no
//! built-in pattern is parsed at run time; a user's pattern is parsed when the rule is built (one
//! that does not parse, or is over the size limit, is an error in the configuration). A line is
//! tried only against the patterns whose literals it holds (and those with none), and a
//! pattern's regex is compiled the first time a line needs it. A story with no candidate line
//! compiles nothing, and a process compiles only the patterns its copy asks for.
//!
//! The prefilter never changes what matches: it only skips patterns that cannot match. Literals
//! are compared ignoring ASCII case (a case-insensitive pattern's `[Ss]` is the literal `s`); the
//! two characters that fold to an ASCII letter from outside ASCII (the long s and the Kelvin
//! sign) make a line try every pattern.

pub(crate) mod literals;

use crate::shared_regex::SharedRegex;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use literals::{FOLDS_TO_ASCII, groups};
use regex::Regex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Read ahead of time by the build script from the built-in boilerplate pack: `STRINGS`, every
/// string of the pack, sorted; `LITERALS`, for each of them that parses as a whole-line pattern,
/// its anchored source (`^(?:…)$`) and the literal groups [`literals::groups`] gives it, sorted
/// by source; `NARROW`, for the same sources, their narrow forms
/// ([`crate::narrow::narrow_parse`]) written as bytes ([`crate::narrow::tree::encode`]).
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/lineset_builtin.rs"));
}

/// Read ahead of time by the build script from `lazy.toml`, the regexes of the built-in rules
/// that compile on first use: `LAZY`, sorted by source, each with its narrow form
/// ([`crate::narrow::narrow_parse`]) written as bytes ([`crate::narrow::tree::encode`]) and the
/// literal groups [`literals::groups`] gives it.
mod lazy_builtin {
    include!(concat!(env!("OUT_DIR"), "/lazy_builtin.rs"));
}

/// What the build script read from a built-in rule's regex `source` (see [`lazy_builtin`]): its
/// narrow form written as bytes, and its literal groups.
#[allow(clippy::type_complexity)]
fn builtin_lazy(source: &str) -> Option<(&'static [u8], &'static [&'static [&'static [u8]]])> {
    let i = lazy_builtin::LAZY
        .binary_search_by(|(s, _, _)| (*s).cmp(source))
        .ok()?;
    let (_, written, groups) = lazy_builtin::LAZY[i];
    Some((written, groups))
}

/// Whether `s` is a string of the built-in boilerplate pack, as written (a pattern of its own).
pub fn builtin_string(s: &str) -> bool {
    builtin::STRINGS.binary_search(&s).is_ok()
}

/// The narrow form of the whole-line pattern `source` of the built-in pack, written ahead of
/// time: the tree [`crate::narrow::narrow_parse`] gives, read back without parsing a pattern.
fn builtin_narrow(source: &str) -> Option<&'static [u8]> {
    let i = builtin::NARROW
        .binary_search_by(|(s, _)| (*s).cmp(source))
        .ok()?;
    Some(builtin::NARROW[i].1)
}

/// The literal groups of the whole-line pattern `source`: read ahead of time for a pattern of the
/// built-in pack, else from its syntax tree; None when it does not parse.
fn literal_groups(source: &str) -> Option<Vec<Vec<Vec<u8>>>> {
    if let Ok(i) = builtin::LITERALS.binary_search_by(|(s, _)| (*s).cmp(source)) {
        let groups = builtin::LITERALS[i].1;
        return Some(
            groups
                .iter()
                .map(|g| g.iter().map(|l| l.to_vec()).collect())
                .collect(),
        );
    }
    let hir = regex_syntax::Parser::new().parse(source).ok()?;
    Some(groups(&hir))
}

#[cfg(test)]
thread_local! {
    /// The sources [`LazyRegex::trusted`] is given on this thread while a test records them.
    static TRUSTED: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// One pattern: its source and its regex, compiled on first use. The patterns are large (a
/// Unicode class under a bounded repeat compiles to thousands of states), so the threads share
/// their caches instead of holding one each. They run without the lazy DFA: a line is short and
/// tried only when it holds the pattern's literals, so the bounded backtracker or the PikeVM
/// serves it at little cost, and no reverse NFA, DFA states or DFA sparse sets are kept for
/// it (peak RSS on the doj + wikinews archive, 2 threads: 95 -> 82 MB).
#[derive(Debug)]
struct LinePattern {
    source: String,
    regex: OnceLock<Option<SharedRegex>>,
    /// Its narrow form, for a narrow line (see [`crate::narrow`]): the same matches, compiled
    /// several times faster.
    narrow: OnceLock<Option<SharedRegex>>,
    /// Tried on most lines (it has no required literal, or one of a single byte, such as "."):
    /// compiled with the lazy DFA, since the PikeVM over every line of a long story costs more
    /// than the DFA's states.
    every_line: bool,
}

/// How a line pattern is compiled: without the lazy DFA (see [`LinePattern`]), unless it is
/// tried on every line.
fn line_config(every_line: bool) -> regex_automata::meta::Config {
    regex_automata::meta::Regex::config().hybrid(every_line)
}

impl LinePattern {
    /// Whether the pattern matches `line`; `narrow`: whether the line is narrow (found on first
    /// use, then kept for the other patterns of the line).
    fn is_match(&self, line: &str, narrow: &mut Option<bool>) -> bool {
        let narrow = *narrow.get_or_insert_with(|| crate::narrow::is_narrow(line));
        // The source parsed when the set was built; only a pattern over the regex size limit
        // can fail here, and it then matches nothing. A written narrow form that does not read
        // back falls back to the form found now.
        let regex = if narrow {
            self.narrow.get_or_init(|| {
                let hir = builtin_narrow(&self.source)
                    .and_then(crate::narrow::tree::decode)
                    .or_else(|| crate::narrow::narrow_parse(&self.source))?;
                regex_automata::meta::Regex::builder()
                    .configure(line_config(self.every_line))
                    .build_from_hir(&hir)
                    .ok()
                    .map(SharedRegex::new)
            })
        } else {
            self.regex.get_or_init(|| {
                regex_automata::meta::Regex::builder()
                    .configure(line_config(self.every_line))
                    .build(&self.source)
                    .ok()
                    .map(SharedRegex::new)
            })
        };
        regex.as_ref().is_some_and(|r| r.is_match(line))
    }
}

/// A regex compiled the first time it is used (a rule's exceptions, read only when the rule
/// has a finding).
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    regex: OnceLock<Regex>,
    /// Its narrow form, for narrow text (see [`crate::narrow`]), built on first use.
    narrow: OnceLock<Option<Regex>>,
    /// The narrow form built without its literal prefilters, for the first [`QUICK_BYTES`] of
    /// narrow text searched (see [`LazyRegex::for_text`]), then dropped with its caches.
    quick: Mutex<Quick>,
    /// The bytes of narrow text searched so far (counted up to [`QUICK_BYTES`]).
    scanned: AtomicUsize,
}

/// The bytes of narrow text a [`LazyRegex`] searches with its quick form before it builds its
/// narrow form with prefilters. The built-in rules' phrase lists are large alternations, whose
/// prefilters (the literal prefixes, the reverse-inner literals) cost more to build than the
/// regex itself, and more than they save over one story: compiled without them, a phrase list
/// builds in about half the time, and its lazy DFA reads a story's few kilobytes at once. An
/// archive or the language server goes on to the prefiltered form, which rejects most texts
/// without running the DFA.
const QUICK_BYTES: usize = 256 * 1024;

/// The quick form of a [`LazyRegex`].
#[derive(Debug)]
enum Quick {
    /// Not built yet.
    Unbuilt,
    /// Not built yet, and no narrow text searched so far held the literals every match holds:
    /// it is built (from the narrow tree the build script wrote) for the first text that does.
    Waiting(Gate, &'static [u8]),
    /// Built (None: the narrow form does not compile).
    Built(Option<Arc<regex_automata::meta::Regex>>),
    /// Dropped: [`QUICK_BYTES`] were searched.
    Gone,
}

/// The literal groups of a built-in rule's regex (read by the build script): every match holds
/// a literal of each group, ASCII case ignored, in a text without the two characters that fold
/// to an ASCII letter from outside ASCII, which a narrow text never holds (they are letters),
/// each run of white space read as one space (`literals::spaced_groups`: a phrase "it is said"
/// is a literal, not its word "said", which nearly every news story holds). A story whose
/// narrow text holds none of a phrase list's phrases never compiles the list.
#[derive(Debug)]
struct Gate {
    /// Every literal of every group, ASCII case ignored, every match reported.
    automaton: AhoCorasick,
    /// For each literal, the bit of its group.
    owner: Vec<u8>,
    /// The bits of all the groups.
    full: u8,
}

impl Gate {
    /// The gate of these literal groups; None when there are none (or too many to gate).
    fn new(groups: &[&[&[u8]]]) -> Option<Gate> {
        if groups.is_empty() || groups.len() > 8 {
            return None;
        }
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut owner = Vec::new();
        for (g, lits) in groups.iter().enumerate() {
            for l in *lits {
                literals.push(l);
                owner.push(1 << g);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .ok()?;
        Some(Gate {
            automaton,
            owner,
            full: ((1u16 << groups.len()) - 1) as u8,
        })
    }

    /// Whether narrow `text` holds a literal of each group (so that it may hold a match), its
    /// runs of white space read as one space (as the literals were).
    fn holds(&self, text: &str) -> bool {
        let mut seen = 0u8;
        let spaced = literals::spaced_text(text.as_bytes());
        for m in self.automaton.find_overlapping_iter(&*spaced) {
            seen |= self.owner[m.pattern().as_usize()];
            if seen == self.full {
                return true;
            }
        }
        false
    }
}

/// The regex [`LazyRegex::for_text`] gives for a text: a `regex` crate regex, or the quick form
/// (a `regex-automata` regex), or none when the text cannot hold a match. All find the same
/// matches.
#[derive(Clone, Debug)]
pub enum TextRegex<'r> {
    /// The pattern or its narrow form, prefilters and all.
    Regex(&'r Regex),
    /// The narrow form without prefilters.
    Quick(Arc<regex_automata::meta::Regex>),
    /// No regex: the text holds none of the literals every match holds (see [`Gate`]).
    Never,
}

/// A match of a [`TextRegex`]: a byte range of the text searched.
#[derive(Clone, Copy, Debug)]
pub struct TextMatch<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> TextMatch<'t> {
    /// Where the match starts, in bytes.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where the match ends, in bytes.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The match's byte range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The text matched.
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

impl<'r> TextRegex<'r> {
    /// Whether the regex matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        match self {
            TextRegex::Regex(r) => r.is_match(text),
            TextRegex::Quick(r) => r.is_match(text),
            TextRegex::Never => false,
        }
    }

    /// The first match in `text`.
    pub fn find<'t>(&self, text: &'t str) -> Option<TextMatch<'t>> {
        match self {
            TextRegex::Regex(r) => r.find(text).map(|m| TextMatch {
                text,
                start: m.start(),
                end: m.end(),
            }),
            TextRegex::Quick(r) => r.find(text).map(|m| TextMatch {
                text,
                start: m.start(),
                end: m.end(),
            }),
            TextRegex::Never => None,
        }
    }

    /// Every match in `text`, in order (those of `Regex::find_iter`).
    pub fn find_iter<'a, 't>(
        &'a self,
        text: &'t str,
    ) -> impl Iterator<Item = TextMatch<'t>> + use<'a, 'r, 't> {
        let (full, quick) = match self {
            TextRegex::Regex(r) => (Some(r.find_iter(text)), None),
            TextRegex::Quick(r) => (None, Some(r.find_iter(text))),
            TextRegex::Never => (None, None),
        };
        let full = full.into_iter().flatten().map(move |m| TextMatch {
            text,
            start: m.start(),
            end: m.end(),
        });
        let quick = quick.into_iter().flatten().map(move |m| TextMatch {
            text,
            start: m.start(),
            end: m.end(),
        });
        full.chain(quick)
    }
}

impl LazyRegex {
    /// The regex of a built-in rule, neither parsed nor compiled until it is used (a test
    /// compiles every built-in rule's regexes).
    pub fn trusted(source: &str) -> LazyRegex {
        #[cfg(test)]
        TRUSTED.with(|t| {
            if let Some(sources) = t.borrow_mut().as_mut() {
                sources.push(source.to_string());
            }
        });
        LazyRegex {
            source: source.to_string(),
            regex: OnceLock::new(),
            narrow: OnceLock::new(),
            quick: Mutex::new(Quick::Unbuilt),
            scanned: AtomicUsize::new(0),
        }
    }

    /// A regex already compiled.
    pub fn compiled(regex: Regex) -> LazyRegex {
        LazyRegex {
            source: regex.as_str().to_string(),
            regex: OnceLock::from(regex),
            narrow: OnceLock::new(),
            quick: Mutex::new(Quick::Unbuilt),
            scanned: AtomicUsize::new(0),
        }
    }

    /// Its source, without compiling it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The regex of `source`, parsed now and compiled on first use; None if it does not parse.
    pub fn new(source: &str) -> Option<LazyRegex> {
        regex_syntax::Parser::new().parse(source).ok()?;
        Some(LazyRegex {
            source: source.to_string(),
            regex: OnceLock::new(),
            narrow: OnceLock::new(),
            quick: Mutex::new(Quick::Unbuilt),
            scanned: AtomicUsize::new(0),
        })
    }

    /// The compiled regex. One that parsed but is over the size limit never matches.
    pub fn get(&self) -> &Regex {
        self.regex.get_or_init(|| {
            Regex::new(&self.source).unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("never"))
        })
    }

    /// The quick form, built from the narrow form's tree the build script wrote (`written`),
    /// else from the source.
    fn quick_form(&self, written: Option<&[u8]>) -> Quick {
        let hir = written
            .and_then(crate::narrow::tree::decode)
            .or_else(|| crate::narrow::narrow_parse(&self.source));
        let built = hir.and_then(|hir| {
            regex_automata::meta::Regex::builder()
                .configure(regex_automata::meta::Regex::config().auto_prefilter(false))
                .build_from_hir(&hir)
                .ok()
        });
        Quick::Built(built.map(Arc::new))
    }

    /// The regex to search `text` with (and only `text`, or a part of it): the narrow form when
    /// `text` is narrow (the same matches, compiled several times faster), else [`Self::get`].
    /// For the first [`QUICK_BYTES`] of narrow text, the narrow form built without prefilters:
    /// for a built-in rule's regex, read from the tree the build script wrote, and built only
    /// once a text holds the literals every match holds (until then, [`TextRegex::Never`]).
    pub fn for_text(&self, text: &str) -> TextRegex<'_> {
        if self.scanned.load(Ordering::Relaxed) < QUICK_BYTES && crate::narrow::is_narrow(text) {
            let before = self.scanned.fetch_add(text.len(), Ordering::Relaxed);
            let mut quick = self.quick.lock().unwrap_or_else(|e| e.into_inner());
            if before.saturating_add(text.len()) >= QUICK_BYTES {
                // The last text of the quick form: the prefiltered form takes over, and the
                // quick one's caches (its lazy DFA's states, a thread each) are freed.
                *quick = Quick::Gone;
            } else {
                if matches!(*quick, Quick::Unbuilt) {
                    let builtin = builtin_lazy(&self.source);
                    *quick = match builtin.and_then(|(w, groups)| Some((w, Gate::new(groups)?))) {
                        Some((written, gate)) => Quick::Waiting(gate, written),
                        None => self.quick_form(builtin.map(|(written, _)| written)),
                    };
                }
                if let Quick::Waiting(gate, written) = &*quick {
                    if !gate.holds(text) {
                        return TextRegex::Never;
                    }
                    *quick = self.quick_form(Some(written));
                }
                if let Quick::Built(Some(q)) = &*quick {
                    return TextRegex::Quick(Arc::clone(q));
                }
            }
        }
        // Every source was compiled (a user's) or is built in (a test compiles each).
        TextRegex::Regex(crate::narrow::narrow_or(
            text,
            &self.narrow,
            || crate::narrow::narrow_regex(&self.source),
            || self.get(),
        ))
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.get()
    }
}

/// The bytes a set scans with its contiguous NFA before it builds its DFA (a 10 KB story's lines
/// are scanned once by each set that reads them).
const DFA_AFTER: usize = 256 * 1024;

/// The prefilter of a set over its literals' prefixes, ASCII case ignored, every match reported
/// (the same matches whatever the kind).
fn automaton(prefixes: &[Vec<u8>], kind: AhoCorasickKind) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .kind(Some(kind))
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(prefixes)
        .expect("literals of bounded size build an automaton")
}

/// How many bytes of each literal the prefilter's automaton holds (see [`LineSet::new`]).
const PREFIX: usize = 4;

/// Patterns matched one line at a time, each compiled only when a line holds one of its
/// required literals.
#[derive(Debug)]
pub struct LineSet {
    patterns: Vec<LinePattern>,
    /// The first [`PREFIX`] bytes of every required literal of every pattern (each prefix
    /// once), ASCII case ignored; built on first use (None: the set has no literal), so that a
    /// set read through a [`Joint`] scan, which tells it when a line may match, is built only
    /// for a line that may.
    prefilter: OnceLock<Option<AhoCorasick>>,
    /// The same automaton as a DFA, built once the set has scanned [`DFA_AFTER`] bytes: it
    /// scans a line several times faster, but building it costs more than one story's lines
    /// (the language server's re-lints and a run over an archive build it; one story does
    /// not).
    dfa: OnceLock<AhoCorasick>,
    /// The bytes scanned with `prefilter`, until `dfa` is built.
    scanned: AtomicUsize,
    /// The prefixes of `prefilter`, for building `dfa`.
    prefixes: Vec<Vec<u8>>,
    /// For each prefix of `prefilter`, the literals it begins (indices into `literals`).
    begins: Vec<Vec<usize>>,
    /// Every required literal of every pattern (ASCII lowercase).
    literals: Vec<Vec<u8>>,
    /// For each literal, its pattern and the bit of its group.
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
            let groups = literal_groups(source).ok_or(i)?;
            if groups.is_empty() {
                always.push(i);
            }
            // A literal of one byte ("." for an ellipsis, ":" for a smiley) is on most lines.
            let every_line = groups.iter().all(|g| g.iter().any(|l| l.len() <= 1));
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
                narrow: OnceLock::new(),
                every_line,
            });
        }
        // The automaton holds the literals' prefixes, each once: it builds in a fraction of the
        // time the whole literals take (the built-in pack's 1,451 literals, 23 KB, are 532
        // prefixes of 2 KB), and a line holding a prefix is then read for the rest of each
        // literal it begins.
        let mut by_prefix: Vec<(&[u8], usize)> = literals
            .iter()
            .enumerate()
            .map(|(k, l)| (&l[..l.len().min(PREFIX)], k))
            .collect();
        by_prefix.sort_unstable();
        let mut prefixes: Vec<&[u8]> = Vec::new();
        let mut begins: Vec<Vec<usize>> = Vec::new();
        for (prefix, k) in by_prefix {
            if prefixes.last() != Some(&prefix) {
                prefixes.push(prefix);
                begins.push(Vec::new());
            }
            begins.last_mut().expect("just pushed").push(k);
        }
        let prefixes: Vec<Vec<u8>> = prefixes.into_iter().map(<[u8]>::to_vec).collect();
        Ok(LineSet {
            patterns,
            prefilter: OnceLock::new(),
            dfa: OnceLock::new(),
            scanned: AtomicUsize::new(0),
            prefixes,
            begins,
            literals,
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
        // Whether the line is narrow is read only when a pattern is tried.
        let mut narrow = None;
        // An ASCII line holds neither (read a word at a time, not a character at a time).
        if !line.is_ascii() && line.contains(FOLDS_TO_ASCII) {
            return self.patterns.iter().any(|p| p.is_match(line, &mut narrow));
        }
        if self
            .always
            .iter()
            .any(|&i| self.patterns[i].is_match(line, &mut narrow))
        {
            return true;
        }
        // A contiguous NFA first: it builds in a fraction of a DFA's time (paid on every run,
        // for one story too).
        let built = self.prefilter.get_or_init(|| {
            (!self.prefixes.is_empty())
                .then(|| automaton(&self.prefixes, AhoCorasickKind::ContiguousNFA))
        });
        let Some(nfa) = built else {
            return false;
        };
        let prefilter = match self.dfa.get() {
            Some(dfa) => dfa,
            None if self.scanned.fetch_add(line.len(), Ordering::Relaxed) >= DFA_AFTER => self
                .dfa
                .get_or_init(|| automaton(&self.prefixes, AhoCorasickKind::DFA)),
            None => nfa,
        };
        // The groups each pattern's literals were found for; a pattern is tried once, when a
        // literal of its last group is found (its bits then become more than `full`).
        // On the stack for a set of up to `SMALL` patterns: no allocation per line.
        const SMALL: usize = 128;
        let n = self.patterns.len();
        let mut small = [0u8; SMALL];
        let mut large: Vec<u8> = Vec::new();
        let bytes = line.as_bytes();
        for m in prefilter.find_overlapping_iter(line) {
            for &k in &self.begins[m.pattern().as_usize()] {
                // The literal whole at the prefix's place, ASCII case ignored, as the automaton
                // compares.
                let literal = &self.literals[k];
                if literal.len() > PREFIX
                    && !bytes
                        .get(m.start()..m.start() + literal.len())
                        .is_some_and(|at| at.eq_ignore_ascii_case(literal))
                {
                    continue;
                }
                let (i, bit) = self.owner[k];
                let seen: &mut [u8] = if n <= SMALL {
                    &mut small[..n]
                } else {
                    if large.is_empty() {
                        large = vec![0; n];
                    }
                    &mut large
                };
                if seen[i] & 0x80 != 0 {
                    continue;
                }
                seen[i] |= bit;
                if seen[i] == self.full[i] {
                    seen[i] |= 0x80;
                    if self.patterns[i].is_match(line, &mut narrow) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// Several line sets read with one scan of a line: which of them may match it. A set may match
/// a line when one of its patterns has a literal of each of its groups there (the patterns
/// [`LineSet::is_match`] tries), when it has a pattern with no literal, or when the line holds a
/// character that folds to an ASCII letter from outside ASCII; any other set's
/// [`LineSet::is_match`] is false. A rule holding many sets (the 11 of the `context` rule's 13
/// read on a line's own text) scans each line once for all of them, not once for each, and reads
/// a set only for the lines it may match.
#[derive(Debug)]
pub struct Joint {
    /// The sets read together, at most 32 ([`Joint::may_match`] gives a bit a set).
    count: usize,
    /// The first [`PREFIX`] bytes of every literal of every set, each prefix once, ASCII case
    /// ignored (None: no set has a literal).
    prefilter: Option<AhoCorasick>,
    /// The same automaton as a DFA, built once [`DFA_AFTER`] bytes are scanned (as a set's).
    dfa: OnceLock<AhoCorasick>,
    /// The bytes scanned with `prefilter`, until `dfa` is built.
    scanned: AtomicUsize,
    /// The prefixes of `prefilter`, for building `dfa`.
    prefixes: Vec<Vec<u8>>,
    /// For each prefix of `prefilter`, the literals it begins: (set, literal of that set).
    begins: Vec<Vec<(usize, usize)>>,
    /// For each set, where its patterns' bits start in the bits of a scan.
    offsets: Vec<usize>,
    /// The patterns of all the sets.
    patterns: usize,
    /// The bits of the sets with a pattern that has no literal: they may match any line.
    always: u32,
}

impl Joint {
    /// The joint scan of `sets` (at most 32), which [`Joint::may_match`] is then given, in the
    /// same order.
    pub fn new(sets: &[&LineSet]) -> Joint {
        assert!(sets.len() <= 32, "a joint scan reads at most 32 sets");
        let mut by_prefix: Vec<(&[u8], usize, usize)> = Vec::new();
        let mut offsets = Vec::with_capacity(sets.len());
        let mut patterns = 0;
        let mut always = 0u32;
        for (s, set) in sets.iter().enumerate() {
            offsets.push(patterns);
            patterns += set.patterns.len();
            if !set.always.is_empty() {
                always |= 1 << s;
            }
            for (k, l) in set.literals.iter().enumerate() {
                by_prefix.push((&l[..l.len().min(PREFIX)], s, k));
            }
        }
        by_prefix.sort_unstable();
        let mut prefixes: Vec<&[u8]> = Vec::new();
        let mut begins: Vec<Vec<(usize, usize)>> = Vec::new();
        for (prefix, s, k) in by_prefix {
            if prefixes.last() != Some(&prefix) {
                prefixes.push(prefix);
                begins.push(Vec::new());
            }
            begins.last_mut().expect("just pushed").push((s, k));
        }
        let prefixes: Vec<Vec<u8>> = prefixes.into_iter().map(<[u8]>::to_vec).collect();
        let prefilter =
            (!prefixes.is_empty()).then(|| automaton(&prefixes, AhoCorasickKind::ContiguousNFA));
        Joint {
            count: sets.len(),
            prefilter,
            dfa: OnceLock::new(),
            scanned: AtomicUsize::new(0),
            prefixes,
            begins,
            offsets,
            patterns,
            always,
        }
    }

    /// The bits of the sets (those given to [`Joint::new`], in order) that may match `line`:
    /// for any other, [`LineSet::is_match`] is false.
    pub fn may_match(&self, sets: &[&LineSet], line: &str) -> u32 {
        debug_assert_eq!(sets.len(), self.count);
        let all = if self.count == 32 {
            u32::MAX
        } else {
            (1u32 << self.count) - 1
        };
        if !line.is_ascii() && line.contains(FOLDS_TO_ASCII) {
            return all;
        }
        let mut may = self.always;
        let Some(nfa) = &self.prefilter else {
            return may;
        };
        let prefilter = match self.dfa.get() {
            Some(dfa) => dfa,
            None if self.scanned.fetch_add(line.len(), Ordering::Relaxed) >= DFA_AFTER => self
                .dfa
                .get_or_init(|| automaton(&self.prefixes, AhoCorasickKind::DFA)),
            None => nfa,
        };
        // The groups each pattern's literals were found for, as in `LineSet::is_match`.
        const SMALL: usize = 512;
        let mut small = [0u8; SMALL];
        let mut large: Vec<u8> = Vec::new();
        let seen: &mut [u8] = if self.patterns <= SMALL {
            &mut small[..self.patterns]
        } else {
            large.resize(self.patterns, 0);
            &mut large
        };
        let bytes = line.as_bytes();
        for m in prefilter.find_overlapping_iter(line) {
            for &(s, k) in &self.begins[m.pattern().as_usize()] {
                if may & (1 << s) != 0 {
                    continue;
                }
                let set = sets[s];
                let literal = &set.literals[k];
                if literal.len() > PREFIX
                    && !bytes
                        .get(m.start()..m.start() + literal.len())
                        .is_some_and(|at| at.eq_ignore_ascii_case(literal))
                {
                    continue;
                }
                let (i, bit) = set.owner[k];
                let seen = &mut seen[self.offsets[s] + i];
                *seen |= bit;
                if *seen == set.full[i] {
                    may |= 1 << s;
                    if may == all {
                        return may;
                    }
                }
            }
        }
        may
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use literals::required;

    fn lits(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        required(&hir).map(|v| {
            v.into_iter()
                .map(|s| String::from_utf8(s).unwrap())
                .collect()
        })
    }

    #[test]
    fn the_written_narrow_forms_are_the_narrow_forms() {
        assert!(builtin::NARROW.len() > 50);
        assert!(builtin::NARROW.is_sorted_by_key(|(s, _)| *s));
        for (source, written) in builtin::NARROW {
            let narrow = crate::narrow::narrow_parse(source).unwrap();
            assert_eq!(
                crate::narrow::tree::decode(written),
                Some(narrow),
                "{source}"
            );
        }
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
            r"^(?:(?i).{1,20}, staff (?:reporters|repo))$",
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
            "Jane Doe, Staff Repo",
            "Jane Doe, staff reporte",
            "Jane Doe, staff REPORTS",
            "Jane Doe, staff reporters",
            "1234",
            "",
            "the \u{212A}",
        ] {
            assert_eq!(set.is_match(line), full.is_match(line), "{line}");
        }
        // Once the set has scanned enough lines, it scans with its DFA: the same answers.
        assert!(set.dfa.get().is_none());
        let filler = "x".repeat(DFA_AFTER);
        assert!(!set.is_match(&filler));
        for line in [
            "The Associated Press",
            "Reuter",
            "Jane Doe, STAFF WRITER",
            "3 of 12",
        ] {
            assert_eq!(set.is_match(line), full.is_match(line), "{line}");
        }
        assert!(set.dfa.get().is_some());
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
    fn built_in_literals_are_those_of_the_syntax_tree() {
        assert!(!builtin::LITERALS.is_empty());
        for (source, ahead) in builtin::LITERALS {
            let hir = regex_syntax::Parser::new().parse(source).unwrap();
            let now = groups(&hir);
            let ahead: Vec<Vec<Vec<u8>>> = ahead
                .iter()
                .map(|g| g.iter().map(|l| l.to_vec()).collect())
                .collect();
            assert_eq!(now, ahead, "{source}");
        }
        assert!(builtin_string("boilerplate"));
        assert!(!builtin_string("not a string of the pack"));
    }

    #[test]
    fn the_quick_form_finds_what_the_prefiltered_form_finds() {
        let texts = [
            "Officials said on Monday, “sources said” — twice. TK TK and TODO: fix",
            "The toll rose to 40; it was initially 31, by nightfall 44 — experts say.",
            "",
        ];
        for pattern in [
            r"(?i)\bsources\s+said\b|\bofficials\s+(?:say|said)\b|\bexperts\s+say\b",
            r"\b(?:TK(?:TK)*|XXX?)\b|\b(?:TODO|FIXME)\b:?[^\r\n]*",
            r"\b(?:rose|initially)\b|\bby (?:the )?(?:nightfall|dawn)\b",
        ] {
            let quick = LazyRegex::trusted(pattern);
            let full = LazyRegex::trusted(pattern);
            full.scanned.store(QUICK_BYTES, Ordering::Relaxed);
            *full.quick.lock().unwrap() = Quick::Gone;
            for text in texts {
                assert!(matches!(quick.for_text(text), TextRegex::Quick(_)));
                assert!(matches!(full.for_text(text), TextRegex::Regex(_)));
                let all = |r: TextRegex<'_>| {
                    r.find_iter(text)
                        .map(|m| (m.range(), m.as_str().to_string()))
                        .collect::<Vec<_>>()
                };
                let found = all(quick.for_text(text));
                assert_eq!(found, all(full.for_text(text)), "{pattern} over {text:?}");
                let spans = |r: &Regex| r.find_iter(text).map(|m| m.range()).collect::<Vec<_>>();
                let ranges: Vec<_> = found.iter().map(|(r, _)| r.clone()).collect();
                assert_eq!(ranges, spans(quick.get()), "{pattern} over {text:?}");
                assert_eq!(
                    quick.for_text(text).find(text).map(|m| m.range()),
                    quick.get().find(text).map(|m| m.range())
                );
                assert_eq!(
                    quick.for_text(text).is_match(text),
                    quick.get().is_match(text)
                );
            }
        }
        // Non-narrow text is searched with the pattern itself.
        let r = LazyRegex::trusted(r"\bJosé\b");
        assert!(matches!(r.for_text("José"), TextRegex::Regex(_)));
    }

    /// `lazy.toml` lists the regexes of the built-in rules that compile on first use, and the
    /// build script wrote their narrow forms and literal groups. `COPYDESK_BLESS=1` rewrites
    /// the list.
    #[test]
    fn the_lazy_list_is_the_built_in_rules_regexes() {
        TRUSTED.with(|t| *t.borrow_mut() = Some(Vec::new()));
        for pack in crate::config::BUILTIN_PACKS {
            let root = toml::de::DeTable::parse(pack.source).unwrap();
            let Some(toml::de::DeValue::Array(rules)) =
                root.get_ref().get("rule").map(|r| r.get_ref())
            else {
                continue;
            };
            for table in rules.iter() {
                assert!(crate::rules::kinds::compile_builtin(table.clone()).is_ok());
            }
        }
        let mut sources = TRUSTED.with(|t| t.borrow_mut().take()).unwrap();
        sources.sort_unstable();
        sources.dedup();
        assert!(sources.len() > 5, "{sources:?}");
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/lineset/lazy.toml");
        if std::env::var_os("COPYDESK_BLESS").is_some() {
            let mut list = toml::Table::new();
            list.insert("sources".into(), sources.clone().into());
            let text = format!(
                "# The regexes of the built-in rules that compile on first use, as the rules \
                 build them\n# (read by build.rs). Written by `COPYDESK_BLESS=1 cargo test \
                 --lib the_lazy_list`.\n{}",
                toml::to_string_pretty(&list).unwrap()
            );
            std::fs::write(path, text).unwrap();
            return;
        }
        let listed: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
        let listed: Vec<&str> = listed["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(
            listed == sources,
            "{path} is not the built-in rules' regexes: rewrite it with \
             `COPYDESK_BLESS=1 cargo test --lib the_lazy_list`"
        );
        assert_eq!(lazy_builtin::LAZY.len(), sources.len());
        for ((source, written, groups), s) in lazy_builtin::LAZY.iter().zip(&sources) {
            assert_eq!(source, s);
            assert_eq!(
                crate::narrow::tree::decode(written),
                crate::narrow::narrow_parse(source),
                "{source}"
            );
            let hir = regex_syntax::Parser::new().parse(source).unwrap();
            let expected = literals::spaced_groups(&hir);
            let groups: Vec<Vec<Vec<u8>>> = groups
                .iter()
                .map(|g| g.iter().map(|l| l.to_vec()).collect())
                .collect();
            assert_eq!(groups, expected, "{source}");
        }
    }

    /// A built-in rule's phrase list is built for the first narrow text that holds its literals,
    /// and finds there what the pattern finds; a text before it holds no match.
    #[test]
    fn a_gated_regex_is_built_for_a_text_holding_its_literals() {
        let (source, _, groups) = lazy_builtin::LAZY
            .iter()
            .find(|(s, _, _)| s.contains("sources"))
            .expect("the anonymous sources' phrases");
        assert!(!groups.is_empty());
        let r = LazyRegex::trusted(source);
        let plain = Regex::new(source).unwrap();
        for text in [
            "The mayor said on Monday that it was over.",
            "",
            "Nothing — “here” either…",
        ] {
            assert!(matches!(r.for_text(text), TextRegex::Never), "{text}");
            assert!(!plain.is_match(text));
        }
        assert!(matches!(*r.quick.lock().unwrap(), Quick::Waiting(..)));
        let text = "The deal is off, SOURCES SAID — and “sources say” more.";
        let found: Vec<_> = r
            .for_text(text)
            .find_iter(text)
            .map(|m| m.range())
            .collect();
        let expected: Vec<_> = plain.find_iter(text).map(|m| m.range()).collect();
        assert!(!expected.is_empty());
        assert_eq!(found, expected);
        assert!(matches!(r.for_text("no match"), TextRegex::Quick(_)));
    }

    /// A gate holds every narrow text its regex matches, however the text spaces its words;
    /// and a phrase list's gate reads phrases, not their commonest word.
    #[test]
    fn a_gate_reads_runs_of_white_space_as_one_space() {
        let texts = [
            "Experts  believe it, some\nsay. It is\r\n said that sources \t said so.",
            "According\tto  a survey  by the Times, prices rose 5 %  by  Monday.",
            "a source\x0bsaid it; officials\x0csay\n\nso",
            "He said  so, last\nyear. TK  Smith and XXX   Olympiad.",
            "",
        ];
        let mut gated = 0;
        for (source, _, groups) in lazy_builtin::LAZY {
            let Some(gate) = Gate::new(groups) else {
                continue;
            };
            gated += 1;
            let plain = Regex::new(source).unwrap();
            for text in texts {
                if plain.is_match(text) {
                    assert!(gate.holds(text), "{source} over {text:?}");
                }
            }
        }
        assert!(gated > 5);
        let (_, _, groups) = lazy_builtin::LAZY
            .iter()
            .find(|(s, _, _)| s.contains("experts"))
            .expect("the weasel phrases");
        let gate = Gate::new(groups).unwrap();
        assert!(!gate.holds("The mayor said on Monday that it is over, officials said."));
        assert!(gate.holds("It is\n  said that it is over."));
    }

    #[test]
    fn spaced_text_is_one_space_a_run() {
        let spaced = |t: &str| String::from_utf8(literals::spaced_text(t.as_bytes()).into_owned());
        assert_eq!(spaced("a  b\t\nc ").unwrap(), "a b c ");
        assert_eq!(spaced(" x y").unwrap(), " x y");
        assert!(matches!(
            literals::spaced_text(b"one two"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_joint_scan_never_skips_a_set_that_matches() {
        let sets: Vec<LineSet> = [
            vec![
                r"^(?:(?i)(?:the )?(?:associated press|reuters))\W*$",
                r"^(?:\p{Lu}[\w ]{1,20},?\s+(?i:staff\s+)?(?:writer|reporter))$",
            ],
            vec![
                r"^(?:\d+ of \d+)$",
                r"^(?:(?i).{1,20}, staff (?:reporters|repo))$",
            ],
            vec![r"^(?:[0-9]+)$"],
            vec![r"^(?:(?i).{0,60}\b(?:javascript|flash)\b.{0,40}\b(?:enabled?|required))$"],
            vec![],
        ]
        .iter()
        .map(|v| LineSet::new(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap())
        .collect();
        let refs: Vec<&LineSet> = sets.iter().collect();
        let joint = Joint::new(&refs);
        let mut skipped = 0;
        for line in [
            "The Associated Press",
            "REUTERS",
            "Jane Doe, staff writer",
            "Jane Doe, ſtaff writer",
            "3 of 12",
            "Jane Doe, staff reporte",
            "Jane Doe, staff reporters",
            "1234",
            "",
            "nothing is required",
            "JavaScript is required",
            "Flash must be enabled, staff",
        ] {
            let may = joint.may_match(&refs, line);
            for (s, set) in refs.iter().enumerate() {
                if set.is_match(line) {
                    assert!(may & (1 << s) != 0, "set {s} over {line:?}");
                }
                skipped += usize::from(may & (1 << s) == 0);
            }
        }
        assert!(skipped > 30, "{skipped}");
        assert_eq!(joint.may_match(&refs, "12") & 0b100, 0b100);
        assert_eq!(joint.may_match(&refs, "the \u{212A}"), 0b11111);
    }

    #[test]
    fn a_bad_pattern_is_named() {
        let sources = vec!["ok".to_string(), "(unclosed".to_string()];
        assert_eq!(LineSet::new(&sources).unwrap_err(), 1);
    }
}
