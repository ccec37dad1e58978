//! What copydesk understands of a story: its blocks, its prose, its front matter and its sentences.
//!
//! A [`Document`] is parsed once and shared by every rule. Its `prose` is a copy of the source text,
//! byte for byte the same length, in which everything that is not prose (Markdown syntax, code,
//! URLs, HTML, front matter) is blanked out with spaces. A match found in `prose` therefore has the
//! same byte range in the original file, and cannot land in code or a URL.
//!
//! The language analysis (sentences, quotations and their speakers, figures, dates) reads its
//! words from a [`Lexicon`]: the built-in one ([`Document::parse`]) or a newsroom's
//! ([`Document::parse_with`], with the lexicon of its `copydesk.toml`).

pub mod dates;
pub mod events;
mod frontmatter;
mod grammar;
mod markdown;
pub mod numbers;
pub mod owners;
mod plain;
mod quotes;
mod sentences;
pub mod sourcing;
mod speakers;
mod structure;

pub use frontmatter::{FrontMatter, FrontMatterField, FrontMatterFormat};
pub use quotes::{Quotation, QuoteKind, find_quotations};
pub use sentences::split_sentences;
pub use speakers::{Attribution, How};

use crate::lexicon::{Lexicon, ascii_view};
use crate::narrow::NarrowRegex;
use crate::source::{BOM, Source};
use crate::span::Span;
use std::sync::OnceLock;

/// How a source's text is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CommonMark with tables and footnotes.
    Markdown,
    /// Plain text: paragraphs separated by blank lines.
    Plain,
}

impl Format {
    /// The format implied by a file name (`.txt` and unknown endings are plain text).
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// The kind of a block; a rule's `scope` names these. Tables (`table-cell`, `table`) are structure,
/// not prose: a rule with no scope does not read them (a boilerplate rule does), and the analyses
/// (sentences, quotations, figures, dates) leave them out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockKind {
    /// The story's headline: a leading level-1 heading, or a plain-text story's first short line.
    Headline,
    /// Any other heading (subheads).
    Heading,
    /// A short "By …" line near the top.
    Byline,
    /// An ordinary paragraph.
    Paragraph,
    /// A paragraph inside a block quote.
    Quote,
    /// The text of a list item.
    ListItem,
    /// A cell of a Markdown table (structure).
    TableCell,
    /// A row of a table or listing found in the text, plain or Markdown (structure): cells split
    /// by pipes, tabs or aligned spaces; columns of figures (stock, sports and election listings,
    /// dated data rows, a table pasted one cell per line); a run of "Label: value" lines.
    Table,
}

impl BlockKind {
    /// Every kind, in the order they are documented.
    pub const ALL: [BlockKind; 8] = [
        BlockKind::Headline,
        BlockKind::Heading,
        BlockKind::Byline,
        BlockKind::Paragraph,
        BlockKind::Quote,
        BlockKind::ListItem,
        BlockKind::TableCell,
        BlockKind::Table,
    ];

    /// The kinds of prose: what a rule reads when it names no `scope`.
    pub const PROSE: [BlockKind; 6] = [
        BlockKind::Headline,
        BlockKind::Heading,
        BlockKind::Byline,
        BlockKind::Paragraph,
        BlockKind::Quote,
        BlockKind::ListItem,
    ];

    /// Whether blocks of this kind are prose (not a table).
    pub fn is_prose(self) -> bool {
        !matches!(self, BlockKind::TableCell | BlockKind::Table)
    }

    /// The name used in TOML `scope` lists.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Headline => "headline",
            BlockKind::Heading => "heading",
            BlockKind::Byline => "byline",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Quote => "quote",
            BlockKind::ListItem => "list-item",
            BlockKind::TableCell => "table-cell",
            BlockKind::Table => "table",
        }
    }

    /// The kind with the given TOML name.
    pub fn from_name(name: &str) -> Option<BlockKind> {
        BlockKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A leaf block of prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What kind of block it is.
    pub kind: BlockKind,
    /// From the first to the last byte of prose in the block.
    pub span: Span,
}

/// A sentence inside a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the block in [`Document::blocks`].
    pub block: usize,
    /// The sentence's bytes, trimmed of surrounding white space.
    pub span: Span,
}

