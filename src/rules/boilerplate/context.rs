//! Page residue found by shape and context, not by phrase: the category `context` of the
//! `boilerplate` kind (`boilerplate.page-residue`).
//!
//! A story's lines are sentences: they have verbs, end in a full stop and keep to the story's
//! subject. What a browser leaves behind is different. Its lines are short and unpunctuated,
//! title case, set between pipes, imperative ("Subscribe …"), signed and dated like comments, and
//! they come in runs, above the headline and below the last paragraph. This check reads the lines
//! of a story with the findings of the phrase-list rules that ran before it (`anchors`: promo,
//! navigation, legal, advertising, comments) and of the furniture rule (`furniture`: credits,
//! bylines, timestamps, never residue), and flags:
//!
//! - lines with a residue shape of their own: markup with no words, a menu of short items
//!   between separators, an imperative prompt to the reader, a comment signature;
//! - short lines in a run of residue lines (menus, related-story lists, gallery controls), once
//!   the run holds enough cue lines; above the story one cue is enough (position);
//! - everything after a comment section opens below the story;
//! - the foot of the story: from the first residue line after the last run of prose on.
//!
//! Each finding's note names the cue. Figures, "Label: value" fields, numbered results and table
//! rows are never flagged by context, and neither is a line that shares its words with the
//! story's first paragraphs (a headline, a caption, a subhead).

use super::lines::{Line, Shape};
use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::lexicon::{Lexicon, ListId};
use crate::rules::lineset::{Joint, LineSet};
use crate::span::Span;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The options of a `context` rule, compiled.
#[derive(Debug)]
pub struct Context {
    /// Rules whose findings are residue lines (cues for runs and the foot).
    pub anchors: Vec<String>,
    /// Rules whose findings below the story open a comment section.
    pub comment_anchors: Vec<String>,
    /// Rules whose findings head a list of teasers (related stories, most read).
    pub list_anchors: Vec<String>,
    /// Rules whose findings are the story's furniture, never residue.
    pub furniture: Vec<String>,
    /// Rules whose findings below the story mark the end of the page (a copyright or terms
    /// line): what follows is the page's, not the story's.
    pub end_anchors: Vec<String>,
    /// Words of story above such a line before it ends the page (0: off).
    pub end_words: usize,
    /// The most words of prose below such a line, as a share of the story's words above it: a
    /// page's tail is shorter than its story; a long file holding a copyright line in the middle
    /// (two stories pasted one after the other) goes on with a story, not with the page's.
    pub end_tail: f64,
    /// A teaser under a list header has at most this many words.
    pub teaser_words: usize,
    /// What makes a line prose.
    pub shape: Shape,
    /// Lines of more words are never residue by context.
    pub short_words: usize,
    /// Cue lines a run of short lines needs to be residue.
    pub run_cues: usize,
    /// Cue lines a run above the story needs.
    pub head_cues: usize,
    /// Words of story before a foot or a comment section can begin.
    pub body_words: usize,
    /// Consecutive prose lines that are still the story.
    pub foot_prose_run: usize,
    /// The foot holds at most this share of the story's prose words.
    pub foot_ratio: f64,
    /// A foot holding at least this many lines found by the phrase rules…
    pub foot_strong: usize,
    /// …holds at most this share.
    pub foot_ratio_strong: f64,
    /// The story's subject: the content words of its first this-many prose lines.
    pub topic_lines: usize,
    /// A line sharing this share of its content words with the subject is the story's.
    pub topic_overlap: f64,
    /// A menu has at least this many items.
    pub menu_items: usize,
    /// Each of at most this many words.
    pub menu_item_words: usize,
    /// Comment signatures ("Posted by X on Jan 8, 2008"), whole-line.
    pub signatures: LineSet,
    /// Signatures that are a bare date and time ("Thu, Jan 17, 08 at 03:27 PM"), whole-line: a
    /// story's own timestamp below it has that shape too.
    pub stamp_signatures: LineSet,
    /// Signatures of a name and a place ("Ana R, Lisbon, Portugal"), whole-line: they sign
    /// comments only in a chain of `place_signature_rows`, each a few lines below the last.
    pub place_signatures: LineSet,
    /// How many such signatures in a chain open a comment section (0: off).
    pub place_signature_rows: usize,
    /// Lines with no words that belong to a story ("* * *", "###").
    pub section_breaks: LineSet,
    /// Lines before the first signature that belong to the first comment.
    pub comment_lookback: usize,
    /// A list of links: at least this many short unpunctuated lines in a row…
    pub list_lines: usize,
    /// …of at most this many words each.
    pub list_words: usize,
    /// Teasers below the story: at least this many (title, summary) pairs in a row.
    pub teaser_pairs: usize,
    /// Lines that sign off a story (whole-line regexes, read on furniture lines).
    pub sign_offs: LineSet,
    /// Below the furniture that closes the story (a byline, a timestamp, a credit right under
    /// its last run of prose, with at least this many words of story above it), lines off the
    /// story's subject are the page's (0: off).
    pub close_words: usize,
    /// A line with more words is never an imperative prompt.
    pub prompt_words: usize,
    /// A line ending in a colon with at least this many words introduces the story's own table or
    /// list: the short lines under it are not section names, foot or runs of residue.
    pub lead_in_words: usize,
    /// Up to this many short lines between two residue lines are residue too (0: off).
    pub gap_lines: usize,
    /// A line of at most this many words between two residue lines is residue even on the
    /// story's subject (0: off).
    pub gap_subject_words: usize,
    /// Below the story's last line of prose on its subject, up to this many lines off the
    /// subject between two residue lines are residue too, prose or not (0: off).
    pub gap_below_lines: usize,
    /// Marks of a reader's chatter, whole-line: "!!", "...", "@name", a smiley.
    pub chatter: LineSet,
    /// Below the story, from a line of chatter on, at least this many lines of chatter…
    pub chatter_lines: usize,
    /// …making at least this share of the lines: reader comments.
    pub chatter_share: f64,
    /// Marks of a reader's own voice, whole-line: "I", "my", a line ending in "!". A story
    /// reports: outside quotation its writer does not say "I".
    pub voice: LineSet,
    /// Lines never in a reader's voice, whole-line: a quotation (someone reported), a
    /// speaker's label ("Morton: I asked him…", an interview).
    pub voice_unless: LineSet,
    /// Below a story in which at most this share of the prose lines are in that voice…
    pub voice_story_share: f64,
    /// …and at least this many prose lines, a tail of chatter and voice (`chatter_lines` of
    /// chatter at least, `chatter_share` of its lines either) is reader comments: the voice
    /// changes where the story ends.
    pub voice_story_lines: usize,
    /// A table flattened one cell a line has at most this many columns…
    pub table_columns: usize,
    /// …and this share of its cells match the cell one row down (both figures, or the same text).
    pub table_repeat: f64,
    /// Lines led by a date (a time may follow) or an age ("15/01/2008", "January 15, 2008 19:45",
    /// "3 days ago"), whole-line.
    pub stamps: LineSet,
    /// Rows closed by a date (a time may follow) after a title of four words or more, whole-line;
    /// read as stamped rows when off the story's subject.
    pub closing_stamps: LineSet,
    /// At least this many stamped rows in a row, none a sentence, are a list of other stories
    /// (0: off).
    pub stamp_rows: usize,
    /// A story with at least this share of its lines framed as table rows ("| … |"), three rows
    /// or more, is a page laid out in a table: its short framed rows off the story's subject are
    /// the page's cells, not the story's (0: off).
    pub layout_share: f64,
    /// A whole text that is nothing but this many teasers or more (a title over a line of prose
    /// that shares a word with it), each off the subject of those above it, is a list of other
    /// stories, not a story: the extractor took the wrong block of the page (0: off).
    pub teaser_page_pairs: usize,
    /// A teaser of another story: a summary that ends in a link to the rest of it ("… in
    /// tennis. Full Story", "… you need to do. More"), whole-line.
    pub teaser_links: LineSet,
    /// What may lead into a prompt to the reader on its line, whole-line: a question put to the
    /// reader ("Want more?", "Not registered yet? What are you waiting for!") or a connective
    /// ("Then"): "Want more? Get home delivery now." is a prompt as "Get home delivery now." is.
    pub prompt_leads: LineSet,
    /// A web page's own source code left in a line (a script's statements, markup tags),
    /// whole-line.
    pub code: LineSet,
    /// The line sets above read with one scan of a line (see [`Context::sets`]), built on first
    /// use.
    pub joint: OnceLock<Joint>,
    /// A long menu: at least this many items between separators (0: off)…
    pub menu_loose_items: usize,
    /// …of which this share are short items; the rest may run long (a site's name with its
    /// address, a heading run into the first item).
    pub menu_loose_share: f64,
}

