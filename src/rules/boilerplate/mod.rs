//! `boilerplate` rules: residue pasted in from web pages and wire feeds, the story's own
//! furniture, placeholders, and text repeated within a story or across many stories.
//!
//! Residue is found two ways. The phrase-list rules (`lines`) know what page residue says: a
//! web page's promo, navigation, comment, legal and advertising lines stand alone, are short, and
//! match a known pattern as a whole; a line that merely starts like residue ("Related charges were
//! filed …") is a sentence and is left alone. The context rule (category `context`, see
//! [`context`]) knows what residue looks like: short unpunctuated lines in runs, menus, prompts,
//! comment sections, the foot of a page. Furniture (credits, bylines, timestamps, "Reporting by"
//! lines) belongs to the story and has a rule of its own, never a residue warning.

mod context;
pub mod lines;
mod repeats;

pub use lines::{at_most_words, word_count};

use super::compile::{Built, Compiled, Table, unknown};
use super::pattern::pattern_source;
use super::{Rule, RuleMeta, abbreviate, interpolate};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::fix::{Applicability, Fix};
use crate::rules::lineset::{Joint, LazyRegex, LineSet, builtin_string};
use crate::span::Span;
use context::Context;
use lines::{Shape, lines_of, words_up_to};
use regex::Regex;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use toml::Spanned;

/// The options of a `boilerplate` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    /// The category (promo, navigation, comments, legal, advertising, furniture, placeholder,
    /// duplicate, context; credit is kept for old configs).
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
    /// Context: rules whose findings are residue lines.
    anchors: Option<Vec<String>>,
    /// Context: rules whose findings below the story open a comment section.
    comment_anchors: Option<Vec<String>>,
    /// Context: rules whose findings head a list of teasers.
    list_anchors: Option<Vec<String>>,
    /// Context: rules whose findings below the story mark the end of the page.
    end_anchors: Option<Vec<String>>,
    /// Context: words of story above such a line.
    end_words: Option<usize>,
    /// Context: the most prose below such a line, as a share of the story's words above it.
    end_tail: Option<f64>,
    /// Context: rules whose findings are furniture.
    furniture: Option<Vec<String>>,
    /// Context: words of a teaser in a list.
    teaser_words: Option<usize>,
    /// Context: lines of more words are never residue by context.
    short_words: Option<usize>,
    /// Context: a line of this many words is prose.
    prose_words: Option<usize>,
    /// Context: a sentence of this many words is prose unless it is title case.
    sentence_words: Option<usize>,
    /// Context: the share of capitalised long words that makes a line title case.
    title_case: Option<f64>,
    /// Context: cue lines a run of short lines needs.
    run_cues: Option<usize>,
    /// Context: cue lines a run above the story needs.
    head_cues: Option<usize>,
    /// Context: words of story before a foot or a comment section.
    body_words: Option<usize>,
    /// Context: consecutive prose lines that are still the story.
    foot_prose_run: Option<usize>,
    /// Context: the most prose a foot holds, as a share of the story's.
    foot_ratio: Option<f64>,
    /// Context: phrase-rule lines that let the foot hold more prose.
    foot_strong: Option<usize>,
    /// Context: the share of prose such a foot may hold.
    foot_ratio_strong: Option<f64>,
    /// Context: how many first lines of prose give the story's subject.
    topic_lines: Option<usize>,
    /// Context: the share of a line's content words in the subject that makes it the story's.
    topic_overlap: Option<f64>,
    /// Context: items of a menu.
    menu_items: Option<usize>,
    /// Context: words of a menu item.
    menu_item_words: Option<usize>,
    /// Context: words of an imperative prompt.
    prompt_words: Option<usize>,
    /// Context: lines before the first comment signature that belong to that comment.
    comment_lookback: Option<usize>,
    /// Context: lines of a list of links.
    list_lines: Option<usize>,
    /// Context: words of a line of a list of links.
    list_words: Option<usize>,
    /// Context: teasers (title and summary) in a row below the story.
    teaser_pairs: Option<usize>,
    /// Context: words of a line ending in a colon that introduces the story's own table or list.
    lead_in_words: Option<usize>,
    /// Context: lines between two residue lines that are residue too.
    gap_lines: Option<usize>,
    /// Context: lines between two residue lines below the story's last line on its subject.
    gap_below_lines: Option<usize>,
    /// Context: words of a line between two residue lines that is residue even on the subject.
    gap_subject_words: Option<usize>,
    /// Context: marks of a reader's chatter, whole-line regexes.
    chatter: Option<Spanned<Vec<String>>>,
    /// Context: lines of chatter that make a tail of the page reader comments.
    chatter_lines: Option<usize>,
    /// Context: the share of the tail they must make.
    chatter_share: Option<f64>,
    /// Context: marks of a reader's own voice (first person, an exclamation), whole-line regexes.
    voice: Option<Spanned<Vec<String>>>,
    /// Context: lines never in a reader's voice (a quotation, a speaker's label), whole-line.
    voice_unless: Option<Spanned<Vec<String>>>,
    /// Context: the most share of the story's prose lines above a tail that are in that voice.
    voice_story_share: Option<f64>,
    /// Context: lines of prose of the story above such a tail.
    voice_story_lines: Option<usize>,
    /// Context: columns of a table flattened one cell a line.
    table_columns: Option<usize>,
    /// Context: the share of such a table's cells that repeat one row down.
    table_repeat: Option<f64>,
    /// Context: lines that sign off a story, whole-line regexes.
    sign_offs: Option<Spanned<Vec<String>>>,
    /// Context: words of story above the furniture that closes it (0: off).
    close_words: Option<usize>,
    /// Context: comment signatures, whole-line regexes.
    signatures: Option<Spanned<Vec<String>>>,
    /// Context: signatures that are a bare date and time, whole-line regexes.
    stamp_signatures: Option<Spanned<Vec<String>>>,
    /// Context: signatures of a name and a place, whole-line regexes; they count in a chain.
    place_signatures: Option<Spanned<Vec<String>>>,
    /// Context: such signatures in a chain, one comment between each and the next.
    place_signature_rows: Option<usize>,
    /// Context: lines with no words that belong to a story, whole-line regexes.
    section_breaks: Option<Spanned<Vec<String>>>,
    /// Context: lines led by a date or an age, whole-line regexes.
    stamps: Option<Spanned<Vec<String>>>,
    /// Context: rows closed by a date, whole-line regexes.
    closing_stamps: Option<Spanned<Vec<String>>>,
    /// Context: stamped rows in a row that make a list of other stories.
    stamp_rows: Option<usize>,
    /// Context: the share of a story's lines framed as table rows that makes it a page laid out
    /// in a table.
    layout_share: Option<f64>,
    /// Context: titled summaries, each off the subject of those above it, that make a whole
    /// output a list of teasers (0: off).
    teaser_page_pairs: Option<usize>,
    /// Context: teasers that end in a link to the rest of the story, whole-line regexes.
    teaser_links: Option<Spanned<Vec<String>>>,
    /// Context: what may lead into a prompt to the reader on its line (a question put to the
    /// reader, a connective), whole-line regexes.
    prompt_leads: Option<Spanned<Vec<String>>>,
    /// Context: a web page's own source code (script, markup) in a line, whole-line regexes.
    code: Option<Spanned<Vec<String>>>,
    /// Context: items of a long menu some of whose items run long.
    menu_loose_items: Option<usize>,
    /// Context: the share of such a menu's items that must be short.
    menu_loose_share: Option<f64>,
}