/// A parsed story.
#[derive(Debug)]
pub struct Document<'s> {
    /// The source the document was parsed from.
    pub source: &'s Source,
    /// The word lists its analyses read.
    pub lexicon: &'s Lexicon,
    /// How it was read.
    pub format: Format,
    /// The source text with everything that is not prose replaced by spaces (same length).
    pub prose: String,
    /// Front matter, if the story has any.
    pub front_matter: Option<FrontMatter>,
    /// Leaf blocks in document order.
    pub blocks: Vec<Block>,
    /// Sentences of all blocks, in document order.
    pub sentences: Vec<Sentence>,
    /// Direct quotations, in document order.
    pub quotations: Vec<Quotation>,
    /// The prose with quotations blanked too: the reporter's own words (same length).
    pub unquoted: String,
    /// The attribution of each quotation, found on first use.
    attributions: OnceLock<Vec<Option<Attribution>>>,
    /// The speaker of each quotation, found on first use.
    speakers: OnceLock<Vec<Option<Span>>>,
    /// The interview speaker of each block, found on first use (read by the attributions and by
    /// the sourcing analysis).
    interview: OnceLock<Vec<speakers::Interview>>,
    /// Weasel phrases and anonymous sources, found on first use.
    sourcing: OnceLock<Vec<sourcing::Sourcing>>,
    /// Figures of every block, tables included, extracted on first use. Not kept when the prose
    /// ones were asked for first and a table holds some (then found again if asked for).
    all_quantities: OnceLock<Vec<numbers::Quantity>>,
    /// Figures of the prose, shared by every rule that reads them; None when they are all of
    /// `all_quantities` (no figure stands in a table), which are then not copied.
    quantities: OnceLock<Option<Vec<numbers::Quantity>>>,
    /// The date to anchor the story to when it gives none itself (`--date`, config `date`).
    fallback_date: Option<(jiff::civil::Date, dates::AnchorSource)>,
    /// The anchor and the date mentions of every block, tables included, found on first use;
    /// kept as `all_quantities` is.
    all_dates: OnceLock<dates::DateAnalysis>,
    /// The anchor and the date mentions of the prose; None when they are those of `all_dates`.
    dates: OnceLock<Option<dates::DateAnalysis>>,
}

static URL: NarrowRegex = NarrowRegex::new(
    r#"(?i)\b(?:https?://|www\.)[^\s<>"'()\[\]]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"#,
);

impl<'s> Document<'s> {
    /// Parses a source in the given format, with the built-in lexicon.
    pub fn parse(source: &'s Source, format: Format) -> Document<'s> {
        Document::parse_with(source, format, Lexicon::builtin())
    }

    /// Parses a source in the given format, reading words from `lexicon` (a config's).
    pub fn parse_with(source: &'s Source, format: Format, lexicon: &'s Lexicon) -> Document<'s> {
        let text = source.text.as_str();
        let mut body_start = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let front_matter = FrontMatter::parse(text, body_start);
        if let Some(fm) = &front_matter {
            body_start = fm.span.end;
        }
        let mut prose = blank(text);
        let mut blocks = match format {
            Format::Markdown => markdown::parse(text, body_start, &mut prose),
            Format::Plain => plain::parse(text, body_start, &mut prose),
        };
        blank_urls(&mut prose);
        for block in &mut blocks {
            block.span = trim_span(&prose, block.span);
        }
        blocks.retain(|b| !b.span.is_empty());
        mark_byline(&prose, &mut blocks);
        let mut blocks = structure::mark(text, &prose, blocks);
        blocks.shrink_to_fit();
        let mut sentences = Vec::new();
        for (i, block) in blocks.iter().enumerate().filter(|(_, b)| b.kind.is_prose()) {
            for span in split_sentences(&prose[block.span.range()], lexicon) {
                sentences.push(Sentence {
                    block: i,
                    span: span.shift(block.span.start),
                });
            }
        }
        let mut quotations = outside_tables(find_quotations(&prose, &blocks, lexicon), &blocks);
        // Held as long as the document: without the room the pushes left (a long story has
        // hundreds of thousands of sentences).
        sentences.shrink_to_fit();
        quotations.shrink_to_fit();
        let mut unquoted = prose.clone();
        for q in &quotations {
            unquoted.replace_range(q.span.range(), &" ".repeat(q.span.len()));
        }
        Document {
            source,
            lexicon,
            format,
            prose,
            front_matter,
            blocks,
            sentences,
            quotations,
            unquoted,
            attributions: OnceLock::new(),
            speakers: OnceLock::new(),
            interview: OnceLock::new(),
            all_quantities: OnceLock::new(),
            sourcing: OnceLock::new(),
            quantities: OnceLock::new(),
            fallback_date: None,
            all_dates: OnceLock::new(),
            dates: OnceLock::new(),
        }
    }