/// Why a line is residue by context; shown in the finding's note.
#[derive(Clone, Debug)]
enum Cue {
    /// No words at all.
    Markup,
    /// Short items between separators.
    Menu(usize),
    /// Section names in a run of residue.
    MenuWords,
    /// An imperative addressed to the reader.
    Imperative,
    /// A comment's signature, one of several below the story.
    Signature(usize),
    /// Below the opening of the comment section (its line).
    Comments(Span),
    /// A short line in a run of this many lines holding this many cue lines.
    Run(usize, usize),
    /// Below the story, after this residue line.
    Foot(Span),
    /// Off the story's subject, in the list under this header.
    Teaser(Span),
    /// One of this many short unpunctuated lines in a row, off the story's subject, above or
    /// below it: a list of links.
    LinkList(usize),
    /// One of this many teasers in a row (a short title, then a line of summary) below the
    /// story's last line on its subject.
    TeaserPairs(usize),
    /// Below the story's sign-off (its contact or credit line: "… can be reached at …").
    SignOff(Span),
    /// Below the furniture that closes the story (its line), off the story's subject.
    Closed(Span),
    /// Below the page's end (a copyright or terms line) under the story.
    PageEnd(Span),
    /// One of this many short lines between two residue lines.
    Gap(usize),
    /// One of this many lines off the story's subject between two residue lines below its last
    /// line on its subject.
    GapBelow(usize),
    /// Below the story, in a tail of this many lines of which this many read as a reader's
    /// chatter.
    Chatter(usize, usize),
    /// Below a story told in the third person, a tail of this many lines of which this many
    /// are in a reader's own voice or chatter (this many chatter).
    Voice(usize, usize, usize),
    /// One of this many rows in a row stamped with a date or a time (leading it, or closing it:
    /// `closing_stamps`): a list of other stories.
    Stamped(usize),
    /// A short framed row off the story's subject, on a page of this many lines of which this
    /// many are framed as table rows (a page laid out in a table).
    Layout(usize, usize),
    /// One of this many titled summaries, each off the subject of those above it, that are the
    /// whole text: a list of other stories, no story.
    TeaserPage(usize),
    /// A summary ending in a link to the rest of another story.
    TeaserLink,
    /// An imperative prompt to the reader after a question put to the reader or a connective.
    LedPrompt,
    /// The page's own source code (a script, markup tags).
    Code,
}

/// What is known about one line while the story is read.
#[derive(Clone, Debug, Default)]
struct Mark {
    /// Residue found by an anchor rule.
    anchored: bool,
    /// Opens a comment section when below the story.
    comment: bool,
    /// Heads a list of teasers.
    list: bool,
    /// Ends the page when below the story (a copyright or terms line).
    end: bool,
    /// Index of a furniture finding on this line.
    furniture: Option<usize>,
    /// Section names, a weak cue.
    weak: bool,
    /// The lead-in line it is under ("The branches to be divested are:"): a cell or entry of
    /// the story's own table or list.
    lead_in: Option<usize>,
    /// Residue found here, and why.
    cue: Option<Cue>,
}

impl Mark {
    fn residue(&self) -> bool {
        self.anchored || self.cue.is_some()
    }

    /// Already residue or furniture: nothing left for a context cue to say about it.
    fn claimed(&self) -> bool {
        self.residue() || self.furniture.is_some()
    }
}

/// The content words of the story's first lines, and the lexicon a line's words are read with.
struct Subject<'l> {
    words: HashSet<String>,
    lex: &'l Lexicon,
}

/// The line sets of a `context` rule, by their place in [`Context::sets`].
const SIGNATURES: usize = 0;
const STAMP_SIGNATURES: usize = 1;
const PLACE_SIGNATURES: usize = 2;
const SIGN_OFFS: usize = 3;
const CHATTER: usize = 4;
const VOICE: usize = 5;
const VOICE_UNLESS: usize = 6;
const STAMPS: usize = 7;
const CLOSING_STAMPS: usize = 8;
const TEASER_LINKS: usize = 9;
const CODE: usize = 10;

impl Context {
    /// The line sets read on a line's text, in the order of their bits in [`Line::may`].
    fn sets(&self) -> [&LineSet; 11] {
        [
            &self.signatures,
            &self.stamp_signatures,
            &self.place_signatures,
            &self.sign_offs,
            &self.chatter,
            &self.voice,
            &self.voice_unless,
            &self.stamps,
            &self.closing_stamps,
            &self.teaser_links,
            &self.code,
        ]
    }

    /// Whether the line set `set` (see [`Context::sets`]) matches `l`'s text: read only when
    /// the joint scan found it may.
    fn matches(&self, set: usize, l: &Line) -> bool {
        l.may & (1 << set) != 0 && self.sets()[set].is_match(&l.text)
    }

    /// Lines of `doc` that are residue by context, with the note naming the cue; furniture
    /// findings in `out` on lines that turn out to be comments are withdrawn.
    pub fn residue(
        &self,
        doc: &Document,
        reads: impl Fn(BlockKind) -> bool,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<(Span, String)> {
        let mut lines: Vec<Line> = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind != BlockKind::TableCell && reads(b.kind))
            .flat_map(|(i, b)| {
                super::lines::lines_of(doc, b.span)
                    .map(move |(span, _)| Line::without_content(doc, span, i, b.kind, &self.shape))
            })
            .collect();
        if lines.is_empty() {
            return Vec::new();
        }
        // Each line's text scanned once for the literals of all the sets read on it.
        let sets = self.sets();
        let joint = self.joint.get_or_init(|| Joint::new(&sets));
        for l in &mut lines {
            l.may = joint.may_match(&sets, &l.text);
        }
        let mut marks = vec![Mark::default(); lines.len()];
        self.read_findings(&lines, &mut marks, out);
        for (line, mark) in lines.iter().zip(&mut marks) {
            if mark.residue() || mark.furniture.is_some() {
                continue;
            }
            mark.cue = self.own_cue(doc, line);
            mark.weak = mark.cue.is_none() && menu_words_only(doc.lexicon, &line.text);
        }
        self.lead_ins(&lines, &mut marks);
        // A menu-shaped row over or under rows of figures is a table's header.
        for (i, mark) in marks.iter_mut().enumerate() {
            if matches!(mark.cue, Some(Cue::Menu(_)))
                && [i.wrapping_sub(1), i + 1]
                    .iter()
                    .any(|&n| lines.get(n).is_some_and(|l| l.data_row(doc) || l.figures()))
            {
                mark.cue = None;
            }
        }
        let story = story_line;
        // With no line of story at all, every run is read as if above the story.
        let start = (0..lines.len())
            .find(|&i| story(&lines[i], &marks[i]))
            .unwrap_or(lines.len());
        let mut withdrawn = self.comments(doc, &lines, &mut marks, start);
        let subject = self.subject(doc.lexicon, &lines, &marks, start);
        self.teaser_page(doc.lexicon, &lines, &mut marks);
        withdrawn.extend(self.stamped(&lines, &mut marks, &subject));
        self.runs(doc, &lines, &mut marks, start, &subject);
        self.teasers(doc, &lines, &mut marks, &subject);
        self.link_lists(doc, &lines, &mut marks, start, &subject);
        self.teaser_pairs(doc, &lines, &mut marks, start, &subject);
        self.sign_off(doc, &lines, &mut marks, start);
        if start < lines.len() {
            self.closed(doc, &lines, &mut marks, start, &subject);
        }
        self.page_end(doc, &lines, &mut marks, start, &subject);
        self.chatter(doc, &lines, &mut marks, start);
        self.layout(doc, &lines, &mut marks, start, &subject);
        if start < lines.len() {
            self.foot(doc, &lines, &mut marks, start, &subject);
        }
        self.gaps(&lines, &mut marks, start, &subject);
        withdrawn.sort_unstable();
        for i in withdrawn.into_iter().rev() {
            out.remove(i);
        }
        self.report(doc, &lines, &marks)
    }

