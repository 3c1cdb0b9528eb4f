//! The language server's message handling: the input is a client's byte stream
//! (framed messages, any of them malformed). Whatever it holds, after an
//! `initialize` the server answers every request, with an error if need be,
//! and stops only at `exit`.
//!
//! `workspace/executeCommand` is dropped from the input: the ignore command
//! writes `copydesk.ignore.toml` beside the document's config or in the working
//! folder, and a fuzzer must not write files where a URI points.
#![no_main]

use copydesk::lsp::serve;
use copydesk::lsp::transport::FrameReader;
use libfuzzer_sys::fuzz_target;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use std::collections::HashSet;

fuzz_target!(|data: &[u8]| {
    let (server, client) = Connection::memory();
    let init = Request::new(
        RequestId::from(0),
        "initialize".into(),
        serde_json::json!({"capabilities": {}}),
    );
    client
        .sender
        .send(Message::Request(init))
        .expect("the server end is open");
    let mut reader = FrameReader::new(data);
    let mut asked = HashSet::new();
    while let Ok(Some(frame)) = reader.next_frame() {
        let Some(message) = frame.message else {
            continue;
        };
        match &message {
            Message::Request(r) if r.method == "workspace/executeCommand" => continue,
            // An early `exit` ends the session: what follows is not read.
            Message::Notification(n) if n.method == "exit" => break,
            Message::Request(r) => {
                asked.insert(r.id.clone());
            }
            _ => {}
        }
        client.sender.send(message).expect("the server end is open");
    }
    client
        .sender
        .send(Message::Notification(Notification::new(
            "exit".into(),
            serde_json::Value::Null,
        )))
        .expect("the server end is open");
    serve(&server).expect("the server ends cleanly at exit");
    drop(server);
    let mut answered = HashSet::new();
    for m in client.receiver.try_iter() {
        if let Message::Response(r) = m {
            answered.insert(r.id);
        }
    }
    for id in asked {
        assert!(answered.contains(&id), "request {id} was not answered");
    }
});
