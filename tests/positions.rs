//! Every output names the same place for the same finding, each in its documented unit: the human
//! report's `┌─ file:line:column`, JSON, SARIF, GitHub annotations, concise, Checkstyle (code
//! points, 1-based, a BOM not counted), rdjson (UTF-8 bytes, 1-based) and the language server
//! (0-based; UTF-16 code units by default, bytes when the client offers UTF-8; the text the client
//! sent, so a BOM is a character). Checked on long lines, tabs, CRLF, a BOM, combining marks,
//! emoji and right-to-left text; the expected positions are computed here from the byte offsets,
//! independently of copydesk's own conversion.

mod common;

use common::{parse_json, run_in, stdout, temp_dir};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const BOM: char = '\u{feff}';

/// Stories whose findings ("alot", "TK", "47%") sit after the characters that make units differ.
fn stories() -> Vec<(&'static str, String)> {
    vec![
        (
            "long-line.md",
            format!(
                "Intro.\n\n{}Turnout was 52 percent, we spent alot of time. {}It was 47% in June. {}TK.\n",
                "word ".repeat(200),
                "more ".repeat(80),
                "tail ".repeat(30)
            ),
        ),
        (
            "tabs.md",
            "Intro.\n\nThe\tclerk\tsaid\twe spent alot of time.\tThe TK\tcame.\n".to_string(),
        ),
        (
            "crlf.md",
            "Intro.\r\n\r\nLine one spent alot of time.\r\nThe TK came,\r\nthe clerk said.\r\n"
                .to_string(),
        ),
        (
            "bom.md",
            format!("{BOM}We spent alot of time on TK, the clerk said.\nAnd TK again.\n"),
        ),
        (
            "combining.md",
            "Intro.\n\nCafe\u{301} owners and Noe\u{308}l spent alot of time on the TK plan.\n"
                .to_string(),
        ),
        (
            "emoji.md",
            "Intro.\n\nFamilies 😀👍🏽 👨‍👩‍👧 spent alot of time 🎉 on the TK plan.\n".to_string(),
        ),
        (
            "rtl.md",
            "Intro.\n\nשלום עולם \u{200f}مرحبا بالعالم\u{200e} spent alot of time on TK, the clerk said.\n"
                .to_string(),
        ),
        (
            "everything.md",
            format!(
                "{BOM}Intro\twith a tab.\r\n\r\n{}Cafe\u{301} 😀 שלום spent alot of time. {}Turnout was 52 percent. {}It was 47% and TK.\r\n",
                "word ".repeat(150),
                "מילה ".repeat(40),
                "более ".repeat(40)
            ),
        ),
    ]
}

/// A 1-based line and column, or 0-based for the language server.
type Pos = (u64, u64);

enum Unit {
    CodePoints,
    Utf8,
    Utf16,
}

/// The position of byte `offset` in `text` as reports give it: 1-based, lines end at `\n`, the
/// columns after a BOM on the first line.
fn report_position(text: &str, offset: usize, unit: Unit) -> Pos {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut prefix = &text[line_start..offset];
    if line_start == 0 {
        prefix = prefix.strip_prefix(BOM).unwrap_or(prefix);
    }
    let line = text[..offset].matches('\n').count() + 1;
    (line as u64, count(prefix, unit) + 1)
}

/// The position of byte `offset` as the protocol gives it: 0-based, and the BOM the client sent
/// is a character like any other (these stories have no lone `\r`).
fn lsp_position(text: &str, offset: usize, unit: Unit) -> Pos {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count();
    (line as u64, count(&text[line_start..offset], unit))
}

fn count(s: &str, unit: Unit) -> u64 {
    (match unit {
        Unit::CodePoints => s.chars().count(),
        Unit::Utf8 => s.len(),
        Unit::Utf16 => s.encode_utf16().count(),
    }) as u64
}