    /// Lists of other stories stamped with their dates: `stamp_rows` or more lines in a row led
    /// by a date or an age (`stamps`) that do not end like a sentence, each with its title
    /// on the line or on the line after a bare stamp ("15/01/2008", then "Cargo Ship Sinks In
    /// Rough Seas"), or, off the story's subject, titles closed by a date (`closing_stamps`:
    /// "Title - October 9, 2020"), each row allowed one line of summary under it. A story's own timeline reads in sentences, and its own dated table (names
    /// and dates, under a lead-in ending in a colon, or on the story's subject) is left alone.
    /// Returns the furniture findings to withdraw (a teaser's date is not the story's).
    fn stamped(&self, lines: &[Line], marks: &mut [Mark], subject: &Subject) -> Vec<usize> {
        let mut withdrawn = Vec::new();
        if self.stamp_rows == 0 {
            return withdrawn;
        }
        // A row closed by its date ("Ferry Service Resumes - October 9, 2020") is another
        // story's teaser only off the story's subject: the story's own list of sentences and
        // dates keeps to it.
        let stamp = |l: &Line| {
            !l.sentence
                && l.kind != BlockKind::Quote
                && (self.matches(STAMPS, l)
                    || (self.matches(CLOSING_STAMPS, l) && !self.on_subject(l, subject)))
        };
        // A bare stamp: two words or fewer without a digit ("Saturday January 05, 2008").
        let bare = |l: &Line| {
            l.text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
                .count()
                <= 2
        };
        // A teaser's summary under its stamped title: a line of at most `teaser_words`, not a
        // quotation, a byline or a continued sentence.
        let summary = |l: &Line| {
            (1..=self.teaser_words).contains(&l.words)
                && !l.lower
                && !matches!(l.kind, BlockKind::Quote | BlockKind::Byline)
        };
        let title = |l: &Line| {
            !stamp(l)
                && (!l.sentence || l.title)
                && !l.lower
                && (1..=2 * self.list_words).contains(&l.words)
                && !matches!(l.kind, BlockKind::Quote | BlockKind::Byline)
        };
        let mut i = 0;
        while i < lines.len() {
            let mut rows = Vec::new();
            let mut stamps = 0;
            let mut j = i;
            while j < lines.len() && stamp(&lines[j]) {
                stamps += 1;
                rows.push(j);
                if bare(&lines[j]) && lines.get(j + 1).is_some_and(title) {
                    rows.push(j + 1);
                    j += 2;
                } else if lines.get(j + 1).is_some_and(|l| summary(l) && !stamp(l))
                    && lines.get(j + 2).is_some_and(stamp)
                {
                    // A row with its title, then a line of summary, then the next row.
                    rows.push(j + 1);
                    j += 2;
                } else {
                    j += 1;
                }
            }
            let introduced = i > 0 && lines[i - 1].text.trim_end().ends_with(':');
            // Bare stamps, each with a title on the next line, may be the story's own table of
            // names and dates: not when half those titles keep to the story's subject.
            let titles: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|&r| !stamp(&lines[r]))
                .collect();
            let on_subject = titles
                .iter()
                .filter(|&&r| self.on_subject(&lines[r], subject))
                .count();
            if stamps >= self.stamp_rows
                && !introduced
                && (titles.is_empty() || on_subject * 2 < titles.len())
            {
                for &r in &rows {
                    if !marks[r].anchored {
                        withdrawn.extend(marks[r].furniture.take());
                        marks[r].cue = Some(Cue::Stamped(stamps));
                    }
                }
            }
            i = j.max(i + 1);
        }
        withdrawn
    }

    /// The story's own tables and lists, flattened one cell or entry a line: the lines under a
    /// lead-in of `lead_in_words` or more ending in a colon, up to the next line of prose or
    /// residue proper. They lose the weak cue of section names ("State", "City" heading a column).
    /// Apart from that, a line right after any line ending in a colon or a semicolon (an entry of
    /// a list it introduces or continues) is not an imperative prompt, whatever that line's length.
    fn lead_ins(&self, lines: &[Line], marks: &mut [Mark]) {
        for i in 1..lines.len() {
            let before = lines[i - 1].text.trim_end();
            if matches!(marks[i].cue, Some(Cue::Imperative)) && before.ends_with([';', ':']) {
                marks[i].cue = None;
            }
        }
        for i in 0..lines.len() {
            let l = &lines[i];
            if !l.text.trim_end().ends_with(':')
                || l.words < self.lead_in_words.max(1)
                || marks[i].residue()
                || l.kind == BlockKind::Quote
            {
                continue;
            }
            for j in i + 1..lines.len() {
                if lines[j].prose || marks[j].anchored {
                    break;
                }
                marks[j].lead_in = Some(i);
                marks[j].weak = false;
            }
        }
    }

    /// Reader comments with no header: below `body_words` of story, the tail of the page from a
    /// line of chatter on, when `chatter_lines` or more of its lines, and `chatter_share` of them,
    /// read as chatter: a mark of `chatter` ("!!", "... ", "@name", a smiley), or a new paragraph
    /// opening in lower case after a full sentence (not a list marker such as "ii" or "a").
    fn chatter(&self, doc: &Document, lines: &[Line], marks: &mut [Mark], start: usize) {
        if self.chatter_lines == 0 {
            return;
        }
        // Lines before `start` are never read: they count as not chatter.
        let chat: Vec<bool> = (0..lines.len())
            .map(|i| {
                if i < start {
                    return false;
                }
                let l = &lines[i];
                let first: &str = l
                    .text
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                let lower = l.lower
                    && i > 0
                    && lines[i - 1].sentence
                    && first.chars().count() > 1
                    && !first.chars().all(|c| "ivxlc".contains(c));
                lower || self.matches(CHATTER, l)
            })
            .collect();
        // Either cue needs `chatter_lines` of chatter below its first line: with fewer in the
        // whole story, neither fires (and no line is read for a reader's voice).
        if chat.iter().filter(|&&c| c).count() < self.chatter_lines {
            return;
        }
        // A reader's own voice: first person outside quotation, an exclamation.
        let voiced: Vec<bool> = (0..lines.len())
            .map(|i| {
                let l = &lines[i];
                i >= start && self.matches(VOICE, l) && !self.matches(VOICE_UNLESS, l)
            })
            .collect();
        // Lines of chatter (and of chatter or voice) from each line to the foot, counted once
        // (not once per line).
        let mut from = vec![0usize; lines.len() + 1];
        let mut from_any = vec![0usize; lines.len() + 1];
        for i in (0..lines.len()).rev() {
            from[i] = from[i + 1] + usize::from(chat[i]);
            from_any[i] = from_any[i + 1] + usize::from(chat[i] || voiced[i]);
        }
        let (mut words, mut prose, mut prose_voiced) = (0, 0usize, 0usize);
        for i in start..lines.len() {
            if words >= self.body_words && (chat[i] || voiced[i]) && !marks[i].claimed() {
                let tail = lines.len() - i;
                let chatty = from[i];
                let cue = if chat[i]
                    && chatty >= self.chatter_lines
                    && chatty as f64 >= self.chatter_share * tail as f64
                {
                    Some(Cue::Chatter(tail, chatty))
                } else if prose >= self.voice_story_lines
                    && prose_voiced as f64 <= self.voice_story_share * prose as f64
                    && chatty >= self.chatter_lines
                    && from_any[i] as f64 >= self.chatter_share * tail as f64
                {
                    Some(Cue::Voice(tail, from_any[i], chatty))
                } else {
                    None
                };
                if let Some(cue) = cue {
                    for j in i..lines.len() {
                        let (l, m) = (&lines[j], &marks[j]);
                        if m.claimed()
                            || matches!(l.kind, BlockKind::Headline | BlockKind::Byline)
                            || l.own_structure(doc)
                        {
                            continue;
                        }
                        marks[j].cue = Some(cue.clone());
                    }
                    return;
                }
            }
            if lines[i].prose && !marks[i].residue() {
                words += lines[i].words;
                prose += 1;
                prose_voiced += usize::from(voiced[i]);
            }
        }
    }

    /// Lines either side of a framed row that are read for the story's own table of figures (a
    /// scoreboard among the rows of a page laid out in a table).
    const LAYOUT_TABLE: usize = 3;

    /// A page laid out in a table: when `layout_share` or more of the story's lines (three at
    /// least) are framed as table rows ("| … |"), as an extractor leaves a page whose layout is a
    /// table, the page's cells (menus, section names, teasers, site names) are framed rows too.
    /// Its short framed rows that are not prose, off the story's subject, are residue; never
    /// furniture, the story's own structure (figures, fields, data rows, lead-ins), a quotation,
    /// the story's own table or list under a lead-in, a row holding a figure, a row among figures (three
    /// lines either side read as a table), or the headline (the last line before the story).
    fn layout(
        &self,
        doc: &Document,
        lines: &[Line],
        marks: &mut [Mark],
        start: usize,
        subject: &Subject,
    ) {
        if self.layout_share <= 0.0 {
            return;
        }
        let framed: Vec<bool> = lines
            .iter()
            .map(|l| {
                let raw = super::lines::source_line(doc, l.span);
                raw.len() >= 2 && raw.starts_with('|') && raw.ends_with('|')
            })
            .collect();
        let rows = framed.iter().filter(|&&f| f).count();
        if rows < 3 || (rows as f64) < self.layout_share * lines.len() as f64 {
            return;
        }
        let headline = (0..start.min(lines.len()))
            .rev()
            .find(|&i| !marks[i].claimed() && !lines[i].bare);
        for i in 0..lines.len() {
            let (l, m) = (&lines[i], &marks[i]);
            if !framed[i]
                || m.claimed()
                || m.lead_in.is_some()
                || Some(i) == headline
                || l.bare
                || l.prose
                || l.lower
                || l.words == 0
                || l.words > self.short_words
                || (l.sentence && !l.title)
                || matches!(
                    l.kind,
                    BlockKind::Quote | BlockKind::Headline | BlockKind::Byline
                )
                || l.own_structure(doc)
                || l.text
                    .split_whitespace()
                    .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                || self.on_subject(l, subject)
                || self.table(
                    doc,
                    &lines[i.saturating_sub(Self::LAYOUT_TABLE)
                        ..(i + Self::LAYOUT_TABLE + 1).min(lines.len())],
                )
            {
                continue;
            }
            marks[i].cue = Some(Cue::Layout(lines.len(), rows));
        }
    }

    /// Short lines between two residue lines, at most `gap_lines` of them: a price or a place
    /// between the lines of a classified ad, a caption-less counter in a gallery. Never prose, a
    /// sentence ("The mayor signed it."), furniture, a quotation, the story's own table, or a line
    /// on the story's subject. Under a lead-in that is itself residue ("Blogs:" in a menu), a line
    /// is not the story's own list. Below the story's last line of prose on its subject, up to
    /// `gap_below_lines` lines between two residue lines are residue, prose or not, when none of
    /// them keeps to the subject (the teasers and blurbs of a page's foot between its widgets).
    fn gaps(&self, lines: &[Line], marks: &mut [Mark], start: usize, subject: &Subject) {
        if self.gap_lines == 0 && self.gap_below_lines == 0 {
            return;
        }
        let own = |m: &Mark, marks: &[Mark]| m.lead_in.is_some_and(|h| !marks[h].residue());
        // Where the story's last line of prose on its subject is.
        let last_on_subject = (start..lines.len())
            .rev()
            .find(|&i| story_line(&lines[i], &marks[i]) && self.on_subject(&lines[i], subject));
        let mut last: Option<usize> = None;
        for i in 0..lines.len() {
            if !marks[i].residue() {
                continue;
            }
            if let Some(p) = last
                && i > p + 1
            {
                let n = i - p - 1;
                let open = |g: usize, marks: &[Mark]| {
                    let (l, m) = (&lines[g], &marks[g]);
                    !m.claimed()
                        && !own(m, marks)
                        && !matches!(
                            l.kind,
                            BlockKind::Quote | BlockKind::Headline | BlockKind::Byline
                        )
                        && !self.on_subject(l, subject)
                };
                // A word or two between residue lines (a menu's "Home", "Teams") is residue even
                // when the story shares it; never the line above the story (its headline).
                let open_short = |g: usize, marks: &[Mark]| {
                    open(g, marks)
                        || (lines[g].words <= self.gap_subject_words && g + 1 != start && {
                            let (l, m) = (&lines[g], &marks[g]);
                            !m.claimed()
                                && !own(m, marks)
                                && !l.lead_in_or_link()
                                && !l.field()
                                && !l.figures()
                                && !matches!(
                                    l.kind,
                                    BlockKind::Quote | BlockKind::Headline | BlockKind::Byline
                                )
                        })
                };
                let short = n <= self.gap_lines
                    && (p + 1..i).all(|g| {
                        let l = &lines[g];
                        open_short(g, marks)
                            && !l.prose
                            && !l.sentence
                            && l.words <= self.short_words
                    });
                // Markup between paragraphs ("| | |") does not close a gap below the story.
                let strong = |k: usize| !matches!(marks[k].cue, Some(Cue::Markup));
                let below = !short
                    && n <= self.gap_below_lines
                    && last_on_subject.is_some_and(|e| p > e)
                    && strong(p)
                    && strong(i)
                    && (p + 1..i).all(|g| open(g, marks) && lines[g].words <= self.teaser_words);
                if short || below {
                    for mark in &mut marks[p + 1..i] {
                        mark.cue = Some(if short { Cue::Gap(n) } else { Cue::GapBelow(n) });
                    }
                }
            }
            last = Some(i);
        }
    }

    /// Marks the lines the anchor and furniture rules found.
    fn read_findings(&self, lines: &[Line], marks: &mut [Mark], out: &[Diagnostic]) {
        // A line holds `at` from its start to its end (an empty line: its start). Lines come in
        // document order, so the line of a finding is found by binary search: a story may have a
        // hundred thousand lines and as many findings.
        let holds =
            |l: &Line, at: usize| l.span.start <= at && at < l.span.end.max(l.span.start + 1);
        let ordered = lines.windows(2).all(|w| {
            w[0].span.start <= w[1].span.start
                && w[0].span.end.max(w[0].span.start + 1) <= w[1].span.end.max(w[1].span.start + 1)
        });
        let line_at = |at: usize| {
            if ordered {
                let k = lines.partition_point(|l| l.span.end.max(l.span.start + 1) <= at);
                lines.get(k).filter(|l| holds(l, at)).map(|_| k)
            } else {
                lines.iter().position(|l| holds(l, at))
            }
        };
        for (i, d) in out.iter().enumerate() {
            let Some(k) = line_at(d.primary.span.start) else {
                continue;
            };
            if self.furniture.contains(&d.rule) {
                marks[k].furniture = Some(i);
            }
            if self.anchors.contains(&d.rule) {
                marks[k].anchored = true;
            }
            if self.comment_anchors.contains(&d.rule) {
                marks[k].comment = true;
            }
            if self.list_anchors.contains(&d.rule) {
                marks[k].list = true;
            }
            if self.end_anchors.contains(&d.rule) {
                marks[k].end = true;
            }
        }
        for m in marks.iter_mut() {
            if m.anchored {
                m.furniture = None;
            }
        }
    }

    /// A residue shape of the line's own: markup, a menu, an imperative prompt.
    fn own_cue(&self, doc: &Document, line: &Line) -> Option<Cue> {
        if line.bare {
            let raw = super::lines::source_line(doc, line.span);
            return (!self.section_breaks.is_match(raw)).then_some(Cue::Markup);
        }
        // A lone stray character ("Â", a mis-decoded space) is markup too.
        let mut chars = line.text.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && !c.is_ascii()
        {
            return Some(Cue::Markup);
        }
        if line.kind == BlockKind::Quote || line.words == 0 {
            return None;
        }
        if let Some(items) = self.menu(doc.prose_of(line.span)) {
            return Some(Cue::Menu(items));
        }
        if self.matches(TEASER_LINKS, line) {
            return Some(Cue::TeaserLink);
        }
        if self.matches(CODE, line) {
            return Some(Cue::Code);
        }
        if !line.lower
            && line.kind != BlockKind::ListItem
            && !line.text.trim_end().ends_with([';', ':'])
            && line.words <= self.prompt_words
            && doc.lexicon[ListId::ResiduePromptObjects].is_match(&line.text)
        {
            if imperative(doc.lexicon, &line.text) {
                return Some(Cue::Imperative);
            }
            if self.led_prompt(doc.lexicon, &line.text) {
                return Some(Cue::LedPrompt);
            }
        }
        None
    }

    /// Whether `text` is a prompt led by a question put to the reader or a connective
    /// (`prompt_leads`): the text before one of its sentences, or before its second word, is a
    /// lead and the rest opens with an imperative. A line that quotes someone is never one ('"Want
    /// to help? Join us," she said').
    fn led_prompt(&self, lexicon: &Lexicon, text: &str) -> bool {
        if text.contains(['"', '“', '”', '«', '»']) {
            return false;
        }
        let text = text.trim();
        let first_word = text.find(char::is_whitespace);
        let sentences = text
            .char_indices()
            .filter(|&(i, c)| {
                matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(char::is_whitespace)
            })
            .map(|(i, _)| i + 1);
        first_word.into_iter().chain(sentences).any(|at| {
            let (lead, rest) = text.split_at(at);
            let rest = rest.trim_start();
            !rest.is_empty()
                && self.prompt_leads.is_match(lead.trim_end())
                && imperative(lexicon, rest)
        })
    }

    /// The number of items when `text` is a menu: at least `menu_items` short items between
    /// separators (`|`, `·`, `•`, `»`, ` / `, ` - `), none of them a figure or a sentence.
    fn menu(&self, text: &str) -> Option<usize> {
        let mut items = Vec::new();
        let mut strong = false;
        let mut rest = text.trim();
        while !rest.is_empty() {
            let cut = rest
                .char_indices()
                .find(|&(i, c)| {
                    matches!(c, '|' | '·' | '•' | '»' | '›')
                        || ((c == '/' || c == '-' || c == '–')
                            && rest[..i].ends_with(' ')
                            && rest[i + c.len_utf8()..].starts_with(' '))
                })
                .map(|(i, c)| (i, i + c.len_utf8()));
            let (item, next) = match cut {
                Some((i, j)) => {
                    strong |= !matches!(&rest[i..j], "/" | "-" | "–");
                    (&rest[..i], &rest[j..])
                }
                None => (rest, ""),
            };
            let item = item.trim().trim_matches(['[', ']', '\\']).trim();
            if item.chars().any(char::is_alphanumeric) {
                items.push(item);
            }
            rest = next.trim_start();
        }
        let figure = |s: &str| {
            s.chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '$')
                && s.chars().filter(|c| c.is_alphabetic()).count() <= 4
        };
        // Spaced dashes and slashes also join the parts of a title: they need one item more.
        let needed = if strong {
            self.menu_items
        } else {
            self.menu_items + 1
        };
        let short = |s: &str| {
            super::lines::at_most_words(s, self.menu_item_words)
                && !figure(s)
                && (!s.ends_with('.') || super::lines::at_most_words(s, 2))
        };
        let shorts = items.iter().filter(|s| short(s)).count();
        // A long menu between strong separators may hold a few long items.
        let loose = strong
            && self.menu_loose_items > 0
            && items.len() >= self.menu_loose_items
            && shorts as f64 >= self.menu_loose_share * items.len() as f64;
        ((items.len() >= needed && shorts == items.len()) || loose).then_some(items.len())
    }

    /// The content words of the first `topic_lines` lines of story.
    fn subject<'l>(
        &self,
        lex: &'l Lexicon,
        lines: &[Line],
        marks: &[Mark],
        start: usize,
    ) -> Subject<'l> {
        let mut words = HashSet::new();
        for (l, _) in lines[start..]
            .iter()
            .zip(&marks[start..])
            .filter(|(l, m)| l.prose && !m.claimed())
            .take(self.topic_lines)
        {
            words.extend(l.content(lex).iter().cloned());
        }
        Subject { words, lex }
    }

    /// Whether a line keeps to the story's subject.
    fn on_subject(&self, line: &Line, subject: &Subject) -> bool {
        let words = line.content(subject.lex);
        let shared = words.iter().filter(|w| subject.words.contains(*w)).count();
        shared >= 1 && shared as f64 >= self.topic_overlap * words.len() as f64
    }

    /// Comment sections below the story: opened by a comment rule's finding, or by several
    /// comment signatures (the first comment's lines before its signature included). Returns the
    /// furniture findings to withdraw (a signature's date is not the story's).
    fn comments(
        &self,
        doc: &Document,
        lines: &[Line],
        marks: &mut [Mark],
        start: usize,
    ) -> Vec<usize> {
        let mut words = 0;
        let mut signed = Vec::new();
        let mut stamps = Vec::new();
        let mut opened = None;
        for i in start..lines.len() {
            let l = &lines[i];
            if words >= self.body_words {
                // The bare line too: a dash before "Posted by" signs a comment, and the text
                // drops it as a bullet.
                let raw = doc.prose_of(l.span).trim();
                if !marks[i].anchored
                    && (self.matches(SIGNATURES, l)
                        || (raw != l.text && self.signatures.is_match(raw)))
                {
                    signed.push(i);
                } else if !marks[i].anchored && self.matches(STAMP_SIGNATURES, l) {
                    signed.push(i);
                    stamps.push(i);
                }
                if marks[i].comment && opened.is_none() {
                    opened = Some(i);
                }
            }
            if l.prose && !marks[i].residue() {
                words += l.words;
            }
        }
        signed.extend(self.place_chain(doc, lines, marks, start, &signed));
        signed.sort_unstable();
        signed.dedup();
        // A bare date and time first below the story, with no line of prose between it and the
        // next signature, signs no comment: it is the story's own timestamp.
        while let [s, next, ..] = signed[..] {
            let comment = (s + 1..next).any(|i| lines[i].prose && !marks[i].residue());
            if !stamps.contains(&s) || comment {
                break;
            }
            signed.remove(0);
        }
        let mut withdrawn = Vec::new();
        if signed.len() >= 2 {
            for &i in &signed {
                withdrawn.extend(marks[i].furniture.take());
                marks[i].cue = Some(Cue::Signature(signed.len()));
            }
            // The first comment, above the first signature, runs no longer than the comments
            // signed below it do as a rule (the median, the lower one of two): a story's
            // closing paragraphs above it stay the story's.
            let mut first = signed[0];
            let mut lengths: Vec<usize> = signed.windows(2).map(|w| w[1] - w[0] - 1).collect();
            lengths.sort_unstable();
            let typical = lengths[(lengths.len() - 1) / 2];
            let mut back = typical.min(self.comment_lookback);
            while back > 0
                && first > start + 1
                && !marks[first - 1].residue()
                && marks[first - 1].furniture.is_none()
                && !lines[first - 1].own_structure(doc)
            {
                first -= 1;
                back -= 1;
            }
            opened = Some(opened.map_or(first, |o: usize| o.min(first)));
        }
        if let Some(o) = opened {
            let at = lines[o].span;
            for mark in marks.iter_mut().skip(o + 1) {
                if !mark.residue() {
                    withdrawn.extend(mark.furniture.take());
                    mark.cue = Some(Cue::Comments(at));
                }
            }
            if !marks[o].residue() {
                marks[o].cue = Some(Cue::Comments(lines[o].span));
            }
        }
        withdrawn
    }

    /// Comments signed with a name and a place ("Ana R, Lisbon, Portugal"): below `body_words`
    /// of story, `place_signature_rows` or more lines of `place_signatures` in a chain, each one
    /// to `comment_lookback` lines below the last with a line of the comment between them that
    /// is not a signature. A list of names and places in a row (the story's own) is no chain.
    fn place_chain(
        &self,
        doc: &Document,
        lines: &[Line],
        marks: &[Mark],
        start: usize,
        signed: &[usize],
    ) -> Vec<usize> {
        if self.place_signature_rows == 0 {
            return Vec::new();
        }
        let mut words = 0;
        let mut candidates = Vec::new();
        for i in start..lines.len() {
            let (l, m) = (&lines[i], &marks[i]);
            if words >= self.body_words
                && !m.claimed()
                && !signed.contains(&i)
                && !l.prose
                && !l.sentence
                && l.kind != BlockKind::Quote
                && self.matches(PLACE_SIGNATURES, l)
            {
                candidates.push(i);
            }
            if l.prose && !m.residue() {
                words += l.words;
            }
        }
        // The comment between two signatures: a few lines of prose (residue between them
        // aside), none of them the story's own structure: a record's short fields under each
        // name and town ("Offense: …", "Boaz Ruiz, 45", "Arrested May 28, 2014") make a table.
        let comment = |from: usize, to: usize| {
            to > from
                && to - from <= self.comment_lookback
                && (from..to).any(|i| lines[i].prose)
                && (from..to).all(|i| lines[i].prose || marks[i].residue())
                && !(from..to).any(|i| lines[i].own_structure(doc))
        };
        // Comments are signed by different people: a chain's names (before the first comma)
        // differ. Two readers may share a first name ("john Graham", "John").
        let first = |i: usize| {
            lines[i]
                .text
                .split(',')
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        };
        let mut best: Vec<usize> = Vec::new();
        let mut chain: Vec<usize> = Vec::new();
        // The chain's signers' first words, so that a long chain is not read again for each
        // signature added to it.
        let mut signers: HashSet<String> = HashSet::new();
        for &c in &candidates {
            let signer = first(c);
            let linked = chain
                .last()
                .is_some_and(|&p| comment(p + 1, c) && !signers.contains(&signer));
            if !linked {
                if chain.len() > best.len() {
                    best = std::mem::take(&mut chain);
                }
                chain.clear();
                signers.clear();
                // The first comment sits above the first signature: the lines of prose just
                // above it (the story's own list or table further up is no matter).
                let mut from = c;
                while from > start
                    && c - from < self.comment_lookback
                    && (lines[from - 1].prose || marks[from - 1].residue())
                {
                    from -= 1;
                }
                if !comment(from, c) {
                    continue;
                }
            }
            chain.push(c);
            signers.insert(signer);
        }
        if chain.len() > best.len() {
            best = chain;
        }
        if best.len() >= self.place_signature_rows {
            best
        } else {
            Vec::new()
        }
    }

    /// Short lines in runs of residue: a run is every line between two lines of prose.
    fn runs(
        &self,
        doc: &Document,
        lines: &[Line],
        marks: &mut [Mark],
        start: usize,
        subject: &Subject,
    ) {
        let prose = |i: usize, marks: &[Mark]| {
            (lines[i].prose || lines[i].kind == BlockKind::Quote) && !marks[i].residue()
        };
        let mut k = 0;
        while k < lines.len() {
            if prose(k, marks) {
                k += 1;
                continue;
            }
            let mut j = k;
            while j < lines.len() && !prose(j, marks) {
                j += 1;
            }
            let cues = (k..j)
                .filter(|&i| marks[i].residue() || marks[i].weak)
                .count();
            let need = if j <= start {
                self.head_cues
            } else {
                self.run_cues
            };
            // A table flattened into lines, with section names among its headings, is the
            // story's own unless residue proper (not section names) runs through it.
            let strong = (k..j).filter(|&i| marks[i].residue()).count();
            let table = strong < 2 && self.table(doc, &lines[k..j]);
            if j - k >= 2 && cues >= need.max(1) && !table {
                let protected = self.headline(lines, marks, k, j, start);
                let len = j - k;
                for i in k..j {
                    let (l, m) = (&lines[i], &marks[i]);
                    // A plain-text story's first short line is read as its headline; in a
                    // pasted page it may be a menu's first item, so only its own words count.
                    let headline = l.kind == BlockKind::Headline && !m.weak;
                    // Above the story, a run holding residue proper is the page's: its lines
                    // ending in a colon head menus ("Blogs:"), not the story's own lists.
                    let head = j <= start && strong >= 2;
                    // A name and a place just below a paragraph of the story sign it (a
                    // letter's writer, a reader quoted at length): alone they are not residue.
                    let signs = i == k && k > start && self.matches(PLACE_SIGNATURES, l);
                    if m.claimed()
                        || signs
                        || (m.lead_in.is_some() && !head)
                        || protected.contains(&i)
                        || headline
                        || l.kind == BlockKind::Byline
                        || l.own_structure(doc)
                        || self.on_subject(l, subject)
                    {
                        continue;
                    }
                    if m.weak {
                        marks[i].cue = Some(Cue::MenuWords);
                    } else if l.words <= self.short_words && !l.lower && (!l.sentence || l.title) {
                        marks[i].cue = Some(Cue::Run(len, cues));
                    }
                }
            }
            k = j;
        }
    }

    /// The lines under a list header (a promo line: "Related stories", "Most read") that are
    /// off the story's subject: the teasers of other stories. The list ends where the story
    /// resumes: a line of its subject, two lines of prose in a row, a continued sentence, a long
    /// line, furniture or a quotation.
    fn teasers(&self, doc: &Document, lines: &[Line], marks: &mut [Mark], subject: &Subject) {
        for h in 0..lines.len() {
            if !marks[h].list {
                continue;
            }
            let at = lines[h].span;
            for i in h + 1..lines.len() {
                let (l, m) = (&lines[i], &marks[i]);
                if m.residue() {
                    continue;
                }
                let prose_follows = l.prose
                    && lines
                        .get(i + 1)
                        .is_some_and(|n| n.prose && !marks[i + 1].residue());
                if m.furniture.is_some()
                    || l.lower
                    || prose_follows
                    || l.words > self.teaser_words
                    || matches!(
                        l.kind,
                        BlockKind::Quote | BlockKind::Headline | BlockKind::Byline
                    )
                    || self.on_subject(l, subject)
                    || l.own_structure(doc)
                {
                    break;
                }
                marks[i].cue = Some(Cue::Teaser(at));
            }
        }
    }

    /// Lists of links above or below the story: `list_lines` or more short lines in a row
    /// (furniture and residue lines aside) that do not end like sentences and are off the
    /// story's subject, with no line of the story on its subject after them. A list introduced
    /// by a line ending in a colon, a list whose entries share a frame, or a table, is the
    /// story's.
    fn link_lists(
        &self,
        doc: &Document,
        lines: &[Line],
        marks: &mut [Mark],
        start: usize,
        subject: &Subject,
    ) {
        let story = |i: usize, marks: &[Mark]| {
            (lines[i].prose || lines[i].kind == BlockKind::Quote)
                && !marks[i].residue()
                && marks[i].furniture.is_none()
        };
        // Where the story's last line on its subject is.
        let last_on_subject = (start..lines.len())
            .rev()
            .find(|&i| story(i, marks) && self.on_subject(&lines[i], subject));
        let item = |i: usize, marks: &[Mark]| self.list_item(doc, &lines[i], &marks[i], subject);
        let mut k = 0;
        while k < lines.len() {
            if story(k, marks) {
                k += 1;
                continue;
            }
            let mut j = k;
            while j < lines.len() && !story(j, marks) {
                j += 1;
            }
            let outside = j <= start || last_on_subject.is_none_or(|e| k > e);
            let introduced = k > 0 && lines[k - 1].text.trim_end().ends_with(':');
            let items: Vec<usize> = (k..j).filter(|&i| item(i, marks)).collect();
            let others = (k..j)
                .filter(|&i| !marks[i].residue() && marks[i].furniture.is_none())
                .count();
            // Entries of the story's own lists share a frame ("Name - Role", "Firm, Town, ST").
            let framed = [" - ", " – ", " — ", ", ", " (", ": "].iter().any(|sep| {
                items
                    .iter()
                    .filter(|&&i| lines[i].text.contains(sep))
                    .count()
                    * 2
                    >= items.len()
            });
            if outside
                && !introduced
                && !framed
                && items.len() >= self.list_lines
                && items.len() * 5 >= others * 4
                && !self.table(doc, &lines[k..j])
            {
                let protected = self.headline(lines, marks, k, j, start);
                for &i in items.iter().filter(|i| !protected.contains(i)) {
                    marks[i].cue = Some(Cue::LinkList(items.len()));
                }
            }
            k = j;
        }
    }

    /// A line that may be an entry of a list of links: short, not a sentence, off the subject.
    fn list_item(&self, doc: &Document, l: &Line, m: &Mark, subject: &Subject) -> bool {
        !m.claimed()
            && (1..=self.list_words).contains(&l.words)
            && !l.sentence
            && !l.lower
            && !l.text.trim_end().ends_with([',', ';'])
            && !matches!(l.kind, BlockKind::Quote | BlockKind::Byline)
            && !l.own_structure(doc)
            && !self.on_subject(l, subject)
    }

    /// A whole text that is a list of other stories, not a story (an extractor that took the
    /// wrong block of a page with little body): from its top (after at most one short header,
    /// "Must Read"), nothing but `teaser_page_pairs` or more teasers, each a title of 3 to
    /// `teaser_words` words that does not end like a sentence, over one line of prose that
    /// shares a content word with its title, and each teaser off the subject of all those above
    /// it. A story's sections keep to its subject; a listicle opens with its own paragraph.
    fn teaser_page(&self, lex: &Lexicon, lines: &[Line], marks: &mut [Mark]) {
        if self.teaser_page_pairs == 0 {
            return;
        }
        let open: Vec<usize> = (0..lines.len())
            .filter(|&i| !marks[i].claimed() && !lines[i].bare)
            .collect();
        let title = |l: &Line| {
            !l.sentence
                && !l.lower
                && (3..=self.teaser_words).contains(&l.words)
                && !matches!(l.kind, BlockKind::Quote | BlockKind::Byline)
        };
        let summary = |l: &Line| l.prose && !l.lower && l.kind != BlockKind::Quote;
        // One short header that is not prose may stand above the list.
        let header = usize::from(open.first().is_some_and(|&i| {
            let l = &lines[i];
            !l.prose && !l.sentence && l.words <= 3 && !title(l)
        }));
        let body = &open[header.min(open.len())..];
        if body.len() < 2 * self.teaser_page_pairs || !body.len().is_multiple_of(2) {
            return;
        }
        let mut seen = Subject {
            words: HashSet::new(),
            lex,
        };
        for pair in body.chunks(2) {
            let (t, s) = (&lines[pair[0]], &lines[pair[1]]);
            if !title(t)
                || !summary(s)
                || !s.content(lex).iter().any(|w| t.content(lex).contains(w))
                || self.on_subject(t, &seen)
                || self.on_subject(s, &seen)
            {
                return;
            }
            seen.words.extend(t.content(lex).iter().cloned());
            seen.words.extend(s.content(lex).iter().cloned());
        }
        let pairs = body.len() / 2;
        for &i in &open {
            marks[i].cue = Some(Cue::TeaserPage(pairs));
        }
    }

    /// Teasers below the story's last line on its subject: `teaser_pairs` or more titles in a
    /// row (short lines, title case when they end like a sentence), each followed by a line of
    /// summary, all off the story's subject.
    fn teaser_pairs(
        &self,
        doc: &Document,
        lines: &[Line],
        marks: &mut [Mark],
        start: usize,
        subject: &Subject,
    ) {
        let Some(end) = (start..lines.len()).rev().find(|&i| {
            let (l, m) = (&lines[i], &marks[i]);
            (l.prose || l.kind == BlockKind::Quote) && !m.claimed() && self.on_subject(l, subject)
        }) else {
            return;
        };
        let open: Vec<usize> = (end + 1..lines.len())
            .filter(|&i| !marks[i].residue() && marks[i].furniture.is_none())
            .collect();
        let title = |i: usize, marks: &[Mark]| {
            let l = &lines[i];
            let mut m = marks[i].clone();
            m.cue = None;
            let shaped = if l.sentence {
                l.title && (1..=self.list_words).contains(&l.words)
            } else {
                self.list_item(doc, l, &m, subject)
            };
            // A name and a place ("R. Patel, Harrogate") signs a letter; it titles no teaser.
            shaped
                && !l.lower
                && l.kind != BlockKind::Quote
                && !self.on_subject(l, subject)
                && !self.matches(PLACE_SIGNATURES, l)
        };
        let summary = |i: usize| {
            let l = &lines[i];
            l.prose
                && !l.lower
                && l.kind != BlockKind::Quote
                && l.words <= self.teaser_words
                && !self.on_subject(l, subject)
        };
        let mut p = 0;
        while p + 1 < open.len() {
            let mut q = p;
            while q + 1 < open.len() && title(open[q], marks) && summary(open[q + 1]) {
                q += 2;
            }
            let pairs = (q - p) / 2;
            if pairs >= self.teaser_pairs.max(1) {
                for &i in &open[p..q] {
                    marks[i].cue = Some(Cue::TeaserPairs(pairs));
                }
                p = q;
            } else {
                p += 1;
            }
        }
    }

    /// Below the story's sign-off (a furniture line matching `sign_offs`, with `body_words` of
    /// story above it): every line but furniture, quotations, figures and fields is residue.
    fn sign_off(&self, doc: &Document, lines: &[Line], marks: &mut [Mark], start: usize) {
        let mut words = 0;
        let mut at = None;
        for i in start..lines.len() {
            let (l, m) = (&lines[i], &marks[i]);
            if words >= self.body_words
                && m.furniture.is_some()
                && !m.residue()
                && self.matches(SIGN_OFFS, l)
            {
                at = Some(i);
                break;
            }
            if l.prose && !m.claimed() {
                words += l.words;
            }
        }
        let Some(s) = at else { return };
        mark_below(doc, lines, marks, s, Cue::SignOff(lines[s].span));
    }

    /// Below the furniture that closes the story: after the story's last run of
    /// `foot_prose_run` prose lines, with `close_words` words of story above it, the first
    /// furniture line (nothing but residue between) closes it; below it, lines off the story's
    /// subject are the page's, prose only when more residue follows it (the story's last
    /// paragraph below a caption's credit stays the story's).
    fn closed(
        &self,
        doc: &Document,
        lines: &[Line],
        marks: &mut [Mark],
        start: usize,
        subject: &Subject,
    ) {
        if self.close_words == 0 {
            return;
        }
        let story = |i: usize| {
            lines[i].prose
                && !marks[i].residue()
                && marks[i].furniture.is_none()
                && !matches!(lines[i].kind, BlockKind::Headline | BlockKind::Byline)
        };
        let mut run = 0;
        let mut end = None;
        for i in (start..lines.len()).rev() {
            if story(i) {
                run += 1;
                if run >= self.foot_prose_run.max(1) {
                    end = Some(i + self.foot_prose_run.max(1) - 1);
                    break;
                }
            } else if marks[i].furniture.is_none() {
                run = 0;
            }
        }
        let Some(end) = end else { return };
        // The first line below the story's prose that is not residue must be furniture.
        let Some(c) = (end + 1..lines.len()).find(|&i| !marks[i].residue()) else {
            return;
        };
        if marks[c].furniture.is_none() {
            return;
        }
        let words: usize = (start..=end)
            .filter(|&i| story(i))
            .map(|i| lines[i].words)
            .sum();
        if words < self.close_words {
            return;
        }
        let last_residue = (c + 1..lines.len())
            .rev()
            .find(|&i| marks[i].residue() || marks[i].weak)
            .unwrap_or(c);
        for i in c + 1..lines.len() {
            let (l, m) = (&lines[i], &marks[i]);
            if m.claimed()
                || m.lead_in.is_some()
                || matches!(
                    l.kind,
                    BlockKind::Headline | BlockKind::Byline | BlockKind::Quote
                )
                || l.own_structure(doc)
                || (l.prose && i > last_residue)
                || self.on_subject(l, subject)
            {
                continue;
            }
            // A short line over a paragraph no rule has claimed heads it (a subhead, a box's
            // title): the story goes on.
            if !l.prose
                && lines
                    .get(i + 1)
                    .is_some_and(|n| n.prose && !marks[i + 1].claimed())
            {
                continue;
            }
            marks[i].cue = Some(Cue::Closed(lines[c].span));
        }
    }

    /// Below the end of the page: the first line of an `end_anchors` rule (a copyright or terms
    /// line) with `end_words` of story above it ends the story; every line after it but
    /// furniture, quotations, figures and fields is the page's (teasers, ads, comments).
    fn page_end(
        &self,
        doc: &Document,
        lines: &[Line],
        marks: &mut [Mark],
        start: usize,
        subject: &Subject,
    ) {
        if self.end_words == 0 {
            return;
        }
        let mut words = 0;
        let Some(e) = (start..lines.len()).find(|&i| {
            let (l, m) = (&lines[i], &marks[i]);
            if m.end && words >= self.end_words {
                return true;
            }
            if l.prose && !m.claimed() {
                words += l.words;
            }
            false
        }) else {
            return;
        };
        // Only prose on the story's subject goes on with a story: a site's blurbs about its
        // other pages do not. Read only until the story is seen to go on: the subject test
        // copies each line's words, and a long paste holds millions of lines below an early
        // copyright line.
        let limit = self.end_tail * words as f64;
        let mut below = 0;
        for i in e + 1..lines.len() {
            let l = &lines[i];
            if l.prose && !marks[i].claimed() && self.on_subject(l, subject) {
                below += l.words;
                if below as f64 > limit {
                    return;
                }
            }
        }
        mark_below(doc, lines, marks, e, Cue::PageEnd(lines[e].span));
    }

    /// Whether `lines` are a table flattened into lines: a quarter or more of them figures or
    /// rows of figures ("State", "Award", "$46,658", "14215", …), or cells that repeat in columns
    /// (see `columns`).
    fn table(&self, doc: &Document, lines: &[Line]) -> bool {
        // A date ("15/01/2008") is not a figure of a table: lists of teasers carry dates.
        let date = |l: &Line| {
            l.text.split_whitespace().any(|w| {
                w.matches(['/', '.', '-']).count() >= 2
                    && w.starts_with(|c: char| c.is_ascii_digit())
            })
        };
        // Each line's `figures` once: the column test below reads them many times over.
        let fig: Vec<bool> = lines.iter().map(Line::figures).collect();
        let figures = lines
            .iter()
            .zip(&fig)
            .filter(|&(l, &f)| (f || l.data_row(doc)) && !date(l))
            .count();
        (figures * 4 >= lines.len() && figures >= 2) || self.columns(lines, &fig)
    }

    /// Whether `lines` repeat with a period of `table_columns` lines or fewer, as the cells of a
    /// table read row by row do: from some line on, at least `table_repeat` of the lines match the
    /// line one period on (both figures, or the same text), over at least three rows. `fig` holds
    /// each line's [`Line::figures`].
    fn columns(&self, lines: &[Line], fig: &[bool]) -> bool {
        (2..=self.table_columns).any(|p| {
            (0..=p).any(|from| {
                let from = from.min(lines.len());
                let (body, fig) = (&lines[from..], &fig[from..]);
                // The cheap tests first: enough rows, and a column of figures.
                if body.len() < 3 * p || !(0..p).any(|c| fig.iter().skip(c).step_by(p).all(|&f| f))
                {
                    return false;
                }
                let pairs = body.len() - p;
                let same = |i: usize| {
                    (fig[i] && fig[i + p])
                        || (!body[i].text.is_empty() && body[i].text == body[i + p].text)
                };
                let matched = (0..pairs).filter(|&i| same(i)).count();
                matched as f64 >= self.table_repeat * pairs as f64
            })
        })
    }

    /// Lines of a run above the story that are its headline: next to a furniture line (the
    /// byline, the timestamp), or the last line before the story.
    fn headline(
        &self,
        lines: &[Line],
        marks: &[Mark],
        k: usize,
        j: usize,
        start: usize,
    ) -> Vec<usize> {
        if k > start {
            return Vec::new();
        }
        let furniture =
            |i: usize| marks[i].furniture.is_some() || lines[i].kind == BlockKind::Byline;
        let mut keep = Vec::new();
        for i in k..j {
            if furniture(i) {
                if i > k {
                    keep.push(i - 1);
                }
                if i + 1 < j {
                    keep.push(i + 1);
                }
            }
        }
        if j == start
            && start < lines.len()
            && let Some(last) = (k..j)
                .rev()
                .find(|&i| !marks[i].residue() && marks[i].furniture.is_none())
        {
            keep.push(last);
        }
        keep
    }

    /// The foot: after the story's last run of `foot_prose_run` prose lines, everything from the
    /// first residue line on, when the story above it is long enough and the foot holds less
    /// prose than the story.
    fn foot(
        &self,
        doc: &Document,
        lines: &[Line],
        marks: &mut [Mark],
        start: usize,
        subject: &Subject,
    ) {
        let story = |i: usize, marks: &[Mark]| {
            lines[i].prose
                && !marks[i].residue()
                && marks[i].furniture.is_none()
                && !matches!(lines[i].kind, BlockKind::Headline | BlockKind::Byline)
        };
        let mut run = 0;
        let mut end = start;
        for i in (start..lines.len()).rev() {
            if story(i, marks) {
                run += 1;
                if run >= self.foot_prose_run {
                    end = i + self.foot_prose_run - 1;
                    break;
                }
            } else if marks[i].furniture.is_none() {
                run = 0;
            }
        }
        // The story may resume below a residue line ("Advertisement", then its last paragraph):
        // when nothing but furniture follows its last line of prose on the subject, there is no
        // foot.
        let resumed = (end + 1..lines.len())
            .rev()
            .find(|&i| story(i, marks) && self.on_subject(&lines[i], subject));
        if let Some(r) = resumed
            && !(r + 1..lines.len()).any(|i| marks[i].residue() || marks[i].weak)
        {
            return;
        }
        let Some(anchor) = (end + 1..lines.len()).find(|&i| marks[i].residue() || marks[i].weak)
        else {
            return;
        };
        let words = |range: std::ops::Range<usize>, marks: &[Mark]| -> usize {
            range
                .filter(|&i| story(i, marks) || lines[i].kind == BlockKind::Quote)
                .map(|i| lines[i].words)
                .sum()
        };
        let before = words(0..anchor, marks);
        let after = words(anchor..lines.len(), marks);
        // A foot that holds several residue lines of phrase rules may hold more prose.
        let strong = (anchor..lines.len()).filter(|&i| marks[i].anchored).count();
        let ratio = if strong >= self.foot_strong.max(1) {
            self.foot_ratio_strong
        } else {
            self.foot_ratio
        };
        if before < self.body_words || after as f64 > before as f64 * ratio {
            return;
        }
        if !marks[anchor].residue() && self.table(doc, &lines[anchor..]) {
            return;
        }
        let at = lines[anchor].span;
        // A line of prose in the foot is residue when it is off the story's subject and more
        // residue follows it: the last paragraph of a story is never foot.
        let last_residue = (anchor..lines.len())
            .rev()
            .find(|&i| marks[i].residue() || marks[i].weak)
            .unwrap_or(anchor);
        for i in anchor..lines.len() {
            let (l, m) = (&lines[i], &marks[i]);
            if m.claimed()
                || m.lead_in.is_some()
                || matches!(
                    l.kind,
                    BlockKind::Headline | BlockKind::Byline | BlockKind::Quote
                )
                || l.own_structure(doc)
                || (l.prose && (i > last_residue || self.on_subject(l, subject)))
            {
                continue;
            }
            marks[i].cue = Some(if m.weak {
                Cue::MenuWords
            } else {
                Cue::Foot(at)
            });
        }
    }

    /// The flagged lines with their notes.
    fn report(&self, doc: &Document, lines: &[Line], marks: &[Mark]) -> Vec<(Span, String)> {
        let line_no = |s: Span| doc.source.line_index.line_of(s.start) + 1;
        let quote = |s: Span| super::super::abbreviate(doc.text_of(s).trim(), 40, 37);
        lines
            .iter()
            .zip(marks)
            .filter(|(_, m)| !m.anchored)
            .filter_map(|(l, m)| {
                let note = match m.cue.as_ref()? {
                    Cue::Markup => "cue: a line with no words (page or table markup)".to_string(),
                    Cue::Menu(n) => format!("cue: a menu of {n} short items between separators"),
                    Cue::MenuWords => {
                        "cue: section names of a site menu, among residue lines".to_string()
                    }
                    Cue::Imperative => "cue: an imperative prompt to the reader".to_string(),
                    Cue::Signature(n) => {
                        format!("cue: a comment signature, one of {n} below the story")
                    }
                    Cue::Comments(at) => format!(
                        "cue: inside the comment section that opens at line {} ('{}')",
                        line_no(*at),
                        quote(*at)
                    ),
                    Cue::Run(len, cues) => format!(
                        "cue: a short line in a run of {len} lines that are not prose, {cues} of them residue"
                    ),
                    Cue::Teaser(at) => format!(
                        "cue: off the story's subject, in the list under line {} ('{}')",
                        line_no(*at),
                        quote(*at)
                    ),
                    Cue::LinkList(n) => format!(
                        "cue: one of {n} short lines in a row off the story's subject, outside the story (a list of links)"
                    ),
                    Cue::TeaserPairs(n) => format!(
                        "cue: one of {n} teasers in a row (a short title, then a summary) below the story"
                    ),
                    Cue::Gap(n) => format!(
                        "cue: {} between two residue lines",
                        if *n == 1 {
                            "a short line".to_string()
                        } else {
                            format!("one of {n} short lines")
                        }
                    ),
                    Cue::GapBelow(n) => format!(
                        "cue: {} off the story's subject between two residue lines below the story",
                        if *n == 1 {
                            "a line".to_string()
                        } else {
                            format!("one of {n} lines")
                        }
                    ),
                    Cue::Chatter(n, c) => format!(
                        "cue: reader comments below the story, {c} of its last {n} lines chatter (\"!!\", \"...\", \"@name\", a paragraph in lower case)"
                    ),
                    Cue::Voice(n, v, c) => format!(
                        "cue: reader comments below a story told in the third person: {v} of its last {n} lines speak in the first person or chatter ({c} chatter: \"!!\", \"...\", \"@name\", a paragraph in lower case)"
                    ),
                    Cue::Stamped(n) => format!(
                        "cue: one of {n} rows in a row stamped with a date or a time, at their head or their end (a list of other stories)"
                    ),
                    Cue::Layout(n, rows) => format!(
                        "cue: a short framed row off the story's subject, on a page laid out in a table ({rows} of its {n} lines framed)"
                    ),
                    Cue::TeaserPage(n) => format!(
                        "cue: the whole text is {n} titled summaries, each off the subject of those above it: a list of other stories, no story"
                    ),
                    Cue::TeaserLink => "cue: a teaser of another story, a summary ending in a link to the rest ('… More', '… Full Story')".to_string(),
                    Cue::LedPrompt => "cue: an imperative prompt to the reader after a question put to the reader or a connective ('Want more? Subscribe …', 'Then sign up …')".to_string(),
                    Cue::Code => "cue: the web page's own source code (a script or markup tags)".to_string(),
                    Cue::Closed(at) => format!(
                        "cue: off the story's subject below the furniture that closes it at line {} ('{}')",
                        line_no(*at),
                        quote(*at)
                    ),
                    Cue::SignOff(at) => format!(
                        "cue: below the story's sign-off at line {} ('{}')",
                        line_no(*at),
                        quote(*at)
                    ),
                    Cue::PageEnd(at) => format!(
                        "cue: below the page's copyright or terms line at line {} ('{}'), under the story",
                        line_no(*at),
                        quote(*at)
                    ),
                    Cue::Foot(at) => format!(
                        "cue: below the story, after the residue at line {} ('{}')",
                        line_no(*at),
                        quote(*at)
                    ),
                };
                Some((l.span, note))
            })
            .collect()
    }
}