    /// The date to anchor the story to when it has no date or dateline of its own. Must be set
    /// before [`Document::dates`] is first read.
    pub fn set_fallback_date(&mut self, date: Option<(jiff::civil::Date, dates::AnchorSource)>) {
        self.fallback_date = date;
        self.all_dates = OnceLock::new();
        self.dates = OnceLock::new();
    }

    /// The story's anchor and every date its prose mentions, resolved (tables are not prose).
    pub fn dates(&self) -> &dates::DateAnalysis {
        let prose = self.dates.get_or_init(|| {
            if let Some(all) = self.all_dates.get() {
                let mentions = self.in_prose(&all.mentions, |m| m.span)?;
                return Some(dates::DateAnalysis {
                    mentions,
                    anchor: all.anchor.clone(),
                    invalid: all.invalid,
                });
            }
            // Found here for the first time: the table mentions are dropped rather than the
            // prose ones copied, and every block's are found again only if asked for.
            let mut all = dates::analyse(self, self.fallback_date.clone());
            match self.prose_only(std::mem::take(&mut all.mentions), |m| m.span) {
                Ok(mentions) => {
                    all.mentions = mentions;
                    let _ = self.all_dates.set(all);
                    None
                }
                Err(mentions) => {
                    all.mentions = mentions;
                    Some(all)
                }
            }
        });
        prose.as_ref().unwrap_or_else(|| self.all_dates())
    }

    /// The story's anchor and the date mentions of every block, tables included: for a rule whose
    /// scope names `table` or `table-cell` (see [`Document::kind_at`]).
    pub fn all_dates(&self) -> &dates::DateAnalysis {
        self.all_dates
            .get_or_init(|| dates::analyse(self, self.fallback_date.clone()))
    }

    /// The attribution of each quotation (indexed like [`Document::quotations`]): its speaker,
    /// how it was found (a verb of saying, a colon, a dash caption, an interview line, the
    /// quotation it continues, the next sentence …) and the words that attribute it; None when
    /// nothing attributes it. See `document/speakers.rs` for the order the ways are tried in.
    pub fn attributions(&self) -> &[Option<Attribution>] {
        self.attributions
            .get_or_init(|| speakers::attributions(self))
    }

    /// The speaker of each quotation (indexed like [`Document::quotations`]): the name, pronoun
    /// or noun phrase its attribution names, if any.
    pub fn speakers(&self) -> &[Option<Span>] {
        self.speakers.get_or_init(|| {
            self.attributions()
                .iter()
                .map(|a| a.and_then(|a| a.speaker))
                .collect()
        })
    }

    /// The interview speaker of each block, when a tag or a question makes it an answer: the
    /// speaker's name (None for an unnamed interviewee) and the tag or question (see
    /// `document/speakers.rs`).
    pub(crate) fn interview_speakers(&self) -> &[speakers::Interview] {
        self.interview
            .get_or_init(|| speakers::interview_speakers(self))
    }

    /// The weasel phrases and anonymous sources of the reporter's words, in order, with what the
    /// story says around each (see `document/sourcing.rs`).
    pub fn sourcing(&self) -> &[sourcing::Sourcing] {
        self.sourcing.get_or_init(|| sourcing::analyse(self))
    }

    /// Where a source is named for the weasel phrase at `phrase`: in its clause, or, unless
    /// the phrase hides its source in its own clause (an agentless passive: `next_names`
    /// false), in the next sentence of its paragraph too.
    pub fn source_named_near(&self, phrase: Span, next_names: bool) -> Option<Span> {
        sourcing::named_near(self, phrase, next_names)
    }

    /// The aside between commas that the weasel phrase at `phrase` opens ("Luk, reportedly aged
    /// about 68, had …"): its claim is the aside's, whatever source the sentence names.
    pub fn weasel_aside(&self, phrase: Span) -> Option<Span> {
        sourcing::aside_of(self, phrase)
    }

    /// What bare officials at `phrase` stand for: an organisation or qualified officials named
    /// before them in their sentence or in the sentence before.
    pub fn officials_antecedent(&self, phrase: Span) -> Option<Span> {
        sourcing::officials_antecedent(self, phrase)
    }