impl Options {
    /// The keys given that only a `context` rule takes.
    fn context_keys(&self) -> Vec<&'static str> {
        let given = [
            ("anchors", self.anchors.is_some()),
            ("comment_anchors", self.comment_anchors.is_some()),
            ("list_anchors", self.list_anchors.is_some()),
            ("end_anchors", self.end_anchors.is_some()),
            ("end_words", self.end_words.is_some()),
            ("end_tail", self.end_tail.is_some()),
            ("furniture", self.furniture.is_some()),
            ("teaser_words", self.teaser_words.is_some()),
            ("short_words", self.short_words.is_some()),
            ("prose_words", self.prose_words.is_some()),
            ("sentence_words", self.sentence_words.is_some()),
            ("title_case", self.title_case.is_some()),
            ("run_cues", self.run_cues.is_some()),
            ("head_cues", self.head_cues.is_some()),
            ("body_words", self.body_words.is_some()),
            ("foot_prose_run", self.foot_prose_run.is_some()),
            ("foot_ratio", self.foot_ratio.is_some()),
            ("foot_strong", self.foot_strong.is_some()),
            ("foot_ratio_strong", self.foot_ratio_strong.is_some()),
            ("topic_lines", self.topic_lines.is_some()),
            ("topic_overlap", self.topic_overlap.is_some()),
            ("menu_items", self.menu_items.is_some()),
            ("menu_item_words", self.menu_item_words.is_some()),
            ("prompt_words", self.prompt_words.is_some()),
            ("comment_lookback", self.comment_lookback.is_some()),
            ("list_lines", self.list_lines.is_some()),
            ("list_words", self.list_words.is_some()),
            ("teaser_pairs", self.teaser_pairs.is_some()),
            ("lead_in_words", self.lead_in_words.is_some()),
            ("gap_lines", self.gap_lines.is_some()),
            ("gap_below_lines", self.gap_below_lines.is_some()),
            ("gap_subject_words", self.gap_subject_words.is_some()),
            ("chatter", self.chatter.is_some()),
            ("chatter_lines", self.chatter_lines.is_some()),
            ("chatter_share", self.chatter_share.is_some()),
            ("voice", self.voice.is_some()),
            ("voice_unless", self.voice_unless.is_some()),
            ("voice_story_share", self.voice_story_share.is_some()),
            ("voice_story_lines", self.voice_story_lines.is_some()),
            ("table_columns", self.table_columns.is_some()),
            ("table_repeat", self.table_repeat.is_some()),
            ("sign_offs", self.sign_offs.is_some()),
            ("close_words", self.close_words.is_some()),
            ("signatures", self.signatures.is_some()),
            ("stamp_signatures", self.stamp_signatures.is_some()),
            ("place_signatures", self.place_signatures.is_some()),
            ("place_signature_rows", self.place_signature_rows.is_some()),
            ("section_breaks", self.section_breaks.is_some()),
            ("stamps", self.stamps.is_some()),
            ("closing_stamps", self.closing_stamps.is_some()),
            ("stamp_rows", self.stamp_rows.is_some()),
            ("layout_share", self.layout_share.is_some()),
            ("teaser_page_pairs", self.teaser_page_pairs.is_some()),
            ("teaser_links", self.teaser_links.is_some()),
            ("prompt_leads", self.prompt_leads.is_some()),
            ("code", self.code.is_some()),
            ("menu_loose_items", self.menu_loose_items.is_some()),
            ("menu_loose_share", self.menu_loose_share.is_some()),
        ];
        given
            .into_iter()
            .filter(|(_, g)| *g)
            .map(|(k, _)| k)
            .collect()
    }
}

