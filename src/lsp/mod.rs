//! The language server (`copydesk lsp`): the same engine behind an editor.
//!
//! Speaks LSP over stdio with `lsp-server`: incremental text sync, diagnostics
//! published on open, change (debounced) and save, quick fixes and suppression
//! code actions, hover with the rule's description, and configuration reloaded
//! when a `copydesk.toml` is saved or changes on disk. Positions are UTF-16, as
//! LSP requires; the engine's byte spans are converted only here.

mod text;
pub mod transport;

use crate::config::{self, Settings};
use crate::document::{DocKind, Document};
use crate::finding::{Applicability, Finding, Level};
use crate::ignore::{FileFindings, IgnoreFile, fingerprint};
use crate::pack::RuleSet;
use crate::render::LineIndex;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{ExecuteCommandParams, Position};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
pub use text::{apply_change, offset_at, position_of, uri_to_path};
use text::{offset_of, position_in};

/// How long after the last keystroke a document is checked again, unless the client
/// sets `initializationOptions.debounceMs`.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// The longest debounce a client may set.
const MAX_DEBOUNCE_MS: u64 = 10_000;

/// The debounce the client asked for in `initializationOptions.debounceMs` (0 to
/// 10000 ms), else [`DEBOUNCE`]; an unusable value is an error message for the user,
/// and the default applies.
pub fn debounce(init: &Value) -> Result<Duration, String> {
    match init.pointer("/initializationOptions/debounceMs") {
        None | Some(Value::Null) => Ok(DEBOUNCE),
        Some(v) => match v.as_u64().filter(|ms| *ms <= MAX_DEBOUNCE_MS) {
            Some(ms) => Ok(Duration::from_millis(ms)),
            None => Err(format!(
                "copydesk: initializationOptions.debounceMs is {v}; write a whole number of \
                 milliseconds from 0 to {MAX_DEBOUNCE_MS}; using {} ms",
                DEBOUNCE.as_millis()
            )),
        },
    }
}

/// The command behind the "ignore in copydesk.ignore.toml" code action.
const IGNORE_COMMAND: &str = "copydesk.ignore";

/// The command behind the "add to vocabulary" code action: arguments the document's
/// URI and the word.
const ADD_WORD_COMMAND: &str = "copydesk.addToVocabulary";

/// An open document.
struct Open {
    text: String,
    kind: DocKind,
    version: i32,
    /// Findings of the last check of `text`, when it is current.
    findings: Option<Vec<Finding>>,
    /// When the document is due to be checked, if it is.
    due: Option<Instant>,
}

/// A loaded configuration: its settings, compiled rules and ignore file.
struct Loaded {
    rules: Arc<RuleSet>,
    ignore: IgnoreFile,
    settings: Settings,
}

/// The server's state.
struct Server {
    docs: HashMap<String, Open>,
    /// Configurations by config file (None: built-in defaults).
    configs: HashMap<Option<PathBuf>, Arc<Loaded>>,
    today: jiff::civil::Date,
    /// Warnings for the user, shown with the next diagnostics (a config file
    /// skipped because another user owns it).
    notices: Vec<String>,
    /// Wait after an edit before checking again.
    debounce: Duration,
}

/// Runs the server on stdin/stdout until the client says `exit`.
pub fn run_stdio() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (connection, writer) = transport::stdio();
    serve(&connection)?;
    drop(connection);
    // After `exit` the client may close the pipes first; the writer thread's
    // broken pipe is then expected, not an error.
    let _ = writer.join();
    Ok(())
}

/// A document named in a notification or request. URIs stay strings: an
/// editor's URI that a strict parser refuses (a space, a stray `%`) still
/// names the document the editor means.
#[derive(Deserialize)]
struct DocId {
    uri: String,
}

/// `textDocument` of `didOpen`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocItem {
    uri: String,
    language_id: String,
    version: i32,
    text: String,
}

