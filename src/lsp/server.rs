//! The server: its state, the main loop and one handler per method.
//!
//! One thread handles messages in order; another reads them from the client. Edits only mark a
//! document dirty. When no message is waiting, every dirty document is linted once and its
//! diagnostics published, so a burst of keystrokes costs one lint, at its end, and nothing waits
//! on a timer. A request that needs fresh findings (a code action) lints its document first.

use super::actions::{self, Target};
use super::configs::{Configs, Rules};
use super::convert::{self, Encoding, LineMap, Placed};
use super::transport::{Incoming, write_error, write_message};
use super::uri;
use crate::batch;
use crate::diagnostic::Diagnostic;
use crate::document::Format;
use crate::source::Source;
use gen_lsp_types as lsp;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

/// How the conversation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`.
    Exit,
    /// `exit` without `shutdown` first.
    ExitWithoutShutdown,
    /// The client closed the stream.
    StreamClosed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`.
    Waiting,
    /// Serving.
    Running,
    /// After `shutdown`: only `exit` is expected.
    ShutDown,
}

/// What the client can do, as far as this server cares.
#[derive(Clone, Copy, Debug, Default)]
struct ClientCaps {
    /// Versioned `documentChanges` in workspace edits.
    document_changes: bool,
    /// `workspace/didChangeWatchedFiles` registered by the server.
    watch_files: bool,
}

/// The findings of one lint, with the text they were made on.
struct Linted {
    text: String,
    lines: LineMap,
    version: i32,
    findings: Vec<Diagnostic>,
}

/// An open document.
struct Open {
    version: i32,
    text: String,
    /// The name the checker is given: the path, with `.md` added when the editor says Markdown
    /// and the name does not.
    name: String,
    path: Option<PathBuf>,
    /// A `copydesk.toml` open in the editor: not a story, never linted.
    is_config: bool,
    rules: Arc<Rules>,
    dirty: bool,
    /// When the oldest change not yet linted was handled.
    changed_at: Option<Instant>,
    linted: Option<Linted>,
}

impl Open {
    fn format(&self) -> Format {
        Format::from_path(&self.name)
    }
}

/// The language server's state.
pub struct Server<'w> {
    out: &'w mut dyn Write,
    phase: Phase,
    encoding: Encoding,
    caps: ClientCaps,
    /// Workspace folders, for the config of documents that are not files.
    roots: Vec<PathBuf>,
    configs: Configs,
    docs: BTreeMap<String, Open>,
    next_id: i32,
    options: batch::Options,
    /// `COPYDESK_LSP_TIMING` set: each lint's latency is written to stderr.
    timing: bool,
}

type Handled = io::Result<Option<Ending>>;

impl<'w> Server<'w> {
    /// A server writing its messages to `out`.
    pub fn new(out: &'w mut dyn Write) -> Self {
        Server {
            out,
            phase: Phase::Waiting,
            encoding: Encoding::Utf16,
            caps: ClientCaps::default(),
            roots: Vec::new(),
            configs: Configs::new(),
            docs: BTreeMap::new(),
            next_id: 0,
            options: batch::Options {
                date: None,
                format: None,
                panic_on: test_panic_hook(),
                alone: false,
            },
            timing: std::env::var_os("COPYDESK_LSP_TIMING").is_some(),
        }
    }

    /// Serves the messages from `incoming` until `exit` or the end of the stream.
    pub fn run(&mut self, incoming: Receiver<Incoming>) -> io::Result<Ending> {
        loop {
            let Ok(first) = incoming.recv() else {
                return Ok(Ending::StreamClosed);
            };
            if let Some(ending) = self.handle(first)? {
                return Ok(ending);
            }
            // Everything that has already arrived is handled before anything is linted.
            loop {
                match incoming.try_recv() {
                    Ok(item) => {
                        if let Some(ending) = self.handle(item)? {
                            return Ok(ending);
                        }
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => return Ok(Ending::StreamClosed),
                }
            }
            self.lint_dirty()?;
        }
    }

    /// Handles one incoming item. A panic in a handler answers its request with an internal error
    /// and leaves the server running.
    pub fn handle(&mut self, item: Incoming) -> Handled {
        match item {
            Incoming::Malformed { id, code, message } => {
                write_error(self.out, &id, code, &message)?;
                Ok(None)
            }
            Incoming::Message(Message::Request(request)) => {
                let id = request.id.clone();
                let method = request.method.clone();
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.request(request)
                }));
                match outcome {
                    Ok(result) => result.map(|()| None),
                    Err(_) => {
                        self.respond_err(
                            id,
                            ErrorCode::InternalError,
                            format!("internal error while handling {method}; please report it"),
                        )?;
                        Ok(None)
                    }
                }
            }
            Incoming::Message(Message::Notification(notification)) => {
                let method = notification.method.clone();
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.notification(notification)
                }));
                match outcome {
                    Ok(result) => result,
                    Err(_) => {
                        self.log(format!(
                            "internal error while handling {method}; please report it"
                        ))?;
                        Ok(None)
                    }
                }
            }
            // Answers to the server's own requests (registering the file watcher) need no action.
            Incoming::Message(Message::Response(_)) => Ok(None),
        }
    }

    fn request(&mut self, request: Request) -> io::Result<()> {
        let id = request.id.clone();
        match (self.phase, request.method.as_str()) {
            (Phase::Waiting, "initialize") => {
                let result = self.initialize(&request.params);
                self.phase = Phase::Running;
                self.respond(id, result)
            }
            (Phase::Waiting, _) => self.respond_err(
                id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet".to_string(),
            ),
            (Phase::ShutDown, _) => self.respond_err(
                id,
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_string(),
            ),
            (Phase::Running, "initialize") => self.respond_err(
                id,
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_string(),
            ),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                self.respond(id, Value::Null)
            }
            (Phase::Running, "textDocument/codeAction") => {
                match params::<CodeActionArgs>(request.params) {
                    Ok(args) => self.code_action(id, args),
                    Err(e) => self.respond_err(id, ErrorCode::InvalidParams, e),
                }
            }
            (Phase::Running, method) => self.respond_err(
                id,
                ErrorCode::MethodNotFound,
                format!("copydesk does not handle {method}"),
            ),
        }
    }

    fn notification(&mut self, notification: Notification) -> Handled {
        if notification.method == "exit" {
            return Ok(Some(if self.phase == Phase::ShutDown {
                Ending::Exit
            } else {
                Ending::ExitWithoutShutdown
            }));
        }
        if self.phase != Phase::Running {
            return Ok(None);
        }
        let method = notification.method.clone();
        let outcome = match method.as_str() {
            "initialized" => Ok(self.initialized()),
            "textDocument/didOpen" => params(notification.params).map(|p| self.did_open(p)),
            "textDocument/didChange" => params(notification.params).map(|p| self.did_change(p)),
            "textDocument/didSave" => params(notification.params).map(|p| self.did_save(p)),
            "textDocument/didClose" => params(notification.params).map(|p| self.did_close(p)),
            "workspace/didChangeWatchedFiles" => {
                params(notification.params).map(|p| self.did_change_watched_files(p))
            }
            // `$/cancelRequest`, `$/setTrace`, settings: nothing to do. Requests are answered in
            // order as they come, so there is nothing to cancel.
            _ => Ok(Ok(())),
        };
        match outcome {
            Ok(result) => result?,
            Err(e) => self.log(format!("{method}: {e}"))?,
        }
        Ok(None)
    }

    fn initialize(&mut self, params: &Value) -> Value {
        let offered: Vec<String> = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        self.encoding = Encoding::negotiate(&offered);
        self.configs.encoding = self.encoding;
        let flag = |pointer: &str| params.pointer(pointer).and_then(Value::as_bool) == Some(true);
        self.caps = ClientCaps {
            document_changes: flag("/capabilities/workspace/workspaceEdit/documentChanges"),
            watch_files: flag("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration"),
        };
        let folders = params
            .get("workspaceFolders")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|f| f.get("uri")?.as_str());
        let root_uri = params.get("rootUri").and_then(Value::as_str);
        self.roots = folders.chain(root_uri).filter_map(uri::to_path).collect();
        if let Some(root_path) = params.get("rootPath").and_then(Value::as_str) {
            self.roots.push(PathBuf::from(root_path));
        }
        json!({
            "capabilities": {
                "positionEncoding": self.encoding.name(),
                "textDocumentSync": {
                    "openClose": true,
                    "change": 2,
                    "save": { "includeText": false },
                },
                "codeActionProvider": { "codeActionKinds": ["quickfix"] },
            },
            "serverInfo": { "name": "copydesk", "version": env!("CARGO_PKG_VERSION") },
        })
    }

    /// Asks the client to watch config files, when it can be asked.
    fn initialized(&mut self) -> io::Result<()> {
        if !self.caps.watch_files {
            return Ok(());
        }
        let watchers: Vec<Value> = crate::config::CONFIG_FILE_NAMES
            .iter()
            .map(|name| json!({ "globPattern": format!("**/{name}") }))
            .collect();
        self.next_id += 1;
        let request = Request::new(
            RequestId::from(self.next_id),
            "client/registerCapability".to_string(),
            json!({ "registrations": [{
                "id": "copydesk-config-files",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": watchers },
            }]}),
        );
        write_message(self.out, &Message::Request(request))
    }

    fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) -> io::Result<()> {
        let item = p.text_document;
        let uri = item.uri.0;
        let path = uri::to_path(&uri);
        let language = String::from(item.language_id);
        let mut name = path
            .as_ref()
            .map_or_else(|| uri.clone(), |p| p.to_string_lossy().into_owned());
        if language == "markdown" && Format::from_path(&name) != Format::Markdown {
            name.push_str(".md");
        }
        let is_config = path.as_deref().is_some_and(Configs::is_config_file);
        if is_config && let Some(path) = &path {
            // Opening the file shows its problems; reading it again costs little.
            self.configs.reload(path);
            self.reassign_configs();
        }
        let rules = self.rules_for(path.as_ref());
        self.docs.insert(
            uri,
            Open {
                version: item.version,
                text: item.text,
                name,
                path,
                is_config,
                rules,
                dirty: !is_config,
                changed_at: Some(Instant::now()),
                linted: None,
            },
        );
        Ok(())
    }

    fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) -> io::Result<()> {
        let uri = p.text_document.text_document_identifier.uri.0;
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return self.log(format!("didChange for {uri}, which is not open"));
        };
        for change in p.content_changes {
            convert::apply_change(&mut doc.text, change, encoding);
        }
        doc.version = p.text_document.version;
        doc.dirty = !doc.is_config;
        doc.changed_at.get_or_insert_with(Instant::now);
        Ok(())
    }

    fn did_save(&mut self, p: lsp::DidSaveTextDocumentParams) -> io::Result<()> {
        let uri = p.text_document.uri.0;
        match uri::to_path(&uri) {
            Some(path) if Configs::is_config_file(&path) => self.configs.reload(&path),
            // A config may have changed on disk without the editor saying so.
            _ => self.configs.refresh(),
        }
        self.reassign_configs();
        Ok(())
    }

    fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) -> io::Result<()> {
        let uri = p.text_document.uri.0;
        match self.docs.remove(&uri) {
            Some(doc) if !doc.is_config => self.publish(&uri, None, Vec::new()),
            Some(_) => Ok(()),
            None => self.log(format!("didClose for {uri}, which is not open")),
        }
    }

    fn did_change_watched_files(&mut self, p: lsp::DidChangeWatchedFilesParams) -> io::Result<()> {
        for change in p.changes {
            if let Some(path) = uri::to_path(&change.uri.0)
                && Configs::is_config_file(&path)
            {
                self.configs.reload(&path);
            }
        }
        self.reassign_configs();
        Ok(())
    }

    /// The rules for a document at `path` (or, for a document that is not a file, those of the
    /// first workspace folder).
    fn rules_for(&mut self, path: Option<&PathBuf>) -> Arc<Rules> {
        match (path, self.roots.first()) {
            (Some(p), _) => self.configs.for_path(p),
            (None, Some(root)) => {
                let root = root.clone();
                self.configs.for_dir(&root)
            }
            (None, None) => self.configs.builtin(),
        }
    }

    /// Looks up each open story's config again; a story whose config changed is linted again.
    fn reassign_configs(&mut self) {
        let paths: Vec<(String, Option<PathBuf>)> = self
            .docs
            .iter()
            .filter(|(_, d)| !d.is_config)
            .map(|(uri, d)| (uri.clone(), d.path.clone()))
            .collect();
        for (uri, path) in paths {
            let rules = self.rules_for(path.as_ref());
            if let Some(doc) = self.docs.get_mut(&uri)
                && !Arc::ptr_eq(&doc.rules, &rules)
            {
                doc.rules = rules;
                doc.dirty = true;
            }
        }
    }

    /// Lints every dirty document and publishes its diagnostics; publishes config problems.
    fn lint_dirty(&mut self) -> io::Result<()> {
        let dirty: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.dirty)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in dirty {
            // The checker isolates a story that panics; this guards the conversion around it.
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.lint(&uri)));
            if let Ok(result) = outcome {
                result?;
            } else {
                if let Some(doc) = self.docs.get_mut(&uri) {
                    doc.dirty = false;
                }
                self.log(format!(
                    "internal error while linting {uri}; please report it"
                ))?;
            }
        }
        self.publish_config_problems()
    }

    fn publish_config_problems(&mut self) -> io::Result<()> {
        for (uri, diagnostics) in self.configs.take_published() {
            self.publish(&uri, None, diagnostics)?;
        }
        Ok(())
    }

    /// Lints one document and publishes its diagnostics.
    fn lint(&mut self, uri: &str) -> io::Result<()> {
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(uri) else {
            return Ok(());
        };
        doc.dirty = false;
        let changed_at = doc.changed_at.take();
        // A file its config's `exclude` names is not a story: nothing to show.
        if let Some(path) = &doc.path
            && doc.rules.config.is_excluded(path)
        {
            let version = doc.version;
            doc.linted = None;
            return self.publish(uri, Some(version), Vec::new());
        }
        let input = batch::Input {
            source: Source::new(doc.name.clone(), doc.text.clone()),
            config: doc.rules.config.clone(),
        };
        let (text, findings, failure) = match batch::check_batch(vec![input], &self.options).pop() {
            Some(Ok(report)) => (report.source.text, report.diagnostics, None),
            Some(Err(e)) => (doc.text.clone(), Vec::new(), Some(e.message)),
            None => (doc.text.clone(), Vec::new(), None),
        };
        let lines = LineMap::new(&text);
        let at = Placed {
            uri,
            text: &text,
            lines: &lines,
            encoding,
        };
        let mut shown: Vec<lsp::Diagnostic> = findings
            .iter()
            .map(|d| convert::diagnostic(d, &at, &doc.rules.links))
            .collect();
        if let Some(message) = &failure {
            shown.push(lsp::Diagnostic {
                severity: Some(lsp::DiagnosticSeverity::Error),
                code: Some(lsp::Code::String("internal-error".to_string())),
                source: Some("copydesk".to_string()),
                message: lsp::Message::String(format!("copydesk: {message}")),
                ..Default::default()
            });
        }
        let version = doc.version;
        doc.linted = Some(Linted {
            text,
            lines,
            version,
            findings,
        });
        if let Some(message) = failure {
            self.log(format!("{uri}: {message}"))?;
        }
        let count = shown.len();
        self.publish(uri, Some(version), shown)?;
        if self.timing
            && let Some(at) = changed_at
        {
            // Not eprintln!, which panics when stderr is closed.
            let _ = writeln!(
                io::stderr(),
                "copydesk lsp: timing: {uri} version {version}: {count} diagnostics published {:.3} ms after the change",
                at.elapsed().as_secs_f64() * 1000.0
            );
        }
        Ok(())
    }

    fn code_action(&mut self, id: RequestId, args: CodeActionArgs) -> io::Result<()> {
        let uri = args.text_document.uri;
        let Some(doc) = self.docs.get(&uri) else {
            return self.respond_err(
                id,
                ErrorCode::RequestFailed,
                format!("{uri} is not open (send textDocument/didOpen first)"),
            );
        };
        let wants_quickfix = args.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|k| k.is_empty() || k == "quickfix" || k.starts_with("quickfix."))
        });
        if doc.is_config || !wants_quickfix {
            return self.respond(id, Vec::<lsp::CodeAction>::new());
        }
        if doc.dirty || doc.linted.is_none() {
            self.lint(&uri)?;
        }
        let doc = &self.docs[&uri];
        let Some(linted) = &doc.linted else {
            return self.respond(id, Vec::<lsp::CodeAction>::new());
        };
        let target = Target {
            at: Placed {
                uri: &uri,
                text: &linted.text,
                lines: &linted.lines,
                encoding: self.encoding,
            },
            version: linted.version,
            format: doc.format(),
            links: &doc.rules.links,
            document_changes: self.caps.document_changes,
        };
        let wanted = linted.lines.span(&linted.text, args.range, self.encoding);
        let actions = actions::code_actions(&linted.findings, wanted, &target);
        self.respond(id, actions)
    }

    fn publish(
        &mut self,
        uri: &str,
        version: Option<i32>,
        diagnostics: Vec<lsp::Diagnostic>,
    ) -> io::Result<()> {
        let params = lsp::PublishDiagnosticsParams {
            uri: lsp::Uri(uri.to_string()),
            version,
            diagnostics,
        };
        let note = Notification::new("textDocument/publishDiagnostics".to_string(), params);
        write_message(self.out, &Message::Notification(note))
    }

    fn respond(&mut self, id: RequestId, result: impl serde::Serialize) -> io::Result<()> {
        write_message(self.out, &Message::Response(Response::new_ok(id, result)))
    }

    fn respond_err(&mut self, id: RequestId, code: ErrorCode, message: String) -> io::Result<()> {
        let response = Response::new_err(id, code as i32, message);
        write_message(self.out, &Message::Response(response))
    }

    /// Tells the client (its log) and stderr about a problem that has no request to answer.
    fn log(&mut self, message: String) -> io::Result<()> {
        let _ = writeln!(io::stderr(), "copydesk lsp: {message}");
        let note = Notification::new(
            "window/logMessage".to_string(),
            json!({ "type": 1, "message": format!("copydesk: {message}") }),
        );
        write_message(self.out, &Message::Notification(note))
    }
}

/// The parameters of a message, or why they do not fit.
fn params<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| format!("invalid params: {e}"))
}

/// `textDocument/codeAction` parameters, read leniently: only what is used.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CodeActionArgs {
    text_document: DocumentId,
    range: lsp::Range,
    #[serde(default)]
    context: ActionContext,
}

#[derive(Deserialize)]
struct DocumentId {
    uri: String,
}

#[derive(Default, Deserialize)]
struct ActionContext {
    #[serde(default)]
    only: Option<Vec<String>>,
}

/// Test-only (debug builds): `COPYDESK_TEST_PANIC_ON=TEXT` makes the check of any story containing
/// TEXT panic, so tests can prove that a failing story does not stop the server.
fn test_panic_hook() -> Option<String> {
    if cfg!(debug_assertions) {
        std::env::var("COPYDESK_TEST_PANIC_ON").ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn message(value: Value) -> Incoming {
        Incoming::Message(serde_json::from_value(value).unwrap())
    }

    /// The JSON bodies of the frames written.
    fn frames(mut out: &[u8]) -> Vec<Value> {
        let mut found = Vec::new();
        while !out.is_empty() {
            let text = std::str::from_utf8(out).unwrap();
            let header_end = text.find("\r\n\r\n").unwrap();
            let length: usize = text[..header_end]
                .strip_prefix("Content-Length: ")
                .unwrap()
                .parse()
                .unwrap();
            let body = &out[header_end + 4..header_end + 4 + length];
            found.push(serde_json::from_slice(body).unwrap());
            out = &out[header_end + 4 + length..];
        }
        found
    }

    #[test]
    fn edits_that_arrive_together_are_linted_once() {
        let uri = "untitled:burst";
        let (sender, receiver) = mpsc::channel();
        let mut queue = vec![
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": uri, "languageId": "markdown", "version": 1, "text": "Start.\n"}}}),
        ];
        for version in 2..=21 {
            queue.push(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                    "end": {"line": 0, "character": 0}}, "text": if version == 21 { "TK " } else { "a" }}]}}));
        }
        queue.push(
            json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []}}}),
        );
        queue.push(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
        queue.push(json!({"jsonrpc": "2.0", "method": "exit"}));
        for m in queue {
            sender.send(message(m)).unwrap();
        }
        let mut out = Vec::new();
        let ending = Server::new(&mut out).run(receiver).unwrap();
        assert_eq!(ending, Ending::Exit);
        let published: Vec<Value> = frames(&out)
            .into_iter()
            .filter(|f| f["method"] == "textDocument/publishDiagnostics")
            .collect();
        assert_eq!(published.len(), 1, "{published:?}");
        assert_eq!(published[0]["params"]["version"], 21);
        // The code action was answered from that one lint, for the placeholder at the start.
        let actions = frames(&out).into_iter().find(|f| f["id"] == 2).unwrap();
        assert_eq!(
            actions["result"][0]["title"],
            "Disable boilerplate.placeholder for this line"
        );
    }
}
