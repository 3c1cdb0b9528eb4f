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

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            assert!(Instant::now() < deadline, "no response to {method}");
            let msg = self.recv();
            if msg["id"] == json!(id) {
                assert!(msg.get("error").is_none(), "{method} failed: {msg}");
                return msg["result"].clone();
            }
        }
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
    assert!(c.diagnostics(&uri).is_empty(), "ignored after reload");

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