/// Compiles a `boilerplate` rule.
pub(super) fn build(table: Table<'_>) -> Compiled {
    let o: Options = table.options(&[])?;
    let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
    let category = Category::from_name(o.category.get_ref())
        .ok_or_else(|| vec![unknown(&o.category, "category", &names)])?;
    if category != Category::Context {
        let given = o.context_keys();
        if !given.is_empty() {
            return Err(vec![table.error(format!(
                "{} only for a rule of category `context`",
                given
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
                    + if given.len() == 1 { " is" } else { " are" }
            ))]);
        }
    }
    let detect = match category {
        Category::Duplicate => match o.min_files {
            Some(min_files) => Detect::AcrossFiles {
                min_files,
                min_share: o.min_share.unwrap_or(0.0),
                min_words: o.min_words.unwrap_or(1),
                max_words: o.max_words.unwrap_or(12),
            },
            None => Detect::Repeat {
                min_words: o.min_words.unwrap_or(12),
            },
        },
        Category::Context => Detect::Context(Box::new(context_options(&table, &o)?)),
        _ => match &o.lines {
            Some(lines) => Detect::Lines {
                set: line_set(&table, lines)?,
                max_words: o.max_words.unwrap_or(16),
            },
            None => {
                let (source, span) = pattern_source(&table, o.pattern, o.phrases, o.case_sensitive)
                    .map_err(|_| {
                        vec![table.error("needs `lines`, or exactly one of `pattern` or `phrases`")]
                    })?;
                Detect::Inline(table.lazy_regex(&source, span).map_err(|e| vec![e])?)
            }
        },
    };
    let mut rule = BoilerplateRule::new(table.meta, category, detect);
    if let Some(unless) = &o.unless {
        for u in unless.get_ref() {
            // A pattern of the user's own compiles now, so that one over the size limit is an
            // error here and not a silent "never excuses" later.
            // A built-in rule's own is neither parsed nor compiled until it is used (a test
            // compiles each rule as a user's).
            let lazy = if table.builtin && builtin_string(u) {
                Some(LazyRegex::trusted(u))
            } else {
                LazyRegex::new(u).filter(|_| builtin_string(u) || Regex::new(u).is_ok())
            };
            match lazy {
                Some(r) => rule.unless.push(r),
                None => {
                    let e = Regex::new(u)
                        .err()
                        .map_or_else(String::new, |e| e.to_string());
                    return Err(vec![
                        ConfigError::at(
                            Span::from(unless.span()),
                            format!("rule `{}` has an invalid `unless` regex", rule.meta.id),
                        )
                        .note(e),
                    ]);
                }
            }
        }
    }
    Ok(Built::Other(Box::new(rule)))
}

/// Whole-line patterns, each anchored at both ends, compiled lazily behind one literal
/// prefilter ([`LineSet`]).
fn line_set(table: &Table<'_>, lines: &Spanned<Vec<String>>) -> Result<LineSet, Vec<ConfigError>> {
    let anchored: Vec<String> = lines
        .get_ref()
        .iter()
        .map(|l| format!("^(?:{l})$"))
        .collect();
    // Compile one by one to say which pattern is wrong: every pattern when one does not parse,
    // and otherwise each of the user's own (a built-in one is known to compile: a test compiles
    // them all), so that one over the regex size limit is an error here and not a line shape
    // that silently never matches.
    let wrong = |all: bool| -> Vec<ConfigError> {
        lines
            .get_ref()
            .iter()
            .zip(&anchored)
            .filter(|(line, _)| all || !builtin_string(line))
            .filter_map(|(line, source)| {
                let e = table.regex(source, Span::from(lines.span())).err()?;
                Some(e.note(format!("in the line pattern '{line}'")))
            })
            .collect()
    };
    let set = LineSet::new(&anchored).map_err(|_| wrong(true))?;
    let errors = wrong(false);
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(errors)
    }
}

