//! `copydesk check` written as it goes: stories are read and checked on `--threads` workers and
//! each story's findings are written as soon as it and every story before it (in path order) are
//! done, so the output is the same whatever the number of threads, and memory holds a window of
//! stories, not the run.
//!
//! The rule that compares stories (`boilerplate.template-line`) needs every story before it can
//! speak about one. When a config of the run has it on, a first pass reads and parses every story
//! (no rule runs) and counts each candidate line by hash ([`batch::CrossCounts`]); the second
//! pass checks and writes. A few bytes a distinct line are kept, never the text.

use super::args::ConfigArgs;
use super::check::{batch_options, read_stdin_if_named};
use super::read;
use super::walk::Input;
use crate::batch::{self, CrossCounts, FileError};
use crate::config::Config;
use crate::emit::{FileAnchor, StreamEmitter, Summary};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};

/// How many stories past the last one written a worker may check: enough to keep every thread
/// busy behind a slow story, few enough that memory does not grow with the run.
const WINDOW_PER_THREAD: usize = 16;

/// What a streamed run found.
pub(super) struct Streamed {
    /// Totals (files, findings, unreadable files).
    pub summary: Summary,
    /// Files that could not be read or checked, sorted by path.
    pub errors: Vec<FileError>,
}

/// Something that wants to hear how far a run is.
pub(super) trait Progress: Sync {
    /// The run has `total` stories to check.
    fn start(&self, total: usize);
    /// One more story is done.
    fn done(&self);
    /// The run is over.
    fn finish(&self);
}

/// One story, checked and rendered by a worker.
enum Done {
    Report {
        bytes: Rendered,
        summary: Summary,
        anchor: Option<FileAnchor>,
    },
    Error(FileError),
}

/// A story's findings: rendered on the thread that checked it, or, for a story with many
/// findings, kept as they are and written out by the writing thread finding by finding (a
/// report is some three times the size of its story: a 100 MB story would be held twice more).
enum Rendered {
    Bytes(Vec<u8>),
    Deferred {
        /// The story's place in the run, from 1 (see [`StreamEmitter::file`]).
        number: usize,
        report: Box<batch::FileReport>,
    },
}

/// The number of findings from which a story's report is written as it is rendered.
const DEFER_FINDINGS: usize = 4096;

