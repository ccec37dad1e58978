//! `boilerplate` rules: residue pasted in from web pages and wire feeds, placeholders, and text
//! repeated within a story or across many stories.
//!
//! Residue is recognised by the shape of a line as well as its words: a web page's promo, share,
//! credit, legal and advertising lines stand alone, are short, and match a known pattern as a
//! whole. A line that merely starts like residue ("Related charges were filed …") is a sentence and
//! is left alone. At the end of a story, a short unpunctuated line inside a run of residue lines is
//! residue too.

use super::compile::{Built, Compiled, Table, unknown};
use super::pattern::pattern_source;
use super::{Rule, RuleMeta, abbreviate, interpolate};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::fix::{Applicability, Fix};
use crate::span::Span;
use regex::{Regex, RegexSet};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// The options of a `boilerplate` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    /// The residue category (promo, navigation, credit, legal, advertising, placeholder,
    /// duplicate).
    category: Spanned<String>,
    /// Whole-line patterns (anchored at both ends).
    lines: Option<Spanned<Vec<String>>>,
    /// Or a regex matched anywhere in prose.
    pattern: Option<Spanned<String>>,
    /// Or phrases, matched on word boundaries.
    phrases: Option<Spanned<Vec<String>>>,
    /// Match case exactly (phrases are case-insensitive by default).
    case_sensitive: Option<bool>,
    /// Lines with more words are prose, never residue.
    max_words: Option<usize>,
    /// Duplicates: shorter repeats are ignored.
    min_words: Option<usize>,
    /// Duplicates across files: how many stories must share a line.
    min_files: Option<usize>,
    /// Duplicates across files: the share of the stories checked that must share it.
    min_share: Option<f64>,
    /// Exceptions: a finding inside a match of one of these is dropped.
    unless: Option<Spanned<Vec<String>>>,
}

/// Compiles a `boilerplate` rule.
pub(super) fn build(table: Table<'_>) -> Compiled {
    let o: Options = table.options(&[])?;
    let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
    let category = Category::from_name(o.category.get_ref())
        .ok_or_else(|| vec![unknown(&o.category, "category", &names)])?;
    let detect = if category == Category::Duplicate {
        match o.min_files {
            Some(min_files) => Detect::AcrossFiles {
                min_files,
                min_share: o.min_share.unwrap_or(0.0),
                max_words: o.max_words.unwrap_or(12),
            },
            None => Detect::Repeat {
                min_words: o.min_words.unwrap_or(12),
            },
        }
    } else if let Some(lines) = &o.lines {
        let anchored: Vec<String> = lines
            .get_ref()
            .iter()
            .map(|l| format!("^(?:{l})$"))
            .collect();
        match RegexSet::new(&anchored) {
            Ok(set) => Detect::Lines {
                set,
                max_words: o.max_words.unwrap_or(16),
            },
            Err(_) => {
                // Compile one by one only to say which pattern is wrong.
                let errors: Vec<ConfigError> = lines
                    .get_ref()
                    .iter()
                    .zip(&anchored)
                    .filter_map(|(line, source)| {
                        let e = table.regex(source, Span::from(lines.span())).err()?;
                        Some(e.note(format!("in the line pattern '{line}'")))
                    })
                    .collect();
                return Err(errors);
            }
        }
    } else {
        let (source, span) = pattern_source(&table, o.pattern, o.phrases, o.case_sensitive)
            .map_err(|_| {
                vec![table.error("needs `lines`, or exactly one of `pattern` or `phrases`")]
            })?;
        Detect::Inline(table.regex(&source, span).map_err(|e| vec![e])?)
    };
    let mut rule = BoilerplateRule::new(table.meta, category, detect);
    if let Some(unless) = &o.unless {
        for u in unless.get_ref() {
            match Regex::new(u) {
                Ok(r) => rule.unless.push(r),
                Err(e) => {
                    return Err(vec![
                        ConfigError::at(
                            Span::from(unless.span()),
                            format!("rule `{}` has an invalid `unless` regex", rule.meta.id),
                        )
                        .note(e.to_string()),
                    ]);
                }
            }
        }
    }
    Ok(Built::Other(Box::new(rule)))
}