/// The options of a `context` rule, with the defaults documented in the built-in pack.
fn context_options(table: &Table<'_>, o: &Options) -> Result<Context, Vec<ConfigError>> {
    let empty = Spanned::new(0..0, Vec::new());
    let signatures = line_set(table, o.signatures.as_ref().unwrap_or(&empty))?;
    let section_breaks = line_set(table, o.section_breaks.as_ref().unwrap_or(&empty))?;
    Ok(Context {
        anchors: o.anchors.clone().unwrap_or_default(),
        comment_anchors: o.comment_anchors.clone().unwrap_or_default(),
        list_anchors: o.list_anchors.clone().unwrap_or_default(),
        end_anchors: o.end_anchors.clone().unwrap_or_default(),
        end_words: o.end_words.unwrap_or(0),
        end_tail: o.end_tail.unwrap_or(1.0),
        furniture: o.furniture.clone().unwrap_or_default(),
        teaser_words: o.teaser_words.unwrap_or(40),
        shape: Shape {
            prose_words: o.prose_words.unwrap_or(12),
            sentence_words: o.sentence_words.unwrap_or(6),
            title_case: o.title_case.unwrap_or(0.75),
        },
        short_words: o.short_words.unwrap_or(12),
        run_cues: o.run_cues.unwrap_or(2),
        head_cues: o.head_cues.unwrap_or(1),
        body_words: o.body_words.unwrap_or(40),
        foot_prose_run: o.foot_prose_run.unwrap_or(3),
        foot_ratio: o.foot_ratio.unwrap_or(0.5),
        foot_strong: o.foot_strong.unwrap_or(3),
        foot_ratio_strong: o.foot_ratio_strong.unwrap_or(2.0),
        topic_lines: o.topic_lines.unwrap_or(6),
        topic_overlap: o.topic_overlap.unwrap_or(0.3),
        menu_items: o.menu_items.unwrap_or(3),
        menu_item_words: o.menu_item_words.unwrap_or(5),
        prompt_words: o.prompt_words.unwrap_or(25),
        comment_lookback: o.comment_lookback.unwrap_or(3),
        list_lines: o.list_lines.unwrap_or(5),
        list_words: o.list_words.unwrap_or(10),
        teaser_pairs: o.teaser_pairs.unwrap_or(3),
        lead_in_words: o.lead_in_words.unwrap_or(4),
        gap_lines: o.gap_lines.unwrap_or(0),
        gap_below_lines: o.gap_below_lines.unwrap_or(0),
        gap_subject_words: o.gap_subject_words.unwrap_or(0),
        chatter: line_set(table, o.chatter.as_ref().unwrap_or(&empty))?,
        chatter_lines: o.chatter_lines.unwrap_or(0),
        chatter_share: o.chatter_share.unwrap_or(0.5),
        voice: line_set(table, o.voice.as_ref().unwrap_or(&empty))?,
        voice_unless: line_set(table, o.voice_unless.as_ref().unwrap_or(&empty))?,
        voice_story_share: o.voice_story_share.unwrap_or(0.0),
        voice_story_lines: o.voice_story_lines.unwrap_or(1),
        table_columns: o.table_columns.unwrap_or(0),
        table_repeat: o.table_repeat.unwrap_or(0.5),
        sign_offs: line_set(table, o.sign_offs.as_ref().unwrap_or(&empty))?,
        close_words: o.close_words.unwrap_or(0),
        signatures,
        stamp_signatures: line_set(table, o.stamp_signatures.as_ref().unwrap_or(&empty))?,
        place_signatures: line_set(table, o.place_signatures.as_ref().unwrap_or(&empty))?,
        place_signature_rows: o.place_signature_rows.unwrap_or(0),
        section_breaks,
        stamps: line_set(table, o.stamps.as_ref().unwrap_or(&empty))?,
        closing_stamps: line_set(table, o.closing_stamps.as_ref().unwrap_or(&empty))?,
        stamp_rows: o.stamp_rows.unwrap_or(0),
        layout_share: o.layout_share.unwrap_or(0.0),
        teaser_page_pairs: o.teaser_page_pairs.unwrap_or(0),
        teaser_links: line_set(table, o.teaser_links.as_ref().unwrap_or(&empty))?,
        prompt_leads: line_set(table, o.prompt_leads.as_ref().unwrap_or(&empty))?,
        code: line_set(table, o.code.as_ref().unwrap_or(&empty))?,
        menu_loose_items: o.menu_loose_items.unwrap_or(0),
        menu_loose_share: o.menu_loose_share.unwrap_or(1.0),
        joint: std::sync::OnceLock::new(),
    })
}

