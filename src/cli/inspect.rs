//! `copydesk inspect`: what copydesk understood of a story, so an editor can see why a finding
//! fired: its front matter, its blocks, its quotations with their speakers, and its dates with
//! what they resolve to. `copydesk score --set` scores the same date mentions.

use super::args::{InspectArgs, OutputFormat};
use super::check::{ConfigFailure, Configs};
use super::walk::{ConfigFinder, Input, display_path};
use super::{EXIT_CLEAN, EXIT_ERROR, stderr_is_terminal, use_color};
use crate::document::dates::{MentionKind, Period, Resolved};
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
    key: Option<crate::rules::numbers::Key>,
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
    /// `ago`, `numeric`, `month`, or `generic` (a fixed phrase or a name: "today's economy").
    pub(super) kind: &'static str,
    /// For weekdays: `past` or `future`, as the sentence was read.
    pub(super) tense: Option<&'static str>,
    /// Inside a quotation.
    pub(super) in_quote: bool,
    /// What it was resolved against: `absolute` (the text gives the year), `anchor` (the story's
    /// anchor), `speech` (the time of the speech; not found yet); None when not resolved.
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
    /// `front-matter:date` (the publication date), `dateline`, `command-line`, `config`, or
    /// `speech` (when the speech time is found).
    source: String,
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
    let input = Input::File(args.path.clone());
    let mut finder = ConfigFinder::default();
    let config_path = Configs::choose(&args.config, &mut finder, &input);
    let config = match Configs::load(config_path.as_deref(), err_color) {
        Ok(c) => c,
        Err(ConfigFailure(rendered)) => {
            io::stderr().write_all(&rendered)?;
            return Ok(EXIT_ERROR);
        }
    };
    let name = display_path(&args.path);
    let bytes = match std::fs::read(&args.path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {name}: {e}");
            return Ok(EXIT_ERROR);
        }
    };
    let source = match Source::from_bytes(name.clone(), bytes) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {name}: {e}");
            return Ok(EXIT_ERROR);
        }
    };
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
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &inspection)?;
            writeln!(out)?;
        }
        OutputFormat::Human => human(&inspection, out)?,
    }
    Ok(EXIT_CLEAN)
}

/// Every figure with its value, unit, counted noun, and the key it is compared under.
fn quantities(doc: &Document, ruleset: &crate::rules::Ruleset) -> Vec<QuantityOut> {
    let keys = ruleset
        .number_matching()
        .map(|m| m.keys(doc))
        .unwrap_or_else(|| vec![None; doc.quantities().len()]);
    doc.quantities()
        .iter()
        .zip(keys)
        .map(|(q, key)| QuantityOut {
            at: located(doc.source, q.phrase),
            value: q.value,
            unit: q.unit.name().to_string(),
            noun: q.noun.clone(),
            key,
        })
        .collect()
}

/// Every date mention with its kind, what it was resolved against, and its date or range.
pub(super) fn date_mentions(doc: &Document) -> Vec<DateOut> {
    let analysis = doc.dates();
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
                MentionKind::Weekday { future: true, .. } => ("weekday", "weekday (future)"),
                MentionKind::Weekday { .. } => ("weekday", "weekday (past)"),
                MentionKind::Word(_) => ("relative-day", "relative word"),
                MentionKind::Period(Period::WeekAgo) => ("ago", "period"),
                MentionKind::Period(_) => ("relative-period", "period"),
            };
            let absolute = match m.kind {
                MentionKind::Calendar { year, .. } | MentionKind::Month { year, .. } => {
                    year.is_some()
                }
                MentionKind::Numeric { .. } => true,
                _ => false,
            };
            // A fixed phrase or a name is no date, whatever its words would resolve to.
            let resolved = m.resolved.filter(|_| !m.idiom);
            let basis = resolved.map(|_| if absolute { "absolute" } else { "anchor" });
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
                basis,
                anchor: anchor
                    .filter(|_| basis == Some("anchor"))
                    .map(|a| MentionAnchor {
                        date: a.label(),
                        source: a.source.name(),
                    }),
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