/// `textDocument` of `didChange`.
#[derive(Deserialize)]
struct VersionedDocId {
    uri: String,
    version: i32,
}

#[derive(Deserialize)]
struct ContentChange {
    range: Option<lsp_types::Range>,
    text: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DidOpen {
    text_document: DocItem,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DidChange {
    text_document: VersionedDocId,
    content_changes: Vec<ContentChange>,
}

/// `didSave`, `didClose` and anything else that only names a document.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocParams {
    text_document: DocId,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DocPosition {
    text_document: DocId,
    position: Position,
}

/// The `params` of a message as `T`; the error names the method.
fn params<T: serde::de::DeserializeOwned>(method: &str, params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| format!("invalid params for {method}: {e}"))
}

/// The text of a caught panic.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

fn capabilities() -> Value {
    json!({
        "positionEncoding": "utf-16",
        "textDocumentSync": {"openClose": true, "change": 2, "save": {"includeText": false}},
        "codeActionProvider": {"codeActionKinds": ["quickfix"]},
        "hoverProvider": true,
        "executeCommandProvider": {"commands": [IGNORE_COMMAND, ADD_WORD_COMMAND]},
    })
}

/// Serves one connection: handshake, then the main loop.
pub fn serve(connection: &Connection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Some((id, init)) = initialize(connection)? else {
        return Ok(());
    };
    let result = json!({
        "capabilities": capabilities(),
        "serverInfo": {"name": "copydesk", "version": env!("CARGO_PKG_VERSION")},
    });
    connection
        .sender
        .send(Message::Response(Response::new_ok(id, result)))?;
    let (debounce, notices) = match debounce(&init) {
        Ok(d) => (d, Vec::new()),
        Err(message) => (DEBOUNCE, vec![message]),
    };
    let mut server = Server {
        docs: HashMap::new(),
        configs: HashMap::new(),
        today: crate::document::dates::today(),
        notices,
        debounce,
    };
    if init.pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        == Some(&json!(true))
    {
        let watch = json!({"registrations": [{"id": "copydesk-config", "method": "workspace/didChangeWatchedFiles",
            "registerOptions": {"watchers": [{"globPattern": "**/copydesk.toml"}, {"globPattern": "**/copydesk.ignore.toml"}]}}]});
        let req = Request::new(
            "copydesk/register".to_string().into(),
            "client/registerCapability".into(),
            watch,
        );
        connection.sender.send(Message::Request(req))?;
    }
    loop {
        let due = server.docs.values().filter_map(|d| d.due).min();
        let timeout = due.map_or(Duration::from_secs(3600), |d| {
            d.saturating_duration_since(Instant::now())
        });
        match connection.receiver.recv_timeout(timeout) {
            Ok(Message::Request(req)) => {
                // `shutdown` is answered here; the loop then waits for `exit` (or the
                // client closing the pipe, which some clients do instead).
                let response = if req.method == "shutdown" {
                    Response::new_ok(req.id, Value::Null)
                } else {
                    // A bug met by one request is answered as an error; the
                    // server and the other documents carry on.
                    let id = req.id.clone();
                    let method = req.method.clone();
                    catch_unwind(AssertUnwindSafe(|| server.request(req))).unwrap_or_else(|p| {
                        Response::new_err(
                            id,
                            ErrorCode::InternalError as i32,
                            format!(
                                "internal error in {method}: {}; please report this bug",
                                panic_text(&*p)
                            ),
                        )
                    })
                };
                connection.sender.send(Message::Response(response))?;
            }
            Ok(Message::Notification(n)) => {
                if n.method == "exit" {
                    return Ok(());
                }
                // A notification has no reply: what is wrong with one is logged.
                let method = n.method.clone();
                let outcome = catch_unwind(AssertUnwindSafe(|| server.notification(n, connection)))
                    .unwrap_or_else(|p| {
                        Err(format!(
                            "internal error in {method}: {}; please report this bug",
                            panic_text(&*p)
                        ))
                    });
                if let Err(message) = outcome {
                    notify(
                        connection,
                        "window/logMessage",
                        json!({"type": 1, "message": format!("copydesk: {message}")}),
                    )?;
                }
            }
            Ok(Message::Response(_)) => {}
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => {}
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return Ok(()),
        }
        server.publish_due(connection)?;
    }
}

/// Waits for `initialize`: its id and params, or `None` if the client said
/// `exit` or hung up first. Other requests are answered "not initialized".
///
/// `lsp-server`'s handshake is not used: it ends the server when anything but
/// `initialized` follows the reply, and clients may send requests before it.
#[allow(clippy::type_complexity)]
fn initialize(
    connection: &Connection,
) -> Result<Option<(lsp_server::RequestId, Value)>, Box<dyn std::error::Error + Send + Sync>> {
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) if req.method == "initialize" => {
                return Ok(Some((req.id, req.params)));
            }
            Message::Request(req) => {
                let reply = Response::new_err(
                    req.id,
                    ErrorCode::ServerNotInitialized as i32,
                    format!("{} before initialize", req.method),
                );
                connection.sender.send(Message::Response(reply))?;
            }
            Message::Notification(n) if n.method == "exit" => return Ok(None),
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
    Ok(None)
}

