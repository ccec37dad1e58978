//! Inline suppression: comments in a story that silence named rules. They are applied to a story's
//! findings after every rule, the cross-story checks included, has run, so every front end that
//! checks through [`crate::batch`] (the CLI in every format, `--fix`, the editor server) honours
//! them.
//!
//! In Markdown, HTML comments (wherever an HTML comment is one: never in code):
//!
//! ```text
//! <!-- copydesk-disable-next-line RULE -- reason -->    the next line of text
//! <!-- copydesk-disable RULE -->  …  <!-- copydesk-enable RULE -->    a stretch of the story
//! <!-- copydesk-disable-file RULE -->                   the whole story
//! ```
//!
//! In plain text, the same words on a line of their own after `#` (`# copydesk-disable RULE`), or
//! as a whole-line HTML comment. Those lines are not prose: [`Suppressions::masked`] blanks them
//! before the story is parsed, as Markdown's parser blanks comments.
//!
//! RULE is a rule id, a former id of a rule, or a pack (every rule of it); several are separated
//! by commas or spaces; the text after ` -- ` is the reason, for people. A suppression that names
//! no rule, an unknown rule (with a suggestion), or a rule in force that it never silenced is
//! itself a finding: [`UNUSED_SUPPRESSION`].

use crate::diagnostic::Diagnostic;
use crate::document::{Format, FrontMatter};
use crate::rules::registry::closest;
use crate::rules::{RuleMeta, Ruleset, interpolate};
use crate::source::{BOM, Source};
use crate::span::Span;
use regex::Regex;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The rule whose findings are suppressions that suppress nothing.
pub const UNUSED_SUPPRESSION: &str = "copydesk.unused-suppression";

/// What a suppression comment does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directive {
    /// `copydesk-disable-next-line`: the next line of text.
    NextLine,
    /// `copydesk-disable`: from here to the matching `copydesk-enable`, or the end of the story.
    Disable,
    /// `copydesk-enable`: ends a `copydesk-disable` (all of them, when it names no rule).
    Enable,
    /// `copydesk-disable-file`: the whole story.
    File,
}

impl Directive {
    /// Every directive, by the word after `copydesk-`.
    pub const ALL: [(&'static str, Directive); 4] = [
        ("disable-next-line", Directive::NextLine),
        ("disable", Directive::Disable),
        ("enable", Directive::Enable),
        ("disable-file", Directive::File),
    ];

    /// The comment's word, `copydesk-…`.
    pub fn word(self) -> String {
        let name = Directive::ALL
            .iter()
            .find(|(_, d)| *d == self)
            .map_or("", |(n, _)| n);
        format!("copydesk-{name}")
    }
}

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// What it does; `Err` holds a word after `copydesk-` that is no directive.
    pub directive: Result<Directive, String>,
    /// Where `copydesk-…` is written.
    pub word: Span,
    /// The whole comment.
    pub span: Span,
    /// The rules and packs it names, each with where it is written.
    pub names: Vec<(String, Span)>,
}

/// The suppression comments of one story.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    /// In text order.
    pub comments: Vec<Comment>,
    /// Plain text: the lines that hold a comment, blanked before parsing.
    lines: Vec<Span>,
}

static HTML_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--(.*?)-->").expect("comment pattern"));
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(copydesk-[A-Za-z-]*)").expect("directive pattern"));
static REASON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)--(?:\s|$)").expect("reason pattern"));
static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\s,]+").expect("name pattern"));

impl Suppressions {
    /// Finds the suppression comments of a story read in `format`. A story that never writes
    /// `copydesk-` costs one substring search.
    pub fn find(text: &str, format: Format) -> Suppressions {
        if !text.contains("copydesk-") {
            return Suppressions::default();
        }
        match format {
            Format::Markdown => markdown(text),
            Format::Plain => plain(text),
        }
    }

