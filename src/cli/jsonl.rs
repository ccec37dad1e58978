//! `copydesk check --input jsonl`: stories as JSON lines in, findings as JSON lines out, so that
//! an archive can be sharded by any engine that pipes lines (GNU parallel, a Spark `pipe()`
//! stage, a batch job array).
//!
//! Each input line is `{"id": "...", "text": "...", "date": "YYYY-MM-DD", "format": "markdown"}`
//! (`date` and `format` optional). Each finding is written as the object `--format jsonl` writes,
//! with the story's `id` first (and as its `path`). A line that cannot be checked (not JSON, no
//! `id` or `text`, a `text` that is binary, a bad `date` or `format`) gives one line
//! `{"id": ..., "line": N, "error": "..."}` on stdout and the same message on stderr, and the
//! stream goes on; the run then exits 2. Stories are checked alone: the rule that compares
//! stories (`boilerplate.template-line`) needs a run over files.

use super::args::CheckArgs;
use super::check::{batch_options, fails};
use super::configs::config_for_cwd;
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::batch;
use crate::config::Config;
use crate::document::Format;
use crate::emit::{FileReport, JsonLines, Summary};
use crate::source::Source;
use rayon::prelude::*;
use serde::Deserialize;
use std::io::{self, BufRead, Write};
use std::sync::Arc;

/// Lines checked together (in parallel) before their findings are written, in input order.
const CHUNK: usize = 256;

/// One input line. Fields beyond these (a URL, a section) are left alone: a pipeline may carry
/// them.
#[derive(Deserialize)]
struct Story {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    format: Option<String>,
}

/// What one line gave: its output lines, and its totals (None: the line was an error).
struct Checked {
    bytes: Vec<u8>,
    summary: Option<Summary>,
}