fn kind_of(uri: &str, language: Option<&str>) -> DocKind {
    match language {
        Some("markdown") => DocKind::Markdown,
        Some(_) => DocKind::from_path(uri),
        None => DocKind::from_path(uri),
    }
}

impl Server {
    /// The configuration for a document: `copydesk.toml` found upward from its folder.
    fn config_for(&mut self, uri: &str) -> Result<Arc<Loaded>, String> {
        let dir = uri_to_path(uri).and_then(|p| p.parent().map(Path::to_path_buf));
        let discovered = dir.as_deref().map(config::discover).unwrap_or_default();
        let found = discovered
            .path
            .map(|rel| dir.clone().unwrap_or_default().join(rel));
        if let Some(loaded) = self.configs.get(&found) {
            return Ok(loaded.clone());
        }
        self.notices.extend(
            discovered
                .untrusted
                .iter()
                .map(|u| format!("copydesk: {}", u.warning())),
        );
        let settings = match &found {
            Some(p) => config::load(p).map_err(|e| describe_load_error(&e))?,
            None => Settings::defaults(dir.unwrap_or_default()),
        };
        let rules = Arc::new(settings.rule_set().map_err(|e| describe_load_error(&e))?);
        let ignore = IgnoreFile::load(IgnoreFile::beside(found.as_deref()))
            .map_err(|e| describe_load_error(&e))?;
        let loaded = Arc::new(Loaded {
            rules,
            ignore,
            settings,
        });
        self.configs.insert(found, loaded.clone());
        Ok(loaded)
    }

    /// Checks a document now (if its findings are not current) and returns them.
    fn findings(&mut self, uri: &str) -> Result<Vec<Finding>, String> {
        if let Some(f) = self.docs.get(uri).and_then(|d| d.findings.clone()) {
            return Ok(f);
        }
        let loaded = self.config_for(uri)?;
        let Some(open) = self.docs.get_mut(uri) else {
            return Ok(Vec::new());
        };
        let mut doc = Document::new(open.text.clone(), open.kind);
        doc.resolve_date(None, loaded.settings.year, self.today);
        let mut findings = loaded.rules.check(&doc);
        let path = uri_to_path(uri).unwrap_or_default();
        loaded.ignore.retain(&mut [FileFindings {
            path: &path,
            text: &open.text,
            findings: &mut findings,
        }]);
        open.findings = Some(findings.clone());
        Ok(findings)
    }