    /// Whether the story has no suppression comment.
    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
    }

    /// Plain text with comment lines: the story with those lines blanked (the same length, so
    /// every span stays true), to be parsed instead of the original. None when there is nothing to
    /// blank.
    pub fn masked(&self, source: &Source) -> Option<Source> {
        if self.lines.is_empty() {
            return None;
        }
        let mut text = source.text.clone();
        for line in &self.lines {
            text.replace_range(line.range(), &" ".repeat(line.len()));
        }
        Some(Source::new(source.name.clone(), text))
    }

    /// Drops the findings the comments suppress and adds a [`UNUSED_SUPPRESSION`] finding for
    /// each comment or name that suppressed nothing (when that rule is in force); findings come
    /// back in their stable order.
    pub fn apply(&self, source: &Source, ruleset: &Ruleset, diagnostics: &mut Vec<Diagnostic>) {
        if self.comments.is_empty() {
            return;
        }
        let known = Known::new(ruleset);
        let mut entries = self.entries(&known);
        let scopes = self.scopes(source, &mut entries);
        let unused_rule = known.index(UNUSED_SUPPRESSION);
        let silence = |d: &Diagnostic, entries: &mut [Entry]| {
            let Some(rule) = known.index(&d.rule) else {
                return false;
            };
            let at = d.primary.span.start;
            let mut hit = false;
            for s in scopes.iter().filter(|s| s.rule == rule && s.covers(at)) {
                entries[s.entry].used = true;
                hit = true;
            }
            hit
        };
        diagnostics.retain(|d| !silence(d, &mut entries));

        let Some(meta) = ruleset.enabled().find(|m| m.id == UNUSED_SUPPRESSION) else {
            return;
        };
        let about_unused = |e: &Entry| {
            unused_rule.is_some_and(|u| e.rules.as_ref().is_some_and(|r| r.contains(&u)))
        };
        // Names that suppress the unused-suppression findings themselves are judged last.
        let mut found = self.unknown_words(source, &meta);
        found.extend(
            entries
                .iter()
                .filter(|e| !about_unused(e))
                .filter_map(|e| self.unused(source, &meta, &known, e)),
        );
        found.retain(|d| !silence(d, &mut entries));
        found.extend(
            entries
                .iter()
                .filter(|e| about_unused(e))
                .filter_map(|e| self.unused(source, &meta, &known, e)),
        );
        if !found.is_empty() {
            diagnostics.extend(found);
            diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
    }

    /// Every name of every comment, resolved.
    fn entries(&self, known: &Known<'_>) -> Vec<Entry> {
        let mut entries = Vec::new();
        for (c, comment) in self.comments.iter().enumerate() {
            for (n, (name, _)) in comment.names.iter().enumerate() {
                entries.push(Entry {
                    comment: c,
                    name: n,
                    rules: known.expand(name),
                    used: false,
                });
            }
        }
        entries
    }

    /// Where each name silences each of its rules. An `enable` that ends a stretch counts as
    /// used; a `disable` of a rule already disabled opens nothing.
    fn scopes(&self, source: &Source, entries: &mut [Entry]) -> Vec<Scope> {
        let len = source.text.len();
        let mut scopes = Vec::new();
        let mut open: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        let mut e = 0;
        for (c, comment) in self.comments.iter().enumerate() {
            let first = e;
            while e < entries.len() && entries[e].comment == c {
                e += 1;
            }
            let mine = first..e;
            let Ok(directive) = comment.directive else {
                continue;
            };
            let whole = match directive {
                Directive::NextLine => Some(self.next_line(source, comment)),
                Directive::File => Some(Span::new(0, len)),
                _ => None,
            };
            match directive {
                Directive::NextLine | Directive::File => {
                    let span = whole.unwrap_or_default();
                    for i in mine {
                        for &rule in entries[i].rules.iter().flatten() {
                            scopes.push(Scope {
                                rule,
                                span,
                                entry: i,
                            });
                        }
                    }
                }
                Directive::Disable => {
                    for i in mine {
                        for &rule in entries[i].rules.iter().flatten() {
                            open.entry(rule).or_insert((comment.span.end, i));
                        }
                    }
                }
                Directive::Enable if comment.names.is_empty() => {
                    for (rule, (start, i)) in std::mem::take(&mut open) {
                        scopes.push(Scope::between(rule, start, comment.span.start, i));
                    }
                }
                Directive::Enable => {
                    for i in mine {
                        let rules = entries[i].rules.clone().unwrap_or_default();
                        for rule in rules {
                            if let Some((start, opener)) = open.remove(&rule) {
                                scopes.push(Scope::between(
                                    rule,
                                    start,
                                    comment.span.start,
                                    opener,
                                ));
                                entries[i].used = true;
                            }
                        }
                    }
                }
            }
        }
        for (rule, (start, i)) in open {
            scopes.push(Scope::between(rule, start, len, i));
        }
        scopes
    }

    /// The lines a `disable-next-line` comment covers: from the line after it to the first line
    /// of text, past blank lines and lines holding only other suppression comments (so that
    /// comments can be stacked).
    fn next_line(&self, source: &Source, comment: &Comment) -> Span {
        let index = &source.line_index;
        let text = &source.text;
        let last = index.line_of(comment.span.end.saturating_sub(1));
        let Some(start) = (last + 1 < index.line_count()).then(|| index.line_start(text, last + 1))
        else {
            return Span::new(text.len(), text.len());
        };
        for line in last + 1..index.line_count() {
            let span = index.line_span(text, line);
            if !self.is_blank_or_comment(text, span) {
                return Span::new(start, span.end);
            }
        }
        Span::new(text.len(), text.len())
    }

    /// Whether a line holds nothing but white space, block-quote markers and suppression comments.
    fn is_blank_or_comment(&self, text: &str, line: Span) -> bool {
        let content = &text[line.range()];
        let lead = content.len() - content.trim_start_matches([' ', '\t', '>']).len();
        let rest = Span::new(line.start + lead, line.end);
        let rest = Span::new(rest.start, rest.start + text[rest.range()].trim_end().len());
        rest.is_empty()
            || self.lines.contains(&line)
            || self.comments.iter().any(|c| c.span.contains(rest))
    }

    /// A finding for each `copydesk-…` word that is no directive, and each directive (other than
    /// `enable`) that names no rule.
    fn unknown_words(&self, source: &Source, meta: &RuleMeta) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for c in &self.comments {
            match &c.directive {
                Err(word) => {
                    let words: Vec<String> = Directive::ALL.iter().map(|(_, d)| d.word()).collect();
                    let written = format!("copydesk-{word}");
                    let mut d = finding(
                        source,
                        meta,
                        format!("unknown suppression `{written}`"),
                        c.word,
                    )
                    .with_label("not a suppression");
                    d = match closest(&written, words.iter().map(String::as_str)) {
                        Some(w) => d.with_note(format!("did you mean `{w}`?")),
                        None => d.with_note(format!("the suppressions are {}", words.join(", "))),
                    };
                    out.push(d);
                }
                Ok(directive) if *directive != Directive::Enable && c.names.is_empty() => {
                    out.push(
                        finding(
                            source,
                            meta,
                            format!("`{}` names no rule", directive.word()),
                            c.word,
                        )
                        .with_label("suppresses nothing")
                        .with_note(format!(
                            "name the rules or packs it suppresses: `{} style.usage`; \
                             `copydesk rules` lists them",
                            directive.word()
                        )),
                    );
                }
                Ok(_) => {}
            }
        }
        out
    }

    /// The finding for a name that is unknown, or that silenced nothing although one of its rules
    /// is in force.
    fn unused(
        &self,
        source: &Source,
        meta: &RuleMeta,
        known: &Known<'_>,
        entry: &Entry,
    ) -> Option<Diagnostic> {
        let comment = &self.comments[entry.comment];
        let (name, span) = &comment.names[entry.name];
        let directive = comment.directive.clone().ok()?;
        let Some(rules) = &entry.rules else {
            let mut d = finding(
                source,
                meta,
                format!("unknown rule `{name}` in a suppression"),
                *span,
            )
            .with_label("no rule or pack has this name");
            d = match known.suggestion(name) {
                Some(s) => d.with_note(format!("did you mean `{s}`?")),
                None => d.with_note("`copydesk rules` lists every rule"),
            };
            return Some(d);
        };
        // A rule that is off cannot be found: its suppression may serve another config or run.
        if entry.used || (directive != Directive::Enable && !rules.iter().any(|&r| known.on(r))) {
            return None;
        }
        let message = match directive {
            Directive::NextLine => format!("no `{name}` finding on the next line to suppress"),
            Directive::Disable => format!("no `{name}` finding in the stretch this disables"),
            Directive::File => format!("no `{name}` finding in this story to suppress"),
            Directive::Enable => format!("no `copydesk-disable {name}` above this for it to end"),
        };
        let note = if comment.names.len() > 1 {
            format!("remove `{name}` from the comment")
        } else {
            "remove the comment".to_string()
        };
        Some(
            finding(source, meta, message, *span)
                .with_label("unused suppression")
                .with_note(note),
        )
    }
}