pub(super) fn run(args: &CheckArgs, out: &mut dyn Write) -> io::Result<u8> {
    let config = match config_for_cwd(&args.config) {
        Ok(c) => Arc::new(c),
        Err(failure) => {
            io::stderr().write_all(&failure.rendered)?;
            return Ok(EXIT_ERROR);
        }
    };
    let reader: Box<dyn BufRead> = match args.paths.as_slice() {
        [] => Box::new(io::stdin().lock()),
        [p] if p.as_os_str() == "-" => Box::new(io::stdin().lock()),
        [p] => match std::fs::File::open(p) {
            Ok(f) => Box::new(io::BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                writeln!(
                    io::stderr(),
                    "error: {}: {}",
                    super::walk::display_path(p),
                    super::read::describe(&e)
                )?;
                return Ok(EXIT_ERROR);
            }
        },
        _ => {
            writeln!(
                io::stderr(),
                "error: --input jsonl reads one file (or `-`, stdin), not several"
            )?;
            return Ok(EXIT_ERROR);
        }
    };
    let options = batch_options(&args.config);
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    let mut total = Summary::default();
    let mut failed = 0usize;
    let mut lines = reader.split(b'\n').enumerate();
    loop {
        let mut chunk: Vec<(usize, io::Result<Vec<u8>>)> = Vec::with_capacity(CHUNK);
        for (n, line) in lines.by_ref() {
            chunk.push((n + 1, line));
            if chunk.len() == CHUNK {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let checked: Vec<Checked> = chunk
            .into_par_iter()
            .map(|(n, line)| match line {
                Ok(line) => check_line(n, &line, &config, &options),
                Err(e) => error_line(n, &serde_json::Value::Null, &e.to_string()),
            })
            .collect();
        let mut err = io::stderr().lock();
        for c in checked {
            w.write_all(&c.bytes)?;
            match c.summary {
                Some(s) => {
                    total.files += s.files;
                    total.files_with_findings += s.files_with_findings;
                    total.errors += s.errors;
                    total.warnings += s.warnings;
                    total.infos += s.infos;
                }
                None => {
                    failed += 1;
                    // The error line, for people, on stderr too.
                    let v: serde_json::Value = serde_json::from_slice(&c.bytes).unwrap_or_default();
                    writeln!(
                        err,
                        "error: input line {}: {}",
                        v["line"],
                        v["error"].as_str().unwrap_or("")
                    )?;
                }
            }
        }
        w.flush()?;
    }
    total.unreadable = failed;
    Ok(if failed > 0 {
        EXIT_ERROR
    } else if args.exit_zero {
        EXIT_CLEAN
    } else if fails(args.fail_on, &total) || args.max_warnings.is_some_and(|m| total.warnings > m) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Checks one input line (number `n`, from 1).
fn check_line(n: usize, line: &[u8], config: &Arc<Config>, options: &batch::Options) -> Checked {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        // A blank line (the last line's ending, a separator) is no story.
        return Checked {
            bytes: Vec::new(),
            summary: Some(Summary::default()),
        };
    }
    let story: Story = match serde_json::from_slice(line) {
        Ok(s) => s,
        Err(e) => {
            // Name the story when the line is JSON with an id but a bad field.
            let id = serde_json::from_slice::<serde_json::Value>(line)
                .ok()
                .map(|v| v["id"].clone())
                .unwrap_or_default();
            return error_line(n, &id, &format!("not a story: {e}"));
        }
    };
    let id_text = match &story.id {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(x) => x.to_string(),
        _ => return error_line(n, &story.id, "`id` must be a string or a number"),
    };
    let mut options = options.clone();
    if let Some(date) = &story.date {
        match date.parse::<jiff::civil::Date>() {
            Ok(d) => options.date = Some(d),
            Err(_) => {
                return error_line(
                    n,
                    &story.id,
                    &format!("`date` must be YYYY-MM-DD, not {date:?}"),
                );
            }
        }
    }
    options.format = match story.format.as_deref() {
        None => Some(Format::from_path(&id_text)),
        Some("markdown" | "md") => Some(Format::Markdown),
        Some("text" | "plain" | "txt") => Some(Format::Plain),
        Some(other) => {
            return error_line(
                n,
                &story.id,
                &format!("`format` must be \"markdown\" or \"text\", not {other:?}"),
            );
        }
    };
    let source = match Source::from_bytes(id_text.clone(), story.text.into_bytes()) {
        Ok(s) => s,
        Err(e) => return error_line(n, &story.id, &format!("`text` {e}")),
    };
    let input = batch::Input {
        source,
        config: config.clone(),
    };
    match batch::check_batch(vec![input], &options).pop() {
        Some(Ok(report)) => Checked {
            bytes: keyed(&story.id, &report),
            summary: Some(Summary::of(std::slice::from_ref(&report), &[])),
        },
        Some(Err(e)) => error_line(n, &story.id, &e.message),
        None => error_line(n, &story.id, "not checked"),
    }
}

/// The story's findings as `--format jsonl` writes them, each with `"id"` first.
fn keyed(id: &serde_json::Value, report: &FileReport) -> Vec<u8> {
    let mut plain = Vec::new();
    let _ = JsonLines.write_file(report, &mut plain);
    let id = serde_json::to_string(id).unwrap_or_default();
    let mut out = Vec::with_capacity(plain.len() + 16);
    for line in plain.split_inclusive(|&b| b == b'\n') {
        // Every line is an object: `{` then its fields.
        out.extend_from_slice(b"{\"id\":");
        out.extend_from_slice(id.as_bytes());
        out.push(b',');
        out.extend_from_slice(&line[1..]);
    }
    out
}

fn error_line(n: usize, id: &serde_json::Value, message: &str) -> Checked {
    let mut bytes = serde_json::to_vec(&serde_json::json!({
        "id": id,
        "line": n,
        "error": message,
    }))
    .unwrap_or_default();
    bytes.push(b'\n');
    Checked {
        bytes,
        summary: None,
    }
}
