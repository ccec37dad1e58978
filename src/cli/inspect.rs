//! `copydesk inspect`: what copydesk understood of a story, so an editor can see why a finding
//! fired: its front matter, its blocks, its quotations with their speakers, and its dates with
//! what they resolve to. `copydesk score --set` scores the same date mentions.

use super::args::{InspectArgs, OutputFormat};
use super::check::{ConfigFailure, Configs};
use super::walk::{ConfigFinder, Input};
use super::{EXIT_CLEAN, EXIT_ERROR, stderr_is_terminal, use_color};
use crate::document::dates::{Basis, HolidayKind, MentionKind, Resolved};
use crate::document::{Document, Format};
use crate::rules::abbreviate;
use crate::source::{ColumnUnit, Position, Source};
use crate::span::Span;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
pub(super) struct Located {
    pub(super) text: String,
    pub(super) span: Span,
    pub(super) start: Position,
}

#[derive(Serialize)]
struct Field {
    key: String,
    #[serde(flatten)]
    at: Located,
}

#[derive(Serialize)]
struct QuotationOut {
    #[serde(flatten)]
    at: Located,
    /// `full`, `partial` (a fragment of someone's words built into the sentence) or `scare` (a
    /// term, title or name).
    kind: &'static str,
    full: bool,
    closed: bool,
    /// Index of the quotation this one continues (multi-paragraph quotations).
    continues: Option<usize>,
    speaker: Option<Located>,
    /// How the quotation is attributed, as the document found it: `verb`, `colon`,
    /// `dash-caption`, `qa`, `continuation`, `paraphrase-before`, `next-sentence`,
    /// `previous-paragraph` or `multi-paragraph`; None when nothing attributes it.
    how: Option<&'static str>,
    /// The words that attribute it: the verb, colon, dash, interview tag or heading, or (for a
    /// continuation) what attributed the quotation it continues.
    attributed_by: Option<Located>,
}

#[derive(Serialize)]
struct QuantityOut {
    #[serde(flatten)]
    at: Located,
    value: f64,
    unit: String,
    noun: Option<String>,
    /// What `numbers.inconsistent` compares it as; None: not compared.
    key: Option<crate::document::events::Key>,
    /// What tells it apart from other figures of its key; None when not compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    frame: Option<FrameOut>,
}

/// What tells a compared figure apart from others of its key (see `document::events`).
#[derive(Serialize)]
struct FrameOut {
    /// The nearest event noun's group, "another …" when it names another event.
    event: Option<String>,
    places: Vec<String>,
    times: Vec<String>,
    restrict: Vec<String>,
    /// Its clause makes it a part, a total of groups or a group apart.
    part: bool,
    /// It reads as a figure given before.
    back: bool,
}

impl FrameOut {
    fn of(m: &crate::document::events::Mention) -> FrameOut {
        FrameOut {
            event: m.event.as_ref().map(|e| {
                if e.other {
                    format!("another {}", e.name)
                } else if e.definite {
                    format!("the {}", e.name)
                } else {
                    format!("a {}", e.name)
                }
            }),
            places: m.places.iter().chain(&m.places_after).cloned().collect(),
            times: m.times.clone(),
            restrict: m.restrict.clone(),
            part: m.part,
            back: m.back,
        }
    }

    /// One line for the human listing: "the fire; in tampa; part".
    fn line(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.event.clone());
        parts.extend(self.places.iter().map(|p| format!("in {p}")));
        parts.extend(self.times.iter().map(|t| format!("on {t}")));
        parts.extend(self.restrict.clone());
        if self.part {
            parts.push("part".into());
        }
        if self.back {
            parts.push("refers back".into());
        }
        parts.join("; ")
    }
}

#[derive(Serialize)]
struct AnchorOut {
    date: String,
    source: String,
    /// Where it is written in the story (front matter value or dateline), if it is.
    at: Option<Located>,
}

