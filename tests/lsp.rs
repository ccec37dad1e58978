//! End-to-end tests of `copydesk lsp`: the binary is started and spoken to in framed JSON-RPC
//! over its stdin and stdout, as an editor would. Every byte it writes to stdout must be a frame.

mod common;

use common::temp_dir;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a test waits for a message before failing (the machine may be busy).
const PATIENCE: Duration = Duration::from_secs(60);

/// A story with a safe fix ("alot") after curly quotes, an accent and an emoji, so that UTF-8,
/// UTF-16 and code-point columns all differ; a placeholder; and two forms of percent (a finding
/// with a secondary label).
const STORY: &str = "# Café owners count the cost\n\n\
Le Café “Étoile” 😀 owners spent alot of time on the plan, Pak said.\n\n\
Turnout was 61 percent, up from 47% in 2019, the clerk said.\n\n\
The council will vote on TK soon.\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    /// Messages received while waiting for another one.
    backlog: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path, envs: &[(&str, &str)]) -> Client {
        Client::start_with(dir, &["lsp"], envs)
    }

    fn start_with(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(args)
            .current_dir(dir)
            .envs(envs.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("copydesk lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || read_frames(stdout, sender));
        Client {
            child,
            stdin,
            messages,
            backlog: VecDeque::new(),
            next_id: 0,
        }
    }

    /// Starts the server and initializes it, offering these position encodings.
    fn initialized(dir: &Path, encodings: &[&str]) -> (Client, Value) {
        let mut client = Client::start(dir, &[]);
        let result = client.initialize(dir, encodings);
        (client, result)
    }

    fn initialize(&mut self, dir: &Path, encodings: &[&str]) -> Value {
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(dir),
                "capabilities": {
                    "general": { "positionEncodings": encodings },
                    "workspace": { "workspaceEdit": { "documentChanges": true } },
                },
            }),
        );
        self.notify("initialized", json!({}));
        response["result"].clone()
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (the whole response, `result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The first message (already received or to come) that `wanted` accepts.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i).unwrap();
        }
        loop {
            let message = self
                .messages
                .recv_timeout(PATIENCE)
                .expect("the server answers in time");
            assert!(
                message.get("malformed").is_none(),
                "stdout carried something that is not a frame: {message}"
            );
            if wanted(&message) {
                return message;
            }
            self.backlog.push_back(message);
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// The next diagnostics published for `uri` with no version (config files, closed documents).
    fn unversioned_diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"].get("version").is_none()
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": language, "version": 1, "text": text,
            }}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": changes,
            }),
        );
    }

    /// Shuts down and exits; the exit code.
    fn shutdown(mut self) -> Option<i32> {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    fn wait(mut self) -> Option<i32> {
        drop(self.stdin);
        for _ in 0..600 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        panic!("the server did not exit");
    }
}

/// Reads frames strictly: anything on stdout that is not `Content-Length: N\r\n\r\n` followed by a
/// JSON body is passed on as `{"malformed": …}`, which fails the test that sees it.
fn read_frames(stdout: impl Read, sender: mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 {
            return;
        }
        let mut blank = String::new();
        reader.read_line(&mut blank).unwrap();
        let length = header
            .strip_prefix("Content-Length: ")
            .and_then(|h| h.strip_suffix("\r\n"))
            .and_then(|n| n.parse::<usize>().ok());
        let (Some(length), "\r\n") = (length, blank.as_str()) else {
            let _ = sender.send(json!({ "malformed": format!("{header}{blank}") }));
            return;
        };
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let message = serde_json::from_slice(&body)
            .unwrap_or_else(|_| json!({ "malformed": String::from_utf8_lossy(&body) }));
        if sender.send(message).is_err() {
            return;
        }
    }
}

fn file_uri(path: &Path) -> String {
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

/// The (line, character) of the first `needle` in `text`, in UTF-16 or UTF-8 units.
fn position_of(text: &str, needle: &str, utf16: bool) -> (u64, u64) {
    let offset = text.find(needle).unwrap();
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count();
    let prefix = &text[line_start..offset];
    let column = if utf16 {
        prefix.encode_utf16().count()
    } else {
        prefix.len()
    };
    (line as u64, column as u64)
}

fn start_of(d: &Value) -> (u64, u64) {
    let s = &d["range"]["start"];
    (
        s["line"].as_u64().unwrap(),
        s["character"].as_u64().unwrap(),
    )
}

fn find<'a>(diagnostics: &'a [Value], rule: &str) -> Option<&'a Value> {
    diagnostics.iter().find(|d| d["code"] == rule)
}

fn rules_of(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn open_edit_fix_and_the_diagnostic_goes() {
    let dir = temp_dir("lsp-flow");
    let (mut client, init) = Client::initialized(&dir, &["utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    let uri = file_uri(&dir.join("story.md"));

    client.open(&uri, "markdown", STORY);
    let diagnostics = client.diagnostics(&uri, 1);
    let usage = find(&diagnostics, "style.usage").expect("'alot' is found");
    let (line, character) = position_of(STORY, "alot", true);
    // UTF-16 counts the emoji as two units: neither bytes nor code points would give this column.
    assert_eq!((line, character), (2, 33));
    assert_eq!(start_of(usage), (line, character));
    assert_eq!(usage["range"]["end"]["character"], character + 4);
    assert_eq!(usage["severity"], 2);
    assert_eq!(usage["source"], "copydesk");
    let placeholder = find(&diagnostics, "boilerplate.placeholder").unwrap();
    assert_eq!(placeholder["severity"], 1);
    let percent = find(&diagnostics, "numbers.percent-form").unwrap();
    let related = &percent["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri.as_str());
    assert_eq!(
        start_of(&related["location"]),
        position_of(STORY, "61 percent", true)
    );
    assert!(related["message"].as_str().unwrap().contains("form"));

    // An incremental edit: a word inserted before "alot" moves it along the line.
    client.change(
        &uri,
        2,
        json!([{ "range": { "start": { "line": 2, "character": 0 },
                            "end": { "line": 2, "character": 0 } },
                 "text": "Ça va. " }]),
    );
    let diagnostics = client.diagnostics(&uri, 2);
    assert_eq!(
        start_of(find(&diagnostics, "style.usage").unwrap()),
        (2, character + 7)
    );

    // A full-text change puts it back.
    client.change(&uri, 3, json!([{ "text": STORY }]));
    let diagnostics = client.diagnostics(&uri, 3);
    assert_eq!(
        start_of(find(&diagnostics, "style.usage").unwrap()),
        (line, character)
    );

    // The code actions at "alot": the fix (preferred), then the suppression comment.
    let at = json!({ "line": line, "character": character + 1 });
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": at, "end": at },
            "context": { "diagnostics": [] },
        }),
    );
    let actions = response["result"].as_array().unwrap().clone();
    assert_eq!(actions[0]["title"], "Write 'a lot'");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "style.usage");
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable style.usage for this line")
        .expect("a disable action");
    let comment = &disable["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(
        comment["newText"],
        "<!-- copydesk-disable-next-line style.usage -->\n"
    );
    assert_eq!(start_of(comment), (line, 0));

    // Applying the fix, as an editor does: its edits come back as a change of the named version.
    let change = &actions[0]["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["uri"], uri.as_str());
    assert_eq!(change["textDocument"]["version"], 3);
    let edits: Vec<Value> = change["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
        .collect();
    client.change(&uri, 4, Value::Array(edits));
    let diagnostics = client.diagnostics(&uri, 4);
    assert!(
        find(&diagnostics, "style.usage").is_none(),
        "{diagnostics:?}"
    );
    assert!(find(&diagnostics, "boilerplate.placeholder").is_some());

    // Closing clears the document's diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(client.unversioned_diagnostics(&uri).is_empty());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = temp_dir("lsp-utf8");
    let (mut client, init) = Client::initialized(&dir, &["utf-8", "utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let uri = file_uri(&dir.join("story.md"));
    client.open(&uri, "markdown", STORY);
    let diagnostics = client.diagnostics(&uri, 1);
    let (line, character) = position_of(STORY, "alot", false);
    assert_eq!((line, character), (2, 41));
    assert_eq!(
        start_of(find(&diagnostics, "style.usage").unwrap()),
        (line, character)
    );
    // An incremental edit in bytes: "Le Café" (8 bytes) becomes "La Brasserie".
    client.change(
        &uri,
        2,
        json!([{ "range": { "start": { "line": 2, "character": 0 },
                            "end": { "line": 2, "character": 8 } },
                 "text": "La Brasserie" }]),
    );
    let diagnostics = client.diagnostics(&uri, 2);
    assert_eq!(
        start_of(find(&diagnostics, "style.usage").unwrap()),
        (line, character + 4)
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn malformed_messages_unknown_methods_and_unknown_documents_get_errors() {
    let dir = temp_dir("lsp-errors");
    let mut client = Client::start(&dir, &[]);

    // Before initialize, requests are refused.
    let early = client.request("textDocument/codeAction", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");

    // A body that is not JSON: a parse error with a null id.
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let error = client.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(error["id"], Value::Null);
    // A message with neither method nor result: an invalid request, answered with its id.
    client.send(json!({ "jsonrpc": "2.0", "id": 99 }));
    let error = client.wait_for(|m| m["id"] == 99);
    assert_eq!(error["error"]["code"], -32600);

    client.initialize(&dir, &[]);
    let unknown = client.request("textDocument/hover", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let missing = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": file_uri(&dir.join("never-opened.md")) },
            "range": { "start": { "line": 0, "character": 0 },
                       "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(missing["error"]["code"], -32803, "{missing}");
    let bad = client.request("textDocument/codeAction", json!({ "range": 3 }));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    // A notification with bad params, and one for a document that is not open: logged, not fatal.
    client.notify("textDocument/didOpen", json!({ "textDocument": 7 }));
    client.change(
        &file_uri(&dir.join("never-opened.md")),
        2,
        json!([{ "text": "x" }]),
    );
    let again = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(again["error"]["code"], -32600, "{again}");

    // Still serving.
    let uri = file_uri(&dir.join("story.md"));
    client.open(&uri, "markdown", STORY);
    assert!(find(&client.diagnostics(&uri, 1), "style.usage").is_some());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_1_and_requests_after_shutdown_are_refused() {
    let dir = temp_dir("lsp-exit");
    let (mut client, _) = Client::initialized(&dir, &[]);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(1));

    let (mut client, _) = Client::initialized(&dir, &[]);
    assert_eq!(
        client.request("shutdown", Value::Null)["result"],
        Value::Null
    );
    let late = client.request("textDocument/codeAction", json!({}));
    assert_eq!(late["error"]["code"], -32600, "{late}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(0));
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the test hook exists in debug builds only"
)]
fn a_story_that_panics_is_reported_and_the_server_goes_on() {
    let dir = temp_dir("lsp-panic");
    let mut client = Client::start(&dir, &[("COPYDESK_TEST_PANIC_ON", "BOOM-FOR-TEST")]);
    client.initialize(&dir, &[]);
    let bad = file_uri(&dir.join("bad.md"));
    client.open(&bad, "markdown", "This story says BOOM-FOR-TEST.\n");
    let diagnostics = client.diagnostics(&bad, 1);
    assert_eq!(rules_of(&diagnostics), ["internal-error"]);
    let good = file_uri(&dir.join("good.md"));
    client.open(&good, "markdown", STORY);
    assert!(find(&client.diagnostics(&good, 1), "style.usage").is_some());
    assert_eq!(client.shutdown(), Some(0));
}

const HOUSE_RULE: &str = r#"
[[rule]]
id = "house.click-here"
kind = "pattern"
phrases = ["click here"]
message = "'{match}' says nothing out of context"
link = "https://example.org/style#click-here"
"#;

#[test]
fn the_nearest_config_applies_and_reloads_and_a_broken_one_is_shown_on_itself() {
    let dir = temp_dir("lsp-config");
    std::fs::create_dir_all(dir.join("desk")).unwrap();
    let config = dir.join("copydesk.toml");
    std::fs::write(&config, HOUSE_RULE).unwrap();
    let (mut client, _) = Client::initialized(&dir, &[]);
    let uri = file_uri(&dir.join("desk/story.md"));
    let config_uri = file_uri(&config);
    let text = "For the full report, click here.\n";
    client.open(&uri, "markdown", text);
    let diagnostics = client.diagnostics(&uri, 1);
    let house = find(&diagnostics, "house.click-here").expect("the house rule applies");
    assert_eq!(
        house["codeDescription"]["href"],
        "https://example.org/style#click-here"
    );
    assert!(client.unversioned_diagnostics(&config_uri).is_empty());

    // The config breaks: its error is shown over it, and the story falls back to built-in rules.
    std::fs::write(&config, "[rules]\n\"style.nope\" = \"off\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let problems = client.unversioned_diagnostics(&config_uri);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["severity"], 1);
    assert_eq!(start_of(&problems[0]), (1, 0));
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("style.nope")
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(find(&diagnostics, "house.click-here").is_none());

    // Fixed and saved in the editor: the house rule is back and the error is cleared.
    std::fs::write(&config, HOUSE_RULE).unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": config_uri } }),
    );
    assert!(client.unversioned_diagnostics(&config_uri).is_empty());
    assert!(find(&client.diagnostics(&uri, 1), "house.click-here").is_some());

    // The config open in the editor is not a story: its problems are shown, it has no actions.
    client.open(&config_uri, "toml", HOUSE_RULE);
    assert!(client.unversioned_diagnostics(&config_uri).is_empty());
    let none = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": config_uri },
            "range": { "start": { "line": 1, "character": 0 },
                       "end": { "line": 1, "character": 0 } },
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(none["result"], json!([]), "{none}");

    // A nearer config, noticed when a story is saved.
    std::fs::write(dir.join("desk/copydesk.toml"), "packs = [\"style\"]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri } }),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(find(&diagnostics, "house.click-here").is_none());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_burst_of_edits_ends_with_the_last_version_published() {
    let dir = temp_dir("lsp-burst");
    let (mut client, _) = Client::initialized(&dir, &[]);
    let uri = file_uri(&dir.join("story.txt"));
    client.open(&uri, "plaintext", "Start.\n");
    client.diagnostics(&uri, 1);
    // Thirty keystrokes written at once, then the placeholder.
    let mut burst = Vec::new();
    for version in 2..=31 {
        let change = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{
                    "range": { "start": { "line": 0, "character": 0 },
                               "end": { "line": 0, "character": 0 } },
                    "text": if version == 31 { "TK " } else { "a" },
                }],
            },
        })
        .to_string();
        burst.extend(format!("Content-Length: {}\r\n\r\n{change}", change.len()).into_bytes());
    }
    client.send_raw(&burst);
    let diagnostics = client.diagnostics(&uri, 31);
    assert_eq!(rules_of(&diagnostics), ["boilerplate.placeholder"]);
    assert_eq!(start_of(&diagnostics[0]), (0, 0));
    // Versions are never published out of order.
    let versions: Vec<i64> = client
        .backlog
        .iter()
        .filter(|m| m["params"]["uri"] == uri.as_str())
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert_eq!(client.shutdown(), Some(0));
}

/// The "Disable RULE for this line" action writes a comment the checker honours: applied, the
/// finding goes, in Markdown and in plain text, and nothing reports the comment as unused.
#[test]
fn the_disable_action_silences_the_finding() {
    let dir = temp_dir("lsp-disable");
    let (mut client, _) = Client::initialized(&dir, &["utf-16"]);
    for (name, language) in [("story.md", "markdown"), ("story.txt", "plaintext")] {
        let uri = file_uri(&dir.join(name));
        let text = "Council meets\n\nThe owners spent alot of time on the plan, Pak said.\n";
        client.open(&uri, language, text);
        let diagnostics = client.diagnostics(&uri, 1);
        assert!(
            find(&diagnostics, "style.usage").is_some(),
            "{diagnostics:?}"
        );
        let (line, character) = position_of(text, "alot", true);
        let at = json!({ "line": line, "character": character + 1 });
        let response = client.request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": at, "end": at },
                "context": { "diagnostics": [] },
            }),
        );
        let actions = response["result"].as_array().unwrap().clone();
        let disable = actions
            .iter()
            .find(|a| a["title"] == "Disable style.usage for this line")
            .expect("a disable action");
        let edit = &disable["edit"]["documentChanges"][0]["edits"][0];
        client.change(
            &uri,
            2,
            json!([{ "range": edit["range"], "text": edit["newText"] }]),
        );
        let diagnostics = client.diagnostics(&uri, 2);
        assert_eq!(rules_of(&diagnostics), Vec::<String>::new(), "{name}");
    }
    assert_eq!(client.shutdown(), Some(0));
}

/// The server reads configs as `check` does: the files a config extends, and the `[[override]]`
/// tables that match each document; an excluded file shows nothing.
#[test]
fn extend_overrides_and_exclude_apply_in_the_editor() {
    let dir = temp_dir("lsp-layers");
    std::fs::create_dir_all(dir.join("desk/opinion")).unwrap();
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\n\"boilerplate.placeholder\" = \"off\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("desk/copydesk.toml"),
        "extend = \"../copydesk.toml\"\nexclude = [\"README.md\"]\n\n[[override]]\nfiles = [\"opinion/**\"]\n[override.rules]\n\"style.usage\" = \"off\"\n",
    )
    .unwrap();
    let (mut client, _) = Client::initialized(&dir, &["utf-16"]);
    let text = "The fire destroyed TK homes and took alot of time.\n";
    let news = file_uri(&dir.join("desk/news.md"));
    client.open(&news, "markdown", text);
    assert_eq!(rules_of(&client.diagnostics(&news, 1)), ["style.usage"]);
    let opinion = file_uri(&dir.join("desk/opinion/col.md"));
    client.open(&opinion, "markdown", text);
    assert_eq!(
        rules_of(&client.diagnostics(&opinion, 1)),
        Vec::<String>::new()
    );
    let readme = file_uri(&dir.join("desk/README.md"));
    client.open(&readme, "markdown", text);
    assert_eq!(
        rules_of(&client.diagnostics(&readme, 1)),
        Vec::<String>::new()
    );
    assert_eq!(client.shutdown(), Some(0));
}
