//! Latency of `copydesk lsp`: how long after a one-character edit of a 10 KB story the editor has
//! the story's new diagnostics, measured through the real binary over its stdio (didChange written
//! → publishDiagnostics read), against baselines measured in the same run:
//!
//! - a whole `copydesk check` process on the same story (what an editor plugin that runs the CLI
//!   on every change would pay);
//! - in process: parsing the story alone, parsing and checking it with the configuration compiled
//!   once, and compiling the configuration (what the server saves by reusing it).
//!
//! The server's own measure of each lint (from handling the change to writing the diagnostics,
//! `COPYDESK_LSP_TIMING`) is reported beside the end-to-end time, which also holds the client's
//! own wake-ups: on a busy machine those dominate.
//!
//! Run: `cargo bench --bench lsp_latency` (add `-- --check` to exit 1 when the median server-side
//! re-lint is over the 5 ms target). Run without `--bench` (as `cargo test --benches` does), it only makes
//! sure it works, with a few iterations.

use copydesk::batch::{self, Input, Options};
use copydesk::config::Config;
use copydesk::document::{Document, Format};
use copydesk::source::Source;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A real story (Wikinews, CC BY 2.5), cut at a paragraph break to at most this many bytes.
const STORY: &str = "fixtures/eval/real-wikinews/2020-12-18_Gregory-Kurtzer-discusses-plans-for-Rocky-Linux-with-Wikinews-as-Red-Hat-announc.md";
const STORY_BYTES: usize = 10 * 1024;
const TARGET: Duration = Duration::from_millis(5);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let benching = args.iter().any(|a| a == "--bench");
    let gate = args.iter().any(|a| a == "--check");
    let (edits, processes) = if benching { (300, 30) } else { (3, 2) };

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let full = std::fs::read_to_string(root.join(STORY)).expect("the bench story");
    let cut = full[..STORY_BYTES.min(full.len())]
        .rfind("\n\n")
        .expect("a paragraph break");
    let story = format!("{}\n", &full[..cut]);
    let dir = std::env::temp_dir().join(format!("copydesk-lsp-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("story.md");
    std::fs::write(&path, &story).unwrap();

    let config = Arc::new(Config::builtin());
    let mut server = Server::start(&dir);
    let uri = format!("file://{}", path.display());
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": story }}),
    );
    let findings = server.diagnostics(&uri, 1);
    let batch_findings = check_in_process(&story, &config);
    assert_eq!(
        findings, batch_findings,
        "the server and the batch API agree"
    );

    // The measurements are interleaved, so that a machine busy with other work slows them alike
    // and their ratios hold.
    let lines: Vec<&str> = story.lines().collect();
    let line = (lines.len() / 2..lines.len())
        .find(|&i| !lines[i].trim().is_empty())
        .expect("a line of text in the second half");
    let mut version = 1;
    let [
        mut relint,
        mut floor,
        mut parse,
        mut check,
        mut compile,
        mut process,
    ] = std::array::from_fn(|_| Vec::new());
    for (id, round) in (1..).zip(0..edits) {
        // One character typed, then deleted, in the middle of the story.
        version += 1;
        let (end, text) = if version % 2 == 0 { (0, "x") } else { (1, "") };
        relint.push(timed(|| {
            server.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": {
                        "start": { "line": line, "character": 0 },
                        "end": { "line": line, "character": end } }, "text": text }],
                }),
            );
            server.diagnostics(&uri, version);
        }));
        // The protocol alone: a request answered at once, with no lint.
        floor.push(timed(|| {
            server.send(json!({ "jsonrpc": "2.0", "id": id, "method": "copydesk/none" }));
            server.wait_for(|m| m["id"] == id);
        }));
        let source = Source::new("story.md", story.clone());
        parse.push(timed(|| {
            let doc = Document::parse(&source, Format::Markdown);
            std::hint::black_box(doc.blocks.len());
        }));
        check.push(timed(|| {
            std::hint::black_box(check_in_process(&story, &config));
        }));
        if round % (edits / processes).max(1) == 0 {
            compile.push(timed(|| {
                std::hint::black_box(Config::builtin());
            }));
            process.push(timed(|| {
                let status = Command::new(env!("CARGO_BIN_EXE_copydesk"))
                    .args(["check", "--no-config", "--color", "never"])
                    .arg(&path)
                    .current_dir(&dir)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .unwrap();
                assert!(
                    status.code().is_some_and(|c| c < 2),
                    "copydesk check failed"
                );
            }));
        }
    }
    let inside: Vec<Duration> = server
        .stop()
        .into_iter()
        .filter(|(v, _)| *v > 1)
        .map(|(_, d)| d)
        .collect();
    assert_eq!(inside.len(), edits, "one lint per edit");
    let _ = std::fs::remove_dir_all(&dir);
    let [relint, inside, floor, parse, check, compile, process] =
        [relint, inside, floor, parse, check, compile, process].map(Stats::of);

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    if !benching {
        println!("(a smoke run, not a measurement: use `cargo bench --bench lsp_latency`)");
    }
    println!(
        "copydesk lsp latency: a {}-byte story ({} lines, {findings} findings), {edits} one-character edits",
        story.len(),
        story.lines().count()
    );
    println!("{:<55} {:>9} {:>9} {:>9}", "", "min", "median", "p90");
    let row = |name: &str, s: &Stats| {
        println!(
            "{name:<55} {:>6.3} ms {:>6.3} ms {:>6.3} ms",
            ms(s.min),
            ms(s.median),
            ms(s.p90)
        )
    };
    row("re-lint, server side (change handled → published)", &inside);
    row(
        "re-lint, end to end (didChange sent → diagnostics read)",
        &relint,
    );
    row("  protocol alone (request → response, no lint)", &floor);
    row("  in process: parse only", &parse);
    row("  in process: parse and check, config reused", &check);
    row("  in process: compile the config", &compile);
    row("copydesk check, whole process (baseline)", &process);
    println!(
        "ratios (medians): re-lint end to end / copydesk check = {:.3}; re-lint server side / parse only = {:.2}",
        ms(relint.median) / ms(process.median),
        ms(inside.median) / ms(parse.median)
    );
    let verdict = inside.median < TARGET;
    println!(
        "target: median re-lint (server side) under {} ms: {}",
        TARGET.as_millis(),
        if verdict { "met" } else { "NOT MET" }
    );
    if gate && !verdict {
        std::process::exit(1);
    }
}