    /// Whether the weasel-like phrase at `span` is an impersonal belief or estimate ("is believed
    /// to") in a story that is the issuing organisation's own release (its `publisher`).
    pub fn issuers_own_belief(&self, span: Span) -> bool {
        sourcing::issuers_own_belief(self, span)
    }

    /// A named outlet that relays the anonymous source at `phrase` ("told Reuters").
    pub fn relaying_outlet(&self, phrase: Span) -> Option<Span> {
        sourcing::relaying_outlet(self, phrase)
    }

    /// Every figure of the story (headline, dek and body), in reading order; not those of tables.
    pub fn quantities(&self) -> &[numbers::Quantity] {
        let prose = self.quantities.get_or_init(|| {
            if let Some(all) = self.all_quantities.get() {
                return self.in_prose(all, |q| q.span);
            }
            // As for dates: the figures of tables are dropped, not the others copied (a long
            // story has a hundred thousand figures of 136 bytes).
            match self.prose_only(numbers::extract(self), |q| q.span) {
                Ok(all) => {
                    let _ = self.all_quantities.set(all);
                    None
                }
                Err(prose) => Some(prose),
            }
        });
        prose.as_deref().unwrap_or_else(|| self.all_quantities())
    }

    /// The figures of every block, tables included: for a rule whose scope names `table` or
    /// `table-cell` (see [`Document::kind_at`]).
    pub fn all_quantities(&self) -> &[numbers::Quantity] {
        self.all_quantities.get_or_init(|| numbers::extract(self))
    }

    /// The kind of the block holding byte `pos`, if any (blocks are in order: a binary search).
    pub fn kind_at(&self, pos: usize) -> Option<BlockKind> {
        let i = self.blocks.partition_point(|b| b.span.end <= pos);
        self.blocks
            .get(i)
            .filter(|b| b.span.start <= pos)
            .map(|b| b.kind)
    }

    /// Whether an item starting at `pos` is read as prose: it is in front matter or a prose block.
    fn prose_at(&self, pos: usize) -> bool {
        self.kind_at(pos).is_none_or(BlockKind::is_prose)
    }

    /// How many of `items` start outside tables (read as prose).
    fn prose_count<T>(&self, items: &[T], span: &impl Fn(&T) -> Span) -> usize {
        items
            .iter()
            .filter(|i| self.prose_at(span(i).start))
            .count()
    }

    /// The items that do not start in a table (front matter and prose), cloned into a list of
    /// their exact length; None when that is every item (the caller then reads `items` itself
    /// rather than a copy).
    fn in_prose<T: Clone>(&self, items: &[T], span: impl Fn(&T) -> Span) -> Option<Vec<T>> {
        let n = self.prose_count(items, &span);
        if n == items.len() {
            return None;
        }
        let mut kept = Vec::with_capacity(n);
        kept.extend(
            items
                .iter()
                .filter(|i| self.prose_at(span(i).start))
                .cloned(),
        );
        Some(kept)
    }

    /// `items` itself (`Ok`) when every one is read as prose; else (`Err`) those that are, moved
    /// into a list of their exact length, and the others dropped.
    fn prose_only<T>(&self, items: Vec<T>, span: impl Fn(&T) -> Span) -> Result<Vec<T>, Vec<T>> {
        let n = self.prose_count(&items, &span);
        if n == items.len() {
            return Ok(items);
        }
        let mut kept = Vec::with_capacity(n);
        kept.extend(items.into_iter().filter(|i| self.prose_at(span(i).start)));
        Err(kept)
    }

    /// The prose of a span (non-prose bytes read as spaces).
    pub fn prose_of(&self, span: Span) -> &str {
        &self.prose[span.range()]
    }