/// A date mention as `inspect` shows it; `score --set` compares these with the labels.
#[derive(Serialize)]
pub(super) struct DateOut {
    #[serde(flatten)]
    pub(super) at: Located,
    /// In the labelling vocabulary: `weekday`, `month-day`, `relative-day`, `relative-period`,
    /// `ago`, `numeric`, `month`, `year`, `season`, `holiday`, `named-day`, `anaphoric`, or
    /// `generic` (a fixed phrase or a name: "today's economy"; "Today, …" meaning nowadays).
    pub(super) kind: &'static str,
    /// For weekdays: `past` or `future`, as the sentence was read.
    pub(super) tense: Option<&'static str>,
    /// Inside a quotation.
    pub(super) in_quote: bool,
    /// What it was resolved against: `absolute` (the text gives the year), `anchor` (the story's
    /// anchor), `speech` (the day the quoted words were said, as the story tells it), `event`
    /// (the event told just before: "the following day"); None when not resolved.
    pub(super) basis: Option<&'static str>,
    /// The date it was resolved against, and where that date came from; None for absolute dates
    /// and unresolved mentions.
    pub(super) anchor: Option<MentionAnchor>,
    /// An ISO date, or `[start, end]` (both included); None when it cannot be resolved (and for a
    /// fixed phrase, which is no date).
    pub(super) resolved: Option<Resolved>,
    /// Only for people: "weekday (past)", "relative word", "idiom" …
    #[serde(skip)]
    pub(super) form: &'static str,
}

/// The date a mention was resolved against.
#[derive(Serialize)]
pub(super) struct MentionAnchor {
    /// `YYYY-MM-DD`, or `--MM-DD` for a dateline with no year.
    date: String,
    /// `front-matter:date` (the publication date), `dateline`, `timestamp`, `command-line`,
    /// `config`, `speech` (the day the quoted words were said) or `event` (the day of the event
    /// an offset counts from).
    source: String,
    /// For `speech` and `event`: the mention that gave the date ("said on Wednesday", the
    /// "June 1" that "two days after the June 1 walkout" counts from).
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<Located>,
}

#[derive(Serialize)]
struct BlockOut {
    kind: &'static str,
    span: Span,
    start: Position,
    sentences: usize,
}

#[derive(Serialize)]
struct Inspection {
    path: String,
    front_matter: Vec<Field>,
    blocks: Vec<BlockOut>,
    quotations: Vec<QuotationOut>,
    quantities: Vec<QuantityOut>,
    anchor: Option<AnchorOut>,
    dates: Vec<DateOut>,
}

fn located(source: &Source, span: Span) -> Located {
    Located {
        text: source.slice(span).to_string(),
        span,
        start: source.position(span.start, ColumnUnit::CodePoint),
    }
}

pub(super) fn run(args: &InspectArgs, out: &mut dyn Write) -> io::Result<u8> {
    let err_color = use_color(super::ColorChoice::Auto, stderr_is_terminal());
    let stdin = args.path.as_os_str() == "-";
    let input = if stdin {
        Input::Stdin(
            args.stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".to_string()),
        )
    } else {
        Input::File(args.path.clone())
    };
    let mut finder = ConfigFinder::default();
    let config_path = Configs::choose(&args.config, &mut finder, &input);
    let config = match Configs::load(config_path.as_deref(), err_color) {
        Ok(c) => c,
        Err(ConfigFailure { rendered, .. }) => {
            io::stderr().write_all(&rendered)?;
            return Ok(EXIT_ERROR);
        }
    };
    let limit = args.config.max_file_size;
    let stdin_text = stdin.then(|| super::read::read_stdin(limit).map_err(|e| e.to_string()));
    let source = match super::read::source_of(&input, stdin_text.as_ref(), limit) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {}: {}", e.path, e.message);
            return Ok(EXIT_ERROR);
        }
    };
    let name = source.name.clone();
    let mut doc = Document::parse_with(&source, Format::from_path(&name), &config.lexicon);
    doc.set_fallback_date(crate::batch::fallback_date(args.config.date, &config));
    let found = doc.attributions().to_vec();
    let mut inspection = Inspection {
        path: name,
        front_matter: doc
            .front_matter
            .iter()
            .flat_map(|fm| fm.fields.iter())
            .map(|(key, f)| Field {
                key: key.clone(),
                at: located(&source, f.span),
            })
            .collect(),
        blocks: doc
            .blocks
            .iter()
            .enumerate()
            .map(|(i, b)| BlockOut {
                kind: b.kind.name(),
                span: b.span,
                start: source.position(b.span.start, ColumnUnit::CodePoint),
                sentences: doc.sentences_of(i).count(),
            })
            .collect(),
        quotations: doc
            .quotations
            .iter()
            .zip(&found)
            .map(|(q, a)| QuotationOut {
                at: located(&source, q.span),
                kind: q.kind.name(),
                full: q.full,
                closed: q.closed,
                continues: q.continues,
                speaker: a.and_then(|a| a.speaker).map(|s| located(&source, s)),
                how: a.map(|a| a.how.name()),
                attributed_by: a.map(|a| located(&source, a.cue)),
            })
            .collect(),
        quantities: quantities(&doc, &config.ruleset),
        anchor: doc.dates().anchor.as_ref().map(|a| AnchorOut {
            date: a.label(),
            source: a.source.name(),
            at: a.span.map(|s| located(&source, s)),
        }),
        dates: date_mentions(&doc),
    };
    // Front matter in the order it is written.
    inspection.front_matter.sort_by_key(|f| f.at.span.start);
    // Stdout is line-buffered: one write per 64 KiB, not one per line (a story of twenty
    // thousand figures is a hundred thousand lines of JSON).
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &inspection)?;
            writeln!(out)?;
        }
        OutputFormat::Human => human(&inspection, &mut out)?,
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