/// A finding of the unused-suppression rule, worded through its message template.
fn finding(source: &Source, meta: &RuleMeta, default: String, span: Span) -> Diagnostic {
    let message = interpolate(
        &meta.message,
        &[("default", &default), ("match", source.slice(span))],
    );
    meta.diagnostic(message, span)
}

/// One name of one comment, resolved to rules.
#[derive(Clone, Debug)]
struct Entry {
    /// Index of its comment.
    comment: usize,
    /// Index of the name in the comment.
    name: usize,
    /// The rules it names (indices into [`Known`]); None: no rule or pack has this name.
    rules: Option<Vec<usize>>,
    /// Whether it silenced a finding (an `enable`: whether it ended a stretch).
    used: bool,
}

/// Where one name silences one rule: findings that start in `span`.
#[derive(Clone, Copy, Debug)]
struct Scope {
    rule: usize,
    span: Span,
    entry: usize,
}

impl Scope {
    fn between(rule: usize, start: usize, end: usize, entry: usize) -> Scope {
        Scope {
            rule,
            span: Span::new(start, end),
            entry,
        }
    }

    fn covers(&self, at: usize) -> bool {
        self.span.start <= at && at < self.span.end
    }
}

/// Every rule of a ruleset, on or off, with its former ids and its pack.
struct Known<'r> {
    rules: Vec<(Cow<'r, RuleMeta>, bool)>,
}