/// Which kind of residue a rule finds; named in every finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// Links to other stories: "Most Read from …", "Read more: …".
    Promo,
    /// Share buttons, sign-up prompts, page navigation.
    Navigation,
    /// Image credits.
    Credit,
    /// Copyright and legal footers.
    Legal,
    /// Advertising markers.
    Advertising,
    /// Unfinished placeholders.
    Placeholder,
    /// Text repeated within a story, or a line repeated across many stories.
    Duplicate,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 7] = [
        Category::Promo,
        Category::Navigation,
        Category::Credit,
        Category::Legal,
        Category::Advertising,
        Category::Placeholder,
        Category::Duplicate,
    ];

    /// The name used in TOML and messages.
    pub fn name(self) -> &'static str {
        match self {
            Category::Promo => "promo",
            Category::Navigation => "navigation",
            Category::Credit => "credit",
            Category::Legal => "legal",
            Category::Advertising => "advertising",
            Category::Placeholder => "placeholder",
            Category::Duplicate => "duplicate",
        }
    }

    /// The category with this TOML name.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// How a boilerplate rule looks for its residue.
#[derive(Debug)]
pub enum Detect {
    /// Whole standalone lines of at most `max_words` words matching one of the patterns.
    Lines {
        /// Anchored patterns, one per accepted line shape.
        set: RegexSet,
        /// Longer lines are prose, never residue.
        max_words: usize,
    },
    /// Matches anywhere in prose (placeholders, legal phrases).
    Inline(Regex),
    /// A paragraph or sentence of at least `min_words` words that appears twice in a story.
    Repeat {
        /// Shorter repeats ("Advertisement" twice) are not duplicates.
        min_words: usize,
    },
    /// A short line that appears in at least `min_files` stories of one run.
    AcrossFiles {
        /// How many stories must share the line.
        min_files: usize,
        /// And what share of the stories checked together.
        min_share: f64,
        /// Only lines this short are template candidates.
        max_words: usize,
    },
}

/// One boilerplate rule.
#[derive(Debug)]
pub struct BoilerplateRule {
    meta: RuleMeta,
    /// The residue category.
    pub category: Category,
    /// How it is found.
    pub detect: Detect,
    /// Whether residue lines found here may extend a trailing run at the end of a story.
    pub trailing_runs: bool,
    /// Exceptions: a finding that lies inside a match of one of these is not residue
    /// ("TK Holdings" is a company, not a placeholder).
    pub unless: Vec<Regex>,
}

/// Words in a line, as people count them.
fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Whether a line has at most `max` words; stops counting at `max + 1`, so a long paragraph
/// costs no more than a short line.
fn at_most_words(s: &str, max: usize) -> bool {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(max + 1)
        .count()
        <= max
}

/// Physical lines of a block's prose: (span of the trimmed line, trimmed text).
fn lines_of<'d>(doc: &'d Document, block: Span) -> impl Iterator<Item = (Span, &'d str)> + 'd {
    let text = doc.prose_of(block);
    let mut offset = block.start;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len();
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        (!trimmed.is_empty()).then(|| {
            (
                Span::new(start + lead, start + lead + trimmed.len()),
                trimmed,
            )
        })
    })
}

/// The fix that removes a whole residue line, with its line ending and, when the line was a
/// paragraph of its own, one of the blank lines around it.
pub fn delete_line_fix(doc: &Document, span: Span, what: &str) -> Fix {
    let text = &doc.source.text;
    let index = &doc.source.line_index;
    let line = index.line_of(span.start);
    let start = index.line_start(text, line);
    let mut end = if line + 1 < index.line_count() {
        index.line_start(text, line + 1)
    } else {
        text.len()
    };
    let blank = |l: usize| {
        l < index.line_count() && text[index.line_span(text, l).range()].trim().is_empty()
    };
    let before_blank = line == 0 || blank(line - 1);
    let mut start = start;
    if before_blank && line + 2 < index.line_count() && blank(line + 1) {
        // A paragraph of its own: take the blank line after it too.
        end = index.line_start(text, line + 2);
    } else if line > 0 && blank(line - 1) && text[end..].trim().is_empty() {
        // The last paragraph: take the blank line before it, keep the final newline.
        start = index.line_start(text, line - 1);
    }
    Fix::delete(
        format!("delete the {what} line"),
        Applicability::Safe,
        Span::new(start, end),
    )
}

impl BoilerplateRule {
    /// A rule from its parts.
    pub fn new(meta: RuleMeta, category: Category, detect: Detect) -> Self {
        let trailing_runs = matches!(detect, Detect::Lines { .. });
        BoilerplateRule {
            meta,
            category,
            detect,
            trailing_runs,
            unless: Vec::new(),
        }
    }