/// Which kind of boilerplate a rule finds; named in every finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// Links to other stories: "Most Read from …", "Read more: …".
    Promo,
    /// Share buttons, sign-up prompts, page navigation.
    Navigation,
    /// Comment widgets: "Post a comment", "Report this comment".
    Comments,
    /// Image credits (kept for configs written before `furniture`).
    Credit,
    /// Copyright, terms, privacy and cookie notices.
    Legal,
    /// Advertising markers.
    Advertising,
    /// The story's own furniture: credits, bylines, timestamps, "Reporting by …" lines.
    Furniture,
    /// Page residue found by its shape and place.
    Context,
    /// Unfinished placeholders.
    Placeholder,
    /// Text repeated within a story, or a line repeated across many stories.
    Duplicate,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 10] = [
        Category::Promo,
        Category::Navigation,
        Category::Comments,
        Category::Credit,
        Category::Legal,
        Category::Advertising,
        Category::Furniture,
        Category::Context,
        Category::Placeholder,
        Category::Duplicate,
    ];

    /// The name used in TOML and messages.
    pub fn name(self) -> &'static str {
        match self {
            Category::Promo => "promo",
            Category::Navigation => "navigation",
            Category::Comments => "comments",
            Category::Credit => "credit",
            Category::Legal => "legal",
            Category::Advertising => "advertising",
            Category::Furniture => "furniture",
            Category::Context => "context",
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
        set: LineSet,
        /// Longer lines are prose, never residue.
        max_words: usize,
    },
    /// Matches anywhere in prose (placeholders, legal phrases).
    Inline(LazyRegex),
    /// A repeated paragraph, or a sentence repeated back to back, of at least `min_words` words.
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
        /// Only lines this long…
        min_words: usize,
        /// …and this short are template candidates.
        max_words: usize,
    },
    /// Lines that are residue by their shape and place (see [`context`]).
    Context(Box<Context>),
}

/// One boilerplate rule.
#[derive(Debug)]
pub struct BoilerplateRule {
    meta: RuleMeta,
    /// The category.
    pub category: Category,
    /// How it is found.
    pub detect: Detect,
    /// Whether residue lines found here may extend a trailing run at the end of a story (the
    /// Ruleset's old trailing-run pass). Off: the `context` rule reads runs instead.
    pub trailing_runs: bool,
    /// Exceptions: a finding that lies inside a match of one of these is not residue
    /// ("TK Holdings" is a company, not a placeholder).
    pub unless: Vec<LazyRegex>,
}

/// The matches of a rule's `unless` regexes in one block: for each regex, its matches in order
/// (never overlapping, so sorted by start and by end).
struct Exceptions(Vec<Vec<Span>>);

