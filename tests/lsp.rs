//! The language server, driven over JSON-RPC as an editor would: initialize,
//! didOpen, diagnostics with UTF-16 ranges, hover, a quick fix applied with an
//! incremental didChange, clean diagnostics, shutdown and exit.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("copydesk lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Client {
            child,
            stdin,
            stdout,
            next_id: 1,
        }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn recv(&mut self) -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "server closed the connection"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut buf = vec![0; len];
        self.stdout.read_exact(&mut buf).unwrap();
        serde_json::from_slice(&buf).unwrap()
    }

    /// Writes bytes as they are, framing and all.
    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Sends a request and returns the whole response, error or not.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.next_where(&format!("response to {method}"), |m| m["id"] == json!(id))
    }

    /// The next message that `wanted` accepts (others are skipped).
    fn next_where(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            assert!(Instant::now() < deadline, "no {what}");
            let msg = self.recv();
            if wanted(&msg) {
                return msg;
            }
        }
    }

    /// The text of the next `window/logMessage`.
    fn logged(&mut self) -> String {
        let msg = self.next_where("log message", |m| m["method"] == "window/logMessage");
        msg["params"]["message"].as_str().unwrap().to_string()
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let msg = self.call(method, params);
        assert!(msg.get("error").is_none(), "{method} failed: {msg}");
        msg["result"].clone()
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let msg = self.recv();
            if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
                return msg["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

#[test]
fn diagnostics_code_actions_hover_and_incremental_changes() {
    let dir = tempfile::tempdir().unwrap();
    let uri = format!("file://{}/story.txt", dir.path().display());
    let mut c = Client::start();
    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(
        init["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    c.notify("initialized", json!({}));

    // An emoji before the typo: UTF-16 columns differ from bytes and chars.
    let text = "😀 The top Rusian diplomat said.\n";
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}));
    let diags = c.diagnostics(&uri);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["code"], "facts/entity-spelling");
    assert_eq!(d["severity"], 1);
    assert_eq!(
        d["range"],
        json!({"start": {"line": 0, "character": 11}, "end": {"line": 0, "character": 17}})
    );

    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 13}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("**facts/entity-spelling**"),
        "{hover}"
    );

    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "Replace with 'Russian'");
    assert!(
        titles.contains(&"Suppress facts/entity-spelling on this line"),
        "{titles:?}"
    );
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "Russian");
    assert_eq!(edit["range"], d["range"]);

    // Apply the fix as an editor would: an incremental change of that range.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": edit["range"], "text": "Russian"}]}),
    );
    assert!(c.diagnostics(&uri).is_empty(), "fixed text is clean");

    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert!(status.success());
}

#[test]
fn suppression_action_inserts_a_comment_and_config_errors_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "disable = [\"style/nope\"]\n",
    )
    .unwrap();
    let uri = format!("file://{}/story.md", dir.path().display());
    let mut c = Client::start();
    c.request("initialize", json!({"processId": null, "capabilities": {}}));
    c.notify("initialized", json!({}));
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "The Rusian envoy.\n"}}));
    // The bad config is reported to the user, not silently ignored.
    loop {
        let msg = c.recv();
        if msg["method"] == "window/showMessage" {
            assert!(
                msg["params"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("copydesk.toml:1:12: no rule or pack is called 'style/nope'"),
                "{msg}"
            );
            break;
        }
    }
    assert!(
        c.diagnostics(&uri).is_empty(),
        "nothing checked with a broken configuration"
    );
    std::fs::write(dir.path().join("copydesk.toml"), "fail-on = \"error\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": []}));
    let diags = c.diagnostics(&uri);
    assert_eq!(diags.len(), 1, "config reloaded: {diags:#?}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diags[0]["range"], "context": {"diagnostics": diags}}),
    );
    let suppress = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Suppress"))
        .unwrap();
    let edit = &suppress["edit"]["changes"][&uri][0];
    assert_eq!(
        edit["newText"],
        "<!-- copydesk-disable-next-line facts/entity-spelling -->\n"
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    assert!(c.diagnostics(&uri).is_empty());

    // The ignore action writes copydesk.ignore.toml beside copydesk.toml.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "The top Rusian diplomat.\n"}]}),
    );
    let diags = c.diagnostics(&uri);
    assert_eq!(diags.len(), 1);
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diags[0]["range"], "context": {"diagnostics": []}}),
    );
    let ignore = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Ignore"))
        .unwrap();
    c.request("workspace/executeCommand", ignore["command"].clone());
    let written = std::fs::read_to_string(dir.path().join("copydesk.ignore.toml")).unwrap();
    assert!(
        written.contains("text = \"top Rusian diplomat\""),
        "{written}"
    );
    // Issue 11: the entry names the story relative to the ignore file's folder, as
    // `check --add-ignore` does, so the file works on every desk's checkout.
    assert!(written.contains("path = \"story.md\"\n"), "{written}");
    assert!(c.diagnostics(&uri).is_empty(), "ignored after reload");

    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}