impl<'r> Known<'r> {
    fn new(ruleset: &'r Ruleset) -> Known<'r> {
        let rules = ruleset
            .enabled()
            .map(|m| (m, true))
            .chain(ruleset.disabled().map(|m| (Cow::Borrowed(m), false)))
            .collect();
        Known { rules }
    }

    fn index(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|(m, _)| m.id == id)
    }

    fn on(&self, i: usize) -> bool {
        self.rules[i].1
    }

    /// The rules a name stands for: a rule, by its id or a former one, or every rule of a pack.
    fn expand(&self, name: &str) -> Option<Vec<usize>> {
        if let Some(i) = self.index(name).or_else(|| {
            self.rules
                .iter()
                .position(|(m, _)| m.aliases.iter().any(|a| a == name))
        }) {
            return Some(vec![i]);
        }
        let pack: Vec<usize> = (0..self.rules.len())
            .filter(|&i| self.rules[i].0.pack() == name)
            .collect();
        (!pack.is_empty()).then_some(pack)
    }

    /// The rule id or pack closest to a misspelt name.
    fn suggestion(&self, name: &str) -> Option<String> {
        let mut names: Vec<&str> = self.rules.iter().map(|(m, _)| m.id.as_str()).collect();
        let packs: Vec<&str> = self.rules.iter().map(|(m, _)| m.pack()).collect();
        names.extend(packs);
        names.sort_unstable();
        names.dedup();
        closest(name, names).map(str::to_string)
    }
}