impl Exceptions {
    /// Whether a match of one of the regexes contains `span`: a binary search per regex.
    fn contain(&self, span: Span) -> bool {
        self.0.iter().any(|matches| {
            // Every earlier match ends where the last one starting at or before the span
            // starts, or before: only that last one can hold it.
            let after = matches.partition_point(|m| m.start <= span.start);
            after > 0 && matches[after - 1].contains(span)
        })
    }
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
        BoilerplateRule {
            meta,
            category,
            detect,
            trailing_runs: false,
            unless: Vec::new(),
        }
    }

    /// The exceptions of `block`, found once for all the findings in it (searching the block
    /// again for each finding made a paragraph of placeholders quadratic).
    fn exceptions(&self, doc: &Document, block: Span) -> Exceptions {
        let text = doc.prose_of(block);
        Exceptions(
            self.unless
                .iter()
                .map(|r| {
                    r.for_text(text)
                        .find_iter(text)
                        .map(|m| Span::from(m.range()).shift(block.start))
                        .collect()
                })
                .collect(),
        )
    }

    fn message(&self, found: &str) -> String {
        let shown = abbreviate(found, 60, 57);
        interpolate(
            &self.meta.message,
            &[("match", &shown), ("category", self.category.name())],
        )
    }

    /// Residue lines this rule finds in `doc`, read from `table`, the lines of the line rules
    /// read together, among which this rule has place `place` (see [`LineRules`]): the spans
    /// [`BoilerplateRule::residue_lines`] gives.
    fn residue_lines_in(&self, doc: &Document, table: &LineTable<'_>, place: usize) -> Vec<Span> {
        let Detect::Lines { set, max_words } = &self.detect else {
            return Vec::new();
        };
        let bit = 1u32 << place;
        // A set the joint scan found cannot match a line is not read for it.
        let matches = |text: &str, words: usize, may: u32| {
            words <= *max_words && may & bit != 0 && set.is_match(text)
        };
        let mut out = Vec::new();
        // The exceptions of the block of the last line found, found once for its lines.
        let mut exceptions: Option<(usize, Exceptions)> = None;
        for l in &table.lines {
            let block = &doc.blocks[l.block];
            if !self.meta.reads(block.kind) {
                continue;
            }
            // A table row or bulleted line is tried without its frame too.
            if !(matches(l.text, l.words, l.may)
                || l.unframed
                    .as_ref()
                    .is_some_and(|(u, words, may)| matches(u, *words, *may)))
            {
                continue;
            }
            if exceptions.as_ref().is_none_or(|(b, _)| *b != l.block) {
                exceptions = Some((l.block, self.exceptions(doc, block.span)));
            }
            if !exceptions.as_ref().is_some_and(|(_, e)| e.contain(l.span)) {
                out.push(l.span);
            }
        }
        out
    }

    /// A line rule's findings in `doc`, read from `table` (see [`LineRules`]): those
    /// [`Rule::check`] gives.
    pub fn check_lines(
        &self,
        doc: &Document,
        table: &LineTable<'_>,
        place: usize,
        out: &mut Vec<Diagnostic>,
    ) {
        let spans = self.residue_lines_in(doc, table, place);
        self.report_lines(doc, spans, out);
    }

    /// The findings of a line rule at the residue lines `spans`.
    fn report_lines(&self, doc: &Document, spans: Vec<Span>, out: &mut Vec<Diagnostic>) {
        let furniture = matches!(self.category, Category::Furniture);
        for span in spans {
            let mut d = self
                .meta
                .diagnostic(self.message(doc.text_of(span)), span)
                .with_note(self.line_note());
            if !furniture {
                d = d.with_fix(
                    delete_line_fix(doc, span, self.category.name())
                        .with_applicability(self.meta.fix_or(Applicability::Safe)),
                );
            }
            out.push(d);
        }
    }

    /// Residue lines this rule finds in `doc` (for line rules): their spans.
    pub fn residue_lines(&self, doc: &Document) -> Vec<Span> {
        let Detect::Lines { set, max_words } = &self.detect else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for block in doc.blocks.iter().filter(|b| self.meta.reads(b.kind)) {
            let mut exceptions = None;
            for (span, line) in lines_of(doc, block.span) {
                // A table row or bulleted line is tried without its frame too.
                let matches = |l: &str| at_most_words(l, *max_words) && set.is_match(l);
                // The line is trimmed: without a frame it is its own unframed text, already tried.
                let unframed = || Some(lines::unframed(line)).filter(|u| u != line);
                if (matches(line) || unframed().is_some_and(|u| matches(&u)))
                    && !exceptions
                        .get_or_insert_with(|| self.exceptions(doc, block.span))
                        .contain(span)
                {
                    out.push(span);
                }
            }
        }
        out
    }

    /// Candidate template lines of one story, for [`BoilerplateRule::across_files`]: short lines
    /// shaped like residue. Sentences, questions (an interview series asks each guest the same
    /// one), lines ending in a colon or semicolon (list headers and entries), figures and fields
    /// are the stories' own.
    pub fn template_candidates(&self, doc: &Document) -> Vec<(String, Span)> {
        let Detect::AcrossFiles {
            min_words,
            max_words,
            ..
        } = self.detect
        else {
            return Vec::new();
        };
        let shape = Shape {
            prose_words: max_words + 1,
            sentence_words: 1,
            title_case: 2.0,
        };
        let mut out: Vec<(String, Span)> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            if !self.meta.reads(block.kind) {
                continue;
            }
            for (span, line) in lines_of(doc, block.span) {
                let l = lines::Line::without_content(doc, span, i, block.kind, &shape);
                let text = l.text.trim_end_matches(['"', '\'', '\u{201d}', ')']);
                if l.words < min_words.max(1)
                    || l.words > max_words
                    || l.sentence
                    || text.ends_with([':', ';', ',', '?'])
                    || l.figures()
                    || l.field()
                    || line.starts_with("((")
                {
                    continue;
                }
                let key = line
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                if seen.insert(key.clone()) {
                    out.push((key, span));
                }
            }
        }
        out
    }

    /// Findings for the candidate lines `lines` of story number `file`, from the counts of the
    /// stories checked together (`counts`, filled with [`TemplateCounts::add`] from every story's
    /// candidates); `name` gives a story's name by its number, for the note.
    pub fn template_findings(
        &self,
        file: usize,
        lines: &[(String, Span)],
        counts: &TemplateCounts,
        name: &dyn Fn(usize) -> String,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let Detect::AcrossFiles {
            min_files,
            min_share,
            ..
        } = self.detect
        else {
            return out;
        };
        let by_share = (min_share * counts.stories as f64).ceil() as usize;
        let min_files = min_files.max(by_share);
        for (key, span) in lines {
            let Some(seen) = counts.lines.get(&line_hash(key)) else {
                continue;
            };
            let files = seen.stories as usize;
            if files >= min_files.max(2) {
                let others: Vec<String> = seen
                    .first()
                    .iter()
                    .filter(|&&f| f as usize != file)
                    .take(3)
                    .map(|&f| name(f as usize))
                    .collect();
                let message = interpolate(
                    &self.meta.message,
                    &[
                        ("match", key),
                        ("category", self.category.name()),
                        ("count", &files.to_string()),
                    ],
                );
                out.push(
                    self.meta
                        .diagnostic(message, *span)
                        .with_label(format!("this line appears in {files} stories"))
                        .with_note(format!(
                            "cue: a short line repeated across the stories of this run; also in: {}{}",
                            others.join(", "),
                            if files > 4 { ", …" } else { "" }
                        )),
                );
            }
        }
        out
    }

    /// The note naming what a line rule matched.
    fn line_note(&self) -> String {
        match self.category {
            Category::Furniture | Category::Credit => {
                "furniture: it belongs to the story, but not to its body text".to_string()
            }
            c => format!("cue: the whole line is a known {} line", c.name()),
        }
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

    fn reads_findings(&self) -> bool {
        // The context rule reads the line rules' findings, and withdraws some of them.
        matches!(self.detect, Detect::Context(_))
    }

    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        match &self.detect {
            Detect::Lines { .. } => self.report_lines(doc, self.residue_lines(doc), out),
            Detect::Inline(regex) => {
                for block in doc.blocks.iter().filter(|b| self.meta.reads(b.kind)) {
                    let text = doc.prose_of(block.span);
                    let mut exceptions = None;
                    for m in regex.for_text(text).find_iter(text) {
                        let found = m.as_str().trim_end();
                        if found.trim().is_empty() {
                            continue;
                        }
                        let span =
                            Span::new(m.start(), m.start() + found.len()).shift(block.span.start);
                        if exceptions
                            .get_or_insert_with(|| self.exceptions(doc, block.span))
                            .contain(span)
                        {
                            continue;
                        }
                        out.push(self.meta.diagnostic(self.message(found), span));
                    }
                }
            }
            Detect::Repeat { min_words } => out.extend(
                repeats::repeats(doc, *min_words, |k| self.meta.reads(k))
                    .into_iter()
                    .map(|r| {
                        let mut d = self
                            .meta
                            .diagnostic(self.message(doc.text_of(r.span)), r.span)
                            .with_label("repeated here")
                            .with_secondary(r.first, "first appears here")
                            .with_note(r.cue);
                        if let Some(fix) = r.fix {
                            d = d.with_fix(
                                fix.with_applicability(self.meta.fix_or(Applicability::Safe)),
                            );
                        }
                        d
                    }),
            ),
            Detect::AcrossFiles { .. } => {}
            Detect::Context(context) => {
                for (span, note) in context.residue(doc, |k| self.meta.reads(k), out) {
                    // Found by shape and context, not by a known phrase: a person confirms it.
                    let fix = delete_line_fix(doc, span, "residue")
                        .with_applicability(self.meta.fix_or(Applicability::Unsafe));
                    out.push(
                        self.meta
                            .diagnostic(self.message(doc.text_of(span)), span)
                            .with_note(note)
                            .with_fix(fix),
                    );
                }
            }
        }
    }
}