/// A line of one to four words, all section names or function words (the lexicon's
/// `residue_menu_words` and `residue_function_words`).
fn menu_words_only(lexicon: &Lexicon, text: &str) -> bool {
    if text.ends_with(['.', ':']) {
        return false;
    }
    let menu = &lexicon[ListId::ResidueMenuWords];
    let function = &lexicon[ListId::ResidueFunctionWords];
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    (1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| menu.contains(w) || function.contains(w))
        && words.iter().any(|w| menu.contains(w))
}

/// Whether `text` starts (after an optional "please") with a verb of the lexicon's
/// `residue_imperatives` as a whole word: "Follow-up clinics" does not start with "follow".
fn imperative(lexicon: &Lexicon, text: &str) -> bool {
    let text = text.trim_start();
    let rest = match text.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("please ") => text[7..].trim_start(),
        _ => text,
    };
    lexicon[ListId::ResidueImperatives]
        .find(rest)
        .is_some_and(|m| {
            m.start() == 0
                && rest[m.end()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
}

/// A line of the story itself: prose or a block quote no rule has claimed, not its headline or
/// byline.
fn story_line(l: &Line, m: &Mark) -> bool {
    (l.prose || l.kind == BlockKind::Quote)
        && !m.claimed()
        && !matches!(l.kind, BlockKind::Headline | BlockKind::Byline)
}

/// Marks with `cue` every line after line `at` that no rule has claimed and that is not the
/// story's own (headline, byline, quotation, figures or fields): the region a sign-off or the
/// page's end opens.
fn mark_below(doc: &Document, lines: &[Line], marks: &mut [Mark], at: usize, cue: Cue) {
    for i in at + 1..lines.len() {
        let (l, m) = (&lines[i], &marks[i]);
        if m.claimed()
            || matches!(
                l.kind,
                BlockKind::Headline | BlockKind::Byline | BlockKind::Quote
            )
            || l.own_structure(doc)
        {
            continue;
        }
        marks[i].cue = Some(cue.clone());
    }
}