    /// The ASCII view of a span of `prose` (`quoted`) or of `unquoted`: the same length, every
    /// ASCII byte kept, every other character turned into bytes of its class for a regex (see
    /// `lexicon::ascii_view`). A regex of ASCII words finds the same matches in it as in the text,
    /// on the regex engine's fast path. Made for the span alone (a block), so that a long story
    /// never holds a second copy of its whole text; borrowed when the span is ASCII.
    pub fn ascii_view(&self, quoted: bool, span: Span) -> std::borrow::Cow<'_, str> {
        let text = if quoted { &self.prose } else { &self.unquoted };
        ascii_view(&text[span.range()])
    }

    /// The original text of a span.
    pub fn text_of(&self, span: Span) -> &str {
        &self.source.text[span.range()]
    }

    /// Whether a span lies inside a quotation.
    pub fn in_quotation(&self, span: Span) -> bool {
        // Quotations are in document order and do not overlap: only the first one ending after
        // the span's start can hold it.
        let i = self
            .quotations
            .partition_point(|q| q.span.end <= span.start);
        self.quotations[i..]
            .iter()
            .take(2)
            .any(|q| q.span.contains(span))
    }

    /// The sentence holding byte `pos`, if any (sentences are in order: a binary search).
    pub fn sentence_at(&self, pos: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        self.sentences.get(i).filter(|s| s.span.start <= pos)
    }

    /// Sentences of one block.
    pub fn sentences_of(&self, block: usize) -> impl Iterator<Item = &Sentence> {
        let start = self.sentences.partition_point(|s| s.block < block);
        self.sentences[start..]
            .iter()
            .take_while(move |s| s.block == block)
    }
}

/// A copy of `text` with every byte but line endings turned into a space.
fn blank(text: &str) -> String {
    // Byte by byte into a buffer of spaces: every byte is ASCII, so the buffer is UTF-8.
    let mut out = vec![b' '; text.len()];
    for (o, &b) in out.iter_mut().zip(text.as_bytes()) {
        if b == b'\n' || b == b'\r' {
            *o = b;
        }
    }
    String::from_utf8(out).expect("spaces and line breaks are ASCII")
}

/// Copies the original bytes of `span` into `prose` (the span must fall on char boundaries).
fn reveal(prose: &mut String, text: &str, span: Span) {
    prose.replace_range(span.range(), &text[span.range()]);
}

/// Whether `text` may hold a match of [`URL`]: every match holds "://", "www." (in any ASCII
/// case: no other character folds to `w`) or "@". Most stories hold none, and the pattern is
/// then never compiled.
fn may_hold_url(text: &str) -> bool {
    text.contains("://")
        || text.contains('@')
        || text
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"www."))
}

fn blank_urls(prose: &mut String) {
    if !may_hold_url(prose) {
        return;
    }
    // Searched over the ASCII view, which gives the same matches (every non-ASCII character
    // becomes bytes of its own class for `\w`, `\s` and the excluded punctuation, and `\b` sits
    // where it did): the regex's fast automaton gives up on a Unicode word boundary next to a
    // non-ASCII byte, and the slow one cost a tenth of a story's check.
    let view = ascii_view(prose);
    let spans: Vec<Span> = URL
        .get(&view)
        .find_iter(&view)
        .map(|m| m.range().into())
        .collect();
    for span in spans {
        prose.replace_range(span.range(), &" ".repeat(span.len()));
    }
}