    /// Whether `span` of `block` lies inside an exception.
    fn excepted(&self, doc: &Document, block: Span, span: Span) -> bool {
        let text = doc.prose_of(block);
        self.unless.iter().any(|r| {
            r.find_iter(text)
                .any(|m| Span::from(m.range()).shift(block.start).contains(span))
        })
    }

    fn message(&self, found: &str) -> String {
        let shown = abbreviate(found, 60, 57);
        interpolate(
            &self.meta.message,
            &[("match", &shown), ("category", self.category.name())],
        )
    }

    /// Residue lines this rule finds in `doc` (for line rules): their spans.
    pub fn residue_lines(&self, doc: &Document) -> Vec<Span> {
        let Detect::Lines { set, max_words } = &self.detect else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for block in doc.blocks.iter().filter(|b| self.meta.reads(b.kind)) {
            for (span, line) in lines_of(doc, block.span) {
                if at_most_words(line, *max_words)
                    && set.is_match(line)
                    && !self.excepted(doc, block.span, span)
                {
                    out.push(span);
                }
            }
        }
        out
    }

    fn check_repeats(&self, doc: &Document, min_words: usize, out: &mut Vec<Diagnostic>) {
        let normalize = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        // "Offense: …", "Sentence: …": fields of a structured list repeat by design.
        let field = |s: &str| {
            s.split_once(':').is_some_and(|(label, _)| {
                (1..=3).contains(&word_count(label)) && !label.contains(['.', ','])
            })
        };
        let mut seen_blocks: HashMap<String, Span> = HashMap::new();
        let mut seen_sentences: HashMap<String, Span> = HashMap::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            if !self.meta.reads(block.kind) {
                continue;
            }
            let text = normalize(doc.prose_of(block.span));
            if field(&text) {
                continue;
            }
            if word_count(&text) >= min_words {
                if let Some(&first) = seen_blocks.get(&text) {
                    out.push(self.repeat(doc, block.span, first, true));
                    continue;
                }
                seen_blocks.insert(text.clone(), block.span);
            }
            let sentences: Vec<Span> = doc.sentences_of(i).map(|s| s.span).collect();
            for span in &sentences {
                let sentence = normalize(doc.prose_of(*span));
                if word_count(&sentence) < min_words {
                    continue;
                }
                match seen_sentences.get(&sentence) {
                    Some(&first) => {
                        // A paragraph that is only the repeated sentence is a repeated paragraph.
                        let whole = sentences.len() == 1;
                        let span = if whole { block.span } else { *span };
                        out.push(self.repeat(doc, span, first, whole));
                    }
                    None => {
                        seen_sentences.insert(sentence, *span);
                    }
                }
            }
        }
    }

    fn repeat(&self, doc: &Document, span: Span, first: Span, whole_block: bool) -> Diagnostic {
        let mut d = self
            .meta
            .diagnostic(self.message(doc.text_of(span)), span)
            .with_label("repeated here")
            .with_secondary(first, "first appears here");
        if whole_block {
            let fix = delete_line_fix(doc, span, "repeated");
            // A repeated paragraph may span several lines: delete them all.
            let last = delete_line_fix(doc, Span::new(span.end, span.end), "repeated");
            d = d.with_fix(Fix::delete(
                "delete the repeated paragraph",
                self.meta.fix_or(Applicability::Safe),
                Span::new(fix.edits[0].span.start, last.edits[0].span.end),
            ));
        }
        d
    }

    /// Candidate template lines of one story, for [`BoilerplateRule::across_files`].
    pub fn template_candidates(&self, doc: &Document) -> Vec<(String, Span)> {
        let Detect::AcrossFiles { max_words, .. } = self.detect else {
            return Vec::new();
        };
        let mut out: Vec<(String, Span)> = Vec::new();
        for block in doc.blocks.iter().filter(|b| self.meta.reads(b.kind)) {
            for (span, line) in lines_of(doc, block.span) {
                let words = line
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .take(max_words + 1)
                    .count();
                if (1..=max_words).contains(&words) {
                    let key = line
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase();
                    if !out.iter().any(|(k, _)| *k == key) {
                        out.push((key, span));
                    }
                }
            }
        }
        out
    }

    /// Findings for lines shared by at least `min_files` stories. `candidates[i]` are story `i`'s
    /// candidates and `names[i]` its name; the result is indexed like them.
    pub fn across_files(
        &self,
        candidates: &[Vec<(String, Span)>],
        names: &[&str],
    ) -> Vec<Vec<Diagnostic>> {
        let mut out = vec![Vec::new(); candidates.len()];
        let Detect::AcrossFiles {
            min_files,
            min_share,
            ..
        } = self.detect
        else {
            return out;
        };
        let by_share = (min_share * candidates.len() as f64).ceil() as usize;
        let min_files = min_files.max(by_share);
        let mut files_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, lines) in candidates.iter().enumerate() {
            for (key, _) in lines {
                files_of.entry(key).or_default().push(i);
            }
        }
        for (i, lines) in candidates.iter().enumerate() {
            for (key, span) in lines {
                let files = &files_of[key.as_str()];
                if files.len() >= min_files.max(2) {
                    let others: Vec<&str> = files
                        .iter()
                        .filter(|&&f| f != i)
                        .take(3)
                        .map(|&f| names[f])
                        .collect();
                    let message = interpolate(
                        &self.meta.message,
                        &[
                            ("match", key),
                            ("category", self.category.name()),
                            ("count", &files.len().to_string()),
                        ],
                    );
                    out[i].push(
                        self.meta
                            .diagnostic(message, *span)
                            .with_label(format!("this line appears in {} stories", files.len()))
                            .with_note(format!(
                                "also in: {}{}",
                                others.join(", "),
                                if files.len() > 4 { ", …" } else { "" }
                            )),
                    );
                }
            }
        }
        out
    }
}