struct Stats {
    min: Duration,
    median: Duration,
    p90: Duration,
}

impl Stats {
    fn of(mut times: Vec<Duration>) -> Stats {
        times.sort();
        Stats {
            min: times[0],
            median: times[times.len() / 2],
            p90: times[times.len() * 9 / 10],
        }
    }
}

fn timed(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

/// Parses and checks the story through the batch API, as the server does; how many findings.
fn check_in_process(story: &str, config: &Arc<Config>) -> usize {
    let input = Input {
        source: Source::new("story.md", story.to_string()),
        config: config.clone(),
    };
    let report = batch::check_batch(vec![input], &Options::default());
    report[0].as_ref().unwrap().diagnostics.len()
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// The server's own timing of each lint (`COPYDESK_LSP_TIMING`), by version.
    timings: std::thread::JoinHandle<Vec<(i64, Duration)>>,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .current_dir(dir)
            .env("COPYDESK_LSP_TIMING", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("copydesk lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let timings = std::thread::spawn(move || {
            // "… version V: N diagnostics published T ms after the change"
            stderr
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| {
                    let (_, rest) = line.split_once(" version ")?;
                    let (version, rest) = rest.split_once(':')?;
                    let ms = rest.split(" published ").nth(1)?.split(' ').next()?;
                    Some((
                        version.parse().ok()?,
                        Duration::from_secs_f64(ms.parse::<f64>().ok()? / 1000.0),
                    ))
                })
                .collect()
        });
        let mut server = Server {
            child,
            stdin,
            stdout,
            timings,
        };
        server.send(json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize",
                            "params": { "processId": null, "capabilities": {} } }));
        server.wait_for(|m| m["id"] == 0);
        server.notify("initialized", json!({}));
        server
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "server exited"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.read();
            if wanted(&message) {
                return message;
            }
        }
    }

    /// Waits for the diagnostics of `uri` at `version`; how many there are.
    fn diagnostics(&mut self, uri: &str, version: i64) -> usize {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"].as_array().unwrap().len()
    }

    /// Stops the server; its timings of each lint, by version.
    fn stop(mut self) -> Vec<(i64, Duration)> {
        self.send(json!({ "jsonrpc": "2.0", "id": -1, "method": "shutdown" }));
        self.wait_for(|m| m["id"] == -1);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
        self.timings.join().unwrap()
    }
}