/// Every figure with its value, unit, counted noun, and the key it is compared under.
fn quantities(doc: &Document, ruleset: &crate::rules::Ruleset) -> Vec<QuantityOut> {
    let mentions = ruleset
        .number_matching()
        .map(|m| crate::document::events::mentions(doc, &|text| m.changed(text)).of)
        .unwrap_or_else(|| vec![None; doc.quantities().len()]);
    doc.quantities()
        .iter()
        .zip(mentions)
        .map(|(q, m)| {
            let m = m.filter(|m| m.comparable);
            QuantityOut {
                at: located(doc.source, q.phrase),
                value: q.value,
                unit: q.unit.name().to_string(),
                noun: q.noun.as_deref().map(String::from),
                frame: m.as_deref().map(FrameOut::of),
                key: m.map(|m| m.key),
            }
        })
        .collect()
}

/// Every date mention with its kind, what it was resolved against, and its date or range: of
/// every block, tables and "WHEN: …" lines of a media advisory included (the rules read the
/// prose ones unless their scope names tables).
pub(super) fn date_mentions(doc: &Document) -> Vec<DateOut> {
    let analysis = doc.all_dates();
    let anchor = analysis.anchor.as_ref();
    analysis
        .mentions
        .iter()
        .map(|m| {
            let (kind, form) = match &m.kind {
                _ if m.idiom => ("generic", "idiom"),
                MentionKind::Calendar { iso: true, .. } => ("numeric", "calendar"),
                MentionKind::Calendar { .. } => ("month-day", "calendar"),
                MentionKind::Numeric { .. } => ("numeric", "numeric"),
                MentionKind::Month { .. } => ("month", "month"),
                MentionKind::Quarter { .. } => ("month", "quarter"),
                MentionKind::Years { .. } => ("year", "year"),
                MentionKind::FiscalYear { .. } => ("year", "fiscal year"),
                MentionKind::Season { .. } => ("season", "season"),
                MentionKind::Holiday { kind, .. } => match kind {
                    HolidayKind::Holiday => ("holiday", "holiday"),
                    HolidayKind::NamedDay => ("named-day", "named day"),
                },
                MentionKind::Weekday { future: true, .. } => ("weekday", "weekday (future)"),
                MentionKind::Weekday { .. } => ("weekday", "weekday (past)"),
                MentionKind::Word(_) => ("relative-day", "relative word"),
                MentionKind::Ago { .. } => ("ago", "ago"),
                MentionKind::Stretch { .. } => ("relative-period", "stretch"),
                MentionKind::Period(_) => ("relative-period", "period"),
                MentionKind::Anaphoric { .. } => ("anaphoric", "anaphoric"),
            };
            // A fixed phrase or a name is no date, whatever its words would resolve to; "today"
            // meaning nowadays stands for the anchor's time (the conventions' `generic`).
            let resolved = m.resolved.filter(|_| !m.idiom || m.generic);
            let basis = m.basis.filter(|_| resolved.is_some());
            DateOut {
                at: located(doc.source, m.span),
                kind,
                tense: match m.kind {
                    MentionKind::Weekday { future, .. } => {
                        Some(if future { "future" } else { "past" })
                    }
                    _ => None,
                },
                in_quote: m.quoted,
                basis: basis.map(|b| b.name()),
                anchor: match basis {
                    Some(Basis::Anchor) => anchor.map(|a| MentionAnchor {
                        date: a.label(),
                        source: a.source.name(),
                        from: None,
                    }),
                    Some(Basis::Speech { date, from }) => Some(MentionAnchor {
                        date: date.to_string(),
                        source: "speech".into(),
                        from: Some(located(doc.source, from)),
                    }),
                    Some(Basis::Event { date, from }) => Some(MentionAnchor {
                        date: date.to_string(),
                        source: "event".into(),
                        from: Some(located(doc.source, from)),
                    }),
                    Some(Basis::Absolute) | None => None,
                },
                resolved,
                form,
            }
        })
        .collect()
}