impl Rule for BoilerplateRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        &mut self.meta
    }

    fn as_boilerplate(&self) -> Option<&BoilerplateRule> {
        Some(self)
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        match &self.detect {
            Detect::Lines { .. } => {
                for span in self.residue_lines(doc) {
                    let fix = delete_line_fix(doc, span, self.category.name())
                        .with_applicability(self.meta.fix_or(Applicability::Safe));
                    out.push(
                        self.meta
                            .diagnostic(self.message(doc.text_of(span)), span)
                            .with_fix(fix),
                    );
                }
            }
            Detect::Inline(regex) => {
                for block in doc.blocks.iter().filter(|b| self.meta.reads(b.kind)) {
                    let text = doc.prose_of(block.span);
                    for m in regex.find_iter(text) {
                        let found = m.as_str().trim_end();
                        if found.trim().is_empty() {
                            continue;
                        }
                        let span =
                            Span::new(m.start(), m.start() + found.len()).shift(block.span.start);
                        if self.excepted(doc, block.span, span) {
                            continue;
                        }
                        out.push(self.meta.diagnostic(self.message(found), span));
                    }
                }
            }
            Detect::Repeat { min_words } => self.check_repeats(doc, *min_words, out),
            Detect::AcrossFiles { .. } => {}
        }
    }
}

/// Extends residue at the end of a story: a short, unpunctuated line in the trailing run after the
/// last paragraph of real prose, next to a residue line, is residue of its neighbour's kind.
/// `found` holds (span, rule index) of every residue line found; returns the additions.
pub fn trailing_run(
    doc: &Document,
    found: &[(Span, usize)],
    max_words: usize,
) -> Vec<(Span, usize)> {
    let mut lines: Vec<Span> = Vec::new();
    for block in &doc.blocks {
        if matches!(
            block.kind,
            BlockKind::Headline | BlockKind::Heading | BlockKind::Byline
        ) {
            continue;
        }
        lines.extend(lines_of(doc, block.span).map(|(s, _)| s));
    }
    let is_residue = |s: Span| found.iter().find(|(f, _)| f.overlaps(s)).map(|(_, r)| *r);
    let looks_like_residue = |s: Span| {
        let t = doc.prose_of(s).trim();
        at_most_words(t, max_words)
            && !t.ends_with(['.', '!', '?', ':', '"', '\u{201d}'])
            && t.chars().next().is_some_and(|c| !c.is_lowercase())
    };
    // Walk back from the end while lines are residue or look like it.
    let mut run = Vec::new();
    for &s in lines.iter().rev() {
        if is_residue(s).is_some() || looks_like_residue(s) {
            run.push(s);
        } else {
            break;
        }
    }
    run.reverse();
    let mut added = Vec::new();
    let mut last_rule = None;
    for (i, &s) in run.iter().enumerate() {
        match is_residue(s) {
            Some(r) => last_rule = Some(r),
            None => {
                // Needs residue on both sides, or residue before it and nothing after.
                let next = run[i + 1..].iter().find_map(|&n| is_residue(n));
                if let Some(prev) = last_rule
                    && (next.is_some() || i + 1 == run.len())
                {
                    added.push((s, prev));
                }
            }
        }
    }
    added
}