/// The line rules of a ruleset (`lines`, any category), read together: a story's lines are
/// counted and scanned for their literals once for all of them ([`LineTable`]), not once for
/// each, and a rule's patterns are read only on the lines the scan found they may match.
#[derive(Debug)]
pub struct LineRules {
    /// For each rule of the ruleset, its place among the line rules read together (at most
    /// 32; a line rule after them reads the story itself).
    place: Vec<Option<usize>>,
    /// Those rules, by place (their index in the ruleset's rules).
    members: Vec<usize>,
    /// Their line sets, scanned together.
    joint: Joint,
    /// The most words any of them allows a line.
    most: usize,
}

/// One line of a story as the line rules read it (see [`LineTable`]).
#[derive(Debug)]
struct TableLine<'d> {
    /// The trimmed line.
    span: Span,
    /// Its block (index into `Document::blocks`).
    block: usize,
    /// Its text.
    text: &'d str,
    /// Its words, counted up to one more than the most any line rule allows.
    words: usize,
    /// The bits (by place) of the line rules whose sets may match it (none past the most
    /// words).
    may: u32,
    /// A table row or bulleted line without its frame, with its words and bits, when that is
    /// another text.
    unframed: Option<(Cow<'d, str>, usize, u32)>,
}

/// The lines of a story as the line rules read them, for all of them at once (see
/// [`LineRules::table`]).
#[derive(Debug)]
pub struct LineTable<'d> {
    /// The lines of every block a line rule reads, in order.
    lines: Vec<TableLine<'d>>,
}

/// The line set of a rule that is a line rule.
fn line_set_of(rule: &dyn Rule) -> Option<(&LineSet, usize)> {
    match &rule.as_boilerplate()?.detect {
        Detect::Lines { set, max_words } => Some((set, *max_words)),
        _ => None,
    }
}