/// Comments in Markdown: HTML comments that the Markdown parser reads as HTML (so never in code),
/// outside front matter.
fn markdown(text: &str) -> Suppressions {
    use pulldown_cmark::{Event, Options, Parser};
    let mut body_start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    if let Some(fm) = FrontMatter::parse(text, body_start) {
        body_start = fm.span.end;
    }
    let body = &text[body_start..];
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let html: Vec<Span> = Parser::new_ext(body, options)
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, r)| Span::from(r).shift(body_start))
        .collect();
    let mut comments = Vec::new();
    for m in HTML_COMMENT.captures_iter(body) {
        let (Some(whole), Some(inner)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let start = body_start + whole.start();
        if !html.iter().any(|h| h.start <= start && start < h.end) {
            continue;
        }
        let span = Span::new(start, body_start + whole.end());
        let inner = Span::from(inner.range()).shift(body_start);
        if let Some(c) = parse_comment(text, inner, span) {
            comments.push(c);
        }
    }
    Suppressions {
        comments,
        lines: Vec::new(),
    }
}

/// Comments in plain text: a line of its own, `# copydesk-…` or `<!-- copydesk-… -->`.
fn plain(text: &str) -> Suppressions {
    let mut out = Suppressions::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        let start = offset + lead;
        let span = Span::new(start, start + trimmed.len());
        let inner = if trimmed.starts_with('#') {
            Some(Span::new(start + 1, span.end))
        } else if is_one_html_comment(trimmed) {
            Some(Span::new(start + 4, span.end - 3))
        } else {
            None
        };
        if let Some(inner) = inner
            && let Some(c) = parse_comment(text, inner, span)
        {
            out.lines.push(Span::new(offset, offset + content.len()));
            out.comments.push(c);
        }
        offset += line.len();
    }
    out
}

/// Whether a line is one HTML comment, from `<!--` to `-->`.
fn is_one_html_comment(line: &str) -> bool {
    line.len() >= 7
        && line.starts_with("<!--")
        && line.ends_with("-->")
        && !line[4..line.len() - 3].contains("-->")
}