/// True when the string at `pointer` in `v` contains `needle`.
fn has_text(v: &Value, pointer: &str, needle: &str) -> bool {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains(needle))
}

/// The error reply to a message that could not be read (no id to answer to).
fn is_unreadable(msg: &Value) -> bool {
    msg["id"].is_null() && msg.get("error").is_some()
}

#[test]
fn issue_9_bad_requests_get_errors_and_the_server_keeps_running() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "fail-on = \"error\"\n").unwrap();
    let root = dir.path().display();
    let mut c = Client::start();
    c.request("initialize", json!({"processId": null, "capabilities": {}}));
    c.notify("initialized", json!({}));

    // A `%` before a multi-byte character panicked while decoding the URI.
    let odd = format!("file://{root}/%a\u{e9}.md");
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}});
    let actions = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": odd}, "range": range, "context": {"diagnostics": []}}),
    );
    assert_eq!(actions["result"], json!([]), "{actions}");
    let executed = c.call(
        "workspace/executeCommand",
        json!({"command": "copydesk.ignore", "arguments": [odd, "style/x", "00", "x"]}),
    );
    assert!(executed.get("error").is_none(), "{executed}");

    // Bad params: requests are answered with InvalidParams; notifications are logged.
    let hover = c.call("textDocument/hover", json!({"textDocument": {"uri": odd}}));
    assert_eq!(hover["error"]["code"], -32602, "{hover}");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": odd, "languageId": "markdown", "version": 1}}),
    );
    let log = c.logged();
    assert!(
        log.contains("invalid params for textDocument/didOpen: missing field `text`"),
        "{log}"
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": odd, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]}),
    );
    let log = c.logged();
    assert!(
        log.contains("invalid params for textDocument/didChange"),
        "{log}"
    );

    // Malformed JSON, then a bad header: each gets an error with a null id.
    c.send_raw(b"Content-Length: 10\r\n\r\n{\"jsonrpc\"");
    let err = c.next_where("parse error", is_unreadable);
    assert_eq!(err["error"]["code"], -32700, "{err}");
    c.send_raw(b"Content-Length: nine\r\n\r\n");
    let err = c.next_where("header error", is_unreadable);
    assert!(
        has_text(&err, "/error/message", "bad Content-Length"),
        "{err}"
    );

    // A URI with a space (which strict URI parsers refuse) is checked like any other.
    let spaced = format!("file://{root}/my story.txt");
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": spaced, "languageId": "plaintext", "version": 1, "text": "The top Rusian diplomat said.\n"}}));
    assert_eq!(c.diagnostics(&spaced).len(), 1);

    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}

#[test]
fn issue_9_oversized_messages_are_refused_and_the_next_one_is_read() {
    let mut c = Client::start();
    c.request("initialize", json!({"processId": null, "capabilities": {}}));
    // The size limit plus one byte: refused with a clear error, its bytes skipped.
    let size = (64 << 20) + 1;
    let mut big = format!("Content-Length: {size}\r\n\r\n").into_bytes();
    big.resize(big.len() + size, b' ');
    c.send_raw(&big);
    let err = c.next_where("size error", is_unreadable);
    assert_eq!(err["error"]["code"], -32600, "{err}");
    assert!(
        has_text(&err, "/error/message", "over the 64 MiB limit"),
        "{err}"
    );
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover, Value::Null);

    // A length no client could mean is refused without allocating it; the
    // server then ends normally when the client hangs up (it aborted).
    c.send_raw(b"Content-Length: 99999999999999\r\n\r\n");
    let err = c.next_where("size error", is_unreadable);
    assert!(
        has_text(
            &err,
            "/error/message",
            "99999999999999 bytes is over the 64 MiB limit"
        ),
        "{err}"
    );
    drop(c.stdin);
    let status = c.child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[test]
