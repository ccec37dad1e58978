//! `copydesk inspect`: what copydesk understood of a story, so an editor can see why a finding
//! fired: its front matter, its blocks, and its quotations with their speakers.

use super::args::{InspectArgs, OutputFormat};
use super::check::{ConfigFailure, Configs};
use super::walk::{ConfigFinder, Input, display_path};
use super::{EXIT_CLEAN, EXIT_ERROR, stderr_is_terminal, use_color};
use crate::document::dates::Resolved;
use crate::document::{Document, Format};
use crate::rules::abbreviate;
use crate::source::{ColumnUnit, Position, Source};
use crate::span::Span;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Located {
    text: String,
    span: Span,
    start: Position,
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
    full: bool,
    closed: bool,
    /// Index of the quotation this one continues (multi-paragraph quotations).
    continues: Option<usize>,
    speaker: Option<Located>,
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

#[derive(Serialize)]
struct DateOut {
    #[serde(flatten)]
    at: Located,
    kind: &'static str,
    /// An ISO date, or `[start, end]` (both included); None when it cannot be resolved.
    resolved: Option<Resolved>,
    quoted: bool,
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
    doc.set_fallback_date(super::check::fallback_date(&args.config, &config));
    let found = doc.speakers().to_vec();
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
            .map(|(q, s)| QuotationOut {
                at: located(&source, q.span),
                full: q.full,
                closed: q.closed,
                continues: q.continues,
                speaker: s.map(|s| located(&source, s)),
            })
            .collect(),
        quantities: quantities(&doc, &config.ruleset),
        anchor: doc.dates().anchor.as_ref().map(|a| AnchorOut {
            date: a.label(),
            source: a.source.name(),
            at: a.span.map(|s| located(&source, s)),
        }),
        dates: dates(&doc),
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

/// Every date mention with its kind and resolved date or range.
fn dates(doc: &Document) -> Vec<DateOut> {
    use crate::document::dates::MentionKind;
    doc.dates()
        .mentions
        .iter()
        .map(|m| DateOut {
            at: located(doc.source, m.span),
            kind: match m.kind {
                MentionKind::Calendar { .. } => "calendar",
                MentionKind::Numeric { .. } => "numeric",
                MentionKind::Month { .. } => "month",
                MentionKind::Weekday { future: true, .. } => "weekday (future)",
                MentionKind::Weekday { .. } => "weekday (past)",
                MentionKind::Word(_) if m.idiom => "idiom",
                MentionKind::Word(_) => "relative word",
                MentionKind::Period(_) => "period",
            },
            resolved: m.resolved,
            quoted: m.quoted,
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
        let kind = match (q.full, q.continues) {
            (_, Some(root)) => format!("continues #{root}"),
            (true, None) => "full".to_string(),
            (false, None) => "partial".to_string(),
        };
        let speaker = match &q.speaker {
            Some(s) if q.full || q.continues.is_some() => {
                format!("speaker: {} ({}:{})", s.text, s.start.line, s.start.column)
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
        let quoted = if d.quoted { "  (quoted)" } else { "" };
        writeln!(
            out,
            "  {:>4}:{:<3} {:<16} {} = {resolved}{quoted}",
            d.at.start.line,
            d.at.start.column,
            d.kind,
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