fn check(dir: &Path, name: &str, format: &str) -> String {
    let out = run_in(
        dir,
        &[
            "check",
            name,
            "--no-config",
            "--date",
            "2025-06-04",
            "--fail-on",
            "never",
            "--color",
            "never",
            "--format",
            format,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{format}: {}", stdout(&out));
    stdout(&out)
}

fn sorted(mut v: Vec<Pos>) -> Vec<Pos> {
    v.sort();
    v
}

fn numbers_after(line: &str, key: &str) -> u64 {
    let rest = &line[line.find(key).unwrap_or_else(|| panic!("{key} in {line}")) + key.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap()
}

#[test]
fn every_output_gives_the_same_line_and_column() {
    let dir = temp_dir("positions");
    let stories = stories();
    for (name, text) in &stories {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let mut lsp = Lsp::start(&dir, &[]);
    let mut lsp8 = Lsp::start(&dir, &["utf-8"]);

    for (name, text) in &stories {
        let json = parse_json(check(&dir, name, "json").as_bytes());
        let diags = json["diagnostics"].as_array().unwrap().clone();
        assert!(diags.len() >= 2, "{name}: {json}");
        let starts: Vec<usize> = diags
            .iter()
            .map(|d| d["span"]["start"].as_u64().unwrap() as usize)
            .collect();
        let expected: Vec<Pos> = starts
            .iter()
            .map(|&o| report_position(text, o, Unit::CodePoints))
            .collect();

        let from_json: Vec<Pos> = diags
            .iter()
            .map(|d| {
                (
                    d["start"]["line"].as_u64().unwrap(),
                    d["start"]["column"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(from_json, expected, "{name}: json");

        let human: Vec<Pos> = check(&dir, name, "human")
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix(&format!("┌─ {name}:")))
            .map(|rest| {
                let (line, column) = rest.split_once(':').unwrap();
                (line.parse().unwrap(), column.trim().parse().unwrap())
            })
            .collect();
        assert_eq!(human, expected, "{name}: human");

        let sarif = parse_json(check(&dir, name, "sarif").as_bytes());
        let run = &sarif["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let from_sarif: Vec<Pos> = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let region = &r["locations"][0]["physicalLocation"]["region"];
                (
                    region["startLine"].as_u64().unwrap(),
                    region["startColumn"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            sorted(from_sarif),
            sorted(expected.clone()),
            "{name}: sarif"
        );

        let github: Vec<Pos> = check(&dir, name, "github")
            .lines()
            .filter(|l| l.starts_with("::"))
            .map(|l| (numbers_after(l, ",line="), numbers_after(l, ",col=")))
            .collect();
        assert_eq!(sorted(github), sorted(expected.clone()), "{name}: github");

        let concise: Vec<Pos> = check(&dir, name, "concise")
            .lines()
            .filter_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(|rest| {
                let mut parts = rest.splitn(3, ':');
                let line = parts.next().unwrap().parse().unwrap();
                let column = parts.next().unwrap().parse().unwrap();
                (line, column)
            })
            .collect();
        assert_eq!(concise, expected, "{name}: concise");

        let checkstyle: Vec<Pos> = check(&dir, name, "checkstyle")
            .lines()
            .filter(|l| l.contains("<error "))
            .map(|l| (numbers_after(l, "line=\""), numbers_after(l, "column=\"")))
            .collect();
        assert_eq!(
            sorted(checkstyle),
            sorted(expected.clone()),
            "{name}: checkstyle"
        );

        let rdjson = parse_json(check(&dir, name, "rdjson").as_bytes());
        let from_rdjson: Vec<Pos> = rdjson["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let start = &d["location"]["range"]["start"];
                (
                    start["line"].as_u64().unwrap(),
                    start["column"].as_u64().unwrap(),
                )
            })
            .collect();
        let in_bytes: Vec<Pos> = starts
            .iter()
            .map(|&o| report_position(text, o, Unit::Utf8))
            .collect();
        assert_eq!(sorted(from_rdjson), sorted(in_bytes), "{name}: rdjson");

        for (server, unit) in [(&mut lsp, Unit::Utf16), (&mut lsp8, Unit::Utf8)] {
            let utf8 = matches!(unit, Unit::Utf8);
            let published = server.diagnostics(&dir.join(name), text);
            let mut from_lsp: Vec<Pos> = published
                .iter()
                .map(|d| {
                    let s = &d["range"]["start"];
                    (
                        s["line"].as_u64().unwrap(),
                        s["character"].as_u64().unwrap(),
                    )
                })
                .collect();
            let mut wanted: Vec<Pos> = starts
                .iter()
                .map(|&o| lsp_position(text, o, if utf8 { Unit::Utf8 } else { Unit::Utf16 }))
                .collect();
            from_lsp.sort();
            wanted.sort();
            assert_eq!(from_lsp, wanted, "{name}: lsp (utf-8: {utf8})");
        }
    }
    lsp.stop();
    lsp8.stop();
}

/// A bare-bones language client: enough to open documents and read what is published.
struct Lsp {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    messages: mpsc::Receiver<Value>,
    version: i64,
}

impl Lsp {
    fn start(dir: &Path, encodings: &[&str]) -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    if header == "\r\n" {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut lsp = Lsp {
            child,
            stdin,
            messages,
            version: 0,
        };
        lsp.send(json!({
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {
                "processId": null,
                "rootUri": uri(dir),
                "capabilities": { "general": { "positionEncodings": encodings } },
            },
        }));
        lsp.wait_for(|m| m["id"] == 1);
        lsp.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
        lsp
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(120))
                .expect("the server answers");
            if wanted(&m) {
                return m;
            }
        }
    }

    fn diagnostics(&mut self, path: &Path, text: &str) -> Vec<Value> {
        self.version += 1;
        let uri = uri(path);
        self.send(json!({
            "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": { "textDocument": {
                "uri": uri, "languageId": "markdown", "version": self.version, "text": text,
            } },
        }));
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn stop(mut self) {
        self.send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
        self.wait_for(|m| m["id"] == 2);
        self.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
        let _ = self.child.wait();
    }
}

fn uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}