fn requests_before_initialized_are_answered() {
    let mut c = Client::start();
    let early = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///a.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(early["error"]["code"], -32002, "not initialized: {early}");
    c.request("initialize", json!({"processId": null, "capabilities": {}}));
    // No `initialized` yet: a request is still answered (the server used to quit).
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///a.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover, Value::Null);
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}

#[test]
fn issue_9_ignore_action_refuses_a_link_out_of_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "").unwrap();
    let planted = outside.path().join("planted.toml");
    std::os::unix::fs::symlink(&planted, dir.path().join("copydesk.ignore.toml")).unwrap();
    let uri = format!("file://{}/story.txt", dir.path().display());
    let mut c = Client::start();
    c.request("initialize", json!({"processId": null, "capabilities": {}}));
    c.notify("initialized", json!({}));
    c.send(json!({"jsonrpc": "2.0", "id": 99, "method": "workspace/executeCommand",
        "params": {"command": "copydesk.ignore", "arguments": [uri, "facts/entity-spelling", "0123", "top Rusian diplomat"]}}));
    let reply = loop {
        let msg = c.recv();
        if msg["id"] == json!(99) {
            break msg;
        }
    };
    let message = reply["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("copydesk.ignore.toml: is a link to") && message.contains("not written"),
        "{reply}"
    );
    assert!(!planted.exists(), "nothing created outside the project");
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}

#[test]
fn issue_8_add_to_vocabulary_makes_a_word_known() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "vocabulary = [\"words\"]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("words")).unwrap();
    std::fs::write(dir.path().join("words/accept.txt"), "# house words\nmln").unwrap();
    let uri = format!("file://{}/story.md", dir.path().display());
    let mut c = Client::start();
    c.request("initialize", json!({"processId": null, "capabilities": {}}));
    c.notify("initialized", json!({}));
    // A brand the dictionary lacks, one edit from a word.
    let text = "The company sold its frobnicator and its gizmoe to rivals.\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri);
    let gizmoe = diags
        .iter()
        .find(|d| has_text(d, "/message", "'gizmoe'"))
        .unwrap_or_else(|| panic!("gizmoe flagged: {diags:#?}"));
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": gizmoe["range"], "context": {"diagnostics": [gizmoe]}}),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| has_text(a, "/title", "to the vocabulary"))
        .unwrap_or_else(|| panic!("an add-to-vocabulary action: {actions:#}"));
    assert!(
        has_text(add, "/title", "Add 'gizmoe' to the vocabulary"),
        "{add}"
    );
    c.request("workspace/executeCommand", add["command"].clone());
    let written = std::fs::read_to_string(dir.path().join("words/accept.txt")).unwrap();
    assert_eq!(written, "# house words\nmln\ngizmoe\n");
    let after = c.diagnostics(&uri);
    assert!(
        !after.iter().any(|d| has_text(d, "/message", "'gizmoe'")),
        "known after the reload: {after:#?}"
    );
    // Adding it again changes nothing.
    c.request("workspace/executeCommand", add["command"].clone());
    let again = std::fs::read_to_string(dir.path().join("words/accept.txt")).unwrap();
    assert_eq!(again, written);

    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}

#[test]
fn issue_10_the_debounce_is_set_by_the_client() {
    use copydesk::lsp::{DEBOUNCE, debounce};
    let opts = |v: Value| json!({"initializationOptions": {"debounceMs": v}});
    assert_eq!(debounce(&json!({})), Ok(DEBOUNCE));
    assert_eq!(debounce(&opts(json!(0))), Ok(Duration::ZERO));
    assert_eq!(debounce(&opts(json!(750))), Ok(Duration::from_millis(750)));
    for bad in [json!(-5), json!("fast"), json!(2.5), json!(60_000)] {
        let e = debounce(&opts(bad.clone())).unwrap_err();
        assert!(e.contains("from 0 to 10000; using 200 ms"), "{bad}: {e}");
    }

    // A value the server cannot use is shown to the user, and it goes on with the default.
    let dir = tempfile::tempdir().unwrap();
    let uri = format!("file://{}/story.txt", dir.path().display());
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({"processId": null, "capabilities": {}, "initializationOptions": {"debounceMs": "fast"}}),
    );
    c.notify("initialized", json!({}));
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": "The Rusian envoy.\n"}}));
    let shown = c.next_where("the debounce notice", |m| {
        m["method"] == "window/showMessage"
    });
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .starts_with("copydesk: initializationOptions.debounceMs is \"fast\""),
        "{shown}"
    );
    assert_eq!(c.diagnostics(&uri).len(), 1);
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}