fn trim_span(prose: &str, span: Span) -> Span {
    let s = &prose[span.range()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    Span::new(start, end)
}

/// The quotations that are not inside tables; `continues` is renumbered to match.
fn outside_tables(quotations: Vec<Quotation>, blocks: &[Block]) -> Vec<Quotation> {
    if blocks.iter().all(|b| b.kind.is_prose()) {
        return quotations;
    }
    let mut index = vec![None; quotations.len()];
    let mut kept = Vec::with_capacity(quotations.len());
    for (i, mut q) in quotations.into_iter().enumerate() {
        if blocks[q.block].kind.is_prose() {
            q.continues = q.continues.and_then(|c| index[c]);
            index[i] = Some(kept.len());
            kept.push(q);
        }
    }
    kept
}

/// A short "By Name" paragraph among the first three blocks is a byline; "By some accounts, …"
/// (a lower-case word after "By") is prose.
fn mark_byline(prose: &str, blocks: &mut [Block]) {
    for block in blocks.iter_mut().take(3) {
        let t = &prose[block.span.range()];
        if block.kind == BlockKind::Paragraph
            && t.len() < 80
            && (t.starts_with("By ") || t.starts_with("BY "))
            && t[3..].trim_start().starts_with(char::is_uppercase)
            && !t.contains(['.', '!', '?']) | t.ends_with('.')
        {
            block.kind = BlockKind::Byline;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_prefilter_never_rejects_a_url() {
        for text in [
            "see https://example.com/a now",
            "HTTPS://EXAMPLE.COM",
            "visit WwW.example.org",
            "mail desk@example.com",
            "httpſ://example.com",
            "no address here",
        ] {
            assert!(!URL.full().is_match(text) || may_hold_url(text), "{text}");
        }
        assert!(!may_hold_url("no address here"));
    }

    #[test]
    fn urls_are_found_alike_in_the_ascii_view() {
        for text in [
            "voir https://exemple.fr/café?q=naïve — puis www.Zoë.org, ou écrire à zoë@exemple.fr",
            "\u{201c}https://x.y/a\u{201d} and\u{a0}www.example.com\u{2003}then",
            "naïvé@例え.jp und mail über_x@ex-ample.de; ſee https://ſ.org",
            "https://例え.jp/パス http://x.org/—dash",
        ] {
            let found = |t: &str| {
                URL.get(t)
                    .find_iter(t)
                    .map(|m| m.range())
                    .collect::<Vec<_>>()
            };
            assert_eq!(found(&ascii_view(text)), found(text), "{text}");
            assert!(!found(text).is_empty(), "{text}");
        }
    }

    fn parse_md(text: &str) -> (Source, Format) {
        (Source::new("t.md", text), Format::Markdown)
    }

    #[test]
    fn markdown_masks_code_urls_and_html() {
        let (src, f) = parse_md(
            "# Headline TK\n\nSee `TK code` and https://example.com/TK and <!-- TK -->.\n\n```\nTK\n```\n",
        );
        let doc = Document::parse(&src, f);
        assert_eq!(doc.prose.len(), src.text.len());
        assert_eq!(doc.prose.matches("TK").count(), 1);
        assert_eq!(doc.blocks[0].kind, BlockKind::Headline);
        assert_eq!(doc.text_of(doc.blocks[0].span), "Headline TK");
    }

    #[test]
    fn prose_figures_and_dates_are_copied_only_when_a_table_holds_some() {
        let (src, f) = parse_md("Four people came on Monday.\n\nThen 12 more came.\n");
        let doc = Document::parse(&src, f);
        assert!(std::ptr::eq(doc.quantities(), doc.all_quantities()));
        assert!(std::ptr::eq(doc.dates(), doc.all_dates()));
        let (src, f) = parse_md(
            "Four people came on Monday.\n\n| day | count |\n|---|---|\n| Friday | 12 |\n",
        );
        let doc = Document::parse(&src, f);
        assert!(doc.quantities().len() < doc.all_quantities().len());
        assert!(doc.dates().mentions.len() < doc.all_dates().mentions.len());
        assert_eq!(doc.dates().anchor, doc.all_dates().anchor);
    }

    #[test]
    fn a_figure_is_compact() {
        // A long story holds a hundred thousand figures: each shared word is a thin pointer.
        assert_eq!(std::mem::size_of::<Option<numbers::Name>>(), 8);
        assert!(std::mem::size_of::<numbers::Quantity>() <= 136);
        let (src, f) = parse_md("Four people came.\n\n| a | b |\n|---|---|\n| 12 | 13 |\n");
        let doc = Document::parse(&src, f);
        assert_eq!(doc.quantities()[0].noun.as_deref(), Some("people"));
    }

    #[test]
    fn front_matter_is_not_prose() {
        let (src, f) = parse_md("---\ntitle: \"TK story\"\ndate: 2025-06-03\n---\nBody TK.\n");
        let doc = Document::parse(&src, f);
        let fm = doc.front_matter.as_ref().unwrap();
        assert_eq!(fm.get("title").unwrap().value, "TK story");
        assert_eq!(doc.text_of(fm.get("date").unwrap().span), "2025-06-03");
        assert_eq!(doc.prose.matches("TK").count(), 1);
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn block_kinds() {
        let (src, f) = parse_md(
            "# Head\n\nBy Ana Ruiz\n\nPara.\n\n> quoted\n\n- item one\n- item two\n\n## Sub\n",
        );
        let doc = Document::parse(&src, f);
        let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [
                Headline, Byline, Paragraph, Quote, ListItem, ListItem, Heading
            ]
        );
    }

    #[test]
    fn plain_text_paragraphs_and_headline() {
        let src = Source::new(
            "t.txt",
            "Storm hits coast\r\n\r\nThe storm came.\r\nIt left.\r\n\r\nMore.\r\n",
        );
        let doc = Document::parse(&src, Format::Plain);
        assert_eq!(doc.blocks.len(), 3);
        assert_eq!(doc.blocks[0].kind, BlockKind::Headline);
        assert_eq!(
            doc.text_of(doc.blocks[1].span),
            "The storm came.\r\nIt left."
        );
        assert_eq!(doc.sentences_of(1).count(), 2);
    }
}