    fn publish(
        &mut self,
        uri: &str,
        connection: &Connection,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let (diagnostics, version) = match self.findings(uri) {
            Ok(findings) => {
                let open = &self.docs[uri];
                let idx = LineIndex::new(&open.text);
                (
                    findings
                        .iter()
                        .map(|f| diagnostic(uri, &idx, f))
                        .collect::<Vec<_>>(),
                    open.version,
                )
            }
            Err(message) => {
                show_message(connection, 1, &message)?;
                (Vec::new(), self.docs.get(uri).map_or(0, |d| d.version))
            }
        };
        for notice in std::mem::take(&mut self.notices) {
            show_message(connection, 2, &notice)?;
        }
        let params = json!({"uri": uri, "version": version, "diagnostics": diagnostics});
        notify(connection, "textDocument/publishDiagnostics", params)
    }

    fn publish_due(
        &mut self,
        connection: &Connection,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let now = Instant::now();
        let due: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            if let Some(d) = self.docs.get_mut(&uri) {
                d.due = None;
            }
            self.publish(&uri, connection)?;
        }
        Ok(())
    }

    fn schedule(&mut self, uri: &str, delay: Duration) {
        if let Some(d) = self.docs.get_mut(uri) {
            d.findings = None;
            d.due = Some(Instant::now() + delay);
        }
    }

    /// Forgets every configuration and checks every open document again.
    fn reload(&mut self) {
        self.configs.clear();
        let uris: Vec<String> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.schedule(&uri, Duration::ZERO);
        }
    }

    /// Handles a notification; the error says what was wrong with it.
    fn notification(&mut self, n: Notification, connection: &Connection) -> Result<(), String> {
        let method = n.method.as_str();
        match method {
            "textDocument/didOpen" => {
                let p: DidOpen = params(method, n.params)?;
                let doc = p.text_document;
                let kind = kind_of(&doc.uri, Some(doc.language_id.as_str()));
                self.docs.insert(
                    doc.uri.clone(),
                    Open {
                        text: doc.text,
                        kind,
                        version: doc.version,
                        findings: None,
                        due: None,
                    },
                );
                self.schedule(&doc.uri, Duration::ZERO);
            }
            "textDocument/didChange" => {
                let p: DidChange = params(method, n.params)?;
                let uri = p.text_document.uri;
                if let Some(d) = self.docs.get_mut(&uri) {
                    for change in p.content_changes {
                        apply_change(&mut d.text, change.range, &change.text);
                    }
                    d.version = p.text_document.version;
                }
                self.schedule(&uri, self.debounce);
            }
            "textDocument/didSave" => {
                let uri = params::<DocParams>(method, n.params)?.text_document.uri;
                if uri.ends_with(config::FILE_NAME) || uri.ends_with(crate::ignore::IGNORE_FILE) {
                    self.reload();
                } else {
                    self.schedule(&uri, Duration::ZERO);
                }
            }
            "textDocument/didClose" => {
                let uri = params::<DocParams>(method, n.params)?.text_document.uri;
                self.docs.remove(&uri);
                notify(
                    connection,
                    "textDocument/publishDiagnostics",
                    json!({"uri": uri, "diagnostics": []}),
                )
                .map_err(|e| e.to_string())?;
            }
            "workspace/didChangeWatchedFiles" => self.reload(),
            _ => {}
        }
        Ok(())
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let method = req.method.as_str();
        let invalid =
            |message| Response::new_err(id.clone(), ErrorCode::InvalidParams as i32, message);
        let result = match method {
            // Only the document and range matter: clients differ in how complete the
            // diagnostics they echo in `context` are, so those are not parsed.
            "textDocument/codeAction" => match params::<CodeActionTarget>(method, req.params) {
                Ok(p) => self.code_actions(&p.text_document.uri, p.range),
                Err(e) => return invalid(e),
            },
            "textDocument/hover" => match params(method, req.params) {
                Ok(p) => self.hover(p),
                Err(e) => return invalid(e),
            },
            "workspace/executeCommand" => match params(method, req.params) {
                Ok(p) => self.execute(p),
                Err(e) => return invalid(e),
            },
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("unhandled method {}", req.method),
                );
            }
        };
        match result {
            Ok(v) => Response::new_ok(id, v),
            Err(message) => Response::new_err(id, ErrorCode::InternalError as i32, message),
        }
    }

    fn code_actions(&mut self, uri: &str, target: lsp_types::Range) -> Result<Value, String> {
        let uri = uri.to_string();
        let findings = self.findings(&uri)?;
        let loaded = self.config_for(&uri)?;
        let Some(open) = self.docs.get(&uri) else {
            return Ok(json!([]));
        };
        let text = &open.text;
        let idx = LineIndex::new(text);
        let (start, end) = (offset_of(&idx, target.start), offset_of(&idx, target.end));
        let mut actions = Vec::new();
        for f in findings
            .iter()
            .filter(|f| f.span.start <= end && start <= f.span.end)
        {
            let diag = diagnostic(&uri, &idx, f);
            if let Some(fix) = &f.fix {
                let edits: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| json!({"range": range(&idx, &e.span), "newText": e.replacement}))
                    .collect();
                actions.push(json!({
                    "title": fix.description, "kind": "quickfix", "diagnostics": [diag],
                    "isPreferred": fix.applicability == Applicability::MachineApplicable,
                    "edit": {"changes": {uri.clone(): edits}},
                }));
            }
            let line_start = idx.line_content(idx.line_of(f.span.start)).start;
            let comment = format!("<!-- copydesk-disable-next-line {} -->\n", f.rule);
            actions.push(json!({
                "title": format!("Suppress {} on this line", f.rule), "kind": "quickfix", "diagnostics": [diag],
                "edit": {"changes": {uri.clone(): [{"range": range(&idx, &(line_start..line_start)), "newText": comment}]}},
            }));
            // A word a spelling rule does not know: the newsroom can make it known.
            let word = &text[f.span.clone()];
            let spelling = loaded
                .rules
                .rules()
                .any(|m| m.id == f.rule && matches!(m.kind, "dictionary" | "near-miss"));
            if let Some(folder) = loaded.settings.vocabulary.first()
                && spelling
                && !word.is_empty()
                && !word.contains(char::is_whitespace)
            {
                let accept = folder.join("accept.txt");
                actions.push(json!({
                    "title": format!("Add '{word}' to the vocabulary ({})", crate::pack::display_path(&accept)),
                    "kind": "quickfix", "diagnostics": [diag],
                    "command": {"title": "Add to vocabulary", "command": ADD_WORD_COMMAND, "arguments": [uri, word]},
                }));
            }
            actions.push(json!({
                "title": format!("Ignore this {} finding in copydesk.ignore.toml", f.rule), "kind": "quickfix", "diagnostics": [diag],
                "command": {"title": "Ignore finding", "command": IGNORE_COMMAND,
                    "arguments": [uri, f.rule, fingerprint(text, f), crate::ignore::Entries::entry("", text, f).text]},
            }));
        }
        Ok(Value::Array(actions))
    }

    fn hover(&mut self, p: DocPosition) -> Result<Value, String> {
        let uri = p.text_document.uri;
        let findings = self.findings(&uri)?;
        let loaded = self.config_for(&uri)?;
        let Some(open) = self.docs.get(&uri) else {
            return Ok(Value::Null);
        };
        let at = offset_at(&open.text, p.position);
        let parts: Vec<String> = findings
            .iter()
            .filter(|f| f.span.start <= at && at <= f.span.end)
            .map(|f| {
                let desc = loaded
                    .rules
                    .rules()
                    .find(|m| m.id == f.rule)
                    .map_or("", |m| m.description.trim());
                format!("**{}** ({})\n\n{}\n\n{}", f.rule, f.level, f.message, desc)
            })
            .collect();
        if parts.is_empty() {
            return Ok(Value::Null);
        }
        Ok(json!({"contents": {"kind": "markdown", "value": parts.join("\n\n---\n\n")}}))
    }

    fn execute(&mut self, p: ExecuteCommandParams) -> Result<Value, String> {
        let args: Vec<String> = p
            .arguments
            .iter()
            .map(|a| a.as_str().unwrap_or_default().to_string())
            .collect();
        match p.command.as_str() {
            IGNORE_COMMAND => self.ignore(&args),
            ADD_WORD_COMMAND => self.add_word(&args),
            other => Err(format!("unknown command {other}")),
        }
    }

    /// Adds a word to the first vocabulary folder of the document's configuration, then
    /// checks every open document again.
    fn add_word(&mut self, args: &[String]) -> Result<Value, String> {
        let [uri, word] = args else {
            return Err("expected uri, word".into());
        };
        let loaded = self.config_for(uri)?;
        let Some(folder) = loaded.settings.vocabulary.first() else {
            return Err(
                "copydesk: no vocabulary folder; add `vocabulary = [\"vocabulary\"]` to copydesk.toml"
                    .into(),
            );
        };
        config::add_accepted_word(folder, word).map_err(|e| format!("copydesk: {e}"))?;
        self.reload();
        Ok(Value::Null)
    }

    /// Writes an ignore entry to copydesk.ignore.toml, then checks every open document again.
    fn ignore(&mut self, args: &[String]) -> Result<Value, String> {
        let [uri, rule, fp, text] = args else {
            return Err("expected uri, rule, fingerprint, text".into());
        };
        let loaded = self.config_for(uri)?;
        let entry = crate::ignore::Entry {
            rule: rule.clone(),
            fingerprint: fp.clone(),
            path: uri_to_path(uri).map_or_else(String::new, |p| loaded.ignore.file_key(&p)),
            text: text.clone(),
        };
        crate::ignore::add(&loaded.ignore.path, vec![entry], false)
            .map_err(|e| format!("copydesk: {e}"))?;
        self.reload();
        Ok(Value::Null)
    }
}