impl LineRules {
    /// The line rules among `rules` (a ruleset's, in its order), read together.
    pub fn new(rules: &[Arc<dyn Rule>]) -> LineRules {
        let mut place = vec![None; rules.len()];
        let mut members = Vec::new();
        let mut sets = Vec::new();
        let mut most = 0;
        for (k, rule) in rules.iter().enumerate() {
            if let Some((set, max_words)) = line_set_of(rule.as_ref())
                && sets.len() < 32
            {
                place[k] = Some(sets.len());
                members.push(k);
                sets.push(set);
                most = most.max(max_words);
            }
        }
        LineRules {
            place,
            members,
            joint: Joint::new(&sets),
            most,
        }
    }

    /// The place of rule `k` of the ruleset among the line rules read together, if it is one.
    pub fn place(&self, k: usize) -> Option<usize> {
        self.place.get(k).copied().flatten()
    }

    /// The lines of `doc` in the blocks the line rules read (`rules`: the ruleset's rules given
    /// to [`LineRules::new`]), each counted and scanned once.
    pub fn table<'d>(&self, rules: &[Arc<dyn Rule>], doc: &'d Document) -> LineTable<'d> {
        let members: Vec<&dyn Rule> = self.members.iter().map(|&k| rules[k].as_ref()).collect();
        let sets: Vec<&LineSet> = members
            .iter()
            .map(|r| line_set_of(*r).expect("a line rule").0)
            .collect();
        let read = |text: &str| {
            let words = words_up_to(text, self.most);
            let may = if words <= self.most {
                self.joint.may_match(&sets, text)
            } else {
                0
            };
            (words, may)
        };
        let mut lines = Vec::new();
        for (b, block) in doc.blocks.iter().enumerate() {
            if !members.iter().any(|r| r.meta().reads(block.kind)) {
                continue;
            }
            for (span, text) in lines_of(doc, block.span) {
                let (words, may) = read(text);
                let unframed = Some(lines::unframed(text)).filter(|u| u != text).map(|u| {
                    let (words, may) = read(&u);
                    (u, words, may)
                });
                lines.push(TableLine {
                    span,
                    block: b,
                    text,
                    words,
                    may,
                    unframed,
                });
            }
        }
        LineTable { lines }
    }
}

/// Extends residue at the end of a story: a short, unpunctuated line in the trailing run after the
/// last paragraph of real prose, next to a residue line, is residue of its neighbour's kind.
/// `found` holds (span, rule index) of every residue line found; returns the additions. Only
/// rules with `trailing_runs` take part; the built-in pack leaves this to its `context` rule.
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

/// The hash a candidate template line is counted under: the stories of a run are compared by
/// these, never by their text, so the count costs a few bytes a distinct line.
pub fn line_hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same line hashes the same in every run and on every thread.
    let mut h = std::hash::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// How many stories of a run hold each candidate template line (by [`line_hash`]), and the
/// first four of them (by number), for a template-line rule. A story counts once per line.
#[derive(Clone, Debug, Default)]
pub struct TemplateCounts {
    /// Stories added, with candidate lines or not (`min_share` is a share of them).
    pub stories: usize,
    lines: HashMap<u64, Seen>,
}

/// One line's count and its first stories.
#[derive(Clone, Copy, Debug)]
struct Seen {
    stories: u32,
    first: [u32; 4],
}

impl Seen {
    /// The smallest story numbers holding the line, at most four, in order.
    fn first(&self) -> &[u32] {
        &self.first[..(self.stories as usize).min(4)]
    }

    fn note(&mut self, file: u32) {
        let n = (self.stories as usize).min(4);
        self.stories += 1;
        let mut first = self.first[..n].to_vec();
        let at = first.partition_point(|&f| f < file);
        first.insert(at, file);
        first.truncate(4);
        self.first[..first.len()].copy_from_slice(&first);
    }
}

impl TemplateCounts {
    /// Adds story number `file` with the hashes of its distinct candidate lines. Stories may be
    /// added in any order: the first four are kept by number.
    pub fn add(&mut self, file: usize, hashes: &[u64]) {
        self.stories += 1;
        let file = u32::try_from(file).unwrap_or(u32::MAX);
        for &h in hashes {
            self.lines
                .entry(h)
                .and_modify(|s| s.note(file))
                .or_insert(Seen {
                    stories: 1,
                    first: [file, 0, 0, 0],
                });
        }
    }

    /// Adds the counts of another set of stories (none of them in this one).
    pub fn merge(&mut self, other: TemplateCounts) {
        self.stories += other.stories;
        for (h, seen) in other.lines {
            match self.lines.get_mut(&h) {
                None => {
                    self.lines.insert(h, seen);
                }
                Some(mine) => {
                    for &f in seen.first() {
                        mine.note(f);
                    }
                    // `note` counted the first ones; the rest only add to the count.
                    mine.stories += seen.stories - seen.first().len() as u32;
                }
            }
        }
    }
}