/// Reads the inside of a comment (`inner`): `copydesk-WORD NAME, NAME -- reason`. None when it is
/// not a copydesk comment at all.
fn parse_comment(text: &str, inner: Span, span: Span) -> Option<Comment> {
    let body = &text[inner.range()];
    let word = WORD.captures(body)?.get(1)?;
    let word_span = Span::from(word.range()).shift(inner.start);
    let name = &word.as_str()["copydesk-".len()..];
    let directive = Directive::ALL
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, d)| *d)
        .ok_or_else(|| name.to_string());
    let rest_start = word.end();
    let rest = &body[rest_start..];
    let names_end = REASON.find(rest).map_or(rest.len(), |m| m.start());
    let names = NAME
        .find_iter(&rest[..names_end])
        .map(|m| {
            (
                m.as_str().to_string(),
                Span::from(m.range()).shift(inner.start + rest_start),
            )
        })
        .collect();
    Some(Comment {
        directive,
        word: word_span,
        span,
        names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::document::Document;

    /// The rules found in `text` (as `name`), after suppression, as `rule@line`.
    fn check(name: &str, text: &str) -> Vec<String> {
        check_with(name, text, &Config::builtin())
    }

    fn check_with(name: &str, text: &str, config: &Config) -> Vec<String> {
        let source = Source::new(name, text);
        let format = Format::from_path(name);
        let found = Suppressions::find(text, format);
        let masked = found.masked(&source);
        let doc = Document::parse(masked.as_ref().unwrap_or(&source), format);
        let mut diagnostics = crate::lint(&doc, &config.ruleset);
        found.apply(&source, &config.ruleset, &mut diagnostics);
        diagnostics
            .iter()
            .map(|d| {
                let line = source.position(d.primary.span.start, crate::source::ColumnUnit::Utf8);
                format!("{}@{}", d.rule, line.line)
            })
            .collect()
    }

    #[test]
    fn reads_the_comment_words_names_and_reason() {
        let text = "<!-- copydesk-disable-next-line style.usage, numbers -- a quote -->\nx\n";
        let s = Suppressions::find(text, Format::Markdown);
        assert_eq!(s.comments.len(), 1);
        let c = &s.comments[0];
        assert_eq!(c.directive, Ok(Directive::NextLine));
        assert_eq!(&text[c.word.range()], "copydesk-disable-next-line");
        let names: Vec<(&str, &str)> = c
            .names
            .iter()
            .map(|(n, span)| (n.as_str(), &text[span.range()]))
            .collect();
        assert_eq!(
            names,
            [("style.usage", "style.usage"), ("numbers", "numbers")]
        );
    }

    #[test]
    fn comments_in_code_are_not_suppressions() {
        let text = "```\n<!-- copydesk-disable-file style -->\n```\n\nSee `<!-- copydesk-disable-file style -->`.\n";
        assert!(Suppressions::find(text, Format::Markdown).is_empty());
    }

    #[test]
    fn next_line_silences_only_the_next_line_of_text() {
        let text = "<!-- copydesk-disable-next-line style.usage -->\nIt took alot of time.\n\nIt took alot of time.\n";
        assert_eq!(check("s.md", text), ["style.usage@4"]);
        // Past blank lines and other comments: stacked comments each reach the text.
        let stacked = "<!-- copydesk-disable-next-line style.usage -->\n\n<!-- copydesk-disable-next-line boilerplate.placeholder -->\nIt took alot of TK.\n";
        assert_eq!(check("s.md", stacked), Vec::<String>::new());
    }

    #[test]
    fn disable_and_enable_bound_a_stretch() {
        let text = "It took alot.\n\n<!-- copydesk-disable style -->\n\nIt took alot.\n\nIt took alot.\n\n<!-- copydesk-enable style -->\n\nIt took alot.\n";
        assert_eq!(check("s.md", text), ["style.usage@1", "style.usage@11"]);
        // Without an enable, to the end of the story; `enable` alone ends every stretch.
        let open = "It took alot.\n\n<!-- copydesk-disable style.usage -->\n\nIt took alot.\n";
        assert_eq!(check("s.md", open), ["style.usage@1"]);
        let all = "<!-- copydesk-disable style.usage boilerplate -->\nIt took alot of TK.\n<!-- copydesk-enable -->\n\nIt took alot.\n";
        assert_eq!(check("s.md", all), ["style.usage@5"]);
    }

    #[test]
    fn enabling_one_rule_of_a_disabled_pack() {
        let text = "<!-- copydesk-disable style -->\nIt took alot of time, irregardless.\n<!-- copydesk-enable style.usage -->\n\nIt took alot of time.\n";
        assert_eq!(check("s.md", text), ["style.usage@5"]);
    }

    #[test]
    fn disable_file_silences_the_whole_story() {
        let text = "It took alot.\n\nIt took alot.\n\n<!-- copydesk-disable-file style.usage -- house style -->\n";
        assert_eq!(check("s.md", text), Vec::<String>::new());
    }

    #[test]
    fn unused_and_unknown_suppressions_are_findings() {
        let text =
            "<!-- copydesk-disable-next-line style.usage, style.usge -->\nThe council met.\n";
        assert_eq!(
            check("s.md", text),
            [
                "copydesk.unused-suppression@1",
                "copydesk.unused-suppression@1"
            ]
        );
        let source = Source::new("s.md", text);
        let config = Config::builtin();
        let found = Suppressions::find(text, Format::Markdown);
        let mut diagnostics = Vec::new();
        found.apply(&source, &config.ruleset, &mut diagnostics);
        assert_eq!(
            diagnostics[0].message,
            "no `style.usage` finding on the next line to suppress"
        );
        assert_eq!(source.slice(diagnostics[0].primary.span), "style.usage");
        assert_eq!(
            diagnostics[1].message,
            "unknown rule `style.usge` in a suppression"
        );
        assert_eq!(diagnostics[1].notes, ["did you mean `style.usage`?"]);
    }

    #[test]
    fn a_comment_naming_no_rule_or_no_directive_is_a_finding() {
        let text = "<!-- copydesk-disable-next-line -- no rule -->\nx\n<!-- copydesk-disable-nextline style -->\n";
        let source = Source::new("s.md", text);
        let found = Suppressions::find(text, Format::Markdown);
        let mut diagnostics = Vec::new();
        found.apply(&source, &Config::builtin().ruleset, &mut diagnostics);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`copydesk-disable-next-line` names no rule",
                "unknown suppression `copydesk-disable-nextline`"
            ]
        );
        assert_eq!(
            diagnostics[1].notes,
            ["did you mean `copydesk-disable-next-line`?"]
        );
    }

    #[test]
    fn a_rule_turned_off_is_never_an_unused_suppression() {
        let config = Config::from_toml("[rules]\n\"style.usage\" = \"off\"\n").unwrap();
        let text = "<!-- copydesk-disable-next-line style.usage -->\nThe council met.\n";
        assert_eq!(check_with("s.md", text, &config), Vec::<String>::new());
    }

    #[test]
    fn the_unused_suppression_rule_can_be_silenced_and_turned_off() {
        let text = "<!-- copydesk-disable-file copydesk.unused-suppression -->\n<!-- copydesk-disable-next-line style.usage -->\nThe council met.\n";
        assert_eq!(check("s.md", text), Vec::<String>::new());
        let config =
            Config::from_toml("[rules]\n\"copydesk.unused-suppression\" = \"off\"\n").unwrap();
        let text = "<!-- copydesk-disable-next-line style.usage -->\nThe council met.\n";
        assert_eq!(check_with("s.md", text, &config), Vec::<String>::new());
    }

    #[test]
    fn an_enable_with_nothing_to_end_is_unused() {
        let text = "The council met.\n<!-- copydesk-enable style.usage -->\n";
        assert_eq!(check("s.md", text), ["copydesk.unused-suppression@2"]);
    }

    #[test]
    fn plain_text_comments_are_lines_of_their_own_and_not_prose() {
        let text = "Council meets\n\n# copydesk-disable-next-line style.usage -- quoted\nIt took alot of time.\n\nIt took alot of time.\n";
        assert_eq!(check("s.txt", text), ["style.usage@6"]);
        let source = Source::new("s.txt", text);
        let masked = Suppressions::find(text, Format::Plain)
            .masked(&source)
            .unwrap();
        assert_eq!(masked.text.len(), text.len());
        assert!(!masked.text.contains("copydesk"));
        // The HTML form is accepted too; a `#` inside a line is not a comment.
        let html = "<!-- copydesk-disable-file style.usage -->\nIt took alot.\n";
        assert_eq!(check("s.txt", html), Vec::<String>::new());
        let inline = "It took alot. # copydesk-disable-file style.usage\n";
        assert_eq!(check("s.txt", inline), ["style.usage@1"]);
    }

    #[test]
    fn the_editor_comment_is_honoured_in_both_formats() {
        for (name, format) in [("s.md", Format::Markdown), ("s.txt", Format::Plain)] {
            let comment = crate::lsp::actions::suppression_comment(format, "style.usage");
            let text = format!("Council meets\n\n{comment}\nIt took alot of time.\n");
            assert_eq!(check(name, &text), Vec::<String>::new(), "{name}");
        }
    }

    #[test]
    fn inside_a_block_quote() {
        let story = "> The fire destroyed TK homes.\n";
        assert_eq!(check("s.md", story), ["boilerplate.placeholder@1"]);
        let text =
            format!("> <!-- copydesk-disable-next-line boilerplate.placeholder -->\n{story}");
        assert_eq!(check("s.md", &text), Vec::<String>::new());
    }
}
