//! The language server's re-check latency (divan, `cargo bench --bench lsp`): the time
//! from a `didChange` to the `publishDiagnostics` it causes, with the debounce set to
//! 0 ms (`initializationOptions.debounceMs`), for a 5 KB and a 200 KB story made of
//! real news copy (`../shared/data`, read in place). The server runs in-process on a
//! memory connection, so the numbers are the server's work: applying the change,
//! checking, converting positions, serialising; not an editor's or a pipe's.
//! `parse_only` (building the Document of the same text) is the baseline measured in
//! the same run.

use copydesk::document::{DocKind, Document};
use lsp_server::{Connection, Message, Notification, Request};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::LazyLock;

/// The allocator the `copydesk` binary (and so `copydesk lsp`) ships with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// Real stories joined into texts of about 5 KB and 200 KB.
static TEXTS: LazyLock<[String; 2]> = LazyLock::new(|| {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/news-bbc-dev/articles.jsonl");
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "SHARED DATA MISSING: cannot read {} ({e}); benchmarks need ../shared beside the checkout",
            path.display()
        )
    });
    let stories: Vec<String> = data
        .lines()
        .map(|l| {
            let a: Value = serde_json::from_str(l).expect("JSONL");
            format!(
                "{}\n\n{}\n\n",
                a["title"].as_str().unwrap_or(""),
                a["body"].as_str().unwrap_or("")
            )
        })
        .collect();
    let upto = |size: usize| {
        let mut t = String::new();
        for s in stories.iter().cycle() {
            if t.len() >= size {
                break;
            }
            t.push_str(s);
        }
        t
    };
    [upto(5 << 10), upto(200 << 10)]
});

/// A server on a memory connection, initialised with no debounce, with `text` open.
struct Session {
    client: Connection,
    thread: Option<std::thread::JoinHandle<()>>,
    version: i64,
}

const URI: &str = "file:///bench/story.txt";

impl Session {
    fn open(text: &str) -> Session {
        let (server, client) = Connection::memory();
        let thread = std::thread::spawn(move || {
            copydesk::lsp::serve(&server).expect("the server runs");
        });
        let mut s = Session {
            client,
            thread: Some(thread),
            version: 1,
        };
        s.request("initialize", json!({"processId": null, "capabilities": {}, "initializationOptions": {"debounceMs": 0}}));
        s.notify("initialized", json!({}));
        s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": URI, "languageId": "plaintext", "version": 1, "text": text}}),
        );
        s.diagnostics();
        s
    }

    fn request(&mut self, method: &str, params: Value) {
        let req = Request::new(1.into(), method.into(), params);
        self.client
            .sender
            .send(Message::Request(req))
            .expect("sent");
        loop {
            if let Message::Response(_) = self.client.receiver.recv().expect("a reply") {
                return;
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.into(), params);
        self.client
            .sender
            .send(Message::Notification(n))
            .expect("sent");
    }

    /// Waits for the next diagnostics; returns how many there are.
    fn diagnostics(&self) -> usize {
        loop {
            if let Message::Notification(n) = self.client.receiver.recv().expect("a message")
                && n.method == "textDocument/publishDiagnostics"
            {
                return n.params["diagnostics"].as_array().map_or(0, Vec::len);
            }
        }
    }

    /// One keystroke: a character typed at the start of the text, then checked again.
    fn edit(&mut self) -> usize {
        self.version += 1;
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": self.version},
                   "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "A"}]}),
        );
        self.diagnostics()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Baseline: building the Document of the same text.
#[divan::bench(args = ["5 KB", "200 KB"])]
fn parse_only(b: divan::Bencher, size: &str) {
    let text = &TEXTS[usize::from(size == "200 KB")];
    b.counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| Document::new(text.clone(), DocKind::Text).words.len());
}

/// A change, then the diagnostics it causes.
#[divan::bench(args = ["5 KB", "200 KB"], sample_count = 30)]
fn recheck_after_edit(b: divan::Bencher, size: &str) {
    let text = &TEXTS[usize::from(size == "200 KB")];
    let mut session = Session::open(text);
    b.counter(divan::counter::BytesCount::new(text.len()))
        .bench_local(|| session.edit());
}