fn clip(s: &str) -> String {
    abbreviate(s, 60, 59)
}

fn human(i: &Inspection, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", i.path)?;
    writeln!(out, "front matter:")?;
    if i.front_matter.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for f in &i.front_matter {
        writeln!(
            out,
            "  {:>4}:{:<3} {} = {}",
            f.at.start.line,
            f.at.start.column,
            f.key,
            clip(&f.at.text)
        )?;
    }
    writeln!(out, "blocks: {}", i.blocks.len())?;
    for b in &i.blocks {
        writeln!(
            out,
            "  {:>4}:{:<3} {} ({} sentences)",
            b.start.line, b.start.column, b.kind, b.sentences
        )?;
    }
    writeln!(out, "quotations: {}", i.quotations.len())?;
    for (n, q) in i.quotations.iter().enumerate() {
        let kind = match q.continues {
            Some(root) => format!("continues #{root}"),
            None => q.kind.to_string(),
        };
        let how = q.how.map_or(String::new(), |h| format!(" [{h}]"));
        let speaker = match &q.speaker {
            Some(s) if q.full || q.continues.is_some() => format!(
                "speaker: {} ({}:{}){how}",
                s.text, s.start.line, s.start.column
            ),
            None if q.how.is_some() && (q.full || q.continues.is_some()) => {
                format!("attributed{how}")
            }
            _ if q.full => "no speaker".to_string(),
            _ => String::new(),
        };
        writeln!(
            out,
            "  #{n} {:>4}:{:<3} {kind:<12} {}  {speaker}",
            q.at.start.line,
            q.at.start.column,
            clip(&q.at.text)
        )?;
    }
    match &i.anchor {
        Some(a) => writeln!(out, "anchor: {} (from {})", a.date, a.source)?,
        None => writeln!(out, "anchor: none")?,
    }
    writeln!(out, "dates: {}", i.dates.len())?;
    for d in &i.dates {
        let resolved = d
            .resolved
            .map_or_else(|| "unresolved".to_string(), |r| r.to_string());
        let quoted = if d.in_quote { "  (quoted)" } else { "" };
        writeln!(
            out,
            "  {:>4}:{:<3} {:<16} {} = {resolved}{quoted}",
            d.at.start.line,
            d.at.start.column,
            d.form,
            clip(&d.at.text)
        )?;
    }
    writeln!(out, "quantities: {}", i.quantities.len())?;
    for q in &i.quantities {
        let noun = q
            .noun
            .as_deref()
            .map_or(String::new(), |n| format!(" noun: {n}"));
        let key = match &q.key {
            Some(k) => {
                let mut s = format!("  compared as: {}", k.thing);
                if !k.cue.is_empty() {
                    s += &format!(", {}", k.cue);
                }
                if !k.owner.is_empty() {
                    s += &format!(", of {}", k.owner);
                }
                if let Some(frame) = q
                    .frame
                    .as_ref()
                    .map(FrameOut::line)
                    .filter(|l| !l.is_empty())
                {
                    s += &format!(" [{frame}]");
                }
                s
            }
            None => String::new(),
        };
        writeln!(
            out,
            "  {:>4}:{:<3} {:<8} {} = {}{noun}{key}",
            q.at.start.line,
            q.at.start.column,
            q.unit,
            clip(&q.at.text),
            q.value
        )?;
    }
    Ok(())
}