/// The document and range of a `textDocument/codeAction` request.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CodeActionTarget {
    text_document: DocId,
    range: lsp_types::Range,
}

fn describe_load_error(e: &crate::error::LoadError) -> String {
    match e {
        crate::error::LoadError::Source(errors) => errors
            .iter()
            .map(|e| match e.line_col() {
                Some((l, c)) => format!("copydesk: {}:{l}:{c}: {}", e.path, e.message),
                None => format!("copydesk: {}: {}", e.path, e.message),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        other => format!("copydesk: {other}"),
    }
}

/// Sends a notification to the client.
fn notify(
    connection: &Connection,
    method: &str,
    params: Value,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    connection
        .sender
        .send(Message::Notification(Notification::new(
            method.into(),
            params,
        )))?;
    Ok(())
}

fn show_message(
    connection: &Connection,
    kind: u8,
    message: &str,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    notify(
        connection,
        "window/showMessage",
        json!({"type": kind, "message": message}),
    )
}

fn range(idx: &LineIndex<'_>, span: &std::ops::Range<usize>) -> Value {
    json!({"start": position_in(idx, span.start), "end": position_in(idx, span.end)})
}

/// A finding as an LSP diagnostic (UTF-16 positions).
fn diagnostic(uri: &str, idx: &LineIndex<'_>, f: &Finding) -> Value {
    let severity = match f.level {
        Level::Error => 1,
        Level::Warning => 2,
        Level::Info => 3,
    };
    let mut message = f.message.clone();
    for n in &f.notes {
        message.push('\n');
        message.push_str(n);
    }
    let related: Vec<Value> = f
        .labels
        .iter()
        .map(|l| json!({"location": {"uri": uri, "range": range(idx, &l.span)}, "message": l.message}))
        .collect();
    let mut d = json!({"range": range(idx, &f.span), "severity": severity, "code": f.rule, "source": "copydesk", "message": message});
    if !related.is_empty() {
        d["relatedInformation"] = Value::Array(related);
    }
    d
}