/// Checks the stories (already given their configs, in path order) and writes the report.
/// `errors` are the problems found before reading (paths that do not exist …).
#[allow(clippy::too_many_arguments)]
pub(super) fn check_streamed(
    assigned: Vec<(Input, Arc<Config>)>,
    mut errors: Vec<FileError>,
    config_args: &ConfigArgs,
    threads: usize,
    emitter: &dyn StreamEmitter,
    progress: Option<&dyn Progress>,
    base: Summary,
    out: &mut dyn Write,
) -> io::Result<Streamed> {
    // Stories are numbered in the order found (paths sorted as paths), which orders the stories
    // a template-line note names; reports are written in the order of their names as shown, as
    // the collected reports are sorted.
    // The names are not kept past the sort (a template-line note names a story again).
    let order = {
        let names: Vec<String> = assigned
            .iter()
            .map(|(input, _)| read::name_of(input).0)
            .collect();
        let mut order: Vec<usize> = (0..assigned.len()).collect();
        order.sort_by(|&a, &b| names[a].cmp(&names[b]));
        order
    };
    let limit = config_args.max_file_size;
    let stdin = read_stdin_if_named(&assigned, limit);
    let mut options = batch_options(config_args);
    options.alone = assigned.len() == 1;
    let threads = threads.max(1);
    if let Some(p) = progress {
        p.start(assigned.len());
    }

    let load = |i: usize| -> Result<batch::Input, FileError> {
        let (input, config) = &assigned[i];
        let source = read::source_of(input, stdin.as_ref(), limit)?;
        Ok(batch::Input {
            source,
            config: config.clone(),
        })
    };

    // First pass, only when a config compares stories: count their candidate lines. One story
    // alone shares no line with another (a template line needs two), so it is read once.
    let counts = if assigned.len() > 1 && assigned.iter().any(|(_, c)| CrossCounts::needed(c)) {
        count_lines(assigned.len(), threads, &load)
    } else {
        CrossCounts::default()
    };

    let name = |i: usize| read::name_of(&assigned[i].0).0;
    let keep_anchors = emitter.lists_anchors();
    let check = |k: usize| -> Done {
        let i = order[k];
        let report =
            load(i).and_then(|input| batch::check_counted(input, i, &options, &counts, &name));
        match report {
            Ok(report) => {
                let summary = Summary::of(std::slice::from_ref(&report), &[]);
                let anchor = keep_anchors.then(|| FileAnchor::of(&report)).flatten();
                let bytes = if report.diagnostics.len() >= DEFER_FINDINGS {
                    Rendered::Deferred {
                        number: k + 1,
                        report: Box::new(report),
                    }
                } else {
                    Rendered::Bytes(emitter.file(k + 1, &report))
                };
                Done::Report {
                    bytes,
                    summary,
                    anchor,
                }
            }
            Err(e) => Done::Error(e),
        }
    };

    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    emitter.begin(&mut w)?;
    let mut summary = base;
    let mut anchors = Vec::new();
    let mut wrote = false;
    let mut write_one = |done: Done, w: &mut dyn Write| -> io::Result<()> {
        match done {
            Done::Report {
                bytes,
                summary: s,
                anchor,
            } => {
                match bytes {
                    Rendered::Bytes(bytes) => {
                        if !bytes.is_empty() {
                            if wrote {
                                w.write_all(emitter.separator())?;
                            }
                            w.write_all(&bytes)?;
                            wrote = true;
                        }
                    }
                    Rendered::Deferred { number, report } => {
                        wrote |= emitter.write_file(number, &report, wrote, w)?;
                    }
                }
                summary.files += s.files;
                summary.files_with_findings += s.files_with_findings;
                summary.errors += s.errors;
                summary.warnings += s.warnings;
                summary.infos += s.infos;
                anchors.extend(anchor);
            }
            Done::Error(e) => errors.push(e),
        }
        if let Some(p) = progress {
            p.done();
        }
        Ok(())
    };
    in_order(assigned.len(), threads, &check, |done| {
        write_one(done, &mut w)
    })?;
    if let Some(p) = progress {
        p.finish();
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    summary.unreadable = errors.len();
    emitter.finish(wrote, &anchors, &errors, &summary, &mut w)?;
    w.flush()?;
    Ok(Streamed { summary, errors })
}

/// The first pass: every story read and parsed on `threads` workers, its candidate lines counted.
/// A story that cannot be read is left out here; the second pass reports it.
fn count_lines(
    n: usize,
    threads: usize,
    load: &(dyn Fn(usize) -> Result<batch::Input, FileError> + Sync),
) -> CrossCounts {
    let next = AtomicUsize::new(0);
    let mut total = CrossCounts::default();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut counts = CrossCounts::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break;
                        }
                        let Ok(input) = load(i) else { continue };
                        // A story whose analysis fails is reported (and isolated) by the check.
                        let hashes = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            CrossCounts::hashes(&input.source, &input.config)
                        }));
                        if let Ok(hashes) = hashes {
                            counts.add(i, &input.config, &hashes);
                        }
                    }
                    counts
                })
            })
            .collect();
        for w in workers {
            if let Ok(counts) = w.join() {
                total.merge(counts);
            }
        }
    });
    total
}

/// Runs `work` for 0..n on `threads` workers and hands each result to `write` in index order, as
/// soon as it and every one before it are done. Workers stay within a window of the last one
/// written. An error from `write` stops the run.
fn in_order<T: Send>(
    n: usize,
    threads: usize,
    work: &(dyn Fn(usize) -> T + Sync),
    mut write: impl FnMut(T) -> io::Result<()>,
) -> io::Result<()> {
    let window = threads * WINDOW_PER_THREAD;
    let next = AtomicUsize::new(0);
    let written = Mutex::new(0usize);
    let moved = Condvar::new();
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, T)>();
        for _ in 0..threads.min(n.max(1)) {
            let tx = tx.clone();
            let (next, written, moved, stop) = (&next, &written, &moved, &stop);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    {
                        let mut w = written.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= *w + window && !stop.load(Ordering::Relaxed) {
                            w = moved.wait(w).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    if stop.load(Ordering::Relaxed) || tx.send((i, work(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let mut upto = 0;
        let result = (|| {
            for (i, done) in rx.iter() {
                pending.insert(i, done);
                while let Some(done) = pending.remove(&upto) {
                    write(done)?;
                    upto += 1;
                    *written.lock().unwrap_or_else(|e| e.into_inner()) = upto;
                    moved.notify_all();
                }
            }
            Ok(())
        })();
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
            moved.notify_all();
        }
        // Dropping the receiver makes the workers' next send fail, so they stop.
        drop(rx);
        result
    })
}
